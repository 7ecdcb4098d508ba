//! Fetching a file for the engine, at the browser's edge: the page asks for a
//! data file (the weather's, the Circle data's) only when a run needs it (the engine says so: it answers every
//! command at once, so it cannot wait for the network) and hands the text,
//! unread, to the engine (which checks it). Failures come back as typed facts
//! ([`FetchFailure`]); `sim::wording` says them.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use super::state::Action;
use crate::sim::engine::protocol::{CircleStart, Command, DataFetch, WeatherStart};
use crate::sim::stream::real_data::{FetchFailure, RealData};

/// The text at `url` (relative to the page), or why it could not be had.
pub async fn fetch_text(url: &str) -> Result<String, FetchFailure> {
    let window = web_sys::window().ok_or(FetchFailure::Network)?;
    // A rejected fetch is a network failure (offline, host down, blocked);
    // an answer with an error status is the host's.
    let answer = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| FetchFailure::Network)?;
    let response: web_sys::Response = answer.dyn_into().map_err(|_| FetchFailure::Unreadable)?;
    if !response.ok() {
        return Err(FetchFailure::Status(response.status()));
    }
    let text = response.text().map_err(|_| FetchFailure::Unreadable)?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or(FetchFailure::Unreadable)
}

/// Fetches a data file (the weather's, the Circle data's) when a run waits
/// for it (only then: it is not part of the page's first load; the service
/// worker then keeps it), and starts that run on it. If the file cannot be had, the page says why and the
/// run on screen stays (or the fallback starts, when there is none yet).
#[hook]
pub fn use_data_fetch(
    wanted: Option<Rc<DataFetch>>,
    send: &Callback<Command>,
    dispatch: &Callback<Action>,
) {
    let (send, dispatch) = (send.clone(), dispatch.clone());
    use_effect_with(wanted, move |wanted| {
        let Some(wanted) = wanted.clone() else {
            return;
        };
        wasm_bindgen_futures::spawn_local(async move {
            match fetch_text(wanted.data.file()).await {
                Ok(text) => {
                    dispatch.emit(Action::DataFetched(Ok(())));
                    let (file, params) = (Some(text), wanted.params.clone());
                    send.emit(match wanted.data {
                        RealData::Weather(pair) => {
                            Command::StartWeather(WeatherStart { file, pair, params })
                        }
                        RealData::Circle => Command::StartCircle(CircleStart { file, params }),
                    });
                }
                Err(failure) => {
                    dispatch.emit(Action::DataFetched(Err(failure)));
                    if let Some(p) = &wanted.fallback {
                        send.emit(Command::Start(p.clone()));
                    }
                }
            }
        });
    });
}
