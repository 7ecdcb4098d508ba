//! A part of the page that stops redrawing while it is off screen and the run
//! plays fast. At full speed the page draws new cycles up to ten times a
//! second (`connection::full_speed_gap`); redrawing tables, charts and quizzes
//! nobody can see took most of each frame on a slow laptop. Off screen (an
//! IntersectionObserver, with a margin so a part is drawn before it scrolls
//! in), the part keeps its last drawing and is not even compared with the new
//! one; it catches up the moment it comes into view, and is redrawn when the
//! run pauses or slows down. While held it is marked `data-held`, and the
//! stylesheet has the browser skip it too (`content-visibility`: not laid out,
//! painted or composited). A part on screen can also be redrawn less often
//! while the run plays fast (`every_ms`: the scatter's 1,500 marks, which
//! nobody reads ten times a second).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::worker::now_ms;

/// Props of [`WhenSeen`].
#[derive(Properties)]
pub struct WhenSeenProps {
    /// May the part keep its last drawing while off screen (the run plays fast)?
    pub hold: bool,
    /// While holding, redraw the part on screen at most this often (0: at
    /// every change).
    #[prop_or_default]
    pub every_ms: u32,
    /// Where in each `every_ms` the part's turn falls (ms): parts with the same
    /// period and different phases redraw in different answers, so no one
    /// answer redraws them all (on a CPU slowed 4× that one task was long).
    #[prop_or_default]
    pub phase_ms: u32,
    /// The part.
    #[prop_or_default]
    pub children: Html,
}

/// Never equal: comparing the children would walk every snapshot they hold (the
/// cost this component exists to save); [`WhenSeen::changed`] decides instead.
impl PartialEq for WhenSeenProps {
    fn eq(&self, _other: &Self) -> bool {
        false
    }
}

/// How far outside the screen a part still counts as seen.
const MARGIN: &str = "200px";

/// The observer watching the part, kept alive with its callback.
type Watch = (
    web_sys::IntersectionObserver,
    Closure<dyn FnMut(js_sys::Array)>,
);

/// Draws its children while seen (or while `hold` is off); keeps the last
/// drawing otherwise.
pub struct WhenSeen {
    node: NodeRef,
    seen: bool,
    watch: Option<Watch>,
    /// When the part was last drawn (milliseconds, the page's clock).
    drawn_at: f64,
    /// Whether the element is marked held (`data-held`), to write the DOM only on change.
    marked: bool,
    /// A change was not drawn (held or too soon): the drawing is out of date.
    missed: bool,
}

/// What the observer reports.
pub enum Seen {
    /// The part is (or is not) within [`MARGIN`] of the screen.
    Now(bool),
}

impl WhenSeen {
    fn mark_held(&mut self, held: bool) {
        if held == self.marked {
            return;
        }
        self.marked = held;
        if let Some(el) = self.node.cast::<web_sys::Element>() {
            let _ = if held {
                el.set_attribute("data-held", "true")
            } else {
                el.remove_attribute("data-held")
            };
        }
    }
}

impl Component for WhenSeen {
    type Message = Seen;
    type Properties = WhenSeenProps;

    fn create(_ctx: &Context<Self>) -> Self {
        WhenSeen {
            node: NodeRef::default(),
            seen: true,
            watch: None,
            drawn_at: f64::NEG_INFINITY,
            marked: false,
            missed: false,
        }
    }

    fn update(&mut self, ctx: &Context<Self>, Seen::Now(seen): Seen) -> bool {
        let was = self.seen;
        self.seen = seen;
        let held = ctx.props().hold && !seen;
        self.mark_held(held);
        // Coming into view with changes not drawn: catch up now.
        seen && !was && self.missed
    }

    fn changed(&mut self, ctx: &Context<Self>, _old: &WhenSeenProps) -> bool {
        let props = ctx.props();
        let held = props.hold && !self.seen;
        self.mark_held(held);
        // On screen while playing fast: at most one drawing per `every_ms`.
        let too_soon = props.hold && props.every_ms > 0 && {
            // Turns of `every_ms`, shifted by the part's phase: one drawing
            // per turn at most.
            let every = f64::from(props.every_ms);
            let turn = |t: f64| ((t + f64::from(props.phase_ms)) / every).floor();
            turn(now_ms()) == turn(self.drawn_at)
        };
        let draw = !held && !too_soon;
        self.missed |= !draw;
        draw
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        html! {
            <div ref={self.node.clone()} class="when-seen">{ ctx.props().children.clone() }</div>
        }
    }

    fn rendered(&mut self, ctx: &Context<Self>, first_render: bool) {
        self.drawn_at = now_ms();
        self.missed = false;
        if !first_render {
            return;
        }
        let Some(el) = self.node.cast::<web_sys::Element>() else {
            return;
        };
        let report = ctx.link().callback(Seen::Now);
        let on_change = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            // The newest entry says where the part is now.
            let newest = entries
                .iter()
                .last()
                .and_then(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok());
            if let Some(entry) = newest {
                report.emit(entry.is_intersecting());
            }
        });
        let init = web_sys::IntersectionObserverInit::new();
        init.set_root_margin(MARGIN);
        if let Ok(observer) = web_sys::IntersectionObserver::new_with_options(
            on_change.as_ref().unchecked_ref(),
            &init,
        ) {
            observer.observe(&el);
            self.watch = Some((observer, on_change));
        }
    }

    fn destroy(&mut self, _ctx: &Context<Self>) {
        if let Some((observer, _)) = self.watch.take() {
            observer.disconnect();
        }
    }
}
