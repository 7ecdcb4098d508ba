//! The retraining loop: the settings table, the eight steps as typed facts, the
//! cycle that runs them, triggers, cron schedules, validation, the registry,
//! history, cost and the policy race.

pub mod below_half;
pub mod circle_run;
pub mod cost;
pub mod cron;
pub mod cycle;
pub mod estimate_gap;
pub mod history;
pub mod input_drift;
pub mod outcome;
pub mod problem;
pub mod race;
pub mod registry;
pub mod scenarios;
pub mod scorecard;
pub mod settings;
pub mod step_kind;
pub mod steps;
pub mod sweep;
pub mod team_view;
pub mod triggers;
pub mod validate;
pub mod weather_run;
