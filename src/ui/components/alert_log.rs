//! The run's alerts, newest first (the count covers all of them; the core
//! keeps the newest few hundred).

use yew::prelude::*;

use crate::sim::engine::protocol::Snapshot;
use crate::sim::english::group_thousands;

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
    let s = &props.snapshot;
    let alerts = crate::sim::wording::alert_log_lines(&s.alerts, &s.estimate_alerts);
    let total = ((s.totals.alerts + s.totals.estimate_alerts) as usize).max(alerts.len());
    html! {
        <section class="panel alert-log" aria-labelledby="alerts-title">
            <h2 id="alerts-title">{ format!("Alert log ({})", group_thousands(total)) }</h2>
            if alerts.is_empty() {
                <p class="hint">{ crate::sim::wording::no_alerts_text(&props.snapshot.totals) }</p>
            } else {
                <ol class="alert-list" reversed=true tabindex="0" aria-label="Alerts, newest first">
                    { for alerts.iter().rev().take(SHOWN).map(|(cycle, text)| html! {
                        <li><span class="alert-cycle">{ format!("Cycle {cycle}") }</span>{ " " }{ text.clone() }</li>
                    }) }
                </ol>
                if total > SHOWN {
                    <p class="hint">{ format!("Showing the newest {SHOWN} of {}.", group_thousands(total)) }</p>
                }
            }
        </section>
    }
}
