//! "Real weather data": where the data comes from, the two features streamed
//! (two selects; a change starts a new run on the file the engine already
//! read, nothing is fetched again), what the run is streaming and how v1 and
//! the live model score on it. Shown while a run streams it.

use std::rc::Rc;

use yew::prelude::*;

use super::select_field::SelectField;
use crate::sim::engine::protocol::{Command, Snapshot, WeatherStart};
use crate::sim::params::SimParams;
use crate::sim::stream::weather::WeatherFeature;
use crate::sim::wording::{
    feature_note, weather_known_problems, weather_means, weather_scale, weather_shift_reached,
    weather_source, weather_status, weather_yardstick,
};
use crate::ui::hooks::use_send;

/// Props of [`WeatherData`].
#[derive(Properties, PartialEq)]
pub struct WeatherDataProps {
    /// The run (its `weather` says what it streams).
    pub snapshot: Rc<Snapshot>,
    /// The settings shown, which a run on other features starts with.
    pub params: SimParams,
}

/// The eight features as select options.
fn feature_options() -> Vec<(String, String)> {
    WeatherFeature::ALL
        .iter()
        .map(|f| (f.key().to_string(), f.label().to_string()))
        .collect()
}

/// The weather panel.
#[component]
pub fn WeatherData(props: &WeatherDataProps) -> Html {
    let send = use_send();
    let s = &props.snapshot;
    let Some(run) = s.weather else {
        return Html::default();
    };
    let pair = run.pair;
    // Other features: a new run on the file the engine already read.
    let choose = |second: bool| {
        let send = send.clone();
        let params = props.params.clone();
        Callback::from(move |key: String| {
            if let Some(f) = WeatherFeature::from_key(&key) {
                send.emit(Command::StartWeather(WeatherStart {
                    file: None,
                    pair: if second {
                        pair.with_second(f)
                    } else {
                        pair.with_first(f)
                    },
                    params: params.clone(),
                }));
            }
        })
    };
    let batch = s.params.batch_size;
    html! {
        <section class="panel weather" aria-labelledby="weather-title" data-testid="weather">
            <h2 id="weather-title">{ "Real weather data" }</h2>
            <p role="status" data-testid="weather-status">
                { weather_status(&run, batch, s.cycle) }
            </p>
            if let Some(means) = weather_means(&run, batch) {
                <p data-testid="weather-means">{ means }</p>
            }
            if let Some(shift) = weather_shift_reached(&run) {
                <p class="hint shift-note" data-testid="weather-shift">{ shift }</p>
            }
            <SelectField id="weather-first" label="First feature (across)"
                options={feature_options()} selected={pair.first().key().to_string()}
                on_change={choose(false)} />
            <SelectField id="weather-second" label="Second feature (up)"
                options={feature_options()} selected={pair.second().key().to_string()}
                on_change={choose(true)} />
            <ul class="hint feature-notes">
                <li>{ feature_note(pair.first()) }</li>
                <li>{ feature_note(pair.second()) }</li>
                <li>{ "Class 1 (orange triangles) is a day with rain." }</li>
            </ul>
            <details class="about-data">
                <summary>{ "About the data and its known problems" }</summary>
                <p>{ weather_source() }</p>
                <p>{ weather_yardstick() }</p>
                <p>{ weather_scale() }</p>
                <ul>
                    { for WeatherFeature::ALL.iter().map(|&f| html! { <li>{ feature_note(f) }</li> }) }
                </ul>
                <h3>{ "Known problems in this copy" }</h3>
                <ul>
                    { for weather_known_problems().into_iter().map(|p| html! { <li>{ p }</li> }) }
                </ul>
            </details>
        </section>
    }
}
