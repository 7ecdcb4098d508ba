//! The Yew layer: one reducer (`state`), one component per file under
//! `components/`, one chart per file under `charts/`. It talks to the core only
//! through `sim::protocol` commands and snapshots.

pub mod app;
pub mod charts;
pub mod components;
pub mod crash;
pub mod state;
