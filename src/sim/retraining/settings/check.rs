//! The check and the defaults built on the table: [`SimParams::check`] (the
//! one maker of [`ValidParams`]), `SimParams::default`, and the label an
//! error names a field by. They are written here, not in `params`, so that
//! `params` (the types) never imports the table that is built on them.

use super::lookup::by_field;
use super::row::Value;
use super::table::ALL;
use crate::sim::params::{
    check_range, check_seed, DriftKind, DriftPattern, ModelKind, ParamError, ParamField,
    RetrainTrigger, SimParams, TrainingWindow, ValidParams, MAX_SLIDING_BATCHES,
};

impl Default for SimParams {
    /// Numbers, switches and the seed from [`ALL`]; choices from
    /// their enums' defaults.
    fn default() -> Self {
        let mut p = SimParams {
            seed: 0,
            batch_size: 0,
            drift_kind: DriftKind::default(),
            drift_pattern: DriftPattern::default(),
            drift_strength: 0.0,
            drift_speed: 0.0,
            drift_onset: 0,
            label_noise: 0.0,
            model: ModelKind::default(),
            window: TrainingWindow::default(),
            threshold: 0.0,
            holdout_fraction: 0.0,
            tree_max_depth: 0,
            trigger: RetrainTrigger::default(),
            minutes_per_cycle: 0,
            validate_data: false,
            min_improvement: None,
            performance_floor: false,
            warm_start: false,
            label_delay: 0,
            retrain_fixed_cost: 0,
        };
        apply_defaults(&mut p);
        p
    }
}

impl ParamField {
    /// The name the page shows: the setting's label in [`ALL`].
    pub fn label(self) -> &'static str {
        match by_field(self) {
            Some(setting) => setting.label,
            None => "Training window (batches)",
        }
    }
}

impl SimParams {
    /// Checks every value once against [`ALL`]; the simulation
    /// only accepts the result.
    pub fn check(self) -> Result<ValidParams, ParamError> {
        check_seed(self.seed)?;
        for setting in &ALL {
            if let Value::Number { bounds, get, .. } = setting.value {
                check_range(bounds.field, get(&self), bounds.min, bounds.max)?;
            }
        }
        if let RetrainTrigger::Schedule(text) = &self.trigger {
            crate::sim::retraining::cron::CronSchedule::parse(text)
                .map_err(|e| ParamError::Cron(e.to_string()))?;
        }
        if let TrainingWindow::Sliding(n) = self.window {
            check_range(
                ParamField::WindowBatches,
                n as f64,
                1.0,
                MAX_SLIDING_BATCHES as f64,
            )?;
        }
        Ok(ValidParams::checked(self))
    }
}

/// Sets every number and switch in `params` to its default (the start of
/// `SimParams::default`; choices keep their enums' defaults).
fn apply_defaults(params: &mut SimParams) {
    for s in &ALL {
        match s.value {
            Value::Seed { default } => params.seed = default,
            Value::Number { bounds, set, .. } => set(params, bounds.default),
            Value::Switch { default, set, .. } => set(params, default),
            Value::Choice { .. } | Value::Trigger => {}
        }
    }
}

// Native only: the core is tested natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_the_tables_and_pass_the_check() {
        let p = SimParams::default();
        assert!(p.clone().check().is_ok());
        for s in &ALL {
            if let Value::Number { bounds, get, .. } = s.value {
                assert_eq!(get(&p), bounds.default, "{}", s.label);
                assert!(bounds.min <= bounds.default && bounds.default <= bounds.max);
                let top = bounds.slider_max.unwrap_or(bounds.max);
                assert!(top <= bounds.max && top > bounds.min, "{}", s.label);
            }
        }
        assert_eq!(p.seed, 42);
        assert!((p.threshold - 0.80).abs() < 1e-12);
    }

    #[test]
    fn the_check_rejects_each_number_just_outside_its_bounds_by_name() {
        for s in &ALL {
            let Value::Number { bounds, set, .. } = s.value else {
                continue;
            };
            for ok in [bounds.min, bounds.max] {
                let mut p = SimParams::default();
                set(&mut p, ok);
                assert!(p.check().is_ok(), "{} at {ok}", s.label);
            }
            let mut p = SimParams::default();
            set(&mut p, bounds.max + bounds.step);
            let err = p.check().unwrap_err();
            assert!(
                matches!(err, crate::sim::params::ParamError::OutOfRange { field, .. } if field == bounds.field),
                "{}: {err}",
                s.label
            );
            assert!(err.to_string().starts_with(s.label), "{err}");
        }
    }
}
