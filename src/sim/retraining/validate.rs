//! Data validation before retraining (as TFX's ExampleValidator does): checks on
//! each new batch, and the faults a teacher can inject to show the gate working.

use serde::{Deserialize, Serialize};

use crate::sim::keys_and_labels::keys_and_labels;
use crate::sim::ml::train::MIN_TRAIN_ROWS;
use crate::sim::stream::Batch;

/// How far (in standard deviations of the reference data) a feature may sit from
/// the reference mean before it counts as implausible. Covariate drift at full
/// strength moves inputs about 2 deviations; injected faults move them by
/// thousands.
pub const MAX_PLAUSIBLE_SIGMAS: f64 = 10.0;
/// The labels look flipped when the live model's agreement with them is the
/// mirror image of its agreement with the previous batch (at most
/// `1 - previous + FLIP_TOLERANCE`), and the previous batch was healthy (at least
/// [`HEALTHY_AGREEMENT`]). A sudden full reversal of the world looks exactly like
/// a broken labelling pipeline; what tells them apart is persistence: a real
/// change is still there in the next batch, so the check lets it through then.
pub const FLIP_TOLERANCE: f64 = 0.08;
/// Agreement of a batch the live model still understands.
pub const HEALTHY_AGREEMENT: f64 = 0.5;

/// A fault injected into the next batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Fault {
    /// About a tenth of the rows lose a feature value (NaN).
    MissingValues,
    /// Every label becomes class 1.
    SingleClass,
    /// Every label is inverted (a broken labelling pipeline).
    FlippedLabels,
    /// A few rows carry absurd values (a unit or sensor error).
    OutOfRange,
}

keys_and_labels! {
    Fault {
        MissingValues => "missing", "Missing values";
        SingleClass => "single-class", "A single class";
        FlippedLabels => "flipped", "Flipped labels";
        OutOfRange => "out-of-range", "Out-of-range values";
    }
}

impl Fault {
    /// Applies the fault to a batch. Deterministic: which rows are hit depends
    /// only on their position.
    pub fn apply(self, batch: &mut Batch) {
        match self {
            Fault::MissingValues => {
                for (i, row) in batch.x.iter_mut().enumerate() {
                    if i % 10 == 3 {
                        row[i % 2] = f64::NAN;
                    }
                }
            }
            Fault::SingleClass => batch.y.iter_mut().for_each(|v| *v = true),
            Fault::FlippedLabels => batch.y.iter_mut().for_each(|v| *v = !*v),
            Fault::OutOfRange => {
                for (i, row) in batch.x.iter_mut().enumerate() {
                    if i % 25 == 7 {
                        row[0] *= 1_000.0;
                        row[1] = 9_999.0;
                    }
                }
            }
        }
    }
}

/// One check a new batch goes through, in the order they run. Its name is
/// rendered in one place (`wording::check_name`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ValidationCheck {
    /// At least as many rows as training needs.
    EnoughRows,
    /// Both classes among the labels.
    BothClasses,
    /// No missing or infinite feature values.
    NoMissingValues,
    /// Feature values within reach of what the live model was trained on.
    PlausibleRanges,
    /// Labels that do not look flipped.
    LabelsValid,
}

impl ValidationCheck {
    /// Every check, in the order they run.
    pub const ALL: [ValidationCheck; 5] = [
        ValidationCheck::EnoughRows,
        ValidationCheck::BothClasses,
        ValidationCheck::NoMissingValues,
        ValidationCheck::PlausibleRanges,
        ValidationCheck::LabelsValid,
    ];
}

/// One failed check, with what was found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ValidationFailure {
    /// Fewer rows than training needs.
    TooFewRows {
        /// Rows in the batch.
        rows: usize,
        /// Rows needed.
        min: usize,
    },
    /// Only one class present.
    SingleClass {
        /// The class present.
        class: u8,
    },
    /// Missing or infinite feature values.
    NonFinite {
        /// How many rows.
        rows: usize,
        /// The first one.
        first_row: usize,
    },
    /// Feature values far outside what the model was trained on.
    OutOfRange {
        /// Which feature (1 or 2).
        feature: u8,
        /// How many rows.
        rows: usize,
        /// The most extreme value.
        worst: f64,
    },
    /// The labels disagree with the live model far more than drift explains.
    LabelsLookFlipped {
        /// Share of labels the live model agrees with.
        agreement: f64,
    },
}

impl ValidationFailure {
    /// True for checks that read the labels (they wait for them when labels
    /// arrive late); the others look at the inputs only.
    pub fn needs_labels(&self) -> bool {
        matches!(
            self,
            ValidationFailure::SingleClass { .. } | ValidationFailure::LabelsLookFlipped { .. }
        )
    }

    /// The check that failed.
    pub fn check(&self) -> ValidationCheck {
        match self {
            ValidationFailure::TooFewRows { .. } => ValidationCheck::EnoughRows,
            ValidationFailure::SingleClass { .. } => ValidationCheck::BothClasses,
            ValidationFailure::NonFinite { .. } => ValidationCheck::NoMissingValues,
            ValidationFailure::OutOfRange { .. } => ValidationCheck::PlausibleRanges,
            ValidationFailure::LabelsLookFlipped { .. } => ValidationCheck::LabelsValid,
        }
    }
}

/// The outcome of validating one batch.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ValidationReport {
    /// The checks run, in order.
    pub checks: Vec<ValidationCheck>,
    /// The failures; empty means the batch passed.
    pub failures: Vec<ValidationFailure>,
    /// Share of the new labels the live model agrees with, when known.
    pub agreement: Option<f64>,
}

impl ValidationReport {
    /// True when every check passed.
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }

    /// The failure of `check`, if it failed.
    pub fn failure(&self, check: ValidationCheck) -> Option<&ValidationFailure> {
        self.failures.iter().find(|f| f.check() == check)
    }
}

/// Mean and standard deviation per feature of the finite rows.
fn moments(rows: &[[f64; 2]]) -> Option<[(f64, f64); 2]> {
    let finite: Vec<&[f64; 2]> = rows
        .iter()
        .filter(|r| r[0].is_finite() && r[1].is_finite())
        .collect();
    if finite.len() < 2 {
        return None;
    }
    let n = finite.len() as f64;
    let mut out = [(0.0, 0.0); 2];
    for (f, slot) in out.iter_mut().enumerate() {
        let mean = finite.iter().map(|r| r[f]).sum::<f64>() / n;
        let var = finite.iter().map(|r| (r[f] - mean).powi(2)).sum::<f64>() / (n - 1.0);
        *slot = (mean, var.sqrt().max(1e-9));
    }
    Some(out)
}

/// Validates `batch` against `reference` (the rows the live model knows) and the
/// live model's predictions on the batch (`live_predictions`, same order);
/// `previous_agreement` is the last batch's agreement (see [`FLIP_TOLERANCE`]).
pub fn validate_batch(
    batch: &Batch,
    reference: &[[f64; 2]],
    live_predictions: Option<&[bool]>,
    previous_agreement: Option<f64>,
) -> ValidationReport {
    let checks = ValidationCheck::ALL.to_vec();
    let mut failures = Vec::new();
    if batch.len() < MIN_TRAIN_ROWS {
        failures.push(ValidationFailure::TooFewRows {
            rows: batch.len(),
            min: MIN_TRAIN_ROWS,
        });
    }
    let positives = batch.positives();
    if !batch.is_empty() && (positives == 0 || positives == batch.len()) {
        failures.push(ValidationFailure::SingleClass {
            class: u8::from(positives > 0),
        });
    }
    let bad: Vec<usize> = batch
        .x
        .iter()
        .enumerate()
        .filter(|(_, r)| !r[0].is_finite() || !r[1].is_finite())
        .map(|(i, _)| i)
        .collect();
    if let Some(&first_row) = bad.first() {
        failures.push(ValidationFailure::NonFinite {
            rows: bad.len(),
            first_row,
        });
    }
    if let Some(m) = moments(reference) {
        for (f, (mean, sd)) in m.iter().enumerate() {
            let far: Vec<f64> = batch
                .x
                .iter()
                .map(|r| r[f])
                .filter(|v| v.is_finite() && ((v - mean) / sd).abs() > MAX_PLAUSIBLE_SIGMAS)
                .collect();
            if !far.is_empty() {
                let worst =
                    far.iter()
                        .copied()
                        .fold(0.0_f64, |a, v| if v.abs() > a.abs() { v } else { a });
                failures.push(ValidationFailure::OutOfRange {
                    feature: f as u8 + 1,
                    rows: far.len(),
                    worst,
                });
            }
        }
    }
    let agreement = live_predictions
        .filter(|p| !batch.is_empty() && p.len() == batch.len())
        .map(|pred| {
            let agree = pred.iter().zip(&batch.y).filter(|(p, y)| p == y).count();
            agree as f64 / batch.len() as f64
        });
    if let Some(a) = agreement {
        let mirrored = previous_agreement
            .is_some_and(|p| p >= HEALTHY_AGREEMENT && a <= 1.0 - p + FLIP_TOLERANCE);
        if mirrored {
            failures.push(ValidationFailure::LabelsLookFlipped { agreement: a });
        }
    }
    ValidationReport {
        checks,
        failures,
        agreement,
    }
}

// Native only: the core is tested natively (proptest and approx are native dev-dependencies).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::stream::drift::DriftState;
    use crate::sim::stream::{generate_batch, rng_from_seed};

    fn batch(seed: u64, shift: f64) -> Batch {
        let mut d = DriftState::none(1);
        d.covariate_shift = shift;
        generate_batch(&mut rng_from_seed(seed), 1, 400, &d, 0.05)
    }

    #[test]
    fn a_healthy_batch_passes_even_under_full_covariate_drift() {
        let reference = batch(1, 0.0);
        let report = validate_batch(&batch(2, 4.0), &reference.x, None, None);
        assert!(report.passed(), "{:?}", report.failures);
        assert_eq!(report.checks, ValidationCheck::ALL);
    }

    #[test]
    fn each_fault_fails_the_check_that_names_it() {
        let reference = batch(1, 0.0);
        for (fault, check) in [
            (Fault::MissingValues, ValidationCheck::NoMissingValues),
            (Fault::SingleClass, ValidationCheck::BothClasses),
            (Fault::OutOfRange, ValidationCheck::PlausibleRanges),
        ] {
            let mut b = batch(3, 0.0);
            fault.apply(&mut b);
            let report = validate_batch(&b, &reference.x, None, None);
            assert!(
                report.failure(check).is_some(),
                "{fault:?}: {:?}",
                report.failures
            );
        }
    }

    #[test]
    fn flipped_labels_are_caught_by_disagreement_with_the_live_model() {
        let reference = batch(1, 0.0);
        let mut b = batch(4, 0.0);
        let truthful = b.y.clone();
        Fault::FlippedLabels.apply(&mut b);
        // A live model that predicts the true labels (an ideal stale model).
        let report = validate_batch(&b, &reference.x, Some(&truthful), Some(0.9));
        assert!(matches!(
            report.failures.as_slice(),
            [ValidationFailure::LabelsLookFlipped { agreement }] if *agreement < 0.01
        ));
        assert!(report.failure(ValidationCheck::LabelsValid).is_some());
        // The same disagreement twice in a row is a real change, not bad data.
        let again = validate_batch(&b, &reference.x, Some(&truthful), report.agreement);
        assert!(again.passed(), "{:?}", again.failures);
    }

    #[test]
    fn tiny_and_empty_batches_fail_without_panicking() {
        let empty = Batch::default();
        let report = validate_batch(&empty, &[], Some(&[]), None);
        assert!(!report.passed());
        assert!(matches!(
            report.failures[0],
            ValidationFailure::TooFewRows { rows: 0, .. }
        ));
    }

    #[test]
    fn fault_keys_round_trip() {
        for f in Fault::ALL {
            assert_eq!(Fault::from_key(f.key()), Some(f));
        }
    }
}
