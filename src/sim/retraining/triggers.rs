//! Deciding whether a cycle retrains: every cycle, on a cron schedule over the
//! simulated clock, when a drift detector fires, or when the live model's
//! accuracy drops below the threshold. Each decision comes with what the
//! trigger saw (the detector's statistic, the schedule's times) as data; the
//! words are rendered by [`crate::sim::wording`].

use serde::{Deserialize, Serialize};

use crate::sim::ml::detectors::{
    ks_per_feature, Adwin, AdwinConfig, PageHinkley, PageHinkleyConfig,
};
use crate::sim::params::{DetectorKind, RetrainTrigger, SimParams};
use crate::sim::retraining::cron::{CronError, CronPattern, CronSchedule, SimTime};

/// The p-value below which the KS test calls the inputs drifted, by default
/// (the setting [`SimParams::ks_alpha`] changes it).
pub const KS_ALPHA: f64 = 0.05;

/// The detectors' sensitivity settings in force: ADWIN's δ, Page-Hinkley's
/// threshold λ and the KS test's α.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sensitivity {
    /// ADWIN's δ.
    pub adwin_delta: f64,
    /// Page-Hinkley's λ.
    pub page_hinkley_threshold: f64,
    /// The KS test's α.
    pub ks_alpha: f64,
}

impl Default for Sensitivity {
    /// The detectors' own defaults (River's δ and λ, α = [`KS_ALPHA`]), which
    /// are also the settings table's.
    fn default() -> Self {
        Sensitivity {
            adwin_delta: AdwinConfig::default().delta,
            page_hinkley_threshold: PageHinkleyConfig::default().threshold,
            ks_alpha: KS_ALPHA,
        }
    }
}

impl Sensitivity {
    /// The sensitivities of `params`.
    pub fn of(params: &SimParams) -> Self {
        Sensitivity {
            adwin_delta: params.adwin_delta,
            page_hinkley_threshold: params.page_hinkley_threshold,
            ks_alpha: params.ks_alpha,
        }
    }
}

fn default_adwin_delta() -> f64 {
    Sensitivity::default().adwin_delta
}

fn default_ks_alpha() -> f64 {
    KS_ALPHA
}

/// What a trigger saw when it decided, as data (the words are rendered by
/// [`crate::sim::wording`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum TriggerCause {
    /// The lesson's loop: every batch retrains.
    EveryCycle,
    /// The baseline policy: never retrain.
    Never,
    /// The cron schedule could not be read.
    ScheduleInvalid {
        /// The schedule as typed.
        schedule: String,
        /// What is wrong with it.
        error: CronError,
    },
    /// A cron schedule over the simulated clock.
    Schedule {
        /// The schedule as typed.
        schedule: String,
        /// Its shape, which the page words.
        pattern: CronPattern,
        /// The simulated clock at the end of this cycle.
        clock: SimTime,
        /// When it fired during this cycle, if it did.
        fired_at: Option<SimTime>,
        /// When it fires next (`None`: never again).
        next: Option<SimTime>,
    },
    /// The live model's accuracy on new labelled data, against the threshold.
    PerformanceDrop {
        /// Live accuracy.
        live: f64,
        /// The threshold.
        threshold: f64,
    },
    /// The live model's accuracy on the new batch estimated from its inputs
    /// alone, against the threshold: fires before labels arrive.
    EstimatedDrop {
        /// The estimate (`None`: none could be made, so it does not fire).
        estimate: Option<f64>,
        /// The threshold.
        threshold: f64,
    },
    /// The performance floor, a second trigger: the main trigger did not fire,
    /// but the live model's accuracy is below the threshold.
    PerformanceFloor {
        /// Live accuracy.
        live: f64,
        /// The threshold.
        threshold: f64,
    },
    /// ADWIN on the live model's error stream.
    Adwin {
        /// Errors in its window.
        width: u64,
        /// Their mean (the error rate).
        mean_error: f64,
        /// Its δ.
        #[serde(default = "default_adwin_delta")]
        delta: f64,
    },
    /// Page-Hinkley on the live model's error stream.
    PageHinkley {
        /// Its cumulative deviation.
        statistic: f64,
        /// The level at which it fires.
        threshold: f64,
    },
    /// A trigger that needs labels had none: the labels of every batch since
    /// the last one still arrive later. Input-only tests (KS) never wait.
    AwaitingLabels {
        /// Cycles labels arrive late.
        delay: u32,
        /// The trigger is the performance floor (beside the main trigger).
        floor: bool,
    },
    /// The two-sample Kolmogorov–Smirnov test, per feature, training rows vs
    /// the new batch.
    KsTest {
        /// D statistic per feature.
        statistic: [f64; 2],
        /// p-value per feature.
        p_value: [f64; 2],
        /// The level below which a p-value means drift.
        #[serde(default = "default_ks_alpha")]
        alpha: f64,
    },
}

/// Whether this cycle's trigger fired, and what it saw.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TriggerEval {
    /// True when retraining runs this cycle.
    pub fired: bool,
    /// What the trigger saw.
    pub cause: TriggerCause,
}

impl TriggerEval {
    /// True when the performance floor, not the main trigger, fired.
    pub fn cause_is_floor(&self) -> bool {
        matches!(self.cause, TriggerCause::PerformanceFloor { .. })
    }
}

/// What the trigger sees of one new batch.
pub struct Observation<'a> {
    /// The cycle.
    pub cycle: u32,
    /// The live model's errors on the rows whose labels came in this cycle
    /// (1.0 = wrong; the new batch's own rows when labels arrive at once).
    pub errors: &'a [f64],
    /// The live model's accuracy on the newest labelled hold-out slice;
    /// `None` while no labels have come in yet (a label delay).
    pub live_accuracy: Option<f64>,
    /// The live model's accuracy on the new batch estimated from its inputs
    /// alone (`ml::estimate`), when the cycle computed it.
    pub estimated_accuracy: Option<f64>,
    /// Cycles labels arrive late (0: with their batch).
    pub label_delay: u32,
    /// The deploy threshold.
    pub threshold: f64,
    /// The rows the live model was trained on (for the KS test).
    pub reference: &'a [[f64; 2]],
    /// The new batch's rows.
    pub new_rows: &'a [[f64; 2]],
    /// Simulated minutes per cycle.
    pub minutes_per_cycle: u32,
    /// The detectors' sensitivities.
    pub sensitivity: Sensitivity,
}

/// The trigger's memory across cycles: the detectors' state.
#[derive(Clone, Debug, Default)]
pub struct TriggerState {
    adwin: Adwin,
    page_hinkley: PageHinkley,
}

/// The simulated time at the end of `cycle`.
pub fn clock_at(cycle: u32, minutes_per_cycle: u32) -> SimTime {
    SimTime(u64::from(cycle) * u64::from(minutes_per_cycle))
}

impl TriggerState {
    /// Forgets the error stream, e.g. after a new model goes live (its errors are
    /// a different stream).
    pub fn reset(&mut self) {
        *self = TriggerState::default();
    }

    /// Decides whether `trigger` fires for this observation; with `floor`, a
    /// trigger that did not fire is overruled when the live model's accuracy
    /// is below the threshold (the detectors still see the batch, so their
    /// state moves on as it would without the floor).
    pub fn evaluate_with_floor(
        &mut self,
        trigger: &RetrainTrigger,
        floor: bool,
        obs: &Observation<'_>,
    ) -> TriggerEval {
        let eval = self.evaluate(trigger, obs);
        let applies = floor && !matches!(trigger, RetrainTrigger::Never);
        if eval.fired || !applies {
            return eval;
        }
        match obs.live_accuracy {
            Some(live) if live < obs.threshold => TriggerEval {
                fired: true,
                cause: TriggerCause::PerformanceFloor {
                    live,
                    threshold: obs.threshold,
                },
            },
            // The main trigger saw something (a schedule, a quiet detector):
            // keep its cause, unless it too waited and the floor is the news.
            None if !matches!(eval.cause, TriggerCause::AwaitingLabels { .. }) => eval,
            None => TriggerEval {
                fired: false,
                cause: TriggerCause::AwaitingLabels {
                    delay: obs.label_delay,
                    floor: true,
                },
            },
            Some(_) => eval,
        }
    }

    /// Decides whether `trigger` fires for this observation.
    pub fn evaluate(&mut self, trigger: &RetrainTrigger, obs: &Observation<'_>) -> TriggerEval {
        match trigger {
            RetrainTrigger::EveryCycle => TriggerEval {
                fired: true,
                cause: TriggerCause::EveryCycle,
            },
            RetrainTrigger::Never => TriggerEval {
                fired: false,
                cause: TriggerCause::Never,
            },
            RetrainTrigger::Schedule(text) => Self::schedule(text, obs),
            RetrainTrigger::PerformanceDrop => match obs.live_accuracy {
                Some(live) => TriggerEval {
                    fired: live < obs.threshold,
                    cause: TriggerCause::PerformanceDrop {
                        live,
                        threshold: obs.threshold,
                    },
                },
                None => Self::awaiting(obs),
            },
            RetrainTrigger::EstimatedDrop => TriggerEval {
                fired: obs.estimated_accuracy.is_some_and(|e| e < obs.threshold),
                cause: TriggerCause::EstimatedDrop {
                    estimate: obs.estimated_accuracy,
                    threshold: obs.threshold,
                },
            },
            RetrainTrigger::DriftDetected(DetectorKind::Adwin | DetectorKind::PageHinkley)
                if obs.live_accuracy.is_none() =>
            {
                Self::awaiting(obs)
            }
            RetrainTrigger::DriftDetected(kind) => self.detect(*kind, obs),
        }
    }

    /// A label-dependent trigger with no labels this cycle: it cannot fire.
    fn awaiting(obs: &Observation<'_>) -> TriggerEval {
        TriggerEval {
            fired: false,
            cause: TriggerCause::AwaitingLabels {
                delay: obs.label_delay,
                floor: false,
            },
        }
    }

    fn schedule(text: &str, obs: &Observation<'_>) -> TriggerEval {
        let schedule = match CronSchedule::parse(text) {
            Ok(s) => s,
            Err(e) => {
                return TriggerEval {
                    fired: false,
                    cause: TriggerCause::ScheduleInvalid {
                        schedule: text.to_string(),
                        error: e,
                    },
                }
            }
        };
        let from = clock_at(obs.cycle.saturating_sub(1), obs.minutes_per_cycle);
        let to = clock_at(obs.cycle, obs.minutes_per_cycle);
        let fired_at = schedule.fires_between(from, to);
        TriggerEval {
            fired: fired_at.is_some(),
            cause: TriggerCause::Schedule {
                schedule: text.to_string(),
                pattern: schedule.pattern(),
                clock: to,
                fired_at,
                next: schedule.next_fire_after(to),
            },
        }
    }

    /// Starts a detector afresh when its sensitivity setting changed (a
    /// window read at another δ or λ means nothing at the new one).
    fn follow_settings(&mut self, s: Sensitivity) {
        if self.adwin.config().delta != s.adwin_delta {
            self.adwin = Adwin::new(AdwinConfig {
                delta: s.adwin_delta,
                ..AdwinConfig::default()
            })
            .unwrap_or_default();
        }
        if self.page_hinkley.threshold() != s.page_hinkley_threshold {
            self.page_hinkley = PageHinkley::new(PageHinkleyConfig {
                threshold: s.page_hinkley_threshold,
                ..PageHinkleyConfig::default()
            })
            .unwrap_or_default();
        }
    }

    fn detect(&mut self, kind: DetectorKind, obs: &Observation<'_>) -> TriggerEval {
        self.follow_settings(obs.sensitivity);
        match kind {
            DetectorKind::Adwin => {
                let mut detected = false;
                for &e in obs.errors {
                    detected |= self.adwin.update(e);
                }
                TriggerEval {
                    fired: detected,
                    cause: TriggerCause::Adwin {
                        width: self.adwin.width(),
                        mean_error: self.adwin.estimation(),
                        delta: self.adwin.config().delta,
                    },
                }
            }
            DetectorKind::PageHinkley => {
                let mut detected = false;
                for &e in obs.errors {
                    detected |= self.page_hinkley.update(e);
                }
                TriggerEval {
                    fired: detected,
                    cause: TriggerCause::PageHinkley {
                        statistic: self.page_hinkley.statistic(),
                        threshold: self.page_hinkley.threshold(),
                    },
                }
            }
            DetectorKind::KsTest => {
                let r = ks_per_feature(obs.reference, obs.new_rows);
                let min_p = r[0].p_value.min(r[1].p_value);
                let alpha = obs.sensitivity.ks_alpha;
                TriggerEval {
                    fired: min_p < alpha,
                    cause: TriggerCause::KsTest {
                        statistic: [r[0].statistic, r[1].statistic],
                        p_value: [r[0].p_value, r[1].p_value],
                        alpha,
                    },
                }
            }
        }
    }
}

// Native only: the core is tested natively (proptest and approx are native dev-dependencies).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn obs<'a>(cycle: u32, errors: &'a [f64], rows: &'a [[f64; 2]], acc: f64) -> Observation<'a> {
        Observation {
            cycle,
            errors,
            live_accuracy: Some(acc),
            estimated_accuracy: None,
            label_delay: 0,
            threshold: 0.8,
            reference: rows,
            new_rows: rows,
            minutes_per_cycle: 360,
            sensitivity: Sensitivity::default(),
        }
    }

    #[test]
    fn daily_schedule_fires_once_every_four_six_hour_cycles() {
        let mut st = TriggerState::default();
        let trigger = RetrainTrigger::Schedule("0 0 * * *".into());
        let fired: Vec<u32> = (1..=12)
            .filter(|&c| st.evaluate(&trigger, &obs(c, &[], &[], 0.9)).fired)
            .collect();
        assert_eq!(fired, [4, 8, 12]);
        let e = st.evaluate(&trigger, &obs(1, &[], &[], 0.9));
        let TriggerCause::Schedule { next, fired_at, .. } = e.cause else {
            panic!("a schedule cause")
        };
        assert_eq!(fired_at, None);
        assert!(next.unwrap().to_string().starts_with("2026-01-02 00:00"));
    }

    #[test]
    fn performance_drop_fires_below_the_threshold_only() {
        let mut st = TriggerState::default();
        let t = RetrainTrigger::PerformanceDrop;
        assert!(st.evaluate(&t, &obs(1, &[], &[], 0.79)).fired);
        let e = st.evaluate(&t, &obs(1, &[], &[], 0.80));
        assert!(!e.fired);
        assert!(matches!(
            e.cause,
            TriggerCause::PerformanceDrop { live, threshold } if live == 0.80 && threshold == 0.8
        ));
    }

    #[test]
    fn error_detectors_fire_on_a_jump_in_the_error_rate() {
        for kind in [DetectorKind::Adwin, DetectorKind::PageHinkley] {
            let mut st = TriggerState::default();
            let t = RetrainTrigger::DriftDetected(kind);
            // 10 % errors, deterministic pattern, then 60 %.
            let calm: Vec<f64> = (0..350).map(|i| f64::from(u8::from(i % 10 == 0))).collect();
            let bad: Vec<f64> = (0..350).map(|i| f64::from(u8::from(i % 5 < 3))).collect();
            for c in 1..=4 {
                let e = st.evaluate(&t, &obs(c, &calm, &[], 0.9));
                assert!(!e.fired, "{kind:?} false alarm at cycle {c}: {:?}", e.cause);
            }
            let e = st.evaluate(&t, &obs(5, &bad, &[], 0.4));
            assert!(e.fired, "{kind:?} missed the jump: {:?}", e.cause);
        }
    }
}
