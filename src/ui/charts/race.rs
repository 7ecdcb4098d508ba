//! The policy race: the live model's accuracy per cycle under each retraining
//! policy, on the same stream.

use std::rc::Rc;

use plotters::element::PathElement;
use plotters::style::{Color, RGBColor};
use yew::prelude::*;

use super::{
    chart_figure, cycle_axis, cycle_chart, draw_legend, use_chart, Canvas, ChartText, DrawResult,
    Glyph, LegendEntry, GREY, OI_BLUE, OI_GREEN, OI_ORANGE, OI_PURPLE, OI_VERMILLION,
};
use crate::sim::protocol::Snapshot;
use crate::sim::race::PolicyRace;

/// One colour (and dash) per policy, in race order.
const STYLES: [(RGBColor, bool); 5] = [
    (GREY, true),
    (OI_BLUE, false),
    (OI_ORANGE, false),
    (OI_GREEN, false),
    (OI_VERMILLION, true),
];

/// Properties of [`RaceChart`].
#[derive(Properties, PartialEq)]
pub struct RaceChartProps {
    /// The state; its `race` is drawn.
    pub snapshot: Rc<Snapshot>,
}

/// Accuracy per cycle under each policy.
#[component]
pub fn RaceChart(props: &RaceChartProps) -> Html {
    let text = race_text(props.snapshot.race.as_ref());
    let key = props.snapshot.race.clone();
    let (canvas, error) = use_chart("race", key, props.snapshot.clone(), draw_race);
    chart_figure("chart-race", canvas, &text, error)
}

/// The race chart's text alternatives.
pub fn race_text(race: Option<&PolicyRace>) -> ChartText {
    let Some(r) = race else {
        return ChartText {
            aria_label: "No policy race has been run yet.".into(),
            caption: "Run the race to compare the policies.".into(),
        };
    };
    let best = r
        .runs
        .iter()
        .max_by(|a, b| a.mean_accuracy.total_cmp(&b.mean_accuracy));
    let parts: Vec<String> = r
        .runs
        .iter()
        .map(|p| {
            format!(
                "{}: mean accuracy {:.2} with {} retrains",
                p.name, p.mean_accuracy, p.retrains
            )
        })
        .collect();
    ChartText {
        aria_label: format!(
            "Live accuracy per cycle under {} retraining policies over {} cycles.",
            r.runs.len(),
            r.cycles
        ),
        caption: format!(
            "{}. Best: {}.",
            parts.join("; "),
            best.map_or("none".to_string(), |b| b.name.clone())
        ),
    }
}

fn draw_race(canvas: &Canvas, s: &Snapshot) -> DrawResult {
    let root = canvas.area;
    let Some(race) = &s.race else {
        return Ok(());
    };
    let (x0, x1, x_labels) = cycle_axis(1, race.cycles, 5);
    let (plot_area, legend_area) = root.split_horizontally(380);
    let mut chart = cycle_chart(
        &plot_area,
        (x0, x1, x_labels),
        6,
        "live accuracy on new data",
    )?;
    let mut legend = Vec::new();
    for (i, run) in race.runs.iter().enumerate() {
        let (color, dashed) = STYLES.get(i).copied().unwrap_or((OI_PURPLE, false));
        let points: Vec<(f64, f64)> = run
            .accuracy
            .iter()
            .enumerate()
            .filter(|(_, a)| a.is_finite())
            .map(|(c, a)| (c as f64 + 1.0, a.clamp(0.0, 1.0)))
            .collect();
        if dashed {
            chart.draw_series(std::iter::once(plotters::element::DashedPathElement::new(
                points,
                6,
                4,
                color.stroke_width(3),
            )))?;
        } else {
            chart.draw_series(std::iter::once(PathElement::new(
                points,
                color.stroke_width(3),
            )))?;
        }
        legend.push(LegendEntry::new(
            Glyph::Line {
                color,
                width: 3,
                dashed,
            },
            format!("{}\n{} retrains", short_name(&run.name), run.retrains),
        ));
    }
    draw_legend(&legend_area, 14, &legend)?;
    Ok(())
}

/// Legend names short enough for the side panel.
fn short_name(name: &str) -> String {
    name.split(" (").next().unwrap_or(name).to_string()
}
