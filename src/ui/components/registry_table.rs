//! The model registry: versions, status, score, the window each was trained on
//! and what training it cost, with the run's total and the rule.

use yew::prelude::*;

use crate::sim::engine::protocol::{Command, Snapshot};
use crate::sim::english::group_thousands;
use crate::sim::retraining::registry::VersionStatus;
use crate::sim::wording::{registry_event_text, window_text};
use crate::ui::hooks::use_send;

/// How many versions the table lists (newest first, the live one always).
const SHOWN: usize = 25;

/// Props of [`RegistryTable`].
#[derive(Properties, PartialEq)]
pub struct RegistryTableProps {
    /// The run (a version kept can be made live again from the table).
    pub snapshot: std::rc::Rc<Snapshot>,
}

/// The registry table.
#[component]
pub fn RegistryTable(props: &RegistryTableProps) -> Html {
    let send = use_send();
    let versions = &props.snapshot.registry;
    let shown: Vec<_> = versions
        .iter()
        .rev()
        .enumerate()
        .filter(|(i, v)| *i < SHOWN || v.status == VersionStatus::Live)
        .map(|(_, v)| v)
        .collect();
    let kept = &props.snapshot.kept_versions;
    let can_roll_back = |v: &crate::sim::retraining::registry::ModelVersion| {
        v.status == VersionStatus::Retired && kept.contains(&v.version)
    };
    let rollback = |version: u32| {
        let send = send.clone();
        Callback::from(move |_: MouseEvent| send.emit(Command::Rollback(version)))
    };
    let events = &props.snapshot.registry_events;
    // The core keeps the newest versions (and v1, the live one and those that
    // can be rolled back to); the totals count all of them.
    let total = (props.snapshot.totals.versions as usize).max(versions.len());
    let changes = (props.snapshot.totals.live_changes as usize).max(events.len());
    html! {
        <section class="panel registry" aria-labelledby="registry-title">
            <h2 id="registry-title">{ format!("Model registry ({} versions)", group_thousands(total)) }</h2>
            <div class="table-scroll" role="region" tabindex="0" aria-label="Model registry table">
            <table class="registry-table" data-testid="registry">
                <caption class="sr-only">{ "Model registry" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Version" }</th>
                        <th scope="col">{ "Status" }</th>
                        <th scope="col">{ "Accuracy" }</th>
                        <th scope="col">{ "Trained on" }</th>
                        <th scope="col">{ "Cost (units)" }</th>
                        <th scope="col">{ "History" }</th>
                        <th scope="col">{ "Rollback" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for shown.iter().map(|v| {
                        let status = v.status.label();
                        let history = match (v.replaced, v.replaced_by) {
                            (_, Some(by)) => format!("replaced by v{by}"),
                            (Some(old), None) => format!("replaced v{old}"),
                            _ if v.version == 1 => "first model".to_string(),
                            _ => String::new(),
                        };
                        let score = crate::sim::wording::version_score_text(v);
                        html! {
                            <tr key={v.version} class={classes!("status-".to_string() + status)}>
                                <th scope="row">{ format!("v{}", v.version) }</th>
                                <td><span class={classes!("badge", status)}>{ status }</span></td>
                                <td>{ score }</td>
                                <td>{ window_text(&v.window) }</td>
                                <td data-testid="version-cost">{ crate::sim::wording::version_cost_text(v) }</td>
                                <td>{ history }</td>
                                <td>
                                    if can_roll_back(v) {
                                        <button type="button" class="link-button"
                                            onclick={rollback(v.version)}>
                                            { format!("Make v{} live", v.version) }
                                        </button>
                                    }
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            </div>
            <p data-testid="cost-total">{ crate::sim::wording::totals_cost_sentence(&props.snapshot.totals) }</p>
            <p class="hint" data-testid="cost-rule">{ crate::sim::wording::cost_rule(props.snapshot.params.retrain_fixed_cost) }</p>
            if !events.is_empty() {
                <details class="registry-history">
                    <summary>{ format!("Who replaced whom ({} changes)", group_thousands(changes)) }</summary>
                    <ol>{ for events.iter().rev().take(30).map(|e| html! { <li>{ registry_event_text(e) }</li> }) }</ol>
                </details>
            }
            if total > shown.len() {
                <p class="hint">{ format!("Showing the newest {} of {} versions.", shown.len(), group_thousands(total)) }</p>
            }
        </section>
    }
}
