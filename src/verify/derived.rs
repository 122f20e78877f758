//! Verifying derived claims: a claimed ratio against the ratio of two rows.
//!
//! Takes the claim's [`Derivation`] and its (numerator, denominator) row
//! pairs; gives the verdict with the arithmetic in the explanation.
//!
//! The computed ratio is widened by a tolerance before it is compared:
//! when both rows come from one dataset (one series, one method), by the
//! dataset's `change_tolerance` per year between the rows, at least one
//! (default 0.1 %: a growth rate of 1.1 % in one year is compared as
//! 1.0–1.2 %), since the publisher differences that the level tolerance
//! allows for move both rows alike and only revisions drift apart over
//! time; when they come from two datasets, by the sum of the two level
//! tolerances.

use super::{age_years, is_stale, Outcome, Scored, Signals};
use crate::extract::Claim;
use crate::model::{Bound, Derivation, DerivedForm, Evidence, Interval, Verdict};
use crate::resolve::{Index, Pair};
use crate::util::numfmt::{grouped, plain};

/// A ratio as people read it for each form: a change as a signed percent
/// and a multiple, a comparison as a multiple, a share as a percent.
fn show(form: &DerivedForm, ratio: f64) -> String {
    let pct = |v: f64| plain((v * 10_000.0).round() / 100.0);
    match form {
        DerivedForm::Change { .. } => {
            let change = ratio - 1.0;
            let sign = if change >= 0.0 { "+" } else { "−" };
            format!("{sign}{} % (×{})", pct(change.abs()), round4(ratio))
        }
        DerivedForm::ChangeBy { .. } => {
            let sign = if ratio >= 0.0 { "+" } else { "−" };
            format!("{sign}{}", grouped(ratio.abs().round()))
        }
        DerivedForm::Ratio { .. } => format!("×{}", round4(ratio)),
        DerivedForm::Share { .. } => format!("{} %", pct(ratio)),
    }
}

fn round4(v: f64) -> String {
    plain((v * 10_000.0).round() / 10_000.0)
}

/// The claimed interval in the same terms as [`show`].
fn show_claim(form: &DerivedForm, claimed: &Interval) -> String {
    let side = |b: Bound| b.value().map(|v| show(form, v));
    match (side(claimed.low()), side(claimed.high())) {
        (Some(l), Some(h)) if l == h => format!("claim: {l}"),
        (Some(l), Some(h)) => format!("claim: {l} to {h}"),
        (Some(l), None) => format!("claim: more than {l}"),
        (None, Some(h)) => format!("claim: less than {h}"),
        (None, None) => "claim: any change".into(),
    }
}

/// What the two rows of a pair are, for the explanation.
fn describe_pair(form: &DerivedForm, pair: &Pair, index: &Index) -> String {
    let (n, d) = (pair.numerator, pair.denominator);
    let source = |r: &crate::resolve::Row| index.str(r.source).to_string();
    let sources = if n.source == d.source {
        source(n)
    } else {
        format!("{}; {}", source(n), source(d))
    };
    match form {
        DerivedForm::Change { .. } | DerivedForm::ChangeBy { .. } => format!(
            "{} {} {} = {} → {} = {} ({sources})",
            index.str(n.entity),
            index.str(n.metric),
            d.date,
            grouped(d.value),
            n.date,
            grouped(n.value)
        ),
        _ => format!(
            "{} {} {} = {} ÷ {} {} {} = {} ({sources})",
            index.str(n.entity),
            index.str(n.metric),
            n.date,
            grouped(n.value),
            index.str(d.entity),
            index.str(d.metric),
            d.date,
            grouped(d.value)
        ),
    }
}

/// Compare a derived claim with its row pairs; also gives the computed
/// ratio of the first pair, for the report.
pub(super) fn compare(
    claim: &Claim,
    derivation: &Derivation,
    pairs: &[Pair],
    index: &Index,
    mut signals: Signals,
) -> (Outcome, Option<f64>) {
    let claimed = derivation.ratio;
    let form = &derivation.form;
    let mut evidence: Vec<Evidence> = Vec::new();
    let mut text = show_claim(form, &claimed);
    // (computed ratio, its tolerance band, that band as an interval, hit)
    let mut results: Vec<(f64, f64, Interval, bool)> = Vec::new();
    // The row unit a change by an amount could not be stated in ("rose
    // 5 billion yen" against rows in US$).
    let mut mismatch: Option<String> = None;
    for pair in pairs {
        let (n, d) = (pair.numerator, pair.denominator);
        let by_amount = matches!(form, DerivedForm::ChangeBy { .. });
        if !by_amount && (d.value == 0.0 || !(n.value / d.value).is_finite()) {
            continue;
        }
        // A change by an amount is in the claim's unit: the factor turns
        // it into the rows' (1 for a count against people, a scale for
        // US$ against a table in millions).
        let factor = if by_amount {
            let converted = claim
                .quantity
                .as_ref()
                .ok()
                .and_then(|q| q.unit.conversion(&index.measure(n)))
                .filter(|f| f.is_finite() && *f > 0.0);
            match converted {
                Some(f) => f,
                None => {
                    mismatch = Some(index.str(n.unit).to_string());
                    continue;
                }
            }
        } else {
            1.0
        };
        // A change by an amount is new − old; every other form new / old.
        let ratio = if by_amount {
            (n.value - d.value) / factor
        } else {
            n.value / d.value
        };
        let tolerance = if n.dataset == d.dataset {
            // Revisions drift apart over time: a change over ten years is
            // allowed ten times the tolerance of a change over one.
            let years = f64::from(n.date.days - d.date.days).abs() / 365.2425;
            index.dataset(n).change_tolerance * years.round().max(1.0)
        } else {
            index.dataset(n).tolerance + index.dataset(d).tolerance
        };
        // The tolerance of a difference is relative to the level it is a
        // change of.
        let spread = if by_amount {
            d.value.abs() / factor
        } else {
            ratio.abs()
        } * tolerance;
        let Ok(reference) = Interval::closed(ratio - spread, ratio + spread) else {
            continue;
        };
        let hit = claimed.overlaps(&reference);
        results.push((ratio, spread, reference, hit));
        for row in [d, n] {
            let e = index.evidence(row);
            if !evidence.contains(&e) {
                evidence.push(e);
            }
        }
        text.push_str(&format!(
            "; {}: {} (±{} %)",
            describe_pair(form, pair, index),
            show(form, ratio),
            plain(tolerance * 100.0)
        ));
    }
    if let (None, Some(unit)) = (results.first(), mismatch) {
        let claimed_unit = claim
            .quantity
            .as_ref()
            .map_or_else(|_| "no unit".to_string(), |q| q.unit.to_string());
        return (
            Outcome::Unverifiable(
                crate::model::Reason::UnitMismatch,
                format!("the claim is a change in {claimed_unit} and the reference in {unit}: the two cannot be compared"),
                evidence,
            ),
            None,
        );
    }
    let Some(&(ratio, spread, reference, _)) = results.first() else {
        return (
            Outcome::Unverifiable(
                crate::model::Reason::NoRowForPeriod,
                "the reference figures cannot be divided (a zero or missing value)".into(),
                evidence,
            ),
            None,
        );
    };
    let any = results.iter().any(|r| r.3);
    signals.sources_disagree = any && results.iter().any(|r| !r.3);
    signals.stale = pairs
        .iter()
        .all(|p| is_stale(p.numerator, index, claim.as_of))
        && !matches!(
            form,
            DerivedForm::Change { to: Some(_), .. } | DerivedForm::ChangeBy { to: Some(_), .. }
        );
    if signals.stale {
        signals.age_years = age_years(pairs.iter().map(|p| p.numerator), claim.as_of);
    }
    if signals.sources_disagree {
        text.push_str("; sources disagree");
    }
    let band = spread.max(1e-9);
    let outcome = if any {
        let mid = match (claimed.low_value(), claimed.high_value()) {
            (Some(l), Some(h)) => (l + h) / 2.0,
            (l, h) => l.or(h).unwrap_or(ratio),
        };
        Outcome::Verdict {
            verdict: Verdict::Supported,
            scored: Scored {
                signals,
                central: claimed.contains(ratio),
                margin: (mid - ratio).abs() / band,
            },
            explanation: text,
            evidence,
        }
    } else {
        Outcome::Verdict {
            verdict: Verdict::Contradicted,
            scored: Scored {
                signals,
                central: false,
                margin: claimed.gap(&reference) / band,
            },
            explanation: text,
            evidence,
        }
    };
    (outcome, Some(ratio))
}
