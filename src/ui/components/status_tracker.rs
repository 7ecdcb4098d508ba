//! The lesson's status tracker: model, data and performance at Start, After
//! Step 4, After Step 6 and Final, filling in as the cycle runs.

use yew::prelude::*;

use crate::sim::engine::protocol::Snapshot;
use crate::sim::retraining::steps::TrackerColumn;
use crate::sim::wording::{data_var, labels_note, model_var, perf_var};

/// Props of [`StatusTracker`].
#[derive(Properties, PartialEq)]
pub struct StatusTrackerProps {
    /// The run.
    pub snapshot: std::rc::Rc<Snapshot>,
}

/// The tracker table.
#[component]
pub fn StatusTracker(props: &StatusTrackerProps) -> Html {
    let t = &props.snapshot.tracker;
    let cols: [&Option<TrackerColumn>; 4] = [&t.start, &t.after_train, &t.after_check, &t.finish];
    let cell = |c: &Option<TrackerColumn>, f: fn(&TrackerColumn) -> String| match c {
        Some(col) => html! { <td>{ f(col) }</td> },
        None => {
            html! { <td class="pending"><span aria-hidden="true">{ "…" }</span><span class="sr-only">{ "not reached yet" }</span></td> }
        }
    };
    let row = |name: &'static str, f: fn(&TrackerColumn) -> String| {
        html! {
            <tr>
                <th scope="row">{ name }</th>
                { for cols.iter().map(|c| cell(c, f)) }
            </tr>
        }
    };
    html! {
        <section class="panel tracker-panel" aria-labelledby="tracker-title">
            <h2 id="tracker-title">{ "Status tracker" }</h2>
            <div class="table-scroll" role="region" tabindex="0" aria-label="Status tracker table">
            <table class="status-tracker" data-testid="status-tracker">
                <caption>{ "Status tracker" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Variable" }</th>
                        <th scope="col">{ "Start" }</th>
                        <th scope="col">{ "After Step 4" }</th>
                        <th scope="col">{ "After Step 6" }</th>
                        <th scope="col">{ "Final" }</th>
                    </tr>
                </thead>
                <tbody>
                    { row("model", |c| model_var(c.model)) }
                    { row("data", |c| data_var(c.data)) }
                    { row("performance", |c| perf_var(c.performance)) }
                </tbody>
            </table>
            </div>
            if let Some(note) = labels_note(&t.labels) {
                <p class="labels-note" data-testid="labels-note">{ note }</p>
            }
        </section>
    }
}
