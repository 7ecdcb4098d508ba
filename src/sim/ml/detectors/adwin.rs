//! ADWIN2 (Bifet & Gavaldà 2007) on the error stream, as River's
//! `river/drift/adwin_c.pyx`: an adaptive window kept in an exponential
//! histogram, cut where its older and newer parts differ significantly.

use serde::{Deserialize, Serialize};

use super::error::{check, DetectorError};

/// ADWIN settings; the default is River's (δ 0.002, clock 32, 5 buckets per
/// size, sub-windows of at least 5, grace period 10).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdwinConfig {
    /// Confidence δ, in (0, 1): smaller means fewer false alarms and slower detection.
    pub delta: f64,
    /// Check for change every `clock` samples (≥ 1).
    pub clock: u32,
    /// Buckets of each size kept before two are merged (2..=1000).
    pub max_buckets: usize,
    /// Fewest samples in each sub-window for a cut (≥ 1).
    pub min_window_length: u32,
    /// No check until the window holds more than this many samples.
    pub grace_period: u32,
}

impl Default for AdwinConfig {
    fn default() -> Self {
        AdwinConfig {
            delta: 0.002,
            clock: 32,
            max_buckets: 5,
            min_window_length: 5,
            grace_period: 10,
        }
    }
}

/// A bucket of the exponential histogram: the sum of its elements and the sum of
/// their squared deviations from the bucket's mean.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
struct Bucket {
    total: f64,
    variance: f64,
}

/// ADWIN2 (Bifet & Gavaldà 2007) as River's `AdaptiveWindowing`: a window of
/// recent values summarised in an exponential histogram (row `i` holds buckets of
/// 2ⁱ values, at most `max_buckets + 1` per row before the oldest two merge), so
/// memory grows with the logarithm of the window. Every `clock` samples it tries
/// every cut between buckets into an older part W₀ and a newer part W₁ and drops
/// the oldest bucket while `|μ₀ − μ₁| > ε`, with
/// `ε = √(2·m·σ²·δ′) + ⅔·δ′·m`, `δ′ = ln(2·ln(n)/δ)`, `m = 1/(n₀−5+1) + 1/(n₁−5+1)`
/// and σ² the window's variance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Adwin {
    config: AdwinConfig,
    /// `rows[i]` holds buckets of 2ⁱ values, oldest first; `rows[0]` is the newest.
    rows: Vec<Vec<Bucket>>,
    total: f64,
    /// Sum of squared deviations from the window's mean.
    variance: f64,
    width: u64,
    tick: u64,
    drift_detected: bool,
    detected: u64,
}

impl Default for Adwin {
    fn default() -> Self {
        Adwin::fresh(AdwinConfig::default())
    }
}

/// Values in a bucket of row `row`.
fn bucket_size(row: usize) -> f64 {
    2f64.powi(i32::try_from(row).unwrap_or(i32::MAX))
}

impl Adwin {
    /// A detector with checked settings.
    pub fn new(config: AdwinConfig) -> Result<Adwin, DetectorError> {
        check(
            "ADWIN delta",
            config.delta,
            config.delta > 0.0 && config.delta < 1.0,
            "between 0 and 1 (exclusive)",
        )?;
        check(
            "ADWIN clock",
            f64::from(config.clock),
            config.clock >= 1,
            "at least 1",
        )?;
        check(
            "ADWIN max_buckets",
            config.max_buckets as f64,
            (2..=1000).contains(&config.max_buckets),
            "between 2 and 1000",
        )?;
        check(
            "ADWIN min_window_length",
            f64::from(config.min_window_length),
            config.min_window_length >= 1,
            "at least 1",
        )?;
        Ok(Adwin::fresh(config))
    }

    /// A detector with River's settings and confidence `delta`.
    pub fn with_delta(delta: f64) -> Result<Adwin, DetectorError> {
        Adwin::new(AdwinConfig {
            delta,
            ..AdwinConfig::default()
        })
    }

    fn fresh(config: AdwinConfig) -> Adwin {
        Adwin {
            config,
            rows: vec![Vec::new()],
            total: 0.0,
            variance: 0.0,
            width: 0,
            tick: 0,
            drift_detected: false,
            detected: 0,
        }
    }

    /// Forgets the window (the settings and the count of past detections stay).
    pub fn reset(&mut self) {
        *self = Adwin {
            detected: self.detected,
            ..Adwin::fresh(self.config)
        };
    }

    /// Feeds one value (an error: 1.0 wrong, 0.0 right); true when drift is
    /// detected at this sample. After a detection the next update starts a new
    /// window, as in River. Non-finite values are ignored.
    pub fn update(&mut self, x: f64) -> bool {
        if self.drift_detected {
            self.reset();
        }
        if !x.is_finite() {
            return false;
        }
        self.insert(x);
        self.drift_detected = self.detect_change();
        if self.drift_detected {
            self.detected += 1;
        }
        self.drift_detected
    }

    fn insert(&mut self, x: f64) {
        if self.rows.is_empty() {
            self.rows.push(Vec::new());
        }
        self.rows[0].push(Bucket {
            total: x,
            variance: 0.0,
        });
        self.width += 1;
        if self.width > 1 {
            let w = self.width as f64;
            let d = x - self.total / (w - 1.0);
            self.variance += (w - 1.0) * d * d / w;
        }
        self.total += x;
        self.compress();
    }

    /// Merges the two oldest buckets of any row that overflowed into the next row.
    fn compress(&mut self) {
        let max = self.config.max_buckets;
        let mut row = 0;
        while row < self.rows.len() && self.rows[row].len() > max {
            if row + 1 == self.rows.len() {
                self.rows.push(Vec::new());
            }
            let (a, b) = (self.rows[row][0], self.rows[row][1]);
            let n = bucket_size(row);
            let d = a.total / n - b.total / n;
            self.rows[row + 1].push(Bucket {
                total: a.total + b.total,
                variance: a.variance + b.variance + n * n * d * d / (n + n),
            });
            self.rows[row].drain(..2);
            if self.rows[row + 1].len() <= max {
                break;
            }
            row += 1;
        }
    }

    /// Drops the oldest bucket; returns how many values it held.
    fn delete_oldest(&mut self) -> f64 {
        let Some(last) = self.rows.len().checked_sub(1) else {
            return 0.0;
        };
        if self.rows[last].is_empty() {
            self.rows.pop();
            return 0.0;
        }
        let bucket = self.rows[last].remove(0);
        let n = bucket_size(last);
        self.width = self.width.saturating_sub(1 << last.min(63));
        self.total -= bucket.total;
        let w = self.width as f64;
        let d = bucket.total / n - self.total / w;
        self.variance -= bucket.variance + n * w * d * d / (n + w);
        if self.rows[last].is_empty() && last > 0 {
            self.rows.pop();
        }
        n
    }

    fn cut_is_significant(&self, n0: f64, n1: f64, delta_mean: f64) -> bool {
        let w = self.width as f64;
        let mwl = f64::from(self.config.min_window_length);
        let delta_prime = (2.0 * w.ln() / self.config.delta).ln();
        let m_recip = 1.0 / (n0 - mwl + 1.0) + 1.0 / (n1 - mwl + 1.0);
        let variance_in_window = self.variance / w;
        let epsilon = (2.0 * m_recip * variance_in_window * delta_prime).sqrt()
            + 2.0 / 3.0 * delta_prime * m_recip;
        delta_mean.abs() > epsilon
    }

    /// Every `clock` samples, drops old buckets while some cut shows a change.
    fn detect_change(&mut self) -> bool {
        self.tick += 1;
        let clock = u64::from(self.config.clock.max(1));
        if !self.tick.is_multiple_of(clock) || self.width <= u64::from(self.config.grace_period) {
            return false;
        }
        let mwl = f64::from(self.config.min_window_length);
        let mut change = false;
        let mut reduce = true;
        while reduce && self.width > 0 {
            reduce = false;
            let (mut n0, mut n1) = (0.0, self.width as f64);
            let (mut u0, mut u1) = (0.0, self.total);
            'rows: for row in (0..self.rows.len()).rev() {
                let n2 = bucket_size(row);
                let len = self.rows[row].len();
                for k in 0..len {
                    let u2 = self.rows[row][k].total;
                    n0 += n2;
                    n1 -= n2;
                    u0 += u2;
                    u1 -= u2;
                    if row == 0 && k + 1 == len {
                        break 'rows; // W₁ would be empty
                    }
                    let delta_mean = u0 / n0 - u1 / n1;
                    if n1 >= mwl && n0 >= mwl && self.cut_is_significant(n0, n1, delta_mean) {
                        change = true;
                        reduce = true;
                        self.delete_oldest();
                        break 'rows;
                    }
                }
            }
        }
        change
    }

    /// Values in the current window.
    pub fn width(&self) -> u64 {
        self.width
    }

    /// Mean of the window (the recent error rate); 0 when empty.
    pub fn estimation(&self) -> f64 {
        if self.width == 0 {
            0.0
        } else {
            self.total / self.width as f64
        }
    }

    /// Variance of the values in the window; 0 when empty.
    pub fn variance(&self) -> f64 {
        if self.width == 0 {
            0.0
        } else {
            self.variance / self.width as f64
        }
    }

    /// Buckets held (the memory used grows with the logarithm of the width).
    pub fn buckets(&self) -> usize {
        self.rows.iter().map(Vec::len).sum()
    }

    /// Whether the last update flagged drift.
    pub fn drift_detected(&self) -> bool {
        self.drift_detected
    }

    /// How many drifts were flagged since the detector was made.
    pub fn detected(&self) -> u64 {
        self.detected
    }

    /// The settings.
    pub fn config(&self) -> AdwinConfig {
        self.config
    }
}

// Native only: the core is tested natively (proptest and approx are native dev-dependencies).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::super::test_streams::{delays, flagged, river_cases, splitmix_uniform};
    use super::*;

    fn adwin_delays(pre: usize, p1: f64) -> (f64, usize, usize) {
        let mut d = Adwin::default();
        delays(
            |fresh, x| {
                if fresh {
                    d = Adwin::default();
                }
                d.update(x)
            },
            pre,
            p1,
        )
    }

    #[test]
    fn adwin_flags_the_same_samples_as_river() {
        for (xs, expected) in river_cases() {
            let mut d = Adwin::default();
            assert_eq!(flagged(|x| d.update(x), &xs), expected[0]);
        }
        // Final window after the first case, bit for bit as River's.
        let (xs, _) = &river_cases()[0];
        let mut d = Adwin::default();
        xs.iter().for_each(|&x| {
            d.update(x);
        });
        assert_eq!(d.width(), 1952);
        assert_eq!(d.estimation(), 0.516_905_737_704_918);
        // `ADWIN(delta=0.01, clock=1)`.
        let (xs, _) = &river_cases()[1];
        let mut d = Adwin::new(AdwinConfig {
            delta: 0.01,
            clock: 1,
            ..AdwinConfig::default()
        })
        .expect("valid");
        assert_eq!(flagged(|x| d.update(x), xs), [3080, 6075]);
    }

    #[test]
    fn adwin_detects_an_error_rate_jump_within_dozens_of_samples() {
        // River reports ~48 samples for 0.1 → 0.5 and ~112 for 0.1 → 0.3.
        let (mean, false_alarms, misses) = adwin_delays(50_000, 0.5);
        assert!((20.0..=120.0).contains(&mean), "0.1→0.5 mean delay {mean}");
        assert_eq!((false_alarms, misses), (0, 0));
        let (mean, false_alarms, misses) = adwin_delays(50_000, 0.3);
        assert!((40.0..=300.0).contains(&mean), "0.1→0.3 mean delay {mean}");
        assert_eq!((false_alarms, misses), (0, 0));
        let (mean, false_alarms, _) = adwin_delays(5_000, 0.5);
        assert!(
            (20.0..=120.0).contains(&mean),
            "short 0.1→0.5 mean delay {mean}"
        );
        assert_eq!(false_alarms, 0);
    }

    #[test]
    fn adwin_memory_stays_logarithmic() {
        let mut d = Adwin::default();
        let u = splitmix_uniform(5, 200_000);
        for &x in &u {
            d.update(f64::from(u8::from(x < 0.2)));
        }
        assert_eq!(d.width(), 200_000);
        // At most max_buckets + 1 buckets per row, one row per power of two.
        assert!(d.buckets() <= 6 * 18, "{} buckets", d.buckets());
        assert!((d.estimation() - 0.2).abs() < 0.01);
        assert!((d.variance() - 0.16).abs() < 0.01);
    }
}
