//! Fixtures the tests above the cycle share (native tests only), so no test borrows
//! another file's `mod tests`.

use super::cycle::Simulation;
use super::params::SimParams;

/// A fresh run of `params` with `cycles` cycles finished.
pub(crate) fn run(params: SimParams, cycles: u32) -> Simulation {
    let mut sim = Simulation::from_params(params).expect("starts");
    sim.finish_cycles(cycles);
    sim
}

/// The cycles whose trigger fired (the main trigger or the floor).
pub(crate) fn fired_cycles(sim: &Simulation) -> Vec<u32> {
    sim.summaries()
        .iter()
        .filter(|s| s.trigger.as_ref().is_some_and(|t| t.fired))
        .map(|s| s.cycle)
        .collect()
}

/// The cycles that trained a candidate.
pub(crate) fn retrained_cycles(sim: &Simulation) -> Vec<u32> {
    sim.summaries()
        .iter()
        .filter(|s| s.retrained())
        .map(|s| s.cycle)
        .collect()
}
