//! What one bank entry is: static text (a [`Spec`]), turned into a
//! [`QuizQuestion`] on demand. Every topic file writes its questions as specs.

use crate::sim::retraining::step_kind::StepKind;
use crate::sim::teach::quiz::{Difficulty, QuizQuestion};

/// A bank entry as static text; turned into a [`QuizQuestion`] on demand.
pub(super) struct Spec {
    pub(super) id: &'static str,
    pub(super) difficulty: Difficulty,
    pub(super) step: StepKind,
    pub(super) prompt: &'static str,
    pub(super) code: Option<&'static str>,
    pub(super) options: [&'static str; 4],
    pub(super) correct: usize,
    pub(super) hint: &'static str,
    pub(super) explanation: &'static str,
    pub(super) solution: &'static [&'static str],
    pub(super) mistakes: &'static [&'static str],
}

impl Spec {
    pub(super) fn to_question(&self) -> QuizQuestion {
        QuizQuestion {
            id: self.id.to_string(),
            difficulty: self.difficulty,
            step: self.step,
            prompt: self.prompt.to_string(),
            code: self.code.map(str::to_string),
            options: self.options.map(str::to_string),
            correct: self.correct,
            hint: self.hint.to_string(),
            explanation: self.explanation.to_string(),
            solution: self.solution.iter().map(|s| s.to_string()).collect(),
            mistakes: self.mistakes.iter().map(|s| s.to_string()).collect(),
        }
    }
}
