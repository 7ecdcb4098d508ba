//! The settings panel: drift, noise, threshold, batch size, model, window,
//! trigger, validation, champion margin, the fixed cost per retrain and seed.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::disclosure::Disclosure;
use super::select_field::SelectField;
use super::slider::Slider;
use crate::sim::engine::protocol::Command;
use crate::sim::engine::share::Hidden;
use crate::sim::params::{DetectorKind, RetrainTrigger, SimParams, MAX_SEED};
use crate::sim::retraining::cost::Cost;
use crate::sim::retraining::settings::check_seed;
use crate::sim::retraining::settings::{
    sensitivity_setting, trigger_from_key, SettingKey, TRIGGER_CHOICES,
};
use crate::sim::wording::cost_units;
use crate::sim::wording::drift_speed_hint;
use crate::sim::wording::sensitivity_value;
use crate::ui::hooks::{use_dispatch, use_send};
use crate::ui::state::{Action, Notice};

/// Props of [`Settings`].
#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    /// The settings shown (pending ones if a change waits for the next cycle;
    /// any change sends the whole new settings to the engine).
    pub params: SimParams,
    /// Controls (and panels) hidden by a teacher's link.
    #[prop_or_default]
    pub hidden: Vec<Hidden>,
    /// The seed cannot be changed (a teacher's link locked it).
    #[prop_or_default]
    pub lock_seed: bool,
    /// The run streams real data (a teacher's file or the weather data),
    /// which drifts as it does: the drift and noise settings do not apply.
    #[prop_or_default]
    pub real_data: bool,
}

/// The settings form.
#[component]
pub fn Settings(props: &SettingsProps) -> Html {
    let on_change = use_send().reform(Command::Configure);
    // A typed value that cannot be used is named in the page's notice.
    let on_invalid = use_dispatch().reform(|text| {
        Action::ShowNotice(Notice {
            text,
            is_error: true,
        })
    });
    let p = props.params.clone();
    let show = |key: SettingKey| {
        key.row()
            .hide
            .is_none_or(|name| !props.hidden.iter().any(|h| h.key() == name))
    };
    let emit = |f: fn(SimParams, f64) -> SimParams| {
        let p = p.clone();
        let cb = on_change.clone();
        Callback::from(move |v: f64| cb.emit(f(p.clone(), v)))
    };
    let emit_choice = |key: SettingKey| {
        let p = p.clone();
        let cb = on_change.clone();
        Callback::from(move |choice: String| {
            if let Some(new) = key.with_choice(&p, &choice) {
                cb.emit(new);
            }
        })
    };
    let emit_key = |f: fn(SimParams, &str) -> Option<SimParams>| {
        let p = p.clone();
        let cb = on_change.clone();
        Callback::from(move |k: String| {
            if let Some(new) = f(p.clone(), &k) {
                cb.emit(new);
            }
        })
    };
    let mut window_options = SettingKey::Window.options();
    if !window_options.iter().any(|(k, _)| *k == p.window.key()) {
        window_options.push((p.window.key(), p.window.label()));
    }
    let seed_change = {
        let p = p.clone();
        let cb = on_change.clone();
        let bad = on_invalid.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let text = input.value();
            match text.trim().parse::<u64>() {
                Ok(seed) if check_seed(seed).is_ok() => cb.emit(p.clone().seed(seed)),
                _ => {
                    input.set_value(&p.seed.to_string());
                    bad.emit(format!(
                        "Seed must be a whole number from 0 to {MAX_SEED}; \"{}\" was ignored.",
                        text.chars().take(40).collect::<String>()
                    ));
                }
            }
        })
    };
    let cron_change = {
        let p = p.clone();
        let cb = on_change.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            // Invalid text is reported by the core's check, which names the field.
            let text: String = input.value().chars().take(100).collect();
            cb.emit(p.clone().trigger(RetrainTrigger::Schedule(text)));
        })
    };
    let validate_change = {
        let p = p.clone();
        let cb = on_change.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            cb.emit(p.clone().validate_data(input.checked()));
        })
    };
    let floor_change = {
        let p = p.clone();
        let cb = on_change.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            cb.emit(p.clone().performance_floor(input.checked()));
        })
    };
    let detector = match p.trigger {
        RetrainTrigger::DriftDetected(d) => Some(d),
        _ => None,
    };
    let sensitivity_change = |d: DetectorKind| {
        let p = p.clone();
        let cb = on_change.clone();
        Callback::from(move |v: f64| cb.emit(p.clone().with_sensitivity(d, v)))
    };
    // The floor is a second trigger beside one that can stay silent.
    let floor_applies = matches!(
        p.trigger,
        RetrainTrigger::Schedule(_) | RetrainTrigger::DriftDetected(_)
    );
    html! {
        <section class="panel settings" aria-labelledby="settings-title">
            <Disclosure title="Settings" title_id="settings-title" folds_on_phone=true>
                <p class="hint">{ "Drift, noise, threshold, batch size and window apply from the next cycle. Seed and model restart the run at v1." }</p>
                if props.real_data {
                    <p class="hint" data-testid="real-data-hint">{ "This run streams real data, which drifts as it does: drift strength, speed, kind and pattern and label noise do not apply to it." }</p>
                }
                if show(SettingKey::DriftStrength) {
                    <Slider id="drift-strength" setting={SettingKey::DriftStrength}
                        value={p.drift_strength} shown={format!("{:.2}", p.drift_strength)}
                        hint={help(SettingKey::DriftStrength)}
                        on_change={emit(|p, v| p.drift_strength(v))} />
                }
                if show(SettingKey::Threshold) {
                    <Slider id="threshold" setting={SettingKey::Threshold}
                        value={p.threshold} shown={format!("{:.2}", p.threshold)}
                        hint={help(SettingKey::Threshold)}
                        on_change={emit(|p, v| p.threshold(v))} />
                }
                if show(SettingKey::LabelNoise) {
                    <Slider id="label-noise" setting={SettingKey::LabelNoise}
                        value={p.label_noise} shown={format!("{:.0}%", p.label_noise * 100.0)}
                        hint={help(SettingKey::LabelNoise)}
                        on_change={emit(|p, v| p.label_noise(v))} />
                }
                <details class="more-settings" open=true>
                <summary>{ "More settings" }</summary>
                if show(SettingKey::DriftSpeed) {
                    <Slider id="drift-speed" setting={SettingKey::DriftSpeed}
                        value={p.drift_speed} shown={format!("{:.2}", p.drift_speed)}
                        hint={AttrValue::from(drift_speed_hint(p.drift_pattern, p.drift_onset))}
                        on_change={emit(|p, v| p.drift_speed(v))} />
                }
                if show(SettingKey::BatchSize) {
                    <Slider id="batch-size" setting={SettingKey::BatchSize}
                        value={p.batch_size as f64} shown={format!("{} rows", p.batch_size)}
                        hint={help(SettingKey::BatchSize)}
                        on_change={emit(|p, v| p.batch_size(v as usize))} />
                }
                if show(SettingKey::DriftKind) {
                    <SelectField id="drift-kind" label={SettingKey::DriftKind.label()}
                        options={SettingKey::DriftKind.options()}
                        selected={SettingKey::DriftKind.selected(&p)}
                        on_change={emit_choice(SettingKey::DriftKind)} />
                }
                if show(SettingKey::DriftPattern) {
                    <SelectField id="drift-pattern" label={SettingKey::DriftPattern.label()}
                        options={SettingKey::DriftPattern.options()}
                        selected={SettingKey::DriftPattern.selected(&p)}
                        on_change={emit_choice(SettingKey::DriftPattern)} />
                }
                if show(SettingKey::Model) {
                    <SelectField id="model" label={SettingKey::Model.label()}
                        options={SettingKey::Model.options()}
                        selected={SettingKey::Model.selected(&p)}
                        hint={help(SettingKey::Model)}
                        on_change={emit_choice(SettingKey::Model)} />
                }
                if show(SettingKey::Window) {
                    <SelectField id="window" label={SettingKey::Window.label()}
                        options={window_options}
                        selected={SettingKey::Window.selected(&p)}
                        on_change={emit_choice(SettingKey::Window)} />
                }
                if show(SettingKey::Trigger) {
                    <SelectField id="trigger" label={SettingKey::Trigger.label()}
                        options={TRIGGER_CHOICES.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>()}
                        selected={p.trigger.key().to_string()}
                        hint={AttrValue::from(trigger_hint(&p.trigger))}
                        on_change={emit_key(|p, k| trigger_choice(&p, k).map(|t| p.clone().trigger(t)))} />
                }
                if let (true, RetrainTrigger::Schedule(cron)) = (show(SettingKey::Trigger), &p.trigger) {
                    <div class="field">
                        <label for="cron">{ "Cron schedule" }</label>
                        <input type="text" id="cron" value={cron.clone()} spellcheck="false"
                            autocomplete="off" onchange={cron_change} aria-describedby="cron-hint" />
                        <p class="hint" id="cron-hint">{ format!("minute hour day month weekday, e.g. 0 0 * * * (daily at midnight). Each cycle is {} hours of simulated time.", p.minutes_per_cycle as f64 / 60.0) }</p>
                    </div>
                }
                if let (true, RetrainTrigger::DriftDetected(d)) = (show(SettingKey::Trigger), &p.trigger) {
                    <SelectField id="detector" label="Drift detector"
                        options={DetectorKind::ALL.iter().map(|k| (k.key().to_string(), k.label().to_string())).collect::<Vec<_>>()}
                        selected={d.key().to_string()}
                        on_change={emit_key(|p, k| DetectorKind::from_key(k).map(|d| p.trigger(RetrainTrigger::DriftDetected(d))))} />
                }
                // The chosen detector's sensitivity, only while a detector is the trigger.
                if let Some(d) = detector.filter(|d| show(sensitivity_setting(*d))) {
                    <Slider id="sensitivity" setting={sensitivity_setting(d)}
                        value={p.sensitivity(d)} shown={sensitivity_value(p.sensitivity(d))}
                        hint={help(sensitivity_setting(d))}
                        on_change={sensitivity_change(d)} />
                }
                if show(SettingKey::PerformanceFloor) && floor_applies {
                    <div class="field checkbox">
                        <input type="checkbox" id="floor" checked={p.performance_floor} onchange={floor_change} aria-describedby="floor-hint" />
                        <label for="floor">{ "Performance floor: also retrain when live accuracy is below the threshold" }</label>
                        <p class="hint" id="floor-hint">{ SettingKey::PerformanceFloor.row().help }</p>
                    </div>
                }
                if show(SettingKey::Validate) {
                    <div class="field checkbox">
                        <input type="checkbox" id="validate" checked={p.validate_data} onchange={validate_change} />
                        <label for="validate">{ SettingKey::Validate.row().help }</label>
                    </div>
                }
                if show(SettingKey::ChampionMargin) {
                    <Slider id="champion" setting={SettingKey::ChampionMargin}
                        value={p.min_improvement.unwrap_or(0.0)}
                        shown={p.min_improvement.map_or("off".to_string(), |m| format!("+{m:.2}"))}
                        hint={help(SettingKey::ChampionMargin)}
                        on_change={emit(|p, m| p.min_improvement((m > 0.0).then_some(m)))} />
                }
                if show(SettingKey::LabelDelay) {
                    <Slider id="label-delay" setting={SettingKey::LabelDelay}
                        value={f64::from(p.label_delay)} shown={label_delay_shown(p.label_delay)}
                        hint={help(SettingKey::LabelDelay)}
                        on_change={emit(|p, v| p.label_delay(v as u32))} />
                }
                if show(SettingKey::EstimateAlert) {
                    <Slider id="estimate-alert" setting={SettingKey::EstimateAlert}
                        value={p.estimate_alert.unwrap_or(0.0)}
                        shown={p.estimate_alert.map_or("off".to_string(), |d| format!("−{d:.2}"))}
                        hint={help(SettingKey::EstimateAlert)}
                        on_change={emit(|p, d| p.estimate_alert((d > 0.0).then_some(d)))} />
                }
                if show(SettingKey::RetrainFixedCost) {
                    <Slider id="fixed-cost" setting={SettingKey::RetrainFixedCost}
                        value={f64::from(p.retrain_fixed_cost)} shown={cost_units(Cost::from_units(p.retrain_fixed_cost))}
                        hint={help(SettingKey::RetrainFixedCost)}
                        on_change={emit(|p, v| p.retrain_fixed_cost(v as u32))} />
                }
                if show(SettingKey::Seed) {
                    <div class="field">
                        <label for="seed">{ "Seed" }</label>
                        <input type="number" id="seed" min="0" step="1" inputmode="numeric"
                            value={p.seed.to_string()} onchange={seed_change}
                            readonly={props.lock_seed} aria-describedby="seed-hint" />
                        <p class="hint" id="seed-hint">{ if props.lock_seed {
                            "The seed is locked by your teacher's link, so everyone sees the same run."
                        } else {
                            SettingKey::Seed.row().help
                        } }</p>
                    </div>
                }
                </details>
            </Disclosure>
        </section>
    }
}

/// The label delay as the slider shows it.
fn label_delay_shown(delay: u32) -> String {
    match delay {
        0 => "none".into(),
        1 => "1 cycle".into(),
        d => format!("{d} cycles"),
    }
}

/// The trigger for a select key, keeping the current schedule or detector.
fn trigger_choice(p: &SimParams, key: &str) -> Option<RetrainTrigger> {
    let cron = match &p.trigger {
        RetrainTrigger::Schedule(c) => Some(c.clone()),
        _ => None,
    };
    let detector = match p.trigger {
        RetrainTrigger::DriftDetected(d) => Some(d),
        _ => None,
    };
    trigger_from_key(key, cron, detector)
}

/// A setting's help line, from the settings table.
fn help(key: SettingKey) -> Option<AttrValue> {
    Some(AttrValue::from(key.row().help))
}

fn trigger_hint(t: &RetrainTrigger) -> &'static str {
    match t {
        RetrainTrigger::EveryCycle => "Retrain on every new batch (the lesson's loop)",
        RetrainTrigger::Schedule(_) => "Retrain when the schedule fires on the simulated clock",
        RetrainTrigger::DriftDetected(_) => {
            "Retrain when a detector sees the data or errors change"
        }
        RetrainTrigger::PerformanceDrop => "Retrain when live accuracy falls below the threshold",
        RetrainTrigger::EstimatedDrop => {
            "Retrain when the live model's accuracy estimated from its own confidence falls below the threshold: before labels arrive, blind to a changed rule"
        }
        RetrainTrigger::Never => "Never retrain: watch the model go stale",
    }
}
