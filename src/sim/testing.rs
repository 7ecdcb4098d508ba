//! Fixtures the tests share (unit tests above the cycle and the integration tests
//! in `tests/`), so no test borrows another file's `mod tests`. Not part of the
//! app: nothing outside tests calls it.

use std::sync::Arc;

use super::params::{RetrainTrigger, SimParams};
use super::retraining::cycle::Simulation;
use super::retraining::scenarios::{scenario, WEATHER_SCENARIO};
use super::retraining::weather_run::{mean_scores, MeanScores};
use super::stream::csv_data::Streaming;
use super::stream::weather::{FeaturePair, WeatherFeature, WeatherTable, DAYS_PER_YEAR, SHIFT_DAY};

/// A fresh run of `params` with `cycles` cycles finished.
pub fn run(params: SimParams, cycles: u32) -> Simulation {
    let mut sim = Simulation::from_params(params).expect("starts");
    sim.finish_cycles(cycles);
    sim
}

/// The cycles whose trigger fired (the main trigger or the floor).
pub fn fired_cycles(sim: &Simulation) -> Vec<u32> {
    sim.summaries()
        .iter()
        .filter(|s| s.trigger.as_ref().is_some_and(|t| t.fired))
        .map(|s| s.cycle)
        .collect()
}

/// The cycles that trained a candidate.
pub fn retrained_cycles(sim: &Simulation) -> Vec<u32> {
    sim.summaries()
        .iter()
        .filter(|s| s.retrained())
        .map(|s| s.cycle)
        .collect()
}

/// The committed file, as the page serves it.
pub fn weather_file() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/static/data/weather-nebraska.csv"
    ))
    .expect("static/data/weather-nebraska.csv is committed")
}

/// The committed Circle file, as the page serves it.
pub fn circle_file() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/static/data/circle-minku.csv"
    ))
    .expect("static/data/circle-minku.csv is committed")
}

/// The scenario's settings (every cycle, the last two years, one year a batch).
pub fn scenario_params() -> SimParams {
    scenario(WEATHER_SCENARIO)
        .expect("the weather scenario exists")
        .params
}

/// The scenario's run on `pair` with `trigger`, to the end of the data.
pub fn run_to_end(table: &WeatherTable, pair: FeaturePair, trigger: RetrainTrigger) -> Simulation {
    let params = scenario_params().trigger(trigger).check().unwrap();
    let data = Arc::new(table.dataset(pair));
    let mut sim = Simulation::with_data(params, Some(data)).unwrap();
    sim.finish_cycles(1_000);
    sim
}

/// Where quantity `j` sits from the shift day on: the column whose values behave like it.
pub fn claimed_order() -> [usize; 8] {
    std::array::from_fn(|j| {
        let f = WeatherFeature::ALL[j];
        WeatherFeature::ALL
            .iter()
            .position(|g| g.values_from_shift() == f)
            .unwrap()
    })
}

/// The table with every day from the shift day on read in the claimed order.
pub fn columns_put_back(table: &WeatherTable) -> WeatherTable {
    let order = claimed_order();
    table.rewritten_from(SHIFT_DAY - 1, |read| {
        std::array::from_fn(|j| read[order[j]])
    })
}

/// Mean scores of the years wholly before the shift day (years 2 to 32),
/// wholly after it (years 34 to 49), and of all: cycle c streams days
/// 365c + 1 to 365(c + 1).
pub fn before_and_after(sim: &Simulation) -> (MeanScores, MeanScores, MeanScores) {
    let s = sim.summaries();
    let part = |keep: &dyn Fn(u32) -> bool| {
        let cycles: Vec<_> = s.iter().filter(|c| keep(c.cycle)).cloned().collect();
        mean_scores(&cycles).expect("cycles on both sides of the shift")
    };
    // The cycle streaming the last whole year before the shift day (31).
    let last_before = ((SHIFT_DAY - 1) / DAYS_PER_YEAR) as u32 - 1;
    (
        part(&|c| c <= last_before),
        part(&|c| c >= last_before + 2),
        part(&|_| true),
    )
}

/// The share of rainy days among each year's last 110 days (the tail a
/// plain 30% split holds out) and among its first 255, over the 49 whole years.
pub fn tail_and_rest_rain(table: &WeatherTable) -> (f64, f64) {
    let share = |days: std::ops::Range<usize>| {
        let (mut rain, mut n) = (0, 0);
        for year in 0..49 {
            for d in days.clone() {
                rain += usize::from(table.rain()[year * DAYS_PER_YEAR + d]);
                n += 1;
            }
        }
        rain as f64 / n as f64
    };
    (share(255..365), share(0..255))
}

/// The scenario's means over its 48 years with each year's last 110 days
/// held out instead of days spread over the year.
pub fn tail_held_means(table: &WeatherTable) -> MeanScores {
    let params = scenario_params().check().unwrap();
    let tail_held = table
        .dataset(FeaturePair::default())
        .streamed(Streaming::WrapAround);
    let mut sim = Simulation::with_data(params, Some(Arc::new(tail_held))).unwrap();
    sim.finish_cycles(48);
    mean_scores(sim.summaries()).unwrap()
}
