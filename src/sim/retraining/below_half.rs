//! Why the live model scored below a coin flip (0.5) on the newest batch, as
//! typed facts: the scatter's caption is written from them
//! (`wording::below_half_sentence`).
//!
//! Every cause is chosen by what was measured, so the sentence written from it
//! holds: an injected fault that changed the labels; on the teacher's own data,
//! only that the true rule is unknown; otherwise the live model is scored on
//! [`CLEAN_ROWS`](crate::sim::ml::truth::CLEAN_ROWS) fresh noise-free points of each concept the batch was drawn
//! from. If it is not clearly wrong on most of them, its expected score is
//! near a coin flip or above, and the low score is the hold-out's luck. If it
//! is, the concept is compared with those of the batches the model was trained
//! on: a rule that turned more than 90°, inputs that slid away, or a class
//! balance that changed.

use serde::{Deserialize, Serialize};

use crate::sim::ml::train::TrainedModel;
use crate::sim::ml::truth::{best_accuracy, clean_accuracy, counted_share, with_noise};
use crate::sim::retraining::validate::Fault;
use crate::sim::stream::drift::DriftState;
use crate::sim::stream::{rng_from_seed, Concept};

/// Past this angle between two rules, the side one calls class 1 is mostly
/// class 0 under the other.
pub const BACKWARDS_DEG: f64 = 90.0;
/// The smallest slide of the inputs (standard deviations) named as a cause.
pub const MOVED_SIGMA: f64 = 1.0;
/// The smallest change of the class-1 share named as a cause.
pub const BALANCE_CHANGE: f64 = 0.1;
/// How far from 0.5 a measured accuracy must be to count as clearly above or
/// below a coin flip (the measurement on [`CLEAN_ROWS`](crate::sim::ml::truth::CLEAN_ROWS)
/// points per concept is good to about ±0.01).
pub const CLEAR_MARGIN: f64 = 0.05;

/// The live model's score below 0.5 and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BelowHalf {
    /// The version that was live when the batch arrived.
    pub live: u32,
    /// Its accuracy on the batch's hold-out rows (below 0.5).
    pub score: f64,
    /// Hold-out rows scored.
    pub rows: usize,
    /// Why.
    pub cause: BelowHalfCause,
}

/// Why a live model scored below 0.5: what was measured or known.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum BelowHalfCause {
    /// An injected fault inverted every label of the batch.
    FlippedLabels,
    /// An injected fault set every label of the batch to class 1 (the score is
    /// then the share of rows the model calls class 1).
    AllClassOne,
    /// Another injected fault damaged the batch; on undamaged points like
    /// these the model would expect `expected`.
    DamagedBatch {
        /// The fault.
        fault: Fault,
        /// The model's expected accuracy on undamaged data of this distribution.
        expected: f64,
    },
    /// The labelling rule turned past [`BACKWARDS_DEG`] from every rule in the
    /// model's training data, and the model gets most such points wrong.
    RuleTurned {
        /// The smallest angle between the rule now and a rule of the training
        /// data, degrees.
        turned_min: f64,
        /// The largest such angle (equal to `turned_min` when the training
        /// data followed one rule).
        turned_max: f64,
        /// The share of new points that follow the turned rule.
        share: f64,
        /// The model's accuracy on clean points of the turned rule.
        right: f64,
    },
    /// During a gradual transition, `share` of the new points follow a rule
    /// turned past [`BACKWARDS_DEG`] from every rule in the model's training
    /// data, which the model gets mostly wrong, and the rest the original
    /// rule, which it gets mostly right: together about a coin flip or less.
    MixedRules {
        /// The share of new points that follow the turned rule.
        share: f64,
        /// The smallest angle between the turned rule and a rule of the
        /// training data, degrees.
        turned_min: f64,
        /// The largest such angle.
        turned_max: f64,
        /// The model's accuracy on clean points of the turned rule.
        right_new: f64,
        /// The model's accuracy on clean points of the original rule.
        right_old: f64,
        /// The model's expected accuracy on the mix (with its noise).
        expected: f64,
    },
    /// The input clouds slid along the boundary away from every position in
    /// the model's training data, and there the model gets most points wrong.
    InputsMoved {
        /// The smallest distance slid, in standard deviations.
        moved: f64,
        /// The labelling rule is the same as in the training data.
        rule_kept: bool,
        /// The share of new points that slid.
        share: f64,
        /// The model's accuracy on clean points there.
        right: f64,
    },
    /// The class balance changed from the training data's.
    BalanceChanged {
        /// The lowest class-1 share in the training data.
        trained_min: f64,
        /// The highest.
        trained_max: f64,
        /// The class-1 share now.
        prior: f64,
        /// The share of points the model calls class 1.
        called_class1: f64,
        /// The model's accuracy on clean points now.
        right: f64,
    },
    /// The model can expect hardly more or less than a coin flip on data like
    /// this (within [`CLEAR_MARGIN`] of 0.5), so a score below 0.5 is no surprise.
    CoinFlip {
        /// The model's expected accuracy on this distribution (with its noise).
        expected: f64,
        /// The best accuracy any model can expect.
        best: f64,
        /// The label noise.
        noise: f64,
        /// One standard deviation of a score on this many hold-out rows.
        swing: f64,
    },
    /// The model expects clearly more than 0.5 on data like this: the
    /// hold-out scored lower by chance.
    Chance {
        /// The model's expected accuracy on this distribution (with its noise).
        expected: f64,
        /// The best accuracy any model can expect.
        best: f64,
        /// The label noise.
        noise: f64,
        /// One standard deviation of a score on this many hold-out rows.
        swing: f64,
    },
    /// The model is wrong on most clean points, with no change of rule,
    /// position or balance large enough to name.
    Unexplained {
        /// The model's accuracy on clean points now.
        right: f64,
    },
    /// The teacher's own data: its true rule is unknown.
    UnknownRule,
    /// Logistic regression on the Circle benchmark (the engine names this
    /// cause where the cycle only knows "real data"): class 1 lies inside a
    /// circle, and any straight line is right about as often as a coin flip,
    /// so a score a little below 0.5 is one side of that coin.
    LineCannotFitCircle,
}

/// What the diagnosis looks at.
#[derive(Clone, Debug)]
pub struct Evidence<'a> {
    /// The version live when the batch arrived.
    pub live: u32,
    /// Its fitted model.
    pub model: &'a TrainedModel,
    /// Its accuracy on the hold-out rows.
    pub score: f64,
    /// Hold-out rows.
    pub rows: usize,
    /// The drift of the batch.
    pub drift: DriftState,
    /// The drift of each batch the model was trained on (empty when unknown).
    pub trained_on: Vec<DriftState>,
    /// The label noise in force.
    pub label_noise: f64,
    /// The fault injected into the batch, if any.
    pub fault: Option<Fault>,
    /// The batch is the teacher's own data.
    pub user_data: bool,
    /// Seeds the clean points drawn for measuring (with the cycle).
    pub seed: u64,
}

/// What a diagnosis depends on besides the score: the same key gives the
/// same cause, so a model that stays stale under the same drift is measured
/// once, not every cycle.
#[derive(Clone, Debug, PartialEq)]
struct DiagnosisKey {
    live: u32,
    /// The batch's drift, its cycle left out.
    drift: DriftState,
    trained_on: Vec<DriftState>,
    label_noise: f64,
    fault: Option<Fault>,
    user_data: bool,
    rows: usize,
}

impl DiagnosisKey {
    fn of(e: &Evidence) -> Self {
        DiagnosisKey {
            live: e.live,
            // What the stream draws from: the concept and the share that
            // counts (a gradual transition's tail counts as done).
            drift: DriftState {
                cycle: 0,
                amount: 0.0,
                effective: 0.0,
                new_concept_share: counted_share(e.drift.new_concept_share),
                ..e.drift
            },
            trained_on: e.trained_on.clone(),
            label_noise: e.label_noise,
            fault: e.fault,
            user_data: e.user_data,
            rows: e.rows,
        }
    }
}

/// [`diagnose`] with a memory of the last cause: measuring draws and predicts
/// thousands of points, and a stale model under a steady drift would be
/// measured again every cycle for the same answer.
#[derive(Clone, Debug, Default)]
pub struct Diagnoser {
    last: Option<(DiagnosisKey, BelowHalfCause)>,
}

impl Diagnoser {
    /// Why `e.model` scored `e.score` ([`diagnose`]), reusing the last cause
    /// when nothing it depends on changed.
    pub fn diagnose(&mut self, e: &Evidence) -> Option<BelowHalf> {
        if e.score.is_nan() || e.score >= 0.5 {
            return None;
        }
        let key = DiagnosisKey::of(e);
        if let Some((k, cause)) = &self.last {
            if *k == key {
                return Some(BelowHalf {
                    live: e.live,
                    score: e.score,
                    rows: e.rows,
                    cause: cause.clone(),
                });
            }
        }
        let found = diagnose(e)?;
        self.last = Some((key, found.cause.clone()));
        Some(found)
    }
}

/// The concepts present in batches drawn under `states`.
fn concepts(states: &[DriftState]) -> Vec<Concept> {
    let mut out = Vec::new();
    for d in states {
        if d.new_concept_share > 1e-9 {
            out.push(d.concept());
        }
        if d.new_concept_share < 1.0 - 1e-9 {
            out.push(Concept::ORIGINAL);
        }
    }
    out
}

/// The smallest and largest of `values` (`None` for none).
fn range(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    values.fold(None, |acc, v| match acc {
        None => Some((v, v)),
        Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
    })
}

/// Why `e.model` scored `e.score`; `None` when the score is not below 0.5.
pub fn diagnose(e: &Evidence) -> Option<BelowHalf> {
    if e.score.is_nan() || e.score >= 0.5 {
        return None;
    }
    let cause = match e.fault {
        Some(Fault::FlippedLabels) => BelowHalfCause::FlippedLabels,
        Some(Fault::SingleClass) => BelowHalfCause::AllClassOne,
        _ if e.user_data => BelowHalfCause::UnknownRule,
        _ => measured_cause(e),
    };
    Some(BelowHalf {
        live: e.live,
        score: e.score,
        rows: e.rows,
        cause,
    })
}

/// The cause on the synthetic stream, from the model's clean accuracy on each
/// concept of the batch.
fn measured_cause(e: &Evidence) -> BelowHalfCause {
    let mut rng = rng_from_seed(
        e.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ u64::from(e.drift.cycle) ^ 0x0B5E_55ED,
    );
    let share = counted_share(e.drift.new_concept_share);
    let (new, old) = (e.drift.concept(), Concept::ORIGINAL);
    let measure = |c: &Concept, weight: f64, rng: &mut _| {
        (weight > 1e-9).then(|| clean_accuracy(e.model, c, rng))
    };
    let on_new = measure(&new, share, &mut rng);
    let on_old = measure(&old, 1.0 - share, &mut rng);
    let mix = |f: fn((f64, f64)) -> f64| {
        on_new.map_or(0.0, |m| share * f(m)) + on_old.map_or(0.0, |m| (1.0 - share) * f(m))
    };
    let right = mix(|m| m.0);
    let noise = e.label_noise.clamp(0.0, 0.5);
    let best = best_accuracy(&e.drift, noise);
    let expected = with_noise(right, noise).min(best);
    let trained = concepts(&e.trained_on);
    let turned_from = |c: &Concept| {
        range(
            trained
                .iter()
                .map(|t| (c.rotation_deg - t.rotation_deg).abs()),
        )
    };
    // A gradual transition: the model labels the new rule's points backwards
    // and the original rule's points well, and the mix leaves it near a coin
    // flip or below.
    if let (Some(n), Some(o), Some(turned), None) = (on_new, on_old, turned_from(&new), e.fault) {
        if turned.0 > BACKWARDS_DEG
            && n.0 < 0.5 - CLEAR_MARGIN
            && o.0 >= 0.5 + CLEAR_MARGIN
            && expected < 0.5 + CLEAR_MARGIN
        {
            return BelowHalfCause::MixedRules {
                share,
                turned_min: turned.0,
                turned_max: turned.1,
                right_new: n.0,
                right_old: o.0,
                expected,
            };
        }
    }
    if right >= 0.5 - CLEAR_MARGIN {
        if let Some(fault) = e.fault {
            return BelowHalfCause::DamagedBatch { fault, expected };
        }
        let swing = (expected * (1.0 - expected) / e.rows.max(1) as f64).sqrt();
        return if expected >= 0.5 + CLEAR_MARGIN {
            BelowHalfCause::Chance {
                expected,
                best,
                noise,
                swing,
            }
        } else {
            BelowHalfCause::CoinFlip {
                expected,
                best,
                noise,
                swing,
            }
        };
    }
    // The concept most of the wrong answers come from.
    let wrong = |m: Option<(f64, f64)>, w: f64| m.map_or(0.0, |m| w * (1.0 - m.0));
    let (focus, focus_share, (focus_right, focus_ones)) = match (on_new, on_old) {
        (Some(n), Some(o)) if wrong(Some(o), 1.0 - share) > wrong(Some(n), share) => {
            (old, 1.0 - share, o)
        }
        (Some(n), _) => (new, share, n),
        (None, Some(o)) => (old, 1.0 - share, o),
        (None, None) => return BelowHalfCause::Unexplained { right },
    };
    let turned = turned_from(&focus);
    let moved = range(trained.iter().map(|c| (focus.shift - c.shift).abs()));
    let balance = range(trained.iter().map(|c| c.prior));
    let (Some(turned), Some(moved), Some(balance)) = (turned, moved, balance) else {
        return BelowHalfCause::Unexplained { right };
    };
    if focus_right >= 0.5 {
        return BelowHalfCause::Unexplained { right };
    }
    let prior_change = if focus.prior < balance.0 {
        balance.0 - focus.prior
    } else {
        (focus.prior - balance.1).max(0.0)
    };
    if turned.0 > BACKWARDS_DEG {
        BelowHalfCause::RuleTurned {
            turned_min: turned.0,
            turned_max: turned.1,
            share: focus_share,
            right: focus_right,
        }
    } else if moved.0 >= MOVED_SIGMA {
        BelowHalfCause::InputsMoved {
            moved: moved.0,
            rule_kept: turned.1 < 1e-9 && prior_change < 1e-9,
            share: focus_share,
            right: focus_right,
        }
    } else if prior_change >= BALANCE_CHANGE {
        BelowHalfCause::BalanceChanged {
            trained_min: balance.0,
            trained_max: balance.1,
            prior: focus.prior,
            called_class1: focus_ones,
            right: focus_right,
        }
    } else {
        BelowHalfCause::Unexplained { right }
    }
}
