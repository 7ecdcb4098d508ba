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

pub(crate) mod backend;
pub mod drift;
mod figure;
pub(crate) mod frame;
pub mod geometry;
pub mod look;
mod paint;
pub mod performance;
pub mod race;
pub mod race_cost;
pub mod scatter;
mod stamp;
pub mod sweep;

pub use drift::DriftChart;
pub(crate) use figure::chart_figure;
pub use figure::ChartId;
pub(crate) use frame::{chart_height, draw_frame_legend, frame, legend_width, Frame, NARROW};
pub use look::ChartLookProvider;
pub(crate) use paint::{png_of, use_chart, use_chart_prepared, Canvas};
pub use performance::PerformanceChart;
pub use race::RaceChart;
pub use race_cost::RaceCostChart;
pub use scatter::ScatterChart;
pub(crate) use stamp::{MarkStyle, Marks};
pub use sweep::SweepChart;

use plotters::coord::Shift;
use plotters::drawing::{DrawingArea, DrawingAreaErrorKind};
use plotters::element::{Circle, DashedPathElement, PathElement, Polygon, Rectangle};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, IntoFont, RGBColor, TextStyle, TRANSPARENT};
use wasm_bindgen::prelude::wasm_bindgen;

use crate::sim::engine::protocol::Snapshot;
use crate::sim::english::group_thousands;
use backend::Backend;
use look::ChartLook;

/// Width of a chart's canvas before it is measured on the page (CSS pixels):
/// each chart is then drawn at the width its column gives it.
pub const CANVAS_WIDTH: u32 = paint::DEFAULT_WIDTH;
/// Height of a chart's canvas before it is measured on the page.
pub const CANVAS_HEIGHT: u32 = 360;

/// The font family of all chart text.
pub(crate) const FONT: &str = "sans-serif";

/// The error type of every drawing call.
pub(crate) type DrawError =
    DrawingAreaErrorKind<<Backend as plotters::backend::DrawingBackend>::ErrorType>;
/// The result of drawing one chart.
pub(crate) type DrawResult = Result<(), DrawError>;
/// The whole canvas as a plotters drawing area.
pub(crate) type Area = DrawingArea<Backend, Shift>;

/// A per-cycle chart with y from 0 to 1, as the performance, drift and race
/// charts draw it.
pub(crate) type CycleChart<'a> = plotters::chart::ChartContext<
    'a,
    Backend,
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
    // A short plot (the legend under it on a phone) gets fewer ticks, so that
    // its labels keep their size without crowding.
    let (width, height) = area.dim_in_pixel();
    let y_labels = if height < 300 {
        y_labels.min(6)
    } else {
        y_labels
    };
    let x_labels = if width < NARROW {
        x_labels.min(6)
    } else {
        x_labels
    };
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
    /// A line on a patch of a band (`band` at `opacity`).
    Banded {
        band: RGBColor,
        opacity: f64,
        color: RGBColor,
        width: u32,
        dash: Dash,
    },
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
        Glyph::Banded {
            band,
            opacity,
            color,
            width,
            dash,
        } => {
            area.draw(&Rectangle::new(
                [(x0, y - 7), (x1, y + 7)],
                band.mix(opacity).filled(),
            ))?;
            draw_path(
                area,
                vec![(x0, y), (x1, y)],
                color.stroke_width(width),
                dash,
            )
        }
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
