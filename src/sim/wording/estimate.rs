//! The words for the estimated accuracy (from the model's own confidence,
//! before labels arrive): the accuracy chart's note on how far the estimate
//! is from the truth and why, the alert on an estimated drop, and the alert
//! log that lists those alerts beside the cycles' own. Part of [`super`], the
//! one place where facts become words.

use super::numbers::format_threshold;
use super::outcome::alert_message;
use crate::sim::order::{merge_by_key, sort_short_by_key};
use crate::sim::params::{DriftKind, ModelKind};
use crate::sim::retraining::estimate_gap::{EstimateGap, GapSide};
use crate::sim::retraining::outcome::{Alert, EstimateAlert};

/// Two decimals (the estimate and the truth are not compared with a
/// threshold, so no more are needed).
fn two(x: f64) -> String {
    format!("{x:.2}")
}

/// Why the estimate is where it is against the truth: one sentence.
fn why(g: &EstimateGap) -> &'static str {
    match (g.side, g.drift_kind, g.drifted, g.model) {
        (GapSide::Tracks, _, false, _) => {
            "No drift yet: the model meets data like its training data, so its calibrated \
             confidence says how often it is right."
        }
        (GapSide::Tracks, DriftKind::Covariate, true, _) => {
            "The inputs moved but the labelling rule did not, so where the model is sure it is \
             still right: its confidence follows the truth."
        }
        (GapSide::Tracks, DriftKind::Prior, true, _) => {
            "The class balance moved, not the labelling rule, so the model's confidence on each \
             point still holds and the estimate follows the truth."
        }
        (GapSide::Tracks, DriftKind::Concept, true, _) => {
            "The rule the live model learned still holds for this batch (it was retrained on the \
             new rule, or the rule has barely turned), so its confidence still says how often it \
             is right."
        }
        (GapSide::TooHigh, DriftKind::Concept, true, _) => {
            "The labelling rule has turned since the model was trained: the inputs look as \
             before, so the model is as sure as ever and wrong, confidently wrong. Its \
             confidence cannot show this; only labels can."
        }
        (GapSide::TooHigh, DriftKind::Covariate, true, ModelKind::DecisionTree) => {
            "The points moved away from the tree's training data: its outer leaves stretch out \
             to them and keep the confidence of the few training points they held, so the tree \
             is surer than it is right."
        }
        (GapSide::TooLow, DriftKind::Covariate, true, ModelKind::DecisionTree) => {
            "The points moved away from the tree's training data, into outer leaves that held \
             few training points: their confidence says little either way, and here the tree is \
             right more often than it says."
        }
        (GapSide::TooHigh, _, _, _) => {
            "The model is surer than it is right here: its confidence was calibrated on one \
             small hold-out slice, and carries that slice's luck."
        }
        (GapSide::TooLow, _, _, _) => {
            "The model is right more often than it thinks here: its confidence was calibrated on \
             one small hold-out slice, and carries that slice's luck."
        }
    }
}

/// The accuracy chart's note on the estimate: its newest value against the
/// truth, how far apart they are on average, and why.
pub fn estimate_sentence(g: &EstimateGap) -> String {
    let gap = g.estimate - g.truth;
    let apart = match g.side {
        GapSide::Tracks => format!("within {} of it", two(gap.abs().max(0.005))),
        GapSide::TooHigh => format!("{} too high", two(gap)),
        GapSide::TooLow => format!("{} too low", two(-gap)),
    };
    let mean = if g.cycles > 1 {
        format!(
            "; {} apart on average over {} cycles",
            two(g.mean_gap),
            g.cycles
        )
    } else {
        String::new()
    };
    format!(
        "The ochre dashed line is what the team can estimate before labels arrive, from the model's \
         own confidence: {} at cycle {}, against a true {} ({apart}{mean}). {}",
        two(g.estimate),
        g.cycle,
        two(g.truth),
        why(g)
    )
}

/// An alert on an estimated drop, in the log.
pub fn estimate_alert_message(a: &EstimateAlert) -> String {
    format!(
        "Alert before labels: v{live}'s accuracy on this batch, estimated from its own \
         confidence, is {}, {} below its {} on its hold-out (the alert is set at a drop of {}). \
         v{live} stays live; the labels will show whether the drop is real.",
        two(a.estimate),
        two(a.reference - a.estimate),
        two(a.reference),
        format_threshold(a.drop),
        live = a.live
    )
}

/// The alert log's lines, oldest first: each cycle's alert on an estimated
/// drop (raised at step 2) before the cycle's own alert (step 7). The run
/// appends both lists cycle by cycle, so they are merged in one pass; were one
/// ever out of order, the lines are ordered one by one instead.
pub fn alert_log_lines(alerts: &[Alert], early: &[EstimateAlert]) -> Vec<(u32, String)> {
    let early: Vec<(u32, String)> = early
        .iter()
        .map(|a| (a.cycle, estimate_alert_message(a)))
        .collect();
    let own: Vec<(u32, String)> = alerts.iter().map(|a| (a.cycle, alert_message(a))).collect();
    let in_order = |lines: &[(u32, String)]| lines.windows(2).all(|w| w[0].0 <= w[1].0);
    if in_order(&early) && in_order(&own) {
        return merge_by_key(early, own, |(cycle, _)| *cycle);
    }
    let mut lines = early;
    lines.extend(own);
    sort_short_by_key(&mut lines, |(cycle, _)| *cycle);
    lines
}

// Native only: the core is tested natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::retraining::outcome::AlertReason;

    fn gap(side_gap: f64, kind: DriftKind, drifted: bool, model: ModelKind) -> EstimateGap {
        let truth = 0.6;
        let estimate = truth + side_gap;
        EstimateGap {
            cycle: 9,
            estimate,
            truth,
            side: GapSide::of(estimate, truth),
            mean_gap: 0.034,
            cycles: 9,
            drift_kind: kind,
            drifted,
            model,
        }
    }

    #[test]
    fn the_note_says_the_gap_and_why() {
        let s = estimate_sentence(&gap(
            0.31,
            DriftKind::Concept,
            true,
            ModelKind::LogisticRegression,
        ));
        assert_eq!(
            s,
            "The ochre dashed line is what the team can estimate before labels arrive, from the \
             model's own confidence: 0.91 at cycle 9, against a true 0.60 (0.31 too high; 0.03 \
             apart on average over 9 cycles). The labelling rule has turned since the model was \
             trained: the inputs look as before, so the model is as sure as ever and wrong, \
             confidently wrong. Its confidence cannot show this; only labels can."
        );
        let s = estimate_sentence(&gap(
            0.02,
            DriftKind::Covariate,
            true,
            ModelKind::LogisticRegression,
        ));
        assert!(s.contains("(within 0.02 of it;"), "{s}");
        assert!(
            s.contains("The inputs moved but the labelling rule did not"),
            "{s}"
        );
        let s = estimate_sentence(&gap(
            0.0,
            DriftKind::Concept,
            false,
            ModelKind::DecisionTree,
        ));
        assert!(
            s.contains("within 0.01 of it") && s.contains("No drift yet"),
            "{s}"
        );
        let s = estimate_sentence(&gap(
            0.2,
            DriftKind::Covariate,
            true,
            ModelKind::DecisionTree,
        ));
        assert!(
            s.contains("0.20 too high") && s.contains("outer leaves"),
            "{s}"
        );
        let s = estimate_sentence(&gap(
            -0.1,
            DriftKind::Prior,
            true,
            ModelKind::LogisticRegression,
        ));
        assert!(
            s.contains("0.10 too low") && s.contains("right more often"),
            "{s}"
        );
    }

    #[test]
    fn early_alerts_come_before_their_cycles_own() {
        let own = Alert {
            cycle: 4,
            live: 2,
            reason: AlertReason::TrainingFailed {
                why: crate::sim::ml::train::TrainError::TooFewRows { rows: 0, min: 10 },
            },
        };
        let early = |cycle| EstimateAlert {
            cycle,
            live: 2,
            estimate: 0.7,
            reference: 0.9,
            drop: 0.1,
        };
        let lines = alert_log_lines(std::slice::from_ref(&own), &[early(4), early(5)]);
        let cycles: Vec<u32> = lines.iter().map(|l| l.0).collect();
        assert_eq!(cycles, [4, 4, 5]);
        assert!(lines[0].1.starts_with("Alert before labels: v2's accuracy"));
        assert!(lines[0]
            .1
            .contains("is 0.70, 0.20 below its 0.90 on its hold-out"));
        assert!(lines[0].1.contains("a drop of 0.10"), "{}", lines[0].1);
        assert!(lines[1].1.contains("retraining failed"), "{}", lines[1].1);
        // Lists out of cycle order still give the log in order.
        let lines = alert_log_lines(&[own], &[early(5), early(4)]);
        let cycles: Vec<u32> = lines.iter().map(|l| l.0).collect();
        assert_eq!(cycles, [4, 4, 5]);
        assert!(lines[0].1.starts_with("Alert before labels"));
        assert!(lines[1].1.contains("retraining failed"));
    }
}
