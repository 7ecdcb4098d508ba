//! Property tests of the simulation core over random parameters.
//!
//! Valid parameters (every drift kind, pattern, learner and training window,
//! data validation on or off, now and then a fault injected into a batch): the
//! cycle never panics, every cycle fills the 8-row table, the deploy decision is
//! exactly `candidate_score > threshold`, the live version is the candidate or
//! the previous one with an alert saying why, the registry always has exactly one
//! live version, every score is a finite number in [0, 1], the training window
//! holds exactly the stored (not quarantined) batches it should, and the same
//! seed and settings replay bit for bit.
//!
//! Invalid parameters (out of range, NaN, infinite; any text as a cron
//! schedule): `SimParams::check` returns a typed `ParamError` naming the
//! parameter, and never panics.
//!
//! Runtime: 32 random runs of 10-12 cycles, 16 runs of 30 tiny cycles, a few
//! short replays and fault runs, and one long run of 120 cycles (past the
//! model-eviction bound): about 10-20 s in the default test profile on 2 cores.

use proptest::prelude::*;
use proptest::test_runner::Config;

use retrain_playground::sim::ml::evaluate::Scores;
use retrain_playground::sim::params::{
    DriftKind, DriftPattern, ModelKind, RetrainTrigger, SimParams, TrainingWindow, MAX_BATCH_SIZE,
    MAX_SEED, MAX_SLIDING_BATCHES, MAX_WINDOW_ROWS, MIN_BATCH_SIZE,
};
use retrain_playground::sim::retraining::cost::MAX_FIXED_COST;
use retrain_playground::sim::retraining::cycle::{Simulation, MAX_KEPT_MODELS};
use retrain_playground::sim::retraining::outcome::{AlertReason, Outcome};
use retrain_playground::sim::retraining::registry::{VersionStatus, WindowInfo};
use retrain_playground::sim::retraining::settings::ParamError;
use retrain_playground::sim::retraining::step_kind::StepKind;
use retrain_playground::sim::retraining::validate::Fault;
use retrain_playground::sim::wording::{alert_message, step_cells};

// ---------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------

/// A float in `lo..=hi`, with the two edges drawn on purpose now and then.
fn float_with_edges(lo: f64, hi: f64) -> impl Strategy<Value = f64> {
    prop_oneof![
        1 => Just(lo),
        1 => Just(hi),
        6 => lo..=hi,
    ]
}

/// A deploy threshold in 0.5..=0.99; round values are drawn often, since small
/// hold-out slices score in round fractions and can tie them exactly.
fn threshold() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => prop::sample::select(vec![0.5, 0.6, 0.75, 0.8, 0.9, 0.99]),
        5 => 0.5..=0.99,
    ]
}

fn drift_kind() -> impl Strategy<Value = DriftKind> {
    prop::sample::select(DriftKind::ALL.to_vec())
}

fn drift_pattern() -> impl Strategy<Value = DriftPattern> {
    prop::sample::select(DriftPattern::ALL.to_vec())
}

fn model_kind() -> impl Strategy<Value = ModelKind> {
    prop::sample::select(ModelKind::ALL.to_vec())
}

fn training_window() -> impl Strategy<Value = TrainingWindow> {
    prop_oneof![
        Just(TrainingWindow::NewestBatch),
        (1usize..=10).prop_map(TrainingWindow::Sliding),
        Just(TrainingWindow::AllData),
    ]
}

/// Valid parameters with batches of `batch_sizes` rows.
fn valid_params_with(
    batch_sizes: impl Strategy<Value = usize>,
) -> impl Strategy<Value = SimParams> {
    let what = (
        0..=MAX_SEED,
        batch_sizes,
        drift_kind(),
        drift_pattern(),
        model_kind(),
        training_window(),
    );
    let how = (
        float_with_edges(0.0, 1.0),  // drift strength
        float_with_edges(0.05, 1.0), // drift speed
        1u32..=20,                   // drift onset
        float_with_edges(0.0, 0.5),  // label noise
        threshold(),
        float_with_edges(0.1, 0.5), // hold-out fraction
        1usize..=10,                // tree depth
        prop::bool::weighted(0.75), // validate each batch (on by default)
    );
    (what, how).prop_map(
        |(
            (seed, batch, kind, pattern, model, window),
            (strength, speed, onset, noise, threshold, holdout, depth, validate),
        )| {
            SimParams::default()
                .seed(seed)
                .batch_size(batch)
                .drift_kind(kind)
                .drift_pattern(pattern)
                .model(model)
                .window(window)
                .drift_strength(strength)
                .drift_speed(speed)
                .drift_onset(onset)
                .label_noise(noise)
                .threshold(threshold)
                .holdout_fraction(holdout)
                .tree_max_depth(depth)
                .validate_data(validate)
        },
    )
}

/// Valid parameters with batches of 20..=2000 rows. Small batches are drawn more
/// often: a cycle costs about as much as its training window is long, and a
/// decision tree on an all-data window of 2000-row batches takes seconds per
/// cycle in the unoptimised test profile.
fn valid_params() -> impl Strategy<Value = SimParams> {
    valid_params_with(prop_oneof![
        1 => Just(MIN_BATCH_SIZE),
        1 => Just(2000usize),
        4 => MIN_BATCH_SIZE..=300usize,
        2 => 300usize..=2000,
    ])
}

// ---------------------------------------------------------------------------
// Invariants checked after every cycle
// ---------------------------------------------------------------------------

fn assert_unit_score(what: &str, x: f64) {
    assert!(
        x.is_finite() && (0.0..=1.0).contains(&x),
        "{what} = {x} is not a finite number in [0, 1]"
    );
}

fn assert_unit_scores(what: &str, s: &Scores) {
    assert_unit_score(&format!("{what} accuracy"), s.accuracy);
    assert_unit_score(&format!("{what} precision"), s.precision);
    assert_unit_score(&format!("{what} recall"), s.recall);
    assert_unit_score(&format!("{what} f1"), s.f1);
}

/// Training rows one batch contributes (the batch minus its hold-out slice).
fn train_rows_per_batch(p: &SimParams) -> usize {
    let n = p.batch_size;
    let held = ((n as f64 * p.holdout_fraction).round() as usize).clamp(1, n - 1);
    n - held
}

/// A run under test, with what the test knows independently of the core: the
/// cycles whose batches are stored for training (the initial batch, then every
/// batch that was not quarantined by data validation), oldest first.
struct Checked {
    sim: Simulation,
    stored: Vec<u32>,
}

impl Checked {
    fn start(p: &SimParams) -> Self {
        let valid = p.clone().check().expect("generated parameters are valid");
        let sim = Simulation::new(valid).expect("a valid run starts");
        assert_eq!(sim.cycle(), 0);
        assert_eq!(sim.live_version(), 1);
        assert_unit_scores("v1 initial", &sim.v1_initial_scores());
        Checked {
            sim,
            stored: vec![0],
        }
    }

    /// The window the next candidate must train on: the newest stored batches,
    /// as many as the setting asks for and the row cap allows.
    fn expected_window(stored: &[u32], p: &SimParams) -> WindowInfo {
        let per_batch = train_rows_per_batch(p);
        let wanted = match p.window {
            TrainingWindow::NewestBatch => 1,
            TrainingWindow::Sliding(n) => n,
            TrainingWindow::AllData => usize::MAX,
        };
        let fits = (MAX_WINDOW_ROWS / per_batch).max(1);
        let n = wanted
            .min(stored.len())
            .min(fits)
            .min(MAX_SLIDING_BATCHES + 1);
        let chosen = &stored[stored.len() - n..];
        WindowInfo {
            first_cycle: chosen[0],
            last_cycle: *chosen.last().unwrap(),
            rows: n * per_batch,
        }
    }

    /// Runs one cycle (with `fault` injected into its batch) and checks every
    /// invariant against the state before and after it.
    fn cycle(&mut self, fault: Option<Fault>) {
        let p = self.sim.params().clone();
        let sim = &mut self.sim;
        let live_before = sim.live_version();
        let versions_before = sim.registry().versions().len();
        let alerts_before = sim.alerts().len();
        let cycle = sim.cycle() + 1;
        assert_eq!(sim.next_step(), StepKind::Start, "a cycle starts at step 1");
        if let Some(f) = fault {
            sim.inject_fault(f);
        }

        let summary = sim
            .finish_cycle()
            .expect("a finished cycle has a summary")
            .clone();
        let sim = &self.sim;
        assert_eq!(sim.applied_fault(), fault);
        assert_eq!(summary.fault, fault);

        // The process table: exactly 8 rows, numbered 1..=8, in order, for this cycle.
        let rows = sim.rows();
        assert_eq!(rows.len(), 8, "cycle {cycle}: {rows:#?}");
        for (i, row) in rows.iter().enumerate() {
            assert_eq!(usize::from(row.step()), i + 1, "cycle {cycle}: row {i}");
            assert_eq!(row.kind, StepKind::ALL[i]);
            assert_eq!(row.cycle, cycle);
            let cells = step_cells(&row.fact);
            assert!(!cells.action.is_empty() && !cells.output.is_empty());
        }
        assert_eq!(sim.next_step(), StepKind::Start, "the cycle ran to step 8");
        assert_eq!(sim.cycle(), cycle);
        assert_eq!(sim.summaries().len(), cycle as usize);
        let t = sim.tracker();
        assert!(t.start.is_some() && t.after_train.is_some());
        assert!(t.after_check.is_some() && t.finish.is_some());

        // Data validation: a failed batch is quarantined and blocks retraining.
        let quarantined = sim.validation().is_some_and(|v| !v.passed());
        assert_eq!(sim.validation().is_some(), p.validate_data);
        if !quarantined {
            self.stored.push(cycle);
        }
        let window = Self::expected_window(&self.stored, &p);

        // The summary describes this cycle.
        assert_eq!(summary.cycle, cycle);
        assert_eq!(summary.live_before, live_before);
        assert_eq!(summary.threshold, p.threshold);
        assert_unit_score("live score", summary.live_score);
        assert_unit_score("v1 score", summary.v1_score);
        assert_unit_score("drift effective", summary.drift.effective);
        assert_unit_score("new concept share", summary.drift.new_concept_share);
        if let Some(s) = summary.candidate_score {
            assert_unit_score("candidate score", s);
        }
        assert_eq!(
            summary.candidate.is_some(),
            summary.candidate_score.is_some(),
            "a trained candidate is always evaluated"
        );
        assert_eq!(summary.retrained(), summary.candidate.is_some());
        if quarantined {
            assert_eq!(
                summary.candidate, None,
                "cycle {cycle}: trained on a failed batch"
            );
        }
        assert_eq!(
            summary.window, window,
            "cycle {cycle}, window {:?}, batch {}, stored {:?}",
            p.window, p.batch_size, self.stored
        );
        assert!(summary.window.rows <= MAX_WINDOW_ROWS);

        // Step 6: the decision is exactly `candidate_score > threshold`, strictly.
        let passes = summary.candidate_score.is_some_and(|s| s > p.threshold);
        assert_eq!(
            summary.deployed(),
            passes,
            "cycle {cycle}: score {:?} vs threshold {}",
            summary.candidate_score,
            p.threshold
        );

        // Step 7: deploy the candidate, or alert and keep the live version.
        let decision = sim.outcome().expect("step 7 decided").clone();
        assert_eq!(decision, summary.outcome);
        assert_eq!(decision.is_deploy(), summary.deployed());
        if summary.deployed() {
            let candidate = summary.candidate.expect("a deploy has a candidate");
            assert_eq!(summary.live_after, candidate);
            assert_eq!(sim.live_version(), candidate);
            match &decision {
                Outcome::Deployed {
                    version,
                    score,
                    replaced,
                    ..
                } => {
                    assert_eq!(*version, candidate);
                    assert_eq!(Some(*score), summary.candidate_score);
                    assert_eq!(*replaced, live_before);
                }
                other => panic!("deployed but decided {other:?}"),
            }
            assert_eq!(
                sim.alerts().len(),
                alerts_before,
                "a deploy raises no alert"
            );
        } else {
            assert_eq!(summary.live_after, live_before);
            assert_eq!(sim.live_version(), live_before);
            assert_eq!(
                sim.alerts().len(),
                alerts_before + 1,
                "every cycle retrains, so each one that does not deploy alerts"
            );
            let alert = sim.alerts().last().unwrap();
            assert_eq!(decision, alert.outcome());
            assert_eq!(alert.cycle, cycle);
            assert_eq!(alert.live, live_before);
            assert_eq!(
                alert.outcome().candidate(),
                summary.candidate.zip(summary.candidate_score)
            );
            let why = match &alert.reason {
                AlertReason::BelowThreshold {
                    score, threshold, ..
                } => {
                    assert!(*score <= p.threshold);
                    assert_eq!(*threshold, p.threshold);
                    "not above the threshold".to_string()
                }
                AlertReason::TrainingFailed { why } => {
                    assert_eq!(
                        summary.candidate, None,
                        "a failed training has no candidate"
                    );
                    why.to_string()
                }
                AlertReason::ValidationFailed { failures } => {
                    assert!(quarantined && !failures.is_empty());
                    assert_eq!(summary.candidate, None);
                    retrain_playground::sim::wording::failure_text(&failures[0])
                }
                AlertReason::ChampionGate { .. } => {
                    panic!("the champion/challenger gate is off: {alert:?}")
                }
            };
            let message = alert_message(alert);
            assert!(message.contains(&why), "{message} lacks {why}");
            assert_eq!(
                quarantined,
                matches!(alert.reason, AlertReason::ValidationFailed { .. })
            );
        }

        // The registry: consecutive versions, exactly one live, no candidate left over.
        let reg = sim.registry();
        let versions = reg.versions();
        let new_versions = usize::from(summary.candidate.is_some());
        assert_eq!(versions.len(), versions_before + new_versions);
        for (i, v) in versions.iter().enumerate() {
            assert_eq!(
                v.version as usize,
                i + 1,
                "versions are numbered 1, 2, 3, ..."
            );
            assert_ne!(
                v.status,
                VersionStatus::Candidate,
                "v{} still a candidate",
                v.version
            );
            assert_unit_scores(&format!("v{}", v.version), &v.scores);
            if v.status == VersionStatus::Retired {
                assert!(
                    v.replaced_by.is_some(),
                    "retired v{} names no successor",
                    v.version
                );
            }
        }
        let live: Vec<u32> = versions
            .iter()
            .filter(|v| v.status == VersionStatus::Live)
            .map(|v| v.version)
            .collect();
        assert_eq!(live, [sim.live_version()], "exactly one live version");
        if let Some(c) = summary.candidate {
            let expected = if summary.deployed() {
                VersionStatus::Live
            } else {
                VersionStatus::Rejected
            };
            assert_eq!(reg.get(c).unwrap().status, expected);
            assert_eq!(reg.get(c).unwrap().trained_in_cycle, cycle);
            assert_eq!(reg.get(c).unwrap().window, window);
        }
        if summary.deployed() && live_before != sim.live_version() {
            let old = reg.get(live_before).unwrap();
            assert_eq!(old.status, VersionStatus::Retired);
            assert_eq!(old.replaced_by, Some(sim.live_version()));
        }

        // The live model and v1 are always kept, so the next cycle can score them.
        assert!(
            sim.grid_of(sim.live_version()).is_some(),
            "live model evicted"
        );
        assert!(sim.grid_of(1).is_some(), "v1 evicted");
    }

    fn run(&mut self, cycles: u32) {
        for _ in 0..cycles {
            self.cycle(None);
        }
    }
}

fn fault() -> impl Strategy<Value = Fault> {
    prop::sample::select(Fault::ALL.to_vec())
}

// ---------------------------------------------------------------------------
// Valid parameters
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(Config { cases: 32, ..Config::default() })]

    /// Random valid settings, data validation on or off, and now and then a
    /// fault injected into one batch.
    #[test]
    fn every_cycle_keeps_the_invariants(
        p in valid_params(),
        cycles in 10u32..=12,
        faults in prop::collection::vec((1u32..=12, fault()), 0..=2),
    ) {
        let mut run = Checked::start(&p);
        for c in 1..=cycles {
            let f = faults.iter().find(|(at, _)| *at == c).map(|(_, f)| *f);
            run.cycle(f);
        }
        let sim = &run.sim;
        let alerts = sim.summaries().iter().filter(|s| !s.deployed()).count();
        prop_assert_eq!(sim.alerts().len(), alerts);
    }
}

proptest! {
    #![proptest_config(Config { cases: 16, ..Config::default() })]

    /// Small hold-out slices of 10-40 rows score in tenths, so candidates often
    /// tie a threshold of 0.6, 0.8 or 0.9 exactly: a tie must never deploy.
    #[test]
    fn exact_ties_with_the_threshold_are_not_deployed(
        p in valid_params_with(prop::sample::select(vec![20usize, 40, 60, 80])),
        threshold in prop::sample::select(vec![0.6, 0.8, 0.9]),
    ) {
        let p = p.holdout_fraction(0.5).threshold(threshold);
        let mut run = Checked::start(&p);
        run.run(30);
        for c in run.sim.summaries() {
            if c.candidate_score == Some(threshold) {
                prop_assert!(!c.deployed(), "cycle {}: a tie at {} was deployed", c.cycle, threshold);
            }
        }
    }

    /// With validation on, a broken batch (missing values, a single class,
    /// absurd values) is always caught: it is quarantined, the team is alerted,
    /// and the live model stays. (Flipped labels are not in this list: that check
    /// is statistical, a 15 % agreement floor with the live model, and misses when
    /// the live model is mediocre.)
    #[test]
    fn validation_catches_broken_batches(
        p in valid_params_with(MIN_BATCH_SIZE..=500usize),
        f in prop::sample::select(vec![Fault::MissingValues, Fault::SingleClass, Fault::OutOfRange]),
        at in 1u32..=4,
    ) {
        assert_fault_is_caught(p.validate_data(true), f, at);
    }
}

fn assert_fault_is_caught(p: SimParams, f: Fault, at: u32) {
    let mut run = Checked::start(&p);
    for c in 1..=at + 1 {
        run.cycle((c == at).then_some(f));
    }
    let hit = &run.sim.summaries()[at as usize - 1];
    assert!(
        !hit.deployed() && hit.candidate.is_none(),
        "{f:?} in cycle {at}: {hit:?}"
    );
    let alert = run.sim.alerts().iter().find(|a| a.cycle == at).unwrap();
    assert!(
        matches!(alert.reason, AlertReason::ValidationFailed { .. }),
        "{f:?} in cycle {at} not caught: {}",
        alert_message(alert)
    );
    assert!(!run.stored.contains(&at), "the faulty batch was stored");
}

proptest! {
    #![proptest_config(Config { cases: 12, ..Config::default() })]

    /// Same seed and settings: identical summaries and registry, bit for bit,
    /// whether the cycles are run step by step or with `finish_cycle`.
    #[test]
    fn same_seed_same_run_bit_for_bit(p in valid_params(), cycles in 3u32..=6) {
        let mut a = Checked::start(&p).sim;
        let mut b = Checked::start(&p).sim;
        for _ in 0..cycles {
            a.finish_cycle();
            for _ in 0..8 {
                b.step();
            }
        }
        prop_assert_eq!(a.summaries(), b.summaries());
        prop_assert_eq!(a.registry(), b.registry());
        prop_assert_eq!(a.alerts(), b.alerts());
        prop_assert_eq!(a.rows(), b.rows());
        // PartialEq treats 0.0 == -0.0; the JSON text (shortest round-trip
        // digits) tells every bit pattern of a finite number apart.
        let json = |s: &Simulation| {
            serde_json::to_string(&(s.summaries(), s.registry(), s.alerts())).unwrap()
        };
        prop_assert_eq!(json(&a), json(&b));
    }
}

/// One long run of small batches: 120 cycles, so the fitted-model store passes
/// its bound (`MAX_KEPT_MODELS`) and evicts, and histories get long.
#[test]
fn a_long_run_keeps_the_invariants() {
    const CYCLES: u32 = 120;
    const _: () = assert!(CYCLES as usize > MAX_KEPT_MODELS + 2);
    let strategy = valid_params_with(MIN_BATCH_SIZE..=200usize);
    let mut runner = proptest::test_runner::TestRunner::new(Config {
        cases: 1,
        ..Config::default()
    });
    runner
        .run(&strategy, |p| {
            Checked::start(&p).run(CYCLES);
            Ok(())
        })
        .unwrap();
}

// ---------------------------------------------------------------------------
// Invalid parameters
// ---------------------------------------------------------------------------

/// The parameters `SimParams::check` validates, with the name its errors use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    BatchSize,
    DriftStrength,
    DriftSpeed,
    DriftOnset,
    LabelNoise,
    Threshold,
    Holdout,
    TreeDepth,
    MinutesPerCycle,
    ChampionMargin,
    SlidingWindow,
    FixedCost,
}

impl Field {
    const ALL: [Field; 12] = [
        Field::BatchSize,
        Field::DriftStrength,
        Field::DriftSpeed,
        Field::DriftOnset,
        Field::LabelNoise,
        Field::Threshold,
        Field::Holdout,
        Field::TreeDepth,
        Field::MinutesPerCycle,
        Field::ChampionMargin,
        Field::SlidingWindow,
        Field::FixedCost,
    ];

    fn name(self) -> &'static str {
        match self {
            Field::BatchSize => "Batch size",
            Field::DriftStrength => "Drift strength",
            Field::DriftSpeed => "Drift speed",
            Field::DriftOnset => "Drift onset",
            Field::LabelNoise => "Label noise",
            Field::Threshold => "Deploy threshold",
            Field::Holdout => "Hold-out fraction",
            Field::TreeDepth => "Tree depth",
            Field::MinutesPerCycle => "Minutes per cycle",
            Field::ChampionMargin => "Champion margin",
            Field::SlidingWindow => "Training window (batches)",
            Field::FixedCost => "Fixed cost per retrain",
        }
    }

    /// The allowed range, as the error reports it.
    fn range(self) -> (f64, f64) {
        match self {
            Field::BatchSize => (MIN_BATCH_SIZE as f64, MAX_BATCH_SIZE as f64),
            Field::DriftStrength => (0.0, 1.0),
            Field::DriftSpeed => (0.05, 1.0),
            Field::DriftOnset => (1.0, 1000.0),
            Field::LabelNoise => (0.0, 0.5),
            Field::Threshold => (0.5, 0.99),
            Field::Holdout => (0.1, 0.5),
            Field::TreeDepth => (1.0, 20.0),
            Field::MinutesPerCycle => (1.0, 10_080.0),
            Field::ChampionMargin => (0.0, 0.2),
            Field::SlidingWindow => (1.0, MAX_SLIDING_BATCHES as f64),
            Field::FixedCost => (0.0, f64::from(MAX_FIXED_COST)),
        }
    }

    fn is_float(self) -> bool {
        matches!(
            self,
            Field::DriftStrength
                | Field::DriftSpeed
                | Field::LabelNoise
                | Field::Threshold
                | Field::Holdout
                | Field::ChampionMargin
        )
    }
}

/// One bad value: a float (possibly NaN or infinite) or an integer.
#[derive(Clone, Copy, Debug)]
enum Bad {
    Float(f64),
    Int(u64),
}

/// A float strictly outside `lo..=hi`, or not finite; the nearest neighbours of
/// the edges are drawn on purpose.
fn bad_float(lo: f64, hi: f64) -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(f64::NAN),
        Just(-f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(lo.next_down()),
        Just(hi.next_up()),
        Just(f64::MAX),
        Just(f64::MIN),
        (lo - 1e6)..lo,
        hi.next_up()..(hi + 1e6),
    ]
}

/// An integer outside `lo..=hi` and at most `cap` (below `lo` only when
/// `lo` is at least 1).
fn bad_int(lo: u64, hi: u64, cap: u64) -> BoxedStrategy<u64> {
    if lo == 0 {
        return prop_oneof![Just(hi + 1), Just(cap), (hi + 1)..=cap].boxed();
    }
    prop_oneof![Just(0u64), 0..lo, Just(hi + 1), Just(cap), (hi + 1)..=cap,].boxed()
}

fn bad_value(field: Field) -> BoxedStrategy<Bad> {
    let (lo, hi) = field.range();
    if field.is_float() {
        bad_float(lo, hi).prop_map(Bad::Float).boxed()
    } else {
        let cap = if matches!(
            field,
            Field::DriftOnset | Field::MinutesPerCycle | Field::FixedCost
        ) {
            u64::from(u32::MAX)
        } else {
            usize::MAX as u64
        };
        bad_int(lo as u64, hi as u64, cap)
            .prop_map(Bad::Int)
            .boxed()
    }
}

fn corrupt(p: SimParams, field: Field, bad: Bad) -> SimParams {
    let float = |b: Bad| match b {
        Bad::Float(v) => v,
        Bad::Int(_) => unreachable!("{field:?} takes a float"),
    };
    let int = |b: Bad| match b {
        Bad::Int(v) => v,
        Bad::Float(_) => unreachable!("{field:?} takes an integer"),
    };
    match field {
        Field::BatchSize => p.batch_size(int(bad) as usize),
        Field::DriftStrength => p.drift_strength(float(bad)),
        Field::DriftSpeed => p.drift_speed(float(bad)),
        Field::DriftOnset => p.drift_onset(u32::try_from(int(bad)).unwrap()),
        Field::LabelNoise => p.label_noise(float(bad)),
        Field::Threshold => p.threshold(float(bad)),
        Field::Holdout => p.holdout_fraction(float(bad)),
        Field::TreeDepth => p.tree_max_depth(int(bad) as usize),
        Field::MinutesPerCycle => p.minutes_per_cycle(u32::try_from(int(bad)).unwrap()),
        Field::ChampionMargin => p.min_improvement(Some(float(bad))),
        Field::SlidingWindow => p.window(TrainingWindow::Sliding(int(bad) as usize)),
        Field::FixedCost => p.retrain_fixed_cost(u32::try_from(int(bad)).unwrap()),
    }
}

fn one_bad_field() -> impl Strategy<Value = (Field, Bad)> {
    prop::sample::select(Field::ALL.to_vec()).prop_flat_map(|f| (Just(f), bad_value(f)))
}

/// The parameter an error names.
fn error_name(e: &ParamError) -> &str {
    match e {
        ParamError::OutOfRange { field, .. } | ParamError::NotFinite { field } => field.label(),
        ParamError::Cron(_) => "Cron schedule",
        ParamError::SeedTooLarge { .. } => "Seed",
    }
}

proptest! {
    #![proptest_config(Config { cases: 256, ..Config::default() })]

    /// One bad value: the error is typed, names that parameter, and says what
    /// was given and what is allowed.
    #[test]
    fn one_invalid_value_is_rejected_by_name(
        p in valid_params_with(MIN_BATCH_SIZE..=MAX_BATCH_SIZE),
        (field, bad) in one_bad_field(),
    ) {
        let err = corrupt(p, field, bad).check().expect_err("an invalid value must be rejected");
        prop_assert_eq!(error_name(&err), field.name());
        let text = err.to_string();
        prop_assert!(text.contains(field.name()), "{} does not name {}", text, field.name());
        let (lo, hi) = field.range();
        match (bad, &err) {
            (Bad::Float(v), ParamError::NotFinite { .. }) => prop_assert!(!v.is_finite()),
            (Bad::Float(v), ParamError::OutOfRange { value, min, max, .. }) => {
                prop_assert!(v.is_finite());
                prop_assert_eq!(value.to_bits(), v.to_bits());
                prop_assert_eq!((*min, *max), (lo, hi));
                prop_assert!(text.contains("between"), "{}", text);
            }
            (Bad::Int(n), ParamError::OutOfRange { value, min, max, .. }) => {
                prop_assert_eq!(*value, n as f64);
                prop_assert_eq!((*min, *max), (lo, hi));
                prop_assert!(text.contains(&format!("got {}", n as f64)), "{}", text);
            }
            (_, other) => prop_assert!(false, "{:?} gave {:?}", bad, other),
        }
    }

    /// Several bad values at once: still an error, naming one of them.
    #[test]
    fn several_invalid_values_are_rejected(
        p in valid_params_with(MIN_BATCH_SIZE..=MAX_BATCH_SIZE),
        bad in prop::collection::vec(one_bad_field(), 1..=9),
    ) {
        let names: Vec<&str> = bad.iter().map(|(f, _)| f.name()).collect();
        let p = bad.into_iter().fold(p, |p, (f, b)| corrupt(p, f, b));
        let err = p.check().expect_err("invalid values must be rejected");
        prop_assert!(names.contains(&error_name(&err)), "{} not among {:?}", err, names);
        prop_assert!(err.to_string().contains(error_name(&err)));
    }

    /// Any text as a cron schedule: `check` never panics; it accepts the text or
    /// rejects it as a cron error that says so.
    #[test]
    fn any_cron_text_is_accepted_or_rejected_without_panic(
        text in prop_oneof![
            "\\PC{0,40}",
            "[0-9*/,A-Za-z-]{1,6}( {1,2}[0-9*/,A-Za-z-]{1,6}){0,6}",
        ],
    ) {
        let p = SimParams::default().trigger(RetrainTrigger::Schedule(text.clone()));
        if let Err(e) = p.check() {
            prop_assert!(matches!(e, ParamError::Cron(_)), "{:?}: {:?}", text, e);
            prop_assert!(e.to_string().starts_with("Cron schedule"), "{}", e);
        }
    }

    /// Well-formed schedules pass.
    #[test]
    fn well_formed_cron_schedules_pass(
        minute in 0u32..=59,
        hour in 0u32..=23,
        step in 1u32..=12,
        weekday in 0u32..=7,
    ) {
        for text in [
            format!("{minute} {hour} * * *"),
            format!("*/{step} * * * *"),
            format!("{minute} {hour} * * {weekday}"),
            format!("0 0-{hour}/{step} 1,15 * MON-FRI"),
        ] {
            let p = SimParams::default().trigger(RetrainTrigger::Schedule(text.clone()));
            prop_assert!(p.check().is_ok(), "{} rejected", text);
        }
    }

    /// The valid space really is valid (the invalid properties above are not
    /// vacuous): every generated set of valid parameters passes.
    #[test]
    fn valid_values_pass_the_check(p in valid_params_with(MIN_BATCH_SIZE..=MAX_BATCH_SIZE)) {
        let checked = p.clone().check();
        match checked {
            Ok(valid) => prop_assert_eq!(valid.get(), &p),
            Err(e) => prop_assert!(false, "{:?} rejected: {}", p, e),
        }
    }
}
