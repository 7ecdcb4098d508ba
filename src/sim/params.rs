//! Simulation parameters: a builder with documented defaults, checked once into
//! [`ValidParams`] so that the rest of the core never sees an out-of-range value.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::keys_and_labels::keys_and_labels;

/// What the drift changes in the data-generating process.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum DriftKind {
    /// The labelling rule itself moves: the class means rotate around the centre,
    /// so P(y|x) changes and a stale model becomes wrong.
    #[default]
    Concept,
    /// The input clouds slide along the decision boundary; the labelling rule
    /// P(y|x) stays, so a stale model keeps most of its accuracy.
    Covariate,
    /// The class balance P(y) shifts towards class 1.
    Prior,
}

keys_and_labels! {
    DriftKind {
        Concept => "concept", "Concept drift (the rule changes)";
        Covariate => "covariate", "Covariate drift (the inputs move)";
        Prior => "prior", "Prior shift (the class balance changes)";
    }
}

/// How the drift unfolds over cycles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum DriftPattern {
    /// Everything switches to the new concept at the onset cycle.
    #[default]
    Sudden,
    /// Each sample comes from the new concept with a probability that follows a
    /// sigmoid over cycles (as MOA/River's `ConceptDriftStream`); speed sets its width.
    Gradual,
    /// The concept moves a little every cycle from the onset on; speed sets the step.
    Incremental,
    /// The new concept and the old one take turns; speed sets how long each lasts.
    Recurring,
}

keys_and_labels! {
    DriftPattern {
        Sudden => "sudden", "Sudden";
        Gradual => "gradual", "Gradual";
        Incremental => "incremental", "Incremental";
        Recurring => "recurring", "Recurring";
    }
}

/// Which learner is retrained every cycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum ModelKind {
    /// linfa-logistic, L2-regularised, L-BFGS.
    #[default]
    LogisticRegression,
    /// linfa-trees, Gini splits.
    DecisionTree,
}

keys_and_labels! {
    ModelKind {
        LogisticRegression => "logistic", "Logistic regression";
        DecisionTree => "tree", "Decision tree";
    }
}

/// Which data the candidate model is trained on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TrainingWindow {
    /// Only the training part of the newest batch.
    NewestBatch,
    /// The training parts of the last `n` batches (n >= 1).
    Sliding(usize),
    /// Everything collected so far, capped at [`MAX_WINDOW_ROWS`] (oldest dropped first)
    /// so that memory stays bounded on long runs.
    AllData,
}

impl Default for TrainingWindow {
    fn default() -> Self {
        TrainingWindow::Sliding(3)
    }
}

impl TrainingWindow {
    /// The label the page shows.
    pub fn label(self) -> String {
        match self {
            TrainingWindow::NewestBatch => "Newest batch only".to_string(),
            TrainingWindow::Sliding(n) => format!("Last {n} batches"),
            TrainingWindow::AllData => "All data so far".to_string(),
        }
    }

    /// A short label, stable for URLs and selects: `newest`, `sliding-N`, `all`.
    pub fn key(self) -> String {
        match self {
            TrainingWindow::NewestBatch => "newest".to_string(),
            TrainingWindow::Sliding(n) => format!("sliding-{n}"),
            TrainingWindow::AllData => "all".to_string(),
        }
    }

    /// Parses [`TrainingWindow::key`].
    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "newest" => Some(TrainingWindow::NewestBatch),
            "all" => Some(TrainingWindow::AllData),
            _ => key
                .strip_prefix("sliding-")
                .and_then(|n| n.parse().ok())
                .map(TrainingWindow::Sliding),
        }
    }
}

/// Which drift detector the "drift detected" trigger uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum DetectorKind {
    /// ADWIN (delta 0.002) on the live model's error stream.
    #[default]
    Adwin,
    /// Page-Hinkley (River's defaults) on the live model's error stream.
    PageHinkley,
    /// Two-sample Kolmogorov–Smirnov test per feature, training window vs new batch (p < 0.05).
    KsTest,
}

keys_and_labels! {
    DetectorKind {
        Adwin => "adwin", "ADWIN on the error stream";
        PageHinkley => "page-hinkley", "Page-Hinkley on the error stream";
        KsTest => "ks", "Kolmogorov–Smirnov test on the inputs";
    }
}

/// When retraining is triggered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum RetrainTrigger {
    /// Every cycle (the lesson's loop).
    #[default]
    EveryCycle,
    /// On a 5-field cron schedule over the simulated clock, e.g. `0 0 * * *`.
    Schedule(String),
    /// When a drift detector fires.
    DriftDetected(DetectorKind),
    /// When the live model's accuracy on new labelled data falls below the threshold.
    PerformanceDrop,
    /// Never: the model is never retrained (the baseline of the policy race).
    Never,
}

impl RetrainTrigger {
    /// A stable key for selects: `every`, `schedule`, `drift`, `drop`, `never`.
    pub fn key(&self) -> &'static str {
        match self {
            RetrainTrigger::EveryCycle => "every",
            RetrainTrigger::Schedule(_) => "schedule",
            RetrainTrigger::DriftDetected(_) => "drift",
            RetrainTrigger::PerformanceDrop => "drop",
            RetrainTrigger::Never => "never",
        }
    }

    /// The label the page shows.
    pub fn label(&self) -> String {
        match self {
            RetrainTrigger::EveryCycle => "Every cycle".into(),
            RetrainTrigger::Schedule(c) => format!("Schedule ({c})"),
            RetrainTrigger::DriftDetected(d) => format!("Drift detected ({})", d.label()),
            RetrainTrigger::PerformanceDrop => "Performance drop".into(),
            RetrainTrigger::Never => "Never retrain".into(),
        }
    }
}

/// The default cron schedule: daily at midnight.
pub const DEFAULT_CRON: &str = "0 0 * * *";

/// The most rows a training window may hold; "all data" drops the oldest beyond it.
pub const MAX_WINDOW_ROWS: usize = 100_000;
/// The fewest rows a batch may have (a hold-out slice of 30 % must still hold a few).
pub const MIN_BATCH_SIZE: usize = 20;
/// The most rows a batch may have.
pub const MAX_BATCH_SIZE: usize = 20_000;
/// The most batches a sliding window may span.
pub const MAX_SLIDING_BATCHES: usize = 200;
/// The largest seed: 2^53, the largest whole number a JavaScript number holds
/// exactly, so that a seed survives the page, links and exported JSON unchanged.
pub const MAX_SEED: u64 = 1 << 53;
/// Most cycles a batch's labels may arrive late.
pub const MAX_LABEL_DELAY: u32 = 10;
/// The fixed cost of one retrain by default, in the playground's cost units.
pub const DEFAULT_FIXED_COST: u32 = 5;
/// The largest fixed cost a setting or link may ask for, in units.
pub const MAX_FIXED_COST: u32 = 50;

/// `value` rounded to the nearest multiple of `step`, where `step` is 1/n for a
/// whole n (0.01, 0.05, …). Dividing by n rather than multiplying by `step`
/// gives the double nearest the decimal (0.35, not 0.35000000000000003), so the
/// value prints exactly as a slider shows it. A non-finite value is returned as
/// it is, for the check to reject.
pub fn round_to_step(value: f64, step: f64) -> f64 {
    let per_unit = (1.0 / step).round();
    let scaled = value * per_unit;
    if !scaled.is_finite() || !per_unit.is_finite() || per_unit < 1.0 {
        return value;
    }
    scaled.round() / per_unit
}

/// Checks a seed against [`MAX_SEED`] (as [`SimParams::check`] does).
pub fn check_seed(seed: u64) -> Result<(), ParamError> {
    if seed > MAX_SEED {
        return Err(ParamError::SeedTooLarge {
            seed,
            max: MAX_SEED,
        });
    }
    Ok(())
}

/// Everything that defines a run. Build it with the setters, then [`SimParams::check`].
///
/// A field missing from saved or linked settings (one added after they were
/// made) takes its default from the settings table, through `Default`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SimParams {
    /// Seed of the one pinned RNG, 0..=[`MAX_SEED`]. Default 42.
    pub seed: u64,
    /// Rows per batch, [`MIN_BATCH_SIZE`]..=[`MAX_BATCH_SIZE`]. Default 500.
    pub batch_size: usize,
    /// What drifts. Default [`DriftKind::Concept`].
    pub drift_kind: DriftKind,
    /// How it drifts. Default [`DriftPattern::Sudden`].
    pub drift_pattern: DriftPattern,
    /// 0..=1; 0 means no drift at all. Default 0.6.
    pub drift_strength: f64,
    /// 0.05..=1; how fast gradual/incremental/recurring drift unfolds. Default 0.5.
    pub drift_speed: f64,
    /// The first cycle that sees drift, 1..=1000. Default 3.
    pub drift_onset: u32,
    /// Fraction of labels flipped at random, 0..=0.5. Default 0.05.
    pub label_noise: f64,
    /// The learner. Default [`ModelKind::LogisticRegression`].
    pub model: ModelKind,
    /// The training window. Default the last 3 batches.
    pub window: TrainingWindow,
    /// A candidate is deployed only if its accuracy is strictly greater than this,
    /// 0.5..=0.99. Default 0.80.
    pub threshold: f64,
    /// Fraction of each batch held out for evaluation, 0.1..=0.5. Default 0.3.
    pub holdout_fraction: f64,
    /// Maximum depth of the decision tree, 1..=20. Default 6.
    pub tree_max_depth: usize,
    /// When retraining runs. Default every cycle.
    pub trigger: RetrainTrigger,
    /// Simulated minutes per cycle (for cron schedules), 1..=10080. Default 360 (6 hours).
    pub minutes_per_cycle: u32,
    /// Validate each new batch before retraining. Default on.
    pub validate_data: bool,
    /// Champion/challenger gate: the candidate must beat the live model on the same
    /// hold-out slice by at least this much, 0..=0.2; `None` turns the gate off. Default off.
    pub min_improvement: Option<f64>,
    /// A second trigger beside a schedule or a drift detector: also retrain
    /// whenever the live model's accuracy on new labelled data is below the
    /// threshold. A change detector fires on a *change* in the error rate, not
    /// on a bad but steady level; the floor catches that. Default off.
    pub performance_floor: bool,
    /// Let logistic regression start from the live model's weights when they
    /// fit the new window better than the closed-form discriminant does (same
    /// optimum, fewer iterations; see `train::LogisticStart`). Default on.
    pub warm_start: bool,
    /// Cycles before a batch's labels arrive, 0..=[`MAX_LABEL_DELAY`]. The
    /// inputs arrive at once; everything that needs labels (scoring the live
    /// model, the performance and error-stream triggers, the label checks,
    /// training on the batch) waits for them. Default 0.
    pub label_delay: u32,
    /// The fixed part of what one retrain costs, in the playground's cost unit,
    /// 0..=[`MAX_FIXED_COST`]; each retrain also costs one unit per 1,000 training
    /// rows (see `retraining::cost`). Default [`DEFAULT_FIXED_COST`].
    pub retrain_fixed_cost: u32,
}

/// A numeric setting that [`SimParams::check`] bounds, named for messages and
/// matched as data (a link falls back to the default of exactly this field).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ParamField {
    /// Rows per batch.
    BatchSize,
    /// Drift strength.
    DriftStrength,
    /// Drift speed.
    DriftSpeed,
    /// Drift onset cycle.
    DriftOnset,
    /// Label noise.
    LabelNoise,
    /// Deploy threshold.
    Threshold,
    /// Hold-out fraction.
    HoldoutFraction,
    /// Decision-tree depth.
    TreeDepth,
    /// Simulated minutes per cycle.
    MinutesPerCycle,
    /// Champion/challenger margin.
    ChampionMargin,
    /// Batches in a sliding training window.
    WindowBatches,
    /// Cycles before labels arrive.
    LabelDelay,
    /// The fixed cost of one retrain.
    RetrainFixedCost,
}

impl std::fmt::Display for ParamField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// A parameter that cannot be used, with what was given and what is allowed.
#[derive(Clone, Debug, PartialEq, Error, Serialize, Deserialize)]
pub enum ParamError {
    /// A cron expression that cannot be parsed.
    #[error("Cron schedule: {0}")]
    Cron(String),
    /// A number outside its allowed range.
    #[error("{field} must be between {min} and {max}, got {value}")]
    OutOfRange {
        /// Which parameter.
        field: ParamField,
        /// What was given.
        value: f64,
        /// Smallest allowed.
        min: f64,
        /// Largest allowed.
        max: f64,
    },
    /// NaN or infinity.
    #[error("{field} must be a finite number")]
    NotFinite {
        /// Which parameter.
        field: ParamField,
    },
    /// A seed above [`MAX_SEED`], which a JavaScript number cannot hold exactly.
    #[error("Seed must be a whole number from 0 to {max}, got {seed}")]
    SeedTooLarge {
        /// What was given.
        seed: u64,
        /// Largest allowed, [`MAX_SEED`].
        max: u64,
    },
}

/// Parameters that passed [`SimParams::check`]; only this type reaches the
/// simulation. Only `check` builds one: it is never deserialised, and its one
/// constructor is visible to `sim` alone, where `check` calls it (the worker
/// receives [`SimParams`] and checks them).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ValidParams(SimParams);

impl ValidParams {
    /// Wraps values that passed the check. Only [`SimParams::check`] (in
    /// `retraining::settings::check`, which reads the bounds from the table)
    /// calls it: visible to `sim` alone, as the type's doc says.
    pub(in crate::sim) fn checked(values: SimParams) -> Self {
        ValidParams(values)
    }

    /// The checked values.
    pub fn get(&self) -> &SimParams {
        &self.0
    }
}

impl std::ops::Deref for ValidParams {
    type Target = SimParams;
    fn deref(&self) -> &SimParams {
        &self.0
    }
}

pub(super) fn check_range(
    field: ParamField,
    value: f64,
    min: f64,
    max: f64,
) -> Result<(), ParamError> {
    if !value.is_finite() {
        return Err(ParamError::NotFinite { field });
    }
    if value < min || value > max {
        return Err(ParamError::OutOfRange {
            field,
            value,
            min,
            max,
        });
    }
    Ok(())
}

impl SimParams {
    /// Sets the seed.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }
    /// Sets the batch size.
    pub fn batch_size(mut self, rows: usize) -> Self {
        self.batch_size = rows;
        self
    }
    /// Sets what drifts.
    pub fn drift_kind(mut self, kind: DriftKind) -> Self {
        self.drift_kind = kind;
        self
    }
    /// Sets how it drifts.
    pub fn drift_pattern(mut self, pattern: DriftPattern) -> Self {
        self.drift_pattern = pattern;
        self
    }
    /// Sets the drift strength.
    pub fn drift_strength(mut self, strength: f64) -> Self {
        self.drift_strength = strength;
        self
    }
    /// Sets the drift speed.
    pub fn drift_speed(mut self, speed: f64) -> Self {
        self.drift_speed = speed;
        self
    }
    /// Sets the first drifting cycle.
    pub fn drift_onset(mut self, cycle: u32) -> Self {
        self.drift_onset = cycle;
        self
    }
    /// Sets the label noise.
    pub fn label_noise(mut self, noise: f64) -> Self {
        self.label_noise = noise;
        self
    }
    /// Sets the learner.
    pub fn model(mut self, model: ModelKind) -> Self {
        self.model = model;
        self
    }
    /// Sets the training window.
    pub fn window(mut self, window: TrainingWindow) -> Self {
        self.window = window;
        self
    }
    /// Sets the deploy threshold.
    pub fn threshold(mut self, threshold: f64) -> Self {
        self.threshold = threshold;
        self
    }
    /// Sets the hold-out fraction.
    pub fn holdout_fraction(mut self, fraction: f64) -> Self {
        self.holdout_fraction = fraction;
        self
    }
    /// Sets the tree depth.
    pub fn tree_max_depth(mut self, depth: usize) -> Self {
        self.tree_max_depth = depth;
        self
    }

    /// Sets the retraining trigger.
    pub fn trigger(mut self, trigger: RetrainTrigger) -> Self {
        self.trigger = trigger;
        self
    }
    /// Sets the simulated minutes per cycle.
    pub fn minutes_per_cycle(mut self, minutes: u32) -> Self {
        self.minutes_per_cycle = minutes;
        self
    }
    /// Turns data validation on or off.
    pub fn validate_data(mut self, on: bool) -> Self {
        self.validate_data = on;
        self
    }
    /// Turns the performance floor (a second trigger) on or off.
    pub fn performance_floor(mut self, on: bool) -> Self {
        self.performance_floor = on;
        self
    }

    /// Turns warm starts on or off.
    pub fn warm_start(mut self, on: bool) -> Self {
        self.warm_start = on;
        self
    }
    /// Sets the fixed cost of one retrain, in units.
    pub fn retrain_fixed_cost(mut self, units: u32) -> Self {
        self.retrain_fixed_cost = units;
        self
    }
    /// Sets the champion/challenger margin (`None` = gate off).
    pub fn min_improvement(mut self, margin: Option<f64>) -> Self {
        self.min_improvement = margin;
        self
    }

    /// Sets how many cycles late labels arrive.
    pub fn label_delay(mut self, cycles: u32) -> Self {
        self.label_delay = cycles;
        self
    }
}

// Native only: the core is tested natively (proptest and approx are native dev-dependencies).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

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
