//! How a cycle ended, in words: the decision banner, alert messages, the in-progress line, the candidate note.

use super::numbers::format_score;
use super::numbers::format_threshold;
use super::numbers::gate_numbers;
use super::numbers::longer;
use super::triggers::trigger_reason;
use super::validation::failures_text;
use crate::sim::retraining::history::{CycleSummary, Totals};
use crate::sim::retraining::outcome::{Alert, AlertReason, KeptReason, Outcome};

/// The notice over a rewound cycle.
pub fn viewing_rewound(cycle: u32) -> String {
    format!(
        "Viewing cycle {cycle} (rewound). Step, Finish cycle or Back to live returns to the live run."
    )
}

/// The banner's title for an outcome.
pub fn outcome_title(outcome: &Outcome) -> &'static str {
    match outcome {
        Outcome::Deployed { .. } => "Deployed",
        Outcome::Alerted { .. } => "Alert",
        Outcome::Kept { .. } => "Kept, not retrained",
    }
}

/// What an outcome did, in one or two sentences (banner, alert log, screen readers).
pub fn outcome_message(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Deployed {
            version,
            score,
            threshold,
            replaced,
            gate,
        } => {
            let t = format_threshold(*threshold);
            let s = format_score(*score, *threshold);
            match gate {
                None => format!(
                    "Deployed: model v{version} scored {s} > threshold {t}; it replaces v{replaced}."
                ),
                Some(g) => {
                    let (gs, live, need) = gate_numbers(*score, g.live_score, g.margin);
                    format!(
                        "Deployed: model v{version} scored {s} > threshold {t} and {gs} ≥ {need} \
                         (live v{replaced}'s {live} + margin {}); it replaces v{replaced}.",
                        format_threshold(g.margin)
                    )
                }
            }
        }
        Outcome::Alerted { live, reason } => match reason {
            AlertReason::BelowThreshold {
                candidate,
                score,
                threshold,
            } => format!(
                "Alert: model v{candidate} scored {}, not above the threshold {}; v{live} stays live.",
                format_score(*score, *threshold),
                format_threshold(*threshold)
            ),
            AlertReason::ChampionGate {
                candidate,
                score,
                threshold,
                live_score,
                margin,
            } => {
                let (s, l, need) = gate_numbers(*score, *live_score, *margin);
                let s = longer(s, format_score(*score, *threshold));
                format!(
                    "Alert: model v{candidate} scored {s}, above the threshold {}, but the \
                     champion/challenger gate needs live v{live}'s {l} + margin {} = {need}, and {s} < {need}; \
                     v{live} stays live.",
                    format_threshold(*threshold),
                    format_threshold(*margin)
                )
            }
            AlertReason::TrainingFailed { why } => {
                format!("Alert: retraining failed ({why}); v{live} stays live.")
            }
            AlertReason::ValidationFailed { failures } => format!(
                "Alert: data validation failed ({}); the batch was set aside, retraining skipped, \
                 v{live} stays live.",
                failures_text(failures)
            ),
        },
        Outcome::Kept {
            live,
            reason: KeptReason::NotTriggered { why, .. },
        } => format!(
            "Kept, not retrained: the trigger did not fire ({}); v{live} stays live and nobody is alerted.",
            trigger_reason(why)
        ),
    }
}

/// An alert in the log.
pub fn alert_message(alert: &Alert) -> String {
    outcome_message(&alert.outcome())
}

/// The banner while a cycle runs: which step decided (or decides) and what
/// step 7 will do.
pub fn in_progress_message(cycle: u32, decided: Option<&Outcome>) -> String {
    match decided {
        None => format!(
            "Cycle {cycle}: not decided yet. The trigger (step 3), training (step 4) or the \
             check (step 6) decides; step 7 carries the decision out."
        ),
        Some(o) => {
            let what = match o {
                Outcome::Deployed { version, .. } => format!("deploy v{version}"),
                Outcome::Alerted { live, .. } => format!("alert the team, v{live} stays live"),
                Outcome::Kept { live, .. } => format!("keep v{live} without retraining"),
            };
            format!(
                "Cycle {cycle}: step {} decided: {what}. Step 7 carries it out.",
                o.decided_at().number()
            )
        }
    }
}

/// The performance chart's note on the last cycle's candidate.
pub fn candidate_note(s: &CycleSummary) -> String {
    match &s.outcome {
        Outcome::Deployed {
            version,
            score,
            threshold,
            ..
        } => format!(
            "candidate v{version} scored {} and was deployed",
            format_score(*score, *threshold)
        ),
        Outcome::Alerted { reason, .. } => match reason {
            AlertReason::BelowThreshold {
                candidate,
                score,
                threshold,
            } => format!(
                "candidate v{candidate} scored {}, not above it: alert",
                format_score(*score, *threshold)
            ),
            AlertReason::ChampionGate {
                candidate,
                score,
                threshold,
                margin,
                ..
            } => format!(
                "candidate v{candidate} scored {}, above it, but did not beat the live model by {}: alert",
                format_score(*score, *threshold),
                format_threshold(*margin)
            ),
            AlertReason::TrainingFailed { .. } => "training failed: alert".into(),
            AlertReason::ValidationFailed { .. } => {
                "the batch failed validation and was set aside: alert".into()
            }
        },
        Outcome::Kept { live, reason } => match reason {
            KeptReason::NotTriggered { why, .. } => format!(
                "not retrained ({}): v{live} kept, no alert",
                trigger_reason(why)
            ),
        },
    }
}

/// What the alert log says while it is empty.
pub fn no_alerts_text(totals: &Totals) -> &'static str {
    if totals.retrains == 0 {
        "No alerts yet: no candidate has been trained so far."
    } else {
        "No alerts yet: every candidate so far passed the check."
    }
}
