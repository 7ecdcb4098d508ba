//! Real training with linfa: logistic regression or a decision tree fitted on
//! the rows of the training window, and the predictions the page draws.

use retrain_fit::{Logistic, LogisticFit, Logit, Tree};
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
    Logistic(Logistic),
    /// A fitted decision tree (labels 0/1).
    Tree(Tree),
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

/// Linear discriminant analysis of the window, as a class-1 logit
/// ([`retrain_fit::discriminant_logit`]).
fn discriminant_logit(data: &Batch) -> Option<Logit> {
    retrain_fit::discriminant_logit(&data.x, &data.y)
}

/// The penalised loss linfa minimises, at a class-1 logit.
fn logistic_loss(data: &Batch, logit: &Logit) -> f64 {
    retrain_fit::logistic_loss(&data.x, &data.y, logit, LOGISTIC_ALPHA)
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

/// The gradient and the Hessian of the penalised logistic loss at `logit`
/// (the native tests' check that a start is at the optimum).
#[cfg(all(test, not(target_arch = "wasm32")))]
fn gradient_and_hessian(data: &Batch, logit: &Logit) -> ([f64; 3], [[f64; 3]; 3]) {
    retrain_fit::gradient_and_hessian(&data.x, &data.y, logit, LOGISTIC_ALPHA)
}

/// Up to [`NEWTON_STEPS`] Newton steps on the penalised logistic loss from
/// `logit`, stopping within L-BFGS's tolerance ([`retrain_fit::newton_refine`]).
fn newton_refine(data: &Batch, logit: Logit) -> Logit {
    let tolerance = LOGISTIC_GRADIENT_TOLERANCE * data.len() as f64;
    retrain_fit::newton_refine(
        (&data.x, &data.y),
        logit,
        LOGISTIC_ALPHA,
        (tolerance, NEWTON_STEPS),
    )
}

/// L-BFGS's starting point for `data`, in linfa's sign convention.
fn start_params(
    data: &Batch,
    previous: Option<&TrainedModel>,
    start: LogisticStart,
) -> Option<[f64; 3]> {
    let logit = match start {
        LogisticStart::Zero => None,
        LogisticStart::Previous => previous.and_then(previous_logit),
        LogisticStart::Discriminant => discriminant_logit(data),
        LogisticStart::Best => best_logit(data, previous),
        LogisticStart::Refined => best_logit(data, previous).map(|l| newton_refine(data, l)),
    }?;
    let sign = if linfa_positive(data) { 1.0 } else { -1.0 };
    Some([sign * logit[0], sign * logit[1], sign * logit[2]])
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
    match kind {
        ModelKind::LogisticRegression => {
            let fit = LogisticFit {
                alpha: LOGISTIC_ALPHA,
                gradient_tolerance: LOGISTIC_GRADIENT_TOLERANCE * data.len() as f64,
                max_iterations: LOGISTIC_MAX_ITERATIONS,
                start: start_params(data, previous, start),
            };
            retrain_fit::fit_logistic(&data.x, &data.y, &fit)
                .map(TrainedModel::Logistic)
                .map_err(TrainError::Learner)
        }
        ModelKind::DecisionTree => retrain_fit::fit_tree(&data.x, &data.y, tree_max_depth)
            .map(TrainedModel::Tree)
            .map_err(TrainError::Learner),
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
        match self {
            TrainedModel::Logistic(m) => retrain_fit::predict_logistic(m, x),
            TrainedModel::Tree(m) => retrain_fit::predict_tree(m, x),
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
