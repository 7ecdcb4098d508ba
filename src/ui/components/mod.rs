//! One component per file; each takes the snapshot (or plain values) as props
//! and acts itself: commands go to the engine through the page's engine link
//! (`hooks::use_send`), page actions through its dispatcher
//! (`hooks::use_dispatch`), both contexts that never change (a part held by
//! `WhenSeen` is not redrawn by them). Only what the page itself decides
//! (which chapter, leaving the guide) comes as a callback.

pub mod alert_log;
pub mod circle_data;
pub mod classroom;
pub mod code_sample;
pub mod compare;
pub mod decision_banner;
pub mod disclosure;
pub mod export_panel;
pub mod gates;
pub mod glossary;
pub mod glossary_term;
pub mod guide;
pub mod input_drift;
pub mod learn;
pub mod lesson;
pub mod own_data;
pub mod policy_race;
pub mod practice;
pub mod prediction;
pub mod process_flow;
pub mod process_table;
pub mod question_card;
pub mod registry_table;
pub mod run_controls;
pub mod select_field;
pub mod settings;
pub mod slider;
pub mod stall_notice;
pub mod stats;
pub mod status_tracker;
pub mod team_view;
pub mod test_yourself;
pub mod timeline;
pub mod training_speed;
pub mod visual_quiz;
pub mod weather_data;
pub mod when_seen;
