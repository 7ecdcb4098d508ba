//! Dates as day counts and back, in the proleptic Gregorian calendar: the one
//! calendar both the cron clock ([`crate::sim::retraining::cron`]) and the time column of an
//! uploaded CSV file ([`crate::sim::stream::csv_data`]) use.
//!
//! Converted by hand with Howard Hinnant's `days_from_civil` and
//! `civil_from_days` algorithms ("chrono-Compatible Low-Level Date Algorithms")
//! rather than with a date crate: there is no time zone, no system clock and no
//! locale in them, so the same date gives the same day count natively and in
//! the browser, and the wasm stays small.
//!
//! Day 0 is 1970-01-01 (a Thursday); earlier dates have negative counts.

/// Whether `year` has a 29 February (Gregorian rule: every 4th year, except
/// centuries, except every 4th century).
pub fn is_leap_year(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in `month` (1..=12) of `year`; 0 for a month outside 1..=12.
pub fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a date. The date must exist (month 1..=12, day
/// 1..=[`days_in_month`]): callers check it first, this only does arithmetic.
/// Exact whenever the count lies within ±`i64::MAX / 2` (years up to about
/// ±10^16).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    // The year is counted from March, so the leap day is the last day of it.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400; // [0, 399]
    let mp = i64::from((month + 9) % 12); // March = 0
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    era * 146_097 + doe - 719_468
}

/// The date `(year, month, day)` of a day count since 1970-01-01: the inverse
/// of [`days_from_civil`], for any count up to ±`i64::MAX / 2`.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097; // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32; // [1, 31]
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32; // [1, 12]
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The day after a date, counted the way a person does (the oracle).
    fn next_day((year, month, day): (i64, u32, u32)) -> (i64, u32, u32) {
        if day < days_in_month(year, month) {
            (year, month, day + 1)
        } else if month < 12 {
            (year, month + 1, 1)
        } else {
            (year + 1, 1, 1)
        }
    }

    #[test]
    fn known_dates_have_known_day_counts() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(2024, 2, 29), 19_782);
        assert_eq!(days_from_civil(2026, 1, 1), 20_454);
        assert_eq!(days_from_civil(0, 3, 1), -719_468);
        assert_eq!(civil_from_days(20_454), (2026, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
    }

    #[test]
    fn leap_years_follow_the_gregorian_rule() {
        for (year, leap) in [
            (2024, true),
            (2023, false),
            (2000, true),
            (1900, false),
            (2100, false),
            (2400, true),
            (0, true),
            (-4, true),
            (-100, false),
        ] {
            assert_eq!(is_leap_year(year), leap, "{year}");
            let days: u32 = (1..=12).map(|m| days_in_month(year, m)).sum();
            assert_eq!(days, if leap { 366 } else { 365 }, "{year}");
        }
        assert_eq!(days_in_month(2024, 0), 0);
        assert_eq!(days_in_month(2024, 13), 0);
    }

    #[test]
    fn every_day_of_four_centuries_follows_the_one_before() {
        let mut date = (1900, 1, 1);
        let start = days_from_civil(1900, 1, 1);
        for days in start..start + 146_097 {
            assert_eq!(civil_from_days(days), date, "day {days}");
            assert_eq!(days_from_civil(date.0, date.1, date.2), days);
            date = next_day(date);
        }
        assert_eq!(date, (2300, 1, 1));
    }

    proptest! {
        #[test]
        fn day_counts_round_trip(days in -(i64::MAX / 2)..(i64::MAX / 2)) {
            let (year, month, day) = civil_from_days(days);
            prop_assert!((1..=12).contains(&month));
            prop_assert!(day >= 1 && day <= days_in_month(year, month));
            prop_assert_eq!(days_from_civil(year, month, day), days);
        }

        #[test]
        fn the_next_count_is_the_next_day(days in -1_000_000_000i64..1_000_000_000) {
            prop_assert_eq!(civil_from_days(days + 1), next_day(civil_from_days(days)));
        }
    }
}
