//! The sensitivity trade-off: the race's detector run at each swept value of
//! its sensitivity (ADWIN's δ, Page-Hinkley's λ, the KS test's α) on the same
//! stream, with its false alarms, missed drift points and mean time to detect
//! against the value, least sensitive on the left. The worker computed the
//! sweep with the race (`retraining::sweep`); this file only draws it.

use std::rc::Rc;

use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{Color, TRANSPARENT};
use yew::prelude::*;

use super::look::{ChartLook, Palette};
use super::{
    chart_figure, chart_height, draw_dot, draw_frame_legend, draw_path, draw_triangle, frame,
    text_style, use_chart, Canvas, ChartText, Dash, DrawResult, Glyph, LegendEntry, FONT,
};
use crate::sim::engine::protocol::Snapshot;
use crate::sim::retraining::race::PolicyRace;
use crate::sim::retraining::scorecard::Scorecard;
use crate::sim::retraining::sweep::SensitivitySweep;
use crate::sim::wording::{
    sensitivity_symbol, sensitivity_value, sweep_aria_label, sweep_caption, sweep_note,
};

/// Properties of [`SweepChart`].
#[derive(Properties, PartialEq)]
pub struct SweepChartProps {
    /// The state; its race's `sweep` is drawn.
    pub snapshot: Rc<Snapshot>,
}

/// False alarms, missed drifts and time to detect against the sensitivity.
#[component]
pub fn SweepChart(props: &SweepChartProps) -> Html {
    let race = props.snapshot.race.as_ref();
    let text = sweep_text(race);
    let why = race
        .and_then(|r| r.sweep.as_ref())
        .map(|s| sweep_note(s.detector));
    let key = race.and_then(|r| r.sweep.clone());
    let (canvas, error) = use_chart(
        "sweep",
        key,
        props.snapshot.clone(),
        draw_sweep,
        sweep_height,
    );
    chart_figure(super::ChartId::Sweep, canvas, &text, why, error)
}

/// The chart's text alternatives (from `wording`).
pub fn sweep_text(race: Option<&PolicyRace>) -> ChartText {
    match race.and_then(|r| r.sweep.as_ref()) {
        Some(s) => ChartText {
            aria_label: sweep_aria_label(s),
            caption: sweep_caption(s),
        },
        None => ChartText {
            aria_label: "No sensitivity sweep has been run yet.".into(),
            caption: "Run the race on the synthetic stream to sweep the detector's sensitivity."
                .into(),
        },
    }
}

/// The y axis's top: a little above the largest count or delay (at least 4).
pub fn y_top(sweep: &SensitivitySweep) -> f64 {
    let top = sweep
        .points
        .iter()
        .flat_map(|p| {
            let c = &p.scorecard;
            [
                f64::from(c.false_alarms),
                f64::from(c.missed),
                c.mean_delay().unwrap_or(0.0),
            ]
        })
        .fold(0.0, f64::max);
    (top * 1.15).max(4.0).ceil()
}

/// The legend: false alarms, missed drifts and the time to detect.
fn sweep_legend(pal: &Palette) -> Vec<LegendEntry> {
    vec![
        LegendEntry::new(
            Glyph::Dot {
                fill: pal.vermillion,
                rim: pal.ink,
            },
            "false alarms\n(retrains)",
        ),
        LegendEntry::new(
            Glyph::Triangle {
                fill: pal.purple,
                rim: pal.ink,
            },
            "missed drift\npoints",
        ),
        LegendEntry::new(
            Glyph::Ring { color: pal.class0 },
            "mean time to\ndetect (cycles)",
        ),
    ]
}

/// The chart's height at `width` (the legend under the plot when narrow).
fn sweep_height(_: &Snapshot, look: ChartLook, width: u32) -> u32 {
    chart_height(width, look, &sweep_legend(look.palette()), 0)
}

fn draw_sweep(canvas: &Canvas, s: &Snapshot) -> DrawResult {
    let root = canvas.area;
    let Some(sweep) = s.race.as_ref().and_then(|r| r.sweep.as_ref()) else {
        return Ok(());
    };
    let (look, pal, size) = (canvas.look, canvas.look.palette(), canvas.look.type_sizes());
    let f = frame(root, look, 160);
    let n = sweep.points.len().max(1);
    let top = y_top(sweep);
    let values: Vec<String> = sweep
        .points
        .iter()
        .map(|p| sensitivity_value(p.value))
        .collect();
    let mut chart = plotters::chart::ChartBuilder::on(&f.plot)
        .margin(10)
        .margin_right(14)
        .x_label_area_size(size.x_axis)
        .y_label_area_size(size.y_axis)
        .build_cartesian_2d(-0.5..(n as f64 - 0.5), 0.0..top)?;
    let symbol = sensitivity_symbol(sweep.detector);
    chart
        .configure_mesh()
        .x_labels(n)
        .y_labels(6)
        .light_line_style(TRANSPARENT)
        .bold_line_style(pal.grid)
        .axis_style(pal.muted)
        .label_style((FONT, size.tick, &pal.ink))
        .axis_desc_style((FONT, size.label, &pal.ink))
        .x_label_formatter(&|v| {
            let i = v.round();
            if (v - i).abs() < 1e-6 && i >= 0.0 {
                values.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .y_label_formatter(&|v| format!("{v:.0}"))
        .x_desc(format!("{symbol} (more sensitive to the right)"))
        .y_desc("retrains or cycles")
        .draw()?;
    // The value in force: a dashed upright line.
    if let Some(i) = sweep.points.iter().position(|p| p.value == sweep.current) {
        let x = i as f64;
        let (a, b) = (
            chart.backend_coord(&(x, 0.0)),
            chart.backend_coord(&(x, top)),
        );
        draw_path(root, vec![a, b], pal.muted.stroke_width(2), Dash::Dashed)?;
        // Left of the line at the right end, clear of the legend.
        let (h, x) = if i + 1 == n {
            (HPos::Right, b.0 - 4)
        } else {
            (HPos::Left, b.0 + 4)
        };
        root.draw_text(
            "in force",
            &text_style(size.tick, &pal.ink, h, VPos::Top),
            (x, b.1 + 2),
        )?;
    }
    let at = |i: usize, y: f64| chart.backend_coord(&(i as f64, y.clamp(0.0, top)));
    let series = |y: fn(&Scorecard) -> Option<f64>| -> Vec<(i32, i32)> {
        sweep
            .points
            .iter()
            .enumerate()
            .filter_map(|(i, p)| y(&p.scorecard).map(|v| at(i, v)))
            .collect()
    };
    let alarms = series(|c| Some(f64::from(c.false_alarms)));
    let missed = series(|c| Some(f64::from(c.missed)));
    // No point where nothing was detected.
    let delays = series(Scorecard::mean_delay);
    draw_path(
        root,
        alarms.clone(),
        pal.vermillion.stroke_width(3),
        Dash::Solid,
    )?;
    draw_path(
        root,
        missed.clone(),
        pal.purple.stroke_width(3),
        Dash::Dashed,
    )?;
    draw_path(
        root,
        delays.clone(),
        pal.class0.stroke_width(3),
        Dash::Dotted,
    )?;
    for &p in &alarms {
        draw_dot(root, p, 5, pal.vermillion, pal.ink)?;
    }
    for &p in &missed {
        draw_triangle(root, p, 7, pal.purple, pal.ink)?;
    }
    for &p in &delays {
        root.draw(&plotters::element::Circle::new(
            p,
            6,
            pal.class0.stroke_width(3),
        ))?;
    }
    let gap = if look.presenter { 4 } else { 10 };
    draw_frame_legend(&f, look, 14, gap, &sweep_legend(pal))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::params::SimParams;
    use crate::sim::retraining::race::policy_race;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn the_text_alternative_names_every_value_and_the_one_in_force() {
        let race = policy_race(&SimParams::default(), 8).unwrap();
        let t = sweep_text(Some(&race));
        assert!(
            t.aria_label.starts_with("False alarms, missed drift points and mean time to detect of ADWIN at 7 values of δ"),
            "{}",
            t.aria_label
        );
        assert!(t.caption.contains("δ = 0.001: "), "{}", t.caption);
        assert!(t.caption.ends_with("In force: δ = 0.002."), "{}", t.caption);
        assert_eq!(
            sweep_text(None).aria_label,
            "No sensitivity sweep has been run yet."
        );
    }

    #[wasm_bindgen_test]
    fn the_y_axis_holds_every_point() {
        let race = policy_race(&SimParams::default(), 8).unwrap();
        let sweep = race.sweep.unwrap();
        let top = y_top(&sweep);
        assert!(top >= 4.0);
        for p in &sweep.points {
            assert!(f64::from(p.scorecard.false_alarms) <= top);
            assert!(f64::from(p.scorecard.missed) <= top);
        }
    }
}
