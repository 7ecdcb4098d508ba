//! Measurement behind docs/late-labels.md: how far the estimated accuracy
//! (`sim::ml::estimate`, CBPE) is from the accuracy the live model can really
//! expect (`sim::ml::truth::expected_accuracy`), per model and drift kind, over
//! many seeds, for a few strengths of the calibration's pull.
//!
//!   cargo run --example estimate_error -- [SEEDS]
//!
//! Each seed: a model trained on a window of 3 default batches' training
//! parts (3 × 350 rows), calibrated on a 150-row hold-out of the same concept,
//! then estimated on a 500-row batch drawn under full drift (sudden, strength
//! 1; concept drift also at 0.5 = 90°) with the default label noise (0.05).
//! Prints one line per (model, drift, pull): the mean signed error
//! (estimate − truth), the mean absolute error, the largest absolute error
//! and the mean truth.
use retrain_playground::sim::ml::estimate::{calibrate_with, PULL};
use retrain_playground::sim::ml::train::train;
use retrain_playground::sim::ml::truth::expected_accuracy;
use retrain_playground::sim::params::{DriftKind, ModelKind, SimParams};
use retrain_playground::sim::stream::drift::{drift_at, DriftState};
use retrain_playground::sim::stream::{generate_batch, rng_from_seed};

fn main() {
    let seeds: u64 = std::env::args()
        .nth(1)
        .map_or(40, |a| a.parse().expect("seeds"));
    let noise = 0.05;
    let cases: Vec<(&str, DriftState)> = vec![
        ("none", DriftState::none(5)),
        (
            "covariate 1.0",
            drift_at(&params(DriftKind::Covariate, 1.0), 5),
        ),
        (
            "covariate 0.5",
            drift_at(&params(DriftKind::Covariate, 0.5), 5),
        ),
        ("concept 0.5", drift_at(&params(DriftKind::Concept, 0.5), 5)),
        ("concept 1.0", drift_at(&params(DriftKind::Concept, 1.0), 5)),
        ("prior 1.0", drift_at(&params(DriftKind::Prior, 1.0), 5)),
    ];
    for kind in [ModelKind::LogisticRegression, ModelKind::DecisionTree] {
        for (name, drift) in &cases {
            for shrink in [0.0, PULL, 5.0, 20.0, 1e9] {
                let mut errors = Vec::new();
                let mut truths = Vec::new();
                for seed in 0..seeds {
                    let mut rng = rng_from_seed(1_000 + seed);
                    let none = DriftState::none(0);
                    let window = generate_batch(&mut rng, 0, 1_050, &none, noise);
                    let holdout = generate_batch(&mut rng, 0, 150, &none, noise);
                    let Ok(model) = train(kind, 6, &window) else {
                        continue;
                    };
                    let cal = calibrate_with(&model, &window, &holdout, shrink);
                    let batch = generate_batch(&mut rng, 5, 500, drift, noise);
                    let Some(estimate) = cal.estimate(&model, &batch.x) else {
                        continue;
                    };
                    let truth = expected_accuracy(&model, drift, noise);
                    errors.push(estimate - truth);
                    truths.push(truth);
                }
                let n = errors.len().max(1) as f64;
                let bias = errors.iter().sum::<f64>() / n;
                let mae = errors.iter().map(|e| e.abs()).sum::<f64>() / n;
                let max = errors.iter().fold(0.0f64, |m, e| m.max(e.abs()));
                let truth = truths.iter().sum::<f64>() / n;
                println!(
                    "{:<8} {:<14} pull {:>6}: bias {:+.3}  mae {:.3}  max {:.3}  truth {:.3}",
                    kind.key(),
                    name,
                    if shrink > 1e6 {
                        "raw".to_string()
                    } else {
                        format!("{shrink}")
                    },
                    bias,
                    mae,
                    max,
                    truth
                );
            }
        }
    }
}

fn params(kind: DriftKind, strength: f64) -> SimParams {
    SimParams::default()
        .drift_kind(kind)
        .drift_strength(strength)
        .drift_onset(1)
}
