//! The bank's two questions about the detector scorecard of the policy race:
//! what a false alarm costs beside a missed drift, and what raising the KS
//! test's α does to false alarms and time to detect. Each claim is checked on
//! real runs of the loop in the tests below.

use super::spec::Spec;
use crate::sim::retraining::step_kind::StepKind;
use crate::sim::teach::quiz::Difficulty;

/// The detector scorecard.
pub(super) const QUESTIONS: [Spec; 2] = [
    Spec {
        id: "scorecard-false-alarm-or-miss",
        difficulty: Difficulty::Medium,
        step: StepKind::TriggerRetraining,
        prompt: "The race's scorecard counts, for each policy, false alarms (retrains when nothing had changed for 5 cycles) and missed drifts (a drift with no retrain within 5 cycles). What does each cost the team?",
        code: None,
        options: [
            "The same: each is one wasted training run.",
            "A false alarm costs a training run (5 units plus 1 per 1,000 rows) and buys almost no accuracy; a missed drift costs no training but accuracy, cycle after cycle, while the stale model stays live.",
            "A false alarm costs accuracy, because the retrained model is worse; a missed drift costs nothing, because the model recovers by itself.",
            "Nothing: the scorecard only counts, and the Total cost column is the same for every policy.",
        ],
        correct: 1,
        hint: "When nothing has changed, is a fresh model better than the live one? And when the rule has changed, what happens to a model nobody retrains?",
        explanation: "A false alarm retrains when the world has not changed: the training run is paid in full (the Total cost column), and the new model is about as good as the one it replaces, so the mean accuracy barely moves. A missed drift is the opposite mistake: nothing is spent, but the live model keeps serving a rule that no longer holds, and its accuracy stays down until something retrains. Which mistake is worse depends on what a training run costs against what a point of accuracy is worth, which is what the detector's sensitivity trades.",
        solution: &[
            "Step 1: With drift strength 0 every retrain of a detector is a false alarm: each paid at least the fixed 5 units, and the live model could expect within 0.01 of what v1, never retrained, could expect.",
            "Step 2: Under the default sudden drift, never retraining misses it: nothing is paid, and from the drift on the live model can expect about 0.3 on average, against about 0.86 for a loop that retrains every cycle.",
            "Final answer: a false alarm costs a training run for almost no accuracy; a missed drift costs accuracy for as long as it is missed.",
        ],
        mistakes: &[
            "Treating both mistakes as the same: one spends money, the other loses accuracy.",
            "Thinking a needless retrain harms the model: on unchanged data a new model is about as good as the old one.",
            "Thinking a stale model recovers by itself: it only recovers when something retrains it (or the drift goes back).",
        ],
    },
    Spec {
        id: "scorecard-ks-alpha",
        difficulty: Difficulty::Hard,
        step: StepKind::TriggerRetraining,
        prompt: "The policy race's sensitivity chart sweeps the KS test's α from 0.001 to 0.2 (the trigger retrains when a feature's p-value is below α). On streams whose inputs drift, what does raising α do?",
        code: None,
        options: [
            "Fewer false alarms and faster detection: a larger α is a stricter test.",
            "Nothing: α only changes the p-value shown, not when the test fires.",
            "Fewer missed drifts, but detection takes longer: the test waits for more evidence.",
            "More false alarms, and no more missed drifts or slower detection: smaller differences, and more of the batches' sampling luck, count as a change.",
        ],
        correct: 3,
        hint: "The test fires when p < α. What happens to the number of batches that pass that bar, with and without a real change, when α grows?",
        explanation: "α is the chance the KS test fires on a batch drawn from the same inputs, by sampling luck alone. Raising it lets smaller differences count as drift: a real drift is caught at least as soon and missed no more often, but unchanged batches fire more often too, and each of those is a false alarm that pays for a training run. The sensitivity chart shows that trade, one full run of the loop per value.",
        solution: &[
            "Step 1: The test fires when a feature's p-value is below α: the larger α, the more batches pass, drifted or not.",
            "Step 2: Summed over 20 runs (two covariate-drift streams, 10 seeds each): 5 false alarms at α = 0.001 against 202 at α = 0.2, no drift missed at either, and the mean time to detect falls from 1.4 cycles to 0.25.",
            "Final answer: more false alarms, in return for missing no more drifts and catching them no later.",
        ],
        mistakes: &[
            "Reading a larger α as a stricter test: it is the false-alarm rate the test accepts.",
            "Thinking more sensitivity is free: every false alarm is a paid retrain.",
            "Confusing α with δ's direction for ADWIN: there too, a larger δ is more sensitive.",
        ],
    },
];

// Native only: the core is tested natively (proptest and approx are native dev-dependencies).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::params::{DetectorKind, DriftKind, DriftPattern, RetrainTrigger, SimParams};
    use crate::sim::retraining::cost::Cost;
    use crate::sim::retraining::history::CycleSummary;
    use crate::sim::retraining::scorecard::Scorecard;
    use crate::sim::retraining::sweep::{sensitivity_sweep, KS_ALPHAS};
    use crate::sim::stream::drift_points::drift_points;
    use crate::sim::teach::quiz::QuizQuestion;
    use crate::sim::testing::run;

    const CYCLES: u32 = 40;

    /// This topic's question with `id` (looked up here, not through the
    /// bank's `mod.rs`, which imports this file).
    fn question_by_id(id: &str) -> Option<QuizQuestion> {
        QUESTIONS.iter().find(|s| s.id == id).map(Spec::to_question)
    }

    fn retrained(s: &[CycleSummary]) -> Vec<u32> {
        s.iter()
            .filter(|c| c.retrained())
            .map(|c| c.cycle)
            .collect()
    }

    fn mean_expected_live(s: &[CycleSummary], from: u32) -> f64 {
        let xs: Vec<f64> = s
            .iter()
            .filter(|c| c.cycle >= from)
            .map(|c| c.expected.expect("synthetic stream").live)
            .collect();
        xs.iter().sum::<f64>() / xs.len() as f64
    }

    #[test]
    fn a_false_alarm_costs_a_training_run_and_a_miss_costs_accuracy() {
        let q = question_by_id("scorecard-false-alarm-or-miss").unwrap();
        assert!(q
            .correct_option()
            .starts_with("A false alarm costs a training run"));
        // No drift, a sensitive KS test: every retrain is a false alarm, paid
        // in full, and buys almost nothing.
        let (mut alarms, mut gain) = (0, 0.0);
        let seeds = 1..=10u64;
        for seed in seeds.clone() {
            let calm = SimParams::default().seed(seed).drift_strength(0.0);
            let p = calm
                .clone()
                .trigger(RetrainTrigger::DriftDetected(DetectorKind::KsTest))
                .ks_alpha(0.2);
            let sim = run(p.clone(), CYCLES);
            let r = retrained(sim.summaries());
            let card = Scorecard::of(&drift_points(&p, CYCLES), &r, CYCLES);
            assert_eq!((card.false_alarms, card.drift_points), (r.len() as u32, 0));
            for c in sim.summaries().iter().filter(|c| c.retrained()) {
                let cost = c.retrain_cost.expect("a retrain is paid").total();
                assert!(cost >= Cost::from_units(5), "cycle {}", c.cycle);
            }
            alarms += card.false_alarms;
            let never = run(calm.trigger(RetrainTrigger::Never), CYCLES);
            gain +=
                mean_expected_live(sim.summaries(), 1) - mean_expected_live(never.summaries(), 1);
        }
        let gain = gain / seeds.count() as f64;
        eprintln!("false alarms {alarms}, mean gain {gain:.4}");
        assert!(alarms >= 10, "{alarms}");
        assert!(gain.abs() < 0.01, "{gain}");
        // A sudden drift never retrained for is missed: nothing paid, and the
        // accuracy after it far below a loop that retrains.
        for seed in 1..=10u64 {
            let p = SimParams::default()
                .seed(seed)
                .drift_pattern(DriftPattern::Sudden);
            let points = drift_points(&p, CYCLES);
            let onset = points[0].cycle;
            let never = run(p.clone().trigger(RetrainTrigger::Never), CYCLES);
            let card = Scorecard::of(&points, &retrained(never.summaries()), CYCLES);
            assert_eq!((card.missed, card.false_alarms), (1, 0));
            assert!(never.summaries().iter().all(|c| c.retrain_cost.is_none()));
            let every = run(p.trigger(RetrainTrigger::EveryCycle), CYCLES);
            let (n, e) = (
                mean_expected_live(never.summaries(), onset),
                mean_expected_live(every.summaries(), onset),
            );
            eprintln!("seed {seed}: never {n:.3}, every {e:.3}");
            assert!(
                (0.25..0.45).contains(&n) && (0.8..0.9).contains(&e),
                "seed {seed}: never {n:.3}, every {e:.3}"
            );
        }
    }

    #[test]
    fn raising_ks_alpha_buys_detection_with_false_alarms() {
        let q = question_by_id("scorecard-ks-alpha").unwrap();
        assert!(q.correct_option().starts_with("More false alarms"));
        let streams = [
            SimParams::default()
                .drift_kind(DriftKind::Covariate)
                .drift_strength(0.3),
            SimParams::default()
                .drift_kind(DriftKind::Covariate)
                .drift_pattern(DriftPattern::Gradual)
                .drift_strength(0.3),
        ];
        // Per swept α: false alarms, misses, delays summed, detections.
        let mut t = vec![(0u32, 0u32, 0u32, 0u32); KS_ALPHAS.len()];
        for stream in &streams {
            for seed in 1..=10u64 {
                let p = stream.clone().seed(seed);
                let points = drift_points(&p, CYCLES);
                let s = sensitivity_sweep(&p, DetectorKind::KsTest, CYCLES, &points, None).unwrap();
                for (o, point) in t.iter_mut().zip(&s.points) {
                    let c = &point.scorecard;
                    o.0 += c.false_alarms;
                    o.1 += c.missed;
                    o.2 += c.detections.iter().map(|d| d.delay).sum::<u32>();
                    o.3 += c.detections.len() as u32;
                }
            }
        }
        eprintln!("{t:?}");
        let (low, high) = (t[0], t[t.len() - 1]);
        assert!(high.0 > low.0, "{t:?}");
        assert!(high.1 <= low.1, "{t:?}");
        let mean = |x: (u32, u32, u32, u32)| f64::from(x.2) / f64::from(x.3.max(1));
        assert!(mean(high) <= mean(low), "{t:?}");
        // The figures the solution quotes.
        assert_eq!((low.0, high.0, low.1, high.1), (5, 202, 0, 0), "{t:?}");
        assert!(
            (mean(low) - 1.4).abs() < 0.005 && (mean(high) - 0.25).abs() < 0.005,
            "{t:?}"
        );
    }
}
