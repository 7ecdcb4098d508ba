//! The model store: the fitted models a run keeps (v1, the live one, this
//! cycle's candidate and the newest others, up to [`MAX_KEPT_MODELS`]), what a
//! kept version scores and draws, rollback to one, and why the live model
//! scored below 0.5.

use super::{RollbackError, Simulation, MAX_KEPT_MODELS};
use crate::sim::ml::estimate::Calibration;
use crate::sim::ml::evaluate::{evaluate, Scores};
use crate::sim::ml::train::{DecisionGrid, LinearBoundary, TrainedModel};
use crate::sim::retraining::below_half::{BelowHalf, Evidence};
use crate::sim::retraining::outcome::{AlertReason, Outcome};
use crate::sim::retraining::registry::VersionStatus;
use crate::sim::retraining::step_kind::StepKind;
use crate::sim::stream::drift::DriftState;

impl Simulation {
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

    /// How a kept version estimates its accuracy from inputs alone.
    pub(super) fn calibration(&self, version: u32) -> Option<&Calibration> {
        self.calibrations
            .iter()
            .find(|(v, _)| *v == version)
            .map(|(_, c)| c)
    }

    pub(super) fn model(&self, version: u32) -> Option<&TrainedModel> {
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

    /// The drift of each batch `version` was trained on that is still known
    /// (the newest [`HISTORY_CYCLES`](crate::sim::retraining::history::HISTORY_CYCLES) cycles and the initial data), leaving out
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
    pub(super) fn diagnose_live(&mut self) -> Option<BelowHalf> {
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

    /// Frees the oldest fitted models beyond [`MAX_KEPT_MODELS`], never v1, the
    /// live one or this cycle's candidate.
    pub(super) fn evict_models(&mut self) {
        while self.models.len() > MAX_KEPT_MODELS + 2 {
            let keep = |v: u32| v == 1 || v == self.live || Some(v) == self.candidate;
            match self.models.iter().position(|(v, _)| !keep(*v)) {
                Some(i) => {
                    let (gone, _) = self.models.remove(i);
                    self.calibrations.retain(|(v, _)| *v != gone);
                }
                None => break,
            }
        }
    }
}
