//! The one table of settings. Each setting a run has is written here once, as
//! one [`Setting`] row: its name, its unit, its bounds, slider step and
//! default, its key in links, the name a teacher hides its control by, whether
//! a change restarts the run or applies from the next cycle, and its help text.
//!
//! Everything else reads the table rather than repeating it:
//! [`SimParams::check`] and `SimParams::default` (bounds and defaults), the
//! settings panel's and the guide's sliders (bounds, step, label, help), links
//! (`share`: keys, rounding, which are written), the names a teacher can hide,
//! the notice after a change ([`changed`], [`Setting::label`]), the restart
//! rule ([`needs_restart`]), the cycles CSV's setting columns and the README's
//! list of settings ([`markdown_table`]).
//!
//! Choice settings (drift kind, pattern, model, window) take their keys and
//! labels from their enums (`keys_and_labels!`); the table holds how to read
//! and set them. The trigger is one setting with two parts that ride along
//! (its cron schedule and its detector), so it has a kind of its own.

use crate::sim::params::{
    check_range, check_seed, DetectorKind, DriftKind, DriftPattern, ModelKind, ParamError,
    ParamField, RetrainTrigger, SimParams, TrainingWindow, ValidParams, DEFAULT_CRON,
    MAX_BATCH_SIZE, MAX_LABEL_DELAY, MAX_SLIDING_BATCHES, MIN_BATCH_SIZE,
};
use crate::sim::retraining::cost::{DEFAULT_FIXED_COST, MAX_FIXED_COST};

// What the rest of the core reads from the table, written here so that
// `params` (the types) never imports the table that is built on them.

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

/// Names one setting (one row of [`ALL`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SettingKey {
    /// The seed of the run's one RNG.
    Seed,
    /// What drifts.
    DriftKind,
    /// How it drifts.
    DriftPattern,
    /// How far it drifts.
    DriftStrength,
    /// How fast gradual, incremental and recurring drift unfold.
    DriftSpeed,
    /// The first drifting cycle.
    DriftOnset,
    /// Share of labels flipped.
    LabelNoise,
    /// The learner.
    Model,
    /// The training window.
    Window,
    /// The deploy threshold.
    Threshold,
    /// Rows per batch.
    BatchSize,
    /// When retraining runs (with its schedule or detector).
    Trigger,
    /// Data validation on or off.
    Validate,
    /// The champion/challenger margin.
    ChampionMargin,
    /// The performance floor beside a schedule or detector.
    PerformanceFloor,
    /// Cycles before labels arrive.
    LabelDelay,
    /// Maximum depth of the decision tree.
    TreeDepth,
    /// The fixed cost of one retrain.
    RetrainFixedCost,
    /// Share of each batch held out.
    HoldoutFraction,
    /// Simulated minutes per cycle.
    MinutesPerCycle,
    /// Warm starts for logistic regression.
    WarmStart,
}

/// When a changed setting takes effect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applies {
    /// The run starts again at v1 (a new seed or learner makes the history meaningless).
    Restart,
    /// At once between cycles, otherwise from the next cycle on.
    NextCycle,
}

/// What a number counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// A fraction of 1 (or a score).
    Fraction,
    /// Rows of data.
    Rows,
    /// A cycle's number.
    Cycle,
    /// A number of cycles.
    Cycles,
    /// The playground's cost unit.
    CostUnits,
    /// Simulated minutes.
    Minutes,
    /// Levels of a tree.
    Levels,
}

impl Unit {
    /// The unit's name in the list of settings.
    pub fn label(self) -> &'static str {
        match self {
            Unit::Fraction => "fraction",
            Unit::Rows => "rows",
            Unit::Cycle => "cycle number",
            Unit::Cycles => "cycles",
            Unit::CostUnits => "cost units",
            Unit::Minutes => "minutes",
            Unit::Levels => "levels",
        }
    }
}

/// How a number is written and read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Number {
    /// Any number, rounded to the step when read from a link.
    Real,
    /// A whole number that fits a `u32`.
    WholeU32,
    /// A whole number that fits a `usize`.
    WholeUsize,
}

/// The bounds of a number setting.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    /// Smallest value [`SimParams::check`] accepts.
    pub min: f64,
    /// Largest value [`SimParams::check`] accepts.
    pub max: f64,
    /// The step between values a slider offers (and a link's real number is rounded to).
    pub step: f64,
    /// The value of `SimParams::default()`.
    pub default: f64,
    /// What it counts.
    pub unit: Unit,
    /// Real or whole.
    pub number: Number,
    /// The largest value a slider offers (from `min` in `step`s), where the
    /// page has a slider for it; a link may go up to `max`.
    pub slider_max: Option<f64>,
    /// The field an error about it names.
    pub field: ParamField,
}

impl Bounds {
    /// `value` as a slider or link sets it: rounded to the step (a real
    /// number) or to a whole number within the bounds.
    pub fn snap(&self, value: f64) -> f64 {
        match self.number {
            Number::Real => crate::sim::params::round_to_step(value, self.step),
            Number::WholeU32 | Number::WholeUsize => value.round().clamp(self.min, self.max),
        }
    }
}

/// What kind of value a setting holds, and how to read and set it in
/// [`SimParams`].
#[derive(Clone, Copy)]
pub enum Value {
    /// The seed: a whole number from 0 to `params::MAX_SEED`.
    Seed {
        /// The default seed.
        default: u64,
    },
    /// A number within bounds.
    Number {
        /// Bounds, step, default and unit.
        bounds: Bounds,
        /// Reads it.
        get: fn(&SimParams) -> f64,
        /// Sets it (a value already within bounds and snapped).
        set: fn(&mut SimParams, f64),
    },
    /// One of a list of keys (the default is its enum's `#[default]`).
    Choice {
        /// (key, label) of every option the page offers.
        options: fn() -> Vec<(String, String)>,
        /// The key of the current value.
        get: fn(&SimParams) -> String,
        /// Sets the value of a key; false for an unknown key.
        set: fn(&mut SimParams, &str) -> bool,
    },
    /// The retraining trigger: a choice of [`TRIGGER_CHOICES`], with a cron
    /// schedule or a detector that rides along (links: `cron`, `detector`).
    Trigger,
    /// On or off.
    Switch {
        /// The default.
        default: bool,
        /// Reads it.
        get: fn(&SimParams) -> bool,
        /// Sets it.
        set: fn(&mut SimParams, bool),
    },
}

/// When a link writes a setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkWrite {
    /// Always (links written before it existed read with the default anyway).
    Always,
    /// Only when it is not the default, so older links stay as they were.
    WhenChanged,
}

/// One setting, written once.
#[derive(Clone, Copy)]
pub struct Setting {
    /// Which.
    pub key: SettingKey,
    /// Its name on the page and in notices and errors.
    pub label: &'static str,
    /// Its name inside a sentence about a link's value ("the threshold").
    pub noun: &'static str,
    /// Its key in links (`None`: the page cannot change it, so links leave it out).
    pub link: Option<(&'static str, LinkWrite)>,
    /// The name a teacher's `hide=` hides its control by (`None`: no control).
    pub hide: Option<&'static str>,
    /// What a change does to the run.
    pub applies: Applies,
    /// A line of help under its control.
    pub help: &'static str,
    /// Its column in the cycles CSV, if the CSV has one.
    pub csv: Option<&'static str>,
    /// What it holds.
    pub value: Value,
}

/// The trigger's options: (key, label) as the select lists them.
pub const TRIGGER_CHOICES: [(&str, &str); 5] = [
    ("every", "Every cycle"),
    ("schedule", "Schedule (cron)"),
    ("drift", "Drift detected"),
    ("drop", "Performance drop"),
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
        "never" => RetrainTrigger::Never,
        _ => return None,
    })
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
pub static ALL: [Setting; 21] = [
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
];

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

/// Sets every number and switch in `params` to its default (the start of
/// `SimParams::default`; choices keep their enums' defaults).
pub(crate) fn apply_defaults(params: &mut SimParams) {
    for s in &ALL {
        match s.value {
            Value::Seed { default } => params.seed = default,
            Value::Number { bounds, set, .. } => set(params, bounds.default),
            Value::Switch { default, set, .. } => set(params, default),
            Value::Choice { .. } | Value::Trigger => {}
        }
    }
}

/// The list of settings as a Markdown table (the README's, between its
/// `settings-table` markers; a test keeps the two the same).
pub fn markdown_table() -> String {
    let mut out = String::from(
        "| setting | link | hide | values | default | a change |\n|---|---|---|---|---|---|\n",
    );
    let defaults = SimParams::default();
    for s in &ALL {
        let link = s.link.map_or("–".to_string(), |(k, _)| format!("`{k}`"));
        let hide = s.hide.map_or("–".to_string(), |k| format!("`{k}`"));
        let (values, default) = match s.value {
            Value::Seed { default } => (
                format!("0 to {}", crate::sim::params::MAX_SEED),
                default.to_string(),
            ),
            Value::Number { bounds, .. } => (
                format!(
                    "{} to {} {}{}",
                    bounds.min,
                    bounds.max,
                    bounds.unit.label(),
                    if bounds.number == Number::Real && bounds.slider_max.is_some() {
                        format!(", step {}", bounds.step)
                    } else {
                        String::new()
                    }
                ),
                bounds.default.to_string(),
            ),
            Value::Choice { options, get, .. } => (
                options()
                    .iter()
                    .map(|(k, _)| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                format!("`{}`", get(&defaults)),
            ),
            Value::Trigger => (
                TRIGGER_CHOICES
                    .iter()
                    .map(|(k, _)| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
                    + " (with `cron`, `detector`)",
                format!("`{}`", defaults.trigger.key()),
            ),
            Value::Switch { default, .. } => {
                ("`1` or `0`".to_string(), u8::from(default).to_string())
            }
        };
        let applies = match s.applies {
            Applies::Restart => "restarts the run",
            Applies::NextCycle => "applies next cycle",
        };
        out.push_str(&format!(
            "| {} | {link} | {hide} | {values} | {default} | {applies} |\n",
            s.label
        ));
    }
    out
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

    #[test]
    fn the_readme_lists_the_tables_settings() {
        let readme = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"));
        let start = "<!-- settings-table: written by sim::settings::markdown_table -->\n";
        let end = "<!-- /settings-table -->";
        let from = readme
            .find(start)
            .expect("the README has the settings table")
            + start.len();
        let to = from + readme[from..].find(end).expect("the table ends");
        assert_eq!(readme[from..to], markdown_table(), "{}", markdown_table());
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
