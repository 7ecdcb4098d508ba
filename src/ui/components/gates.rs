//! The trigger and the gates around the loop: what the trigger saw (the
//! detector's statistic in plain words), the data-validation checks of the new
//! batch, and the fault a teacher can inject to show the validation gate.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::sim::engine::protocol::{Command, Snapshot};
use crate::sim::retraining::validate::Fault;
use crate::sim::wording::{
    check_name, failure_text, fault_status, trigger_detail, trigger_status, VALIDATION_OFF,
    VALIDATION_WAITING,
};
use crate::ui::hooks::use_send;

/// Props of [`Gates`].
#[derive(Properties, PartialEq)]
pub struct GatesProps {
    /// The run.
    pub snapshot: std::rc::Rc<Snapshot>,
    /// Show the fault picker and its button, which injects the fault into the
    /// next batch (the guide picks the fault itself).
    #[prop_or(true)]
    pub fault_controls: bool,
}

/// The trigger-and-gates panel.
#[component]
pub fn Gates(props: &GatesProps) -> Html {
    let s = &props.snapshot;
    let chosen = use_state(|| Fault::MissingValues);
    let on_select = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(f) = Fault::from_key(&select.value()) {
                chosen.set(f);
            }
        })
    };
    let inject = {
        let send = use_send();
        let chosen = chosen.clone();
        Callback::from(move |_: MouseEvent| send.emit(Command::InjectFault(*chosen)))
    };
    let trigger_text = trigger_status(s.trigger_eval.as_ref());
    html! {
        <section class="panel gates" aria-labelledby="gates-title">
            <h2 id="gates-title">{ "Trigger and data validation" }</h2>
            <p class="gate-line"><strong>{ "Trigger: " }</strong>{ s.params.trigger.label() }</p>
            <p data-testid="trigger-status">{ trigger_text }</p>
            if let Some(t) = &s.trigger_eval {
                <p class="hint" data-testid="trigger-detail">{ trigger_detail(t) }</p>
            }
            <h3>{ "Data validation" }</h3>
            if !s.params.validate_data {
                <p class="hint">{ VALIDATION_OFF }</p>
            } else {
                { match &s.validation {
                    None => html! { <p class="hint">{ VALIDATION_WAITING }</p> },
                    Some(v) => html! {
                        <ul class="checks" data-testid="validation">
                            { for v.checks.iter().map(|&c| {
                                let failure = v.failure(c);
                                html! {
                                    <li class={classes!(if failure.is_some() { "fail" } else { "pass" })}>
                                        <span aria-hidden="true">{ if failure.is_some() { "✗ " } else { "✓ " } }</span>
                                        { check_name(c) }
                                        { failure.map_or(String::new(), |f| format!(" — failed: {}", failure_text(f))) }
                                        <span class="sr-only">{ if failure.is_some() { " (failed)" } else { " (passed)" } }</span>
                                    </li>
                                }
                            }) }
                        </ul>
                    },
                } }
            }
            if props.fault_controls {
            <div class="fault-bar">
                <div class="field inline">
                    <label for="fault">{ "Inject a fault" }</label>
                    <select id="fault" onchange={on_select}>
                        { for Fault::ALL.iter().map(|f| html! {
                            <option value={f.key()} selected={*f == *chosen}>{ f.label() }</option>
                        }) }
                    </select>
                </div>
                <button type="button" onclick={inject}>{ "Inject into next batch" }</button>
            </div>
            }
            <p role="status" class="hint" data-testid="fault-status">
                { fault_status(s.pending_fault, s.applied_fault) }
            </p>
        </section>
    }
}
