//! The two-sample Kolmogorov–Smirnov test on the inputs: the exact statistic D
//! as SciPy's `ks_2samp`, and its p-value from the Kolmogorov distribution
//! `kstwo` (Simard & L'Ecuyer's choice of Durbin's matrix, Smirnov's sum and
//! Pelz–Good).

use serde::{Deserialize, Serialize};

/// Result of a two-sample Kolmogorov–Smirnov test.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct KsResult {
    /// D: the largest gap between the two empirical CDFs, 0..=1.
    pub statistic: f64,
    /// Probability of a gap at least this large if both samples come from the
    /// same distribution, 0..=1; small means the inputs drifted.
    pub p_value: f64,
}

impl KsResult {
    /// No evidence of a difference: D = 0, p = 1 (what too little data gives).
    pub const NO_EVIDENCE: KsResult = KsResult {
        statistic: 0.0,
        p_value: 1.0,
    };
}

/// Two-sided two-sample Kolmogorov–Smirnov test, as SciPy's
/// `ks_2samp(a, b, method='asymp')`.
///
/// D is exact: both empirical CDFs are compared at every distinct value of the
/// merged samples (so ties are handled as SciPy does). The p-value is
/// `kstwo.sf(D, round(n·m/(n+m)))`. NaN values are left out; if either sample is
/// then empty, or `round(n·m/(n+m))` is 0 (one value each), the result is
/// [`KsResult::NO_EVIDENCE`].
pub fn ks_2samp(a: &[f64], b: &[f64]) -> KsResult {
    let sorted = |s: &[f64]| {
        let mut v: Vec<f64> = s.iter().copied().filter(|x| !x.is_nan()).collect();
        v.sort_by(f64::total_cmp);
        v
    };
    let (a, b) = (sorted(a), sorted(b));
    if a.is_empty() || b.is_empty() {
        return KsResult::NO_EVIDENCE;
    }
    let (n1, n2) = (a.len() as f64, b.len() as f64);
    let (mut i, mut j) = (0usize, 0usize);
    let (mut max_up, mut max_down) = (0.0f64, 0.0f64);
    while i < a.len() || j < b.len() {
        // The next distinct value of the merged samples.
        let v = match (a.get(i), b.get(j)) {
            (Some(&x), Some(&y)) => x.min(y),
            (Some(&x), None) => x,
            (None, Some(&y)) => y,
            (None, None) => break,
        };
        while i < a.len() && a[i] <= v {
            i += 1;
        }
        while j < b.len() && b[j] <= v {
            j += 1;
        }
        let diff = i as f64 / n1 - j as f64 / n2;
        max_up = max_up.max(diff);
        max_down = max_down.max(-diff);
    }
    let statistic = max_up.max(max_down).clamp(0.0, 1.0);
    let en = n1 * n2 / (n1 + n2);
    let n = en.round_ties_even();
    if n < 1.0 {
        return KsResult {
            statistic,
            p_value: 1.0,
        };
    }
    KsResult {
        statistic,
        p_value: kolmogorov_sf(n as u64, statistic),
    }
}

/// [`ks_2samp`] on each of the two features: training rows against new rows.
pub fn ks_per_feature(train: &[[f64; 2]], new: &[[f64; 2]]) -> [KsResult; 2] {
    let column = |rows: &[[f64; 2]], f: usize| rows.iter().map(|r| r[f]).collect::<Vec<f64>>();
    [0, 1].map(|f| ks_2samp(&column(train, f), &column(new, f)))
}

/// Scale factor 2¹²⁸ used to keep long products inside the f64 range.
const SCALE: f64 = 3.402_823_669_209_385e38;
const SCALE_EXP: i32 = 128;
/// Above this n, Smirnov's one-sided tail uses its asymptotic form (as SciPy).
const SMIRNOV_MAX_EXACT_N: u64 = 1_000_000;

/// Survival function of the two-sided one-sample Kolmogorov–Smirnov statistic,
/// `P(Dₙ ≥ d)`, i.e. SciPy's `kstwo.sf(d, n)`. Follows Simard & L'Ecuyer (2011)
/// as SciPy's `_kolmogn` does; where SciPy uses Pomeranz's recursion (n ≤ 140,
/// 0.754693 < n·d² ≤ 4) this uses Durbin's matrix instead, which is also exact.
fn kolmogorov_sf(n: u64, d: f64) -> f64 {
    if n == 0 || d.is_nan() {
        return 1.0;
    }
    if d >= 1.0 {
        return 0.0;
    }
    if d <= 0.0 {
        return 1.0;
    }
    let nf = n as f64;
    let t = nf * d;
    if t <= 1.0 {
        // Ruben–Gambino: P(Dₙ ≤ d) = n!/nⁿ · (2t − 1)ⁿ for 1/(2n) ≤ d ≤ 1/n.
        if t <= 0.5 {
            return 1.0;
        }
        let cdf = if n <= 140 {
            (1..=n).fold(1.0, |p, i| p * (i as f64 / nf) * (2.0 * t - 1.0))
        } else {
            (ln_factorial_over_power(nf) + nf * (2.0 * t - 1.0).ln()).exp()
        };
        return (1.0 - cdf).clamp(0.0, 1.0);
    }
    if t >= nf - 1.0 {
        return (2.0 * (1.0 - d).powf(nf)).clamp(0.0, 1.0);
    }
    if d >= 0.5 {
        return (2.0 * smirnov_sf(n, d)).clamp(0.0, 1.0);
    }
    let nxx = t * d;
    if n <= 140 {
        if nxx <= 4.0 {
            return (1.0 - durbin_cdf(n, d)).clamp(0.0, 1.0);
        }
        return (2.0 * smirnov_sf(n, d)).clamp(0.0, 1.0);
    }
    if nxx >= 370.0 {
        return 0.0;
    }
    if nxx >= 2.2 {
        return (2.0 * smirnov_sf(n, d)).clamp(0.0, 1.0);
    }
    let cdf = if n <= 100_000 && nf * d.powf(1.5) <= 1.4 {
        durbin_cdf(n, d)
    } else {
        pelz_good_cdf(nf, d)
    };
    (1.0 - cdf).clamp(0.0, 1.0)
}

/// ln(n!/nⁿ) by Stirling's series with n·ln(n) removed up front.
fn ln_factorial_over_power(n: f64) -> f64 {
    // B₂ⱼ/(2j(2j−1)) for j = 8..1, highest power first.
    const C: [f64; 8] = [
        -2.955_065_359_477_124e-2,
        6.410_256_410_256_41e-3,
        -1.917_526_917_526_917_6e-3,
        8.417_508_417_508_418e-4,
        -5.952_380_952_380_952e-4,
        7.936_507_936_507_937e-4,
        -2.777_777_777_777_778e-3,
        8.333_333_333_333_333e-2,
    ];
    let r = 1.0 / n;
    let x = r / n;
    let series = C.iter().fold(0.0, |acc, &c| acc * x + c);
    n.ln() / 2.0 - n + (2.0 * std::f64::consts::PI).ln() / 2.0 + r * series
}

/// One-sided `P(Dₙ⁺ ≥ d)` by the Smirnov–Birnbaum–Tingey sum
/// `d · Σ_{j=0}^{⌊n(1−d)⌋} C(n,j) (d + j/n)^{j−1} (1 − d − j/n)^{n−j}`,
/// each (positive) term evaluated in logarithms.
fn smirnov_sf(n: u64, d: f64) -> f64 {
    if d <= 0.0 {
        return 1.0;
    }
    if d >= 1.0 {
        return 0.0;
    }
    let nf = n as f64;
    if n > SMIRNOV_MAX_EXACT_N {
        let z = 6.0 * nf * d + 1.0;
        return (-z * z / 18.0 / nf).exp();
    }
    let last = (nf * (1.0 - d)).floor().max(0.0) as u64;
    let mut ln_choose = 0.0; // ln C(n, j)
    let mut sum = 0.0;
    for j in 0..=last.min(n) {
        let jf = j as f64;
        let p = d + jf / nf;
        let q = 1.0 - p;
        if q > 0.0 {
            let ln_term = ln_choose + (jf - 1.0) * p.ln() + (nf - jf) * q.ln();
            sum += ln_term.exp();
        }
        ln_choose += ((nf - jf) / (jf + 1.0)).ln();
    }
    (d * sum).clamp(0.0, 1.0)
}

/// Square matrix product of two m×m row-major matrices.
fn mat_mul(a: &[f64], b: &[f64], m: usize) -> Vec<f64> {
    let mut c = vec![0.0; m * m];
    for i in 0..m {
        for k in 0..m {
            let aik = a[i * m + k];
            if aik == 0.0 {
                continue;
            }
            for j in 0..m {
                c[i * m + j] += aik * b[k * m + j];
            }
        }
    }
    c
}

/// `P(Dₙ ≤ d)` exactly, by Durbin's matrix method as Marsaglia, Tsang & Wang (2003)
/// evaluate it: with d = (k − h)/n, the k-th diagonal entry of Hⁿ times n!/nⁿ.
/// Costs O(m³ log n) with m = 2k − 1; only called where k is small.
fn durbin_cdf(n: u64, d: f64) -> f64 {
    let nf = n as f64;
    let nd = nf * d;
    if d >= 1.0 {
        return 1.0;
    }
    if nd <= 0.5 {
        return 0.0;
    }
    let k = nd.ceil() as usize;
    let h = k as f64 - nd;
    let m = 2 * k - 1;

    // First column v[i] = (1 − h^(i+1))/(i+1)!, and w[i] = 1/i! below the diagonal.
    let mut v = vec![0.0; m];
    let mut w = vec![0.0; m];
    let mut fact_inv = 1.0; // 1/i!
    for i in 0..m {
        w[i] = fact_inv;
        fact_inv /= (i + 1) as f64;
        v[i] = (1.0 - h.powi((i + 1) as i32)) * fact_inv;
    }
    let tail = (2.0 * h - 1.0).max(0.0).powi(m as i32) - 2.0 * h.powi(m as i32);
    v[m - 1] = (1.0 + tail) * fact_inv;

    let mut hm = vec![0.0; m * m];
    for col in 1..m {
        for row in (col - 1)..m {
            hm[row * m + col] = w[row + 1 - col];
        }
    }
    for row in 0..m {
        hm[row * m] = v[row];
    }
    for col in 0..m {
        hm[(m - 1) * m + col] = v[m - 1 - col];
    }

    // Hⁿ by squaring, rescaling by 2¹²⁸ whenever the watched entry grows large.
    let mut power: Vec<f64> = (0..m * m)
        .map(|i| if i / m == i % m { 1.0 } else { 0.0 })
        .collect();
    let mut exponent: i64 = 0; // power = true value / 2^exponent
    let mut h_exponent: i64 = 0;
    let mut e = n;
    while e > 0 {
        if e % 2 == 1 {
            power = mat_mul(&power, &hm, m);
            exponent += h_exponent;
        }
        hm = mat_mul(&hm, &hm, m);
        h_exponent *= 2;
        if hm[(k - 1) * m + (k - 1)].abs() > SCALE {
            for x in hm.iter_mut() {
                *x /= SCALE;
            }
            h_exponent += i64::from(SCALE_EXP);
        }
        e /= 2;
    }
    let mut p = power[(k - 1) * m + (k - 1)];
    // Multiply by n!/nⁿ.
    for i in 1..=n {
        p = i as f64 * p / nf;
        if p.abs() < 1.0 / SCALE {
            p *= SCALE;
            exponent -= i64::from(SCALE_EXP);
        }
    }
    ldexp(p, exponent).clamp(0.0, 1.0)
}

/// `x · 2^exp` without overflowing the intermediate power of two.
fn ldexp(mut x: f64, mut exp: i64) -> f64 {
    while exp > 1000 && x != 0.0 && x.is_finite() {
        x *= 2f64.powi(1000);
        exp -= 1000;
    }
    while exp < -1000 && x != 0.0 && x.is_finite() {
        x *= 2f64.powi(-1000);
        exp += 1000;
    }
    x * 2f64.powi(exp as i32)
}

/// Pelz & Good's (1976) asymptotic series for `P(Dₙ ≤ d)`: the Li-Chien/Korolyuk
/// expansion `K₀ + K₁/√n + K₂/n + K₃/n^1.5`, each term rewritten with Jacobi's
/// theta identity so that it converges fast for small z = d·√n.
fn pelz_good_cdf(n: f64, d: f64) -> f64 {
    use std::f64::consts::PI;
    if d <= 0.0 {
        return 0.0;
    }
    if d >= 1.0 {
        return 1.0;
    }
    let z = n.sqrt() * d;
    let (z2, z3, z4, z6) = (z * z, z * z * z, z.powi(4), z.powi(6));
    let (pi2, pi4, pi6) = (PI * PI, PI.powi(4), PI.powi(6));
    let q_ln = -pi2 / 8.0 / z2;
    if q_ln < -708.0 {
        return 0.0;
    }
    let q = q_ln.exp();

    let k1a = -z2;
    let k1b = pi2 / 4.0;
    let k2a = 6.0 * z6 + 2.0 * z4;
    let k2b = (2.0 * z4 - 5.0 * z2) * pi2 / 4.0;
    let k2c = pi4 * (1.0 - 2.0 * z2) / 16.0;
    let k3d = pi6 * (5.0 - 30.0 * z2) / 64.0;
    let k3c = pi4 * (-60.0 * z2 + 212.0 * z4) / 16.0;
    let k3b = pi2 * (135.0 * z4 - 96.0 * z6) / 4.0;
    let k3a = -30.0 * z6 - 90.0 * z.powi(8);

    // Sums over odd m = 2k − 1 of c(m)·q^(m²), by Horner's rule in q⁸ᵏ.
    let max_k = (16.0 * z / PI).ceil().max(1.0) as u32;
    let mut k_terms = [0.0f64; 4];
    for kk in (1..=max_k).rev() {
        let m = f64::from(2 * kk - 1);
        let (m2, m4, m6) = (m * m, m.powi(4), m.powi(6));
        let qp = q.powi(8 * kk as i32);
        let coeffs = [
            1.0,
            k1a + k1b * m2,
            k2a + k2b * m2 + k2c * m4,
            k3a + k3b * m2 + k3c * m4 + k3d * m6,
        ];
        for (acc, c) in k_terms.iter_mut().zip(coeffs) {
            *acc = *acc * qp + c;
        }
    }
    let root_2pi = (2.0 * PI).sqrt();
    let divisors = [z, 6.0 * z4, 72.0 * z.powi(7), 6480.0 * z.powi(10)];
    for (acc, div) in k_terms.iter_mut().zip(divisors) {
        *acc *= q * root_2pi / div;
    }

    // The remaining sums over all integers k for K₂ and K₃.
    let q2 = (-pi2 / 2.0 / z2).exp();
    let sqrt3z = 3f64.sqrt() * z;
    let (mut k2_extra, mut k3_extra) = (0.0, 0.0);
    for kk in (1..=max_k).rev() {
        let kf = f64::from(kk);
        let k2 = kf * kf;
        let qpow = q2.powf(k2);
        k2_extra += k2 * qpow;
        k3_extra += (sqrt3z + PI * kf) * (sqrt3z - PI * kf) * k2 * qpow;
    }
    k_terms[2] += k2_extra * pi2 * root_2pi / (-36.0 * z3);
    k_terms[3] += k3_extra * pi2 * root_2pi / (216.0 * z6);

    let cdf = k_terms[0] + k_terms[1] / n.sqrt() + k_terms[2] / n + k_terms[3] / n.powf(1.5);
    cdf.clamp(0.0, 1.0)
}

// Native only: the core is tested natively (proptest and approx are native dev-dependencies).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::super::test_streams::splitmix_uniform;
    use super::*;
    use proptest::prelude::*;

    const SF_D: [f64; 16] = [
        0.001, 0.003, 0.01, 0.02, 0.03, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3, 0.45, 0.5, 0.6, 0.8, 0.95,
    ];
    /// SciPy 1.17.1 `kstwo.sf(d, n)` for each d in `SF_D`.
    const SCIPY_KSTWO_SF: [(u64, [f64; 16]); 19] = [
        (
            1,
            [
                1.0,
                1.0,
                1.0,
                1.0,
                1.0,
                1.0,
                1.0,
                1.0,
                1.0,
                1.0,
                1.0,
                1.0,
                1.0,
                0.8,
                0.3999999999999999,
                0.10000000000000009,
            ],
        ),
        (
            2,
            [
                1.0,
                1.0,
                1.0,
                1.0,
                1.0,
                1.0,
                1.0,
                1.0,
                1.0,
                1.0,
                0.98,
                0.6799999999999999,
                0.5,
                0.32000000000000006,
                0.07999999999999996,
                0.005000000000000009,
            ],
        ),
        (
            3,
            [
                1.0,
                1.0,
                1.0,
                1.0,
                1.0,
                1.0,
                1.0,
                1.0,
                1.0,
                0.9982222222222222,
                0.8862222222222222,
                0.4584999999999999,
                0.3333333333333333,
                0.14400000000000004,
                0.01599999999999999,
                0.00025000000000000066,
            ],
        ),
        (
            5,
            [
                1.0,
                1.0,
                1.0,
                1.0,
                1.0,
                1.0,
                1.0,
                1.0,
                0.9988,
                0.9616,
                0.664,
                0.19399374999999963,
                0.112,
                0.03008000000000001,
                0.0006399999999999993,
                6.250000000000028e-07,
            ],
        ),
        (
            10,
            [
                1.0,
                1.0,
                1.0,
                1.0,
                1.0,
                1.0,
                0.9999978058034054,
                0.99963712,
                0.95396527,
                0.7487190399999999,
                0.27053557479999946,
                0.022891810311717498,
                0.00777741,
                0.0005681672000000003,
                2.207999999999995e-07,
                1.9531250000000172e-13,
            ],
        ),
        (
            25,
            [
                1.0,
                1.0,
                1.0,
                1.0,
                1.0,
                0.9999993041743456,
                0.9931290900566319,
                0.9426821978135055,
                0.5758089853851963,
                0.23632065644537592,
                0.0171781183234907,
                3.863870896956907e-05,
                2.644610364622404e-06,
                3.890920667402015e-09,
                1.01621401628024e-17,
                5.960464477539242e-33,
            ],
        ),
        (
            50,
            [
                1.0,
                1.0,
                1.0,
                1.0,
                0.9999999991521389,
                0.9990238098461883,
                0.880839701941023,
                0.6623112704658186,
                0.19026366518248072,
                0.03143877776953241,
                0.00017353260202718738,
                9.261187857225947e-10,
                4.392853499119748e-12,
                9.634070456142374e-18,
                6.046609934386596e-35,
                1.7763568621337656e-65,
            ],
        ),
        (
            100,
            [
                1.0,
                1.0,
                1.0,
                0.999999999978262,
                0.9999692479033473,
                0.9532159710635725,
                0.5182193645480672,
                0.2526927570063874,
                0.019839242125641813,
                0.0005551927327988775,
                1.7719869892662917e-08,
                5.324995419657099e-19,
                1.2131434371817858e-23,
                5.912822156396238e-35,
                2.1482695735465203e-69,
                1.5777225737377353e-130,
            ],
        ),
        (
            140,
            [
                1.0,
                1.0,
                1.0,
                0.9999999774822331,
                0.9992547123063266,
                0.8576480297656114,
                0.31480749911643063,
                0.11353657290090946,
                0.0032495604415101703,
                2.1981563302200222e-05,
                1.1370251710737309e-11,
                2.1582605458449104e-26,
                6.869300438276986e-33,
                1.0052268370224967e-48,
                5.926663316559572e-97,
                1.4349315159318279e-182,
            ],
        ),
        (
            141,
            [
                1.0,
                1.0,
                1.0,
                0.9999999744561288,
                0.9992107601012719,
                0.854845693009663,
                0.31084170879264117,
                0.11128445516467944,
                0.0031058623613645147,
                2.0276784223976912e-05,
                9.46134771413843e-12,
                1.4102585470400696e-26,
                4.034017661079683e-33,
                4.550154415759682e-49,
                1.2129121326065718e-97,
                7.174657754560657e-184,
            ],
        ),
        (
            188,
            [
                1.0,
                1.0,
                1.0,
                0.9999977356165912,
                0.9940576274823227,
                0.7157612275478091,
                0.17070111343087635,
                0.04338585892482916,
                0.00037067370388082095,
                4.562539977141937e-07,
                1.6770881487494933e-15,
                2.90713354551852e-35,
                5.502172420941979e-44,
                3.0119837972956955e-65,
                5.032188276951155e-130,
                5.097907469895596e-245,
            ],
        ),
        (
            500,
            [
                1.0,
                1.0,
                0.9999999991073389,
                0.9859871786857471,
                0.7473166700457021,
                0.15866260223815387,
                0.0031305058199356268,
                8.342293067263533e-05,
                2.758171849513672e-10,
                5.256835361945869e-18,
                2.0976835679070943e-40,
                6.37406117674024e-93,
                4.1132799581816557e-116,
                1.1934763993433721e-172,
                0.0,
                0.0,
            ],
        ),
        (
            1000,
            [
                1.0,
                1.0,
                0.9999496745370611,
                0.8108971656895577,
                0.3226902143914636,
                0.013012074781090332,
                5.154189384789824e-06,
                3.703687096817711e-09,
                4.16424802243078e-20,
                1.5528629204250538e-35,
                2.590715705736845e-80,
                2.524336024487931e-185,
                1.064517291557782e-231,
                0.0,
                0.0,
                0.0,
            ],
        ),
        (
            5000,
            [
                1.0,
                0.9999999999740126,
                0.6954557253913853,
                0.03613941395325637,
                0.00024159234422666817,
                2.6523052328711187e-11,
                2.7832218159269087e-28,
                5.590495886396459e-44,
                1.1243331036053069e-98,
                9.004289573855005e-176,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
            ],
        ),
        (
            20000,
            [
                1.0,
                0.9935433419563655,
                0.03638603905248727,
                2.2181270070049744e-07,
                4.516330038670992e-16,
                6.81423819297241e-44,
                8.729892588236341e-112,
                1.4723820041654574e-174,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
            ],
        ),
        (
            100000,
            [
                0.9999638407940036,
                0.3284563327726956,
                4.093278023549254e-09,
                3.5372711931479597e-35,
                1.2701837245790524e-78,
                1.0446857833684497e-217,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
            ],
        ),
        (
            100001,
            [
                0.9999638365424804,
                0.32845050055711633,
                4.0924594316146085e-09,
                3.534442256426062e-35,
                1.2678989936751014e-78,
                1.0394725000020544e-217,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
            ],
        ),
        (
            300000,
            [
                0.9247850590866779,
                0.00901505226804053,
                1.737424354497595e-26,
                1.135986831584645e-104,
                5.3280565983623075e-235,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
            ],
        ),
        (
            2000000,
            [
                0.03660662431970485,
                4.629776712470284e-16,
                3.8048884229250393e-174,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
            ],
        ),
    ];

    #[test]
    fn kolmogorov_survival_function_matches_scipy_kstwo() {
        let mut worst = 0.0f64;
        for (n, row) in SCIPY_KSTWO_SF {
            for (d, want) in SF_D.into_iter().zip(row) {
                let got = kolmogorov_sf(n, d);
                let err = (got - want).abs();
                worst = worst.max(err);
                assert!(
                    err <= 1e-9 + 1e-9 * want,
                    "n {n} d {d}: {got} vs SciPy {want}"
                );
            }
        }
        assert!(worst < 1e-9, "worst absolute error {worst}");
    }

    #[test]
    fn ks_matches_scipy_on_small_literal_samples() {
        // SciPy 1.17.1: ks_2samp(a, b, method='asymp').
        let a = [1.0, 2.0, 2.0, 3.0, 4.0, 5.0];
        let b = [2.0, 2.0, 3.0, 3.0, 6.0, 7.0, 8.0];
        let r = ks_2samp(&a, &b);
        assert_eq!(r.statistic, 0.428_571_428_571_428_6);
        assert!((r.p_value - 0.516_034_985_422_740_4).abs() < 1e-12, "{r:?}");

        let a = [
            0.346, 0.822, 0.33, -1.303, 0.905, 0.446, -0.537, 0.581, 0.365, 0.294, 0.028, 0.547,
            -0.736, -0.163, -0.482, 0.599, 0.04, -0.292, -0.782, -0.257, 0.008, -0.276, 1.294,
            1.007, -2.711, -1.889, -0.175, -0.422, 0.214, 0.217, 2.118, -1.112, -0.378, 2.043,
            0.647, 0.663, -0.514, -1.648, 0.167, 0.109, -1.227, -0.683, -0.072, -0.945, -0.098,
            0.095, 0.036, -0.506, 0.594, 0.891,
        ];
        let b = [
            0.689, -0.023, 0.087, -1.941, 2.3, 1.644, 0.175, 1.274, 0.781, -0.054, 1.478, 0.189,
            0.171, -0.292, 0.955, 0.401, 1.045, -0.107, 0.627, -0.392, 1.341, 0.688, 0.831, 0.911,
            -0.511, 1.283, 2.557, -1.138, -1.229, -1.005, 1.341, 0.629, 1.578, 1.222, 0.711, 0.784,
            0.33, 1.368, -0.63, 0.078, 0.743, 2.301, -0.264, -0.579, -0.063, 1.469, 0.265, 1.824,
            -1.373, 1.629,
        ];
        let r = ks_2samp(&a, &b);
        assert_eq!(r.statistic, 0.36);
        assert!(
            (r.p_value - 0.002_082_282_869_654_506).abs() < 1e-12,
            "{r:?}"
        );

        // Integers with many ties.
        let a = [
            8., 0., 1., 2., 1., 8., 8., 5., 0., 0., 3., 4., 6., 4., 2., 1., 6., 7., 0., 1., 4., 3.,
            8., 5., 4., 4., 6., 5., 1., 7., 7., 9., 7., 2., 3., 6., 6., 6., 8., 2., 9., 0., 0., 9.,
            9., 2., 1., 3., 0., 8., 6., 5., 2., 4., 1., 7., 4., 0., 2., 7.,
        ];
        let b = [
            8., 10., 9., 6., 10., 10., 10., 1., 5., 7., 3., 4., 7., 9., 6., 2., 7., 9., 3., 6., 4.,
            10., 1., 5., 9., 5., 2., 8., 10., 10., 10., 4., 8., 10., 6., 10., 6., 2., 5., 7., 4.,
            8., 5., 10., 3., 7., 1., 2., 6., 5., 5., 5., 9., 6., 4., 10., 9., 4., 3., 3., 2., 6.,
            6., 7., 9., 10., 6., 6., 1., 3., 10., 10., 1., 5., 5., 7., 2., 5., 4., 3.,
        ];
        let r = ks_2samp(&a, &b);
        assert_eq!(r.statistic, 0.237_500_000_000_000_04);
        assert!(
            (r.p_value - 0.035_907_945_867_126_534).abs() < 1e-12,
            "{r:?}"
        );
        // Symmetric in its arguments.
        assert_eq!(ks_2samp(&b, &a), r);
    }

    #[test]
    fn ks_matches_scipy_on_generated_samples() {
        // (seed, n, shift, ties-bucket) for a and b; SciPy's statistic and p-value.
        let sample = |seed: u64, n: usize, shift: f64, buckets: Option<f64>| -> Vec<f64> {
            splitmix_uniform(seed, n)
                .into_iter()
                .map(|u| buckets.map_or(u + shift, |q| (u * q).floor()))
                .collect()
        };
        type Spec = (u64, usize, f64, Option<f64>);
        let cases: [(&str, Spec, Spec, f64, f64); 9] = [
            (
                "same 200/150",
                (11, 200, 0.0, None),
                (12, 150, 0.0, None),
                0.12,
                0.154_762_227_625_615_26,
            ),
            (
                "shift 500/300",
                (21, 500, 0.0, None),
                (22, 300, 0.1, None),
                0.162_000_000_000_000_03,
                8.872_631_964_676_297e-5,
            ),
            (
                "shift 1000/1000",
                (31, 1000, 0.0, None),
                (32, 1000, 0.15, None),
                0.165_999_999_999_999_98,
                1.644_995_122_177_670_8e-12,
            ),
            (
                "small shift 2000/1500",
                (41, 2000, 0.0, None),
                (42, 1500, 0.03, None),
                0.043_666_666_666_666_63,
                0.073_919_245_648_083_72,
            ),
            (
                "ties 300/400",
                (51, 300, 0.0, Some(7.0)),
                (52, 400, 0.0, Some(8.0)),
                0.147_499_999_999_999_96,
                0.001_035_324_986_804_694_6,
            ),
            (
                "big 60000/50000",
                (61, 60000, 0.0, None),
                (62, 50000, 0.01, None),
                0.013_970_000_000_000_038,
                4.716_831_777_967_777e-5,
            ),
            (
                "tiny 10/7",
                (71, 10, 0.0, None),
                (72, 7, 0.2, None),
                0.428_571_428_571_428_6,
                0.350_895_460_224_906_14,
            ),
            (
                "3/1",
                (91, 3, 0.0, None),
                (92, 1, 0.0, None),
                0.666_666_666_666_666_7,
                0.666_666_666_666_666_5,
            ),
            // SciPy answers NaN here (n = round(0.5) = 0); this returns p = 1.
            ("1/1", (81, 1, 0.0, None), (82, 1, 0.0, None), 1.0, 1.0),
        ];
        for (name, (sa, na, ha, qa), (sb, nb, hb, qb), statistic, p_value) in cases {
            let r = ks_2samp(&sample(sa, na, ha, qa), &sample(sb, nb, hb, qb));
            assert!((r.statistic - statistic).abs() <= 1e-12, "{name}: {r:?}");
            assert!(
                (r.p_value - p_value).abs() <= 1e-12,
                "{name}: {r:?} vs {p_value}"
            );
        }
    }

    #[test]
    fn ks_edge_cases_give_defined_results() {
        assert_eq!(ks_2samp(&[], &[1.0, 2.0]), KsResult::NO_EVIDENCE);
        assert_eq!(ks_2samp(&[1.0], &[]), KsResult::NO_EVIDENCE);
        assert_eq!(ks_2samp(&[f64::NAN; 5], &[1.0, 2.0]), KsResult::NO_EVIDENCE);
        // NaNs are left out.
        assert_eq!(
            ks_2samp(&[1.0, f64::NAN, 2.0, 3.0], &[2.0, 3.0, 4.0]),
            ks_2samp(&[1.0, 2.0, 3.0], &[2.0, 3.0, 4.0])
        );
        // Identical samples: no gap at all.
        let same: Vec<f64> = (0..100).map(f64::from).collect();
        assert_eq!(ks_2samp(&same, &same), KsResult::NO_EVIDENCE);
        // Completely separated samples, infinities included.
        let low = [f64::NEG_INFINITY, -3.0, -2.0, -1.0];
        let high = [1.0, 2.0, 3.0, f64::INFINITY];
        let r = ks_2samp(&low, &high);
        assert_eq!(r.statistic, 1.0);
        assert!(r.p_value < 0.05);
        assert_eq!(ks_per_feature(&[], &[]), [KsResult::NO_EVIDENCE; 2]);
    }

    #[test]
    fn ks_per_feature_tests_each_column() {
        let u = splitmix_uniform(9, 600);
        let train: Vec<[f64; 2]> = u[..300].chunks(2).map(|c| [c[0], c[1]]).collect();
        let new: Vec<[f64; 2]> = u[300..].chunks(2).map(|c| [c[0], c[1] + 0.5]).collect();
        let [first, second] = ks_per_feature(&train, &new);
        let col = |rows: &[[f64; 2]], f: usize| rows.iter().map(|r| r[f]).collect::<Vec<_>>();
        assert_eq!(first, ks_2samp(&col(&train, 0), &col(&new, 0)));
        assert!(first.p_value > 0.05, "{first:?}");
        assert!(second.p_value < 1e-6, "{second:?}");
    }

    proptest! {
        #[test]
        fn ks_never_panics_and_stays_in_range(
            a in prop::collection::vec(prop::num::f64::ANY, 0..60),
            b in prop::collection::vec(prop::num::f64::ANY, 0..60),
        ) {
            let r = ks_2samp(&a, &b);
            prop_assert!((0.0..=1.0).contains(&r.statistic));
            prop_assert!((0.0..=1.0).contains(&r.p_value));
        }

        #[test]
        fn kolmogorov_sf_is_a_probability(n in 1u64..300_000, d in 0.0f64..1.0) {
            let p = kolmogorov_sf(n, d);
            prop_assert!((0.0..=1.0).contains(&p), "n {} d {} p {}", n, d, p);
        }
    }
}
