//! Step, Play/Pause, Finish cycle, Reset and Speed.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::ui::state::Speed;

/// Props of [`RunControls`].
#[derive(Properties, PartialEq)]
pub struct RunControlsProps {
    /// Auto-advancing now?
    pub playing: bool,
    /// The play speed.
    pub speed: Speed,
    /// Advance one step.
    pub on_step: Callback<()>,
    /// Run to the end of the cycle.
    pub on_finish_cycle: Callback<()>,
    /// Flip play/pause.
    pub on_toggle_play: Callback<()>,
    /// Start again at v1.
    pub on_reset: Callback<()>,
    /// Change the speed.
    pub on_speed: Callback<Speed>,
    /// Why no further cycle can run (real history has ended), if so: Step,
    /// Play and Finish cycle are then off and this says why.
    #[prop_or_default]
    pub ended: Option<AttrValue>,
}

/// The buttons that drive the cycle.
#[component]
pub fn RunControls(props: &RunControlsProps) -> Html {
    let click = |cb: &Callback<()>| {
        let cb = cb.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let on_speed = {
        let cb = props.on_speed.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(s) = Speed::from_key(&select.value()) {
                cb.emit(s);
            }
        })
    };
    let ended = props.ended.is_some();
    html! {
        <section class="panel run-controls" aria-labelledby="run-title">
            <h2 id="run-title">{ "Run the cycle" }</h2>
            <div class="buttons">
                <button type="button" class="primary" onclick={click(&props.on_step)}
                    aria-keyshortcuts="ArrowRight" disabled={ended}>{ "Step" }</button>
                <button type="button" onclick={click(&props.on_toggle_play)}
                    aria-keyshortcuts="Space" disabled={ended && !props.playing}>
                    { if props.playing { "Pause" } else { "Play" } }
                </button>
                <button type="button" onclick={click(&props.on_finish_cycle)} disabled={ended}>{ "Finish cycle" }</button>
                <button type="button" onclick={click(&props.on_reset)} aria-keyshortcuts="R">{ "Reset" }</button>
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
            <p class="hint">{ "Keyboard: → step, Space play/pause, R reset." }</p>
        </section>
    }
}
