//! `--format html`: one standalone page (inline CSS, no JavaScript, nothing
//! fetched): the summary, the claims' as-of dates and a list that links to
//! each contradicted claim, then each unverifiable one; each article's text
//! (titled by its front matter or its file name) with every claim
//! highlighted by verdict (`<mark class="claim verdict-…">`) and a panel
//! that opens on hover or keyboard focus with the verdict, confidence and
//! explanation; and beside it one card per claim with its sentence,
//! verdict, confidence, explanation and evidence rows (linked to their
//! sources). A verdict is never told by colour alone: each carries its
//! symbol (✓ ✗ ?) and word, and a contradicted claim says what the data
//! says.
//!
//! The page is a minijinja template with HTML autoescaping on for every
//! value; control characters are replaced before rendering, and a source is
//! a link only when its URL is http(s). `--template FILE` replaces the
//! built-in template ([`TEMPLATE`]); it gets the same context and the same
//! autoescaping, documented in README.md ("Editorial CI"). A user's template
//! runs on a fuel budget ([`fuel_for`]: the engine's own count of
//! instructions and of bytes made), so a loop that would not end, or would
//! write without end, stops with an error at its line; every error of a
//! user's template names its file and line once, with a hint
//! ([`check_template`] finds the syntax errors before a check runs).

use minijinja::{AutoEscape, Environment};
use serde::Serialize;

use crate::model::{Evidence, EvidenceValue, Finding, Problem, Report, Summary, Verdict};
use crate::util::numfmt::grouped;

use super::{confidence, is_web_url, sentence_parts, Document, RenderError};

/// The built-in page template.
pub const TEMPLATE: &str = include_str!("report.html.j2");

/// A user's template (`--template`): its file as shown in messages, and
/// its text.
#[derive(Clone, Copy, Debug)]
pub struct Template<'a> {
    pub file: &'a str,
    pub text: &'a str,
}

/// The fuel a user's template may burn on a report: ample for any page
/// (the built-in one needs a few hundred per claim and one per 64 bytes it
/// writes), small enough that a runaway loop stops within seconds and
/// writes at most 64 bytes per fuel.
fn fuel_for(report: &Report, documents: &[Document]) -> u64 {
    let text: usize = documents.iter().map(|d| d.text.len()).sum();
    1_000_000 + 20_000 * report.claims.len() as u64 + text as u64
}

/// The environment both templates render in: HTML autoescaping, Jinja's
/// block whitespace rules.
fn environment() -> Result<Environment<'static>, minijinja::Error> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    env.set_syntax(
        minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()?,
    );
    Ok(env)
}

/// Whether a user's template parses: its first syntax error, as a problem
/// at its file and line.
pub fn check_template(template: &Template) -> Result<(), Problem> {
    let mut env = environment().map_err(|e| problem(template.file, &e, 0))?;
    env.add_template_owned(template.file.to_string(), template.text.to_string())
        .map_err(|e| problem(template.file, &e, 0))
}

/// A user's template error as the user reads it: their file, the line,
/// what went wrong (once: the engine's text without its own "(in
/// name:line)"), and what to do.
fn problem(file: &str, e: &minijinja::Error, fuel: u64) -> Problem {
    use minijinja::ErrorKind as K;
    let message = match e.detail() {
        Some(detail) => format!("{}: {detail}", e.kind()),
        None => e.kind().to_string(),
    };
    let hint = match e.kind() {
        K::SyntaxError | K::BadEscape | K::InvalidDelimiter => {
            "fix the template's syntax: minijinja reads Jinja2 ({% ... %} for blocks, {{ ... }} for values); see https://docs.rs/minijinja".to_string()
        }
        K::UnknownFilter | K::UnknownTest | K::UnknownFunction | K::UnknownMethod => {
            "use minijinja's built-in filters, tests and functions (https://docs.rs/minijinja, \"filters\"); the values a template gets are listed in README.md, \"Reports\"".to_string()
        }
        K::OutOfFuel => format!(
            "a page this size renders in far fewer steps ({fuel} allowed): look for a loop over a large range, loops nested deeply, or text repeated without end"
        ),
        K::TemplateNotFound | K::BadInclude => {
            "a --template is one file: it cannot include, import or extend another".to_string()
        }
        _ => "use the values README.md lists for a template (\"Reports\"), as the built-in src/report/report.html.j2 does".to_string(),
    };
    Problem::new(file, e.line().map(|l| l as u64), message, hint)
}

#[derive(Serialize)]
struct Page {
    version: String,
    /// The run's default as-of date (`--as-of`, or today).
    as_of: String,
    /// The as-of dates the claims were checked at: one date, a few, or
    /// the first and last and how many; `None` with no claims.
    claims_as_of: Option<String>,
    summary: Summary,
    /// The `n` of every contradicted claim, then of every unverifiable
    /// one, in report order: the page's list of claims to look at.
    attention: Vec<usize>,
    coverage: String,
    ignored: usize,
    baselined: usize,
    claims: Vec<Claim>,
    documents: Vec<Doc>,
}

#[derive(Serialize)]
struct Claim {
    /// 1-based position in the report: the card's anchor is `claim-{n}`.
    n: usize,
    id: String,
    document: String,
    location: String,
    verdict: &'static str,
    /// The verdict's word and symbol, so no verdict is told by colour
    /// alone: "Supported" ✓, "Contradicted" ✗, "Unverifiable" ?.
    label: &'static str,
    symbol: &'static str,
    reason: Option<&'static str>,
    /// The reason code's one-line explanation (`claimcheck explain`).
    reason_text: Option<&'static str>,
    /// Where the reason code is explained at length (docs/reasons.md).
    reason_url: Option<String>,
    /// For a contradicted claim, what the reference rows say: "the data
    /// says: 145,293,260 (2017)".
    data_says: Option<String>,
    confidence: String,
    metric: String,
    placed: bool,
    before: String,
    claim: String,
    after: String,
    sentence: String,
    explanation: String,
    ignored: Option<String>,
    baselined: bool,
    evidence: Vec<Row>,
}

#[derive(Serialize)]
struct Row {
    dataset: String,
    file: String,
    line: u64,
    entity: String,
    metric: String,
    value: String,
    date: String,
    source: String,
    url: Option<String>,
}

#[derive(Serialize)]
struct Doc {
    name: String,
    title: Option<String>,
    url: Option<String>,
    segments: Vec<Segment>,
}

/// A run of article text: plain, or one claim's words.
#[derive(Serialize)]
struct Segment {
    text: String,
    /// The claim's `n` when this segment is a claim (`claims[n - 1]`).
    claim: Option<usize>,
}

/// Text without control characters other than tab and newline, and
/// without the noncharacters U+FFFE and U+FFFF.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| {
            if (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{fffe}' | '\u{ffff}') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

fn claim(n: usize, f: &Finding) -> Claim {
    let parts = sentence_parts(f);
    Claim {
        n,
        id: clean(&f.id),
        document: clean(&f.document),
        location: clean(&format!("{}:{}:{}", f.document, f.span.line, f.span.column)),
        verdict: f.verdict.as_str(),
        label: label(f.verdict),
        symbol: symbol(f.verdict),
        reason: f.reason.map(|r| r.as_str()),
        reason_text: f
            .reason
            .and_then(crate::explain::reason)
            .map(|e| e.summary.as_str()),
        reason_url: f.reason.map(|r| super::reason_url(r.as_str())),
        data_says: (f.verdict == Verdict::Contradicted)
            .then(|| data_says(f))
            .flatten(),
        confidence: confidence(f),
        metric: f.metric.as_deref().map_or_else(|| "—".to_string(), clean),
        placed: parts.is_some(),
        before: parts.map(|p| clean(p.before)).unwrap_or_default(),
        claim: clean(parts.map_or(f.text.as_str(), |p| p.claim)),
        after: parts.map(|p| clean(p.after)).unwrap_or_default(),
        sentence: clean(&f.sentence),
        explanation: clean(&f.explanation),
        ignored: f.ignored.as_deref().map(clean),
        baselined: f.baselined,
        evidence: f.evidence.iter().map(row).collect(),
    }
}

/// A verdict's word on the page.
fn label(v: Verdict) -> &'static str {
    match v {
        Verdict::Supported => "Supported",
        Verdict::Contradicted => "Contradicted",
        Verdict::Unverifiable => "Unverifiable",
    }
}

/// A verdict's symbol on the page.
fn symbol(v: Verdict) -> &'static str {
    match v {
        Verdict::Supported => "✓",
        Verdict::Contradicted => "✗",
        Verdict::Unverifiable => "?",
    }
}

/// What the evidence rows say, in a few words: each row's value (its
/// range when it has one) and date; a date value with its metric's name
/// ("start_date 2011-03-15"); for a derived claim, the ratio of the rows
/// too.
fn data_says(f: &Finding) -> Option<String> {
    let rows: Vec<String> = f
        .evidence
        .iter()
        .map(|e| {
            let value = match e.value {
                EvidenceValue::Number(_) => e.value.to_string(),
                EvidenceValue::Date(_) => format!("{} {}", clean(&e.metric), e.value),
            };
            let range = match (e.low, e.high) {
                (None, None) => String::new(),
                (low, high) => format!(
                    "; range {}–{}",
                    low.map(grouped).unwrap_or_default(),
                    high.map(grouped).unwrap_or_default()
                ),
            };
            // An event's date is its value: not said twice.
            if e.value.to_string() == e.date && range.is_empty() {
                value
            } else {
                format!("{value} ({}{range})", clean(&e.date))
            }
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    let mut says = format!("the data says: {}", rows.join(" and "));
    if let Some(computed) = f.derived.as_ref().and_then(|d| d.computed) {
        says.push_str(&format!(", a ratio of {}", grouped(computed)));
    }
    Some(says)
}

/// The claims' as-of dates: the one date, up to three listed, or the
/// first and the last and how many.
fn claims_as_of(report: &Report) -> Option<String> {
    let mut dates: Vec<_> = report.claims.iter().map(|f| f.as_of).collect();
    dates.sort_unstable();
    dates.dedup();
    let shown: Vec<String> = dates.iter().map(ToString::to_string).collect();
    match shown.len() {
        0 => None,
        1..=3 => Some(shown.join(", ")),
        n => Some(format!("{} to {} ({n} dates)", shown[0], shown[n - 1])),
    }
}

/// A document's title: its own (an article's front matter), else its file
/// name without the folder and extension.
fn title(d: &Document) -> String {
    match d.title.as_deref().filter(|t| !t.trim().is_empty()) {
        Some(t) => clean(t),
        None => clean(
            &std::path::Path::new(&d.name)
                .file_stem()
                .map_or_else(|| d.name.clone(), |s| s.to_string_lossy().into_owned()),
        ),
    }
}

fn row(e: &Evidence) -> Row {
    Row {
        dataset: clean(&e.dataset),
        file: clean(&e.file),
        line: e.line,
        entity: clean(&e.entity),
        metric: clean(&e.metric),
        value: e.value.to_string(),
        date: clean(&e.date),
        source: clean(&e.source),
        url: is_web_url(&e.url).then(|| e.url.clone()),
    }
}

/// An article cut into plain runs and claims. A claim is highlighted only
/// where its span lies inside the text, on character boundaries, holds the
/// claim's words and does not overlap an earlier claim.
fn document(d: &Document, report: &Report) -> Doc {
    let mut placed: Vec<(usize, usize, usize)> = report
        .claims
        .iter()
        .enumerate()
        .filter(|(_, f)| *f.document == *d.name)
        .filter_map(|(i, f)| {
            let start = f.span.start.checked_sub(d.offset)?;
            let end = f.span.end.checked_sub(d.offset)?;
            (start < end && d.text.get(start..end) == Some(f.text.as_str())).then_some((
                start,
                end,
                i + 1,
            ))
        })
        .collect();
    placed.sort_by_key(|p| (p.0, p.2));
    let mut segments = Vec::new();
    let mut cursor = 0;
    for (start, end, n) in placed {
        if start < cursor {
            continue;
        }
        if start > cursor {
            segments.push(Segment {
                text: clean(&d.text[cursor..start]),
                claim: None,
            });
        }
        segments.push(Segment {
            text: clean(&d.text[start..end]),
            claim: Some(n),
        });
        cursor = end;
    }
    if cursor < d.text.len() {
        segments.push(Segment {
            text: clean(&d.text[cursor..]),
            claim: None,
        });
    }
    Doc {
        name: clean(&d.name),
        title: Some(title(d)),
        url: d
            .url
            .as_deref()
            .filter(|u| is_web_url(u))
            .map(str::to_string),
        segments,
    }
}

pub(super) fn render(
    report: &Report,
    documents: &[Document],
    template: Option<Template>,
) -> Result<String, RenderError> {
    // The built-in page is ours and ends; a user's runs on fuel, and its
    // errors are theirs to fix, at their file and line.
    let fuel = template.map(|_| fuel_for(report, documents));
    let user_error = |e: minijinja::Error| match template {
        Some(t) => RenderError::Template(Box::new(problem(t.file, &e, fuel.unwrap_or(0)))),
        None => RenderError::Builtin(e),
    };
    let mut env = environment().map_err(user_error)?;
    env.set_fuel(fuel);
    env.add_template("report.html", template.map_or(TEMPLATE, |t| t.text))
        .map_err(user_error)?;
    env.get_template("report.html")
        .and_then(|t| t.render(minijinja::value::Serde(&page(report, documents))))
        .map_err(user_error)
}

/// The values a template gets.
fn page(report: &Report, documents: &[Document]) -> Page {
    Page {
        version: clean(&report.claimcheck_version),
        as_of: clean(&report.as_of),
        claims_as_of: claims_as_of(report),
        summary: report.summary.clone(),
        attention: [Verdict::Contradicted, Verdict::Unverifiable]
            .into_iter()
            .flat_map(|v| {
                report
                    .claims
                    .iter()
                    .enumerate()
                    .filter(move |(_, f)| f.verdict == v)
                    .map(|(i, _)| i + 1)
            })
            .collect(),
        coverage: super::coverage_line(report),
        ignored: report.claims.iter().filter(|f| f.ignored.is_some()).count(),
        baselined: report.claims.iter().filter(|f| f.baselined).count(),
        claims: report
            .claims
            .iter()
            .enumerate()
            .map(|(i, f)| claim(i + 1, f))
            .collect(),
        documents: documents.iter().map(|d| document(d, report)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use crate::report::{fixture, render, render_with, Document, Extras, Format, RenderOptions};

    fn html() -> String {
        render(&fixture::report(), Format::Html, &RenderOptions::default()).unwrap()
    }

    /// The fixture's first two claims sit in one article at their spans.
    fn article() -> Document {
        let r = fixture::report();
        let (a, b) = (&r.claims[0], &r.claims[1]);
        let mut text = " ".repeat(a.sentence_start - 100);
        text.push_str(&a.sentence);
        text.push_str(&" ".repeat(b.sentence_start - 100 - text.len()));
        text.push_str(&b.sentence);
        text.push_str("\nThe end <img src=x onerror=alert(1)>.\n");
        Document {
            name: a.document.to_string(),
            title: Some("War <em>now</em>".into()),
            url: Some("https://example.org/a".into()),
            text,
            offset: 100,
        }
    }

    fn with_article(template: Option<&str>) -> Result<String, crate::report::RenderError> {
        let docs = [article()];
        render_with(
            &fixture::report(),
            Format::Html,
            &RenderOptions::default(),
            &Extras {
                documents: &docs,
                template: template.map(|text| crate::report::Template {
                    file: "newsroom.html.j2",
                    text,
                }),
            },
        )
    }

    #[test]
    fn marks_each_claim_in_its_sentence() {
        let out = html();
        assert!(out.starts_with("<!DOCTYPE html>"));
        assert!(out.trim_end().ends_with("</html>"));
        assert_eq!(out.matches("<mark ").count(), 3);
        assert!(out.contains(
            "has wounded <mark class=\"verdict-supported\" data-claim-id=\"article.md#1\">nearly two million</mark> people."
        ));
        assert!(out.contains("<mark class=\"verdict-contradicted\" data-claim-id=\"article.md#2\">about 170 million</mark>"));
        assert!(out.contains("<td>3</td><td>1</td><td>1</td><td>1</td><td>0</td><td>0</td>"));
        assert!(out.contains("confidence 0.91"));
        assert!(out.contains("(unknown_entity)"));
        assert!(out.contains(
            "<a href=\"https:&#x2f;&#x2f;example.org&#x2f;scpr?a=1&amp;b=2\">Syrian Centre for Policy Research</a>"
        ));
    }

    #[test]
    fn article_text_with_claims_highlighted_and_a_panel() {
        let out = with_article(None).unwrap();
        assert!(out.contains("<div class=\"article-text\">"));
        assert!(out.contains("<mark class=\"claim verdict-supported\" data-claim-id=\"article.md#1\" tabindex=\"0\"><a href=\"#claim-1\">nearly two million</a><span class=\"symbol\" aria-hidden=\"true\">✓</span><span class=\"panel\" role=\"tooltip\">"));
        assert!(out.contains("<mark class=\"claim verdict-contradicted\" data-claim-id=\"article.md#2\" tabindex=\"0\"><a href=\"#claim-2\">about 170 million</a>"));
        assert!(out.contains("War &lt;em&gt;now&lt;&#x2f;em&gt;</a></h2>"));
        assert!(out.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(!out.contains("<img"));
    }

    #[test]
    fn ignored_and_baselined_are_shown() {
        let mut r = fixture::report();
        r.claims[0].ignored = Some("court <b>filing</b>".into());
        r.claims[1].baselined = true;
        let out = render(&r, Format::Html, &RenderOptions::default()).unwrap();
        assert!(out.contains("ignored: court &lt;b&gt;filing&lt;&#x2f;b&gt;"));
        assert!(out.contains("baselined: accepted in the baseline"));
        assert!(out.contains("<td>1</td><td>1</td></tr>"));
    }

    #[test]
    fn a_user_template_is_autoescaped_too() {
        let out = with_article(Some(
            "{% for c in claims %}[{{ c.verdict }} {{ c.sentence }}]{% endfor %}{{ documents[0].title }}",
        ))
        .unwrap();
        assert!(out.starts_with("[supported The conflict"));
        assert!(out.contains("&lt;script&gt;"));
        assert!(out.ends_with("War &lt;em&gt;now&lt;&#x2f;em&gt;"));
        assert!(with_article(Some("{% for %}")).is_err());
    }

    /// The user's file and line, the engine's message once, a hint; and
    /// the same problem before a check runs.
    #[test]
    fn a_user_template_error_names_its_file_and_line() {
        let text = "<p>\n{% for %}\n";
        let Err(crate::report::RenderError::Template(p)) = with_article(Some(text)) else {
            panic!("a syntax error renders");
        };
        assert_eq!((p.file.as_str(), p.line), ("newsroom.html.j2", Some(2)));
        assert_eq!(p.message.matches("syntax error").count(), 1, "{p}");
        assert!(!p.to_string().contains("report.html"), "{p}");
        assert!(p.hint.contains("docs.rs/minijinja"), "{p}");
        let early = super::check_template(&crate::report::Template {
            file: "newsroom.html.j2",
            text,
        })
        .unwrap_err();
        assert_eq!(early, *p);
    }

    /// The built-in page as a user's template renders the same bytes, well
    /// within a user template's fuel.
    #[test]
    fn the_built_in_page_fits_a_user_templates_fuel() {
        assert_eq!(
            with_article(Some(super::TEMPLATE)).unwrap(),
            with_article(None).unwrap()
        );
        let docs = [article()];
        let report = fixture::report();
        let mut env = super::environment().unwrap();
        env.set_fuel(Some(super::fuel_for(&report, &docs)));
        env.add_template("page", super::TEMPLATE).unwrap();
        let page = super::page(&report, &docs);
        let captured = env
            .get_template("page")
            .unwrap()
            .render_captured(minijinja::value::Serde(&page))
            .unwrap();
        let (used, _) = captured.state().fuel_levels().unwrap();
        // What the budget gives per claim and per byte of text covers the
        // page alone, whatever the fixed part.
        let text: usize = docs.iter().map(|d| d.text.len()).sum();
        let per_part = 20_000 * report.claims.len() as u64 + text as u64;
        assert!(used * 4 < per_part, "{used} fuel of {per_part}");
    }

    /// A loop that would run for hours stops at its line, with a hint.
    #[test]
    fn a_runaway_template_runs_out_of_fuel() {
        let text = "<p>\n{% for a in range(100000) %}{% for b in range(100000) %}{{ a }}{% endfor %}{% endfor %}\n";
        let Err(crate::report::RenderError::Template(p)) = with_article(Some(text)) else {
            panic!("the loop ends");
        };
        assert_eq!(p.line, Some(2), "{p}");
        assert!(p.message.contains("fuel"), "{p}");
        assert!(p.hint.contains("loop"), "{p}");
    }

    #[test]
    fn input_cannot_inject_markup() {
        for out in [html(), with_article(None).unwrap()] {
            assert!(!out.contains("<script"));
            assert!(!out.contains("<b>") && !out.contains("<i>"));
            assert!(out.contains("&lt;script&gt;"));
            assert!(!out.contains("javascript:"));
            assert!(!out.contains('\0') && !out.contains('\x1b') && !out.contains('\u{fffe}'));
        }
        assert_eq!(html(), html(), "deterministic");
    }
}
