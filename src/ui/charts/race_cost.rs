//! The policy race's price: each policy's mean accuracy against what its
//! retrains cost in all, one labelled point per policy, in the colours of the
//! race chart's lines. The race table lists the same numbers for screen
//! readers; the caption says them too.

use std::rc::Rc;

use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{Color, TRANSPARENT};
use yew::prelude::*;

use super::look::ChartLook;
use super::race::styles;
use super::{
    chart_figure, chart_height, draw_dot, text_style, use_chart, Canvas, ChartText, DrawResult,
    FONT, NARROW,
};
use crate::sim::engine::protocol::Snapshot;
use crate::sim::retraining::race::PolicyRace;
use crate::sim::wording::{policy_point_text, policy_short_name};

/// Properties of [`RaceCostChart`].
#[derive(Properties, PartialEq)]
pub struct RaceCostChartProps {
    /// The state; its `race` is drawn.
    pub snapshot: Rc<Snapshot>,
}

/// Mean accuracy against total cost, one point per policy.
#[component]
pub fn RaceCostChart(props: &RaceCostChartProps) -> Html {
    let text = race_cost_text(props.snapshot.race.as_ref());
    let key = props.snapshot.race.clone();
    let (canvas, error) = use_chart(
        "race-cost",
        key,
        props.snapshot.clone(),
        draw_race_cost,
        race_cost_height,
    );
    chart_figure(super::ChartId::RaceCost, canvas, &text, None, error)
}

/// The chart's text alternatives: every policy's cost and mean accuracy.
pub fn race_cost_text(race: Option<&PolicyRace>) -> ChartText {
    let Some(r) = race else {
        return ChartText {
            aria_label: "No policy race has been run yet.".into(),
            caption: "Run the race to see what each policy's accuracy cost.".into(),
        };
    };
    let points: Vec<String> = r.runs.iter().map(policy_point_text).collect();
    ChartText {
        aria_label: format!(
            "Mean accuracy against total retraining cost, one point per policy, for {} policies over {} cycles.",
            r.runs.len(),
            r.cycles
        ),
        caption: format!(
            "Each point is a policy. {}. The race table lists the same numbers.",
            points.join("; ")
        ),
    }
}

/// The axes' ranges: cost from 0 to a little past the dearest policy (at
/// least 1 unit), accuracy around the policies' means (at least 0.2 tall,
/// within 0..1).
pub fn axes(race: &PolicyRace) -> ((f64, f64), (f64, f64)) {
    let top_cost = race
        .runs
        .iter()
        .map(|r| r.total_cost.units())
        .fold(0.0, f64::max);
    let x1 = (top_cost * 1.12).max(1.0);
    let (lo, hi) = race
        .runs
        .iter()
        .map(|r| r.mean_accuracy.clamp(0.0, 1.0))
        .fold((1.0f64, 0.0f64), |(lo, hi), a| (lo.min(a), hi.max(a)));
    let (lo, hi) = if lo > hi { (0.0, 1.0) } else { (lo, hi) };
    let mid = (lo + hi) / 2.0;
    let half = ((hi - lo) / 2.0 + 0.05).max(0.1);
    let (mut y0, mut y1) = (mid - half, mid + half);
    if y0 < 0.0 {
        y1 = (y1 - y0).min(1.0);
        y0 = 0.0;
    }
    if y1 > 1.0 {
        y0 = (y0 - (y1 - 1.0)).max(0.0);
        y1 = 1.0;
    }
    ((0.0, x1), (y0, y1))
}

/// A label's box in pixels: left, top, right, bottom.
type LabelBox = (i32, i32, i32, i32);

/// Pixels from a point to its label's near end (room for the dot, radius 7,
/// and the colour mark between them).
const LABEL_GAP: i32 = 20;
/// Pixels from a point to the colour mark that ties its label to it.
const MARK_GAP: i32 = 13;

/// The radius of a policy's dot, in pixels.
const DOT_RADIUS: i32 = 7;

/// Where each label goes: beside its point (right of it, or left when it
/// would cross `right_edge`), moved down or up a line at a time until it
/// overlaps no dot and no label placed before it. `points` are pixel positions with the
/// label's estimated width; returns each label's anchor (x, y centre) and
/// whether it is anchored on its right end.
pub fn place_labels(
    points: &[((i32, i32), i32)],
    line: i32,
    right_edge: i32,
) -> Vec<(i32, i32, bool)> {
    let rim = DOT_RADIUS + 2;
    let mut placed: Vec<LabelBox> = points
        .iter()
        .map(|&((x, y), _)| (x - rim, y - rim, x + rim, y + rim))
        .collect();
    let mut out = Vec::new();
    let overlaps = |a: &LabelBox, b: &LabelBox| a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3;
    for &((x, y), width) in points {
        let left_side = x + LABEL_GAP + width > right_edge;
        let (l, r) = if left_side {
            (x - LABEL_GAP - width, x - LABEL_GAP)
        } else {
            (x + LABEL_GAP, x + LABEL_GAP + width)
        };
        let mut chosen = y;
        for k in 0..12 {
            // 0, +1, -1, +2, -2, … lines away from the point.
            let shift = if k % 2 == 1 { (k + 1) / 2 } else { -(k / 2) };
            let cy = y + shift * line;
            let b = (l, cy - line / 2, r, cy + line / 2);
            if placed.iter().all(|p| !overlaps(p, &b)) {
                chosen = cy;
                break;
            }
        }
        placed.push((l, chosen - line / 2, r, chosen + line / 2));
        out.push((
            if left_side {
                x - LABEL_GAP
            } else {
                x + LABEL_GAP
            },
            chosen,
            left_side,
        ));
    }
    out
}

/// The chart's height at `width` (no legend: each point is labelled).
fn race_cost_height(_: &Snapshot, look: ChartLook, width: u32) -> u32 {
    chart_height(width, look, &[], 0)
}

fn draw_race_cost(canvas: &Canvas, s: &Snapshot) -> DrawResult {
    let root = canvas.area;
    let Some(race) = &s.race else {
        return Ok(());
    };
    let (pal, size) = (canvas.look.palette(), canvas.look.type_sizes());
    let ((x0, x1), (y0, y1)) = axes(race);
    let mut chart = plotters::chart::ChartBuilder::on(root)
        .margin(10)
        .margin_right(14)
        .x_label_area_size(size.x_axis)
        .y_label_area_size(size.y_axis)
        .build_cartesian_2d(x0..x1, y0..y1)?;
    let small = x1 < 10.0;
    let ticks = if root.dim_in_pixel().0 < NARROW { 4 } else { 6 };
    chart
        .configure_mesh()
        .x_labels(ticks)
        .y_labels(ticks)
        .light_line_style(TRANSPARENT)
        .bold_line_style(pal.grid)
        .axis_style(pal.muted)
        .label_style((FONT, size.tick, &pal.ink))
        .axis_desc_style((FONT, size.label, &pal.ink))
        .x_label_formatter(&|v| {
            if small {
                format!("{v:.1}")
            } else {
                format!("{v:.0}")
            }
        })
        .y_label_formatter(&|v| format!("{v:.2}"))
        .x_desc("total retraining cost (units)")
        .y_desc("mean accuracy")
        .draw()?;
    let styles = styles(pal);
    let char_w = f64::from(size.label) * 0.56;
    let points: Vec<((i32, i32), i32, String)> = race
        .runs
        .iter()
        .map(|r| {
            let at = chart.backend_coord(&(r.total_cost.units(), r.mean_accuracy.clamp(0.0, 1.0)));
            let label = policy_short_name(&r.policy);
            let width = (label.chars().count() as f64 * char_w).ceil() as i32;
            (at, width, label)
        })
        .collect();
    let right_edge = chart.backend_coord(&(x1, y1)).0;
    let spots = place_labels(
        &points
            .iter()
            .map(|(at, w, _)| (*at, *w))
            .collect::<Vec<_>>(),
        size.legend_line,
        right_edge,
    );
    for (i, ((at, _, _), _)) in points.iter().zip(&spots).enumerate() {
        let (color, _) = styles[i.min(styles.len() - 1)];
        draw_dot(root, *at, DOT_RADIUS, color, pal.ink)?;
    }
    for (i, ((_, _, label), (x, y, left))) in points.iter().zip(&spots).enumerate() {
        let (color, _) = styles[i.min(styles.len() - 1)];
        let h = if *left { HPos::Right } else { HPos::Left };
        // Text in the ink colour (4.5:1); the colour ties it to its point.
        root.draw_text(
            label,
            &text_style(size.label, &pal.ink, h, VPos::Center),
            (*x, *y),
        )?;
        let mark_x = if *left {
            x + LABEL_GAP - MARK_GAP
        } else {
            x - LABEL_GAP + MARK_GAP
        };
        root.draw(&plotters::element::PathElement::new(
            vec![(mark_x, y - 6), (mark_x, y + 6)],
            color.stroke_width(3),
        ))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::params::SimParams;
    use crate::sim::retraining::race::policy_race;
    use crate::sim::wording::policy_name;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn the_text_alternative_lists_every_policy() {
        let race = policy_race(&SimParams::default().drift_strength(0.0), 6).unwrap();
        let t = race_cost_text(Some(&race));
        for r in &race.runs {
            assert!(
                t.caption.contains(&format!("{}: ", policy_name(&r.policy))),
                "{}",
                t.caption
            );
        }
        assert!(
            t.caption
                .contains("Never retrain: 0 units, mean accuracy 0."),
            "{}",
            t.caption
        );
        assert!(
            t.aria_label.contains("5 policies over 6 cycles"),
            "{}",
            t.aria_label
        );
        assert_eq!(
            race_cost_text(None).aria_label,
            "No policy race has been run yet."
        );
    }

    #[wasm_bindgen_test]
    fn the_axes_hold_every_point() {
        let race = policy_race(&SimParams::default(), 6).unwrap();
        let ((x0, x1), (y0, y1)) = axes(&race);
        assert_eq!(x0, 0.0);
        assert!(y0 >= 0.0 && y1 <= 1.0 && y1 - y0 >= 0.2 - 1e-12);
        for r in &race.runs {
            assert!(r.total_cost.units() < x1, "{:?}", r.policy);
            assert!((y0..=y1).contains(&r.mean_accuracy), "{:?}", r.policy);
        }
    }

    #[wasm_bindgen_test]
    fn labels_at_the_same_point_do_not_overlap() {
        // Three policies that never retrained sit on one point.
        let spots = place_labels(&[((50, 100), 80); 3], 20, 500);
        let ys: Vec<i32> = spots.iter().map(|s| s.1).collect();
        assert_eq!(ys, [100, 120, 80]);
        // Near the right edge a label goes to the left of its point.
        let spots = place_labels(&[((480, 100), 80)], 20, 500);
        assert_eq!(spots, [(460, 100, true)]);
        // A label never covers another policy's dot.
        let spots = place_labels(&[((50, 100), 80), ((100, 100), 40)], 20, 500);
        assert_eq!(spots[0], (70, 120, false));
    }
}
