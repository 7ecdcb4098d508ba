//! Why a command changed nothing (or less than it asked), as a typed fact: the
//! engine answers with a [`Problem`], the errors inside keep their types, and
//! `wording::problem_text` is the one place it becomes a sentence.

use serde::{Deserialize, Serialize};

use crate::sim::retraining::circle_run::CircleStartError;
use crate::sim::retraining::cycle::{RollbackError, SimError};
use crate::sim::retraining::weather_run::WeatherStartError;
use crate::sim::stream::csv_data::CsvError;

/// A problem the page tells the reader about; the run goes on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Problem {
    /// The settings asked for could not start a run, so the defaults run instead.
    DefaultsInstead(SimError),
    /// The settings could not start or change the run; it is unchanged.
    Run(SimError),
    /// A run on the reader's own data could not start.
    OwnData(SimError),
    /// The reader's CSV file could not be read; nothing changed.
    Csv(CsvError),
    /// A run on the weather data could not start; the run is unchanged.
    Weather(WeatherStartError),
    /// A run on the Circle data could not start; the run is unchanged.
    Circle(CircleStartError),
    /// A cycle asked for is no longer recorded.
    CycleNotRecorded {
        /// The cycle asked for.
        cycle: u32,
        /// How many of the newest cycles are kept.
        kept: usize,
    },
    /// Two versions to compare, not both in the registry.
    NotInRegistry {
        /// The first version.
        a: u32,
        /// The second version.
        b: u32,
    },
    /// A rollback was refused.
    Rollback(RollbackError),
    /// The policy race has no whole cycle to run on the data.
    RaceWithoutCycles {
        /// The batch size in force.
        batch_size: usize,
    },
    /// The policy race could not start.
    Race(SimError),
    /// No ready scenario has this key (as a link or the page named it).
    UnknownScenario(String),
}
