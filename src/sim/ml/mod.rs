//! Machine learning: training (linfa), evaluation, drift detectors and what the
//! simulator knows to be true (expected accuracy, the best possible).

pub mod detectors;
pub mod estimate;
pub mod evaluate;
pub mod train;
pub mod truth;
