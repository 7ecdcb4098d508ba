//! What the stream's generating process makes true, whatever any model learns:
//! the labelling rule of each concept (the boundary of the best possible
//! classifier), the best accuracy any model can expect at a label noise, and how
//! often a fitted model is right on clean points of a concept.
//!
//! The stream draws a class, then a point from that class's unit-variance cloud
//! ([`Concept::mean`]), then flips the label with probability `label_noise`.
//! For one concept the best classifier is linear: the log-odds of class 1 are
//! `d·u·x − d·s·(u·a) + ln(p / (1 − p))`, with `d` the class separation, `u` the
//! direction of the class means, `s` the slide along `a` (the original
//! boundary's direction) and `p` the share of class 1. Label noise below 0.5
//! does not move that boundary; it only turns a clean accuracy `c` into
//! `η + (1 − 2η)·c`.

use serde::{Deserialize, Serialize};

use crate::sim::ml::train::{LinearBoundary, TrainedModel};
use crate::sim::stream::drift::DriftState;
use crate::sim::stream::{
    generate_batch, Concept, SimRng, BASE_ANGLE_DEG, CLASS_SEPARATION, VIEW_HALF_SIDE,
};

/// A labelling rule as the scatter draws it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrueRule {
    /// The best boundary for the concept, positive on the class-1 side:
    /// class 1 is the likelier one where `w1·x1 + w2·x2 + b > 0`.
    pub line: LinearBoundary,
    /// How far the rule has turned from the original one, in degrees.
    pub rotation_deg: f64,
    /// The share of new points that follow it (below 1 only during a gradual
    /// transition).
    pub share: f64,
}

impl TrueRule {
    /// The rule of `concept`, followed by `share` of the points.
    pub fn of(concept: &Concept, share: f64) -> Self {
        TrueRule {
            line: rule_line(concept),
            rotation_deg: concept.rotation_deg,
            share,
        }
    }
}

/// The best boundary for `concept`, positive on the class-1 side (see the
/// module's notes).
pub fn rule_line(concept: &Concept) -> LinearBoundary {
    let base = BASE_ANGLE_DEG.to_radians();
    let angle = base + concept.rotation_deg.to_radians();
    let u = [angle.cos(), angle.sin()];
    let along = [-base.sin(), base.cos()];
    let d = CLASS_SEPARATION;
    let p = concept.prior.clamp(1e-9, 1.0 - 1e-9);
    LinearBoundary {
        w1: d * u[0],
        w2: d * u[1],
        b: -d * concept.shift * (u[0] * along[0] + u[1] * along[1]) + (p / (1.0 - p)).ln(),
    }
}

/// The standard normal distribution function Φ (Abramowitz and Stegun 7.1.26
/// for erf, absolute error below 1.5e-7).
pub fn normal_cdf(z: f64) -> f64 {
    let x = z.abs() / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.327_591_1 * x);
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736
                + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let erf = 1.0 - poly * (-x * x).exp();
    if z >= 0.0 {
        0.5 * (1.0 + erf)
    } else {
        0.5 * (1.0 - erf)
    }
}

/// Accuracy on noisy labels of a classifier whose accuracy on clean labels is
/// `clean`, when each label is flipped with probability `noise`.
pub fn with_noise(clean: f64, noise: f64) -> f64 {
    noise + (1.0 - 2.0 * noise) * clean
}

/// The best clean accuracy on one concept: the two clouds projected on the
/// means' direction are N(±d/2, 1), cut where the log-odds are 0.
fn best_clean_single(concept: &Concept) -> f64 {
    let d = CLASS_SEPARATION;
    let p = concept.prior.clamp(1e-12, 1.0 - 1e-12);
    let l = (p / (1.0 - p)).ln();
    p * normal_cdf(d / 2.0 + l / d) + (1.0 - p) * normal_cdf(d / 2.0 - l / d)
}

/// Grid step of the numerical integration for mixed concepts.
const MIX_STEP: f64 = 0.12;

/// The best clean accuracy when a share `share` of points follow `new` and the
/// rest `old`: ∫ max(P(x, class 1), P(x, class 0)) dx, by the midpoint rule on
/// a grid wide enough to hold both mixtures' clouds. Each unit-variance
/// density is a product of one factor per axis, so the factors are computed
/// once per grid line (no exponential per cell).
fn best_clean_mixed(old: &Concept, new: &Concept, share: f64) -> f64 {
    let half = CLASS_SEPARATION / 2.0 + old.shift.abs().max(new.shift.abs()) + 6.0;
    let cells = (2.0 * half / MIX_STEP).ceil() as usize;
    let at = |i: usize| -half + (i as f64 + 0.5) * MIX_STEP;
    /// One class's cloud of one concept: its weight in the mix and its
    /// density's factor along each axis at each grid line.
    struct Cloud {
        weight: f64,
        x: Vec<f64>,
        y: Vec<f64>,
    }
    let cloud = |weight: f64, mean: [f64; 2]| {
        let factors = |m: f64| -> Vec<f64> {
            (0..cells)
                .map(|i| (-(at(i) - m).powi(2) / 2.0).exp())
                .collect()
        };
        Cloud {
            weight,
            x: factors(mean[0]),
            y: factors(mean[1]),
        }
    };
    // (class 1, class 0) of each concept present.
    let clouds: Vec<(Cloud, Cloud)> = [(1.0 - share, old), (share, new)]
        .iter()
        .filter(|(w, _)| *w > 0.0)
        .map(|(w, c)| {
            (
                cloud(w * c.prior, c.mean(true)),
                cloud(w * (1.0 - c.prior), c.mean(false)),
            )
        })
        .collect();
    let mut total = 0.0;
    for i in 0..cells {
        for j in 0..cells {
            let (mut one, mut zero) = (0.0, 0.0);
            for (c1, c0) in &clouds {
                one += c1.weight * c1.x[i] * c1.y[j];
                zero += c0.weight * c0.x[i] * c0.y[j];
            }
            total += one.max(zero);
        }
    }
    total * MIX_STEP * MIX_STEP / std::f64::consts::TAU
}

/// Below this share of either concept, a mix counts as the other concept
/// alone (the best accuracy moves by less than the share).
pub const NEGLIGIBLE_SHARE: f64 = 1e-3;

/// The share of drifted points that counts: 0 or 1 when the other concept's
/// share is negligible (a gradual transition's tail), else as it is.
pub fn counted_share(share: f64) -> f64 {
    let share = share.clamp(0.0, 1.0);
    if share >= 1.0 - NEGLIGIBLE_SHARE {
        1.0
    } else if share <= NEGLIGIBLE_SHARE {
        0.0
    } else {
        share
    }
}

/// The best accuracy any model can expect on a batch drawn under `drift` with
/// labels flipped at `label_noise` (0..=0.5): the accuracy of the true rule
/// (to within 0.001 when one concept is under [`NEGLIGIBLE_SHARE`] of a mix).
pub fn best_accuracy(drift: &DriftState, label_noise: f64) -> f64 {
    let share = counted_share(drift.new_concept_share);
    let clean = if share == 1.0 {
        best_clean_single(&drift.concept())
    } else if share == 0.0 {
        best_clean_single(&Concept::ORIGINAL)
    } else {
        best_clean_mixed(&Concept::ORIGINAL, &drift.concept(), share)
    };
    with_noise(clean.clamp(0.0, 1.0), label_noise.clamp(0.0, 0.5))
}

/// The rule the newest points follow and the one before any drift, for the
/// scatter.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct RuleLines {
    /// The rule of the drifted points of the batch (during a gradual
    /// transition, its `share` says how many follow it; the rest follow
    /// `before`).
    pub now: TrueRule,
    /// The rule before any drift.
    pub before: TrueRule,
}

impl RuleLines {
    /// The rules of a batch drawn under `drift`.
    pub fn of(drift: &DriftState) -> Self {
        RuleLines {
            now: TrueRule::of(&drift.concept(), counted_share(drift.new_concept_share)),
            before: TrueRule::of(&Concept::ORIGINAL, 1.0),
        }
    }

    /// True when the newest points follow a rule other than the original one
    /// (a concept or prior change moves the line; a covariate slide does not).
    pub fn moved(&self) -> bool {
        let (a, b) = (self.now.line, self.before.line);
        self.now.share > 1e-9
            && ((a.w1 - b.w1).abs() > 1e-9
                || (a.w2 - b.w2).abs() > 1e-9
                || (a.b - b.b).abs() > 1e-6)
    }
}

/// Rows drawn per concept to measure a model's clean accuracy on it.
pub const CLEAN_ROWS: usize = 2_000;

/// How often `model` is right on clean (noise-free) points of `concept`,
/// measured on [`CLEAN_ROWS`] fresh rows from `rng`, and the share of those
/// rows it calls class 1.
pub fn clean_accuracy(model: &TrainedModel, concept: &Concept, rng: &mut SimRng) -> (f64, f64) {
    let drift = DriftState {
        cycle: 0,
        amount: 1.0,
        new_concept_share: 1.0,
        effective: 0.0,
        rotation_deg: concept.rotation_deg,
        covariate_shift: concept.shift,
        prior: concept.prior,
    };
    let batch = generate_batch(rng, 0, CLEAN_ROWS, &drift, 0.0);
    let predicted = model.predict(&batch.x);
    let n = batch.len().max(1) as f64;
    let right = predicted
        .iter()
        .zip(&batch.y)
        .filter(|(p, y)| p == y)
        .count() as f64
        / n;
    let ones = predicted.iter().filter(|&&p| p).count() as f64 / n;
    (right, ones)
}

/// The concepts a batch drawn under `drift` mixes, with the share of points
/// each one labels (one concept but during a gradual transition).
fn concept_mix(drift: &DriftState) -> Vec<(f64, Concept)> {
    let share = counted_share(drift.new_concept_share);
    [(1.0 - share, Concept::ORIGINAL), (share, drift.concept())]
        .into_iter()
        .filter(|(w, _)| *w > 0.0)
        .collect()
}

/// The accuracy `model` can expect on a batch drawn under `drift` with labels
/// flipped at `label_noise`: what its score on a hold-out slice averages over
/// every possible slice. Only the simulator knows it, because it knows the
/// generating process; a measured score scatters around it by sampling noise
/// ([`sampling_band`]).
///
/// Both models get it exactly. A straight boundary (logistic regression): a
/// unit-variance cloud with mean `m` falls on the positive side of
/// `w·x + b = 0` with probability Φ((w·m + b)/|w|). A decision tree: each leaf
/// is a box, and a unit-variance cloud puts in a box the product of one Φ
/// difference per axis; the leaf's class is right for the clouds of that class.
pub fn expected_accuracy(model: &TrainedModel, drift: &DriftState, label_noise: f64) -> f64 {
    let mix = concept_mix(drift);
    let clean = match model.linear_boundary().and_then(|l| oriented(model, l)) {
        Some(line) => {
            let norm = line.w1.hypot(line.w2);
            let side = |m: [f64; 2]| normal_cdf((line.w1 * m[0] + line.w2 * m[1] + line.b) / norm);
            mix.iter()
                .map(|(w, c)| {
                    w * (c.prior * side(c.mean(true))
                        + (1.0 - c.prior) * (1.0 - side(c.mean(false))))
                })
                .sum::<f64>()
        }
        None => match model {
            TrainedModel::Tree(tree) => {
                let mut right = 0.0;
                leaf_boxes(
                    tree.root_node(),
                    [[f64::NEG_INFINITY, f64::INFINITY]; 2],
                    &mut |b, class1| {
                        for (w, c) in &mix {
                            let p = if class1 { c.prior } else { 1.0 - c.prior };
                            right += w * p * box_mass(b, c.mean(class1));
                        }
                    },
                );
                right
            }
            // A logistic regression with a degenerate line predicts one
            // class everywhere: right on that class's clouds.
            TrainedModel::Logistic(_) => {
                let class1 = model
                    .predict(&[[0.0, 0.0]])
                    .first()
                    .copied()
                    .unwrap_or(false);
                mix.iter()
                    .map(|(w, c)| w * if class1 { c.prior } else { 1.0 - c.prior })
                    .sum()
            }
        },
    };
    with_noise(clean.clamp(0.0, 1.0), label_noise.clamp(0.0, 0.5))
}

/// `line` with its sign turned so that the model predicts class 1 on its
/// positive side (checked at a point one unit off the line), or `None` for a
/// degenerate line.
fn oriented(model: &TrainedModel, line: LinearBoundary) -> Option<LinearBoundary> {
    let norm2 = line.w1 * line.w1 + line.w2 * line.w2;
    if !(norm2.is_finite() && norm2 > 1e-18 && line.b.is_finite()) {
        return None;
    }
    let norm = norm2.sqrt();
    // The foot of the perpendicular from the origin, then one unit along +w.
    let probe = [
        -line.b * line.w1 / norm2 + line.w1 / norm,
        -line.b * line.w2 / norm2 + line.w2 / norm,
    ];
    let positive = *model.predict(&[probe]).first()?;
    Some(if positive {
        line
    } else {
        LinearBoundary {
            w1: -line.w1,
            w2: -line.w2,
            b: -line.b,
        }
    })
}

/// Calls `leaf` with the box of every leaf under `node` (`[lo, hi]` per
/// axis) and whether it predicts class 1. linfa sends `x[f] < split` left.
fn leaf_boxes(
    node: &linfa_trees::TreeNode<f64, usize>,
    bounds: [[f64; 2]; 2],
    leaf: &mut impl FnMut([[f64; 2]; 2], bool),
) {
    if let Some(class) = node.prediction() {
        leaf(bounds, class == 1);
        return;
    }
    let (feature, split, _) = node.split();
    let children = node.children();
    for (side, child) in children.into_iter().enumerate() {
        if let (Some(child), Some(f)) = (child.as_deref(), [0usize, 1].get(feature)) {
            let mut b = bounds;
            if side == 0 {
                b[*f][1] = b[*f][1].min(split);
            } else {
                b[*f][0] = b[*f][0].max(split);
            }
            leaf_boxes(child, b, leaf);
        }
    }
}

/// The mass a unit-variance cloud with mean `m` puts in a box.
fn box_mass(b: [[f64; 2]; 2], m: [f64; 2]) -> f64 {
    (0..2)
        .map(|a| (normal_cdf(b[a][1] - m[a]) - normal_cdf(b[a][0] - m[a])).max(0.0))
        .product()
}

/// Half the width of the band in which a hold-out score of `rows` rows falls
/// about 95 % of the time around an expected accuracy `expected`: two
/// standard errors, 2·√(p(1 − p)/rows) (about ±0.05 at 150 rows and p = 0.89).
pub fn sampling_band(expected: f64, rows: usize) -> f64 {
    let p = expected.clamp(0.0, 1.0);
    2.0 * (p * (1.0 - p) / rows.max(1) as f64).sqrt()
}

/// Where a rule's line is nearest the centre of the view, and the unit normal
/// pointing to its class-1 side: the scatter draws an arrow there. `None` for
/// a degenerate line or one outside the view.
pub fn class1_arrow(line: &LinearBoundary) -> Option<([f64; 2], [f64; 2])> {
    let norm = line.w1.hypot(line.w2);
    if !(norm.is_finite() && norm > 1e-12 && line.b.is_finite()) {
        return None;
    }
    let n = [line.w1 / norm, line.w2 / norm];
    let offset = -line.b / norm;
    (offset.abs() < VIEW_HALF_SIDE).then_some(([n[0] * offset, n[1] * offset], n))
}

// Native only: the core is tested natively (proptest and approx are native dev-dependencies).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::params::{DriftKind, DriftPattern, SimParams};
    use crate::sim::stream::drift::drift_at;
    use crate::sim::stream::rng_from_seed;
    use approx::assert_abs_diff_eq;

    /// The share of `batch`'s labels that a line (positive side = class 1) gets right.
    fn line_accuracy(line: &LinearBoundary, batch: &crate::sim::stream::Batch) -> f64 {
        let right = batch
            .x
            .iter()
            .zip(&batch.y)
            .filter(|(p, &y)| (line.w1 * p[0] + line.w2 * p[1] + line.b > 0.0) == y)
            .count();
        right as f64 / batch.len() as f64
    }

    #[test]
    fn normal_cdf_matches_known_values() {
        assert_abs_diff_eq!(normal_cdf(0.0), 0.5, epsilon = 1e-7);
        assert_abs_diff_eq!(normal_cdf(1.5), 0.933_192_8, epsilon = 1e-6);
        assert_abs_diff_eq!(normal_cdf(-1.96), 0.024_997_9, epsilon = 1e-6);
        assert_abs_diff_eq!(normal_cdf(8.0), 1.0, epsilon = 1e-9);
    }

    #[test]
    fn the_ceiling_is_not_one_minus_the_noise() {
        // The clouds overlap, so even clean labels cap accuracy at Φ(1.5);
        // flipped labels then cost (1 − 2η) of it.
        let none = DriftState::none(1);
        assert_abs_diff_eq!(best_accuracy(&none, 0.0), 0.9332, epsilon = 1e-4);
        assert_abs_diff_eq!(best_accuracy(&none, 0.05), 0.8899, epsilon = 1e-4);
        assert_abs_diff_eq!(best_accuracy(&none, 0.25), 0.7166, epsilon = 1e-4);
        assert_abs_diff_eq!(best_accuracy(&none, 0.5), 0.5, epsilon = 1e-12);
    }

    #[test]
    fn the_true_rule_scores_the_ceiling_on_a_large_batch() {
        // An independent check of the formula: draw 200,000 rows the way the
        // stream does and score the rule's line on them, for every kind of
        // drift and a few noise levels.
        let kinds = [DriftKind::Concept, DriftKind::Covariate, DriftKind::Prior];
        for (i, kind) in kinds.into_iter().enumerate() {
            for (j, noise) in [0.0, 0.05, 0.3].into_iter().enumerate() {
                let params = SimParams::default()
                    .drift_kind(kind)
                    .drift_strength(0.8)
                    .drift_onset(1);
                let drift = drift_at(&params, 4);
                let seed = 100 + (i * 3 + j) as u64;
                let batch = generate_batch(&mut rng_from_seed(seed), 4, 200_000, &drift, noise);
                let rule = RuleLines::of(&drift).now.line;
                let measured = line_accuracy(&rule, &batch);
                let best = best_accuracy(&drift, noise);
                assert!(
                    (measured - best).abs() < 0.004,
                    "{kind:?} noise {noise}: rule scored {measured:.4}, ceiling {best:.4}"
                );
            }
        }
    }

    #[test]
    fn no_other_line_beats_the_rule() {
        // The rule is the best boundary: turning it or sliding it costs accuracy.
        let mut drift = DriftState::none(2);
        drift.prior = 0.85;
        let batch = generate_batch(&mut rng_from_seed(9), 2, 100_000, &drift, 0.1);
        let rule = rule_line(&drift.concept());
        let best = line_accuracy(&rule, &batch);
        for (dw, db) in [(0.3, 0.0), (-0.3, 0.0), (0.0, 0.8), (0.0, -0.8)] {
            let other = LinearBoundary {
                w1: rule.w1 + dw,
                w2: rule.w2 - dw,
                b: rule.b + db,
            };
            assert!(line_accuracy(&other, &batch) < best + 0.002);
        }
    }

    #[test]
    fn a_gradual_mix_of_two_rules_lowers_the_ceiling() {
        let params = SimParams::default()
            .drift_pattern(DriftPattern::Gradual)
            .drift_strength(1.0)
            .drift_speed(0.3)
            .drift_onset(2);
        let mid = (2..30)
            .map(|c| drift_at(&params, c))
            .find(|d| (0.4..0.6).contains(&d.new_concept_share))
            .expect("a cycle mid-transition");
        let mixed = best_accuracy(&mid, 0.0);
        // Two opposite rules half and half: nothing can beat about a coin flip.
        assert!(mixed < 0.6, "{mixed}");
        // The integration agrees with the closed form at the ends.
        let whole = best_clean_mixed(&Concept::ORIGINAL, &mid.concept(), 1.0);
        assert_abs_diff_eq!(whole, best_clean_single(&mid.concept()), epsilon = 1e-4);
        // And with a batch drawn the stream's way, scored by the Bayes rule of the mix.
        let batch = generate_batch(&mut rng_from_seed(3), 1, 100_000, &mid, 0.0);
        let (old, new, s) = (Concept::ORIGINAL, mid.concept(), mid.new_concept_share);
        let density = |p: &[f64; 2], m: [f64; 2]| {
            (-((p[0] - m[0]).powi(2) + (p[1] - m[1]).powi(2)) / 2.0).exp()
        };
        let right = batch
            .x
            .iter()
            .zip(&batch.y)
            .filter(|(p, &y)| {
                let one = (1.0 - s) * old.prior * density(p, old.mean(true))
                    + s * new.prior * density(p, new.mean(true));
                let zero = (1.0 - s) * (1.0 - old.prior) * density(p, old.mean(false))
                    + s * (1.0 - new.prior) * density(p, new.mean(false));
                (one > zero) == y
            })
            .count() as f64
            / batch.len() as f64;
        assert!((right - mixed).abs() < 0.005, "{right} vs {mixed}");
    }

    #[test]
    fn prior_shift_raises_the_ceiling_and_moves_the_line() {
        let mut drift = DriftState::none(3);
        drift.prior = 0.95;
        assert!(best_accuracy(&drift, 0.05) > best_accuracy(&DriftState::none(3), 0.05));
        let lines = RuleLines::of(&drift);
        assert!(lines.moved());
        // The line slides towards class 0 (more of the view becomes class 1).
        let (now, before) = (lines.now.line, lines.before.line);
        assert!(now.b > before.b);
        // A covariate slide keeps the rule.
        let mut slid = DriftState::none(3);
        slid.covariate_shift = 4.0;
        assert!(!RuleLines::of(&slid).moved());
    }

    /// An independent check of the expected accuracy: score each model on
    /// 100,000 rows drawn the stream's way, for both models, every drift kind,
    /// a gradual mix and two noise levels.
    #[test]
    fn expected_accuracy_matches_a_large_sample_for_both_models() {
        use crate::sim::ml::train::train;
        use crate::sim::params::ModelKind;
        let train_set = generate_batch(&mut rng_from_seed(5), 0, 400, &DriftState::none(0), 0.05);
        for kind in [ModelKind::LogisticRegression, ModelKind::DecisionTree] {
            let model = train(kind, 5, &train_set).expect("trains");
            let mut drifts = Vec::new();
            for dk in [DriftKind::Concept, DriftKind::Covariate, DriftKind::Prior] {
                let params = SimParams::default()
                    .drift_kind(dk)
                    .drift_strength(0.8)
                    .drift_onset(1);
                drifts.push(drift_at(&params, 4));
            }
            let gradual = SimParams::default()
                .drift_pattern(DriftPattern::Gradual)
                .drift_strength(1.0)
                .drift_speed(0.3)
                .drift_onset(2);
            drifts.extend(
                (2..30)
                    .map(|c| drift_at(&gradual, c))
                    .find(|d| (0.3..0.7).contains(&d.new_concept_share)),
            );
            drifts.push(DriftState::none(1));
            for (i, drift) in drifts.iter().enumerate() {
                for noise in [0.0, 0.1] {
                    let batch =
                        generate_batch(&mut rng_from_seed(50 + i as u64), 4, 100_000, drift, noise);
                    let predicted = model.predict(&batch.x);
                    let measured = predicted
                        .iter()
                        .zip(&batch.y)
                        .filter(|(p, y)| p == y)
                        .count() as f64
                        / batch.len() as f64;
                    let expected = expected_accuracy(&model, drift, noise);
                    assert!(
                        (measured - expected).abs() < 0.006,
                        "{kind:?} drift {i} noise {noise}: measured {measured:.4}, expected {expected:.4}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_sampling_band_is_two_standard_errors() {
        assert_abs_diff_eq!(
            sampling_band(0.89, 150),
            2.0 * (0.89f64 * 0.11 / 150.0).sqrt(),
            epsilon = 1e-12
        );
        assert!((sampling_band(0.89, 150) - 0.051).abs() < 0.001);
        assert_eq!(sampling_band(1.0, 150), 0.0);
        assert!(sampling_band(0.5, 0).is_finite());
    }

    #[test]
    fn the_arrow_points_to_class_one() {
        for rotation in [0.0, 90.0, 180.0] {
            let concept = Concept {
                rotation_deg: rotation,
                ..Concept::ORIGINAL
            };
            let (at, n) = class1_arrow(&rule_line(&concept)).unwrap();
            let m1 = concept.mean(true);
            // The class-1 mean lies on the arrow's side.
            assert!((m1[0] - at[0]) * n[0] + (m1[1] - at[1]) * n[1] > 0.0);
        }
        let zero = LinearBoundary {
            w1: 0.0,
            w2: 0.0,
            b: 1.0,
        };
        assert_eq!(class1_arrow(&zero), None);
    }
}
