//! The scatter's kept layers: the axes and the legend, drawn once on canvases
//! of their own and copied onto the chart at each redraw.

use std::cell::RefCell;

use web_sys::HtmlCanvasElement;

use super::super::backend::Backend;
use super::super::look::ChartLook;
use super::super::paint::{context_2d, off_page_canvas, ChartSize};
use super::super::{Area, Canvas, DrawError, LegendEntry};

/// A layer of the scatter that changes rarely, drawn once on a canvas of its own
/// and copied onto the chart at each redraw. While a run plays, the batch (and
/// often the live model) changes at every redraw, but the axes only with the
/// view and the legend only when a version goes live or a candidate is judged;
/// their text was most of a redraw's time (measured: drawing the axes' and the
/// legend's text took 60–80 % of the scatter's drawing on a CPU slowed 4×).
#[derive(Clone, Debug, PartialEq)]
pub(super) enum LayerKey {
    /// The axes, their tick labels and the faint grid.
    Axes {
        /// CSS pixels, and device pixels per CSS pixel (as bits).
        size: (u32, u32, u64),
        look: ChartLook,
        half_side: u64,
        axis_names: (String, String),
        /// The ticks read in the Circle file's units ([`from_view`]).
        file_units: bool,
    },
    /// The legend panel.
    Legend {
        /// CSS pixels, and device pixels per CSS pixel (as bits).
        size: (u32, u32, u64),
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
/// `draw` returned. The layer holds the pixels of `part` of the chart (the
/// whole chart if `None`): `draw` draws on the whole chart's area as usual, and
/// what falls outside `part` is cut off. A smaller layer costs less each time
/// it is drawn again (measured: the legend redrawn at each new version, on a
/// whole-chart layer, spent more time having its old pixels copied and cleared
/// than drawing its text). Where no spare canvas can be made or copied, the
/// layer is drawn straight onto `canvas`.
pub(super) fn paint_layer(
    canvas: &Canvas,
    key: LayerKey,
    part: Option<&Area>,
    draw: impl Fn(&Area) -> Result<i32, DrawError>,
) -> Result<i32, DrawError> {
    let Some((spare, figure, _)) = keep_layer(canvas, key, part, &draw)? else {
        return draw(canvas.area);
    };
    // Both contexts are scaled to CSS pixels: the copy lands pixel for pixel.
    let (origin, (w, h)) = placement(canvas, part);
    match canvas
        .ctx
        .draw_image_with_html_canvas_element_and_dw_and_dh(
            &spare,
            f64::from(origin.0),
            f64::from(origin.1),
            f64::from(w),
            f64::from(h),
        ) {
        Ok(()) => Ok(figure),
        Err(_) => draw(canvas.area),
    }
}

/// Draws the layer for `key` ahead of a paint, unless a kept one matches, and
/// copies nothing: true if it drew. A chart's paint that needs a new layer
/// (the legend, at a new version) is split in two tasks this way, each shorter
/// than the whole (measured: a scatter paint with a new legend was one task of
/// ~55 ms on a CPU slowed 4×, over the 50 ms of a long task).
pub(super) fn prepare_layer(
    canvas: &Canvas,
    key: LayerKey,
    part: Option<&Area>,
    draw: impl Fn(&Area) -> Result<i32, DrawError>,
) -> bool {
    matches!(keep_layer(canvas, key, part, &draw), Ok(Some((_, _, true))))
}

/// Where the layer for `part` (the whole chart if `None`) lands on the chart:
/// its top-left corner and size, in CSS pixels.
fn placement(canvas: &Canvas, part: Option<&Area>) -> ((i32, i32), (u32, u32)) {
    match part {
        Some(part) => (part.get_base_pixel(), part.dim_in_pixel()),
        None => ((0, 0), canvas.area.dim_in_pixel()),
    }
}

/// The kept layer for `key` (moved to the front), or a new one drawn with
/// `draw`: its canvas, what `draw` returned, and whether it was drawn now.
/// `None` where no spare canvas can be made.
fn keep_layer(
    canvas: &Canvas,
    key: LayerKey,
    part: Option<&Area>,
    draw: &impl Fn(&Area) -> Result<i32, DrawError>,
) -> Result<Option<(HtmlCanvasElement, i32, bool)>, DrawError> {
    let full = canvas.area.dim_in_pixel();
    let (origin, size) = placement(canvas, part);
    // A kept layer moves to the front: the least recently used goes first.
    let kept = LAYERS.with(|kept| {
        let mut kept = kept.borrow_mut();
        let i = kept.iter().position(|l| l.key == key)?;
        let layer = kept.remove(i);
        let found = (layer.canvas.clone(), layer.figure);
        kept.insert(0, layer);
        Some(found)
    });
    if let Some((spare, figure)) = kept {
        return Ok(Some((spare, figure, false)));
    }
    // The least recently used layer's canvas is drawn over, not thrown away:
    // a new canvas's first drawing costs an allocation of its pixels
    // (measured: most of a redrawn legend's time).
    let recycled = LAYERS.with(|kept| {
        let mut kept = kept.borrow_mut();
        (kept.len() >= LAYERS_KEPT)
            .then(|| kept.pop())
            .flatten()
            .map(|l| l.canvas)
    });
    let Some((spare, backend)) = spare_canvas((full, origin, size), canvas.scale, recycled) else {
        return Ok(None);
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
    Ok(Some((spare, figure, true)))
}

/// A transparent canvas off the page for the part of a chart of `full` CSS
/// pixels that is `size` pixels from `origin`, at `scale` device pixels each
/// (`recycled`, cleared, if given), and plotters' backend on it (for the whole
/// chart's area).
fn spare_canvas(
    (full, origin, size): ((u32, u32), (i32, i32), (u32, u32)),
    scale: f64,
    recycled: Option<HtmlCanvasElement>,
) -> Option<(HtmlCanvasElement, Backend)> {
    let (width, height) = ChartSize {
        width: size.0,
        height: size.1,
        scale,
    }
    .device();
    let spare = match recycled {
        Some(spare) if spare.width() == width && spare.height() == height => spare,
        _ => {
            let spare = off_page_canvas()?;
            spare.set_width(width);
            spare.set_height(height);
            spare
        }
    };
    let ctx = context_2d(&spare)?;
    ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0).ok()?;
    ctx.clear_rect(0.0, 0.0, f64::from(width), f64::from(height));
    let backend = Backend::shifted(spare.clone(), &ctx, full, scale, origin)?;
    Some((spare, backend))
}
