//! The scatter's words: its text alternatives (`aria-label` and caption) and
//! the rows of its legend, from the snapshot.

use super::super::look::Palette;
use super::super::{ChartText, Dash, Glyph, LegendEntry};
use super::{judged_candidate, live_is_tree, v1_shape, version, V1Shape};
use crate::sim::engine::protocol::Snapshot;
use crate::sim::english::group_thousands;
use crate::sim::stream::circle::CirclePhase;
use crate::sim::wording::{circle_caption, circle_legend, team_scatter_note};

/// The scatter's text alternatives.
pub fn scatter_text(s: &Snapshot) -> ChartText {
    let batch = &s.batch;
    let n = batch.rows;
    let which = if batch.cycle == 0 {
        "The initial data (cycle 0)".to_string()
    } else {
        format!("The newest batch (cycle {})", batch.cycle)
    };
    let live = format!("live model v{}", s.live_version);
    let candidate = judged_candidate(s);
    let cand_name = candidate.map(|v| format!("candidate{}", version(v)));

    let mut aria = if n == 0 {
        format!("Scatter plot of {}: no points yet", which.to_lowercase())
    } else {
        format!(
            "Scatter plot of {} with {} points by class",
            which.to_lowercase(),
            group_thousands(n)
        )
    };
    if s.live_grid.is_some() {
        aria.push_str(&format!(", over the {live}'s decision regions"));
    }
    if s.scatter.rules.is_some() {
        aria.push_str(", with the true labelling rule");
    }
    if let Some(c) = &s.scatter.circles {
        aria.push_str(match c.phase {
            CirclePhase::Before => ", with the true circle",
            CirclePhase::During => {
                ", with the circles before and after the drift, which is under way"
            }
            CirclePhase::After => ", with the true circle now and the one before the drift",
        });
    }
    if let Some(c) = &cand_name {
        aria.push_str(&format!(" and the {c}'s boundary"));
    }
    aria.push('.');

    let mut caption = if n == 0 {
        format!("{which} has no points yet.")
    } else if s.scatter.labels_pending {
        format!(
            "{which}: {} points in grey: their labels are not in yet (they arrive {} later), so \
             the team sees where the points are, not their classes.",
            group_thousands(n),
            crate::ui::charts::count_noun(s.params.label_delay as usize, "cycle", "cycles")
        )
    } else {
        let ones = batch.positives;
        format!(
            "{which}: {} points, {} of class 0 (blue circles) and {} of class 1 (orange triangles).",
            group_thousands(n),
            group_thousands(n - ones),
            group_thousands(ones)
        )
    };
    match (&s.live_grid, &s.live_boundary) {
        (Some(_), Some(_)) => caption.push_str(&format!(
            " Shading: where the {live} predicts each class; solid line: its decision boundary."
        )),
        (Some(_), None) => caption.push_str(&format!(
            " Shading: where the {live} predicts each class; solid outline: the edges of its \
             regions (a decision tree has no single boundary line)."
        )),
        (None, Some(_)) => {
            caption.push_str(&format!(" Solid line: the {live}'s decision boundary."))
        }
        (None, None) => {}
    }
    match s.scatter.rules {
        _ if s.scatter.circles.is_some() => {
            if let Some(c) = &s.scatter.circles {
                caption.push_str(&circle_caption(c));
            }
        }
        Some(rules) if rules.moved() => {
            let share = if rules.now.share < 0.995 {
                format!(
                    ", followed by {:.0}% of the newest points; the rest follow the original rule",
                    rules.now.share * 100.0
                )
            } else {
                String::new()
            };
            caption.push_str(&format!(
                " Green line with an arrow: the true labelling rule now (the arrow points to the \
                 class-1 side){share}; dashed green line with a thinner arrow: the rule before \
                 any drift."
            ));
        }
        Some(_) => caption.push_str(
            " Green line with an arrow: the true labelling rule, not moved by any drift so far \
             (the arrow points to the class-1 side).",
        ),
        None if s.hides_truth() => {
            caption.push(' ');
            caption.push_str(team_scatter_note());
        }
        None if s.weather.is_some() => caption.push_str(
            " Class 1: a day with rain. Real weather follows no known rule, so none is drawn.",
        ),
        None if s.user_data.is_some() => {
            caption.push_str(" The true rule of your data is unknown, so it is not drawn.")
        }
        None => {}
    }
    match v1_shape(s) {
        Some(V1Shape::Line(_)) => {
            caption.push_str(" Dotted grey line: v1's boundary (never retrained).")
        }
        Some(V1Shape::Edges(_)) => {
            caption.push_str(" Dotted grey outline: the edges of v1's regions (never retrained).")
        }
        None => {}
    }
    if let Some(c) = &cand_name {
        if s.candidate_boundary.is_some() {
            caption.push_str(&format!(" Dashed vermillion line: the {c}'s boundary."));
        } else {
            caption.push_str(&format!(
                " Vermillion outline: the edges of the {c}'s regions."
            ));
        }
    }
    let stride = batch.stride;
    if stride > 1 {
        caption.push_str(&format!(
            " Showing {} of {} points (every {}th).",
            group_thousands(batch.x.len()),
            group_thousands(n),
            stride
        ));
    }
    ChartText {
        aria_label: aria,
        caption,
    }
}

/// Legend rows for what is on the plot.
pub(super) fn legend(s: &Snapshot, pal: &Palette) -> Vec<LegendEntry> {
    let mut rows = if s.scatter.labels_pending {
        vec![LegendEntry::new(
            Glyph::Dot {
                fill: pal.muted,
                rim: pal.ink,
            },
            "new point\n(label not in)",
        )]
    } else {
        vec![
            LegendEntry::new(
                Glyph::Dot {
                    fill: pal.class0,
                    rim: pal.class0_rim,
                },
                "class 0",
            ),
            LegendEntry::new(
                Glyph::Triangle {
                    fill: pal.class1,
                    rim: pal.class1_rim,
                },
                "class 1",
            ),
        ]
    };
    let tree = live_is_tree(s);
    if s.live_grid.is_some() {
        rows.push(LegendEntry::new(
            Glyph::Regions {
                left: pal.tint(pal.class0, pal.class0_tint * 2.0),
                right: pal.tint(pal.class1, pal.class1_tint * 2.0),
            },
            format!("v{} predicts\n0 | 1", s.live_version),
        ));
    }
    if s.live_boundary.is_some() || tree {
        rows.push(LegendEntry::new(
            Glyph::Line {
                color: pal.ink,
                width: 3,
                dash: Dash::Solid,
            },
            format!(
                "live v{}{}",
                s.live_version,
                if tree { " edges" } else { "" }
            ),
        ));
    }
    if let Some(v) = judged_candidate(s) {
        let line = s.candidate_boundary.is_some();
        rows.push(LegendEntry::new(
            Glyph::Line {
                color: pal.vermillion,
                width: 3,
                dash: if line { Dash::Dashed } else { Dash::Solid },
            },
            format!(
                "candidate{}{}",
                version(v),
                if line { "" } else { " edges" }
            ),
        ));
    }
    if let Some(rules) = s.scatter.rules {
        let moved = rules.moved();
        rows.push(LegendEntry::new(
            Glyph::Arrow {
                color: pal.rule,
                width: 4,
            },
            if moved { "true rule now" } else { "true rule" },
        ));
        if moved {
            rows.push(LegendEntry::new(
                Glyph::Line {
                    color: pal.rule_before,
                    width: 2,
                    dash: Dash::Dashed,
                },
                "original rule",
            ));
        }
    }
    if let Some(c) = &s.scatter.circles {
        let (now, before) = circle_legend(c.phase);
        rows.push(LegendEntry::new(Glyph::Ring { color: pal.rule }, now));
        if let Some(before) = before {
            rows.push(LegendEntry::new(
                Glyph::Line {
                    color: pal.rule_before,
                    width: 2,
                    dash: Dash::Dashed,
                },
                before,
            ));
        }
    }
    match v1_shape(s) {
        Some(V1Shape::Line(_)) => rows.push(LegendEntry::new(
            Glyph::Line {
                color: pal.muted,
                width: 3,
                dash: Dash::Dotted,
            },
            "v1 boundary",
        )),
        Some(V1Shape::Edges(_)) => rows.push(LegendEntry::new(
            Glyph::Line {
                color: pal.muted,
                width: 3,
                dash: Dash::Dotted,
            },
            "v1 edges",
        )),
        None => {}
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    use crate::sim::params::{ModelKind, SimParams};
    use crate::sim::wording::below_half_sentence;
    use crate::ui::charts::snapshot_after;

    #[wasm_bindgen_test]
    fn caption_counts_classes_and_names_the_models() {
        let s = snapshot_after(SimParams::default(), 0);
        let t = scatter_text(&s);
        let ones = s.batch.positives;
        assert!(
            t.caption.starts_with(&format!(
                "The initial data (cycle 0): {} points, {} of class 0 (blue circles) and {} of class 1",
                group_thousands(s.batch.rows),
                group_thousands(s.batch.rows - ones),
                group_thousands(ones)
            )),
            "{}",
            t.caption
        );
        assert!(t.caption.contains("live model v1"), "{}", t.caption);
        assert!(!t.caption.contains("candidate"), "{}", t.caption);
        assert!(!t.caption.contains("Showing"), "{}", t.caption);
        assert!(t.aria_label.ends_with('.'), "{}", t.aria_label);
        // Step 4 trains a candidate: its boundary is described while it is judged.
        let s = snapshot_after(SimParams::default(), 4);
        let t = scatter_text(&s);
        assert!(
            t.caption
                .contains("Dashed vermillion line: the candidate v2's boundary."),
            "{}",
            t.caption
        );
    }

    fn labels(s: &Snapshot) -> Vec<String> {
        legend(s, &crate::ui::charts::look::LIGHT)
            .into_iter()
            .map(|e| e.label)
            .collect()
    }

    #[wasm_bindgen_test]
    fn the_true_rule_and_v1_are_drawn_and_named() {
        // Before any drift: one rule, and v1 is the live model.
        let s = snapshot_after(SimParams::default(), 0);
        assert_eq!(
            labels(&s),
            [
                "class 0",
                "class 1",
                "v1 predicts\n0 | 1",
                "live v1",
                "true rule"
            ]
        );
        assert!(
            scatter_text(&s)
                .caption
                .contains("the true labelling rule, not moved by any drift"),
            "{}",
            scatter_text(&s).caption
        );
        // Cycle 4 of the default run: the rule has turned 108°, v1 is not live.
        let s = snapshot_after(SimParams::default(), 8 * 4);
        assert_ne!(s.live_version, 1);
        let rules = s.scatter.rules.unwrap();
        assert!(rules.moved() && (rules.now.rotation_deg - 108.0).abs() < 1e-9);
        let l = labels(&s);
        for want in ["true rule now", "original rule", "v1 boundary"] {
            assert!(l.iter().any(|x| x == want), "{want} in {l:?}");
        }
        let t = scatter_text(&s);
        assert!(t
            .caption
            .contains("the true labelling rule now (the arrow points to the class-1 side)"));
        assert!(t
            .caption
            .contains("Dotted grey line: v1's boundary (never retrained)."));
        assert!(
            t.aria_label.contains("with the true labelling rule"),
            "{}",
            t.aria_label
        );
    }

    #[wasm_bindgen_test]
    fn a_tree_says_edges_for_lines() {
        let s = snapshot_after(
            SimParams::default()
                .model(ModelKind::DecisionTree)
                .drift_onset(1),
            8 * 3,
        );
        let l = labels(&s);
        if s.live_version != 1 {
            assert!(l.contains(&"v1 edges".to_string()), "{l:?}");
            assert!(s.scatter.v1_grid.is_some() && s.scatter.v1_boundary.is_none());
        }
        assert!(
            l.contains(&format!("live v{} edges", s.live_version)),
            "{l:?}"
        );
    }

    #[wasm_bindgen_test]
    fn a_stale_model_gets_its_reason_under_the_chart() {
        let never = SimParams::default()
            .drift_onset(1)
            .trigger(crate::sim::params::RetrainTrigger::Never);
        let s = snapshot_after(never, 8);
        let why = s
            .scatter
            .below_half
            .as_ref()
            .expect("v1 is backwards after a 108° turn");
        assert!(below_half_sentence(why).contains("turned 108° since v1's training data"));
        // A healthy model has none.
        assert!(snapshot_after(SimParams::default(), 8)
            .scatter
            .below_half
            .is_none());
    }

    #[wasm_bindgen_test]
    fn trees_get_an_outline_and_big_batches_a_sample_note() {
        let s = snapshot_after(SimParams::default().model(ModelKind::DecisionTree), 4);
        assert!(s.candidate_grid.is_some() && s.candidate_boundary.is_none());
        let t = scatter_text(&s);
        assert!(t.caption.contains("Vermillion outline"), "{}", t.caption);
        assert!(
            t.caption.contains("solid outline: the edges of its regions (a decision tree has no single boundary line)"),
            "{}",
            t.caption
        );
        // A 20,000-row batch arrives as the engine's sample of it.
        let s = snapshot_after(SimParams::default().batch_size(20_000), 8);
        assert_eq!(
            (s.batch.rows, s.batch.stride, s.batch.x.len()),
            (20_000, 14, 1_429)
        );
        let t = scatter_text(&s);
        assert!(
            t.caption
                .ends_with("Showing 1,429 of 20,000 points (every 14th)."),
            "{}",
            t.caption
        );
    }
}
