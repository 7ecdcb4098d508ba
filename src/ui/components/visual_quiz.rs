//! The lesson's visual quiz, built from the run on screen: its answers quote the
//! real versions and scores of this cycle's process table.

use yew::prelude::*;

use super::question_card::QuestionCard;
use crate::sim::protocol::Snapshot;
use crate::sim::quiz::visual_quiz_from_snapshot;

/// Props of [`VisualQuiz`].
#[derive(Properties, PartialEq)]
pub struct VisualQuizProps {
    /// The run.
    pub snapshot: std::rc::Rc<Snapshot>,
    /// The run is playing: the questions wait for a pause (a cycle on screen for
    /// a tenth of a second cannot be read, and rebuilding the cards for every
    /// cycle took a good share of each frame).
    #[prop_or_default]
    pub playing: bool,
    /// Called with whether each answer was right.
    pub on_answered: Callback<bool>,
}

/// The visual quiz section.
#[component]
pub fn VisualQuiz(props: &VisualQuizProps) -> Html {
    let s = &props.snapshot;
    let on_answered = {
        let cb = props.on_answered.clone();
        Callback::from(move |(_, g): (usize, crate::sim::quiz::Graded)| cb.emit(g.correct))
    };
    // While the run plays, the quiz is not even built: it waits for a pause.
    let questions = (!props.playing).then(|| visual_quiz_from_snapshot(s));
    let body = match questions {
        None => html! {
            <p class="hint" data-testid="visual-quiz-waiting">{ "The run is playing. Pause it (Space) to answer questions about the cycle on screen." }</p>
        },
        Some(None) => html! {
            <p class="hint">{ "Step the cycle to Step 4 (or press Finish cycle): the questions are built from this cycle's process table and tracker." }</p>
        },
        Some(Some(qs)) => html! {
            <>
                if qs.len() < 3 {
                    <p class="hint">{ "More questions appear once Step 6 has run." }</p>
                }
                { for qs.into_iter().enumerate().map(|(i, q)| {
                    // Keyed by cycle and question, so a new cycle gives fresh cards.
                    let key = format!("{}-{}-{}", s.cycle, q.id, q.prompt.len());
                    html! {
                        <QuestionCard key={key} id={format!("vq{i}")}
                            heading={AttrValue::from(format!("Question {} of 3 (cycle {})", i + 1, s.cycle))}
                            question={q} on_answered={on_answered.clone()} />
                    }
                }) }
            </>
        },
    };
    html! {
        <section class="panel visual-quiz" id="visual-quiz" aria-labelledby="visual-quiz-title">
            <h2 id="visual-quiz-title">{ "Visual quiz: about the run on screen" }</h2>
            { body }
        </section>
    }
}
