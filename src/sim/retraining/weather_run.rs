//! A run on the real weather file: what it is streaming (for the page to say and
//! draw), its mean scores, and why one could not start. Here, not in
//! `stream::weather` (the file and its features), because it reads the run.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::sim::retraining::cycle::SimError;
use crate::sim::retraining::history::CycleSummary;
use crate::sim::stream::weather::{FeaturePair, WeatherError};

/// What a weather run is streaming, for the page to say and draw.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct WeatherRun {
    /// The two features streamed.
    pub pair: FeaturePair,
    /// Days in the data.
    pub days: usize,
    /// Days with rain.
    pub rainy_days: usize,
    /// The newest batch's first and last day (1-based, day 1 is the file's
    /// first row); the initial batch before cycle 1.
    pub newest_days: (usize, usize),
    /// Whole cycles the data has left, from the next one that starts.
    pub cycles_left: u32,
    /// Whole cycles the data holds after the initial batch, from the start,
    /// at the batch size in force (what a policy race can run).
    pub cycles_in_data: u32,
    /// True when the data has run out and the last cycle is finished: no
    /// further cycle can start.
    pub ended: bool,
    /// The never-retrained v1's and the live model's mean accuracy over the
    /// finished cycles (`None` before the first one).
    pub means: Option<MeanScores>,
}

/// How far a run on real history has streamed (the weather, the Circle
/// data): rows, cycles left, the mean scores.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryProgress {
    /// The newest batch's first and last row (1-based); the initial batch
    /// before cycle 1.
    pub newest: (usize, usize),
    /// Whole cycles the data has left, from the next one that starts.
    pub cycles_left: u32,
    /// Whole cycles the data holds after the initial batch, from the start,
    /// at the batch size in force (what a policy race can run).
    pub cycles_in_data: u32,
    /// True when the data has run out and the last cycle is finished.
    pub ended: bool,
    /// v1's and the live model's mean accuracy over the finished cycles.
    pub means: Option<MeanScores>,
}

/// Mean accuracies on each cycle's new hold-out rows, over finished cycles.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeanScores {
    /// Cycles averaged.
    pub cycles: usize,
    /// v1, never retrained.
    pub v1: f64,
    /// The model live when each batch arrived (what users got).
    pub live: f64,
}

/// The mean scores over `summaries` (`None` when there are none).
pub fn mean_scores(summaries: &[CycleSummary]) -> Option<MeanScores> {
    let n = summaries.len();
    (n > 0).then(|| MeanScores {
        cycles: n,
        v1: summaries.iter().map(|s| s.v1_score).sum::<f64>() / n as f64,
        live: summaries.iter().map(|s| s.live_score).sum::<f64>() / n as f64,
    })
}

/// Why a weather run could not start (the run on screen stays as it was).
#[derive(Clone, Debug, PartialEq, Error, Serialize, Deserialize)]
pub enum WeatherStartError {
    /// The file, or the features asked for.
    #[error(transparent)]
    Data(#[from] WeatherError),
    /// A change of features before any file was read.
    #[error("the weather file has not been loaded yet")]
    NotLoaded,
    /// The settings, or the first model could not be trained.
    #[error(transparent)]
    Run(#[from] SimError),
}
