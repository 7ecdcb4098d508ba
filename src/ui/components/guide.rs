//! The guided first visit: one chapter at a time — its idea in a few
//! sentences, only the controls it needs, a prediction, the run, and a reveal
//! that quotes the run's own numbers (built by `sim::guide::reveal`).

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::decision_banner::DecisionBanner;
use super::gates::Gates;
use super::policy_race::PolicyRacePanel;
use super::select_field::SelectField;
use super::slider::Slider;
use super::stats::Stats;
use crate::first_screen::{control_skeleton, panel_skeleton, run_of};
use crate::sim::engine::protocol::{Command, ProgressIntent};
use crate::sim::params::SimParams;
use crate::sim::retraining::settings::SettingKey;
use crate::sim::retraining::step_kind::StepKind;
use crate::sim::retraining::validate::Fault;
use crate::sim::teach::guide::{
    chapter, options, question, reveal, with_choices, Chapter, GuideControl, GuidePanel, GuideRun,
    CHAPTERS, GUIDE_WINDOWS,
};
use crate::sim::teach::quiz::GuideProgress;
use crate::sim::wording::{
    chapter_count, chapter_entry, run_label, CHAPTER_LABEL, PLAYGROUND_SWITCH, PREDICTION_LEAD,
    RUN_NEEDS_PREDICTION, RUN_READY_HINT, RUN_WAITS_FOR_ENGINE, RUN_WAITS_HINT,
};
use crate::ui::charts::{DriftChart, PerformanceChart, ScatterChart};
use crate::ui::first_screen::use_first_screen;
use crate::ui::hooks::{use_playground, use_send};

/// Props of [`Guide`]: the chapter; the run on screen, the seed, the reader's
/// place and the engine come from the page's contexts.
#[derive(Properties, PartialEq)]
pub struct GuideProps {
    /// The chapter open (1..=CHAPTERS).
    pub chapter: u8,
    /// Opens another chapter.
    pub on_chapter: Callback<u8>,
    /// Leaves the guide for the playground's own run.
    pub on_playground: Callback<()>,
    /// Opens the chapter's run, as it stands, in the playground.
    pub on_open_run: Callback<()>,
}

/// Sends what a chapter's Run does: a fresh run of `params`, its fault, and
/// its cycles or race.
fn send_run(send: &Callback<Command>, c: &Chapter, params: &SimParams, fault: Option<Fault>) {
    send.emit(Command::Start(params.clone()));
    if let Some(f) = fault {
        send.emit(Command::InjectFault(f));
    }
    match c.run {
        GuideRun::Cycles(n) => (0..n).for_each(|_| send.emit(Command::FinishCycle)),
        GuideRun::Race(n) => send.emit(Command::RunPolicyRace(n)),
    }
}

/// One chapter of the guide.
#[component]
pub fn Guide(props: &GuideProps) -> Html {
    let send = use_send();
    let first = use_first_screen();
    let (Some(state), Some(c)) = (use_playground(), chapter(props.chapter)) else {
        return html! {};
    };
    // Until the engine has opened the page's link and started the chapter's
    // run, the chapter waits: its text and prediction are there (as on the
    // first screen, whose pick it keeps), Run says the engine is loading and
    // the panels hold their places.
    let snapshot = state.opened_run().cloned();
    let waiting = snapshot.is_none();
    let settled = state.in_flight().is_empty();
    let place = state.guide_place();
    let guide_seed = state.guide_seed;
    let c = Rc::new(c);
    // The student's choices for this chapter's controls (the seed is the
    // guide's, which a link may set), the prediction, and the settings of the
    // run they pressed Run for.
    let chosen = {
        let c = c.clone();
        use_state(move || c.params.clone())
    };
    let chosen_now = (*chosen).clone().seed(guide_seed);
    let fault = {
        let c = c.clone();
        use_state(move || c.fault)
    };
    let predicted = {
        let pick = first.pick_for(props.chapter);
        use_state(move || pick)
    };
    let ran = use_state(|| None::<SimParams>);
    // The chapter's paragraphs with their glossary terms, marked once (the
    // guide redraws at every answer of the engine).
    let text = {
        let paragraphs = c.text;
        use_memo(props.chapter, move |_| {
            super::glossary_term::glossed_paragraphs(paragraphs)
        })
    };

    // Opening a chapter loads its run (cycle 0: v1 just trained), once the
    // engine is there, unless that run is already on screen untouched (a
    // link to the chapter, or a first visit: the engine opened it so), which
    // spares the page a second answer and the charts a second paint while it
    // loads.
    {
        let send = send.clone();
        let start = with_choices(&c, &chosen_now);
        let fresh = snapshot.as_ref().is_some_and(|s| {
            s.params == start
                && s.cycle == 0
                && s.last_step == Some(StepKind::Start)
                && s.pending.is_none()
                && s.pending_fault.is_none()
        });
        use_effect_with((props.chapter, waiting), move |&(_, waiting)| {
            if !waiting && !fresh {
                send.emit(Command::Start(start));
            }
        });
    }

    let params = with_choices(&c, &chosen_now);
    let (cycles, race) = run_of(&c);
    let result = snapshot.as_ref().and_then(|s| {
        (*ran)
            .as_ref()
            .filter(|p| settled && s.params == **p)
            .and_then(|p| reveal(&c, p, &s.summaries, s.race.as_ref()))
    });

    // A reveal seen marks the chapter done (saved with the rest of the progress).
    {
        let send = send.clone();
        let n = props.chapter;
        use_effect_with(result.is_some(), move |&shown| {
            if shown && !place.is_done(n) {
                send.emit(Command::Progress(ProgressIntent::ChapterDone(n)));
            }
        });
    }

    // Changing a control after a run asks for a new prediction.
    let set_choice = {
        let chosen = chosen.clone();
        let ran = ran.clone();
        let predicted = predicted.clone();
        Callback::from(move |p: SimParams| {
            chosen.set(p);
            ran.set(None);
            predicted.set(None);
        })
    };
    let control = |which: GuideControl| -> Html {
        let p = chosen_now.clone();
        let set = set_choice.clone();
        match which {
            GuideControl::DriftStrength => html! {
                <Slider id="guide-strength" setting={SettingKey::DriftStrength}
                    value={p.drift_strength} shown={format!("{:.2}", p.drift_strength)}
                    on_change={Callback::from(move |v: f64| set.emit(p.clone().drift_strength(v)))} />
            },
            GuideControl::Threshold => html! {
                <Slider id="guide-threshold" setting={SettingKey::Threshold}
                    value={p.threshold} shown={format!("{:.2}", p.threshold)}
                    on_change={Callback::from(move |v: f64| set.emit(p.clone().threshold(v)))} />
            },
            GuideControl::LabelNoise => html! {
                <Slider id="guide-noise" setting={SettingKey::LabelNoise}
                    value={p.label_noise} shown={format!("{:.0}%", p.label_noise * 100.0)}
                    on_change={Callback::from(move |v: f64| set.emit(p.clone().label_noise(v)))} />
            },
            GuideControl::Window => html! {
                <SelectField id="guide-window" label={SettingKey::Window.label()}
                    options={GUIDE_WINDOWS.iter().map(|w| (w.key(), w.label())).collect::<Vec<_>>()}
                    selected={SettingKey::Window.selected(&p)}
                    on_change={Callback::from(move |k: String| if let Some(new) = SettingKey::Window.with_choice(&p, &k) { set.emit(new) })} />
            },
            GuideControl::DriftKind => html! {
                <SelectField id="guide-kind" label={SettingKey::DriftKind.label()}
                    options={SettingKey::DriftKind.options()}
                    selected={SettingKey::DriftKind.selected(&p)}
                    on_change={Callback::from(move |k: String| if let Some(new) = SettingKey::DriftKind.with_choice(&p, &k) { set.emit(new) })} />
            },
            GuideControl::Model => html! {
                <SelectField id="guide-model" label={SettingKey::Model.label()}
                    options={SettingKey::Model.options()}
                    selected={SettingKey::Model.selected(&p)}
                    on_change={Callback::from(move |k: String| if let Some(new) = SettingKey::Model.with_choice(&p, &k) { set.emit(new) })} />
            },
            GuideControl::DriftPattern => html! {
                <SelectField id="guide-pattern" label={SettingKey::DriftPattern.label()}
                    options={SettingKey::DriftPattern.options()}
                    selected={SettingKey::DriftPattern.selected(&p)}
                    on_change={Callback::from(move |k: String| if let Some(new) = SettingKey::DriftPattern.with_choice(&p, &k) { set.emit(new) })} />
            },
            GuideControl::Validation => {
                let onchange = Callback::from(move |e: Event| {
                    let input: HtmlInputElement = e.target_unchecked_into();
                    set.emit(p.clone().validate_data(input.checked()));
                });
                html! {
                    <div class="field checkbox">
                        <input type="checkbox" id="guide-validate" checked={chosen.validate_data} {onchange} />
                        <label for="guide-validate">{ "Validate data before retraining" }</label>
                    </div>
                }
            }
            GuideControl::Floor => {
                let onchange = Callback::from(move |e: Event| {
                    let input: HtmlInputElement = e.target_unchecked_into();
                    set.emit(p.clone().performance_floor(input.checked()));
                });
                html! {
                    <div class="field checkbox">
                        <input type="checkbox" id="guide-floor" checked={chosen.performance_floor} {onchange} />
                        <label for="guide-floor">{ "Performance floor: also retrain whenever live accuracy is below the threshold" }</label>
                    </div>
                }
            }
            GuideControl::LabelDelay => html! {
                <Slider id="guide-delay" setting={SettingKey::LabelDelay}
                    value={f64::from(p.label_delay)}
                    shown={format!("{} cycle{}", p.label_delay, if p.label_delay == 1 { "" } else { "s" })}
                    on_change={Callback::from(move |v: f64| set.emit(p.clone().label_delay(v as u32)))} />
            },
            GuideControl::Fault => {
                let current = *fault;
                let (fault, ran, predicted) = (fault.clone(), ran.clone(), predicted.clone());
                let onchange = Callback::from(move |e: Event| {
                    let select: HtmlSelectElement = e.target_unchecked_into();
                    fault.set(Fault::from_key(&select.value()));
                    ran.set(None);
                    predicted.set(None);
                });
                html! {
                    <div class="field">
                        <label for="guide-fault">{ "Fault in the first new batch" }</label>
                        <select id="guide-fault" {onchange}>
                            { for Fault::ALL.iter().map(|f| html! {
                                <option value={f.key()} selected={Some(*f) == current}>{ f.label() }</option>
                            }) }
                        </select>
                    </div>
                }
            }
        }
    };

    let opts = options(c.prediction);
    let on_predict = |i: usize| {
        let predicted = predicted.clone();
        Callback::from(move |_: Event| predicted.set(Some(i)))
    };
    let run = {
        let (send, c, params, fault, ran) =
            (send.clone(), c.clone(), params.clone(), *fault, ran.clone());
        Callback::from(move |_: MouseEvent| {
            send_run(&send, &c, &params, fault);
            ran.set(Some(params.clone()));
        })
    };
    let again = {
        let (ran, predicted) = (ran.clone(), predicted.clone());
        Callback::from(move |_: MouseEvent| {
            ran.set(None);
            predicted.set(None);
        })
    };
    let next = {
        let (send, place, n) = (send.clone(), place, props.chapter);
        let (on_chapter, on_playground) = (props.on_chapter.clone(), props.on_playground.clone());
        Callback::from(move |_: MouseEvent| {
            if !place.is_done(n) {
                send.emit(Command::Progress(ProgressIntent::ChapterDone(n)));
            }
            if n < CHAPTERS {
                on_chapter.emit(n + 1);
            } else {
                on_playground.emit(());
            }
        })
    };
    let open_run = {
        let cb = props.on_open_run.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let running = ran.is_some() && result.is_none();
    let run_text = run_label(cycles, race);
    let panels = c.panels.iter().map(|&panel| match &snapshot {
        None => html! { <div class={classes!("panel", "skeleton", panel_skeleton(panel))} aria-hidden="true"></div> },
        Some(s) => match panel {
            GuidePanel::Stats => html! { <Stats snapshot={s.clone()} /> },
            GuidePanel::Accuracy => html! { <PerformanceChart snapshot={s.clone()} /> },
            GuidePanel::Scatter => html! { <ScatterChart snapshot={s.clone()} /> },
            GuidePanel::Decision => html! { <DecisionBanner snapshot={s.clone()} /> },
            GuidePanel::Gates => html! { <Gates snapshot={s.clone()} fault_controls={false} /> },
            GuidePanel::Race => html! { <PolicyRacePanel snapshot={s.clone()} button={false} /> },
            GuidePanel::Drift => html! { <DriftChart snapshot={s.clone()} /> },
        },
    });
    let predicted_now = *predicted;
    html! {
        <div class="guide-layout">
            <section class="panel guide" aria-labelledby="chapter-title" data-chapter={props.chapter.to_string()}>
                <p class="chapter-count">{ chapter_count(props.chapter, CHAPTERS) }</p>
                <h2 id="chapter-title">{ c.title }</h2>
                { (*text).clone() }
                <super::glossary::Glossary folded={true} />
                if waiting && !c.controls.is_empty() {
                    <div class="guide-controls" aria-hidden="true">
                        { for c.controls.iter().map(|&k| html! { <div class={classes!("field", "skeleton", control_skeleton(k))}></div> }) }
                    </div>
                } else if !c.controls.is_empty() {
                    <div class="guide-controls">
                        { for c.controls.iter().map(|&k| control(k)) }
                    </div>
                }
                <fieldset class="prediction" disabled={ran.is_some()}>
                    <legend>{ PREDICTION_LEAD }{ question(c.prediction, &params, cycles, *fault) }</legend>
                    { for opts.iter().enumerate().map(|(i, o)| {
                        let id = format!("predict-{i}");
                        html! {
                            <div class="option">
                                <input type="radio" name="guide-prediction" id={id.clone()}
                                    checked={predicted_now == Some(i)} onchange={on_predict(i)} />
                                <label for={id}>{ *o }</label>
                            </div>
                        }
                    }) }
                </fieldset>
                if waiting {
                    <button type="button" class="primary" disabled=true aria-describedby="run-hint">{ RUN_WAITS_FOR_ENGINE }</button>
                    <p class="hint" id="run-hint">{ RUN_WAITS_HINT }</p>
                } else if ran.is_none() {
                    <button type="button" class="primary" onclick={run} disabled={predicted_now.is_none()}
                        aria-describedby="run-hint">{ run_text }</button>
                    <p class="hint" id="run-hint">{ if predicted_now.is_none() { RUN_NEEDS_PREDICTION } else { RUN_READY_HINT } }</p>
                }
                if running {
                    <p class="hint" role="status">{ "Running… the engine trains a real model every cycle." }</p>
                }
                if let Some(r) = &result {
                    <div class="reveal" role="status" data-testid="reveal">
                        <h3>{ if predicted_now == Some(r.answer) { "You predicted it." } else { "Not what you predicted." } }</h3>
                        <p><strong>{ "What happened: " }</strong>{ opts[r.answer] }{ "." }</p>
                        { for r.text.iter().map(|t| html! { <p>{ t.clone() }</p> }) }
                        <p class="try-next">{ c.try_next }</p>
                    </div>
                    <div class="guide-nav">
                        <button type="button" class="primary" onclick={next}>{ if props.chapter < CHAPTERS { "Next chapter" } else { "Open the Playground" } }</button>
                        <button type="button" onclick={again}>{ if c.controls.is_empty() { "Run again" } else { "Change a setting and run again" } }</button>
                        <button type="button" onclick={open_run} data-testid="open-run">{ "Open this run in the playground" }</button>
                    </div>
                }
            </section>
            <div class="guide-panels">
                { for panels }
            </div>
        </div>
    }
}

/// The bar above the guide or the playground: which chapter, the way between
/// chapters, and the switch between the guide and free play.
#[derive(Properties, PartialEq)]
pub struct ModeBarProps {
    /// The chapter open, or `None` in the playground.
    pub chapter: Option<u8>,
    /// Chapters done, for the chapter list.
    pub place: GuideProgress,
    /// Opens a chapter.
    pub on_chapter: Callback<u8>,
    /// Switches to the playground.
    pub on_playground: Callback<()>,
    /// The engine has not opened the page's link yet: the list and the
    /// switch wait (disabled), as on the first screen.
    #[prop_or_default]
    pub waiting: bool,
}

/// The guide/playground switch and the chapter list.
#[component]
pub fn ModeBar(props: &ModeBarProps) -> Html {
    match props.chapter {
        Some(open) => {
            let on_select = {
                let cb = props.on_chapter.clone();
                Callback::from(move |e: Event| {
                    let select: HtmlSelectElement = e.target_unchecked_into();
                    if let Ok(n) = select.value().parse::<u8>() {
                        cb.emit(n);
                    }
                })
            };
            let play = {
                let cb = props.on_playground.clone();
                Callback::from(move |_: MouseEvent| cb.emit(()))
            };
            html! {
                <nav class="mode-bar" aria-label="Guide">
                    <div class="field inline">
                        <label for="chapter-select">{ CHAPTER_LABEL }</label>
                        <select id="chapter-select" onchange={on_select} disabled={props.waiting}>
                            { for (1..=CHAPTERS).map(|n| {
                                let title = chapter(n).map_or("", |c| c.title);
                                html! { <option value={n.to_string()} selected={n == open}>{ chapter_entry(n, title, props.place.is_done(n)) }</option> }
                            }) }
                        </select>
                    </div>
                    <button type="button" class="mode-switch" onclick={play} disabled={props.waiting}>{ PLAYGROUND_SWITCH }</button>
                </nav>
            }
        }
        None => {
            let back = {
                let (cb, chapter) = (props.on_chapter.clone(), props.place.chapter);
                Callback::from(move |_: MouseEvent| cb.emit(chapter))
            };
            html! {
                <nav class="mode-bar" aria-label="Sections">
                    <button type="button" class="mode-switch" onclick={back}>
                        { format!("Guide: chapter {} of {CHAPTERS}", props.place.chapter) }
                    </button>
                    <a href="#flow-title">{ "Loop" }</a>
                    <a href="#history">{ "Rewind & export" }</a>
                    <a href="#policy-race">{ "Policy race" }</a>
                    <a href="#lesson">{ "Lesson" }</a>
                    <a href="#practice">{ "Practice" }</a>
                    <a href="#test-yourself">{ "Test yourself" }</a>
                    <a href="#glossary">{ "Glossary" }</a>
                </nav>
            }
        }
    }
}
