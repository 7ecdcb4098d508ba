//! Accuracy per cycle: the live model on each new batch, every candidate, the
//! never-retrained v1, the deploy threshold, the best accuracy any model can
//! expect (the true rule's, at the label noise), and markers for deploys and
//! alerts. A threshold at or above the best possible line is one no candidate
//! can pass but by luck.

use std::rc::Rc;

use plotters::element::{Circle, DashedPathElement, PathElement, Rectangle};
use plotters::series::LineSeries;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::Color;
use yew::prelude::*;

use super::look::Palette;
use super::{
    chart_figure, count_noun, cycle_axis, cycle_chart, draw_cross, draw_cycles_note, draw_legend,
    draw_path, draw_triangle, forgotten_cycles, text_style, use_chart, window_start, Canvas,
    ChartText, Dash, DrawResult, Glyph, LegendEntry,
};
use crate::sim::english::group_thousands;
use crate::sim::history::CycleSummary;
use crate::sim::protocol::Snapshot;
use crate::sim::wording::{
    blind_spot_sentence, candidate_note, ceiling_sentence, format_score, format_threshold,
};

/// At most this many cycles are drawn (the newest, all the core keeps); the
/// caption says so.
pub const MAX_CYCLES_SHOWN: usize = crate::sim::history::HISTORY_CYCLES;
/// Up to this many cycles, the live line also gets a dot per cycle.
const DOTS_UP_TO: usize = 60;
/// Opacity of the true-accuracy line when labels arrive late (still 3:1
/// against the background in both palettes).
const TRUTH_TINT: f64 = 0.75;
/// Height at which an alert without a candidate score is marked.
const NO_SCORE_Y: f64 = 0.03;

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
    let key = (
        snap.summaries.len(),
        snap.summaries.last().cloned(),
        snap.params.threshold,
        snap.best_possible.map(f64::to_bits),
    );
    let (canvas, error) = use_chart("performance", key, props.snapshot.clone(), draw_performance);
    chart_figure("chart-performance", canvas, &text, None, error)
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

/// The performance chart's text alternatives.
pub fn performance_text(s: &Snapshot) -> ChartText {
    let Some(last) = s.summaries.last() else {
        let mut caption = format!(
            "No finished cycles yet: run a cycle to see performance. \
             A candidate is deployed only if it scores above the threshold {}.",
            format_threshold(s.params.threshold)
        );
        if let Some(best) = s.best_possible {
            caption.push(' ');
            caption.push_str(&ceiling_sentence(best, s.params.threshold));
        }
        return ChartText {
            aria_label: "Accuracy per cycle: empty until the first cycle finishes.".into(),
            caption,
        };
    };
    let n = s.summaries.len() + forgotten_cycles(s);
    let t = last.threshold;
    let score = |v: f64| format_score(v, t);
    let (deploys, alerts) = deploys_and_alerts(s);
    let tally = format!(
        "{}, {}",
        count_noun(deploys, "deploy", "deploys"),
        count_noun(alerts, "alert", "alerts")
    );
    let candidate = candidate_note(last);
    let mut caption = format!(
        "Cycle {}: live model v{} {} on new data, v1 {}, threshold {}; {candidate}. \
         Over {}: {tally}.",
        last.cycle,
        last.live_before,
        score(last.live_score),
        score(last.v1_score),
        format_threshold(t),
        count_noun(n, "cycle", "cycles"),
    );
    if let Some(best) = last.best_possible {
        caption.push(' ');
        caption.push_str(&ceiling_sentence(best, t));
    }
    let shown = &s.summaries[window_start(s.summaries.len(), MAX_CYCLES_SHOWN)..];
    let blind_spot = labels_late(shown).then(|| {
        let measured = shown
            .iter()
            .rev()
            .find_map(|c| c.measured)
            .map(|m| (m.on_cycle, m.score));
        blind_spot_sentence(last.label_delay, measured, (last.cycle, last.live_score), t)
    });
    if let Some(b) = &blind_spot {
        caption.push(' ');
        caption.push_str(b);
    }
    if n > MAX_CYCLES_SHOWN {
        caption.push_str(&format!(
            " The chart shows the last {} of {} cycles.",
            group_thousands(MAX_CYCLES_SHOWN),
            group_thousands(n)
        ));
    }
    let best = last
        .best_possible
        .map(|b| format!(" (the best possible is {})", score(b)))
        .unwrap_or_default();
    let aria = format!(
        "Accuracy per cycle over {}: at cycle {} the live model scored {} on new data \
         against a threshold of {}{best}, with {tally}.",
        count_noun(n, "cycle", "cycles"),
        last.cycle,
        score(last.live_score),
        format_threshold(t),
    );
    let aria_label = match blind_spot {
        Some(b) => format!("{aria} {b}"),
        None => aria,
    };
    ChartText {
        aria_label,
        caption,
    }
}

fn legend(pal: &Palette, ceiling: bool, delayed: bool) -> Vec<LegendEntry> {
    let live = if delayed {
        "live model,\nmeasured"
    } else {
        "live model\non new data"
    };
    let mut rows = vec![LegendEntry::new(
        Glyph::Line {
            color: pal.class0,
            width: 3,
            dash: Dash::Solid,
        },
        live,
    )];
    if delayed {
        rows.push(LegendEntry::new(
            Glyph::Line {
                color: pal.tint(pal.class0, TRUTH_TINT),
                width: 2,
                dash: Dash::Solid,
            },
            "true (only the\nsimulator knows)",
        ));
    }
    rows.extend([
        LegendEntry::new(
            Glyph::Line {
                color: pal.muted,
                width: 2,
                dash: Dash::Dashed,
            },
            "v1, never\nretrained",
        ),
        LegendEntry::new(
            Glyph::Dot {
                fill: pal.purple,
                rim: pal.ink,
            },
            "candidate",
        ),
        LegendEntry::new(
            Glyph::Triangle {
                fill: pal.deploy,
                rim: pal.deploy_rim,
            },
            "deployed",
        ),
        LegendEntry::new(
            Glyph::Cross {
                color: pal.vermillion,
            },
            "alert",
        ),
        LegendEntry::new(
            Glyph::Step {
                color: pal.ink,
                width: 2,
            },
            "threshold",
        ),
    ]);
    if ceiling {
        rows.push(LegendEntry::new(
            Glyph::Line {
                color: pal.rule,
                width: 2,
                dash: Dash::Dotted,
            },
            "best possible\n(true rule)",
        ));
    }
    rows
}

/// True when any shown cycle had its labels arrive late (or a measurement
/// about an older batch): the chart then splits measured from true accuracy.
pub fn labels_late(shown: &[CycleSummary]) -> bool {
    shown
        .iter()
        .any(|c| c.label_delay > 0 || c.measured.is_some_and(|m| m.on_cycle != c.cycle))
}

/// What the team measured, at the cycle of the batch it was measured on.
pub fn measured_points(shown: &[CycleSummary]) -> Vec<(f64, f64)> {
    let first = shown.first().map_or(0, |c| c.cycle);
    shown
        .iter()
        .filter_map(|c| c.measured)
        .filter(|m| m.on_cycle >= first && m.score.is_finite())
        .map(|m| (f64::from(m.on_cycle), m.score))
        .collect()
}

fn finite(p: &(f64, f64)) -> bool {
    p.0.is_finite() && p.1.is_finite()
}

/// Draws the chart: plot on the left, legend on the right.
fn draw_performance(canvas: &Canvas, s: &Snapshot) -> DrawResult {
    let root = canvas.area;
    let all = &s.summaries;
    let shown = &all[window_start(all.len(), MAX_CYCLES_SHOWN)..];
    let (x0, x1, x_labels) = match (shown.first(), shown.last()) {
        (Some(a), Some(b)) => cycle_axis(a.cycle, b.cycle, 5),
        _ => cycle_axis(1, 1, 5),
    };
    let (look, pal) = (canvas.look, canvas.look.palette());
    let (plot_area, legend_area) = root.split_horizontally(if look.presenter { 370 } else { 388 });
    let mut chart = cycle_chart(&plot_area, look, (x0, x1, x_labels), 11, "accuracy")?;

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

    let at = |c: &CycleSummary, v: f64| (f64::from(c.cycle), v);
    // v1, never retrained: dashed grey.
    let v1: Vec<(f64, f64)> = shown
        .iter()
        .map(|c| at(c, c.v1_score))
        .filter(finite)
        .collect();
    if v1.len() > 1 {
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
    let delayed = labels_late(shown);
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
    if delayed {
        chart.draw_series(std::iter::once(PathElement::new(
            truth,
            pal.tint(pal.class0, TRUTH_TINT).stroke_width(2),
        )))?;
    }
    chart.draw_series(std::iter::once(PathElement::new(
        live.clone(),
        pal.class0.stroke_width(3),
    )))?;
    if shown.len() <= DOTS_UP_TO {
        chart.draw_series(v1.iter().map(|p| Circle::new(*p, 3, pal.muted.filled())))?;
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
        } else if c.outcome.kind() == crate::sim::outcome::OutcomeKind::Alert {
            let y = score.unwrap_or(NO_SCORE_Y);
            draw_cross(root, chart.backend_coord(&at(c, y)), 6, pal.vermillion)?;
        }
    }

    // The best possible line's label, last, on a patch of the background so
    // that the data lines never hide it. (Its size is estimated from the
    // type size: plotters measures text in a DOM element with an inline
    // style, which the page's Content-Security-Policy refuses.)
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

    if shown.is_empty() {
        let size = look.type_sizes().label + 1;
        let style = text_style(size, &pal.muted, HPos::Center, VPos::Center);
        let (x, y) = chart.backend_coord(&((x0 + x1) / 2.0, 0.45));
        let line = size as i32 + 4;
        root.draw_text("Run a cycle", &style, (x, y - line / 2))?;
        root.draw_text("to see performance", &style, (x, y + line / 2))?;
    }

    let gap = if look.presenter { 5 } else { 8 };
    let below = draw_legend(
        &legend_area,
        look,
        12,
        gap,
        &legend(pal, !ceiling.is_empty(), delayed),
    )?;
    let total = all.len() + forgotten_cycles(s);
    draw_cycles_note(&legend_area, look, below + 2, shown.len(), total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::outcome::{AlertReason, Outcome};
    use crate::sim::params::SimParams;
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
        // Pin the numbers so the sentence is predictable.
        for c in s.summaries.iter_mut() {
            c.threshold = 0.8;
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
}
