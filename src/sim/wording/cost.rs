//! What retraining costs, in words: the rule, a version's cost, the run's
//! total, the policy race's policy names and its comparison of retraining
//! every cycle with the cheaper policies. Part of [`super`], the one place where facts become words.
//!
//! Costs are exact to a thousandth of a unit and shown exactly (trailing zeros
//! dropped: "6.05", "241.65", "0"), so the numbers on the page add up as shown.

use super::numbers::shown_value;
use crate::sim::english::{group_thousands, ordinal};
use crate::sim::params::RetrainTrigger;
use crate::sim::retraining::cost::{Cost, RetrainCost, ROWS_PER_UNIT};
use crate::sim::retraining::history::Totals;
use crate::sim::retraining::race::{
    Cadence, CostComparison, CostVerdict, CycleSpan, Policy, PolicyRun,
};
use crate::sim::retraining::registry::ModelVersion;
use crate::sim::stream::weather::DAYS_PER_YEAR;

/// A cost as a number of units, exact: "6.05", "1,241.5", "0".
pub fn format_cost(cost: Cost) -> String {
    let (whole, milli) = cost.split();
    let whole = group_thousands(usize::try_from(whole).unwrap_or(usize::MAX));
    if milli == 0 {
        return whole;
    }
    let fraction = format!("{milli:03}");
    format!("{whole}.{}", fraction.trim_end_matches('0'))
}

/// A cost with its unit: "1 unit", "6.05 units".
pub fn cost_units(cost: Cost) -> String {
    let unit = if cost == Cost::from_units(1) {
        "unit"
    } else {
        "units"
    };
    format!("{} {unit}", format_cost(cost))
}

/// The rule, in one sentence, for the run: the fixed part is the setting in
/// force now (an earlier retrain paid the one in force then, as its cost shows).
pub fn cost_rule(fixed_now: u32) -> String {
    format!(
        "Each retrain costs the fixed cost per retrain (now {}) plus 1 unit per {} training rows; \
         a training that fails makes no model and costs nothing, and v1's first training is not counted.",
        cost_units(Cost::from_units(fixed_now)),
        group_thousands(ROWS_PER_UNIT)
    )
}

/// The rule as it held for a whole policy race.
pub fn race_cost_rule(fixed: u32) -> String {
    format!(
        "In this race each retrain cost {} plus 1 unit per {} training rows; a training that fails \
         makes no model and costs nothing.",
        cost_units(Cost::from_units(fixed)),
        group_thousands(ROWS_PER_UNIT)
    )
}

/// The headline card's note under the total: "units for 12 retrains".
pub fn cost_stat_note(totals: &Totals) -> String {
    let retrains = if totals.retrains == 1 {
        "1 retrain".to_string()
    } else {
        format!("{} retrains", group_thousands(totals.retrains as usize))
    };
    let unit = if totals.cost == Cost::from_units(1) {
        "unit"
    } else {
        "units"
    };
    format!("{unit} for {retrains}")
}

/// A retrain's cost with its two parts: "6.05 (5 + 1.05)".
pub fn retrain_cost_text(cost: &RetrainCost) -> String {
    format!(
        "{} ({} + {})",
        format_cost(cost.total()),
        format_cost(Cost::from_units(cost.fixed)),
        format_cost(cost.rows_part())
    )
}

/// The registry's cost cell: the retrain's cost, or "—" for v1 (not a retrain).
pub fn version_cost_text(v: &ModelVersion) -> String {
    v.cost.as_ref().map_or("—".to_string(), retrain_cost_text)
}

/// The run's total so far: "12 retrains so far cost 72.6 units in all."
pub fn totals_cost_sentence(totals: &Totals) -> String {
    match totals.retrains {
        0 => "No retrain so far: nothing spent on training yet.".to_string(),
        1 => format!("1 retrain so far cost {}.", cost_units(totals.cost)),
        n => format!(
            "{} retrains so far cost {} in all.",
            group_thousands(n as usize),
            cost_units(totals.cost)
        ),
    }
}

/// One policy's point on the accuracy-against-cost chart, for its text
/// alternative: "Every cycle: 241.65 units, mean accuracy 0.895".
pub fn policy_point_text(run: &PolicyRun) -> String {
    format!(
        "{}: {}, mean accuracy {:.3}",
        policy_name(&run.policy),
        cost_units(run.total_cost),
        run.mean_accuracy
    )
}

/// Two mean accuracies, each with the decimals (at least 3, as the race
/// table shows them, at most 6) that keep their true order and make the
/// difference of the shown numbers the true difference rounded alike; and
/// that difference.
fn means(a: f64, b: f64) -> (String, String, String) {
    let round = |v: f64, d: usize| format!("{v:.d$}");
    let shown = |v: f64, d: usize| shown_value(&round(v, d)).unwrap_or(v);
    let d = (3..=6)
        .find(|&d| {
            shown(a, d).total_cmp(&shown(b, d)) == a.total_cmp(&b)
                && round(shown(a, d) - shown(b, d), d) == round(a - b, d)
        })
        .unwrap_or(6);
    (
        round(a, d),
        round(b, d),
        round(shown(a, d) - shown(b, d), d),
    )
}

/// The sentence under the race: what retraining every cycle bought over the
/// cheapest policy that came close to it.
pub fn race_cost_sentence(c: &CostComparison) -> String {
    let every = &c.every;
    let gap = format!("{:.2}", c.gap);
    match &c.verdict {
        CostVerdict::NearlyAsGood { cheaper } => {
            let (e, m, bought) = means(every.mean_accuracy, cheaper.mean_accuracy);
            let extra = cost_units(every.total_cost - cheaper.total_cost);
            let costs = format!(
                "for {} instead of {}",
                cost_units(cheaper.total_cost),
                cost_units(every.total_cost)
            );
            if cheaper.mean_accuracy >= every.mean_accuracy {
                format!(
                    "{} scored at least as well as retraining every cycle (mean accuracy {m} against {e}) \
                     {costs}: every cycle bought no accuracy for {extra} more.",
                    policy_name(&cheaper.policy)
                )
            } else {
                format!(
                    "{} came within {gap} of retraining every cycle (mean accuracy {m} against {e}) \
                     {costs}: every cycle bought only {bought} more mean accuracy for {extra} more.",
                    policy_name(&cheaper.policy)
                )
            }
        }
        CostVerdict::EveryCycleAhead { best } => {
            let (e, b, _) = means(every.mean_accuracy, best.mean_accuracy);
            format!(
                "No cheaper policy came within {gap} of retraining every cycle (mean accuracy {e} for {}): \
                 the best of them, {}, scored {b} for {}. Here the extra retrains bought real accuracy.",
                cost_units(every.total_cost),
                policy_name(&best.policy),
                cost_units(best.total_cost)
            )
        }
        CostVerdict::NoneCheaper => format!(
            "No policy cost less than retraining every cycle here ({}, mean accuracy {:.3}).",
            cost_units(every.total_cost),
            every.mean_accuracy
        ),
    }
}

/// A clock of `minutes` per cycle, as an adjective: "6-hour", "90-minute".
fn clock_adjective(minutes: u32) -> String {
    if minutes.is_multiple_of(60) {
        format!("{}-hour", minutes / 60)
    } else {
        format!("{minutes}-minute")
    }
}

/// What a cycle is called in a cadence: "cycle", "year", "batch of 30 days".
fn cycle_noun(span: CycleSpan) -> String {
    match span {
        CycleSpan::SimulatedClock { .. } => "cycle".into(),
        CycleSpan::Days { days, .. } if days == DAYS_PER_YEAR => "year".into(),
        CycleSpan::Days { days, .. } => format!("batch of {} days", group_thousands(days)),
        CycleSpan::Rows { .. } => "batch".into(),
    }
}

/// A policy's name in a race: its trigger, and for a schedule what it did on
/// the data it ran on, read off the cycles it fired in ("Schedule (0 0 * * *:
/// every 4th cycle)"; on a year of real days per cycle, "Schedule (0 0 * * *
/// on the 6-hour clock: every 4th year)"). Charts use [`policy_short_name`].
pub fn policy_name(policy: &Policy) -> String {
    let (cron, cadence, span) = match policy {
        Policy::Trigger(trigger) => return trigger.label(),
        Policy::Schedule {
            cron,
            cadence,
            span,
        } => (cron, cadence, span),
    };
    let span = *span;
    let clock = match span {
        CycleSpan::SimulatedClock { .. } => String::new(),
        CycleSpan::Days { clock_minutes, .. } | CycleSpan::Rows { clock_minutes } => {
            format!(" on the {} clock", clock_adjective(clock_minutes))
        }
    };
    let noun = cycle_noun(span);
    let did = match *cadence {
        Cadence::Never => "never fired".to_string(),
        Cadence::Once { cycle } => format!("once, at cycle {cycle}"),
        Cadence::Every { every: 1, .. } => format!("every {noun}"),
        Cadence::Every { every, first } if first == every => {
            format!("every {} {noun}", ordinal(every))
        }
        Cadence::Every { every, first } => {
            format!("every {} {noun} from cycle {first}", ordinal(every))
        }
        Cadence::Irregular { times, cycles } => format!("{times} times in {cycles} cycles"),
    };
    format!("Schedule ({cron}{clock}: {did})")
}

/// A policy's short name, for chart legends and points: what kind of trigger
/// it is ("Drift detected", "Schedule"), without its detector or cadence.
pub fn policy_short_name(policy: &Policy) -> String {
    match policy {
        Policy::Schedule { .. } | Policy::Trigger(RetrainTrigger::Schedule(_)) => {
            "Schedule".to_string()
        }
        Policy::Trigger(RetrainTrigger::DriftDetected(_)) => "Drift detected".to_string(),
        Policy::Trigger(other) => other.label(),
    }
}

// Native only: the core is tested natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::retraining::race::PolicyPoint;

    fn point(trigger: RetrainTrigger, mean: f64, milli: u64) -> PolicyPoint {
        PolicyPoint {
            policy: Policy::Trigger(trigger),
            mean_accuracy: mean,
            total_cost: Cost::from_milli(milli),
        }
    }

    #[test]
    fn costs_are_shown_exactly_with_their_unit() {
        assert_eq!(format_cost(Cost::from_milli(6_050)), "6.05");
        assert_eq!(format_cost(Cost::from_milli(241_650)), "241.65");
        assert_eq!(format_cost(Cost::from_milli(1_241_500)), "1,241.5");
        assert_eq!(format_cost(Cost::from_milli(350)), "0.35");
        assert_eq!(format_cost(Cost::from_milli(1)), "0.001");
        assert_eq!(format_cost(Cost::ZERO), "0");
        assert_eq!(cost_units(Cost::from_units(1)), "1 unit");
        assert_eq!(cost_units(Cost::ZERO), "0 units");
        assert_eq!(
            retrain_cost_text(&RetrainCost::new(5, 1_050)),
            "6.05 (5 + 1.05)"
        );
        assert_eq!(
            cost_rule(5),
            "Each retrain costs the fixed cost per retrain (now 5 units) plus 1 unit per 1,000 \
             training rows; a training that fails makes no model and costs nothing, and v1's first \
             training is not counted."
        );
        assert_eq!(
            race_cost_rule(1),
            "In this race each retrain cost 1 unit plus 1 unit per 1,000 training rows; a training \
             that fails makes no model and costs nothing."
        );
    }

    #[test]
    fn the_total_is_said_with_its_count() {
        let mut t = Totals::default();
        assert_eq!(
            totals_cost_sentence(&t),
            "No retrain so far: nothing spent on training yet."
        );
        t.retrains = 1;
        t.cost = Cost::from_milli(6_050);
        assert_eq!(
            totals_cost_sentence(&t),
            "1 retrain so far cost 6.05 units."
        );
        t.retrains = 1_200;
        t.cost = Cost::from_milli(7_260_000);
        assert_eq!(
            totals_cost_sentence(&t),
            "1,200 retrains so far cost 7,260 units in all."
        );
    }

    #[test]
    fn the_race_sentence_says_what_every_cycle_bought() {
        let every = point(RetrainTrigger::EveryCycle, 0.8947, 241_650);
        let near = CostComparison {
            every: every.clone(),
            verdict: CostVerdict::NearlyAsGood {
                cheaper: point(RetrainTrigger::Never, 0.8917, 0),
            },
            gap: 0.02,
        };
        assert_eq!(
            race_cost_sentence(&near),
            "Never retrain came within 0.02 of retraining every cycle (mean accuracy 0.892 against 0.895) \
             for 0 units instead of 241.65 units: every cycle bought only 0.003 more mean accuracy for \
             241.65 units more."
        );
        let better = CostComparison {
            verdict: CostVerdict::NearlyAsGood {
                cheaper: point(RetrainTrigger::PerformanceDrop, 0.8605, 18_150),
            },
            every: point(RetrainTrigger::EveryCycle, 0.8590, 241_650),
            gap: 0.02,
        };
        assert_eq!(
            race_cost_sentence(&better),
            "Performance drop scored at least as well as retraining every cycle (mean accuracy 0.861 \
             against 0.859) for 18.15 units instead of 241.65 units: every cycle bought no accuracy for \
             223.5 units more."
        );
        let ahead = CostComparison {
            every: every.clone(),
            verdict: CostVerdict::EveryCycleAhead {
                best: point(RetrainTrigger::Schedule("0 0 * * *".into()), 0.7726, 60_500),
            },
            gap: 0.02,
        };
        assert_eq!(
            race_cost_sentence(&ahead),
            "No cheaper policy came within 0.02 of retraining every cycle (mean accuracy 0.895 for \
             241.65 units): the best of them, Schedule (0 0 * * *), scored 0.773 for 60.5 units. Here the \
             extra retrains bought real accuracy."
        );
        // Close means get the decimals that keep their order, and the
        // difference is that of the numbers shown.
        let close = CostComparison {
            every: point(RetrainTrigger::EveryCycle, 0.89151, 1_000),
            verdict: CostVerdict::NearlyAsGood {
                cheaper: point(RetrainTrigger::Never, 0.89149, 0),
            },
            gap: 0.02,
        };
        let s = race_cost_sentence(&close);
        assert!(s.contains("(mean accuracy 0.89149 against 0.89151)"), "{s}");
        assert!(s.contains("bought only 0.00002 more"), "{s}");
    }

    #[test]
    fn a_policy_is_named_by_its_trigger_or_by_what_its_schedule_did() {
        let schedule = |cron: &str, cadence, span| Policy::Schedule {
            cron: cron.into(),
            cadence,
            span,
        };
        let clock = |minutes| CycleSpan::SimulatedClock { minutes };
        for (minutes, every, name) in [
            (360, 4, "Schedule (0 0 * * *: every 4th cycle)"),
            (720, 2, "Schedule (0 0 * * *: every 2nd cycle)"),
            (1440, 1, "Schedule (0 0 * * *: every cycle)"),
        ] {
            let p = schedule(
                "0 0 * * *",
                Cadence::Every {
                    every,
                    first: every,
                },
                clock(minutes),
            );
            assert_eq!(policy_name(&p), name);
            assert_eq!(policy_short_name(&p), "Schedule");
        }
        let noon = schedule(
            "0 12 * * *",
            Cadence::Every { every: 4, first: 2 },
            clock(360),
        );
        assert_eq!(
            policy_name(&noon),
            "Schedule (0 12 * * *: every 4th cycle from cycle 2)"
        );
        let weekdays = schedule(
            "0 0 * * 1-5",
            Cadence::Irregular {
                times: 28,
                cycles: 40,
            },
            clock(360),
        );
        assert_eq!(
            policy_name(&weekdays),
            "Schedule (0 0 * * 1-5: 28 times in 40 cycles)"
        );
        let adwin = Policy::Trigger(RetrainTrigger::DriftDetected(
            crate::sim::params::DetectorKind::Adwin,
        ));
        assert_eq!(
            policy_name(&adwin),
            "Drift detected (ADWIN on the error stream)"
        );
        assert_eq!(policy_short_name(&adwin), "Drift detected");
        let never = Policy::Trigger(RetrainTrigger::Never);
        assert_eq!(policy_name(&never), "Never retrain");
        assert_eq!(policy_short_name(&never), "Never retrain");
    }
}
