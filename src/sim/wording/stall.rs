//! Words for a stalled run ([`Stall`]): why nothing retrains, told from its
//! typed cause, the fixes that work for that cause, and the notice's buttons.
//! The drift story ("it fired when the drift began") is told only when the
//! detector really fired at a real drift; a threshold no model can reach is
//! named as such, and then no floor is offered as the fix.

use super::numbers::{format_score, format_threshold};
use crate::sim::params::DetectorKind;
use crate::sim::retraining::history::{Stall, StallCause, StallFix, StreamDrift};

/// The label of the button that adds a performance floor to the run.
pub const FLOOR_BUTTON: &str = "Add a performance floor";
/// The label of the button that starts the run again on the newest batch only.
pub const RESTART_BUTTON: &str = "Restart, training on new data only";

/// The detector's name inside a sentence.
fn name(d: DetectorKind) -> &'static str {
    match d {
        DetectorKind::Adwin => "ADWIN",
        DetectorKind::PageHinkley => "Page-Hinkley",
        DetectorKind::KsTest => "the KS test",
    }
}

/// What the detector reads, and so what it cannot see.
fn reads(d: DetectorKind) -> String {
    match d {
        DetectorKind::Adwin | DetectorKind::PageHinkley => format!(
            "{} fires on a change in the live model's error rate, not on a bad level",
            name(d)
        ),
        DetectorKind::KsTest => "the KS test compares only the inputs, never the labels".into(),
    }
}

/// Why nothing retrains, from the cause.
fn why(s: &Stall) -> String {
    let d = s.detector;
    let t = format_threshold(s.threshold);
    // What the detector has seen since it last had something to see.
    let quiet = match d {
        DetectorKind::Adwin | DetectorKind::PageHinkley => {
            "the error rate has stayed high but steady, so it sees nothing new".to_string()
        }
        DetectorKind::KsTest => format!(
            "the new batches' inputs look like the rows v{} was trained on (p ≥ {} for both \
             features), so it sees nothing new",
            s.live, s.ks_alpha
        ),
    };
    match s.cause {
        StallCause::ThresholdOutOfReach { best_possible } => format!(
            "the threshold is out of reach. The best accuracy any model can expect on these \
             batches is {} on average (the true labelling rule's, at this label noise; one \
             hold-out slice scatters around it), and {t} is not below it: no candidate can be \
             expected to pass the check, whatever triggers retraining, so {} is not what holds \
             the run back",
            format_score(best_possible, s.threshold),
            name(d)
        ),
        StallCause::AfterDetection {
            drift_began_at_cycle: began,
            detected_at_cycle: at,
        } => {
            let when = if began == at {
                format!(
                    "The stream drifted at cycle {began}, and {} fired then",
                    name(d)
                )
            } else {
                format!(
                    "The stream began to drift at cycle {began}, and {} fired at cycle {at}",
                    name(d)
                )
            };
            format!("{}. {when}; since then {quiet}", reads(d))
        }
        StallCause::NoDetection {
            stream,
            last_fired_at_cycle,
            watched_from_cycle,
        } => {
            let fired = match (last_fired_at_cycle, stream) {
                (Some(at), StreamDrift::Unknown) => format!("it last fired at cycle {at}"),
                (Some(at), _) => format!(
                    "its last firing, at cycle {at}, came while the stream had not drifted (a \
                     false alarm)"
                ),
                (None, _) if watched_from_cycle <= 1 => "it has not fired in this run".into(),
                (None, _) => format!("it has not fired since cycle {watched_from_cycle}"),
            };
            let unseen = match d {
                DetectorKind::Adwin | DetectorKind::PageHinkley => {
                    "the error rate has not changed enough for it to fire".to_string()
                }
                DetectorKind::KsTest => format!(
                    "the new batches' inputs look like the rows v{} was trained on (p ≥ {} for \
                     both features)",
                    s.live, s.ks_alpha
                ),
            };
            match stream {
                StreamDrift::None { best_possible } => format!(
                    "the stream has not drifted, so {} has no change to find ({fired}). v{} is as \
                     good as when it was trained; what it does not reach is the threshold {t}, and \
                     the best any model can expect here is {}",
                    name(d),
                    s.live,
                    format_score(best_possible, s.threshold)
                ),
                StreamDrift::Since { cycle } => format!(
                    "{}. The stream began to drift at cycle {cycle}, but {fired}: {unseen}",
                    reads(d)
                ),
                StreamDrift::Unknown => format!("{}, and {fired}: {unseen}", reads(d)),
            }
        }
    }
}

/// One fix, as the message says it.
fn fix_text(s: &Stall, fix: StallFix) -> String {
    let t = format_threshold(s.threshold);
    match fix {
        StallFix::ReachableThreshold { below } => format!(
            "set a deploy threshold below {} (lowered only because {t} asks for more than any \
             model can reach, never to let a worse model through). A performance floor would not \
             help: it would retrain every cycle, and a candidate would pass only by the luck of \
             its hold-out draw",
            format_score(below, s.threshold)
        ),
        StallFix::PerformanceFloor => match s.cause {
            StallCause::NoDetection {
                stream: StreamDrift::None { .. },
                ..
            } => format!(
                "check that {t} is a threshold the data allows; a performance floor as a second \
                 trigger would retrain every cycle until a candidate beats it"
            ),
            _ => "add a performance floor as a second trigger, in this run (it retrains whenever \
                  live accuracy is below the threshold)"
                .into(),
        },
        StallFix::RestartOnNewestBatch => format!(
            "or restart the run training on the new data only (window: newest batch), so that \
             the retrain at the detection is not held back by batches from before the drift \
             (changed mid-run, the window alone does nothing: {} does not fire again)",
            name(s.detector)
        ),
    }
}

/// Why a run with a drift detector is stuck, and what a team does about it.
pub fn stall_message(s: &Stall) -> String {
    let fixes: Vec<String> = s.fixes().into_iter().map(|f| fix_text(s, f)).collect();
    format!(
        "Stuck for {} cycles: live v{} scores {}, below the threshold {}, and nothing retrains. \
         Why: {}. What a team does: {}.",
        s.cycles,
        s.live,
        format_score(s.live_score, s.threshold),
        format_threshold(s.threshold),
        why(s),
        fixes.join(", ")
    )
}

/// The notice's button for `fix`, if it has one (a threshold is set with its
/// own slider, to a value the team chooses).
pub fn stall_fix_button(fix: StallFix) -> Option<&'static str> {
    match fix {
        StallFix::PerformanceFloor => Some(FLOOR_BUTTON),
        StallFix::RestartOnNewestBatch => Some(RESTART_BUTTON),
        StallFix::ReachableThreshold { .. } => None,
    }
}

// Native only: the core is tested natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::params::{RetrainTrigger, SimParams, TrainingWindow};
    use crate::sim::retraining::history::stall;
    use crate::sim::retraining::scenarios::scenario;
    use crate::sim::testing::{fired_cycles, run};

    const SEEDS: u64 = 20;

    #[test]
    fn an_unreachable_threshold_without_drift_is_named_and_no_floor_is_offered() {
        for seed in 0..SEEDS {
            let p = SimParams::default()
                .seed(seed)
                .drift_strength(0.0)
                .threshold(0.95)
                .trigger(RetrainTrigger::DriftDetected(DetectorKind::Adwin));
            let sim = run(p, 8);
            let s = stall(sim.summaries(), sim.params()).expect("stuck below 0.95");
            let StallCause::ThresholdOutOfReach { best_possible } = s.cause else {
                panic!("seed {seed}: {:?}", s.cause)
            };
            assert!(best_possible < 0.95, "seed {seed}: {best_possible}");
            assert_eq!(
                s.fixes(),
                [StallFix::ReachableThreshold {
                    below: best_possible
                }]
            );
            assert!(s.fixes().iter().all(|f| stall_fix_button(*f).is_none()));
            let text = stall_message(&s);
            assert!(text.contains("the threshold is out of reach"), "{text}");
            let below = format!(
                "set a deploy threshold below {}",
                format_score(best_possible, 0.95)
            );
            assert!(text.contains(&below), "{text}");
            assert!(
                text.contains("A performance floor would not help"),
                "{text}"
            );
            for blame in ["drift", "fired", "add a performance floor"] {
                assert!(!text.contains(blame), "seed {seed} says {blame:?}: {text}");
            }
        }
    }

    #[test]
    fn the_stalled_detector_scenario_tells_the_detection_at_its_real_cycle() {
        let base = scenario("drift-triggered").expect("a scenario").params;
        for seed in 0..SEEDS {
            let sim = run(base.clone().seed(seed), 10);
            let s = stall(sim.summaries(), sim.params()).expect("ADWIN stalls");
            let fired = fired_cycles(&sim);
            let detected = *fired.last().expect("ADWIN fired");
            assert_eq!(
                s.cause,
                StallCause::AfterDetection {
                    drift_began_at_cycle: base.drift_onset,
                    detected_at_cycle: detected,
                },
                "seed {seed}, fired at {fired:?}"
            );
            assert_eq!(
                s.fixes(),
                [StallFix::PerformanceFloor, StallFix::RestartOnNewestBatch]
            );
            let text = stall_message(&s);
            let when = if detected == base.drift_onset {
                format!("The stream drifted at cycle {detected}, and ADWIN fired then")
            } else {
                format!("and ADWIN fired at cycle {detected}")
            };
            assert!(text.contains(&when), "seed {seed}: {text}");
            assert!(text.contains("high but steady"), "{text}");
            assert!(text.contains("add a performance floor"), "{text}");
        }
    }

    #[test]
    fn a_detector_quiet_without_drift_blames_no_drift() {
        // A reachable threshold the live model misses by chance: not a drift story.
        let s = Stall {
            detector: DetectorKind::PageHinkley,
            cause: StallCause::NoDetection {
                stream: StreamDrift::None {
                    best_possible: 0.89,
                },
                last_fired_at_cycle: Some(4),
                watched_from_cycle: 1,
            },
            cycles: 3,
            live: 2,
            live_score: 0.86,
            threshold: 0.87,
            window: TrainingWindow::Sliding(3),
            ks_alpha: 0.05,
        };
        let text = stall_message(&s);
        assert!(text.contains("the stream has not drifted"), "{text}");
        assert!(text.contains("at cycle 4, came while the stream had not drifted (a false alarm)"));
        assert!(
            text.contains("check that 0.87 is a threshold the data allows"),
            "{text}"
        );
        assert!(!text.contains("drift began") && !text.contains("began to drift"));
        assert_eq!(s.fixes(), [StallFix::PerformanceFloor]);
    }

    #[test]
    fn own_data_tells_no_drift_it_cannot_know() {
        let s = Stall {
            detector: DetectorKind::KsTest,
            cause: StallCause::NoDetection {
                stream: StreamDrift::Unknown,
                last_fired_at_cycle: None,
                watched_from_cycle: 1,
            },
            cycles: 4,
            live: 1,
            live_score: 0.6,
            threshold: 0.65,
            window: TrainingWindow::Sliding(2),
            ks_alpha: 0.05,
        };
        let text = stall_message(&s);
        assert!(
            text.contains("the KS test compares only the inputs, never the labels, and it has not fired in this run: the new batches' inputs look like the rows v1 was trained on"),
            "{text}"
        );
        assert!(
            !text.contains("drifted") && !text.contains("began to drift"),
            "{text}"
        );
        assert_eq!(s.fixes(), [StallFix::PerformanceFloor]);
    }
}
