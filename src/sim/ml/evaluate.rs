//! Scoring a model on held-out rows: accuracy (the deploy metric), precision,
//! recall and F1 of class 1.

use serde::{Deserialize, Serialize};

use crate::sim::ml::train::TrainedModel;
use crate::sim::stream::Batch;

/// The scores of one model on one hold-out slice.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    /// Share of rows predicted right; the number compared with the threshold.
    pub accuracy: f64,
    /// Of the rows predicted class 1, the share that are class 1 (0 when none predicted).
    pub precision: f64,
    /// Of the rows that are class 1, the share predicted class 1 (0 when none exist).
    pub recall: f64,
    /// Harmonic mean of precision and recall (0 when both are 0).
    pub f1: f64,
    /// Rows scored.
    pub rows: usize,
}

/// Share of equal entries; 0 for no rows.
pub fn accuracy(predicted: &[bool], truth: &[bool]) -> f64 {
    if truth.is_empty() {
        return 0.0;
    }
    let right = predicted.iter().zip(truth).filter(|(p, t)| p == t).count();
    right as f64 / truth.len() as f64
}

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

/// All scores of predictions against the truth.
pub fn score_predictions(predicted: &[bool], truth: &[bool]) -> Scores {
    let (mut tp, mut fp, mut fneg) = (0usize, 0usize, 0usize);
    for (&p, &t) in predicted.iter().zip(truth) {
        match (p, t) {
            (true, true) => tp += 1,
            (true, false) => fp += 1,
            (false, true) => fneg += 1,
            (false, false) => {}
        }
    }
    let precision = ratio(tp, tp + fp);
    let recall = ratio(tp, tp + fneg);
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    Scores {
        accuracy: accuracy(predicted, truth),
        precision,
        recall,
        f1,
        rows: truth.len(),
    }
}

/// Scores `model` on `holdout`.
pub fn evaluate(model: &TrainedModel, holdout: &Batch) -> Scores {
    score_predictions(&model.predict(&holdout.x), &holdout.y)
}

// Native only: the core is tested natively (proptest and approx are native dev-dependencies).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn scores_match_a_hand_count() {
        // tp=2, fp=1, fn=1, tn=1
        let p = [true, true, true, false, false];
        let t = [true, true, false, true, false];
        let s = score_predictions(&p, &t);
        assert_relative_eq!(s.accuracy, 0.6);
        assert_relative_eq!(s.precision, 2.0 / 3.0);
        assert_relative_eq!(s.recall, 2.0 / 3.0);
        assert_relative_eq!(s.f1, 2.0 / 3.0);
        assert_eq!(s.rows, 5);
    }

    #[test]
    fn empty_and_all_negative_do_not_divide_by_zero() {
        let s = score_predictions(&[], &[]);
        assert_eq!(s.accuracy, 0.0);
        let s = score_predictions(&[false, false], &[false, false]);
        assert_eq!(
            (s.accuracy, s.precision, s.recall, s.f1),
            (1.0, 0.0, 0.0, 0.0)
        );
    }
}
