//! Estimated accuracy while labels are late: confidence-based performance
//! estimation (CBPE, as NannyML calls it). A model that says "class 1, with
//! probability 0.9" on a row expects to be right there 9 times in 10; the mean
//! of that confidence over a batch's rows is the accuracy it expects on the
//! batch, known from the inputs alone, before any label comes in.
//!
//! The confidence of a row is the probability of the class the model predicts:
//! - logistic regression: its own probability, `max(p, 1 − p)`;
//! - a decision tree: the share of the training rows in the row's leaf that
//!   belong to the leaf's class, smoothed by Laplace's rule (`(k + 1) / (n + 2)`,
//!   so a pure leaf of 3 rows says 0.8, not 1.0). linfa-trees keeps no class
//!   counts in its leaves, so [`calibrate`] walks the fitted tree itself
//!   (linfa's rule: `x[f] < split` goes left) and counts the training rows.
//!
//! **Calibration: Platt scaling on the hold-out.** Raw confidence is not
//! always an honest accuracy: a deep tree's leaves are nearly pure on the rows
//! that grew them, so it says 0.90 where it is right 0.87 of the time; and
//! logistic regression, fitted to labels of which 5 % were flipped at random,
//! flattens its probabilities and says 0.86 where it is right 0.89 of the
//! time. [`calibrate`] fits, on the model's hold-out rows when it is trained
//! (confidence against right or wrong), `P(right) = σ(a·s + b)` with
//! `s = logit(confidence)`. Why this one:
//! - the hold-out is small (150 rows at the default batch): histogram binning
//!   would spend those rows on many bins (±0.08 per bin of 30), isotonic
//!   regression overfits steps to them; two parameters are all 150 rows can
//!   pin down, and both errors above are a shift and a stretch of the logit;
//! - with its intercept, the fit's calibrated confidences add up to the right
//!   answers on the hold-out, so on data like the model's own the estimate is
//!   its hold-out accuracy, and no more wrong than that score is by luck.
//!
//! A pull of the fit towards the identity (trusting the raw confidence) was
//! measured too (examples/estimate_error.rs): it left each model's bias in and
//! was no better for either; only a weak one ([`PULL`]) is kept, so that a tiny
//! hold-out that is all right (or all wrong) still gives a finite fit.
//!
//! What it cannot do, whatever the calibration: the confidence is the model's
//! own belief about `P(y | x)`. When the inputs move and the rule stays
//! (covariate drift) the belief still holds, so the estimate follows the
//! truth. When the rule moves (concept drift) the inputs can look exactly as
//! before and the model is as sure as ever, so the estimate stays high while
//! the truth collapses: only labels can show that. docs/late-labels.md has the
//! figures measured over many seeds.

use serde::{Deserialize, Serialize};

use crate::sim::ml::train::TrainedModel;
use crate::sim::stream::Batch;

/// Strength of the pull of the Platt fit towards the identity, in rows' worth
/// of belief that the raw confidence is right: about one row, which moves a
/// fit on 150 rows by nothing measurable (docs/late-labels.md) but keeps the
/// fit finite on a hold-out of 6 rows that are all right.
pub const PULL: f64 = 1.0;
/// Newton steps of the Platt fit (it converges in 4–6).
const PLATT_STEPS: usize = 25;
/// Confidences are kept within this of 0.5 and 1, so their logit is finite.
const EDGE: f64 = 1e-6;

/// The calibration map `P(right) = σ(slope · logit(confidence) + intercept)`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Platt {
    /// `a`: 1 keeps the confidence's spread, below 1 pulls it towards 0.5.
    pub slope: f64,
    /// `b`: below 0 lowers every confidence.
    pub intercept: f64,
}

impl Platt {
    /// The map that trusts the raw confidence.
    pub const IDENTITY: Platt = Platt {
        slope: 1.0,
        intercept: 0.0,
    };

    /// The calibrated probability of being right at a raw `confidence`.
    pub fn apply(&self, confidence: f64) -> f64 {
        let z = self.slope * logit(confidence) + self.intercept;
        let p = sigmoid(z);
        if p.is_finite() {
            p
        } else {
            confidence
        }
    }

    /// Fits the map to `(confidence, right)` pairs by Newton's method on the
    /// log-likelihood with a pull of `pull` towards [`Platt::IDENTITY`].
    /// No pairs (or a singular step) give the identity.
    pub fn fit(pairs: &[(f64, bool)], pull: f64) -> Platt {
        let (mut a, mut b) = (1.0f64, 0.0f64);
        if pairs.is_empty() {
            return Platt::IDENTITY;
        }
        for _ in 0..PLATT_STEPS {
            // Gradient and (negated) Hessian of the penalised log-likelihood.
            let (mut ga, mut gb) = (-pull * (a - 1.0), -pull * b);
            let (mut haa, mut hab, mut hbb) = (pull, 0.0, pull);
            for &(c, right) in pairs {
                let s = logit(c);
                let p = sigmoid(a * s + b);
                let r = f64::from(u8::from(right)) - p;
                let w = p * (1.0 - p);
                ga += r * s;
                gb += r;
                haa += w * s * s;
                hab += w * s;
                hbb += w;
            }
            let det = haa * hbb - hab * hab;
            // Relative to the diagonal: confidences that are all equal make
            // slope and intercept one direction (a singular system).
            if !(det.is_finite() && det > 1e-9 * haa * hbb) {
                break;
            }
            let da = (hbb * ga - hab * gb) / det;
            let db = (haa * gb - hab * ga) / det;
            if !(da.is_finite() && db.is_finite()) {
                break;
            }
            a += da;
            b += db;
            if da.abs() + db.abs() < 1e-10 {
                break;
            }
        }
        if a.is_finite() && b.is_finite() {
            Platt {
                slope: a,
                intercept: b,
            }
        } else {
            Platt::IDENTITY
        }
    }
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// The logit of a confidence kept within [0.5, 1 − [`EDGE`]].
fn logit(c: f64) -> f64 {
    let c = if c.is_finite() { c } else { 0.5 };
    let c = c.clamp(0.5, 1.0 - EDGE);
    (c / (1.0 - c)).ln()
}

/// One node of a fitted tree, flattened so rows can be sent to a leaf by
/// index.
#[derive(Clone, Debug, PartialEq)]
enum Node {
    /// `x[feature] < split` goes to `left`, else to `right` (node indices).
    Split {
        feature: usize,
        split: f64,
        left: usize,
        right: usize,
    },
    /// A leaf: its number (0, 1, … in depth-first order) and its class.
    Leaf { leaf: usize, class1: bool },
}

/// A fitted tree's leaves and the confidence of each (Laplace-smoothed share
/// of its training rows in its class).
#[derive(Clone, Debug, PartialEq)]
pub struct TreeLeaves {
    nodes: Vec<Node>,
    /// Per leaf: (training rows, rows of the leaf's class).
    counts: Vec<(u32, u32)>,
}

impl TreeLeaves {
    /// Flattens `tree`.
    fn of(tree: &retrain_fit::Tree) -> Self {
        let mut nodes = Vec::new();
        let mut leaves = 0;
        flatten(tree.root_node(), &mut nodes, &mut leaves);
        TreeLeaves {
            nodes,
            counts: vec![(0, 0); leaves],
        }
    }

    /// The leaf a row lands in and the leaf's class (`None` for a broken tree).
    fn leaf_of(&self, x: &[f64; 2]) -> Option<(usize, bool)> {
        let mut at = 0;
        // A tree of n nodes is at most n deep: the bound only guards a loop.
        for _ in 0..=self.nodes.len() {
            match self.nodes.get(at)? {
                Node::Leaf { leaf, class1 } => return Some((*leaf, *class1)),
                Node::Split {
                    feature,
                    split,
                    left,
                    right,
                } => {
                    at = if x.get(*feature)? < split {
                        *left
                    } else {
                        *right
                    };
                }
            }
        }
        None
    }

    /// Counts the training rows of `data` into the leaves.
    fn count(&mut self, data: &Batch) {
        for (x, &y) in data.x.iter().zip(&data.y) {
            if let Some((leaf, class1)) = self.leaf_of(x) {
                if let Some(c) = self.counts.get_mut(leaf) {
                    c.0 += 1;
                    c.1 += u32::from(y == class1);
                }
            }
        }
    }

    /// The smoothed confidence of the leaf a row lands in.
    fn confidence(&self, x: &[f64; 2]) -> f64 {
        self.leaf_of(x)
            .and_then(|(leaf, _)| self.counts.get(leaf))
            .map_or(0.5, |&(n, k)| (f64::from(k) + 1.0) / (f64::from(n) + 2.0))
    }
}

fn flatten(node: &retrain_fit::TreeNode<f64, usize>, nodes: &mut Vec<Node>, leaves: &mut usize) {
    let at = nodes.len();
    if let Some(class) = node.prediction() {
        nodes.push(Node::Leaf {
            leaf: *leaves,
            class1: class == 1,
        });
        *leaves += 1;
        return;
    }
    let (feature, split, _) = node.split();
    nodes.push(Node::Leaf {
        leaf: usize::MAX,
        class1: false,
    });
    let children = node.children();
    let mut child_at = [at; 2];
    for (side, child) in children.into_iter().enumerate() {
        if let Some(child) = child.as_deref() {
            child_at[side] = nodes.len();
            flatten(child, nodes, leaves);
        }
    }
    // A split with a missing child (linfa never builds one) sends that side
    // back to itself: `leaf_of`'s bound then ends the walk with `None`.
    nodes[at] = Node::Split {
        feature,
        split,
        left: child_at[0],
        right: child_at[1],
    };
}

/// How a model's raw confidence is read: its probabilities, or its leaves.
#[derive(Clone, Debug, PartialEq)]
enum Raw {
    Probabilities,
    Leaves(TreeLeaves),
}

/// Everything needed to estimate a model's accuracy from inputs alone, fixed
/// when it is trained: how its confidence is read and the calibration map
/// fitted on its hold-out.
#[derive(Clone, Debug, PartialEq)]
pub struct Calibration {
    raw: Raw,
    /// The map from raw confidence to the chance of being right.
    pub platt: Platt,
    /// The model's accuracy measured on the hold-out it was calibrated on.
    pub holdout_accuracy: f64,
    /// Its estimate on the same rows (after calibration): what the estimate
    /// says on data like its own.
    pub holdout_estimate: f64,
    /// Rows of that hold-out.
    pub holdout_rows: usize,
}

/// Each row's raw confidence (the probability of the predicted class) and
/// whether the model predicts class 1 there.
fn raw_confidence(model: &TrainedModel, raw: &Raw, x: &[[f64; 2]]) -> Vec<f64> {
    if x.is_empty() {
        return Vec::new();
    }
    match (model, raw) {
        (_, Raw::Leaves(leaves)) => x.iter().map(|p| leaves.confidence(p)).collect(),
        (TrainedModel::Logistic(m), Raw::Probabilities) => {
            retrain_fit::logistic_probabilities(m, x)
                .into_iter()
                .map(|p| p.max(1.0 - p))
                .collect()
        }
        // A tree always reads its leaves (see `calibrate`); a tree paired
        // with no leaves knows nothing about its confidence.
        (TrainedModel::Tree(_), Raw::Probabilities) => vec![0.5; x.len()],
    }
}

/// Fixes how `model` (trained on `train`) estimates its accuracy: its leaves'
/// class counts on `train` (a tree), then the Platt map fitted on `holdout`.
pub fn calibrate(model: &TrainedModel, train: &Batch, holdout: &Batch) -> Calibration {
    calibrate_with(model, train, holdout, PULL)
}

/// [`calibrate`] with the pull towards the identity chosen by the caller (the
/// measurement in docs/late-labels.md compares them; 0 is plain Platt
/// scaling, a huge pull the raw confidence).
pub fn calibrate_with(
    model: &TrainedModel,
    train: &Batch,
    holdout: &Batch,
    pull: f64,
) -> Calibration {
    let raw = match model {
        TrainedModel::Logistic(_) => Raw::Probabilities,
        TrainedModel::Tree(tree) => {
            let mut leaves = TreeLeaves::of(tree);
            leaves.count(train);
            Raw::Leaves(leaves)
        }
    };
    let confidence = raw_confidence(model, &raw, &holdout.x);
    let predicted = model.predict(&holdout.x);
    let pairs: Vec<(f64, bool)> = confidence
        .iter()
        .zip(predicted.iter().zip(&holdout.y))
        .map(|(&c, (p, y))| (c, p == y))
        .collect();
    let platt = Platt::fit(&pairs, pull.max(0.0));
    let n = pairs.len();
    let right = pairs.iter().filter(|(_, r)| *r).count();
    let mean = |v: f64| if n == 0 { f64::NAN } else { v / n as f64 };
    let holdout_estimate = mean(confidence.iter().map(|&c| platt.apply(c)).sum());
    Calibration {
        raw,
        platt,
        holdout_accuracy: mean(right as f64),
        holdout_estimate,
        holdout_rows: n,
    }
}

impl Calibration {
    /// The estimated accuracy of `model` (the one this calibrates) on rows
    /// `x`, from the inputs alone: the mean calibrated confidence. `None` for
    /// no rows.
    ///
    /// The same figure as the mean of [`Calibration::confidences`], in one
    /// pass and with one exponential per row at most (it runs on every batch
    /// whose labels are late): for logistic regression the raw confidence is
    /// σ(|z|) with z = w·x + b, so its logit is |z| and the calibrated one is
    /// σ(a·|z| + b'); a tree's calibrated confidence is worked out once per
    /// leaf.
    pub fn estimate(&self, model: &TrainedModel, x: &[[f64; 2]]) -> Option<f64> {
        if x.is_empty() {
            return None;
        }
        let calibrated = |c: f64| self.platt.apply(c).clamp(0.0, 1.0);
        let sum: f64 = match (model, &self.raw) {
            (_, Raw::Leaves(leaves)) => {
                let per_leaf: Vec<f64> = leaves
                    .counts
                    .iter()
                    .map(|&(n, k)| calibrated((f64::from(k) + 1.0) / (f64::from(n) + 2.0)))
                    .collect();
                let unknown = calibrated(0.5);
                x.iter()
                    .map(|p| {
                        leaves
                            .leaf_of(p)
                            .and_then(|(leaf, _)| per_leaf.get(leaf).copied())
                            .unwrap_or(unknown)
                    })
                    .sum()
            }
            (TrainedModel::Logistic(m), Raw::Probabilities) => {
                let (w, b) = (m.params(), m.intercept());
                let (w0, w1) = (w[0], w[1]);
                let Platt { slope, intercept } = self.platt;
                // `logit` keeps a confidence below 1 − EDGE: the same cap on |z|.
                let cap = logit(1.0 - EDGE);
                x.iter()
                    .map(|p| {
                        let z = (w0 * p[0] + w1 * p[1] + b).abs();
                        let z = if z.is_finite() { z.min(cap) } else { 0.0 };
                        let q = sigmoid(slope * z + intercept);
                        if q.is_finite() {
                            q.clamp(0.0, 1.0)
                        } else {
                            sigmoid(z).clamp(0.0, 1.0)
                        }
                    })
                    .sum()
            }
            (TrainedModel::Tree(_), Raw::Probabilities) => return self.mean_of(model, x),
        };
        Some(sum / x.len() as f64)
    }

    /// The mean of [`Calibration::confidences`] (the definition `estimate`
    /// computes faster).
    pub fn mean_of(&self, model: &TrainedModel, x: &[[f64; 2]]) -> Option<f64> {
        let c = self.confidences(model, x);
        (!c.is_empty()).then(|| c.iter().sum::<f64>() / c.len() as f64)
    }

    /// Each row's calibrated confidence.
    pub fn confidences(&self, model: &TrainedModel, x: &[[f64; 2]]) -> Vec<f64> {
        raw_confidence(model, &self.raw, x)
            .into_iter()
            .map(|c| self.platt.apply(c).clamp(0.0, 1.0))
            .collect()
    }

    /// Each row's raw (uncalibrated) confidence.
    pub fn raw_confidences(&self, model: &TrainedModel, x: &[[f64; 2]]) -> Vec<f64> {
        raw_confidence(model, &self.raw, x)
    }
}

// Native only: the core is tested natively (approx is a native dev-dependency).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::ml::train::train;
    use crate::sim::params::ModelKind;
    use crate::sim::stream::drift::DriftState;
    use crate::sim::stream::{generate_batch, rng_from_seed};
    use approx::assert_abs_diff_eq;
    use ndarray::Array2;

    fn data(rows: usize, seed: u64) -> Batch {
        generate_batch(
            &mut rng_from_seed(seed),
            0,
            rows,
            &DriftState::none(0),
            0.05,
        )
    }

    #[test]
    fn the_identity_map_returns_the_confidence() {
        for c in [0.5, 0.6, 0.75, 0.9, 0.999] {
            assert_abs_diff_eq!(Platt::IDENTITY.apply(c), c, epsilon = 1e-9);
        }
        assert_eq!(Platt::fit(&[], 5.0), Platt::IDENTITY);
    }

    #[test]
    fn the_estimate_is_the_mean_confidence_of_the_predicted_class() {
        // Known answer: logistic regression's estimate under the identity map
        // is the mean of max(p, 1 − p) of its own probabilities.
        let train_set = data(400, 1);
        let TrainedModel::Logistic(m) =
            train(ModelKind::LogisticRegression, 6, &train_set).unwrap()
        else {
            unreachable!()
        };
        let model = TrainedModel::Logistic(m.clone());
        let mut cal = calibrate(&model, &train_set, &data(150, 2));
        cal.platt = Platt::IDENTITY;
        let rows = vec![[0.0, 0.0], [2.0, -1.0], [-3.0, 0.5], [0.3, 0.2]];
        let mut a = Array2::zeros((4, 2));
        for (i, p) in rows.iter().enumerate() {
            a[[i, 0]] = p[0];
            a[[i, 1]] = p[1];
        }
        let want = m
            .predict_probabilities(&a)
            .iter()
            .map(|p| p.max(1.0 - p))
            .sum::<f64>()
            / 4.0;
        assert_abs_diff_eq!(cal.estimate(&model, &rows).unwrap(), want, epsilon = 1e-12);
        assert_eq!(cal.estimate(&model, &[]), None);
    }

    #[test]
    fn the_one_pass_estimate_equals_the_mean_calibrated_confidence() {
        // `estimate` (one exp per row, a tree's leaves worked out once) is the
        // mean of `confidences`, for both models, calibrated or not, on rows
        // near and far from the training data.
        let train_set = data(800, 5);
        let far: Vec<[f64; 2]> = (0..200)
            .map(|i| [i as f64 * 0.3 - 30.0, 25.0 - i as f64 * 0.2])
            .collect();
        for kind in [ModelKind::LogisticRegression, ModelKind::DecisionTree] {
            let model = train(kind, 6, &train_set).unwrap();
            let cal = calibrate(&model, &train_set, &data(150, 6));
            for rows in [
                data(1000, 7).x,
                far.clone(),
                vec![[f64::NAN, 0.0], [1e300, -1e300]],
            ] {
                let (fast, slow) = (cal.estimate(&model, &rows), cal.mean_of(&model, &rows));
                assert_abs_diff_eq!(fast.unwrap(), slow.unwrap(), epsilon = 1e-12);
            }
            assert_eq!(cal.estimate(&model, &[]), None);
        }
    }

    #[test]
    fn a_tree_reads_its_leaves_class_counts() {
        let train_set = data(600, 3);
        let model = train(ModelKind::DecisionTree, 3, &train_set).unwrap();
        let TrainedModel::Tree(tree) = &model else {
            unreachable!()
        };
        let mut leaves = TreeLeaves::of(tree);
        leaves.count(&train_set);
        // Every training row lands in a leaf, and the flat walk agrees with
        // linfa's own predictions.
        let total: u32 = leaves.counts.iter().map(|c| c.0).sum();
        assert_eq!(total as usize, train_set.len());
        let predicted = model.predict(&train_set.x);
        for (x, p) in train_set.x.iter().zip(&predicted) {
            assert_eq!(leaves.leaf_of(x).map(|l| l.1), Some(*p));
        }
        // Known answer: a row's confidence is (k + 1) / (n + 2) of its leaf.
        let x = train_set.x[0];
        let (leaf, class1) = leaves.leaf_of(&x).unwrap();
        let in_leaf: Vec<bool> = train_set
            .x
            .iter()
            .zip(&train_set.y)
            .filter(|(p, _)| leaves.leaf_of(p).map(|l| l.0) == Some(leaf))
            .map(|(_, &y)| y == class1)
            .collect();
        let k = in_leaf.iter().filter(|&&r| r).count() as f64;
        let want = (k + 1.0) / (in_leaf.len() as f64 + 2.0);
        assert_abs_diff_eq!(leaves.confidence(&x), want, epsilon = 1e-12);
        assert!(leaves.confidence(&x) > 0.5);
    }

    #[test]
    fn platt_scaling_corrects_an_overconfident_model() {
        // Says 0.95 where it is right 75 % of the time and 0.85 where it is
        // right 65 %: two levels, two parameters, an exact fit; part way
        // under a strong pull.
        let mut pairs: Vec<(f64, bool)> = (0..400).map(|i| (0.95, i % 4 != 0)).collect();
        pairs.extend((0..400).map(|i| (0.85, i % 20 < 13)));
        let plain = Platt::fit(&pairs, 0.0);
        assert_abs_diff_eq!(plain.apply(0.95), 0.75, epsilon = 1e-6);
        assert_abs_diff_eq!(plain.apply(0.85), 0.65, epsilon = 1e-6);
        assert_abs_diff_eq!(Platt::fit(&pairs, PULL).apply(0.95), 0.75, epsilon = 5e-3);
        let pulled = Platt::fit(&pairs, 400.0).apply(0.95);
        assert!(pulled < 0.93 && pulled > 0.76, "{pulled}");
        // An honest model (right 90 % where it says 0.9, 60 % where it says
        // 0.6) is left nearly alone.
        let mut honest: Vec<(f64, bool)> = (0..200).map(|i| (0.9, i % 10 != 0)).collect();
        honest.extend((0..200).map(|i| (0.6, i % 5 < 3)));
        let fit = Platt::fit(&honest, PULL);
        assert_abs_diff_eq!(fit.apply(0.9), 0.9, epsilon = 0.01);
        assert_abs_diff_eq!(fit.apply(0.6), 0.6, epsilon = 0.01);
        // All right on a tiny hold-out: the pull keeps the fit finite.
        let fit = Platt::fit(&[(0.8, true); 6], PULL);
        assert!(fit.slope.is_finite() && fit.intercept.is_finite());
        assert!(fit.apply(0.8) > 0.8 && fit.apply(0.8) < 1.0);
    }

    #[test]
    fn plain_platt_matches_the_holdout_accuracy_on_its_own_rows() {
        // The fit has an intercept, so (without the pull) the calibrated
        // confidences sum to the right answers on the rows it was fitted on.
        let train_set = data(600, 5);
        let holdout = data(300, 6);
        for kind in [ModelKind::LogisticRegression, ModelKind::DecisionTree] {
            let model = train(kind, 6, &train_set).unwrap();
            let cal = calibrate_with(&model, &train_set, &holdout, 0.0);
            assert_abs_diff_eq!(cal.holdout_estimate, cal.holdout_accuracy, epsilon = 1e-6);
            assert_eq!(cal.holdout_rows, 300);
        }
    }

    #[test]
    fn degenerate_inputs_never_panic() {
        let train_set = data(200, 7);
        let model = train(ModelKind::DecisionTree, 4, &train_set).unwrap();
        let empty = Batch {
            cycle: 0,
            x: Vec::new(),
            y: Vec::new(),
        };
        let cal = calibrate(&model, &train_set, &empty);
        assert_eq!(cal.platt, Platt::IDENTITY);
        assert!(cal.holdout_accuracy.is_nan());
        let odd = [[f64::NAN, 1.0], [f64::INFINITY, -1e300]];
        let e = cal.estimate(&model, &odd).unwrap();
        assert!((0.0..=1.0).contains(&e), "{e}");
    }
}
