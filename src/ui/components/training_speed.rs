//! How long retraining takes: real fits of both models timed in the engine
//! (the Web Worker) on windows of 1,000 to 100,000 rows, on this device.

use yew::prelude::*;

use crate::sim::engine::protocol::{Command, TrainingTiming, MEASURED_ROWS};
use crate::sim::english::group_thousands;
use crate::ui::hooks::use_send;

/// Props of [`TrainingSpeed`].
#[derive(Properties, PartialEq)]
pub struct TrainingSpeedProps {
    /// The last measurement ([`crate::sim::engine::protocol::Reply::Timings`]; empty before one).
    pub timings: std::rc::Rc<Vec<TrainingTiming>>,
    /// Whether the engine is still working on a command.
    pub busy: bool,
}

/// Milliseconds with as many decimals as help reading them.
pub fn format_ms(ms: f64) -> String {
    if ms < 10.0 {
        format!("{ms:.2}")
    } else if ms < 100.0 {
        format!("{ms:.1}")
    } else {
        format!("{ms:.0}")
    }
}

/// The sentence under the table: how the cost grows with the window.
pub fn growth_sentence(timings: &[TrainingTiming]) -> Option<String> {
    let (first, last) = (timings.first()?, timings.last()?);
    if last.rows <= first.rows || first.logistic_ms <= 0.0 || first.tree_ms <= 0.0 {
        return None;
    }
    Some(format!(
        "{}× the rows took {:.0}× as long for logistic regression and {:.0}× for the tree: \
         a wider training window costs time on every retrain.",
        group_thousands(last.rows / first.rows.max(1)),
        last.logistic_ms / first.logistic_ms,
        last.tree_ms / first.tree_ms,
    ))
}

/// How many fits each figure is the median of.
pub fn runs_sentence(timings: &[TrainingTiming]) -> String {
    let most = timings.iter().map(|t| t.runs).max().unwrap_or(0);
    let fewer: Vec<String> = timings
        .iter()
        .filter(|t| t.runs < most)
        .map(|t| format!("{} for {} rows", t.runs, group_thousands(t.rows)))
        .collect();
    let fewer = if fewer.is_empty() {
        String::new()
    } else {
        format!(" ({})", fewer.join(", "))
    };
    format!(
        "Median of {most} fits per cell{fewer}, measured just now on this device \
         (browsers time in steps of about 0.1 ms, so the smallest figures are rough)."
    )
}

/// The training-time panel.
#[component]
pub fn TrainingSpeed(props: &TrainingSpeedProps) -> Html {
    let asked = use_state(|| false);
    let measure = {
        let send = use_send();
        let asked = asked.clone();
        Callback::from(move |_: MouseEvent| {
            asked.set(true);
            send.emit(Command::MeasureTraining(MEASURED_ROWS.to_vec()));
        })
    };
    let timings = &*props.timings;
    {
        // A new measurement arrived: the request is answered.
        let asked = asked.clone();
        use_effect_with(timings.clone(), move |_| asked.set(false));
    }
    let status = match (*asked, props.busy, timings.is_empty()) {
        (true, true, _) => "Measuring in the engine… (the page keeps running)".to_string(),
        (true, false, true) => "This engine has no clock, so it cannot time training.".to_string(),
        (_, _, false) => runs_sentence(timings),
        _ => String::new(),
    };
    html! {
        <section class="panel training-speed" id="training-time" aria-labelledby="training-time-title">
            <h2 id="training-time-title">{ "How long does retraining take?" }</h2>
            <p id="training-time-hint">{ "Times real fits of both models on fresh windows of 1,000 to 100,000 rows, in the same Web Worker that retrains the model each cycle, and how long each model takes to estimate its accuracy on that many rows from its own confidence (what it does for every batch whose labels are late)." }</p>
            <button type="button" aria-describedby="training-time-hint"
                disabled={*asked && props.busy} onclick={measure}>{ "Measure training time" }</button>
            <p role="status" aria-live="polite" class="hint" data-testid="training-time-status">{ status }</p>
            if !timings.is_empty() {
                <div class="table-scroll" role="region" tabindex="0" aria-label="Training time table">
                <table data-testid="training-time-table">
                    <caption>{ "Time per fit and per estimate of accuracy without labels, milliseconds" }</caption>
                    <thead>
                    <tr>
                        <th scope="col" rowspan="2">{ "Rows in the window" }</th>
                        <th scope="colgroup" colspan="2">{ "Fit" }</th>
                        <th scope="colgroup" colspan="2">{ "Estimate (labels late)" }</th>
                    </tr>
                    <tr>
                        <th scope="col">{ "Logistic regression" }</th>
                        <th scope="col">{ "Decision tree" }</th>
                        <th scope="col">{ "Logistic regression" }</th>
                        <th scope="col">{ "Decision tree" }</th>
                    </tr>
                    </thead>
                    <tbody>
                        { for timings.iter().map(|t| html! {
                            <tr data-rows={t.rows.to_string()}>
                                <th scope="row">{ group_thousands(t.rows) }</th>
                                <td data-model="logistic">{ format_ms(t.logistic_ms) }</td>
                                <td data-model="tree">{ format_ms(t.tree_ms) }</td>
                                <td data-model="logistic-estimate">{ format_ms(t.logistic_estimate_ms) }</td>
                                <td data-model="tree-estimate">{ format_ms(t.tree_estimate_ms) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                </div>
                if let Some(s) = growth_sentence(timings) {
                    <p>{ s }</p>
                }
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn milliseconds_read_well() {
        assert_eq!(format_ms(0.734), "0.73");
        assert_eq!(format_ms(42.25), "42.2");
        assert_eq!(format_ms(1234.4), "1234");
    }

    #[wasm_bindgen_test]
    fn growth_is_stated_as_ratios() {
        let t = |rows, logistic_ms, tree_ms| TrainingTiming {
            rows,
            logistic_ms,
            tree_ms,
            logistic_estimate_ms: 0.1,
            tree_estimate_ms: 0.2,
            runs: 7,
        };
        let s = growth_sentence(&[t(1_000, 0.5, 1.0), t(100_000, 50.0, 150.0)]).unwrap();
        assert!(s.starts_with("100× the rows took 100× as long"), "{s}");
        assert!(s.contains("150× for the tree"), "{s}");
        assert_eq!(
            growth_sentence(&[t(1_000, 0.0, 1.0), t(5_000, 1.0, 1.0)]),
            None
        );
        assert_eq!(growth_sentence(&[]), None);
        let mut few = t(100_000, 50.0, 150.0);
        few.runs = 3;
        assert_eq!(
            runs_sentence(&[t(1_000, 0.5, 1.0), few]),
            "Median of 7 fits per cell (3 for 100,000 rows), measured just now on this device \
             (browsers time in steps of about 0.1 ms, so the smallest figures are rough)."
        );
    }
}
