//! The policy race: the live model's accuracy per cycle under each retraining
//! policy, on the same stream.

use std::rc::Rc;

use plotters::style::{Color, RGBColor};
use yew::prelude::*;

use super::look::{ChartLook, Palette};
use super::{
    chart_figure, chart_height, count_noun, cycle_axis, cycle_chart, draw_frame_legend, draw_path,
    frame, use_chart, Canvas, ChartText, Dash, DrawResult, Glyph, LegendEntry,
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
    let (canvas, error) = use_chart("race", key, props.snapshot.clone(), draw_race, race_height);
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

/// The legend: each policy's line and how many times it retrained.
fn race_legend(race: &PolicyRace, pal: &Palette) -> Vec<LegendEntry> {
    let styles = styles(pal);
    race.runs
        .iter()
        .enumerate()
        .map(|(i, run)| {
            let (color, dash) = styles[i.min(styles.len() - 1)];
            LegendEntry::new(
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
            )
        })
        .collect()
}

/// The chart's height at `width` (the legend under the plot when narrow).
fn race_height(s: &Snapshot, look: ChartLook, width: u32) -> u32 {
    let legend = s
        .race
        .as_ref()
        .map(|r| race_legend(r, look.palette()))
        .unwrap_or_default();
    chart_height(width, look, &legend, 0)
}

fn draw_race(canvas: &Canvas, s: &Snapshot) -> DrawResult {
    let root = canvas.area;
    let Some(race) = &s.race else {
        return Ok(());
    };
    let (x0, x1, x_labels) = cycle_axis(1, race.cycles, 5);
    let (look, pal) = (canvas.look, canvas.look.palette());
    let f = frame(root, look, 180);
    let chart = cycle_chart(
        &f.plot,
        look,
        (x0, x1, x_labels),
        6,
        "live accuracy on new data",
    )?;
    let styles = styles(pal);
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
    }
    let gap = if look.presenter { 4 } else { 10 };
    draw_frame_legend(&f, look, 14, gap, &race_legend(race, pal))?;
    Ok(())
}
