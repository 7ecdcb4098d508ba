//! The page's short notices after a command: what a change of settings did,
//! a rollback, an injected fault, a finished race, a reset.

use crate::sim::retraining::settings::ConfigEffect;
use crate::sim::retraining::validate::Fault;

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
