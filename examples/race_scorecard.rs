//! Measurement helper for the detector scorecard (issue 27): runs the policy
//! race on the default stream (or the pattern named on the command line),
//! prints each policy's scorecard and the sensitivity sweep, and times the
//! race with its sweep against the race alone (median of several runs).
//!
//!   cargo run --release --example race_scorecard -- [PATTERN] [CYCLES] [DETECTOR] [STRENGTH] [BATCH] [KIND]
//!
//! PATTERN sudden|gradual|incremental|recurring, DETECTOR adwin|page-hinkley|ks,
//! KIND concept|covariate|prior (the settings' keys); defaults: the app's.
use std::time::Instant;

use retrain_playground::sim::engine::median_of;
use retrain_playground::sim::params::{
    DetectorKind, DriftKind, DriftPattern, RetrainTrigger, SimParams,
};
use retrain_playground::sim::retraining::race::policy_race;

fn main() {
    let mut args = std::env::args().skip(1);
    let pattern = args
        .next()
        .and_then(|k| DriftPattern::from_key(&k))
        .unwrap_or_default();
    let cycles: u32 = args.next().and_then(|c| c.parse().ok()).unwrap_or(40);
    let mut params = SimParams::default().drift_pattern(pattern);
    if let Some(d) = args.next().and_then(|k| DetectorKind::from_key(&k)) {
        params = params.trigger(RetrainTrigger::DriftDetected(d));
    }
    if let Some(s) = args.next().and_then(|s| s.parse().ok()) {
        params = params.drift_strength(s);
    }
    if let Some(b) = args.next().and_then(|s| s.parse().ok()) {
        params = params.batch_size(b);
    }
    if let Some(k) = args.next().and_then(|k| DriftKind::from_key(&k)) {
        params = params.drift_kind(k);
    }
    let race = policy_race(&params, cycles).expect("the defaults race");
    println!(
        "pattern {pattern:?}, {cycles} cycles, drift points {:?}",
        race.drift_points
    );
    for run in &race.runs {
        let card = run.scorecard.as_ref().expect("synthetic");
        println!(
            "{:<40} retrains {:>2}  detected {}/{}  mean delay {:?}  false alarms {}  missed {}  open {}",
            format!("{:?}", run.trigger),
            run.retrains,
            card.detections.len(),
            card.drift_points,
            card.mean_delay(),
            card.false_alarms,
            card.missed,
            card.open
        );
    }
    if let Some(sweep) = &race.sweep {
        for p in &sweep.points {
            println!(
                "  {:?} {:>6}: false alarms {:>2}, mean delay {:?}, missed {}",
                sweep.detector,
                p.value,
                p.scorecard.false_alarms,
                p.scorecard.mean_delay(),
                p.scorecard.missed
            );
        }
    }
    let time = |f: &dyn Fn()| {
        f();
        median_of(
            (0..5)
                .map(|_| {
                    let t0 = Instant::now();
                    f();
                    t0.elapsed().as_secs_f64() * 1000.0
                })
                .collect(),
        )
    };
    let with_sweep = time(&|| {
        policy_race(&params, cycles).unwrap();
    });
    // Real data has no sweep: the race alone, timed on the same settings by
    // running its five policies without the scorecard's extra runs.
    let one_policy = time(&|| {
        let mut sim = retrain_playground::sim::retraining::cycle::Simulation::from_params(
            params
                .clone()
                .trigger(RetrainTrigger::DriftDetected(Default::default())),
        )
        .unwrap()
        .without_explanations();
        sim.finish_cycles(cycles);
    });
    println!(
        "race with sweep: {with_sweep:.1} ms (median of 5); one detector run of {cycles} cycles: {one_policy:.1} ms; sweep points {}",
        race.sweep.as_ref().map_or(0, |s| s.points.len())
    );
}
