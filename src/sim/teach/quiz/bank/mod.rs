//! The fixed question bank, forty-one questions, each tied to the loop step it
//! is about, one file a topic, in the bank's order: the lesson's five practice
//! questions (`lesson`, the snippet question corrected so that exactly one
//! option is right), fifteen about what this playground shows (`playground`),
//! ten about the MLOps tools around the loop (`tools`: the drift detectors, the
//! KS test, the champion/challenger gate, rollback, cron schedules and training
//! windows), two about what retraining costs (`cost`), two about labels that
//! arrive late (`late_labels`), two about real data (`weather`: a drift
//! that is a broken pipeline, a fair hold-out in time), three about the team's
//! view (`team_view`: which accuracy the team has, the estimate under concept
//! drift, KS per feature) and two about the detector scorecard (`scorecard`:
//! a false alarm against a missed drift, raising the KS test's α). Each topic's tests,
//! which check its claims on the simulation, stand beside its questions.

mod cost;
mod late_labels;
mod lesson;
mod playground;
mod scorecard;
mod spec;
mod team_view;
mod tools;
mod weather;

use super::QuizQuestion;
use spec::Spec;

/// The topics, in the bank's fixed order.
const TOPICS: [&[Spec]; 8] = [
    &lesson::QUESTIONS,
    &playground::QUESTIONS,
    &tools::QUESTIONS,
    &cost::QUESTIONS,
    &late_labels::QUESTIONS,
    &weather::QUESTIONS,
    &team_view::QUESTIONS,
    &scorecard::QUESTIONS,
];

/// Every bank entry, topic after topic.
fn specs() -> impl Iterator<Item = &'static Spec> {
    let topics: &'static [&'static [Spec]] = &TOPICS;
    topics.iter().flat_map(|topic| topic.iter())
}

/// How many questions the bank holds.
pub const BANK_SIZE: usize = {
    let mut size = 0;
    let mut i = 0;
    while i < TOPICS.len() {
        size += TOPICS[i].len();
        i += 1;
    }
    size
};

/// Every bank question, easy ones first, in a fixed order (options in their
/// fixed order too; [`super::TestSession`] shuffles them).
pub fn question_bank() -> Vec<QuizQuestion> {
    let mut all: Vec<QuizQuestion> = specs().map(Spec::to_question).collect();
    all.sort_by_key(|q| q.difficulty);
    all
}

/// The bank question with this id, if any.
pub fn question_by_id(id: &str) -> Option<QuizQuestion> {
    specs().find(|s| s.id == id).map(Spec::to_question)
}

// Native only: the core is tested natively (proptest and approx are native dev-dependencies).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::teach::quiz::{check_question, Difficulty, OPTION_COUNT};
    use std::collections::HashSet;

    #[test]
    fn every_question_has_four_distinct_options_and_one_right_index() {
        for q in question_bank() {
            check_question(&q).unwrap_or_else(|e| panic!("{e}"));
            assert!(q.correct < OPTION_COUNT, "{}", q.id);
            assert!(!q.solution.is_empty(), "{} has no solution", q.id);
            assert!(!q.mistakes.is_empty(), "{} has no mistakes", q.id);
        }
    }

    #[test]
    fn ids_are_unique_and_found_by_id() {
        let bank = question_bank();
        let ids: HashSet<&str> = bank.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(ids.len(), bank.len());
        for q in &bank {
            assert_eq!(question_by_id(&q.id).as_ref(), Some(q));
        }
        assert!(question_by_id("no-such-question").is_none());
    }

    #[test]
    fn bank_is_big_enough_for_a_test_at_every_level() {
        let bank = question_bank();
        assert_eq!(bank.len(), BANK_SIZE);
        assert_eq!(BANK_SIZE, 41, "the module's first line counts them");
        assert!(bank.len() >= 12);
        let count = |d| bank.iter().filter(|q| q.difficulty == d).count();
        assert!(count(Difficulty::Easy) >= 3);
        assert!(count(Difficulty::Medium) >= 4);
        assert!(count(Difficulty::Hard) >= 3);
        // Easy first.
        assert!(bank.windows(2).all(|w| w[0].difficulty <= w[1].difficulty));
    }

    #[test]
    fn right_answers_are_spread_over_the_letters() {
        let mut per_letter = [0; OPTION_COUNT];
        for q in question_bank() {
            per_letter[q.correct] += 1;
        }
        assert!(per_letter.iter().all(|&n| n >= 3), "{per_letter:?}");
    }
}
