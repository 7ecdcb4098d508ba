//! Benchmark helper (`make bench`): writes the exact training windows that the
//! worker's `Command::MeasureTraining` fits (seed 42, cycle 0, no drift, label
//! noise 0.05 = `SimParams::default()`) as CSV, and times the same linfa fits
//! natively (median of several runs), so scikit-learn can fit the SAME data.
//!
//!   cargo run --release --example export_window -- OUT_DIR [ROWS...]
//!
//! Writes OUT_DIR/window-<rows>.csv (x1,x2,y) and prints one JSON line per size:
//! {"rows":5000,"logistic_ms":..,"tree_ms":..,"runs":..}
use std::io::Write;
use std::time::Instant;

use retrain_playground::sim::engine::median_of;
use retrain_playground::sim::ml::train::train;
use retrain_playground::sim::params::{ModelKind, SimParams};
use retrain_playground::sim::stream::drift::DriftState;
use retrain_playground::sim::stream::{generate_batch, rng_from_seed};

fn main() {
    let mut args = std::env::args().skip(1);
    let out = args.next().unwrap_or_else(|| "target/bench".into());
    let mut sizes: Vec<usize> = args.map(|a| a.parse().expect("row count")).collect();
    if sizes.is_empty() {
        sizes = vec![1_000, 5_000, 10_000, 100_000];
    }
    std::fs::create_dir_all(&out).expect("create output dir");
    let params = SimParams::default();
    for n in sizes {
        // Same call as Engine::measure in src/sim/protocol.rs.
        let data = generate_batch(
            &mut rng_from_seed(params.seed),
            0,
            n,
            &DriftState::none(0),
            params.label_noise,
        );
        let path = format!("{out}/window-{n}.csv");
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).expect("create csv"));
        writeln!(f, "x1,x2,y").unwrap();
        for (x, y) in data.x.iter().zip(&data.y) {
            writeln!(f, "{:?},{:?},{}", x[0], x[1], u8::from(*y)).unwrap();
        }
        drop(f);
        let runs = if n >= 100_000 { 5 } else { 15 };
        let time = |kind| {
            let _ = train(kind, params.tree_max_depth, &data); // warm-up
            median_of(
                (0..runs)
                    .map(|_| {
                        let t0 = Instant::now();
                        let _ = train(kind, params.tree_max_depth, &data);
                        t0.elapsed().as_secs_f64() * 1e3
                    })
                    .collect(),
            )
        };
        let lr = time(ModelKind::LogisticRegression);
        let tree = time(ModelKind::DecisionTree);
        println!(
            "{{\"rows\":{n},\"logistic_ms\":{lr:.3},\"tree_ms\":{tree:.3},\"runs\":{runs},\"csv\":\"{path}\"}}"
        );
    }
}
