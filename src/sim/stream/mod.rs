//! The drifting data stream: two numeric features and a binary label, drawn from
//! one pinned, seeded RNG so that the same seed gives the same batches everywhere.
//!
//! The generating process is two Gaussian clouds (one per class, unit variance)
//! whose means sit [`CLASS_SEPARATION`] apart along a direction at
//! [`BASE_ANGLE_DEG`]. Concept drift rotates that direction (P(y|x) changes),
//! covariate drift slides both clouds along the decision boundary (P(x) changes,
//! P(y|x) does not), prior shift changes how often each class is drawn.

pub mod calendar;
pub mod circle;
pub mod concept;
pub mod csv_data;
pub mod drift;
pub mod drift_points;
pub mod real_data;
pub mod weather;

use rand::Rng;
use serde::{Deserialize, Serialize};

pub use concept::{
    rng_from_seed, Concept, SimRng, BASE_ANGLE_DEG, CLASS_SEPARATION, VIEW_HALF_SIDE,
};
use drift::DriftState;

/// One batch of labelled rows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Batch {
    /// The cycle the batch arrived in (0 = initial training data).
    pub cycle: u32,
    /// Feature rows `[x1, x2]`.
    pub x: Vec<[f64; 2]>,
    /// Labels: `true` is class 1.
    pub y: Vec<bool>,
}

/// What the page draws of a batch: at most a few thousand of its points (an
/// even subsample in batch order) and its true counts. The page never needs
/// more points than a chart can show; sending the whole batch (up to 100,000
/// rows) with every snapshot cost both threads time for nothing.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BatchView {
    /// The cycle the batch arrived in (0 = initial training data).
    pub cycle: u32,
    /// Rows in the whole batch.
    pub rows: usize,
    /// Rows of class 1 in the whole batch.
    pub positives: usize,
    /// Every `stride`-th row is shown (1 = all of them).
    pub stride: usize,
    /// The shown rows' features `[x1, x2]`.
    pub x: Vec<[f64; 2]>,
    /// The shown rows' labels.
    pub y: Vec<bool>,
}

impl BatchView {
    /// True when the batch has no rows.
    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }
}

impl Batch {
    /// At most `max_points` of the rows (every `ceil(len / max_points)`-th, in
    /// order) and the whole batch's counts.
    pub fn view(&self, max_points: usize) -> BatchView {
        let stride = if max_points == 0 || self.len() <= max_points {
            1
        } else {
            self.len().div_ceil(max_points)
        };
        BatchView {
            cycle: self.cycle,
            rows: self.len(),
            positives: self.positives(),
            stride,
            x: self.x.iter().step_by(stride).copied().collect(),
            y: self.y.iter().step_by(stride).copied().collect(),
        }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.y.len()
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.y.is_empty()
    }

    /// Rows of class 1.
    pub fn positives(&self) -> usize {
        self.y.iter().filter(|&&v| v).count()
    }

    /// Splits into (training part, hold-out part); the hold-out is the last
    /// `holdout_fraction` of the rows (at least one row each side when possible).
    /// Rows are i.i.d., so taking the tail is an unbiased split.
    pub fn split(&self, holdout_fraction: f64) -> (Batch, Batch) {
        let n = self.len();
        let cut = n - holdout_rows(n, holdout_fraction);
        (
            Batch {
                cycle: self.cycle,
                x: self.x[..cut].to_vec(),
                y: self.y[..cut].to_vec(),
            },
            Batch {
                cycle: self.cycle,
                x: self.x[cut..].to_vec(),
                y: self.y[cut..].to_vec(),
            },
        )
    }
}

/// How many of a batch's `n` rows [`Batch::split`] holds out: `holdout_fraction`
/// of them, rounded, and at least one row on each side when there are two or more.
pub fn holdout_rows(n: usize, holdout_fraction: f64) -> usize {
    let held = ((n as f64) * holdout_fraction).round() as usize;
    if n >= 2 {
        held.clamp(1, n - 1)
    } else {
        0
    }
}

/// A standard normal draw by Box–Muller; written here (not taken from a crate) so
/// the numbers are pinned to this code and the ChaCha stream alone.
fn standard_normal(rng: &mut SimRng) -> f64 {
    // 1 - u keeps the log argument in (0, 1].
    let u1: f64 = 1.0 - rng.gen::<f64>();
    let u2: f64 = rng.gen::<f64>();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// Draws `rows` rows for one cycle under `drift`, flipping each label with
/// probability `label_noise`. Every row consumes the same number of draws, so a
/// change of drift never shifts the random stream of later rows.
pub fn generate_batch(
    rng: &mut SimRng,
    cycle: u32,
    rows: usize,
    drift: &DriftState,
    label_noise: f64,
) -> Batch {
    let (new, old) = (drift.concept(), Concept::ORIGINAL);
    let mut x = Vec::with_capacity(rows);
    let mut y = Vec::with_capacity(rows);
    for _ in 0..rows {
        let drifted = rng.gen::<f64>() < drift.new_concept_share;
        let class_draw = rng.gen::<f64>();
        let n1 = standard_normal(rng);
        let n2 = standard_normal(rng);
        let flip = rng.gen::<f64>() < label_noise;
        let concept = if drifted { &new } else { &old };
        let label = class_draw < concept.prior;
        let mean = concept.mean(label);
        x.push([mean[0] + n1, mean[1] + n2]);
        y.push(label ^ flip);
    }
    Batch { cycle, x, y }
}

// Native only: the core is tested natively (proptest and approx are native dev-dependencies).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_batch() {
        let d = DriftState::none(1);
        let a = generate_batch(&mut rng_from_seed(7), 1, 200, &d, 0.1);
        let b = generate_batch(&mut rng_from_seed(7), 1, 200, &d, 0.1);
        assert_eq!(a, b);
        let c = generate_batch(&mut rng_from_seed(8), 1, 200, &d, 0.1);
        assert_ne!(a, c);
    }

    #[test]
    fn a_view_keeps_every_nth_row_and_the_true_counts() {
        let d = DriftState::none(3);
        let b = generate_batch(&mut rng_from_seed(5), 3, 10_000, &d, 0.1);
        let v = b.view(1_500);
        assert_eq!((v.cycle, v.rows, v.positives), (3, 10_000, b.positives()));
        assert_eq!(v.stride, 7, "ceil(10,000 / 1,500)");
        assert_eq!(v.x.len(), 1_429);
        assert_eq!(v.y.len(), v.x.len());
        assert!(v.x.len() <= 1_500);
        assert_eq!((v.x[2], v.y[2]), (b.x[14], b.y[14]));
        // Small batches are shown whole; an empty one stays empty.
        let small = generate_batch(&mut rng_from_seed(5), 1, 40, &d, 0.1).view(1_500);
        assert_eq!((small.stride, small.x.len(), small.rows), (1, 40, 40));
        assert!(Batch::default().view(1_500).is_empty());
        assert_eq!(b.view(0).x.len(), 10_000, "0 = no cap");
    }

    #[test]
    fn classes_are_balanced_without_prior_shift() {
        let b = generate_batch(&mut rng_from_seed(1), 0, 4000, &DriftState::none(0), 0.0);
        let share = b.positives() as f64 / b.len() as f64;
        assert!((share - 0.5).abs() < 0.03, "share {share}");
    }

    #[test]
    fn prior_shift_changes_the_balance() {
        let mut d = DriftState::none(3);
        d.prior = 0.9;
        let b = generate_batch(&mut rng_from_seed(1), 3, 4000, &d, 0.0);
        let share = b.positives() as f64 / b.len() as f64;
        assert!((share - 0.9).abs() < 0.03, "share {share}");
    }

    #[test]
    fn label_noise_flips_about_that_share() {
        let d = DriftState::none(1);
        let clean = generate_batch(&mut rng_from_seed(3), 1, 5000, &d, 0.0);
        let noisy = generate_batch(&mut rng_from_seed(3), 1, 5000, &d, 0.2);
        assert_eq!(clean.x, noisy.x, "noise must not move the features");
        let flipped = clean.y.iter().zip(&noisy.y).filter(|(a, b)| a != b).count();
        let rate = flipped as f64 / 5000.0;
        assert!((rate - 0.2).abs() < 0.02, "rate {rate}");
    }

    #[test]
    fn points_stay_in_view() {
        let mut d = DriftState::none(3);
        d.covariate_shift = 4.0;
        let b = generate_batch(&mut rng_from_seed(5), 3, 2000, &d, 0.0);
        let inside =
            b.x.iter()
                .filter(|p| p[0].abs() < VIEW_HALF_SIDE && p[1].abs() < VIEW_HALF_SIDE)
                .count();
        assert!(inside as f64 / 2000.0 > 0.99);
    }

    #[test]
    fn split_keeps_every_row_once() {
        let b = generate_batch(&mut rng_from_seed(2), 1, 101, &DriftState::none(1), 0.0);
        let (train, hold) = b.split(0.3);
        assert_eq!(train.len() + hold.len(), 101);
        assert_eq!(hold.len(), 30);
        let tiny = Batch {
            cycle: 0,
            x: vec![[0.0, 0.0]],
            y: vec![true],
        };
        let (t, h) = tiny.split(0.3);
        assert_eq!((t.len(), h.len()), (1, 0));
    }
}
