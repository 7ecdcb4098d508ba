//! Compare two versions of the registry: what data each was trained on, how
//! each scored, and how far apart their decision boundaries are.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::sim::engine::protocol::{Command, Snapshot};
use crate::sim::english::group_thousands;
use crate::sim::ml::train::LinearBoundary;
use crate::sim::retraining::registry::ModelVersion;
use crate::sim::wording::window_text;
use crate::ui::hooks::use_send;

/// Props of [`CompareVersions`].
#[derive(Properties, PartialEq)]
pub struct CompareVersionsProps {
    /// The run: `registry` lists the versions to choose from, `comparison` is
    /// the engine's answer to the last [`Command::Compare`] (sent from here).
    pub snapshot: Rc<Snapshot>,
}

/// `x` with a true minus sign and two decimals ("−0.16"); never "−0.00".
fn signed(x: f64) -> String {
    let text = format!("{:.2}", x.abs());
    if x < 0.0 && text != "0.00" {
        format!("−{text}")
    } else {
        text
    }
}

/// " + 0.78" or " − 0.78" (the term after the first one).
fn term(x: f64) -> String {
    let text = format!("{:.2}", x.abs());
    if x < 0.0 && text != "0.00" {
        format!(" − {text}")
    } else {
        format!(" + {text}")
    }
}

/// The boundary line in words: "v2: 1.43·x1 + 0.78·x2 − 0.16 = 0".
pub fn boundary_words(version: u32, line: &LinearBoundary) -> String {
    format!(
        "v{version}: {}·x1{}·x2{} = 0",
        signed(line.w1),
        term(line.w2),
        term(line.b)
    )
}

/// The option text of a version: "v3 (live)".
fn option_text(v: &ModelVersion) -> String {
    format!("v{} ({})", v.version, v.status.label())
}

/// One labelled select over the registry's versions.
fn version_select(
    id: &'static str,
    label: &'static str,
    versions: &[ModelVersion],
    chosen: Option<u32>,
    on_change: Callback<Event>,
) -> Html {
    html! {
        <div class="field inline">
            <label for={id}>{ label }</label>
            <select id={id} onchange={on_change} disabled={versions.len() < 2}>
                { for versions.iter().map(|v| html! {
                    // Keyed by version: as old versions leave the list, the
                    // others keep their nodes instead of being rewritten.
                    <option key={v.version} value={v.version.to_string()} selected={Some(v.version) == chosen}>
                        { option_text(v) }
                    </option>
                }) }
            </select>
        </div>
    }
}

/// Two version pickers, a "Compare" button and the comparison.
#[component]
pub fn CompareVersions(props: &CompareVersionsProps) -> Html {
    let s = &props.snapshot;
    let first = use_state_eq(|| None::<u32>);
    let second = use_state_eq(|| None::<u32>);
    let versions = &s.registry;
    let exists = |v: &u32| versions.iter().any(|m| m.version == *v);
    // Until picked: the two newest versions, older first.
    let newest = versions.iter().rev().map(|v| v.version);
    let default_b = newest.clone().next();
    let default_a = newest.clone().nth(1).or(default_b);
    let a = (*first).filter(exists).or(default_a);
    let b = (*second).filter(exists).or(default_b);

    let pick = |state: UseStateHandle<Option<u32>>| {
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(v) = select.value().parse::<u32>() {
                state.set(Some(v));
            }
        })
    };
    let ready = matches!((a, b), (Some(x), Some(y)) if x != y);
    let compare = {
        let send = use_send();
        Callback::from(move |_: MouseEvent| {
            if let (Some(x), Some(y)) = (a, b) {
                if x != y {
                    send.emit(Command::Compare(x, y));
                }
            }
        })
    };
    let hint = if versions.len() < 2 {
        Some("Only v1 exists so far: finish a cycle that trains a new version, then compare.")
    } else if !ready {
        Some("Choose two different versions.")
    } else {
        None
    };

    html! {
        <section class="panel compare" aria-labelledby="compare-title">
            <h2 id="compare-title">{ "Compare versions" }</h2>
            <p class="hint">{ "What changed between two models: their training data, their scores and their decision boundary." }</p>
            <div class="compare-bar">
                { version_select("compare-a", "First version", versions, a, pick(first.clone())) }
                { version_select("compare-b", "Second version", versions, b, pick(second.clone())) }
                <button type="button" class="primary" disabled={!ready} onclick={compare}
                    aria-describedby={hint.map(|_| "compare-hint")}>
                    { "Compare" }
                </button>
            </div>
            if let Some(h) = hint {
                <p class="hint" id="compare-hint">{ h }</p>
            }
            <div class="compare-result" aria-live="polite" data-testid="comparison">
                if let Some(c) = &s.comparison {
                    <h3>{ format!("v{} and v{}", c.a.version, c.b.version) }</h3>
                    <ul class="compare-summary">
                        { for c.summary.iter().map(|line| html! { <li>{ line }</li> }) }
                    </ul>
                    if c.boundary_a.is_some() || c.boundary_b.is_some() {
                        <p class="compare-boundaries-title">{ "Decision boundaries (where each model is 50/50):" }</p>
                        <ul class="compare-boundaries">
                            { for [(&c.a, &c.boundary_a), (&c.b, &c.boundary_b)].into_iter().map(|(v, line)| html! {
                                <li>{ match line {
                                    Some(l) => boundary_words(v.version, l),
                                    None => format!("v{}: its model is no longer kept, so its line is unknown.", v.version),
                                } }</li>
                            }) }
                        </ul>
                    }
                }
            </div>
            if let Some(c) = &s.comparison {
                <div class="table-scroll" role="region" tabindex="0" aria-label="Version comparison table">
                    <table class="compare-table" data-testid="comparison-table">
                        <caption>{ "Version comparison" }</caption>
                        <thead>
                            <tr>
                                <th scope="col">{ "Version" }</th>
                                <th scope="col">{ "Status" }</th>
                                <th scope="col">{ "Trained on" }</th>
                                <th scope="col">{ "Accuracy" }</th>
                                <th scope="col">{ "Precision" }</th>
                                <th scope="col">{ "Recall" }</th>
                                <th scope="col">{ "F1" }</th>
                                <th scope="col">{ "Rows judged" }</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for [&c.a, &c.b].into_iter().map(|v| {
                                let judged = v.scores.rows > 0;
                                let score = |x: f64| if judged { format!("{x:.2}") } else { "—".to_string() };
                                html! {
                                    <tr>
                                        <th scope="row">{ format!("v{}", v.version) }</th>
                                        <td>{ v.status.label() }</td>
                                        <td>{ window_text(&v.window) }</td>
                                        <td>{ crate::sim::wording::version_score_text(v) }</td>
                                        <td>{ score(v.scores.precision) }</td>
                                        <td>{ score(v.scores.recall) }</td>
                                        <td>{ score(v.scores.f1) }</td>
                                        <td>{ group_thousands(v.scores.rows) }</td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn boundaries_read_as_equations() {
        let line = LinearBoundary {
            w1: 1.434,
            w2: 0.781,
            b: -0.159,
        };
        assert_eq!(boundary_words(2, &line), "v2: 1.43·x1 + 0.78·x2 − 0.16 = 0");
        let line = LinearBoundary {
            w1: -0.5,
            w2: -2.0,
            b: -0.001,
        };
        assert_eq!(
            boundary_words(7, &line),
            "v7: −0.50·x1 − 2.00·x2 + 0.00 = 0"
        );
    }
}
