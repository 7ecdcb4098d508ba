//! The deploy (green) or alert (red) banner with its reason, announced to
//! screen readers through an `aria-live` region.

use yew::prelude::*;

use crate::sim::cycle::Decision;
use crate::sim::protocol::Snapshot;

/// Props of [`DecisionBanner`].
#[derive(Properties, PartialEq)]
pub struct DecisionBannerProps {
    /// The run.
    pub snapshot: std::rc::Rc<Snapshot>,
}

/// The banner.
#[component]
pub fn DecisionBanner(props: &DecisionBannerProps) -> Html {
    let s = &props.snapshot;
    let (class, title, text) = match &s.decision {
        Some(d @ Decision::Deploy { .. }) => ("decision deploy", "Deployed", d.message().to_string()),
        Some(d @ Decision::Alert(_)) => ("decision alert", "Alert", d.message().to_string()),
        Some(d @ Decision::Kept { .. }) => ("decision waiting", "Not retrained", d.message().to_string()),
        None if s.rows.is_empty() && s.cycle == 0 => (
            "decision waiting",
            "Ready",
            format!(
                "Model v1 was trained on the initial data and scored {:.2}. Press Step to run the cycle.",
                s.v1_initial.accuracy
            ),
        ),
        None => (
            "decision waiting",
            "In progress",
            format!("Cycle {}: the deploy-or-alert decision comes at step 7.", s.cycle),
        ),
    };
    let announced = s
        .decision
        .as_ref()
        .map(|d| d.message().to_string())
        .unwrap_or_default();
    html! {
        <section class={classes!("panel", class)} aria-labelledby="decision-title" data-testid="decision">
            <h2 id="decision-title">
                if s.decision.as_ref().is_some_and(Decision::is_deploy) {
                    <span class="decision-icon" aria-hidden="true">{ "✓ " }</span>
                } else if matches!(s.decision, Some(Decision::Alert(_))) {
                    <span class="decision-icon" aria-hidden="true">{ "! " }</span>
                }
                { title }
            </h2>
            <p class="decision-text">{ text }</p>
            <p class="sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="announcer">{ announced }</p>
        </section>
    }
}
