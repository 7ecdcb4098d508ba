//! Why settings cannot be used: [`ParamError`], which the check
//! ([`SimParams::check`](crate::sim::params::SimParams::check)) returns with
//! what was given and what is allowed, and the seed's and a number's checks.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::sim::params::{ParamField, MAX_SEED};
use crate::sim::retraining::cron::CronError;

/// A parameter that cannot be used, with what was given and what is allowed.
#[derive(Clone, Debug, PartialEq, Error, Serialize, Deserialize)]
pub enum ParamError {
    /// A cron expression that cannot be parsed.
    #[error("Cron schedule: {0}")]
    Cron(CronError),
    /// A number outside its allowed range.
    #[error("{field} must be between {min} and {max}, got {value}")]
    OutOfRange {
        /// Which parameter.
        field: ParamField,
        /// What was given.
        value: f64,
        /// Smallest allowed.
        min: f64,
        /// Largest allowed.
        max: f64,
    },
    /// NaN or infinity.
    #[error("{field} must be a finite number")]
    NotFinite {
        /// Which parameter.
        field: ParamField,
    },
    /// A seed above [`MAX_SEED`], which a JavaScript number cannot hold exactly.
    #[error("Seed must be a whole number from 0 to {max}, got {seed}")]
    SeedTooLarge {
        /// What was given.
        seed: u64,
        /// Largest allowed, [`MAX_SEED`].
        max: u64,
    },
}

/// Checks a seed against [`MAX_SEED`] (as [`SimParams::check`] does).
pub fn check_seed(seed: u64) -> Result<(), ParamError> {
    if seed > MAX_SEED {
        return Err(ParamError::SeedTooLarge {
            seed,
            max: MAX_SEED,
        });
    }
    Ok(())
}

/// Checks a number setting against its bounds.
pub(super) fn check_range(
    field: ParamField,
    value: f64,
    min: f64,
    max: f64,
) -> Result<(), ParamError> {
    if !value.is_finite() {
        return Err(ParamError::NotFinite { field });
    }
    if value < min || value > max {
        return Err(ParamError::OutOfRange {
            field,
            value,
            min,
            max,
        });
    }
    Ok(())
}
