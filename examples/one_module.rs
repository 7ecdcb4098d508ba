//! Measurement behind BENCHMARKS.md "One wasm module for page and worker?"
//! (issue 28): the page and the engine's worker compiled into ONE module, as
//! they would be if the worker instantiated the page's cached module instead of
//! downloading its own. It mounts the app where there is a window and registers
//! the engine's worker where there is none, so both halves are kept whole.
//!
//!   make one-module
//!
//! builds it with the page's profile (`release`, opt-level "z", wasm-opt -Oz)
//! and with the worker's (`worker-release`, opt-level 3, wasm-opt -O3) and
//! prints each file's size beside the two shipped files.

#[cfg(target_arch = "wasm32")]
fn main() {
    if web_sys::window().is_some() {
        retrain_playground::ui::crash::install_panic_hook();
        yew::Renderer::<retrain_playground::ui::app::App>::new().render();
    } else {
        retrain_playground::worker::register();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!("A size measurement for the browser: run `make one-module`.");
}
