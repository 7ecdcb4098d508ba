//! The reveal of a chapter's run: which option came true, graded on what the
//! simulator knows (expected accuracy, the best possible, the run's typed
//! facts), and the sentences that quote the run's own numbers.

use serde::{Deserialize, Serialize};

use super::{model_name, Chapter, GuideRun, Prediction};
use crate::sim::english::join_words;
use crate::sim::ml::truth::with_noise;
use crate::sim::params::{DriftKind, ModelKind, RetrainTrigger, SimParams, TrainingWindow};
use crate::sim::retraining::estimate_gap::{GapSide, TRACKS_WITHIN};
use crate::sim::retraining::history::{CycleSummary, Expected};
use crate::sim::retraining::outcome::{AlertReason, Outcome};
use crate::sim::retraining::race::{CostVerdict, Policy, PolicyRace};
use crate::sim::retraining::triggers::TriggerCause;
use crate::sim::retraining::validate::Fault;
use crate::sim::wording::{
    format_cost, format_score, format_threshold, policy_name, race_cost_sentence,
};

/// What a chapter's run showed: which option came true, and the words that
/// quote the run's numbers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reveal {
    /// The option that came true (an index into [`options`]).
    pub answer: usize,
    /// Sentences quoting the run.
    pub text: Vec<String>,
}

fn two(x: f64) -> String {
    format!("{x:.2}")
}

fn plural(n: impl Into<u64>, word: &str) -> String {
    let n = n.into();
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
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
                Prediction::AfterRejection => after_rejection(params, run),
                Prediction::BlindSpot => blind_spot(params, run),
                Prediction::EstimateFollows => estimate_follows(params, run),
                Prediction::CheapestNearPolicy => return None,
            })
        }
        GuideRun::Race(n) => {
            let race = race.filter(|r| r.cycles == n)?;
            Some(cheapest_near_policy(params, race))
        }
    }
}

/// A cycle's expected accuracies, falling back to the measured scores where
/// the simulator does not know the truth (never in the guide's runs).
fn expected_of(s: &CycleSummary) -> Expected {
    s.expected.unwrap_or(Expected {
        live: s.live_score,
        v1: s.v1_score,
        candidate: s.candidate_score,
        holdout_rows: 0,
    })
}

fn stale_level(params: &SimParams, run: &[CycleSummary]) -> Reveal {
    let first = &run[0];
    let last = &run[run.len() - 1];
    let ex = |s: &CycleSummary| expected_of(s).v1;
    let lowest = run
        .iter()
        .min_by(|a, b| ex(a).total_cmp(&ex(b)))
        .unwrap_or(first);
    let measured_low = run
        .iter()
        .min_by(|a, b| a.v1_score.total_cmp(&b.v1_score))
        .unwrap_or(first);
    let (start, low) = (ex(first), ex(lowest));
    let rows = expected_of(first).holdout_rows;
    let band = expected_of(first).band(start);
    // "Clearly lower" is a fall in what v1 can expect larger than the
    // sampling band one hold-out score scatters by.
    let answer = if low < 0.5 {
        2
    } else if start - low > band {
        1
    } else {
        0
    };
    let mut text = vec![format!(
        "v1 scored {} on cycle {}'s batch, {} at its lowest (cycle {}) and {} on cycle {}'s.",
        two(first.v1_score),
        first.cycle,
        two(measured_low.v1_score),
        measured_low.cycle,
        two(last.v1_score),
        last.cycle
    )];
    text.push(format!(
        "What v1 could expect on those batches, which only the simulator knows: {} at first and {} at its lowest (cycle {}). Each score is measured on {rows} hold-out rows, so it scatters around what the model can expect by about \u{b1}{} at {}{}: {}.",
        two(start),
        two(low),
        lowest.cycle,
        two(band),
        two(start),
        if (expected_of(lowest).band(low) - band).abs() >= 0.005 {
            format!(" and \u{b1}{} at {}", two(expected_of(lowest).band(low)), two(low))
        } else {
            String::new()
        },
        if answer == 0 {
            format!(
                "a fall of {} is within that, and the measured dips are sampling noise",
                two((start - low).max(0.0))
            )
        } else {
            format!("a fall of {} is more than sampling noise", two(start - low))
        }
    ));
    let who = format!("v1, {},", model_name(params.model));
    let why = match params.drift_kind {
        DriftKind::Concept if lowest.drift.rotation_deg > 90.0 => format!(
            "By cycle {} the rule had turned {:.0}°, past 90°: for most points the side of v1's boundary now means the other class, so it is wrong more often than right, below a coin flip.",
            lowest.cycle, lowest.drift.rotation_deg
        ),
        DriftKind::Concept => format!(
            "The rule turned at most {:.0}°, less than 90°: v1's boundary still puts most points on the right side, so it stays above a coin flip.",
            run.iter().map(|s| s.drift.rotation_deg).fold(0.0, f64::max)
        ),
        DriftKind::Covariate => {
            let slid = run.iter().map(|s| s.drift.covariate_shift).fold(0.0, f64::max);
            match params.model {
                ModelKind::LogisticRegression => format!(
                    "The inputs slid up to {slid:.1} standard deviations along the rule, which did not change. {who} draws one straight line through the data it learned from, and that line still splits the moved clouds almost as well: a point on one side still has the same class."
                ),
                ModelKind::DecisionTree => format!(
                    "The inputs slid up to {slid:.1} standard deviations along the rule, which did not change. {who} cuts the plane into boxes fitted to where its training points were; far from them its boxes were never fitted, so the moved points fall in boxes that guess."
                ),
            }
        }
        DriftKind::Prior => {
            let share = run.iter().map(|s| s.drift.prior).fold(0.0, f64::max);
            let best_then = last.best_possible;
            let majority = with_noise(share.max(1.0 - share), params.label_noise);
            let end = ex(last);
            format!(
                "Class 1 grew to {:.0}% of the points. The best boundary moved towards class 0{}, but {who} kept its old boundary: its expected accuracy went from {} to {}. Accuracy alone hides what a shifted balance does: always answering class 1 would now score about {} at {:.0}% label noise, {} v1's {}.",
                share * 100.0,
                match (first.best_possible, best_then) {
                    (Some(a), Some(b)) => format!(
                        " (the dotted best-possible line rose from {} to {})",
                        two(a),
                        two(b)
                    ),
                    _ => String::new(),
                },
                two(start),
                two(end),
                two(majority),
                params.label_noise * 100.0,
                if majority > end { "above" } else { "not above" },
                two(end)
            )
        }
    };
    text.push(why);
    Reveal { answer, text }
}

fn recovery(params: &SimParams, run: &[CycleSummary]) -> Reveal {
    let onset = params.drift_onset;
    let ex = |s: &CycleSummary| expected_of(s).live;
    // The first cycle after the onset whose live model (deployed by an
    // earlier cycle) can expect to score above the threshold.
    let back = run.iter().find(|s| s.cycle > onset && ex(s) > s.threshold);
    let at_onset = run.iter().find(|s| s.cycle == onset);
    let answer = match back.map(|b| b.cycle - onset) {
        Some(1) => 0,
        Some(2..=3) => 1,
        _ => 2,
    };
    let deploys = run.iter().filter(|s| s.deployed()).count();
    let retrains = run.iter().filter(|s| s.retrained()).count();
    let mut text = Vec::new();
    if let Some(d) = at_onset {
        text.push(format!(
            "At cycle {} the rule turned and live v{} scored {} on the new batch (it could expect {}).",
            d.cycle,
            d.live_before,
            two(d.live_score),
            two(ex(d))
        ));
    }
    match back {
        Some(b) => text.push(format!(
            "From cycle {} the live model was v{}, which could expect {} on the new data, above {}: {} after the drift began. It scored {} on that batch{}.",
            b.cycle,
            b.live_before,
            two(ex(b)),
            format_threshold(b.threshold),
            plural(b.cycle - onset, "cycle"),
            format_score(b.live_score, b.threshold),
            if b.live_score > b.threshold {
                String::new()
            } else {
                format!(
                    ", at or below the threshold by sampling noise (\u{b1}{} on {} hold-out rows)",
                    two(expected_of(b).band(ex(b))),
                    expected_of(b).holdout_rows
                )
            }
        )),
        None => text.push(format!(
            "By cycle {} no live model could expect to score above {} again.",
            run[run.len() - 1].cycle,
            format_threshold(params.threshold)
        )),
    }
    let window = match params.window {
        TrainingWindow::NewestBatch => "Trained on the newest batch only, the first candidate after the drift saw only data labelled by the new rule.".to_string(),
        TrainingWindow::Sliding(k) => format!(
            "Trained on the last {k} batches, the first candidate after the drift still learned mostly from batches labelled by the old rule."
        ),
        TrainingWindow::AllData => "Trained on all data so far, every candidate kept learning from the batches labelled by the old rule, which outnumbered the new ones for cycles.".to_string(),
    };
    text.push(format!(
        "{window} {retrains} candidates were trained and {deploys} deployed; v1 ended at {}.",
        two(run[run.len() - 1].v1_score)
    ));
    Reveal { answer, text }
}

fn passes(params: &SimParams, run: &[CycleSummary]) -> Reveal {
    let trained: Vec<&CycleSummary> = run.iter().filter(|s| s.candidate_score.is_some()).collect();
    let deploys: Vec<u32> = run
        .iter()
        .filter(|s| s.deployed())
        .map(|s| s.cycle)
        .collect();
    let alerts: Vec<u32> = run
        .iter()
        .filter(|s| matches!(s.outcome, Outcome::Alerted { .. }))
        .map(|s| s.cycle)
        .collect();
    let answer = if deploys.is_empty() {
        2
    } else if deploys.len() == trained.len() {
        0
    } else {
        1
    };
    let cycles = |c: &[u32]| {
        let words: Vec<String> = c.iter().map(u32::to_string).collect();
        format!(
            "cycle{} {}",
            if c.len() == 1 { "" } else { "s" },
            join_words(&words)
        )
    };
    let mut text = vec![format!(
        "{} trained; {} deployed{} and {} sent to the team{}.",
        plural(trained.len() as u64, "candidate"),
        deploys.len(),
        if deploys.is_empty() {
            String::new()
        } else {
            format!(" ({})", cycles(&deploys))
        },
        plural(alerts.len() as u64, "alert"),
        if alerts.is_empty() {
            String::new()
        } else {
            format!(" ({})", cycles(&alerts))
        }
    )];
    if let Some(best) = trained.iter().max_by(|a, b| {
        a.candidate_score
            .unwrap_or(0.0)
            .total_cmp(&b.candidate_score.unwrap_or(0.0))
    }) {
        let score = best.candidate_score.unwrap_or(0.0);
        text.push(format!(
            "The best candidate, v{} at cycle {}, scored {}{}.",
            best.candidate.unwrap_or(0),
            best.cycle,
            format_score(score, best.threshold),
            expected_of(best)
                .candidate
                .map_or_else(String::new, |e| format!(
                    " (it could expect {})",
                    format_score(e, best.threshold)
                ))
        ));
    }
    // Candidates the threshold judged against what they could expect: a
    // pass or a fail the hold-out's luck decided.
    let luck: Vec<String> = trained
        .iter()
        .filter_map(|s| {
            let (score, exp) = (s.candidate_score?, expected_of(s).candidate?);
            let passed = score > s.threshold;
            (passed != (exp > s.threshold)).then(|| {
                format!(
                    "v{} scored {} but could expect {}: {} hold-out",
                    s.candidate.unwrap_or(0),
                    format_score(score, s.threshold),
                    format_score(exp, s.threshold),
                    if passed { "a lucky" } else { "an unlucky" }
                )
            })
        })
        .collect();
    if !luck.is_empty() {
        text.push(format!(
            "Sampling noise decided {}: {}.",
            if luck.len() == 1 {
                "one decision"
            } else {
                "some decisions"
            },
            luck.join("; ")
        ));
    }
    let ceiling = run
        .iter()
        .filter_map(|s| s.best_possible)
        .fold(f64::INFINITY, f64::min);
    if params.drift_strength > 0.0 && !alerts.is_empty() {
        if let Some(a) = run
            .iter()
            .find(|s| matches!(s.outcome, Outcome::Alerted { .. }))
        {
            text.push(format!(
                "At cycle {} the candidate v{} could expect only {}: {} still held data of the old rule. The team was alerted and v{} stayed live.",
                a.cycle,
                a.candidate.unwrap_or(0),
                expected_of(a).candidate.map_or_else(|| "—".to_string(), two),
                match params.window {
                    TrainingWindow::NewestBatch => "its window".to_string(),
                    TrainingWindow::Sliding(k) => format!("its window of {k} batches"),
                    TrainingWindow::AllData => "its window of all data".to_string(),
                },
                a.live_after
            ));
        }
    }
    if ceiling.is_finite() {
        text.push(format!(
            "With {:.0}% of labels flipped at random and the clouds overlapping, even the true rule can expect only {}: a threshold of {} is {}.",
            params.label_noise * 100.0,
            two(ceiling),
            format_threshold(params.threshold),
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
                    "validation failed {} and set the batch aside; nothing was trained, v{live} stayed live and the team was alerted",
                    plural(failures.len() as u64, "check")
                ),
            ),
            AlertReason::TrainingFailed { .. } => (
                2,
                format!("training failed, no model was made; v{live} stayed live and the team was alerted"),
            ),
            AlertReason::BelowThreshold {
                candidate, score, ..
            }
            | AlertReason::ChampionGate {
                candidate, score, ..
            } => (
                3,
                format!(
                    "candidate v{candidate} was trained on it and rejected with {}; v{live} stayed live",
                    two(*score)
                ),
            ),
        },
        Outcome::Kept { live, .. } => (1, format!("retraining did not run; v{live} stayed live")),
    };
    let mut text = vec![format!(
        "Cycle {}'s batch arrived with {fault}, data validation {}: {what}.",
        faulty.cycle,
        if params.validate_data { "on" } else { "off" }
    )];
    if let Some(next) = run.iter().find(|s| s.cycle > faulty.cycle) {
        text.push(format!(
            "On cycle {}'s clean batch, live v{} scored {}{}.",
            next.cycle,
            next.live_before,
            two(next.live_score),
            if next.live_score < 0.5 {
                ": worse than a coin flip, the inverted rule went live"
            } else {
                ""
            }
        ));
    }
    if answer == 0 && faulty.fault == Some(Fault::FlippedLabels) {
        text.push("The deploy check scored the candidate on the hold-out of the same flipped batch, where the inverted rule looks right: a check that scores on the faulty batch cannot catch a label fault. Validation's \u{201c}labels that agree with the live model\u{201d} check can, because it compares the labels with a model trained before the fault.".to_string());
    }
    Reveal { answer, text }
}

fn after_rejection(params: &SimParams, run: &[CycleSummary]) -> Reveal {
    let fired = |s: &CycleSummary| s.trigger.as_ref().is_some_and(|t| t.fired);
    let detected = |s: &CycleSummary| {
        s.trigger
            .as_ref()
            .is_some_and(|t| t.fired && !t.cause_is_floor())
    };
    let first = run.iter().find(|s| detected(s));
    let rejected = first.filter(|s| !s.deployed() && s.retrained());
    let later = first.map_or(Vec::new(), |f| {
        run.iter()
            .filter(|s| s.cycle > f.cycle && fired(s))
            .collect::<Vec<_>>()
    });
    let last = &run[run.len() - 1];
    let recovered = expected_of(last).live > last.threshold;
    let answer = if later.iter().any(|s| detected(s)) && recovered {
        0
    } else if later.iter().any(|s| !detected(s)) && recovered {
        1
    } else {
        2
    };
    let error_rate = |s: &CycleSummary| match s.trigger.as_ref().map(|t| &t.cause) {
        Some(TriggerCause::Adwin { mean_error, .. }) => Some(*mean_error),
        _ => None,
    };
    let mut text = Vec::new();
    match (first, rejected) {
        (Some(f), Some(_)) => text.push(format!(
            "ADWIN fired at cycle {}; candidate v{} scored {}, not above {}, so the team was alerted and v{} stayed live.",
            f.cycle,
            f.candidate.unwrap_or(0),
            f.candidate_score.map_or_else(|| "—".to_string(), |c| format_score(c, f.threshold)),
            format_threshold(f.threshold),
            f.live_after
        )),
        (Some(f), None) => text.push(format!(
            "ADWIN fired at cycle {} and its candidate was deployed{}.",
            f.cycle,
            f.candidate.map_or_else(String::new, |c| format!(" (v{c})"))
        )),
        (None, _) => text.push("ADWIN never fired in this run.".to_string()),
    }
    if let Some(f) = first {
        let after: Vec<f64> = run
            .iter()
            .filter(|s| s.cycle > f.cycle && !detected(s))
            .filter_map(error_rate)
            .collect();
        let redetections = later.iter().filter(|s| detected(s)).count();
        if redetections == 0 && !after.is_empty() {
            let (lo, hi) = after
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
                    (a.min(x), b.max(x))
                });
            text.push(format!(
                "After its detection ADWIN started afresh. The live model did not change, so its error rate stayed high but steady ({} to {} in ADWIN's window): no change, so ADWIN never fired again. A change detector answers \u{201c}did the errors change?\u{201d}, not \u{201c}is the model good enough?\u{201d}.",
                two(lo),
                two(hi)
            ));
        } else if redetections > 0 {
            text.push(format!(
                "ADWIN fired again {}.",
                plural(redetections as u64, "time")
            ));
        }
    }
    let floor_retrains: Vec<&&CycleSummary> = later.iter().filter(|s| !detected(s)).collect();
    if params.performance_floor {
        if let Some(pass) = floor_retrains.iter().find(|s| s.deployed()) {
            text.push(format!(
                "The performance floor retrained at {} while live accuracy was below the threshold; v{} passed at cycle {} once the window held enough batches of the new rule.",
                plural(floor_retrains.len() as u64, "cycle"),
                pass.candidate.unwrap_or(0),
                pass.cycle
            ));
        } else {
            text.push(format!(
                "The performance floor retrained at {}, but no candidate passed.",
                plural(floor_retrains.len() as u64, "cycle")
            ));
        }
    }
    text.push(format!(
        "At cycle {} live v{} could expect {} (it scored {}): {} the threshold.",
        last.cycle,
        last.live_before,
        two(expected_of(last).live),
        two(last.live_score),
        if recovered { "above" } else { "below" }
    ));
    Reveal { answer, text }
}

fn blind_spot(params: &SimParams, run: &[CycleSummary]) -> Reveal {
    let onset = params.drift_onset;
    let seen = run.iter().find(|s| {
        s.measured
            .is_some_and(|m| m.on_cycle >= onset && m.score <= s.threshold)
    });
    let answer = match seen {
        Some(s) if s.cycle == onset => 0,
        Some(_) => 1,
        None => 2,
    };
    let mut text = Vec::new();
    if let Some(d) = run.iter().find(|s| s.cycle == onset) {
        text.push(format!(
            "At cycle {} the rule turned: live v{} truly scored {} on the new batch, which only the simulator knows.",
            d.cycle,
            d.live_before,
            two(d.live_score)
        ));
    }
    match seen {
        Some(s) => {
            let m = s.measured.expect("found by its measured score");
            text.push(format!(
                "The team measured the drop at cycle {}, when the labels of cycle {} came in ({}){}.",
                s.cycle,
                m.on_cycle,
                format_score(m.score, s.threshold),
                if s.cycle > onset {
                    format!(
                        ": cycles {}\u{2013}{} were the team's blind spot",
                        onset,
                        s.cycle - 1
                    )
                } else {
                    String::new()
                }
            ));
            if s.trigger.as_ref().is_some_and(|t| t.fired) {
                text.push(
                    "The performance-drop trigger fired then, and not before: it needs labels."
                        .to_string(),
                );
            }
        }
        None => text.push(format!(
            "With labels {} late, no label of a drifted batch came in by cycle {}: the whole run after the drift was the team's blind spot, while the live model truly scored about {}.",
            plural(params.label_delay, "cycle"),
            run[run.len() - 1].cycle,
            two(run[run.len() - 1].live_score)
        )),
    }
    Reveal { answer, text }
}

/// The mean of `f` over `cycles`, or `None` if none has it.
fn mean_of(cycles: &[&CycleSummary], f: impl Fn(&CycleSummary) -> Option<f64>) -> Option<f64> {
    let xs: Vec<f64> = cycles.iter().filter_map(|s| f(s)).collect();
    (!xs.is_empty()).then(|| xs.iter().sum::<f64>() / xs.len() as f64)
}

/// Graded on the mean gap between the estimate and the accuracy the live
/// model can expect over the cycles after the onset: a mean, not one cycle,
/// so the luck of one batch does not decide it.
fn estimate_follows(params: &SimParams, run: &[CycleSummary]) -> Reveal {
    let onset = params.drift_onset;
    let before: Vec<&CycleSummary> = run.iter().filter(|s| s.cycle < onset).collect();
    let after: Vec<&CycleSummary> = run.iter().filter(|s| s.cycle >= onset).collect();
    let estimate = |s: &CycleSummary| s.estimated.map(|e| e.score);
    let truth = |s: &CycleSummary| Some(expected_of(s).live);
    let (e1, t1) = (
        mean_of(&after, estimate).unwrap_or(0.0),
        mean_of(&after, truth).unwrap_or(0.0),
    );
    let side = GapSide::of(e1, t1);
    let answer = match side {
        GapSide::Tracks => 0,
        GapSide::TooHigh => 1,
        GapSide::TooLow => 2,
    };
    let last = &run[run.len() - 1];
    let mut text = Vec::new();
    if let (Some(e0), Some(t0)) = (mean_of(&before, estimate), mean_of(&before, truth)) {
        text.push(format!(
            "Before the drift (cycles 0\u{2013}{}) the estimate averaged {} and v{} could expect {}.",
            onset.saturating_sub(1),
            two(e0),
            last.live_before,
            two(t0)
        ));
    }
    text.push(format!(
        "From cycle {onset} to cycle {} the estimate averaged {} while the true accuracy, which only the simulator knows, averaged {}: {} {} the truth on average.",
        last.cycle,
        two(e1),
        two(t1),
        two((e1 - t1).abs()),
        if e1 >= t1 { "above" } else { "below" }
    ));
    text.push(match (params.drift_kind, side) {
        (DriftKind::Concept, GapSide::TooHigh) => {
            let measured = run.iter().find(|s| s.measured.is_some_and(|m| m.on_cycle >= onset));
            format!(
                "The rule turned {:.0}° but the inputs looked as before, so v1 was as sure as ever and wrong: confidently wrong. {}",
                last.drift.rotation_deg,
                match measured.and_then(|s| s.measured.map(|m| (s.cycle, m))) {
                    Some((cycle, m)) => format!(
                        "Only labels showed it: at cycle {cycle} the labels of cycle {} came in and the team measured {}.",
                        m.on_cycle,
                        two(m.score)
                    ),
                    None => "Only labels could show it, and none of a drifted batch came in within the run.".to_string(),
                }
            )
        }
        (DriftKind::Concept, _) => format!(
            "The rule turned only {:.0}°, and the estimate stayed within {} of the truth on average.",
            last.drift.rotation_deg,
            two(TRACKS_WITHIN)
        ),
        (_, GapSide::Tracks) => format!(
            "The {} moved, not the rule: where v1 is sure it is still right, so its confidence stayed an honest guess of its accuracy, within {} of it on average.",
            if params.drift_kind == DriftKind::Prior { "balance of the classes" } else { "inputs" },
            two(TRACKS_WITHIN)
        ),
        (_, _) => format!(
            "The rule did not move, yet the estimate was more than {} from the truth on average: the luck of the hold-out v1 was calibrated on.",
            two(TRACKS_WITHIN)
        ),
    });
    Reveal { answer, text }
}

fn cheapest_near_policy(params: &SimParams, race: &PolicyRace) -> Reveal {
    let answer = match race.costs.as_ref().map(|c| &c.verdict) {
        Some(CostVerdict::NearlyAsGood { cheaper }) => {
            let never = cheaper.policy == Policy::Trigger(RetrainTrigger::Never);
            if never {
                2
            } else {
                1
            }
        }
        _ => 0,
    };
    let rows: Vec<String> = race
        .runs
        .iter()
        .map(|r| {
            format!(
                "{}: {}, mean accuracy {}, cost {}",
                policy_name(&r.policy),
                plural(r.retrains, "retrain"),
                two(r.mean_accuracy),
                format_cost(r.total_cost)
            )
        })
        .collect();
    let mut text = vec![format!("{}.", rows.join("; "))];
    if let Some(c) = &race.costs {
        text.push(race_cost_sentence(c));
    }
    if params.performance_floor {
        text.push("The schedule, the detector and the accuracy-drop policy each had the performance floor beside them, so each could recover from a drift it missed.".to_string());
    }
    Reveal { answer, text }
}
