//! The six charts of the page, drawn with plotters on a `<canvas>`:
//! [`ScatterChart`] (the newest batch and the models' decision regions),
//! [`PerformanceChart`] (accuracy per cycle), [`DriftChart`] (drift applied so
//! far), [`RaceChart`] (the live model's accuracy under each retraining
//! policy, in the policy race), [`RaceCostChart`] (each policy's mean
//! accuracy against what its retrains cost) and [`SweepChart`] (the raced
//! detector's false alarms and delays over a sweep of its sensitivity).
//!
//! Every chart is a `<figure>` holding a `<canvas role="img">` whose `aria-label`
//! is a one-sentence summary, and a `<figcaption>` that states the key numbers in
//! words. Those sentences come from small pure functions in each file, so they
//! can be tested without a browser. A chart redraws only when a cheap key of the
//! data it shows changes, or its look ([`look::ChartLook`]: the page's colour
//! scheme and the presenter view), and a drawing error is shown in the caption
//! (and logged as a console warning), never a panic.

pub mod drift;
mod figure;
pub mod geometry;
pub mod look;
pub mod performance;
pub mod race;
pub mod race_cost;
pub mod scatter;
pub mod sweep;

pub use drift::DriftChart;
pub(crate) use figure::chart_figure;
pub use figure::ChartId;
pub use look::ChartLookProvider;
pub use performance::PerformanceChart;
pub use race::RaceChart;
pub use race_cost::RaceCostChart;
pub use scatter::ScatterChart;
pub use sweep::SweepChart;

use std::rc::Rc;

use plotters::backend::DrawingBackend;
use plotters::coord::Shift;
use plotters::drawing::{DrawingArea, DrawingAreaErrorKind, IntoDrawingArea};
use plotters::element::{Circle, DashedPathElement, PathElement, Polygon, Rectangle};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, IntoFont, RGBColor, TextStyle, TRANSPARENT};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement};
use yew::prelude::*;

use crate::sim::engine::protocol::Snapshot;
use crate::sim::english::group_thousands;
use look::{use_chart_look, ChartLook};

/// Width of every chart's canvas in canvas pixels (CSS scales it to the column).
pub const CANVAS_WIDTH: u32 = 560;
/// Height of every chart's canvas in canvas pixels.
pub const CANVAS_HEIGHT: u32 = 360;

/// The font family of all chart text.
pub(crate) const FONT: &str = "sans-serif";

/// The error type of every drawing call.
pub(crate) type DrawError = DrawingAreaErrorKind<<CanvasBackend as DrawingBackend>::ErrorType>;
/// The result of drawing one chart.
pub(crate) type DrawResult = Result<(), DrawError>;
/// The whole canvas as a plotters drawing area.
pub(crate) type Area = DrawingArea<CanvasBackend, Shift>;

/// A per-cycle chart with y from 0 to 1, as the performance, drift and race
/// charts draw it.
pub(crate) type CycleChart<'a> = plotters::chart::ChartContext<
    'a,
    CanvasBackend,
    plotters::coord::cartesian::Cartesian2d<
        plotters::coord::types::RangedCoordf64,
        plotters::coord::types::RangedCoordf64,
    >,
>;

/// Builds a per-cycle chart on `area`: x from [`cycle_axis`] (`x`), y in 0..1
/// with `y_labels` ticks, and the axes, gridlines and type every chart shares.
pub(crate) fn cycle_chart<'a>(
    area: &'a Area,
    look: ChartLook,
    x: (f64, f64, usize),
    y_labels: usize,
    y_desc: &str,
) -> Result<CycleChart<'a>, DrawError> {
    let (x0, x1, x_labels) = x;
    let (pal, size) = (look.palette(), look.type_sizes());
    let mut chart = plotters::chart::ChartBuilder::on(area)
        .margin(10)
        .margin_right(14)
        .x_label_area_size(size.x_axis)
        .y_label_area_size(size.y_axis)
        .build_cartesian_2d(x0..x1, 0.0..1.0)?;
    chart
        .configure_mesh()
        .x_labels(x_labels)
        .y_labels(y_labels)
        .light_line_style(TRANSPARENT)
        .bold_line_style(pal.grid)
        .axis_style(pal.muted)
        .label_style((FONT, size.tick, &pal.ink))
        .axis_desc_style((FONT, size.label, &pal.ink))
        .x_label_formatter(&cycle_tick)
        .y_label_formatter(&|v| format!("{v:.1}"))
        .x_desc("cycle")
        .y_desc(y_desc)
        .draw()?;
    Ok(chart)
}

/// The text alternatives of one chart, computed from the data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChartText {
    /// One sentence for the canvas's `aria-label`.
    pub aria_label: String,
    /// The figcaption: the key numbers in words.
    pub caption: String,
}

/// "1 deploy", "4 deploys".
pub fn count_noun(n: usize, singular: &str, plural: &str) -> String {
    let noun = if n == 1 { singular } else { plural };
    format!("{} {noun}", group_thousands(n))
}

/// Index of the first item shown when at most `max_shown` of `len` are drawn
/// (the newest ones).
pub fn window_start(len: usize, max_shown: usize) -> usize {
    len.saturating_sub(max_shown)
}

/// The x range of a per-cycle chart showing cycles `first..=last` (each cycle
/// centred in a unit-wide slot, at least `min_slots` slots) and how many tick
/// labels to ask for so that ticks fall on whole cycles.
pub fn cycle_axis(first: u32, last: u32, min_slots: u32) -> (f64, f64, usize) {
    let (lo, hi) = (u64::from(first.min(last)), u64::from(first.max(last)));
    let hi = hi.max(lo + u64::from(min_slots.max(1)) - 1);
    let slots = hi - lo + 1;
    (
        lo as f64 - 0.5,
        hi as f64 + 0.5,
        slots.clamp(1, 10) as usize,
    )
}

/// A tick label for a cycle axis: whole numbers only.
pub(crate) fn cycle_tick(v: &f64) -> String {
    if (v - v.round()).abs() < 1e-6 {
        format!("{:.0}", v.round())
    } else {
        String::new()
    }
}

/// How a line is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Dash {
    /// Unbroken.
    Solid,
    /// Long dashes.
    Dashed,
    /// Short dashes with wide gaps.
    Dotted,
}

impl Dash {
    /// Dash and gap lengths in pixels (`None` for a solid line).
    pub(crate) fn pattern(self) -> Option<(u32, u32)> {
        match self {
            Dash::Solid => None,
            Dash::Dashed => Some((10, 6)),
            Dash::Dotted => Some((3, 5)),
        }
    }
}

/// The mark drawn next to a legend label.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Glyph {
    /// A line sample.
    Line {
        color: RGBColor,
        width: u32,
        dash: Dash,
    },
    /// A line with a short arrow off its middle (a rule and its class-1 side).
    Arrow { color: RGBColor, width: u32 },
    /// A step line sample.
    Step { color: RGBColor, width: u32 },
    /// A filled circle with a darker rim.
    Dot { fill: RGBColor, rim: RGBColor },
    /// A hollow ring.
    Ring { color: RGBColor },
    /// A filled upward triangle with a darker rim.
    Triangle { fill: RGBColor, rim: RGBColor },
    /// An ×.
    Cross { color: RGBColor },
    /// Two colour squares side by side (decision regions).
    Regions { left: RGBColor, right: RGBColor },
    /// A filled area under a line.
    Area { fill: RGBColor, line: RGBColor },
}

/// One legend row: a glyph and a label (`\n` breaks the label into lines).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct LegendEntry {
    pub glyph: Glyph,
    pub label: String,
}

impl LegendEntry {
    pub(crate) fn new(glyph: Glyph, label: impl Into<String>) -> Self {
        LegendEntry {
            glyph,
            label: label.into(),
        }
    }
}

/// Text style for canvas text in pixel coordinates.
pub(crate) fn text_style(size: u32, color: &RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    TextStyle {
        font: (FONT, size).into_font(),
        color: color.to_backend_color(),
        pos: Pos::new(h, v),
    }
}

/// The triangle's corners around `(0, 0)`, pointing up, for a marker of
/// circumradius `r` pixels.
pub(crate) fn triangle_offsets(r: i32) -> Vec<(i32, i32)> {
    // Corners at -90°, 30°, 150° (screen y grows downwards).
    let h = (f64::from(r) * 0.866).round() as i32;
    let half = r / 2;
    vec![(0, -r), (h, half), (-h, half)]
}

/// Draws a filled circle of radius `r` with a 1 px rim at pixel `(x, y)` of `area`.
pub(crate) fn draw_dot(
    area: &Area,
    (x, y): (i32, i32),
    r: i32,
    fill: RGBColor,
    rim: RGBColor,
) -> DrawResult {
    area.draw(&Circle::new((x, y), r, fill.filled()))?;
    area.draw(&Circle::new((x, y), r, rim.stroke_width(1)))
}

/// Draws a filled upward triangle of circumradius `r` with a 1 px rim at pixel
/// `(x, y)` of `area`.
pub(crate) fn draw_triangle(
    area: &Area,
    (x, y): (i32, i32),
    r: i32,
    fill: RGBColor,
    rim: RGBColor,
) -> DrawResult {
    let pts: Vec<(i32, i32)> = triangle_offsets(r)
        .into_iter()
        .map(|(dx, dy)| (x + dx, y + dy))
        .collect();
    let mut outline = pts.clone();
    outline.push(pts[0]);
    area.draw(&Polygon::new(pts, fill.filled()))?;
    area.draw(&PathElement::new(outline, rim.stroke_width(1)))
}

/// A scatter's marks: class-0 dots and class-1 triangles with 1 px rims, drawn
/// straight on the canvas's context in a few batched paths instead of two
/// plotters calls (and two colour strings) per point. The points are drawn in
/// [`MARK_CHUNKS`] runs in their given order, each run dots first, then
/// triangles, so neither class always sits on top.
pub(crate) struct Marks {
    points: Vec<((f64, f64), bool)>,
}

/// How many runs [`Marks`] draws its points in.
pub(crate) const MARK_CHUNKS: usize = 8;

impl Marks {
    /// No marks yet.
    pub(crate) fn new() -> Self {
        Marks { points: Vec::new() }
    }

    /// A mark at pixel `(x, y)`: a triangle for class 1, else a dot.
    pub(crate) fn push(&mut self, (x, y): (i32, i32), class1: bool) {
        self.points.push(((f64::from(x), f64::from(y)), class1));
    }

    /// Draws the marks: dots of radius `dot_r` in `dot` with rim `dot_rim`,
    /// triangles of circumradius `tri_r` in `tri` with rim `tri_rim`.
    pub(crate) fn draw(
        &self,
        ctx: &CanvasRenderingContext2d,
        (dot_r, dot, dot_rim): (f64, RGBColor, RGBColor),
        (tri_r, tri, tri_rim): (f64, RGBColor, RGBColor),
    ) {
        let css = |c: RGBColor| format!("rgb({},{},{})", c.0, c.1, c.2);
        let (dot, dot_rim, tri, tri_rim) = (css(dot), css(dot_rim), css(tri), css(tri_rim));
        let offsets = triangle_offsets(tri_r.round() as i32);
        let chunk = self.points.len().div_ceil(MARK_CHUNKS).max(1);
        ctx.save();
        ctx.set_line_width(1.0);
        for run in self.points.chunks(chunk) {
            for (class1, fill, rim) in [(false, &dot, &dot_rim), (true, &tri, &tri_rim)] {
                ctx.begin_path();
                let mut any = false;
                for &((x, y), c) in run.iter().filter(|(_, c)| *c == class1) {
                    any = true;
                    if c {
                        let mut corners = offsets
                            .iter()
                            .map(|&(dx, dy)| (x + f64::from(dx), y + f64::from(dy)));
                        if let Some((x0, y0)) = corners.next() {
                            ctx.move_to(x0, y0);
                            corners.for_each(|(cx, cy)| ctx.line_to(cx, cy));
                            ctx.close_path();
                        }
                    } else {
                        ctx.move_to(x + dot_r, y);
                        let _ = ctx.arc(x, y, dot_r, 0.0, std::f64::consts::TAU);
                    }
                }
                if any {
                    ctx.set_fill_style_str(fill);
                    ctx.fill();
                    ctx.set_stroke_style_str(rim);
                    ctx.stroke();
                }
            }
        }
        ctx.restore();
    }
}

/// Draws an × of half-size `r` at pixel `(x, y)` of `area`.
pub(crate) fn draw_cross(area: &Area, (x, y): (i32, i32), r: i32, color: RGBColor) -> DrawResult {
    let style = color.stroke_width(3);
    area.draw(&PathElement::new(
        vec![(x - r, y - r), (x + r, y + r)],
        style,
    ))?;
    area.draw(&PathElement::new(
        vec![(x - r, y + r), (x + r, y - r)],
        style,
    ))
}

/// Draws the path through `points` (pixels of `area`) in `style`, dashed as
/// `dash` says.
pub(crate) fn draw_path(
    area: &Area,
    points: Vec<(i32, i32)>,
    style: plotters::style::ShapeStyle,
    dash: Dash,
) -> DrawResult {
    match dash.pattern() {
        None => area.draw(&PathElement::new(points, style)),
        Some((on, off)) => area.draw(&DashedPathElement::new(points, on, off, style)),
    }
}

/// Draws an arrow from `from` to `to` (pixels of `area`) with a filled head.
pub(crate) fn draw_arrow(
    area: &Area,
    from: (i32, i32),
    to: (i32, i32),
    color: RGBColor,
    width: u32,
) -> DrawResult {
    let (dx, dy) = (f64::from(to.0 - from.0), f64::from(to.1 - from.1));
    let len = dx.hypot(dy);
    if len < 1.0 {
        return Ok(());
    }
    let (ux, uy) = (dx / len, dy / len);
    let head = 6.0 + 2.5 * f64::from(width);
    let at = |along: f64, across: f64| {
        (
            (f64::from(to.0) - ux * along - uy * across).round() as i32,
            (f64::from(to.1) - uy * along + ux * across).round() as i32,
        )
    };
    area.draw(&PathElement::new(
        vec![from, at(head * 0.6, 0.0)],
        color.stroke_width(width),
    ))?;
    area.draw(&Polygon::new(
        vec![to, at(head, head * 0.55), at(head, -head * 0.55)],
        color.filled(),
    ))
}

/// Draws a glyph centred at `(x, y)` (pixels of `area`), 28 px wide.
fn draw_glyph(area: &Area, pal: &look::Palette, glyph: Glyph, x: i32, y: i32) -> DrawResult {
    let (x0, x1) = (x - 14, x + 14);
    match glyph {
        Glyph::Line { color, width, dash } => draw_path(
            area,
            vec![(x0, y), (x1, y)],
            color.stroke_width(width),
            dash,
        ),
        Glyph::Arrow { color, width } => {
            area.draw(&PathElement::new(
                vec![(x0, y + 4), (x1, y + 4)],
                color.stroke_width(width),
            ))?;
            draw_arrow(area, (x, y + 4), (x, y - 8), color, 2)
        }
        Glyph::Step { color, width } => area.draw(&PathElement::new(
            vec![(x0, y + 5), (x, y + 5), (x, y - 5), (x1, y - 5)],
            color.stroke_width(width),
        )),
        Glyph::Dot { fill, rim } => draw_dot(area, (x, y), 5, fill, rim),
        Glyph::Ring { color } => area.draw(&Circle::new((x, y), 7, color.stroke_width(3))),
        Glyph::Triangle { fill, rim } => draw_triangle(area, (x, y), 7, fill, rim),
        Glyph::Cross { color } => draw_cross(area, (x, y), 6, color),
        Glyph::Regions { left, right } => {
            area.draw(&Rectangle::new([(x0, y - 8), (x, y + 8)], left.filled()))?;
            area.draw(&Rectangle::new([(x, y - 8), (x1, y + 8)], right.filled()))?;
            area.draw(&Rectangle::new(
                [(x0, y - 8), (x1, y + 8)],
                pal.muted.stroke_width(1),
            ))
        }
        Glyph::Area { fill, line } => {
            area.draw(&Polygon::new(
                vec![
                    (x0, y + 8),
                    (x0, y + 2),
                    (x, y - 4),
                    (x1, y - 6),
                    (x1, y + 8),
                ],
                fill.filled(),
            ))?;
            area.draw(&PathElement::new(
                vec![(x0, y + 2), (x, y - 4), (x1, y - 6)],
                line.stroke_width(3),
            ))
        }
    }
}

/// Draws a legend down the left edge of `area` (a panel beside the plot), from
/// `top`, with a gap of `gap` pixels between entries; returns the y just below
/// it. Labels are the look's label size.
pub(crate) fn draw_legend(
    area: &Area,
    look: ChartLook,
    top: i32,
    gap: i32,
    entries: &[LegendEntry],
) -> Result<i32, DrawError> {
    let (pal, size) = (look.palette(), look.type_sizes());
    let line_height = size.legend_line;
    let style = text_style(size.label, &pal.ink, HPos::Left, VPos::Center);
    let mut y = top;
    for entry in entries {
        let lines: Vec<&str> = entry.label.lines().collect();
        let n = lines.len().max(1) as i32;
        let first_centre = y + line_height / 2;
        draw_glyph(area, pal, entry.glyph, 18, first_centre)?;
        for (i, line) in lines.iter().enumerate() {
            area.draw_text(line, &style, (40, first_centre + i as i32 * line_height))?;
        }
        y += n * line_height + gap;
    }
    Ok(y)
}

/// Draws secondary text lines (e.g. "showing 1,500 of 20,000") in the muted
/// colour.
pub(crate) fn draw_note(
    area: &Area,
    look: ChartLook,
    top: i32,
    text: &str,
) -> Result<i32, DrawError> {
    let (pal, size) = (look.palette(), look.type_sizes());
    let style = text_style(size.tick, &pal.muted, HPos::Left, VPos::Top);
    let mut y = top;
    for line in text.lines() {
        area.draw_text(line, &style, (8, y))?;
        y += size.tick as i32 + 4;
    }
    Ok(y)
}

/// Finished cycles whose summaries the core no longer keeps (it keeps the
/// newest `HISTORY_CYCLES`): per-cycle charts add them to the cycles they count.
pub(crate) fn forgotten_cycles(s: &Snapshot) -> usize {
    (s.totals.cycles as usize).saturating_sub(s.summaries.len())
}

/// Under a per-cycle chart's legend: "last N of M cycles" when only the newest
/// `shown` of the run's `total` cycles are drawn.
pub(crate) fn draw_cycles_note(
    area: &Area,
    look: ChartLook,
    top: i32,
    shown: usize,
    total: usize,
) -> DrawResult {
    if total > shown {
        draw_note(
            area,
            look,
            top,
            &format!(
                "last {} of\n{} cycles",
                group_thousands(shown),
                group_thousands(total)
            ),
        )?;
    }
    Ok(())
}

/// The snapshot after `steps` steps of a run with `params` (chart tests).
#[cfg(test)]
pub(crate) fn snapshot_after(params: crate::sim::params::SimParams, steps: u32) -> Snapshot {
    let (mut engine, _) = crate::sim::engine::Engine::new(params);
    engine.handle(crate::sim::engine::protocol::Command::Run(steps))
}

#[wasm_bindgen]
extern "C" {
    /// `console.warn` (a warning, not an error: the page's end-to-end tests
    /// fail on console errors, and a chart that could not draw still has its
    /// text alternative).
    #[wasm_bindgen(js_namespace = console, js_name = warn)]
    fn console_warn(message: &str);
}

/// What a chart draws with: plotters' drawing area, the same canvas's 2D
/// context for the many small marks that plotters would draw one call (and one
/// colour string) at a time ([`Marks`]), and the look to draw in.
pub(crate) struct Canvas<'a> {
    /// The drawing area (axes, lines, text, legends).
    pub area: &'a Area,
    /// The canvas's 2D context (the one plotters draws on).
    pub ctx: &'a CanvasRenderingContext2d,
    /// The colours and type sizes.
    pub look: ChartLook,
}

/// Clears the canvas to the look's background, then runs `draw` on it, then
/// presents it; sets the canvas's `data-draw-ms` attribute to the time the
/// draw took.
fn paint(
    canvas: &NodeRef,
    snapshot: &Snapshot,
    look: ChartLook,
    draw: fn(&Canvas, &Snapshot) -> DrawResult,
) -> Result<(), String> {
    let element = canvas
        .cast::<HtmlCanvasElement>()
        .ok_or_else(|| "the canvas is not on the page yet".to_string())?;
    let ctx: CanvasRenderingContext2d = element
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into().ok())
        .ok_or_else(|| "this browser gave no 2D canvas context".to_string())?;
    let backend = CanvasBackend::with_canvas_object(element)
        .ok_or_else(|| "this browser gave no 2D canvas context".to_string())?;
    let performance = web_sys::window().and_then(|w| w.performance());
    let started = performance.as_ref().map(|p| p.now());
    let root = backend.into_drawing_area();
    let run = || -> DrawResult {
        root.fill(&look.palette().background)?;
        draw(
            &Canvas {
                area: &root,
                ctx: &ctx,
                look,
            },
            snapshot,
        )?;
        root.present()
    };
    let outcome = run().map_err(|e| e.to_string());
    // How long the draw took, for the end-to-end tests' time budget.
    if let (Some(p), Some(t0), Some(element)) = (performance, started, canvas.cast::<Element>()) {
        let _ = element.set_attribute("data-draw-ms", &format!("{:.1}", p.now() - t0));
    }
    // The look it was drawn in, for the end-to-end tests (scheme, view and the
    // tick labels' size in canvas pixels).
    if let Some(element) = canvas.cast::<Element>() {
        let scheme = if look.dark { "dark" } else { "light" };
        let _ = element.set_attribute("data-scheme", scheme);
        let _ = element.set_attribute("data-tick-px", &look.type_sizes().tick.to_string());
    }
    outcome
}

/// Draws a chart on the canvas behind the returned `NodeRef` whenever `key`
/// or the page's [`ChartLook`] changes; returns the drawing error, if any, in
/// words.
#[hook]
pub(crate) fn use_chart<K>(
    name: &'static str,
    key: K,
    snapshot: Rc<Snapshot>,
    draw: fn(&Canvas, &Snapshot) -> DrawResult,
) -> (NodeRef, Option<String>)
where
    K: PartialEq + 'static,
{
    let canvas = use_node_ref();
    let error = use_state_eq(|| None::<String>);
    let look = use_chart_look();
    {
        let canvas = canvas.clone();
        let error = error.clone();
        use_effect_with((key, look), move |(_, look)| {
            let look = *look;
            // Each chart paints in a task of its own (a zero-delay timeout), not in
            // the task that decoded the snapshot and rendered the page, so the
            // browser can show a frame in between; a newer snapshot cancels a
            // paint that has not run yet.
            let pending = gloo_timers::callback::Timeout::new(0, move || {
                let outcome = paint(&canvas, &snapshot, look, draw);
                if let Err(e) = &outcome {
                    console_warn(&format!("{name} chart: could not draw: {e}"));
                }
                error.set(outcome.err());
            });
            move || drop(pending)
        });
    }
    (canvas, (*error).clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn a_charts_class_and_file_name_agree() {
        for id in [
            ChartId::Scatter,
            ChartId::Performance,
            ChartId::Drift,
            ChartId::Race,
            ChartId::RaceCost,
            ChartId::Sweep,
        ] {
            assert_eq!(id.class(), format!("chart-{}", id.name()));
        }
    }
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn counts_get_separators_and_plurals() {
        assert_eq!(count_noun(1, "alert", "alerts"), "1 alert");
        assert_eq!(count_noun(0, "alert", "alerts"), "0 alerts");
        assert_eq!(count_noun(20_000, "row", "rows"), "20,000 rows");
    }

    #[wasm_bindgen_test]
    fn the_newest_items_are_shown() {
        assert_eq!(window_start(1_000, 300), 700);
        assert_eq!(window_start(10, 300), 0);
    }

    #[wasm_bindgen_test]
    fn cycle_axis_puts_whole_cycles_in_slots() {
        assert_eq!(cycle_axis(1, 5, 1), (0.5, 5.5, 5));
        assert_eq!(cycle_axis(3, 3, 1), (2.5, 3.5, 1));
        assert_eq!(cycle_axis(1, 1, 5), (0.5, 5.5, 5));
        assert_eq!(cycle_axis(701, 1_000, 1), (700.5, 1_000.5, 10));
        assert_eq!(cycle_axis(u32::MAX, 0, 1).2, 10);
        assert_eq!(cycle_tick(&3.0), "3");
        assert_eq!(cycle_tick(&2.5), "");
    }
}
