//! The lesson's process flow: the loop's boxes with the current one
//! highlighted, and the branch the cycle takes (deploy, alert, or — when the
//! trigger can skip a cycle — keep the live model) lit from the cycle's typed
//! outcome as soon as the deciding step has run.

use yew::prelude::*;

use crate::sim::engine::protocol::Snapshot;
use crate::sim::retraining::outcome::{Outcome, OutcomeKind};
use crate::sim::retraining::step_kind::StepKind;
use crate::sim::retraining::steps::{CheckStep, Skip, TrainStep, TriggerStep};
use crate::sim::retraining::triggers::TriggerCause;
use crate::sim::teach::quiz::can_skip;
use crate::sim::teach::story::CycleStory;
use crate::sim::wording::{check_comparison, format_score, format_threshold, trigger_reason};

/// Props of [`ProcessFlow`].
#[derive(Properties, PartialEq)]
pub struct ProcessFlowProps {
    /// The run (or a rewound cycle shown through it).
    pub snapshot: std::rc::Rc<Snapshot>,
}

struct Node {
    title: &'static str,
    detail: String,
    step: u8,
    class: &'static str,
}

fn skip_text(skip: Skip) -> &'static str {
    match skip {
        Skip::NotTriggered => "skipped: not retrained",
        Skip::ValidationFailed => "skipped: batch set aside",
        Skip::TrainingFailed => "skipped: no candidate",
    }
}

/// The boxes of the loop.
#[component]
pub fn ProcessFlow(props: &ProcessFlowProps) -> Html {
    let s = &props.snapshot;
    let story = CycleStory::read(s.cycle, &s.rows, s.outcome.as_ref());
    let current = story.last_step.map(StepKind::number);
    let threshold = s.params.threshold;
    let skipping = can_skip(&s.params.trigger);
    let live = story.live_before.unwrap_or(s.live_version);
    let reached = |step: u8| current.is_some_and(|c| c >= step);
    let nodes = [
        Node {
            title: "Start with trained model",
            detail: format!("v{live} ready"),
            step: 1,
            class: "",
        },
        Node {
            title: "Collect new data",
            detail: story
                .batch_rows
                .map_or("data stream".into(), |n| format!("{n} rows")),
            step: 2,
            class: "",
        },
        Node {
            title: "Trigger automated retraining",
            detail: match &story.trigger {
                Some(TriggerStep::Fired(e)) if e.cause == TriggerCause::EveryCycle => {
                    "new data arrived".into()
                }
                Some(TriggerStep::Fired(e)) => format!("fired: {}", trigger_reason(e)),
                Some(TriggerStep::NotFired(e)) => format!("not fired: {}", trigger_reason(e)),
                Some(TriggerStep::Blocked(_)) => "blocked: the batch failed validation".into(),
                None if skipping => "trigger fires?".into(),
                None => "new data arrived".into(),
            },
            step: 3,
            class: "",
        },
        Node {
            title: "Train model on updated data",
            detail: match &story.train {
                Some(TrainStep::Trained { version, .. }) => format!("→ v{version}"),
                Some(TrainStep::Failed { .. }) => "training failed".into(),
                Some(TrainStep::Skipped(skip)) => skip_text(*skip).into(),
                None => "train(data)".into(),
            },
            step: 4,
            class: "",
        },
        Node {
            title: "Evaluate model performance",
            detail: match (story.score, reached(5)) {
                (Some((_, sc, t)), _) => format!("= {}", format_score(sc, t)),
                (None, true) => "skipped: no candidate".into(),
                (None, false) => "evaluate()".into(),
            },
            step: 5,
            class: "",
        },
        Node {
            title: "Performance > threshold?",
            detail: match &story.check {
                Some(c @ CheckStep::Judged { .. }) => format!(
                    "{}: {}",
                    check_comparison(c).unwrap_or_default(),
                    if c.passed() { "True" } else { "False" }
                ),
                Some(CheckStep::Skipped(skip)) => skip_text(*skip).into(),
                None => format!("threshold {}", format_threshold(threshold)),
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
            // A branch the cycle did not take is not "done", even at step 7.
            (reached(n.step) && extra != "not-taken").then_some("done")
        );
        html! {
            <li class={classes} aria-current={active.then_some("step")}>
                <span class="flow-step">{ format!("Step {}", n.step) }</span>
                <span class="flow-title">{ n.title }</span>
                <span class="flow-detail">{ &n.detail }</span>
            </li>
        }
    };
    let branch = story.branch();
    let done = story.carried_out();
    let at_seven = current == Some(7);
    let taken = |k: OutcomeKind| match branch {
        Some(b) if b == k => "taken",
        Some(_) => "not-taken",
        None => "",
    };
    let outcome = story.outcome.as_ref();
    let deploy = Node {
        title: "Deploy updated model to prod",
        detail: match (outcome, done) {
            (Some(Outcome::Deployed { version, .. }), true) => format!("v{version} live"),
            _ => "deploy(new_model)".into(),
        },
        step: 7,
        class: "deploy-node",
    };
    let alert = Node {
        title: "Alert team",
        detail: match (outcome, done) {
            (Some(Outcome::Alerted { live, .. }), true) => format!("v{live} stays live"),
            _ => "alert_team()".into(),
        },
        step: 7,
        class: "alert-node",
    };
    let kept = Node {
        title: "Keep live model (not retrained)",
        detail: match (outcome, done) {
            (Some(Outcome::Kept { live, .. }), true) => format!("v{live} stays live, no alert"),
            _ => "return model".into(),
        },
        step: 7,
        class: "kept-node",
    };
    let show_kept = skipping || branch == Some(OutcomeKind::Kept);
    let repeat = Node {
        title: "Repeat cycle",
        detail: format!("cycle {} → {}", s.cycle.max(1), s.cycle.max(1) + 1),
        step: 8,
        class: "",
    };
    html! {
        <section class="panel flow" aria-labelledby="flow-title" data-branch={branch.map(|b| format!("{b:?}"))}>
            <h2 id="flow-title">{ "Process flow" }
                <span class="flow-cycle">{ if s.cycle == 0 { "before cycle 1".to_string() } else { format!("cycle {}", s.cycle) } }</span>
            </h2>
            <ol class="flow-list">
                { for nodes.iter().map(|n| node_html(n, "", current == Some(n.step))) }
                <li class="flow-branch">
                    <ol class={classes!("flow-branch-list", show_kept.then_some("three"))}>
                        { node_html(&deploy, taken(OutcomeKind::Deploy), at_seven && branch == Some(OutcomeKind::Deploy)) }
                        { node_html(&alert, taken(OutcomeKind::Alert), at_seven && branch == Some(OutcomeKind::Alert)) }
                        if show_kept {
                            { node_html(&kept, taken(OutcomeKind::Kept), at_seven && branch == Some(OutcomeKind::Kept)) }
                        }
                    </ol>
                </li>
                { node_html(&repeat, "", current == Some(8)) }
            </ol>
        </section>
    }
}
