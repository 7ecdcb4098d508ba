//! The newest batch as a scatter plot by class, over the live model's decision
//! regions, with the lines that make drift visible: the true labelling rule
//! now (an arrow points to its class-1 side) and before any drift, v1's
//! boundary, the live model's boundary and, while a candidate is judged, the
//! candidate's. A decision tree has no single line: its regions' edges are
//! drawn instead, and the legend says so. On the Circle data the true rule is
//! a circle: the one now solid, the one before the drift dashed, and the axes
//! read in the file's own units. When the live model scored below a
//! coin flip, the caption says why (`sim::wording::below_half_sentence`).

mod layers;
mod shapes;
mod text;

use std::rc::Rc;

use plotters::element::Rectangle;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::Color;
use yew::prelude::*;

use super::look::ChartLook;
use super::{
    chart_figure, draw_dot, draw_frame_legend, draw_note, draw_triangle, text_style,
    use_chart_prepared, Area, Canvas, Dash, DrawError, DrawResult, LegendEntry, MarkStyle, Marks,
};
use crate::sim::engine::protocol::Snapshot;
use crate::sim::english::group_thousands;
use crate::sim::ml::train::{DecisionGrid, LinearBoundary};
use crate::sim::stream::VIEW_HALF_SIDE;

use super::geometry::{grid_ok, region_runs};
use crate::sim::ml::truth::RuleLines;
use crate::sim::stream::circle::{CirclePhase, CircleRules};
use crate::sim::wording::{below_half_sentence, circle_axis_names};
use layers::{paint_layer, prepare_layer, LayerKey};
use shapes::{
    arrow_start, draw_axes, draw_circle, draw_edges, draw_line, draw_rule_arrow, plot_coords,
    quiet_side, scatter_height, split_areas,
};
use text::legend;
pub use text::scatter_text;

/// Properties of [`ScatterChart`].
#[derive(Properties, PartialEq)]
pub struct ScatterChartProps {
    /// The state to show: `batch`, `live_version`, `live_grid`,
    /// `live_boundary`, `candidate`, `candidate_grid`, `candidate_boundary`
    /// and `scatter` are used.
    pub snapshot: Rc<Snapshot>,
}

/// The newest batch by class over the live model's decision regions.
#[component]
pub fn ScatterChart(props: &ScatterChartProps) -> Html {
    let snap = &props.snapshot;
    let text = scatter_text(snap);
    let why = snap.scatter.below_half.as_ref().map(below_half_sentence);
    let (canvas, error) = use_chart_prepared(
        "scatter",
        ScatterKey::of(snap),
        props.snapshot.clone(),
        (draw_scatter, height),
        Some(prepare_scatter),
    );
    chart_figure(super::ChartId::Scatter, canvas, &text, why, error)
}

/// The scatter's height at `width` (its legend under the plot when narrow).
fn height(s: &Snapshot, look: ChartLook, width: u32) -> u32 {
    scatter_height(&legend(s, look.palette()), look, width)
}

/// What the scatter depends on, cheap to compare: the batch is fingerprinted
/// (cycle, length, three sample rows) rather than compared row by row.
#[derive(Clone, Debug, PartialEq)]
struct ScatterKey {
    seed: u64,
    batch_cycle: u32,
    batch_len: usize,
    batch_probe: [Option<([f64; 2], bool)>; 3],
    live_version: u32,
    labels_pending: bool,
    live_grid: Option<DecisionGrid>,
    live_boundary: Option<LinearBoundary>,
    candidate: Option<u32>,
    candidate_grid: Option<DecisionGrid>,
    candidate_boundary: Option<LinearBoundary>,
    rules: Option<RuleLines>,
    circles: Option<CircleRules>,
    v1_boundary: Option<LinearBoundary>,
    v1_grid: Option<DecisionGrid>,
}

impl ScatterKey {
    fn of(s: &Snapshot) -> Self {
        let b = &s.batch;
        let probe = |i: usize| b.x.get(i).copied().zip(b.y.get(i).copied());
        ScatterKey {
            seed: s.params.seed,
            batch_cycle: b.cycle,
            batch_len: b.rows,
            batch_probe: [
                probe(0),
                probe(b.x.len() / 2),
                probe(b.x.len().saturating_sub(1)),
            ],
            live_version: s.live_version,
            labels_pending: s.scatter.labels_pending,
            live_grid: s.live_grid.clone(),
            live_boundary: s.live_boundary,
            candidate: s.candidate,
            candidate_grid: s.candidate_grid.clone(),
            candidate_boundary: s.candidate_boundary,
            rules: s.scatter.rules,
            circles: s.scatter.circles,
            v1_boundary: s.scatter.v1_boundary,
            v1_grid: s.scatter.v1_grid.clone(),
        }
    }
}

/// The candidate's version while it is drawn (its grid is only sent while it is judged).
fn judged_candidate(s: &Snapshot) -> Option<Option<u32>> {
    s.candidate_grid.as_ref().map(|_| s.candidate)
}

fn version(v: Option<u32>) -> String {
    v.map_or_else(String::new, |v| format!(" v{v}"))
}

/// v1's shape to draw beside the live model: its line (logistic regression)
/// or its regions' edges (tree), only while another version is live.
enum V1Shape<'a> {
    Line(&'a LinearBoundary),
    Edges(&'a DecisionGrid),
}

fn v1_shape(s: &Snapshot) -> Option<V1Shape<'_>> {
    if s.live_version == 1 {
        return None;
    }
    match (&s.scatter.v1_boundary, &s.scatter.v1_grid) {
        (Some(line), _) => Some(V1Shape::Line(line)),
        (None, Some(grid)) if grid_ok(grid) => Some(V1Shape::Edges(grid)),
        _ => None,
    }
}

/// The live model is a tree: its regions' edges stand for its boundary.
fn live_is_tree(s: &Snapshot) -> bool {
    s.live_boundary.is_none() && s.live_grid.is_some()
}

/// The axes' names: the weather data's features by name (standardised), the
/// Circle file's in its own units, others as x1, x2.
fn axis_names(s: &Snapshot) -> (String, String) {
    match s.weather {
        Some(w) => (
            format!("{} (standardised)", w.pair.first().label()),
            format!("{} (standardised)", w.pair.second().label()),
        ),
        None if s.scatter.circles.is_some() => circle_axis_names(),
        None => ("feature x1".to_string(), "feature x2".to_string()),
    }
}

/// The half side of the square the plot shows.
fn half_side(s: &Snapshot) -> f64 {
    s.live_grid
        .as_ref()
        .map(|g| g.half_side)
        .filter(|h| h.is_finite() && *h > 0.0)
        .unwrap_or(VIEW_HALF_SIDE)
}

/// The axes' kept layer for `s` on `canvas`: its key, and how it is drawn (on
/// the whole chart's area).
fn axes_layer(
    canvas: &Canvas,
    s: &Snapshot,
) -> (LayerKey, impl Fn(&Area) -> Result<i32, DrawError>) {
    let (look, names, h) = (canvas.look, axis_names(s), half_side(s));
    let file_units = s.scatter.circles.is_some();
    let size_px = canvas.area.dim_in_pixel();
    let key = LayerKey::Axes {
        size: (size_px.0, size_px.1, canvas.scale.to_bits()),
        look,
        half_side: h.to_bits(),
        axis_names: names.clone(),
        file_units,
    };
    (key, move |area: &Area| {
        draw_axes(area, look, h, (&names.0, &names.1), file_units)
    })
}

/// The legend's kept layer for `s` on `canvas`: its key, and how it is drawn
/// (on the whole chart's area; returns where the legend ends).
fn legend_layer(
    canvas: &Canvas,
    s: &Snapshot,
) -> (LayerKey, impl Fn(&Area) -> Result<i32, DrawError>) {
    let look = canvas.look;
    let entries = legend(s, look.palette());
    let size_px = canvas.area.dim_in_pixel();
    let key = LayerKey::Legend {
        size: (size_px.0, size_px.1, canvas.scale.to_bits()),
        look,
        entries: entries.clone(),
    };
    (key, move |area: &Area| {
        draw_legend_panel(area, look, &entries)
    })
}

/// Draws the legend panel on `area` (the whole chart's); returns where it ends.
fn draw_legend_panel(
    area: &Area,
    look: ChartLook,
    entries: &[LegendEntry],
) -> Result<i32, DrawError> {
    let gap = if look.presenter { 5 } else { 6 };
    let (frame, _) = split_areas(area, look);
    draw_frame_legend(&frame, look, 10, gap, entries)
}

/// Draws the scatter's kept layers that `s` needs and that are not kept yet
/// (the legend at a new version, the axes at a new view), in a task before the
/// paint's: true if it drew any.
fn prepare_scatter(canvas: &Canvas, s: &Snapshot) -> bool {
    let (key, draw) = axes_layer(canvas, s);
    let axes = prepare_layer(canvas, key, None, draw);
    let (key, draw) = legend_layer(canvas, s);
    let part = split_areas(canvas.area, canvas.look).0.legend;
    let legend = prepare_layer(canvas, key, Some(&part), draw);
    axes || legend
}

/// Draws the scatter on the whole canvas: a square plot on the left, the legend
/// on the right; the backdrop comes from [`paint_backdrop`], the points, lines
/// and note are drawn over it.
fn draw_scatter(canvas: &Canvas, s: &Snapshot) -> DrawResult {
    let root = canvas.area;
    let look: ChartLook = canvas.look;
    let (pal, size) = (look.palette(), look.type_sizes());
    let h = half_side(s);
    let size_px = root.dim_in_pixel();
    let (frame, axes) = split_areas(root, look);
    let mut chart = plot_coords(&frame.plot, axes, h)?;

    // 1. The live model's regions, as a light tint.
    if let Some(grid) = s.live_grid.as_ref().filter(|g| grid_ok(g)) {
        let side = 2.0 * grid.half_side / grid.cells as f64;
        let at = |i: usize| -grid.half_side + i as f64 * side;
        let c0 = pal.tint(pal.class0, pal.class0_tint).filled();
        let c1 = pal.tint(pal.class1, pal.class1_tint).filled();
        chart.draw_series(region_runs(grid).into_iter().map(|r| {
            Rectangle::new(
                [(at(r.start), at(r.row + 1)), (at(r.end), at(r.row))],
                if r.class1 { c1 } else { c0 },
            )
        }))?;
    }

    // 2. Axes and a faint grid over the tint (a kept layer).
    let (key, draw) = axes_layer(canvas, s);
    paint_layer(canvas, key, None, draw)?;

    // 3. The points, subsampled, in batch order so neither class always sits on top.
    // The snapshot carries the engine's sample of the batch (SHOWN_POINTS).
    // Labels not in yet (the team's view): every point alike, in grey.
    let pending = s.scatter.labels_pending;
    let mut marks = Marks::new();
    for (i, p) in s.batch.x.iter().enumerate() {
        if p[0].abs() <= h && p[1].abs() <= h {
            let class1 = !pending && s.batch.y.get(i).copied().unwrap_or(false);
            marks.push(chart.backend_coord(&(p[0], p[1])), class1);
        }
    }
    let (dot_fill, dot_rim) = if pending {
        (pal.muted, pal.ink)
    } else {
        (pal.class0, pal.class0_rim)
    };
    let dot = MarkStyle {
        triangle: false,
        radius: 3.0,
        fill: dot_fill,
        rim: dot_rim,
        scale: canvas.scale,
    };
    let triangle = MarkStyle {
        triangle: true,
        radius: 5.0,
        fill: pal.class1,
        rim: pal.class1_rim,
        scale: canvas.scale,
    };
    if !marks.draw(canvas.ctx, size_px, dot, triangle) {
        // No spare canvas or image data in this browser: point by point.
        for ((x, y), class1) in marks.points() {
            if class1 {
                draw_triangle(root, (x, y), 5, triangle.fill, triangle.rim)?;
            } else {
                draw_dot(root, (x, y), 3, dot.fill, dot.rim)?;
            }
        }
    }

    // 4. v1, never retrained: dotted, under everything else.
    let thin = pal.muted.stroke_width(3);
    match v1_shape(s) {
        Some(V1Shape::Line(line)) => draw_line(canvas, &chart, line, h, thin, Dash::Dotted)?,
        Some(V1Shape::Edges(grid)) => draw_edges(canvas, &chart, grid, thin, Dash::Dotted)?,
        None => {}
    }

    // 5. The true rule before any drift (faint, dashed) and now (bold), each
    // with an arrow to its class-1 side; the two arrows start on either side
    // of the centre so that a reversed rule shows both.
    if let Some(rules) = s.scatter.rules {
        let (now, before) = (&rules.now.line, &rules.before.line);
        let side = quiet_side(now, &s.batch.x);
        if rules.moved() {
            let faint = pal.rule_before.stroke_width(2);
            draw_line(canvas, &chart, before, h, faint, Dash::Dashed)?;
        }
        draw_line(
            canvas,
            &chart,
            now,
            h,
            pal.rule.stroke_width(4),
            Dash::Solid,
        )?;
        if rules.moved() {
            // The other arrow goes to the far side of the centre from this
            // one (a reversed rule has the same line, the other way round).
            let taken = arrow_start(now, 4.6 * side);
            let far = |offset: f64| {
                let d = arrow_start(before, offset)
                    .zip(taken)
                    .map_or(0.0, |(a, b)| (a.0 - b.0).hypot(a.1 - b.1));
                (d * 1e6).round() as i64
            };
            let offset = if far(4.6) >= far(-4.6) { 4.6 } else { -4.6 };
            let arrow = (offset, 1.6);
            draw_rule_arrow(canvas, &chart, (before, h), arrow, pal.rule_before, 2)?;
        }
        draw_rule_arrow(canvas, &chart, (now, h), (4.6 * side, 2.0), pal.rule, 3)?;
    }

    // 5b. The Circle data's true rule: the circle before the drift dashed
    // once it has started, the circle now (or the one it moves to) solid.
    if let Some(c) = &s.scatter.circles {
        let now = match c.phase {
            CirclePhase::Before => c.before,
            CirclePhase::During | CirclePhase::After => {
                let faint = pal.rule_before.stroke_width(2);
                draw_circle(canvas, &chart, c.before.in_view(), faint, Dash::Dashed)?;
                c.after
            }
        };
        draw_circle(
            canvas,
            &chart,
            now.in_view(),
            pal.rule.stroke_width(4),
            Dash::Solid,
        )?;
    }

    // 6. The candidate: its line (logistic) or its region edges (tree).
    if judged_candidate(s).is_some() {
        let style = pal.vermillion.stroke_width(3);
        match (&s.candidate_boundary, &s.candidate_grid) {
            (Some(line), _) => draw_line(canvas, &chart, line, h, style, Dash::Dashed)?,
            (None, Some(grid)) => draw_edges(canvas, &chart, grid, style, Dash::Solid)?,
            (None, None) => {}
        }
    }

    // 7. The live boundary (or a tree's region edges), solid, on top.
    match (&s.live_boundary, &s.live_grid) {
        (Some(line), _) => draw_line(
            canvas,
            &chart,
            line,
            h,
            pal.ink.stroke_width(3),
            Dash::Solid,
        )?,
        (None, Some(grid)) if grid_ok(grid) => {
            draw_edges(canvas, &chart, grid, pal.ink.stroke_width(2), Dash::Solid)?
        }
        _ => {}
    }

    if s.batch.is_empty() {
        let style = text_style(size.label, &pal.muted, HPos::Center, VPos::Center);
        let (x, y) = chart.backend_coord(&(0.0, 0.0));
        root.draw_text("No data yet", &style, (x, y))?;
    }

    // The legend panel (a kept layer), the note under it.
    let (key, draw) = legend_layer(canvas, s);
    let below = paint_layer(canvas, key, Some(&frame.legend), draw)?;
    let n = s.batch.rows;
    let stride = s.batch.stride;
    let mut note = if s.batch.cycle == 0 {
        "initial data".to_string()
    } else {
        format!("batch of cycle {}", s.batch.cycle)
    };
    if stride > 1 {
        note.push_str(&format!(
            "\n{} of {} points",
            group_thousands(s.batch.x.len()),
            group_thousands(n)
        ));
    } else {
        note.push_str(&format!("\n{} points", group_thousands(n)));
    }
    draw_note(&frame.legend, look, below + 2, &note)?;
    Ok(())
}
