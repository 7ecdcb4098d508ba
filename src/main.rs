//! Mounts the app in the browser.

#[cfg(target_arch = "wasm32")]
fn main() {
    retrain_playground::ui::crash::install_panic_hook();
    use retrain_playground::ui::app::{App, AppProps};
    use retrain_playground::ui::first_screen::FirstScreenState;
    // index.html paints the first screen (chapter 1, another chapter, or the
    // playground's skeleton) before any wasm arrives. Read what the reader did
    // there (the chapter, a prediction chosen, the focus), clear it and mount
    // the app in its place; the app's first view draws the same screen with
    // the same pick, and both happen before the browser paints again (Yew
    // renders in a microtask), so nothing flickers or moves.
    let document = web_sys::window().and_then(|w| w.document());
    // The shell's presenter type (index.html) gives way to the app's own
    // (`.app.presenter`), in the same task, before the next paint; a first
    // screen never swapped in (its script refused) is not left hidden.
    let mut presenter = false;
    if let Some(html) = document.as_ref().and_then(|d| d.document_element()) {
        presenter = html.class_list().contains("presenter-shell");
        let _ = html.class_list().remove_1("presenter-shell");
        let _ = html.remove_attribute("data-shell");
    }
    let root = document.and_then(|d| d.get_element_by_id("app-root"));
    match root {
        Some(root) => {
            let first_screen = FirstScreenState::read(&root, presenter);
            root.set_inner_html("");
            let props = AppProps {
                first_screen: Some(first_screen),
                ..AppProps::default()
            };
            yew::Renderer::<App>::with_root_and_props(root, props).render();
        }
        None => {
            yew::Renderer::<App>::new().render();
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!("Retrain Playground runs in the browser: run `make serve` and open the printed URL.");
}
