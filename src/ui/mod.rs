//! The Yew layer: `app` mounts the page (`page`, the playground's `layout`)
//! on its `connection` to the engine; one reducer (`state`) with the one queue
//! of commands in flight (`in_flight`); one component per file under
//! `components/`, one chart per file under `charts/`. Components take the
//! engine and the page's state from contexts (`hooks::use_send`,
//! `use_dispatch`, `use_playground`), never through a chain of props.
//!
//! The run itself (data stream, drift, training, the retraining cycle) is
//! reached only through `sim::protocol`: the page sends [`Command`]s to the
//! engine (`sim::engine`) in the Web Worker (`crate::worker`) and draws the
//! [`Reply`]s it answers with (the run's [`Snapshot`], an export, timings, the
//! reader's progress, the quizzes' graded questions, the lesson's text, what a
//! link or a scenario opened). Besides the protocol, the page uses the core's
//! pure, read-only pieces directly, on data it already holds: the types a snapshot carries
//! (outcomes, steps, registry, history), the functions that put them into
//! words or pick what to highlight (`sim::wording`, `sim::story`,
//! `sim::english`), the quiz's types and the predict-before-reveal helpers
//! (`sim::quiz`; the questions are built and graded by the engine, and the
//! reader's progress is the engine's, stored as text the engine writes), links
//! and scenarios as it writes or lists them (`sim::share`, `sim::scenarios`;
//! the engine reads the page's link and opens scenarios) and the settings
//! with their keys and labels (`sim::params`). None of them trains a model or touches the
//! run's state. Component tests also build an [`Engine`] on the page's thread
//! (`connection::LocalEngine`); the page never does.
//!
//! [`Command`]: crate::sim::engine::protocol::Command
//! [`Snapshot`]: crate::sim::engine::protocol::Snapshot
//! [`Reply`]: crate::sim::engine::protocol::Reply
//! [`Engine`]: crate::sim::engine::Engine

pub mod app;
pub mod charts;
pub mod components;
pub mod connection;
pub mod crash;
pub mod fetch;
pub mod first_screen;
pub mod hooks;
pub mod in_flight;
pub mod layout;
pub mod page;
pub mod state;
