//! The first screen, before any wasm: the markup index.html paints with its
//! first bytes, written at build time from the same chapters, glossary and
//! words the app shows (`src/bin/first_screen.rs`, run by Trunk's pre_build
//! hook, writes it into `target/first-screen/`, which index.html inlines,
//! with the stylesheet less its comments).
//!
//! A first visit paints chapter 1 itself: its title, its text with the
//! glossary's terms, and its prediction, whose choices work at once (the app
//! keeps the pick when it mounts, `ui::first_screen`), with the Run button
//! saying that the engine is loading. A link to another chapter paints that
//! chapter (a `<template>` in `chapters.html`, fetched for such links only),
//! and a link to the playground, or a returning reader who left for free
//! play, paints the playground's skeleton. A script in the head decides which
//! before anything is painted; one at the end of the markup swaps it in.
//!
//! The app's own waiting view (`ui::components::guide`) draws the same markup,
//! so nothing moves when it mounts; tests/e2e/first-screen.test.mjs checks
//! that, and this module's tests check that every chapter's words are here.

use crate::sim::teach::glossary::{mark_paragraphs, term, terms, Segment};
use crate::sim::teach::guide::{
    chapters, options, question, Chapter, GuideControl, GuidePanel, GuideRun, CHAPTERS,
};
use crate::sim::teach::quiz::PROGRESS_STORAGE_KEY;
use crate::sim::wording::{
    chapter_count, chapter_entry, APP_TITLE, CHAPTER_LABEL, FOOTER, GLOSSARY_SUMMARY,
    PLAYGROUND_LOADING, PLAYGROUND_SWITCH, PREDICTION_LEAD, RUN_WAITS_FOR_ENGINE, RUN_WAITS_HINT,
    TAGLINE,
};

/// The first screen's two parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FirstScreen {
    /// Script for the head (runs before the body is parsed): which shell the
    /// link asks for, as `<html data-shell="...">` when it is not chapter 1.
    pub choose: String,
    /// The inside of `#app-root`: chapter 1's screen, the playground's
    /// template, and the script that swaps one in.
    pub body: String,
    /// The other chapters' templates (`chapters.html` beside index.html),
    /// fetched by the head script only when the address asks for one of them,
    /// so a first visit's page stays within one round trip.
    pub chapters: String,
}

/// Where the other chapters' templates are served (beside index.html).
pub const CHAPTERS_FILE: &str = "chapters.html";

/// `text` with `&`, `<`, `>` and `"` escaped (text and attribute values).
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// A chapter's paragraphs, each glossary term's first use linked to its
/// entry with its definition as a tooltip (as `glossed_paragraphs` draws them).
fn glossed(paragraphs: &[&'static str]) -> String {
    let mut out = String::new();
    for segments in mark_paragraphs(paragraphs) {
        out.push_str("<p class=\"glossed\">");
        for segment in segments {
            match segment {
                Segment::Text(text) => out.push_str(&esc(text)),
                Segment::Term { text, key } => match term(key) {
                    Some(t) => out.push_str(&format!(
                        "<span class=\"term\"><a class=\"term-link\" href=\"#glossary-{k}\" aria-describedby=\"glossary-tip-{k}\"><dfn>{text}</dfn></a><span class=\"term-tip\" role=\"tooltip\" id=\"glossary-tip-{k}\">{def}</span></span>",
                        k = esc(t.key),
                        text = esc(text),
                        def = esc(t.definition),
                    )),
                    None => out.push_str(&esc(text)),
                },
            }
        }
        out.push_str("</p>");
    }
    out
}

/// The folded glossary of a chapter, every entry in it.
fn glossary() -> String {
    let mut out = format!(
        "<details class=\"glossary folded\" id=\"glossary\"><summary>{}</summary><dl class=\"glossary-list\">",
        esc(GLOSSARY_SUMMARY)
    );
    for t in terms() {
        out.push_str(&format!(
            "<div class=\"glossary-entry\" id=\"glossary-{}\"><dt>{}</dt><dd>{}</dd></div>",
            esc(t.key),
            esc(t.term),
            esc(t.definition)
        ));
    }
    out.push_str("</dl></details>");
    out
}

/// The CSS class of a waiting control's placeholder (its height is the
/// control's).
pub fn control_skeleton(control: GuideControl) -> &'static str {
    match control {
        GuideControl::DriftStrength
        | GuideControl::Threshold
        | GuideControl::LabelNoise
        | GuideControl::LabelDelay => "skeleton-slider",
        GuideControl::Window
        | GuideControl::DriftKind
        | GuideControl::Model
        | GuideControl::DriftPattern
        | GuideControl::Fault => "skeleton-select",
        GuideControl::Validation | GuideControl::Floor => "skeleton-checkbox",
    }
}

/// The CSS class of a waiting panel's placeholder (its height is about the
/// panel's).
pub fn panel_skeleton(panel: GuidePanel) -> &'static str {
    match panel {
        GuidePanel::Stats => "skeleton-stats",
        GuidePanel::Accuracy | GuidePanel::Drift => "skeleton-chart",
        GuidePanel::Scatter => "skeleton-scatter",
        GuidePanel::Decision => "skeleton-decision",
        GuidePanel::Gates => "skeleton-gates",
        GuidePanel::Race => "skeleton-race",
    }
}

/// How many cycles a chapter's Run runs, and whether it races the policies.
pub fn run_of(c: &Chapter) -> (u32, bool) {
    match c.run {
        GuideRun::Cycles(n) => (n, false),
        GuideRun::Race(n) => (n, true),
    }
}

/// A chapter's screen while the engine loads: the chapter (with `glossary`
/// where the folded glossary goes) and its panels' placeholders.
fn chapter_screen(c: &Chapter, glossary: &str) -> String {
    let (cycles, _) = run_of(c);
    let mut out = format!(
        "<section class=\"panel guide\" aria-labelledby=\"chapter-title\" data-chapter=\"{n}\"><p class=\"chapter-count\">{count}</p><h2 id=\"chapter-title\">{title}</h2>{text}{glossary}",
        n = c.number,
        count = esc(&chapter_count(c.number, CHAPTERS)),
        title = esc(c.title),
        text = glossed(c.text),
    );
    if !c.controls.is_empty() {
        out.push_str("<div class=\"guide-controls\" aria-hidden=\"true\">");
        for &k in c.controls {
            out.push_str(&format!(
                "<div class=\"field skeleton {}\"></div>",
                control_skeleton(k)
            ));
        }
        out.push_str("</div>");
    }
    out.push_str(&format!(
        "<fieldset class=\"prediction\"><legend>{}{}</legend>",
        esc(PREDICTION_LEAD),
        esc(&question(c.prediction, &c.params, cycles, c.fault))
    ));
    for (i, o) in options(c.prediction).iter().enumerate() {
        out.push_str(&format!(
            "<div class=\"option\"><input type=\"radio\" name=\"guide-prediction\" id=\"predict-{i}\"><label for=\"predict-{i}\">{}</label></div>",
            esc(o)
        ));
    }
    out.push_str(&format!(
        "</fieldset><button type=\"button\" class=\"primary\" disabled aria-describedby=\"run-hint\">{}</button><p class=\"hint\" id=\"run-hint\">{}</p></section>",
        esc(RUN_WAITS_FOR_ENGINE),
        esc(RUN_WAITS_HINT)
    ));
    out.push_str("<div class=\"guide-panels\" aria-hidden=\"true\">");
    for &p in c.panels {
        out.push_str(&format!(
            "<div class=\"panel skeleton {}\"></div>",
            panel_skeleton(p)
        ));
    }
    out.push_str("</div>");
    out
}

/// The guide's bar while the engine loads: the chapter list and the switch,
/// both waiting (disabled), chapter `open` chosen.
fn mode_bar(open: u8) -> String {
    let mut out = format!(
        "<nav class=\"mode-bar\" aria-label=\"Guide\"><div class=\"field inline\"><label for=\"chapter-select\">{}</label><select id=\"chapter-select\" disabled>",
        esc(CHAPTER_LABEL)
    );
    for c in chapters() {
        out.push_str(&format!(
            "<option value=\"{n}\"{sel}>{text}</option>",
            n = c.number,
            sel = if c.number == open { " selected" } else { "" },
            text = esc(&chapter_entry(c.number, c.title, false)),
        ));
    }
    out.push_str(&format!(
        "</select></div><button type=\"button\" class=\"mode-switch\" disabled>{}</button></nav>",
        esc(PLAYGROUND_SWITCH)
    ));
    out
}

/// The app's header (its `h1` and lead).
pub fn header() -> String {
    format!(
        "<header class=\"app-header\"><h1>{}</h1><p class=\"tagline\">{}</p></header>",
        esc(APP_TITLE),
        esc(TAGLINE)
    )
}

/// The playground's loading view after the header (skeleton panels where the
/// controls and the flow will be).
fn playground_screen() -> String {
    format!(
        "<div class=\"mode-bar\" aria-hidden=\"true\"></div><div class=\"layout\"><aside class=\"sidebar\" aria-hidden=\"true\"><div class=\"panel skeleton skeleton-controls\"></div><div class=\"panel skeleton skeleton-settings\"></div></aside><main class=\"main\"><p class=\"panel loading\" role=\"status\">{}</p><div class=\"panel skeleton skeleton-flow\" aria-hidden=\"true\"></div></main></div>",
        esc(PLAYGROUND_LOADING)
    )
}

/// The head's script: which screen the address asks for, read as the engine
/// opens a link (`engine::open`): a chapter link opens that chapter; a link
/// naming anything else but the presenter view opens the playground; else the
/// reader's saved place (free play, or a chapter of today's guide), else
/// chapter 1. Anything it cannot read paints the playground's skeleton;
/// chapter 1 needs no attribute (the markup is chapter 1's).
fn choose_script() -> String {
    format!(
        "(function(){{var t='',n=0,q=location.search.replace(/^\\?/,'').split('&').filter(Boolean),o=false;\
q.forEach(function(p){{var k=p.split('=')[0],v=p.slice(k.length+1);if(k==='chapter'){{if(/^[0-9]+$/.test(v))n=+v}}else if(k!=='presenter')o=true}});\
if(n>=1&&n<={chapters})t='chapter-'+n;else if(o)t='playground';\
else{{try{{var s=localStorage.getItem('{key}');if(s){{var g=JSON.parse(s).guide;\
t=g.playground?'playground':(g.chapters>=9&&g.chapter>=1&&g.chapter<={chapters})?'chapter-'+g.chapter:'playground'}}}}catch(e){{t='playground'}}}}\
if(t&&t!=='chapter-1'){{document.documentElement.setAttribute('data-shell',t);\
if(t!=='playground')window.__firstScreens=fetch('{file}').then(function(r){{if(!r.ok)throw r.status;return r.text()}})}}}})();",
        chapters = CHAPTERS,
        key = PROGRESS_STORAGE_KEY,
        file = CHAPTERS_FILE,
    )
}

/// The end of the markup's script: swaps in the screen the head chose (the
/// playground's template at once; a chapter's once its template has been
/// fetched, keeping the one glossary) and shows it. A screen that cannot be
/// had leaves chapter 1 showing; the app, once mounted, shows what the engine
/// opened. Nothing is swapped once the app has taken the page (it removes
/// `data-shell`).
fn swap_script() -> &'static str {
    "(function(){var h=document.documentElement,t=h.getAttribute('data-shell');if(!t)return;\
var app=document.querySelector('#app-root>.app'),show=function(){h.removeAttribute('data-shell')};\
if(!app)return show();var head=app.querySelector('.app-header');\
if(t==='playground'){var tpl=document.getElementById('shell-playground');\
while(head.nextSibling)head.parentNode.removeChild(head.nextSibling);app.appendChild(tpl.content.cloneNode(true));return show()}\
(window.__firstScreens||Promise.reject()).then(function(html){if(h.getAttribute('data-shell')!==t||!app.isConnected)return;\
var holder=document.createElement('template');holder.innerHTML=html;var tpl=holder.content.getElementById('shell-'+t);if(!tpl)return;\
var layout=app.querySelector('.guide-layout'),g=layout.querySelector('#glossary'),f=tpl.content.cloneNode(true),spot=f.querySelector('[data-glossary]');\
spot.parentNode.replaceChild(g,spot);layout.replaceChildren(f);app.querySelector('#chapter-select').value=t.slice(8)})\
.catch(function(){}).then(function(){if(app.isConnected)show()})})();"
}

/// The stylesheet as the page inlines it: `css` without its comments (a
/// quarter of its bytes; the page's first bytes hold the whole first screen,
/// so a first visit paints after one round trip) and without the blank lines
/// they leave. Quoted strings are kept as written.
pub fn stylesheet(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                out.push(c);
                if c == '\\' {
                    if let Some(next) = chars.next() {
                        out.push(next);
                    }
                } else if c == q {
                    quote = None;
                }
            }
            None if c == '/' && chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for d in chars.by_ref() {
                    if last == '*' && d == '/' {
                        break;
                    }
                    last = d;
                }
            }
            None => {
                if c == '"' || c == '\'' {
                    quote = Some(c);
                }
                out.push(c);
            }
        }
    }
    out.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The whole first screen.
pub fn first_screen() -> FirstScreen {
    let all = chapters();
    let mut body = String::from("<div class=\"app\">");
    body.push_str(&header());
    body.push_str(&mode_bar(1));
    body.push_str("<main class=\"main guide-main\"><div class=\"guide-layout\">");
    if let Some(first) = all.first() {
        body.push_str(&chapter_screen(first, &glossary()));
    }
    body.push_str(&format!(
        "</div></main><footer class=\"app-footer\"><p>{}</p></footer></div>",
        esc(FOOTER)
    ));
    body.push_str(&format!(
        "<template id=\"shell-playground\">{}</template>",
        playground_screen()
    ));
    let mut others = String::new();
    for c in all.iter().skip(1) {
        others.push_str(&format!(
            "<template id=\"shell-chapter-{}\">{}</template>",
            c.number,
            chapter_screen(c, "<i data-glossary></i>")
        ));
    }
    body.push_str(&format!("<script>{}</script>", swap_script()));
    body.push_str(&format!(
        "<noscript><p class=\"panel loading\">{}</p></noscript>",
        esc("Retrain Playground runs in your browser: it needs JavaScript and WebAssembly switched on.")
    ));
    FirstScreen {
        choose: choose_script(),
        body,
        chapters: others,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_chapter_is_there_in_its_own_words() {
        let screen = first_screen();
        for c in chapters() {
            let all = format!("{}{}", screen.body, screen.chapters);
            assert!(all.contains(&esc(c.title)), "chapter {}", c.number);
            for o in options(c.prediction) {
                assert!(all.contains(&esc(o)), "{o}");
            }
            let (cycles, _) = run_of(&c);
            let q = question(c.prediction, &c.params, cycles, c.fault);
            assert!(all.contains(&esc(&q)), "{q}");
            let id = format!("id=\"shell-chapter-{}\"", c.number);
            assert_eq!(screen.chapters.contains(&id), c.number != 1, "{id}");
            assert!(
                !screen.body.contains(&id),
                "{id} is fetched, not in the page"
            );
        }
        // Chapter 1 is the markup itself, its glossary there once.
        assert!(screen.body.contains("data-chapter=\"1\""));
        assert_eq!(screen.body.matches("id=\"glossary\"").count(), 1);
        assert!(screen.body.contains(&esc(TAGLINE)));
    }

    #[test]
    fn text_is_escaped_and_tags_balance() {
        assert_eq!(
            esc("a < b & \"c\" > d"),
            "a &lt; b &amp; &quot;c&quot; &gt; d"
        );
        let screen = first_screen();
        let body = format!("{}{}", screen.body, screen.chapters);
        for tag in [
            "section", "template", "fieldset", "details", "p", "div", "main", "nav", "select",
            "span", "a",
        ] {
            let open = body.matches(&format!("<{tag} ")).count()
                + body.matches(&format!("<{tag}>")).count();
            let close = body.matches(&format!("</{tag}>")).count();
            assert_eq!(open, close, "<{tag}> opened {open} times, closed {close}");
        }
    }

    #[test]
    fn the_stylesheet_loses_its_comments_not_its_rules() {
        let css =
            "/* a */\n.a { color: red; } /* b\n c */\n\n.b::after { content: \"/* kept */\"; }\n";
        assert_eq!(
            stylesheet(css),
            ".a { color: red; }\n.b::after { content: \"/* kept */\"; }"
        );
        let real = include_str!("../static/style.css");
        let lean = stylesheet(real);
        assert!(!lean.contains("/*"), "no comment left");
        assert!(
            lean.len() < real.len() * 9 / 10,
            "{} of {} bytes",
            lean.len(),
            real.len()
        );
        // Every rule's braces survive (only those inside comments go).
        let in_comments: usize = real
            .split("/*")
            .skip(1)
            .map(|c| c.split("*/").next().unwrap_or("").matches('{').count())
            .sum();
        assert_eq!(
            lean.matches('{').count(),
            real.matches('{').count() - in_comments
        );
    }

    #[test]
    fn the_head_script_knows_the_guide() {
        let s = first_screen().choose;
        assert!(s.contains(&format!("n<={CHAPTERS}")));
        assert!(s.contains(PROGRESS_STORAGE_KEY));
        assert!(s.contains(CHAPTERS_FILE));
        assert!(!s.contains("</script"));
    }
}
