//! eval: how often the verdicts are right, measured on a labelled set.
//!
//! Reads labelled files of three shapes ([`read`]: one-sentence claims,
//! one-sentence claims labelled with their metric and unit family, and
//! figures in the articles of an archive; see tests/eval/README.md), runs
//! every row through the real stages (extract → resolve → verify, with the
//! row's `as_of`) and compares the verdict with the label: accuracy,
//! precision and recall per verdict, the confusion matrix, calibration of
//! `confidence` (Brier score, expected calibration error, reliability
//! table), coverage, accuracy per phrase kind, per labelled metric and per
//! unit family, and the misclassified rows grouped into error classes. It
//! also fits the confidence model (`fit`), with 5-fold cross-validation so
//! the calibration figures are measured on rows the model was not fitted on.
//!
//! **Which claim is the row's verdict.** A row may hold several quantities
//! ("two quantities" rows). The row's verdict is that of its *checkable*
//! claim: the first finding that is supported or contradicted; else the first
//! whose reason is not `no_metric` (a quantity with a metric that could not be
//! checked); else the first finding. A row naming a figure in an article
//! is checked as the whole article and takes the verdict of the finding
//! whose span overlaps the figure's bytes the most; when none does, the row
//! is unverifiable with reason `no_claim_found` and counted as not
//! extracted.
//!
//! Pure except for [`load`], which reads the files: no other file access, no
//! printing.

pub mod fit;
pub mod load;
pub mod metrics;
pub mod read;
pub mod render;
pub mod staleness;

use std::collections::HashMap;

use crate::ingest::{Origin, Source, SourceKind};
use crate::model::{AsOfSource, Date, Finding, Reason, Span, Verdict};
use crate::pipeline;
use crate::resolve::Index;
use crate::verify::{self, confidence::Features};

pub use metrics::{Floors, Metrics};
pub use read::{
    parse_verdict, read_archive, read_labelled, read_labelled_with, shape_of, Article, Articles,
    InArticle, Labelled, Shape, COLUMNS, METRICS_COLUMNS, REUTERS_COLUMNS, UNIT_FAMILIES,
};

/// What the pipeline made of one labelled row.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub id: String,
    pub expected: Verdict,
    pub got: Verdict,
    /// The confidence the pipeline reported (embedded parameters); 0 when
    /// no claim was found.
    pub confidence: f64,
    /// The confidence model's inputs; `None` when no claim was found.
    pub features: Option<Features>,
    pub reason: Option<Reason>,
    pub explanation: String,
    pub phrase_kind: String,
    /// The row's labelled metric and unit family (empty in the claims shape).
    pub metric: String,
    pub unit_family: String,
    /// The claim the verdict was taken from, and how many the row held.
    pub claim_text: String,
    pub claims: usize,
    /// Every finding of the row (for coverage); for a Reuters row only the
    /// one its verdict was taken from.
    pub findings: Vec<Finding>,
}

/// Why a row whose figure was not found as a claim is unverifiable.
pub const NO_CLAIM_FOUND: &str = "no_claim_found";

impl Outcome {
    pub fn correct(&self) -> bool {
        self.expected == self.got
    }

    /// Whether a claim was found for the row (always, for a one-sentence
    /// row; for a Reuters row, when a finding overlaps its figure).
    pub fn extracted(&self) -> bool {
        self.features.is_some()
    }

    /// The reason of an unverifiable verdict, `no_claim_found` when the
    /// row's figure was not extracted.
    pub fn reason_str(&self) -> Option<&'static str> {
        if self.extracted() {
            self.reason.map(Reason::as_str)
        } else {
            Some(NO_CLAIM_FOUND)
        }
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

/// The index of the finding whose span overlaps `[start, end)` the most
/// (the first of equals); `None` when none overlaps.
pub fn overlapping(
    spans: impl IntoIterator<Item = Span>,
    start: usize,
    end: usize,
) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, span) in spans.into_iter().enumerate() {
        let overlap = end.min(span.end).saturating_sub(start.max(span.start));
        if overlap > 0 && best.is_none_or(|(_, b)| overlap > b) {
            best = Some((i, overlap));
        }
    }
    best.map(|(i, _)| i)
}

/// The source a row is checked as: its sentence as a claim row, or (Reuters
/// shape) its whole article, built as `claimcheck check` builds an archive's
/// article.
fn source_of(row: &Labelled) -> Source {
    match &row.article {
        None => Source {
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
        },
        Some(a) => Source {
            document: a.document.clone(),
            kind: SourceKind::Article,
            text: a.body.to_string(),
            origin: Origin {
                byte: None,
                line: 1,
                column: 1,
            },
            date: Some(a.date),
            title: None,
            url: None,
            ignore: None,
        },
    }
}

/// Run every labelled row through extract, resolve and verify. A
/// one-sentence row takes the verdict of its checkable claim; a Reuters row
/// is checked as its whole article (each article once) and takes the
/// verdict of the finding that best overlaps its figure, or is unverifiable
/// with reason `no_claim_found` when none does.
pub fn run(rows: &[Labelled], index: &Index) -> Vec<Outcome> {
    // One source per sentence row, one per article (rows may share one).
    let mut sources = Vec::new();
    let mut by_article: HashMap<&str, usize> = HashMap::new();
    let source_index: Vec<usize> = rows
        .iter()
        .map(|row| match &row.article {
            Some(a) => *by_article.entry(a.document.as_str()).or_insert_with(|| {
                sources.push(source_of(row));
                sources.len() - 1
            }),
            None => {
                sources.push(source_of(row));
                sources.len() - 1
            }
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
        .zip(source_index)
        .map(|(row, s)| {
            let scored = &scored[s];
            let pick = match &row.article {
                None if scored.is_empty() => None,
                None => Some(checkable(
                    &scored.iter().map(|(f, _)| f.clone()).collect::<Vec<_>>(),
                )),
                Some(a) => overlapping(scored.iter().map(|(f, _)| f.span), a.start, a.end),
            };
            let Some(pick) = pick else {
                return Outcome {
                    id: row.id.clone(),
                    expected: row.expected,
                    got: Verdict::Unverifiable,
                    confidence: 0.0,
                    features: None,
                    reason: None,
                    explanation: match &row.article {
                        Some(a) => format!(
                            "no claim found at bytes [{}, {}) of {}",
                            a.start, a.end, a.document
                        ),
                        None => "no claim found".into(),
                    },
                    phrase_kind: row.phrase_kind.clone(),
                    metric: row.metric.clone(),
                    unit_family: row.unit_family.clone(),
                    claim_text: row.text.clone(),
                    claims: scored.len(),
                    findings: Vec::new(),
                };
            };
            let (f, features) = &scored[pick];
            Outcome {
                id: row.id.clone(),
                expected: row.expected,
                got: f.verdict,
                confidence: f.confidence,
                features: Some(*features),
                reason: f.reason,
                explanation: f.explanation.clone(),
                phrase_kind: row.phrase_kind.clone(),
                metric: row.metric.clone(),
                unit_family: row.unit_family.clone(),
                claim_text: f.text.clone(),
                claims: scored.len(),
                findings: match row.article {
                    Some(_) => vec![f.clone()],
                    None => scored.iter().map(|(f, _)| f.clone()).collect(),
                },
            }
        })
        .collect()
}

/// The examples the confidence model is fitted on: one per row whose claim
/// was found (a row with no claim has no confidence to calibrate).
pub fn examples(outcomes: &[Outcome]) -> Vec<fit::Example> {
    outcomes
        .iter()
        .filter_map(|o| {
            o.features.map(|features| fit::Example {
                features,
                correct: o.correct(),
            })
        })
        .collect()
}

/// Measure `outcomes`: cross-validate the confidence model, compute the
/// figures, and fit the model on every row (its parameters carry `note`,
/// which is given the figures).
pub fn measure(
    outcomes: &[Outcome],
    index: &Index,
    floors: Floors,
    note: impl FnOnce(&Metrics) -> String,
) -> (Metrics, crate::verify::confidence::Params) {
    let examples = examples(outcomes);
    let cv = fit::cross_validate(&examples, fit::FOLDS, fit::SEED);
    let mut metrics = Metrics::of(outcomes, &cv, floors);
    metrics.staleness = staleness::survival(index);
    let mut params = fit::fit(&examples, &note(&metrics));
    // Each table up to its first age with no pair of figures that far apart.
    params.stale.survival = metrics
        .staleness
        .iter()
        .map(|(m, t)| (m.clone(), t.iter().map_while(|s| *s).collect()))
        .collect();
    (metrics, params)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize) -> Span {
        Span {
            start,
            end,
            line: 1,
            column: 1,
        }
    }

    #[test]
    fn the_best_overlapping_span_is_picked() {
        let spans = [span(0, 4), span(10, 20), span(18, 30), span(40, 45)];
        assert_eq!(overlapping(spans, 12, 19), Some(1));
        assert_eq!(overlapping(spans, 19, 25), Some(2));
        assert_eq!(overlapping(spans, 4, 10), None, "touching is no overlap");
        assert_eq!(overlapping(spans, 2, 50), Some(2));
        assert_eq!(
            overlapping([span(10, 20), span(30, 40)], 15, 35),
            Some(0),
            "ties go to the first"
        );
        assert_eq!(overlapping([], 0, 1), None);
    }
}
