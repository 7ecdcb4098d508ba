//! Deciding whether a cycle retrains: every cycle, on a cron schedule over the
//! simulated clock, when a drift detector fires, or when the live model's
//! accuracy drops below the threshold. Each decision comes with its reason and
//! the detector's statistic in plain words.

use serde::{Deserialize, Serialize};

use super::cron::{CronSchedule, SimTime};
use super::detectors::{ks_per_feature, Adwin, PageHinkley};
use super::params::{DetectorKind, RetrainTrigger};

/// The p-value below which the KS test calls the inputs drifted.
pub const KS_ALPHA: f64 = 0.05;

/// Whether this cycle's trigger fired, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TriggerEval {
    /// True when retraining runs this cycle.
    pub fired: bool,
    /// The reason in words, e.g. "ADWIN detected drift: …" or "not triggered: …".
    pub reason: String,
    /// The detector's or schedule's state in plain words, for the trigger panel.
    pub detail: String,
}

/// What the trigger sees of one new batch.
pub struct Observation<'a> {
    /// The cycle.
    pub cycle: u32,
    /// The live model's errors on the new labelled rows (1.0 = wrong).
    pub errors: &'a [f64],
    /// The live model's accuracy on the new hold-out slice.
    pub live_accuracy: f64,
    /// The deploy threshold.
    pub threshold: f64,
    /// The rows the live model was trained on (for the KS test).
    pub reference: &'a [[f64; 2]],
    /// The new batch's rows.
    pub new_rows: &'a [[f64; 2]],
    /// Simulated minutes per cycle.
    pub minutes_per_cycle: u32,
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

    /// Decides whether `trigger` fires for this observation.
    pub fn evaluate(&mut self, trigger: &RetrainTrigger, obs: &Observation<'_>) -> TriggerEval {
        match trigger {
            RetrainTrigger::EveryCycle => TriggerEval {
                fired: true,
                reason: "every cycle retrains".into(),
                detail: "Retraining runs on every new batch.".into(),
            },
            RetrainTrigger::Never => TriggerEval {
                fired: false,
                reason: "not triggered: this policy never retrains".into(),
                detail: "The model is never retrained.".into(),
            },
            RetrainTrigger::Schedule(text) => Self::schedule(text, obs),
            RetrainTrigger::PerformanceDrop => {
                let fired = obs.live_accuracy < obs.threshold;
                let cmp = if fired { "<" } else { "≥" };
                TriggerEval {
                    fired,
                    reason: if fired {
                        format!(
                            "performance dropped: live accuracy {:.2} < threshold {:.2}",
                            obs.live_accuracy, obs.threshold
                        )
                    } else {
                        format!(
                            "not triggered: live accuracy {:.2} ≥ threshold {:.2}",
                            obs.live_accuracy, obs.threshold
                        )
                    },
                    detail: format!(
                        "Live model accuracy on new labelled data: {:.2} {cmp} {:.2}.",
                        obs.live_accuracy, obs.threshold
                    ),
                }
            }
            RetrainTrigger::DriftDetected(kind) => self.detect(*kind, obs),
        }
    }

    fn schedule(text: &str, obs: &Observation<'_>) -> TriggerEval {
        let schedule = match CronSchedule::parse(text) {
            Ok(s) => s,
            Err(e) => {
                return TriggerEval {
                    fired: false,
                    reason: format!("not triggered: the schedule is invalid ({e})"),
                    detail: format!("Invalid cron schedule: {e}"),
                }
            }
        };
        let from = clock_at(obs.cycle.saturating_sub(1), obs.minutes_per_cycle);
        let to = clock_at(obs.cycle, obs.minutes_per_cycle);
        let next = schedule
            .next_fire_after(to)
            .map_or("never".to_string(), |t| t.to_string());
        match schedule.fires_between(from, to) {
            Some(at) => TriggerEval {
                fired: true,
                reason: format!("schedule `{text}` fired at {at}"),
                detail: format!(
                    "Clock {to}; schedule {} fired at {at}; next {next}.",
                    schedule.describe()
                ),
            },
            None => TriggerEval {
                fired: false,
                reason: format!("not triggered: schedule `{text}` next fires {next}"),
                detail: format!(
                    "Clock {to}; schedule {}; next run {next}.",
                    schedule.describe()
                ),
            },
        }
    }

    fn detect(&mut self, kind: DetectorKind, obs: &Observation<'_>) -> TriggerEval {
        match kind {
            DetectorKind::Adwin => {
                let mut detected = false;
                for &e in obs.errors {
                    detected |= self.adwin.update(e);
                }
                let detail = format!(
                    "ADWIN keeps a window of {} recent errors with mean error rate {:.3}; it cuts the window (drift) when its two halves differ by more than a Hoeffding-style bound (δ = 0.002).",
                    self.adwin.width(),
                    self.adwin.estimation()
                );
                TriggerEval {
                    fired: detected,
                    reason: if detected {
                        "ADWIN detected drift in the live model's error rate".into()
                    } else {
                        "not triggered: ADWIN sees no change in the error rate".into()
                    },
                    detail,
                }
            }
            DetectorKind::PageHinkley => {
                let mut detected = false;
                for &e in obs.errors {
                    detected |= self.page_hinkley.update(e);
                }
                let detail = format!(
                    "Page-Hinkley's cumulative deviation of the error rate is {:.1}; drift when it exceeds {:.0}.",
                    self.page_hinkley.statistic(),
                    self.page_hinkley.threshold()
                );
                TriggerEval {
                    fired: detected,
                    reason: if detected {
                        "Page-Hinkley detected a rise in the live model's error rate".into()
                    } else {
                        "not triggered: Page-Hinkley's statistic is below its threshold".into()
                    },
                    detail,
                }
            }
            DetectorKind::KsTest => {
                let r = ks_per_feature(obs.reference, obs.new_rows);
                let min_p = r[0].p_value.min(r[1].p_value);
                let fired = min_p < KS_ALPHA;
                let detail = format!(
                    "KS test, training data vs new batch: feature 1 D = {:.3} (p = {:.3}), feature 2 D = {:.3} (p = {:.3}); drift when p < {KS_ALPHA}.",
                    r[0].statistic, r[0].p_value, r[1].statistic, r[1].p_value
                );
                TriggerEval {
                    fired,
                    reason: if fired {
                        format!("KS test detected input drift (p = {min_p:.3} < {KS_ALPHA})")
                    } else {
                        format!("not triggered: KS test p = {min_p:.3} ≥ {KS_ALPHA}")
                    },
                    detail,
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
            live_accuracy: acc,
            threshold: 0.8,
            reference: rows,
            new_rows: rows,
            minutes_per_cycle: 360,
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
        assert!(
            e.reason.contains("next fires 2026-01-02 00:00"),
            "{}",
            e.reason
        );
    }

    #[test]
    fn performance_drop_fires_below_the_threshold_only() {
        let mut st = TriggerState::default();
        let t = RetrainTrigger::PerformanceDrop;
        assert!(st.evaluate(&t, &obs(1, &[], &[], 0.79)).fired);
        let e = st.evaluate(&t, &obs(1, &[], &[], 0.80));
        assert!(!e.fired);
        assert!(e.reason.starts_with("not triggered"));
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
                assert!(!e.fired, "{kind:?} false alarm at cycle {c}: {}", e.detail);
            }
            let e = st.evaluate(&t, &obs(5, &bad, &[], 0.4));
            assert!(e.fired, "{kind:?} missed the jump: {}", e.detail);
        }
    }
}
