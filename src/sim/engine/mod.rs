//! The engine: owns one run ([`Simulation`]), the reader's progress and test, and
//! answers each [`Command`] with a [`Reply`]. It runs in the Web Worker (`crate::worker`); the page only
//! sends commands and draws what comes back.

pub mod export;
mod open;
pub mod protocol;
pub mod share;
mod team;
pub mod view;

use crate::sim::engine::export::{cycles_csv, trace_json};
use crate::sim::engine::protocol::{
    Command, Comparison, ConfigEffect, ExportFiles, ProgressIntent, ProgressReply, QuizIntent,
    QuizReply, Reply, ScatterFacts, Snapshot, TrainingTiming, MAX_STEPS_PER_COMMAND, SHOWN_POINTS,
};
use crate::sim::ml::truth::RuleLines;
use crate::sim::params::SimParams;
use crate::sim::retraining::below_half::BelowHalfCause;
use crate::sim::retraining::circle_run::{CircleRun, CircleStartError};
use crate::sim::retraining::cycle::{SimError, Simulation};
use crate::sim::retraining::history::stall;
use crate::sim::retraining::problem::Problem;
use crate::sim::retraining::race::{policy_race_on, PolicyRace};
use crate::sim::retraining::step_kind::StepKind;
use crate::sim::retraining::team_view::TeamView;
use crate::sim::retraining::weather_run::{
    mean_scores, HistoryProgress, WeatherRun, WeatherStartError,
};
use crate::sim::stream::circle::{parse_circle, CircleRules, CircleTable};
use crate::sim::stream::csv_data::{parse_csv, StandardizedData};
use crate::sim::stream::weather::{parse_weather, FeaturePair, WeatherTable};
use crate::sim::teach::guide::CHAPTERS;
use crate::sim::teach::lesson::lesson_text;
use crate::sim::teach::quiz::{
    question_bank, visual_quiz_view, GuideProgress, Progress, QuizCard, TestSession,
};
use std::sync::Arc;

/// Fits timed per model and window size: more for small windows, whose times
/// are noisier.
pub fn measure_runs(rows: usize) -> u32 {
    if rows <= 10_000 {
        7
    } else {
        3
    }
}

/// The median of timings (the upper middle one for an even count; 0 for none),
/// as the engine and the benchmark helpers report them.
pub fn median_of(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs.get(xs.len() / 2).copied().unwrap_or(0.0)
}

/// Owns one run and answers commands.
#[derive(Clone, Debug)]
pub struct Engine {
    sim: Simulation,
    viewing: Option<u32>,
    comparing: Option<(u32, u32)>,
    race: Option<PolicyRace>,
    /// A millisecond clock, injected where one exists (the core never asks the
    /// browser for the time itself).
    clock: Option<fn() -> f64>,
    /// The reader's progress (kept when a new run starts).
    progress: Progress,
    /// The "Test yourself" under way, if any (kept when a new run starts).
    test: Option<TestSession>,
    /// The weather file, once read (kept when a new run starts, so a change
    /// of features never needs the file again).
    weather: Option<Arc<WeatherTable>>,
    /// The features streamed while the run streams the weather data.
    weather_pair: Option<FeaturePair>,
    /// The team's view, when on (kept when a new run starts).
    team: Option<TeamView>,
    /// The Circle file, once read (kept when a new run starts).
    circle: Option<Arc<CircleTable>>,
    /// True while the run streams the Circle data.
    circle_on: bool,
}

impl Engine {
    /// Starts with `params`; if they are invalid, starts with the defaults and
    /// returns the reason too, so the page can say why.
    pub fn new(params: SimParams) -> (Engine, Option<Problem>) {
        match Simulation::from_params(params) {
            Ok(sim) => (Engine::around(sim), None),
            Err(e) => {
                let fallback = Simulation::from_params(SimParams::default())
                    .expect("the default parameters always start a run");
                (Engine::around(fallback), Some(Problem::DefaultsInstead(e)))
            }
        }
    }

    fn around(sim: Simulation) -> Engine {
        Engine {
            sim,
            viewing: None,
            comparing: None,
            race: None,
            clock: None,
            progress: Progress::new(),
            test: None,
            weather: None,
            weather_pair: None,
            team: None,
            circle: None,
            circle_on: false,
        }
    }

    /// Gives the engine a millisecond clock, so snapshots report how long each
    /// command took and training can be timed.
    pub fn set_clock(&mut self, clock: fn() -> f64) {
        self.clock = Some(clock);
    }

    fn measure(&self, rows: &[usize]) -> Vec<TrainingTiming> {
        let Some(now) = self.clock else {
            return Vec::new();
        };
        let params = self.sim.params();
        rows.iter()
            .map(|&n| {
                let n = n.clamp(
                    crate::sim::ml::train::MIN_TRAIN_ROWS,
                    crate::sim::params::MAX_WINDOW_ROWS,
                );
                let data = crate::sim::stream::generate_batch(
                    &mut crate::sim::stream::rng_from_seed(params.seed),
                    0,
                    n,
                    &crate::sim::stream::drift::DriftState::none(0),
                    params.label_noise,
                );
                let runs = measure_runs(n);
                let median_time = |job: &dyn Fn()| {
                    // One untimed run first (caches, allocator), then the median.
                    job();
                    let times = (0..runs)
                        .map(|_| {
                            let t0 = now();
                            job();
                            now() - t0
                        })
                        .collect();
                    median_of(times)
                };
                let depth = params.tree_max_depth;
                let time = |kind| {
                    // A failed fit still took its time; it is reported.
                    let fit = median_time(&|| {
                        let _ = crate::sim::ml::train::train(kind, depth, &data);
                    });
                    // Estimating the model's accuracy on the same rows from its
                    // calibrated confidence, as every batch is while its labels
                    // are late.
                    let estimate = crate::sim::ml::train::train(kind, depth, &data)
                        .ok()
                        .map_or(0.0, |model| {
                            let calibration =
                                crate::sim::ml::estimate::calibrate(&model, &data, &data);
                            median_time(&|| {
                                let _ = calibration.estimate(&model, &data.x);
                            })
                        });
                    (fit, estimate)
                };
                let (logistic_ms, logistic_estimate_ms) =
                    time(crate::sim::params::ModelKind::LogisticRegression);
                let (tree_ms, tree_estimate_ms) = time(crate::sim::params::ModelKind::DecisionTree);
                TrainingTiming {
                    rows: n,
                    logistic_ms,
                    tree_ms,
                    logistic_estimate_ms,
                    tree_estimate_ms,
                    runs,
                }
            })
            .collect()
    }

    fn compare(&self, a: u32, b: u32) -> Option<Comparison> {
        let sim = &self.sim;
        let (va, vb) = (
            sim.registry().get(a)?.clone(),
            sim.registry().get(b)?.clone(),
        );
        let disagreement = sim.grid_of(a).zip(sim.grid_of(b)).map(|(ga, gb)| {
            let n = ga.class1.len().max(1);
            let differ = ga
                .class1
                .iter()
                .zip(&gb.class1)
                .filter(|(x, y)| x != y)
                .count();
            differ as f64 / n as f64
        });
        let same_rows = sim.score_on_newest(a).zip(sim.score_on_newest(b));
        let summary = crate::sim::wording::comparison_summary(&va, &vb, same_rows, disagreement);
        Some(Comparison {
            boundary_a: sim.boundary_of(a),
            boundary_b: sim.boundary_of(b),
            a: va,
            b: vb,
            disagreement,
            summary,
        })
    }

    /// Applies what happened to the reader's progress; the reply carries the
    /// text to store.
    fn progress(&mut self, intent: ProgressIntent) -> ProgressReply {
        let mut notice = None;
        match intent {
            ProgressIntent::Load(stored) => {
                let (progress, problem) = Progress::load_or_reset(stored.as_deref());
                self.progress = progress;
                notice = problem;
            }
            ProgressIntent::Answered(right) => self.progress.record_answer(right),
            ProgressIntent::TestFinished(score) => self.progress.record_test_score(score),
            ProgressIntent::Reset => {
                let place = GuideProgress {
                    done: 0,
                    ..self.progress.guide
                };
                self.progress = Progress {
                    guide: place,
                    ..Progress::new()
                };
                notice = Some("Progress reset.".into());
            }
            ProgressIntent::OpenChapter(n) => {
                if (1..=CHAPTERS).contains(&n) {
                    self.progress.guide.chapter = n;
                    self.progress.guide.playground = false;
                }
            }
            ProgressIntent::ChapterDone(n) => self.progress.guide.mark_done(n),
            ProgressIntent::OpenPlayground => self.progress.guide.playground = true,
        }
        ProgressReply {
            progress: self.progress,
            notice,
            stored: self.progress.to_storage_string(),
        }
    }

    /// Answers what the reader asked of the quizzes (built and graded here).
    fn quiz(&mut self, intent: QuizIntent) -> QuizReply {
        match intent {
            QuizIntent::Bank => {
                QuizReply::Bank(question_bank().into_iter().map(QuizCard::new).collect())
            }
            QuizIntent::StartTest(seed) => {
                let test = TestSession::new(seed);
                let view = test.view();
                self.test = Some(test);
                QuizReply::Test(Some(view))
            }
            QuizIntent::AnswerTest { index, chosen } => {
                if let Some(test) = self.test.as_mut() {
                    // A refused answer (already answered, no such option) changes nothing.
                    let _ = test.answer(index, chosen);
                }
                QuizReply::Test(self.test.as_ref().map(TestSession::view))
            }
            QuizIntent::Visual => QuizReply::Visual(visual_quiz_view(
                self.sim.cycle(),
                self.sim.rows(),
                self.sim.outcome(),
                &self.sim.params().trigger,
            )),
        }
    }

    /// The run.
    pub fn simulation(&self) -> &Simulation {
        &self.sim
    }

    /// Runs one command and returns the snapshot after it (for native callers
    /// and tests; an export or a measurement is in [`Engine::answer`]'s reply).
    pub fn handle(&mut self, command: Command) -> Snapshot {
        match self.answer(command) {
            Reply::Run(snap) => *snap,
            Reply::Opened(opened) => opened.run.unwrap_or_else(|| self.snapshot()),
            Reply::Export(_)
            | Reply::Timings(_)
            | Reply::Progress(_)
            | Reply::Quiz(_)
            | Reply::Lesson(_) => self.snapshot(),
        }
    }

    /// Runs one command and returns its reply: what the worker sends the page.
    pub fn answer(&mut self, command: Command) -> Reply {
        let started = self.clock.map(|now| now());
        // Any command that moves or replaces the run returns to the live view.
        if matches!(
            command,
            Command::Step
                | Command::Run(_)
                | Command::FinishCycle
                | Command::Reset
                | Command::Start(_)
                | Command::Configure(_)
        ) {
            self.viewing = None;
        }
        if matches!(
            command,
            Command::Reset
                | Command::Start(_)
                | Command::StartWeather(_)
                | Command::LoadCsv(_)
                | Command::UseSyntheticData
                | Command::OpenScenario(_)
        ) {
            self.hide_truth_again();
        }
        let mut effect = None;
        let mut error = None;
        match command {
            Command::Start(params) => error = self.start(params),
            Command::StartWeather(start) => {
                match self.start_weather(start.file, start.pair, start.params) {
                    Ok(()) => {}
                    Err(e) => error = Some(Problem::Weather(e)),
                }
            }
            Command::StartCircle(start) => {
                if let Err(e) = self.start_circle(start.file, start.params) {
                    error = Some(Problem::Circle(e));
                }
            }
            Command::ViewCycle(cycle) => match cycle {
                Some(c) if self.sim.record_of(c).is_none() => {
                    error = Some(Problem::CycleNotRecorded {
                        cycle: c,
                        kept: crate::sim::retraining::history::MAX_RECORDS,
                    });
                }
                other => self.viewing = other,
            },
            Command::Compare(a, b) => {
                let reg = self.sim.registry();
                match (reg.get(a), reg.get(b)) {
                    (Some(_), Some(_)) => self.comparing = Some((a.min(b), a.max(b))),
                    _ => error = Some(Problem::NotInRegistry { a, b }),
                }
            }
            Command::Progress(intent) => return Reply::Progress(self.progress(intent)),
            Command::Quiz(intent) => return Reply::Quiz(self.quiz(intent)),
            Command::Lesson => return Reply::Lesson(lesson_text()),
            Command::Team(intent) => self.team_intent(intent),
            Command::OpenLink(text) => return Reply::Opened(Box::new(self.open_link(&text))),
            Command::OpenScenario(key) => {
                return Reply::Opened(Box::new(self.open_scenario(&key)));
            }
            Command::Export => {
                return Reply::Export(ExportFiles {
                    cycles_csv: cycles_csv(self.sim.summaries()),
                    trace_json: trace_json(self.sim.params(), self.sim.records()),
                });
            }
            Command::LoadCsv(text) => match parse_csv(&text) {
                Ok(data) => {
                    let data = Arc::new(StandardizedData::new(data));
                    match Simulation::with_data(self.current_valid(), Some(data)) {
                        Ok(sim) => {
                            self.sim = sim;
                            self.weather_pair = None;
                            self.circle_on = false;
                        }
                        Err(e) => error = Some(Problem::OwnData(e)),
                    }
                }
                Err(e) => error = Some(Problem::Csv(e)),
            },
            Command::UseSyntheticData => match Simulation::new(self.current_valid()) {
                Ok(sim) => {
                    self.sim = sim;
                    self.weather_pair = None;
                    self.circle_on = false;
                }
                Err(e) => error = Some(Problem::Run(e)),
            },
            Command::MeasureTraining(rows) => {
                let rows: Vec<usize> = rows.into_iter().take(8).collect();
                return Reply::Timings(self.measure(&rows));
            }
            Command::Configure(params) => match self.configure(params) {
                Ok(e) => effect = Some(e),
                Err(e) => error = Some(Problem::Run(e)),
            },
            Command::Step => {
                self.sim.step();
            }
            Command::Run(n) => {
                for _ in 0..n.min(MAX_STEPS_PER_COMMAND) {
                    if self.sim.step().is_none() {
                        break;
                    }
                }
            }
            Command::FinishCycle => {
                self.sim.finish_cycle();
            }
            Command::Reset => {
                let data = self.sim.user_data().cloned();
                match Simulation::with_data(self.current_valid(), data) {
                    Ok(sim) => self.sim = sim,
                    Err(e) => error = Some(Problem::Run(e)),
                }
            }
            Command::InjectFault(fault) => self.sim.inject_fault(fault),
            Command::Rollback(version) => {
                if let Err(e) = self.sim.rollback(version) {
                    error = Some(Problem::Rollback(e));
                }
            }
            Command::RunPolicyRace(cycles) => {
                let data = self.sim.user_data().cloned();
                match policy_race_on(&self.current_params(), data, cycles) {
                    Ok(race) if race.cycles == 0 => {
                        error = Some(Problem::RaceWithoutCycles {
                            batch_size: self.current_params().batch_size,
                        })
                    }
                    Ok(race) => self.race = Some(race),
                    Err(e) => error = Some(Problem::Race(e)),
                }
            }
        }
        let mut snap = self.snapshot();
        snap.config_effect = effect;
        snap.error = error;
        snap.engine_ms = self.clock.zip(started).map(|(now, t0)| now() - t0);
        Reply::Run(Box::new(snap))
    }

    /// Replaces the run with a new one from `params` (invalid ones start the
    /// defaults, and the reason is returned).
    fn start(&mut self, params: SimParams) -> Option<Problem> {
        let (engine, problem) = Engine::new(params);
        self.replace_run(engine.sim);
        problem
    }

    /// Replaces the run with `sim`, as a new start does: the view returns to
    /// the live run and the comparison and race of the old run are dropped;
    /// the clock, the reader's progress, the test and the weather file stay.
    fn replace_run(&mut self, sim: Simulation) {
        self.sim = sim;
        self.viewing = None;
        self.comparing = None;
        self.race = None;
        self.weather_pair = None;
        self.circle_on = false;
    }

    /// Starts a run on the weather data (`file` read first when given); on
    /// any problem nothing changes.
    fn start_weather(
        &mut self,
        file: Option<String>,
        pair: FeaturePair,
        params: SimParams,
    ) -> Result<(), WeatherStartError> {
        let table = match file {
            Some(text) => Arc::new(parse_weather(&text)?),
            None => self.weather.clone().ok_or(WeatherStartError::NotLoaded)?,
        };
        let valid = params.check().map_err(SimError::from)?;
        let sim = Simulation::with_data(valid, Some(Arc::new(table.dataset(pair))))?;
        self.replace_run(sim);
        self.weather = Some(table);
        self.weather_pair = Some(pair);
        Ok(())
    }

    /// Starts a run on the Circle data (`file` read first when given); on
    /// any problem nothing changes.
    fn start_circle(
        &mut self,
        file: Option<String>,
        params: SimParams,
    ) -> Result<(), CircleStartError> {
        let table = match file {
            Some(text) => Arc::new(parse_circle(&text)?),
            None => self.circle.clone().ok_or(CircleStartError::NotLoaded)?,
        };
        let valid = params.check().map_err(SimError::from)?;
        let sim = Simulation::with_data(valid, Some(Arc::new(table.dataset())))?;
        self.replace_run(sim);
        self.circle = Some(table);
        self.circle_on = true;
        Ok(())
    }

    /// How far the run has streamed its real history (`None` on a stream
    /// that never ends).
    fn history_progress(&self) -> Option<HistoryProgress> {
        let sim = &self.sim;
        let data = sim.user_data()?;
        let streamed = sim.streamed_rows()?;
        let newest = sim.newest_batch().len();
        let batch = sim.params().batch_size;
        Some(HistoryProgress {
            newest: (streamed.saturating_sub(newest) + 1, streamed),
            cycles_left: sim.cycles_left().unwrap_or(0),
            cycles_in_data: data
                .batches_left(batch.min(data.data.rows), batch)
                .map_or(0, |n| u32::try_from(n).unwrap_or(u32::MAX)),
            ended: sim.at_end(),
            means: mean_scores(sim.summaries()),
        })
    }

    /// What the weather run streams, while the run streams the weather data.
    fn weather_run(&self) -> Option<WeatherRun> {
        let (pair, table) = (self.weather_pair?, self.weather.as_ref()?);
        let p = self.history_progress()?;
        Some(WeatherRun {
            pair,
            days: table.days(),
            rainy_days: table.rainy_days(),
            newest_days: p.newest,
            cycles_left: p.cycles_left,
            cycles_in_data: p.cycles_in_data,
            ended: p.ended,
            means: p.means,
        })
    }

    /// What the Circle run streams, while the run streams the Circle data.
    fn circle_run(&self) -> Option<CircleRun> {
        let table = self.circle.as_ref().filter(|_| self.circle_on)?;
        let progress = self.history_progress()?;
        Some(CircleRun {
            rows: table.rows(),
            progress,
            phase: CircleRules::for_rows(progress.newest.0, progress.newest.1).phase,
        })
    }

    /// The Circle data's true circles for `batch`, while the run streams it.
    fn circle_rules(&self, batch: &crate::sim::stream::Batch) -> Option<CircleRules> {
        let table = self.circle.as_ref().filter(|_| self.circle_on)?;
        let (first, last) = table.rows_of(batch)?;
        Some(CircleRules::for_rows(first, last))
    }

    /// [`Engine::current_params`], checked (they always passed once; the
    /// defaults are the fallback).
    fn current_valid(&self) -> crate::sim::params::ValidParams {
        self.current_params()
            .check()
            .or_else(|_| SimParams::default().check())
            .expect("the default parameters are valid")
    }

    /// The settings a reset would use: pending ones win.
    fn current_params(&self) -> SimParams {
        self.sim
            .pending_params()
            .unwrap_or_else(|| self.sim.params())
            .clone()
    }

    fn configure(&mut self, params: SimParams) -> Result<ConfigEffect, SimError> {
        let valid = params.check()?;
        if self.sim.needs_restart(valid.get()) {
            let data = self.sim.user_data().cloned();
            self.sim = Simulation::with_data(valid, data)?;
            Ok(ConfigEffect::Restarted)
        } else if self.sim.reconfigure(valid) {
            Ok(ConfigEffect::AppliedNow)
        } else {
            Ok(ConfigEffect::AppliesNextCycle)
        }
    }

    /// What the scatter draws beside the models, for a batch drawn under
    /// `drift` while `live` is live.
    fn scatter_facts(
        &self,
        batch: &crate::sim::stream::Batch,
        drift: &crate::sim::stream::drift::DriftState,
        live: u32,
        below_half: Option<&crate::sim::retraining::below_half::BelowHalf>,
    ) -> ScatterFacts {
        let sim = &self.sim;
        let v1_boundary = sim.boundary_of(1);
        ScatterFacts {
            rules: sim.user_data().is_none().then(|| RuleLines::of(drift)),
            circles: self.circle_rules(batch),
            v1_grid: (v1_boundary.is_none() && live != 1)
                .then(|| sim.grid_of(1))
                .flatten(),
            v1_boundary,
            below_half: below_half.cloned().map(|mut b| {
                // The cycle knows only "real data, rule unknown"; the engine
                // knows the data is the Circle and the model a line.
                let line = sim.params().model == crate::sim::params::ModelKind::LogisticRegression;
                if self.circle_on && line && b.cause == BelowHalfCause::UnknownRule {
                    b.cause = BelowHalfCause::LineCannotFitCircle;
                }
                b
            }),
            labels_pending: false,
        }
    }

    /// The snapshot of the current state.
    pub fn snapshot(&self) -> Snapshot {
        let sim = &self.sim;
        let judging = matches!(
            sim.rows().last().map(|r| r.kind),
            Some(StepKind::Train | StepKind::Evaluate | StepKind::CheckPerformance)
        );
        let candidate = sim.candidate().filter(|_| judging);
        let mut snap = Snapshot {
            params: sim.params().clone(),
            pending: sim.pending_params().cloned(),
            cycle: sim.cycle(),
            next_step: sim.next_step(),
            last_step: sim.rows().last().map(|r| r.kind),
            rows: sim.rows().to_vec(),
            tracker: sim.tracker().clone(),
            registry: sim.registry().versions().to_vec(),
            live_version: sim.live_version(),
            candidate: sim.candidate(),
            candidate_scores: sim.candidate_scores(),
            live_scores: sim.live_scores(),
            v1_initial: sim.v1_initial_scores(),
            summaries: sim.summaries().to_vec(),
            alerts: sim.alerts().to_vec(),
            estimate_alerts: sim.estimate_alerts().to_vec(),
            estimated: sim.estimated(),
            input_drift: sim.input_drift(),
            team: self.team,
            totals: sim.totals(),
            outcome: sim.outcome().cloned(),
            batch: sim.newest_batch().view(SHOWN_POINTS),
            drift: *sim.drift(),
            live_grid: sim.grid_of(sim.live_version()),
            live_boundary: sim.boundary_of(sim.live_version()),
            candidate_grid: candidate.and_then(|v| sim.grid_of(v)),
            candidate_boundary: candidate.and_then(|v| sim.boundary_of(v)),
            scatter: self.scatter_facts(
                sim.newest_batch(),
                sim.drift(),
                sim.live_version(),
                sim.below_half(),
            ),
            best_possible: sim.best_possible(),
            trigger_eval: sim.trigger_eval().cloned(),
            validation: sim.validation().cloned(),
            pending_fault: sim.pending_fault(),
            applied_fault: sim.applied_fault(),
            registry_events: sim.registry().events().to_vec(),
            kept_versions: sim
                .registry()
                .versions()
                .iter()
                .map(|v| v.version)
                .filter(|&v| sim.is_kept(v))
                .collect(),
            race: self.race.clone(),
            engine_ms: None,
            recorded_cycles: sim
                .records()
                .front()
                .zip(sim.records().back())
                .map(|(a, b)| (a.cycle, b.cycle)),
            viewing: self.viewing.filter(|&c| sim.record_of(c).is_some()),
            comparison: self.comparing.and_then(|(a, b)| self.compare(a, b)),
            user_data: sim.user_data().map(|d| d.summary.clone()),
            weather: self.weather_run(),
            circle: self.circle_run(),
            config_effect: None,
            stall: stall(sim.summaries(), sim.params()),
            error: None,
            rewound: None,
        };
        let shown = self.viewing.and_then(|c| {
            let record = sim.record_of(c)?.clone();
            let cand = record.candidate;
            Some(view::CycleView {
                scatter: self.scatter_facts(
                    &record.batch,
                    &record.drift,
                    record.live_after,
                    record.below_half.as_ref(),
                ),
                batch: record.batch.view(SHOWN_POINTS),
                live_grid: sim.grid_of(record.live_before),
                live_boundary: sim.boundary_of(record.live_before),
                candidate_grid: cand.and_then(|v| sim.grid_of(v)),
                candidate_boundary: cand.and_then(|v| sim.boundary_of(v)),
                record,
            })
        });
        snap.rewound = shown.map(|v| Box::new(view::rewound(&snap, &v)));
        if snap.hides_truth() {
            team::hide_truth(&mut snap);
        }
        snap
    }
}

// Native only: the core is tested natively (proptest and approx are native dev-dependencies).

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::retraining::problem::Problem;
    use crate::sim::wording::problem_text;

    /// The sentence the page shows for a reported problem.
    fn said(problem: Option<Problem>) -> String {
        problem_text(&problem.expect("a problem is reported"))
    }
    use crate::sim::params::ModelKind;

    #[test]
    fn invalid_start_falls_back_to_defaults_with_a_reason() {
        let (engine, why) = Engine::new(SimParams::default().threshold(2.0));
        assert!(said(why).contains("Deploy threshold"));
        assert_eq!(engine.simulation().params(), &SimParams::default());
    }

    #[test]
    fn invalid_configure_changes_nothing() {
        let (mut engine, _) = Engine::new(SimParams::default());
        engine.handle(Command::Run(3));
        let before = engine.snapshot();
        let after = engine.handle(Command::Configure(SimParams::default().label_noise(0.9)));
        assert!(said(after.error).contains("Label noise"));
        assert_eq!(after.rows, before.rows);
        assert_eq!(after.params, before.params);
    }

    #[test]
    fn seed_or_model_change_restarts() {
        let (mut engine, _) = Engine::new(SimParams::default());
        engine.handle(Command::Run(12));
        let snap = engine.handle(Command::Configure(
            SimParams::default().model(ModelKind::DecisionTree),
        ));
        assert_eq!(snap.config_effect, Some(ConfigEffect::Restarted));
        assert_eq!(snap.cycle, 0);
        assert_eq!(snap.live_version, 1);
        assert_eq!(snap.params.model, ModelKind::DecisionTree);
    }

    #[test]
    fn threshold_change_mid_cycle_is_pending() {
        let (mut engine, _) = Engine::new(SimParams::default());
        engine.handle(Command::Run(2));
        let snap = engine.handle(Command::Configure(SimParams::default().threshold(0.9)));
        assert_eq!(snap.config_effect, Some(ConfigEffect::AppliesNextCycle));
        assert_eq!(snap.pending.unwrap().threshold, 0.9);
        let snap = engine.handle(Command::FinishCycle);
        assert_eq!(snap.params.threshold, 0.8);
        let snap = engine.handle(Command::Step);
        assert_eq!(snap.params.threshold, 0.9);
        assert!(snap.pending.is_none());
    }

    #[test]
    fn start_replaces_the_run_and_reports_bad_settings() {
        let (mut engine, _) = Engine::new(SimParams::default());
        engine.handle(Command::Run(9));
        let snap = engine.handle(Command::Start(SimParams::default().seed(7)));
        assert_eq!((snap.cycle, snap.params.seed), (0, 7));
        let snap = engine.handle(Command::Start(SimParams::default().batch_size(1)));
        assert!(said(snap.error).contains("Batch size"));
        assert_eq!(snap.params, SimParams::default());
    }

    #[test]
    fn training_is_timed_only_with_a_clock() {
        fn fake_clock() -> f64 {
            use std::sync::atomic::{AtomicU64, Ordering};
            static T: AtomicU64 = AtomicU64::new(0);
            T.fetch_add(5, Ordering::Relaxed) as f64
        }
        let timings = |reply| match reply {
            Reply::Timings(t) => t,
            other => panic!("MeasureTraining answers with Timings, not {other:?}"),
        };
        let (mut engine, _) = Engine::new(SimParams::default());
        assert!(timings(engine.answer(Command::MeasureTraining(vec![1000]))).is_empty());
        assert_eq!(engine.handle(Command::Step).engine_ms, None);
        engine.set_clock(fake_clock);
        let measured = timings(engine.answer(Command::MeasureTraining(vec![1000, 5000])));
        let rows: Vec<usize> = measured.iter().map(|t| t.rows).collect();
        assert_eq!(rows, [1000, 5000]);
        assert!(measured
            .iter()
            .all(|t| t.logistic_ms == 5.0 && t.tree_ms == 5.0 && t.runs == 7));
        assert!(engine.handle(Command::Step).engine_ms.unwrap() > 0.0);
        assert_eq!(measure_runs(100_000), 3);
    }

    fn quiz(engine: &mut Engine, intent: QuizIntent) -> QuizReply {
        match engine.answer(Command::Quiz(intent)) {
            Reply::Quiz(reply) => reply,
            other => panic!("expected a quiz reply, got {other:?}"),
        }
    }

    #[test]
    fn the_bank_comes_graded_in_its_order() {
        let mut engine = Engine::new(SimParams::default()).0;
        let QuizReply::Bank(cards) = quiz(&mut engine, QuizIntent::Bank) else {
            panic!("expected the bank")
        };
        let bank = question_bank();
        assert_eq!(cards.len(), bank.len());
        for (card, q) in cards.iter().zip(&bank) {
            assert_eq!(&card.question, q);
            assert!(card.grades[q.correct].correct);
            assert_eq!(card.grades.iter().filter(|g| g.correct).count(), 1);
        }
    }

    #[test]
    fn a_test_is_answered_in_the_engine_and_survives_a_new_run() {
        use crate::sim::teach::quiz::TEST_LENGTH;
        let mut engine = Engine::new(SimParams::default()).0;
        assert_eq!(
            quiz(
                &mut engine,
                QuizIntent::AnswerTest {
                    index: 0,
                    chosen: 0
                }
            ),
            QuizReply::Test(None)
        );
        let QuizReply::Test(Some(view)) = quiz(&mut engine, QuizIntent::StartTest(5)) else {
            panic!("expected a test")
        };
        assert_eq!(view.questions.len(), TEST_LENGTH);
        assert_eq!((view.next_unanswered, view.result.clone()), (Some(0), None));
        // Answer every question right but the first; a new run in between keeps the test.
        let mut last = view.clone();
        for i in 0..TEST_LENGTH {
            let right = view.questions[i].question.correct;
            let chosen = if i == 0 { (right + 1) % 4 } else { right };
            if i == 4 {
                engine.handle(Command::Start(SimParams::default().seed(3)));
            }
            let QuizReply::Test(Some(v)) =
                quiz(&mut engine, QuizIntent::AnswerTest { index: i, chosen })
            else {
                panic!("expected the test")
            };
            assert_eq!(v.answers[i], Some(chosen));
            last = v;
        }
        // A second answer to a question is refused.
        let QuizReply::Test(Some(again)) = quiz(
            &mut engine,
            QuizIntent::AnswerTest {
                index: 0,
                chosen: 1,
            },
        ) else {
            panic!("expected the test")
        };
        assert_eq!(again, last);
        let result = last.result.expect("complete");
        assert_eq!((result.score, result.total), (9, 10));
        assert_eq!(result.missed.len(), 1);
        assert_eq!(last.next_unanswered, None);
    }

    #[test]
    fn the_visual_quiz_is_about_the_run_as_it_stands() {
        let mut engine = Engine::new(SimParams::default()).0;
        let QuizReply::Visual(before) = quiz(&mut engine, QuizIntent::Visual) else {
            panic!("expected the visual quiz")
        };
        assert_eq!(before.questions, None);
        let snap = engine.handle(Command::FinishCycle);
        let QuizReply::Visual(after) = quiz(&mut engine, QuizIntent::Visual) else {
            panic!("expected the visual quiz")
        };
        assert_eq!(after.key, snap.visual_quiz_key());
        // Read from the run directly, it is the quiz of the snapshot on screen.
        let from_snapshot = crate::sim::teach::quiz::visual_quiz(
            &snap.rows,
            snap.outcome.as_ref(),
            &snap.params.trigger,
        );
        let questions: Option<Vec<_>> = after
            .questions
            .as_ref()
            .map(|cards| cards.iter().map(|c| c.question.clone()).collect());
        assert_eq!(questions, from_snapshot);
        // Mid-cycle too (after Step 4, one question).
        engine.handle(Command::Run(4));
        let snap = engine.handle(Command::Step);
        let QuizReply::Visual(mid) = quiz(&mut engine, QuizIntent::Visual) else {
            panic!("expected the visual quiz")
        };
        assert_eq!(mid.key, snap.visual_quiz_key());
        assert_eq!(mid.questions.as_ref().map(Vec::len), Some(1));
        let cards = after.questions.expect("a finished cycle has its quiz");
        assert_eq!(cards.len(), 3);
        for card in &cards {
            assert!(card.grades[card.question.correct].correct);
        }
    }

    #[test]
    fn progress_is_kept_across_runs_and_stored_as_text_the_engine_reads_back() {
        let (mut engine, _) = Engine::new(SimParams::default());
        let progress = |engine: &mut Engine, intent| match engine.answer(Command::Progress(intent))
        {
            Reply::Progress(p) => p,
            other => panic!("Progress answers with Progress, not {other:?}"),
        };
        let fresh = progress(&mut engine, ProgressIntent::Load(None));
        assert_eq!((fresh.progress, fresh.notice), (Progress::new(), None));
        progress(&mut engine, ProgressIntent::Answered(true));
        progress(&mut engine, ProgressIntent::Answered(false));
        engine.handle(Command::Start(SimParams::default().seed(9)));
        let p = progress(&mut engine, ProgressIntent::TestFinished(7));
        assert_eq!(
            (p.progress.answered, p.progress.correct),
            (2, 1),
            "a new run keeps progress"
        );
        assert_eq!(
            (p.progress.tests_taken, p.progress.best_test_score),
            (1, Some(7))
        );
        // A new page reads the stored text back through a new engine.
        let (mut other, _) = Engine::new(SimParams::default());
        let back = progress(&mut other, ProgressIntent::Load(Some(p.stored.clone())));
        assert_eq!((back.progress, back.notice), (p.progress, None));
        let broken = progress(&mut other, ProgressIntent::Load(Some("{not json".into())));
        assert_eq!(broken.progress, Progress::new());
        assert!(broken.notice.unwrap().contains("could not be read"));
        let reset = progress(&mut engine, ProgressIntent::Reset);
        assert_eq!(
            (reset.progress, reset.notice.as_deref()),
            (Progress::new(), Some("Progress reset."))
        );
        // The guide's place is saved with the rest; a chapter that does not
        // exist changes nothing; a reset forgets chapters done, not the place.
        let mut place = GuideProgress {
            chapter: 4,
            done: 0b111,
            playground: false,
            chapters: crate::sim::teach::guide::CHAPTERS,
        };
        for n in 1..=3 {
            progress(&mut engine, ProgressIntent::ChapterDone(n));
        }
        progress(&mut engine, ProgressIntent::OpenPlayground);
        let moved = progress(&mut engine, ProgressIntent::OpenChapter(4));
        assert_eq!(moved.progress.guide, place);
        let back = progress(&mut other, ProgressIntent::Load(Some(moved.stored.clone())));
        assert_eq!(back.progress.guide, place);
        progress(
            &mut engine,
            ProgressIntent::OpenChapter(crate::sim::teach::guide::CHAPTERS + 1),
        );
        let bogus = progress(&mut engine, ProgressIntent::ChapterDone(0));
        assert_eq!(bogus.progress.guide, place);
        let play = progress(&mut engine, ProgressIntent::OpenPlayground);
        assert!(play.progress.guide.playground);
        place.playground = true;
        let reset = progress(&mut engine, ProgressIntent::Reset);
        place.done = 0;
        assert_eq!(reset.progress.guide, place);
    }

    #[test]
    fn rewind_compare_and_export() {
        let (mut engine, _) = Engine::new(SimParams::default());
        engine.handle(Command::Run(8 * 3));
        let snap = engine.handle(Command::ViewCycle(Some(2)));
        assert_eq!(snap.recorded_cycles, Some((1, 3)));
        assert_eq!(snap.viewing, Some(2));
        let shown = snap.rewound.unwrap();
        assert_eq!(shown.cycle, 2);
        assert!(shown.live_grid.is_some());
        let snap = engine.handle(Command::ViewCycle(Some(9)));
        assert!(said(snap.error).contains("Cycle 9 is not recorded"));
        let snap = engine.handle(Command::Step);
        assert!(
            snap.viewing.is_none() && snap.rewound.is_none(),
            "stepping returns to the live run"
        );
        let snap = engine.handle(Command::Compare(3, 2));
        let c = snap.comparison.unwrap();
        assert_eq!((c.a.version, c.b.version), (2, 3));
        assert!(c.disagreement.unwrap() < 0.5);
        assert!(c.summary[0].starts_with("Data: v2 trained on"));
        let Reply::Export(files) = engine.answer(Command::Export) else {
            panic!("Export answers with the files");
        };
        assert_eq!(files.cycles_csv.lines().count(), 4);
        assert!(files.trace_json.contains("\"rows\""));
        assert_eq!(
            engine.snapshot().cycle,
            4,
            "exporting does not move the run"
        );
    }

    #[test]
    fn own_csv_streams_through_the_loop_and_bad_files_change_nothing() {
        let mut csv = String::from("time,age,income,bought\n");
        for i in 0..400 {
            let age = 20.0 + (i % 50) as f64;
            let income = 1000.0 * ((i * 7) % 90) as f64;
            let bought = u8::from(age * 1000.0 + income > 60_000.0);
            csv.push_str(&format!("{i},{age},{income},{bought}\n"));
        }
        let (mut engine, _) = Engine::new(SimParams::default().batch_size(100));
        engine.handle(Command::Run(8));
        let before = engine.snapshot();
        let snap = engine.handle(Command::LoadCsv("a,b,label\n1,2,3\n".into()));
        let err = said(snap.error);
        assert!(err.contains("row 2") && err.contains("label"), "{err}");
        assert_eq!(snap.rows, before.rows, "nothing else changed");
        let snap = engine.handle(Command::LoadCsv(csv));
        assert!(snap.error.is_none(), "{:?}", snap.error);
        assert!(snap.user_data.unwrap().starts_with("400 rows"));
        assert_eq!(snap.cycle, 0);
        let snap = engine.handle(Command::Run(8 * 5));
        assert_eq!(snap.summaries.len(), 5);
        assert!(
            snap.summaries[4].live_score > 0.8,
            "{}",
            snap.summaries[4].live_score
        );
        assert!(snap
            .batch
            .x
            .iter()
            .all(|p| p[0].abs() < 7.0 && p[1].abs() < 7.0));
        let snap = engine.handle(Command::Reset);
        assert!(snap.user_data.is_some(), "reset keeps the data");
        let snap = engine.handle(Command::UseSyntheticData);
        assert!(snap.user_data.is_none());
    }

    #[test]
    fn a_line_below_a_coin_flip_on_the_circle_is_explained_as_a_line() {
        use crate::sim::engine::protocol::CircleStart;
        use crate::sim::params::ModelKind;
        use crate::sim::retraining::below_half::BelowHalfCause;
        use crate::sim::stream::circle::CIRCLE_BATCH;
        // Logistic regression on the Circle scores about a coin flip each
        // cycle, so some cycles fall below 0.5: the cause named is the line,
        // not "your data's rule is unknown". A tree never gets that cause.
        for (model, seed) in [
            (ModelKind::LogisticRegression, 1),
            (ModelKind::LogisticRegression, 7),
            (ModelKind::DecisionTree, 1),
        ] {
            let params = SimParams::default()
                .batch_size(CIRCLE_BATCH)
                .model(model)
                .seed(seed);
            let mut engine = Engine::new(params.clone()).0;
            let mut snap = engine.handle(Command::StartCircle(CircleStart {
                file: Some(crate::sim::testing::circle_file()),
                params,
            }));
            let mut causes = Vec::new();
            for _ in 0..7 {
                if let Some(b) = &snap.scatter.below_half {
                    causes.push(b.cause.clone());
                    let said = crate::sim::wording::below_half_sentence(b);
                    let line = model == ModelKind::LogisticRegression;
                    assert_eq!(
                        said.contains("a straight line cannot fit a circle"),
                        line,
                        "{said}"
                    );
                }
                snap = engine.handle(Command::Run(1));
            }
            for cause in &causes {
                let expected = match model {
                    ModelKind::LogisticRegression => BelowHalfCause::LineCannotFitCircle,
                    ModelKind::DecisionTree => BelowHalfCause::UnknownRule,
                };
                assert_eq!(cause, &expected, "{model:?} seed {seed}");
            }
            if model == ModelKind::LogisticRegression && seed == 1 {
                assert!(
                    !causes.is_empty(),
                    "logistic regression falls below 0.5 at least once"
                );
            }
        }
    }

    #[test]
    fn the_circle_streams_its_rows_shows_its_circles_and_bad_input_changes_nothing() {
        use crate::sim::engine::protocol::CircleStart;
        use crate::sim::stream::circle::{CirclePhase, CIRCLE_BATCH};
        let params = SimParams::default().batch_size(CIRCLE_BATCH);
        let start = |file: Option<String>| {
            Command::StartCircle(CircleStart {
                file,
                params: params.clone(),
            })
        };
        let mut engine = Engine::new(SimParams::default()).0;
        // No file yet, a truncated one, another file: refused in words, nothing changes.
        let file = crate::sim::testing::circle_file();
        for (text, says) in [
            (None, "has not been loaded yet"),
            (
                Some(file[..file.len() / 3].to_string()),
                "The Circle data could not be used",
            ),
            (Some("x1,x2,label\n".into()), "the file has 0 rows"),
            (
                Some(crate::sim::testing::weather_file()),
                "does not start with the Circle",
            ),
        ] {
            let snap = engine.handle(start(text));
            assert!(said(snap.error).contains(says), "{says}");
            assert!(snap.circle.is_none() && snap.user_data.is_none());
        }
        let snap = engine.handle(start(Some(file)));
        assert_eq!(snap.error, None);
        let c = snap.circle.unwrap();
        assert_eq!(
            (c.rows, c.progress.newest, c.phase),
            (2000, (1, 250), CirclePhase::Before)
        );
        assert_eq!(c.progress.cycles_in_data, 7);
        let circles = snap.scatter.circles.unwrap();
        assert_eq!(
            (circles.rows, circles.phase),
            ((1, 250), CirclePhase::Before)
        );
        assert!(
            snap.scatter.rules.is_none(),
            "no line: the rule is a circle"
        );
        let phases = [
            CirclePhase::Before,
            CirclePhase::Before,
            CirclePhase::Before,
            CirclePhase::During,
            CirclePhase::After,
        ];
        for (cycle, phase) in (1..).zip(phases) {
            let snap = engine.handle(Command::FinishCycle);
            assert_eq!(snap.cycle, cycle);
            assert_eq!(snap.circle.map(|c| c.phase), Some(phase), "cycle {cycle}");
            assert_eq!(snap.scatter.circles.map(|c| c.phase), Some(phase));
        }
        // A rewound cycle shows its own batch's circles.
        let snap = engine.handle(Command::ViewCycle(Some(4)));
        let rewound = snap.rewound.expect("cycle 4 is recorded");
        assert_eq!(
            rewound.scatter.circles.map(|c| (c.rows, c.phase)),
            Some(((1001, 1250), CirclePhase::During))
        );
        // A change of model restarts on the same rows; Reset too.
        let tree = params
            .clone()
            .model(crate::sim::params::ModelKind::DecisionTree);
        engine.handle(Command::Configure(tree));
        let snap = engine.handle(Command::Reset);
        assert!(snap.circle.is_some(), "{:?}", snap.error);
        let snap = engine.handle(Command::Run(10_000));
        assert!(snap.circle.unwrap().progress.ended);
        // Leaving: the synthetic stream; back without fetching again.
        let snap = engine.handle(Command::UseSyntheticData);
        assert!(snap.circle.is_none() && snap.scatter.circles.is_none());
        assert!(engine.handle(start(None)).circle.is_some());
    }

    #[test]
    fn the_weather_streams_real_years_to_their_end_and_bad_input_changes_nothing() {
        use crate::sim::engine::protocol::WeatherStart;
        use crate::sim::retraining::scenarios::{scenario, WEATHER_SCENARIO};
        use crate::sim::stream::weather::{FeaturePair, WeatherFeature};
        let params = scenario(WEATHER_SCENARIO).unwrap().params;
        let start = |file: Option<&str>, pair, params: &SimParams| {
            Command::StartWeather(WeatherStart {
                file: file.map(String::from),
                pair,
                params: params.clone(),
            })
        };
        let file = crate::sim::testing::weather_file();
        let (mut engine, _) = Engine::new(SimParams::default());
        let before = engine.handle(Command::Run(9));
        // Nothing read yet, a broken host's page, invalid settings: refused, run unchanged.
        for (command, says) in [
            (
                start(None, FeaturePair::default(), &params),
                "has not been loaded yet",
            ),
            (
                start(Some("<!doctype html>"), FeaturePair::default(), &params),
                "does not start with the weather data's header",
            ),
            (
                start(
                    Some(&file),
                    FeaturePair::default(),
                    &params.clone().batch_size(5),
                ),
                "Batch size",
            ),
        ] {
            let snap = engine.handle(command);
            let err = said(snap.error);
            assert!(
                err.contains(says) && err.ends_with("The run is unchanged."),
                "{err}"
            );
            assert_eq!((snap.cycle, &snap.rows), (before.cycle, &before.rows));
            assert!(snap.weather.is_none() && snap.user_data.is_none());
        }
        let snap = engine.handle(start(Some(&file), FeaturePair::default(), &params));
        assert_eq!(snap.error, None);
        let w = snap.weather.unwrap();
        assert_eq!((w.days, w.rainy_days), (18_159, 5_698));
        assert_eq!(
            (w.newest_days, w.cycles_left, w.cycles_in_data),
            ((1, 365), 48, 48)
        );
        assert!(!w.ended && w.means.is_none());
        assert!(snap.user_data.unwrap().starts_with("18,159 rows"));
        assert_eq!((snap.cycle, snap.params.batch_size), (0, 365));
        // Play to the end: 48 years after year 1, then nothing more happens.
        let snap = engine.handle(Command::Run(8 * 60));
        let w = snap.weather.unwrap();
        assert_eq!(
            (snap.cycle, w.newest_days, w.cycles_left),
            (48, (17_521, 17_885), 0)
        );
        assert!(w.ended);
        let m = w.means.unwrap();
        assert!(m.live > m.v1 + 0.02, "{m:?}");
        let again = engine.handle(Command::Step);
        assert_eq!((again.cycle, again.rows.len()), (48, snap.rows.len()));
        assert_eq!(engine.handle(Command::FinishCycle).cycle, 48);
        // Reset replays from the first day; the race runs the same years.
        let snap = engine.handle(Command::Reset);
        assert_eq!(
            snap.weather.map(|w| (w.newest_days, w.ended)),
            Some(((1, 365), false))
        );
        let snap = engine.handle(Command::RunPolicyRace(200));
        assert_eq!(snap.race.map(|r| r.cycles), Some(48));
        // Other features: no file needed, a new run at v1.
        let pair = FeaturePair::new(WeatherFeature::DewPoint, WeatherFeature::Temperature).unwrap();
        let snap = engine.handle(start(None, pair, &params));
        assert_eq!(snap.error, None);
        assert_eq!(snap.weather.map(|w| w.pair), Some(pair));
        assert!(snap.race.is_none(), "the old run's race is dropped");
        assert!(snap
            .user_data
            .unwrap()
            .contains("`Dew point` and `Mean temperature`"));
        // A batch too large for a race.
        engine.handle(Command::Configure(params.clone().batch_size(10_000)));
        let snap = engine.handle(Command::RunPolicyRace(40));
        assert!(snap
            .error
            .map(|p| problem_text(&p))
            .unwrap()
            .contains("no whole batch of 10,000 rows"));
        // Leaving the weather: the synthetic stream or a new run.
        let snap = engine.handle(Command::UseSyntheticData);
        assert!(snap.weather.is_none() && snap.user_data.is_none());
        engine.handle(start(None, FeaturePair::default(), &params));
        let snap = engine.handle(Command::Start(SimParams::default()));
        assert!(snap.weather.is_none() && snap.user_data.is_none());
        // The file stays read across runs.
        let snap = engine.handle(start(None, FeaturePair::default(), &params));
        assert!(snap.weather.is_some(), "{:?}", snap.error);
    }

    #[test]
    fn reset_starts_again_at_v1() {
        let (mut engine, _) = Engine::new(SimParams::default());
        engine.handle(Command::Run(20));
        let snap = engine.handle(Command::Reset);
        assert_eq!((snap.cycle, snap.live_version, snap.rows.len()), (0, 1, 0));
        assert_eq!(snap.registry.len(), 1);
    }

    #[test]
    fn candidate_is_drawn_only_while_judged() {
        let (mut engine, _) = Engine::new(SimParams::default());
        let snap = engine.handle(Command::Run(4));
        assert!(snap.candidate_grid.is_some());
        assert!(snap.candidate_boundary.is_some());
        let snap = engine.handle(Command::Run(3));
        assert_eq!(snap.last_step, Some(StepKind::DeployOrAlert));
        assert!(snap.candidate_grid.is_none());
    }

    #[test]
    fn totals_at_an_earlier_cycle_match_the_run_at_that_cycle() {
        let params = SimParams::default()
            .batch_size(20)
            .threshold(0.9)
            .label_noise(0.1);
        let (mut engine, _) = Engine::new(params.clone());
        let now = engine.handle(Command::Run(8 * 40));
        for cycle in [0, 1, 17, 39, 40] {
            let (mut back_then, _) = Engine::new(params.clone());
            let then = back_then.handle(Command::Run(8 * cycle));
            assert_eq!(now.totals_at(cycle), then.totals, "cycle {cycle}");
        }
        assert!(now.totals.alerts > 0 && now.totals.deploys > 0);
    }

    #[test]
    fn a_rewound_cycle_is_drawn_as_the_run_stood_at_its_end() {
        let params = SimParams::default().threshold(0.9).label_noise(0.1);
        let (mut engine, _) = Engine::new(params.clone());
        engine.handle(Command::Run(8 * 12));
        for cycle in [1, 5, 12] {
            let now = engine.handle(Command::ViewCycle(Some(cycle)));
            let shown = now
                .rewound
                .as_deref()
                .expect("the engine builds the rewound view");
            let (mut back_then, _) = Engine::new(params.clone());
            let then = back_then.handle(Command::Run(8 * cycle));
            assert_eq!(shown.cycle, cycle);
            assert_eq!(shown.rows, then.rows, "cycle {cycle}");
            assert_eq!(shown.outcome, then.outcome, "cycle {cycle}");
            assert_eq!(shown.tracker, then.tracker, "cycle {cycle}");
            assert_eq!(shown.totals, then.totals, "cycle {cycle}");
            assert_eq!(shown.summaries, then.summaries, "cycle {cycle}");
            assert_eq!(shown.alerts, then.alerts, "cycle {cycle}");
            assert_eq!(shown.live_version, then.live_version, "cycle {cycle}");
            assert_eq!(shown.batch, then.batch, "cycle {cycle}");
            assert!(shown.rewound.is_none() && shown.viewing.is_none());
        }
        let live = engine.handle(Command::ViewCycle(None));
        assert!(live.rewound.is_none());
    }

    #[test]
    fn snapshots_and_commands_round_trip_through_json() {
        let (mut engine, _) = Engine::new(SimParams::default());
        let snap = engine.handle(Command::Run(9));
        let text = serde_json::to_string(&snap).unwrap();
        let back: Snapshot = serde_json::from_str(&text).unwrap();
        assert!(back == snap, "snapshot changed in a JSON round trip");
        let cmd = Command::Configure(SimParams::default());
        let back: Command = serde_json::from_str(&serde_json::to_string(&cmd).unwrap()).unwrap();
        assert_eq!(back, cmd);
        for reply in [
            engine.answer(Command::Step),
            engine.answer(Command::Export),
            engine.answer(Command::MeasureTraining(vec![1000])),
        ] {
            let back: Reply =
                serde_json::from_str(&serde_json::to_string(&reply).unwrap()).unwrap();
            assert!(back == reply, "reply changed in a JSON round trip");
        }
    }
}
