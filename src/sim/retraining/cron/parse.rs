//! The cron syntax: the five fields, why an expression is rejected, and a
//! [`CronSchedule`] parsed from its text (and serialised back to it).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The longest cron expression accepted, in bytes.
pub const MAX_EXPRESSION_LEN: usize = 256;

const MONTH_NAMES: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];

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

/// The set bits of `mask`, lowest first.
pub(super) fn set_bits(mask: u64) -> Vec<u32> {
    (0..64).filter(|b| mask & (1u64 << b) != 0).collect()
}

/// A parsed 5-field cron schedule, evaluated on the simulated clock.
///
/// Serialised as its source text (`"0 0 * * *"`), and checked again when
/// deserialised, so a stored schedule can never hold an invalid state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CronSchedule {
    /// The expression as written, without surrounding whitespace.
    pub(super) source: String,
    /// Bit `m` set when minute `m` matches.
    pub(super) minutes: u64,
    /// Bit `h` set when hour `h` matches.
    pub(super) hours: u64,
    /// Bits 1..=31.
    pub(super) days_of_month: u64,
    /// Bits 1..=12.
    pub(super) months: u64,
    /// Bits 0..=6, Sunday = 0.
    pub(super) days_of_week: u64,
    /// The day-of-month field starts with `*` (Vixie cron's DOM_STAR).
    pub(super) dom_star: bool,
    /// The day-of-week field starts with `*` (Vixie cron's DOW_STAR).
    pub(super) dow_star: bool,
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
    use super::super::clock::SimTime;
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

    #[test]
    fn sunday_is_both_zero_and_seven() {
        let expected = Some(at(2026, 1, 4, 12, 0));
        for text in ["0 12 * * 7", "0 12 * * 0", "0 12 * * SUN", "0 12 * * sun"] {
            let s = cron(text);
            assert_eq!(s.next_fire_after(at(2026, 1, 1, 0, 0)), expected, "{text}");
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
                let _ = s.next_fire_after(SimTime::EPOCH);
            }
        }
    }
}
