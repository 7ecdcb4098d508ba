//! The policy race: the same stream under never / every cycle / schedule / drift
//! detected / performance drop, with accuracy over time, and per policy its
//! retrains, their total cost, its mean accuracy and the cycles it spent below
//! the threshold, with accuracy against cost on a chart of its own.

use yew::prelude::*;

use crate::sim::engine::protocol::{Command, Snapshot};
use crate::sim::engine::share::streamed_data;
use crate::sim::retraining::race::race_policies;
use crate::sim::retraining::race::MAX_RACE_CYCLES;
use crate::sim::wording::race_description;
use crate::sim::wording::{format_cost, policy_name, race_cost_rule, race_cost_sentence};
use crate::ui::charts::{RaceChart, RaceCostChart};
use crate::ui::hooks::use_send;

/// Cycles a race runs.
pub const RACE_CYCLES: u32 = 40;

/// Props of [`PolicyRacePanel`].
#[derive(Properties, PartialEq)]
pub struct PolicyRaceProps {
    /// The run (its settings define the stream; its `race` holds the result).
    pub snapshot: std::rc::Rc<Snapshot>,
    /// Show its own button, which runs the race (the guide runs the race itself).
    #[prop_or(true)]
    pub button: bool,
}

/// The policy race panel.
#[component]
pub fn PolicyRacePanel(props: &PolicyRaceProps) -> Html {
    // Real history ends: race all the years it holds.
    let s = &props.snapshot;
    let in_data = match (s.weather, s.circle) {
        (Some(w), _) => Some(w.cycles_in_data),
        (None, Some(c)) => Some(c.progress.cycles_in_data),
        (None, None) => None,
    };
    let cycles = in_data.map_or(RACE_CYCLES, |n| n.clamp(1, MAX_RACE_CYCLES));
    let real = streamed_data(s);
    let run = {
        let send = use_send();
        Callback::from(move |_: MouseEvent| send.emit(Command::RunPolicyRace(cycles)))
    };
    let race = props.snapshot.race.as_ref();
    let n = race.map_or(cycles, |r| r.cycles);
    html! {
        <section class="panel race" id="policy-race" aria-labelledby="race-title">
            <h2 id="race-title">{ "Policy race: which retraining keeps the model fresh?" }</h2>
            <p>{ race_description(n, real, race_policies(&props.snapshot.params).len()) }</p>
            if props.button {
                <button type="button" class="primary" onclick={run}>{ "Run policy race" }</button>
            }
            if let Some(r) = race {
                <RaceChart snapshot={props.snapshot.clone()} />
                <div class="table-scroll" role="region" tabindex="0" aria-label="Policy race table">
                <table data-testid="race-table">
                    <caption>{ format!("Policy race over {} cycles", r.cycles) }</caption>
                    <thead><tr>
                        <th scope="col">{ "Policy" }</th>
                        <th scope="col">{ "Mean accuracy" }</th>
                        <th scope="col">{ "Retrains" }</th>
                        <th scope="col">{ "Total cost (units)" }</th>
                        <th scope="col">{ "Cycles below threshold" }</th>
                        <th scope="col">{ "Deploys" }</th>
                        <th scope="col">{ "Alerts" }</th>
                    </tr></thead>
                    <tbody>
                        { for r.runs.iter().map(|p| html! {
                            <tr>
                                <th scope="row">{ policy_name(&p.policy) }</th>
                                <td>{ format!("{:.3}", p.mean_accuracy) }</td>
                                <td>{ p.retrains }</td>
                                <td data-testid="race-cost">{ format_cost(p.total_cost) }</td>
                                <td>{ p.below_threshold }</td>
                                <td>{ p.deploys }</td>
                                <td>{ p.alerts }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                </div>
                <p class="hint" data-testid="race-cost-rule">{ race_cost_rule(r.fixed_cost) }</p>
                <RaceCostChart snapshot={props.snapshot.clone()} />
                if let Some(c) = &r.costs {
                    <p class="race-verdict" data-testid="race-cost-verdict">{ race_cost_sentence(c) }</p>
                }
            }
        </section>
    }
}
