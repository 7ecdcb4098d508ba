//! The detector scorecard in words: the known drift points and the rules the
//! race table's caption states, the table's scorecard cells, the sensitivity
//! settings' names and values, and the sweep chart's text alternative. Part
//! of [`super`], the one place where facts become words.

use crate::sim::english::join_words;
use crate::sim::params::DetectorKind;
use crate::sim::retraining::scorecard::{Scorecard, DETECTION_WINDOW};
use crate::sim::retraining::sweep::SensitivitySweep;
use crate::sim::stream::drift_points::{DriftPoint, DriftPointKind};

/// "1 cycle", "3 cycles".
fn cycles(n: u32) -> String {
    if n == 1 {
        "1 cycle".into()
    } else {
        format!("{n} cycles")
    }
}

/// The symbol of a detector's sensitivity setting: δ, λ or α.
pub fn sensitivity_symbol(detector: DetectorKind) -> &'static str {
    match detector {
        DetectorKind::Adwin => "δ",
        DetectorKind::PageHinkley => "λ",
        DetectorKind::KsTest => "α",
    }
}

/// A detector's name in a sentence or a legend.
pub fn detector_name(detector: DetectorKind) -> &'static str {
    match detector {
        DetectorKind::Adwin => "ADWIN",
        DetectorKind::PageHinkley => "Page-Hinkley",
        DetectorKind::KsTest => "the KS test",
    }
}

/// A sensitivity value as a slider and the chart show it: "0.002", "50".
pub fn sensitivity_value(value: f64) -> String {
    // Display gives the shortest text that reads back to the same double.
    format!("{value}")
}

/// "δ = 0.002".
pub fn sensitivity_setting_text(detector: DetectorKind, value: f64) -> String {
    format!(
        "{} = {}",
        sensitivity_symbol(detector),
        sensitivity_value(value)
    )
}

/// The known drift points, for the race table's caption: which cycles, and
/// what changes there.
pub fn drift_points_text(points: &[DriftPoint]) -> String {
    let Some(first) = points.first() else {
        return "This stream never drifts, so it has no drift points: every retrain is a false \
                alarm."
            .into();
    };
    match first.kind {
        DriftPointKind::Onset => format!(
            "One drift point: the sudden drift's onset at cycle {}.",
            first.cycle
        ),
        DriftPointKind::RampStart => format!(
            "One drift point: the start of the gradual drift's ramp at cycle {} (new-concept \
             samples climb past 88 % by cycle {}).",
            first.cycle, first.until
        ),
        DriftPointKind::MoveStart => format!(
            "One drift point: the start of the incremental drift at cycle {} (the concept moves \
             until cycle {}).",
            first.cycle, first.until
        ),
        DriftPointKind::SwitchToNew | DriftPointKind::SwitchBack => {
            let at: Vec<String> = points.iter().map(|p| p.cycle.to_string()).collect();
            format!(
                "{} drift points: every switch of the recurring drift, to the new concept and \
                 back, at cycles {}.",
                points.len(),
                join_words(&at)
            )
        }
    }
}

/// The scorecard's rules, as the race table's caption states them.
pub fn scorecard_rules() -> String {
    format!(
        "A retrain detects a drift point when it is the first in the drift point's cycle, while \
         its change unfolds, or in the {} after (before the next drift point); time to detect \
         counts the cycles from the drift point to it. A drift point with no retrain by then is \
         missed; a retrain outside every such window is a false alarm.",
        cycles(DETECTION_WINDOW - 1)
    )
}

/// What the scorecard columns hold on data whose drift points nobody knows.
pub const NO_DRIFT_POINTS: &str = "On real data nobody knows when the world drifted, so the \
                                   scorecard columns are empty: only the simulator knows its \
                                   drift points.";

/// The time-to-detect cell: "0 cycles", "1.5 cycles (mean of 8)", "none
/// detected", or "no drift" when there was nothing to detect.
pub fn time_to_detect_cell(card: &Scorecard) -> String {
    match card.mean_delay() {
        _ if card.drift_points == 0 => "no drift".into(),
        None => "none detected".into(),
        Some(mean) if card.detections.len() == 1 => mean_cycles(mean),
        Some(mean) => format!("{} (mean of {})", mean_cycles(mean), card.detections.len()),
    }
}

/// A mean number of cycles with at most two decimals, no trailing zeros:
/// "1 cycle", "0.5 cycles".
fn mean_cycles(mean: f64) -> String {
    let text = format!("{mean:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "1" {
        "1 cycle".into()
    } else {
        format!("{text} cycles")
    }
}

/// The missed cell: "0 of 1", "2 of 8 (1 more too near the end to judge)".
pub fn missed_cell(card: &Scorecard) -> String {
    let judged = card.drift_points - card.open;
    let base = format!("{} of {judged}", card.missed);
    match card.open {
        0 => base,
        n => format!("{base} ({n} more too near the end to judge)"),
    }
}

/// The sweep chart's one-sentence summary (its canvas's label).
pub fn sweep_aria_label(sweep: &SensitivitySweep) -> String {
    format!(
        "False alarms, missed drift points and mean time to detect of {} at {} values of {}, on \
         the same stream.",
        detector_name(sweep.detector),
        sweep.points.len(),
        sensitivity_symbol(sweep.detector)
    )
}

/// The sweep chart's caption: every value's numbers, and the one in force.
pub fn sweep_caption(sweep: &SensitivitySweep) -> String {
    let d = sweep.detector;
    let parts: Vec<String> = sweep
        .points
        .iter()
        .map(|p| {
            let c = &p.scorecard;
            let delay = match c.mean_delay() {
                Some(m) => format!("time to detect {}", mean_cycles(m)),
                None => "nothing detected".into(),
            };
            format!(
                "{}: {} false alarm{}, {} missed, {delay}",
                sensitivity_setting_text(d, p.value),
                c.false_alarms,
                if c.false_alarms == 1 { "" } else { "s" },
                c.missed
            )
        })
        .collect();
    format!(
        "Least sensitive first. {}. In force: {}.",
        parts.join("; "),
        sensitivity_setting_text(d, sweep.current)
    )
}

// Native only: the core is tested natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::retraining::scorecard::Detection;
    use crate::sim::retraining::sweep::SweepPoint;

    fn point(cycle: u32, kind: DriftPointKind, until: u32) -> DriftPoint {
        DriftPoint { cycle, kind, until }
    }

    #[test]
    fn each_pattern_names_its_drift_points() {
        assert_eq!(
            drift_points_text(&[point(3, DriftPointKind::Onset, 3)]),
            "One drift point: the sudden drift's onset at cycle 3."
        );
        assert!(
            drift_points_text(&[point(3, DriftPointKind::RampStart, 10)])
                .contains("ramp at cycle 3 (new-concept samples climb past 88 % by cycle 10)")
        );
        assert!(drift_points_text(&[point(3, DriftPointKind::MoveStart, 6)])
            .contains("at cycle 3 (the concept moves until cycle 6)"));
        let recurring = [
            point(3, DriftPointKind::SwitchToNew, 3),
            point(8, DriftPointKind::SwitchBack, 8),
            point(13, DriftPointKind::SwitchToNew, 13),
        ];
        assert!(drift_points_text(&recurring).starts_with("3 drift points"));
        assert!(drift_points_text(&recurring).contains("at cycles 3, 8 and 13."));
        assert!(drift_points_text(&[]).contains("every retrain is a false alarm"));
        assert!(scorecard_rules().contains("or in the 4 cycles after"));
    }

    #[test]
    fn the_cells_say_the_counts() {
        let mut card = Scorecard {
            drift_points: 3,
            detections: vec![
                Detection {
                    drift_cycle: 3,
                    delay: 0,
                },
                Detection {
                    drift_cycle: 8,
                    delay: 1,
                },
            ],
            missed: 0,
            open: 1,
            answering: 2,
            false_alarms: 4,
        };
        assert_eq!(time_to_detect_cell(&card), "0.5 cycles (mean of 2)");
        assert_eq!(
            missed_cell(&card),
            "0 of 2 (1 more too near the end to judge)"
        );
        card.detections.truncate(1);
        assert_eq!(time_to_detect_cell(&card), "0 cycles");
        card.detections.clear();
        assert_eq!(time_to_detect_cell(&card), "none detected");
        assert_eq!(time_to_detect_cell(&Scorecard::default()), "no drift");
        assert_eq!(missed_cell(&Scorecard::default()), "0 of 0");
    }

    #[test]
    fn the_sweep_caption_lists_every_value() {
        let sweep = SensitivitySweep {
            detector: DetectorKind::PageHinkley,
            current: 50.0,
            points: vec![
                SweepPoint {
                    value: 200.0,
                    scorecard: Scorecard {
                        drift_points: 1,
                        missed: 1,
                        ..Scorecard::default()
                    },
                },
                SweepPoint {
                    value: 50.0,
                    scorecard: Scorecard {
                        drift_points: 1,
                        detections: vec![Detection {
                            drift_cycle: 3,
                            delay: 1,
                        }],
                        answering: 1,
                        false_alarms: 1,
                        ..Scorecard::default()
                    },
                },
            ],
        };
        assert_eq!(
            sweep_caption(&sweep),
            "Least sensitive first. λ = 200: 0 false alarms, 1 missed, nothing detected; λ = 50: \
             1 false alarm, 0 missed, time to detect 1 cycle. In force: λ = 50."
        );
        assert!(sweep_aria_label(&sweep).contains("Page-Hinkley at 2 values of λ"));
        assert_eq!(sensitivity_value(0.002), "0.002");
        assert_eq!(sensitivity_value(0.2), "0.2");
    }
}
