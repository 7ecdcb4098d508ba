//! "Test yourself": ten questions from the bank, three easy, four medium and
//! three hard, chosen and shuffled from a seed, answered once each, then scored
//! with the missed questions and the loop steps to review.

use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::{
    grade, question_bank, step_title, Difficulty, Graded, QuizCard, QuizQuestion, OPTION_COUNT,
};
use crate::sim::retraining::step_kind::StepKind;

/// How many questions a test has.
pub const TEST_LENGTH: usize = 10;

/// How many questions of each level a test has (they add up to [`TEST_LENGTH`]).
pub const TEST_COUNTS: [(Difficulty, usize); 3] = [
    (Difficulty::Easy, 3),
    (Difficulty::Medium, 4),
    (Difficulty::Hard, 3),
];

/// A misuse of a [`TestSession`]; the session is unchanged by it.
#[derive(Clone, Debug, PartialEq, Eq, Error, Serialize)]
pub enum TestError {
    /// There is no question at this index.
    #[error("there is no question {index} (the test has {len})")]
    NoSuchQuestion {
        /// The index asked for.
        index: usize,
        /// How many questions there are.
        len: usize,
    },
    /// The chosen option does not exist.
    #[error("option {chosen} does not exist (choose 0 to 3)")]
    NoSuchOption {
        /// The option asked for.
        chosen: usize,
    },
    /// Each question can be answered once.
    #[error("question {index} has already been answered")]
    AlreadyAnswered {
        /// The question's index.
        index: usize,
    },
}

/// One test: the chosen questions (options already shuffled) and the answers so far.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TestSession {
    seed: u64,
    questions: Vec<QuizQuestion>,
    answers: Vec<Option<usize>>,
}

/// A question answered wrongly (or not at all), with the step to review.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MissedQuestion {
    /// Its position in the test (0-based).
    pub index: usize,
    /// The bank id.
    pub id: String,
    /// The question.
    pub prompt: String,
    /// Its level.
    pub difficulty: Difficulty,
    /// The loop step it is about.
    pub step: StepKind,
    /// That step's name in the process table, e.g. "Check performance".
    pub step_title: String,
    /// What was chosen, `None` if it was not answered.
    pub chosen: Option<usize>,
    /// The right option's index.
    pub correct_index: usize,
    /// The right option's text.
    pub correct_option: String,
}

/// The score of a test.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TestResult {
    /// Right answers.
    pub score: u32,
    /// Questions in the test (10).
    pub total: u32,
    /// Every question not answered right, in test order.
    pub missed: Vec<MissedQuestion>,
}

impl TestResult {
    /// "7/10".
    pub fn score_text(&self) -> String {
        format!("{}/{}", self.score, self.total)
    }

    /// The distinct loop steps of the missed questions, in loop order.
    pub fn steps_to_review(&self) -> Vec<StepKind> {
        StepKind::ALL
            .into_iter()
            .filter(|s| self.missed.iter().any(|m| m.step == *s))
            .collect()
    }
}

/// A test as the page shows it: the questions (graded in the core), the answers
/// so far, which question comes next and, once every question is answered, the
/// result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TestView {
    /// The test's seed (a new seed is a new test).
    pub seed: u64,
    /// The questions, options shuffled.
    pub questions: Vec<QuizCard>,
    /// The option chosen for each question, if answered.
    pub answers: Vec<Option<usize>>,
    /// The first question not answered yet (`None` once all are).
    pub next_unanswered: Option<usize>,
    /// The score, once every question is answered.
    pub result: Option<TestResult>,
}

impl TestView {
    /// How many questions are answered.
    pub fn answered_count(&self) -> usize {
        self.answers.iter().filter(|a| a.is_some()).count()
    }
}

/// `question` with its options in a random order (the right index follows).
fn shuffle_options(question: &QuizQuestion, rng: &mut ChaCha8Rng) -> QuizQuestion {
    let mut order: [usize; OPTION_COUNT] = [0, 1, 2, 3];
    order.shuffle(rng);
    let mut shuffled = question.clone();
    shuffled.options = order.map(|i| question.options[i].clone());
    shuffled.correct = order
        .iter()
        .position(|&i| i == question.correct)
        .unwrap_or(question.correct);
    shuffled
}

impl TestSession {
    /// Picks the questions for `seed`: three easy, four medium, three hard (in
    /// that order), each with its options shuffled. The same seed always gives
    /// the same test.
    pub fn new(seed: u64) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let bank = question_bank();
        let mut questions = Vec::with_capacity(TEST_LENGTH);
        for (difficulty, count) in TEST_COUNTS {
            let mut level: Vec<&QuizQuestion> =
                bank.iter().filter(|q| q.difficulty == difficulty).collect();
            level.shuffle(&mut rng);
            for q in level.into_iter().take(count) {
                questions.push(shuffle_options(q, &mut rng));
            }
        }
        let answers = vec![None; questions.len()];
        TestSession {
            seed,
            questions,
            answers,
        }
    }

    /// The questions, in test order.
    pub fn questions(&self) -> &[QuizQuestion] {
        &self.questions
    }

    /// The answer given to question `index`, if any.
    pub fn answer_of(&self, index: usize) -> Option<usize> {
        self.answers.get(index).copied().flatten()
    }

    /// Records `chosen` (0..4) for question `index` and grades it. Each question
    /// can be answered once; a bad index or option is an error and changes nothing.
    pub fn answer(&mut self, index: usize, chosen: usize) -> Result<Graded, TestError> {
        let len = self.questions.len();
        let question = self
            .questions
            .get(index)
            .ok_or(TestError::NoSuchQuestion { index, len })?;
        if chosen >= OPTION_COUNT {
            return Err(TestError::NoSuchOption { chosen });
        }
        let slot = self
            .answers
            .get_mut(index)
            .ok_or(TestError::NoSuchQuestion { index, len })?;
        if slot.is_some() {
            return Err(TestError::AlreadyAnswered { index });
        }
        *slot = Some(chosen);
        Ok(grade(question, chosen))
    }

    /// The first question not answered yet, `None` when all are.
    pub fn next_unanswered(&self) -> Option<usize> {
        self.answers.iter().position(Option::is_none)
    }

    /// True when every question has been answered.
    pub fn is_complete(&self) -> bool {
        self.next_unanswered().is_none()
    }

    /// The test as the page shows it.
    pub fn view(&self) -> TestView {
        TestView {
            seed: self.seed,
            questions: self.questions.iter().cloned().map(QuizCard::new).collect(),
            answers: self.answers.clone(),
            next_unanswered: self.next_unanswered(),
            result: self.is_complete().then(|| self.result()),
        }
    }

    /// The score so far (unanswered questions count as missed).
    pub fn result(&self) -> TestResult {
        let mut score = 0;
        let mut missed = Vec::new();
        for (index, (q, chosen)) in self.questions.iter().zip(&self.answers).enumerate() {
            if *chosen == Some(q.correct) {
                score += 1;
            } else {
                missed.push(MissedQuestion {
                    index,
                    id: q.id.clone(),
                    prompt: q.prompt.clone(),
                    difficulty: q.difficulty,
                    step: q.step,
                    step_title: step_title(q.step).to_string(),
                    chosen: *chosen,
                    correct_index: q.correct,
                    correct_option: q.correct_option().to_string(),
                });
            }
        }
        TestResult {
            score,
            total: u32::try_from(self.questions.len()).unwrap_or(u32::MAX),
            missed,
        }
    }
}

// Native only: the core is tested natively (proptest and approx are native dev-dependencies).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::teach::quiz::{check_question, question_by_id};
    use std::collections::HashSet;

    #[test]
    fn a_test_has_three_easy_four_medium_three_hard_distinct_questions() {
        for seed in 0..50 {
            let t = TestSession::new(seed);
            let qs = t.questions();
            assert_eq!(qs.len(), TEST_LENGTH);
            let levels: Vec<Difficulty> = qs.iter().map(|q| q.difficulty).collect();
            use Difficulty::*;
            assert_eq!(
                levels,
                [Easy, Easy, Easy, Medium, Medium, Medium, Medium, Hard, Hard, Hard]
            );
            let ids: HashSet<&str> = qs.iter().map(|q| q.id.as_str()).collect();
            assert_eq!(ids.len(), TEST_LENGTH);
        }
        assert_eq!(
            TEST_COUNTS.iter().map(|(_, n)| n).sum::<usize>(),
            TEST_LENGTH
        );
    }

    #[test]
    fn same_seed_same_test_and_seeds_vary_the_pick() {
        assert_eq!(TestSession::new(9), TestSession::new(9));
        let picks: HashSet<Vec<String>> = (0..20)
            .map(|s| {
                TestSession::new(s)
                    .questions()
                    .iter()
                    .map(|q| q.id.clone())
                    .collect()
            })
            .collect();
        assert!(picks.len() > 10, "only {} different tests", picks.len());
    }

    #[test]
    fn shuffled_options_keep_the_right_answer() {
        for seed in 0..30 {
            for q in TestSession::new(seed).questions() {
                check_question(q).unwrap();
                let original = question_by_id(&q.id).unwrap();
                assert_eq!(q.correct_option(), original.correct_option());
                let mut a = q.options.to_vec();
                let mut b = original.options.to_vec();
                a.sort();
                b.sort();
                assert_eq!(a, b);
            }
        }
    }

    #[test]
    fn all_right_scores_ten_with_nothing_missed() {
        let mut t = TestSession::new(3);
        while let Some(i) = t.next_unanswered() {
            let right = t.questions()[i].correct;
            assert!(t.answer(i, right).unwrap().correct);
        }
        assert!(t.is_complete());
        let r = t.result();
        assert_eq!((r.score, r.total), (10, 10));
        assert_eq!(r.score_text(), "10/10");
        assert!(r.missed.is_empty());
        assert!(r.steps_to_review().is_empty());
    }

    #[test]
    fn missed_questions_name_their_loop_step() {
        let mut t = TestSession::new(11);
        for i in 0..TEST_LENGTH {
            let q = &t.questions()[i];
            let choice = if i % 3 == 0 {
                (q.correct + 1) % 4
            } else {
                q.correct
            };
            t.answer(i, choice).unwrap();
        }
        let r = t.result();
        assert_eq!(r.score, 6);
        assert_eq!(r.score_text(), "6/10");
        let missed: Vec<usize> = r.missed.iter().map(|m| m.index).collect();
        assert_eq!(missed, [0, 3, 6, 9]);
        for m in &r.missed {
            let q = &t.questions()[m.index];
            assert_eq!(m.step, q.step);
            assert_eq!(m.step_title, step_title(q.step));
            assert_eq!(m.chosen, Some((q.correct + 1) % 4));
            assert_eq!(m.correct_option, q.correct_option());
        }
        let steps = r.steps_to_review();
        assert!(!steps.is_empty());
        assert!(steps.windows(2).all(|w| w[0].number() < w[1].number()));
    }

    #[test]
    fn unanswered_questions_count_as_missed() {
        let mut t = TestSession::new(5);
        t.answer(0, t.questions()[0].correct).unwrap();
        assert_eq!(t.view().answered_count(), 1);
        assert_eq!(t.next_unanswered(), Some(1));
        let r = t.result();
        assert_eq!(r.score, 1);
        assert_eq!(r.missed.len(), 9);
        assert!(r.missed.iter().all(|m| m.chosen.is_none()));
    }

    #[test]
    fn bad_answers_are_errors_and_change_nothing() {
        let mut t = TestSession::new(1);
        assert_eq!(
            t.answer(10, 0),
            Err(TestError::NoSuchQuestion { index: 10, len: 10 })
        );
        assert_eq!(t.answer(0, 4), Err(TestError::NoSuchOption { chosen: 4 }));
        assert_eq!(t.view().answered_count(), 0);
        t.answer(0, 1).unwrap();
        assert_eq!(t.answer(0, 2), Err(TestError::AlreadyAnswered { index: 0 }));
        assert_eq!(t.answer_of(0), Some(1));
        assert_eq!(t.answer_of(99), None);
        assert_eq!(
            TestError::AlreadyAnswered { index: 0 }.to_string(),
            "question 0 has already been answered"
        );
    }
}
