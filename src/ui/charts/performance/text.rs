//! The performance chart's words: its text alternatives (the team's view
//! says only what the team can see) and the rows of its legend.

use super::super::look::Palette;
use super::super::{
    count_noun, forgotten_cycles, window_start, ChartText, Dash, Glyph, LegendEntry,
};
use crate::sim::engine::protocol::Snapshot;
use crate::sim::english::group_thousands;
use crate::sim::retraining::estimate_gap::estimate_gap;
use crate::sim::wording::{
    blind_spot_sentence, candidate_note, ceiling_sentence, estimate_sentence, format_score,
    format_threshold, sampling_band_sentence, team_accuracy_note,
};

use super::points::*;
use super::{deploys_and_alerts, ESTIMATE_WIDTH, EXPECTED_WIDTH, MAX_CYCLES_SHOWN, TRUTH_TINT};

/// The performance chart's text alternatives.
pub fn performance_text(s: &Snapshot) -> ChartText {
    if s.hides_truth() {
        return team_performance_text(s);
    }
    let Some(last) = s.summaries.last() else {
        let mut caption = format!(
            "No finished cycles yet: run a cycle to see performance. \
             A candidate is deployed only if it scores above the threshold {}.",
            format_threshold(s.params.threshold)
        );
        if let Some(best) = s.best_possible {
            caption.push(' ');
            caption.push_str(&ceiling_sentence(best, s.params.threshold));
        }
        return ChartText {
            aria_label: "Accuracy per cycle: empty until the first cycle finishes.".into(),
            caption,
        };
    };
    let n = s.summaries.len() + forgotten_cycles(s);
    let t = last.threshold;
    let score = |v: f64| format_score(v, t);
    let (deploys, alerts) = deploys_and_alerts(s);
    let tally = format!(
        "{}, {}",
        count_noun(deploys, "deploy", "deploys"),
        count_noun(alerts, "alert", "alerts")
    );
    let candidate = candidate_note(last);
    let mut caption = format!(
        "Cycle {}: live model v{} {} on new data, v1 {}, threshold {}; {candidate}. \
         Over {}: {tally}.",
        last.cycle,
        last.live_before,
        score(last.live_score),
        score(last.v1_score),
        format_threshold(t),
        count_noun(n, "cycle", "cycles"),
    );
    if let Some(best) = last.best_possible {
        caption.push(' ');
        caption.push_str(&ceiling_sentence(best, t));
    }
    let shown = &s.summaries[window_start(s.summaries.len(), MAX_CYCLES_SHOWN)..];
    let blind_spot = labels_late(shown).then(|| {
        let measured = shown
            .iter()
            .rev()
            .find_map(|c| c.measured)
            .map(|m| (m.on_cycle, m.score));
        blind_spot_sentence(last.label_delay, measured, (last.cycle, last.live_score), t)
    });
    if let Some(b) = &blind_spot {
        caption.push(' ');
        caption.push_str(b);
    }
    let estimate = labels_late(shown)
        .then(|| estimate_gap(shown, s.params.drift_kind, s.params.model))
        .flatten()
        .map(|g| estimate_sentence(&g));
    if let Some(e) = &estimate {
        caption.push(' ');
        caption.push_str(e);
    }
    if n > MAX_CYCLES_SHOWN {
        caption.push_str(&format!(
            " The chart shows the last {} of {} cycles.",
            group_thousands(MAX_CYCLES_SHOWN),
            group_thousands(n)
        ));
    }
    let band = sampling_band_sentence(shown, labels_late(shown));
    if let Some(b) = &band {
        caption.push(' ');
        caption.push_str(b);
    }
    let best = last
        .best_possible
        .map(|b| format!(" (the best possible is {})", score(b)))
        .unwrap_or_default();
    let aria = format!(
        "Accuracy per cycle over {}: at cycle {} the live model scored {} on new data \
         against a threshold of {}{best}, with {tally}.",
        count_noun(n, "cycle", "cycles"),
        last.cycle,
        score(last.live_score),
        format_threshold(t),
    );
    let lines = (labels_late(shown) && !estimated_points(shown).is_empty()).then(|| {
        "Three lines for the live model: measured once labels came in (solid blue), estimated \
         before they did from its own confidence (dashed ochre), and true, which only the \
         simulator knows (dotted, faint blue)."
            .to_string()
    });
    let aria_label = [Some(aria), lines, blind_spot, estimate, band]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    ChartText {
        aria_label,
        caption,
    }
}

/// The performance chart's text alternatives in the team's view: only what
/// the team measured and estimated, never the true or best possible score.
pub(super) fn team_performance_text(s: &Snapshot) -> ChartText {
    let t = s.params.threshold;
    let Some(last) = s.summaries.last() else {
        return ChartText {
            aria_label: "Accuracy per cycle: empty until the first cycle finishes.".into(),
            caption: format!(
                "No finished cycles yet: run a cycle to see performance. A candidate is deployed \
                 only if it scores above the threshold {}. {}",
                format_threshold(t),
                team_accuracy_note(false)
            ),
        };
    };
    let shown = &s.summaries[window_start(s.summaries.len(), MAX_CYCLES_SHOWN)..];
    let late = labels_late(shown);
    let score = |v: f64| format_score(v, t);
    let (deploys, alerts) = deploys_and_alerts(s);
    let n = s.summaries.len() + forgotten_cycles(s);
    let tally = format!(
        "{}, {}",
        count_noun(deploys, "deploy", "deploys"),
        count_noun(alerts, "alert", "alerts")
    );
    let measured = match shown.iter().rev().find_map(|c| c.measured) {
        Some(m) => format!(
            "the live model's newest measured accuracy is {} (on the labels of cycle {})",
            score(m.score),
            m.on_cycle
        ),
        None => "no labels have come in yet, so nothing is measured".into(),
    };
    let estimated = last
        .estimated
        .map(|e| format!("; estimated before labels: {}", score(e.score)))
        .unwrap_or_default();
    let v1 = if late {
        String::new()
    } else {
        format!("; v1 {}", score(last.v1_score))
    };
    let summary = format!(
        "Cycle {}: {measured}{estimated}{v1}; threshold {}; {}. Over {}: {tally}.",
        last.cycle,
        format_threshold(t),
        candidate_note(last),
        count_noun(n, "cycle", "cycles"),
    );
    ChartText {
        aria_label: format!("Accuracy per cycle as the team sees it. {summary}"),
        caption: format!("{summary} {}", team_accuracy_note(late)),
    }
}

/// The legend's rows (the expected score's glyph is drawn on a patch of the
/// band: [`Glyph::Banded`]).
pub(super) fn legend(
    pal: &Palette,
    ceiling: bool,
    delayed: bool,
    band: bool,
    estimate: EstimateRows,
) -> Vec<LegendEntry> {
    let live = if delayed {
        "live, measured"
    } else {
        "live model\non new data"
    };
    let mut rows = vec![LegendEntry::new(
        Glyph::Line {
            color: pal.class0,
            width: 3,
            dash: Dash::Solid,
        },
        live,
    )];
    if delayed && estimate.line {
        rows.push(LegendEntry::new(
            Glyph::Line {
                color: pal.estimate,
                width: ESTIMATE_WIDTH,
                dash: Dash::Dashed,
            },
            "estimated, before\nlabels",
        ));
    }
    if delayed && estimate.alerts {
        rows.push(LegendEntry::new(
            Glyph::Ring {
                color: pal.estimate,
            },
            "estimate alert",
        ));
    }
    if delayed && !estimate.team {
        rows.push(LegendEntry::new(
            Glyph::Line {
                color: pal.tint(pal.class0, TRUTH_TINT),
                width: 2,
                dash: Dash::Dotted,
            },
            "true (only the\nsimulator knows)",
        ));
    }
    if band {
        rows.push(LegendEntry::new(
            Glyph::Banded {
                band: pal.class0,
                opacity: pal.class0_tint,
                color: pal.class0,
                width: EXPECTED_WIDTH,
                dash: Dash::Dashed,
            },
            "expected, ± luck",
        ));
    }
    if !(delayed && estimate.team) {
        rows.push(LegendEntry::new(
            Glyph::Line {
                color: pal.muted,
                width: 2,
                dash: Dash::Dashed,
            },
            "v1, never\nretrained",
        ));
    }
    rows.extend([
        LegendEntry::new(
            Glyph::Dot {
                fill: pal.purple,
                rim: pal.ink,
            },
            "candidate",
        ),
        LegendEntry::new(
            Glyph::Triangle {
                fill: pal.deploy,
                rim: pal.deploy_rim,
            },
            "deployed",
        ),
        LegendEntry::new(
            Glyph::Cross {
                color: pal.vermillion,
            },
            "alert",
        ),
        LegendEntry::new(
            Glyph::Step {
                color: pal.ink,
                width: 2,
            },
            "threshold",
        ),
    ]);
    if ceiling {
        rows.push(LegendEntry::new(
            Glyph::Line {
                color: pal.rule,
                width: 2,
                dash: Dash::Dotted,
            },
            "best possible\n(true rule)",
        ));
    }
    rows
}

/// Which of the estimate's legend rows to show: its line, and its alert ring.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct EstimateRows {
    pub(super) line: bool,
    pub(super) alerts: bool,
    /// The team's view: no row for what only the simulator knows (the true
    /// line, and v1's line while labels are late).
    pub(super) team: bool,
}
