//! The page's hooks, in one place: the contexts every component takes the
//! engine and the page's state from, asking the engine once, opening the link,
//! the play timer, the engine watchdog, keyboard shortcuts, the address bar
//! and the saved progress.

use gloo_events::{EventListener, EventListenerOptions};
use gloo_timers::callback::Interval;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::in_flight::InFlight;
use super::state::{Action, Playground, PlaygroundHandle, Speed};
use crate::sim::engine::protocol::{Command, ProgressIntent, ProgressReply};
use crate::sim::teach::quiz::PROGRESS_STORAGE_KEY;
use crate::worker::now_ms;

/// The connection to the engine (the worker's, or one on the page's thread in
/// component tests), given by the page to every component below it. It never
/// changes, so taking it redraws nothing.
#[derive(Clone, PartialEq)]
pub struct EngineLink(pub Callback<Command>);

/// Sends commands to the engine (a no-op outside a page).
#[hook]
pub fn use_send() -> Callback<Command> {
    use_context::<EngineLink>().map(|e| e.0).unwrap_or_default()
}

/// Changes the page's state (a no-op outside a page). The dispatcher never
/// changes, so taking it redraws nothing: parts of the page that keep their
/// drawing while the run plays fast (`WhenSeen`) take their values as props
/// and their way to act from here and [`use_send`].
#[hook]
pub fn use_dispatch() -> Callback<Action> {
    use_context::<UseReducerDispatcher<Playground>>()
        .map(Callback::from)
        .unwrap_or_default()
}

/// The playground's state (`None` outside a page). Taking it redraws the
/// component at every change of the page's state.
#[hook]
pub fn use_playground() -> Option<PlaygroundHandle> {
    use_context::<PlaygroundHandle>()
}

/// Opens the page's link once, when the page mounts: the progress this
/// browser stored first (a link that names neither a chapter nor settings
/// opens the reader's saved place), then the link, which the engine reads.
#[hook]
pub fn use_open_link(send: &Callback<Command>, link: &str) {
    let (send, link) = (send.clone(), link.to_string());
    use_effect_with((), move |_| {
        send.emit(Command::Progress(ProgressIntent::Load(stored_progress())));
        send.emit(Command::OpenLink(link));
    });
}

/// Asks the engine for something once, when the component mounts, unless the
/// page already holds it (`have`): the question bank, the lesson's text.
#[hook]
pub fn use_ask_once(have: bool, command: Command) {
    let send = use_send();
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
/// work only when the engine has answered everything sent (an answer waiting
/// for the next draw counts as answered: the engine never waits for the
/// page), so a slow window never piles up commands.
#[hook]
pub fn use_play_timer(playing: bool, speed: Speed, send: &Callback<Command>, in_flight: InFlight) {
    let send = send.clone();
    use_effect_with((playing, speed), move |&(playing, speed)| {
        let interval = playing.then(|| {
            Interval::new(speed.interval_ms(), move || {
                if in_flight.unanswered() == 0 {
                    send.emit(Command::Run(speed.steps_per_tick()));
                }
            })
        });
        move || drop(interval)
    });
}

/// Watchdog: if the engine's worker died (a panic there cannot reach the
/// page), say so and offer the same Reset as a crash of the page itself: a
/// command the engine has not answered for a minute.
#[hook]
pub fn use_engine_watchdog(in_flight: InFlight) {
    use_effect_with((), move |_| {
        let watchdog = Interval::new(5_000, move || {
            if in_flight
                .silent_since()
                .is_some_and(|t| now_ms() - t > ENGINE_SILENCE_MS)
            {
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
fn stored_progress() -> Option<String> {
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
