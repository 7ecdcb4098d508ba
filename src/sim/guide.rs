//! The guided first visit: nine chapters, one idea each. A chapter names the
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

use super::history::{CycleSummary, Expected};
use super::outcome::{AlertReason, Outcome};
use super::params::{
    DetectorKind, DriftKind, DriftPattern, ModelKind, RetrainTrigger, SimParams, TrainingWindow,
};
use super::race::{CostVerdict, PolicyRace};
use super::triggers::TriggerCause;
use super::truth::with_noise;
use super::validate::Fault;
use super::wording::{format_score, format_threshold};

/// How many chapters the guide has.
pub const CHAPTERS: u8 = 9;

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
    }
}

/// What a chapter's run showed: which option came true, and the words that
/// quote the run's numbers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reveal {
    /// The option that came true (an index into [`options`]).
    pub answer: usize,
    /// Sentences quoting the run.
    pub text: Vec<String>,
}

fn two(x: f64) -> String {
    format!("{x:.2}")
}

fn plural(n: impl Into<u64>, word: &str) -> String {
    let n = n.into();
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// The reveal of a chapter's run, once it is complete: `summaries` are the
/// run's finished cycles (from its start), `race` the policy race if the
/// chapter ran one. `None` while the run has not finished its cycles.
pub fn reveal(
    chapter: &Chapter,
    params: &SimParams,
    summaries: &[CycleSummary],
    race: Option<&PolicyRace>,
) -> Option<Reveal> {
    match chapter.run {
        GuideRun::Cycles(n) => {
            let n = n as usize;
            if summaries.len() < n || n == 0 {
                return None;
            }
            let run = &summaries[..n];
            Some(match chapter.prediction {
                Prediction::StaleLevel => stale_level(params, run),
                Prediction::Recovery => recovery(params, run),
                Prediction::Passes => passes(params, run),
                Prediction::FaultyBatch => faulty_batch(params, run),
                Prediction::AfterRejection => after_rejection(params, run),
                Prediction::BlindSpot => blind_spot(params, run),
                Prediction::CheapestNearPolicy => return None,
            })
        }
        GuideRun::Race(n) => {
            let race = race.filter(|r| r.cycles == n)?;
            Some(cheapest_near_policy(params, race))
        }
    }
}

/// A cycle's expected accuracies, falling back to the measured scores where
/// the simulator does not know the truth (never in the guide's runs).
fn expected_of(s: &CycleSummary) -> Expected {
    s.expected.unwrap_or(Expected {
        live: s.live_score,
        v1: s.v1_score,
        candidate: s.candidate_score,
        holdout_rows: 0,
    })
}

/// "v1, a logistic regression" or "v1, a decision tree".
fn model_name(kind: ModelKind) -> &'static str {
    match kind {
        ModelKind::LogisticRegression => "a logistic regression",
        ModelKind::DecisionTree => "a decision tree",
    }
}

fn stale_level(params: &SimParams, run: &[CycleSummary]) -> Reveal {
    let first = &run[0];
    let last = &run[run.len() - 1];
    let ex = |s: &CycleSummary| expected_of(s).v1;
    let lowest = run
        .iter()
        .min_by(|a, b| ex(a).total_cmp(&ex(b)))
        .unwrap_or(first);
    let measured_low = run
        .iter()
        .min_by(|a, b| a.v1_score.total_cmp(&b.v1_score))
        .unwrap_or(first);
    let (start, low) = (ex(first), ex(lowest));
    let rows = expected_of(first).holdout_rows;
    let band = expected_of(first).band(start);
    // "Clearly lower" is a fall in what v1 can expect larger than the
    // sampling band one hold-out score scatters by.
    let answer = if low < 0.5 {
        2
    } else if start - low > band {
        1
    } else {
        0
    };
    let mut text = vec![format!(
        "v1 scored {} on cycle {}'s batch, {} at its lowest (cycle {}) and {} on cycle {}'s.",
        two(first.v1_score),
        first.cycle,
        two(measured_low.v1_score),
        measured_low.cycle,
        two(last.v1_score),
        last.cycle
    )];
    text.push(format!(
        "What v1 could expect on those batches, which only the simulator knows: {} at first and {} at its lowest (cycle {}). Each score is measured on {rows} hold-out rows, so it scatters around what the model can expect by about \u{b1}{} at {}{}: {}.",
        two(start),
        two(low),
        lowest.cycle,
        two(band),
        two(start),
        if (expected_of(lowest).band(low) - band).abs() >= 0.005 {
            format!(" and \u{b1}{} at {}", two(expected_of(lowest).band(low)), two(low))
        } else {
            String::new()
        },
        if answer == 0 {
            format!(
                "a fall of {} is within that, and the measured dips are sampling noise",
                two((start - low).max(0.0))
            )
        } else {
            format!("a fall of {} is more than sampling noise", two(start - low))
        }
    ));
    let who = format!("v1, {},", model_name(params.model));
    let why = match params.drift_kind {
        DriftKind::Concept if lowest.drift.rotation_deg > 90.0 => format!(
            "By cycle {} the rule had turned {:.0}°, past 90°: for most points the side of v1's boundary now means the other class, so it is wrong more often than right, below a coin flip.",
            lowest.cycle, lowest.drift.rotation_deg
        ),
        DriftKind::Concept => format!(
            "The rule turned at most {:.0}°, less than 90°: v1's boundary still puts most points on the right side, so it stays above a coin flip.",
            run.iter().map(|s| s.drift.rotation_deg).fold(0.0, f64::max)
        ),
        DriftKind::Covariate => {
            let slid = run.iter().map(|s| s.drift.covariate_shift).fold(0.0, f64::max);
            match params.model {
                ModelKind::LogisticRegression => format!(
                    "The inputs slid up to {slid:.1} standard deviations along the rule, which did not change. {who} draws one straight line through the data it learned from, and that line still splits the moved clouds almost as well: a point on one side still has the same class."
                ),
                ModelKind::DecisionTree => format!(
                    "The inputs slid up to {slid:.1} standard deviations along the rule, which did not change. {who} cuts the plane into boxes fitted to where its training points were; far from them its boxes were never fitted, so the moved points fall in boxes that guess."
                ),
            }
        }
        DriftKind::Prior => {
            let share = run.iter().map(|s| s.drift.prior).fold(0.0, f64::max);
            let best_then = last.best_possible;
            let majority = with_noise(share.max(1.0 - share), params.label_noise);
            let end = ex(last);
            format!(
                "Class 1 grew to {:.0}% of the points. The best boundary moved towards class 0{}, but {who} kept its old boundary: its expected accuracy went from {} to {}. Accuracy alone hides what a shifted balance does: always answering class 1 would now score about {} at {:.0}% label noise, {} v1's {}.",
                share * 100.0,
                match (first.best_possible, best_then) {
                    (Some(a), Some(b)) => format!(
                        " (the dotted best-possible line rose from {} to {})",
                        two(a),
                        two(b)
                    ),
                    _ => String::new(),
                },
                two(start),
                two(end),
                two(majority),
                params.label_noise * 100.0,
                if majority > end { "above" } else { "not above" },
                two(end)
            )
        }
    };
    text.push(why);
    Reveal { answer, text }
}

fn recovery(params: &SimParams, run: &[CycleSummary]) -> Reveal {
    let onset = params.drift_onset;
    let ex = |s: &CycleSummary| expected_of(s).live;
    // The first cycle after the onset whose live model (deployed by an
    // earlier cycle) can expect to score above the threshold.
    let back = run.iter().find(|s| s.cycle > onset && ex(s) > s.threshold);
    let at_onset = run.iter().find(|s| s.cycle == onset);
    let answer = match back.map(|b| b.cycle - onset) {
        Some(1) => 0,
        Some(2..=3) => 1,
        _ => 2,
    };
    let deploys = run.iter().filter(|s| s.deployed()).count();
    let retrains = run.iter().filter(|s| s.retrained()).count();
    let mut text = Vec::new();
    if let Some(d) = at_onset {
        text.push(format!(
            "At cycle {} the rule turned and live v{} scored {} on the new batch (it could expect {}).",
            d.cycle,
            d.live_before,
            two(d.live_score),
            two(ex(d))
        ));
    }
    match back {
        Some(b) => text.push(format!(
            "From cycle {} the live model was v{}, which could expect {} on the new data, above {}: {} after the drift began. It scored {} on that batch{}.",
            b.cycle,
            b.live_before,
            two(ex(b)),
            format_threshold(b.threshold),
            plural(b.cycle - onset, "cycle"),
            format_score(b.live_score, b.threshold),
            if b.live_score > b.threshold {
                String::new()
            } else {
                format!(
                    ", at or below the threshold by sampling noise (\u{b1}{} on {} hold-out rows)",
                    two(expected_of(b).band(ex(b))),
                    expected_of(b).holdout_rows
                )
            }
        )),
        None => text.push(format!(
            "By cycle {} no live model could expect to score above {} again.",
            run[run.len() - 1].cycle,
            format_threshold(params.threshold)
        )),
    }
    let window = match params.window {
        TrainingWindow::NewestBatch => "Trained on the newest batch only, the first candidate after the drift saw only data labelled by the new rule.".to_string(),
        TrainingWindow::Sliding(k) => format!(
            "Trained on the last {k} batches, the first candidate after the drift still learned mostly from batches labelled by the old rule."
        ),
        TrainingWindow::AllData => "Trained on all data so far, every candidate kept learning from the batches labelled by the old rule, which outnumbered the new ones for cycles.".to_string(),
    };
    text.push(format!(
        "{window} {retrains} candidates were trained and {deploys} deployed; v1 ended at {}.",
        two(run[run.len() - 1].v1_score)
    ));
    Reveal { answer, text }
}

fn passes(params: &SimParams, run: &[CycleSummary]) -> Reveal {
    let trained: Vec<&CycleSummary> = run.iter().filter(|s| s.candidate_score.is_some()).collect();
    let deploys: Vec<u32> = run
        .iter()
        .filter(|s| s.deployed())
        .map(|s| s.cycle)
        .collect();
    let alerts: Vec<u32> = run
        .iter()
        .filter(|s| matches!(s.outcome, Outcome::Alerted { .. }))
        .map(|s| s.cycle)
        .collect();
    let answer = if deploys.is_empty() {
        2
    } else if deploys.len() == trained.len() {
        0
    } else {
        1
    };
    let cycles = |c: &[u32]| {
        let words: Vec<String> = c.iter().map(u32::to_string).collect();
        format!(
            "cycle{} {}",
            if c.len() == 1 { "" } else { "s" },
            super::english::join_words(&words)
        )
    };
    let mut text = vec![format!(
        "{} trained; {} deployed{} and {} sent to the team{}.",
        plural(trained.len() as u64, "candidate"),
        deploys.len(),
        if deploys.is_empty() {
            String::new()
        } else {
            format!(" ({})", cycles(&deploys))
        },
        plural(alerts.len() as u64, "alert"),
        if alerts.is_empty() {
            String::new()
        } else {
            format!(" ({})", cycles(&alerts))
        }
    )];
    if let Some(best) = trained.iter().max_by(|a, b| {
        a.candidate_score
            .unwrap_or(0.0)
            .total_cmp(&b.candidate_score.unwrap_or(0.0))
    }) {
        let score = best.candidate_score.unwrap_or(0.0);
        text.push(format!(
            "The best candidate, v{} at cycle {}, scored {}{}.",
            best.candidate.unwrap_or(0),
            best.cycle,
            format_score(score, best.threshold),
            expected_of(best)
                .candidate
                .map_or_else(String::new, |e| format!(
                    " (it could expect {})",
                    format_score(e, best.threshold)
                ))
        ));
    }
    // Candidates the threshold judged against what they could expect: a
    // pass or a fail the hold-out's luck decided.
    let luck: Vec<String> = trained
        .iter()
        .filter_map(|s| {
            let (score, exp) = (s.candidate_score?, expected_of(s).candidate?);
            let passed = score > s.threshold;
            (passed != (exp > s.threshold)).then(|| {
                format!(
                    "v{} scored {} but could expect {}: {} hold-out",
                    s.candidate.unwrap_or(0),
                    format_score(score, s.threshold),
                    format_score(exp, s.threshold),
                    if passed { "a lucky" } else { "an unlucky" }
                )
            })
        })
        .collect();
    if !luck.is_empty() {
        text.push(format!(
            "Sampling noise decided {}: {}.",
            if luck.len() == 1 {
                "one decision"
            } else {
                "some decisions"
            },
            luck.join("; ")
        ));
    }
    let ceiling = run
        .iter()
        .filter_map(|s| s.best_possible)
        .fold(f64::INFINITY, f64::min);
    if params.drift_strength > 0.0 && !alerts.is_empty() {
        if let Some(a) = run
            .iter()
            .find(|s| matches!(s.outcome, Outcome::Alerted { .. }))
        {
            text.push(format!(
                "At cycle {} the candidate v{} could expect only {}: {} still held data of the old rule. The team was alerted and v{} stayed live.",
                a.cycle,
                a.candidate.unwrap_or(0),
                expected_of(a).candidate.map_or_else(|| "—".to_string(), two),
                match params.window {
                    TrainingWindow::NewestBatch => "its window".to_string(),
                    TrainingWindow::Sliding(k) => format!("its window of {k} batches"),
                    TrainingWindow::AllData => "its window of all data".to_string(),
                },
                a.live_after
            ));
        }
    }
    if ceiling.is_finite() {
        text.push(format!(
            "With {:.0}% of labels flipped at random and the clouds overlapping, even the true rule can expect only {}: a threshold of {} is {}.",
            params.label_noise * 100.0,
            two(ceiling),
            format_threshold(params.threshold),
            if params.threshold >= ceiling {
                "above what any model can expect, so the alerts are the threshold's fault, not the model's"
            } else {
                "within reach of a good model"
            }
        ));
    }
    Reveal { answer, text }
}

fn faulty_batch(params: &SimParams, run: &[CycleSummary]) -> Reveal {
    let faulty = run.iter().find(|s| s.fault.is_some()).unwrap_or(&run[0]);
    let fault = faulty
        .fault
        .map_or_else(|| "no fault".to_string(), |f| f.label().to_lowercase());
    let (answer, what) = match &faulty.outcome {
        Outcome::Deployed { version, score, .. } => (
            0,
            format!(
                "a model (v{version}) was trained on it and deployed with {} on the hold-out slice of that same batch",
                two(*score)
            ),
        ),
        Outcome::Alerted { reason, live, .. } => match reason {
            AlertReason::ValidationFailed { failures } => (
                1,
                format!(
                    "validation failed {} and set the batch aside; nothing was trained, v{live} stayed live and the team was alerted",
                    plural(failures.len() as u64, "check")
                ),
            ),
            AlertReason::TrainingFailed { .. } => (
                2,
                format!("training failed, no model was made; v{live} stayed live and the team was alerted"),
            ),
            AlertReason::BelowThreshold {
                candidate, score, ..
            }
            | AlertReason::ChampionGate {
                candidate, score, ..
            } => (
                3,
                format!(
                    "candidate v{candidate} was trained on it and rejected with {}; v{live} stayed live",
                    two(*score)
                ),
            ),
        },
        Outcome::Kept { live, .. } => (1, format!("retraining did not run; v{live} stayed live")),
    };
    let mut text = vec![format!(
        "Cycle {}'s batch arrived with {fault}, data validation {}: {what}.",
        faulty.cycle,
        if params.validate_data { "on" } else { "off" }
    )];
    if let Some(next) = run.iter().find(|s| s.cycle > faulty.cycle) {
        text.push(format!(
            "On cycle {}'s clean batch, live v{} scored {}{}.",
            next.cycle,
            next.live_before,
            two(next.live_score),
            if next.live_score < 0.5 {
                ": worse than a coin flip, the inverted rule went live"
            } else {
                ""
            }
        ));
    }
    if answer == 0 && faulty.fault == Some(Fault::FlippedLabels) {
        text.push("The deploy check scored the candidate on the hold-out of the same flipped batch, where the inverted rule looks right: a check that scores on the faulty batch cannot catch a label fault. Validation's \u{201c}labels that agree with the live model\u{201d} check can, because it compares the labels with a model trained before the fault.".to_string());
    }
    Reveal { answer, text }
}

fn after_rejection(params: &SimParams, run: &[CycleSummary]) -> Reveal {
    let fired = |s: &CycleSummary| s.trigger.as_ref().is_some_and(|t| t.fired);
    let detected = |s: &CycleSummary| {
        s.trigger
            .as_ref()
            .is_some_and(|t| t.fired && !t.cause_is_floor())
    };
    let first = run.iter().find(|s| detected(s));
    let rejected = first.filter(|s| !s.deployed() && s.retrained());
    let later = first.map_or(Vec::new(), |f| {
        run.iter()
            .filter(|s| s.cycle > f.cycle && fired(s))
            .collect::<Vec<_>>()
    });
    let last = &run[run.len() - 1];
    let recovered = expected_of(last).live > last.threshold;
    let answer = if later.iter().any(|s| detected(s)) && recovered {
        0
    } else if later.iter().any(|s| !detected(s)) && recovered {
        1
    } else {
        2
    };
    let error_rate = |s: &CycleSummary| match s.trigger.as_ref().map(|t| &t.cause) {
        Some(TriggerCause::Adwin { mean_error, .. }) => Some(*mean_error),
        _ => None,
    };
    let mut text = Vec::new();
    match (first, rejected) {
        (Some(f), Some(_)) => text.push(format!(
            "ADWIN fired at cycle {}; candidate v{} scored {}, not above {}, so the team was alerted and v{} stayed live.",
            f.cycle,
            f.candidate.unwrap_or(0),
            f.candidate_score.map_or_else(|| "—".to_string(), |c| format_score(c, f.threshold)),
            format_threshold(f.threshold),
            f.live_after
        )),
        (Some(f), None) => text.push(format!(
            "ADWIN fired at cycle {} and its candidate was deployed{}.",
            f.cycle,
            f.candidate.map_or_else(String::new, |c| format!(" (v{c})"))
        )),
        (None, _) => text.push("ADWIN never fired in this run.".to_string()),
    }
    if let Some(f) = first {
        let after: Vec<f64> = run
            .iter()
            .filter(|s| s.cycle > f.cycle && !detected(s))
            .filter_map(error_rate)
            .collect();
        let redetections = later.iter().filter(|s| detected(s)).count();
        if redetections == 0 && !after.is_empty() {
            let (lo, hi) = after
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
                    (a.min(x), b.max(x))
                });
            text.push(format!(
                "After its detection ADWIN started afresh. The live model did not change, so its error rate stayed high but steady ({} to {} in ADWIN's window): no change, so ADWIN never fired again. A change detector answers \u{201c}did the errors change?\u{201d}, not \u{201c}is the model good enough?\u{201d}.",
                two(lo),
                two(hi)
            ));
        } else if redetections > 0 {
            text.push(format!(
                "ADWIN fired again {}.",
                plural(redetections as u64, "time")
            ));
        }
    }
    let floor_retrains: Vec<&&CycleSummary> = later.iter().filter(|s| !detected(s)).collect();
    if params.performance_floor {
        if let Some(pass) = floor_retrains.iter().find(|s| s.deployed()) {
            text.push(format!(
                "The performance floor retrained at {} while live accuracy was below the threshold; v{} passed at cycle {} once the window held enough batches of the new rule.",
                plural(floor_retrains.len() as u64, "cycle"),
                pass.candidate.unwrap_or(0),
                pass.cycle
            ));
        } else {
            text.push(format!(
                "The performance floor retrained at {}, but no candidate passed.",
                plural(floor_retrains.len() as u64, "cycle")
            ));
        }
    }
    text.push(format!(
        "At cycle {} live v{} could expect {} (it scored {}): {} the threshold.",
        last.cycle,
        last.live_before,
        two(expected_of(last).live),
        two(last.live_score),
        if recovered { "above" } else { "below" }
    ));
    Reveal { answer, text }
}

fn blind_spot(params: &SimParams, run: &[CycleSummary]) -> Reveal {
    let onset = params.drift_onset;
    let seen = run.iter().find(|s| {
        s.measured
            .is_some_and(|m| m.on_cycle >= onset && m.score <= s.threshold)
    });
    let answer = match seen {
        Some(s) if s.cycle == onset => 0,
        Some(_) => 1,
        None => 2,
    };
    let mut text = Vec::new();
    if let Some(d) = run.iter().find(|s| s.cycle == onset) {
        text.push(format!(
            "At cycle {} the rule turned: live v{} truly scored {} on the new batch, which only the simulator knows.",
            d.cycle,
            d.live_before,
            two(d.live_score)
        ));
    }
    match seen {
        Some(s) => {
            let m = s.measured.expect("found by its measured score");
            text.push(format!(
                "The team measured the drop at cycle {}, when the labels of cycle {} came in ({}){}.",
                s.cycle,
                m.on_cycle,
                format_score(m.score, s.threshold),
                if s.cycle > onset {
                    format!(
                        ": cycles {}\u{2013}{} were the team's blind spot",
                        onset,
                        s.cycle - 1
                    )
                } else {
                    String::new()
                }
            ));
            if s.trigger.as_ref().is_some_and(|t| t.fired) {
                text.push(
                    "The performance-drop trigger fired then, and not before: it needs labels."
                        .to_string(),
                );
            }
        }
        None => text.push(format!(
            "With labels {} late, no label of a drifted batch came in by cycle {}: the whole run after the drift was the team's blind spot, while the live model truly scored about {}.",
            plural(params.label_delay, "cycle"),
            run[run.len() - 1].cycle,
            two(run[run.len() - 1].live_score)
        )),
    }
    Reveal { answer, text }
}

fn cheapest_near_policy(params: &SimParams, race: &PolicyRace) -> Reveal {
    let answer = match race.costs.as_ref().map(|c| &c.verdict) {
        Some(CostVerdict::NearlyAsGood { cheaper }) => {
            let never = race
                .runs
                .iter()
                .any(|r| r.trigger == RetrainTrigger::Never && r.name == cheaper.name);
            if never {
                2
            } else {
                1
            }
        }
        _ => 0,
    };
    let rows: Vec<String> = race
        .runs
        .iter()
        .map(|r| {
            format!(
                "{}: {}, mean accuracy {}, cost {}",
                r.name,
                plural(r.retrains, "retrain"),
                two(r.mean_accuracy),
                super::wording::format_cost(r.total_cost)
            )
        })
        .collect();
    let mut text = vec![format!("{}.", rows.join("; "))];
    if let Some(c) = &race.costs {
        text.push(super::wording::race_cost_sentence(c));
    }
    if params.performance_floor {
        text.push("The schedule, the detector and the accuracy-drop policy each had the performance floor beside them, so each could recover from a drift it missed.".to_string());
    }
    Reveal { answer, text }
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
    use crate::sim::cycle::Simulation;

    #[test]
    fn nine_chapters_with_two_to_four_sentences_and_valid_runs() {
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
