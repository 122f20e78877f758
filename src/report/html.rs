//! `--format html`: one standalone page (inline CSS, no JavaScript, nothing
//! fetched) with the summary and, per claim, its sentence with the claim
//! wrapped in `<mark class="verdict-…">`, beside the verdict, confidence,
//! explanation and evidence.
//!
//! The page is a minijinja template with HTML autoescaping on for every
//! value; control characters are replaced before rendering, and a source is
//! a link only when its URL is http(s).

use minijinja::{AutoEscape, Environment};
use serde::Serialize;

use crate::model::{Evidence, Finding, Report, Summary};

use super::{confidence, is_web_url, sentence_parts, RenderError};

const TEMPLATE: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>claimcheck report</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; color: #222; }
table.summary { border-collapse: collapse; margin-bottom: 2rem; }
table.summary th, table.summary td { border: 1px solid #ccc; padding: .25rem .75rem; text-align: right; }
.claim { display: grid; grid-template-columns: 3fr 2fr; gap: 1.5rem; border-top: 1px solid #ddd; padding: 1rem 0; }
.sentence { font-family: Georgia, serif; font-size: 1.1rem; margin: 0; white-space: pre-wrap; }
.location { color: #666; font-size: .85rem; }
dl { margin: 0; }
dt { font-weight: 600; font-size: .85rem; color: #555; }
dd { margin: 0 0 .5rem 0; }
mark { padding: 0 .15rem; border-radius: 3px; }
.verdict-supported mark, mark.verdict-supported { background: #c8f0c8; }
.verdict-contradicted mark, mark.verdict-contradicted { background: #f8c4c4; }
.verdict-unverifiable mark, mark.verdict-unverifiable { background: #fbeab0; }
.badge { font-weight: 700; text-transform: uppercase; }
.badge.verdict-supported { color: #1a7f1a; }
.badge.verdict-contradicted { color: #b3141d; }
.badge.verdict-unverifiable { color: #8a6500; }
</style>
</head>
<body>
<h1>claimcheck report</h1>
<p class="location">claimcheck {{ version }} · as of {{ as_of }}</p>
<table class="summary">
<tr><th>claims</th><th>supported</th><th>contradicted</th><th>unverifiable</th></tr>
<tr><td>{{ summary.claims }}</td><td>{{ summary.supported }}</td><td>{{ summary.contradicted }}</td><td>{{ summary.unverifiable }}</td></tr>
</table>
{% for c in claims %}
<section class="claim verdict-{{ c.verdict }}" id="claim-{{ loop.index }}">
<div>
<p class="location">{{ c.location }} · {{ c.id }}</p>
{% if c.placed %}
<p class="sentence">{{ c.before }}<mark class="verdict-{{ c.verdict }}">{{ c.claim }}</mark>{{ c.after }}</p>
{% else %}
<p class="sentence">{{ c.sentence }}</p>
<p>claim: <mark class="verdict-{{ c.verdict }}">{{ c.claim }}</mark></p>
{% endif %}
</div>
<dl>
<dt>verdict</dt>
<dd><span class="badge verdict-{{ c.verdict }}">{{ c.verdict }}</span>{% if c.reason %} ({{ c.reason }}){% endif %}, confidence {{ c.confidence }}</dd>
<dt>metric</dt>
<dd>{{ c.metric }}</dd>
<dt>explanation</dt>
<dd>{{ c.explanation }}</dd>
{% if c.evidence %}
<dt>evidence</dt>
{% for e in c.evidence %}
<dd>{{ e.entity }} · {{ e.metric }} = {{ e.value }} ({{ e.date }}), {% if e.url %}<a href="{{ e.url }}">{{ e.source }}</a>{% else %}{{ e.source }}{% endif %} <span class="location">{{ e.dataset }} {{ e.file }}:{{ e.line }}</span></dd>
{% endfor %}
{% endif %}
</dl>
</section>
{% else %}
<p>No claims found.</p>
{% endfor %}
</body>
</html>
"#;

#[derive(Serialize)]
struct Page {
    version: String,
    as_of: String,
    summary: Summary,
    claims: Vec<Claim>,
}

#[derive(Serialize)]
struct Claim {
    id: String,
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

fn claim(f: &Finding) -> Claim {
    let parts = sentence_parts(f);
    Claim {
        id: clean(&f.id),
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

pub(super) fn render(report: &Report) -> Result<String, RenderError> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    env.set_syntax(
        minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()?,
    );
    env.add_template("report.html", TEMPLATE)?;
    let page = Page {
        version: clean(&report.claimcheck_version),
        as_of: clean(&report.as_of),
        summary: report.summary.clone(),
        claims: report.claims.iter().map(claim).collect(),
    };
    Ok(env
        .get_template("report.html")?
        .render(minijinja::value::Serde(&page))?)
}

#[cfg(test)]
mod tests {
    use crate::report::{fixture, render, Format, RenderOptions};

    fn html() -> String {
        render(&fixture::report(), Format::Html, &RenderOptions::default()).unwrap()
    }

    #[test]
    fn marks_each_claim_in_its_sentence() {
        let out = html();
        assert!(out.starts_with("<!DOCTYPE html>"));
        assert!(out.trim_end().ends_with("</html>"));
        assert_eq!(out.matches("<mark ").count(), 3);
        assert!(out.contains(
            "has wounded <mark class=\"verdict-supported\">nearly two million</mark> people."
        ));
        assert!(out.contains("<mark class=\"verdict-contradicted\">about 170 million</mark>"));
        assert!(out.contains("<td>3</td><td>1</td><td>1</td><td>1</td>"));
        assert!(out.contains("confidence 0.91"));
        assert!(out.contains("(unknown_entity)"));
        assert!(out.contains(
            "<a href=\"https:&#x2f;&#x2f;example.org&#x2f;scpr?a=1&amp;b=2\">Syrian Centre for Policy Research</a>"
        ));
    }

    #[test]
    fn input_cannot_inject_markup() {
        let out = html();
        assert!(!out.contains("<script"));
        assert!(!out.contains("<b>") && !out.contains("<i>"));
        assert!(out.contains("&lt;script&gt;"));
        assert!(!out.contains("javascript:"));
        assert!(!out.contains('\0') && !out.contains('\x1b') && !out.contains('\u{fffe}'));
        assert_eq!(out, html(), "deterministic");
    }
}
