//! Confidence: the probability that a verdict is right, from the evidence
//! that bears on it (how far inside or outside the reference interval the
//! claim falls, the entity match score, how sure the metric is, the row's
//! age, agreement between sources, and the hedge).
//!
//! The weights below are set by hand from the rules of DESIGN.md and are
//! not yet fitted on labelled data; the evaluation set (tests/eval) measures
//! how well they are calibrated.

use crate::model::{QuantityKind, Reason};

/// What the verify stage knows when it scores a verdict.
#[derive(Clone, Copy, Debug)]
pub struct Signals {
    pub entity_score: f64,
    pub strong_metric: bool,
    pub stale: bool,
    pub sources_disagree: bool,
    pub kind: QuantityKind,
}

/// A supported claim: `central` is true when the claim's point (or its whole
/// interval) sits inside the reference interval, not only its edge.
pub fn supported(s: &Signals, central: bool) -> f64 {
    let mut p: f64 = if central { 0.95 } else { 0.82 };
    if matches!(
        s.kind,
        QuantityKind::Vague | QuantityKind::LowerBound | QuantityKind::UpperBound
    ) {
        p *= 0.98;
    }
    common(p, s)
}

/// A contradicted claim, `relative_gap` being the distance between the two
/// intervals over the reference value.
pub fn contradicted(s: &Signals, relative_gap: f64) -> f64 {
    let p = 0.62 + 0.35 * (relative_gap / 0.10).clamp(0.0, 1.0);
    common(p, s)
}

fn common(mut p: f64, s: &Signals) -> f64 {
    p *= s.entity_score.clamp(0.0, 1.0).sqrt();
    if !s.strong_metric {
        p *= 0.85;
    }
    if s.stale {
        p *= 0.9;
    }
    if s.sources_disagree {
        p *= 0.8;
    }
    round(p)
}

/// An unverifiable claim: how sure we are that no verdict was possible.
pub fn unverifiable(reason: Reason) -> f64 {
    match reason {
        Reason::NoRowForPeriod => 0.95,
        Reason::NoMetric | Reason::NoMetricForEntity => 0.9,
        Reason::NotNormalized | Reason::UnknownEntity | Reason::NoSubject => 0.85,
        Reason::UnitMismatch => 0.8,
        Reason::UncertainMetric => 0.7,
    }
}

fn round(p: f64) -> f64 {
    (p.clamp(0.0, 1.0) * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signals() -> Signals {
        Signals {
            entity_score: 1.0,
            strong_metric: true,
            stale: false,
            sources_disagree: false,
            kind: QuantityKind::Exact,
        }
    }

    #[test]
    fn bigger_gaps_are_surer_contradictions() {
        let s = signals();
        assert!(contradicted(&s, 0.01) < contradicted(&s, 0.05));
        assert!(contradicted(&s, 0.05) < contradicted(&s, 0.5));
        assert!(contradicted(&s, 10.0) <= 1.0);
    }

    #[test]
    fn doubts_lower_confidence() {
        let s = signals();
        let base = supported(&s, true);
        assert!(supported(&s, false) < base);
        assert!(
            supported(
                &Signals {
                    entity_score: 0.85,
                    ..s
                },
                true
            ) < base
        );
        assert!(supported(&Signals { stale: true, ..s }, true) < base);
        assert!(
            supported(
                &Signals {
                    sources_disagree: true,
                    ..s
                },
                true
            ) < base
        );
        assert!(
            supported(
                &Signals {
                    strong_metric: false,
                    ..s
                },
                true
            ) < base
        );
    }
}
