//! The real data sets the page ships beside the synthetic stream: which one a
//! run streams ([`RealData`], carried by links and scenarios), where the page
//! fetches its file, and why a fetch failed ([`FetchFailure`]). Each file is
//! fetched only when its data is chosen: none is part of the first load.

use serde::{Deserialize, Serialize};

use crate::sim::stream::circle::CIRCLE_FILE;
use crate::sim::stream::weather::{FeaturePair, WEATHER_FILE};

/// A real data set a run can stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RealData {
    /// Daily weather in Nebraska, with these two of its eight features
    /// ([`crate::sim::stream::weather`]).
    Weather(FeaturePair),
    /// The Circle benchmark of Minku, White & Yao (2010)
    /// ([`crate::sim::stream::circle`]).
    Circle,
}

impl RealData {
    /// Where the page fetches the data's file, relative to the page.
    pub fn file(self) -> &'static str {
        match self {
            RealData::Weather(_) => WEATHER_FILE,
            RealData::Circle => CIRCLE_FILE,
        }
    }
}

/// Why the page could not fetch a data file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FetchFailure {
    /// The host answered with this HTTP status.
    Status(u16),
    /// No answer: offline (and never fetched before), or the host is down.
    Network,
    /// The answer could not be read as text.
    Unreadable,
}
