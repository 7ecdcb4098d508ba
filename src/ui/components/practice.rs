//! Practice: the question bank, one question at a time, filtered by level. The
//! questions come from the engine (asked for once, when the section mounts).

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::disclosure::Disclosure;
use super::question_card::QuestionCard;
use crate::sim::engine::protocol::{Command, ProgressIntent, QuizIntent};
use crate::sim::teach::quiz::{Difficulty, Graded, QuizCard};
use crate::ui::hooks::{use_ask_once, use_send};
use std::rc::Rc;

/// Props of [`Practice`].
#[derive(Properties, PartialEq)]
pub struct PracticeProps {
    /// The bank as the engine sent it (`None` until it has; it is asked for
    /// when the section mounts).
    pub bank: Option<Rc<Vec<QuizCard>>>,
}

/// The practice section.
#[component]
pub fn Practice(props: &PracticeProps) -> Html {
    use_ask_once(props.bank.is_some(), Command::Quiz(QuizIntent::Bank));
    let send = use_send();
    let level = use_state(|| None::<Difficulty>);
    let index = use_state(|| 0usize);
    let shown: Vec<&QuizCard> = props
        .bank
        .iter()
        .flat_map(|bank| bank.iter())
        .filter(|c| level.is_none_or(|l| c.question.difficulty == l))
        .collect();
    let n = shown.len();
    let i = (*index).min(n.saturating_sub(1));
    let on_level = {
        let level = level.clone();
        let index = index.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            level.set(
                Difficulty::ALL
                    .into_iter()
                    .find(|d| d.label() == select.value()),
            );
            index.set(0);
        })
    };
    let go = |delta: isize| {
        let index = index.clone();
        Callback::from(move |_: MouseEvent| {
            let next = (i as isize + delta).rem_euclid(n.max(1) as isize) as usize;
            index.set(next);
        })
    };
    // Each answer counts in the reader's progress.
    let on_answered = Callback::from(move |(_, g): (usize, Graded)| {
        send.emit(Command::Progress(ProgressIntent::Answered(g.correct)))
    });
    html! {
        <section class="panel practice" id="practice" aria-labelledby="practice-title">
            <Disclosure title="Practice questions" title_id="practice-title" folds_on_phone=true>
                <div class="practice-bar">
                    <div class="field inline">
                        <label for="practice-level">{ "Level" }</label>
                        <select id="practice-level" onchange={on_level}>
                            <option value="all" selected={level.is_none()}>{ "All levels" }</option>
                            { for Difficulty::ALL.iter().map(|d| html! {
                                <option value={d.label()} selected={*level == Some(*d)}>{ d.label() }</option>
                            }) }
                        </select>
                    </div>
                    <button type="button" onclick={go(-1)}>{ "Previous question" }</button>
                    <button type="button" onclick={go(1)}>{ "Next question" }</button>
                </div>
                if let Some(card) = shown.get(i).copied() {
                    <QuestionCard key={format!("practice-{}", card.question.id)} id={format!("practice-{i}")}
                        heading={AttrValue::from(format!("Question {} of {n}", i + 1))}
                        card={card.clone()} on_answered={on_answered} />
                } else if props.bank.is_none() {
                    <p class="hint">{ "Loading the questions…" }</p>
                }
            </Disclosure>
        </section>
    }
}
