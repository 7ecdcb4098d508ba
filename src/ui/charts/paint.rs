//! Painting a chart: at the size its canvas is shown (CSS pixels) times the
//! screen's device pixel ratio, redrawn when its data, its look or that size
//! changes (a `ResizeObserver` on the canvas), in a task of its own; and the
//! same drawing at a fixed size for the PNG a student downloads.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use plotters::drawing::IntoDrawingArea;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement};
use yew::prelude::*;

use super::backend::Backend;
use super::look::{use_chart_look, ChartLook};
use super::{console_warn, Area, DrawResult};
use crate::sim::engine::protocol::Snapshot;

/// What a chart draws with: plotters' drawing area, the same canvas's 2D
/// context for the many small marks that plotters would draw one call (and one
/// colour string) at a time ([`super::Marks`]), the look to draw in, and how
/// many device pixels the canvas holds per CSS pixel.
pub(crate) struct Canvas<'a> {
    /// The drawing area (axes, lines, text, legends), in CSS pixels.
    pub area: &'a Area,
    /// The canvas's 2D context (the one plotters draws on), scaled so that
    /// its units are CSS pixels.
    pub ctx: &'a CanvasRenderingContext2d,
    /// The colours and type sizes.
    pub look: ChartLook,
    /// Device pixels per CSS pixel.
    pub scale: f64,
}

/// How a chart draws the snapshot on a canvas.
pub(crate) type DrawFn = fn(&Canvas, &Snapshot) -> DrawResult;
/// How tall (CSS pixels) a chart is at a width, for the snapshot and look.
pub(crate) type HeightFn = fn(&Snapshot, ChartLook, u32) -> u32;
/// What a chart draws ahead of a paint, in a task of its own, so that the
/// paint's task is shorter (its kept layers: [`use_chart_prepared`]); true if
/// it drew anything. Its [`Canvas`] has the chart's size, look and scale, but
/// its context is a scratch one ([`prepare_paint`]): nothing drawn on the area
/// itself shows.
pub(crate) type PrepareFn = fn(&Canvas, &Snapshot) -> bool;

/// A chart's size: CSS pixels, and device pixels per CSS pixel.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct ChartSize {
    /// Width in CSS pixels.
    pub width: u32,
    /// Height in CSS pixels.
    pub height: u32,
    /// Device pixels per CSS pixel.
    pub scale: f64,
}

impl ChartSize {
    /// The canvas's backing store: width and height in device pixels.
    pub(crate) fn device(&self) -> (u32, u32) {
        let px = |v: u32| (f64::from(v) * self.scale).round().max(1.0) as u32;
        (px(self.width), px(self.height))
    }
}

/// The narrowest a chart is laid out (CSS pixels): narrower canvases are drawn
/// at this width and shrunk.
pub(crate) const MIN_WIDTH: u32 = 240;
/// The width a chart is laid out at before its canvas has one (CSS pixels),
/// and the downloaded PNG's.
pub(crate) const DEFAULT_WIDTH: u32 = 560;
/// Device pixels per CSS pixel of a downloaded PNG (1,120 pixels wide).
pub(crate) const PNG_SCALE: f64 = 2.0;

/// The screen's device pixels per CSS pixel, between 1 and 4.
pub(crate) fn device_pixel_ratio() -> f64 {
    web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|r| r.is_finite())
        .unwrap_or(1.0)
        .clamp(1.0, 4.0)
}

/// The CSS width the canvas is shown at (its box, which CSS sizes to its
/// column), whole pixels, at least [`MIN_WIDTH`].
fn shown_width(element: &Element) -> u32 {
    let w = element.get_bounding_client_rect().width();
    if w.is_finite() && w >= 1.0 {
        (w.round() as u32).max(MIN_WIDTH)
    } else {
        DEFAULT_WIDTH
    }
}

/// A canvas made off the page (never put in the document).
pub(crate) fn off_page_canvas() -> Option<HtmlCanvasElement> {
    web_sys::window()?
        .document()?
        .create_element("canvas")
        .ok()?
        .dyn_into()
        .ok()
}

/// A canvas's 2D context.
pub(crate) fn context_2d(element: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    element
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into().ok())
}

/// The canvas's 2D context, or why there is none.
fn context(element: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, String> {
    context_2d(element).ok_or_else(|| "this browser gave no 2D canvas context".to_string())
}

/// Sizes `element`'s backing store to `size` (a change clears it), clears it to
/// the look's background, then runs `draw` on it.
pub(crate) fn draw_at(
    element: &HtmlCanvasElement,
    size: ChartSize,
    snapshot: &Snapshot,
    look: ChartLook,
    draw: DrawFn,
) -> Result<(), String> {
    let (w, h) = size.device();
    if element.width() != w {
        element.set_width(w);
    }
    if element.height() != h {
        element.set_height(h);
    }
    let ctx = context(element)?;
    let drawn = with_canvas(element.clone(), &ctx, size, look, |canvas| -> DrawResult {
        canvas.area.fill(&look.palette().background)?;
        draw(canvas, snapshot)?;
        canvas.area.present()
    })
    .ok_or_else(|| "this browser gave no 2D canvas context".to_string())?;
    drawn.map_err(|e| e.to_string())
}

/// Runs `f` on a [`Canvas`] of `size` in `look` over `element` (whose 2D
/// context is `ctx`); `None` where no backend could be made on it.
fn with_canvas<R>(
    element: HtmlCanvasElement,
    ctx: &CanvasRenderingContext2d,
    size: ChartSize,
    look: ChartLook,
    f: impl FnOnce(&Canvas) -> R,
) -> Option<R> {
    let backend = Backend::new(element, ctx, (size.width, size.height), size.scale)?;
    let root = backend.into_drawing_area();
    Some(f(&Canvas {
        area: &root,
        ctx,
        look,
        scale: size.scale,
    }))
}

/// Paints the chart on the canvas behind `canvas` at the width it is shown
/// and the screen's pixel ratio; sets `data-draw-ms` (the time it took), and
/// the look and sizes it was drawn in, for the end-to-end tests.
fn paint(
    canvas: &NodeRef,
    snapshot: &Snapshot,
    look: ChartLook,
    (draw, height): (DrawFn, HeightFn),
    width: u32,
) -> Result<(), String> {
    let element = canvas
        .cast::<HtmlCanvasElement>()
        .ok_or_else(|| "the canvas is not on the page yet".to_string())?;
    let performance = web_sys::window().and_then(|w| w.performance());
    let started = performance.as_ref().map(|p| p.now());
    // `width` is the one the ResizeObserver last reported (read after the
    // browser's own layout); reading the box here would force a layout inside
    // this task, right after the page's render changed the DOM (measured: it
    // made each scatter repaint 10–20 ms longer on a CPU slowed 4×).
    let size = ChartSize {
        width,
        height: height(snapshot, look, width),
        scale: device_pixel_ratio(),
    };
    let outcome = draw_at(&element, size, snapshot, look, draw);
    if let (Some(p), Some(t0)) = (performance, started) {
        let _ = element.set_attribute("data-draw-ms", &format!("{:.1}", p.now() - t0));
    }
    // Written only when they change: each write is a DOM mutation (and a style
    // check) in a task that runs while the page plays.
    let mark = |name: &str, value: String| {
        if element.get_attribute(name).as_deref() != Some(value.as_str()) {
            let _ = element.set_attribute(name, &value);
        }
    };
    mark(
        "data-scheme",
        if look.dark { "dark" } else { "light" }.into(),
    );
    // Type sizes are in CSS pixels: the canvas is drawn at the size it is shown.
    mark("data-tick-px", look.type_sizes().tick.to_string());
    mark("data-legend-px", look.type_sizes().label.to_string());
    mark("data-css-size", format!("{}x{}", size.width, size.height));
    outcome
}

/// Runs a chart's `prepare` for the paint [`paint`] would make at `width`,
/// on an area of the chart's size: true if it drew anything. The chart's own
/// canvas is not touched (a first use of its context before the paint sizes
/// it would make the browser allocate its pixels twice): `prepare` gets the
/// context of a one-pixel canvas off the page, where nothing it draws shows.
fn prepare_paint(
    canvas: &NodeRef,
    snapshot: &Snapshot,
    look: ChartLook,
    (height, prepare): (HeightFn, Option<PrepareFn>),
    width: u32,
) -> bool {
    let Some(prepare) = prepare else {
        return false;
    };
    if canvas.cast::<HtmlCanvasElement>().is_none() {
        return false;
    }
    let Some((scratch, ctx)) = SCRATCH.with(|s| {
        s.borrow_mut()
            .get_or_insert_with(|| {
                let scratch = off_page_canvas()?;
                scratch.set_width(1);
                scratch.set_height(1);
                let ctx = context_2d(&scratch)?;
                Some((scratch, ctx))
            })
            .clone()
    }) else {
        return false;
    };
    let size = ChartSize {
        width,
        height: height(snapshot, look, width),
        scale: device_pixel_ratio(),
    };
    with_canvas(scratch, &ctx, size, look, |canvas| {
        prepare(canvas, snapshot)
    })
    .unwrap_or(false)
}

/// Counts on the canvas (`data-drawn-ahead`, for the end-to-end tests) the
/// paints whose kept layers were drawn ahead, in a task of their own.
fn count_drawn_ahead(canvas: &NodeRef) {
    if let Some(element) = canvas.cast::<Element>() {
        let n: u32 = element
            .get_attribute("data-drawn-ahead")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let _ = element.set_attribute("data-drawn-ahead", &(n + 1).to_string());
    }
}

/// What each chart on the page last drew, by its canvas's `data-slot`: a
/// downloaded PNG is drawn again from it at a fixed size.
struct Drawn {
    slot: u32,
    snapshot: Rc<Snapshot>,
    draw: DrawFn,
    height: HeightFn,
}

/// A one-pixel canvas off the page and its context: what a chart's `prepare`
/// is given to draw on ([`prepare_paint`]); made once.
type Scratch = Option<(HtmlCanvasElement, CanvasRenderingContext2d)>;

thread_local! {
    static DRAWN: RefCell<Vec<Drawn>> = const { RefCell::new(Vec::new()) };
    static SCRATCH: RefCell<Option<Scratch>> = const { RefCell::new(None) };
    static NEXT_SLOT: Cell<u32> = const { Cell::new(1) };
}

/// The chart on `canvas` (a chart's canvas on the page) as a PNG `data:` URL,
/// drawn again at a fixed, print-friendly size ([`DEFAULT_WIDTH`] CSS pixels
/// at [`PNG_SCALE`], light colours, normal type) whatever the screen is; the
/// canvas itself where the chart is not known.
pub(crate) fn png_of(canvas: &HtmlCanvasElement) -> Result<String, String> {
    let js = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let slot: Option<u32> = canvas
        .get_attribute("data-slot")
        .and_then(|s| s.parse().ok());
    let found = DRAWN.with(|d| {
        d.borrow()
            .iter()
            .find(|x| Some(x.slot) == slot)
            .map(|x| (x.snapshot.clone(), x.draw, x.height))
    });
    let Some((snapshot, draw, height)) = found else {
        return canvas.to_data_url_with_type("image/png").map_err(js);
    };
    let spare = off_page_canvas().ok_or("no canvas could be made off the page")?;
    let look = ChartLook::default();
    let size = ChartSize {
        width: DEFAULT_WIDTH,
        height: height(&snapshot, look, DEFAULT_WIDTH),
        scale: PNG_SCALE,
    };
    draw_at(&spare, size, &snapshot, look, draw)?;
    spare.to_data_url_with_type("image/png").map_err(js)
}

/// Draws a chart on the canvas behind the returned `NodeRef` whenever `key`,
/// the page's [`ChartLook`] or the canvas's shown size changes; returns the
/// drawing error, if any, in words. `height` says how tall the chart is at a
/// width (CSS pixels).
#[hook]
pub(crate) fn use_chart<K>(
    name: &'static str,
    key: K,
    snapshot: Rc<Snapshot>,
    draw: DrawFn,
    height: HeightFn,
) -> (NodeRef, Option<String>)
where
    K: PartialEq + 'static,
{
    use_chart_prepared(name, key, snapshot, (draw, height), None)
}

/// As [`use_chart`], and `prepare` (if any) runs first, in a task of its own:
/// where it draws anything, the paint follows in the next task (the browser can
/// show a frame in between), else at once. Charts without one pay nothing for it.
#[hook]
pub(crate) fn use_chart_prepared<K>(
    name: &'static str,
    key: K,
    snapshot: Rc<Snapshot>,
    drawn_by: (DrawFn, HeightFn),
    prepare: Option<PrepareFn>,
) -> (NodeRef, Option<String>)
where
    K: PartialEq + 'static,
{
    let (draw, height) = drawn_by;
    let canvas = use_node_ref();
    let error = use_state_eq(|| None::<String>);
    let look = use_chart_look();
    // The canvas's shown width and the pixel ratio, as last observed.
    let shown = use_state_eq(|| None::<(u32, u64)>);
    let slot = *use_state(|| NEXT_SLOT.with(|n| n.replace(n.get() + 1)));
    {
        let canvas = canvas.clone();
        let shown = shown.clone();
        use_effect_with((), move |_| {
            let observer = canvas.cast::<Element>().and_then(|element| {
                let _ = element.set_attribute("data-slot", &slot.to_string());
                let on_resize = {
                    let element = element.clone();
                    Closure::<dyn FnMut(js_sys::Array)>::new(move |_: js_sys::Array| {
                        let ratio = device_pixel_ratio().to_bits();
                        shown.set(Some((shown_width(&element), ratio)));
                    })
                };
                let observer =
                    web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok()?;
                observer.observe(&element);
                Some((observer, on_resize))
            });
            move || {
                if let Some((observer, _)) = observer {
                    observer.disconnect();
                }
                DRAWN.with(|d| d.borrow_mut().retain(|x| x.slot != slot));
            }
        });
    }
    {
        let canvas = canvas.clone();
        let error = error.clone();
        use_effect_with((key, look, *shown), move |(_, look, shown)| {
            let look = *look;
            // Nothing is painted before the observer's first report of the
            // width (it reports every observed element once, after the
            // layout that placed it, before that frame is painted): painting
            // at a width read here too would paint every chart twice as it
            // mounts.
            let Some((width, _)) = *shown else {
                return Box::new(|| ()) as Box<dyn FnOnce()>;
            };
            // Each chart paints in a task of its own (a zero-delay timeout), not in
            // the task that decoded the snapshot and rendered the page, so the
            // browser can show a frame in between; a newer snapshot cancels a
            // paint that has not run yet. A chart with kept layers to draw first
            // draws them in that task and paints in the next.
            let then: Rc<RefCell<Option<Timeout>>> = Rc::default();
            let later = then.clone();
            let pending = Timeout::new(0, move || {
                let prepared = prepare_paint(&canvas, &snapshot, look, (height, prepare), width);
                if prepared {
                    count_drawn_ahead(&canvas);
                }
                let run = move || {
                    let outcome = paint(&canvas, &snapshot, look, (draw, height), width);
                    if let Err(e) = &outcome {
                        console_warn(&format!("{name} chart: could not draw: {e}"));
                    }
                    DRAWN.with(|d| {
                        let mut d = d.borrow_mut();
                        d.retain(|x| x.slot != slot);
                        d.push(Drawn {
                            slot,
                            snapshot,
                            draw,
                            height,
                        });
                    });
                    error.set(outcome.err());
                };
                if prepared {
                    *later.borrow_mut() = Some(Timeout::new(0, run));
                } else {
                    run();
                }
            });
            Box::new(move || {
                drop(pending);
                drop(then.take());
            })
        });
    }
    (canvas, (*error).clone())
}
