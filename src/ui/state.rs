//! The page's one reducer. UI state changes only through [`Action`]; the engine
//! is reached only through [`Command`]s and answers each with a [`Reply`], so no
//! component knows whether it runs in the Web Worker (the page) or on the
//! page's own thread (component tests).

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use yew::prelude::*;

use crate::sim::engine::protocol::{
    Command, ConfigEffect, ExportFiles, ProgressReply, QuizReply, Reply, Snapshot, TrainingTiming,
};
use crate::sim::engine::share::{Hidden, Panel};
use crate::sim::keys_and_labels::keys_and_labels;
use crate::sim::params::SimParams;
use crate::sim::retraining::settings::{changed, SettingKey};
use crate::sim::teach::lesson::LessonText;
use crate::sim::teach::quiz::{QuizCard, TestView, VisualQuizView};
use crate::sim::wording::problem_text;

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
    /// Waiting for the reader's saved progress to say which (a link without
    /// settings or chapter).
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
    /// Commands sent and not yet answered, each with the settings shown when it
    /// was sent (the engine answers in order).
    ///
    /// Shared between a state and the next (the queue only ever grows at the
    /// back and shrinks at the front, in the engine's order), so a command sent
    /// while playing can be queued without a new state: the play timer's `Run`
    /// then costs no redraw of the page, only its answer does.
    pending: Rc<RefCell<VecDeque<(Command, SimParams)>>>,
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
    /// The scenario loaded (title, what to watch), if any.
    pub scenario: Option<(String, String)>,
    /// The guide or the playground.
    pub view: View,
    /// The seed the guide's chapters run with.
    pub guide_seed: u64,
    /// The settings of the last run on screen in the playground: the guide's
    /// Playground switch goes back to a run of these (the default loop before
    /// the reader has been to the playground), not to the chapter's run.
    pub playground_params: Option<SimParams>,
    /// The page is fetching the weather data (a weather run starts when it arrives).
    pub weather_fetching: bool,
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
    /// Show which scenario is loaded (title, what to watch).
    SetScenario(Option<(String, String)>),
    /// Show the guide (a chapter) or the playground.
    SetView(View),
    /// The seed the guide's chapters run with (a chapter link's).
    SetGuideSeed(u64),
    /// The page started or stopped fetching the weather data.
    SetWeatherFetching(bool),
}

/// The shared handle components use.
pub type PlaygroundHandle = UseReducerHandle<Playground>;

impl Default for Playground {
    fn default() -> Self {
        Playground {
            snapshot: None,
            export: None,
            timings: Rc::new(Vec::new()),
            progress: None,
            lesson: None,
            quiz_bank: None,
            test: None,
            visual_quiz: None,
            pending: Rc::default(),
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
            weather_fetching: false,
        }
    }
}

impl Playground {
    /// The settings the controls show: the newest ones on their way to the
    /// engine (so a control never snaps back while its change travels), else
    /// those waiting for the next cycle, else those in force.
    pub fn shown_params(&self) -> SimParams {
        let sent = self
            .pending
            .borrow()
            .iter()
            .rev()
            .find_map(|(command, _)| match command {
                Command::Configure(p) | Command::Start(p) => Some(p.clone()),
                _ => None,
            });
        sent.unwrap_or_else(|| {
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

    /// Commands waiting for an answer.
    pub fn in_flight(&self) -> usize {
        self.pending.borrow().len()
    }
}

fn describe_effect(effect: ConfigEffect, names: &[&str]) -> String {
    let what = if names.is_empty() {
        "The settings".to_string()
    } else {
        names.join(", ")
    };
    match effect {
        ConfigEffect::Restarted => format!("{what} changed: the run restarted at v1."),
        ConfigEffect::AppliedNow => format!("{what} changed: applies to this cycle."),
        ConfigEffect::AppliesNextCycle => {
            format!("{what} changed: applies from the next cycle.")
        }
    }
}

impl Reducible for Playground {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::Sent(command) => {
                let shown = self.shown_params();
                let quiet = self.playing && matches!(command, Command::Run(_));
                self.pending.borrow_mut().push_back((command, shown));
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
                let popped = next.pending.borrow_mut().pop_front();
                next.revision = next.revision.wrapping_add(1);
                let snap = match reply {
                    Reply::Run(snap) => Rc::new(*snap),
                    Reply::Export(files) => {
                        next.export = Some(Rc::new(files));
                        return Rc::new(next);
                    }
                    Reply::Timings(timings) => {
                        next.timings = Rc::new(timings);
                        return Rc::new(next);
                    }
                    Reply::Progress(progress) => {
                        // A link that chose neither the guide nor the playground:
                        // the saved place decides (a first visit opens chapter 1).
                        if next.view == View::Deciding {
                            let g = progress.progress.guide;
                            next.view = match g.playground {
                                true => View::Playground,
                                false => View::Guide(g.chapter),
                            };
                        }
                        next.progress = Some(Rc::new(progress));
                        return Rc::new(next);
                    }
                    Reply::Lesson(lesson) => {
                        next.lesson = Some(Rc::new(lesson));
                        return Rc::new(next);
                    }
                    Reply::Quiz(quiz) => {
                        match quiz {
                            QuizReply::Bank(cards) => next.quiz_bank = Some(Rc::new(cards)),
                            QuizReply::Test(test) => next.test = test.map(Rc::new),
                            QuizReply::Visual(view) => next.visual_quiz = Some(Rc::new(view)),
                        }
                        return Rc::new(next);
                    }
                };
                // A new description of the run: an earlier export may no longer match it.
                next.export = None;
                if next.view == View::Playground {
                    next.playground_params = Some(snap.params.clone());
                }
                let Some((command, before)) = popped else {
                    next.snapshot = Some(snap);
                    return Rc::new(next);
                };
                let configure = match &command {
                    Command::Configure(p) => Some(p.clone()),
                    _ => None,
                };
                let is_reset = command == Command::Reset;
                let info = match &command {
                    Command::Rollback(v) => Some(format!("Rolled back: model v{v} is live again.")),
                    Command::InjectFault(f) => Some(format!(
                        "Fault injected: the next batch arrives with {}.",
                        f.label().to_lowercase()
                    )),
                    Command::RunPolicyRace(n) => Some(format!(
                        "Policy race finished: {} cycles under 5 policies.",
                        snap.race.as_ref().map_or(*n, |r| r.cycles)
                    )),
                    // A problem already shown (a link's, say) matters more
                    // than news the weather panel gives too: it stays (quiet).
                    Command::StartWeather(_)
                        if next.notice.as_ref().is_some_and(|n| n.is_error) =>
                    {
                        None
                    }
                    Command::StartWeather(start) => snap.weather.map(|w| {
                        crate::sim::wording::weather_started(w.pair, start.file.is_some())
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
                );
                let names = configure.as_ref().map(|new| {
                    changed(&before, new)
                        .into_iter()
                        .map(SettingKey::label)
                        .collect::<Vec<_>>()
                });
                next.notice = match (&snap.error, snap.config_effect, names) {
                    (Some(problem), _, _) => Some(Notice {
                        text: problem_text(problem),
                        is_error: true,
                    }),
                    (None, Some(_), Some(names)) if names.is_empty() => next.notice.clone(),
                    (None, Some(effect), Some(names)) => Some(Notice {
                        text: describe_effect(effect, &names),
                        is_error: false,
                    }),
                    _ if is_reset => Some(Notice {
                        text: "Reset: the run starts again at v1.".into(),
                        is_error: false,
                    }),
                    _ if info.is_some() => info.map(|text| Notice {
                        text,
                        is_error: false,
                    }),
                    // Stepping keeps the last message; anything else clears it.
                    _ if quiet => next.notice.clone(),
                    _ => None,
                };
                // The end of real history: nothing more to play.
                if is_reset || snap.weather.is_some_and(|w| w.ended) {
                    next.playing = false;
                }
                next.snapshot = Some(snap);
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
            Action::SetScenario(scenario) => {
                let mut next = (*self).clone();
                next.scenario = scenario;
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
            Action::SetWeatherFetching(on) => {
                if self.weather_fetching == on {
                    return self;
                }
                let mut next = (*self).clone();
                next.weather_fetching = on;
                Rc::new(next)
            }
            Action::SetGuideSeed(seed) => {
                let mut next = (*self).clone();
                next.guide_seed = seed;
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
        assert_eq!(state.in_flight(), 0);
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
        assert_eq!(sent.in_flight(), 1);
        // Any other command is a change (data-pending must show it travelling).
        let step = sent.clone().reduce(Action::Sent(Command::Step));
        assert!(*step != *sent, "a click is drawn at once");
        assert_eq!(step.in_flight(), 2);
        // The answers pop them in order, each one a change.
        let a = step
            .clone()
            .reduce(Action::Received(engine.answer(Command::Run(8))));
        assert!(*a != *step);
        assert_eq!(a.in_flight(), 1);
        let b = a
            .clone()
            .reduce(Action::Received(engine.answer(Command::Step)));
        assert_eq!(b.in_flight(), 0);
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
        assert_eq!(state.in_flight(), 4);
        // Drawn at once (full speed): every command is answered, in order.
        let state = state.reduce(Action::ReceivedAll(replies));
        assert_eq!(state.in_flight(), 0);
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
}
