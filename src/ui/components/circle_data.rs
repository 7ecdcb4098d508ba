//! "Circle benchmark": where the data comes from, what the run is streaming
//! and where it stands against the drift, how v1 and the live model score,
//! and, while the model is logistic regression, why a straight line cannot
//! fit a circle, with a button that switches to the decision tree. Shown while
//! a run streams the Circle data.

use std::rc::Rc;

use yew::prelude::*;

use crate::sim::engine::protocol::{Command, Snapshot};
use crate::sim::params::{ModelKind, SimParams};
use crate::sim::wording::{
    circle_fit, circle_means, circle_phase_sentence, circle_scale, circle_source, circle_status,
    line_cannot_fit, CIRCLE_TITLE, TREE_BUTTON,
};
use crate::ui::hooks::use_send;

/// Props of [`CircleData`].
#[derive(Properties, PartialEq)]
pub struct CircleDataProps {
    /// The run (its `circle` says what it streams).
    pub snapshot: Rc<Snapshot>,
    /// The settings shown (the model chosen, even before it applies).
    pub params: SimParams,
}

/// The Circle panel.
#[component]
pub fn CircleData(props: &CircleDataProps) -> Html {
    let send = use_send();
    let s = &props.snapshot;
    let Some(run) = s.circle else {
        return Html::default();
    };
    // The tree, from v1 again on the same rows (a restart keeps the data).
    let to_tree = {
        let p = props.params.clone();
        Callback::from(move |_: MouseEvent| {
            send.emit(Command::Configure(p.clone().model(ModelKind::DecisionTree)));
            send.emit(Command::Reset);
        })
    };
    html! {
        <section class="panel circle-data" aria-labelledby="circle-title" data-testid="circle">
            <h2 id="circle-title">{ CIRCLE_TITLE }</h2>
            <p role="status" data-testid="circle-status">
                { circle_status(&run, s.params.batch_size, s.cycle) }
            </p>
            <p data-testid="circle-phase">{ circle_phase_sentence(run.phase) }</p>
            if let Some(means) = circle_means(&run) {
                <p data-testid="circle-means">{ means }</p>
            }
            if let Some(advice) = line_cannot_fit(props.params.model) {
                <p class="hint line-note" id="line-cannot-fit" data-testid="line-cannot-fit">{ advice }</p>
                <button type="button" onclick={to_tree} aria-describedby="line-cannot-fit"
                    data-testid="switch-to-tree">{ TREE_BUTTON }</button>
            }
            <details class="about-data">
                <summary>{ "About the data" }</summary>
                <p>{ circle_source() }</p>
                <p>{ circle_fit() }</p>
                <p>{ circle_scale() }</p>
            </details>
        </section>
    }
}
