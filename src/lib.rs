//! Retrain Playground: a browser playground that shows why automated retraining
//! keeps machine-learning models fresh.
//!
//! `sim` is the pure core (no browser imports, tested natively); `ui` is the thin
//! Yew layer on top of it, compiled for the browser only.

pub mod sim;

/// The first screen index.html paints before any wasm (a build step writes
/// it; the app's waiting view uses its placeholders).
pub mod first_screen;

#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(target_arch = "wasm32")]
pub mod worker;
