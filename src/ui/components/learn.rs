//! The teaching layer around the playground: the lesson, the visual quiz from the
//! live run, practice questions, Test yourself, and progress that survives a
//! reload (localStorage).

use yew::prelude::*;

use super::lesson::Lesson;
use super::practice::Practice;
use super::test_yourself::TestYourself;
use super::visual_quiz::VisualQuiz;
use crate::sim::protocol::Snapshot;
use crate::sim::quiz::{Progress, TestResult, PROGRESS_STORAGE_KEY, TEST_LENGTH};

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
    /// Highlights a row of the process table.
    pub on_highlight: Callback<Option<u8>>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// Reads saved progress; a corrupted or outdated value is ignored with a notice.
fn load_progress() -> (Progress, Option<String>) {
    let stored = storage().and_then(|s| s.get_item(PROGRESS_STORAGE_KEY).ok().flatten());
    Progress::load_or_reset(stored.as_deref())
}

fn save_progress(p: &Progress) {
    if let Some(s) = storage() {
        // A full or disabled storage only loses the saved progress, never the page.
        let _ = s.set_item(PROGRESS_STORAGE_KEY, &p.to_storage_string());
    }
}

/// The learn-and-test part of the page.
#[component]
pub fn Learn(props: &LearnProps) -> Html {
    let loaded = use_memo((), |_| load_progress());
    let progress = use_state(|| loaded.0);
    let notice = use_state(|| loaded.1.clone());
    {
        use_effect_with(*progress, save_progress);
    }
    let on_answered = {
        let progress = progress.clone();
        Callback::from(move |right: bool| {
            let mut p = *progress;
            p.record_answer(right);
            progress.set(p);
        })
    };
    let on_finished = {
        let progress = progress.clone();
        Callback::from(move |result: TestResult| {
            let mut p = *progress;
            p.record_test(&result);
            progress.set(p);
        })
    };
    let reset = {
        let progress = progress.clone();
        let notice = notice.clone();
        Callback::from(move |_: MouseEvent| {
            progress.set(Progress::new());
            notice.set(Some("Progress reset.".into()));
        })
    };
    let p = *progress;
    html! {
        <div class="learn">
            <Lesson snapshot={props.snapshot.clone()} highlighted={props.highlighted} on_highlight={props.on_highlight.clone()} />
            <VisualQuiz snapshot={props.snapshot.clone()} playing={props.playing} on_answered={on_answered.clone()} />
            <div class="grid-2">
                <Practice on_answered={on_answered.clone()} />
                <TestYourself on_answered={on_answered} on_finished={on_finished} />
            </div>
            <section class="panel progress" aria-labelledby="progress-title">
                <h2 id="progress-title">{ "Your progress" }</h2>
                <p data-testid="progress">
                    { format!("Answered {} · correct {} ({}%) · tests taken {} · best test score {}",
                        p.answered, p.correct, p.percent_correct(), p.tests_taken,
                        p.best_test_score.map_or("—".to_string(), |b| format!("{b}/{TEST_LENGTH}"))) }
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
