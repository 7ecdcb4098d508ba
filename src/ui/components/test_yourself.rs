//! Test yourself: 10 questions across easy, medium and hard, then a score with
//! the questions missed and the step of the loop each one is about.

use yew::prelude::*;

use super::question_card::QuestionCard;
use crate::sim::quiz::{step_title, Graded, TestResult, TestSession, TEST_LENGTH};

/// Props of [`TestYourself`].
#[derive(Properties, PartialEq)]
pub struct TestYourselfProps {
    /// Called with each answer's correctness.
    pub on_answered: Callback<bool>,
    /// Called with the result when a test is finished.
    pub on_finished: Callback<TestResult>,
}

/// A seed for a new test: the clock, so each attempt gets another selection.
fn fresh_seed() -> u64 {
    js_sys::Date::now() as u64
}

/// The test section.
#[component]
pub fn TestYourself(props: &TestYourselfProps) -> Html {
    let session = use_state(|| None::<TestSession>);
    let current = use_state(|| 0usize);
    let finished = use_state(|| false);
    let start = {
        let session = session.clone();
        let current = current.clone();
        let finished = finished.clone();
        Callback::from(move |_: MouseEvent| {
            session.set(Some(TestSession::new(fresh_seed())));
            current.set(0);
            finished.set(false);
        })
    };
    let body = match &*session {
        None => html! {
            <>
                <p>{ format!("{TEST_LENGTH} questions across easy, medium and hard. You see your score at the end, with the questions you missed and the step of the loop each is about.") }</p>
                <button type="button" class="primary" onclick={start}>{ "Start the test" }</button>
            </>
        },
        Some(sess) if *finished => {
            let result = sess.result();
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
        Some(sess) => {
            let i = (*current).min(TEST_LENGTH - 1);
            let q = sess.questions()[i].clone();
            let answered = sess.answer_of(i).is_some();
            let on_answer = {
                let session = session.clone();
                let cb = props.on_answered.clone();
                Callback::from(move |(chosen, g): (usize, Graded)| {
                    if let Some(mut s) = (*session).clone() {
                        if s.answer(i, chosen).is_ok() {
                            cb.emit(g.correct);
                            session.set(Some(s));
                        }
                    }
                })
            };
            let next = {
                let current = current.clone();
                let session = session.clone();
                let finished = finished.clone();
                let on_finished = props.on_finished.clone();
                Callback::from(move |_: MouseEvent| {
                    if let Some(s) = &*session {
                        match s.next_unanswered() {
                            Some(n) => current.set(n),
                            None => {
                                finished.set(true);
                                on_finished.emit(s.result());
                            }
                        }
                    }
                })
            };
            let last = sess.answered_count() == TEST_LENGTH;
            html! {
                <>
                    <p class="test-progress" aria-live="polite">{ format!("Question {} of {TEST_LENGTH} · {} answered", i + 1, sess.answered_count()) }</p>
                    <QuestionCard key={format!("test-{}-{i}", sess.seed())} id={format!("test-{i}")}
                        heading={AttrValue::from(format!("Question {} of {TEST_LENGTH}", i + 1))}
                        question={q} on_answered={on_answer} />
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
