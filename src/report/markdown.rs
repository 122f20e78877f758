//! `--format markdown` (`md`): a page an editor can paste into a ticket or a
//! pull request: a heading, the summary table, then one table row per claim
//! with its location, text, verdict, confidence, explanation and evidence.
//!
//! Every cell is escaped: pipes, backticks, Markdown emphasis and link
//! brackets, and HTML, so article text can neither break the table nor
//! inject markup. Source links are made only for http(s) URLs.

use std::fmt::Write as _;

use crate::model::{Evidence, Finding, Report};

use super::{confidence, coverage_line, exempt_line, is_web_url};

/// Escape text for one table cell: one line, no markup.
pub(crate) fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' => out.push_str("\\|"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' => out.push_str("<br>"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A URL made safe to sit inside `(...)` of a Markdown link.
fn link_target(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '|' => out.push_str("%7C"),
            '`' => out.push_str("%60"),
            c => out.push(c),
        }
    }
    out
}

pub(super) fn render(report: &Report) -> String {
    let s = &report.summary;
    let mut out = String::new();
    out.push_str("# claimcheck report\n\n");
    let _ = writeln!(
        out,
        "claimcheck {} · as of {} · {}\n",
        cell(&report.claimcheck_version),
        cell(&report.as_of),
        cell(&super::catalog_line(report))
    );
    out.push_str("| claims | supported | contradicted | unverifiable |\n");
    out.push_str("| ---: | ---: | ---: | ---: |\n");
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} |\n",
        s.claims, s.supported, s.contradicted, s.unverifiable
    );
    let _ = writeln!(out, "{}\n", cell(&coverage_line(report)));
    if let Some(line) = exempt_line(report) {
        let _ = writeln!(out, "{line}\n");
    }
    out.push_str("## Claims\n\n");
    if report.claims.is_empty() {
        out.push_str("No claims found.\n");
        return out;
    }
    out.push_str("| location | claim | verdict | confidence | explanation | evidence |\n");
    out.push_str("| --- | --- | --- | ---: | --- | --- |\n");
    for f in &report.claims {
        row(&mut out, f);
    }
    out
}

fn row(out: &mut String, f: &Finding) {
    let mut verdict = format!("**{}**", f.verdict.as_str());
    if let Some(reason) = f.reason {
        let _ = write!(verdict, " ({})", cell(reason.as_str()));
    }
    if let Some(reason) = &f.ignored {
        let _ = write!(verdict, "<br>ignored: {}", cell(reason));
    }
    if f.baselined {
        verdict.push_str("<br>baselined");
    }
    let evidence = f
        .evidence
        .iter()
        .map(evidence)
        .collect::<Vec<_>>()
        .join("<br>");
    let _ = writeln!(
        out,
        "| {}:{}:{} | {} | {} | {} | {} | {} |",
        cell(&f.document),
        f.span.line,
        f.span.column,
        cell(&f.text),
        verdict,
        confidence(f),
        cell(&f.explanation),
        evidence
    );
}

fn evidence(e: &Evidence) -> String {
    let source = if is_web_url(&e.url) {
        format!("[{}]({})", cell(&e.source), link_target(&e.url))
    } else {
        cell(&e.source)
    };
    format!(
        "{} · {} = {} ({}), {} — {}:{}",
        cell(&e.entity),
        cell(&e.metric),
        e.value,
        cell(&e.date),
        source,
        cell(&e.file),
        e.line
    )
}

#[cfg(test)]
mod tests {
    use super::cell;
    use crate::report::{fixture, render, Format, RenderOptions};

    fn md() -> String {
        render(
            &fixture::report(),
            Format::Markdown,
            &RenderOptions::default(),
        )
        .unwrap()
    }

    /// Count the cells of a table row, honouring `\|` escapes.
    fn cells(row: &str) -> usize {
        let mut n = 0;
        let mut escaped = false;
        for c in row.chars() {
            match c {
                '\\' if !escaped => {
                    escaped = true;
                    continue;
                }
                '|' if !escaped => n += 1,
                _ => {}
            }
            escaped = false;
        }
        n - 1
    }

    #[test]
    fn heading_summary_and_claims_table() {
        let out = md();
        assert!(out.starts_with("# claimcheck report\n"));
        assert!(out.contains("| 3 | 1 | 1 | 1 |\n"));
        let rows: Vec<&str> = out
            .lines()
            .skip_while(|l| !l.starts_with("| location"))
            .collect();
        assert_eq!(rows.len(), 2 + 3, "header, rule, three claims");
        for r in &rows {
            assert_eq!(cells(r), 6, "row keeps six cells: {r}");
        }
        assert!(rows[2].starts_with("| claims/article.md:3:"));
        assert!(rows[2].contains("| **supported** | 0.91 |"));
        assert!(rows[4].contains("**unverifiable** (unknown\\_entity)"));
    }

    #[test]
    fn hostile_text_is_escaped() {
        let out = md();
        assert!(!out.contains("<script>"));
        assert!(!out.contains("<i>"));
        assert!(!out.contains("<b>"));
        assert!(out.contains("&lt;i&gt;"));
        assert!(out.contains("World Bank &lt;b&gt;WDI&lt;/b&gt; \\| table"));
        assert!(!out.contains("javascript:"), "no link for a non-web URL");
        assert!(
            out.contains("[Syrian Centre for Policy Research](https://example.org/scpr?a=1&b=2)")
        );
        assert!(!out.contains('\x1b') && !out.contains('\0'));
    }

    #[test]
    fn cell_escapes() {
        assert_eq!(cell("a|b"), "a\\|b");
        assert_eq!(cell("`x`"), "\\`x\\`");
        assert_eq!(cell("<b>&"), "&lt;b&gt;&amp;");
        assert_eq!(cell("one\r\ntwo\nthree"), "one<br>two<br>three");
        assert_eq!(cell("[x](y)"), "\\[x\\](y)");
    }
}
