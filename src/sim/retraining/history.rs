//! What a run remembers of its finished cycles: a summary per cycle for the
//! charts, full records of the newest cycles for rewinding and export, and
//! totals since the start. Long runs keep bounded memory; the totals count
//! everything.

use crate::sim::retraining::input_drift::InputDrift;
use serde::{Deserialize, Serialize};

use crate::sim::params::{DetectorKind, RetrainTrigger, SimParams, TrainingWindow};
use crate::sim::retraining::below_half::BelowHalf;
use crate::sim::retraining::cost::{Cost, RetrainCost};
use crate::sim::retraining::outcome::Outcome;
use crate::sim::retraining::registry::WindowInfo;
use crate::sim::retraining::steps::{StepRecord, Tracker};
use crate::sim::retraining::triggers::TriggerEval;
use crate::sim::retraining::validate::Fault;
use crate::sim::stream::drift::DriftState;
use crate::sim::stream::Batch;

/// How many finished cycles keep their full record (table, tracker, batch) for
/// rewinding and export; older ones keep only their [`CycleSummary`].
pub const MAX_RECORDS: usize = 200;
/// How many of the newest finished cycles keep their [`CycleSummary`], and how
/// many of the newest alerts, registry versions and registry events are kept:
/// long runs keep bounded memory (and bounded snapshots). [`Totals`] counts
/// everything since the start.
pub const HISTORY_CYCLES: usize = 300;
/// Points of each recorded batch kept for redrawing it (a stride subsample).
pub const RECORD_POINTS: usize = 600;

/// One finished cycle, for the charts and the history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CycleSummary {
    /// The cycle.
    pub cycle: u32,
    /// The drift its batch was drawn under.
    pub drift: DriftState,
    /// The version live when the batch arrived.
    pub live_before: u32,
    /// That version's accuracy on the new hold-out slice (how stale it was).
    pub live_score: f64,
    /// The never-retrained v1's accuracy on the same slice.
    pub v1_score: f64,
    /// The candidate, when one was trained.
    pub candidate: Option<u32>,
    /// Its accuracy on the same slice.
    pub candidate_score: Option<f64>,
    /// The version live after the cycle.
    pub live_after: u32,
    /// The threshold in force.
    pub threshold: f64,
    /// The training window.
    pub window: WindowInfo,
    /// What the trigger saw (none before the first batch).
    pub trigger: Option<TriggerEval>,
    /// A fault injected into this cycle's batch.
    pub fault: Option<Fault>,
    /// What the cycle decided.
    pub outcome: Outcome,
    /// The best accuracy any model could expect on its batch (the true rule's,
    /// at the label noise then); `None` on the teacher's own data, whose rule
    /// is unknown.
    #[serde(default)]
    pub best_possible: Option<f64>,
    /// What the team could measure this cycle from the labels that came in:
    /// the live model's accuracy on the newest labelled hold-out slice. With
    /// labels that arrive at once it is `live_score` on this cycle's batch;
    /// with a label delay it is about an older batch, or `None` while no
    /// labels came in. (`live_score` is the truth only the simulator knows.)
    #[serde(default)]
    pub measured: Option<Measured>,
    /// Cycles labels arrived late in this cycle.
    #[serde(default)]
    pub label_delay: u32,
    /// What the cycle's training cost, when it trained a candidate.
    #[serde(default)]
    pub retrain_cost: Option<RetrainCost>,
    /// What each model could expect to score on this cycle's batch, which
    /// only the simulator knows (synthetic stream only; `None` on real or
    /// own data, whose generating process is unknown).
    #[serde(default)]
    pub expected: Option<Expected>,
    /// What the team could estimate of the live model's accuracy on this
    /// cycle's batch from its inputs alone, before its labels came in
    /// (confidence-based, `ml::estimate`): recorded while labels arrive late
    /// (or the trigger reads it); `None` otherwise.
    #[serde(default)]
    pub estimated: Option<Estimated>,
    /// What the team could see of the inputs: the KS test per feature between
    /// the live model's training window and this cycle's batch (explained
    /// runs only; `None` in the race's runs).
    #[serde(default)]
    pub input_drift: Option<InputDrift>,
}

/// The live model's accuracy on a batch, estimated from the batch's inputs
/// alone (the mean calibrated confidence of its predictions), when the
/// batch arrived and its labels were not in yet. A fact the team has; beside
/// it, [`Measured`] is what labels later show and `live_score` (with
/// [`Expected::live`]) the truth only the simulator knows.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Estimated {
    /// The estimated accuracy.
    pub score: f64,
    /// The version it is about (live when the batch arrived).
    pub live: u32,
    /// That version's measured accuracy on the hold-out it was calibrated on,
    /// when it was trained: what the estimate is compared with for a drop.
    pub reference: f64,
    /// The drop that alerts the team, when the alert on an estimated drop is
    /// on (`SimParams::estimate_alert`).
    pub alert_drop: Option<f64>,
    /// The estimate fell at least `alert_drop` below `reference`, and the
    /// team was alerted this cycle.
    pub alerted: bool,
}

impl Estimated {
    /// How far the estimate is below the reference (negative: above it).
    pub fn drop(&self) -> f64 {
        self.reference - self.score
    }
}

/// The accuracies models can expect on one cycle's batch (averaged over every
/// hold-out slice the stream could have drawn), beside the hold-out size that
/// makes a measured score scatter around them.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Expected {
    /// The model live when the batch arrived.
    pub live: f64,
    /// The never-retrained v1.
    pub v1: f64,
    /// The candidate trained this cycle, if any.
    pub candidate: Option<f64>,
    /// Rows of the hold-out slice each score is measured on.
    pub holdout_rows: u32,
}

impl Expected {
    /// Half the band (two standard errors) in which a score measured on this
    /// cycle's hold-out falls about 95 % of the time around `expected`.
    pub fn band(&self, expected: f64) -> f64 {
        crate::sim::ml::truth::sampling_band(expected, self.holdout_rows as usize)
    }
}

/// An accuracy the team measured once labels came in.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Measured {
    /// The cycle of the batch whose labels it was measured on.
    pub on_cycle: u32,
    /// The accuracy.
    pub score: f64,
}

impl CycleSummary {
    /// True when the candidate was deployed.
    pub fn deployed(&self) -> bool {
        self.outcome.is_deploy()
    }

    /// True when a candidate was trained this cycle.
    pub fn retrained(&self) -> bool {
        self.candidate.is_some()
    }
}

/// Everything one finished cycle showed, kept for rewinding and export.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CycleRecord {
    /// The cycle.
    pub cycle: u32,
    /// Its process table (8 rows of typed facts).
    pub rows: Vec<StepRecord>,
    /// Its status tracker.
    pub tracker: Tracker,
    /// What it decided.
    pub outcome: Outcome,
    /// Its batch, subsampled to at most [`RECORD_POINTS`] rows.
    pub batch: Batch,
    /// The drift of that batch.
    pub drift: DriftState,
    /// The version live when the cycle started.
    pub live_before: u32,
    /// The candidate trained, if any.
    pub candidate: Option<u32>,
    /// The version live after it.
    pub live_after: u32,
    /// Why the version live when it started scored below 0.5 on its batch, if it did.
    #[serde(default)]
    pub below_half: Option<BelowHalf>,
}

/// Counts since the start of the run (the kept history is bounded by
/// [`HISTORY_CYCLES`], these are not).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    /// Finished cycles (counted by the simulation).
    pub cycles: u32,
    /// Cycles that trained a candidate (counted by the simulation).
    pub retrains: u32,
    /// Candidates deployed (counted by the simulation).
    pub deploys: u32,
    /// Alerts to the team (counted by the simulation).
    pub alerts: u32,
    /// Versions registered, v1 included (counted by the registry).
    pub versions: u32,
    /// Changes of the live version, deploys and rollbacks (counted by the registry).
    pub live_changes: u32,
    /// What every retrain so far cost together (counted by the simulation).
    #[serde(default)]
    pub cost: Cost,
    /// Alerts raised on an estimated drop, before labels arrived (counted by
    /// the simulation; the alert log lists them beside the cycles' alerts,
    /// which `alerts` counts).
    #[serde(default)]
    pub estimate_alerts: u32,
}

/// How many finished cycles in a row below the threshold, with a drift
/// detector that did not fire, count as a stall.
pub const STALL_CYCLES: u32 = 3;

/// A run stuck below the threshold while its only trigger is a drift
/// detector that does not fire, with the reason the run's own numbers show
/// ([`StallCause`]).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stall {
    /// The detector that keeps not firing.
    pub detector: DetectorKind,
    /// Why nothing retrains, and the numbers that show it.
    pub cause: StallCause,
    /// Finished cycles in a row below the threshold without retraining.
    pub cycles: u32,
    /// The live version, stuck.
    pub live: u32,
    /// Its accuracy on the newest batch.
    pub live_score: f64,
    /// The threshold.
    pub threshold: f64,
    /// The training window in force.
    pub window: TrainingWindow,
    /// The KS test's α in force (what "nothing new" means for it).
    #[serde(default = "default_ks_alpha")]
    pub ks_alpha: f64,
}

fn default_ks_alpha() -> f64 {
    crate::sim::retraining::triggers::KS_ALPHA
}

/// Why a stalled run does not retrain. Only a detection at a real drift tells
/// the drift story; otherwise the cause names what the numbers show.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum StallCause {
    /// The threshold is at or above the best accuracy any model can expect on
    /// the stuck cycles' batches (the true rule's, at the label noise): no
    /// candidate can pass it, whatever triggers retraining.
    ThresholdOutOfReach {
        /// The best accuracy any model can expect (the highest of the stuck cycles).
        best_possible: f64,
    },
    /// The detector fired while the stream had drifted; it has not fired
    /// since (ADWIN and Page-Hinkley: the error rate has stayed steady; KS:
    /// the inputs look like the live model's training rows).
    AfterDetection {
        /// The first cycle of the drift the detection fell in.
        drift_began_at_cycle: u32,
        /// The cycle the detector last fired.
        detected_at_cycle: u32,
    },
    /// The detector has not fired at a drift in the kept history.
    NoDetection {
        /// What the stream did, as far as the simulator knows.
        stream: StreamDrift,
        /// The last cycle the detector fired (while the stream had not
        /// drifted: a false alarm), if it did in the kept history.
        last_fired_at_cycle: Option<u32>,
        /// The first cycle of the kept history (1 unless a long run dropped
        /// older cycles, see [`HISTORY_CYCLES`]).
        watched_from_cycle: u32,
    },
}

/// What the stream did before a stall, as far as the simulator knows.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum StreamDrift {
    /// No cycle of the kept history drifted: the live model is as good as when
    /// it was trained, and the threshold is what it does not reach.
    None {
        /// The best accuracy any model can expect on the newest batch.
        best_possible: f64,
    },
    /// The newest drift began at this cycle.
    Since {
        /// That cycle.
        cycle: u32,
    },
    /// The data's labelling rule is unknown (a teacher's file, the weather),
    /// so whether it drifted cannot be said.
    Unknown,
}

/// A fix the stall notice offers; which ones depend on the cause.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum StallFix {
    /// A performance floor as a second trigger, in this run.
    PerformanceFloor,
    /// Start the run again training on the newest batch only: then the
    /// retrain at the detection learns the new data. (Changed mid-run, the
    /// window does nothing until the detector fires again.)
    RestartOnNewestBatch,
    /// A threshold below the best any model can expect.
    ReachableThreshold {
        /// The best any model can expect.
        below: f64,
    },
}

impl Stall {
    /// The fixes that would work for this cause (a floor never fixes a
    /// threshold out of reach: it would retrain every cycle and never pass).
    pub fn fixes(&self) -> Vec<StallFix> {
        match self.cause {
            StallCause::ThresholdOutOfReach { best_possible } => {
                vec![StallFix::ReachableThreshold {
                    below: best_possible,
                }]
            }
            StallCause::AfterDetection { .. } if self.window != TrainingWindow::NewestBatch => {
                vec![StallFix::PerformanceFloor, StallFix::RestartOnNewestBatch]
            }
            StallCause::AfterDetection { .. } | StallCause::NoDetection { .. } => {
                vec![StallFix::PerformanceFloor]
            }
        }
    }
}

/// The stall the newest cycles show, if any: the trigger is a drift detector
/// without the performance floor, and the last [`STALL_CYCLES`] or more cycles
/// kept a live model scoring below the threshold.
pub fn stall(summaries: &[CycleSummary], params: &SimParams) -> Option<Stall> {
    let RetrainTrigger::DriftDetected(detector) = params.trigger else {
        return None;
    };
    if params.performance_floor {
        return None;
    }
    let stuck = summaries
        .iter()
        .rev()
        .take_while(|s| {
            s.live_score < s.threshold
                && s.outcome.kind() == crate::sim::retraining::outcome::OutcomeKind::Kept
                // A detector waiting for late labels has not stalled: it has
                // not seen the errors yet.
                && !s.trigger.as_ref().is_some_and(|t| {
                    matches!(t.cause, crate::sim::retraining::triggers::TriggerCause::AwaitingLabels { .. })
                })
        })
        .count() as u32;
    let last = summaries.last()?;
    (stuck >= STALL_CYCLES).then(|| Stall {
        detector,
        cause: stall_cause(summaries, stuck as usize),
        cycles: stuck,
        live: last.live_after,
        live_score: last.live_score,
        threshold: last.threshold,
        window: params.window,
        ks_alpha: params.ks_alpha,
    })
}

/// Why the newest `stuck` cycles of `summaries` (not empty) stalled, from
/// what the run recorded: the threshold against the best possible score, the
/// detector's firings and the stream's drift (known on the synthetic stream
/// only, where the best possible score is known too).
fn stall_cause(summaries: &[CycleSummary], stuck: usize) -> StallCause {
    let newest = &summaries[summaries.len() - stuck..];
    let out_of_reach = newest
        .iter()
        .all(|s| s.best_possible.is_some_and(|b| s.threshold >= b));
    let best = |s: &CycleSummary| s.best_possible.unwrap_or(1.0);
    if out_of_reach {
        return StallCause::ThresholdOutOfReach {
            best_possible: newest.iter().map(best).fold(0.0, f64::max),
        };
    }
    let rule_known = newest.iter().all(|s| s.best_possible.is_some());
    let drifted = |s: &CycleSummary| rule_known && s.drift.effective > 0.0;
    // The first cycle of the drift that the cycle at index `i` falls in.
    let drift_began = |i: usize| {
        let start = summaries[..i]
            .iter()
            .rposition(|s| !drifted(s))
            .map_or(0, |j| j + 1);
        summaries[start].cycle
    };
    let fired = summaries.iter().rposition(|s| {
        s.trigger
            .as_ref()
            .is_some_and(|t| t.fired && !t.cause_is_floor())
    });
    match fired {
        Some(i) if drifted(&summaries[i]) => StallCause::AfterDetection {
            drift_began_at_cycle: drift_began(i),
            detected_at_cycle: summaries[i].cycle,
        },
        _ => StallCause::NoDetection {
            stream: match summaries.iter().rposition(drifted) {
                _ if !rule_known => StreamDrift::Unknown,
                Some(i) => StreamDrift::Since {
                    cycle: drift_began(i),
                },
                None => StreamDrift::None {
                    best_possible: best(&summaries[summaries.len() - 1]),
                },
            },
            last_fired_at_cycle: fired.map(|i| summaries[i].cycle),
            watched_from_cycle: summaries[0].cycle,
        },
    }
}

/// Drops the oldest items so that at most `cap` remain.
pub fn keep_newest<T>(items: &mut Vec<T>, cap: usize) {
    if items.len() > cap {
        items.drain(..items.len() - cap);
    }
}

/// Keeps every `stride`-th row so that at most `cap` remain.
pub fn subsample(batch: &Batch, cap: usize) -> Batch {
    let stride = batch.len().div_ceil(cap.max(1)).max(1);
    Batch {
        cycle: batch.cycle,
        x: batch.x.iter().step_by(stride).copied().collect(),
        y: batch.y.iter().step_by(stride).copied().collect(),
    }
}
