//! The settings panel: drift, noise, threshold, batch size, model, window,
//! trigger, validation, champion margin, the fixed cost per retrain and seed.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::select_field::SelectField;
use super::slider::Slider;
use crate::sim::cost::{Cost, MAX_FIXED_COST};
use crate::sim::params::{
    check_seed, round_to_step, DetectorKind, DriftKind, DriftPattern, ModelKind, RetrainTrigger,
    SimParams, TrainingWindow, DEFAULT_CRON, DRIFT_SPEED_STEP, DRIFT_STRENGTH_STEP,
    LABEL_NOISE_STEP, MARGIN_STEP, MAX_LABEL_DELAY, MAX_SEED, MIN_BATCH_SIZE, THRESHOLD_STEP,
};
use crate::sim::wording::cost_units;

/// The training windows offered in the select.
const WINDOW_CHOICES: [TrainingWindow; 5] = [
    TrainingWindow::NewestBatch,
    TrainingWindow::Sliding(3),
    TrainingWindow::Sliding(5),
    TrainingWindow::Sliding(10),
    TrainingWindow::AllData,
];
/// The largest batch the slider offers (the core accepts more from a link).
const SLIDER_MAX_BATCH: usize = 5000;

/// Props of [`Settings`].
#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    /// The settings shown (pending ones if a change waits for the next cycle).
    pub params: SimParams,
    /// Called with the whole new settings after any change.
    pub on_change: Callback<SimParams>,
    /// Called with a message when a typed value cannot be used.
    pub on_invalid: Callback<String>,
    /// Controls hidden by a teacher's link (names from `sim::share::HIDEABLE`).
    #[prop_or_default]
    pub hidden: Vec<String>,
    /// The seed cannot be changed (a teacher's link locked it).
    #[prop_or_default]
    pub lock_seed: bool,
    /// The run streams real data (a teacher's file or the weather data),
    /// which drifts as it does: the drift and noise settings do not apply.
    #[prop_or_default]
    pub real_data: bool,
}

fn options<T: Copy>(
    all: &[T],
    key: impl Fn(T) -> String,
    label: impl Fn(T) -> String,
) -> Vec<(String, String)> {
    all.iter().map(|&v| (key(v), label(v))).collect()
}

/// The settings form.
#[component]
pub fn Settings(props: &SettingsProps) -> Html {
    let p = props.params.clone();
    let show = |name: &str| !props.hidden.iter().any(|h| h == name);
    let emit = |f: fn(SimParams, f64) -> SimParams| {
        let p = p.clone();
        let cb = props.on_change.clone();
        Callback::from(move |v: f64| cb.emit(f(p.clone(), v)))
    };
    let emit_key = |f: fn(SimParams, &str) -> Option<SimParams>| {
        let p = p.clone();
        let cb = props.on_change.clone();
        Callback::from(move |k: String| {
            if let Some(new) = f(p.clone(), &k) {
                cb.emit(new);
            }
        })
    };
    let window_choices: Vec<TrainingWindow> = {
        let mut w = WINDOW_CHOICES.to_vec();
        if !w.contains(&p.window) {
            w.push(p.window);
        }
        w
    };
    let seed_change = {
        let p = p.clone();
        let cb = props.on_change.clone();
        let bad = props.on_invalid.clone();
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
        let cb = props.on_change.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            // Invalid text is reported by the core's check, which names the field.
            let text: String = input.value().chars().take(100).collect();
            cb.emit(p.clone().trigger(RetrainTrigger::Schedule(text)));
        })
    };
    let validate_change = {
        let p = p.clone();
        let cb = props.on_change.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            cb.emit(p.clone().validate_data(input.checked()));
        })
    };
    let floor_change = {
        let p = p.clone();
        let cb = props.on_change.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            cb.emit(p.clone().performance_floor(input.checked()));
        })
    };
    // The floor is a second trigger beside one that can stay silent.
    let floor_applies = matches!(
        p.trigger,
        RetrainTrigger::Schedule(_) | RetrainTrigger::DriftDetected(_)
    );
    html! {
        <section class="panel settings" aria-labelledby="settings-title">
            <h2 id="settings-title">{ "Settings" }</h2>
            <p class="hint">{ "Drift, noise, threshold, batch size and window apply from the next cycle. Seed and model restart the run at v1." }</p>
            if props.real_data {
                <p class="hint" data-testid="real-data-hint">{ "This run streams real data, which drifts as it does: drift strength, speed, kind and pattern and label noise do not apply to it." }</p>
            }
            if show("strength") {
                <Slider id="drift-strength" label="Drift strength" min={0.0} max={1.0} step={DRIFT_STRENGTH_STEP}
                    value={p.drift_strength} shown={format!("{:.2}", p.drift_strength)}
                    hint={AttrValue::from("0 = the world never changes")}
                    on_change={emit(|p, v| p.drift_strength(round_to_step(v, DRIFT_STRENGTH_STEP)))} />
            }
            if show("threshold") {
                <Slider id="threshold" label="Deploy threshold" min={0.5} max={0.99} step={THRESHOLD_STEP}
                    value={p.threshold} shown={format!("{:.2}", p.threshold)}
                    hint={AttrValue::from("Deploy only if accuracy > threshold")}
                    on_change={emit(|p, v| p.threshold(round_to_step(v, THRESHOLD_STEP)))} />
            }
            if show("noise") {
                <Slider id="label-noise" label="Label noise" min={0.0} max={0.5} step={LABEL_NOISE_STEP}
                    value={p.label_noise} shown={format!("{:.0}%", p.label_noise * 100.0)}
                    hint={AttrValue::from("Share of labels flipped at random")}
                    on_change={emit(|p, v| p.label_noise(round_to_step(v, LABEL_NOISE_STEP)))} />
            }
            <details class="more-settings" open=true>
            <summary>{ "More settings" }</summary>
            if show("speed") {
                <Slider id="drift-speed" label="Drift speed" min={DRIFT_SPEED_STEP} max={1.0} step={DRIFT_SPEED_STEP}
                    value={p.drift_speed} shown={format!("{:.2}", p.drift_speed)}
                    hint={AttrValue::from(speed_hint(p.drift_pattern, p.drift_onset))}
                    on_change={emit(|p, v| p.drift_speed(round_to_step(v, DRIFT_SPEED_STEP)))} />
            }
            if show("batch") {
                <Slider id="batch-size" label="Batch size" min={MIN_BATCH_SIZE as f64} max={SLIDER_MAX_BATCH as f64} step={20.0}
                    value={p.batch_size as f64} shown={format!("{} rows", p.batch_size)}
                    hint={AttrValue::from("New rows per cycle; 30% held out for evaluation")}
                    on_change={emit(|p, v| p.batch_size(v.round().max(0.0) as usize))} />
            }
            if show("kind") {
                <SelectField id="drift-kind" label="Drift kind"
                    options={options(&DriftKind::ALL, |k| k.key().to_string(), |k| k.label().to_string())}
                    selected={p.drift_kind.key().to_string()}
                    on_change={emit_key(|p, k| DriftKind::from_key(k).map(|v| p.drift_kind(v)))} />
            }
            if show("pattern") {
                <SelectField id="drift-pattern" label="Drift pattern"
                    options={options(&DriftPattern::ALL, |k| k.key().to_string(), |k| k.label().to_string())}
                    selected={p.drift_pattern.key().to_string()}
                    on_change={emit_key(|p, k| DriftPattern::from_key(k).map(|v| p.drift_pattern(v)))} />
            }
            if show("model") {
                <SelectField id="model" label="Model"
                    options={options(&ModelKind::ALL, |k| k.key().to_string(), |k| k.label().to_string())}
                    selected={p.model.key().to_string()}
                    hint={AttrValue::from("Changing the model restarts the run")}
                    on_change={emit_key(|p, k| ModelKind::from_key(k).map(|v| p.model(v)))} />
            }
            if show("window") {
                <SelectField id="window" label="Training window"
                    options={options(&window_choices, |w| w.key(), |w| w.label())}
                    selected={p.window.key()}
                    on_change={emit_key(|p, k| TrainingWindow::from_key(k).map(|v| p.window(v)))} />
            }
            if show("trigger") {
                <SelectField id="trigger" label="Retraining trigger"
                    options={trigger_options()}
                    selected={p.trigger.key().to_string()}
                    hint={AttrValue::from(trigger_hint(&p.trigger))}
                    on_change={emit_key(|p, k| trigger_from_key(&p, k).map(|t| p.clone().trigger(t)))} />
            }
            if let (true, RetrainTrigger::Schedule(cron)) = (show("trigger"), &p.trigger) {
                <div class="field">
                    <label for="cron">{ "Cron schedule" }</label>
                    <input type="text" id="cron" value={cron.clone()} spellcheck="false"
                        autocomplete="off" onchange={cron_change} aria-describedby="cron-hint" />
                    <p class="hint" id="cron-hint">{ format!("minute hour day month weekday, e.g. 0 0 * * * (daily at midnight). Each cycle is {} hours of simulated time.", p.minutes_per_cycle as f64 / 60.0) }</p>
                </div>
            }
            if let (true, RetrainTrigger::DriftDetected(d)) = (show("trigger"), &p.trigger) {
                <SelectField id="detector" label="Drift detector"
                    options={options(&DetectorKind::ALL, |k| k.key().to_string(), |k| k.label().to_string())}
                    selected={d.key().to_string()}
                    on_change={emit_key(|p, k| DetectorKind::from_key(k).map(|d| p.trigger(RetrainTrigger::DriftDetected(d))))} />
            }
            if show("trigger") && floor_applies {
                <div class="field checkbox">
                    <input type="checkbox" id="floor" checked={p.performance_floor} onchange={floor_change} aria-describedby="floor-hint" />
                    <label for="floor">{ "Performance floor: also retrain when live accuracy is below the threshold" }</label>
                    <p class="hint" id="floor-hint">{ "A second trigger. A drift detector fires on a change, not on a bad but steady level; the floor catches that." }</p>
                </div>
            }
            if show("validate") {
                <div class="field checkbox">
                    <input type="checkbox" id="validate" checked={p.validate_data} onchange={validate_change} />
                    <label for="validate">{ "Validate data before retraining" }</label>
                </div>
            }
            if show("margin") {
                <Slider id="champion" label="Champion margin" min={0.0} max={0.1} step={MARGIN_STEP}
                    value={p.min_improvement.unwrap_or(0.0)}
                    shown={p.min_improvement.map_or("off".to_string(), |m| format!("+{m:.2}"))}
                    hint={AttrValue::from("A candidate must also beat the live model by this much (0 = gate off)")}
                    on_change={emit(|p, v| { let m = round_to_step(v, MARGIN_STEP); p.min_improvement((m > 0.0).then_some(m)) })} />
            }
            if show("delay") {
                <Slider id="label-delay" label="Label delay" min={0.0} max={f64::from(MAX_LABEL_DELAY)} step={1.0}
                    value={f64::from(p.label_delay)} shown={label_delay_shown(p.label_delay)}
                    hint={AttrValue::from("Cycles before a batch's labels arrive. Scoring, the performance and error triggers and training wait for them; the KS test reads inputs and does not.")}
                    on_change={emit(|p, v| p.label_delay(v.round().clamp(0.0, f64::from(MAX_LABEL_DELAY)) as u32))} />
            }
            if show("cost") {
                <Slider id="fixed-cost" label="Fixed cost per retrain" min={0.0} max={f64::from(MAX_FIXED_COST)} step={1.0}
                    value={f64::from(p.retrain_fixed_cost)} shown={cost_units(Cost::from_units(p.retrain_fixed_cost))}
                    hint={AttrValue::from("Each retrain also costs 1 unit per 1,000 training rows")}
                    on_change={emit(|p, v| p.retrain_fixed_cost(v.round().clamp(0.0, f64::from(MAX_FIXED_COST)) as u32))} />
            }
            if show("seed") {
                <div class="field">
                    <label for="seed">{ "Seed" }</label>
                    <input type="number" id="seed" min="0" step="1" inputmode="numeric"
                        value={p.seed.to_string()} onchange={seed_change}
                        readonly={props.lock_seed} aria-describedby="seed-hint" />
                    <p class="hint" id="seed-hint">{ if props.lock_seed {
                        "The seed is locked by your teacher's link, so everyone sees the same run."
                    } else {
                        "Same seed and settings, same run. Changing it restarts the run."
                    } }</p>
                </div>
            }
            </details>
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

fn speed_hint(pattern: DriftPattern, onset: u32) -> String {
    match pattern {
        DriftPattern::Sudden => format!("Not used by sudden drift: it switches at cycle {onset}"),
        DriftPattern::Gradual => {
            format!("How quickly the new concept takes over (from cycle {onset})")
        }
        DriftPattern::Incremental => {
            format!("How far the concept moves each cycle (from cycle {onset})")
        }
        DriftPattern::Recurring => {
            format!("How often the old concept comes back (from cycle {onset})")
        }
    }
}

fn trigger_options() -> Vec<(String, String)> {
    [
        ("every", "Every cycle"),
        ("schedule", "Schedule (cron)"),
        ("drift", "Drift detected"),
        ("drop", "Performance drop"),
        ("never", "Never retrain"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

/// The trigger for a select key, keeping the current schedule or detector.
fn trigger_from_key(p: &SimParams, key: &str) -> Option<RetrainTrigger> {
    Some(match key {
        "every" => RetrainTrigger::EveryCycle,
        "schedule" => match &p.trigger {
            RetrainTrigger::Schedule(c) => RetrainTrigger::Schedule(c.clone()),
            _ => RetrainTrigger::Schedule(DEFAULT_CRON.into()),
        },
        "drift" => match p.trigger {
            RetrainTrigger::DriftDetected(d) => RetrainTrigger::DriftDetected(d),
            _ => RetrainTrigger::DriftDetected(DetectorKind::default()),
        },
        "drop" => RetrainTrigger::PerformanceDrop,
        "never" => RetrainTrigger::Never,
        _ => return None,
    })
}

fn trigger_hint(t: &RetrainTrigger) -> &'static str {
    match t {
        RetrainTrigger::EveryCycle => "Retrain on every new batch (the lesson's loop)",
        RetrainTrigger::Schedule(_) => "Retrain when the schedule fires on the simulated clock",
        RetrainTrigger::DriftDetected(_) => {
            "Retrain when a detector sees the data or errors change"
        }
        RetrainTrigger::PerformanceDrop => "Retrain when live accuracy falls below the threshold",
        RetrainTrigger::Never => "Never retrain: watch the model go stale",
    }
}
