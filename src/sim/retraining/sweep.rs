//! The sensitivity sweep: the race's drift-detector policy run again at a
//! range of its sensitivity setting (ADWIN's δ, Page-Hinkley's λ, the KS
//! test's α) on the same seeded stream, each run scored against the same
//! known drift points, so a student sees what fewer false alarms cost in
//! time to detect.
//!
//! Every value is a full run of the retraining loop, not a replay of one
//! error stream: a detection retrains the model, and the new model's errors
//! (or, for KS, its training rows) are what the detector reads next. The
//! race's own detector run is reused for the value in force.

use serde::{Deserialize, Serialize};

use crate::sim::params::{DetectorKind, RetrainTrigger, SimParams};
use crate::sim::retraining::cycle::{SimError, Simulation};
use crate::sim::retraining::scorecard::Scorecard;
use crate::sim::stream::drift_points::DriftPoint;

/// ADWIN's δ values swept, least sensitive first.
pub const ADWIN_DELTAS: [f64; 7] = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.2];
/// Page-Hinkley's λ values swept, least sensitive first.
pub const PAGE_HINKLEY_LAMBDAS: [f64; 7] = [200.0, 100.0, 75.0, 50.0, 30.0, 15.0, 5.0];
/// The KS test's α values swept, least sensitive first.
pub const KS_ALPHAS: [f64; 7] = [0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2];

/// The values of `detector`'s sensitivity a sweep runs, least sensitive
/// first.
pub fn sweep_values(detector: DetectorKind) -> &'static [f64] {
    match detector {
        DetectorKind::Adwin => &ADWIN_DELTAS,
        DetectorKind::PageHinkley => &PAGE_HINKLEY_LAMBDAS,
        DetectorKind::KsTest => &KS_ALPHAS,
    }
}

/// True when `a` makes `detector` less sensitive than `b` (a smaller δ or
/// α, a larger λ).
pub fn less_sensitive(detector: DetectorKind, a: f64, b: f64) -> bool {
    match detector {
        DetectorKind::Adwin | DetectorKind::KsTest => a < b,
        DetectorKind::PageHinkley => a > b,
    }
}

/// One value of the sweep and what the detector did with it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SweepPoint {
    /// The setting's value.
    pub value: f64,
    /// The run's retrains against the drift points.
    pub scorecard: Scorecard,
}

/// The raced detector at each swept value of its sensitivity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SensitivitySweep {
    /// The detector swept.
    pub detector: DetectorKind,
    /// The value in force when the race ran (one of the points).
    pub current: f64,
    /// One point per value, least sensitive first.
    pub points: Vec<SweepPoint>,
}

impl SensitivitySweep {
    /// The point of the value in force.
    pub fn current_point(&self) -> Option<&SweepPoint> {
        self.points.iter().find(|p| p.value == self.current)
    }
}

/// Sweeps the sensitivity of `detector` (the race's, over `cycles` cycles of
/// the synthetic stream of `params`) against `points`; `raced` is the race's
/// scorecard of that detector at the value in force, reused for that point.
pub fn sensitivity_sweep(
    params: &SimParams,
    detector: DetectorKind,
    cycles: u32,
    points: &[DriftPoint],
    raced: Option<&Scorecard>,
) -> Result<SensitivitySweep, SimError> {
    let current = params.sensitivity(detector);
    let trigger = RetrainTrigger::DriftDetected(detector);
    let mut values: Vec<f64> = sweep_values(detector).to_vec();
    if !values.contains(&current) {
        values.push(current);
        values.sort_by(|a, b| {
            if less_sensitive(detector, *a, *b) {
                std::cmp::Ordering::Less
            } else {
                std::cmp::Ordering::Greater
            }
        });
    }
    let mut out = Vec::with_capacity(values.len());
    for value in values {
        let scorecard = match raced {
            Some(card) if value == current => card.clone(),
            _ => {
                let valid = params
                    .clone()
                    .trigger(trigger.clone())
                    .with_sensitivity(detector, value)
                    .check()?;
                let mut sim = Simulation::new(valid)?.without_explanations();
                sim.finish_cycles(cycles);
                let retrained: Vec<u32> = sim
                    .summaries()
                    .iter()
                    .filter(|s| s.retrained())
                    .map(|s| s.cycle)
                    .collect();
                Scorecard::of(points, &retrained, cycles)
            }
        };
        out.push(SweepPoint { value, scorecard });
    }
    Ok(SensitivitySweep {
        detector,
        current,
        points: out,
    })
}

// Native only: the core is tested natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::retraining::settings::SettingKey;

    #[test]
    fn every_swept_value_is_within_the_settings_bounds() {
        for (d, key) in [
            (DetectorKind::Adwin, SettingKey::AdwinDelta),
            (DetectorKind::PageHinkley, SettingKey::PageHinkleyThreshold),
            (DetectorKind::KsTest, SettingKey::KsAlpha),
        ] {
            let b = key.bounds().expect("a number");
            let values = sweep_values(d);
            assert!(values.contains(&b.default), "{d:?} sweeps its default");
            for w in values.windows(2) {
                assert!(less_sensitive(d, w[0], w[1]), "{d:?}: {w:?}");
            }
            for &v in values {
                assert!((b.min..=b.max).contains(&v), "{d:?} {v}");
                assert_eq!(b.snap(v), v, "{d:?} {v} is on the slider");
            }
        }
    }
}
