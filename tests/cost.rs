//! What retraining costs, checked against the runs themselves: each retrain
//! costs the fixed part in force plus one unit per 1,000 rows it trained on;
//! the totals are the sum of the registry's costs; a policy race's totals are
//! the sum over each policy's retrains; the sentence under the race is true for
//! any settings; and the claim holds: when nothing drifts, retraining
//! every cycle buys little over a good trigger for far more, and when
//! everything drifts, never retraining loses a lot.
//!
//! Runtime: about 16 random runs of 6-10 cycles, 12 random races of 6-8
//! cycles and 8 races of 40: a few seconds in the default test profile.

use proptest::prelude::*;
use proptest::test_runner::Config;
use retrain_playground::sim::wording::policy_name;

use retrain_playground::sim::engine::protocol::Command;
use retrain_playground::sim::engine::Engine;
use retrain_playground::sim::params::{
    DriftKind, DriftPattern, ModelKind, RetrainTrigger, SimParams, TrainingWindow,
};
use retrain_playground::sim::retraining::cost::{Cost, RetrainCost, MAX_FIXED_COST};
use retrain_playground::sim::retraining::cycle::Simulation;
use retrain_playground::sim::retraining::race::{
    policy_race, CostVerdict, PolicyRace, NEAR_ACCURACY_GAP,
};
use retrain_playground::sim::retraining::validate::Fault;
use retrain_playground::sim::testing::run;
use retrain_playground::sim::wording::{cost_units, race_cost_sentence};

/// Checks that every cost in `sim` follows the rule and adds up.
fn assert_costs_add_up(sim: &Simulation) {
    let registry = sim.registry().versions();
    assert_eq!(registry[0].version, 1);
    assert_eq!(registry[0].cost, None, "v1 is not a retrain");
    for v in &registry[1..] {
        let cost = v.cost.expect("every later version was a retrain");
        assert_eq!(
            cost.rows, v.window.rows,
            "v{} costs its window's rows",
            v.version
        );
        assert_eq!(
            cost.total().milli(),
            u64::from(cost.fixed) * 1_000 + v.window.rows as u64,
            "v{}",
            v.version
        );
    }
    let totals = sim.totals();
    let from_registry: Cost = registry
        .iter()
        .filter_map(|v| v.cost)
        .map(|c| c.total())
        .sum();
    assert_eq!(
        totals.cost, from_registry,
        "the total is the registry's sum"
    );
    let from_cycles: Cost = sim
        .summaries()
        .iter()
        .filter_map(|s| s.retrain_cost)
        .map(|c| c.total())
        .sum();
    assert_eq!(totals.cost, from_cycles, "the total is the cycles' sum");
    for s in sim.summaries() {
        assert_eq!(
            s.retrain_cost.is_some(),
            s.retrained(),
            "cycle {}: a cost exactly when a candidate was trained",
            s.cycle
        );
        if let (Some(c), Some(v)) = (s.retrain_cost, s.candidate) {
            assert_eq!(sim.registry().get(v).and_then(|e| e.cost), Some(c));
        }
    }
    assert_eq!(
        totals.retrains as usize,
        registry.iter().filter(|v| v.cost.is_some()).count()
    );
}

fn drift_kind() -> impl Strategy<Value = DriftKind> {
    prop::sample::select(DriftKind::ALL.to_vec())
}

fn drift_pattern() -> impl Strategy<Value = DriftPattern> {
    prop::sample::select(DriftPattern::ALL.to_vec())
}

fn trigger() -> impl Strategy<Value = RetrainTrigger> {
    prop::sample::select(vec![
        RetrainTrigger::EveryCycle,
        RetrainTrigger::Schedule("0 */12 * * *".into()),
        RetrainTrigger::DriftDetected(Default::default()),
        RetrainTrigger::PerformanceDrop,
        RetrainTrigger::Never,
    ])
}

fn window() -> impl Strategy<Value = TrainingWindow> {
    prop_oneof![
        Just(TrainingWindow::NewestBatch),
        (1usize..=5).prop_map(TrainingWindow::Sliding),
        Just(TrainingWindow::AllData),
    ]
}

/// Random valid settings with small batches (a run stays fast) and any fixed cost.
fn settings() -> impl Strategy<Value = SimParams> {
    (
        (
            0u64..1_000,
            20usize..=400,
            drift_kind(),
            drift_pattern(),
            window(),
        ),
        (
            0.0f64..=1.0,
            1u32..=6,
            0.0f64..=0.4,
            0.5f64..=0.95,
            prop::bool::ANY,
            prop::bool::ANY,
            0u32..=MAX_FIXED_COST,
        ),
    )
        .prop_map(
            |(
                (seed, batch, kind, pattern, window),
                (strength, onset, noise, threshold, tree, validate, fixed),
            )| {
                SimParams::default()
                    .seed(seed)
                    .batch_size(batch)
                    .drift_kind(kind)
                    .drift_pattern(pattern)
                    .window(window)
                    .drift_strength(strength)
                    .drift_onset(onset)
                    .label_noise(noise)
                    .threshold(threshold)
                    .model(if tree {
                        ModelKind::DecisionTree
                    } else {
                        ModelKind::LogisticRegression
                    })
                    .validate_data(validate)
                    .retrain_fixed_cost(fixed)
            },
        )
}

/// Checks a race's comparison against its runs (an oracle apart from
/// `compare_costs`) and that its sentence says what the numbers are.
fn assert_comparison_is_true(race: &PolicyRace) {
    let c = race
        .costs
        .as_ref()
        .expect("every race has an every-cycle run");
    let every = race
        .runs
        .iter()
        .find(|r| r.trigger == RetrainTrigger::EveryCycle)
        .unwrap();
    assert_eq!(c.every, every.point());
    let cheaper: Vec<_> = race
        .runs
        .iter()
        .filter(|r| r.total_cost < every.total_cost)
        .collect();
    let near: Vec<_> = cheaper
        .iter()
        .filter(|r| r.mean_accuracy >= every.mean_accuracy - NEAR_ACCURACY_GAP)
        .collect();
    let sentence = race_cost_sentence(c);
    match &c.verdict {
        CostVerdict::NearlyAsGood { cheaper: p } => {
            assert!(p.total_cost < every.total_cost, "{sentence}");
            assert!(
                p.mean_accuracy >= every.mean_accuracy - NEAR_ACCURACY_GAP,
                "{sentence}"
            );
            let least = near.iter().map(|r| r.total_cost).min().unwrap();
            assert_eq!(p.total_cost, least, "the cheapest near policy: {sentence}");
            assert!(sentence.starts_with(&policy_name(&p.policy)), "{sentence}");
            assert!(
                sentence.contains(&format!(
                    "for {} instead of {}",
                    cost_units(p.total_cost),
                    cost_units(every.total_cost)
                )),
                "{sentence}"
            );
            assert!(
                sentence.contains(&format!(
                    "for {} more.",
                    cost_units(every.total_cost - p.total_cost)
                )),
                "{sentence}"
            );
            assert_eq!(
                sentence.contains("at least as well"),
                p.mean_accuracy >= every.mean_accuracy,
                "{sentence}"
            );
        }
        CostVerdict::EveryCycleAhead { best } => {
            assert!(near.is_empty(), "{sentence}");
            let top = cheaper
                .iter()
                .map(|r| r.mean_accuracy)
                .fold(f64::NEG_INFINITY, f64::max);
            assert_eq!(best.mean_accuracy, top, "{sentence}");
            assert!(best.total_cost < every.total_cost, "{sentence}");
            assert!(sentence.starts_with("No cheaper policy came within 0.02"));
        }
        CostVerdict::NoneCheaper => {
            assert!(cheaper.is_empty(), "{sentence}");
            assert!(sentence.starts_with("No policy cost less"), "{sentence}");
        }
    }
}

#[test]
fn each_retrain_costs_the_fixed_part_plus_a_unit_per_thousand_rows() {
    // Default settings: a sliding window of 3 batches of 350 training rows.
    let sim = run(SimParams::default(), 4);
    let v5 = sim.registry().get(5).unwrap();
    assert_eq!(v5.window.rows, 1_050);
    assert_eq!(v5.cost, Some(RetrainCost::new(5, 1_050)));
    assert_eq!(v5.cost.unwrap().total(), Cost::from_milli(6_050));
    assert_costs_add_up(&sim);
    // Free retrains cost only their rows; the costliest fixed part is 50.
    for fixed in [0, MAX_FIXED_COST] {
        let sim = run(SimParams::default().retrain_fixed_cost(fixed), 4);
        let c = sim.registry().get(5).unwrap().cost.unwrap();
        assert_eq!(c.total().milli(), u64::from(fixed) * 1_000 + 1_050);
        assert_costs_add_up(&sim);
    }
}

#[test]
fn a_changed_fixed_cost_applies_to_later_retrains_only() {
    let mut sim = Simulation::from_params(SimParams::default()).unwrap();
    sim.finish_cycles(2);
    let dearer = SimParams::default().retrain_fixed_cost(20).check().unwrap();
    assert!(sim.reconfigure(dearer));
    sim.finish_cycles(2);
    let fixed: Vec<u32> = sim
        .summaries()
        .iter()
        .map(|s| s.retrain_cost.unwrap().fixed)
        .collect();
    assert_eq!(fixed, [5, 5, 20, 20]);
    assert_costs_add_up(&sim);
}

#[test]
fn cycles_that_train_nothing_cost_nothing() {
    // Never retrain: nothing spent.
    let never = run(SimParams::default().trigger(RetrainTrigger::Never), 6);
    assert_eq!(never.totals().cost, Cost::ZERO);
    assert_costs_add_up(&never);
    // A batch that fails validation is set aside: no training, no cost.
    let mut sim = Simulation::from_params(SimParams::default().drift_strength(0.0)).unwrap();
    sim.finish_cycle();
    sim.inject_fault(Fault::SingleClass);
    let set_aside = sim.finish_cycle().unwrap().clone();
    assert!(!set_aside.retrained());
    assert_eq!(set_aside.retrain_cost, None);
    assert_costs_add_up(&sim);
    // A training that fails (one class only in 20-row windows) makes no model and costs nothing.
    let p = SimParams::default()
        .batch_size(20)
        .drift_kind(DriftKind::Prior)
        .drift_strength(1.0)
        .drift_onset(1)
        .label_noise(0.0)
        .window(TrainingWindow::NewestBatch)
        .validate_data(false);
    let sim = run(p, 40);
    let failed = sim
        .summaries()
        .iter()
        .filter(|s| s.candidate.is_none())
        .count();
    assert!(failed > 0, "expected some failed trainings");
    assert_costs_add_up(&sim);
    assert_eq!(
        sim.totals().cost,
        Cost::from_milli(sim.totals().retrains as u64 * (5_000 + 14)),
        "each of the {} retrains cost 5 + 14 rows",
        sim.totals().retrains
    );
}

#[test]
fn the_total_at_an_earlier_cycle_is_what_that_run_had_spent() {
    let params = SimParams::default().threshold(0.9).retrain_fixed_cost(3);
    let (mut engine, _) = Engine::new(params.clone());
    let now = engine.handle(Command::Run(8 * 12));
    assert!(now.totals.cost > Cost::ZERO);
    for cycle in [0, 1, 5, 12] {
        let (mut back_then, _) = Engine::new(params.clone());
        let then = back_then.handle(Command::Run(8 * cycle));
        assert_eq!(now.totals_at(cycle).cost, then.totals.cost, "cycle {cycle}");
    }
}

#[test]
fn a_race_total_is_the_sum_over_that_policys_retrains() {
    let p = SimParams::default().retrain_fixed_cost(7);
    let race = policy_race(&p, 12).unwrap();
    for r in &race.runs {
        let sim = run(p.clone().trigger(r.trigger.clone()), 12);
        let sum: Cost = sim
            .summaries()
            .iter()
            .filter_map(|s| s.retrain_cost)
            .map(|c| c.total())
            .sum();
        assert_eq!(r.total_cost, sum, "{}", policy_name(&r.policy));
        assert_eq!(
            r.retrains,
            sim.totals().retrains,
            "{}",
            policy_name(&r.policy)
        );
        let below = sim
            .summaries()
            .iter()
            .filter(|s| s.live_score < s.threshold)
            .count() as u32;
        assert_eq!(r.below_threshold, below, "{}", policy_name(&r.policy));
    }
    assert_eq!(
        race.runs[0].total_cost,
        Cost::ZERO,
        "never retrain spends nothing"
    );
    assert_comparison_is_true(&race);
}

/// The claim, over four seeds: with no drift, retraining every cycle
/// gains almost nothing over the best trigger and costs at least three times as
/// much; with strong drift, never retraining loses a lot.
#[test]
fn every_cycle_buys_little_without_drift_and_never_loses_a_lot_with_it() {
    let trigger_runs = |race: &PolicyRace| {
        race.runs
            .iter()
            .filter(|r| {
                !matches!(
                    r.trigger,
                    RetrainTrigger::EveryCycle | RetrainTrigger::Never
                )
            })
            .cloned()
            .collect::<Vec<_>>()
    };
    for seed in [42, 1, 2, 3] {
        let calm = policy_race(&SimParams::default().seed(seed).drift_strength(0.0), 40).unwrap();
        let every = &calm.runs[1];
        let best = trigger_runs(&calm)
            .into_iter()
            .max_by(|a, b| a.mean_accuracy.total_cmp(&b.mean_accuracy))
            .unwrap();
        assert!(
            every.mean_accuracy - best.mean_accuracy < 0.01,
            "seed {seed}: every cycle {:.4} vs {} {:.4}",
            every.mean_accuracy,
            policy_name(&best.policy),
            best.mean_accuracy
        );
        assert!(
            every.total_cost.milli() >= 3 * best.total_cost.milli(),
            "seed {seed}: every cycle {:?} vs {} {:?}",
            every.total_cost,
            policy_name(&best.policy),
            best.total_cost
        );
        assert!(matches!(
            calm.costs.as_ref().unwrap().verdict,
            CostVerdict::NearlyAsGood { .. }
        ));
        assert_comparison_is_true(&calm);

        let stormy = SimParams::default()
            .seed(seed)
            .drift_strength(1.0)
            .drift_pattern(DriftPattern::Incremental);
        let race = policy_race(&stormy, 40).unwrap();
        let (never, every) = (&race.runs[0], &race.runs[1]);
        assert!(
            every.mean_accuracy - never.mean_accuracy > 0.5,
            "seed {seed}: never {:.3} vs every {:.3}",
            never.mean_accuracy,
            every.mean_accuracy
        );
        assert!(
            never.below_threshold >= 35,
            "seed {seed}: {}",
            never.below_threshold
        );
        assert!(
            every.below_threshold <= 8,
            "seed {seed}: {}",
            every.below_threshold
        );
        assert_comparison_is_true(&race);
    }
}

proptest! {
    #![proptest_config(Config { cases: 16, ..Config::default() })]

    /// Any settings and trigger: every cost follows the rule and adds up.
    #[test]
    fn costs_add_up_for_any_settings(p in settings(), t in trigger(), cycles in 6u32..=10) {
        let sim = run(p.trigger(t), cycles);
        assert_costs_add_up(&sim);
    }
}

proptest! {
    #![proptest_config(Config { cases: 12, ..Config::default() })]

    /// Any settings: the race's comparison and its sentence are true.
    #[test]
    fn the_race_sentence_is_true_for_any_settings(p in settings(), cycles in 6u32..=8) {
        let race = policy_race(&p, cycles).unwrap();
        for r in &race.runs {
            prop_assert!(r.below_threshold <= race.cycles);
        }
        assert_comparison_is_true(&race);
    }
}
