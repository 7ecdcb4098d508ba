//! The retraining cycle of the lesson, one step at a time:
//! 1 start with the live model → 2 collect new data → 3 trigger retraining →
//! 4 train → 5 evaluate → 6 check `performance > threshold` → 7 deploy, or alert
//! the team (or keep the live model when retraining did not run) → 8 repeat.
//!
//! This folder is the state machine only. Each step records typed facts
//! ([`crate::sim::retraining::steps`]); the cycle's decision is an [`Outcome`], fixed at the
//! step that decides it (3, 4 or 6) and carried out at step 7; finished cycles
//! go into the history ([`crate::sim::retraining::history`]); words come from
//! [`crate::sim::wording`]. Every value a step reports comes from the real run.
//!
//! Here are the run's state, its errors and what the page reads of it; the
//! steps run in `run.rs` (step 2, collecting a batch, in `collect.rs`), late
//! labels and the stored batches that windows train on in `labels.rs`, and the
//! fitted models kept for rollback and the charts in `models.rs`.

mod collect;
mod labels;
mod models;
mod run;

use crate::sim::retraining::input_drift::InputDrift;
use std::collections::VecDeque;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::sim::ml::estimate::{calibrate, Calibration};
use crate::sim::ml::evaluate::{evaluate, Scores};
use crate::sim::ml::train::{train, TrainError, TrainedModel};
use crate::sim::ml::truth::best_accuracy;
use crate::sim::params::{SimParams, ValidParams};
use crate::sim::retraining::below_half::{BelowHalf, Diagnoser};
use crate::sim::retraining::history::{CycleRecord, CycleSummary, Estimated, Totals};
use crate::sim::retraining::outcome::{Alert, EstimateAlert, Outcome};
use crate::sim::retraining::registry::{ModelVersion, Registry, VersionStatus, WindowInfo};
use crate::sim::retraining::settings::ParamError;
use crate::sim::retraining::step_kind::StepKind;
use crate::sim::retraining::steps::{StepRecord, Tracker};
use crate::sim::retraining::triggers::{TriggerEval, TriggerState};
use crate::sim::retraining::validate::{Fault, ValidationReport};
use crate::sim::stream::csv_data::{StandardizedData, Streaming};
use crate::sim::stream::drift::DriftState;
use crate::sim::stream::{generate_batch, rng_from_seed, Batch, SimRng};

/// How many fitted models are kept besides v1 and the live one; older ones keep
/// their registry entry but free their memory, so long runs stay bounded.
pub const MAX_KEPT_MODELS: usize = 32;
/// How many times the initial data is redrawn if it cannot train v1 (tiny
/// batches with heavy noise can draw a single class).
const INITIAL_DRAWS: u32 = 20;

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

/// A batch waiting for its labels.
#[derive(Clone, Debug)]
struct Awaiting {
    /// The whole batch (its labels stay unread until they come in).
    batch: Batch,
    /// The hold-out fraction in force when it arrived.
    holdout_fraction: f64,
    /// It failed a check (on arrival or on its labels): no window trains on it.
    quarantined: bool,
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
    /// How each kept model estimates its accuracy from inputs alone, fixed
    /// when it was trained (its hold-out calibration).
    calibrations: Vec<(u32, Calibration)>,
    registry: Registry,
    live: u32,
    /// The version live when this cycle started.
    live_at_start: u32,
    v1_initial_scores: Scores,
    live_scores: Option<Scores>,
    v1_scores: Option<Scores>,
    candidate: Option<u32>,
    candidate_scores: Option<Scores>,
    window: WindowInfo,
    /// This cycle's decision, once the step that decides it ran.
    outcome: Option<Outcome>,
    rows: Vec<StepRecord>,
    tracker: Tracker,
    summaries: Vec<CycleSummary>,
    alerts: Vec<Alert>,
    /// The newest alerts on an estimated drop (raised before labels arrive,
    /// beside the cycles' own alerts), oldest first.
    estimate_alerts: Vec<EstimateAlert>,
    /// Cycles, retrains, deploys and alerts since the start; the registry's
    /// counts (versions, live changes) are added by [`Simulation::totals`].
    totals: Totals,
    trigger_state: TriggerState,
    trigger_eval: Option<TriggerEval>,
    validation: Option<ValidationReport>,
    pending_fault: Option<Fault>,
    applied_fault: Option<Fault>,
    /// Why the live model scored below 0.5 on the newest batch, if it did.
    below_half: Option<BelowHalf>,
    /// The best accuracy any model can expect on the newest batch (synthetic
    /// stream only).
    best_possible: Option<f64>,
    /// Whether each batch gets `below_half` and `best_possible` (what only the
    /// page's charts read; see [`Simulation::without_explanations`]).
    explains: bool,
    /// Finds `below_half`, remembering the last cause.
    diagnoser: Diagnoser,
    /// The live model's agreement with the last batch's labels.
    last_agreement: Option<f64>,
    /// Full records of the newest finished cycles.
    records: VecDeque<CycleRecord>,
    /// Batches whose labels have not come in yet (a label delay), oldest first.
    awaiting: VecDeque<Awaiting>,
    /// The live model's true accuracy on the newest batch (known to the
    /// simulator; the team measures `live_scores` once labels come in).
    live_true: Option<Scores>,
    /// The live model's estimated accuracy on the newest batch, from its
    /// inputs alone (while labels are late, or when the trigger reads it).
    estimated: Option<Estimated>,
    /// The KS test per feature on the newest batch's inputs against the live
    /// model's training window (explained runs only).
    input_drift: Option<InputDrift>,
    /// The expected accuracies of the live model and v1 on the newest batch,
    /// and its hold-out rows (synthetic stream, explained runs only).
    expected_arrival: Option<(f64, f64, usize)>,
    /// The teacher's own data, streamed instead of the synthetic stream.
    user_data: Option<Arc<StandardizedData>>,
    /// The next row of the user data to stream.
    cursor: usize,
}

impl Simulation {
    /// Starts a run: draws the initial data and trains v1 on it.
    pub fn new(params: ValidParams) -> Result<Self, SimError> {
        Self::with_data(params, None)
    }

    /// Starts a run on the teacher's own data (streamed in order, wrapping
    /// around at the end, or ending there for real history: see
    /// [`Streaming`](crate::sim::stream::csv_data::Streaming)) instead of the synthetic
    /// stream; drift settings then do not apply: the data drifts as it does.
    pub fn with_data(
        params: ValidParams,
        user_data: Option<Arc<StandardizedData>>,
    ) -> Result<Self, SimError> {
        let mut rng = rng_from_seed(params.seed);
        let none = DriftState::none(0);
        let mut last_error = None;
        let cursor = user_data.as_ref().map_or(0, |d| match d.streaming {
            Streaming::WrapAround => params.batch_size % d.data.rows.max(1),
            Streaming::History | Streaming::Ordered => params.batch_size.min(d.data.rows),
        });
        let draws = if user_data.is_some() {
            1
        } else {
            INITIAL_DRAWS
        };
        for _ in 0..draws {
            let batch = match &user_data {
                Some(d) => d.batch(0, 0, params.batch_size, params.holdout_fraction),
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
                        judged_against: None,
                        replaced: None,
                        replaced_by: None,
                        cost: None,
                    });
                    let best_possible = user_data
                        .is_none()
                        .then(|| best_accuracy(&none, params.label_noise));
                    let calibrations = vec![(1, calibrate(&v1, &train_part, &holdout))];
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
                        calibrations,
                        registry,
                        live: 1,
                        live_at_start: 1,
                        v1_initial_scores: scores,
                        live_scores: None,
                        v1_scores: None,
                        candidate: None,
                        candidate_scores: None,
                        window,
                        outcome: None,
                        rows: Vec::new(),
                        tracker: Tracker::default(),
                        summaries: Vec::new(),
                        alerts: Vec::new(),
                        estimate_alerts: Vec::new(),
                        totals: Totals::default(),
                        trigger_state: TriggerState::default(),
                        trigger_eval: None,
                        validation: None,
                        pending_fault: None,
                        applied_fault: None,
                        last_agreement: None,
                        below_half: None,
                        best_possible,
                        explains: true,
                        diagnoser: Diagnoser::default(),
                        records: VecDeque::new(),
                        awaiting: VecDeque::new(),
                        live_true: None,
                        estimated: None,
                        input_drift: None,
                        expected_arrival: None,
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
                min: crate::sim::ml::train::MIN_TRAIN_ROWS,
            },
        )))
    }

    /// The same run without what only the page's charts read: the best
    /// accuracy any model can expect on each batch and why a live model scored
    /// below 0.5 (measuring that draws fresh points and predicts them). The
    /// policy race reads only the scores, so its runs skip it.
    pub fn without_explanations(mut self) -> Self {
        self.explains = false;
        self.best_possible = None;
        self.below_half = None;
        self
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
    /// (a different seed or learner would make the history meaningless): the
    /// settings table says which settings restart.
    pub fn needs_restart(&self, new: &SimParams) -> bool {
        crate::sim::retraining::settings::needs_restart(self.params.get(), new)
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

    /// The newest finished cycles (up to [`HISTORY_CYCLES`](crate::sim::retraining::history::HISTORY_CYCLES)), oldest first.
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

    /// Full records of the newest finished cycles (up to [`MAX_RECORDS`](crate::sim::retraining::history::MAX_RECORDS)).
    pub fn records(&self) -> &VecDeque<CycleRecord> {
        &self.records
    }

    /// The record of one finished cycle, if still kept.
    pub fn record_of(&self, cycle: u32) -> Option<&CycleRecord> {
        self.records.iter().find(|r| r.cycle == cycle)
    }

    /// The newest alerts (up to [`HISTORY_CYCLES`](crate::sim::retraining::history::HISTORY_CYCLES)), oldest first; the count of
    /// all of them is in [`Simulation::totals`].
    pub fn alerts(&self) -> &[Alert] {
        &self.alerts
    }

    /// The newest alerts on an estimated drop (up to
    /// [`HISTORY_CYCLES`](crate::sim::retraining::history::HISTORY_CYCLES)),
    /// oldest first; the count of all of them is in [`Simulation::totals`].
    pub fn estimate_alerts(&self) -> &[EstimateAlert] {
        &self.estimate_alerts
    }

    /// This cycle's decision, once the step that decides it ran (step 3, 4 or
    /// 6; step 7 carries it out).
    pub fn outcome(&self) -> Option<&Outcome> {
        self.outcome.as_ref()
    }

    /// The newest full batch (the initial data before cycle 1).
    pub fn newest_batch(&self) -> &Batch {
        &self.newest
    }

    /// The live model's estimated accuracy on the newest batch (from its
    /// inputs alone), once step 2 ran, while labels arrive late or the
    /// trigger reads it.
    pub fn estimated(&self) -> Option<Estimated> {
        self.estimated
    }

    /// The KS test per feature on the newest batch's inputs, once step 2 ran
    /// (explained runs only).
    pub fn input_drift(&self) -> Option<InputDrift> {
        self.input_drift
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

    /// Why the model live when the newest batch arrived scored below 0.5 on
    /// it (`None` when it did not, and before the first batch).
    pub fn below_half(&self) -> Option<&BelowHalf> {
        self.below_half.as_ref()
    }

    /// The best accuracy any model can expect on the newest batch (the
    /// initial data before cycle 1; `None` on the teacher's own data).
    pub fn best_possible(&self) -> Option<f64> {
        self.best_possible
    }

    /// Whole cycles the data has left to stream, counted from the next one
    /// that starts (with the settings it will start with): `None` when the
    /// stream never ends (the synthetic stream, a teacher's file that wraps
    /// around); `Some(0)` once real history has run out.
    pub fn cycles_left(&self) -> Option<u32> {
        let data = self.user_data.as_ref()?;
        let rows = self.pending.as_ref().unwrap_or(&self.params).batch_size;
        data.batches_left(self.cursor, rows)
            .map(|n| u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// Rows of the teacher's own data (or real history) streamed so far,
    /// the initial batch included: where the next batch starts. `None` on
    /// the synthetic stream.
    pub fn streamed_rows(&self) -> Option<usize> {
        self.user_data.as_ref().map(|_| self.cursor)
    }

    /// True when no further cycle can start: the data has run out (only real
    /// history does) and the last cycle is finished.
    pub fn at_end(&self) -> bool {
        self.next == StepKind::Start && self.cycles_left() == Some(0)
    }
}
