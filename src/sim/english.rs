//! The small pieces of English that sentences all over the playground are built
//! from: counts with thousands separators ("12,345 rows"), ordinals ("every 4th
//! year") and lists joined the way people write them ("Monday, Wednesday and
//! Friday"). One definition each,
//! so the core's messages ([`super::wording`], CSV errors, cron descriptions)
//! and the page's captions write numbers and lists the same way.

use std::borrow::Borrow;

/// `n` with a comma between groups of three digits: 12345 → "12,345".
pub fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Words joined as a sentence lists them: "", "a", "a and b", "a, b and c"
/// (no comma before "and").
pub fn join_words<S: Borrow<str>>(words: &[S]) -> String {
    match words {
        [] => String::new(),
        [one] => one.borrow().to_string(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last.borrow()),
    }
}

/// `n` as an ordinal: 1 → "1st", 2 → "2nd", 4 → "4th", 11 → "11th", 22 → "22nd".
pub fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// A count as a word for one to nine ("five"), as a numeral above.
pub fn number_word(n: usize) -> String {
    const WORDS: [&str; 10] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    WORDS
        .get(n)
        .map_or_else(|| group_thousands(n), |w| w.to_string())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ordinals_take_the_suffix_english_gives_them() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111]
            .map(ordinal)
            .into();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd",
                "101st", "111th"
            ]
        );
    }

    #[test]
    fn counts_get_a_comma_every_three_digits() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(12), "12");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1_000), "1,000");
        assert_eq!(group_thousands(20_000), "20,000");
        assert_eq!(group_thousands(1_234_567), "1,234,567");
        assert_eq!(
            group_thousands(usize::MAX),
            if usize::BITS == 64 {
                "18,446,744,073,709,551,615"
            } else {
                "4,294,967,295"
            }
        );
    }

    #[test]
    fn lists_read_as_a_sentence() {
        assert_eq!(join_words::<&str>(&[]), "");
        assert_eq!(join_words(&["Monday"]), "Monday");
        assert_eq!(join_words(&["a", "b"]), "a and b");
        assert_eq!(join_words(&["a", "b", "c"]), "a, b and c");
        let owned = vec!["a.csv".to_string(), "b.json".to_string()];
        assert_eq!(join_words(&owned), "a.csv and b.json");
    }

    proptest! {
        #[test]
        fn grouping_only_adds_commas_in_the_right_places(n in any::<usize>()) {
            let grouped = group_thousands(n);
            prop_assert_eq!(grouped.replace(',', ""), n.to_string());
            let groups: Vec<&str> = grouped.split(',').collect();
            prop_assert!((1..=3).contains(&groups[0].len()));
            prop_assert!(groups[1..].iter().all(|g| g.len() == 3));
        }
    }
}
