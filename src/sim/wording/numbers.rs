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
    let shown: f64 = format_threshold(threshold).parse().unwrap_or(threshold);
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
