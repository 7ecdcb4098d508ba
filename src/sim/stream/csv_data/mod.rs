//! "Your own data": a CSV file a teacher uploads, checked once into a
//! [`UserDataset`] that the retraining loop then streams batch by batch
//! (wrapping around at the end, so the stream never runs dry).
//!
//! The file needs a header row and then one row per example with exactly two
//! numeric feature columns, one label column holding 0/1 (or true/false) and
//! optionally one time column the rows are ordered by:
//!
//! * a column named `label`, `y`, `target` or `class` (any case) is the label;
//!   if no column has one of these names, the last column (that is not the time
//!   column) is the label;
//! * a column named `time`, `timestamp`, `t` or `date` (any case) is the time
//!   column; it holds numbers or ISO dates (`2024-03-01`, `2024-03-01 14:30`,
//!   `2024-03-01T14:30:05Z`), not a mix of both, and the rows are sorted by it
//!   (stably: rows with the same time keep their order in the file);
//! * the two remaining columns are the features, in file order.
//!
//! The syntax is forgiving: comma or semicolon separators (detected from the
//! header), a decimal comma in semicolon files (`1,5`, as spreadsheets in many
//! locales write it), optional double quotes around fields (`""` inside quotes
//! is a quote), CRLF line endings, a UTF-8 byte-order mark, whitespace around
//! values, blank lines (also rows of bare separators such as `,,`) and trailing
//! separators. Quoted fields cannot span lines.
//!
//! The content is strict and parsing stops at the first problem: every
//! [`CsvError`] names the row as a spreadsheet numbers it (the header is row 1,
//! blank lines count) and the column by its header name. Nothing here panics,
//! whatever the input.
//!
//! `parser.rs` reads the text into a [`UserDataset`] ([`parse_csv`]), `error.rs`
//! holds the limits and every [`CsvError`], and `dataset.rs` slices, standardises
//! and streams the dataset ([`StandardizedData`]).

mod dataset;
mod error;
mod parser;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod test_files;

pub use dataset::{StandardizedData, Streaming, MAX_SLICE_ROWS};
pub use error::{CsvError, QuoteProblem, MAX_BYTES, MAX_ROWS, MIN_ROWS};
pub(in crate::sim::stream) use parser::{feature_value, fixed_cells, fixed_lines, parse_label};
pub use parser::{parse_csv, UserDataset, LABEL_NAMES, TIME_NAMES};
