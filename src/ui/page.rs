//! The page: the guide's chapter or the playground, under the header, with
//! what runs beside them: the play timer, the engine watchdog, keyboard
//! shortcuts, the saved progress, the address bar, and the weather file when a
//! run waits for it. Its state and the engine come from the contexts the app
//! mounts it in.

use yew::prelude::*;

use super::charts::ChartLookProvider;
use super::components::guide::{Guide, ModeBar};
use super::fetch::use_data_fetch;
use super::first_screen::{use_first_screen, use_focus_restored};
use super::hooks::{
    use_address, use_dispatch, use_engine_watchdog, use_play_timer, use_playground,
    use_saved_progress, use_send, use_shortcuts,
};
use super::layout::playground;
use super::state::{Action, Playground, View};
use crate::sim::engine::protocol::{Command, ProgressIntent, Snapshot};
use crate::sim::engine::share::{data_query, guide_query, team_query, to_query};
use crate::sim::wording::{APP_TITLE, ENGINE_STARTING, FOOTER, TAGLINE};

/// The page itself: the guide's chapter or the playground.
#[component]
pub fn Page() -> Html {
    let Some(state) = use_playground() else {
        return Html::default();
    };
    let send = use_send();
    let dispatch = use_dispatch();
    let first = use_first_screen();
    use_focus_restored();
    let in_playground = state.view == View::Playground;
    // The projector's type: the engine's word once it has opened the link,
    // the first screen's until then.
    let presenter = if state.view == View::Deciding {
        first.presenter
    } else {
        state.presenter
    };
    // The chapter on screen: the one the engine opened, or, until it has
    // opened the link, the one the first screen showed (drawn the same way,
    // waiting for the engine, so nothing moves when the app mounts).
    let chapter_shown = match state.view {
        View::Guide(n) => Some(n),
        View::Deciding => first.chapter,
        View::Playground => None,
    };

    use_play_timer(
        state.playing && in_playground,
        state.speed,
        &send,
        state.in_flight().clone(),
    );
    use_engine_watchdog(state.in_flight().clone());
    // Not in the guide (its runs are its own); while the page still decides,
    // a key already goes to the run on screen.
    use_shortcuts(chapter_shown.is_none(), &send, dispatch.clone());
    use_saved_progress(state.progress.clone());
    use_data_fetch(state.data_fetch.clone(), &send, &dispatch);
    // The address is always a link back to what is on screen: the chapter, or
    // the playground's settings.
    use_address(match (state.view, state.snapshot.is_some()) {
        (View::Guide(n), true) => Some(guide_query(n, state.guide_seed, state.presenter)),
        (View::Playground, true) => Some(playground_query(&state)),
        _ => None,
    });

    let place = state.guide_place();
    let on_chapter = {
        let (state, send) = (state.clone(), send.clone());
        Callback::from(move |n: u8| {
            state.dispatch(Action::SetPlaying(false));
            state.dispatch(Action::SetView(View::Guide(n)));
            send.emit(Command::Progress(ProgressIntent::OpenChapter(n)));
            scroll_to_top();
        })
    };
    // The Playground switch opens free play on the playground's own run (the
    // last settings run there, or the default loop), never the chapter's run,
    // whose trigger may never retrain.
    let on_playground = {
        let (state, send) = (state.clone(), send.clone());
        Callback::from(move |()| {
            let from_guide = matches!(state.view, View::Guide(_));
            state.dispatch(Action::SetView(View::Playground));
            send.emit(Command::Progress(ProgressIntent::OpenPlayground));
            if from_guide {
                send.emit(Command::Start(
                    state.playground_params.clone().unwrap_or_default(),
                ));
            }
            scroll_to_top();
        })
    };
    // "Open this run in the playground": free play on the chapter's run as it
    // stands, with every control.
    let on_open_run = {
        let (state, send) = (state.clone(), send.clone());
        Callback::from(move |()| {
            state.dispatch(Action::SetView(View::Playground));
            send.emit(Command::Progress(ProgressIntent::OpenPlayground));
            scroll_to_top();
        })
    };

    let notice = state.notice.as_ref().map(|n| {
        html! {
            <p class={classes!("notice", n.is_error.then_some("error"))}
               role={if n.is_error { "alert" } else { "status" }}
               data-testid="notice">{ &n.text }</p>
        }
    });
    let body = match (chapter_shown, state.view, state.snapshot.clone()) {
        (Some(n), _, _) => {
            let waiting = state.opened_run().is_none();
            html! {
                <>
                    <ModeBar chapter={Some(n)} place={place} waiting={waiting} on_chapter={on_chapter.clone()} on_playground={on_playground.clone()} />
                    // One main landmark holds the chapter, its panels and its notices.
                    <main class="main guide-main">
                        { notice }
                        <Guide key={format!("chapter-{n}")} chapter={n} on_chapter={on_chapter} on_playground={on_playground} on_open_run={on_open_run} />
                    </main>
                </>
            }
        }
        (None, View::Playground, Some(live_snap)) => html! {
            <>
                <ModeBar chapter={None} place={place} on_chapter={on_chapter} on_playground={on_playground} />
                { playground(&state, &live_snap, notice) }
            </>
        },
        _ => {
            return html! {
                <div class={classes!("app", presenter.then_some("presenter"))}>
                    { app_header() }
                    { loading_layout(ENGINE_STARTING) }
                </div>
            };
        }
    };
    // data-pending: commands whose answer is not on screen yet (tests wait for
    // 0). Until the engine has opened the page's link, that opening is one,
    // even before the command has left (the first screen's chapter waits).
    let pending = if state.view == View::Deciding {
        state.in_flight().len().max(1)
    } else {
        state.in_flight().len()
    };
    html! {
        <div class={classes!("app", presenter.then_some("presenter"))} data-pending={pending.to_string()}
             data-view={if in_playground { "playground" } else { "guide" }}>
            <ChartLookProvider presenter={presenter}>
            { app_header() }
            { body }
            <footer class="app-footer">
                <p>{ FOOTER }</p>
            </footer>
            </ChartLookProvider>
        </div>
    }
}

/// The playground's address: its settings, the teacher's choices and, on the
/// real data, the data (and the weather's features).
fn playground_query(state: &Playground) -> String {
    let mut q = to_query(
        &state.shown_params(),
        &state.hidden,
        state.lock_seed,
        state.presenter,
    );
    if let Some(data) = state.snapshot.as_deref().and_then(Snapshot::streamed_data) {
        q.push('&');
        q.push_str(&data_query(data));
    }
    if let Some(team) = state.snapshot.as_ref().and_then(|s| s.team) {
        q.push('&');
        q.push_str(&team_query(team.locked));
    }
    q
}

/// Scrolls the page back to its top (a new chapter, or the other view).
fn scroll_to_top() {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// The page's header: the title and the one-line lead. The first screen
/// (`crate::first_screen`, index.html before any wasm) writes the same words
/// in the same markup; tests/e2e/first-paint.test.mjs checks nothing moves.
fn app_header() -> Html {
    html! {
        <header class="app-header">
            <h1>{ APP_TITLE }</h1>
            <p class="tagline">{ TAGLINE }</p>
        </header>
    }
}

/// The layout while the engine starts: the playground's first screen
/// (skeleton panels where the controls and the flow will be) with a status
/// line.
fn loading_layout(status: &'static str) -> Html {
    html! {
        <>
        <div class="mode-bar" aria-hidden="true"></div>
        <div class="layout">
            <aside class="sidebar" aria-hidden="true">
                <div class="panel skeleton skeleton-controls"></div>
                <div class="panel skeleton skeleton-settings"></div>
            </aside>
            <main class="main">
                <p class="panel loading" role="status">{ status }</p>
                <div class="panel skeleton skeleton-flow" aria-hidden="true"></div>
            </main>
        </div>
        </>
    }
}
