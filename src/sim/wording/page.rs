//! The page's own words that stand before any run: the header, the footer,
//! and what the guide says while the engine is still loading. The static
//! first screen (`first_screen`, written into index.html at build time) and
//! the app (`ui`) both take them from here, so the page reads the same before
//! and after its wasm arrives.

/// The page's title (its one `h1`).
pub const APP_TITLE: &str = "Retrain Playground";

/// The one-line lead under the title.
pub const TAGLINE: &str = "Watch a real model go stale as the data drifts, get retrained in your browser, and be deployed — or raise an alert — cycle after cycle.";

/// The footer's sentence.
pub const FOOTER: &str = "Everything on this page is computed live in your browser: real data, real training (linfa), real evaluation. Nothing is pre-recorded.";

/// The status line of the playground's loading view.
pub const PLAYGROUND_LOADING: &str = "Loading the playground…";

/// The status line while the engine starts (the app has mounted).
pub const ENGINE_STARTING: &str = "Starting the simulation engine…";

/// A chapter's Run button while the engine is still loading.
pub const RUN_WAITS_FOR_ENGINE: &str = "Loading the engine…";

/// The hint under that button.
pub const RUN_WAITS_HINT: &str =
    "Choose your prediction now: Run works as soon as the engine has loaded.";

/// The hint under Run before a prediction is chosen.
pub const RUN_NEEDS_PREDICTION: &str = "Choose a prediction first: the run is its test.";

/// The hint under Run once a prediction is chosen.
pub const RUN_READY_HINT: &str = "Then watch the charts.";

/// The folded glossary's summary in a chapter.
pub const GLOSSARY_SUMMARY: &str = "Glossary: every term, defined";

/// The guide's switch to free play.
pub const PLAYGROUND_SWITCH: &str = "Playground: every control";

/// The label of the guide's chapter list.
pub const CHAPTER_LABEL: &str = "Chapter";

/// What the prediction's legend starts with (the question follows).
pub const PREDICTION_LEAD: &str = "Your prediction: ";

/// "Chapter 3 of 10".
pub fn chapter_count(n: u8, chapters: u8) -> String {
    format!("Chapter {n} of {chapters}")
}

/// One entry of the chapter list: "3. Deploy or alert", with a tick once done.
pub fn chapter_entry(n: u8, title: &str, done: bool) -> String {
    format!("{n}. {title}{}", if done { " ✓" } else { "" })
}

/// What a chapter's Run button says: `cycles` cycles, or a race of the
/// policies over them.
pub fn run_label(cycles: u32, race: bool) -> String {
    if race {
        format!("Race the policies over {cycles} cycles")
    } else {
        format!("Run {cycles} cycle{}", if cycles == 1 { "" } else { "s" })
    }
}
