//! Simulation parameters: a builder with documented defaults, checked once into
//! [`ValidParams`] so that the rest of the core never sees an out-of-range value.

use serde::{Deserialize, Serialize};

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
    /// ADWIN (δ = [`SimParams::adwin_delta`], 0.002 by default) on the live
    /// model's error stream.
    #[default]
    Adwin,
    /// Page-Hinkley (River's defaults; its threshold λ is
    /// [`SimParams::page_hinkley_threshold`], 50 by default) on the live
    /// model's error stream.
    PageHinkley,
    /// Two-sample Kolmogorov–Smirnov test per feature, training window vs new
    /// batch (drift when p < [`SimParams::ks_alpha`], 0.05 by default).
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
    /// When the live model's estimated accuracy on the new batch (from its
    /// inputs alone, `ml::estimate`) falls below the threshold: acts before
    /// labels arrive.
    EstimatedDrop,
    /// Never: the model is never retrained (the baseline of the policy race).
    Never,
}

impl RetrainTrigger {
    /// A stable key for selects: `every`, `schedule`, `drift`, `drop`,
    /// `estimate`, `never`.
    pub fn key(&self) -> &'static str {
        match self {
            RetrainTrigger::EveryCycle => "every",
            RetrainTrigger::Schedule(_) => "schedule",
            RetrainTrigger::DriftDetected(_) => "drift",
            RetrainTrigger::PerformanceDrop => "drop",
            RetrainTrigger::EstimatedDrop => "estimate",
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
            RetrainTrigger::EstimatedDrop => "Estimated drop".into(),
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
    /// Alert the team when the live model's estimated accuracy on a new batch
    /// (from its inputs alone, while its labels are late: `ml::estimate`)
    /// falls at least this far below its hold-out accuracy, 0..=0.3; `None`
    /// turns the alert off. Default off.
    pub estimate_alert: Option<f64>,
    /// ADWIN's confidence δ, 0.0001..=0.2: a larger δ fires on smaller
    /// changes of the error rate, sooner and more often. Default 0.002
    /// (River's).
    pub adwin_delta: f64,
    /// Page-Hinkley's threshold λ, 5..=200: a smaller λ fires sooner and
    /// more often. Default 50 (River's).
    pub page_hinkley_threshold: f64,
    /// The KS test's significance level α, 0.001..=0.2: drift when a
    /// feature's p-value is below it. Default 0.05.
    pub ks_alpha: f64,
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
    /// The drop of the estimated accuracy that raises an alert.
    EstimateAlert,
    /// ADWIN's δ.
    AdwinDelta,
    /// Page-Hinkley's λ.
    PageHinkleyThreshold,
    /// The KS test's α.
    KsAlpha,
}

impl std::fmt::Display for ParamField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
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

    /// Sets the drop of the estimated accuracy that alerts (`None` = off).
    pub fn estimate_alert(mut self, drop: Option<f64>) -> Self {
        self.estimate_alert = drop;
        self
    }
    /// Sets ADWIN's δ.
    pub fn adwin_delta(mut self, delta: f64) -> Self {
        self.adwin_delta = delta;
        self
    }
    /// Sets Page-Hinkley's threshold λ.
    pub fn page_hinkley_threshold(mut self, lambda: f64) -> Self {
        self.page_hinkley_threshold = lambda;
        self
    }
    /// Sets the KS test's α.
    pub fn ks_alpha(mut self, alpha: f64) -> Self {
        self.ks_alpha = alpha;
        self
    }

    /// The sensitivity setting of `detector` (its δ, λ or α) in these
    /// settings.
    pub fn sensitivity(&self, detector: DetectorKind) -> f64 {
        match detector {
            DetectorKind::Adwin => self.adwin_delta,
            DetectorKind::PageHinkley => self.page_hinkley_threshold,
            DetectorKind::KsTest => self.ks_alpha,
        }
    }

    /// These settings with `detector`'s sensitivity set to `value`.
    pub fn with_sensitivity(self, detector: DetectorKind, value: f64) -> Self {
        match detector {
            DetectorKind::Adwin => self.adwin_delta(value),
            DetectorKind::PageHinkley => self.page_hinkley_threshold(value),
            DetectorKind::KsTest => self.ks_alpha(value),
        }
    }
}
