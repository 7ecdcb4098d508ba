//! The pure simulation core: a drifting data stream, real training with linfa,
//! evaluation, the model registry and the lesson's 8-step retraining cycle.
//!
//! Nothing here imports the browser (no yew, web-sys, js-sys or gloo): it is
//! tested natively and can run unchanged in a Web Worker.

pub mod below_half;
pub mod calendar;
pub mod cost;
pub mod cron;
pub mod csv_data;
pub mod cycle;
pub mod detectors;
pub mod drift;
pub mod engine;
pub mod english;
pub mod evaluate;
pub mod export;
pub mod glossary;
pub mod guide;
pub mod history;
pub mod keys_and_labels;
pub mod lesson;
pub mod outcome;
pub mod params;
pub mod protocol;
pub mod quiz;
pub mod race;
pub mod registry;
pub mod scenarios;
pub mod settings;
pub mod share;
pub mod steps;
pub mod story;
pub mod stream;
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod testing;
pub mod train;
pub mod triggers;
pub mod truth;
pub mod validate;
pub mod weather;
pub mod wording;
