//! A term defined where the text first uses it: a `<dfn>` in a link to its
//! glossary entry, with the definition as a tooltip beside it.
//!
//! The tooltip is the link's description (`aria-describedby`), so a screen
//! reader reads it with the link. It shows on hover (pointers that can hover)
//! and on keyboard focus (`:focus-visible`), both in CSS; Escape hides it
//! without moving the focus or the pointer. A tap (touch or pen) toggles it
//! instead of following the link, and a tap elsewhere closes it. A click or
//! Enter follows the link, opening the glossary's `<details>` if it is folded.
//! Which text is a first use is decided by `sim::glossary`.

use gloo_events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use crate::sim::teach::glossary::{mark_paragraphs, term, Segment};

/// Props of [`GlossaryTerm`].
#[derive(Properties, PartialEq)]
pub struct GlossaryTermProps {
    /// The words as the paragraph writes them.
    pub text: &'static str,
    /// The term's key in `sim::glossary` (its entry is `#glossary-<key>`).
    pub term: &'static str,
}

/// True when a click came from a finger or a pen (Chrome and Firefox send
/// clicks as `PointerEvent`s; a keyboard's click has an empty pointer type).
fn is_tap(e: &MouseEvent) -> bool {
    js_sys::Reflect::get(e, &JsValue::from_str("pointerType"))
        .ok()
        .and_then(|v| v.as_string())
        .is_some_and(|t| t == "touch" || t == "pen")
}

/// Opens the folded glossary around `id` (the guide's `<details>`), so the
/// link lands on a visible entry.
fn unfold_glossary_at(id: &str) {
    let details = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|el| el.closest("details").ok().flatten());
    if let Some(details) = details {
        // Only a missing element could refuse: then the link still scrolls.
        let _ = details.set_attribute("open", "");
    }
}

/// The first use of a glossary term, linked to its entry, with its
/// definition as a tooltip.
#[component]
pub fn GlossaryTerm(props: &GlossaryTermProps) -> Html {
    let tapped = use_state(|| false);
    let dismissed = use_state(|| false);
    let hovered = use_state(|| false);
    let focused = use_state(|| false);
    let wrapper = use_node_ref();

    // Escape hides the tooltip however it shows; a tap elsewhere closes a
    // tapped one. Listening only while it may show keeps one listener per
    // term at most, and none most of the time.
    {
        let (tapped, dismissed, wrapper) = (tapped.clone(), dismissed.clone(), wrapper.clone());
        let listening = *hovered || *focused || *tapped;
        let is_tapped = *tapped;
        use_effect_with((listening, is_tapped), move |&(listening, is_tapped)| {
            let document = web_sys::window().and_then(|w| w.document());
            let escape = document.clone().filter(|_| listening).map(|doc| {
                let (tapped, dismissed) = (tapped.clone(), dismissed.clone());
                EventListener::new(&doc, "keydown", move |e| {
                    if e.dyn_ref::<KeyboardEvent>()
                        .is_some_and(|k| k.key() == "Escape")
                    {
                        dismissed.set(true);
                        tapped.set(false);
                    }
                })
            });
            let outside = document.filter(|_| is_tapped).map(|doc| {
                EventListener::new(&doc, "pointerdown", move |e| {
                    let target = e.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
                    let inside = wrapper.get().is_some_and(|w| w.contains(target.as_ref()));
                    if !inside {
                        tapped.set(false);
                    }
                })
            });
            move || drop((escape, outside))
        });
    }

    let Some(t) = term(props.term) else {
        return html! { { props.text } };
    };
    let entry = format!("glossary-{}", t.key);
    let tip = format!("glossary-tip-{}", t.key);
    let onclick = {
        let (tapped, dismissed, entry) = (tapped.clone(), dismissed.clone(), entry.clone());
        Callback::from(move |e: MouseEvent| {
            if is_tap(&e) {
                e.prevent_default();
                let showing = *tapped;
                tapped.set(!showing);
                // Closing hides it even where a tap leaves hover or focus behind.
                dismissed.set(showing);
            } else {
                unfold_glossary_at(&entry);
            }
        })
    };
    // A new hover or focus shows the tooltip again after an Escape.
    let onmouseenter = {
        let (hovered, dismissed) = (hovered.clone(), dismissed.clone());
        Callback::from(move |_: MouseEvent| {
            hovered.set(true);
            dismissed.set(false);
        })
    };
    let onmouseleave = {
        let hovered = hovered.clone();
        Callback::from(move |_: MouseEvent| hovered.set(false))
    };
    let onfocus = {
        let (focused, dismissed) = (focused.clone(), dismissed.clone());
        Callback::from(move |_: FocusEvent| {
            focused.set(true);
            dismissed.set(false);
        })
    };
    let onblur = {
        let (focused, tapped) = (focused.clone(), tapped.clone());
        Callback::from(move |_: FocusEvent| {
            focused.set(false);
            tapped.set(false);
        })
    };
    html! {
        <span ref={wrapper} class={classes!("term", tapped.then_some("open"), dismissed.then_some("dismissed"))}
              {onmouseenter} {onmouseleave}>
            <a class="term-link" href={format!("#{entry}")} aria-describedby={tip.clone()}
               {onclick} {onfocus} {onblur}><dfn>{ props.text }</dfn></a>
            <span class="term-tip" role="tooltip" id={tip}>{ t.definition }</span>
        </span>
    }
}

/// `paragraphs` as `<p>`s, the first use of each glossary term in them
/// marked as a [`GlossaryTerm`].
pub fn glossed_paragraphs(paragraphs: &[&'static str]) -> Html {
    mark_paragraphs(paragraphs)
        .into_iter()
        .map(|segments| {
            html! {
                <p class="glossed">
                    { for segments.into_iter().map(|s| match s {
                        Segment::Text(text) => html! { { text } },
                        Segment::Term { text, key } => html! { <GlossaryTerm {text} term={key} /> },
                    }) }
                </p>
            }
        })
        .collect()
}
