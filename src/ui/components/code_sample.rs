//! The lesson's execution sample, `retrain_model(data, model)`, with the line the
//! current step runs highlighted and the run's real values beside it. Guards
//! appear when the settings add them (data validation, a trigger that can skip
//! a cycle, the champion/challenger gate); which line is active follows the
//! cycle's typed outcome ([`crate::sim::teach::story`]).

use yew::prelude::*;

use crate::sim::engine::protocol::Snapshot;
use crate::sim::teach::story::{active_line, code_lines, code_note, CycleStory};

/// Props of [`CodeSample`].
#[derive(Properties, PartialEq)]
pub struct CodeSampleProps {
    /// The run (or a rewound cycle shown through it).
    pub snapshot: std::rc::Rc<Snapshot>,
}

/// The code with its highlighted line.
#[component]
pub fn CodeSample(props: &CodeSampleProps) -> Html {
    let s = &props.snapshot;
    let story = CycleStory::read(s.cycle, &s.rows, s.outcome.as_ref());
    let lines = code_lines(&s.params);
    let active = active_line(&story, &lines);
    let gate = s.params.min_improvement.is_some();
    html! {
        <section class="panel code" aria-labelledby="code-title">
            <h2 id="code-title">{ "Execution sample" }</h2>
            <pre class="code-block" role="region" tabindex="0" aria-label="retrain_model code with the current line highlighted"><code>
                { for lines.iter().map(|&line| {
                    let is_active = active == Some(line);
                    let code = line.code(gate);
                    let indent = code.len() - code.trim_start().len();
                    html! {
                        <span class={classes!("code-line", is_active.then_some("active"))}
                              data-line={format!("{line:?}")}
                              aria-current={is_active.then_some("true")}>
                            <span class="code-text">{ code }</span>
                            if let Some(n) = code_note(&story, line) {
                                <span class="code-note">{ format!("{}# {n}", " ".repeat(indent)) }</span>
                            }
                        </span>
                    }
                }) }
            </code></pre>
        </section>
    }
}
