//! One multiple-choice question: a radio group, a hint on request, Check (or
//! Enter), then the result announced, with the solution and common mistakes.
//! The card arrives graded from the engine: Check shows the chosen option's grade.

use yew::prelude::*;

use crate::sim::teach::quiz::{option_letter, step_title, Graded, QuizCard};

/// Props of [`QuestionCard`].
#[derive(Properties, PartialEq)]
pub struct QuestionCardProps {
    /// A prefix unique on the page, for element ids and the radio group name.
    pub id: AttrValue,
    /// The question, with each option's grade.
    pub card: QuizCard,
    /// A heading shown above the prompt, e.g. "Question 2 of 3".
    #[prop_or_default]
    pub heading: Option<AttrValue>,
    /// Called once with the chosen option and its grade.
    pub on_answered: Callback<(usize, Graded)>,
}

/// A question the student answers once.
#[component]
pub fn QuestionCard(props: &QuestionCardProps) -> Html {
    let selected = use_state(|| None::<usize>);
    let graded = use_state(|| None::<Graded>);
    let show_hint = use_state(|| false);
    let missing_choice = use_state(|| false);
    let q = &props.card.question;

    let check = {
        let selected = selected.clone();
        let graded = graded.clone();
        let missing_choice = missing_choice.clone();
        let card = props.card.clone();
        let cb = props.on_answered.clone();
        move || {
            if graded.is_some() {
                return;
            }
            match (*selected).and_then(|chosen| Some((chosen, card.grade(chosen)?.clone()))) {
                Some((chosen, g)) => {
                    graded.set(Some(g.clone()));
                    missing_choice.set(false);
                    cb.emit((chosen, g));
                }
                None => missing_choice.set(true),
            }
        }
    };
    let on_submit = {
        let check = check.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            check();
        })
    };
    // Enter on a radio button checks the answer, as in a form with one field.
    let on_keydown = {
        let check = check.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                check();
            }
        })
    };
    let toggle_hint = {
        let show_hint = show_hint.clone();
        Callback::from(move |_: MouseEvent| show_hint.set(!*show_hint))
    };
    let answered = graded.is_some();
    let name = format!("{}-choice", props.id);
    let hint_id = format!("{}-hint", props.id);
    let result_id = format!("{}-result", props.id);

    html! {
        <form class="question" onsubmit={on_submit} data-question-id={q.id.clone()}>
            if let Some(h) = &props.heading {
                <p class="question-heading">{ h }
                    <span class={classes!("level", q.difficulty.label())}>{ q.difficulty.label() }</span>
                    <span class="question-step">{ format!("Step {}: {}", q.step.number(), step_title(q.step)) }</span>
                </p>
            }
            <fieldset onkeydown={on_keydown} disabled={answered} aria-describedby={show_hint.then(|| hint_id.clone())}>
                <legend class="question-prompt">{ &q.prompt }</legend>
                if let Some(code) = &q.code {
                    <pre class="code-block question-code" role="region" tabindex="0" aria-label="Code for this question"><code>{ code }</code></pre>
                }
                <div class="options">
                    { for q.options.iter().enumerate().map(|(i, text)| {
                        let is_selected = *selected == Some(i);
                        let onchange = {
                            let selected = selected.clone();
                            Callback::from(move |_: Event| selected.set(Some(i)))
                        };
                        let state = match &*graded {
                            Some(g) if i == g.correct_index => Some("right"),
                            Some(_) if is_selected => Some("wrong"),
                            _ => None,
                        };
                        let input_id = format!("{}-opt-{i}", props.id);
                        html! {
                            <label class={classes!("option", state)} for={input_id.clone()}>
                                <input type="radio" id={input_id} name={name.clone()}
                                    checked={is_selected} {onchange} />
                                <span class="option-letter">{ format!("{}.", option_letter(i)) }</span>
                                <span class="option-text">{ text }</span>
                                if state == Some("right") { <span class="sr-only">{ " (correct answer)" }</span> }
                                if state == Some("wrong") { <span class="sr-only">{ " (your answer)" }</span> }
                            </label>
                        }
                    }) }
                </div>
            </fieldset>
            <div class="question-actions">
                <button type="submit" class="primary" disabled={answered}>{ "Check answer" }</button>
                <button type="button" onclick={toggle_hint} aria-expanded={show_hint.to_string()} aria-controls={hint_id.clone()}>
                    { if *show_hint { "Hide hint" } else { "Show hint" } }
                </button>
            </div>
            <p id={hint_id} class="question-hint" hidden={!*show_hint}>{ format!("Hint: {}", q.hint) }</p>
            <div id={result_id} role="status" aria-live="polite" class="question-result-live">
                if *missing_choice && !answered {
                    <p class="question-result wrong">{ "Choose an option first." }</p>
                }
                if let Some(g) = &*graded {
                    <p class={classes!("question-result", if g.correct { "right" } else { "wrong" })}>{ &g.explanation }</p>
                }
            </div>
            if answered {
                <details class="solution" open=true>
                    <summary>{ "Step-by-step solution" }</summary>
                    <ol>{ for q.solution.iter().map(|s| html! { <li>{ s }</li> }) }</ol>
                    if !q.mistakes.is_empty() {
                        <p class="mistakes-title">{ "Common mistakes" }</p>
                        <ul>{ for q.mistakes.iter().map(|m| html! { <li>{ m }</li> }) }</ul>
                    }
                </details>
            }
        </form>
    }
}
