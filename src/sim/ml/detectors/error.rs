//! The error every detector's settings are checked with.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A detector parameter that cannot be used.
#[derive(Clone, Debug, PartialEq, Error, Serialize, Deserialize)]
pub enum DetectorError {
    /// A parameter outside its allowed range (or not finite).
    #[error("{name} must be {allowed}, got {value}")]
    InvalidParameter {
        /// Which parameter, e.g. "ADWIN delta".
        name: String,
        /// What was given.
        value: f64,
        /// What is allowed, in words.
        allowed: String,
    },
}

pub(super) fn check(name: &str, value: f64, ok: bool, allowed: &str) -> Result<(), DetectorError> {
    if ok && value.is_finite() {
        Ok(())
    } else {
        Err(DetectorError::InvalidParameter {
            name: name.into(),
            value,
            allowed: allowed.into(),
        })
    }
}
