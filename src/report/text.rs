//! `--format text`: the report for a person at a terminal. Per claim: a
//! `document:line:column` header with the verdict and confidence, the
//! sentence with the claim underlined, the explanation and the evidence
//! rows; then one summary line.
//!
//! Text from articles and reference files is shown with control characters
//! (escape sequences, newlines, bidi overrides) replaced by spaces, so input
//! can neither restyle the terminal nor break the underline's alignment.
//! Colour only when [`RenderOptions::color`] says so. With a
//! [`RenderOptions::width`], a sentence wider than the row is shown as the
//! part around its claim, cut with `…` (at a word where one is near), so
//! the terminal never wraps it and the underline stays under the claim; a
//! sentence that fits is shown whole, as without a width.

use std::fmt::Write as _;
use std::io::Write;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::model::{Evidence, Finding, Report, Verdict};
use crate::util::numfmt::grouped;

use super::{
    catalog_line, confidence, coverage_line, exempt_line, sentence_parts, stream, summary_line,
    verdict_upper, RenderOptions, WriteError,
};

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";

fn verdict_color(v: Verdict) -> &'static str {
    match v {
        Verdict::Supported => "\x1b[32m",
        Verdict::Contradicted => "\x1b[31m",
        Verdict::Unverifiable => "\x1b[33m",
    }
}

/// Wraps text in an ANSI style when colour is on.
struct Paint {
    on: bool,
}

impl Paint {
    fn style(&self, style: &str, text: &str) -> String {
        if self.on {
            format!("{style}{text}{RESET}")
        } else {
            text.to_string()
        }
    }
}

/// The text with every character that a terminal would act on, rather than
/// show, replaced by a space.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
            {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Write every claim, the claims rendered in parallel (see [`stream`]),
/// then the summary lines.
pub(super) fn write(
    report: &Report,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> Result<(), WriteError> {
    let paint = Paint { on: options.color };
    // The sentence row is indented by two columns.
    let room = options.width.map(|w| w.max(MIN_WIDTH) - INDENT);
    stream::claims(&report.claims, out, |_, claims| {
        let mut text = String::with_capacity(claims.len() * 640);
        for f in claims {
            finding(&mut text, f, &paint, room);
            text.push('\n');
        }
        Ok(text.into_bytes())
    })?;
    let mut tail = String::new();
    let _ = writeln!(tail, "{}", paint.style(BOLD, &summary_line(report)));
    let _ = writeln!(tail, "{}", coverage_line(report));
    if let Some(line) = exempt_line(report) {
        let _ = writeln!(tail, "{line}");
    }
    let _ = writeln!(tail, "{}", catalog_line(report));
    if let Some(snapshot) = &report.reference {
        let _ = writeln!(tail, "reference: {snapshot}");
    }
    out.write_all(tail.as_bytes())?;
    Ok(())
}

/// The columns before a sentence row.
const INDENT: usize = 2;
/// The narrowest width fitted to: below it a claim would keep no context.
const MIN_WIDTH: usize = 40;
/// The mark of a cut.
const ELLIPSIS: &str = "…";

/// The text before and after a claim, cut so that the three fit `room`
/// display columns: as much on each side as fits, the shorter side whole
/// when it can be, each cut marked with `…` and moved back to a space
/// when one is within a third of the kept text. Unchanged when they fit
/// already; a claim wider than `room` keeps no context at all.
fn fit(before: &str, claim: &str, after: &str, room: usize) -> (String, String) {
    let (bw, cw, aw) = (before.width(), claim.width(), after.width());
    if bw + cw + aw <= room {
        return (before.to_string(), after.to_string());
    }
    let budget = room.saturating_sub(cw);
    let half = budget / 2;
    let (keep_before, keep_after) = if bw <= half {
        (bw, budget - bw)
    } else if aw <= budget - half {
        (budget - aw, aw)
    } else {
        (half, budget - half)
    };
    let before = if keep_before >= bw {
        before.to_string()
    } else {
        let tail = tail_within(before, keep_before.saturating_sub(1));
        let at_word = before[..before.len() - tail.len()].ends_with(' ');
        let tail = match tail.find(' ') {
            Some(i) if !at_word && tail[..i].width() * 3 <= tail.width() => &tail[i..],
            _ => tail,
        };
        format!("{ELLIPSIS}{}", tail.trim_start())
    };
    let after = if keep_after >= aw {
        after.to_string()
    } else {
        let head = head_within(after, keep_after.saturating_sub(1));
        let at_word = after[head.len()..].starts_with(' ');
        let head = match head.rfind(' ') {
            Some(i) if !at_word && i > 0 && head[i..].width() * 3 <= head.width() => &head[..i],
            _ => head,
        };
        format!("{}{ELLIPSIS}", head.trim_end())
    };
    (before, after)
}

/// The longest start of `s` at most `cols` display columns wide.
fn head_within(s: &str, cols: usize) -> &str {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        used += c.width().unwrap_or(0);
        if used > cols {
            return &s[..i];
        }
    }
    s
}

/// The longest end of `s` at most `cols` display columns wide.
fn tail_within(s: &str, cols: usize) -> &str {
    let mut used = 0;
    for (i, c) in s.char_indices().rev() {
        used += c.width().unwrap_or(0);
        if used > cols {
            return &s[i + c.len_utf8()..];
        }
    }
    s
}

fn finding(out: &mut String, f: &Finding, paint: &Paint, room: Option<usize>) {
    let color = verdict_color(f.verdict);
    let verdict = paint.style(&format!("{BOLD}{color}"), verdict_upper(f.verdict));
    let metric = f
        .metric
        .as_deref()
        .map(clean)
        .unwrap_or_else(|| "(no metric)".to_string());
    let _ = write!(
        out,
        "{}:{}:{}  {} (confidence {})  {}",
        paint.style(BOLD, &clean(&f.document)),
        f.span.line,
        f.span.column,
        verdict,
        confidence(f),
        metric
    );
    if let Some(reason) = f.reason {
        let _ = write!(out, "  [{}]", reason.as_str());
    }
    out.push('\n');

    match sentence_parts(f) {
        Some(p) => {
            let (before, claim, after) = (clean(p.before), clean(p.claim), clean(p.after));
            let (before, after) = match room {
                Some(room) => fit(&before, &claim, &after, room),
                None => (before, after),
            };
            let _ = writeln!(
                out,
                "  {}{}{}",
                before,
                paint.style(&format!("{BOLD}{color}"), &claim),
                after
            );
            let pad = " ".repeat(before.width());
            let carets = "^".repeat(claim.width().max(1));
            let _ = writeln!(out, "  {pad}{}", paint.style(color, &carets));
        }
        None => {
            let _ = writeln!(out, "  {}", clean(&f.sentence));
            let _ = writeln!(out, "  claim: {}", clean(&f.text));
        }
    }
    let _ = writeln!(out, "  = {}", clean(&f.explanation));
    if let Some(reason) = &f.ignored {
        let _ = writeln!(out, "  {} {}", paint.style(DIM, "ignored:"), clean(reason));
    }
    if f.baselined {
        let _ = writeln!(
            out,
            "  {} accepted in the baseline; does not fail the run",
            paint.style(DIM, "baselined:")
        );
    }
    for e in &f.evidence {
        let _ = writeln!(out, "  {} {}", paint.style(DIM, "evidence:"), evidence(e));
    }
}

fn evidence(e: &Evidence) -> String {
    let mut value = e.value.to_string();
    if e.low.is_some() || e.high.is_some() {
        let low = e.low.map(grouped).unwrap_or_default();
        let high = e.high.map(grouped).unwrap_or_default();
        value = format!("{value} [{low}–{high}]");
    }
    format!(
        "{} {}:{}  {} · {} = {} ({}) — {}",
        clean(&e.dataset),
        clean(&e.file),
        e.line,
        clean(&e.entity),
        clean(&e.metric),
        value,
        clean(&e.date),
        clean(&e.source)
    )
}

#[cfg(test)]
mod tests {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

    use crate::report::{fixture, render, Format, RenderOptions};

    fn text(color: bool) -> String {
        let options = RenderOptions {
            color,
            ..RenderOptions::default()
        };
        render(&fixture::report(), Format::Text, &options).unwrap()
    }

    /// Every row of a sentence fitted to `room` columns is at most that
    /// wide, keeps the claim whole and cuts only with an ellipsis.
    #[test]
    fn fitting_keeps_the_claim_and_the_width() {
        use super::fit;
        let before = "The raging conflict in Syria, which began with protests in Daraa, is now in ";
        let claim = "its sixth year";
        let after = ", has caused hundreds of thousands of deaths and displaced millions.";
        for room in [20, 38, 60, 78, 98] {
            let (b, a) = fit(before, claim, after, room);
            let row = format!("{b}{claim}{a}");
            assert!(row.width() <= room.max(claim.width() + 2), "{room}: {row}");
            assert!(b.is_empty() || b.starts_with('…') || b == before, "{b}");
            assert!(a.is_empty() || a.ends_with('…') || a == after, "{a}");
        }
        let (b, a) = fit(before, claim, after, 500);
        assert_eq!((b.as_str(), a.as_str()), (before, after));
        // Cut at words: no half word after the ellipsis.
        let (b, a) = fit(before, claim, after, 60);
        assert_eq!(b, "…in Daraa, is now in ");
        assert_eq!(a, ", has caused hundreds…");
        // Wide characters count two columns.
        let (b, _) = fit("人口人口人口人口人口 ", "5", "", 8);
        assert!(b.width() <= 7, "{b}");
    }

    /// A long sentence at 80 columns: the caret row sits right under the
    /// claim and nothing is wider than the terminal.
    #[test]
    fn a_long_sentence_fits_80_columns() {
        let options = RenderOptions {
            color: false,
            width: Some(80),
        };
        let out = render(&fixture::report(), Format::Text, &options).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        for (i, l) in lines.iter().enumerate() {
            if l.trim_start().starts_with('^') {
                let sentence = lines[i - 1];
                assert!(sentence.width() <= 80, "{sentence}");
                let col = l.find('^').unwrap();
                let carets = l.trim().len();
                let shown: String = sentence.chars().collect();
                let mut w = 0;
                let mut start = None;
                for (b, c) in shown.char_indices() {
                    if w == col {
                        start = Some(b);
                        break;
                    }
                    w += c.width().unwrap_or(0);
                }
                let start = start.expect("caret column inside the row");
                assert!(!shown[start..].starts_with(' '), "{sentence}\n{l}");
                assert!(carets > 0);
            }
        }
        assert_eq!(
            render(
                &fixture::report(),
                Format::Text,
                &RenderOptions {
                    color: false,
                    width: Some(500)
                }
            )
            .unwrap(),
            text(false),
            "a sentence that fits is shown as without a width"
        );
    }

    /// The underline sits under the claim's characters, counted in display
    /// columns, after multi-byte characters.
    #[test]
    fn underline_sits_under_the_claim() {
        let out = text(false);
        let lines: Vec<&str> = out.lines().collect();
        for claim in [
            "nearly two million",
            "about 170 million",
            "=HYPERLINK(\"x\") more than",
        ] {
            let i = lines
                .iter()
                .position(|l| l.contains(claim) && !l.contains("claims/"))
                .unwrap_or_else(|| panic!("sentence line for {claim}"));
            let sentence = lines[i];
            let carets = lines[i + 1];
            let byte = sentence.find(claim).unwrap();
            let col = sentence[..byte].width();
            assert_eq!(carets.find('^').unwrap(), col, "{claim}: caret column");
            assert_eq!(carets.trim().len(), claim.width(), "{claim}: caret count");
            assert!(carets.trim().chars().all(|c| c == '^'));
        }
    }

    #[test]
    fn header_explanation_evidence_and_summary() {
        let out = text(false);
        assert!(out.contains("claims/article.md:3:"));
        assert!(out.contains("SUPPORTED (confidence 0.91)  wounded\n"));
        assert!(out.contains("CONTRADICTED (confidence 0.88)  population\n"));
        assert!(out.contains("UNVERIFIABLE (confidence 0.80)  (no metric)  [unknown_entity]\n"));
        assert!(out.contains("  = claim ≈ 1.8M–2.0M; SCPR (2016-02-11) reports 1,880,000\n"));
        assert!(out.contains(
            "evidence: conflicts reference-data/conflicts.csv:7  Syrian civil war · wounded = 1,880,000 (2016-02-11) — Syrian Centre for Policy Research\n"
        ));
        assert!(out.contains("= 145,300,000 [145,000,000–145,600,000] (2017)"));
        assert!(out.contains("\n3 claims: 1 supported, 1 contradicted, 1 unverifiable\ncoverage: 3 quantity mentions"));
    }

    #[test]
    fn no_escape_sequences_unless_colour() {
        let plain = text(false);
        assert!(!plain.contains('\x1b'), "input ESC is neutralised too");
        assert!(!plain.contains('\0'));
        let colored = text(true);
        assert!(colored.contains("\x1b[32m"));
        assert!(colored.contains("\x1b[31m"));
        assert!(colored.contains("\x1b[33m"));
        assert!(!colored.contains("\x1b[31m\u{0}"));
    }

    #[test]
    fn bad_span_gives_no_underline_and_no_panic() {
        let mut r = fixture::report();
        r.claims[0].text = "absent".into();
        r.claims[0].span.start = 5_000;
        r.claims[0].span.end = 5_001;
        let out = render(&r, Format::Text, &RenderOptions::default()).unwrap();
        assert!(out.contains("  claim: absent\n"));
    }
}
