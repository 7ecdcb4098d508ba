//! The bank's first topic: the lesson's five practice questions (why
//! retraining matters, a cron line, the Python snippet, accuracy that drops
//! after retraining, validating data first), the snippet question corrected
//! so that exactly one option is right.

use super::spec::Spec;
use crate::sim::retraining::step_kind::StepKind;
use crate::sim::teach::quiz::Difficulty;

const SNIPPET: &str = "def retrain_model(data):
    model = load_model()
    model.train(data)
    model.save()

new_data = get_new_data()
retrain_model(new_data)
print('Retraining complete')";

/// The lesson's five practice questions.
pub(super) const QUESTIONS: [Spec; 5] = [
    Spec {
        id: "why-retraining-matters",
        difficulty: Difficulty::Easy,
        step: StepKind::CollectData,
        prompt: "Why is automated retraining important for machine learning models?",
        code: None,
        options: [
            "It makes models run faster on old data.",
            "It keeps models updated with new data to maintain accuracy.",
            "It reduces the size of the model files.",
            "It removes the need for any human supervision forever.",
        ],
        correct: 1,
        hint: "Think: new data keeps arriving (Step 2), and the world it describes keeps changing.",
        explanation: "The data a model sees keeps changing; retraining on fresh data lets the model follow those changes, so its accuracy stays high (Steps 2, 5 and 6).",
        solution: &[
            "Step 1: Understand model accuracy over time. A model that never learns from new data loses accuracy as conditions change; in the playground, watch the never-retrained v1 fall after the drift onset.",
            "Step 2: Role of automated retraining. The loop retrains regularly on fresh data and deploys the result only if it scores well, so the live model keeps up.",
            "Final answer: It keeps models updated with new data to maintain accuracy.",
            "Quick check: automated retraining = model freshness.",
        ],
        mistakes: &[
            "Confusing speed with accuracy: retraining does not make predictions faster.",
            "Assuming retraining reduces the model's size.",
            "Believing automation removes every human role: the team is still alerted when a candidate fails the check (Step 7).",
        ],
    },
    Spec {
        id: "cron-daily-midnight",
        difficulty: Difficulty::Easy,
        step: StepKind::TriggerRetraining,
        prompt: "Which of the following is the correct way to schedule automated retraining using a cron job every day at midnight?",
        code: None,
        options: [
            "0 0 * * * python retrain.py",
            "* * 0 0 * python retrain.py",
            "0 24 * * * python retrain.py",
            "0 0 0 * * python retrain.py",
        ],
        correct: 0,
        hint: "Cron fields, in order: minute, hour, day of month, month, day of week.",
        explanation: "`0 0 * * *` means minute 0 of hour 0 (midnight) on every day of every month, whatever the weekday.",
        solution: &[
            "Step 1: Understand cron syntax. The five fields are minute (0-59), hour (0-23), day of month (1-31), month (1-12) and day of week (0-7).",
            "Step 2: Midnight is minute 0 of hour 0, and 'every day' means * in the other three fields: 0 0 * * *.",
            "Step 3: Rule out the others. '* * 0 0 *' puts 0 in day of month and month, which start at 1; '0 24 * * *' uses hour 24, but hours run 0-23; '0 0 0 * *' asks for day 0 of the month, which does not exist.",
            "Final answer: 0 0 * * * python retrain.py",
        ],
        mistakes: &[
            "Using hour 24 for midnight: hours run 0-23.",
            "Mixing up the field order: minute comes first, then hour.",
            "Using too many zeros: day of month and month start at 1.",
        ],
    },
    Spec {
        id: "snippet-undefined-function",
        difficulty: Difficulty::Medium,
        step: StepKind::Train,
        prompt: "Given this Python snippet for automated retraining, what happens when the script runs on its own (nothing else defined or imported)?",
        code: Some(SNIPPET),
        options: [
            "It prints: Retraining failed",
            "It prints: Retraining complete",
            "NameError: name 'load_model' is not defined",
            "NameError: name 'get_new_data' is not defined (nothing is printed)",
        ],
        correct: 3,
        hint: "Trace the lines in the order they run: a def only defines a function; find the first line that calls something.",
        explanation: "Defining retrain_model runs none of its body. The first top-level call is get_new_data(), which is not defined, so Python raises NameError right there: retrain_model is never called, load_model is never reached, and the print never runs.",
        solution: &[
            "Step 1: The def statement only creates the function retrain_model; its body (load_model, train, save) does not run yet.",
            "Step 2: The next line runs new_data = get_new_data(). Nothing defines or imports get_new_data, so Python raises NameError: name 'get_new_data' is not defined.",
            "Step 3: The uncaught error stops the script on that line. retrain_model(new_data) is never called, so load_model() is never reached, and print('Retraining complete') never runs: only the traceback appears (on stderr).",
            "Final answer: NameError: name 'get_new_data' is not defined (nothing is printed). The original lesson only offered 'Error: load_model not defined', which names the wrong function.",
        ],
        mistakes: &[
            "Assuming the script reaches print('Retraining complete') despite an undefined function.",
            "Expecting the load_model error: load_model is inside retrain_model, which is never called because the script stops one line earlier.",
            "Confusing defining a function with running it: a def runs nothing inside it.",
            "Picking 'Retraining failed': nothing in the code prints that text.",
        ],
    },
    Spec {
        id: "accuracy-drops-after-retraining",
        difficulty: Difficulty::Medium,
        step: StepKind::CollectData,
        prompt: "You set up automated retraining but notice the model accuracy is dropping after retraining. What is the most likely cause?",
        code: None,
        options: [
            "The model file is missing from disk.",
            "The retraining script is not scheduled to run.",
            "The retraining data is outdated or irrelevant.",
            "The model is too large to retrain.",
        ],
        correct: 2,
        hint: "A retrained model is only as good as the data it was retrained on.",
        explanation: "A retrained model learns whatever its training data shows; if that data is stale or no longer matches live traffic, the new model fits the wrong pattern and scores worse.",
        solution: &[
            "Step 1: Accuracy drops when the model learns from bad or irrelevant data. In the playground, train on 'All data so far' right after a sudden concept drift: the old rows teach the old rule and the candidate scores badly on the new hold-out slice.",
            "Step 2: Rule out the others. A missing model file or a job that never runs causes errors or no retraining at all, not a drop after retraining; model size affects speed and memory, not which pattern is learned.",
            "Final answer: The retraining data is outdated or irrelevant.",
            "Quick check: bad data in, worse model out.",
        ],
        mistakes: &[
            "Confusing missing files with accuracy issues: a missing file fails loudly.",
            "Assuming scheduling issues cause an accuracy drop: if retraining never runs, nothing was retrained.",
            "Blaming model size for accuracy.",
        ],
    },
    Spec {
        id: "validate-data-before-retraining",
        difficulty: Difficulty::Hard,
        step: StepKind::TriggerRetraining,
        prompt: "You want to automate retraining so the model updates only when new data quality passes a threshold. Which approach best achieves this?",
        code: None,
        options: [
            "Add a data validation step before retraining to check quality metrics.",
            "Schedule retraining to run every hour regardless of data.",
            "Manually retrain the model when you feel data is good.",
            "Delete old data before retraining to force fresh training.",
        ],
        correct: 0,
        hint: "Put a gate in front of Step 3: trigger retraining only when the new data passes checks.",
        explanation: "A validation step (schema, missing values, label balance, volume) between collecting data and triggering retraining lets the pipeline retrain only on data that passes, automatically and every time.",
        solution: &[
            "Step 1: The condition is on the data, so the check must run before training starts: between collecting data (Step 2) and triggering retraining (Step 3).",
            "Step 2: Evaluate the options. A blind hourly schedule ignores quality; manual retraining is not automated and depends on a feeling; deleting old data does not check the new data at all and may throw away useful history.",
            "Final answer: Add a data validation step before retraining to check quality metrics.",
            "Quick check: validate the data, then retrain, then evaluate the model (Steps 5-6).",
        ],
        mistakes: &[
            "Ignoring data quality and relying on Step 6 alone: the model check catches a bad model, but only after training was spent on bad data.",
            "Relying on manual retraining, which is neither automatic nor repeatable.",
            "Deleting data without a reason.",
        ],
    },
];

// Native only: the core is tested natively (proptest and approx are native dev-dependencies).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::teach::quiz::QuizQuestion;

    /// This topic's question with `id` (looked up here, not through the
    /// bank's `mod.rs`, which imports this file).
    fn question_by_id(id: &str) -> Option<QuizQuestion> {
        QUESTIONS.iter().find(|s| s.id == id).map(Spec::to_question)
    }

    #[test]
    fn the_lessons_five_practice_questions_are_included() {
        for id in [
            "why-retraining-matters",
            "cron-daily-midnight",
            "snippet-undefined-function",
            "accuracy-drops-after-retraining",
            "validate-data-before-retraining",
        ] {
            assert!(question_by_id(id).is_some(), "missing {id}");
        }
        let cron = question_by_id("cron-daily-midnight").unwrap();
        assert_eq!(cron.correct_option(), "0 0 * * * python retrain.py");
        let drop = question_by_id("accuracy-drops-after-retraining").unwrap();
        assert!(drop.correct_option().contains("outdated or irrelevant"));
        let validate = question_by_id("validate-data-before-retraining").unwrap();
        assert!(validate.correct_option().contains("validation step"));
    }

    #[test]
    fn snippet_question_has_the_real_error_as_its_only_right_option() {
        let q = question_by_id("snippet-undefined-function").unwrap();
        let code = q.code.as_deref().expect("shows code");
        assert!(code.contains("new_data = get_new_data()"));
        assert!(code.contains("print('Retraining complete')"));
        assert_eq!(
            q.correct_option(),
            "NameError: name 'get_new_data' is not defined (nothing is printed)"
        );
        let mentions: Vec<&String> = q
            .options
            .iter()
            .filter(|o| o.contains("get_new_data"))
            .collect();
        assert_eq!(
            mentions.len(),
            1,
            "only the right option names get_new_data"
        );
        let text = q.solution.join(" ") + &q.mistakes.join(" ");
        assert!(
            text.contains("never called"),
            "explains why load_model is not reached"
        );
        assert!(text.contains("load_model"));
    }
}
