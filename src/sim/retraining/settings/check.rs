//! The check and the defaults built on the table: [`SimParams::check`] (the
//! one maker of [`ValidParams`]), `SimParams::default`, and the label an
//! error names a field by. They are written here, not in `params`, so that
//! `params` (the types) never imports the table that is built on them.

use super::error::{check_range, check_seed, ParamError};
use super::lookup::by_field;
use super::row::Value;
use super::table::ALL;
use crate::sim::params::{
    DriftKind, DriftPattern, ModelKind, ParamField, RetrainTrigger, SimParams, TrainingWindow,
    ValidParams, MAX_SLIDING_BATCHES,
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
            estimate_alert: None,
            adwin_delta: 0.0,
            page_hinkley_threshold: 0.0,
            ks_alpha: 0.0,
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
            crate::sim::retraining::cron::CronSchedule::parse(text).map_err(ParamError::Cron)?;
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
                matches!(err, crate::sim::retraining::settings::ParamError::OutOfRange { field, .. } if field == bounds.field),
                "{}: {err}",
                s.label
            );
            assert!(err.to_string().starts_with(s.label), "{err}");
        }
    }

    // The check on the parameters (moved from params.rs, which holds the types).
    use crate::sim::params::*;

    #[test]
    fn defaults_are_valid() {
        let p = SimParams::default().check().expect("defaults must pass");
        assert_eq!(p.batch_size, 500);
        assert!((p.threshold - 0.80).abs() < 1e-12);
    }

    #[test]
    fn rejects_out_of_range_threshold() {
        let err = SimParams::default().threshold(1.2).check().unwrap_err();
        assert!(matches!(
            err,
            ParamError::OutOfRange {
                field: ParamField::Threshold,
                ..
            }
        ));
        assert!(err.to_string().contains("between 0.5 and 0.99"));
    }

    #[test]
    fn rejects_nan_strength() {
        let err = SimParams::default()
            .drift_strength(f64::NAN)
            .check()
            .unwrap_err();
        assert!(matches!(err, ParamError::NotFinite { .. }));
    }

    #[test]
    fn rejects_tiny_batch_and_empty_window() {
        assert!(SimParams::default().batch_size(5).check().is_err());
        assert!(SimParams::default()
            .window(TrainingWindow::Sliding(0))
            .check()
            .is_err());
    }

    #[test]
    fn keys_round_trip() {
        for k in DriftKind::ALL {
            assert_eq!(DriftKind::from_key(k.key()), Some(k));
        }
        for p in DriftPattern::ALL {
            assert_eq!(DriftPattern::from_key(p.key()), Some(p));
        }
        for m in ModelKind::ALL {
            assert_eq!(ModelKind::from_key(m.key()), Some(m));
        }
        for w in [
            TrainingWindow::NewestBatch,
            TrainingWindow::Sliding(7),
            TrainingWindow::AllData,
        ] {
            assert_eq!(TrainingWindow::from_key(&w.key()), Some(w));
        }
        assert_eq!(TrainingWindow::from_key("sliding-x"), None);
        for d in DetectorKind::ALL {
            assert_eq!(DetectorKind::from_key(d.key()), Some(d));
        }
    }

    #[test]
    fn rejects_invalid_cron_with_its_reason() {
        let err = SimParams::default()
            .trigger(RetrainTrigger::Schedule("0 24 * * *".into()))
            .check()
            .unwrap_err();
        assert!(matches!(err, ParamError::Cron(_)));
        assert!(err.to_string().contains("24"), "{err}");
        assert!(SimParams::default()
            .trigger(RetrainTrigger::Schedule(DEFAULT_CRON.into()))
            .check()
            .is_ok());
    }

    #[test]
    fn rejects_a_seed_beyond_what_javascript_numbers_hold() {
        let err = SimParams::default().seed(MAX_SEED + 1).check().unwrap_err();
        assert!(matches!(
            err,
            ParamError::SeedTooLarge { seed, max } if seed == (1 << 53) + 1 && max == 1 << 53
        ));
        assert_eq!(
            err.to_string(),
            "Seed must be a whole number from 0 to 9007199254740992, got 9007199254740993"
        );
        assert!(SimParams::default().seed(1 << 53).check().is_ok());
        assert!(SimParams::default().seed(0).check().is_ok());
        // 2^53 is the last whole number an f64 (a JavaScript number) holds exactly.
        assert_eq!(MAX_SEED as f64 as u64, MAX_SEED);
        assert_ne!((MAX_SEED + 1) as f64 as u64, MAX_SEED + 1);
    }

    #[test]
    fn rejects_a_fixed_cost_above_its_limit_by_name() {
        assert_eq!(SimParams::default().retrain_fixed_cost, 5);
        for ok in [0, 5, MAX_FIXED_COST] {
            assert!(SimParams::default().retrain_fixed_cost(ok).check().is_ok());
        }
        let err = SimParams::default()
            .retrain_fixed_cost(MAX_FIXED_COST + 1)
            .check()
            .unwrap_err();
        assert!(matches!(
            err,
            ParamError::OutOfRange {
                field: ParamField::RetrainFixedCost,
                value,
                ..
            } if value == 51.0
        ));
        assert_eq!(
            err.to_string(),
            "Fixed cost per retrain must be between 0 and 50, got 51"
        );
    }

    #[test]
    fn settings_saved_before_costs_existed_read_with_the_default_cost() {
        let mut old = serde_json::to_value(SimParams::default()).unwrap();
        old.as_object_mut().unwrap().remove("retrain_fixed_cost");
        let back: SimParams = serde_json::from_value(old).unwrap();
        assert_eq!(back.retrain_fixed_cost, DEFAULT_FIXED_COST);
    }

    #[test]
    fn rejects_out_of_range_margin_and_clock() {
        assert!(SimParams::default()
            .min_improvement(Some(0.5))
            .check()
            .is_err());
        assert!(SimParams::default().minutes_per_cycle(0).check().is_err());
        assert!(SimParams::default()
            .min_improvement(Some(0.02))
            .check()
            .is_ok());
    }
}
