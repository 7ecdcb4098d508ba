//! The lesson itself: the concept snapshot, the key moments (each linked to the
//! process-table row it explains) and a full transcript of what the animation
//! shows, so the page works for screen-reader users and as a handout.

use yew::prelude::*;

use crate::sim::protocol::Snapshot;

/// Props of [`Lesson`].
#[derive(Properties, PartialEq)]
pub struct LessonProps {
    /// The run, for the live transcript.
    pub snapshot: std::rc::Rc<Snapshot>,
    /// The table row highlighted now.
    pub highlighted: Option<u8>,
    /// Highlights a row of the process table (or none).
    pub on_highlight: Callback<Option<u8>>,
}

const CONCEPT: [&str; 5] = [
    "Automated retraining uses new data to update models regularly.",
    "It triggers training, evaluates performance, and deploys if good.",
    "This cycle keeps models accurate and fresh.",
    "If performance is poor, the team is alerted and can then adjust the retraining by hand.",
    "Continuous retraining adapts to changing data patterns.",
];

const TRANSCRIPT: &str = "This visual execution shows how automated retraining keeps machine learning models fresh. \
Starting with an existing trained model, new data is collected continuously. This new data triggers automated retraining, \
where the model is trained again on updated data. After training, the model is evaluated for performance. If the performance \
is above a set threshold, the new model is deployed to production. Otherwise, the system alerts the team and the current model \
stays live; the team can then adjust the retraining by hand (a different training window, more data, a lower threshold). \
This cycle repeats indefinitely, ensuring the model adapts to new data and maintains accuracy over time.";

struct Moment {
    question: &'static str,
    answer: &'static str,
    links: &'static [(u8, &'static str)],
}

const MOMENTS: [Moment; 3] = [
    Moment {
        question: "Why do we need to retrain the model automatically?",
        answer: "Because new data keeps coming in (Step 2), and the world it describes drifts. Retraining updates the model to handle those changes, keeping performance high (Steps 5 and 6). Compare the live model with v1, never retrained, in the performance chart.",
        links: &[(2, "Show Step 2"), (5, "Show Step 5"), (6, "Show Step 6")],
    },
    Moment {
        question: "What happens if the new model's performance is not good enough?",
        answer: "The check at Step 6 is False, so the flow takes the alert branch at Step 7: the team is alerted and the current live model stays; the team can then adjust the retraining by hand (a different training window, more data, a lower threshold). Only models that beat the threshold are deployed. Set the deploy threshold to 0.99 to see it.",
        links: &[(6, "Show Step 6"), (7, "Show Step 7")],
    },
    Moment {
        question: "What if retraining is not triggered this cycle?",
        answer: "With a schedule or a drift detector as the trigger, Step 3 can decide that nothing retrains: Steps 4 to 6 are skipped and Step 7 keeps the live model, with no alert (nothing went wrong). Beware a detector that waits for a change while the model is bad but steady: a performance floor as a second trigger catches that. Choose the trigger 'Schedule' to see a cycle kept.",
        links: &[(3, "Show Step 3"), (7, "Show Step 7")],
    },
];

/// The lesson section.
#[component]
pub fn Lesson(props: &LessonProps) -> Html {
    let s = &props.snapshot;
    let highlight = |step: u8| {
        let cb = props.on_highlight.clone();
        let current = props.highlighted;
        Callback::from(move |_: MouseEvent| {
            cb.emit(if current == Some(step) {
                None
            } else {
                Some(step)
            });
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
    html! {
        <section class="panel lesson" id="lesson" aria-labelledby="lesson-title">
            <h2 id="lesson-title">{ "The lesson: why automated retraining keeps models fresh" }</h2>
            <div class="grid-2">
                <div>
                    <h3>{ "Concept snapshot" }</h3>
                    <ul class="concept">{ for CONCEPT.iter().map(|c| html! { <li>{ *c }</li> }) }</ul>
                </div>
                <div>
                    <h3>{ "Key moments" }</h3>
                    { for MOMENTS.iter().map(|m| html! {
                        <div class="moment">
                            <p class="moment-q">{ m.question }</p>
                            <p>{ m.answer }</p>
                            <div class="moment-links">
                                { for m.links.iter().map(|&(step, label)| html! {
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
                <p>{ TRANSCRIPT }</p>
                <h3>{ if s.rows.is_empty() { "This run so far".to_string() } else { format!("This run, cycle {}", s.cycle) } }</h3>
                if s.rows.is_empty() {
                    <p>{ format!("Model v1 was trained on the initial data and scored {:.2} on held-out rows. No step of cycle 1 has run yet.", s.v1_initial.accuracy) }</p>
                } else {
                    <ol class="live-transcript">
                        { for s.rows.iter().map(|r| {
                            let c = crate::sim::wording::step_cells(&r.fact);
                            html! {
                                <li>{ format!("Step {}, {}: input {}; output {}; next: {}.", r.step(), c.action, c.input, c.output, c.next_step) }</li>
                            }
                        }) }
                    </ol>
                }
                if let Some(o) = s.outcome.as_ref().filter(|_| s.rows.len() >= 7) {
                    <p>{ format!("Decision: {}", crate::sim::wording::outcome_message(o)) }</p>
                }
                <p>{ format!("So far: {} cycles finished, {} deploys, {} alerts; the live model is v{}.",
                    s.totals.cycles, s.totals.deploys, s.totals.alerts, s.live_version) }</p>
            </details>
        </section>
    }
}
