//! What the rest of the app asks of the table: a key's row, label, options
//! and bounds, the setting an error names, the names a teacher can hide
//! controls by, which settings changed and whether a change restarts the run.

use super::row::{Applies, Bounds, Setting, SettingKey, Value};
use super::table::ALL;
#[cfg(all(test, not(target_arch = "wasm32")))]
use crate::sim::params::RetrainTrigger;
use crate::sim::params::{ParamField, SimParams};

/// The row of `key`.
pub fn setting(key: SettingKey) -> &'static Setting {
    ALL.iter()
        .find(|s| s.key == key)
        .expect("every SettingKey has a row in settings::ALL")
}

impl SettingKey {
    /// Its row in the table.
    pub fn row(self) -> &'static Setting {
        setting(self)
    }

    /// Its name on the page.
    pub fn label(self) -> &'static str {
        self.row().label
    }

    /// The (key, label) options of a choice setting (empty for any other).
    pub fn options(self) -> Vec<(String, String)> {
        match self.row().value {
            Value::Choice { options, .. } => options(),
            _ => Vec::new(),
        }
    }

    /// The option key of a choice setting's value in `p` (empty for any other).
    pub fn selected(self, p: &SimParams) -> String {
        match self.row().value {
            Value::Choice { get, .. } => get(p),
            _ => String::new(),
        }
    }

    /// `p` with this choice setting set to the option `choice`; `None` for
    /// an unknown option (or a setting that is not a choice).
    pub fn with_choice(self, p: &SimParams, choice: &str) -> Option<SimParams> {
        let Value::Choice { set, .. } = self.row().value else {
            return None;
        };
        let mut p = p.clone();
        set(&mut p, choice).then_some(p)
    }

    /// Its bounds, for a number setting.
    pub fn bounds(self) -> Option<&'static Bounds> {
        match &self.row().value {
            Value::Number { bounds, .. } => Some(bounds),
            _ => None,
        }
    }
}

/// The number setting whose errors name `field` (`None` for the sliding
/// window's batches, which belong to the training window).
pub fn by_field(field: ParamField) -> Option<&'static Setting> {
    ALL.iter()
        .find(|s| matches!(s.value, Value::Number { bounds, .. } if bounds.field == field))
}

/// The names a teacher can hide settings' controls by, each once, in table order.
pub fn hide_keys() -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = Vec::new();
    for key in ALL.iter().filter_map(|s| s.hide) {
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
}

/// True when `a` and `b` differ in `setting`.
fn differs(setting: &Setting, a: &SimParams, b: &SimParams) -> bool {
    match setting.value {
        Value::Seed { .. } => a.seed != b.seed,
        Value::Number { get, .. } => get(a) != get(b),
        Value::Choice { get, .. } => get(a) != get(b),
        Value::Trigger => a.trigger != b.trigger,
        Value::Switch { get, .. } => get(a) != get(b),
    }
}

/// The settings that differ between `before` and `after`, in table order.
pub fn changed(before: &SimParams, after: &SimParams) -> Vec<SettingKey> {
    ALL.iter()
        .filter(|s| differs(s, before, after))
        .map(|s| s.key)
        .collect()
}

/// True when going from `before` to `after` changes a setting that restarts the run.
pub fn needs_restart(before: &SimParams, after: &SimParams) -> bool {
    changed(before, after)
        .into_iter()
        .any(|k| k.row().applies == Applies::Restart)
}

// Native only: the core is tested natively.
/// A value of setting `s` other than its default, within its bounds (for
/// the tests that walk the table here, in links and in the notice).
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) fn changed_value(s: &Setting) -> SimParams {
    let mut p = SimParams::default();
    match s.value {
        Value::Seed { default } => p.seed = default + 1,
        Value::Number { bounds, set, .. } => {
            let v = if bounds.default + bounds.step <= bounds.max {
                bounds.default + bounds.step
            } else {
                bounds.default - bounds.step
            };
            set(&mut p, bounds.snap(v));
        }
        Value::Choice { options, get, set } => {
            let other = options()
                .into_iter()
                .map(|(k, _)| k)
                .find(|k| *k != get(&p))
                .expect("a choice has two options");
            assert!(set(&mut p, &other));
        }
        Value::Trigger => {
            p.trigger = RetrainTrigger::Schedule("30 9 * * 1".into());
        }
        Value::Switch { get, set, .. } => {
            let on = get(&p);
            set(&mut p, !on);
        }
    }
    p
}

// Native only: the core is tested natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn every_setting_is_named_when_it_changes() {
        let before = SimParams::default();
        for s in &ALL {
            let after = changed_value(s);
            let names: Vec<&str> = changed(&before, &after)
                .into_iter()
                .map(SettingKey::label)
                .collect();
            assert_eq!(names, [s.label]);
        }
        assert!(changed(&before, &before).is_empty());
        let both = SimParams::default().label_delay(2).retrain_fixed_cost(9);
        assert_eq!(
            changed(&before, &both),
            [SettingKey::LabelDelay, SettingKey::RetrainFixedCost]
        );
    }

    #[test]
    fn seed_model_and_tree_depth_restart_the_run_and_nothing_else_does() {
        let before = SimParams::default();
        for s in &ALL {
            let restarts = needs_restart(&before, &changed_value(s));
            assert_eq!(
                restarts,
                matches!(
                    s.key,
                    SettingKey::Seed | SettingKey::Model | SettingKey::TreeDepth
                ),
                "{}",
                s.label
            );
        }
    }

    #[test]
    fn a_choice_takes_its_own_keys_only() {
        let p = SimParams::default();
        for key in [
            SettingKey::DriftKind,
            SettingKey::DriftPattern,
            SettingKey::Model,
            SettingKey::Window,
        ] {
            for (option, _) in key.options() {
                let set = key.with_choice(&p, &option).expect(&option);
                assert_eq!(key.selected(&set), option);
            }
            assert_eq!(key.with_choice(&p, "Concept drift"), None);
        }
        assert!(SettingKey::Threshold.options().is_empty());
        assert_eq!(SettingKey::Threshold.with_choice(&p, "0.9"), None);
    }

    #[test]
    fn hide_keys_cover_every_control_once() {
        let keys = hide_keys();
        for s in ALL.iter().filter(|s| s.hide.is_some()) {
            assert!(keys.contains(&s.hide.unwrap()));
        }
        for k in &keys {
            assert_eq!(keys.iter().filter(|x| *x == k).count(), 1);
        }
    }

    #[test]
    fn round_to_step_gives_the_value_a_slider_shows() {
        let step = |k: SettingKey| k.bounds().unwrap().step;
        let (threshold_step, strength_step, noise_step) = (
            step(SettingKey::Threshold),
            step(SettingKey::DriftStrength),
            step(SettingKey::LabelNoise),
        );
        assert_eq!(
            crate::sim::params::round_to_step(0.805, threshold_step),
            0.81
        );
        assert_eq!(
            crate::sim::params::round_to_step(0.8049, threshold_step),
            0.8
        );
        assert_eq!(crate::sim::params::round_to_step(0.35, strength_step), 0.35);
        assert_eq!(crate::sim::params::round_to_step(0.36, strength_step), 0.35);
        assert_eq!(crate::sim::params::round_to_step(0.125, noise_step), 0.13);
        for i in 0..=100 {
            let x = crate::sim::params::round_to_step(f64::from(i) / 100.0 + 0.003, threshold_step);
            assert_eq!(format!("{x:.2}").parse::<f64>().unwrap(), x, "{x}");
        }
        assert!(crate::sim::params::round_to_step(f64::NAN, threshold_step).is_nan());
        assert_eq!(
            crate::sim::params::round_to_step(f64::INFINITY, threshold_step),
            f64::INFINITY
        );
        assert_eq!(
            crate::sim::params::round_to_step(f64::MAX, threshold_step),
            f64::MAX
        );
    }
}
