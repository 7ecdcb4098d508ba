//! The one table of settings: [`ALL`], every row with its bounds, default,
//! link key and help text, and the choices its rows offer (the trigger's
//! keys, the training windows).

use super::row::{Applies, Bounds, LinkWrite, Number, Setting, SettingKey, Unit, Value};
use crate::sim::params::{
    DetectorKind, DriftKind, DriftPattern, ModelKind, ParamField, RetrainTrigger, TrainingWindow,
    DEFAULT_CRON, MAX_BATCH_SIZE, MAX_LABEL_DELAY, MIN_BATCH_SIZE,
};
use crate::sim::retraining::cost::{DEFAULT_FIXED_COST, MAX_FIXED_COST};

/// The trigger's options: (key, label) as the select lists them.
pub const TRIGGER_CHOICES: [(&str, &str); 6] = [
    ("every", "Every cycle"),
    ("schedule", "Schedule (cron)"),
    ("drift", "Drift detected"),
    ("drop", "Performance drop"),
    ("estimate", "Estimated drop"),
    ("never", "Never retrain"),
];

/// The training windows the settings panel offers.
pub const WINDOW_CHOICES: [TrainingWindow; 5] = [
    TrainingWindow::NewestBatch,
    TrainingWindow::Sliding(3),
    TrainingWindow::Sliding(5),
    TrainingWindow::Sliding(10),
    TrainingWindow::AllData,
];

/// The trigger of a select or link key, with `cron` for a schedule (the
/// default schedule without one) and `detector` for a drift trigger (ADWIN
/// without one); `None` for an unknown key.
pub fn trigger_from_key(
    key: &str,
    cron: Option<String>,
    detector: Option<DetectorKind>,
) -> Option<RetrainTrigger> {
    Some(match key {
        "every" => RetrainTrigger::EveryCycle,
        "schedule" => RetrainTrigger::Schedule(cron.unwrap_or_else(|| DEFAULT_CRON.to_string())),
        "drift" => RetrainTrigger::DriftDetected(detector.unwrap_or_default()),
        "drop" => RetrainTrigger::PerformanceDrop,
        "estimate" => RetrainTrigger::EstimatedDrop,
        "never" => RetrainTrigger::Never,
        _ => return None,
    })
}

/// The setting that holds `detector`'s sensitivity (its δ, λ or α).
pub fn sensitivity_setting(detector: DetectorKind) -> SettingKey {
    match detector {
        DetectorKind::Adwin => SettingKey::AdwinDelta,
        DetectorKind::PageHinkley => SettingKey::PageHinkleyThreshold,
        DetectorKind::KsTest => SettingKey::KsAlpha,
    }
}

fn enum_options<T: Copy>(
    all: &[T],
    key: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|&v| (key(v).to_string(), label(v).to_string()))
        .collect()
}

/// Every setting, in the order links write them (and notices name them).
pub static ALL: [Setting; 25] = [
    Setting {
        key: SettingKey::Seed,
        label: "Seed",
        noun: "the seed",
        link: Some(("seed", LinkWrite::Always)),
        hide: Some("seed"),
        applies: Applies::Restart,
        help: "Same seed and settings, same run. Changing it restarts the run.",
        csv: None,
        value: Value::Seed { default: 42 },
    },
    Setting {
        key: SettingKey::DriftKind,
        label: "Drift kind",
        noun: "drift kind",
        link: Some(("kind", LinkWrite::Always)),
        hide: Some("kind"),
        applies: Applies::NextCycle,
        help: "What the drift changes: the rule, the inputs or the class balance",
        csv: None,
        value: Value::Choice {
            options: || enum_options(&DriftKind::ALL, DriftKind::key, DriftKind::label),
            get: |p| p.drift_kind.key().to_string(),
            set: |p, k| DriftKind::from_key(k).map(|v| p.drift_kind = v).is_some(),
        },
    },
    Setting {
        key: SettingKey::DriftPattern,
        label: "Drift pattern",
        noun: "drift pattern",
        link: Some(("pattern", LinkWrite::Always)),
        hide: Some("pattern"),
        applies: Applies::NextCycle,
        help: "How the drift unfolds over cycles",
        csv: None,
        value: Value::Choice {
            options: || enum_options(&DriftPattern::ALL, DriftPattern::key, DriftPattern::label),
            get: |p| p.drift_pattern.key().to_string(),
            set: |p, k| DriftPattern::from_key(k).map(|v| p.drift_pattern = v).is_some(),
        },
    },
    Setting {
        key: SettingKey::DriftStrength,
        label: "Drift strength",
        noun: "drift strength",
        link: Some(("strength", LinkWrite::Always)),
        hide: Some("strength"),
        applies: Applies::NextCycle,
        help: "0 = the world never changes",
        csv: None,
        value: Value::Number {
            bounds: Bounds {
                min: 0.0,
                max: 1.0,
                step: 0.05,
                default: 0.6,
                unit: Unit::Fraction,
                number: Number::Real,
                slider_max: Some(1.0),
                field: ParamField::DriftStrength,
            },
            get: |p| p.drift_strength,
            set: |p, v| p.drift_strength = v,
        },
    },
    Setting {
        key: SettingKey::DriftSpeed,
        label: "Drift speed",
        noun: "drift speed",
        link: Some(("speed", LinkWrite::Always)),
        hide: Some("speed"),
        applies: Applies::NextCycle,
        help: "How fast gradual, incremental and recurring drift unfold",
        csv: None,
        value: Value::Number {
            bounds: Bounds {
                min: 0.05,
                max: 1.0,
                step: 0.05,
                default: 0.5,
                unit: Unit::Fraction,
                number: Number::Real,
                slider_max: Some(1.0),
                field: ParamField::DriftSpeed,
            },
            get: |p| p.drift_speed,
            set: |p, v| p.drift_speed = v,
        },
    },
    Setting {
        key: SettingKey::DriftOnset,
        label: "Drift onset",
        noun: "the onset",
        link: Some(("onset", LinkWrite::Always)),
        hide: None,
        applies: Applies::NextCycle,
        help: "The first cycle that sees drift",
        csv: None,
        value: Value::Number {
            bounds: Bounds {
                min: 1.0,
                max: 1000.0,
                step: 1.0,
                default: 3.0,
                unit: Unit::Cycle,
                number: Number::WholeU32,
                slider_max: None,
                field: ParamField::DriftOnset,
            },
            get: |p| f64::from(p.drift_onset),
            set: |p, v| p.drift_onset = v as u32,
        },
    },
    Setting {
        key: SettingKey::LabelNoise,
        label: "Label noise",
        noun: "label noise",
        link: Some(("noise", LinkWrite::Always)),
        hide: Some("noise"),
        applies: Applies::NextCycle,
        help: "Share of labels flipped at random",
        csv: None,
        value: Value::Number {
            bounds: Bounds {
                min: 0.0,
                max: 0.5,
                step: 0.01,
                default: 0.05,
                unit: Unit::Fraction,
                number: Number::Real,
                slider_max: Some(0.5),
                field: ParamField::LabelNoise,
            },
            get: |p| p.label_noise,
            set: |p, v| p.label_noise = v,
        },
    },
    Setting {
        key: SettingKey::Model,
        label: "Model",
        noun: "model",
        link: Some(("model", LinkWrite::Always)),
        hide: Some("model"),
        applies: Applies::Restart,
        help: "Changing the model restarts the run",
        csv: None,
        value: Value::Choice {
            options: || enum_options(&ModelKind::ALL, ModelKind::key, ModelKind::label),
            get: |p| p.model.key().to_string(),
            set: |p, k| ModelKind::from_key(k).map(|v| p.model = v).is_some(),
        },
    },
    Setting {
        key: SettingKey::Window,
        label: "Training window",
        noun: "training window",
        link: Some(("window", LinkWrite::Always)),
        hide: Some("window"),
        applies: Applies::NextCycle,
        help: "Which batches the candidate is trained on",
        csv: None,
        value: Value::Choice {
            options: || WINDOW_CHOICES.iter().map(|w| (w.key(), w.label())).collect(),
            get: |p| p.window.key(),
            set: |p, k| TrainingWindow::from_key(k).map(|v| p.window = v).is_some(),
        },
    },
    Setting {
        key: SettingKey::Threshold,
        label: "Deploy threshold",
        noun: "the threshold",
        link: Some(("threshold", LinkWrite::Always)),
        hide: Some("threshold"),
        applies: Applies::NextCycle,
        help: "Deploy only if accuracy > threshold",
        csv: Some("threshold"),
        value: Value::Number {
            bounds: Bounds {
                min: 0.5,
                max: 0.99,
                step: 0.01,
                default: 0.80,
                unit: Unit::Fraction,
                number: Number::Real,
                slider_max: Some(0.99),
                field: ParamField::Threshold,
            },
            get: |p| p.threshold,
            set: |p, v| p.threshold = v,
        },
    },
    Setting {
        key: SettingKey::BatchSize,
        label: "Batch size",
        noun: "the batch size",
        link: Some(("batch", LinkWrite::Always)),
        hide: Some("batch"),
        applies: Applies::NextCycle,
        help: "New rows per cycle; 30% held out for evaluation",
        csv: None,
        value: Value::Number {
            bounds: Bounds {
                min: MIN_BATCH_SIZE as f64,
                max: MAX_BATCH_SIZE as f64,
                step: 20.0,
                default: 500.0,
                unit: Unit::Rows,
                number: Number::WholeUsize,
                // The core accepts more from a link.
                slider_max: Some(5000.0),
                field: ParamField::BatchSize,
            },
            get: |p| p.batch_size as f64,
            set: |p, v| p.batch_size = v as usize,
        },
    },
    Setting {
        key: SettingKey::Trigger,
        label: "Retraining trigger",
        noun: "trigger",
        link: Some(("trigger", LinkWrite::Always)),
        hide: Some("trigger"),
        applies: Applies::NextCycle,
        help: "When retraining runs",
        csv: None,
        value: Value::Trigger,
    },
    Setting {
        key: SettingKey::Validate,
        label: "Data validation",
        noun: "data validation",
        link: Some(("validate", LinkWrite::Always)),
        hide: Some("validate"),
        applies: Applies::NextCycle,
        help: "Validate data before retraining",
        csv: None,
        value: Value::Switch {
            default: true,
            get: |p| p.validate_data,
            set: |p, on| p.validate_data = on,
        },
    },
    Setting {
        key: SettingKey::ChampionMargin,
        label: "Champion margin",
        noun: "the champion margin",
        link: Some(("margin", LinkWrite::Always)),
        hide: Some("margin"),
        applies: Applies::NextCycle,
        help: "A candidate must also beat the live model by this much (0 = gate off)",
        csv: None,
        value: Value::Number {
            bounds: Bounds {
                min: 0.0,
                max: 0.2,
                step: 0.01,
                default: 0.0,
                unit: Unit::Fraction,
                number: Number::Real,
                slider_max: Some(0.1),
                field: ParamField::ChampionMargin,
            },
            get: |p| p.min_improvement.unwrap_or(0.0),
            set: |p, m| p.min_improvement = (m > 0.0).then_some(m),
        },
    },
    Setting {
        key: SettingKey::PerformanceFloor,
        label: "Performance floor",
        noun: "the performance floor",
        link: Some(("floor", LinkWrite::WhenChanged)),
        // A part of the trigger's controls.
        hide: Some("trigger"),
        applies: Applies::NextCycle,
        help: "A second trigger. A drift detector fires on a change, not on a bad but steady level; the floor catches that.",
        csv: None,
        value: Value::Switch {
            default: false,
            get: |p| p.performance_floor,
            set: |p, on| p.performance_floor = on,
        },
    },
    Setting {
        key: SettingKey::LabelDelay,
        label: "Label delay",
        noun: "the label delay",
        link: Some(("delay", LinkWrite::WhenChanged)),
        hide: Some("delay"),
        applies: Applies::NextCycle,
        help: "Cycles before a batch's labels arrive. Scoring, the performance and error triggers and training wait for them; the KS test reads inputs and does not.",
        csv: Some("label_delay"),
        value: Value::Number {
            bounds: Bounds {
                min: 0.0,
                max: MAX_LABEL_DELAY as f64,
                step: 1.0,
                default: 0.0,
                unit: Unit::Cycles,
                number: Number::WholeU32,
                slider_max: Some(MAX_LABEL_DELAY as f64),
                field: ParamField::LabelDelay,
            },
            get: |p| f64::from(p.label_delay),
            set: |p, v| p.label_delay = v as u32,
        },
    },
    Setting {
        key: SettingKey::EstimateAlert,
        label: "Alert on estimated drop",
        noun: "the alert on an estimated drop",
        link: Some(("estdrop", LinkWrite::WhenChanged)),
        hide: Some("estdrop"),
        applies: Applies::NextCycle,
        help: "While labels are late, alert when the live model's accuracy estimated from its own confidence falls this far below its hold-out score (0 = off)",
        csv: Some("estimate_alert"),
        value: Value::Number {
            bounds: Bounds {
                min: 0.0,
                max: 0.3,
                step: 0.01,
                default: 0.0,
                unit: Unit::Fraction,
                number: Number::Real,
                slider_max: Some(0.3),
                field: ParamField::EstimateAlert,
            },
            get: |p| p.estimate_alert.unwrap_or(0.0),
            set: |p, d| p.estimate_alert = (d > 0.0).then_some(d),
        },
    },
    Setting {
        key: SettingKey::TreeDepth,
        label: "Tree depth",
        noun: "the tree depth",
        link: Some(("depth", LinkWrite::WhenChanged)),
        hide: None,
        applies: Applies::Restart,
        help: "Maximum depth of the decision tree",
        csv: None,
        value: Value::Number {
            bounds: Bounds {
                min: 1.0,
                max: 20.0,
                step: 1.0,
                default: 6.0,
                unit: Unit::Levels,
                number: Number::WholeUsize,
                slider_max: None,
                field: ParamField::TreeDepth,
            },
            get: |p| p.tree_max_depth as f64,
            set: |p, v| p.tree_max_depth = v as usize,
        },
    },
    Setting {
        key: SettingKey::RetrainFixedCost,
        label: "Fixed cost per retrain",
        noun: "the fixed cost per retrain",
        link: Some(("cost", LinkWrite::WhenChanged)),
        hide: Some("cost"),
        applies: Applies::NextCycle,
        help: "Each retrain also costs 1 unit per 1,000 training rows",
        csv: None,
        value: Value::Number {
            bounds: Bounds {
                min: 0.0,
                max: MAX_FIXED_COST as f64,
                step: 1.0,
                default: DEFAULT_FIXED_COST as f64,
                unit: Unit::CostUnits,
                number: Number::WholeU32,
                slider_max: Some(MAX_FIXED_COST as f64),
                field: ParamField::RetrainFixedCost,
            },
            get: |p| f64::from(p.retrain_fixed_cost),
            set: |p, v| p.retrain_fixed_cost = v as u32,
        },
    },
    Setting {
        key: SettingKey::HoldoutFraction,
        label: "Hold-out fraction",
        noun: "the hold-out fraction",
        link: None,
        hide: None,
        applies: Applies::NextCycle,
        help: "Share of each batch held out for evaluation",
        csv: None,
        value: Value::Number {
            bounds: Bounds {
                min: 0.1,
                max: 0.5,
                step: 0.05,
                default: 0.3,
                unit: Unit::Fraction,
                number: Number::Real,
                slider_max: None,
                field: ParamField::HoldoutFraction,
            },
            get: |p| p.holdout_fraction,
            set: |p, v| p.holdout_fraction = v,
        },
    },
    Setting {
        key: SettingKey::MinutesPerCycle,
        label: "Minutes per cycle",
        noun: "the minutes per cycle",
        link: None,
        hide: None,
        applies: Applies::NextCycle,
        help: "Simulated time per cycle, for cron schedules",
        csv: None,
        value: Value::Number {
            bounds: Bounds {
                min: 1.0,
                max: 10_080.0,
                step: 1.0,
                default: 360.0,
                unit: Unit::Minutes,
                number: Number::WholeU32,
                slider_max: None,
                field: ParamField::MinutesPerCycle,
            },
            get: |p| f64::from(p.minutes_per_cycle),
            set: |p, v| p.minutes_per_cycle = v as u32,
        },
    },
    Setting {
        key: SettingKey::WarmStart,
        label: "Warm start",
        noun: "warm start",
        link: None,
        hide: None,
        applies: Applies::NextCycle,
        help: "Logistic regression may start from the live model's weights (same optimum, fewer iterations)",
        csv: None,
        value: Value::Switch {
            default: true,
            get: |p| p.warm_start,
            set: |p, on| p.warm_start = on,
        },
    },
    // Each detector's sensitivity (issue 27's scorecard). The page shows a
    // detector's slider only while that detector is the trigger, and in the
    // policy race for the raced detector; one hide key hides all three.
    Setting {
        key: SettingKey::AdwinDelta,
        label: "ADWIN δ",
        noun: "ADWIN's δ",
        link: Some(("delta", LinkWrite::WhenChanged)),
        hide: Some("sensitivity"),
        applies: Applies::NextCycle,
        help: "Larger δ: ADWIN fires on smaller changes of the error rate: fewer missed drifts, more false alarms.",
        csv: None,
        value: Value::Number {
            bounds: Bounds {
                min: 0.001,
                max: 0.2,
                step: 0.001,
                default: 0.002,
                unit: Unit::Probability,
                number: Number::Real,
                slider_max: Some(0.2),
                field: ParamField::AdwinDelta,
            },
            get: |p| p.adwin_delta,
            set: |p, v| p.adwin_delta = v,
        },
    },
    Setting {
        key: SettingKey::PageHinkleyThreshold,
        label: "Page-Hinkley λ",
        noun: "Page-Hinkley's λ",
        link: Some(("lambda", LinkWrite::WhenChanged)),
        hide: Some("sensitivity"),
        applies: Applies::NextCycle,
        help: "Smaller λ: Page-Hinkley fires on a smaller rise of the error rate: fewer missed drifts, more false alarms.",
        csv: None,
        value: Value::Number {
            bounds: Bounds {
                min: 5.0,
                max: 200.0,
                step: 5.0,
                default: 50.0,
                unit: Unit::Deviation,
                number: Number::WholeU32,
                slider_max: Some(200.0),
                field: ParamField::PageHinkleyThreshold,
            },
            get: |p| p.page_hinkley_threshold,
            set: |p, v| p.page_hinkley_threshold = v,
        },
    },
    Setting {
        key: SettingKey::KsAlpha,
        label: "KS α",
        noun: "the KS test's α",
        link: Some(("alpha", LinkWrite::WhenChanged)),
        hide: Some("sensitivity"),
        applies: Applies::NextCycle,
        help: "Larger α: the KS test calls smaller differences in the inputs drift: fewer missed drifts, more false alarms.",
        csv: None,
        value: Value::Number {
            bounds: Bounds {
                min: 0.001,
                max: 0.2,
                step: 0.001,
                default: 0.05,
                unit: Unit::Probability,
                number: Number::Real,
                slider_max: Some(0.2),
                field: ParamField::KsAlpha,
            },
            get: |p| p.ks_alpha,
            set: |p, v| p.ks_alpha = v,
        },
    },
];

// Native only: the core is tested natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn every_setting_has_one_row_and_one_link_key() {
        let mut keys: Vec<SettingKey> = ALL.iter().map(|s| s.key).collect();
        keys.dedup();
        assert_eq!(keys.len(), ALL.len());
        let links: Vec<&str> = ALL.iter().filter_map(|s| s.link.map(|(k, _)| k)).collect();
        for l in &links {
            assert_eq!(links.iter().filter(|x| *x == l).count(), 1, "{l}");
        }
    }

    #[test]
    fn every_trigger_choice_reads_back_to_its_key() {
        for (key, _) in TRIGGER_CHOICES {
            let t = trigger_from_key(key, None, None).expect(key);
            assert_eq!(t.key(), key);
        }
        assert_eq!(
            trigger_from_key("schedule", None, None),
            Some(RetrainTrigger::Schedule(DEFAULT_CRON.into()))
        );
        assert_eq!(
            trigger_from_key("drift", None, Some(DetectorKind::KsTest)),
            Some(RetrainTrigger::DriftDetected(DetectorKind::KsTest))
        );
        assert_eq!(trigger_from_key("sometimes", None, None), None);
    }

    #[test]
    fn each_detectors_sensitivity_row_reads_and_sets_its_own_field() {
        use crate::sim::retraining::settings::Value;
        use crate::sim::retraining::triggers::Sensitivity;
        // The defaults are the detectors' own, so behaviour is unchanged.
        let detectors = Sensitivity::default();
        let p = crate::sim::params::SimParams::default();
        assert_eq!(Sensitivity::of(&p), detectors);
        for d in DetectorKind::ALL {
            let row = sensitivity_setting(d).row();
            let Value::Number { bounds, get, set } = row.value else {
                panic!("{} is a number", row.label);
            };
            assert_eq!(get(&p), p.sensitivity(d), "{}", row.label);
            assert_eq!(row.hide, Some("sensitivity"));
            assert!(matches!(row.link, Some((_, LinkWrite::WhenChanged))));
            let mut q = p.clone();
            set(&mut q, bounds.max);
            assert_eq!(q.sensitivity(d), bounds.max);
            assert_eq!(
                p.clone().with_sensitivity(d, bounds.min).sensitivity(d),
                bounds.min
            );
            // Only this detector's value moved.
            for other in DetectorKind::ALL.into_iter().filter(|o| *o != d) {
                assert_eq!(q.sensitivity(other), p.sensitivity(other));
            }
        }
    }
}
