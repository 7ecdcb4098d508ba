//! The lesson's teaching content and its grading, all pure (no browser imports):
//!
//! - a fixed **question bank** ([`question_bank`]) in three [`Difficulty`] levels,
//!   including the lesson's five practice questions (the snippet question fixed so
//!   that exactly one option is right), each tied to the loop step it is about;
//! - a **visual quiz** built from the run on screen ([`visual_quiz`]), whose
//!   answers quote the real versions and scores of the process table;
//! - **predict before reveal** ([`Prediction`], [`grade_prediction`]);
//! - **grading** of any question ([`grade`] → [`Graded`]);
//! - **test yourself** ([`TestSession`]): 10 seeded questions, 3 easy, 4 medium,
//!   3 hard, with the missed questions and their loop steps at the end;
//! - **saved progress** ([`Progress`]) as a versioned JSON string for
//!   `localStorage`, read back with typed errors ([`ProgressError`]) and never a
//!   panic; the engine keeps it (`Command::Progress`), so the page never parses
//!   JSON.
//!
//! Every question has exactly four options and exactly one right answer.

mod bank;
mod progress;
mod session;
mod visual;

use serde::{Deserialize, Serialize};

use crate::sim::retraining::step_kind::StepKind;

pub use bank::{question_bank, question_by_id, BANK_SIZE};
pub use progress::{
    GuideProgress, Progress, ProgressError, PROGRESS_STORAGE_KEY, PROGRESS_VERSION,
};
pub use session::{
    MissedQuestion, TestError, TestResult, TestSession, TestView, TEST_COUNTS, TEST_LENGTH,
};
pub use visual::{
    can_skip, grade_prediction, prediction_choices, prediction_label, prediction_open, visual_quiz,
    visual_quiz_view, Prediction, PredictionOutcome, VisualQuizKey, VisualQuizView,
    VISUAL_QUIZ_IDS,
};

/// How many options every question has.
pub const OPTION_COUNT: usize = 4;

/// How hard a question is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Difficulty {
    /// Recall of the loop and its vocabulary.
    Easy,
    /// Reading the table, tracing code, simple causes.
    Medium,
    /// Reasoning about drift, windows, noise and design choices.
    Hard,
}

impl Difficulty {
    /// Every level, easiest first.
    pub const ALL: [Difficulty; 3] = [Difficulty::Easy, Difficulty::Medium, Difficulty::Hard];

    /// The word the page shows: "easy", "medium" or "hard".
    pub fn label(self) -> &'static str {
        match self {
            Difficulty::Easy => "easy",
            Difficulty::Medium => "medium",
            Difficulty::Hard => "hard",
        }
    }
}

/// One multiple-choice question, from the bank or generated from the run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuizQuestion {
    /// Stable identifier, e.g. `"cron-daily-midnight"` or `"visual-version-after-train"`.
    pub id: String,
    /// How hard it is.
    pub difficulty: Difficulty,
    /// The loop step it is about (use [`StepKind::number`] for 1..=8 and
    /// [`step_title`] for its name).
    pub step: StepKind,
    /// The question.
    pub prompt: String,
    /// Code to show (monospaced) under the prompt, if any.
    pub code: Option<String>,
    /// Exactly four options, shown as A–D.
    pub options: [String; OPTION_COUNT],
    /// Index (0..4) of the one right option.
    pub correct: usize,
    /// A nudge to show before answering.
    pub hint: String,
    /// Why the right answer is right, in a sentence or two (used by [`grade`]).
    pub explanation: String,
    /// The worked solution, one string per step, shown after answering.
    pub solution: Vec<String>,
    /// Common mistakes, shown after answering.
    pub mistakes: Vec<String>,
}

impl QuizQuestion {
    /// The text of the right option.
    pub fn correct_option(&self) -> &str {
        self.options
            .get(self.correct)
            .map(String::as_str)
            .unwrap_or("")
    }
}

/// The result of answering a question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Graded {
    /// True when the chosen option is the right one.
    pub correct: bool,
    /// Index of the right option (0..4).
    pub correct_index: usize,
    /// What to show: right or wrong, the right option with its letter, and why.
    pub explanation: String,
}

/// A question as the page shows it, graded here in the core: the grade of each
/// option is worked out before the question is sent, so the page only shows the
/// one the student chose (it grades nothing itself).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuizCard {
    /// The question.
    pub question: QuizQuestion,
    /// `grades[i]` is what choosing option `i` gets.
    pub grades: [Graded; OPTION_COUNT],
}

impl QuizCard {
    /// `question` with each of its options graded.
    pub fn new(question: QuizQuestion) -> Self {
        let grades = [0, 1, 2, 3].map(|i| grade(&question, i));
        QuizCard { question, grades }
    }

    /// The grade of option `chosen` (`None` if there is no such option).
    pub fn grade(&self, chosen: usize) -> Option<&Graded> {
        self.grades.get(chosen)
    }
}

/// The letter shown for option `index`: 0 → 'A' … 3 → 'D' ('?' beyond).
pub fn option_letter(index: usize) -> char {
    match index {
        0 => 'A',
        1 => 'B',
        2 => 'C',
        3 => 'D',
        _ => '?',
    }
}

/// Grades `chosen` (0..4) against `question`; an out-of-range choice is simply
/// wrong, never a panic.
pub fn grade(question: &QuizQuestion, chosen: usize) -> Graded {
    let correct = chosen == question.correct;
    let right = format!(
        "{}. {}",
        option_letter(question.correct),
        question.correct_option()
    );
    let explanation = if correct {
        format!("Correct: {right}. {}", question.explanation)
    } else {
        format!("Not quite: the answer is {right}. {}", question.explanation)
    };
    Graded {
        correct,
        correct_index: question.correct,
        explanation,
    }
}

/// The name of a loop step as the lesson's process table calls it, e.g.
/// "Check performance" for step 6.
pub fn step_title(step: StepKind) -> &'static str {
    match step {
        StepKind::Start => "Start with existing model",
        StepKind::CollectData => "Collect new data",
        StepKind::TriggerRetraining => "Trigger automated retraining",
        StepKind::Train => "Train model",
        StepKind::Evaluate => "Evaluate model",
        StepKind::CheckPerformance => "Check performance",
        StepKind::DeployOrAlert => "Deploy model or alert team",
        StepKind::Repeat => "Cycle repeats",
    }
}

/// Checks that a question is well formed: a non-empty prompt, hint and
/// explanation, four distinct non-empty options (ignoring case and surrounding
/// spaces) and a right index in range. Returns the first problem found.
pub fn check_question(question: &QuizQuestion) -> Result<(), String> {
    if question.prompt.trim().is_empty() {
        return Err(format!("{}: empty prompt", question.id));
    }
    if question.hint.trim().is_empty() || question.explanation.trim().is_empty() {
        return Err(format!("{}: empty hint or explanation", question.id));
    }
    if question.correct >= OPTION_COUNT {
        return Err(format!(
            "{}: right index {} out of range",
            question.id, question.correct
        ));
    }
    let normalised: Vec<String> = question
        .options
        .iter()
        .map(|o| o.trim().to_lowercase())
        .collect();
    for (i, a) in normalised.iter().enumerate() {
        if a.is_empty() {
            return Err(format!(
                "{}: option {} is empty",
                question.id,
                option_letter(i)
            ));
        }
        if normalised[..i].contains(a) {
            return Err(format!(
                "{}: option {} repeats an earlier option",
                question.id,
                option_letter(i)
            ));
        }
    }
    Ok(())
}

// Native only: the core is tested natively (proptest and approx are native dev-dependencies).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn sample() -> QuizQuestion {
        question_by_id("cron-daily-midnight").expect("in the bank")
    }

    #[test]
    fn grading_the_right_option_says_correct_and_names_it() {
        let q = sample();
        let g = grade(&q, q.correct);
        assert!(g.correct);
        assert_eq!(g.correct_index, q.correct);
        assert!(g.explanation.starts_with("Correct: "), "{}", g.explanation);
        assert!(g.explanation.contains("0 0 * * * python retrain.py"));
    }

    #[test]
    fn grading_a_wrong_option_gives_the_right_letter_and_why() {
        let q = sample();
        let wrong = (q.correct + 1) % OPTION_COUNT;
        let g = grade(&q, wrong);
        assert!(!g.correct);
        assert_eq!(g.correct_index, q.correct);
        let letter = option_letter(q.correct);
        assert!(
            g.explanation
                .starts_with(&format!("Not quite: the answer is {letter}. ")),
            "{}",
            g.explanation
        );
        assert!(g.explanation.contains(&q.explanation));
    }

    #[test]
    fn a_card_carries_each_options_grade_and_survives_the_wire() {
        let card = QuizCard::new(sample());
        for i in 0..OPTION_COUNT {
            assert_eq!(card.grade(i), Some(&grade(&card.question, i)));
        }
        assert_eq!(card.grade(OPTION_COUNT), None);
        let text = serde_json::to_string(&card).expect("serialises");
        let back: QuizCard = serde_json::from_str(&text).expect("reads back");
        assert_eq!(back, card);
    }

    #[test]
    fn out_of_range_choices_are_wrong_not_a_panic() {
        let q = sample();
        for chosen in [4, 99, usize::MAX] {
            assert!(!grade(&q, chosen).correct);
        }
    }

    #[test]
    fn option_letters_run_a_to_d() {
        let letters: String = (0..5).map(option_letter).collect();
        assert_eq!(letters, "ABCD?");
    }

    #[test]
    fn every_step_has_the_lesson_title() {
        let titles: Vec<&str> = StepKind::ALL.iter().map(|s| step_title(*s)).collect();
        assert_eq!(titles[0], "Start with existing model");
        assert_eq!(titles[5], "Check performance");
        assert_eq!(titles[7], "Cycle repeats");
    }

    #[test]
    fn malformed_questions_are_caught() {
        let mut q = sample();
        q.options[1] = format!("  {}  ", q.options[0].to_uppercase());
        assert!(check_question(&q).unwrap_err().contains("repeats"));
        let mut q = sample();
        q.correct = 4;
        assert!(check_question(&q).unwrap_err().contains("out of range"));
        let mut q = sample();
        q.options[2] = " ".into();
        assert!(check_question(&q).unwrap_err().contains("empty"));
    }
}
