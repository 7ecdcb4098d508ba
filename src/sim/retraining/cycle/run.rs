//! Running the eight steps: one at a time or whole cycles, and every step
//! but the second (collecting data, in `collect.rs`): start, trigger, train,
//! evaluate, check, deploy or alert, and repeat, which closes the cycle's
//! summary and record.

use super::Simulation;
use crate::sim::ml::estimate::calibrate;
use crate::sim::ml::evaluate::{evaluate, Scores};
use crate::sim::ml::train::{train_from, TrainError};
use crate::sim::ml::truth::expected_accuracy;
use crate::sim::retraining::cost::{Cost, RetrainCost};
use crate::sim::retraining::history::{
    keep_newest, subsample, CycleRecord, CycleSummary, Expected, Measured, HISTORY_CYCLES,
    MAX_RECORDS, RECORD_POINTS,
};
use crate::sim::retraining::outcome::GateCheck;
use crate::sim::retraining::outcome::{Alert, AlertReason, KeptReason, Outcome};
use crate::sim::retraining::registry::{ModelVersion, VersionStatus};
use crate::sim::retraining::step_kind::StepKind;
use crate::sim::retraining::steps::{
    CheckStep, DataVar, EvaluateStep, ModelVar, PerfVar, Skip, StepFact, StepRecord, Tracker,
    TrackerColumn, TrainStep, TriggerStep,
};
use crate::sim::retraining::triggers::TriggerEval;

impl Simulation {
    pub(super) fn record(&mut self, kind: StepKind, fact: StepFact) -> StepRecord {
        let r = StepRecord {
            cycle: self.cycle,
            kind,
            fact,
        };
        self.rows.push(r.clone());
        r
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
        self.estimated = None;
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
                let calibration = calibrate(&model, &data, &self.holdout);
                self.calibrations.push((version, calibration));
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
            estimated: self.estimated,
            input_drift: self.input_drift,
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
