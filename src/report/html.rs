//! `--format html`: one standalone page (inline CSS, no JavaScript, nothing
//! fetched): the summary; each article's text with every claim highlighted
//! by verdict (`<mark class="claim verdict-…">`) and a panel that opens on
//! hover or keyboard focus with the verdict, confidence and explanation; and
//! beside it one card per claim with its sentence, verdict, confidence,
//! explanation and evidence rows (linked to their sources).
//!
//! The page is a minijinja template with HTML autoescaping on for every
//! value; control characters are replaced before rendering, and a source is
//! a link only when its URL is http(s). `--template FILE` replaces the
//! built-in template ([`TEMPLATE`]); it gets the same context and the same
//! autoescaping, documented in README.md ("Editorial CI").

use minijinja::{AutoEscape, Environment};
use serde::Serialize;

use crate::model::{Evidence, Finding, Report, Summary};

use super::{confidence, is_web_url, sentence_parts, Document, RenderError};

/// The built-in page template.
pub const TEMPLATE: &str = include_str!("report.html.j2");

#[derive(Serialize)]
struct Page {
    version: String,
    as_of: String,
    summary: Summary,
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
    reason: Option<&'static str>,
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
        reason: f.reason.map(|r| r.as_str()),
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
        title: d.title.as_deref().map(clean),
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
    template: Option<&str>,
) -> Result<String, RenderError> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    env.set_syntax(
        minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()?,
    );
    env.add_template("report.html", template.unwrap_or(TEMPLATE))?;
    let page = Page {
        version: clean(&report.claimcheck_version),
        as_of: clean(&report.as_of),
        summary: report.summary.clone(),
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
    };
    Ok(env
        .get_template("report.html")?
        .render(minijinja::value::Serde(&page))?)
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
                template,
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
        assert!(out.contains("<mark class=\"claim verdict-supported\" data-claim-id=\"article.md#1\" tabindex=\"0\"><a href=\"#claim-1\">nearly two million</a><span class=\"panel\" role=\"tooltip\">"));
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
