//! The lesson's process flow: the loop's boxes with the current one highlighted,
//! and the alert branch shown when the check fails.

use yew::prelude::*;

use crate::sim::cycle::{format_score, StepKind};
use crate::sim::protocol::Snapshot;

/// Props of [`ProcessFlow`].
#[derive(Properties, PartialEq)]
pub struct ProcessFlowProps {
    /// The run.
    pub snapshot: std::rc::Rc<Snapshot>,
}

struct Node {
    title: &'static str,
    detail: String,
    step: u8,
    class: &'static str,
}

/// The boxes of the loop.
#[component]
pub fn ProcessFlow(props: &ProcessFlowProps) -> Html {
    let s = &props.snapshot;
    let current = s.last_step.map(StepKind::number);
    let threshold = s.params.threshold;
    let check_failed = s
        .rows
        .iter()
        .any(|r| r.kind == StepKind::CheckPerformance && r.output == "False");
    let cand = s.candidate.map(|v| format!("v{v}"));
    let score = s
        .candidate_scores
        .map(|sc| format_score(sc.accuracy, threshold));
    let reached = |step: u8| s.rows.iter().any(|r| r.step == step);
    let nodes = [
        Node {
            title: "Start with trained model",
            detail: format!("v{} ready", s.live_version),
            step: 1,
            class: "",
        },
        Node {
            title: "Collect new data",
            detail: if reached(2) {
                format!("{} rows", s.batch.len())
            } else {
                "data stream".into()
            },
            step: 2,
            class: "",
        },
        Node {
            title: "Trigger automated retraining",
            detail: "new data arrived".into(),
            step: 3,
            class: "",
        },
        Node {
            title: "Train model on updated data",
            detail: cand
                .clone()
                .filter(|_| reached(4))
                .map_or("train(data)".into(), |v| format!("→ {v}")),
            step: 4,
            class: "",
        },
        Node {
            title: "Evaluate model performance",
            detail: score
                .clone()
                .filter(|_| reached(5))
                .map_or("evaluate()".into(), |sc| format!("= {sc}")),
            step: 5,
            class: "",
        },
        Node {
            title: "Performance > threshold?",
            detail: match (&score, reached(6)) {
                (Some(sc), true) => format!(
                    "{sc} > {threshold:.2}: {}",
                    if check_failed { "False" } else { "True" }
                ),
                (None, true) => "no candidate: False".into(),
                _ => format!("threshold {threshold:.2}"),
            },
            step: 6,
            class: "decision-node",
        },
    ];
    let node_html = |n: &Node, extra: &'static str, active: bool| {
        let classes = classes!(
            "flow-node",
            n.class,
            extra,
            active.then_some("current"),
            reached(n.step).then_some("done")
        );
        html! {
            <li class={classes} aria-current={active.then_some("step")}>
                <span class="flow-step">{ format!("Step {}", n.step) }</span>
                <span class="flow-title">{ n.title }</span>
                <span class="flow-detail">{ &n.detail }</span>
            </li>
        }
    };
    let deploy_active = current == Some(7) && !check_failed;
    let alert_active = current == Some(7) && check_failed;
    let deploy = Node {
        title: "Deploy updated model to prod",
        detail: if reached(7) && !check_failed {
            format!("v{} live", s.live_version)
        } else {
            "deploy(new_model)".into()
        },
        step: 7,
        class: "deploy-node",
    };
    let alert = Node {
        title: "Alert team",
        detail: if reached(7) && check_failed {
            format!("v{} stays live", s.live_version)
        } else {
            "alert_team()".into()
        },
        step: 7,
        class: "alert-node",
    };
    let repeat = Node {
        title: "Repeat cycle",
        detail: format!("cycle {} → {}", s.cycle.max(1), s.cycle.max(1) + 1),
        step: 8,
        class: "",
    };
    html! {
        <section class="panel flow" aria-labelledby="flow-title">
            <h2 id="flow-title">{ "Process flow" }
                <span class="flow-cycle">{ if s.cycle == 0 { "before cycle 1".to_string() } else { format!("cycle {}", s.cycle) } }</span>
            </h2>
            <ol class="flow-list">
                { for nodes.iter().map(|n| node_html(n, "", current == Some(n.step))) }
                <li class="flow-branch">
                    <ol class="flow-branch-list">
                        { node_html(&deploy, if reached(7) && check_failed { "skipped" } else { "" }, deploy_active) }
                        { node_html(&alert, if check_failed { "taken" } else { "not-taken" }, alert_active) }
                    </ol>
                </li>
                { node_html(&repeat, "", current == Some(8)) }
            </ol>
        </section>
    }
}
