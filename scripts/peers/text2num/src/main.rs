//! The crate text2num as a whole process, for scripts/bench-peers.sh: read
//! a plain-text file and, for each paragraph (the text between two newlines
//! in a row: one article body of scripts/news-text.py's output, as the
//! other peers' drivers cut it), cut it into words and the runs between
//! them, let text2num find the numbers written in English words
//! (cardinals, ordinals, decimals; `find_numbers`, the search its
//! `replace_numbers_in_text` rewrites with), and write one line per number
//! found to standard output, tab-separated: the byte offset in the file
//! where its first word starts, the words it covers, and the digits
//! text2num makes of them.
//!
//! ```text
//! text2num-peer FILE [THRESHOLD]
//! ```
//!
//! THRESHOLD is text2num's own: a number standing alone below it is left
//! as words. The default, 0, converts every number, as claimcheck reads
//! every figure.
//!
//! The words are cut as text2num's own tokenizer cuts them (a word is a
//! letter or digit followed by letters, digits, hyphens and apostrophes;
//! anything else runs to the next letter or digit), which that crate does
//! not export; this token keeps the word's place in the file, and its
//! lowercase form is a copy only when the word has capitals.

use std::borrow::Cow;
use std::io::{BufWriter, Write};

use text2num::{find_numbers, BasicAnnotate, LangInterpreter, Language, Token};

/// A word or the run of separators after it, with its place in the text.
struct Word<'a> {
    text: &'a str,
    start: usize,
    lower: Cow<'a, str>,
    nan: bool,
}

impl BasicAnnotate for Word<'_> {
    fn text_lowercase(&self) -> &str {
        &self.lower
    }

    fn set_nan(&mut self, val: bool) {
        self.nan = val;
    }
}

impl Token for &Word<'_> {
    fn text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.text)
    }

    fn text_lowercase(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.lower)
    }

    fn nt_separated(&self, _previous: &Self) -> bool {
        false
    }

    fn not_a_number_part(&self) -> bool {
        self.nan
    }
}

/// `text` cut into words and separator runs, in order, covering it all,
/// into `out`; `at` is where `text` starts in the file.
fn words<'a>(text: &'a str, at: usize, out: &mut Vec<Word<'a>>) {
    out.clear();
    let mut chars = text.char_indices().peekable();
    while let Some((start, first)) = chars.next() {
        let in_run = |c: char| {
            if first.is_alphanumeric() {
                c.is_alphanumeric() || c == '-' || c == '\''
            } else {
                !c.is_alphanumeric()
            }
        };
        let mut end = text.len();
        while let Some(&(at, c)) = chars.peek() {
            if !in_run(c) {
                end = at;
                break;
            }
            chars.next();
        }
        let part = &text[start..end];
        let lower = if part.chars().any(char::is_uppercase) {
            Cow::Owned(part.to_lowercase())
        } else {
            Cow::Borrowed(part)
        };
        out.push(Word {
            text: part,
            start: at + start,
            lower,
            nan: false,
        });
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: text2num-peer FILE [THRESHOLD]");
        std::process::exit(2);
    };
    let threshold: f64 = match args.get(1).map(|t| t.parse()) {
        None => 0.0,
        Some(Ok(t)) => t,
        Some(Err(e)) => {
            eprintln!("text2num-peer: bad threshold: {e}");
            std::process::exit(2);
        }
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("text2num-peer: {path}: {e}");
            std::process::exit(2);
        }
    };
    let en = Language::english();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut tokens = Vec::new();
    let mut found = 0usize;
    let mut at = 0;
    for para in text.split("\n\n") {
        if !para.trim().is_empty() {
            words(para, at, &mut tokens);
            en.basic_annotate(&mut tokens);
            for n in find_numbers(tokens.iter(), &en, threshold) {
                let first = &tokens[n.start];
                let last = &tokens[n.end - 1];
                let covered = &text[first.start..last.start + last.text.len()];
                let covered = covered.replace(['\n', '\t'], " ");
                writeln!(out, "{}\t{}\t{}", first.start, covered, n.text).expect("stdout");
                found += 1;
            }
        }
        at += para.len() + 2;
    }
    out.flush().expect("stdout");
    eprintln!("text2num: {found} results");
}
