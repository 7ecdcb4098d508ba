//! The pure simulation core: a drifting data stream, real training with linfa,
//! evaluation, the model registry and the lesson's 8-step retraining cycle.
//!
//! Nothing here imports the browser (no yew, web-sys, js-sys or gloo): it is
//! tested natively and can run unchanged in a Web Worker.
//!
//! Layers, each importing only the ones below it (see ARCHITECTURE.md):
//! [`engine`] (the worker's messages, links, export) → [`teach`] (guide, lesson,
//! quizzes) → [`wording`] (the one place facts become sentences) → [`retraining`]
//! (settings, the eight steps, triggers, validation, history) → [`ml`] (training,
//! evaluation, detectors, the truth) → [`stream`] (drift, batches, CSV, weather)
//! → [`params`], [`english`], [`keys_and_labels`] (the shared vocabulary), [`order`]
//! (short sorts).

pub mod engine;
pub mod english;
pub mod keys_and_labels;
pub mod ml;
pub mod order;
pub mod params;
pub mod retraining;
pub mod stream;
pub mod teach;
#[doc(hidden)]
pub mod testing;
pub mod wording;
