//! What retraining costs, in the playground's own unit: each training run that
//! produces a model (a candidate, deployed or not) costs a fixed amount
//! ([`SimParams::retrain_fixed_cost`](crate::sim::params::SimParams::retrain_fixed_cost))
//! plus one unit per [`ROWS_PER_UNIT`] rows it trained on. A training
//! that fails (too few rows, one class only) makes no model and costs nothing;
//! v1's first training is the starting point, not a retrain, and is not
//! counted either.
//!
//! Costs are kept in thousandths of a unit, as whole numbers, so that a total
//! is exactly the sum of its parts however many retrains it adds up.

use std::iter::Sum;
use std::ops::{Add, AddAssign, Sub};

use serde::{Deserialize, Serialize};

pub use crate::sim::params::{DEFAULT_FIXED_COST, MAX_FIXED_COST};
/// How many training rows cost one unit.
pub const ROWS_PER_UNIT: usize = 1_000;

/// Thousandths of a unit in one unit.
const MILLI: u64 = 1_000;
// One row is exactly one thousandth of a unit.
const _: () = assert!(ROWS_PER_UNIT as u64 == MILLI);

/// An amount of the playground's cost unit, exact to a thousandth.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Cost {
    milli: u64,
}

impl Cost {
    /// Nothing.
    pub const ZERO: Cost = Cost { milli: 0 };

    /// `milli` thousandths of a unit.
    pub fn from_milli(milli: u64) -> Self {
        Cost { milli }
    }

    /// Whole units.
    pub fn from_units(units: u32) -> Self {
        Cost {
            milli: u64::from(units) * MILLI,
        }
    }

    /// In thousandths of a unit (exact).
    pub fn milli(self) -> u64 {
        self.milli
    }

    /// In units (for drawing; sums are taken on [`Cost`] itself).
    pub fn units(self) -> f64 {
        self.milli as f64 / MILLI as f64
    }

    /// The whole units and the thousandths left over: 6.05 → (6, 50).
    pub fn split(self) -> (u64, u64) {
        (self.milli / MILLI, self.milli % MILLI)
    }
}

impl Add for Cost {
    type Output = Cost;
    fn add(self, other: Cost) -> Cost {
        Cost {
            milli: self.milli.saturating_add(other.milli),
        }
    }
}

impl AddAssign for Cost {
    fn add_assign(&mut self, other: Cost) {
        *self = *self + other;
    }
}

/// A difference that cannot go below zero (a total less what came after it).
impl Sub for Cost {
    type Output = Cost;
    fn sub(self, other: Cost) -> Cost {
        Cost {
            milli: self.milli.saturating_sub(other.milli),
        }
    }
}

impl Sum for Cost {
    fn sum<I: Iterator<Item = Cost>>(iter: I) -> Cost {
        iter.fold(Cost::ZERO, Add::add)
    }
}

/// The cost of one retrain and the two parts of the rule it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetrainCost {
    /// The fixed part in force when it trained, in units.
    pub fixed: u32,
    /// The rows it trained on (each costs a thousandth of a unit).
    pub rows: usize,
}

impl RetrainCost {
    /// The rule: `fixed` units plus one unit per [`ROWS_PER_UNIT`] training rows.
    pub fn new(fixed: u32, rows: usize) -> Self {
        RetrainCost { fixed, rows }
    }

    /// The rows' part.
    pub fn rows_part(&self) -> Cost {
        Cost::from_milli(self.rows as u64)
    }

    /// Both parts together.
    pub fn total(&self) -> Cost {
        Cost::from_units(self.fixed) + self.rows_part()
    }
}

// Native only: the core is tested natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn a_retrain_costs_its_fixed_part_plus_a_unit_per_thousand_rows() {
        let c = RetrainCost::new(5, 1_050);
        assert_eq!(c.total(), Cost::from_milli(6_050));
        assert_eq!(c.total().split(), (6, 50));
        assert_eq!(c.rows_part().units(), 1.05);
        assert_eq!(RetrainCost::new(0, 350).total().units(), 0.35);
        assert_eq!(RetrainCost::new(50, 100_000).total(), Cost::from_units(150));
    }

    #[test]
    fn sums_are_exact_however_many_parts() {
        // 0.1 + 0.2 in floats is not 0.3; in thousandths it is.
        let parts = [Cost::from_milli(100), Cost::from_milli(200)];
        assert_eq!(parts.iter().copied().sum::<Cost>(), Cost::from_milli(300));
        let many: Cost = (0..10_000)
            .map(|_| RetrainCost::new(5, 1_050).total())
            .sum();
        assert_eq!(many, Cost::from_milli(60_500_000));
        assert_eq!(many - Cost::from_milli(60_500_001), Cost::ZERO);
    }
}
