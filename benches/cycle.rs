//! How long ONE full retraining cycle takes (`Simulation::finish_cycle`: draw a
//! batch, score the live model and v1, train a candidate on the window, score
//! it, decide), for training windows of 1,000, 10,000 and 100,000 rows and both
//! learners.
//!
//! Every run is seeded with the default settings (concept drift from cycle 3,
//! hold-out 30 %) and warmed up for 9 cycles outside the measurement, so the
//! measured cycle is always cycle 10, past the drift onset. Each iteration runs
//! that cycle on a fresh clone of the warmed-up simulation.
//!
//!   1k rows:   batches of 1,429 rows (1,000 training + 429 hold-out), newest batch
//!   10k rows:  batches of 14,286 rows (10,000 + 4,286), newest batch
//!   100k rows: batches of 14,286 rows, all data: 10 batches of 10,000 rows
//!              (the window cap, `MAX_WINDOW_ROWS`)
//!
//! `make bench` runs it with `cargo bench --profile worker-release --bench cycle`
//! (a few minutes on 2 cores): opt-level 3 with LTO, the profile of the Web
//! Worker, where all training runs in the browser. A plain `cargo bench --bench
//! cycle` uses the bench profile instead, which inherits `[profile.release]`
//! (opt-level "z", the page's size-optimised profile) and trains about 3x slower.

use std::time::Duration;

use criterion::{
    criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, SamplingMode, Throughput,
};
use retrain_playground::sim::params::{ModelKind, SimParams, TrainingWindow, MAX_WINDOW_ROWS};
use retrain_playground::sim::retraining::cycle::Simulation;

/// Cycles run before the measured one.
const WARM_UP_CYCLES: u32 = 9;

/// One training-window size to measure.
struct WindowCase {
    label: &'static str,
    rows: usize,
    batch_size: usize,
    window: TrainingWindow,
}

const CASES: [WindowCase; 3] = [
    WindowCase {
        label: "1k rows",
        rows: 1_000,
        batch_size: 1_429,
        window: TrainingWindow::NewestBatch,
    },
    WindowCase {
        label: "10k rows",
        rows: 10_000,
        batch_size: 14_286,
        window: TrainingWindow::NewestBatch,
    },
    WindowCase {
        label: "100k rows",
        rows: MAX_WINDOW_ROWS,
        batch_size: 14_286,
        window: TrainingWindow::AllData,
    },
];

/// A seeded run after the warm-up cycles, checked to train its next candidate on
/// exactly `case.rows` rows.
fn warmed_up(model: ModelKind, case: &WindowCase) -> Simulation {
    let params = SimParams::default()
        .seed(42)
        .model(model)
        .batch_size(case.batch_size)
        .holdout_fraction(0.3)
        .window(case.window);
    let mut sim = Simulation::from_params(params).expect("benchmark parameters are valid");
    for _ in 0..WARM_UP_CYCLES {
        sim.finish_cycle();
    }
    let mut probe = sim.clone();
    let summary = probe.finish_cycle().expect("the cycle finishes");
    assert_eq!(summary.window.rows, case.rows, "{model:?} {}", case.label);
    assert!(
        summary.candidate.is_some(),
        "{model:?} {}: a candidate is trained",
        case.label
    );
    sim
}

fn one_cycle(c: &mut Criterion) {
    let mut group = c.benchmark_group("finish_cycle");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for model in ModelKind::ALL {
        for case in &CASES {
            let sim = warmed_up(model, case);
            group.throughput(Throughput::Elements(case.rows as u64));
            group.bench_with_input(BenchmarkId::new(model.key(), case.label), &sim, |b, sim| {
                b.iter_batched(
                    || sim.clone(),
                    |mut sim| {
                        sim.finish_cycle();
                        sim // dropped after the clock stops
                    },
                    BatchSize::PerIteration,
                )
            });
        }
    }
    group.finish();
}

criterion_group!(benches, one_cycle);
criterion_main!(benches);
