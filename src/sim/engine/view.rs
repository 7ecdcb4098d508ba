//! What the page draws of a rewound cycle, built in the engine so the page
//! draws what it receives: the live snapshot with the cycle's record (table,
//! tracker, decision, batch, boundaries) in place of the live run's, and the
//! counts, summaries and alerts as they stood at its end.

use crate::sim::engine::protocol::{ScatterFacts, Snapshot};
use crate::sim::ml::train::{DecisionGrid, LinearBoundary};
use crate::sim::retraining::history::CycleRecord;
use crate::sim::stream::BatchView;

/// A finished cycle as it looked: what the rewound view is built from.
#[derive(Clone, Debug, PartialEq)]
pub struct CycleView {
    /// Its record (table, tracker, decision, batch).
    pub record: CycleRecord,
    /// Its batch as the scatter draws it (at most [`SHOWN_POINTS`] points).
    pub batch: BatchView,
    /// The regions of the version live when it started, if still kept.
    pub live_grid: Option<DecisionGrid>,
    /// Its line, for logistic regression.
    pub live_boundary: Option<LinearBoundary>,
    /// The regions of its candidate, if still kept.
    pub candidate_grid: Option<DecisionGrid>,
    /// Its line, for logistic regression.
    pub candidate_boundary: Option<LinearBoundary>,
    /// The rules, v1 and the below-0.5 reason of its batch.
    pub scatter: ScatterFacts,
}

/// The snapshot of rewound cycle `view`, from the `live` one.
pub fn rewound(live: &Snapshot, view: &CycleView) -> Snapshot {
    let r = &view.record;
    let mut s = live.clone();
    s.viewing = None;
    s.rewound = None;
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
    s.estimate_alerts.retain(|a| a.cycle <= r.cycle);
    s.estimated = s
        .summaries
        .iter()
        .find(|x| x.cycle == r.cycle)
        .and_then(|x| x.estimated);
    s.input_drift = s
        .summaries
        .iter()
        .find(|x| x.cycle == r.cycle)
        .and_then(|x| x.input_drift);
    s
}
