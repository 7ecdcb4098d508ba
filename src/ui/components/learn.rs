//! The teaching layer around the playground: the lesson, the visual quiz from the
//! live run, practice questions, Test yourself, and progress that survives a
//! reload (localStorage).

use yew::prelude::*;

use super::lesson::Lesson;
use super::practice::Practice;
use super::test_yourself::TestYourself;
use super::visual_quiz::VisualQuiz;
use crate::sim::engine::protocol::{Command, ProgressIntent, ProgressReply, Snapshot};
use crate::sim::teach::lesson::LessonText;
use crate::sim::teach::quiz::{Progress, QuizCard, TestView, VisualQuizView, TEST_LENGTH};
use crate::ui::hooks::use_send;

/// Props of [`Learn`].
#[derive(Properties, PartialEq)]
pub struct LearnProps {
    /// The run.
    pub snapshot: std::rc::Rc<Snapshot>,
    /// The run is playing (the visual quiz waits for a pause).
    #[prop_or_default]
    pub playing: bool,
    /// The process-table row highlighted now.
    pub highlighted: Option<u8>,
    /// The reader's progress as the engine last reported it (`None` until read).
    #[prop_or_default]
    pub progress: Option<std::rc::Rc<ProgressReply>>,
    /// The lesson's text, once the engine has sent it.
    #[prop_or_default]
    pub lesson: Option<std::rc::Rc<LessonText>>,
    /// The practice questions, once the engine has sent them.
    #[prop_or_default]
    pub quiz_bank: Option<std::rc::Rc<Vec<QuizCard>>>,
    /// The "Test yourself" under way.
    #[prop_or_default]
    pub test: Option<std::rc::Rc<TestView>>,
    /// The newest visual quiz.
    #[prop_or_default]
    pub visual_quiz: Option<std::rc::Rc<VisualQuizView>>,
}

/// The learn-and-test part of the page.
#[component]
pub fn Learn(props: &LearnProps) -> Html {
    // The page hands the engine what this browser stored as it opens, and saves
    // each reply's text (hooks::use_saved_progress); here only its notice shows.
    let notice = use_state(|| None::<String>);
    {
        let notice = notice.clone();
        use_effect_with(props.progress.clone(), move |reply| {
            if let Some(reply) = reply {
                if reply.notice.is_some() {
                    notice.set(reply.notice.clone());
                }
            }
        });
    }
    let reset = {
        let send = use_send();
        Callback::from(move |_: MouseEvent| send.emit(Command::Progress(ProgressIntent::Reset)))
    };
    let p = props
        .progress
        .as_ref()
        .map_or_else(Progress::new, |r| r.progress);
    html! {
        <div class="learn">
            <Lesson snapshot={props.snapshot.clone()} lesson={props.lesson.clone()} highlighted={props.highlighted} />
            <VisualQuiz snapshot={props.snapshot.clone()} playing={props.playing} quiz={props.visual_quiz.clone()} />
            <div class="grid-2">
                <Practice bank={props.quiz_bank.clone()} />
                <TestYourself test={props.test.clone()} />
            </div>
            <section class="panel progress" aria-labelledby="progress-title">
                <h2 id="progress-title">{ "Your progress" }</h2>
                <p data-testid="progress">
                    { format!("Answered {} · correct {} ({}%) · tests taken {} · best test score {} · guide chapters done {}/{}",
                        p.answered, p.correct, p.percent_correct(), p.tests_taken,
                        p.best_test_score.map_or("—".to_string(), |b| format!("{b}/{TEST_LENGTH}")),
                        p.guide.done_count(), crate::sim::teach::guide::CHAPTERS) }
                </p>
                if let Some(n) = &*notice {
                    <p class="notice" role="status" data-testid="progress-notice">{ n }</p>
                }
                <button type="button" onclick={reset}>{ "Reset progress" }</button>
                <p class="hint">{ "Saved in this browser only (localStorage)." }</p>
            </section>
        </div>
    }
}
