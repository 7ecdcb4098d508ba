//! Fetching a file for the engine, at the browser's edge: the page asks for the
//! weather data only when a run needs it and hands the text, unread, to the
//! engine (which checks it). Failures come back as typed facts
//! ([`FetchFailure`]); `sim::wording` says them.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::sim::stream::weather::FetchFailure;

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
