//! What one row of the settings table is: the [`Setting`] struct, the
//! [`SettingKey`] that names it, and the kinds of value a row holds (numbers
//! with their [`Bounds`] and [`Unit`], choices, the trigger, switches).

use serde::{Deserialize, Serialize};

use crate::sim::params::{ParamField, SimParams};

/// Names one setting (one row of [`ALL`](super::table::ALL)).
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
    /// The drop of the estimated accuracy that alerts the team.
    EstimateAlert,
    /// ADWIN's δ (its sensitivity).
    AdwinDelta,
    /// Page-Hinkley's λ (its sensitivity).
    PageHinkleyThreshold,
    /// The KS test's α (its sensitivity).
    KsAlpha,
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
    /// A detector's confidence or significance level (ADWIN's δ, KS α).
    Probability,
    /// Page-Hinkley's cumulative deviation, in errors.
    Deviation,
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
            Unit::Probability => "probability",
            Unit::Deviation => "errors above the mean, summed",
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
    /// The retraining trigger: a choice of
    /// [`TRIGGER_CHOICES`](super::table::TRIGGER_CHOICES), with a cron
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

/// How a change of settings was applied to the run (the table says which
/// settings restart it), so the page can say so.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConfigEffect {
    /// The run restarted at v1 (seed, model or tree depth changed).
    Restarted,
    /// Applied now (between cycles).
    AppliedNow,
    /// Applies when the next cycle starts.
    AppliesNextCycle,
}
