//! How the charts look: a [`Palette`] for the page's light or dark scheme (the
//! system's `prefers-color-scheme`, which static/style.css follows too) and
//! type sizes for the normal or presenter view. The page provides one
//! [`ChartLook`] to every chart ([`ChartLookProvider`]); a chart redraws when
//! it changes.
//!
//! Every colour drawn as a line, mark or text has at least 3:1 contrast on its
//! palette's background and on the light tints of the decision regions
//! (WCAG 1.4.11 for graphics), and text at least 4.5:1 (1.4.3); the tests
//! below check it.

use gloo_events::EventListener;
use plotters::style::RGBColor;
use yew::prelude::*;

/// The colours of every chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    /// The canvas: the page's panel colour.
    pub background: RGBColor,
    /// Text, tick labels and the live model's boundary.
    pub ink: RGBColor,
    /// Secondary text, axis lines, v1 (never retrained).
    pub muted: RGBColor,
    /// Gridlines.
    pub grid: RGBColor,
    /// Class 0 markers and regions (Okabe–Ito blue).
    pub class0: RGBColor,
    /// The rim of class-0 markers.
    pub class0_rim: RGBColor,
    /// Class 1 markers and regions (Okabe–Ito orange).
    pub class1: RGBColor,
    /// The rim of class-1 markers.
    pub class1_rim: RGBColor,
    /// The candidate's boundary and alerts (Okabe–Ito vermillion).
    pub vermillion: RGBColor,
    /// The true labelling rule and the best possible accuracy (bluish green).
    pub rule: RGBColor,
    /// The rule before any drift (the same hue, fainter, still 3:1).
    pub rule_before: RGBColor,
    /// Deploy markers (bluish green).
    pub deploy: RGBColor,
    /// The rim of deploy markers.
    pub deploy_rim: RGBColor,
    /// Candidate markers (reddish purple).
    pub purple: RGBColor,
    /// The accuracy estimated from the model's confidence (ochre in the
    /// light scheme, orange in the dark).
    pub estimate: RGBColor,
    /// Opacity of the class-0 region tint over the background.
    pub class0_tint: f64,
    /// Opacity of the class-1 region tint.
    pub class1_tint: f64,
}

/// The light scheme: on white.
pub const LIGHT: Palette = Palette {
    background: RGBColor(0xFF, 0xFF, 0xFF),
    ink: RGBColor(0x22, 0x22, 0x22),
    muted: RGBColor(0x6B, 0x6B, 0x6B),
    grid: RGBColor(0xE2, 0xE2, 0xE2),
    class0: RGBColor(0x00, 0x72, 0xB2),
    class0_rim: RGBColor(0x00, 0x45, 0x6B),
    class1: RGBColor(0xE6, 0x9F, 0x00),
    class1_rim: RGBColor(0x7A, 0x54, 0x00),
    vermillion: RGBColor(0xC4, 0x56, 0x00),
    rule: RGBColor(0x00, 0x79, 0x5A),
    rule_before: RGBColor(0x3A, 0x8C, 0x72),
    deploy: RGBColor(0x00, 0x9E, 0x73),
    deploy_rim: RGBColor(0x00, 0x5C, 0x43),
    purple: RGBColor(0xA8, 0x50, 0x7F),
    estimate: RGBColor(0x8F, 0x5E, 0x00),
    class0_tint: 0.13,
    class1_tint: 0.17,
};

/// The dark scheme: on the page's dark panel colour (static/style.css `--panel`).
pub const DARK: Palette = Palette {
    background: RGBColor(0x1A, 0x20, 0x2B),
    ink: RGBColor(0xE8, 0xEC, 0xF3),
    muted: RGBColor(0xAA, 0xB3, 0xC5),
    grid: RGBColor(0x2F, 0x38, 0x48),
    class0: RGBColor(0x56, 0xB4, 0xE9),
    class0_rim: RGBColor(0x0B, 0x2E, 0x45),
    class1: RGBColor(0xE6, 0x9F, 0x00),
    class1_rim: RGBColor(0x4A, 0x33, 0x00),
    vermillion: RGBColor(0xFF, 0x9A, 0x66),
    rule: RGBColor(0x5F, 0xD3, 0xA8),
    rule_before: RGBColor(0x4A, 0xA8, 0x89),
    deploy: RGBColor(0x5F, 0xD3, 0xA8),
    deploy_rim: RGBColor(0x12, 0x32, 0x2A),
    purple: RGBColor(0xE0, 0xA3, 0xC8),
    estimate: RGBColor(0xE6, 0x9F, 0x00),
    class0_tint: 0.2,
    class1_tint: 0.2,
};

/// `color` laid over `background` at `opacity`, as an opaque colour (so
/// overlapping cells never darken each other).
pub fn tint_over(color: RGBColor, background: RGBColor, opacity: f64) -> RGBColor {
    let a = opacity.clamp(0.0, 1.0);
    let mix = |c: u8, b: u8| (f64::from(b) + a * (f64::from(c) - f64::from(b))).round() as u8;
    RGBColor(
        mix(color.0, background.0),
        mix(color.1, background.1),
        mix(color.2, background.2),
    )
}

impl Palette {
    /// `color` laid over this palette's background at `opacity`.
    pub fn tint(&self, color: RGBColor, opacity: f64) -> RGBColor {
        tint_over(color, self.background, opacity)
    }
}

/// How every chart is drawn right now.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ChartLook {
    /// The page is in the dark colour scheme.
    pub dark: bool,
    /// The presenter view is on (larger type for a projector).
    pub presenter: bool,
}

/// Type sizes (canvas pixels) and the space they need.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TypeSizes {
    /// Tick labels and notes.
    pub tick: u32,
    /// Axis titles and legend labels.
    pub label: u32,
    /// One legend line.
    pub legend_line: i32,
    /// Room below a plot for the ticks and the x axis title.
    pub x_axis: u32,
    /// Room left of a plot for the ticks and the y axis title.
    pub y_axis: u32,
}

/// The normal view, in CSS pixels (every chart is drawn at the size it is
/// shown): readable at arm's length, and at least 12 on a phone.
pub const NORMAL_TYPE: TypeSizes = TypeSizes {
    tick: 14,
    label: 15,
    legend_line: 19,
    x_axis: 40,
    y_axis: 56,
};

/// The presenter view, in CSS pixels: at least 20, read from the back of a
/// room on a 1280- or 1920-wide projector.
pub const PRESENTER_TYPE: TypeSizes = TypeSizes {
    tick: 20,
    label: 21,
    legend_line: 27,
    x_axis: 54,
    y_axis: 72,
};

impl ChartLook {
    /// The colours.
    pub fn palette(&self) -> &'static Palette {
        if self.dark {
            &DARK
        } else {
            &LIGHT
        }
    }

    /// The type sizes.
    pub fn type_sizes(&self) -> TypeSizes {
        if self.presenter {
            PRESENTER_TYPE
        } else {
            NORMAL_TYPE
        }
    }
}

/// The media query static/style.css switches its dark theme on.
const DARK_QUERY: &str = "(prefers-color-scheme: dark)";

/// True while the system asks for a dark colour scheme; follows changes.
#[hook]
pub fn use_prefers_dark() -> bool {
    let query = || web_sys::window()?.match_media(DARK_QUERY).ok().flatten();
    let dark = use_state_eq(|| query().is_some_and(|q| q.matches()));
    {
        let dark = dark.clone();
        use_effect_with((), move |_| {
            let listener = query().map(|list| {
                let target = list.clone();
                EventListener::new(&target, "change", move |_| dark.set(list.matches()))
            });
            move || drop(listener)
        });
    }
    *dark
}

/// Properties of [`ChartLookProvider`].
#[derive(Properties, PartialEq)]
pub struct ChartLookProviderProps {
    /// The presenter view is on.
    pub presenter: bool,
    /// The part of the page whose charts get the look.
    pub children: Html,
}

/// Gives every chart inside it the page's [`ChartLook`]: the system's colour
/// scheme (followed as it changes) and the presenter view.
#[component]
pub fn ChartLookProvider(props: &ChartLookProviderProps) -> Html {
    let look = ChartLook {
        dark: use_prefers_dark(),
        presenter: props.presenter,
    };
    html! {
        <ContextProvider<ChartLook> context={look}>
            { props.children.clone() }
        </ContextProvider<ChartLook>>
    }
}

/// The look the charts get: the provider's, else light and normal (a chart
/// drawn outside the page, e.g. in a component test).
#[hook]
pub fn use_chart_look() -> ChartLook {
    use_context::<ChartLook>().unwrap_or_default()
}

/// WCAG relative luminance (tests of the palettes' contrast).
#[cfg(test)]
pub(crate) fn luminance(c: RGBColor) -> f64 {
    let lin = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.039_28 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2)
}

/// WCAG contrast ratio (tests of the palettes' contrast).
#[cfg(test)]
pub(crate) fn contrast(a: RGBColor, b: RGBColor) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn text_and_lines_pass_contrast_in_both_schemes() {
        for p in [&LIGHT, &DARK] {
            let grounds = [
                p.background,
                p.tint(p.class0, p.class0_tint),
                p.tint(p.class1, p.class1_tint),
            ];
            for ground in grounds {
                assert!(contrast(p.ink, ground) >= 4.5, "ink on {ground:?}");
                for (name, line) in [
                    ("muted", p.muted),
                    ("vermillion", p.vermillion),
                    ("rule", p.rule),
                    ("rule before", p.rule_before),
                    ("class 0", p.class0),
                    ("purple", p.purple),
                    ("estimate", p.estimate),
                ] {
                    let c = contrast(line, ground);
                    assert!(c >= 3.0, "{name} {line:?} on {ground:?}: {c:.2}");
                }
            }
            assert!(contrast(p.muted, p.background) >= 4.5, "muted text");
            // A filled marker stands out by its fill or by its rim (the class-1
            // triangles' orange is light, their rim dark).
            for (fill, rim) in [(p.class1, p.class1_rim), (p.deploy, p.deploy_rim)] {
                for ground in grounds {
                    let c = contrast(fill, ground).max(contrast(rim, ground));
                    assert!(c >= 3.0, "{fill:?}/{rim:?} on {ground:?}: {c:.2}");
                }
            }
        }
        // The dark scheme is dark.
        assert!(luminance(DARK.background) < 0.05);
    }

    #[wasm_bindgen_test]
    fn tints_lie_between_the_colour_and_the_background() {
        assert_eq!(LIGHT.tint(LIGHT.class0, 0.0), LIGHT.background);
        assert_eq!(DARK.tint(DARK.class0, 1.0), DARK.class0);
        let t = LIGHT.tint(LIGHT.class1, 0.15);
        assert!(t.0 > 240 && t.1 > 225 && t.2 > 210);
        let d = DARK.tint(DARK.class1, 0.2);
        assert!(d.0 < 0x50 && d.0 > DARK.background.0);
    }

    #[wasm_bindgen_test]
    fn the_presenter_view_has_larger_type() {
        let (n, p) = (
            ChartLook::default().type_sizes(),
            ChartLook {
                dark: false,
                presenter: true,
            }
            .type_sizes(),
        );
        assert!(p.tick > n.tick && p.label > n.label && p.legend_line > n.legend_line);
    }
}
