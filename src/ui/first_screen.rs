//! What the reader did on the first screen (index.html's markup, painted
//! before any wasm: `crate::first_screen` writes it at build time) before the
//! app mounted: the chapter it showed, the prediction chosen, the element
//! focused. `main.rs` reads it from the markup just before the app replaces
//! it; the app's waiting view shows the same chapter with the same pick and
//! focus, so the change is invisible.

use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The first screen as the reader left it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FirstScreenState {
    /// The chapter it showed (`None`: the playground's skeleton).
    pub chapter: Option<u8>,
    /// The prediction chosen there (the option's index).
    pub pick: Option<usize>,
    /// The id of the element that had the keyboard focus.
    pub focus: Option<String>,
    /// It had the projector's type (the link asks for the presenter view).
    pub presenter: bool,
}

impl FirstScreenState {
    /// Reads the first screen inside `root` (before it is cleared), in the
    /// projector's type or not.
    pub fn read(root: &web_sys::Element, presenter: bool) -> FirstScreenState {
        let find = |selector: &str| root.query_selector(selector).ok().flatten();
        let chapter = find("section.guide[data-chapter]")
            .and_then(|s| s.get_attribute("data-chapter"))
            .and_then(|n| n.parse().ok());
        let pick = find("input[name=\"guide-prediction\"]:checked")
            .map(|i| i.id())
            .and_then(|id| id.strip_prefix("predict-").and_then(|n| n.parse().ok()));
        let focus = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .filter(|e| root.contains(Some(e)))
            .map(|e| e.id())
            .filter(|id| !id.is_empty());
        FirstScreenState {
            chapter,
            pick,
            focus,
            presenter,
        }
    }

    /// The pick made on the first screen for chapter `n`, if any.
    pub fn pick_for(&self, n: u8) -> Option<usize> {
        self.pick.filter(|_| self.chapter == Some(n))
    }
}

/// The first screen as the reader left it (empty in component tests).
#[hook]
pub fn use_first_screen() -> FirstScreenState {
    use_context::<FirstScreenState>().unwrap_or_default()
}

/// Gives the keyboard focus back to the element the first screen had it on,
/// once the app has drawn its own (same id).
#[hook]
pub fn use_focus_restored() {
    let first = use_first_screen();
    use_effect_with((), move |_| {
        let element = first.focus.as_ref().and_then(|id| {
            web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(id))
        });
        if let Some(el) = element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    });
}
