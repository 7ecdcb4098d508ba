//! One table per choice enum (drift kind, model, detector, fault, …) from which
//! [`keys_and_labels!`] writes the methods every such enum needs, so a variant's
//! key and label are written once, side by side, and cannot drift apart:
//!
//! * `ALL`: every variant, in table order (the order the page lists them);
//! * `key()`: the stable text for links and `<select>` values;
//! * `label()`: the words the page shows;
//! * `from_key()`: the variant of a key, `None` for any other text.
//!
//! The enum itself (its derives, its `///` docs, its default) stays written out
//! by hand above the table; only the repetitive methods are generated. Enums
//! with data in a variant (`TrainingWindow::Sliding(n)`, `RetrainTrigger`) or
//! with a label only (`VersionStatus`, `ParamField`) keep hand-written methods.

/// Writes `ALL`, `key()`, `label()` and `from_key()` for a fieldless `Copy`
/// enum from a table of `Variant => "key", "label";` rows. Every variant must
/// have a row: a missing one is a compile error (the `match`es are exhaustive).
///
/// ```ignore
/// keys_and_labels! {
///     ModelKind {
///         LogisticRegression => "logistic", "Logistic regression";
///         DecisionTree => "tree", "Decision tree";
///     }
/// }
/// ```
macro_rules! keys_and_labels {
    ($name:ident { $($variant:ident => $key:literal, $label:literal;)+ }) => {
        impl $name {
            #[doc = concat!("Every `", stringify!($name), "`, in the order the page lists them.")]
            pub const ALL: [$name; [$(stringify!($variant)),+].len()] = [$($name::$variant),+];

            /// The key in links and `<select>` values, never reworded (a link
            /// written today must still read tomorrow). One of:
            $(#[doc = concat!("* `", $key, "`: ", $label)])+
            pub fn key(self) -> &'static str {
                match self {
                    $($name::$variant => $key,)+
                }
            }

            /// The words the page shows (free to reword: nothing parses them).
            pub fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label,)+
                }
            }

            #[doc = concat!("The `", stringify!($name), "` whose [`key`](Self::key) is `key`; `None` for any other text.")]
            pub fn from_key(key: &str) -> Option<Self> {
                Self::ALL.into_iter().find(|v| v.key() == key)
            }
        }
    };
}

pub(crate) use keys_and_labels;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    // The macro is in scope here already: it is defined above, in this file.

    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    enum Colour {
        Red,
        DarkBlue,
        Green,
    }

    keys_and_labels! {
        Colour {
            Red => "red", "Red";
            DarkBlue => "dark-blue", "Dark blue";
            Green => "green", "Green (the default)";
        }
    }

    #[test]
    fn the_table_gives_order_keys_and_labels() {
        assert_eq!(Colour::ALL, [Colour::Red, Colour::DarkBlue, Colour::Green]);
        assert_eq!(Colour::DarkBlue.key(), "dark-blue");
        assert_eq!(Colour::Green.label(), "Green (the default)");
    }

    #[test]
    fn from_key_reads_keys_only() {
        for c in Colour::ALL {
            assert_eq!(Colour::from_key(c.key()), Some(c));
        }
        for other in ["", "Red", "Dark blue", "dark-blue ", "DarkBlue"] {
            assert_eq!(Colour::from_key(other), None, "{other:?}");
        }
    }
}
