//! Real training with linfa: logistic regression or a decision tree fitted on
//! the rows of the training window, and the predictions the page draws.

use linfa::prelude::*;
use linfa_logistic::LogisticRegression;
use linfa_trees::DecisionTree;
use ndarray::{Array1, Array2};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::params::ModelKind;
use super::stream::{Batch, VIEW_HALF_SIDE};

/// The fewest training rows a model is fitted on; fewer is a degenerate window.
pub const MIN_TRAIN_ROWS: usize = 10;
/// Iteration cap of L-BFGS for logistic regression (linfa's default is 100).
pub const LOGISTIC_MAX_ITERATIONS: u64 = 100;
/// L2 penalty of logistic regression (linfa's default, 1.0).
pub const LOGISTIC_ALPHA: f64 = 1.0;
/// Cells per side of the grid on which decision regions are drawn.
pub const GRID_CELLS: usize = 40;

/// Why a training window could not produce a model. The cycle turns these into
/// an alert; the live model stays.
#[derive(Clone, Debug, PartialEq, Error, Serialize, Deserialize)]
pub enum TrainError {
    /// Too few rows to fit anything meaningful.
    #[error("too few rows to train ({rows}, need at least {min})")]
    TooFewRows {
        /// Rows in the window.
        rows: usize,
        /// Rows needed.
        min: usize,
    },
    /// Every label is the same class, so there is no boundary to learn.
    #[error("the training data holds only class {class}, so there is no boundary to learn")]
    SingleClass {
        /// The one class present (0 or 1).
        class: u8,
    },
    /// A feature value is NaN or infinite.
    #[error("the training data holds a missing or infinite value (row {row})")]
    NonFinite {
        /// First offending row.
        row: usize,
    },
    /// linfa refused the data or failed to converge.
    #[error("the learner failed: {0}")]
    Learner(String),
}

/// A fitted model of either kind.
#[derive(Clone, Debug, PartialEq)]
pub enum TrainedModel {
    /// A fitted logistic regression.
    Logistic(linfa_logistic::FittedLogisticRegression<f64, bool>),
    /// A fitted decision tree (labels 0/1).
    Tree(DecisionTree<f64, usize>),
}

/// The straight boundary of a logistic regression, `w1*x1 + w2*x2 + b = 0`,
/// which the page draws as a line.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinearBoundary {
    /// Weight of feature 1.
    pub w1: f64,
    /// Weight of feature 2.
    pub w2: f64,
    /// Intercept.
    pub b: f64,
}

/// Predicted class over a square grid covering the view, row by row from the
/// bottom (x2 = -VIEW_HALF_SIDE) to the top, each row from left to right.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DecisionGrid {
    /// Cells per side.
    pub cells: usize,
    /// Half the side of the square covered.
    pub half_side: f64,
    /// `true` where the model predicts class 1.
    pub class1: Vec<bool>,
}

fn records(x: &[[f64; 2]]) -> Array2<f64> {
    let mut a = Array2::zeros((x.len(), 2));
    for (i, p) in x.iter().enumerate() {
        a[[i, 0]] = p[0];
        a[[i, 1]] = p[1];
    }
    a
}

/// Checks a window before it reaches linfa, so degenerate data gives a clear reason.
pub fn check_trainable(data: &Batch) -> Result<(), TrainError> {
    if data.len() < MIN_TRAIN_ROWS {
        return Err(TrainError::TooFewRows {
            rows: data.len(),
            min: MIN_TRAIN_ROWS,
        });
    }
    if let Some(row) = data
        .x
        .iter()
        .position(|p| !p[0].is_finite() || !p[1].is_finite())
    {
        return Err(TrainError::NonFinite { row });
    }
    let positives = data.positives();
    if positives == 0 || positives == data.len() {
        return Err(TrainError::SingleClass {
            class: u8::from(positives > 0),
        });
    }
    Ok(())
}

/// Fits a model of `kind` on `data`.
pub fn train(
    kind: ModelKind,
    tree_max_depth: usize,
    data: &Batch,
) -> Result<TrainedModel, TrainError> {
    train_from(kind, tree_max_depth, data, None)
}

/// The live model's weights as L-BFGS's starting point, in the sign convention
/// of `data` (linfa makes the first label it sees the positive class).
fn warm_start_params(previous: &TrainedModel, data: &Batch) -> Option<Array1<f64>> {
    let TrainedModel::Logistic(m) = previous else {
        return None;
    };
    let first = *data.y.first()?;
    let sign = if m.labels().pos.class == first {
        1.0
    } else {
        -1.0
    };
    let w = m.params();
    let start = Array1::from(vec![sign * w[0], sign * w[1], sign * m.intercept()]);
    start.iter().all(|v| v.is_finite()).then_some(start)
}

/// Fits a model of `kind` on `data`, starting logistic regression from
/// `previous` when given (warm start: the loss is convex, so it converges to the
/// same optimum, usually in fewer iterations; trees always grow from scratch).
pub fn train_from(
    kind: ModelKind,
    tree_max_depth: usize,
    data: &Batch,
    previous: Option<&TrainedModel>,
) -> Result<TrainedModel, TrainError> {
    check_trainable(data)?;
    let x = records(&data.x);
    match kind {
        ModelKind::LogisticRegression => {
            let y = Array1::from(data.y.clone());
            let ds = Dataset::new(x, y);
            let mut params = LogisticRegression::default()
                .alpha(LOGISTIC_ALPHA)
                .max_iterations(LOGISTIC_MAX_ITERATIONS);
            if let Some(start) = previous.and_then(|p| warm_start_params(p, data)) {
                params = params.initial_params(start);
            }
            params
                .fit(&ds)
                .map(TrainedModel::Logistic)
                .map_err(|e| TrainError::Learner(e.to_string()))
        }
        ModelKind::DecisionTree => {
            let y: Array1<usize> = data.y.iter().map(|&v| usize::from(v)).collect();
            // linfa-trees breaks a tie between classes in a leaf by HashMap order,
            // which is random per process; a tiny extra weight on class 0 makes the
            // tie-break (and so the whole run) reproducible without moving any split.
            let w: Array1<f32> = data
                .y
                .iter()
                .map(|&v| if v { 1.0 } else { 1.0 + 1e-4 })
                .collect();
            let ds = Dataset::new(x, y).with_weights(w);
            DecisionTree::params()
                .max_depth(Some(tree_max_depth))
                .fit(&ds)
                .map(TrainedModel::Tree)
                .map_err(|e| TrainError::Learner(e.to_string()))
        }
    }
}

impl TrainedModel {
    /// Which learner this is.
    pub fn kind(&self) -> ModelKind {
        match self {
            TrainedModel::Logistic(_) => ModelKind::LogisticRegression,
            TrainedModel::Tree(_) => ModelKind::DecisionTree,
        }
    }

    /// Predicted labels for the rows.
    pub fn predict(&self, x: &[[f64; 2]]) -> Vec<bool> {
        if x.is_empty() {
            return Vec::new();
        }
        let a = records(x);
        match self {
            TrainedModel::Logistic(m) => m.predict(&a).to_vec(),
            TrainedModel::Tree(m) => m.predict(&a).iter().map(|&c| c == 1).collect(),
        }
    }

    /// The straight boundary, for logistic regression only.
    pub fn linear_boundary(&self) -> Option<LinearBoundary> {
        match self {
            TrainedModel::Logistic(m) => {
                let p = m.params();
                Some(LinearBoundary {
                    w1: p[0],
                    w2: p[1],
                    b: m.intercept(),
                })
            }
            TrainedModel::Tree(_) => None,
        }
    }

    /// Predictions over the view grid, for drawing decision regions.
    pub fn decision_grid(&self) -> DecisionGrid {
        let cells = GRID_CELLS;
        let side = 2.0 * VIEW_HALF_SIDE / cells as f64;
        let mut centres = Vec::with_capacity(cells * cells);
        for row in 0..cells {
            for col in 0..cells {
                centres.push([
                    -VIEW_HALF_SIDE + (col as f64 + 0.5) * side,
                    -VIEW_HALF_SIDE + (row as f64 + 0.5) * side,
                ]);
            }
        }
        DecisionGrid {
            cells,
            half_side: VIEW_HALF_SIDE,
            class1: self.predict(&centres),
        }
    }
}

// Native only: the core is tested natively (proptest and approx are native dev-dependencies).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::drift::DriftState;
    use crate::sim::evaluate::accuracy;
    use crate::sim::stream::{generate_batch, rng_from_seed};

    fn data(rows: usize, seed: u64) -> Batch {
        generate_batch(&mut rng_from_seed(seed), 0, rows, &DriftState::none(0), 0.0)
    }

    #[test]
    fn both_learners_beat_chance_on_clean_data() {
        let train_set = data(600, 1);
        let test_set = data(400, 2);
        for kind in [ModelKind::LogisticRegression, ModelKind::DecisionTree] {
            let m = train(kind, 6, &train_set).expect("trains");
            let acc = accuracy(&m.predict(&test_set.x), &test_set.y);
            assert!(acc > 0.85, "{kind:?} accuracy {acc}");
        }
    }

    #[test]
    fn rejects_single_class() {
        let mut d = data(50, 3);
        d.y.iter_mut().for_each(|v| *v = true);
        let err = train(ModelKind::LogisticRegression, 6, &d).unwrap_err();
        assert!(matches!(err, TrainError::SingleClass { class: 1 }));
    }

    #[test]
    fn rejects_too_few_rows_and_nan() {
        let err = train(ModelKind::DecisionTree, 6, &data(5, 4)).unwrap_err();
        assert!(matches!(err, TrainError::TooFewRows { rows: 5, .. }));
        let mut d = data(50, 5);
        d.x[7][1] = f64::NAN;
        let err = train(ModelKind::LogisticRegression, 6, &d).unwrap_err();
        assert_eq!(err, TrainError::NonFinite { row: 7 });
    }

    #[test]
    fn tree_training_is_reproducible() {
        let d = data(300, 6);
        let grid_a = train(ModelKind::DecisionTree, 8, &d)
            .unwrap()
            .decision_grid();
        let grid_b = train(ModelKind::DecisionTree, 8, &d)
            .unwrap()
            .decision_grid();
        assert_eq!(grid_a, grid_b);
    }

    #[test]
    fn logistic_boundary_matches_the_generating_direction() {
        let m = train(ModelKind::LogisticRegression, 6, &data(2000, 7)).unwrap();
        let b = m.linear_boundary().unwrap();
        // The weight vector may point either way (linfa picks which label is
        // "positive"); the line's orientation is what must match.
        let off = (b.w2.atan2(b.w1).to_degrees() - 35.0).rem_euclid(180.0);
        assert!(!(8.0..=172.0).contains(&off), "orientation off by {off}");
        assert_eq!(m.decision_grid().class1.len(), GRID_CELLS * GRID_CELLS);
    }

    #[test]
    fn warm_start_reaches_the_same_decision() {
        let old = train(ModelKind::LogisticRegression, 6, &data(1500, 11)).unwrap();
        let mut fresh = data(1500, 12);
        // Start with the other label so the sign convention flips.
        let first_true = fresh.y.iter().position(|&v| v).unwrap();
        fresh.y.swap(0, first_true);
        fresh.x.swap(0, first_true);
        let cold = train(ModelKind::LogisticRegression, 6, &fresh).unwrap();
        let warm = train_from(ModelKind::LogisticRegression, 6, &fresh, Some(&old)).unwrap();
        let test_set = data(2000, 13);
        let (a, b) = (cold.predict(&test_set.x), warm.predict(&test_set.x));
        let differ = a.iter().zip(&b).filter(|(x, y)| x != y).count();
        assert!(differ <= 10, "{differ} of 2000 predictions differ");
        let (ca, wa) = (accuracy(&a, &test_set.y), accuracy(&b, &test_set.y));
        assert!((ca - wa).abs() < 0.005, "cold {ca} warm {wa}");
    }

    #[test]
    fn predict_on_no_rows_is_empty() {
        let m = train(ModelKind::LogisticRegression, 6, &data(100, 8)).unwrap();
        assert!(m.predict(&[]).is_empty());
    }
}
