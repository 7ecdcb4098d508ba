//! A scatter's marks: class-0 dots and class-1 triangles with 1 px rims,
//! stamped into a pixel buffer in Rust and put on the canvas in one copy.
//!
//! Drawing them as canvas paths cost two to four calls from WebAssembly into
//! the browser per point, and the browser then rasterised ~1,500 small paths:
//! on a CPU slowed 4× that was the larger part of a scatter redraw and most
//! of its long task (measured in the browser: 57 ms for 1,429 points as paths,
//! 15 ms as a pixel buffer filled in JavaScript). Each mark is rasterised once
//! into a sprite, anti-aliased by 4 × 4 supersampling, and every point copies
//! its sprite into the buffer over the ones before it, in the points' order, so
//! neither class always sits on top.

use std::cell::RefCell;

use plotters::style::RGBColor;
use wasm_bindgen::Clamped;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

use super::paint::{context_2d, off_page_canvas, ChartSize};
use super::triangle_offsets;

/// The look of one kind of mark: its shape, size in pixels, fill and rim.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct MarkStyle {
    /// A triangle of this circumradius, or a dot of this radius.
    pub(crate) triangle: bool,
    /// The radius in pixels.
    pub(crate) radius: f64,
    /// Its fill.
    pub(crate) fill: RGBColor,
    /// Its 1 px rim.
    pub(crate) rim: RGBColor,
    /// Device pixels per CSS pixel: the sizes above are in CSS pixels.
    pub(crate) scale: f64,
}

/// One mark rasterised: `side` × `side` RGBA pixels (straight alpha, as
/// `ImageData` holds them), the mark's centre at the corner `(half, half)`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Sprite {
    side: usize,
    half: i32,
    rgba: Vec<[u8; 4]>,
}

/// Subsamples per pixel along each axis.
const SUB: usize = 4;

impl Sprite {
    /// Rasterises `style`: a subsample is the rim's colour within half a pixel
    /// of the outline, else the fill's inside it, else transparent.
    pub(crate) fn of(style: MarkStyle) -> Sprite {
        let scale = style.scale.clamp(1.0, 4.0);
        let r = (style.radius * scale).max(0.5);
        let rim = 0.5 * scale;
        let half = (r + rim + 1.5).ceil() as i32;
        let side = 2 * half as usize;
        let corners: Vec<(f64, f64)> = triangle_offsets(r.round() as i32)
            .into_iter()
            .map(|(x, y)| (f64::from(x), f64::from(y)))
            .collect();
        let shade = |x: f64, y: f64| -> Option<RGBColor> {
            let (inside, edge) = if style.triangle {
                triangle_hit(&corners, x, y)
            } else {
                let d = x.hypot(y);
                (d <= r, (d - r).abs())
            };
            if edge <= rim {
                Some(style.rim)
            } else if inside {
                Some(style.fill)
            } else {
                None
            }
        };
        let mut rgba = Vec::with_capacity(side * side);
        for row in 0..side {
            for col in 0..side {
                // Colours summed over the covered subsamples, and how many.
                let (mut sum, mut hits) = ([0u32; 3], 0u32);
                for sy in 0..SUB {
                    for sx in 0..SUB {
                        let x = col as f64 - f64::from(half) + (sx as f64 + 0.5) / SUB as f64;
                        let y = row as f64 - f64::from(half) + (sy as f64 + 0.5) / SUB as f64;
                        if let Some(c) = shade(x, y) {
                            sum[0] += u32::from(c.0);
                            sum[1] += u32::from(c.1);
                            sum[2] += u32::from(c.2);
                            hits += 1;
                        }
                    }
                }
                let n = (SUB * SUB) as u32;
                rgba.push(if hits == 0 {
                    [0; 4]
                } else {
                    let mean = |v: u32| ((v + hits / 2) / hits) as u8;
                    [
                        mean(sum[0]),
                        mean(sum[1]),
                        mean(sum[2]),
                        ((hits * 255 + n / 2) / n) as u8,
                    ]
                });
            }
        }
        Sprite { side, half, rgba }
    }

    /// The sprite's pixel at `(col, row)`.
    #[cfg(test)]
    fn at(&self, col: usize, row: usize) -> [u8; 4] {
        self.rgba[row * self.side + col]
    }
}

/// Whether `(x, y)` is inside the triangle with `corners`, and its distance
/// from the nearest edge.
fn triangle_hit(corners: &[(f64, f64)], x: f64, y: f64) -> (bool, f64) {
    let mut signs = [false; 3];
    let mut edge = f64::INFINITY;
    for i in 0..3 {
        let (ax, ay) = corners[i];
        let (bx, by) = corners[(i + 1) % 3];
        let (ex, ey) = (bx - ax, by - ay);
        signs[i] = ex * (y - ay) - ey * (x - ax) >= 0.0;
        let len2 = ex * ex + ey * ey;
        let t = if len2 > 0.0 {
            (((x - ax) * ex + (y - ay) * ey) / len2).clamp(0.0, 1.0)
        } else {
            0.0
        };
        edge = edge.min((x - ax - t * ex).hypot(y - ay - t * ey));
    }
    (signs.iter().all(|s| *s) || signs.iter().all(|s| !*s), edge)
}

/// RGBA pixels (straight alpha) of a rectangle of the canvas: marks stamped
/// on a transparent start.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Stamped {
    /// The rectangle's top-left corner on the canvas.
    pub(crate) origin: (i32, i32),
    /// Its width and height.
    pub(crate) size: (usize, usize),
    /// Four bytes a pixel, row by row: what `ImageData` takes.
    pub(crate) bytes: Vec<u8>,
}

impl Stamped {
    /// Stamps `points` (canvas pixels, and which sprite) in order into the
    /// smallest rectangle holding them all, clipped to `(0, 0)`–`bounds`;
    /// `None` when nothing shows.
    pub(crate) fn of(
        points: &[((i32, i32), bool)],
        sprites: [&Sprite; 2],
        bounds: (u32, u32),
    ) -> Option<Stamped> {
        let half = sprites[0].half.max(sprites[1].half);
        let (mut x0, mut y0, mut x1, mut y1) = (i32::MAX, i32::MAX, i32::MIN, i32::MIN);
        for &((x, y), _) in points {
            x0 = x0.min(x.saturating_sub(half));
            y0 = y0.min(y.saturating_sub(half));
            x1 = x1.max(x.saturating_add(half));
            y1 = y1.max(y.saturating_add(half));
        }
        let cap = |v: u32| i32::try_from(v).unwrap_or(i32::MAX);
        let (x0, y0) = (x0.max(0), y0.max(0));
        let (x1, y1) = (x1.min(cap(bounds.0)), y1.min(cap(bounds.1)));
        if x1 <= x0 || y1 <= y0 {
            return None;
        }
        let (w, h) = ((x1 - x0) as usize, (y1 - y0) as usize);
        let mut bytes = vec![0u8; w * h * 4];
        for &((x, y), class1) in points {
            let s = sprites[usize::from(class1)];
            // The sprite's columns and rows that land in the rectangle.
            let left = x.saturating_sub(s.half).saturating_sub(x0);
            let top = y.saturating_sub(s.half).saturating_sub(y0);
            let side = s.side as i32;
            let cols = (-left).max(0)..(w as i32 - left).min(side);
            let rows = (-top).max(0)..(h as i32 - top).min(side);
            if cols.is_empty() {
                continue;
            }
            let (start, n) = (cols.start as usize, (cols.end - cols.start) as usize);
            for row in rows {
                let src = &s.rgba[row as usize * s.side..][..s.side];
                let at = ((top + row) as usize * w + (left + cols.start) as usize) * 4;
                let dst = &mut bytes[at..at + 4 * n];
                for (px, d) in src[start..start + n].iter().zip(dst.chunks_exact_mut(4)) {
                    over(d, *px);
                }
            }
        }
        Some(Stamped {
            origin: (x0, y0),
            size: (w, h),
            bytes,
        })
    }
}

/// Puts `src` over the pixel `dst` (both straight alpha).
fn over(dst: &mut [u8], src: [u8; 4]) {
    let (sa, da) = (u32::from(src[3]), u32::from(dst[3]));
    if sa == 0 {
        return;
    }
    if sa == 255 || da == 0 {
        dst.copy_from_slice(&src);
        return;
    }
    // out = src·sa + dst·da·(1 − sa), in 255ths.
    let keep = da * (255 - sa);
    let a = sa * 255 + keep;
    for k in 0..3 {
        dst[k] = ((u32::from(src[k]) * sa * 255 + u32::from(dst[k]) * keep + a / 2) / a) as u8;
    }
    dst[3] = ((a + 127) / 255) as u8;
}

thread_local! {
    /// Sprites made so far, by style (a handful: two per palette and look).
    static SPRITES: RefCell<Vec<(MarkStyle, Sprite)>> = const { RefCell::new(Vec::new()) };
    /// The off-page canvas the stamped pixels are put on before they are copied.
    static SPARE: RefCell<Option<HtmlCanvasElement>> = const { RefCell::new(None) };
}

/// The sprite of `style`, made once.
fn sprite(style: MarkStyle) -> Sprite {
    SPRITES.with(|kept| {
        let mut kept = kept.borrow_mut();
        if let Some((_, s)) = kept.iter().find(|(k, _)| *k == style) {
            return s.clone();
        }
        let s = Sprite::of(style);
        kept.push((style, s.clone()));
        if kept.len() > 8 {
            kept.remove(0);
        }
        s
    })
}

/// A scatter's marks, in the order they are drawn.
pub(crate) struct Marks {
    points: Vec<((i32, i32), bool)>,
}

impl Marks {
    /// No marks yet.
    pub(crate) fn new() -> Self {
        Marks { points: Vec::new() }
    }

    /// A mark at pixel `(x, y)`: a triangle for class 1, else a dot.
    pub(crate) fn push(&mut self, at: (i32, i32), class1: bool) {
        self.points.push((at, class1));
    }

    /// The marks, in order: where, and whether class 1.
    pub(crate) fn points(&self) -> impl Iterator<Item = ((i32, i32), bool)> + '_ {
        self.points.iter().copied()
    }

    /// Draws the marks on `ctx` (of a canvas `bounds` CSS pixels, its context
    /// scaled to CSS pixels): `dot` for class 0, `triangle` for class 1, at
    /// `dot.scale` device pixels per CSS pixel. Where the browser gives no
    /// spare canvas or image data, nothing is drawn and `false` is returned.
    pub(crate) fn draw(
        &self,
        ctx: &CanvasRenderingContext2d,
        bounds: (u32, u32),
        dot: MarkStyle,
        triangle: MarkStyle,
    ) -> bool {
        let scale = dot.scale.clamp(1.0, 4.0);
        let (s0, s1) = (sprite(dot), sprite(triangle));
        let device = |v: i32| (f64::from(v) * scale).round() as i32;
        let points: Vec<((i32, i32), bool)> = self
            .points
            .iter()
            .map(|&((x, y), c)| ((device(x), device(y)), c))
            .collect();
        let bounds = ChartSize {
            width: bounds.0,
            height: bounds.1,
            scale,
        }
        .device();
        let Some(stamped) = Stamped::of(&points, [&s0, &s1], bounds) else {
            return true;
        };
        let (w, h) = (stamped.size.0 as u32, stamped.size.1 as u32);
        let Ok(image) = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&stamped.bytes), w, h)
        else {
            return false;
        };
        let Some(spare) = spare_canvas() else {
            return false;
        };
        if spare.width() < w || spare.height() < h {
            spare.set_width(spare.width().max(w));
            spare.set_height(spare.height().max(h));
        }
        let Some(sctx) = context_2d(&spare) else {
            return false;
        };
        if sctx.put_image_data(&image, 0.0, 0.0).is_err() {
            return false;
        }
        // The context is scaled to CSS pixels: the copy lands pixel for pixel.
        let css = |v: f64| v / scale;
        let (x, y) = (f64::from(stamped.origin.0), f64::from(stamped.origin.1));
        let (w, h) = (f64::from(w), f64::from(h));
        ctx.draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
            &spare,
            0.0,
            0.0,
            w,
            h,
            css(x),
            css(y),
            css(w),
            css(h),
        )
        .is_ok()
    }
}

/// The off-page canvas, made once.
fn spare_canvas() -> Option<HtmlCanvasElement> {
    SPARE.with(|spare| {
        let mut spare = spare.borrow_mut();
        if spare.is_none() {
            *spare = off_page_canvas();
        }
        spare.clone()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    const BLUE: RGBColor = RGBColor(0, 114, 178);
    const INK: RGBColor = RGBColor(20, 20, 20);
    const ORANGE: RGBColor = RGBColor(230, 159, 0);

    fn dot() -> MarkStyle {
        MarkStyle {
            triangle: false,
            radius: 3.0,
            fill: BLUE,
            rim: INK,
            scale: 1.0,
        }
    }

    fn triangle() -> MarkStyle {
        MarkStyle {
            triangle: true,
            radius: 5.0,
            fill: ORANGE,
            rim: INK,
            scale: 1.0,
        }
    }

    #[wasm_bindgen_test]
    fn a_dot_is_filled_inside_rimmed_at_its_edge_and_clear_outside() {
        let s = Sprite::of(dot());
        let c = s.half as usize;
        // The pixels around the centre are the fill, opaque.
        assert_eq!(s.at(c, c), [0, 114, 178, 255]);
        assert_eq!(s.at(c - 1, c - 1), [0, 114, 178, 255]);
        // Three pixels out along a row: on the rim (ink, mostly opaque).
        let rim = s.at(c + 2, c);
        assert!(rim[3] > 128 && rim[0] < 60, "{rim:?}");
        // Corners of the sprite: nothing.
        assert_eq!(s.at(0, 0), [0; 4]);
        // Symmetric about the centre.
        assert_eq!(s.at(c + 2, c), s.at(c - 3, c));
    }

    #[wasm_bindgen_test]
    fn a_sharp_screen_gets_a_mark_twice_as_wide() {
        let one = Sprite::of(dot());
        let two = Sprite::of(MarkStyle {
            scale: 2.0,
            ..dot()
        });
        let width = |s: &Sprite| {
            let c = s.half as usize;
            (0..s.side).filter(|&col| s.at(col, c)[3] > 128).count()
        };
        assert_eq!(width(&one), 6);
        assert_eq!(width(&two), 14);
    }

    #[wasm_bindgen_test]
    fn a_triangle_points_up() {
        let s = Sprite::of(triangle());
        let c = s.half as usize;
        // Filled just above the centre, clear above the apex and at its sides
        // near the apex.
        assert_eq!(s.at(c, c - 1), [230, 159, 0, 255]);
        assert_eq!(s.at(c, 0), [0; 4]);
        assert_eq!(s.at(c + 3, c - 4)[3], 0);
        assert!(s.at(c - 4, c + 2)[3] > 0);
    }

    #[wasm_bindgen_test]
    fn later_points_sit_on_top_and_the_buffer_only_holds_the_points() {
        let (d, t) = (Sprite::of(dot()), Sprite::of(triangle()));
        let points = [((10, 10), false), ((11, 10), true)];
        let st = Stamped::of(&points, [&d, &t], (100, 100)).unwrap();
        let half = d.half.max(t.half);
        assert_eq!(st.origin, (10 - half, 10 - half));
        assert_eq!(st.size, ((1 + 2 * half) as usize, (2 * half) as usize));
        // At the shared centre the triangle (drawn second) covers the dot.
        let at = |x: i32, y: i32| {
            let i = ((y - st.origin.1) as usize * st.size.0 + (x - st.origin.0) as usize) * 4;
            st.bytes[i..i + 4].to_vec()
        };
        assert_eq!(at(11, 9), [230, 159, 0, 255]);
        // Clipped to the canvas: a point at its corner keeps a quarter.
        let st = Stamped::of(&[((0, 0), false)], [&d, &t], (100, 100)).unwrap();
        assert_eq!(st.origin, (0, 0));
        assert_eq!(st.size, (half as usize, half as usize));
        // A point off the canvas beside one on it: only the one on it shows.
        let st = Stamped::of(&[((5, 5), false), ((500, 5), true)], [&d, &t], (100, 100)).unwrap();
        assert_eq!(st.size, (100, 5 + half as usize));
        assert!(st.bytes.chunks(4).filter(|p| p[3] > 0).count() < 60);
        // Nothing on the canvas: nothing to draw.
        assert!(Stamped::of(&[((-50, -50), false)], [&d, &t], (100, 100)).is_none());
        assert!(Stamped::of(&[], [&d, &t], (100, 100)).is_none());
    }

    #[wasm_bindgen_test]
    fn half_covered_pixels_blend_over_what_is_there() {
        // Over nothing, or opaque: the source as it is.
        let mut d = [0, 0, 0, 0];
        over(&mut d, [10, 20, 30, 128]);
        assert_eq!(d, [10, 20, 30, 128]);
        over(&mut d, [1, 2, 3, 255]);
        assert_eq!(d, [1, 2, 3, 255]);
        // Transparent: nothing changes.
        over(&mut d, [200, 200, 200, 0]);
        assert_eq!(d, [1, 2, 3, 255]);
        // Half over opaque white: half way, opaque.
        let mut d = [255, 255, 255, 255];
        over(&mut d, [0, 0, 0, 128]);
        assert_eq!(d, [127, 127, 127, 255]);
        // Half over half: three quarters covered, the newer colour weighs more.
        let mut d = [0, 0, 255, 128];
        over(&mut d, [255, 0, 0, 128]);
        assert_eq!(d[3], 192);
        assert!(d[0] > d[2] && d[0] > 160, "{d:?}");
    }
}
