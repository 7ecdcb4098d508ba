//! Exports of a run: one CSV row per cycle (versions, scores, decision,
//! trigger) and the full step trace as JSON.

use serde::Serialize;

use super::cycle::{CycleRecord, CycleSummary};
use super::params::SimParams;

/// Quotes a CSV field when it needs it (RFC 4180).
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The header of [`cycles_csv`].
pub const CYCLES_CSV_HEADER: &str = "cycle,live_before,live_accuracy,v1_accuracy,candidate,candidate_accuracy,threshold,decision,live_after,retrained,trigger,window_rows,window_first_cycle,window_last_cycle,drift_applied,fault";

/// One row per finished cycle.
pub fn cycles_csv(summaries: &[CycleSummary]) -> String {
    let mut out = String::from(CYCLES_CSV_HEADER);
    out.push('\n');
    for s in summaries {
        let decision = if s.deployed {
            "deploy"
        } else if !s.retrained && s.trigger_reason.starts_with("not triggered") {
            "kept"
        } else {
            "alert"
        };
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
            s.retrained.to_string(),
            csv_field(&s.trigger_reason),
            s.window.rows.to_string(),
            s.window.first_cycle.to_string(),
            s.window.last_cycle.to_string(),
            format!("{:.4}", s.drift.effective),
            s.fault.map_or(String::new(), |f| f.key().to_string()),
        ];
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

#[derive(Serialize)]
struct Trace<'a> {
    app: &'static str,
    format_version: u32,
    params: &'a SimParams,
    cycles: Vec<&'a CycleRecord>,
}

/// The full step trace (settings and every recorded cycle's table, tracker
/// and decision) as pretty JSON.
pub fn trace_json<'a>(
    params: &SimParams,
    records: impl IntoIterator<Item = &'a CycleRecord>,
) -> String {
    let trace = Trace {
        app: "Retrain Playground",
        format_version: 1,
        params,
        cycles: records.into_iter().collect(),
    };
    // Serialising plain data cannot fail; an empty object is a safe fallback.
    serde_json::to_string_pretty(&trace).unwrap_or_else(|_| "{}".to_string())
}

// Native only: the core is tested natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::cycle::Simulation;

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
        assert_eq!(v["params"]["seed"], 42);
    }
}
