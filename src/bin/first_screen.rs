//! Build step (Trunk's pre_build hook, see Trunk.toml): writes the first
//! screen index.html paints before any wasm — chapter 1 and the other
//! screens, from the app's own chapters and words (`first_screen`) — into the
//! folder given (default `target/first-screen`): `choose.js` for the head and
//! `app-root.html` for the body, which index.html inlines, and `chapters.html`
//! (the other chapters' screens), which it copies beside itself; and
//! `style.css`, static/style.css without its comments, which it inlines.
//!
//!     cargo run --bin first-screen -- target/first-screen
//!
//! A native program (a bin, not an example, so it needs no dev-dependencies);
//! built for the browser it does nothing.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::io::Result<()> {
    use retrain_playground::first_screen::first_screen;
    use std::path::PathBuf;

    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/first-screen".into()),
    );
    std::fs::create_dir_all(&dir)?;
    let screen = first_screen();
    // The stylesheet the page inlines, without its comments.
    let css =
        retrain_playground::first_screen::stylesheet(&std::fs::read_to_string("static/style.css")?);
    // Written only when changed, so `trunk serve` sees no new file each build.
    for (name, text) in [
        ("choose.js", &screen.choose),
        ("app-root.html", &screen.body),
        (
            retrain_playground::first_screen::CHAPTERS_FILE,
            &screen.chapters,
        ),
        ("style.css", &css),
    ] {
        let path = dir.join(name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, text)?;
        }
    }
    println!(
        "first screen: app-root.html ({} bytes), choose.js ({} bytes), chapters.html ({} bytes) in {}",
        screen.body.len(),
        screen.choose.len(),
        screen.chapters.len(),
        dir.display()
    );
    Ok(())
}
