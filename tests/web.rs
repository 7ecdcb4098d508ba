//! Component tests in headless Chromium (wasm-bindgen-test): the app mounts into
//! a fresh element, buttons are clicked, and the rendered text is asserted.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use retrain_playground::sim::params::SimParams;
use retrain_playground::ui::app::{App, AppProps};
use retrain_playground::ui::connection::LocalEngine;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app with `params` into a new element and returns that element.
async fn mount(params: SimParams) -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root_and_props(
        root.clone(),
        AppProps {
            initial: Some(params),
            local: Some(LocalEngine::new()),
            first_screen: None,
        },
    )
    .render();
    // The first mount of a run can take longer than one settle on a loaded
    // machine (cold wasm, first render): wait until the controls are there.
    for _ in 0..100 {
        settle().await;
        if root.query_selector("button").ok().flatten().is_some() {
            break;
        }
    }
    root
}

/// Lets yew's scheduler render.
async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(30)).await;
}

fn button(root: &Element, name: &str) -> HtmlElement {
    let buttons = root.query_selector_all("button").unwrap();
    for i in 0..buttons.length() {
        let b: HtmlElement = buttons.item(i).unwrap().dyn_into().unwrap();
        if b.text_content().unwrap_or_default().trim() == name {
            return b;
        }
    }
    panic!("no button named {name}");
}

fn text(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .text_content()
        .unwrap_or_default()
}

fn accuracy(root: &Element) -> f64 {
    let t = text(root, "[data-testid=accuracy]");
    t.trim_start_matches("Accuracy:").trim().parse().unwrap()
}

#[wasm_bindgen_test]
async fn app_mounts_with_title_and_step_button() {
    let root = mount(SimParams::default()).await;
    assert!(text(&root, "h1").contains("Retrain Playground"));
    button(&root, "Step");
    let a = accuracy(&root);
    assert!(a > 0.5 && a <= 1.0, "v1 accuracy {a}");
}

#[wasm_bindgen_test]
async fn step_fills_the_process_table_row_by_row() {
    let root = mount(SimParams::default()).await;
    let step = button(&root, "Step");
    let rows = || {
        root.query_selector_all("[data-testid=process-table] tbody tr[data-step]")
            .unwrap()
            .length()
    };
    for expected in 1..=5 {
        step.click();
        // The charts' drawing of the step before may hold the thread a while
        // in a debug build: wait for the render, but never past a second row.
        for _ in 0..100 {
            settle().await;
            if rows() >= expected {
                break;
            }
        }
        assert_eq!(rows(), expected);
    }
    let last = text(&root, "[data-testid=process-table] tbody tr[data-step='5']");
    assert!(last.contains("Performance = 0."), "{last}");
    let a = accuracy(&root);
    assert!(a > 0.0 && a <= 1.0);
}

#[wasm_bindgen_test]
async fn strict_threshold_ends_the_cycle_with_an_alert() {
    let root = mount(SimParams::default().threshold(0.99)).await;
    button(&root, "Finish cycle").click();
    settle().await;
    let decision = text(&root, "[data-testid=decision]");
    assert!(decision.contains("Alert"), "{decision}");
    assert!(
        decision.contains("not above the threshold 0.99"),
        "{decision}"
    );
    assert_eq!(text(&root, "[data-testid=live-version]"), "v1");
    let announced = text(&root, "[data-testid=announcer]");
    assert!(announced.contains("v1 stays live"), "{announced}");
}

#[wasm_bindgen_test]
async fn reset_goes_back_to_v1() {
    let root = mount(SimParams::default()).await;
    button(&root, "Finish cycle").click();
    settle().await;
    assert_eq!(text(&root, "[data-testid=live-version]"), "v2");
    button(&root, "Reset").click();
    settle().await;
    assert_eq!(text(&root, "[data-testid=live-version]"), "v1");
    assert_eq!(text(&root, "[data-testid=cycle]"), "0");
}

#[wasm_bindgen_test]
async fn a_panic_leaves_a_friendly_notice_with_reset() {
    retrain_playground::ui::crash::show_crash_notice();
    retrain_playground::ui::crash::show_crash_notice();
    let document = web_sys::window().unwrap().document().unwrap();
    let notices = document.query_selector_all("#crash-notice").unwrap();
    assert_eq!(notices.length(), 1, "shown once");
    let notice = document.get_element_by_id("crash-notice").unwrap();
    assert_eq!(notice.get_attribute("role").as_deref(), Some("alert"));
    assert!(notice
        .text_content()
        .unwrap()
        .contains("Something went wrong"));
    let button = notice.query_selector("button").unwrap().unwrap();
    assert_eq!(button.text_content().as_deref(), Some("Reset"));
    notice.remove();
}

#[wasm_bindgen_test]
async fn measuring_training_time_fills_the_table_with_real_fits() {
    let root = mount(SimParams::default()).await;
    button(&root, "Measure training time").click();
    // Real fits of both models up to 100,000 rows: give them time.
    let mut rows = 0;
    for _ in 0..600 {
        settle().await;
        rows = root
            .query_selector_all("[data-testid=training-time-table] tbody tr")
            .unwrap()
            .length();
        if rows > 0 {
            break;
        }
    }
    assert_eq!(rows, 4, "one row per window size");
    let cell = |rows: usize, model: &str| -> f64 {
        text(
            &root,
            &format!(
                "[data-testid=training-time-table] tr[data-rows='{rows}'] [data-model={model}]"
            ),
        )
        .parse()
        .unwrap()
    };
    for model in ["logistic", "tree"] {
        let (small, big) = (cell(1_000, model), cell(100_000, model));
        assert!(small > 0.0, "{model}: {small} ms at 1,000 rows");
        assert!(
            big > small,
            "{model}: 100,000 rows ({big} ms) not slower than 1,000 ({small} ms)"
        );
    }
    assert!(text(&root, "[data-testid=training-time-status]").contains("Median of 7 fits"));
}

#[wasm_bindgen_test]
async fn the_guide_defines_a_term_where_a_chapter_first_uses_it() {
    use retrain_playground::sim::teach::glossary::{mark_paragraphs, term, Segment};
    let root = mount(SimParams::default()).await;
    let buttons = root.query_selector_all("button").unwrap();
    let to_guide = (0..buttons.length())
        .filter_map(|i| buttons.item(i)?.dyn_into::<HtmlElement>().ok())
        .find(|b| b.text_content().unwrap_or_default().starts_with("Guide:"))
        .expect("the switch to the guide");
    to_guide.click();
    let mut chapter = None;
    for _ in 0..100 {
        settle().await;
        chapter = root.query_selector("[data-chapter]").unwrap();
        if chapter.is_some() {
            break;
        }
    }
    let chapter = chapter.expect("a chapter on screen");
    let n: u8 = chapter
        .get_attribute("data-chapter")
        .unwrap()
        .parse()
        .unwrap();
    let c = retrain_playground::sim::teach::guide::chapter(n).unwrap();
    // The first paragraph that uses a glossary term, and the term, from the core.
    let (index, key, words) = mark_paragraphs(c.text)
        .iter()
        .enumerate()
        .find_map(|(i, segments)| {
            segments.iter().find_map(|s| match s {
                Segment::Term { text, key } => Some((i, *key, text.to_string())),
                Segment::Text(_) => None,
            })
        })
        .expect("the chapter uses a glossary term");
    let paragraphs = chapter.query_selector_all("p.glossed").unwrap();
    let p: Element = paragraphs.item(index as u32).unwrap().dyn_into().unwrap();
    let definition = term(key).unwrap().definition;
    // Its text as written, and the definition (hidden until shown) beside the term.
    assert_eq!(
        p.text_content().unwrap().replacen(definition, "", 1),
        c.text[index]
    );
    let dfn = p
        .query_selector("a.term-link > dfn")
        .unwrap()
        .expect("a dfn");
    assert_eq!(dfn.text_content().unwrap(), words);
    let link = dfn.parent_element().unwrap();
    assert_eq!(
        link.get_attribute("href").unwrap(),
        format!("#glossary-{key}")
    );
    let tip = link.get_attribute("aria-describedby").unwrap();
    assert_eq!(text(&root, &format!("#{tip}")), definition);
    // The link lands on the glossary's entry, in the chapter.
    assert!(text(&chapter, &format!("#glossary-{key}")).contains(definition));
}

#[wasm_bindgen_test]
async fn every_slider_offers_its_settings_bounds_from_the_table() {
    use retrain_playground::sim::params::{DetectorKind, RetrainTrigger};
    use retrain_playground::sim::retraining::settings::{sensitivity_setting, Value, ALL};
    // A detector's sensitivity slider shows only while that detector is the
    // trigger: each is looked for on a page with its detector chosen.
    let detectors = [
        DetectorKind::Adwin,
        DetectorKind::PageHinkley,
        DetectorKind::KsTest,
    ];
    let detector_of = |setting: &retrain_playground::sim::retraining::settings::Setting| {
        detectors
            .into_iter()
            .find(|&d| sensitivity_setting(d) == setting.key)
    };
    let default_trigger = SimParams::default().trigger;
    let root = mount(SimParams::default()).await;
    let mut sliders = 0;
    for setting in &ALL {
        let Value::Number { bounds, .. } = setting.value else {
            continue;
        };
        let Some(slider_max) = bounds.slider_max else {
            continue;
        };
        let page = match detector_of(setting) {
            Some(d) if default_trigger != RetrainTrigger::DriftDetected(d) => {
                mount(SimParams::default().trigger(RetrainTrigger::DriftDetected(d))).await
            }
            _ => {
                sliders += 1;
                root.clone()
            }
        };
        let (key, _) = setting
            .link
            .expect("a setting with a slider travels in links");
        let input = page
            .query_selector(&format!("input[type=range][data-setting={key}]"))
            .unwrap()
            .unwrap_or_else(|| panic!("no slider for {}", setting.label));
        let attr = |name: &str| -> f64 {
            input
                .get_attribute(name)
                .unwrap_or_default()
                .parse()
                .unwrap_or(f64::NAN)
        };
        assert_eq!(
            (attr("min"), attr("max"), attr("step")),
            (bounds.min, slider_max, bounds.step),
            "{}",
            setting.label
        );
        let label = text(&page, &format!("label[for={}]", input.id()));
        assert_eq!(label.trim(), setting.label);
    }
    let on_page = root
        .query_selector_all("input[type=range][data-setting]")
        .unwrap()
        .length();
    assert_eq!(
        on_page, sliders,
        "one slider per setting that has one (the sensitivity of the default trigger's detector only)"
    );
}

#[wasm_bindgen_test]
async fn folding_the_settings_hides_them_and_keeps_the_same_sliders() {
    let root = mount(SimParams::default()).await;
    let toggle = button(&root, "Settings");
    let body = root
        .query_selector("#settings-title-body")
        .unwrap()
        .expect("the settings' body");
    assert_eq!(
        toggle.get_attribute("aria-controls").as_deref(),
        Some("settings-title-body")
    );
    // Open on a wide window, folded on a narrow one: either way, a press flips it.
    let open_at_first = toggle.get_attribute("aria-expanded").as_deref() == Some("true");
    assert_eq!(body.has_attribute("hidden"), !open_at_first);
    let slider = body
        .query_selector("input[type=range]")
        .unwrap()
        .expect("a slider in the settings");
    for open in [!open_at_first, open_at_first] {
        toggle.click();
        settle().await;
        let expanded = toggle.get_attribute("aria-expanded");
        assert_eq!(
            expanded.as_deref(),
            Some(if open { "true" } else { "false" })
        );
        assert_eq!(body.has_attribute("hidden"), !open);
        // Folding only hides: the slider (and its value) is the same element.
        assert!(
            body.contains(Some(&*slider)),
            "the slider stayed in the page"
        );
    }
}
