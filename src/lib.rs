//! Retrain Playground: a browser playground that shows why automated retraining
//! keeps machine-learning models fresh.
//!
//! `sim` is the pure core; `ui` is the Yew layer on top of it (wasm32 only).

pub mod sim;
