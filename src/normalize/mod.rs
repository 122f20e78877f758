//! normalize: one quantity phrase in, one [`Quantity`] out.
//!
//! Takes the words of a phrase ("nearly two million", "now in its sixth year",
//! "last year") and the as-of date, gives the interval the phrase commits to,
//! its point estimate, unit and kind, following DESIGN.md's semantics table.
//! Pure functions, no I/O; hedge slack and word lists are data
//! (`hedges.toml`), loaded into a [`Config`].
//!
//! Readings chosen where DESIGN.md leaves room (the corpus in
//! `tests/data/phrases.csv` pins each one):
//!
//! - exact figures carry their stated precision, half-open:
//!   "1.9 million" is [1.85M, 1.95M), "20 million" [15M, 25M), "3" [2.5, 3.5);
//! - hedges bend the stated figure X and keep it as the point: "nearly"
//!   [X·(1-slack_below), X], "about" [X·(1∓slack_around)], "more than" (X, …),
//!   "at least" [X, …), "fewer than" (…, X), "up to" (…, X];
//! - vague quantities come from `hedges.toml`, with no point;
//! - ranges are closed with no point (no single figure is stated);
//! - "in its sixth year" is elapsed [5, 6) years with no point; durations in
//!   years/months/weeks/days/hours count completed units ("for five years"
//!   [5, 6), point 5), decades and centuries are read at stated precision;
//! - calendar time is in decimal years, half-open, point at the start:
//!   "last year" [2016, 2017) for as-of 2017-11-11; "more than a decade ago"
//!   is (…, as-of − 10 years);
//! - fractions are ratios ±0.005 ("a third" [0.32833, 0.33833)), or ± half
//!   a part when parts are smaller ("a thousandth" [0.0005, 0.0015));
//!   a mixed number in words states the decimal it equals ("two and a
//!   quarter" [2.245, 2.255)), in digits one part ("3 1/2" [3.25, 3.75));
//! - "four dozen" is stated to the dozen ([42, 54)); "thousand" alone is
//!   "a thousand"; "2e9" and "10^9" are stated to their last digit; a
//!   power other than of ten is refused with its reason;
//! - "exactly", "equals", "=" state the figure itself ([30, 30]); ">",
//!   ">=", "<", "<=" are bounds like "more than", "at least"...; a lower
//!   and an upper bound joined by "and" or a comma, in either order, are
//!   one range;
//! - a 4-digit number 1800–2100 with no separator is a year unless a
//!   counted noun follows ("2016 people") or a hedge precedes it; one from
//!   1000 to 2999 outside that span is a year only after a preposition of
//!   time with no lowercase word or clock after it ("in 1500", "until
//!   2200"; not "in 1500 cases", "until 1500 GMT").
//!
//! The same grammar (the private `grammar` module) serves [`normalize`] (one phrase) and
//! `extract::quantities::find` (every phrase in a text): a phrase normalizes
//! to the first quantity the grammar finds in it.

pub(crate) mod grammar;
pub mod hedges;
pub(crate) mod lexer;
pub(crate) mod numerals;
pub mod time;

use std::sync::LazyLock;

use crate::model::{Date, Quantity};

pub use hedges::{Hedge, HedgeKind, Vague};
pub use lexer::Lowered;
pub(crate) use lexer::WORD_BYTE;

/// The embedded default word lists and slack.
pub const DEFAULT_HEDGES_TOML: &str = include_str!("hedges.toml");

/// Word lists and slack the grammar uses. Built from `hedges.toml` (embedded);
/// a user may replace it with [`Config::from_toml`].
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Relative slack of "nearly"/"almost": [X·(1-slack), X].
    pub slack_below: f64,
    /// Relative slack of "about"/"some"/"roughly": [X·(1-slack), X·(1+slack)].
    pub slack_around: f64,
    /// Hedges written before a figure, longest phrase first. The phrase
    /// lists are read only (see [`Config::hedges`]): the word index below
    /// is built from them.
    hedges: Vec<Hedge>,
    /// Hedges written after a figure ("or so", "or more"), longest first.
    postfix: Vec<Hedge>,
    /// Vague quantities ("hundreds of thousands"), longest phrase first.
    vague: Vec<Vague>,
    /// The phrases above by the word next to a figure, and the words the
    /// grammar's rules open with: the grammar asks of nearly every word
    /// which phrases or rules it can start or end, and most words are none.
    index: ListIndex,
}

/// Lookups by word into a [`Config`]'s phrases and the grammar's rules.
#[derive(Clone, Debug, PartialEq)]
struct ListIndex {
    /// The vague phrases by their first word.
    vague_first: PhrasesByWord,
    /// The words on which the grammar tries its word rules: the words its
    /// rules open with (`grammar::word_openers`) and the first word of
    /// every vague phrase.
    word_rules: WordSet,
    /// The hedges by their last word (the word right before a figure).
    hedge_last: PhrasesByWord,
    /// The postfix hedges by their first word (the word right after a
    /// figure).
    postfix_first: PhrasesByWord,
}

/// A list of phrases grouped by one word of each (a hedge's last, a vague
/// phrase's first), so the grammar tries only the phrases that have the
/// word it stands at in that place.
#[derive(Clone, Debug, PartialEq)]
struct PhrasesByWord {
    /// The word of every phrase.
    words: WordSet,
    /// For each word of `words`, by its place there, the positions in the
    /// list of the phrases with that word, in the list's order.
    phrases: Vec<Vec<usize>>,
}

impl PhrasesByWord {
    /// Takes each phrase's word of the list in order (none for a phrase
    /// without words); gives the phrases' positions grouped by that word.
    fn new<'a>(words: impl Iterator<Item = Option<&'a String>> + Clone) -> PhrasesByWord {
        let set = WordSet::new(words.clone().flatten());
        let mut phrases = vec![Vec::new(); set.len()];
        for (at, word) in words.enumerate() {
            if let Some(w) = word.and_then(|word| set.position(word.as_bytes())) {
                phrases[w].push(at);
            }
        }
        PhrasesByWord {
            words: set,
            phrases,
        }
    }

    /// Takes a lowercase word and the list indexed; gives the list's
    /// phrases with that word, in the list's order (none if no phrase has
    /// it).
    fn in_list<'a, T>(&'a self, word: &str, list: &'a [T]) -> impl Iterator<Item = &'a T> {
        let at: &[usize] = match self.words.position(word.as_bytes()) {
            Some(w) => &self.phrases[w],
            None => &[],
        };
        at.iter().map(move |&at| &list[at])
    }
}

/// A set of lowercase words that the grammar asks about nearly every word
/// of a text: the words are grouped by a hash class, so a word is compared
/// only with the set's words of its class (most classes hold none).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct WordSet {
    /// Where each class's words start in `words`; the entry after the last
    /// class closes it.
    starts: Box<[u32; WordSet::CLASSES + 1]>,
    /// The words, without repeats, ordered by class.
    words: Vec<String>,
}

impl WordSet {
    /// The bits of a word's hash class.
    const BITS: u32 = 12;
    /// How many hash classes there are.
    const CLASSES: usize = 1 << WordSet::BITS;

    pub(crate) fn new<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> WordSet {
        let mut words: Vec<(usize, String)> = words
            .into_iter()
            .map(|w| {
                (
                    WordSet::class(w.as_ref().as_bytes()),
                    w.as_ref().to_string(),
                )
            })
            .collect();
        words.sort();
        words.dedup();
        let mut starts = Box::new([0u32; WordSet::CLASSES + 1]);
        for &(c, _) in &words {
            starts[c + 1] += 1;
        }
        for c in 0..WordSet::CLASSES {
            starts[c + 1] += starts[c];
        }
        WordSet {
            starts,
            words: words.into_iter().map(|(_, w)| w).collect(),
        }
    }

    /// A [`WordSet::BITS`]-bit hash of the length and the first two and
    /// last two bytes.
    /// (A class of (length, first byte, last byte) let most three-letter
    /// words through: the currency codes had set nearly every one.)
    fn class(b: &[u8]) -> usize {
        let at = |i: usize| u64::from(b.get(i).copied().unwrap_or(0));
        let n = b.len();
        let x = n as u64
            | at(0) << 8
            | at(1) << 16
            | at(n.wrapping_sub(2)) << 24
            | at(n.wrapping_sub(1)) << 32;
        (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - WordSet::BITS)) as usize
    }

    pub(crate) fn contains(&self, word: &str) -> bool {
        self.position(word.as_bytes()).is_some()
    }

    /// Takes a word's bytes; gives its place among the set's words
    /// (`0..len()`), if it is one. Bytes, not a `str`, so a caller may ask
    /// of a token read without character-boundary checks.
    fn position(&self, word: &[u8]) -> Option<usize> {
        let c = WordSet::class(word);
        let (from, to) = (self.starts[c] as usize, self.starts[c + 1] as usize);
        let k = self
            .words
            .get(from..to)?
            .iter()
            .position(|w| w.as_bytes() == word)?;
        Some(from + k)
    }

    /// How many words the set holds.
    fn len(&self) -> usize {
        self.words.len()
    }
}

static DEFAULT: LazyLock<Config> = LazyLock::new(|| {
    Config::from_toml(DEFAULT_HEDGES_TOML).expect("the embedded hedges.toml is valid")
});

impl Default for Config {
    fn default() -> Self {
        DEFAULT.clone()
    }
}

/// Why a hedges file could not be used.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ConfigError {
    #[error("hedges file is not valid: {0}")]
    Toml(String),
    #[error("hedges file: {field} = {value} is out of range; use a fraction between 0 and 1 (0.10 = 10 %)")]
    Slack { field: &'static str, value: f64 },
    #[error("hedges file: vague phrase \"{phrase}\" has low {low} above high {high}; swap them")]
    VagueInverted { phrase: String, low: f64, high: f64 },
    #[error("hedges file: vague phrase is empty; give it some words or remove the entry")]
    EmptyPhrase,
}

impl Config {
    /// Read a hedges file (the format of the embedded `hedges.toml`).
    /// Unknown keys are errors, and the message names their line.
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        let file: hedges::File =
            toml::from_str(text).map_err(|e| ConfigError::Toml(e.to_string()))?;
        for (field, value) in [
            ("slack_below", file.slack_below),
            ("slack_around", file.slack_around),
        ] {
            if !(0.0..1.0).contains(&value) {
                return Err(ConfigError::Slack { field, value });
            }
        }
        let mut vague = file.vague;
        for v in &mut vague {
            v.words = hedges::words(&v.phrase);
            if v.words.is_empty() {
                return Err(ConfigError::EmptyPhrase);
            }
            if !(v.low.is_finite() && v.high.is_finite() && v.low < v.high) {
                return Err(ConfigError::VagueInverted {
                    phrase: v.phrase.clone(),
                    low: v.low,
                    high: v.high,
                });
            }
        }
        vague.sort_by_key(|v| std::cmp::Reverse(v.words.len()));
        let hedges = file.hedges.compile();
        let postfix = file.postfix.compile();
        let index = ListIndex {
            vague_first: PhrasesByWord::new(vague.iter().map(|v| v.words.first())),
            word_rules: WordSet::new(
                grammar::word_openers()
                    .map(String::from)
                    .chain(vague.iter().filter_map(|v| v.words.first().cloned())),
            ),
            hedge_last: PhrasesByWord::new(hedges.iter().map(|h| h.words.last())),
            postfix_first: PhrasesByWord::new(postfix.iter().map(|h| h.words.first())),
        };
        Ok(Config {
            slack_below: file.slack_below,
            slack_around: file.slack_around,
            hedges,
            postfix,
            vague,
            index,
        })
    }

    /// Hedges written before a figure, longest phrase first.
    pub fn hedges(&self) -> &[Hedge] {
        &self.hedges
    }

    /// Hedges written after a figure ("or so", "or more"), longest first.
    pub fn postfix(&self) -> &[Hedge] {
        &self.postfix
    }

    /// Vague quantities ("hundreds of thousands"), longest phrase first.
    pub fn vague(&self) -> &[Vague] {
        &self.vague
    }

    /// Whether `word` (lowercase bytes) may open a quantity by a word rule
    /// of the grammar (a month, a numeral, a vague phrase...). Asked of
    /// every word of a text, as read by [`lexer::Toks::lw_bytes`].
    pub(crate) fn opens_word_rule(&self, word: &[u8]) -> bool {
        self.index.word_rules.position(word).is_some()
    }

    /// Takes a lowercase word; gives the vague quantities that open with
    /// it, in the order of [`Config::vague`] (longest first), none if no
    /// vague quantity does.
    pub(crate) fn vague_opening(&self, word: &str) -> impl Iterator<Item = &Vague> {
        self.index.vague_first.in_list(word, &self.vague)
    }

    /// Takes a lowercase word; gives the hedges that end with it, in the
    /// order of [`Config::hedges`] (longest first), none if no hedge does.
    pub(crate) fn hedges_ending(&self, word: &str) -> impl Iterator<Item = &Hedge> {
        self.index.hedge_last.in_list(word, &self.hedges)
    }

    /// Takes a lowercase word; gives the postfix hedges that open with it,
    /// in the order of [`Config::postfix`] (longest first), none if no
    /// postfix hedge does.
    pub(crate) fn postfix_opening(&self, word: &str) -> impl Iterator<Item = &Hedge> {
        self.index.postfix_first.in_list(word, &self.postfix)
    }
}

/// What a phrase is read against.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// The date relative phrases ("last year") are anchored to.
    pub as_of: Date,
    pub config: &'a Config,
}

/// Why a phrase could not be read as a quantity.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum NormalizeError {
    #[error("no number in \"{0}\": write the figure in digits or words (\"1.9 million\", \"nearly two million\")")]
    NoNumber(String),
    #[error("cannot read \"{phrase}\" as a quantity: {detail}")]
    Unreadable { phrase: String, detail: String },
}

/// Read one phrase as a quantity: the first quantity the grammar finds in it
/// ("wounded nearly two million" reads as "nearly two million").
pub fn normalize(phrase: &str, ctx: &Context) -> Result<Quantity, NormalizeError> {
    // A phrase given alone that opens with a minus sign and a space ("- 2
    // 1/2") is a negative figure; in running text the same marks are a
    // dash or a list's bullet, so only here is the space closed.
    let trimmed = phrase.trim_start();
    let joined;
    let phrase = match trimmed
        .strip_prefix('-')
        .or_else(|| trimmed.strip_prefix('\u{2212}'))
    {
        Some(rest)
            if rest.starts_with(char::is_whitespace)
                && rest.trim_start().starts_with(|c: char| c.is_ascii_digit()) =>
        {
            joined = format!("-{}", rest.trim_start());
            joined.as_str()
        }
        _ => phrase,
    };
    match grammar::scan(phrase, ctx).into_iter().next() {
        Some((_, q)) => q,
        None => Err(NormalizeError::NoNumber(phrase.trim().to_string())),
    }
}

#[cfg(test)]
mod tests;
