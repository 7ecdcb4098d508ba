//! What a run remembers of its finished cycles: a summary per cycle for the
//! charts, full records of the newest cycles for rewinding and export, and
//! totals since the start. Long runs keep bounded memory; the totals count
//! everything.

use serde::{Deserialize, Serialize};

use super::below_half::BelowHalf;
use super::cost::{Cost, RetrainCost};
use super::drift::DriftState;
use super::outcome::Outcome;
use super::params::{DetectorKind, RetrainTrigger, SimParams, TrainingWindow};
use super::registry::WindowInfo;
use super::steps::{StepRecord, Tracker};
use super::stream::Batch;
use super::triggers::TriggerEval;
use super::validate::Fault;

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
}

/// How many finished cycles in a row below the threshold, with a drift
/// detector that did not fire, count as a stall.
pub const STALL_CYCLES: u32 = 3;

/// A run stuck below the threshold because its only trigger is a drift
/// detector that sees nothing new: the live model is bad, but steadily so.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stall {
    /// The detector that keeps not firing.
    pub detector: DetectorKind,
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
                && s.outcome.kind() == super::outcome::OutcomeKind::Kept
                // A detector waiting for late labels has not stalled: it has
                // not seen the errors yet.
                && !s.trigger.as_ref().is_some_and(|t| {
                    matches!(t.cause, super::triggers::TriggerCause::AwaitingLabels { .. })
                })
        })
        .count() as u32;
    let last = summaries.last()?;
    (stuck >= STALL_CYCLES).then_some(Stall {
        detector,
        cycles: stuck,
        live: last.live_after,
        live_score: last.live_score,
        threshold: last.threshold,
        window: params.window,
    })
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
