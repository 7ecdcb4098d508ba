//! The simulated clock: whole minutes since 2026-01-01 00:00 (a Thursday),
//! with its calendar date, time of day and weekday.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::sim::stream::calendar::{civil_from_days, days_from_civil, days_in_month};

/// Minutes in an hour.
pub const MINUTES_PER_HOUR: u64 = 60;
/// Minutes in a day.
pub const MINUTES_PER_DAY: u64 = 24 * MINUTES_PER_HOUR;

/// Days from 1970-01-01 to 2026-01-01, the simulated clock's minute zero.
const EPOCH_DAYS_SINCE_1970: i64 = 20_454;

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
pub(super) fn weekday_from_days(days: i64) -> Weekday {
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
pub(super) fn days_since_1970(day_index: u64) -> i64 {
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

// Native only: the core is tested natively (proptest and approx are native dev-dependencies).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(year: i64, month: u32, day: u32, hour: u32, minute: u32) -> SimTime {
        SimTime::from_civil(year, month, day, hour, minute).expect("valid test date")
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

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn civil_round_trips(minutes in 0u64..(400 * 366 * MINUTES_PER_DAY)) {
            let t = SimTime(minutes);
            let c = t.civil();
            prop_assert_eq!(SimTime::from_civil(c.year, c.month, c.day, c.hour, c.minute), Some(t));
            prop_assert_eq!(c.weekday, Weekday::ALL[((minutes / MINUTES_PER_DAY + 4) % 7) as usize]);
        }
    }
}
