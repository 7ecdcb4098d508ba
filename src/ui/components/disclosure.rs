//! A section's heading that folds the section away: the heading stays a
//! heading, its text a disclosure button (`aria-expanded`) that shows or hides
//! what follows it. On a phone the page is one long column, and a student
//! scrolls past the long sections (the settings, the lesson, the glossary) to
//! reach the charts; folded, each is one line. Folding only hides (`hidden`):
//! what is inside keeps its state, a slider its value, a quiz its answer.
//!
//! Open on a wide screen; on a narrow one (the layout's single column) the
//! sections that ask for it start folded. A link to something inside a folded
//! section (the section links of the mode bar) opens it, and so does a control
//! that points into it (`reveal`).

use gloo_events::EventListener;
use yew::prelude::*;

/// The page's single column (static/style.css's phone block, `max-width:
/// 760px`): where the run controls stick to the top and sections may start
/// folded.
pub const NARROW_SCREEN: &str = "(max-width: 760px)";

/// Props of [`Disclosure`].
#[derive(Properties, PartialEq)]
pub struct DisclosureProps {
    /// The heading's text, also the button's name.
    pub title: AttrValue,
    /// The heading's id (the section's `aria-labelledby`); the body's id is
    /// this with `-body`.
    pub title_id: AttrValue,
    /// The heading's classes (`section-title` for the page's tool sections).
    #[prop_or_default]
    pub heading_class: Classes,
    /// Start folded on a narrow screen (a long section a student seldom needs
    /// while the run plays). Wide screens always start open.
    #[prop_or_default]
    pub folds_on_phone: bool,
    /// Opens the section when it turns true: a control elsewhere points into
    /// it (a key moment of the lesson highlights a row of the process table).
    #[prop_or_default]
    pub reveal: bool,
    /// Shown in the heading after the button (a cycle number), folded or not.
    #[prop_or_default]
    pub after: Html,
    /// The section's body, below its heading.
    #[prop_or_default]
    pub children: Html,
}

/// True on a narrow screen (see [`NARROW_SCREEN`]).
fn narrow_screen() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media(NARROW_SCREEN).ok().flatten())
        .is_some_and(|m| m.matches())
}

/// The element the address's `#fragment` names, if any.
fn hash_target() -> Option<web_sys::Element> {
    let window = web_sys::window()?;
    let hash = window.location().hash().ok()?;
    let id = hash.strip_prefix('#').filter(|id| !id.is_empty())?;
    window.document()?.get_element_by_id(id)
}

/// A heading whose text folds and unfolds the section's body.
#[component]
pub fn Disclosure(props: &DisclosureProps) -> Html {
    let folds_on_phone = props.folds_on_phone;
    let open = use_state(move || !(folds_on_phone && narrow_screen()));
    let body = use_node_ref();
    // While folded: a link to the section, or to something in it, opens it
    // and shows its target (hidden, the target could not be scrolled to).
    {
        let (open, body) = (open.clone(), body.clone());
        use_effect_with(*open, move |&is_open| {
            let listener = web_sys::window().filter(|_| !is_open).map(|window| {
                EventListener::new(&window, "hashchange", move |_| {
                    let (Some(target), Some(el)) = (hash_target(), body.cast::<web_sys::Element>())
                    else {
                        return;
                    };
                    let section = el.parent_element();
                    if section.is_some_and(|s| s.contains(Some(&*target))) {
                        // Shown now, not at the next render, so the scroll lands.
                        let _ = el.remove_attribute("hidden");
                        open.set(true);
                        target.scroll_into_view();
                    }
                })
            });
            move || drop(listener)
        });
    }
    {
        let open = open.clone();
        use_effect_with(props.reveal, move |&reveal| {
            if reveal {
                open.set(true);
            }
        });
    }
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let body_id = format!("{}-body", props.title_id);
    html! {
        <>
            <h2 id={props.title_id.clone()} class={classes!("disclosure-title", props.heading_class.clone())}>
                <button type="button" class="disclosure-toggle" aria-expanded={open.to_string()}
                    aria-controls={body_id.clone()} onclick={toggle}>{ props.title.clone() }</button>
                { props.after.clone() }
            </h2>
            <div id={body_id} class="disclosure-body" hidden={!*open} ref={body}>
                { props.children.clone() }
            </div>
        </>
    }
}
