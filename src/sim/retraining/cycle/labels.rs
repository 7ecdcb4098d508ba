//! Late labels: batches wait in a queue until their labels come in (a label
//! delay), what the team can estimate of a batch before they do (and the
//! alert on an estimated drop), and the training parts of labelled batches,
//! kept, bounded, for the training windows and the validation reference to
//! read.

use super::Simulation;
use crate::sim::params::{RetrainTrigger, SimParams, TrainingWindow, MAX_WINDOW_ROWS};
use crate::sim::retraining::history::{keep_newest, Estimated, HISTORY_CYCLES};
use crate::sim::retraining::outcome::EstimateAlert;
use crate::sim::retraining::registry::WindowInfo;
use crate::sim::retraining::validate::{validate_batch, ValidationFailure, ValidationReport};
use crate::sim::stream::Batch;

impl Simulation {
    /// Labels of every batch at least `label_delay` cycles old come in now:
    /// each is checked (when validation is on), scored against the live
    /// model's predictions and, unless quarantined, its training part is
    /// stored. `so_far` gathers the checks, failures and agreement; returns
    /// the first and last cycle whose labels came in, and the live model's
    /// errors on them (1.0 wrong, 0.0 right) for the detectors.
    pub(super) fn labels_come_in(
        &mut self,
        p: &SimParams,
        reference: &[[f64; 2]],
        so_far: &mut ValidationReport,
    ) -> (Option<(u32, u32)>, Vec<f64>) {
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
                let report = validate_batch(b, reference, predictions.as_deref(), previous);
                so_far.checks = report.checks;
                so_far.agreement = report.agreement;
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
                so_far.failures.extend(new);
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
        (came_in, errors)
    }

    /// The live model's accuracy on the arriving rows `x`, estimated from
    /// their inputs alone, while labels arrive late (or the trigger reads
    /// it); with the alert on an estimated drop on, a drop of at least its
    /// amount below the model's hold-out accuracy alerts the team now,
    /// before any label of the batch is in. `None` when not needed.
    pub(super) fn estimate_arrival(&mut self, p: &SimParams, x: &[[f64; 2]]) -> Option<Estimated> {
        let wanted = p.label_delay > 0 || p.trigger == RetrainTrigger::EstimatedDrop;
        if !wanted {
            return None;
        }
        let live = self.live;
        let calibration = self.calibration(live)?;
        let score = calibration.estimate(self.model(live)?, x)?;
        let reference = calibration.holdout_accuracy;
        let alerted = match p.estimate_alert {
            Some(drop) => score.is_finite() && reference.is_finite() && reference - score >= drop,
            None => false,
        };
        let estimated = Estimated {
            score,
            live,
            reference,
            alert_drop: p.estimate_alert,
            alerted,
        };
        if alerted {
            self.estimate_alerts.push(EstimateAlert {
                cycle: self.cycle,
                live,
                estimate: score,
                reference,
                drop: p.estimate_alert.unwrap_or(0.0),
            });
            keep_newest(&mut self.estimate_alerts, HISTORY_CYCLES);
            self.totals.estimate_alerts += 1;
        }
        Some(estimated)
    }

    /// Rows of the live model's training window that are still stored (the
    /// reference for validation and the KS test).
    pub(super) fn live_reference(&self) -> Vec<[f64; 2]> {
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
    pub(super) fn build_window(&self) -> (Batch, WindowInfo) {
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
}
