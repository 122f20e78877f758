//! Inline ignore markers in articles: `<!-- claimcheck-ignore: reason -->`.
//!
//! Takes an article; gives the ranges its markers cover, and the problems
//! with its markers, and leaves the article's text with the markers blanked.
//! On a line of its own, a marker covers the claims of the sentence that
//! follows it; at the end (or inside) a line of text, it covers the claims
//! on that line. The name is matched in any case (`CLAIMCHECK-IGNORE`), and
//! a marker may run over several lines, as an HTML comment does (its reason
//! is read with its white space made single spaces).
//!
//! The reason is required: a marker without one, a marker never closed
//! with `-->` (another `<!--` or the end of the text comes first), and a
//! marker with no sentence after it are input errors naming file and line.
//! Such a marker covers nothing: a marker never takes away a claim outside
//! the text it covers, and a faulty one takes away none; the article is
//! still read and checked. Markers are blanked out of the text (each byte
//! but line breaks made a space, so offsets and lines do not move) so their
//! reasons are never read as claims; an unclosed one is blanked to the end
//! of its line.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{IngestError, Source};
use crate::model::Finding;

static OPENER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)<!--\s*claimcheck-ignore\b").expect("marker pattern compiles")
});

/// The claims an ignore marker covers: those whose span starts in `range`
/// (in the coordinates of [`Finding::span`]) in `document`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IgnoreRange {
    pub document: String,
    pub range: Range<usize>,
    pub reason: String,
    /// The marker's line in its file.
    pub line: usize,
}

/// One marker found in a text: the bytes it takes and what lies between
/// its name and `-->` (none: it is never closed).
struct Marker {
    range: Range<usize>,
    inside: Option<Range<usize>>,
}

/// The markers of `text`, in order.
fn find(text: &str) -> Vec<Marker> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(m) = OPENER.find_at(text, from) {
        let rest = &text[m.end()..];
        let close = rest.find("-->");
        let reopen = rest.find("<!--");
        let marker = match close {
            Some(c) if reopen.is_none_or(|o| o > c) => Marker {
                range: m.start()..m.end() + c + 3,
                inside: Some(m.end()..m.end() + c),
            },
            _ => Marker {
                range: m.start()..rest.find('\n').map_or(text.len(), |n| m.end() + n),
                inside: None,
            },
        };
        from = marker.range.end.max(m.end());
        out.push(marker);
    }
    out
}

/// Find, check and blank the markers of an article; give the ranges they
/// cover and the problems with them (a faulty marker covers nothing).
pub fn scan(source: &mut Source) -> (Vec<IgnoreRange>, Vec<IngestError>) {
    let found = find(&source.text);
    if found.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let shift = source.origin.byte.unwrap_or(0);
    // Blank first: sentence boundaries are found in the text without markers.
    let original = std::mem::take(&mut source.text);
    let mut bytes = original.clone().into_bytes();
    for m in &found {
        for b in &mut bytes[m.range.clone()] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    }
    source.text = String::from_utf8(bytes).expect("whole characters were made spaces");
    let text = source.text.as_str();
    let line_of = |local: usize| source.origin.line + original[..local].matches('\n').count();
    let problem = |at: usize, message: &str, hint: &str| {
        IngestError::new(&source.document, Some(line_of(at) as u64), message, hint)
    };
    let sentences = super::sentences::split(text);
    let mut ranges = Vec::new();
    let mut problems = Vec::new();
    for m in found {
        let r = m.range;
        let Some(inside) = m.inside else {
            problems.push(problem(
                r.start,
                "claimcheck-ignore marker is never closed with -->; it ignores nothing",
                "close the marker on its own: <!-- claimcheck-ignore: reason -->",
            ));
            continue;
        };
        let said = original[inside].trim();
        let reason = said
            .strip_prefix(':')
            .map(|r| r.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default();
        if reason.is_empty() {
            problems.push(problem(
                r.start,
                "claimcheck-ignore marker without a reason; it ignores nothing",
                "say why the claim is not checked: <!-- claimcheck-ignore: figure from the court filing -->",
            ));
            continue;
        }
        let line_start = text[..r.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[r.end..].find('\n').map_or(text.len(), |i| r.end + i);
        let own_line =
            text[line_start..r.start].trim().is_empty() && text[r.end..line_end].trim().is_empty();
        let range = if own_line {
            let Some(next) = text[r.end..]
                .find(|c: char| !c.is_whitespace())
                .map(|i| r.end + i)
            else {
                problems.push(problem(
                    r.start,
                    "claimcheck-ignore marker with no sentence after it; it ignores nothing",
                    "put the marker on the line before the sentence it is about, or at the end of its line",
                ));
                continue;
            };
            let end = sentences
                .iter()
                .find(|s| s.end > next)
                .map_or(text.len(), |s| s.end);
            next..end
        } else {
            line_start..line_end
        };
        ranges.push(IgnoreRange {
            document: source.document.clone(),
            range: range.start + shift..range.end + shift,
            reason,
            line: line_of(r.start),
        });
    }
    (ranges, problems)
}

/// Mark every finding that a marker covers as ignored, with its reason.
/// A finding already ignored (a claim file's `ignore` column, front matter)
/// keeps its reason.
pub fn apply(ignores: &[IgnoreRange], findings: &mut [Finding]) {
    if ignores.is_empty() {
        return;
    }
    for f in findings.iter_mut().filter(|f| f.ignored.is_none()) {
        if let Some(i) = ignores
            .iter()
            .find(|i| *i.document == *f.document && i.range.contains(&f.span.start))
        {
            f.ignored = Some(i.reason.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{read_bytes, Format, Ingested};

    fn read(text: &str) -> Ingested {
        let mut out = Ingested::default();
        read_bytes("a.md", Format::Markdown, text.as_bytes().to_vec(), &mut out);
        out
    }

    #[test]
    fn marker_on_its_own_line_covers_the_next_sentence() {
        let md = "---\ndate: 2018-03-20\n---\nFirst has 3 million. Second has 4 million.\n<!-- claimcheck-ignore: from the 2019 court filing -->\nThird has 5 million. Fourth has 6 million.\n";
        let out = read(md);
        assert!(out.errors.is_empty(), "{:?}", out.errors);
        let ig = &out.ignores;
        assert_eq!(ig.len(), 1);
        assert_eq!(ig[0].reason, "from the 2019 court filing");
        assert_eq!(ig[0].line, 5);
        assert_eq!(&md[ig[0].range.clone()], "Third has 5 million.");
        assert!(
            !out.sources[0].text.contains("2019"),
            "the marker is blanked"
        );
        assert_eq!(
            out.sources[0].text.len(),
            md.len() - md.find("First").unwrap()
        );
    }

    #[test]
    fn marker_at_the_end_of_a_line_covers_that_line() {
        let md = "One has 3 million.\nTwo has 4 million. Three has 5. <!-- claimcheck-ignore:  disputed -->\nFour.\n";
        let out = read(md);
        let ig = &out.ignores;
        assert_eq!(ig[0].reason, "disputed");
        assert_eq!(ig[0].line, 2);
        let covered = &md[ig[0].range.clone()];
        assert!(
            covered.starts_with("Two has") && !covered.contains("Four"),
            "{covered}"
        );
    }

    #[test]
    fn marker_without_reason_is_an_error_with_line() {
        for bad in [
            "Text.\n\n<!-- claimcheck-ignore -->\nMore 3 million.\n",
            "Text.\n\n<!-- claimcheck-ignore: -->\nMore 3 million.\n",
            "Text.\n\n<!--claimcheck-ignore:   -->\nMore 3 million.\n",
        ] {
            let out = read(bad);
            assert_eq!(out.errors.len(), 1, "{bad}");
            assert_eq!(out.errors[0].line, Some(3));
            assert!(out.errors[0].message.contains("without a reason"));
            assert_eq!(out.sources.len(), 1, "the article is still read");
            assert!(
                out.ignores.is_empty(),
                "a marker without a reason covers nothing"
            );
        }
        let out = read("Text 3 million.\n<!-- claimcheck-ignore: why -->\n");
        assert!(out.errors[0].message.contains("no sentence after it"));
    }

    #[test]
    fn apply_sets_the_reason_once() {
        let r = crate::report::fixture::report();
        let mut claims = r.claims.clone();
        let f = &claims[0];
        let ig = vec![IgnoreRange {
            document: f.document.to_string(),
            range: f.span.start..f.span.end,
            reason: "r".into(),
            line: 1,
        }];
        apply(&ig, &mut claims);
        assert_eq!(claims[0].ignored.as_deref(), Some("r"));
        assert_eq!(claims[1].ignored, None);
    }
}
