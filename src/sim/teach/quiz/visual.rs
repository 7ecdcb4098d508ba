//! The visual quiz, generated from the run on screen, and "predict before
//! reveal". Every question is built from the cycle's typed step facts and its
//! [`Outcome`], never from the table's text, so it stays true in every mode:
//! each trigger (a cycle can end "kept, not retrained"), both gates, faults and
//! rewound cycles.

use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::{Difficulty, QuizCard, QuizQuestion, OPTION_COUNT};
use crate::sim::params::RetrainTrigger;
use crate::sim::retraining::outcome::{AlertReason, KeptReason, Outcome, OutcomeKind};
use crate::sim::retraining::step_kind::StepKind;
use crate::sim::retraining::steps::{row_of, CheckStep, StepFact, StepRecord, TrainStep};
use crate::sim::wording::{
    check_comparison, failures_text, format_score, format_threshold, gate_numbers, step_cells,
    trigger_reason,
};

/// The ids of the visual quiz questions, in the order [`visual_quiz`] returns them.
pub const VISUAL_QUIZ_IDS: [&str; 3] = [
    "visual-version-after-train",
    "visual-decision-step",
    "visual-what-next",
];

/// True when `trigger` can let a cycle pass without retraining, so "kept (not
/// retrained)" is a possible outcome to predict and to be quizzed on.
pub fn can_skip(trigger: &RetrainTrigger) -> bool {
    *trigger != RetrainTrigger::EveryCycle
}

/// The three questions of the lesson's visual quiz, built from this cycle's
/// typed rows and its outcome.
///
/// Availability, so the quiz never gives away a step that has not run yet:
/// - before the Step 4 row exists: `None`;
/// - after Step 4 or 5: one question, (a) the model version after Step 4;
/// - from Step 6 on (the outcome is decided by then): all three, (a), (b) "at
///   which step was the deploy decision made?" and (c) "what happens next?".
///
/// `trigger` is the policy in force: when it can skip retraining, the
/// questions offer "kept, not retrained" among the outcomes. Option order is
/// shuffled deterministically from the cycle number.
pub fn visual_quiz(
    rows: &[StepRecord],
    outcome: Option<&Outcome>,
    trigger: &RetrainTrigger,
) -> Option<Vec<QuizQuestion>> {
    let facts = CycleFacts::read(rows, can_skip(trigger))?;
    let mut questions = vec![facts.version_question()];
    if let (Some(outcome), Some(_)) = (outcome, row_of(rows, StepKind::CheckPerformance)) {
        questions.push(facts.decision_step_question(outcome));
        questions.push(facts.what_next_question(outcome));
    }
    Some(questions)
}

/// Which run state a visual quiz was built for: the page shows a quiz only
/// when its key is the key of the snapshot on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisualQuizKey {
    /// The cycle.
    pub cycle: u32,
    /// The step that ran last in it.
    pub last_step: Option<StepKind>,
    /// Whether "kept (not retrained)" is among the outcomes (the trigger in force).
    pub can_skip: bool,
}

impl VisualQuizKey {
    /// The key of a run at `cycle` whose last step was `last_step`, under `trigger`.
    pub fn new(cycle: u32, last_step: Option<StepKind>, trigger: &RetrainTrigger) -> Self {
        VisualQuizKey {
            cycle,
            last_step,
            can_skip: can_skip(trigger),
        }
    }
}

/// The visual quiz as the engine sends it: the run state it is about and its
/// questions, graded in the core (`None` before Step 4 has run).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VisualQuizView {
    /// The run state the questions are about.
    pub key: VisualQuizKey,
    /// The questions.
    pub questions: Option<Vec<QuizCard>>,
}

/// The visual quiz of a run at `cycle` with this cycle's `rows`, `outcome` and
/// `trigger`, ready to send (the engine reads them from the run itself, without
/// building a whole snapshot).
pub fn visual_quiz_view(
    cycle: u32,
    rows: &[StepRecord],
    outcome: Option<&Outcome>,
    trigger: &RetrainTrigger,
) -> VisualQuizView {
    VisualQuizView {
        key: VisualQuizKey {
            cycle,
            last_step: rows.last().map(|r| r.kind),
            can_skip: can_skip(trigger),
        },
        questions: visual_quiz(rows, outcome, trigger)
            .map(|qs| qs.into_iter().map(QuizCard::new).collect()),
    }
}

/// What the rows of one cycle say, read from their typed facts.
#[derive(Clone, Debug)]
struct CycleFacts {
    cycle: u32,
    /// The live version when the cycle started.
    live: u32,
    /// Step 4.
    train: TrainStep,
    /// Step 4's Output cell, quoted in explanations.
    train_output: String,
    /// Step 6, once it ran.
    check: Option<CheckStep>,
    /// Whether "kept (not retrained)" is a possible outcome.
    can_skip: bool,
}

/// Three distinct versions other than `right`, taken from `preferred` in order
/// and then counted up from 0.
fn other_versions(right: u32, preferred: &[u32]) -> [u32; OPTION_COUNT - 1] {
    let mut picked: Vec<u32> = Vec::with_capacity(OPTION_COUNT - 1);
    for v in preferred.iter().copied().chain(0..) {
        if picked.len() == OPTION_COUNT - 1 {
            break;
        }
        if v != right && !picked.contains(&v) {
            picked.push(v);
        }
    }
    [picked[0], picked[1], picked[2]]
}

/// The comparison step 6 made, in the table's own form, with its result:
/// ": "0.72 > 0.80" → False"; empty when no candidate was judged.
fn check_text(check: Option<&CheckStep>) -> String {
    check
        .and_then(|c| {
            // The verdict as the table's Output column says it (naming the gate that failed).
            let verdict = step_cells(&StepFact::Check(c.clone())).output;
            check_comparison(c).map(|cmp| format!(": \"{cmp}\" → {verdict}"))
        })
        .unwrap_or_default()
}

impl CycleFacts {
    fn read(rows: &[StepRecord], can_skip: bool) -> Option<CycleFacts> {
        let train_row = row_of(rows, StepKind::Train)?;
        let StepFact::Train(train) = &train_row.fact else {
            return None;
        };
        let live = rows.iter().find_map(|r| match r.fact {
            StepFact::Start { live, .. } | StepFact::Trigger { live, .. } => Some(live),
            _ => None,
        })?;
        Some(CycleFacts {
            cycle: train_row.cycle,
            live,
            train: train.clone(),
            train_output: step_cells(&train_row.fact).output,
            check: row_of(rows, StepKind::CheckPerformance).and_then(|r| match &r.fact {
                StepFact::Check(c) => Some(c.clone()),
                _ => None,
            }),
            can_skip,
        })
    }

    /// Builds a question with the options shuffled by cycle and question.
    #[allow(clippy::too_many_arguments)]
    fn question(
        &self,
        salt: u64,
        id: &'static str,
        difficulty: Difficulty,
        step: StepKind,
        prompt: String,
        right: String,
        wrong: [String; OPTION_COUNT - 1],
        hint: &str,
        explanation: String,
        solution: Vec<String>,
        mistakes: Vec<String>,
    ) -> QuizQuestion {
        let [w0, w1, w2] = wrong;
        let mut options = [(right, true), (w0, false), (w1, false), (w2, false)];
        let seed = u64::from(self.cycle)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .wrapping_add(salt);
        options.shuffle(&mut ChaCha8Rng::seed_from_u64(seed));
        let correct = options.iter().position(|(_, right)| *right).unwrap_or(0);
        QuizQuestion {
            id: id.to_string(),
            difficulty,
            step,
            prompt,
            code: None,
            options: options.map(|(text, _)| text),
            correct,
            hint: hint.to_string(),
            explanation,
            solution,
            mistakes,
        }
    }

    /// (a) The model version after Step 4.
    fn version_question(&self) -> QuizQuestion {
        let live = self.live;
        let prompt =
            "Look at the process table: what is the model version after training completes at Step 4?"
                .to_string();
        let hint = "Check the Output column at Step 4 in the process table (or the 'After Step 4' column of the status tracker).";
        let common = format!(
            "Thinking training deploys the model: v{live} keeps serving until Step 7 carries out the decision."
        );
        let out = &self.train_output;
        if let TrainStep::Trained { version: c, .. } = self.train {
            let wrong = other_versions(
                c,
                &[
                    live,
                    c.saturating_add(1),
                    c.saturating_sub(1),
                    1,
                    0,
                    c.saturating_add(2),
                ],
            );
            let w = |i: usize| format!("v{}", wrong[i]);
            return self.question(
                1,
                VISUAL_QUIZ_IDS[0],
                Difficulty::Easy,
                StepKind::Train,
                prompt,
                format!("v{c}"),
                [w(0), w(1), w(2)],
                hint,
                format!(
                    "Step 4's Output reads \"{out}\": training on the window produced the candidate v{c}. v{live} stays live unless Step 7 deploys v{c}."
                ),
                vec![
                    "Find the row for Step 4 (Train model) in the process table.".into(),
                    format!("Its Output column reads \"{out}\"."),
                    format!("The status tracker agrees: after Step 4 the model is \"v{c} (retrained)\"."),
                    format!("Final answer: v{c}."),
                ],
                vec![
                    format!("Answering with the live version v{live}: it is the model serving now, not the one just trained."),
                    "Assuming the candidate is always the live version + 1: rejected candidates keep their numbers, so the next number can be higher.".into(),
                    common,
                ],
            );
        }
        let why = match &self.train {
            TrainStep::Failed { .. } => "training failed".to_string(),
            TrainStep::Skipped(crate::sim::retraining::steps::Skip::ValidationFailed) => {
                "the batch failed validation and was set aside".to_string()
            }
            _ => "retraining was not triggered".to_string(),
        };
        let wrong = other_versions(live, &[live.saturating_add(1), live.saturating_add(2)]);
        self.question(
            1,
            VISUAL_QUIZ_IDS[0],
            Difficulty::Easy,
            StepKind::Train,
            prompt,
            format!("No new version: {why}, so no new model was trained (v{live} stays live)"),
            [
                format!("v{}", wrong[0]),
                format!("v{}", wrong[1]),
                "v0 (training reset the model)".to_string(),
            ],
            hint,
            format!(
                "Step 4's Output reads \"{out}\": no candidate was trained this cycle, so there is no new version; v{live} stays live."
            ),
            vec![
                "Find the row for Step 4 (Train model) in the process table.".into(),
                format!("Its Output column reads \"{out}\", not \"New model vN\"."),
                format!("So no new version exists after Step 4; v{live} is still the live model."),
                "Final answer: no new model was trained.".into(),
            ],
            vec![
                "Assuming every cycle produces a new version: a cycle that trains nothing produces none.".into(),
                "Guessing the next number without reading the table.".into(),
                common,
            ],
        )
    }

    /// (b) Which step decided, from the outcome.
    fn decision_step_question(&self, outcome: &Outcome) -> QuizQuestion {
        let at = outcome.decided_at();
        let right = at.number();
        let mut others: Vec<u8> = [3u8, 5, 6, 7, 4]
            .into_iter()
            .filter(|&n| n != right)
            .collect();
        others.truncate(3);
        others.sort_unstable();
        let live = self.live;
        let (why, consequence) = match outcome {
            Outcome::Deployed { version, .. } => (
                "Step 6 (Check performance) compared the candidate's score with the threshold".to_string(),
                format!("so v{version} is deployed at Step 7"),
            ),
            Outcome::Alerted { reason, .. } => match reason {
                AlertReason::BelowThreshold { .. } | AlertReason::ChampionGate { .. } => (
                    "Step 6 (Check performance) compared the candidate's score with the threshold".to_string(),
                    format!("so nothing is deployed: Step 7 alerts the team and v{live} stays live"),
                ),
                AlertReason::TrainingFailed { why } => (
                    format!("Step 4 (Train model) failed ({why}), so there was no candidate for Step 6 to check"),
                    format!("so Step 7 alerts the team and v{live} stays live"),
                ),
                AlertReason::ValidationFailed { failures } => (
                    format!("Step 3 stopped retraining: the new batch failed data validation ({})", failures_text(failures)),
                    format!("so nothing is trained, Step 7 alerts the team and v{live} stays live"),
                ),
            },
            Outcome::Kept { reason: KeptReason::NotTriggered { why, .. }, .. } => (
                format!("Step 3 (Trigger automated retraining) did not fire ({})", trigger_reason(why)),
                format!("so nothing is trained or checked, and Step 7 keeps v{live} without an alert"),
            ),
        };
        let comparison = match at {
            StepKind::CheckPerformance => check_text(self.check.as_ref()),
            _ => String::new(),
        };
        self.question(
            2,
            VISUAL_QUIZ_IDS[1],
            Difficulty::Easy,
            at,
            "In this cycle, at which step was it decided whether a new model would be deployed?".into(),
            format!("Step {right}"),
            [
                format!("Step {}", others[0]),
                format!("Step {}", others[1]),
                format!("Step {}", others[2]),
            ],
            "Follow the Next Step column: where does it first say 'Deploy model', 'Alert team' or 'Keep live model'?",
            format!("{why}{comparison}, {consequence}. Step 7 only carries out that decision."),
            vec![
                "Read the Next Step column from the top.".into(),
                format!("It first names the cycle's ending at Step {right}: {why}{comparison}."),
                "Step 7 carries the decision out; it does not make it.".into(),
                format!("Final answer: Step {right}."),
            ],
            vec![
                "Choosing Step 7: it deploys, alerts or keeps, but only carries out an earlier decision.".into(),
                "Choosing Step 5 when a candidate was scored: evaluating measures the score but compares it with nothing.".into(),
                "Assuming Step 6 always decides: when nothing is trained (trigger or validation at Step 3, a failed training at Step 4) there is nothing to check.".into(),
            ],
        )
    }

    /// (c) What happens next, worded after the real outcome.
    fn what_next_question(&self, outcome: &Outcome) -> QuizQuestion {
        let live = self.live;
        let hint = "Look at the Next Step column of the step that decided, and the lesson's code: deploy(), alert_team(), or no retraining at all.";
        let quiet =
            format!("Keep v{live} quietly with no alert, as when the trigger does not fire");
        let stop = "Stop the retraining process permanently".to_string();
        let mistakes = vec![
            "Thinking a failed check deploys the newest model anyway: the check exists to stop exactly that.".to_string(),
            format!("Thinking an alert takes v{live} down: the live model keeps serving."),
            "Mixing up an alert with a skipped cycle: a failed check or bad data alerts the team; a trigger that does not fire keeps the live model without an alert.".to_string(),
        ];
        let q = |prompt: String,
                 right: String,
                 wrong: [String; 3],
                 explanation: String,
                 solution: Vec<String>| {
            self.question(
                3,
                VISUAL_QUIZ_IDS[2],
                Difficulty::Medium,
                StepKind::DeployOrAlert,
                prompt,
                right,
                wrong,
                hint,
                explanation,
                solution,
                mistakes.clone(),
            )
        };
        match outcome {
            Outcome::Deployed { version: c, score, threshold, .. } => {
                let (s, t) = (format_score(*score, *threshold), format_threshold(*threshold));
                q(
                    format!("This cycle's check was True ({s} > {t}), so v{c} is deployed. If its performance had not been above the threshold, what would have happened instead?"),
                    format!("Alert the team; v{c} would be rejected and v{live} would stay live"),
                    [
                        format!("Deploy v{c} anyway, since it is the newest model"),
                        if self.can_skip { quiet.clone() } else { "Skip the alert and collect new data straight away".into() },
                        stop.clone(),
                    ],
                    format!("Had Step 6 been False, Step 7 would take the else branch, alert_team(): v{c} would be rejected and v{live} would keep serving. This cycle it was True ({s} > {t}), so v{c} is deployed."),
                    vec![
                        "In the lesson's code, a score not above the threshold goes to the else branch: alert_team().".into(),
                        format!("Nothing would be deployed, so v{live} would stay live."),
                        "The cycle would then repeat with the next batch of data.".into(),
                        format!("Final answer: alert the team; v{live} stays live."),
                    ],
                )
            }
            Outcome::Alerted { reason, .. } => match reason {
                AlertReason::BelowThreshold { candidate: c, score, threshold } => {
                    let (s, t) = (format_score(*score, *threshold), format_threshold(*threshold));
                    q(
                        format!("This cycle's check was False (v{c} scored {s}, not above {t}). What happens next?"),
                        format!("Alert the team: v{c}'s {s} is not above {t}, so v{live} stays live"),
                        [
                            format!("Deploy v{c} anyway: at {s} it is the newest model"),
                            if self.can_skip { quiet.clone() } else { format!("Take v{live} offline until a candidate scores above {t}") },
                            stop.clone(),
                        ],
                        format!("Step 6 was False ({s} is not above {t}), so Step 7 takes the else branch, alert_team(): v{c} is rejected and v{live} keeps serving; the loop then repeats with the next batch."),
                        vec![
                            format!("Step 6 compared {s} with {t}: {}.", check_text(self.check.as_ref()).trim_start_matches(": ")),
                            "False leads to the else branch of the lesson's code: alert_team().".into(),
                            format!("v{c} is rejected; v{live}, the live model, keeps serving."),
                            format!("Final answer: alert the team; v{live} stays live."),
                        ],
                    )
                }
                AlertReason::ChampionGate { candidate: c, score, threshold, live_score, margin } => {
                    let t = format_threshold(*threshold);
                    let m = format_threshold(*margin);
                    let (gs, l, need) = gate_numbers(*score, *live_score, *margin);
                    q(
                        format!("Candidate v{c} scored {gs}, above the threshold {t}, but the champion/challenger gate asks it to beat live v{live}'s {l} by {m} (≥ {need}). What happens next?"),
                        format!("Alert the team: v{c} does not beat v{live} by {m}, so v{live} stays live"),
                        [
                            format!("Deploy v{c}: it is above the threshold {t}, which is all that counts"),
                            if self.can_skip { quiet.clone() } else { format!("Take v{live} offline: a better model exists") },
                            stop.clone(),
                        ],
                        format!("The gate is a second condition at Step 6: {gs} > {t} holds, but {gs} ≥ {l} + {m} = {need} does not, so the check is False and Step 7 alerts the team; v{live} keeps serving."),
                        vec![
                            format!("Threshold: {gs} > {t} is True."),
                            format!("Champion/challenger: {gs} ≥ {need} is False."),
                            "Both must hold, so the check is False: alert_team().".into(),
                            format!("Final answer: alert the team; v{live} stays live."),
                        ],
                    )
                }
                AlertReason::TrainingFailed { why } => q(
                    format!("This cycle's training failed (\"{why}\"), so there is no candidate. What happens next?"),
                    format!("Alert the team; v{live} stays live"),
                    [
                        "Deploy the partly trained model anyway".into(),
                        if self.can_skip { quiet.clone() } else { format!("Take v{live} offline until a model can be trained") },
                        stop.clone(),
                    ],
                    format!("With no candidate there is nothing to deploy: Step 7 alerts the team, v{live} keeps serving and the loop tries again with the next batch."),
                    vec![
                        format!("Step 4 reported \"{}\", so there was nothing to evaluate.", self.train_output),
                        "No candidate, nothing to check.".into(),
                        format!("Step 7 alerts the team; v{live} keeps serving."),
                        format!("Final answer: alert the team; v{live} stays live."),
                    ],
                ),
                AlertReason::ValidationFailed { failures } => {
                    let f = failures_text(failures);
                    q(
                        format!("This cycle's new batch failed data validation ({f}). What happens next?"),
                        format!("Alert the team; the batch is set aside and v{live} stays live"),
                        [
                            "Train on the batch anyway: new data is always better".into(),
                            quiet.clone(),
                            stop.clone(),
                        ],
                        format!("Data validation is a gate before training: the batch is set aside (no window ever trains on it), nothing is trained, and Step 7 alerts the team; v{live} keeps serving."),
                        vec![
                            format!("Step 3 reports the failed check: {f}."),
                            "A bad batch is not trained on.".into(),
                            "Bad data needs a human, so the team is alerted.".into(),
                            format!("Final answer: alert the team; v{live} stays live."),
                        ],
                    )
                }
            },
            Outcome::Kept { reason: KeptReason::NotTriggered { why, .. }, .. } => {
                let r = trigger_reason(why);
                q(
                    format!("This cycle's trigger did not fire ({r}). What happens next?"),
                    format!("Nothing is trained and nobody is alerted: v{live} stays live until the trigger fires"),
                    [
                        "Alert the team: no new model was trained".into(),
                        "Deploy the newest model in the registry anyway".into(),
                        "Retrain at once: new data has arrived".into(),
                    ],
                    format!("The trigger decides whether retraining runs at all. It did not fire ({r}), so Steps 4–6 have nothing to do and Step 7 keeps v{live}, with no alert: nothing went wrong, nothing needed a human."),
                    vec![
                        format!("Step 3 reads \"Not triggered: {r}\"."),
                        "Without a trigger there is no candidate to evaluate or check.".into(),
                        "An alert is for a failed check or bad data, not for a quiet cycle.".into(),
                        format!("Final answer: v{live} stays live; no retraining, no alert."),
                    ],
                )
            }
        }
    }
}

/// What the learner expects this cycle to end with, asked before its data
/// arrives: deploy, alert, or (when the trigger can skip) kept.
pub type Prediction = OutcomeKind;

/// "deploy", "an alert" or "kept (not retrained)", as used in the sentences.
pub fn prediction_label(p: Prediction) -> &'static str {
    match p {
        OutcomeKind::Deploy => "deploy",
        OutcomeKind::Alert => "an alert",
        OutcomeKind::Kept => "kept (not retrained)",
    }
}

/// The predictions offered for a trigger policy: kept only when it can skip.
pub fn prediction_choices(trigger: &RetrainTrigger) -> Vec<Prediction> {
    OutcomeKind::ALL
        .into_iter()
        .filter(|k| *k != OutcomeKind::Kept || can_skip(trigger))
        .collect()
}

/// A graded prediction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PredictionOutcome {
    /// True when the prediction matched.
    pub right: bool,
    /// What really happened.
    pub actual: Prediction,
    /// One sentence: what was predicted and what the real numbers did.
    pub explanation: String,
}

/// Grades a prediction against the cycle's real outcome (available as soon
/// as the deciding step ran).
pub fn grade_prediction(prediction: Prediction, outcome: &Outcome) -> PredictionOutcome {
    let fact = match outcome {
        Outcome::Deployed { version, score, threshold, replaced, .. } => format!(
            "the candidate v{version} scored {}, above {}, so it is deployed and replaces v{replaced}.",
            format_score(*score, *threshold),
            format_threshold(*threshold)
        ),
        Outcome::Alerted { live, reason } => match reason {
            AlertReason::BelowThreshold { candidate, score, threshold } => format!(
                "the candidate v{candidate} scored {}, not above {}, so the team is alerted and v{live} stays live.",
                format_score(*score, *threshold),
                format_threshold(*threshold)
            ),
            AlertReason::ChampionGate { candidate, score, live_score, margin, .. } => {
                let (s, l, need) = gate_numbers(*score, *live_score, *margin);
                format!(
                    "the candidate v{candidate} scored {s} but did not beat the live model's {l} by {} (it needed {need}), so the team is alerted and v{live} stays live.",
                    format_threshold(*margin)
                )
            }
            AlertReason::TrainingFailed { why } => format!(
                "no candidate could be trained ({why}), so the team is alerted and v{live} stays live."
            ),
            AlertReason::ValidationFailed { failures } => format!(
                "the new batch failed data validation ({}), so it was set aside, the team is alerted and v{live} stays live.",
                failures_text(failures)
            ),
        },
        Outcome::Kept { live, reason: KeptReason::NotTriggered { why, .. } } => format!(
            "the trigger did not fire ({}), so nothing was trained, nobody is alerted and v{live} stays live.",
            trigger_reason(why)
        ),
    };
    let actual = outcome.kind();
    let right = prediction == actual;
    let label = prediction_label(prediction);
    let explanation = if right {
        format!("You predicted {label}, and you were right: {fact}")
    } else {
        format!("You predicted {label}; {fact}")
    };
    PredictionOutcome {
        right,
        actual,
        explanation,
    }
}

/// Whether the prediction for the current cycle is still open: before the
/// cycle's data arrives (after step 2 the trigger, the validation and the live
/// model's score on the new data are on screen, and step 5 would show the
/// candidate's score).
pub fn prediction_open(last_step: Option<StepKind>) -> bool {
    matches!(
        last_step,
        None | Some(StepKind::Start) | Some(StepKind::Repeat)
    )
}

// Native only: the core is tested natively (proptest and approx are native dev-dependencies).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::params::{DetectorKind, SimParams};
    use crate::sim::retraining::cycle::Simulation;
    use crate::sim::teach::quiz::{check_question, grade};

    /// Runs `cycles` full cycles, then `steps` steps of the next one.
    fn run_to(params: SimParams, cycles: u32, steps: usize) -> Simulation {
        let mut sim = Simulation::from_params(params).expect("starts");
        sim.finish_cycles(cycles);
        for _ in 0..steps {
            sim.step();
        }
        sim
    }

    fn quiz(sim: &Simulation) -> Option<Vec<QuizQuestion>> {
        visual_quiz(sim.rows(), sim.outcome(), &sim.params().trigger)
    }

    #[test]
    fn no_quiz_before_step_four() {
        assert!(visual_quiz(&[], None, &RetrainTrigger::EveryCycle).is_none());
        for steps in 0..=3 {
            let sim = run_to(SimParams::default(), 0, steps);
            assert!(quiz(&sim).is_none(), "after {steps} steps");
        }
    }

    #[test]
    fn only_the_version_question_until_the_check_runs() {
        for steps in [4, 5] {
            let q = quiz(&run_to(SimParams::default(), 0, steps)).expect("step 4 ran");
            assert_eq!(q.len(), 1);
            assert_eq!(q[0].id, VISUAL_QUIZ_IDS[0]);
        }
        for steps in [6, 7, 8] {
            let q = quiz(&run_to(SimParams::default(), 0, steps)).expect("step 6 ran");
            let ids: Vec<&str> = q.iter().map(|q| q.id.as_str()).collect();
            assert_eq!(ids, VISUAL_QUIZ_IDS);
        }
    }

    #[test]
    fn the_lessons_first_cycle_reads_v2_decided_at_step_six() {
        let sim = run_to(SimParams::default(), 0, 8);
        let q = quiz(&sim).unwrap();
        let mut options = q[0].options.to_vec();
        options.sort();
        assert_eq!(options, ["v0", "v1", "v2", "v3"]);
        assert_eq!(q[0].correct_option(), "v2");
        assert_eq!(q[1].correct_option(), "Step 6");
        assert!(q[2]
            .correct_option()
            .starts_with("Alert the team; v2 would be rejected"));
    }

    #[test]
    fn a_cycle_the_schedule_skips_is_kept_not_alerted() {
        // Daily at midnight, 6-hour cycles: cycles 1–3 do not fire.
        let p = SimParams::default().trigger(RetrainTrigger::Schedule("0 0 * * *".into()));
        let sim = run_to(p, 0, 7);
        assert_eq!(sim.outcome().unwrap().kind(), OutcomeKind::Kept);
        let q = quiz(&sim).unwrap();
        for x in &q {
            check_question(x).unwrap();
        }
        assert!(
            q[0].correct_option()
                .contains("retraining was not triggered"),
            "{}",
            q[0].correct_option()
        );
        assert_eq!(q[1].correct_option(), "Step 3");
        assert!(
            q[1].explanation.contains("did not fire"),
            "{}",
            q[1].explanation
        );
        let next = q[2].correct_option();
        assert!(
            next.contains("nobody is alerted") && next.contains("v1 stays live"),
            "{next}"
        );
        assert!(q[2].options.iter().any(|o| o.starts_with("Alert the team")));
        let graded = grade_prediction(OutcomeKind::Alert, sim.outcome().unwrap());
        assert!(!graded.right);
        assert_eq!(graded.actual, OutcomeKind::Kept);
        assert!(
            graded.explanation.contains(
                "the trigger did not fire (schedule `0 0 * * *` next fires 2026-01-02 00:00"
            ),
            "{}",
            graded.explanation
        );
    }

    #[test]
    fn a_champion_gate_rejection_names_the_gate_with_both_numbers() {
        // A margin no candidate can meet: every candidate above the threshold fails the gate.
        let p = SimParams::default()
            .threshold(0.5)
            .min_improvement(Some(0.2));
        let sim = run_to(p, 0, 7);
        let Some(Outcome::Alerted {
            reason: AlertReason::ChampionGate {
                score, live_score, ..
            },
            ..
        }) = sim.outcome().cloned()
        else {
            panic!("expected a gate rejection, got {:?}", sim.outcome())
        };
        let q = quiz(&sim).unwrap();
        assert_eq!(q[1].correct_option(), "Step 6");
        let (s, l, need) = gate_numbers(score, live_score, 0.2);
        assert!(
            q[2].prompt.contains(&s) && q[2].prompt.contains(&l) && q[2].prompt.contains(&need),
            "{}",
            q[2].prompt
        );
        assert!(
            q[2].correct_option().contains("does not beat v1 by 0.20"),
            "{}",
            q[2].correct_option()
        );
        assert!(
            q[1].explanation.contains("(champion/challenger gate)"),
            "{}",
            q[1].explanation
        );
    }

    #[test]
    fn validation_failure_is_decided_at_step_three_and_alerts() {
        let mut sim = Simulation::from_params(SimParams::default().validate_data(true)).unwrap();
        sim.inject_fault(crate::sim::retraining::validate::Fault::MissingValues);
        for _ in 0..7 {
            sim.step();
        }
        let q = quiz(&sim).unwrap();
        assert!(
            q[0].correct_option().contains("failed validation"),
            "{}",
            q[0].correct_option()
        );
        assert_eq!(q[1].correct_option(), "Step 3");
        assert!(q[2]
            .correct_option()
            .starts_with("Alert the team; the batch is set aside"));
    }

    #[test]
    fn option_order_depends_on_the_cycle_and_is_repeatable() {
        let mut positions = std::collections::HashSet::new();
        let mut sim = Simulation::from_params(SimParams::default()).unwrap();
        for _ in 0..12 {
            for _ in 0..7 {
                sim.step();
            }
            let first = quiz(&sim).unwrap();
            assert_eq!(first, quiz(&sim).unwrap());
            for q in &first {
                positions.insert(q.correct);
                assert!(grade(q, q.correct).correct);
                assert!(!grade(q, (q.correct + 1) % 4).correct);
            }
            sim.step();
        }
        assert!(positions.len() >= 3, "right answers sit at {positions:?}");
    }

    #[test]
    fn predictions_offer_kept_only_when_the_trigger_can_skip() {
        assert_eq!(
            prediction_choices(&RetrainTrigger::EveryCycle),
            [OutcomeKind::Deploy, OutcomeKind::Alert]
        );
        assert_eq!(
            prediction_choices(&RetrainTrigger::DriftDetected(DetectorKind::Adwin)),
            OutcomeKind::ALL
        );
        assert!(prediction_open(None));
        assert!(prediction_open(Some(StepKind::Start)));
        assert!(prediction_open(Some(StepKind::Repeat)));
        assert!(!prediction_open(Some(StepKind::CollectData)));
        assert!(!prediction_open(Some(StepKind::Evaluate)));
    }

    #[test]
    fn predicting_deploy_on_an_alert_explains_with_real_numbers() {
        let mut sim = run_to(SimParams::default().threshold(0.99), 0, 0);
        sim.finish_cycle();
        let outcome = sim.outcome().unwrap().clone();
        let out = grade_prediction(OutcomeKind::Deploy, &outcome);
        assert!(!out.right);
        assert_eq!(out.actual, OutcomeKind::Alert);
        let (_, score) = outcome.candidate().unwrap();
        let score = format_score(score, 0.99);
        assert_eq!(
            out.explanation,
            format!("You predicted deploy; the candidate v2 scored {score}, not above 0.99, so the team is alerted and v1 stays live.")
        );
        let right = grade_prediction(OutcomeKind::Alert, &outcome);
        assert!(right.right);
        assert!(right
            .explanation
            .starts_with("You predicted an alert, and you were right: the candidate v2"));
    }
}
