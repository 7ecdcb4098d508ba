//! The lesson's execution sample, `retrain_model(data, model)`, with the line the
//! current step runs highlighted and the run's real values beside it.

use yew::prelude::*;

use crate::sim::cycle::{format_score, Decision, StepKind};
use crate::sim::protocol::Snapshot;

/// Props of [`CodeSample`].
#[derive(Properties, PartialEq)]
pub struct CodeSampleProps {
    /// The run.
    pub snapshot: std::rc::Rc<Snapshot>,
}

/// Which code line (0-based) a step runs; `None` for steps outside the function.
pub fn line_for_step(step: StepKind, check_failed: bool) -> Option<usize> {
    match step {
        StepKind::Start | StepKind::CollectData | StepKind::TriggerRetraining => Some(0),
        StepKind::Train => Some(1),
        StepKind::Evaluate | StepKind::CheckPerformance => Some(2),
        StepKind::DeployOrAlert => Some(if check_failed { 5 } else { 3 }),
        StepKind::Repeat => None,
    }
}

const LINES: [&str; 6] = [
    "def retrain_model(data, model):",
    "    new_model = train(data)",
    "    if evaluate(new_model) > threshold:",
    "        deploy(new_model)",
    "    else:",
    "        alert_team()",
];

/// The code with its highlighted line.
#[component]
pub fn CodeSample(props: &CodeSampleProps) -> Html {
    let s = &props.snapshot;
    let check_failed = s
        .rows
        .iter()
        .any(|r| r.kind == StepKind::CheckPerformance && r.output == "False");
    let active = s.last_step.and_then(|k| line_for_step(k, check_failed));
    let threshold = s.params.threshold;
    let score = s
        .candidate_scores
        .map(|sc| format_score(sc.accuracy, threshold));
    let reached = |k: StepKind| s.rows.iter().any(|r| r.kind == k);
    let live_at_start = match &s.decision {
        Some(Decision::Deploy { replaced, .. }) => *replaced,
        _ => s.live_version,
    };
    let note = |i: usize| -> Option<String> {
        match i {
            0 if reached(StepKind::CollectData) => Some(format!(
                "data = {} new rows, model = v{}",
                s.batch.len(),
                live_at_start
            )),
            1 if reached(StepKind::Train) => Some(match s.candidate {
                Some(v) => format!("new_model = v{v}"),
                None => "training failed".into(),
            }),
            2 if reached(StepKind::CheckPerformance) => Some(match &score {
                Some(sc) => format!(
                    "{sc} > {threshold:.2} → {}",
                    if check_failed { "False" } else { "True" }
                ),
                None => "no new model → False".into(),
            }),
            2 if reached(StepKind::Evaluate) => score
                .clone()
                .map(|sc| format!("evaluate(new_model) = {sc}")),
            3 if reached(StepKind::DeployOrAlert) && !check_failed => {
                Some(format!("v{} is live", s.live_version))
            }
            5 if reached(StepKind::DeployOrAlert) && check_failed => {
                Some(format!("team alerted; v{} stays live", s.live_version))
            }
            _ => None,
        }
    };
    html! {
        <section class="panel code" aria-labelledby="code-title">
            <h2 id="code-title">{ "Execution sample" }</h2>
            <pre class="code-block" role="region" tabindex="0" aria-label="retrain_model code with the current line highlighted"><code>
                { for LINES.iter().enumerate().map(|(i, line)| {
                    let is_active = active == Some(i);
                    html! {
                        <span class={classes!("code-line", is_active.then_some("active"))}
                              aria-current={is_active.then_some("true")}>
                            <span class="code-text">{ *line }</span>
                            if let Some(n) = note(i) {
                                <span class="code-note">{ format!("{}# {n}", " ".repeat(line.len() - line.trim_start().len())) }</span>
                            }
                        </span>
                    }
                }) }
            </code></pre>
        </section>
    }
}
