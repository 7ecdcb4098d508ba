//! The one place where a cycle's typed facts and outcomes become words: the
//! process table's cells, the status tracker, the decision banner, alert
//! messages, the trigger's reason and detail, and chart notes (the charts'
//! sentences about what the stream makes true are in `chart_notes`).
//!
//! Views match on the facts ([`StepFact`], [`Outcome`]) to decide what to
//! highlight, and call these functions only to show text. A reworded sentence
//! here can never change behaviour.
//!
//! One formatting rule for numbers that are compared: a score is shown with as
//! many decimals as it takes (2 to 6) for the shown numbers to keep the true
//! order, so "0.80 < 0.80" or a rejected "0.80 > 0.80" cannot appear.

mod chart_notes;
mod circle;
mod cost;
mod estimate;
mod notice;
mod numbers;
mod outcome;
mod page;
mod panels;
mod problem;
mod scorecard;
mod stall;
mod steps;
mod team_view;
mod triggers;
mod validation;
mod versions;
mod weather;
pub use chart_notes::{
    below_half_sentence, blind_spot_sentence, ceiling_sentence, sampling_band_sentence, sweep_note,
};
pub use circle::{
    circle_axis_names, circle_caption, circle_ended_short, circle_fit, circle_legend, circle_means,
    circle_offer_hint, circle_phase_sentence, circle_problem, circle_scale, circle_source,
    circle_started, circle_status, data_loading, fetch_problem, line_cannot_fit, CIRCLE_TITLE,
    TREE_BUTTON,
};
pub use cost::{
    cost_rule, cost_stat_note, cost_units, format_cost, policy_name, policy_point_text,
    policy_short_name, race_cost_rule, race_cost_sentence, retrain_cost_text, totals_cost_sentence,
    version_cost_text,
};
pub use estimate::{alert_log_lines, estimate_alert_message, estimate_sentence};
pub use notice::{
    fault_injected, fault_status, race_finished, rolled_back, settings_changed, start_here,
    trigger_status, RESET_NOTICE, VALIDATION_OFF, VALIDATION_WAITING,
};
pub use numbers::{format_pair, format_score, format_threshold, gate_numbers};
pub use outcome::{
    alert_message, candidate_note, in_progress_message, no_alerts_text, outcome_message,
    outcome_title, viewing_rewound,
};
pub use page::{
    chapter_count, chapter_entry, run_label, APP_TITLE, CHAPTER_LABEL, ENGINE_STARTING, FOOTER,
    GLOSSARY_SUMMARY, PLAYGROUND_LOADING, PLAYGROUND_SWITCH, PREDICTION_LEAD, RUN_NEEDS_PREDICTION,
    RUN_READY_HINT, RUN_WAITS_FOR_ENGINE, RUN_WAITS_HINT, TAGLINE,
};
pub use panels::{
    data_source, drift_speed_hint, prediction_question, prediction_waiting, predictions_closed,
    race_description, timeline_status, transcript_decision, transcript_so_far, transcript_start,
    transcript_step,
};
pub use problem::{link_problems, problem_text};
pub use scorecard::{
    detector_name, drift_points_text, missed_cell, scorecard_rules, sensitivity_setting_text,
    sensitivity_symbol, sensitivity_value, sweep_aria_label, sweep_caption, time_to_detect_cell,
    NO_DRIFT_POINTS,
};
pub use stall::{stall_fix_button, stall_message, FLOOR_BUTTON, RESTART_BUTTON};
pub use steps::{
    check_comparison, data_var, drift_phrase, labels_clause, labels_note, model_var, perf_var,
    step_cells, Cells,
};
pub use team_view::{
    diagnosis_sentences, input_drift_caption, ks_verdict, p_value_text, team_accuracy_note,
    team_scatter_note, team_view_hint, team_view_note, truth_words_in, DIAGNOSIS_QUESTION,
    INPUT_DRIFT_TITLE, TRUTH_WORDS,
};
pub use triggers::{cron_text, trigger_detail, trigger_reason};
pub use validation::{check_name, failure_text, failures_text};
pub use versions::{comparison_summary, registry_event_text, version_score_text, window_text};
pub use weather::{
    feature_meaning, feature_note, race_without_cycles, weather_ended_short,
    weather_known_problems, weather_means, weather_offer_hint, weather_problem, weather_scale,
    weather_shift_reached, weather_source, weather_span, weather_started, weather_status,
    weather_yardstick,
};

// Native only: the core is tested natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    use crate::sim::ml::detectors::AdwinConfig;

    use crate::sim::retraining::cron::{CronPattern, TimeOfDay};

    use crate::sim::retraining::outcome::{AlertReason, KeptReason, Outcome};
    use crate::sim::retraining::registry::{RegistryEvent, RegistryEventKind, WindowInfo};
    use crate::sim::retraining::steps::{CheckStep, Skip, StepFact};
    use crate::sim::retraining::triggers::{TriggerCause, TriggerEval};

    use crate::sim::ml::train::TrainError;
    use crate::sim::params::RetrainTrigger;
    use crate::sim::retraining::cron::SimTime;
    use crate::sim::retraining::outcome::GateCheck;

    fn deployed(gate: Option<GateCheck>) -> Outcome {
        Outcome::Deployed {
            version: 3,
            score: 0.853,
            threshold: 0.8,
            replaced: 2,
            gate,
        }
    }

    #[test]
    fn scores_keep_their_true_order_with_the_threshold() {
        assert_eq!(format_score(0.853, 0.80), "0.85");
        assert_eq!(format_score(0.7996, 0.80), "0.7996");
        assert_eq!(format_score(0.8004, 0.80), "0.8004");
        assert_eq!(format_score(0.80, 0.80), "0.80");
        assert_eq!(format_threshold(0.8), "0.80");
        assert_eq!(format_threshold(0.805), "0.805");
        assert_eq!(
            format_pair(0.8512, 0.8549),
            ("0.851".into(), "0.855".into())
        );
        assert_eq!(
            gate_numbers(0.8512, 0.8349, 0.02),
            ("0.851".into(), "0.835".into(), "0.855".into())
        );
    }

    #[test]
    fn a_deploy_is_worded_with_its_score_and_threshold() {
        let o = deployed(None);
        assert_eq!(outcome_title(&o), "Deployed");
        assert_eq!(
            outcome_message(&o),
            "Deployed: model v3 scored 0.85 > threshold 0.80; it replaces v2."
        );
        let gated = deployed(Some(GateCheck {
            live_score: 0.81,
            margin: 0.02,
            passed: true,
        }));
        assert_eq!(
            outcome_message(&gated),
            "Deployed: model v3 scored 0.85 > threshold 0.80 and 0.85 ≥ 0.83 (live v2's 0.81 + margin 0.02); it replaces v2."
        );
    }

    #[test]
    fn each_alert_reason_is_worded_with_its_numbers() {
        let below = Outcome::Alerted {
            live: 2,
            reason: AlertReason::BelowThreshold {
                candidate: 3,
                score: 0.7996,
                threshold: 0.8,
            },
        };
        assert_eq!(outcome_title(&below), "Alert");
        assert_eq!(
            outcome_message(&below),
            "Alert: model v3 scored 0.7996, not above the threshold 0.80; v2 stays live."
        );
        let gate = Outcome::Alerted {
            live: 2,
            reason: AlertReason::ChampionGate {
                candidate: 3,
                score: 0.8512,
                threshold: 0.8,
                live_score: 0.8349,
                margin: 0.02,
            },
        };
        assert_eq!(
            outcome_message(&gate),
            "Alert: model v3 scored 0.851, above the threshold 0.80, but the champion/challenger gate needs live v2's 0.835 + margin 0.02 = 0.855, and 0.851 < 0.855; v2 stays live."
        );
        let failed = Outcome::Alerted {
            live: 2,
            reason: AlertReason::TrainingFailed {
                why: TrainError::SingleClass { class: 1 },
            },
        };
        assert!(outcome_message(&failed)
            .starts_with("Alert: retraining failed (the training data holds only class 1"));
        let invalid = Outcome::Alerted {
            live: 2,
            reason: AlertReason::ValidationFailed {
                failures: vec![
                    crate::sim::retraining::validate::ValidationFailure::TooFewRows {
                        rows: 3,
                        min: 10,
                    },
                ],
            },
        };
        assert_eq!(
            outcome_message(&invalid),
            "Alert: data validation failed (enough rows: only 3 rows, need at least 10); the batch was set aside, retraining skipped, v2 stays live."
        );
    }

    #[test]
    fn a_kept_cycle_says_not_retrained_and_no_alert() {
        let kept = Outcome::Kept {
            live: 4,
            reason: KeptReason::NotTriggered {
                trigger: RetrainTrigger::Schedule("0 0 * * *".into()),
                why: TriggerEval {
                    fired: false,
                    cause: TriggerCause::Schedule {
                        schedule: "0 0 * * *".into(),
                        pattern: CronPattern::Daily {
                            at: TimeOfDay { hour: 0, minute: 0 },
                        },
                        clock: SimTime(360),
                        fired_at: None,
                        next: Some(SimTime(1440)),
                    },
                },
            },
        };
        assert_eq!(outcome_title(&kept), "Kept, not retrained");
        assert_eq!(
            outcome_message(&kept),
            "Kept, not retrained: the trigger did not fire (schedule `0 0 * * *` next fires 2026-01-02 00:00 (Fri)); v4 stays live and nobody is alerted."
        );
        assert_eq!(
            step_cells(&StepFact::DeployOrAlert(kept)).output,
            "Model v4 stays live (not retrained, no alert)"
        );
    }

    #[test]
    fn the_check_row_says_which_gate_failed() {
        let judged = |above: bool, gate: Option<GateCheck>| {
            step_cells(&StepFact::Check(CheckStep::Judged {
                version: 3,
                score: 0.8512,
                threshold: 0.8,
                above,
                gate,
            }))
        };
        let plain = judged(true, None);
        assert_eq!(
            (plain.input.as_str(), plain.output.as_str()),
            ("0.85 > 0.80", "True")
        );
        assert_eq!(plain.next_step, "Deploy model");
        let g = judged(
            true,
            Some(GateCheck {
                live_score: 0.8349,
                margin: 0.02,
                passed: false,
            }),
        );
        assert_eq!(
            g.input,
            "0.851 > 0.80 and 0.851 ≥ live 0.835 + 0.02 (= 0.855)"
        );
        assert_eq!(g.output, "False (champion/challenger gate)");
        assert_eq!(g.next_step, "Alert team");
        let skipped = step_cells(&StepFact::Check(CheckStep::Skipped(Skip::NotTriggered)));
        assert_eq!(skipped.output, "Skipped: not retrained");
        assert_eq!(skipped.next_step, "Keep live model");
    }

    #[test]
    fn performance_trigger_text_never_contradicts_itself() {
        let eval = |live: f64| TriggerEval {
            fired: live < 0.8,
            cause: TriggerCause::PerformanceDrop {
                live,
                threshold: 0.8,
            },
        };
        assert_eq!(
            trigger_reason(&eval(0.7996)),
            "performance dropped: live accuracy 0.7996 < threshold 0.80"
        );
        assert_eq!(
            trigger_reason(&eval(0.80)),
            "live accuracy 0.80 ≥ threshold 0.80"
        );
    }

    #[test]
    fn adwin_detail_says_what_the_detector_does() {
        let text = trigger_detail(&TriggerEval {
            fired: false,
            cause: TriggerCause::Adwin {
                width: 900,
                mean_error: 0.4,
                delta: 0.002,
            },
        });
        assert!(
            text.contains(
                "Every 32 errors it checks each cut between two buckets into an older and a newer \
                 part, and fires (drift) when their error rates differ by more than a \
                 Hoeffding-style bound (δ = 0.002), whether the rate rose or fell"
            ),
            "{text}"
        );
        assert!(!text.contains("every split"), "{text}");
        // What the words say, on the detector itself: it checks only every
        // `clock` errors, and it fires on a fall of the error rate as on a rise.
        let clock = u64::from(AdwinConfig::default().clock);
        let first_detection = |from: f64, to: f64| {
            let mut adwin = crate::sim::ml::detectors::Adwin::default();
            // A deterministic stream: `rate` of each 20 errors are 1.0.
            let errors =
                |rate: f64| (0..20).map(move |i| f64::from(u8::from(f64::from(i) < rate * 20.0)));
            let stream = std::iter::repeat_n(errors(from), 50)
                .chain(std::iter::repeat_n(errors(to), 50))
                .flatten();
            stream
                .enumerate()
                .find(|&(_, e)| adwin.update(e))
                .map(|(i, _)| i as u64 + 1)
        };
        for (from, to) in [(0.1, 0.6), (0.6, 0.1)] {
            let at = first_detection(from, to).expect("a change of the error rate is found");
            assert!(at > 1000, "not before the change: {from} -> {to} at {at}");
            assert_eq!(at % clock, 0, "{from} -> {to}: found at error {at}");
        }
        assert_eq!(first_detection(0.6, 0.6), None, "a high but steady rate");
    }

    #[test]
    fn windows_and_registry_events_in_words() {
        let w = WindowInfo {
            first_cycle: 2,
            last_cycle: 4,
            rows: 1050,
        };
        assert_eq!(window_text(&w), "cycles 2–4 (1,050 rows)");
        assert_eq!(
            window_text(&WindowInfo {
                first_cycle: 0,
                last_cycle: 0,
                rows: 350
            }),
            "initial data (350 rows)"
        );
        let deployed = RegistryEvent {
            cycle: 1,
            kind: RegistryEventKind::Deployed,
            from: Some(1),
            to: 2,
        };
        assert_eq!(
            registry_event_text(&deployed),
            "cycle 1: v2 deployed, replacing v1"
        );
        let rolled_back = RegistryEvent {
            cycle: 3,
            kind: RegistryEventKind::RolledBack,
            from: Some(2),
            to: 1,
        };
        assert_eq!(
            registry_event_text(&rolled_back),
            "cycle 3: rolled back to v1, replacing v2"
        );
    }

    #[test]
    fn cron_schedules_in_plain_words_for_common_cases() {
        let cron = |text: &str| crate::sim::retraining::cron::CronSchedule::parse(text).unwrap();
        let cases = [
            ("0 0 * * *", "every day at 00:00"),
            ("0 * * * *", "every hour at minute 0"),
            ("0 */6 * * *", "every 6 hours"),
            ("15 */6 * * *", "every 6 hours at minute 15"),
            ("30 9 * * 1", "every Monday at 09:30"),
            ("30 9 * * MON", "every Monday at 09:30"),
            ("0 9 * * 1-5", "every weekday (Monday to Friday) at 09:00"),
            (
                "0 9 * * 1,3,5",
                "every Monday, Wednesday and Friday at 09:00",
            ),
            ("* * * * *", "every minute"),
            ("*/15 * * * *", "every 15 minutes"),
            ("0 0 1 * *", "on day 1 of every month at 00:00"),
            ("0 0 29 2 *", "every year on February 29 at 00:00"),
            ("0 0 1-31 * 1", "every day at 00:00"),
            ("0 12 * * 7", "every Sunday at 12:00"), // OR rule with every day of the month
        ];
        for (text, words) in cases {
            assert_eq!(cron_text(text, &cron(text).pattern()), words, "{text}");
        }
        for text in ["0 */7 * * *", "0 0 13 * 5", "1,2 3 * * *", "0 0 * 6 *"] {
            assert_eq!(
                cron_text(text, &cron(text).pattern()),
                format!("at cron `{text}`"),
                "{text}"
            );
        }
    }
}
