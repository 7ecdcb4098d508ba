//! The policy race: the same seeded stream run under several retraining
//! policies side by side, to show which kind of automated retraining keeps a
//! model fresh and how many retrains each one costs.

use serde::{Deserialize, Serialize};

use crate::sim::retraining::cost::Cost;
use std::sync::Arc;

use crate::sim::params::{DetectorKind, RetrainTrigger, SimParams, DEFAULT_CRON};
use crate::sim::retraining::cycle::{SimError, Simulation};
use crate::sim::retraining::scorecard::Scorecard;
use crate::sim::retraining::sweep::{sensitivity_sweep, SensitivitySweep};
use crate::sim::stream::csv_data::{StandardizedData, Streaming};
use crate::sim::stream::drift_points::{drift_points, DriftPoint};

/// The most cycles one race may run (a bound on work per request).
pub const MAX_RACE_CYCLES: u32 = 200;
// Every raced cycle keeps its summary (the race reads them all).
const _: () = assert!(MAX_RACE_CYCLES as usize <= crate::sim::retraining::history::HISTORY_CYCLES);

/// A raced policy as typed facts: its trigger and, for a schedule, what it did
/// on the race's cycles. Its name is rendered in one place
/// (`wording::policy_name`), never stored as text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Policy {
    /// Named by its trigger: every cycle, a drift detector, a performance
    /// drop, never.
    Trigger(RetrainTrigger),
    /// A schedule, named by the cycles it really fired on.
    Schedule {
        /// Its cron expression.
        cron: String,
        /// The cycles it fired on, read as a cadence.
        cadence: Cadence,
        /// What one cycle of the race stands for.
        span: CycleSpan,
    },
}

impl Policy {
    /// The policy of `trigger`, which fired at `cadence` (a schedule's) on
    /// cycles that stand for `span`.
    pub fn of(trigger: &RetrainTrigger, cadence: Option<Cadence>, span: CycleSpan) -> Self {
        match (trigger, cadence) {
            (RetrainTrigger::Schedule(cron), Some(cadence)) => Policy::Schedule {
                cron: cron.clone(),
                cadence,
                span,
            },
            _ => Policy::Trigger(trigger.clone()),
        }
    }

    /// For a schedule, the cadence it fired at.
    pub fn cadence(&self) -> Option<Cadence> {
        match self {
            Policy::Schedule { cadence, .. } => Some(*cadence),
            Policy::Trigger(_) => None,
        }
    }
}

/// One policy's run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PolicyRun {
    /// The policy.
    pub policy: Policy,
    /// Its trigger.
    pub trigger: RetrainTrigger,
    /// The live model's accuracy on each cycle's new data (before that cycle's
    /// retraining): what users of the model experienced.
    pub accuracy: Vec<f64>,
    /// Cycles in which a candidate was trained.
    pub retrains: u32,
    /// Candidates deployed.
    pub deploys: u32,
    /// Alerts raised.
    pub alerts: u32,
    /// Mean of `accuracy`.
    pub mean_accuracy: f64,
    /// What all its retrains cost together.
    #[serde(default)]
    pub total_cost: Cost,
    /// Cycles in which the live model scored below the threshold on the new
    /// data (strictly below: a model at the threshold is not below it).
    #[serde(default)]
    pub below_threshold: u32,
    /// Its retrains against the known drift points (`None` on real or own
    /// data, whose drift points nobody knows).
    #[serde(default)]
    pub scorecard: Option<Scorecard>,
    /// The cycles it retrained in, ascending.
    #[serde(default)]
    pub retrained_in: Vec<u32>,
}

/// What one cycle of a race stands for, so that a policy's name can say what
/// it did in the terms of the data it ran on. A schedule always runs on the
/// simulated clock ([`SimParams::minutes_per_cycle`] a cycle), whatever a
/// batch holds: on a year of real days, "daily at midnight" fires every 4th
/// year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CycleSpan {
    /// The synthetic stream, whose only time is the simulated clock.
    SimulatedClock {
        /// Simulated minutes per cycle.
        minutes: u32,
    },
    /// Real history, one row a day ([`Streaming::History`]): a batch of days.
    Days {
        /// Days per batch (365: a year).
        days: usize,
        /// Simulated minutes per cycle, which the schedule still reads.
        clock_minutes: u32,
    },
    /// A teacher's file: a batch of rows, whatever they stand for.
    Rows {
        /// Simulated minutes per cycle, which the schedule still reads.
        clock_minutes: u32,
    },
}

impl CycleSpan {
    /// What a cycle of `params` on `data` (`None`: the synthetic stream) is.
    pub fn of(params: &SimParams, data: Option<&StandardizedData>) -> Self {
        let clock_minutes = params.minutes_per_cycle;
        match data.map(|d| d.streaming) {
            None => CycleSpan::SimulatedClock {
                minutes: clock_minutes,
            },
            Some(Streaming::History) => CycleSpan::Days {
                days: params.batch_size,
                clock_minutes,
            },
            Some(Streaming::WrapAround | Streaming::Ordered) => CycleSpan::Rows { clock_minutes },
        }
    }
}

/// When a policy's trigger fired over a race, as a pattern of cycles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cadence {
    /// It never fired.
    Never,
    /// It fired once.
    Once {
        /// The cycle.
        cycle: u32,
    },
    /// Every `every` cycles from cycle `first` to the end of the race.
    Every {
        /// Cycles between firings.
        every: u32,
        /// The first cycle it fired in.
        first: u32,
    },
    /// Some other pattern.
    Irregular {
        /// Firings.
        times: u32,
        /// Cycles raced.
        cycles: u32,
    },
}

impl Cadence {
    /// The cadence of firings in `fired` (ascending cycles, 1-based) over a
    /// race of `cycles` cycles: regular only when the gaps are all equal and
    /// no firing is missing at the end.
    pub fn of(fired: &[u32], cycles: u32) -> Self {
        match fired {
            [] => Cadence::Never,
            [cycle] => Cadence::Once { cycle: *cycle },
            [first, second, ..] => {
                let every = second - first;
                let last = fired[fired.len() - 1];
                let regular = fired.windows(2).all(|w| w[1] - w[0] == every);
                if regular && last + every > cycles {
                    Cadence::Every {
                        every,
                        first: *first,
                    }
                } else {
                    Cadence::Irregular {
                        times: fired.len() as u32,
                        cycles,
                    }
                }
            }
        }
    }
}

impl PolicyRun {
    /// Its place on the accuracy-against-cost chart.
    pub fn point(&self) -> PolicyPoint {
        PolicyPoint {
            policy: self.policy.clone(),
            mean_accuracy: self.mean_accuracy,
            total_cost: self.total_cost,
        }
    }
}

/// How close (in mean accuracy) a cheaper policy must come to retraining
/// every cycle to count as nearly as good.
pub const NEAR_ACCURACY_GAP: f64 = 0.02;

/// A policy's mean accuracy and what it spent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PolicyPoint {
    /// The policy.
    pub policy: Policy,
    /// Its mean accuracy over the race.
    pub mean_accuracy: f64,
    /// What its retrains cost together.
    pub total_cost: Cost,
}

/// What retraining every cycle bought, measured against the other policies.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum CostVerdict {
    /// `cheaper`, the cheapest policy that cost less than every cycle and
    /// scored no more than [`NEAR_ACCURACY_GAP`] below it (or above it), the
    /// most accurate of those at that cost.
    NearlyAsGood {
        /// That policy.
        cheaper: PolicyPoint,
    },
    /// Every policy that cost less scored more than [`NEAR_ACCURACY_GAP`]
    /// below every cycle; `best` is the most accurate of them.
    EveryCycleAhead {
        /// The most accurate cheaper policy.
        best: PolicyPoint,
    },
    /// No policy cost less than every cycle.
    NoneCheaper,
}

/// Retraining every cycle against the cheaper policies of one race.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CostComparison {
    /// Retraining every cycle.
    pub every: PolicyPoint,
    /// How the others compare.
    pub verdict: CostVerdict,
    /// The gap in force ([`NEAR_ACCURACY_GAP`]).
    pub gap: f64,
}

/// Compares the run that retrains every cycle with the cheaper runs (`None`
/// when no run retrains every cycle).
pub fn compare_costs(runs: &[PolicyRun]) -> Option<CostComparison> {
    let every = runs
        .iter()
        .find(|r| r.trigger == RetrainTrigger::EveryCycle)?
        .point();
    let cheaper: Vec<PolicyPoint> = runs
        .iter()
        .filter(|r| r.trigger != RetrainTrigger::EveryCycle && r.total_cost < every.total_cost)
        .map(PolicyRun::point)
        .collect();
    let more_accurate =
        |a: &&PolicyPoint, b: &&PolicyPoint| a.mean_accuracy.total_cmp(&b.mean_accuracy);
    let near = cheaper
        .iter()
        .filter(|p| p.mean_accuracy >= every.mean_accuracy - NEAR_ACCURACY_GAP)
        .min_by(|a, b| {
            a.total_cost
                .cmp(&b.total_cost)
                .then_with(|| more_accurate(b, a))
        });
    let verdict = match (near, cheaper.iter().max_by(more_accurate)) {
        (Some(p), _) => CostVerdict::NearlyAsGood { cheaper: p.clone() },
        (None, Some(best)) => CostVerdict::EveryCycleAhead { best: best.clone() },
        (None, None) => CostVerdict::NoneCheaper,
    };
    Some(CostComparison {
        every,
        verdict,
        gap: NEAR_ACCURACY_GAP,
    })
}

/// All policies' runs over the same stream.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PolicyRace {
    /// Cycles run.
    pub cycles: u32,
    /// One run per policy, in the order the page lists them.
    pub runs: Vec<PolicyRun>,
    /// Every cycle against the cheaper policies ([`compare_costs`]).
    #[serde(default)]
    pub costs: Option<CostComparison>,
    /// The fixed cost per retrain the race ran with (the settings may have
    /// changed since).
    #[serde(default)]
    pub fixed_cost: u32,
    /// The stream's known drift points in the race (`None` on real or own
    /// data).
    #[serde(default)]
    pub drift_points: Option<Vec<DriftPoint>>,
    /// The raced detector's sensitivity swept over the same stream (`None`
    /// on real or own data).
    #[serde(default)]
    pub sweep: Option<SensitivitySweep>,
}

/// The detector the race runs: the trigger's when it is a detector, else
/// ADWIN.
pub fn raced_detector(params: &SimParams) -> DetectorKind {
    match params.trigger {
        RetrainTrigger::DriftDetected(d) => d,
        _ => DetectorKind::default(),
    }
}

/// The policies raced: never, every cycle, the schedule, drift detected and
/// performance drop (the schedule and detector follow `params` when set
/// there), and while labels arrive late, the estimated drop (which acts on
/// the model's own confidence before they do).
pub fn race_policies(params: &SimParams) -> Vec<RetrainTrigger> {
    let schedule = match &params.trigger {
        RetrainTrigger::Schedule(c) => c.clone(),
        _ => DEFAULT_CRON.to_string(),
    };
    let detector = raced_detector(params);
    vec![
        RetrainTrigger::Never,
        RetrainTrigger::EveryCycle,
        RetrainTrigger::Schedule(schedule),
        RetrainTrigger::DriftDetected(detector),
        RetrainTrigger::PerformanceDrop,
    ]
    .into_iter()
    .chain((params.label_delay > 0).then_some(RetrainTrigger::EstimatedDrop))
    .collect()
}

/// Runs every policy of [`race_policies`] for `cycles` cycles (capped at
/// [`MAX_RACE_CYCLES`]) on the stream that `params` (seed, drift, noise, …) defines.
pub fn policy_race(params: &SimParams, cycles: u32) -> Result<PolicyRace, SimError> {
    policy_race_on(params, None, cycles)
}

/// [`policy_race`] on `data` when given (a teacher's file or real history,
/// from its first row), else on the synthetic stream. Real history ends: the
/// race then runs only the whole cycles the data holds (0 when it holds none
/// after the first batch).
pub fn policy_race_on(
    params: &SimParams,
    data: Option<Arc<StandardizedData>>,
    cycles: u32,
) -> Result<PolicyRace, SimError> {
    let mut cycles = cycles.clamp(1, MAX_RACE_CYCLES);
    let span = CycleSpan::of(params, data.as_deref());
    let mut runs = Vec::new();
    for trigger in race_policies(params) {
        let valid = params.clone().trigger(trigger.clone()).check()?;
        let mut sim = Simulation::with_data(valid, data.clone())?.without_explanations();
        if let Some(left) = sim.cycles_left() {
            cycles = cycles.min(left);
        }
        sim.finish_cycles(cycles);
        runs.push(PolicyRun::of(&sim, trigger, cycles, span));
    }
    // Only the synthetic stream's drift points are known.
    let points = data.is_none().then(|| drift_points(params, cycles));
    if let Some(points) = &points {
        for run in &mut runs {
            run.scorecard = Some(Scorecard::of(points, &run.retrained_in, cycles));
        }
    }
    let sweep = match &points {
        Some(points) => {
            let detector = raced_detector(params);
            let raced = runs
                .iter()
                .find(|r| r.trigger == RetrainTrigger::DriftDetected(detector))
                .and_then(|r| r.scorecard.as_ref());
            Some(sensitivity_sweep(params, detector, cycles, points, raced)?)
        }
        None => None,
    };
    let costs = compare_costs(&runs);
    Ok(PolicyRace {
        cycles,
        runs,
        costs,
        fixed_cost: params.retrain_fixed_cost,
        drift_points: points,
        sweep,
    })
}

impl PolicyRun {
    /// The run of `trigger` that `sim` finished over `cycles` cycles that
    /// stand for `span` (no scorecard yet).
    pub(crate) fn of(
        sim: &Simulation,
        trigger: RetrainTrigger,
        cycles: u32,
        span: CycleSpan,
    ) -> Self {
        // MAX_RACE_CYCLES ≤ HISTORY_CYCLES, so every cycle's summary is kept.
        let accuracy: Vec<f64> = sim.summaries().iter().map(|s| s.live_score).collect();
        let mean_accuracy = accuracy.iter().sum::<f64>() / accuracy.len().max(1) as f64;
        let below_threshold = sim
            .summaries()
            .iter()
            .filter(|s| s.live_score < s.threshold)
            .count() as u32;
        let totals = sim.totals();
        let cadence = matches!(trigger, RetrainTrigger::Schedule(_)).then(|| {
            let fired: Vec<u32> = sim
                .summaries()
                .iter()
                .filter(|s| s.trigger.as_ref().is_some_and(|t| t.fired))
                .map(|s| s.cycle)
                .collect();
            Cadence::of(&fired, cycles)
        });
        PolicyRun {
            policy: Policy::of(&trigger, cadence, span),
            trigger,
            retrains: totals.retrains,
            deploys: totals.deploys,
            alerts: totals.alerts,
            accuracy,
            mean_accuracy,
            total_cost: totals.cost,
            below_threshold,
            scorecard: None,
            retrained_in: sim
                .summaries()
                .iter()
                .filter(|s| s.retrained())
                .map(|s| s.cycle)
                .collect(),
        }
    }
}

// Native only: the core is tested natively (proptest and approx are native dev-dependencies).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::params::{DriftKind, DriftPattern};

    #[test]
    fn retraining_beats_never_retraining_under_concept_drift() {
        let p = SimParams::default()
            .drift_kind(DriftKind::Concept)
            .drift_pattern(DriftPattern::Incremental)
            .drift_strength(1.0)
            .drift_speed(0.3);
        let race = policy_race(&p, 24).unwrap();
        assert_eq!(race.runs.len(), 5);
        let never = &race.runs[0];
        let every = &race.runs[1];
        assert_eq!(never.retrains, 0);
        assert_eq!(every.retrains, 24);
        assert!(
            every.mean_accuracy > never.mean_accuracy + 0.2,
            "every {:.2} vs never {:.2}",
            every.mean_accuracy,
            never.mean_accuracy
        );
        for run in &race.runs[2..] {
            assert!(
                run.retrains < 24,
                "{:?} retrained {} times",
                run.policy,
                run.retrains
            );
            assert!(run.mean_accuracy > never.mean_accuracy, "{:?}", run.policy);
        }
    }

    /// The cycles a run of `params` on `data` retrained in over `cycles`,
    /// run apart from the race.
    fn retrain_cycles(
        params: &SimParams,
        data: Option<Arc<StandardizedData>>,
        cycles: u32,
    ) -> Vec<u32> {
        let mut sim = Simulation::with_data(params.clone().check().unwrap(), data).unwrap();
        sim.finish_cycles(cycles);
        sim.summaries()
            .iter()
            .filter(|s| s.retrained())
            .map(|s| s.cycle)
            .collect()
    }

    /// The race's schedule run, checked against a separate run of the same
    /// schedule: the cadence its name is built from is the one it retrained at.
    fn schedule_run(
        params: &SimParams,
        data: Option<Arc<StandardizedData>>,
        cycles: u32,
    ) -> (PolicyRun, Vec<u32>) {
        let race = policy_race_on(params, data.clone(), cycles).unwrap();
        let run = race
            .runs
            .into_iter()
            .find(|r| matches!(r.trigger, RetrainTrigger::Schedule(_)))
            .expect("a schedule runs in every race");
        let retrained = retrain_cycles(
            &params.clone().trigger(run.trigger.clone()),
            data,
            race.cycles,
        );
        assert_eq!(
            run.policy.cadence(),
            Some(Cadence::of(&retrained, race.cycles)),
            "{:?}",
            run.policy
        );
        assert_eq!(run.retrains as usize, retrained.len());
        (run, retrained)
    }

    #[test]
    fn a_schedule_fires_at_the_cadence_of_the_synthetic_clock() {
        // Its name is rendered from this cadence (wording::cost's tests).
        let every_nth =
            |n: u32, cycles: u32| (1..=cycles).filter(|c| c % n == 0).collect::<Vec<_>>();
        // Daily at midnight: every 4th cycle of 6 hours, every 2nd of 12, every one of 24.
        for (minutes, n) in [(360, 4), (720, 2), (1440, 1)] {
            let p = SimParams::default().minutes_per_cycle(minutes);
            let (run, retrained) = schedule_run(&p, None, 24);
            assert_eq!(
                run.policy,
                Policy::Schedule {
                    cron: DEFAULT_CRON.into(),
                    cadence: Cadence::Every { every: n, first: n },
                    span: CycleSpan::SimulatedClock { minutes },
                }
            );
            assert_eq!(retrained, every_nth(n, 24), "{minutes}");
        }
        // Noon: cycles 2, 6, 10, …
        let noon = SimParams::default().trigger(RetrainTrigger::Schedule("0 12 * * *".into()));
        let (run, retrained) = schedule_run(&noon, None, 12);
        assert_eq!(
            run.policy.cadence(),
            Some(Cadence::Every { every: 4, first: 2 })
        );
        assert_eq!(retrained, [2, 6, 10]);
        // Weekdays only: no regular gap to name.
        let weekdays = SimParams::default().trigger(RetrainTrigger::Schedule("0 0 * * 1-5".into()));
        let (run, retrained) = schedule_run(&weekdays, None, 40);
        assert_eq!(
            run.policy.cadence(),
            Some(Cadence::Irregular {
                times: retrained.len() as u32,
                cycles: 40
            })
        );
    }

    #[test]
    fn all_policies_see_the_same_stream() {
        let race = policy_race(&SimParams::default().drift_strength(0.0), 3).unwrap();
        // Without drift and before any retrain differs, cycle 1 is identical.
        let first: Vec<f64> = race.runs.iter().map(|r| r.accuracy[0]).collect();
        assert!(first.windows(2).all(|w| w[0] == w[1]), "{first:?}");
    }

    #[test]
    fn the_value_in_force_is_a_point_and_reuses_the_race_run() {
        let p = SimParams::default()
            .trigger(RetrainTrigger::DriftDetected(DetectorKind::KsTest))
            .ks_alpha(0.03);
        let race = policy_race(&p, 20).unwrap();
        let sweep = race.sweep.as_ref().expect("synthetic stream");
        assert_eq!(sweep.detector, DetectorKind::KsTest);
        assert_eq!(
            sweep.points.len(),
            crate::sim::retraining::sweep::KS_ALPHAS.len() + 1
        );
        let values: Vec<f64> = sweep.points.iter().map(|p| p.value).collect();
        assert!(values.windows(2).all(|w| w[0] < w[1]), "{values:?}");
        let raced = race
            .runs
            .iter()
            .find(|r| r.trigger == RetrainTrigger::DriftDetected(DetectorKind::KsTest))
            .unwrap();
        assert_eq!(
            sweep.current_point().map(|p| &p.scorecard),
            raced.scorecard.as_ref()
        );
    }
}
