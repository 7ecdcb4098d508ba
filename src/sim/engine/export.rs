//! Exports of a run: one CSV row per cycle (versions, scores, decision,
//! trigger) and the full step trace as JSON.

use serde::Serialize;

use crate::sim::params::SimParams;
use crate::sim::retraining::history::{CycleRecord, CycleSummary};
use crate::sim::retraining::outcome::Outcome;
use crate::sim::retraining::outcome::OutcomeKind;
use crate::sim::retraining::steps::{StepFact, Tracker};
use crate::sim::wording::{outcome_message, step_cells, trigger_reason};

/// Quotes a CSV field when it needs it (RFC 4180).
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The header of [`cycles_csv`].
pub const CYCLES_CSV_HEADER: &str = "cycle,live_before,live_accuracy,v1_accuracy,candidate,candidate_accuracy,threshold,decision,live_after,retrained,trigger,window_rows,window_first_cycle,window_last_cycle,drift_applied,fault,label_delay,measured_on_cycle,measured_accuracy,retrain_cost,estimated_accuracy,estimate_alert,estimate_alerted";

/// One row per finished cycle.
pub fn cycles_csv(summaries: &[CycleSummary]) -> String {
    let mut out = String::from(CYCLES_CSV_HEADER);
    out.push('\n');
    for s in summaries {
        let decision = match s.outcome.kind() {
            OutcomeKind::Deploy => "deploy",
            OutcomeKind::Alert => "alert",
            OutcomeKind::Kept => "kept",
        };
        let trigger = s.trigger.as_ref().map_or(String::new(), |t| {
            let reason = trigger_reason(t);
            if t.fired {
                reason
            } else {
                format!("not triggered: {reason}")
            }
        });
        let fields = [
            s.cycle.to_string(),
            format!("v{}", s.live_before),
            format!("{:.4}", s.live_score),
            format!("{:.4}", s.v1_score),
            s.candidate.map_or(String::new(), |v| format!("v{v}")),
            s.candidate_score
                .map_or(String::new(), |a| format!("{a:.4}")),
            format!("{:.2}", s.threshold),
            decision.to_string(),
            format!("v{}", s.live_after),
            s.retrained().to_string(),
            csv_field(&trigger),
            s.window.rows.to_string(),
            s.window.first_cycle.to_string(),
            s.window.last_cycle.to_string(),
            format!("{:.4}", s.drift.effective),
            s.fault.map_or(String::new(), |f| f.key().to_string()),
            s.label_delay.to_string(),
            s.measured.map_or(String::new(), |m| m.on_cycle.to_string()),
            s.measured
                .map_or(String::new(), |m| format!("{:.4}", m.score)),
            // In units, exact to the thousandth (no thousands separator: it is CSV).
            s.retrain_cost
                .map_or(String::new(), |c| format!("{:.3}", c.total().units())),
            s.estimated
                .map_or(String::new(), |e| format!("{:.4}", e.score)),
            s.estimated
                .and_then(|e| e.alert_drop)
                .map_or(String::new(), |d| format!("{d:.2}")),
            s.estimated.map_or(String::new(), |e| e.alerted.to_string()),
        ];
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

/// One process-table row in the trace: its words, and the typed facts behind them.
#[derive(Serialize)]
struct TraceRow<'a> {
    step: u8,
    action: String,
    input: String,
    output: String,
    next_step: String,
    fact: &'a StepFact,
}

/// One recorded cycle in the trace.
#[derive(Serialize)]
struct TraceCycle<'a> {
    cycle: u32,
    rows: Vec<TraceRow<'a>>,
    tracker: &'a Tracker,
    outcome: &'a Outcome,
    message: String,
    live_before: u32,
    candidate: Option<u32>,
    live_after: u32,
}

#[derive(Serialize)]
struct Trace<'a> {
    app: &'static str,
    format_version: u32,
    params: &'a SimParams,
    cycles: Vec<TraceCycle<'a>>,
}

fn trace_cycle(r: &CycleRecord) -> TraceCycle<'_> {
    TraceCycle {
        cycle: r.cycle,
        rows: r
            .rows
            .iter()
            .map(|row| {
                let c = step_cells(&row.fact);
                TraceRow {
                    step: row.step(),
                    action: c.action,
                    input: c.input,
                    output: c.output,
                    next_step: c.next_step,
                    fact: &row.fact,
                }
            })
            .collect(),
        tracker: &r.tracker,
        outcome: &r.outcome,
        message: outcome_message(&r.outcome),
        live_before: r.live_before,
        candidate: r.candidate,
        live_after: r.live_after,
    }
}

/// The full step trace (settings and every recorded cycle's table, tracker
/// and decision) as pretty JSON.
pub fn trace_json<'a>(
    params: &SimParams,
    records: impl IntoIterator<Item = &'a CycleRecord>,
) -> String {
    let trace = Trace {
        app: "Retrain Playground",
        format_version: 2,
        params,
        cycles: records.into_iter().map(trace_cycle).collect(),
    };
    // Serialising plain data cannot fail; an empty object is a safe fallback.
    serde_json::to_string_pretty(&trace).unwrap_or_else(|_| "{}".to_string())
}

// Native only: the core is tested natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::retraining::cycle::Simulation;
    use crate::sim::retraining::settings::ALL;

    #[test]
    fn csv_has_one_row_per_cycle_with_decisions() {
        let mut sim = Simulation::from_params(SimParams::default().threshold(0.99)).unwrap();
        sim.finish_cycles(3);
        let csv = cycles_csv(sim.summaries());
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[0], CYCLES_CSV_HEADER);
        let first: Vec<&str> = lines[1].split(',').collect();
        assert_eq!(first.len(), CYCLES_CSV_HEADER.split(',').count());
        assert_eq!(
            (first[0], first[1], first[4], first[7]),
            ("1", "v1", "v2", "alert")
        );
        // Cycle 1 trains on the initial data and batch 1: 700 rows, 5 + 0.7 units.
        let column = |name: &str| {
            CYCLES_CSV_HEADER
                .split(',')
                .position(|c| c == name)
                .unwrap()
        };
        assert_eq!(first[column("retrain_cost")], "5.700");
        // Labels at once: no estimate.
        assert_eq!(first[column("estimated_accuracy")], "");
        let never = {
            let mut sim = Simulation::from_params(
                SimParams::default().trigger(crate::sim::params::RetrainTrigger::Never),
            )
            .unwrap();
            sim.finish_cycle();
            cycles_csv(sim.summaries())
        };
        let row: Vec<&str> = never.lines().nth(1).unwrap().split(',').collect();
        assert_eq!(row[column("retrain_cost")], "", "no retrain, no cost");
        // Late labels with the alert on: the estimate, the drop and whether
        // it alerted.
        let mut late = Simulation::from_params(
            SimParams::default()
                .label_delay(2)
                .estimate_alert(Some(0.05)),
        )
        .unwrap();
        late.finish_cycle();
        let csv = cycles_csv(late.summaries());
        let row: Vec<&str> = csv.lines().nth(1).unwrap().split(',').collect();
        let e = late.summaries()[0].estimated.unwrap();
        assert_eq!(row[column("estimated_accuracy")], format!("{:.4}", e.score));
        assert_eq!(row[column("estimate_alert")], "0.05");
        assert_eq!(row[column("estimate_alerted")], e.alerted.to_string());
    }

    #[test]
    fn fields_with_commas_are_quoted() {
        assert_eq!(csv_field("a, \"b\""), "\"a, \"\"b\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
    }

    #[test]
    fn trace_json_holds_every_step() {
        let mut sim = Simulation::from_params(SimParams::default()).unwrap();
        sim.finish_cycle();
        sim.finish_cycle();
        let json = trace_json(sim.params(), sim.records());
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["cycles"].as_array().unwrap().len(), 2);
        assert_eq!(v["cycles"][1]["rows"].as_array().unwrap().len(), 8);
        assert_eq!(v["cycles"][0]["rows"][3]["output"], "New model v2");
        assert!(
            v["cycles"][0]["outcome"]["Deployed"].is_object(),
            "{}",
            v["cycles"][0]["outcome"]
        );
        assert_eq!(v["params"]["seed"], 42);
    }

    #[test]
    fn the_csv_names_the_settings_it_carries() {
        let header: Vec<&str> = CYCLES_CSV_HEADER.split(',').collect();
        for column in ALL.iter().filter_map(|s| s.csv) {
            assert!(header.contains(&column), "{column}");
        }
    }
}
