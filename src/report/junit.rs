//! `--format junit`: JUnit XML for CI systems that show test results, in
//! the dialect of Jenkins' `junit-10.xsd` (the schema GitLab, Jenkins and
//! most dashboards read; `tests/ci_consumers.rs` validates against it).
//! One testsuite per document (in report order), one testcase per claim: a
//! contradicted claim is a failure, an unverifiable one is skipped (it was
//! not checked), and so is an ignored or baselined contradicted one; a
//! supported one passes. The explanation is the message; location,
//! verdict, confidence, sentence and evidence are the details (in
//! `<system-out>`, and in a failure's text).
//!
//! The schema allows no `<properties>` in a testcase and no `skipped`
//! count on `<testsuites>`, so neither is written; each testsuite's
//! `<properties>` names the reference snapshot (`reference`), when known. Claims are not timed
//! one by one: every `time` is `0`, which consumers that expect the
//! attribute accept, and the same report still gives the same bytes.
//!
//! The XML is valid whatever the input holds: markup is escaped, line
//! ends in attributes are written as character references, and characters
//! XML 1.0 forbids (C0 controls other than tab and line ends, U+FFFE,
//! U+FFFF) are removed first.

use std::fmt::Write as _;

use crate::model::{Finding, Report, Verdict};

use super::confidence;

/// The text without the characters XML 1.0 does not allow.
pub(crate) fn xml_text(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
        })
        .collect()
}

/// Character data: XML characters only, markup escaped. A carriage return
/// is a character reference, so a parser does not fold `\r\n` into `\n`.
fn text(s: &str) -> String {
    escaped(s, false)
}

/// An attribute value in double quotes: as [`text`], with `"` escaped and
/// tab and line ends as character references (a parser would turn them
/// into spaces).
fn attr(s: &str) -> String {
    escaped(s, true)
}

/// `s` as XML characters with markup escaped; in an attribute, `"`, tab
/// and newline too.
fn escaped(s: &str, in_attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in xml_text(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            '"' if in_attribute => out.push_str("&quot;"),
            '\t' if in_attribute => out.push_str("&#9;"),
            '\n' if in_attribute => out.push_str("&#10;"),
            c => out.push(c),
        }
    }
    out
}

/// How a claim ends as a testcase.
enum Outcome {
    Passed,
    Failed,
    /// Not checked, or set aside: the message.
    Skipped(String),
}

fn outcome(f: &Finding) -> Outcome {
    match (f.verdict, &f.ignored, f.baselined) {
        (Verdict::Supported, _, _) => Outcome::Passed,
        (Verdict::Contradicted, Some(reason), _) => {
            Outcome::Skipped(format!("ignored: {reason} ({})", f.explanation))
        }
        (Verdict::Contradicted, None, true) => {
            Outcome::Skipped(format!("baselined ({})", f.explanation))
        }
        (Verdict::Contradicted, None, false) => Outcome::Failed,
        (Verdict::Unverifiable, _, _) => Outcome::Skipped(f.explanation.clone()),
    }
}

pub(super) fn render(report: &Report) -> String {
    // Suites in the order their documents first appear.
    let mut suites: Vec<(&str, Vec<&Finding>)> = Vec::new();
    for f in &report.claims {
        match suites.iter_mut().find(|(name, _)| *name == &*f.document) {
            Some((_, cases)) => cases.push(f),
            None => suites.push((&f.document, vec![f])),
        }
    }
    let failures = |cases: &[&Finding]| {
        cases
            .iter()
            .filter(|f| matches!(outcome(f), Outcome::Failed))
            .count()
    };
    let all: Vec<&Finding> = report.claims.iter().collect();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"claimcheck\" tests=\"{}\" failures=\"{}\" errors=\"0\" time=\"0\">",
        all.len(),
        failures(&all)
    );
    for (name, cases) in &suites {
        let skipped = cases
            .iter()
            .filter(|f| matches!(outcome(f), Outcome::Skipped(_)))
            .count();
        let _ = writeln!(
            out,
            "    <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{skipped}\" time=\"0\">",
            attr(name),
            cases.len(),
            failures(cases)
        );
        if let Some(snapshot) = &report.reference {
            let _ = writeln!(
                out,
                "        <properties><property name=\"reference\" value=\"{}\"/></properties>",
                attr(snapshot)
            );
        }
        for f in cases {
            case(&mut out, f);
        }
        out.push_str("    </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

fn case(out: &mut String, f: &Finding) {
    let details = text(&details(f));
    let _ = writeln!(
        out,
        "        <testcase name=\"{}\" classname=\"{}\" time=\"0\">",
        attr(&format!("{}: {}", f.id, f.text)),
        attr(&f.document)
    );
    match outcome(f) {
        Outcome::Passed => {}
        Outcome::Failed => {
            let _ = writeln!(
                out,
                "            <failure message=\"{}\" type=\"contradicted\">{details}</failure>",
                attr(&f.explanation)
            );
        }
        Outcome::Skipped(message) => {
            let kind = match f.verdict {
                Verdict::Unverifiable => f.reason.map_or("unverifiable", |r| r.as_str()),
                v => v.as_str(),
            };
            let _ = writeln!(
                out,
                "            <skipped message=\"{}\" type=\"{kind}\"/>",
                attr(&message)
            );
        }
    }
    let _ = writeln!(out, "            <system-out>{details}</system-out>");
    out.push_str("        </testcase>\n");
}

fn details(f: &Finding) -> String {
    let mut out = format!(
        "{}:{}:{} {} (confidence {})\n{}\n",
        f.document,
        f.span.line,
        f.span.column,
        f.verdict.as_str(),
        confidence(f),
        f.sentence
    );
    for e in &f.evidence {
        let _ = writeln!(
            out,
            "evidence: {} {}:{} {} · {} = {} ({}) — {}",
            e.dataset, e.file, e.line, e.entity, e.metric, e.value, e.date, e.source
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use quick_xml::events::Event;
    use quick_xml::Reader;

    use super::xml_text;
    use crate::report::{fixture, render, Format, RenderOptions};

    fn junit() -> String {
        render(&fixture::report(), Format::Junit, &RenderOptions::default()).unwrap()
    }

    #[derive(Default, Debug)]
    struct Counts {
        suites: Vec<String>,
        cases: Vec<String>,
        failures: usize,
        skipped: usize,
        text: String,
    }

    fn parse(xml: &str) -> Counts {
        let mut reader = Reader::from_str(xml);
        let mut c = Counts::default();
        loop {
            match reader.read_event().expect("well-formed XML") {
                Event::Eof => break,
                Event::Start(e) | Event::Empty(e) => {
                    let attr = |name: &[u8]| {
                        e.attributes()
                            .map(|a| a.expect("well-formed attribute"))
                            .find(|a| a.key.as_ref() == name)
                            .map(|a| {
                                a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                                    .expect("valid escapes")
                                    .into_owned()
                            })
                    };
                    for a in e.attributes() {
                        a.unwrap()
                            .normalized_value(quick_xml::XmlVersion::Explicit1_0)
                            .unwrap();
                    }
                    match e.name().as_ref() {
                        b"testsuite" => c.suites.push(attr(b"name").unwrap()),
                        b"testcase" => c.cases.push(attr(b"name").unwrap()),
                        b"failure" => c.failures += 1,
                        b"skipped" => c.skipped += 1,
                        _ => {}
                    }
                }
                Event::Text(t) => c.text.push_str(&t.decode().unwrap()),
                _ => {}
            }
        }
        c
    }

    #[test]
    fn suites_cases_and_one_failure() {
        let c = parse(&junit());
        assert_eq!(c.suites, ["claims/article.md", "claims/list, 2017:a%.csv"]);
        assert_eq!(c.cases.len(), 3);
        assert_eq!(c.failures, 1);
        assert_eq!(c.skipped, 1);
        assert_eq!(
            c.cases[2],
            "=HYPERLINK(\"x\"),row:7: =HYPERLINK(\"x\") more than"
        );
    }

    #[test]
    fn only_xml_characters_whatever_the_input() {
        let out = junit();
        assert_eq!(xml_text(&out), out, "no forbidden character is written");
        assert!(!out.contains('\x1b'));
        assert!(!out.contains("<script>"), "markup in text is escaped");
        assert!(out.contains("&lt;script&gt;"));
    }

    #[test]
    fn xml_text_strips_forbidden_chars() {
        assert_eq!(
            xml_text("a\u{0}b\u{1b}c\u{fffe}d\u{ffff}e\tf\ng"),
            "abcde\tf\ng"
        );
        assert_eq!(xml_text("Café ✓ 𝄞"), "Café ✓ 𝄞");
    }
}
