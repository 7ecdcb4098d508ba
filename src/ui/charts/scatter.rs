//! The newest batch as a scatter plot by class, over the live model's decision
//! regions, with the lines that make drift visible: the true labelling rule
//! now (an arrow points to its class-1 side) and before any drift, v1's
//! boundary, the live model's boundary and, while a candidate is judged, the
//! candidate's. A decision tree has no single line: its regions' edges are
//! drawn instead, and the legend says so. On the Circle data the true rule is
//! a circle: the one now solid, the one before the drift dashed, and the axes
//! read in the file's own units. When the live model scored below a
//! coin flip, the caption says why (`sim::wording::below_half_sentence`).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

use plotters::chart::ChartBuilder;
use plotters::element::Rectangle;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{Color, TRANSPARENT};
use yew::prelude::*;

use super::look::{ChartLook, Palette};
use super::{
    chart_figure, draw_arrow, draw_legend, draw_note, draw_path, text_style, use_chart, Area,
    Canvas, ChartText, Dash, DrawError, DrawResult, Glyph, LegendEntry, Marks, FONT,
};
use crate::sim::engine::protocol::Snapshot;
use crate::sim::english::group_thousands;
use crate::sim::ml::train::{DecisionGrid, LinearBoundary};
use crate::sim::stream::VIEW_HALF_SIDE;

use super::geometry::{clip_boundary, grid_ok, region_edges, region_runs};
use crate::sim::ml::truth::{class1_arrow, RuleLines};
use crate::sim::stream::circle::{from_view, CirclePhase, CircleRules, TrueCircle};
use crate::sim::wording::{
    below_half_sentence, circle_axis_names, circle_caption, circle_legend, team_scatter_note,
};

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
    let (canvas, error) = use_chart(
        "scatter",
        ScatterKey::of(snap),
        props.snapshot.clone(),
        draw_scatter,
    );
    chart_figure(super::ChartId::Scatter, canvas, &text, why, error)
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
fn legend(s: &Snapshot, pal: &Palette) -> Vec<LegendEntry> {
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

/// The plot's coordinates: data square `[-h, h]²` onto canvas pixels.
type ScatterChartContext<'a> = plotters::chart::ChartContext<
    'a,
    plotters_canvas::CanvasBackend,
    plotters::coord::cartesian::Cartesian2d<
        plotters::coord::types::RangedCoordf64,
        plotters::coord::types::RangedCoordf64,
    >,
>;

/// Draws a line of the model or rule across the view (clipped to it).
fn draw_line(
    canvas: &Canvas,
    chart: &ScatterChartContext,
    line: &LinearBoundary,
    half: f64,
    style: plotters::style::ShapeStyle,
    dash: Dash,
) -> DrawResult {
    if let Some([a, b]) = clip_boundary(line, half) {
        let pixels = vec![chart.backend_coord(&a), chart.backend_coord(&b)];
        draw_path(canvas.area, pixels, style, dash)?;
    }
    Ok(())
}

/// Draws a circle of the true rule (in the view's units) as a closed path.
fn draw_circle(
    canvas: &Canvas,
    chart: &ScatterChartContext,
    circle: TrueCircle,
    style: plotters::style::ShapeStyle,
    dash: Dash,
) -> DrawResult {
    const SEGMENTS: usize = 96;
    let pixels = (0..=SEGMENTS)
        .map(|i| {
            let a = std::f64::consts::TAU * i as f64 / SEGMENTS as f64;
            chart.backend_coord(&(
                circle.centre[0] + circle.radius * a.cos(),
                circle.centre[1] + circle.radius * a.sin(),
            ))
        })
        .collect();
    draw_path(canvas.area, pixels, style, dash)
}

/// Draws a grid's region edges (a tree's boundary).
fn draw_edges(
    canvas: &Canvas,
    chart: &ScatterChartContext,
    grid: &DecisionGrid,
    style: plotters::style::ShapeStyle,
    dash: Dash,
) -> DrawResult {
    for [a, b] in region_edges(grid) {
        let pixels = vec![chart.backend_coord(&a), chart.backend_coord(&b)];
        draw_path(canvas.area, pixels, style, dash)?;
    }
    Ok(())
}

/// Draws a rule's class-1 arrow from the point `offset` data units along the
/// line from its point nearest the centre, `length` data units long, over a
/// halo of the background colour so that it shows on top of the points.
fn draw_rule_arrow(
    canvas: &Canvas,
    chart: &ScatterChartContext,
    (line, half): (&LinearBoundary, f64),
    (offset, length): (f64, f64),
    color: plotters::style::RGBColor,
    width: u32,
) -> DrawResult {
    let Some((at, n)) = class1_arrow(line) else {
        return Ok(());
    };
    // Along the line: the normal turned a quarter; pulled in until the arrow
    // fits in the view.
    let inside = |p: (f64, f64)| p.0.abs() <= half - 0.3 && p.1.abs() <= half - 0.3;
    let mut offset = offset;
    let (start, end) = loop {
        let start = (at[0] - n[1] * offset, at[1] + n[0] * offset);
        let end = (start.0 + n[0] * length, start.1 + n[1] * length);
        if (inside(start) && inside(end)) || offset.abs() < 0.5 {
            break (start, end);
        }
        offset *= 0.7;
    };
    let (from, to) = (chart.backend_coord(&start), chart.backend_coord(&end));
    let pal = canvas.look.palette();
    draw_arrow(canvas.area, from, to, pal.background, width + 4)?;
    draw_arrow(canvas.area, from, to, color, width)
}

/// Where along a rule's line its arrow starts: `offset` data units from the
/// line's point nearest the centre (see [`draw_rule_arrow`]).
fn arrow_start(line: &LinearBoundary, offset: f64) -> Option<(f64, f64)> {
    let (at, n) = class1_arrow(line)?;
    Some((at[0] - n[1] * offset, at[1] + n[0] * offset))
}

/// Which way along a rule's line its arrow goes, away from the points: the
/// side of the line's centre point where fewer of the batch's points lie.
fn quiet_side(line: &LinearBoundary, points: &[[f64; 2]]) -> f64 {
    let Some((at, n)) = class1_arrow(line) else {
        return 1.0;
    };
    let along = |p: &[f64; 2]| -(p[0] - at[0]) * n[1] + (p[1] - at[1]) * n[0];
    let ahead = points.iter().filter(|p| along(p) > 0.0).count();
    if 2 * ahead > points.len() {
        -1.0
    } else {
        1.0
    }
}

/// A layer of the scatter that changes rarely, drawn once on a canvas of its own
/// and copied onto the chart at each redraw. While a run plays, the batch (and
/// often the live model) changes at every redraw, but the axes only with the
/// view and the legend only when a version goes live or a candidate is judged;
/// their text was most of a redraw's time (measured: drawing the axes' and the
/// legend's text took 60–80 % of the scatter's drawing on a CPU slowed 4×).
#[derive(Clone, Debug, PartialEq)]
enum LayerKey {
    /// The axes, their tick labels and the faint grid.
    Axes {
        size: (u32, u32),
        look: ChartLook,
        half_side: u64,
        axis_names: (String, String),
        /// The ticks read in the Circle file's units ([`from_view`]).
        file_units: bool,
    },
    /// The legend panel.
    Legend {
        size: (u32, u32),
        look: ChartLook,
        entries: Vec<LegendEntry>,
    },
}

/// A layer drawn on a canvas of its own, and the figure its drawing returned
/// (the legend: where it ended).
struct Layer {
    key: LayerKey,
    canvas: HtmlCanvasElement,
    figure: i32,
}

/// Layers kept: the axes and legend of the playground's scatter and of a guide
/// chapter's (both can be on the page), and the previous legend.
const LAYERS_KEPT: usize = 6;

thread_local! {
    static LAYERS: RefCell<Vec<Layer>> = const { RefCell::new(Vec::new()) };
}

/// Copies the layer for `key` onto `canvas`, drawing it first (with `draw`, on
/// a transparent canvas of its own) unless a kept one matches; returns what
/// `draw` returned. Where no spare canvas can be made or copied, the layer is
/// drawn straight onto `canvas`.
fn paint_layer(
    canvas: &Canvas,
    key: LayerKey,
    draw: impl Fn(&Area) -> Result<i32, DrawError>,
) -> Result<i32, DrawError> {
    let kept = LAYERS.with(|kept| {
        let kept = kept.borrow();
        kept.iter()
            .find(|l| l.key == key)
            .map(|l| (l.canvas.clone(), l.figure))
    });
    let (spare, figure) = match kept {
        Some(found) => found,
        None => {
            let size = canvas.area.dim_in_pixel();
            let Some((spare, backend)) = spare_canvas(size) else {
                return draw(canvas.area);
            };
            let figure = draw(&plotters::prelude::IntoDrawingArea::into_drawing_area(
                backend,
            ))?;
            LAYERS.with(|kept| {
                let mut kept = kept.borrow_mut();
                kept.insert(
                    0,
                    Layer {
                        key,
                        canvas: spare.clone(),
                        figure,
                    },
                );
                kept.truncate(LAYERS_KEPT);
            });
            (spare, figure)
        }
    };
    match canvas
        .ctx
        .draw_image_with_html_canvas_element(&spare, 0.0, 0.0)
    {
        Ok(()) => Ok(figure),
        Err(_) => draw(canvas.area),
    }
}

/// The scatter's plot and legend areas on the whole canvas, and the widths of
/// its x and y axes: a square plot on the left, the legend on the right.
fn split_areas(root: &Area, look: ChartLook) -> (Area, Area, (u32, u32)) {
    let size = look.type_sizes();
    // A square plot: its width (split - 2 margins - y axis) equals its height
    // (360 - 2 margins - x axis).
    let y_axis = size.x_axis + 8;
    let side = super::CANVAS_HEIGHT - 20 - size.x_axis;
    let (plot_area, legend_area) = root.split_horizontally(side + 20 + y_axis);
    (plot_area, legend_area, (size.x_axis, y_axis))
}

/// The plot's coordinates on `plot_area` (nothing drawn).
fn plot_coords(
    plot_area: &Area,
    (x_axis, y_axis): (u32, u32),
    h: f64,
) -> Result<ScatterChartContext<'_>, DrawError> {
    ChartBuilder::on(plot_area)
        .margin(10)
        .x_label_area_size(x_axis)
        .y_label_area_size(y_axis)
        .build_cartesian_2d(-h..h, -h..h)
}

/// Draws the axes with a faint grid on `root` (transparent elsewhere).
fn draw_axes(
    root: &Area,
    look: ChartLook,
    h: f64,
    (x_name, y_name): (&str, &str),
    file_units: bool,
) -> Result<i32, DrawError> {
    let tick = |v: &f64| {
        if file_units {
            format!("{:.1}", from_view(*v))
        } else {
            format!("{v:.0}")
        }
    };
    let (pal, size) = (look.palette(), look.type_sizes());
    let (plot_area, _, axes) = split_areas(root, look);
    let mut chart = plot_coords(&plot_area, axes, h)?;
    chart
        .configure_mesh()
        .x_labels(8)
        .y_labels(8)
        .light_line_style(TRANSPARENT)
        .bold_line_style(pal.ink.mix(0.08))
        .axis_style(pal.muted)
        .label_style((FONT, size.tick, &pal.ink))
        .axis_desc_style((FONT, size.label, &pal.ink))
        .x_label_formatter(&tick)
        .y_label_formatter(&tick)
        .x_desc(x_name)
        .y_desc(y_name)
        .draw()?;
    Ok(0)
}

/// A transparent canvas off the page, `size` pixels, and plotters' backend on it.
fn spare_canvas(
    (width, height): (u32, u32),
) -> Option<(HtmlCanvasElement, plotters_canvas::CanvasBackend)> {
    let document = web_sys::window()?.document()?;
    let spare: HtmlCanvasElement = document.create_element("canvas").ok()?.dyn_into().ok()?;
    spare.set_width(width);
    spare.set_height(height);
    let backend = plotters_canvas::CanvasBackend::with_canvas_object(spare.clone())?;
    Some((spare, backend))
}

/// Draws the scatter on the whole canvas: a square plot on the left, the legend
/// on the right; the backdrop comes from [`paint_backdrop`], the points, lines
/// and note are drawn over it.
fn draw_scatter(canvas: &Canvas, s: &Snapshot) -> DrawResult {
    // The weather data's features by name (standardised); others as x1, x2.
    let file_units = s.scatter.circles.is_some();
    let axis_names = match s.weather {
        Some(w) => (
            format!("{} (standardised)", w.pair.first().label()),
            format!("{} (standardised)", w.pair.second().label()),
        ),
        None if file_units => circle_axis_names(),
        None => ("feature x1".to_string(), "feature x2".to_string()),
    };
    let root = canvas.area;
    let look: ChartLook = canvas.look;
    let (pal, size) = (look.palette(), look.type_sizes());
    let h = s
        .live_grid
        .as_ref()
        .map(|g| g.half_side)
        .filter(|h| h.is_finite() && *h > 0.0)
        .unwrap_or(VIEW_HALF_SIDE);
    let size_px = root.dim_in_pixel();
    let (plot_area, legend_area, axes) = split_areas(root, look);
    let mut chart = plot_coords(&plot_area, axes, h)?;

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
    let axes_key = LayerKey::Axes {
        size: size_px,
        look,
        half_side: h.to_bits(),
        axis_names: axis_names.clone(),
        file_units,
    };
    paint_layer(canvas, axes_key, |area| {
        draw_axes(area, look, h, (&axis_names.0, &axis_names.1), file_units)
    })?;

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
    let dots = if pending {
        (3.0, pal.muted, pal.ink)
    } else {
        (3.0, pal.class0, pal.class0_rim)
    };
    marks.draw(canvas.ctx, dots, (5.0, pal.class1, pal.class1_rim));

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
    let entries = legend(s, pal);
    let gap = if look.presenter { 5 } else { 6 };
    let legend_key = LayerKey::Legend {
        size: size_px,
        look,
        entries: entries.clone(),
    };
    let below = paint_layer(canvas, legend_key, |area| {
        let (_, legend_area, _) = split_areas(area, look);
        draw_legend(&legend_area, look, 10, gap, &entries)
    })?;
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
    draw_note(&legend_area, look, below + 2, &note)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    use crate::sim::params::{ModelKind, SimParams};
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
    fn the_arrow_goes_to_the_emptier_end_of_the_line() {
        let line = LinearBoundary {
            w1: 0.0,
            w2: 1.0,
            b: 0.0,
        };
        // The line x2 = 0 runs along x1; along its direction (-1, 0) is "ahead".
        let left = vec![[-3.0, 0.5], [-2.0, -0.5], [1.0, 0.2]];
        assert_eq!(quiet_side(&line, &left), -1.0);
        let right: Vec<[f64; 2]> = left.iter().map(|p| [-p[0], p[1]]).collect();
        assert_eq!(quiet_side(&line, &right), 1.0);
        assert_eq!(arrow_start(&line, 2.0), Some((-2.0, 0.0)));
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
