//! The page's one reducer. UI state changes only through [`Action`]; the engine
//! is reached only through [`Command`]s and answers each with a [`Reply`], so no
//! component knows whether it runs in the Web Worker (the page) or on the
//! page's own thread (component tests).

use std::rc::Rc;

use yew::prelude::*;

use super::in_flight::InFlight;
use crate::sim::engine::protocol::{
    Command, DataFetch, ExportFiles, LinkView, Opened, ProgressReply, QuizReply, Reply,
    ScenarioShown, Snapshot, TrainingTiming,
};
use crate::sim::engine::share::{Hidden, Panel};
use crate::sim::keys_and_labels::keys_and_labels;
use crate::sim::params::SimParams;
use crate::sim::retraining::settings::{changed, SettingKey};
use crate::sim::stream::real_data::FetchFailure;
use crate::sim::teach::lesson::LessonText;
use crate::sim::teach::quiz::{QuizCard, TestView, VisualQuizView};
use crate::sim::wording::{
    data_loading, fault_injected, fetch_problem, link_problems, problem_text, race_finished,
    rolled_back, settings_changed, RESET_NOTICE,
};

/// How fast Play advances.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Speed {
    /// One step per second: for explaining each step.
    Slow,
    /// Three steps per second.
    Normal,
    /// Ten steps per second.
    Fast,
    /// A whole cycle every tenth of a second.
    CyclePerTick,
    /// A whole cycle per frame.
    Full,
}

keys_and_labels! {
    Speed {
        Slow => "slow", "Slow (1 step/s)";
        Normal => "normal", "Normal (3 steps/s)";
        Fast => "fast", "Fast (10 steps/s)";
        CyclePerTick => "cycles", "Very fast (10 cycles/s)";
        Full => "full", "Full speed";
    }
}

impl Speed {
    /// Milliseconds between ticks.
    pub fn interval_ms(self) -> u32 {
        match self {
            Speed::Slow => 1000,
            Speed::Normal => 333,
            Speed::Fast | Speed::CyclePerTick => 100,
            Speed::Full => 16,
        }
    }

    /// Steps per tick.
    pub fn steps_per_tick(self) -> u32 {
        match self {
            Speed::Slow | Speed::Normal | Speed::Fast => 1,
            Speed::CyclePerTick => 8,
            // Full speed: four cycles per message, so the page redraws less often
            // than the engine works (the engine is the bottleneck we show off).
            Speed::Full => 32,
        }
    }
}

/// What the page shows: the guide's chapters or free play.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// Waiting for the engine to open the page's link (which decides).
    Deciding,
    /// Chapter N of the guide.
    Guide(u8),
    /// Free play: every control.
    Playground,
}

/// A message shown near the controls.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// The words.
    pub text: String,
    /// True for a problem (shown as an alert), false for information.
    pub is_error: bool,
}

/// Everything the page shows.
#[derive(Clone, PartialEq)]
pub struct Playground {
    /// The run as the engine last described it (`None` until it has started).
    pub snapshot: Option<Rc<Snapshot>>,
    /// What the page draws of the rewound cycle being viewed, as the engine
    /// built it (`None`: the live run is drawn).
    pub rewound: Option<Rc<Snapshot>>,
    /// The engine's export of the run as shown (cleared when the run moves on).
    pub export: Option<Rc<ExportFiles>>,
    /// The last training-time measurement (empty until one is asked for).
    pub timings: Rc<Vec<TrainingTiming>>,
    /// The reader's progress, once the engine has read what this browser stored.
    pub progress: Option<Rc<ProgressReply>>,
    /// The lesson's text, once the engine has sent it.
    pub lesson: Option<Rc<LessonText>>,
    /// The practice questions, once the engine has sent them.
    pub quiz_bank: Option<Rc<Vec<QuizCard>>>,
    /// The "Test yourself" under way, as the engine last described it.
    pub test: Option<Rc<TestView>>,
    /// The newest visual quiz the engine built (shown only while it is about the
    /// run on screen).
    pub visual_quiz: Option<Rc<VisualQuizView>>,
    /// Commands sent whose answer is not drawn yet, each with the settings
    /// shown when it was sent (the engine answers in order).
    ///
    /// Shared between a state and the next, and with the connection and the
    /// timers (the queue only ever grows at the back and shrinks at the front,
    /// in the engine's order), so a command sent while playing can be queued
    /// without a new state: the play timer's `Run` then costs no redraw of
    /// the page, only its answer does.
    in_flight: InFlight,
    /// Counts every change of the queue that must be drawn (a command sent with a
    /// redraw, an answer applied). The queue above is shared, so two states
    /// compare equal whatever it holds; this count makes each such change a new
    /// state (the page redraws, and `data-pending` shows the queue as it is).
    revision: u64,
    /// Auto-advancing?
    pub playing: bool,
    /// How fast.
    pub speed: Speed,
    /// A message about the last change.
    pub notice: Option<Notice>,
    /// A step to highlight in the process table (from the lesson's key moments).
    pub highlighted_step: Option<u8>,
    /// Controls and panels a teacher's link hides.
    pub hidden: Vec<Hidden>,
    /// The seed is locked by a teacher's link.
    pub lock_seed: bool,
    /// Large type for a projector.
    pub presenter: bool,
    /// The scenario loaded, if any.
    pub scenario: Option<ScenarioShown>,
    /// The guide or the playground.
    pub view: View,
    /// The seed the guide's chapters run with.
    pub guide_seed: u64,
    /// The settings of the last run on screen in the playground: the guide's
    /// Playground switch goes back to a run of these (the default loop before
    /// the reader has been to the playground), not to the chapter's run.
    pub playground_params: Option<SimParams>,
    /// The run on real data waiting for the page to fetch its file (it
    /// starts when the file arrives).
    pub data_fetch: Option<Rc<DataFetch>>,
}

/// Everything that can change the page.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A command went to the engine.
    Sent(Command),
    /// The engine answered the oldest pending command.
    Received(Reply),
    /// The engine answered the oldest pending commands, in order (drawn at once).
    ReceivedAll(Vec<Reply>),
    /// Start or stop auto-advancing.
    SetPlaying(bool),
    /// Flip between playing and paused.
    TogglePlay,
    /// Change the play speed.
    SetSpeed(Speed),
    /// Show a message (e.g. a value the page could not read).
    ShowNotice(Notice),
    /// Highlight a step of the process table (or none).
    Highlight(Option<u8>),
    /// Set what a teacher's link hides and whether the seed is locked.
    SetTeacher {
        /// Hidden controls and panels.
        hidden: Vec<Hidden>,
        /// Seed locked.
        lock_seed: bool,
    },
    /// Turn the presenter view on or off.
    SetPresenter(bool),
    /// Show the guide (a chapter) or the playground.
    SetView(View),
    /// The data file asked for arrived (its run is sent) or could not be had.
    DataFetched(Result<(), FetchFailure>),
}

/// The shared handle components use.
pub type PlaygroundHandle = UseReducerHandle<Playground>;

impl Default for Playground {
    fn default() -> Self {
        Playground {
            snapshot: None,
            rewound: None,
            export: None,
            timings: Rc::new(Vec::new()),
            progress: None,
            lesson: None,
            quiz_bank: None,
            test: None,
            visual_quiz: None,
            in_flight: InFlight::default(),
            revision: 0,
            playing: false,
            speed: Speed::Normal,
            notice: None,
            highlighted_step: None,
            hidden: Vec::new(),
            lock_seed: false,
            presenter: false,
            scenario: None,
            view: View::Deciding,
            guide_seed: crate::sim::teach::guide::GUIDE_SEED,
            playground_params: None,
            data_fetch: None,
        }
    }
}

impl Playground {
    /// The settings the controls show: the newest ones on their way to the
    /// engine (so a control never snaps back while its change travels), else
    /// those waiting for the next cycle, else those in force.
    pub fn shown_params(&self) -> SimParams {
        self.in_flight.newest_settings().unwrap_or_else(|| {
            self.snapshot.as_ref().map_or_else(SimParams::default, |s| {
                s.pending.clone().unwrap_or_else(|| s.params.clone())
            })
        })
    }

    /// True unless a teacher's link hides `panel`.
    pub fn shows(&self, panel: Panel) -> bool {
        !self.hidden.contains(&Hidden::Panel(panel))
    }

    /// The reader's place in the guide (a first visit's until the engine has
    /// read what this browser saved).
    pub fn guide_place(&self) -> crate::sim::teach::quiz::GuideProgress {
        self.progress
            .as_ref()
            .map(|p| p.progress.guide)
            .unwrap_or_default()
    }

    /// The run the engine opened for the view on screen: `None` while the
    /// page still waits for the engine to open its link (the first screen's
    /// chapter is drawn waiting then).
    pub fn opened_run(&self) -> Option<&Rc<Snapshot>> {
        self.snapshot
            .as_ref()
            .filter(|_| self.view != View::Deciding)
    }

    /// The commands on their way (shared: read it without a redraw).
    pub fn in_flight(&self) -> &InFlight {
        &self.in_flight
    }

    /// True while the page fetches a data file.
    pub fn fetching_data(&self) -> bool {
        self.data_fetch.is_some()
    }
}

fn info(text: String) -> Notice {
    Notice {
        text,
        is_error: false,
    }
}

fn problem(text: String) -> Notice {
    Notice {
        text,
        is_error: true,
    }
}

impl Playground {
    /// Draws the engine's answer to `sent` (the oldest command, with the
    /// settings shown when it left).
    fn show(&mut self, reply: Reply, sent: Option<(Command, SimParams)>) {
        match reply {
            Reply::Run(snap) => self.show_run(*snap, sent),
            Reply::Opened(opened) => self.show_opened(*opened),
            Reply::Export(files) => self.export = Some(Rc::new(files)),
            Reply::Timings(timings) => self.timings = Rc::new(timings),
            Reply::Progress(progress) => self.progress = Some(Rc::new(progress)),
            Reply::Lesson(lesson) => self.lesson = Some(Rc::new(lesson)),
            Reply::Quiz(quiz) => match quiz {
                QuizReply::Bank(cards) => self.quiz_bank = Some(Rc::new(cards)),
                QuizReply::Test(test) => self.test = test.map(Rc::new),
                QuizReply::Visual(view) => self.visual_quiz = Some(Rc::new(view)),
            },
        }
    }

    /// A new description of the run, the answer to `sent`, with the notice
    /// that command earns.
    fn show_run(&mut self, mut snap: Snapshot, sent: Option<(Command, SimParams)>) {
        // The engine built the rewound cycle's view, if one is viewed.
        self.rewound = snap.rewound.take().map(|r| Rc::new(*r));
        let snap = Rc::new(snap);
        // An earlier export may no longer match the run.
        self.export = None;
        if self.view == View::Playground {
            self.playground_params = Some(snap.params.clone());
        }
        let Some((command, before)) = sent else {
            self.snapshot = Some(snap);
            return;
        };
        let configure = match &command {
            Command::Configure(p) => Some(p.clone()),
            _ => None,
        };
        let is_reset = command == Command::Reset;
        let info_text = match &command {
            Command::Rollback(v) => Some(rolled_back(*v)),
            Command::InjectFault(f) => Some(fault_injected(*f)),
            Command::RunPolicyRace(_) => snap
                .race
                .as_ref()
                .map(|r| race_finished(r.cycles, r.runs.len())),
            // A problem already shown (a link's, say) matters more
            // than news the weather panel gives too: it stays (quiet).
            Command::StartWeather(_) if self.notice.as_ref().is_some_and(|n| n.is_error) => None,
            Command::StartWeather(start) => snap
                .weather
                .map(|w| crate::sim::wording::weather_started(w.pair, start.file.is_some())),
            Command::StartCircle(_) if self.notice.as_ref().is_some_and(|n| n.is_error) => None,
            Command::StartCircle(start) => snap.circle.map(|_| {
                crate::sim::wording::circle_started(start.file.is_some(), snap.params.batch_size)
            }),
            _ => None,
        };
        let quiet = matches!(
            command,
            Command::Step
                | Command::Run(_)
                | Command::FinishCycle
                | Command::Start(_)
                | Command::StartWeather(_)
                | Command::StartCircle(_)
        );
        let names = configure.as_ref().map(|new| {
            changed(&before, new)
                .into_iter()
                .map(SettingKey::label)
                .collect::<Vec<_>>()
        });
        self.notice = match (&snap.error, snap.config_effect, names) {
            (Some(p), _, _) => Some(problem(problem_text(p))),
            (None, Some(_), Some(names)) if names.is_empty() => self.notice.clone(),
            (None, Some(effect), Some(names)) => Some(info(settings_changed(effect, &names))),
            _ if is_reset => Some(info(RESET_NOTICE.into())),
            _ if info_text.is_some() => info_text.map(info),
            // Stepping keeps the last message; anything else clears it.
            _ if quiet => self.notice.clone(),
            _ => None,
        };
        // The end of real history: nothing more to play.
        if is_reset
            || snap.weather.is_some_and(|w| w.ended)
            || snap.circle.is_some_and(|c| c.progress.ended)
        {
            self.playing = false;
        }
        self.snapshot = Some(snap);
    }

    /// What a link or a scenario opened: a link's view and teacher's options,
    /// the run (or the weather file to fetch first), the scenario, and one
    /// notice: the link's problems, else the run's, else the fault injected,
    /// else that the weather data is on its way (else the last one stays).
    fn show_opened(&mut self, opened: Opened) {
        let mut notice = None;
        if let Some(link) = opened.link {
            self.view = match link.view {
                LinkView::Guide { chapter, seed } => {
                    self.guide_seed = seed;
                    View::Guide(chapter)
                }
                LinkView::Playground => View::Playground,
            };
            self.hidden = link.hidden;
            self.lock_seed = link.lock_seed;
            self.presenter = link.presenter;
            if let Some(progress) = link.progress {
                self.progress = Some(Rc::new(progress));
            }
            notice = link_problems(&link.problems).map(problem);
        }
        if let Some(run) = opened.run {
            notice = notice.or_else(|| run.error.as_ref().map(|p| problem(problem_text(p))));
            self.show_run(run, None);
        }
        notice = notice.or_else(|| opened.fault.map(|f| info(fault_injected(f))));
        if opened.scenario.is_some() {
            self.scenario = opened.scenario;
        }
        if let Some(fetch) = opened.fetch {
            // Said at once (and replacing an older problem, e.g. an earlier failed fetch).
            notice = notice.or_else(|| Some(info(data_loading(fetch.data).to_string())));
            self.data_fetch = Some(Rc::new(fetch));
        }
        if notice.is_some() {
            self.notice = notice;
        }
    }
}

impl Reducible for Playground {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::Sent(command) => {
                let quiet = self.playing && matches!(command, Command::Run(_));
                self.in_flight.sent(command, self.shown_params());
                if quiet {
                    // The play timer's work: nothing on the page changes until
                    // the answer arrives, so nothing is redrawn now.
                    return self;
                }
                let mut next = (*self).clone();
                next.revision = next.revision.wrapping_add(1);
                Rc::new(next)
            }
            Action::ReceivedAll(replies) => replies
                .into_iter()
                .fold(self, |state, reply| state.reduce(Action::Received(reply))),
            Action::Received(reply) => {
                let mut next = (*self).clone();
                let sent = next.in_flight.drawn();
                next.revision = next.revision.wrapping_add(1);
                next.show(reply, sent);
                Rc::new(next)
            }
            Action::DataFetched(result) => {
                let mut next = (*self).clone();
                let fetch = next.data_fetch.take();
                match result {
                    Ok(()) => {
                        if let Some(shown) = fetch.and_then(|f| f.scenario.clone()) {
                            next.scenario = Some(shown);
                        }
                    }
                    Err(failure) => {
                        if let Some(f) = fetch {
                            next.notice = Some(problem(fetch_problem(f.data, failure)));
                        }
                    }
                }
                Rc::new(next)
            }
            Action::SetPlaying(playing) => {
                if self.playing == playing {
                    return self;
                }
                let mut next = (*self).clone();
                next.playing = playing;
                Rc::new(next)
            }
            Action::TogglePlay => {
                let mut next = (*self).clone();
                next.playing = !self.playing;
                Rc::new(next)
            }
            Action::SetSpeed(speed) => {
                if self.speed == speed {
                    return self;
                }
                let mut next = (*self).clone();
                next.speed = speed;
                Rc::new(next)
            }
            Action::ShowNotice(notice) => {
                let mut next = (*self).clone();
                next.notice = Some(notice);
                Rc::new(next)
            }
            Action::SetTeacher { hidden, lock_seed } => {
                let mut next = (*self).clone();
                next.hidden = hidden;
                next.lock_seed = lock_seed;
                Rc::new(next)
            }
            Action::SetPresenter(on) => {
                let mut next = (*self).clone();
                next.presenter = on;
                Rc::new(next)
            }
            Action::SetView(view) => {
                if self.view == view {
                    return self;
                }
                let mut next = (*self).clone();
                next.view = view;
                Rc::new(next)
            }
            Action::Highlight(step) => {
                if self.highlighted_step == step {
                    return self;
                }
                let mut next = (*self).clone();
                next.highlighted_step = step;
                Rc::new(next)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::engine::Engine;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn a_change_shows_while_it_travels_and_the_answer_wins() {
        let (mut engine, _) = Engine::new(SimParams::default());
        let state = Rc::new(Playground::default()).reduce(Action::Received(
            engine.answer(Command::Start(SimParams::default())),
        ));
        assert!(state.shown_params().validate_data);
        // The checkbox is unticked: the change is on its way to the engine.
        let off = SimParams::default().validate_data(false);
        let state = state.reduce(Action::Sent(Command::Configure(off.clone())));
        assert!(!state.shown_params().validate_data, "snapped back");
        // Other commands sent after it do not hide it.
        let state = state.reduce(Action::Sent(Command::Step));
        assert!(!state.shown_params().validate_data);
        // The engine's answers settle it: here it applied the change.
        let state = state.reduce(Action::Received(engine.answer(Command::Configure(off))));
        let state = state.reduce(Action::Received(engine.answer(Command::Step)));
        assert_eq!(state.in_flight().len(), 0);
        assert!(!state.shown_params().validate_data);
    }

    #[wasm_bindgen_test]
    fn the_notice_names_every_changed_setting_from_the_table() {
        let (mut engine, _) = Engine::new(SimParams::default());
        let mut state = Rc::new(Playground::default()).reduce(Action::Received(
            engine.answer(Command::Start(SimParams::default())),
        ));
        let trigger = crate::sim::params::RetrainTrigger::DriftDetected(Default::default());
        let base = SimParams::default().trigger(trigger);
        for (params, says) in [
            (base.clone(), "Retraining trigger changed"),
            (base.clone().label_delay(2), "Label delay changed"),
            (
                base.clone().label_delay(2).retrain_fixed_cost(9),
                "Fixed cost per retrain changed",
            ),
            (
                base.clone()
                    .label_delay(2)
                    .retrain_fixed_cost(9)
                    .performance_floor(true),
                "Performance floor changed",
            ),
            (
                SimParams::default().label_delay(1).retrain_fixed_cost(0),
                "Retraining trigger, Performance floor, Label delay, Fixed cost per retrain changed",
            ),
        ] {
            let command = Command::Configure(params);
            state = state
                .reduce(Action::Sent(command.clone()))
                .reduce(Action::Received(engine.answer(command)));
            let text = state.notice.as_ref().map(|n| n.text.clone()).unwrap_or_default();
            assert!(text.starts_with(says), "{text}");
        }
    }

    #[wasm_bindgen_test]
    fn the_play_timers_run_is_queued_without_a_redraw_and_its_answer_redraws() {
        let (mut engine, _) = Engine::new(SimParams::default());
        let state = Rc::new(Playground::default())
            .reduce(Action::Received(
                engine.answer(Command::Start(SimParams::default())),
            ))
            .reduce(Action::SetPlaying(true));
        // Playing: the timer's Run is counted as in flight, with no new state to draw.
        let sent = state.clone().reduce(Action::Sent(Command::Run(8)));
        assert!(
            Rc::ptr_eq(&sent, &state),
            "no redraw for the timer's command"
        );
        assert_eq!(sent.in_flight().len(), 1);
        // Any other command is a change (data-pending must show it travelling).
        let step = sent.clone().reduce(Action::Sent(Command::Step));
        assert!(*step != *sent, "a click is drawn at once");
        assert_eq!(step.in_flight().len(), 2);
        // The answers pop them in order, each one a change.
        let a = step
            .clone()
            .reduce(Action::Received(engine.answer(Command::Run(8))));
        assert!(*a != *step);
        assert_eq!(a.in_flight().len(), 1);
        let b = a
            .clone()
            .reduce(Action::Received(engine.answer(Command::Step)));
        assert_eq!(b.in_flight().len(), 0);
        assert_eq!(b.snapshot.as_ref().map(|s| s.cycle), Some(2));
        // Paused, a Run is an ordinary command again.
        let paused = b.reduce(Action::SetPlaying(false));
        let run = paused.clone().reduce(Action::Sent(Command::Run(8)));
        assert!(!Rc::ptr_eq(&run, &paused));
    }

    #[wasm_bindgen_test]
    fn replies_drawn_together_land_in_order_and_one_off_answers_keep_their_place() {
        let (mut engine, _) = Engine::new(SimParams::default());
        let mut state = Rc::new(Playground::default());
        let commands = [
            Command::Start(SimParams::default()),
            Command::Step,
            Command::Export,
            Command::MeasureTraining(vec![]),
        ];
        let mut replies = Vec::new();
        for c in commands {
            state = state.reduce(Action::Sent(c.clone()));
            replies.push(engine.answer(c));
        }
        assert_eq!(state.in_flight().len(), 4);
        // Drawn at once (full speed): every command is answered, in order.
        let state = state.reduce(Action::ReceivedAll(replies));
        assert_eq!(state.in_flight().len(), 0);
        assert_eq!(state.snapshot.as_ref().map(|s| s.cycle), Some(1));
        let export = state
            .export
            .clone()
            .expect("the export is kept for the panel");
        assert_eq!(
            export.cycles_csv.lines().count(),
            1,
            "header only: no cycle finished"
        );
        assert!(state.timings.is_empty(), "no window sizes asked for");
        // The run moves on: the export no longer describes it and is dropped.
        let state = state.reduce(Action::Sent(Command::Step));
        let state = state.reduce(Action::Received(engine.answer(Command::Step)));
        assert!(state.export.is_none());
        assert_eq!(state.snapshot.as_ref().map(|s| s.cycle), Some(1));
    }

    #[wasm_bindgen_test]
    fn an_answer_waiting_for_the_draw_frees_the_engine_but_not_the_page() {
        let (mut engine, _) = Engine::new(SimParams::default());
        let state = Rc::new(Playground::default());
        let q = state.in_flight().clone();
        let state = state
            .reduce(Action::Sent(Command::Start(SimParams::default())))
            .reduce(Action::Sent(Command::Step));
        assert_eq!((q.len(), q.unanswered()), (2, 2));
        assert!(q.silent_since().is_some());
        q.arrived(engine.answer(Command::Start(SimParams::default())));
        q.arrived(engine.answer(Command::Step));
        // The engine is free (the play timer may send more, the watchdog is
        // quiet); the page still waits for the draw (`data-pending`).
        assert_eq!((q.len(), q.unanswered(), q.silent_since()), (2, 0, None));
        let state = state.reduce(Action::ReceivedAll(q.take_arrived()));
        assert_eq!((q.len(), state.in_flight().len()), (0, 0));
        assert_eq!(state.snapshot.as_ref().map(|s| s.rows.len()), Some(1));
    }

    /// The state after the engine opened `link` on a fresh page.
    fn opened(link: &str) -> (Rc<Playground>, Engine) {
        let (mut engine, _) = Engine::new(SimParams::default());
        let mut state = Rc::new(Playground::default());
        for command in [
            Command::Progress(crate::sim::engine::protocol::ProgressIntent::Load(None)),
            Command::OpenLink(link.into()),
        ] {
            state = state
                .reduce(Action::Sent(command.clone()))
                .reduce(Action::Received(engine.answer(command)));
        }
        (state, engine)
    }

    #[wasm_bindgen_test]
    fn a_link_decides_the_view_the_teachers_options_and_the_notice() {
        let (state, _) = opened("seed=9&hide=race&lock=seed&presenter=1");
        assert_eq!(state.view, View::Playground);
        assert_eq!(state.hidden, vec![Hidden::Panel(Panel::Race)]);
        assert!(state.lock_seed && state.presenter && !state.shows(Panel::Race));
        assert_eq!(state.snapshot.as_ref().map(|s| s.params.seed), Some(9));
        assert_eq!(state.playground_params.as_ref().map(|p| p.seed), Some(9));
        assert_eq!(state.notice, None);
        // A chapter link: its seed, the reader's place moved.
        let (state, _) = opened("chapter=2&seed=7");
        assert_eq!((state.view, state.guide_seed), (View::Guide(2), 7));
        assert_eq!(state.guide_place().chapter, 2);
        // A first visit with no link: chapter 1 of the guide.
        assert_eq!(opened("").0.view, View::Guide(1));
        // A scenario with a fault says so; the link's problems say more.
        let (state, _) = opened("scenario=bad-data");
        assert_eq!(
            state.scenario.as_ref().map(|s| s.title.as_str()),
            Some("Bad data caught by validation")
        );
        let notice = state.notice.clone().unwrap();
        assert!(
            !notice.is_error && notice.text.starts_with("Fault injected"),
            "{notice:?}"
        );
        let (state, _) = opened("scenario=bad-data&bogus=1");
        let notice = state.notice.clone().unwrap();
        assert!(notice.is_error, "{notice:?}");
        assert!(notice
            .text
            .starts_with("Some of the link could not be used: "));
    }

    #[wasm_bindgen_test]
    fn a_weather_link_waits_for_its_file_then_shows_its_scenario_or_why_not() {
        let (state, mut engine) = opened("scenario=real-weather");
        assert_eq!(state.snapshot, None, "no run until the file arrives");
        assert!(state.fetching_data() && state.scenario.is_none());
        let notice = state.notice.clone().unwrap();
        assert!(!notice.is_error, "{notice:?}");
        let fetch = state.data_fetch.clone().unwrap();
        // It arrived: the scenario shows, and its run starts.
        let arrived = state.clone().reduce(Action::DataFetched(Ok(())));
        assert!(!arrived.fetching_data());
        assert_eq!(arrived.scenario, fetch.scenario);
        // It could not be had: the page says why, and the link's settings start.
        let failed = state.reduce(Action::DataFetched(Err(FetchFailure::Network)));
        assert!(!failed.fetching_data() && failed.scenario.is_none());
        assert!(failed.notice.as_ref().is_some_and(|n| n.is_error));
        let start = Command::Start(fetch.fallback.clone().unwrap());
        let failed = failed
            .reduce(Action::Sent(start.clone()))
            .reduce(Action::Received(engine.answer(start)));
        assert!(
            failed.notice.as_ref().is_some_and(|n| n.is_error),
            "the reason stays"
        );
        assert_eq!(failed.view, View::Playground);
        assert!(failed.snapshot.is_some());
    }
}
