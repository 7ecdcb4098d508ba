//! A [`Problem`] the engine reports, as the sentence the page shows.

use super::weather::{race_without_cycles, weather_problem};
use crate::sim::retraining::problem::Problem;

/// What the page says about `problem`.
pub fn problem_text(problem: &Problem) -> String {
    match problem {
        Problem::DefaultsInstead(e) => format!("{e}; using the defaults"),
        Problem::Run(e) | Problem::Race(e) => e.to_string(),
        Problem::OwnData(e) => format!("Your data could not start a run: {e}"),
        Problem::Csv(e) => format!("Your CSV was not loaded: {e}. Nothing else changed."),
        Problem::Weather(e) => weather_problem(e),
        Problem::CycleNotRecorded { cycle, kept } => {
            format!("Cycle {cycle} is not recorded (the newest {kept} cycles are kept).")
        }
        Problem::NotInRegistry { a, b } => {
            format!("Cannot compare v{a} and v{b}: both must be in the registry.")
        }
        Problem::Rollback(e) => format!("Rollback refused: {e}"),
        Problem::RaceWithoutCycles { batch_size } => race_without_cycles(*batch_size),
    }
}
