//! "Your own data": load a CSV (two numeric features, a 0/1 label, optionally
//! a time column) and stream it through the same loop. A broken file gets a
//! message naming its row and column; nothing else on the page changes.

use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::sim::engine::protocol::{Command, Snapshot};
use crate::sim::retraining::scenarios::{CIRCLE_SCENARIO, WEATHER_SCENARIO};
use crate::sim::stream::csv_data::MAX_BYTES;
use crate::sim::stream::real_data::RealData;
use crate::sim::wording::{circle_offer_hint, data_source};
use crate::ui::hooks::{use_dispatch, use_send};
use crate::ui::state::{Action, Notice};

/// Props of [`OwnData`].
#[derive(Properties, PartialEq)]
pub struct OwnDataProps {
    /// The run (says which data it streams).
    pub snapshot: std::rc::Rc<Snapshot>,
    /// The page is fetching a data file (the buttons that fetch one wait).
    #[prop_or_default]
    pub fetching: bool,
}

/// The own-data panel.
#[component]
pub fn OwnData(props: &OwnDataProps) -> Html {
    let send = use_send();
    // A file the page cannot read at all is named in the page's notice.
    let problem = use_dispatch().reform(|text| {
        Action::ShowNotice(Notice {
            text,
            is_error: true,
        })
    });
    let on_file = {
        let send = send.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            // Let the same file be chosen again after a fix.
            input.set_value("");
            if file.size() > MAX_BYTES as f64 {
                problem.emit(format!(
                    "Your CSV was not loaded: it is {:.1} MB, the limit is {} MB. Nothing else changed.",
                    file.size() / 1e6,
                    MAX_BYTES / 1_000_000
                ));
                return;
            }
            let send = send.clone();
            let problem = problem.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|v| v.as_string())
                {
                    Some(text) => send.emit(Command::LoadCsv(text)),
                    None => problem
                        .emit("Your file could not be read as text. Nothing else changed.".into()),
                }
            });
        })
    };
    let synthetic = {
        let send = send.clone();
        Callback::from(move |_: MouseEvent| send.emit(Command::UseSyntheticData))
    };
    // The ready data sets, each a scenario (its file fetched first).
    let open = |key: &'static str| {
        let send = send.clone();
        Callback::from(move |_: MouseEvent| send.emit(Command::OpenScenario(key.into())))
    };
    let real = props.snapshot.streamed_data();
    let on_weather = matches!(real, Some(RealData::Weather(_)));
    let on_circle = real == Some(RealData::Circle);
    html! {
        <section class="panel own-data" aria-labelledby="own-data-title">
            <h2 id="own-data-title">{ "Your own data" }</h2>
            <div class="field">
                <label for="csv-file">{ "Load a CSV file" }</label>
                <input type="file" id="csv-file" accept=".csv,text/csv" onchange={on_file}
                    aria-describedby="csv-hint" />
                <p class="hint" id="csv-hint">{ "Two numeric feature columns and a 0/1 label column (named label, y, target or class, or the last one); optionally a time column to order the rows. The rows stream in batches through the same loop; features are standardised." }</p>
            </div>
            <p role="status" data-testid="data-source">
                { data_source(props.snapshot.user_data.as_deref(), real) }
            </p>
            if props.snapshot.user_data.is_some() {
                <button type="button" onclick={synthetic}>{ "Back to the synthetic stream" }</button>
            }
            if !on_weather {
                <p class="hint" id="weather-hint">{ crate::sim::wording::weather_offer_hint() }</p>
                <button type="button" onclick={open(WEATHER_SCENARIO)} aria-describedby="weather-hint" disabled={props.fetching}>{ "Use the real weather data" }</button>
            }
            if !on_circle {
                <p class="hint" id="circle-hint">{ circle_offer_hint() }</p>
                <button type="button" onclick={open(CIRCLE_SCENARIO)} aria-describedby="circle-hint" disabled={props.fetching}>{ "Use the Circle benchmark" }</button>
            }
        </section>
    }
}
