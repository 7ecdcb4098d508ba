//! Ordering short lists without the standard library's general sorts. Each
//! `sort_by_key` on a new element type links a fresh copy of Rust's stable sort
//! (driftsort, ~4 KB of wasm per type); the page's two sorts were of lists of a
//! few dozen glossary wordings and of an alert log already in cycle order, so a
//! plain insertion sort and a merge do the same work in a fraction of the code.

/// Sorts `items` by `key`, stably (equal keys keep their order), by insertion:
/// meant for short lists (its time grows with the square of the length).
pub fn sort_short_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && key(&items[j - 1]) > key(&items[j]) {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// The items of `first` and `second` in one list ordered by `key`, where each
/// list is already in that order; at equal keys the items of `first` come
/// before those of `second`. The same list a stable sort of `first` followed
/// by `second` gives, in one pass.
pub fn merge_by_key<T, K: Ord>(first: Vec<T>, second: Vec<T>, key: impl Fn(&T) -> K) -> Vec<T> {
    let mut out = Vec::with_capacity(first.len() + second.len());
    let mut a = first.into_iter().peekable();
    let mut b = second.into_iter().peekable();
    loop {
        let take_a = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => key(x) <= key(y),
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => return out,
        };
        out.extend(if take_a { a.next() } else { b.next() });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{rngs::StdRng, Rng, SeedableRng};

    #[test]
    fn the_short_sort_is_the_standard_stable_sort() {
        let mut rng = StdRng::seed_from_u64(7);
        for len in 0..40 {
            for _ in 0..20 {
                let items: Vec<(u8, usize)> = (0..len).map(|i| (rng.gen_range(0..5), i)).collect();
                let (mut ours, mut std) = (items.clone(), items);
                sort_short_by_key(&mut ours, |x| x.0);
                std.sort_by_key(|x| x.0);
                assert_eq!(ours, std);
            }
        }
    }

    #[test]
    fn merging_two_ordered_lists_is_the_stable_sort_of_both() {
        let mut rng = StdRng::seed_from_u64(8);
        for _ in 0..500 {
            let mut list = |tag: char| {
                let mut keys: Vec<u32> = (0..rng.gen_range(0..12))
                    .map(|_| rng.gen_range(0..8))
                    .collect();
                keys.sort();
                keys.into_iter()
                    .enumerate()
                    .map(|(i, k)| (k, tag, i))
                    .collect::<Vec<_>>()
            };
            let (a, b) = (list('a'), list('b'));
            let mut std: Vec<_> = a.iter().chain(&b).copied().collect();
            std.sort_by_key(|x| x.0);
            assert_eq!(merge_by_key(a, b, |x| x.0), std);
        }
    }
}
