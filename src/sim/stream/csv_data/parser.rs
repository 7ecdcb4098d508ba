//! The CSV parser: an uploaded file's text, checked row by row into a
//! [`UserDataset`] (the format is described in [`crate::sim::stream::csv_data`]).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::error::{shown, CsvError, QuoteProblem, MAX_BYTES, MAX_NAMES_SHOWN, MAX_ROWS, MIN_ROWS};
use crate::sim::stream::calendar::{days_from_civil, days_in_month};

/// Header names (compared case-insensitively) that mark the label column.
pub const LABEL_NAMES: [&str; 4] = ["label", "y", "target", "class"];
/// Header names (compared case-insensitively) that mark the time column.
pub const TIME_NAMES: [&str; 4] = ["time", "timestamp", "t", "date"];

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

/// One field of a line: its value (unquoted and trimmed), the raw text and any
/// quoting problem.
struct Field<'a> {
    value: Cow<'a, str>,
    raw: &'a str,
    quote: Option<QuoteProblem>,
}

/// Splits one line at `sep` (an ASCII byte), honouring double quotes. Never fails:
/// quoting problems are recorded on the field.
///
/// Written by hand, not with the `csv` crate, because that crate reads quotes
/// differently from what the `csv_data` documentation promises: a quote after
/// leading whitespace is literal text (` "1,5"` splits at the comma), an
/// unclosed quote silently takes in the rest of the file, text after a
/// closing quote is glued on (`"1"x` reads `1x`) instead of reported, a bare
/// `\r` ends a record, and its record line numbers skip blank lines
/// (rust-csv issue 208), where the errors here name spreadsheet rows.
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
pub(in crate::sim::stream) fn parse_label(text: &str, sep: u8) -> Option<bool> {
    match text.to_ascii_lowercase().as_str() {
        "0" | "false" => Some(false),
        "1" | "true" => Some(true),
        _ => match parse_number(text, sep) {
            Some(0.0) => Some(false),
            Some(1.0) => Some(true),
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

/// The non-blank lines of a file of fixed layout (the page's own data
/// files), numbered as a spreadsheet numbers rows (the header is row 1), with
/// a byte-order mark and CR line ends removed.
pub(in crate::sim::stream) fn fixed_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.split('\n')
        .enumerate()
        .map(|(i, line)| (i + 1, line.strip_suffix('\r').unwrap_or(line)))
        .filter(|(_, line)| !line.trim().is_empty())
}

/// Row `row`'s comma-separated cells (trimmed), if there are as many as the
/// `expected` columns; else which column has no value or which is the last.
pub(in crate::sim::stream) fn fixed_cells<'a>(
    row: usize,
    line: &'a str,
    expected: &[&str],
) -> Result<Vec<&'a str>, CsvError> {
    let cells: Vec<&str> = line.split(',').map(str::trim).collect();
    let column = |i: usize| {
        expected
            .get(i)
            .or(expected.last())
            .copied()
            .unwrap_or("")
            .to_string()
    };
    match cells.len().cmp(&expected.len()) {
        std::cmp::Ordering::Equal => Ok(cells),
        std::cmp::Ordering::Less => Err(CsvError::MissingFields {
            row,
            found: cells.len(),
            expected: expected.len(),
            column: column(cells.len()),
        }),
        std::cmp::Ordering::Greater => Err(CsvError::ExtraFields {
            row,
            found: cells.len(),
            expected: expected.len(),
            column: column(expected.len().saturating_sub(1)),
        }),
    }
}

/// Parses a feature cell.
pub(in crate::sim::stream) fn feature_value(
    row: usize,
    column: &str,
    text: &str,
    sep: u8,
) -> Result<f64, CsvError> {
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

/// Parses an uploaded CSV file (see [`crate::sim::stream::csv_data`] for the format).
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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::super::test_files::{file, with_row};
    use super::*;
    use proptest::prelude::*;

    fn ok(text: &str) -> UserDataset {
        parse_csv(text).unwrap_or_else(|e| panic!("should parse, got: {e}"))
    }

    fn err(text: &str) -> CsvError {
        parse_csv(text).expect_err("must be rejected")
    }

    fn assert_says(e: &CsvError, parts: &[&str]) {
        let msg = e.to_string();
        for p in parts {
            assert!(msg.contains(p), "message {msg:?} should contain {p:?}");
        }
    }

    #[test]
    fn parses_a_plain_file_with_label_last() {
        let d = ok(&file("age,income,bought", 60));
        assert_eq!(d.rows, 60);
        assert_eq!(d.x.len(), 60);
        assert_eq!(d.y.len(), 60);
        assert_eq!(d.feature_names, ["age".to_string(), "income".to_string()]);
        assert_eq!(d.label_name, "bought");
        assert_eq!(d.ordered_by, None);
        assert_eq!(d.x[3], [1.5, -3.0]);
        assert_eq!(d.y[..4], [false, true, false, true]);
    }

    #[test]
    fn finds_the_label_by_name_anywhere() {
        let mut text = String::from("Class,a,b\n");
        for i in 0..45 {
            text.push_str(&format!("{},{},{}\n", i % 2, i, 2 * i));
        }
        let d = ok(&text);
        assert_eq!(d.label_name, "Class");
        assert_eq!(d.feature_names, ["a".to_string(), "b".to_string()]);
        assert_eq!(d.x[5], [5.0, 10.0]);
        assert!(d.y[5]);
    }

    #[test]
    fn accepts_every_syntax_variant_together() {
        // BOM, semicolons, quotes (with an escaped quote in a name), CRLF, blank
        // lines before the header and in the middle, rows of bare separators,
        // decimal commas, true/false labels, whitespace, trailing separators and
        // trailing empty lines.
        let mut text = String::from("\u{feff}\r\n  \"my \"\"x\"\"\" ; \"x 2\";  TARGET ;\r\n");
        for i in 0..44 {
            let label = if i % 3 == 0 { " TRUE" } else { "false " };
            text.push_str(&format!(" \"{i},5\" ;  -{i} ;{label};\r\n"));
            if i == 10 {
                text.push_str("\r\n;;;\r\n   \r\n");
            }
        }
        text.push_str("\r\n\r\n\n");
        let d = ok(&text);
        assert_eq!(d.rows, 44);
        assert_eq!(d.feature_names, ["my \"x\"".to_string(), "x 2".to_string()]);
        assert_eq!(d.label_name, "TARGET");
        assert_eq!(d.x[7], [7.5, -7.0]);
        assert_eq!(d.y[..4], [true, false, false, true]);
    }

    #[test]
    fn accepts_float_labels_and_quoted_commas_do_not_split() {
        let mut text = String::from("\"a,1\",b,y\n");
        for i in 0..40 {
            text.push_str(&format!("\"{i}\",{i}.25,{}.0\n", i % 2));
        }
        let d = ok(&text);
        assert_eq!(d.feature_names[0], "a,1");
        assert_eq!(d.label_name, "y");
        assert_eq!(d.x[2], [2.0, 2.25]);
        assert_eq!(d.y[..2], [false, true]);
    }

    #[test]
    fn sorts_by_a_numeric_time_column_stably() {
        // Times 3,2,1,0,3,2,1,0,...: equal times keep file order.
        let mut text = String::from("x1,time,x2,label\n");
        for i in 0..48 {
            text.push_str(&format!("{i},{},{},{}\n", 3 - i % 4, i * 10, i % 2));
        }
        let d = ok(&text);
        assert_eq!(d.ordered_by.as_deref(), Some("time"));
        assert_eq!(d.feature_names, ["x1".to_string(), "x2".to_string()]);
        // Time 0 rows come first, in file order: i = 3, 7, 11, ...
        assert_eq!(d.x[0], [3.0, 30.0]);
        assert_eq!(d.x[1], [7.0, 70.0]);
        assert_eq!(d.x[11], [47.0, 470.0]);
        assert_eq!(d.x[12], [2.0, 20.0]);
        assert_eq!(d.x[47], [44.0, 440.0]);
        assert!(d.y[0] && !d.y[12]);
    }

    #[test]
    fn sorts_by_iso_dates_and_date_times() {
        let stamps = [
            "2024-03-01 14:30",
            "2024-02-29",
            "2023-12-31T23:59:59Z",
            "2024-03-01T14:29:59.5",
            "2024-03-01",
        ];
        let mut text = String::from("date,a,b,label\n");
        for i in 0..45 {
            text.push_str(&format!("{},{i},0,{}\n", stamps[i % 5], i % 2));
        }
        let d = ok(&text);
        assert_eq!(d.ordered_by.as_deref(), Some("date"));
        let firsts: Vec<f64> = d.x.iter().map(|r| r[0]).collect();
        // Order of the stamps: index 2, 1, 4, 3, 0; nine rows each, in file order.
        assert_eq!(firsts[0], 2.0);
        assert_eq!(firsts[8], 42.0);
        assert_eq!(firsts[9], 1.0);
        assert_eq!(firsts[18], 4.0);
        assert_eq!(firsts[27], 3.0);
        assert_eq!(firsts[36], 0.0);
        assert_eq!(firsts[44], 40.0);
    }

    #[test]
    fn dates_count_seconds_from_1970() {
        assert_eq!(parse_date("1970-01-01"), Some(0.0));
        assert_eq!(parse_date("1970-01-02 00:01"), Some(86_460.0));
        assert_eq!(parse_date("2000-03-01"), Some(951_868_800.0));
        assert_eq!(parse_date("1969-12-31T23:59:59"), Some(-1.0));
        assert_eq!(parse_date("2024-02-29"), Some(1_709_164_800.0));
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-00-10",
            "2024-1-01",
            "2024-01-01 24:00",
            "2024-01-01 10:60",
            "2024-01-01 10:00:",
            "2024-01-01 10:00:00.",
            "2024-01-01x",
            "2024/01/01",
            "2024-01-01 10:00+02:00",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    // ---- One known-answer test per error ----

    #[test]
    fn rejects_an_empty_file() {
        for text in ["", "\u{feff}", "\n\n", "\r\n  \r\n", ",,\n;;\n"] {
            assert_eq!(err(text), CsvError::Empty, "{text:?}");
        }
        assert_says(&err(""), &["empty"]);
    }

    #[test]
    fn rejects_a_file_without_header() {
        let e = err("1.5,2,0\n3,4,1\n");
        assert!(matches!(e, CsvError::NoHeader { row: 1, .. }));
        assert_says(&e, &["row 1", "`1.5`, `2`, `0`", "name the columns"]);
        let e = err("\n2024-01-01;1,5;2;0\n");
        assert!(matches!(e, CsvError::NoHeader { row: 2, .. }), "{e:?}");
    }

    #[test]
    fn rejects_a_header_with_too_few_or_too_many_columns() {
        let e = err("a,b\n1,2\n");
        assert_eq!(
            e,
            CsvError::HeaderColumns {
                row: 1,
                count: 2,
                names: vec!["a".into(), "b".into()]
            }
        );
        assert_says(&e, &["row 1", "2 columns", "`a`, `b`", "needs 3 or 4"]);
        let e = err("a;b;c;d;label\n");
        assert_says(&e, &["5 columns", "`a`, `b`, `c`, `d`, `label`"]);
        let e = err(&"h,".repeat(1000));
        assert!(
            matches!(e, CsvError::HeaderColumns { count: 1000, ref names, .. } if names.len() == 8)
        );
    }

    #[test]
    fn rejects_unnamed_and_duplicate_header_columns() {
        let e = err("a,,label\n");
        assert_eq!(
            e,
            CsvError::UnnamedColumn {
                row: 1,
                position: 2
            }
        );
        assert_says(&e, &["row 1", "column 2 has no name"]);
        let e = err("x,label,X\n");
        assert_eq!(
            e,
            CsvError::DuplicateColumn {
                row: 1,
                name: "x".into(),
                first: 1,
                second: 3
            }
        );
        assert_says(&e, &["row 1", "columns 1 and 3", "`x`"]);
    }

    #[test]
    fn rejects_two_labels_or_two_times() {
        let e = err("y,a,label\n");
        assert_says(&e, &["row 1", "`y` and `label`", "label column"]);
        let e = err("t,a,date,label\n");
        assert_says(&e, &["`t` and `date`", "time column"]);
    }

    #[test]
    fn rejects_anything_but_two_features() {
        let e = err("a,b,c,label\n");
        assert_eq!(
            e,
            CsvError::FeatureCount {
                row: 1,
                label: "label".into(),
                time: None,
                features: vec!["a".into(), "b".into(), "c".into()]
            }
        );
        assert_says(
            &e,
            &["row 1", "3 feature columns", "`a`, `b`, `c`", "exactly two"],
        );
        let e = err("a,time,label\n");
        assert_says(
            &e,
            &[
                "the label `label` and the time `time`",
                "1 feature column (`a`)",
            ],
        );
    }

    #[test]
    fn without_a_label_name_the_last_non_time_column_is_the_label() {
        let mut text = String::from("a,b,c,time\n");
        for i in 0..40 {
            text.push_str(&format!("{i},{i},{},{}\n", i % 2, 40 - i));
        }
        let d = ok(&text);
        assert_eq!(d.label_name, "c");
        assert_eq!(d.ordered_by.as_deref(), Some("time"));
        assert_eq!(d.x[0], [39.0, 39.0]);
    }

    #[test]
    fn rejects_bad_quotes_naming_row_and_column() {
        let e = err(&with_row(4, "1,\"2,0"));
        assert_eq!(
            e,
            CsvError::BadQuote {
                row: 4,
                column: "x2".into(),
                problem: QuoteProblem::Unclosed
            }
        );
        assert_says(&e, &["row 4, column `x2`", "never closed"]);
        let e = err(&with_row(9, "\"1\"x,2,0"));
        assert_says(
            &e,
            &["row 9, column `x1`", "text follows the closing quote"],
        );
        let e = err("a,\"b,label\n");
        assert_says(&e, &["row 1, column `\"b,label`", "never closed"]);
    }

    #[test]
    fn rejects_a_row_with_too_few_fields() {
        let e = err(&with_row(7, "1,2"));
        assert_eq!(
            e,
            CsvError::MissingFields {
                row: 7,
                found: 2,
                expected: 3,
                column: "label".into()
            }
        );
        assert_says(&e, &["row 7 has 2 fields, the header has 3", "`label`"]);
    }

    #[test]
    fn rejects_a_row_with_too_many_fields() {
        let e = err(&with_row(30, "1,2,0,5"));
        assert_says(
            &e,
            &[
                "row 30 has 4 fields, the header has 3",
                "after column `label`",
            ],
        );
        // A trailing empty field is a trailing separator, not an extra field.
        assert_eq!(ok(&with_row(30, "1,2,0,, ")).rows, 50);
        // An extra field with a broken quote is still an extra field.
        let e = err(&with_row(30, "1,2,0,\"5"));
        assert!(matches!(e, CsvError::ExtraFields { row: 30, .. }));
    }

    #[test]
    fn rejects_a_cell_that_is_not_a_number() {
        let e = err(&with_row(12, "1, abc ,0"));
        assert_eq!(
            e,
            CsvError::NotANumber {
                row: 12,
                column: "x2".into(),
                value: "abc".into()
            }
        );
        assert_says(&e, &["row 12, column `x2`: `abc` is not a number"]);
        assert_eq!(e.row(), Some(12));
        assert_eq!(err("").row(), None);
        // A decimal comma only counts in semicolon files.
        let e = err(&with_row(3, "\"1,5\",2,0"));
        assert_says(&e, &["row 3, column `x1`: `1,5` is not a number"]);
    }

    #[test]
    fn rejects_empty_cells() {
        let e = err(&with_row(20, ",2,0"));
        assert_says(&e, &["row 20, column `x1` is empty"]);
        let e = err(&with_row(21, "1,2,\"\""));
        assert_says(&e, &["row 21, column `label` is empty"]);
    }

    #[test]
    fn rejects_nan_and_infinite_cells() {
        for (bad, col) in [
            ("NaN,2,0", "x1"),
            ("1,inf,0", "x2"),
            ("1,-Infinity,0", "x2"),
            ("1e999,2,0", "x1"),
        ] {
            let e = err(&with_row(6, bad));
            assert!(
                matches!(e, CsvError::NotFinite { row: 6, .. }),
                "{bad}: {e:?}"
            );
            assert_says(
                &e,
                &["row 6", &format!("column `{col}`"), "not a finite number"],
            );
        }
    }

    #[test]
    fn rejects_a_label_that_is_not_0_or_1() {
        let e = err(&with_row(5, "1,2,2"));
        assert_eq!(
            e,
            CsvError::BadLabel {
                row: 5,
                column: "label".into(),
                value: "2".into()
            }
        );
        assert_says(&e, &["row 5, column `label`: `2` is not 0 or 1"]);
        for bad in ["yes", "0.5", "-1", "nan"] {
            assert!(matches!(
                err(&with_row(5, &format!("1,2,{bad}"))),
                CsvError::BadLabel { row: 5, .. }
            ));
        }
    }

    #[test]
    fn rejects_a_bad_time() {
        let mut text = String::from("time,a,b,label\n");
        for i in 0..50 {
            let t = if i == 7 {
                "yesterday".to_string()
            } else {
                i.to_string()
            };
            text.push_str(&format!("{t},1,2,{}\n", i % 2));
        }
        let e = err(&text);
        assert_eq!(
            e,
            CsvError::BadTime {
                row: 9,
                column: "time".into(),
                value: "yesterday".into()
            }
        );
        assert_says(&e, &["row 9, column `time`: `yesterday` is not a time"]);
        let e = err(&text.replace("yesterday", "2023-02-29"));
        assert_says(&e, &["row 9, column `time`: `2023-02-29`"]);
        let e = err(&text.replace("yesterday", "inf"));
        assert_says(&e, &["row 9, column `time`: `inf` is not a finite number"]);
    }

    #[test]
    fn rejects_a_time_column_mixing_numbers_and_dates() {
        let mut text = String::from("a,b,label,timestamp\n");
        for i in 0..50 {
            let t = if i == 20 {
                "2024-01-01".to_string()
            } else {
                i.to_string()
            };
            text.push_str(&format!("1,2,{},{t}\n", i % 2));
        }
        let e = err(&text);
        assert_says(
            &e,
            &["row 22, column `timestamp`: `2024-01-01` is a date, but row 2 holds a number"],
        );
    }

    #[test]
    fn rejects_a_single_class() {
        let mut text = String::from("x1,x2,label\n");
        for i in 0..50 {
            text.push_str(&format!("{i},{i},1\n"));
        }
        let e = err(&text);
        assert_eq!(
            e,
            CsvError::OneClass {
                column: "label".into(),
                class: true
            }
        );
        assert_says(
            &e,
            &["column `label`: every label is 1: the model needs both classes"],
        );
        assert_says(
            &err(&text.replace(",1\n", ",false\n")),
            &["every label is 0"],
        );
    }

    #[test]
    fn rejects_too_few_rows() {
        let e = err(&file("x1,x2,label", 39));
        assert_eq!(
            e,
            CsvError::TooFewRows {
                found: 39,
                needed: 40
            }
        );
        assert_says(&e, &["39 data rows", "at least 40", "add 1 more"]);
        assert_says(&err("x1,x2,label\n"), &["0 data rows", "at least 40"]);
    }

    #[test]
    fn rejects_too_many_rows() {
        let text = file("x1,x2,label", MAX_ROWS + 1);
        let e = err(&text);
        assert_eq!(
            e,
            CsvError::TooManyRows {
                row: MAX_ROWS + 2,
                limit: MAX_ROWS
            }
        );
        assert_says(&e, &["200,000 data rows", "row 200002"]);
        assert_eq!(ok(&file("x1,x2,label", MAX_ROWS)).rows, MAX_ROWS);
    }

    #[test]
    fn rejects_too_large_a_file() {
        let mut text = file("x1,x2,label", 40);
        text.push_str(&" ".repeat(MAX_BYTES + 1 - text.len()));
        let e = err(&text);
        assert_eq!(
            e,
            CsvError::TooLarge {
                bytes: 20_000_001,
                limit: MAX_BYTES
            }
        );
        assert_says(&e, &["20,000,001 bytes", "limit of 20 MB"]);
        text.pop();
        assert_eq!(ok(&text).rows, 40);
    }

    #[test]
    fn row_numbers_count_blank_lines_like_a_spreadsheet() {
        let text = format!("\n{}", with_row(5, "1,2,x").replace("\n0.5,", "\n\n0.5,"));
        // Header on row 2, a blank row 4, so the bad row 5 of `with_row` is row 7.
        assert_says(&err(&text), &["row 7, column `label`"]);
    }

    #[test]
    fn long_values_are_cut_in_messages() {
        let e = err(&with_row(3, &format!("1,{},0", "z".repeat(5000))));
        let msg = e.to_string();
        assert!(msg.len() < 200, "{msg}");
        assert!(msg.contains("zzz…"));
    }

    // ---- Never panics ----

    /// The small alphabet "almost CSV" cells are drawn from.
    fn cell() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "0",
            "1",
            "1",
            "0",
            "2",
            "-1.5",
            "3.25",
            "1e3",
            "1,5",
            "0.0",
            "true",
            "FALSE",
            "NaN",
            "inf",
            "-inf",
            "1e999",
            "abc",
            "yes",
            "",
            " ",
            "\"",
            "\"\"",
            "\"1\"",
            "\"a,b\"",
            "\"x\"y",
            "\"1;2\"",
            ",",
            ";",
            "2024-01-31",
            "2024-02-30",
            "2024-01-31 10:30",
            "1970-01-01T00:00:00Z",
            "label",
            "time",
            "x1",
            "x2",
            "y",
            "t",
            "é",
            "\u{feff}",
            "\r",
        ])
        .prop_map(String::from)
    }

    fn header_cell() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "x1",
            "x2",
            "age",
            "income",
            "label",
            "y",
            "Class",
            "target",
            "time",
            "T",
            "date",
            "",
            "\"q\"",
            "\"q",
            "1",
            "2024-01-01",
            "x1",
        ])
        .prop_map(String::from)
    }

    fn almost_csv() -> impl Strategy<Value = String> {
        (
            prop::collection::vec(header_cell(), 0..6),
            prop::collection::vec(prop::collection::vec(cell(), 0..6), 0..60),
            prop::sample::select(vec![",", ";", ", ", " ;"]),
            prop::sample::select(vec!["\n", "\r\n", "\r"]),
            any::<bool>(),
        )
            .prop_map(|(header, rows, sep, eol, bom)| {
                let mut text = String::from(if bom { "\u{feff}" } else { "" });
                text.push_str(&header.join(sep));
                for row in rows {
                    text.push_str(eol);
                    text.push_str(&row.join(sep));
                }
                text
            })
    }

    /// Cells valid in any column (feature, label or numeric time).
    fn clean_cell() -> impl Strategy<Value = String> {
        prop::sample::select(vec!["0", "1", " 1 ", "\"0\"", "0.0", "1.0", "1e0"])
            .prop_map(String::from)
    }

    /// A good header and 30 to 70 rows of valid cells where about one row in 50
    /// has a field too few, one too many or one junk cell; optionally all of one class.
    fn near_valid_csv() -> impl Strategy<Value = String> {
        let row = (
            prop::collection::vec(clean_cell(), 4),
            0u8..150,
            cell(),
            0usize..4,
        );
        (
            prop::sample::select(vec![
                ("x1,x2,label", ","),
                ("a;b;y", ";"),
                ("time,a,b,label", ","),
                ("x;date;z;class", ";"),
                ("p,q,r", ","),
            ]),
            prop::collection::vec(row, 30..70),
            any::<bool>(),
        )
            .prop_map(|((header, sep), rows, one_class)| {
                let width = header.split(sep).count();
                let mut text = header.to_string();
                for (mut cells, shape, junk, at) in rows {
                    match shape {
                        0 => cells.truncate(width - 1),
                        1 => cells.truncate(width + 1),
                        2 => {
                            cells[at] = junk;
                            cells.truncate(width);
                        }
                        _ => cells.truncate(width),
                    }
                    if one_class {
                        for c in cells
                            .iter_mut()
                            .filter(|c| ["0", "\"0\"", "0.0"].contains(&c.as_str()))
                        {
                            *c = "1".to_string();
                        }
                    }
                    text.push('\n');
                    text.push_str(&cells.join(sep));
                }
                text
            })
    }

    /// A well-formed file: three columns, random values, both classes guaranteed.
    fn valid_csv() -> impl Strategy<Value = (Vec<([f64; 2], bool)>, bool, bool)> {
        (
            prop::collection::vec(((-1e6f64..1e6, -1e6f64..1e6), any::<bool>()), 40..120),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(|(rows, semicolon, quoted)| {
                let mut rows: Vec<([f64; 2], bool)> =
                    rows.into_iter().map(|((a, b), y)| ([a, b], y)).collect();
                rows[0].1 = true;
                rows[1].1 = false;
                (rows, semicolon, quoted)
            })
    }

    /// Invariants of any outcome: a dataset is consistent, an error has a message.
    fn check_outcome(text: &str) -> Result<(), TestCaseError> {
        match parse_csv(text) {
            Ok(d) => {
                prop_assert_eq!(d.x.len(), d.rows);
                prop_assert_eq!(d.y.len(), d.rows);
                prop_assert!(d.rows >= MIN_ROWS && d.rows <= MAX_ROWS);
                prop_assert!(d.x.iter().flatten().all(|v| v.is_finite()));
                prop_assert!(d.y.contains(&true) && d.y.contains(&false));
                prop_assert!(!d.summary().is_empty());
                let (x, y) = d.slice(d.rows - 1, 3);
                prop_assert_eq!(x.len(), 3);
                prop_assert_eq!(y.len(), 3);
            }
            Err(e) => {
                let msg = e.to_string();
                if let Some(row) = e.row() {
                    prop_assert!(row >= 1 && row <= text.split('\n').count());
                    let row_text = format!("row {row}");
                    prop_assert!(msg.contains(&row_text), "{} lacks {}", msg, row_text);
                } else {
                    prop_assert!(!msg.is_empty());
                }
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn arbitrary_strings_never_panic(text in any::<String>()) {
            check_outcome(&text)?;
        }

        #[test]
        fn arbitrary_almost_csv_never_panics(text in almost_csv()) {
            check_outcome(&text)?;
        }

        #[test]
        fn near_valid_csv_never_panics(text in near_valid_csv()) {
            check_outcome(&text)?;
        }

        #[test]
        fn arbitrary_almost_csv_with_forty_good_rows_never_panics(
            text in almost_csv(),
            tail in prop::collection::vec(cell(), 0..4),
        ) {
            // Enough good rows that the later checks (classes, times) are reached.
            let mut text = file("x1,x2,label", 40) + &text;
            text.push_str(&tail.join(","));
            check_outcome(&text)?;
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn well_formed_files_parse_back_exactly((rows, semicolon, quoted) in valid_csv()) {
            let sep = if semicolon { ";" } else { "," };
            let q = if quoted { "\"" } else { "" };
            let mut text = format!("{q}f1{q}{sep}{q}f2{q}{sep}{q}label{q}\r\n");
            for (x, y) in &rows {
                let [a, b] = x.map(|v| {
                    let s = v.to_string();
                    if semicolon { s.replace('.', ",") } else { s }
                });
                text.push_str(&format!("{q}{a}{q}{sep} {b} {sep}{}\r\n", u8::from(*y)));
            }
            let d = parse_csv(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(d.rows, rows.len());
            prop_assert_eq!(d.x, rows.iter().map(|r| r.0).collect::<Vec<_>>());
            prop_assert_eq!(d.y, rows.iter().map(|r| r.1).collect::<Vec<_>>());
        }
    }
}
