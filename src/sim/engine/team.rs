//! The team's view in the engine: what the reader's switch, diagnosis and
//! the teacher's lock do, and the snapshot with what only the simulator knows
//! left out. The page is sent no truth to hide while the view holds: the
//! true rule and v1's regions' story (the scatter's rule lines, the reason
//! for a score below a coin flip), the best possible and expected accuracy,
//! and the drift named in the process table are taken out here; the page
//! leaves out the rest (the drift chart, the true-accuracy line, the drift
//! settings), which it draws from facts the team has in another form.

use super::protocol::{Snapshot, TeamIntent};
use super::Engine;
use crate::sim::retraining::steps::StepFact;
use crate::sim::retraining::team_view::{diagnose, TeamView};

impl Engine {
    /// Applies what the reader did with the team's view.
    pub(super) fn team_intent(&mut self, intent: TeamIntent) {
        match intent {
            TeamIntent::Show(true) => {
                self.team.get_or_insert_with(TeamView::default);
            }
            TeamIntent::Show(false) => {
                if !self.team.is_some_and(|t| t.locked) {
                    self.team = None;
                }
            }
            TeamIntent::Diagnose { guess, remedy } => {
                let (params, cycle) = (self.sim.params().clone(), self.sim.cycle());
                let own_data = self.sim.user_data().is_some();
                if let Some(team) = &mut self.team {
                    team.diagnosis = Some(diagnose(&params, cycle, own_data, guess, remedy));
                }
            }
            TeamIntent::HideAgain => {
                if let Some(team) = &mut self.team {
                    team.diagnosis = None;
                }
            }
            TeamIntent::Lock(on) => match &mut self.team {
                Some(team) => team.locked = on,
                None if on => {
                    self.team = Some(TeamView {
                        locked: true,
                        diagnosis: None,
                    })
                }
                None => {}
            },
        }
    }

    /// A new run is a new mystery: a revealed truth is hidden again.
    pub(super) fn hide_truth_again(&mut self) {
        if let Some(team) = &mut self.team {
            team.diagnosis = None;
        }
    }
}

/// Leaves out of `snap` (and its rewound cycle) what only the simulator
/// knows.
pub(super) fn hide_truth(snap: &mut Snapshot) {
    snap.scatter.rules = None;
    snap.scatter.circles = None;
    // With a label delay the team has no labels for the newest batch yet
    // (the initial data, cycle 0, was labelled when v1 was trained).
    if snap.params.label_delay > 0 && snap.batch.cycle > 0 {
        snap.scatter.labels_pending = true;
        snap.batch.y.clear();
        snap.batch.positives = 0;
    }
    snap.scatter.below_half = None;
    snap.best_possible = None;
    for c in &mut snap.summaries {
        c.best_possible = None;
        c.expected = None;
    }
    for row in &mut snap.rows {
        if let StepFact::Collect { drift, .. } = &mut row.fact {
            *drift = None;
        }
    }
    if let Some(rewound) = &mut snap.rewound {
        hide_truth(rewound);
    }
}

// Native only: the core is tested natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::super::protocol::Command;
    use super::*;
    use crate::sim::params::{DriftKind, DriftPattern, SimParams};
    use crate::sim::retraining::team_view::{DriftGuess, Remedy, TrueDrift};
    use crate::sim::wording::{
        diagnosis_sentences, input_drift_caption, step_cells, team_accuracy_note,
        team_scatter_note, team_view_hint, team_view_note, truth_words_in,
    };

    fn team_engine(params: SimParams) -> Engine {
        let mut engine = Engine::new(params).0;
        engine.handle(Command::Team(TeamIntent::Show(true)));
        engine
    }

    /// Every sentence the core words for a snapshot in the team's view.
    fn sentences(snap: &Snapshot) -> Vec<String> {
        let mut all: Vec<String> = snap
            .rows
            .iter()
            .flat_map(|r| {
                let c = step_cells(&r.fact);
                [c.input, c.output, c.action]
            })
            .collect();
        all.push(input_drift_caption(snap.input_drift.as_ref()));
        for c in &snap.summaries {
            all.push(input_drift_caption(c.input_drift.as_ref()));
        }
        all.extend([
            team_accuracy_note(true).to_string(),
            team_accuracy_note(false).to_string(),
            team_scatter_note().to_string(),
            team_view_note(true),
            team_view_note(false),
        ]);
        all
    }

    #[test]
    fn the_team_view_sends_no_truth_over_every_drift_and_seed() {
        for kind in DriftKind::ALL {
            for pattern in [DriftPattern::Sudden, DriftPattern::Gradual] {
                for seed in [1, 7, 2026] {
                    for delay in [0, 3] {
                        let p = SimParams::default()
                            .seed(seed)
                            .drift_kind(kind)
                            .drift_pattern(pattern)
                            .drift_onset(2)
                            .label_delay(delay);
                        let mut engine = team_engine(p);
                        // Mid-cycle and at a cycle's end, live and rewound.
                        engine.handle(Command::Run(6 * 8));
                        let mut snaps = vec![engine.handle(Command::Step)];
                        engine.handle(Command::FinishCycle);
                        snaps.push(engine.handle(Command::ViewCycle(Some(5))));
                        for snap in &snaps {
                            let views = [Some(snap), snap.rewound.as_deref()];
                            for s in views.into_iter().flatten() {
                                assert!(s.hides_truth());
                                assert_eq!(s.scatter.rules, None);
                                assert_eq!(s.scatter.circles, None);
                                assert_eq!(s.scatter.below_half, None);
                                // Labels late: the newest batch comes without them.
                                let late = delay > 0 && s.batch.cycle > 0;
                                assert_eq!(s.scatter.labels_pending, late);
                                assert_eq!(s.batch.y.is_empty(), late);
                                assert!(!s.batch.x.is_empty());
                                assert_eq!(s.best_possible, None);
                                assert!(s
                                    .summaries
                                    .iter()
                                    .all(|c| c.best_possible.is_none() && c.expected.is_none()));
                                assert!(s.summaries.iter().all(|c| c.input_drift.is_some()));
                                for text in sentences(s) {
                                    assert_eq!(
                                        truth_words_in(&text),
                                        Vec::<&str>::new(),
                                        "{kind:?} {pattern:?} seed {seed} delay {delay}: {text}"
                                    );
                                }
                            }
                        }
                    }
                }
            }
        }
        assert!(
            truth_words_in(team_view_hint()).len() > 1,
            "the hint names what is hidden"
        );
    }

    #[test]
    fn a_diagnosis_reveals_the_truth_graded_on_the_runs_drift() {
        let p = SimParams::default()
            .drift_kind(DriftKind::Covariate)
            .drift_onset(2);
        let mut engine = team_engine(p.clone());
        let hidden = engine.handle(Command::Run(4 * 8));
        assert!(hidden.hides_truth() && hidden.best_possible.is_none());
        let snap = engine.handle(Command::Team(TeamIntent::Diagnose {
            guess: DriftGuess::Covariate,
            remedy: Remedy::MeasureFirst,
        }));
        assert!(!snap.hides_truth());
        assert!(snap.best_possible.is_some() && snap.scatter.rules.is_some());
        let d = snap.team.unwrap().diagnosis.unwrap();
        assert_eq!((d.kind_right(), d.remedy_right()), (Some(true), Some(true)));
        assert!(matches!(
            d.truth,
            TrueDrift::Drifted {
                kind: DriftKind::Covariate,
                onset: 2,
                ..
            }
        ));
        let words = diagnosis_sentences(&d).join(" ");
        assert!(words.starts_with("Right: covariate drift"), "{words}");
        // Back to the team's view; a new run hides a revealed truth again.
        let snap = engine.handle(Command::Team(TeamIntent::HideAgain));
        assert!(snap.hides_truth());
        engine.handle(Command::Team(TeamIntent::Diagnose {
            guess: DriftGuess::NoDrift,
            remedy: Remedy::Keep,
        }));
        assert!(engine.handle(Command::Reset).hides_truth());
        // Without the team's view a diagnosis changes nothing.
        let snap = engine.handle(Command::Team(TeamIntent::Show(false)));
        assert_eq!(snap.team, None);
        let snap = engine.handle(Command::Team(TeamIntent::Diagnose {
            guess: DriftGuess::NoDrift,
            remedy: Remedy::Keep,
        }));
        assert_eq!(snap.team, None);
    }

    #[test]
    fn a_locked_view_has_no_way_out_but_a_diagnosis() {
        let mut engine = Engine::new(SimParams::default()).0;
        let snap = engine.handle(Command::Team(TeamIntent::Lock(true)));
        assert!(snap.hides_truth() && snap.team.unwrap().locked);
        let snap = engine.handle(Command::Team(TeamIntent::Show(false)));
        assert!(
            snap.hides_truth(),
            "the switch cannot turn a locked view off"
        );
        let snap = engine.handle(Command::Team(TeamIntent::Diagnose {
            guess: DriftGuess::Concept,
            remedy: Remedy::RetrainRecent,
        }));
        assert!(!snap.hides_truth());
        let d = snap.team.unwrap().diagnosis.unwrap();
        assert_eq!(d.truth, TrueDrift::NoDrift, "nothing ran yet");
        assert_eq!(d.kind_right(), Some(false));
        engine.handle(Command::Team(TeamIntent::Lock(false)));
        assert_eq!(
            engine.handle(Command::Team(TeamIntent::Show(false))).team,
            None
        );
    }
}
