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
use crate::sim::protocol::{Command, Engine, Snapshot};
use crate::worker::EngineWorker;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew_agent::worker::{use_worker_bridge, WorkerProvider};

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

/// An engine on the page's own thread, for component tests (no worker script
/// is served there). The page itself always uses the worker. It is held as a
/// `dyn Fn` so that the engine's code is linked only where one is built (the
/// tests), never into the page's wasm.
#[derive(Clone)]
pub struct LocalEngine(Rc<dyn Fn(Command) -> Snapshot>);

impl LocalEngine {
    /// An engine with default settings (the page sends `Start` with its own).
    pub fn new() -> Self {
        let engine = RefCell::new(Engine::new(SimParams::default()).0);
        LocalEngine(Rc::new(move |command| engine.borrow_mut().handle(command)))
    }

    fn handle(&self, command: Command) -> Snapshot {
        (self.0)(command)
    }
}

impl Default for LocalEngine {
    fn default() -> Self {
        Self::new()
    }
}

impl PartialEq for LocalEngine {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Props of [`App`].
#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// Settings to start with (the defaults unless a test or link gives others).
    #[prop_or_default]
    pub initial: Option<SimParams>,
    /// Run the engine on this thread instead of the worker (tests only).
    #[prop_or_default]
    pub local: Option<LocalEngine>,
}

/// Where the worker script is served (Trunk writes it next to index.html).
const WORKER_PATH: &str = "worker.js";

/// The whole playground: connects to the engine, then draws the page.
#[component]
pub fn App(props: &AppProps) -> Html {
    let initial = props.initial.clone().unwrap_or_default();
    match &props.local {
        Some(engine) => html! { <LocalConnection engine={engine.clone()} initial={initial} /> },
        None => html! {
            <WorkerProvider<EngineWorker> path={WORKER_PATH} lazy={false}>
                <WorkerConnection initial={initial} />
            </WorkerProvider<EngineWorker>>
        },
    }
}

/// Counts commands in flight, shared with timers and listeners.
#[derive(Clone, Default)]
pub struct InFlight(Rc<Cell<usize>>);

impl PartialEq for InFlight {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
struct WorkerConnectionProps {
    initial: SimParams,
}

/// The page talking to the engine worker.
#[component]
fn WorkerConnection(props: &WorkerConnectionProps) -> Html {
    let state: PlaygroundHandle = use_reducer(Playground::default);
    let in_flight = use_memo((), |_| InFlight::default());
    let bridge = {
        let dispatcher = state.dispatcher();
        let in_flight = (*in_flight).clone();
        use_worker_bridge::<EngineWorker, _>(move |snapshot| {
            in_flight.0.set(in_flight.0.get().saturating_sub(1));
            dispatcher.dispatch(Action::Received(Rc::new(snapshot)));
        })
    };
    let send = {
        let dispatcher = state.dispatcher();
        let in_flight = (*in_flight).clone();
        use_memo((), move |_| {
            Callback::from(move |command: Command| {
                in_flight.0.set(in_flight.0.get() + 1);
                dispatcher.dispatch(Action::Sent(command.clone()));
                bridge.send(command);
            })
        })
    };
    {
        let send = (*send).clone();
        let initial = props.initial.clone();
        use_effect_with((), move |_| send.emit(Command::Start(initial)));
    }
    html! { <Page state={state} send={(*send).clone()} in_flight={(*in_flight).clone()} /> }
}

#[derive(Properties, PartialEq)]
struct LocalConnectionProps {
    engine: LocalEngine,
    initial: SimParams,
}

/// The page talking to an engine on its own thread (component tests).
#[component]
fn LocalConnection(props: &LocalConnectionProps) -> Html {
    let state: PlaygroundHandle = use_reducer(Playground::default);
    let in_flight = use_memo((), |_| InFlight::default());
    let send = {
        let dispatcher = state.dispatcher();
        let engine = props.engine.clone();
        use_memo((), move |_| {
            Callback::from(move |command: Command| {
                dispatcher.dispatch(Action::Sent(command.clone()));
                let snapshot = engine.handle(command);
                dispatcher.dispatch(Action::Received(Rc::new(snapshot)));
            })
        })
    };
    {
        let send = (*send).clone();
        let initial = props.initial.clone();
        use_effect_with((), move |_| send.emit(Command::Start(initial)));
    }
    html! { <Page state={state} send={(*send).clone()} in_flight={(*in_flight).clone()} /> }
}

#[derive(Properties, PartialEq)]
struct PageProps {
    state: PlaygroundHandle,
    send: Callback<Command>,
    in_flight: InFlight,
}

/// The page itself.
#[component]
fn Page(props: &PageProps) -> Html {
    let state = props.state.clone();

    // The play timer lives only while playing, at the chosen speed. A tick sends
    // work only when the engine has answered the last one, so a slow window never
    // piles up commands.
    {
        let send = props.send.clone();
        let in_flight = props.in_flight.clone();
        use_effect_with((state.playing, state.speed), move |&(playing, speed)| {
            let interval = playing.then(|| {
                Interval::new(speed.interval_ms(), move || {
                    if in_flight.0.get() == 0 {
                        send.emit(Command::Run(speed.steps_per_tick()));
                    }
                })
            });
            move || drop(interval)
        });
    }

    // Keyboard: → step, Space play/pause, R reset — never while typing in a field.
    {
        let dispatcher = state.dispatcher();
        let send = props.send.clone();
        use_effect_with((), move |_| {
            let document = web_sys::window().and_then(|w| w.document());
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
                                send.emit(Command::Step);
                            }
                            // Space on a focused button presses that button instead.
                            " " | "Spacebar" if !on_button => {
                                event.prevent_default();
                                dispatcher.dispatch(Action::TogglePlay);
                            }
                            "r" | "R" => {
                                event.prevent_default();
                                send.emit(Command::Reset);
                            }
                            _ => {}
                        }
                    },
                )
            });
            move || drop(listener)
        });
    }

    let Some(snap) = state.snapshot.clone() else {
        return html! {
            <div class="app">
                <header class="app-header"><h1>{ "Retrain Playground" }</h1></header>
                <p role="status" class="loading">{ "Starting the simulation engine…" }</p>
            </div>
        };
    };
    let send = |command: Command| {
        let send = props.send.clone();
        Callback::from(move |_: ()| send.emit(command.clone()))
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
        let send = props.send.clone();
        Callback::from(move |p: SimParams| send.emit(Command::Configure(p)))
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
        let send = props.send.clone();
        Callback::from(move |f| send.emit(Command::InjectFault(f)))
    };
    let on_rollback = {
        let send = props.send.clone();
        Callback::from(move |v| send.emit(Command::Rollback(v)))
    };
    let on_race = {
        let send = props.send.clone();
        Callback::from(move |n| send.emit(Command::RunPolicyRace(n)))
    };

    html! {
        // data-pending: commands the engine has not answered yet (tests wait for 0).
        <div class="app" data-pending={state.in_flight().to_string()}>
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
                    <Settings params={state.shown_params()} on_change={on_settings} on_invalid={on_invalid} />
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
