//! The bank's fifteen questions about what this playground shows: the process
//! table's steps, the strict threshold, the hold-out, a stale v1, the kinds of
//! drift, training windows, label noise, single-class batches, a stalled drift
//! detector and version numbers. Its tests check each claim on the simulation.

use super::spec::Spec;
use crate::sim::retraining::step_kind::StepKind;
use crate::sim::teach::quiz::Difficulty;

/// About what this playground shows.
pub(super) const QUESTIONS: [Spec; 15] = [
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
];

// Native only: the core is tested natively (proptest and approx are native dev-dependencies).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::params::{
        DetectorKind, DriftKind, DriftPattern, ModelKind, RetrainTrigger, SimParams, TrainingWindow,
    };
    use crate::sim::retraining::cycle::Simulation;
    use crate::sim::retraining::history::{stall, CycleSummary};
    use crate::sim::retraining::scenarios::scenario;
    use crate::sim::retraining::steps::StepRecord;
    use crate::sim::stream::drift::{DriftState, MAX_PRIOR};
    use crate::sim::stream::{generate_batch, rng_from_seed, Batch};
    use crate::sim::teach::quiz::QuizQuestion;
    use crate::sim::testing::run;
    use crate::sim::wording::step_cells;

    /// This topic's question with `id` (looked up here, not through the
    /// bank's `mod.rs`, which imports this file).
    fn question_by_id(id: &str) -> Option<QuizQuestion> {
        QUESTIONS.iter().find(|s| s.id == id).map(Spec::to_question)
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
}
