//! The visual quiz, generated from the run on screen, and "predict before
//! reveal". Every number comes from the process-table rows or the real
//! [`Decision`], so the questions always match what the page shows.

use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use super::{Difficulty, QuizQuestion, OPTION_COUNT};
use crate::sim::cycle::{format_score, AlertReason, Decision, StepKind, StepRecord};
use crate::sim::protocol::Snapshot;

/// The ids of the visual quiz questions, in the order [`visual_quiz`] returns them.
pub const VISUAL_QUIZ_IDS: [&str; 3] = [
    "visual-version-after-train",
    "visual-decision-step",
    "visual-what-next",
];

/// The three questions of the lesson's visual quiz, built from this cycle's rows.
///
/// Availability, so the quiz never gives away a step that has not run yet:
/// - before the Step 4 row exists (or with rows from no cycle): `None`;
/// - after Step 4 or 5: one question, (a) the model version after Step 4;
/// - from Step 6 on: all three, (a), (b) "at which step is the deploy decision
///   made?" and (c) "what happens next?", worded after the real check.
///
/// `threshold` is the deploy threshold in force (`Snapshot::params.threshold`).
/// Option order is shuffled deterministically from the cycle number, so the
/// right answer moves between letters from cycle to cycle. Rows that do not
/// look like the simulation's (hand-made or corrupted) give `None` or fewer
/// questions, never a panic.
pub fn visual_quiz(rows: &[StepRecord], threshold: f64) -> Option<Vec<QuizQuestion>> {
    let facts = RowFacts::read(rows, threshold)?;
    let mut questions = vec![facts.version_question()];
    if let Some(check) = &facts.check {
        questions.push(facts.decision_step_question(check));
        questions.push(facts.what_next_question(check));
    }
    Some(questions)
}

/// [`visual_quiz`] on a [`Snapshot`]'s rows and threshold.
pub fn visual_quiz_from_snapshot(snapshot: &Snapshot) -> Option<Vec<QuizQuestion>> {
    visual_quiz(&snapshot.rows, snapshot.params.threshold)
}

/// The step-6 row, read.
#[derive(Clone, Debug)]
struct Check {
    /// Its Input column, e.g. "0.72 > 0.80" or "no candidate".
    input: String,
    /// True when the output is "True".
    passed: bool,
}

/// What the rows of one cycle say.
#[derive(Clone, Debug)]
struct RowFacts {
    cycle: u32,
    threshold: String,
    /// The live version when the cycle started.
    live: u32,
    /// Step 4's output, e.g. "New model v3" or "Training failed: …".
    train_output: String,
    /// The candidate, when Step 4 trained one.
    candidate: Option<u32>,
    /// The score as Step 5 printed it.
    score: Option<String>,
    check: Option<Check>,
    /// Step 7's output, once it ran.
    outcome: Option<String>,
}

fn row(rows: &[StepRecord], kind: StepKind) -> Option<&StepRecord> {
    rows.iter().rev().find(|r| r.kind == kind)
}

/// The first version token ("v" followed by digits, at a word start) in `text`.
fn version_in(text: &str) -> Option<u32> {
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let at_word_start = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        if b == b'v' && at_word_start {
            let digits: String = text[i + 1..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if let Ok(v) = digits.parse::<u32>() {
                return Some(v);
            }
        }
    }
    None
}

/// Three distinct versions other than `right`, taken from `preferred` in order
/// and then counted up from 0 (so even odd rows give four distinct options).
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

impl RowFacts {
    fn read(rows: &[StepRecord], threshold: f64) -> Option<RowFacts> {
        let train = row(rows, StepKind::Train)?;
        let cycle = train.cycle;
        let live = row(rows, StepKind::Start)
            .and_then(|r| version_in(&r.input))
            .or_else(|| {
                row(rows, StepKind::TriggerRetraining).and_then(|r| version_in(&r.input))
            })?;
        let candidate = if train.output.starts_with("New model") {
            Some(version_in(&train.output)?)
        } else {
            None
        };
        let score = row(rows, StepKind::Evaluate)
            .and_then(|r| r.output.strip_prefix("Performance = "))
            .map(str::to_string);
        let check = row(rows, StepKind::CheckPerformance).map(|r| Check {
            input: r.input.clone(),
            passed: r.output == "True",
        });
        let outcome = row(rows, StepKind::DeployOrAlert).map(|r| r.output.clone());
        Some(RowFacts {
            cycle,
            threshold: format!("{threshold:.2}"),
            live,
            train_output: train.output.clone(),
            candidate,
            score,
            check,
            outcome,
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
            id,
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
            "Thinking training deploys the model: v{live} keeps serving until Step 7 decides."
        );
        match self.candidate {
            Some(c) => {
                let wrong = other_versions(
                    c,
                    &[live, c.saturating_add(1), c.saturating_sub(1), 1, 0, c.saturating_add(2)],
                );
                let w = |i: usize| format!("v{}", wrong[i]);
                self.question(
                    1,
                    VISUAL_QUIZ_IDS[0],
                    Difficulty::Easy,
                    StepKind::Train,
                    prompt,
                    format!("v{c}"),
                    [w(0), w(1), w(2)],
                    hint,
                    format!(
                        "Step 4's Output reads \"{}\": training on the window produced the candidate v{c}. v{live} stays live until Step 7 decides whether v{c} replaces it.",
                        self.train_output
                    ),
                    vec![
                        "Find the row for Step 4 (Train model) in the process table.".into(),
                        format!("Its Output column reads \"{}\".", self.train_output),
                        format!("The status tracker agrees: after Step 4 the model is \"v{c} (retrained)\"."),
                        format!("Final answer: v{c}."),
                    ],
                    vec![
                        format!("Answering with the live version v{live}: it is the model serving now, not the one just trained."),
                        "Assuming the candidate is always the live version + 1: rejected candidates keep their numbers, so the next number can be higher.".into(),
                        common,
                    ],
                )
            }
            None => self.question(
                1,
                VISUAL_QUIZ_IDS[0],
                Difficulty::Easy,
                StepKind::Train,
                prompt,
                format!("None: training failed, so no new model was trained (v{live} stays live)"),
                {
                    let wrong = other_versions(live, &[live.saturating_add(1), live.saturating_add(2)]);
                    [
                        format!("v{}", wrong[0]),
                        format!("v{}", wrong[1]),
                        "v0 (training reset the model)".to_string(),
                    ]
                },
                hint,
                format!(
                    "Step 4's Output reads \"{}\": no candidate was trained this cycle, so there is no new version. v{live} stays live and the team is alerted at Step 7.",
                    self.train_output
                ),
                vec![
                    "Find the row for Step 4 (Train model) in the process table.".into(),
                    format!("Its Output column reads \"{}\", not \"New model vN\".", self.train_output),
                    format!("The status tracker agrees: after Step 4 the model is \"v{live} (no new model)\"."),
                    "Final answer: no new model was trained.".into(),
                ],
                vec![
                    "Assuming every cycle produces a new version: a failed training run produces none.".into(),
                    "Guessing the next number without reading the table.".into(),
                    common,
                ],
            ),
        }
    }

    /// "0.72 > 0.80" → False, quoting the real row.
    fn comparison(&self, check: &Check) -> String {
        format!(
            "\"{}\" → {}",
            check.input,
            if check.passed { "True" } else { "False" }
        )
    }

    /// (b) Which step decides.
    fn decision_step_question(&self, check: &Check) -> QuizQuestion {
        let comparison = self.comparison(check);
        let consequence = match (check.passed, self.candidate) {
            (true, Some(c)) => format!("so v{c} goes on to be deployed at Step 7"),
            _ => format!("so nothing is deployed and v{} stays live", self.live),
        };
        self.question(
            2,
            VISUAL_QUIZ_IDS[1],
            Difficulty::Easy,
            StepKind::CheckPerformance,
            "At which step does the system decide if the model should be deployed?".into(),
            "Step 6".into(),
            ["Step 3".into(), "Step 5".into(), "Step 7".into()],
            "Look at the 'Check performance' action and the condition in the process table.",
            format!(
                "Step 6 (Check performance) compares the score with the threshold: {comparison}, {consequence}. Step 5 only measures the score; Step 7 carries out what Step 6 decided."
            ),
            vec![
                "Find the row whose Input is a comparison with the threshold.".into(),
                format!("It is Step 6, Check performance: {comparison}."),
                "Its Next Step column shows where the decision leads: 'Deploy model' or 'Alert team'.".into(),
                "Final answer: Step 6.".into(),
            ],
            vec![
                "Choosing Step 5: evaluating measures the score but does not compare it with anything.".into(),
                "Choosing Step 7: it deploys or alerts, but only carries out Step 6's decision.".into(),
                "Choosing Step 3: triggering starts training; nothing has been measured yet.".into(),
            ],
        )
    }

    /// (c) What happens next, worded after the real check.
    fn what_next_question(&self, check: &Check) -> QuizQuestion {
        let live = self.live;
        let t = &self.threshold;
        let hint = "Look at the Next Step column of Step 6 and the key moment about handling bad performance.";
        let quote_outcome = self
            .outcome
            .as_ref()
            .map(|o| format!(" The Step 7 row reads \"{o}\"."))
            .unwrap_or_default();
        let mistakes = vec![
            "Thinking a failed check deploys the newest model anyway: the check exists to stop exactly that.".to_string(),
            format!("Thinking an alert takes v{live} down: the live model keeps serving."),
            "Thinking the loop stops: after the alert it repeats with the next batch.".to_string(),
        ];
        match (check.passed, self.candidate) {
            (true, Some(c)) => {
                let score = self.score.clone().unwrap_or_else(|| "its score".into());
                self.question(
                    3,
                    VISUAL_QUIZ_IDS[2],
                    Difficulty::Medium,
                    StepKind::DeployOrAlert,
                    format!(
                        "This cycle's check was True ({score} > {t}), so v{c} is deployed. If the performance had been below the threshold, what would have happened instead?"
                    ),
                    format!("Alert the team; v{c} would be rejected and v{live} would stay live"),
                    [
                        format!("Deploy v{c} anyway, since it is the newest model"),
                        "Skip the alert and collect new data straight away".into(),
                        "Stop the retraining process permanently".into(),
                    ],
                    hint,
                    format!(
                        "Had Step 6 been False, Step 7 would take the else branch, alert_team(): v{c} would be rejected and v{live} would keep serving. This cycle it was True ({score} > {t}), so v{c} is deployed.{quote_outcome}"
                    ),
                    vec![
                        "In the lesson's code, a score not above the threshold goes to the else branch: alert_team().".into(),
                        format!("Nothing would be deployed, so v{live} would stay live."),
                        "The cycle would then repeat with the next batch of data.".into(),
                        "Final answer: alert the team (or adjust retraining); the live model stays.".into(),
                    ],
                    mistakes,
                )
            }
            (_, Some(c)) => {
                let score = self.score.clone().unwrap_or_else(|| "its score".into());
                self.question(
                    3,
                    VISUAL_QUIZ_IDS[2],
                    Difficulty::Medium,
                    StepKind::DeployOrAlert,
                    format!("This cycle's check was False ({score} vs {t}). What happens next?"),
                    format!("Alert the team: v{c}'s {score} is not above {t}, so v{live} stays live"),
                    [
                        format!("Deploy v{c} anyway: at {score} it is the newest model"),
                        format!("Take v{live} offline until a candidate scores above {t}"),
                        format!("Stop the retraining process for good after v{c}'s {score}"),
                    ],
                    hint,
                    format!(
                        "Step 6 was False ({score} is not above {t}), so Step 7 takes the else branch, alert_team(): v{c} is rejected and v{live} keeps serving; the loop then repeats with the next batch.{quote_outcome}"
                    ),
                    vec![
                        format!("Step 6 compared {score} with {t}: {}.", self.comparison(check)),
                        "False leads to the else branch of the lesson's code: alert_team().".into(),
                        format!("v{c} is rejected; v{live}, the live model, keeps serving."),
                        format!("Final answer: alert the team; v{live} stays live."),
                    ],
                    mistakes,
                )
            }
            (_, None) => self.question(
                3,
                VISUAL_QUIZ_IDS[2],
                Difficulty::Medium,
                StepKind::DeployOrAlert,
                format!(
                    "This cycle's check was False (no candidate was trained: \"{}\"). What happens next?",
                    self.train_output
                ),
                format!("Alert the team; v{live} stays live"),
                [
                    "Deploy the partly trained model anyway".into(),
                    format!("Take v{live} offline until a model can be trained"),
                    "Stop the retraining process permanently".into(),
                ],
                hint,
                format!(
                    "With no candidate, Step 6 is False and Step 7 alerts the team; v{live} keeps serving and the loop tries again with the next batch.{quote_outcome}"
                ),
                vec![
                    format!("Step 4 reported \"{}\", so there was nothing to evaluate.", self.train_output),
                    "Step 6 has no candidate, so it is False.".into(),
                    format!("Step 7 alerts the team; v{live} keeps serving."),
                    format!("Final answer: alert the team; v{live} stays live."),
                ],
                mistakes,
            ),
        }
    }
}

/// What the learner expects Step 7 to do, asked before it runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Prediction {
    /// The candidate will pass and go live.
    Deploy,
    /// The team will be alerted and the live model stays.
    Alert,
}

impl Prediction {
    /// What actually happened in `decision`.
    pub fn of(decision: &Decision) -> Prediction {
        if decision.is_deploy() {
            Prediction::Deploy
        } else {
            Prediction::Alert
        }
    }

    /// "deploy" or "an alert", as used in the sentences.
    pub fn label(self) -> &'static str {
        match self {
            Prediction::Deploy => "deploy",
            Prediction::Alert => "an alert",
        }
    }
}

/// A graded prediction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PredictionOutcome {
    /// True when the prediction matched.
    pub right: bool,
    /// What really happened.
    pub actual: Prediction,
    /// One sentence: what was predicted and what the real numbers did, e.g.
    /// "You predicted deploy; the candidate v3 scored 0.72, not above 0.80, so
    /// the team was alerted and v2 stays live."
    pub explanation: String,
}

fn sentence(prediction: Prediction, actual: Prediction, fact: String) -> PredictionOutcome {
    let right = prediction == actual;
    let explanation = if right {
        format!(
            "You predicted {}, and you were right: {fact}",
            prediction.label()
        )
    } else {
        format!("You predicted {}; {fact}", prediction.label())
    };
    PredictionOutcome {
        right,
        actual,
        explanation,
    }
}

/// Grades a prediction against the real decision of Step 7. `threshold` is the
/// one in force (an alert carries its own, which wins).
pub fn grade_prediction(
    prediction: Prediction,
    decision: &Decision,
    threshold: f64,
) -> PredictionOutcome {
    let fact = match decision {
        Decision::Deploy {
            version,
            score,
            replaced,
            ..
        } => format!(
            "the candidate v{version} scored {}, above {threshold:.2}, so it was deployed and replaced v{replaced}.",
            format_score(*score, threshold)
        ),
        Decision::Alert(alert) => {
            let t = alert.threshold;
            let live = alert.live;
            match (&alert.reason, alert.candidate, alert.candidate_score) {
                (AlertReason::TrainingFailed(e), _, _) => format!(
                    "no candidate could be trained ({e}), so the team was alerted and v{live} stays live."
                ),
                (AlertReason::ValidationFailed(_), _, _) => format!(
                    "the new batch failed data validation, so retraining was skipped, the team was alerted and v{live} stays live."
                ),
                (AlertReason::ChampionGate { live_score, margin }, Some(c), Some(s)) => format!(
                    "the candidate v{c} scored {} but did not beat the live model ({}) by {margin:.2}, so the team was alerted and v{live} stays live.",
                    format_score(s, t),
                    format_score(*live_score, t)
                ),
                (_, Some(c), Some(s)) => format!(
                    "the candidate v{c} scored {}, not above {t:.2}, so the team was alerted and v{live} stays live.",
                    format_score(s, t)
                ),
                _ => format!(
                    "no candidate passed the check, so the team was alerted and v{live} stays live."
                ),
            }
        }
        Decision::Kept { live, reason, .. } => format!(
            "retraining did not run this cycle ({reason}), so nothing was deployed and v{live} stays live."
        ),
    };
    sentence(prediction, Prediction::of(decision), fact)
}

/// Grades a prediction as soon as the Step 6 row exists (before Step 7 runs),
/// from the rows alone; `None` before Step 6 or for rows that do not look like
/// the simulation's.
pub fn grade_prediction_at_check(
    prediction: Prediction,
    rows: &[StepRecord],
    threshold: f64,
) -> Option<PredictionOutcome> {
    let facts = RowFacts::read(rows, threshold)?;
    let check = facts.check.as_ref()?;
    let live = facts.live;
    let t = &facts.threshold;
    let (actual, fact) = match (check.passed, facts.candidate, &facts.score) {
        (true, Some(c), Some(s)) => (
            Prediction::Deploy,
            format!("the candidate v{c} scored {s}, above {t}, so it is deployed and replaces v{live}."),
        ),
        (true, _, _) => (
            Prediction::Deploy,
            format!("the check passed, so the candidate is deployed and replaces v{live}."),
        ),
        (false, Some(c), Some(s)) => (
            Prediction::Alert,
            format!(
                "the candidate v{c} scored {s}, not above {t}, so the team is alerted and v{live} stays live."
            ),
        ),
        (false, None, _) => (
            Prediction::Alert,
            format!(
                "no candidate could be trained (\"{}\"), so the team is alerted and v{live} stays live.",
                facts.train_output
            ),
        ),
        (false, Some(c), None) => (
            Prediction::Alert,
            format!("the candidate v{c} did not pass the check, so the team is alerted and v{live} stays live."),
        ),
    };
    Some(sentence(prediction, actual, fact))
}

// Native only: the core is tested natively (proptest and approx are native dev-dependencies).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::cycle::{Alert, Simulation};
    use crate::sim::params::{DriftKind, ModelKind, SimParams, TrainingWindow};
    use crate::sim::protocol::{Command, Engine};
    use crate::sim::quiz::{check_question, grade};
    use crate::sim::train::TrainError;
    use proptest::prelude::*;

    /// Runs `cycles` full cycles, then `steps` steps of the next one, and returns
    /// the simulation with its current rows.
    fn run_to(params: SimParams, cycles: u32, steps: usize) -> Simulation {
        let mut sim = Simulation::from_params(params).expect("starts");
        sim.finish_cycles(cycles);
        for _ in 0..steps {
            sim.step();
        }
        sim
    }

    fn score_of(rows: &[StepRecord]) -> String {
        rows[4]
            .output
            .strip_prefix("Performance = ")
            .expect("step 5 printed a score")
            .to_string()
    }

    #[test]
    fn no_quiz_before_step_four() {
        assert!(visual_quiz(&[], 0.8).is_none());
        for steps in 0..=3 {
            let sim = run_to(SimParams::default(), 0, steps);
            assert!(
                visual_quiz(sim.rows(), 0.8).is_none(),
                "after {steps} steps"
            );
        }
    }

    #[test]
    fn only_the_version_question_until_the_check_runs() {
        for steps in [4, 5] {
            let sim = run_to(SimParams::default(), 0, steps);
            let quiz = visual_quiz(sim.rows(), 0.8).expect("step 4 ran");
            assert_eq!(quiz.len(), 1);
            assert_eq!(quiz[0].id, VISUAL_QUIZ_IDS[0]);
        }
        for steps in [6, 7, 8] {
            let sim = run_to(SimParams::default(), 0, steps);
            let quiz = visual_quiz(sim.rows(), 0.8).expect("step 6 ran");
            let ids: Vec<&str> = quiz.iter().map(|q| q.id).collect();
            assert_eq!(ids, VISUAL_QUIZ_IDS);
        }
    }

    #[test]
    fn answers_quote_the_real_versions_and_scores_across_runs() {
        let mut saw_pass = false;
        let mut saw_fail = false;
        for seed in [1, 7, 42, 2024] {
            for threshold in [0.6, 0.8, 0.9, 0.99] {
                for model in ModelKind::ALL {
                    let p = SimParams::default()
                        .seed(seed)
                        .threshold(threshold)
                        .model(model);
                    let sim = run_to(p, 2, 7);
                    let rows = sim.rows();
                    let candidate = sim.candidate().expect("trained");
                    let live = rows[0].input.clone();
                    let live_v = version_in(&live).unwrap();
                    let score = score_of(rows);
                    let quiz = visual_quiz(rows, threshold).unwrap();
                    for q in &quiz {
                        check_question(q).unwrap();
                    }
                    let (a, b, c) = (&quiz[0], &quiz[1], &quiz[2]);
                    assert_eq!(a.correct_option(), format!("v{candidate}"));
                    assert!(a.options.contains(&format!("v{live_v}")), "{:?}", a.options);
                    assert_eq!(b.correct_option(), "Step 6");
                    assert!(b.explanation.contains(&rows[5].input), "{}", b.explanation);
                    assert!(b.explanation.contains(&rows[5].output));
                    let right = c.correct_option();
                    assert!(right.starts_with("Alert the team"), "{right}");
                    assert!(right.contains(&format!("v{live_v}")), "{right}");
                    assert!(c.prompt.contains(&score), "{}", c.prompt);
                    if rows[5].output == "False" {
                        saw_fail = true;
                        assert!(c.prompt.starts_with("This cycle's check was False ("));
                        assert!(right.contains(&format!("v{candidate}")), "{right}");
                        assert!(right.contains(&score), "{right}");
                        assert!(right.ends_with(&format!("v{live_v} stays live")), "{right}");
                        assert!(c.explanation.contains(&rows[6].output));
                    } else {
                        saw_pass = true;
                        assert!(c.prompt.starts_with("This cycle's check was True ("));
                        assert!(c.prompt.contains(&format!("v{candidate} is deployed")));
                    }
                }
            }
        }
        assert!(saw_pass && saw_fail, "both branches exercised");
    }

    #[test]
    fn the_lessons_first_cycle_reads_v2_with_v1_among_the_options() {
        let sim = run_to(SimParams::default(), 0, 8);
        let quiz = visual_quiz(sim.rows(), 0.8).unwrap();
        let mut options = quiz[0].options.to_vec();
        options.sort();
        assert_eq!(options, ["v0", "v1", "v2", "v3"]);
        assert_eq!(quiz[0].correct_option(), "v2");
    }

    #[test]
    fn failed_training_says_no_new_model_was_trained() {
        let p = SimParams::default()
            .batch_size(20)
            .drift_kind(DriftKind::Prior)
            .drift_strength(1.0)
            .drift_onset(1)
            .label_noise(0.0)
            .window(TrainingWindow::NewestBatch);
        let mut sim = Simulation::from_params(p).unwrap();
        let mut found = false;
        for _ in 0..60 {
            for _ in 0..7 {
                sim.step();
            }
            if sim.candidate().is_none() {
                let live = sim.live_version();
                let quiz = visual_quiz(sim.rows(), 0.8).unwrap();
                for q in &quiz {
                    check_question(q).unwrap();
                }
                let a = quiz[0].correct_option();
                assert!(a.contains("no new model was trained"), "{a}");
                assert!(a.contains(&format!("v{live} stays live")), "{a}");
                assert!(quiz[2].prompt.contains("no candidate was trained"));
                assert_eq!(
                    quiz[2].correct_option(),
                    format!("Alert the team; v{live} stays live")
                );
                found = true;
                break;
            }
            sim.step();
        }
        assert!(found, "expected a failed training run");
    }

    #[test]
    fn option_order_depends_on_the_cycle_and_is_repeatable() {
        let mut positions = std::collections::HashSet::new();
        let mut sim = Simulation::from_params(SimParams::default()).unwrap();
        for _ in 0..12 {
            for _ in 0..7 {
                sim.step();
            }
            let first = visual_quiz(sim.rows(), 0.8).unwrap();
            let again = visual_quiz(sim.rows(), 0.8).unwrap();
            assert_eq!(first, again);
            for q in &first {
                positions.insert(q.correct);
            }
            sim.step();
        }
        assert!(positions.len() >= 3, "right answers sit at {positions:?}");
    }

    #[test]
    fn visual_questions_grade_like_any_other() {
        let sim = run_to(SimParams::default(), 0, 7);
        let quiz = visual_quiz(sim.rows(), 0.8).unwrap();
        for q in &quiz {
            assert!(grade(q, q.correct).correct);
            assert!(!grade(q, (q.correct + 1) % 4).correct);
        }
    }

    #[test]
    fn snapshot_gives_the_same_quiz_as_its_rows() {
        let (mut engine, _) = Engine::new(SimParams::default());
        let snap = engine.handle(Command::Run(6));
        assert_eq!(
            visual_quiz_from_snapshot(&snap),
            visual_quiz(&snap.rows, snap.params.threshold)
        );
        assert_eq!(visual_quiz_from_snapshot(&snap).unwrap().len(), 3);
    }

    #[test]
    fn predicting_deploy_on_an_alert_explains_with_real_numbers() {
        let mut sim = run_to(SimParams::default().threshold(0.99), 0, 0);
        sim.finish_cycle();
        let decision = sim.decision().unwrap().clone();
        let out = grade_prediction(Prediction::Deploy, &decision, 0.99);
        assert!(!out.right);
        assert_eq!(out.actual, Prediction::Alert);
        let Decision::Alert(alert) = &decision else {
            panic!("expected an alert")
        };
        let score = format_score(alert.candidate_score.unwrap(), 0.99);
        assert_eq!(
            out.explanation,
            format!(
                "You predicted deploy; the candidate v2 scored {score}, not above 0.99, so the team was alerted and v1 stays live."
            )
        );
        let right = grade_prediction(Prediction::Alert, &decision, 0.99);
        assert!(right.right);
        assert!(right
            .explanation
            .starts_with("You predicted an alert, and you were right: the candidate v2"));
    }

    #[test]
    fn predicting_deploy_on_a_deploy_is_right() {
        let mut sim = Simulation::from_params(SimParams::default()).unwrap();
        sim.finish_cycle();
        let decision = sim.decision().unwrap().clone();
        assert!(decision.is_deploy());
        let out = grade_prediction(Prediction::Deploy, &decision, 0.8);
        assert!(out.right);
        assert!(
            out.explanation
                .contains("so it was deployed and replaced v1."),
            "{}",
            out.explanation
        );
        let wrong = grade_prediction(Prediction::Alert, &decision, 0.8);
        assert!(!wrong.right);
        assert!(wrong
            .explanation
            .starts_with("You predicted an alert; the candidate v2 scored 0."));
    }

    #[test]
    fn failed_training_alert_is_explained() {
        let alert = Alert {
            cycle: 4,
            candidate: None,
            candidate_score: None,
            threshold: 0.8,
            live: 3,
            reason: AlertReason::TrainingFailed(TrainError::SingleClass { class: 1 }),
            message: String::new(),
        };
        let out = grade_prediction(Prediction::Deploy, &Decision::Alert(alert), 0.8);
        assert!(!out.right);
        assert!(out
            .explanation
            .contains("no candidate could be trained (the training data holds only class 1"));
        assert!(out.explanation.ends_with("v3 stays live."));
    }

    #[test]
    fn grading_at_the_check_agrees_with_the_final_decision() {
        for threshold in [0.6, 0.8, 0.9, 0.99] {
            let mut sim =
                Simulation::from_params(SimParams::default().threshold(threshold)).unwrap();
            for cycle in 0..4 {
                for _ in 0..5 {
                    sim.step();
                }
                assert!(
                    grade_prediction_at_check(Prediction::Deploy, sim.rows(), threshold).is_none()
                );
                sim.step();
                let early = grade_prediction_at_check(Prediction::Deploy, sim.rows(), threshold)
                    .expect("step 6 ran");
                sim.step();
                let late = grade_prediction(Prediction::Deploy, sim.decision().unwrap(), threshold);
                assert_eq!(early.right, late.right, "cycle {cycle}");
                assert_eq!(early.actual, late.actual);
                let score = score_of(sim.rows());
                assert!(early.explanation.contains(&score), "{}", early.explanation);
                sim.step();
            }
        }
    }

    #[test]
    fn version_tokens_are_found_only_at_word_starts() {
        assert_eq!(version_in("New model v12"), Some(12));
        assert_eq!(version_in("Trained model v1"), Some(1));
        assert_eq!(version_in("New dataset + Model v3"), Some(3));
        assert_eq!(version_in("over v"), None);
        assert_eq!(version_in("rev9 nothing"), None);
        assert_eq!(version_in("v99999999999999999999"), None);
        assert_eq!(version_in("é v4"), Some(4));
    }

    fn arbitrary_row() -> impl Strategy<Value = StepRecord> {
        (
            0usize..8,
            any::<u32>(),
            ".*",
            ".*",
            prop::sample::select(vec![
                "True",
                "False",
                "New model v3",
                "Training failed: x",
                "Performance = 0.7",
            ]),
        )
            .prop_map(|(k, cycle, input, junk, output)| {
                let kind = StepKind::ALL[k];
                StepRecord {
                    cycle,
                    kind,
                    step: kind.number(),
                    action: junk,
                    input,
                    output: output.to_string(),
                    next_step: String::new(),
                }
            })
    }

    proptest! {
        #[test]
        fn arbitrary_rows_never_panic(rows in prop::collection::vec(arbitrary_row(), 0..12), threshold in 0.0f64..1.0) {
            if let Some(quiz) = visual_quiz(&rows, threshold) {
                prop_assert!(!quiz.is_empty() && quiz.len() <= 3);
                for q in &quiz {
                    prop_assert!(check_question(q).is_ok(), "{:?}", check_question(q));
                }
            }
            let _ = grade_prediction_at_check(Prediction::Alert, &rows, threshold);
        }
    }
}
