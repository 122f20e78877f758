//! `--format github`: GitHub Actions workflow commands, so each claim that
//! fails or warns shows as an annotation on its line: `::error` for
//! contradicted, `::warning` for unverifiable. Supported claims, and
//! claims set aside (ignored or baselined), are annotated only with
//! `--include-supported` ([`ConsumerOptions::include_supported`]), as
//! `::notice`.
//!
//! GitHub shows only the first 10 annotations of each kind per step, so
//! each kind comes most important first: the most confident verdicts
//! first, in report order among equals. The output ends with the coverage
//! line and a `::notice` with the counts, so a run with more annotations
//! than GitHub shows still says how many there were.
//!
//! Escaping follows the runner's rules (the toolkit's `escapeData` and
//! `escapeProperty`): in the message `%`, `\r` and `\n` become `%25`, `%0D`,
//! `%0A`; in property values `:` and `,` also become `%3A` and `%2C`. Other
//! control characters become spaces.

use std::fmt::Write as _;

use crate::model::{Finding, Report, Verdict};

use super::{confidence, coverage_line, exempt_line, summary_line, ConsumerOptions};

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

/// The command that annotates `f`, or `None` when it is not annotated.
fn command(f: &Finding, include_supported: bool) -> Option<&'static str> {
    // Ignored and baselined claims do not fail the run: a notice, if any.
    let exempt = f.ignored.is_some() || f.baselined;
    match f.verdict {
        _ if exempt || f.verdict == Verdict::Supported => include_supported.then_some("notice"),
        Verdict::Contradicted => Some("error"),
        Verdict::Unverifiable => Some("warning"),
        Verdict::Supported => None,
    }
}

pub(super) fn render(report: &Report, consumer: &ConsumerOptions) -> String {
    let mut annotated: Vec<(&'static str, &Finding)> = report
        .claims
        .iter()
        .filter_map(|f| command(f, consumer.include_supported).map(|c| (c, f)))
        .collect();
    let rank = |c: &str| match c {
        "error" => 0,
        "warning" => 1,
        _ => 2,
    };
    // Stable: report order among equals.
    annotated.sort_by(|(a, f), (b, g)| {
        rank(a)
            .cmp(&rank(b))
            .then(g.confidence.total_cmp(&f.confidence))
    });
    let mut out = String::new();
    for (command, f) in &annotated {
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
    let _ = writeln!(out, "{}", data(&coverage_line(report)));
    let count = |c: &str| annotated.iter().filter(|(a, _)| *a == c).count();
    let mut summary = format!(
        "{}; annotated: {} error{}, {} warning{}",
        summary_line(report),
        count("error"),
        if count("error") == 1 { "" } else { "s" },
        count("warning"),
        if count("warning") == 1 { "" } else { "s" },
    );
    if consumer.include_supported {
        let _ = write!(
            summary,
            ", {} notice{}",
            count("notice"),
            if count("notice") == 1 { "" } else { "s" }
        );
    } else if annotated.len() < report.claims.len() {
        summary.push_str(" (supported, ignored and baselined claims are not annotated: --include-supported annotates them)");
    }
    if let Some(exempt) = exempt_line(report) {
        let _ = write!(summary, "; {exempt}");
    }
    let _ = writeln!(out, "::notice title=claimcheck summary::{}", data(&summary));
    out
}

#[cfg(test)]
mod tests {
    use super::{data, property};
    use crate::report::{fixture, render_for, ConsumerOptions, Extras, Format, RenderOptions};

    fn github(report: &crate::model::Report, include_supported: bool) -> String {
        let consumer = ConsumerOptions {
            include_supported,
            ..ConsumerOptions::default()
        };
        render_for(
            report,
            Format::Github,
            &RenderOptions::default(),
            &Extras::default(),
            &consumer,
        )
        .unwrap()
    }

    #[test]
    fn annotates_what_fails_or_warns_then_the_summary() {
        let out = github(&fixture::report(), false);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines.len(),
            4,
            "an error, a warning, the coverage and the summary: {out}"
        );
        assert!(lines[0].starts_with(
            "::error file=claims/article.md,line=9,col=24,title=claimcheck contradicted::"
        ));
        assert!(lines[1].starts_with(
            "::warning file=claims/list%2C 2017%3Aa%25.csv,line=2,col=27,title=claimcheck unverifiable::"
        ));
        assert!(lines[1].contains("%0D%0A: 100%25 unknown"));
        assert!(
            lines[2].starts_with("coverage: 3 quantity mentions"),
            "{}",
            lines[2]
        );
        assert_eq!(
            lines[3],
            "::notice title=claimcheck summary::3 claims: 1 supported, 1 contradicted, 1 unverifiable; annotated: 1 error, 1 warning (supported, ignored and baselined claims are not annotated: --include-supported annotates them)"
        );
    }

    #[test]
    fn supported_claims_are_notices_when_asked_for() {
        let out = github(&fixture::report(), true);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 5, "{out}");
        assert!(lines[0].starts_with("::error "));
        assert!(lines[1].starts_with("::warning "));
        assert!(lines[2].starts_with(
            "::notice file=claims/article.md,line=3,col=61,title=claimcheck supported::\"nearly two million\" is supported (confidence 0.91): claim"
        ));
        assert!(lines[4].ends_with("annotated: 1 error, 1 warning, 1 notice"));
    }

    #[test]
    fn most_confident_first_within_a_kind_and_exempt_claims_left_out() {
        let mut r = fixture::report();
        let mut weak = r.claims[1].clone();
        weak.confidence = 0.5;
        weak.span.line = 1;
        let mut strong = r.claims[1].clone();
        strong.confidence = 0.99;
        strong.span.line = 20;
        let mut ignored = r.claims[1].clone();
        ignored.ignored = Some("court filing".into());
        r.claims.splice(0..0, [weak, ignored]);
        r.claims.push(strong);
        let out = github(&r, false);
        let errors: Vec<&str> = out.lines().filter(|l| l.starts_with("::error ")).collect();
        assert_eq!(errors.len(), 3, "the ignored one is not annotated: {out}");
        assert!(errors[0].contains(",line=20,"), "{}", errors[0]);
        assert!(errors[1].contains(",line=9,"), "{}", errors[1]);
        assert!(errors[2].contains(",line=1,"), "{}", errors[2]);
        assert!(
            out.ends_with("; 1 ignored, 0 baselined (reported, not failing the run)\n"),
            "{out}"
        );
    }

    #[test]
    fn escaping_rules() {
        assert_eq!(data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(data("x\u{1b}[31m\0y"), "x [31m y");
    }
}
