//! Retrain Playground's training kernels: every fit and prediction of linfa's
//! models the simulation makes, and the passes over the rows that choose where
//! a logistic regression's fit starts, as plain (non-generic) functions over
//! rows of two `f64` features. linfa's generic code is compiled in the crate
//! that names its types; here, that is this crate, which the worker's profile
//! optimises for speed while it optimises the rest of the worker for size
//! (BENCHMARKS.md, "the worker's training kernels in a crate of their own").
//!
//! No browser, no simulation types: rows in, models, labels and numbers out.
//! The simulation (`retrain_playground::sim::ml::train`) checks the data first,
//! chooses the settings and words the errors.

mod start;

use linfa::prelude::*;
use linfa_logistic::LogisticRegression;
use ndarray::{Array1, Array2};

pub use linfa_logistic::FittedLogisticRegression;
pub use linfa_trees::{DecisionTree, TreeNode};
pub use start::{discriminant_logit, gradient_and_hessian, logistic_loss, newton_refine, Logit};

/// A fitted logistic regression on two `f64` features with `bool` labels.
pub type Logistic = FittedLogisticRegression<f64, bool>;
/// A fitted decision tree on two `f64` features with labels 0 and 1.
pub type Tree = DecisionTree<f64, usize>;

/// How a logistic regression is fitted (L-BFGS on the penalised loss).
#[derive(Clone, Debug, PartialEq)]
pub struct LogisticFit {
    /// L2 penalty (not on the intercept).
    pub alpha: f64,
    /// L-BFGS stops when the gradient's norm is below this.
    pub gradient_tolerance: f64,
    /// Iteration cap of L-BFGS.
    pub max_iterations: u64,
    /// Where L-BFGS starts: the two weights and the intercept, in linfa's sign
    /// convention; all zero if `None`.
    pub start: Option<[f64; 3]>,
}

/// The rows as linfa's records: one row per point, two columns.
fn records(x: &[[f64; 2]]) -> Array2<f64> {
    let mut a = Array2::zeros((x.len(), 2));
    for (i, p) in x.iter().enumerate() {
        a[[i, 0]] = p[0];
        a[[i, 1]] = p[1];
    }
    a
}

/// Fits a logistic regression on rows `x` and labels `y`; linfa's error in
/// words if it refuses.
pub fn fit_logistic(x: &[[f64; 2]], y: &[bool], fit: &LogisticFit) -> Result<Logistic, String> {
    let mut params = LogisticRegression::default()
        .alpha(fit.alpha)
        .gradient_tolerance(fit.gradient_tolerance)
        .max_iterations(fit.max_iterations);
    if let Some(start) = fit.start {
        params = params.initial_params(Array1::from(start.to_vec()));
    }
    params
        .fit(&Dataset::new(records(x), Array1::from(y.to_vec())))
        .map_err(|e| e.to_string())
}

/// Fits a decision tree of at most `max_depth` levels on rows `x` and labels
/// `y`; linfa's error in words if it refuses.
pub fn fit_tree(x: &[[f64; 2]], y: &[bool], max_depth: usize) -> Result<Tree, String> {
    let labels: Array1<usize> = y.iter().map(|&v| usize::from(v)).collect();
    // linfa-trees breaks a tie between classes in a leaf by HashMap order,
    // which is random per process; a tiny extra weight on class 0 makes the
    // tie-break (and so the whole run) reproducible without moving any split.
    let weights: Array1<f32> = y
        .iter()
        .map(|&v| if v { 1.0 } else { 1.0 + 1e-4 })
        .collect();
    DecisionTree::params()
        .max_depth(Some(max_depth))
        .fit(&Dataset::new(records(x), labels).with_weights(weights))
        .map_err(|e| e.to_string())
}

/// The logistic regression's labels for rows `x`.
pub fn predict_logistic(model: &Logistic, x: &[[f64; 2]]) -> Vec<bool> {
    if x.is_empty() {
        return Vec::new();
    }
    model.predict(&records(x)).to_vec()
}

/// The logistic regression's probability of its positive label for each row
/// of `x` (linfa's `predict_probabilities`).
pub fn logistic_probabilities(model: &Logistic, x: &[[f64; 2]]) -> Vec<f64> {
    if x.is_empty() {
        return Vec::new();
    }
    model.predict_probabilities(&records(x)).to_vec()
}

/// The tree's labels for rows `x` (`true` for class 1).
pub fn predict_tree(model: &Tree, x: &[[f64; 2]]) -> Vec<bool> {
    if x.is_empty() {
        return Vec::new();
    }
    model.predict(&records(x)).iter().map(|&c| c == 1).collect()
}
