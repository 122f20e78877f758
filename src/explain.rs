//! explain: what each verdict and each reason code of a report means and
//! what an editor can do about it. The texts are data, in one place
//! (`explain.toml`, embedded); `claimcheck explain CODE` prints one entry
//! ([`text`]) and docs/reasons.md is [`markdown`] of all of them, so the two
//! cannot drift (a test compares the file with it). Each entry's heading
//! in the Markdown is its code alone, so its anchor is the code
//! (`docs/reasons.md#unit_mismatch`), for reports that link to an entry
//! ([`anchor`]).
//!
//! Pure: no I/O beyond parsing the embedded file once.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::model::{Reason, Verdict};

/// The embedded texts.
const SOURCE: &str = include_str!("explain.toml");

/// Where the Markdown of every entry lives in the repository.
pub const DOC_PATH: &str = "docs/reasons.md";

/// What an entry explains.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Verdict,
    Reason,
}

/// One verdict or reason code, explained.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// As in the JSON report (`supported`, `unit_mismatch`).
    pub code: String,
    /// One line.
    pub summary: String,
    /// What claimcheck saw.
    pub meaning: String,
    /// What an editor can do.
    pub action: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    verdict: Vec<Entry>,
    reason: Vec<Entry>,
}

/// Every entry: the verdicts, then the reasons, in the file's order.
fn all() -> &'static (Vec<Entry>, Vec<Entry>) {
    static ENTRIES: OnceLock<(Vec<Entry>, Vec<Entry>)> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        // The file is part of the binary, and a test reads it: a mistake in
        // it fails the tests, not a user's run.
        let file: File = toml::from_str(SOURCE).expect("src/explain.toml is valid");
        let trim = |mut e: Entry| {
            e.meaning = e.meaning.trim().to_string();
            e.action = e.action.trim().to_string();
            e
        };
        (
            file.verdict.into_iter().map(trim).collect(),
            file.reason.into_iter().map(trim).collect(),
        )
    })
}

/// The verdicts' entries, in order.
pub fn verdicts() -> &'static [Entry] {
    &all().0
}

/// The reason codes' entries, in order.
pub fn reasons() -> &'static [Entry] {
    &all().1
}

/// The entry for a code (a verdict or a reason), as written in a report;
/// case and `-` for `_` do not matter.
pub fn lookup(code: &str) -> Option<(Kind, &'static Entry)> {
    let code = code.trim().to_ascii_lowercase().replace('-', "_");
    let find = |list: &'static [Entry]| list.iter().find(|e| e.code == code);
    find(verdicts())
        .map(|e| (Kind::Verdict, e))
        .or_else(|| find(reasons()).map(|e| (Kind::Reason, e)))
}

/// The entry for a reason code.
pub fn reason(r: Reason) -> Option<&'static Entry> {
    reasons().iter().find(|e| e.code == r.as_str())
}

/// The entry for a verdict.
pub fn verdict(v: Verdict) -> Option<&'static Entry> {
    verdicts().iter().find(|e| e.code == v.as_str())
}

/// The anchor of a code in docs/reasons.md: the code itself.
pub fn anchor(code: &str) -> String {
    format!("{DOC_PATH}#{code}")
}

/// Every code, verdicts first.
pub fn codes() -> Vec<&'static str> {
    verdicts()
        .iter()
        .chain(reasons())
        .map(|e| e.code.as_str())
        .collect()
}

/// The known code nearest to a misspelt one, if one is near.
pub fn nearest(code: &str) -> Option<&'static str> {
    let code = code.trim().to_ascii_lowercase();
    codes()
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&code, c), c))
        .filter(|&(d, c)| d <= 3.max(c.len() / 4))
        .min()
        .map(|(_, c)| c)
}

/// One entry for a terminal: the code and summary, then what it means and
/// what to do, wrapped at 80 columns.
pub fn text(kind: Kind, e: &Entry) -> String {
    let what = match kind {
        Kind::Verdict => "verdict",
        Kind::Reason => "reason code (unverifiable)",
    };
    format!(
        "{} — {what}\n{}\n\n{}\n\nWhat to do:\n{}\n",
        e.code,
        wrap(&e.summary),
        wrap(&e.meaning),
        wrap(&e.action)
    )
}

/// Every code with its summary, one a line, for `claimcheck explain` alone.
pub fn list() -> String {
    let width = codes().iter().map(|c| c.len()).max().unwrap_or(0);
    let mut out = String::from("Verdicts:\n");
    for e in verdicts() {
        out.push_str(&format!("  {:width$}  {}\n", e.code, e.summary));
    }
    out.push_str("\nReason codes (why a claim is unverifiable):\n");
    for e in reasons() {
        out.push_str(&format!("  {:width$}  {}\n", e.code, e.summary));
    }
    out.push_str("\n`claimcheck explain CODE` explains one.\n");
    out
}

/// docs/reasons.md: every entry, each under a heading whose anchor is its
/// code.
pub fn markdown() -> String {
    let mut out = String::from(
        "# Verdicts and reason codes\n\n\
         <!-- Generated from src/explain.toml by `claimcheck explain --markdown`; edit that file, not this one. -->\n\n\
         Every claim in a claimcheck report has a verdict; an unverifiable one also has a\n\
         reason code (`reason` in the JSON report), which says why it could not be checked.\n\
         `claimcheck explain CODE` prints the same text in a terminal.\n\n",
    );
    let section = |out: &mut String, title: &str, list: &[Entry]| {
        out.push_str(&format!("## {title}\n\n"));
        for e in list {
            out.push_str(&format!("- [`{0}`](#{0}): {1}\n", e.code, e.summary));
        }
        out.push('\n');
        for e in list {
            out.push_str(&format!(
                "### {0}\n\n{1}\n\n{2}\n\n**What to do.** {3}\n\n",
                e.code,
                e.summary,
                unwrap(&e.meaning),
                unwrap(&e.action)
            ));
        }
    };
    section(&mut out, "Verdicts", verdicts());
    section(&mut out, "Reason codes", reasons());
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// Paragraphs joined into one line each (the TOML keeps them wrapped).
fn unwrap(s: &str) -> String {
    s.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Each paragraph wrapped at 78 columns.
fn wrap(s: &str) -> String {
    unwrap(s)
        .split("\n\n")
        .map(|p| {
            let mut lines = Vec::new();
            let mut line = String::new();
            for word in p.split(' ') {
                if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > 78 {
                    lines.push(std::mem::take(&mut line));
                }
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
            }
            lines.push(line);
            lines.join("\n")
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_and_verdict_is_explained_once() {
        for r in Reason::ALL {
            assert!(reason(r).is_some(), "{} has no entry", r.as_str());
            assert_eq!(lookup(r.as_str()).unwrap().0, Kind::Reason);
        }
        for v in [
            Verdict::Supported,
            Verdict::Contradicted,
            Verdict::Unverifiable,
        ] {
            assert!(verdict(v).is_some(), "{v} has no entry");
        }
        assert_eq!(
            reasons().len(),
            Reason::ALL.len(),
            "an entry for an unknown reason"
        );
        assert_eq!(verdicts().len(), 3, "an entry for an unknown verdict");
        let mut codes = codes();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), Reason::ALL.len() + 3, "a code twice");
        for e in verdicts().iter().chain(reasons()) {
            assert!(!e.summary.is_empty() && !e.meaning.is_empty() && !e.action.is_empty());
        }
    }

    #[test]
    fn lookup_forgives_case_and_dashes_and_suggests() {
        assert_eq!(lookup("Unit-Mismatch").unwrap().1.code, "unit_mismatch");
        assert!(lookup("unit").is_none());
        assert_eq!(nearest("unit_mismach"), Some("unit_mismatch"));
        assert_eq!(nearest("nometric"), Some("no_metric"));
        assert_eq!(nearest("zzzzzzzzzzzzzzzzzzzzzz"), None);
    }

    #[test]
    fn text_wraps_and_markdown_anchors() {
        let (kind, e) = lookup("forecast").unwrap();
        let t = text(kind, e);
        assert!(t.starts_with("forecast — reason code"));
        assert!(t.lines().all(|l| l.chars().count() <= 80), "{t}");
        let md = markdown();
        for c in codes() {
            // The heading is the code alone, so its anchor is `#code`.
            assert!(md.contains(&format!("\n### {c}\n")), "{c}");
        }
        assert_eq!(anchor("no_metric"), "docs/reasons.md#no_metric");
    }
}
