//! The glossary: a short, true definition of every term the guide leans on,
//! and [`mark_first_uses`], which finds where a text first uses each term so
//! the page can define it there.
//!
//! The definitions say what *this* simulator does (its defaults, its
//! detectors' settings), not what the words mean elsewhere; the tests below
//! hold each number they quote to the constant in the code.

use std::collections::BTreeSet;

use crate::sim::order::sort_short_by_key;

/// One glossary entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Term {
    /// Stable identifier: the page's anchor is `glossary-<key>`.
    pub key: &'static str,
    /// The term as the glossary lists it.
    pub term: &'static str,
    /// One to three sentences, true of this simulator.
    pub definition: &'static str,
    /// The wordings that count as a use of the term in running text (matched
    /// whole-word and case-insensitively).
    pub matches: &'static [&'static str],
}

/// Every term, in the order the glossary lists them (alphabetical).
const TERMS: &[Term] = &[
    Term {
        key: "adwin",
        term: "ADWIN",
        definition: "ADaptive WINdowing, a drift detector on the live model's errors (1 for a wrong prediction, 0 for a right one). It keeps a window of recent errors and, every 32 of them, tries each split of the window at its bucket boundaries into an older and a newer part; when the two parts' error rates differ by more than chance allows (confidence \u{3b4} = 0.002), it drops the older part and fires. So it fires on any change in the error rate, rising or falling, but not on a rate that is bad and steady; it waits for labels, and starts afresh when a new model goes live.",
        matches: &["ADWIN"],
    },
    Term {
        key: "best-possible",
        term: "Best possible",
        definition: "The accuracy the true labelling rule itself can expect: the dotted line on the accuracy chart, and the best any model can expect. It is below 1 because the two classes' clouds overlap (about 0.93 with every label right) and no model can predict a label flipped by label noise: \u{3a6}(1.5)\u{b7}(1 \u{2212} noise) + (1 \u{2212} \u{3a6}(1.5))\u{b7}noise, without a prior shift or a gradual mix of rules.",
        matches: &[
            "best possible",
            "best any model can expect",
            "best any model could expect",
        ],
    },
    Term {
        key: "candidate",
        term: "Candidate",
        definition: "A model just trained on the training window, not yet live. It is deployed (becomes the live model) only if its accuracy on the hold-out is above the threshold, and, with the champion/challenger gate on, beats the live model there by the margin; otherwise the team is alerted and the candidate is set aside.",
        matches: &["candidate", "candidates"],
    },
    Term {
        key: "concept-drift",
        term: "Concept drift",
        definition: "Drift of the rule that labels the data: the same input now belongs to another class more often (P(y | x) changes). Here the rule turns, up to 180\u{b0} at full drift strength, and each class's cloud turns with it; once it has turned past 90\u{b0}, a boundary that stayed where it was is wrong more often than right.",
        matches: &["concept drift"],
    },
    Term {
        key: "covariate-drift",
        term: "Covariate drift",
        definition: "Drift of the inputs while the labelling rule stays (P(x) changes, P(y | x) does not). Here both classes' clouds slide along the boundary, up to 4 \u{3c3} at full drift strength: a model whose boundary matches the rule stays right, one that is right only near the old data (a tree's boxes) can fail.",
        matches: &["covariate drift", "covariate shift"],
    },
    Term {
        key: "cron",
        term: "Cron",
        definition: "A five-field timetable (minute, hour, day of month, month, day of week) as Unix cron writes it: 0 0 * * * is every day at midnight. The schedule trigger reads it on a simulated clock that moves on 360 minutes (6 hours) a cycle by default, and retrains in a cycle during which the timetable came due.",
        matches: &["cron"],
    },
    Term {
        key: "drift",
        term: "Drift",
        definition: "A change over time in the data a model meets, away from the data it learned from. Here it begins at the onset cycle (3 by default) and is one of three kinds (concept drift, covariate drift, prior shift), arriving suddenly, gradually, incrementally or by turns (recurring).",
        matches: &["drift"],
    },
    Term {
        key: "drift-detector",
        term: "Drift detector",
        definition: "A test that watches the stream and fires when it changes; as a trigger, its firing starts a retrain. Here it is ADWIN or Page-Hinkley on the live model's errors, which fire on a change in the error rate (not on one that is bad but steady), or the KS test on the inputs.",
        matches: &["drift detector", "drift detectors", "drift detection"],
    },
    Term {
        key: "expected-accuracy",
        term: "Expected accuracy",
        definition: "What a model's score on a batch's hold-out averages over every possible hold-out: its true accuracy on the data as they are now. Only the simulator knows it, because it knows how the data are made (it is computed exactly, for both models); a measured score scatters around it by sampling noise.",
        matches: &["expected accuracy", "expected score"],
    },
    Term {
        key: "hold-out",
        term: "Hold-out",
        definition: "The rows of each batch kept out of training (30 % by default) and used only to score models: the candidate's accuracy on the newest labelled batch's hold-out decides deploy or alert, and the live model is measured on the same rows.",
        matches: &["hold-out", "holdout", "held-out", "held out"],
    },
    Term {
        key: "ks-test",
        term: "KS test",
        definition: "The two-sample Kolmogorov\u{2013}Smirnov test, a drift detector on the inputs: for each of the two features it compares the new batch with the rows the live model was trained on, by the largest gap between their cumulative distributions, and fires when either feature's p-value is below 0.05. It needs no labels, so it runs as soon as a batch arrives; it sees drift only where the inputs move.",
        matches: &[
            "KS test",
            "Kolmogorov\u{2013}Smirnov test",
            "Kolmogorov-Smirnov test",
            "Kolmogorov\u{2013}Smirnov",
            "Kolmogorov-Smirnov",
        ],
    },
    Term {
        key: "label-delay",
        term: "Label delay",
        definition: "How many cycles (0 to 10) a batch's labels arrive after its inputs. Until they come in, everything that needs labels waits: scoring the live model, the performance-drop trigger and the performance floor, ADWIN and Page-Hinkley, the label checks and training on that batch. The input checks and the KS test run at once.",
        matches: &["label delay"],
    },
    Term {
        key: "label-noise",
        term: "Label noise",
        definition: "The share of labels flipped at random (0 to 50 %, 5 % by default). No model can predict a flip, so a model right on a share c of clean labels scores \u{3b7} + (1 \u{2212} 2\u{3b7})\u{b7}c at noise \u{3b7}: each point of noise costs almost a point of accuracy.",
        matches: &["label noise"],
    },
    Term {
        key: "live-model",
        term: "Live model",
        definition: "The model deployed now: the one that makes the predictions and is measured on each new batch. It starts as v1 and changes only when a candidate is deployed or the team rolls back to an older version.",
        matches: &["live model", "live models"],
    },
    Term {
        key: "page-hinkley",
        term: "Page-Hinkley",
        definition: "A drift detector on the live model's errors (1 wrong, 0 right). It adds up how far each error sits above the running error rate, less a small tolerance (\u{3b4} = 0.005), and fires when that sum has climbed more than \u{3bb} = 50 above its lowest point (after at least 30 errors). Here it fires only on a rising error rate, and, like ADWIN, not on a rate that is bad and steady.",
        matches: &["Page-Hinkley", "Page\u{2013}Hinkley"],
    },
    Term {
        key: "performance-floor",
        term: "Performance floor",
        definition: "A second trigger beside a schedule or a drift detector: also retrain whenever the live model's accuracy on the newest labelled hold-out is below the threshold. It catches what a change detector misses: accuracy that is bad but steady.",
        matches: &["performance floor"],
    },
    Term {
        key: "prior-shift",
        term: "Prior shift",
        definition: "Drift of how common each class is (P(y) changes) while each class's cloud stays where it was. Here the share of class 1 rises from 50 % up to 95 % at full drift strength, which also moves the best boundary towards the rarer class.",
        matches: &["prior shift"],
    },
    Term {
        key: "sampling-noise",
        term: "Sampling noise (standard error)",
        definition: "How far a score measured on a finite hold-out strays from the model's expected accuracy p by chance alone. One standard error is \u{221a}(p(1 \u{2212} p)/rows); about 95 % of scores fall within two of them (\u{b1}0.05 at 150 rows and p = 0.89), so a dip inside that band is no evidence of a change.",
        matches: &["sampling noise", "standard error", "standard errors"],
    },
    Term {
        key: "sigma",
        term: "Standard deviation (\u{3c3})",
        definition: "How far values typically sit from their mean. Each class's cloud of points has a standard deviation of 1 in every direction, so \u{201c}the inputs moved 2.0 \u{3c3}\u{201d} means the clouds slid twice their own spread.",
        matches: &["\u{3c3}", "standard deviation", "standard deviations"],
    },
    Term {
        key: "threshold",
        term: "Threshold",
        definition: "The deploy threshold (0.80 by default): a candidate goes live only if its accuracy on the hold-out is strictly above it. The performance-drop trigger and the performance floor retrain when the live model's accuracy is below it.",
        matches: &["deploy threshold", "threshold"],
    },
    Term {
        key: "training-window",
        term: "Training window",
        definition: "Which batches a candidate learns from: the newest batch only, the last n batches (3 by default) or all data so far (at most 100,000 rows, the oldest dropped first). Only their training rows count: hold-out rows are never trained on.",
        matches: &["training window", "training windows"],
    },
];

/// Every term, alphabetically.
pub fn terms() -> &'static [Term] {
    TERMS
}

/// The term with this key, if there is one.
pub fn term(key: &str) -> Option<&'static Term> {
    TERMS.iter().find(|t| t.key == key)
}

/// A piece of running text: plain, or the first use of a glossary term.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Segment<'a> {
    /// Text to show as it is.
    Text(&'a str),
    /// The words that first use the term `key`, as the text wrote them.
    Term {
        /// The words, exactly as in the text.
        text: &'a str,
        /// The term's [`Term::key`].
        key: &'static str,
    },
}

/// Letters and digits belong to a word; anything else (space, punctuation, a
/// hyphen, a quote) ends one.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Where `pattern` ends if `text` has it at byte `at`, compared
/// case-insensitively character by character (so non-ASCII case pairs such as
/// Σ/σ match, and no index ever lands inside a character).
fn match_at(text: &str, at: usize, pattern: &str) -> Option<usize> {
    let mut rest = text.get(at..)?.char_indices();
    let mut end = at;
    for p in pattern.chars() {
        let (i, c) = rest.next()?;
        if !c.to_lowercase().eq(p.to_lowercase()) {
            return None;
        }
        end = at + i + c.len_utf8();
    }
    Some(end)
}

/// Every wording of `terms`, longest first, so that "concept drift" is found
/// before "drift" at the same place.
fn wordings(terms: &'static [Term]) -> Vec<(&'static str, &'static str)> {
    let mut all: Vec<(&'static str, &'static str)> = terms
        .iter()
        .flat_map(|t| t.matches.iter().map(move |m| (*m, t.key)))
        .filter(|(m, _)| !m.is_empty())
        .collect();
    sort_short_by_key(&mut all, |(m, _)| std::cmp::Reverse(m.chars().count()));
    all
}

/// Splits `text` into segments, marking the first use of each of `terms`
/// whose key is not in `seen` yet (and adding it there): pass the same `seen`
/// through a sequence of paragraphs to mark each term once in all of them.
///
/// A use is a whole-word, case-insensitive match of one of the term's
/// [`Term::matches`]; at each place the longest wording wins, and a later use
/// of a term already seen is skipped whole (a second "concept drift" never
/// becomes a first "drift"). The segments always join back into `text`.
pub fn mark_first_uses<'a>(
    text: &'a str,
    terms: &'static [Term],
    seen: &mut BTreeSet<&'static str>,
) -> Vec<Segment<'a>> {
    let wordings = wordings(terms);
    let mut out = Vec::new();
    let mut plain_from = 0;
    let mut at = 0;
    let mut before: Option<char> = None;
    while let Some(c) = text[at..].chars().next() {
        let starts_word = before.is_none_or(|b| !is_word_char(b));
        let found = if starts_word {
            wordings.iter().find_map(|&(w, key)| {
                let end = match_at(text, at, w)?;
                let ends_word = text[end..].chars().next().is_none_or(|n| !is_word_char(n));
                ends_word.then_some((end, key))
            })
        } else {
            None
        };
        match found {
            Some((end, key)) => {
                if seen.insert(key) {
                    if plain_from < at {
                        out.push(Segment::Text(&text[plain_from..at]));
                    }
                    out.push(Segment::Term {
                        text: &text[at..end],
                        key,
                    });
                    plain_from = end;
                }
                before = text[..end].chars().next_back();
                at = end;
            }
            None => {
                before = Some(c);
                at += c.len_utf8();
            }
        }
    }
    if plain_from < text.len() {
        out.push(Segment::Text(&text[plain_from..]));
    }
    out
}

/// [`mark_first_uses`] over a sequence of paragraphs with every term of the
/// glossary: each term is marked where the paragraphs first use it.
pub fn mark_paragraphs<'a>(paragraphs: &[&'a str]) -> Vec<Vec<Segment<'a>>> {
    let mut seen = BTreeSet::new();
    paragraphs
        .iter()
        .map(|p| mark_first_uses(p, terms(), &mut seen))
        .collect()
}

// Native only: the core is tested natively (proptest is a native dev-dependency).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sim::ml::detectors::{AdwinConfig, PageHinkleyConfig};
    use crate::sim::ml::truth::{normal_cdf, sampling_band};
    use crate::sim::params::{SimParams, TrainingWindow, MAX_LABEL_DELAY, MAX_WINDOW_ROWS};
    use crate::sim::retraining::triggers::KS_ALPHA;
    use crate::sim::stream::drift::{MAX_COVARIATE_SHIFT, MAX_PRIOR, MAX_ROTATION_DEG};
    use crate::sim::stream::holdout_rows;
    use crate::sim::teach::guide::chapters;
    use proptest::prelude::*;

    /// The keys of the terms marked in `segments`, in order.
    fn marked(segments: &[Segment<'_>]) -> Vec<&'static str> {
        segments
            .iter()
            .filter_map(|s| match s {
                Segment::Term { key, .. } => Some(*key),
                Segment::Text(_) => None,
            })
            .collect()
    }

    fn joined(segments: &[Segment<'_>]) -> String {
        segments
            .iter()
            .map(|s| match s {
                Segment::Text(t) | Segment::Term { text: t, .. } => *t,
            })
            .collect()
    }

    fn definition(key: &str) -> &'static str {
        term(key).expect("a term").definition
    }

    /// A small glossary where one wording contains another.
    const NESTED: &[Term] = &[
        Term {
            key: "drift",
            term: "Drift",
            definition: "d.",
            matches: &["drift"],
        },
        Term {
            key: "concept-drift",
            term: "Concept drift",
            definition: "c.",
            matches: &["concept drift"],
        },
        Term {
            key: "sigma",
            term: "\u{3c3}",
            definition: "s.",
            matches: &["\u{3c3}"],
        },
    ];

    #[test]
    fn marks_only_the_first_use_across_paragraphs() {
        let mut seen = BTreeSet::new();
        let first = mark_first_uses("The candidate is trained.", terms(), &mut seen);
        let second = mark_first_uses("Another candidate follows.", terms(), &mut seen);
        assert_eq!(
            first,
            [
                Segment::Text("The "),
                Segment::Term {
                    text: "candidate",
                    key: "candidate"
                },
                Segment::Text(" is trained."),
            ]
        );
        assert_eq!(second, [Segment::Text("Another candidate follows.")]);
    }

    #[test]
    fn matches_whole_words_only() {
        let mut seen = BTreeSet::new();
        let s = mark_first_uses(
            "Drifting adrift, thresholding; cronjob.",
            terms(),
            &mut seen,
        );
        assert_eq!(marked(&s), Vec::<&str>::new());
        let s = mark_first_uses("(drift) and \u{201c}Threshold\u{201d}.", terms(), &mut seen);
        assert_eq!(marked(&s), ["drift", "threshold"]);
    }

    #[test]
    fn matches_case_insensitively_and_keeps_the_texts_own_case() {
        let mut seen = BTreeSet::new();
        let s = mark_first_uses("Concept Drift and adwin.", terms(), &mut seen);
        assert_eq!(
            s[0],
            Segment::Term {
                text: "Concept Drift",
                key: "concept-drift"
            }
        );
        assert_eq!(
            s[2],
            Segment::Term {
                text: "adwin",
                key: "adwin"
            }
        );
    }

    #[test]
    fn the_longest_wording_wins_and_a_seen_term_is_skipped_whole() {
        let mut seen = BTreeSet::new();
        let s = mark_first_uses(
            "concept drift, then concept drift, then drift.",
            NESTED,
            &mut seen,
        );
        assert_eq!(marked(&s), ["concept-drift", "drift"]);
        assert!(matches!(s[2], Segment::Term { text: "drift", .. }));
        assert_eq!(joined(&s), "concept drift, then concept drift, then drift.");
    }

    #[test]
    fn non_ascii_wordings_match_by_character() {
        let mut seen = BTreeSet::new();
        let s = mark_first_uses("moved 2.0 \u{3a3}, 2.0 \u{3c3}", NESTED, &mut seen);
        assert_eq!(
            s,
            [
                Segment::Text("moved 2.0 "),
                Segment::Term {
                    text: "\u{3a3}",
                    key: "sigma"
                },
                Segment::Text(", 2.0 \u{3c3}"),
            ]
        );
    }

    #[test]
    fn empty_text_and_text_without_terms() {
        let mut seen = BTreeSet::new();
        assert!(mark_first_uses("", terms(), &mut seen).is_empty());
        assert_eq!(
            mark_first_uses("Nothing to see.", terms(), &mut seen),
            [Segment::Text("Nothing to see.")]
        );
    }

    #[test]
    fn keys_are_unique_and_listed_alphabetically() {
        let keys: BTreeSet<_> = terms().iter().map(|t| t.key).collect();
        assert_eq!(keys.len(), terms().len());
        let names: Vec<String> = terms().iter().map(|t| t.term.to_lowercase()).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
        for t in terms() {
            assert!(
                t.key.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                t.key
            );
            assert!(!t.matches.is_empty() && t.matches.iter().all(|m| !m.is_empty()));
            assert!(t.definition.ends_with('.'), "{}", t.key);
        }
    }

    #[test]
    fn every_wording_finds_its_own_term() {
        for t in terms() {
            for m in t.matches {
                let mut seen = BTreeSet::new();
                let text = format!("A {m}.");
                assert_eq!(
                    marked(&mark_first_uses(&text, terms(), &mut seen)),
                    [t.key],
                    "{m}"
                );
            }
        }
    }

    #[test]
    fn the_guide_defines_the_terms_it_uses() {
        let defined: BTreeSet<&str> = chapters()
            .iter()
            .flat_map(|c| mark_paragraphs(c.text).concat())
            .filter_map(|s| match s {
                Segment::Term { key, .. } => Some(key),
                Segment::Text(_) => None,
            })
            .collect();
        for key in [
            "adwin",
            "candidate",
            "concept-drift",
            "covariate-drift",
            "cron",
            "drift-detector",
            "hold-out",
            "live-model",
            "performance-floor",
            "prior-shift",
            "threshold",
            "training-window",
            "label-noise",
            "best-possible",
        ] {
            assert!(defined.contains(key), "no chapter marks {key}");
        }
        let one = chapters().into_iter().next().expect("chapter 1");
        assert!(marked(&mark_paragraphs(one.text).concat()).contains(&"concept-drift"));
    }

    #[test]
    fn definitions_quote_the_codes_own_numbers() {
        let d = SimParams::default();
        assert_eq!(d.threshold, 0.80);
        assert!(definition("threshold").contains("0.80 by default"));
        assert_eq!(d.label_noise, 0.05);
        assert!(definition("label-noise").contains("0 to 50 %, 5 % by default"));
        assert_eq!(d.holdout_fraction, 0.3);
        assert!(definition("hold-out").contains("30 %"));
        assert_eq!(d.window, TrainingWindow::Sliding(3));
        assert_eq!(MAX_WINDOW_ROWS, 100_000);
        assert!(definition("training-window").contains("(3 by default)"));
        assert!(definition("training-window").contains("100,000 rows"));
        assert_eq!(d.minutes_per_cycle, 360);
        assert!(definition("cron").contains("360 minutes"));
        assert_eq!(d.drift_onset, 3);
        assert!(definition("drift").contains("(3 by default)"));
        assert_eq!(MAX_LABEL_DELAY, 10);
        assert!(definition("label-delay").contains("(0 to 10)"));
        let adwin = AdwinConfig::default();
        assert_eq!((adwin.delta, adwin.clock), (0.002, 32));
        assert!(definition("adwin").contains("every 32"));
        assert!(definition("adwin").contains("0.002"));
        assert!(definition("adwin").contains("rising or falling"));
        let ph = PageHinkleyConfig::default();
        assert_eq!(
            (ph.delta, ph.threshold, ph.min_instances),
            (0.005, 50.0, 30)
        );
        assert!(definition("page-hinkley").contains("= 0.005"));
        assert!(definition("page-hinkley").contains("= 50"));
        assert!(definition("page-hinkley").contains("at least 30"));
        assert_eq!(KS_ALPHA, 0.05);
        assert!(definition("ks-test").contains("below 0.05"));
        assert_eq!(MAX_ROTATION_DEG, 180.0);
        assert!(definition("concept-drift").contains("180\u{b0}"));
        assert_eq!(MAX_COVARIATE_SHIFT, 4.0);
        assert!(definition("covariate-drift").contains("4 \u{3c3}"));
        assert_eq!(MAX_PRIOR, 0.95);
        assert!(definition("prior-shift").contains("95 %"));
        assert!((normal_cdf(1.5) - 0.93).abs() < 0.005);
        assert!(definition("best-possible").contains("about 0.93"));
        let rows = holdout_rows(d.batch_size, d.holdout_fraction);
        assert_eq!(rows, 150);
        assert!((sampling_band(0.89, rows) - 0.05).abs() < 0.005);
        assert!(definition("sampling-noise").contains("\u{b1}0.05 at 150 rows"));
    }

    proptest! {
        #[test]
        fn segments_join_back_and_mark_each_term_once(
            paragraphs in proptest::collection::vec(
                prop_oneof![
                    ".{0,60}",
                    "((concept |covariate )?drift|ADWIN|Σ|σ|hold-out|threshold|[a-zA-Z]{1,6}|[ .,\u{2013}-]){0,12}",
                ],
                0..5,
            )
        ) {
            let mut seen = BTreeSet::new();
            let mut all = Vec::new();
            for p in &paragraphs {
                let segments = mark_first_uses(p, terms(), &mut seen);
                prop_assert_eq!(&joined(&segments), p);
                for s in &segments {
                    if let Segment::Term { text, key } = s {
                        let t = term(key).expect("a known key");
                        let lower = text.to_lowercase();
                        prop_assert!(t.matches.iter().any(|m| m.to_lowercase() == lower));
                    }
                }
                all.extend(marked(&segments));
            }
            let unique: BTreeSet<_> = all.iter().collect();
            prop_assert_eq!(unique.len(), all.len());
            prop_assert!(all.iter().all(|k| seen.contains(k)));
        }
    }
}
