//! The two rows a derived claim is computed from.
//!
//! Takes the claim's entity and metric and its [`Derivation`]; gives
//! [`Target::Derived`] with (numerator, denominator) row pairs, one per
//! dataset that has both, or the reason there is no such pair:
//! - a change: the same series at its end (a stated period, or the latest
//!   figure at the as-of date) over its base period;
//! - a ratio: this entity's figure over the other subject's, at the as-of date;
//! - a share: the part's figure over the whole's population.

use super::{find_entity, rows_for, unresolved, Index, Row, Target, Unresolved};
use crate::extract::SubjectRef;
use crate::model::{ChangeBase, Date, Derivation, DerivedForm, Period, Reason};

/// The metric a share's whole is counted in.
const WHOLE_METRIC: &str = "population";

/// A numerator row and the denominator row it is divided by.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pair<'i> {
    pub numerator: &'i Row,
    pub denominator: &'i Row,
}

pub(super) fn rows<'i>(
    index: &'i Index,
    entity: u32,
    metric: &str,
    as_of: Date,
    derivation: &Derivation,
) -> Result<Target<'i>, Unresolved> {
    match &derivation.form {
        DerivedForm::Change { base, to } | DerivedForm::ChangeBy { base, to } => {
            change(index, entity, metric, as_of, *base, *to)
        }
        DerivedForm::Ratio { other } => across(index, entity, metric, as_of, other, metric),
        DerivedForm::Share { whole } => across(index, entity, metric, as_of, whole, WHOLE_METRIC),
    }
}

fn within(row: &Row, p: Period) -> bool {
    let d = row.date.start();
    p.first <= d && d <= p.last
}

fn change<'i>(
    index: &'i Index,
    entity: u32,
    metric: &str,
    as_of: Date,
    base: ChangeBase,
    to: Option<Period>,
) -> Result<Target<'i>, Unresolved> {
    let name = index.str(entity);
    if base == ChangeBase::Unstated {
        return Err(unresolved(
            Reason::NoRowForPeriod,
            "a change needs the period it is measured over (\"since 2000\", \"last year\", \"between 2000 and 2010\"); the sentence gives none",
        ));
    }
    let series = index
        .metric_id(metric)
        .map_or(&[][..], |id| index.series(entity, id));
    // The end figure of each dataset: the latest in the stated period, or
    // at the as-of date.
    let mut ends: Vec<&Row> = Vec::new();
    for r in series {
        let fits = match to {
            Some(p) => within(r, p),
            None => r.date.start() <= as_of,
        };
        if !fits {
            continue;
        }
        match ends.iter_mut().find(|e| e.dataset == r.dataset) {
            Some(e) if e.date < r.date => *e = r,
            Some(_) => {}
            None => ends.push(r),
        }
    }
    if ends.is_empty() {
        let when = to.map_or_else(|| format!("at or before {as_of}"), |p| format!("for {p}"));
        return Err(unresolved(
            Reason::NoRowForPeriod,
            format!("no {metric} figure for {name} {when}"),
        ));
    }
    ends.sort_by_key(|r| r.dataset);
    let mut pairs = Vec::new();
    let mut wanted = Vec::new();
    for end in ends {
        let period = match base {
            ChangeBase::Period(p) => p,
            ChangeBase::YearsBefore(years) if years < 1.0 => {
                return Err(unresolved(
                    Reason::NoRowForPeriod,
                    format!("a change over less than a year cannot be measured from {name}'s {metric} figures"),
                ));
            }
            ChangeBase::YearsBefore(years) => {
                let y = end.date.start().year() as f64 - years.round();
                let y = y as i16;
                match (Date::new(y, 1, 1), Date::new(y, 12, 31)) {
                    (Ok(first), Ok(last)) => Period { first, last },
                    _ => continue,
                }
            }
            ChangeBase::Unstated => unreachable!("handled above"),
        };
        wanted.push(period);
        let start = series
            .iter()
            .filter(|r| r.dataset == end.dataset && within(r, period) && r.date < end.date)
            .max_by_key(|r| r.date);
        if let Some(start) = start {
            pairs.push(Pair {
                numerator: end,
                denominator: start,
            });
        }
    }
    if pairs.is_empty() {
        let when = wanted
            .first()
            .map_or_else(String::new, |p| format!(" for {p}"));
        return Err(unresolved(
            Reason::NoRowForPeriod,
            format!("no {metric} figure for {name}{when} to measure the change from"),
        ));
    }
    Ok(Target::Derived { pairs })
}

/// Rows of two entities at the as-of date: `entity`'s `metric` over the
/// `other` subject's `other_metric`, paired by dataset where both have one.
fn across<'i>(
    index: &'i Index,
    entity: u32,
    metric: &str,
    as_of: Date,
    other: &[String],
    other_metric: &str,
) -> Result<Target<'i>, Unresolved> {
    let names: Vec<SubjectRef> = other
        .iter()
        .map(|mention| SubjectRef::Named {
            mention: mention.as_str().into(),
        })
        .collect();
    let (_, other_entity) =
        find_entity(index, &names, &[], other_metric).map_err(|(_, why)| why)?;
    if other_entity == entity {
        return Err(unresolved(
            Reason::NoSubject,
            format!(
                "the claim compares {} with itself: the other side of the comparison or share is not named apart from it",
                index.str(entity)
            ),
        ));
    }
    let values = |e: u32, m: &str| match rows_for(index, e, m, as_of, false)? {
        Target::Value { rows } => Ok(rows),
        _ => Err(unresolved(
            Reason::UnitMismatch,
            format!("{m} is not a value that can be divided"),
        )),
    };
    let numerators = values(entity, metric)?;
    let denominators = values(other_entity, other_metric)?;
    let mut pairs = Vec::new();
    for n in numerators {
        let d = denominators
            .iter()
            .find(|d| d.dataset == n.dataset)
            .or(denominators.first())
            .copied();
        if let Some(denominator) = d {
            pairs.push(Pair {
                numerator: n,
                denominator,
            });
        }
    }
    Ok(Target::Derived { pairs })
}
