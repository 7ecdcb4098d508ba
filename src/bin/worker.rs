//! The Web Worker that runs the simulation engine (see `retrain_playground::worker`).

#[cfg(target_arch = "wasm32")]
fn main() {
    use yew_agent::Registrable;
    console_error_panic_hook::set_once();
    retrain_playground::worker::EngineWorker::registrar()
        .encoding::<retrain_playground::worker::Postcard>()
        .register();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!("The engine worker runs in the browser; see `make serve`.");
}
