//! The detector scorecard: a policy's retrains judged against the stream's
//! known drift points (`stream::drift_points`), as CapyMOA scores drift
//! detectors. Typed facts only; `wording::scorecard` says them.
//!
//! The rules, precisely:
//! - A drift point's **window** runs from its cycle through the cycles in
//!   which its change still unfolds ([`DriftPoint::until`]) and the
//!   [`DETECTION_WINDOW`] − 1 cycles after, and ends early where the next
//!   drift point begins (so every cycle belongs to at most one window).
//! - The first retrain inside a window **detects** that drift point; its
//!   **time to detect** is the retrain's cycle minus the point's (0: retrained
//!   in the drift's own cycle).
//! - A drift point whose window ends inside the race with no retrain in it is
//!   **missed**; one whose window runs past the race's end with no retrain yet
//!   is **open** (too near the end to judge).
//! - A retrain in no window is a **false alarm**: nothing had changed in the
//!   world for at least [`DETECTION_WINDOW`] cycles. Every retrain is either
//!   in a window (answering) or a false alarm, so the two add up to the
//!   policy's retrains.

use serde::{Deserialize, Serialize};

use crate::sim::stream::drift_points::DriftPoint;

/// Cycles after a drift point (its own cycle included, after its change has
/// finished unfolding) in which a retrain still counts as its detection; a
/// drift point with no retrain that soon is missed.
pub const DETECTION_WINDOW: u32 = 5;

/// One drift point a policy detected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Detection {
    /// The drift point's cycle.
    pub drift_cycle: u32,
    /// Cycles from the drift point to the first retrain in its window.
    pub delay: u32,
}

/// A policy's retrains against the known drift points of one race.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Scorecard {
    /// Drift points in the race.
    pub drift_points: u32,
    /// The drift points detected, in order, with their delays.
    pub detections: Vec<Detection>,
    /// Drift points whose window ended with no retrain.
    pub missed: u32,
    /// Drift points whose window runs past the end of the race, no retrain yet.
    pub open: u32,
    /// Retrains inside some drift point's window (the detections and any
    /// retrains after them in the same window).
    pub answering: u32,
    /// Retrains in no window.
    pub false_alarms: u32,
}

impl Scorecard {
    /// The scorecard of retrains at `retrain_cycles` (ascending) against
    /// `points` (ascending) over a race of cycles `1..=cycles`.
    pub fn of(points: &[DriftPoint], retrain_cycles: &[u32], cycles: u32) -> Scorecard {
        let mut card = Scorecard {
            drift_points: points.len() as u32,
            ..Scorecard::default()
        };
        let windows: Vec<(u32, u32)> = points
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let end = p
                    .until
                    .max(p.cycle)
                    .saturating_add(DETECTION_WINDOW.saturating_sub(1));
                let end = match points.get(i + 1) {
                    Some(next) => end.min(next.cycle.saturating_sub(1)),
                    None => end,
                };
                (p.cycle, end.max(p.cycle))
            })
            .collect();
        for (&(start, end), point) in windows.iter().zip(points) {
            match retrain_cycles.iter().find(|&&r| (start..=end).contains(&r)) {
                Some(&r) => card.detections.push(Detection {
                    drift_cycle: point.cycle,
                    delay: r - start,
                }),
                None if end > cycles => card.open += 1,
                None => card.missed += 1,
            }
        }
        for &r in retrain_cycles {
            if windows.iter().any(|&(s, e)| (s..=e).contains(&r)) {
                card.answering += 1;
            } else {
                card.false_alarms += 1;
            }
        }
        card
    }

    /// The mean time to detect over the detected drift points, in cycles
    /// (`None` when none was detected).
    pub fn mean_delay(&self) -> Option<f64> {
        let n = self.detections.len();
        (n > 0).then(|| {
            self.detections
                .iter()
                .map(|d| f64::from(d.delay))
                .sum::<f64>()
                / n as f64
        })
    }

    /// Retrains counted: answering ones and false alarms.
    pub fn retrains(&self) -> u32 {
        self.answering + self.false_alarms
    }
}

// Native only: the core is tested natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::stream::drift_points::DriftPointKind;

    fn abrupt(cycle: u32) -> DriftPoint {
        DriftPoint {
            cycle,
            kind: DriftPointKind::Onset,
            until: cycle,
        }
    }

    #[test]
    fn no_drift_makes_every_retrain_a_false_alarm() {
        let card = Scorecard::of(&[], &[2, 5, 9], 40);
        assert_eq!(card.false_alarms, 3);
        assert_eq!((card.drift_points, card.missed, card.open), (0, 0, 0));
        assert_eq!(card.mean_delay(), None);
    }

    #[test]
    fn a_sudden_drift_is_detected_by_the_first_retrain_in_its_window() {
        // Drift at 10: window 10..=14. Retrains at 3 (before), 12, 13 (in), 15 (after).
        let card = Scorecard::of(&[abrupt(10)], &[3, 12, 13, 15], 40);
        assert_eq!(
            card.detections,
            [Detection {
                drift_cycle: 10,
                delay: 2
            }]
        );
        assert_eq!((card.answering, card.false_alarms), (2, 2));
        assert_eq!((card.missed, card.open), (0, 0));
        assert_eq!(card.mean_delay(), Some(2.0));
        assert_eq!(card.retrains(), 4);
    }

    #[test]
    fn a_retrain_in_the_drifts_own_cycle_takes_no_time() {
        let card = Scorecard::of(&[abrupt(3)], &[3], 10);
        assert_eq!(card.mean_delay(), Some(0.0));
    }

    #[test]
    fn a_drift_with_no_retrain_in_its_window_is_missed_or_open_at_the_end() {
        // Window 10..=14 ends inside a 20-cycle race: missed; 18..=22 runs past it: open.
        let card = Scorecard::of(&[abrupt(10), abrupt(18)], &[15], 20);
        assert_eq!((card.missed, card.open, card.false_alarms), (1, 1, 1));
        assert!(card.detections.is_empty());
        // The window's last cycle is the race's last: judged, missed.
        let card = Scorecard::of(&[abrupt(16)], &[], 20);
        assert_eq!((card.missed, card.open), (1, 0));
    }

    #[test]
    fn windows_end_where_the_next_drift_point_begins() {
        // Switches at 4, 6, 8 (recurring, 2 cycles each): windows 4..=5, 6..=7, 8..=12.
        let points = [abrupt(4), abrupt(6), abrupt(8)];
        let card = Scorecard::of(&points, &[5, 6, 7, 13], 20);
        let delays: Vec<(u32, u32)> = card
            .detections
            .iter()
            .map(|d| (d.drift_cycle, d.delay))
            .collect();
        assert_eq!(delays, [(4, 1), (6, 0)]);
        assert_eq!((card.missed, card.answering, card.false_alarms), (1, 3, 1));
    }

    #[test]
    fn a_change_that_unfolds_keeps_its_window_open_until_it_ends() {
        // An incremental drift moving from 4 to 7: window 4..=11.
        let point = DriftPoint {
            cycle: 4,
            kind: DriftPointKind::MoveStart,
            until: 7,
        };
        let card = Scorecard::of(&[point], &[6, 11, 12], 40);
        assert_eq!(card.mean_delay(), Some(2.0));
        assert_eq!((card.answering, card.false_alarms), (2, 1));
    }

    #[test]
    fn the_counts_add_up() {
        let points = [abrupt(3), abrupt(9), abrupt(15), abrupt(38)];
        for retrains in [
            vec![],
            vec![1, 2, 3],
            (1..=40).collect(),
            vec![8, 9, 20, 39],
        ] {
            let card = Scorecard::of(&points, &retrains, 40);
            assert_eq!(card.retrains() as usize, retrains.len());
            assert_eq!(
                card.detections.len() as u32 + card.missed + card.open,
                card.drift_points
            );
        }
    }
}
