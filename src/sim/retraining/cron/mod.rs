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
//!
//! `clock.rs` holds the simulated clock ([`SimTime`], [`CivilTime`],
//! [`Weekday`]), `parse.rs` the syntax ([`CronSchedule::parse`], [`CronField`],
//! [`CronError`]) and `schedule.rs` what a parsed schedule means on the clock:
//! whether a minute matches, the next fire, the schedule in words.

mod clock;
mod parse;
mod schedule;

pub use clock::{CivilTime, SimTime, Weekday, MINUTES_PER_DAY, MINUTES_PER_HOUR};
pub use parse::{CronError, CronField, CronSchedule, MAX_EXPRESSION_LEN};
pub use schedule::{CronPattern, TimeOfDay};
