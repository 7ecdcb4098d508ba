//! Practice: the question bank, one question at a time, filtered by level.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::question_card::QuestionCard;
use crate::sim::quiz::{question_bank, Difficulty, Graded};

/// Props of [`Practice`].
#[derive(Properties, PartialEq)]
pub struct PracticeProps {
    /// Called with whether each answer was right.
    pub on_answered: Callback<bool>,
}

/// The practice section.
#[component]
pub fn Practice(props: &PracticeProps) -> Html {
    let level = use_state(|| None::<Difficulty>);
    let index = use_state(|| 0usize);
    let bank = question_bank();
    let shown: Vec<_> = bank
        .into_iter()
        .filter(|q| level.is_none_or(|l| q.difficulty == l))
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
    let on_answered = {
        let cb = props.on_answered.clone();
        Callback::from(move |(_, g): (usize, Graded)| cb.emit(g.correct))
    };
    html! {
        <section class="panel practice" id="practice" aria-labelledby="practice-title">
            <h2 id="practice-title">{ "Practice questions" }</h2>
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
            if let Some(q) = shown.get(i).cloned() {
                <QuestionCard key={format!("practice-{}", shown[i].id)} id={format!("practice-{i}")}
                    heading={AttrValue::from(format!("Question {} of {n}", i + 1))}
                    question={q} on_answered={on_answered} />
            }
        </section>
    }
}
