//! A [`Problem`] the engine reports, and what a link could not use, as the
//! sentences the page shows.

use super::circle::circle_problem;
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
        Problem::Circle(e) => circle_problem(e),
        Problem::CycleNotRecorded { cycle, kept } => {
            format!("Cycle {cycle} is not recorded (the newest {kept} cycles are kept).")
        }
        Problem::NotInRegistry { a, b } => {
            format!("Cannot compare v{a} and v{b}: both must be in the registry.")
        }
        Problem::Rollback(e) => format!("Rollback refused: {e}"),
        Problem::RaceWithoutCycles { batch_size } => race_without_cycles(*batch_size),
        Problem::UnknownScenario(key) => format!(
            "There is no scenario called `{}`.",
            key.chars().take(24).collect::<String>()
        ),
    }
}

/// The notice for a link's problems (each one sentence), if it has any.
pub fn link_problems(problems: &[String]) -> Option<String> {
    (!problems.is_empty())
        .then(|| format!("Some of the link could not be used: {}", problems.join(" ")))
}
