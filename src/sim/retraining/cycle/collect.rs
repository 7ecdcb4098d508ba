//! Step 2, collect new data: the next batch arrives (drawn, or read from the
//! teacher's data), faults and input checks apply, the labels that are due
//! come in, and the trigger looks at what the team can see.

use super::{Awaiting, Simulation};
use crate::sim::ml::evaluate::evaluate;
use crate::sim::ml::truth::{best_accuracy, expected_accuracy};
use crate::sim::retraining::input_drift::InputDrift;
use crate::sim::retraining::step_kind::StepKind;
use crate::sim::retraining::steps::{Labels, StepFact, StepRecord};
use crate::sim::retraining::triggers::{Observation, Sensitivity};
use crate::sim::retraining::validate::{validate_batch, ValidationReport};
use crate::sim::stream::csv_data::Streaming;
use crate::sim::stream::drift::{drift_at, DriftState};
use crate::sim::stream::generate_batch;

impl Simulation {
    pub(super) fn step_collect(&mut self) -> StepRecord {
        let p = self.params.get().clone();
        self.drift = drift_at(&p, self.cycle);
        let mut batch = match &self.user_data {
            Some(d) => {
                self.drift = DriftState::none(self.cycle);
                let b = d.batch(self.cycle, self.cursor, p.batch_size, p.holdout_fraction);
                self.cursor = match d.streaming {
                    Streaming::WrapAround => (self.cursor + p.batch_size) % d.data.rows.max(1),
                    Streaming::History | Streaming::Ordered => self.cursor + p.batch_size,
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
        self.estimated = self.estimate_arrival(&p, &batch.x);
        // What a monitoring dashboard shows of the inputs, labels or not.
        self.input_drift = self
            .explains
            .then(|| InputDrift::measure(self.cycle, &reference, &batch.x, p.ks_alpha));
        let mut checks = Vec::new();
        let mut failures = Vec::new();
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
        let mut so_far = ValidationReport {
            checks,
            failures,
            agreement: None,
        };
        let (came_in, errors) = self.labels_come_in(&p, &reference, &mut so_far);
        self.validation = p.validate_data.then_some(so_far);
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
            estimated_accuracy: self.estimated.map(|e| e.score),
            label_delay: p.label_delay,
            threshold: p.threshold,
            reference: &reference,
            new_rows: &batch.x,
            minutes_per_cycle: p.minutes_per_cycle,
            sensitivity: Sensitivity::of(&p),
        };
        self.trigger_eval = Some(self.trigger_state.evaluate_with_floor(
            &p.trigger,
            p.performance_floor,
            &observation,
        ));
        self.newest = batch;
        let fact = StepFact::Collect {
            rows: self.newest.len(),
            drift: Some((self.drift, p.drift_kind)),
            live: self.live,
            live_score: self.live_scores.map(|s| s.accuracy),
            fault: self.applied_fault,
            labels: self.tracker.labels,
        };
        self.record(StepKind::CollectData, fact)
    }
}
