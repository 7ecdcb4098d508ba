//! Drift detectors: Page-Hinkley and ADWIN on the live model's error stream
//! (1.0 = wrong prediction, 0.0 = right), and the two-sample Kolmogorov–Smirnov
//! test on the inputs.
//!
//! The error-stream detectors follow River step by step (`river/drift/page_hinkley.py`;
//! ADWIN2 of Bifet & Gavaldà 2007 as `river/drift/adwin_c.pyx` and its Rust port in
//! River 0.26), so they flag the same samples River 0.26.1 does on the same stream
//! (checked in their tests). Like River, a detector that flagged drift starts
//! afresh on its next update.
//!
//! The KS test computes the exact two-sided statistic D as SciPy's `ks_2samp`
//! does, and the p-value as SciPy's `method='asymp'`: the survival function of
//! the one-sample Kolmogorov distribution `kstwo` at D with
//! `n = round(n₁·n₂/(n₁+n₂))`, evaluated with Simard & L'Ecuyer's choice of
//! exact and asymptotic formulas (Durbin's matrix, Smirnov's sum, Pelz–Good).
//!
//! Nothing here panics: non-finite error values are ignored by the detectors, and
//! NaN or empty samples give a defined KS result.
//!
//! One file each: `page_hinkley.rs` ([`PageHinkley`]), `adwin.rs` ([`Adwin`]),
//! `ks.rs` ([`ks_2samp`] and the Kolmogorov distribution it needs) and
//! `error.rs` ([`DetectorError`], what their settings are checked with).

mod adwin;
mod error;
mod ks;
mod page_hinkley;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod test_streams;

pub use adwin::{Adwin, AdwinConfig};
pub use error::DetectorError;
pub use ks::{ks_2samp, ks_per_feature, KsResult};
pub use page_hinkley::{PageHinkley, PageHinkleyConfig, PhMode};

// Both error-stream detectors side by side: what they share (a fresh start after
// a detection, JSON state, ignored non-finite values, typed setting errors).
// Native only: the core is tested natively (proptest and approx are native
// dev-dependencies).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::test_streams::splitmix_stream;
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn detectors_start_afresh_after_a_detection() {
        let xs = splitmix_stream(1, &[(2000, 0.1), (2000, 0.5)], true);
        let mut d = Adwin::default();
        for &x in &xs[..=2047] {
            d.update(x);
        }
        assert!(d.drift_detected());
        assert_eq!(d.detected(), 1);
        assert!(d.width() < 2048, "the old part of the window was dropped");
        d.update(1.0);
        assert_eq!((d.width(), d.estimation(), d.detected()), (1, 1.0, 1));

        let mut p = PageHinkley::default();
        for &x in &xs[..=2102] {
            p.update(x);
        }
        assert!(p.drift_detected());
        assert!(p.statistic() > p.threshold());
        p.update(0.0);
        assert_eq!((p.samples(), p.statistic(), p.detected()), (1, 0.0, 1));
    }

    #[test]
    fn detector_state_round_trips_through_json() {
        let xs = splitmix_stream(7, &[(3000, 0.1), (3000, 0.3)], true);
        let (mut a, mut p) = (Adwin::default(), PageHinkley::default());
        for &x in &xs[..3000] {
            a.update(x);
            p.update(x);
        }
        let mut a2: Adwin =
            serde_json::from_str(&serde_json::to_string(&a).expect("ser")).expect("de");
        let mut p2: PageHinkley =
            serde_json::from_str(&serde_json::to_string(&p).expect("ser")).expect("de");
        assert_eq!((&a2, &p2), (&a, &p));
        for &x in &xs[3000..] {
            assert_eq!(a2.update(x), a.update(x));
            assert_eq!(p2.update(x), p.update(x));
        }
        assert_eq!((a2.detected(), p2.detected()), (1, 1));
    }

    #[test]
    fn non_finite_values_are_ignored() {
        let mut a = Adwin::default();
        let mut p = PageHinkley::default();
        for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert!(!a.update(x));
            assert!(!p.update(x));
        }
        assert_eq!((a.width(), p.samples()), (0, 0));
        assert_eq!(a.estimation(), 0.0);
    }

    #[test]
    fn invalid_settings_are_typed_errors() {
        let e = Adwin::with_delta(0.0).expect_err("delta 0");
        assert_eq!(
            e.to_string(),
            "ADWIN delta must be between 0 and 1 (exclusive), got 0"
        );
        assert!(Adwin::with_delta(f64::NAN).is_err());
        assert!(Adwin::new(AdwinConfig {
            clock: 0,
            ..AdwinConfig::default()
        })
        .is_err());
        assert!(Adwin::new(AdwinConfig {
            max_buckets: 1,
            ..AdwinConfig::default()
        })
        .is_err());
        assert!(PageHinkley::new(PageHinkleyConfig {
            alpha: 1.5,
            ..PageHinkleyConfig::default()
        })
        .is_err());
        assert!(matches!(
            PageHinkley::new(PageHinkleyConfig {
                threshold: 0.0,
                ..PageHinkleyConfig::default()
            }),
            Err(DetectorError::InvalidParameter { ref name, .. }) if name == "Page-Hinkley threshold"
        ));
        assert!(Adwin::with_delta(0.002).is_ok());
        assert_eq!(Adwin::with_delta(0.002).ok(), Some(Adwin::default()));
    }

    proptest! {
        #[test]
        fn detectors_never_panic_on_any_values(xs in prop::collection::vec(prop::num::f64::ANY, 0..300)) {
            let mut a = Adwin::new(AdwinConfig { clock: 1, ..AdwinConfig::default() }).expect("valid");
            let mut p = PageHinkley::new(PageHinkleyConfig { mode: PhMode::Both, ..PageHinkleyConfig::default() }).expect("valid");
            for x in xs {
                a.update(x);
                p.update(x);
                let _ = (a.width(), a.estimation(), p.statistic());
            }
        }
    }
}
