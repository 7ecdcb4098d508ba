//! The model registry: versions, status, score and the window each was trained on.

use yew::prelude::*;

use crate::sim::protocol::Snapshot;
use crate::sim::registry::VersionStatus;

/// How many versions the table lists (newest first, the live one always).
const SHOWN: usize = 25;

/// Props of [`RegistryTable`].
#[derive(Properties, PartialEq)]
pub struct RegistryTableProps {
    /// The run.
    pub snapshot: std::rc::Rc<Snapshot>,
}

/// The registry table.
#[component]
pub fn RegistryTable(props: &RegistryTableProps) -> Html {
    let versions = &props.snapshot.registry;
    let shown: Vec<_> = versions
        .iter()
        .rev()
        .enumerate()
        .filter(|(i, v)| *i < SHOWN || v.status == VersionStatus::Live)
        .map(|(_, v)| v)
        .collect();
    html! {
        <section class="panel registry" aria-labelledby="registry-title">
            <h2 id="registry-title">{ format!("Model registry ({} versions)", versions.len()) }</h2>
            <div class="table-scroll">
            <table class="registry-table" data-testid="registry">
                <caption class="sr-only">{ "Model registry" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Version" }</th>
                        <th scope="col">{ "Status" }</th>
                        <th scope="col">{ "Accuracy" }</th>
                        <th scope="col">{ "Trained on" }</th>
                        <th scope="col">{ "History" }</th>
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
                        let score = if v.status == VersionStatus::Candidate && v.scores.rows == 0 {
                            "—".to_string()
                        } else {
                            format!("{:.2}", v.scores.accuracy)
                        };
                        html! {
                            <tr class={classes!("status-".to_string() + status)}>
                                <th scope="row">{ format!("v{}", v.version) }</th>
                                <td><span class={classes!("badge", status)}>{ status }</span></td>
                                <td>{ score }</td>
                                <td>{ v.window.describe() }</td>
                                <td>{ history }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            </div>
            if versions.len() > shown.len() {
                <p class="hint">{ format!("Showing the newest {} of {} versions.", shown.len(), versions.len()) }</p>
            }
        </section>
    }
}
