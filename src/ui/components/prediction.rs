//! Predict before reveal: before a cycle's data arrives, the student guesses
//! how it ends — deploy, alert, or (when the trigger can skip a cycle) kept
//! without retraining. The guess closes when Step 2 runs (the new batch, the
//! trigger's verdict and later the candidate's score would give it away) and is
//! graded against the cycle's typed outcome as soon as the deciding step ran.

use yew::prelude::*;

use crate::sim::engine::protocol::Snapshot;
use crate::sim::teach::quiz::{
    grade_prediction, prediction_choices, prediction_label, prediction_open, Prediction,
};
use crate::sim::wording::{prediction_question, prediction_waiting, predictions_closed};

/// Props of [`PredictBeforeReveal`].
#[derive(Properties, PartialEq)]
pub struct PredictionProps {
    /// The run.
    pub snapshot: std::rc::Rc<Snapshot>,
    /// Called with whether the prediction was right, once revealed.
    #[prop_or_default]
    pub on_revealed: Callback<bool>,
}

fn button_label(p: Prediction) -> &'static str {
    match p {
        Prediction::Deploy => "Predict deploy",
        Prediction::Alert => "Predict alert",
        Prediction::Kept => "Predict kept (not retrained)",
    }
}

/// The prediction widget.
#[component]
pub fn PredictBeforeReveal(props: &PredictionProps) -> Html {
    let s = &props.snapshot;
    // (cycle, prediction): a prediction belongs to one cycle.
    let predicted = use_state(|| None::<(u32, Prediction)>);
    let reported = use_state(|| None::<u32>);
    let mine = predicted.filter(|(c, _)| *c == s.cycle).map(|(_, p)| p);
    let outcome = mine
        .zip(s.outcome.as_ref())
        .map(|(p, o)| grade_prediction(p, o));

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

    let open = prediction_open(s.last_step);
    // Between cycles (and before the first) the guess is for the next cycle.
    let target_cycle = if s.last_step == Some(crate::sim::retraining::step_kind::StepKind::Start) {
        s.cycle
    } else {
        s.cycle + 1
    };
    let choose = |p: Prediction| {
        let predicted = predicted.clone();
        Callback::from(move |_: MouseEvent| predicted.set(Some((target_cycle, p))))
    };
    let pending = predicted
        .filter(|(c, _)| *c == target_cycle)
        .map(|(_, p)| p);
    let choices = prediction_choices(&s.params.trigger);
    let question = prediction_question(target_cycle, choices.len() == 3);
    html! {
        <section class="panel predict" aria-labelledby="predict-title">
            <h2 id="predict-title">{ "Predict before reveal" }</h2>
            if open {
                <p>{ question }</p>
                <div class="buttons predict-buttons" role="group" aria-label="Your prediction">
                    { for choices.into_iter().map(|p| html! {
                        <button type="button" aria-pressed={(pending == Some(p)).to_string()} onclick={choose(p)}>{ button_label(p) }</button>
                    }) }
                </div>
            } else if mine.is_none() && outcome.is_none() {
                <p class="hint">{ predictions_closed(s.cycle) }</p>
            }
            <div role="status" aria-live="polite" data-testid="prediction-result">
                if let (true, Some(p)) = (open, pending) {
                    <p>{ prediction_waiting(prediction_label(p), true) }</p>
                }
                if let (false, Some(p), None) = (open, mine, &outcome) {
                    <p>{ prediction_waiting(prediction_label(p), false) }</p>
                }
                if let Some(o) = &outcome {
                    <p class={classes!("question-result", if o.right { "right" } else { "wrong" })}>{ &o.explanation }</p>
                }
            </div>
        </section>
    }
}
