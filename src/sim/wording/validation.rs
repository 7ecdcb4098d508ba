//! Validation checks and their failures in words.

use crate::sim::retraining::validate::{ValidationCheck, ValidationFailure};

/// The failed validation checks in one line.
pub fn failures_text(failures: &[ValidationFailure]) -> String {
    failures
        .iter()
        .map(|f| format!("{}: {}", check_name(f.check()), failure_text(f)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A validation check's name, for the gates panel and alert messages.
pub fn check_name(check: ValidationCheck) -> &'static str {
    match check {
        ValidationCheck::EnoughRows => "enough rows",
        ValidationCheck::BothClasses => "both classes present",
        ValidationCheck::NoMissingValues => "no missing values",
        ValidationCheck::PlausibleRanges => "plausible feature ranges",
        ValidationCheck::LabelsValid => "labels valid",
    }
}

/// What a failed check found, in words.
pub fn failure_text(failure: &ValidationFailure) -> String {
    match failure {
        ValidationFailure::TooFewRows { rows, min } => {
            format!("only {rows} rows, need at least {min}")
        }
        ValidationFailure::SingleClass { class } => {
            format!("every label is class {class}, so there is no boundary to learn")
        }
        ValidationFailure::NonFinite { rows, first_row } => {
            format!("{rows} rows have missing values (first: row {first_row})")
        }
        ValidationFailure::OutOfRange {
            feature,
            rows,
            worst,
        } => format!(
            "{rows} rows have feature {feature} far outside the training range (worst {worst:.1})"
        ),
        ValidationFailure::LabelsLookFlipped { agreement } => format!(
            "the live model agrees with only {:.0}% of the new labels: they look flipped",
            agreement * 100.0
        ),
    }
}
