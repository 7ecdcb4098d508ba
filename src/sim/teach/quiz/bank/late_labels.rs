//! The bank's two questions about labels that arrive late: which batches a
//! window can train on, and how late a performance trigger fires.

use super::spec::Spec;
use crate::sim::retraining::step_kind::StepKind;
use crate::sim::teach::quiz::Difficulty;

/// Labels that arrive late.
pub(super) const QUESTIONS: [Spec; 2] = [
    Spec {
        id: "late-labels-window",
        difficulty: Difficulty::Medium,
        step: StepKind::Train,
        prompt: "'Label delay' 2 cycles, every cycle retrains, 'Training window' 'Last 3 batches'. In cycle 8, which batches does the new candidate train on?",
        code: None,
        options: [
            "Cycles 6–8: the window always ends at the newest batch.",
            "Cycles 4–6: the labels of cycles 7 and 8 are not in yet, so those batches cannot be trained on.",
            "Cycles 5–7: only the newest batch waits for its labels.",
            "None: with a label delay nothing is retrained until every label is in.",
        ],
        correct: 1,
        hint: "Step 2 of the process table says which labels came in this cycle and which are still out.",
        explanation: "Training needs labels. With a delay of 2, the labels of cycle 6's batch come in at cycle 8, while cycles 7 and 8 have inputs only. The window takes the newest 3 labelled batches: cycles 4, 5 and 6. The model the loop deploys is always a little behind the data it serves.",
        solution: &[
            "Step 1: A batch's inputs arrive at once; its labels 2 cycles later. At cycle 8 the labels of cycle 6 come in (8 − 2 = 6).",
            "Step 2: Cycles 7 and 8 are still waiting: the status tracker's note says 'labels for cycles 7–8 not in yet'.",
            "Step 3: A training window can only hold labelled batches, so 'Last 3 batches' means the three newest labelled ones: cycles 4, 5 and 6 (the registry's 'Trained on' column shows it).",
            "Final answer: cycles 4–6.",
        ],
        mistakes: &[
            "Training on batches without labels: a supervised model needs the answer for every row it learns from.",
            "Thinking the delay stops retraining: the loop goes on, with older data.",
            "Counting only the newest batch as late: every batch waits the same number of cycles.",
        ],
    },
    Spec {
        id: "late-labels-slow-trigger",
        difficulty: Difficulty::Hard,
        step: StepKind::TriggerRetraining,
        prompt: "Default settings (sudden concept drift at cycle 3), 'Retraining trigger' 'Performance drop' and 'Label delay' 3 cycles. In which cycle does the trigger first fire, and what does the accuracy chart show in between?",
        code: None,
        options: [
            "Cycle 3: the live model's accuracy falls the moment the drift arrives, and the trigger reads it.",
            "Cycle 4: one cycle to notice, whatever the delay.",
            "Cycle 6: the first post-drift labels (cycle 3's) come in then; until then the solid measured line looks healthy while the faint true line has already fallen.",
            "Never: a performance trigger cannot work with delayed labels.",
        ],
        correct: 2,
        hint: "The trigger compares measured accuracy with the threshold. When can the team first measure the live model on data drawn after the drift?",
        explanation: "Accuracy needs labels. The drift hits cycle 3's batch, but its labels arrive at cycle 6; until then the team can only score the live model on pre-drift batches, where it still looks fine. The chart shows the gap: the faint line (the truth only the simulator knows) drops at cycle 3, the solid measured line only when the labels catch up. An input test such as KS does not wait, which is why teams with slow labels watch their inputs too.",
        solution: &[
            "Step 1: 'Performance drop' fires when the live model's measured accuracy falls below the threshold, and measuring needs labels.",
            "Step 2: With a delay of 3, cycle c brings the labels of cycle c − 3. The first batch drawn after the drift is cycle 3's; its labels come in at cycle 6.",
            "Step 3: In cycles 1–3 no labels have come in at all, and in cycles 4 and 5 the trigger scores the live model on the batches of cycles 1 and 2 (before the drift): it sees a healthy model and stays silent, while the true accuracy, the faint line, has already fallen.",
            "Step 4: At cycle 6 the measured accuracy drops below 0.80 and retraining starts, on a window that holds only one post-drift batch.",
            "Final answer: cycle 6; three cycles of the team's blind spot.",
        ],
        mistakes: &[
            "Assuming the team sees what the simulator sees: the faint true-accuracy line is not available to a real team.",
            "Thinking a delay stops a performance trigger for good: it only makes it late, by exactly the delay.",
            "Forgetting the input-side monitors: a KS test on the features can warn before any label arrives (when the inputs move).",
        ],
    },
];

// Native only: the core is tested natively (proptest and approx are native dev-dependencies).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::params::{RetrainTrigger, SimParams, TrainingWindow};
    use crate::sim::retraining::cycle::Simulation;
    use crate::sim::teach::quiz::QuizQuestion;

    /// This topic's question with `id` (looked up here, not through the
    /// bank's `mod.rs`, which imports this file).
    fn question_by_id(id: &str) -> Option<QuizQuestion> {
        QUESTIONS.iter().find(|s| s.id == id).map(Spec::to_question)
    }

    #[test]
    fn late_labels_hold_the_window_back() {
        let q = question_by_id("late-labels-window").unwrap();
        let mut sim = Simulation::from_params(
            SimParams::default()
                .label_delay(2)
                .window(TrainingWindow::Sliding(3)),
        )
        .unwrap();
        sim.finish_cycles(8);
        let s = sim.summaries().last().unwrap();
        assert_eq!(
            (s.cycle, s.window.first_cycle, s.window.last_cycle),
            (8, 4, 6)
        );
        assert!(q.options[q.correct].starts_with("Cycles 4–6"));
        let note = crate::sim::wording::labels_note(&sim.tracker().labels).unwrap();
        assert!(note.contains("labels for cycles 7–8 not in yet"), "{note}");
    }

    #[test]
    fn late_labels_make_a_performance_trigger_late_by_the_delay() {
        let q = question_by_id("late-labels-slow-trigger").unwrap();
        let first_fire = |delay| {
            let mut sim = Simulation::from_params(
                SimParams::default()
                    .trigger(RetrainTrigger::PerformanceDrop)
                    .label_delay(delay),
            )
            .unwrap();
            sim.finish_cycles(9);
            let s = sim.summaries();
            // The truth fell at cycle 3 whatever the delay.
            assert!(s[2].live_score < 0.8, "{}", s[2].live_score);
            let fired = s
                .iter()
                .find(|c| c.trigger.as_ref().is_some_and(|t| t.fired))
                .map(|c| c.cycle);
            // Meanwhile, what the team measured looked healthy.
            for c in &s[2..fired.unwrap_or(9) as usize - 1] {
                assert!(c.measured.is_none_or(|m| m.score >= 0.8), "{c:?}");
            }
            fired
        };
        assert_eq!(first_fire(0), Some(3));
        assert_eq!(first_fire(3), Some(6));
        assert!(q.options[q.correct].starts_with("Cycle 6"));
    }
}
