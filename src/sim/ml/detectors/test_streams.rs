//! Streams the detectors' tests share: SplitMix64 values reproducible in Python
//! (to cross-check River and SciPy), Bernoulli error streams with a jump, and
//! the samples River 0.26.1 flags on them.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Uniform values from SplitMix64, reproducible in Python to cross-check River and SciPy.
pub(super) fn splitmix_uniform(seed: u64, n: usize) -> Vec<f64> {
    let mut state = seed;
    (0..n)
        .map(|_| {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            (z >> 11) as f64 * 2f64.powi(-53)
        })
        .collect()
}

/// Concatenated segments of `(length, p)` from one SplitMix64 stream: Bernoulli(p)
/// errors, or (for `bernoulli == false`) uniform values times p.
pub(super) fn splitmix_stream(seed: u64, segments: &[(usize, f64)], bernoulli: bool) -> Vec<f64> {
    let total = segments.iter().map(|s| s.0).sum();
    let u = splitmix_uniform(seed, total);
    let mut out = Vec::with_capacity(total);
    for &(n, p) in segments {
        for &x in &u[out.len()..out.len() + n] {
            out.push(if bernoulli {
                f64::from(u8::from(x < p))
            } else {
                x * p
            });
        }
    }
    out
}

/// Bernoulli errors: rate p0 for `pre` samples, then p1 for `post`.
fn chacha_errors(seed: u64, pre: usize, p0: f64, post: usize, p1: f64) -> Vec<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..pre + post)
        .map(|i| f64::from(u8::from(rng.gen::<f64>() < if i < pre { p0 } else { p1 })))
        .collect()
}

pub(super) fn flagged(mut update: impl FnMut(f64) -> bool, xs: &[f64]) -> Vec<usize> {
    xs.iter()
        .enumerate()
        .filter_map(|(i, &x)| update(x).then_some(i))
        .collect()
}

/// Detection delays after a change from 0.1 to `p1` at `pre`, over seeds 0..10:
/// (mean delay, false alarms before the change, misses).
pub(super) fn delays(
    mut update: impl FnMut(bool, f64) -> bool,
    pre: usize,
    p1: f64,
) -> (f64, usize, usize) {
    let (mut sum, mut found, mut false_alarms, mut misses) = (0usize, 0usize, 0usize, 0usize);
    for seed in 0..10 {
        let xs = chacha_errors(seed, pre, 0.1, 2_000, p1);
        let mut delay = None;
        for (i, &x) in xs.iter().enumerate() {
            if update(i == 0, x) {
                if i < pre {
                    false_alarms += 1;
                } else {
                    delay = Some(i - pre);
                    break;
                }
            }
        }
        match delay {
            Some(d) => {
                sum += d;
                found += 1;
            }
            None => misses += 1,
        }
    }
    (sum as f64 / found.max(1) as f64, false_alarms, misses)
}

// Indices River 0.26.1 flags on the same SplitMix64 streams
// (`drift.ADWIN()`, `drift.PageHinkley(mode=...)`).
pub(super) fn river_cases() -> Vec<(Vec<f64>, [Vec<usize>; 4])> {
    vec![
        (
            splitmix_stream(1, &[(2000, 0.1), (2000, 0.5)], true),
            [vec![2047], vec![2102], vec![2102], vec![]],
        ),
        (
            splitmix_stream(7, &[(3000, 0.1), (3000, 0.3), (3000, 0.1)], true),
            [vec![3167, 6111], vec![3307], vec![3307, 6143], vec![6315]],
        ),
        (
            splitmix_stream(42, &[(1500, 1.0), (1500, 2.0)], false),
            [vec![1535], vec![1567], vec![1567], vec![]],
        ),
        (
            splitmix_stream(3, &[(20000, 0.2)], true),
            [vec![], vec![19555], vec![14332], vec![14332]],
        ),
    ]
}

mod tests {
    use super::*;

    #[test]
    fn splitmix_stream_matches_the_python_reference() {
        let u = splitmix_uniform(1, 3);
        assert_eq!(
            u,
            [
                0.566_561_575_172_280_9,
                0.745_781_757_262_701_1,
                0.971_002_753_586_796_2
            ]
        );
    }
}
