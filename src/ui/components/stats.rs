//! The headline numbers: cycle, next step, live model and its accuracy, v1's
//! accuracy, deploys and alerts, and what retraining has cost so far.

use yew::prelude::*;

use crate::sim::engine::protocol::Snapshot;
use crate::sim::wording::{cost_stat_note, format_cost};

/// Props of [`Stats`].
#[derive(Properties, PartialEq)]
pub struct StatsProps {
    /// The run.
    pub snapshot: std::rc::Rc<Snapshot>,
}

/// The stat cards.
#[component]
pub fn Stats(props: &StatsProps) -> Html {
    let s = &props.snapshot;
    // The live model's accuracy on the newest hold-out slice when this cycle has
    // collected data; otherwise the score it was deployed with.
    let deployed_now = matches!(
        &s.outcome,
        Some(crate::sim::retraining::outcome::Outcome::Deployed { version, .. }) if *version == s.live_version
    );
    // With late labels, what is measured is about the newest labelled batch.
    let labels = s.tracker.labels;
    let late = !labels.at_once();
    let labelled = match labels.came_in {
        Some((_, last)) if late => format!("cycle {last}'s labelled data"),
        _ => "this cycle's new data".to_string(),
    };
    let (accuracy, accuracy_note) = match s.live_scores {
        Some(_) if deployed_now => (
            s.candidate_scores.map_or(0.0, |c| c.accuracy),
            if late {
                format!("new live model on {labelled}")
            } else {
                "new live model on this cycle's hold-out".to_string()
            },
        ),
        Some(live) => (live.accuracy, format!("on {labelled}")),
        None => (
            s.registry
                .iter()
                .find(|v| v.version == s.live_version)
                .map_or(0.0, |v| v.scores.accuracy),
            if late {
                "when it was judged (no labels came in this cycle)".to_string()
            } else {
                "when it was judged".to_string()
            },
        ),
    };
    let v1 = s.summaries.last().map(|x| x.v1_score);
    let deploys = s.totals.deploys;
    html! {
        <section class="stats" aria-label="Run summary">
            <div class="stat"><span class="stat-label">{ "Cycle" }</span>
                <span class="stat-value" data-testid="cycle">{ s.cycle }</span></div>
            <div class="stat"><span class="stat-label">{ "Next step" }</span>
                <span class="stat-value" data-testid="next-step">{ s.next_step.number() }</span></div>
            <div class="stat"><span class="stat-label">{ "Live model" }</span>
                <span class="stat-value" data-testid="live-version">{ format!("v{}", s.live_version) }</span></div>
            <div class="stat wide"><span class="stat-label">{ "Live accuracy" }</span>
                <span class="stat-value" data-testid="accuracy">{ format!("{accuracy:.2}") }</span>
                <span class="stat-note">{ accuracy_note }</span></div>
            <div class="stat"><span class="stat-label">{ "v1, never retrained" }</span>
                <span class="stat-value" data-testid="v1-accuracy">{ v1.map_or("—".to_string(), |a| format!("{a:.2}")) }</span></div>
            <div class="stat"><span class="stat-label">{ "Deploys / alerts" }</span>
                <span class="stat-value">{ format!("{deploys} / {}", s.totals.alerts) }</span></div>
            <div class="stat"><span class="stat-label">{ "Retraining cost" }</span>
                <span class="stat-value" data-testid="total-cost">{ format_cost(s.totals.cost) }</span>
                <span class="stat-note">{ cost_stat_note(&s.totals) }</span></div>
        </section>
    }
}
