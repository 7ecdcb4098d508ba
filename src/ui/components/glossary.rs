//! The glossary: every term of `sim::glossary` with its definition, as a
//! section of the playground (folded on a phone, see `disclosure`), or folded
//! into a `<details>` in the guide's chapter. Each entry is `#glossary-<key>`,
//! where a term's first use links.

use yew::prelude::*;

use super::disclosure::Disclosure;
use crate::sim::teach::glossary::terms;
use crate::sim::wording::GLOSSARY_SUMMARY;

/// Props of [`Glossary`].
#[derive(Properties, PartialEq)]
pub struct GlossaryProps {
    /// Folded into a `<details>` (inside the guide's chapter) instead of a
    /// section of its own with a heading (the playground).
    #[prop_or_default]
    pub folded: bool,
}

/// Every term and its definition.
#[component]
pub fn Glossary(props: &GlossaryProps) -> Html {
    let entries = html! {
        <dl class="glossary-list">
            { for terms().iter().map(|t| html! {
                <div class="glossary-entry" id={format!("glossary-{}", t.key)}>
                    <dt>{ t.term }</dt>
                    <dd>{ t.definition }</dd>
                </div>
            }) }
        </dl>
    };
    if props.folded {
        html! {
            <details class="glossary folded" id="glossary">
                <summary>{ GLOSSARY_SUMMARY }</summary>
                { entries }
            </details>
        }
    } else {
        html! {
            <section class="panel glossary" id="glossary" aria-labelledby="glossary-title">
                <Disclosure title="Glossary" title_id="glossary-title" folds_on_phone=true>
                    <p class="hint">{ "The words of the loop, as this playground uses them." }</p>
                    { entries }
                </Disclosure>
            </section>
        }
    }
}
