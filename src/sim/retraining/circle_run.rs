//! A run on the Circle data: what it is streaming (for the page to say and
//! draw) and why one could not start. Here, not in `stream::circle` (the file
//! and its circles), because it reads the run.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::sim::retraining::cycle::SimError;
use crate::sim::retraining::weather_run::HistoryProgress;
use crate::sim::stream::circle::{CircleError, CirclePhase};

/// What a Circle run is streaming, for the page to say and draw.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct CircleRun {
    /// Rows in the data.
    pub rows: usize,
    /// How far it has streamed.
    pub progress: HistoryProgress,
    /// Where the newest batch stands against the drift.
    pub phase: CirclePhase,
}

/// Why a Circle run could not start (the run on screen stays as it was).
#[derive(Clone, Debug, PartialEq, Error, Serialize, Deserialize)]
pub enum CircleStartError {
    /// The file.
    #[error(transparent)]
    Data(#[from] CircleError),
    /// A restart on the file before any file was read.
    #[error("the Circle file has not been loaded yet")]
    NotLoaded,
    /// The settings, or the first model could not be trained.
    #[error(transparent)]
    Run(#[from] SimError),
}
