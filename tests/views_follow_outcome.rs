//! Every view of a cycle tells the story of its typed outcome, in every mode:
//! random settings (each trigger, both gates, validation on and off, each
//! fault, both learners), stepped one step at a time, and rewound cycles read
//! back from their records. For each cycle this checks that the process flow's
//! branch, the highlighted code line, the banner, the table's step-7 row, the
//! visual quiz's right answers and the grading of every prediction all follow
//! from the one `Outcome` the core produced.

use std::collections::HashMap;

use proptest::prelude::*;
use proptest::test_runner::Config;

use retrain_playground::sim::params::{DetectorKind, ModelKind, RetrainTrigger, SimParams};
use retrain_playground::sim::retraining::cycle::Simulation;
use retrain_playground::sim::retraining::outcome::{AlertReason, Outcome, OutcomeKind};
use retrain_playground::sim::retraining::step_kind::StepKind;
use retrain_playground::sim::retraining::steps::{StepFact, TrainStep};
use retrain_playground::sim::retraining::validate::Fault;
use retrain_playground::sim::teach::quiz::{
    can_skip, grade_prediction, prediction_choices, visual_quiz,
};
use retrain_playground::sim::teach::story::{active_line, code_lines, CodeLine, CycleStory};
use retrain_playground::sim::wording::{outcome_title, step_cells};

fn trigger() -> impl Strategy<Value = RetrainTrigger> {
    prop_oneof![
        Just(RetrainTrigger::EveryCycle),
        Just(RetrainTrigger::Never),
        Just(RetrainTrigger::PerformanceDrop),
        Just(RetrainTrigger::Schedule("0 0 * * *".into())),
        Just(RetrainTrigger::Schedule("0 */12 * * *".into())),
        Just(RetrainTrigger::DriftDetected(DetectorKind::Adwin)),
        Just(RetrainTrigger::DriftDetected(DetectorKind::PageHinkley)),
        Just(RetrainTrigger::DriftDetected(DetectorKind::KsTest)),
    ]
}

fn params() -> impl Strategy<Value = SimParams> {
    (
        0u64..10_000,
        trigger(),
        prop_oneof![Just(None), (0.0f64..=0.2).prop_map(Some)],
        any::<bool>(),
        0.5f64..0.97,
        0.0f64..0.3,
        0.0f64..=1.0,
        60usize..300,
        prop_oneof![
            3 => Just(ModelKind::LogisticRegression),
            1 => Just(ModelKind::DecisionTree)
        ],
        prop_oneof![2 => Just(0u32), 1 => 1u32..=4],
    )
        .prop_map(
            |(seed, trigger, gate, validate, threshold, noise, drift, batch, model, delay)| {
                SimParams::default()
                    .seed(seed)
                    .trigger(trigger)
                    .min_improvement(gate)
                    .validate_data(validate)
                    .threshold((threshold * 100.0).round() / 100.0)
                    .label_noise(noise)
                    .drift_strength(drift)
                    .batch_size(batch)
                    .model(model)
                    .label_delay(delay)
            },
        )
}

/// The code line step 7 must highlight for an outcome.
fn expected_line(o: &Outcome) -> CodeLine {
    match o {
        Outcome::Deployed { .. } => CodeLine::Deploy,
        Outcome::Alerted {
            reason: AlertReason::ValidationFailed { .. },
            ..
        } => CodeLine::ValidateAlert,
        Outcome::Alerted { .. } => CodeLine::Alert,
        Outcome::Kept { .. } => CodeLine::KeepReturn,
    }
}

/// Checks every view of the cycle in `story` (rows so far + outcome) against
/// its outcome.
fn check_views(
    story: &CycleStory,
    rows: &[retrain_playground::sim::retraining::steps::StepRecord],
    p: &SimParams,
) {
    let Some(o) = &story.outcome else {
        assert!(
            story.branch().is_none(),
            "no branch before the cycle is decided"
        );
        return;
    };
    let kind = o.kind();
    // The deciding step has run, and the flow lights the same branch.
    assert!(
        story.reached(o.decided_at()),
        "{o:?} before step {:?}",
        o.decided_at()
    );
    assert_eq!(story.branch(), Some(kind));
    // Kept is only possible when the trigger can skip, and only then offered.
    let choices = prediction_choices(&p.trigger);
    assert!(
        choices.contains(&kind),
        "{kind:?} not offered for {:?}",
        p.trigger
    );
    assert!(kind != OutcomeKind::Kept || can_skip(&p.trigger));
    for k in choices {
        let g = grade_prediction(k, o);
        assert_eq!(g.right, k == kind, "{}", g.explanation);
        assert_eq!(g.actual, kind);
    }
    // The banner's title.
    let title = outcome_title(o);
    assert_eq!(
        title,
        match kind {
            OutcomeKind::Deploy => "Deployed",
            OutcomeKind::Alert => "Alert",
            OutcomeKind::Kept => "Kept, not retrained",
        }
    );
    // The code sample's line at step 7 (and the line exists in the sample).
    let lines = code_lines(p);
    if story.last_step == Some(StepKind::DeployOrAlert) {
        let line = active_line(story, &lines).expect("step 7 runs a line");
        assert_eq!(line, expected_line(o), "{o:?}");
        assert!(lines.contains(&line));
        let cells = step_cells(&rows[6].fact);
        assert_eq!(
            cells.action,
            match kind {
                OutcomeKind::Deploy => "Deploy model",
                OutcomeKind::Alert => "Alert team",
                OutcomeKind::Kept => "Keep live model",
            }
        );
    }
    // A kept or blocked cycle never reaches the deploy line.
    if kind != OutcomeKind::Deploy {
        assert_ne!(active_line(story, &lines), Some(CodeLine::Deploy));
    }
    // Step 6 says True exactly when the cycle deploys.
    if let Some(row) = rows.iter().find(|r| r.kind == StepKind::CheckPerformance) {
        let out = step_cells(&row.fact).output;
        assert_eq!(
            out == "True",
            kind == OutcomeKind::Deploy,
            "{out} for {o:?}"
        );
    }
    // The visual quiz, once step 6 has run.
    if let Some(q) = visual_quiz(rows, Some(o), &p.trigger).filter(|q| q.len() == 3) {
        assert_eq!(
            q[1].correct_option(),
            format!("Step {}", o.decided_at().number())
        );
        let version = q[0].correct_option();
        match story.train {
            Some(TrainStep::Trained { version: c, .. }) => assert_eq!(version, format!("v{c}")),
            _ => assert!(version.starts_with("No new version"), "{version}"),
        }
        let next = q[2].correct_option();
        match o {
            Outcome::Deployed { version, .. } => {
                assert!(
                    next.starts_with(&format!("Alert the team; v{version} would be rejected")),
                    "{next}"
                )
            }
            Outcome::Alerted { live, .. } => {
                assert!(next.starts_with("Alert the team"), "{next}");
                assert!(next.contains(&format!("v{live} stays live")), "{next}");
            }
            Outcome::Kept { live, .. } => {
                assert!(
                    next.starts_with("Nothing is trained and nobody is alerted"),
                    "{next}"
                );
                assert!(next.contains(&format!("v{live} stays live")), "{next}");
            }
        }
    }
}

proptest! {
    #![proptest_config(Config { cases: 40, ..Config::default() })]

    #[test]
    fn every_view_follows_the_typed_outcome(
        p in params(),
        cycles in 4u32..10,
        faults in prop::collection::vec(prop::option::weighted(0.25, prop::sample::select(Fault::ALL.to_vec())), 10),
        rewind in any::<prop::sample::Index>(),
    ) {
        let mut sim = Simulation::from_params(p.clone()).expect("valid settings start");
        let mut finished: HashMap<u32, CycleStory> = HashMap::new();
        for c in 0..cycles {
            if let Some(f) = faults[c as usize] {
                sim.inject_fault(f);
            }
            for _ in 0..8 {
                sim.step();
                let story = CycleStory::read(sim.cycle(), sim.rows(), sim.outcome());
                check_views(&story, sim.rows(), &p);
                if story.last_step == Some(StepKind::Repeat) {
                    // Step 8's row repeats the live version the outcome left.
                    let StepFact::Repeat { live } = sim.rows()[7].fact else { panic!("step 8") };
                    prop_assert_eq!(Some(live), story.outcome.as_ref().map(Outcome::live_after));
                    finished.insert(sim.cycle(), story);
                }
            }
            let summary = sim.summaries().last().unwrap();
            prop_assert_eq!(Some(&summary.outcome), sim.outcome());
        }
        // A rewound cycle tells the story it told live.
        let records = sim.records();
        let record = &records[rewind.index(records.len())];
        let story = CycleStory::read(record.cycle, &record.rows, Some(&record.outcome));
        prop_assert_eq!(Some(&story), finished.get(&record.cycle));
        check_views(&story, &record.rows, &p);
        if record.outcome.is_deploy() {
            prop_assert!(story.score.is_some(), "a rewound deploy keeps its candidate's score");
        }
    }
}

/// The random settings above reach every kind of ending, so the property is
/// not passing on deploys alone: a fixed sweep over the same kinds of
/// settings sees deploys, kept cycles and each alert reason but a failed
/// training (rare by design), and checks every view on each.
#[test]
fn the_settings_reach_every_ending() {
    let triggers = [
        RetrainTrigger::EveryCycle,
        RetrainTrigger::Schedule("0 0 * * *".into()),
        RetrainTrigger::DriftDetected(DetectorKind::Adwin),
        RetrainTrigger::PerformanceDrop,
    ];
    let mut seen = std::collections::HashSet::new();
    for (i, trigger) in triggers.iter().enumerate() {
        for gate in [None, Some(0.05)] {
            let p = SimParams::default()
                .seed(i as u64)
                .trigger(trigger.clone())
                .min_improvement(gate)
                .batch_size(200);
            let mut sim = Simulation::from_params(p.clone()).unwrap();
            for c in 0..8 {
                if c == 5 {
                    sim.inject_fault(Fault::MissingValues);
                }
                for _ in 0..8 {
                    sim.step();
                    let story = CycleStory::read(sim.cycle(), sim.rows(), sim.outcome());
                    check_views(&story, sim.rows(), &p);
                }
                seen.insert(match sim.outcome().unwrap() {
                    Outcome::Deployed { .. } => "deploy",
                    Outcome::Kept { .. } => "kept",
                    Outcome::Alerted { reason, .. } => match reason {
                        AlertReason::BelowThreshold { .. } => "below",
                        AlertReason::ChampionGate { .. } => "gate",
                        AlertReason::ValidationFailed { .. } => "validation",
                        AlertReason::TrainingFailed { .. } => "training",
                    },
                });
            }
        }
    }
    for kind in ["deploy", "kept", "below", "gate", "validation"] {
        assert!(seen.contains(kind), "never saw {kind}: {seen:?}");
    }
}
