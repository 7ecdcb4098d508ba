//! How far the team's estimate of the live model's accuracy (from its own
//! confidence, before labels arrive: `ml::estimate`) is from the accuracy the
//! simulator knows it can expect, over the shown cycles, and which side it
//! errs on: the typed fact behind the accuracy chart's note on the estimate
//! (`wording::estimate`).

use serde::{Deserialize, Serialize};

use crate::sim::params::{DriftKind, ModelKind};
use crate::sim::retraining::history::CycleSummary;

/// Within this of the truth, the estimate counts as tracking it: a little
/// more than the largest gap measured for logistic regression with no drift,
/// covariate drift or a prior shift in the loop (24 seeds × 12 cycles,
/// tests/estimate_claims.rs, docs/late-labels.md). The mean gap is 0.02–0.03;
/// the largest ones are the luck of the 150-row hold-out the model was
/// calibrated on.
pub const TRACKS_WITHIN: f64 = 0.08;

/// Which side of the truth the newest estimate is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum GapSide {
    /// Within [`TRACKS_WITHIN`] of the truth.
    Tracks,
    /// More than that above: the model is surer than it is right.
    TooHigh,
    /// More than that below: it is right more often than it thinks.
    TooLow,
}

/// The estimate against the truth over the shown cycles of a run.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct EstimateGap {
    /// The newest cycle with both an estimate and an expected accuracy.
    pub cycle: u32,
    /// The estimate there.
    pub estimate: f64,
    /// The accuracy the live model could expect there (only the simulator
    /// knows it).
    pub truth: f64,
    /// The newest estimate's side.
    pub side: GapSide,
    /// Mean of |estimate − truth| over the cycles with both.
    pub mean_gap: f64,
    /// How many cycles that is.
    pub cycles: u32,
    /// The drift the run is set to (why the gap is what it is).
    pub drift_kind: DriftKind,
    /// Whether the newest batch was drawn under any drift at all.
    pub drifted: bool,
    /// The learner.
    pub model: ModelKind,
}

impl GapSide {
    /// The side of `estimate` against `truth`.
    pub fn of(estimate: f64, truth: f64) -> Self {
        let gap = estimate - truth;
        if gap > TRACKS_WITHIN {
            GapSide::TooHigh
        } else if gap < -TRACKS_WITHIN {
            GapSide::TooLow
        } else {
            GapSide::Tracks
        }
    }
}

/// The estimate against the truth over `shown` cycles, for a run set to
/// `drift_kind` with `model`; `None` when no cycle has both (labels at once,
/// or real or own data, whose truth nobody knows).
pub fn estimate_gap(
    shown: &[CycleSummary],
    drift_kind: DriftKind,
    model: ModelKind,
) -> Option<EstimateGap> {
    let pairs: Vec<(&CycleSummary, f64, f64)> = shown
        .iter()
        .filter_map(|c| {
            let e = c.estimated?.score;
            let t = c.expected?.live;
            (e.is_finite() && t.is_finite()).then_some((c, e, t))
        })
        .collect();
    let &(newest, estimate, truth) = pairs.last()?;
    let mean_gap = pairs.iter().map(|(_, e, t)| (e - t).abs()).sum::<f64>() / pairs.len() as f64;
    Some(EstimateGap {
        cycle: newest.cycle,
        estimate,
        truth,
        side: GapSide::of(estimate, truth),
        mean_gap,
        cycles: pairs.len() as u32,
        drift_kind,
        drifted: newest.drift.effective > 0.0,
        model,
    })
}

// Native only: the core is tested natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::params::SimParams;
    use crate::sim::retraining::cycle::Simulation;

    /// A run of `cycles` cycles (`sim::testing::run` sits above this layer).
    fn run(params: SimParams, cycles: u32) -> Simulation {
        let mut sim = Simulation::from_params(params).expect("starts");
        sim.finish_cycles(cycles);
        sim
    }

    #[test]
    fn the_side_is_cut_at_the_tolerance() {
        assert_eq!(GapSide::of(0.9, 0.88), GapSide::Tracks);
        assert_eq!(
            GapSide::of(0.9, 0.9 - TRACKS_WITHIN - 0.001),
            GapSide::TooHigh
        );
        assert_eq!(
            GapSide::of(0.5, 0.5 + TRACKS_WITHIN + 0.001),
            GapSide::TooLow
        );
    }

    #[test]
    fn the_gap_reads_the_estimates_and_the_truth_of_the_shown_cycles() {
        let sim = run(SimParams::default().label_delay(2), 6);
        let shown = sim.summaries();
        let gap = estimate_gap(shown, DriftKind::Concept, ModelKind::LogisticRegression).unwrap();
        assert_eq!(gap.cycle, 6);
        assert_eq!(gap.cycles, 6);
        let last = shown.last().unwrap();
        assert_eq!(gap.estimate, last.estimated.unwrap().score);
        assert_eq!(gap.truth, last.expected.unwrap().live);
        let mean = shown
            .iter()
            .map(|c| (c.estimated.unwrap().score - c.expected.unwrap().live).abs())
            .sum::<f64>()
            / 6.0;
        assert!((gap.mean_gap - mean).abs() < 1e-12);
        // Labels at once: no estimate, no gap.
        let sim = run(SimParams::default(), 3);
        assert!(sim.summaries().iter().all(|c| c.estimated.is_none()));
        assert_eq!(
            estimate_gap(
                sim.summaries(),
                DriftKind::Concept,
                ModelKind::LogisticRegression
            ),
            None
        );
    }
}
