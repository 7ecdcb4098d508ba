//! The lesson's process table, filled row by row from the real run.

use yew::prelude::*;

use super::disclosure::Disclosure;
use crate::sim::engine::protocol::Snapshot;
use crate::sim::retraining::outcome::OutcomeKind;
use crate::sim::retraining::steps::StepFact;
use crate::sim::wording::step_cells;

/// Props of [`ProcessTable`].
#[derive(Properties, PartialEq)]
pub struct ProcessTableProps {
    /// The run.
    pub snapshot: std::rc::Rc<Snapshot>,
    /// A step to highlight (from a key moment).
    #[prop_or_default]
    pub highlighted: Option<u8>,
}

/// Step, Action, Input, Output, Next Step.
#[component]
pub fn ProcessTable(props: &ProcessTableProps) -> Html {
    let s = &props.snapshot;
    let last = s.rows.last().map(|r| r.step());
    html! {
        <section class="panel table-panel" aria-labelledby="table-title">
            <Disclosure title="Process table" title_id="table-title" folds_on_phone=true
                reveal={props.highlighted.is_some()}
                after={html! { <span class="flow-cycle">{ if s.cycle == 0 { "press Step to start cycle 1".to_string() } else { format!("cycle {}", s.cycle) } }</span> }}>
                <div class="table-scroll" role="region" tabindex="0" aria-label="Process table rows">
                <table class="process-table" data-testid="process-table">
                    <caption>{ "Process table" }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Step" }</th>
                            <th scope="col">{ "Action" }</th>
                            <th scope="col">{ "Input" }</th>
                            <th scope="col">{ "Output" }</th>
                            <th scope="col">{ "Next Step" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for s.rows.iter().map(|r| {
                            let ending = match &r.fact {
                                StepFact::DeployOrAlert(o) => Some(o.kind()),
                                _ => None,
                            };
                            let class = classes!(
                                (Some(r.step()) == last).then_some("current"),
                                (Some(r.step()) == props.highlighted).then_some("highlighted"),
                                (ending == Some(OutcomeKind::Alert)).then_some("alert-row"),
                                (ending == Some(OutcomeKind::Deploy)).then_some("deploy-row"),
                                (ending == Some(OutcomeKind::Kept)).then_some("kept-row"),
                            );
                            let c = step_cells(&r.fact);
                            html! {
                                <tr class={class} data-step={r.step().to_string()}>
                                    <th scope="row">{ r.step() }</th>
                                    <td>{ c.action }</td>
                                    <td>{ c.input }</td>
                                    <td>{ c.output }</td>
                                    <td>{ c.next_step }</td>
                                </tr>
                            }
                        }) }
                        if s.rows.is_empty() {
                            <tr class="empty"><td colspan="5">{ "No steps yet in this cycle." }</td></tr>
                        }
                    </tbody>
                </table>
                </div>
            </Disclosure>
        </section>
    }
}
