//! The guide's claims table: every sentence a chapter says about its run
//! (its text, its try-next line) is listed here with a check, and every check
//! runs over 20 seeds and every value of the chapter's controls. A sentence
//! that states no fact (an instruction to the reader) is listed in
//! `INSTRUCTIONS` instead; a chapter sentence in neither list fails
//! `every_sentence_has_a_claim_or_is_an_instruction`, so a new sentence
//! without its claim stands out in review.
//!
//! The checks read what the simulator knows (expected accuracy, the best
//! possible, the drift), never one noisy hold-out score against a cut.

use retrain_playground::sim::ml::truth::{best_accuracy, RuleLines};
use retrain_playground::sim::params::{
    DetectorKind, DriftKind, DriftPattern, ModelKind, RetrainTrigger, SimParams, TrainingWindow,
};
use retrain_playground::sim::retraining::cost::{DEFAULT_FIXED_COST, ROWS_PER_UNIT};
use retrain_playground::sim::retraining::cycle::Simulation;
use retrain_playground::sim::retraining::estimate_gap::TRACKS_WITHIN;
use retrain_playground::sim::retraining::history::CycleSummary;
use retrain_playground::sim::retraining::outcome::{AlertReason, Outcome};
use retrain_playground::sim::retraining::race::{policy_race, PolicyRace};
use retrain_playground::sim::retraining::validate::Fault;
use retrain_playground::sim::stream::drift::DriftState;
use retrain_playground::sim::stream::Concept;
use retrain_playground::sim::teach::guide::{
    chapter, chapters, options, reveal, with_choices, Chapter, GuideControl, GuideRun, Reveal,
    GUIDE_WINDOWS,
};
use retrain_playground::sim::wording::policy_name;

/// Seeds every claim is checked with (the guide's own first).
fn seeds() -> Vec<u64> {
    std::iter::once(2026).chain(1..20).collect()
}

/// One run of a chapter: its settings, fault, the run's results and reveal.
struct Case {
    params: SimParams,
    fault: Option<Fault>,
    summaries: Vec<CycleSummary>,
    race: Option<PolicyRace>,
    reveal: Reveal,
    options: &'static [&'static str],
}

impl Case {
    fn at(&self, cycle: u32) -> &CycleSummary {
        self.summaries
            .iter()
            .find(|s| s.cycle == cycle)
            .unwrap_or_else(|| panic!("cycle {cycle} in the run"))
    }
    fn expected(&self, s: &CycleSummary) -> retrain_playground::sim::retraining::history::Expected {
        s.expected.expect("the guide's runs know the truth")
    }
}

fn run(c: &Chapter, params: &SimParams, fault: Option<Fault>) -> Case {
    let (summaries, race) = match c.run {
        GuideRun::Cycles(n) => {
            let mut sim = Simulation::from_params(params.clone()).unwrap();
            if let Some(f) = fault {
                sim.inject_fault(f);
            }
            sim.finish_cycles(n);
            (sim.summaries().to_vec(), None)
        }
        GuideRun::Race(n) => (Vec::new(), Some(policy_race(params, n).unwrap())),
    };
    let reveal = reveal(c, params, &summaries, race.as_ref()).expect("a finished run reveals");
    Case {
        params: params.clone(),
        fault,
        summaries,
        race,
        reveal,
        options: options(c.prediction),
    }
}

/// Every combination of the chapter's control values the claims are run
/// with: (the student's choices, the fault).
fn control_values(c: &Chapter) -> Vec<(SimParams, Option<Fault>)> {
    let mut out = vec![(c.params.clone(), c.fault)];
    for control in c.controls {
        let mut next = Vec::new();
        for (p, f) in &out {
            match control {
                GuideControl::Window => {
                    for w in GUIDE_WINDOWS {
                        next.push((p.clone().window(w), *f));
                    }
                }
                GuideControl::Threshold => {
                    for t in [0.6, 0.8, 0.9, 0.95] {
                        next.push((p.clone().threshold(t), *f));
                    }
                }
                GuideControl::LabelNoise => {
                    for n in [0.0, 0.1, 0.2] {
                        next.push((p.clone().label_noise(n), *f));
                    }
                }
                GuideControl::DriftKind => {
                    for k in DriftKind::ALL {
                        next.push((p.clone().drift_kind(k), *f));
                    }
                }
                GuideControl::DriftPattern => {
                    for k in DriftPattern::ALL {
                        next.push((p.clone().drift_pattern(k), *f));
                    }
                }
                GuideControl::DriftStrength => {
                    for s in [0.3, 0.6, 1.0] {
                        next.push((p.clone().drift_strength(s), *f));
                    }
                }
                GuideControl::Validation => {
                    for v in [true, false] {
                        next.push((p.clone().validate_data(v), *f));
                    }
                }
                GuideControl::Fault => {
                    for fault in Fault::ALL {
                        next.push((p.clone(), Some(fault)));
                    }
                }
                GuideControl::Floor => {
                    for on in [false, true] {
                        next.push((p.clone().performance_floor(on), *f));
                    }
                }
                GuideControl::Model => {
                    for m in ModelKind::ALL {
                        next.push((p.clone().model(m), *f));
                    }
                }
                GuideControl::LabelDelay => {
                    for d in [0, 1, 3, 6, 8] {
                        next.push((p.clone().label_delay(d), *f));
                    }
                }
            }
        }
        out = next;
    }
    out
}

type Check = fn(&Case) -> Result<(), String>;

/// A sentence of a chapter (a part of it that names it uniquely) and what
/// must hold in every run of the chapter for it to be true.
struct Claim {
    chapter: u8,
    says: &'static str,
    check: Check,
}

fn ensure(ok: bool, why: impl FnOnce() -> String) -> Result<(), String> {
    if ok {
        Ok(())
    } else {
        Err(why())
    }
}

/// The reveal's answer is `want` (the option that names what happened).
fn answer_is(case: &Case, want: usize) -> Result<(), String> {
    ensure(case.reveal.answer == want, || {
        format!(
            "answer {} ({:?}), expected {want}: {:?}",
            case.reveal.answer,
            case.options.get(case.reveal.answer),
            case.reveal.text
        )
    })
}

/// The dotted line of every cycle is the true rule's expected score there.
fn dotted_line_is_the_best_possible(c: &Case) -> Result<(), String> {
    for s in &c.summaries {
        let b = s.best_possible.ok_or("no best-possible line")?;
        ensure(
            (b - best_accuracy(&s.drift, c.params.label_noise)).abs() < 1e-12,
            || {
                format!(
                    "cycle {}: the dotted line {b} is not the true rule's score",
                    s.cycle
                )
            },
        )?;
    }
    Ok(())
}

const CLAIMS: &[Claim] = &[
    // Chapter 1: A model goes stale.
    Claim {
        chapter: 1,
        says: "Model v1, a logistic regression",
        check: |c| {
            ensure(c.params.model == ModelKind::LogisticRegression, || {
                "not a logistic regression".into()
            })?;
            // Left alone: no retrain, no replacement, and no alert either.
            ensure(
                c.summaries
                    .iter()
                    .all(|s| !s.retrained() && s.live_after == 1 && !matches!(s.outcome, Outcome::Alerted { .. })),
                || "v1 was retrained, replaced or alerted about".into(),
            )
        },
    },
    Claim {
        chapter: 1,
        says: "the rule that labels the data turns 108°",
        check: |c| {
            for s in &c.summaries {
                let want = if s.cycle >= 3 { 108.0 } else { 0.0 };
                ensure((s.drift.rotation_deg - want).abs() < 1e-9, || {
                    format!("cycle {} turned {}°", s.cycle, s.drift.rotation_deg)
                })?;
            }
            Ok(())
        },
    },
    Claim {
        chapter: 1,
        says: "the two clouds swing round to the other diagonal",
        check: |c| {
            // Each class's centre moves to the other diagonal (its
            // coordinates' product changes sign), and the newest batch's
            // own class-1 points sit there.
            let turned = c.at(8).drift.concept();
            for class1 in [true, false] {
                let (a, b) = (Concept::ORIGINAL.mean(class1), turned.mean(class1));
                ensure(a[0] * a[1] > 0.5 && b[0] * b[1] < -0.5, || {
                    format!("class {class1} centre {a:?} -> {b:?}")
                })?;
            }
            ensure(!RuleLines::of(&c.at(8).drift).now.line.w1.is_nan(), || {
                "no rule line".into()
            })
        },
    },
    Claim {
        chapter: 1,
        says: "so v1 is wrong more often than right",
        check: |c| {
            for s in c.summaries.iter().filter(|s| s.cycle >= 3) {
                let e = c.expected(s).v1;
                ensure(e < 0.5, || format!("cycle {}: v1 can expect {e:.3}", s.cycle))?;
            }
            answer_is(c, 2)
        },
    },
    Claim {
        chapter: 1,
        says: "at 0.3 the rule turns only 54°, and v1, though worse, stays better than a coin flip",
        check: |c| {
            for strength in [0.3] {
                let gentle = c.params.clone().drift_strength(strength);
                let ch = chapter(1).unwrap();
                let r = run(&ch, &gentle, None);
                for s in &r.summaries {
                    ensure(s.drift.rotation_deg < 90.0, || "turned past 90°".into())?;
                    let e = r.expected(s).v1;
                    ensure(e > 0.5, || format!("strength {strength}: v1 {e:.3}"))?;
                }
                ensure(r.reveal.answer != 2, || format!("{:?}", r.reveal.text))?;
            }
            Ok(())
        },
    },
    // Chapter 2: Retrain on new data.
    Claim {
        chapter: 2,
        says: "is trained every cycle and goes live (it is deployed) if it scores above the threshold (0.80)",
        check: |c| {
            ensure(c.params.threshold == 0.8, || "threshold".into())?;
            for s in &c.summaries {
                let score = s.candidate_score.ok_or("a cycle without a candidate")?;
                ensure(s.deployed() == (score > s.threshold), || {
                    format!("cycle {}: {score} vs deployed {}", s.cycle, s.deployed())
                })?;
            }
            Ok(())
        },
    },
    Claim {
        chapter: 2,
        says: "right after the drift, a window of several batches still holds data labelled by the old rule",
        check: |c| {
            let w = c.at(3).window;
            let several = c.params.window != TrainingWindow::NewestBatch;
            ensure(!several || w.first_cycle < 3, || format!("{w:?}"))
        },
    },
    Claim {
        chapter: 2,
        says: "Pick a window, then predict how quickly the live model recovers.",
        check: |c| {
            // Each window leads to its own option, for every seed: the choice
            // is between distinguishable outcomes.
            let want = GUIDE_WINDOWS
                .iter()
                .position(|w| *w == c.params.window)
                .ok_or("a window the guide offers")?;
            answer_is(c, want)
        },
    },
    // Chapter 3: Deploy or alert.
    Claim {
        chapter: 3,
        says: "A candidate goes live only if it scores above the deploy threshold on the hold-out",
        check: |c| {
            for s in &c.summaries {
                let score = s.candidate_score.ok_or("no candidate")?;
                ensure(s.deployed() == (score > s.threshold), || format!("cycle {}", s.cycle))?;
                if !s.deployed() {
                    ensure(
                        matches!(s.outcome, Outcome::Alerted { .. })
                            && s.live_after == s.live_before,
                        || format!("cycle {}: {:?}", s.cycle, s.outcome),
                    )?;
                }
            }
            Ok(())
        },
    },
    Claim {
        chapter: 3,
        says: "so the first candidate after the drift learns mostly from batches of the old rule",
        check: |c| {
            let w = c.at(3).window;
            ensure(c.params.window == TrainingWindow::Sliding(3), || "window".into())?;
            ensure(w.first_cycle == 1 && w.last_cycle == 3, || format!("{w:?}"))
        },
    },
    Claim {
        chapter: 3,
        says: "Set the threshold, predict",
        check: |c| {
            // At the chapter's threshold one run shows both a deploy and an
            // alert, for every seed.
            if c.params.threshold == 0.8 {
                answer_is(c, 1)?;
            }
            Ok(())
        },
    },
    Claim {
        chapter: 3,
        says: "the same candidates, other decisions",
        check: |c| {
            let ch = chapter(3).unwrap();
            let high = run(&ch, &c.params.clone().threshold(0.9), None);
            let low = run(&ch, &c.params.clone().threshold(0.6), None);
            for (a, b) in high.summaries.iter().zip(&low.summaries) {
                let (x, y) = (a.candidate_score.unwrap(), b.candidate_score.unwrap());
                ensure((x - y).abs() < 1e-6, || format!("cycle {}: {x} vs {y}", a.cycle))?;
            }
            let deploys = |r: &Case| r.summaries.iter().filter(|s| s.deployed()).count();
            ensure(deploys(&low) > deploys(&high), || "same decisions".into())
        },
    },
    // Chapter 4: The best any model can do.
    Claim {
        chapter: 4,
        says: "Nothing drifts here, yet no model scores 1.0",
        check: |c| {
            ensure(c.params.drift_strength == 0.0, || "drifts".into())?;
            ensure(
                c.summaries
                    .iter()
                    .all(|s| s.candidate_score.is_some_and(|x| x < 1.0) && s.live_score < 1.0),
                || "a perfect score".into(),
            )
        },
    },
    Claim {
        chapter: 4,
        says: "the true rule itself can expect only about 0.93",
        check: |_| {
            let clean = best_accuracy(&DriftState::none(1), 0.0);
            ensure((clean - 0.933).abs() < 0.005, || format!("{clean}"))
        },
    },
    Claim {
        chapter: 4,
        says: "each point of noise costs almost a point of accuracy",
        check: |c| {
            let none = DriftState::none(1);
            let per_point = (best_accuracy(&none, 0.0) - best_accuracy(&none, 0.1)) / 0.1;
            ensure((0.8..1.0).contains(&per_point), || format!("{per_point}"))?;
            dotted_line_is_the_best_possible(c)
        },
    },
    Claim {
        chapter: 4,
        says: "line on the accuracy chart is the true rule's expected score",
        check: dotted_line_is_the_best_possible,
    },
    Claim {
        chapter: 4,
        says: "Label noise flips labels at random (10% here)",
        check: |_| {
            let c = chapter(4).unwrap();
            ensure(c.params.label_noise == 0.1, || "noise".into())
        },
    },
    Claim {
        chapter: 4,
        says: "The deploy threshold is 0.95.",
        check: |c| {
            let ch = chapter(4).unwrap();
            ensure(ch.params.threshold == 0.95, || "threshold".into())?;
            // Above the dotted line with 10% noise, nothing passes.
            if c.params.threshold == 0.95 && c.params.label_noise >= 0.1 {
                answer_is(c, 2)?;
            }
            Ok(())
        },
    },
    Claim {
        chapter: 4,
        says: "the dotted line rises only to about 0.93",
        check: |_| {
            let b = best_accuracy(&DriftState::none(1), 0.0);
            ensure(b < 0.95 && b > 0.92, || format!("{b}"))
        },
    },
    // Chapter 5: When to retrain.
    Claim {
        chapter: 5,
        says: "(5 units plus 1 per 1,000 training rows)",
        check: |c| {
            ensure(
                c.params.retrain_fixed_cost == 5 && DEFAULT_FIXED_COST == 5 && ROWS_PER_UNIT == 1_000,
                || "cost rule".into(),
            )
        },
    },
    Claim {
        chapter: 5,
        says: "a drift detector (ADWIN, which fires when the live model's error rate changes)",
        check: |c| {
            let race = c.race.as_ref().ok_or("a race")?;
            ensure(
                race.runs
                    .iter()
                    .any(|r| r.trigger == RetrainTrigger::DriftDetected(DetectorKind::Adwin)),
                || "no ADWIN policy".into(),
            )
        },
    },
    Claim {
        chapter: 5,
        says: "so a policy that misses a drift still retrains",
        check: |c| {
            ensure(c.params.performance_floor, || "no floor".into())?;
            // Every waiting policy retrains in each cycle whose live model
            // the team measured below the threshold.
            for trigger in [
                RetrainTrigger::Schedule(retrain_playground::sim::params::DEFAULT_CRON.into()),
                RetrainTrigger::DriftDetected(DetectorKind::Adwin),
            ] {
                let mut sim =
                    Simulation::from_params(c.params.clone().trigger(trigger.clone())).unwrap();
                sim.finish_cycles(20);
                for s in sim.summaries() {
                    if s.measured.is_some_and(|m| m.score < s.threshold) {
                        ensure(s.trigger.as_ref().is_some_and(|t| t.fired), || {
                            format!(
                                "{trigger:?} {:?} cycle {}: {:?} {:?}",
                                c.params.drift_pattern, s.cycle, s.measured, s.trigger
                            )
                        })?;
                    }
                }
            }
            Ok(())
        },
    },
    Claim {
        chapter: 5,
        says: "The race runs all five policies on the same stream with the same seed",
        check: |c| {
            let race = c.race.as_ref().ok_or("a race")?;
            ensure(race.runs.len() == 5 && race.cycles == 40, || "five policies".into())?;
            let first: Vec<f64> = race.runs.iter().map(|r| r.accuracy[0]).collect();
            ensure(first.windows(2).all(|w| w[0] == w[1]), || format!("{first:?}"))
        },
    },
    // Chapter 6: When a drift detector stalls.
    Claim {
        chapter: 6,
        says: "the only trigger is a drift detector, ADWIN",
        check: |c| {
            ensure(
                c.params.trigger == RetrainTrigger::DriftDetected(DetectorKind::Adwin)
                    && c.params.window == TrainingWindow::Sliding(3),
                || "trigger or window".into(),
            )
        },
    },
    Claim {
        chapter: 6,
        says: "At cycle 3 the rule turns, the error rate jumps, ADWIN fires and the loop retrains.",
        check: |c| {
            let first = c
                .summaries
                .iter()
                .find(|s| s.trigger.as_ref().is_some_and(|t| t.fired))
                .ok_or("ADWIN never fired")?;
            ensure(first.cycle == 3 && first.retrained(), || format!("fired at {}", first.cycle))?;
            ensure(!first.trigger.as_ref().unwrap().cause_is_floor(), || "the floor".into())
        },
    },
    Claim {
        chapter: 6,
        says: "That candidate learns from two batches of the old rule and one of the new, and the threshold (0.80) rejects it.",
        check: |c| {
            let s = c.at(3);
            ensure(s.window.first_cycle == 1 && s.window.last_cycle == 3, || format!("{:?}", s.window))?;
            ensure(
                matches!(
                    s.outcome,
                    Outcome::Alerted { reason: AlertReason::BelowThreshold { .. }, .. }
                ) && s.threshold == 0.8,
                || format!("{:?}", s.outcome),
            )
        },
    },
    Claim {
        chapter: 6,
        says: "What happens next depends on whether anything else can trigger a retrain.",
        check: |c| answer_is(c, if c.params.performance_floor { 1 } else { 2 }),
    },
    // Chapter 7: Bad data.
    Claim {
        chapter: 7,
        says: "a sensor sends nothing (missing values), a labelling job inverts every label (flipped labels), a batch holds one class only, values leave their range",
        check: |_| {
            ensure(
                Fault::ALL
                    == [
                        Fault::MissingValues,
                        Fault::SingleClass,
                        Fault::FlippedLabels,
                        Fault::OutOfRange,
                    ],
                || "the faults".into(),
            )
        },
    },
    Claim {
        chapter: 7,
        says: "sets a failing batch aside: nothing is trained on it",
        check: |c| {
            if c.params.validate_data {
                let s = c.at(1);
                ensure(
                    !s.retrained()
                        && matches!(
                            s.outcome,
                            Outcome::Alerted { reason: AlertReason::ValidationFailed { .. }, .. }
                        ),
                    || format!("{:?}", s.outcome),
                )?;
                answer_is(c, 1)?;
            }
            Ok(())
        },
    },
    Claim {
        chapter: 7,
        says: "missing values or a single class make training fail (an alert, no model)",
        check: |c| {
            if !c.params.validate_data
                && matches!(c.fault, Some(Fault::MissingValues | Fault::SingleClass))
            {
                let s = c.at(1);
                ensure(
                    matches!(
                        s.outcome,
                        Outcome::Alerted { reason: AlertReason::TrainingFailed { .. }, .. }
                    ),
                    || format!("{:?}", s.outcome),
                )?;
                answer_is(c, 2)?;
            }
            Ok(())
        },
    },
    Claim {
        chapter: 7,
        says: "Flipped labels train a model of the inverted rule, and the deploy check passes it",
        check: |c| {
            if !c.params.validate_data && c.fault == Some(Fault::FlippedLabels) {
                ensure(c.at(1).deployed(), || format!("{:?}", c.at(1).outcome))?;
                // What went live is the inverted rule: on the next, clean batch
                // it can expect less than a coin flip.
                let e = c.expected(c.at(2)).live;
                ensure(e < 0.5, || format!("the deployed model can expect {e:.3}"))?;
                answer_is(c, 0)?;
            }
            Ok(())
        },
    },
    Claim {
        chapter: 7,
        says: "Each candidate here learns from the newest batch only.",
        check: |c| ensure(c.params.window == TrainingWindow::NewestBatch, || "window".into()),
    },
    // Chapter 8: Which drift hurts.
    Claim {
        chapter: 8,
        says: "covariate drift moves the inputs but keeps the rule; concept drift changes the rule; prior shift changes how common each class is.",
        check: |c| {
            let d = c.summaries.last().unwrap().drift;
            let moved = RuleLines::of(&d).moved();
            match c.params.drift_kind {
                DriftKind::Covariate => ensure(!moved && d.covariate_shift > 1.0, || "covariate".into()),
                DriftKind::Concept => ensure(moved && d.rotation_deg > 0.0, || "concept".into()),
                DriftKind::Prior => ensure(d.prior > 0.6 && d.rotation_deg == 0.0, || "prior".into()),
            }
        },
    },
    Claim {
        chapter: 8,
        says: "a logistic regression (one straight boundary) unless you pick a decision tree",
        check: |c| {
            ensure(
                c.summaries.iter().all(|s| !s.retrained() && !matches!(s.outcome, Outcome::Alerted { .. })),
                || "retrained or alerted about".into(),
            )?;
            // What each kind does to each model, graded on its expected
            // accuracy: a tree far from its training data may fall anywhere.
            match (c.params.drift_kind, c.params.model) {
                (DriftKind::Concept, _) => answer_is(c, 2),
                (DriftKind::Prior, _) | (DriftKind::Covariate, ModelKind::LogisticRegression) => {
                    answer_is(c, 0)
                }
                (DriftKind::Covariate, ModelKind::DecisionTree) => Ok(()),
            }
        },
    },
    Claim {
        chapter: 8,
        says: "The dotted line is the best any model could expect on the drifted data.",
        check: |c| {
            dotted_line_is_the_best_possible(c)?;
            // Under prior shift the line rises while v1 gains nothing, and
            // always answering the common class beats v1.
            if c.params.drift_kind == DriftKind::Prior {
                let (first, last) = (&c.summaries[0], c.summaries.last().unwrap());
                ensure(
                    last.best_possible.unwrap() > first.best_possible.unwrap() + 0.03,
                    || "the line did not rise".into(),
                )?;
                let v1 = c.expected(last).v1;
                let share = last.drift.prior.max(1.0 - last.drift.prior);
                let majority = retrain_playground::sim::ml::truth::with_noise(share, c.params.label_noise);
                let text = c.reveal.text.join(" ");
                let word = if majority > v1 { ", above v1's" } else { ", not above v1's" };
                ensure(text.contains(word), || text.clone())?;
                // At 95% class 1 and 5% noise: about 0.905.
                if (last.drift.prior - 0.95).abs() < 1e-9 && c.params.label_noise == 0.05 {
                    ensure((majority - 0.905).abs() < 0.001, || format!("{majority}"))?;
                }
            }
            Ok(())
        },
    },
    // Chapter 9: Labels that arrive late.
    Claim {
        chapter: 9,
        says: "Until it does, the team cannot measure the live model on that batch.",
        check: |c| {
            for s in &c.summaries {
                if let Some(m) = s.measured {
                    ensure(m.on_cycle + c.params.label_delay <= s.cycle, || {
                        format!("cycle {} measured on {}", s.cycle, m.on_cycle)
                    })?;
                }
            }
            Ok(())
        },
    },
    Claim {
        chapter: 9,
        says: "the trigger retrains when the team's measured accuracy drops below the threshold (0.80)",
        check: |c| {
            ensure(
                c.params.trigger == RetrainTrigger::PerformanceDrop
                    && c.params.window == TrainingWindow::NewestBatch
                    && c.params.threshold == 0.8,
                || "settings".into(),
            )?;
            for s in c.summaries.iter().filter(|s| s.retrained()) {
                ensure(s.measured.is_some_and(|m| m.score < s.threshold), || {
                    format!("retrained at {} without a measured drop", s.cycle)
                })?;
            }
            Ok(())
        },
    },
    Claim {
        chapter: 9,
        says: "The accuracy chart draws what the team measured (solid)",
        check: |c| {
            // The measured line starts only once labels come in.
            let d = c.params.label_delay;
            for s in &c.summaries {
                ensure(s.measured.is_some() == (s.cycle > d), || {
                    format!("cycle {} delay {d}: {:?}", s.cycle, s.measured)
                })?;
            }
            let want = match 3 + d {
                3 => 0,
                c2 if c2 <= 10 => 1,
                _ => 2,
            };
            answer_is(c, want)
        },
    },
    // Chapter 10: Can you see drift before the labels arrive?
    Claim {
        chapter: 10,
        says: "Labels arrive 3 cycles late here and v1, a logistic regression, is never retrained.",
        check: |c| {
            ensure(
                c.params.label_delay == 3 && c.params.model == ModelKind::LogisticRegression,
                || "settings".into(),
            )?;
            ensure(
                c.summaries.iter().all(|s| !s.retrained() && s.live_before == 1 && s.live_after == 1),
                || "retrained".into(),
            )
        },
    },
    Claim {
        chapter: 10,
        says: "the team can still estimate v1's accuracy from the inputs alone",
        check: |c| {
            for s in &c.summaries {
                let e = s.estimated.ok_or_else(|| format!("cycle {} not estimated", s.cycle))?;
                ensure(e.live == 1, || format!("cycle {} estimates v{}", s.cycle, e.live))?;
            }
            // Before the drift, on data like its own, the calibrated
            // confidence is an honest estimate.
            let before: Vec<f64> = c
                .summaries
                .iter()
                .filter(|s| s.cycle < 3)
                .map(|s| s.estimated.unwrap().score - c.expected(s).live)
                .collect();
            let mean = before.iter().sum::<f64>() / before.len() as f64;
            ensure(mean.abs() <= TRACKS_WITHIN, || format!("before the drift the estimate is off by {mean:.3}"))
        },
    },
    Claim {
        chapter: 10,
        says: "The accuracy chart draws the estimate (dashed) beside what the team measured (solid)",
        check: |c| {
            for s in &c.summaries {
                ensure(s.measured.is_some() == (s.cycle > 3), || format!("cycle {} {:?}", s.cycle, s.measured))?;
                ensure(s.estimated.is_some() && s.expected.is_some(), || format!("cycle {}", s.cycle))?;
            }
            Ok(())
        },
    },
    Claim {
        chapter: 10,
        says: "At cycle 3 covariate drift slides the inputs 4 standard deviations along the rule; concept drift turns the rule 180°, and the two classes' clouds swap places, so the inputs look exactly as before.",
        check: |c| {
            for s in &c.summaries {
                let d = s.drift;
                let on = s.cycle >= 3;
                let ok = match c.params.drift_kind {
                    DriftKind::Covariate => {
                        d.rotation_deg == 0.0 && d.covariate_shift == if on { 4.0 } else { 0.0 } && !RuleLines::of(&d).moved()
                    }
                    // Balanced classes whose centres swap: the same mixture of inputs.
                    DriftKind::Concept => {
                        d.rotation_deg == if on { 180.0 } else { 0.0 } && d.covariate_shift == 0.0 && d.prior == 0.5
                    }
                    DriftKind::Prior => d.rotation_deg == 0.0 && d.covariate_shift == 0.0,
                };
                ensure(ok, || format!("cycle {}: {d:?}", s.cycle))?;
            }
            // What the estimate does after the onset, graded on the
            // expected accuracy over the cycles after it.
            let after: Vec<(f64, f64)> = c
                .summaries
                .iter()
                .filter(|s| s.cycle >= 3)
                .map(|s| (s.estimated.unwrap().score, c.expected(s).live))
                .collect();
            let n = after.len() as f64;
            let gap = after.iter().map(|(e, t)| e - t).sum::<f64>() / n;
            let truth = after.iter().map(|(_, t)| t).sum::<f64>() / n;
            let estimate = after.iter().map(|(e, _)| e).sum::<f64>() / n;
            // The reveal quotes these means, and says why.
            let text = c.reveal.text.join(" ");
            ensure(
                text.contains(&format!("the estimate averaged {estimate:.2} while the true accuracy, which only the simulator knows, averaged {truth:.2}")),
                || text.clone(),
            )?;
            if c.params.drift_kind != DriftKind::Concept {
                ensure(text.contains("stayed an honest guess of its accuracy"), || text.clone())?;
            }
            match c.params.drift_kind {
                // docs/late-labels.md: 0.02–0.03 mean absolute error for
                // logistic regression under covariate drift or a prior shift
                // over all seeds; one run's mean stays within the caption's
                // cut (up to 0.072 here: the luck of v1's 150-row hold-out).
                DriftKind::Covariate | DriftKind::Prior => {
                    ensure(gap.abs() < TRACKS_WITHIN, || format!("gap {gap:.3}"))?;
                    answer_is(c, 0)
                }
                // docs/late-labels.md: +0.77 at 180°, the truth about 0.11.
                DriftKind::Concept => {
                    ensure(gap > 0.6 && truth < 0.2, || format!("gap {gap:.3}, truth {truth:.3}"))?;
                    ensure(text.contains("confidently wrong") && text.contains("Only labels showed it"), || text.clone())?;
                    answer_is(c, 1)
                }
            }
        },
    },
];

/// Sentences that state no fact about a run: instructions and questions to
/// the reader, each reviewed here.
const INSTRUCTIONS: &[&str] = &[
    "Choose another training window and run again",
    "Change the drift pattern (gradual, recurring) and race again",
    "Tick (or untick) the performance floor and run again.",
    "Untick data validation and pick flipped labels",
    "Pick a drift kind and a model, predict, run, then try the others.",
    "Switch the drift kind or the model and run again",
    "Set the label delay to 0, then to 8, and run again",
    "The true label of a row often arrives long after its inputs",
    "Then lower the threshold below the dotted line.",
    "Choose the fault and whether validation runs.",
    "Set how late the labels arrive, then predict.",
    "Pick the drift kind, then predict.",
    "Switch the drift kind and run again",
];

/// Runs every claim of `n` over 20 seeds and every control value.
fn check_chapter(n: u8) {
    let c = chapter(n).unwrap();
    let claims: Vec<&Claim> = CLAIMS.iter().filter(|k| k.chapter == n).collect();
    assert!(!claims.is_empty(), "chapter {n} has no claims");
    let mut failures = Vec::new();
    let seeds = if matches!(c.run, GuideRun::Race(_)) {
        seeds().into_iter().take(8).collect()
    } else {
        seeds()
    };
    let mut answers = vec![0usize; options(c.prediction).len()];
    for (choice, fault) in control_values(&c) {
        for &seed in &seeds {
            let params = with_choices(&c, &choice.clone().seed(seed));
            let case = run(&c, &params, fault);
            answers[case.reveal.answer] += 1;
            for claim in &claims {
                if let Err(e) = (claim.check)(&case) {
                    failures.push(format!(
                        "chapter {n} seed {seed} {fault:?} \u{201c}{}\u{201d}: {e}",
                        claim.says
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    println!("chapter {n}: answers {answers:?}");
}

#[test]
fn chapter_1_claims() {
    check_chapter(1);
}
#[test]
fn chapter_2_claims() {
    check_chapter(2);
}
#[test]
fn chapter_3_claims() {
    check_chapter(3);
}
#[test]
fn chapter_4_claims() {
    check_chapter(4);
}
#[test]
fn chapter_5_claims() {
    check_chapter(5);
}
#[test]
fn chapter_6_claims() {
    check_chapter(6);
}
#[test]
fn chapter_7_claims() {
    check_chapter(7);
}
#[test]
fn chapter_8_claims() {
    check_chapter(8);
}
#[test]
fn chapter_9_claims() {
    check_chapter(9);
}
#[test]
fn chapter_10_claims() {
    check_chapter(10);
}

/// Splits a chapter's text into sentences (at ". " / ": " are not cuts).
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &ch) in chars.iter().enumerate() {
        cur.push(ch);
        let end = matches!(ch, '.' | '?' | '!')
            && chars.get(i + 1).is_none_or(|n| *n == ' ')
            && !cur.ends_with("e.g.");
        if end {
            out.push(cur.trim().to_string());
            cur.clear();
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

/// Every sentence of every chapter's text and try-next line is either named
/// by a claim of its chapter or listed as an instruction.
#[test]
fn every_sentence_has_a_claim_or_is_an_instruction() {
    let mut bare = Vec::new();
    for c in chapters() {
        let all = c.text.iter().copied().chain([c.try_next]);
        for paragraph in all {
            for s in sentences(paragraph) {
                let claimed = CLAIMS.iter().any(|k| {
                    k.chapter == c.number && (s.contains(k.says) || k.says.contains(s.as_str()))
                });
                let instruction = INSTRUCTIONS.iter().any(|i| s.contains(i));
                if !claimed && !instruction {
                    bare.push(format!("chapter {}: {s}", c.number));
                }
            }
        }
    }
    // Every claim still names a sentence the chapter says.
    for k in CLAIMS {
        let c = chapter(k.chapter).unwrap();
        let said = c
            .text
            .iter()
            .copied()
            .chain([c.try_next])
            .any(|t| t.contains(k.says));
        assert!(
            said,
            "chapter {}: no sentence says \u{201c}{}\u{201d}",
            k.chapter, k.says
        );
    }
    assert!(
        bare.is_empty(),
        "sentences without a claim:\n{}",
        bare.join("\n")
    );
}

/// Options that name a misconception the chapter refutes: they never come
/// true, for any seed or control value (that is the chapter's lesson).
const MISCONCEPTIONS: &[(&str, usize)] = &[
    // "ADWIN fires again and a later retrain brings the live model back":
    // after its rejected retrain the error rate is high but steady.
    ("AfterRejection", 0),
    // "It falls well below the true accuracy": the calibrated estimate of a
    // logistic regression never errs low by that much on average.
    ("EstimateFollows", 2),
];

/// Every option of every prediction comes true for some chapter using it,
/// control value and seed, except the misconceptions, which never do.
#[test]
fn every_option_can_come_true() {
    use std::collections::HashMap;
    let mut seen: HashMap<String, Vec<bool>> = HashMap::new();
    for c in chapters() {
        let entry = seen
            .entry(format!("{:?}", c.prediction))
            .or_insert_with(|| vec![false; options(c.prediction).len()]);
        let seeds: Vec<u64> = match c.run {
            GuideRun::Race(_) => seeds().into_iter().take(8).collect(),
            GuideRun::Cycles(_) => seeds(),
        };
        for (choice, fault) in control_values(&c) {
            for &seed in &seeds {
                let params = with_choices(&c, &choice.clone().seed(seed));
                entry[run(&c, &params, fault).reveal.answer] = true;
            }
        }
    }
    for (prediction, options_seen) in seen {
        for (i, &came_true) in options_seen.iter().enumerate() {
            let refuted = MISCONCEPTIONS.contains(&(prediction.as_str(), i));
            assert_eq!(
                came_true, !refuted,
                "{prediction}: option {i} came true: {came_true} (options seen {options_seen:?})"
            );
        }
    }
}

/// The reveal quotes the run it reveals: for every chapter, control value and
/// seed, some score or count of the run appears in its words as shown, and
/// "What happened" is the option the run's facts select.
#[test]
fn reveals_quote_the_run() {
    for c in chapters() {
        let seeds: Vec<u64> = match c.run {
            GuideRun::Race(_) => seeds().into_iter().take(3).collect(),
            GuideRun::Cycles(_) => seeds().into_iter().take(5).collect(),
        };
        for (choice, fault) in control_values(&c) {
            for &seed in &seeds {
                let params = with_choices(&c, &choice.clone().seed(seed));
                let case = run(&c, &params, fault);
                let text = case.reveal.text.join(" ");
                assert!(case.reveal.answer < case.options.len());
                let quoted = match &case.race {
                    Some(race) => race.runs.iter().all(|r| {
                        text.contains(&format!(
                            "{}: {} retrain",
                            policy_name(&r.policy),
                            r.retrains
                        )) && text.contains(&format!("{:.2}", r.mean_accuracy))
                    }),
                    None => case.summaries.iter().any(|s| {
                        let e = s.expected.unwrap();
                        [
                            Some(s.v1_score),
                            Some(s.live_score),
                            s.candidate_score,
                            Some(e.live),
                            Some(e.v1),
                        ]
                        .into_iter()
                        .flatten()
                        .any(|x| text.contains(&format!("{x:.2}")))
                    }),
                };
                assert!(quoted, "chapter {} seed {seed}: {text}", c.number);
            }
        }
    }
}
