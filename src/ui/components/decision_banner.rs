//! The cycle's decision: deployed (green), alert (red) or kept without
//! retraining (neutral), with its reason from the typed outcome; while the
//! cycle runs, which step decided. Announced to screen readers through an
//! `aria-live` region once step 7 has carried the decision out.

use yew::prelude::*;

use crate::sim::engine::protocol::Snapshot;
use crate::sim::retraining::outcome::OutcomeKind;
use crate::sim::teach::story::CycleStory;
use crate::sim::wording::{format_threshold, in_progress_message, outcome_message, outcome_title};

/// Props of [`DecisionBanner`].
#[derive(Properties, PartialEq)]
pub struct DecisionBannerProps {
    /// The run (or a rewound cycle shown through it).
    pub snapshot: std::rc::Rc<Snapshot>,
}

/// The banner.
#[component]
pub fn DecisionBanner(props: &DecisionBannerProps) -> Html {
    let s = &props.snapshot;
    let story = CycleStory::read(s.cycle, &s.rows, s.outcome.as_ref());
    let finished = story
        .carried_out()
        .then_some(story.outcome.as_ref())
        .flatten();
    let (class, title, text) = match finished {
        Some(o) => (
            match o.kind() {
                OutcomeKind::Deploy => "decision deploy",
                OutcomeKind::Alert => "decision alert",
                OutcomeKind::Kept => "decision kept",
            },
            outcome_title(o).to_string(),
            outcome_message(o),
        ),
        None if s.rows.is_empty() && s.cycle == 0 => (
            "decision waiting",
            "Ready".to_string(),
            format!(
                "Model v1 was trained on the initial data and scored {:.2}. Press Step to run the cycle: a candidate is deployed only if it scores above {}.",
                s.v1_initial.accuracy,
                format_threshold(s.params.threshold)
            ),
        ),
        None => (
            "decision waiting",
            "In progress".to_string(),
            in_progress_message(s.cycle, story.outcome.as_ref()),
        ),
    };
    let announced = finished.map(outcome_message).unwrap_or_default();
    let kind = finished.map(|o| o.kind());
    html! {
        <section class={classes!("panel", class)} aria-labelledby="decision-title" data-testid="decision"
                 data-outcome={kind.map(|k| format!("{k:?}"))}>
            <h2 id="decision-title">
                if kind == Some(OutcomeKind::Deploy) {
                    <span class="decision-icon" aria-hidden="true">{ "✓ " }</span>
                } else if kind == Some(OutcomeKind::Alert) {
                    <span class="decision-icon" aria-hidden="true">{ "! " }</span>
                } else if kind == Some(OutcomeKind::Kept) {
                    <span class="decision-icon" aria-hidden="true">{ "○ " }</span>
                }
                { title }
            </h2>
            <p class="decision-text">{ text }</p>
            <p class="sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="announcer">{ announced }</p>
        </section>
    }
}
