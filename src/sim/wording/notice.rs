//! The page's short notices after a command: what a change of settings did,
//! a rollback, an injected fault, a finished race, a reset.

use crate::sim::retraining::settings::ConfigEffect;
use crate::sim::retraining::triggers::TriggerEval;
use crate::sim::retraining::validate::Fault;
use crate::sim::stream::real_data::RealData;

/// Said after a reset.
pub const RESET_NOTICE: &str = "Reset: the run starts again at v1.";

/// What a change of the settings named `names` did (all settings when none
/// is named).
pub fn settings_changed(effect: ConfigEffect, names: &[&str]) -> String {
    let what = if names.is_empty() {
        "The settings".to_string()
    } else {
        names.join(", ")
    };
    match effect {
        ConfigEffect::Restarted => format!("{what} changed: the run restarted at v1."),
        ConfigEffect::AppliedNow => format!("{what} changed: applies to this cycle."),
        ConfigEffect::AppliesNextCycle => {
            format!("{what} changed: applies from the next cycle.")
        }
    }
}

/// Said after a rollback to version `v`.
pub fn rolled_back(v: u32) -> String {
    format!("Rolled back: model v{v} is live again.")
}

/// Said after fault `f` was injected.
pub fn fault_injected(f: Fault) -> String {
    format!(
        "Fault injected: the next batch arrives with {}.",
        f.label().to_lowercase()
    )
}

/// Said when a policy race of `cycles` cycles under `policies` policies finished.
pub fn race_finished(cycles: u32, policies: usize) -> String {
    format!("Policy race finished: {cycles} cycles under {policies} policies.")
}

/// The first line of the playground's sidebar: what to press first.
pub fn start_here(data: Option<RealData>) -> &'static str {
    match data {
        Some(RealData::Weather(_)) => {
            "Start here: press Step to walk the loop one step at a time, or Play to stream year \
             after year. On the accuracy chart, compare the grey line (v1, never retrained) with \
             the live model's."
        }
        Some(RealData::Circle) => {
            "Start here: press Step to walk the loop one step at a time, or Play to stream batch \
             after batch. On the scatter, watch the green circle (the true rule) grow in cycle 4, \
             and the model's regions follow it, or not."
        }
        None => {
            "Start here: press Step to walk the loop one step at a time, or Play to watch cycle \
             after cycle. Then drag Drift strength and watch live accuracy fall."
        }
    }
}

/// The trigger panel's status line: whether the trigger fired this cycle
/// and why, or when it will be evaluated.
pub fn trigger_status(eval: Option<&TriggerEval>) -> String {
    match eval {
        Some(t) => format!(
            "{} {}",
            if t.fired { "Fired:" } else { "Did not fire:" },
            super::triggers::trigger_reason(t)
        ),
        None => "Evaluated when new data arrives (Step 2).".to_string(),
    }
}

/// The validation panel with validation off.
pub const VALIDATION_OFF: &str = "Validation is off: any batch goes straight into training.";
/// The validation panel before the first check of a run.
pub const VALIDATION_WAITING: &str = "Each new batch is checked before retraining.";

/// Which fault the next (or this cycle's) batch carries, if any.
pub fn fault_status(pending: Option<Fault>, applied: Option<Fault>) -> String {
    match (pending, applied) {
        (Some(f), _) => format!("Next batch will arrive with: {}.", f.label().to_lowercase()),
        (None, Some(f)) => format!(
            "This cycle's batch arrived with: {}.",
            f.label().to_lowercase()
        ),
        _ => String::new(),
    }
}

// Native only: the core is tested natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn notices_name_what_changed() {
        assert_eq!(
            settings_changed(
                ConfigEffect::AppliesNextCycle,
                &["Label delay", "Fixed cost per retrain"]
            ),
            "Label delay, Fixed cost per retrain changed: applies from the next cycle."
        );
        assert_eq!(
            settings_changed(ConfigEffect::Restarted, &[]),
            "The settings changed: the run restarted at v1."
        );
        assert_eq!(
            race_finished(24, 5),
            "Policy race finished: 24 cycles under 5 policies."
        );
        assert_eq!(
            fault_injected(Fault::FlippedLabels),
            "Fault injected: the next batch arrives with flipped labels."
        );
    }
}
