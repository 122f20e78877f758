//! A hand-built report for the renderers' tests: one supported claim with
//! evidence, one contradicted claim with evidence, one unverifiable claim
//! with a reason, and text chosen to break naive renderers (a formula, a
//! script tag, a pipe, backticks, control characters, characters XML 1.0
//! forbids, and multi-byte characters before a claim).

use crate::model::{
    Bound, Evidence, EvidenceValue, Finding, Interval, Quantity, QuantityKind, Reason, Report,
    Span, SubjectMatch, Unit, Verdict,
};

/// Place `text` inside `sentence`, which starts at byte `sentence_start` of
/// its document on `line`, and build the span a real extractor would give.
fn span(sentence: &str, sentence_start: usize, text: &str, line: usize) -> Span {
    let rel = sentence
        .find(text)
        .expect("fixture text is in its sentence");
    Span {
        start: sentence_start + rel,
        end: sentence_start + rel + text.len(),
        line,
        column: sentence[..rel].chars().count() + 1,
    }
}

pub(crate) fn report() -> Report {
    let as_of = jiff::civil::date(2017, 11, 11);

    let s1 =
        "The conflict in Syria — now in its sixth year — has wounded nearly two million people.";
    let t1 = "nearly two million";
    let supported = Finding {
        id: "article.md#1".into(),
        document: "claims/article.md".into(),
        url: Some("https://example.org/news/syria?a=1&b=2".into()),
        span: span(s1, 120, t1, 3),
        text: t1.into(),
        sentence: s1.into(),
        sentence_start: 120,
        subject: Some(SubjectMatch {
            mention: "Syria".into(),
            entity: Some("Syrian civil war".into()),
            score: Some(0.97),
        }),
        metric: Some("wounded".into()),
        quantity: Some(Quantity {
            interval: Interval::closed(1_800_000.0, 2_000_000.0).unwrap(),
            point: Some(2_000_000.0),
            unit: Unit::People,
            kind: QuantityKind::ApproxBelow,
        }),
        as_of,
        verdict: Verdict::Supported,
        confidence: 0.91,
        evidence: vec![Evidence {
            dataset: "conflicts".into(),
            file: "reference-data/conflicts.csv".into(),
            line: 7,
            entity: "Syrian civil war".into(),
            metric: "wounded".into(),
            value: EvidenceValue::Number(1_880_000.0),
            low: None,
            high: None,
            unit: Unit::People,
            date: "2016-02-11".into(),
            source: "Syrian Centre for Policy Research".into(),
            url: "https://example.org/scpr?a=1&b=2".into(),
        }],
        explanation: "claim ≈ 1.8M–2.0M; SCPR (2016-02-11) reports 1,880,000".into(),
        reason: None,
        ignored: None,
        baselined: false,
        derived: None,
    };

    let s2 = "Russia’s population is about 170 million <script>alert(1)</script> | `rm`.";
    let t2 = "about 170 million";
    let contradicted = Finding {
        id: "article.md#2".into(),
        document: "claims/article.md".into(),
        url: None,
        span: span(s2, 400, t2, 9),
        text: t2.into(),
        sentence: s2.into(),
        sentence_start: 400,
        subject: Some(SubjectMatch {
            mention: "Russia".into(),
            entity: Some("Russia".into()),
            score: Some(1.0),
        }),
        metric: Some("population".into()),
        quantity: Some(Quantity {
            interval: Interval::closed(153_000_000.0, 187_000_000.0).unwrap(),
            point: Some(170_000_000.0),
            unit: Unit::People,
            kind: QuantityKind::ApproxAround,
        }),
        as_of,
        verdict: Verdict::Contradicted,
        confidence: 0.88,
        evidence: vec![Evidence {
            dataset: "population".into(),
            file: "reference-data/population.csv".into(),
            line: 42,
            entity: "Russia".into(),
            metric: "population".into(),
            value: EvidenceValue::Number(145_300_000.0),
            low: Some(145_000_000.0),
            high: Some(145_600_000.0),
            unit: Unit::People,
            date: "2017".into(),
            source: "World Bank <b>WDI</b> | table".into(),
            url: "javascript:alert(1)".into(),
        }],
        explanation: "claim ≈ 153M–187M; World Bank (2017) reports 145,300,000 <i>".into(),
        reason: None,
        ignored: None,
        baselined: false,
        derived: None,
    };

    let s3 = "Café owners, 50% of them: =HYPERLINK(\"x\") more than\nthree million\u{1b}[31m\u{0}\u{fffe}.";
    let t3 = "=HYPERLINK(\"x\") more than";
    let unverifiable = Finding {
        id: "=HYPERLINK(\"x\"),row:7".into(),
        document: "claims/list, 2017:a%.csv".into(),
        url: Some("javascript:alert(1)".into()),
        span: span(s3, 0, t3, 2),
        text: t3.into(),
        sentence: s3.into(),
        sentence_start: 0,
        subject: Some(SubjectMatch {
            mention: "Café owners".into(),
            entity: None,
            score: None,
        }),
        metric: None,
        quantity: Some(Quantity {
            interval: Interval::new(Bound::Open(3_000_000.0), Bound::Unbounded).unwrap(),
            point: Some(3_000_000.0),
            unit: Unit::Count,
            kind: QuantityKind::LowerBound,
        }),
        as_of,
        verdict: Verdict::Unverifiable,
        confidence: 0.8,
        evidence: vec![],
        explanation: "-no reference entity for \"Café owners\"\r\n: 100% unknown\u{0}".into(),
        reason: Some(Reason::UnknownEntity),
        ignored: None,
        baselined: false,
        derived: None,
    };

    let catalog = crate::model::CatalogInfo {
        name: "World Bank WDI core".to_string(),
        version: "test-catalog".to_string(),
        tables: 51,
    };
    Report::new(
        as_of,
        Some(catalog),
        vec![supported, contradicted, unverifiable],
    )
}
