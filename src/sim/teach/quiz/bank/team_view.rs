//! The bank's three questions about what a team can and cannot see: which
//! accuracy it has for a batch whose labels are out, why a new rule is
//! invisible to the estimate, and what the KS test per feature can and
//! cannot detect. Each claim is checked on runs below.

use super::spec::Spec;
use crate::sim::retraining::step_kind::StepKind;
use crate::sim::teach::quiz::Difficulty;

/// What the team sees.
pub(super) const QUESTIONS: [Spec; 3] = [
    Spec {
        id: "team-three-accuracies",
        difficulty: Difficulty::Easy,
        step: StepKind::CollectData,
        prompt: "'Label delay' 3 cycles. At cycle 6, which accuracy of the live model on cycle 6's batch can the team have?",
        code: None,
        options: [
            "Its measured accuracy: the batch has arrived, so it can be scored.",
            "An estimate only, from the model's own confidence on the batch's inputs: its labels come in at cycle 9.",
            "Its true accuracy, as the simulator draws it.",
            "None at all until cycle 9.",
        ],
        correct: 1,
        hint: "Measuring needs labels; estimating needs only the inputs.",
        explanation: "A batch's inputs arrive at once, its labels 3 cycles later. Until then the team can estimate accuracy from the model's confidence (the dashed ochre line), and the newest accuracy it measured is about cycle 3's batch. The true accuracy on cycle 6 is known only to the simulator: the team's view hides it.",
        solution: &[
            "Step 1: With a delay of 3, the labels of cycle 6's batch come in at cycle 9.",
            "Step 2: At cycle 6 the team measures the live model on cycle 3's labels, the newest it has.",
            "Step 3: For cycle 6 itself, the model's confidence on the inputs gives an estimate of its accuracy.",
            "Final answer: an estimate only.",
        ],
        mistakes: &[
            "Scoring without labels: accuracy counts right answers, and the answers are not in yet.",
            "Taking the simulator's true line for something a team has: in production nobody draws it.",
        ],
    },
    Spec {
        id: "team-concept-drift-estimate",
        difficulty: Difficulty::Medium,
        step: StepKind::CollectData,
        prompt: "'Label delay' 3, nothing retrains, and at cycle 3 the rule that labels the data turns 180° (drift strength 1.0, concept drift): the two classes swap places. What does the estimated accuracy do in cycles 3 to 5?",
        code: None,
        options: [
            "It falls with the true accuracy: the model notices its mistakes.",
            "It stays where it was, while the true accuracy collapses: the model is as confident as before, and only labels can show it is wrong.",
            "It rises, because the classes are easier to separate.",
            "It cannot be made: the estimate waits for labels too.",
        ],
        correct: 1,
        hint: "The estimate is the model's confidence. Did the inputs the model sees change?",
        explanation: "Turned 180°, the two class clouds swap places: the inputs look exactly as before, so the model is just as confident, and the estimate made from its confidence stays high. Every prediction is now wrong far more often than right. Only labels show it, 3 cycles later.",
        solution: &[
            "Step 1: The estimate averages the model's calibrated confidence in its own predictions; it reads the inputs only.",
            "Step 2: After a 180° turn the inputs are spread as before, so the confidence is as before.",
            "Step 3: The rule behind the labels is inverted, so the true accuracy falls far below a coin flip.",
            "Final answer: the estimate stays high while the truth collapses.",
        ],
        mistakes: &[
            "Expecting a model to know when it is wrong: confidence is about the inputs, not the labels.",
            "Trusting an estimate under concept drift: it assumes the rule the model learned still holds.",
        ],
    },
    Spec {
        id: "team-ks-per-feature",
        difficulty: Difficulty::Hard,
        step: StepKind::TriggerRetraining,
        prompt: "The input-drift panel runs a KS test per feature each cycle (α = 0.05). Which drift can it catch, and which can it miss?",
        code: None,
        options: [
            "It catches every drift: any drift changes the data.",
            "It catches inputs that move (covariate drift) and misses a new rule that leaves the inputs where they were, such as a 180° turn of the rule.",
            "It catches concept drift only, since it compares labels.",
            "It misses covariate drift, because the rule does not change.",
        ],
        correct: 1,
        hint: "The test compares how each feature's values are spread. Does it ever look at a label?",
        explanation: "The KS test compares the distribution of each feature in the new batch with the training window's. Inputs that slide along the boundary (covariate drift) show up as a large D and a tiny p-value. A new rule that leaves the inputs as they were, such as the 180° turn that swaps the classes, passes unseen: the test never sees a label. And at α = 0.05 about 1 test in 20 flags drift when nothing moved.",
        solution: &[
            "Step 1: KS compares two samples of one feature: D is the largest gap between their cumulative distributions.",
            "Step 2: Covariate drift moves the inputs, so D grows and p falls below α.",
            "Step 3: A 180° concept drift swaps the classes: each feature is spread as before, so p stays as large as with no drift.",
            "Final answer: it catches moving inputs and misses a new rule on unmoved inputs.",
        ],
        mistakes: &[
            "Thinking an input test watches the labels: it never sees one.",
            "Reading every p below α as drift: with α = 0.05, 1 test in 20 says so by chance.",
        ],
    },
];

// Native only: the core is tested natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::params::{DriftKind, RetrainTrigger, SimParams};
    use crate::sim::retraining::cycle::Simulation;

    fn run(params: SimParams, cycles: u32) -> Simulation {
        let mut sim = Simulation::from_params(params).unwrap();
        sim.finish_cycles(cycles);
        sim
    }

    fn turned_180(seed: u64) -> SimParams {
        SimParams::default()
            .seed(seed)
            .trigger(RetrainTrigger::Never)
            .drift_kind(DriftKind::Concept)
            .drift_strength(1.0)
            .drift_onset(3)
            .label_delay(3)
    }

    #[test]
    fn with_late_labels_the_newest_batch_has_an_estimate_only() {
        assert!(QUESTIONS[0].options[QUESTIONS[0].correct].starts_with("An estimate only"));
        for seed in [1, 2, 42] {
            let sim = run(SimParams::default().seed(seed).label_delay(3), 6);
            let c6 = sim.summaries().last().unwrap();
            assert_eq!(c6.cycle, 6);
            assert!(c6.estimated.is_some(), "an estimate for cycle 6");
            assert_eq!(
                c6.measured.map(|m| m.on_cycle),
                Some(3),
                "measured on cycle 3"
            );
        }
    }

    #[test]
    fn a_turned_rule_leaves_the_estimate_high_while_the_truth_collapses() {
        assert!(QUESTIONS[1].options[QUESTIONS[1].correct].starts_with("It stays where it was"));
        for seed in 1..=12 {
            let sim = run(turned_180(seed), 5);
            let s = sim.summaries();
            let before = s[1].estimated.unwrap().score;
            for c in &s[2..5] {
                let e = c.estimated.unwrap().score;
                assert!(
                    (e - before).abs() < 0.05,
                    "seed {seed} cycle {}: {e} vs {before}",
                    c.cycle
                );
                assert!(
                    e > 0.8 && c.live_score < 0.2,
                    "seed {seed}: {e} {}",
                    c.live_score
                );
            }
        }
    }

    #[test]
    fn ks_catches_moving_inputs_and_misses_a_turned_rule() {
        assert!(
            QUESTIONS[2].options[QUESTIONS[2].correct].starts_with("It catches inputs that move")
        );
        let (mut turned_flags, mut tests) = (0, 0);
        for seed in 1..=12 {
            let moved = run(
                SimParams::default()
                    .seed(seed)
                    .trigger(RetrainTrigger::Never)
                    .drift_kind(DriftKind::Covariate)
                    .drift_strength(1.0)
                    .drift_onset(3),
                5,
            );
            for c in &moved.summaries()[2..5] {
                assert!(
                    c.input_drift.unwrap().any_drifted(),
                    "seed {seed} cycle {}",
                    c.cycle
                );
            }
            for c in &run(turned_180(seed), 8).summaries()[2..8] {
                let d = c.input_drift.unwrap();
                turned_flags += usize::from(d.drifted(0)) + usize::from(d.drifted(1));
                tests += 2;
            }
        }
        // A 180° turn leaves the inputs as they were: flags come at about the
        // false-alarm rate α = 0.05 (here at most twice it).
        assert!(turned_flags * 10 <= tests, "{turned_flags} of {tests}");
    }
}
