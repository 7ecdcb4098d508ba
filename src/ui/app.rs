//! Mounts the page: its connection to the engine (the Web Worker's, or an
//! engine on the page's thread in component tests), the contexts every
//! component below takes the engine and the page's state from, the link
//! opened once, and the page itself.

use yew::prelude::*;
use yew_agent::worker::WorkerProvider;

use super::connection::{use_local_connection, use_worker_connection, Connection, LocalEngine};
use super::first_screen::FirstScreenState;
use super::hooks::{use_open_link, EngineLink};
use super::page::Page;
use super::state::{Playground, PlaygroundHandle};
use crate::sim::engine::share::to_query;
use crate::sim::params::SimParams;
use crate::worker::{EngineWorker, Postcard};

/// Props of [`App`].
#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// Settings to start with, as a link with only those settings would
    /// (tests; the page opens its own address).
    #[prop_or_default]
    pub initial: Option<SimParams>,
    /// Run the engine on this thread instead of the worker (tests only).
    #[prop_or_default]
    pub local: Option<LocalEngine>,
    /// The first screen as the reader left it (index.html's markup, before
    /// the app mounted; `None` in tests).
    #[prop_or_default]
    pub first_screen: Option<FirstScreenState>,
}

/// Where the worker script is served (Trunk writes it next to index.html).
const WORKER_PATH: &str = "worker.js";

/// The page's query string (the shared link), if any.
fn location_query() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// The whole playground: connects to the engine, opens the link, draws the page.
#[component]
pub fn App(props: &AppProps) -> Html {
    let link = use_memo(props.initial.clone(), |initial| match initial {
        Some(params) => to_query(params, &[], false, false),
        None => location_query(),
    });
    let link = AttrValue::from((*link).clone());
    let page = match &props.local {
        Some(engine) => html! { <OnThisThread engine={engine.clone()} link={link} /> },
        None => html! {
            <WorkerProvider<EngineWorker, Postcard> path={WORKER_PATH} lazy={false}>
                <InWorker link={link} />
            </WorkerProvider<EngineWorker, Postcard>>
        },
    };
    html! {
        <ContextProvider<FirstScreenState> context={props.first_screen.clone().unwrap_or_default()}>
            { page }
        </ContextProvider<FirstScreenState>>
    }
}

#[derive(Properties, PartialEq)]
struct InWorkerProps {
    link: AttrValue,
}

/// The page on the engine worker.
#[component]
fn InWorker(props: &InWorkerProps) -> Html {
    let connection = use_worker_connection();
    use_mounted(connection, &props.link)
}

#[derive(Properties, PartialEq)]
struct OnThisThreadProps {
    engine: LocalEngine,
    link: AttrValue,
}

/// The page on an engine on its own thread (component tests).
#[component]
fn OnThisThread(props: &OnThisThreadProps) -> Html {
    let connection = use_local_connection(&props.engine);
    use_mounted(connection, &props.link)
}

/// The page on `connection`: the link opened once, the contexts, the page.
/// The engine link and the dispatcher never change; the state changes at
/// every answer (only what takes it redraws).
#[hook]
fn use_mounted(connection: Connection, link: &str) -> Html {
    use_open_link(&connection.send, link);
    let Connection { state, send } = connection;
    html! {
        <ContextProvider<EngineLink> context={EngineLink(send)}>
            <ContextProvider<UseReducerDispatcher<Playground>> context={state.dispatcher()}>
                <ContextProvider<PlaygroundHandle> context={state}>
                    <Page />
                </ContextProvider<PlaygroundHandle>>
            </ContextProvider<UseReducerDispatcher<Playground>>>
        </ContextProvider<EngineLink>>
    }
}
