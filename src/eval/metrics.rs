//! The figures of an evaluation run, computed from the row outcomes and a
//! probability per row.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Outcome, Shape};
use crate::model::{Coverage, Verdict};

pub const VERDICTS: [Verdict; 3] = [
    Verdict::Supported,
    Verdict::Contradicted,
    Verdict::Unverifiable,
];

/// Bins of the reliability table.
pub const BINS: usize = 10;

/// Precision and recall of one verdict.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PerVerdict {
    pub verdict: Verdict,
    pub labelled: usize,
    pub predicted: usize,
    pub right: usize,
    pub precision: f64,
    pub recall: f64,
}

/// One bin of the reliability table: confidence in [low, high).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bin {
    pub low: f64,
    pub high: f64,
    pub count: usize,
    pub mean_confidence: f64,
    pub accuracy: f64,
}

/// Brier score, expected calibration error and the reliability table of a
/// set of probabilities.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Calibration {
    pub brier: f64,
    pub ece: f64,
    pub bins: Vec<Bin>,
}

impl Calibration {
    pub fn of(probabilities: &[f64], correct: &[bool]) -> Calibration {
        let n = probabilities.len().max(1) as f64;
        let brier = probabilities
            .iter()
            .zip(correct)
            .map(|(p, &c)| (p - f64::from(u8::from(c))).powi(2))
            .sum::<f64>()
            / n;
        let mut sums = vec![(0usize, 0.0f64, 0usize); BINS];
        for (p, &c) in probabilities.iter().zip(correct) {
            let b = ((p * BINS as f64).floor() as usize).min(BINS - 1);
            sums[b].0 += 1;
            sums[b].1 += p;
            sums[b].2 += usize::from(c);
        }
        let mut ece = 0.0;
        let bins = sums
            .iter()
            .enumerate()
            .map(|(i, &(count, sum, right))| {
                let (mean, acc) = if count == 0 {
                    (0.0, 0.0)
                } else {
                    (sum / count as f64, right as f64 / count as f64)
                };
                ece += count as f64 / n * (mean - acc).abs();
                Bin {
                    low: i as f64 / BINS as f64,
                    high: (i + 1) as f64 / BINS as f64,
                    count,
                    mean_confidence: mean,
                    accuracy: acc,
                }
            })
            .collect();
        Calibration { brier, ece, bins }
    }
}

/// Coverage over the labelled rows.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EvalCoverage {
    /// Rows labelled supported or contradicted.
    pub checkable: usize,
    /// Of those, rows that got a supported or contradicted verdict.
    pub with_verdict: usize,
    pub share: f64,
    /// Why the rows labelled supported/contradicted were left unverifiable.
    pub missed_reasons: BTreeMap<String, usize>,
    /// How far every claim of every row got through the pipeline (the
    /// report summary's `coverage`).
    pub pipeline: Coverage,
}

/// Accuracy over the rows of one phrase kind.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KindAccuracy {
    pub phrase_kind: String,
    pub rows: usize,
    pub right: usize,
    pub accuracy: f64,
}

/// Accuracy and precision over the rows of one labelled metric or unit
/// family.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupAccuracy {
    pub name: String,
    pub rows: usize,
    pub right: usize,
    pub accuracy: f64,
    /// Rows predicted supported, and the share of them labelled supported
    /// (`None` when none was predicted supported).
    pub predicted_supported: usize,
    pub supported_precision: Option<f64>,
    /// Rows predicted contradicted, and the share of them labelled
    /// contradicted (`None` when none was predicted contradicted).
    pub predicted_contradicted: usize,
    pub contradicted_precision: Option<f64>,
    /// Rows whose figure was not found as a claim (Reuters rows).
    pub not_extracted: usize,
}

impl GroupAccuracy {
    /// One row per distinct non-empty key, sorted by name; rows with an
    /// empty key are left out.
    fn table<'a>(
        outcomes: &'a [Outcome],
        key: impl Fn(&'a Outcome) -> &'a str,
    ) -> Vec<GroupAccuracy> {
        let mut groups: BTreeMap<&str, Vec<&Outcome>> = BTreeMap::new();
        for o in outcomes {
            let k = key(o);
            if !k.is_empty() {
                groups.entry(k).or_default().push(o);
            }
        }
        groups
            .into_iter()
            .map(|(name, os)| {
                let right = os.iter().filter(|o| o.correct()).count();
                let precision = |v: Verdict| {
                    let predicted = os.iter().filter(|o| o.got == v).count();
                    let right = os.iter().filter(|o| o.got == v && o.expected == v).count();
                    (predicted, (predicted > 0).then(|| ratio(right, predicted)))
                };
                let (predicted_supported, supported_precision) = precision(Verdict::Supported);
                let (predicted_contradicted, contradicted_precision) =
                    precision(Verdict::Contradicted);
                GroupAccuracy {
                    name: name.to_string(),
                    rows: os.len(),
                    right,
                    accuracy: ratio(right, os.len()),
                    predicted_supported,
                    supported_precision,
                    predicted_contradicted,
                    contradicted_precision,
                    not_extracted: os.iter().filter(|o| !o.extracted()).count(),
                }
            })
            .collect()
    }
}

/// A misclassified row.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Miss {
    pub id: String,
    pub expected: Verdict,
    pub got: Verdict,
    pub claim: String,
    pub explanation: String,
}

/// Misclassified rows that went wrong the same way.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ErrorClass {
    /// "expected → got (reason)".
    pub class: String,
    pub count: usize,
    pub rows: Vec<Miss>,
}

/// Thresholds the run must meet.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Floors {
    pub min_accuracy: f64,
    pub min_contradicted_precision: f64,
    pub max_ece: f64,
}

impl Default for Floors {
    /// The floors of the bundled set (tests/eval/README.md).
    fn default() -> Floors {
        Floors {
            min_accuracy: 0.95,
            min_contradicted_precision: 0.97,
            max_ece: 0.03,
        }
    }
}

/// One labelled file that was measured.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FileRows {
    pub file: String,
    pub shape: Shape,
    pub rows: usize,
}

/// Everything an evaluation run reports.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Metrics {
    /// The labelled files measured, in the order given (set by the caller;
    /// empty from [`Metrics::of`]).
    pub files: Vec<FileRows>,
    /// Files given but not measured, each with why (a Reuters-shape file
    /// whose archive is absent).
    pub skipped: Vec<String>,
    pub rows: usize,
    pub right: usize,
    pub accuracy: f64,
    pub per_verdict: Vec<PerVerdict>,
    pub contradicted_precision: f64,
    /// `confusion[expected][got]`, in the order supported, contradicted, unverifiable.
    pub confusion: [[usize; 3]; 3],
    /// Calibration of cross-validated confidences (each row scored by a
    /// model fitted on the other folds): the figures that count.
    pub calibration: Calibration,
    /// Calibration of the confidence the pipeline reported (embedded
    /// parameters, fitted on these same rows): in-sample, for reference only.
    pub calibration_in_sample: Calibration,
    pub coverage: EvalCoverage,
    /// Rows whose figure was not found as a claim (Reuters rows with no
    /// finding over their bytes): counted as unverifiable, with reason
    /// `no_claim_found`, and left out of the calibration.
    pub not_extracted: usize,
    pub per_kind: Vec<KindAccuracy>,
    /// Per labelled metric and per unit family, sorted by name; rows with
    /// no labelled metric (unit family) are not in the table, and counted.
    pub per_metric: Vec<GroupAccuracy>,
    pub without_metric: usize,
    pub per_unit_family: Vec<GroupAccuracy>,
    pub without_unit_family: usize,
    pub errors: Vec<ErrorClass>,
    pub floors: Floors,
    pub failed_floors: Vec<String>,
    /// The share of reference figures still within tolerance 1, 2, ...
    /// years later (`eval::staleness`; set by the caller, which has the
    /// reference): how much a supported verdict on a stale row is worth.
    pub staleness: std::collections::BTreeMap<String, Vec<Option<f64>>>,
}

fn index_of(v: Verdict) -> usize {
    match v {
        Verdict::Supported => 0,
        Verdict::Contradicted => 1,
        Verdict::Unverifiable => 2,
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl Metrics {
    /// The figures of `outcomes`, with `cv` the cross-validated probability
    /// of each row whose claim was found ([`Outcome::extracted`]), in order.
    pub fn of(outcomes: &[Outcome], cv: &[f64], floors: Floors) -> Metrics {
        let rows = outcomes.len();
        let right = outcomes.iter().filter(|o| o.correct()).count();
        let mut confusion = [[0usize; 3]; 3];
        for o in outcomes {
            confusion[index_of(o.expected)][index_of(o.got)] += 1;
        }
        let per_verdict: Vec<PerVerdict> = VERDICTS
            .iter()
            .map(|&v| {
                let i = index_of(v);
                let labelled: usize = confusion[i].iter().sum();
                let predicted: usize = confusion.iter().map(|r| r[i]).sum();
                let right = confusion[i][i];
                PerVerdict {
                    verdict: v,
                    labelled,
                    predicted,
                    right,
                    precision: ratio(right, predicted),
                    recall: ratio(right, labelled),
                }
            })
            .collect();
        let contradicted_precision = per_verdict[1].precision;
        // Calibration is of the rows that have a confidence: those whose
        // claim was found.
        let extracted: Vec<&Outcome> = outcomes.iter().filter(|o| o.extracted()).collect();
        let correct: Vec<bool> = extracted.iter().map(|o| o.correct()).collect();
        let reported: Vec<f64> = extracted.iter().map(|o| o.confidence).collect();
        assert_eq!(
            cv.len(),
            extracted.len(),
            "one probability per extracted row"
        );

        let labelled_checkable: Vec<&Outcome> = outcomes
            .iter()
            .filter(|o| o.expected != Verdict::Unverifiable)
            .collect();
        let with_verdict = labelled_checkable
            .iter()
            .filter(|o| o.got != Verdict::Unverifiable)
            .count();
        let mut missed_reasons = BTreeMap::new();
        for o in &labelled_checkable {
            if let Some(r) = o.reason_str() {
                *missed_reasons.entry(r.to_string()).or_insert(0) += 1;
            }
        }
        let all_findings: Vec<_> = outcomes
            .iter()
            .flat_map(|o| o.findings.iter().cloned())
            .collect();
        let coverage = EvalCoverage {
            checkable: labelled_checkable.len(),
            with_verdict,
            share: ratio(with_verdict, labelled_checkable.len()),
            missed_reasons,
            pipeline: Coverage::of(&all_findings),
        };

        let mut kinds: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for o in outcomes {
            let e = kinds.entry(o.phrase_kind.as_str()).or_insert((0, 0));
            e.0 += 1;
            e.1 += usize::from(o.correct());
        }
        let per_kind = kinds
            .into_iter()
            .map(|(k, (n, r))| KindAccuracy {
                phrase_kind: k.to_string(),
                rows: n,
                right: r,
                accuracy: ratio(r, n),
            })
            .collect();

        let mut classes: BTreeMap<String, Vec<Miss>> = BTreeMap::new();
        for o in outcomes.iter().filter(|o| !o.correct()) {
            let why = o
                .reason_str()
                .map_or_else(String::new, |r| format!(" ({r})"));
            classes
                .entry(format!("{} → {}{why}", o.expected, o.got))
                .or_default()
                .push(Miss {
                    id: o.id.clone(),
                    expected: o.expected,
                    got: o.got,
                    claim: o.claim_text.clone(),
                    explanation: o.explanation.clone(),
                });
        }
        let mut errors: Vec<ErrorClass> = classes
            .into_iter()
            .map(|(class, rows)| ErrorClass {
                class,
                count: rows.len(),
                rows,
            })
            .collect();
        errors.sort_by(|a, b| b.count.cmp(&a.count).then(a.class.cmp(&b.class)));

        let calibration = Calibration::of(cv, &correct);
        let accuracy = ratio(right, rows);
        let mut failed_floors = Vec::new();
        if accuracy < floors.min_accuracy {
            failed_floors.push(format!(
                "accuracy {accuracy:.3} is below --min-accuracy {}",
                floors.min_accuracy
            ));
        }
        if contradicted_precision < floors.min_contradicted_precision {
            failed_floors.push(format!(
                "contradicted precision {contradicted_precision:.3} is below --min-contradicted-precision {}",
                floors.min_contradicted_precision
            ));
        }
        let per_unit_family = GroupAccuracy::table(outcomes, |o| o.unit_family.as_str());
        for g in &per_unit_family {
            if let Some(p) = g.contradicted_precision {
                if p < floors.min_contradicted_precision {
                    failed_floors.push(format!(
                        "contradicted precision {p:.3} in unit family {} is below --min-contradicted-precision {}",
                        g.name, floors.min_contradicted_precision
                    ));
                }
            }
        }
        if calibration.ece > floors.max_ece {
            failed_floors.push(format!(
                "cross-validated ECE {:.3} is above --max-ece {}",
                calibration.ece, floors.max_ece
            ));
        }
        Metrics {
            files: Vec::new(),
            skipped: Vec::new(),
            rows,
            right,
            accuracy,
            per_verdict,
            contradicted_precision,
            confusion,
            calibration,
            calibration_in_sample: Calibration::of(&reported, &correct),
            coverage,
            not_extracted: outcomes.len() - extracted.len(),
            per_kind,
            per_metric: GroupAccuracy::table(outcomes, |o| o.metric.as_str()),
            without_metric: outcomes.iter().filter(|o| o.metric.is_empty()).count(),
            per_unit_family,
            without_unit_family: outcomes.iter().filter(|o| o.unit_family.is_empty()).count(),
            errors,
            floors,
            failed_floors,
            staleness: Default::default(),
        }
    }

    pub fn passed(&self) -> bool {
        self.failed_floors.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calibration_of_perfect_and_overconfident() {
        let c = Calibration::of(&[1.0, 1.0, 0.0], &[true, true, false]);
        assert_eq!(c.brier, 0.0);
        assert_eq!(c.ece, 0.0);
        let c = Calibration::of(&[0.9, 0.9], &[true, false]);
        assert!((c.ece - 0.4).abs() < 1e-9);
        assert!((c.brier - (0.01 + 0.81) / 2.0).abs() < 1e-9);
        assert_eq!(c.bins[9].count, 2);
    }
}
