//! The eight steps of the lesson's process table, by name and number: the
//! vocabulary both the steps' facts ([`super::steps`]) and the outcome
//! ([`super::outcome`], which names the step that decided) share.

use serde::{Deserialize, Serialize};

/// The eight steps of the lesson's process table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StepKind {
    /// 1: the live model is ready.
    Start,
    /// 2: a new batch arrives.
    CollectData,
    /// 3: retraining is triggered (or not).
    TriggerRetraining,
    /// 4: a candidate is trained on the window.
    Train,
    /// 5: the candidate is scored on the hold-out slice.
    Evaluate,
    /// 6: `performance > threshold`?
    CheckPerformance,
    /// 7: deploy the candidate, alert the team, or keep the live model.
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
