//! The scatter's shapes: its areas and coordinates, its axes, and the lines,
//! circles, region edges and arrows drawn over the points.

use plotters::chart::ChartBuilder;
use plotters::style::{Color, TRANSPARENT};

use super::super::frame::{below_height, split, wide_height};
use super::super::geometry::{clip_boundary, region_edges};
use super::super::look::ChartLook;
use super::super::{
    draw_arrow, draw_path, legend_width, Area, Canvas, Dash, DrawError, DrawResult, Frame,
    LegendEntry, FONT, NARROW,
};
use crate::sim::ml::train::{DecisionGrid, LinearBoundary};
use crate::sim::ml::truth::class1_arrow;
use crate::sim::stream::circle::{from_view, TrueCircle};

/// The plot's coordinates: data square `[-h, h]²` onto canvas pixels.
pub(super) type ScatterChartContext<'a> = plotters::chart::ChartContext<
    'a,
    super::super::backend::Backend,
    plotters::coord::cartesian::Cartesian2d<
        plotters::coord::types::RangedCoordf64,
        plotters::coord::types::RangedCoordf64,
    >,
>;

/// Draws a line of the model or rule across the view (clipped to it).
pub(super) fn draw_line(
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
pub(super) fn draw_circle(
    canvas: &Canvas,
    chart: &ScatterChartContext,
    circle: TrueCircle,
    style: plotters::style::ShapeStyle,
    dash: Dash,
) -> DrawResult {
    let pixels = circle_points()
        .map(|(cos, sin)| {
            chart.backend_coord(&(
                circle.centre[0] + circle.radius * cos,
                circle.centre[1] + circle.radius * sin,
            ))
        })
        .collect();
    draw_path(canvas.area, pixels, style, dash)
}

/// How many straight segments draw a circle.
const SEGMENTS: usize = 96;

/// The points (cos a, sin a) of a unit circle at `SEGMENTS` equal steps of the
/// angle, closed (the last is the first), by turning the previous point through
/// one step. No sine or cosine is computed: the page's only use of them linked
/// the library's trigonometry (with its argument reduction, ~7 KB of wasm).
fn circle_points() -> impl Iterator<Item = (f64, f64)> {
    // cos and sin of TAU / SEGMENTS (3.75°).
    const STEP: (f64, f64) = (0.997_858_923_238_603_5, 0.065_403_129_230_143_06);
    std::iter::successors(Some((1.0, 0.0)), |&(c, s)| {
        Some((c * STEP.0 - s * STEP.1, s * STEP.0 + c * STEP.1))
    })
    .take(SEGMENTS + 1)
}

/// Draws a grid's region edges (a tree's boundary).
pub(super) fn draw_edges(
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
pub(super) fn draw_rule_arrow(
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
pub(super) fn arrow_start(line: &LinearBoundary, offset: f64) -> Option<(f64, f64)> {
    let (at, n) = class1_arrow(line)?;
    Some((at[0] - n[1] * offset, at[1] + n[0] * offset))
}

/// Which way along a rule's line its arrow goes, away from the points: the
/// side of the line's centre point where fewer of the batch's points lie.
pub(super) fn quiet_side(line: &LinearBoundary, points: &[[f64; 2]]) -> f64 {
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

/// The scatter's legend width beside the plot (at the normal type).
const LEGEND_BASE: u32 = 150;

/// The side of the scatter's square plot (CSS pixels) on a canvas `width`
/// wide and `height` tall: the height less the x axis beside the legend, the
/// width less the y axis with the legend under it.
fn plot_side(width: u32, height: u32, look: ChartLook) -> u32 {
    let size = look.type_sizes();
    let y_axis = size.x_axis + 8;
    if width < NARROW {
        width.saturating_sub(20 + y_axis)
    } else {
        let beside = width.saturating_sub(legend_width(LEGEND_BASE, look) + 20 + y_axis);
        height.saturating_sub(20 + size.x_axis).min(beside)
    }
}

/// The scatter's height at `width`: beside its legend, the charts' height;
/// on a narrow screen the square plot, then the legend and its note under it.
pub(super) fn scatter_height(entries: &[LegendEntry], look: ChartLook, width: u32) -> u32 {
    if width >= NARROW {
        return wide_height(width, look);
    }
    let plot = plot_side(width, 0, look) + 20 + look.type_sizes().x_axis;
    plot + below_height(look, entries, 2)
}

/// The scatter's plot and legend areas on the whole canvas, and the widths of
/// its x and y axes: a square plot on the left and the legend on the right,
/// or the legend under the plot on a narrow screen.
pub(super) fn split_areas(root: &Area, look: ChartLook) -> (Frame, (u32, u32)) {
    let size = look.type_sizes();
    let y_axis = size.x_axis + 8;
    let (width, height) = root.dim_in_pixel();
    let side = plot_side(width, height, look);
    let frame = if width < NARROW {
        split(root, true, side + 20 + size.x_axis)
    } else {
        split(root, false, side + 20 + y_axis)
    };
    (frame, (size.x_axis, y_axis))
}

/// The plot's coordinates on `plot_area` (nothing drawn).
pub(super) fn plot_coords(
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
pub(super) fn draw_axes(
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
    let (frame, axes) = split_areas(root, look);
    let mut chart = plot_coords(&frame.plot, axes, h)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn the_circle_is_drawn_at_equal_steps_and_closes() {
        let points: Vec<(f64, f64)> = circle_points().collect();
        assert_eq!(points.len(), SEGMENTS + 1);
        for (i, &(c, s)) in points.iter().enumerate() {
            let a = std::f64::consts::TAU * i as f64 / SEGMENTS as f64;
            assert!(
                (c - a.cos()).abs() < 1e-12 && (s - a.sin()).abs() < 1e-12,
                "{i}"
            );
        }
        let (first, last) = (points[0], points[SEGMENTS]);
        assert!((first.0 - last.0).abs() < 1e-12 && (first.1 - last.1).abs() < 1e-12);
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
}
