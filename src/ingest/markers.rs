//! Inline ignore markers in articles: `<!-- claimcheck-ignore: reason -->`.
//!
//! On a line of its own, a marker covers the claims of the sentence that
//! follows it; at the end (or inside) a line of text, it covers the claims
//! on that line. The reason is required: an ignore that does not say why is
//! an input error naming file and line. Markers are blanked out of the text
//! (replaced by spaces, so offsets and lines do not move) so their reasons
//! are never read as claims.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{IngestError, Source};
use crate::model::Finding;

static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--[ \t]*claimcheck-ignore\b([^\n]*?)-->").expect("marker pattern compiles")
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

/// Find, check and blank the markers of an article; return the ranges they
/// cover, or the first malformed marker as an error.
pub fn scan(source: &mut Source) -> Result<Vec<IgnoreRange>, IngestError> {
    let found: Vec<(Range<usize>, String)> = MARKER
        .captures_iter(&source.text)
        .map(|c| {
            let whole = c.get(0).expect("group 0 always matches");
            (whole.range(), c[1].to_string())
        })
        .collect();
    if found.is_empty() {
        return Ok(Vec::new());
    }
    let shift = source.origin.byte.unwrap_or(0);
    let line_of = |local: usize| source.origin.line + source.text[..local].matches('\n').count();
    // Blank first: sentence boundaries are found in the text without markers.
    let mut text = source.text.clone();
    for (r, _) in &found {
        text.replace_range(r.clone(), &" ".repeat(r.len()));
    }
    let sentences = super::sentences::split(&text);
    let mut out = Vec::new();
    for (r, rest) in found {
        let line = line_of(r.start);
        let reason = rest
            .trim()
            .strip_prefix(':')
            .map(str::trim)
            .unwrap_or("")
            .to_string();
        if reason.is_empty() {
            return Err(IngestError::new(
                &source.document,
                Some(line as u64),
                "claimcheck-ignore marker without a reason",
                "say why the claim is not checked: <!-- claimcheck-ignore: figure from the court filing -->",
            ));
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
                return Err(IngestError::new(
                    &source.document,
                    Some(line as u64),
                    "claimcheck-ignore marker with no sentence after it",
                    "put the marker on the line before the sentence it is about, or at the end of its line",
                ));
            };
            let end = sentences
                .iter()
                .find(|s| s.end > next)
                .map_or(text.len(), |s| s.end);
            next..end
        } else {
            line_start..line_end
        };
        out.push(IgnoreRange {
            document: source.document.clone(),
            range: range.start + shift..range.end + shift,
            reason,
            line,
        });
    }
    source.text = text;
    Ok(out)
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
            assert!(out.sources.is_empty());
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
