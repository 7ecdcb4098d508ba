//! Benchmark helper (`make bench`): where should L-BFGS start when a logistic
//! regression is retrained? Compares the starts of `sim::train::LogisticStart`
//! on the windows a drifting run retrains on (each cycle's fit starts from the
//! previous cycle's model), timing each fit and checking that every start
//! leads to the same decision as a cold start from zero.
//!
//!   cargo run --release --example warm_start -- [ROWS] [CYCLES]
//!
//! Prints one JSON line per start and drift kind:
//! {"start":"Best","kind":"Concept","pattern":"Sudden","rows":5000,"fits":..,
//!  "median_ms":..,"max_ms":..,"total_ms":..,"max_disagreement":..,"used":..}
//! ("used": the start the app uses, `sim::train::LOGISTIC_START`).
use std::time::Instant;

use retrain_playground::sim::engine::median_of;
use retrain_playground::sim::ml::train::{
    train_with_start, LogisticStart, TrainedModel, LOGISTIC_START,
};
use retrain_playground::sim::params::{DriftKind, DriftPattern, ModelKind, SimParams};
use retrain_playground::sim::stream::drift::drift_at;
use retrain_playground::sim::stream::{generate_batch, rng_from_seed};

fn main() {
    let mut args = std::env::args().skip(1);
    let rows: usize = args.next().map_or(5_000, |a| a.parse().expect("rows"));
    let cycles: u32 = args.next().map_or(30, |a| a.parse().expect("cycles"));
    let starts = [
        LogisticStart::Zero,
        LogisticStart::Previous,
        LogisticStart::Discriminant,
        LogisticStart::Best,
        LogisticStart::Refined,
    ];
    for (kind, pattern) in [
        (DriftKind::Concept, DriftPattern::Sudden),
        (DriftKind::Concept, DriftPattern::Gradual),
        (DriftKind::Covariate, DriftPattern::Gradual),
        (DriftKind::Prior, DriftPattern::Gradual),
    ] {
        let params = SimParams::default()
            .drift_kind(kind)
            .drift_pattern(pattern)
            .drift_onset(cycles / 2)
            .drift_strength(1.0);
        let mut rng = rng_from_seed(7);
        let windows: Vec<_> = (0..=cycles)
            .map(|c| generate_batch(&mut rng, c, rows, &drift_at(&params, c), 0.05))
            .collect();
        // The reference: cold starts from zero.
        let reference: Vec<TrainedModel> = windows
            .iter()
            .map(|w| {
                train_with_start(
                    ModelKind::LogisticRegression,
                    6,
                    w,
                    None,
                    LogisticStart::Zero,
                )
                .expect("trains")
            })
            .collect();
        for start in starts {
            let mut times: Vec<f64> = Vec::new();
            let mut worst = 0.0f64;
            let mut previous: Option<TrainedModel> = None;
            for (w, cold) in windows.iter().zip(&reference) {
                let t0 = Instant::now();
                let m = train_with_start(
                    ModelKind::LogisticRegression,
                    6,
                    w,
                    previous.as_ref(),
                    start,
                )
                .expect("trains");
                times.push(t0.elapsed().as_secs_f64() * 1e3);
                let (a, b) = (m.predict(&w.x), cold.predict(&w.x));
                let differ = a.iter().zip(&b).filter(|(x, y)| x != y).count();
                worst = worst.max(differ as f64 / w.len() as f64);
                previous = Some(m);
            }
            let max = times.iter().copied().fold(0.0, f64::max);
            let total: f64 = times.iter().sum();
            println!(
                "{{\"start\":\"{start:?}\",\"kind\":\"{kind:?}\",\"pattern\":\"{pattern:?}\",\"rows\":{rows},\"fits\":{},\"median_ms\":{:.3},\"max_ms\":{max:.3},\"total_ms\":{total:.3},\"max_disagreement\":{worst:.5},\"used\":{}}}",
                times.len(),
                median_of(times),
                start == LOGISTIC_START,
            );
        }
    }
}
