//! Predict before reveal: before Step 6 runs, the student guesses "deploy" or
//! "alert"; once the check runs the app says whether they were right and why.

use yew::prelude::*;

use crate::sim::cycle::StepKind;
use crate::sim::protocol::Snapshot;
use crate::sim::quiz::{grade_prediction_at_check, Prediction};

/// Props of [`PredictBeforeReveal`].
#[derive(Properties, PartialEq)]
pub struct PredictionProps {
    /// The run.
    pub snapshot: std::rc::Rc<Snapshot>,
    /// Called with whether the prediction was right, once revealed.
    #[prop_or_default]
    pub on_revealed: Callback<bool>,
}

/// The prediction widget.
#[component]
pub fn PredictBeforeReveal(props: &PredictionProps) -> Html {
    let s = &props.snapshot;
    // (cycle, prediction): a prediction belongs to one cycle.
    let predicted = use_state(|| None::<(u32, Prediction)>);
    let reported = use_state(|| None::<u32>);
    let step_done = s.last_step.map_or(0, StepKind::number);
    let mine = predicted.filter(|(c, _)| *c == s.cycle).map(|(_, p)| p);
    let outcome = mine.and_then(|p| grade_prediction_at_check(p, &s.rows, s.params.threshold));

    {
        let reported = reported.clone();
        let cb = props.on_revealed.clone();
        let key = outcome.as_ref().map(|o| (s.cycle, o.right));
        use_effect_with(key, move |key| {
            if let Some((cycle, right)) = *key {
                if *reported != Some(cycle) {
                    reported.set(Some(cycle));
                    cb.emit(right);
                }
            }
        });
    }

    // Predicting is open until the check runs: before cycle 1, between cycles
    // (for the next one) and during steps 1–5.
    let open = s.cycle == 0 || step_done < 6 || step_done == 8;
    let target_cycle = if s.cycle == 0 || step_done == 8 {
        s.cycle + 1
    } else {
        s.cycle
    };
    let choose = |p: Prediction| {
        let predicted = predicted.clone();
        Callback::from(move |_: MouseEvent| predicted.set(Some((target_cycle, p))))
    };
    let pending = predicted
        .filter(|(c, _)| *c == target_cycle)
        .map(|(_, p)| p);
    html! {
        <section class="panel predict" aria-labelledby="predict-title">
            <h2 id="predict-title">{ "Predict before reveal" }</h2>
            if open {
                <p>{ format!("Will cycle {target_cycle} deploy its new model or alert the team? Look at the drift and the live model's score, then guess before Step 6.") }</p>
                <div class="buttons predict-buttons" role="group" aria-label="Your prediction">
                    <button type="button" aria-pressed={(pending == Some(Prediction::Deploy)).to_string()} onclick={choose(Prediction::Deploy)}>{ "Predict deploy" }</button>
                    <button type="button" aria-pressed={(pending == Some(Prediction::Alert)).to_string()} onclick={choose(Prediction::Alert)}>{ "Predict alert" }</button>
                </div>
            }
            <div role="status" aria-live="polite" data-testid="prediction-result">
                if let (true, Some(p)) = (open, pending) {
                    <p>{ format!("Your prediction: {}. Step through to Step 6 to see.", p.label()) }</p>
                }
                if let Some(o) = &outcome {
                    <p class={classes!("question-result", if o.right { "right" } else { "wrong" })}>{ &o.explanation }</p>
                }
            </div>
        </section>
    }
}
