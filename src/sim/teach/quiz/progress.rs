//! Quiz progress as the page keeps it in `localStorage`: a small versioned JSON
//! string, read back strictly. Anything that is not a plausible save of the
//! current version is rejected with a typed error whose message the page shows
//! before starting afresh; no input can make reading panic.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use thiserror::Error;

use super::session::TEST_LENGTH;
use crate::sim::teach::guide::CHAPTERS;

/// The format version written by [`Progress::to_storage_string`].
pub const PROGRESS_VERSION: u32 = 1;

/// The `localStorage` key the page should use.
pub const PROGRESS_STORAGE_KEY: &str = "retrain-playground.quiz-progress";

/// The best possible test score.
const MAX_TEST_SCORE: u32 = TEST_LENGTH as u32;

/// What the learner has done so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    /// Format version, [`PROGRESS_VERSION`].
    pub version: u32,
    /// Questions answered (practice, visual quiz and tests).
    pub answered: u32,
    /// Of those, answered right (never more than `answered`).
    pub correct: u32,
    /// Best test score (out of `TEST_LENGTH` questions), once a test was finished.
    pub best_test_score: Option<u32>,
    /// Tests finished.
    pub tests_taken: u32,
    /// Where the reader is in the guide (saves of before the guide read as a
    /// first visit).
    #[serde(default)]
    pub guide: GuideProgress,
}

/// The reader's place in the guided chapters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuideProgress {
    /// The chapter to open (1..=CHAPTERS).
    pub chapter: u8,
    /// Chapters whose reveal the reader has seen, one bit each (bit 0 = chapter 1).
    pub done: u16,
    /// The reader left the guide for free play (the next visit opens there).
    pub playground: bool,
    /// How many chapters the guide had when this was saved: saves of the
    /// six-chapter guide (no such field) are carried over to today's
    /// chapters by [`GuideProgress::from_six_chapters`].
    #[serde(default = "six_chapters")]
    pub chapters: u8,
}

fn six_chapters() -> u8 {
    6
}

/// Where each chapter of the six-chapter guide went in today's guide (the
/// same idea under its new number).
const SIX_TO_NOW: [u8; 6] = [1, 2, 3, 5, 7, 8];

impl Default for GuideProgress {
    fn default() -> Self {
        GuideProgress {
            chapter: 1,
            done: 0,
            playground: false,
            chapters: CHAPTERS,
        }
    }
}

impl GuideProgress {
    /// True once chapter `n`'s reveal was seen.
    pub fn is_done(&self, n: u8) -> bool {
        (1..=CHAPTERS).contains(&n) && self.done & (1 << (n - 1)) != 0
    }

    /// Marks chapter `n` as done (chapters outside 1..=CHAPTERS change nothing).
    pub fn mark_done(&mut self, n: u8) {
        if (1..=CHAPTERS).contains(&n) {
            self.done |= 1 << (n - 1);
        }
    }

    /// How many chapters are done.
    pub fn done_count(&self) -> u32 {
        (self.done & CHAPTER_BITS).count_ones()
    }

    /// A save of the six-chapter guide read as today's guide: each chapter
    /// (and each chapter done) under its new number. Out-of-range values stay
    /// out of range, for [`Progress::validate`] to refuse.
    pub fn from_six_chapters(self) -> GuideProgress {
        if self.chapters != 6 {
            return self;
        }
        if !(1..=6).contains(&self.chapter) || self.done & !0b11_1111 != 0 {
            // Never a place in the six-chapter guide: left for validate to refuse.
            return GuideProgress { chapter: 0, ..self };
        }
        let moved = |n: u8| {
            SIX_TO_NOW
                .get(usize::from(n).wrapping_sub(1))
                .copied()
                .unwrap_or(n)
        };
        let mut done = self.done & !0b11_1111;
        for old in 1..=6u8 {
            if self.done & (1 << (old - 1)) != 0 {
                done |= 1 << (moved(old) - 1);
            }
        }
        GuideProgress {
            chapter: moved(self.chapter),
            done,
            playground: self.playground,
            chapters: CHAPTERS,
        }
    }

    /// A save of the nine-chapter guide read as today's guide: chapter 10
    /// ("Can you see drift before the labels arrive?") was added after the
    /// others, so every chapter keeps its number. A place the nine-chapter
    /// guide never had stays out of range, for [`Progress::validate`] to
    /// refuse.
    pub fn from_nine_chapters(self) -> GuideProgress {
        if self.chapters != 9 {
            return self;
        }
        if !(1..=9).contains(&self.chapter) || self.done & !0b1_1111_1111 != 0 {
            return GuideProgress { chapter: 0, ..self };
        }
        GuideProgress {
            chapters: CHAPTERS,
            ..self
        }
    }
}

/// One bit per chapter.
const CHAPTER_BITS: u16 = ((1u32 << CHAPTERS) - 1) as u16;

impl Default for Progress {
    fn default() -> Self {
        Progress {
            version: PROGRESS_VERSION,
            answered: 0,
            correct: 0,
            best_test_score: None,
            tests_taken: 0,
            guide: GuideProgress::default(),
        }
    }
}

/// Why saved progress could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Error, Serialize)]
pub enum ProgressError {
    /// The text is not JSON at all.
    #[error("it is not valid JSON ({0})")]
    NotJson(String),
    /// JSON, but not an object with a version field.
    #[error("it has no format version")]
    MissingVersion,
    /// Saved by another (older or newer) format.
    #[error("it was saved in format version {found}, but this page reads version {expected}")]
    WrongVersion {
        /// The version found, as written.
        found: String,
        /// [`PROGRESS_VERSION`].
        expected: u32,
    },
    /// The right version, but fields missing, unknown or of the wrong type.
    #[error("its fields are not the expected ones ({0})")]
    BadFields(String),
    /// More right answers than answers.
    #[error("it counts {correct} right answers out of only {answered} answered")]
    CorrectExceedsAnswered {
        /// Right answers saved.
        correct: u32,
        /// Answers saved.
        answered: u32,
    },
    /// A test score above 10.
    #[error("its best test score {best} is above the maximum of {max}")]
    BestScoreTooHigh {
        /// The score saved.
        best: u32,
        /// The maximum.
        max: u32,
    },
    /// A guide chapter that does not exist, or chapters marked done that do not.
    #[error("its guide chapter {chapter} (done: {done:#b}) is not one of chapters 1 to {max}")]
    NoSuchChapter {
        /// The chapter saved.
        chapter: u8,
        /// The done bits saved.
        done: u16,
        /// The last chapter.
        max: u8,
    },
    /// A best score although no test was taken.
    #[error("it has a best test score ({best}) but no test taken")]
    BestWithoutTest {
        /// The score saved.
        best: u32,
    },
}

impl ProgressError {
    /// The notice the page shows, e.g. "Saved progress could not be read and
    /// was reset: it is not valid JSON (…)."
    pub fn notice(&self) -> String {
        format!("Saved progress could not be read and was reset: {self}.")
    }
}

impl Progress {
    /// No progress yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts one answered question.
    pub fn record_answer(&mut self, correct: bool) {
        self.answered = self.answered.saturating_add(1);
        if correct {
            self.correct = self.correct.saturating_add(1).min(self.answered);
        }
    }

    /// Counts a finished test that scored `score` and keeps the best score.
    pub fn record_test_score(&mut self, score: u32) {
        let score = score.min(MAX_TEST_SCORE);
        self.tests_taken = self.tests_taken.saturating_add(1);
        self.best_test_score = Some(self.best_test_score.map_or(score, |b| b.max(score)));
    }

    /// Right answers as a whole percentage of answered ones (0 with none).
    pub fn percent_correct(&self) -> u32 {
        if self.answered == 0 {
            return 0;
        }
        let pct = u64::from(self.correct.min(self.answered)) * 100 / u64::from(self.answered);
        u32::try_from(pct).unwrap_or(100)
    }

    /// Checks the values make sense together.
    pub fn validate(&self) -> Result<(), ProgressError> {
        if self.version != PROGRESS_VERSION {
            return Err(ProgressError::WrongVersion {
                found: self.version.to_string(),
                expected: PROGRESS_VERSION,
            });
        }
        if self.correct > self.answered {
            return Err(ProgressError::CorrectExceedsAnswered {
                correct: self.correct,
                answered: self.answered,
            });
        }
        let g = self.guide;
        if !(1..=CHAPTERS).contains(&g.chapter)
            || g.done & !CHAPTER_BITS != 0
            || g.chapters != CHAPTERS
        {
            return Err(ProgressError::NoSuchChapter {
                chapter: g.chapter,
                done: g.done,
                max: CHAPTERS,
            });
        }
        if let Some(best) = self.best_test_score {
            if best > MAX_TEST_SCORE {
                return Err(ProgressError::BestScoreTooHigh {
                    best,
                    max: MAX_TEST_SCORE,
                });
            }
            if self.tests_taken == 0 {
                return Err(ProgressError::BestWithoutTest { best });
            }
        }
        Ok(())
    }

    /// The JSON string to store, with the version field, e.g.
    /// `{"version":1,"answered":12,"correct":9,"best_test_score":7,"tests_taken":2}`.
    pub fn to_storage_string(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| {
            // Unreachable for this plain struct; written out by hand just in case.
            let best = self
                .best_test_score
                .map_or_else(|| "null".to_string(), |b| b.to_string());
            format!(
                "{{\"version\":{},\"answered\":{},\"correct\":{},\"best_test_score\":{best},\"tests_taken\":{},\"guide\":{{\"chapter\":{},\"done\":{},\"playground\":{}}}}}",
                self.version, self.answered, self.correct, self.tests_taken,
                self.guide.chapter, self.guide.done, self.guide.playground
            )
        })
    }

    /// Reads a stored string back, rejecting corrupted JSON, a missing or
    /// different version, wrong fields and impossible values. Never panics.
    pub fn from_storage(stored: &str) -> Result<Progress, ProgressError> {
        let value: Value =
            serde_json::from_str(stored).map_err(|e| ProgressError::NotJson(e.to_string()))?;
        let version = value
            .as_object()
            .and_then(|o| o.get("version"))
            .ok_or(ProgressError::MissingVersion)?;
        if version.as_u64() != Some(u64::from(PROGRESS_VERSION)) {
            let mut found = version.to_string();
            if found.chars().count() > 40 {
                found = found.chars().take(40).collect::<String>() + "…";
            }
            return Err(ProgressError::WrongVersion {
                found,
                expected: PROGRESS_VERSION,
            });
        }
        let mut progress: Progress =
            serde_json::from_value(value).map_err(|e| ProgressError::BadFields(e.to_string()))?;
        progress.guide = progress.guide.from_six_chapters().from_nine_chapters();
        progress.validate()?;
        Ok(progress)
    }

    /// What the page does on load: nothing stored gives fresh progress; a stored
    /// string that cannot be read gives fresh progress and the notice to show.
    pub fn load_or_reset(stored: Option<&str>) -> (Progress, Option<String>) {
        match stored.map(Progress::from_storage) {
            None => (Progress::default(), None),
            Some(Ok(p)) => (p, None),
            Some(Err(e)) => (Progress::default(), Some(e.notice())),
        }
    }
}

// Native only: the core is tested natively (proptest and approx are native dev-dependencies).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::teach::quiz::TestSession;
    use proptest::prelude::*;

    fn sample() -> Progress {
        Progress {
            version: PROGRESS_VERSION,
            answered: 12,
            correct: 9,
            best_test_score: Some(7),
            tests_taken: 2,
            guide: GuideProgress {
                chapter: 4,
                done: 0b111,
                playground: false,
                chapters: CHAPTERS,
            },
        }
    }

    #[test]
    fn saved_progress_reads_back_unchanged() {
        for p in [Progress::default(), sample()] {
            let s = p.to_storage_string();
            assert!(s.contains("\"version\":1"), "{s}");
            assert_eq!(Progress::from_storage(&s), Ok(p));
        }
        assert_eq!(
            sample().to_storage_string(),
            r#"{"version":1,"answered":12,"correct":9,"best_test_score":7,"tests_taken":2,"guide":{"chapter":4,"done":7,"playground":false,"chapters":10}}"#
        );
        // A save from before the guide reads as a first visit to it.
        let old = r#"{"version":1,"answered":12,"correct":9,"best_test_score":7,"tests_taken":2}"#;
        assert_eq!(
            Progress::from_storage(old).map(|p| p.guide),
            Ok(GuideProgress::default())
        );
    }

    /// A save of the nine-chapter guide keeps its place and chapters done
    /// (chapter 10 came after them); a place it never had is refused.
    #[test]
    fn a_nine_chapter_save_keeps_its_chapters() {
        let old = r#"{"version":1,"answered":12,"correct":9,"best_test_score":7,"tests_taken":2,"guide":{"chapter":9,"done":257,"playground":true,"chapters":9}}"#;
        let g = Progress::from_storage(old).unwrap().guide;
        assert_eq!((g.chapter, g.playground, g.chapters), (9, true, CHAPTERS));
        assert!(g.is_done(1) && g.is_done(9) && !g.is_done(10), "{g:?}");
        let bad = r#"{"version":1,"answered":1,"correct":1,"best_test_score":null,"tests_taken":0,"guide":{"chapter":10,"done":0,"playground":false,"chapters":9}}"#;
        assert!(matches!(
            Progress::from_storage(bad),
            Err(ProgressError::NoSuchChapter { .. })
        ));
    }

    /// A save of the six-chapter guide keeps its place and its chapters
    /// done under today's numbers (old 4 "When to retrain" is now 5, old 5
    /// "Bad data" 7, old 6 "Which drift hurts" 8).
    #[test]
    fn a_six_chapter_save_moves_to_todays_chapters() {
        let old = r#"{"version":1,"answered":12,"correct":9,"best_test_score":7,"tests_taken":2,"guide":{"chapter":5,"done":41,"playground":false}}"#;
        let g = Progress::from_storage(old).unwrap().guide;
        assert_eq!(g.chapter, 7);
        assert!(g.is_done(1) && g.is_done(5) && g.is_done(8), "{g:?}");
        assert_eq!(g.done_count(), 3);
        assert_eq!(g.chapters, CHAPTERS);
        // Its seventh chapter never existed: refused, not moved.
        let bad = r#"{"version":1,"answered":1,"correct":1,"best_test_score":null,"tests_taken":0,"guide":{"chapter":7,"done":0,"playground":false}}"#;
        assert!(matches!(
            Progress::from_storage(bad),
            Err(ProgressError::NoSuchChapter { .. })
        ));
    }

    #[test]
    fn impossible_guide_places_are_rejected() {
        for (chapter, done) in [(0, 0), (CHAPTERS + 1, 0), (3, 1 << CHAPTERS)] {
            let mut p = sample();
            p.guide.chapter = chapter;
            p.guide.done = done;
            let e = Progress::from_storage(&p.to_storage_string()).unwrap_err();
            assert!(matches!(e, ProgressError::NoSuchChapter { .. }), "{e:?}");
        }
        let mut g = GuideProgress::default();
        g.mark_done(2);
        g.mark_done(CHAPTERS + 1);
        assert!(g.is_done(2) && !g.is_done(1) && !g.is_done(CHAPTERS + 1));
        assert_eq!(g.done_count(), 1);
    }

    #[test]
    fn corrupted_json_is_rejected_with_a_notice() {
        for s in ["", "{", "not json", "{\"version\":1,", "\u{0}"] {
            let e = Progress::from_storage(s).unwrap_err();
            assert!(matches!(e, ProgressError::NotJson(_)), "{s:?}: {e:?}");
            assert!(e.notice().starts_with(
                "Saved progress could not be read and was reset: it is not valid JSON"
            ));
        }
    }

    #[test]
    fn missing_or_other_versions_are_rejected() {
        assert_eq!(
            Progress::from_storage("[1,2]"),
            Err(ProgressError::MissingVersion)
        );
        assert_eq!(
            Progress::from_storage(r#"{"answered":1}"#),
            Err(ProgressError::MissingVersion)
        );
        for (v, found) in [
            ("0", "0"),
            ("2", "2"),
            ("\"1\"", "\"1\""),
            ("1.5", "1.5"),
            ("-1", "-1"),
        ] {
            let s = format!(
                r#"{{"version":{v},"answered":1,"correct":1,"best_test_score":null,"tests_taken":0}}"#
            );
            assert_eq!(
                Progress::from_storage(&s),
                Err(ProgressError::WrongVersion {
                    found: found.into(),
                    expected: 1
                })
            );
        }
        let e = Progress::from_storage(r#"{"version":0}"#).unwrap_err();
        assert_eq!(
            e.notice(),
            "Saved progress could not be read and was reset: it was saved in format version 0, but this page reads version 1."
        );
    }

    #[test]
    fn wrong_fields_are_rejected() {
        for s in [
            r#"{"version":1}"#,
            r#"{"version":1,"answered":-1,"correct":0,"best_test_score":null,"tests_taken":0}"#,
            r#"{"version":1,"answered":"3","correct":0,"best_test_score":null,"tests_taken":0}"#,
            r#"{"version":1,"answered":99999999999,"correct":0,"best_test_score":null,"tests_taken":0}"#,
            r#"{"version":1,"answered":3,"correct":0,"best_test_score":null,"tests_taken":0,"extra":1}"#,
        ] {
            let e = Progress::from_storage(s).unwrap_err();
            assert!(matches!(e, ProgressError::BadFields(_)), "{s}: {e:?}");
        }
    }

    #[test]
    fn absurd_values_are_rejected() {
        let with = |answered: u32, correct: u32, best: Option<u32>, tests: u32| {
            Progress {
                version: 1,
                answered,
                correct,
                best_test_score: best,
                tests_taken: tests,
                guide: GuideProgress::default(),
            }
            .to_storage_string()
        };
        assert_eq!(
            Progress::from_storage(&with(3, 5, None, 0)),
            Err(ProgressError::CorrectExceedsAnswered {
                correct: 5,
                answered: 3
            })
        );
        assert_eq!(
            Progress::from_storage(&with(30, 20, Some(11), 3)),
            Err(ProgressError::BestScoreTooHigh { best: 11, max: 10 })
        );
        assert_eq!(
            Progress::from_storage(&with(30, 20, Some(8), 0)),
            Err(ProgressError::BestWithoutTest { best: 8 })
        );
        assert!(Progress::from_storage(&with(30, 20, Some(10), 1)).is_ok());
        assert!(Progress::from_storage(&with(5, 5, Some(0), 1)).is_ok());
    }

    #[test]
    fn answers_and_tests_are_counted() {
        let mut p = Progress::new();
        p.record_answer(true);
        p.record_answer(false);
        p.record_answer(true);
        assert_eq!((p.answered, p.correct), (3, 2));
        assert_eq!(p.percent_correct(), 66);
        let mut t = TestSession::new(4);
        for i in 0..4 {
            t.answer(i, t.questions()[i].correct).unwrap();
        }
        p.record_test_score(t.result().score);
        assert_eq!((p.tests_taken, p.best_test_score), (1, Some(4)));
        let worse = TestSession::new(4).result();
        p.record_test_score(worse.score);
        assert_eq!((p.tests_taken, p.best_test_score), (2, Some(4)));
        assert!(p.validate().is_ok());
        assert_eq!(Progress::new().percent_correct(), 0);
    }

    #[test]
    fn counters_saturate_instead_of_overflowing() {
        let mut p = Progress {
            answered: u32::MAX,
            correct: u32::MAX,
            ..Progress::default()
        };
        p.record_answer(true);
        assert_eq!((p.answered, p.correct), (u32::MAX, u32::MAX));
        assert!(p.validate().is_ok());
        assert_eq!(p.percent_correct(), 100);
    }

    #[test]
    fn loading_resets_with_a_notice_only_when_needed() {
        assert_eq!(Progress::load_or_reset(None), (Progress::default(), None));
        let saved = sample().to_storage_string();
        assert_eq!(Progress::load_or_reset(Some(&saved)), (sample(), None));
        let (p, notice) = Progress::load_or_reset(Some("garbage"));
        assert_eq!(p, Progress::default());
        assert!(notice
            .unwrap()
            .starts_with("Saved progress could not be read and was reset: "));
    }

    #[test]
    fn very_deep_json_is_an_error_not_a_crash() {
        let deep = "[".repeat(100_000);
        assert!(matches!(
            Progress::from_storage(&deep),
            Err(ProgressError::NotJson(_))
        ));
    }

    proptest! {
        // Thousands of hostile inputs: a parser of user text must never panic.
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn arbitrary_strings_never_panic(s in ".*") {
            if let Ok(p) = Progress::from_storage(&s) {
                prop_assert!(p.validate().is_ok());
            }
        }

        #[test]
        fn arbitrary_json_fields_never_panic(
            version in prop::option::of(any::<i64>()),
            answered in any::<i64>(),
            correct in any::<i64>(),
            best in prop::option::of(any::<i64>()),
            tests in any::<i64>(),
        ) {
            let mut obj = serde_json::Map::new();
            if let Some(v) = version {
                obj.insert("version".into(), v.into());
            }
            obj.insert("answered".into(), answered.into());
            obj.insert("correct".into(), correct.into());
            obj.insert("best_test_score".into(), best.map_or(Value::Null, Value::from));
            obj.insert("tests_taken".into(), tests.into());
            let s = Value::Object(obj).to_string();
            match Progress::from_storage(&s) {
                Ok(p) => {
                    prop_assert!(p.correct <= p.answered);
                    prop_assert!(p.best_test_score.is_none_or(|b| b <= 10));
                }
                Err(e) => prop_assert!(!e.notice().is_empty()),
            }
        }

        #[test]
        fn valid_progress_round_trips(
            answered in any::<u32>(),
            share in 0.0f64..=1.0,
            best in prop::option::of(0u32..=10),
            tests in 1u32..1000,
            chapter in 1u8..=CHAPTERS,
            done in 0u16..(1 << CHAPTERS),
            playground in any::<bool>(),
        ) {
            let correct = (f64::from(answered) * share) as u32;
            let guide = GuideProgress { chapter, done, playground, chapters: CHAPTERS };
            let p = Progress { version: 1, answered, correct, best_test_score: best, tests_taken: tests, guide };
            prop_assert_eq!(Progress::from_storage(&p.to_storage_string()), Ok(p));
        }
    }
}
