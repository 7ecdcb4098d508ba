//! The message boundary between the page and the core, and nothing else: the
//! page sends [`Command`]s and receives one [`Reply`] for each (the run's
//! [`Snapshot`], an export, training times, the reader's progress, what a
//! link or a scenario opened), all serde-serialisable,
//! so the engine (`sim::engine`, which answers them) runs in a Web Worker
//! (`crate::worker`, its messages serialised across the thread boundary).

use serde::{Deserialize, Serialize};

use crate::sim::engine::share::Hidden;
use crate::sim::ml::evaluate::Scores;
use crate::sim::ml::train::{DecisionGrid, LinearBoundary};
use crate::sim::ml::truth::RuleLines;
use crate::sim::params::SimParams;
use crate::sim::retraining::below_half::BelowHalf;
use crate::sim::retraining::circle_run::CircleRun;
use crate::sim::retraining::history::{CycleSummary, Estimated, Stall, Totals};
use crate::sim::retraining::input_drift::InputDrift;
use crate::sim::retraining::outcome::{Alert, EstimateAlert, Outcome};
use crate::sim::retraining::problem::Problem;
use crate::sim::retraining::race::PolicyRace;
use crate::sim::retraining::registry::ModelVersion;
use crate::sim::retraining::registry::RegistryEvent;
pub use crate::sim::retraining::settings::ConfigEffect;
use crate::sim::retraining::step_kind::StepKind;
use crate::sim::retraining::steps::{StepRecord, Tracker};
use crate::sim::retraining::team_view::{DriftGuess, Remedy, TeamView};
use crate::sim::retraining::triggers::TriggerEval;
use crate::sim::retraining::validate::{Fault, ValidationReport};
use crate::sim::retraining::weather_run::WeatherRun;
use crate::sim::stream::circle::CircleRules;
use crate::sim::stream::drift::DriftState;
use crate::sim::stream::real_data::RealData;
use crate::sim::stream::weather::FeaturePair;
use crate::sim::stream::BatchView;
use crate::sim::teach::lesson::LessonText;
use crate::sim::teach::quiz::{Progress, QuizCard, TestView, VisualQuizKey, VisualQuizView};

/// The most points of a batch a snapshot carries (the scatter's sample).
pub const SHOWN_POINTS: usize = 1_500;

/// The most steps one [`Command::Run`] may advance (a bound on work per message).
pub const MAX_STEPS_PER_COMMAND: u32 = 8 * 500;

/// What the UI can ask of the engine.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Command {
    /// New settings. Seed, model or tree depth restart the run; the rest apply at
    /// once between cycles, or from the next cycle when sent mid-cycle.
    Configure(SimParams),
    /// Advance one step.
    Step,
    /// Advance this many steps (capped at [`MAX_STEPS_PER_COMMAND`]).
    Run(u32),
    /// Advance to the end of the current cycle (through step 8).
    FinishCycle,
    /// Start again at v1 with the current settings.
    Reset,
    /// Inject a fault into the next batch.
    InjectFault(Fault),
    /// Make an earlier version live again.
    Rollback(u32),
    /// Race the retraining policies over this many cycles of the current stream.
    RunPolicyRace(u32),
    /// Replace the run with a new one from these settings (invalid ones fall
    /// back to the defaults, with the reason in `error`).
    Start(SimParams),
    /// Time real training on freshly drawn windows of these sizes (both models),
    /// for the benchmark: [`Reply::Timings`].
    MeasureTraining(Vec<usize>),
    /// Rewind the view to a finished cycle (`None` = back to the live run).
    ViewCycle(Option<u32>),
    /// Compare two versions of the registry.
    Compare(u32, u32),
    /// Export the run (CSV per cycle and the JSON step trace): [`Reply::Export`].
    Export,
    /// Stream the teacher's own CSV through the loop (a new run with the current
    /// settings); a broken file is refused with its row and column named and
    /// nothing else changes.
    LoadCsv(String),
    /// Go back to the synthetic drifting stream.
    UseSyntheticData,
    /// Stream the real weather data (a new run): the file's text when the
    /// page has just fetched it, or `None` to reuse the file the engine
    /// already read (a change of features never fetches again). A broken
    /// file, invalid settings or a missing file are refused with the reason
    /// in `error`, and nothing else changes.
    StartWeather(WeatherStart),
    /// Stream the Circle data (a new run): the file's text when the page has
    /// just fetched it, or `None` to reuse the file the engine already read.
    /// A broken file, invalid settings or a missing file are refused with
    /// the reason in `error`, and nothing else changes.
    StartCircle(CircleStart),
    /// The reader's progress (answers, tests): [`Reply::Progress`]. The engine
    /// keeps it across runs and writes and reads the stored text, so the page
    /// parses nothing.
    Progress(ProgressIntent),
    /// The quizzes: the question bank, a test, the visual quiz of the run
    /// ([`Reply::Quiz`]). Questions are built and graded in the engine; the page
    /// only draws them.
    Quiz(QuizIntent),
    /// The lesson's text ([`Reply::Lesson`]): the page draws it, it is not
    /// compiled into the page.
    Lesson,
    /// Open the page's link (its query text, with or without the `?`): the
    /// engine reads it, starts its run, scenario or guide chapter, and answers
    /// what the page must do ([`Reply::Opened`]), so the page parses nothing.
    /// The page hands over the stored progress first ([`ProgressIntent::Load`]):
    /// a link that names neither a chapter nor settings opens the reader's
    /// saved place.
    OpenLink(String),
    /// Open a ready scenario by its key: its run and its fault, or the weather
    /// file to fetch first ([`Reply::Opened`]).
    OpenScenario(String),
    /// The team's view: switch it, diagnose the drift (which reveals the
    /// truth), go back to it, or lock it (a teacher's link).
    Team(TeamIntent),
}

/// What the reader did with the team's view.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum TeamIntent {
    /// The switch "What the team sees": on or off (off changes nothing while
    /// the teacher's lock holds).
    Show(bool),
    /// The diagnosis: graded against the run's drift, and the truth revealed
    /// (only in the team's view).
    Diagnose {
        /// Which drift the reader named.
        guess: DriftGuess,
        /// What the reader would do.
        remedy: Remedy,
    },
    /// Back to the team's view after a reveal (the diagnosis is cleared, the
    /// truth hidden again).
    HideAgain,
    /// The teacher's lock, on (the team's view turns on) or off.
    Lock(bool),
}

/// A weather run to start: [`Command::StartWeather`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WeatherStart {
    /// The file's text, just fetched (`None`: the one the engine holds).
    pub file: Option<String>,
    /// The two features to stream.
    pub pair: FeaturePair,
    /// The run's settings.
    pub params: SimParams,
}

/// A Circle run to start: [`Command::StartCircle`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CircleStart {
    /// The file's text, just fetched (`None`: the one the engine holds).
    pub file: Option<String>,
    /// The run's settings.
    pub params: SimParams,
}

/// What a link or a scenario opened, and what the page must do now: the
/// answer to [`Command::OpenLink`] and [`Command::OpenScenario`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Opened {
    /// The run started (`None`: none yet, the weather file must be fetched
    /// first; the run on screen, if any, stays until it arrives).
    pub run: Option<Snapshot>,
    /// The fault injected into the run's first batch, if any.
    pub fault: Option<Fault>,
    /// The scenario started, to show now.
    pub scenario: Option<ScenarioShown>,
    /// The data file the page must fetch before the run can start.
    pub fetch: Option<DataFetch>,
    /// What a link decided (`None` for a scenario opened on the page).
    pub link: Option<LinkOpened>,
}

/// A scenario as the page shows it: its name and what to watch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScenarioShown {
    /// The scenario's name.
    pub title: String,
    /// What to watch, in one line.
    pub watch: String,
}

/// A run on real data waiting for its file: the page fetches it (the engine
/// answers every command at once, it cannot wait for the network), then
/// sends [`Command::StartWeather`] or [`Command::StartCircle`] with the
/// file's text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DataFetch {
    /// The data to stream (its file: [`RealData::file`]).
    pub data: RealData,
    /// The run's settings.
    pub params: SimParams,
    /// Settings to start on the synthetic stream instead if the file cannot
    /// be fetched (a link's, when no run is on screen yet; `None`: the run on
    /// screen stays).
    pub fallback: Option<SimParams>,
    /// The scenario to show once the run has started.
    pub scenario: Option<ScenarioShown>,
}

/// What a link decided besides its run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkOpened {
    /// Where the page goes.
    pub view: LinkView,
    /// Controls and panels the teacher's link hides.
    pub hidden: Vec<Hidden>,
    /// The seed is locked by the teacher's link.
    pub lock_seed: bool,
    /// Large type for a projector.
    pub presenter: bool,
    /// The reader's progress, when the link moved their place (a chapter link).
    pub progress: Option<ProgressReply>,
    /// What could not be used, one sentence each (empty: all of it).
    pub problems: Vec<String>,
}

/// The part of the page a link opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkView {
    /// A chapter of the guide, its runs with this seed.
    Guide {
        /// The chapter (1..=CHAPTERS).
        chapter: u8,
        /// The seed the guide's runs use.
        seed: u64,
    },
    /// Free play.
    Playground,
}

/// What the reader asked of the quizzes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum QuizIntent {
    /// Every practice question, easy ones first.
    Bank,
    /// A new "Test yourself" from this seed (it replaces any test under way).
    StartTest(u64),
    /// Option `chosen` for question `index` of the test under way (a second
    /// answer to a question, or an answer with no test, changes nothing).
    AnswerTest {
        /// The question's position in the test.
        index: usize,
        /// The option chosen (0..4).
        chosen: usize,
    },
    /// The visual quiz of the run as it stands.
    Visual,
}

/// The engine's answer to a [`Command::Quiz`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum QuizReply {
    /// The practice questions.
    Bank(Vec<QuizCard>),
    /// The test under way (`None`: no test has been started).
    Test(Option<TestView>),
    /// The visual quiz of the run.
    Visual(VisualQuizView),
}

/// What happened to the reader's progress.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ProgressIntent {
    /// The page opened: the text this browser stored, if any (unreadable text
    /// starts fresh progress, with a notice saying why).
    Load(Option<String>),
    /// A question was answered, right or not.
    Answered(bool),
    /// A test was finished with this many right answers.
    TestFinished(u32),
    /// The reader reset their progress (answers, tests and chapters done; the
    /// chapter open and the choice of guide or playground stay).
    Reset,
    /// The reader opened chapter N of the guide (a chapter that does not
    /// exist changes nothing).
    OpenChapter(u8),
    /// The reader saw chapter N's reveal.
    ChapterDone(u8),
    /// The reader left the guide for free play.
    OpenPlayground,
}

/// The reader's progress after a [`Command::Progress`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgressReply {
    /// The counts.
    pub progress: Progress,
    /// What to tell the reader (a stored value that could not be read, a reset).
    pub notice: Option<String>,
    /// The text to store in this browser (opaque to the page).
    pub stored: String,
}

/// What the scatter draws besides the batch and the live and candidate models:
/// the true labelling rules, v1's boundary, and why the live model scored
/// below a coin flip.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ScatterFacts {
    /// The rule the batch's drifted points follow and the one before any drift
    /// (`None` on the teacher's own data, whose rule is unknown).
    pub rules: Option<RuleLines>,
    /// The Circle data's circles before and after its drift, and where the
    /// batch stands (while the run streams the Circle data).
    #[serde(default)]
    pub circles: Option<CircleRules>,
    /// v1's line, for logistic regression.
    pub v1_boundary: Option<LinearBoundary>,
    /// v1's regions, for a decision tree, while another version is live.
    pub v1_grid: Option<DecisionGrid>,
    /// Why the model live when the batch arrived scored below 0.5 on it.
    pub below_half: Option<BelowHalf>,
    /// The newest batch's labels are not in yet and the team's view is on:
    /// the engine sent its points without their classes (`batch.y` is
    /// empty), and the scatter draws them without a class.
    #[serde(default)]
    pub labels_pending: bool,
}

/// What changed between two versions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The older version.
    pub a: ModelVersion,
    /// The newer version.
    pub b: ModelVersion,
    /// `a`'s line, for logistic regression (when kept).
    pub boundary_a: Option<LinearBoundary>,
    /// `b`'s line.
    pub boundary_b: Option<LinearBoundary>,
    /// Share of the view where the two predict differently (when both are kept).
    pub disagreement: Option<f64>,
    /// The differences in words.
    pub summary: Vec<String>,
}

/// The files of an export.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportFiles {
    /// One row per cycle.
    pub cycles_csv: String,
    /// The full step trace.
    pub trace_json: String,
}

/// How long training took on a window of `rows` rows, measured where the engine runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainingTiming {
    /// Rows in the window.
    pub rows: usize,
    /// Logistic regression fit, milliseconds.
    pub logistic_ms: f64,
    /// Decision tree fit, milliseconds.
    pub tree_ms: f64,
    /// Estimating the logistic regression's accuracy on the window's rows from
    /// its calibrated confidence (no labels: `ml::estimate`), milliseconds.
    pub logistic_estimate_ms: f64,
    /// The same for the decision tree, milliseconds.
    pub tree_estimate_ms: f64,
    /// Fits (and estimates) timed per model (the figures are their medians).
    pub runs: u32,
}

/// The window sizes the page's "Measure training time" button times.
pub const MEASURED_ROWS: [usize; 4] = [1_000, 5_000, 10_000, 100_000];

/// What the engine answers: exactly one reply per [`Command`], in order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    /// The run after the command: what the page draws (every command but
    /// those answered below).
    Run(Box<Snapshot>),
    /// The answer to [`Command::Export`]: the run's files (the run is unchanged).
    Export(ExportFiles),
    /// The answer to [`Command::MeasureTraining`]: one row per window size
    /// (empty where the engine has no clock).
    Timings(Vec<TrainingTiming>),
    /// The answer to [`Command::Progress`].
    Progress(ProgressReply),
    /// The answer to [`Command::Quiz`].
    Quiz(QuizReply),
    /// The answer to [`Command::Lesson`].
    Lesson(LessonText),
    /// The answer to [`Command::OpenLink`] and [`Command::OpenScenario`].
    Opened(Box<Opened>),
}

/// Everything the page shows, taken after each command.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Settings in force.
    pub params: SimParams,
    /// Settings waiting for the next cycle.
    pub pending: Option<SimParams>,
    /// Current cycle (0 before the first step).
    pub cycle: u32,
    /// The step that runs next.
    pub next_step: StepKind,
    /// The step that ran last in this cycle, if any.
    pub last_step: Option<StepKind>,
    /// This cycle's process table so far.
    pub rows: Vec<StepRecord>,
    /// This cycle's status tracker.
    pub tracker: Tracker,
    /// The versions kept (the newest, v1, the live one and those that can be
    /// rolled back to), oldest first.
    pub registry: Vec<ModelVersion>,
    /// The live version.
    pub live_version: u32,
    /// This cycle's candidate, once trained.
    pub candidate: Option<u32>,
    /// The candidate's scores, once evaluated.
    pub candidate_scores: Option<Scores>,
    /// The live model's scores on the newest hold-out slice, once collected.
    pub live_scores: Option<Scores>,
    /// v1's scores on its initial hold-out slice.
    pub v1_initial: Scores,
    /// The newest finished cycles (up to `HISTORY_CYCLES`).
    pub summaries: Vec<CycleSummary>,
    /// The newest alerts (up to `HISTORY_CYCLES`).
    pub alerts: Vec<Alert>,
    /// The newest alerts on an estimated drop, raised before labels arrived
    /// (up to `HISTORY_CYCLES`; the alert log lists them beside `alerts`).
    #[serde(default)]
    pub estimate_alerts: Vec<EstimateAlert>,
    /// The live model's accuracy on the newest batch estimated from its
    /// inputs alone, once step 2 ran, while labels arrive late (what the team
    /// can know; the finished cycles' estimates are in `summaries`).
    #[serde(default)]
    pub estimated: Option<Estimated>,
    /// The KS test per feature on the newest batch's inputs against the live
    /// model's training window, once step 2 ran (the finished cycles' are in
    /// `summaries`).
    #[serde(default)]
    pub input_drift: Option<InputDrift>,
    /// The team's view, when on: the snapshot then leaves out what only the
    /// simulator knows until a diagnosis reveals it (`engine::team`).
    #[serde(default)]
    pub team: Option<TeamView>,
    /// Counts since the start of the run.
    pub totals: Totals,
    /// This cycle's decision, once the step that decides it ran (3, 4 or 6;
    /// step 7 carries it out).
    pub outcome: Option<Outcome>,
    /// The newest batch (the initial data before cycle 1), as the scatter
    /// draws it: at most [`SHOWN_POINTS`] of its points and its true counts.
    pub batch: BatchView,
    /// The drift of the newest batch.
    pub drift: DriftState,
    /// Decision regions of the live model.
    pub live_grid: Option<DecisionGrid>,
    /// Its line, for logistic regression.
    pub live_boundary: Option<LinearBoundary>,
    /// Decision regions of the candidate while it is being judged (steps 4–7).
    pub candidate_grid: Option<DecisionGrid>,
    /// Its line, for logistic regression.
    pub candidate_boundary: Option<LinearBoundary>,
    /// The rules, v1 and the below-0.5 reason the scatter draws.
    #[serde(default)]
    pub scatter: ScatterFacts,
    /// The best accuracy any model can expect on the newest batch (the true
    /// rule's, at its label noise; `None` on the teacher's own data).
    #[serde(default)]
    pub best_possible: Option<f64>,
    /// This cycle's trigger decision, once step 2 ran.
    pub trigger_eval: Option<TriggerEval>,
    /// This cycle's data validation, once step 2 ran (when on).
    pub validation: Option<ValidationReport>,
    /// A fault waiting for the next batch.
    pub pending_fault: Option<Fault>,
    /// The fault applied to this cycle's batch.
    pub applied_fault: Option<Fault>,
    /// The newest changes of the live version.
    pub registry_events: Vec<RegistryEvent>,
    /// Versions whose fitted model is kept (they can be rolled back to).
    pub kept_versions: Vec<u32>,
    /// The last policy race, if one was run.
    pub race: Option<PolicyRace>,
    /// Milliseconds the engine spent on the last command (when it has a clock).
    pub engine_ms: Option<f64>,
    /// The cycles that can be rewound to (first, last), if any.
    pub recorded_cycles: Option<(u32, u32)>,
    /// The rewound cycle being viewed, if any.
    #[serde(default)]
    pub viewing: Option<u32>,
    /// What the page draws of the rewound cycle being viewed (built by
    /// `view::rewound`), if any; the page draws the live run otherwise.
    #[serde(default)]
    pub rewound: Option<Box<Snapshot>>,
    /// The last comparison asked for.
    pub comparison: Option<Comparison>,
    /// The teacher's own data streamed, described (None = the synthetic stream).
    pub user_data: Option<String>,
    /// What the weather run streams, when the run streams the real weather
    /// data (then `user_data` describes it too).
    #[serde(default)]
    pub weather: Option<WeatherRun>,
    /// What the Circle run streams, when the run streams the Circle data
    /// (then `user_data` describes it too).
    #[serde(default)]
    pub circle: Option<CircleRun>,
    /// How the last Configure applied.
    pub config_effect: Option<ConfigEffect>,
    /// The run is stuck below the threshold with a drift detector that sees
    /// nothing new (the page explains why and offers the fixes).
    #[serde(default)]
    pub stall: Option<Stall>,
    /// A problem with the last command, in words; the run is unchanged by it.
    pub error: Option<Problem>,
}

impl Snapshot {
    /// The real data the run streams (`None`: the synthetic stream or the
    /// teacher's own file, which no link can carry).
    pub fn streamed_data(&self) -> Option<RealData> {
        match (self.weather, self.circle) {
            (Some(w), _) => Some(RealData::Weather(w.pair)),
            (None, Some(_)) => Some(RealData::Circle),
            (None, None) => None,
        }
    }
}

/// A snapshot is compared only to tell whether the page must redraw. Declaring
/// it `Eq` lets `Rc<Snapshot>` compare by pointer first (std's `Rc` does so for
/// `Eq` types): the page re-renders often with the very same snapshot (each
/// command it sends), and each component's props check then costs one pointer
/// comparison instead of a walk through 1,500 points. (A float field holding NaN
/// would make a snapshot unequal to an identical copy; for telling whether to
/// redraw, that only means one redraw too many, and the same snapshot is
/// always recognised.)
impl Eq for Snapshot {}

impl Snapshot {
    /// Whether the page must leave out what only the simulator knows (the
    /// team's view is on and the truth not revealed).
    pub fn hides_truth(&self) -> bool {
        self.team.is_some_and(|t| t.hides_truth())
    }

    /// The key of the visual quiz about the run this snapshot shows.
    pub fn visual_quiz_key(&self) -> VisualQuizKey {
        VisualQuizKey::new(self.cycle, self.last_step, &self.params.trigger)
    }

    /// The run's counts as they stood at the end of `cycle`: the counts now,
    /// less what the kept history records after it (rewinding only reaches the
    /// newest cycles, whose summaries, alerts and events are all kept).
    pub fn totals_at(&self, cycle: u32) -> Totals {
        let t = self.totals;
        let later = || self.summaries.iter().filter(move |x| x.cycle > cycle);
        let count = |n: usize| n as u32;
        Totals {
            cycles: t.cycles.saturating_sub(count(later().count())),
            retrains: t
                .retrains
                .saturating_sub(count(later().filter(|x| x.retrained()).count())),
            deploys: t
                .deploys
                .saturating_sub(count(later().filter(|x| x.deployed()).count())),
            alerts: t.alerts.saturating_sub(count(
                self.alerts.iter().filter(|a| a.cycle > cycle).count(),
            )),
            estimate_alerts: t.estimate_alerts.saturating_sub(count(
                self.estimate_alerts
                    .iter()
                    .filter(|a| a.cycle > cycle)
                    .count(),
            )),
            versions: t.versions.saturating_sub(count(
                self.registry
                    .iter()
                    .filter(|v| v.trained_in_cycle > cycle)
                    .count(),
            )),
            live_changes: t.live_changes.saturating_sub(count(
                self.registry_events
                    .iter()
                    .filter(|e| e.cycle > cycle)
                    .count(),
            )),
            cost: t.cost
                - later()
                    .filter_map(|x| x.retrain_cost)
                    .map(|c| c.total())
                    .sum(),
        }
    }
}
