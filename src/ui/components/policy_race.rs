//! The policy race: the same stream under never / every cycle / schedule / drift
//! detected / performance drop, with accuracy over time, and per policy its
//! retrains, their total cost, its mean accuracy and the cycles it spent below
//! the threshold, with accuracy against cost on a chart of its own; and its
//! detector scorecard against the known drift points (time to detect, false
//! alarms, missed), with the raced detector's sensitivity slider and the
//! chart of its sweep.

use yew::prelude::*;

use super::slider::Slider;
use crate::sim::engine::protocol::{Command, Snapshot};
use crate::sim::engine::share::Hidden;
use crate::sim::retraining::race::MAX_RACE_CYCLES;
use crate::sim::retraining::race::{race_policies, raced_detector};
use crate::sim::retraining::settings::sensitivity_setting;
use crate::sim::wording::race_description;
use crate::sim::wording::{
    drift_points_text, missed_cell, scorecard_rules, sensitivity_value, time_to_detect_cell,
    NO_DRIFT_POINTS,
};
use crate::sim::wording::{format_cost, policy_name, race_cost_rule, race_cost_sentence};
use crate::ui::charts::{RaceChart, RaceCostChart, SweepChart};
use crate::ui::hooks::use_send;

/// Cycles a race runs.
pub const RACE_CYCLES: u32 = 40;

/// Props of [`PolicyRacePanel`].
#[derive(Properties, PartialEq)]
pub struct PolicyRaceProps {
    /// The run (its settings define the stream; its `race` holds the result).
    pub snapshot: std::rc::Rc<Snapshot>,
    /// Show its own button, which runs the race (the guide runs the race
    /// itself), and the detector's sensitivity slider, which reruns it.
    #[prop_or(true)]
    pub button: bool,
    /// Controls hidden by a teacher's link (`sensitivity` hides the slider).
    #[prop_or_default]
    pub hidden: Vec<Hidden>,
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
    let real = s.streamed_data();
    let run = {
        let send = use_send();
        Callback::from(move |_: MouseEvent| send.emit(Command::RunPolicyRace(cycles)))
    };
    let race = props.snapshot.race.as_ref();
    let n = race.map_or(cycles, |r| r.cycles);
    // The raced detector's sensitivity: a change applies to the run's
    // settings and races again, so the table and the sweep follow it.
    let settings = props
        .snapshot
        .pending
        .clone()
        .unwrap_or_else(|| props.snapshot.params.clone());
    let detector = raced_detector(&settings);
    let sensitivity = settings.sensitivity(detector);
    let sensitivity_change = {
        let send = use_send();
        let settings = settings.clone();
        Callback::from(move |v: f64| {
            send.emit(Command::Configure(
                settings.clone().with_sensitivity(detector, v),
            ));
            send.emit(Command::RunPolicyRace(cycles));
        })
    };
    let slider_shown = props.button
        && race.is_some_and(|r| r.sweep.is_some())
        && !props.hidden.iter().any(|h| h.key() == "sensitivity");
    let points = race.and_then(|r| r.drift_points.as_deref());
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
                    <caption>
                        { format!("Policy race over {} cycles.", r.cycles) }
                        <span class="caption-detail" data-testid="race-drift-points">{ " " }{
                            match points {
                                Some(p) => format!("{} {}", drift_points_text(p), scorecard_rules()),
                                None => NO_DRIFT_POINTS.to_string(),
                            }
                        }</span>
                    </caption>
                    <thead><tr>
                        <th scope="col">{ "Policy" }</th>
                        <th scope="col">{ "Mean accuracy" }</th>
                        <th scope="col">{ "Retrains" }</th>
                        <th scope="col">{ "Total cost (units)" }</th>
                        <th scope="col">{ "Cycles below threshold" }</th>
                        <th scope="col">{ "Deploys" }</th>
                        <th scope="col">{ "Alerts" }</th>
                        <th scope="col">{ "Time to detect" }</th>
                        <th scope="col">{ "False alarms" }</th>
                        <th scope="col">{ "Missed drifts" }</th>
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
                                <td data-testid="race-detect">{ p.scorecard.as_ref().map_or("–".to_string(), time_to_detect_cell) }</td>
                                <td data-testid="race-false-alarms">{ p.scorecard.as_ref().map_or("–".to_string(), |c| c.false_alarms.to_string()) }</td>
                                <td data-testid="race-missed">{ p.scorecard.as_ref().map_or("–".to_string(), missed_cell) }</td>
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
                if r.sweep.is_some() {
                    <h3 id="sweep-title">{ "Detector sensitivity: false alarms against delay" }</h3>
                    if slider_shown {
                        <Slider id="race-sensitivity" setting={sensitivity_setting(detector)}
                            value={sensitivity} shown={sensitivity_value(sensitivity)}
                            hint={Some(AttrValue::from(sensitivity_setting(detector).row().help))}
                            on_change={sensitivity_change} />
                    }
                    <SweepChart snapshot={props.snapshot.clone()} />
                }
            }
        </section>
    }
}
