//! report: one [`Report`] model, many renderers. Each output format lives in
//! its own file and turns a finished report into bytes: a `String`
//! ([`render`]) or into a writer the caller gives ([`write_with`]: the
//! per-claim formats write their claims there while they render them).
//!
//! This stage owns presentation only. Renderers never recompute: verdicts,
//! confidences, explanations and evidence are printed as the verify stage set
//! them, in the order the report lists them. Renderers open no file (the CLI
//! says where the bytes go) and never panic on odd input: spans
//! that do not fit their sentence are drawn without an underline, and text
//! from articles or reference files is escaped for the target format
//! (terminal control characters, Markdown, HTML, XML, CSV formulas, GitHub
//! workflow commands).

use std::fmt;
use std::str::FromStr;

use crate::model::{Finding, Report, Verdict};

mod claimreview;
mod csv;
mod github;
mod html;
pub(crate) mod json;
mod jsonl;
mod junit;
mod markdown;
mod sarif;
pub(crate) mod stream;
mod text;

#[cfg(test)]
pub(crate) mod fixture;

pub use html::{check_template, Template, TEMPLATE as HTML_TEMPLATE};
pub use jsonl::{line as jsonl_line, write_claims as write_jsonl};

/// An output format of `claimcheck check --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// The whole report, pretty-printed (the contract: docs/report.md).
    Json,
    /// One JSON object per claim per line; no summary.
    Jsonl,
    /// For people at a terminal: each claim underlined in its sentence.
    Text,
    /// A Markdown page: summary table and a table of claims.
    #[value(alias = "md")]
    Markdown,
    /// One row per claim, spreadsheet-safe.
    Csv,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// JUnit XML: a testsuite per document, a testcase per claim.
    Junit,
    /// One standalone HTML page.
    Html,
    /// schema.org ClaimReview JSON-LD, one per checked claim.
    Claimreview,
}

impl Format {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [Format; 10] = [
        Format::Json,
        Format::Jsonl,
        Format::Text,
        Format::Markdown,
        Format::Csv,
        Format::Github,
        Format::Sarif,
        Format::Junit,
        Format::Html,
        Format::Claimreview,
    ];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Csv => "csv",
            Format::Github => "github",
            Format::Sarif => "sarif",
            Format::Junit => "junit",
            Format::Html => "html",
            Format::Claimreview => "claimreview",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A format name that `claimcheck` does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown format {0:?}: expected one of json, jsonl, text, markdown (md), csv, github, sarif, junit, html, claimreview")]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Format, UnknownFormat> {
        let lower = s.trim().to_ascii_lowercase();
        if lower == "md" {
            return Ok(Format::Markdown);
        }
        Format::ALL
            .into_iter()
            .find(|f| f.name() == lower)
            .ok_or_else(|| UnknownFormat(s.to_string()))
    }
}

/// How to render, beyond the format itself.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RenderOptions {
    /// ANSI colours in `text` output (the CLI sets it for a terminal).
    /// Other formats ignore it.
    pub color: bool,
    /// The display columns `text` output fits a claim's sentence into
    /// (the part around the claim, cut with `…`), so its underline stays
    /// on the next row; `None`: whole sentences, however long. Other
    /// formats ignore it.
    pub width: Option<usize>,
}

/// Where the verdicts and reason codes are explained (docs/reasons.md, as
/// `claimcheck explain CODE` prints them); a code's section is
/// [`reason_url`].
pub const REASONS_URL: &str = "https://github.com/claimcheck/claimcheck/blob/main/docs/reasons.md";

/// The web address of the explanation of a verdict or reason code
/// (`contradicted`, `no_metric`, ...).
pub fn reason_url(code: &str) -> String {
    format!("{REASONS_URL}#{code}")
}

/// What the formats other systems consume (`github`, `sarif`,
/// `claimreview`) take beyond the report. Other formats ignore it.
#[derive(Clone, Copy, Debug, Default)]
pub struct ConsumerOptions<'a> {
    /// Report supported claims too (`--include-supported`). By default
    /// `github` and `sarif` show only what fails or warns.
    pub include_supported: bool,
    /// The newsroom that publishes the ClaimReviews (`publisher_name`,
    /// `publisher_url` in claimcheck.toml).
    pub publisher: Publisher<'a>,
    /// The articles' front matter, for `claimreview`.
    pub articles: &'a [Article],
}

/// Who publishes a report's ClaimReviews. Unset, they are claimcheck's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Publisher<'a> {
    pub name: Option<&'a str>,
    pub url: Option<&'a str>,
}

/// What an article says about itself, in its front matter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Article {
    /// The name findings carry in [`Finding::document`].
    pub name: String,
    pub title: Option<String>,
    /// The article's `date`: when it was published.
    pub date: Option<crate::model::Date>,
}

/// An article's text, for renderers that show whole documents (`html`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    /// The name findings carry in [`Finding::document`].
    pub name: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub text: String,
    /// Where `text` starts in the coordinates of [`crate::model::Span`]
    /// (its byte offset in the file).
    pub offset: usize,
}

/// What some renderers use besides the report: the articles' text and a
/// user's HTML template (`--template`). Other formats ignore them.
#[derive(Clone, Copy, Debug, Default)]
pub struct Extras<'a> {
    pub documents: &'a [Document],
    pub template: Option<Template<'a>>,
}

/// Why a report could not be rendered. With a well-formed [`Report`] these
/// do not happen; they are passed on rather than unwrapped.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("could not write JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("could not write CSV: {0}")]
    Csv(#[from] ::csv::Error),
    /// A `--template` that cannot render: its file, line, what went
    /// wrong and a hint.
    #[error("{0}")]
    Template(Box<crate::model::Problem>),
    /// The built-in HTML page failed (a bug: it renders every report).
    #[error("could not render the built-in HTML page: {0}")]
    Builtin(minijinja::Error),
    #[error("renderer produced invalid UTF-8")]
    Utf8(#[from] std::string::FromUtf8Error),
}

/// Why a report could not be written: it could not be rendered, or the
/// writer failed.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

impl From<serde_json::Error> for WriteError {
    fn from(e: serde_json::Error) -> WriteError {
        WriteError::Render(e.into())
    }
}

/// Render `report` in `format`. The same report always gives the same bytes.
pub fn render(
    report: &Report,
    format: Format,
    options: &RenderOptions,
) -> Result<String, RenderError> {
    render_with(report, format, options, &Extras::default())
}

/// Render `report` in `format`, with the articles' text and template that
/// the `html` format can show: the bytes [`write_with`] writes.
pub fn render_with(
    report: &Report,
    format: Format,
    options: &RenderOptions,
    extras: &Extras,
) -> Result<String, RenderError> {
    render_for(report, format, options, extras, &ConsumerOptions::default())
}

/// Write `report` in `format` to `out`, with the articles' text and
/// template that the `html` format can show. The formats with one entry per
/// claim (json, jsonl, text) render their claims in parallel and write them
/// as they go (see [`stream`]); the others are rendered whole, then written,
/// so a render error leaves `out` untouched.
pub fn write_with(
    report: &Report,
    format: Format,
    options: &RenderOptions,
    extras: &Extras,
    out: &mut dyn std::io::Write,
) -> Result<(), WriteError> {
    write_for(
        report,
        format,
        options,
        extras,
        &ConsumerOptions::default(),
        out,
    )
}

/// Render `report` in `format` as [`write_for`] writes it.
pub fn render_for(
    report: &Report,
    format: Format,
    options: &RenderOptions,
    extras: &Extras,
    consumer: &ConsumerOptions,
) -> Result<String, RenderError> {
    let mut bytes = Vec::new();
    match write_for(report, format, options, extras, consumer, &mut bytes) {
        Ok(()) => Ok(String::from_utf8(bytes)?),
        Err(WriteError::Render(e)) => Err(e),
        Err(WriteError::Io(e)) => unreachable!("writing to memory failed: {e}"),
    }
}

/// [`write_with`], with the options of the formats other systems consume.
pub fn write_for(
    report: &Report,
    format: Format,
    options: &RenderOptions,
    extras: &Extras,
    consumer: &ConsumerOptions,
    out: &mut dyn std::io::Write,
) -> Result<(), WriteError> {
    let whole = match format {
        Format::Json => return json::write(report, out),
        Format::Jsonl => return jsonl::write(report, out),
        Format::Text => return text::write(report, options, out),
        Format::Markdown => markdown::render(report),
        Format::Csv => csv::render(report)?,
        Format::Github => github::render(report, consumer),
        Format::Sarif => sarif::render(report, consumer)?,
        Format::Junit => junit::render(report),
        Format::Html => html::render(report, extras.documents, extras.template)?,
        Format::Claimreview => claimreview::render(report, consumer)?,
    };
    out.write_all(whole.as_bytes())?;
    Ok(())
}

/// A finding's sentence cut around its claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct SentenceParts<'a> {
    pub before: &'a str,
    pub claim: &'a str,
    pub after: &'a str,
}

/// Cut the sentence around the claim: at `span.start - sentence_start` for
/// `span.end - span.start` bytes when that lands on character boundaries
/// inside the sentence, else at the first occurrence of the claim's text.
/// `None` when neither places it.
pub(crate) fn sentence_parts(f: &Finding) -> Option<SentenceParts<'_>> {
    let s: &str = &f.sentence;
    let by_span = f.span.start.checked_sub(f.sentence_start).and_then(|rel| {
        let len = f.span.end.checked_sub(f.span.start)?;
        let end = rel.checked_add(len)?;
        (len > 0 && end <= s.len() && s.is_char_boundary(rel) && s.is_char_boundary(end))
            .then_some((rel, end))
    });
    let (start, end) = match by_span {
        Some(r) => r,
        None if !f.text.is_empty() => {
            let at = s.find(f.text.as_str())?;
            (at, at + f.text.len())
        }
        None => return None,
    };
    Some(SentenceParts {
        before: &s[..start],
        claim: &s[start..end],
        after: &s[end..],
    })
}

/// Confidence as people read it: two decimals.
pub(crate) fn confidence(f: &Finding) -> String {
    format!("{:.2}", f.confidence)
}

/// The words for a verdict in headings and titles.
pub(crate) fn verdict_upper(v: Verdict) -> &'static str {
    match v {
        Verdict::Supported => "SUPPORTED",
        Verdict::Contradicted => "CONTRADICTED",
        Verdict::Unverifiable => "UNVERIFIABLE",
    }
}

/// `N claims: a supported, b contradicted, c unverifiable`
pub(crate) fn summary_line(report: &Report) -> String {
    let s = &report.summary;
    format!(
        "{} claim{}: {} supported, {} contradicted, {} unverifiable",
        s.claims,
        if s.claims == 1 { "" } else { "s" },
        s.supported,
        s.contradicted,
        s.unverifiable
    )
}

/// Which built-in catalog the claims were checked against: "catalog: World
/// Bank WDI core, version …, 51 tables", or that it was off.
pub(crate) fn catalog_line(report: &Report) -> String {
    match &report.catalog {
        Some(c) => format!(
            "catalog: {}, version {}, {} tables",
            c.name, c.version, c.tables
        ),
        None => "catalog: off (the reference folder alone)".to_string(),
    }
}

/// How much was checked and why the rest was not: "coverage: 41 quantity
/// mentions, 40 read as intervals, 35 matched to reference rows, 34 with a
/// verdict; not checked: no_metric 5, unknown_entity 2".
pub(crate) fn coverage_line(report: &Report) -> String {
    let c = &report.summary.coverage;
    let mut line = format!(
        "coverage: {} quantity mentions, {} read as intervals, {} matched to reference rows, {} with a verdict",
        c.found, c.normalized, c.resolved, c.verdict
    );
    if !c.unverifiable_reasons.is_empty() {
        let reasons: Vec<String> = c
            .unverifiable_reasons
            .iter()
            .map(|(r, n)| format!("{} {n}", r.as_str()))
            .collect();
        line.push_str("; not checked: ");
        line.push_str(&reasons.join(", "));
    }
    line
}

/// `k ignored, b baselined (reported, not failing)`, or `None` when no claim is either.
pub(crate) fn exempt_line(report: &Report) -> Option<String> {
    let ignored = report.claims.iter().filter(|f| f.ignored.is_some()).count();
    let baselined = report.claims.iter().filter(|f| f.baselined).count();
    (ignored + baselined > 0).then(|| {
        format!("{ignored} ignored, {baselined} baselined (reported, not failing the run)")
    })
}

/// How many checked claims `--format claimreview` leaves out because their
/// text has no http(s) web address for the review's `url`.
pub fn claimreview_without_url(report: &Report) -> usize {
    claimreview::without_url(report)
}

/// Whether a URL may be used as a link target (no `javascript:` and friends).
pub(crate) fn is_web_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixture;

    #[test]
    fn format_names_round_trip() {
        for f in Format::ALL {
            assert_eq!(f.name().parse::<Format>().unwrap(), f);
            assert_eq!(f.to_string(), f.name());
        }
        assert_eq!("md".parse::<Format>().unwrap(), Format::Markdown);
        assert_eq!("JSON".parse::<Format>().unwrap(), Format::Json);
        assert!("yaml".parse::<Format>().is_err());
    }

    #[test]
    fn clap_accepts_the_same_names() {
        use clap::ValueEnum;
        for f in Format::ALL {
            assert_eq!(<Format as ValueEnum>::from_str(f.name(), false).unwrap(), f);
        }
        assert_eq!(
            <Format as ValueEnum>::from_str("md", false).unwrap(),
            Format::Markdown
        );
    }

    #[test]
    fn sentence_parts_use_span_across_multibyte_chars() {
        let r = fixture::report();
        for f in &r.claims {
            let p = sentence_parts(f).expect("fixture claims sit in their sentences");
            assert_eq!(p.claim, f.text);
            assert_eq!(format!("{}{}{}", p.before, p.claim, p.after), &*f.sentence);
        }
    }

    #[test]
    fn sentence_parts_never_panic_on_bad_spans() {
        let mut f = fixture::report().claims[0].clone();
        // Inside a multi-byte character.
        let dash = f.sentence.find('—').unwrap();
        f.span.start = f.sentence_start + dash + 1;
        f.span.end = f.span.start + 3;
        let p = sentence_parts(&f).unwrap();
        assert_eq!(p.claim, f.text, "falls back to finding the text");
        // Past the end, before the start, reversed.
        for (s, e) in [(10_000, 10_010), (0, 5), (f.span.end, f.span.start)] {
            f.span.start = s;
            f.span.end = e;
            let _ = sentence_parts(&f);
        }
        f.text = "not in the sentence".into();
        assert_eq!(sentence_parts(&f), None);
        f.text.clear();
        assert_eq!(sentence_parts(&f), None);
    }

    #[test]
    fn every_format_renders_an_empty_report() {
        let mut r = fixture::report();
        r.claims.clear();
        r.summary = crate::model::Summary::of(&r.claims);
        for f in Format::ALL {
            render(&r, f, &RenderOptions::default()).unwrap();
        }
    }

    #[test]
    fn web_urls_only() {
        assert!(is_web_url("https://example.org/a?b=c"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("https://x y"));
        assert!(!is_web_url(""));
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;
    use crate::report::fixture;

    proptest! {
        /// Whatever the sentence, span and text, every renderer returns
        /// (no panic on char boundaries or out-of-range offsets), and a
        /// placed claim is a slice of its sentence.
        #[test]
        fn renderers_never_panic(
            sentence in "\\PC{0,40}",
            text in "\\PC{0,8}",
            sentence_start in 0usize..50,
            start in 0usize..100,
            len in 0usize..20,
        ) {
            let mut r = fixture::report();
            let f = &mut r.claims[0];
            f.sentence = sentence.into();
            f.text = text;
            f.sentence_start = sentence_start;
            f.span.start = start;
            f.span.end = start + len;
            if let Some(p) = sentence_parts(&r.claims[0]) {
                let s = &r.claims[0].sentence;
                prop_assert_eq!(format!("{}{}{}", p.before, p.claim, p.after), s.to_string());
            }
            for format in Format::ALL {
                for color in [false, true] {
                    let options = RenderOptions {
                        color,
                        width: Some(40),
                    };
                    render(&r, format, &options).unwrap();
                }
            }
        }
    }
}
