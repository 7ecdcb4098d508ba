//! Links that reproduce a run: every setting and the seed in the URL's query
//! (`?seed=42&kind=concept&…`; the page keeps its address bar in step), plus
//! the teacher's choices (hidden controls and panels, a locked seed, the
//! presenter view). Reading a link is tolerant: anything unknown, out of range
//! or garbled is reported in words and the rest still applies — never a panic.
//! Values set with a slider on the page are rounded to that slider's step, so
//! the value the page shows is the value the run uses.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::{Deserialize, Serialize};

use crate::sim::keys_and_labels::keys_and_labels;
use crate::sim::params::{DetectorKind, RetrainTrigger, SimParams};
use crate::sim::retraining::settings::ParamError;
use crate::sim::retraining::settings::{self, LinkWrite, Number, Setting, SettingKey, Value};
use crate::sim::stream::real_data::RealData;
use crate::sim::stream::weather::FeaturePair;
use crate::sim::teach::guide::{CHAPTERS, GUIDE_SEED};

/// The longest link text read; the rest is ignored (with a notice).
pub const MAX_LINK_LEN: usize = 4_000;
/// The longest value shown back in a problem message.
const SHOWN_VALUE_LEN: usize = 24;

/// A panel of the playground a teacher can hide with `hide=…`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Panel {
    /// The process flow (the eight steps as a diagram).
    Flow,
    /// The execution sample (`retrain_model(data, model)`).
    Code,
    /// The status tracker.
    Tracker,
    /// The charts.
    Charts,
    /// The model registry.
    Registry,
    /// The alert log.
    Alerts,
    /// The trigger and data validation panel.
    Gates,
    /// The policy race.
    Race,
    /// The lesson, quizzes and practice.
    Learn,
    /// Predict before the reveal.
    Predict,
    /// Training speed.
    Timing,
}

keys_and_labels! {
    Panel {
        Flow => "flow", "Process flow";
        Code => "code", "Execution sample";
        Tracker => "tracker", "Status tracker";
        Charts => "charts", "Charts";
        Registry => "registry", "Model registry";
        Alerts => "alerts", "Alert log";
        Gates => "gates", "Trigger and data validation";
        Race => "race", "Policy race";
        Learn => "learn", "Learn";
        Predict => "predict", "Predict before the reveal";
        Timing => "timing", "Training speed";
    }
}

/// What a teacher's link hides: a setting's control (by its hide key in the
/// settings table) or a panel.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Hidden {
    /// A control, by the hide key the settings table gives it.
    Control(String),
    /// A panel.
    Panel(Panel),
}

impl Hidden {
    /// Its name in a link's `hide=…`.
    pub fn key(&self) -> &str {
        match self {
            Hidden::Control(key) => key,
            Hidden::Panel(p) => p.key(),
        }
    }

    /// The control or panel a link's `hide=…` names, if any.
    pub fn from_key(key: &str) -> Option<Hidden> {
        if settings::hide_keys().contains(&key) {
            Some(Hidden::Control(key.to_string()))
        } else {
            Panel::from_key(key).map(Hidden::Panel)
        }
    }
}

/// Every name a teacher can hide with `hide=…`: the settings' controls (from
/// the settings table), then the panels.
pub fn hideable() -> Vec<&'static str> {
    let mut names = settings::hide_keys();
    names.extend(Panel::ALL.iter().map(|p| p.key()));
    names
}

/// The names of `hidden`, as a link's `hide=…` lists them.
pub fn hidden_keys(hidden: &[Hidden]) -> String {
    hidden.iter().map(Hidden::key).collect::<Vec<_>>().join(",")
}

/// What a link says.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SharedLink {
    /// The settings (defaults where the link says nothing or something unusable).
    pub params: SimParams,
    /// Controls and panels to hide.
    pub hidden: Vec<Hidden>,
    /// The seed cannot be changed.
    pub lock_seed: bool,
    /// Open in the presenter view.
    pub presenter: bool,
    /// Open in the team's view (`view=team`): what a team sees, without what
    /// only the simulator knows.
    pub team_view: bool,
    /// The teacher locked the team's view (`lock=view`, which implies
    /// `view=team`): no switch back; the truth shows only after a diagnosis.
    pub lock_view: bool,
    /// A scenario to load (its key), if any.
    pub scenario: Option<String>,
    /// Stream real data: the weather with these two features
    /// (`data=weather&features=a,b`; the default pair when `features` is
    /// missing or cannot be used), or the Circle data (`data=circle`).
    pub data: Option<RealData>,
    /// A guide chapter to open (`chapter=N`, 1..=CHAPTERS), if any.
    pub chapter: Option<u8>,
    /// True when the link names settings, a scenario or teacher options (it
    /// opens the playground); a link with only `chapter` and `presenter`, or
    /// none, leaves the choice to the reader's saved progress.
    pub names_settings: bool,
    /// What could not be used, in words.
    pub problems: Vec<String>,
}

/// What a value written into a link escapes: everything but RFC 3986's
/// unreserved characters (letters, digits, `-`, `_`, `.`, `~`), so a cron
/// expression's spaces, `*` and `/` survive any address bar or chat app.
const ESCAPED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes a value for a link (as `%2A`, upper-case hex).
fn encode(text: &str) -> String {
    utf8_percent_encode(text, ESCAPED).to_string()
}

/// A value cut short for messages, with control characters removed, so hostile
/// text is never echoed at length (and the page never renders it as HTML).
fn shown(value: &str) -> String {
    let clean: String = value.chars().filter(|c| !c.is_control()).collect();
    if clean.chars().count() > SHOWN_VALUE_LEN {
        format!(
            "{}…",
            clean.chars().take(SHOWN_VALUE_LEN).collect::<String>()
        )
    } else {
        clean
    }
}

/// The address of a guide chapter: `chapter=N`, the seed when it is not the
/// guide's own, `presenter=1` when on. A link with `chapter` opens the guide
/// even when it names other settings; of those, only the seed is used.
pub fn guide_query(chapter: u8, seed: u64, presenter: bool) -> String {
    let mut q = format!("chapter={chapter}");
    if seed != GUIDE_SEED {
        q.push_str(&format!("&seed={seed}"));
    }
    if presenter {
        q.push_str("&presenter=1");
    }
    q
}

/// The query (without the leading `?`) that reproduces `params` and the
/// teacher's choices.
pub fn to_query(params: &SimParams, hidden: &[Hidden], lock_seed: bool, presenter: bool) -> String {
    let changed = settings::changed(&SimParams::default(), params);
    let mut parts = Vec::new();
    for setting in &settings::ALL {
        // The trigger's schedule or detector rides along where links have
        // always carried it: after the floor, before the label delay.
        if setting.key == SettingKey::LabelDelay {
            match &params.trigger {
                RetrainTrigger::Schedule(c) => parts.push(format!("cron={}", encode(c))),
                RetrainTrigger::DriftDetected(d) => parts.push(format!("detector={}", d.key())),
                _ => {}
            }
        }
        let Some((key, write)) = setting.link else {
            continue;
        };
        if write == LinkWrite::WhenChanged && !changed.contains(&setting.key) {
            continue;
        }
        let value = match setting.value {
            Value::Seed { .. } => params.seed.to_string(),
            Value::Number { bounds, get, .. } => match bounds.number {
                Number::Real => get(params).to_string(),
                Number::WholeU32 | Number::WholeUsize => (get(params) as u64).to_string(),
            },
            Value::Choice { get, .. } => get(params),
            Value::Switch { get, .. } => u8::from(get(params)).to_string(),
            Value::Trigger => params.trigger.key().to_string(),
        };
        parts.push(format!("{key}={value}"));
    }
    if !hidden.is_empty() {
        parts.push(format!("hide={}", hidden_keys(hidden)));
    }
    if lock_seed {
        parts.push("lock=seed".into());
    }
    if presenter {
        parts.push("presenter=1".into());
    }
    parts.join("&")
}

/// What a link adds for the team's view (appended to [`to_query`]'s
/// settings with `&`): `view=team`, and `lock=view` when the teacher locks it.
pub fn team_query(locked: bool) -> String {
    if locked {
        "view=team&lock=view".into()
    } else {
        "view=team".into()
    }
}

/// What a link adds for a run on real data (appended to [`to_query`]'s
/// settings with `&`).
pub fn data_query(data: RealData) -> String {
    match data {
        RealData::Weather(pair) => format!("data=weather&features={}", pair.key()),
        RealData::Circle => "data=circle".to_string(),
    }
}

/// Reads a link's query (with or without the leading `?`; a leading `#` is
/// skipped too, so links written into the hash still read).
pub fn parse_link(text: &str) -> SharedLink {
    let mut link = SharedLink::default();
    let mut text = text.trim_start_matches(['#', '?']);
    if text.len() > MAX_LINK_LEN {
        let mut cut = MAX_LINK_LEN;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text = &text[..cut];
        link.problems.push(format!(
            "The link was longer than {MAX_LINK_LEN} characters; the rest was ignored."
        ));
    }
    let mut p = SimParams::default();
    let mut trigger_key: Option<String> = None;
    let mut seed_given = false;
    let mut cron: Option<String> = None;
    let mut detector: Option<DetectorKind> = None;
    let mut data: Option<String> = None;
    let mut features: Option<String> = None;
    // `application/x-www-form-urlencoded`: pairs split at `&` (empty ones
    // skipped) and the first `=`, `+` read as a space, `%XX` decoded (a broken
    // escape is kept as written, invalid UTF-8 becomes U+FFFD).
    for (key, value) in form_urlencoded::parse(text.as_bytes()) {
        let (key, value) = (key.into_owned(), value.into_owned());
        if !matches!(key.as_str(), "presenter" | "chapter") {
            link.names_settings = true;
        }
        let bad = |what: &str| format!("`{}`: {what} (got `{}`)", shown(&key), shown(&value));
        if let Some(setting) = settings::ALL
            .iter()
            .find(|s| s.link.is_some_and(|(k, _)| k == key))
        {
            match (setting.value, read_setting(setting, &value, &mut p)) {
                (_, Err(what)) => link.problems.push(bad(&what)),
                (Value::Seed { .. }, Ok(())) => seed_given = true,
                (Value::Trigger, Ok(())) => trigger_key = Some(value.clone()),
                (_, Ok(())) => {}
            }
            continue;
        }
        match key.as_str() {
            // The trigger's schedule and detector (read with the trigger below).
            "cron" => cron = Some(value.chars().take(100).collect()),
            "detector" => match DetectorKind::from_key(&value) {
                Some(d) => detector = Some(d),
                None => link.problems.push(bad("unknown drift detector")),
            },
            "hide" => {
                for name in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                    if let Some(hidden) = Hidden::from_key(name) {
                        if !link.hidden.contains(&hidden) {
                            link.hidden.push(hidden);
                        }
                    } else {
                        link.problems
                            .push(format!("`hide`: nothing is called `{}`", shown(name)));
                    }
                }
            }
            "lock" => {
                for what in value.split(',').map(str::trim) {
                    match what {
                        "seed" => link.lock_seed = true,
                        "view" => link.lock_view = true,
                        _ => link
                            .problems
                            .push(bad("only the seed and the view can be locked")),
                    }
                }
            }
            "view" => match value.trim() {
                "team" => link.team_view = true,
                "simulator" => link.team_view = false,
                _ => link.problems.push(bad("the view is `team` or `simulator`")),
            },
            "presenter" => link.presenter = matches!(value.as_str(), "1" | "true" | "on"),
            "chapter" => match value.trim().parse::<u8>() {
                Ok(n) if (1..=CHAPTERS).contains(&n) => link.chapter = Some(n),
                _ => link
                    .problems
                    .push(bad(&format!("the guide has chapters 1 to {CHAPTERS}"))),
            },
            "scenario" => link.scenario = Some(value.chars().take(40).collect()),
            "data" => data = Some(value.clone()),
            "features" => features = Some(value.clone()),
            _ => link
                .problems
                .push(format!("Unknown setting `{}` was ignored.", shown(&key))),
        }
    }
    // A locked view is the team's.
    link.team_view |= link.lock_view;
    // A chapter link without a seed runs the guide's own seed.
    if link.chapter.is_some() && !seed_given {
        p.seed = GUIDE_SEED;
    }
    if let Some(t) = trigger_key {
        p.trigger = settings::trigger_from_key(&t, cron, detector).unwrap_or_else(|| {
            link.problems
                .push(format!("`trigger`: unknown trigger (got `{}`)", shown(&t)));
            RetrainTrigger::EveryCycle
        });
    }
    match data.as_deref().map(str::trim) {
        Some("weather") => {
            link.data = Some(RealData::Weather(match features.as_deref().map(FeaturePair::from_key) {
                None => FeaturePair::default(),
                Some(Ok(pair)) => pair,
                Some(Err(e)) => {
                    link.problems.push(format!(
                        "`features`: {e}; lowest and highest temperature are used."
                    ));
                    FeaturePair::default()
                }
            }));
        }
        Some("circle") => {
            link.data = Some(RealData::Circle);
            if features.is_some() {
                link.problems.push(
                    "`features`: the Circle data has only its two features; it was ignored."
                        .into(),
                );
            }
        }
        Some("synthetic") | None => {
            if features.is_some() {
                link.problems.push(
                    "`features` applies to the weather data only (with `data=weather`); it was \
                     ignored."
                        .into(),
                );
            }
        }
        Some(other) => link.problems.push(format!(
            "`data`: only `weather`, `circle` or `synthetic` can be streamed from a link (got `{}`).",
            shown(other)
        )),
    }
    // Out-of-range values: report the check's words, keep the defaults for
    // those fields one at a time so the rest of the link still applies.
    link.params = keep_valid(p, &mut link.problems);
    link
}

/// Reads one setting's value from a link into `p`; what is wrong with it, in
/// words, if it cannot be used (an out-of-range number is left for the check).
fn read_setting(setting: &Setting, value: &str, p: &mut SimParams) -> Result<(), String> {
    match setting.value {
        Value::Seed { .. } => match value.trim().parse::<u64>() {
            Ok(seed) => p.seed = seed,
            Err(_) => return Err(format!("{} must be a whole number", setting.noun)),
        },
        Value::Number { bounds, set, .. } => {
            let read = match bounds.number {
                Number::Real => value
                    .trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|x| x.is_finite())
                    .map(|x| bounds.snap(x)),
                Number::WholeU32 => value.trim().parse::<u32>().ok().map(f64::from),
                Number::WholeUsize => value.trim().parse::<usize>().ok().map(|x| x as f64),
            };
            match read {
                Some(x) => set(p, x),
                None => return Err(not_a_number(setting)),
            }
        }
        Value::Choice { set, .. } => {
            if !set(p, value) {
                return Err(format!("unknown {}", setting.noun));
            }
        }
        // Read with its schedule and detector once the whole link is read.
        Value::Trigger => {}
        Value::Switch { set, .. } => match value {
            "1" | "true" | "on" => set(p, true),
            "0" | "false" | "off" => set(p, false),
            _ => return Err("must be 1 or 0".into()),
        },
    }
    Ok(())
}

/// What a link's number for `setting` must be.
fn not_a_number(setting: &Setting) -> String {
    let Value::Number { bounds, .. } = setting.value else {
        return format!("{} must be a number", setting.noun);
    };
    let noun = setting.noun;
    match (bounds.number, bounds.unit) {
        (Number::Real, _) => format!("{noun} must be a number"),
        (_, settings::Unit::Cycles) => format!("{noun} must be a whole number of cycles"),
        (_, settings::Unit::CostUnits) => format!(
            "{noun} must be a whole number of units from {} to {}",
            bounds.min, bounds.max
        ),
        _ => format!("{noun} must be a whole number"),
    }
}

/// Replaces each field that fails the check by its default, naming it.
fn keep_valid(mut p: SimParams, problems: &mut Vec<String>) -> SimParams {
    let d = SimParams::default();
    for _ in 0..(settings::ALL.len() + 3) {
        match p.clone().check() {
            Ok(_) => return p,
            Err(e) => {
                problems.push(format!("{e}; the default is used."));
                match &e {
                    ParamError::SeedTooLarge { .. } => p.seed = d.seed,
                    ParamError::Cron(_) => p.trigger = d.trigger.clone(),
                    ParamError::OutOfRange { field, .. } | ParamError::NotFinite { field } => {
                        match settings::by_field(*field).map(|s| s.value) {
                            Some(Value::Number { get, set, .. }) => set(&mut p, get(&d)),
                            // The sliding window's batches.
                            _ => p.window = d.window,
                        }
                    }
                }
            }
        }
    }
    d
}

// Native only: the core is tested natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::params::{DriftKind, DriftPattern, ModelKind, TrainingWindow};
    use crate::sim::retraining::settings::{changed, changed_value, ALL};
    use proptest::prelude::*;

    #[test]
    fn chapter_links_open_the_guide_and_settings_open_the_playground() {
        let link = parse_link(&guide_query(5, GUIDE_SEED, false));
        assert_eq!((link.chapter, link.names_settings), (Some(5), false));
        assert_eq!(link.params.seed, GUIDE_SEED);
        let link = parse_link(&guide_query(2, 7, true));
        assert_eq!(
            (link.chapter, link.params.seed, link.presenter),
            (Some(2), 7, true)
        );
        assert!(link.problems.is_empty());
        // The last chapter round-trips too.
        let link = parse_link(&guide_query(CHAPTERS, GUIDE_SEED, false));
        assert_eq!((link.chapter, link.names_settings), (Some(CHAPTERS), false));
        assert!(link.problems.is_empty());
        for bad in ["chapter=0", "chapter=11", "chapter=two", "chapter=-1"] {
            let link = parse_link(bad);
            assert_eq!(link.chapter, None, "{bad}");
            assert!(
                link.problems[0].contains(&format!("chapters 1 to {CHAPTERS}")),
                "{bad}: {:?}",
                link.problems
            );
        }
        assert!(!parse_link("").names_settings);
        assert!(!parse_link("presenter=1").names_settings);
        assert!(parse_link("scenario=bad-data").names_settings);
        let full = to_query(&SimParams::default(), &[], false, false);
        assert!(
            parse_link(&full).names_settings,
            "a playground address stays in the playground"
        );
    }

    #[test]
    fn a_link_round_trips_every_setting() {
        let p = SimParams::default()
            .seed(7)
            .drift_kind(DriftKind::Covariate)
            .drift_pattern(DriftPattern::Gradual)
            .drift_strength(0.35)
            .drift_speed(0.8)
            .drift_onset(5)
            .label_noise(0.12)
            .model(ModelKind::DecisionTree)
            .window(TrainingWindow::AllData)
            .threshold(0.91)
            .batch_size(1200)
            .trigger(RetrainTrigger::Schedule("30 9 * * 1".into()))
            .validate_data(false)
            .min_improvement(Some(0.03))
            .tree_max_depth(8)
            .retrain_fixed_cost(12);
        let hidden = [
            Hidden::Control("noise".into()),
            Hidden::Control("model".into()),
            Hidden::Panel(Panel::Race),
        ];
        let q = to_query(&p, &hidden, true, true);
        let link = parse_link(&format!("#{q}"));
        assert_eq!(link.problems, Vec::<String>::new());
        assert_eq!(link.params, p);
        assert_eq!(link.hidden, hidden);
        assert!(link.lock_seed && link.presenter);
    }

    #[test]
    fn bad_values_are_named_and_the_rest_applies() {
        let link = parse_link(
            "seed=abc&threshold=2&strength=NaN&kind=weird&foo=1&noise=0.2&hide=noise,bogus",
        );
        assert_eq!(link.params.label_noise, 0.2);
        assert_eq!(link.params.threshold, 0.8);
        assert_eq!(link.params.seed, 42);
        let all = link.problems.join(" | ");
        for needle in [
            "`seed`",
            "Deploy threshold",
            "`strength`",
            "unknown drift kind",
            "`foo`",
            "`bogus`",
        ] {
            assert!(all.contains(needle), "{needle} missing in {all}");
        }
        assert_eq!(link.hidden, [Hidden::Control("noise".into())]);
    }

    #[test]
    fn hostile_text_is_cut_short_and_never_panics() {
        let long = "x".repeat(10_000);
        let link = parse_link(&format!(
            "{long}=<script>alert(1)</script>&%ZZ=%&seed=%E2%82"
        ));
        assert!(link.problems.iter().all(|p| p.chars().count() < 200));
        assert!(link.problems[0].contains("longer than"));
        let link = parse_link("kind=%3Cscript%3E");
        assert!(link.problems[0].contains("<script>") || link.problems[0].contains("unknown"));
    }

    #[test]
    fn slider_values_are_rounded_to_the_sliders_step() {
        let link = parse_link("threshold=0.805");
        assert_eq!(link.problems, Vec::<String>::new());
        let t = link.params.threshold;
        assert_eq!(t, (0.805_f64 * 100.0).round() / 100.0);
        assert_eq!(t, 0.81);
        // What the page shows (two decimals) is exactly what runs.
        assert_eq!(format!("{t:.2}").parse::<f64>().unwrap(), t);
        let link = parse_link("strength=0.33&speed=0.52&noise=0.125&margin=0.0349");
        assert_eq!(link.problems, Vec::<String>::new());
        let p = link.params;
        assert_eq!(
            (p.drift_strength, p.drift_speed, p.label_noise),
            (0.35, 0.5, 0.13)
        );
        assert_eq!(p.min_improvement, Some(0.03));
        // A margin that rounds to zero turns the gate off, as the slider does.
        assert_eq!(parse_link("margin=0.004").params.min_improvement, None);
    }

    #[test]
    fn a_seed_beyond_two_to_the_53_is_named_and_the_rest_applies() {
        let link = parse_link("seed=9007199254740993&noise=0.2");
        assert_eq!(link.params.seed, SimParams::default().seed);
        assert_eq!(link.params.label_noise, 0.2);
        assert_eq!(link.problems.len(), 1, "{:?}", link.problems);
        assert!(
            link.problems[0].starts_with("Seed must be"),
            "{:?}",
            link.problems
        );
        let link = parse_link("seed=9007199254740992");
        assert_eq!(link.params.seed, 1 << 53);
        assert!(link.problems.is_empty());
    }

    #[test]
    fn values_are_escaped_and_read_back_as_forms_are() {
        let p =
            SimParams::default().trigger(RetrainTrigger::Schedule("*/5 9-17 * * MON-FRI".into()));
        let q = to_query(&p, &[], false, false);
        assert!(
            q.ends_with("&cron=%2A%2F5%209-17%20%2A%20%2A%20MON-FRI"),
            "{q}"
        );
        // `+` is a space, `%2B` a plus; a broken escape stays as written.
        let link = parse_link("trigger=schedule&cron=0+0+*+*+*");
        assert_eq!(
            link.params.trigger,
            RetrainTrigger::Schedule("0 0 * * *".into())
        );
        let link = parse_link("scenario=a%2Bb%zz%4&&=x&seed");
        assert_eq!(link.scenario.as_deref(), Some("a+b%zz%4"));
        assert!(link.problems.iter().any(|p| p.contains("`seed`")));
    }

    #[test]
    fn the_fixed_cost_travels_in_links_and_bad_values_are_named() {
        let q = to_query(
            &SimParams::default().retrain_fixed_cost(0),
            &[],
            false,
            false,
        );
        assert!(q.contains("&cost=0"), "{q}");
        assert_eq!(parse_link(&q).params.retrain_fixed_cost, 0);
        let default = to_query(&SimParams::default(), &[], false, false);
        assert!(
            !default.contains("cost="),
            "the default leaves links as they were: {default}"
        );
        let link = parse_link("cost=50&noise=0.2");
        assert_eq!(link.params.retrain_fixed_cost, 50);
        assert!(link.problems.is_empty(), "{:?}", link.problems);
        let link = parse_link("cost=51&noise=0.2");
        assert_eq!(link.params.retrain_fixed_cost, 5);
        assert_eq!(link.params.label_noise, 0.2, "the rest applies");
        assert_eq!(
            link.problems,
            ["Fixed cost per retrain must be between 0 and 50, got 51; the default is used."]
        );
        for bad in ["cost=-1", "cost=2.5", "cost=lots", "cost=99999999999"] {
            let link = parse_link(bad);
            assert_eq!(link.params.retrain_fixed_cost, 5, "{bad}");
            assert_eq!(link.problems.len(), 1, "{bad}: {:?}", link.problems);
            assert!(
                link.problems[0].starts_with("`cost`: the fixed cost per retrain must be a whole number of units from 0 to 50"),
                "{bad}: {:?}",
                link.problems
            );
        }
    }

    #[test]
    fn a_circle_link_names_the_data_and_reads_back() {
        let p = SimParams::default().batch_size(250);
        let q = format!(
            "{}&{}",
            to_query(&p, &[], false, false),
            data_query(RealData::Circle)
        );
        assert!(q.ends_with("&data=circle"), "{q}");
        let link = parse_link(&q);
        assert_eq!(link.problems, Vec::<String>::new());
        assert_eq!((link.data, &link.params), (Some(RealData::Circle), &p));
        let link = parse_link("data=circle&features=wind,dew-point");
        assert_eq!(link.data, Some(RealData::Circle));
        assert!(
            link.problems[0].contains("only its two features"),
            "{:?}",
            link.problems
        );
        let link = parse_link("data=circles");
        assert_eq!(link.data, None);
        assert!(link.problems[0].contains("`circle`"), "{:?}", link.problems);
    }

    #[test]
    fn a_weather_link_names_the_data_and_its_features() {
        use crate::sim::stream::weather::WeatherFeature;
        let pair = FeaturePair::new(WeatherFeature::DewPoint, WeatherFeature::Visibility).unwrap();
        let p = SimParams::default().batch_size(365).threshold(0.65);
        let q = format!(
            "{}&{}",
            to_query(&p, &[], false, false),
            data_query(RealData::Weather(pair))
        );
        assert!(
            q.ends_with("&data=weather&features=dew-point,visibility"),
            "{q}"
        );
        let link = parse_link(&q);
        assert_eq!(link.problems, Vec::<String>::new());
        assert_eq!(
            (link.data, &link.params),
            (Some(RealData::Weather(pair)), &p)
        );
        assert!(link.names_settings);
        assert_eq!(
            parse_link("data=weather").data,
            Some(RealData::Weather(FeaturePair::default()))
        );
        assert_eq!(parse_link("data=synthetic").data, None);
        assert_eq!(parse_link(&to_query(&p, &[], false, false)).data, None);
        // Bad features are named and fall back to the default pair; a bad
        // source is named and the synthetic stream is kept.
        for (text, says) in [
            (
                "data=weather&features=wind,wind",
                "both features are `Mean wind speed`",
            ),
            (
                "data=weather&features=rainfall,wind",
                "no weather feature called `rainfall`",
            ),
            ("data=weather&features=wind", "name two features"),
        ] {
            let link = parse_link(text);
            assert_eq!(
                link.data,
                Some(RealData::Weather(FeaturePair::default())),
                "{text}"
            );
            assert!(
                link.problems.len() == 1 && link.problems[0].contains(says),
                "{text}: {:?}",
                link.problems
            );
        }
        let link = parse_link("data=%3Cscript%3E&batch=365");
        assert_eq!((link.data, link.params.batch_size), (None, 365));
        assert!(link.problems[0].contains("only `weather`, `circle` or `synthetic`"));
        let link = parse_link("features=wind,visibility");
        assert_eq!(link.data, None);
        assert!(link.problems[0].contains("weather data only"));
    }

    #[test]
    fn a_link_carries_the_team_view_and_its_lock() {
        let p = SimParams::default().seed(11).drift_kind(DriftKind::Prior);
        let hidden = [Hidden::Panel(Panel::Race)];
        for locked in [false, true] {
            let q = format!(
                "{}&{}",
                to_query(&p, &hidden, true, false),
                team_query(locked)
            );
            let link = parse_link(&q);
            assert_eq!(link.problems, Vec::<String>::new(), "{q}");
            assert_eq!((&link.params, &link.hidden[..]), (&p, &hidden[..]));
            assert!(link.team_view && link.lock_seed, "{q}");
            assert_eq!(link.lock_view, locked, "{q}");
        }
        let plain = parse_link(&to_query(&p, &[], false, false));
        assert!(!plain.team_view && !plain.lock_view);
        // A lock alone means the team's view; both locks in one list read.
        let link = parse_link("lock=view,seed");
        assert!(link.team_view && link.lock_view && link.lock_seed);
        assert!(!parse_link("view=simulator").team_view);
        for bad in ["view=boss", "lock=threshold"] {
            let link = parse_link(bad);
            assert!(!link.team_view, "{bad}");
            assert_eq!(link.problems.len(), 1, "{bad}: {:?}", link.problems);
        }
    }

    #[test]
    fn an_invalid_cron_falls_back_to_every_cycle() {
        let link = parse_link("trigger=schedule&cron=0%2024%20*%20*%20*");
        assert_eq!(link.params.trigger, RetrainTrigger::EveryCycle);
        assert!(link.problems.join(" ").contains("24"));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn any_text_parses_to_valid_settings(text in ".{0,300}") {
            let link = parse_link(&text);
            prop_assert!(link.params.clone().check().is_ok());
        }

        #[test]
        fn any_key_value_soup_parses_to_valid_settings(
            pairs in proptest::collection::vec(
                (proptest::sample::select(vec!["seed", "kind", "threshold", "batch", "noise", "trigger", "cron", "hide", "window", "onset", "cost", "data", "features", "x"]),
                 "[-0-9a-z.%,*= ]{0,12}"),
                0..12)
        ) {
            let text: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
            let link = parse_link(&text.join("&"));
            prop_assert!(link.params.clone().check().is_ok());
        }
    }

    #[test]
    fn every_setting_round_trips_a_link_or_has_no_control() {
        for s in &ALL {
            let p = changed_value(s);
            assert!(p.clone().check().is_ok(), "{}", s.label);
            assert_eq!(changed(&SimParams::default(), &p), [s.key], "{}", s.label);
            match s.link {
                Some((key, _)) => {
                    let q = to_query(&p, &[], false, false);
                    assert!(q.contains(&format!("{key}=")), "{}: {q}", s.label);
                    let link = parse_link(&q);
                    assert_eq!(link.problems, Vec::<String>::new(), "{}", s.label);
                    assert_eq!(link.params, p, "{}", s.label);
                }
                // What links leave out, the page cannot change.
                None => assert_eq!(s.hide, None, "{}", s.label),
            }
        }
    }
}
