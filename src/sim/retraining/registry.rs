//! The model registry: every version trained in the run, its status, scores,
//! the cycle and data window it came from, and which version it replaced.

use serde::{Deserialize, Serialize};

use crate::sim::ml::evaluate::Scores;
use crate::sim::params::ModelKind;
use crate::sim::retraining::cost::RetrainCost;

/// Where a version stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum VersionStatus {
    /// Trained and not yet judged (between steps 4 and 7).
    Candidate,
    /// Serving predictions now.
    Live,
    /// Was live, then replaced.
    Retired,
    /// Failed the check; never served.
    Rejected,
}

impl VersionStatus {
    /// The word the page shows.
    pub fn label(self) -> &'static str {
        match self {
            VersionStatus::Candidate => "candidate",
            VersionStatus::Live => "live",
            VersionStatus::Retired => "retired",
            VersionStatus::Rejected => "rejected",
        }
    }
}

/// The rows a model was trained on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowInfo {
    /// Oldest batch in the window (0 = initial data).
    pub first_cycle: u32,
    /// Newest batch in the window.
    pub last_cycle: u32,
    /// Training rows.
    pub rows: usize,
}

/// One model version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelVersion {
    /// 1, 2, 3, …
    pub version: u32,
    /// Its status now.
    pub status: VersionStatus,
    /// The learner.
    pub kind: ModelKind,
    /// The cycle it was trained in (0 for v1).
    pub trained_in_cycle: u32,
    /// The data it was trained on.
    pub window: WindowInfo,
    /// Its scores on the hold-out slice it was judged on.
    pub scores: Scores,
    /// The deploy threshold it was judged against (`None` for v1, which was
    /// never judged), so its score is shown with the digits that tell the two apart.
    #[serde(default)]
    pub judged_against: Option<f64>,
    /// The version it replaced when it went live.
    pub replaced: Option<u32>,
    /// The version that replaced it, once retired.
    pub replaced_by: Option<u32>,
    /// What training it cost (`None` for v1, the starting point, which is
    /// not a retrain).
    #[serde(default)]
    pub cost: Option<RetrainCost>,
}

/// How a version went live.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RegistryEventKind {
    /// A candidate passed its check and was deployed.
    Deployed,
    /// An earlier version was made live again by hand.
    RolledBack,
}

/// One change of the live version: who replaced whom, and when.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistryEvent {
    /// The cycle it happened in.
    pub cycle: u32,
    /// Deploy or rollback.
    pub kind: RegistryEventKind,
    /// The version that stopped serving.
    pub from: Option<u32>,
    /// The version that went live.
    pub to: u32,
}

/// All versions of a run, oldest first, and the history of the live version.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Registry {
    versions: Vec<ModelVersion>,
    events: Vec<RegistryEvent>,
    /// Versions dropped from the list to bound memory.
    forgotten: u32,
    /// Events dropped from the list to bound memory.
    forgotten_events: u32,
}

impl Registry {
    /// The versions kept, oldest first: every version until the list is long,
    /// then the newest ones plus those [`Registry::forget_old`] was told to keep.
    pub fn versions(&self) -> &[ModelVersion] {
        &self.versions
    }

    /// How many versions were ever registered.
    pub fn total_versions(&self) -> u32 {
        self.versions.len() as u32 + self.forgotten
    }

    /// How many live-version changes were ever recorded.
    pub fn total_events(&self) -> u32 {
        self.events.len() as u32 + self.forgotten_events
    }

    /// Bounds memory: keeps the newest `newest` versions and every version
    /// `keep` accepts (v1, the live one, those that can be rolled back to), and
    /// the newest `newest` events.
    pub fn forget_old(&mut self, newest: usize, keep: impl Fn(u32) -> bool) {
        let len = self.versions.len();
        if len > newest {
            let first_recent = len - newest;
            let mut i = 0;
            self.versions.retain(|v| {
                let kept = i >= first_recent || keep(v.version);
                i += 1;
                kept
            });
            self.forgotten += (len - self.versions.len()) as u32;
        }
        let events = self.events.len();
        if events > newest {
            self.events.drain(..events - newest);
            self.forgotten_events += (events - newest) as u32;
        }
    }

    /// The next free version number.
    pub fn next_version(&self) -> u32 {
        self.versions.last().map_or(1, |v| v.version + 1)
    }

    /// Looks a version up.
    pub fn get(&self, version: u32) -> Option<&ModelVersion> {
        self.versions.iter().find(|v| v.version == version)
    }

    fn get_mut(&mut self, version: u32) -> Option<&mut ModelVersion> {
        self.versions.iter_mut().find(|v| v.version == version)
    }

    /// The version serving now.
    pub fn live(&self) -> Option<&ModelVersion> {
        self.versions
            .iter()
            .rev()
            .find(|v| v.status == VersionStatus::Live)
    }

    /// Adds a newly trained version.
    pub fn add(&mut self, version: ModelVersion) {
        self.versions.push(version);
    }

    /// Records the candidate's scores.
    pub fn set_scores(&mut self, version: u32, scores: Scores) {
        if let Some(v) = self.get_mut(version) {
            v.scores = scores;
        }
    }

    /// Makes `version` live and retires the one it replaces.
    pub fn promote(&mut self, version: u32) {
        let previous = self.live().map(|v| v.version);
        if previous == Some(version) {
            return;
        }
        if let Some(prev) = previous.and_then(|p| self.get_mut(p)) {
            prev.status = VersionStatus::Retired;
            prev.replaced_by = Some(version);
        }
        if let Some(v) = self.get_mut(version) {
            v.status = VersionStatus::Live;
            v.replaced = previous;
            v.replaced_by = None;
        }
    }

    /// The newest changes of the live version, oldest first.
    pub fn events(&self) -> &[RegistryEvent] {
        &self.events
    }

    /// Deploys `version` in `cycle` and records it.
    pub fn promote_at(&mut self, version: u32, cycle: u32) {
        self.record(version, cycle, RegistryEventKind::Deployed);
    }

    /// Makes an earlier `version` live again in `cycle` and records it.
    pub fn rollback(&mut self, version: u32, cycle: u32) {
        self.record(version, cycle, RegistryEventKind::RolledBack);
    }

    fn record(&mut self, version: u32, cycle: u32, kind: RegistryEventKind) {
        let from = self.live().map(|v| v.version);
        if from == Some(version) || self.get(version).is_none() {
            return;
        }
        self.promote(version);
        self.events.push(RegistryEvent {
            cycle,
            kind,
            from,
            to: version,
        });
    }

    /// Marks a candidate as rejected.
    pub fn reject(&mut self, version: u32) {
        if let Some(v) = self.get_mut(version) {
            v.status = VersionStatus::Rejected;
        }
    }
}

// Native only: the core is tested natively (proptest and approx are native dev-dependencies).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn version(n: u32, status: VersionStatus) -> ModelVersion {
        ModelVersion {
            version: n,
            status,
            kind: ModelKind::LogisticRegression,
            trained_in_cycle: n - 1,
            window: WindowInfo::default(),
            judged_against: None,
            scores: Scores::default(),
            replaced: None,
            replaced_by: None,
            cost: None,
        }
    }

    #[test]
    fn promote_retires_the_previous_live_version() {
        let mut r = Registry::default();
        r.add(version(1, VersionStatus::Live));
        r.add(version(2, VersionStatus::Candidate));
        r.promote(2);
        assert_eq!(r.live().unwrap().version, 2);
        assert_eq!(r.get(1).unwrap().status, VersionStatus::Retired);
        assert_eq!(r.get(1).unwrap().replaced_by, Some(2));
        assert_eq!(r.get(2).unwrap().replaced, Some(1));
        assert_eq!(r.next_version(), 3);
    }

    #[test]
    fn reject_keeps_the_live_version() {
        let mut r = Registry::default();
        r.add(version(1, VersionStatus::Live));
        r.add(version(2, VersionStatus::Candidate));
        r.reject(2);
        assert_eq!(r.live().unwrap().version, 1);
        assert_eq!(r.get(2).unwrap().status, VersionStatus::Rejected);
    }

    #[test]
    fn rollback_records_who_replaced_whom() {
        let mut r = Registry::default();
        r.add(version(1, VersionStatus::Live));
        r.add(version(2, VersionStatus::Candidate));
        r.promote_at(2, 1);
        r.rollback(1, 3);
        assert_eq!(r.live().unwrap().version, 1);
        assert_eq!(r.get(2).unwrap().status, VersionStatus::Retired);
        assert_eq!(r.get(2).unwrap().replaced_by, Some(1));
        assert_eq!(
            r.events(),
            [
                RegistryEvent {
                    cycle: 1,
                    kind: RegistryEventKind::Deployed,
                    from: Some(1),
                    to: 2
                },
                RegistryEvent {
                    cycle: 3,
                    kind: RegistryEventKind::RolledBack,
                    from: Some(2),
                    to: 1
                }
            ]
        );
        r.rollback(1, 4);
        assert_eq!(
            r.events().len(),
            2,
            "rolling back to the live version changes nothing"
        );
    }
}
