//! Model versions in words: training windows, registry events, scores when judged, two versions compared.

use super::numbers::format_pair;
use super::numbers::format_score;
use crate::sim::english::group_thousands;
use crate::sim::ml::evaluate::Scores;
use crate::sim::retraining::registry::{
    ModelVersion, RegistryEvent, RegistryEventKind, VersionStatus, WindowInfo,
};

/// For example "cycles 2–4 (1,050 rows)" or "initial data (350 rows)".
pub fn window_text(w: &WindowInfo) -> String {
    let rows = group_thousands(w.rows);
    if w.last_cycle == 0 {
        format!("initial data ({rows} rows)")
    } else if w.first_cycle == w.last_cycle {
        format!("cycle {} ({rows} rows)", w.last_cycle)
    } else {
        format!("cycles {}–{} ({rows} rows)", w.first_cycle, w.last_cycle)
    }
}

/// For example "cycle 4: v2 rolled back, replacing v4".
pub fn registry_event_text(e: &RegistryEvent) -> String {
    let from = e
        .from
        .map_or(String::new(), |f| format!(", replacing v{f}"));
    match e.kind {
        RegistryEventKind::Deployed => {
            format!("cycle {}: v{} deployed{from}", e.cycle, e.to)
        }
        RegistryEventKind::RolledBack => {
            format!("cycle {}: rolled back to v{}{from}", e.cycle, e.to)
        }
    }
}

/// The comparison panel's sentences about versions `va` and `vb`: their data,
/// their scores when judged, their status, their scores on the same newest
/// rows (`same_rows`, when both can still be scored) and how much of the view
/// their boundaries disagree on.
pub fn comparison_summary(
    va: &ModelVersion,
    vb: &ModelVersion,
    same_rows: Option<(Scores, Scores)>,
    disagreement: Option<f64>,
) -> Vec<String> {
    let (a, b) = (va.version, vb.version);
    let mut summary = vec![
        format!(
            "Data: v{a} trained on {}; v{b} on {}.",
            window_text(&va.window),
            window_text(&vb.window)
        ),
        format!(
            "Accuracy when each was judged: v{a} {} (cycle {}), v{b} {} (cycle {}). \
             These were measured on different hold-out rows, so their difference is not a paired comparison.",
            version_score_text(va),
            va.trained_in_cycle,
            version_score_text(vb),
            vb.trained_in_cycle,
        ),
        format!(
            "Status: v{a} {}, v{b} {}.",
            va.status.label(),
            vb.status.label()
        ),
    ];
    if let Some((sa, sb)) = same_rows {
        let (ta, tb) = format_pair(sa.accuracy, sb.accuracy);
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
        None => {
            "Boundary: an older model is no longer kept, so its boundary cannot be drawn.".into()
        }
    });
    summary
}

/// A registry version's accuracy when it was judged, with the digits that
/// tell it apart from the threshold it was judged against ("—" for a
/// candidate not scored yet).
pub fn version_score_text(v: &ModelVersion) -> String {
    if v.status == VersionStatus::Candidate && v.scores.rows == 0 {
        return "—".to_string();
    }
    match v.judged_against {
        Some(t) => format_score(v.scores.accuracy, t),
        None => format!("{:.2}", v.scores.accuracy),
    }
}
