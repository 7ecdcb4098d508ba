//! The rewind timeline: go back to any recorded cycle and see its table,
//! tracker and charts as they were, then return to the live run.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::sim::engine::protocol::{Command, Snapshot};
use crate::sim::wording::timeline_status;
use crate::ui::hooks::use_send;

/// The id of the range input (its label points at it).
const INPUT_ID: &str = "timeline-cycle";

/// Props of [`Timeline`].
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// The run: `recorded_cycles` bounds the timeline, `view` is the cycle
    /// being viewed (none while showing the live run; the timeline sends
    /// [`Command::ViewCycle`]).
    pub snapshot: Rc<Snapshot>,
}

/// A range over the recorded cycles with "View cycle" and "Back to live".
#[component]
pub fn Timeline(props: &TimelineProps) -> Html {
    let send = use_send();
    let s = &props.snapshot;
    // The cycle picked on the range (until then: the viewed one, else the newest).
    let picked = use_state_eq(|| None::<u32>);
    let viewing = s.viewing;
    let range = s.recorded_cycles.map(|(a, b)| (a.min(b), a.max(b)));
    let chosen = range.map(|(first, last)| picked.or(viewing).unwrap_or(last).clamp(first, last));

    let on_input = {
        let picked = picked.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(v) = input.value().parse::<u32>() {
                picked.set(Some(v));
            }
        })
    };
    // Reads the input itself, so a change that did not fire `input` still counts.
    let on_change = {
        let picked = picked.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(v) = input.value().parse::<u32>() {
                picked.set(Some(v));
            }
        })
    };
    let view = {
        let send = send.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(c) = chosen {
                send.emit(Command::ViewCycle(Some(c)));
            }
        })
    };
    // Enter on the range views the chosen cycle.
    let on_key = {
        let send = send.clone();
        let picked = picked.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                let input: HtmlInputElement = e.target_unchecked_into();
                let c = input.value().parse::<u32>().ok().or(chosen);
                if let Some(c) = c {
                    picked.set(Some(c));
                    send.emit(Command::ViewCycle(Some(c)));
                }
            }
        })
    };
    let back = Callback::from(move |_: MouseEvent| send.emit(Command::ViewCycle(None)));

    let (min, max, value) = match (range, chosen) {
        (Some((first, last)), Some(c)) => (first, last, c),
        _ => (0, 0, 0),
    };
    let disabled = range.is_none();
    let shown = if disabled {
        "no cycle yet".to_string()
    } else {
        format!("cycle {value}")
    };
    let hint = match range {
        None => "Nothing recorded yet: finish a cycle, then rewind to it here.".to_string(),
        Some((first, last)) if first == last => format!("Cycle {first} is recorded."),
        Some((first, last)) => format!("Cycles {first} to {last} are recorded."),
    };
    html! {
        <section class="panel timeline" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{ "Rewind" }</h2>
            <p class="hint">{ "Go back to any earlier finished cycle to see what the loop did then." }</p>
            <div class="field">
                <div class="field-head">
                    <label for={INPUT_ID}>{ "Cycle to view" }</label>
                    <output for={INPUT_ID} class="field-value">{ shown.clone() }</output>
                </div>
                <input
                    type="range"
                    id={INPUT_ID}
                    min={min.to_string()}
                    max={max.to_string()}
                    step="1"
                    value={value.to_string()}
                    disabled={disabled}
                    aria-valuetext={shown}
                    aria-describedby="timeline-hint"
                    oninput={on_input}
                    onchange={on_change}
                    onkeydown={on_key}
                />
                <p class="hint" id="timeline-hint" data-testid="timeline-hint">{ hint }</p>
            </div>
            <div class="timeline-buttons">
                <button type="button" class="primary" disabled={disabled} onclick={view}>
                    { "View cycle" }
                </button>
                <button type="button" disabled={viewing.is_none()} onclick={back}>
                    { "Back to live" }
                </button>
            </div>
            <p role="status" aria-live="polite" class="timeline-status" data-testid="timeline-status">
                { timeline_status(viewing, range.map(|(_, last)| last), s.cycle) }
            </p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn says_what_is_shown() {
        assert_eq!(
            timeline_status(Some(3), Some(7), 8),
            "Viewing cycle 3 of 7: its table, tracker and charts above show that cycle. Stepping returns to the live run."
        );
        assert_eq!(
            timeline_status(None, Some(7), 8),
            "Showing the live run (cycle 8)."
        );
        assert_eq!(
            timeline_status(None, None, 0),
            "Showing the live run (not started yet)."
        );
    }
}
