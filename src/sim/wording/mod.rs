//! The one place where a cycle's typed facts and outcomes become words: the
//! process table's cells, the status tracker, the decision banner, alert
//! messages, the trigger's reason and detail, and chart notes (the charts'
//! sentences about what the stream makes true are in `chart_notes`).
//!
//! Views match on the facts ([`StepFact`], [`Outcome`]) to decide what to
//! highlight, and call these functions only to show text. A reworded sentence
//! here can never change behaviour.
//!
//! One formatting rule for numbers that are compared: a score is shown with as
//! many decimals as it takes (2 to 6) for the shown numbers to keep the true
//! order, so "0.80 < 0.80" or a rejected "0.80 > 0.80" cannot appear.

mod chart_notes;
mod cost;
mod notice;
mod problem;
mod stall;
mod weather;
pub use chart_notes::{
    below_half_sentence, blind_spot_sentence, ceiling_sentence, sampling_band_sentence,
};
pub use cost::{
    cost_rule, cost_stat_note, cost_units, format_cost, policy_name, policy_point_text,
    policy_short_name, race_cost_rule, race_cost_sentence, retrain_cost_text, totals_cost_sentence,
    version_cost_text,
};
pub use notice::{fault_injected, race_finished, rolled_back, settings_changed, RESET_NOTICE};
pub use problem::{link_problems, problem_text};
pub use stall::{stall_fix_button, stall_message, FLOOR_BUTTON, RESTART_BUTTON};
pub use weather::{
    feature_meaning, feature_note, fetch_problem, race_without_cycles, weather_ended_short,
    weather_known_problems, weather_loading, weather_means, weather_offer_hint, weather_problem,
    weather_scale, weather_shift_reached, weather_source, weather_span, weather_started,
    weather_status, weather_yardstick,
};

use crate::sim::english::{group_thousands, join_words};
use crate::sim::ml::detectors::AdwinConfig;
use crate::sim::ml::evaluate::Scores;
use crate::sim::params::DriftKind;
use crate::sim::retraining::cron::{CronPattern, TimeOfDay};
use crate::sim::retraining::history::{CycleSummary, Totals};
use crate::sim::retraining::outcome::{Alert, AlertReason, KeptReason, Outcome};
use crate::sim::retraining::registry::{
    ModelVersion, RegistryEvent, RegistryEventKind, VersionStatus, WindowInfo,
};
use crate::sim::retraining::steps::{
    CheckStep, DataVar, EvaluateStep, Labels, ModelVar, PerfVar, Skip, StepFact, TrainStep,
    TriggerStep,
};
use crate::sim::retraining::triggers::{TriggerCause, TriggerEval, KS_ALPHA};
use crate::sim::retraining::validate::{ValidationCheck, ValidationFailure};
use crate::sim::stream::drift::DriftState;

/// The fewest decimals (2 to 6) with which `x` and `y`, rounded, keep the order
/// (`<`, `=` or `>`) they really have.
fn decimals_for_order(x: f64, y: f64) -> usize {
    let truth = x.total_cmp(&y);
    for d in 2..=6 {
        let scale = 10f64.powi(d as i32);
        let (rx, ry) = ((x * scale).round(), (y * scale).round());
        if rx.total_cmp(&ry) == truth {
            return d;
        }
    }
    6
}

/// A threshold or margin as set: 2 decimals, more only if it has them (up to 4).
pub fn format_threshold(t: f64) -> String {
    for d in 2..=4usize {
        let scale = 10f64.powi(d as i32);
        if ((t * scale).round() / scale - t).abs() < 1e-12 {
            return format!("{t:.d$}");
        }
    }
    format!("{t:.4}")
}

/// A score shown next to the threshold (or any level) it is compared with:
/// enough decimals that the shown score keeps its true order with the shown
/// threshold.
pub fn format_score(score: f64, threshold: f64) -> String {
    let shown: f64 = format_threshold(threshold).parse().unwrap_or(threshold);
    let d = decimals_for_order(score, shown).max(if score == threshold {
        2
    } else {
        decimals_for_order(score, threshold)
    });
    format!("{score:.d$}")
}

/// Two numbers that are compared, each shown with enough decimals to keep
/// their true order.
pub fn format_pair(a: f64, b: f64) -> (String, String) {
    let d = decimals_for_order(a, b);
    (format!("{a:.d$}"), format!("{b:.d$}"))
}

/// The champion/challenger comparison `score ≥ live + margin`, each number
/// with the same decimals, enough to keep the true order of `score` and
/// `live + margin`: (score, live, live + margin).
pub fn gate_numbers(score: f64, live: f64, margin: f64) -> (String, String, String) {
    let need = live + margin;
    let d = decimals_for_order(score, need);
    (
        format!("{score:.d$}"),
        format!("{live:.d$}"),
        format!("{need:.d$}"),
    )
}

/// Of two renderings of the same number, the one with more decimals (it keeps
/// every order the shorter one keeps).
fn longer(a: String, b: String) -> String {
    if a.len() >= b.len() {
        a
    } else {
        b
    }
}

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

/// For example "cycles 2–4 (1,050 rows)" or "initial data (350 rows)".
pub fn window_text(w: &WindowInfo) -> String {
    let rows = group_thousands(w.rows);
    if w.last_cycle == 0 {
        format!("initial data ({rows} rows)")
    } else if w.first_cycle == w.last_cycle {
        format!("cycle {} ({rows} rows)", w.last_cycle)
    } else {
        format!("cycles {}–{} ({rows} rows)", w.first_cycle, w.last_cycle)
    }
}

/// For example "cycle 4: v2 rolled back, replacing v4".
pub fn registry_event_text(e: &RegistryEvent) -> String {
    let from = e
        .from
        .map_or(String::new(), |f| format!(", replacing v{f}"));
    match e.kind {
        RegistryEventKind::Deployed => {
            format!("cycle {}: v{} deployed{from}", e.cycle, e.to)
        }
        RegistryEventKind::RolledBack => {
            format!("cycle {}: rolled back to v{}{from}", e.cycle, e.to)
        }
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

/// The comparison panel's sentences about versions `va` and `vb`: their data,
/// their scores when judged, their status, their scores on the same newest
/// rows (`same_rows`, when both can still be scored) and how much of the view
/// their boundaries disagree on.
pub fn comparison_summary(
    va: &ModelVersion,
    vb: &ModelVersion,
    same_rows: Option<(Scores, Scores)>,
    disagreement: Option<f64>,
) -> Vec<String> {
    let (a, b) = (va.version, vb.version);
    let mut summary = vec![
        format!(
            "Data: v{a} trained on {}; v{b} on {}.",
            window_text(&va.window),
            window_text(&vb.window)
        ),
        format!(
            "Accuracy when each was judged: v{a} {} (cycle {}), v{b} {} (cycle {}). \
             These were measured on different hold-out rows, so their difference is not a paired comparison.",
            version_score_text(va),
            va.trained_in_cycle,
            version_score_text(vb),
            vb.trained_in_cycle,
        ),
        format!(
            "Status: v{a} {}, v{b} {}.",
            va.status.label(),
            vb.status.label()
        ),
    ];
    if let Some((sa, sb)) = same_rows {
        let (ta, tb) = format_pair(sa.accuracy, sb.accuracy);
        let diff = sb.accuracy - sa.accuracy;
        summary.push(format!(
            "On the same rows (the newest batch's {} hold-out rows): v{a} {ta}, v{b} {tb}; \
             v{b} is {} by {:.1} percentage points.",
            sa.rows,
            if diff >= 0.0 { "ahead" } else { "behind" },
            diff.abs() * 100.0
        ));
    }
    summary.push(match disagreement {
        Some(d) => format!(
            "Boundary: they predict differently on {:.0}% of the view.",
            d * 100.0
        ),
        None => {
            "Boundary: an older model is no longer kept, so its boundary cannot be drawn.".into()
        }
    });
    summary
}

/// A cron schedule in plain words for the common cases ("every day at
/// 00:00", "every hour at minute 0", "every 6 hours", "every Monday at
/// 09:30"), else "at cron `…`" with the expression as typed.
pub fn cron_text(source: &str, pattern: &CronPattern) -> String {
    let at = |t: &TimeOfDay| format!("at {:02}:{:02}", t.hour, t.minute);
    match pattern {
        CronPattern::EveryMinute => "every minute".to_string(),
        CronPattern::EveryMinutes(n) => format!("every {n} minutes"),
        CronPattern::HourlyAt { minute } => format!("every hour at minute {minute}"),
        CronPattern::EveryHours { hours, minute: 0 } => format!("every {hours} hours"),
        CronPattern::EveryHours { hours, minute } => {
            format!("every {hours} hours at minute {minute}")
        }
        CronPattern::Daily { at: t } => format!("every day {}", at(t)),
        CronPattern::MondayToFriday { at: t } => {
            format!("every weekday (Monday to Friday) {}", at(t))
        }
        CronPattern::OnWeekdays { days, at: t } => {
            let names: Vec<&str> = days.iter().map(|d| d.name()).collect();
            format!("every {} {}", join_words(&names), at(t))
        }
        CronPattern::Monthly { day, at: t } => format!("on day {day} of every month {}", at(t)),
        CronPattern::Yearly { month, day, at: t } => {
            let name = MONTH_NAMES
                .get((*month as usize).wrapping_sub(1))
                .copied()
                .unwrap_or("?");
            format!("every year on {name} {day} {}", at(t))
        }
        CronPattern::Other => format!("at cron `{source}`"),
    }
}

/// The months' names, January first.
const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The notice over a rewound cycle.
pub fn viewing_rewound(cycle: u32) -> String {
    format!(
        "Viewing cycle {cycle} (rewound). Step, Finish cycle or Back to live returns to the live run."
    )
}

/// The failed validation checks in one line.
pub fn failures_text(failures: &[ValidationFailure]) -> String {
    failures
        .iter()
        .map(|f| format!("{}: {}", check_name(f.check()), failure_text(f)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A validation check's name, for the gates panel and alert messages.
pub fn check_name(check: ValidationCheck) -> &'static str {
    match check {
        ValidationCheck::EnoughRows => "enough rows",
        ValidationCheck::BothClasses => "both classes present",
        ValidationCheck::NoMissingValues => "no missing values",
        ValidationCheck::PlausibleRanges => "plausible feature ranges",
        ValidationCheck::LabelsValid => "labels valid",
    }
}

/// What a failed check found, in words.
pub fn failure_text(failure: &ValidationFailure) -> String {
    match failure {
        ValidationFailure::TooFewRows { rows, min } => {
            format!("only {rows} rows, need at least {min}")
        }
        ValidationFailure::SingleClass { class } => {
            format!("every label is class {class}, so there is no boundary to learn")
        }
        ValidationFailure::NonFinite { rows, first_row } => {
            format!("{rows} rows have missing values (first: row {first_row})")
        }
        ValidationFailure::OutOfRange {
            feature,
            rows,
            worst,
        } => format!(
            "{rows} rows have feature {feature} far outside the training range (worst {worst:.1})"
        ),
        ValidationFailure::LabelsLookFlipped { agreement } => format!(
            "the live model agrees with only {:.0}% of the new labels: they look flipped",
            agreement * 100.0
        ),
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
            drift_kind,
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
                    drift_phrase(drift, *drift_kind)
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

/// The trigger's reason in a few words (no "fired"/"not triggered" prefix:
/// the caller says which).
pub fn trigger_reason(eval: &TriggerEval) -> String {
    let fired = eval.fired;
    match &eval.cause {
        TriggerCause::EveryCycle => "every cycle retrains".into(),
        TriggerCause::Never => "this policy never retrains".into(),
        TriggerCause::ScheduleInvalid { error, .. } => {
            format!("the schedule is invalid ({error})")
        }
        TriggerCause::Schedule {
            schedule,
            fired_at,
            next,
            ..
        } => match (fired_at, next) {
            (Some(at), _) => format!("schedule `{schedule}` fired at {at}"),
            (None, Some(next)) => format!("schedule `{schedule}` next fires {next}"),
            (None, None) => format!("schedule `{schedule}` never fires"),
        },
        TriggerCause::PerformanceDrop { live, threshold } => {
            let (l, t) = (
                format_score(*live, *threshold),
                format_threshold(*threshold),
            );
            if fired {
                format!("performance dropped: live accuracy {l} < threshold {t}")
            } else {
                format!("live accuracy {l} ≥ threshold {t}")
            }
        }
        TriggerCause::PerformanceFloor { live, threshold } => format!(
            "performance floor: live accuracy {} < threshold {}",
            format_score(*live, *threshold),
            format_threshold(*threshold)
        ),
        TriggerCause::Adwin { .. } => {
            if fired {
                "ADWIN detected a change in the live model's error rate".into()
            } else {
                "ADWIN sees no change in the error rate".into()
            }
        }
        TriggerCause::PageHinkley { .. } => {
            if fired {
                "Page-Hinkley detected a rise in the live model's error rate".into()
            } else {
                "Page-Hinkley's statistic is below its threshold".into()
            }
        }
        TriggerCause::AwaitingLabels { floor, .. } => {
            if *floor {
                "no labels came in, so neither the trigger nor the performance floor has anything to measure yet".into()
            } else {
                "no labels came in, so there is nothing to measure yet".into()
            }
        }
        TriggerCause::KsTest { p_value, .. } => {
            let p = format_score(p_value[0].min(p_value[1]), KS_ALPHA);
            if fired {
                format!("KS test detected input drift (p = {p} < {KS_ALPHA})")
            } else {
                format!("KS test p = {p} ≥ {KS_ALPHA}")
            }
        }
    }
}

/// The trigger's state in a sentence or two, for the trigger panel.
pub fn trigger_detail(eval: &TriggerEval) -> String {
    match &eval.cause {
        TriggerCause::EveryCycle => "Retraining runs on every new batch.".into(),
        TriggerCause::Never => "The model is never retrained.".into(),
        TriggerCause::ScheduleInvalid { error, .. } => format!("Invalid cron schedule: {error}"),
        TriggerCause::Schedule {
            schedule,
            pattern,
            clock,
            fired_at,
            next,
        } => {
            let next = next.map_or("never".to_string(), |t| t.to_string());
            let description = cron_text(schedule, pattern);
            match fired_at {
                Some(at) => {
                    format!("Clock {clock}; schedule {description} fired at {at}; next {next}.")
                }
                None => format!("Clock {clock}; schedule {description}; next run {next}."),
            }
        }
        TriggerCause::PerformanceDrop { live, threshold } => format!(
            "Live model accuracy on new labelled data: {} {} {}.",
            format_score(*live, *threshold),
            if eval.fired { "<" } else { "≥" },
            format_threshold(*threshold)
        ),
        TriggerCause::PerformanceFloor { live, threshold } => format!(
            "The main trigger did not fire, but the performance floor did: live accuracy {} < threshold {}. \
             The floor catches a model that is bad but steady, which a change detector does not see.",
            format_score(*live, *threshold),
            format_threshold(*threshold)
        ),
        TriggerCause::Adwin { width, mean_error } => {
            let AdwinConfig { clock, delta, .. } = AdwinConfig::default();
            format!(
                "ADWIN keeps a window of {width} recent errors (mean error rate {mean_error:.3}), \
                 summed in buckets that grow with age. Every {clock} errors it checks each cut \
                 between two buckets into an older and a newer part, and fires (drift) when their \
                 error rates differ by more than a Hoeffding-style bound (δ = {delta}), whether \
                 the rate rose or fell; then it starts a fresh window. It fires on a change in \
                 the error rate, not on a high but steady one."
            )
        }
        TriggerCause::PageHinkley {
            statistic,
            threshold,
        } => {
            let (s, t) = format_pair(*statistic, *threshold);
            format!(
                "Page-Hinkley's cumulative deviation of the error rate is {s}; drift when it exceeds {t}. \
                 It fires on a rise in the error rate, not on a high but steady one."
            )
        }
        TriggerCause::AwaitingLabels { delay, floor } => format!(
            "Labels arrive {delay} cycle{} after their batch, and none came in this cycle: {} \
             cannot fire until they do. A test on the inputs alone (KS) would not have to wait.",
            if *delay == 1 { "" } else { "s" },
            if *floor {
                "the trigger and the performance floor read the live model's errors or accuracy, so neither"
            } else {
                "a trigger that reads the live model's accuracy or errors"
            }
        ),
        TriggerCause::KsTest { statistic, p_value } => format!(
            "KS test, training data vs new batch: feature 1 D = {:.3} (p = {}), feature 2 D = {:.3} \
             (p = {}); drift when p < {KS_ALPHA}. It sees only the inputs, never the labels.",
            statistic[0],
            format_score(p_value[0], KS_ALPHA),
            statistic[1],
            format_score(p_value[1], KS_ALPHA)
        ),
    }
}

/// The banner's title for an outcome.
pub fn outcome_title(outcome: &Outcome) -> &'static str {
    match outcome {
        Outcome::Deployed { .. } => "Deployed",
        Outcome::Alerted { .. } => "Alert",
        Outcome::Kept { .. } => "Kept, not retrained",
    }
}

/// What an outcome did, in one or two sentences (banner, alert log, screen readers).
pub fn outcome_message(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Deployed {
            version,
            score,
            threshold,
            replaced,
            gate,
        } => {
            let t = format_threshold(*threshold);
            let s = format_score(*score, *threshold);
            match gate {
                None => format!(
                    "Deployed: model v{version} scored {s} > threshold {t}; it replaces v{replaced}."
                ),
                Some(g) => {
                    let (gs, live, need) = gate_numbers(*score, g.live_score, g.margin);
                    format!(
                        "Deployed: model v{version} scored {s} > threshold {t} and {gs} ≥ {need} \
                         (live v{replaced}'s {live} + margin {}); it replaces v{replaced}.",
                        format_threshold(g.margin)
                    )
                }
            }
        }
        Outcome::Alerted { live, reason } => match reason {
            AlertReason::BelowThreshold {
                candidate,
                score,
                threshold,
            } => format!(
                "Alert: model v{candidate} scored {}, not above the threshold {}; v{live} stays live.",
                format_score(*score, *threshold),
                format_threshold(*threshold)
            ),
            AlertReason::ChampionGate {
                candidate,
                score,
                threshold,
                live_score,
                margin,
            } => {
                let (s, l, need) = gate_numbers(*score, *live_score, *margin);
                let s = longer(s, format_score(*score, *threshold));
                format!(
                    "Alert: model v{candidate} scored {s}, above the threshold {}, but the \
                     champion/challenger gate needs live v{live}'s {l} + margin {} = {need}, and {s} < {need}; \
                     v{live} stays live.",
                    format_threshold(*threshold),
                    format_threshold(*margin)
                )
            }
            AlertReason::TrainingFailed { why } => {
                format!("Alert: retraining failed ({why}); v{live} stays live.")
            }
            AlertReason::ValidationFailed { failures } => format!(
                "Alert: data validation failed ({}); the batch was set aside, retraining skipped, \
                 v{live} stays live.",
                failures_text(failures)
            ),
        },
        Outcome::Kept {
            live,
            reason: KeptReason::NotTriggered { why, .. },
        } => format!(
            "Kept, not retrained: the trigger did not fire ({}); v{live} stays live and nobody is alerted.",
            trigger_reason(why)
        ),
    }
}

/// An alert in the log.
pub fn alert_message(alert: &Alert) -> String {
    outcome_message(&alert.outcome())
}

/// The banner while a cycle runs: which step decided (or decides) and what
/// step 7 will do.
pub fn in_progress_message(cycle: u32, decided: Option<&Outcome>) -> String {
    match decided {
        None => format!(
            "Cycle {cycle}: not decided yet. The trigger (step 3), training (step 4) or the \
             check (step 6) decides; step 7 carries the decision out."
        ),
        Some(o) => {
            let what = match o {
                Outcome::Deployed { version, .. } => format!("deploy v{version}"),
                Outcome::Alerted { live, .. } => format!("alert the team, v{live} stays live"),
                Outcome::Kept { live, .. } => format!("keep v{live} without retraining"),
            };
            format!(
                "Cycle {cycle}: step {} decided: {what}. Step 7 carries it out.",
                o.decided_at().number()
            )
        }
    }
}

/// The performance chart's note on the last cycle's candidate.
pub fn candidate_note(s: &CycleSummary) -> String {
    match &s.outcome {
        Outcome::Deployed {
            version,
            score,
            threshold,
            ..
        } => format!(
            "candidate v{version} scored {} and was deployed",
            format_score(*score, *threshold)
        ),
        Outcome::Alerted { reason, .. } => match reason {
            AlertReason::BelowThreshold {
                candidate,
                score,
                threshold,
            } => format!(
                "candidate v{candidate} scored {}, not above it: alert",
                format_score(*score, *threshold)
            ),
            AlertReason::ChampionGate {
                candidate,
                score,
                threshold,
                margin,
                ..
            } => format!(
                "candidate v{candidate} scored {}, above it, but did not beat the live model by {}: alert",
                format_score(*score, *threshold),
                format_threshold(*margin)
            ),
            AlertReason::TrainingFailed { .. } => "training failed: alert".into(),
            AlertReason::ValidationFailed { .. } => {
                "the batch failed validation and was set aside: alert".into()
            }
        },
        Outcome::Kept { live, reason } => match reason {
            KeptReason::NotTriggered { why, .. } => format!(
                "not retrained ({}): v{live} kept, no alert",
                trigger_reason(why)
            ),
        },
    }
}

/// A registry version's accuracy when it was judged, with the digits that
/// tell it apart from the threshold it was judged against ("—" for a
/// candidate not scored yet).
pub fn version_score_text(v: &ModelVersion) -> String {
    if v.status == VersionStatus::Candidate && v.scores.rows == 0 {
        return "—".to_string();
    }
    match v.judged_against {
        Some(t) => format_score(v.scores.accuracy, t),
        None => format!("{:.2}", v.scores.accuracy),
    }
}

/// What the alert log says while it is empty.
pub fn no_alerts_text(totals: &Totals) -> &'static str {
    if totals.retrains == 0 {
        "No alerts yet: no candidate has been trained so far."
    } else {
        "No alerts yet: every candidate so far passed the check."
    }
}

// Native only: the core is tested natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::ml::train::TrainError;
    use crate::sim::params::RetrainTrigger;
    use crate::sim::retraining::cron::SimTime;
    use crate::sim::retraining::outcome::GateCheck;

    fn deployed(gate: Option<GateCheck>) -> Outcome {
        Outcome::Deployed {
            version: 3,
            score: 0.853,
            threshold: 0.8,
            replaced: 2,
            gate,
        }
    }

    #[test]
    fn scores_keep_their_true_order_with_the_threshold() {
        assert_eq!(format_score(0.853, 0.80), "0.85");
        assert_eq!(format_score(0.7996, 0.80), "0.7996");
        assert_eq!(format_score(0.8004, 0.80), "0.8004");
        assert_eq!(format_score(0.80, 0.80), "0.80");
        assert_eq!(format_threshold(0.8), "0.80");
        assert_eq!(format_threshold(0.805), "0.805");
        assert_eq!(
            format_pair(0.8512, 0.8549),
            ("0.851".into(), "0.855".into())
        );
        assert_eq!(
            gate_numbers(0.8512, 0.8349, 0.02),
            ("0.851".into(), "0.835".into(), "0.855".into())
        );
    }

    #[test]
    fn a_deploy_is_worded_with_its_score_and_threshold() {
        let o = deployed(None);
        assert_eq!(outcome_title(&o), "Deployed");
        assert_eq!(
            outcome_message(&o),
            "Deployed: model v3 scored 0.85 > threshold 0.80; it replaces v2."
        );
        let gated = deployed(Some(GateCheck {
            live_score: 0.81,
            margin: 0.02,
            passed: true,
        }));
        assert_eq!(
            outcome_message(&gated),
            "Deployed: model v3 scored 0.85 > threshold 0.80 and 0.85 ≥ 0.83 (live v2's 0.81 + margin 0.02); it replaces v2."
        );
    }

    #[test]
    fn each_alert_reason_is_worded_with_its_numbers() {
        let below = Outcome::Alerted {
            live: 2,
            reason: AlertReason::BelowThreshold {
                candidate: 3,
                score: 0.7996,
                threshold: 0.8,
            },
        };
        assert_eq!(outcome_title(&below), "Alert");
        assert_eq!(
            outcome_message(&below),
            "Alert: model v3 scored 0.7996, not above the threshold 0.80; v2 stays live."
        );
        let gate = Outcome::Alerted {
            live: 2,
            reason: AlertReason::ChampionGate {
                candidate: 3,
                score: 0.8512,
                threshold: 0.8,
                live_score: 0.8349,
                margin: 0.02,
            },
        };
        assert_eq!(
            outcome_message(&gate),
            "Alert: model v3 scored 0.851, above the threshold 0.80, but the champion/challenger gate needs live v2's 0.835 + margin 0.02 = 0.855, and 0.851 < 0.855; v2 stays live."
        );
        let failed = Outcome::Alerted {
            live: 2,
            reason: AlertReason::TrainingFailed {
                why: TrainError::SingleClass { class: 1 },
            },
        };
        assert!(outcome_message(&failed)
            .starts_with("Alert: retraining failed (the training data holds only class 1"));
        let invalid = Outcome::Alerted {
            live: 2,
            reason: AlertReason::ValidationFailed {
                failures: vec![
                    crate::sim::retraining::validate::ValidationFailure::TooFewRows {
                        rows: 3,
                        min: 10,
                    },
                ],
            },
        };
        assert_eq!(
            outcome_message(&invalid),
            "Alert: data validation failed (enough rows: only 3 rows, need at least 10); the batch was set aside, retraining skipped, v2 stays live."
        );
    }

    #[test]
    fn a_kept_cycle_says_not_retrained_and_no_alert() {
        let kept = Outcome::Kept {
            live: 4,
            reason: KeptReason::NotTriggered {
                trigger: RetrainTrigger::Schedule("0 0 * * *".into()),
                why: TriggerEval {
                    fired: false,
                    cause: TriggerCause::Schedule {
                        schedule: "0 0 * * *".into(),
                        pattern: CronPattern::Daily {
                            at: TimeOfDay { hour: 0, minute: 0 },
                        },
                        clock: SimTime(360),
                        fired_at: None,
                        next: Some(SimTime(1440)),
                    },
                },
            },
        };
        assert_eq!(outcome_title(&kept), "Kept, not retrained");
        assert_eq!(
            outcome_message(&kept),
            "Kept, not retrained: the trigger did not fire (schedule `0 0 * * *` next fires 2026-01-02 00:00 (Fri)); v4 stays live and nobody is alerted."
        );
        assert_eq!(
            step_cells(&StepFact::DeployOrAlert(kept)).output,
            "Model v4 stays live (not retrained, no alert)"
        );
    }

    #[test]
    fn the_check_row_says_which_gate_failed() {
        let judged = |above: bool, gate: Option<GateCheck>| {
            step_cells(&StepFact::Check(CheckStep::Judged {
                version: 3,
                score: 0.8512,
                threshold: 0.8,
                above,
                gate,
            }))
        };
        let plain = judged(true, None);
        assert_eq!(
            (plain.input.as_str(), plain.output.as_str()),
            ("0.85 > 0.80", "True")
        );
        assert_eq!(plain.next_step, "Deploy model");
        let g = judged(
            true,
            Some(GateCheck {
                live_score: 0.8349,
                margin: 0.02,
                passed: false,
            }),
        );
        assert_eq!(
            g.input,
            "0.851 > 0.80 and 0.851 ≥ live 0.835 + 0.02 (= 0.855)"
        );
        assert_eq!(g.output, "False (champion/challenger gate)");
        assert_eq!(g.next_step, "Alert team");
        let skipped = step_cells(&StepFact::Check(CheckStep::Skipped(Skip::NotTriggered)));
        assert_eq!(skipped.output, "Skipped: not retrained");
        assert_eq!(skipped.next_step, "Keep live model");
    }

    #[test]
    fn performance_trigger_text_never_contradicts_itself() {
        let eval = |live: f64| TriggerEval {
            fired: live < 0.8,
            cause: TriggerCause::PerformanceDrop {
                live,
                threshold: 0.8,
            },
        };
        assert_eq!(
            trigger_reason(&eval(0.7996)),
            "performance dropped: live accuracy 0.7996 < threshold 0.80"
        );
        assert_eq!(
            trigger_reason(&eval(0.80)),
            "live accuracy 0.80 ≥ threshold 0.80"
        );
    }

    #[test]
    fn adwin_detail_says_what_the_detector_does() {
        let text = trigger_detail(&TriggerEval {
            fired: false,
            cause: TriggerCause::Adwin {
                width: 900,
                mean_error: 0.4,
            },
        });
        assert!(
            text.contains(
                "Every 32 errors it checks each cut between two buckets into an older and a newer \
                 part, and fires (drift) when their error rates differ by more than a \
                 Hoeffding-style bound (δ = 0.002), whether the rate rose or fell"
            ),
            "{text}"
        );
        assert!(!text.contains("every split"), "{text}");
        // What the words say, on the detector itself: it checks only every
        // `clock` errors, and it fires on a fall of the error rate as on a rise.
        let clock = u64::from(AdwinConfig::default().clock);
        let first_detection = |from: f64, to: f64| {
            let mut adwin = crate::sim::ml::detectors::Adwin::default();
            // A deterministic stream: `rate` of each 20 errors are 1.0.
            let errors =
                |rate: f64| (0..20).map(move |i| f64::from(u8::from(f64::from(i) < rate * 20.0)));
            let stream = std::iter::repeat_n(errors(from), 50)
                .chain(std::iter::repeat_n(errors(to), 50))
                .flatten();
            stream
                .enumerate()
                .find(|&(_, e)| adwin.update(e))
                .map(|(i, _)| i as u64 + 1)
        };
        for (from, to) in [(0.1, 0.6), (0.6, 0.1)] {
            let at = first_detection(from, to).expect("a change of the error rate is found");
            assert!(at > 1000, "not before the change: {from} -> {to} at {at}");
            assert_eq!(at % clock, 0, "{from} -> {to}: found at error {at}");
        }
        assert_eq!(first_detection(0.6, 0.6), None, "a high but steady rate");
    }

    #[test]
    fn windows_and_registry_events_in_words() {
        let w = WindowInfo {
            first_cycle: 2,
            last_cycle: 4,
            rows: 1050,
        };
        assert_eq!(window_text(&w), "cycles 2–4 (1,050 rows)");
        assert_eq!(
            window_text(&WindowInfo {
                first_cycle: 0,
                last_cycle: 0,
                rows: 350
            }),
            "initial data (350 rows)"
        );
        let deployed = RegistryEvent {
            cycle: 1,
            kind: RegistryEventKind::Deployed,
            from: Some(1),
            to: 2,
        };
        assert_eq!(
            registry_event_text(&deployed),
            "cycle 1: v2 deployed, replacing v1"
        );
        let rolled_back = RegistryEvent {
            cycle: 3,
            kind: RegistryEventKind::RolledBack,
            from: Some(2),
            to: 1,
        };
        assert_eq!(
            registry_event_text(&rolled_back),
            "cycle 3: rolled back to v1, replacing v2"
        );
    }

    #[test]
    fn cron_schedules_in_plain_words_for_common_cases() {
        let cron = |text: &str| crate::sim::retraining::cron::CronSchedule::parse(text).unwrap();
        let cases = [
            ("0 0 * * *", "every day at 00:00"),
            ("0 * * * *", "every hour at minute 0"),
            ("0 */6 * * *", "every 6 hours"),
            ("15 */6 * * *", "every 6 hours at minute 15"),
            ("30 9 * * 1", "every Monday at 09:30"),
            ("30 9 * * MON", "every Monday at 09:30"),
            ("0 9 * * 1-5", "every weekday (Monday to Friday) at 09:00"),
            (
                "0 9 * * 1,3,5",
                "every Monday, Wednesday and Friday at 09:00",
            ),
            ("* * * * *", "every minute"),
            ("*/15 * * * *", "every 15 minutes"),
            ("0 0 1 * *", "on day 1 of every month at 00:00"),
            ("0 0 29 2 *", "every year on February 29 at 00:00"),
            ("0 0 1-31 * 1", "every day at 00:00"),
            ("0 12 * * 7", "every Sunday at 12:00"), // OR rule with every day of the month
        ];
        for (text, words) in cases {
            assert_eq!(cron_text(text, &cron(text).pattern()), words, "{text}");
        }
        for text in ["0 */7 * * *", "0 0 13 * 5", "1,2 3 * * *", "0 0 * 6 *"] {
            assert_eq!(
                cron_text(text, &cron(text).pattern()),
                format!("at cron `{text}`"),
                "{text}"
            );
        }
    }
}
