//! Where a chart's plot and legend go at the width it is shown: the legend
//! beside the plot, or under it in two columns on a narrow screen (a phone),
//! and how tall the chart is for that.

use super::look::ChartLook;
use super::{draw_legend, Area, DrawError, LegendEntry};

/// Below this width (CSS pixels) the legend goes under the plot.
pub(crate) const NARROW: u32 = 520;

/// A chart's height beside its legend (CSS pixels): 360 at the 560-pixel
/// column the charts were first drawn for, growing with wider columns (a
/// projector's single column), and taller for the presenter view's type.
pub(crate) fn wide_height(width: u32, look: ChartLook) -> u32 {
    let w = f64::from(width);
    if look.presenter {
        (w * 0.62).round().clamp(420.0, 620.0) as u32
    } else {
        (w * 0.64).round().clamp(360.0, 520.0) as u32
    }
}

/// The plot's height when the legend goes under it.
pub(crate) fn narrow_plot_height(width: u32, look: ChartLook) -> u32 {
    let w = f64::from(width);
    let (lo, hi) = if look.presenter {
        (300.0, 420.0)
    } else {
        (240.0, 340.0)
    };
    (w * 0.75).round().clamp(lo, hi) as u32
}

/// The legend's width beside the plot: `base` at the normal type, wider for
/// the presenter view's.
pub(crate) fn legend_width(base: u32, look: ChartLook) -> u32 {
    let grow = f64::from(look.type_sizes().label) / 15.0;
    (f64::from(base) * grow).round() as u32
}

/// A chart's plot and legend areas.
pub(crate) struct Frame {
    /// The plot (axes and data).
    pub plot: Area,
    /// The legend (and notes under it).
    pub legend: Area,
    /// The legend is under the plot, in two columns.
    pub below: bool,
}

/// Splits `root` into plot and legend: the legend under a plot `at` tall
/// (`below`), or beside a plot `at` wide.
pub(crate) fn split(root: &Area, below: bool, at: u32) -> Frame {
    let (plot, legend) = if below {
        root.split_vertically(at)
    } else {
        root.split_horizontally(at)
    };
    Frame {
        plot,
        legend,
        below,
    }
}

/// Splits `root` into plot and legend: the legend `legend_base` wide (at the
/// normal type) on the right, or under a plot of [`narrow_plot_height`] when
/// `root` is narrower than [`NARROW`].
pub(crate) fn frame(root: &Area, look: ChartLook, legend_base: u32) -> Frame {
    let (width, _) = root.dim_in_pixel();
    if width < NARROW {
        split(root, true, narrow_plot_height(width, look))
    } else {
        split(
            root,
            false,
            width.saturating_sub(legend_width(legend_base, look)),
        )
    }
}

/// The legend's two columns when it goes under the plot: the first half of
/// the entries on the left, the rest on the right.
fn columns(entries: &[LegendEntry]) -> (&[LegendEntry], &[LegendEntry]) {
    entries.split_at(entries.len().div_ceil(2))
}

/// How tall `entries` stand in one column (CSS pixels), `gap` between rows.
fn column_height(entries: &[LegendEntry], look: ChartLook, gap: i32) -> i32 {
    let line = look.type_sizes().legend_line;
    entries
        .iter()
        .map(|e| e.label.lines().count().max(1) as i32 * line + gap)
        .sum()
}

/// Top margin of a legend under the plot.
const BELOW_TOP: i32 = 6;

/// What a legend under the plot needs below it (CSS pixels): its taller
/// column and `note_lines` lines of notes, with their margins.
pub(crate) fn below_height(look: ChartLook, entries: &[LegendEntry], note_lines: u32) -> u32 {
    let gap = 6;
    let (left, right) = columns(entries);
    let legend = column_height(left, look, gap).max(column_height(right, look, gap));
    let notes = note_lines * (look.type_sizes().tick + 4);
    BELOW_TOP as u32 + legend.max(0) as u32 + notes + 8
}

/// A chart's height at `width`: [`wide_height`] with the legend beside the
/// plot; with it under the plot, the plot and [`below_height`].
pub(crate) fn chart_height(
    width: u32,
    look: ChartLook,
    entries: &[LegendEntry],
    note_lines: u32,
) -> u32 {
    if width >= NARROW {
        return wide_height(width, look);
    }
    narrow_plot_height(width, look) + below_height(look, entries, note_lines)
}

/// Draws the legend of `frame` from `top` (beside the plot) or in two columns
/// (under it); returns the y under it.
pub(crate) fn draw_frame_legend(
    frame: &Frame,
    look: ChartLook,
    top: i32,
    gap: i32,
    entries: &[LegendEntry],
) -> Result<i32, DrawError> {
    if !frame.below {
        return draw_legend(&frame.legend, look, top, gap, entries);
    }
    let (width, _) = frame.legend.dim_in_pixel();
    let (left_area, right_area) = frame.legend.split_horizontally(width / 2);
    let (left, right) = columns(entries);
    let gap = gap.min(6);
    let a = draw_legend(&left_area, look, BELOW_TOP, gap, left)?;
    let b = draw_legend(&right_area, look, BELOW_TOP, gap, right)?;
    Ok(a.max(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::charts::{Dash, Glyph};
    use plotters::style::RGBColor;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn entry(label: &str) -> LegendEntry {
        LegendEntry::new(
            Glyph::Line {
                color: RGBColor(0, 0, 0),
                width: 2,
                dash: Dash::Solid,
            },
            label,
        )
    }

    #[wasm_bindgen_test]
    fn a_wide_chart_keeps_its_height_and_a_narrow_one_makes_room_for_the_legend() {
        let look = ChartLook::default();
        let entries = [entry("a"), entry("b\nc"), entry("d")];
        // The 560-pixel column the charts were drawn for: 360 tall, as before.
        assert_eq!(chart_height(560, look, &entries, 2), 360);
        // A projector's single column: taller, not past 520.
        assert_eq!(chart_height(1_000, look, &entries, 2), 520);
        // A phone: the plot, then the taller column (a, b/c: 3 lines, 2 gaps)
        // and two lines of notes.
        let line = look.type_sizes().legend_line as u32;
        let tick = look.type_sizes().tick;
        assert_eq!(
            chart_height(366, look, &entries, 2),
            narrow_plot_height(366, look) + 6 + 3 * line + 12 + 2 * (tick + 4) + 8
        );
        // The presenter view's type needs a wider legend.
        let presenter = ChartLook {
            presenter: true,
            ..look
        };
        assert!(legend_width(172, presenter) > 172 + 40);
        assert_eq!(legend_width(172, look), 172);
    }
}
