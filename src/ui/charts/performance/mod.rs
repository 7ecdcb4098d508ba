//! Accuracy per cycle: the live model on each new batch, every candidate, the
//! never-retrained v1, the deploy threshold, the best accuracy any model can
//! expect (the true rule's, at the label noise), and markers for deploys and
//! alerts. A threshold at or above the best possible line is one no candidate
//! can pass but by luck. On the synthetic stream, what the live model can
//! expect on each batch is a thin dashed line in a shaded band of ±2 standard
//! errors of a hold-out score: a score inside the band differs by luck.
//!
//! When labels arrive late the live model has three lines, each its own
//! colour and dash: what the team measured once labels came in (solid blue),
//! what it estimated before they did from the model's own confidence (dashed
//! ochre, `ml::estimate`), and the true accuracy only the simulator knows
//! (dotted, faint blue); a ring marks an alert on an estimated drop.

mod points;
mod text;

use std::rc::Rc;

use plotters::element::{Circle, DashedPathElement, PathElement, Polygon, Rectangle};
use plotters::series::LineSeries;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::Color;
use yew::prelude::*;

use super::look::ChartLook;
use super::{
    chart_figure, chart_height, cycle_axis, cycle_chart, draw_cross, draw_cycles_note,
    draw_frame_legend, draw_path, draw_triangle, forgotten_cycles, frame, text_style, use_chart,
    window_start, Canvas, Dash, DrawResult, LegendEntry,
};
use crate::sim::engine::protocol::Snapshot;
use crate::sim::retraining::history::CycleSummary;
use points::*;
pub use text::performance_text;
use text::{legend, EstimateRows};

/// At most this many cycles are drawn (the newest, all the core keeps); the
/// caption says so.
pub const MAX_CYCLES_SHOWN: usize = crate::sim::retraining::history::HISTORY_CYCLES;
/// Up to this many cycles, the live line also gets a dot per cycle.
const DOTS_UP_TO: usize = 60;
/// Opacity of the true-accuracy line when labels arrive late (still 3:1
/// against the background in both palettes).
const TRUTH_TINT: f64 = 0.75;
/// Height at which an alert without a candidate score is marked.
const NO_SCORE_Y: f64 = 0.03;
/// Half the width (in cycles) of the band drawn for a cycle with no banded
/// neighbour, so that a lone cycle's band is seen.
const LONE_BAND_HALF: f64 = 0.3;
/// Width of the expected score's dashed line: thinner than the measured line
/// it runs under.
const EXPECTED_WIDTH: u32 = 2;
/// Width of the background-coloured casing under the faint true line when it
/// runs inside the band (2 px either side of its 2 px).
const TRUTH_CASING: u32 = 6;
/// Width of the estimated accuracy's dashed line.
const ESTIMATE_WIDTH: u32 = 3;

/// Properties of [`PerformanceChart`].
#[derive(Properties, PartialEq)]
pub struct PerformanceChartProps {
    /// The state to show: `summaries` (and `params.threshold` and
    /// `best_possible` before the first cycle finishes) are used.
    pub snapshot: Rc<Snapshot>,
}

/// Accuracy per cycle: live model, candidates, v1 and the threshold.
#[component]
pub fn PerformanceChart(props: &PerformanceChartProps) -> Html {
    let snap = &props.snapshot;
    let text = performance_text(snap);
    // A finished cycle's summary never changes, so the count and the newest
    // summary (its scores, its expected scores and band included) say when
    // the data drawn changed.
    let key = (
        snap.summaries.len(),
        snap.summaries.last().cloned(),
        snap.params.threshold,
        snap.best_possible.map(f64::to_bits),
        snap.hides_truth(),
    );
    let (canvas, error) = use_chart(
        "performance",
        key,
        props.snapshot.clone(),
        draw_performance,
        performance_height,
    );
    chart_figure(super::ChartId::Performance, canvas, &text, None, error)
}

/// The best accuracy any model could expect at each shown cycle (the step
/// line's levels), or at the newest batch before any cycle finished.
fn ceiling_levels(s: &Snapshot, shown: &[CycleSummary]) -> Vec<(u32, f64)> {
    if shown.is_empty() {
        return s.best_possible.map(|b| vec![(0, b)]).unwrap_or_default();
    }
    shown
        .iter()
        .filter_map(|c| c.best_possible.map(|b| (c.cycle, b)))
        .filter(|(_, b)| b.is_finite())
        .collect()
}

/// Deploys and alerts over all finished cycles (counted by the core, which
/// keeps only the newest cycles' summaries).
pub fn deploys_and_alerts(s: &Snapshot) -> (usize, usize) {
    (s.totals.deploys as usize, s.totals.alerts as usize)
}

/// The legend's rows for the snapshot, and the gap between them (late labels
/// add the estimate's rows: the rows close up to fit).
fn legend_rows(s: &Snapshot, look: ChartLook) -> (Vec<LegendEntry>, i32) {
    let all = &s.summaries;
    let shown = &all[window_start(all.len(), MAX_CYCLES_SHOWN)..];
    let delayed = labels_late(shown);
    let gap = match (look.presenter, delayed) {
        (true, true) => 2,
        (true, false) => 5,
        (false, true) => 4,
        (false, false) => 8,
    };
    let estimate_rows = EstimateRows {
        line: delayed && !estimated_points(shown).is_empty(),
        // No room for the ring's row in the presenter's larger type; the
        // caption and the alert log name the alerts.
        alerts: delayed && !estimate_alert_points(shown).is_empty() && !look.presenter,
        team: s.hides_truth(),
    };
    let rows = legend(
        look.palette(),
        !ceiling_levels(s, shown).is_empty(),
        delayed,
        !expected_band_runs(shown).is_empty(),
        estimate_rows,
    );
    (rows, gap)
}

/// The chart's height at `width` (the legend and the cycles note under the
/// plot on a narrow screen).
fn performance_height(s: &Snapshot, look: ChartLook, width: u32) -> u32 {
    // The note "last N of M cycles" shows only once older cycles are left out.
    let notes = if s.summaries.len() + forgotten_cycles(s) > MAX_CYCLES_SHOWN {
        2
    } else {
        0
    };
    chart_height(width, look, &legend_rows(s, look).0, notes)
}

/// Draws the chart: plot on the left, legend on the right (under it when narrow).
fn draw_performance(canvas: &Canvas, s: &Snapshot) -> DrawResult {
    let root = canvas.area;
    let all = &s.summaries;
    let shown = &all[window_start(all.len(), MAX_CYCLES_SHOWN)..];
    let (x0, x1, x_labels) = match (shown.first(), shown.last()) {
        (Some(a), Some(b)) => cycle_axis(a.cycle, b.cycle, 5),
        _ => cycle_axis(1, 1, 5),
    };
    let (look, pal) = (canvas.look, canvas.look.palette());
    let f = frame(root, look, 172);
    let mut chart = cycle_chart(&f.plot, look, (x0, x1, x_labels), 11, "accuracy")?;

    // What the live model can expect, and its band (drawn below, behind the
    // data).
    let band_runs = expected_band_runs(shown);

    // The best any model can expect: a dotted step line (it moves with the
    // label noise, and with a prior shift or a gradual mix of two rules),
    // labelled at its right end.
    let ceiling = ceiling_levels(s, shown);
    let ceiling_steps: Vec<(f64, f64)> = if shown.is_empty() {
        ceiling
            .iter()
            .flat_map(|&(_, b)| [(x0, b), (x1, b)])
            .collect()
    } else {
        ceiling
            .iter()
            .flat_map(|&(c, b)| [(f64::from(c) - 0.5, b), (f64::from(c) + 0.5, b)])
            .collect()
    };
    if !ceiling_steps.is_empty() {
        let pixels: Vec<(i32, i32)> = ceiling_steps
            .iter()
            .map(|p| chart.backend_coord(p))
            .collect();
        draw_path(root, pixels, pal.rule.stroke_width(2), Dash::Dotted)?;
    }
    let ceiling_label = ceiling_steps
        .last()
        .map(|last| (format!("best {:.2}", last.1), chart.backend_coord(last)));

    // The threshold, as a step line (it can change between cycles).
    let steps: Vec<(f64, f64)> = if shown.is_empty() {
        vec![(x0, s.params.threshold), (x1, s.params.threshold)]
    } else {
        shown
            .iter()
            .flat_map(|c| {
                let x = f64::from(c.cycle);
                [(x - 0.5, c.threshold), (x + 0.5, c.threshold)]
            })
            .filter(finite)
            .collect()
    };
    chart.draw_series(LineSeries::new(steps, pal.ink.stroke_width(2)))?;

    // The best possible line's label, on a patch of the background over the
    // reference lines but under the band (which it shows through, 4.5:1) and
    // every data line and mark: the newest scores often lie just above the
    // best possible, by luck, and a label must not hide them, nor cut a notch
    // in the band. (Its size is estimated from the type size:
    // plotters measures text in a DOM element with an inline style, which
    // the page's Content-Security-Policy refuses.)
    if let Some((text, (x, y))) = ceiling_label {
        let px = look.type_sizes().tick;
        let style = text_style(px, &pal.rule, HPos::Right, VPos::Bottom);
        let w = (text.chars().count() as f64 * f64::from(px) * 0.6).ceil() as i32;
        let h = px as i32;
        root.draw(&Rectangle::new(
            [(x - w - 5, y - h - 4), (x - 1, y - 2)],
            pal.background.filled(),
        ))?;
        root.draw_text(&text, &style, (x - 3, y - 3))?;
    }

    // Sampling noise, behind the data: the band a score on the hold-out rows
    // falls in 19 times in 20 around what the live model can expect. Its fill
    // is the class-0 regions' tint, on which every line and mark of the
    // palette keeps 3:1 (look.rs checks it); translucent, so the gridlines,
    // reference lines and the label under it show through.
    let band_fill = pal.class0.mix(pal.class0_tint).filled();
    for run in &band_runs {
        chart.draw_series(std::iter::once(Polygon::new(band_outline(run), band_fill)))?;
    }

    let at = |c: &CycleSummary, v: f64| (f64::from(c.cycle), v);
    // The team's view draws what a team has: with late labels, neither the
    // live model's true score nor v1's on batches whose labels are out.
    let team = s.hides_truth();
    let delayed = labels_late(shown);
    // v1, never retrained: dashed grey.
    let v1: Vec<(f64, f64)> = shown
        .iter()
        .map(|c| at(c, c.v1_score))
        .filter(finite)
        .collect();
    if v1.len() > 1 && !(team && delayed) {
        chart.draw_series(std::iter::once(DashedPathElement::new(
            v1.clone(),
            9,
            6,
            pal.muted.stroke_width(2),
        )))?;
    }
    // The live model on each new batch. With late labels the team sees only
    // what it has measured (solid, ending where the labels end), and the truth
    // only the simulator knows is a faint line running on to the newest batch.
    let truth: Vec<(f64, f64)> = shown
        .iter()
        .map(|c| at(c, c.live_score))
        .filter(finite)
        .collect();
    let live: Vec<(f64, f64)> = if delayed {
        measured_points(shown)
    } else {
        truth.clone()
    };
    if delayed && !team {
        // The faint line runs inside the band, whose tint leaves it under 3:1
        // in the light palette: a casing of the background keeps what borders
        // it at the faint line's 3:1 on the background.
        if !band_runs.is_empty() {
            chart.draw_series(std::iter::once(PathElement::new(
                truth.clone(),
                pal.background.stroke_width(TRUTH_CASING),
            )))?;
        }
        let pixels = truth.iter().map(|p| chart.backend_coord(p)).collect();
        draw_path(
            root,
            pixels,
            pal.tint(pal.class0, TRUTH_TINT).stroke_width(2),
            Dash::Dotted,
        )?;
    }
    // What the team estimated before labels came in, from the model's own
    // confidence: ochre and dashed, over the truth and under the measured
    // line; a ring where it raised an alert.
    let estimated = if delayed {
        estimated_points(shown)
    } else {
        Vec::new()
    };
    let estimate_alerts = if delayed {
        estimate_alert_points(shown)
    } else {
        Vec::new()
    };
    if estimated.len() > 1 {
        let pixels = estimated.iter().map(|p| chart.backend_coord(p)).collect();
        draw_path(
            root,
            pixels,
            pal.estimate.stroke_width(ESTIMATE_WIDTH),
            Dash::Dashed,
        )?;
    } else if let Some(p) = estimated.first() {
        root.draw(&Circle::new(
            chart.backend_coord(p),
            3,
            pal.estimate.filled(),
        ))?;
    }
    for p in &estimate_alerts {
        root.draw(&Circle::new(
            chart.backend_coord(p),
            7,
            pal.estimate.stroke_width(3),
        ))?;
    }
    // What the live model can expect on each batch, which only the simulator
    // knows (like the faint true line, it runs on to the newest batch): thin
    // and dashed, over the faint line and under the measured one.
    for run in &band_runs {
        let pixels = expected_line(run)
            .iter()
            .map(|p| chart.backend_coord(p))
            .collect();
        draw_path(
            root,
            pixels,
            pal.class0.stroke_width(EXPECTED_WIDTH),
            Dash::Dashed,
        )?;
    }
    chart.draw_series(std::iter::once(PathElement::new(
        live.clone(),
        pal.class0.stroke_width(3),
    )))?;
    if shown.len() <= DOTS_UP_TO {
        if !(team && delayed) {
            chart.draw_series(v1.iter().map(|p| Circle::new(*p, 3, pal.muted.filled())))?;
        }
        chart.draw_series(live.iter().map(|p| Circle::new(*p, 4, pal.class0.filled())))?;
    }
    // Candidates, then deploy and alert markers on top of them.
    for c in shown {
        let score = c.candidate_score.filter(|v| v.is_finite());
        if let Some(v) = score {
            let p = chart.backend_coord(&at(c, v));
            root.draw(&Circle::new(p, 4, pal.purple.filled()))?;
            root.draw(&Circle::new(p, 4, pal.ink.stroke_width(1)))?;
        }
        if c.deployed() {
            if let Some(v) = score {
                let p = chart.backend_coord(&at(c, v));
                draw_triangle(root, p, 8, pal.deploy, pal.deploy_rim)?;
            }
        } else if c.outcome.kind() == crate::sim::retraining::outcome::OutcomeKind::Alert {
            let y = score.unwrap_or(NO_SCORE_Y);
            draw_cross(root, chart.backend_coord(&at(c, y)), 6, pal.vermillion)?;
        }
    }

    if shown.is_empty() {
        let size = look.type_sizes().label + 1;
        let style = text_style(size, &pal.muted, HPos::Center, VPos::Center);
        let (x, y) = chart.backend_coord(&((x0 + x1) / 2.0, 0.45));
        let line = size as i32 + 4;
        root.draw_text("Run a cycle", &style, (x, y - line / 2))?;
        root.draw_text("to see performance", &style, (x, y + line / 2))?;
    }

    let (rows, gap) = legend_rows(s, look);
    let below = draw_frame_legend(&f, look, 12, gap, &rows)?;
    let total = all.len() + forgotten_cycles(s);
    draw_cycles_note(&f.legend, look, below + 2, shown.len(), total)
}

#[cfg(test)]
mod tests {
    use super::text::*;
    use super::*;
    use crate::sim::params::SimParams;
    use crate::sim::retraining::outcome::{AlertReason, Outcome};
    use crate::ui::charts::snapshot_after;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn empty_run_says_run_a_cycle() {
        let s = snapshot_after(SimParams::default(), 0);
        let t = performance_text(&s);
        assert!(
            t.caption.contains("run a cycle to see performance"),
            "{}",
            t.caption
        );
        assert!(t.caption.contains("0.80"), "{}", t.caption);
        assert!(t.aria_label.ends_with('.'));
    }

    #[wasm_bindgen_test]
    fn caption_states_the_last_cycle_and_the_tally() {
        let mut s = snapshot_after(SimParams::default(), 8 * 3);
        assert_eq!(s.summaries.len(), 3);
        // Pin the numbers so the sentence is predictable (the band's
        // sentence is tested on its own below).
        for c in s.summaries.iter_mut() {
            c.threshold = 0.8;
            c.expected = None;
        }
        s.totals.deploys = 2;
        s.totals.alerts = 1;
        let last = s.summaries.last_mut().unwrap();
        last.live_before = 2;
        last.live_score = 0.91;
        last.v1_score = 0.42;
        last.candidate = Some(4);
        last.candidate_score = Some(0.93);
        last.outcome = Outcome::Deployed {
            version: 4,
            score: 0.93,
            threshold: 0.8,
            replaced: 2,
            gate: None,
        };
        last.best_possible = Some(0.95);
        let t = performance_text(&s);
        assert_eq!(
            t.caption,
            "Cycle 3: live model v2 0.91 on new data, v1 0.42, threshold 0.80; \
             candidate v4 scored 0.93 and was deployed. Over 3 cycles: 2 deploys, 1 alert. \
             The best any model can expect here is 0.95 (the true rule's score at this label noise)."
        );
        assert!(t.aria_label.contains("3 cycles") && t.aria_label.contains("0.91"));
        assert!(
            t.aria_label.contains("(the best possible is 0.95)"),
            "{}",
            t.aria_label
        );
    }

    #[wasm_bindgen_test]
    fn the_best_possible_is_named_before_any_cycle_and_on_own_data() {
        // Label noise 0.05: Φ(1.5) × 0.95 + (1 − Φ(1.5)) × 0.05 ≈ 0.89.
        let s = snapshot_after(SimParams::default().threshold(0.9), 0);
        assert!((s.best_possible.unwrap() - 0.8899).abs() < 1e-3);
        let t = performance_text(&s);
        assert!(
            t.caption.contains(
                "The threshold 0.90 is at or above the best any model can expect here (0.89"
            ),
            "{}",
            t.caption
        );
        assert_eq!(ceiling_levels(&s, &[]), vec![(0, s.best_possible.unwrap())]);
        // The teacher's own data: no rule is known, so no line and no sentence.
        let mut own = snapshot_after(SimParams::default(), 8);
        own.best_possible = None;
        own.summaries
            .iter_mut()
            .for_each(|c| c.best_possible = None);
        let t = performance_text(&own);
        assert!(!t.caption.contains("best any model"), "{}", t.caption);
        assert!(ceiling_levels(&own, &own.summaries).is_empty());
    }

    #[wasm_bindgen_test]
    fn late_labels_split_measured_from_true_accuracy() {
        let s = snapshot_after(SimParams::default().label_delay(3), 8 * 5);
        let shown = &s.summaries;
        assert!(labels_late(shown));
        // The team measured batches 1 and 2 (in cycles 4 and 5), not 3-5.
        let measured = measured_points(shown);
        assert_eq!(
            measured.iter().map(|p| p.0).collect::<Vec<_>>(),
            vec![1.0, 2.0]
        );
        let t = performance_text(&s);
        assert!(
            t.caption.contains("up to cycle 2's batch")
                && t.caption.contains("Cycles 3–5 are the team's blind spot."),
            "{}",
            t.caption
        );
        assert!(t.aria_label.contains("blind spot"), "{}", t.aria_label);
        // Labels at once: one line, nothing said about labels.
        let s = snapshot_after(SimParams::default(), 8 * 5);
        assert!(!labels_late(&s.summaries));
        assert!(!performance_text(&s).caption.contains("Labels"));
    }

    #[wasm_bindgen_test]
    fn an_alert_and_a_long_run_are_said() {
        let mut s = snapshot_after(SimParams::default(), 8);
        let one = s.summaries[0].clone();
        s.totals.cycles = 1_000;
        s.totals.deploys = 0;
        s.totals.alerts = 1_000;
        s.summaries = (701..=1_000)
            .map(|cycle| {
                let mut c = one.clone();
                c.cycle = cycle;
                c.candidate_score = Some(0.8);
                c.threshold = 0.8;
                c.outcome = Outcome::Alerted {
                    live: 1,
                    reason: AlertReason::BelowThreshold {
                        candidate: 2,
                        score: 0.8,
                        threshold: 0.8,
                    },
                };
                c
            })
            .collect();
        let t = performance_text(&s);
        assert!(t.caption.contains("not above it: alert"), "{}", t.caption);
        assert!(
            t.caption.contains("0 deploys, 1,000 alerts"),
            "{}",
            t.caption
        );
        assert!(
            t.caption.contains("shows the last 300 of 1,000 cycles"),
            "{}",
            t.caption
        );
        assert_eq!(deploys_and_alerts(&s), (0, 1_000));
    }

    #[wasm_bindgen_test]
    fn the_band_is_the_expected_score_plus_and_minus_two_standard_errors() {
        let s = snapshot_after(SimParams::default(), 8 * 5);
        let runs = expected_band_runs(&s.summaries);
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].len(), 5);
        for (p, c) in runs[0].iter().zip(&s.summaries) {
            let e = c.expected.unwrap();
            let half = e.band(e.live);
            assert!(half > 0.04 && half < 0.1, "{half}");
            assert_eq!(p.x, f64::from(c.cycle));
            assert_eq!(p.expected, e.live);
            assert!((p.low - (e.live - half)).abs() < 1e-12, "{p:?}");
            assert!((p.high - (e.live + half)).abs() < 1e-12, "{p:?}");
        }
        // The outline runs along the upper edge and back along the lower one.
        let outline = band_outline(&runs[0]);
        assert_eq!(outline.len(), 10);
        assert_eq!(outline[0], (1.0, runs[0][0].high));
        assert_eq!(outline[9], (1.0, runs[0][0].low));
        // A lone cycle still shows a band and a dash.
        let lone = band_outline(&runs[0][..1]);
        assert_eq!(lone.len(), 4);
        assert!((lone[1].0 - lone[0].0 - 2.0 * LONE_BAND_HALF).abs() < 1e-12);
        assert_eq!(expected_line(&runs[0][..1]).len(), 2);
    }

    #[wasm_bindgen_test]
    fn lines_and_marks_keep_3_to_1_on_the_band() {
        use crate::ui::charts::look::{contrast, DARK, LIGHT};
        for p in [&LIGHT, &DARK] {
            // The band as drawn: class 0 at the regions' tint over the background.
            let band = p.tint(p.class0, p.class0_tint);
            assert_ne!(band, p.background);
            for (name, line) in [
                ("expected and live", p.class0),
                ("v1", p.muted),
                ("threshold", p.ink),
                ("best possible", p.rule),
                ("candidate", p.purple),
                ("alert", p.vermillion),
            ] {
                let c = contrast(line, band);
                assert!(c >= 3.0, "{name} on the band: {c:.2}");
            }
            let deploy = contrast(p.deploy, band).max(contrast(p.deploy_rim, band));
            assert!(deploy >= 3.0, "deployed on the band: {deploy:.2}");
            // The best possible's label shows through the band: still text.
            let label = crate::ui::charts::look::tint_over(p.class0, p.rule, p.class0_tint);
            let c = contrast(label, band);
            assert!(c >= 4.5, "the best possible's label under the band: {c:.2}");
            // The faint true line is cased in the background colour, against
            // which it keeps 3:1 (on the light band alone it would not).
            let truth = p.tint(p.class0, TRUTH_TINT);
            assert!(contrast(truth, p.background) >= 3.0);
        }
        let light_truth = LIGHT.tint(LIGHT.class0, TRUTH_TINT);
        assert!(contrast(light_truth, LIGHT.tint(LIGHT.class0, LIGHT.class0_tint)) < 3.0);
    }

    #[wasm_bindgen_test]
    fn the_band_breaks_where_no_expectation_is_known() {
        let mut s = snapshot_after(SimParams::default(), 8 * 5);
        s.summaries[2].expected = None;
        let runs = expected_band_runs(&s.summaries);
        let xs: Vec<Vec<f64>> = runs
            .iter()
            .map(|r| r.iter().map(|p| p.x).collect())
            .collect();
        assert_eq!(xs, vec![vec![1.0, 2.0], vec![4.0, 5.0]]);
        // Own data: no band, no legend row, no sentence.
        s.summaries.iter_mut().for_each(|c| c.expected = None);
        assert!(expected_band_runs(&s.summaries).is_empty());
        let rows = legend(
            &crate::ui::charts::look::LIGHT,
            true,
            false,
            false,
            EstimateRows::default(),
        );
        assert_eq!(band_row(&rows), None);
        assert!(rows.iter().all(|r| !r.label.contains("expected")));
        let t = performance_text(&s);
        assert!(!t.caption.contains("dashed line"), "{}", t.caption);
        assert!(!t.aria_label.contains("shaded band"), "{}", t.aria_label);
    }

    /// Which legend row is the expected score's (drawn on a patch of the band).
    fn band_row(rows: &[LegendEntry]) -> Option<usize> {
        rows.iter()
            .position(|r| matches!(r.glyph, crate::ui::charts::Glyph::Banded { .. }))
    }

    #[wasm_bindgen_test]
    fn caption_and_label_say_what_the_band_means() {
        let s = snapshot_after(SimParams::default(), 8 * 5);
        let e = s.summaries.last().unwrap().expected.unwrap();
        let half = format!("±{:.2}", e.band(e.live));
        let t = performance_text(&s);
        for text in [&t.caption, &t.aria_label] {
            assert!(
                text.contains(&format!("band around it (±2 standard errors: {half}"))
                    && text.contains("where a score on 150 hold-out rows falls 19 times in 20,"),
                "{text}"
            );
        }
        let rows = legend(
            &crate::ui::charts::look::DARK,
            true,
            false,
            true,
            EstimateRows::default(),
        );
        assert_eq!(band_row(&rows), Some(1));
        assert_eq!(rows[1].label, "expected, ± luck");
        // With late labels it comes after the faint true line.
        let rows = legend(
            &crate::ui::charts::look::DARK,
            true,
            true,
            true,
            EstimateRows::default(),
        );
        assert_eq!(band_row(&rows), Some(2));
        assert_eq!(rows[2].label, "expected, ± luck");
        let late = snapshot_after(SimParams::default().label_delay(2), 8 * 5);
        assert!(
            performance_text(&late)
                .caption
                .contains("which only the simulator knows, like the faint line"),
            "{}",
            performance_text(&late).caption
        );
    }

    #[wasm_bindgen_test]
    fn late_labels_draw_three_lines_and_say_how_far_the_estimate_is() {
        let s = snapshot_after(SimParams::default().label_delay(3), 8 * 6);
        let shown = &s.summaries;
        // An estimate for every batch (made before its labels), a measurement
        // only for the batches whose labels came in, a truth for every one.
        assert_eq!(estimated_points(shown).len(), 6);
        assert_eq!(measured_points(shown).len(), 3);
        let t = performance_text(&s);
        for text in [&t.caption, &t.aria_label] {
            assert!(
                text.contains(
                    "The ochre dashed line is what the team can estimate before labels arrive"
                ),
                "{text}"
            );
        }
        assert!(
            t.aria_label
                .contains("Three lines for the live model: measured"),
            "{}",
            t.aria_label
        );
        let rows = legend(
            &crate::ui::charts::look::LIGHT,
            true,
            true,
            true,
            EstimateRows {
                line: true,
                alerts: true,
                team: false,
            },
        );
        let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            &labels[..4],
            [
                "live, measured",
                "estimated, before\nlabels",
                "estimate alert",
                "true (only the\nsimulator knows)"
            ]
        );
        // Labels at once: no estimate, no third line, no sentence.
        let s = snapshot_after(SimParams::default(), 8 * 3);
        assert!(estimated_points(&s.summaries).is_empty());
        assert!(!performance_text(&s)
            .caption
            .contains("dashed line is what the team"));
    }
}
