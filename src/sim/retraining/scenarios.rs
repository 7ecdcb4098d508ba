//! Ready-made classroom scenarios, one click away, each with a line on what to
//! watch.

use crate::sim::params::{
    DetectorKind, DriftKind, DriftPattern, RetrainTrigger, SimParams, TrainingWindow,
};
use crate::sim::retraining::validate::Fault;
use crate::sim::stream::circle::CIRCLE_BATCH;
use crate::sim::stream::weather::{FeaturePair, DAYS_PER_YEAR};

/// The data a scenario streams.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ScenarioData {
    /// The seeded synthetic stream, drifting as the settings say.
    #[default]
    Synthetic,
    /// The real weather data with these two features (the page fetches the
    /// file first; see [`crate::sim::stream::weather`]).
    Weather(FeaturePair),
    /// The Circle benchmark (the page fetches the file first; see
    /// [`crate::sim::stream::circle`]).
    Circle,
}

/// A prepared scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    /// Stable key (for links: `scenario=…`).
    pub key: &'static str,
    /// The name the page shows.
    pub title: &'static str,
    /// What to watch, in one line.
    pub watch: &'static str,
    /// The settings.
    pub params: SimParams,
    /// A fault injected into the first batch, if any.
    pub fault: Option<Fault>,
    /// The data it streams.
    pub data: ScenarioData,
}

/// The key of the real-weather scenario.
pub const WEATHER_SCENARIO: &str = "real-weather";
/// The key of the Circle scenario.
pub const CIRCLE_SCENARIO: &str = "circle";

/// What to watch in the Circle scenario (the figures: `tests/circle.rs`).
const CIRCLE_WATCH: &str = "A benchmark from the drift literature: 2,000 points in a square, class 1 inside a circle that grows during cycle 4 (rows 1,001–1,250). The scenario starts with logistic regression, whose straight boundary cannot fit a circle: it scores about a coin flip (0.44–0.56) every cycle, before the drift too. Switch to the decision tree: v1 scores 0.95 or more, 0.80 during the drift and 0.53–0.61 after it, while the tree retrained on each newest batch is back above 0.8 by cycle 6.";

/// Every scenario, in the order the page lists them.
pub fn scenarios() -> Vec<Scenario> {
    let base = SimParams::default().seed(2026);
    vec![
        Scenario {
            key: "sudden-concept",
            title: "Sudden concept drift",
            watch: "At cycle 3 the rule changes: v1's accuracy collapses while each retrained model recovers.",
            params: base
                .clone()
                .drift_kind(DriftKind::Concept)
                .drift_pattern(DriftPattern::Sudden)
                .drift_strength(0.7),
            fault: None,
            data: ScenarioData::Synthetic,
        },
        Scenario {
            key: "harmless-covariate",
            title: "Covariate drift that does not hurt",
            watch: "The inputs move a long way, but the labelling rule stays: even v1, never retrained, stays accurate (the scenario's model is logistic regression, whose straight boundary extends along the slide; a decision tree's v1 loses more).",
            params: base
                .clone()
                .drift_kind(DriftKind::Covariate)
                .drift_pattern(DriftPattern::Incremental)
                .drift_strength(1.0),
            fault: None,
            data: ScenarioData::Synthetic,
        },
        Scenario {
            key: "strict-threshold",
            title: "A threshold too strict",
            watch: "With 10% label noise no model can score above 0.95: every check fails and the team is alerted each cycle.",
            params: base.clone().threshold(0.95).label_noise(0.1).drift_strength(0.0),
            fault: None,
            data: ScenarioData::Synthetic,
        },
        Scenario {
            key: "bad-data",
            title: "Bad data caught by validation",
            watch: "The first new batch arrives with missing values: validation blocks retraining and names the failed check.",
            params: base.clone().drift_strength(0.0).validate_data(true),
            fault: Some(Fault::MissingValues),
            data: ScenarioData::Synthetic,
        },
        Scenario {
            key: "gradual-mix",
            title: "Gradual drift: alerts during the mix",
            watch: "While old and new concepts are mixed no model reaches the threshold; once the new one dominates, retraining recovers.",
            params: base
                .clone()
                .drift_pattern(DriftPattern::Gradual)
                .drift_strength(1.0)
                .drift_speed(0.4)
                .validate_data(false),
            fault: None,
            data: ScenarioData::Synthetic,
        },
        Scenario {
            key: "drift-triggered",
            title: "Drift detector stalls",
            watch: "ADWIN watches the live model's errors and fires at the sudden drift (cycle 3), but the candidate, trained on two old batches and one new, is rejected. The error rate then stays high but steady, so ADWIN never fires again: the model is stuck below the threshold, and the page says why. Then try the fix it offers.",
            params: base
                .clone()
                .drift_strength(0.6)
                .trigger(RetrainTrigger::DriftDetected(DetectorKind::Adwin)),
            fault: None,
            data: ScenarioData::Synthetic,
        },
        Scenario {
            key: "drift-triggered-floor",
            title: "Drift detector + performance floor (the fix)",
            watch: "The same stream and detector, plus a performance floor as a second trigger: when ADWIN sees no change but live accuracy is below the threshold, the floor retrains, and the model recovers.",
            params: base
                .clone()
                .drift_strength(0.6)
                .trigger(RetrainTrigger::DriftDetected(DetectorKind::Adwin))
                .performance_floor(true),
            fault: None,
            data: ScenarioData::Synthetic,
        },
        Scenario {
            key: WEATHER_SCENARIO,
            title: "Real weather (Nebraska, 1949–1999)",
            watch: "Real data: each cycle streams one year of days at Offutt Air Force Base in Nebraska, and the model predicts which days had rain. The file holds 49.7 years (18,159 days). v1 learns from year 1 and is never retrained (the grey line); the live model is retrained every year on the last two. Over the 48 yearly cycles after year 1, v1 averages about 0.71 on each year's held-out days and the retrained model about 0.74, but the two run level until year 33, where the published file's columns shift: a broken data pipeline looks like drift (Known problems, in the weather panel). Then run the policy race on the same years.",
            params: base
                .batch_size(DAYS_PER_YEAR)
                .window(TrainingWindow::Sliding(2))
                .threshold(0.65),
            fault: None,
            data: ScenarioData::Weather(FeaturePair::default()),
        },
        Scenario {
            key: CIRCLE_SCENARIO,
            title: "Circle (Minku, White & Yao 2010)",
            watch: CIRCLE_WATCH,
            params: SimParams::default()
                .seed(2026)
                .batch_size(CIRCLE_BATCH)
                .window(TrainingWindow::NewestBatch),
            fault: None,
            data: ScenarioData::Circle,
        },
    ]
}

/// Looks a scenario up by key.
pub fn scenario(key: &str) -> Option<Scenario> {
    scenarios().into_iter().find(|s| s.key == key)
}

// Native only: the core is tested natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::retraining::cycle::Simulation;
    use crate::sim::retraining::history::{StallCause, StallFix};
    use crate::sim::retraining::outcome::AlertReason;
    use crate::sim::retraining::validate::ValidationFailure;

    fn run(s: &Scenario, cycles: u32) -> Simulation {
        let mut sim = Simulation::from_params(s.params.clone()).unwrap();
        if let Some(f) = s.fault {
            sim.inject_fault(f);
        }
        sim.finish_cycles(cycles);
        sim
    }

    #[test]
    fn every_scenario_is_valid_and_unique() {
        let all = scenarios();
        for s in &all {
            assert!(s.params.clone().check().is_ok(), "{}", s.key);
            assert_eq!(scenario(s.key).as_ref(), Some(s));
        }
        let mut keys: Vec<&str> = all.iter().map(|s| s.key).collect();
        keys.dedup();
        assert_eq!(keys.len(), all.len());
    }

    #[test]
    fn scenarios_show_what_they_promise() {
        let covariate = run(&scenario("harmless-covariate").unwrap(), 8);
        assert!(covariate.summaries().iter().all(|s| s.v1_score > 0.8));
        let strict = run(&scenario("strict-threshold").unwrap(), 5);
        assert_eq!(strict.alerts().len(), 5);
        let bad = run(&scenario("bad-data").unwrap(), 1);
        assert!(matches!(
            &bad.alerts()[0].reason,
            AlertReason::ValidationFailed { failures, .. }
                if failures.iter().any(|f| matches!(f, ValidationFailure::NonFinite { .. }))
        ));
        let sudden = run(&scenario("sudden-concept").unwrap(), 6);
        assert!(sudden.summaries()[5].v1_score < 0.4);
        assert!(sudden.summaries()[5].live_score > 0.8);
    }

    #[test]
    fn the_detector_stalls_and_the_floor_fixes_it() {
        let stalled = scenario("drift-triggered").unwrap();
        let sim = run(&stalled, 10);
        let stall = crate::sim::retraining::history::stall(sim.summaries(), sim.params())
            .expect("ADWIN alone stalls below the threshold");
        assert!(stall.cycles >= 3, "{stall:?}");
        assert!(stall.live_score < 0.8, "{stall:?}");
        let retrains: Vec<u32> = sim
            .summaries()
            .iter()
            .filter(|s| s.retrained())
            .map(|s| s.cycle)
            .collect();
        assert_eq!(retrains, [3], "ADWIN fires once, at the drift");
        // A real detection at the drift, then silence: the floor is the fix.
        assert!(
            matches!(stall.cause, StallCause::AfterDetection { .. }),
            "{stall:?}"
        );
        assert!(
            stall.fixes().contains(&StallFix::PerformanceFloor),
            "{stall:?}"
        );
        let fixed = run(&scenario("drift-triggered-floor").unwrap(), 10);
        assert!(
            crate::sim::retraining::history::stall(fixed.summaries(), fixed.params()).is_none()
        );
        let last = fixed.summaries().last().unwrap();
        assert!(
            last.live_score > 0.8,
            "the floor recovers: {}",
            last.live_score
        );
        assert!(fixed
            .summaries()
            .iter()
            .any(|s| matches!(&s.trigger, Some(t) if t.cause_is_floor())));
    }
}
