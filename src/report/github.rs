//! `--format github`: GitHub Actions workflow commands, so each claim shows
//! as an annotation on its line: `::error` for contradicted, `::warning` for
//! unverifiable, `::notice` for supported.
//!
//! Escaping follows the runner's rules: in the message `%`, `\r` and `\n`
//! become `%25`, `%0D`, `%0A`; in property values `:` and `,` also become
//! `%3A` and `%2C`.

use std::fmt::Write as _;

use crate::model::{Report, Verdict};

use super::{confidence, coverage_line, summary_line};

/// Escape a workflow command's message. Other control characters (an
/// escape sequence in article text) become spaces.
fn data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Escape a workflow command's property value.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

pub(super) fn render(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.claims {
        // Ignored and baselined claims do not fail the run: a notice, not an error.
        let exempt = f.ignored.is_some() || f.baselined;
        let command = match f.verdict {
            _ if exempt => "notice",
            Verdict::Contradicted => "error",
            Verdict::Unverifiable => "warning",
            Verdict::Supported => "notice",
        };
        let mut message = format!(
            "\"{}\" is {} (confidence {}): {}",
            f.text,
            f.verdict.as_str(),
            confidence(f),
            f.explanation
        );
        if let Some(reason) = &f.ignored {
            message.push_str(&format!(" [ignored: {reason}]"));
        }
        if f.baselined {
            message.push_str(" [baselined]");
        }
        let _ = writeln!(
            out,
            "::{command} file={},line={},col={},title={}::{}",
            property(&f.document),
            f.span.line,
            f.span.column,
            property(&format!("claimcheck {}", f.verdict.as_str())),
            data(&message)
        );
    }
    let _ = writeln!(out, "{}", data(&summary_line(report)));
    let _ = writeln!(out, "{}", data(&coverage_line(report)));
    out
}

#[cfg(test)]
mod tests {
    use super::{data, property};
    use crate::report::{fixture, render, Format, RenderOptions};

    #[test]
    fn one_command_per_claim() {
        let out = render(
            &fixture::report(),
            Format::Github,
            &RenderOptions::default(),
        )
        .unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines.len(),
            5,
            "three annotations, the summary and the coverage"
        );
        assert!(
            lines[4].starts_with("coverage: 3 quantity mentions"),
            "{}",
            lines[4]
        );
        assert!(lines[0].starts_with(
            "::notice file=claims/article.md,line=3,col=61,title=claimcheck supported::\"nearly two million\" is supported (confidence 0.91): claim"
        ));
        assert!(lines[1].starts_with(
            "::error file=claims/article.md,line=9,col=24,title=claimcheck contradicted::"
        ));
        assert!(lines[2].starts_with(
            "::warning file=claims/list%2C 2017%3Aa%25.csv,line=2,col=27,title=claimcheck unverifiable::"
        ));
        assert!(lines[2].contains("%0D%0A: 100%25 unknown"));
        assert_eq!(
            lines[3],
            "3 claims: 1 supported, 1 contradicted, 1 unverifiable"
        );
    }

    #[test]
    fn escaping_rules() {
        assert_eq!(data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(data("x\u{1b}[31m\0y"), "x [31m y");
    }
}
