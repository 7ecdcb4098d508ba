//! When a run with a drift detector is stuck below the threshold, says why in
//! plain words, from the stall's typed cause (a change detector fires on a
//! change, not on a bad level; or no model can reach the threshold), and
//! offers the fixes that work for that cause: a performance floor as a second
//! trigger in this run, and a restart that trains on the new data only.

use yew::prelude::*;

use crate::sim::engine::protocol::{Command, Snapshot};
use crate::sim::params::TrainingWindow;
use crate::sim::retraining::history::StallFix;
use crate::sim::wording::{stall_fix_button, stall_message};
use crate::ui::hooks::use_send;

/// Props of [`StallNotice`].
#[derive(Properties, PartialEq)]
pub struct StallNoticeProps {
    /// The run.
    pub snapshot: std::rc::Rc<Snapshot>,
}

/// The notice, or nothing while the run is not stuck.
#[component]
pub fn StallNotice(props: &StallNoticeProps) -> Html {
    let send = use_send();
    let s = &props.snapshot;
    let Some(stall) = s.stall else {
        return html! {};
    };
    let button = |fix: StallFix| {
        let label = stall_fix_button(fix)?;
        let p = s.params.clone();
        let onclick = match fix {
            // The floor: new settings for this run.
            StallFix::PerformanceFloor => {
                let send = send.clone();
                Callback::from(move |_: MouseEvent| {
                    send.emit(Command::Configure(p.clone().performance_floor(true)))
                })
            }
            // The window, then a restart from v1 (changed mid-run it would do
            // nothing, since the detector does not fire again); a restart keeps
            // the data streamed (own file, weather).
            StallFix::RestartOnNewestBatch => {
                let send = send.clone();
                Callback::from(move |_: MouseEvent| {
                    send.emit(Command::Configure(
                        p.clone().window(TrainingWindow::NewestBatch),
                    ));
                    send.emit(Command::Reset);
                })
            }
            StallFix::ReachableThreshold { .. } => return None,
        };
        Some(html! { <button type="button" {onclick}>{ label }</button> })
    };
    html! {
        <section class="panel stall" aria-labelledby="stall-title" data-testid="stall">
            <h2 id="stall-title">{ "Why is nothing retraining?" }</h2>
            <p role="status">{ stall_message(&stall) }</p>
            <div class="buttons">
                { for stall.fixes().into_iter().filter_map(button) }
            </div>
        </section>
    }
}
