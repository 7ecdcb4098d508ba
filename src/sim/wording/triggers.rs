//! Triggers in words: why one fired or not, its state, cron schedules.

use super::numbers::format_pair;
use super::numbers::format_score;
use super::numbers::format_threshold;
use crate::sim::english::join_words;
use crate::sim::ml::detectors::AdwinConfig;
use crate::sim::retraining::cron::{CronPattern, TimeOfDay};
use crate::sim::retraining::triggers::{TriggerCause, TriggerEval};

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
        TriggerCause::EstimatedDrop {
            estimate,
            threshold,
        } => {
            let t = format_threshold(*threshold);
            match estimate {
                Some(e) if fired => format!(
                    "estimated accuracy {} < threshold {t}, before labels arrived",
                    format_score(*e, *threshold)
                ),
                Some(e) => format!(
                    "estimated accuracy {} ≥ threshold {t}",
                    format_score(*e, *threshold)
                ),
                None => "no estimate could be made of the new batch".into(),
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
        TriggerCause::KsTest { p_value, alpha, .. } => {
            let p = format_score(p_value[0].min(p_value[1]), *alpha);
            if fired {
                format!("KS test detected input drift (p = {p} < {alpha})")
            } else {
                format!("KS test p = {p} ≥ {alpha}")
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
        TriggerCause::EstimatedDrop { estimate, threshold } => match estimate {
            Some(e) => format!(
                "Live model accuracy on the new batch, estimated from its own confidence before \
                 any label is in: {} {} {}. The estimate follows moved inputs but not a moved \
                 rule: under concept drift it stays high while the model is wrong.",
                format_score(*e, *threshold),
                if eval.fired { "<" } else { "≥" },
                format_threshold(*threshold)
            ),
            None => "No estimate could be made of the new batch, so the trigger waits.".into(),
        },
        TriggerCause::PerformanceFloor { live, threshold } => format!(
            "The main trigger did not fire, but the performance floor did: live accuracy {} < threshold {}. \
             The floor catches a model that is bad but steady, which a change detector does not see.",
            format_score(*live, *threshold),
            format_threshold(*threshold)
        ),
        TriggerCause::Adwin {
            width,
            mean_error,
            delta,
        } => {
            let clock = AdwinConfig::default().clock;
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
        TriggerCause::KsTest {
            statistic,
            p_value,
            alpha,
        } => format!(
            "KS test, training data vs new batch: feature 1 D = {:.3} (p = {}), feature 2 D = {:.3} \
             (p = {}); drift when p < {alpha}. It sees only the inputs, never the labels.",
            statistic[0],
            format_score(p_value[0], *alpha),
            statistic[1],
            format_score(p_value[1], *alpha)
        ),
    }
}
