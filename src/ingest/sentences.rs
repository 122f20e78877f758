//! Sentence boundaries in news text.
//!
//! A sentence ends at `.`, `!` or `?` (and any closing quotes or brackets)
//! followed by white space and a capital, digit or quote; or at a blank line.
//! Abbreviations ("U.S.", "Mr.", "Jan.") and initials do not end a sentence
//! (but before a line indented as a new paragraph, as wire copy opens one),
//! and neither do decimals ("1.9"), which have no space after the point.
//! Invisible characters (a zero-width space, a word joiner, a byte-order
//! mark inside the text) count for nothing: one at a line's start does not
//! join that line's sentence to the one before, and none begins a sentence.

use std::ops::Range;

use crate::normalize::lexer::invisible_len;

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "st", "jr",
    "sr", "co", "corp", "inc", "ltd", "no", "nos", "vs", "etc", "approx", "est", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n",
    "e.g", "i.e", "a.m", "p.m", "vol", "fig", "ft", "mt",
];

/// Byte ranges of the sentences in `text`, trimmed of surrounding white space,
/// in order. Never empty ranges.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    // Room for most texts' sentences at once: growing from empty took
    // three allocations for a news article.
    let mut out = Vec::with_capacity(16);
    let mut start = 0;
    let mut i = 0;
    // Where the next `?` is, looked up again only once passed: `?` is rare,
    // and the vectorised search takes at most three bytes at once.
    let mut question = 0;
    while i < bytes.len() {
        // Most bytes can end nothing: pass over them with a vectorised search.
        if !matches!(bytes[i], b'\n' | b'.' | b'!' | b'?') {
            if question <= i {
                question = memchr::memchr(b'?', &bytes[i..]).map_or(bytes.len(), |p| i + p);
            }
            let next =
                memchr::memchr3(b'\n', b'.', b'!', &bytes[i..]).map_or(bytes.len(), |p| i + p);
            i = next.min(question);
            continue;
        }
        let b = bytes[i];
        // Paragraph break: a newline, optional spaces, another newline.
        if b == b'\n' {
            let mut j = i + 1;
            loop {
                if j < bytes.len() && (bytes[j] == b' ' || bytes[j] == b'\t' || bytes[j] == b'\r') {
                    j += 1;
                } else if invisible_len(bytes, j) > 0 {
                    j += 3;
                } else {
                    break;
                }
            }
            if j < bytes.len() && bytes[j] == b'\n' {
                push(text, start..i, &mut out);
                start = j + 1;
                i = j + 1;
                continue;
            }
        }
        if matches!(b, b'.' | b'!' | b'?') {
            let mut end = i + 1;
            while end < bytes.len()
                && matches!(bytes[end], b'.' | b'!' | b'?' | b'"' | b'\'' | b')' | b']')
            {
                end += 1;
            }
            // Closing curly quotes (”, ’) are three bytes each.
            while text[end..].starts_with('\u{201d}') || text[end..].starts_with('\u{2019}') {
                end += 3;
            }
            let gap = skip_invisible(bytes, end);
            let next_is_space = gap < bytes.len() && bytes[gap].is_ascii_whitespace();
            if next_is_space
                && b == b'.'
                && is_abbreviation(text, i)
                && !opens_indented_line(bytes, gap)
            {
                i = end;
                continue;
            }
            if next_is_space || gap == bytes.len() {
                let mut k = gap;
                loop {
                    while k < bytes.len() && bytes[k].is_ascii_whitespace() {
                        k += 1;
                    }
                    match invisible_len(bytes, k) {
                        0 => break,
                        n => k += n,
                    }
                }
                let opens = text[k..].chars().next().is_none_or(|c| {
                    c.is_uppercase()
                        || c.is_ascii_digit()
                        || matches!(
                            c,
                            '"' | '\'' | '\u{201c}' | '\u{2018}' | '(' | '[' | '-' | '*'
                        )
                });
                if opens {
                    push(text, start..end, &mut out);
                    start = end;
                }
            }
            i = end;
            continue;
        }
        i += 1;
    }
    push(text, start..bytes.len(), &mut out);
    out
}

/// Whether the white space at byte `at` is a line break and an indent of
/// four spaces or a tab: a new paragraph in wire copy ("with the U.S.\n
/// The surplus ..."), so even an abbreviation before it ends the sentence.
/// A line broken inside a sentence starts at its margin.
fn opens_indented_line(bytes: &[u8], at: usize) -> bool {
    let mut k = at;
    while k < bytes.len() && matches!(bytes[k], b' ' | b'\r') {
        k += 1;
    }
    if bytes.get(k) != Some(&b'\n') {
        return false;
    }
    let indent = bytes[k + 1..].iter().take_while(|&&c| c == b' ').count();
    indent >= 4 || bytes.get(k + 1) == Some(&b'\t')
}

/// The longest of [`ABBREVIATIONS`], in bytes.
const LONGEST_ABBREVIATION: usize = 6;

const _: () = {
    let mut k = 0;
    while k < ABBREVIATIONS.len() {
        assert!(ABBREVIATIONS[k].len() <= LONGEST_ABBREVIATION);
        k += 1;
    }
};

/// [`ABBREVIATIONS`] by first bytes and length.
static ABBREVIATION_WORDS: crate::util::short_words::ShortWords =
    crate::util::short_words::ShortWords::new(&[ABBREVIATIONS]);

/// Whether the word before the `.` at byte `dot` of `text` (back to white
/// space, "(" or a double quote) is an abbreviation or an initial.
fn is_abbreviation(text: &str, dot: usize) -> bool {
    let before = &text[..dot];
    // Only a word of a few bytes can be one: the search for its start
    // stops once the word is longer than any abbreviation.
    let mut word_start = 0;
    for (p, c) in before.char_indices().rev() {
        if c.is_whitespace() || c == '(' || c == '"' {
            word_start = p + c.len_utf8();
            break;
        }
        if dot - p > LONGEST_ABBREVIATION {
            return false;
        }
    }
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    // A single capital is an initial ("George W. Bush").
    if word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase()) {
        return true;
    }
    // The list is lowercase ASCII: this is `to_ascii_lowercase` equality
    // without the copy.
    ABBREVIATION_WORDS.may_hold(word)
        && ABBREVIATIONS
            .iter()
            .any(|a| a.len() == word.len() && a.eq_ignore_ascii_case(word))
}

/// The position after any invisible characters at `i`.
fn skip_invisible(bytes: &[u8], mut i: usize) -> usize {
    loop {
        match invisible_len(bytes, i) {
            0 => return i,
            n => i += n,
        }
    }
}

/// Whether `c` is white space or one of the invisible characters of
/// [`invisible_len`], which a sentence neither starts nor ends with.
fn blank(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
}

fn push(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start_matches(blank).len();
    let trail = s.len() - s.trim_end_matches(blank).len();
    if lead + trail < s.len() {
        out.push(range.start + lead..range.end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(t: &str) -> Vec<&str> {
        split(t).into_iter().map(|r| &t[r]).collect()
    }

    /// `is_abbreviation`, which stops looking for the word's start once
    /// it is longer than any abbreviation and turns most words away by
    /// their first letters and length, is the plain test, at every dot of
    /// random texts of abbreviations, initials, white space and other words.
    #[test]
    fn is_abbreviation_is_its_definition() {
        let plain = |text: &str, dot: usize| {
            let before = &text[..dot];
            let word_start = before
                .char_indices()
                .rev()
                .find(|&(_, c)| c.is_whitespace() || c == '(' || c == '"')
                .map_or(0, |(p, c)| p + c.len_utf8());
            let word = &before[word_start..];
            if word.is_empty() {
                return false;
            }
            if word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase()) {
                return true;
            }
            ABBREVIATIONS
                .iter()
                .any(|a| a.len() == word.len() && a.eq_ignore_ascii_case(word))
        };
        let pieces = [
            "U", "u", ".", "S", " ", "(", "\"", "Mr", "mln", "W", "\u{a0}", "\u{e9}", "approx",
            "x", "\u{2009}", "Jan", "sept", "\u{212a}",
        ];
        for text in crate::testing::random_texts(&pieces, 10, 20_000) {
            for (dot, _) in text.match_indices('.') {
                assert_eq!(
                    is_abbreviation(&text, dot),
                    plain(&text, dot),
                    "{text:?} at {dot}"
                );
            }
        }
    }

    #[test]
    fn splits_on_terminal_punctuation() {
        assert_eq!(
            sentences("The war began in 2011. It killed 470,000 people! Really?"),
            vec![
                "The war began in 2011.",
                "It killed 470,000 people!",
                "Really?"
            ]
        );
    }

    /// A question mark ends a sentence wherever it falls among the other
    /// ends: first, between them, several in a row, last.
    #[test]
    fn question_marks_among_other_ends() {
        assert_eq!(
            sentences("Why? It rose. Did it? Yes! And then?\n\nWho? Which? None."),
            vec![
                "Why?",
                "It rose.",
                "Did it?",
                "Yes!",
                "And then?",
                "Who?",
                "Which?",
                "None."
            ]
        );
        assert_eq!(sentences("Is it 1.5? No"), vec!["Is it 1.5?", "No"]);
    }

    #[test]
    fn keeps_abbreviations_decimals_and_initials() {
        assert_eq!(
            sentences(
                "U.S. President Donald Trump met Mr. Putin. Output rose 1.9 pct in Jan. last year."
            ),
            vec![
                "U.S. President Donald Trump met Mr. Putin.",
                "Output rose 1.9 pct in Jan. last year."
            ]
        );
        assert_eq!(
            sentences("George W. Bush spoke."),
            vec!["George W. Bush spoke."]
        );
    }

    #[test]
    fn quotes_close_sentences_and_paragraphs_split() {
        assert_eq!(
            sentences("\"We agreed,\" he said. \"It's good.\" Then\n\nNew paragraph"),
            vec![
                "\"We agreed,\" he said.",
                "\"It's good.\"",
                "Then",
                "New paragraph"
            ]
        );
    }

    /// An abbreviation at a line's end ends its sentence when the next
    /// line is indented as a new paragraph, not when it starts at the margin.
    #[test]
    fn an_indented_line_after_an_abbreviation_starts_a_sentence() {
        assert_eq!(
            sentences("Most of it was with the U.S.\n    The surplus grew."),
            vec!["Most of it was with the U.S.", "The surplus grew."]
        );
        assert_eq!(
            sentences("Most of it was with the U.S.\n\tThe surplus grew."),
            vec!["Most of it was with the U.S.", "The surplus grew."]
        );
        assert_eq!(
            sentences("The trade deficit with the U.S.\nTreasury officials said it grew."),
            vec!["The trade deficit with the U.S.\nTreasury officials said it grew."]
        );
        assert_eq!(
            sentences("It met Mr. Smith in Acme Inc. Ltd. offices."),
            vec!["It met Mr. Smith in Acme Inc. Ltd. offices."]
        );
    }

    #[test]
    fn multibyte_space_before_an_abbreviation() {
        assert_eq!(
            sentences("It rose at Acme\u{a0}Inc. The end."),
            vec!["It rose at Acme\u{a0}Inc. The end."]
        );
        assert_eq!(
            sentences("Costs\u{2009}rose. Then fell."),
            vec!["Costs\u{2009}rose.", "Then fell."]
        );
    }

    /// Wire units are no abbreviations: "pct." before a capital ends a
    /// sentence ("rose 1.7 pct. The Social Democrats..." named no one).
    #[test]
    fn wire_units_end_sentences() {
        assert_eq!(
            sentences("Inflation was 3.4 pct. The Social Democrats won. Exports were 2 mln dlrs. Imports fell 5 bln."),
            vec![
                "Inflation was 3.4 pct.",
                "The Social Democrats won.",
                "Exports were 2 mln dlrs.",
                "Imports fell 5 bln."
            ]
        );
    }

    #[test]
    fn lowercase_after_period_does_not_split() {
        assert_eq!(
            sentences("It rose 5 pct. to 10 mln."),
            vec!["It rose 5 pct. to 10 mln."]
        );
    }
}
