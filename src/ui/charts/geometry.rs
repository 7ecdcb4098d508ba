//! The scatter's pure geometry: a straight boundary clipped to the square
//! view, and a decision grid as runs of equal class (the shading) and as the
//! edges between its classes (a tree's outline), in data coordinates.

use crate::sim::ml::train::{DecisionGrid, LinearBoundary};

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
pub(crate) fn grid_ok(grid: &DecisionGrid) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

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
