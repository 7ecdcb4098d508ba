//! How far the world has drifted at each cycle: the pattern (sudden, gradual,
//! incremental, recurring) turned into a number the data stream can use.

use serde::{Deserialize, Serialize};

use super::concept::Concept;
use crate::sim::params::{DriftKind, DriftPattern, SimParams};

/// The largest rotation of the labelling rule, at strength 1: the rule reverses.
pub const MAX_ROTATION_DEG: f64 = 180.0;
/// The largest slide of the input clouds along the boundary, at strength 1 (in standard deviations).
pub const MAX_COVARIATE_SHIFT: f64 = 4.0;
/// The largest share of class 1, at strength 1 (0.5 means balanced).
pub const MAX_PRIOR: f64 = 0.95;

/// The drift that applies to one cycle's batch.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct DriftState {
    /// The cycle this describes (0 = the initial data v1 is trained on).
    pub cycle: u32,
    /// For sudden/incremental/recurring: how far every sample has moved towards the
    /// full drift, 0..=1. For gradual: 1 (the new concept is fully new) and
    /// `new_concept_share` says how many samples use it.
    pub amount: f64,
    /// Probability that a sample comes from the drifted concept (1 except during a
    /// gradual transition).
    pub new_concept_share: f64,
    /// The effective drift applied on average, 0..=1, `amount * new_concept_share * strength`:
    /// what the "drift applied so far" chart plots.
    pub effective: f64,
    /// Rotation of the labelling rule for drifted samples, in degrees.
    pub rotation_deg: f64,
    /// Slide of the input clouds for drifted samples, in standard deviations.
    pub covariate_shift: f64,
    /// Share of class 1 for drifted samples.
    pub prior: f64,
}

impl DriftState {
    /// No drift: the world as v1 learned it.
    pub fn none(cycle: u32) -> Self {
        DriftState {
            cycle,
            amount: 0.0,
            new_concept_share: 1.0,
            effective: 0.0,
            rotation_deg: 0.0,
            covariate_shift: 0.0,
            prior: 0.5,
        }
    }

    /// The concept of the drifted samples (all samples but during a gradual
    /// transition, where [`DriftState::new_concept_share`] of them).
    pub fn concept(&self) -> Concept {
        Concept {
            rotation_deg: self.rotation_deg,
            shift: self.covariate_shift,
            prior: self.prior,
        }
    }
}

/// The width in cycles of a gradual drift's sigmoid at `speed` (clamped to
/// 0.05..=1): 1 cycle at speed 1, 10 at the slowest. The new concept's share
/// climbs from about 12 % at the onset to about 88 % one width later.
pub fn gradual_width(speed: f64) -> f64 {
    1.0 + (1.0 - speed.clamp(0.05, 1.0)) * 9.0
}

/// How far an incremental drift moves each cycle at `speed` (clamped to
/// 0.05..=1), as a share of the full drift.
pub fn incremental_step(speed: f64) -> f64 {
    speed.clamp(0.05, 1.0) * 0.5
}

/// Cycles each concept of a recurring drift lasts at `speed` (clamped to
/// 0.05..=1): 2 at speed 1, 8 at the slowest.
pub fn recurring_half_period(speed: f64) -> u32 {
    (2.0 + (1.0 - speed.clamp(0.05, 1.0)) * 6.0).round() as u32
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// The drift at `cycle` under `params`. Cycle 0 (initial data) never drifts.
pub fn drift_at(params: &SimParams, cycle: u32) -> DriftState {
    let strength = params.drift_strength;
    if cycle == 0 || strength <= 0.0 {
        return DriftState::none(cycle);
    }
    let onset = params.drift_onset.max(1);
    let speed = params.drift_speed.clamp(0.05, 1.0);
    let since = f64::from(cycle) - f64::from(onset);
    let (amount, share) = match params.drift_pattern {
        DriftPattern::Sudden => (if since >= 0.0 { 1.0 } else { 0.0 }, 1.0),
        DriftPattern::Gradual => {
            // MOA's ConceptDriftStream: P(new) = 1 / (1 + e^(-4 (t - p) / w)), with the
            // centre p half a width after the onset, so the onset is where mixing starts.
            let width = gradual_width(speed);
            let centre = f64::from(onset) + width / 2.0;
            // No new-concept samples before the onset: the onset is the first
            // cycle that sees drift, as for every pattern.
            let p = if since < 0.0 {
                0.0
            } else {
                sigmoid(4.0 * (f64::from(cycle) - centre) / width)
            };
            (1.0, p)
        }
        DriftPattern::Incremental => {
            let step = incremental_step(speed);
            (((since + 1.0) * step).clamp(0.0, 1.0), 1.0)
        }
        DriftPattern::Recurring => {
            let half_period = f64::from(recurring_half_period(speed));
            let on = since >= 0.0 && ((since / half_period).floor() as i64) % 2 == 0;
            (if on { 1.0 } else { 0.0 }, 1.0)
        }
    };
    let drifted = amount * strength;
    let (rotation_deg, covariate_shift, prior) = match params.drift_kind {
        DriftKind::Concept => (drifted * MAX_ROTATION_DEG, 0.0, 0.5),
        DriftKind::Covariate => (0.0, drifted * MAX_COVARIATE_SHIFT, 0.5),
        DriftKind::Prior => (0.0, 0.0, 0.5 + drifted * (MAX_PRIOR - 0.5)),
    };
    DriftState {
        cycle,
        amount,
        new_concept_share: share,
        effective: drifted * share,
        rotation_deg,
        covariate_shift,
        prior,
    }
}

// Native only: the core is tested natively (proptest and approx are native dev-dependencies).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::params::SimParams;

    fn params(pattern: DriftPattern) -> SimParams {
        SimParams::default()
            .drift_pattern(pattern)
            .drift_strength(1.0)
            .drift_onset(3)
    }

    #[test]
    fn zero_strength_never_drifts() {
        let p = SimParams::default().drift_strength(0.0);
        for c in 0..50 {
            assert_eq!(drift_at(&p, c).effective, 0.0);
        }
    }

    #[test]
    fn sudden_switches_at_onset() {
        let p = params(DriftPattern::Sudden);
        assert_eq!(drift_at(&p, 2).effective, 0.0);
        assert_eq!(drift_at(&p, 3).effective, 1.0);
        assert_eq!(drift_at(&p, 3).rotation_deg, 180.0);
    }

    #[test]
    fn gradual_share_rises_monotonically_to_one() {
        let p = params(DriftPattern::Gradual).drift_speed(0.3);
        let shares: Vec<f64> = (1..40).map(|c| drift_at(&p, c).new_concept_share).collect();
        assert!(shares.windows(2).all(|w| w[1] >= w[0]));
        assert_eq!(shares[1], 0.0, "no drift before the onset (cycle 3)");
        assert!(shares[2] > 0.0);
        assert!(shares[0] < 0.2, "starts mostly old: {}", shares[0]);
        assert!(*shares.last().unwrap() > 0.99);
    }

    #[test]
    fn incremental_moves_a_little_each_cycle() {
        let p = params(DriftPattern::Incremental).drift_speed(0.2);
        let a: Vec<f64> = (3..9).map(|c| drift_at(&p, c).amount).collect();
        assert!((a[0] - 0.1).abs() < 1e-12);
        assert!((a[5] - 0.6).abs() < 1e-12);
    }

    #[test]
    fn recurring_comes_back_to_the_old_concept() {
        let p = params(DriftPattern::Recurring).drift_speed(1.0); // half period 2
        let on: Vec<bool> = (3..11).map(|c| drift_at(&p, c).amount > 0.5).collect();
        assert_eq!(on, [true, true, false, false, true, true, false, false]);
    }

    #[test]
    fn prior_shift_moves_the_class_balance() {
        let p = params(DriftPattern::Sudden).drift_kind(DriftKind::Prior);
        assert!((drift_at(&p, 5).prior - MAX_PRIOR).abs() < 1e-12);
        assert_eq!(drift_at(&p, 1).prior, 0.5);
    }
}
