//! The team's view: the switch "What the team sees" (a real switch, keyboard
//! usable, its state announced), the question asked while the truth is
//! hidden, the "Reveal the truth" button, and the grade the engine sends
//! back. A teacher's lock leaves out the switch: the truth comes back only
//! with an answer.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::sim::engine::protocol::{Command, Snapshot, TeamIntent};
use crate::sim::retraining::team_view::{DriftGuess, Remedy};
use crate::sim::wording::{
    diagnosis_sentences, team_view_hint, team_view_note, DIAGNOSIS_QUESTION,
};
use crate::ui::hooks::use_send;

/// Props of [`TeamViewPanel`].
#[derive(Properties, PartialEq)]
pub struct TeamViewProps {
    /// The run: its `team` says whether the view is on, locked, revealed.
    pub snapshot: Rc<Snapshot>,
}

/// The switch, the question and the reveal.
#[component]
pub fn TeamViewPanel(props: &TeamViewProps) -> Html {
    let send = use_send();
    let guess = use_state(|| None::<DriftGuess>);
    let remedy = use_state(|| None::<Remedy>);
    let team = props.snapshot.team;
    let on = team.is_some();
    let locked = team.is_some_and(|t| t.locked);
    let toggle = {
        let send = send.clone();
        Callback::from(move |_: MouseEvent| send.emit(Command::Team(TeamIntent::Show(!on))))
    };
    let reveal = {
        let send = send.clone();
        let (guess, remedy) = (*guess, *remedy);
        Callback::from(move |_: MouseEvent| {
            if let (Some(guess), Some(remedy)) = (guess, remedy) {
                send.emit(Command::Team(TeamIntent::Diagnose { guess, remedy }));
            }
        })
    };
    let hide_again = {
        let send = send.clone();
        let (g, r) = (guess.clone(), remedy.clone());
        Callback::from(move |_: MouseEvent| {
            g.set(None);
            r.set(None);
            send.emit(Command::Team(TeamIntent::HideAgain));
        })
    };
    let pick_guess = |g: DriftGuess| {
        let guess = guess.clone();
        Callback::from(move |e: Event| {
            if e.target_unchecked_into::<HtmlInputElement>().checked() {
                guess.set(Some(g));
            }
        })
    };
    let pick_remedy = |r: Remedy| {
        let remedy = remedy.clone();
        Callback::from(move |e: Event| {
            if e.target_unchecked_into::<HtmlInputElement>().checked() {
                remedy.set(Some(r));
            }
        })
    };
    let ready = guess.is_some() && remedy.is_some();
    let diagnosis = team.and_then(|t| t.diagnosis);
    html! {
        <section class="panel team-view" aria-labelledby="team-view-title" data-testid="team-view"
            data-team={if !on { "off" } else if diagnosis.is_some() { "revealed" } else { "hidden" }}>
            <h2 id="team-view-title" class="sr-only">{ "What the team sees" }</h2>
            if !locked {
                <div class="switch-row">
                    <button type="button" role="switch" id="team-view-switch" class="switch"
                        aria-checked={on.to_string()} aria-describedby="team-view-hint" onclick={toggle}>
                        <span class="switch-track" aria-hidden="true"><span class="switch-thumb"></span></span>
                        { "What the team sees" }
                    </button>
                </div>
                <p class="hint" id="team-view-hint">{ team_view_hint() }</p>
            }
            if on && diagnosis.is_none() {
                <p class="notice team-note" data-testid="team-note">{ team_view_note(locked) }</p>
                <fieldset class="diagnosis" data-testid="diagnosis">
                    <legend>{ DIAGNOSIS_QUESTION }</legend>
                    <fieldset class="choices">
                        <legend>{ "Which drift?" }</legend>
                        { for DriftGuess::ALL.iter().map(|&g| html! {
                            <label class="choice">
                                <input type="radio" name="drift-guess" value={g.key()}
                                    checked={*guess == Some(g)} onchange={pick_guess(g)} />
                                { g.label() }
                            </label>
                        }) }
                    </fieldset>
                    <fieldset class="choices">
                        <legend>{ "What would you do?" }</legend>
                        { for Remedy::ALL.iter().map(|&r| html! {
                            <label class="choice">
                                <input type="radio" name="remedy" value={r.key()}
                                    checked={*remedy == Some(r)} onchange={pick_remedy(r)} />
                                { r.label() }
                            </label>
                        }) }
                    </fieldset>
                    <button type="button" onclick={reveal} disabled={!ready} aria-describedby="reveal-hint">
                        { "Reveal the truth" }
                    </button>
                    if !ready {
                        <p class="hint" id="reveal-hint">{ "Answer both questions to reveal the truth." }</p>
                    }
                </fieldset>
            }
            if let Some(d) = diagnosis {
                <div class="diagnosis-grade" role="status" data-testid="diagnosis-grade"
                    data-kind-right={d.kind_right().map_or("unknown", |r| if r { "yes" } else { "no" })}>
                    { for diagnosis_sentences(&d).into_iter().filter(|s| !s.is_empty()).map(|s| html! { <p>{ s }</p> }) }
                </div>
                <button type="button" onclick={hide_again}>{ "Back to the team's view" }</button>
            }
        </section>
    }
}
