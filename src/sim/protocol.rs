//! The message boundary between the page and the core: the UI sends
//! [`Command`]s and receives [`Snapshot`]s, both serde-serialisable, so the
//! engine runs in a Web Worker (`crate::worker`, its messages serialised across
//! the thread boundary), and a run can be saved and replayed.

use serde::{Deserialize, Serialize};

use super::csv_data::{parse_csv, StandardizedData};
use super::cycle::{SimError, Simulation};
use super::drift::DriftState;
use super::evaluate::Scores;
use super::export::{cycles_csv, trace_json};
use super::history::{stall, CycleRecord, CycleSummary, Stall, Totals};
use super::outcome::{Alert, Outcome};
use super::params::SimParams;
use super::race::{policy_race, PolicyRace};
use super::registry::ModelVersion;
use super::registry::RegistryEvent;
use super::steps::{StepKind, StepRecord, Tracker};
use super::stream::Batch;
use super::train::{DecisionGrid, LinearBoundary};
use super::triggers::TriggerEval;
use super::validate::{Fault, ValidationReport};
use std::sync::Arc;

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
    /// for the benchmark; results in `Snapshot::training_timings`.
    MeasureTraining(Vec<usize>),
    /// Rewind the view to a finished cycle (`None` = back to the live run).
    ViewCycle(Option<u32>),
    /// Compare two versions of the registry.
    Compare(u32, u32),
    /// Export the run (CSV per cycle and the JSON step trace) in the next snapshot.
    Export,
    /// Stream the teacher's own CSV through the loop (a new run with the current
    /// settings); a broken file is refused with its row and column named and
    /// nothing else changes.
    LoadCsv(String),
    /// Go back to the synthetic drifting stream.
    UseSyntheticData,
}

/// A finished cycle as it looked, for the rewind timeline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CycleView {
    /// Its record (table, tracker, decision, batch).
    pub record: CycleRecord,
    /// The regions of the version live when it started, if still kept.
    pub live_grid: Option<DecisionGrid>,
    /// Its line, for logistic regression.
    pub live_boundary: Option<LinearBoundary>,
    /// The regions of its candidate, if still kept.
    pub candidate_grid: Option<DecisionGrid>,
    /// Its line, for logistic regression.
    pub candidate_boundary: Option<LinearBoundary>,
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
    /// Fits timed per model (the figures are their medians).
    pub runs: u32,
}

/// The window sizes the page's "Measure training time" button times.
pub const MEASURED_ROWS: [usize; 4] = [1_000, 5_000, 10_000, 100_000];

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

/// How a [`Command::Configure`] was applied, so the page can say so.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConfigEffect {
    /// The run restarted at v1 (seed, model or tree depth changed).
    Restarted,
    /// Applied now (between cycles).
    AppliedNow,
    /// Applies when the next cycle starts.
    AppliesNextCycle,
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
    /// Counts since the start of the run.
    pub totals: Totals,
    /// This cycle's decision, once the step that decides it ran (3, 4 or 6;
    /// step 7 carries it out).
    pub outcome: Option<Outcome>,
    /// The newest batch (the initial data before cycle 1).
    pub batch: Batch,
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
    /// The last training measurement, if one was asked for.
    pub training_timings: Vec<TrainingTiming>,
    /// The cycles that can be rewound to (first, last), if any.
    pub recorded_cycles: Option<(u32, u32)>,
    /// The rewound cycle being viewed, if any.
    pub view: Option<CycleView>,
    /// The last comparison asked for.
    pub comparison: Option<Comparison>,
    /// An export, only in the answer to [`Command::Export`].
    pub export: Option<ExportFiles>,
    /// The teacher's own data streamed, described (None = the synthetic stream).
    pub user_data: Option<String>,
    /// How the last Configure applied.
    pub config_effect: Option<ConfigEffect>,
    /// The run is stuck below the threshold with a drift detector that sees
    /// nothing new (the page explains why and offers the fixes).
    #[serde(default)]
    pub stall: Option<Stall>,
    /// A problem with the last command, in words; the run is unchanged by it.
    pub error: Option<String>,
}

impl Snapshot {
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
        }
    }
}

/// Owns one run and answers commands.
#[derive(Clone, Debug)]
pub struct Engine {
    sim: Simulation,
    viewing: Option<u32>,
    comparing: Option<(u32, u32)>,
    race: Option<PolicyRace>,
    timings: Vec<TrainingTiming>,
    /// A millisecond clock, injected where one exists (the core never asks the
    /// browser for the time itself).
    clock: Option<fn() -> f64>,
}

impl Engine {
    /// Starts with `params`; if they are invalid, starts with the defaults and
    /// returns the reason too, so the page can say why.
    pub fn new(params: SimParams) -> (Engine, Option<String>) {
        match Simulation::from_params(params) {
            Ok(sim) => (Engine::around(sim), None),
            Err(e) => {
                let fallback = Simulation::from_params(SimParams::default())
                    .expect("the default parameters always start a run");
                (
                    Engine::around(fallback),
                    Some(format!("{e}; using the defaults")),
                )
            }
        }
    }

    fn around(sim: Simulation) -> Engine {
        Engine {
            sim,
            viewing: None,
            comparing: None,
            race: None,
            timings: Vec::new(),
            clock: None,
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
                let n = n.clamp(super::train::MIN_TRAIN_ROWS, super::params::MAX_WINDOW_ROWS);
                let data = super::stream::generate_batch(
                    &mut super::stream::rng_from_seed(params.seed),
                    0,
                    n,
                    &super::drift::DriftState::none(0),
                    params.label_noise,
                );
                let runs = measure_runs(n);
                let time = |kind| {
                    // One untimed fit first (caches, allocator), then the median.
                    let _ = super::train::train(kind, params.tree_max_depth, &data);
                    let times = (0..runs)
                        .map(|_| {
                            let t0 = now();
                            // A failed fit still took its time; it is reported.
                            let _ = super::train::train(kind, params.tree_max_depth, &data);
                            now() - t0
                        })
                        .collect();
                    median_of(times)
                };
                TrainingTiming {
                    rows: n,
                    logistic_ms: time(super::params::ModelKind::LogisticRegression),
                    tree_ms: time(super::params::ModelKind::DecisionTree),
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
        let mut summary = vec![
            format!(
                "Data: v{a} trained on {}; v{b} on {}.",
                va.window.describe(),
                vb.window.describe()
            ),
            format!(
                "Accuracy when each was judged: v{a} {} (cycle {}), v{b} {} (cycle {}). \
                 These were measured on different hold-out rows, so their difference is not a paired comparison.",
                super::wording::version_score_text(&va),
                va.trained_in_cycle,
                super::wording::version_score_text(&vb),
                vb.trained_in_cycle,
            ),
            format!(
                "Status: v{a} {}, v{b} {}.",
                va.status.label(),
                vb.status.label()
            ),
        ];
        if let (Some(sa), Some(sb)) = (sim.score_on_newest(a), sim.score_on_newest(b)) {
            let (ta, tb) = super::wording::format_pair(sa.accuracy, sb.accuracy);
            let diff = sb.accuracy - sa.accuracy;
            summary.push(format!(
                "On the same rows (the newest batch's {} hold-out rows): v{a} {ta}, v{b} {tb}; \
                 v{b} is {} by {:.1} percentage points.",
                sa.rows,
                if diff >= 0.0 { "ahead" } else { "behind" },
                diff.abs() * 100.0
            ));
        }
        summary.push(match disagreement {
            Some(d) => format!(
                "Boundary: they predict differently on {:.0}% of the view.",
                d * 100.0
            ),
            None => "Boundary: an older model is no longer kept, so its boundary cannot be drawn."
                .into(),
        });
        Some(Comparison {
            boundary_a: sim.boundary_of(a),
            boundary_b: sim.boundary_of(b),
            a: va,
            b: vb,
            disagreement,
            summary,
        })
    }

    /// The run.
    pub fn simulation(&self) -> &Simulation {
        &self.sim
    }

    /// Runs one command and returns the snapshot after it.
    pub fn handle(&mut self, command: Command) -> Snapshot {
        let started = self.clock.map(|now| now());
        let exporting = command == Command::Export;
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
        let mut effect = None;
        let mut error = None;
        match command {
            Command::Start(params) => {
                let clock = self.clock;
                let (engine, problem) = Engine::new(params);
                *self = engine;
                self.clock = clock;
                error = problem;
            }
            Command::ViewCycle(cycle) => match cycle {
                Some(c) if self.sim.record_of(c).is_none() => {
                    error = Some(format!(
                        "Cycle {c} is not recorded (the newest {} cycles are kept).",
                        super::history::MAX_RECORDS
                    ));
                }
                other => self.viewing = other,
            },
            Command::Compare(a, b) => {
                let reg = self.sim.registry();
                match (reg.get(a), reg.get(b)) {
                    (Some(_), Some(_)) => self.comparing = Some((a.min(b), a.max(b))),
                    _ => {
                        error = Some(format!(
                            "Cannot compare v{a} and v{b}: both must be in the registry."
                        ))
                    }
                }
            }
            Command::Export => {}
            Command::LoadCsv(text) => match parse_csv(&text) {
                Ok(data) => {
                    let data = Arc::new(StandardizedData::new(data));
                    match Simulation::with_data(self.current_valid(), Some(data)) {
                        Ok(sim) => self.sim = sim,
                        Err(e) => error = Some(format!("Your data could not start a run: {e}")),
                    }
                }
                Err(e) => {
                    error = Some(format!(
                        "Your CSV was not loaded: {e}. Nothing else changed."
                    ))
                }
            },
            Command::UseSyntheticData => match Simulation::new(self.current_valid()) {
                Ok(sim) => self.sim = sim,
                Err(e) => error = Some(e.to_string()),
            },
            Command::MeasureTraining(rows) => {
                let rows: Vec<usize> = rows.into_iter().take(8).collect();
                self.timings = self.measure(&rows);
            }
            Command::Configure(params) => match self.configure(params) {
                Ok(e) => effect = Some(e),
                Err(e) => error = Some(e.to_string()),
            },
            Command::Step => {
                self.sim.step();
            }
            Command::Run(n) => {
                for _ in 0..n.min(MAX_STEPS_PER_COMMAND) {
                    self.sim.step();
                }
            }
            Command::FinishCycle => {
                self.sim.finish_cycle();
            }
            Command::Reset => {
                let data = self.sim.user_data().cloned();
                match Simulation::with_data(self.current_valid(), data) {
                    Ok(sim) => self.sim = sim,
                    Err(e) => error = Some(e.to_string()),
                }
            }
            Command::InjectFault(fault) => self.sim.inject_fault(fault),
            Command::Rollback(version) => {
                if let Err(e) = self.sim.rollback(version) {
                    error = Some(format!("Rollback refused: {e}"));
                }
            }
            Command::RunPolicyRace(cycles) => match policy_race(&self.current_params(), cycles) {
                Ok(race) => self.race = Some(race),
                Err(e) => error = Some(e.to_string()),
            },
        }
        let mut snap = self.snapshot();
        if exporting {
            snap.export = Some(ExportFiles {
                cycles_csv: cycles_csv(self.sim.summaries()),
                trace_json: trace_json(self.sim.params(), self.sim.records()),
            });
        }
        snap.config_effect = effect;
        snap.error = error;
        snap.engine_ms = self.clock.zip(started).map(|(now, t0)| now() - t0);
        snap
    }

    /// [`Engine::current_params`], checked (they always passed once; the
    /// defaults are the fallback).
    fn current_valid(&self) -> super::params::ValidParams {
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

    /// The snapshot of the current state.
    pub fn snapshot(&self) -> Snapshot {
        let sim = &self.sim;
        let judging = matches!(
            sim.rows().last().map(|r| r.kind),
            Some(StepKind::Train | StepKind::Evaluate | StepKind::CheckPerformance)
        );
        let candidate = sim.candidate().filter(|_| judging);
        Snapshot {
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
            totals: sim.totals(),
            outcome: sim.outcome().cloned(),
            batch: sim.newest_batch().clone(),
            drift: *sim.drift(),
            live_grid: sim.grid_of(sim.live_version()),
            live_boundary: sim.boundary_of(sim.live_version()),
            candidate_grid: candidate.and_then(|v| sim.grid_of(v)),
            candidate_boundary: candidate.and_then(|v| sim.boundary_of(v)),
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
            training_timings: self.timings.clone(),
            recorded_cycles: sim
                .records()
                .front()
                .zip(sim.records().back())
                .map(|(a, b)| (a.cycle, b.cycle)),
            view: self.viewing.and_then(|c| {
                let record = sim.record_of(c)?.clone();
                let cand = record.candidate;
                Some(CycleView {
                    live_grid: sim.grid_of(record.live_before),
                    live_boundary: sim.boundary_of(record.live_before),
                    candidate_grid: cand.and_then(|v| sim.grid_of(v)),
                    candidate_boundary: cand.and_then(|v| sim.boundary_of(v)),
                    record,
                })
            }),
            comparison: self.comparing.and_then(|(a, b)| self.compare(a, b)),
            export: None,
            user_data: sim.user_data().map(|d| d.summary.clone()),
            config_effect: None,
            stall: stall(sim.summaries(), sim.params()),
            error: None,
        }
    }
}

// Native only: the core is tested natively (proptest and approx are native dev-dependencies).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::params::ModelKind;

    #[test]
    fn invalid_start_falls_back_to_defaults_with_a_reason() {
        let (engine, why) = Engine::new(SimParams::default().threshold(2.0));
        assert!(why.unwrap().contains("Deploy threshold"));
        assert_eq!(engine.simulation().params(), &SimParams::default());
    }

    #[test]
    fn invalid_configure_changes_nothing() {
        let (mut engine, _) = Engine::new(SimParams::default());
        engine.handle(Command::Run(3));
        let before = engine.snapshot();
        let after = engine.handle(Command::Configure(SimParams::default().label_noise(0.9)));
        assert!(after.error.unwrap().contains("Label noise"));
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
        assert!(snap.error.unwrap().contains("Batch size"));
        assert_eq!(snap.params, SimParams::default());
    }

    #[test]
    fn training_is_timed_only_with_a_clock() {
        fn fake_clock() -> f64 {
            use std::sync::atomic::{AtomicU64, Ordering};
            static T: AtomicU64 = AtomicU64::new(0);
            T.fetch_add(5, Ordering::Relaxed) as f64
        }
        let (mut engine, _) = Engine::new(SimParams::default());
        let snap = engine.handle(Command::MeasureTraining(vec![1000]));
        assert!(snap.training_timings.is_empty());
        assert_eq!(snap.engine_ms, None);
        engine.set_clock(fake_clock);
        let snap = engine.handle(Command::MeasureTraining(vec![1000, 5000]));
        let rows: Vec<usize> = snap.training_timings.iter().map(|t| t.rows).collect();
        assert_eq!(rows, [1000, 5000]);
        assert!(snap
            .training_timings
            .iter()
            .all(|t| t.logistic_ms == 5.0 && t.tree_ms == 5.0 && t.runs == 7));
        assert!(snap.engine_ms.unwrap() > 0.0);
        assert_eq!(measure_runs(100_000), 3);
    }

    #[test]
    fn rewind_compare_and_export() {
        let (mut engine, _) = Engine::new(SimParams::default());
        engine.handle(Command::Run(8 * 3));
        let snap = engine.handle(Command::ViewCycle(Some(2)));
        assert_eq!(snap.recorded_cycles, Some((1, 3)));
        let view = snap.view.unwrap();
        assert_eq!(view.record.cycle, 2);
        assert!(view.live_grid.is_some());
        let snap = engine.handle(Command::ViewCycle(Some(9)));
        assert!(snap.error.unwrap().contains("Cycle 9 is not recorded"));
        let snap = engine.handle(Command::Step);
        assert!(snap.view.is_none(), "stepping returns to the live run");
        let snap = engine.handle(Command::Compare(3, 2));
        let c = snap.comparison.unwrap();
        assert_eq!((c.a.version, c.b.version), (2, 3));
        assert!(c.disagreement.unwrap() < 0.5);
        assert!(c.summary[0].starts_with("Data: v2 trained on"));
        let snap = engine.handle(Command::Export);
        let files = snap.export.unwrap();
        assert_eq!(files.cycles_csv.lines().count(), 4);
        assert!(files.trace_json.contains("\"rows\""));
        assert!(engine.handle(Command::Step).export.is_none());
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
        let err = snap.error.unwrap();
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
    fn snapshots_and_commands_round_trip_through_json() {
        let (mut engine, _) = Engine::new(SimParams::default());
        let snap = engine.handle(Command::Run(9));
        let text = serde_json::to_string(&snap).unwrap();
        let back: Snapshot = serde_json::from_str(&text).unwrap();
        assert!(back == snap, "snapshot changed in a JSON round trip");
        let cmd = Command::Configure(SimParams::default());
        let back: Command = serde_json::from_str(&serde_json::to_string(&cmd).unwrap()).unwrap();
        assert_eq!(back, cmd);
    }
}
