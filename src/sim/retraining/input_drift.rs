//! Per-feature input drift, as a monitoring dashboard shows it: each cycle,
//! the two-sample Kolmogorov–Smirnov test (`ml::detectors::ks`) on each
//! feature, between the rows the live model was trained on (its training
//! window, as far as it is still stored) and the newest batch's inputs. It
//! needs no labels, so a team has it the moment a batch arrives; it sees only
//! how the inputs are spread, never the rule that labels them.

use serde::{Deserialize, Serialize};

use crate::sim::ml::detectors::{ks_per_feature, KsResult};

/// At most this many of the training window's newest rows are compared (a
/// window of all data holds up to 100,000; sorting them every cycle would
/// cost more than the rest of the cycle, and 20,000 rows already make the
/// test's own noise far smaller than any drift the page can set).
pub const MAX_REFERENCE_ROWS: usize = 20_000;

/// The KS test on each feature for one batch.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct InputDrift {
    /// The cycle whose batch was compared.
    pub cycle: u32,
    /// Feature 1's and feature 2's statistic D and p-value.
    pub ks: [KsResult; 2],
    /// The significance level: a p-value below it counts as drift.
    pub alpha: f64,
    /// Rows of the training window compared.
    pub reference_rows: u32,
    /// Rows of the batch compared.
    pub batch_rows: u32,
}

impl InputDrift {
    /// The test of `batch` against `reference` (its newest
    /// [`MAX_REFERENCE_ROWS`] rows) at cycle `cycle`, at level `alpha` (the
    /// run's KS α setting, the level the KS trigger uses too).
    pub fn measure(
        cycle: u32,
        reference: &[[f64; 2]],
        batch: &[[f64; 2]],
        alpha: f64,
    ) -> InputDrift {
        let reference = &reference[reference.len().saturating_sub(MAX_REFERENCE_ROWS)..];
        InputDrift {
            cycle,
            ks: ks_per_feature(reference, batch),
            alpha,
            reference_rows: reference.len() as u32,
            batch_rows: batch.len() as u32,
        }
    }

    /// Whether feature `f` (0 or 1) drifted: its p-value is below α.
    pub fn drifted(&self, f: usize) -> bool {
        self.ks.get(f).is_some_and(|r| r.p_value < self.alpha)
    }

    /// Whether either feature drifted.
    pub fn any_drifted(&self) -> bool {
        self.drifted(0) || self.drifted(1)
    }
}

// Native only: the core is tested natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::ml::detectors::ks_2samp;
    use crate::sim::retraining::triggers::KS_ALPHA;

    #[test]
    fn each_feature_is_tested_on_its_own_column() {
        // Feature 1 identical, feature 2 moved by far more than its spread.
        let reference: Vec<[f64; 2]> = (0..200).map(|i| [i as f64, i as f64]).collect();
        let batch: Vec<[f64; 2]> = (0..100)
            .map(|i| [2.0 * i as f64, 1000.0 + i as f64])
            .collect();
        let d = InputDrift::measure(4, &reference, &batch, KS_ALPHA);
        let col = |rows: &[[f64; 2]], f: usize| rows.iter().map(|r| r[f]).collect::<Vec<_>>();
        assert_eq!(d.ks[0], ks_2samp(&col(&reference, 0), &col(&batch, 0)));
        assert_eq!(d.ks[1].statistic, 1.0);
        assert!(d.ks[1].p_value < 1e-10);
        assert!(d.drifted(1) && d.any_drifted());
        assert!(!d.drifted(2), "there are two features");
        assert_eq!((d.cycle, d.reference_rows, d.batch_rows), (4, 200, 100));
        assert_eq!(d.alpha, KS_ALPHA);
    }

    #[test]
    fn identical_inputs_show_no_drift() {
        let rows: Vec<[f64; 2]> = (0..300)
            .map(|i| [(i % 17) as f64, (i % 5) as f64])
            .collect();
        let d = InputDrift::measure(1, &rows, &rows, KS_ALPHA);
        assert_eq!(d.ks[0].statistic, 0.0);
        assert_eq!(d.ks[1].p_value, 1.0);
        assert!(!d.any_drifted());
    }

    #[test]
    fn only_the_newest_reference_rows_are_compared() {
        let mut reference = vec![[100.0, 100.0]; 5];
        reference.extend((0..MAX_REFERENCE_ROWS).map(|i| [i as f64, 0.0]));
        let d = InputDrift::measure(2, &reference, &[[1.0, 0.0], [2.0, 0.0]], KS_ALPHA);
        assert_eq!(d.reference_rows as usize, MAX_REFERENCE_ROWS);
        let empty = InputDrift::measure(2, &[], &[], KS_ALPHA);
        assert_eq!(empty.ks, [KsResult::NO_EVIDENCE; 2]);
    }
}
