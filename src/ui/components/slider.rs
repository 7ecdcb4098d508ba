//! A labelled range input that shows its value; its label, bounds and step
//! are its setting's row in the settings table.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::sim::retraining::settings::SettingKey;

/// Props of [`Slider`].
#[derive(Properties, PartialEq)]
pub struct SliderProps {
    /// The element id (the label points at it).
    pub id: AttrValue,
    /// The setting it sets: its label (the accessible name), bounds and step
    /// come from the settings table.
    pub setting: SettingKey,
    /// Current value.
    pub value: f64,
    /// The value as shown next to the label, e.g. "0.80".
    pub shown: AttrValue,
    /// A short hint under the control.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// Called with the new value while the thumb moves, snapped to the
    /// setting's step (or to a whole number within its bounds).
    pub on_change: Callback<f64>,
}

/// A range input with a visible label and value.
#[component]
pub fn Slider(props: &SliderProps) -> Html {
    let row = props.setting.row();
    let Some(&bounds) = props.setting.bounds() else {
        return html! {};
    };
    let on_input = {
        let cb = props.on_change.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            // The browser's own number (NaN if none): parsing the text here
            // would bring Rust's float parser and its tables into the page.
            let v = input.value_as_number();
            if v.is_finite() {
                cb.emit(bounds.snap(v));
            }
        })
    };
    let hint_id = format!("{}-hint", props.id);
    html! {
        <div class="field">
            <div class="field-head">
                <label for={props.id.clone()}>{ row.label }</label>
                <output for={props.id.clone()} class="field-value">{ &props.shown }</output>
            </div>
            <input
                type="range"
                id={props.id.clone()}
                min={bounds.min.to_string()}
                max={bounds.slider_max.unwrap_or(bounds.max).to_string()}
                step={bounds.step.to_string()}
                data-setting={row.link.map(|(key, _)| key)}
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
