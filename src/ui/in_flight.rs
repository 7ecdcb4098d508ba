//! The commands on their way, in one queue: the reducer adds each command sent
//! (with the settings the controls showed then) and removes each one whose
//! answer it draws; the connection notes each answer as it arrives; the play
//! timer and the engine watchdog read it between draws, without a redraw.
//!
//! Two counts come out of it. Commands the engine has not answered yet: the
//! play timer sends more work only when there are none, and the watchdog
//! says the engine stopped when one has waited a minute. Commands whose answer
//! is not on screen yet (those, and answers waiting for the next full-speed
//! draw): the page's `data-pending`, which the tests wait to see at 0.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use crate::sim::engine::protocol::{Command, Reply};
use crate::sim::params::SimParams;
use crate::worker::now_ms;

/// The shared queue (cloning shares it).
#[derive(Clone, Default)]
pub struct InFlight(Rc<RefCell<Queue>>);

#[derive(Default)]
struct Queue {
    /// Commands sent whose answer is not drawn yet, oldest first (the engine
    /// answers in order), each with the settings shown when it left.
    sent: VecDeque<(Command, SimParams)>,
    /// Answers arrived and not drawn yet: those of the oldest commands above.
    arrived: Vec<Reply>,
    /// When the engine last answered, or was asked with nothing unanswered.
    heard: f64,
}

impl Queue {
    fn unanswered(&self) -> usize {
        self.sent.len().saturating_sub(self.arrived.len())
    }
}

/// Two handles are the same queue or different ones (a state and the next
/// share it; what it holds never makes two states differ).
impl PartialEq for InFlight {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl InFlight {
    /// A command left for the engine while the controls showed `shown`.
    pub fn sent(&self, command: Command, shown: SimParams) {
        let mut q = self.0.borrow_mut();
        if q.unanswered() == 0 {
            q.heard = now_ms();
        }
        q.sent.push_back((command, shown));
    }

    /// The engine answered the oldest unanswered command; the answer waits
    /// for the next draw ([`InFlight::take_arrived`]).
    pub fn arrived(&self, reply: Reply) {
        let mut q = self.0.borrow_mut();
        q.heard = now_ms();
        q.arrived.push(reply);
    }

    /// How many answers wait to be drawn.
    pub fn waiting(&self) -> usize {
        self.0.borrow().arrived.len()
    }

    /// The answers waiting to be drawn, oldest first.
    pub fn take_arrived(&self) -> Vec<Reply> {
        std::mem::take(&mut self.0.borrow_mut().arrived)
    }

    /// The oldest command, whose answer is being drawn, with the settings
    /// shown when it left.
    pub fn drawn(&self) -> Option<(Command, SimParams)> {
        self.0.borrow_mut().sent.pop_front()
    }

    /// Commands whose answer is not on screen yet.
    pub fn len(&self) -> usize {
        self.0.borrow().sent.len()
    }

    /// True when every answer is on screen.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Commands the engine has not answered yet.
    pub fn unanswered(&self) -> usize {
        self.0.borrow().unanswered()
    }

    /// Since when the engine has been silent on a command it has not
    /// answered (`None`: it has answered them all).
    pub fn silent_since(&self) -> Option<f64> {
        let q = self.0.borrow();
        (q.unanswered() > 0).then_some(q.heard)
    }

    /// The newest settings on their way to the engine, if any.
    pub fn newest_settings(&self) -> Option<SimParams> {
        self.0
            .borrow()
            .sent
            .iter()
            .rev()
            .find_map(|(command, _)| match command {
                Command::Configure(p) | Command::Start(p) => Some(p.clone()),
                _ => None,
            })
    }
}
