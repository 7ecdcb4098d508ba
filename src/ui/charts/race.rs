//! The policy race: the live model's accuracy per cycle under each retraining
//! policy, on the same stream.

use std::rc::Rc;

use plotters::style::{Color, RGBColor};
use yew::prelude::*;

use super::look::Palette;
use super::{
    chart_figure, count_noun, cycle_axis, cycle_chart, draw_legend, draw_path, use_chart, Canvas,
    ChartText, Dash, DrawResult, Glyph, LegendEntry,
};
use crate::sim::engine::protocol::Snapshot;
use crate::sim::retraining::race::PolicyRace;
use crate::sim::wording::{policy_name, policy_short_name};

/// One colour and dash per policy, in race order (a sixth and later policy
/// would share the last style).
pub(crate) fn styles(pal: &Palette) -> [(RGBColor, Dash); 6] {
    [
        (pal.muted, Dash::Dashed),
        (pal.class0, Dash::Solid),
        (pal.purple, Dash::Solid),
        (pal.rule, Dash::Solid),
        (pal.vermillion, Dash::Dashed),
        // The estimated drop (raced only while labels are late).
        (pal.class0, Dash::Dotted),
    ]
}

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
    chart_figure(super::ChartId::Race, canvas, &text, None, error)
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
                "{}: mean accuracy {:.2} with {}",
                policy_name(&p.policy),
                p.mean_accuracy,
                count_noun(p.retrains as usize, "retrain", "retrains")
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
            best.map_or("none".to_string(), |b| policy_name(&b.policy))
        ),
    }
}

fn draw_race(canvas: &Canvas, s: &Snapshot) -> DrawResult {
    let root = canvas.area;
    let Some(race) = &s.race else {
        return Ok(());
    };
    let (x0, x1, x_labels) = cycle_axis(1, race.cycles, 5);
    let (look, pal) = (canvas.look, canvas.look.palette());
    let (plot_area, legend_area) = root.split_horizontally(if look.presenter { 360 } else { 380 });
    let chart = cycle_chart(
        &plot_area,
        look,
        (x0, x1, x_labels),
        6,
        "live accuracy on new data",
    )?;
    let styles = styles(pal);
    let mut legend = Vec::new();
    for (i, run) in race.runs.iter().enumerate() {
        let (color, dash) = styles[i.min(styles.len() - 1)];
        let points: Vec<(i32, i32)> = run
            .accuracy
            .iter()
            .enumerate()
            .filter(|(_, a)| a.is_finite())
            .map(|(c, a)| chart.backend_coord(&(c as f64 + 1.0, a.clamp(0.0, 1.0))))
            .collect();
        draw_path(root, points, color.stroke_width(3), dash)?;
        legend.push(LegendEntry::new(
            Glyph::Line {
                color,
                width: 3,
                dash,
            },
            format!(
                "{}\n{}",
                policy_short_name(&run.policy),
                count_noun(run.retrains as usize, "retrain", "retrains")
            ),
        ));
    }
    let gap = if look.presenter { 4 } else { 10 };
    draw_legend(&legend_area, look, 14, gap, &legend)?;
    Ok(())
}
