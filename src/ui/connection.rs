//! The page's line to the engine: the Web Worker's (the page), or an engine on
//! the page's own thread (component tests, where no worker script is served).
//! Either way a command goes into the page's one queue of commands in flight
//! ([`InFlight`], in the reducer's state) as it leaves, its answer is noted
//! there as it arrives, and answers are drawn at once, or at full speed
//! together every [`FULL_SPEED_DRAW_MS`].

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_timers::callback::Timeout;
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

/// How often the page draws while playing at full speed. The engine answers
/// every few milliseconds there, faster than a classroom laptop can lay out and
/// paint the page; drawing each answer would leave no frame free (measured: 9
/// fps with the CPU slowed 4×). Answers in between wait, in order, and are
/// applied together, so the engine never waits for the page and the page keeps
/// every frame in between free for scrolling and the charts' own compositing.
pub const FULL_SPEED_DRAW_MS: f64 = 100.0;

/// When the page draws the answers waiting in the queue.
#[derive(Default)]
struct DrawQueue {
    /// Playing at full speed: answers are drawn every [`FULL_SPEED_DRAW_MS`].
    full_speed: Cell<bool>,
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
        if self.queue.timer.borrow().is_some() {
            return; // a draw is already due
        }
        let wait = if self.queue.full_speed.get() {
            self.queue.last_draw.get() + FULL_SPEED_DRAW_MS - now_ms()
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
        self.queue.last_draw.set(now_ms());
        let replies = self.in_flight.take_arrived();
        self.dispatcher.dispatch(Action::ReceivedAll(replies));
    }
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
