//! The words of the team's view: what the switch hides, the input-drift
//! panel (the KS test per feature), the diagnosis's grade and the truth it
//! reveals. Every sentence shown while the truth is hidden says only what a
//! team can know; the test at the bottom walks them over runs of every drift.

use crate::sim::params::{DriftKind, DriftPattern};
use crate::sim::retraining::input_drift::InputDrift;
use crate::sim::retraining::team_view::{Diagnosis, DriftGuess, TrueDrift};
use crate::sim::stream::drift::DriftState;

/// What the switch's hint says.
pub fn team_view_hint() -> &'static str {
    "Show only what a team running this model could see: measured and estimated accuracy, the \
     inputs' drift test, detectors, alerts and the registry. The true rule, the true and best \
     possible accuracy and the drift itself are hidden until you diagnose the drift."
}

/// The note the page shows while the truth is hidden.
pub fn team_view_note(locked: bool) -> String {
    let lock = if locked {
        " Your teacher locked this view: answer the question to see the truth."
    } else {
        ""
    };
    format!(
        "You see what the team sees: the rule behind the labels, the accuracy the simulator \
         alone can score and the drift chart are hidden.{lock}"
    )
}

/// The question asked in the team's view.
pub const DIAGNOSIS_QUESTION: &str = "Which drift is this, and what would you do?";

/// The performance chart's note in the team's view.
pub fn team_accuracy_note(labels_late: bool) -> &'static str {
    if labels_late {
        "In the team's view the chart draws what the team has: the accuracy measured once labels \
         came in and the accuracy estimated before they did; what the simulator alone knows stays \
         hidden."
    } else {
        "In the team's view the chart draws what the team measured on each batch's labels; \
         what any model could best expect is hidden."
    }
}

/// The scatter's note in the team's view.
pub fn team_scatter_note() -> &'static str {
    "In the team's view the rule that labels the data is not drawn: a team never sees it."
}

/// The title of the input-drift panel.
pub const INPUT_DRIFT_TITLE: &str = "Input drift per feature (KS test)";

/// A p-value as the table shows it.
pub fn p_value_text(p: f64) -> String {
    if !p.is_finite() {
        "–".into()
    } else if p < 0.0001 {
        "< 0.0001".into()
    } else {
        format!("{p:.4}")
    }
}

/// What the input-drift panel's verdict cell says for one feature.
pub fn ks_verdict(d: &InputDrift, f: usize) -> &'static str {
    if d.drifted(f) {
        "moved"
    } else {
        "no evidence"
    }
}

/// The input-drift panel's caption: what the test is, what the p-value means,
/// the α used, and the newest cycle's result.
pub fn input_drift_caption(newest: Option<&InputDrift>) -> String {
    let what =
        "Each cycle, a two-sample Kolmogorov–Smirnov (KS) test compares each feature of the \
                newest batch with the same feature in the rows the live model was trained on. D \
                is the largest gap between the two distributions (0 to 1); the p-value is how \
                often a gap at least that large would appear if the inputs had not moved.";
    let Some(d) = newest else {
        return format!("{what} No batch has been compared yet: run a cycle.");
    };
    let verdict = match (d.drifted(0), d.drifted(1)) {
        (false, false) => "neither feature moved enough to count".to_string(),
        (true, true) => "both features moved".to_string(),
        (true, false) => "feature 1 moved".to_string(),
        (false, true) => "feature 2 moved".to_string(),
    };
    format!(
        "{what} A p-value below α = {} counts as drift (so about 1 test in {} says so when nothing \
         moved). At cycle {}, {} batch rows against {} training rows: {verdict} (feature 1 D = \
         {:.3}, p {}; feature 2 D = {:.3}, p {}). The test sees the inputs only, never the labels: \
         a new rule that leaves the inputs where they were passes it unseen.",
        d.alpha,
        (1.0 / d.alpha).round(),
        d.cycle,
        d.batch_rows,
        d.reference_rows,
        d.ks[0].statistic,
        p_shown(d.ks[0].p_value),
        d.ks[1].statistic,
        p_shown(d.ks[1].p_value),
    )
}

/// "= 0.1234" or "< 0.0001".
fn p_shown(p: f64) -> String {
    let t = p_value_text(p);
    if t.starts_with('<') {
        t
    } else {
        format!("= {t}")
    }
}

/// The grade of a diagnosis, then the truth and what it means, one sentence
/// each.
pub fn diagnosis_sentences(d: &Diagnosis) -> Vec<String> {
    let Some(answer) = d.truth.answer() else {
        return vec![
            format!("Your answer: {}.", lower_first(d.guess.label())),
            "Nobody knows the truth of this data: the simulator knows only the process behind its \
             own stream, so this answer cannot be graded."
                .into(),
        ];
    };
    let kind = if answer == d.guess {
        format!("Right: {}.", lower_first(answer.label()))
    } else {
        format!(
            "Not quite: you answered {}, and it was {}.",
            lower_first(d.guess.label()),
            lower_first(answer.label())
        )
    };
    let remedy = if answer.remedy() == d.remedy {
        format!("Your next step fits: {}.", lower_first(d.remedy.label()))
    } else {
        format!(
            "A better next step here: {}.",
            lower_first(answer.remedy().label())
        )
    };
    vec![
        kind,
        truth_sentence(&d.truth, d.cycle),
        why_sentence(answer),
        remedy,
    ]
}

/// What really happened up to `cycle`.
fn truth_sentence(truth: &TrueDrift, cycle: u32) -> String {
    match truth {
        TrueDrift::NoDrift => format!(
            "The truth: up to cycle {cycle} no batch was drawn under any drift; every change on \
             the dashboard came from sampling."
        ),
        TrueDrift::Drifted {
            kind,
            pattern,
            onset,
            strongest,
        } => format!(
            "The truth: {} {} from cycle {onset}; by cycle {cycle} {}.",
            pattern_word(*pattern),
            kind_noun(*kind),
            how_far(*kind, strongest)
        ),
        TrueDrift::Unknown => String::new(),
    }
}

/// Why the dashboard showed what it did for drift `answer`.
fn why_sentence(answer: DriftGuess) -> String {
    match answer {
        DriftGuess::NoDrift => "With nothing drifting, a KS p-value below α is one of the false \
             alarms α allows, and the measured accuracy varies only by the luck of each batch."
            .into(),
        DriftGuess::Covariate => "The KS test sees inputs move; the rule the model learned still \
             holds, so its confidence, and the estimate made from it, can still be trusted near \
             its training data."
            .into(),
        DriftGuess::Concept => "A model is as confident of a wrong answer as of a right one, so \
             the estimate made from its confidence cannot see a new rule: only labels show it. \
             The KS test sees the inputs only, which move here just as far as the class clouds \
             turn with the rule."
            .into(),
        DriftGuess::Prior => "The inputs move only as the mix of the two class clouds changes, \
             which the KS test may or may not catch; only labels tell how often each class comes."
            .into(),
    }
}

/// "sudden", "gradual", … for "a sudden concept drift".
fn pattern_word(p: DriftPattern) -> &'static str {
    match p {
        DriftPattern::Sudden => "a sudden",
        DriftPattern::Gradual => "a gradual",
        DriftPattern::Incremental => "an incremental",
        DriftPattern::Recurring => "a recurring",
    }
}

/// The kind's noun.
fn kind_noun(k: DriftKind) -> &'static str {
    match k {
        DriftKind::Concept => "concept drift",
        DriftKind::Covariate => "covariate drift",
        DriftKind::Prior => "prior shift",
    }
}

/// How far the strongest drift so far went.
fn how_far(kind: DriftKind, d: &DriftState) -> String {
    let share = if d.new_concept_share < 0.995 {
        format!(" for {:.0}% of the points", d.new_concept_share * 100.0)
    } else {
        String::new()
    };
    match kind {
        DriftKind::Concept => format!(
            "the rule that labels the data had turned up to {:.0}°{share}",
            d.rotation_deg
        ),
        DriftKind::Covariate => format!(
            "the inputs had slid up to {:.1} standard deviations along the boundary{share}, the \
             rule unchanged",
            d.covariate_shift
        ),
        DriftKind::Prior => format!(
            "class 1 had become up to {:.0}% of the points{share}, each class's inputs unchanged",
            d.prior * 100.0
        ),
    }
}

/// A label with its first letter in lower case, for use mid-sentence.
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

/// Words that state the truth, which no sentence may hold while it is
/// hidden (checked by the walks here and in the page's tests).
pub const TRUTH_WORDS: [&str; 14] = [
    "true rule",
    "true accuracy",
    "true labelling",
    "only the simulator knows",
    "best possible",
    "rotated",
    "turned",
    "σ",
    "class 1 share",
    "concept drift",
    "covariate drift",
    "prior shift",
    "no drift yet",
    "expected",
];

/// The truth words `text` holds (empty: none).
pub fn truth_words_in(text: &str) -> Vec<&'static str> {
    let lower = text.to_lowercase();
    TRUTH_WORDS
        .iter()
        .copied()
        .filter(|w| lower.contains(&w.to_lowercase()))
        .collect()
}
