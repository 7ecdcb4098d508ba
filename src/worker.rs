//! The simulation engine behind a Web Worker: it receives [`Command`]s and
//! answers each with a [`Reply`], so training never blocks the page.
//!
//! The page only names this type (to open a bridge) and shares [`now_ms`]; the
//! engine code itself is linked into the worker's wasm, not the page's.

use yew_agent::worker::{HandlerId, Worker, WorkerScope};

use crate::sim::engine::protocol::{Command, Reply};
use crate::sim::engine::Engine;
use crate::sim::params::SimParams;

/// The worker's state: one engine, created on the first command.
pub struct EngineWorker {
    engine: Option<Engine>,
}

/// A millisecond clock for timings: `performance.now()` of whichever global
/// runs the code (the worker, or the page's window), else `Date.now()`. The
/// engine times training with it and the page times how long the engine has
/// been silent; only differences between two readings mean anything. One call
/// of an imported function: the page reads it a few dozen times per draw (each
/// part that may skip a redraw), and looking `performance` and `now` up by name
/// at each call cost ~2.5 % of its main thread while playing fast (a profile
/// at CPU/8).
pub fn now_ms() -> f64 {
    performance_now().unwrap_or_else(|_| js_sys::Date::now())
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The global `performance.now()` (an error where there is none).
    #[wasm_bindgen(catch, js_namespace = performance, js_name = now)]
    fn performance_now() -> Result<f64, wasm_bindgen::JsValue>;
}

impl Worker for EngineWorker {
    type Message = ();
    type Input = Command;
    type Output = Reply;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        EngineWorker { engine: None }
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: Self::Message) {}

    fn received(&mut self, scope: &WorkerScope<Self>, command: Self::Input, id: HandlerId) {
        let engine = self.engine.get_or_insert_with(|| {
            let (mut engine, _) = Engine::new(SimParams::default());
            engine.set_clock(now_ms);
            engine
        });
        scope.respond(id, engine.answer(command));
    }
}

/// Registers the engine's worker in the worker's global scope, with the codec
/// the page's `WorkerProvider` uses ([`Postcard`]): the worker binary and the
/// one-module measurement (`examples/one_module.rs`) both start it this way.
pub fn register() {
    use yew_agent::Registrable;
    EngineWorker::registrar().encoding::<Postcard>().register();
}

/// How the page and the worker pack their messages: postcard (varints, no
/// field names), in place of yew-agent's default bincode. The same messages,
/// about the same bytes on the wire; the code that packs and unpacks them is
/// smaller: the page's wasm 465.3 → 434.5 KB gzip -9, the worker's 400.8 → 397.9
/// (BENCHMARKS.md, issue 28).
pub struct Postcard;

impl yew_agent::Codec for Postcard {
    fn encode<I>(input: I) -> wasm_bindgen::JsValue
    where
        I: serde::Serialize,
    {
        // Our messages always serialise (no maps with non-string keys, no
        // unsupported types); an empty message would fail to decode loudly.
        let bytes = postcard::to_allocvec(&input).unwrap_or_default();
        js_sys::Uint8Array::from(bytes.as_slice()).into()
    }

    fn decode<O>(input: wasm_bindgen::JsValue) -> O
    where
        O: for<'de> serde::Deserialize<'de>,
    {
        let bytes = js_sys::Uint8Array::from(input).to_vec();
        postcard::from_bytes(&bytes).expect("a message from the other side of the worker")
    }
}

#[cfg(test)]
mod tests {
    use super::now_ms;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn the_clock_reads_the_global_performance_clock_and_never_goes_back() {
        let first = now_ms();
        let mut last = first;
        for _ in 0..1000 {
            let t = now_ms();
            assert!(t >= last, "{t} < {last}");
            last = t;
        }
        // performance.now() counts from the page's (or process's) start, in
        // milliseconds; Date.now() would be ~1.7e12.
        assert!(first.is_finite() && first >= 0.0 && first < 1e11, "{first}");
    }
}
