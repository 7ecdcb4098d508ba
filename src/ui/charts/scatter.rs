//! The newest batch as a scatter plot by class, over the live model's decision
//! regions, with the live boundary and, while a candidate is judged, the
//! candidate's boundary (logistic regression) or region edges (tree).

use std::rc::Rc;

use plotters::chart::ChartBuilder;
use plotters::element::{DashedPathElement, PathElement, Rectangle};
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{Color, RGBColor, TRANSPARENT};
use yew::prelude::*;

use super::{
    chart_figure, draw_legend, draw_note, text_style, tint, use_chart, Canvas, ChartText,
    DrawResult, Glyph, LegendEntry, Marks, FONT, GREY, INK, LABEL_FONT_PX, OI_BLUE, OI_ORANGE,
    OI_VERMILLION, TICK_FONT_PX,
};
use crate::sim::english::group_thousands;
use crate::sim::protocol::Snapshot;
use crate::sim::stream::VIEW_HALF_SIDE;
use crate::sim::train::{DecisionGrid, LinearBoundary};

/// Opacity of the decision-region tint over white (light, so points stay readable).
const CLASS0_TINT: f64 = 0.13;
const CLASS1_TINT: f64 = 0.17;
/// Darker rims that keep the markers distinct on their own region's tint.
const CLASS0_RIM: RGBColor = RGBColor(0x00, 0x45, 0x6B);
const CLASS1_RIM: RGBColor = RGBColor(0x7A, 0x54, 0x00);

/// Properties of [`ScatterChart`].
#[derive(Properties, PartialEq)]
pub struct ScatterChartProps {
    /// The state to show: `batch`, `live_grid`, `live_boundary`,
    /// `candidate_grid`, `candidate_boundary` and `candidate` are used.
    pub snapshot: Rc<Snapshot>,
}

/// The newest batch by class over the live model's decision regions.
#[component]
pub fn ScatterChart(props: &ScatterChartProps) -> Html {
    let snap = &props.snapshot;
    let text = scatter_text(snap);
    let (canvas, error) = use_chart(
        "scatter",
        ScatterKey::of(snap),
        props.snapshot.clone(),
        draw_scatter,
    );
    chart_figure("chart-scatter", canvas, &text, error)
}

/// What the scatter depends on, cheap to compare: the batch is fingerprinted
/// (cycle, length, three sample rows) rather than compared row by row.
#[derive(Clone, Debug, PartialEq)]
struct ScatterKey {
    seed: u64,
    batch_cycle: u32,
    batch_len: usize,
    batch_probe: [Option<([f64; 2], bool)>; 3],
    live_grid: Option<DecisionGrid>,
    live_boundary: Option<LinearBoundary>,
    candidate: Option<u32>,
    candidate_grid: Option<DecisionGrid>,
    candidate_boundary: Option<LinearBoundary>,
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
            live_grid: s.live_grid.clone(),
            live_boundary: s.live_boundary,
            candidate: s.candidate,
            candidate_grid: s.candidate_grid.clone(),
            candidate_boundary: s.candidate_boundary,
        }
    }
}

/// Where the line `w1*x1 + w2*x2 + b = 0` crosses the square
/// `[-half, half]²`: its two end points, or `None` when it misses the square
/// (or the weights are zero or not finite).
pub fn clip_boundary(line: &LinearBoundary, half: f64) -> Option<[(f64, f64); 2]> {
    let LinearBoundary { w1, w2, b } = *line;
    if ![w1, w2, b, half].iter().all(|v| v.is_finite()) || half <= 0.0 {
        return None;
    }
    let eps = 1e-9 * half.max(1.0);
    let mut hits: Vec<(f64, f64)> = Vec::with_capacity(4);
    if w2 != 0.0 {
        for x1 in [-half, half] {
            let x2 = -(w1 * x1 + b) / w2;
            if x2.abs() <= half + eps {
                hits.push((x1, x2.clamp(-half, half)));
            }
        }
    }
    if w1 != 0.0 {
        for x2 in [-half, half] {
            let x1 = -(w2 * x2 + b) / w1;
            if x1.abs() <= half + eps {
                hits.push((x1.clamp(-half, half), x2));
            }
        }
    }
    let mut best: Option<([(f64, f64); 2], f64)> = None;
    for (i, p) in hits.iter().enumerate() {
        for q in &hits[i + 1..] {
            let d = (p.0 - q.0).hypot(p.1 - q.1);
            if d > eps && best.is_none_or(|(_, bd)| d > bd) {
                best = Some(([*p, *q], d));
            }
        }
    }
    best.map(|(seg, _)| seg)
}

/// A horizontal run of grid cells with the same predicted class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RegionRun {
    /// Grid row (0 at the bottom).
    pub row: usize,
    /// First column of the run.
    pub start: usize,
    /// One past the last column.
    pub end: usize,
    /// The predicted class is 1.
    pub class1: bool,
}

/// True when the grid's shape is consistent (a malformed grid draws nothing).
fn grid_ok(grid: &DecisionGrid) -> bool {
    grid.cells > 0
        && grid.class1.len() == grid.cells * grid.cells
        && grid.half_side.is_finite()
        && grid.half_side > 0.0
}

/// The grid as runs of equal class, row by row (so a 40×40 grid is drawn as a
/// few dozen rectangles instead of 1,600).
pub fn region_runs(grid: &DecisionGrid) -> Vec<RegionRun> {
    let mut runs = Vec::new();
    if !grid_ok(grid) {
        return runs;
    }
    for (row, cells) in grid.class1.chunks(grid.cells).enumerate() {
        let mut start = 0;
        for col in 1..=cells.len() {
            if col == cells.len() || cells[col] != cells[start] {
                runs.push(RegionRun {
                    row,
                    start,
                    end: col,
                    class1: cells[start],
                });
                start = col;
            }
        }
    }
    runs
}

/// The edges between cells of different class, as line segments in data
/// coordinates, merged along straight stretches (the outline of a tree's regions).
pub fn region_edges(grid: &DecisionGrid) -> Vec<[(f64, f64); 2]> {
    let mut edges = Vec::new();
    if !grid_ok(grid) {
        return edges;
    }
    let n = grid.cells;
    let h = grid.half_side;
    let side = 2.0 * h / n as f64;
    let at = |i: usize| -h + i as f64 * side;
    let class = |row: usize, col: usize| grid.class1[row * n + col];
    // Vertical edges: between column c and c + 1, merged over consecutive rows.
    for c in 0..n.saturating_sub(1) {
        let mut open: Option<usize> = None;
        for row in 0..=n {
            let differs = row < n && class(row, c) != class(row, c + 1);
            match (differs, open) {
                (true, None) => open = Some(row),
                (false, Some(r0)) => {
                    edges.push([(at(c + 1), at(r0)), (at(c + 1), at(row))]);
                    open = None;
                }
                _ => {}
            }
        }
    }
    // Horizontal edges: between row r and r + 1, merged over consecutive columns.
    for r in 0..n.saturating_sub(1) {
        let mut open: Option<usize> = None;
        for col in 0..=n {
            let differs = col < n && class(r, col) != class(r + 1, col);
            match (differs, open) {
                (true, None) => open = Some(col),
                (false, Some(c0)) => {
                    edges.push([(at(c0), at(r + 1)), (at(col), at(r + 1))]);
                    open = None;
                }
                _ => {}
            }
        }
    }
    edges
}

/// The candidate's version while it is drawn (its grid is only sent while it is judged).
fn judged_candidate(s: &Snapshot) -> Option<Option<u32>> {
    s.candidate_grid.as_ref().map(|_| s.candidate)
}

fn version(v: Option<u32>) -> String {
    v.map_or_else(String::new, |v| format!(" v{v}"))
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
    if let Some(c) = &cand_name {
        aria.push_str(&format!(", with the {c}'s boundary"));
    }
    aria.push('.');

    let mut caption = if n == 0 {
        format!("{which} has no points yet.")
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
            " Shading: where the {live} predicts each class; solid dark line: its decision boundary."
        )),
        (Some(_), None) => caption.push_str(&format!(
            " Shading: where the {live} predicts each class."
        )),
        (None, Some(_)) => caption.push_str(&format!(
            " Solid dark line: the {live}'s decision boundary."
        )),
        (None, None) => {}
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
fn legend(s: &Snapshot) -> Vec<LegendEntry> {
    let mut rows = vec![
        LegendEntry::new(
            Glyph::Dot {
                fill: OI_BLUE,
                rim: CLASS0_RIM,
            },
            "class 0",
        ),
        LegendEntry::new(
            Glyph::Triangle {
                fill: OI_ORANGE,
                rim: CLASS1_RIM,
            },
            "class 1",
        ),
    ];
    if s.live_grid.is_some() {
        rows.push(LegendEntry::new(
            Glyph::Regions {
                left: tint(OI_BLUE, CLASS0_TINT * 2.0),
                right: tint(OI_ORANGE, CLASS1_TINT * 2.0),
            },
            format!("v{} predicts\nclass 0 | 1", s.live_version),
        ));
    }
    if s.live_boundary.is_some() {
        rows.push(LegendEntry::new(
            Glyph::Line {
                color: INK,
                width: 3,
                dashed: false,
            },
            format!("live v{}\nboundary", s.live_version),
        ));
    }
    if let Some(v) = judged_candidate(s) {
        let glyph = Glyph::Line {
            color: OI_VERMILLION,
            width: 3,
            dashed: s.candidate_boundary.is_some(),
        };
        let what = if s.candidate_boundary.is_some() {
            "boundary"
        } else {
            "region edges"
        };
        rows.push(LegendEntry::new(
            glyph,
            format!("candidate{}\n{what}", version(v)),
        ));
    }
    rows
}

/// Draws the scatter on the whole canvas: a square plot on the left, the legend
/// on the right.
fn draw_scatter(canvas: &Canvas, s: &Snapshot) -> DrawResult {
    let root = canvas.area;
    let h = s
        .live_grid
        .as_ref()
        .map(|g| g.half_side)
        .filter(|h| h.is_finite() && *h > 0.0)
        .unwrap_or(VIEW_HALF_SIDE);
    // Plot width 368 - 2*10 - 48 = 300 = plot height 360 - 2*10 - 40: square.
    let (plot_area, legend_area) = root.split_horizontally(368);
    let mut chart = ChartBuilder::on(&plot_area)
        .margin(10)
        .x_label_area_size(40)
        .y_label_area_size(48)
        .build_cartesian_2d(-h..h, -h..h)?;

    // 1. The live model's regions, as a light tint.
    if let Some(grid) = s.live_grid.as_ref().filter(|g| grid_ok(g)) {
        let side = 2.0 * grid.half_side / grid.cells as f64;
        let at = |i: usize| -grid.half_side + i as f64 * side;
        let c0 = tint(OI_BLUE, CLASS0_TINT).filled();
        let c1 = tint(OI_ORANGE, CLASS1_TINT).filled();
        chart.draw_series(region_runs(grid).into_iter().map(|r| {
            Rectangle::new(
                [(at(r.start), at(r.row + 1)), (at(r.end), at(r.row))],
                if r.class1 { c1 } else { c0 },
            )
        }))?;
    }

    // 2. Axes and a faint grid over the tint.
    chart
        .configure_mesh()
        .x_labels(8)
        .y_labels(8)
        .light_line_style(TRANSPARENT)
        .bold_line_style(INK.mix(0.08))
        .axis_style(GREY)
        .label_style((FONT, TICK_FONT_PX, &INK))
        .axis_desc_style((FONT, LABEL_FONT_PX, &INK))
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|v| format!("{v:.0}"))
        .x_desc("feature x1")
        .y_desc("feature x2")
        .draw()?;

    // 3. The points, subsampled, in batch order so neither class always sits on top.
    // The snapshot carries the engine's sample of the batch (SHOWN_POINTS).
    let mut marks = Marks::new();
    for (p, &class1) in s
        .batch
        .x
        .iter()
        .zip(&s.batch.y)
        .filter(|(p, _)| p[0].abs() <= h && p[1].abs() <= h)
    {
        marks.push(chart.backend_coord(&(p[0], p[1])), class1);
    }
    marks.draw(
        canvas.ctx,
        (3.0, OI_BLUE, CLASS0_RIM),
        (5.0, OI_ORANGE, CLASS1_RIM),
    );

    // 4. The candidate: its line (logistic) or its region edges (tree).
    if judged_candidate(s).is_some() {
        match (&s.candidate_boundary, &s.candidate_grid) {
            (Some(line), _) => {
                if let Some([a, b]) = clip_boundary(line, h) {
                    chart.draw_series(std::iter::once(DashedPathElement::new(
                        vec![a, b],
                        12,
                        7,
                        OI_VERMILLION.stroke_width(3),
                    )))?;
                }
            }
            (None, Some(grid)) => {
                chart.draw_series(
                    region_edges(grid)
                        .into_iter()
                        .map(|[a, b]| PathElement::new(vec![a, b], OI_VERMILLION.stroke_width(3))),
                )?;
            }
            (None, None) => {}
        }
    }

    // 5. The live boundary, solid, on top.
    if let Some([a, b]) = s.live_boundary.as_ref().and_then(|l| clip_boundary(l, h)) {
        chart.draw_series(std::iter::once(PathElement::new(
            vec![a, b],
            INK.stroke_width(3),
        )))?;
    }

    if s.batch.is_empty() {
        let style = text_style(LABEL_FONT_PX, &GREY, HPos::Center, VPos::Center);
        let (x, y) = chart.backend_coord(&(0.0, 0.0));
        root.draw_text("No data yet", &style, (x, y))?;
    }

    // The legend panel.
    let below = draw_legend(&legend_area, 14, &legend(s))?;
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
    draw_note(&legend_area, below + 4, &note)?;
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

    #[wasm_bindgen_test]
    fn trees_get_an_outline_and_big_batches_a_sample_note() {
        let s = snapshot_after(SimParams::default().model(ModelKind::DecisionTree), 4);
        assert!(s.candidate_grid.is_some() && s.candidate_boundary.is_none());
        let t = scatter_text(&s);
        assert!(t.caption.contains("Vermillion outline"), "{}", t.caption);
        assert!(!t.caption.contains("solid dark line"), "{}", t.caption);
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

    fn close(a: (f64, f64), b: (f64, f64)) -> bool {
        (a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9
    }

    fn has_ends(seg: [(f64, f64); 2], p: (f64, f64), q: (f64, f64)) -> bool {
        (close(seg[0], p) && close(seg[1], q)) || (close(seg[0], q) && close(seg[1], p))
    }

    #[wasm_bindgen_test]
    fn diagonal_line_runs_corner_to_corner() {
        // x1 - x2 = 0.
        let line = LinearBoundary {
            w1: 1.0,
            w2: -1.0,
            b: 0.0,
        };
        let seg = clip_boundary(&line, 7.0).unwrap();
        assert!(has_ends(seg, (-7.0, -7.0), (7.0, 7.0)), "{seg:?}");
    }

    #[wasm_bindgen_test]
    fn vertical_and_horizontal_lines_clip() {
        // x1 = 2.
        let seg = clip_boundary(
            &LinearBoundary {
                w1: 1.0,
                w2: 0.0,
                b: -2.0,
            },
            7.0,
        )
        .unwrap();
        assert!(has_ends(seg, (2.0, -7.0), (2.0, 7.0)), "{seg:?}");
        // x2 = -3.
        let seg = clip_boundary(
            &LinearBoundary {
                w1: 0.0,
                w2: 2.0,
                b: 6.0,
            },
            7.0,
        )
        .unwrap();
        assert!(has_ends(seg, (-7.0, -3.0), (7.0, -3.0)), "{seg:?}");
    }

    #[wasm_bindgen_test]
    fn lines_outside_or_degenerate_give_none() {
        let miss = LinearBoundary {
            w1: 0.0,
            w2: 1.0,
            b: -20.0,
        };
        assert_eq!(clip_boundary(&miss, 7.0), None);
        let zero = LinearBoundary {
            w1: 0.0,
            w2: 0.0,
            b: 1.0,
        };
        assert_eq!(clip_boundary(&zero, 7.0), None);
        let nan = LinearBoundary {
            w1: f64::NAN,
            w2: 1.0,
            b: 0.0,
        };
        assert_eq!(clip_boundary(&nan, 7.0), None);
    }

    #[wasm_bindgen_test]
    fn clipped_ends_lie_on_the_line_and_the_square() {
        let line = LinearBoundary {
            w1: 0.8,
            w2: 1.7,
            b: -1.3,
        };
        let seg = clip_boundary(&line, 7.0).unwrap();
        for (x1, x2) in seg {
            assert!((line.w1 * x1 + line.w2 * x2 + line.b).abs() < 1e-9);
            assert!(x1.abs() <= 7.0 && x2.abs() <= 7.0);
            assert!((x1.abs() - 7.0).abs() < 1e-9 || (x2.abs() - 7.0).abs() < 1e-9);
        }
    }

    fn grid(cells: usize, f: impl Fn(usize, usize) -> bool) -> DecisionGrid {
        let mut class1 = Vec::new();
        for row in 0..cells {
            for col in 0..cells {
                class1.push(f(row, col));
            }
        }
        DecisionGrid {
            cells,
            half_side: 7.0,
            class1,
        }
    }

    #[wasm_bindgen_test]
    fn runs_cover_every_cell_once() {
        let g = grid(4, |r, c| c >= r);
        let runs = region_runs(&g);
        let covered: usize = runs.iter().map(|r| r.end - r.start).sum();
        assert_eq!(covered, 16);
        // Row 0: all class 1; row 3: 3 class 0 then 1 class 1.
        assert_eq!(
            runs[0],
            RegionRun {
                row: 0,
                start: 0,
                end: 4,
                class1: true
            }
        );
        assert_eq!(runs.iter().filter(|r| r.row == 3).count(), 2);
        let bad = DecisionGrid {
            cells: 4,
            half_side: 7.0,
            class1: vec![true; 3],
        };
        assert!(region_runs(&bad).is_empty());
        assert!(region_edges(&bad).is_empty());
    }

    #[wasm_bindgen_test]
    fn a_vertical_split_has_one_merged_edge() {
        // Left half class 0, right half class 1: one edge at x1 = 0 over the full height.
        let g = grid(4, |_, c| c >= 2);
        let edges = region_edges(&g);
        assert_eq!(edges.len(), 1);
        assert!(has_ends(edges[0], (0.0, -7.0), (0.0, 7.0)), "{edges:?}");
        // A uniform grid has no edges.
        assert!(region_edges(&grid(5, |_, _| true)).is_empty());
    }

    #[wasm_bindgen_test]
    fn a_corner_region_has_an_l_shaped_outline() {
        // Only the top-right cell of a 2x2 grid is class 1.
        let g = grid(2, |r, c| r == 1 && c == 1);
        let edges = region_edges(&g);
        assert_eq!(edges.len(), 2);
        assert!(edges.iter().any(|e| has_ends(*e, (0.0, 0.0), (0.0, 7.0))));
        assert!(edges.iter().any(|e| has_ends(*e, (0.0, 0.0), (7.0, 0.0))));
    }
}
