//! Entity names: the key a name is compared by, and a fuzzy matcher that
//! finds candidates through a trigram blocking index (never a scan of every
//! name) and accepts one only when it is close, long enough and unambiguous.

use super::index::FxMap;

/// The comparison key of a name: lower case, dots and apostrophes dropped,
/// other punctuation as spaces, "&" as "and", a leading "the " and a
/// possessive "'s" removed. "the U.S." and "US" share the key "us".
pub fn key(name: &str) -> String {
    if name.is_ascii() {
        ascii_key(name)
    } else {
        general_key(name)
    }
}

fn general_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = true;
    let lower = name.trim().to_lowercase();
    let lower = lower
        .strip_suffix("'s")
        .or_else(|| lower.strip_suffix("\u{2019}s"))
        .unwrap_or(&lower);
    for c in lower.chars() {
        match c {
            '.' | '\'' | '\u{2019}' => {}
            '&' => {
                if !space {
                    out.push(' ');
                }
                out.push_str("and ");
                space = true;
            }
            c if c.is_alphanumeric() => {
                out.push(c);
                space = false;
            }
            _ => {
                if !space {
                    out.push(' ');
                    space = true;
                }
            }
        }
    }
    let out = out.trim_end();
    out.strip_prefix("the ").unwrap_or(out).to_string()
}

/// [`key`] of an ASCII name, with one allocation (the general path
/// lowercases a copy first, which for non-ASCII text is not per-character:
/// a final sigma).
fn ascii_key(name: &str) -> String {
    let trimmed = name.trim().as_bytes();
    let trimmed = match trimmed {
        [rest @ .., b'\'', b's' | b'S'] => rest,
        _ => trimmed,
    };
    let mut out = String::with_capacity(trimmed.len() + 4);
    let mut space = true;
    for &b in trimmed {
        match b {
            b'.' | b'\'' => {}
            b'&' => {
                if !space {
                    out.push(' ');
                }
                out.push_str("and ");
                space = true;
            }
            b if b.is_ascii_alphanumeric() => {
                out.push(b.to_ascii_lowercase() as char);
                space = false;
            }
            _ => {
                if !space {
                    out.push(' ');
                    space = true;
                }
            }
        }
    }
    let end = out.trim_end().len();
    out.truncate(end);
    if out.starts_with("the ") {
        out.drain(..4);
    }
    out
}

/// The key with its last word in the singular ("elections" -> "election").
pub fn singular(key: &str) -> Option<String> {
    let stem = key.strip_suffix('s')?;
    if stem.ends_with('s') || stem.len() < 3 {
        return None;
    }
    Some(stem.to_string())
}

/// A fuzzy match and how close it is (1 - edits / longer length).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fuzzy {
    pub entity: u32,
    pub score: f64,
}

/// Trigram blocking index over the keys of names eligible for fuzzy matching.
#[derive(Debug, Default)]
pub struct FuzzyIndex {
    /// Every key's text, one after another (no allocation per name).
    text: String,
    /// (start, end) in `text` and the entity, by id.
    keys: Vec<(u32, u32, u32)>,
    grams: FxMap<[char; 3], Vec<u32>>,
}

fn trigrams(key: &str) -> Vec<[char; 3]> {
    let padded: Vec<char> = std::iter::once(' ')
        .chain(key.chars())
        .chain(std::iter::once(' '))
        .collect();
    let mut g: Vec<[char; 3]> = padded.windows(3).map(|w| [w[0], w[1], w[2]]).collect();
    g.sort_unstable();
    g.dedup();
    g
}

/// Edits allowed for a name of `len` characters: none under 5 (Iran/Iraq,
/// Mali), one under 10 (Austria/Australia need two; "Ruritania" is two from
/// Mauritania), two from 10 on ("Phillipines").
fn allowed_edits(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=9 => 1,
        _ => 2,
    }
}

impl FuzzyIndex {
    pub fn insert(&mut self, key: &str, entity: u32) {
        let id = self.keys.len() as u32;
        for g in trigrams(key) {
            self.grams.entry(g).or_default().push(id);
        }
        let start = self.text.len() as u32;
        self.text.push_str(key);
        self.keys.push((start, self.text.len() as u32, entity));
    }

    /// The one entity whose name is within the allowed edits of `key`, when
    /// exactly one entity is that close.
    pub fn find(&self, key: &str) -> Option<Fuzzy> {
        let len = key.chars().count();
        let allowed = allowed_edits(len);
        if allowed == 0 {
            return None;
        }
        let grams = trigrams(key);
        // One edit changes at most three trigrams.
        let need = grams.len().saturating_sub(3 * allowed).max(1);
        // Each gram's names, rarest first. A name sharing `need` of the
        // key's grams is in at least one of the `grams - need + 1` rarest
        // lists (pigeonhole), so only those are walked for candidates; the
        // lists are sorted by id, so counting a candidate's shared grams is
        // a binary search in each. The cost follows the rarest grams, not
        // the number of names.
        let mut lists: Vec<&[u32]> = grams
            .iter()
            .map(|g| self.grams.get(g).map_or(&[][..], Vec::as_slice))
            .collect();
        lists.sort_by_key(|l| l.len());
        let probe = lists.len() + 1 - need.min(lists.len());
        let mut candidates: Vec<u32> = lists[..probe]
            .iter()
            .flat_map(|l| l.iter().copied())
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Vec<(usize, f64, u32)> = Vec::new();
        for id in candidates {
            // Count shared grams, giving up once `need` is out of reach.
            let mut n = 0;
            for (j, l) in lists.iter().enumerate() {
                if n + (lists.len() - j) < need {
                    break;
                }
                n += l.binary_search(&id).is_ok() as usize;
            }
            if n < need {
                continue;
            }
            let (start, end, entity) = &self.keys[id as usize];
            let name = &self.text[*start as usize..*end as usize];
            // Misspellings keep the first letter; a different one is a different name.
            if name.chars().next() != key.chars().next() {
                continue;
            }
            let edits = strsim::damerau_levenshtein(key, name);
            let name_len = name.chars().count();
            if edits == 0 || edits > allowed.min(allowed_edits(name_len)) {
                continue;
            }
            let score = 1.0 - edits as f64 / len.max(name_len) as f64;
            best.push((edits, score, *entity));
        }
        // One entry per entity (a name and its aliases may all be close),
        // its closest spelling first.
        best.sort_by(|a, b| a.2.cmp(&b.2).then(a.0.cmp(&b.0)).then(b.1.total_cmp(&a.1)));
        best.dedup_by_key(|b| b.2);
        best.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2)));
        match best.as_slice() {
            [] => None,
            [only] => Some(Fuzzy {
                entity: only.2,
                score: only.1,
            }),
            [first, second, ..] if first.0 < second.0 => Some(Fuzzy {
                entity: first.2,
                score: first.1,
            }),
            _ => None, // two names equally close: ambiguous, no guess
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(names: &[&str]) -> FuzzyIndex {
        let mut f = FuzzyIndex::default();
        for (i, n) in names.iter().enumerate() {
            f.insert(&key(n), i as u32);
        }
        f
    }

    #[test]
    fn keys() {
        assert_eq!(key("the U.S."), "us");
        assert_eq!(key("Korea, Rep."), "korea rep");
        assert_eq!(key("Syria's"), "syria");
        assert_eq!(key("Bosnia & Herzegovina"), "bosnia and herzegovina");
        assert_eq!(key("  Côte d'Ivoire "), "côte divoire");
        assert_eq!(
            singular("us presidential elections").as_deref(),
            Some("us presidential election")
        );
    }

    /// The ASCII fast path of `key` gives what the general path gives.
    #[test]
    fn ascii_keys_match_the_general_path() {
        for name in [
            "the U.S.",
            "Korea, Rep.",
            "Syria's",
            "SYRIA'S",
            "Bosnia & Herzegovina",
            "  The Gambia ",
            "the",
            "the ",
            "The  war's",
            "a&b",
            "&",
            "x's",
            "'s",
            "Cote d'Ivoire",
            "St. Kitts-Nevis",
            "the the",
            "A.B.C.",
            "",
            "   ",
            "US's",
            "it'S",
        ] {
            assert_eq!(ascii_key(name), general_key(name), "{name:?}");
        }
    }

    #[test]
    fn misspellings_resolve() {
        let f = index(&[
            "Indonesia",
            "Philippines",
            "Niger",
            "Nigeria",
            "Austria",
            "Australia",
        ]);
        assert_eq!(f.find(&key("Indonesa")).map(|m| m.entity), Some(0));
        assert_eq!(f.find(&key("Phillipines")).map(|m| m.entity), Some(1));
        assert!(f.find(&key("Indonesa")).unwrap().score > 0.85);
    }

    #[test]
    fn confusable_names_never_cross() {
        let f = index(&[
            "Niger",
            "Nigeria",
            "Kazakhstan",
            "Turkmenistan",
            "Guinea-Bissau",
            "Austria",
            "Australia",
            "Iraq",
            "Malawi",
            "Dominican Republic",
            "Mauritania",
        ]);
        for probe in [
            "Kurdistan",
            "Guinea",
            "Iran",
            "Mali",
            "Dominica",
            "Ruritania",
        ] {
            let got = f.find(&key(probe));
            assert!(got.is_none(), "{probe} -> {got:?}");
        }
        // A transposition is one edit from Australia, many from Austria.
        assert_eq!(f.find(&key("Australai")).map(|m| m.entity), Some(6));
        // "Nigera" is one edit from Niger and one from Nigeria: no guess.
        assert_eq!(f.find(&key("Nigera")), None);
        // "Nigerai" is one transposition from Nigeria and two edits from Niger.
        assert_eq!(f.find(&key("Nigerai")).map(|m| m.entity), Some(1));
    }
}
