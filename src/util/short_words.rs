//! A set of words that answers "surely not in it" from one table read:
//! the word lists of extraction (trigger words, abbreviations, function
//! words) ask it before a hash lookup or a pass over a list. And
//! [`with_ascii_lower`], a word lowercased on the stack for such a lookup.

/// Sets of words kept as the lengths of their words (one bit each, 15
/// for any longer) by each word's first two bytes with ASCII case folded:
/// a word whose first two bytes and length no word of the set has is not
/// in it in any ASCII case. Most words are turned away on that alone, with
/// one table read instead of a pass over a list or a hash lookup.
#[derive(Clone, Debug)]
pub(crate) struct ShortWords([u16; 1024]);

impl ShortWords {
    /// The set of the words of `lists`.
    pub(crate) const fn new(lists: &[&[&str]]) -> ShortWords {
        let mut words = ShortWords([0; 1024]);
        let mut l = 0;
        while l < lists.len() {
            let mut k = 0;
            while k < lists[l].len() {
                words.insert(lists[l][k]);
                k += 1;
            }
            l += 1;
        }
        words
    }

    /// The set of `words`, for lists read at run time.
    pub(crate) fn of<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> ShortWords {
        let mut set = ShortWords::new(&[]);
        for w in words {
            set.insert(w.as_ref());
        }
        set
    }

    /// Adds `word` to the set.
    const fn insert(&mut self, word: &str) {
        let (key, bit) = Self::slot(word.as_bytes());
        self.0[key] |= bit;
    }

    /// Where a word is kept: letters differ from their other case only in
    /// bit 5, so the low five bits of each of the first two bytes (0 for a
    /// byte the word lacks) make the key.
    const fn slot(word: &[u8]) -> (usize, u16) {
        let first = if word.is_empty() { 0 } else { word[0] };
        let second = if word.len() < 2 { 0 } else { word[1] };
        let len = if word.len() < 15 { word.len() } else { 15 };
        (
            ((first & 31) as usize) << 5 | (second & 31) as usize,
            1 << len,
        )
    }

    /// False when `word` is in the set in no ASCII case; true when it may be.
    pub(crate) fn may_hold(&self, word: &str) -> bool {
        let (key, bit) = Self::slot(word.as_bytes());
        self.0[key] & bit != 0
    }
}

/// `f` of `word` with its ASCII letters lowercased, lowered on the stack
/// when the word is short (a word looked up in a lowercase list allocated
/// a copy of itself each time).
pub(crate) fn with_ascii_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 32];
    match buf.get_mut(..word.len()) {
        Some(lowered) => {
            lowered.copy_from_slice(word.as_bytes());
            lowered.make_ascii_lowercase();
            f(std::str::from_utf8(lowered).expect("lowering ASCII letters keeps UTF-8"))
        }
        None => f(&word.to_ascii_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A word a list holds in any ASCII case is never turned away by its
    /// `ShortWords` (words of any length, a long one standing for all its
    /// longer lengths); words of other lengths or first letters are.
    #[test]
    fn short_words_keep_every_listed_word() {
        const LIST: &[&str] = &["rose", "up", "u.s", "approx", "a", "", "internationally"];
        static WORDS: ShortWords = ShortWords::new(&[LIST]);
        for w in LIST {
            for variant in [w.to_string(), w.to_ascii_uppercase()] {
                assert!(WORDS.may_hold(&variant), "{variant}");
            }
        }
        for w in ["rise", "ros", "roses", "u", "in", "u.k.", "approximately"] {
            assert!(!WORDS.may_hold(w), "{w}");
        }
    }

    /// The same text as `to_ascii_lowercase`, short or long, wide
    /// characters kept.
    #[test]
    fn lowers_as_to_ascii_lowercase_does() {
        for word in [
            "",
            "GDP",
            "Éxports-Rose",
            "ÀÉÎ",
            &"Ab".repeat(16),
            &"Ab".repeat(17),
        ] {
            with_ascii_lower(word, |w| assert_eq!(w, word.to_ascii_lowercase()));
        }
    }
}
