//! Labels that arrive late: a batch's inputs arrive at once, its labels
//! `label_delay` cycles later. Everything that needs labels waits for them
//! (scoring the live model, the performance-drop and error-stream triggers,
//! the label checks, training on the batch); the input-only KS test and the
//! input checks do not. Known-answer cases for delays 0, 1 and 3, three seeds
//! each.

use retrain_playground::sim::params::{
    DetectorKind, DriftKind, DriftPattern, RetrainTrigger, SimParams, TrainingWindow,
};
use retrain_playground::sim::retraining::cycle::Simulation;
use retrain_playground::sim::retraining::step_kind::StepKind;
use retrain_playground::sim::retraining::steps::{Labels, StepFact};
use retrain_playground::sim::retraining::triggers::TriggerCause;
use retrain_playground::sim::retraining::validate::{Fault, ValidationFailure};
use retrain_playground::sim::testing::run;
use retrain_playground::sim::wording::{labels_note, step_cells};

const SEEDS: [u64; 3] = [42, 7, 2024];

fn start(params: SimParams) -> Simulation {
    Simulation::from_params(params).expect("valid parameters start a run")
}

/// The labels fact of step 2 of the current cycle.
fn labels_now(sim: &Simulation) -> Labels {
    sim.rows()
        .iter()
        .find_map(|r| match &r.fact {
            StepFact::Collect { labels, .. } => Some(*labels),
            _ => None,
        })
        .expect("step 2 ran")
}

/// Runs one cycle and returns step 2's labels fact.
fn cycle_labels(sim: &mut Simulation) -> Labels {
    sim.step(); // 1
    sim.step(); // 2
    let labels = labels_now(sim);
    sim.finish_cycle();
    labels
}

#[test]
fn which_labels_are_in_and_which_are_pending_for_delays_0_1_and_3() {
    for seed in SEEDS {
        for delay in [0u32, 1, 3] {
            let mut sim = start(SimParams::default().seed(seed).label_delay(delay));
            for c in 1..=8u32 {
                let l = cycle_labels(&mut sim);
                let due = c.checked_sub(delay).filter(|&d| d >= 1);
                assert_eq!(l.delay, delay);
                assert_eq!(l.came_in, due.map(|d| (d, d)), "delay {delay} cycle {c}");
                let first_pending = due.map_or(1, |d| d + 1);
                let pending = (first_pending <= c).then_some((first_pending, c));
                assert_eq!(l.pending, pending, "delay {delay} cycle {c}");
                assert_eq!(sim.tracker().labels, l);
                let s = sim.summaries().last().unwrap();
                // Training only ever reads labelled batches.
                assert!(
                    s.window.last_cycle <= due.unwrap_or(0),
                    "delay {delay} cycle {c}: window {:?}",
                    s.window
                );
                if s.retrained() && delay == 0 {
                    assert_eq!(s.window.last_cycle, c);
                }
                if let (true, Some(d)) = (s.retrained(), due) {
                    assert_eq!(s.window.last_cycle, d, "delay {delay} cycle {c}");
                }
                // What the team measured, and on which batch.
                match due {
                    Some(d) => assert_eq!(s.measured.map(|m| m.on_cycle), Some(d)),
                    None => assert_eq!(s.measured, None),
                }
                if delay == 0 {
                    let m = s.measured.expect("labels at once");
                    assert!((m.score - s.live_score).abs() < 1e-12);
                    assert!(labels_note(&l).is_none());
                } else {
                    assert!(labels_note(&l).is_some());
                }
            }
        }
    }
}

#[test]
fn delay_zero_is_the_loop_as_before() {
    // The measured line is the true one, and the table says nothing of labels.
    let mut sim = start(SimParams::default().seed(3));
    sim.step();
    let row = sim.step().expect("a step ran");
    assert_eq!(row.kind, StepKind::CollectData);
    let out = step_cells(&row.fact).output;
    assert!(!out.contains("label"), "{out}");
    assert!(out.contains("v1 scores 0."), "{out}");
}

#[test]
fn the_table_names_the_labels_still_out() {
    let mut sim = run(SimParams::default().seed(5).label_delay(3), 8);
    sim.step();
    let row = sim.step().expect("a step ran");
    let out = step_cells(&row.fact).output;
    assert!(
        out.contains("labels of cycle 6 came in")
            && out.contains("labels for cycles 7–9 not in yet"),
        "{out}"
    );
    let note = labels_note(&sim.tracker().labels).unwrap();
    assert!(note.contains("cycles 7–9 not in yet"), "{note}");
}

#[test]
fn label_triggers_wait_while_the_ks_test_fires_on_time() {
    for seed in SEEDS {
        // Cycle 1 with delay 3: no labels at all yet.
        for trigger in [
            RetrainTrigger::PerformanceDrop,
            RetrainTrigger::DriftDetected(DetectorKind::Adwin),
            RetrainTrigger::DriftDetected(DetectorKind::PageHinkley),
        ] {
            let sim = run(
                SimParams::default()
                    .seed(seed)
                    .trigger(trigger.clone())
                    .label_delay(3),
                3,
            );
            for s in sim.summaries() {
                let t = s.trigger.as_ref().unwrap();
                assert!(!t.fired, "{trigger:?} fired without labels");
                assert_eq!(
                    t.cause,
                    TriggerCause::AwaitingLabels {
                        delay: 3,
                        floor: false
                    }
                );
                assert!(!s.retrained());
            }
        }
        // Covariate drift moves the inputs at cycle 3: KS sees it then, with
        // or without a label delay.
        let ks = |delay| {
            let sim = run(
                SimParams::default()
                    .seed(seed)
                    .drift_kind(DriftKind::Covariate)
                    .drift_strength(1.0)
                    .trigger(RetrainTrigger::DriftDetected(DetectorKind::KsTest))
                    .label_delay(delay),
                5,
            );
            sim.summaries()
                .iter()
                .find(|s| s.trigger.as_ref().is_some_and(|t| t.fired))
                .map(|s| s.cycle)
        };
        assert_eq!(ks(0), Some(3), "seed {seed}");
        assert_eq!(ks(3), Some(3), "seed {seed}");
    }
}

#[test]
fn a_performance_drop_is_seen_as_many_cycles_late_as_the_labels() {
    for seed in SEEDS {
        let first_fire = |delay| {
            let sim = run(
                SimParams::default()
                    .seed(seed)
                    .drift_kind(DriftKind::Concept)
                    .drift_pattern(DriftPattern::Sudden)
                    .drift_strength(0.7)
                    .trigger(RetrainTrigger::PerformanceDrop)
                    .label_delay(delay),
                10,
            );
            let fired = sim
                .summaries()
                .iter()
                .find(|s| s.trigger.as_ref().is_some_and(|t| t.fired))
                .map(|s| s.cycle);
            // Meanwhile the live model really was stale from cycle 3 on.
            let stale = sim.summaries()[2].live_score;
            assert!(stale < 0.8, "seed {seed}: drift should hurt ({stale})");
            fired
        };
        assert_eq!(first_fire(0), Some(3), "seed {seed}");
        assert_eq!(first_fire(1), Some(4), "seed {seed}");
        assert_eq!(first_fire(3), Some(6), "seed {seed}");
    }
}

#[test]
fn input_checks_block_on_arrival_and_label_checks_when_labels_come() {
    for seed in SEEDS {
        // Missing values are in the inputs: caught the cycle they arrive.
        let mut sim = run(SimParams::default().seed(seed).label_delay(3), 4);
        sim.inject_fault(Fault::MissingValues);
        sim.finish_cycle();
        let failures = &sim.validation().unwrap().failures;
        assert!(
            matches!(failures[..], [ValidationFailure::NonFinite { .. }]),
            "{failures:?}"
        );
        assert!(!sim.summaries().last().unwrap().retrained());
        // A single class is in the labels: caught when they come in, 3 cycles on.
        let mut sim = run(SimParams::default().seed(seed).label_delay(3), 4);
        sim.inject_fault(Fault::SingleClass);
        let mut caught = Vec::new();
        for c in 5..=9 {
            sim.finish_cycle();
            if !sim.validation().unwrap().passed() {
                caught.push(c);
            }
        }
        assert_eq!(caught, [8], "seed {seed}");
        let v = sim.record_of(8).unwrap();
        assert!(v.rows.iter().any(|r| matches!(
            &r.fact,
            StepFact::Trigger { decision: retrain_playground::sim::retraining::steps::TriggerStep::Blocked(f), .. }
                if matches!(f[..], [ValidationFailure::SingleClass { .. }])
        )));
    }
}

#[test]
fn a_quarantined_batch_never_reaches_a_window_when_its_labels_come() {
    let mut sim = run(
        SimParams::default()
            .seed(11)
            .label_delay(2)
            .window(TrainingWindow::AllData),
        3,
    );
    sim.inject_fault(Fault::OutOfRange);
    sim.finish_cycles(4); // cycle 4 arrives broken; its labels come at 6
    let window_rows = |sim: &Simulation, c: u32| {
        sim.summaries()
            .iter()
            .find(|s| s.cycle == c)
            .map(|s| s.window.rows)
            .unwrap()
    };
    // All-data windows grow by one batch's training rows per cycle, except
    // at cycle 6, when the quarantined batch's labels came in.
    let grow5 = window_rows(&sim, 5) - window_rows(&sim, 3);
    let grow7 = window_rows(&sim, 7) - window_rows(&sim, 5);
    assert_eq!(grow5, 2 * 350, "cycles 4 and 5 add batches 2 and 3");
    assert_eq!(grow7, 350, "cycles 6 and 7 add only batch 5");
}

#[test]
fn changing_the_delay_mid_run_releases_or_holds_labels() {
    let mut sim = run(SimParams::default().seed(9).label_delay(3), 6);
    let p = sim.params().clone().label_delay(0).check().unwrap();
    sim.reconfigure(p);
    let l = cycle_labels(&mut sim);
    assert_eq!(
        l.came_in,
        Some((4, 7)),
        "every batch waiting comes in at once"
    );
    assert_eq!(l.pending, None);
    let p = sim.params().clone().label_delay(2).check().unwrap();
    sim.reconfigure(p);
    let l = cycle_labels(&mut sim);
    assert_eq!((l.came_in, l.pending), (None, Some((8, 8))));
    let l = cycle_labels(&mut sim);
    assert_eq!((l.came_in, l.pending), (None, Some((8, 9))));
    let l = cycle_labels(&mut sim);
    assert_eq!((l.came_in, l.pending), (Some((8, 8)), Some((9, 10))));
}

#[test]
fn a_performance_floor_waits_for_labels_too() {
    let sim = run(
        SimParams::default()
            .seed(4)
            .trigger(RetrainTrigger::DriftDetected(DetectorKind::Adwin))
            .performance_floor(true)
            .label_delay(2),
        2,
    );
    for s in sim.summaries() {
        assert_eq!(
            s.trigger.as_ref().unwrap().cause,
            TriggerCause::AwaitingLabels {
                delay: 2,
                floor: true
            }
        );
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    /// Any delay, changed mid-run, with faults: no panic, training reads only
    /// labelled batches, and the labels fact adds up.
    #[test]
    fn random_delays_keep_the_invariants(
        seed in 0u64..10_000,
        first in 0u32..=10,
        second in 0u32..=10,
        trigger in proptest::sample::select(vec![
            RetrainTrigger::EveryCycle,
            RetrainTrigger::PerformanceDrop,
            RetrainTrigger::DriftDetected(DetectorKind::Adwin),
            RetrainTrigger::DriftDetected(DetectorKind::KsTest),
        ]),
        fault in proptest::sample::select(vec![
            Fault::MissingValues, Fault::SingleClass, Fault::FlippedLabels, Fault::OutOfRange,
        ]),
    ) {
        let mut sim = start(
            SimParams::default().seed(seed).batch_size(80).label_delay(first).trigger(trigger),
        );
        let mut newest_in = 0;
        for c in 1..=14u32 {
            if c == 5 {
                sim.inject_fault(fault);
            }
            if c == 8 {
                let p = sim.params().clone().label_delay(second).check().unwrap();
                sim.reconfigure(p);
            }
            let l = cycle_labels(&mut sim);
            let s = sim.summaries().last().unwrap();
            let delay = if c >= 8 { second } else { first };
            let due = c.saturating_sub(delay);
            proptest::prop_assert_eq!(l.delay, delay);
            if let Some((a, b)) = l.came_in {
                proptest::prop_assert!(a <= b && b <= due && a >= 1);
                newest_in = b;
            }
            if let Some((a, b)) = l.pending {
                proptest::prop_assert!(a > due && b == c && a <= b);
            }
            proptest::prop_assert!(s.window.last_cycle <= newest_in);
            proptest::prop_assert_eq!(s.measured.is_some(), l.came_in.is_some());
            if let Some(m) = s.measured {
                proptest::prop_assert!((0.0..=1.0).contains(&m.score) && m.on_cycle <= due);
            }
        }
    }
}

#[test]
fn the_export_says_what_was_measured_and_when() {
    use retrain_playground::sim::engine::export::{cycles_csv, CYCLES_CSV_HEADER};
    let sim = run(SimParams::default().seed(2).label_delay(2), 4);
    let csv = cycles_csv(sim.summaries());
    let header: Vec<&str> = CYCLES_CSV_HEADER.split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let rows: Vec<Vec<String>> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(String::from).collect())
        .collect();
    let cell = |r: usize, name: &str| rows[r][col(name)].clone();
    assert_eq!(cell(0, "label_delay"), "2");
    assert_eq!(
        cell(1, "measured_on_cycle"),
        "",
        "nothing measured in cycle 2"
    );
    assert_eq!(cell(2, "measured_on_cycle"), "1");
    assert_eq!(cell(3, "measured_on_cycle"), "2");
    let m: f64 = cell(3, "measured_accuracy").parse().unwrap();
    assert!((0.0..=1.0).contains(&m));
}
