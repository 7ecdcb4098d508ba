//! The lesson's visual quiz, built from the run on screen: its answers quote the
//! real versions and scores of this cycle's process table. The engine builds
//! and grades the questions when the run pauses; this draws them.

use std::rc::Rc;

use yew::prelude::*;

use super::disclosure::Disclosure;
use super::question_card::QuestionCard;
use crate::sim::engine::protocol::{Command, ProgressIntent, QuizIntent, Snapshot};
use crate::sim::teach::quiz::{Graded, VisualQuizView};
use crate::ui::hooks::use_send;

/// Props of [`VisualQuiz`].
#[derive(Properties, PartialEq)]
pub struct VisualQuizProps {
    /// The run.
    pub snapshot: Rc<Snapshot>,
    /// The run is playing: the questions wait for a pause (a cycle on screen for
    /// a tenth of a second cannot be read, and building the cards for every
    /// cycle took a good share of each frame).
    #[prop_or_default]
    pub playing: bool,
    /// The newest visual quiz the engine built (asked for at each pause).
    #[prop_or_default]
    pub quiz: Option<Rc<VisualQuizView>>,
}

/// The visual quiz section.
#[component]
pub fn VisualQuiz(props: &VisualQuizProps) -> Html {
    let send = use_send();
    let s = &props.snapshot;
    let key = s.visual_quiz_key();
    // Paused: ask the engine for the quiz of the run state on screen, once per state.
    {
        let send = send.clone();
        let ask = (!props.playing).then_some(key);
        use_effect_with(ask, move |ask| {
            if ask.is_some() {
                send.emit(Command::Quiz(QuizIntent::Visual));
            }
        });
    }
    // Each answer counts in the reader's progress.
    let on_answered = Callback::from(move |(_, g): (usize, Graded)| {
        send.emit(Command::Progress(ProgressIntent::Answered(g.correct)))
    });
    let quiz = props.quiz.as_deref().filter(|q| q.key == key);
    let body = match (props.playing, quiz) {
        (true, _) => html! {
            <p class="hint" data-testid="visual-quiz-waiting">{ "The run is playing. Pause it (Space) to answer questions about the cycle on screen." }</p>
        },
        (false, None) => html! {
            <p class="hint" data-testid="visual-quiz-loading">{ "Building the questions about this cycle…" }</p>
        },
        (
            false,
            Some(VisualQuizView {
                questions: None, ..
            }),
        ) => html! {
            <p class="hint">{ "Step the cycle to Step 4 (or press Finish cycle): the questions are built from this cycle's process table and tracker." }</p>
        },
        (
            false,
            Some(VisualQuizView {
                questions: Some(cards),
                ..
            }),
        ) => html! {
            <>
                if cards.len() < 3 {
                    <p class="hint">{ "More questions appear once Step 6 has run." }</p>
                }
                { for cards.iter().enumerate().map(|(i, card)| {
                    // Keyed by cycle and question, so a new cycle gives fresh cards.
                    let key = format!("{}-{}-{}", s.cycle, card.question.id, card.question.prompt.len());
                    html! {
                        <QuestionCard key={key} id={format!("vq{i}")}
                            heading={AttrValue::from(format!("Question {} of 3 (cycle {})", i + 1, s.cycle))}
                            card={card.clone()} on_answered={on_answered.clone()} />
                    }
                }) }
            </>
        },
    };
    html! {
        <section class="panel visual-quiz" id="visual-quiz" aria-labelledby="visual-quiz-title">
            <Disclosure title="Visual quiz: about the run on screen" title_id="visual-quiz-title" folds_on_phone=true>
                { body }
            </Disclosure>
        </section>
    }
}
