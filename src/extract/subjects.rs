//! Who or what a quantity is about: names the reference data knows (a
//! gazetteer of entity names and aliases), other capitalised names (but
//! not a metric's name, a speaker or a sentence's opening common word), and
//! the generic nouns ("the conflict", "the economy") that point back to an
//! article's main subject. A sentence that names no one is about that
//! subject too ([`SubjectRef::Implicit`], given by the extract stage).

use std::ops::Range;
use std::sync::{Arc, LazyLock};

use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind,
};

use rayon::prelude::*;

use crate::normalize::{WordSet, WORD_BYTE};
use crate::util::FxMap;

use super::lexicon::Lexicon;

/// Names to look for in text, matched on whole words, case-insensitively
/// except that every capital in a name must be a capital in the text (so
/// the alias "US" never matches the pronoun "us").
///
/// A name is looked for only where one may begin: at the start of a word,
/// on a byte some name opens with (a capital, for a capitalised name). There
/// the longest name, ASCII case folded, is taken if it is a whole word with
/// its capitals, and the search goes on after it; else at the next such
/// start. (So "south Sudan" finds "Sudan": the lowercase "south" is a
/// direction, not the start of "South Sudan".) A few thousand
/// names are matched with an Aho-Corasick automaton; past that, building the
/// automaton dominates loading a large reference table (seconds, and memory
/// growing with every name's states), so the longest name at each start is
/// looked up in a hash table of the names instead: linear to build, and the
/// matches are the same (a test compares the two).
///
/// Most of a text's bytes cannot open a name; looking only at those that
/// can, rather than running the automaton over every byte, cut the
/// search's instructions by a third.
#[derive(Clone, Debug)]
pub struct Gazetteer {
    matcher: Matcher,
    names: Vec<String>,
    /// By byte value: whether a name may open with it in the text
    /// ([`OPENS`]), and whether it is a word byte ([`WORD`]).
    class: Box<[u8; 256]>,
    /// How names begin, ASCII case folded: their first three bytes (a bit
    /// per hash) and, for two-byte names, both bytes (a bit per pair). A
    /// start that matches neither opens no name.
    heads: Box<[u64; HEAD_BITS / 64]>,
}

/// A [`Gazetteer::class`] bit: a name may open with the byte.
const OPENS: u8 = 1;
/// A [`Gazetteer::class`] bit: the byte is part of a word ([`is_word_byte`]).
const WORD: u8 = 2;

/// Bits in [`Gazetteer::heads`]: 8 KB, a few dozen bits set per hundred names.
const HEAD_BITS: usize = 1 << 16;

/// The bit of a name's (or a text position's) first bytes, folded: the
/// first three bytes, or two and a marker for a two-byte name.
fn head_bit(b0: u8, b1: u8, b2: Option<u8>) -> usize {
    let fold = |b: u8| usize::from(b.to_ascii_lowercase());
    match b2 {
        None => ((fold(b0) << 8 | fold(b1)) & (HEAD_BITS / 2 - 1)) | (HEAD_BITS / 2),
        Some(b2) => {
            let h = (fold(b0) << 16 | fold(b1) << 8 | fold(b2)).wrapping_mul(0x9E37_79B1);
            (h >> 16) & (HEAD_BITS / 2 - 1)
        }
    }
}

/// Above this many names the gazetteer uses a [`NameTable`].
const AUTOMATON_MAX_NAMES: usize = 5_000;

/// Up to this many bytes of names the automaton is a DFA (a few MB at most).
const DFA_MAX_NAME_BYTES: usize = 64 * 1024;

#[derive(Clone, Debug)]
enum Matcher {
    None,
    Automaton(AhoCorasick),
    Table(NameTable),
}

impl Gazetteer {
    pub fn new<S: AsRef<str> + Sync>(names: impl IntoIterator<Item = S>) -> Gazetteer {
        Gazetteer::with_limit(names, AUTOMATON_MAX_NAMES)
    }

    fn with_limit<S: AsRef<str> + Sync>(
        names: impl IntoIterator<Item = S>,
        automaton_max: usize,
    ) -> Gazetteer {
        let names: Vec<S> = names.into_iter().collect();
        // Each name with its lowercase form and its number of capitals (a
        // reference table gives millions: in parallel, each lowercased once).
        let mut keyed: Vec<(String, usize, &str)> = names
            .par_iter()
            .map(|n| {
                // "the U.S." is found as "U.S.", so that a longer name starting
                // there ("U.S. presidential election") is not cut short.
                let n = n.as_ref().trim();
                let n = n
                    .strip_prefix("the ")
                    .or_else(|| n.strip_prefix("The "))
                    .unwrap_or(n);
                let capitals = n.chars().filter(|c| c.is_uppercase()).count();
                (n.to_lowercase(), capitals, n)
            })
            .filter(|(_, _, n)| n.len() > 1)
            .collect();
        // Spellings that differ only in case match the same text; keep the
        // one with the fewest capitals, the least strict about case (the
        // first given, on a tie: the sort is stable).
        keyed.par_sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
        keyed.dedup_by(|b, a| a.0 == b.0);
        let names: Vec<String> = keyed.into_iter().map(|(_, _, n)| n.to_string()).collect();
        let matcher = if names.len() > automaton_max {
            Matcher::Table(NameTable::new(&names))
        } else {
            // A DFA is faster to search than the default NFA but grows
            // with the names' bytes (tens of MB for a few thousand long
            // names): only for small name lists, such as the bundled data's.
            let bytes: usize = names.iter().map(String::len).sum();
            let build = |kind| {
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .kind(kind)
                    .match_kind(MatchKind::LeftmostLongest)
                    .start_kind(StartKind::Anchored)
                    .build(&names)
            };
            let dfa = (bytes <= DFA_MAX_NAME_BYTES)
                .then(|| build(Some(AhoCorasickKind::DFA)).ok())
                .flatten();
            dfa.or_else(|| build(None).ok())
                .map_or(Matcher::None, Matcher::Automaton)
        };
        let mut class = Box::new([0u8; 256]);
        for b in 0..=255u8 {
            if is_word_byte(b) {
                class[usize::from(b)] |= WORD;
            }
        }
        let mut heads = Box::new([0u64; HEAD_BITS / 64]);
        for name in &names {
            let (Some(&first), Some(c)) = (name.as_bytes().first(), name.chars().next()) else {
                continue;
            };
            let b = name.as_bytes();
            let bit = head_bit(b[0], b[1], b.get(2).copied());
            heads[bit / 64] |= 1 << (bit % 64);
            class[usize::from(first)] |= OPENS;
            // A name that does not open with a capital may be matched in
            // either case; one that does, only with its capital.
            if !c.is_uppercase() {
                class[usize::from(first.to_ascii_uppercase())] |= OPENS;
                class[usize::from(first.to_ascii_lowercase())] |= OPENS;
            }
        }
        Gazetteer {
            matcher,
            names,
            class,
            heads,
        }
    }

    /// [`Gazetteer::find`] in a whole document: in one written all in
    /// lowercase (wire copy of some desks: "chile's gross domestic
    /// product"), where no name has its capitals, names are looked for as
    /// if each word began with a capital; a name before a word for money
    /// ("U.S. Dlrs") is left out. The ranges are the text's own.
    pub fn find_in_document(&self, text: &str) -> Vec<Range<usize>> {
        let mut found = self.find_any_case(text);
        // "1.1 billion U.S. Dlrs", "Canadian dollars": a currency's name,
        // not what the figure is about (the dollar's words, as the
        // normalizer reads them).
        found.retain(|r| {
            !words(&text[r.end..]).next().is_some_and(|(_, w)| {
                let w = w.to_ascii_lowercase();
                crate::normalize::grammar::currency_word(&w) == Some("USD")
                    || matches!(w.as_str(), "cents" | "currency")
            })
        });
        found
    }

    /// [`Gazetteer::find`], or in a text all in lowercase the names found
    /// as if each word were capitalised.
    fn find_any_case(&self, text: &str) -> Vec<Range<usize>> {
        if !all_lowercase(text) {
            return self.find(text);
        }
        let mut bytes = text.as_bytes().to_vec();
        let mut word_start = true;
        for b in &mut bytes {
            if word_start && b.is_ascii_lowercase() {
                *b = b.to_ascii_uppercase();
            }
            word_start = !(b.is_ascii_alphanumeric() || *b == b'\'' || *b >= 0x80);
        }
        // Only ASCII bytes changed, to ASCII bytes: still UTF-8.
        let capitalised = String::from_utf8(bytes).unwrap_or_else(|_| text.to_string());
        self.find(&capitalised)
    }

    /// Byte ranges of known names in `text`, in order.
    pub fn find(&self, text: &str) -> Vec<Range<usize>> {
        let bytes = text.as_bytes();
        let lower = match &self.matcher {
            Matcher::None => return Vec::new(),
            Matcher::Automaton(_) => Vec::new(),
            Matcher::Table(_) => bytes.to_ascii_lowercase(),
        };
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(start) = self.next_start(bytes, at) {
            let longest = match &self.matcher {
                Matcher::None => None,
                Matcher::Automaton(matcher) => matcher
                    .find(Input::new(bytes).range(start..).anchored(Anchored::Yes))
                    .map(|m| (m.pattern().as_usize(), m.end())),
                Matcher::Table(table) => table
                    .longest_at(&lower, start)
                    .map(|(id, len)| (id as usize, start + len)),
            };
            match longest {
                Some((pattern, end))
                    if (end == bytes.len() || !is_word_byte(bytes[end]))
                        && capitals_kept(&self.names[pattern], &text[start..end]) =>
                {
                    out.push(start..end);
                    at = end;
                }
                _ => at = start + 1,
            }
        }
        out
    }

    /// The first byte at or after `at` that opens a word and may open a name.
    fn next_start(&self, bytes: &[u8], at: usize) -> Option<usize> {
        let has = |bit: usize| self.heads[bit / 64] & (1 << (bit % 64)) != 0;
        let class = &*self.class;
        let mut after_word = at > 0 && is_word_byte(bytes[at - 1]);
        for (i, &b) in bytes.iter().enumerate().skip(at) {
            let c = class[usize::from(b)];
            if c & OPENS != 0
                && !after_word
                && i + 1 < bytes.len()
                && (has(head_bit(b, bytes[i + 1], None))
                    || bytes
                        .get(i + 2)
                        .is_some_and(|&b2| has(head_bit(b, bytes[i + 1], Some(b2)))))
            {
                return Some(i);
            }
            after_word = c & WORD != 0;
        }
        None
    }
}

/// Bits in the filter of 4-byte name prefixes (a power of two).
const PREFIX_FILTER_BITS: usize = 1 << 20;

/// The names as a hash table, for the leftmost-longest scan of a large
/// gazetteer: at each byte, the longest name starting there (ASCII case
/// folded; of equal names, the first in sorted order, as the automaton
/// reports), and the scan resumes after it.
#[derive(Clone, Debug)]
struct NameTable {
    /// Lowercased name -> index of the first name with that form.
    names: FxMap<Box<[u8]>, u32>,
    /// First four lowercased bytes of the names of 4+ bytes -> their
    /// lengths, longest first.
    lengths: FxMap<u32, Vec<u32>>,
    /// A bit per hashed 4-byte prefix, to pass over most bytes quickly.
    filter: Vec<u64>,
    /// Whether any name is 2 or 3 bytes long.
    short: [bool; 4],
}

fn prefix4(b: &[u8]) -> u32 {
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

fn filter_slot(prefix: u32) -> usize {
    (prefix.wrapping_mul(0x9E37_79B1) >> 12) as usize & (PREFIX_FILTER_BITS - 1)
}

impl NameTable {
    fn new(names: &[String]) -> NameTable {
        let mut table = NameTable {
            names: FxMap::default(),
            lengths: FxMap::default(),
            filter: vec![0; PREFIX_FILTER_BITS / 64],
            short: [false; 4],
        };
        table.names.reserve(names.len());
        for (i, name) in names.iter().enumerate() {
            let lower = name.as_bytes().to_ascii_lowercase();
            let len = lower.len();
            if len >= 4 {
                let p = prefix4(&lower);
                let slot = filter_slot(p);
                table.filter[slot / 64] |= 1 << (slot % 64);
                let lens = table.lengths.entry(p).or_default();
                if !lens.contains(&(len as u32)) {
                    lens.push(len as u32);
                }
            } else {
                table.short[len] = true;
            }
            table
                .names
                .entry(lower.into_boxed_slice())
                .or_insert(i as u32);
        }
        for lens in table.lengths.values_mut() {
            lens.sort_unstable_by(|a, b| b.cmp(a));
        }
        table
    }

    /// The longest name at `s` of `lower`: (name index, length).
    fn longest_at(&self, lower: &[u8], s: usize) -> Option<(u32, usize)> {
        let rest = lower.len() - s;
        if rest >= 4 {
            let p = prefix4(&lower[s..]);
            let slot = filter_slot(p);
            if self.filter[slot / 64] & (1 << (slot % 64)) != 0 {
                if let Some(lens) = self.lengths.get(&p) {
                    for &len in lens {
                        let len = len as usize;
                        if len <= rest {
                            if let Some(&id) = self.names.get(&lower[s..s + len]) {
                                return Some((id, len));
                            }
                        }
                    }
                }
            }
        }
        for len in [3, 2] {
            if self.short[len] && len <= rest {
                if let Some(&id) = self.names.get(&lower[s..s + len]) {
                    return Some((id, len));
                }
            }
        }
        None
    }
}

/// An acronym ("US", "UK") must match in capitals; any other name must
/// keep its first capital ("Niger", not "niger"), while inner words may
/// change case ("Iraq war" for "Iraq War").
fn capitals_kept(name: &str, found: &str) -> bool {
    let letters = name.chars().filter(|c| c.is_alphabetic());
    if name.chars().filter(|c| c.is_alphabetic()).count() > 1
        && letters.clone().all(|c| c.is_uppercase())
    {
        return name
            .chars()
            .zip(found.chars())
            .all(|(n, f)| !n.is_uppercase() || f.is_uppercase());
    }
    match (name.chars().next(), found.chars().next()) {
        (Some(n), Some(f)) => !n.is_uppercase() || f.is_uppercase(),
        _ => false,
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// A candidate subject of a claim.
#[derive(Clone, Debug, PartialEq)]
pub enum SubjectRef {
    /// A name written in the sentence.
    Named { mention: Arc<str> },
    /// A generic noun or pronoun ("the conflict", "its") standing for a
    /// subject named elsewhere in the document.
    Coref { mention: Arc<str> },
    /// No one named in the sentence ("The current account deficit rose to
    /// 4.09 billion dlrs"): the document's main subject, its most named
    /// known name, which `mention` is.
    Implicit { mention: Arc<str> },
}

impl SubjectRef {
    pub fn mention(&self) -> &str {
        self.shared_mention()
    }

    /// The mention, shared (no copy of its text).
    pub fn shared_mention(&self) -> &Arc<str> {
        match self {
            SubjectRef::Named { mention }
            | SubjectRef::Coref { mention }
            | SubjectRef::Implicit { mention } => mention,
        }
    }
}

const LANDMARK_PREPOSITIONS: &[&str] = &[
    "from", "across", "near", "than", "beyond", "like", "unlike", "toward", "towards",
];

const COREF_NOUNS: &[&str] = &[
    "conflict", "war", "fighting", "country", "nation", "its", "economy",
];

/// Capitalised words that start sentences or name roles, not subjects.
const NOT_NAMES: &[&str] = &[
    "A",
    "About",
    "According",
    "After",
    "All",
    "Almost",
    "An",
    "Analysts",
    "And",
    "April",
    "Around",
    "As",
    "At",
    "August",
    "Bankers",
    "Before",
    "Between",
    "But",
    "By",
    "Data",
    "Dealers",
    "December",
    "Dozens",
    "Dr",
    "Eastern",
    "Economists",
    "Eight",
    "February",
    "Fewer",
    "Figures",
    "Five",
    "For",
    "Four",
    "Friday",
    "From",
    "Half",
    "He",
    "Her",
    "His",
    "However",
    "Hundreds",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "January",
    "July",
    "June",
    "Just",
    "Last",
    "Less",
    "Many",
    "March",
    "May",
    "Meanwhile",
    "Millions",
    "Minister",
    "Monday",
    "More",
    "Most",
    "Mr",
    "Mrs",
    "Ms",
    "Nearly",
    "Next",
    "Nine",
    "No",
    "Not",
    "November",
    "Now",
    "October",
    "Of",
    "Officials",
    "On",
    "One",
    "Only",
    "Or",
    "Our",
    "Over",
    "Overall",
    "Population",
    "President",
    "Previously",
    "Prime",
    "Reuter",
    "Reuters",
    "Roughly",
    "Saturday",
    "September",
    "Seven",
    "Several",
    "She",
    "Since",
    "Six",
    "Some",
    "Sunday",
    "Ten",
    "Tens",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Thousands",
    "Three",
    "Thursday",
    "To",
    "Total",
    "Year",
    "Low",
    "High",
    "Annual",
    "Unadjusted",
    "Traders",
    "Tuesday",
    "Two",
    "Under",
    "Up",
    "We",
    "Wednesday",
    "Well",
    "Western",
    "When",
    "While",
    "With",
    "You",
];

/// Every subject candidate in a sentence for the quantity at `quantity`,
/// best first (see [`SentenceSubjects::near`]): the tests' shorthand.
#[cfg(test)]
fn candidates(sentence: &str, quantity: Range<usize>, gazetteer: &Gazetteer) -> Vec<SubjectRef> {
    SentenceSubjects::new(sentence, &gazetteer.find(sentence), None).near(quantity)
}

/// A sentence's subject candidates before any quantity is placed among
/// them: read once per sentence (a news sentence often holds several
/// quantities), then ranked for each quantity by [`SentenceSubjects::near`].
pub struct SentenceSubjects {
    /// (where the name stands, its tier, the candidate), in the order they
    /// are tried on a tie: known names (a country's war before the country),
    /// then other capitalised runs, then generic nouns.
    entries: Vec<(Range<usize>, u8, SubjectRef)>,
    /// Where the sentence's clauses end (see [`clause_breaks`]).
    breaks: Vec<usize>,
}

impl SentenceSubjects {
    /// The candidates of `sentence`, given its known names (byte ranges in
    /// it, in order): a caller that has scanned the whole text for them once
    /// hands each sentence its share.
    ///
    /// With a `lexicon`, a capitalised run that is the name of a metric
    /// ("Gross Domestic Product") is no candidate.
    pub fn new(
        sentence: &str,
        known: &[Range<usize>],
        lexicon: Option<&Lexicon>,
    ) -> SentenceSubjects {
        let mut entries = Vec::new();
        for r in known {
            let name = &sentence[r.clone()];
            // "Yemen's war": the war, not the country, is the subject.
            let rest = sentence[r.end..].trim_start_matches(['\'', '\u{2019}']);
            if let Some(noun) = ["s civil war", "s war", "s conflict"]
                .iter()
                .find(|n| rest.starts_with(*n))
            {
                let noun = &noun[2..];
                let mut variants = vec![format!("{name} {noun}"), format!("{noun} in {name}")];
                if noun == "war" {
                    // A country's war is, in news, usually its civil war ("Yemeni civil war").
                    variants.push(format!("{name} civil war"));
                }
                for mention in variants {
                    entries.push((
                        r.clone(),
                        0,
                        SubjectRef::Named {
                            mention: mention.into(),
                        },
                    ));
                }
            }
            // "West Germany": a capitalised word before a known name makes a
            // longer name, which is not the known one.
            let start = longer_name_start(sentence, r.start).unwrap_or(r.start);
            // "Macao, across the estuary from Hong Kong, has a population of ...":
            // a name after a preposition of place or comparison is a landmark,
            // tried after the other known names.
            let landmark =
                last_word(&sentence[..start]).is_some_and(|(_, w)| is_landmark_preposition(w));
            entries.push((
                r.clone(),
                u8::from(landmark),
                SubjectRef::Named {
                    mention: Arc::from(&sentence[start..r.end]),
                },
            ));
        }
        // Runs go straight into the entries (no list of them in between);
        // the rarer generic nouns wait for them, as they rank after them.
        let mut corefs = Vec::new();
        let sentence_words = word_list(sentence);
        runs_and_corefs(&sentence_words, |r, coref| {
            if overlaps(&r, known) {
                // Words of a known name are that name, already an entry.
            } else if !coref && (is_speaker(sentence, &r) || is_institution(sentence, &r)) {
                // "..., Ouko said": who said it, not what it is about; "the
                // Treasury": who speaks for the country.
            } else if !coref
                && sentence[..r.start]
                    .trim_start_matches(|c: char| !c.is_alphanumeric())
                    .is_empty()
                && !sentence[r.clone()].contains(char::is_whitespace)
                && lexicon.is_some_and(|l| l.qualifies(&sentence[r.clone()].to_lowercase()))
            {
                // An opening "Wholesale prices rose", "Industrial output":
                // a word that qualifies a series, capitalised.
            } else if !coref && lexicon.is_some_and(|l| names_metric(&sentence_words, &r, l)) {
                // "Gross Domestic Product", an opening "Inflation": the
                // metric's name, capitalised.
            } else if coref {
                corefs.push(r);
            } else {
                let mention = Arc::from(&sentence[r.clone()]);
                entries.push((r, 1, SubjectRef::Named { mention }));
            }
        });
        for r in corefs {
            // "the Soviet economy": a name right before the generic noun
            // says whose it is; the noun points back to no one else.
            // "Taiwan's reserves stood at 50 billion dlrs, due to its trade
            // surplus": "its" points back to a name before it in the
            // sentence, known or not, not past it to the article's subject.
            let pronoun = sentence[r.clone()].eq_ignore_ascii_case("its");
            let owned = entries.iter().any(|(n, _, _)| {
                n.end <= r.start && (pronoun || sentence[n.end..r.start].trim().is_empty())
            });
            if owned {
                continue;
            }
            let mention = Arc::from(&sentence[r.clone()]);
            entries.push((r, 2, SubjectRef::Coref { mention }));
        }
        let breaks = if entries.len() > 1 {
            clause_breaks(sentence)
        } else {
            Vec::new()
        };
        SentenceSubjects { entries, breaks }
    }

    /// A test of whether an entry (by its range) stands outside the clause
    /// of the quantity at `quantity`; `None` when no name stands inside
    /// that clause, and every entry may be tried. A figure belongs to the
    /// subject of its own clause ("Nigeria's population was 190 million;
    /// Russia had ..."), never to a neighbour's, even one the reference
    /// knows when its own is unknown ("Atlantis had 7 million people,
    /// unlike Russia").
    fn elsewhere(&self, quantity: &Range<usize>) -> Option<impl Fn(&Range<usize>) -> bool> {
        if self.breaks.is_empty() {
            return None;
        }
        let start = self
            .breaks
            .iter()
            .rev()
            .find(|&&b| b <= quantity.start)
            .copied()
            .unwrap_or(0);
        let end = self
            .breaks
            .iter()
            .find(|&&b| b >= quantity.end)
            .copied()
            .unwrap_or(usize::MAX);
        let inside = move |r: &Range<usize>| r.start >= start && r.end <= end;
        let named_inside = self.entries.iter().any(|(r, _, c)| {
            matches!(c, SubjectRef::Named { .. })
                && inside(r)
                && !overlaps(r, std::slice::from_ref(quantity))
        });
        named_inside.then_some(move |r: &Range<usize>| !inside(r))
    }

    /// The candidates for the quantity at `quantity` (a byte range of the
    /// sentence), best first: by tier, then by distance from the quantity;
    /// a name the quantity overlaps is none.
    pub fn near(&self, quantity: Range<usize>) -> Vec<SubjectRef> {
        let distance = |r: &Range<usize>| {
            if r.end <= quantity.start {
                quantity.start - r.end
            } else {
                r.start.saturating_sub(quantity.end)
            }
        };
        // A sentence's few candidates are ranked on the stack, each key
        // (tier, distance, index) packed into a u64 that sorts as the
        // tuple does: a smaller array to fill and cheaper comparisons than
        // tuples (callgrind). The index keeps the order the entries were
        // read in on a tie.
        let elsewhere = self.elsewhere(&quantity);
        let away = |r: &Range<usize>| elsewhere.as_ref().is_some_and(|f| f(r));
        if self.entries.len() <= PACKED_ENTRIES {
            let mut keys = [0u64; PACKED_ENTRIES];
            let mut n = 0;
            let mut fits = true;
            for (i, (r, tier, _)) in self.entries.iter().enumerate() {
                if !overlaps(r, std::slice::from_ref(&quantity)) && !away(r) {
                    let d = u64::try_from(distance(r)).unwrap_or(u64::MAX);
                    fits &= *tier < 4 && d < 1 << 46;
                    keys[n] = u64::from(*tier) << 62 | d << 16 | i as u64;
                    n += 1;
                }
            }
            if fits {
                let keys = &mut keys[..n];
                keys.sort_unstable();
                let ids = keys.iter().map(|&k| (k & 0xFFFF) as usize);
                return self.unique(ids, n);
            }
        }
        // (tier, distance, index) of each candidate, sorted.
        let mut keys: Vec<(u8, usize, usize)> = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, (r, _, _))| !overlaps(r, std::slice::from_ref(&quantity)) && !away(r))
            .map(|(i, (r, tier, _))| (*tier, distance(r), i))
            .collect();
        keys.sort_unstable();
        let n = keys.len();
        self.unique(keys.into_iter().map(|(_, _, i)| i), n)
    }

    /// The candidates of the entries at `ids` (at most `n` of them), in
    /// that order, each mention once.
    fn unique(&self, ids: impl Iterator<Item = usize>, n: usize) -> Vec<SubjectRef> {
        let mut out: Vec<SubjectRef> = Vec::with_capacity(n);
        for i in ids {
            let s = &self.entries[i].2;
            if !out.contains(s) {
                out.push(s.clone());
            }
        }
        out
    }
}

/// Words that, after a comma, open a clause about someone else ("...,
/// unlike Russia", "..., while Egypt had ...").
/// ("against" and "compared with" are left out: in news they mostly set
/// a figure beside the same subject's earlier one.)
const CONTRAST_WORDS: &[&str] = &["unlike", "while", "whereas", "but"];

/// Byte offsets where a sentence's clauses end: each semicolon, each comma
/// before one of [`CONTRAST_WORDS`], and the comma after that which closes
/// it as an aside ("Russia, unlike Nigeria, had 146 million": the figure's
/// clause is "had 146 million", which names no one, so Russia stays its
/// subject).
fn clause_breaks(sentence: &str) -> Vec<usize> {
    let mut breaks = Vec::new();
    let mut aside_open = false;
    for (at, b) in sentence.bytes().enumerate() {
        match b {
            b';' => {
                breaks.push(at);
                aside_open = false;
            }
            b',' => {
                let rest = sentence[at + 1..].trim_start();
                let word = rest
                    .split(|c: char| !c.is_ascii_alphabetic())
                    .next()
                    .unwrap_or("");
                let contrast = CONTRAST_WORDS.iter().any(|w| w.eq_ignore_ascii_case(word));
                if contrast || aside_open {
                    breaks.push(at);
                }
                aside_open = contrast;
            }
            _ => {}
        }
    }
    breaks
}

/// Up to this many entries, [`SentenceSubjects::near`] ranks them with
/// packed keys on the stack (an index takes 16 bits of a key).
const PACKED_ENTRIES: usize = 32;

/// Whether `word` is one of [`LANDMARK_PREPOSITIONS`] in any case
/// (`to_lowercase` equality with one).
fn is_landmark_preposition(word: &str) -> bool {
    // An ASCII word lowercases byte by byte, without a new string; any
    // other may hold a letter that lowercases to ASCII (the Kelvin sign).
    if word.is_ascii() {
        LANDMARK_PREPOSITIONS
            .iter()
            .any(|p| p.eq_ignore_ascii_case(word))
    } else {
        LANDMARK_PREPOSITIONS.contains(&word.to_lowercase().as_str())
    }
}

fn overlaps(r: &Range<usize>, others: &[Range<usize>]) -> bool {
    others.iter().any(|o| o.start < r.end && r.start < o.end)
}

/// Verbs that, right after a name or right before it, make the name the
/// one who speaks ("Ouko said", "said Figueroa").
const SPEECH_VERBS: &[&str] = &["said", "says", "told", "noted", "stated"];

/// Verbs that make a name the speaker only when what follows them is the
/// end of a clause or "that" ("..., Ouko added.", "Zembla estimated that
/// ..."): "Zembla estimated growth at 9 pct" is about Zembla.
const SPEECH_VERBS_BEFORE_A_CLAUSE: &[&str] = &["added", "estimated", "forecast", "predicted"];

/// Whether the name at `r` in `sentence` is who speaks: a speech verb is
/// the word right after it (only spaces between), or right before it when
/// the name ends the clause ("..., said Carl Beigie." but not "said
/// Atlantis had ...", nor "Zembla, said the minister, ...").
fn is_speaker(sentence: &str, r: &Range<usize>) -> bool {
    let is_in = |list: &[&str], w: &str| list.iter().any(|v| v.eq_ignore_ascii_case(w));
    let clause_ends = |s: &str| {
        s.trim_start()
            .chars()
            .next()
            .is_none_or(|c| ",.;".contains(c))
    };
    let rest = &sentence[r.end..];
    let spaced = rest.trim_start_matches(' ');
    let after = spaced.len() < rest.len()
        && words(spaced).next().is_some_and(|(at, w)| {
            let then = &spaced[at + w.len()..];
            at == 0
                && (is_in(SPEECH_VERBS, w)
                    || (is_in(SPEECH_VERBS_BEFORE_A_CLAUSE, w)
                        && (clause_ends(then) || then.trim_start().starts_with("that "))))
        });
    let before = sentence[..r.start].strip_suffix(' ').is_some_and(|head| {
        last_word(head).is_some_and(|(at, w)| at + w.len() == head.len() && is_in(SPEECH_VERBS, w))
    });
    // "Secretary of State for Trade, Miguel Angel Fernandez Ordonez, said",
    // "Allen Sinai, chief economist at a bank, told": a name set off by a
    // comma before a verb of speech, or before an aside of a few words
    // and then the verb.
    // Not "Inflation in Zembla, said the minister, was 9 pct": a verb
    // with its speaker after it.
    let speech_opens = |then: &str| {
        let then = then.trim_start();
        words(then).next().is_some_and(|(at, w)| {
            let inverted = words(&then[at + w.len()..]).next().is_some_and(|(_, n)| {
                ["the", "a", "an"].iter().any(|d| n.eq_ignore_ascii_case(d))
                    || n.starts_with(char::is_uppercase)
            });
            let inverts = is_in(&["said", "says", "added", "adds"], w);
            at == 0 && is_in(SPEECH_VERBS, w) && !(inverted && inverts)
        })
    };
    let set_off = rest.strip_prefix(',').is_some_and(|then| {
        speech_opens(then)
            || then
                .find(',')
                .filter(|&c| words(&then[..c]).nth(10).is_none())
                .is_some_and(|c| speech_opens(&then[c + 1..]))
    });
    after || set_off || (clause_ends(rest) && before)
}

/// Whether `sentence` speaks of a group of countries ("the industrial
/// countries", "developing nations", "the region's exports", "the OECD"):
/// a figure of it with no one named belongs to that group, not to the
/// article's country.
pub fn speaks_of_a_group(sentence: &str) -> bool {
    const KINDS: &[&str] = &[
        "industrial",
        "industrialised",
        "industrialized",
        "developing",
        "developed",
        "member",
        "debtor",
        "creditor",
        "western",
        "poorer",
        "richer",
        "poor",
        "rich",
        "third",
        "oil-producing",
        "oil-exporting",
    ];
    const GROUPS: &[&str] = &["countries", "nations", "economies", "states", "world"];
    const ALONE: &[&str] = &["region", "region's", "oecd", "oecd's", "bloc", "bloc's"];
    let is = |list: &[&str], w: &str| list.iter().any(|l| w.eq_ignore_ascii_case(l));
    let mut before = "";
    for (_, w) in words(sentence) {
        if is(ALONE, w) || (is(GROUPS, w) && is(KINDS, before)) {
            return true;
        }
        before = w;
    }
    false
}

/// Words that end the name of an institution ("the Treasury", "told
/// Congress", "the Finance Ministry"): it speaks for a country, and is no
/// subject of its own; a sentence that names only it is about the
/// article's subject.
const INSTITUTION_WORDS: &[&str] = &[
    "Treasury",
    "Congress",
    "Parliament",
    "Ministry",
    "Department",
    "Office",
    "Bureau",
    "Institute",
    "Agency",
    "Commission",
    "Council",
    "Board",
    "Cabinet",
    "Government",
    "Senate",
    "Assembly",
    // Companies: "Shearson Lehman Brothers Inc".
    "Inc",
    "Corp",
    "Ltd",
    "Brothers",
];

/// Words that open an office holder's title ("Secretary of State for
/// Trade", "Finance Minister"): the person, not the country.
const TITLE_WORDS: &[&str] = &[
    "Secretary",
    "Undersecretary",
    "Under-secretary",
    "Minister",
    "President",
    "Governor",
    "Chairman",
    "Director",
    "Chancellor",
    "Premier",
    "Senator",
    "Deputy",
];

/// Whether the capitalised run `r` of `sentence` names an institution or
/// an office ([`INSTITUTION_WORDS`] is its last word, or a word of
/// [`TITLE_WORDS`] its first).
fn is_institution(sentence: &str, r: &Range<usize>) -> bool {
    let run = &sentence[r.clone()];
    last_word(run).is_some_and(|(_, w)| INSTITUTION_WORDS.contains(&w))
        || words(run)
            .next()
            .is_some_and(|(_, w)| TITLE_WORDS.contains(&w))
}

/// Where a longer name begins when a capitalised word directly precedes a
/// known name at `start`: always for compass words ("West Germany", "North
/// Sudan"), and for other names unless they open the sentence.
fn longer_name_start(sentence: &str, start: usize) -> Option<usize> {
    const COMPASS: &[&str] = &[
        "West", "East", "North", "South", "Northern", "Southern", "Western", "Eastern", "Upper",
        "Lower", "Greater", "New", "Old",
    ];
    let (w_start, w) = last_word(&sentence[..start])?;
    let adjacent = sentence[w_start + w.len()..start].chars().all(|c| c == ' ');
    let capital =
        w.chars().next().is_some_and(char::is_uppercase) && w.chars().any(char::is_lowercase);
    let opens_sentence = sentence[..w_start].trim().is_empty();
    // "Statistics Canada", "Central Bank": a country's own institution
    // speaks for the country; its figures are the country's.
    const INSTITUTIONS: &[&str] = &[
        "Statistics",
        "Central",
        "Bank",
        "Census",
        "Treasury",
        "Ministry",
        "Government",
        "Embassy",
        "Bureau",
        "Office",
        "Agency",
        "Institute",
    ];
    let qualifies = COMPASS.contains(&w)
        || (!opens_sentence && !is_not_name(w) && !w.ends_with("'s") && !INSTITUTIONS.contains(&w));
    (adjacent && capital && qualifies).then_some(w_start)
}

fn is_not_name(word: &str) -> bool {
    // Asked of every capitalised word: a hash bit turns most away.
    static SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(NOT_NAMES));
    SET.contains(word)
}

/// What a sentence holds besides its known names, read in one pass over
/// its words: runs of capitalised words ("Syrian Centre for Policy
/// Research" counts as one run with its inner "for"), leaving out sentence
/// openers and role words; and the generic nouns ("conflict", "its") that
/// stand for the document's main subject. Takes the sentence's [`words`]
/// and what to do with each find, `found(range, is_generic_noun)`: the
/// runs in order, and the nouns in order, each run given once it ends.
fn runs_and_corefs(words: &[(usize, &str)], mut found: impl FnMut(Range<usize>, bool)) {
    let mut run: Option<Range<usize>> = None;
    let mut pending_joiner = false;
    for &(start, word) in words {
        if is_coref_noun(word) {
            found(start..start + word.len(), true);
        }
        if is_name_word(word) {
            run = Some(match run {
                Some(r) if pending_joiner || r.end + 1 >= start => r.start..start + word.len(),
                Some(r) => {
                    found(r, false);
                    start..start + word.len()
                }
                None => start..start + word.len(),
            });
            pending_joiner = false;
        } else if run.is_some() && matches!(word, "of" | "for" | "and" | "the") && !pending_joiner {
            pending_joiner = true;
        } else {
            if let Some(r) = run.take() {
                found(r, false);
            }
            pending_joiner = false;
        }
    }
    if let Some(r) = run {
        found(r, false);
    }
}

/// Whether the words of `run` (a byte range of the sentence whose
/// [`words`] are `words`) lie inside one trigger of `lexicon` (see
/// [`Lexicon::names_metric`]). Only the words within a trigger's length of
/// the run are lowered.
fn names_metric(words: &[(usize, &str)], run: &Range<usize>, lexicon: &Lexicon) -> bool {
    let at = words.partition_point(|(start, _)| *start < run.start);
    let len = words[at..].partition_point(|(start, _)| *start < run.end);
    // No trigger reaches further than its length from the run.
    let reach = lexicon.longest_trigger();
    let from = at.saturating_sub(reach);
    let to = words.len().min(at + reach.max(len));
    let near = &words[from..to];
    let mut text = String::with_capacity(near.iter().map(|(_, w)| w.len()).sum());
    let mut ranges = Vec::with_capacity(near.len());
    for (_, word) in near {
        let start = text.len();
        if word.is_ascii() {
            text.push_str(word);
            text[start..].make_ascii_lowercase();
        } else {
            // `to_lowercase` of the word as a whole (a final sigma).
            text.push_str(&word.to_lowercase());
        }
        ranges.push(start..text.len());
    }
    let lowered: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
    lexicon.names_metric(&lowered, at - from, len)
}

/// Whether `word` may be part of a name: it opens with a capital, holds a
/// lowercase letter (not an acronym) and is not one of [`NOT_NAMES`].
fn is_name_word(word: &str) -> bool {
    // Most words open with an ASCII byte, which settles whether they open
    // with a capital without decoding a character.
    let capital = match word.as_bytes().first() {
        Some(b'A'..=b'Z') => true,
        Some(b) if b.is_ascii() => false,
        _ => word.chars().next().is_some_and(char::is_uppercase),
    };
    capital && word.chars().any(char::is_lowercase) && !is_not_name(word)
}

/// [`COREF_NOUNS`] by first bytes and length.
static COREF_WORDS: crate::util::short_words::ShortWords =
    crate::util::short_words::ShortWords::new(&[COREF_NOUNS]);

/// Whether `word` is one of [`COREF_NOUNS`] in any case. Most words have
/// no noun's first bytes and length, and are turned away on that alone.
fn is_coref_noun(word: &str) -> bool {
    // The nouns are ASCII, and no non-ASCII letter lowercases to one of
    // their letters (the Kelvin sign's "k" is not among them), so an
    // ASCII case-insensitive comparison is `to_lowercase` equality.
    COREF_WORDS.may_hold(word)
        && COREF_NOUNS
            .iter()
            .any(|n| n.len() == word.len() && n.eq_ignore_ascii_case(word))
}

/// Whether a text is written in lowercase: it opens with a lowercase
/// letter, and fewer than one letter in a hundred of its ASCII letters (at
/// least 100 of them) is a capital. Of the 19,043 Reuters-21578 articles,
/// 49 are; a text in ordinary case has a capital at least every fifty
/// letters or so, and opens with one.
fn all_lowercase(text: &str) -> bool {
    let opens_lower = text
        .bytes()
        .find(u8::is_ascii_alphabetic)
        .is_some_and(|b| b.is_ascii_lowercase());
    if !opens_lower {
        return false;
    }
    let (mut letters, mut capitals) = (0usize, 0usize);
    for b in text.bytes() {
        letters += usize::from(b.is_ascii_alphabetic());
        capitals += usize::from(b.is_ascii_uppercase());
    }
    letters >= 100 && capitals * 100 < letters
}

/// Words (letters, digits, inner apostrophes and hyphens) with their offsets.
pub fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// Room for the words of a text of `len` bytes: news prose runs about six
/// bytes a word, so a list made with this much is seldom grown (a collected
/// list grew four or five times a sentence, each time a copy).
fn room_for_words(len: usize) -> usize {
    len / 5 + 2
}

/// [`words`], as a list.
pub fn word_list(text: &str) -> Vec<(usize, &str)> {
    let mut list = Vec::with_capacity(room_for_words(text.len()));
    list.extend(words(text));
    list
}

/// The words of [`words`] without their offsets, as a list.
pub fn word_strs(text: &str) -> Vec<&str> {
    let mut list = Vec::with_capacity(room_for_words(text.len()));
    list.extend(words(text).map(|(_, w)| w));
    list
}

/// The iterator of [`words`]: reads ASCII bytes directly and decodes a
/// character only where one is not ASCII.
pub struct Words<'a> {
    text: &'a str,
    at: usize,
}

impl Words<'_> {
    /// The character at byte `i` and its length, if any.
    fn char_at(&self, i: usize) -> Option<(char, usize)> {
        let b = *self.text.as_bytes().get(i)?;
        if b.is_ascii() {
            Some((char::from(b), 1))
        } else {
            let c = self.text[i..].chars().next()?;
            Some((c, c.len_utf8()))
        }
    }

    /// Whether the character at byte `i` is a letter or digit.
    fn alphanumeric_at(&self, i: usize) -> bool {
        self.char_at(i).is_some_and(|(c, _)| c.is_alphanumeric())
    }
}

/// By byte value, how [`Words`] reads it: [`SKIP`], [`ALNUM`], [`MARK`] or
/// [`WIDE`].
static WORD_CLASS: [u8; 256] = {
    let mut table = [SKIP; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        table[c] = if b.is_ascii_alphanumeric() {
            ALNUM
        } else if matches!(b, b'\'' | b'-' | b'.') {
            MARK
        } else if b.is_ascii() {
            SKIP
        } else {
            WIDE
        };
        c += 1;
    }
    table
};
/// A [`WORD_CLASS`]: an ASCII byte no word holds.
const SKIP: u8 = 0;
/// A [`WORD_CLASS`]: an ASCII letter or digit.
const ALNUM: u8 = 1;
/// A [`WORD_CLASS`]: an apostrophe, hyphen or dot, which a word holds
/// between letters.
const MARK: u8 = 2;
/// A [`WORD_CLASS`]: a byte of a non-ASCII character.
const WIDE: u8 = 3;

impl<'a> Words<'a> {
    /// The next word from byte `i` on, reading every character (the
    /// general case, for text that is not plain ASCII there).
    #[cold]
    fn next_from(&mut self, mut i: usize) -> Option<(usize, &'a str)> {
        let bytes = self.text.as_bytes();
        // To the next letter or digit.
        loop {
            let Some(&b) = bytes.get(i) else {
                self.at = i;
                return None;
            };
            if b.is_ascii_alphanumeric() {
                break;
            }
            if b.is_ascii() {
                i += 1;
                continue;
            }
            let (c, len) = self.char_at(i)?;
            if c.is_alphanumeric() {
                break;
            }
            i += len;
        }
        self.word_from(i, i)
    }

    /// The word that starts at byte `start`, read on from byte `i` (the
    /// general case, for a mark or a non-ASCII character there).
    #[cold]
    fn word_from(&mut self, start: usize, mut i: usize) -> Option<(usize, &'a str)> {
        let bytes = self.text.as_bytes();
        let end = loop {
            // ASCII letters and digits, the bulk of every word, byte by byte.
            while i < bytes.len() && WORD_BYTE[usize::from(bytes[i])] {
                i += 1;
            }
            let Some(&b) = bytes.get(i) else {
                break i;
            };
            let (c, len) = if b.is_ascii() {
                // Most words end at a space or punctuation that no word holds.
                if !matches!(b, b'\'' | b'-' | b'.') {
                    break i;
                }
                (char::from(b), 1)
            } else {
                match self.char_at(i) {
                    Some(cl) => cl,
                    None => break i,
                }
            };
            if c.is_alphanumeric() {
                i += len;
            } else if matches!(c, '\'' | '\u{2019}' | '-' | '.') {
                // Keep "U.S." and "six-year-old" whole; drop a trailing mark.
                if self.alphanumeric_at(i + len) {
                    i += len;
                } else {
                    if c == '.' && self.text[start..i].contains('.') {
                        i += 1;
                    }
                    break i;
                }
            } else {
                break i;
            }
        };
        self.at = end;
        Some((start, &self.text[start..end]))
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = (usize, &'a str);

    /// Reads plain ASCII words (letters and digits between bytes no word
    /// holds) itself, and hands anything else to the general reading
    /// ([`Words::next_from`], [`Words::word_from`]): kept apart, the common
    /// case costs fewer instructions (callgrind).
    fn next(&mut self) -> Option<(usize, &'a str)> {
        let bytes = self.text.as_bytes();
        let mut i = self.at;
        let start = loop {
            let Some(&b) = bytes.get(i) else {
                self.at = i;
                return None;
            };
            match WORD_CLASS[usize::from(b)] {
                ALNUM => break i,
                WIDE => return self.next_from(i),
                _ => i += 1,
            }
        };
        i += 1;
        while i < bytes.len() && WORD_CLASS[usize::from(bytes[i])] == ALNUM {
            i += 1;
        }
        match bytes.get(i) {
            Some(&b) if WORD_CLASS[usize::from(b)] != SKIP => self.word_from(start, i),
            _ => {
                self.at = i;
                Some((start, &self.text[start..i]))
            }
        }
    }
}

/// The end of `text` that holds its last `n` [`words`], read the same as in
/// the whole text: a space ends any word, and the words after it are read
/// the same whatever came before, so when `n` words follow the `n + 1`th
/// space from the end, the text after that space; otherwise all of it.
/// Callers that want a figure's last few words before it read only these,
/// not the whole sentence before it.
pub fn tail_of_last_words(text: &str, n: usize) -> &str {
    if n == 0 {
        return "";
    }
    let bytes = text.as_bytes();
    let mut cut = Some(bytes.len());
    for _ in 0..=n {
        cut = cut.and_then(|c| memchr::memrchr(b' ', &bytes[..c]));
    }
    match cut {
        Some(space) if words(&text[space + 1..]).nth(n - 1).is_some() => &text[space + 1..],
        _ => text,
    }
}

/// The last of [`words`], found from the end: the cost is that of the
/// text after the last word break, not of the whole text (callers ask for
/// the word before a figure in long sentences).
///
/// A character that is neither alphanumeric nor one a word may hold
/// (apostrophes, hyphens, dots) always ends a word, and [`words`] reads the
/// text after it the same whatever came before; so the words after the
/// last such character are those [`words`] gives there, and when there
/// are none the search moves back to the one before.
pub fn last_word(text: &str) -> Option<(usize, &str)> {
    let mut end = text.len();
    loop {
        let cut = text[..end]
            .char_indices()
            .rev()
            .find(|&(_, c)| !c.is_alphanumeric() && !matches!(c, '\'' | '\u{2019}' | '-' | '.'));
        let from = cut.map_or(0, |(i, c)| i + c.len_utf8());
        if let Some((at, w)) = words(&text[from..]).last() {
            return Some((from + at, w));
        }
        end = cut?.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The last `n` words of `tail_of_last_words`'s tail are the last `n`
    /// of the whole text's, on random texts of words, marks and spaces.
    #[test]
    fn tail_of_last_words_holds_the_last_words() {
        let pieces = [
            "a", "Rose", " ", " ", "by", ".", "U.S", "-", "'", "\u{e9}", "\u{a0}", ",", "5",
        ];
        fn last(text: &str, n: usize) -> Vec<&str> {
            let all: Vec<&str> = words(text).map(|(_, w)| w).collect();
            all[all.len().saturating_sub(n)..].to_vec()
        }
        for s in crate::testing::random_texts(&pieces, 14, 20_000) {
            for n in 1..4 {
                assert_eq!(
                    last(tail_of_last_words(&s, n), n),
                    last(&s, n),
                    "{n} of {s:?}"
                );
            }
        }
    }

    fn gaz() -> Gazetteer {
        Gazetteer::new(
            [
                "Syria",
                "US",
                "Syrian civil war",
                "Niger",
                "Nigeria",
                "South Koreans",
                "Iraq War",
            ]
            .map(String::from),
        )
    }

    #[test]
    fn known_names_need_their_capitals() {
        let g = gaz();
        let t = "Let us talk about Syria and the US, the Syrian Civil War and Nigeria, not niger; the Iraq war.";
        let found: Vec<&str> = g.find(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            found,
            vec!["Syria", "US", "Syrian Civil War", "Nigeria", "Iraq war"]
        );
    }

    /// A name is looked for where a word starts: not inside "USAID" or
    /// "business", and a lowercase "south" (a direction) does not hide the
    /// "Sudan" after it by matching "South Sudan" without its capital.
    #[test]
    fn names_start_at_word_starts() {
        let names = ["South Sudan", "Sudan", "US", "Chad"].map(String::from);
        for limit in [usize::MAX, 0] {
            let g = Gazetteer::with_limit(names.clone(), limit);
            let t = "USAID's business in south Sudan, South Sudan and Chad.";
            let found: Vec<&str> = g.find(t).into_iter().map(|r| &t[r]).collect();
            assert_eq!(found, vec!["Sudan", "South Sudan", "Chad"], "limit {limit}");
        }
    }

    /// The hash-table scan of a large gazetteer finds exactly what the
    /// automaton finds, on names that share prefixes, differ only in case,
    /// are 2 or 3 bytes long or not ASCII, over texts built from their pieces.
    #[test]
    fn table_scan_matches_the_automaton() {
        let names: Vec<String> = [
            "US",
            "USA",
            "us",
            "UK",
            "Niger",
            "Nigeria",
            "Iraq War",
            "Iraq war",
            "Iraq",
            "Ira",
            "South Korea",
            "South Koreans",
            "Korea",
            "Korea, Rep.",
            "Côte d'Ivoire",
            "Côte",
            "Man",
            "Isle of Man",
            "an",
            "Syrian civil war",
            "Syria",
            "Syrian",
            "Arab World",
            "the US",
            "U.S.",
            "Guinea",
            "Guinea-Bissau",
            "Bosnia & Herzegovina",
        ]
        .map(String::from)
        .to_vec();
        let pieces = [
            "US",
            "us",
            "USAID",
            "Nigeria",
            "niger",
            "Nigerian",
            " ",
            "  ",
            ", ",
            ".",
            "Iraq ",
            "War",
            "war",
            "South ",
            "Koreans",
            "Korea, Rep.",
            "Côte d'Ivoire",
            "Isle of Man",
            "Tehran",
            "Syrian Civil War",
            "Arab World",
            "the US",
            "U.S.",
            "-",
            "Guinea-Bissau",
            "Bosnia & Herzegovina",
            "an",
            "man",
            "é",
            "x",
        ];
        let automaton = Gazetteer::with_limit(names.clone(), usize::MAX);
        let table = Gazetteer::with_limit(names, 0);
        assert!(matches!(automaton.matcher, Matcher::Automaton(_)));
        assert!(matches!(table.matcher, Matcher::Table(_)));
        let mut found = 0;
        for text in crate::testing::random_texts(&pieces, 11, 5000) {
            let want = automaton.find(&text);
            found += want.len();
            assert_eq!(table.find(&text), want, "in {text:?}");
        }
        assert!(found > 1000, "the texts name something: {found}");
    }

    #[test]
    fn candidates_prefer_known_then_nearest() {
        let s = "The raging conflict in Syria is now in its sixth year, Trump said.";
        let q = s.find("now in its sixth year").unwrap();
        let c = candidates(s, q..q + 21, &gaz());
        let mentions: Vec<&str> = c.iter().map(SubjectRef::mention).collect();
        // Trump, who said it, is no candidate.
        assert_eq!(mentions, vec!["Syria", "conflict"]);
    }

    #[test]
    fn capitalised_runs_join_inner_of() {
        let s = "the Syrian Centre for Policy Research estimates that Wakanda grew";
        let mut runs: Vec<&str> = Vec::new();
        let words: Vec<(usize, &str)> = words(s).collect();
        runs_and_corefs(&words, |r, coref| {
            if !coref {
                runs.push(&s[r]);
            }
        });
        assert_eq!(runs, vec!["Syrian Centre for Policy Research", "Wakanda"]);
    }

    /// `last_word` gives what `words(..).last()` gives, on every prefix of
    /// texts full of the marks a word may hold.
    #[test]
    fn last_word_is_the_last_of_words() {
        let texts = [
            "U.S. six-year-old war's end.",
            "from the U.S.. - 'quoted' \u{2019}tis ... a.b. -x- 3.5 mln",
            "Hong Kong, across the estuary from  ",
            "..--''",
            "\u{130}stanbul's İ-ẞ—“West” Germany’s—",
            "",
        ];
        for text in texts {
            for (end, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let prefix = &text[..end];
                assert_eq!(last_word(prefix), words(prefix).last(), "in {prefix:?}");
            }
        }
    }

    /// [`words`] by its definition, a character at a time.
    fn words_by_chars(text: &str) -> Vec<(usize, &str)> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let at = |k: usize| chars.get(k).map_or(text.len(), |&(i, _)| i);
        let alnum = |k: usize| chars.get(k).is_some_and(|&(_, c)| c.is_alphanumeric());
        let mut out = Vec::new();
        let mut k = 0;
        while k < chars.len() {
            if !alnum(k) {
                k += 1;
                continue;
            }
            let start = k;
            loop {
                while alnum(k) {
                    k += 1;
                }
                match chars.get(k) {
                    Some(&(_, c)) if matches!(c, '\'' | '\u{2019}' | '-' | '.') => {
                        if alnum(k + 1) {
                            k += 1;
                            continue;
                        }
                        if c == '.' && text[at(start)..at(k)].contains('.') {
                            k += 1;
                        }
                        break;
                    }
                    _ => break,
                }
            }
            out.push((at(start), &text[at(start)..at(k)]));
        }
        out
    }

    /// The byte-wise iterator gives what the definition gives, on random
    /// texts of letters, digits, the marks a word may hold, and
    /// non-ASCII letters and punctuation.
    #[test]
    fn words_are_their_definition() {
        let alphabet = [
            "a", "Z", "7", " ", ".", "-", "'", "\u{2019}", "é", "\u{2014}", "İ", ",", "ß", "\n",
        ];
        for text in crate::testing::random_texts(&alphabet, 12, 20_000) {
            let got: Vec<(usize, &str)> = words(&text).collect();
            assert_eq!(got, words_by_chars(&text), "in {text:?}");
        }
    }

    #[test]
    fn words_keep_abbreviations_and_hyphens() {
        let w: Vec<&str> = words("U.S. six-year-old war's end.")
            .map(|(_, w)| w)
            .collect();
        assert_eq!(w, vec!["U.S.", "six-year-old", "war's", "end"]);
    }

    /// The length filter of [`is_coref_noun`] turns away no noun: it
    /// answers as the definition does, `to_lowercase` equality with a noun.
    #[test]
    fn coref_nouns_are_their_definition() {
        let pieces = [
            "war",
            "WAR",
            "its",
            "It",
            "s",
            "conflict",
            "Nation",
            "country",
            "fight",
            "ing",
            "x",
            "\u{212A}",
            "İ",
            "é",
            "country's",
        ];
        let nouns = crate::testing::agree_on_words(&pieces, 4, 20_000, is_coref_noun, |w| {
            COREF_NOUNS.contains(&w.to_lowercase().as_str())
        });
        assert!(nouns > 100, "the words hold nouns: {nouns}");
    }

    /// [`is_name_word`] answers as its definition does, on words that open
    /// with ASCII and non-ASCII capitals, lowercase letters and digits.
    #[test]
    fn name_words_are_their_definition() {
        let pieces = [
            "A", "The", "Syria", "US", "a", "s", "7", "\u{130}", "\u{c9}", "\u{df}", "\u{3a3}",
            "\u{3c3}", "\u{2160}", "x", "Z", "-", "'",
        ];
        let by_definition = |w: &str| {
            let first = w.chars().next().unwrap_or(' ');
            first.is_uppercase() && !is_not_name(w) && w.chars().any(|c| c.is_lowercase())
        };
        let names = crate::testing::agree_on_words(&pieces, 3, 20_000, is_name_word, by_definition);
        assert!(names > 1000, "the words hold names: {names}");
    }

    /// [`is_landmark_preposition`] answers as its definition does,
    /// `to_lowercase` equality with a preposition.
    #[test]
    fn landmark_prepositions_are_their_definition() {
        let pieces = [
            "from", "FROM", "li", "ke", "\u{212A}", "e", "un", "near", "Than", "toward", "s", "x",
            "İ", "é",
        ];
        let found =
            crate::testing::agree_on_words(&pieces, 3, 20_000, is_landmark_preposition, |w| {
                LANDMARK_PREPOSITIONS.contains(&w.to_lowercase().as_str())
            });
        assert!(found > 500, "the words hold prepositions: {found}");
    }

    /// [`SentenceSubjects::near`] by its definition: every candidate the
    /// quantity does not overlap, stably sorted by tier and distance, each
    /// mention once.
    fn near_by_definition(subjects: &SentenceSubjects, quantity: Range<usize>) -> Vec<SubjectRef> {
        let distance = |r: &Range<usize>| {
            if r.end <= quantity.start {
                quantity.start - r.end
            } else {
                r.start.saturating_sub(quantity.end)
            }
        };
        let mut ranked: Vec<(u8, usize, &SubjectRef)> = subjects
            .entries
            .iter()
            .filter(|(r, _, _)| !overlaps(r, std::slice::from_ref(&quantity)))
            .map(|(r, tier, s)| (*tier, distance(r), s))
            .collect();
        ranked.sort_by_key(|(tier, d, _)| (*tier, *d));
        let mut out: Vec<SubjectRef> = Vec::new();
        for (_, _, s) in ranked {
            if !out.contains(s) {
                out.push(s.clone());
            }
        }
        out
    }

    /// The ranking on the stack (and, for a sentence of many candidates,
    /// in a vector) gives what the definition gives, for quantities at
    /// every word of random sentences full of repeated names and nouns.
    #[test]
    fn near_is_its_definition() {
        let pieces = [
            "Syria ",
            "Syria's war ",
            "US ",
            "Trump ",
            "Trump ",
            "the conflict ",
            "its ",
            "in ",
            "of ",
            "the ",
            "Niger ",
            "Nigeria ",
            "Iraq War ",
            "West ",
            "Germany ",
            "said ",
            ", ",
            "from ",
            "Hong Kong ",
            "5 ",
            "million ",
        ];
        let g = Gazetteer::new(
            [
                "Syria",
                "US",
                "Niger",
                "Nigeria",
                "Iraq War",
                "Germany",
                "Hong Kong",
            ]
            .map(String::from),
        );
        let (mut many, mut ranked) = (0, 0);
        for s in crate::testing::random_texts(&pieces, 90, 3_000) {
            let subjects = SentenceSubjects::new(&s, &g.find(&s), None);
            many += usize::from(subjects.entries.len() > 32);
            for (at, w) in words(&s) {
                let want = near_by_definition(&subjects, at..at + w.len());
                ranked += want.len();
                assert_eq!(subjects.near(at..at + w.len()), want, "{s:?} at {at}");
            }
        }
        assert!(many > 100, "some sentences have many candidates: {many}");
        assert!(ranked > 10_000, "the sentences have candidates: {ranked}");
    }
}

#[cfg(test)]
mod longer_names {
    use super::*;

    fn mentions(s: &str, quantity: &str) -> Vec<String> {
        let g = Gazetteer::new(["Germany", "Yemen", "Sudan", "Indonesia"].map(String::from));
        let q = s.find(quantity).unwrap();
        candidates(s, q..q + quantity.len(), &g)
            .iter()
            .map(|c| c.mention().to_string())
            .collect()
    }

    #[test]
    fn a_landmark_is_tried_after_the_subject() {
        let g = Gazetteer::new(["Macao", "Hong Kong"].map(String::from));
        let s = "Macao, across the Pearl River estuary from Hong Kong, has a population of about 400,000.";
        let q = s.find("about 400,000").unwrap();
        let c = candidates(s, q..q + 13, &g);
        assert_eq!(c[0].mention(), "Macao");
    }

    #[test]
    fn a_qualified_name_is_not_the_known_one() {
        assert_eq!(
            mentions(
                "West Germany had about 61 million people.",
                "about 61 million"
            )[0],
            "West Germany"
        );
        assert_eq!(
            mentions("In 1985 Germany had 78 million people.", "78 million")[0],
            "Germany"
        );
        assert_eq!(
            mentions("Meanwhile Indonesia had 168 million people.", "168 million")[0],
            "Indonesia"
        );
    }

    #[test]
    fn a_countrys_war_is_the_war() {
        let m = mentions(
            "Yemen's war, now in its fifth year, goes on.",
            "now in its fifth year",
        );
        assert_eq!(
            &m[..4],
            ["Yemen war", "war in Yemen", "Yemen civil war", "Yemen"]
                .map(String::from)
                .as_slice(),
            "{m:?}"
        );
    }

    /// The candidates with the built-in lexicon's metric names taken out.
    fn with_lexicon(s: &str, quantity: &str) -> Vec<String> {
        let g = Gazetteer::new(["Canada", "Kenya"].map(String::from));
        let q = s.find(quantity).unwrap();
        let lexicon = Lexicon::default();
        SentenceSubjects::new(s, &g.find(s), Some(&lexicon))
            .near(q..q + quantity.len())
            .iter()
            .map(|c| c.mention().to_string())
            .collect()
    }

    #[test]
    fn a_capitalised_metric_name_is_no_subject() {
        let none: Vec<String> = Vec::new();
        assert_eq!(
            with_lexicon("Gross Domestic Product grew 7.2 pct in 1986.", "7.2 pct"),
            none
        );
        assert_eq!(with_lexicon("Inflation fell to 2.5 pct.", "2.5 pct"), none);
        // Without a lexicon the run is still a candidate.
        assert_eq!(
            mentions("Inflation fell to 2.5 pct.", "2.5 pct"),
            ["Inflation"]
        );
        // A name that is no metric's stays.
        assert_eq!(
            with_lexicon("Atlantis grew 7.2 pct in 1986.", "7.2 pct"),
            ["Atlantis"]
        );
    }

    #[test]
    fn a_speaker_is_no_subject() {
        let none: Vec<String> = Vec::new();
        assert_eq!(
            mentions("Inflation fell to 2.5 pct, Ouko said.", "2.5 pct")[1..],
            none
        );
        assert_eq!(
            mentions("It was 2.0 pct, said Carl Beigie.", "2.0 pct"),
            none
        );
        assert_eq!(
            mentions("Figueroa told reporters growth was 9 pct.", "9 pct"),
            none
        );
        // "said" before a name that goes on is no speaker's.
        assert_eq!(
            mentions(
                "The report said Atlantis had 7 million people.",
                "7 million"
            ),
            ["Atlantis"]
        );
        // A comma between the name and the verb: the name is the subject.
        assert_eq!(
            mentions(
                "Inflation in Zembla, said the minister, was 9 pct.",
                "9 pct"
            )[0],
            "Zembla"
        );
        // "estimated" makes a speaker only before a clause's end or "that".
        assert_eq!(
            mentions("Zembla estimated growth at 9 pct in 1986.", "9 pct"),
            ["Zembla"]
        );
        assert_eq!(
            mentions("Growth was 9 pct in 1986, Ouko estimated.", "9 pct")[1..],
            none
        );
    }

    #[test]
    fn a_countrys_institution_speaks_for_the_country() {
        assert_eq!(
            with_lexicon("Statistics Canada said output grew 3.1 pct.", "3.1 pct"),
            ["Canada"]
        );
        assert_eq!(
            with_lexicon(
                "Figures from the Central Bank of Kenya put it at 3.1 pct.",
                "3.1 pct"
            )[0],
            "Kenya"
        );
    }
}
