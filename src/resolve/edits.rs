//! The edit distance between two names, counted only as far as it matters.
//!
//! The fuzzy matcher asks one question of a candidate: is it within one or
//! two edits of the query, and if so how many. [`within`] answers that with
//! the unrestricted Damerau–Levenshtein distance (insertions, deletions,
//! substitutions, and transpositions of two letters even with letters
//! inserted between or deleted from between them afterwards, as in
//! "ca" -> "ac" -> "abc"), which is what `strsim::damerau_levenshtein`
//! computes. Optimal string alignment would not do: it counts three edits
//! for "ca" and "abc", and a name two edits off would then be lost.
//!
//! It stops as soon as the answer is "more than `max`": only a band of
//! diagonals `max` wide either side of the main one can hold a distance of
//! `max` or less, and it keeps only the last `max + 2` rows of that band
//! (on the stack for up to [`STACK_MAX`] edits), so comparing two ASCII
//! names allocates nothing (other text is first split into chars). It
//! reads nothing but its arguments and has no state.

/// The largest `max` whose rows fit on the stack (larger ones use the heap).
const STACK_MAX: usize = 4;

/// Cells of the rows kept on the stack: `max + 2` rows of `2 * max + 3`.
const STACK_CELLS: usize = Band::cells(STACK_MAX);

/// The unrestricted Damerau–Levenshtein distance between `a` and `b`,
/// counted in characters, when it is at most `max`; `None` when it is more.
/// ASCII text is compared byte by byte, anything else char by char.
pub fn within(a: &str, b: &str, max: usize) -> Option<usize> {
    if a.is_ascii() && b.is_ascii() {
        within_slices(a.as_bytes(), b.as_bytes(), max)
    } else {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        within_slices(&a, &b, max)
    }
}

/// [`within`] over two sequences of letters of any kind.
fn within_slices<T: Copy + PartialEq>(a: &[T], b: &[T], max: usize) -> Option<usize> {
    // Each letter one string has more than the other is at least an edit.
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    if a == b {
        return Some(0);
    }
    // No distance exceeds the longer length: a larger bound changes no
    // answer, only the size of the band.
    let max = max.min(a.len().max(b.len()));
    let mut stack = [0u32; STACK_CELLS];
    let mut heap = Vec::new();
    let cells = Band::cells(max);
    let cells = if cells <= STACK_CELLS {
        &mut stack[..cells]
    } else {
        heap.resize(cells, 0);
        &mut heap[..]
    };
    Band { cells, max }.distance(a, b)
}

/// The last `max + 2` rows of the distance table `d[i][j]` (between the
/// first `i` letters of one string and the first `j` of the other), each
/// row only across the diagonals `j - i` from `-max` to `max`, with every
/// value above `max` held as `max + 1`. Capping commutes with the minimum
/// and with adding edits, so the cells at or below `max` are exact.
///
/// A row holds its `2 * max + 1` diagonals between two cells that are
/// always over the bound, so the neighbours of a cell at the band's edge
/// need no test.
struct Band<'c> {
    cells: &'c mut [u32],
    max: usize,
}

impl Band<'_> {
    /// Cells needed for a bound of `max` edits.
    const fn cells(max: usize) -> usize {
        (max + 2) * (2 * max + 3)
    }

    fn width(&self) -> usize {
        2 * self.max + 3
    }

    /// The capped value for "more than `max`".
    fn over(&self) -> u32 {
        self.max as u32 + 1
    }

    /// Where row `i` starts: the rows take turns in the buffer. A
    /// transposition reads back at most `max + 1` rows, so `max + 2` turns
    /// keep every row still needed.
    fn row_start(&self, i: usize) -> usize {
        i % (self.max + 2) * self.width()
    }

    /// Where `d[i][j]` is within its row (for `j` in the band: `j + max >=
    /// i` and `j <= i + max`). One step along a row is one column, and the
    /// cell above-left of `d[i][j]` sits at the same place in row `i - 1`.
    fn place(&self, i: usize, j: usize) -> usize {
        1 + j + self.max - i
    }

    /// `d[i][j]`, capped; a cell off the band is more than `max` (its
    /// lengths alone differ by more).
    fn get(&self, i: usize, j: usize) -> u32 {
        if j + self.max < i || j > i + self.max {
            return self.over();
        }
        self.cells[self.row_start(i) + self.place(i, j)]
    }

    /// Mark all of row `i` as over the bound before filling the part of it
    /// inside the table: the buffer still holds an older row.
    fn clear(&mut self, i: usize) {
        let (start, over) = (self.row_start(i), self.over());
        let width = self.width();
        self.cells[start..start + width].fill(over);
    }

    /// The distance between `a` and `b` if at most `max`. Row by row; the
    /// smallest value in a row never decreases from one row to the next
    /// (a transposition from row `k - 1` costs at least the `i - k` rows it
    /// skips, and a row's minimum rises by at most one per row), so a row
    /// entirely over the bound ends the search.
    fn distance<T: Copy + PartialEq>(&mut self, a: &[T], b: &[T]) -> Option<usize> {
        let over = self.over();
        self.clear(0);
        for j in 0..=self.max.min(b.len()) {
            let at = self.place(0, j);
            self.cells[at] = j as u32;
        }
        for i in 1..=a.len() {
            if self.fill_row(a, b, i) >= over {
                return None;
            }
        }
        let d = self.get(a.len(), b.len());
        (d < over).then_some(d as usize)
    }

    /// Fill row `i` (the rows before it done) and return its smallest
    /// value, capped. Each cell is the least of a substitution or match
    /// from above-left, a deletion from above, an insertion from the left
    /// and a transposition.
    fn fill_row<T: Copy + PartialEq>(&mut self, a: &[T], b: &[T], i: usize) -> u32 {
        self.clear(i);
        let (row, above, over) = (self.row_start(i), self.row_start(i - 1), self.over());
        let first = i.saturating_sub(self.max);
        let last = (i + self.max).min(b.len());
        let mut smallest = over;
        if first == 0 {
            // Within the band only while i <= max, where i is below `over`.
            self.cells[row + self.place(i, 0)] = i as u32;
            smallest = i as u32;
        }
        // Walking along the row, the cell above becomes the next one's
        // above-left, and each cell the next one's left.
        let start = first.max(1);
        let (x, mut at) = (a[i - 1], self.place(i, start));
        let mut diagonal = self.cells[above + at];
        let mut left = self.cells[row + at - 1];
        for (j, &y) in (start..=last).zip(&b[start - 1..last]) {
            let up = self.cells[above + at + 1];
            let mut value = (diagonal + u32::from(x != y)).min(up + 1).min(left + 1);
            // A transposition never costs less than the cell above-left
            // (the letters it spans could be substituted, inserted or
            // deleted for no more), so it can only help a mismatch that
            // nothing else brought down to that.
            if value > diagonal {
                if let Some(swap) = self.transposition(a, b, i, j) {
                    value = value.min(swap);
                }
            }
            let value = value.min(over);
            self.cells[row + at] = value;
            smallest = smallest.min(value);
            (diagonal, left, at) = (up, value, at + 1);
        }
        smallest
    }

    /// The transposition term of `d[i][j]` (for `i, j >= 1`) in the
    /// Lowrance–Wagner recurrence: the `i`-th letter of `a` joined with the
    /// last earlier letter of `b` equal to it, the `j`-th of `b` with the
    /// last earlier one of `a`, and the letters between them paid for as
    /// deletions and insertions. Within `max` only when fewer than `max`
    /// letters lie between on each side, so the equal letters are looked
    /// for only that far back (if the last one lies farther, the term is
    /// over the bound).
    fn transposition<T: Copy + PartialEq>(
        &self,
        a: &[T],
        b: &[T],
        i: usize,
        j: usize,
    ) -> Option<u32> {
        let k = last_before(a, i, b[j - 1], self.max)?;
        let l = last_before(b, j, a[i - 1], self.max)?;
        let between = (i - k - 1) + (j - l - 1);
        Some(self.get(k - 1, l - 1) + between as u32 + 1)
    }
}

/// The 1-based position of the last `letter` among the `reach` letters of
/// `s` before position `at` (1-based).
fn last_before<T: Copy + PartialEq>(s: &[T], at: usize, letter: T, reach: usize) -> Option<usize> {
    (at.saturating_sub(reach).max(1)..at)
        .rev()
        .find(|&k| s[k - 1] == letter)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// What `within` must say, from strsim's full distance.
    fn oracle(a: &str, b: &str, max: usize) -> Option<usize> {
        let d = strsim::damerau_levenshtein(a, b);
        (d <= max).then_some(d)
    }

    /// Where optimal string alignment and the unrestricted distance part
    /// ways, and the bounds around each answer.
    #[test]
    fn transpositions_with_letters_between() {
        for (a, b, d) in [
            ("ca", "abc", 2), // swap, then insert between (OSA: 3)
            ("ab", "bxa", 2), // same, inserting x
            ("abc", "ca", 2), // delete between, then swap
            ("éa", "aßé", 2), // non-ASCII
            ("kelbradorsten", "kelbradrosten", 1),
            ("australia", "australai", 1),
            ("nigeria", "niger", 2),
            ("", "ab", 2),
            ("abcd", "abcd", 0),
        ] {
            assert_eq!(strsim::damerau_levenshtein(a, b), d, "{a:?} {b:?}");
            for max in 0..=4 {
                assert_eq!(
                    within(a, b, max),
                    (d <= max).then_some(d),
                    "{a:?} {b:?} {max}"
                );
            }
        }
    }

    /// A bound far above any distance (and past the stack buffer) changes
    /// nothing.
    #[test]
    fn large_bounds() {
        let (a, b) = ("kazakhstan", "turkmenistan");
        let d = strsim::damerau_levenshtein(a, b);
        assert!(d > STACK_MAX);
        for max in [d - 1, d, d + 1, 100, usize::MAX] {
            assert_eq!(within(a, b, max), oracle(a, b, max), "{max}");
        }
    }

    /// Every pair of strings up to five letters over a three-letter
    /// alphabet (one of them non-ASCII, so both the byte and the char path
    /// run), for every bound up to three.
    #[test]
    fn every_short_pair_agrees_with_strsim() {
        let mut words = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..5 {
            last = last
                .iter()
                .flat_map(|w| ['a', 'b', 'é'].map(|c| format!("{w}{c}")))
                .collect();
            words.extend(last.iter().cloned());
        }
        for a in &words {
            for b in &words {
                let d = strsim::damerau_levenshtein(a, b);
                for max in 0..=3 {
                    assert_eq!(
                        within(a, b, max),
                        (d <= max).then_some(d),
                        "{a:?} {b:?} {max}"
                    );
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        /// Random strings over a small alphabet (so repeats, swaps and near
        /// misses are common), ASCII and not, and a near copy of each.
        #[test]
        fn agrees_with_strsim(
            a in "[abcö]{0,12}",
            b in "[abcö]{0,12}",
            edits in proptest::collection::vec((0usize..4, 0usize..16, "[abcöß]"), 0..4),
            max in 0usize..=3,
        ) {
            prop_assert_eq!(within(&a, &b, max), oracle(&a, &b, max));
            let near = mutate(&a, &edits);
            prop_assert_eq!(within(&a, &near, max), oracle(&a, &near, max), "{:?}", near);
        }
    }

    /// `s` with each edit applied: (kind, position, letter) with kinds
    /// insert, delete, substitute and swap with the next letter.
    fn mutate(s: &str, edits: &[(usize, usize, String)]) -> String {
        let mut v: Vec<char> = s.chars().collect();
        for (kind, at, letter) in edits {
            let c = letter.chars().next().unwrap();
            match (*kind, v.len()) {
                (0, n) => v.insert(at % (n + 1), c),
                (_, 0) => {}
                (1, n) => {
                    v.remove(at % n);
                }
                (2, n) => v[at % n] = c,
                (_, n) => {
                    let at = at % n;
                    if at + 1 < n {
                        v.swap(at, at + 1);
                    }
                }
            }
        }
        v.into_iter().collect()
    }
}
