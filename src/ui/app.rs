//! The page: the reducer, the play timer, keyboard shortcuts, and the layout.

use gloo_events::{EventListener, EventListenerOptions};
use gloo_timers::callback::Interval;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::charts::{DriftChart, PerformanceChart, ScatterChart};
use super::components::alert_log::AlertLog;
use super::components::code_sample::CodeSample;
use super::components::decision_banner::DecisionBanner;
use super::components::gates::Gates;
use super::components::learn::Learn;
use super::components::policy_race::PolicyRacePanel;
use super::components::prediction::PredictBeforeReveal;
use super::components::process_flow::ProcessFlow;
use super::components::process_table::ProcessTable;
use super::components::registry_table::RegistryTable;
use super::components::run_controls::RunControls;
use super::components::settings::Settings;
use super::components::stats::Stats;
use super::components::status_tracker::StatusTracker;
use super::state::{Action, Notice, Playground, PlaygroundHandle};
use crate::sim::params::SimParams;
use crate::sim::protocol::Command;

/// True when a key press belongs to a form field (typing, moving a slider,
/// choosing an option), so page shortcuts must not steal it.
fn typing_in_field(event: &web_sys::KeyboardEvent) -> bool {
    let Some(target) = event.target() else {
        return false;
    };
    let Ok(el) = target.dyn_into::<web_sys::Element>() else {
        return false;
    };
    let tag = el.tag_name().to_ascii_lowercase();
    matches!(tag.as_str(), "input" | "select" | "textarea" | "option")
        || el.get_attribute("contenteditable").is_some()
}

/// Props of [`App`].
#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// Settings to start with (the defaults unless a test or link gives others).
    #[prop_or_default]
    pub initial: Option<SimParams>,
}

/// The whole playground.
#[component]
pub fn App(props: &AppProps) -> Html {
    let initial = props.initial.clone().unwrap_or_default();
    let state: PlaygroundHandle = use_reducer(move || Playground::new(initial));

    // The play timer lives only while playing, at the chosen speed.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((state.playing, state.speed), move |&(playing, speed)| {
            let interval = playing.then(|| {
                Interval::new(speed.interval_ms(), move || {
                    dispatcher.dispatch(Action::Tick)
                })
            });
            move || drop(interval)
        });
    }

    // Keyboard: → step, Space play/pause, R reset — never while typing in a field.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let document = gloo_utils_document();
            let listener = document.map(|doc| {
                EventListener::new_with_options(
                    &doc,
                    "keydown",
                    EventListenerOptions::enable_prevent_default(),
                    move |e| {
                        let Some(event) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                            return;
                        };
                        if typing_in_field(event)
                            || event.ctrl_key()
                            || event.meta_key()
                            || event.alt_key()
                        {
                            return;
                        }
                        let on_button = event
                            .target()
                            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                            .is_some_and(|el| el.tag_name().eq_ignore_ascii_case("button"));
                        match event.key().as_str() {
                            "ArrowRight" => {
                                event.prevent_default();
                                dispatcher.dispatch(Action::Send(Command::Step));
                            }
                            // Space on a focused button presses that button instead.
                            " " | "Spacebar" if !on_button => {
                                event.prevent_default();
                                dispatcher.dispatch(Action::TogglePlay);
                            }
                            "r" | "R" => {
                                event.prevent_default();
                                dispatcher.dispatch(Action::Send(Command::Reset));
                            }
                            _ => {}
                        }
                    },
                )
            });
            move || drop(listener)
        });
    }

    let send = |command: Command| {
        let state = state.clone();
        Callback::from(move |_: ()| state.dispatch(Action::Send(command.clone())))
    };
    let on_toggle_play = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::TogglePlay))
    };
    let on_speed = {
        let state = state.clone();
        Callback::from(move |speed| state.dispatch(Action::SetSpeed(speed)))
    };
    let on_settings = {
        let state = state.clone();
        Callback::from(move |p: SimParams| state.dispatch(Action::Send(Command::Configure(p))))
    };
    let on_invalid = {
        let state = state.clone();
        Callback::from(move |text: String| {
            state.dispatch(Action::ShowNotice(Notice {
                text,
                is_error: true,
            }))
        })
    };
    let on_highlight = {
        let state = state.clone();
        Callback::from(move |step: Option<u8>| state.dispatch(Action::Highlight(step)))
    };
    let on_inject = {
        let state = state.clone();
        Callback::from(move |f| state.dispatch(Action::Send(Command::InjectFault(f))))
    };
    let on_rollback = {
        let state = state.clone();
        Callback::from(move |v| state.dispatch(Action::Send(Command::Rollback(v))))
    };
    let on_race = {
        let state = state.clone();
        Callback::from(move |n| state.dispatch(Action::Send(Command::RunPolicyRace(n))))
    };
    let snap = state.snapshot.clone();

    html! {
        <div class="app">
            <header class="app-header">
                <h1>{ "Retrain Playground" }</h1>
                <nav class="page-nav" aria-label="Sections">
                    <a href="#flow-title">{ "Playground" }</a>
                    <a href="#policy-race">{ "Policy race" }</a>
                    <a href="#lesson">{ "Lesson" }</a>
                    <a href="#visual-quiz">{ "Visual quiz" }</a>
                    <a href="#practice">{ "Practice" }</a>
                    <a href="#test-yourself">{ "Test yourself" }</a>
                </nav>
                <p class="tagline">{ "Watch a real model go stale as the data drifts, get retrained in your browser, and be deployed — or raise an alert — cycle after cycle." }</p>
            </header>
            <div class="layout">
                <aside class="sidebar">
                    <RunControls
                        playing={state.playing}
                        speed={state.speed}
                        on_step={send(Command::Step)}
                        on_finish_cycle={send(Command::FinishCycle)}
                        on_toggle_play={on_toggle_play}
                        on_reset={send(Command::Reset)}
                        on_speed={on_speed}
                    />
                    if let Some(n) = &state.notice {
                        <p class={classes!("notice", n.is_error.then_some("error"))}
                           role={if n.is_error { "alert" } else { "status" }}
                           data-testid="notice">{ &n.text }</p>
                    }
                    <Settings params={state.shown_params().clone()} on_change={on_settings} on_invalid={on_invalid} />
                </aside>
                <main class="main">
                    <Stats snapshot={snap.clone()} />
                    <ProcessFlow snapshot={snap.clone()} />
                    <div class="grid-2">
                        <ScatterChart snapshot={snap.clone()} />
                        <div class="stack">
                            <DecisionBanner snapshot={snap.clone()} />
                            <PredictBeforeReveal snapshot={snap.clone()} />
                            <CodeSample snapshot={snap.clone()} />
                        </div>
                    </div>
                    <StatusTracker snapshot={snap.clone()} />
                    <Gates snapshot={snap.clone()} on_inject={on_inject} />
                    <ProcessTable snapshot={snap.clone()} highlighted={state.highlighted_step} />
                    <div class="grid-2">
                        <PerformanceChart snapshot={snap.clone()} />
                        <DriftChart snapshot={snap.clone()} />
                    </div>
                    <div class="grid-3-2">
                        <RegistryTable snapshot={snap.clone()} on_rollback={on_rollback} />
                        <AlertLog snapshot={snap.clone()} />
                    </div>
                    <PolicyRacePanel snapshot={snap.clone()} on_run={on_race} />
                    <Learn snapshot={snap} highlighted={state.highlighted_step} on_highlight={on_highlight} />
                </main>
            </div>
            <footer class="app-footer">
                <p>{ "Everything on this page is computed live in your browser: real data, real training (linfa), real evaluation. Nothing is pre-recorded." }</p>
            </footer>
        </div>
    }
}

fn gloo_utils_document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}
