//! A labelled select.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Props of [`SelectField`].
#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    /// The element id (the label points at it).
    pub id: AttrValue,
    /// The visible label, which is also the accessible name.
    pub label: AttrValue,
    /// (key, text) of every option.
    pub options: Vec<(String, String)>,
    /// The key selected now.
    pub selected: String,
    /// A short hint under the control.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// Called with the chosen key.
    pub on_change: Callback<String>,
}

/// A select with a visible label.
#[component]
pub fn SelectField(props: &SelectFieldProps) -> Html {
    let on_change = {
        let cb = props.on_change.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            cb.emit(select.value());
        })
    };
    let hint_id = format!("{}-hint", props.id);
    html! {
        <div class="field">
            <label for={props.id.clone()}>{ &props.label }</label>
            <select
                id={props.id.clone()}
                onchange={on_change}
                aria-describedby={props.hint.as_ref().map(|_| hint_id.clone())}
            >
                { for props.options.iter().map(|(key, text)| html! {
                    <option value={key.clone()} selected={*key == props.selected}>{ text }</option>
                }) }
            </select>
            if let Some(hint) = &props.hint {
                <p class="hint" id={hint_id}>{ hint }</p>
            }
        </div>
    }
}
