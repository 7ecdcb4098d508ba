//! What a cycle decided, as data: a candidate deployed, the team alerted (and
//! why), or the live model kept because retraining did not run. Every view,
//! the visual quiz and prediction grading read this; the words live in
//! [`crate::sim::wording`].

use serde::{Deserialize, Serialize};

use crate::sim::ml::train::TrainError;
use crate::sim::params::RetrainTrigger;
use crate::sim::retraining::step_kind::StepKind;
use crate::sim::retraining::triggers::TriggerEval;
use crate::sim::retraining::validate::ValidationFailure;

/// The three ways a cycle can end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OutcomeKind {
    /// A candidate went live.
    Deploy,
    /// The team was alerted; the live model stays.
    Alert,
    /// Retraining did not run; the live model stays and nobody is alerted.
    Kept,
}

impl OutcomeKind {
    /// All three, in the order the page offers them.
    pub const ALL: [OutcomeKind; 3] = [OutcomeKind::Deploy, OutcomeKind::Alert, OutcomeKind::Kept];
}

/// Why the team was alerted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum AlertReason {
    /// The candidate scored at or below the threshold.
    BelowThreshold {
        /// The rejected candidate.
        candidate: u32,
        /// Its accuracy.
        score: f64,
        /// The threshold.
        threshold: f64,
    },
    /// The candidate passed the threshold but did not beat the live model by the
    /// champion/challenger margin.
    ChampionGate {
        /// The rejected candidate.
        candidate: u32,
        /// Its accuracy.
        score: f64,
        /// The threshold it passed.
        threshold: f64,
        /// The live model's accuracy on the same hold-out rows.
        live_score: f64,
        /// The margin required.
        margin: f64,
    },
    /// No candidate could be trained.
    TrainingFailed {
        /// Why.
        why: TrainError,
    },
    /// The new batch failed data validation: it was set aside and retraining skipped.
    ValidationFailed {
        /// The checks that failed.
        failures: Vec<ValidationFailure>,
    },
}

/// Why the live model was kept without an alert.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum KeptReason {
    /// The retraining trigger did not fire this cycle.
    NotTriggered {
        /// The trigger policy in force.
        trigger: RetrainTrigger,
        /// What it saw.
        why: TriggerEval,
    },
}

/// What a cycle decided.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Outcome {
    /// The candidate went live.
    Deployed {
        /// The new live version.
        version: u32,
        /// Its accuracy.
        score: f64,
        /// The threshold it passed.
        threshold: f64,
        /// The version it replaced.
        replaced: u32,
        /// The champion/challenger comparison, when that gate is on.
        gate: Option<GateCheck>,
    },
    /// The team was alerted; `live` stays live.
    Alerted {
        /// The version that stays live.
        live: u32,
        /// Why.
        reason: AlertReason,
    },
    /// Retraining did not run; `live` stays live and nobody is alerted.
    Kept {
        /// The version that stays live.
        live: u32,
        /// Why.
        reason: KeptReason,
    },
}

impl Outcome {
    /// Deploy, alert or kept.
    pub fn kind(&self) -> OutcomeKind {
        match self {
            Outcome::Deployed { .. } => OutcomeKind::Deploy,
            Outcome::Alerted { .. } => OutcomeKind::Alert,
            Outcome::Kept { .. } => OutcomeKind::Kept,
        }
    }

    /// True for a deploy.
    pub fn is_deploy(&self) -> bool {
        self.kind() == OutcomeKind::Deploy
    }

    /// The version live after the cycle.
    pub fn live_after(&self) -> u32 {
        match self {
            Outcome::Deployed { version, .. } => *version,
            Outcome::Alerted { live, .. } | Outcome::Kept { live, .. } => *live,
        }
    }

    /// The step whose result decided the cycle: step 3 when retraining did
    /// not run (trigger or validation), step 4 when training failed, step 6
    /// when a candidate was judged. Step 7 only carries the decision out.
    pub fn decided_at(&self) -> StepKind {
        match self {
            Outcome::Deployed { .. }
            | Outcome::Alerted {
                reason: AlertReason::BelowThreshold { .. } | AlertReason::ChampionGate { .. },
                ..
            } => StepKind::CheckPerformance,
            Outcome::Alerted {
                reason: AlertReason::TrainingFailed { .. },
                ..
            } => StepKind::Train,
            Outcome::Alerted {
                reason: AlertReason::ValidationFailed { .. },
                ..
            }
            | Outcome::Kept { .. } => StepKind::TriggerRetraining,
        }
    }

    /// The candidate this cycle trained and judged, if any.
    pub fn candidate(&self) -> Option<(u32, f64)> {
        match self {
            Outcome::Deployed { version, score, .. } => Some((*version, *score)),
            Outcome::Alerted {
                reason:
                    AlertReason::BelowThreshold {
                        candidate, score, ..
                    }
                    | AlertReason::ChampionGate {
                        candidate, score, ..
                    },
                ..
            } => Some((*candidate, *score)),
            _ => None,
        }
    }
}

/// An alert to the team.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Alert {
    /// The cycle it was raised in.
    pub cycle: u32,
    /// The version that stays live.
    pub live: u32,
    /// Why.
    pub reason: AlertReason,
}

/// An alert raised at step 2, before a batch's labels are in, beside
/// whatever the cycle decides (so never a cycle's [`Outcome`]): the live
/// model's estimated accuracy on the batch (`ml::estimate`) fell at least
/// `drop` below its accuracy on its hold-out when it was trained (the alert
/// on an estimated drop, `SimParams::estimate_alert`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct EstimateAlert {
    /// The cycle it was raised in (its batch's).
    pub cycle: u32,
    /// The live version it is about.
    pub live: u32,
    /// The estimated accuracy on the new batch.
    pub estimate: f64,
    /// The live model's accuracy on its hold-out when it was trained.
    pub reference: f64,
    /// The drop that alerts.
    pub drop: f64,
}

impl Alert {
    /// The alert as the cycle's outcome.
    pub fn outcome(&self) -> Outcome {
        Outcome::Alerted {
            live: self.live,
            reason: self.reason.clone(),
        }
    }
}

/// The champion/challenger comparison of a candidate with the live model.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct GateCheck {
    /// The live model's accuracy on the same hold-out rows.
    pub live_score: f64,
    /// The margin the candidate must beat it by.
    pub margin: f64,
    /// True when `score ≥ live_score + margin`.
    pub passed: bool,
}
