//! A labelled range input that shows its value.

use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`Slider`].
#[derive(Properties, PartialEq)]
pub struct SliderProps {
    /// The element id (the label points at it).
    pub id: AttrValue,
    /// The visible label, which is also the accessible name.
    pub label: AttrValue,
    /// Smallest value.
    pub min: f64,
    /// Largest value.
    pub max: f64,
    /// Step between values.
    pub step: f64,
    /// Current value.
    pub value: f64,
    /// The value as shown next to the label, e.g. "0.80".
    pub shown: AttrValue,
    /// A short hint under the control.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// Called with the new value while the thumb moves.
    pub on_change: Callback<f64>,
}

/// A range input with a visible label and value.
#[component]
pub fn Slider(props: &SliderProps) -> Html {
    let on_input = {
        let cb = props.on_change.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(v) = input.value().parse::<f64>() {
                if v.is_finite() {
                    cb.emit(v);
                }
            }
        })
    };
    let hint_id = format!("{}-hint", props.id);
    html! {
        <div class="field">
            <div class="field-head">
                <label for={props.id.clone()}>{ &props.label }</label>
                <output for={props.id.clone()} class="field-value">{ &props.shown }</output>
            </div>
            <input
                type="range"
                id={props.id.clone()}
                min={props.min.to_string()}
                max={props.max.to_string()}
                step={props.step.to_string()}
                value={props.value.to_string()}
                aria-valuetext={props.shown.clone()}
                aria-describedby={props.hint.as_ref().map(|_| hint_id.clone())}
                oninput={on_input}
            />
            if let Some(hint) = &props.hint {
                <p class="hint" id={hint_id}>{ hint }</p>
            }
        </div>
    }
}
