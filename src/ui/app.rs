//! The page: the reducer, the play timer, keyboard shortcuts, and the layout.

use gloo_events::{EventListener, EventListenerOptions};
use gloo_timers::callback::Interval;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::charts::{ChartLookProvider, DriftChart, PerformanceChart, ScatterChart};
use super::components::alert_log::AlertLog;
use super::components::classroom::Classroom;
use super::components::code_sample::CodeSample;
use super::components::compare::CompareVersions;
use super::components::decision_banner::DecisionBanner;
use super::components::export_panel::ExportPanel;
use super::components::gates::Gates;
use super::components::learn::Learn;
use super::components::own_data::OwnData;
use super::components::policy_race::PolicyRacePanel;
use super::components::prediction::PredictBeforeReveal;
use super::components::process_flow::ProcessFlow;
use super::components::process_table::ProcessTable;
use super::components::registry_table::RegistryTable;
use super::components::run_controls::RunControls;
use super::components::settings::Settings;
use super::components::stall_notice::StallNotice;
use super::components::stats::Stats;
use super::components::status_tracker::StatusTracker;
use super::components::timeline::Timeline;
use super::components::training_speed::TrainingSpeed;
use super::components::when_seen::WhenSeen;
use super::state::{Action, Notice, Playground, PlaygroundHandle, Speed};
use crate::sim::engine::Engine;
use crate::sim::params::SimParams;
use crate::sim::protocol::{Command, Reply, Snapshot};
use crate::sim::scenarios::{scenario, Scenario};
use crate::sim::share::{parse_link, to_query, SharedLink};
use crate::worker::{now_ms, EngineWorker};
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
pub struct LocalEngine(Rc<dyn Fn(Command) -> Reply>);

impl LocalEngine {
    /// An engine with default settings (the page sends `Start` with its own).
    pub fn new() -> Self {
        let mut engine = Engine::new(SimParams::default()).0;
        engine.set_clock(now_ms);
        let engine = RefCell::new(engine);
        LocalEngine(Rc::new(move |command| engine.borrow_mut().answer(command)))
    }

    fn answer(&self, command: Command) -> Reply {
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

/// While the run plays fast, the scatter (1,500 marks, its caption with them)
/// is redrawn at most this often; everything else on screen follows every draw.
const SCATTER_EVERY_MS: u32 = 300;

/// Where the worker script is served (Trunk writes it next to index.html).
const WORKER_PATH: &str = "worker.js";

/// The page's query string (the shared link's settings), if any.
fn location_query() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// The whole playground: reads the link, connects to the engine, then draws
/// the page.
#[component]
pub fn App(props: &AppProps) -> Html {
    let link = use_memo(props.initial.clone(), |initial| match initial {
        Some(params) => SharedLink {
            params: params.clone(),
            ..SharedLink::default()
        },
        None => parse_link(&location_query()),
    });
    let link = (*link).clone();
    match &props.local {
        Some(engine) => html! { <LocalConnection engine={engine.clone()} link={link} /> },
        None => html! {
            <WorkerProvider<EngineWorker> path={WORKER_PATH} lazy={false}>
                <WorkerConnection link={link} />
            </WorkerProvider<EngineWorker>>
        },
    }
}

/// Applies a link on mount: the teacher's options, its problems as a notice,
/// the run (or the scenario it names).
fn apply_link(link: &SharedLink, state: &PlaygroundHandle, send: &Callback<Command>) {
    state.dispatch(Action::SetTeacher {
        hidden: link.hidden.clone(),
        lock_seed: link.lock_seed,
    });
    state.dispatch(Action::SetPresenter(link.presenter));
    let mut problems = link.problems.clone();
    let found = link.scenario.as_deref().and_then(|key| {
        let s = scenario(key);
        if s.is_none() {
            problems.push(format!(
                "There is no scenario called `{}`.",
                key.chars().take(24).collect::<String>()
            ));
        }
        s
    });
    match found {
        Some(s) => load_scenario(&s, state, send),
        None => send.emit(Command::Start(link.params.clone())),
    }
    if !problems.is_empty() {
        state.dispatch(Action::ShowNotice(Notice {
            text: format!("Some of the link could not be used: {}", problems.join(" ")),
            is_error: true,
        }));
    }
}

/// Starts a scenario's run (and its fault) and shows what to watch.
fn load_scenario(s: &Scenario, state: &PlaygroundHandle, send: &Callback<Command>) {
    send.emit(Command::Start(s.params.clone()));
    if let Some(f) = s.fault {
        send.emit(Command::InjectFault(f));
    }
    state.dispatch(Action::SetScenario(Some((
        s.title.to_string(),
        s.watch.to_string(),
    ))));
}

/// Counts commands in flight, shared with timers and listeners, and when the
/// engine last answered (or was first asked), for the watchdog.
#[derive(Clone, Default)]
pub struct InFlight(Rc<Cell<usize>>, Rc<Cell<f64>>);

/// How long the engine may stay silent on a pending command before the page
/// says it stopped (a policy race on huge windows takes seconds, not a minute).
const ENGINE_SILENCE_MS: f64 = 60_000.0;

impl PartialEq for InFlight {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
struct WorkerConnectionProps {
    link: SharedLink,
}

/// How often the page draws while playing at full speed. The engine answers
/// every few milliseconds there, faster than a classroom laptop can lay out and
/// paint the page; drawing each answer would leave no frame free (measured: 9
/// fps with the CPU slowed 4×). Answers in between wait, in order, and are
/// applied together, so the engine never waits for the page and the page keeps
/// every frame in between free for scrolling and the charts' own compositing.
const FULL_SPEED_DRAW_MS: f64 = 100.0;

/// Engine answers waiting for the next full-speed draw, and when the page last drew.
#[derive(Default)]
struct DrawQueue {
    replies: Vec<Reply>,
    last_draw: f64,
    timer: Option<gloo_timers::callback::Timeout>,
}

/// Applies every waiting answer at once (one draw) and notes when.
fn draw_now(queue: &RefCell<DrawQueue>, dispatcher: &UseReducerDispatcher<Playground>) {
    let replies = {
        let mut q = queue.borrow_mut();
        q.timer = None;
        q.last_draw = now_ms();
        std::mem::take(&mut q.replies)
    };
    dispatcher.dispatch(Action::ReceivedAll(replies));
}

/// The page talking to the engine worker.
#[component]
fn WorkerConnection(props: &WorkerConnectionProps) -> Html {
    let state: PlaygroundHandle = use_reducer(Playground::default);
    let in_flight = use_memo((), |_| InFlight::default());
    // True while playing at full speed: answers are drawn every FULL_SPEED_DRAW_MS.
    let full_speed = use_memo((), |_| Rc::new(Cell::new(false)));
    {
        let full_speed = full_speed.clone();
        use_effect_with((state.playing, state.speed), move |&(playing, speed)| {
            full_speed.set(playing && speed == Speed::Full);
        });
    }
    let queue = use_memo((), |_| Rc::new(RefCell::new(DrawQueue::default())));
    let bridge = {
        let dispatcher = state.dispatcher();
        let in_flight = (*in_flight).clone();
        let full_speed = (*full_speed).clone();
        let queue = (*queue).clone();
        use_worker_bridge::<EngineWorker, _>(move |reply| {
            in_flight.0.set(in_flight.0.get().saturating_sub(1));
            let now = now_ms();
            in_flight.1.set(now);
            let wait = {
                let mut q = queue.borrow_mut();
                q.replies.push(reply);
                if q.timer.is_some() {
                    return; // a draw is already due
                }
                if full_speed.get() {
                    q.last_draw + FULL_SPEED_DRAW_MS - now
                } else {
                    0.0
                }
            };
            if wait <= 0.0 {
                draw_now(&queue, &dispatcher);
                return;
            }
            let timer = {
                let (queue, dispatcher) = (queue.clone(), dispatcher.clone());
                gloo_timers::callback::Timeout::new(wait as u32, move || {
                    draw_now(&queue, &dispatcher)
                })
            };
            queue.borrow_mut().timer = Some(timer);
        })
    };
    let send = {
        let dispatcher = state.dispatcher();
        let in_flight = (*in_flight).clone();
        use_memo((), move |_| {
            Callback::from(move |command: Command| {
                if in_flight.0.get() == 0 {
                    in_flight.1.set(now_ms());
                }
                in_flight.0.set(in_flight.0.get() + 1);
                dispatcher.dispatch(Action::Sent(command.clone()));
                bridge.send(command);
            })
        })
    };
    use_started_page(&props.link, state, (*send).clone(), (*in_flight).clone())
}

#[derive(Properties, PartialEq)]
struct LocalConnectionProps {
    engine: LocalEngine,
    link: SharedLink,
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
                let reply = engine.answer(command);
                dispatcher.dispatch(Action::Received(reply));
            })
        })
    };
    use_started_page(&props.link, state, (*send).clone(), (*in_flight).clone())
}

/// Applies the link once on mount, then draws the page: what both
/// connections do once they can send commands.
#[hook]
fn use_started_page(
    link: &SharedLink,
    state: PlaygroundHandle,
    send: Callback<Command>,
    in_flight: InFlight,
) -> Html {
    {
        let send = send.clone();
        let link = link.clone();
        let state = state.clone();
        use_effect_with((), move |_| apply_link(&link, &state, &send));
    }
    html! { <Page state={state} send={send} in_flight={in_flight} /> }
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

    // Watchdog: if the engine's worker died (a panic there cannot reach the
    // page), say so and offer the same Reset as a crash of the page itself.
    {
        let in_flight = props.in_flight.clone();
        use_effect_with((), move |_| {
            let watchdog = Interval::new(5_000, move || {
                if in_flight.0.get() > 0 && now_ms() - in_flight.1.get() > ENGINE_SILENCE_MS {
                    super::crash::show_crash_notice();
                }
            });
            move || drop(watchdog)
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

    // Keep the address bar's query in step with the settings, so the address
    // itself is always a link that reproduces the run.
    {
        let query = to_query(
            &state.shown_params(),
            &state.hidden,
            state.lock_seed,
            state.presenter,
        );
        let started = state.snapshot.is_some();
        use_effect_with((query, started), |(query, started)| {
            if *started {
                if let Some(w) = web_sys::window() {
                    let hash = w.location().hash().unwrap_or_default();
                    if let Ok(history) = w.history() {
                        // A refusal (e.g. a sandboxed frame) only leaves the address as it was.
                        let _ = history.replace_state_with_url(
                            &wasm_bindgen::JsValue::NULL,
                            "",
                            Some(&format!("?{query}{hash}")),
                        );
                    }
                }
            }
        });
    }

    let Some(live_snap) = state.snapshot.clone() else {
        return html! {
            <div class="app">
                { app_header() }
                { loading_layout("Starting the simulation engine…") }
            </div>
        };
    };
    // A rewound cycle is shown by the same components, from its record.
    let snap = displayed(&live_snap);
    let send = |command: Command| {
        let send = props.send.clone();
        Callback::from(move |_: ()| send.emit(command.clone()))
    };
    let on_scenario = {
        let send = props.send.clone();
        let state = state.clone();
        Callback::from(move |key: String| {
            if let Some(s) = scenario(&key) {
                load_scenario(&s, &state, &send);
            }
        })
    };
    let on_teacher = {
        let state = state.clone();
        Callback::from(move |(hidden, lock_seed): (Vec<String>, bool)| {
            state.dispatch(Action::SetTeacher { hidden, lock_seed })
        })
    };
    let on_presenter = {
        let state = state.clone();
        Callback::from(move |on| state.dispatch(Action::SetPresenter(on)))
    };
    let shows = |name: &str| state.shows(name);
    // Playing fast (a cycle or more per tick): parts off screen keep their last
    // drawing until they are scrolled to or the run pauses (WhenSeen).
    let hold = state.playing && matches!(state.speed, Speed::CyclePerTick | Speed::Full);
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
        <div class={classes!("app", state.presenter.then_some("presenter"))} data-pending={state.in_flight().to_string()}>
            <ChartLookProvider presenter={state.presenter}>
            { app_header() }
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
                    <Settings params={state.shown_params()} on_change={on_settings.clone()} on_invalid={on_invalid.clone()}
                        hidden={state.hidden.clone()} lock_seed={state.lock_seed} />
                    <Classroom params={state.shown_params()} hidden={state.hidden.clone()}
                        lock_seed={state.lock_seed} presenter={state.presenter}
                        scenario={state.scenario.clone()} on_scenario={on_scenario}
                        on_teacher={on_teacher} on_presenter={on_presenter} />
                </aside>
                <main class="main">
                    <WhenSeen hold={hold}>
                    <Stats snapshot={snap.clone()} />
                    if let Some(v) = &live_snap.view {
                        <p class="notice viewing" role="status">{ format!("Viewing cycle {} (rewound). Step, Finish cycle or Back to live returns to the live run.", v.record.cycle) }</p>
                    }
                    if shows("flow") { <ProcessFlow snapshot={snap.clone()} /> }
                    <div class="grid-2">
                        if shows("charts") {
                            <WhenSeen hold={hold} every_ms={SCATTER_EVERY_MS}><ScatterChart snapshot={snap.clone()} /></WhenSeen>
                        }
                        <div class="stack">
                            <DecisionBanner snapshot={snap.clone()} />
                            if live_snap.view.is_none() {
                                <StallNotice snapshot={live_snap.clone()} on_settings={on_settings.clone()} />
                            }
                            if shows("predict") { <PredictBeforeReveal snapshot={snap.clone()} /> }
                            if shows("code") { <CodeSample snapshot={snap.clone()} /> }
                        </div>
                    </div>
                    </WhenSeen>
                    <WhenSeen hold={hold}>
                    if shows("tracker") { <StatusTracker snapshot={snap.clone()} /> }
                    if shows("gates") { <Gates snapshot={snap.clone()} on_inject={on_inject} /> }
                    <ProcessTable snapshot={snap.clone()} highlighted={state.highlighted_step} />
                    </WhenSeen>
                    if shows("charts") {
                    <WhenSeen hold={hold}>
                    <div class="grid-2">
                        <PerformanceChart snapshot={snap.clone()} />
                        <DriftChart snapshot={snap.clone()} />
                    </div>
                    </WhenSeen>
                    }
                    <WhenSeen hold={hold}>
                    <div class="grid-3-2">
                        if shows("registry") { <RegistryTable snapshot={live_snap.clone()} on_rollback={on_rollback} /> }
                        if shows("alerts") { <AlertLog snapshot={live_snap.clone()} /> }
                    </div>
                    </WhenSeen>
                    <WhenSeen hold={hold}>
                    <section class="history" id="history" aria-label="Rewind, compare and export">
                        <div class="grid-2">
                            <Timeline snapshot={live_snap.clone()} send={props.send.clone()} />
                            <CompareVersions snapshot={live_snap.clone()} send={props.send.clone()} />
                        </div>
                        <div class="grid-2">
                            <ExportPanel export={state.export.clone()} send={props.send.clone()} />
                            <OwnData snapshot={live_snap.clone()} send={props.send.clone()} on_problem={on_invalid.clone()} />
                        </div>
                    </section>
                    </WhenSeen>
                    <WhenSeen hold={hold}>
                    if shows("race") { <PolicyRacePanel snapshot={live_snap.clone()} on_run={on_race} /> }
                    if shows("timing") { <TrainingSpeed timings={state.timings.clone()} busy={state.in_flight() > 0} send={props.send.clone()} /> }
                    </WhenSeen>
                    if shows("learn") {
                    <WhenSeen hold={hold}>
                    <Learn snapshot={snap} playing={state.playing} progress={state.progress.clone()} lesson={state.lesson.clone()} quiz_bank={state.quiz_bank.clone()} test={state.test.clone()} visual_quiz={state.visual_quiz.clone()} send={props.send.clone()} highlighted={state.highlighted_step} on_highlight={on_highlight} />
                    </WhenSeen>
                    }
                </main>
            </div>
            <footer class="app-footer">
                <p>{ "Everything on this page is computed live in your browser: real data, real training (linfa), real evaluation. Nothing is pre-recorded." }</p>
            </footer>
            </ChartLookProvider>
        </div>
    }
}

/// The page's header: title, section links and the one-line lead. index.html
/// carries the same markup (the first paint, before any wasm), so keep them in
/// step; tests/e2e/first-paint.test.mjs compares the two.
fn app_header() -> Html {
    html! {
        <header class="app-header">
            <h1>{ "Retrain Playground" }</h1>
            <nav class="page-nav" aria-label="Sections">
                <a href="#flow-title">{ "Playground" }</a>
                <a href="#policy-race">{ "Policy race" }</a>
                <a href="#training-time">{ "Training time" }</a>
                <a href="#lesson">{ "Lesson" }</a>
                <a href="#visual-quiz">{ "Visual quiz" }</a>
                <a href="#practice">{ "Practice" }</a>
                <a href="#test-yourself">{ "Test yourself" }</a>
            </nav>
            <p class="tagline">{ "Watch a real model go stale as the data drifts, get retrained in your browser, and be deployed — or raise an alert — cycle after cycle." }</p>
        </header>
    }
}

/// The layout while the engine starts: the static shell of index.html (skeleton
/// panels where the controls and the flow will be) with a status line.
fn loading_layout(status: &'static str) -> Html {
    html! {
        <div class="layout">
            <aside class="sidebar" aria-hidden="true">
                <div class="panel skeleton skeleton-controls"></div>
                <div class="panel skeleton skeleton-settings"></div>
            </aside>
            <main class="main">
                <p class="panel loading" role="status">{ status }</p>
                <div class="panel skeleton skeleton-flow" aria-hidden="true"></div>
            </main>
        </div>
    }
}

/// The snapshot the page draws: the live one, or a rewound cycle shown through
/// the same components (its table, tracker, decision, batch and boundaries).
fn displayed(live: &Rc<Snapshot>) -> Rc<Snapshot> {
    let Some(view) = &live.view else {
        return live.clone();
    };
    let r = &view.record;
    let mut s = (**live).clone();
    s.cycle = r.cycle;
    s.rows = r.rows.clone();
    s.tracker = r.tracker.clone();
    s.outcome = Some(r.outcome.clone());
    s.batch = view.batch.clone();
    s.drift = r.drift;
    s.last_step = r.rows.last().map(|row| row.kind);
    s.candidate = r.candidate;
    s.live_version = r.live_after;
    // The rewound cycle's scores live in its rows and outcome (the views read
    // them there); the live run's would tell another cycle's story.
    s.candidate_scores = None;
    s.live_scores = None;
    s.live_grid = view.live_grid.clone();
    s.live_boundary = view.live_boundary;
    s.candidate_grid = view.candidate_grid.clone();
    s.candidate_boundary = view.candidate_boundary;
    s.scatter = view.scatter.clone();
    s.totals = live.totals_at(r.cycle);
    s.summaries.retain(|x| x.cycle <= r.cycle);
    s.alerts.retain(|a| a.cycle <= r.cycle);
    Rc::new(s)
}
