//! The Web Worker that runs the simulation engine (see `retrain_playground::worker`).

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    retrain_playground::worker::register();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!("The engine worker runs in the browser; see `make serve`.");
}
