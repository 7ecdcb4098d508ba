//! The eight steps as a whole run takes them: the lesson's table, deploys and
//! alerts, drift and recovery, rollback, windows and faults (integration tests:
//! they read the cycle's words too, and wording sits above the cycle).

#![cfg(not(target_arch = "wasm32"))]

use retrain_playground::sim::params::{DriftKind, DriftPattern, ModelKind, TrainingWindow};
use retrain_playground::sim::params::{SimParams, MAX_WINDOW_ROWS};
use retrain_playground::sim::retraining::cycle::*;
use retrain_playground::sim::retraining::history::{HISTORY_CYCLES, MAX_RECORDS, RECORD_POINTS};
use retrain_playground::sim::retraining::outcome::{Alert, AlertReason, Outcome};
use retrain_playground::sim::retraining::registry::VersionStatus;
use retrain_playground::sim::retraining::steps::StepRecord;
use retrain_playground::sim::testing::run;
use retrain_playground::sim::wording::{alert_message, data_var, model_var, step_cells};

#[test]
fn first_cycle_matches_the_lesson_table() {
    let mut sim = Simulation::from_params(SimParams::default().label_noise(0.0)).unwrap();
    let rows: Vec<StepRecord> = (0..8)
        .map(|_| sim.step().expect("the synthetic stream never ends"))
        .collect();
    let steps: Vec<u8> = rows.iter().map(StepRecord::step).collect();
    assert_eq!(steps, [1, 2, 3, 4, 5, 6, 7, 8]);
    let cells: Vec<_> = rows.iter().map(|r| step_cells(&r.fact)).collect();
    assert_eq!(cells[0].input, "Trained model v1");
    assert_eq!(cells[0].output, "Model ready");
    assert_eq!(cells[1].input, "User data stream");
    assert_eq!(cells[2].input, "New dataset + Model v1");
    assert_eq!(cells[2].output, "Training started");
    assert_eq!(cells[3].output, "New model v2");
    assert_eq!(cells[4].input, "New model v2");
    assert!(cells[4].output.starts_with("Performance = 0."));
    assert!(cells[5].input.ends_with("> 0.80"), "{}", cells[5].input);
    assert_eq!(cells[5].output, "True");
    assert_eq!(cells[6].action, "Deploy model");
    assert_eq!(cells[6].output, "Model v2 live");
    assert_eq!(cells[7].input, "Model v2 live");
    assert_eq!(cells[7].next_step, "Collect new data");
    assert_eq!(sim.live_version(), 2);
    let t = sim.tracker();
    assert_eq!(model_var(t.start.unwrap().model), "v1 (trained)");
    assert_eq!(data_var(t.start.unwrap().data), "initial training data");
    assert_eq!(model_var(t.after_train.unwrap().model), "v2 (retrained)");
    assert_eq!(model_var(t.after_check.unwrap().model), "v2 (passed check)");
    assert_eq!(model_var(t.finish.unwrap().model), "v2 (live)");
    assert!(matches!(
        sim.outcome(),
        Some(Outcome::Deployed {
            version: 2,
            replaced: 1,
            gate: None,
            ..
        })
    ));
}

#[test]
fn strict_threshold_alerts_and_keeps_the_live_model() {
    let mut sim = run(SimParams::default().threshold(0.99), 1);
    assert_eq!(sim.live_version(), 1);
    assert_eq!(sim.alerts().len(), 1);
    let a = &sim.alerts()[0];
    assert!(matches!(
        a.reason,
        AlertReason::BelowThreshold { candidate: 2, threshold, .. } if threshold == 0.99
    ));
    assert_eq!(a.live, 1);
    let message = alert_message(a);
    assert!(message.contains("v2 scored"), "{message}");
    assert!(message.contains("0.99"));
    assert!(message.contains("v1 stays live"));
    assert_eq!(
        sim.registry().get(2).unwrap().status,
        VersionStatus::Rejected
    );
    // The next candidate takes the next number.
    sim.finish_cycle();
    assert_eq!(sim.summaries()[1].candidate, Some(3));
}

#[test]
fn no_drift_keeps_a_stale_model_accurate() {
    let sim = run(
        SimParams::default().drift_strength(0.0).label_noise(0.0),
        12,
    );
    for s in sim.summaries() {
        assert!(s.v1_score > 0.85, "cycle {} v1 {}", s.cycle, s.v1_score);
        assert!(s.deployed(), "cycle {} should deploy", s.cycle);
    }
}

#[test]
fn concept_drift_makes_v1_stale_and_retraining_recovers() {
    let p = SimParams::default()
        .drift_strength(1.0)
        .drift_kind(DriftKind::Concept)
        .drift_pattern(DriftPattern::Sudden)
        .window(TrainingWindow::NewestBatch)
        .label_noise(0.0);
    let sim = run(p, 8);
    let late = &sim.summaries()[6];
    assert!(
        late.v1_score < 0.3,
        "v1 should be badly stale: {}",
        late.v1_score
    );
    assert!(
        late.live_score > 0.85,
        "retrained live model: {}",
        late.live_score
    );
}

#[test]
fn covariate_drift_hurts_far_less_than_concept_drift() {
    let base = SimParams::default()
        .drift_strength(0.7)
        .drift_pattern(DriftPattern::Sudden)
        .label_noise(0.0);
    let mean_v1_drop = |kind: DriftKind| {
        let sim = run(base.clone().drift_kind(kind), 10);
        let before = sim.v1_initial_scores().accuracy;
        let after: Vec<f64> = sim.summaries()[3..].iter().map(|s| s.v1_score).collect();
        before - after.iter().sum::<f64>() / after.len() as f64
    };
    let covariate = mean_v1_drop(DriftKind::Covariate);
    let concept = mean_v1_drop(DriftKind::Concept);
    assert!(concept > 0.3, "concept drop {concept}");
    assert!(covariate < 0.08, "covariate drop {covariate}");
    assert!(concept > 4.0 * covariate.max(0.01));
}

#[test]
fn same_seed_same_run_bit_for_bit() {
    for model in [ModelKind::LogisticRegression, ModelKind::DecisionTree] {
        let p = SimParams::default()
            .seed(99)
            .model(model)
            .drift_pattern(DriftPattern::Gradual);
        let a = run(p.clone(), 6);
        let b = run(p, 6);
        assert_eq!(a.summaries(), b.summaries());
        assert_eq!(a.registry(), b.registry());
        assert_eq!(a.rows(), b.rows());
    }
    let a = run(SimParams::default().seed(1), 3);
    let b = run(SimParams::default().seed(2), 3);
    assert_ne!(a.summaries(), b.summaries());
}

#[test]
fn single_class_batches_alert_instead_of_crashing() {
    // Prior shift to 95 % class 1 on 20-row batches with the newest batch only
    // draws single-class windows often; every one must become an alert.
    let p = SimParams::default()
        .batch_size(20)
        .drift_kind(DriftKind::Prior)
        .drift_strength(1.0)
        .drift_onset(1)
        .label_noise(0.0)
        .window(TrainingWindow::NewestBatch);
    let sim = run(p, 60);
    let failed: Vec<&Alert> = sim
        .alerts()
        .iter()
        .filter(|a| matches!(a.reason, AlertReason::TrainingFailed { .. }))
        .collect();
    assert!(!failed.is_empty(), "expected some degenerate batches");
    for a in failed {
        let message = alert_message(a);
        assert!(message.contains("retraining failed"), "{message}");
        assert_eq!(a.outcome().candidate(), None);
    }
    assert_eq!(sim.summaries().len(), 60);
}

#[test]
fn mid_cycle_changes_wait_for_the_next_cycle() {
    let mut sim = Simulation::from_params(SimParams::default()).unwrap();
    for _ in 0..3 {
        sim.step();
    }
    let strict = SimParams::default().threshold(0.99).check().unwrap();
    assert!(!sim.reconfigure(strict));
    sim.finish_cycle();
    assert!(sim.summaries()[0].deployed(), "old threshold still applied");
    sim.finish_cycle();
    assert!(
        !sim.summaries()[1].deployed(),
        "new threshold applies next cycle"
    );
    assert_eq!(sim.params().threshold, 0.99);
}

#[test]
fn windows_span_the_right_batches() {
    let sim = run(SimParams::default().window(TrainingWindow::Sliding(3)), 5);
    let w = sim.summaries()[4].window;
    assert_eq!((w.first_cycle, w.last_cycle, w.rows), (3, 5, 1050));
    let sim = run(SimParams::default().window(TrainingWindow::AllData), 4);
    let w = sim.summaries()[3].window;
    assert_eq!((w.first_cycle, w.last_cycle, w.rows), (0, 4, 1750));
}

#[test]
fn all_data_window_is_capped() {
    let p = SimParams::default()
        .batch_size(20_000)
        .window(TrainingWindow::AllData);
    let sim = run(p, 9);
    let w = sim.summaries()[8].window;
    assert!(w.rows <= MAX_WINDOW_ROWS, "rows {}", w.rows);
    assert!(w.rows >= MAX_WINDOW_ROWS - 14_000);
    assert_eq!(w.last_cycle, 9);
}

#[test]
fn finished_cycles_are_recorded_and_bounded() {
    let p = SimParams::default().batch_size(2000);
    let sim = run(p, 3);
    let r = sim.record_of(2).expect("cycle 2 recorded");
    assert_eq!(r.rows.len(), 8);
    assert_eq!(r.rows[0].cycle, 2);
    assert!(r.batch.len() <= RECORD_POINTS && r.batch.len() >= RECORD_POINTS / 2);
    assert_eq!(r.live_after, sim.summaries()[1].live_after);
    let long = run(SimParams::default().batch_size(20), MAX_RECORDS as u32 + 5);
    assert_eq!(long.records().len(), MAX_RECORDS);
    assert_eq!(long.records().front().unwrap().cycle, 6);
}

#[test]
fn long_runs_keep_a_bounded_history_and_count_everything() {
    let cycles = HISTORY_CYCLES as u32 + 60;
    // Threshold 0.99 with label noise: most cycles alert, some deploy.
    let sim = run(
        SimParams::default()
            .batch_size(20)
            .threshold(0.9)
            .label_noise(0.1),
        cycles,
    );
    let t = sim.totals();
    assert_eq!(t.cycles, cycles);
    assert_eq!(sim.summaries().len(), HISTORY_CYCLES);
    assert_eq!(sim.summaries()[0].cycle, 61, "the oldest cycles go first");
    assert_eq!(sim.summaries().last().unwrap().cycle, cycles);
    assert!(t.alerts > 0 && t.deploys > 0, "{t:?}");
    assert_eq!(
        t.retrains,
        t.alerts + t.deploys,
        "every cycle retrains here"
    );
    assert_eq!(sim.alerts().len(), (t.alerts as usize).min(HISTORY_CYCLES));
    assert_eq!(sim.alerts().last().unwrap().cycle, {
        let last_alert = sim
            .summaries()
            .iter()
            .rev()
            .find(|s| !s.deployed())
            .unwrap();
        last_alert.cycle
    });
    // Every cycle trained a version: v1 + one per cycle, most of them forgotten.
    assert_eq!(t.versions, cycles + 1);
    assert_eq!(sim.registry().next_version(), cycles + 2);
    let kept = sim.registry().versions();
    assert!(
        kept.len() <= HISTORY_CYCLES + MAX_KEPT_MODELS + 2,
        "{}",
        kept.len()
    );
    assert_eq!(kept[0].version, 1, "v1 is always listed");
    assert!(sim.registry().get(sim.live_version()).is_some());
    assert!(sim.registry().events().len() <= HISTORY_CYCLES);
    assert_eq!(t.live_changes, t.deploys);
    // Every version that can be rolled back to is still listed.
    for v in 1..=t.retrains + 1 {
        if sim.fitted(v).is_some() {
            assert!(sim.registry().get(v).is_some(), "v{v} kept but not listed");
        }
    }
}

#[test]
fn totals_match_the_history_while_it_is_short() {
    let sim = run(SimParams::default().threshold(0.95), 12);
    let t = sim.totals();
    let s = sim.summaries();
    assert_eq!(t.cycles as usize, s.len());
    assert_eq!(
        t.deploys as usize,
        s.iter().filter(|x| x.deployed()).count()
    );
    assert_eq!(
        t.retrains as usize,
        s.iter().filter(|x| x.retrained()).count()
    );
    assert_eq!(t.alerts as usize, sim.alerts().len());
    assert_eq!(t.versions as usize, sim.registry().versions().len());
    assert_eq!(t.live_changes as usize, sim.registry().events().len());
}

#[test]
fn scores_never_look_wrong_after_rounding() {
    use retrain_playground::sim::wording::format_score;
    assert_eq!(format_score(0.853, 0.80), "0.85");
    assert_eq!(format_score(0.8033, 0.80), "0.803");
    assert_eq!(format_score(0.80, 0.80), "0.80");
    assert_eq!(format_score(0.7996, 0.80), "0.7996");
    assert_eq!(format_score(0.8004, 0.80), "0.8004");
}

#[test]
fn the_input_drift_table_tests_at_the_runs_ks_alpha() {
    // The dashboard's per-feature KS test uses the KS α setting, as the KS
    // trigger does: a change of the setting changes what counts as "moved".
    for alpha in [0.01, 0.05, 0.2] {
        let mut sim = Simulation::from_params(SimParams::default().ks_alpha(alpha)).unwrap();
        let summary = sim.finish_cycle().expect("the synthetic stream never ends");
        let drift = summary.input_drift.expect("each cycle tests its inputs");
        assert_eq!(drift.alpha, alpha);
        for f in 0..2 {
            assert_eq!(drift.drifted(f), drift.ks[f].p_value < alpha);
        }
    }
}
