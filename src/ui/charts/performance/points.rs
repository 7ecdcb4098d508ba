//! The performance chart's points: the measured, estimated and expected
//! scores per shown cycle, and the band a measured score falls in by luck.

use crate::sim::retraining::history::CycleSummary;

use super::LONE_BAND_HALF;

/// The estimated accuracy at each shown cycle that has one (made when the
/// batch arrived, before its labels).
pub fn estimated_points(shown: &[CycleSummary]) -> Vec<(f64, f64)> {
    shown
        .iter()
        .filter_map(|c| c.estimated.map(|e| (f64::from(c.cycle), e.score)))
        .filter(finite)
        .collect()
}

/// The cycles whose estimate raised an alert on an estimated drop, at the
/// estimate.
pub fn estimate_alert_points(shown: &[CycleSummary]) -> Vec<(f64, f64)> {
    shown
        .iter()
        .filter_map(|c| {
            c.estimated
                .filter(|e| e.alerted)
                .map(|e| (f64::from(c.cycle), e.score))
        })
        .filter(finite)
        .collect()
}

/// True when any shown cycle had its labels arrive late (or a measurement
/// about an older batch): the chart then splits measured from true accuracy.
pub fn labels_late(shown: &[CycleSummary]) -> bool {
    shown
        .iter()
        .any(|c| c.label_delay > 0 || c.measured.is_some_and(|m| m.on_cycle != c.cycle))
}

/// What the team measured, at the cycle of the batch it was measured on.
pub fn measured_points(shown: &[CycleSummary]) -> Vec<(f64, f64)> {
    let first = shown.first().map_or(0, |c| c.cycle);
    shown
        .iter()
        .filter_map(|c| c.measured)
        .filter(|m| m.on_cycle >= first && m.score.is_finite())
        .map(|m| (f64::from(m.on_cycle), m.score))
        .collect()
}

/// What the live model could expect at one shown cycle, and the band (two
/// standard errors of a score on that cycle's hold-out rows) a measured score
/// falls in about 19 times in 20, clipped to 0..1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BandPoint {
    /// The cycle, as the x axis places it.
    pub x: f64,
    /// The band's lower edge.
    pub low: f64,
    /// The expected score.
    pub expected: f64,
    /// The band's upper edge.
    pub high: f64,
}

/// The expected live score and its band at each shown cycle whose summary
/// has one, in runs of consecutive cycles (a run breaks where a cycle has
/// none: real or own data, whose expectation nobody knows).
pub fn expected_band_runs(shown: &[CycleSummary]) -> Vec<Vec<BandPoint>> {
    let mut runs = Vec::new();
    let mut run = Vec::new();
    for c in shown {
        let point = c
            .expected
            .filter(|e| e.live.is_finite() && e.holdout_rows > 0)
            .map(|e| {
                let half = e.band(e.live);
                BandPoint {
                    x: f64::from(c.cycle),
                    low: (e.live - half).max(0.0),
                    expected: e.live,
                    high: (e.live + half).min(1.0),
                }
            });
        match point {
            Some(p) => run.push(p),
            None if !run.is_empty() => runs.push(std::mem::take(&mut run)),
            None => {}
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

/// The band's outline through a run: along its upper edge, back along its
/// lower one. A lone cycle gets a short bar, [`LONE_BAND_HALF`] either side.
pub(super) fn band_outline(run: &[BandPoint]) -> Vec<(f64, f64)> {
    let spread: Vec<BandPoint> = match run {
        [one] => [-LONE_BAND_HALF, LONE_BAND_HALF]
            .map(|dx| BandPoint {
                x: one.x + dx,
                ..*one
            })
            .to_vec(),
        _ => run.to_vec(),
    };
    spread
        .iter()
        .map(|p| (p.x, p.high))
        .chain(spread.iter().rev().map(|p| (p.x, p.low)))
        .collect()
}

/// The expected score's line through a run (a short dash for a lone cycle).
pub(super) fn expected_line(run: &[BandPoint]) -> Vec<(f64, f64)> {
    match run {
        [one] => vec![
            (one.x - LONE_BAND_HALF, one.expected),
            (one.x + LONE_BAND_HALF, one.expected),
        ],
        _ => run.iter().map(|p| (p.x, p.expected)).collect(),
    }
}

pub(super) fn finite(p: &(f64, f64)) -> bool {
    p.0.is_finite() && p.1.is_finite()
}
