//! Step, Play/Pause, Finish cycle, Reset and Speed: the buttons send their
//! commands to the engine, Play and Speed change the page's play timer.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::sim::engine::protocol::Command;
use crate::ui::hooks::{use_dispatch, use_send};
use crate::ui::state::{Action, Speed};

/// Props of [`RunControls`].
#[derive(Properties, PartialEq)]
pub struct RunControlsProps {
    /// Auto-advancing now?
    pub playing: bool,
    /// The play speed.
    pub speed: Speed,
    /// Why no further cycle can run (real history has ended), if so: Step,
    /// Play and Finish cycle are then off and this says why.
    #[prop_or_default]
    pub ended: Option<AttrValue>,
}

/// The buttons that drive the cycle.
#[component]
pub fn RunControls(props: &RunControlsProps) -> Html {
    let send = use_send();
    let dispatch = use_dispatch();
    let command = |command: Command| {
        let send = send.clone();
        Callback::from(move |_: MouseEvent| send.emit(command.clone()))
    };
    let toggle_play = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::TogglePlay))
    };
    let on_speed = Callback::from(move |e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        if let Some(s) = Speed::from_key(&select.value()) {
            dispatch.emit(Action::SetSpeed(s));
        }
    });
    let ended = props.ended.is_some();
    html! {
        <section class="panel run-controls" aria-labelledby="run-title">
            <h2 id="run-title">{ "Run the cycle" }</h2>
            <div class="buttons">
                <button type="button" class="primary" onclick={command(Command::Step)}
                    aria-keyshortcuts="ArrowRight" disabled={ended}>{ "Step" }</button>
                <button type="button" onclick={toggle_play}
                    aria-keyshortcuts="Space" disabled={ended && !props.playing}>
                    { if props.playing { "Pause" } else { "Play" } }
                </button>
                <button type="button" onclick={command(Command::FinishCycle)} disabled={ended}>{ "Finish cycle" }</button>
                <button type="button" onclick={command(Command::Reset)} aria-keyshortcuts="R">{ "Reset" }</button>
            </div>
            <div class="field">
                <label for="speed">{ "Speed" }</label>
                <select id="speed" onchange={on_speed}>
                    { for Speed::ALL.iter().map(|s| html! {
                        <option value={s.key()} selected={*s == props.speed}>{ s.label() }</option>
                    }) }
                </select>
            </div>
            if let Some(why) = &props.ended {
                <p class="hint ended" role="status" data-testid="run-ended">{ why }</p>
            }
            <p class="hint keys-hint">{ "Keyboard: → step, Space play/pause, R reset." }</p>
        </section>
    }
}
