//! The part of a long sentence a claim carries.
//!
//! Takes a sentence and the byte range of a figure in it; gives the bytes
//! of the sentence the claim keeps. A news sentence is kept whole; a
//! "sentence" of thousands of bytes (a pasted table, a list with no full
//! stop) is cut to a window of [`REACH`] bytes on each side of the figure,
//! at word boundaries, so a report grows with its claims, not with claims
//! times sentence length. Pure.

use std::ops::Range;

/// Sentences up to this many bytes are carried whole.
pub const WHOLE: usize = 1000;

/// Bytes of context kept on each side of a figure in a longer sentence.
pub const REACH: usize = 240;

/// The mark that stands for the text cut away at either end.
pub const CUT: &str = "…";

/// The bytes of `sentence` around `figure` that the words bearing on it
/// are looked for in: all of a sentence carried whole ([`WHOLE`]), else
/// twice [`REACH`] on each side, so that a long run of figures costs time
/// in proportion to their number, not its square. On character
/// boundaries.
pub fn context(sentence: &str, figure: &Range<usize>) -> Range<usize> {
    if sentence.len() <= WHOLE {
        return 0..sentence.len();
    }
    let mut start = figure.start.saturating_sub(2 * REACH);
    while !sentence.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (figure.end + 2 * REACH).min(sentence.len());
    while !sentence.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// The window of `sentence` a claim on `figure` carries, and whether text
/// was cut before it and after it.
pub fn window(sentence: &str, figure: &Range<usize>) -> (Range<usize>, bool, bool) {
    if sentence.len() <= WHOLE {
        return (0..sentence.len(), false, false);
    }
    let mut start = figure.start.saturating_sub(REACH);
    while !sentence.is_char_boundary(start) {
        start -= 1;
    }
    // Start at a word: after the first space in the window, if any before
    // the figure.
    if start > 0 {
        if let Some(space) = sentence[start..figure.start].find(char::is_whitespace) {
            start += space + 1;
            while !sentence.is_char_boundary(start) {
                start += 1;
            }
        }
    }
    // Cutting fewer bytes than the mark takes saves nothing (and the mark
    // must fit before the window: see extract's `sentence_start`).
    if start <= CUT.len() {
        start = 0;
    }
    let mut end = (figure.end + REACH).min(sentence.len());
    while !sentence.is_char_boundary(end) {
        end += 1;
    }
    if end < sentence.len() {
        if let Some(space) = sentence[figure.end..end].rfind(char::is_whitespace) {
            end = figure.end + space;
        }
    }
    (start..end, start > 0, end < sentence.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_news_sentence_is_whole() {
        let s = "Russia had 146 million people in 2017.";
        assert_eq!(window(s, &(11..22)), (0..s.len(), false, false));
    }

    #[test]
    fn a_long_sentence_is_cut_at_words_around_the_figure() {
        let s = format!(
            "{} 146 million {}",
            "wörd ".repeat(500),
            "tail ".repeat(500)
        );
        let at = s.find("146").unwrap();
        let (w, before, after) = window(&s, &(at..at + 11));
        assert!(before && after);
        assert!(w.start <= at && w.end >= at + 11);
        assert!(w.len() <= 2 * REACH + 11, "{}", w.len());
        let kept = &s[w];
        assert!(
            kept.starts_with("wörd") && kept.ends_with("tail"),
            "{kept:?}"
        );
    }

    #[test]
    fn a_cut_shorter_than_its_mark_is_no_cut() {
        // The figure 242 bytes in, no space before it: the window would
        // start 2 bytes in, before room for the mark.
        let s = format!("{}7 million {}", "x".repeat(242), "y ".repeat(600));
        let (w, before, _) = window(&s, &(242..251));
        assert_eq!((w.start, before), (0, false));
    }

    #[test]
    fn a_figure_near_an_end_keeps_that_end() {
        let s = format!("146 million {}", "x ".repeat(1000));
        let (w, before, after) = window(&s, &(0..11));
        assert_eq!(w.start, 0);
        assert!(!before && after);
    }
}
