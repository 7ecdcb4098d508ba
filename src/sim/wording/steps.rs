//! The process table's cells and the status tracker's values, from the steps' typed facts.

use super::numbers::format_score;
use super::numbers::format_threshold;
use super::numbers::gate_numbers;
use super::numbers::longer;
use super::triggers::trigger_reason;
use super::validation::failures_text;
use super::versions::window_text;
use crate::sim::params::DriftKind;
use crate::sim::retraining::outcome::{AlertReason, Outcome};
use crate::sim::retraining::steps::{
    CheckStep, DataVar, EvaluateStep, Labels, ModelVar, PerfVar, Skip, StepFact, TrainStep,
    TriggerStep,
};
use crate::sim::retraining::triggers::TriggerCause;
use crate::sim::stream::drift::DriftState;

/// The comparison step 6 made, as the table's Input column shows it:
/// "0.85 > 0.80", or with the champion/challenger gate
/// "0.851 > 0.80 and 0.851 ≥ live 0.835 + 0.02 (= 0.855)"; `None` when
/// there was no candidate to judge.
pub fn check_comparison(check: &CheckStep) -> Option<String> {
    let CheckStep::Judged {
        score,
        threshold,
        gate,
        ..
    } = check
    else {
        return None;
    };
    let (s, t) = (
        format_score(*score, *threshold),
        format_threshold(*threshold),
    );
    Some(match gate {
        None => format!("{s} > {t}"),
        Some(g) => {
            let (gs, live, need) = gate_numbers(*score, g.live_score, g.margin);
            let gs = longer(gs, s);
            format!(
                "{gs} > {t} and {gs} ≥ live {live} + {} (= {need})",
                format_threshold(g.margin)
            )
        }
    })
}

/// The cells of one process-table row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cells {
    /// The Action column.
    pub action: String,
    /// The Input column.
    pub input: String,
    /// The Output column.
    pub output: String,
    /// The Next Step column.
    pub next_step: String,
}

fn cells(action: &str, input: String, output: String, next_step: &str) -> Cells {
    Cells {
        action: action.to_string(),
        input,
        output,
        next_step: next_step.to_string(),
    }
}

/// What the Next Step column says after a step that found nothing to do.
fn next_after_skip(skip: Skip) -> &'static str {
    match skip {
        Skip::NotTriggered => "Keep live model",
        Skip::ValidationFailed | Skip::TrainingFailed => "Alert team",
    }
}

/// A short phrase for the page: what the drift is doing at this cycle.
pub fn drift_phrase(d: &DriftState, kind: DriftKind) -> String {
    if d.effective <= 1e-9 {
        return "no drift yet".to_string();
    }
    let what = match kind {
        DriftKind::Concept => format!("rule rotated {:.0}°", d.rotation_deg),
        DriftKind::Covariate => format!("inputs moved {:.1} σ", d.covariate_shift),
        DriftKind::Prior => format!("class 1 share {:.0}%", d.prior * 100.0),
    };
    if d.new_concept_share < 0.999 {
        format!(
            "{what} for {:.0}% of new samples",
            d.new_concept_share * 100.0
        )
    } else {
        what
    }
}

/// The process-table row of a step.
pub fn step_cells(fact: &StepFact) -> Cells {
    match fact {
        StepFact::Start { live, first } => cells(
            "Start with existing model",
            if *first {
                format!("Trained model v{live}")
            } else {
                format!("Model v{live} live")
            },
            "Model ready".into(),
            "Collect new data",
        ),
        StepFact::Collect {
            rows,
            drift,
            live,
            live_score,
            fault,
            labels,
        } => {
            let stale = if labels.at_once() {
                live_score
                    .map(|s| format!("; v{live} scores {s:.2} on it"))
                    .unwrap_or_default()
            } else {
                format!("; {}", labels_clause(labels, *live, *live_score))
            };
            let fault = fault
                .map(|f| format!("; fault injected: {}", f.label().to_lowercase()))
                .unwrap_or_default();
            cells(
                "Collect new data",
                "User data stream".into(),
                format!(
                    "New dataset ({rows} rows, {}{stale}{fault})",
                    drift.map_or_else(
                        || "its drift known only to the simulator".to_string(),
                        |(d, kind)| drift_phrase(&d, kind)
                    )
                ),
                "Trigger retraining",
            )
        }
        StepFact::Trigger { live, decision } => {
            let input = format!("New dataset + Model v{live}");
            let action = "Trigger automated retraining";
            match decision {
                TriggerStep::Fired(eval) if eval.cause == TriggerCause::EveryCycle => {
                    cells(action, input, "Training started".into(), "Train model")
                }
                TriggerStep::Fired(eval) => cells(
                    action,
                    input,
                    format!("Training started ({})", trigger_reason(eval)),
                    "Train model",
                ),
                TriggerStep::NotFired(eval) => cells(
                    action,
                    input,
                    format!("Not triggered: {}", trigger_reason(eval)),
                    "Keep live model",
                ),
                TriggerStep::Blocked(failures) => cells(
                    action,
                    input,
                    format!(
                        "Blocked by data validation ({}): the batch is set aside",
                        failures_text(failures)
                    ),
                    "Alert team",
                ),
            }
        }
        StepFact::Train(step) => match step {
            TrainStep::Trained { version, window } => cells(
                "Train model",
                format!("New dataset: {}", window_text(window)),
                format!("New model v{version}"),
                "Evaluate model",
            ),
            TrainStep::Failed { why, window } => cells(
                "Train model",
                format!("New dataset: {}", window_text(window)),
                format!("Training failed: {why}"),
                "Alert team",
            ),
            TrainStep::Skipped(skip) => cells(
                "Train model",
                "New dataset".into(),
                match skip {
                    Skip::NotTriggered => "Skipped: retraining not triggered".into(),
                    Skip::ValidationFailed => {
                        "Skipped: the batch failed validation and was set aside".into()
                    }
                    Skip::TrainingFailed => "Skipped: training failed".into(),
                },
                next_after_skip(*skip),
            ),
        },
        StepFact::Evaluate(step) => match step {
            EvaluateStep::Scored {
                version,
                score,
                threshold,
            } => cells(
                "Evaluate model",
                format!("New model v{version}"),
                format!("Performance = {}", format_score(*score, *threshold)),
                "Is performance > threshold?",
            ),
            EvaluateStep::LiveOnly {
                live,
                score,
                threshold,
            } => cells(
                "Evaluate model",
                format!("Model v{live} (live)"),
                format!(
                    "Live model v{live} scores {} on new data",
                    format_score(*score, *threshold)
                ),
                "Keep live model",
            ),
            EvaluateStep::Skipped(skip) => cells(
                "Evaluate model",
                "No new model".into(),
                match skip {
                    Skip::NotTriggered => "Skipped: not retrained".into(),
                    Skip::ValidationFailed => {
                        "Skipped: nothing to evaluate (batch set aside)".into()
                    }
                    Skip::TrainingFailed => "Skipped: nothing to evaluate (training failed)".into(),
                },
                next_after_skip(*skip),
            ),
        },
        StepFact::Check(check) => match check {
            CheckStep::Judged { above, .. } => {
                let passed = check.passed();
                let output = match (passed, above) {
                    (true, _) => "True".to_string(),
                    (false, false) => "False".to_string(),
                    (false, true) => "False (champion/challenger gate)".to_string(),
                };
                cells(
                    "Check performance",
                    check_comparison(check).unwrap_or_default(),
                    output,
                    if passed { "Deploy model" } else { "Alert team" },
                )
            }
            CheckStep::Skipped(skip) => cells(
                "Check performance",
                "no candidate".into(),
                match skip {
                    Skip::NotTriggered => "Skipped: not retrained".into(),
                    Skip::ValidationFailed => "Skipped: batch set aside".into(),
                    Skip::TrainingFailed => "Skipped: training failed".into(),
                },
                next_after_skip(*skip),
            ),
        },
        StepFact::DeployOrAlert(outcome) => match outcome {
            Outcome::Deployed { version, .. } => cells(
                "Deploy model",
                format!("New model v{version}"),
                format!("Model v{version} live"),
                "Repeat cycle",
            ),
            Outcome::Alerted { live, .. } => cells(
                "Alert team",
                match outcome.candidate() {
                    Some((c, s)) => format!("Model v{c} ({})", candidate_score_text(outcome, s)),
                    None => "No new model".into(),
                },
                format!("Team alerted; model v{live} stays live"),
                "Repeat cycle",
            ),
            Outcome::Kept { live, .. } => cells(
                "Keep live model",
                format!("Model v{live}"),
                format!("Model v{live} stays live (not retrained, no alert)"),
                "Repeat cycle",
            ),
        },
        StepFact::Repeat { live } => cells(
            "Cycle repeats",
            format!("Model v{live} live"),
            "Continuous updates".into(),
            "Collect new data",
        ),
    }
}

/// A candidate's score formatted against the threshold of its outcome.
fn candidate_score_text(outcome: &Outcome, score: f64) -> String {
    match outcome {
        Outcome::Deployed { threshold, .. }
        | Outcome::Alerted {
            reason:
                AlertReason::BelowThreshold { threshold, .. }
                | AlertReason::ChampionGate { threshold, .. },
            ..
        } => format_score(score, *threshold),
        _ => format!("{score:.2}"),
    }
}

/// The status tracker's model variable.
pub fn model_var(v: ModelVar) -> String {
    match v {
        ModelVar::Trained(n) => format!("v{n} (trained)"),
        ModelVar::Live(n) => format!("v{n} (live)"),
        ModelVar::Retrained(n) => format!("v{n} (retrained)"),
        ModelVar::NotRetrained(n) => format!("v{n} (not retrained)"),
        ModelVar::NoNewModel(n) => format!("v{n} (no new model)"),
        ModelVar::PassedCheck(n) => format!("v{n} (passed check)"),
        ModelVar::FailedCheck(n) => format!("v{n} (failed check)"),
        ModelVar::LiveNoCandidate(n) => format!("v{n} (live, no candidate)"),
    }
}

/// The status tracker's data variable.
pub fn data_var(d: DataVar) -> String {
    match d {
        DataVar::Initial => "initial training data".into(),
        DataVar::TrainedOn(w) => format!("trained on {}", window_text(&w)),
        DataVar::NewNotUsed => "new dataset (not used for training)".into(),
        DataVar::SetAside => "new dataset (set aside by validation)".into(),
        DataVar::NewWindow(w) => format!("new dataset, {}", window_text(&w)),
    }
}

/// The status tracker's performance variable.
pub fn perf_var(p: PerfVar) -> String {
    match p {
        PerfVar::NotApplicable => "N/A".into(),
        PerfVar::WhenJudged(a) => format!("{a:.2} (when judged)"),
        PerfVar::NotEvaluated => "not evaluated".into(),
        PerfVar::NotEvaluatedYet => "not evaluated yet".into(),
        PerfVar::Candidate { score, threshold } => format_score(score, threshold),
        PerfVar::Live { score, threshold } => {
            format!("{} (live model)", format_score(score, threshold))
        }
    }
}

/// "cycle 7" or "cycles 7–9".
fn cycles_range((first, last): (u32, u32)) -> String {
    if first == last {
        format!("cycle {first}")
    } else {
        format!("cycles {first}–{last}")
    }
}

/// Which labels came in this cycle (and what the live model scored on them)
/// and which are still out, e.g. "labels of cycle 6 came in, v3 scores 0.81
/// on them; labels for cycles 7–9 not in yet".
pub fn labels_clause(labels: &Labels, live: u32, live_score: Option<f64>) -> String {
    let came = match (labels.came_in, live_score) {
        (Some(c), Some(s)) => format!(
            "labels of {} came in, v{live} scores {s:.2} on them",
            cycles_range(c)
        ),
        (Some(c), None) => format!("labels of {} came in", cycles_range(c)),
        (None, _) => "no labels came in".to_string(),
    };
    match labels.pending {
        Some(p) => format!("{came}; labels for {} not in yet", cycles_range(p)),
        None => came,
    }
}

/// The status tracker's line on labels: `None` when labels arrive with their
/// batch (nothing is pending, nothing to say).
pub fn labels_note(labels: &Labels) -> Option<String> {
    if labels.at_once() {
        return None;
    }
    let delay = labels.delay;
    let late = format!(
        "Labels arrive {delay} cycle{} after their batch",
        if delay == 1 { "" } else { "s" }
    );
    Some(match labels.pending {
        Some(p) => format!(
            "{late}: labels for {} not in yet, so the team cannot score the live model on that data or train on it. \
             The inputs are here: an input-drift test (KS) can already look at them.",
            cycles_range(p)
        ),
        None => format!("{late}: every label is in."),
    })
}
