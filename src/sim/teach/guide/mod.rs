//! The guided first visit: ten chapters, one idea each. A chapter names the
//! run it loads, the few controls it needs, the panels it shows, one
//! prediction the student commits to, and how that prediction is settled by
//! the run itself.
//!
//! The reveal is built from the run's own typed results ([`CycleSummary`],
//! [`PolicyRace`]): [`reveal`] finds which option came true and quotes the
//! numbers that show it. Grading reads what the simulator knows — each
//! model's expected accuracy on a batch ([`Expected`]) and the best possible
//! — never one noisy hold-out score against a hard cut, and a reveal says
//! when a difference is within the ±2 standard errors a hold-out scatters by.
//! The static sentences of every chapter are held to the runs by the claims
//! table in `tests/guide_claims.rs`.

use serde::{Deserialize, Serialize};

use crate::sim::params::{
    DetectorKind, DriftKind, DriftPattern, ModelKind, RetrainTrigger, SimParams, TrainingWindow,
};
use crate::sim::retraining::validate::Fault;
use crate::sim::wording::format_threshold;

mod reveal;
pub use reveal::{reveal, Reveal};

/// How many chapters the guide has.
pub const CHAPTERS: u8 = 10;

/// The seed every chapter's run starts from (a link's `seed=` replaces it).
pub const GUIDE_SEED: u64 = 2026;

/// A control a chapter shows (the rest of the settings stay in the playground).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum GuideControl {
    /// The drift strength slider.
    DriftStrength,
    /// The drift kind (concept, covariate, prior).
    DriftKind,
    /// The drift pattern (sudden, gradual, …).
    DriftPattern,
    /// The training window, among [`GUIDE_WINDOWS`].
    Window,
    /// The deploy threshold slider.
    Threshold,
    /// The label noise slider.
    LabelNoise,
    /// Which fault the first new batch carries.
    Fault,
    /// Data validation on or off.
    Validation,
    /// The performance floor beside the trigger, on or off.
    Floor,
    /// How many cycles late the labels arrive.
    LabelDelay,
    /// The learner (logistic regression or decision tree).
    Model,
}

/// The training windows the guide offers: each leads to its own recovery
/// time in chapter 2 (the claims table checks it), where "Last 10 batches"
/// would be the same window as "All data so far" within the run.
pub const GUIDE_WINDOWS: [TrainingWindow; 3] = [
    TrainingWindow::NewestBatch,
    TrainingWindow::Sliding(3),
    TrainingWindow::AllData,
];

/// A panel a chapter shows beside its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum GuidePanel {
    /// The run summary cards (live accuracy, v1, deploys/alerts).
    Stats,
    /// The accuracy-per-cycle chart (live, v1, candidates, threshold).
    Accuracy,
    /// The newest batch with the boundaries.
    Scatter,
    /// The decision of the last cycle.
    Decision,
    /// The validation gate and its checks.
    Gates,
    /// The policy race's chart and table.
    Race,
    /// How much drift has been applied so far.
    Drift,
}

/// What "Run" does in a chapter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum GuideRun {
    /// Start the chapter's run afresh and finish this many cycles.
    Cycles(u32),
    /// Race the retraining policies over this many cycles of the chapter's stream.
    Race(u32),
}

/// The question a chapter asks before its run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Prediction {
    /// Where v1 (never retrained) ends up: about where it began, lower but
    /// above 0.5, or below 0.5 (graded on its expected accuracy).
    StaleLevel,
    /// How soon after the drift the live model can expect to score above the
    /// threshold again.
    Recovery,
    /// How many candidates pass the threshold: all, some, none.
    Passes,
    /// Which policy comes close to retraining every cycle for the least cost.
    CheapestNearPolicy,
    /// What happens after a drift detector's retrain is rejected.
    AfterRejection,
    /// What happens in the cycle whose batch carries the fault.
    FaultyBatch,
    /// When the team first measures the drop, with labels that arrive late.
    BlindSpot,
    /// What the estimated accuracy does beside the true accuracy after a
    /// drift, while labels are late (graded on the expected accuracy).
    EstimateFollows,
}

/// One chapter of the guide.
#[derive(Clone, Debug, PartialEq)]
pub struct Chapter {
    /// 1-based.
    pub number: u8,
    /// The chapter's idea, as a title.
    pub title: &'static str,
    /// Two to four sentences tied to what is on screen.
    pub text: &'static [&'static str],
    /// The run it loads.
    pub params: SimParams,
    /// A fault the first new batch carries, if any.
    pub fault: Option<Fault>,
    /// The controls it shows.
    pub controls: &'static [GuideControl],
    /// The panels it shows.
    pub panels: &'static [GuidePanel],
    /// What Run does.
    pub run: GuideRun,
    /// The prediction asked before the run.
    pub prediction: Prediction,
    /// What to try after the reveal, with the chapter's controls.
    pub try_next: &'static str,
}

/// The onset of every drifting chapter's drift.
const ONSET: u32 = 3;

/// Every chapter, in order.
pub fn chapters() -> Vec<Chapter> {
    let base = SimParams::default().seed(GUIDE_SEED);
    // Most chapters watch the same stream: at cycle 3 the rule turns 108°.
    let turning = base
        .clone()
        .drift_kind(DriftKind::Concept)
        .drift_pattern(DriftPattern::Sudden)
        .drift_onset(ONSET)
        .drift_strength(0.6);
    vec![
        Chapter {
            number: 1,
            title: "A model goes stale",
            text: &[
                "Model v1, a logistic regression (one straight boundary between the classes), was trained once, on the data of cycle 0, and is never retrained here.",
                "From cycle 3 the rule that labels the data turns 108° (concept drift). Each class is a cloud of points around its own centre, and the centres turn with the rule: in the scatter of the newest batch the two clouds swing round to the other diagonal, while v1's boundary stays where it was.",
                "The accuracy chart plots v1's score on each new batch: once the rule has turned past 90°, most points on v1's class-1 side belong to class 0, so v1 is wrong more often than right.",
            ],
            // Nothing retrains, so nothing is validated: a check on the
            // turned labels would alert in a chapter about a model left alone.
            params: turning.clone().trigger(RetrainTrigger::Never).validate_data(false),
            fault: None,
            controls: &[],
            panels: &[GuidePanel::Stats, GuidePanel::Accuracy, GuidePanel::Scatter],
            run: GuideRun::Cycles(8),
            prediction: Prediction::StaleLevel,
            try_next: "Open the Playground later and drag Drift strength: at 0.3 the rule turns only 54°, and v1, though worse, stays better than a coin flip.",
        },
        Chapter {
            number: 2,
            title: "Retrain on new data",
            text: &[
                "The same drifting stream, but now a new model, the candidate, is trained every cycle and goes live (it is deployed) if it scores above the threshold (0.80) on the hold-out: rows of the new batch kept out of its training.",
                "The training window says which batches the candidate learns from: right after the drift, a window of several batches still holds data labelled by the old rule.",
                "Pick a window, then predict how quickly the live model recovers.",
            ],
            params: turning
                .clone()
                .trigger(RetrainTrigger::EveryCycle)
                .window(TrainingWindow::Sliding(3)),
            fault: None,
            controls: &[GuideControl::Window],
            panels: &[GuidePanel::Stats, GuidePanel::Accuracy, GuidePanel::Scatter],
            run: GuideRun::Cycles(10),
            prediction: Prediction::Recovery,
            try_next: "Choose another training window and run again: compare how many cycles the recovery takes.",
        },
        Chapter {
            number: 3,
            title: "Deploy or alert",
            text: &[
                "A candidate goes live only if it scores above the deploy threshold on the hold-out; otherwise the team is alerted and the live model stays as it was.",
                "Here the rule turns at cycle 3 and every cycle trains a candidate on the last 3 batches, so the first candidate after the drift learns mostly from batches of the old rule.",
                "Set the threshold, predict, and watch the decision of each cycle.",
            ],
            params: turning
                .clone()
                .trigger(RetrainTrigger::EveryCycle)
                .window(TrainingWindow::Sliding(3))
                .threshold(0.8),
            fault: None,
            controls: &[GuideControl::Threshold],
            panels: &[GuidePanel::Stats, GuidePanel::Accuracy, GuidePanel::Decision],
            run: GuideRun::Cycles(6),
            prediction: Prediction::Passes,
            try_next: "Raise the threshold to 0.90, then lower it to 0.60, and run again: the same candidates, other decisions.",
        },
        Chapter {
            number: 4,
            title: "The best any model can do",
            text: &[
                "Nothing drifts here, yet no model scores 1.0. The two classes' clouds overlap: even with every label right, the true rule itself can expect only about 0.93.",
                "Label noise flips labels at random (10% here). No model can predict a flip, so each point of noise costs almost a point of accuracy. The dotted \u{201c}best possible\u{201d} line on the accuracy chart is the true rule's expected score.",
                "The deploy threshold is 0.95.",
            ],
            params: base
                .clone()
                .trigger(RetrainTrigger::EveryCycle)
                .drift_strength(0.0)
                .label_noise(0.1)
                .threshold(0.95),
            fault: None,
            controls: &[GuideControl::Threshold, GuideControl::LabelNoise],
            panels: &[GuidePanel::Stats, GuidePanel::Accuracy, GuidePanel::Decision],
            run: GuideRun::Cycles(6),
            prediction: Prediction::Passes,
            try_next: "Set the label noise to 0% and run again: the dotted line rises only to about 0.93. Then lower the threshold below the dotted line.",
        },
        Chapter {
            number: 5,
            title: "When to retrain",
            text: &[
                "Retraining every cycle pays for a training run every time (5 units plus 1 per 1,000 training rows). Other policies wait for a reason: a schedule (cron, a timetable such as every day at midnight), a drift detector (ADWIN, which fires when the live model's error rate changes), or live accuracy dropping below the threshold.",
                "Here every policy but never retraining also has a performance floor: it retrains whenever live accuracy is below the threshold, so a policy that misses a drift still retrains.",
                "The race runs all five policies on the same stream with the same seed, and counts accuracy and cost.",
            ],
            params: turning
                .clone()
                .trigger(RetrainTrigger::EveryCycle)
                .performance_floor(true),
            fault: None,
            controls: &[GuideControl::DriftPattern],
            panels: &[GuidePanel::Race],
            run: GuideRun::Race(40),
            prediction: Prediction::CheapestNearPolicy,
            try_next: "Change the drift pattern (gradual, recurring) and race again: does waiting for a reason still pay?",
        },
        Chapter {
            number: 6,
            title: "When a drift detector stalls",
            text: &[
                "Here the only trigger is a drift detector, ADWIN: it watches the live model's error rate and fires when that rate changes, and the training window holds the last 3 batches.",
                "At cycle 3 the rule turns, the error rate jumps, ADWIN fires and the loop retrains. That candidate learns from two batches of the old rule and one of the new, and the threshold (0.80) rejects it.",
                "What happens next depends on whether anything else can trigger a retrain.",
            ],
            params: turning
                .clone()
                .trigger(RetrainTrigger::DriftDetected(DetectorKind::Adwin))
                .window(TrainingWindow::Sliding(3)),
            fault: None,
            controls: &[GuideControl::Floor],
            panels: &[GuidePanel::Stats, GuidePanel::Accuracy, GuidePanel::Decision],
            run: GuideRun::Cycles(12),
            prediction: Prediction::AfterRejection,
            try_next: "Tick (or untick) the performance floor and run again.",
        },
        Chapter {
            number: 7,
            title: "Bad data",
            text: &[
                "Real pipelines break: a sensor sends nothing (missing values), a labelling job inverts every label (flipped labels), a batch holds one class only, values leave their range.",
                "With validation on, the loop checks each new batch before training (missing values, both classes present, values in range, labels that agree with the live model) and sets a failing batch aside: nothing is trained on it.",
                "With validation off, it depends on the fault: missing values or a single class make training fail (an alert, no model). Flipped labels train a model of the inverted rule, and the deploy check passes it: it scores the candidate on the hold-out of the same flipped batch, where the inverted rule looks right.",
                "Each candidate here learns from the newest batch only. Choose the fault and whether validation runs.",
            ],
            params: base
                .clone()
                .trigger(RetrainTrigger::EveryCycle)
                .window(TrainingWindow::NewestBatch)
                .drift_strength(0.0)
                .validate_data(true),
            fault: Some(Fault::MissingValues),
            controls: &[GuideControl::Fault, GuideControl::Validation],
            panels: &[GuidePanel::Stats, GuidePanel::Decision, GuidePanel::Gates],
            run: GuideRun::Cycles(2),
            prediction: Prediction::FaultyBatch,
            try_next: "Untick data validation and pick flipped labels: what goes live, and how does it score on the next, clean batch?",
        },
        Chapter {
            number: 8,
            title: "Which drift hurts",
            text: &[
                "Drift is not one thing: covariate drift moves the inputs but keeps the rule; concept drift changes the rule; prior shift changes how common each class is.",
                "v1 is never retrained here, so its accuracy shows what each kind of drift does to a model that stays as it was: a logistic regression (one straight boundary) unless you pick a decision tree (boxes fitted to where its training points were). The dotted line is the best any model could expect on the drifted data.",
                "Pick a drift kind and a model, predict, run, then try the others.",
            ],
            params: base
                .clone()
                .trigger(RetrainTrigger::Never)
                .validate_data(false)
                .drift_kind(DriftKind::Covariate)
                .drift_pattern(DriftPattern::Incremental)
                .drift_strength(1.0),
            fault: None,
            controls: &[GuideControl::DriftKind, GuideControl::Model],
            panels: &[
                GuidePanel::Stats,
                GuidePanel::Accuracy,
                GuidePanel::Scatter,
                GuidePanel::Drift,
            ],
            run: GuideRun::Cycles(8),
            prediction: Prediction::StaleLevel,
            try_next: "Switch the drift kind or the model and run again: which kinds does each model survive, and what does the dotted line do?",
        },
        Chapter {
            number: 9,
            title: "Labels that arrive late",
            text: &[
                "The true label of a row often arrives long after its inputs (whether a loan is repaid is known months later). Until it does, the team cannot measure the live model on that batch.",
                "Here the rule turns at cycle 3, each candidate learns from the newest labelled batch, and the trigger retrains when the team's measured accuracy drops below the threshold (0.80).",
                "The accuracy chart draws what the team measured (solid) beside the true accuracy that only the simulator knows (faint). Set how late the labels arrive, then predict.",
            ],
            params: turning
                .clone()
                .trigger(RetrainTrigger::PerformanceDrop)
                .window(TrainingWindow::NewestBatch)
                .label_delay(3),
            fault: None,
            controls: &[GuideControl::LabelDelay],
            panels: &[GuidePanel::Stats, GuidePanel::Accuracy, GuidePanel::Decision],
            run: GuideRun::Cycles(10),
            prediction: Prediction::BlindSpot,
            try_next: "Set the label delay to 0, then to 8, and run again: how long is the team blind each time?",
        },
        Chapter {
            number: 10,
            title: "Can you see drift before the labels arrive?",
            text: &[
                "Labels arrive 3 cycles late here and v1, a logistic regression, is never retrained.",
                "While labels are out, the team can still estimate v1's accuracy from the inputs alone: the mean confidence of its predictions, calibrated on its hold-out when it was trained.",
                "The accuracy chart draws the estimate (dashed) beside what the team measured (solid) and the true accuracy that only the simulator knows (faint).",
                "At cycle 3 covariate drift slides the inputs 4 standard deviations along the rule; concept drift turns the rule 180°, and the two classes' clouds swap places, so the inputs look exactly as before. Pick the drift kind, then predict.",
            ],
            // Nothing retrains, so the estimate is always about v1 and the
            // drift is the only thing that moves it.
            params: base
                .clone()
                .trigger(RetrainTrigger::Never)
                .validate_data(false)
                .drift_kind(DriftKind::Covariate)
                .drift_pattern(DriftPattern::Sudden)
                .drift_onset(ONSET)
                .drift_strength(1.0)
                .label_delay(3),
            fault: None,
            controls: &[GuideControl::DriftKind],
            panels: &[GuidePanel::Stats, GuidePanel::Accuracy, GuidePanel::Scatter],
            run: GuideRun::Cycles(10),
            prediction: Prediction::EstimateFollows,
            try_next: "Switch the drift kind and run again: which drift does the estimate see, and which do only the labels show?",
        },
    ]
}

/// Chapter `n` (1-based), if there is one.
pub fn chapter(n: u8) -> Option<Chapter> {
    chapters().into_iter().find(|c| c.number == n)
}

/// The question, worded for the settings the student chose.
pub fn question(
    prediction: Prediction,
    params: &SimParams,
    cycles: u32,
    fault: Option<Fault>,
) -> String {
    match prediction {
        Prediction::StaleLevel => format!(
            "{} v1, {}, is never retrained. Over the next {cycles} cycles, where will the accuracy it can expect end up at its lowest?",
            match params.drift_kind {
                DriftKind::Concept => "The rule that labels the data turns.",
                DriftKind::Covariate => "The inputs slide a long way; the rule that labels them stays.",
                DriftKind::Prior => "One class becomes far more common than the other.",
            },
            model_name(params.model)
        ),
        Prediction::Recovery => format!(
            "With the window \u{201c}{}\u{201d}, how soon after the drift (cycle {}) will the live model be one that can expect to score above {} again?",
            params.window.label(),
            params.drift_onset,
            format_threshold(params.threshold)
        ),
        Prediction::Passes => format!(
            "With {:.0}% of labels wrong at random and a threshold of {}, how many of the {cycles} candidates will be deployed?",
            params.label_noise * 100.0,
            format_threshold(params.threshold)
        ),
        Prediction::CheapestNearPolicy => format!(
            "Over {cycles} cycles, which policy will come within 0.02 of retraining every cycle's mean accuracy for the least cost?"
        ),
        Prediction::AfterRejection => format!(
            "The performance floor is {}. After ADWIN's first retrain is rejected, what happens over the remaining cycles?",
            if params.performance_floor { "on" } else { "off" }
        ),
        Prediction::FaultyBatch => format!(
            "The first new batch arrives with {}, and data validation is {}. What happens in that cycle?",
            fault.map_or_else(|| "no fault".to_string(), |f| f.label().to_lowercase()),
            if params.validate_data { "on" } else { "off" }
        ),
        Prediction::BlindSpot => format!(
            "The rule turns at cycle {} and labels arrive {} cycle{} late. When will the team first measure the drop, within the {cycles} cycles?",
            params.drift_onset,
            params.label_delay,
            if params.label_delay == 1 { "" } else { "s" }
        ),
        Prediction::EstimateFollows => format!(
            "Labels arrive {} cycle{} late and {} from cycle {}. Over the {cycles} cycles, what will the estimated accuracy (dashed) do beside the true accuracy?",
            params.label_delay,
            if params.label_delay == 1 { "" } else { "s" },
            match params.drift_kind {
                DriftKind::Concept => "the rule turns while the inputs look as before",
                DriftKind::Covariate => "the inputs slide; the rule that labels them stays",
                DriftKind::Prior => "one class becomes far more common than the other",
            },
            params.drift_onset
        ),
    }
}

/// The options of a prediction, in the order shown.
pub fn options(prediction: Prediction) -> &'static [&'static str] {
    match prediction {
        Prediction::StaleLevel => &[
            "About where it started: any dip is within sampling noise",
            "Clearly lower, but still better than a coin flip (above 0.5)",
            "Below 0.5: worse than a coin flip",
        ],
        Prediction::Recovery => &[
            "At the next cycle: the first candidate after the drift passes",
            "Two or three cycles after the drift",
            "Four or more cycles after the drift, or not within this run",
        ],
        Prediction::Passes => &["All of them", "Some of them", "None of them"],
        Prediction::CheapestNearPolicy => &[
            "Retraining every cycle: nothing cheaper comes that close",
            "A policy that waits for a reason (schedule, detector or accuracy drop)",
            "Never retraining: it costs nothing and comes that close",
        ],
        Prediction::AfterRejection => &[
            "ADWIN fires again and a later retrain brings the live model back",
            "The performance floor keeps retraining until a candidate passes",
            "Nothing retrains again: the live model stays below the threshold",
        ],
        Prediction::FaultyBatch => &[
            "A model is trained on it and deployed",
            "Validation sets the batch aside: nothing is trained, the live model stays",
            "Training fails: no model can be made, and the team is alerted",
            "A model is trained on it but rejected by the threshold",
        ],
        Prediction::BlindSpot => &[
            "In the cycle the drift begins",
            "Later: only when the labels of the drifted batch come in",
            "Not within this run",
        ],
        Prediction::EstimateFollows => &[
            "It follows the true accuracy: the team sees what the drift does without labels",
            "It stays high while the true accuracy collapses: only labels show the drop",
            "It falls well below the true accuracy: a false alarm",
        ],
    }
}

/// "a logistic regression" or "a decision tree", for "v1, …".
fn model_name(kind: ModelKind) -> &'static str {
    match kind {
        ModelKind::LogisticRegression => "a logistic regression",
        ModelKind::DecisionTree => "a decision tree",
    }
}

/// The chapter's settings with the student's choices for its controls (and a
/// link's seed) applied; everything else stays as the chapter set it.
pub fn with_choices(chapter: &Chapter, chosen: &SimParams) -> SimParams {
    let mut p = chapter.params.clone();
    p.seed = chosen.seed;
    for control in chapter.controls {
        match control {
            GuideControl::DriftStrength => p.drift_strength = chosen.drift_strength,
            GuideControl::DriftKind => p.drift_kind = chosen.drift_kind,
            GuideControl::DriftPattern => p.drift_pattern = chosen.drift_pattern,
            GuideControl::Window => p.window = chosen.window,
            GuideControl::Threshold => p.threshold = chosen.threshold,
            GuideControl::LabelNoise => p.label_noise = chosen.label_noise,
            GuideControl::Validation => p.validate_data = chosen.validate_data,
            GuideControl::Floor => p.performance_floor = chosen.performance_floor,
            GuideControl::LabelDelay => p.label_delay = chosen.label_delay,
            GuideControl::Model => p.model = chosen.model,
            GuideControl::Fault => {}
        }
    }
    p
}

// Native only: the core is tested natively. The claims every chapter makes
// about its runs, over many seeds and every control value, are in
// tests/guide_claims.rs.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::retraining::cycle::Simulation;

    #[test]
    fn ten_chapters_with_two_to_four_sentences_and_valid_runs() {
        let all = chapters();
        assert_eq!(all.len(), usize::from(CHAPTERS));
        for (i, c) in all.iter().enumerate() {
            assert_eq!(usize::from(c.number), i + 1);
            assert!((2..=4).contains(&c.text.len()), "chapter {}", c.number);
            assert!(c.params.clone().check().is_ok(), "chapter {}", c.number);
            assert_eq!(chapter(c.number).as_ref(), Some(c));
            assert!((3..=4).contains(&options(c.prediction).len()));
        }
        assert!(chapter(0).is_none() && chapter(CHAPTERS + 1).is_none());
    }

    #[test]
    fn an_unfinished_run_has_no_reveal() {
        let c = chapter(1).unwrap();
        let mut sim = Simulation::from_params(c.params.clone()).unwrap();
        sim.finish_cycles(3);
        assert!(reveal(&c, &c.params, sim.summaries(), None).is_none());
        let race = chapter(5).unwrap();
        assert!(reveal(&race, &race.params, &[], None).is_none());
    }

    #[test]
    fn choices_touch_only_the_chapters_controls() {
        let c = chapter(2).unwrap();
        let chosen = SimParams::default()
            .seed(9)
            .threshold(0.5)
            .window(TrainingWindow::NewestBatch);
        let p = with_choices(&c, &chosen);
        assert_eq!(p.seed, 9);
        assert_eq!(p.window, TrainingWindow::NewestBatch);
        assert_eq!(
            p.threshold, c.params.threshold,
            "not a control of chapter 2"
        );
        let stall = chapter(6).unwrap();
        let p = with_choices(
            &stall,
            &SimParams::default().performance_floor(true).label_delay(4),
        );
        assert!(p.performance_floor);
        assert_eq!(p.label_delay, 0, "not a control of chapter 6");
        let late = chapter(9).unwrap();
        assert_eq!(
            with_choices(&late, &SimParams::default().label_delay(5)).label_delay,
            5
        );
    }
}
