//! What a parsed [`CronSchedule`] means on the simulated clock: whether a
//! minute matches, the next fire after a moment, the first fire within an
//! interval, whether it can fire at all, and the schedule's shape (worded by
//! `wording::cron_text`).

use super::clock::{days_since_1970, weekday_from_days, SimTime, Weekday};
use super::clock::{MINUTES_PER_DAY, MINUTES_PER_HOUR};
use super::parse::{set_bits, CronSchedule};
use serde::{Deserialize, Serialize};

use crate::sim::stream::calendar::{civil_from_days, days_in_month};

/// One full Gregorian cycle (400 years, a whole number of weeks): every date
/// recurs on every weekday it can fall on within it, so it is the most
/// [`CronSchedule::next_fire_after`] and [`CronSchedule::fires_between`] scan.
const GREGORIAN_CYCLE_DAYS: u64 = 146_097;

/// A time of day on the simulated clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeOfDay {
    /// 0..=23.
    pub hour: u32,
    /// 0..=59.
    pub minute: u32,
}

/// The shape of a schedule, for the common cases a sentence can say.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CronPattern {
    /// Every minute.
    EveryMinute,
    /// Every `n` minutes.
    EveryMinutes(u32),
    /// Every hour at this minute.
    HourlyAt {
        /// The minute.
        minute: u32,
    },
    /// Every `hours` hours at this minute.
    EveryHours {
        /// Hours between runs.
        hours: u32,
        /// The minute.
        minute: u32,
    },
    /// Every day at a time.
    Daily {
        /// The time.
        at: TimeOfDay,
    },
    /// Monday to Friday at a time.
    MondayToFriday {
        /// The time.
        at: TimeOfDay,
    },
    /// These weekdays at a time.
    OnWeekdays {
        /// The days, Sunday first.
        days: Vec<Weekday>,
        /// The time.
        at: TimeOfDay,
    },
    /// This day of every month at a time.
    Monthly {
        /// Day of the month.
        day: u32,
        /// The time.
        at: TimeOfDay,
    },
    /// This day of this month every year at a time.
    Yearly {
        /// Month, 1..=12.
        month: u32,
        /// Day of the month.
        day: u32,
        /// The time.
        at: TimeOfDay,
    },
    /// Anything else: shown as the expression itself.
    Other,
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

    /// The schedule's shape for the common cases (every minute, every few
    /// hours, a weekly or monthly time, …), which `wording::cron_text` words;
    /// [`CronPattern::Other`] otherwise.
    pub fn pattern(&self) -> CronPattern {
        self.common_pattern().unwrap_or(CronPattern::Other)
    }

    fn common_pattern(&self) -> Option<CronPattern> {
        let single = |mask: u64| (mask.count_ones() == 1).then(|| mask.trailing_zeros());
        let all_months = self.months == ALL_MONTHS;
        let rule = self.day_rule();
        let every_day = all_months && matches!(rule, DayRule::EveryDay);

        if every_day && self.hours == ALL_HOURS {
            if self.minutes == ALL_MINUTES {
                return Some(CronPattern::EveryMinute);
            }
            if let Some(n) = even_step(self.minutes, 60) {
                return Some(CronPattern::EveryMinutes(n));
            }
            if let Some(m) = single(self.minutes) {
                return Some(CronPattern::HourlyAt { minute: m });
            }
            return None;
        }
        let minute = single(self.minutes)?;
        if every_day {
            if let Some(n) = even_step(self.hours, 24) {
                return Some(CronPattern::EveryHours { hours: n, minute });
            }
        }
        let hour = single(self.hours)?;
        let at = TimeOfDay { hour, minute };
        match rule {
            DayRule::EveryDay if all_months => Some(CronPattern::Daily { at }),
            DayRule::Weekdays(mask) if all_months => {
                if mask == bits(1, 5) {
                    return Some(CronPattern::MondayToFriday { at });
                }
                let days: Vec<Weekday> = set_bits(mask)
                    .into_iter()
                    .filter_map(Weekday::from_index)
                    .collect();
                Some(CronPattern::OnWeekdays { days, at })
            }
            DayRule::MonthDays(mask) => {
                let day = single(mask)?;
                if all_months {
                    Some(CronPattern::Monthly { day, at })
                } else {
                    let month = single(self.months)?;
                    (1..=12)
                        .contains(&month)
                        .then_some(CronPattern::Yearly { month, day, at })
                }
            }
            _ => None,
        }
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

    /// Minute-by-minute reference for `next_fire_after`, for short spans.
    fn brute_next(s: &CronSchedule, t: SimTime, limit: u64) -> Option<SimTime> {
        (t.0 + 1..=t.0 + limit).map(SimTime).find(|&m| s.matches(m))
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

    proptest! {
        // Thousands of hostile inputs: a parser of user text must never panic.
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn cron_like_strings_never_panic(
            text in "[0-9*/,A-Za-z -]{0,40}",
            t in any::<u64>(),
        ) {
            if let Ok(s) = CronSchedule::parse(&text) {
                let _ = s.pattern();
                if let Some(f) = s.next_fire_after(SimTime(t)) {
                    prop_assert!(f.0 > t);
                    prop_assert!(s.matches(f));
                }
                let _ = s.fires_between(SimTime(t), SimTime(t.saturating_add(100_000)));
            }
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
