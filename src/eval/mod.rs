//! eval: how often the verdicts are right, measured on a labelled set.
//!
//! Reads a labelled claim file (`id,text,as_of,expected_verdict,phrase_kind,
//! note`, see tests/eval/README.md), runs every row through the real stages
//! (extract → resolve → verify, with the row's `as_of`) and compares the
//! verdict with the label: accuracy, precision and recall per verdict, the
//! confusion matrix, calibration of `confidence` (Brier score, expected
//! calibration error, reliability table), coverage, accuracy per phrase kind
//! and the misclassified rows grouped into error classes. It also fits the
//! confidence model (`fit`), with 5-fold cross-validation so the calibration
//! figures are measured on rows the model was not fitted on.
//!
//! **Which claim is the row's verdict.** A row may hold several quantities
//! ("two quantities" rows). The row's verdict is that of its *checkable*
//! claim: the first finding that is supported or contradicted; else the first
//! whose reason is not `no_metric` (a quantity with a metric that could not be
//! checked); else the first finding.
//!
//! Pure except for [`read_labelled`]'s caller: no file access, no printing.

pub mod fit;
pub mod metrics;
pub mod render;

use crate::ingest::{self, Origin, Source, SourceKind};
use crate::model::{AsOfSource, Date, Finding, Problem, Reason, Verdict};
use crate::pipeline;
use crate::resolve::Index;
use crate::verify::{self, confidence::Features};

pub use metrics::{Floors, Metrics};

/// The columns of a labelled claim file, in order.
pub const COLUMNS: [&str; 6] = [
    "id",
    "text",
    "as_of",
    "expected_verdict",
    "phrase_kind",
    "note",
];

const HINT: &str = "a labelled claim file has the header id,text,as_of,expected_verdict,phrase_kind,note (see tests/eval/README.md)";

/// One labelled claim.
#[derive(Clone, Debug, PartialEq)]
pub struct Labelled {
    pub id: String,
    pub text: String,
    pub as_of: Date,
    pub expected: Verdict,
    pub phrase_kind: String,
    pub note: String,
    /// Line of the row in its file.
    pub line: u64,
}

/// Parse a verdict as written in a label.
pub fn parse_verdict(s: &str) -> Option<Verdict> {
    match s.trim() {
        "supported" => Some(Verdict::Supported),
        "contradicted" => Some(Verdict::Contradicted),
        "unverifiable" => Some(Verdict::Unverifiable),
        _ => None,
    }
}

/// Read a labelled claim file; every bad row is a problem naming its line.
pub fn read_labelled(name: &str, text: &str) -> Result<Vec<Labelled>, Vec<Problem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let mut problems = Vec::new();
    match reader.headers() {
        Ok(h) => {
            let got: Vec<&str> = h.iter().map(str::trim).collect();
            if got != COLUMNS {
                return Err(vec![Problem::new(
                    name,
                    Some(1),
                    format!("the header is \"{}\"", got.join(",")),
                    HINT,
                )]);
            }
        }
        Err(e) => {
            return Err(vec![Problem::new(
                name,
                Some(1),
                format!("cannot read the header: {e}"),
                HINT,
            )])
        }
    }
    let mut rows = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(Problem::new(
                    name,
                    e.position().map(|p| p.line()),
                    format!("malformed row: {e}"),
                    "every row needs six fields; quote fields that contain commas",
                ));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let field = |i: usize| record.get(i).unwrap_or("").trim();
        let mut bad = |message: String, hint: &str| {
            problems.push(Problem::new(name, Some(line), message, hint));
        };
        let id = field(0);
        if id.is_empty() {
            bad("row has no id".into(), "give every row an id");
            continue;
        }
        if let Some(first) = seen.insert(id.to_string(), line) {
            bad(
                format!("duplicate id \"{id}\" (first used on line {first})"),
                "give every row its own id",
            );
            continue;
        }
        if field(1).is_empty() {
            bad(format!("row {id} has no text"), "write the claim sentence");
            continue;
        }
        let as_of = match ingest::parse_as_of(field(2)) {
            Ok(d) => d,
            Err(m) => {
                bad(format!("as_of: {m}"), "every labelled row needs its date");
                continue;
            }
        };
        let Some(expected) = parse_verdict(field(3)) else {
            bad(
                format!("expected_verdict \"{}\" is not a verdict", field(3)),
                "write supported, contradicted or unverifiable",
            );
            continue;
        };
        rows.push(Labelled {
            id: id.to_string(),
            text: record.get(1).unwrap_or("").to_string(),
            as_of,
            expected,
            phrase_kind: match field(4) {
                "" => "none".to_string(),
                k => k.to_string(),
            },
            note: field(5).to_string(),
            line,
        });
    }
    if rows.is_empty() && problems.is_empty() {
        problems.push(Problem::new(
            name,
            Some(1),
            "no labelled rows",
            "add rows below the header",
        ));
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

/// What the pipeline made of one labelled row.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub id: String,
    pub expected: Verdict,
    pub got: Verdict,
    /// The confidence the pipeline reported (embedded parameters).
    pub confidence: f64,
    pub features: Features,
    pub reason: Option<Reason>,
    pub explanation: String,
    pub phrase_kind: String,
    /// The claim the verdict was taken from, and how many the row held.
    pub claim_text: String,
    pub claims: usize,
    /// Every finding of the row (for coverage).
    pub findings: Vec<Finding>,
}

impl Outcome {
    pub fn correct(&self) -> bool {
        self.expected == self.got
    }
}

/// The index of the finding that stands for the row (see the module docs).
pub fn checkable(findings: &[Finding]) -> usize {
    findings
        .iter()
        .position(|f| f.verdict != Verdict::Unverifiable)
        .or_else(|| {
            findings
                .iter()
                .position(|f| f.reason != Some(Reason::NoMetric))
        })
        .unwrap_or(0)
}

/// Run every labelled row through extract, resolve and verify.
pub fn run(rows: &[Labelled], index: &Index) -> Vec<Outcome> {
    let sources: Vec<Source> = rows
        .iter()
        .map(|row| Source {
            document: "eval".into(),
            kind: SourceKind::ClaimRow { id: row.id.clone() },
            text: row.text.clone(),
            origin: Origin {
                byte: None,
                line: row.line as usize,
                column: 1,
            },
            date: Some(row.as_of),
            title: None,
            url: None,
            ignore: None,
        })
        .collect();
    // Every row has its own as-of date; this default is never used.
    let settings = pipeline::Settings::new(
        rows.first().map_or(Date::constant(2000, 1, 1), |r| r.as_of),
        AsOfSource::Claim,
    );
    let scored = pipeline::check_each(&sources, index, &settings, &|| {}, |claim, resolved| {
        verify::verify_with_features(claim, resolved, index)
    });
    rows.iter()
        .zip(scored)
        .map(|(row, scored)| {
            let pick = checkable(&scored.iter().map(|(f, _)| f.clone()).collect::<Vec<_>>());
            let (f, features) = &scored[pick];
            Outcome {
                id: row.id.clone(),
                expected: row.expected,
                got: f.verdict,
                confidence: f.confidence,
                features: *features,
                reason: f.reason,
                explanation: f.explanation.clone(),
                phrase_kind: row.phrase_kind.clone(),
                claim_text: f.text.clone(),
                claims: scored.len(),
                findings: scored.into_iter().map(|(f, _)| f).collect(),
            }
        })
        .collect()
}
