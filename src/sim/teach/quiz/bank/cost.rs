//! The bank's two questions about what retraining costs: the cost of one
//! retrain, and what retraining every cycle buys in the policy race.

use super::spec::Spec;
use crate::sim::retraining::step_kind::StepKind;
use crate::sim::teach::quiz::Difficulty;

/// What retraining costs.
pub(super) const QUESTIONS: [Spec; 2] = [
    Spec {
        id: "retrain-cost-rule",
        difficulty: Difficulty::Easy,
        step: StepKind::Train,
        prompt: "In the playground each retrain costs the fixed cost per retrain plus 1 unit per 1,000 training rows. With the default fixed cost of 5 units, what does a candidate trained on the default window ('Last 3 batches', 350 training rows each: 1,050 rows) cost?",
        code: None,
        options: [
            "5 units: only the fixed part is paid, the rows are free.",
            "1,055 units: 5 plus one unit for each row.",
            "6.05 units: 5 plus 1.05 for 1,050 rows, whether it is then deployed or not.",
            "Nothing unless it is deployed: a rejected candidate costs nothing.",
        ],
        correct: 2,
        hint: "Add the two parts: the fixed 5 units, and how many thousands of rows 1,050 is.",
        explanation: "A retrain pays its fixed part and one unit per 1,000 rows it trained on: 5 + 1,050 / 1,000 = 6.05 units. The cost is paid when training runs (Step 4), before anyone knows whether the candidate will pass the check, so a rejected candidate costs as much as a deployed one. The registry's Cost column shows each version's cost as total (fixed + rows).",
        solution: &[
            "Step 1: The fixed part is the setting 'Fixed cost per retrain': 5 units by default.",
            "Step 2: The rows' part: 1 unit per 1,000 rows, so 1,050 rows cost 1.05 units.",
            "Step 3: Together: 5 + 1.05 = 6.05 units. The registry shows it as '6.05 (5 + 1.05)' from cycle 3 on, when the window holds three batches.",
            "Step 4: The check comes after training (Step 6), so the cost is already spent when a candidate is rejected; only a training that fails before making a model (too few rows, one class only) costs nothing.",
            "Final answer: 6.05 units, deployed or not.",
        ],
        mistakes: &[
            "Counting a unit per row instead of per 1,000 rows.",
            "Forgetting the rows: bigger windows cost more to train.",
            "Thinking a rejected candidate is free: the training already ran.",
        ],
    },
    Spec {
        id: "retrain-every-cycle-cost",
        difficulty: Difficulty::Medium,
        step: StepKind::TriggerRetraining,
        prompt: "Run the policy race on the default stream twice: once with drift strength 0, once with drift strength 1 and the drift pattern 'Incremental'. What do the Mean accuracy and Total cost columns show?",
        code: None,
        options: [
            "Retraining every cycle is always worth its cost: it has by far the best mean accuracy in both races.",
            "With no drift, every cycle's mean accuracy is within 0.01 of the best trigger's for at least three times the cost; with strong drift, never retraining loses more than 0.5 of mean accuracy.",
            "Never retraining is best in both races: it costs nothing and the model cannot get worse.",
            "Every policy costs the same, because every policy sees the same stream.",
        ],
        correct: 1,
        hint: "When nothing drifts, can a retrained model be much better than the one already live? And when everything drifts, what happens to a model that is never retrained?",
        explanation: "Retraining pays only when the data has changed. With no drift the live model stays as good as a fresh one, so retraining every cycle spends about 240 units for almost nothing, while a trigger that waits for a reason (or a schedule) costs a fraction of that. With strong drift a model that is never retrained goes stale and loses most of its accuracy, so some retraining is essential; a good trigger buys most of it for far less than every cycle.",
        solution: &[
            "Step 1: Drift strength 0: every cycle retrains 40 times (about 240 units) and scores within 0.01 of the best trigger, which retrains 10 times or not at all.",
            "Step 2: Drift strength 1, incremental: never retrain falls far below the threshold in almost every cycle, more than 0.5 below every cycle's mean accuracy.",
            "Step 3: The sentence under the race names the cheapest policy that came within 0.02 of every cycle, and what every cycle bought for its extra units.",
            "Final answer: with no drift, every cycle buys little for much more; with strong drift, never retraining loses a lot.",
        ],
        mistakes: &[
            "Assuming more retraining is always better: when nothing changes it only costs more.",
            "Assuming a model that is never retrained stays good: under drift it goes stale.",
            "Thinking the cost depends only on the stream: it depends on how often a policy retrains.",
        ],
    },
];

// Native only: the core is tested natively (proptest and approx are native dev-dependencies).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::params::{DriftPattern, RetrainTrigger, SimParams};
    use crate::sim::retraining::registry::VersionStatus;
    use crate::sim::teach::quiz::QuizQuestion;
    use crate::sim::testing::run;

    /// This topic's question with `id` (looked up here, not through the
    /// bank's `mod.rs`, which imports this file).
    fn question_by_id(id: &str) -> Option<QuizQuestion> {
        QUESTIONS.iter().find(|s| s.id == id).map(Spec::to_question)
    }

    #[test]
    fn a_default_retrain_on_1050_rows_costs_6_05_deployed_or_not() {
        use crate::sim::retraining::cost::Cost;
        use crate::sim::wording::version_cost_text;
        let q = question_by_id("retrain-cost-rule").unwrap();
        assert!(q.correct_option().starts_with("6.05 units"));
        let sim = run(SimParams::default(), 4);
        let v5 = sim.registry().get(5).unwrap();
        assert_eq!(v5.window.rows, 1_050);
        assert_eq!(v5.cost.unwrap().total(), Cost::from_milli(6_050));
        assert_eq!(version_cost_text(v5), "6.05 (5 + 1.05)");
        // From cycle 3 on the window holds three batches.
        assert_eq!(sim.summaries()[2].window.rows, 1_050);
        // A rejected candidate cost its training too.
        let strict = run(SimParams::default().threshold(0.99), 1);
        let v2 = strict.registry().get(2).unwrap();
        assert_eq!(v2.status, VersionStatus::Rejected);
        assert_eq!(v2.cost.unwrap().total(), Cost::from_milli(5_700));
        assert_eq!(strict.totals().cost, Cost::from_milli(5_700));
    }

    #[test]
    fn every_cycle_buys_little_without_drift_and_never_loses_a_lot_with_it() {
        use crate::sim::retraining::race::policy_race;
        let q = question_by_id("retrain-every-cycle-cost").unwrap();
        assert!(q.correct_option().contains("within 0.01"));
        let calm = policy_race(&SimParams::default().drift_strength(0.0), 40).unwrap();
        let every = &calm.runs[1];
        assert_eq!(every.trigger, RetrainTrigger::EveryCycle);
        assert_eq!(every.retrains, 40);
        assert!(
            (235.0..245.0).contains(&every.total_cost.units()),
            "about 240"
        );
        let triggers = &calm.runs[2..];
        let best = triggers
            .iter()
            .max_by(|a, b| a.mean_accuracy.total_cmp(&b.mean_accuracy))
            .unwrap();
        assert!(every.mean_accuracy - best.mean_accuracy < 0.01);
        assert!(every.total_cost.milli() >= 3 * best.total_cost.milli());
        assert!(triggers.iter().all(|r| r.retrains == 10 || r.retrains == 0));
        let stormy = SimParams::default()
            .drift_strength(1.0)
            .drift_pattern(DriftPattern::Incremental);
        let race = policy_race(&stormy, 40).unwrap();
        let (never, every) = (&race.runs[0], &race.runs[1]);
        assert!(every.mean_accuracy - never.mean_accuracy > 0.5);
        assert!(never.below_threshold >= 36, "{}", never.below_threshold);
        // Most of it for far less: the cheapest policy within 0.02 of every cycle.
        assert!(matches!(
            &race.costs.as_ref().unwrap().verdict,
            crate::sim::retraining::race::CostVerdict::NearlyAsGood { cheaper }
                if cheaper.total_cost.milli() * 4 < every.total_cost.milli()
        ));
    }
}
