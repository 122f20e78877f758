//! verify: a resolved claim in, a [`Finding`] out.
//!
//! Compares the claim's interval with each reference interval (a row's
//! published low/high, or its value widened by the dataset's tolerance):
//! overlap is *supported*; no overlap, with entity, metric and period
//! resolved with confidence, is *contradicted*; anything else is
//! *unverifiable* with its reason. Elapsed-time claims ("in its sixth year")
//! are compared with the years since the event's start, calendar claims
//! ("last year's election") with the dates the event took place. Each
//! finding carries a confidence, an explanation an editor can act on, and
//! the evidence rows.

pub mod confidence;
mod derived;

use crate::extract::Claim;
use crate::model::{
    calendar, Bound, DerivedFinding, Evidence, Finding, Interval, Quantity, QuantityKind, Reason,
    Verdict,
};
use crate::resolve::{
    date_of_days, Cadence, Index, Precision, Resolved, Row, Target, END_DATE, HELD,
    MIN_ENTITY_SCORE, START_DATE,
};
use crate::util::numfmt::{grouped, plain, short};

use confidence::{Features, TargetKind};

/// What the verify stage knows when it scores a verdict.
#[derive(Clone, Copy, Debug)]
struct Signals {
    entity_score: f64,
    strong_metric: bool,
    stale: bool,
    /// Years from the newest row compared to the claim's date, set when
    /// every row is stale.
    age_years: f64,
    sources_disagree: bool,
}

/// Verify one resolved claim.
pub fn verify(claim: Claim, resolved: Resolved, index: &Index) -> Finding {
    verify_with_features(claim, resolved, index).0
}

/// Verify one resolved claim, and give the [`Features`] its confidence was
/// scored from (the evaluation fits the confidence model on them).
pub fn verify_with_features(
    mut claim: Claim,
    resolved: Resolved,
    index: &Index,
) -> (Finding, Features) {
    let kind = claim.quantity.as_ref().ok().map(|q| q.kind);
    let mut finding = Finding {
        // Moved, not copied: the comparisons below read neither. The text
        // is moved in once they are done (a count's unit words read it).
        id: std::mem::take(&mut claim.id),
        document: claim.document.clone(),
        url: None,
        span: claim.span,
        text: String::new(),
        sentence: claim.sentence.clone(),
        sentence_start: claim.sentence_start,
        subject: resolved.subject,
        metric: resolved.metric,
        quantity: claim.quantity.as_ref().ok().cloned(),
        as_of: claim.as_of,
        verdict: Verdict::Unverifiable,
        confidence: 0.0,
        evidence: Vec::new(),
        derived: claim.derivation.as_ref().map(|d| {
            Box::new(DerivedFinding {
                form: d.form.as_str(),
                claimed: d.ratio,
                computed: None,
            })
        }),
        explanation: String::new(),
        reason: None,
        ignored: claim.ignore.take(),
        baselined: false,
    };
    let target = match resolved.outcome {
        Ok(t) => t,
        Err(u) => {
            finding.text = claim.text;
            let features = Features::unverifiable(u.reason, kind);
            return (
                unverifiable(finding, &features, &u.detail, Vec::new()),
                features,
            );
        }
    };
    // A change read as a level of a rate series is compared as that level.
    if let Some(level) = &resolved.level {
        finding.quantity = Some(level.clone());
        finding.derived = None;
    }
    let q = match (&resolved.level, &claim.quantity) {
        (Some(level), _) => level,
        (None, Ok(q)) => q,
        (None, Err(_)) => unreachable!("resolve reports unnormalized claims as unresolved"),
    };
    let signals = Signals {
        entity_score: finding
            .subject
            .as_ref()
            .and_then(|s| s.score)
            .unwrap_or(0.0),
        // A change verb with a word of a rate's base ("the economy grew
        // 2.9%") names the rate as surely as its own words; a weak word of
        // the rate itself does not ("3.3 pct growth in oil output").
        strong_metric: claim.metric.as_ref().is_some_and(|m| {
            m.strong || (resolved.level.is_some() && finding.metric.as_deref() != Some(&*m.name))
        }),
        stale: false,
        age_years: 0.0,
        sources_disagree: false,
    };
    let (target_kind, outcome) = match target {
        Target::Value { rows } => (
            TargetKind::Value,
            compare_value(&claim, q, &rows, index, signals),
        ),
        Target::Elapsed { start, end } => (
            TargetKind::Elapsed,
            compare_elapsed(&claim, q, start, end, index, signals),
        ),
        Target::When { rows } => (TargetKind::When, compare_when(q, &rows, index, signals)),
        Target::Derived { pairs } => {
            let derivation = claim
                .derivation
                .as_ref()
                .expect("resolve gives a derived target only to derived claims");
            let (outcome, computed) = derived::compare(&claim, derivation, &pairs, index, signals);
            if let Some(d) = finding.derived.as_mut() {
                d.computed = computed;
            }
            (TargetKind::Derived, outcome)
        }
    };
    finding.text = std::mem::take(&mut claim.text);
    match outcome {
        Outcome::Verdict {
            verdict,
            scored,
            explanation,
            evidence,
        } => {
            let mut features = Features {
                verdict,
                reason: None,
                target: target_kind,
                central: scored.central,
                margin: scored.margin,
                entity_score: scored.signals.entity_score,
                strong_metric: scored.signals.strong_metric,
                stale: scored.signals.stale,
                still_right: if scored.signals.stale {
                    confidence::Params::embedded().stale.factor(
                        finding.metric.as_deref().unwrap_or_default(),
                        scored.signals.age_years,
                    )
                } else {
                    1.0
                },
                sources_disagree: scored.signals.sources_disagree,
                kind: Some(q.kind),
                from_article: claim.from_article,
            };
            let trusted = signals.entity_score >= MIN_ENTITY_SCORE;
            // A weak word ("people") alone does not say what is counted:
            // "500 people arrested in Nigeria" is no population claim, so
            // neither verdict is given on that basis.
            if !signals.strong_metric {
                features.verdict = Verdict::Unverifiable;
                features.reason = Some(Reason::UncertainMetric);
                return (
                    unverifiable(
                        finding,
                        &features,
                        &format!("{explanation}; but only a weak word said what the figure counts"),
                        evidence,
                    ),
                    features,
                );
            }
            if verdict == Verdict::Contradicted && !trusted {
                features.verdict = Verdict::Unverifiable;
                features.reason = Some(Reason::UnknownEntity);
                return (
                    unverifiable(
                        finding,
                        &features,
                        &format!(
                            "{explanation}; but the entity match is too uncertain to contradict"
                        ),
                        evidence,
                    ),
                    features,
                );
            }
            finding.verdict = verdict;
            finding.confidence = confidence::score(&features);
            finding.explanation = explanation;
            finding.evidence = evidence;
            (finding, features)
        }
        Outcome::Unverifiable(reason, detail, evidence) => {
            let mut features = Features::unverifiable(reason, Some(q.kind));
            features.target = target_kind;
            features.entity_score = signals.entity_score;
            features.strong_metric = signals.strong_metric;
            (
                unverifiable(finding, &features, &detail, evidence),
                features,
            )
        }
    }
}

/// What a comparison found, for the confidence model.
#[derive(Clone, Copy, Debug)]
struct Scored {
    signals: Signals,
    central: bool,
    margin: f64,
}

enum Outcome {
    Verdict {
        verdict: Verdict,
        scored: Scored,
        explanation: String,
        evidence: Vec<Evidence>,
    },
    Unverifiable(Reason, String, Vec<Evidence>),
}

fn unverifiable(
    mut finding: Finding,
    features: &Features,
    detail: &str,
    evidence: Vec<Evidence>,
) -> Finding {
    finding.verdict = Verdict::Unverifiable;
    finding.reason = features.reason;
    finding.confidence = confidence::score(features);
    finding.explanation = ["unverifiable: ", detail].concat();
    finding.evidence = evidence;
    finding
}

/// The reference interval of a row: its published range, or its value
/// widened by the dataset's tolerance.
pub fn reference_interval(row: &Row, tolerance: f64) -> Interval {
    if !row.low.is_nan() && !row.high.is_nan() {
        if let Ok(i) = Interval::closed(row.low, row.high) {
            return i;
        }
    }
    let spread = row.value.abs() * tolerance;
    Interval::closed(row.value - spread, row.value + spread)
        .unwrap_or_else(|_| Interval::point(row.value).expect("finite value"))
}

/// "claim ≈ 1.8M–2M", "claim > 500k": the claim's interval for people.
pub fn describe(q: &Quantity) -> String {
    let (lo, hi) = (q.interval.low(), q.interval.high());
    let f = |v: f64| short(v);
    match (lo, hi) {
        (Bound::Unbounded, Bound::Unbounded) => "claim: any value".into(),
        (Bound::Unbounded, Bound::Open(h)) => format!("claim < {}", f(h)),
        (Bound::Unbounded, Bound::Closed(h)) => format!("claim ≤ {}", f(h)),
        (Bound::Open(l), Bound::Unbounded) => format!("claim > {}", f(l)),
        (Bound::Closed(l), Bound::Unbounded) => format!("claim ≥ {}", f(l)),
        (l, h) => {
            let (l, h) = (l.value().unwrap_or(0.0), h.value().unwrap_or(0.0));
            if l == h {
                format!("claim = {}", f(l))
            } else {
                format!("claim ≈ {}–{}", f(l), f(h))
            }
        }
    }
}

fn compare_value(
    claim: &Claim,
    q: &Quantity,
    rows: &[&Row],
    index: &Index,
    mut signals: Signals,
) -> Outcome {
    // Each dataset's row counts only if its unit can be compared with the
    // claim's; the factor turns the claim's unit into the row's written
    // unit ("10 billion tonnes" against a row in kt: 1/1,000).
    let comparable: Vec<(&Row, f64)> = rows
        .iter()
        .filter_map(|&r| Some((r, q.unit.conversion(&index.measure(r))?)))
        .filter(|(_, f)| f.is_finite() && *f > 0.0)
        .collect();
    if comparable.is_empty() {
        let evidence: Vec<Evidence> = rows.iter().map(|r| index.evidence(r)).collect();
        let unit = index.str(rows[0].unit);
        return Outcome::Unverifiable(
            Reason::UnitMismatch,
            format!(
                "the claim is in {} and the reference in {unit}: the two cannot be compared",
                claim_unit(claim, q)
            ),
            evidence,
        );
    }
    let factors: Vec<f64> = comparable.iter().map(|(_, f)| *f).collect();
    let rows: Vec<&Row> = comparable.iter().map(|(r, _)| *r).collect();
    let rows = rows.as_slice();
    let evidence: Vec<Evidence> = rows.iter().map(|r| index.evidence(r)).collect();
    let mut overlaps = Vec::new();
    let mut best_gap = f64::INFINITY;
    let mut best_offset = f64::INFINITY;
    let mut central = false;
    for (r, &factor) in rows.iter().zip(&factors) {
        let tolerance = index.dataset(r).tolerance;
        // The row in the claim's unit.
        let value = r.value / factor;
        let reference = match reference_interval(r, tolerance).scale(1.0 / factor) {
            Ok(i) => i,
            Err(_) => continue,
        };
        // The width of the band the claim is compared with, relative to the value.
        let band = match (reference.low_value(), reference.high_value()) {
            (Some(l), Some(h)) if h > l => (h - l) / 2.0 / value.abs().max(1.0),
            _ => tolerance,
        }
        .max(1e-6);
        if q.interval.overlaps(&reference) {
            overlaps.push(true);
            let at = q
                .point
                .or_else(|| match (q.interval.low_value(), q.interval.high_value()) {
                    (Some(l), Some(h)) => Some((l + h) / 2.0),
                    (l, h) => l.or(h),
                });
            if let Some(at) = at {
                let offset = (at - value).abs() / value.abs().max(1.0) / band;
                best_offset = best_offset.min(offset);
            }
            let point_inside = q.point.is_some_and(|p| reference.contains(p));
            let within = q
                .interval
                .low_value()
                .is_some_and(|l| reference.contains(l))
                && q.interval
                    .high_value()
                    .is_some_and(|h| reference.contains(h));
            central |= point_inside || within || q.interval.contains(value);
        } else {
            overlaps.push(false);
            best_gap = best_gap.min(q.interval.gap(&reference) / value.abs().max(1.0) / band);
        }
    }
    let any = overlaps.iter().any(|&o| o);
    signals.sources_disagree = any && overlaps.iter().any(|&o| !o);
    let stale_rows: Vec<&&Row> = rows
        .iter()
        .filter(|r| is_stale(r, index, claim.as_of))
        .collect();
    signals.stale = !stale_rows.is_empty() && stale_rows.len() == rows.len();
    if signals.stale {
        signals.age_years = age_years(rows.iter().copied(), claim.as_of);
    }
    let mut text = describe(q);
    for r in rows {
        let ds = index.dataset(r);
        text.push_str(&format!(
            "; {} ({}) reports {}{}",
            index.str(r.source),
            r.date,
            grouped(r.value),
            shown_unit(index, r)
        ));
        if !r.low.is_nan() && !r.high.is_nan() {
            text.push_str(&format!(" (range {}–{})", grouped(r.low), grouped(r.high)));
        } else {
            text.push_str(&format!(" (±{}%)", plain(ds.tolerance * 100.0)));
        }
    }
    if !any {
        let value = rows[0].value / factors[0];
        let point = q
            .point
            .or(q.interval.low_value())
            .or(q.interval.high_value())
            .unwrap_or(value);
        let pct = (point - value) / value.abs().max(1.0) * 100.0;
        text.push_str(&format!(
            "; the claim is {}% {} it",
            plain((pct.abs() * 10.0).round() / 10.0),
            if pct >= 0.0 { "above" } else { "below" }
        ));
    }
    if signals.sources_disagree {
        text.push_str("; sources disagree");
    }
    if signals.stale {
        let r = rows[0];
        text.push_str(&format!(
            "; note: the latest figure is from {}, well before {}",
            r.date, claim.as_of
        ));
    }
    // A figure that disagrees only with a row years older than the claim
    // is no contradiction: the reference has nothing for its time.
    if !any && signals.stale {
        return Outcome::Unverifiable(
            Reason::NoRowForPeriod,
            format!("the reference's latest figure is from {}, well before {}; it is not the figure the claim states", rows[0].date, claim.as_of),
            evidence,
        );
    }
    if any {
        Outcome::Verdict {
            verdict: Verdict::Supported,
            scored: Scored {
                signals,
                central,
                margin: if best_offset.is_finite() {
                    best_offset
                } else {
                    0.0
                },
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
                margin: best_gap,
            },
            explanation: text,
            evidence,
        }
    }
}

/// The claim's unit as an explanation names it: a bare count says so, with
/// the noun after the figure when there is one ("count (tonnes)",
/// "count (vehicles)"), since a count is what a figure with no currency is.
fn claim_unit(claim: &Claim, q: &Quantity) -> String {
    const FUNCTION_WORDS: &[&str] = &[
        "in", "of", "at", "to", "for", "from", "on", "by", "and", "or", "the", "a", "an", "was",
        "were", "is", "are", "this", "last", "against", "compared", "with", "than", "since",
        "after", "before", "a-year", "year", "years", "nil",
    ];
    if q.unit != crate::model::Unit::Count {
        return q.unit.to_string();
    }
    let noun = claim
        .sentence
        .find(claim.text.as_str())
        .map(|at| &claim.sentence[at + claim.text.len()..])
        .and_then(|rest| rest.split_whitespace().next())
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .filter(|w| w.len() > 1 && w.chars().all(|c| c.is_alphabetic() || c == '-'))
        .filter(|w| !FUNCTION_WORDS.contains(&w.to_lowercase().as_str()));
    match noun {
        Some(n) => format!("a count with no currency (\"{n}\")"),
        None => "a count with no currency".into(),
    }
}

/// A row's unit after its value in an explanation (" current US$", " kt"),
/// or nothing for a count of people.
fn shown_unit(index: &Index, row: &Row) -> String {
    match index.measure(row).unit {
        crate::model::Unit::People | crate::model::Unit::Count => String::new(),
        _ => format!(" {}", index.str(row.unit)),
    }
}

/// Years from the newest of `rows` to `as_of` (0 for a row after it).
fn age_years<'r>(rows: impl Iterator<Item = &'r Row>, as_of: crate::model::Date) -> f64 {
    let as_of_days = crate::resolve::days_of(as_of);
    rows.map(|r| f64::from(as_of_days - r.date.days).max(0.0) / 365.2425)
        .fold(f64::INFINITY, f64::min)
        .min(1e6)
}

/// Whether a row is older than its dataset's cadence allows at `as_of`.
fn is_stale(row: &Row, index: &Index, as_of: crate::model::Date) -> bool {
    let age_days = crate::resolve::days_of(as_of) - row.date.days;
    let limit = match (index.dataset(row).cadence, row.date.precision) {
        (Cadence::Year, _) | (_, Precision::Year) => 2 * 366,
        (Cadence::Month, _) => 92,
        (Cadence::Day, _) => 31,
        (Cadence::Irregular, _) => 3 * 366,
    };
    age_days > limit
}

fn ordinal(n: i64) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn compare_elapsed(
    claim: &Claim,
    q: &Quantity,
    start: &Row,
    end: Option<&Row>,
    index: &Index,
    signals: Signals,
) -> Outcome {
    let start_date = date_of_days(start.value as i32);
    let (until, ended) = match end {
        Some(e) => (date_of_days(e.value as i32), true),
        None => (claim.as_of, false),
    };
    let elapsed = calendar::years_between(start_date, until);
    // A start known only to the month or year widens the elapsed time.
    let slack = match start.date.precision {
        Precision::Day => 0.0,
        Precision::Month => 1.0 / 12.0,
        Precision::Year => 1.0,
    };
    let reference = Interval::closed(elapsed - slack, elapsed + slack)
        .unwrap_or_else(|_| Interval::point(elapsed).expect("finite"));
    let mut evidence = vec![index.evidence(start)];
    evidence.extend(end.map(|e| index.evidence(e)));
    let entity = index.str(start.entity);
    let claimed = match q.kind {
        QuantityKind::OrdinalDuration => match q.interval.high_value() {
            Some(h) => format!(
                "claim: in its {} year ({}–{} years elapsed)",
                ordinal(h.round() as i64),
                plain(h - 1.0),
                plain(h)
            ),
            None => describe(q),
        },
        _ => format!("{} years", describe(q)),
    };
    let years = plain((elapsed * 10.0).round() / 10.0);
    let source = index.str(start.source);
    let text = if ended {
        format!("{claimed}; {entity} ran from {start_date} to {until} ({source}): {years} years")
    } else {
        let nth = ordinal(elapsed.floor() as i64 + 1);
        format!("{claimed}; {entity} began {start_date} ({source}); {until} is {years} years later: its {nth} year")
    };
    if q.interval.overlaps(&reference) {
        Outcome::Verdict {
            verdict: Verdict::Supported,
            scored: Scored {
                signals,
                central: q.interval.contains(elapsed),
                margin: 0.0,
            },
            explanation: text,
            evidence,
        }
    } else {
        // In years: a month's gap is a near miss, a year's a clear one.
        let gap = q.interval.gap(&reference);
        Outcome::Verdict {
            verdict: Verdict::Contradicted,
            scored: Scored {
                signals,
                central: false,
                margin: gap,
            },
            explanation: text,
            evidence,
        }
    }
}

/// When an event-fact row (a date-valued row) took place, as a decimal year.
fn event_year(row: &Row) -> f64 {
    calendar::decimal_year(date_of_days(row.value as i32))
}

/// How an event-fact row reads in an explanation: "held", "began", "ended".
fn event_verb(index: &Index, row: &Row) -> &'static str {
    match index.str(row.metric) {
        START_DATE => "began",
        END_DATE => "ended",
        _ => "held",
    }
}

fn compare_when(q: &Quantity, rows: &[&Row], index: &Index, signals: Signals) -> Outcome {
    let entity = rows
        .first()
        .map(|r| index.str(r.entity).to_string())
        .unwrap_or_default();
    let period = match (q.interval.low_value(), q.interval.high_value()) {
        (Some(l), Some(h)) if h - l == 1.0 && l.fract() == 0.0 => format!("claim: in {}", plain(l)),
        (Some(l), Some(h)) => format!(
            "claim: between {} and {}",
            calendar::date_of(l),
            calendar::date_of(h)
        ),
        _ => describe(q),
    };
    let in_period: Vec<&&Row> = rows
        .iter()
        .filter(|r| q.interval.contains(event_year(r)))
        .collect();
    if let Some(r) = in_period.first() {
        let text = format!(
            "{period}; {entity} {} {} ({})",
            event_verb(index, r),
            date_of_days(r.value as i32),
            index.str(r.source)
        );
        let evidence = in_period.iter().map(|r| index.evidence(r)).collect();
        return Outcome::Verdict {
            verdict: Verdict::Supported,
            scored: Scored {
                signals,
                central: true,
                margin: 0.0,
            },
            explanation: text,
            evidence,
        };
    }
    // A recurring event (elections) is known only over the years its rows
    // cover: outside them, no row is no evidence. A one-off event (a
    // referendum with one row) is known whenever it is claimed to be.
    if rows.len() > 1 && rows.iter().all(|r| index.str(r.metric) == HELD) {
        let years: Vec<f64> = rows.iter().map(|r| event_year(r)).collect();
        let (first, last) = years
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), &y| (a.min(y), b.max(y)));
        let before = q.interval.high_value().is_some_and(|h| h <= first.floor());
        let after = q
            .interval
            .low_value()
            .is_some_and(|l| l >= last.floor() + 1.0);
        if before || after {
            return Outcome::Unverifiable(
                Reason::NoRowForPeriod,
                format!(
                    "{period}; the reference records {entity} only from {} to {}",
                    calendar::date_of(first),
                    calendar::date_of(last)
                ),
                Vec::new(),
            );
        }
    }
    // The nearest occurrence shows what the claim should have said.
    let target = q.point.or(q.interval.low_value()).unwrap_or(0.0);
    let Some(nearest) = rows.iter().min_by(|a, b| {
        let da = (event_year(a) - target).abs();
        let db = (event_year(b) - target).abs();
        da.total_cmp(&db)
    }) else {
        return Outcome::Unverifiable(
            Reason::NoRowForPeriod,
            format!("no dates recorded for {entity}"),
            Vec::new(),
        );
    };
    let text = if rows.iter().all(|r| index.str(r.metric) == HELD) {
        format!(
            "{period}; no {entity} took place then: the nearest was held {} ({})",
            date_of_days(nearest.value as i32),
            index.str(nearest.source)
        )
    } else {
        format!(
            "{period}; {entity} {} {} ({})",
            event_verb(index, nearest),
            date_of_days(nearest.value as i32),
            index.str(nearest.source)
        )
    };
    let distance = (event_year(nearest) - target).abs();
    Outcome::Verdict {
        verdict: Verdict::Contradicted,
        scored: Scored {
            signals,
            central: false,
            margin: distance,
        },
        explanation: text,
        evidence: vec![index.evidence(nearest)],
    }
}
