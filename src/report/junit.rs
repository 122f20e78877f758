//! `--format junit`: JUnit XML for CI systems that show test results. One
//! testsuite per document (in report order), one testcase per claim: a
//! contradicted claim is a failure, an unverifiable one is skipped (it was
//! not checked), a supported one passes. The explanation is the message;
//! sentence, confidence and evidence are the details.
//!
//! The XML is valid whatever the input holds: `quick-junit` escapes markup,
//! and characters XML 1.0 forbids (C0 controls other than tab and newlines,
//! U+FFFE, U+FFFF) and terminal escape sequences are removed first.

use std::fmt::Write as _;

use quick_junit::{NonSuccessKind, Property, TestCase, TestCaseStatus, TestSuite};

use crate::model::{Finding, Report, Verdict};

use super::{confidence, RenderError};

/// The text without the characters XML 1.0 does not allow.
pub(crate) fn xml_text(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
        })
        .collect()
}

pub(super) fn render(report: &Report) -> Result<String, RenderError> {
    let mut suites: Vec<TestSuite> = Vec::new();
    for f in &report.claims {
        let name = xml_text(&f.document);
        let at = match suites.iter().position(|s| s.name.as_str() == name) {
            Some(i) => i,
            None => {
                suites.push(TestSuite::new(name));
                suites.len() - 1
            }
        };
        suites[at].add_test_case(case(f));
    }
    let mut junit = quick_junit::Report::new("claimcheck");
    junit.add_test_suites(suites);
    let mut out = junit.to_string()?;
    if !out.ends_with('\n') {
        out.push('\n');
    }
    Ok(out)
}

fn case(f: &Finding) -> TestCase {
    let message = xml_text(&f.explanation);
    let details = xml_text(&details(f));
    let exempt = match (&f.ignored, f.baselined) {
        (Some(reason), _) => Some(format!("ignored: {}", xml_text(reason))),
        (None, true) => Some("baselined".to_string()),
        (None, false) => None,
    };
    let status = match f.verdict {
        Verdict::Supported => TestCaseStatus::success(),
        Verdict::Contradicted if exempt.is_some() => {
            let mut s = TestCaseStatus::skipped();
            s.set_message(format!("{} ({message})", exempt.unwrap_or_default()));
            s.set_type("contradicted");
            s
        }
        Verdict::Contradicted => {
            let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
            s.set_message(message)
                .set_type("contradicted")
                .set_description(details.clone());
            s
        }
        Verdict::Unverifiable => {
            let mut s = TestCaseStatus::skipped();
            s.set_message(message);
            s.set_type(f.reason.map_or("unverifiable", |r| r.as_str()));
            s
        }
    };
    let mut case = TestCase::new(xml_text(&format!("{}: {}", f.id, f.text)), status);
    case.set_classname(xml_text(&f.document));
    case.add_properties([
        Property::new("verdict", f.verdict.as_str()),
        Property::new("confidence", confidence(f)),
        Property::new(
            "location",
            xml_text(&format!("{}:{}:{}", f.document, f.span.line, f.span.column)),
        ),
    ]);
    case.set_system_out(details);
    case
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
