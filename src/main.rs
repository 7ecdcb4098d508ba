//! Mounts the app in the browser.

#[cfg(target_arch = "wasm32")]
fn main() {
    retrain_playground::ui::crash::install_panic_hook();
    yew::Renderer::<retrain_playground::ui::app::App>::new().render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!("Retrain Playground runs in the browser: run `make serve` and open the printed URL.");
}
