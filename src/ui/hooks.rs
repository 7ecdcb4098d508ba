//! The page's hooks, in one place: asking the engine once, the play timer, the
//! engine watchdog, keyboard shortcuts, the address bar and the saved progress.

use gloo_events::{EventListener, EventListenerOptions};
use gloo_timers::callback::Interval;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::state::{Action, Speed};
use crate::sim::engine::protocol::{Command, ProgressReply};
use crate::sim::teach::quiz::PROGRESS_STORAGE_KEY;
use crate::worker::now_ms;

/// The connection to the engine (the worker's, or one on the page's thread in
/// component tests), given by the page to every component below it.
#[derive(Clone, PartialEq)]
pub struct EngineLink(pub Callback<Command>);

/// Sends commands to the engine (a no-op outside a page).
#[hook]
pub fn use_engine() -> Callback<Command> {
    use_context::<EngineLink>().map(|e| e.0).unwrap_or_default()
}

/// The playground's state (`None` outside a page).
#[hook]
pub fn use_playground() -> Option<super::state::PlaygroundHandle> {
    use_context::<super::state::PlaygroundHandle>()
}

/// Asks the engine for something once, when the component mounts, unless the
/// page already holds it (`have`): the question bank, the lesson's text.
#[hook]
pub fn use_ask_once(have: bool, send: &Callback<Command>, command: Command) {
    let send = send.clone();
    use_effect_with((), move |_| {
        if !have {
            send.emit(command);
        }
    });
}

/// How long the engine may stay silent on a pending command before the page
/// says it stopped (a policy race on huge windows takes seconds, not a minute).
const ENGINE_SILENCE_MS: f64 = 60_000.0;

/// The play timer: lives only while playing, at the chosen speed. A tick sends
/// work only when the engine has answered the last one (`idle`), so a slow
/// window never piles up commands.
#[hook]
pub fn use_play_timer(
    playing: bool,
    speed: Speed,
    send: &Callback<Command>,
    idle: std::rc::Rc<dyn Fn() -> bool>,
) {
    let send = send.clone();
    use_effect_with((playing, speed), move |&(playing, speed)| {
        let interval = playing.then(|| {
            Interval::new(speed.interval_ms(), move || {
                if idle() {
                    send.emit(Command::Run(speed.steps_per_tick()));
                }
            })
        });
        move || drop(interval)
    });
}

/// Watchdog: if the engine's worker died (a panic there cannot reach the
/// page), say so and offer the same Reset as a crash of the page itself.
/// `silent_since` says since when a pending command has waited (`None`: none).
#[hook]
pub fn use_engine_watchdog(silent_since: std::rc::Rc<dyn Fn() -> Option<f64>>) {
    use_effect_with((), move |_| {
        let watchdog = Interval::new(5_000, move || {
            if silent_since().is_some_and(|t| now_ms() - t > ENGINE_SILENCE_MS) {
                super::crash::show_crash_notice();
            }
        });
        move || drop(watchdog)
    });
}

/// True when a key press belongs to a form field (typing, moving a slider,
/// choosing an option), so page shortcuts must not steal it.
fn typing_in_field(event: &web_sys::KeyboardEvent) -> bool {
    let Some(target) = event.target() else {
        return false;
    };
    let Ok(el) = target.dyn_into::<web_sys::Element>() else {
        return false;
    };
    let tag = el.tag_name().to_ascii_lowercase();
    matches!(tag.as_str(), "input" | "select" | "textarea" | "option")
        || el.get_attribute("contenteditable").is_some()
}

/// Keyboard: → step, Space play/pause, R reset — never while typing in a
/// field, and only while `enabled` (the playground; the guide runs its own).
#[hook]
pub fn use_shortcuts(enabled: bool, send: &Callback<Command>, dispatch: Callback<Action>) {
    let send = send.clone();
    use_effect_with(enabled, move |&enabled| {
        let document = web_sys::window().and_then(|w| w.document());
        let listener = document.filter(|_| enabled).map(|doc| {
            EventListener::new_with_options(
                &doc,
                "keydown",
                EventListenerOptions::enable_prevent_default(),
                move |e| {
                    let Some(event) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    if typing_in_field(event)
                        || event.ctrl_key()
                        || event.meta_key()
                        || event.alt_key()
                    {
                        return;
                    }
                    let on_button = event
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .is_some_and(|el| el.tag_name().eq_ignore_ascii_case("button"));
                    match event.key().as_str() {
                        "ArrowRight" => {
                            event.prevent_default();
                            send.emit(Command::Step);
                        }
                        // Space on a focused button presses that button instead.
                        " " | "Spacebar" if !on_button => {
                            event.prevent_default();
                            dispatch.emit(Action::TogglePlay);
                        }
                        "r" | "R" => {
                            event.prevent_default();
                            send.emit(Command::Reset);
                        }
                        _ => {}
                    }
                },
            )
        });
        move || drop(listener)
    });
}

/// Keeps the address bar's query equal to `query` (once there is one), so the
/// address itself is always a link back to what is on screen.
#[hook]
pub fn use_address(query: Option<String>) {
    use_effect_with(query, |query| {
        let Some(query) = query else {
            return;
        };
        if let Some(w) = web_sys::window() {
            let hash = w.location().hash().unwrap_or_default();
            if let Ok(history) = w.history() {
                // A refusal (e.g. a sandboxed frame) only leaves the address as it was.
                let _ = history.replace_state_with_url(
                    &wasm_bindgen::JsValue::NULL,
                    "",
                    Some(&format!("?{query}{hash}")),
                );
            }
        }
    });
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// What this browser saved of the reader's progress (the engine reads it).
pub fn stored_progress() -> Option<String> {
    storage().and_then(|s| s.get_item(PROGRESS_STORAGE_KEY).ok().flatten())
}

/// Saves the text of each progress reply in this browser.
#[hook]
pub fn use_saved_progress(progress: Option<std::rc::Rc<ProgressReply>>) {
    use_effect_with(progress, |reply| {
        if let (Some(reply), Some(s)) = (reply, storage()) {
            // A full or disabled storage only loses the saved progress, never the page.
            let _ = s.set_item(PROGRESS_STORAGE_KEY, &reply.stored);
        }
    });
}
