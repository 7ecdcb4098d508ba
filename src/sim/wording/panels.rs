//! The playground panels' sentences about the run: the lesson's live
//! transcript, predict-before-reveal, the race's description, the rewind
//! timeline's status, the data source, the drift speed hint.

use super::outcome::outcome_message;
use super::steps::step_cells;
use crate::sim::english::number_word;
use crate::sim::params::DriftPattern;
use crate::sim::retraining::history::Totals;
use crate::sim::retraining::outcome::Outcome;
use crate::sim::retraining::steps::StepRecord;
use crate::sim::stream::real_data::RealData;

/// The live transcript before any step of cycle 1.
pub fn transcript_start(v1_accuracy: f64) -> String {
    format!(
        "Model v1 was trained on the initial data and scored {v1_accuracy:.2} on held-out rows. \
         No step of cycle 1 has run yet."
    )
}

/// One step of the live transcript.
pub fn transcript_step(r: &StepRecord) -> String {
    let c = step_cells(&r.fact);
    format!(
        "Step {}, {}: input {}; output {}; next: {}.",
        r.step(),
        c.action,
        c.input,
        c.output,
        c.next_step
    )
}

/// The live transcript's decision line.
pub fn transcript_decision(o: &Outcome) -> String {
    format!("Decision: {}", outcome_message(o))
}

/// The live transcript's counts so far.
pub fn transcript_so_far(t: &Totals, live: u32) -> String {
    format!(
        "So far: {} cycles finished, {} deploys, {} alerts; the live model is v{live}.",
        t.cycles, t.deploys, t.alerts
    )
}

/// Predict-before-reveal's question for `cycle` (`can_skip`: the trigger may
/// keep the live model without retraining).
pub fn prediction_question(cycle: u32, can_skip: bool) -> String {
    if can_skip {
        format!(
            "Will cycle {cycle} deploy a new model, alert the team, or keep the live model without \
             retraining (the trigger does not fire)? Look at the drift, the live model's accuracy and \
             the trigger, then guess before the new data arrives at Step 2."
        )
    } else {
        format!(
            "Will cycle {cycle} deploy its new model or alert the team? Look at the drift and the live \
             model's accuracy, then guess before the new data arrives at Step 2."
        )
    }
}

/// Said once the data of `cycle` arrived without a prediction.
pub fn predictions_closed(cycle: u32) -> String {
    format!(
        "Predictions for cycle {cycle} closed when its data arrived. Finish the cycle, then predict \
         the next one."
    )
}

/// The prediction made (`label`, as the quiz names it), while the reveal
/// waits (`open`: the cycle's data has not arrived yet).
pub fn prediction_waiting(label: &str, open: bool) -> String {
    if open {
        format!("Your prediction: {label}. Step through the cycle to see.")
    } else {
        format!("Your prediction: {label}. It is revealed once the cycle is decided.")
    }
}

/// What the policy race runs: `cycles` cycles under `policies` policies, on
/// the weather data or the current stream.
pub fn race_description(cycles: u32, data: Option<RealData>, policies: usize) -> String {
    let policies = number_word(policies);
    if let Some(data) = data {
        let from = match data {
            RealData::Weather(_) => "the weather data from its first day",
            RealData::Circle => "the Circle data from its first row",
        };
        format!(
            "Runs {from}, one batch a cycle, for {cycles} cycles under {policies} policies side \
             by side (the same model and settings)."
        )
    } else {
        format!(
            "Runs the current stream (seed, drift, noise, model) for {cycles} cycles under {policies} \
             policies side by side."
        )
    }
}

/// Which data the run streams: the weather, the reader's file (its summary)
/// or the synthetic stream.
pub fn data_source(user_data: Option<&str>, real: Option<RealData>) -> String {
    match (user_data, real) {
        (Some(_), Some(RealData::Weather(_))) => "Streaming the real weather data (see Real \
                                                  weather data, beside the run controls)."
            .to_string(),
        (Some(_), Some(RealData::Circle)) => "Streaming the Circle benchmark (see its panel, \
                                              beside the run controls)."
            .to_string(),
        (Some(s), None) => format!("Streaming your data: {s}."),
        (None, _) => "Streaming the synthetic drifting data.".to_string(),
    }
}

/// The hint under the drift speed slider: what speed means for `pattern`.
pub fn drift_speed_hint(pattern: DriftPattern, onset: u32) -> String {
    match pattern {
        DriftPattern::Sudden => format!("Not used by sudden drift: it switches at cycle {onset}"),
        DriftPattern::Gradual => {
            format!("How quickly the new concept takes over (from cycle {onset})")
        }
        DriftPattern::Incremental => {
            format!("How far the concept moves each cycle (from cycle {onset})")
        }
        DriftPattern::Recurring => {
            format!("How often the old concept comes back (from cycle {onset})")
        }
    }
}

/// What the page shows, in words.
pub fn timeline_status(
    viewing: Option<u32>,
    last_recorded: Option<u32>,
    live_cycle: u32,
) -> String {
    match (viewing, last_recorded) {
        (Some(c), Some(last)) => format!(
            "Viewing cycle {c} of {last}: its table, tracker and charts above show that cycle. Stepping returns to the live run."
        ),
        (Some(c), None) => format!(
            "Viewing cycle {c}: its table, tracker and charts above show that cycle. Stepping returns to the live run."
        ),
        (None, _) if live_cycle == 0 => "Showing the live run (not started yet).".to_string(),
        (None, _) => format!("Showing the live run (cycle {live_cycle})."),
    }
}
