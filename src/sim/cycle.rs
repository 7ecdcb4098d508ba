//! The retraining cycle of the lesson, one step at a time:
//! 1 start with the live model → 2 collect new data → 3 trigger retraining →
//! 4 train → 5 evaluate → 6 check `performance > threshold` → 7 deploy, or alert
//! the team → 8 repeat. Every value a step reports comes from the real run.

use std::collections::VecDeque;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::csv_data::UserDataset;
use super::drift::{drift_at, DriftState};
use super::evaluate::{evaluate, Scores};
use super::params::{ParamError, SimParams, ValidParams, MAX_WINDOW_ROWS};
use super::registry::{ModelVersion, Registry, VersionStatus, WindowInfo};
use super::stream::{generate_batch, rng_from_seed, Batch, SimRng};
use super::train::{train, train_from, DecisionGrid, LinearBoundary, TrainError, TrainedModel};
use super::triggers::{Observation, TriggerEval, TriggerState};
use super::validate::{validate_batch, Fault, ValidationFailure, ValidationReport};

/// How many fitted models are kept besides v1 and the live one; older ones keep
/// their registry entry but free their memory, so long runs stay bounded.
pub const MAX_KEPT_MODELS: usize = 32;
/// How many times the initial data is redrawn if it cannot train v1 (tiny
/// batches with heavy noise can draw a single class).
const INITIAL_DRAWS: u32 = 20;

/// The eight steps of the lesson's process table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepKind {
    /// 1: the live model is ready.
    Start,
    /// 2: a new batch arrives.
    CollectData,
    /// 3: retraining is triggered.
    TriggerRetraining,
    /// 4: a candidate is trained on the window.
    Train,
    /// 5: the candidate is scored on the hold-out slice.
    Evaluate,
    /// 6: `performance > threshold`?
    CheckPerformance,
    /// 7: deploy the candidate, or alert the team.
    DeployOrAlert,
    /// 8: the loop goes round again.
    Repeat,
}

impl StepKind {
    /// All steps in order.
    pub const ALL: [StepKind; 8] = [
        StepKind::Start,
        StepKind::CollectData,
        StepKind::TriggerRetraining,
        StepKind::Train,
        StepKind::Evaluate,
        StepKind::CheckPerformance,
        StepKind::DeployOrAlert,
        StepKind::Repeat,
    ];

    /// 1..=8.
    pub fn number(self) -> u8 {
        match self {
            StepKind::Start => 1,
            StepKind::CollectData => 2,
            StepKind::TriggerRetraining => 3,
            StepKind::Train => 4,
            StepKind::Evaluate => 5,
            StepKind::CheckPerformance => 6,
            StepKind::DeployOrAlert => 7,
            StepKind::Repeat => 8,
        }
    }

    /// The step after this one (8 wraps to 1 of the next cycle).
    pub fn next(self) -> StepKind {
        let i = usize::from(self.number()) % 8;
        StepKind::ALL[i]
    }
}

/// One row of the process table, filled from the real run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepRecord {
    /// The cycle (1-based).
    pub cycle: u32,
    /// Which step.
    pub kind: StepKind,
    /// 1..=8.
    pub step: u8,
    /// The Action column.
    pub action: String,
    /// The Input column.
    pub input: String,
    /// The Output column.
    pub output: String,
    /// The Next Step column.
    pub next_step: String,
}

/// One column of the status tracker.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TrackerColumn {
    /// The model variable, e.g. "v2 (retrained)".
    pub model: String,
    /// The data variable, e.g. "new dataset (cycle 3, 500 rows)".
    pub data: String,
    /// The performance variable, e.g. "0.85" or "N/A".
    pub performance: String,
}

/// The lesson's status tracker for the current cycle; a column is `None` until
/// the cycle reaches it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Tracker {
    /// After step 1.
    pub start: Option<TrackerColumn>,
    /// After step 4.
    pub after_train: Option<TrackerColumn>,
    /// After step 6.
    pub after_check: Option<TrackerColumn>,
    /// After step 8.
    pub finish: Option<TrackerColumn>,
}

/// Why a cycle ended in an alert instead of a deploy.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum AlertReason {
    /// The candidate scored at or below the threshold.
    BelowThreshold,
    /// No candidate could be trained.
    TrainingFailed(TrainError),
    /// The new batch failed data validation, so retraining was skipped.
    ValidationFailed(Vec<ValidationFailure>),
    /// The candidate passed the threshold but did not beat the live model by the
    /// champion/challenger margin.
    ChampionGate {
        /// The live model's accuracy on the same hold-out slice.
        live_score: f64,
        /// The margin required.
        margin: f64,
    },
}

/// An alert to the team.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Alert {
    /// The cycle it was raised in.
    pub cycle: u32,
    /// The rejected candidate, when one was trained.
    pub candidate: Option<u32>,
    /// Its accuracy, when it was evaluated.
    pub candidate_score: Option<f64>,
    /// The threshold in force.
    pub threshold: f64,
    /// The version that stays live.
    pub live: u32,
    /// Why.
    pub reason: AlertReason,
    /// The whole message in words.
    pub message: String,
}

/// What step 7 decided.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Decision {
    /// The candidate went live.
    Deploy {
        /// The new live version.
        version: u32,
        /// Its accuracy.
        score: f64,
        /// The version it replaced.
        replaced: u32,
        /// The message in words.
        message: String,
    },
    /// The team was alerted; the live version stays.
    Alert(Alert),
    /// Retraining was not triggered this cycle; the live version stays.
    Kept {
        /// The live version.
        live: u32,
        /// Why retraining did not run.
        reason: String,
        /// The message in words.
        message: String,
    },
}

impl Decision {
    /// True for a deploy.
    pub fn is_deploy(&self) -> bool {
        matches!(self, Decision::Deploy { .. })
    }

    /// The message in words.
    pub fn message(&self) -> &str {
        match self {
            Decision::Deploy { message, .. } => message,
            Decision::Alert(a) => &a.message,
            Decision::Kept { message, .. } => message,
        }
    }
}

/// One finished cycle, for the charts and the history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CycleSummary {
    /// The cycle.
    pub cycle: u32,
    /// The drift its batch was drawn under.
    pub drift: DriftState,
    /// The version live when the batch arrived.
    pub live_before: u32,
    /// That version's accuracy on the new hold-out slice (how stale it was).
    pub live_score: f64,
    /// The never-retrained v1's accuracy on the same slice.
    pub v1_score: f64,
    /// The candidate, when one was trained.
    pub candidate: Option<u32>,
    /// Its accuracy on the same slice.
    pub candidate_score: Option<f64>,
    /// True when the candidate was deployed.
    pub deployed: bool,
    /// The version live after the cycle.
    pub live_after: u32,
    /// The threshold in force.
    pub threshold: f64,
    /// The training window.
    pub window: WindowInfo,
    /// True when a candidate was trained this cycle.
    #[serde(default)]
    pub retrained: bool,
    /// Why the trigger fired or not.
    #[serde(default)]
    pub trigger_reason: String,
    /// A fault injected into this cycle's batch.
    #[serde(default)]
    pub fault: Option<Fault>,
}

/// Why a rollback was refused.
#[derive(Clone, Debug, PartialEq, Error, Serialize, Deserialize)]
pub enum RollbackError {
    /// No such version in the registry.
    #[error("there is no model v{0} in the registry")]
    UnknownVersion(u32),
    /// The version is live already.
    #[error("model v{0} is already live")]
    AlreadyLive(u32),
    /// The version never served and failed its check.
    #[error("model v{0} was rejected by its check; only versions that once passed can be rolled back to")]
    NeverPassed(u32),
    /// Its fitted model was freed to bound memory.
    #[error("model v{0} is too old: its fitted model is no longer kept")]
    NotKept(u32),
    /// A candidate is being judged; roll back between cycles.
    #[error("finish this cycle first (a candidate is being judged)")]
    MidCycle,
}

/// How many finished cycles keep their full record (table, tracker, batch) for
/// rewinding and export; older ones keep only their [`CycleSummary`].
pub const MAX_RECORDS: usize = 200;
/// How many of the newest finished cycles keep their [`CycleSummary`], and how
/// many of the newest alerts, registry versions and registry events are kept:
/// long runs keep bounded memory (and bounded snapshots). [`Totals`] counts
/// everything since the start.
pub const HISTORY_CYCLES: usize = 300;

/// Counts since the start of the run (the kept history is bounded by
/// [`HISTORY_CYCLES`], these are not).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    /// Finished cycles.
    pub cycles: u32,
    /// Cycles that trained a candidate.
    pub retrains: u32,
    /// Candidates deployed.
    pub deploys: u32,
    /// Alerts to the team.
    pub alerts: u32,
    /// Versions registered (v1 included).
    pub versions: u32,
    /// Changes of the live version (deploys and rollbacks).
    pub live_changes: u32,
}

/// Drops the oldest items so that at most `cap` remain.
fn keep_newest<T>(items: &mut Vec<T>, cap: usize) {
    if items.len() > cap {
        items.drain(..items.len() - cap);
    }
}

/// Points of each recorded batch kept for redrawing it (a stride subsample).
pub const RECORD_POINTS: usize = 600;

/// Everything one finished cycle showed, kept for rewinding and export.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CycleRecord {
    /// The cycle.
    pub cycle: u32,
    /// Its process table (8 rows).
    pub rows: Vec<StepRecord>,
    /// Its status tracker.
    pub tracker: Tracker,
    /// Its decision.
    pub decision: Option<Decision>,
    /// Its batch, subsampled to at most [`RECORD_POINTS`] rows.
    pub batch: Batch,
    /// The drift of that batch.
    pub drift: DriftState,
    /// The version live when the cycle started.
    pub live_before: u32,
    /// The candidate trained, if any.
    pub candidate: Option<u32>,
    /// The version live after it.
    pub live_after: u32,
}

/// Keeps every `stride`-th row so that at most `cap` remain.
fn subsample(batch: &Batch, cap: usize) -> Batch {
    let stride = batch.len().div_ceil(cap.max(1)).max(1);
    Batch {
        cycle: batch.cycle,
        x: batch.x.iter().step_by(stride).copied().collect(),
        y: batch.y.iter().step_by(stride).copied().collect(),
    }
}

/// Errors of the simulation itself (never a panic).
#[derive(Clone, Debug, PartialEq, Error, Serialize, Deserialize)]
pub enum SimError {
    /// A parameter was out of range.
    #[error(transparent)]
    Params(#[from] ParamError),
    /// Even after redrawing, the initial data could not train v1.
    #[error("could not train the first model v1: {0}")]
    InitialTraining(TrainError),
}

/// Formats a score so that a comparison with the threshold never looks wrong
/// after rounding: 2 decimals, or as many as it takes (up to 4) to differ.
pub fn format_score(score: f64, threshold: f64) -> String {
    for decimals in 2..=4 {
        let s = format!("{score:.decimals$}");
        let t = format!("{threshold:.decimals$}");
        if s != t || decimals == 4 {
            return s;
        }
    }
    format!("{score:.4}")
}

/// The whole state of a run.
#[derive(Clone, Debug)]
pub struct Simulation {
    params: ValidParams,
    /// Settings changed mid-cycle wait here until the next cycle starts.
    pending: Option<ValidParams>,
    rng: SimRng,
    /// The current cycle (0 before the first step).
    cycle: u32,
    /// The step that runs next.
    next: StepKind,
    /// Training parts of past batches, oldest first, bounded.
    history_batches: VecDeque<Batch>,
    /// The newest full batch (the initial one before cycle 1).
    newest: Batch,
    /// Its hold-out slice.
    holdout: Batch,
    drift: DriftState,
    models: Vec<(u32, TrainedModel)>,
    registry: Registry,
    live: u32,
    v1_initial_scores: Scores,
    live_scores: Option<Scores>,
    v1_scores: Option<Scores>,
    candidate: Option<u32>,
    candidate_error: Option<TrainError>,
    candidate_scores: Option<Scores>,
    window: WindowInfo,
    passed: Option<bool>,
    decision: Option<Decision>,
    rows: Vec<StepRecord>,
    tracker: Tracker,
    summaries: Vec<CycleSummary>,
    alerts: Vec<Alert>,
    /// Cycles, retrains, deploys and alerts since the start; the registry's
    /// counts (versions, live changes) are added by [`Simulation::totals`].
    totals: Totals,
    trigger_state: TriggerState,
    trigger_eval: Option<TriggerEval>,
    validation: Option<ValidationReport>,
    pending_fault: Option<Fault>,
    applied_fault: Option<Fault>,
    /// The live model's agreement with the last batch's labels.
    last_agreement: Option<f64>,
    /// Full records of the newest finished cycles.
    records: VecDeque<CycleRecord>,
    /// The teacher's own data, streamed instead of the synthetic stream.
    user_data: Option<Arc<StandardizedData>>,
    /// The next row of the user data to stream.
    cursor: usize,
}

/// A user's dataset with its features standardised (z-scores), so that models
/// train well and the points fit the page's view whatever the units.
#[derive(Clone, Debug, PartialEq)]
pub struct StandardizedData {
    /// The rows, standardised, in stream order.
    pub data: UserDataset,
    /// What the page says about it.
    pub summary: String,
}

impl StandardizedData {
    /// Standardises each feature of `data` by its mean and standard deviation.
    pub fn new(mut data: UserDataset) -> Self {
        let summary = data.summary();
        let n = data.x.len().max(1) as f64;
        for f in 0..2 {
            let mean = data.x.iter().map(|r| r[f]).sum::<f64>() / n;
            let var = data.x.iter().map(|r| (r[f] - mean).powi(2)).sum::<f64>() / n;
            let sd = var.sqrt();
            let sd = if sd.is_finite() && sd > 1e-12 {
                sd
            } else {
                1.0
            };
            for r in &mut data.x {
                r[f] = (r[f] - mean) / sd;
            }
        }
        StandardizedData { data, summary }
    }

    fn batch(&self, cycle: u32, start: usize, rows: usize) -> Batch {
        let (x, y) = self.data.slice(start, rows);
        Batch { cycle, x, y }
    }
}

impl Simulation {
    /// Starts a run: draws the initial data and trains v1 on it.
    pub fn new(params: ValidParams) -> Result<Self, SimError> {
        Self::with_data(params, None)
    }

    /// Starts a run on the teacher's own data (streamed in order, wrapping
    /// around at the end) instead of the synthetic stream; drift settings then
    /// do not apply: the data drifts as it does.
    pub fn with_data(
        params: ValidParams,
        user_data: Option<Arc<StandardizedData>>,
    ) -> Result<Self, SimError> {
        let mut rng = rng_from_seed(params.seed);
        let none = DriftState::none(0);
        let mut last_error = None;
        let cursor = user_data
            .as_ref()
            .map_or(0, |d| params.batch_size % d.data.rows.max(1));
        let draws = if user_data.is_some() {
            1
        } else {
            INITIAL_DRAWS
        };
        for _ in 0..draws {
            let batch = match &user_data {
                Some(d) => d.batch(0, 0, params.batch_size),
                None => generate_batch(&mut rng, 0, params.batch_size, &none, params.label_noise),
            };
            let (train_part, holdout) = batch.split(params.holdout_fraction);
            match train(params.model, params.tree_max_depth, &train_part) {
                Ok(v1) => {
                    let scores = evaluate(&v1, &holdout);
                    let window = WindowInfo {
                        first_cycle: 0,
                        last_cycle: 0,
                        rows: train_part.len(),
                    };
                    let mut registry = Registry::default();
                    registry.add(ModelVersion {
                        version: 1,
                        status: VersionStatus::Live,
                        kind: params.model,
                        trained_in_cycle: 0,
                        window,
                        scores,
                        replaced: None,
                        replaced_by: None,
                    });
                    let mut history_batches = VecDeque::new();
                    history_batches.push_back(train_part);
                    return Ok(Simulation {
                        params,
                        pending: None,
                        rng,
                        cycle: 0,
                        next: StepKind::Start,
                        history_batches,
                        newest: batch,
                        holdout,
                        drift: none,
                        models: vec![(1, v1)],
                        registry,
                        live: 1,
                        v1_initial_scores: scores,
                        live_scores: None,
                        v1_scores: None,
                        candidate: None,
                        candidate_error: None,
                        candidate_scores: None,
                        window,
                        passed: None,
                        decision: None,
                        rows: Vec::new(),
                        tracker: Tracker::default(),
                        summaries: Vec::new(),
                        alerts: Vec::new(),
                        totals: Totals::default(),
                        trigger_state: TriggerState::default(),
                        trigger_eval: None,
                        validation: None,
                        pending_fault: None,
                        applied_fault: None,
                        last_agreement: None,
                        records: VecDeque::new(),
                        cursor,
                        user_data,
                    });
                }
                Err(e) => last_error = Some(e),
            }
        }
        Err(SimError::InitialTraining(last_error.unwrap_or(
            TrainError::TooFewRows {
                rows: 0,
                min: super::train::MIN_TRAIN_ROWS,
            },
        )))
    }

    /// Convenience: checks `params` and starts a run.
    pub fn from_params(params: SimParams) -> Result<Self, SimError> {
        Self::new(params.check()?)
    }

    /// The settings in force.
    pub fn params(&self) -> &SimParams {
        self.params.get()
    }

    /// Settings waiting for the next cycle, if any.
    pub fn pending_params(&self) -> Option<&SimParams> {
        self.pending.as_ref().map(ValidParams::get)
    }

    /// True when changing from the current settings to `new` needs a new run
    /// (a different seed or learner would make the history meaningless).
    pub fn needs_restart(&self, new: &SimParams) -> bool {
        let old = self.params.get();
        old.seed != new.seed || old.model != new.model || old.tree_max_depth != new.tree_max_depth
    }

    /// Applies settings that do not need a restart: at once between cycles,
    /// otherwise from the next cycle on. Returns true if they apply now.
    pub fn reconfigure(&mut self, params: ValidParams) -> bool {
        if self.next == StepKind::Start {
            self.params = params;
            self.pending = None;
            true
        } else {
            self.pending = Some(params);
            false
        }
    }

    /// The current cycle (0 before the first step).
    pub fn cycle(&self) -> u32 {
        self.cycle
    }

    /// The step that runs next.
    pub fn next_step(&self) -> StepKind {
        self.next
    }

    /// The rows of the current cycle's process table so far.
    pub fn rows(&self) -> &[StepRecord] {
        &self.rows
    }

    /// The status tracker of the current cycle.
    pub fn tracker(&self) -> &Tracker {
        &self.tracker
    }

    /// The registry.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// The live version number.
    pub fn live_version(&self) -> u32 {
        self.live
    }

    /// The newest finished cycles (up to [`HISTORY_CYCLES`]), oldest first.
    pub fn summaries(&self) -> &[CycleSummary] {
        &self.summaries
    }

    /// Counts since the start of the run.
    pub fn totals(&self) -> Totals {
        Totals {
            versions: self.registry.total_versions(),
            live_changes: self.registry.total_events(),
            ..self.totals
        }
    }

    /// The teacher's own data, if the run streams it.
    pub fn user_data(&self) -> Option<&Arc<StandardizedData>> {
        self.user_data.as_ref()
    }

    /// Full records of the newest finished cycles (up to [`MAX_RECORDS`]).
    pub fn records(&self) -> &VecDeque<CycleRecord> {
        &self.records
    }

    /// The record of one finished cycle, if still kept.
    pub fn record_of(&self, cycle: u32) -> Option<&CycleRecord> {
        self.records.iter().find(|r| r.cycle == cycle)
    }

    /// The newest alerts (up to [`HISTORY_CYCLES`]), oldest first; the count of
    /// all of them is in [`Simulation::totals`].
    pub fn alerts(&self) -> &[Alert] {
        &self.alerts
    }

    /// This cycle's decision, once step 7 ran.
    pub fn decision(&self) -> Option<&Decision> {
        self.decision.as_ref()
    }

    /// The newest full batch (the initial data before cycle 1).
    pub fn newest_batch(&self) -> &Batch {
        &self.newest
    }

    /// The drift of the newest batch.
    pub fn drift(&self) -> &DriftState {
        &self.drift
    }

    /// The candidate of this cycle, once step 4 trained one.
    pub fn candidate(&self) -> Option<u32> {
        self.candidate
    }

    /// The candidate's scores, once step 5 ran.
    pub fn candidate_scores(&self) -> Option<Scores> {
        self.candidate_scores
    }

    /// The live model's scores on the newest hold-out slice, once step 2 ran.
    pub fn live_scores(&self) -> Option<Scores> {
        self.live_scores
    }

    /// v1's scores on its own initial hold-out slice.
    pub fn v1_initial_scores(&self) -> Scores {
        self.v1_initial_scores
    }

    /// This cycle's trigger decision, once step 2 ran.
    pub fn trigger_eval(&self) -> Option<&TriggerEval> {
        self.trigger_eval.as_ref()
    }

    /// This cycle's validation report, once step 2 ran (when validation is on).
    pub fn validation(&self) -> Option<&ValidationReport> {
        self.validation.as_ref()
    }

    /// The fault waiting for the next batch.
    pub fn pending_fault(&self) -> Option<Fault> {
        self.pending_fault
    }

    /// The fault applied to this cycle's batch.
    pub fn applied_fault(&self) -> Option<Fault> {
        self.applied_fault
    }

    /// Injects `fault` into the next batch that arrives.
    pub fn inject_fault(&mut self, fault: Fault) {
        self.pending_fault = Some(fault);
    }

    /// True when the version's fitted model is still kept (so it can go live again).
    pub fn is_kept(&self, version: u32) -> bool {
        self.model(version).is_some()
    }

    /// Makes an earlier version live again. Allowed except while a candidate is
    /// being judged; the registry records who replaced whom.
    pub fn rollback(&mut self, version: u32) -> Result<(), RollbackError> {
        let entry = self
            .registry
            .get(version)
            .ok_or(RollbackError::UnknownVersion(version))?;
        if version == self.live {
            return Err(RollbackError::AlreadyLive(version));
        }
        if matches!(
            entry.status,
            VersionStatus::Rejected | VersionStatus::Candidate
        ) {
            return Err(RollbackError::NeverPassed(version));
        }
        if !self.is_kept(version) {
            return Err(RollbackError::NotKept(version));
        }
        if matches!(
            self.next,
            StepKind::Evaluate | StepKind::CheckPerformance | StepKind::DeployOrAlert
        ) {
            return Err(RollbackError::MidCycle);
        }
        self.registry.rollback(version, self.cycle);
        self.live = version;
        self.trigger_state.reset();
        Ok(())
    }

    /// Rows of the live model's training window that are still stored (the
    /// reference for validation and the KS test).
    fn live_reference(&self) -> Vec<[f64; 2]> {
        let window = self.registry.get(self.live).map(|v| v.window);
        let mut rows: Vec<[f64; 2]> = Vec::new();
        for b in &self.history_batches {
            if window.is_none_or(|w| b.cycle >= w.first_cycle && b.cycle <= w.last_cycle) {
                rows.extend_from_slice(&b.x);
            }
        }
        if rows.is_empty() {
            rows = self
                .history_batches
                .iter()
                .flat_map(|b| b.x.iter().copied())
                .collect();
        }
        rows
    }

    fn model(&self, version: u32) -> Option<&TrainedModel> {
        self.models
            .iter()
            .find(|(v, _)| *v == version)
            .map(|(_, m)| m)
    }

    /// Decision regions of a version, if its model is still kept.
    pub fn grid_of(&self, version: u32) -> Option<DecisionGrid> {
        self.model(version).map(TrainedModel::decision_grid)
    }

    /// The straight boundary of a version (logistic regression only).
    pub fn boundary_of(&self, version: u32) -> Option<LinearBoundary> {
        self.model(version).and_then(TrainedModel::linear_boundary)
    }

    fn label(&self, version: u32) -> String {
        format!("v{version}")
    }

    fn record(
        &mut self,
        kind: StepKind,
        action: &str,
        input: String,
        output: String,
        next: &str,
    ) -> StepRecord {
        let r = StepRecord {
            cycle: self.cycle,
            kind,
            step: kind.number(),
            action: action.to_string(),
            input,
            output,
            next_step: next.to_string(),
        };
        self.rows.push(r.clone());
        r
    }

    /// Runs the next step and returns its table row.
    pub fn step(&mut self) -> StepRecord {
        let kind = self.next;
        let record = match kind {
            StepKind::Start => self.step_start(),
            StepKind::CollectData => self.step_collect(),
            StepKind::TriggerRetraining => self.step_trigger(),
            StepKind::Train => self.step_train(),
            StepKind::Evaluate => self.step_evaluate(),
            StepKind::CheckPerformance => self.step_check(),
            StepKind::DeployOrAlert => self.step_deploy_or_alert(),
            StepKind::Repeat => self.step_repeat(),
        };
        self.next = kind.next();
        record
    }

    /// Runs `cycles` whole cycles, one [`Simulation::finish_cycle`] each.
    pub fn finish_cycles(&mut self, cycles: u32) {
        for _ in 0..cycles {
            self.finish_cycle();
        }
    }

    /// Runs steps until the current cycle is finished (through step 8).
    pub fn finish_cycle(&mut self) -> Option<&CycleSummary> {
        loop {
            let done = self.next == StepKind::Repeat;
            self.step();
            if done {
                return self.summaries.last();
            }
        }
    }

    fn step_start(&mut self) -> StepRecord {
        if let Some(p) = self.pending.take() {
            self.params = p;
        }
        self.cycle += 1;
        self.rows.clear();
        self.tracker = Tracker::default();
        self.candidate = None;
        self.candidate_error = None;
        self.candidate_scores = None;
        self.live_scores = None;
        self.v1_scores = None;
        self.passed = None;
        self.decision = None;
        self.trigger_eval = None;
        self.validation = None;
        self.applied_fault = None;
        let live = self.label(self.live);
        let first = self.cycle == 1;
        let live_entry = self.registry.get(self.live).cloned();
        let (input, model_var) = if first {
            (format!("Trained model {live}"), format!("{live} (trained)"))
        } else {
            (format!("Model {live} live"), format!("{live} (live)"))
        };
        let data = if first {
            "initial training data".to_string()
        } else {
            live_entry
                .as_ref()
                .map(|e| format!("trained on {}", e.window.describe()))
                .unwrap_or_default()
        };
        let performance = live_entry
            .map(|e| format!("{:.2} (when judged)", e.scores.accuracy))
            .unwrap_or_else(|| "N/A".into());
        self.tracker.start = Some(TrackerColumn {
            model: model_var,
            data,
            performance,
        });
        self.record(
            StepKind::Start,
            "Start with existing model",
            input,
            "Model ready".into(),
            "Collect new data",
        )
    }

    fn step_collect(&mut self) -> StepRecord {
        let p = self.params.get().clone();
        self.drift = drift_at(&p, self.cycle);
        let mut batch = match &self.user_data {
            Some(d) => {
                self.drift = DriftState::none(self.cycle);
                let b = d.batch(self.cycle, self.cursor, p.batch_size);
                self.cursor = (self.cursor + p.batch_size) % d.data.rows.max(1);
                b
            }
            None => generate_batch(
                &mut self.rng,
                self.cycle,
                p.batch_size,
                &self.drift,
                p.label_noise,
            ),
        };
        if let Some(fault) = self.pending_fault.take() {
            fault.apply(&mut batch);
            self.applied_fault = Some(fault);
        }
        let reference = self.live_reference();
        let live_predictions = self.model(self.live).map(|m| m.predict(&batch.x));
        let (train_part, holdout) = batch.split(p.holdout_fraction);
        self.holdout = holdout;
        self.live_scores = self.model(self.live).map(|m| evaluate(m, &self.holdout));
        self.v1_scores = self.model(1).map(|m| evaluate(m, &self.holdout));
        // Before any batch, the live model's own score stands for "healthy".
        let previous = self
            .last_agreement
            .or_else(|| self.registry.get(self.live).map(|v| v.scores.accuracy));
        self.validation = p
            .validate_data
            .then(|| validate_batch(&batch, &reference, live_predictions.as_deref(), previous));
        self.last_agreement = live_predictions.as_deref().map(|pred| {
            let agree = pred.iter().zip(&batch.y).filter(|(p, y)| p == y).count();
            agree as f64 / batch.len().max(1) as f64
        });
        let errors: Vec<f64> = live_predictions
            .as_deref()
            .unwrap_or(&[])
            .iter()
            .zip(&batch.y)
            .map(|(p, y)| if p == y { 0.0 } else { 1.0 })
            .collect();
        let observation = Observation {
            cycle: self.cycle,
            errors: &errors,
            live_accuracy: self.live_scores.map_or(0.0, |s| s.accuracy),
            threshold: p.threshold,
            reference: &reference,
            new_rows: &batch.x,
            minutes_per_cycle: p.minutes_per_cycle,
        };
        self.trigger_eval = Some(self.trigger_state.evaluate(&p.trigger, &observation));
        // A batch that failed validation is quarantined: no window ever trains on it.
        if self
            .validation
            .as_ref()
            .is_none_or(ValidationReport::passed)
        {
            self.history_batches.push_back(train_part);
            self.trim_history();
        }
        self.newest = batch;
        let stale = self
            .live_scores
            .map(|s| format!("; {} scores {:.2} on it", self.label(self.live), s.accuracy))
            .unwrap_or_default();
        let fault = self
            .applied_fault
            .map(|f| format!("; fault injected: {}", f.label().to_lowercase()))
            .unwrap_or_default();
        let output = format!(
            "New dataset ({} rows, {}{stale}{fault})",
            self.newest.len(),
            self.drift.describe(p.drift_kind)
        );
        self.record(
            StepKind::CollectData,
            "Collect new data",
            "User data stream".into(),
            output,
            "Trigger retraining",
        )
    }

    /// Drops batches no window can reach any more: every window is capped at
    /// [`MAX_WINDOW_ROWS`] rows, so older rows are never read (this also bounds
    /// memory on long runs).
    fn trim_history(&mut self) {
        loop {
            let newer: usize = self.history_batches.iter().skip(1).map(Batch::len).sum();
            if self.history_batches.len() > 1 && newer >= MAX_WINDOW_ROWS {
                self.history_batches.pop_front();
            } else {
                break;
            }
        }
    }

    /// The training window under the current settings.
    fn build_window(&self) -> (Batch, WindowInfo) {
        use super::params::TrainingWindow;
        let take = match self.params.window {
            TrainingWindow::NewestBatch => 1,
            TrainingWindow::Sliding(n) => n.max(1),
            TrainingWindow::AllData => usize::MAX,
        };
        let mut chosen: Vec<&Batch> = Vec::new();
        let mut rows = 0;
        for b in self.history_batches.iter().rev() {
            if chosen.len() >= take || (!chosen.is_empty() && rows + b.len() > MAX_WINDOW_ROWS) {
                break;
            }
            rows += b.len();
            chosen.push(b);
        }
        chosen.reverse();
        let mut data = Batch {
            cycle: self.cycle,
            x: Vec::with_capacity(rows),
            y: Vec::with_capacity(rows),
        };
        for b in &chosen {
            data.x.extend_from_slice(&b.x);
            data.y.extend_from_slice(&b.y);
        }
        let info = WindowInfo {
            first_cycle: chosen.first().map_or(self.cycle, |b| b.cycle),
            last_cycle: chosen.last().map_or(self.cycle, |b| b.cycle),
            rows,
        };
        (data, info)
    }

    /// The failed validation report, when the new batch failed its checks.
    fn blocked_by_validation(&self) -> Option<&ValidationReport> {
        self.validation.as_ref().filter(|v| !v.passed())
    }

    /// True when this cycle's trigger fired (or no trigger was evaluated).
    fn triggered(&self) -> bool {
        self.trigger_eval.as_ref().is_none_or(|t| t.fired)
    }

    /// True when the cycle skips retraining without an alert.
    fn quietly_skipped(&self) -> bool {
        !self.triggered() && self.blocked_by_validation().is_none()
    }

    fn step_trigger(&mut self) -> StepRecord {
        let input = format!("New dataset + Model {}", self.label(self.live));
        let every = self.params.trigger == super::params::RetrainTrigger::EveryCycle;
        let why = self
            .trigger_eval
            .as_ref()
            .map_or(String::new(), |t| t.reason.clone());
        let (output, next) = if let Some(v) = self.blocked_by_validation() {
            (
                format!("Blocked by data validation: {}", v.summary()),
                "Alert team",
            )
        } else if !self.triggered() {
            (
                format!(
                    "Not triggered: {}",
                    why.trim_start_matches("not triggered: ")
                ),
                "Keep live model",
            )
        } else if every {
            ("Training started".to_string(), "Train model")
        } else {
            (format!("Training started ({why})"), "Train model")
        };
        self.record(
            StepKind::TriggerRetraining,
            "Trigger automated retraining",
            input,
            output,
            next,
        )
    }

    fn step_train(&mut self) -> StepRecord {
        let (data, info) = self.build_window();
        self.window = info;
        if !self.triggered() || self.blocked_by_validation().is_some() {
            let blocked = self.blocked_by_validation().is_some();
            let live = self.label(self.live);
            self.tracker.after_train = Some(TrackerColumn {
                model: format!("{live} (not retrained)"),
                data: "new dataset (not used for training)".into(),
                performance: "not evaluated".into(),
            });
            let (output, next) = if blocked {
                ("Skipped: the batch failed validation", "Alert team")
            } else {
                ("Skipped: retraining not triggered", "Keep live model")
            };
            return self.record(
                StepKind::Train,
                "Train model",
                "New dataset".into(),
                output.into(),
                next,
            );
        }
        let p = self.params.get().clone();
        let input = format!("New dataset: {}", info.describe());
        let warm = if p.warm_start {
            self.model(self.live)
        } else {
            None
        };
        let result = train_from(p.model, p.tree_max_depth, &data, warm);
        let (output, model_var) = match result {
            Ok(model) => {
                let version = self.registry.next_version();
                self.registry.add(ModelVersion {
                    version,
                    status: VersionStatus::Candidate,
                    kind: p.model,
                    trained_in_cycle: self.cycle,
                    window: info,
                    scores: Scores::default(),
                    replaced: None,
                    replaced_by: None,
                });
                self.models.push((version, model));
                self.candidate = Some(version);
                self.evict_models();
                (
                    format!("New model {}", self.label(version)),
                    format!("{} (retrained)", self.label(version)),
                )
            }
            Err(e) => {
                let text = format!("Training failed: {e}");
                self.candidate_error = Some(e);
                (text, format!("{} (no new model)", self.label(self.live)))
            }
        };
        self.tracker.after_train = Some(TrackerColumn {
            model: model_var,
            data: format!("new dataset, {}", info.describe()),
            performance: "not evaluated yet".into(),
        });
        let next = if self.candidate.is_some() {
            "Evaluate model"
        } else {
            "Alert team"
        };
        self.record(StepKind::Train, "Train model", input, output, next)
    }

    /// Frees the oldest fitted models beyond [`MAX_KEPT_MODELS`], never v1, the
    /// live one or this cycle's candidate.
    fn evict_models(&mut self) {
        while self.models.len() > MAX_KEPT_MODELS + 2 {
            let keep = |v: u32| v == 1 || v == self.live || Some(v) == self.candidate;
            match self.models.iter().position(|(v, _)| !keep(*v)) {
                Some(i) => {
                    self.models.remove(i);
                }
                None => break,
            }
        }
    }

    fn step_evaluate(&mut self) -> StepRecord {
        let threshold = self.params.threshold;
        match self
            .candidate
            .and_then(|v| self.model(v).map(|m| (v, evaluate(m, &self.holdout))))
        {
            Some((version, scores)) => {
                self.registry.set_scores(version, scores);
                self.candidate_scores = Some(scores);
                let input = format!("New model {}", self.label(version));
                let output = format!("Performance = {}", format_score(scores.accuracy, threshold));
                self.record(
                    StepKind::Evaluate,
                    "Evaluate model",
                    input,
                    output,
                    "Is performance > threshold?",
                )
            }
            None if self.quietly_skipped() => {
                let live = self.live;
                let score = self.live_scores.map_or(0.0, |s| s.accuracy);
                self.record(
                    StepKind::Evaluate,
                    "Evaluate model",
                    format!("Model v{live} (live)"),
                    format!(
                        "Live model v{live} scores {} on new data",
                        format_score(score, threshold)
                    ),
                    "Keep live model",
                )
            }
            None => self.record(
                StepKind::Evaluate,
                "Evaluate model",
                "No new model".into(),
                "Skipped: nothing to evaluate".into(),
                "Is performance > threshold?",
            ),
        }
    }

    /// The champion/challenger gate: `None` when off or without a baseline,
    /// else (passed, live accuracy, margin).
    fn champion_gate(&self) -> Option<(bool, f64, f64)> {
        let margin = self.params.min_improvement?;
        let live = self.live_scores?.accuracy;
        let cand = self.candidate_scores?.accuracy;
        Some((cand >= live + margin - 1e-12, live, margin))
    }

    fn step_check(&mut self) -> StepRecord {
        let threshold = self.params.threshold;
        if self.quietly_skipped() {
            self.passed = None;
            let live = self.label(self.live);
            let performance = self.live_scores.map_or("N/A".into(), |s| {
                format!("{} (live model)", format_score(s.accuracy, threshold))
            });
            self.tracker.after_check = Some(TrackerColumn {
                model: format!("{live} (live, no candidate)"),
                data: "new dataset (not used for training)".into(),
                performance,
            });
            return self.record(
                StepKind::CheckPerformance,
                "Check performance",
                "no candidate".into(),
                "Skipped: nothing to check".into(),
                "Keep live model",
            );
        }
        let above = self
            .candidate_scores
            .is_some_and(|s| s.accuracy > threshold);
        let gate = self.champion_gate();
        let passed = above && gate.is_none_or(|(ok, _, _)| ok);
        self.passed = Some(passed);
        let input = match (self.candidate_scores, gate) {
            (Some(s), None) => {
                format!("{} > {:.2}", format_score(s.accuracy, threshold), threshold)
            }
            (Some(s), Some((_, live, margin))) => format!(
                "{} > {:.2} and ≥ live {} + {margin:.2}",
                format_score(s.accuracy, threshold),
                threshold,
                format_score(live, threshold)
            ),
            (None, _) => "no candidate".to_string(),
        };
        let (model_var, performance) = match (self.candidate, self.candidate_scores) {
            (Some(v), Some(s)) => (
                format!(
                    "{} ({})",
                    self.label(v),
                    if passed {
                        "passed check"
                    } else {
                        "failed check"
                    }
                ),
                format_score(s.accuracy, threshold),
            ),
            _ => (
                format!("{} (no new model)", self.label(self.live)),
                "N/A".to_string(),
            ),
        };
        self.tracker.after_check = Some(TrackerColumn {
            model: model_var,
            data: format!("new dataset, {}", self.window.describe()),
            performance,
        });
        let output = if passed { "True" } else { "False" };
        let next = if passed { "Deploy model" } else { "Alert team" };
        self.record(
            StepKind::CheckPerformance,
            "Check performance",
            input,
            output.into(),
            next,
        )
    }

    fn step_deploy_or_alert(&mut self) -> StepRecord {
        let threshold = self.params.threshold;
        let old_live = self.live;
        if self.quietly_skipped() {
            let reason = self
                .trigger_eval
                .as_ref()
                .map_or("not triggered".to_string(), |t| t.reason.clone());
            let message = format!("No retraining this cycle ({reason}); v{old_live} stays live.");
            self.decision = Some(Decision::Kept {
                live: old_live,
                reason,
                message,
            });
            return self.record(
                StepKind::DeployOrAlert,
                "Keep live model",
                format!("Model v{old_live}"),
                format!("Model v{old_live} stays live (not triggered)"),
                "Repeat cycle",
            );
        }
        if let (true, Some(version), Some(scores)) = (
            self.passed == Some(true),
            self.candidate,
            self.candidate_scores,
        ) {
            self.registry.promote_at(version, self.cycle);
            self.live = version;
            // The new model's errors are a new stream for the detectors.
            self.trigger_state.reset();
            let message = format!(
                "Deployed: model v{version} scored {} > threshold {threshold:.2}; it replaces v{old_live}.",
                format_score(scores.accuracy, threshold)
            );
            self.decision = Some(Decision::Deploy {
                version,
                score: scores.accuracy,
                replaced: old_live,
                message,
            });
            return self.record(
                StepKind::DeployOrAlert,
                "Deploy model",
                format!("New model v{version}"),
                format!("Model v{version} live"),
                "Repeat cycle",
            );
        }
        if let Some(v) = self.candidate {
            self.registry.reject(v);
        }
        let gate = self.champion_gate();
        let above = self
            .candidate_scores
            .is_some_and(|s| s.accuracy > threshold);
        let reason = match (&self.candidate_error, self.blocked_by_validation(), gate) {
            (_, Some(v), _) => AlertReason::ValidationFailed(v.failures.clone()),
            (Some(e), _, _) => AlertReason::TrainingFailed(e.clone()),
            (None, None, Some((false, live_score, margin))) if above => {
                AlertReason::ChampionGate { live_score, margin }
            }
            _ => AlertReason::BelowThreshold,
        };
        let message = match (&reason, self.candidate, self.candidate_scores) {
            (AlertReason::BelowThreshold, Some(v), Some(s)) => format!(
                "Alert: model v{v} scored {}, not above the threshold {threshold:.2}; v{old_live} stays live.",
                format_score(s.accuracy, threshold)
            ),
            (AlertReason::TrainingFailed(e), _, _) => {
                format!("Alert: retraining failed ({e}); v{old_live} stays live.")
            }
            (AlertReason::ValidationFailed(failures), _, _) => format!(
                "Alert: data validation failed ({}); retraining skipped, v{old_live} stays live.",
                failures
                    .iter()
                    .map(|f| format!("{}: {}", f.check_name(), f.describe()))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            (AlertReason::ChampionGate { live_score, margin }, Some(v), Some(s)) => format!(
                "Alert: model v{v} scored {} > {threshold:.2} but did not beat live v{old_live} ({}) by {margin:.2} (champion/challenger gate); v{old_live} stays live.",
                format_score(s.accuracy, threshold),
                format_score(*live_score, threshold)
            ),
            _ => format!("Alert: no model passed the check; v{old_live} stays live."),
        };
        let alert = Alert {
            cycle: self.cycle,
            candidate: self.candidate,
            candidate_score: self.candidate_scores.map(|s| s.accuracy),
            threshold,
            live: old_live,
            reason,
            message: message.clone(),
        };
        self.alerts.push(alert.clone());
        keep_newest(&mut self.alerts, HISTORY_CYCLES);
        self.totals.alerts += 1;
        self.decision = Some(Decision::Alert(alert));
        let input = match (self.candidate, self.candidate_scores) {
            (Some(v), Some(s)) => format!("Model v{v} ({})", format_score(s.accuracy, threshold)),
            _ => "No new model".to_string(),
        };
        self.record(
            StepKind::DeployOrAlert,
            "Alert team",
            input,
            format!("Team alerted; model v{old_live} stays live"),
            "Repeat cycle",
        )
    }

    fn step_repeat(&mut self) -> StepRecord {
        let threshold = self.params.threshold;
        let live = self.live;
        let deployed = self.decision.as_ref().is_some_and(Decision::is_deploy);
        let final_perf = if deployed {
            self.candidate_scores.map(|s| s.accuracy)
        } else {
            self.live_scores.map(|s| s.accuracy)
        };
        self.tracker.finish = Some(TrackerColumn {
            model: format!("v{live} (live)"),
            data: format!("new dataset, {}", self.window.describe()),
            performance: final_perf
                .map(|a| format_score(a, threshold))
                .unwrap_or_else(|| "N/A".into()),
        });
        let live_before = self.summaries.last().map_or(1, |s| s.live_after);
        self.summaries.push(CycleSummary {
            cycle: self.cycle,
            drift: self.drift,
            live_before,
            live_score: self.live_scores.map_or(0.0, |s| s.accuracy),
            v1_score: self.v1_scores.map_or(0.0, |s| s.accuracy),
            candidate: self.candidate,
            candidate_score: self.candidate_scores.map(|s| s.accuracy),
            deployed,
            live_after: live,
            threshold,
            window: self.window,
            retrained: self.candidate.is_some(),
            trigger_reason: self
                .trigger_eval
                .as_ref()
                .map_or(String::new(), |t| t.reason.clone()),
            fault: self.applied_fault,
        });
        keep_newest(&mut self.summaries, HISTORY_CYCLES);
        self.totals.cycles += 1;
        self.totals.retrains += u32::from(self.candidate.is_some());
        self.totals.deploys += u32::from(deployed);
        let models = &self.models;
        self.registry.forget_old(HISTORY_CYCLES, |v| {
            v == 1 || v == live || models.iter().any(|(m, _)| *m == v)
        });
        let row = self.record(
            StepKind::Repeat,
            "Cycle repeats",
            format!("Model v{live} live"),
            "Continuous updates".into(),
            "Collect new data",
        );
        self.records.push_back(CycleRecord {
            cycle: self.cycle,
            rows: self.rows.clone(),
            tracker: self.tracker.clone(),
            decision: self.decision.clone(),
            batch: subsample(&self.newest, RECORD_POINTS),
            drift: self.drift,
            live_before,
            candidate: self.candidate,
            live_after: live,
        });
        while self.records.len() > MAX_RECORDS {
            self.records.pop_front();
        }
        row
    }
}

// Native only: the core is tested natively (proptest and approx are native dev-dependencies).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::params::{DriftKind, DriftPattern, ModelKind, TrainingWindow};

    fn run(params: SimParams, cycles: u32) -> Simulation {
        let mut sim = Simulation::from_params(params).expect("starts");
        sim.finish_cycles(cycles);
        sim
    }

    #[test]
    fn first_cycle_matches_the_lesson_table() {
        let mut sim = Simulation::from_params(SimParams::default().label_noise(0.0)).unwrap();
        let rows: Vec<StepRecord> = (0..8).map(|_| sim.step()).collect();
        let steps: Vec<u8> = rows.iter().map(|r| r.step).collect();
        assert_eq!(steps, [1, 2, 3, 4, 5, 6, 7, 8]);
        assert_eq!(rows[0].input, "Trained model v1");
        assert_eq!(rows[0].output, "Model ready");
        assert_eq!(rows[1].input, "User data stream");
        assert_eq!(rows[2].input, "New dataset + Model v1");
        assert_eq!(rows[2].output, "Training started");
        assert_eq!(rows[3].output, "New model v2");
        assert_eq!(rows[4].input, "New model v2");
        assert!(rows[4].output.starts_with("Performance = 0."));
        assert!(rows[5].input.ends_with("> 0.80"), "{}", rows[5].input);
        assert_eq!(rows[5].output, "True");
        assert_eq!(rows[6].action, "Deploy model");
        assert_eq!(rows[6].output, "Model v2 live");
        assert_eq!(rows[7].input, "Model v2 live");
        assert_eq!(rows[7].next_step, "Collect new data");
        assert_eq!(sim.live_version(), 2);
        let t = sim.tracker();
        assert_eq!(t.start.as_ref().unwrap().model, "v1 (trained)");
        assert_eq!(t.start.as_ref().unwrap().data, "initial training data");
        assert_eq!(t.after_train.as_ref().unwrap().model, "v2 (retrained)");
        assert_eq!(t.after_check.as_ref().unwrap().model, "v2 (passed check)");
        assert_eq!(t.finish.as_ref().unwrap().model, "v2 (live)");
    }

    #[test]
    fn strict_threshold_alerts_and_keeps_the_live_model() {
        let mut sim = run(SimParams::default().threshold(0.99), 1);
        assert_eq!(sim.live_version(), 1);
        assert_eq!(sim.alerts().len(), 1);
        let a = &sim.alerts()[0];
        assert_eq!(a.candidate, Some(2));
        assert_eq!(a.live, 1);
        assert!(a.message.contains("v2 scored"), "{}", a.message);
        assert!(a.message.contains("0.99"));
        assert!(a.message.contains("v1 stays live"));
        assert_eq!(
            sim.registry().get(2).unwrap().status,
            VersionStatus::Rejected
        );
        // The next candidate takes the next number.
        sim.finish_cycle();
        assert_eq!(sim.summaries()[1].candidate, Some(3));
    }

    #[test]
    fn no_drift_keeps_a_stale_model_accurate() {
        let sim = run(
            SimParams::default().drift_strength(0.0).label_noise(0.0),
            12,
        );
        for s in sim.summaries() {
            assert!(s.v1_score > 0.85, "cycle {} v1 {}", s.cycle, s.v1_score);
            assert!(s.deployed, "cycle {} should deploy", s.cycle);
        }
    }

    #[test]
    fn concept_drift_makes_v1_stale_and_retraining_recovers() {
        let p = SimParams::default()
            .drift_strength(1.0)
            .drift_kind(DriftKind::Concept)
            .drift_pattern(DriftPattern::Sudden)
            .window(TrainingWindow::NewestBatch)
            .label_noise(0.0);
        let sim = run(p, 8);
        let late = &sim.summaries()[6];
        assert!(
            late.v1_score < 0.3,
            "v1 should be badly stale: {}",
            late.v1_score
        );
        assert!(
            late.live_score > 0.85,
            "retrained live model: {}",
            late.live_score
        );
    }

    #[test]
    fn covariate_drift_hurts_far_less_than_concept_drift() {
        let base = SimParams::default()
            .drift_strength(0.7)
            .drift_pattern(DriftPattern::Sudden)
            .label_noise(0.0);
        let mean_v1_drop = |kind: DriftKind| {
            let sim = run(base.clone().drift_kind(kind), 10);
            let before = sim.v1_initial_scores().accuracy;
            let after: Vec<f64> = sim.summaries()[3..].iter().map(|s| s.v1_score).collect();
            before - after.iter().sum::<f64>() / after.len() as f64
        };
        let covariate = mean_v1_drop(DriftKind::Covariate);
        let concept = mean_v1_drop(DriftKind::Concept);
        assert!(concept > 0.3, "concept drop {concept}");
        assert!(covariate < 0.08, "covariate drop {covariate}");
        assert!(concept > 4.0 * covariate.max(0.01));
    }

    #[test]
    fn same_seed_same_run_bit_for_bit() {
        for model in [ModelKind::LogisticRegression, ModelKind::DecisionTree] {
            let p = SimParams::default()
                .seed(99)
                .model(model)
                .drift_pattern(DriftPattern::Gradual);
            let a = run(p.clone(), 6);
            let b = run(p, 6);
            assert_eq!(a.summaries(), b.summaries());
            assert_eq!(a.registry(), b.registry());
            assert_eq!(a.rows(), b.rows());
        }
        let a = run(SimParams::default().seed(1), 3);
        let b = run(SimParams::default().seed(2), 3);
        assert_ne!(a.summaries(), b.summaries());
    }

    #[test]
    fn single_class_batches_alert_instead_of_crashing() {
        // Prior shift to 95 % class 1 on 20-row batches with the newest batch only
        // draws single-class windows often; every one must become an alert.
        let p = SimParams::default()
            .batch_size(20)
            .drift_kind(DriftKind::Prior)
            .drift_strength(1.0)
            .drift_onset(1)
            .label_noise(0.0)
            .window(TrainingWindow::NewestBatch);
        let sim = run(p, 60);
        let failed: Vec<&Alert> = sim
            .alerts()
            .iter()
            .filter(|a| matches!(a.reason, AlertReason::TrainingFailed(_)))
            .collect();
        assert!(!failed.is_empty(), "expected some degenerate batches");
        for a in failed {
            assert!(a.message.contains("retraining failed"), "{}", a.message);
            assert_eq!(a.candidate, None);
        }
        assert_eq!(sim.summaries().len(), 60);
    }

    #[test]
    fn mid_cycle_changes_wait_for_the_next_cycle() {
        let mut sim = Simulation::from_params(SimParams::default()).unwrap();
        for _ in 0..3 {
            sim.step();
        }
        let strict = SimParams::default().threshold(0.99).check().unwrap();
        assert!(!sim.reconfigure(strict));
        sim.finish_cycle();
        assert!(sim.summaries()[0].deployed, "old threshold still applied");
        sim.finish_cycle();
        assert!(
            !sim.summaries()[1].deployed,
            "new threshold applies next cycle"
        );
        assert_eq!(sim.params().threshold, 0.99);
    }

    #[test]
    fn windows_span_the_right_batches() {
        let sim = run(SimParams::default().window(TrainingWindow::Sliding(3)), 5);
        let w = sim.summaries()[4].window;
        assert_eq!((w.first_cycle, w.last_cycle, w.rows), (3, 5, 1050));
        let sim = run(SimParams::default().window(TrainingWindow::AllData), 4);
        let w = sim.summaries()[3].window;
        assert_eq!((w.first_cycle, w.last_cycle, w.rows), (0, 4, 1750));
    }

    #[test]
    fn all_data_window_is_capped() {
        let p = SimParams::default()
            .batch_size(20_000)
            .window(TrainingWindow::AllData);
        let sim = run(p, 9);
        let w = sim.summaries()[8].window;
        assert!(w.rows <= MAX_WINDOW_ROWS, "rows {}", w.rows);
        assert!(w.rows >= MAX_WINDOW_ROWS - 14_000);
        assert_eq!(w.last_cycle, 9);
    }

    #[test]
    fn finished_cycles_are_recorded_and_bounded() {
        let p = SimParams::default().batch_size(2000);
        let sim = run(p, 3);
        let r = sim.record_of(2).expect("cycle 2 recorded");
        assert_eq!(r.rows.len(), 8);
        assert_eq!(r.rows[0].cycle, 2);
        assert!(r.batch.len() <= RECORD_POINTS && r.batch.len() >= RECORD_POINTS / 2);
        assert_eq!(r.live_after, sim.summaries()[1].live_after);
        let long = run(SimParams::default().batch_size(20), MAX_RECORDS as u32 + 5);
        assert_eq!(long.records().len(), MAX_RECORDS);
        assert_eq!(long.records().front().unwrap().cycle, 6);
    }

    #[test]
    fn long_runs_keep_a_bounded_history_and_count_everything() {
        let cycles = HISTORY_CYCLES as u32 + 60;
        // Threshold 0.99 with label noise: most cycles alert, some deploy.
        let sim = run(
            SimParams::default()
                .batch_size(20)
                .threshold(0.9)
                .label_noise(0.1),
            cycles,
        );
        let t = sim.totals();
        assert_eq!(t.cycles, cycles);
        assert_eq!(sim.summaries().len(), HISTORY_CYCLES);
        assert_eq!(sim.summaries()[0].cycle, 61, "the oldest cycles go first");
        assert_eq!(sim.summaries().last().unwrap().cycle, cycles);
        assert!(t.alerts > 0 && t.deploys > 0, "{t:?}");
        assert_eq!(
            t.retrains,
            t.alerts + t.deploys,
            "every cycle retrains here"
        );
        assert_eq!(sim.alerts().len(), (t.alerts as usize).min(HISTORY_CYCLES));
        assert_eq!(sim.alerts().last().unwrap().cycle, {
            let last_alert = sim.summaries().iter().rev().find(|s| !s.deployed).unwrap();
            last_alert.cycle
        });
        // Every cycle trained a version: v1 + one per cycle, most of them forgotten.
        assert_eq!(t.versions, cycles + 1);
        assert_eq!(sim.registry().next_version(), cycles + 2);
        let kept = sim.registry().versions();
        assert!(
            kept.len() <= HISTORY_CYCLES + MAX_KEPT_MODELS + 2,
            "{}",
            kept.len()
        );
        assert_eq!(kept[0].version, 1, "v1 is always listed");
        assert!(sim.registry().get(sim.live_version()).is_some());
        assert!(sim.registry().events().len() <= HISTORY_CYCLES);
        assert_eq!(t.live_changes, t.deploys);
        // Every version that can be rolled back to is still listed.
        for (v, _) in &sim.models {
            assert!(sim.registry().get(*v).is_some(), "v{v} kept but not listed");
        }
    }

    #[test]
    fn totals_match_the_history_while_it_is_short() {
        let sim = run(SimParams::default().threshold(0.95), 12);
        let t = sim.totals();
        let s = sim.summaries();
        assert_eq!(t.cycles as usize, s.len());
        assert_eq!(t.deploys as usize, s.iter().filter(|x| x.deployed).count());
        assert_eq!(
            t.retrains as usize,
            s.iter().filter(|x| x.retrained).count()
        );
        assert_eq!(t.alerts as usize, sim.alerts().len());
        assert_eq!(t.versions as usize, sim.registry().versions().len());
        assert_eq!(t.live_changes as usize, sim.registry().events().len());
    }

    #[test]
    fn scores_never_look_wrong_after_rounding() {
        assert_eq!(format_score(0.853, 0.80), "0.85");
        assert_eq!(format_score(0.8033, 0.80), "0.803");
        assert_eq!(format_score(0.80, 0.80), "0.8000");
    }
}
