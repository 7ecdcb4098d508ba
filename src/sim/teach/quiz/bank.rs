//! The fixed question bank, thirty-six questions, each tied to the loop step it
//! is about: the lesson's five practice questions (the snippet question
//! corrected so that exactly one option is right), fifteen about what this
//! playground shows, ten about the MLOps tools around the loop (the drift
//! detectors, the KS test, the champion/challenger gate, rollback, cron
//! schedules and training windows), two about what retraining costs, two about
//! labels that arrive late, and two about real data (the weather scenario: a
//! drift that is a broken pipeline, a fair hold-out in time).

use super::{Difficulty, QuizQuestion};
use crate::sim::retraining::step_kind::StepKind;

/// A bank entry as static text; turned into a [`QuizQuestion`] on demand.
struct Spec {
    id: &'static str,
    difficulty: Difficulty,
    step: StepKind,
    prompt: &'static str,
    code: Option<&'static str>,
    options: [&'static str; 4],
    correct: usize,
    hint: &'static str,
    explanation: &'static str,
    solution: &'static [&'static str],
    mistakes: &'static [&'static str],
}

impl Spec {
    fn to_question(&self) -> QuizQuestion {
        QuizQuestion {
            id: self.id.to_string(),
            difficulty: self.difficulty,
            step: self.step,
            prompt: self.prompt.to_string(),
            code: self.code.map(str::to_string),
            options: self.options.map(str::to_string),
            correct: self.correct,
            hint: self.hint.to_string(),
            explanation: self.explanation.to_string(),
            solution: self.solution.iter().map(|s| s.to_string()).collect(),
            mistakes: self.mistakes.iter().map(|s| s.to_string()).collect(),
        }
    }
}

/// How many questions the bank holds.
pub const BANK_SIZE: usize = BANK.len();

/// Every bank question, easy ones first, in a fixed order (options in their
/// fixed order too; [`super::TestSession`] shuffles them).
pub fn question_bank() -> Vec<QuizQuestion> {
    let mut all: Vec<QuizQuestion> = BANK.iter().map(Spec::to_question).collect();
    all.sort_by_key(|q| q.difficulty);
    all
}

/// The bank question with this id, if any.
pub fn question_by_id(id: &str) -> Option<QuizQuestion> {
    BANK.iter().find(|s| s.id == id).map(Spec::to_question)
}

const SNIPPET: &str = "def retrain_model(data):
    model = load_model()
    model.train(data)
    model.save()

new_data = get_new_data()
retrain_model(new_data)
print('Retraining complete')";

const BANK: [Spec; 36] = [
    // ---- The lesson's five practice questions ----
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
    // ---- About what this playground shows ----
    Spec {
        id: "start-of-cycle",
        difficulty: Difficulty::Easy,
        step: StepKind::Start,
        prompt: "According to the process table, what does the cycle start with at Step 1?",
        code: None,
        options: [
            "An untrained model with random weights.",
            "An existing trained model (v1) that is ready to serve.",
            "A new dataset but no model.",
            "An alert from the team.",
        ],
        correct: 1,
        hint: "Read the Input and Output columns of Step 1.",
        explanation: "Step 1's input is 'Trained model v1' and its output 'Model ready': retraining keeps an existing model fresh rather than starting from nothing. Later cycles start from whichever version is live.",
        solution: &[
            "Step 1: Find the row with Step 1 in the process table.",
            "Step 2: Its Input is 'Trained model v1' and its Output 'Model ready'.",
            "Step 3: In later cycles the first row reads 'Model vN live': the loop always starts from the model that is serving now.",
            "Final answer: An existing trained model (v1) that is ready to serve.",
        ],
        mistakes: &[
            "Thinking each cycle trains from scratch with no model in production.",
            "Thinking the cycle starts with data: data is collected at Step 2.",
            "Thinking alerts start the cycle: alerts happen at Step 7, when a candidate fails.",
        ],
    },
    Spec {
        id: "live-model-after-alert",
        difficulty: Difficulty::Easy,
        step: StepKind::DeployOrAlert,
        prompt: "The candidate fails the check at Step 6 and the team is alerted at Step 7. Which model serves predictions after that?",
        code: None,
        options: [
            "The rejected candidate, with a warning flag.",
            "No model: serving stops until the team fixes the pipeline.",
            "The original v1, restored automatically.",
            "The model that was live before: it stays live.",
        ],
        correct: 3,
        hint: "Read the Output column of the alert row at Step 7.",
        explanation: "An alert changes nothing in production: the candidate is rejected and the version that was live keeps serving (the table says, for example, 'Team alerted; model v2 stays live').",
        solution: &[
            "Step 1: Step 7 deploys only when Step 6 was True.",
            "Step 2: When it was False, the else branch calls alert_team(): nothing is deployed and nothing is taken down.",
            "Step 3: The live model stays live until a later candidate passes. In the registry the rejected candidate is marked 'rejected' and never serves.",
            "Final answer: The model that was live before stays live.",
        ],
        mistakes: &[
            "Thinking an alert rolls back to v1: it keeps whatever is live now, which may be v5.",
            "Thinking an alert stops serving: the product keeps working with the proven model.",
            "Thinking the newest model is always the live one.",
        ],
    },
    Spec {
        id: "why-the-loop-repeats",
        difficulty: Difficulty::Easy,
        step: StepKind::Repeat,
        prompt: "Why does Step 8 lead back to 'Collect new data' instead of ending the process?",
        code: None,
        options: [
            "Because the model must be retrained until it reaches 100 % accuracy.",
            "Because the loop only exists to retry failed deployments.",
            "Because new data keeps arriving and the world keeps changing, so the model must keep being checked and refreshed.",
            "Because every loop makes the model larger and therefore better.",
        ],
        correct: 2,
        hint: "The lesson's tip: the cycle repeats indefinitely to keep the model fresh.",
        explanation: "Freshness is not a one-off: data drifts again after every deployment, so the loop keeps collecting, retraining, checking and deploying (or alerting) for as long as the model serves.",
        solution: &[
            "Step 1: A deployed model is fresh only for the data it was trained on.",
            "Step 2: New data keeps arriving at Step 2, and it may have drifted since the last cycle.",
            "Step 3: Repeating the loop checks every new batch and retrains, so the live model follows the change.",
            "Final answer: New data keeps arriving and the world keeps changing.",
        ],
        mistakes: &[
            "Expecting 100 % accuracy: label noise and overlapping classes cap what any model can reach.",
            "Thinking the loop only retries failures: successful cycles repeat too.",
            "Thinking retraining makes models bigger: it refits them to recent data.",
        ],
    },
    Spec {
        id: "stale-score-at-collect",
        difficulty: Difficulty::Medium,
        step: StepKind::CollectData,
        prompt: "At Step 2 the Output column reads 'New dataset (500 rows, rule rotated 108°; v2 scores 0.61 on it)'. What does 0.61 tell you?",
        code: None,
        options: [
            "How stale the live model is: its accuracy on the freshly collected data, before any retraining.",
            "The score of this cycle's new candidate.",
            "The share of the new rows that drifted.",
            "The deploy threshold for this cycle.",
        ],
        correct: 0,
        hint: "Which model exists at Step 2? The candidate is only trained at Step 4.",
        explanation: "At Step 2 only the live model (here v2) exists, so the number is its accuracy on the new batch's hold-out slice: a drop like 0.61 shows the data has drifted away from what v2 learned, which is exactly why the loop retrains.",
        solution: &[
            "Step 1: The candidate does not exist yet: it is trained at Step 4 and scored at Step 5.",
            "Step 2: The sentence names v2, the live model, and says it 'scores 0.61 on it', on the new dataset.",
            "Step 3: Comparing it with v2's earlier score shows how stale v2 has become since the rule rotated.",
            "Final answer: the live model's accuracy on the fresh data, before retraining.",
        ],
        mistakes: &[
            "Reading it as the candidate's score: that appears at Step 5 as 'Performance = ...'.",
            "Reading it as the drift amount: the drift is described by 'rule rotated 108°'.",
            "Reading it as the threshold: the threshold appears at Step 6.",
        ],
    },
    Spec {
        id: "prior-shift",
        difficulty: Difficulty::Medium,
        step: StepKind::CollectData,
        prompt: "The playground's 'Prior shift' drift makes class 1 more and more common (up to 95 % of new samples). Which part of the data stays the same?",
        code: None,
        options: [
            "The class balance P(y): each class keeps its share of the new samples.",
            "The labelling rule P(y | x): any given input is as likely to be class 1 as before.",
            "The input distribution P(x): the new points are spread over the plane as before.",
            "What each class looks like, P(x | y): each class's input cloud stays where it was; only how often each class is drawn changes.",
        ],
        correct: 3,
        hint: "Prior shift first draws the label, with a new class-1 share, then draws the input from that class's cloud. Which of the two draws is unchanged?",
        explanation: "Prior shift changes only how often each class is drawn, P(y) (up to 95 % class 1 at full strength); each class's inputs still come from the same cloud, so P(x | y) stays. Everything that mixes the classes moves with their shares: P(x), and also P(y | x), because where the clouds overlap an input is now more likely to be class 1.",
        solution: &[
            "Step 1: The playground draws each sample class first: a label with the class-1 share P(y), then an input from that class's cloud, P(x | y).",
            "Step 2: Prior shift raises the class-1 share (to 95 % at full strength) and leaves both clouds where they were: P(x | y) stays the same.",
            "Step 3: P(y | x) = P(x | y) P(y) / P(x) depends on the shares, so it changes too: where the clouds overlap, an input is now more often class 1. P(x), the mix of both clouds, changes as well.",
            "Final answer: What each class looks like, P(x | y).",
        ],
        mistakes: &[
            "Thinking prior shift leaves P(y | x) alone: nothing rotates the rule, but the chance that an input in the overlap is class 1 rises with the class-1 share.",
            "Confusing prior shift with covariate drift: under covariate drift the clouds move; under prior shift they stay and only their shares change.",
            "Expecting prior shift to ruin a good stale model: away from the overlap each class is still classified as well as before; only the overlap, where the best boundary moves towards class 0, is affected.",
            "Forgetting that a small, heavily skewed batch can hold a single class, which cannot be trained on at all.",
        ],
    },
    Spec {
        id: "strict-threshold",
        difficulty: Difficulty::Medium,
        step: StepKind::CheckPerformance,
        prompt: "The threshold is 0.80 and the candidate scores exactly 0.80 on the hold-out slice. What does Step 6 output, and what happens at Step 7?",
        code: None,
        options: [
            "False, because the rule is performance > threshold and 0.80 is not greater than 0.80; the team is alerted.",
            "True, because 0.80 meets the threshold; the candidate is deployed.",
            "True after rounding up to 0.81; the candidate is deployed.",
            "The check is skipped for ties; the candidate and the live model share traffic.",
        ],
        correct: 0,
        hint: "Read the condition in the Input column of Step 6: is it > or >=?",
        explanation: "The check is strict: performance > threshold. A tie is not greater, so Step 6 is False and Step 7 alerts the team while the live model stays. The table shows \"0.80 > 0.80\" → False: a score that only ties the threshold is not above it. (When a score is not exactly 0.80 but rounds to it, the page prints more decimals, e.g. 0.7996, so the shown numbers never contradict the result.)",
        solution: &[
            "Step 1: Step 6's condition is performance > threshold (the lesson's code: if evaluate(new_model) > threshold).",
            "Step 2: 0.80 > 0.80 is False; only a score strictly above 0.80 passes.",
            "Step 3: With False, Step 7 takes the else branch, alert_team(): the candidate is rejected and the live model stays.",
            "Final answer: False; the team is alerted.",
        ],
        mistakes: &[
            "Reading > as >=: the original lesson's transcript says 'meets or exceeds', but its code and table use >, and the code is what runs (this page's transcript says 'is above').",
            "Trusting a rounded display: 0.7996 shows as 0.80 at two decimals; this app shows more decimals when needed.",
            "Thinking a tie deploys 'to be safe': keeping the proven live model is the safe choice.",
        ],
    },
    Spec {
        id: "held-out-evaluation",
        difficulty: Difficulty::Medium,
        step: StepKind::Evaluate,
        prompt: "Why does Step 5 score the candidate on a held-out slice of the new batch that the candidate never trained on?",
        code: None,
        options: [
            "Because the held-out slice is larger than the training data, so the score is more precise.",
            "Because a model cannot make predictions for rows it was trained on.",
            "Because scores on its own training rows are optimistic; unseen rows estimate how it will do on new live data.",
            "Because evaluating on unseen rows is faster.",
        ],
        correct: 2,
        hint: "Would you trust a student who grades the exact exercises they memorised?",
        explanation: "A model has already fitted its training rows, noise included, so its accuracy there overstates how it will do in production. Fresh rows it never saw give an honest estimate of live performance, which is what the deploy decision needs.",
        solution: &[
            "Step 1: Training fits the model to its training rows, including their quirks and noise.",
            "Step 2: Scored on those same rows, the model looks better than it is (a deep decision tree can score close to 1.0 on its own rows).",
            "Step 3: The held-out slice (30 % of the newest batch by default) never enters any training window, so it measures how the candidate handles new data.",
            "Final answer: scores on training rows are optimistic; unseen rows estimate live performance.",
        ],
        mistakes: &[
            "Evaluating on training data and deploying an overfitted model.",
            "Thinking the hold-out must be large: it must be unseen and representative; here it is the smaller part of each batch.",
            "Thinking a model cannot predict its training rows: it can, just too well.",
        ],
    },
    Spec {
        id: "stale-v1-decays",
        difficulty: Difficulty::Medium,
        step: StepKind::Repeat,
        prompt: "The accuracy chart shows v1 (never retrained) falling after the drift onset while the live, retrained model stays above the threshold. Why does v1 decay?",
        code: None,
        options: [
            "v1's saved weights slowly degrade over time.",
            "v1 learned the old pattern and never sees new data, so as the data drifts its boundary goes out of date.",
            "v1 is scored on a smaller hold-out slice than the live model.",
            "Retrained models get a bonus from the threshold check.",
        ],
        correct: 1,
        hint: "Both lines are scored on the same new hold-out slice every cycle; only one of them ever learns from new data.",
        explanation: "A model is a snapshot of the data it was trained on. v1 keeps its original boundary while the world moves, so its accuracy on fresh data falls; the loop retrains on recent data, so the live model follows the change. That gap is why automated retraining keeps models fresh.",
        solution: &[
            "Step 1: Every cycle, v1 and the live model are scored on the same hold-out slice of the newest batch.",
            "Step 2: Before the onset the new data looks like v1's training data, and v1 scores well.",
            "Step 3: After the onset the data drifts; v1 never retrains, so its errors grow with the drift.",
            "Step 4: The loop trains candidates on recent windows and deploys those that pass, so the live line recovers.",
        ],
        mistakes: &[
            "Thinking models wear out like hardware: the weights never change; the data does.",
            "Comparing scores from different data: here both are scored on the same slice.",
            "Expecting v1 to decay with no drift: at drift strength 0, v1 stays accurate.",
        ],
    },
    Spec {
        id: "concept-vs-covariate-drift",
        difficulty: Difficulty::Hard,
        step: StepKind::CollectData,
        prompt: "In the playground, with drift strength 0.7 and a sudden pattern, which kind of drift hurts the never-retrained v1 much more, whether the model is logistic regression (the default) or a decision tree?",
        code: None,
        options: [
            "Covariate drift: the inputs slide along the boundary to places v1 never trained on, so it fails there.",
            "Concept drift: the labelling rule rotates, so v1's boundary now splits the classes in the wrong place.",
            "Both hurt v1 equally, because both change the incoming data.",
            "Neither: v1 was trained well, so drift cannot lower its accuracy.",
        ],
        correct: 1,
        hint: "Ask whether the rule P(label | input) changed, or only where the inputs appear.",
        explanation: "Concept drift changes P(y|x): the same input now has a different label, so v1's old boundary is wrong, whichever model learned it. Covariate drift here slides the inputs along the boundary but keeps the rule. A logistic-regression v1 draws one straight line, which extends along the slide, so it keeps its accuracy. A decision-tree v1 follows the diagonal boundary with boxes only where its training data lay; beyond that its last boxes run straight on, so it loses some accuracy, a lot on some seeds, yet still far less than under concept drift.",
        solution: &[
            "Step 1: Concept drift rotates the labelling rule itself: in part of the plane, points on one side of v1's boundary now belong to the other class.",
            "Step 2: Covariate drift moves where inputs appear, P(x), but not how they are labelled, P(y|x). The clouds slide along the boundary: a straight boundary (logistic regression) learned before the slide still separates them; a tree's staircase of boxes follows the diagonal only where it saw data.",
            "Step 3: In the playground, v1's accuracy falls well below the threshold under concept drift, to about 0.2 to 0.3 with either model. Under covariate drift a logistic-regression v1 stays close to where it started (within a few hundredths); a decision-tree v1 loses about 0.13 on average over seeds, up to about 0.4 on some.",
            "Final answer: Concept drift.",
        ],
        mistakes: &[
            "Assuming any change in the data hurts equally: what matters is whether the input-to-label rule changed.",
            "Thinking unseen inputs are always misclassified: a straight boundary (logistic regression) extends beyond the training data; a tree's boxes extend too, but no longer follow a slanted boundary there.",
            "Concluding covariate drift never matters: inputs that move across a boundary, or into regions the model fits poorly, can still hurt.",
        ],
    },
    Spec {
        id: "window-after-sudden-drift",
        difficulty: Difficulty::Hard,
        step: StepKind::Train,
        prompt: "With data validation off (on, its flipped-labels check would hold back the first reversed batch), full-strength sudden concept drift reverses the labelling rule at cycle 3. Which training window lets cycle 3's candidate pass the 0.80 check?",
        code: None,
        options: [
            "All data so far: the more rows, the better the model.",
            "Newest batch only: it holds only rows labelled by the new rule.",
            "Last 3 batches: two old batches plus the new one give the best of both worlds.",
            "It makes no difference: only the threshold decides.",
        ],
        correct: 1,
        hint: "The hold-out slice comes from the newest batch. Which rows in each window follow the same rule?",
        explanation: "After a sudden change, old rows teach the old (now reversed) rule. Training on the newest batch alone learns the new rule, so the candidate scores well on the new hold-out slice; windows that mix in older batches are outvoted by stale rows until the new data dominates.",
        solution: &[
            "Step 1: From cycle 3 on, every new row is labelled by the reversed rule, and so is the hold-out slice.",
            "Step 2: 'All data so far' holds the initial data and cycles 1-2 (old rule) plus cycle 3 (new rule): three old batches to one new, so it learns mostly the old rule and fails. 'Last 3 batches' has two old to one new and fails too.",
            "Step 3: 'Newest batch only' holds only cycle 3's rows, learns the new rule and passes.",
            "Step 4: The trade-off: with stable data or slow change, wider windows give more rows and steadier models; after a sudden change they hold the past against you. A sliding window recovers within a few cycles; 'all data' takes far longer.",
        ],
        mistakes: &[
            "Believing more data is always better: more data from a different rule is worse data.",
            "Forgetting that the hold-out slice comes from the newest batch, so it follows the new rule.",
            "Always choosing the newest batch: with small or noisy batches it gives jumpy models; the best window depends on how the data changes.",
        ],
    },
    Spec {
        id: "label-noise-ceiling",
        difficulty: Difficulty::Hard,
        step: StepKind::Evaluate,
        prompt: "No drift, label noise 0.25 (a quarter of the labels flipped at random, in training and hold-out data alike), threshold 0.80. Almost every cycle ends in an alert. Why?",
        code: None,
        options: [
            "Flipped hold-out labels cannot be predicted by any model, so measured accuracy tops out near 0.72, below 0.80.",
            "The learner cannot train on noisy data, so Step 4 fails every time.",
            "The noise makes the model overfit; a deeper decision tree would pass.",
            "Retraining too often causes the alerts; a weekly schedule would fix them.",
        ],
        correct: 0,
        hint: "If a label was flipped at random, what could any model learn about it from the input?",
        explanation: "Random flips do not depend on the input, so even the best possible boundary (about 0.93 accurate on clean labels here) gets the flipped rows wrong: about 0.93 x 0.75 + 0.07 x 0.25 = 0.72. No candidate can beat 0.80, so the check fails for a reason no retraining can fix: clean the labels or set a threshold the data allows.",
        solution: &[
            "Step 1: Without noise, the two classes overlap, so the best boundary is about 0.93 accurate.",
            "Step 2: A quarter of the hold-out labels are flipped at random. The best model is right on about 0.93 of the unflipped rows and, by luck, on about 0.07 of the flipped ones: 0.93 x 0.75 + 0.07 x 0.25 = 0.72.",
            "Step 3: Step 6 asks for more than 0.80, which is above this ceiling, so nearly every candidate fails and the team is alerted.",
            "Final answer: label noise caps the measurable accuracy below the threshold.",
        ],
        mistakes: &[
            "Blaming the model or its depth: more capacity fits the noise and does worse on the hold-out slice.",
            "Thinking noise stops training: training works; it just cannot be right about random flips.",
            "Setting a threshold without knowing the best accuracy the data allows.",
        ],
    },
    Spec {
        id: "single-class-batch",
        difficulty: Difficulty::Hard,
        step: StepKind::Train,
        prompt: "With data validation off and no label noise: prior shift at full strength (95 % class 1), batches of 20 rows, window 'Newest batch only'. Step 4 often reads 'Training failed'. Why, and what happens next?",
        code: None,
        options: [
            "The learner crashes because 20 rows is too many for a browser.",
            "The threshold is too high, so training is skipped; the candidate is deployed anyway.",
            "The 14 training rows often hold only class 1, so there is no boundary to learn; the team is alerted and the live model stays.",
            "Prior shift deletes class 0 from the hold-out slice, so evaluation fails and the live model is taken down.",
        ],
        correct: 2,
        hint: "How many training rows does a 20-row batch keep after a 30 % hold-out, and how likely is a class-0 row among them?",
        explanation: "With 95 % class 1, a 14-row training window often holds no class-0 row at all, and a classifier cannot learn a boundary from one class. Step 4 reports the failure, Step 6 has no candidate to check (it reads 'Skipped: training failed'), Step 7 alerts the team, and the live model keeps serving.",
        solution: &[
            "Step 1: 30 % of each batch is held out, so the newest-batch window has 14 training rows.",
            "Step 2: With each row class 1 with probability 0.95, all 14 are class 1 with probability 0.95^14 = 0.49: about every other cycle.",
            "Step 3: A training set with a single class has no boundary to learn, so Step 4 reports 'Training failed' and no candidate exists.",
            "Step 4: With no candidate there is nothing for Step 6 to check, and Step 7 alerts the team; the live model stays live. A wider window (more batches) makes this rare.",
            "Step 5: With the defaults it looks different: data validation's 'both classes present' check blocks a batch whose 20 rows are all class 1 before training starts, and 5 % label noise often turns a row into class 0.",
        ],
        mistakes: &[
            "Thinking a failed training run takes the live model down: the live model keeps serving.",
            "Blaming the threshold: the check never gets a candidate to judge.",
            "Retraining more often: the fix is more (or more varied) rows per training window.",
        ],
    },
    Spec {
        id: "detector-stall",
        difficulty: Difficulty::Hard,
        step: StepKind::TriggerRetraining,
        prompt: "Trigger 'Drift detected' (ADWIN on the live model's errors), window 'Last 3 batches'. At a sudden concept drift ADWIN fires; the candidate, trained on two old batches and one new, fails the check, and ADWIN starts afresh. From then on the live model's error rate stays high but steady: ADWIN never fires again and live accuracy stays low, cycle after cycle. What fixes this?",
        code: None,
        options: [
            "Make ADWIN more sensitive, so that it notices the high error rate and fires again.",
            "Raise the deploy threshold, so that the next candidate has to be better.",
            "Train on 'All data so far', so that the next candidate has more rows to learn from.",
            "Add a performance floor as a second trigger (retrain whenever live accuracy is below the threshold), or run with the newest batch only as the window from the start, so that the retrain at the drift can pass.",
        ],
        correct: 3,
        hint: "A drift detector watches for a change in the error rate. After the drift, does the error rate still change?",
        explanation: "ADWIN fires when the live model's error rate changes, not when it is high. After its detection it starts afresh, sees a steady (high) error rate and has nothing left to detect, so once the candidate is rejected nothing retrains again. A trigger on the level, a performance floor, keeps retraining while live accuracy is below the threshold until the window holds enough new rows, in the same run; a run that trains on the newest batch alone from the start lets the retrain at the drift itself pass. Switching the window mid-run, after the rejected retrain, changes nothing: the run goes on and ADWIN does not fire again.",
        solution: &[
            "Step 1: ADWIN compares the error rate of the older and newer parts of its window and fires when they differ: it detects a change in the error rate, not a bad level.",
            "Step 2: At the drift the error rate jumps, ADWIN fires and the loop retrains. 'Last 3 batches' holds two batches of the old rule and one of the new, so the candidate learns mostly the old rule, fails the check, and the live model stays.",
            "Step 3: After a detection ADWIN starts afresh. The live model has not changed, so its errors stay high but steady: no change, no detection, no retraining, and live accuracy stays low.",
            "Step 4: Add a trigger on the level: a performance floor retrains whenever live accuracy is below the threshold, so the loop keeps retraining until the window holds enough new rows to pass. Or train on the newest batch only from the start of the run, so the retrain at the drift already learns the new rule.",
            "Step 5: In the playground, load the scenario 'Drift detector stalls': when it is stuck the page explains why and offers two buttons. 'Add a performance floor' (the checkbox under the trigger) lets the live model recover in this run. 'Restart, training on new data only' starts the run again at v1 with the window 'Newest batch only': in the restarted run the retrain at the drift passes. Choosing that window in the settings mid-run does not restart the run or wake ADWIN, so on its own it fixes nothing.",
            "Final answer: add a performance floor as a second trigger, or run with the newest batch only from the start.",
        ],
        mistakes: &[
            "Treating a drift detector as an alarm on bad accuracy: it answers 'did the errors change?', not 'is the model good enough?'.",
            "Making the detector more sensitive: a steady error rate has no change to find; a more sensitive detector only adds false alarms.",
            "Widening the window after a sudden change: more old rows teach the old rule even more.",
            "Raising the threshold: with no new candidate there is nothing to judge, and a stricter check rejects more.",
        ],
    },
    Spec {
        id: "candidate-version-numbers",
        difficulty: Difficulty::Hard,
        step: StepKind::Train,
        prompt: "Cycle 1 trains v2, which fails the check (alert; v1 stays live). Cycle 2 trains a new candidate. What is its version number?",
        code: None,
        options: [
            "v2 again, because v2 was never deployed.",
            "v1.1, a patch of the live model.",
            "v3: every trained model gets the next number, and the rejected v2 keeps its number in the registry.",
            "v1, because the live model is retrained in place.",
        ],
        correct: 2,
        hint: "Look at the registry: is a rejected version deleted?",
        explanation: "The registry records every trained model, rejected ones included, so you can see what was tried and why it failed. Numbers are never reused: cycle 2's candidate is v3 while v1 is still live.",
        solution: &[
            "Step 1: Cycle 1's Step 4 trained v2; Step 6 was False, so v2 was marked rejected, not deleted.",
            "Step 2: The registry hands out the next free number to every new model.",
            "Step 3: Cycle 2's Step 4 therefore reads 'New model v3', and Step 1 of cycle 2 still reads 'Model v1 live'.",
            "Final answer: v3.",
        ],
        mistakes: &[
            "Reusing the number of a rejected model: two different models called v2 would make the history ambiguous.",
            "Thinking retraining changes the live model in place: it trains a separate candidate.",
            "Assuming the live version and the newest version are the same.",
        ],
    },
    Spec {
        id: "why-check-before-deploy",
        difficulty: Difficulty::Hard,
        step: StepKind::CheckPerformance,
        prompt: "Why not skip Steps 5 and 6 and always deploy the model that was just retrained?",
        code: None,
        options: [
            "Because deploying takes longer than evaluating.",
            "Because the newest model is always better, so the check is only a formality.",
            "Because models may only be deployed once per day.",
            "Because a freshly retrained model can be worse than the live one (bad data, noise, a failed fit), and the check stops it from replacing a good model.",
        ],
        correct: 3,
        hint: "What does the else branch in the lesson's code protect you from?",
        explanation: "Retraining is automatic, so nobody looks at each new model. The evaluate-and-check gate is the automatic reviewer: only a candidate that beats the threshold on fresh, unseen data goes live; otherwise the team is alerted and the proven model keeps serving.",
        solution: &[
            "Step 1: A retrained model is only as good as its window: stale rows after a sudden drift, heavy label noise or a tiny batch can all produce a worse model.",
            "Step 2: Steps 5 and 6 measure the candidate on unseen data and compare it with the threshold.",
            "Step 3: A candidate that fails never reaches users; the team is alerted instead and the live model stays.",
            "Final answer: the check stops a worse model from replacing a good one.",
        ],
        mistakes: &[
            "Assuming newer means better: newer only means trained on more recent data.",
            "Treating the check as a formality: in the playground, try a high threshold or heavy label noise and watch it reject candidates.",
            "Thinking the check is about speed or deployment limits.",
        ],
    },
    // ---- The MLOps tools around the loop: detectors, gate, registry, schedules, windows ----
    Spec {
        id: "error-detectors-watch-errors",
        difficulty: Difficulty::Easy,
        step: StepKind::TriggerRetraining,
        prompt: "With the 'Retraining trigger' set to 'Drift detected', the 'Drift detector' select offers 'ADWIN on the error stream' and 'Page-Hinkley on the error stream'. What do these two detectors watch?",
        code: None,
        options: [
            "The inputs of each new batch, compared with the rows the live model was trained on.",
            "The live model's errors on each new labelled batch (1 = wrong, 0 = right), so they need the true labels; they fire when the error rate changes.",
            "The candidate's score at Step 5, compared with the deploy threshold.",
            "The simulated clock: they fire at fixed times of day.",
        ],
        correct: 1,
        hint: "'Error stream': to know that a prediction was wrong, what must you know about the row?",
        explanation: "Each cycle the live model predicts every row of the new batch; comparing each prediction with the row's true label gives a stream of 1s (wrong) and 0s (right). ADWIN and Page-Hinkley read that stream and fire when its mean, the error rate, changes. No labels, no errors, nothing to detect.",
        solution: &[
            "Step 1: At Step 2 the live model predicts every row of the new batch. Comparing each prediction with the row's true label gives an error: 1 when wrong, 0 when right.",
            "Step 2: ADWIN and Page-Hinkley read these errors one by one and fire when their mean, the live model's error rate, changes (Page-Hinkley here reports rises only: a model getting better is no reason to retrain).",
            "Step 3: The other options belong elsewhere on the page: comparing the inputs with the training rows is the third detector, 'Kolmogorov–Smirnov test on the inputs'; the candidate's score against the threshold is Step 6; fixed times are the 'Schedule (cron)' trigger.",
            "Step 4: After each new batch, the 'Trigger and data validation' panel says what the detector saw, e.g. how many recent errors ADWIN keeps and their mean error rate.",
            "Final answer: the live model's errors on new labelled data.",
        ],
        mistakes: &[
            "Confusing the error detectors with the KS test: only the KS test looks at the inputs alone.",
            "Forgetting the labels: an error detector can only run once the true labels of the new rows are known.",
            "Reading a detection as 'accuracy is low': they fire on a change in the error rate, not on a bad level.",
        ],
    },
    Spec {
        id: "rollback-to-a-retired-version",
        difficulty: Difficulty::Easy,
        step: StepKind::DeployOrAlert,
        prompt: "After 4 cycles with the default settings, the Model registry table lists v5 live, v4 rejected and v1–v3 retired. In its Rollback column you click 'Make v3 live'. What happens?",
        code: None,
        options: [
            "v3 is retrained on the newest batch and deployed as a new version, v6.",
            "v4 and v5 are deleted from the registry, so that v3 is the newest version again.",
            "Nothing yet: v3 must first pass Step 6's check on the next batch.",
            "The stored v3 goes live at once; v5 becomes retired but stays in the registry, and 'Who replaced whom' records 'rolled back to v3, replacing v5'.",
        ],
        correct: 3,
        hint: "The registry keeps the versions it may need again. Does going back need any training?",
        explanation: "A rollback makes an earlier version, kept by the registry, live again: no training, no new version number, no check. v5 is retired (its History reads 'replaced by v3'), and the next cycle starts from v3. Only retired versions (ones that once served) whose fitted model is still kept get the button.",
        solution: &[
            "Step 1: The registry keeps every version with its status, accuracy and training window, and keeps the fitted models of v1, the live one and the most recent others, so that they can serve again.",
            "Step 2: 'Make v3 live' swaps the live version straight away: v3's status becomes live (History: 'replaced v5') and v5's becomes retired (History: 'replaced by v3').",
            "Step 3: Nothing is deleted or retrained: the table still lists v1–v5, and the next candidate will be v6. Under 'Who replaced whom' a line reads 'cycle 4: rolled back to v3, replacing v5'; the next cycle's Step 1 starts from v3.",
            "Step 4: Only retired versions get the button: the rejected v4 never served and cannot go live, and the live v5 needs no rollback. While a candidate is being judged (after Step 4, before Step 7) a rollback is refused: roll back between cycles.",
            "Final answer: v3 goes live at once; v5 is retired and kept.",
        ],
        mistakes: &[
            "Thinking a rollback retrains: it reuses the stored model, which is why it is instant.",
            "Thinking newer versions are deleted: the registry keeps them, so v5 now has its own 'Make v5 live' button to go forward again.",
            "Expecting to roll back to a rejected version: it failed its check and never served; only versions that once served can go live again.",
        ],
    },
    Spec {
        id: "page-hinkley-fires-on-a-change",
        difficulty: Difficulty::Medium,
        step: StepKind::TriggerRetraining,
        prompt: "Retraining trigger 'Drift detected' with 'Page-Hinkley on the error stream'. Which of these makes it fire?",
        code: None,
        options: [
            "Since Page-Hinkley's last detection, the live model's accuracy has stayed at a steady 0.30, far below the 0.80 threshold, for ten cycles.",
            "The inputs move a long way across the plane while the live model stays about 0.88 accurate.",
            "The live model's error rate jumps from about 13 % to about 70 % between two batches.",
            "A candidate scores 0.79 and fails the check at Step 6.",
        ],
        correct: 2,
        hint: "Page-Hinkley adds up how far each error lies above the running mean of the errors. Which situation keeps pushing the errors above their own mean?",
        explanation: "Page-Hinkley tracks the running mean of the live model's errors and fires when errors keep landing above it, that is, when the error rate rises. A jump from 13 % to 70 % does that. A steady 0.30 accuracy, however bad, matches its own mean and leaves nothing to detect; moving inputs that leave the errors unchanged, and a candidate's score, are not in its stream at all.",
        solution: &[
            "Step 1: Page-Hinkley keeps the running mean of the errors and a slowly fading sum of how far each error lies above it; it fires when that sum climbs more than its threshold (λ = 50) above its lowest point.",
            "Step 2: A jump in the error rate puts the new errors above the old running mean, so the sum climbs fast. With the default settings this happens at the sudden drift of cycle 3, when live accuracy falls from about 0.87 to about 0.31.",
            "Step 3: A steady rate, even a bad one, matches its own running mean, so the sum stops climbing. After the candidate of cycle 3 is rejected, live accuracy stays near 0.3 and Page-Hinkley never fires again: the same stall ADWIN shows in the 'Drift detector stalls' scenario.",
            "Step 4: Inputs that move while the errors stay the same (the scenario 'Covariate drift that does not hurt') and a candidate's score are not in its error stream.",
            "Final answer: the jump in the error rate.",
        ],
        mistakes: &[
            "Expecting a bad but steady accuracy to fire it: that is the job of the 'Performance drop' trigger or the performance floor.",
            "Thinking it watches the inputs: that is the KS test.",
            "Thinking a failed candidate triggers it: it only sees the live model's errors.",
        ],
    },
    Spec {
        id: "ks-fires-on-harmless-covariate-drift",
        difficulty: Difficulty::Medium,
        step: StepKind::TriggerRetraining,
        prompt: "Load the scenario 'Covariate drift that does not hurt' (Classroom panel), then, before running, set the 'Retraining trigger' to 'Drift detected' with the 'Kolmogorov–Smirnov test on the inputs'. The inputs slide a long way, but the labelling rule stays. What do you see?",
        code: None,
        options: [
            "The KS test fires cycle after cycle once the inputs move, and the loop retrains each time, although v1, never retrained, stays above the threshold: retraining that was not needed.",
            "The KS test stays silent, because the labelling rule did not change.",
            "The KS test fires, and every candidate fails the check because the moved inputs lie outside the training data.",
            "The KS test fires once at the onset and never again, like ADWIN after a rejected candidate.",
        ],
        correct: 0,
        hint: "What does the KS test compare, and does it ever read a label?",
        explanation: "The KS test compares each feature of the new batch with the rows the live model was trained on. Covariate drift moves exactly those inputs, so it fires, cycle after cycle, and the loop retrains each time. But the rule did not change: v1, the scenario's logistic regression, stays accurate, so those retrains bought nothing. ADWIN and Page-Hinkley stay quiet on the same stream, because the live model's errors do not change.",
        solution: &[
            "Step 1: The KS test sees only the inputs: per feature, the rows the live model was trained on against the new batch; it fires when either p-value is below 0.05.",
            "Step 2: Here the input clouds slide along the boundary, a little more each cycle (incremental drift). The new inputs no longer look like the training rows, the p-values fall far below 0.05, and it fires.",
            "Step 3: After each deploy the reference becomes the new live model's training rows (the last 3 batches), which still hold where the inputs used to be, so it keeps firing until the training window has caught up with the moved inputs.",
            "Step 4: Meanwhile the accuracy chart's 'v1, never retrained' line stays above the threshold: the labelling rule did not change, so the old boundary of the scenario's model (logistic regression, a straight line) still separates the classes. The candidates pass too; the retraining was simply not needed.",
            "Step 5: Switch the detector to 'ADWIN on the error stream' or 'Page-Hinkley on the error stream': on the same stream neither fires, because the live model's errors do not change.",
            "Final answer: the KS test fires again and again and the loop retrains, although the model was fine.",
        ],
        mistakes: &[
            "Thinking the KS test knows about the rule: it never sees a label.",
            "Reading an input alarm as proof that the model got worse: covariate drift can be harmless; check the accuracy before paying for retraining.",
            "Expecting candidates to fail on moved inputs: a boundary extends beyond the training data, and each retrain includes the new rows.",
        ],
    },
    Spec {
        id: "late-labels-input-test",
        difficulty: Difficulty::Medium,
        step: StepKind::TriggerRetraining,
        prompt: "In a real deployment the true labels of today's predictions arrive a month later. Of the three choices in the 'Drift detector' select, which one can still raise an alarm on the day new data arrives, and what is it blind to?",
        code: None,
        options: [
            "ADWIN: it watches the error stream, so the predictions alone are enough.",
            "Page-Hinkley: it only needs the live model's accuracy, not the labels.",
            "None of them: every drift detector needs the labels.",
            "The Kolmogorov–Smirnov test: it compares only the new inputs with the rows the live model was trained on, so it needs no labels, but it cannot see a change of the labelling rule while the inputs stay put.",
        ],
        correct: 3,
        hint: "An error is a prediction compared with a label. Which detector never uses an error?",
        explanation: "ADWIN and Page-Hinkley read the live model's errors, and an error needs the true label, so without labels they wait. The KS test reads only the inputs and can run as soon as a batch arrives. Its blind spot is the other side of the same coin: a new rule on unchanged inputs (concept drift) leaves the inputs, and so the test, unmoved.",
        solution: &[
            "Step 1: ADWIN and Page-Hinkley read the live model's errors, and an error needs the true label: until the labels come in they have nothing to read.",
            "Step 2: The KS test reads only the features of the new batch and compares them, feature by feature, with the rows the live model was trained on: it can run as soon as the inputs arrive.",
            "Step 3: Its blind spot follows: if the rule changes but the inputs look the same, the KS test sees nothing. In the playground, concept drift at drift strength 1 reverses the rule while every input is drawn exactly as before: the KS test stays silent while accuracy collapses.",
            "Step 4: A common design combines both: an input test for an early warning, and an error-based check once the labels arrive.",
            "Final answer: the KS test; it is blind to a rule change that leaves the inputs alone.",
        ],
        mistakes: &[
            "Thinking an 'error stream' needs only predictions: an error is a prediction that disagrees with its label.",
            "Treating an input monitor as an accuracy monitor: inputs can move without harm, and the rule can change without the inputs moving.",
            "Concluding labels are optional: without them nothing can confirm that the model got worse.",
        ],
    },
    Spec {
        id: "champion-margin-gate",
        difficulty: Difficulty::Medium,
        step: StepKind::CheckPerformance,
        prompt: "Deploy threshold 0.80 and the 'Champion margin' slider at +0.02. On this cycle's hold-out slice the live model v2 scores 0.84 and the new candidate v3 scores 0.85. What does Step 6 output, and what happens at Step 7?",
        code: None,
        options: [
            "True, because 0.85 > 0.80; v3 is deployed.",
            "False (champion/challenger gate): 0.85 passes the threshold but not v2's 0.84 + 0.02 = 0.86; the team is alerted and v2 stays live.",
            "True, because 0.85 beats v2's 0.84; v3 is deployed.",
            "False, because 0.85 is below the threshold; the team is alerted and v2 stays live.",
        ],
        correct: 1,
        hint: "With a margin set, Step 6's Input column holds two conditions. Does v3 meet both?",
        explanation: "With a champion margin, a candidate must pass the threshold and also beat the live model (the champion) by the margin, both scored on the same fresh hold-out slice. 0.85 > 0.80 holds, but 0.85 ≥ 0.84 + 0.02 = 0.86 does not, so Step 6 reads 'False (champion/challenger gate)', the team is alerted and v2 keeps serving.",
        solution: &[
            "Step 1: A 'Champion margin' above 0 turns on the champion/challenger gate (at 0 it is off). Step 6's Input column then reads '0.85 > 0.80 and 0.85 ≥ live 0.84 + 0.02 (= 0.86)'.",
            "Step 2: The threshold part holds: 0.85 > 0.80.",
            "Step 3: The gate part fails: v3 beats v2 by only 0.01, less than the margin of 0.02, so Step 6 outputs 'False (champion/challenger gate)'.",
            "Step 4: Step 7 alerts the team (the alert says the gate needed 0.86) and v2 stays live. A candidate scoring 0.86 or more would pass: the gate asks for at least the margin (≥), while the threshold must be beaten strictly (>).",
            "Step 5: Why a margin: both models are scored on the same 150 hold-out rows, and 0.01 is a row or two, easily luck. The margin stops the loop from swapping a proven model for one that is merely as good.",
            "Final answer: False (champion/challenger gate); the team is alerted and v2 stays live.",
        ],
        mistakes: &[
            "Stopping at the threshold: with the gate on, passing the threshold is necessary but not enough.",
            "Accepting any improvement: 0.85 beats 0.84, but by less than the margin.",
            "Comparing with the live model's score from the cycle it was deployed: the gate uses its score on this cycle's hold-out slice, the same rows the candidate was scored on.",
        ],
    },
    Spec {
        id: "cron-schedule-ignores-the-data",
        difficulty: Difficulty::Medium,
        step: StepKind::TriggerRetraining,
        prompt: "Retraining trigger 'Schedule (cron)' with the Cron schedule 0 0 * * *. Each cycle is 6 hours of simulated time, and the clock starts at 2026-01-01 00:00. With the default settings a sudden concept drift hits at cycle 3. Which cycles retrain?",
        code: None,
        options: [
            "Cycle 3, because the schedule notices the drift and runs early.",
            "Every cycle, because * means 'every'.",
            "Cycles 4, 8, 12, …, the cycles that reach midnight: cycle 3's drifted batch meets the stale v1 until the midnight run at cycle 4, and these runs happen whether or not anything changed.",
            "Cycles 1, 5, 9, …: the first cycle of each simulated day.",
        ],
        correct: 2,
        hint: "A schedule looks only at the clock. At what time does cycle 4 end?",
        explanation: "A cron schedule fires on the simulated clock alone. Cycle c ends at c × 6 hours, so cycle 4 ends at 2026-01-02 00:00, cycle 8 a day later, and so on. The drift of cycle 3 has to wait for the next midnight, and when nothing drifts the schedule retrains all the same.",
        solution: &[
            "Step 1: 0 0 * * * means minute 0 of hour 0, every day: once a day, at midnight.",
            "Step 2: Cycle 1 runs from 00:00 to 06:00 on 1 January, cycle 2 to 12:00, cycle 3 to 18:00 and cycle 4 to 00:00 on 2 January: cycle 4 is the first to reach midnight, then every fourth cycle: 8, 12, …",
            "Step 3: The drift hits at cycle 3. The schedule does not look at the data, so cycle 3 keeps the stale v1 (about 0.31 on the accuracy chart) and retraining waits until cycle 4. The 'Trigger and data validation' panel shows the clock and the next run: 'next run 2026-01-02 00:00 (Fri)'.",
            "Step 4: Set the 'Drift strength' to 0: the schedule still retrains at cycles 4, 8 and 12, although nothing changed.",
            "Final answer: cycles 4, 8, 12, …",
        ],
        mistakes: &[
            "Expecting a schedule to react to drift: it fires on time, not on data; a drift detector or a performance trigger reacts to the data.",
            "Reading * as 'every cycle': * * * * * would fire every minute, but here the minute and hour fields are fixed to 0.",
            "Forgetting the clock: how many cycles apart a schedule fires depends on how much simulated time a cycle spans (6 hours here, as the hint under the Cron schedule field says).",
        ],
    },
    Spec {
        id: "ks-blind-to-a-reversed-rule",
        difficulty: Difficulty::Hard,
        step: StepKind::TriggerRetraining,
        prompt: "Data validation off; concept drift, sudden, drift strength 1.0: at cycle 3 the rule reverses, so every input is drawn exactly as before and only its label is swapped. The 'Retraining trigger' is 'Drift detected' with the 'Kolmogorov–Smirnov test on the inputs'. What happens from cycle 3 on?",
        code: None,
        options: [
            "The KS test fires no more often than with no drift: the inputs look as they did. The reversal itself retrains nothing, and live accuracy collapses to about 0.1.",
            "The KS test fires at cycle 3, because the labels changed.",
            "The KS test fires at cycle 3; the candidate fails, and then it stalls like ADWIN.",
            "The KS test fires every cycle until a candidate passes.",
        ],
        correct: 0,
        hint: "Which columns of the new batch does the KS test read?",
        explanation: "The KS test compares the distribution of each input feature in the new batch with the rows the live model was trained on; it never reads a label. A full reversal swaps which class each cloud belongs to, but the two clouds together cover the plane exactly as before, so the inputs do not change and the test has nothing to find: it fires only by chance, as often as with no drift (two tests at 0.05 per check, see the question on one test per feature). ADWIN or Page-Hinkley, which read the errors, fire at cycle 3; a performance floor would also retrain.",
        solution: &[
            "Step 1: At strength 1.0 the rule rotates 180°: each class now comes from where the other class's cloud was. Together the two clouds cover the plane exactly as before, so P(x) is unchanged and only P(y | x) flipped.",
            "Step 2: The KS test compares each input feature of the new batch with the live model's training rows. Same inputs, same distribution: the p-values are spread as they are with no drift, so a check fires no more often than with no drift (now and then a chance p below 0.05 for one of the two features), and most cycles the 'Trigger and data validation' panel reads 'Did not fire: KS test p = … ≥ 0.05'.",
            "Step 3: The reversal retrains nothing, and the live model, right on about 87 % of rows before, is now wrong on most of them: the accuracy chart's live line drops to about 0.1 and stays there until a chance firing retrains. After three such cycles the 'Why is nothing retraining?' notice explains that the KS test compares only the inputs.",
            "Step 4: Switch the detector to ADWIN or Page-Hinkley: the error rate jumps at cycle 3 and they fire. Or tick the performance floor, which retrains whenever live accuracy is below the threshold. (With data validation on, its 'labels valid' check, which does read the labels, flags cycle 3's batch once.)",
            "Final answer: the KS test fires no more often than with no drift while accuracy collapses.",
        ],
        mistakes: &[
            "Assuming any drift detector sees any drift: the KS test sees the inputs only, never the labels.",
            "Thinking a silent KS test means the model is fine: watch the accuracy too.",
            "Thinking the KS test misses every concept drift: at drift strength 0.5 (a 90° turn) the clouds swing to the other diagonal, the inputs change, and it usually fires.",
        ],
    },
    Spec {
        id: "ks-one-test-per-feature",
        difficulty: Difficulty::Hard,
        step: StepKind::TriggerRetraining,
        prompt: "The 'Kolmogorov–Smirnov test on the inputs' runs one KS test per feature (feature 1 and feature 2) and fires when either p-value is below 0.05. Suppose nothing drifts: the new batch and the training rows come from the same distribution. What is the chance that one check raises a false alarm?",
        code: None,
        options: [
            "Zero: with no drift, every p-value stays above 0.05.",
            "About 5 %: 0.05 is the false-alarm rate of the whole trigger.",
            "About 50 %: with no drift, a p-value is as likely to be small as large.",
            "Close to 10 %: each test alone raises a false alarm about 5 % of the time, and two tests give two chances (1 − 0.95² ≈ 0.10); every extra feature adds more.",
        ],
        correct: 3,
        hint: "If each of two tests has a 5 % chance of a false alarm, what is the chance that at least one of them has one?",
        explanation: "With no drift a p-value is spread roughly evenly between 0 and 1, so each test alone falls below 0.05 about 5 % of the time. The trigger fires when either test does: for independent tests that is 1 − 0.95² ≈ 9.75 %, and the two related features here give a little less. This is the multiple-testing problem: the more tests at 0.05, the more false alarms. A common fix is the Bonferroni correction: compare each p-value with 0.05 divided by the number of tests.",
        solution: &[
            "Step 1: With no drift, each KS test alone gives p < 0.05 about 5 % of the time: that is what the 0.05 level means.",
            "Step 2: The trigger runs two tests and fires if either is below 0.05, so it has two chances to be fooled: 1 − 0.95 × 0.95 ≈ 0.0975 if the tests were independent. The two features here are related (both move with the class), so the rate is a little lower, but still well above 5 %.",
            "Step 3: More features, more chances: with 20 features tested the same way it would be 1 − 0.95²⁰ ≈ 64 % per check.",
            "Step 4: The usual fixes test each feature at a stricter level (Bonferroni: 0.05 divided by the number of features) or use one test on all features together. The 'Trigger and data validation' panel shows both p-values, so you can see which feature fired.",
            "Step 5: Within one run the reference (the live model's training rows) stays the same until a new model goes live, so one run can see fewer or more false alarms than the average: try several seeds with drift strength 0.",
            "Final answer: close to 10 %, not 5 %.",
        ],
        mistakes: &[
            "Reading 0.05 as the whole trigger's false-alarm rate: it is the rate of each test.",
            "Thinking no drift means no alarms: p-values vary from batch to batch even when nothing changed.",
            "Adding features to a monitor without adjusting the level: the false alarms multiply.",
        ],
    },
    Spec {
        id: "long-window-recovers-later",
        difficulty: Difficulty::Hard,
        step: StepKind::Train,
        prompt: "Default settings: sudden concept drift at cycle 3 (drift strength 0.6), and every cycle retrains. With the 'Training window' 'Last 10 batches', the first deploy after the drift comes later than with 'Last 3 batches'. Why, and what is the price of the other extreme, 'Newest batch only'?",
        code: None,
        options: [
            "Ten batches take longer to train, so the candidates arrive late; 'Newest batch only' has no price.",
            "Longer windows overfit, so their candidates fail; 'Newest batch only' is always best.",
            "After the drift the 10-batch window still holds every pre-drift batch, so its first candidates learn a mix of the old and new rules and fail the check; 'Newest batch only' recovers first but learns from the fewest rows, so with small batches its models are less accurate and fail more often.",
            "The champion margin rejects candidates trained on many batches; 'Newest batch only' avoids that gate.",
        ],
        correct: 2,
        hint: "Read the Model registry's 'Trained on' column for the candidates after the drift: which cycles does each window hold?",
        explanation: "A training window is the candidate's memory. After a sudden change, old batches teach the old rule: 'Last 3 batches' lets them go within a cycle or two, while 'Last 10 batches' keeps the initial data and cycles 1–2 for many cycles, so its first candidates after the drift learn too much of the old rule and fail. The shortest window forgets fastest but sees the fewest rows, so with small batches its models are noisier. The best window depends on how fast the data changes and how many rows each batch brings.",
        solution: &[
            "Step 1: With the default seed, 'Newest batch only' deploys at cycle 3 itself, 'Last 3 batches' at cycle 4, and 'Last 10 batches' not before cycle 6.",
            "Step 2: The registry's 'Trained on' column shows why. At cycle 4, 'Last 3 batches' holds cycles 2–4: two of its three batches follow the new rule, and the candidate passes. 'Last 10 batches' holds cycles 0–4: three old batches against two new ones, and the candidate fails; here it first passes at cycle 6, when the new batches outnumber the old (4 to 3).",
            "Step 3: The other extreme, 'Newest batch only', forgets at once but trains on one batch's training rows (350 by default). With small batches those few rows give less accurate models: at a batch size of 60 and no drift, over several seeds, its candidates score lower and fail the check more often than with 'Last 10 batches'.",
            "Step 4: So the window trades reaction speed for steadiness: short after sudden changes, longer when the data is stable or changes slowly.",
            "Final answer: the old batches in the long window hold its candidates back; the shortest window reacts fastest but is noisier.",
        ],
        mistakes: &[
            "Blaming training time: a longer window changes what the candidate learns, not when it arrives.",
            "Always choosing the newest batch: with small or noisy batches its models jump around.",
            "Always choosing the longest window: after a sudden change it holds the past against you for many cycles.",
        ],
    },
    // ---- What retraining costs ----
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
    // ---- Real data: the weather scenario ----
    Spec {
        id: "weather-gap-is-a-pipeline-shift",
        difficulty: Difficulty::Medium,
        step: StepKind::CollectData,
        prompt: "Scenario 'Real weather (Nebraska, 1949–1999)', lowest and highest temperature, one year per batch. v1, trained on year 1 and never retrained, averages about 0.71 over the 48 yearly cycles after year 1; the model retrained every year on the last two averages about 0.74. Yet until year 32 the two score alike, and v1 falls behind only from year 33, where each feature column of the published file starts to hold the next column's measurement. What is the best reading of the gap?",
        code: None,
        options: [
            "Nebraska's climate changed abruptly in year 33, and only retraining could follow it.",
            "Mostly a broken data pipeline: from year 33 v1 reads other measurements under the same names, and retraining quietly learns the new meaning. With the columns put back, v1 keeps up; check what each column holds before trusting a drift story.",
            "v1 learned from fewer rows (one year against two), and a model trained on fewer rows always scores lower.",
            "From year 33 the deploy threshold of 0.65 rejects v1, so its line drops.",
        ],
        correct: 1,
        hint: "Compare the grey v1 line with the live line before and after year 33, then read Known problems in the weather panel.",
        explanation: "A gap between a stale model and a retrained one shows that something changed, not what. Here the data set's own file changes at day 12,001: every feature column moves by one. Before that, v1 is as good as the retrained model, though it learned from half as many rows; after it, v1 is fed other measurements than those it learned from. Put the columns back and the gap disappears. Retraining made the problem invisible; a check of what each column holds (its spread, its link to the others) would have flagged it.",
        solution: &[
            "Step 1: Split the 48 years at the shift: until year 32, v1 and the retrained model average within 0.01 of each other; from year 34 on, v1 averages below 0.65 and the retrained model at least 0.05 more.",
            "Step 2: Fewer rows cannot explain it: v1 had half the rows all along, yet kept up for 31 years.",
            "Step 3: The threshold cannot either: it judges only candidates; v1's score is measured each cycle, never checked.",
            "Step 4: Put every column back where it belongs from day 12,001 on and run again: v1 keeps up all the way (the two averages within 0.01). The weather did not change abruptly; the file did.",
            "Final answer: mostly a data-pipeline shift, which retraining hides.",
        ],
        mistakes: &[
            "Reading any gap between a stale and a retrained model as proof that the world drifted.",
            "Trusting a well-known data set's column names without checking what the columns hold.",
            "Blaming the amount of training data without comparing the years before the gap opened.",
        ],
    },
    Spec {
        id: "weather-hold-out-spread-over-the-year",
        difficulty: Difficulty::Hard,
        step: StepKind::Evaluate,
        prompt: "In the weather scenario each year's held-out days (30%) are spread over the year, every third or fourth day. A plain split would hold out each year's last 110 days instead. Why does that matter here?",
        code: None,
        options: [
            "It does not: any 30% of a year gives the same scores.",
            "The last days train faster, so the loop would run sooner.",
            "The last days of each year are missing from the file, so they cannot be held out.",
            "Each year's last 110 days are one season, with less rain (under 25% of days, against over 34% in the rest); scored only on them, the loop favours models that answer 'no rain', and on this data never retraining would even look better than retraining.",
        ],
        correct: 3,
        hint: "Compare how often it rains in each year's last 110 days with the rest of the year.",
        explanation: "A hold-out should look like the data the model will meet. In time-ordered data the last rows of a batch are not a random sample: for a batch of a year they are one season. Spread over the year, the held-out days cover every season, so the comparison of v1 with the retrained model is fair.",
        solution: &[
            "Step 1: Over the 49 whole years of the 49.7 years (18,159 days) the file holds, rain falls on fewer than 25% of each year's last 110 days, but on more than 34% of its first 255.",
            "Step 2: A model scored only on the drier days is rewarded for saying 'no rain' more often.",
            "Step 3: Run the scenario with the tail held out: v1, never retrained, averages above the model retrained every year. Spread over the year, it averages below.",
            "Final answer: the tail is one season; spreading the hold-out over the year keeps the scores fair.",
        ],
        mistakes: &[
            "Taking the last rows of a time-ordered batch for a random sample.",
            "Comparing models on a hold-out unlike the data they will serve.",
        ],
    },
];

// Native only: the core is tested natively (proptest and approx are native dev-dependencies).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::params::{
        DetectorKind, DriftKind, DriftPattern, ModelKind, RetrainTrigger, SimParams, TrainingWindow,
    };
    use crate::sim::retraining::cycle::{RollbackError, Simulation};
    use crate::sim::retraining::history::{stall, CycleSummary};
    use crate::sim::retraining::outcome::GateCheck;
    use crate::sim::retraining::outcome::{AlertReason, Outcome, OutcomeKind};
    use crate::sim::retraining::registry::VersionStatus;
    use crate::sim::retraining::scenarios::scenario;
    use crate::sim::retraining::steps::{CheckStep, StepFact, StepRecord};
    use crate::sim::retraining::triggers::{TriggerCause, KS_ALPHA};
    use crate::sim::retraining::validate::ValidationFailure;
    use crate::sim::stream::drift::{DriftState, MAX_PRIOR};
    use crate::sim::stream::{generate_batch, rng_from_seed, Batch};
    use crate::sim::teach::quiz::{check_question, OPTION_COUNT};
    use crate::sim::testing::{fired_cycles, retrained_cycles, run};
    use crate::sim::wording::{stall_message, step_cells, trigger_detail};
    use std::collections::HashSet;

    #[test]
    fn every_question_has_four_distinct_options_and_one_right_index() {
        for q in question_bank() {
            check_question(&q).unwrap_or_else(|e| panic!("{e}"));
            assert!(q.correct < OPTION_COUNT, "{}", q.id);
            assert!(!q.solution.is_empty(), "{} has no solution", q.id);
            assert!(!q.mistakes.is_empty(), "{} has no mistakes", q.id);
        }
    }

    #[test]
    fn ids_are_unique_and_found_by_id() {
        let bank = question_bank();
        let ids: HashSet<&str> = bank.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(ids.len(), bank.len());
        for q in &bank {
            assert_eq!(question_by_id(&q.id).as_ref(), Some(q));
        }
        assert!(question_by_id("no-such-question").is_none());
    }

    #[test]
    fn bank_is_big_enough_for_a_test_at_every_level() {
        let bank = question_bank();
        assert_eq!(bank.len(), BANK_SIZE);
        assert!(bank.len() >= 12);
        let count = |d| bank.iter().filter(|q| q.difficulty == d).count();
        assert!(count(Difficulty::Easy) >= 3);
        assert!(count(Difficulty::Medium) >= 4);
        assert!(count(Difficulty::Hard) >= 3);
        // Easy first.
        assert!(bank.windows(2).all(|w| w[0].difficulty <= w[1].difficulty));
    }

    #[test]
    fn right_answers_are_spread_over_the_letters() {
        let mut per_letter = [0; OPTION_COUNT];
        for q in question_bank() {
            per_letter[q.correct] += 1;
        }
        assert!(per_letter.iter().all(|&n| n >= 3), "{per_letter:?}");
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

    // The bank makes claims about the playground; these check that the real
    // simulation backs them up.

    #[test]
    fn newest_batch_window_recovers_first_after_sudden_reversal() {
        let base = SimParams::default()
            .drift_kind(DriftKind::Concept)
            .drift_pattern(DriftPattern::Sudden)
            .drift_strength(1.0)
            .drift_onset(3)
            // The question is about windows; a full reversal also trips the
            // flipped-labels check for one cycle, which is another lesson.
            .validate_data(false);
        let third = |w: TrainingWindow| run(base.clone().window(w), 3).summaries()[2].clone();
        let newest = third(TrainingWindow::NewestBatch);
        assert!(
            newest.deployed(),
            "newest batch passes: {:?}",
            newest.candidate_score
        );
        for w in [TrainingWindow::Sliding(3), TrainingWindow::AllData] {
            let s = third(w);
            assert!(!s.deployed(), "{w:?} should fail: {:?}", s.candidate_score);
        }
    }

    #[test]
    fn validation_holds_back_the_first_reversed_batch() {
        // Why the window question says "with data validation off".
        let p = SimParams::default()
            .drift_strength(1.0)
            .window(TrainingWindow::NewestBatch);
        assert!(p.validate_data, "validation is on by default");
        let third = run(p, 3).summaries()[2].clone();
        assert!(!third.deployed(), "{:?}", third.candidate_score);
    }

    /// Mean input of each class and the share of class 1 among inputs in the
    /// overlap of the two clouds (near the boundary through the origin).
    fn class_means_and_overlap_share(batch: &Batch) -> ([[f64; 2]; 2], f64) {
        let mut sums = [[0.0; 2]; 2];
        let mut counts = [0.0; 2];
        let (mut overlap, mut overlap_positive) = (0.0, 0.0);
        let angle = crate::sim::stream::BASE_ANGLE_DEG.to_radians();
        for (x, &y) in batch.x.iter().zip(&batch.y) {
            let class = usize::from(y);
            sums[class][0] += x[0];
            sums[class][1] += x[1];
            counts[class] += 1.0;
            if (x[0] * angle.cos() + x[1] * angle.sin()).abs() < 0.5 {
                overlap += 1.0;
                overlap_positive += f64::from(u8::from(y));
            }
        }
        let mean = |c: usize| [sums[c][0] / counts[c], sums[c][1] / counts[c]];
        ([mean(0), mean(1)], overlap_positive / overlap)
    }

    #[test]
    fn prior_shift_keeps_each_class_cloud_but_not_p_y_given_x() {
        let q = question_by_id("prior-shift").unwrap();
        assert!(q.correct_option().contains("P(x | y)"), "{q:?}");
        let draw = |prior: f64| {
            let mut drift = DriftState::none(1);
            drift.prior = prior;
            generate_batch(&mut rng_from_seed(5), 1, 40_000, &drift, 0.0)
        };
        let (before, after) = (draw(0.5), draw(MAX_PRIOR));
        assert!(
            after.positives() as f64 / after.len() as f64 > 0.9,
            "P(y) moves"
        );
        let (means_before, share_before) = class_means_and_overlap_share(&before);
        let (means_after, share_after) = class_means_and_overlap_share(&after);
        for class in 0..2 {
            for axis in 0..2 {
                let moved = (means_before[class][axis] - means_after[class][axis]).abs();
                assert!(moved < 0.1, "class {class} cloud moved by {moved}");
            }
        }
        // Same inputs, different odds: P(y | x) follows the class shares.
        assert!((share_before - 0.5).abs() < 0.1, "{share_before}");
        assert!(share_after > 0.85, "{share_after}");
    }

    #[test]
    fn single_class_training_rows_fail_about_every_other_cycle() {
        // The question's settings: validation off, no label noise.
        let p = SimParams::default()
            .drift_kind(DriftKind::Prior)
            .drift_strength(1.0)
            .drift_onset(1)
            .batch_size(20)
            .window(TrainingWindow::NewestBatch)
            .label_noise(0.0)
            .validate_data(false);
        let sim = run(p, 60);
        let failed: Vec<_> = sim
            .summaries()
            .iter()
            .filter(|s| s.candidate.is_none())
            .collect();
        // 0.95^14 = 0.49 of the cycles.
        assert!((15..=45).contains(&failed.len()), "{} of 60", failed.len());
        for s in failed {
            assert!(!s.deployed());
            assert_eq!(s.live_after, s.live_before, "cycle {}", s.cycle);
        }
    }

    #[test]
    fn adwin_stalls_after_a_rejected_candidate_until_a_floor_or_newest_window() {
        let adwin =
            SimParams::default().trigger(RetrainTrigger::DriftDetected(DetectorKind::Adwin));
        assert_eq!(adwin.window, TrainingWindow::Sliding(3));
        let cycles = 12;
        // ADWIN fires once at the drift (cycle 3); that candidate fails and
        // nothing retrains again while the live model stays below the threshold.
        let stalled = run(adwin.clone(), cycles);
        let retrained: Vec<u32> = stalled
            .summaries()
            .iter()
            .filter(|s| s.retrained())
            .map(|s| s.cycle)
            .collect();
        assert_eq!(retrained, [3], "retrained in cycles {retrained:?}");
        assert!(stalled.summaries().iter().all(|s| !s.deployed()));
        for s in &stalled.summaries()[3..] {
            assert!(
                s.live_score < s.threshold,
                "cycle {}: {}",
                s.cycle,
                s.live_score
            );
        }
        // A performance floor keeps retraining until the window has caught up.
        let floor = run(
            adwin.clone().trigger(RetrainTrigger::PerformanceDrop),
            cycles,
        );
        let last = floor.summaries().last().unwrap();
        assert!(floor.summaries().iter().any(|s| s.deployed()));
        assert!(last.live_score > last.threshold, "{}", last.live_score);
        // Training on the newest batch lets the one retrain at the drift pass.
        let newest = run(adwin.window(TrainingWindow::NewestBatch), cycles);
        assert!(
            newest.summaries()[2].deployed(),
            "{:?}",
            newest.summaries()[2]
        );
    }

    #[test]
    fn a_stalled_detector_recovers_with_a_floor_in_the_run_or_in_a_run_restarted_on_the_newest_batch(
    ) {
        let q = question_by_id("detector-stall").unwrap();
        let said = q.solution.join(" ");
        for claim in [
            "'Add a performance floor' (the checkbox under the trigger) lets the live model recover in this run",
            "'Restart, training on new data only' starts the run again at v1 with the window 'Newest batch only': in the restarted run the retrain at the drift passes",
            "Choosing that window in the settings mid-run does not restart the run or wake ADWIN, so on its own it fixes nothing",
        ] {
            assert!(said.contains(claim), "{claim}");
        }
        let base = scenario("drift-triggered").unwrap().params;
        let (stuck_at, more) = (7, 6);
        for seed in (0..20).chain([base.seed]) {
            let p = base.clone().seed(seed);
            let stalled = || {
                let sim = run(p.clone(), stuck_at);
                assert!(
                    stall(sim.summaries(), sim.params()).is_some(),
                    "seed {seed}"
                );
                sim
            };
            // The floor, switched on mid-run: the same run recovers.
            let mut floor = stalled();
            floor.reconfigure(p.clone().performance_floor(true).check().unwrap());
            floor.finish_cycles(more);
            assert_eq!(floor.cycle(), stuck_at + more, "the run went on");
            let after = &floor.summaries()[stuck_at as usize..];
            assert!(after.iter().any(|s| s.deployed()), "seed {seed}");
            let last = after.last().unwrap();
            assert!(
                last.live_score > last.threshold,
                "seed {seed}: floor {last:?}"
            );
            assert!(stall(floor.summaries(), floor.params()).is_none());
            // The window alone, mid-run: ADWIN stays quiet, nothing retrains.
            let mut window = stalled();
            window.reconfigure(
                p.clone()
                    .window(TrainingWindow::NewestBatch)
                    .check()
                    .unwrap(),
            );
            window.finish_cycles(more);
            let after = &window.summaries()[stuck_at as usize..];
            assert!(after.iter().all(|s| !s.retrained()), "seed {seed}");
            assert!(
                after.iter().all(|s| s.live_score < s.threshold),
                "seed {seed}"
            );
            assert!(stall(window.summaries(), window.params()).is_some());
            // A run restarted on the newest batch: the retrain at the drift deploys.
            let restarted = run(p.clone().window(TrainingWindow::NewestBatch), stuck_at);
            let at_drift = &restarted.summaries()[p.drift_onset as usize - 1];
            assert!(at_drift.deployed(), "seed {seed}: {at_drift:?}");
            let last = restarted.summaries().last().unwrap();
            assert!(
                last.live_score > last.threshold,
                "seed {seed}: restart {last:?}"
            );
            assert!(stall(restarted.summaries(), restarted.params()).is_none());
        }
    }

    #[test]
    fn under_covariate_drift_a_logistic_v1_stays_close_and_a_tree_v1_loses_more() {
        let q = question_by_id("concept-vs-covariate-drift").unwrap();
        let said = q.solution.join(" ");
        assert!(said.contains("a logistic-regression v1 stays close to where it started"));
        assert!(said.contains(
            "a decision-tree v1 loses about 0.13 on average over seeds, up to about 0.4 on some"
        ));
        let seeds = 20;
        // v1's mean score before the onset (cycles 1-2) and after it (cycles 3-8).
        let v1_before_after = |p: SimParams| {
            let sim = run(p, 8);
            let s = sim.summaries();
            let mean = |part: &[CycleSummary]| {
                part.iter().map(|c| c.v1_score).sum::<f64>() / part.len() as f64
            };
            (mean(&s[..2]), mean(&s[2..]))
        };
        let mut drops = Vec::new();
        for model in [ModelKind::LogisticRegression, ModelKind::DecisionTree] {
            let mut drop = Vec::new();
            for seed in 0..seeds {
                let p = SimParams::default()
                    .seed(seed)
                    .model(model)
                    .drift_pattern(DriftPattern::Sudden)
                    .drift_strength(0.7);
                let (before, covariate) =
                    v1_before_after(p.clone().drift_kind(DriftKind::Covariate));
                let (_, concept) = v1_before_after(p.drift_kind(DriftKind::Concept));
                assert!(concept < 0.4, "{model:?} seed {seed}: concept {concept}");
                assert!(
                    concept + 0.1 < covariate,
                    "{model:?} seed {seed}: concept hurts more"
                );
                drop.push(before - covariate);
            }
            drops.push(drop);
        }
        let mean = |d: &[f64]| d.iter().sum::<f64>() / d.len() as f64;
        let max = |d: &[f64]| d.iter().copied().fold(f64::MIN, f64::max);
        let (logistic, tree) = (&drops[0], &drops[1]);
        assert!(mean(logistic).abs() < 0.03, "logistic {logistic:?}");
        assert!(max(logistic) < 0.08, "logistic {logistic:?}");
        assert!((0.07..0.2).contains(&mean(tree)), "tree {tree:?}");
        assert!((0.25..0.5).contains(&max(tree)), "tree {tree:?}");
    }

    #[test]
    fn heavy_label_noise_keeps_candidates_below_the_threshold() {
        let p = SimParams::default().drift_strength(0.0).label_noise(0.25);
        let sim = run(p, 12);
        let deployed = sim.summaries().iter().filter(|s| s.deployed()).count();
        assert!(deployed <= 1, "{deployed} of 12 deployed");
        for s in sim.summaries() {
            let score = s.candidate_score.expect("trains fine");
            assert!(score < 0.82, "cycle {} scored {score}", s.cycle);
        }
    }

    #[test]
    fn rejected_candidates_keep_their_number() {
        let sim = run(SimParams::default().threshold(0.99), 2);
        assert_eq!(sim.summaries()[0].candidate, Some(2));
        assert_eq!(sim.summaries()[1].candidate, Some(3));
        assert_eq!(sim.live_version(), 1);
    }

    #[test]
    fn step_two_reports_the_live_models_score_as_quoted() {
        let mut sim = Simulation::from_params(SimParams::default()).unwrap();
        sim.finish_cycle();
        let rows: Vec<StepRecord> = (0..2)
            .map(|_| sim.step().expect("the synthetic stream never ends"))
            .collect();
        let output = step_cells(&rows[1].fact).output;
        assert!(output.contains("; v2 scores 0."), "{output}");
    }

    // Claims of the questions about the MLOps tools, checked on the simulation.

    fn drift_detected(kind: DetectorKind) -> RetrainTrigger {
        RetrainTrigger::DriftDetected(kind)
    }

    /// The first cycle from the drift onset on that deployed a candidate.
    fn first_deploy_after_onset(params: SimParams, cycles: u32) -> Option<u32> {
        let onset = params.drift_onset;
        run(params, cycles)
            .summaries()
            .iter()
            .find(|s| s.cycle >= onset && s.deployed())
            .map(|s| s.cycle)
    }

    #[test]
    fn page_hinkley_fires_on_the_jump_then_not_on_the_steady_level() {
        let q = question_by_id("page-hinkley-fires-on-a-change").unwrap();
        assert!(q
            .correct_option()
            .contains("jumps from about 13 % to about 70 %"));
        // The steady level is wrong only after a detection: watched from
        // before the drop, Page-Hinkley fires at the drop itself (cycle 3).
        assert!(q.options[0].starts_with("Since Page-Hinkley's last detection"));
        let sim = run(
            SimParams::default().trigger(drift_detected(DetectorKind::PageHinkley)),
            12,
        );
        let s = sim.summaries();
        let error = |i: usize| 1.0 - s[i].live_score;
        assert!((error(1) - 0.13).abs() < 0.03, "cycle 2: {}", error(1));
        assert!((error(2) - 0.70).abs() < 0.03, "cycle 3: {}", error(2));
        assert_eq!(fired_cycles(&sim), [3]);
        assert_eq!(retrained_cycles(&sim), [3]);
        assert!(!s[2].deployed(), "cycle 3's candidate is rejected");
        for later in &s[3..] {
            assert!(
                (0.2..0.36).contains(&later.live_score),
                "cycle {}: steady near 0.3, {}",
                later.cycle,
                later.live_score
            );
        }
    }

    #[test]
    fn ks_test_misses_a_reversed_rule_that_the_error_detectors_catch() {
        let reversed = SimParams::default()
            .drift_strength(1.0)
            .validate_data(false);
        let ks = run(
            reversed
                .clone()
                .trigger(drift_detected(DetectorKind::KsTest)),
            10,
        );
        assert!(fired_cycles(&ks).is_empty(), "{:?}", fired_cycles(&ks));
        assert!(retrained_cycles(&ks).is_empty());
        assert!(ks.alerts().is_empty());
        assert!(ks.summaries()[1].live_score > 0.85);
        for s in &ks.summaries()[2..] {
            assert!(s.live_score < 0.2, "cycle {}: {}", s.cycle, s.live_score);
        }
        let stalled = stall(ks.summaries(), ks.params()).expect("the page explains the stall");
        assert_eq!(stalled.detector, DetectorKind::KsTest);
        assert!(stall_message(&stalled).contains("compares only the inputs"));
        // The errors do change: both error detectors fire at the reversal.
        for kind in [DetectorKind::Adwin, DetectorKind::PageHinkley] {
            let sim = run(reversed.clone().trigger(drift_detected(kind)), 3);
            assert_eq!(fired_cycles(&sim), [3], "{kind:?}");
        }
        // Not a lucky seed: a reversal fires the KS test about as rarely as no
        // drift does, a 90° turn (the clouds swing to the other diagonal) nearly always.
        let fires_at_onset = |strength: f64| {
            (0..20)
                .filter(|&seed| {
                    let p = reversed
                        .clone()
                        .seed(seed)
                        .drift_strength(strength)
                        .trigger(drift_detected(DetectorKind::KsTest));
                    run(p, 3).summaries()[2]
                        .trigger
                        .as_ref()
                        .is_some_and(|t| t.fired)
                })
                .count()
        };
        assert!(fires_at_onset(1.0) <= 3, "{}", fires_at_onset(1.0));
        assert!(fires_at_onset(0.5) >= 15, "{}", fires_at_onset(0.5));
        // With validation on, the 'labels valid' check flags cycle 3's batch once.
        let checked = run(
            reversed
                .validate_data(true)
                .trigger(drift_detected(DetectorKind::KsTest)),
            6,
        );
        let alerts = checked.alerts();
        assert_eq!(alerts.len(), 1, "{alerts:?}");
        assert_eq!(alerts[0].cycle, 3);
        assert!(matches!(
            &alerts[0].reason,
            AlertReason::ValidationFailed { failures }
                if matches!(failures[..], [ValidationFailure::LabelsLookFlipped { .. }])
        ));
    }

    #[test]
    fn a_reversed_rule_fires_the_ks_test_no_more_often_than_no_drift() {
        let q = question_by_id("ks-blind-to-a-reversed-rule").unwrap();
        assert!(q
            .correct_option()
            .starts_with("The KS test fires no more often than with no drift"));
        // Every check from the reversal on (cycles 3-10), over many seeds, with
        // and without the reversal: same inputs, so the same chance firings.
        let seeds = 60;
        let checks = seeds * 8;
        let firings = |strength: f64| {
            (0..seeds)
                .map(|seed| {
                    let p = SimParams::default()
                        .seed(seed)
                        .drift_strength(strength)
                        .validate_data(false)
                        .trigger(drift_detected(DetectorKind::KsTest));
                    let sim = run(p, 10);
                    fired_cycles(&sim).iter().filter(|&&c| c >= 3).count()
                })
                .sum::<usize>()
        };
        let (reversed, none) = (firings(1.0), firings(0.0));
        let rate = |n: usize| n as f64 / checks as f64;
        // Two proportions from the same distribution differ by less than
        // three standard errors of their difference (nearly always).
        let pooled = rate(reversed + none) / 2.0;
        let bound = 3.0 * (2.0 * pooled * (1.0 - pooled) / checks as f64).sqrt();
        assert!(
            (rate(reversed) - rate(none)).abs() < bound,
            "reversed {reversed}, no drift {none} of {checks} checks (bound {bound:.3})"
        );
        // Chance firings, not none: a per-feature test at 0.05 fires now and then.
        assert!(none > 0 && rate(none) < 0.15, "{none} of {checks}");
    }

    #[test]
    fn ks_test_retrains_on_harmless_covariate_drift_that_error_detectors_ignore() {
        let harmless = scenario("harmless-covariate").unwrap().params;
        let ks = run(
            harmless
                .clone()
                .trigger(drift_detected(DetectorKind::KsTest)),
            10,
        );
        let fired = fired_cycles(&ks);
        assert!(fired.len() >= 4, "{fired:?}");
        assert_eq!(fired[0], harmless.drift_onset, "fires once the inputs move");
        assert!(
            fired.windows(2).all(|w| w[1] == w[0] + 1),
            "cycle after cycle: {fired:?}"
        );
        assert_eq!(retrained_cycles(&ks), fired);
        assert!(ks.alerts().is_empty(), "the candidates pass too");
        for s in ks.summaries() {
            assert!(
                s.v1_score > s.threshold,
                "cycle {}: v1 {}",
                s.cycle,
                s.v1_score
            );
        }
        for kind in [DetectorKind::Adwin, DetectorKind::PageHinkley] {
            let sim = run(harmless.clone().trigger(drift_detected(kind)), 10);
            assert!(fired_cycles(&sim).is_empty(), "{kind:?}");
        }
    }

    #[test]
    fn two_ks_tests_per_check_raise_more_false_alarms_than_one() {
        let q = question_by_id("ks-one-test-per-feature").unwrap();
        assert!(q.correct_option().starts_with("Close to 10 %"));
        // One check per seed: a fresh reference and a fresh batch, no drift.
        let seeds = 300;
        let (mut first_feature, mut either) = (0, 0);
        for seed in 0..seeds {
            let p = SimParams::default()
                .seed(seed)
                .drift_strength(0.0)
                .trigger(drift_detected(DetectorKind::KsTest));
            let eval = run(p, 1).summaries()[0].trigger.clone().unwrap();
            let TriggerCause::KsTest { p_value, .. } = eval.cause else {
                panic!("a KS cause: {eval:?}")
            };
            assert_eq!(eval.fired, p_value[0].min(p_value[1]) < KS_ALPHA);
            first_feature += usize::from(p_value[0] < KS_ALPHA);
            either += usize::from(eval.fired);
        }
        let rate = |n: usize| n as f64 / seeds as f64;
        assert!(
            (0.025..0.08).contains(&rate(first_feature)),
            "one test: {}",
            rate(first_feature)
        );
        assert!(
            (0.07..0.13).contains(&rate(either)),
            "either of two: {}",
            rate(either)
        );
    }

    #[test]
    fn champion_margin_alerts_a_candidate_that_only_passes_the_threshold() {
        let margin = 0.02;
        let sim = run(
            SimParams::default()
                .drift_strength(0.0)
                .min_improvement(Some(margin)),
            8,
        );
        let mut gated = 0;
        for s in sim.summaries() {
            let score = s.candidate_score.expect("every cycle retrains");
            if score > s.threshold && score < s.live_score + margin - 1e-9 {
                gated += 1;
                assert!(
                    matches!(
                        &s.outcome,
                        Outcome::Alerted {
                            reason: AlertReason::ChampionGate { live_score, margin: m, .. },
                            ..
                        } if *live_score == s.live_score && *m == margin
                    ),
                    "cycle {}: {:?}",
                    s.cycle,
                    s.outcome
                );
                assert_eq!(s.live_after, s.live_before);
                let check = &sim.record_of(s.cycle).unwrap().rows[5];
                assert_eq!(check.kind, StepKind::CheckPerformance);
                assert_eq!(
                    step_cells(&check.fact).output,
                    "False (champion/challenger gate)"
                );
            }
        }
        assert!(gated >= 3, "{gated} candidates held back by the gate");
        // The question's numbers, as Step 6's Input column shows them.
        let cells = step_cells(&StepFact::Check(CheckStep::Judged {
            version: 3,
            score: 0.85,
            threshold: 0.8,
            above: true,
            gate: Some(GateCheck {
                live_score: 0.84,
                margin,
                passed: false,
            }),
        }));
        assert_eq!(
            cells.input,
            "0.85 > 0.80 and 0.85 ≥ live 0.84 + 0.02 (= 0.86)"
        );
    }

    #[test]
    fn rollback_makes_a_retired_version_live_and_keeps_every_version() {
        let mut sim = run(SimParams::default(), 4);
        let statuses: Vec<VersionStatus> =
            sim.registry().versions().iter().map(|v| v.status).collect();
        use VersionStatus::{Live, Rejected, Retired};
        assert_eq!(statuses, [Retired, Retired, Retired, Rejected, Live]);
        assert_eq!(sim.rollback(4), Err(RollbackError::NeverPassed(4)));
        assert_eq!(sim.rollback(5), Err(RollbackError::AlreadyLive(5)));
        sim.rollback(3).expect("v3 once passed its check");
        assert_eq!(sim.live_version(), 3);
        let registry = sim.registry();
        assert_eq!(registry.versions().len(), 5, "nothing deleted");
        assert_eq!(registry.next_version(), 6, "nothing retrained");
        let v5 = registry.get(5).unwrap();
        assert_eq!((v5.status, v5.replaced_by), (Retired, Some(3)));
        assert_eq!(registry.get(3).unwrap().replaced, Some(5));
        assert_eq!(
            crate::sim::wording::registry_event_text(registry.events().last().unwrap()),
            "cycle 4: rolled back to v3, replacing v5"
        );
        sim.finish_cycle();
        assert_eq!(sim.summaries().last().unwrap().live_before, 3);
        // Refused while a candidate is being judged.
        for _ in 0..4 {
            sim.step();
        }
        assert_eq!(sim.next_step(), StepKind::Evaluate);
        assert_eq!(sim.rollback(5), Err(RollbackError::MidCycle));
    }

    #[test]
    fn daily_schedule_retrains_at_each_midnight_whatever_the_data() {
        let daily = SimParams::default().trigger(RetrainTrigger::Schedule("0 0 * * *".into()));
        assert_eq!(daily.minutes_per_cycle, 6 * 60);
        let drifting = run(daily.clone(), 12);
        assert_eq!(retrained_cycles(&drifting), [4, 8, 12]);
        let third = &drifting.summaries()[2];
        assert_eq!(
            third.outcome.kind(),
            OutcomeKind::Kept,
            "no retrain at the drift"
        );
        assert!(
            (0.25..0.37).contains(&third.live_score),
            "stale v1: {}",
            third.live_score
        );
        let detail = trigger_detail(third.trigger.as_ref().unwrap());
        assert!(
            detail.contains("next run 2026-01-02 00:00 (Fri)"),
            "{detail}"
        );
        let calm = run(daily.drift_strength(0.0), 12);
        assert_eq!(retrained_cycles(&calm), [4, 8, 12]);
    }

    #[test]
    fn a_long_window_recovers_later_and_the_newest_batch_is_noisier() {
        let with = |w: TrainingWindow| SimParams::default().window(w);
        assert_eq!(
            first_deploy_after_onset(with(TrainingWindow::NewestBatch), 14),
            Some(3)
        );
        assert_eq!(
            first_deploy_after_onset(with(TrainingWindow::Sliding(3)), 14),
            Some(4)
        );
        assert_eq!(
            first_deploy_after_onset(with(TrainingWindow::Sliding(10)), 14),
            Some(6)
        );
        // What the registry's 'Trained on' column shows at cycle 4.
        let window_at_4 =
            |w| crate::sim::wording::window_text(&run(with(w), 4).summaries()[3].window);
        assert!(window_at_4(TrainingWindow::Sliding(3)).starts_with("cycles 2–4"));
        assert!(window_at_4(TrainingWindow::Sliding(10)).starts_with("cycles 0–4"));
        // Not a lucky seed: the long window is never earlier, and mostly later.
        let mut later = 0;
        for seed in 0..8 {
            let at = |w| first_deploy_after_onset(with(w).seed(seed), 14).expect("recovers");
            let (short, long) = (
                at(TrainingWindow::Sliding(3)),
                at(TrainingWindow::Sliding(10)),
            );
            assert!(long >= short, "seed {seed}: {long} < {short}");
            later += usize::from(long > short);
        }
        assert!(later >= 5, "later in {later} of 8 seeds");
        // The price of the newest batch alone: small batches, worse candidates.
        let small_batches = |w: TrainingWindow| {
            let (mut failed, mut total, mut cycles) = (0, 0.0, 0.0);
            for seed in 0..5 {
                let p = with(w).seed(seed).drift_strength(0.0).batch_size(60);
                for s in run(p, 40).summaries() {
                    failed += usize::from(!s.deployed());
                    total += s.candidate_score.unwrap_or(0.0);
                    cycles += 1.0;
                }
            }
            (failed, total / cycles)
        };
        let (newest_failed, newest_mean) = small_batches(TrainingWindow::NewestBatch);
        let (long_failed, long_mean) = small_batches(TrainingWindow::Sliding(10));
        assert!(
            newest_failed > long_failed,
            "{newest_failed} vs {long_failed}"
        );
        assert!(newest_mean < long_mean, "{newest_mean} vs {long_mean}");
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

    #[test]
    fn the_weather_gap_opens_at_the_shift_and_closes_with_the_columns_put_back() {
        use crate::sim::stream::weather::{parse_weather, FeaturePair};
        use crate::sim::testing::{before_and_after, columns_put_back, run_to_end};
        let q = question_by_id("weather-gap-is-a-pipeline-shift").unwrap();
        assert!(q
            .correct_option()
            .starts_with("Mostly a broken data pipeline"));
        let table = parse_weather(&crate::sim::testing::weather_file()).unwrap();
        let every = RetrainTrigger::EveryCycle;
        let sim = run_to_end(&table, FeaturePair::default(), every.clone());
        let (before, after, all) = before_and_after(&sim);
        // The prompt: about 0.71 and 0.74 over 48 years; alike until year 32.
        assert_eq!(all.cycles, 48);
        assert_eq!(
            ((all.v1 * 100.0).round(), (all.live * 100.0).round()),
            (71.0, 74.0)
        );
        assert!((before.live - before.v1).abs() < 0.01, "{before:?}");
        // Step 1: apart from year 34 on.
        assert!(
            after.v1 < 0.65 && after.live >= after.v1 + 0.05,
            "{after:?}"
        );
        // Step 2 (against option C): v1 learned from half the rows of the retrained models.
        let v1_rows = sim.registry().get(1).unwrap().window.rows;
        let later = sim.registry().get(sim.live_version()).unwrap().window.rows;
        assert_eq!(2 * v1_rows, later);
        // Step 3 (against option D): v1 is never judged again; it stays in the registry unchanged.
        assert!(sim.summaries().iter().all(|c| c.candidate != Some(1)));
        // Step 4 (against option A): with the columns put back, the gap closes.
        let fixed = run_to_end(&columns_put_back(&table), FeaturePair::default(), every);
        let (_, _, all_fixed) = before_and_after(&fixed);
        assert!(
            (all_fixed.live - all_fixed.v1).abs() < 0.01,
            "{all_fixed:?}"
        );
    }

    #[test]
    fn a_tail_hold_out_is_one_drier_season_and_flatters_never_retraining() {
        use crate::sim::retraining::weather_run::mean_scores;
        use crate::sim::stream::weather::{parse_weather, FeaturePair};
        use crate::sim::testing::{run_to_end, tail_and_rest_rain, tail_held_means};
        let q = question_by_id("weather-hold-out-spread-over-the-year").unwrap();
        assert!(q
            .correct_option()
            .starts_with("Each year's last 110 days are one season"));
        let table = parse_weather(&crate::sim::testing::weather_file()).unwrap();
        // The split holds out 110 of a year's 365 days (30%).
        assert_eq!(crate::sim::stream::holdout_rows(365, 0.3), 110);
        let (tail, rest) = tail_and_rest_rain(&table);
        assert!(tail < 0.25 && rest > 0.34, "{tail} {rest}");
        let tail_held = tail_held_means(&table);
        assert!(tail_held.v1 > tail_held.live, "{tail_held:?}");
        let sim = run_to_end(&table, FeaturePair::default(), RetrainTrigger::EveryCycle);
        let spread = mean_scores(sim.summaries()).unwrap();
        assert!(spread.v1 < spread.live, "{spread:?}");
    }
}
