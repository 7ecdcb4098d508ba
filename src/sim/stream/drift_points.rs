//! The known drift points of the synthetic stream: the cycles at which the
//! world the batches are drawn from starts to change, read from the settings
//! by the same formulas [`drift_at`](super::drift::drift_at) uses. The
//! detector scorecard (`retraining::scorecard`) judges each policy's retrains
//! against them; only the simulator knows them (real data has none).
//!
//! What counts as a drift point, per pattern (strength above 0 only):
//! - **Sudden**: the onset, the first cycle drawn under the new concept.
//! - **Gradual**: the start of the ramp, the onset, the first cycle with any
//!   new-concept samples; the ramp runs on for one sigmoid width
//!   ([`gradual_width`], rounded up), while the new concept's share climbs
//!   from about 12 % to about 88 %.
//! - **Incremental**: the onset, where the concept starts to move; it moves
//!   on for `⌈1 / step⌉` cycles ([`incremental_step`]) until fully drifted.
//! - **Recurring**: every switch, from the onset on: to the new concept,
//!   back to the old one, and so on every [`recurring_half_period`] cycles.

use serde::{Deserialize, Serialize};

use super::drift::{gradual_width, incremental_step, recurring_half_period};
use crate::sim::params::{DriftPattern, SimParams};

/// What kind of change a drift point starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DriftPointKind {
    /// A sudden drift's onset: the whole batch is drawn under the new concept.
    Onset,
    /// The start of a gradual drift's ramp.
    RampStart,
    /// The start of an incremental drift's movement.
    MoveStart,
    /// A recurring drift switches to the new concept.
    SwitchToNew,
    /// A recurring drift switches back to the old concept.
    SwitchBack,
}

/// One known drift point.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DriftPoint {
    /// The first cycle whose batch is drawn under the changed world.
    pub cycle: u32,
    /// What changes there.
    pub kind: DriftPointKind,
    /// The last cycle in which this change still unfolds (`cycle` itself for
    /// a sudden drift or a recurring switch; the end of a gradual ramp or of
    /// an incremental movement otherwise).
    pub until: u32,
}

/// The drift points of `params` at cycles `1..=last_cycle`, in order (none
/// when the strength is 0 or the onset comes later).
pub fn drift_points(params: &SimParams, last_cycle: u32) -> Vec<DriftPoint> {
    if params.drift_strength <= 0.0 {
        return Vec::new();
    }
    let onset = params.drift_onset.max(1);
    if onset > last_cycle {
        return Vec::new();
    }
    let one = |kind, lasting: u32| DriftPoint {
        cycle: onset,
        kind,
        until: onset.saturating_add(lasting.saturating_sub(1)),
    };
    match params.drift_pattern {
        DriftPattern::Sudden => vec![one(DriftPointKind::Onset, 1)],
        DriftPattern::Gradual => {
            // Through onset + width, where the share has passed 88 %.
            let width = gradual_width(params.drift_speed).ceil() as u32;
            vec![one(DriftPointKind::RampStart, width + 1)]
        }
        DriftPattern::Incremental => {
            let cycles = (1.0 / incremental_step(params.drift_speed)).ceil() as u32;
            vec![one(DriftPointKind::MoveStart, cycles)]
        }
        DriftPattern::Recurring => {
            let half = recurring_half_period(params.drift_speed).max(1);
            (0..)
                .map(|k: u32| (k, onset.saturating_add(k.saturating_mul(half))))
                .take_while(|&(k, cycle)| cycle <= last_cycle && k < last_cycle)
                .map(|(k, cycle)| DriftPoint {
                    cycle,
                    kind: if k % 2 == 0 {
                        DriftPointKind::SwitchToNew
                    } else {
                        DriftPointKind::SwitchBack
                    },
                    until: cycle,
                })
                .collect()
        }
    }
}

// Native only: the core is tested natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::stream::drift::drift_at;

    fn params(pattern: DriftPattern, speed: f64) -> SimParams {
        SimParams::default()
            .drift_pattern(pattern)
            .drift_strength(1.0)
            .drift_speed(speed)
            .drift_onset(4)
    }

    /// The cycles in `1..=last` whose batch is drawn under a different drift
    /// than the cycle before: an oracle read off `drift_at` itself.
    fn changes(p: &SimParams, last: u32) -> Vec<u32> {
        (1..=last)
            .filter(|&c| (drift_at(p, c - 1).effective - drift_at(p, c).effective).abs() > 1e-9)
            .collect()
    }

    #[test]
    fn a_sudden_drift_has_one_point_at_its_onset() {
        let p = params(DriftPattern::Sudden, 0.5);
        let points = drift_points(&p, 40);
        assert_eq!(
            points,
            [DriftPoint {
                cycle: 4,
                kind: DriftPointKind::Onset,
                until: 4
            }]
        );
        assert_eq!(changes(&p, 40), [4]);
    }

    #[test]
    fn no_drift_or_a_late_onset_has_no_points() {
        assert!(
            drift_points(&params(DriftPattern::Sudden, 0.5).drift_strength(0.0), 40).is_empty()
        );
        assert!(drift_points(&params(DriftPattern::Recurring, 0.5), 3).is_empty());
        assert_eq!(drift_points(&params(DriftPattern::Sudden, 0.5), 4).len(), 1);
    }

    #[test]
    fn every_switch_of_a_recurring_drift_is_a_point() {
        for speed in [0.05, 0.3, 0.5, 1.0] {
            let p = params(DriftPattern::Recurring, speed);
            let points = drift_points(&p, 40);
            let cycles: Vec<u32> = points.iter().map(|d| d.cycle).collect();
            assert_eq!(cycles, changes(&p, 40), "speed {speed}");
            assert!(points.iter().all(|d| d.until == d.cycle));
            let kinds: Vec<DriftPointKind> = points.iter().take(3).map(|d| d.kind).collect();
            assert_eq!(
                kinds,
                [
                    DriftPointKind::SwitchToNew,
                    DriftPointKind::SwitchBack,
                    DriftPointKind::SwitchToNew
                ]
            );
        }
        // Speed 1: each concept lasts 2 cycles.
        let cycles: Vec<u32> = drift_points(&params(DriftPattern::Recurring, 1.0), 12)
            .iter()
            .map(|d| d.cycle)
            .collect();
        assert_eq!(cycles, [4, 6, 8, 10, 12]);
    }

    #[test]
    fn a_gradual_drift_has_one_point_at_the_start_of_its_ramp() {
        for speed in [0.05, 0.5, 1.0] {
            let p = params(DriftPattern::Gradual, speed);
            let points = drift_points(&p, 40);
            assert_eq!(points.len(), 1, "speed {speed}");
            let d = points[0];
            assert_eq!((d.cycle, d.kind), (4, DriftPointKind::RampStart));
            // The first cycle with new-concept samples.
            assert_eq!(drift_at(&p, 3).new_concept_share, 0.0);
            assert!(drift_at(&p, 4).new_concept_share > 0.0);
            // By the end of the ramp most samples are new.
            assert!(
                drift_at(&p, d.until).new_concept_share > 0.88,
                "speed {speed}"
            );
            assert!(drift_at(&p, d.until - 1).new_concept_share < 0.95 || d.until == 4);
        }
        assert_eq!(
            drift_points(&params(DriftPattern::Gradual, 0.5), 40)[0].until,
            10
        );
    }

    #[test]
    fn an_incremental_drift_has_one_point_and_moves_until_fully_drifted() {
        for speed in [0.05, 0.2, 0.5, 1.0] {
            let p = params(DriftPattern::Incremental, speed);
            let d = drift_points(&p, 200)[0];
            assert_eq!((d.cycle, d.kind), (4, DriftPointKind::MoveStart));
            assert_eq!(*changes(&p, 200).last().unwrap(), d.until, "speed {speed}");
            assert!((drift_at(&p, d.until).amount - 1.0).abs() < 1e-12);
        }
    }
}
