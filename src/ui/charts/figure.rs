//! The `<figure>` every chart renders (canvas, text alternative, drawing error)
//! and [`ChartId`], which chart a figure holds.

use yew::prelude::*;

use super::{ChartText, CANVAS_HEIGHT, CANVAS_WIDTH};

/// Which chart a figure holds: its class (`chart-…`, the styles' and tests'
/// hook) and the name its PNG is saved under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartId {
    /// The scatter of the newest batch with the decision regions.
    Scatter,
    /// Accuracy per cycle.
    Performance,
    /// What the drift is doing.
    Drift,
    /// The policy race's accuracy lines.
    Race,
    /// The policy race's accuracy against cost.
    RaceCost,
    /// The raced detector's sensitivity sweep.
    Sweep,
}

impl ChartId {
    /// Its name: the saved file's and (after `chart-`) the figure's class.
    pub fn name(self) -> &'static str {
        match self {
            ChartId::Scatter => "scatter",
            ChartId::Performance => "performance",
            ChartId::Drift => "drift",
            ChartId::Race => "race",
            ChartId::RaceCost => "race-cost",
            ChartId::Sweep => "sweep",
        }
    }

    /// The figure's class.
    pub fn class(self) -> &'static str {
        match self {
            ChartId::Scatter => "chart-scatter",
            ChartId::Performance => "chart-performance",
            ChartId::Drift => "chart-drift",
            ChartId::Race => "chart-race",
            ChartId::RaceCost => "chart-race-cost",
            ChartId::Sweep => "chart-sweep",
        }
    }
}

/// The `<figure>` every chart renders: canvas, then the text alternative
/// (after `why`, a sentence that explains what the chart shows, when there is
/// one), then the drawing error if there was one.
pub(crate) fn chart_figure(
    id: ChartId,
    canvas: NodeRef,
    text: &ChartText,
    why: Option<String>,
    error: Option<String>,
) -> Html {
    let class = id.class();
    html! {
        <figure class={classes!("chart", class)} data-chart={id.name()}>
            <canvas
                ref={canvas}
                width={CANVAS_WIDTH.to_string()}
                height={CANVAS_HEIGHT.to_string()}
                role="img"
                aria-label={text.aria_label.clone()}
            />
            <figcaption>
                if let Some(w) = why {
                    <span class="chart-why" data-testid={format!("{class}-why")}>{ w }</span>
                }
                { text.caption.clone() }
                if let Some(e) = error {
                    <span class="chart-error">{ format!(" (The chart could not be drawn: {e}.)") }</span>
                }
            </figcaption>
        </figure>
    }
}
