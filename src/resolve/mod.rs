//! resolve: a [`Claim`] in, the reference rows it must be checked against out.
//!
//! Takes a claim's subject candidates, metric and as-of date and the read-only
//! reference [`Index`]; gives a [`Resolved`]: the entity (exact name, alias,
//! then fuzzy, score kept), and the rows valid at the as-of date (the latest
//! row at or before it from each dataset), or the reason nothing could be
//! resolved. A candidate entity must have the claim's metric: "Syria" names a
//! country with a population, "the conflict" the war with its deaths.

pub mod catalog;
mod datapackage;
mod derived;
mod edits;
mod folder;
mod index;
pub mod lint;
mod load;
pub mod manifest;
mod names;
mod rowdate;
mod snapshot;
mod table;

use crate::extract::{Claim, SubjectRef, METRIC_DATE, METRIC_DURATION, METRIC_END};
use crate::model::{
    AsOfSource, ChangeBase, Date, DerivedForm, Quantity, Reason, SubjectMatch, Unit,
};

pub use catalog::CatalogUse;
pub use derived::Pair;
pub use index::{DatasetInfo, EntityMatch, Index, MatchKind, Row};
pub use load::{lexicon_of, load, load_from, load_names, load_with, Loaded, Names, ALIASES};
pub use manifest::Cadence;
pub use rowdate::{date_of_days, days_of, Precision, RowDate};
pub use table::MANIFEST;

/// Event-fact metrics.
pub const START_DATE: &str = "start_date";
pub const END_DATE: &str = "end_date";
pub const HELD: &str = "held";

/// Below this entity score a match is not trusted for a verdict.
pub const MIN_ENTITY_SCORE: f64 = 0.8;

/// What a claim is to be compared with.
#[derive(Clone, Debug, PartialEq)]
pub enum Target<'i> {
    /// A count or amount: the row valid at the as-of date from each dataset
    /// that has one (several datasets: several rows).
    Value { rows: Vec<&'i Row> },
    /// Elapsed time since an event's start (and its end, if it ended before
    /// the as-of date).
    Elapsed {
        start: &'i Row,
        end: Option<&'i Row>,
    },
    /// When an event happened: every dated occurrence of it.
    When { rows: Vec<&'i Row> },
    /// A derived claim: (numerator, denominator) row pairs, one per dataset
    /// that has both.
    Derived { pairs: Vec<Pair<'i>> },
}

/// A claim's resolution against the index.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved<'i> {
    pub subject: Option<SubjectMatch>,
    pub metric: Option<String>,
    pub outcome: Result<Target<'i>, Unresolved>,
    /// Set when a change was read as a level of a rate series ("grew
    /// 2.9%" as `gdp_growth` = 2.9): the quantity to compare instead of
    /// the claim's own.
    pub level: Option<Quantity>,
}

/// Why a claim could not be matched to reference rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Unresolved {
    pub reason: Reason,
    /// Most details are fixed sentences, borrowed (108,744 of the
    /// archive's 122,577 claims have "nothing in the sentence says ...").
    pub detail: std::borrow::Cow<'static, str>,
}

fn unresolved(reason: Reason, detail: impl Into<std::borrow::Cow<'static, str>>) -> Unresolved {
    Unresolved {
        reason,
        detail: detail.into(),
    }
}

/// The reference metrics a claim metric is checked against.
fn reference_metrics(metric: &str) -> &[&str] {
    match metric {
        METRIC_DURATION => &[START_DATE],
        METRIC_DATE => &[HELD, START_DATE],
        METRIC_END => &[END_DATE],
        _ => std::slice::from_ref(&""),
    }
}

fn has(index: &Index, entity: u32, metric: &str) -> bool {
    let refs = reference_metrics(metric);
    if refs == [""] {
        index.has_metric(entity, metric)
    } else {
        refs.iter().any(|m| index.has_metric(entity, m))
    }
}

/// Resolve one claim.
pub fn resolve<'i>(claim: &Claim, index: &'i Index) -> Resolved<'i> {
    let metric = claim.metric.as_ref().map(|m| m.name.clone());
    let mut out = Resolved {
        subject: claim.subjects.first().map(|s| SubjectMatch {
            mention: s.shared_mention().clone(),
            entity: None,
            score: None,
        }),
        metric: metric.clone(),
        outcome: Err(unresolved(Reason::NoMetric, "")),
        level: None,
    };
    if let Err(e) = &claim.quantity {
        out.outcome = Err(unresolved(Reason::NotNormalized, e.to_string()));
        return out;
    }
    let Some(metric) = metric else {
        out.outcome = Err(unresolved(
            Reason::NoMetric,
            "nothing in the sentence says what the number counts",
        ));
        return out;
    };
    if let Some(narrowed) = claim.metric.as_ref().and_then(|m| m.narrowed.as_ref()) {
        out.outcome = Err(unresolved(
            Reason::NarrowerMetric,
            format!("the figure is about {narrowed}, a part of {metric}, which the reference data does not have on its own"),
        ));
        return out;
    }
    if claim.subjects.is_empty() {
        out.outcome = Err(unresolved(
            Reason::NoSubject,
            format!("no country, conflict or event named for this {metric} figure"),
        ));
        return out;
    }
    if let (Some(d), Ok(q)) = (&claim.derivation, &claim.quantity) {
        if matches!(d.form, DerivedForm::ChangeBy { .. }) && q.unit == Unit::PercentagePoints {
            out.outcome = Err(unresolved(
                Reason::UnitMismatch,
                format!("the claim is a change in percentage points, not a level of {metric} in percent: the two cannot be compared"),
            ));
            return out;
        }
    }
    if let Some((rate, level, as_of)) = rate_level(claim, index, &metric) {
        if let Ok((subject, entity)) =
            find_entity(index, &claim.subjects, &claim.document_subjects, rate)
        {
            out.subject = Some(subject);
            out.metric = Some(rate.to_string());
            out.level = Some(level);
            let why = no_yearly_level(claim, index, entity, rate);
            out.outcome = match why {
                Some(why) => Err(why),
                None => rows_for(
                    index,
                    entity,
                    rate,
                    as_of,
                    claim.as_of_source == AsOfSource::Projection,
                ),
            };
            return out;
        }
    }
    let (subject, entity) =
        match find_entity(index, &claim.subjects, &claim.document_subjects, &metric) {
            Ok(found) => found,
            Err((subject, why)) => {
                out.subject = subject.or(out.subject);
                out.outcome = Err(why);
                return out;
            }
        };
    out.subject = Some(subject);
    if let Some(why) = no_yearly_level(claim, index, entity, &metric) {
        out.outcome = Err(why);
        return out;
    }
    out.outcome = match &claim.derivation {
        Some(d) => derived::rows(index, entity, &metric, claim.as_of, d),
        None => rows_for(
            index,
            entity,
            &metric,
            claim.as_of,
            claim.as_of_source == AsOfSource::Projection,
        ),
    };
    out
}

/// Why no yearly row of `metric` checks the figure, if none does: it is a
/// forecast, for part of a year, or an undated current reading.
fn no_yearly_level(claim: &Claim, index: &Index, entity: u32, metric: &str) -> Option<Unresolved> {
    forecast(claim, index, metric)
        .or_else(|| period_mismatch(claim, index, entity, metric))
        .or_else(|| current_reading(claim, index, metric))
}

/// A forecast, target, plan or assumption ("the government forecast 2 pct
/// growth", "a five pct target", "exports could double"), or a figure for
/// a year that had not ended at the text's date ("1987 growth of 2 pct"
/// in a March 1987 article): a row of what happened does not check it,
/// whether it agrees or not. A level at a moment (a stock such as debt or
/// reserves, a number of people) stated for the current year is not a
/// forecast on that ground alone; an event's date or elapsed time never is.
fn forecast(claim: &Claim, index: &Index, metric: &str) -> Option<Unresolved> {
    if matches!(metric, METRIC_DURATION | METRIC_DATE | METRIC_END) {
        return None;
    }
    if let Some(word) = &claim.forecast {
        return Some(unresolved(
            Reason::Forecast,
            format!("the figure is a forecast, target or plan (\"{word}\"): a row of {metric} for what happened does not check it"),
        ));
    }
    let level = index
        .lexicon()
        .metric(metric)
        .is_some_and(|m| m.stock || m.unit == Unit::People);
    (claim.as_of_source == AsOfSource::Projection && !level).then(|| {
        unresolved(
            Reason::Forecast,
            format!(
                "the figure is for {}, which had not ended at the text's date: a forecast or estimate, not the year's {metric}",
                claim.as_of.year()
            ),
        )
    })
}

/// A figure for part of a year or a fiscal year ("in the fourth quarter",
/// "in February", "fiscal 1986/87") is not a calendar year's: against a
/// series of yearly rows only, it is unverifiable, with the words that say so.
fn period_mismatch(claim: &Claim, index: &Index, entity: u32, metric: &str) -> Option<Unresolved> {
    let words = claim.period.as_deref()?;
    // A number of people in some month is a moment of its yearly series
    // (mid-year estimates), checked against the row known then. A stock's
    // monthly figure is not: wire copy states reserves and debt month by
    // month, and a year-end row does not check them.
    let people = index
        .lexicon()
        .metric(metric)
        .is_some_and(|m| m.unit == Unit::People);
    if people && crate::extract::names_a_month(words) {
        return None;
    }
    let rows = index
        .metric_id(metric)
        .map_or(&[][..], |id| index.series(entity, id));
    let yearly = !rows.is_empty() && rows.iter().all(|r| r.date.precision == Precision::Year);
    yearly.then(|| {
        unresolved(
            Reason::NoRowForPeriod,
            format!("the figure is for a period other than a calendar year (\"{words}\"); the reference has only yearly {metric} figures"),
        )
    })
}

/// "Inflation is running at 8.8 pct", "unemployment has fallen below 9
/// pct" in a text, with no date in the sentence: for a rate the news
/// states month by month (the lexicon's `current`), the figure is the
/// latest reading, not the last year's average, and no yearly row checks
/// it. A claim row's own `as_of`, or a year in the sentence, dates it.
fn current_reading(claim: &Claim, index: &Index, metric: &str) -> Option<Unresolved> {
    let current = index.lexicon().metric(metric).is_some_and(|m| m.current);
    let undated = matches!(
        claim.as_of_source,
        AsOfSource::Document | AsOfSource::Option | AsOfSource::Today
    );
    (current && undated).then(|| {
        unresolved(
            Reason::NoRowForPeriod,
            format!("no year is said for this {metric} figure: undated in a text, the rate is the latest monthly reading, which the yearly rows do not check"),
        )
    })
}

/// "The economy grew 2.9% in 2018", "consumer prices rose 8%": a change of
/// a metric stated in percent, read as a level of the metric that is its
/// yearly rate (the lexicon's `rate_of`): that metric's name, the signed
/// level (a fall is negative) and the date whose row it states (the end of
/// the change's period, else the claim's as-of date).
fn rate_level<'l>(
    claim: &Claim,
    index: &'l Index,
    metric: &str,
) -> Option<(&'l str, Quantity, Date)> {
    let Some(derivation) = claim.derivation.as_ref() else {
        return percent_of_a_level(claim, index, metric);
    };
    let DerivedForm::Change { base, to } = &derivation.form else {
        return None;
    };
    // Only a change over one year is a level of a yearly rate: "grew 2.9%
    // in 2018" (from 2017), "grew 2.9%"; not "grew 25% between 2000 and
    // 2015".
    let one_year = |p: &crate::model::Period| {
        p.first.year() == p.last.year() && p.first.month() == 1 && p.last.month() == 12
    };
    let yearly = match (base, to) {
        (ChangeBase::Unstated, None) => true,
        (ChangeBase::Unstated, Some(t)) => one_year(t),
        (ChangeBase::Period(b), Some(t)) => {
            one_year(b) && one_year(t) && b.first.year() + 1 == t.first.year()
        }
        (ChangeBase::YearsBefore(y), _) => *y == 1.0,
        (ChangeBase::Period(_), None) => false,
    };
    if !yearly {
        return None;
    }
    let q = claim.quantity.as_ref().ok()?;
    if q.unit != Unit::Percent {
        return None;
    }
    // A percent change of a metric that is itself a yearly rate ("a 0.6
    // pct rise in inflation", "inflation rose 2.1 pct") is a level of it.
    let lexicon = index.lexicon();
    let rate = lexicon
        .rate_metric(metric)
        .or_else(|| lexicon.metric(metric).filter(|m| !m.rate_of.is_empty()))?;
    let interval = derivation
        .ratio
        .map_monotone(|r| (r - 1.0) * 100.0, true)
        .ok()?;
    let point = interval
        .low_value()
        .zip(interval.high_value())
        .map(|(l, h)| (l + h) / 2.0)
        .map(|p| (p * 1e9).round() / 1e9);
    let level = Quantity {
        interval,
        point,
        unit: Unit::Percent,
        kind: q.kind,
    };
    // The claim's own date (its date words, else its claim row's as_of)
    // says which year the change is of ("a 0.6 pct rise in consumer prices
    // last year", after "zero expected in 1987"); the change's period, read
    // more loosely, only for an article's figure with no date words.
    let as_of = match to {
        Some(p) if claim.as_of_source != AsOfSource::Claim => p.last,
        _ => claim.as_of,
    };
    Some((rate.name.as_str(), level, as_of))
}

/// "grew 7.2 pct in 1986, after 9 pct in 1985": a bare percent that takes
/// its metric from a figure before it, where that metric is a level in
/// other units (GDP in US$) that has a yearly rate (GDP growth), is a level
/// of the rate. A percent is never a level of a money or count series, so
/// no reading that could be checked is lost.
fn percent_of_a_level<'l>(
    claim: &Claim,
    index: &'l Index,
    metric: &str,
) -> Option<(&'l str, Quantity, Date)> {
    let q = claim.quantity.as_ref().ok()?;
    // Only a strong word makes a bare percent a rate: "at prices between
    // 94.70 and 97.10 pct" (a bond's) is no rate of consumer prices.
    if !claim.metric.as_ref().is_some_and(|m| m.strong) {
        return None;
    }
    let lexicon = index.lexicon();
    let level = lexicon.metric(metric)?;
    let in_percent = |u: &Unit| matches!(u, Unit::Percent | Unit::PercentagePoints);
    if q.unit != Unit::Percent || in_percent(&level.unit) || level.share_of.is_some() {
        return None;
    }
    // "0.5 percent of GDP" is a share of the level, not its rate.
    let end = (claim.span.end.checked_sub(claim.sentence_start))?;
    let after = claim.sentence.get(end..)?.trim_start();
    let word = after.split(|c: char| !c.is_alphanumeric()).next()?;
    if word.eq_ignore_ascii_case("of") {
        return None;
    }
    let rate = lexicon.rate_metric(metric)?;
    Some((rate.name.as_str(), q.clone(), claim.as_of))
}

/// The entity a claim is about: the first subject candidate (nearest
/// first; a generic noun stands for the document's known names) whose
/// entity has `metric`. On failure, the subject that was understood, if
/// any, and why nothing fits.
fn find_entity(
    index: &Index,
    subjects: &[SubjectRef],
    document_subjects: &[String],
    metric: &str,
) -> Result<(SubjectMatch, u32), (Option<SubjectMatch>, Unresolved)> {
    let mut first_known: Option<(String, EntityMatch)> = None;
    let mut unknown: Vec<String> = Vec::new();
    for candidate in subjects {
        let mentions: Vec<&str> = match candidate {
            SubjectRef::Named { mention } => vec![&**mention],
            SubjectRef::Coref { .. } => document_subjects.iter().map(String::as_str).collect(),
            SubjectRef::Implicit { mention } => vec![&**mention],
        };
        for mention in mentions {
            let matches = index.lookup(mention);
            if matches.is_empty() {
                // "Taiwan's reserves ... a target for U.S. protectionism":
                // a country the data has no rows for is still the subject,
                // not the next name the sentence gives.
                if first_known.is_none() && index.names_a_country_without_rows(mention) {
                    return Err((
                        Some(SubjectMatch {
                            mention: candidate.shared_mention().clone(),
                            entity: None,
                            score: None,
                        }),
                        unresolved(
                            Reason::UnknownEntity,
                            format!(
                                "\"{mention}\" is a country the reference data has no rows for"
                            ),
                        ),
                    ));
                }
                if matches!(candidate, SubjectRef::Named { .. }) {
                    unknown.push(mention.to_string());
                }
                continue;
            }
            for m in matches {
                if has(index, m.entity, metric) {
                    let subject = SubjectMatch {
                        mention: candidate.shared_mention().clone(),
                        entity: Some(index.str(m.entity).to_string()),
                        score: Some(m.score),
                    };
                    return Ok((subject, m.entity));
                }
                first_known.get_or_insert((mention.to_string(), m));
            }
        }
    }
    Err(match first_known {
        Some((mention, m)) => (
            Some(SubjectMatch {
                mention: mention.into(),
                entity: Some(index.str(m.entity).to_string()),
                score: Some(m.score),
            }),
            unresolved(
                Reason::NoMetricForEntity,
                format!(
                    "no {metric} figures for {} in the reference data",
                    index.str(m.entity)
                ),
            ),
        ),
        None => {
            let named = unknown
                .first()
                .cloned()
                .or_else(|| subjects.first().map(|s| s.mention().to_string()))
                .unwrap_or_default();
            (
                Some(SubjectMatch {
                    mention: named.as_str().into(),
                    entity: None,
                    score: None,
                }),
                unresolved(
                    Reason::UnknownEntity,
                    format!("\"{named}\" matches no reference entity closely enough"),
                ),
            )
        }
    })
}

/// The rows of `entity`'s `metric` valid at `as_of`.
fn rows_for<'i>(
    index: &'i Index,
    entity: u32,
    metric: &str,
    as_of: Date,
    projection: bool,
) -> Result<Target<'i>, Unresolved> {
    let as_of_days = days_of(as_of);
    let name = index.str(entity);
    let series = |m: &str| {
        index
            .metric_id(m)
            .map_or(&[][..], |id| index.series(entity, id))
    };
    match metric {
        METRIC_DURATION => {
            let start = series(START_DATE).first();
            let Some(start) = start.filter(|r| (r.value as i32) <= as_of_days) else {
                return Err(unresolved(
                    Reason::NoRowForPeriod,
                    format!("{name} had not begun by {as_of}"),
                ));
            };
            let end = series(END_DATE)
                .first()
                .filter(|r| (r.value as i32) <= as_of_days);
            Ok(Target::Elapsed { start, end })
        }
        METRIC_DATE | METRIC_END => {
            let rows: Vec<&Row> = reference_metrics(metric)
                .iter()
                .flat_map(|m| series(m))
                .collect();
            Ok(Target::When { rows })
        }
        _ => {
            let all = series(metric);
            // A stock's yearly row is its level at the year's end: known
            // only from then ("109 billion dlrs" of debt in March 1987 is
            // the end-1986 level, not end-1987's). So is a flow's or a
            // rate's, the year's total ("exports were 7.45 billion dlrs"
            // in March 1987 is 1986's). Only a number of people is a level
            // during its year (a mid-year estimate).
            let known_at_end = index
                .lexicon()
                .metric(metric)
                .is_some_and(|m| m.stock || m.unit != Unit::People);
            let known_from = |r: &Row| match r.date.precision {
                Precision::Year if known_at_end => {
                    jiff::civil::Date::new(r.date.start().year(), 12, 31)
                        .map_or(r.date.days, days_of)
                }
                _ => r.date.days,
            };
            let mut latest: Vec<&Row> = Vec::new();
            for r in all.iter().filter(|r| known_from(r) <= as_of_days) {
                match latest.iter_mut().find(|l| l.dataset == r.dataset) {
                    Some(l) if l.date <= r.date => *l = r,
                    Some(_) => {}
                    None => latest.push(r),
                }
            }
            if latest.is_empty() {
                let first = all.first().map(|r| r.date.to_string()).unwrap_or_default();
                return Err(unresolved(Reason::NoRowForPeriod, format!("no {metric} figure for {name} at or before {as_of} (the first is for {first})")));
            }
            latest.sort_by_key(|r| r.dataset);
            if projection && latest.iter().all(|r| r.date.start().year() < as_of.year()) {
                let newest = latest.iter().map(|r| r.date).max().expect("non-empty");
                return Err(unresolved(
                    Reason::NoRowForPeriod,
                    format!("a forecast for {}: the reference's latest {metric} figure for {name} is for {newest}", as_of.year()),
                ));
            }
            Ok(Target::Value { rows: latest })
        }
    }
}

#[cfg(test)]
mod tests;
