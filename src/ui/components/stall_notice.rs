//! When a run with a drift detector is stuck below the threshold, says why in
//! plain words (a change detector fires on a change, not on a bad level) and
//! offers the two fixes a team would make: a performance floor as a second
//! trigger, and a training window of the new data only.

use yew::prelude::*;

use crate::sim::params::{SimParams, TrainingWindow};
use crate::sim::protocol::Snapshot;
use crate::sim::wording::stall_message;

/// Props of [`StallNotice`].
#[derive(Properties, PartialEq)]
pub struct StallNoticeProps {
    /// The run.
    pub snapshot: std::rc::Rc<Snapshot>,
    /// Sends new settings to the engine.
    pub on_settings: Callback<SimParams>,
}

/// The notice, or nothing while the run is not stuck.
#[component]
pub fn StallNotice(props: &StallNoticeProps) -> Html {
    let s = &props.snapshot;
    let Some(stall) = s.stall else {
        return html! {};
    };
    let with = |change: fn(SimParams) -> SimParams| {
        let cb = props.on_settings.clone();
        let p = s.params.clone();
        Callback::from(move |_: MouseEvent| cb.emit(change(p.clone())))
    };
    html! {
        <section class="panel stall" aria-labelledby="stall-title" data-testid="stall">
            <h2 id="stall-title">{ "Why is nothing retraining?" }</h2>
            <p role="status">{ stall_message(&stall) }</p>
            <div class="buttons">
                <button type="button" onclick={with(|p| p.performance_floor(true))}>{ "Add a performance floor" }</button>
                if stall.window != TrainingWindow::NewestBatch {
                    <button type="button" onclick={with(|p| p.window(TrainingWindow::NewestBatch))}>{ "Train on new data only" }</button>
                }
            </div>
        </section>
    }
}
