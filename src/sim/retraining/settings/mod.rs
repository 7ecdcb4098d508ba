//! The one table of settings. Each setting a run has is written here once, as
//! one [`Setting`] row: its name, its unit, its bounds, slider step and
//! default, its key in links, the name a teacher hides its control by, whether
//! a change restarts the run or applies from the next cycle, and its help text.
//!
//! Everything else reads the table rather than repeating it:
//! [`SimParams::check`](crate::sim::params::SimParams::check) and
//! `SimParams::default` (bounds and defaults), the settings panel's and the
//! guide's sliders (bounds, step, label, help), links
//! (`share`: keys, rounding, which are written), the names a teacher can hide,
//! the notice after a change ([`changed`], [`Setting::label`]), the restart
//! rule ([`needs_restart`]), the cycles CSV's setting columns and the README's
//! list of settings ([`markdown_table`]).
//!
//! Choice settings (drift kind, pattern, model, window) take their keys and
//! labels from their enums (`keys_and_labels!`); the table holds how to read
//! and set them. The trigger is one setting with two parts that ride along
//! (its cron schedule and its detector), so it has a kind of its own.
//!
//! The table is kept in five files: `row` (what a row is), `table` (the rows
//! themselves and the choices they offer), `lookup` (what the rest of the app
//! asks of the table), `check` (the check and the defaults built on the
//! table) and `docs` (the README's list). They import one another directly,
//! never through this file, which only hands their names on.

mod check;
mod docs;
mod error;
mod lookup;
mod row;
mod table;

pub use docs::markdown_table;
pub use error::{check_seed, ParamError};
pub use lookup::{by_field, changed, hide_keys, needs_restart, setting};
pub use row::{Applies, Bounds, ConfigEffect, LinkWrite, Number, Setting, SettingKey, Unit, Value};
pub use table::{sensitivity_setting, trigger_from_key, ALL, TRIGGER_CHOICES, WINDOW_CHOICES};

// A value of a setting other than its default, for the tests of links and notices.
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) use lookup::changed_value;
