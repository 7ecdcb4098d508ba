//! The retraining cycle of the lesson, one step at a time:
//! 1 start with the live model → 2 collect new data → 3 trigger retraining →
//! 4 train → 5 evaluate → 6 check `performance > threshold` → 7 deploy, or alert
//! the team (or keep the live model when retraining did not run) → 8 repeat.
//!
//! This file is the state machine only. Each step records typed facts
//! ([`crate::sim::retraining::steps`]); the cycle's decision is an [`Outcome`], fixed at the
//! step that decides it (3, 4 or 6) and carried out at step 7; finished cycles
//! go into the history ([`crate::sim::retraining::history`]); words come from
//! [`crate::sim::wording`]. Every value a step reports comes from the real run.

use std::collections::VecDeque;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::sim::ml::evaluate::{evaluate, Scores};
use crate::sim::ml::train::{
    train, train_from, DecisionGrid, LinearBoundary, TrainError, TrainedModel,
};
use crate::sim::ml::truth::{best_accuracy, expected_accuracy};
use crate::sim::params::{ParamError, SimParams, ValidParams, MAX_WINDOW_ROWS};
use crate::sim::retraining::below_half::{BelowHalf, Diagnoser, Evidence};
use crate::sim::retraining::cost::{Cost, RetrainCost};
use crate::sim::retraining::history::{
    keep_newest, subsample, CycleRecord, CycleSummary, Expected, Measured, Totals, HISTORY_CYCLES,
    MAX_RECORDS, RECORD_POINTS,
};
use crate::sim::retraining::outcome::GateCheck;
use crate::sim::retraining::outcome::{Alert, AlertReason, KeptReason, Outcome};
use crate::sim::retraining::registry::{ModelVersion, Registry, VersionStatus, WindowInfo};
use crate::sim::retraining::step_kind::StepKind;
use crate::sim::retraining::steps::{
    CheckStep, DataVar, EvaluateStep, Labels, ModelVar, PerfVar, Skip, StepFact, StepRecord,
    Tracker, TrackerColumn, TrainStep, TriggerStep,
};
use crate::sim::retraining::triggers::{Observation, TriggerEval, TriggerState};
use crate::sim::retraining::validate::{
    validate_batch, Fault, ValidationFailure, ValidationReport,
};
use crate::sim::stream::csv_data::{StandardizedData, Streaming};
use crate::sim::stream::drift::{drift_at, DriftState};
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
            Streaming::History => params.batch_size.min(d.data.rows),
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

    /// This cycle's decision, once the step that decides it ran (step 3, 4 or
    /// 6; step 7 carries it out).
    pub fn outcome(&self) -> Option<&Outcome> {
        self.outcome.as_ref()
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

    /// Accuracy of a kept version on the newest hold-out slice: every version
    /// scored this way is scored on the same rows, so differences are paired.
    pub fn score_on_newest(&self, version: u32) -> Option<Scores> {
        self.model(version).map(|m| evaluate(m, &self.holdout))
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

    /// A kept version's fitted model, for tests that check what a view says
    /// against the model itself.
    pub fn fitted(&self, version: u32) -> Option<&TrainedModel> {
        self.model(version)
    }

    /// Decision regions of a version, if its model is still kept.
    pub fn grid_of(&self, version: u32) -> Option<DecisionGrid> {
        self.model(version).map(TrainedModel::decision_grid)
    }

    /// The straight boundary of a version (logistic regression only).
    pub fn boundary_of(&self, version: u32) -> Option<LinearBoundary> {
        self.model(version).and_then(TrainedModel::linear_boundary)
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

    /// The drift of each batch `version` was trained on that is still known
    /// (the newest [`HISTORY_CYCLES`] cycles and the initial data), leaving out
    /// batches that failed validation (they never reach a window).
    fn trained_on(&self, version: u32) -> Vec<DriftState> {
        let Some(window) = self.registry.get(version).map(|v| v.window) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        if window.first_cycle == 0 {
            out.push(DriftState::none(0));
        }
        out.extend(
            self.summaries
                .iter()
                .filter(|s| (window.first_cycle..=window.last_cycle).contains(&s.cycle))
                .filter(|s| {
                    !matches!(
                        s.outcome,
                        Outcome::Alerted {
                            reason: AlertReason::ValidationFailed { .. },
                            ..
                        }
                    )
                })
                .map(|s| s.drift),
        );
        out
    }

    /// Why the live model scored below 0.5 on the new hold-out rows, if it did.
    fn diagnose_live(&mut self) -> Option<BelowHalf> {
        let scores = self.live_true?;
        let trained_on = self.trained_on(self.live);
        let model = self
            .models
            .iter()
            .find(|(v, _)| *v == self.live)
            .map(|(_, m)| m)?;
        self.diagnoser.diagnose(&Evidence {
            live: self.live,
            model,
            score: scores.accuracy,
            rows: scores.rows,
            drift: self.drift,
            trained_on,
            label_noise: self.params.label_noise,
            fault: self.applied_fault,
            user_data: self.user_data.is_some(),
            seed: self.params.seed,
        })
    }

    fn record(&mut self, kind: StepKind, fact: StepFact) -> StepRecord {
        let r = StepRecord {
            cycle: self.cycle,
            kind,
            fact,
        };
        self.rows.push(r.clone());
        r
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

    /// Runs the next step and returns its table row; at the end of the data
    /// ([`Simulation::at_end`]) runs nothing and returns `None`.
    pub fn step(&mut self) -> Option<StepRecord> {
        if self.at_end() {
            return None;
        }
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
        Some(record)
    }

    /// Runs `cycles` whole cycles, one [`Simulation::finish_cycle`] each.
    pub fn finish_cycles(&mut self, cycles: u32) {
        for _ in 0..cycles {
            self.finish_cycle();
        }
    }

    /// Runs steps until the current cycle is finished (through step 8), and
    /// returns its summary; at the end of the data, runs nothing and returns
    /// `None`.
    pub fn finish_cycle(&mut self) -> Option<&CycleSummary> {
        if self.at_end() {
            return None;
        }
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
        self.candidate_scores = None;
        self.live_scores = None;
        self.live_true = None;
        self.expected_arrival = None;
        self.v1_scores = None;
        self.outcome = None;
        self.trigger_eval = None;
        self.validation = None;
        self.applied_fault = None;
        self.live_at_start = self.live;
        let live = self.live;
        let first = self.cycle == 1;
        let live_entry = self.registry.get(live);
        self.tracker.start = Some(TrackerColumn {
            model: if first {
                ModelVar::Trained(live)
            } else {
                ModelVar::Live(live)
            },
            data: match live_entry {
                Some(_) if first => DataVar::Initial,
                Some(e) => DataVar::TrainedOn(e.window),
                None => DataVar::Initial,
            },
            performance: live_entry.map_or(PerfVar::NotApplicable, |e| {
                PerfVar::WhenJudged(e.scores.accuracy)
            }),
        });
        self.record(StepKind::Start, StepFact::Start { live, first })
    }

    fn step_collect(&mut self) -> StepRecord {
        let p = self.params.get().clone();
        self.drift = drift_at(&p, self.cycle);
        let mut batch = match &self.user_data {
            Some(d) => {
                self.drift = DriftState::none(self.cycle);
                let b = d.batch(self.cycle, self.cursor, p.batch_size, p.holdout_fraction);
                self.cursor = match d.streaming {
                    Streaming::WrapAround => (self.cursor + p.batch_size) % d.data.rows.max(1),
                    Streaming::History => self.cursor + p.batch_size,
                };
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
        // The truth about the new batch, which only the simulator knows before
        // its labels arrive: how the live model and v1 really do on it.
        let (_, arriving_holdout) = batch.split(p.holdout_fraction);
        self.live_true = self
            .model(self.live)
            .map(|m| evaluate(m, &arriving_holdout));
        self.v1_scores = self.model(1).map(|m| evaluate(m, &arriving_holdout));
        if self.explains {
            self.best_possible = self
                .user_data
                .is_none()
                .then(|| best_accuracy(&self.drift, p.label_noise));
            self.below_half = self.diagnose_live();
            self.expected_arrival = match (
                self.user_data.is_none(),
                self.model(self.live),
                self.model(1),
            ) {
                (true, Some(live), Some(v1)) => Some((
                    expected_accuracy(live, &self.drift, p.label_noise),
                    expected_accuracy(v1, &self.drift, p.label_noise),
                    arriving_holdout.len(),
                )),
                _ => None,
            };
        }
        let mut checks = Vec::new();
        let mut failures = Vec::new();
        let mut agreement = None;
        // Input checks need no labels: with a delay they run on the batch as
        // it arrives; without one the whole check runs below, as one.
        let mut quarantined = false;
        if p.validate_data && p.label_delay > 0 {
            let report = validate_batch(&batch, &reference, None, None);
            checks = report.checks;
            failures.extend(report.failures.into_iter().filter(|f| !f.needs_labels()));
            quarantined = !failures.is_empty();
        }
        self.awaiting.push_back(Awaiting {
            batch: batch.clone(),
            holdout_fraction: p.holdout_fraction,
            quarantined,
        });
        // Labels of every batch at least `label_delay` cycles old come in now.
        let due = self.cycle.saturating_sub(p.label_delay);
        let mut came_in: Option<(u32, u32)> = None;
        let mut errors: Vec<f64> = Vec::new();
        while self.awaiting.front().is_some_and(|a| a.batch.cycle <= due) {
            let Some(mut labelled) = self.awaiting.pop_front() else {
                break;
            };
            let b = &labelled.batch;
            let predictions = self.model(self.live).map(|m| m.predict(&b.x));
            // Before any batch, the live model's own score stands for "healthy".
            let previous = self
                .last_agreement
                .or_else(|| self.registry.get(self.live).map(|v| v.scores.accuracy));
            if p.validate_data && !labelled.quarantined {
                let report = validate_batch(b, &reference, predictions.as_deref(), previous);
                checks = report.checks;
                agreement = report.agreement;
                let new: Vec<ValidationFailure> = if b.cycle == self.cycle {
                    report.failures
                } else {
                    report
                        .failures
                        .into_iter()
                        .filter(ValidationFailure::needs_labels)
                        .collect()
                };
                labelled.quarantined = !new.is_empty();
                failures.extend(new);
            }
            if let Some(pred) = predictions.as_deref() {
                let agree = pred.iter().zip(&b.y).filter(|(p, y)| p == y).count();
                self.last_agreement = Some(agree as f64 / b.len().max(1) as f64);
                errors.extend(
                    pred.iter()
                        .zip(&b.y)
                        .map(|(p, y)| if p == y { 0.0 } else { 1.0 }),
                );
            }
            let (train_part, holdout) = b.split(labelled.holdout_fraction);
            came_in = Some((came_in.map_or(b.cycle, |c| c.0), b.cycle));
            self.holdout = holdout;
            // A batch that failed validation is quarantined: no window ever trains on it.
            if !labelled.quarantined {
                self.history_batches.push_back(train_part);
                self.trim_history();
            }
        }
        self.validation = p.validate_data.then_some(ValidationReport {
            checks,
            failures,
            agreement,
        });
        // What the team can measure: the live model on the newest labelled rows.
        self.live_scores =
            came_in.and_then(|_| self.model(self.live).map(|m| evaluate(m, &self.holdout)));
        // Where the labels stand: the tracker holds it for the rest of the cycle.
        self.tracker.labels = Labels {
            delay: p.label_delay,
            came_in,
            pending: self
                .awaiting
                .front()
                .zip(self.awaiting.back())
                .map(|(a, b)| (a.batch.cycle, b.batch.cycle)),
        };
        let observation = Observation {
            cycle: self.cycle,
            errors: &errors,
            live_accuracy: self.live_scores.map(|s| s.accuracy),
            label_delay: p.label_delay,
            threshold: p.threshold,
            reference: &reference,
            new_rows: &batch.x,
            minutes_per_cycle: p.minutes_per_cycle,
        };
        self.trigger_eval = Some(self.trigger_state.evaluate_with_floor(
            &p.trigger,
            p.performance_floor,
            &observation,
        ));
        self.newest = batch;
        let fact = StepFact::Collect {
            rows: self.newest.len(),
            drift: self.drift,
            drift_kind: p.drift_kind,
            live: self.live,
            live_score: self.live_scores.map(|s| s.accuracy),
            fault: self.applied_fault,
            labels: self.tracker.labels,
        };
        self.record(StepKind::CollectData, fact)
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
        use crate::sim::params::TrainingWindow;
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

    /// Why this cycle trains nothing, decided at step 3: the batch failed
    /// validation (alert) or the trigger did not fire (kept). `None` when
    /// training runs.
    fn skip(&self) -> Option<Skip> {
        if self.validation.as_ref().is_some_and(|v| !v.passed()) {
            Some(Skip::ValidationFailed)
        } else if self.trigger_eval.as_ref().is_some_and(|t| !t.fired) {
            Some(Skip::NotTriggered)
        } else {
            None
        }
    }

    /// The tracker's data variable for the new batch, from step 4 on: unused
    /// (not retrained), set aside (failed validation) or part of this
    /// cycle's training window.
    fn new_data(&self) -> DataVar {
        match self.skip() {
            Some(Skip::NotTriggered) => DataVar::NewNotUsed,
            Some(Skip::ValidationFailed) => DataVar::SetAside,
            _ => DataVar::NewWindow(self.window),
        }
    }

    /// Fixes the cycle's outcome (once) and, for an alert, logs it.
    fn decide(&mut self, outcome: Outcome) {
        if let Outcome::Alerted { live, reason } = &outcome {
            self.alerts.push(Alert {
                cycle: self.cycle,
                live: *live,
                reason: reason.clone(),
            });
            keep_newest(&mut self.alerts, HISTORY_CYCLES);
            self.totals.alerts += 1;
        }
        self.outcome = Some(outcome);
    }

    fn step_trigger(&mut self) -> StepRecord {
        let live = self.live;
        let eval = self.trigger_eval.clone();
        let decision = match (self.skip(), eval) {
            (Some(Skip::ValidationFailed), _) => {
                let failures = self
                    .validation
                    .as_ref()
                    .map(|v| v.failures.clone())
                    .unwrap_or_default();
                self.decide(Outcome::Alerted {
                    live,
                    reason: AlertReason::ValidationFailed {
                        failures: failures.clone(),
                    },
                });
                TriggerStep::Blocked(failures)
            }
            (Some(_), Some(eval)) => {
                self.decide(Outcome::Kept {
                    live,
                    reason: KeptReason::NotTriggered {
                        trigger: self.params.trigger.clone(),
                        why: eval.clone(),
                    },
                });
                TriggerStep::NotFired(eval)
            }
            (_, eval) => TriggerStep::Fired(eval.unwrap_or(TriggerEval {
                fired: true,
                cause: crate::sim::retraining::triggers::TriggerCause::EveryCycle,
            })),
        };
        self.record(
            StepKind::TriggerRetraining,
            StepFact::Trigger { live, decision },
        )
    }

    fn step_train(&mut self) -> StepRecord {
        let (data, info) = self.build_window();
        self.window = info;
        let live = self.live;
        if let Some(skip) = self.skip() {
            self.tracker.after_train = Some(TrackerColumn {
                model: ModelVar::NotRetrained(live),
                data: self.new_data(),
                performance: PerfVar::NotEvaluated,
            });
            return self.record(StepKind::Train, StepFact::Train(TrainStep::Skipped(skip)));
        }
        let p = self.params.get().clone();
        let warm = if p.warm_start {
            self.model(self.live)
        } else {
            None
        };
        let result = train_from(p.model, p.tree_max_depth, &data, warm);
        let (fact, model_var) = match result {
            Ok(model) => {
                let version = self.registry.next_version();
                self.registry.add(ModelVersion {
                    version,
                    status: VersionStatus::Candidate,
                    kind: p.model,
                    trained_in_cycle: self.cycle,
                    window: info,
                    scores: Scores::default(),
                    judged_against: Some(p.threshold),
                    replaced: None,
                    replaced_by: None,
                    cost: Some(RetrainCost::new(p.retrain_fixed_cost, info.rows)),
                });
                self.models.push((version, model));
                self.candidate = Some(version);
                self.evict_models();
                (
                    TrainStep::Trained {
                        version,
                        window: info,
                    },
                    ModelVar::Retrained(version),
                )
            }
            Err(why) => {
                self.decide(Outcome::Alerted {
                    live,
                    reason: AlertReason::TrainingFailed { why: why.clone() },
                });
                (
                    TrainStep::Failed { why, window: info },
                    ModelVar::NoNewModel(live),
                )
            }
        };
        self.tracker.after_train = Some(TrackerColumn {
            model: model_var,
            data: self.new_data(),
            performance: PerfVar::NotEvaluatedYet,
        });
        self.record(StepKind::Train, StepFact::Train(fact))
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

    /// Why a step after training has nothing to judge.
    fn no_candidate(&self) -> Skip {
        self.skip().unwrap_or(Skip::TrainingFailed)
    }

    fn step_evaluate(&mut self) -> StepRecord {
        let threshold = self.params.threshold;
        let scored = self
            .candidate
            .and_then(|v| self.model(v).map(|m| (v, evaluate(m, &self.holdout))));
        let fact = match scored {
            Some((version, scores)) => {
                self.registry.set_scores(version, scores);
                self.candidate_scores = Some(scores);
                EvaluateStep::Scored {
                    version,
                    score: scores.accuracy,
                    threshold,
                }
            }
            None => match (self.no_candidate(), self.live_scores) {
                (Skip::NotTriggered, Some(s)) => EvaluateStep::LiveOnly {
                    live: self.live,
                    score: s.accuracy,
                    threshold,
                },
                (skip, _) => EvaluateStep::Skipped(skip),
            },
        };
        self.record(StepKind::Evaluate, StepFact::Evaluate(fact))
    }

    /// The champion/challenger gate for a candidate scoring `score`: `None`
    /// when the gate is off or there is no live score to beat.
    fn champion_gate(&self, score: f64) -> Option<GateCheck> {
        let margin = self.params.min_improvement?;
        let live_score = self.live_scores?.accuracy;
        Some(GateCheck {
            live_score,
            margin,
            passed: score >= live_score + margin - 1e-12,
        })
    }

    fn step_check(&mut self) -> StepRecord {
        let threshold = self.params.threshold;
        let live = self.live;
        let (check, model_var, performance) = match (self.candidate, self.candidate_scores) {
            (Some(version), Some(s)) => {
                let score = s.accuracy;
                let check = CheckStep::Judged {
                    version,
                    score,
                    threshold,
                    above: score > threshold,
                    gate: self.champion_gate(score),
                };
                let passed = check.passed();
                self.decide(match &check {
                    CheckStep::Judged {
                        gate, above: true, ..
                    } if passed => Outcome::Deployed {
                        version,
                        score,
                        threshold,
                        replaced: live,
                        gate: *gate,
                    },
                    CheckStep::Judged {
                        gate: Some(g),
                        above: true,
                        ..
                    } => Outcome::Alerted {
                        live,
                        reason: AlertReason::ChampionGate {
                            candidate: version,
                            score,
                            threshold,
                            live_score: g.live_score,
                            margin: g.margin,
                        },
                    },
                    _ => Outcome::Alerted {
                        live,
                        reason: AlertReason::BelowThreshold {
                            candidate: version,
                            score,
                            threshold,
                        },
                    },
                });
                let model_var = if passed {
                    ModelVar::PassedCheck(version)
                } else {
                    ModelVar::FailedCheck(version)
                };
                (check, model_var, PerfVar::Candidate { score, threshold })
            }
            _ => {
                let skip = self.no_candidate();
                let performance = match (skip, self.live_scores) {
                    (Skip::NotTriggered, Some(s)) => PerfVar::Live {
                        score: s.accuracy,
                        threshold,
                    },
                    _ => PerfVar::NotApplicable,
                };
                let model_var = match skip {
                    Skip::NotTriggered => ModelVar::LiveNoCandidate(live),
                    _ => ModelVar::NoNewModel(live),
                };
                (CheckStep::Skipped(skip), model_var, performance)
            }
        };
        self.tracker.after_check = Some(TrackerColumn {
            model: model_var,
            data: self.new_data(),
            performance,
        });
        self.record(StepKind::CheckPerformance, StepFact::Check(check))
    }

    fn step_deploy_or_alert(&mut self) -> StepRecord {
        // Every path through steps 3, 4 and 6 decided; this fallback (an alert
        // with no candidate) only guards against a broken invariant.
        let outcome = self.outcome.clone().unwrap_or(Outcome::Alerted {
            live: self.live,
            reason: AlertReason::TrainingFailed {
                why: TrainError::TooFewRows {
                    rows: 0,
                    min: crate::sim::ml::train::MIN_TRAIN_ROWS,
                },
            },
        });
        match &outcome {
            Outcome::Deployed { version, .. } => {
                self.registry.promote_at(*version, self.cycle);
                self.live = *version;
                // The new model's errors are a new stream for the detectors.
                self.trigger_state.reset();
            }
            Outcome::Alerted { .. } => {
                if let Some(v) = self.candidate {
                    self.registry.reject(v);
                }
            }
            Outcome::Kept { .. } => {}
        }
        self.record(StepKind::DeployOrAlert, StepFact::DeployOrAlert(outcome))
    }

    fn step_repeat(&mut self) -> StepRecord {
        let threshold = self.params.threshold;
        let live = self.live;
        let outcome = self.outcome.clone().unwrap_or_else(|| Outcome::Kept {
            live,
            reason: KeptReason::NotTriggered {
                trigger: self.params.trigger.clone(),
                why: TriggerEval {
                    fired: false,
                    cause: crate::sim::retraining::triggers::TriggerCause::Never,
                },
            },
        });
        let deployed = outcome.is_deploy();
        let final_perf = if deployed {
            self.candidate_scores
        } else {
            self.live_scores
        };
        self.tracker.finish = Some(TrackerColumn {
            model: ModelVar::Live(live),
            data: self.new_data(),
            performance: final_perf.map_or(PerfVar::NotApplicable, |s| PerfVar::Candidate {
                score: s.accuracy,
                threshold,
            }),
        });
        let live_before = self.live_at_start;
        // What this cycle's training cost, as its registry entry records it.
        let retrain_cost = self
            .candidate
            .and_then(|v| self.registry.get(v))
            .and_then(|v| v.cost);
        self.summaries.push(CycleSummary {
            cycle: self.cycle,
            drift: self.drift,
            live_before,
            live_score: self.live_true.map_or(0.0, |s| s.accuracy),
            v1_score: self.v1_scores.map_or(0.0, |s| s.accuracy),
            candidate: self.candidate,
            candidate_score: self.candidate_scores.map(|s| s.accuracy),
            live_after: live,
            threshold,
            window: self.window,
            trigger: self.trigger_eval.clone(),
            fault: self.applied_fault,
            outcome: outcome.clone(),
            best_possible: self.best_possible,
            measured: self
                .tracker
                .labels
                .came_in
                .map(|(_, newest)| newest)
                .zip(self.live_scores)
                .map(|(on_cycle, s)| Measured {
                    on_cycle,
                    score: s.accuracy,
                }),
            label_delay: self.tracker.labels.delay,
            retrain_cost,
            expected: self.expected_arrival.map(|(live, v1, rows)| Expected {
                live,
                v1,
                candidate: self
                    .candidate
                    .and_then(|c| self.model(c))
                    .map(|m| expected_accuracy(m, &self.drift, self.params.label_noise)),
                holdout_rows: rows as u32,
            }),
        });
        keep_newest(&mut self.summaries, HISTORY_CYCLES);
        self.totals.cycles += 1;
        self.totals.retrains += u32::from(self.candidate.is_some());
        self.totals.cost += retrain_cost.map_or(Cost::ZERO, |c| c.total());
        self.totals.deploys += u32::from(deployed);
        let models = &self.models;
        self.registry.forget_old(HISTORY_CYCLES, |v| {
            v == 1 || v == live || models.iter().any(|(m, _)| *m == v)
        });
        let row = self.record(StepKind::Repeat, StepFact::Repeat { live });
        self.records.push_back(CycleRecord {
            cycle: self.cycle,
            rows: self.rows.clone(),
            tracker: self.tracker.clone(),
            outcome,
            batch: subsample(&self.newest, RECORD_POINTS),
            drift: self.drift,
            live_before,
            candidate: self.candidate,
            live_after: live,
            below_half: self.below_half.clone(),
        });
        while self.records.len() > MAX_RECORDS {
            self.records.pop_front();
        }
        row
    }
}
