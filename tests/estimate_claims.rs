//! The claims of the estimated accuracy (`ml::estimate`, shown as the accuracy
//! chart's dashed ochre line while labels are late) and of its note
//! (`wording::estimate_sentence`): each "why" the note can give is checked
//! here over 24 seeds against the accuracy the simulator knows the live model
//! can expect (`Expected::live`), never against one noisy hold-out score.
//! docs/late-labels.md quotes the figures these bounds come from
//! (examples/estimate_error.rs measures them apart from the loop).

use retrain_playground::sim::params::{DriftKind, ModelKind, RetrainTrigger, SimParams};
use retrain_playground::sim::retraining::cycle::Simulation;
use retrain_playground::sim::retraining::estimate_gap::{
    estimate_gap, EstimateGap, GapSide, TRACKS_WITHIN,
};
use retrain_playground::sim::retraining::history::CycleSummary;
use retrain_playground::sim::testing::run;
use retrain_playground::sim::wording::estimate_sentence;

const SEEDS: u64 = 24;
const CYCLES: u32 = 12;
/// Cycles after the onset before a sudden drift counts as settled (the
/// onset is cycle 3).
const ONSET: u32 = 3;

/// A run with labels 3 cycles late, drift kind `kind` at `strength` from
/// cycle 3 (sudden), `model`, `trigger`, for [`CYCLES`] cycles.
fn late_run(
    seed: u64,
    kind: DriftKind,
    strength: f64,
    model: ModelKind,
    trigger: RetrainTrigger,
) -> Simulation {
    run(
        SimParams::default()
            .seed(seed)
            .drift_kind(kind)
            .drift_strength(strength)
            .drift_onset(ONSET)
            .model(model)
            .trigger(trigger)
            .label_delay(3),
        CYCLES,
    )
}

/// (estimate − truth) at every cycle of a run.
fn gaps(s: &[CycleSummary]) -> Vec<(u32, f64)> {
    s.iter()
        .map(|c| {
            let e = c
                .estimated
                .expect("labels are late: every batch is estimated");
            let t = c.expected.expect("the synthetic stream knows the truth");
            (c.cycle, e.score - t.live)
        })
        .collect()
}

fn note(sim: &Simulation) -> (EstimateGap, String) {
    let p = sim.params();
    let g = estimate_gap(sim.summaries(), p.drift_kind, p.model).expect("a gap to tell");
    (g, estimate_sentence(&g))
}

/// Over every seed and cycle: the mean and largest |estimate − truth|, and
/// the mean signed gap.
fn summary(all: &[f64]) -> (f64, f64, f64) {
    let n = all.len() as f64;
    let mae = all.iter().map(|g| g.abs()).sum::<f64>() / n;
    let max = all.iter().fold(0.0f64, |m, g| m.max(g.abs()));
    let bias = all.iter().sum::<f64>() / n;
    (mae, max, bias)
}

/// Over every seed, logistic regression's estimate tracks the truth under
/// `kind` at `strength`: the note says so, with `why`; the mean gap over
/// every seed and cycle is under 0.03, the largest within [`TRACKS_WITHIN`].
fn logistic_tracks(kind: DriftKind, strength: f64, trigger: RetrainTrigger, why: &str) {
    let mut all = Vec::new();
    for seed in 0..SEEDS {
        let sim = late_run(
            seed,
            kind,
            strength,
            ModelKind::LogisticRegression,
            trigger.clone(),
        );
        let (g, s) = note(&sim);
        assert_eq!(g.side, GapSide::Tracks, "seed {seed}: {s}");
        assert!(s.contains(why), "seed {seed}: {s}");
        all.extend(gaps(sim.summaries()).into_iter().map(|(_, g)| g));
    }
    let (mae, max, bias) = summary(&all);
    println!("LR, {kind:?} {strength}: mae {mae:.3} max {max:.3} bias {bias:+.3}");
    assert!(mae < 0.03, "mean absolute error {mae:.3}");
    assert!(max <= TRACKS_WITHIN, "largest error {max:.3}");
}

#[test]
fn with_no_drift_the_estimate_of_logistic_regression_tracks_the_truth() {
    logistic_tracks(
        DriftKind::Concept,
        0.0,
        RetrainTrigger::EveryCycle,
        "No drift yet",
    );
}

#[test]
fn under_covariate_drift_the_estimate_of_logistic_regression_tracks_the_truth() {
    logistic_tracks(
        DriftKind::Covariate,
        1.0,
        RetrainTrigger::Never,
        "The inputs moved but the labelling rule did not",
    );
}

#[test]
fn under_a_prior_shift_the_estimate_of_logistic_regression_tracks_the_truth() {
    logistic_tracks(
        DriftKind::Prior,
        1.0,
        RetrainTrigger::Never,
        "The class balance moved",
    );
}

#[test]
fn under_concept_drift_past_90_degrees_the_estimate_stays_high_while_the_truth_collapses() {
    for model in [ModelKind::LogisticRegression, ModelKind::DecisionTree] {
        let mut after = Vec::new();
        for seed in 0..SEEDS {
            // The default strength 0.6 turns the rule 108°; never retrained.
            let sim = late_run(seed, DriftKind::Concept, 0.6, model, RetrainTrigger::Never);
            let (g, s) = note(&sim);
            assert_eq!(g.side, GapSide::TooHigh, "{model:?} seed {seed}: {s}");
            assert!(
                s.contains("confidently wrong"),
                "{model:?} seed {seed}: {s}"
            );
            for c in sim.summaries().iter().filter(|c| c.cycle >= ONSET) {
                let (e, t) = (c.estimated.unwrap().score, c.expected.unwrap().live);
                // The truth collapses below a coin flip, the estimate stays
                // well above it.
                assert!(
                    t < 0.5 && e > 0.6 && e - t > 0.2,
                    "{model:?} seed {seed} cycle {}: {e:.2} vs {t:.2}",
                    c.cycle
                );
                after.push(e - t);
            }
        }
        let (mae, max, bias) = summary(&after);
        println!("{model:?}, concept drift 108°: mae {mae:.3} max {max:.3} bias {bias:+.3}");
        assert!(
            bias > 0.3,
            "{model:?}: the estimate is {bias:.2} above the truth on average"
        );
    }
}

#[test]
fn far_from_its_training_data_a_tree_is_surer_than_it_is_right() {
    let mut after = Vec::new();
    for seed in 0..SEEDS {
        let sim = late_run(
            seed,
            DriftKind::Covariate,
            1.0,
            ModelKind::DecisionTree,
            RetrainTrigger::Never,
        );
        let (g, s) = note(&sim);
        if g.side == GapSide::TooHigh {
            assert!(s.contains("outer leaves"), "seed {seed}: {s}");
        }
        after.extend(
            gaps(sim.summaries())
                .into_iter()
                .filter(|(c, _)| *c >= ONSET)
                .map(|(_, g)| g),
        );
    }
    let (mae, max, bias) = summary(&after);
    println!("tree, covariate drift 4 sd: mae {mae:.3} max {max:.3} bias {bias:+.3}");
    assert!(
        bias > 0.03,
        "the tree's estimate is {bias:+.3} off on average"
    );
}

#[test]
fn the_alert_on_an_estimated_drop_sees_little_of_a_turned_rule() {
    // Confidently wrong: under a 108° turn the estimate falls far less than
    // the truth does, so an alert on an estimated drop sees at most a sliver
    // of the real drop, however far the truth falls.
    for model in [ModelKind::LogisticRegression, ModelKind::DecisionTree] {
        for seed in 0..SEEDS {
            let sim = late_run(seed, DriftKind::Concept, 0.6, model, RetrainTrigger::Never);
            for c in sim.summaries().iter().filter(|c| c.cycle >= ONSET) {
                let e = c.estimated.unwrap();
                let seen = e.reference - e.score;
                let real = e.reference - c.expected.unwrap().live;
                assert!(
                    seen < real - 0.2,
                    "{model:?} seed {seed} cycle {}: seen {seen:.2}, real {real:.2}",
                    c.cycle
                );
            }
        }
    }
}

#[test]
fn an_alert_on_an_estimated_drop_is_raised_exactly_when_the_estimate_falls_that_far() {
    let mut raised = 0;
    for seed in 0..SEEDS {
        let sim = run(
            SimParams::default()
                .seed(seed)
                .model(ModelKind::DecisionTree)
                .drift_kind(DriftKind::Covariate)
                .drift_strength(1.0)
                .drift_onset(ONSET)
                .trigger(RetrainTrigger::Never)
                .label_delay(3)
                .estimate_alert(Some(0.05)),
            CYCLES,
        );
        for c in sim.summaries() {
            let e = c.estimated.unwrap();
            assert_eq!(e.alert_drop, Some(0.05));
            assert_eq!(
                e.alerted,
                e.reference - e.score >= 0.05,
                "seed {seed} cycle {}",
                c.cycle
            );
            let listed = sim.estimate_alerts().iter().find(|a| a.cycle == c.cycle);
            assert_eq!(listed.is_some(), e.alerted);
            if let Some(a) = listed {
                assert_eq!(
                    (a.estimate, a.reference, a.live),
                    (e.score, e.reference, e.live)
                );
            }
        }
        assert_eq!(
            sim.totals().estimate_alerts as usize,
            sim.estimate_alerts().len()
        );
        // The cycles' own alerts are counted apart.
        assert_eq!(sim.totals().alerts as usize, sim.alerts().len());
        raised += sim.estimate_alerts().len();
    }
    assert!(raised > 0, "a tree far from its data alerts at some seed");
}

#[test]
fn the_estimated_drop_policy_acts_before_labels_arrive() {
    // With labels 3 cycles late, "performance drop" cannot fire before cycle
    // 4; the estimated drop fires on the batch itself, when its estimate is
    // below the threshold (a tree far from its data).
    let p = SimParams::default()
        .model(ModelKind::DecisionTree)
        .drift_kind(DriftKind::Covariate)
        .drift_strength(1.0)
        .drift_onset(ONSET)
        .label_delay(3)
        .threshold(0.85)
        .trigger(RetrainTrigger::EstimatedDrop);
    let mut fired_early = 0;
    for seed in 0..SEEDS {
        let sim = run(p.clone().seed(seed), CYCLES);
        for c in sim.summaries() {
            let e = c.estimated.unwrap().score;
            let fired = c.trigger.as_ref().is_some_and(|t| t.fired);
            assert_eq!(fired, e < c.threshold, "seed {seed} cycle {}", c.cycle);
            fired_early += usize::from(fired && c.cycle <= 3);
        }
    }
    assert!(
        fired_early > 0,
        "it fires before any label is in at some seed"
    );
    // The race runs it while labels are late, and only then.
    let race =
        retrain_playground::sim::retraining::race::policy_race(&p.clone().seed(1), 8).unwrap();
    assert!(race
        .runs
        .iter()
        .any(|r| r.trigger == RetrainTrigger::EstimatedDrop));
    let race =
        retrain_playground::sim::retraining::race::policy_race(&p.label_delay(0), 4).unwrap();
    assert!(race
        .runs
        .iter()
        .all(|r| r.trigger != RetrainTrigger::EstimatedDrop));
}
