//! Who or what a quantity is about: names the reference data knows (a
//! gazetteer of entity names and aliases), other capitalised names, and the
//! generic nouns ("the conflict", "the country") that point back to an
//! article's main subject.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// Names to look for in text, matched on whole words, case-insensitively
/// except that every capital in a name must be a capital in the text (so
/// the alias "US" never matches the pronoun "us").
#[derive(Clone, Debug)]
pub struct Gazetteer {
    matcher: Option<AhoCorasick>,
    names: Vec<String>,
}

impl Gazetteer {
    pub fn new(names: impl IntoIterator<Item = String>) -> Gazetteer {
        let mut names: Vec<String> = names
            .into_iter()
            .map(|n| {
                // "the U.S." is found as "U.S.", so that a longer name starting
                // there ("U.S. presidential election") is not cut short.
                let n = n.trim();
                n.strip_prefix("the ")
                    .or_else(|| n.strip_prefix("The "))
                    .unwrap_or(n)
                    .to_string()
            })
            .filter(|n| n.len() > 1)
            .collect();
        // Spellings that differ only in case match the same text; keep the
        // one with the fewest capitals, the least strict about case.
        names.sort_by_cached_key(|n| {
            (
                n.to_lowercase(),
                n.chars().filter(|c| c.is_uppercase()).count(),
            )
        });
        names.dedup_by(|b, a| a.to_lowercase() == b.to_lowercase());
        let matcher = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&names)
            .ok();
        Gazetteer { matcher, names }
    }

    /// Byte ranges of known names in `text`, in order.
    pub fn find(&self, text: &str) -> Vec<Range<usize>> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        let bytes = text.as_bytes();
        matcher
            .find_iter(text)
            .filter(|m| {
                let whole_word = (m.start() == 0 || !is_word_byte(bytes[m.start() - 1]))
                    && (m.end() == bytes.len() || !is_word_byte(bytes[m.end()]));
                whole_word
                    && capitals_kept(
                        &self.names[m.pattern().as_usize()],
                        &text[m.start()..m.end()],
                    )
            })
            .map(|m| m.start()..m.end())
            .collect()
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
    Named { mention: String },
    /// A generic noun or pronoun ("the conflict", "its") standing for a
    /// subject named elsewhere in the document.
    Coref { mention: String },
}

impl SubjectRef {
    pub fn mention(&self) -> &str {
        match self {
            SubjectRef::Named { mention } | SubjectRef::Coref { mention } => mention,
        }
    }
}

const LANDMARK_PREPOSITIONS: &[&str] = &[
    "from", "across", "near", "than", "beyond", "like", "unlike", "toward", "towards",
];

const COREF_NOUNS: &[&str] = &[
    "conflict",
    "war",
    "fighting",
    "civil war",
    "country",
    "nation",
    "its",
];

/// Capitalised words that start sentences or name roles, not subjects.
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "It",
    "Its",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "This",
    "That",
    "These",
    "Those",
    "But",
    "And",
    "Or",
    "If",
    "As",
    "By",
    "For",
    "From",
    "With",
    "After",
    "Before",
    "When",
    "While",
    "According",
    "There",
    "Some",
    "About",
    "Nearly",
    "More",
    "Over",
    "Under",
    "Since",
    "Last",
    "This",
    "Next",
    "Now",
    "Its",
    "Their",
    "Our",
    "His",
    "Her",
    "President",
    "Prime",
    "Minister",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Almost",
    "Around",
    "Roughly",
    "Between",
    "Up",
    "Fewer",
    "Less",
    "At",
    "Only",
    "Just",
    "Well",
    "Of",
    "To",
    "No",
    "Not",
    "All",
    "Half",
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "Hundreds",
    "Thousands",
    "Millions",
    "Dozens",
    "Tens",
    "Several",
    "Many",
    "Most",
    "Officials",
    "Population",
];

/// Every subject candidate in a sentence, nearest to `quantity` first:
/// known names, then other capitalised names, then generic nouns.
pub fn candidates(
    sentence: &str,
    quantity: Range<usize>,
    gazetteer: &Gazetteer,
) -> Vec<SubjectRef> {
    let known = gazetteer.find(sentence);
    let distance = |r: &Range<usize>| {
        if r.end <= quantity.start {
            quantity.start - r.end
        } else {
            r.start.saturating_sub(quantity.end)
        }
    };
    let overlaps = |r: &Range<usize>, others: &[Range<usize>]| {
        others.iter().any(|o| o.start < r.end && r.start < o.end)
    };
    let mut named: Vec<(usize, u8, SubjectRef)> = Vec::new();
    for r in known
        .iter()
        .filter(|r| !overlaps(r, std::slice::from_ref(&quantity)))
    {
        let d = distance(r);
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
                named.push((d, 0, SubjectRef::Named { mention }));
            }
        }
        // "West Germany": a capitalised word before a known name makes a
        // longer name, which is not the known one.
        let start = longer_name_start(sentence, r.start).unwrap_or(r.start);
        // "Macao, across the estuary from Hong Kong, has a population of ...":
        // a name after a preposition of place or comparison is a landmark,
        // tried after the other known names.
        let before = sentence[..start].to_lowercase();
        let landmark = words(&before)
            .last()
            .is_some_and(|(_, w)| LANDMARK_PREPOSITIONS.contains(&w));
        named.push((
            d,
            u8::from(landmark),
            SubjectRef::Named {
                mention: sentence[start..r.end].to_string(),
            },
        ));
    }
    for r in capitalised_runs(sentence) {
        if !overlaps(&r, &known) && !overlaps(&r, std::slice::from_ref(&quantity)) {
            named.push((
                distance(&r),
                1,
                SubjectRef::Named {
                    mention: sentence[r].to_string(),
                },
            ));
        }
    }
    for r in coref_nouns(sentence) {
        if !overlaps(&r, &known) && !overlaps(&r, std::slice::from_ref(&quantity)) {
            named.push((
                distance(&r),
                2,
                SubjectRef::Coref {
                    mention: sentence[r].to_string(),
                },
            ));
        }
    }
    named.sort_by_key(|(d, tier, _)| (*tier, *d));
    let mut out: Vec<SubjectRef> = Vec::new();
    for (_, _, s) in named {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// Where a longer name begins when a capitalised word directly precedes a
/// known name at `start`: always for compass words ("West Germany", "North
/// Sudan"), and for other names unless they open the sentence.
fn longer_name_start(sentence: &str, start: usize) -> Option<usize> {
    const COMPASS: &[&str] = &[
        "West", "East", "North", "South", "Northern", "Southern", "Western", "Eastern", "Upper",
        "Lower", "Greater", "New", "Old",
    ];
    let (w_start, w) = words(&sentence[..start]).last()?;
    let adjacent = sentence[w_start + w.len()..start].chars().all(|c| c == ' ');
    let capital =
        w.chars().next().is_some_and(char::is_uppercase) && w.chars().any(char::is_lowercase);
    let opens_sentence = sentence[..w_start].trim().is_empty();
    let qualifies =
        COMPASS.contains(&w) || (!opens_sentence && !NOT_NAMES.contains(&w) && !w.ends_with("'s"));
    (adjacent && capital && qualifies).then_some(w_start)
}

/// Runs of capitalised words ("Syrian Centre for Policy Research" counts as
/// one run with its inner "for"), leaving out sentence openers and role words.
fn capitalised_runs(sentence: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut run: Option<Range<usize>> = None;
    let mut pending_joiner = false;
    for (start, word) in words(sentence) {
        let first = word.chars().next().unwrap_or(' ');
        let capital = first.is_uppercase()
            && !NOT_NAMES.contains(&word)
            && word.chars().any(|c| c.is_lowercase());
        if capital {
            run = Some(match run {
                Some(r) if pending_joiner || r.end + 1 >= start => r.start..start + word.len(),
                Some(r) => {
                    out.push(r);
                    start..start + word.len()
                }
                None => start..start + word.len(),
            });
            pending_joiner = false;
        } else if run.is_some() && matches!(word, "of" | "for" | "and" | "the") && !pending_joiner {
            pending_joiner = true;
        } else {
            if let Some(r) = run.take() {
                out.push(r);
            }
            pending_joiner = false;
        }
    }
    out.extend(run);
    out
}

fn coref_nouns(sentence: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for (start, word) in words(sentence) {
        let lower = word.to_lowercase();
        if COREF_NOUNS.contains(&lower.as_str()) {
            out.push(start..start + word.len());
        }
    }
    out
}

/// Words (letters, digits, inner apostrophes and hyphens) with their offsets.
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut iter = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, c)) = iter.peek() {
            if c.is_alphanumeric() {
                break;
            }
            iter.next();
        }
        let (start, _) = *iter.peek()?;
        let mut end = start;
        while let Some(&(i, c)) = iter.peek() {
            if c.is_alphanumeric() {
                end = i + c.len_utf8();
                iter.next();
            } else if matches!(c, '\'' | '\u{2019}' | '-' | '.') {
                // Keep "U.S." and "six-year-old" whole; drop a trailing mark.
                let next = text[i + c.len_utf8()..].chars().next();
                if next.is_some_and(|n| n.is_alphanumeric()) {
                    end = i + c.len_utf8();
                    iter.next();
                } else {
                    if c == '.' && text[start..end].contains('.') {
                        end = i + 1;
                        iter.next();
                    }
                    break;
                }
            } else {
                break;
            }
        }
        Some((start, &text[start..end]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn candidates_prefer_known_then_nearest() {
        let s = "The raging conflict in Syria is now in its sixth year, Trump said.";
        let q = s.find("now in its sixth year").unwrap();
        let c = candidates(s, q..q + 21, &gaz());
        let mentions: Vec<&str> = c.iter().map(SubjectRef::mention).collect();
        assert_eq!(mentions, vec!["Syria", "Trump", "conflict"]);
    }

    #[test]
    fn capitalised_runs_join_inner_of() {
        let s = "the Syrian Centre for Policy Research estimates that Wakanda grew";
        let runs: Vec<&str> = capitalised_runs(s).into_iter().map(|r| &s[r]).collect();
        assert_eq!(runs, vec!["Syrian Centre for Policy Research", "Wakanda"]);
    }

    #[test]
    fn words_keep_abbreviations_and_hyphens() {
        let w: Vec<&str> = words("U.S. six-year-old war's end.")
            .map(|(_, w)| w)
            .collect();
        assert_eq!(w, vec!["U.S.", "six-year-old", "war's", "end"]);
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
}
