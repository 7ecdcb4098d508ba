//! What an uploaded CSV file may hold (its limits) and every way it can be
//! wrong ([`CsvError`]), each message naming the row and the column.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::sim::english::group_thousands;

/// Fewest data rows accepted: fewer cannot fill a training batch and a hold-out.
pub const MIN_ROWS: usize = 40;
/// Most data rows accepted (the whole dataset stays in the page's memory).
pub const MAX_ROWS: usize = 200_000;
/// Largest file accepted, in bytes of UTF-8 text (20 MB).
pub const MAX_BYTES: usize = 20_000_000;

/// At most this many header names are kept in [`CsvError::HeaderColumns`].
pub(super) const MAX_NAMES_SHOWN: usize = 8;
/// Cell values quoted in error messages are cut to this many characters.
pub(super) const MAX_VALUE_CHARS: usize = 40;

/// What is wrong with a quoted field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuoteProblem {
    /// A `"` opens the field but no `"` closes it on the same line.
    Unclosed,
    /// Something other than a separator follows the closing `"`.
    TextAfterClosing,
}

impl std::fmt::Display for QuoteProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            QuoteProblem::Unclosed => "a quote `\"` is opened but never closed on this row",
            QuoteProblem::TextAfterClosing => {
                "text follows the closing quote `\"` (write a quote inside quotes as `\"\"`)"
            }
        })
    }
}

/// Why a CSV file cannot be used. Rows are numbered as in a spreadsheet (the
/// header is row 1, blank lines count); columns are named by their header.
#[derive(Clone, Debug, PartialEq, Error, Serialize, Deserialize)]
pub enum CsvError {
    /// No text at all (or only blank lines).
    #[error("the file is empty: it needs a header row and at least {MIN_ROWS} data rows")]
    Empty,
    /// More than [`MAX_BYTES`] of text.
    #[error(
        "the file is {} bytes, more than the limit of 20 MB ({} bytes)",
        group_thousands(*.bytes),
        group_thousands(*.limit)
    )]
    TooLarge {
        /// Size of the file.
        bytes: usize,
        /// [`MAX_BYTES`].
        limit: usize,
    },
    /// The first row holds numbers or dates only: the header is missing.
    #[error(
        "row {row} looks like data ({}), not a header: the first row must name the columns, e.g. `x1,x2,label`",
        backticked(.cells)
    )]
    NoHeader {
        /// The row that should have been the header.
        row: usize,
        /// Its first cells.
        cells: Vec<String>,
    },
    /// The header does not have 3 or 4 columns.
    #[error(
        "row {row} (the header) has {count} column{} ({}); it needs 3 or 4: two numeric features, a 0/1 label and optionally a time column",
        plural(*.count),
        backticked(.names)
    )]
    HeaderColumns {
        /// The header row.
        row: usize,
        /// How many columns the header has.
        count: usize,
        /// The first few names found.
        names: Vec<String>,
    },
    /// A header cell is empty.
    #[error("row {row} (the header), column {position} has no name")]
    UnnamedColumn {
        /// The header row.
        row: usize,
        /// 1-based position of the column.
        position: usize,
    },
    /// Two header cells have the same name (ignoring case).
    #[error("row {row} (the header): columns {first} and {second} are both named `{name}`")]
    DuplicateColumn {
        /// The header row.
        row: usize,
        /// The repeated name.
        name: String,
        /// 1-based position of its first use.
        first: usize,
        /// 1-based position of its second use.
        second: usize,
    },
    /// Two header names both mark the label column, or both the time column.
    #[error("row {row} (the header): columns `{first}` and `{second}` both name the {role} column; rename one of them")]
    AmbiguousColumn {
        /// The header row.
        row: usize,
        /// `label` or `time`.
        role: String,
        /// The first column with such a name.
        first: String,
        /// The second one.
        second: String,
    },
    /// After taking out the label and the time column, not exactly two features are left.
    #[error(
        "row {row} (the header): after the label `{label}`{} the header leaves {} feature column{} ({}); it needs exactly two (name a time column time, timestamp, t or date)",
        time_part(.time),
        .features.len(),
        plural(.features.len()),
        backticked(.features)
    )]
    FeatureCount {
        /// The header row.
        row: usize,
        /// The column taken as the label.
        label: String,
        /// The column taken as the time, if any.
        time: Option<String>,
        /// The columns left over as features.
        features: Vec<String>,
    },
    /// A badly quoted field.
    #[error("row {row}, column `{column}`: {problem}")]
    BadQuote {
        /// The row.
        row: usize,
        /// The column (for the header: the text found).
        column: String,
        /// What is wrong.
        problem: QuoteProblem,
    },
    /// A row has fewer fields than the header.
    #[error("row {row} has {found} field{}, the header has {expected}: column `{column}` has no value", plural(*.found))]
    MissingFields {
        /// The row.
        row: usize,
        /// Fields in the row.
        found: usize,
        /// Columns in the header.
        expected: usize,
        /// The first column without a value.
        column: String,
    },
    /// A row has more fields than the header.
    #[error("row {row} has {found} fields, the header has {expected}: nothing belongs after column `{column}`")]
    ExtraFields {
        /// The row.
        row: usize,
        /// Fields in the row.
        found: usize,
        /// Columns in the header.
        expected: usize,
        /// The last column of the header.
        column: String,
    },
    /// A cell is empty.
    #[error("row {row}, column `{column}` is empty")]
    EmptyCell {
        /// The row.
        row: usize,
        /// The column.
        column: String,
    },
    /// A feature (or numeric time) cell is not a number.
    #[error("row {row}, column `{column}`: `{value}` is not a number")]
    NotANumber {
        /// The row.
        row: usize,
        /// The column.
        column: String,
        /// The cell as written.
        value: String,
    },
    /// A cell is NaN or infinite (or too large to be finite).
    #[error("row {row}, column `{column}`: `{value}` is not a finite number")]
    NotFinite {
        /// The row.
        row: usize,
        /// The column.
        column: String,
        /// The cell as written.
        value: String,
    },
    /// A label cell is not 0/1 or true/false.
    #[error("row {row}, column `{column}`: `{value}` is not 0 or 1 (the label must be 0/1 or true/false)")]
    BadLabel {
        /// The row.
        row: usize,
        /// The label column.
        column: String,
        /// The cell as written.
        value: String,
    },
    /// A time cell is neither a number nor a valid ISO date.
    #[error("row {row}, column `{column}`: `{value}` is not a time: use numbers or dates like 2024-03-01 or 2024-03-01 14:30")]
    BadTime {
        /// The row.
        row: usize,
        /// The time column.
        column: String,
        /// The cell as written.
        value: String,
    },
    /// The time column mixes numbers and dates.
    #[error("row {row}, column `{column}`: `{value}` is {}, but row {first_row} holds {}; use one kind of time throughout", kind_name(!*.is_date), kind_name(*.is_date))]
    MixedTime {
        /// The row.
        row: usize,
        /// The time column.
        column: String,
        /// The cell as written.
        value: String,
        /// The first data row, whose kind of time sets the kind for the column.
        first_row: usize,
        /// True when the first data row holds a date (and this row a number).
        is_date: bool,
    },
    /// Every label is the same.
    #[error("column `{column}`: every label is {}: the model needs both classes", u8::from(*.class))]
    OneClass {
        /// The label column.
        column: String,
        /// The only class present.
        class: bool,
    },
    /// Fewer than [`MIN_ROWS`] data rows.
    #[error("the file has {found} data row{}; the model needs at least {needed} (add {} more)", plural(*.found), .needed.saturating_sub(*.found))]
    TooFewRows {
        /// Data rows found.
        found: usize,
        /// [`MIN_ROWS`].
        needed: usize,
    },
    /// More than [`MAX_ROWS`] data rows.
    #[error("the file has more than the limit of {} data rows (row {row} is the first one too many)", group_thousands(*.limit))]
    TooManyRows {
        /// The first row over the limit.
        row: usize,
        /// [`MAX_ROWS`].
        limit: usize,
    },
}

impl CsvError {
    /// The spreadsheet row the error is about (the header is row 1), if it is
    /// about one row, so the page can point at it.
    pub fn row(&self) -> Option<usize> {
        match self {
            CsvError::NoHeader { row, .. }
            | CsvError::HeaderColumns { row, .. }
            | CsvError::UnnamedColumn { row, .. }
            | CsvError::DuplicateColumn { row, .. }
            | CsvError::AmbiguousColumn { row, .. }
            | CsvError::FeatureCount { row, .. }
            | CsvError::BadQuote { row, .. }
            | CsvError::MissingFields { row, .. }
            | CsvError::ExtraFields { row, .. }
            | CsvError::EmptyCell { row, .. }
            | CsvError::NotANumber { row, .. }
            | CsvError::NotFinite { row, .. }
            | CsvError::BadLabel { row, .. }
            | CsvError::BadTime { row, .. }
            | CsvError::MixedTime { row, .. }
            | CsvError::TooManyRows { row, .. } => Some(*row),
            CsvError::Empty
            | CsvError::TooLarge { .. }
            | CsvError::OneClass { .. }
            | CsvError::TooFewRows { .. } => None,
        }
    }
}

pub(super) fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn backticked(names: &[String]) -> String {
    if names.is_empty() {
        return "none".to_string();
    }
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn time_part(time: &Option<String>) -> String {
    match time {
        Some(t) => format!(" and the time `{t}`"),
        None => String::new(),
    }
}

fn kind_name(is_date: bool) -> &'static str {
    if is_date {
        "a date"
    } else {
        "a number"
    }
}

/// A cell value as quoted in an error message: cut to [`MAX_VALUE_CHARS`].
pub(super) fn shown(value: &str) -> String {
    let mut chars = value.chars();
    let head: String = chars.by_ref().take(MAX_VALUE_CHARS).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}
