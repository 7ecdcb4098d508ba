//! What the page draws of a rewound cycle, built in the engine so the page
//! draws what it receives: the live snapshot with the cycle's record (table,
//! tracker, decision, batch, boundaries) in place of the live run's, and the
//! counts, summaries and alerts as they stood at its end.

use crate::sim::engine::protocol::{CycleView, Snapshot};

/// The snapshot of rewound cycle `view`, from the `live` one.
pub fn rewound(live: &Snapshot, view: &CycleView) -> Snapshot {
    let r = &view.record;
    let mut s = live.clone();
    s.view = None;
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
    s
}
