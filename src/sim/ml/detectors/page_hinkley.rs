//! Page-Hinkley on the error stream, step by step as River's
//! `river/drift/page_hinkley.py`: a faded cumulative sum of the deviations from
//! the running mean, flagged when it climbs more than λ above its lowest point.

use serde::{Deserialize, Serialize};

use super::error::{check, DetectorError};

/// Which change of the mean Page-Hinkley reports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum PhMode {
    /// Increases only: a rising error rate (the default here, since only a worse
    /// model should trigger retraining).
    #[default]
    Up,
    /// Decreases only.
    Down,
    /// Either (River's default).
    Both,
}

/// Page-Hinkley settings. The default is River's: 30 instances, δ 0.005, λ 50,
/// fading factor α 0.9999; the mode defaults to [`PhMode::Up`] (River: both).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PageHinkleyConfig {
    /// Samples seen before drift can be flagged (≥ 1). Default 30.
    pub min_instances: u64,
    /// Magnitude of change tolerated per sample (≥ 0). Default 0.005.
    pub delta: f64,
    /// The statistic must exceed this, λ (> 0). Default 50.
    pub threshold: f64,
    /// Fading factor for the cumulative sums, in (0, 1]. Default 0.9999.
    pub alpha: f64,
    /// Which direction of change to report. Default [`PhMode::Up`].
    pub mode: PhMode,
}

impl Default for PageHinkleyConfig {
    fn default() -> Self {
        PageHinkleyConfig {
            min_instances: 30,
            delta: 0.005,
            threshold: 50.0,
            alpha: 1.0 - 0.0001,
            mode: PhMode::Up,
        }
    }
}

/// The Page-Hinkley test (Page 1954) with a fading factor, as River implements it.
///
/// It keeps the running mean x̄ and two faded cumulative sums of the deviations,
/// `m⁺ = α·m⁺ + (x − x̄ − δ)` and `m⁻ = α·m⁻ + (x − x̄ + δ)`. An increase is
/// flagged when `m⁺ − min m⁺` exceeds λ, a decrease when `max m⁻ − m⁻` does.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PageHinkley {
    config: PageHinkleyConfig,
    /// Samples since the last reset.
    n: u64,
    mean: f64,
    sum_increase: f64,
    sum_decrease: f64,
    /// Smallest `sum_increase` so far; `None` stands for River's +∞ before any sample.
    min_increase: Option<f64>,
    /// Largest `sum_decrease` so far; River starts it at −1.
    max_decrease: f64,
    drift_detected: bool,
    detected: u64,
}

impl Default for PageHinkley {
    fn default() -> Self {
        PageHinkley::fresh(PageHinkleyConfig::default())
    }
}

impl PageHinkley {
    /// A detector with checked settings.
    pub fn new(config: PageHinkleyConfig) -> Result<PageHinkley, DetectorError> {
        check(
            "Page-Hinkley min_instances",
            config.min_instances as f64,
            config.min_instances >= 1,
            "at least 1",
        )?;
        check(
            "Page-Hinkley delta",
            config.delta,
            config.delta >= 0.0,
            "at least 0",
        )?;
        check(
            "Page-Hinkley threshold",
            config.threshold,
            config.threshold > 0.0,
            "greater than 0",
        )?;
        check(
            "Page-Hinkley alpha",
            config.alpha,
            config.alpha > 0.0 && config.alpha <= 1.0,
            "in (0, 1]",
        )?;
        Ok(PageHinkley::fresh(config))
    }

    fn fresh(config: PageHinkleyConfig) -> PageHinkley {
        PageHinkley {
            config,
            n: 0,
            mean: 0.0,
            sum_increase: 0.0,
            sum_decrease: 0.0,
            min_increase: None,
            max_decrease: -1.0,
            drift_detected: false,
            detected: 0,
        }
    }

    /// Forgets the stream (the settings and the count of past detections stay).
    pub fn reset(&mut self) {
        *self = PageHinkley {
            detected: self.detected,
            ..PageHinkley::fresh(self.config)
        };
    }

    /// Feeds one value (an error: 1.0 wrong, 0.0 right); true when drift is
    /// detected at this sample. After a detection the next update starts afresh,
    /// as in River. Non-finite values are ignored.
    pub fn update(&mut self, x: f64) -> bool {
        if self.drift_detected {
            self.reset();
        }
        if !x.is_finite() {
            return false;
        }
        let c = self.config;
        self.n += 1;
        self.mean += (1.0 / self.n as f64) * (x - self.mean);
        let dev = x - self.mean;
        self.sum_increase = c.alpha * self.sum_increase + dev - c.delta;
        self.sum_decrease = c.alpha * self.sum_decrease + dev + c.delta;
        if self.min_increase.is_none_or(|m| self.sum_increase < m) {
            self.min_increase = Some(self.sum_increase);
        }
        if self.sum_decrease > self.max_decrease {
            self.max_decrease = self.sum_decrease;
        }
        if self.n >= c.min_instances {
            let (up, down) = (self.test_increase(), self.test_decrease());
            self.drift_detected = match c.mode {
                PhMode::Up => up > c.threshold,
                PhMode::Down => down > c.threshold,
                PhMode::Both => up > c.threshold || down > c.threshold,
            };
        }
        if self.drift_detected {
            self.detected += 1;
        }
        self.drift_detected
    }

    fn test_increase(&self) -> f64 {
        self.min_increase.map_or(0.0, |m| self.sum_increase - m)
    }

    fn test_decrease(&self) -> f64 {
        if self.n == 0 {
            0.0
        } else {
            self.max_decrease - self.sum_decrease
        }
    }

    /// The current test statistic, compared with [`PageHinkley::threshold`]: how far
    /// the faded sum of deviations has climbed above its lowest point (for
    /// [`PhMode::Up`]; the mirror image for `Down`, the larger of both for `Both`).
    pub fn statistic(&self) -> f64 {
        match self.config.mode {
            PhMode::Up => self.test_increase(),
            PhMode::Down => self.test_decrease(),
            PhMode::Both => self.test_increase().max(self.test_decrease()),
        }
    }

    /// The threshold λ the statistic must exceed.
    pub fn threshold(&self) -> f64 {
        self.config.threshold
    }

    /// The running mean of the values since the last reset (the error rate).
    pub fn mean(&self) -> f64 {
        self.mean
    }

    /// Values seen since the last reset.
    pub fn samples(&self) -> u64 {
        self.n
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
    pub fn config(&self) -> PageHinkleyConfig {
        self.config
    }
}

// Native only: the core is tested natively (proptest and approx are native dev-dependencies).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::super::test_streams::{delays, flagged, river_cases};
    use super::*;

    fn ph_delays(pre: usize, p1: f64) -> (f64, usize, usize) {
        let mut d = PageHinkley::default();
        delays(
            |fresh, x| {
                if fresh {
                    d = PageHinkley::default();
                }
                d.update(x)
            },
            pre,
            p1,
        )
    }

    #[test]
    fn page_hinkley_flags_the_same_samples_as_river() {
        for (xs, expected) in river_cases() {
            for (mode, want) in [PhMode::Up, PhMode::Both, PhMode::Down]
                .into_iter()
                .zip(&expected[1..])
            {
                let mut d = PageHinkley::new(PageHinkleyConfig {
                    mode,
                    ..PageHinkleyConfig::default()
                })
                .expect("valid");
                assert_eq!(&flagged(|x| d.update(x), &xs), want, "{mode:?}");
            }
        }
    }

    #[test]
    fn page_hinkley_detects_an_error_rate_jump_and_rarely_false_alarms() {
        // River reports ~75 samples for 0.1 → 0.5.
        let (mean, false_alarms, misses) = ph_delays(50_000, 0.5);
        assert!((40.0..=160.0).contains(&mean), "0.1→0.5 mean delay {mean}");
        assert_eq!(misses, 0);
        // About one per 50,000 calm samples, as River (λ = 50 with δ = 0.005).
        assert!(
            false_alarms <= 15,
            "{false_alarms} false alarms in 500,000 samples"
        );
        let (mean, _, misses) = ph_delays(50_000, 0.3);
        assert!((80.0..=350.0).contains(&mean), "0.1→0.3 mean delay {mean}");
        assert_eq!(misses, 0);
        let (mean, false_alarms, _) = ph_delays(5_000, 0.5);
        assert!(
            (40.0..=160.0).contains(&mean),
            "short 0.1→0.5 mean delay {mean}"
        );
        assert_eq!(false_alarms, 0);
    }

    #[test]
    fn page_hinkley_statistic_climbs_towards_its_threshold() {
        let mut p = PageHinkley::default();
        assert_eq!((p.statistic(), p.threshold()), (0.0, 50.0));
        for _ in 0..100 {
            p.update(0.0);
        }
        let calm = p.statistic();
        for _ in 0..20 {
            p.update(1.0);
        }
        assert!(p.statistic() > calm + 10.0, "{} vs {calm}", p.statistic());
        assert!(!p.drift_detected());
        assert!((p.mean() - 20.0 / 120.0).abs() < 1e-12);
    }
}
