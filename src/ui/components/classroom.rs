//! Classroom tools: ready scenarios, a link that reproduces the run (with the
//! teacher's hidden controls and locked seed), and the presenter view.

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::disclosure::Disclosure;
use crate::sim::engine::protocol::{Command, ScenarioShown, TeamIntent};
use crate::sim::engine::share::{data_query, hidden_keys, hideable, team_query, to_query, Hidden};
use crate::sim::params::SimParams;
use crate::sim::retraining::scenarios::{scenario, scenarios};
use crate::sim::retraining::team_view::TeamView;
use crate::sim::stream::real_data::RealData;
use crate::ui::hooks::{use_dispatch, use_send};
use crate::ui::state::Action;

/// Props of [`Classroom`].
#[derive(Properties, PartialEq)]
pub struct ClassroomProps {
    /// The settings shown now (what the link reproduces).
    pub params: SimParams,
    /// Controls and panels hidden by the link.
    pub hidden: Vec<Hidden>,
    /// The seed is locked by the link.
    pub lock_seed: bool,
    /// The presenter view is on.
    pub presenter: bool,
    /// The real data streamed, if any (the link then names it too).
    #[prop_or_default]
    pub data: Option<RealData>,
    /// The scenario loaded.
    pub scenario: Option<ScenarioShown>,
    /// The team's view, when on (the link carries it, and its lock).
    #[prop_or_default]
    pub team: Option<TeamView>,
}

/// The page's address without its query or hash.
fn page_address() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|href| {
            href.split(['#', '?'])
                .next()
                .unwrap_or_default()
                .to_string()
        })
        .unwrap_or_default()
}

/// The classroom panel.
#[component]
pub fn Classroom(props: &ClassroomProps) -> Html {
    let send = use_send();
    let dispatch = use_dispatch();
    let chosen = use_state(|| scenarios()[0].key.to_string());
    let copied = use_state(|| None::<String>);
    let mut link = format!(
        "{}?{}",
        page_address(),
        to_query(
            &props.params,
            &props.hidden,
            props.lock_seed,
            props.presenter
        )
    );
    if let Some(data) = props.data {
        link.push('&');
        link.push_str(&data_query(data));
    }
    if let Some(team) = props.team {
        link.push('&');
        link.push_str(&team_query(team.locked));
    }
    let on_pick = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            chosen.set(select.value());
        })
    };
    // The engine opens the scenario (its run and fault, or the weather file to fetch).
    let load = {
        let chosen = chosen.clone();
        let send = send.clone();
        Callback::from(move |_: MouseEvent| send.emit(Command::OpenScenario((*chosen).clone())))
    };
    let copy = {
        let link = link.clone();
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            // navigator.clipboard.writeText, looked up at run time: it may be
            // missing or refused (the promise is awaited, so a refusal is handled
            // here); the field above always holds the link.
            let promise = web_sys::window()
                .and_then(|w| js_sys::Reflect::get(&w.navigator(), &"clipboard".into()).ok())
                .filter(|c| !c.is_undefined())
                .and_then(|c| {
                    let f = js_sys::Reflect::get(&c, &"writeText".into()).ok()?;
                    let f: js_sys::Function = f.dyn_into().ok()?;
                    f.call1(&c, &link.clone().into())
                        .ok()?
                        .dyn_into::<js_sys::Promise>()
                        .ok()
                });
            let copied = copied.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let done = match promise {
                    Some(p) => wasm_bindgen_futures::JsFuture::from(p).await.is_ok(),
                    None => false,
                };
                copied.set(Some(if done {
                    "Link copied. It reproduces this run, cycle for cycle.".into()
                } else {
                    "Copy the link from the field above.".into()
                }));
            });
        })
    };
    let on_lock = {
        let dispatch = dispatch.clone();
        let hidden = props.hidden.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            dispatch.emit(Action::SetTeacher {
                hidden: hidden.clone(),
                lock_seed: input.checked(),
            });
        })
    };
    let on_hide = {
        let dispatch = dispatch.clone();
        let lock_seed = props.lock_seed;
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let mut hidden: Vec<Hidden> = Vec::new();
            for h in input
                .value()
                .split(',')
                .filter_map(|s| Hidden::from_key(s.trim()))
            {
                if !hidden.contains(&h) {
                    hidden.push(h);
                }
            }
            dispatch.emit(Action::SetTeacher { hidden, lock_seed });
        })
    };
    let on_lock_view = {
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            send.emit(Command::Team(TeamIntent::Lock(input.checked())));
        })
    };
    let presenter = {
        let on = props.presenter;
        Callback::from(move |_: MouseEvent| {
            if !on {
                // Full screen is a courtesy: a refusal (e.g. in a frame) changes nothing else.
                if let Some(el) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.document_element())
                {
                    let _ = el.request_fullscreen();
                }
            } else if let Some(d) = web_sys::window().and_then(|w| w.document()) {
                if d.fullscreen_element().is_some() {
                    d.exit_fullscreen();
                }
            }
            dispatch.emit(Action::SetPresenter(!on));
        })
    };
    let watch = (*chosen).clone();
    html! {
        <section class="panel classroom" aria-labelledby="classroom-title">
            <Disclosure title="Classroom" title_id="classroom-title" folds_on_phone=true>
                <div class="field">
                    <label for="scenario">{ "Scenario" }</label>
                    <select id="scenario" onchange={on_pick} aria-describedby="scenario-hint">
                        { for scenarios().iter().map(|s| html! {
                            <option value={s.key} selected={*chosen == s.key}>{ s.title }</option>
                        }) }
                    </select>
                    <p class="hint" id="scenario-hint">{ scenario(&watch).map_or("", |s| s.watch) }</p>
                </div>
                <button type="button" onclick={load}>{ "Load scenario" }</button>
                if let Some(s) = &props.scenario {
                    <p class="scenario-now" data-testid="scenario"><strong>{ format!("{}: ", s.title) }</strong>{ &s.watch }</p>
                }
                <div class="field">
                    <label for="share-link">{ "Link to this run" }</label>
                    <input type="text" id="share-link" readonly=true value={link.clone()} data-testid="share-link" />
                </div>
                <button type="button" onclick={copy}>{ "Copy link" }</button>
                <p role="status" class="hint">{ (*copied).clone().unwrap_or_default() }</p>
                <details class="teacher">
                    <summary>{ "Teacher options for the link" }</summary>
                    <div class="field checkbox">
                        <input type="checkbox" id="lock-seed" checked={props.lock_seed} onchange={on_lock} />
                        <label for="lock-seed">{ "Lock the seed" }</label>
                    </div>
                    <div class="field checkbox">
                        <input type="checkbox" id="lock-view" checked={props.team.is_some_and(|t| t.locked)}
                            onchange={on_lock_view} aria-describedby="lock-view-hint" />
                        <label for="lock-view">{ "Lock the team's view" }</label>
                        <p class="hint" id="lock-view-hint">{ "Students see only what the team sees, with no switch; the truth comes back when they answer the diagnosis." }</p>
                    </div>
                    <div class="field">
                        <label for="hide">{ "Hide controls and panels" }</label>
                        <input type="text" id="hide" value={hidden_keys(&props.hidden)} onchange={on_hide}
                            aria-describedby="hide-hint" spellcheck="false" />
                        <p class="hint" id="hide-hint">{ format!("Comma-separated, from: {}.", hideable().join(", ")) }</p>
                    </div>
                </details>
                <button type="button" aria-pressed={props.presenter.to_string()} onclick={presenter}>
                    { "Presenter view" }
                </button>
            </Disclosure>
        </section>
    }
}
