//! `--format csv`: one row per claim, for spreadsheets and scripts.
//!
//! Columns: id, document, line, column, text, verdict, confidence, metric,
//! entity, low, high, unit, kind, evidence_value, evidence_date, source,
//! explanation, ignored (the ignore marker's reason; empty when the claim
//! is not ignored), baselined (`true` when a baseline accepts the claim,
//! else `false`), url (the web address of the claim's text; may be empty).
//! A claim with several evidence rows has their values, dates and sources
//! joined with `"; "`. The last three columns came after the others, so a
//! script reading columns by position still finds them where they were.
//!
//! Spreadsheet-formula neutralisation: a cell that starts with `=`, `+`,
//! `-`, `@`, a tab or a carriage return gets a leading `'`, so opening the
//! file in a spreadsheet never evaluates article text. The one exception is
//! a cell that is just a number (`-0.5`, `1e6`), which stays a number.

use crate::model::{Finding, Report};
use crate::util::numfmt::plain;

use super::RenderError;

const HEADER: [&str; 20] = [
    "id",
    "document",
    "line",
    "column",
    "text",
    "verdict",
    "confidence",
    "metric",
    "entity",
    "low",
    "high",
    "unit",
    "kind",
    "evidence_value",
    "evidence_date",
    "source",
    "explanation",
    "ignored",
    "baselined",
    "url",
];

pub(super) fn render(report: &Report) -> Result<String, RenderError> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(HEADER)?;
    for f in &report.claims {
        w.write_record(row(f).iter().map(|c| neutralise(c).into_owned()))?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| ::csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8(bytes)?)
}

fn row(f: &Finding) -> [String; 20] {
    let join = |get: &dyn Fn(&crate::model::Evidence) -> String| {
        f.evidence.iter().map(get).collect::<Vec<_>>().join("; ")
    };
    let q = f.quantity.as_ref();
    [
        f.id.clone(),
        f.document.to_string(),
        f.span.line.to_string(),
        f.span.column.to_string(),
        f.text.clone(),
        f.verdict.as_str().to_string(),
        plain(f.confidence),
        f.metric.clone().unwrap_or_default(),
        f.subject
            .as_ref()
            .and_then(|s| s.entity.clone())
            .unwrap_or_default(),
        q.and_then(|q| q.interval.low_value())
            .map(plain)
            .unwrap_or_default(),
        q.and_then(|q| q.interval.high_value())
            .map(plain)
            .unwrap_or_default(),
        q.map(|q| q.unit.as_str().to_string()).unwrap_or_default(),
        q.map(|q| q.kind.as_str().to_string()).unwrap_or_default(),
        join(&|e| e.value.plain()),
        join(&|e| e.date.clone()),
        join(&|e| e.source.clone()),
        f.explanation.clone(),
        f.ignored.clone().unwrap_or_default(),
        f.baselined.to_string(),
        f.url.as_deref().unwrap_or_default().to_string(),
    ]
}

/// A plain decimal number, as `numfmt::plain` writes one.
fn is_number(s: &str) -> bool {
    let body = s.strip_prefix('-').unwrap_or(s);
    let (mantissa, exponent) = match body.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['+', '-']).unwrap_or(e))),
        None => (body, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((i, f)) => digits(i) && digits(f),
        None => digits(mantissa),
    };
    mantissa_ok && exponent.is_none_or(digits)
}

/// Prefix `'` to a cell a spreadsheet would read as a formula.
pub(crate) fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_number(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

#[cfg(test)]
mod tests {
    use super::{is_number, neutralise, HEADER};
    use crate::report::{fixture, render, Format, RenderOptions};

    fn records() -> Vec<csv::StringRecord> {
        let out = render(&fixture::report(), Format::Csv, &RenderOptions::default()).unwrap();
        let mut r = csv::Reader::from_reader(out.as_bytes());
        assert_eq!(r.headers().unwrap().iter().collect::<Vec<_>>(), HEADER);
        r.records().map(Result::unwrap).collect()
    }

    #[test]
    fn one_row_per_claim_with_the_columns() {
        let rows = records();
        assert_eq!(rows.len(), 3);
        let r = &rows[0];
        assert_eq!(&r[0], "article.md#1");
        assert_eq!(&r[1], "claims/article.md");
        assert_eq!(&r[2], "3");
        assert_eq!(&r[4], "nearly two million");
        assert_eq!(&r[5], "supported");
        assert_eq!(&r[6], "0.91");
        assert_eq!(&r[7], "wounded");
        assert_eq!(&r[8], "Syrian civil war");
        assert_eq!(&r[9], "1800000");
        assert_eq!(&r[10], "2000000");
        assert_eq!(&r[11], "people");
        assert_eq!(&r[12], "approx_below");
        assert_eq!(&r[13], "1880000");
        assert_eq!(&r[14], "2016-02-11");
        assert_eq!(&r[15], "Syrian Centre for Policy Research");
        assert_eq!(&r[17], "");
        assert_eq!(&r[18], "false");
        assert_eq!(&r[19], "https://example.org/news/syria?a=1&b=2");
        // Unbounded high end, no evidence: empty cells.
        assert_eq!(&rows[2][10], "");
        assert_eq!(&rows[2][13], "");
        assert_eq!(&rows[1][19], "");
    }

    #[test]
    fn ignored_and_baselined_have_columns() {
        let mut report = fixture::report();
        report.claims[0].ignored = Some("=court filing".into());
        report.claims[1].baselined = true;
        let out = render(&report, Format::Csv, &RenderOptions::default()).unwrap();
        let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(out.as_bytes())
            .records()
            .map(Result::unwrap)
            .collect();
        assert_eq!((&rows[0][17], &rows[0][18]), ("'=court filing", "false"));
        assert_eq!((&rows[1][17], &rows[1][18]), ("", "true"));
    }

    #[test]
    fn formulas_are_neutralised() {
        let rows = records();
        let r = &rows[2];
        assert_eq!(&r[0], "'=HYPERLINK(\"x\"),row:7");
        assert_eq!(&r[4], "'=HYPERLINK(\"x\") more than");
        assert!(r[16].starts_with("'-no reference entity"));
        for row in &rows {
            for c in row.iter() {
                assert!(
                    !c.starts_with(['=', '+', '-', '@', '\t', '\r']) || is_number(c),
                    "unneutralised cell {c:?}"
                );
            }
        }
    }

    #[test]
    fn neutralise_rules() {
        for bad in ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx", "-", "-1e"] {
            assert_eq!(neutralise(bad), format!("'{bad}"));
        }
        for ok in ["-5", "-0.5", "-1e6", "1E-3", "plain", "", "'=already"] {
            assert_eq!(neutralise(ok), ok);
        }
    }
}
