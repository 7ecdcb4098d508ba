//! The bank's ten questions about the MLOps tools around the loop: the drift
//! detectors (ADWIN, Page-Hinkley, the KS test), the champion/challenger gate,
//! rollback in the registry, cron schedules and training windows. Its tests
//! check each claim on the simulation.

use super::spec::Spec;
use crate::sim::retraining::step_kind::StepKind;
use crate::sim::teach::quiz::Difficulty;

/// The MLOps tools around the loop: detectors, gate, registry, schedules, windows.
pub(super) const QUESTIONS: [Spec; 10] = [
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
];

// Native only: the core is tested natively (proptest and approx are native dev-dependencies).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::params::{DetectorKind, RetrainTrigger, SimParams, TrainingWindow};
    use crate::sim::retraining::cycle::RollbackError;
    use crate::sim::retraining::history::stall;
    use crate::sim::retraining::outcome::GateCheck;
    use crate::sim::retraining::outcome::{AlertReason, Outcome, OutcomeKind};
    use crate::sim::retraining::registry::VersionStatus;
    use crate::sim::retraining::scenarios::scenario;
    use crate::sim::retraining::steps::{CheckStep, StepFact};
    use crate::sim::retraining::triggers::{TriggerCause, KS_ALPHA};
    use crate::sim::retraining::validate::ValidationFailure;
    use crate::sim::teach::quiz::QuizQuestion;
    use crate::sim::testing::{fired_cycles, retrained_cycles, run};
    use crate::sim::wording::{stall_message, step_cells, trigger_detail};

    /// This topic's question with `id` (looked up here, not through the
    /// bank's `mod.rs`, which imports this file).
    fn question_by_id(id: &str) -> Option<QuizQuestion> {
        QUESTIONS.iter().find(|s| s.id == id).map(Spec::to_question)
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
}
