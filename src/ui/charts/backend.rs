//! Plotters' canvas backend, drawing in CSS pixels on a canvas that holds
//! more device pixels than that: the chart is laid out at the size it is
//! shown (its type keeps the size the code chose) and drawn sharp on screens
//! with 2 or 3 device pixels per CSS pixel. The canvas's 2D context is scaled
//! by the device pixel ratio; plotters is told the size in CSS pixels and
//! draws through it unchanged.

use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// A canvas backend whose size is in CSS pixels.
pub(crate) struct Backend {
    inner: CanvasBackend,
    size: (u32, u32),
}

impl Backend {
    /// Draws on `canvas` (whose 2D context is `ctx`) in units of `1 / scale`
    /// of its pixels, over an area of `size` such units; sets the context's
    /// transform (every later drawing on `ctx` is in those units too).
    pub(crate) fn new(
        canvas: HtmlCanvasElement,
        ctx: &CanvasRenderingContext2d,
        size: (u32, u32),
        scale: f64,
    ) -> Option<Self> {
        Backend::shifted(canvas, ctx, size, scale, (0, 0))
    }

    /// As [`Backend::new`], for a canvas that holds only part of the area: the
    /// part whose top-left corner is at `origin` (in the same units). Drawing
    /// anywhere on the area lands where that part is, and is cut off elsewhere.
    pub(crate) fn shifted(
        canvas: HtmlCanvasElement,
        ctx: &CanvasRenderingContext2d,
        size: (u32, u32),
        scale: f64,
        origin: (i32, i32),
    ) -> Option<Self> {
        let (dx, dy) = (-f64::from(origin.0) * scale, -f64::from(origin.1) * scale);
        ctx.set_transform(scale, 0.0, 0.0, scale, dx, dy).ok()?;
        Some(Backend {
            inner: CanvasBackend::with_canvas_object(canvas)?,
            size,
        })
    }
}

/// The canvas backend's error.
type CanvasError = <CanvasBackend as DrawingBackend>::ErrorType;
type Drawn = Result<(), DrawingErrorKind<CanvasError>>;

impl DrawingBackend for Backend {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Drawn {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Drawn {
        self.inner.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Drawn {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Drawn {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Drawn {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Drawn {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Drawn {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Drawn {
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Drawn {
        self.inner.draw_text(text, style, pos)
    }

    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<CanvasError>> {
        self.inner.estimate_text_size(text, style)
    }

    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Drawn {
        self.inner.blit_bitmap(pos, size, src)
    }
}
