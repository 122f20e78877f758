//! Tokens for the quantity grammar: words, numbers and single symbols, each
//! with its byte range, plus a lowercase copy of the text so the grammar can
//! compare words without allocating.

use std::borrow::Cow;

/// A text and its ASCII-lowercased copy (the same byte offsets), made once
/// per sentence and read by every stage that compares its words.
#[derive(Clone, Debug)]
pub struct Lowered<'a> {
    text: &'a str,
    lower: Cow<'a, str>,
}

impl<'a> Lowered<'a> {
    pub fn new(text: &'a str) -> Lowered<'a> {
        Lowered {
            text,
            lower: Cow::Owned(text.to_ascii_lowercase()),
        }
    }

    /// A part of a text whose lowercased copy was made once for the whole
    /// (`lower` is that copy's same part): no copy per sentence.
    pub fn within(text: &'a str, lower: &'a str) -> Lowered<'a> {
        debug_assert_eq!(text.len(), lower.len());
        Lowered {
            text,
            lower: Cow::Borrowed(lower),
        }
    }

    /// The text as written.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The text with ASCII letters lowercased.
    pub fn lower(&self) -> &str {
        &self.lower
    }
}

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tk {
    /// Letters, possibly followed by digits ("year", "G20", "v2").
    Word,
    /// Digits with thousands separators and a decimal part ("1,880,000", ".05").
    Num,
    /// A digit string that is not a number we read ("2.3.1", a 40-digit run).
    Junk,
    /// Any other single character ("-", "%", "$", ",").
    Sym,
}

/// A token: its kind and byte range. Only whitespace stands between two
/// tokens, so whether space or a newline comes before a token is read from
/// the gap after the previous one ([`Toks::space_before`],
/// [`Toks::line_start`]).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Token {
    pub kind: Tk,
    pub start: usize,
    pub end: usize,
}

/// A tokenized text.
pub(crate) struct Toks<'a> {
    pub text: &'a str,
    pub lower: Cow<'a, str>,
    pub v: Vec<Token>,
}

impl<'a> Toks<'a> {
    pub fn new(text: &'a str) -> Toks<'a> {
        Toks {
            text,
            lower: Cow::Owned(text.to_ascii_lowercase()),
            v: lex(text),
        }
    }

    /// The tokens of a text whose lowercase copy is already made (a
    /// sentence of a document), in this thread's spare token list.
    pub fn of_lowered(lowered: &'a Lowered<'a>) -> Toks<'a> {
        Toks {
            text: lowered.text,
            lower: Cow::Borrowed(&lowered.lower),
            v: lex_into(SPARE.take(), lowered.text),
        }
    }

    pub fn len(&self) -> usize {
        self.v.len()
    }

    /// Lowercase text of token `i` ("" past the end).
    pub fn lw(&self, i: usize) -> &str {
        match self.v.get(i) {
            Some(t) => &self.lower[t.start..t.end],
            None => "",
        }
    }

    /// Lowercase bytes of token `i` (none past the end): [`Toks::lw`]
    /// without its character-boundary checks, for hot comparisons.
    pub fn lw_bytes(&self, i: usize) -> &[u8] {
        match self.v.get(i) {
            Some(t) => self
                .lower
                .as_bytes()
                .get(t.start..t.end)
                .unwrap_or_default(),
            None => &[],
        }
    }

    /// Original text of token `i` ("" past the end).
    pub fn raw(&self, i: usize) -> &str {
        match self.v.get(i) {
            Some(t) => &self.text[t.start..t.end],
            None => "",
        }
    }

    pub fn kind(&self, i: usize) -> Option<Tk> {
        self.v.get(i).map(|t| t.kind)
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.kind(i) == Some(Tk::Word)
    }

    /// Token `i` is the word `w` (lowercase).
    pub fn is(&self, i: usize, w: &str) -> bool {
        i < self.v.len() && self.lw(i) == w
    }

    /// Token `i` follows token `i-1` with no space between.
    pub fn glued(&self, i: usize) -> bool {
        i > 0 && i < self.v.len() && self.v[i].start == self.v[i - 1].end
    }

    /// Whitespace, or the start of the text, comes right before token `i`
    /// (false past the last token, as [`Toks::glued`] is).
    pub fn space_before(&self, i: usize) -> bool {
        i == 0 || (i < self.v.len() && self.v[i].start != self.v[i - 1].end)
    }

    /// Only whitespace comes between the previous newline, or the start of
    /// the text, and token `i` (false past the last token).
    pub fn line_start(&self, i: usize) -> bool {
        match i.checked_sub(1) {
            None => true,
            Some(_) if i >= self.v.len() => false,
            Some(p) => self.text.as_bytes()[self.v[p].end..self.v[i].start].contains(&b'\n'),
        }
    }

    /// Token `i` starts with an uppercase letter.
    pub fn capitalized(&self, i: usize) -> bool {
        self.raw(i).chars().next().is_some_and(|c| c.is_uppercase())
    }

    /// Token `i` opens a sentence: nothing, or sentence punctuation, before it.
    pub fn sentence_start(&self, i: usize) -> bool {
        if i == 0 {
            return true;
        }
        let mut j = i - 1;
        loop {
            match self.raw(j) {
                "\"" | "'" | "(" | "\u{201c}" | "\u{2018}" | "[" => {}
                "." | "!" | "?" | ":" | ";" | "-" | "\u{2014}" => return true,
                _ => return self.line_start(i),
            }
            if j == 0 {
                return true;
            }
            j -= 1;
        }
    }
}

impl Drop for Toks<'_> {
    /// Give the token list back for the thread's next sentence.
    fn drop(&mut self) {
        if self.v.capacity() <= KEPT_TOKENS {
            SPARE.set(std::mem::take(&mut self.v));
        }
    }
}

fn lex(text: &str) -> Vec<Token> {
    lex_into(Vec::new(), text)
}

thread_local! {
    /// The token lists the sentences of this thread lexed into: each
    /// sentence takes the last one back (a list made and freed a sentence
    /// was one of extraction's larger allocations), and a list no longer
    /// than [`KEPT_TOKENS`] is given back when its sentence is done.
    static SPARE: std::cell::Cell<Vec<Token>> = const { std::cell::Cell::new(Vec::new()) };
}

/// The longest token list kept for the next sentence.
const KEPT_TOKENS: usize = 1 << 14;

/// The tokens of `text`, in `out` (emptied first).
fn lex_into(mut out: Vec<Token>, text: &str) -> Vec<Token> {
    let b = text.as_bytes();
    // Room for a token every third byte: few sentences need more. Capped,
    // so a text with no sentence breaks (a table) does not reserve eight
    // bytes per byte up front.
    out.clear();
    out.reserve((text.len() / 3 + 1).min(4096));
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let class = LEAD_CLASS[usize::from(c)];
        if class == LEAD_SPACE {
            i += 1;
            continue;
        }
        if c >= 0x80 {
            let skip = invisible_len(b, i);
            if skip > 0 {
                i += skip;
                continue;
            }
        }
        let start = i;
        let kind;
        // A letter opens most tokens: asked first (no number starts with one).
        if class == LEAD_LETTER || (c >= 0x80 && starts_alpha(text, i)) {
            i = word_end(text, i);
            kind = Tk::Word;
        } else if c.is_ascii_digit()
            || (c == b'.'
                && b.get(i + 1).is_some_and(|d| d.is_ascii_digit())
                && (i == 0 || !b[i - 1].is_ascii_alphanumeric()))
        {
            kind = lex_number(b, &mut i);
        } else {
            i += if c < 0x80 { 1 } else { utf8_len(c) };
            kind = Tk::Sym;
        }
        let i_end = i.min(b.len());
        out.push(Token {
            kind,
            start,
            end: i_end,
        });
        i = i_end;
    }
    out
}

/// [`LEAD_CLASS`] of ASCII whitespace, which stands between tokens.
const LEAD_SPACE: u8 = 0;
/// [`LEAD_CLASS`] of an ASCII letter, which opens a word.
const LEAD_LETTER: u8 = 1;
/// [`LEAD_CLASS`] of any other byte.
const LEAD_OTHER: u8 = 2;

/// `LEAD_CLASS[c]`: what the byte `c` is where a token may start
/// (`u8::is_ascii_whitespace`, `u8::is_ascii_alphabetic` or neither), read
/// with one load for every token and every space between them.
static LEAD_CLASS: [u8; 256] = {
    let mut table = [LEAD_OTHER; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        if b.is_ascii_whitespace() {
            table[c] = LEAD_SPACE;
        } else if b.is_ascii_alphabetic() {
            table[c] = LEAD_LETTER;
        }
        c += 1;
    }
    table
};

/// Takes the text and the start of a word; gives its end: the end of its
/// run of ASCII letters and digits and non-ASCII letters.
fn word_end(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    loop {
        i = ascii_word_end(b, i);
        match b.get(i) {
            Some(&c) if c >= 0x80 && starts_alpha(text, i) => i += utf8_len(c),
            _ => return i,
        }
    }
}

/// `WORD_BYTE[c]`: the byte `c` is an ASCII letter or digit, which
/// continues a word. The tokenizer and `extract::subjects::words` read
/// every byte of every word through it: fewer instructions than
/// `u8::is_ascii_alphanumeric` in both loops (callgrind, session 5).
pub(crate) static WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut c = 0;
    while c < 256 {
        table[c] = (c as u8).is_ascii_alphanumeric();
        c += 1;
    }
    table
};

/// Takes the bytes and a position in them; gives the end of the run of
/// ASCII letters and digits that starts there.
fn ascii_word_end(b: &[u8], i: usize) -> usize {
    let run = b[i..].iter().position(|&c| !WORD_BYTE[usize::from(c)]);
    i + run.unwrap_or(b.len() - i)
}

fn utf8_len(lead: u8) -> usize {
    match lead {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

fn starts_alpha(text: &str, i: usize) -> bool {
    text.get(i..)
        .and_then(|s| s.chars().next())
        .is_some_and(|c| c.is_alphabetic())
}

/// The thin and no-break spaces that group digits ("146\u{202f}000\u{202f}000"):
/// U+00A0, U+2009 and U+202F, in UTF-8.
const GROUP_SPACES: [&[u8]; 3] = [b"\xc2\xa0", b"\xe2\x80\x89", b"\xe2\x80\xaf"];

/// Invisible characters that stand between words without a space: the
/// zero-width space (U+200B), non-joiner and joiner (U+200C, U+200D), the
/// word joiner (U+2060) and a byte-order mark inside a text (U+FEFF). The
/// tokenizer passes over them as it does white space.
pub(crate) fn invisible_len(b: &[u8], i: usize) -> usize {
    match b.get(i..i + 3) {
        Some([0xe2, 0x80, 0x8b..=0x8d] | [0xe2, 0x81, 0xa0] | [0xef, 0xbb, 0xbf]) => 3,
        _ => 0,
    }
}

/// Digits, `,ddd` groups (or groups after one kind of thin or no-break
/// space, used throughout the number), one `.ddd` part and an exponent
/// (`1.8e7`). A second decimal part makes the whole run junk (a version
/// number or a dotted code), and so does a figure of more than 30 digits,
/// written out or by its exponent (`1e309`, which no double holds).
fn lex_number(b: &[u8], i: &mut usize) -> Tk {
    let start = *i;
    let digits = |i: &mut usize| {
        let s = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - s
    };
    let mut n = digits(i);
    let mut grouped = false;
    // Thousands groups: exactly three digits after each comma.
    while *i + 3 < b.len() + 1
        && b.get(*i) == Some(&b',')
        && b.get(*i + 1..*i + 4)
            .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
        && !b.get(*i + 4).is_some_and(u8::is_ascii_digit)
        && n > 0
        && (grouped || n <= 3)
    {
        *i += 4;
        n += 3;
        grouped = true;
    }
    // Or thin-space groups: the same space before every group of three.
    if !grouped && n > 0 && n <= 3 {
        if let Some(space) = GROUP_SPACES.iter().find(|s| b[*i..].starts_with(s)) {
            let group = |at: usize| {
                b.get(at..at + 3)
                    .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
                    && !b.get(at + 3).is_some_and(u8::is_ascii_digit)
            };
            while b[*i..].starts_with(space) && group(*i + space.len()) {
                *i += space.len() + 3;
                n += 3;
                grouped = true;
            }
        }
    }
    let mut dots = 0;
    let int_digits = n;
    while b.get(*i) == Some(&b'.') && b.get(*i + 1).is_some_and(u8::is_ascii_digit) {
        *i += 1;
        n += digits(i);
        dots += 1;
    }
    // An exponent, on a plain figure that does not continue a word or a
    // code ("1.8e7", not "RB211-535E4").
    let mut exponent = 0i64;
    // A minus sign before it counts as free when nothing but space or a
    // sign comes before the minus ("-3.4e12", "<-1e3").
    let signed = start >= 1
        && b[start - 1] == b'-'
        && (start == 1 || !(b[start - 2].is_ascii_alphanumeric() || b[start - 2] == b'-'));
    let free = start == 0
        || signed
        || (!matches!(b[start - 1], b'-' | b'/' | b'_' | b'.')
            && !b[start - 1].is_ascii_alphanumeric());
    if free && !grouped && dots <= 1 && matches!(b.get(*i), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(b.get(*i + 1), Some(b'+' | b'-')));
        let from = *i + 1 + sign;
        let mut end = from;
        while end < b.len() && b[end].is_ascii_digit() {
            end += 1;
        }
        let ends_word = !b
            .get(end)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_');
        if end > from && ends_word {
            let value: i64 = std::str::from_utf8(&b[from..end])
                .ok()
                .and_then(|d| d.parse().ok())
                .unwrap_or(i64::MAX);
            exponent = if b[*i + 1] == b'-' { -value } else { value };
            *i = end;
        }
    }
    let magnitude = (int_digits as i64).saturating_add(exponent);
    if dots > 1 || n > 30 || magnitude > 30 || exponent < -30 {
        // Swallow a trailing dotted run too ("2.3.1.4").
        Tk::Junk
    } else {
        Tk::Num
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sentence lexed into the thread's spare list, after a longer one,
    /// has its own tokens and no others.
    #[test]
    fn a_spare_token_list_holds_only_its_sentence() {
        let spans = |t: &Toks| t.v.iter().map(|k| (k.start, k.end)).collect::<Vec<_>>();
        let long = Lowered::new("In 1986 output rose 3.5 pct to 1,200 tonnes, officials said.");
        let short = Lowered::new("Exports fell 2 pct.");
        let after_long = {
            drop(Toks::of_lowered(&long));
            spans(&Toks::of_lowered(&short))
        };
        assert_eq!(after_long, spans(&Toks::new(short.text())));
        assert_eq!(after_long.len(), 5);
    }

    #[test]
    fn tokens() {
        let cases: &[(&str, &[&str])] = &[
            ("1,880,000 people", &["1,880,000", "people"]),
            ("$2.5bn", &["$", "2.5", "bn"]),
            ("G20 and COVID-19", &["G20", "and", "COVID", "-", "19"]),
            ("v2.3.1", &["v2", ".", "3.1"]),
            ("93%.", &["93", "%", "."]),
            ("1,2345", &["1", ",", "2345"]),
            ("last year's", &["last", "year", "'", "s"]),
            ("£5m, €3", &["£", "5", "m", ",", "€", "3"]),
            (
                "Zürich's café2 naïve",
                &["Zürich", "'", "s", "café2", "naïve"],
            ),
            ("Ölpreis", &["Ölpreis"]),
            ("1.8e7 people", &["1.8e7", "people"]),
            ("1.46E+8, 5e-3", &["1.46E+8", ",", "5e-3"]),
            ("RB211-535E4 2e5x", &["RB211", "-", "535", "E4", "2", "e5x"]),
            (
                "-3.4e12 <-1e3 a-2e5",
                &["-", "3.4e12", "<", "-", "1e3", "a", "-", "2", "e5"],
            ),
            (
                "146\u{202f}000\u{202f}000 x",
                &["146\u{202f}000\u{202f}000", "x"],
            ),
            ("1\u{a0}000\u{2009}000", &["1\u{a0}000", "\u{2009}", "000"]),
            ("a\u{200b}b \u{feff}7", &["a", "b", "7"]),
        ];
        for (text, want) in cases {
            let t = Toks::new(text);
            let got: Vec<&str> = (0..t.len()).map(|i| t.raw(i)).collect();
            assert_eq!(&got, want, "{text}");
        }
    }

    /// Space and line starts read from the gaps between tokens are the
    /// ones read from the bytes before each token, on random texts.
    #[test]
    fn gaps_are_the_bytes_before() {
        let pieces = [
            "a",
            "Zq",
            "7",
            "1,000",
            "2.5",
            ".",
            "-",
            "$",
            "\u{e9}t\u{e9}",
            "\u{20ac}",
            " ",
            "  ",
            "\n",
            "\t",
            "\r\n",
            " \n ",
        ];
        for text in crate::testing::random_texts(&pieces, 10, 20_000) {
            let t = Toks::new(&text);
            let b = text.as_bytes();
            for i in 0..t.len() {
                let start = t.v[i].start;
                let space = start == 0 || b[start - 1].is_ascii_whitespace();
                let blank = b[..start]
                    .iter()
                    .rev()
                    .take_while(|c| c.is_ascii_whitespace());
                let line = {
                    let run: Vec<u8> = blank.copied().collect();
                    run.contains(&b'\n') || run.len() == start
                };
                assert_eq!(t.space_before(i), space, "{text:?} token {i}");
                assert_eq!(t.glued(i), i > 0 && !space, "{text:?} token {i}");
                assert_eq!(t.line_start(i), line, "{text:?} token {i}");
            }
        }
    }

    /// The lead-byte table is the two tests it replaces, for every byte.
    #[test]
    fn lead_class_is_its_definition() {
        for c in 0..=255u8 {
            let class = LEAD_CLASS[usize::from(c)];
            assert_eq!(class == LEAD_SPACE, c.is_ascii_whitespace(), "{c}");
            assert_eq!(class == LEAD_LETTER, c.is_ascii_alphabetic(), "{c}");
        }
    }

    #[test]
    fn junk_numbers() {
        let t = Toks::new("1.2.3 4.5");
        assert_eq!(t.kind(0), Some(Tk::Junk));
        assert_eq!(t.kind(1), Some(Tk::Num));
        // Past 30 digits, written out or by an exponent: junk, never the mantissa.
        let t = Toks::new("1e29 1e30 1e309 1.5e-31");
        let kinds: Vec<_> = (0..t.len()).map(|i| t.kind(i)).collect();
        assert_eq!(
            kinds,
            [
                Some(Tk::Num),
                Some(Tk::Junk),
                Some(Tk::Junk),
                Some(Tk::Junk)
            ]
        );
    }
}
