//! The lesson itself: the concept snapshot, the key moments (each linked to the
//! process-table row it explains) and a full transcript of what the animation
//! shows, so the page works for screen-reader users and as a handout. The text
//! is the engine's (`sim::lesson`, asked for once when the section mounts); the
//! live transcript of this run is worded here from the snapshot's typed rows.

use std::rc::Rc;

use yew::prelude::*;

use super::disclosure::Disclosure;
use crate::sim::engine::protocol::{Command, Snapshot};
use crate::sim::teach::lesson::LessonText;
use crate::sim::wording::{
    transcript_decision, transcript_so_far, transcript_start, transcript_step,
};
use crate::ui::hooks::{use_ask_once, use_dispatch};
use crate::ui::state::Action;

/// Props of [`Lesson`].
#[derive(Properties, PartialEq)]
pub struct LessonProps {
    /// The run, for the live transcript.
    pub snapshot: Rc<Snapshot>,
    /// The lesson's text, once the engine has sent it.
    pub lesson: Option<Rc<LessonText>>,
    /// The table row highlighted now.
    pub highlighted: Option<u8>,
}

/// The lesson section.
#[component]
pub fn Lesson(props: &LessonProps) -> Html {
    use_ask_once(props.lesson.is_some(), Command::Lesson);
    let dispatch = use_dispatch();
    let s = &props.snapshot;
    let highlight = |step: u8| {
        let dispatch = dispatch.clone();
        let current = props.highlighted;
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::Highlight(if current == Some(step) {
                None
            } else {
                Some(step)
            }));
            // Bring the table into view so the highlighted row is seen.
            if let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("table-title"))
            {
                el.scroll_into_view();
            }
        })
    };
    let has_row = |step: u8| s.rows.iter().any(|r| r.step() == step);
    let lesson = props.lesson.as_deref();
    html! {
        <section class="panel lesson" id="lesson" aria-labelledby="lesson-title">
            <Disclosure title={lesson.map_or(AttrValue::from("The lesson"), |l| AttrValue::from(l.title.clone()))} title_id="lesson-title" folds_on_phone=true>
                if lesson.is_none() {
                    <p class="hint">{ "Loading the lesson…" }</p>
                }
                <div class="grid-2">
                    <div>
                        <h3>{ "Concept snapshot" }</h3>
                        <ul class="concept">{ for lesson.iter().flat_map(|l| l.concept.iter()).map(|c| html! { <li>{ c }</li> }) }</ul>
                    </div>
                    <div>
                        <h3>{ "Key moments" }</h3>
                        { for lesson.iter().flat_map(|l| l.moments.iter()).map(|m| html! {
                            <div class="moment">
                                <p class="moment-q">{ &m.question }</p>
                                <p>{ &m.answer }</p>
                                <div class="moment-links">
                                    { for m.links.iter().map(|&(step, ref label)| html! {
                                        <button type="button" class="link-button"
                                            aria-pressed={(props.highlighted == Some(step)).to_string()}
                                            onclick={highlight(step)}>
                                            { label }
                                            if !has_row(step) { <span class="hint">{ " (not reached yet in this cycle)" }</span> }
                                        </button>
                                    }) }
                                </div>
                            </div>
                        }) }
                    </div>
                </div>
                <details class="transcript">
                    <summary>{ "Full transcript (for screen readers and handouts)" }</summary>
                    if let Some(l) = lesson { <p>{ &l.transcript }</p> }
                    <h3>{ if s.rows.is_empty() { "This run so far".to_string() } else { format!("This run, cycle {}", s.cycle) } }</h3>
                    if s.rows.is_empty() {
                        <p>{ transcript_start(s.v1_initial.accuracy) }</p>
                    } else {
                        <ol class="live-transcript">
                            { for s.rows.iter().map(|r| {
                                html! { <li>{ transcript_step(r) }</li> }
                            }) }
                        </ol>
                    }
                    if let Some(o) = s.outcome.as_ref().filter(|_| s.rows.len() >= 7) {
                        <p>{ transcript_decision(o) }</p>
                    }
                    <p>{ transcript_so_far(&s.totals, s.live_version) }</p>
                </details>
            </Disclosure>
        </section>
    }
}
