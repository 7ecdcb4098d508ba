//! Real training with linfa: logistic regression or a decision tree fitted on
//! the rows of the training window, and the predictions the page draws.

use linfa::prelude::*;
use linfa_logistic::LogisticRegression;
use linfa_trees::DecisionTree;
use ndarray::{Array1, Array2};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::sim::params::ModelKind;
use crate::sim::stream::{Batch, VIEW_HALF_SIDE};

/// The fewest training rows a model is fitted on; fewer is a degenerate window.
pub const MIN_TRAIN_ROWS: usize = 10;
/// Iteration cap of L-BFGS for logistic regression (linfa's default is 100).
pub const LOGISTIC_MAX_ITERATIONS: u64 = 100;
/// L2 penalty of logistic regression (linfa's default, 1.0).
pub const LOGISTIC_ALPHA: f64 = 1.0;
/// L-BFGS stops when the gradient's norm is below this times the number of
/// rows. linfa minimises the SUM of the row losses, whose gradient grows with
/// the rows; scikit-learn (`tol=1e-4`) minimises their MEAN. Scaling by the
/// rows gives both the same stopping rule, so a 100,000-row window is not held
/// to a 100,000× stricter standard than a 1-row one.
pub const LOGISTIC_GRADIENT_TOLERANCE: f64 = 1e-4;
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

/// Where L-BFGS starts a logistic regression fit. The loss is convex, so every
/// start reaches the same optimum; a start near it needs fewer iterations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LogisticStart {
    /// All weights zero (linfa's default).
    Zero,
    /// The previous (live) model's weights: warm start.
    Previous,
    /// The closed-form linear discriminant (LDA) of the window: one pass over
    /// the rows, exact for two Gaussian classes with a shared covariance.
    Discriminant,
    /// Whichever of the previous model and the discriminant has the lower loss
    /// on the window (the discriminant when there is no previous model).
    Best,
    /// [`LogisticStart::Best`], then up to [`NEWTON_STEPS`] Newton steps on
    /// the same penalised loss (one pass over the rows each: gradient and the
    /// 3 × 3 Hessian). L-BFGS then starts next to the optimum and usually only
    /// has to confirm it.
    Refined,
}

/// Newton steps of [`LogisticStart::Refined`].
pub const NEWTON_STEPS: usize = 3;

/// The start the app uses (chosen by `examples/warm_start.rs`, see BENCHMARKS.md).
pub const LOGISTIC_START: LogisticStart = LogisticStart::Refined;

/// The class linfa-logistic calls positive on `data`: the more frequent one
/// (the first row's on a tie).
fn linfa_positive(data: &Batch) -> bool {
    let positives = data.positives();
    match (2 * positives).cmp(&data.len()) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal => data.y.first().copied().unwrap_or(true),
    }
}

/// Logistic weights `[w1, w2, b]` whose logit is that of class 1 (`true`).
type Logit = [f64; 3];

/// The live model's weights, as a class-1 logit.
fn previous_logit(previous: &TrainedModel) -> Option<Logit> {
    let TrainedModel::Logistic(m) = previous else {
        return None;
    };
    let sign = if m.labels().pos.class { 1.0 } else { -1.0 };
    let w = m.params();
    let logit = [sign * w[0], sign * w[1], sign * m.intercept()];
    logit.iter().all(|v| v.is_finite()).then_some(logit)
}

/// Linear discriminant analysis of the window, as a class-1 logit:
/// `w = Σ⁻¹ (μ₁ − μ₀)`, `b = −½ w·(μ₁ + μ₀) + ln(n₁ / n₀)` with the pooled
/// covariance `Σ`. `None` when a class is missing or `Σ` is singular.
fn discriminant_logit(data: &Batch) -> Option<Logit> {
    let (mut n, mut sum) = ([0.0f64; 2], [[0.0f64; 2]; 2]);
    for (p, &y) in data.x.iter().zip(&data.y) {
        let c = usize::from(y);
        n[c] += 1.0;
        sum[c][0] += p[0];
        sum[c][1] += p[1];
    }
    if n[0] < 2.0 || n[1] < 2.0 {
        return None;
    }
    let mu = [
        [sum[0][0] / n[0], sum[0][1] / n[0]],
        [sum[1][0] / n[1], sum[1][1] / n[1]],
    ];
    let (mut sxx, mut sxy, mut syy) = (0.0, 0.0, 0.0);
    for (p, &y) in data.x.iter().zip(&data.y) {
        let m = mu[usize::from(y)];
        let (dx, dy) = (p[0] - m[0], p[1] - m[1]);
        sxx += dx * dx;
        sxy += dx * dy;
        syy += dy * dy;
    }
    let dof = n[0] + n[1] - 2.0;
    let (sxx, sxy, syy) = (sxx / dof, sxy / dof, syy / dof);
    let det = sxx * syy - sxy * sxy;
    if !(det.is_finite() && det > 1e-12 * (sxx * syy).max(1e-300)) {
        return None;
    }
    let d = [mu[1][0] - mu[0][0], mu[1][1] - mu[0][1]];
    let w = [
        (syy * d[0] - sxy * d[1]) / det,
        (sxx * d[1] - sxy * d[0]) / det,
    ];
    let mid = [mu[1][0] + mu[0][0], mu[1][1] + mu[0][1]];
    let b = -0.5 * (w[0] * mid[0] + w[1] * mid[1]) + (n[1] / n[0]).ln();
    let logit = [w[0], w[1], b];
    logit.iter().all(|v| v.is_finite()).then_some(logit)
}

/// The penalised loss linfa minimises, at a class-1 logit.
fn logistic_loss(data: &Batch, logit: &Logit) -> f64 {
    let mut loss = 0.0;
    for (p, &y) in data.x.iter().zip(&data.y) {
        let z = logit[0] * p[0] + logit[1] * p[1] + logit[2];
        let yz = if y { z } else { -z };
        // ln(1 + e^(−yz)), stable for both signs.
        loss += if yz > 0.0 {
            (-yz).exp().ln_1p()
        } else {
            -yz + yz.exp().ln_1p()
        };
    }
    loss + 0.5 * LOGISTIC_ALPHA * (logit[0] * logit[0] + logit[1] * logit[1])
}

/// The nearer start of the previous model and the discriminant.
fn best_logit(data: &Batch, previous: Option<&TrainedModel>) -> Option<Logit> {
    match (previous.and_then(previous_logit), discriminant_logit(data)) {
        (Some(a), Some(b)) => Some(if logistic_loss(data, &a) < logistic_loss(data, &b) {
            a
        } else {
            b
        }),
        (a, b) => a.or(b),
    }
}

/// Solves the 3 × 3 system `h · x = g` (Gaussian elimination with partial
/// pivoting); `None` if it is singular.
fn solve3(mut h: [[f64; 3]; 3], mut g: [f64; 3]) -> Option<[f64; 3]> {
    for col in 0..3 {
        let pivot = (col..3).max_by(|&a, &b| h[a][col].abs().total_cmp(&h[b][col].abs()))?;
        if h[pivot][col].abs() < 1e-12 {
            return None;
        }
        h.swap(col, pivot);
        g.swap(col, pivot);
        for row in col + 1..3 {
            let f = h[row][col] / h[col][col];
            let pivot_row = h[col];
            for (cell, above) in h[row].iter_mut().zip(pivot_row).skip(col) {
                *cell -= f * above;
            }
            g[row] -= f * g[col];
        }
    }
    let mut x = [0.0; 3];
    for row in (0..3).rev() {
        let tail: f64 = (row + 1..3).map(|k| h[row][k] * x[k]).sum();
        x[row] = (g[row] - tail) / h[row][row];
    }
    x.iter().all(|v| v.is_finite()).then_some(x)
}

/// The gradient and the (symmetric) Hessian of the penalised logistic loss at
/// `logit`, in one pass over the rows.
fn gradient_and_hessian(data: &Batch, logit: &Logit) -> ([f64; 3], [[f64; 3]; 3]) {
    let mut g = [0.0f64; 3];
    let mut h = [[0.0f64; 3]; 3];
    for (p, &y) in data.x.iter().zip(&data.y) {
        let z = logit[0] * p[0] + logit[1] * p[1] + logit[2];
        let prob = 1.0 / (1.0 + (-z).exp());
        let r = prob - f64::from(u8::from(y));
        let w = prob * (1.0 - prob);
        let v = [p[0], p[1], 1.0];
        for i in 0..3 {
            g[i] += r * v[i];
            for j in i..3 {
                h[i][j] += w * v[i] * v[j];
            }
        }
    }
    // The L2 penalty (not on the intercept).
    for i in 0..2 {
        g[i] += LOGISTIC_ALPHA * logit[i];
        h[i][i] += LOGISTIC_ALPHA;
    }
    let (h01, h02, h12) = (h[0][1], h[0][2], h[1][2]);
    h[1][0] = h01;
    h[2][0] = h02;
    h[2][1] = h12;
    (g, h)
}

/// Newton steps on the penalised logistic loss from `logit`. Each step is one
/// pass over the rows; it stops early once the gradient is within L-BFGS's
/// tolerance, and never returns a point with a larger gradient than it had.
fn newton_refine(data: &Batch, mut logit: Logit) -> Logit {
    let tolerance = LOGISTIC_GRADIENT_TOLERANCE * data.len() as f64;
    let mut best = (f64::INFINITY, logit);
    for step in 0..=NEWTON_STEPS {
        let (g, h) = gradient_and_hessian(data, &logit);
        let norm = g.iter().map(|v| v * v).sum::<f64>().sqrt();
        if !norm.is_finite() || norm >= best.0 {
            break;
        }
        best = (norm, logit);
        if norm < tolerance || step == NEWTON_STEPS {
            break;
        }
        let Some(delta) = solve3(h, g) else {
            break;
        };
        let next = [
            logit[0] - delta[0],
            logit[1] - delta[1],
            logit[2] - delta[2],
        ];
        if !next.iter().all(|v| v.is_finite()) {
            break;
        }
        logit = next;
    }
    best.1
}

/// L-BFGS's starting point for `data`, in linfa's sign convention.
fn start_params(
    data: &Batch,
    previous: Option<&TrainedModel>,
    start: LogisticStart,
) -> Option<Array1<f64>> {
    let logit = match start {
        LogisticStart::Zero => None,
        LogisticStart::Previous => previous.and_then(previous_logit),
        LogisticStart::Discriminant => discriminant_logit(data),
        LogisticStart::Best => best_logit(data, previous),
        LogisticStart::Refined => best_logit(data, previous).map(|l| newton_refine(data, l)),
    }?;
    let sign = if linfa_positive(data) { 1.0 } else { -1.0 };
    Some(Array1::from(vec![
        sign * logit[0],
        sign * logit[1],
        sign * logit[2],
    ]))
}

/// Fits a model of `kind` on `data`, starting logistic regression from
/// [`LOGISTIC_START`] (the loss is convex, so it converges to the same optimum
/// from any start, in fewer iterations from a near one; trees always grow from
/// scratch).
pub fn train_from(
    kind: ModelKind,
    tree_max_depth: usize,
    data: &Batch,
    previous: Option<&TrainedModel>,
) -> Result<TrainedModel, TrainError> {
    train_with_start(kind, tree_max_depth, data, previous, LOGISTIC_START)
}

/// [`train_from`] with the logistic regression's start chosen by the caller
/// (the benchmark compares them).
pub fn train_with_start(
    kind: ModelKind,
    tree_max_depth: usize,
    data: &Batch,
    previous: Option<&TrainedModel>,
    start: LogisticStart,
) -> Result<TrainedModel, TrainError> {
    check_trainable(data)?;
    let x = records(&data.x);
    match kind {
        ModelKind::LogisticRegression => {
            let y = Array1::from(data.y.clone());
            let ds = Dataset::new(x, y);
            let mut params = LogisticRegression::default()
                .alpha(LOGISTIC_ALPHA)
                .gradient_tolerance(LOGISTIC_GRADIENT_TOLERANCE * data.len() as f64)
                .max_iterations(LOGISTIC_MAX_ITERATIONS);
            if let Some(start) = start_params(data, previous, start) {
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

    /// Share of equal entries (here, not from `evaluate`, which sits above training).
    fn accuracy(predicted: &[bool], truth: &[bool]) -> f64 {
        let right = predicted.iter().zip(truth).filter(|(p, t)| p == t).count();
        right as f64 / truth.len() as f64
    }
    use crate::sim::stream::drift::DriftState;
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
    fn the_positive_class_is_the_one_linfa_picks() {
        let base = data(400, 21);
        // Majority false with a true first row; majority true with a false first
        // row; an exact tie each way round.
        let mut cases = Vec::new();
        for (trues, first) in [(100, true), (300, false), (200, true), (200, false)] {
            let mut d = base.clone();
            for (i, y) in d.y.iter_mut().enumerate() {
                *y = i < trues;
            }
            if !first {
                d.y.reverse();
                d.x.reverse();
            }
            assert_eq!(d.y[0], first);
            cases.push(d);
        }
        for d in cases {
            let TrainedModel::Logistic(m) = train(ModelKind::LogisticRegression, 6, &d).unwrap()
            else {
                unreachable!()
            };
            assert_eq!(
                m.labels().pos.class,
                linfa_positive(&d),
                "{} true",
                d.positives()
            );
        }
    }

    #[test]
    fn every_start_reaches_the_same_decision_and_near_starts_are_near() {
        use crate::sim::params::{DriftKind, SimParams};
        use crate::sim::stream::drift::drift_at;
        let params = SimParams::default()
            .drift_kind(DriftKind::Concept)
            .drift_strength(1.0)
            .drift_onset(1);
        let old = data(3000, 31);
        let fresh = generate_batch(&mut rng_from_seed(32), 5, 3000, &drift_at(&params, 5), 0.05);
        let previous = train(ModelKind::LogisticRegression, 6, &old).unwrap();
        let fit = |start| {
            train_with_start(
                ModelKind::LogisticRegression,
                6,
                &fresh,
                Some(&previous),
                start,
            )
            .unwrap()
        };
        let cold = fit(LogisticStart::Zero).predict(&fresh.x);
        for start in [
            LogisticStart::Previous,
            LogisticStart::Discriminant,
            LogisticStart::Best,
            LogisticStart::Refined,
        ] {
            let p = fit(start).predict(&fresh.x);
            let differ = p.iter().zip(&cold).filter(|(a, b)| a != b).count();
            assert!(differ <= 3, "{start:?}: {differ} of 3000 differ");
        }
        // The discriminant is much nearer the optimum than zero, and after a
        // sudden rotation nearer than the stale model, so Best picks it.
        let lda = discriminant_logit(&fresh).unwrap();
        let stale = previous_logit(&previous).unwrap();
        let (l_lda, l_stale) = (logistic_loss(&fresh, &lda), logistic_loss(&fresh, &stale));
        let l_zero = logistic_loss(&fresh, &[0.0; 3]);
        assert!(l_lda < 0.5 * l_zero, "lda {l_lda} zero {l_zero}");
        assert!(l_lda < l_stale, "lda {l_lda} stale {l_stale}");
        // Without drift the live model is the nearer start.
        let same = data(3000, 33);
        let l_live = logistic_loss(&same, &stale);
        assert!(l_live.is_finite() && l_live < l_zero);
    }

    #[test]
    fn newton_steps_land_within_the_stopping_rule() {
        let d = generate_batch(&mut rng_from_seed(51), 0, 5000, &DriftState::none(0), 0.05);
        let lda = discriminant_logit(&d).unwrap();
        let refined = newton_refine(&d, lda);
        let grad_norm = |l: &Logit| {
            let (g, _) = gradient_and_hessian(&d, l);
            g.iter().map(|v| v * v).sum::<f64>().sqrt()
        };
        // The gradient matches central differences of the loss it refines.
        let (g, _) = gradient_and_hessian(&d, &lda);
        for i in 0..3 {
            let (mut up, mut down) = (lda, lda);
            up[i] += 1e-5;
            down[i] -= 1e-5;
            let numeric = (logistic_loss(&d, &up) - logistic_loss(&d, &down)) / 2e-5;
            let close = (numeric - g[i]).abs() < 1e-3 * g[i].abs().max(1.0);
            assert!(close, "{i}: {numeric} vs {}", g[i]);
        }
        let tolerance = LOGISTIC_GRADIENT_TOLERANCE * d.len() as f64;
        assert!(
            grad_norm(&lda) > tolerance,
            "the discriminant alone is not optimal"
        );
        assert!(
            grad_norm(&refined) < tolerance,
            "{} ≥ {tolerance}",
            grad_norm(&refined)
        );
        assert!(logistic_loss(&d, &refined) < logistic_loss(&d, &lda));
        // From zero, NEWTON_STEPS steps do not reach it, but never make things worse.
        let from_zero = newton_refine(&d, [0.0; 3]);
        assert!(grad_norm(&from_zero) <= grad_norm(&[0.0; 3]));
    }

    #[test]
    fn three_by_three_systems_are_solved_or_refused() {
        let h = [[4.0, 1.0, 0.5], [1.0, 3.0, 0.2], [0.5, 0.2, 2.0]];
        let x = solve3(h, [1.0, 2.0, 3.0]).unwrap();
        for (row, want) in h.iter().zip([1.0, 2.0, 3.0]) {
            let got: f64 = row.iter().zip(&x).map(|(a, b)| a * b).sum();
            assert!((got - want).abs() < 1e-12);
        }
        assert_eq!(
            solve3(
                [[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [0.0, 0.0, 1.0]],
                [1.0; 3]
            ),
            None
        );
    }

    #[test]
    fn discriminant_needs_both_classes_and_spread() {
        let mut d = data(50, 41);
        d.y.iter_mut().for_each(|v| *v = false);
        assert_eq!(discriminant_logit(&d), None);
        let mut flat = data(50, 42);
        flat.x.iter_mut().for_each(|p| *p = [1.0, 1.0]);
        assert_eq!(discriminant_logit(&flat), None);
        // Degenerate starts fall back to zero, and training still works.
        let mut line = data(60, 43);
        line.x.iter_mut().for_each(|p| p[1] = 2.0 * p[0]);
        assert!(train(ModelKind::LogisticRegression, 6, &line).is_ok());
    }

    #[test]
    fn predict_on_no_rows_is_empty() {
        let m = train(ModelKind::LogisticRegression, 6, &data(100, 8)).unwrap();
        assert!(m.predict(&[]).is_empty());
    }
}
