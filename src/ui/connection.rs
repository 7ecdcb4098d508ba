//! The page's line to the engine: the Web Worker's (the page), or an engine on
//! the page's own thread (component tests, where no worker script is served).
//! Either way a command goes into the page's one queue of commands in flight
//! ([`InFlight`], in the reducer's state) as it leaves, its answer is noted
//! there as it arrives, and answers are drawn at once, or at full speed
//! together every [`full_speed_gap`].

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew_agent::worker::use_worker_bridge;

use super::in_flight::InFlight;
use super::state::{Action, Playground, PlaygroundHandle, Speed};
use crate::sim::engine::protocol::{Command, Reply};
use crate::sim::engine::Engine;
use crate::sim::params::SimParams;
use crate::worker::{now_ms, EngineWorker};

/// An engine on the page's own thread, for component tests (no worker script
/// is served there). The page itself always uses the worker. It is held as a
/// `dyn Fn` so that the engine's code is linked only where one is built (the
/// tests), never into the page's wasm.
#[derive(Clone)]
pub struct LocalEngine(Rc<dyn Fn(Command) -> Reply>);

impl LocalEngine {
    /// An engine with default settings (the page opens its link on it).
    pub fn new() -> Self {
        let mut engine = Engine::new(SimParams::default()).0;
        engine.set_clock(now_ms);
        let engine = RefCell::new(engine);
        LocalEngine(Rc::new(move |command| engine.borrow_mut().answer(command)))
    }

    fn answer(&self, command: Command) -> Reply {
        (self.0)(command)
    }
}

impl Default for LocalEngine {
    fn default() -> Self {
        Self::new()
    }
}

impl PartialEq for LocalEngine {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// What a connection gives the page: its state and the way to the engine.
pub struct Connection {
    /// The page's state (the reducer), the queue in flight inside.
    pub state: PlaygroundHandle,
    /// Sends a command to the engine.
    pub send: Callback<Command>,
}

/// How often the page draws, at most, while playing at full speed. The engine
/// answers every few milliseconds there, faster than a classroom laptop can lay
/// out and paint the page; drawing each answer would leave no frame free
/// (measured: 9 fps with the CPU slowed 4×). Answers in between wait, in order,
/// and are applied together, so the engine never waits for the page and the
/// page keeps the frames in between free for scrolling and the charts' own
/// compositing.
pub const FULL_SPEED_DRAW_MS: f64 = 100.0;

/// The longest wait between two full-speed draws: the numbers still move four
/// times a second on the slowest machine.
pub const FULL_SPEED_MAX_DRAW_MS: f64 = 250.0;

/// The most answers that wait for a full-speed draw: with more, the page draws
/// at once. Each holds a cycle's snapshot; a slow page waiting the longest gap
/// for a fast engine would otherwise hold dozens, and the page's memory (which
/// never shrinks) would grow to that peak (the journeys' 2,000-cycle soak).
pub const FULL_SPEED_MAX_WAITING: usize = 8;

/// The time between two full-speed draws when a draw costs `cost_ms` of the
/// page's main thread (its script, and the frame that showed it): three times
/// that, so two thirds of the time stay free for frames, between
/// [`FULL_SPEED_DRAW_MS`] and [`FULL_SPEED_MAX_DRAW_MS`]. A fast machine draws
/// ten times a second; a laptop four times slower, whose draw and frame take
/// ~55 ms, about six (measured: 15 % less main-thread time than drawing every
/// 100 ms there; BENCHMARKS.md).
pub fn full_speed_gap(cost_ms: f64) -> f64 {
    if cost_ms.is_finite() {
        (3.0 * cost_ms).clamp(FULL_SPEED_DRAW_MS, FULL_SPEED_MAX_DRAW_MS)
    } else {
        FULL_SPEED_DRAW_MS
    }
}

/// When the page draws the answers waiting in the queue.
#[derive(Default)]
struct DrawQueue {
    /// Playing at full speed: answers are drawn every [`full_speed_gap`].
    full_speed: Cell<bool>,
    /// What a full-speed draw has been costing (ms, a running mean; 0 before
    /// the first was measured).
    cost_ms: Cell<f64>,
    /// When the page last drew.
    last_draw: Cell<f64>,
    /// The draw that is due, if one is.
    timer: RefCell<Option<Timeout>>,
}

/// Takes each answer in and draws it when its time comes.
#[derive(Clone)]
struct Receiver {
    in_flight: InFlight,
    dispatcher: UseReducerDispatcher<Playground>,
    queue: Rc<DrawQueue>,
}

impl Receiver {
    /// An answer arrived: the engine is free again; the answer is drawn now,
    /// or with the next full-speed draw.
    fn receive(&self, reply: Reply) {
        self.in_flight.arrived(reply);
        if self.in_flight.waiting() >= FULL_SPEED_MAX_WAITING {
            self.draw();
            return;
        }
        if self.queue.timer.borrow().is_some() {
            return; // a draw is already due
        }
        let wait = if self.queue.full_speed.get() {
            self.queue.last_draw.get() + full_speed_gap(self.queue.cost_ms.get()) - now_ms()
        } else {
            0.0
        };
        if wait <= 0.0 {
            self.draw();
            return;
        }
        let me = self.clone();
        *self.queue.timer.borrow_mut() = Some(Timeout::new(wait as u32, move || me.draw()));
    }

    /// Applies every waiting answer at once (one draw) and notes when.
    fn draw(&self) {
        self.queue.timer.borrow_mut().take();
        let start = now_ms();
        self.queue.last_draw.set(start);
        let replies = self.in_flight.take_arrived();
        self.dispatcher.dispatch(Action::ReceivedAll(replies));
        if self.queue.full_speed.get() {
            measure_draw(Rc::clone(&self.queue), start);
        }
    }
}

/// Notes what the draw begun at `start` cost: the time until the frame that
/// showed it has been painted (a zero-delay timeout set from that frame's
/// animation callback runs once its rendering is done).
fn measure_draw(queue: Rc<DrawQueue>, start: f64) {
    let Some(window) = web_sys::window() else {
        return;
    };
    // Closures called once free themselves (no leak over thousands of draws).
    let timers = window.clone();
    let after_frame = Closure::once_into_js(move || {
        let painted = Closure::once_into_js(move || {
            let cost = now_ms() - start;
            let before = queue.cost_ms.get();
            let mean = if before > 0.0 {
                0.5 * before + 0.5 * cost
            } else {
                cost
            };
            queue.cost_ms.set(mean);
        });
        let _ = timers
            .set_timeout_with_callback_and_timeout_and_arguments_0(painted.unchecked_ref(), 0);
    });
    let _ = window.request_animation_frame(after_frame.unchecked_ref());
}

/// The page's state and the receiver of the engine's answers.
#[hook]
fn use_receiver() -> (PlaygroundHandle, Receiver) {
    let state: PlaygroundHandle = use_reducer(Playground::default);
    let queue = use_memo((), |_| Rc::new(DrawQueue::default()));
    {
        let queue = (*queue).clone();
        use_effect_with((state.playing, state.speed), move |&(playing, speed)| {
            queue.full_speed.set(playing && speed == Speed::Full);
        });
    }
    let receiver = Receiver {
        in_flight: state.in_flight().clone(),
        dispatcher: state.dispatcher(),
        queue: (*queue).clone(),
    };
    (state, receiver)
}

/// The page talking to the engine worker (under its `WorkerProvider`).
#[hook]
pub fn use_worker_connection() -> Connection {
    let (state, receiver) = use_receiver();
    let bridge = use_worker_bridge::<EngineWorker, _>(move |reply| receiver.receive(reply));
    let send = {
        let dispatcher = state.dispatcher();
        use_memo((), move |_| {
            Callback::from(move |command: Command| {
                dispatcher.dispatch(Action::Sent(command.clone()));
                bridge.send(command);
            })
        })
    };
    Connection {
        state,
        send: (*send).clone(),
    }
}

/// The page talking to an engine on its own thread (component tests): each
/// answer arrives at once.
#[hook]
pub fn use_local_connection(engine: &LocalEngine) -> Connection {
    let (state, receiver) = use_receiver();
    let send = {
        let dispatcher = state.dispatcher();
        let engine = engine.clone();
        use_memo((), move |_| {
            Callback::from(move |command: Command| {
                dispatcher.dispatch(Action::Sent(command.clone()));
                receiver.receive(engine.answer(command));
            })
        })
    };
    Connection {
        state,
        send: (*send).clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn full_speed_draws_leave_two_thirds_of_the_time_for_frames_within_bounds() {
        // A fast machine: ten draws a second.
        assert_eq!(full_speed_gap(12.0), FULL_SPEED_DRAW_MS);
        // A slow one: three times the draw's cost.
        assert_eq!(full_speed_gap(55.0), 165.0);
        // Never slower than four draws a second; nonsense costs do not stall.
        assert_eq!(full_speed_gap(400.0), FULL_SPEED_MAX_DRAW_MS);
        assert_eq!(full_speed_gap(f64::NAN), FULL_SPEED_DRAW_MS);
        assert_eq!(full_speed_gap(f64::INFINITY), FULL_SPEED_DRAW_MS);
        assert_eq!(full_speed_gap(-5.0), FULL_SPEED_DRAW_MS);
    }
}
