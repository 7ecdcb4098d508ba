//! Drift applied so far: the effective drift of each cycle's batch (0 = none,
//! 1 = full) as a line over a light area, with the current batch ringed.

use std::rc::Rc;

use plotters::element::{Circle, PathElement, Polygon};
use plotters::style::Color;
use yew::prelude::*;

use super::look::{ChartLook, Palette};
use super::{
    chart_figure, chart_height, cycle_axis, cycle_chart, draw_cycles_note, draw_frame_legend,
    forgotten_cycles, frame, use_chart, window_start, Canvas, ChartText, DrawResult, Glyph,
    LegendEntry,
};
use crate::sim::engine::protocol::Snapshot;
use crate::sim::english::group_thousands;
use crate::sim::stream::drift::DriftState;
use crate::sim::wording::drift_phrase;

/// At most this many cycles are drawn (the newest, all the core keeps).
pub const MAX_CYCLES_SHOWN: usize = crate::sim::retraining::history::HISTORY_CYCLES;
/// Up to this many points, each also gets a dot.
const DOTS_UP_TO: usize = 60;
/// Below this, drift counts as none.
const NONE: f64 = 1e-9;

/// Properties of [`DriftChart`].
#[derive(Properties, PartialEq)]
pub struct DriftChartProps {
    /// The state to show: `summaries[i].drift`, `drift` (the newest batch's) and
    /// `params` (drift kind, onset, strength) are used.
    pub snapshot: Rc<Snapshot>,
}

/// The drift applied per cycle so far.
#[component]
pub fn DriftChart(props: &DriftChartProps) -> Html {
    let snap = &props.snapshot;
    let text = drift_text(snap);
    let key = (
        snap.summaries.len(),
        snap.summaries.last().map(|c| (c.cycle, c.drift)),
        snap.drift,
    );
    let (canvas, error) = use_chart(
        "drift",
        key,
        props.snapshot.clone(),
        draw_drift,
        drift_height,
    );
    chart_figure(super::ChartId::Drift, canvas, &text, None, error)
}

/// The drift of every batch so far, oldest first: one per finished cycle, then
/// the newest batch's if it is newer (a cycle in progress), as `(cycle, state)`.
pub fn drift_history(s: &Snapshot) -> Vec<DriftState> {
    let mut out: Vec<DriftState> = s.summaries.iter().map(|c| c.drift).collect();
    let newer = out.last().is_none_or(|last| s.drift.cycle > last.cycle);
    if newer {
        out.push(s.drift);
    }
    out
}

/// The drift chart's text alternatives.
pub fn drift_text(s: &Snapshot) -> ChartText {
    let history = drift_history(s);
    let now = s.drift;
    let what = if now.cycle == 0 {
        "Initial data (cycle 0)".to_string()
    } else {
        format!("Current batch (cycle {})", now.cycle)
    };
    let first = history.iter().find(|d| d.effective > NONE);
    // The first cycle that reached the highest drift.
    let peak =
        history
            .iter()
            .filter(|d| d.effective.is_finite())
            .fold(None::<&DriftState>, |best, d| match best {
                Some(b) if b.effective >= d.effective => Some(b),
                _ => Some(d),
            });
    let mut caption = if now.effective > NONE {
        format!(
            "{what}: drift applied {:.2} of full ({}).",
            now.effective,
            drift_phrase(&now, s.params.drift_kind)
        )
    } else {
        format!("{what}: no drift applied (0.00).")
    };
    let forgotten = forgotten_cycles(s);
    match (first, peak) {
        // Real data drifts as it does; this chart shows only the simulator's own drift.
        _ if s.user_data.is_some() => {
            caption = format!(
                "{what}: {} drifts as it does; the simulator adds no drift of its own, so this \
                 chart, which shows only that, stays at 0.",
                match (s.weather, s.circle) {
                    (Some(_), _) => "the real weather data",
                    (None, Some(_)) => "the Circle data",
                    (None, None) => "your own data",
                }
            )
        }
        (Some(_), Some(p)) if forgotten > 0 => caption.push_str(&format!(
            " Over the cycles shown, the highest is {:.2}, first reached at cycle {}.",
            p.effective, p.cycle
        )),
        (Some(f), Some(p)) => caption.push_str(&format!(
            " Drift first appeared at cycle {}; the highest so far is {:.2}, first reached at cycle {}.",
            f.cycle, p.effective, p.cycle
        )),
        _ if s.params.drift_strength <= 0.0 => {
            caption.push_str(" Drift strength is 0, so the data never drifts.")
        }
        _ if now.cycle < s.params.drift_onset => caption.push_str(&format!(
            " Drift is set to begin at cycle {}.",
            s.params.drift_onset
        )),
        _ => {}
    }
    let total = history.len() + forgotten;
    if total > MAX_CYCLES_SHOWN {
        caption.push_str(&format!(
            " The chart shows the last {} of {} cycles.",
            group_thousands(MAX_CYCLES_SHOWN),
            group_thousands(total)
        ));
    }
    let span = match (history.first(), history.last()) {
        (Some(a), Some(b)) if a.cycle != b.cycle => format!("cycles {} to {}", a.cycle, b.cycle),
        _ => format!("cycle {}", now.cycle),
    };
    let aria = format!(
        "Line chart of the drift applied per cycle (0 = none, 1 = full) for {span}; \
         the current batch has {:.2}.",
        now.effective
    );
    ChartText {
        aria_label: aria,
        caption,
    }
}

fn legend(pal: &Palette) -> Vec<LegendEntry> {
    vec![
        LegendEntry::new(
            Glyph::Area {
                fill: pal.tint(pal.class0, 0.2),
                line: pal.class0,
            },
            "drift applied\nper cycle",
        ),
        LegendEntry::new(Glyph::Ring { color: pal.ink }, "current\nbatch"),
    ]
}

/// The chart's height at `width` (the legend and the cycles note under the
/// plot on a narrow screen).
fn drift_height(s: &Snapshot, look: ChartLook, width: u32) -> u32 {
    // The note "last N of M cycles" shows only once older cycles are left out.
    let history = drift_history(s).len();
    let notes = if history + forgotten_cycles(s) > MAX_CYCLES_SHOWN {
        2
    } else {
        0
    };
    chart_height(width, look, &legend(look.palette()), notes)
}

/// Draws the chart: plot on the left, legend on the right (under it when narrow).
fn draw_drift(canvas: &Canvas, s: &Snapshot) -> DrawResult {
    let root = canvas.area;
    let history = drift_history(s);
    let shown = &history[window_start(history.len(), MAX_CYCLES_SHOWN)..];
    let (x0, x1, x_labels) = match (shown.first(), shown.last()) {
        (Some(a), Some(b)) => cycle_axis(a.cycle, b.cycle, 5),
        _ => cycle_axis(0, 0, 5),
    };
    let (look, pal) = (canvas.look, canvas.look.palette());
    let f = frame(root, look, 140);
    let mut chart = cycle_chart(
        &f.plot,
        look,
        (x0, x1, x_labels),
        6,
        "drift applied (0 = none, 1 = full)",
    )?;

    let points: Vec<(f64, f64)> = shown
        .iter()
        .filter(|d| d.effective.is_finite())
        .map(|d| (f64::from(d.cycle), d.effective.clamp(0.0, 1.0)))
        .collect();
    if let (Some(first), Some(last)) = (points.first(), points.last()) {
        if points.len() > 1 {
            let mut area = points.clone();
            area.push((last.0, 0.0));
            area.push((first.0, 0.0));
            chart.draw_series(std::iter::once(Polygon::new(
                area,
                pal.tint(pal.class0, 0.2).filled(),
            )))?;
            chart.draw_series(std::iter::once(PathElement::new(
                points.clone(),
                pal.class0.stroke_width(3),
            )))?;
        }
        if points.len() <= DOTS_UP_TO {
            chart.draw_series(
                points
                    .iter()
                    .map(|p| Circle::new(*p, 4, pal.class0.filled())),
            )?;
        }
    }
    if s.drift.effective.is_finite() {
        let now = (f64::from(s.drift.cycle), s.drift.effective.clamp(0.0, 1.0));
        chart.draw_series(std::iter::once(Circle::new(
            now,
            8,
            pal.ink.stroke_width(3),
        )))?;
    }

    let below = draw_frame_legend(&f, look, 14, 10, &legend(pal))?;
    let total = history.len() + forgotten_cycles(s);
    draw_cycles_note(&f.legend, look, below + 2, shown.len(), total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::params::SimParams;
    use crate::ui::charts::snapshot_after;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn before_the_onset_it_says_when_drift_begins() {
        let s = snapshot_after(SimParams::default(), 0);
        let t = drift_text(&s);
        assert!(
            t.caption.starts_with("Initial data (cycle 0): no drift"),
            "{}",
            t.caption
        );
        assert!(t.caption.contains("begin at cycle 3"), "{}", t.caption);
        assert_eq!(drift_history(&s).len(), 1);
    }

    #[wasm_bindgen_test]
    fn after_the_onset_it_states_the_amount_and_the_peak() {
        // Default: sudden concept drift at strength 0.6 from cycle 3.
        let s = snapshot_after(SimParams::default(), 8 * 4);
        let t = drift_text(&s);
        assert!(
            t.caption.starts_with(
                "Current batch (cycle 4): drift applied 0.60 of full (rule rotated 108°)."
            ),
            "{}",
            t.caption
        );
        assert!(
            t.caption.contains("first appeared at cycle 3"),
            "{}",
            t.caption
        );
        assert!(t.aria_label.contains("cycles 1 to 4"), "{}", t.aria_label);
        // Mid-cycle, the new batch is one more point.
        let s = snapshot_after(SimParams::default(), 8 * 4 + 2);
        assert_eq!(s.drift.cycle, 5);
        assert_eq!(drift_history(&s).len(), 5);
    }

    #[wasm_bindgen_test]
    fn zero_strength_never_drifts() {
        let s = snapshot_after(SimParams::default().drift_strength(0.0), 8 * 5);
        let t = drift_text(&s);
        assert!(t.caption.contains("never drifts"), "{}", t.caption);
    }
}
