//! Test yourself: 10 questions across easy, medium and hard, then a score with
//! the questions missed and the step of the loop each one is about. The engine
//! picks the questions, keeps the answers and scores the test; this draws it.

use yew::prelude::*;

use super::question_card::QuestionCard;
use crate::sim::engine::protocol::{Command, ProgressIntent, QuizIntent};
use crate::sim::teach::quiz::{step_title, Graded, TestView, TEST_LENGTH};
use crate::ui::hooks::use_send;
use std::rc::Rc;

/// Props of [`TestYourself`].
#[derive(Properties, PartialEq)]
pub struct TestYourselfProps {
    /// The test under way, as the engine last described it (the engine
    /// keeps the test: it is started and answered there).
    pub test: Option<Rc<TestView>>,
}

/// A seed for a new test: the clock, so each attempt gets another selection.
fn fresh_seed() -> u64 {
    js_sys::Date::now() as u64
}

/// The test section.
#[component]
pub fn TestYourself(props: &TestYourselfProps) -> Html {
    let send = use_send();
    let current = use_state(|| 0usize);
    // The seed of the test whose score is shown.
    let finished = use_state(|| None::<u64>);
    let start = {
        let send = send.clone();
        let current = current.clone();
        let finished = finished.clone();
        Callback::from(move |_: MouseEvent| {
            send.emit(Command::Quiz(QuizIntent::StartTest(fresh_seed())));
            current.set(0);
            finished.set(None);
        })
    };
    let body = match props.test.as_deref() {
        None => html! {
            <>
                <p>{ format!("{TEST_LENGTH} questions across easy, medium and hard. You see your score at the end, with the questions you missed and the step of the loop each is about.") }</p>
                <button type="button" class="primary" onclick={start}>{ "Start the test" }</button>
            </>
        },
        Some(TestView {
            seed,
            result: Some(result),
            ..
        }) if *finished == Some(*seed) => {
            html! {
                <div class="test-result">
                    <p class="test-score" role="status" aria-live="polite" data-testid="test-score">
                        { format!("Your score: {} ({} of {} right)", result.score_text(), result.score, result.total) }
                    </p>
                    if result.missed.is_empty() {
                        <p>{ "No question missed: the loop is strong." }</p>
                    } else {
                        <h3>{ "Questions to review" }</h3>
                        <ol class="missed">
                            { for result.missed.iter().map(|m| html! {
                                <li>
                                    <span class="missed-prompt">{ &m.prompt }</span>
                                    <span class="missed-detail">{ format!(" — right answer: {}. About Step {}: {}.", m.correct_option, m.step.number(), m.step_title) }</span>
                                </li>
                            }) }
                        </ol>
                        <p class="hint">{ format!("Steps to review: {}.", result.steps_to_review().iter().map(|s| format!("Step {} ({})", s.number(), step_title(*s))).collect::<Vec<_>>().join(", ")) }</p>
                    }
                    <button type="button" class="primary" onclick={start}>{ "Take another test" }</button>
                </div>
            }
        }
        Some(view) => {
            let len = view.questions.len();
            let i = (*current).min(len.saturating_sub(1));
            let answered = view.answers.get(i).copied().flatten().is_some();
            let on_answer = {
                let send = send.clone();
                Callback::from(move |(chosen, g): (usize, Graded)| {
                    send.emit(Command::Progress(ProgressIntent::Answered(g.correct)));
                    send.emit(Command::Quiz(QuizIntent::AnswerTest { index: i, chosen }));
                })
            };
            let next = {
                let current = current.clone();
                let finished = finished.clone();
                let send = send.clone();
                let (seed, next_unanswered, result) =
                    (view.seed, view.next_unanswered, view.result.clone());
                Callback::from(move |_: MouseEvent| match (next_unanswered, &result) {
                    (Some(n), _) => current.set(n),
                    (None, Some(result)) => {
                        finished.set(Some(seed));
                        send.emit(Command::Progress(ProgressIntent::TestFinished(
                            result.score,
                        )));
                    }
                    (None, None) => {}
                })
            };
            let last = view.next_unanswered.is_none();
            html! {
                <>
                    <p class="test-progress" aria-live="polite">{ format!("Question {} of {len} · {} answered", i + 1, view.answered_count()) }</p>
                    if let Some(card) = view.questions.get(i) {
                        <QuestionCard key={format!("test-{}-{i}", view.seed)} id={format!("test-{i}")}
                            heading={AttrValue::from(format!("Question {} of {len}", i + 1))}
                            card={card.clone()} on_answered={on_answer} />
                    }
                    if answered {
                        <button type="button" class="primary" onclick={next}>
                            { if last { "See your score" } else { "Next question" } }
                        </button>
                    }
                </>
            }
        }
    };
    html! {
        <section class="panel test" id="test-yourself" aria-labelledby="test-title">
            <h2 id="test-title">{ "Test yourself" }</h2>
            { body }
        </section>
    }
}
