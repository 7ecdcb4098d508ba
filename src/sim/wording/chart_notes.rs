//! The charts' sentences about what the stream makes true: why the live model
//! scored below a coin flip (under the scatter), and on the accuracy chart the
//! best accuracy any model can expect, what labels arriving late hide, and the
//! band a hold-out score falls in by luck. Part of [`super`], the one place
//! where facts become words.

use super::numbers::decimals_for_order;
use super::numbers::{format_score, format_threshold};
use crate::sim::english::{group_thousands, join_words};
use crate::sim::retraining::below_half::{BelowHalf, BelowHalfCause, BACKWARDS_DEG};
use crate::sim::retraining::history::CycleSummary;
use crate::sim::retraining::validate::Fault;

/// Under the sensitivity sweep: what each of its points is (a full run, not
/// a replay, so the retrains a detection causes change what it reads next).
pub fn sweep_note(detector: crate::sim::params::DetectorKind) -> String {
    use crate::sim::params::DetectorKind;
    let (name, symbol, reads) = match detector {
        DetectorKind::Adwin => (
            "ADWIN",
            "δ",
            "the new model's errors are what it reads next",
        ),
        DetectorKind::PageHinkley => (
            "Page-Hinkley",
            "λ",
            "the new model's errors are what it reads next",
        ),
        DetectorKind::KsTest => (
            "the KS test",
            "α",
            "the new model's training rows are what it compares the next batches with",
        ),
    };
    format!(
        "Each value is a full run of the retraining loop on the race's stream with only {name}'s          {symbol} changed: a detection retrains the model, and {reads}. "
    )
}

/// `x` as a percentage with as few decimals (0 to 3) as keep its true order
/// with `level` ("49.6%", not "50%", for a share just below one half).
fn percent_keeping_order(x: f64, level: f64) -> String {
    let truth = x.total_cmp(&level);
    for d in 0..=3usize {
        let scale = 10f64.powi(d as i32);
        let (rx, rl) = ((x * 100.0 * scale).round(), (level * 100.0 * scale).round());
        if rx.total_cmp(&rl) == truth {
            return format!("{:.d$}%", x * 100.0);
        }
    }
    format!("{:.3}%", x * 100.0)
}

/// A share as a whole percentage.
fn percent(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// An angle that is past [`BACKWARDS_DEG`] shown so that it reads past it.
fn degrees(x: f64) -> String {
    if x > BACKWARDS_DEG && x.round() <= BACKWARDS_DEG {
        format!("{x:.1}°")
    } else {
        format!("{x:.0}°")
    }
}

/// "50%" or "50%–95%".
fn percent_range(lo: f64, hi: f64) -> String {
    if (hi - lo).abs() < 0.005 {
        percent(lo)
    } else {
        format!("{}–{}", percent(lo), percent(hi))
    }
}

/// What heavy label noise leaves of the best score (nothing for light noise).
fn noise_note(noise: f64, best: f64) -> String {
    if noise >= 0.2 {
        format!(
            " With {} of labels flipped at random, even the true rule can expect only {}.",
            percent(noise),
            format_score(best, 0.5)
        )
    } else {
        String::new()
    }
}

/// The one-line caption under the scatter when the live model scored below
/// 0.5 on the batch: what it scored and why, from the measured facts.
pub fn below_half_sentence(b: &BelowHalf) -> String {
    let v = format!("v{}", b.live);
    let head = format!(
        "{v} scored {} on this batch, below a coin flip (0.5)",
        format_score(b.score, 0.5)
    );
    let right_only = |right: f64| {
        format!(
            "right on only {} of noise-free points",
            percent_keeping_order(right, 0.5)
        )
    };
    match &b.cause {
        BelowHalfCause::FlippedLabels => format!(
            "{head}: an injected fault inverted every label in the batch, so each answer {v} \
             gets right is marked wrong."
        ),
        BelowHalfCause::AllClassOne => format!(
            "{head}: an injected fault set every label in the batch to class 1, and {v} calls \
             {} of its hold-out rows class 0.",
            percent_keeping_order(1.0 - b.score, 0.5)
        ),
        BelowHalfCause::DamagedBatch { fault, expected } => format!(
            "{head}: an injected fault ({}) damaged the batch; on undamaged data like it, {v} \
             would expect about {expected:.2}.",
            fault.label().to_lowercase()
        ),
        BelowHalfCause::RuleTurned {
            turned_min,
            turned_max,
            share,
            right,
        } => {
            let angle = if turned_max - turned_min < 0.5 {
                degrees(*turned_min)
            } else {
                format!("{} to {}", degrees(*turned_min), degrees(*turned_max))
            };
            let (whose, those) = if *share < 0.999 {
                (
                    format!("for {} of the new points, ", percent(*share)),
                    "of those points",
                )
            } else {
                (String::new(), "points")
            };
            format!(
                "{head}: {whose}the labelling rule has turned {angle} since {v}'s training data, \
                 past {BACKWARDS_DEG:.0}°, so {v} labels most {those} backwards (right on only {} \
                 of noise-free ones).",
                percent_keeping_order(*right, 0.5)
            )
        }
        BelowHalfCause::MixedRules {
            share,
            turned_min,
            turned_max,
            right_new,
            right_old,
            expected,
        } => {
            let angle = if turned_max - turned_min < 0.5 {
                degrees(*turned_min)
            } else {
                format!("{} to {}", degrees(*turned_min), degrees(*turned_max))
            };
            format!(
                "{head}: {} of the new points follow a rule turned {angle} since {v}'s training \
                 data, which {v} labels backwards (right on only {} of noise-free ones), and the \
                 rest the original rule (right on {}); together {v} can expect only about {}.",
                percent(*share),
                percent_keeping_order(*right_new, 0.5),
                percent(*right_old),
                format_score(*expected, 0.5)
            )
        }
        BelowHalfCause::InputsMoved {
            moved,
            rule_kept,
            share,
            right,
        } => {
            let who = if *share < 0.999 {
                format!("{} of the new points have", percent(*share))
            } else {
                "the inputs have".to_string()
            };
            let kept = if *rule_kept {
                " (the labelling rule itself has not changed)"
            } else {
                ""
            };
            format!(
                "{head}: {who} slid {moved:.1} σ along the boundary from where {v}'s training \
                 points lay{kept}, and out there {v}'s regions give most points the wrong class \
                 ({}).",
                right_only(*right)
            )
        }
        BelowHalfCause::BalanceChanged {
            trained_min,
            trained_max,
            prior,
            called_class1,
            right,
        } => format!(
            "{head}: {v} learned from batches where {} of points were class 1 and calls {} of \
             points class 1, but now {} are ({}).",
            percent_range(*trained_min, *trained_max),
            percent(*called_class1),
            percent(*prior),
            right_only(*right)
        ),
        BelowHalfCause::Chance {
            expected,
            best,
            noise,
            swing,
        } => {
            let mut s = format!(
                "{head}, by chance: on data like this {v} would expect about {}, and a score on \
                 {} hold-out rows typically swings by ±{swing:.2}.",
                format_score(*expected, 0.5),
                b.rows
            );
            s.push_str(&noise_note(*noise, *best));
            s
        }
        BelowHalfCause::CoinFlip {
            expected,
            best,
            noise,
            swing,
        } => {
            let mut s = format!(
                "{head}: on data like this {v} can expect only about {}, hardly different from \
                 a coin flip, so on {} hold-out rows (a typical swing of ±{swing:.2}) a score \
                 below 0.5 is no surprise.",
                format_score(*expected, 0.5),
                b.rows
            );
            s.push_str(&noise_note(*noise, *best));
            s
        }
        BelowHalfCause::Unexplained { right } => format!(
            "{head}: even on noise-free points like these, {v} is right on only {}.",
            percent_keeping_order(*right, 0.5)
        ),
        BelowHalfCause::UnknownRule => format!(
            "{head}: the playground does not know the true rule of your data, so it cannot say why."
        ),
        BelowHalfCause::LineCannotFitCircle => format!(
            "{head}: a straight line cannot fit a circle. Class 1 lies inside the circle, and \
             any line {v} can draw is right about as often as a coin flip, so a score a little \
             below 0.5 is only chance. A decision tree can box the circle in."
        ),
    }
}

/// The accuracy chart's note on the best accuracy any model can expect (the
/// true rule's at the label noise), and whether the threshold is above it.
pub fn ceiling_sentence(best: f64, threshold: f64) -> String {
    let (b, t) = (format_score(best, threshold), format_threshold(threshold));
    if threshold >= best {
        format!(
            "The threshold {t} is at or above the best any model can expect here ({b}, the true \
             rule's score at this label noise): no candidate can be expected to pass it."
        )
    } else {
        format!("The best any model can expect here is {b} (the true rule's score at this label noise).")
    }
}

/// The accuracy chart's note when labels arrive late: what the team has
/// measured so far (`measured`: the newest batch it could score, and the
/// score) against the live model's true accuracy on the newest batch, which
/// only the simulator knows.
pub fn blind_spot_sentence(
    delay: u32,
    measured: Option<(u32, f64)>,
    truth: (u32, f64),
    threshold: f64,
) -> String {
    let late = match delay {
        0 => "Labels now arrive with their batch".to_string(),
        1 => "Labels arrive 1 cycle late".to_string(),
        d => format!("Labels arrive {d} cycles late"),
    };
    let (now, score) = (truth.0, format_score(truth.1, threshold));
    match measured {
        Some((c, m)) if c >= now => format!(
            "{late}; every batch so far is labelled: the team has measured {} on cycle {c}'s batch.",
            format_score(m, threshold)
        ),
        Some((c, m)) => format!(
            "{late}: the solid line is what the team has measured, up to cycle {c}'s batch ({}); \
             the faint line is the live model's true accuracy, which only the simulator knows: {score} \
             at cycle {now}. {} the team's blind spot.",
            format_score(m, threshold),
            if c + 1 == now {
                format!("Cycle {now} is")
            } else {
                format!("Cycles {}–{now} are", c + 1)
            }
        ),
        None => format!(
            "{late} and none has come in yet: the team has measured nothing. The faint line is the \
             live model's true accuracy, which only the simulator knows: {score} at cycle {now}."
        ),
    }
}

/// The live model's expected score on a cycle's batch and the half-width of
/// its band (two standard errors of a score on that cycle's hold-out rows),
/// when the simulator knows them.
fn live_band(c: &CycleSummary) -> Option<(f64, f64, u32)> {
    c.expected
        .filter(|e| e.live.is_finite() && e.holdout_rows > 0)
        .map(|e| (e.live, e.band(e.live), e.holdout_rows))
}

/// "±0.05" (three decimals for a band too thin to show in two).
fn half_width(h: f64) -> String {
    if h < 0.005 {
        format!("±{h:.3}")
    } else {
        format!("±{h:.2}")
    }
}

/// A live score that fell outside its band.
struct Outside {
    cycle: u32,
    score: f64,
    lo: f64,
    hi: f64,
    fault: Option<Fault>,
}

/// "Cycle 7" or "Cycles 7, 12 and 30" (the newest three when more).
fn cycles_named(outside: &[&Outside]) -> String {
    let newest: Vec<String> = outside
        .iter()
        .rev()
        .take(3)
        .rev()
        .map(|o| o.cycle.to_string())
        .collect();
    match newest.as_slice() {
        [one] => format!("Cycle {one}"),
        more => format!("Cycles {}", join_words(more)),
    }
}

/// The accuracy chart's note on sampling noise, from the `shown` cycles:
/// the dashed line is what the live model can expect on each batch (which
/// only the simulator knows), the shaded band ±2 standard errors of a
/// hold-out score around it (about 19 scores in 20 fall inside), and which
/// cycles' live scores fell outside it, by luck or after an injected fault.
/// `delayed`: labels arrive late, so the chart's solid line is what the team
/// measured and the band is about the faint line, the live model's true
/// score on each batch. `None` when the newest cycle has no expected score
/// (real or own data, whose generating process is unknown).
pub fn sampling_band_sentence(shown: &[CycleSummary], delayed: bool) -> Option<String> {
    let newest = shown.last()?;
    let (_, half, rows) = live_band(newest)?;
    let banded: Vec<(&CycleSummary, f64, f64, u32)> = shown
        .iter()
        .filter_map(|c| live_band(c).map(|(e, h, r)| (c, e, h, r)))
        .collect();
    let width = if banded.iter().all(|b| half_width(b.2) == half_width(half)) {
        half_width(half)
    } else if banded.iter().all(|b| b.3 == rows) {
        format!(
            "{} at cycle {}, wider where the expected score is nearer 0.5",
            half_width(half),
            newest.cycle
        )
    } else {
        format!("{} at cycle {}", half_width(half), newest.cycle)
    };
    // With late labels the estimate is a second dashed line (ochre): this
    // one is named by its colour.
    let (which, like, score) = if delayed {
        ("thin blue dashed", ", like the faint line", "true score")
    } else {
        ("dashed", "", "score")
    };
    let mut s = format!(
        "The {which} line is what the live model can expect on each batch, which only the \
         simulator knows{like}; the shaded band around it (±2 standard errors: {width}) is \
         where a score on {} hold-out rows falls 19 times in 20, so a {score} inside it differs \
         from the expectation only by luck.",
        group_thousands(rows as usize)
    );
    let outside: Vec<Outside> = banded
        .iter()
        .filter(|(c, e, h, _)| {
            c.live_score.is_finite() && (c.live_score < e - h || c.live_score > e + h)
        })
        .map(|&(c, e, h, _)| Outside {
            cycle: c.cycle,
            score: c.live_score,
            lo: (e - h).max(0.0),
            hi: (e + h).min(1.0),
            fault: c.fault,
        })
        .collect();
    let (faulty, luck): (Vec<&Outside>, Vec<&Outside>) =
        outside.iter().partition(|o| o.fault.is_some());
    match luck.as_slice() {
        [] if faulty.is_empty() && banded.len() > 1 => {
            s.push_str(&format!(" Every {score} shown is inside its band."));
        }
        [] => {}
        [o] => {
            let (edge, side, fortune) = if o.score < o.lo {
                (o.lo, "below", "unlucky")
            } else {
                (o.hi, "above", "lucky")
            };
            let d = decimals_for_order(o.score, edge);
            s.push_str(&format!(
                " Cycle {}'s {score}, {:.d$}, fell {side} its band ({:.d$}–{:.d$}): {fortune}, \
                 as about 1 {score} in 20 falls outside by chance alone.",
                o.cycle, o.score, o.lo, o.hi
            ));
        }
        more if more.len() <= 3 => s.push_str(&format!(
            " {} fell outside their bands: {} of {} {score}s; luck alone puts about 1 in 20 \
             outside.",
            cycles_named(more),
            more.len(),
            group_thousands(banded.len())
        )),
        more => s.push_str(&format!(
            " {} of {} {score}s fell outside their bands, the newest at {}; luck alone puts about \
             1 in 20 outside.",
            group_thousands(more.len()),
            group_thousands(banded.len()),
            cycles_named(more).to_lowercase()
        )),
    }
    match faulty.as_slice() {
        [] => {}
        [o] => s.push_str(&format!(
            " Cycle {}'s {score} fell outside its band after an injected fault ({}) damaged its \
             batch.",
            o.cycle,
            o.fault.map_or("", |f| f.label()).to_lowercase()
        )),
        more => s.push_str(&format!(
            " {} fell outside their bands after injected faults damaged their batches.",
            cycles_named(more)
        )),
    }
    Some(s)
}

// Native only: the core is tested natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn the_blind_spot_is_said_as_it_is() {
        assert_eq!(
            blind_spot_sentence(3, Some((6, 0.81)), (9, 0.55), 0.8),
            "Labels arrive 3 cycles late: the solid line is what the team has measured, up to \
             cycle 6's batch (0.81); the faint line is the live model's true accuracy, which only \
             the simulator knows: 0.55 at cycle 9. Cycles 7–9 are the team's blind spot."
        );
        assert!(
            blind_spot_sentence(1, Some((4, 0.9)), (5, 0.9), 0.8)
                .contains("Labels arrive 1 cycle late: ")
                && blind_spot_sentence(1, Some((4, 0.9)), (5, 0.9), 0.8)
                    .ends_with("Cycle 5 is the team's blind spot.")
        );
        assert!(blind_spot_sentence(2, None, (2, 0.7), 0.8).contains("none has come in yet"));
        assert!(blind_spot_sentence(0, Some((9, 0.7)), (9, 0.7), 0.8)
            .starts_with("Labels now arrive with their batch; every batch so far is labelled"));
    }
    use crate::sim::retraining::validate::Fault;

    fn below(cause: BelowHalfCause) -> BelowHalf {
        BelowHalf {
            live: 3,
            score: 0.21,
            rows: 150,
            cause,
        }
    }

    #[test]
    fn a_turned_rule_names_the_angle_and_the_share() {
        let s = below_half_sentence(&below(BelowHalfCause::RuleTurned {
            turned_min: 108.0,
            turned_max: 108.0,
            share: 1.0,
            right: 0.12,
        }));
        assert_eq!(
            s,
            "v3 scored 0.21 on this batch, below a coin flip (0.5): the labelling rule has turned \
             108° since v3's training data, past 90°, so v3 labels most points backwards (right \
             on only 12% of noise-free ones)."
        );
        let s = below_half_sentence(&below(BelowHalfCause::RuleTurned {
            turned_min: 90.3,
            turned_max: 126.0,
            share: 0.8,
            right: 0.49,
        }));
        assert!(
            s.contains(
                "for 80% of the new points, the labelling rule has turned 90.3° to 126° since"
            ),
            "{s}"
        );
        assert!(s.contains("labels most of those points backwards"), "{s}");
    }

    #[test]
    fn shares_near_one_half_keep_their_side() {
        assert_eq!(percent_keeping_order(0.4996, 0.5), "49.96%");
        assert_eq!(percent_keeping_order(0.12, 0.5), "12%");
        assert_eq!(degrees(90.3), "90.3°");
        assert_eq!(degrees(144.0), "144°");
    }

    #[test]
    fn chance_mentions_noise_only_when_it_is_large() {
        let quiet = below_half_sentence(&below(BelowHalfCause::Chance {
            expected: 0.58,
            best: 0.89,
            noise: 0.05,
            swing: 0.04,
        }));
        assert!(quiet.contains(", by chance: on data like this v3 would expect about 0.58"));
        assert!(quiet.contains("150 hold-out rows typically swings by ±0.04."));
        assert!(!quiet.contains("flipped"), "{quiet}");
        let noisy = below_half_sentence(&below(BelowHalfCause::Chance {
            expected: 0.53,
            best: 0.54,
            noise: 0.45,
            swing: 0.04,
        }));
        assert!(noisy.ends_with(
            "With 45% of labels flipped at random, even the true rule can expect only 0.54."
        ));
    }

    #[test]
    fn a_mix_of_rules_names_both_parts() {
        let s = below_half_sentence(&below(BelowHalfCause::MixedRules {
            share: 0.55,
            turned_min: 180.0,
            turned_max: 180.0,
            right_new: 0.07,
            right_old: 0.93,
            expected: 0.46,
        }));
        assert_eq!(
            s,
            "v3 scored 0.21 on this batch, below a coin flip (0.5): 55% of the new points follow a \
             rule turned 180° since v3's training data, which v3 labels backwards (right on only \
             7% of noise-free ones), and the rest the original rule (right on 93%); together v3 \
             can expect only about 0.46."
        );
    }

    #[test]
    fn a_coin_flip_model_is_no_surprise() {
        let s = below_half_sentence(&below(BelowHalfCause::CoinFlip {
            expected: 0.497,
            best: 0.54,
            noise: 0.45,
            swing: 0.04,
        }));
        assert!(
            s.contains("can expect only about 0.497, hardly different from a coin flip, so on 150 hold-out rows"),
            "{s}"
        );
        assert!(
            s.ends_with("even the true rule can expect only 0.54."),
            "{s}"
        );
    }

    #[test]
    fn faults_and_unknown_rules_say_so() {
        let s = below_half_sentence(&below(BelowHalfCause::FlippedLabels));
        assert!(s.contains("inverted every label"), "{s}");
        let s = below_half_sentence(&below(BelowHalfCause::AllClassOne));
        assert!(s.contains("calls 79% of its hold-out rows class 0"), "{s}");
        let s = below_half_sentence(&below(BelowHalfCause::DamagedBatch {
            fault: Fault::MissingValues,
            expected: 0.61,
        }));
        assert!(
            s.contains("(missing values)") && s.contains("about 0.61"),
            "{s}"
        );
        let s = below_half_sentence(&below(BelowHalfCause::UnknownRule));
        assert!(s.contains("true rule of your data"), "{s}");
        let s = below_half_sentence(&below(BelowHalfCause::BalanceChanged {
            trained_min: 0.77,
            trained_max: 0.95,
            prior: 0.5,
            called_class1: 0.97,
            right: 0.47,
        }));
        assert!(
            s.contains("where 77%–95% of points were class 1 and calls 97% of points class 1, but now 50% are"),
            "{s}"
        );
    }

    #[test]
    fn the_ceiling_warns_when_the_threshold_is_out_of_reach() {
        assert_eq!(
            ceiling_sentence(0.8899, 0.8),
            "The best any model can expect here is 0.89 (the true rule's score at this label noise)."
        );
        let s = ceiling_sentence(0.8899, 0.9);
        assert!(
            s.starts_with(
                "The threshold 0.90 is at or above the best any model can expect here (0.89,"
            ),
            "{s}"
        );
        assert!(
            s.ends_with("no candidate can be expected to pass it."),
            "{s}"
        );
        // Equal on screen but not in fact: the digits tell them apart.
        let s = ceiling_sentence(0.8899, 0.89);
        assert!(s.contains("0.8899"), "{s}");
    }

    use crate::sim::params::SimParams;
    use crate::sim::retraining::cycle::Simulation;

    /// The summaries of `cycles` finished cycles of a run with `params`.
    fn run(params: SimParams, cycles: u32) -> Vec<CycleSummary> {
        let mut sim = Simulation::from_params(params).unwrap();
        sim.finish_cycles(cycles);
        sim.summaries().to_vec()
    }

    /// The cycles whose live score lies outside expected ± band: an oracle
    /// written apart from the sentence.
    fn outside_cycles(s: &[CycleSummary]) -> Vec<u32> {
        s.iter()
            .filter(|c| {
                let e = c.expected.unwrap();
                (c.live_score - e.live).abs() > e.band(e.live)
            })
            .map(|c| c.cycle)
            .collect()
    }

    #[test]
    fn the_band_sentence_prints_the_rows_and_the_half_width_of_the_newest_band() {
        // No drift: the band keeps its width, and is said once.
        let s = run(SimParams::default().drift_strength(0.0), 6);
        let e = s.last().unwrap().expected.unwrap();
        assert_eq!(e.holdout_rows, 150);
        let half = format!("{:.2}", e.band(e.live));
        assert_eq!(half, "0.05");
        let note = sampling_band_sentence(&s, false).unwrap();
        assert!(
            note.starts_with(&format!(
                "The dashed line is what the live model can expect on each batch, which only the \
                 simulator knows; the shaded band around it (±2 standard errors: ±{half}) is \
                 where a score on 150 hold-out rows falls 19 times in 20, so a score inside it \
                 differs from the expectation only by luck."
            )),
            "{note}"
        );
        assert!(outside_cycles(&s).is_empty());
        assert!(
            note.ends_with(" Every score shown is inside its band."),
            "{note}"
        );
    }

    #[test]
    fn a_drift_widens_the_band_and_the_sentence_names_the_newest() {
        // The default drift turns the rule past 90° at cycle 3: the live
        // model expects far less for a while, nearer 0.5, where the band is
        // wider.
        let s = run(SimParams::default(), 12);
        let last = s.last().unwrap();
        let e = last.expected.unwrap();
        let widest = s
            .iter()
            .map(|c| c.expected.unwrap())
            .map(|e| e.band(e.live))
            .fold(0.0, f64::max);
        assert!(widest > e.band(e.live) + 0.01, "{widest}");
        let note = sampling_band_sentence(&s, false).unwrap();
        assert!(
            note.contains(&format!(
                "(±2 standard errors: ±{:.2} at cycle 12, wider where the expected score is \
                 nearer 0.5)",
                e.band(e.live)
            )),
            "{note}"
        );
    }

    #[test]
    fn scores_outside_their_band_are_named_by_cycle() {
        let s = run(SimParams::default(), 120);
        let outside = outside_cycles(&s);
        // Seeded: a few of 120, as luck would have it (about 1 in 20).
        assert!((1..=3).contains(&outside.len()), "{outside:?}");
        let named: Vec<String> = outside.iter().map(u32::to_string).collect();
        let note = sampling_band_sentence(&s, false).unwrap();
        let head = if outside.len() == 1 {
            "Cycle"
        } else {
            "Cycles"
        };
        assert!(
            note.contains(&format!(" {head} {} fell", join_words(&named))),
            "{note}"
        );
        // One lucky score: said with its numbers and its side.
        let mut one = run(SimParams::default().drift_strength(0.0), 6);
        let c = &mut one[3];
        let e = c.expected.unwrap();
        let (lo, hi) = (e.live - e.band(e.live), e.live + e.band(e.live));
        c.live_score = hi + 0.02;
        let note = sampling_band_sentence(&one, false).unwrap();
        assert!(
            note.ends_with(&format!(
                " Cycle 4's score, {:.2}, fell above its band ({lo:.2}–{hi:.2}): lucky, as about \
                 1 score in 20 falls outside by chance alone.",
                hi + 0.02
            )),
            "{note}"
        );
        assert!(!note.contains("Every score"), "{note}");
        // Just below: enough decimals that the score reads below the band.
        one[3].live_score = lo - 0.001;
        let note = sampling_band_sentence(&one, false).unwrap();
        assert!(
            note.contains("fell below its band (") && note.contains("unlucky"),
            "{note}"
        );
        assert!(
            note.contains(&format!("{:.3}, fell below its band ({lo:.3}", lo - 0.001)),
            "{note}"
        );
    }

    #[test]
    fn a_faulty_batch_is_named_apart_from_luck() {
        let mut sim = Simulation::from_params(SimParams::default().drift_strength(0.0)).unwrap();
        sim.finish_cycles(4);
        sim.inject_fault(Fault::FlippedLabels);
        sim.finish_cycles(2);
        let s = sim.summaries();
        assert_eq!(s[4].fault, Some(Fault::FlippedLabels));
        assert_eq!(outside_cycles(s), vec![5]);
        let note = sampling_band_sentence(s, false).unwrap();
        assert!(
            note.ends_with(
                " Cycle 5's score fell outside its band after an injected fault (flipped labels) \
                 damaged its batch."
            ),
            "{note}"
        );
        assert!(
            !note.contains("luck alone") && !note.contains("Every score"),
            "{note}"
        );
    }

    #[test]
    fn late_labels_put_the_band_around_the_true_score() {
        let s = run(SimParams::default().label_delay(3), 12);
        let note = sampling_band_sentence(&s, true).unwrap();
        assert!(
            note.contains("which only the simulator knows, like the faint line;")
                && note.contains("so a true score inside it"),
            "{note}"
        );
        if outside_cycles(&s).is_empty() {
            assert!(
                note.ends_with("Every true score shown is inside its band."),
                "{note}"
            );
        }
    }

    #[test]
    fn nothing_is_said_without_an_expected_score() {
        assert_eq!(sampling_band_sentence(&[], false), None);
        // Real or own data: the simulator knows no expectation.
        let mut s = run(SimParams::default(), 3);
        s.iter_mut().for_each(|c| c.expected = None);
        assert_eq!(sampling_band_sentence(&s, false), None);
        assert_eq!(sampling_band_sentence(&s, true), None);
    }
}
