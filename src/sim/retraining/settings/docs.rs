//! The list of settings for the README, written from the table
//! ([`markdown_table`]); a test keeps the README's copy the same.

use super::row::{Applies, Number, Value};
use super::table::{ALL, TRIGGER_CHOICES};
use crate::sim::params::SimParams;

/// The list of settings as a Markdown table (the README's, between its
/// `settings-table` markers; a test keeps the two the same).
pub fn markdown_table() -> String {
    let mut out = String::from(
        "| setting | link | hide | values | default | a change |\n|---|---|---|---|---|---|\n",
    );
    let defaults = SimParams::default();
    for s in &ALL {
        let link = s.link.map_or("–".to_string(), |(k, _)| format!("`{k}`"));
        let hide = s.hide.map_or("–".to_string(), |k| format!("`{k}`"));
        let (values, default) = match s.value {
            Value::Seed { default } => (
                format!("0 to {}", crate::sim::params::MAX_SEED),
                default.to_string(),
            ),
            Value::Number { bounds, .. } => (
                format!(
                    "{} to {} {}{}",
                    bounds.min,
                    bounds.max,
                    bounds.unit.label(),
                    if bounds.number == Number::Real && bounds.slider_max.is_some() {
                        format!(", step {}", bounds.step)
                    } else {
                        String::new()
                    }
                ),
                bounds.default.to_string(),
            ),
            Value::Choice { options, get, .. } => (
                options()
                    .iter()
                    .map(|(k, _)| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                format!("`{}`", get(&defaults)),
            ),
            Value::Trigger => (
                TRIGGER_CHOICES
                    .iter()
                    .map(|(k, _)| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
                    + " (with `cron`, `detector`)",
                format!("`{}`", defaults.trigger.key()),
            ),
            Value::Switch { default, .. } => {
                ("`1` or `0`".to_string(), u8::from(default).to_string())
            }
        };
        let applies = match s.applies {
            Applies::Restart => "restarts the run",
            Applies::NextCycle => "applies next cycle",
        };
        out.push_str(&format!(
            "| {} | {link} | {hide} | {values} | {default} | {applies} |\n",
            s.label
        ));
    }
    out
}

// Native only: the core is tested natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn the_readme_lists_the_tables_settings() {
        let readme = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"));
        let start = "<!-- settings-table: written by sim::settings::markdown_table -->\n";
        let end = "<!-- /settings-table -->";
        let from = readme
            .find(start)
            .expect("the README has the settings table")
            + start.len();
        let to = from + readme[from..].find(end).expect("the table ends");
        assert_eq!(readme[from..to], markdown_table(), "{}", markdown_table());
    }
}
