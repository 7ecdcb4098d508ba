//! Hooks shared by components.

use yew::prelude::*;

use crate::sim::protocol::Command;

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
