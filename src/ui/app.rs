//! The page: the reducer, the play timer, keyboard shortcuts, and the layout.

use yew::prelude::*;

use super::charts::{ChartLookProvider, DriftChart, PerformanceChart, ScatterChart};
use super::components::alert_log::AlertLog;
use super::components::classroom::Classroom;
use super::components::code_sample::CodeSample;
use super::components::compare::CompareVersions;
use super::components::decision_banner::DecisionBanner;
use super::components::export_panel::ExportPanel;
use super::components::gates::Gates;
use super::components::guide::{Guide, ModeBar};
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
use super::components::weather_data::WeatherData;
use super::components::when_seen::WhenSeen;
use super::hooks::{
    stored_progress, use_address, use_engine_watchdog, use_play_timer, use_saved_progress,
    use_shortcuts, EngineLink,
};
use super::state::{Action, Notice, Playground, PlaygroundHandle, Speed, View};
use crate::sim::engine::protocol::{Command, ProgressIntent, Reply, Snapshot, WeatherStart};
use crate::sim::engine::share::{
    guide_query, parse_link, to_query, weather_query, Hidden, Panel, SharedLink,
};
use crate::sim::engine::Engine;
use crate::sim::params::SimParams;
use crate::sim::retraining::scenarios::{scenario, Scenario, ScenarioData, WEATHER_SCENARIO};
use crate::sim::stream::weather::{FeaturePair, WEATHER_FILE};
use crate::sim::teach::guide::{chapter, with_choices};
use crate::worker::{now_ms, EngineWorker};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew_agent::worker::{use_worker_bridge, WorkerProvider};

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
            names_settings: true,
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

/// Applies a link on mount: the saved progress (read first: with a link that
/// names neither a chapter nor settings it decides between the guide and the
/// playground), the chapter it opens, or the teacher's options, its problems
/// as a notice, the run (or the scenario it names).
fn apply_link(link: &SharedLink, state: &PlaygroundHandle, send: &Callback<Command>) {
    send.emit(Command::Progress(ProgressIntent::Load(stored_progress())));
    state.dispatch(Action::SetPresenter(link.presenter));
    let mut problems = link.problems.clone();
    if let Some(c) = link.chapter.and_then(chapter) {
        state.dispatch(Action::SetGuideSeed(link.params.seed));
        state.dispatch(Action::SetView(View::Guide(c.number)));
        send.emit(Command::Progress(ProgressIntent::OpenChapter(c.number)));
        send.emit(Command::Start(with_choices(&c, &link.params)));
    } else {
        if link.names_settings {
            state.dispatch(Action::SetView(View::Playground));
        }
        problems.extend(apply_settings(link, state, send));
    }
    if !problems.is_empty() {
        state.dispatch(Action::ShowNotice(Notice {
            text: format!("Some of the link could not be used: {}", problems.join(" ")),
            is_error: true,
        }));
    }
}

/// The playground's part of a link: the teacher's options, the run or the
/// scenario it names (an unknown scenario is one more problem to show).
fn apply_settings(
    link: &SharedLink,
    state: &PlaygroundHandle,
    send: &Callback<Command>,
) -> Vec<String> {
    state.dispatch(Action::SetTeacher {
        hidden: link.hidden.clone(),
        lock_seed: link.lock_seed,
    });
    let mut problems = Vec::new();
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
    // Before the first run there is none to keep: if the weather data cannot
    // be fetched, the link's settings start on the synthetic stream.
    let fallback = Some(link.params.clone());
    match (found, link.weather) {
        (Some(s), _) => load_scenario(&s, state, send, fallback),
        (None, Some(pair)) => {
            start_weather(pair, link.params.clone(), None, fallback, state, send);
        }
        (None, None) => send.emit(Command::Start(link.params.clone())),
    }
    problems
}

/// Starts a scenario's run (and its fault) and shows what to watch. A
/// weather scenario fetches its file first; if that fails, the run on screen
/// stays (or `fallback` starts, when there is none yet).
fn load_scenario(
    s: &Scenario,
    state: &PlaygroundHandle,
    send: &Callback<Command>,
    fallback: Option<SimParams>,
) {
    let shown = Some((s.title.to_string(), s.watch.to_string()));
    if let ScenarioData::Weather(pair) = s.data {
        start_weather(pair, s.params.clone(), shown, fallback, state, send);
        return;
    }
    send.emit(Command::Start(s.params.clone()));
    if let Some(f) = s.fault {
        send.emit(Command::InjectFault(f));
    }
    state.dispatch(Action::SetScenario(shown));
}

/// Fetches the weather file (only now: it is not part of the page's first
/// load; the service worker then keeps it) and starts a run on it with
/// `pair` and `params`. On failure the notice says why and nothing is sent,
/// so the run on screen stays as it was (`fallback` starts when there is no
/// run yet).
fn start_weather(
    pair: FeaturePair,
    params: SimParams,
    scenario: Option<(String, String)>,
    fallback: Option<SimParams>,
    state: &PlaygroundHandle,
    send: &Callback<Command>,
) {
    state.dispatch(Action::SetWeatherFetching(true));
    // Said at once (and replacing an older problem, e.g. an earlier failed fetch).
    state.dispatch(Action::ShowNotice(Notice {
        text: crate::sim::wording::weather_loading().to_string(),
        is_error: false,
    }));
    let (state, send) = (state.clone(), send.clone());
    wasm_bindgen_futures::spawn_local(async move {
        let fetched = super::fetch::fetch_text(WEATHER_FILE).await;
        state.dispatch(Action::SetWeatherFetching(false));
        match fetched {
            Ok(text) => {
                send.emit(Command::StartWeather(WeatherStart {
                    file: Some(text),
                    pair,
                    params,
                }));
                if scenario.is_some() {
                    state.dispatch(Action::SetScenario(scenario));
                }
            }
            Err(failure) => {
                if let Some(p) = fallback {
                    send.emit(Command::Start(p));
                }
                state.dispatch(Action::ShowNotice(Notice {
                    text: crate::sim::wording::fetch_problem(failure),
                    is_error: true,
                }));
            }
        }
    });
}

/// Counts commands in flight, shared with timers and listeners, and when the
/// engine last answered (or was first asked), for the watchdog.
#[derive(Clone, Default)]
pub struct InFlight(Rc<Cell<usize>>, Rc<Cell<f64>>);

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
    // The engine connection and the playground's state are contexts: a
    // component below takes what it draws from them instead of a chain of props.
    html! {
        <ContextProvider<EngineLink> context={EngineLink(send.clone())}>
            <ContextProvider<PlaygroundHandle> context={state.clone()}>
                <Page state={state} send={send} in_flight={in_flight} />
            </ContextProvider<PlaygroundHandle>>
        </ContextProvider<EngineLink>>
    }
}

#[derive(Properties, PartialEq)]
struct PageProps {
    state: PlaygroundHandle,
    send: Callback<Command>,
    in_flight: InFlight,
}

/// The page itself: the guide's chapter or the playground.
#[component]
fn Page(props: &PageProps) -> Html {
    let state = props.state.clone();
    let in_playground = state.view == View::Playground;

    let idle: Rc<dyn Fn() -> bool> = {
        let in_flight = props.in_flight.clone();
        Rc::new(move || in_flight.0.get() == 0)
    };
    use_play_timer(
        state.playing && in_playground,
        state.speed,
        &props.send,
        idle,
    );
    let silent_since: Rc<dyn Fn() -> Option<f64>> = {
        let in_flight = props.in_flight.clone();
        Rc::new(move || (in_flight.0.get() > 0).then(|| in_flight.1.get()))
    };
    use_engine_watchdog(silent_since);
    {
        let dispatcher = state.dispatcher();
        // Not in the guide (its runs are its own); while the page still decides,
        // a key already goes to the run on screen.
        use_shortcuts(
            !matches!(state.view, View::Guide(_)),
            &props.send,
            Callback::from(move |a| dispatcher.dispatch(a)),
        );
    }
    use_saved_progress(state.progress.clone());
    // The address is always a link back to what is on screen: the chapter, or
    // the playground's settings.
    use_address(match (state.view, state.snapshot.is_some()) {
        (View::Guide(n), true) => Some(guide_query(n, state.guide_seed, state.presenter)),
        (View::Playground, true) => Some(playground_query(&state)),
        _ => None,
    });

    let place = state.guide_place();
    let on_chapter = {
        let (state, send) = (state.clone(), props.send.clone());
        Callback::from(move |n: u8| {
            state.dispatch(Action::SetPlaying(false));
            state.dispatch(Action::SetView(View::Guide(n)));
            send.emit(Command::Progress(ProgressIntent::OpenChapter(n)));
            scroll_to_top();
        })
    };
    // The Playground switch opens free play on the playground's own run (the
    // last settings run there, or the default loop), never the chapter's run,
    // whose trigger may never retrain.
    let on_playground = {
        let (state, send) = (state.clone(), props.send.clone());
        Callback::from(move |()| {
            let from_guide = matches!(state.view, View::Guide(_));
            state.dispatch(Action::SetView(View::Playground));
            send.emit(Command::Progress(ProgressIntent::OpenPlayground));
            if from_guide {
                send.emit(Command::Start(
                    state.playground_params.clone().unwrap_or_default(),
                ));
            }
            scroll_to_top();
        })
    };
    // "Open this run in the playground": free play on the chapter's run as it
    // stands, with every control.
    let on_open_run = {
        let (state, send) = (state.clone(), props.send.clone());
        Callback::from(move |()| {
            state.dispatch(Action::SetView(View::Playground));
            send.emit(Command::Progress(ProgressIntent::OpenPlayground));
            scroll_to_top();
        })
    };

    let (View::Guide(_) | View::Playground, Some(live_snap)) = (state.view, state.snapshot.clone())
    else {
        return html! {
            <div class={classes!("app", state.presenter.then_some("presenter"))}>
                { app_header() }
                { loading_layout("Starting the simulation engine…") }
            </div>
        };
    };
    let notice = state.notice.as_ref().map(|n| {
        html! {
            <p class={classes!("notice", n.is_error.then_some("error"))}
               role={if n.is_error { "alert" } else { "status" }}
               data-testid="notice">{ &n.text }</p>
        }
    });
    let body = match state.view {
        View::Guide(n) => html! {
            <>
                <ModeBar chapter={Some(n)} place={place} on_chapter={on_chapter.clone()} on_playground={on_playground.clone()} />
                // One main landmark holds the chapter, its panels and its notices.
                <main class="main guide-main">
                    { notice }
                    <Guide key={format!("chapter-{n}")} chapter={n} on_chapter={on_chapter} on_playground={on_playground} on_open_run={on_open_run} />
                </main>
            </>
        },
        _ => html! {
            <>
                <ModeBar chapter={None} place={place} on_chapter={on_chapter} on_playground={on_playground} />
                { playground(&state, &live_snap, &props.send, notice) }
            </>
        },
    };
    html! {
        // data-pending: commands the engine has not answered yet (tests wait for 0).
        <div class={classes!("app", state.presenter.then_some("presenter"))} data-pending={state.in_flight().to_string()}
             data-view={if in_playground { "playground" } else { "guide" }}>
            <ChartLookProvider presenter={state.presenter}>
            { app_header() }
            { body }
            <footer class="app-footer">
                <p>{ "Everything on this page is computed live in your browser: real data, real training (linfa), real evaluation. Nothing is pre-recorded." }</p>
            </footer>
            </ChartLookProvider>
        </div>
    }
}

/// The playground's address: its settings, the teacher's choices and, on the
/// weather data, the data and its features.
fn playground_query(state: &Playground) -> String {
    let mut q = to_query(
        &state.shown_params(),
        &state.hidden,
        state.lock_seed,
        state.presenter,
    );
    if let Some(pair) = weather_pair(state) {
        q.push('&');
        q.push_str(&weather_query(pair));
    }
    q
}

/// The features streamed, when the run streams the weather data.
fn weather_pair(state: &Playground) -> Option<FeaturePair> {
    state.snapshot.as_ref()?.weather.map(|w| w.pair)
}

/// Scrolls the page back to its top (a new chapter, or the other view).
fn scroll_to_top() {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Free play: the run controls and the main settings first, the lesson's own
/// elements where the loop runs, then the tools in their own sections.
fn playground(
    state: &PlaygroundHandle,
    live_snap: &Rc<Snapshot>,
    send_to: &Callback<Command>,
    notice: Option<Html>,
) -> Html {
    // A rewound cycle is shown by the same components, from its record.
    let snap = displayed(live_snap);
    let send = |command: Command| {
        let send = send_to.clone();
        Callback::from(move |_: ()| send.emit(command.clone()))
    };
    let on_scenario = {
        let send = send_to.clone();
        let state = state.clone();
        Callback::from(move |key: String| {
            if let Some(s) = scenario(&key) {
                load_scenario(&s, &state, &send, None);
            }
        })
    };
    let on_weather_pair = {
        let send = send_to.clone();
        let state = state.clone();
        Callback::from(move |pair: FeaturePair| {
            send.emit(Command::StartWeather(WeatherStart {
                file: None,
                pair,
                params: state.shown_params(),
            }))
        })
    };
    let on_weather_scenario = {
        let send = send_to.clone();
        let state = state.clone();
        Callback::from(move |()| {
            if let Some(s) = scenario(WEATHER_SCENARIO) {
                load_scenario(&s, &state, &send, None);
            }
        })
    };
    let weather = live_snap.weather;
    let ended = weather
        .filter(|w| w.ended)
        .map(|_| AttrValue::from(crate::sim::wording::weather_ended_short()));
    let on_teacher = {
        let state = state.clone();
        Callback::from(move |(hidden, lock_seed): (Vec<Hidden>, bool)| {
            state.dispatch(Action::SetTeacher { hidden, lock_seed })
        })
    };
    let on_presenter = {
        let state = state.clone();
        Callback::from(move |on| state.dispatch(Action::SetPresenter(on)))
    };
    let shows = |panel: Panel| state.shows(panel);
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
        let send = send_to.clone();
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
        let send = send_to.clone();
        Callback::from(move |f| send.emit(Command::InjectFault(f)))
    };
    let on_rollback = {
        let send = send_to.clone();
        Callback::from(move |v| send.emit(Command::Rollback(v)))
    };
    let on_race = {
        let send = send_to.clone();
        Callback::from(move |n| send.emit(Command::RunPolicyRace(n)))
    };
    html! {
        <div class="layout">
            <aside class="sidebar">
                <p class="start-here" data-testid="start-here">{ if weather.is_some() {
                    "Start here: press Step to walk the loop one step at a time, or Play to stream year after year. On the accuracy chart, compare the grey line (v1, never retrained) with the live model's."
                } else {
                    "Start here: press Step to walk the loop one step at a time, or Play to watch cycle after cycle. Then drag Drift strength and watch live accuracy fall."
                } }</p>
                <RunControls
                    playing={state.playing}
                    speed={state.speed}
                    on_step={send(Command::Step)}
                    on_finish_cycle={send(Command::FinishCycle)}
                    on_toggle_play={on_toggle_play}
                    on_reset={send(Command::Reset)}
                    on_speed={on_speed}
                    ended={ended}
                />
                { notice }
                if weather.is_some() {
                    <WeatherData snapshot={live_snap.clone()} on_pair={on_weather_pair} />
                }
                <Settings params={state.shown_params()} on_change={on_settings.clone()} on_invalid={on_invalid.clone()}
                    hidden={state.hidden.clone()} lock_seed={state.lock_seed} real_data={live_snap.user_data.is_some()} />
                <Classroom params={state.shown_params()} hidden={state.hidden.clone()}
                    lock_seed={state.lock_seed} presenter={state.presenter} weather={weather.map(|w| w.pair)}
                    scenario={state.scenario.clone()} on_scenario={on_scenario}
                    on_teacher={on_teacher} on_presenter={on_presenter} />
            </aside>
            <main class="main">
                <WhenSeen hold={hold}>
                <Stats snapshot={snap.clone()} />
                if let Some(v) = &live_snap.view {
                    <p class="notice viewing" role="status">{ format!("Viewing cycle {} (rewound). Step, Finish cycle or Back to live returns to the live run.", v.record.cycle) }</p>
                }
                if shows(Panel::Flow) { <ProcessFlow snapshot={snap.clone()} /> }
                <div class="grid-2">
                    if shows(Panel::Charts) {
                        <WhenSeen hold={hold} every_ms={SCATTER_EVERY_MS}><ScatterChart snapshot={snap.clone()} /></WhenSeen>
                    }
                    <div class="stack">
                        <DecisionBanner snapshot={snap.clone()} />
                        if live_snap.view.is_none() {
                            // A restart keeps the data streamed (own file, weather): new settings, then Reset.
                            <StallNotice snapshot={live_snap.clone()} on_settings={on_settings.clone()}
                                on_restart={{ let send = send_to.clone(); Callback::from(move |p: SimParams| { send.emit(Command::Configure(p)); send.emit(Command::Reset); }) }} />
                        }
                        if shows(Panel::Predict) { <PredictBeforeReveal snapshot={snap.clone()} /> }
                        if shows(Panel::Code) { <CodeSample snapshot={snap.clone()} /> }
                    </div>
                </div>
                </WhenSeen>
                if shows(Panel::Charts) {
                <WhenSeen hold={hold}>
                <div class="grid-2">
                    <PerformanceChart snapshot={snap.clone()} />
                    <DriftChart snapshot={snap.clone()} />
                </div>
                </WhenSeen>
                }
                <WhenSeen hold={hold}>
                if shows(Panel::Tracker) { <StatusTracker snapshot={snap.clone()} /> }
                if shows(Panel::Gates) { <Gates snapshot={snap.clone()} on_inject={on_inject} /> }
                <ProcessTable snapshot={snap.clone()} highlighted={state.highlighted_step} />
                </WhenSeen>
                if shows(Panel::Learn) {
                <WhenSeen hold={hold}>
                <Learn snapshot={snap} playing={state.playing} progress={state.progress.clone()} lesson={state.lesson.clone()} quiz_bank={state.quiz_bank.clone()} test={state.test.clone()} visual_quiz={state.visual_quiz.clone()} send={send_to.clone()} highlighted={state.highlighted_step} on_highlight={on_highlight} />
                </WhenSeen>
                }
                <crate::ui::components::glossary::Glossary />
                <WhenSeen hold={hold}>
                <section class="tools" aria-labelledby="registry-section">
                    <h2 class="section-title" id="registry-section">{ "Model registry and alerts" }</h2>
                    <div class="grid-3-2">
                        if shows(Panel::Registry) { <RegistryTable snapshot={live_snap.clone()} on_rollback={on_rollback} /> }
                        if shows(Panel::Alerts) { <AlertLog snapshot={live_snap.clone()} /> }
                    </div>
                </section>
                </WhenSeen>
                <WhenSeen hold={hold}>
                <section class="history tools" id="history" aria-labelledby="history-section">
                    <h2 class="section-title" id="history-section">{ "Rewind, compare, export, your own data" }</h2>
                    <div class="grid-2">
                        <Timeline snapshot={live_snap.clone()} send={send_to.clone()} />
                        <CompareVersions snapshot={live_snap.clone()} send={send_to.clone()} />
                    </div>
                    <div class="grid-2">
                        <ExportPanel export={state.export.clone()} send={send_to.clone()} />
                        <OwnData snapshot={live_snap.clone()} send={send_to.clone()} on_problem={on_invalid.clone()} on_weather={on_weather_scenario} fetching={state.weather_fetching} />
                    </div>
                </section>
                </WhenSeen>
                <WhenSeen hold={hold}>
                <section class="tools" aria-labelledby="policies-section">
                    <h2 class="section-title" id="policies-section">{ "Policies and training time" }</h2>
                    if shows(Panel::Race) { <PolicyRacePanel snapshot={live_snap.clone()} on_run={on_race} /> }
                    if shows(Panel::Timing) { <TrainingSpeed timings={state.timings.clone()} busy={state.in_flight() > 0} send={send_to.clone()} /> }
                </section>
                </WhenSeen>
            </main>
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
            <p class="tagline">{ "Watch a real model go stale as the data drifts, get retrained in your browser, and be deployed — or raise an alert — cycle after cycle." }</p>
        </header>
    }
}

/// The layout while the engine starts: the static shell of index.html (skeleton
/// panels where the controls and the flow will be) with a status line.
fn loading_layout(status: &'static str) -> Html {
    html! {
        <>
        <div class="mode-bar" aria-hidden="true"></div>
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
        </>
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
