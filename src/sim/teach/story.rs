//! What each view of a cycle highlights, derived from the cycle's typed facts
//! and outcome: the process flow's branch, the execution sample's lines and
//! the line the current step runs, the decision banner's kind. The views only
//! draw these; a property test checks that they all follow from the outcome,
//! for live and rewound cycles alike.

use serde::{Deserialize, Serialize};

use crate::sim::params::SimParams;
use crate::sim::retraining::outcome::{AlertReason, Outcome, OutcomeKind};
use crate::sim::retraining::step_kind::StepKind;
use crate::sim::retraining::steps::{
    row_of, CheckStep, EvaluateStep, StepFact, StepRecord, TrainStep, TriggerStep,
};
use crate::sim::wording::{check_comparison, failures_text, format_score, trigger_reason};

/// One cycle as the views tell it: read from its rows and outcome only, so a
/// rewound cycle tells the same story it told live.
#[derive(Clone, Debug, PartialEq)]
pub struct CycleStory {
    /// The cycle (0 before the first).
    pub cycle: u32,
    /// The step that ran last.
    pub last_step: Option<StepKind>,
    /// The version live when the cycle started.
    pub live_before: Option<u32>,
    /// Rows in the new batch, once collected.
    pub batch_rows: Option<usize>,
    /// What step 3 decided.
    pub trigger: Option<TriggerStep>,
    /// What step 4 produced.
    pub train: Option<TrainStep>,
    /// The candidate's score (and the threshold), once step 5 scored it.
    pub score: Option<(u32, f64, f64)>,
    /// What step 6 checked.
    pub check: Option<CheckStep>,
    /// The decision, once the deciding step ran.
    pub outcome: Option<Outcome>,
}

impl CycleStory {
    /// Reads a cycle's rows (so far) and its outcome (once decided).
    pub fn read(cycle: u32, rows: &[StepRecord], outcome: Option<&Outcome>) -> CycleStory {
        let fact = |k: StepKind| row_of(rows, k).map(|r| &r.fact);
        CycleStory {
            cycle,
            last_step: rows.last().map(|r| r.kind),
            live_before: rows.iter().find_map(|r| match r.fact {
                StepFact::Start { live, .. } => Some(live),
                _ => None,
            }),
            batch_rows: match fact(StepKind::CollectData) {
                Some(StepFact::Collect { rows, .. }) => Some(*rows),
                _ => None,
            },
            trigger: match fact(StepKind::TriggerRetraining) {
                Some(StepFact::Trigger { decision, .. }) => Some(decision.clone()),
                _ => None,
            },
            train: match fact(StepKind::Train) {
                Some(StepFact::Train(t)) => Some(t.clone()),
                _ => None,
            },
            score: match fact(StepKind::Evaluate) {
                Some(StepFact::Evaluate(EvaluateStep::Scored {
                    version,
                    score,
                    threshold,
                })) => Some((*version, *score, *threshold)),
                _ => None,
            },
            check: match fact(StepKind::CheckPerformance) {
                Some(StepFact::Check(c)) => Some(c.clone()),
                _ => None,
            },
            outcome: outcome.cloned(),
        }
    }

    /// True once step `k` has run in this cycle.
    pub fn reached(&self, k: StepKind) -> bool {
        self.last_step.is_some_and(|l| l.number() >= k.number())
    }

    /// The branch the flow takes: known as soon as the cycle is decided.
    pub fn branch(&self) -> Option<OutcomeKind> {
        self.outcome.as_ref().map(Outcome::kind)
    }

    /// True once step 7 has carried the decision out.
    pub fn carried_out(&self) -> bool {
        self.reached(StepKind::DeployOrAlert)
    }

    /// The candidate trained at step 4.
    pub fn candidate(&self) -> Option<u32> {
        match self.train {
            Some(TrainStep::Trained { version, .. }) => Some(version),
            _ => None,
        }
    }

    /// The version live now: the deployed candidate once step 7 ran, else the
    /// one live at the start.
    pub fn live_now(&self) -> Option<u32> {
        match (&self.outcome, self.carried_out()) {
            (Some(o), true) => Some(o.live_after()),
            _ => self.live_before,
        }
    }
}

/// One line of the execution sample, `retrain_model(data, model)`, extended
/// with the guards the run's settings add (validation, a trigger that can skip,
/// the champion/challenger gate).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CodeLine {
    /// `def retrain_model(data, model):`
    Def,
    /// `if not validate(data):` (data validation on)
    ValidateIf,
    /// `return alert_team()` under the validation guard.
    ValidateAlert,
    /// `if not trigger_fires(data, model):` (a trigger that can skip)
    TriggerIf,
    /// `return model` under the trigger guard: kept, no alert.
    KeepReturn,
    /// `new_model = train(data)`
    Train,
    /// `if evaluate(new_model) > threshold:` (and the gate, when on)
    Check,
    /// `deploy(new_model)`
    Deploy,
    /// `else:`
    Else,
    /// `alert_team()`
    Alert,
}

impl CodeLine {
    /// The line's code (indentation included).
    pub fn code(self, gate: bool) -> &'static str {
        match self {
            CodeLine::Def => "def retrain_model(data, model):",
            CodeLine::ValidateIf => "    if not validate(data):",
            CodeLine::ValidateAlert => "        return alert_team()",
            CodeLine::TriggerIf => "    if not trigger_fires(data, model):",
            CodeLine::KeepReturn => "        return model",
            CodeLine::Train => "    new_model = train(data)",
            CodeLine::Check if gate => {
                "    if evaluate(new_model) > threshold and beats(new_model, model, margin):"
            }
            CodeLine::Check => "    if evaluate(new_model) > threshold:",
            CodeLine::Deploy => "        deploy(new_model)",
            CodeLine::Else => "    else:",
            CodeLine::Alert => "        alert_team()",
        }
    }
}

/// The execution sample's lines under these settings: the lesson's six lines,
/// plus a validation guard when validation is on and a trigger guard when the
/// trigger can skip a cycle.
pub fn code_lines(params: &SimParams) -> Vec<CodeLine> {
    let mut lines = vec![CodeLine::Def];
    if params.validate_data {
        lines.extend([CodeLine::ValidateIf, CodeLine::ValidateAlert]);
    }
    if crate::sim::teach::quiz::can_skip(&params.trigger) {
        lines.extend([CodeLine::TriggerIf, CodeLine::KeepReturn]);
    }
    lines.extend([
        CodeLine::Train,
        CodeLine::Check,
        CodeLine::Deploy,
        CodeLine::Else,
        CodeLine::Alert,
    ]);
    lines
}

/// The line the cycle's last step ran, following the decided outcome (a
/// skipped cycle never reaches `deploy`); `None` at step 8 and before.
pub fn active_line(story: &CycleStory, lines: &[CodeLine]) -> Option<CodeLine> {
    let step = story.last_step?;
    let by_outcome = match &story.outcome {
        Some(Outcome::Kept { .. }) => Some(CodeLine::KeepReturn),
        Some(Outcome::Alerted {
            reason: AlertReason::ValidationFailed { .. },
            ..
        }) => Some(CodeLine::ValidateAlert),
        _ => None,
    };
    let line = match step {
        StepKind::Start | StepKind::CollectData => CodeLine::Def,
        StepKind::Repeat => return None,
        _ if by_outcome.is_some() => by_outcome?,
        StepKind::TriggerRetraining => CodeLine::TriggerIf,
        StepKind::Train => CodeLine::Train,
        StepKind::Evaluate | StepKind::CheckPerformance => match &story.outcome {
            Some(Outcome::Alerted {
                reason: AlertReason::TrainingFailed { .. },
                ..
            }) => CodeLine::Alert,
            _ => CodeLine::Check,
        },
        StepKind::DeployOrAlert => match &story.outcome {
            Some(Outcome::Deployed { .. }) => CodeLine::Deploy,
            _ => CodeLine::Alert,
        },
    };
    Some(if lines.contains(&line) {
        line
    } else {
        CodeLine::Def
    })
}

/// The run's values beside a code line, once the cycle has reached it.
pub fn code_note(story: &CycleStory, line: CodeLine) -> Option<String> {
    let o = story.outcome.as_ref();
    let decided_kind = o.map(Outcome::kind);
    match line {
        CodeLine::Def => story.batch_rows.map(|n| {
            format!(
                "data = {n} new rows, model = v{}",
                story.live_before.unwrap_or(1)
            )
        }),
        CodeLine::ValidateIf => match &story.trigger {
            Some(TriggerStep::Blocked(f)) => Some(format!("failed: {}", failures_text(f))),
            Some(_) => Some("passed".into()),
            None => None,
        },
        CodeLine::ValidateAlert => match &story.trigger {
            Some(TriggerStep::Blocked(_)) => Some(format!(
                "team alerted; batch set aside; v{} stays live",
                story.live_before.unwrap_or(1)
            )),
            _ => None,
        },
        CodeLine::TriggerIf => match &story.trigger {
            Some(TriggerStep::Fired(e)) => Some(format!("trigger fired: {}", trigger_reason(e))),
            Some(TriggerStep::NotFired(e)) => Some(format!("not fired: {}", trigger_reason(e))),
            _ => None,
        },
        CodeLine::KeepReturn => (decided_kind == Some(OutcomeKind::Kept)).then(|| {
            format!(
                "kept, not retrained: v{} stays live, no alert",
                story.live_before.unwrap_or(1)
            )
        }),
        CodeLine::Train => match &story.train {
            Some(TrainStep::Trained { version, .. }) => Some(format!("new_model = v{version}")),
            Some(TrainStep::Failed { why, .. }) => Some(format!("training failed: {why}")),
            _ => None,
        },
        CodeLine::Check => match (&story.check, story.score) {
            (Some(c @ CheckStep::Judged { .. }), _) => check_comparison(c)
                .map(|cmp| format!("{cmp} → {}", if c.passed() { "True" } else { "False" })),
            (_, Some((_, score, threshold))) => Some(format!(
                "evaluate(new_model) = {}",
                format_score(score, threshold)
            )),
            _ => None,
        },
        CodeLine::Deploy => match (o, story.carried_out()) {
            (Some(Outcome::Deployed { version, .. }), true) => Some(format!("v{version} is live")),
            _ => None,
        },
        CodeLine::Else => None,
        CodeLine::Alert => match (o, story.carried_out()) {
            (
                Some(Outcome::Alerted {
                    reason: AlertReason::ValidationFailed { .. },
                    ..
                }),
                _,
            ) => None,
            (Some(Outcome::Alerted { live, .. }), true) => {
                Some(format!("team alerted; v{live} stays live"))
            }
            _ => None,
        },
    }
}
