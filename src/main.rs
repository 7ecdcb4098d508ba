//! Mounts the app in the browser.

#[cfg(target_arch = "wasm32")]
fn main() {
    retrain_playground::ui::crash::install_panic_hook();
    // index.html paints a static shell (header and a loading state) before any
    // wasm arrives. Clear it and mount the app in its place; the app's first
    // view draws the same shell, and both happen before the browser paints
    // again (Yew renders in a microtask), so nothing flickers or moves.
    let document = web_sys::window().and_then(|w| w.document());
    // The shell's presenter type (index.html) gives way to the app's own
    // (`.app.presenter`), in the same task, before the next paint.
    if let Some(html) = document.as_ref().and_then(|d| d.document_element()) {
        let _ = html.class_list().remove_1("presenter-shell");
    }
    let root = document.and_then(|d| d.get_element_by_id("app-root"));
    match root {
        Some(root) => {
            root.set_inner_html("");
            yew::Renderer::<retrain_playground::ui::app::App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<retrain_playground::ui::app::App>::new().render();
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!("Retrain Playground runs in the browser: run `make serve` and open the printed URL.");
}
