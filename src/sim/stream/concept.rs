//! The geometry of the generating process and its one RNG: two Gaussian clouds
//! (one per class, unit variance) whose means sit [`CLASS_SEPARATION`] apart
//! along a direction at [`BASE_ANGLE_DEG`], and the [`Concept`] that places them.
//! Drift ([`super::drift`]) replaces the original concept; the stream
//! ([`super::generate_batch`]) draws rows from it.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

/// The one RNG of the simulation: ChaCha8 is portable and stable across platforms,
/// so native tests and the browser see the same numbers.
pub type SimRng = ChaCha8Rng;

/// Creates the simulation RNG from a seed.
pub fn rng_from_seed(seed: u64) -> SimRng {
    SimRng::seed_from_u64(seed)
}

/// Distance between the two class means, in standard deviations. With 3.0 the best
/// possible accuracy without label noise is Φ(1.5) ≈ 0.93.
pub const CLASS_SEPARATION: f64 = 3.0;
/// Direction of the class means before any drift (so the boundary is diagonal).
pub const BASE_ANGLE_DEG: f64 = 35.0;
/// Half the side of the square the page draws; the generating process keeps
/// nearly every point inside it.
pub const VIEW_HALF_SIDE: f64 = 7.0;

/// One concept of the generating process: where the two class clouds sit and
/// how often each class is drawn. Drift replaces [`Concept::ORIGINAL`] with
/// another concept for some or all samples ([`DriftState::concept`]).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Concept {
    /// Rotation of the class means' direction from [`BASE_ANGLE_DEG`], in degrees.
    pub rotation_deg: f64,
    /// Slide of both clouds along the original boundary, in standard deviations.
    pub shift: f64,
    /// Probability that a sample is of class 1.
    pub prior: f64,
}

impl Concept {
    /// The concept before any drift: balanced classes along [`BASE_ANGLE_DEG`].
    pub const ORIGINAL: Concept = Concept {
        rotation_deg: 0.0,
        shift: 0.0,
        prior: 0.5,
    };

    /// The mean of the class-1 cloud (`class1`) or of the class-0 cloud.
    pub fn mean(&self, class1: bool) -> [f64; 2] {
        let base = BASE_ANGLE_DEG.to_radians();
        let along = [-base.sin(), base.cos()];
        let angle = base + self.rotation_deg.to_radians();
        let sign = if class1 { 0.5 } else { -0.5 };
        [
            sign * CLASS_SEPARATION * angle.cos() + self.shift * along[0],
            sign * CLASS_SEPARATION * angle.sin() + self.shift * along[1],
        ]
    }
}
