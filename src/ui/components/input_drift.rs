//! Input drift per feature, as a monitoring dashboard shows it: the KS test
//! of each feature of the newest batches against the live model's training
//! window (computed in the engine), one row per cycle, with what the test is,
//! what its p-value means and the α used in the caption.

use std::rc::Rc;

use yew::prelude::*;

use crate::sim::engine::protocol::Snapshot;
use crate::sim::retraining::input_drift::InputDrift;
use crate::sim::wording::{input_drift_caption, ks_verdict, p_value_text, INPUT_DRIFT_TITLE};

/// How many cycles the table lists (the newest first).
const SHOWN_CYCLES: usize = 8;

/// Props of [`InputDriftPanel`].
#[derive(Properties, PartialEq)]
pub struct InputDriftProps {
    /// The run: `summaries[i].input_drift` and the newest batch's `input_drift`.
    pub snapshot: Rc<Snapshot>,
}

/// The newest cycles' tests, newest first (the cycle under way first when
/// its batch has been compared).
fn newest(s: &Snapshot) -> Vec<InputDrift> {
    let mut rows: Vec<InputDrift> = s.summaries.iter().filter_map(|c| c.input_drift).collect();
    if let Some(now) = s.input_drift {
        if rows.last().is_none_or(|last| now.cycle > last.cycle) {
            rows.push(now);
        }
    }
    rows.into_iter().rev().take(SHOWN_CYCLES).collect()
}

/// The input-drift table.
#[component]
pub fn InputDriftPanel(props: &InputDriftProps) -> Html {
    let rows = newest(&props.snapshot);
    let caption = input_drift_caption(rows.first());
    let cell = |d: &InputDrift, f: usize| {
        html! {
            <>
                <td>{ format!("{:.3}", d.ks[f].statistic) }</td>
                <td class={classes!(d.drifted(f).then_some("ks-moved"))}>
                    { format!("{} ({})", p_value_text(d.ks[f].p_value), ks_verdict(d, f)) }
                </td>
            </>
        }
    };
    html! {
        <section class="panel input-drift" aria-labelledby="input-drift-title" data-testid="input-drift">
            <h2 id="input-drift-title">{ INPUT_DRIFT_TITLE }</h2>
            <p class="hint" id="input-drift-caption" data-testid="input-drift-caption">{ caption }</p>
            if !rows.is_empty() {
                <div class="table-scroll" role="region" tabindex="0" aria-label="Input drift table">
                <table class="input-drift-table" aria-describedby="input-drift-caption">
                    <caption class="sr-only">{ "KS statistic D and p-value per feature, newest cycle first" }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Cycle" }</th>
                            <th scope="col">{ "Feature 1 D" }</th>
                            <th scope="col">{ "Feature 1 p" }</th>
                            <th scope="col">{ "Feature 2 D" }</th>
                            <th scope="col">{ "Feature 2 p" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for rows.iter().map(|d| html! {
                            <tr key={d.cycle}>
                                <th scope="row">{ d.cycle }</th>
                                { cell(d, 0) }
                                { cell(d, 1) }
                            </tr>
                        }) }
                    </tbody>
                </table>
                </div>
            }
        </section>
    }
}
