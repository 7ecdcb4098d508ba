//! Files the CSV tests share: good rows, whole files and a file with one row
//! replaced.

/// A good data row for `x1,x2,label`: label alternates so both classes appear.
fn good_row(i: usize) -> String {
    format!("{},{},{}", i as f64 * 0.5, -(i as f64), i % 2)
}

/// `header` plus `n` good rows, one per line.
pub(super) fn file(header: &str, n: usize) -> String {
    let mut lines = vec![header.to_string()];
    lines.extend((0..n).map(good_row));
    lines.join("\n") + "\n"
}

/// A 50-row `x1,x2,label` file whose spreadsheet row `row` is replaced by `line`.
pub(super) fn with_row(row: usize, line: &str) -> String {
    let mut lines: Vec<String> = file("x1,x2,label", 50).lines().map(String::from).collect();
    lines[row - 1] = line.to_string();
    lines.join("\n")
}
