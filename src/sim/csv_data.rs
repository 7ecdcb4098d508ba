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

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Fewest data rows accepted: fewer cannot fill a training batch and a hold-out.
pub const MIN_ROWS: usize = 40;
/// Most data rows accepted (the whole dataset stays in the page's memory).
pub const MAX_ROWS: usize = 200_000;
/// Largest file accepted, in bytes of UTF-8 text (20 MB).
pub const MAX_BYTES: usize = 20_000_000;
/// Most rows one [`UserDataset::slice`] returns, far above any batch size the
/// parameters allow; it only keeps a silly request from exhausting memory.
pub const MAX_SLICE_ROWS: usize = 1_000_000;
/// Header names (compared case-insensitively) that mark the label column.
pub const LABEL_NAMES: [&str; 4] = ["label", "y", "target", "class"];
/// Header names (compared case-insensitively) that mark the time column.
pub const TIME_NAMES: [&str; 4] = ["time", "timestamp", "t", "date"];

/// At most this many header names are kept in [`CsvError::HeaderColumns`].
const MAX_NAMES_SHOWN: usize = 8;
/// Cell values quoted in error messages are cut to this many characters.
const MAX_VALUE_CHARS: usize = 40;

/// A checked dataset from a CSV file: two features, a binary label, rows in time
/// order when the file had a time column (file order otherwise).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserDataset {
    /// Feature rows `[first feature, second feature]`, in the column order of the file.
    pub x: Vec<[f64; 2]>,
    /// Labels: `true` is class 1.
    pub y: Vec<bool>,
    /// Header names of the two feature columns, in file order.
    pub feature_names: [String; 2],
    /// Header name of the label column.
    pub label_name: String,
    /// Header name of the time column the rows were sorted by, if there was one.
    pub ordered_by: Option<String>,
    /// Number of data rows (`x.len()` and `y.len()`).
    pub rows: usize,
}

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
        thousands(*.bytes),
        thousands(*.limit)
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
    #[error("the file has more than the limit of {} data rows (row {row} is the first one too many)", thousands(*.limit))]
    TooManyRows {
        /// The first row over the limit.
        row: usize,
        /// [`MAX_ROWS`].
        limit: usize,
    },
}

fn plural(n: usize) -> &'static str {
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

/// `1234567` as `1,234,567`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A cell value as quoted in an error message: cut to [`MAX_VALUE_CHARS`].
fn shown(value: &str) -> String {
    let mut chars = value.chars();
    let head: String = chars.by_ref().take(MAX_VALUE_CHARS).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// One field of a line: its value (unquoted and trimmed), the raw text and any
/// quoting problem.
struct Field<'a> {
    value: Cow<'a, str>,
    raw: &'a str,
    quote: Option<QuoteProblem>,
}

/// Splits one line at `sep` (an ASCII byte), honouring double quotes. Never fails:
/// quoting problems are recorded on the field.
fn split_line(line: &str, sep: u8) -> Vec<Field<'_>> {
    let bytes = line.as_bytes();
    let len = bytes.len();
    let mut fields = Vec::new();
    let mut i = 0;
    loop {
        let start = i;
        while i < len && (bytes[i] == b' ' || bytes[i] == b'\t') {
            i += 1;
        }
        let (value, quote) = if i < len && bytes[i] == b'"' {
            i += 1;
            let mut value = String::new();
            let mut piece = i;
            let mut closed = false;
            while i < len {
                if bytes[i] == b'"' {
                    value.push_str(&line[piece..i]);
                    if i + 1 < len && bytes[i + 1] == b'"' {
                        value.push('"');
                        i += 2;
                        piece = i;
                        continue;
                    }
                    i += 1;
                    closed = true;
                    break;
                }
                i += 1;
            }
            if !closed {
                value.push_str(&line[piece..]);
                (
                    Cow::Owned(value.trim().to_string()),
                    Some(QuoteProblem::Unclosed),
                )
            } else {
                while i < len && (bytes[i] == b' ' || bytes[i] == b'\t' || bytes[i] == b'\r') {
                    i += 1;
                }
                let mut problem = None;
                if i < len && bytes[i] != sep {
                    problem = Some(QuoteProblem::TextAfterClosing);
                    while i < len && bytes[i] != sep {
                        i += 1;
                    }
                }
                (Cow::Owned(value.trim().to_string()), problem)
            }
        } else {
            while i < len && bytes[i] != sep {
                i += 1;
            }
            (Cow::Borrowed(line[start..i].trim()), None)
        };
        fields.push(Field {
            value,
            raw: line[start..i].trim(),
            quote,
        });
        if i < len && bytes[i] == sep {
            i += 1;
        } else {
            break;
        }
    }
    fields
}

/// True for a line with nothing but whitespace and separators (before the header,
/// when the separator is not known yet).
fn is_blank_line(line: &str) -> bool {
    line.chars()
        .all(|c| c.is_whitespace() || c == ',' || c == ';')
}

/// True when every field is empty and well quoted (a blank data row).
fn is_blank_row(fields: &[Field<'_>]) -> bool {
    fields
        .iter()
        .all(|f| f.value.is_empty() && f.quote.is_none())
}

/// Parses a number, accepting a decimal comma in semicolon files. `None` when the
/// text is not a number at all; non-finite values are returned as such.
fn parse_number(text: &str, sep: u8) -> Option<f64> {
    if sep == b';' && text.contains(',') {
        if text.matches(',').count() == 1 && !text.contains('.') {
            return text.replace(',', ".").parse().ok();
        }
        return None;
    }
    text.parse().ok()
}

/// Parses a 0/1 (or true/false, or a number equal to 0 or 1) label.
fn parse_label(text: &str, sep: u8) -> Option<bool> {
    match text.to_ascii_lowercase().as_str() {
        "0" | "false" => Some(false),
        "1" | "true" => Some(true),
        _ => match parse_number(text, sep) {
            Some(v) if v == 0.0 => Some(false),
            Some(v) if v == 1.0 => Some(true),
            _ => None,
        },
    }
}

/// Reads a run of ASCII digits (`None` if empty, not all digits or too large).
fn digits(bytes: Option<&[u8]>) -> Option<u32> {
    let bytes = bytes?;
    if bytes.is_empty() || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    bytes.iter().try_fold(0u32, |acc, &b| {
        acc.checked_mul(10)?.checked_add(u32::from(b - b'0'))
    })
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = i64::from((month + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Parses `YYYY-MM-DD`, optionally followed by ` HH:MM`, `THH:MM`, `:SS`,
/// `.fraction` and `Z`, into seconds since 1970-01-01 00:00.
fn parse_date(text: &str) -> Option<f64> {
    let b = text.as_bytes();
    let year = i64::from(digits(b.get(0..4))?);
    let month = digits(b.get(5..7))?;
    let day = digits(b.get(8..10))?;
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let mut seconds = 0.0;
    let rest = b.get(10..)?;
    if !rest.is_empty() {
        let rest = match rest.first() {
            Some(b' ') | Some(b'T') => rest.get(1..)?,
            _ => return None,
        };
        let rest = rest.strip_suffix(b"Z").unwrap_or(rest);
        let hour = digits(rest.get(0..2))?;
        let minute = digits(rest.get(3..5))?;
        if rest.get(2) != Some(&b':') || hour > 23 || minute > 59 {
            return None;
        }
        seconds = f64::from(hour * 3600 + minute * 60);
        let rest = rest.get(5..)?;
        if !rest.is_empty() {
            let second = digits(rest.get(1..3))?;
            if rest.first() != Some(&b':') || second > 59 {
                return None;
            }
            seconds += f64::from(second);
            let rest = rest.get(3..)?;
            if !rest.is_empty() {
                let frac = rest.get(1..)?;
                if rest.first() != Some(&b'.')
                    || frac.is_empty()
                    || !frac.iter().all(u8::is_ascii_digit)
                {
                    return None;
                }
                let mut scale = 0.1;
                for &d in frac {
                    seconds += f64::from(d - b'0') * scale;
                    scale /= 10.0;
                }
            }
        }
    }
    Some(days_from_civil(year, month, day) as f64 * 86_400.0 + seconds)
}

/// True when a header cell looks like a data value (a finite number or a date).
fn looks_like_data(text: &str, sep: u8) -> bool {
    parse_number(text, sep).is_some_and(f64::is_finite) || parse_date(text).is_some()
}

/// Which column plays which part, by 0-based position in the header.
struct Layout {
    names: Vec<String>,
    features: [usize; 2],
    label: usize,
    time: Option<usize>,
}

fn role_columns(names: &[String], role_names: &[&str]) -> Vec<usize> {
    (0..names.len())
        .filter(|&i| role_names.iter().any(|r| names[i].eq_ignore_ascii_case(r)))
        .collect()
}

/// Checks the header row and assigns the roles.
fn read_header(row: usize, line: &str) -> Result<(Layout, u8), CsvError> {
    // The separator is whichever of `,` and `;` splits the header (outside quotes)
    // into more fields; a tie (e.g. one column only) means a comma.
    let commas = split_line(line, b',').len();
    let semicolons = split_line(line, b';').len();
    let sep = if semicolons > commas { b';' } else { b',' };
    let mut fields = split_line(line, sep);
    while fields.len() > 1
        && fields
            .last()
            .is_some_and(|f| f.value.is_empty() && f.quote.is_none())
    {
        fields.pop();
    }
    if let Some(f) = fields.iter().find(|f| f.quote.is_some()) {
        return Err(CsvError::BadQuote {
            row,
            column: shown(f.raw),
            problem: f.quote.unwrap_or(QuoteProblem::Unclosed),
        });
    }
    if fields.iter().all(|f| looks_like_data(&f.value, sep)) {
        return Err(CsvError::NoHeader {
            row,
            cells: fields
                .iter()
                .take(MAX_NAMES_SHOWN)
                .map(|f| shown(&f.value))
                .collect(),
        });
    }
    if !(3..=4).contains(&fields.len()) {
        return Err(CsvError::HeaderColumns {
            row,
            count: fields.len(),
            names: fields
                .iter()
                .take(MAX_NAMES_SHOWN)
                .map(|f| shown(&f.value))
                .collect(),
        });
    }
    let names: Vec<String> = fields.iter().map(|f| f.value.to_string()).collect();
    for (i, name) in names.iter().enumerate() {
        if name.is_empty() {
            return Err(CsvError::UnnamedColumn {
                row,
                position: i + 1,
            });
        }
        if let Some(j) =
            (i + 1..names.len()).find(|&j| names[j].to_lowercase() == name.to_lowercase())
        {
            return Err(CsvError::DuplicateColumn {
                row,
                name: shown(name),
                first: i + 1,
                second: j + 1,
            });
        }
    }
    let labels = role_columns(&names, &LABEL_NAMES);
    let times = role_columns(&names, &TIME_NAMES);
    for (role, found) in [("label", &labels), ("time", &times)] {
        if let [first, second, ..] = found.as_slice() {
            return Err(CsvError::AmbiguousColumn {
                row,
                role: role.to_string(),
                first: names[*first].clone(),
                second: names[*second].clone(),
            });
        }
    }
    let time = times.first().copied();
    let label = match labels.first() {
        Some(&l) => l,
        None => match (0..names.len()).rev().find(|&i| Some(i) != time) {
            Some(l) => l,
            None => names.len() - 1,
        },
    };
    let features: Vec<usize> = (0..names.len())
        .filter(|&i| i != label && Some(i) != time)
        .collect();
    match features.as_slice() {
        &[a, b] => Ok((
            Layout {
                features: [a, b],
                label,
                time,
                names,
            },
            sep,
        )),
        other => Err(CsvError::FeatureCount {
            row,
            label: names[label].clone(),
            time: time.map(|t| names[t].clone()),
            features: other.iter().map(|&i| names[i].clone()).collect(),
        }),
    }
}

/// Parses a feature cell.
fn feature_value(row: usize, column: &str, text: &str, sep: u8) -> Result<f64, CsvError> {
    if text.is_empty() {
        return Err(CsvError::EmptyCell {
            row,
            column: column.to_string(),
        });
    }
    match parse_number(text, sep) {
        Some(v) if v.is_finite() => Ok(v),
        Some(_) => Err(CsvError::NotFinite {
            row,
            column: column.to_string(),
            value: shown(text),
        }),
        None => Err(CsvError::NotANumber {
            row,
            column: column.to_string(),
            value: shown(text),
        }),
    }
}

/// Parses a time cell into a sort key and whether it was a date.
fn time_value(row: usize, column: &str, text: &str, sep: u8) -> Result<(f64, bool), CsvError> {
    if text.is_empty() {
        return Err(CsvError::EmptyCell {
            row,
            column: column.to_string(),
        });
    }
    match parse_number(text, sep) {
        Some(v) if v.is_finite() => Ok((v, false)),
        Some(_) => Err(CsvError::NotFinite {
            row,
            column: column.to_string(),
            value: shown(text),
        }),
        None => match parse_date(text) {
            Some(v) => Ok((v, true)),
            None => Err(CsvError::BadTime {
                row,
                column: column.to_string(),
                value: shown(text),
            }),
        },
    }
}

/// Parses an uploaded CSV file (see the module documentation for the format).
/// Stops at the first problem and says where it is.
pub fn parse_csv(text: &str) -> Result<UserDataset, CsvError> {
    if text.len() > MAX_BYTES {
        return Err(CsvError::TooLarge {
            bytes: text.len(),
            limit: MAX_BYTES,
        });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text
        .split('\n')
        .enumerate()
        .map(|(i, line)| (i + 1, line.strip_suffix('\r').unwrap_or(line)));
    let (header_row, header) = lines
        .by_ref()
        .find(|(_, line)| !is_blank_line(line))
        .ok_or(CsvError::Empty)?;
    let (layout, sep) = read_header(header_row, header)?;
    let width = layout.names.len();
    let name = |i: usize| layout.names[i].clone();

    let mut x = Vec::new();
    let mut y = Vec::new();
    let mut keys = Vec::new();
    // The first data row and whether its time is a date.
    let mut time_kind: Option<(usize, bool)> = None;
    for (row, line) in lines {
        let mut fields = split_line(line, sep);
        if is_blank_row(&fields) {
            continue;
        }
        if y.len() >= MAX_ROWS {
            return Err(CsvError::TooManyRows {
                row,
                limit: MAX_ROWS,
            });
        }
        if let Some((i, f)) = fields.iter().enumerate().find(|(_, f)| f.quote.is_some()) {
            if i < width {
                return Err(CsvError::BadQuote {
                    row,
                    column: name(i),
                    problem: f.quote.unwrap_or(QuoteProblem::Unclosed),
                });
            }
        }
        while fields.len() > width
            && fields
                .last()
                .is_some_and(|f| f.value.is_empty() && f.quote.is_none())
        {
            fields.pop();
        }
        if fields.len() < width {
            return Err(CsvError::MissingFields {
                row,
                found: fields.len(),
                expected: width,
                column: name(fields.len()),
            });
        }
        if fields.len() > width {
            return Err(CsvError::ExtraFields {
                row,
                found: fields.len(),
                expected: width,
                column: name(width - 1),
            });
        }
        // Cells are checked left to right so the first bad one is reported.
        let mut features = [0.0; 2];
        let mut label = false;
        let mut key = 0.0;
        for (i, field) in fields.iter().enumerate() {
            let value: &str = &field.value;
            if let Some(k) = layout.features.iter().position(|&f| f == i) {
                features[k] = feature_value(row, &layout.names[i], value, sep)?;
            } else if i == layout.label {
                if value.is_empty() {
                    return Err(CsvError::EmptyCell {
                        row,
                        column: name(i),
                    });
                }
                label = parse_label(value, sep).ok_or_else(|| CsvError::BadLabel {
                    row,
                    column: name(i),
                    value: shown(value),
                })?;
            } else {
                let (k, is_date) = time_value(row, &layout.names[i], value, sep)?;
                match time_kind {
                    None => time_kind = Some((row, is_date)),
                    Some((first_row, first_is_date)) if first_is_date != is_date => {
                        return Err(CsvError::MixedTime {
                            row,
                            column: name(i),
                            value: shown(value),
                            first_row,
                            is_date: first_is_date,
                        });
                    }
                    Some(_) => {}
                }
                key = k;
            }
        }
        x.push(features);
        y.push(label);
        keys.push(key);
    }

    if y.len() < MIN_ROWS {
        return Err(CsvError::TooFewRows {
            found: y.len(),
            needed: MIN_ROWS,
        });
    }
    let first = y[0];
    if y.iter().all(|&v| v == first) {
        return Err(CsvError::OneClass {
            column: name(layout.label),
            class: first,
        });
    }
    if layout.time.is_some() {
        let mut order: Vec<usize> = (0..y.len()).collect();
        order.sort_by(|&a, &b| keys[a].total_cmp(&keys[b]));
        x = order.iter().map(|&i| x[i]).collect();
        y = order.iter().map(|&i| y[i]).collect();
    }
    let [f0, f1] = layout.features;
    Ok(UserDataset {
        rows: y.len(),
        feature_names: [name(f0), name(f1)],
        label_name: name(layout.label),
        ordered_by: layout.time.map(name),
        x,
        y,
    })
}

impl UserDataset {
    /// `len` rows starting at row `start`, wrapping around to the first row after
    /// the last one (so a stream can go on forever); `start` may be any number.
    /// Returns empty vectors for an empty dataset, and at most [`MAX_SLICE_ROWS`] rows.
    pub fn slice(&self, start: usize, len: usize) -> (Vec<[f64; 2]>, Vec<bool>) {
        let n = self.x.len().min(self.y.len());
        if n == 0 {
            return (Vec::new(), Vec::new());
        }
        let len = len.min(MAX_SLICE_ROWS);
        let start = start % n;
        let rows = (0..len).map(|k| (start + k % n) % n);
        let x = rows.clone().map(|i| self.x[i]).collect();
        let y = rows.map(|i| self.y[i]).collect();
        (x, y)
    }

    /// One line for the page, e.g. "1,234 rows, features `age` and `income`,
    /// label `bought`, ordered by `time`; 43% class 1".
    pub fn summary(&self) -> String {
        let n = self.y.len();
        let ones = self.y.iter().filter(|&&v| v).count();
        let share = if n == 0 {
            0
        } else {
            ((ones as f64) * 100.0 / (n as f64)).round() as u32
        };
        let order = match &self.ordered_by {
            Some(t) => format!(", ordered by `{t}`"),
            None => String::new(),
        };
        format!(
            "{} row{}, features `{}` and `{}`, label `{}`{order}; {share}% class 1",
            thousands(n),
            plural(n),
            self.feature_names[0],
            self.feature_names[1],
            self.label_name,
        )
    }
}
