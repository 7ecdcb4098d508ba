//! The last line of defence: if the page's wasm ever panics (the core returns
//! errors, so it should not), a friendly notice with a Reset button replaces a
//! dead page. The panic is still logged, so tests fail on it.

use gloo_events::EventListener;

/// The id of the crash notice.
pub const CRASH_ID: &str = "crash-notice";

/// Installs the panic hook: log the panic, then show the notice.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_crash_notice();
    }));
}

/// Shows "something went wrong — Reset" at the top of the page (once). Built
/// with DOM calls, never from HTML text; Reset reloads the page, whose address
/// still holds the settings.
pub fn show_crash_notice() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.get_element_by_id(CRASH_ID).is_some() {
        return;
    }
    let Some(body) = document.body() else {
        return;
    };
    let build = || -> Option<()> {
        let notice = document.create_element("div").ok()?;
        notice.set_id(CRASH_ID);
        notice.set_class_name("crash");
        notice.set_attribute("role", "alert").ok()?;
        let text = document.create_element("p").ok()?;
        text.set_text_content(Some(
            "Something went wrong and the playground stopped. Your settings are kept in the address bar.",
        ));
        let button = document.create_element("button").ok()?;
        button.set_attribute("type", "button").ok()?;
        button.set_text_content(Some("Reset"));
        EventListener::new(&button, "click", |_| {
            if let Some(w) = web_sys::window() {
                // Reloading starts a fresh wasm instance; a refusal leaves the notice up.
                let _ = w.location().reload();
            }
        })
        .forget();
        notice.append_child(&text).ok()?;
        notice.append_child(&button).ok()?;
        body.prepend_with_node_1(&notice).ok()?;
        Some(())
    };
    // Nothing more can be done if even this fails; the panic is already logged.
    let _ = build();
}
