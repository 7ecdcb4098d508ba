//! Numbers as the page prints them: scores with as many decimals as it takes to keep their true order
//! with the threshold (or with each other), thresholds, gate margins.

/// The fewest decimals (2 to 6) with which `x` and `y`, rounded, keep the order
/// (`<`, `=` or `>`) they really have.
pub(super) fn decimals_for_order(x: f64, y: f64) -> usize {
    let truth = x.total_cmp(&y);
    for d in 2..=6 {
        let scale = 10f64.powi(d as i32);
        let (rx, ry) = ((x * scale).round(), (y * scale).round());
        if rx.total_cmp(&ry) == truth {
            return d;
        }
    }
    6
}

/// A threshold or margin as set: 2 decimals, more only if it has them (up to 4).
pub fn format_threshold(t: f64) -> String {
    for d in 2..=4usize {
        let scale = 10f64.powi(d as i32);
        if ((t * scale).round() / scale - t).abs() < 1e-12 {
            return format!("{t:.d$}");
        }
    }
    format!("{t:.4}")
}

/// A score shown next to the threshold (or any level) it is compared with:
/// enough decimals that the shown score keeps its true order with the shown
/// threshold.
pub fn format_score(score: f64, threshold: f64) -> String {
    let shown = shown_value(&format_threshold(threshold)).unwrap_or(threshold);
    let d = decimals_for_order(score, shown).max(if score == threshold {
        2
    } else {
        decimals_for_order(score, threshold)
    });
    format!("{score:.d$}")
}

/// Two numbers that are compared, each shown with enough decimals to keep
/// their true order.
pub fn format_pair(a: f64, b: f64) -> (String, String) {
    let d = decimals_for_order(a, b);
    (format!("{a:.d$}"), format!("{b:.d$}"))
}

/// The champion/challenger comparison `score ≥ live + margin`, each number
/// with the same decimals, enough to keep the true order of `score` and
/// `live + margin`: (score, live, live + margin).
pub fn gate_numbers(score: f64, live: f64, margin: f64) -> (String, String, String) {
    let need = live + margin;
    let d = decimals_for_order(score, need);
    (
        format!("{score:.d$}"),
        format!("{live:.d$}"),
        format!("{need:.d$}"),
    )
}

/// Of two renderings of the same number, the one with more decimals (it keeps
/// every order the shorter one keeps).
pub(super) fn longer(a: String, b: String) -> String {
    if a.len() >= b.len() {
        a
    } else {
        b
    }
}

/// The value a number printed with a few decimals (`format!("{v:.d$}")`:
/// an optional minus, digits, an optional point and digits) stands for, exactly
/// as `str::parse::<f64>` reads it: its digits as a whole number divided by a
/// power of ten, both exact in an `f64`, so the one rounded division is the
/// correctly rounded value. `None` for anything longer or else. Used instead of
/// `parse` because the float parser and its tables (~12 KB) would otherwise be
/// linked into the page's wasm for these two numbers.
pub(super) fn shown_value(text: &str) -> Option<f64> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    // Up to 15 digits: the whole number and the power of ten (at most 10^15)
    // are both exact in an f64.
    if whole.len() + fraction.len() > 15 {
        return None;
    }
    let mut mantissa: u64 = 0;
    for b in whole.bytes().chain(fraction.bytes()) {
        mantissa = mantissa * 10 + u64::from(b - b'0');
    }
    let value = mantissa as f64 / 10f64.powi(fraction.len() as i32);
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_printed_number_reads_back_exactly_as_the_float_parser_reads_it() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for i in 0..20_000 {
            // Values across the ranges the page prints: scores, thresholds,
            // differences, costs; and a few exact ties.
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let unit = (x >> 11) as f64 / (1u64 << 53) as f64;
            let v = match i % 4 {
                0 => unit,
                1 => unit * 2.0 - 1.0,
                2 => unit * 1_000.0,
                _ => (i / 4) as f64 / 800.0,
            };
            for d in 0..=6 {
                let text = format!("{v:.d$}");
                let parsed: f64 = text.parse().unwrap();
                assert_eq!(
                    shown_value(&text).map(f64::to_bits),
                    Some(parsed.to_bits()),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn anything_but_a_plain_decimal_is_refused() {
        for text in [
            "",
            "-",
            ".5",
            "1e3",
            "NaN",
            "inf",
            "1.2.3",
            "+1",
            "1 ",
            "12345678901234567",
        ] {
            assert_eq!(shown_value(text), None, "{text}");
        }
        assert_eq!(shown_value("-0.50"), Some(-0.5));
        assert_eq!(shown_value("7"), Some(7.0));
    }
}
