//! The Yew layer: one reducer (`state`), one component per file under
//! `components/`, one chart per file under `charts/`.
//!
//! The run itself (data stream, drift, training, the retraining cycle) is
//! reached only through `sim::protocol`: the page sends [`Command`]s to the
//! engine (`sim::engine`) in the Web Worker (`crate::worker`) and draws the
//! [`Reply`]s it answers with (the run's [`Snapshot`], an export, timings, the
//! reader's progress, the quizzes' graded questions, the lesson's text). Besides
//! the protocol, the page uses the core's pure, read-only
//! pieces directly, on data it already holds: the types a snapshot carries
//! (outcomes, steps, registry, history), the functions that put them into
//! words or pick what to highlight (`sim::wording`, `sim::story`,
//! `sim::english`), the quiz's types and the predict-before-reveal helpers
//! (`sim::quiz`; the questions are built and graded by the engine, and the
//! reader's progress is the engine's, stored as text the engine writes), links
//! and scenarios (`sim::share`, `sim::scenarios`) and the settings with their
//! keys and labels (`sim::params`). None of them trains a model or touches the
//! run's state. Component tests also build an [`Engine`] on the page's thread
//! (`app::LocalEngine`); the page never does.
//!
//! [`Command`]: crate::sim::engine::protocol::Command
//! [`Snapshot`]: crate::sim::engine::protocol::Snapshot
//! [`Reply`]: crate::sim::engine::protocol::Reply
//! [`Engine`]: crate::sim::engine::Engine

pub mod app;
pub mod charts;
pub mod components;
pub mod crash;
pub mod fetch;
pub mod hooks;
pub mod state;
