//! The eight steps of the lesson's loop and what each one saw and produced, as
//! typed facts. The words of the process table and the status tracker are
//! rendered from these facts in one place ([`crate::sim::wording`]); nothing reads a
//! cycle's result back out of text.
//!
//! This file sits below both the cycle state machine and the history, so the
//! two never import each other.

use serde::{Deserialize, Serialize};

use crate::sim::ml::train::TrainError;
use crate::sim::params::DriftKind;
use crate::sim::retraining::outcome::{GateCheck, Outcome};
use crate::sim::retraining::registry::WindowInfo;
use crate::sim::retraining::step_kind::StepKind;
use crate::sim::retraining::triggers::TriggerEval;
use crate::sim::retraining::validate::{Fault, ValidationFailure};
use crate::sim::stream::drift::DriftState;

/// Why a step had nothing to do: retraining did not run this cycle, or it ran
/// and produced no candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Skip {
    /// The trigger did not fire: the live model is kept, no alert.
    NotTriggered,
    /// The batch failed data validation and was set aside: the team is alerted.
    ValidationFailed,
    /// Training ran but produced no model: the team is alerted.
    TrainingFailed,
}

/// What step 3 decided.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum TriggerStep {
    /// The trigger fired: training starts.
    Fired(TriggerEval),
    /// The trigger did not fire: the live model stays, no alert.
    NotFired(TriggerEval),
    /// The batch failed data validation: it is set aside and the team alerted.
    Blocked(Vec<ValidationFailure>),
}

/// What step 4 produced.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum TrainStep {
    /// A candidate was trained on the window.
    Trained {
        /// The candidate's version.
        version: u32,
        /// The rows it was trained on.
        window: WindowInfo,
    },
    /// Training ran on the window but failed.
    Failed {
        /// Why.
        why: TrainError,
        /// The rows it tried.
        window: WindowInfo,
    },
    /// Nothing was trained.
    Skipped(Skip),
}

/// What step 5 measured.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum EvaluateStep {
    /// The candidate was scored on the hold-out slice.
    Scored {
        /// The candidate.
        version: u32,
        /// Its accuracy.
        score: f64,
        /// The threshold in force (for formatting the score honestly).
        threshold: f64,
    },
    /// No candidate (not retrained): the live model's score on the new data.
    LiveOnly {
        /// The live version.
        live: u32,
        /// Its accuracy on the new hold-out slice.
        score: f64,
        /// The threshold in force.
        threshold: f64,
    },
    /// Nothing to evaluate.
    Skipped(Skip),
}

/// What step 6 checked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum CheckStep {
    /// The candidate's score was compared with the threshold (and the live
    /// model, when the champion/challenger gate is on).
    Judged {
        /// The candidate.
        version: u32,
        /// Its accuracy.
        score: f64,
        /// The threshold.
        threshold: f64,
        /// True when `score > threshold`.
        above: bool,
        /// The champion/challenger gate, when on.
        gate: Option<GateCheck>,
    },
    /// There was no candidate to check.
    Skipped(Skip),
}

impl CheckStep {
    /// True when the candidate passed every gate.
    pub fn passed(&self) -> bool {
        match self {
            CheckStep::Judged { above, gate, .. } => *above && gate.is_none_or(|g| g.passed),
            CheckStep::Skipped(_) => false,
        }
    }
}

/// What one step saw and produced: the typed content of a process-table row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum StepFact {
    /// Step 1.
    Start {
        /// The live version.
        live: u32,
        /// True in cycle 1 (v1 has just been trained).
        first: bool,
    },
    /// Step 2.
    Collect {
        /// Rows in the new batch.
        rows: usize,
        /// The drift it was drawn under and its kind (`None` in the team's
        /// view: only the simulator knows them).
        drift: Option<(DriftState, DriftKind)>,
        /// The live version.
        live: u32,
        /// The live model's accuracy on the newest labelled hold-out slice
        /// (the new batch's own when labels arrive at once; `None` while no
        /// labels came in this cycle).
        live_score: Option<f64>,
        /// A fault injected into the batch.
        fault: Option<Fault>,
        /// Which labels came in and which are still out.
        #[serde(default)]
        labels: Labels,
    },
    /// Step 3.
    Trigger {
        /// The live version.
        live: u32,
        /// What the trigger (and the validation gate) decided.
        decision: TriggerStep,
    },
    /// Step 4.
    Train(TrainStep),
    /// Step 5.
    Evaluate(EvaluateStep),
    /// Step 6.
    Check(CheckStep),
    /// Step 7: what the cycle decided.
    DeployOrAlert(Outcome),
    /// Step 8.
    Repeat {
        /// The version live after the cycle.
        live: u32,
    },
}

/// Where the labels stand after a batch arrived: a batch's inputs arrive at
/// once, its labels `delay` cycles later.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Labels {
    /// Cycles labels arrive late (0: with their batch).
    pub delay: u32,
    /// The batches (first and last cycle) whose labels came in this cycle;
    /// cycle 0 is the initial data. `None`: no labels came in.
    pub came_in: Option<(u32, u32)>,
    /// The batches (first and last cycle) whose labels are still out.
    pub pending: Option<(u32, u32)>,
}

impl Labels {
    /// True when labels arrive with their batch and none are out: nothing to say.
    pub fn at_once(&self) -> bool {
        self.delay == 0 && self.pending.is_none()
    }
}

/// One row of the process table: its step and the typed facts behind it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepRecord {
    /// The cycle (1-based).
    pub cycle: u32,
    /// Which step.
    pub kind: StepKind,
    /// What it saw and produced.
    pub fact: StepFact,
}

impl StepRecord {
    /// 1..=8.
    pub fn step(&self) -> u8 {
        self.kind.number()
    }
}

/// The model variable of the status tracker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ModelVar {
    /// v1, just trained (cycle 1's start).
    Trained(u32),
    /// The live model.
    Live(u32),
    /// A candidate just trained.
    Retrained(u32),
    /// Retraining did not run: the live model, not retrained.
    NotRetrained(u32),
    /// Retraining ran but gave no model: the live model stays.
    NoNewModel(u32),
    /// The candidate passed the check.
    PassedCheck(u32),
    /// The candidate failed the check.
    FailedCheck(u32),
    /// The live model, with no candidate to check.
    LiveNoCandidate(u32),
}

/// The data variable of the status tracker.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum DataVar {
    /// The initial training data.
    Initial,
    /// What the live model was trained on.
    TrainedOn(WindowInfo),
    /// The new batch, not used for training (retraining did not run).
    NewNotUsed,
    /// The new batch, set aside by data validation.
    SetAside,
    /// The new batch within this training window.
    NewWindow(WindowInfo),
}

/// The performance variable of the status tracker.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum PerfVar {
    /// Nothing measured.
    NotApplicable,
    /// The live model's accuracy when it was judged.
    WhenJudged(f64),
    /// Nothing will be evaluated this cycle.
    NotEvaluated,
    /// Evaluated at step 5.
    NotEvaluatedYet,
    /// The candidate's accuracy.
    Candidate {
        /// Accuracy.
        score: f64,
        /// The threshold it is compared with.
        threshold: f64,
    },
    /// The live model's accuracy on the new data.
    Live {
        /// Accuracy.
        score: f64,
        /// The threshold in force.
        threshold: f64,
    },
}

/// One column of the status tracker.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrackerColumn {
    /// The model variable.
    pub model: ModelVar,
    /// The data variable.
    pub data: DataVar,
    /// The performance variable.
    pub performance: PerfVar,
}

/// The lesson's status tracker for a cycle; a column is `None` until the cycle
/// reaches it.
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
    /// Where the labels stand this cycle (from step 2 on).
    #[serde(default)]
    pub labels: Labels,
}

/// The last row of `kind` among `rows`.
pub fn row_of(rows: &[StepRecord], kind: StepKind) -> Option<&StepRecord> {
    rows.iter().rev().find(|r| r.kind == kind)
}
