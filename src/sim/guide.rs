//! The guided first visit: six chapters, one idea each. A chapter names the run
//! it loads, the few controls it needs, the panels it shows, one prediction the
//! student commits to, and how that prediction is settled by the run itself.
//!
//! The reveal is built from the run's own typed results ([`CycleSummary`],
//! [`PolicyRace`]): [`reveal`] finds which option came true and quotes the
//! numbers that show it. Nothing here is pre-written about a run's numbers, so
//! a changed seed or slider gives a reveal about the run on screen.

use serde::{Deserialize, Serialize};

use super::history::CycleSummary;
use super::outcome::{AlertReason, Outcome};
use super::params::{DriftKind, DriftPattern, RetrainTrigger, SimParams, TrainingWindow};
use super::race::PolicyRace;
use super::validate::Fault;

/// How many chapters the guide has.
pub const CHAPTERS: u8 = 6;

/// The seed every chapter's run starts from (a link's `seed=` replaces it).
pub const GUIDE_SEED: u64 = 2026;

/// A control a chapter shows (the rest of the settings stay in the playground).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum GuideControl {
    /// The drift strength slider.
    DriftStrength,
    /// The drift kind (concept, covariate, prior).
    DriftKind,
    /// The drift pattern (sudden, gradual, …).
    DriftPattern,
    /// The training window.
    Window,
    /// The deploy threshold slider.
    Threshold,
    /// The label noise slider.
    LabelNoise,
    /// Which fault the first new batch carries.
    Fault,
    /// Data validation on or off.
    Validation,
}

/// A panel a chapter shows beside its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum GuidePanel {
    /// The run summary cards (live accuracy, v1, deploys/alerts).
    Stats,
    /// The accuracy-per-cycle chart (live, v1, candidates, threshold).
    Accuracy,
    /// The newest batch with the boundaries.
    Scatter,
    /// The decision of the last cycle.
    Decision,
    /// The validation gate and its checks.
    Gates,
    /// The policy race's chart and table.
    Race,
    /// How much drift has been applied so far.
    Drift,
}

/// What "Run" does in a chapter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum GuideRun {
    /// Start the chapter's run afresh and finish this many cycles.
    Cycles(u32),
    /// Race the retraining policies over this many cycles of the chapter's stream.
    Race(u32),
}

/// The question a chapter asks before its run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Prediction {
    /// Where v1 (never retrained) ends up: about where it began, lower but
    /// above 0.5, or below 0.5.
    StaleLevel,
    /// How soon after the drift the live model is back above the threshold.
    Recovery,
    /// How many candidates pass the threshold: all, some, none.
    Passes,
    /// How often the drift detector retrains compared with every cycle.
    DetectorRetrains,
    /// What happens in the cycle whose batch carries the fault.
    FaultyBatch,
}

/// One chapter of the guide.
#[derive(Clone, Debug, PartialEq)]
pub struct Chapter {
    /// 1-based.
    pub number: u8,
    /// The chapter's idea, as a title.
    pub title: &'static str,
    /// Two to four sentences tied to what is on screen.
    pub text: &'static [&'static str],
    /// The run it loads.
    pub params: SimParams,
    /// A fault the first new batch carries, if any.
    pub fault: Option<Fault>,
    /// The controls it shows.
    pub controls: &'static [GuideControl],
    /// The panels it shows.
    pub panels: &'static [GuidePanel],
    /// What Run does.
    pub run: GuideRun,
    /// The prediction asked before the run.
    pub prediction: Prediction,
    /// What to try after the reveal, with the chapter's controls.
    pub try_next: &'static str,
}

/// Every chapter, in order.
pub fn chapters() -> Vec<Chapter> {
    let base = SimParams::default().seed(GUIDE_SEED);
    // Chapters 1, 2 and 4 watch the same stream: at cycle 3 the rule turns 108°.
    let turning = base
        .clone()
        .drift_kind(DriftKind::Concept)
        .drift_pattern(DriftPattern::Sudden)
        .drift_strength(0.6);
    vec![
        Chapter {
            number: 1,
            title: "A model goes stale",
            text: &[
                "Model v1 was trained once, on the data of cycle 0, and is never retrained here.",
                "From cycle 3 the rule that labels the data turns (concept drift): in the scatter of the newest batch, the points stay where they were, but their colours change.",
                "The accuracy chart plots v1's score on each new batch. When the rule has turned past 90°, most points v1 calls one class now belong to the other.",
            ],
            params: turning.clone().trigger(RetrainTrigger::Never),
            fault: None,
            controls: &[],
            panels: &[GuidePanel::Stats, GuidePanel::Accuracy, GuidePanel::Scatter],
            run: GuideRun::Cycles(8),
            prediction: Prediction::StaleLevel,
            try_next: "Open the Playground later and drag Drift strength: below 0.5 the rule turns less than 90° and v1 stays better than a coin flip.",
        },
        Chapter {
            number: 2,
            title: "Retrain on new data",
            text: &[
                "The same drifting stream, but now a new model is trained on the newest data every cycle and deployed if it scores above the threshold (0.80).",
                "The training window says which batches the candidate learns from: right after the drift, a window of several batches still holds data labelled by the old rule.",
                "Pick a window, then predict how quickly the live model recovers.",
            ],
            params: turning.clone().trigger(RetrainTrigger::EveryCycle),
            fault: None,
            controls: &[GuideControl::Window],
            panels: &[GuidePanel::Stats, GuidePanel::Accuracy, GuidePanel::Scatter],
            run: GuideRun::Cycles(8),
            prediction: Prediction::Recovery,
            try_next: "Choose another training window and run again: compare how many cycles the recovery takes.",
        },
        Chapter {
            number: 3,
            title: "Deploy or alert",
            text: &[
                "A retrained model goes live only if it scores above the deploy threshold; otherwise the team is alerted and the old model stays.",
                "Here nothing drifts, but 10% of the labels are wrong at random (label noise), and the two classes' clouds overlap. No model can predict a label someone flipped at random: even the true rule scores below 0.95. The dotted \u{201c}best possible\u{201d} line on the accuracy chart shows the best any model can expect.",
                "The threshold is set to 0.95.",
            ],
            params: base
                .clone()
                .trigger(RetrainTrigger::EveryCycle)
                .drift_strength(0.0)
                .label_noise(0.1)
                .threshold(0.95),
            fault: None,
            controls: &[GuideControl::Threshold, GuideControl::LabelNoise],
            panels: &[GuidePanel::Stats, GuidePanel::Accuracy, GuidePanel::Decision],
            run: GuideRun::Cycles(6),
            prediction: Prediction::Passes,
            try_next: "Lower the threshold below the dotted best-possible line (or lower the label noise) and run again.",
        },
        Chapter {
            number: 4,
            title: "When to retrain",
            text: &[
                "Retraining every cycle costs a training run each time. Other policies wait for a reason: a schedule (cron), a drift detector watching the live model's errors (ADWIN), or live accuracy dropping below the threshold.",
                "The policy race runs all five policies, never retraining included, on the same stream with the same seed, and counts retrains and accuracy.",
            ],
            params: turning.clone().trigger(RetrainTrigger::EveryCycle),
            fault: None,
            controls: &[GuideControl::DriftPattern],
            panels: &[GuidePanel::Race],
            run: GuideRun::Race(40),
            prediction: Prediction::DetectorRetrains,
            try_next: "Change the drift pattern (gradual, recurring) and race again: which policy wins now?",
        },
        Chapter {
            number: 5,
            title: "Bad data",
            text: &[
                "Real pipelines break: a sensor sends nothing, a labelling job inverts every label. Retraining on such a batch would deploy a broken model automatically.",
                "Before training, the loop validates the new batch (missing values, one class only, values out of range, labels that disagree with the live model). A batch that fails is set aside.",
                "The first new batch of this run carries the fault chosen below; the panel beside shows each check.",
            ],
            params: base
                .clone()
                .trigger(RetrainTrigger::EveryCycle)
                .drift_strength(0.0)
                .validate_data(true),
            fault: Some(Fault::MissingValues),
            controls: &[GuideControl::Fault, GuideControl::Validation],
            panels: &[GuidePanel::Stats, GuidePanel::Decision, GuidePanel::Gates],
            run: GuideRun::Cycles(1),
            prediction: Prediction::FaultyBatch,
            try_next: "Untick data validation (or pick flipped labels) and run again: what reaches the model now?",
        },
        Chapter {
            number: 6,
            title: "Which drift hurts",
            text: &[
                "Drift is not one thing. Covariate drift moves the inputs but keeps the rule; concept drift changes the rule; prior shift changes how common each class is.",
                "v1 is never retrained here, so its accuracy shows what each kind of drift does to a model that stays as it was.",
                "Pick a drift kind, predict, run, then try the others.",
            ],
            params: base
                .trigger(RetrainTrigger::Never)
                .drift_kind(DriftKind::Covariate)
                .drift_pattern(DriftPattern::Incremental)
                .drift_strength(1.0),
            fault: None,
            controls: &[GuideControl::DriftKind],
            panels: &[
                GuidePanel::Stats,
                GuidePanel::Accuracy,
                GuidePanel::Scatter,
                GuidePanel::Drift,
            ],
            run: GuideRun::Cycles(8),
            prediction: Prediction::StaleLevel,
            try_next: "Switch the drift kind and run again: which kinds does v1 survive?",
        },
    ]
}

/// Chapter `n` (1-based), if there is one.
pub fn chapter(n: u8) -> Option<Chapter> {
    chapters().into_iter().find(|c| c.number == n)
}

/// The question, worded for the settings the student chose.
pub fn question(
    prediction: Prediction,
    params: &SimParams,
    cycles: u32,
    fault: Option<Fault>,
) -> String {
    match prediction {
        Prediction::StaleLevel => format!(
            "{} v1 is never retrained. Over the next {cycles} cycles, where will its accuracy end up at its lowest?",
            match params.drift_kind {
                DriftKind::Concept => "The rule that labels the data turns.",
                DriftKind::Covariate => "The inputs slide a long way; the rule that labels them stays.",
                DriftKind::Prior => "One class becomes far more common than the other.",
            }
        ),
        Prediction::Recovery => format!(
            "With the window \u{201c}{}\u{201d}, how soon after the drift (cycle {}) will the live model score above {} again?",
            params.window.label(),
            params.drift_onset,
            super::wording::format_threshold(params.threshold)
        ),
        Prediction::Passes => format!(
            "With {:.0}% of labels wrong at random and a threshold of {}, how many of the {cycles} retrained models will be deployed?",
            params.label_noise * 100.0,
            super::wording::format_threshold(params.threshold)
        ),
        Prediction::DetectorRetrains => format!(
            "Over {cycles} cycles, \u{201c}every cycle\u{201d} retrains {cycles} times. How often will the drift detector (ADWIN) retrain?"
        ),
        Prediction::FaultyBatch => format!(
            "The first new batch arrives with {}, and data validation is {}. What happens in that cycle?",
            fault.map_or_else(|| "no fault".to_string(), |f| f.label().to_lowercase()),
            if params.validate_data { "on" } else { "off" }
        ),
    }
}

/// The options of a prediction, in the order shown.
pub fn options(prediction: Prediction) -> [&'static str; 3] {
    match prediction {
        Prediction::StaleLevel => [
            "About where it started (within 0.05)",
            "Clearly lower, but still above 0.5",
            "Below 0.5: worse than a coin flip",
        ],
        Prediction::Recovery => [
            "Within 2 cycles of the drift",
            "3 or more cycles after the drift",
            "Not within this run",
        ],
        Prediction::Passes => ["All of them", "Some of them", "None of them"],
        Prediction::DetectorRetrains => [
            "About as often (more than half the cycles)",
            "A few times (at least once, at most half the cycles)",
            "Never",
        ],
        Prediction::FaultyBatch => [
            "A model is trained on it and deployed",
            "Retraining is skipped: the live model stays",
            "A model is trained on it but rejected by the threshold",
        ],
    }
}

/// What a chapter's run showed: which option came true, and the words that
/// quote the run's numbers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reveal {
    /// The option (0..3) that came true.
    pub answer: usize,
    /// Sentences quoting the run.
    pub text: Vec<String>,
}

fn two(x: f64) -> String {
    format!("{x:.2}")
}

/// The reveal of a chapter's run, once it is complete: `summaries` are the
/// run's finished cycles (from its start), `race` the policy race if the
/// chapter ran one. `None` while the run has not finished its cycles.
pub fn reveal(
    chapter: &Chapter,
    params: &SimParams,
    summaries: &[CycleSummary],
    race: Option<&PolicyRace>,
) -> Option<Reveal> {
    match chapter.run {
        GuideRun::Cycles(n) => {
            let n = n as usize;
            if summaries.len() < n || n == 0 {
                return None;
            }
            let run = &summaries[..n];
            Some(match chapter.prediction {
                Prediction::StaleLevel => stale_level(params, run),
                Prediction::Recovery => recovery(params, run),
                Prediction::Passes => passes(params, run),
                Prediction::FaultyBatch => faulty_batch(params, run),
                Prediction::DetectorRetrains => return None,
            })
        }
        GuideRun::Race(n) => {
            let race = race.filter(|r| r.cycles == n)?;
            Some(detector_retrains(race))
        }
    }
}

fn stale_level(params: &SimParams, run: &[CycleSummary]) -> Reveal {
    let first = &run[0];
    let last = &run[run.len() - 1];
    let lowest = run
        .iter()
        .min_by(|a, b| a.v1_score.total_cmp(&b.v1_score))
        .unwrap_or(first);
    let start = first.v1_score;
    let answer = if lowest.v1_score < 0.5 {
        2
    } else if lowest.v1_score < start - 0.05 {
        1
    } else {
        0
    };
    let mut text = vec![format!(
        "v1 scored {} on cycle {}'s batch, {} at its lowest (cycle {}) and {} on cycle {}'s.",
        two(start),
        first.cycle,
        two(lowest.v1_score),
        lowest.cycle,
        two(last.v1_score),
        last.cycle
    )];
    let why = match params.drift_kind {
        DriftKind::Concept if lowest.drift.rotation_deg > 90.0 => format!(
            "By cycle {} the rule had turned {:.0}°, past 90°: for most points the side of v1's boundary now means the other class, so it is wrong more often than right, below a coin flip.",
            lowest.cycle, lowest.drift.rotation_deg
        ),
        DriftKind::Concept => format!(
            "The rule turned at most {:.0}°, less than 90°: v1's boundary still puts most points on the right side, so it stays above a coin flip.",
            run.iter().map(|s| s.drift.rotation_deg).fold(0.0, f64::max)
        ),
        DriftKind::Covariate => format!(
            "The inputs slid up to {:.1} standard deviations, but the rule did not change: a point on one side of v1's boundary still has the same class, so v1 stays {}.",
            run.iter().map(|s| s.drift.covariate_shift).fold(0.0, f64::max),
            if answer == 0 { "as accurate as it was" } else { "close to the rule, losing only where the moved clouds overlap its errors" }
        ),
        DriftKind::Prior => format!(
            "Class 1 grew to {:.0}% of the points; the rule did not change, so v1 loses only where the now-common class overlaps its boundary.",
            run.iter().map(|s| s.drift.prior).fold(0.0, f64::max) * 100.0
        ),
    };
    text.push(why);
    Reveal { answer, text }
}

fn recovery(params: &SimParams, run: &[CycleSummary]) -> Reveal {
    let onset = params.drift_onset;
    let after: Vec<&CycleSummary> = run.iter().filter(|s| s.cycle >= onset).collect();
    let worst = after
        .iter()
        .min_by(|a, b| a.live_score.total_cmp(&b.live_score))
        .copied();
    // The first cycle from the onset whose new batch the live model (deployed
    // by the cycle before) scores above the threshold, once it has dropped.
    let dropped_at = after.iter().find(|s| s.live_score <= s.threshold).copied();
    let back = dropped_at.and_then(|d| {
        after
            .iter()
            .find(|s| s.cycle > d.cycle && s.live_score > s.threshold)
            .copied()
    });
    let deploys = run.iter().filter(|s| s.deployed()).count();
    let retrains = run.iter().filter(|s| s.retrained()).count();
    let answer = match (dropped_at, back) {
        (None, _) => 0,
        (Some(_), Some(b)) if b.cycle <= onset + 2 => 0,
        (Some(_), Some(_)) => 1,
        (Some(_), None) => 2,
    };
    let mut text = Vec::new();
    match (dropped_at, worst) {
        (Some(d), Some(w)) => text.push(format!(
            "At cycle {} the live model v{} scored {} on the new batch (v1: {}); the lowest was {} at cycle {}.",
            d.cycle,
            d.live_before,
            two(d.live_score),
            two(d.v1_score),
            two(w.live_score),
            w.cycle
        )),
        _ => text.push(format!(
            "The live model never fell to the threshold ({}) after the drift.",
            super::wording::format_threshold(params.threshold)
        )),
    }
    match back {
        Some(b) => text.push(format!(
            "It was back above {} at cycle {} with v{} ({}), {} cycle{} after the drift began.",
            super::wording::format_threshold(b.threshold),
            b.cycle,
            b.live_before,
            two(b.live_score),
            b.cycle - onset,
            if b.cycle - onset == 1 { "" } else { "s" }
        )),
        None if dropped_at.is_some() => text.push(format!(
            "It was not back above {} by cycle {}.",
            super::wording::format_threshold(params.threshold),
            run[run.len() - 1].cycle
        )),
        None => {}
    }
    let window = match params.window {
        TrainingWindow::NewestBatch => "Trained on the newest batch only, each candidate saw only data labelled by the current rule.".to_string(),
        TrainingWindow::Sliding(k) => format!(
            "Trained on the last {k} batches, the first candidates after the drift still learned from batches labelled by the old rule."
        ),
        TrainingWindow::AllData => "Trained on all data so far, every candidate kept learning from the batches labelled by the old rule.".to_string(),
    };
    text.push(format!(
        "{window} {retrains} candidates were trained and {deploys} deployed; v1 ended at {}.",
        two(run[run.len() - 1].v1_score)
    ));
    Reveal { answer, text }
}

fn passes(params: &SimParams, run: &[CycleSummary]) -> Reveal {
    let trained: Vec<(u32, f64)> = run
        .iter()
        .filter_map(|s| s.candidate_score.map(|c| (s.cycle, c)))
        .collect();
    let deploys = run.iter().filter(|s| s.deployed()).count();
    let alerts = run
        .iter()
        .filter(|s| matches!(s.outcome, Outcome::Alerted { .. }))
        .count();
    let answer = if deploys == 0 {
        2
    } else if deploys == trained.len() {
        0
    } else {
        1
    };
    let best = trained
        .iter()
        .map(|&(_, s)| s)
        .fold(f64::NEG_INFINITY, f64::max);
    let mut text = vec![format!(
        "{} model{} trained; {deploys} deployed and {alerts} alert{} sent to the team.",
        trained.len(),
        if trained.len() == 1 { " was" } else { "s were" },
        if alerts == 1 { " was" } else { "s were" }
    )];
    // The true rule's expected accuracy on these batches (the same every
    // cycle here: nothing drifts; the lowest is quoted if it changed).
    let ceiling = run
        .iter()
        .filter_map(|s| s.best_possible)
        .fold(f64::INFINITY, f64::min);
    if best.is_finite() && ceiling.is_finite() {
        let rows = (params.batch_size as f64 * params.holdout_fraction).round();
        let luck = if best > ceiling {
            format!(
                " (above the average: {rows:.0} hold-out rows make a score lucky or unlucky by a few hundredths)"
            )
        } else {
            String::new()
        };
        text.push(format!(
            "The best candidate scored {}{luck}. With {:.0}% of labels flipped at random, even the true rule scores about {} on average: a threshold of {} is {}.",
            two(best),
            params.label_noise * 100.0,
            two(ceiling),
            super::wording::format_threshold(params.threshold),
            if params.threshold >= ceiling {
                "above what any model can expect, so the alerts are the threshold's fault, not the model's"
            } else {
                "within reach of a good model"
            }
        ));
    }
    Reveal { answer, text }
}

fn faulty_batch(params: &SimParams, run: &[CycleSummary]) -> Reveal {
    let faulty = run.iter().find(|s| s.fault.is_some()).unwrap_or(&run[0]);
    let fault = faulty
        .fault
        .map_or_else(|| "no fault".to_string(), |f| f.label().to_lowercase());
    let (answer, what) = match &faulty.outcome {
        Outcome::Deployed { version, score, .. } => (
            0,
            format!(
                "a model (v{version}) was trained on it and deployed with {} on the hold-out slice of that same batch",
                two(*score)
            ),
        ),
        Outcome::Alerted { reason, live, .. } => match reason {
            AlertReason::ValidationFailed { failures } => (
                1,
                format!(
                    "validation failed {} check{} and retraining was skipped; v{live} stayed live and the team was alerted",
                    failures.len(),
                    if failures.len() == 1 { "" } else { "s" }
                ),
            ),
            AlertReason::BelowThreshold {
                candidate, score, ..
            }
            | AlertReason::ChampionGate {
                candidate, score, ..
            } => (
                2,
                format!(
                    "candidate v{candidate} was trained on it and rejected with {}; v{live} stayed live",
                    two(*score)
                ),
            ),
            AlertReason::TrainingFailed { .. } => (
                1,
                format!("no model could be trained on it; v{live} stayed live and the team was alerted"),
            ),
        },
        Outcome::Kept { live, .. } => (1, format!("retraining did not run; v{live} stayed live")),
    };
    let last = &run[run.len() - 1];
    Reveal {
        answer,
        text: vec![
            format!(
                "Cycle {}'s batch arrived with {fault}, data validation {}: {what}.",
                faulty.cycle,
                if params.validate_data { "on" } else { "off" }
            ),
            format!(
                "At the end of cycle {}, v{} was live and v1 scored {} on the newest batch.",
                last.cycle,
                last.live_after,
                two(last.v1_score)
            ),
        ],
    }
}

fn detector_retrains(race: &PolicyRace) -> Reveal {
    let n = race.cycles;
    let find = |key: &str| race.runs.iter().find(|r| r.trigger.key() == key);
    let detector = find("drift");
    let retrains = detector.map_or(0, |d| d.retrains);
    let answer = if retrains == 0 {
        2
    } else if retrains * 2 > n {
        0
    } else {
        1
    };
    let mut text = vec![format!(
        "Over {n} cycles the drift detector retrained {retrains} time{}.",
        if retrains == 1 { "" } else { "s" }
    )];
    let rows: Vec<String> = race
        .runs
        .iter()
        .map(|r| {
            format!(
                "{}: {} retrain{}, mean accuracy {}",
                r.name,
                r.retrains,
                if r.retrains == 1 { "" } else { "s" },
                two(r.mean_accuracy)
            )
        })
        .collect();
    text.push(format!("{}.", rows.join("; ")));
    if let (Some(every), Some(d)) = (find("every"), detector) {
        text.push(format!(
            "Every cycle bought {} more mean accuracy than the detector with {} more training runs.",
            two((every.mean_accuracy - d.mean_accuracy).max(0.0)),
            every.retrains.saturating_sub(d.retrains)
        ));
    }
    Reveal { answer, text }
}

/// The chapter's settings with the student's choices for its controls (and a
/// link's seed) applied; everything else stays as the chapter set it.
pub fn with_choices(chapter: &Chapter, chosen: &SimParams) -> SimParams {
    let mut p = chapter.params.clone();
    p.seed = chosen.seed;
    for control in chapter.controls {
        match control {
            GuideControl::DriftStrength => p.drift_strength = chosen.drift_strength,
            GuideControl::DriftKind => p.drift_kind = chosen.drift_kind,
            GuideControl::DriftPattern => p.drift_pattern = chosen.drift_pattern,
            GuideControl::Window => p.window = chosen.window,
            GuideControl::Threshold => p.threshold = chosen.threshold,
            GuideControl::LabelNoise => p.label_noise = chosen.label_noise,
            GuideControl::Validation => p.validate_data = chosen.validate_data,
            GuideControl::Fault => {}
        }
    }
    p
}

// Native only: the core is tested natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::cycle::Simulation;
    use crate::sim::race::policy_race;

    fn run(c: &Chapter, params: &SimParams, fault: Option<Fault>) -> Option<Reveal> {
        match c.run {
            GuideRun::Cycles(n) => {
                let mut sim = Simulation::from_params(params.clone()).unwrap();
                if let Some(f) = fault {
                    sim.inject_fault(f);
                }
                sim.finish_cycles(n);
                reveal(c, params, sim.summaries(), None)
            }
            GuideRun::Race(n) => {
                let race = policy_race(params, n).unwrap();
                reveal(c, params, &[], Some(&race))
            }
        }
    }

    #[test]
    fn six_chapters_with_two_to_four_sentences_and_valid_runs() {
        let all = chapters();
        assert_eq!(all.len(), usize::from(CHAPTERS));
        for (i, c) in all.iter().enumerate() {
            assert_eq!(usize::from(c.number), i + 1);
            assert!((2..=4).contains(&c.text.len()), "chapter {}", c.number);
            assert!(c.params.clone().check().is_ok(), "chapter {}", c.number);
            assert_eq!(chapter(c.number).as_ref(), Some(c));
        }
        assert!(chapter(0).is_none() && chapter(7).is_none());
    }

    /// The reveal's numbers are the run's: two seeds, every chapter.
    #[test]
    fn reveals_quote_the_run_for_two_seeds() {
        for seed in [GUIDE_SEED, 7] {
            for c in chapters() {
                let params = c.params.clone().seed(seed);
                let r = run(&c, &params, c.fault).expect("a finished run has a reveal");
                assert!(r.answer < 3);
                let text = r.text.join(" ");
                match c.run {
                    GuideRun::Cycles(n) => {
                        let mut sim = Simulation::from_params(params.clone()).unwrap();
                        if let Some(f) = c.fault {
                            sim.inject_fault(f);
                        }
                        sim.finish_cycles(n);
                        // Every sentence's numbers come from the run: here, at
                        // least one score of its cycles is quoted as shown.
                        let quoted = sim.summaries().iter().any(|s| {
                            [Some(s.v1_score), Some(s.live_score), s.candidate_score]
                                .into_iter()
                                .flatten()
                                .any(|x| text.contains(&format!("{x:.2}")))
                        });
                        assert!(quoted, "chapter {} seed {seed}: {text}", c.number);
                    }
                    GuideRun::Race(n) => {
                        let race = policy_race(&params, n).unwrap();
                        for r in &race.runs {
                            assert!(
                                text.contains(&format!("{}: {} retrain", r.name, r.retrains)),
                                "{text}"
                            );
                        }
                    }
                }
                println!(
                    "chapter {} seed {seed} answer {}: {text}",
                    c.number, r.answer
                );
            }
        }
    }

    #[test]
    fn chapter_one_falls_below_a_coin_flip_and_gentle_drift_does_not() {
        let c = chapter(1).unwrap();
        let r = run(&c, &c.params, None).unwrap();
        assert_eq!(r.answer, 2, "{:?}", r.text);
        assert!(r.text[1].contains("past 90°"), "{:?}", r.text);
        let gentle = c.params.clone().drift_strength(0.3);
        let r = run(&c, &gentle, None).unwrap();
        assert_ne!(r.answer, 2, "{:?}", r.text);
        assert!(r.text[1].contains("less than 90°"), "{:?}", r.text);
    }

    #[test]
    fn covariate_drift_leaves_v1_standing_and_concept_drift_does_not() {
        let c = chapter(6).unwrap();
        let r = run(&c, &c.params, None).unwrap();
        assert_ne!(r.answer, 2, "{:?}", r.text);
        let mut chosen = c.params.clone();
        chosen.drift_kind = DriftKind::Concept;
        let concept = with_choices(&c, &chosen);
        let r = run(&c, &concept, None).unwrap();
        assert_eq!(r.answer, 2, "{:?}", r.text);
    }

    #[test]
    fn prior_shift_is_worded_as_a_changed_balance_for_two_seeds() {
        let c = chapter(6).unwrap();
        for seed in [GUIDE_SEED, 7] {
            let mut chosen = c.params.clone().seed(seed);
            chosen.drift_kind = DriftKind::Prior;
            let prior = with_choices(&c, &chosen);
            let r = run(&c, &prior, None).unwrap();
            assert_ne!(r.answer, 2, "{:?}", r.text);
            assert!(r.text[1].starts_with("Class 1 grew to"), "{:?}", r.text);
            assert!(question(c.prediction, &prior, 8, None).starts_with("One class becomes"));
        }
    }

    #[test]
    fn an_impossible_threshold_deploys_nothing_and_a_reachable_one_does() {
        let c = chapter(3).unwrap();
        let r = run(&c, &c.params, None).unwrap();
        assert_eq!(r.answer, 2, "{:?}", r.text);
        assert!(
            r.text[1].contains("above what any model can expect"),
            "{:?}",
            r.text
        );
        let lower = c.params.clone().threshold(0.7);
        let r = run(&c, &lower, None).unwrap();
        assert_eq!(r.answer, 0, "{:?}", r.text);
    }

    #[test]
    fn validation_skips_the_faulty_batch_and_without_it_a_model_is_trained() {
        let c = chapter(5).unwrap();
        let r = run(&c, &c.params, c.fault).unwrap();
        assert_eq!(r.answer, 1, "{:?}", r.text);
        let off = c.params.clone().validate_data(false);
        let r = run(&c, &off, Some(Fault::FlippedLabels)).unwrap();
        assert_ne!(r.answer, 1, "{:?}", r.text);
    }

    #[test]
    fn an_unfinished_run_has_no_reveal() {
        let c = chapter(1).unwrap();
        let mut sim = Simulation::from_params(c.params.clone()).unwrap();
        sim.finish_cycles(3);
        assert!(reveal(&c, &c.params, sim.summaries(), None).is_none());
        let race = chapter(4).unwrap();
        assert!(reveal(&race, &race.params, &[], None).is_none());
    }

    #[test]
    fn choices_touch_only_the_chapters_controls() {
        let c = chapter(2).unwrap();
        let chosen = SimParams::default()
            .seed(9)
            .threshold(0.5)
            .window(TrainingWindow::NewestBatch);
        let p = with_choices(&c, &chosen);
        assert_eq!(p.seed, 9);
        assert_eq!(p.window, TrainingWindow::NewestBatch);
        assert_eq!(
            p.threshold, c.params.threshold,
            "not a control of chapter 2"
        );
    }
}
