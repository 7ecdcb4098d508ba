//! Real 5-field cron schedules over a simulated clock.
//!
//! A [`CronSchedule`] is parsed from the usual `minute hour day-of-month month
//! day-of-week` syntax (`*`, numbers, lists `a,b`, ranges `a-b`, steps `*/n`
//! and `a-b/n`, month names `JAN`–`DEC` and day names `SUN`–`SAT`). The lesson's
//! clock is a [`SimTime`]: minutes since 2026-01-01 00:00, a Thursday. Dates are
//! converted by [`crate::sim::stream::calendar`] (proleptic Gregorian, by hand), so no
//! time-zone or system clock is involved and the same schedule fires at the
//! same simulated minute everywhere.
//!
//! Day matching follows Vixie cron: when both the day-of-month and the
//! day-of-week fields are restricted, a day matches if *either* matches; a field
//! counts as unrestricted when its text starts with `*` (so `*/2` is still
//! "unrestricted" for this rule, exactly as in Vixie cron and cronie).
//!
//! Nothing here panics: every malformed expression is a typed [`CronError`].

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::sim::english::join_words;
use crate::sim::stream::calendar::{civil_from_days, days_from_civil, days_in_month};

/// Minutes in an hour.
pub const MINUTES_PER_HOUR: u64 = 60;
/// Minutes in a day.
pub const MINUTES_PER_DAY: u64 = 24 * MINUTES_PER_HOUR;
/// The longest cron expression accepted, in bytes.
pub const MAX_EXPRESSION_LEN: usize = 256;

/// Days from 1970-01-01 to 2026-01-01, the simulated clock's minute zero.
const EPOCH_DAYS_SINCE_1970: i64 = 20_454;
/// One full Gregorian cycle (400 years, a whole number of weeks): every date
/// recurs on every weekday it can fall on within it, so it is the most
/// [`CronSchedule::next_fire_after`] and [`CronSchedule::fires_between`] scan.
const GREGORIAN_CYCLE_DAYS: u64 = 146_097;

const MONTH_NAMES: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];
const MONTH_LONG_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

// ---------------------------------------------------------------------------
// Calendar
// ---------------------------------------------------------------------------

/// A day of the week, numbered as cron numbers them (Sunday = 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Weekday {
    /// Day 0 (and 7 in cron).
    Sunday,
    /// Day 1.
    Monday,
    /// Day 2.
    Tuesday,
    /// Day 3.
    Wednesday,
    /// Day 4.
    Thursday,
    /// Day 5.
    Friday,
    /// Day 6.
    Saturday,
}

impl Weekday {
    /// Every day, Sunday first (cron's order).
    pub const ALL: [Weekday; 7] = [
        Weekday::Sunday,
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
    ];

    /// Cron's number for the day, 0 (Sunday) to 6 (Saturday).
    pub fn index(self) -> u32 {
        self as u32
    }

    /// The day for a cron number; 0 and 7 are both Sunday, anything above 7 is `None`.
    pub fn from_index(index: u32) -> Option<Weekday> {
        match index {
            7 => Some(Weekday::Sunday),
            i => Self::ALL.get(i as usize).copied(),
        }
    }

    /// Three-letter English abbreviation, e.g. `"Sat"`.
    pub fn short_name(self) -> &'static str {
        ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][self as usize]
    }

    /// Full English name, e.g. `"Saturday"`.
    pub fn name(self) -> &'static str {
        [
            "Sunday",
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
        ][self as usize]
    }
}

/// A calendar date and time of day on the simulated clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CivilTime {
    /// Gregorian year, e.g. 2026.
    pub year: i64,
    /// Month, 1..=12.
    pub month: u32,
    /// Day of the month, 1..=31.
    pub day: u32,
    /// Hour, 0..=23.
    pub hour: u32,
    /// Minute, 0..=59.
    pub minute: u32,
    /// Day of the week.
    pub weekday: Weekday,
}

/// Weekday of a day count since 1970-01-01 (a Thursday).
fn weekday_from_days(days: i64) -> Weekday {
    Weekday::ALL[(days + 4).rem_euclid(7) as usize]
}

/// Simulated time: whole minutes since 2026-01-01 00:00 (a Thursday).
///
/// Ordered, hashable and cheap to copy; [`fmt::Display`] shows it as
/// `"2026-01-03 00:00 (Sat)"`.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct SimTime(pub u64);

impl SimTime {
    /// Minute zero: 2026-01-01 00:00, a Thursday.
    pub const EPOCH: SimTime = SimTime(0);

    /// The simulated minute of a calendar date and time, or `None` if the date does
    /// not exist (e.g. 2027-02-29), the hour or minute is out of range, or the
    /// moment lies before 2026-01-01 00:00 or beyond what a `u64` of minutes holds.
    pub fn from_civil(year: i64, month: u32, day: u32, hour: u32, minute: u32) -> Option<SimTime> {
        // Far beyond any simulated run, and keeps the day arithmetic well inside i64.
        if !(2026..=1_000_000_000_000).contains(&year)
            || !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(year, month)
            || hour > 23
            || minute > 59
        {
            return None;
        }
        let days = u64::try_from(days_from_civil(year, month, day) - EPOCH_DAYS_SINCE_1970).ok()?;
        days.checked_mul(MINUTES_PER_DAY)?
            .checked_add(u64::from(hour) * MINUTES_PER_HOUR + u64::from(minute))
            .map(SimTime)
    }

    /// Minutes since the epoch.
    pub fn minutes(self) -> u64 {
        self.0
    }

    /// Whole days since 2026-01-01.
    pub fn day_index(self) -> u64 {
        self.0 / MINUTES_PER_DAY
    }

    /// This time plus `minutes`, saturating at the end of the clock.
    pub fn plus_minutes(self, minutes: u64) -> SimTime {
        SimTime(self.0.saturating_add(minutes))
    }

    /// The calendar date, time of day and weekday.
    pub fn civil(self) -> CivilTime {
        let days = days_since_1970(self.day_index());
        let (year, month, day) = civil_from_days(days);
        let in_day = self.0 % MINUTES_PER_DAY;
        CivilTime {
            year,
            month,
            day,
            hour: (in_day / MINUTES_PER_HOUR) as u32,
            minute: (in_day % MINUTES_PER_HOUR) as u32,
            weekday: weekday_from_days(days),
        }
    }
}

/// Day count since 1970-01-01 of a day index since 2026-01-01. Every `u64` minute
/// count divided by 1440 fits comfortably in an `i64`.
fn days_since_1970(day_index: u64) -> i64 {
    i64::try_from(day_index).unwrap_or(i64::MAX / 2) + EPOCH_DAYS_SINCE_1970
}

impl fmt::Display for SimTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.civil();
        write!(
            f,
            "{:04}-{:02}-{:02} {:02}:{:02} ({})",
            c.year,
            c.month,
            c.day,
            c.hour,
            c.minute,
            c.weekday.short_name()
        )
    }
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/// One of the five fields of a cron expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CronField {
    /// First field, 0..=59.
    Minute,
    /// Second field, 0..=23.
    Hour,
    /// Third field, 1..=31.
    DayOfMonth,
    /// Fourth field, 1..=12 or `JAN`–`DEC`.
    Month,
    /// Fifth field, 0..=7 (0 and 7 are Sunday) or `SUN`–`SAT`.
    DayOfWeek,
}

impl CronField {
    /// The fields in the order they are written.
    pub const ALL: [CronField; 5] = [
        CronField::Minute,
        CronField::Hour,
        CronField::DayOfMonth,
        CronField::Month,
        CronField::DayOfWeek,
    ];

    /// The field's name in messages, e.g. `"day of month"`.
    pub fn name(self) -> &'static str {
        match self {
            CronField::Minute => "minute",
            CronField::Hour => "hour",
            CronField::DayOfMonth => "day of month",
            CronField::Month => "month",
            CronField::DayOfWeek => "day of week",
        }
    }

    /// Smallest number the field accepts.
    pub fn min(self) -> u32 {
        match self {
            CronField::Minute | CronField::Hour | CronField::DayOfWeek => 0,
            CronField::DayOfMonth | CronField::Month => 1,
        }
    }

    /// Largest number the field accepts.
    pub fn max(self) -> u32 {
        match self {
            CronField::Minute => 59,
            CronField::Hour => 23,
            CronField::DayOfMonth => 31,
            CronField::Month => 12,
            CronField::DayOfWeek => 7,
        }
    }

    /// What the field accepts, in words, e.g. `"1–12 or JAN–DEC"`.
    pub fn allowed(self) -> String {
        let range = format!("{}–{}", self.min(), self.max());
        match self {
            CronField::Month => format!("{range} or JAN–DEC"),
            CronField::DayOfWeek => format!("{range} (0 and 7 are Sunday) or SUN–SAT"),
            _ => range,
        }
    }

    fn names(self) -> &'static [&'static str] {
        const DAY_NAMES: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
        match self {
            CronField::Month => &MONTH_NAMES,
            CronField::DayOfWeek => &DAY_NAMES,
            _ => &[],
        }
    }
}

impl fmt::Display for CronField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a cron expression was rejected, naming the field and what it allows.
#[derive(Clone, Debug, PartialEq, Eq, Error, Serialize, Deserialize)]
pub enum CronError {
    /// Nothing but whitespace.
    #[error("a cron expression cannot be empty: write 5 fields (minute hour day month weekday), e.g. `0 0 * * *`")]
    Empty,
    /// Longer than [`MAX_EXPRESSION_LEN`].
    #[error("a cron expression is at most {max} characters long, got {len}")]
    TooLong {
        /// Length given, in bytes.
        len: usize,
        /// Most allowed.
        max: usize,
    },
    /// Not exactly five whitespace-separated fields.
    #[error("a cron expression has 5 fields (minute hour day month weekday), got {got}")]
    FieldCount {
        /// Number of fields found.
        got: usize,
    },
    /// A number outside the field's range (kept as written, as it may not fit any integer).
    #[error("{field} {value} is out of range {min}–{max}")]
    OutOfRange {
        /// Which field.
        field: CronField,
        /// The number as written.
        value: String,
        /// Smallest allowed.
        min: u32,
        /// Largest allowed.
        max: u32,
    },
    /// A step `/n` below 1 or above the field's largest value.
    #[error("{field} step {step} is out of range 1–{max}")]
    StepOutOfRange {
        /// Which field.
        field: CronField,
        /// The step as written.
        step: String,
        /// Largest allowed step.
        max: u32,
    },
    /// A range whose start is after its end, e.g. `5-1`.
    #[error("{field} range {start}-{end} is reversed: write the smaller value first")]
    ReversedRange {
        /// Which field.
        field: CronField,
        /// Start as a number.
        start: u32,
        /// End as a number.
        end: u32,
    },
    /// An empty item in a list, e.g. `1,,2` or a trailing comma.
    #[error("{field} has an empty item in the list `{text}`")]
    EmptyItem {
        /// Which field.
        field: CronField,
        /// The whole field as written.
        text: String,
    },
    /// Anything else that is not a number, name, `*`, range or step.
    #[error("{field} `{text}` is not a valid value: use {}, `*`, lists `a,b`, ranges `a-b` or steps `*/n`", .field.allowed())]
    InvalidValue {
        /// Which field.
        field: CronField,
        /// The offending item as written.
        text: String,
    },
}

// ---------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------

/// Parses one number or name of `field`.
fn parse_value(field: CronField, text: &str, item: &str) -> Result<u32, CronError> {
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        let out_of_range = || CronError::OutOfRange {
            field,
            value: text.to_string(),
            min: field.min(),
            max: field.max(),
        };
        // Digits only, so the only parse failure is overflow.
        let value: u32 = text.parse().map_err(|_| out_of_range())?;
        if value < field.min() || value > field.max() {
            return Err(out_of_range());
        }
        return Ok(value);
    }
    field
        .names()
        .iter()
        .position(|name| name.eq_ignore_ascii_case(text))
        .map(|i| i as u32 + field.min())
        .ok_or_else(|| CronError::InvalidValue {
            field,
            text: item.to_string(),
        })
}

/// Parses a step `n` (after the `/`).
fn parse_step(field: CronField, text: &str, item: &str) -> Result<u32, CronError> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CronError::InvalidValue {
            field,
            text: item.to_string(),
        });
    }
    match text.parse::<u32>() {
        Ok(step) if (1..=field.max()).contains(&step) => Ok(step),
        _ => Err(CronError::StepOutOfRange {
            field,
            step: text.to_string(),
            max: field.max(),
        }),
    }
}

/// Parses one field into a bit mask (bit `v` set when value `v` matches).
fn parse_field(field: CronField, text: &str) -> Result<u64, CronError> {
    let mut mask = 0u64;
    for item in text.split(',') {
        if item.is_empty() {
            return Err(CronError::EmptyItem {
                field,
                text: text.to_string(),
            });
        }
        let (range, step) = match item.split_once('/') {
            Some((range, step)) => (range, Some(parse_step(field, step, item)?)),
            None => (item, None),
        };
        let (lo, hi) = if range == "*" {
            (field.min(), field.max())
        } else if let Some((a, b)) = range.split_once('-') {
            let (lo, hi) = (parse_value(field, a, item)?, parse_value(field, b, item)?);
            if lo > hi {
                return Err(CronError::ReversedRange {
                    field,
                    start: lo,
                    end: hi,
                });
            }
            (lo, hi)
        } else {
            let v = parse_value(field, range, item)?;
            // `a/n` means `a-max/n`, as in most cron implementations.
            (v, if step.is_some() { field.max() } else { v })
        };
        for v in (lo..=hi).step_by(step.unwrap_or(1) as usize) {
            mask |= 1u64 << v;
        }
    }
    if field == CronField::DayOfWeek && mask & (1 << 7) != 0 {
        mask = (mask & !(1 << 7)) | 1; // 7 is Sunday too
    }
    Ok(mask)
}

/// Mask with bits `lo..=hi` set.
const fn bits(lo: u32, hi: u32) -> u64 {
    (u64::MAX >> (63 - hi)) & (u64::MAX << lo)
}

const ALL_MINUTES: u64 = bits(0, 59);
const ALL_HOURS: u64 = bits(0, 23);
const ALL_DAYS_OF_MONTH: u64 = bits(1, 31);
const ALL_MONTHS: u64 = bits(1, 12);
const ALL_WEEKDAYS: u64 = bits(0, 6);

/// The lowest set bit of `mask` at or above `from`, if any.
fn next_bit(mask: u64, from: u32) -> Option<u32> {
    if from > 63 {
        return None;
    }
    let rest = mask >> from;
    (rest != 0).then(|| from + rest.trailing_zeros())
}

/// The set bits of `mask`, lowest first.
fn set_bits(mask: u64) -> Vec<u32> {
    (0..64).filter(|b| mask & (1u64 << b) != 0).collect()
}

/// If `mask` (over `0..period`) is exactly `{0, n, 2n, ...}` with `n > 1` dividing
/// `period`, returns `n`.
fn even_step(mask: u64, period: u32) -> Option<u32> {
    (2..period)
        .filter(|n| period.is_multiple_of(*n))
        .find(|&n| {
            let stepped = (0..period)
                .step_by(n as usize)
                .fold(0u64, |m, v| m | (1 << v));
            stepped == mask
        })
}

/// A parsed 5-field cron schedule, evaluated on the simulated clock.
///
/// Serialised as its source text (`"0 0 * * *"`), and checked again when
/// deserialised, so a stored schedule can never hold an invalid state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CronSchedule {
    /// The expression as written, without surrounding whitespace.
    source: String,
    /// Bit `m` set when minute `m` matches.
    minutes: u64,
    /// Bit `h` set when hour `h` matches.
    hours: u64,
    /// Bits 1..=31.
    days_of_month: u64,
    /// Bits 1..=12.
    months: u64,
    /// Bits 0..=6, Sunday = 0.
    days_of_week: u64,
    /// The day-of-month field starts with `*` (Vixie cron's DOM_STAR).
    dom_star: bool,
    /// The day-of-week field starts with `*` (Vixie cron's DOW_STAR).
    dow_star: bool,
}

/// What the day fields select, once the OR/AND rule is applied.
enum DayRule {
    /// Every day of the selected months.
    EveryDay,
    /// Only these weekdays (mask over 0..=6).
    Weekdays(u64),
    /// Only these days of the month (mask over 1..=31).
    MonthDays(u64),
    /// A mix of both.
    Mixed,
}

impl CronSchedule {
    /// Parses a 5-field cron expression (`minute hour day-of-month month day-of-week`).
    pub fn parse(text: &str) -> Result<CronSchedule, CronError> {
        let source = text.trim();
        if source.is_empty() {
            return Err(CronError::Empty);
        }
        if source.len() > MAX_EXPRESSION_LEN {
            return Err(CronError::TooLong {
                len: source.len(),
                max: MAX_EXPRESSION_LEN,
            });
        }
        let fields: Vec<&str> = source.split_whitespace().collect();
        let [minute, hour, dom, month, dow] = fields[..] else {
            return Err(CronError::FieldCount { got: fields.len() });
        };
        Ok(CronSchedule {
            source: source.to_string(),
            minutes: parse_field(CronField::Minute, minute)?,
            hours: parse_field(CronField::Hour, hour)?,
            days_of_month: parse_field(CronField::DayOfMonth, dom)?,
            months: parse_field(CronField::Month, month)?,
            days_of_week: parse_field(CronField::DayOfWeek, dow)?,
            dom_star: dom.starts_with('*'),
            dow_star: dow.starts_with('*'),
        })
    }

    /// The expression as written (trimmed).
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Whether a day (as days since 1970-01-01) is selected by the day and month fields.
    fn day_matches(&self, days: i64) -> bool {
        let (_, month, day) = civil_from_days(days);
        self.date_matches(days, month, day)
    }

    /// [`Self::day_matches`] for a day whose month and day of the month are known.
    fn date_matches(&self, days: i64, month: u32, day: u32) -> bool {
        if self.months & (1 << month) == 0 {
            return false;
        }
        let dom = self.days_of_month & (1 << day) != 0;
        let dow = self.days_of_week & (1 << weekday_from_days(days).index()) != 0;
        if self.dom_star || self.dow_star {
            dom && dow
        } else {
            dom || dow
        }
    }

    /// Whether the schedule fires at minute `t`.
    pub fn matches(&self, t: SimTime) -> bool {
        let in_day = t.0 % MINUTES_PER_DAY;
        self.minutes & (1 << (in_day % MINUTES_PER_HOUR)) != 0
            && self.hours & (1 << (in_day / MINUTES_PER_HOUR)) != 0
            && self.day_matches(days_since_1970(t.day_index()))
    }

    /// The first minute of a day at or after `hour:minute` that matches the time fields.
    fn first_time_in_day(&self, hour: u32, minute: u32) -> Option<u64> {
        let mut h = next_bit(self.hours, hour)?;
        let mut from_minute = if h == hour { minute } else { 0 };
        loop {
            if let Some(m) = next_bit(self.minutes, from_minute) {
                return Some(u64::from(h) * MINUTES_PER_HOUR + u64::from(m));
            }
            h = next_bit(self.hours, h + 1)?;
            from_minute = 0;
        }
    }

    /// The first firing minute at or after `start`, looking at most `max_days` days
    /// past `start`'s day. Skips whole months that are not selected and whole days
    /// whose date does not match, so a scan of centuries for a rare date (29
    /// February on a Sunday) visits only the selected months' days.
    fn first_fire_from(&self, start: u64, max_days: u64) -> Option<SimTime> {
        let first_day = start / MINUTES_PER_DAY;
        let last_day = first_day.saturating_add(max_days);
        let in_day = start % MINUTES_PER_DAY;
        let mut day = first_day;
        while day <= last_day {
            let days = days_since_1970(day);
            let (year, month, day_of_month) = civil_from_days(days);
            if self.months & (1 << month) == 0 {
                // On to the first day of the next month.
                let rest = days_in_month(year, month).saturating_sub(day_of_month);
                day = day.checked_add(u64::from(rest) + 1)?;
                continue;
            }
            if self.date_matches(days, month, day_of_month) {
                let (hour, minute) = if day == first_day {
                    (
                        (in_day / MINUTES_PER_HOUR) as u32,
                        (in_day % MINUTES_PER_HOUR) as u32,
                    )
                } else {
                    (0, 0)
                };
                if let Some(time) = self.first_time_in_day(hour, minute) {
                    return day
                        .checked_mul(MINUTES_PER_DAY)?
                        .checked_add(time)
                        .map(SimTime);
                }
            }
            day = day.checked_add(1)?;
        }
        None
    }

    /// The first minute strictly after `t` at which the schedule fires, or `None`
    /// when it never fires again: it can never fire at all (`0 0 30 2 *`: 30
    /// February never comes), or the next fire lies beyond the end of the clock.
    ///
    /// A schedule that can fire does so within one 400-year Gregorian cycle, so
    /// the search stops there. It skips months that are not selected, goes a day
    /// at a time through the others and looks at hours and minutes only on
    /// matching days, so even the rarest schedule, 29 February on a Sunday
    /// (`0 0 29 2 */7`, up to 40 years apart), visits about 1 200 days and 500
    /// months: well under a millisecond.
    pub fn next_fire_after(&self, t: SimTime) -> Option<SimTime> {
        if !self.can_fire() {
            return None;
        }
        self.first_fire_from(t.0.checked_add(1)?, GREGORIAN_CYCLE_DAYS)
    }

    /// The first firing minute `f` with `from_exclusive < f <= to_inclusive`, if any.
    ///
    /// The retraining cycle advances the clock by a number of minutes each step and
    /// retrains when the schedule fired in between. Like
    /// [`CronSchedule::next_fire_after`] it scans the whole interval (at most one
    /// 400-year Gregorian cycle, after which every possible date has recurred), and
    /// answers at once for schedules that can never fire.
    pub fn fires_between(&self, from_exclusive: SimTime, to_inclusive: SimTime) -> Option<SimTime> {
        if to_inclusive <= from_exclusive || !self.can_fire() {
            return None;
        }
        let start = from_exclusive.0 + 1; // cannot overflow: from < to
        let days =
            (to_inclusive.0 / MINUTES_PER_DAY - start / MINUTES_PER_DAY).min(GREGORIAN_CYCLE_DAYS);
        self.first_fire_from(start, days)
            .filter(|&f| f <= to_inclusive)
    }

    /// Whether any date can ever match (`0 0 30 2 *` cannot: there is no 30 February).
    pub fn can_fire(&self) -> bool {
        if !self.dom_star && !self.dow_star {
            // Either field may match; the weekday field always can.
            return true;
        }
        // Both must match; every existing date falls on every weekday within a
        // Gregorian cycle, so it is enough that some selected month has a selected day.
        (1..=12u32).any(|month| {
            // Leap year 2028, so 29 February counts.
            let days = bits(1, days_in_month(2028, month));
            self.months & (1 << month) != 0 && self.days_of_month & days != 0
        })
    }

    fn day_rule(&self) -> DayRule {
        let all_dom = self.days_of_month == ALL_DAYS_OF_MONTH;
        let all_dow = self.days_of_week == ALL_WEEKDAYS;
        if !self.dom_star && !self.dow_star {
            return if all_dom || all_dow {
                DayRule::EveryDay
            } else {
                DayRule::Mixed
            };
        }
        match (all_dom, all_dow) {
            (true, true) => DayRule::EveryDay,
            (true, false) => DayRule::Weekdays(self.days_of_week),
            (false, true) => DayRule::MonthDays(self.days_of_month),
            (false, false) => DayRule::Mixed,
        }
    }

    /// The schedule in plain words for common cases ("every day at 00:00",
    /// "every hour at minute 0", "every 6 hours", "every Monday at 09:30"), and
    /// "at cron `…`" otherwise.
    pub fn describe(&self) -> String {
        self.describe_common()
            .unwrap_or_else(|| format!("at cron `{}`", self.source))
    }

    fn describe_common(&self) -> Option<String> {
        let single = |mask: u64| (mask.count_ones() == 1).then(|| mask.trailing_zeros());
        let all_months = self.months == ALL_MONTHS;
        let rule = self.day_rule();
        let every_day = all_months && matches!(rule, DayRule::EveryDay);

        if every_day && self.hours == ALL_HOURS {
            if self.minutes == ALL_MINUTES {
                return Some("every minute".to_string());
            }
            if let Some(n) = even_step(self.minutes, 60) {
                return Some(format!("every {n} minutes"));
            }
            if let Some(m) = single(self.minutes) {
                return Some(format!("every hour at minute {m}"));
            }
            return None;
        }
        let minute = single(self.minutes)?;
        if every_day {
            if let Some(n) = even_step(self.hours, 24) {
                return Some(if minute == 0 {
                    format!("every {n} hours")
                } else {
                    format!("every {n} hours at minute {minute}")
                });
            }
        }
        let hour = single(self.hours)?;
        let at = format!("at {hour:02}:{minute:02}");
        match rule {
            DayRule::EveryDay if all_months => Some(format!("every day {at}")),
            DayRule::Weekdays(mask) if all_months => {
                if mask == bits(1, 5) {
                    return Some(format!("every weekday (Monday to Friday) {at}"));
                }
                let names: Vec<&str> = set_bits(mask)
                    .into_iter()
                    .filter_map(Weekday::from_index)
                    .map(Weekday::name)
                    .collect();
                Some(format!("every {} {at}", join_words(&names)))
            }
            DayRule::MonthDays(mask) => {
                let day = single(mask)?;
                if all_months {
                    Some(format!("on day {day} of every month {at}"))
                } else {
                    let month = single(self.months)?;
                    let name = MONTH_LONG_NAMES.get(month as usize - 1)?;
                    Some(format!("every year on {name} {day} {at}"))
                }
            }
            _ => None,
        }
    }
}

impl fmt::Display for CronSchedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

impl FromStr for CronSchedule {
    type Err = CronError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CronSchedule::parse(s)
    }
}

impl TryFrom<String> for CronSchedule {
    type Error = CronError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        CronSchedule::parse(&s)
    }
}

impl From<CronSchedule> for String {
    fn from(schedule: CronSchedule) -> String {
        schedule.source
    }
}

// Native only: the core is tested natively (proptest and approx are native dev-dependencies).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(year: i64, month: u32, day: u32, hour: u32, minute: u32) -> SimTime {
        SimTime::from_civil(year, month, day, hour, minute).expect("valid test date")
    }

    fn cron(text: &str) -> CronSchedule {
        CronSchedule::parse(text).expect("valid test expression")
    }

    fn err(text: &str) -> CronError {
        CronSchedule::parse(text).expect_err("expression must be rejected")
    }

    /// Minute-by-minute reference for `next_fire_after`, for short spans.
    fn brute_next(s: &CronSchedule, t: SimTime, limit: u64) -> Option<SimTime> {
        (t.0 + 1..=t.0 + limit).map(SimTime).find(|&m| s.matches(m))
    }

    #[test]
    fn epoch_is_thursday_first_of_january_2026() {
        let c = SimTime::EPOCH.civil();
        assert_eq!(
            (c.year, c.month, c.day, c.hour, c.minute),
            (2026, 1, 1, 0, 0)
        );
        assert_eq!(c.weekday, Weekday::Thursday);
        assert_eq!(SimTime::EPOCH.to_string(), "2026-01-01 00:00 (Thu)");
    }

    #[test]
    fn display_shows_date_time_and_weekday() {
        assert_eq!(
            SimTime(2 * MINUTES_PER_DAY).to_string(),
            "2026-01-03 00:00 (Sat)"
        );
        assert_eq!(
            at(2028, 2, 29, 23, 59).to_string(),
            "2028-02-29 23:59 (Tue)"
        );
        assert_eq!(at(2026, 12, 31, 9, 5).to_string(), "2026-12-31 09:05 (Thu)");
    }

    #[test]
    fn civil_conversion_handles_leap_years_and_centuries() {
        assert_eq!(at(2027, 1, 1, 0, 0).day_index(), 365);
        assert_eq!(at(2029, 1, 1, 0, 0).day_index(), 365 * 3 + 1); // 2028 is leap
        assert!(SimTime::from_civil(2027, 2, 29, 0, 0).is_none());
        assert!(SimTime::from_civil(2100, 2, 29, 0, 0).is_none()); // century, not leap
        assert!(SimTime::from_civil(2400, 2, 29, 0, 0).is_some()); // divisible by 400
        assert_eq!(at(2400, 2, 29, 0, 0).civil().weekday, Weekday::Tuesday);
        assert!(SimTime::from_civil(2025, 12, 31, 23, 59).is_none()); // before the epoch
        assert!(SimTime::from_civil(2026, 13, 1, 0, 0).is_none());
        assert!(SimTime::from_civil(2026, 1, 1, 24, 0).is_none());
        assert!(SimTime::from_civil(2026, 1, 1, 0, 60).is_none());
    }

    #[test]
    fn end_of_clock_converts_without_overflow() {
        let c = SimTime(u64::MAX).civil();
        assert!(c.year > 2026);
        assert!(!SimTime(u64::MAX).to_string().is_empty());
        assert_eq!(cron("* * * * *").next_fire_after(SimTime(u64::MAX)), None);
        assert_eq!(SimTime(u64::MAX).plus_minutes(5), SimTime(u64::MAX));
    }

    #[test]
    fn daily_midnight_after_ten_am_is_next_midnight() {
        let s = cron("0 0 * * *");
        assert_eq!(
            s.next_fire_after(at(2026, 1, 1, 10, 0)),
            Some(at(2026, 1, 2, 0, 0))
        );
        // Strictly after: at midnight itself, the next one is a day later.
        assert_eq!(
            s.next_fire_after(at(2026, 1, 2, 0, 0)),
            Some(at(2026, 1, 3, 0, 0))
        );
    }

    #[test]
    fn monday_half_past_nine_after_thursday_is_monday_the_fifth() {
        let next = cron("30 9 * * 1").next_fire_after(at(2026, 1, 1, 0, 0));
        assert_eq!(next, Some(at(2026, 1, 5, 9, 30)));
        assert_eq!(
            next.map(|t| t.to_string()).as_deref(),
            Some("2026-01-05 09:30 (Mon)")
        );
    }

    #[test]
    fn every_fifteen_minutes_steps_through_the_hour_and_day() {
        let s = cron("*/15 * * * *");
        assert_eq!(
            s.next_fire_after(at(2026, 1, 1, 0, 0)),
            Some(at(2026, 1, 1, 0, 15))
        );
        assert_eq!(
            s.next_fire_after(at(2026, 1, 1, 0, 14)),
            Some(at(2026, 1, 1, 0, 15))
        );
        assert_eq!(
            s.next_fire_after(at(2026, 1, 1, 0, 15)),
            Some(at(2026, 1, 1, 0, 30))
        );
        assert_eq!(
            s.next_fire_after(at(2026, 1, 1, 23, 50)),
            Some(at(2026, 1, 2, 0, 0))
        );
        assert!(s.matches(at(2026, 6, 1, 13, 45)));
        assert!(!s.matches(at(2026, 6, 1, 13, 46)));
    }

    #[test]
    fn first_of_month_crosses_month_ends_including_leap_february() {
        let s = cron("0 0 1 * *");
        let mut t = at(2027, 12, 15, 12, 0);
        let mut seen = Vec::new();
        for _ in 0..4 {
            t = s.next_fire_after(t).expect("fires monthly");
            seen.push(t.to_string());
        }
        assert_eq!(
            seen,
            [
                "2028-01-01 00:00 (Sat)",
                "2028-02-01 00:00 (Tue)",
                "2028-03-01 00:00 (Wed)",
                "2028-04-01 00:00 (Sat)"
            ]
        );
        // Day 29 exists in February 2028 but not in February 2027.
        let s29 = cron("0 0 29 * *");
        assert_eq!(
            s29.next_fire_after(at(2028, 2, 1, 0, 0)),
            Some(at(2028, 2, 29, 0, 0))
        );
        assert_eq!(
            s29.next_fire_after(at(2027, 2, 1, 0, 0)),
            Some(at(2027, 3, 29, 0, 0))
        );
        // Day 31 skips the 30-day months.
        let s31 = cron("0 0 31 * *");
        assert_eq!(
            s31.next_fire_after(at(2026, 4, 1, 0, 0)),
            Some(at(2026, 5, 31, 0, 0))
        );
    }

    #[test]
    fn leap_day_schedule_waits_for_2028() {
        let s = cron("0 0 29 2 *");
        assert_eq!(
            s.next_fire_after(at(2026, 3, 1, 0, 0)),
            Some(at(2028, 2, 29, 0, 0))
        );
        assert_eq!(
            s.next_fire_after(at(2028, 3, 1, 0, 0)),
            Some(at(2032, 2, 29, 0, 0))
        );
        // 2100 is not a leap year: eight years to the next one.
        assert_eq!(
            s.next_fire_after(at(2096, 3, 1, 0, 0)),
            Some(at(2104, 2, 29, 0, 0))
        );
        assert_eq!(
            s.fires_between(at(2096, 3, 1, 0, 0), SimTime(u64::MAX)),
            Some(at(2104, 2, 29, 0, 0))
        );
    }

    #[test]
    fn leap_day_on_a_sunday_is_found_years_ahead() {
        // `*/7` starts with `*`, so both day fields must match: 29 February that
        // is a Sunday. The first after the clock starts is more than six years on.
        let s = cron("0 0 29 2 */7");
        assert!(s.can_fire());
        let first = s.next_fire_after(SimTime::EPOCH);
        assert_eq!(first, Some(at(2032, 2, 29, 0, 0)));
        assert_eq!(
            first.map(|t| t.to_string()).as_deref(),
            Some("2032-02-29 00:00 (Sun)")
        );
        assert_eq!(
            s.next_fire_after(at(2032, 2, 29, 0, 0)),
            Some(at(2060, 2, 29, 0, 0))
        );
        // The longest gap, across the non-leap 2100: forty years.
        assert_eq!(
            s.next_fire_after(at(2088, 2, 29, 0, 0)),
            Some(at(2128, 2, 29, 0, 0))
        );
        assert_eq!(s.fires_between(SimTime::EPOCH, SimTime(u64::MAX)), first);
    }

    #[test]
    fn impossible_date_never_fires() {
        let s = cron("0 0 30 2 *");
        assert!(!s.can_fire());
        assert_eq!(s.next_fire_after(SimTime::EPOCH), None);
        assert_eq!(s.fires_between(SimTime::EPOCH, SimTime(u64::MAX)), None);
        assert!(!cron("0 0 31 4,6,9,11 *").can_fire());
        assert!(cron("0 0 31 4,6,9,12 *").can_fire());
        // With a restricted weekday too, Vixie's OR rule makes it fire on Mondays.
        assert!(cron("0 0 30 2 1").can_fire());
        assert_eq!(
            cron("0 0 30 2 1").next_fire_after(SimTime::EPOCH),
            Some(at(2026, 2, 2, 0, 0))
        );
    }

    #[test]
    fn restricted_day_of_month_or_weekday_matches_either() {
        // The 13th, or any Friday.
        let s = cron("0 0 13 * 5");
        assert_eq!(
            s.next_fire_after(at(2026, 1, 1, 0, 0)),
            Some(at(2026, 1, 2, 0, 0))
        );
        assert!(s.matches(at(2026, 1, 13, 0, 0))); // a Tuesday, but the 13th
        assert!(s.matches(at(2026, 1, 9, 0, 0))); // a Friday, the 9th
        assert!(s.matches(at(2026, 2, 13, 0, 0))); // both
        assert!(!s.matches(at(2026, 1, 14, 0, 0))); // Wednesday the 14th
    }

    #[test]
    fn star_prefixed_day_field_keeps_the_and_rule() {
        // Vixie cron: `*/2` starts with `*`, so both fields must match.
        let s = cron("0 0 */2 * 1");
        assert!(s.matches(at(2026, 1, 5, 0, 0))); // Monday the 5th (odd)
        assert!(!s.matches(at(2026, 1, 12, 0, 0))); // Monday the 12th (even)
        assert!(!s.matches(at(2026, 1, 3, 0, 0))); // Saturday the 3rd
                                                   // Restricted weekday with `*` day of month: weekday alone decides.
        assert!(!cron("0 0 * * 1").matches(at(2026, 1, 13, 0, 0)));
    }

    #[test]
    fn sunday_is_both_zero_and_seven() {
        let expected = Some(at(2026, 1, 4, 12, 0));
        for text in ["0 12 * * 7", "0 12 * * 0", "0 12 * * SUN", "0 12 * * sun"] {
            let s = cron(text);
            assert_eq!(s.next_fire_after(at(2026, 1, 1, 0, 0)), expected, "{text}");
            assert_eq!(s.describe(), "every Sunday at 12:00");
        }
        assert_eq!(cron("0 0 * * 5-7").days_of_week, 0b110_0001); // Fri, Sat, Sun
    }

    #[test]
    fn names_lists_ranges_and_steps_parse() {
        let s = cron("0,30 8-18/2 * jan,Jul mon-FRI");
        assert_eq!(set_bits(s.minutes), [0, 30]);
        assert_eq!(set_bits(s.hours), [8, 10, 12, 14, 16, 18]);
        assert_eq!(set_bits(s.months), [1, 7]);
        assert_eq!(set_bits(s.days_of_week), [1, 2, 3, 4, 5]);
        assert_eq!(set_bits(cron("5/20 * * * *").minutes), [5, 25, 45]);
        assert_eq!(set_bits(cron("* * * * */2").days_of_week), [0, 2, 4, 6]);
        assert_eq!(cron("  0   0 * * *  ").source(), "0   0 * * *");
    }

    #[test]
    fn fires_between_finds_the_first_fire_in_a_half_open_interval() {
        let s = cron("0 0 * * *");
        let from = at(2026, 1, 1, 10, 0);
        assert_eq!(
            s.fires_between(from, at(2026, 1, 2, 0, 0)),
            Some(at(2026, 1, 2, 0, 0))
        );
        assert_eq!(s.fires_between(from, at(2026, 1, 1, 23, 59)), None);
        // The lower end is excluded.
        assert_eq!(
            s.fires_between(at(2026, 1, 2, 0, 0), at(2026, 1, 2, 12, 0)),
            None
        );
        // Empty or reversed intervals never fire.
        assert_eq!(s.fires_between(from, from), None);
        assert_eq!(s.fires_between(at(2026, 1, 3, 0, 0), from), None);
        // A cycle of 6 simulated hours with a 6-hourly schedule fires every cycle.
        let six = cron("0 */6 * * *");
        let mut clock = SimTime::EPOCH;
        for _ in 0..8 {
            let next = clock.plus_minutes(6 * 60);
            assert_eq!(six.fires_between(clock, next), Some(next));
            clock = next;
        }
    }

    #[test]
    fn describe_uses_plain_words_for_common_schedules() {
        let cases = [
            ("0 0 * * *", "every day at 00:00"),
            ("0 * * * *", "every hour at minute 0"),
            ("0 */6 * * *", "every 6 hours"),
            ("15 */6 * * *", "every 6 hours at minute 15"),
            ("30 9 * * 1", "every Monday at 09:30"),
            ("30 9 * * MON", "every Monday at 09:30"),
            ("0 9 * * 1-5", "every weekday (Monday to Friday) at 09:00"),
            (
                "0 9 * * 1,3,5",
                "every Monday, Wednesday and Friday at 09:00",
            ),
            ("* * * * *", "every minute"),
            ("*/15 * * * *", "every 15 minutes"),
            ("0 0 1 * *", "on day 1 of every month at 00:00"),
            ("0 0 29 2 *", "every year on February 29 at 00:00"),
            ("0 0 1-31 * 1", "every day at 00:00"), // OR rule with every day of the month
        ];
        for (text, words) in cases {
            assert_eq!(cron(text).describe(), words, "{text}");
        }
        for text in ["0 */7 * * *", "0 0 13 * 5", "1,2 3 * * *", "0 0 * 6 *"] {
            assert_eq!(cron(text).describe(), format!("at cron `{text}`"), "{text}");
        }
    }

    #[test]
    fn invalid_expressions_explain_the_field_and_range() {
        assert_eq!(
            err("0 24 * * *").to_string(),
            "hour 24 is out of range 0–23"
        );
        assert_eq!(
            err("0 0 * * * *").to_string(),
            "a cron expression has 5 fields (minute hour day month weekday), got 6"
        );
        assert_eq!(err("0 0 * *"), CronError::FieldCount { got: 4 });
        assert_eq!(err(""), CronError::Empty);
        assert_eq!(err("   \t\n"), CronError::Empty);
        assert_eq!(
            err("60 * * * *").to_string(),
            "minute 60 is out of range 0–59"
        );
        assert_eq!(
            err("0 0 0 * *").to_string(),
            "day of month 0 is out of range 1–31"
        );
        assert_eq!(
            err("0 0 * 13 *").to_string(),
            "month 13 is out of range 1–12"
        );
        assert_eq!(
            err("0 0 * * 8").to_string(),
            "day of week 8 is out of range 0–7"
        );
        assert_eq!(
            err("*/0 * * * *").to_string(),
            "minute step 0 is out of range 1–59"
        );
        assert_eq!(
            err("0 */24 * * *").to_string(),
            "hour step 24 is out of range 1–23"
        );
        assert_eq!(
            err("5-1 * * * *").to_string(),
            "minute range 5-1 is reversed: write the smaller value first"
        );
        assert_eq!(
            err("99999999999999999999 * * * *").to_string(),
            "minute 99999999999999999999 is out of range 0–59"
        );
        assert!(matches!(
            err("*/99999999999 * * * *"),
            CronError::StepOutOfRange {
                field: CronField::Minute,
                ..
            }
        ));
        assert_eq!(
            err("1,,2 * * * *").to_string(),
            "minute has an empty item in the list `1,,2`"
        );
        let garbage = err("abc * * * *");
        assert_eq!(
            garbage,
            CronError::InvalidValue {
                field: CronField::Minute,
                text: "abc".into()
            }
        );
        assert!(garbage.to_string().contains("use 0–59"));
        assert!(err("0 0 * FOO *").to_string().contains("1–12 or JAN–DEC"));
        assert!(matches!(
            err("0 0 * * MON-"),
            CronError::InvalidValue { .. }
        ));
        assert!(matches!(err("-5 * * * *"), CronError::InvalidValue { .. }));
        assert!(matches!(err("+5 * * * *"), CronError::InvalidValue { .. }));
        assert!(matches!(err("é * * * *"), CronError::InvalidValue { .. }));
        assert!(matches!(err("٣ * * * *"), CronError::InvalidValue { .. })); // Arabic-Indic 3
        assert!(matches!(
            err("0 0 * * SAT-SUN"),
            CronError::ReversedRange { .. }
        ));
        assert!(matches!(err(&"1 ".repeat(200)), CronError::TooLong { .. }));
    }

    #[test]
    fn serde_round_trips_through_the_source_text_and_revalidates() {
        let s = cron("30 9 * * MON");
        let json = serde_json::to_string(&s).expect("serialises");
        assert_eq!(json, "\"30 9 * * MON\"");
        let back: CronSchedule = serde_json::from_str(&json).expect("deserialises");
        assert_eq!(back, s);
        assert!(serde_json::from_str::<CronSchedule>("\"0 24 * * *\"").is_err());
        let e = err("0 24 * * *");
        let e_json = serde_json::to_string(&e).expect("error serialises");
        assert_eq!(serde_json::from_str::<CronError>(&e_json).ok(), Some(e));
    }

    proptest! {
        // Thousands of hostile inputs: a parser of user text must never panic.
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn arbitrary_strings_never_panic(text in ".{0,80}") {
            if let Ok(s) = CronSchedule::parse(&text) {
                let _ = s.describe();
                let _ = s.next_fire_after(SimTime::EPOCH);
            }
        }

        #[test]
        fn cron_like_strings_never_panic(
            text in "[0-9*/,A-Za-z -]{0,40}",
            t in any::<u64>(),
        ) {
            if let Ok(s) = CronSchedule::parse(&text) {
                let _ = s.describe();
                if let Some(f) = s.next_fire_after(SimTime(t)) {
                    prop_assert!(f.0 > t);
                    prop_assert!(s.matches(f));
                }
                let _ = s.fires_between(SimTime(t), SimTime(t.saturating_add(100_000)));
            }
        }

        #[test]
        fn civil_round_trips(minutes in 0u64..(400 * 366 * MINUTES_PER_DAY)) {
            let t = SimTime(minutes);
            let c = t.civil();
            prop_assert_eq!(SimTime::from_civil(c.year, c.month, c.day, c.hour, c.minute), Some(t));
            prop_assert_eq!(c.weekday, Weekday::ALL[((minutes / MINUTES_PER_DAY + 4) % 7) as usize]);
        }

        #[test]
        fn next_fire_matches_minute_by_minute_search(
            minute in prop::sample::select(vec!["*", "0", "*/15", "5,35", "10-20/5", "59"]),
            hour in prop::sample::select(vec!["*", "0", "*/6", "9-17", "23"]),
            dom in prop::sample::select(vec!["*", "1", "13", "*/10", "28-31"]),
            month in prop::sample::select(vec!["*", "2", "*/3", "JAN-MAR"]),
            dow in prop::sample::select(vec!["*", "0", "5", "MON-FRI", "*/3"]),
            start in 0u64..(3 * 365 * MINUTES_PER_DAY),
        ) {
            let s = cron(&format!("{minute} {hour} {dom} {month} {dow}"));
            let t = SimTime(start);
            let limit = 40 * MINUTES_PER_DAY;
            let fast = s.next_fire_after(t);
            let slow = brute_next(&s, t, limit);
            match fast {
                Some(f) if f.0 - t.0 <= limit => prop_assert_eq!(Some(f), slow),
                _ => prop_assert_eq!(slow, None),
            }
            // fires_between agrees with next_fire_after within `limit`.
            let to = t.plus_minutes(limit);
            prop_assert_eq!(s.fires_between(t, to), fast.filter(|&f| f <= to));
        }
    }
}
