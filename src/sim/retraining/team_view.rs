//! The team's view: what a team running the model can see (measured and
//! estimated accuracy, the inputs' drift test, detectors, alerts, the
//! registry) without what only the simulator knows (the true rule, the true
//! and best possible accuracy, the drift itself). The student diagnoses the
//! drift from the dashboard, then reveals the truth; [`diagnose`] grades the
//! answer against the run's own settings and drift — typed facts, never the
//! words on the page.

use serde::{Deserialize, Serialize};

use crate::sim::keys_and_labels::keys_and_labels;
use crate::sim::params::{DriftKind, DriftPattern, SimParams};
use crate::sim::stream::drift::{drift_at, DriftState};

/// The student's answer to "which drift is this?".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DriftGuess {
    /// Nothing changed.
    NoDrift,
    /// The inputs moved; the rule stayed.
    Covariate,
    /// The rule that labels the data changed.
    Concept,
    /// One class became more common.
    Prior,
}

keys_and_labels! {
    DriftGuess {
        NoDrift => "none", "No drift: the data is as the model learned it";
        Covariate => "covariate", "Covariate drift: the inputs moved, the rule stayed";
        Concept => "concept", "Concept drift: the rule that labels the data changed";
        Prior => "prior", "Prior shift: one class became more common";
    }
}

impl DriftGuess {
    /// The answer that names `kind`.
    pub fn of(kind: DriftKind) -> DriftGuess {
        match kind {
            DriftKind::Concept => DriftGuess::Concept,
            DriftKind::Covariate => DriftGuess::Covariate,
            DriftKind::Prior => DriftGuess::Prior,
        }
    }

    /// What a team should do about it: nothing new without drift; with the
    /// rule unchanged (covariate drift, prior shift), measure on the new
    /// labels before paying for a retrain (a model may keep its accuracy);
    /// with a new rule, retrain on recent labels only (older rows teach the
    /// old rule).
    pub fn remedy(self) -> Remedy {
        match self {
            DriftGuess::NoDrift => Remedy::Keep,
            DriftGuess::Covariate | DriftGuess::Prior => Remedy::MeasureFirst,
            DriftGuess::Concept => Remedy::RetrainRecent,
        }
    }
}

/// The student's answer to "what would you do?".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Remedy {
    /// Keep the live model; keep monitoring.
    Keep,
    /// Wait for the new batches' labels, retrain only if accuracy dropped.
    MeasureFirst,
    /// Retrain now on the newest labelled data only.
    RetrainRecent,
}

keys_and_labels! {
    Remedy {
        Keep => "keep", "Keep the live model and keep watching";
        MeasureFirst => "measure", "Wait for the new labels, and retrain only if the measured accuracy drops";
        RetrainRecent => "retrain", "Retrain on the newest labelled data only, leaving out rows labelled before the change";
    }
}

/// What the simulator knows happened up to a cycle.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum TrueDrift {
    /// No batch so far was drawn under any drift.
    NoDrift,
    /// The stream drifted.
    Drifted {
        /// What the drift changes.
        kind: DriftKind,
        /// How it unfolds.
        pattern: DriftPattern,
        /// The first cycle drawn under it.
        onset: u32,
        /// The strongest drift any batch so far was drawn under.
        strongest: DriftState,
    },
    /// The teacher's own or real data: nobody knows its generating process.
    Unknown,
}

impl TrueDrift {
    /// The drift of a synthetic run with `params` over cycles 1..=`cycle`.
    pub fn of_run(params: &SimParams, cycle: u32) -> TrueDrift {
        let strongest = (1..=cycle)
            .map(|c| drift_at(params, c))
            .filter(|d| d.effective > 0.0)
            .max_by(|a, b| a.effective.total_cmp(&b.effective));
        let onset = (1..=cycle).find(|&c| drift_at(params, c).effective > 0.0);
        match (strongest, onset) {
            (Some(strongest), Some(onset)) => TrueDrift::Drifted {
                kind: params.drift_kind,
                pattern: params.drift_pattern,
                onset,
                strongest,
            },
            _ => TrueDrift::NoDrift,
        }
    }

    /// The right answer, when the simulator knows it.
    pub fn answer(&self) -> Option<DriftGuess> {
        match self {
            TrueDrift::NoDrift => Some(DriftGuess::NoDrift),
            TrueDrift::Drifted { kind, .. } => Some(DriftGuess::of(*kind)),
            TrueDrift::Unknown => None,
        }
    }
}

/// A graded diagnosis.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Diagnosis {
    /// The cycle it was made at (the newest batch's).
    pub cycle: u32,
    /// Which drift the student named.
    pub guess: DriftGuess,
    /// What the student would do.
    pub remedy: Remedy,
    /// What really happened.
    pub truth: TrueDrift,
}

impl Diagnosis {
    /// Whether the drift was named right (`None`: nobody knows).
    pub fn kind_right(&self) -> Option<bool> {
        self.truth.answer().map(|a| a == self.guess)
    }

    /// Whether the remedy fits what really happened (`None`: nobody knows).
    pub fn remedy_right(&self) -> Option<bool> {
        self.truth.answer().map(|a| a.remedy() == self.remedy)
    }
}

/// Grades an answer at `cycle` of a run with `params` (`own_data`: the
/// teacher's or real data, whose truth is unknown).
pub fn diagnose(
    params: &SimParams,
    cycle: u32,
    own_data: bool,
    guess: DriftGuess,
    remedy: Remedy,
) -> Diagnosis {
    let truth = if own_data {
        TrueDrift::Unknown
    } else {
        TrueDrift::of_run(params, cycle)
    };
    Diagnosis {
        cycle,
        guess,
        remedy,
        truth,
    }
}

/// The team's view as the engine keeps it (and the page is told).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TeamView {
    /// The teacher's link locked it: no switch back to the simulator's view;
    /// the truth is revealed only after a diagnosis.
    pub locked: bool,
    /// The diagnosis given and graded; the truth is shown while it stands.
    pub diagnosis: Option<Diagnosis>,
}

impl TeamView {
    /// Whether the page must leave out what only the simulator knows.
    pub fn hides_truth(&self) -> bool {
        self.diagnosis.is_none()
    }
}

// Native only: the core is tested natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn drifting(kind: DriftKind, pattern: DriftPattern) -> SimParams {
        SimParams::default()
            .drift_kind(kind)
            .drift_pattern(pattern)
            .drift_onset(4)
            .drift_strength(0.6)
    }

    #[test]
    fn the_truth_is_the_runs_drift_kind_once_a_batch_drifted() {
        for kind in DriftKind::ALL {
            for pattern in DriftPattern::ALL {
                let p = drifting(kind, pattern);
                assert_eq!(
                    TrueDrift::of_run(&p, 3),
                    TrueDrift::NoDrift,
                    "{kind:?} {pattern:?}"
                );
                let TrueDrift::Drifted {
                    kind: k,
                    onset,
                    strongest,
                    ..
                } = TrueDrift::of_run(&p, 9)
                else {
                    panic!("{kind:?} {pattern:?} drifted by cycle 9");
                };
                assert_eq!((k, onset), (kind, 4));
                assert!(strongest.effective > 0.0 && strongest.cycle <= 9);
                let d = diagnose(
                    &p,
                    9,
                    false,
                    DriftGuess::of(kind),
                    DriftGuess::of(kind).remedy(),
                );
                assert_eq!((d.kind_right(), d.remedy_right()), (Some(true), Some(true)));
            }
        }
    }

    #[test]
    fn wrong_answers_are_graded_wrong_and_own_data_is_not_graded() {
        let p = drifting(DriftKind::Concept, DriftPattern::Sudden);
        let d = diagnose(&p, 6, false, DriftGuess::Covariate, Remedy::RetrainRecent);
        assert_eq!(
            (d.kind_right(), d.remedy_right()),
            (Some(false), Some(true))
        );
        let d = diagnose(&p, 2, false, DriftGuess::Concept, Remedy::Keep);
        assert_eq!(d.truth.answer(), Some(DriftGuess::NoDrift));
        assert_eq!(
            (d.kind_right(), d.remedy_right()),
            (Some(false), Some(true))
        );
        let d = diagnose(&p, 6, true, DriftGuess::Concept, Remedy::Keep);
        assert_eq!(
            (d.truth, d.kind_right(), d.remedy_right()),
            (TrueDrift::Unknown, None, None)
        );
        let none = SimParams::default().drift_strength(0.0);
        assert_eq!(TrueDrift::of_run(&none, 40), TrueDrift::NoDrift);
    }

    #[test]
    fn a_recurring_drift_counts_once_it_has_come_even_while_it_is_away() {
        let p = drifting(DriftKind::Prior, DriftPattern::Recurring).drift_speed(1.0);
        let away = (5..30).find(|&c| drift_at(&p, c).effective == 0.0).unwrap();
        assert!(matches!(
            TrueDrift::of_run(&p, away),
            TrueDrift::Drifted {
                kind: DriftKind::Prior,
                ..
            }
        ));
    }

    #[test]
    fn the_truth_is_hidden_until_a_diagnosis_stands() {
        let mut v = TeamView::default();
        assert!(v.hides_truth());
        v.diagnosis = Some(diagnose(
            &SimParams::default(),
            1,
            false,
            DriftGuess::NoDrift,
            Remedy::Keep,
        ));
        assert!(!v.hides_truth());
    }
}
