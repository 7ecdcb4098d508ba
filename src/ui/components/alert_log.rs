//! Every alert of the run, newest first.

use yew::prelude::*;

use crate::sim::protocol::Snapshot;

/// How many alerts the log lists (the count covers all of them).
const SHOWN: usize = 50;

/// Props of [`AlertLog`].
#[derive(Properties, PartialEq)]
pub struct AlertLogProps {
    /// The run.
    pub snapshot: std::rc::Rc<Snapshot>,
}

/// The alert log.
#[component]
pub fn AlertLog(props: &AlertLogProps) -> Html {
    let alerts = &props.snapshot.alerts;
    html! {
        <section class="panel alert-log" aria-labelledby="alerts-title">
            <h2 id="alerts-title">{ format!("Alert log ({})", alerts.len()) }</h2>
            if alerts.is_empty() {
                <p class="hint">{ "No alerts yet: every candidate so far passed the check." }</p>
            } else {
                <ol class="alert-list" reversed=true tabindex="0" aria-label="Alerts, newest first">
                    { for alerts.iter().rev().take(SHOWN).map(|a| html! {
                        <li><span class="alert-cycle">{ format!("Cycle {}", a.cycle) }</span>{ " " }{ &a.message }</li>
                    }) }
                </ol>
                if alerts.len() > SHOWN {
                    <p class="hint">{ format!("Showing the newest {SHOWN} of {}.", alerts.len()) }</p>
                }
            }
        </section>
    }
}
