//! Export of a run: the per-cycle CSV and the JSON step trace (asked of the
//! engine with [`Command::Export`]) and a PNG of every chart on the page, each
//! saved through a temporary `<a download>` link.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlCanvasElement, Url};
use yew::prelude::*;

use crate::sim::engine::protocol::{Command, ExportFiles};
use crate::sim::english::join_words;
use crate::ui::hooks::use_send;

/// File name of the per-cycle CSV.
pub const CSV_FILE: &str = "retrain-playground-cycles.csv";
/// File name of the JSON step trace.
pub const JSON_FILE: &str = "retrain-playground-trace.json";
/// Prefix of each chart's PNG (`retrain-playground-<chart>.png`).
pub const PNG_PREFIX: &str = "retrain-playground-";
/// How long an object URL stays valid after its link was clicked.
const REVOKE_AFTER_MS: u32 = 30_000;

/// Props of [`ExportPanel`].
#[derive(Properties, PartialEq)]
pub struct ExportPanelProps {
    /// The engine's export of the run as shown ([`crate::sim::engine::protocol::Reply::Export`],
    /// the answer to [`Command::Export`], asked for when a file is wanted);
    /// `None` once the run has moved on.
    pub export: Option<Rc<ExportFiles>>,
}

/// Which export files the reader asked for and is still waiting for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Wanted {
    csv: bool,
    json: bool,
}

impl Wanted {
    fn any(self) -> bool {
        self.csv || self.json
    }
}

/// The status line: what was saved, or why not.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Status {
    text: String,
    is_error: bool,
}

impl Status {
    fn info(text: impl Into<String>) -> Self {
        Status {
            text: text.into(),
            is_error: false,
        }
    }

    fn error(text: impl Into<String>) -> Self {
        Status {
            text: text.into(),
            is_error: true,
        }
    }
}

/// A JavaScript error in words (its message when it has one).
fn js_error(value: JsValue) -> String {
    if let Some(e) = value.dyn_ref::<js_sys::Error>() {
        return String::from(e.message());
    }
    value.as_string().unwrap_or_else(|| format!("{value:?}"))
}

/// Saves `href` as `file` by clicking a temporary `<a download>` link.
fn click_download(href: &str, file: &str) -> Result<(), String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("this page has no document")?;
    let link: HtmlAnchorElement = document
        .create_element("a")
        .map_err(js_error)?
        .dyn_into()
        .map_err(|_| "the browser did not create a link element".to_string())?;
    link.set_href(href);
    link.set_download(file);
    let body = document.body().ok_or("this page has no body")?;
    body.append_child(&link).map_err(js_error)?;
    link.click();
    link.remove();
    Ok(())
}

/// Saves `text` as `file` of type `mime` (a Blob behind an object URL, revoked
/// once the download has had time to start).
fn download_text(file: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).map_err(js_error)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(js_error)?;
    let outcome = click_download(&url, file);
    let _ = Timeout::new(REVOKE_AFTER_MS, move || {
        let _ = Url::revoke_object_url(&url);
    })
    .forget();
    outcome
}

/// Saves the files asked for from `files`; the status line says what happened.
fn save_files(wanted: Wanted, files: &ExportFiles) -> Status {
    let mut saved = Vec::new();
    let mut problems = Vec::new();
    if wanted.csv {
        match download_text(CSV_FILE, "text/csv", &files.cycles_csv) {
            Ok(()) => {
                let cycles = files.cycles_csv.lines().count().saturating_sub(1);
                saved.push(match cycles {
                    0 => format!("{CSV_FILE} (no finished cycles yet: header only)"),
                    1 => format!("{CSV_FILE} (1 cycle)"),
                    n => format!("{CSV_FILE} ({n} cycles)"),
                });
            }
            Err(e) => problems.push(format!("{CSV_FILE}: {e}")),
        }
    }
    if wanted.json {
        match download_text(JSON_FILE, "application/json", &files.trace_json) {
            Ok(()) => saved.push(JSON_FILE.to_string()),
            Err(e) => problems.push(format!("{JSON_FILE}: {e}")),
        }
    }
    outcome(&saved, &problems)
}

/// "Downloaded a and b." and/or "Could not download …".
fn outcome(saved: &[String], problems: &[String]) -> Status {
    let mut text = String::new();
    if !saved.is_empty() {
        text = format!("Downloaded {}.", join_words(saved));
    }
    if !problems.is_empty() {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&format!("Could not download {}.", problems.join("; ")));
    }
    Status {
        text,
        is_error: !problems.is_empty(),
    }
}

/// Saves every chart canvas on the page as a PNG, one file per chart.
fn save_charts() -> Status {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return Status::error("Could not download the charts: this page has no document.");
    };
    let canvases = match document.query_selector_all("figure.chart canvas") {
        Ok(list) => list,
        Err(e) => return Status::error(format!("Could not find the charts: {}.", js_error(e))),
    };
    let mut used = BTreeSet::new();
    let mut saved = Vec::new();
    let mut problems = Vec::new();
    for i in 0..canvases.length() {
        let Some(canvas) = canvases
            .item(i)
            .and_then(|n| n.dyn_into::<HtmlCanvasElement>().ok())
        else {
            continue;
        };
        let base = canvas
            .closest("figure.chart")
            .ok()
            .flatten()
            .and_then(|figure| figure.get_attribute("data-chart"))
            .unwrap_or_else(|| format!("chart-{}", i + 1));
        // Two charts of the same kind get distinct names.
        let mut name = base.clone();
        let mut n = 2;
        while !used.insert(name.clone()) {
            name = format!("{base}-{n}");
            n += 1;
        }
        let file = format!("{PNG_PREFIX}{name}.png");
        // Drawn again at a fixed, print-friendly size, whatever the screen.
        match crate::ui::charts::png_of(&canvas).and_then(|url| click_download(&url, &file)) {
            Ok(()) => saved.push(file),
            Err(e) => problems.push(format!("{file}: {e}")),
        }
    }
    if saved.is_empty() && problems.is_empty() {
        return Status::error("There is no chart on the page to download.");
    }
    outcome(&saved, &problems)
}

/// Buttons that download the run as CSV, as a JSON trace, and its charts as PNGs.
#[component]
pub fn ExportPanel(props: &ExportPanelProps) -> Html {
    // The buttons pressed whose export has not arrived yet.
    let wanted: Rc<RefCell<Wanted>> = use_mut_ref(Wanted::default);
    let status = use_state_eq(|| None::<Status>);
    let send = use_send();

    // Once per export that arrives: save the files that were asked for.
    {
        let wanted = wanted.clone();
        let status = status.clone();
        use_effect_with(props.export.clone(), move |export| {
            if let Some(files) = export {
                let asked = std::mem::take(&mut *wanted.borrow_mut());
                if asked.any() {
                    status.set(Some(save_files(asked, files)));
                }
            }
        });
    }

    let request = |csv: bool| {
        let wanted = wanted.clone();
        let status = status.clone();
        let send = send.clone();
        let export = props.export.clone();
        Callback::from(move |_: MouseEvent| {
            let asked = Wanted { csv, json: !csv };
            match &export {
                // The newest answer already is an export of the run as shown.
                Some(files) => status.set(Some(save_files(asked, files))),
                None => {
                    let mut w = wanted.borrow_mut();
                    w.csv |= asked.csv;
                    w.json |= asked.json;
                    status.set(Some(Status::info(if csv {
                        "Preparing the CSV…"
                    } else {
                        "Preparing the JSON trace…"
                    })));
                    send.emit(Command::Export);
                }
            }
        })
    };
    let on_charts = {
        let status = status.clone();
        Callback::from(move |_: MouseEvent| status.set(Some(save_charts())))
    };

    html! {
        <section class="panel export-panel" aria-labelledby="export-title">
            <h2 id="export-title">{ "Export the run" }</h2>
            <p class="hint" id="export-hint">
                { format!("Save the newest {} finished cycles as CSV rows, the step trace of the newest {} as JSON, or each chart as a PNG image.",
                    crate::sim::retraining::history::HISTORY_CYCLES, crate::sim::retraining::history::MAX_RECORDS) }
            </p>
            <div class="export-buttons" role="group" aria-describedby="export-hint">
                <button type="button" onclick={request(true)}>{ "Download CSV" }</button>
                <button type="button" onclick={request(false)}>{ "Download JSON" }</button>
                <button type="button" onclick={on_charts}>{ "Download charts (PNG)" }</button>
            </div>
            <p role="status" aria-live="polite" data-testid="export-status"
               class={classes!("export-status", status.as_ref().filter(|s| s.is_error).map(|_| "error"))}>
                { status.as_ref().map(|s| s.text.clone()).unwrap_or_default() }
            </p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn outcomes_read_as_sentences() {
        let s = outcome(&["a.csv".into(), "b.json".into()], &[]);
        assert_eq!(s, Status::info("Downloaded a.csv and b.json."));
        let s = outcome(&[], &["c.png: tainted".into()]);
        assert_eq!(s, Status::error("Could not download c.png: tainted."));
        let s = outcome(&["a.png".into(), "b.csv".into(), "c.json".into()], &[]);
        assert_eq!(s, Status::info("Downloaded a.png, b.csv and c.json."));
    }
}
