//! The playground's layout: the run controls and the main settings first, the
//! lesson's own elements where the loop runs, then the tools in their own
//! sections. Each component sends its own commands (the engine link is a
//! context); here the page only hands each one what it shows.

use std::rc::Rc;

use yew::prelude::*;

use super::charts::{DriftChart, PerformanceChart, ScatterChart};
use super::components::alert_log::AlertLog;
use super::components::circle_data::CircleData;
use super::components::classroom::Classroom;
use super::components::code_sample::CodeSample;
use super::components::compare::CompareVersions;
use super::components::decision_banner::DecisionBanner;
use super::components::disclosure::Disclosure;
use super::components::export_panel::ExportPanel;
use super::components::gates::Gates;
use super::components::glossary::Glossary;
use super::components::input_drift::InputDriftPanel;
use super::components::learn::Learn;
use super::components::own_data::OwnData;
use super::components::policy_race::PolicyRacePanel;
use super::components::prediction::PredictBeforeReveal;
use super::components::process_flow::ProcessFlow;
use super::components::process_table::ProcessTable;
use super::components::registry_table::RegistryTable;
use super::components::run_controls::RunControls;
use super::components::settings::Settings;
use super::components::stall_notice::StallNotice;
use super::components::stats::Stats;
use super::components::status_tracker::StatusTracker;
use super::components::team_view::TeamViewPanel;
use super::components::timeline::Timeline;
use super::components::training_speed::TrainingSpeed;
use super::components::weather_data::WeatherData;
use super::components::when_seen::WhenSeen;
use super::state::{Playground, Speed};
use crate::sim::engine::protocol::Snapshot;
use crate::sim::engine::share::{Hidden, Panel};
use crate::sim::wording::{start_here, viewing_rewound};

/// While the run plays fast, the scatter (1,500 marks, its caption with them)
/// is redrawn at most this often (the other parts on screen: below).
/// Each redraw is one task of 60–100 ms on a CPU slowed 4× (plotters' calls,
/// then the canvas's rasterisation): at 300 ms they were a third of the long
/// tasks while playing at full speed.
const SCATTER_EVERY_MS: u32 = 1000;

/// While the run plays fast, the flow panel's step details and the decision
/// beside the scatter are redrawn at most this often; the run's numbers (Stats)
/// every [`STATS_EVERY_MS`]. At full speed a cycle's steps pass faster than anyone
/// reads them, and re-laying out their changing text at every draw (ten a
/// second) made each draw a long task on a CPU slowed 4× (about half of the
/// page's layout work while playing); at 500 ms they still were a third of the
/// long tasks left. They catch up the moment the run pauses. The flow panel,
/// the scatter and the decision column take their turns a third of a period
/// apart (`phase_ms`), so each answer redraws at most one of them.
const PANEL_EVERY_MS: u32 = 1000;

/// While the run plays fast, the run's numbers (Stats) are redrawn at most this
/// often: four times a second. Each change to them costs the browser a layout of
/// the whole page (~10 ms on a CPU slowed 4×, containment did not make it
/// smaller); at every draw (six to ten a second) those layouts were half of all
/// the page's layouts while playing.
const STATS_EVERY_MS: u32 = 250;

/// The settings' hide keys the team's view leaves out: the drift's kind,
/// pattern, strength and speed (what the student diagnoses).
const TEAM_HIDDEN_CONTROLS: [&str; 4] = ["kind", "pattern", "strength", "speed"];

/// Free play: the run controls and the main settings first, the lesson's own
/// elements where the loop runs, then the tools in their own sections.
pub fn playground(state: &Playground, live_snap: &Rc<Snapshot>, notice: Option<Html>) -> Html {
    // A rewound cycle is shown by the same components, as the engine built it.
    let snap = state.rewound.clone().unwrap_or_else(|| live_snap.clone());
    let weather = live_snap.weather;
    let real = live_snap.streamed_data();
    let ended = match (weather, live_snap.circle) {
        (Some(w), _) if w.ended => Some(crate::sim::wording::weather_ended_short()),
        (None, Some(c)) if c.progress.ended => Some(crate::sim::wording::circle_ended_short()),
        _ => None,
    }
    .map(AttrValue::from);
    // The team's view leaves out what only the simulator knows: the drift
    // chart (the input-drift table takes its place), the drift settings, the
    // scenario's description, and the panels that talk about the truth (the
    // prediction's reveal, the lesson's visual quiz, the policy race).
    let hides_truth = live_snap.hides_truth();
    let shows = |panel: Panel| {
        state.shows(panel)
            && !(hides_truth && matches!(panel, Panel::Predict | Panel::Learn | Panel::Race))
    };
    let mut hidden = state.hidden.clone();
    if hides_truth {
        hidden.extend(TEAM_HIDDEN_CONTROLS.map(|k| Hidden::Control(k.into())));
    }
    // Playing fast (a cycle or more per tick): parts off screen keep their last
    // drawing until they are scrolled to or the run pauses (WhenSeen).
    let hold = state.playing && matches!(state.speed, Speed::CyclePerTick | Speed::Full);
    let params = state.shown_params();
    html! {
        <div class="layout">
            // The left column: on a wide screen it stays beside the charts as a
            // whole; in the single column (a phone) its box gives way
            // (display: contents) so the run controls, its first part, stick to
            // the top of the page while the student scrolls the charts.
            <div class="side">
            <RunControls playing={state.playing} speed={state.speed} ended={ended} />
            <aside class="sidebar">
                <p class="start-here" data-testid="start-here">{ start_here(real) }</p>
                { notice }
                if weather.is_some() {
                    <WeatherData snapshot={live_snap.clone()} params={params.clone()} />
                }
                if live_snap.circle.is_some() {
                    <CircleData snapshot={live_snap.clone()} params={params.clone()} />
                }
                <Settings params={params.clone()} hidden={hidden} lock_seed={state.lock_seed}
                    real_data={live_snap.user_data.is_some()} />
                <Classroom params={params} hidden={state.hidden.clone()}
                    lock_seed={state.lock_seed} presenter={state.presenter} data={real}
                    scenario={state.scenario.clone().filter(|_| !hides_truth)}
                    team={live_snap.team} />
            </aside>
            </div>
            <main class="main">
                <WhenSeen hold={hold}>
                <WhenSeen hold={hold} every_ms={STATS_EVERY_MS}><Stats snapshot={snap.clone()} /></WhenSeen>
                <TeamViewPanel snapshot={live_snap.clone()} />
                if let Some(cycle) = live_snap.viewing {
                    <p class="notice viewing" role="status">{ viewing_rewound(cycle) }</p>
                }
                if shows(Panel::Flow) {
                    <WhenSeen hold={hold} every_ms={PANEL_EVERY_MS}><ProcessFlow snapshot={snap.clone()} /></WhenSeen>
                }
                <div class="grid-2">
                    if shows(Panel::Charts) {
                        <WhenSeen hold={hold} every_ms={SCATTER_EVERY_MS} phase_ms={SCATTER_EVERY_MS / 3}><ScatterChart snapshot={snap.clone()} /></WhenSeen>
                    }
                    <WhenSeen hold={hold} every_ms={PANEL_EVERY_MS} phase_ms={PANEL_EVERY_MS * 2 / 3}>
                    <div class="stack">
                        <DecisionBanner snapshot={snap.clone()} />
                        if live_snap.viewing.is_none() {
                            // A restart keeps the data streamed (own file, weather): new settings, then Reset.
                            <StallNotice snapshot={live_snap.clone()} />
                        }
                        if shows(Panel::Predict) { <PredictBeforeReveal snapshot={snap.clone()} /> }
                        if shows(Panel::Code) { <CodeSample snapshot={snap.clone()} /> }
                    </div>
                    </WhenSeen>
                </div>
                </WhenSeen>
                if shows(Panel::Charts) {
                <WhenSeen hold={hold}>
                <div class="grid-2">
                    <PerformanceChart snapshot={snap.clone()} />
                    if hides_truth {
                        <InputDriftPanel snapshot={snap.clone()} />
                    } else {
                        <DriftChart snapshot={snap.clone()} />
                    }
                </div>
                if !hides_truth { <InputDriftPanel snapshot={snap.clone()} /> }
                </WhenSeen>
                }
                <WhenSeen hold={hold}>
                if shows(Panel::Tracker) { <StatusTracker snapshot={snap.clone()} /> }
                if shows(Panel::Gates) { <Gates snapshot={snap.clone()} /> }
                <ProcessTable snapshot={snap.clone()} highlighted={state.highlighted_step} />
                </WhenSeen>
                if shows(Panel::Learn) {
                <WhenSeen hold={hold}>
                <Learn snapshot={snap} playing={state.playing} progress={state.progress.clone()} lesson={state.lesson.clone()}
                    quiz_bank={state.quiz_bank.clone()} test={state.test.clone()} visual_quiz={state.visual_quiz.clone()}
                    highlighted={state.highlighted_step} />
                </WhenSeen>
                }
                // Never changes; held off screen, the browser skips it too.
                <WhenSeen hold={hold}><Glossary /></WhenSeen>
                <WhenSeen hold={hold}>
                <section class="tools" aria-labelledby="registry-section">
                    <Disclosure title="Model registry and alerts" title_id="registry-section" heading_class="section-title" folds_on_phone=true>
                    <div class="grid-3-2">
                        if shows(Panel::Registry) { <RegistryTable snapshot={live_snap.clone()} /> }
                        if shows(Panel::Alerts) { <AlertLog snapshot={live_snap.clone()} /> }
                    </div>
                    </Disclosure>
                </section>
                </WhenSeen>
                <WhenSeen hold={hold}>
                <section class="history tools" id="history" aria-labelledby="history-section">
                    <Disclosure title="Rewind, compare, export, your own data" title_id="history-section" heading_class="section-title" folds_on_phone=true>
                    <div class="grid-2">
                        <Timeline snapshot={live_snap.clone()} />
                        <CompareVersions snapshot={live_snap.clone()} />
                    </div>
                    <div class="grid-2">
                        <ExportPanel export={state.export.clone()} />
                        <OwnData snapshot={live_snap.clone()} fetching={state.fetching_data()} />
                    </div>
                    </Disclosure>
                </section>
                </WhenSeen>
                <WhenSeen hold={hold}>
                <section class="tools" aria-labelledby="policies-section">
                    // Open on a phone too: the race is the section's point, one press away.
                    <Disclosure title="Policies and training time" title_id="policies-section" heading_class="section-title">
                    if shows(Panel::Race) { <PolicyRacePanel snapshot={live_snap.clone()} hidden={state.hidden.clone()} /> }
                    if shows(Panel::Timing) { <TrainingSpeed timings={state.timings.clone()} busy={!state.in_flight().is_empty()} /> }
                    </Disclosure>
                </section>
                </WhenSeen>
            </main>
        </div>
    }
}
