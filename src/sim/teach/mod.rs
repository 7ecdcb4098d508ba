//! Teaching content: the guide's chapters, the lesson, the quizzes, the story
//! and the glossary.

pub mod glossary;
pub mod guide;
pub mod lesson;
pub mod quiz;
pub mod story;
