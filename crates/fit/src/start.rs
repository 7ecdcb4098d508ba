//! Where a logistic regression's fit starts: passes over the rows that put
//! L-BFGS next to the optimum of the penalised loss (the loss is convex, so
//! every start reaches the same optimum; a near one needs fewer iterations).

/// Logistic weights `[w1, w2, b]` whose logit is that of class 1 (`true`).
pub type Logit = [f64; 3];

/// Linear discriminant analysis of the window, as a class-1 logit:
/// `w = Σ⁻¹ (μ₁ − μ₀)`, `b = −½ w·(μ₁ + μ₀) + ln(n₁ / n₀)` with the pooled
/// covariance `Σ`. `None` when a class is missing or `Σ` is singular.
pub fn discriminant_logit(x: &[[f64; 2]], y: &[bool]) -> Option<Logit> {
    let (mut n, mut sum) = ([0.0f64; 2], [[0.0f64; 2]; 2]);
    for (p, &label) in x.iter().zip(y) {
        let c = usize::from(label);
        n[c] += 1.0;
        sum[c][0] += p[0];
        sum[c][1] += p[1];
    }
    if n[0] < 2.0 || n[1] < 2.0 {
        return None;
    }
    let mu = [
        [sum[0][0] / n[0], sum[0][1] / n[0]],
        [sum[1][0] / n[1], sum[1][1] / n[1]],
    ];
    let (mut sxx, mut sxy, mut syy) = (0.0, 0.0, 0.0);
    for (p, &label) in x.iter().zip(y) {
        let m = mu[usize::from(label)];
        let (dx, dy) = (p[0] - m[0], p[1] - m[1]);
        sxx += dx * dx;
        sxy += dx * dy;
        syy += dy * dy;
    }
    let dof = n[0] + n[1] - 2.0;
    let (sxx, sxy, syy) = (sxx / dof, sxy / dof, syy / dof);
    let det = sxx * syy - sxy * sxy;
    if !(det.is_finite() && det > 1e-12 * (sxx * syy).max(1e-300)) {
        return None;
    }
    let d = [mu[1][0] - mu[0][0], mu[1][1] - mu[0][1]];
    let w = [
        (syy * d[0] - sxy * d[1]) / det,
        (sxx * d[1] - sxy * d[0]) / det,
    ];
    let mid = [mu[1][0] + mu[0][0], mu[1][1] + mu[0][1]];
    let b = -0.5 * (w[0] * mid[0] + w[1] * mid[1]) + (n[1] / n[0]).ln();
    let logit = [w[0], w[1], b];
    logit.iter().all(|v| v.is_finite()).then_some(logit)
}

/// The penalised loss linfa minimises, at a class-1 logit.
pub fn logistic_loss(x: &[[f64; 2]], y: &[bool], logit: &Logit, alpha: f64) -> f64 {
    let mut loss = 0.0;
    for (p, &label) in x.iter().zip(y) {
        let z = logit[0] * p[0] + logit[1] * p[1] + logit[2];
        let yz = if label { z } else { -z };
        // ln(1 + e^(−yz)), stable for both signs.
        loss += if yz > 0.0 {
            (-yz).exp().ln_1p()
        } else {
            -yz + yz.exp().ln_1p()
        };
    }
    loss + 0.5 * alpha * (logit[0] * logit[0] + logit[1] * logit[1])
}

/// Solves the 3 × 3 system `h · x = g` (Gaussian elimination with partial
/// pivoting); `None` if it is singular.
fn solve3(mut h: [[f64; 3]; 3], mut g: [f64; 3]) -> Option<[f64; 3]> {
    for col in 0..3 {
        let pivot = (col..3).max_by(|&a, &b| h[a][col].abs().total_cmp(&h[b][col].abs()))?;
        if h[pivot][col].abs() < 1e-12 {
            return None;
        }
        h.swap(col, pivot);
        g.swap(col, pivot);
        for row in col + 1..3 {
            let f = h[row][col] / h[col][col];
            let pivot_row = h[col];
            for (cell, above) in h[row].iter_mut().zip(pivot_row).skip(col) {
                *cell -= f * above;
            }
            g[row] -= f * g[col];
        }
    }
    let mut x = [0.0; 3];
    for row in (0..3).rev() {
        let tail: f64 = (row + 1..3).map(|k| h[row][k] * x[k]).sum();
        x[row] = (g[row] - tail) / h[row][row];
    }
    x.iter().all(|v| v.is_finite()).then_some(x)
}

/// The gradient and the (symmetric) Hessian of the penalised logistic loss at
/// `logit`, in one pass over the rows.
pub fn gradient_and_hessian(
    x: &[[f64; 2]],
    y: &[bool],
    logit: &Logit,
    alpha: f64,
) -> ([f64; 3], [[f64; 3]; 3]) {
    let mut g = [0.0f64; 3];
    let mut h = [[0.0f64; 3]; 3];
    for (p, &label) in x.iter().zip(y) {
        let z = logit[0] * p[0] + logit[1] * p[1] + logit[2];
        let prob = 1.0 / (1.0 + (-z).exp());
        let r = prob - f64::from(u8::from(label));
        let w = prob * (1.0 - prob);
        let v = [p[0], p[1], 1.0];
        for i in 0..3 {
            g[i] += r * v[i];
            for j in i..3 {
                h[i][j] += w * v[i] * v[j];
            }
        }
    }
    // The L2 penalty (not on the intercept).
    for i in 0..2 {
        g[i] += alpha * logit[i];
        h[i][i] += alpha;
    }
    let (h01, h02, h12) = (h[0][1], h[0][2], h[1][2]);
    h[1][0] = h01;
    h[2][0] = h02;
    h[2][1] = h12;
    (g, h)
}

/// Up to `steps` Newton steps on the penalised logistic loss from `logit`. Each
/// step is one pass over the rows; it stops early once the gradient's norm is
/// below `tolerance` (L-BFGS's), and never returns a point with a larger
/// gradient than it had.
pub fn newton_refine(
    (x, y): (&[[f64; 2]], &[bool]),
    mut logit: Logit,
    alpha: f64,
    (tolerance, steps): (f64, usize),
) -> Logit {
    let mut best = (f64::INFINITY, logit);
    for step in 0..=steps {
        let (g, h) = gradient_and_hessian(x, y, &logit, alpha);
        let norm = g.iter().map(|v| v * v).sum::<f64>().sqrt();
        if !norm.is_finite() || norm >= best.0 {
            break;
        }
        best = (norm, logit);
        if norm < tolerance || step == steps {
            break;
        }
        let Some(delta) = solve3(h, g) else {
            break;
        };
        let next = [
            logit[0] - delta[0],
            logit[1] - delta[1],
            logit[2] - delta[2],
        ];
        if !next.iter().all(|v| v.is_finite()) {
            break;
        }
        logit = next;
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_by_three_systems_are_solved_or_refused() {
        let h = [[4.0, 1.0, 0.5], [1.0, 3.0, 0.2], [0.5, 0.2, 2.0]];
        let x = solve3(h, [1.0, 2.0, 3.0]).unwrap();
        for (row, want) in h.iter().zip([1.0, 2.0, 3.0]) {
            let got: f64 = row.iter().zip(&x).map(|(a, b)| a * b).sum();
            assert!((got - want).abs() < 1e-12);
        }
        assert_eq!(
            solve3(
                [[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [0.0, 0.0, 1.0]],
                [1.0; 3]
            ),
            None
        );
    }
}
