//! Shared nouns of the pipeline: where a claim sits in its document ([`Span`]),
//! what it states ([`Interval`], [`Quantity`]), and what verification made of it
//! ([`Verdict`], [`Evidence`], [`Finding`]).
//!
//! Every stage speaks these types; none of them does I/O. Where it is cheap the
//! types make wrong states impossible: an [`Interval`] cannot have its low end
//! above its high end or a NaN bound. A [`Finding`]'s `reason` is set exactly
//! when its verdict is unverifiable, and its evidence is what the verdict rests
//! on; the verify stage keeps that rule (it is not yet in the types).

use std::cmp::Ordering;
use std::fmt;
use std::sync::Arc;

use serde::{Serialize, Serializer};

mod units;
pub use units::{Measure, Unit};

/// Where a piece of text sits in its document: a byte range, plus the 1-based
/// line and column (in characters) of its first byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
}

/// One end of an interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Bound {
    /// The value belongs to the interval.
    Closed(f64),
    /// The value is a limit that the interval does not include.
    Open(f64),
    /// No limit on this side.
    Unbounded,
}

impl Bound {
    pub fn value(self) -> Option<f64> {
        match self {
            Bound::Closed(v) | Bound::Open(v) => Some(v),
            Bound::Unbounded => None,
        }
    }

    fn map(self, f: impl Fn(f64) -> f64) -> Bound {
        match self {
            Bound::Closed(v) => Bound::Closed(f(v)),
            Bound::Open(v) => Bound::Open(f(v)),
            Bound::Unbounded => Bound::Unbounded,
        }
    }
}

/// Why an [`Interval`] could not be built.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum IntervalError {
    #[error("interval bound is not a finite number")]
    NotFinite,
    #[error("interval low end {low} is above its high end {high}")]
    Inverted { low: f64, high: f64 },
    #[error("interval is empty")]
    Empty,
}

/// A non-empty set of real numbers between two bounds, each closed, open or
/// absent. The only way to build one checks the bounds, so every `Interval`
/// in the program is well formed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    low: Bound,
    high: Bound,
}

impl Interval {
    pub fn new(low: Bound, high: Bound) -> Result<Interval, IntervalError> {
        for b in [low, high] {
            if let Some(v) = b.value() {
                if !v.is_finite() {
                    return Err(IntervalError::NotFinite);
                }
            }
        }
        if let (Some(l), Some(h)) = (low.value(), high.value()) {
            if l > h {
                return Err(IntervalError::Inverted { low: l, high: h });
            }
            if l == h && !(matches!(low, Bound::Closed(_)) && matches!(high, Bound::Closed(_))) {
                return Err(IntervalError::Empty);
            }
        }
        Ok(Interval { low, high })
    }

    /// `[low, high]`
    pub fn closed(low: f64, high: f64) -> Result<Interval, IntervalError> {
        Interval::new(Bound::Closed(low), Bound::Closed(high))
    }

    /// `[low, high)`
    pub fn half_open(low: f64, high: f64) -> Result<Interval, IntervalError> {
        Interval::new(Bound::Closed(low), Bound::Open(high))
    }

    /// `[v, v]`
    pub fn point(v: f64) -> Result<Interval, IntervalError> {
        Interval::closed(v, v)
    }

    pub fn low(&self) -> Bound {
        self.low
    }

    pub fn high(&self) -> Bound {
        self.high
    }

    pub fn low_value(&self) -> Option<f64> {
        self.low.value()
    }

    pub fn high_value(&self) -> Option<f64> {
        self.high.value()
    }

    pub fn contains(&self, x: f64) -> bool {
        let above_low = match self.low {
            Bound::Closed(l) => x >= l,
            Bound::Open(l) => x > l,
            Bound::Unbounded => true,
        };
        let below_high = match self.high {
            Bound::Closed(h) => x <= h,
            Bound::Open(h) => x < h,
            Bound::Unbounded => true,
        };
        above_low && below_high
    }

    /// True when the two intervals share at least one number.
    pub fn overlaps(&self, other: &Interval) -> bool {
        fn below(high: Bound, low: Bound) -> bool {
            // Is every number under `high` strictly below every number over `low`?
            match (high.value(), low.value()) {
                (Some(h), Some(l)) => match h.partial_cmp(&l) {
                    Some(Ordering::Less) => true,
                    Some(Ordering::Equal) => {
                        !(matches!(high, Bound::Closed(_)) && matches!(low, Bound::Closed(_)))
                    }
                    _ => false,
                },
                _ => false,
            }
        }
        !below(self.high, other.low) && !below(other.high, self.low)
    }

    /// Distance between the two intervals: 0 when they overlap or touch.
    pub fn gap(&self, other: &Interval) -> f64 {
        let a = match (self.high.value(), other.low.value()) {
            (Some(h), Some(l)) if h < l => l - h,
            _ => 0.0,
        };
        let b = match (other.high.value(), self.low.value()) {
            (Some(h), Some(l)) if h < l => l - h,
            _ => 0.0,
        };
        a.max(b)
    }

    /// The interval multiplied by a positive factor.
    pub fn scale(&self, factor: f64) -> Result<Interval, IntervalError> {
        if !(factor.is_finite() && factor > 0.0) {
            return Err(IntervalError::NotFinite);
        }
        Interval::new(self.low.map(|v| v * factor), self.high.map(|v| v * factor))
    }

    /// The image of the interval under a monotone function: increasing
    /// keeps each bound on its side, decreasing swaps them. Open and closed
    /// bounds keep their kind.
    pub fn map_monotone(
        &self,
        f: impl Fn(f64) -> f64,
        increasing: bool,
    ) -> Result<Interval, IntervalError> {
        let (low, high) = (self.low.map(&f), self.high.map(&f));
        if increasing {
            Interval::new(low, high)
        } else {
            Interval::new(high, low)
        }
    }

    /// The interval shifted by `delta`.
    pub fn shift(&self, delta: f64) -> Result<Interval, IntervalError> {
        Interval::new(self.low.map(|v| v + delta), self.high.map(|v| v + delta))
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.low {
            Bound::Closed(v) => write!(f, "[{}", crate::util::numfmt::plain(v))?,
            Bound::Open(v) => write!(f, "({}", crate::util::numfmt::plain(v))?,
            Bound::Unbounded => write!(f, "(…")?,
        }
        f.write_str(", ")?;
        match self.high {
            Bound::Closed(v) => write!(f, "{}]", crate::util::numfmt::plain(v)),
            Bound::Open(v) => write!(f, "{})", crate::util::numfmt::plain(v)),
            Bound::Unbounded => f.write_str("…)"),
        }
    }
}

/// How a quantity was stated: the grammar's reading of the phrase, which
/// decides how its interval was built (see DESIGN.md, semantics table).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuantityKind {
    /// A number at its stated precision ("1.9 million").
    Exact,
    /// "nearly", "almost", "just under": up to the figure, not past it.
    ApproxBelow,
    /// "about", "some", "roughly", "an estimated": either side of the figure.
    ApproxAround,
    /// "more than", "over", "at least": open above.
    LowerBound,
    /// "fewer than", "under", "up to", "at most": open below.
    UpperBound,
    /// "hundreds of thousands", "dozens", "millions".
    Vague,
    /// "between 400,000 and 500,000", "5-6 million", "two or three".
    Range,
    /// "now in its sixth year": elapsed time since an event's start.
    OrdinalDuration,
    /// "for five years", "more than a decade".
    Duration,
    /// "last year", "two years ago": a calendar period relative to the as-of date.
    RelativeDate,
    /// A calendar date or year stated as such ("in 1987", "November 11, 2017").
    Date,
}

impl QuantityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuantityKind::Exact => "exact",
            QuantityKind::ApproxBelow => "approx_below",
            QuantityKind::ApproxAround => "approx_around",
            QuantityKind::LowerBound => "lower_bound",
            QuantityKind::UpperBound => "upper_bound",
            QuantityKind::Vague => "vague",
            QuantityKind::Range => "range",
            QuantityKind::OrdinalDuration => "ordinal_duration",
            QuantityKind::Duration => "duration",
            QuantityKind::RelativeDate => "relative_date",
            QuantityKind::Date => "date",
        }
    }

    /// Kinds that state a point or span of calendar time rather than an amount.
    pub fn is_calendar(self) -> bool {
        matches!(self, QuantityKind::RelativeDate | QuantityKind::Date)
    }

    /// Kinds that state elapsed time since an event began.
    pub fn is_elapsed(self) -> bool {
        matches!(self, QuantityKind::OrdinalDuration | QuantityKind::Duration)
    }
}

/// A normalized quantity: the interval the phrase commits to, its point
/// estimate (the figure as stated, when there is one), its unit and how it
/// was stated.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    pub interval: Interval,
    pub point: Option<f64>,
    pub unit: Unit,
    pub kind: QuantityKind,
}

impl Serialize for Quantity {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Quantity", 5)?;
        st.serialize_field(
            "low",
            &self.interval.low_value().map(crate::util::numfmt::Num),
        )?;
        st.serialize_field(
            "high",
            &self.interval.high_value().map(crate::util::numfmt::Num),
        )?;
        st.serialize_field("point", &self.point.map(crate::util::numfmt::Num))?;
        st.serialize_field("unit", &self.unit)?;
        st.serialize_field("kind", &self.kind)?;
        st.end()
    }
}

/// The outcome of verification.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Supported,
    Contradicted,
    Unverifiable,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Supported => "supported",
            Verdict::Contradicted => "contradicted",
            Verdict::Unverifiable => "unverifiable",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a claim could not be given a supported/contradicted verdict. The
/// machine-readable half of an unverifiable claim's explanation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The phrase could not be read as a quantity.
    NotNormalized,
    /// Nothing in the sentence says what is counted.
    NoMetric,
    /// No subject (country, conflict, event) found for the claim.
    NoSubject,
    /// A subject was found but matches no reference entity with confidence.
    UnknownEntity,
    /// The entity is known but has no rows for this metric.
    NoMetricForEntity,
    /// The entity and metric are known but no row is valid at the as-of date.
    NoRowForPeriod,
    /// The claim's unit cannot be compared with the reference unit.
    UnitMismatch,
    /// The figure disagrees with the reference, but only a weak word
    /// ("people") said what it counts: no contradiction on that basis.
    UncertainMetric,
    /// The figure is about a part of the metric ("oil exports", "exports
    /// to Japan", "youth unemployment") that the reference has no series of.
    NarrowerMetric,
    /// The figure is a forecast, target, plan or assumption ("expected",
    /// "target", "would"), or is for a year not yet over at the text's
    /// date: a reference row of what happened does not check it.
    Forecast,
}

impl Reason {
    /// Every reason, in the order they are declared (a test keeps the list
    /// whole).
    pub const ALL: [Reason; 10] = [
        Reason::NotNormalized,
        Reason::NoMetric,
        Reason::NoSubject,
        Reason::UnknownEntity,
        Reason::NoMetricForEntity,
        Reason::NoRowForPeriod,
        Reason::UnitMismatch,
        Reason::UncertainMetric,
        Reason::NarrowerMetric,
        Reason::Forecast,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Reason::NotNormalized => "not_normalized",
            Reason::NoMetric => "no_metric",
            Reason::NoSubject => "no_subject",
            Reason::UnknownEntity => "unknown_entity",
            Reason::NoMetricForEntity => "no_metric_for_entity",
            Reason::NoRowForPeriod => "no_row_for_period",
            Reason::UnitMismatch => "unit_mismatch",
            Reason::UncertainMetric => "uncertain_metric",
            Reason::NarrowerMetric => "narrower_metric",
            Reason::Forecast => "forecast",
        }
    }
}

/// A calendar date (re-exported so stages agree on one type).
pub type Date = jiff::civil::Date;

/// Where a claim's as-of date came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AsOfSource {
    /// The claim itself (a claim file's `as_of`, or a year stated in its sentence).
    Claim,
    /// The article's `date`.
    Document,
    /// `--as-of` on the command line or in the config.
    Option,
    /// Nothing said: today.
    Today,
    /// A year stated in the sentence that lies after the text's own date:
    /// the claim is a forecast ("by 2050"), checkable only against forecasts.
    Projection,
}

/// A reference row that a verdict rests on, traceable to its file and line.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evidence {
    pub dataset: String,
    pub file: String,
    pub line: u64,
    pub entity: String,
    pub metric: String,
    pub value: EvidenceValue,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::util::numfmt::serialize_opt_f64"
    )]
    pub low: Option<f64>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::util::numfmt::serialize_opt_f64"
    )]
    pub high: Option<f64>,
    pub unit: Unit,
    pub date: String,
    pub source: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub url: String,
}

/// A reference value: a number, or a date for event facts (`start_date`,
/// `held`), shown as an ISO date.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum EvidenceValue {
    Number(f64),
    Date(Date),
}

impl Serialize for EvidenceValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            EvidenceValue::Number(v) => crate::util::numfmt::serialize_f64(v, s),
            EvidenceValue::Date(d) => s.collect_str(d),
        }
    }
}

impl EvidenceValue {
    /// The value as plain text with no grouping: `1880000`, `2016-11-08`.
    pub fn plain(&self) -> String {
        match self {
            EvidenceValue::Number(v) => crate::util::numfmt::plain(*v),
            EvidenceValue::Date(d) => d.to_string(),
        }
    }
}

impl fmt::Display for EvidenceValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EvidenceValue::Number(v) => f.write_str(&crate::util::numfmt::grouped(*v)),
            EvidenceValue::Date(d) => write!(f, "{d}"),
        }
    }
}

/// The claim's subject as written, and the reference entity it resolved to.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SubjectMatch {
    /// The words in the text ("Syria", "the conflict"), shared with the
    /// claim's subject candidates.
    pub mention: Arc<str>,
    /// The reference entity, when one was resolved.
    pub entity: Option<String>,
    /// How sure the entity match is, in [0, 1] (1 for an exact name or alias).
    #[serde(serialize_with = "crate::util::numfmt::serialize_opt_f64")]
    pub score: Option<f64>,
}

/// One claim with its verdict: the unit of every report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub id: String,
    pub document: Arc<str>,
    /// The web address of the claim's text: a claim row's `url`, an
    /// article's front-matter `url`. Absent when it has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<Arc<str>>,
    pub span: Span,
    pub text: String,
    pub sentence: Arc<str>,
    /// Byte offset of `sentence` in the document, so renderers can place the
    /// claim inside its sentence (`span.start - sentence_start`).
    #[serde(skip)]
    pub sentence_start: usize,
    pub subject: Option<SubjectMatch>,
    pub metric: Option<String>,
    pub quantity: Option<Quantity>,
    #[serde(serialize_with = "serialize_date")]
    pub as_of: Date,
    pub verdict: Verdict,
    #[serde(serialize_with = "crate::util::numfmt::serialize_f64")]
    pub confidence: f64,
    pub evidence: Vec<Evidence>,
    /// For a derived claim (a change, a ratio, a share): the relation it
    /// states and the one the reference rows give. Boxed: few claims are
    /// derived (5,367 of the archive's 122,577), and every finding would
    /// carry its room, 56 bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub derived: Option<Box<DerivedFinding>>,
    pub explanation: String,
    /// Set exactly when the verdict is unverifiable.
    pub reason: Option<Reason>,
    /// Why the claim is left out of the fail policy (an ignore marker's
    /// reason); absent for most claims.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ignored: Option<String>,
    /// Set when a `--baseline` file accepts this finding: still reported,
    /// but it does not fail the run.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub baselined: bool,
}

/// What a derived claim relates, as the extract stage reads it: the
/// figure is not a level but a ratio of two reference values.
#[derive(Clone, Debug, PartialEq)]
pub struct Derivation {
    pub form: DerivedForm,
    /// The claimed ratio: new/old for a change ("doubled" ≈ 2, "fell 5
    /// percent" ≈ 0.95), this/other for a comparison, part/whole for a
    /// share; for a change by an amount, new − old ("fell by half a
    /// million" ≈ −500,000).
    pub ratio: Interval,
}

/// The kinds of derived claim.
#[derive(Clone, Debug, PartialEq)]
pub enum DerivedForm {
    /// One series at two times: from the base period's figure to the
    /// figure of `to` (or the latest at the as-of date when `to` is `None`).
    Change {
        base: ChangeBase,
        to: Option<Period>,
    },
    /// As `Change`, by an amount: new − old, in the metric's unit ("fell by
    /// half a million").
    ChangeBy {
        base: ChangeBase,
        to: Option<Period>,
    },
    /// This subject's figure over another's, same metric and time ("three
    /// times as many people as Ghana"); the other's names, nearest first.
    Ratio { other: Vec<String> },
    /// A part over a whole's population ("one in five Syrians", "a sixth of
    /// the world's population"); the whole's names, nearest first.
    Share { whole: Vec<String> },
}

impl DerivedForm {
    /// The names of the other side (a comparison's other subject, a
    /// share's whole); none for a change.
    pub fn other_names(&self) -> &[String] {
        match self {
            DerivedForm::Change { .. } | DerivedForm::ChangeBy { .. } => &[],
            DerivedForm::Ratio { other } => other,
            DerivedForm::Share { whole } => whole,
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            DerivedForm::Change { .. } => "change",
            DerivedForm::ChangeBy { .. } => "change_by",
            DerivedForm::Ratio { .. } => "ratio",
            DerivedForm::Share { .. } => "share",
        }
    }
}

/// What a change is measured from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ChangeBase {
    /// A stated period: "since 2000", "between 2000 and 2010", or the
    /// period before a stated one ("rose 2 percent in 2016": from 2015).
    Period(Period),
    /// So many years before the end figure ("over the past decade").
    YearsBefore(f64),
    /// The sentence does not say.
    Unstated,
}

/// A calendar period, first and last day included; a reference row
/// belongs to it when the row's date falls inside.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub first: Date,
    pub last: Date,
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole_year = self.first.month() == 1
            && self.first.day() == 1
            && self.last.month() == 12
            && self.last.day() == 31;
        if whole_year && self.first.year() == self.last.year() {
            write!(f, "{}", self.first.year())
        } else {
            write!(f, "{}–{}", self.first, self.last)
        }
    }
}

/// The derived part of a finding: the relation claimed and computed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DerivedFinding {
    /// `change`, `change_by` (by an amount), `ratio` or `share`.
    pub form: &'static str,
    /// The claimed ratio (low and high; an open side is null).
    #[serde(serialize_with = "serialize_ratio")]
    pub claimed: Interval,
    /// The ratio of the two reference values, when both were found.
    #[serde(serialize_with = "serialize_opt_f64")]
    pub computed: Option<f64>,
}

fn serialize_ratio<S: Serializer>(i: &Interval, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeStruct;
    let mut st = s.serialize_struct("Ratio", 2)?;
    st.serialize_field("low", &i.low_value().map(crate::util::numfmt::Num))?;
    st.serialize_field("high", &i.high_value().map(crate::util::numfmt::Num))?;
    st.end()
}

fn serialize_opt_f64<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    v.map(crate::util::numfmt::Num).serialize(s)
}

/// Counts of verdicts over a report, and how far its claims got through
/// the pipeline.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub claims: usize,
    pub supported: usize,
    pub contradicted: usize,
    pub unverifiable: usize,
    pub coverage: Coverage,
}

/// How many claims reached each stage: every finding is a quantity mention
/// found in the text (a claim row with none is reported as one that could
/// not be normalized); of those, how many were read as an interval, resolved
/// to an entity, a metric and reference rows, and given a supported or
/// contradicted verdict; and, for the rest, how many stopped for each
/// [`Reason`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Coverage {
    pub found: usize,
    pub normalized: usize,
    pub resolved: usize,
    pub verdict: usize,
    pub unverifiable_reasons: std::collections::BTreeMap<Reason, usize>,
}

impl Reason {
    /// Whether a claim stopped for this reason had its entity, metric and
    /// reference rows resolved (it failed later, when compared).
    pub fn after_resolution(self) -> bool {
        matches!(self, Reason::UnitMismatch | Reason::UncertainMetric)
    }
}

impl Coverage {
    pub fn of(findings: &[Finding]) -> Coverage {
        let mut c = Coverage {
            found: findings.len(),
            ..Coverage::default()
        };
        for f in findings {
            if f.quantity.is_some() {
                c.normalized += 1;
            }
            match f.reason {
                None => {
                    c.resolved += 1;
                    c.verdict += 1;
                }
                Some(r) => {
                    if f.quantity.is_some() && r.after_resolution() {
                        c.resolved += 1;
                    }
                    *c.unverifiable_reasons.entry(r).or_insert(0) += 1;
                }
            }
        }
        c
    }
}

impl Summary {
    pub fn of(findings: &[Finding]) -> Summary {
        let mut s = Summary {
            claims: findings.len(),
            coverage: Coverage::of(findings),
            ..Summary::default()
        };
        for f in findings {
            match f.verdict {
                Verdict::Supported => s.supported += 1,
                Verdict::Contradicted => s.contradicted += 1,
                Verdict::Unverifiable => s.unverifiable += 1,
            }
        }
        s
    }
}

/// A whole verification run: what every renderer draws from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub claimcheck_version: String,
    /// The run's default as-of date (`--as-of`, or today).
    pub as_of: String,
    /// The built-in indicator catalog the claims were checked against,
    /// `None` when it was turned off.
    pub catalog: Option<CatalogInfo>,
    /// The reference snapshot: `sha256:` and a content hash of the
    /// reference data the claims were checked against (the folder's files
    /// read and the catalog's); `None` where no reference was loaded.
    pub reference: Option<String>,
    pub summary: Summary,
    pub claims: Vec<Finding>,
}

impl Report {
    pub fn new(as_of: Date, catalog: Option<CatalogInfo>, claims: Vec<Finding>) -> Report {
        Report {
            claimcheck_version: crate::VERSION.to_string(),
            as_of: as_of.to_string(),
            catalog,
            reference: None,
            summary: Summary::of(&claims),
            claims,
        }
    }
}

/// Which built-in indicator catalog a run used.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CatalogInfo {
    pub name: String,
    /// The data's upstream versions and a checksum of the catalog's files.
    pub version: String,
    /// How many reference tables it holds.
    pub tables: usize,
}

/// A date as `Date`'s `Display` writes it (`2017-11-11`), the common
/// four-digit years written without formatting machinery (the report's
/// claims each carry one; `collect_str` made and dropped a `String` a claim).
fn serialize_date<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    let Ok(year) = u16::try_from(d.year()) else {
        return s.collect_str(d);
    };
    if year > 9999 {
        return s.collect_str(d);
    }
    let digit = |v: u16| b'0' + (v % 10) as u8;
    let (month, day) = (d.month() as u16, d.day() as u16);
    let text = [
        digit(year / 1000),
        digit(year / 100),
        digit(year / 10),
        digit(year),
        b'-',
        digit(month / 10),
        digit(month),
        b'-',
        digit(day / 10),
        digit(day),
    ];
    s.serialize_str(std::str::from_utf8(&text).expect("ASCII digits"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The report's dates are `Date`'s own text, years of every width.
    #[test]
    fn a_date_is_written_as_date_displays_it() {
        #[derive(Serialize)]
        struct Dated(#[serde(serialize_with = "serialize_date")] Date);
        for (y, m, d) in [
            (2017, 11, 11),
            (1987, 1, 5),
            (0, 1, 1),
            (9, 12, 31),
            (999, 3, 4),
            (9999, 12, 31),
            (-5, 6, 7),
            (-9999, 1, 1),
        ] {
            let date = jiff::civil::date(y, m, d);
            let json = serde_json::to_string(&Dated(date)).unwrap();
            assert_eq!(json, format!("\"{date}\""));
        }
    }

    #[test]
    fn interval_rejects_inverted_and_nan() {
        assert!(Interval::closed(2.0, 1.0).is_err());
        assert!(Interval::closed(f64::NAN, 1.0).is_err());
        assert!(Interval::half_open(1.0, 1.0).is_err());
        assert!(Interval::point(1.0).is_ok());
    }

    #[test]
    fn overlap_respects_open_ends() {
        let a = Interval::half_open(5.0, 6.0).unwrap();
        let b = Interval::point(6.0).unwrap();
        assert!(!a.overlaps(&b));
        assert!(Interval::closed(5.0, 6.0).unwrap().overlaps(&b));
        let more_than = Interval::new(Bound::Open(500_000.0), Bound::Unbounded).unwrap();
        assert!(!more_than.overlaps(&Interval::closed(470_000.0, 480_000.0).unwrap()));
        assert!(more_than.overlaps(&Interval::closed(490_000.0, 510_000.0).unwrap()));
    }

    #[test]
    fn gap_is_zero_when_overlapping() {
        let a = Interval::closed(1.8e6, 2.0e6).unwrap();
        assert_eq!(a.gap(&Interval::closed(1.9e6, 1.95e6).unwrap()), 0.0);
        assert_eq!(a.gap(&Interval::closed(2.5e6, 3.0e6).unwrap()), 0.5e6);
        assert_eq!(Interval::closed(2.5e6, 3.0e6).unwrap().gap(&a), 0.5e6);
    }

    /// `Reason::ALL` holds every variant once: a new variant does not
    /// compile here until it has a place in the list.
    #[test]
    fn reason_all_is_every_variant() {
        for (i, r) in Reason::ALL.into_iter().enumerate() {
            let place = match r {
                Reason::NotNormalized => 0,
                Reason::NoMetric => 1,
                Reason::NoSubject => 2,
                Reason::UnknownEntity => 3,
                Reason::NoMetricForEntity => 4,
                Reason::NoRowForPeriod => 5,
                Reason::UnitMismatch => 6,
                Reason::UncertainMetric => 7,
                Reason::NarrowerMetric => 8,
                Reason::Forecast => 9,
            };
            assert_eq!(place, i, "{}", r.as_str());
        }
    }

    #[test]
    fn quantity_json_has_null_for_open_bound() {
        let q = Quantity {
            interval: Interval::new(Bound::Open(10.0), Bound::Unbounded).unwrap(),
            point: Some(10.0),
            unit: Unit::Years,
            kind: QuantityKind::LowerBound,
        };
        assert_eq!(
            serde_json::to_string(&q).unwrap(),
            r#"{"low":10,"high":null,"point":10,"unit":"years","kind":"lower_bound"}"#
        );
    }
}

/// How much a [`Problem`] matters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Severity {
    /// The input cannot be used as it is: the command exits 2.
    #[default]
    Error,
    /// The input is used, but not as its author likely meant (a unit
    /// claimcheck cannot read, rows no claim can reach): printed, and the
    /// command's exit code does not change.
    Warning,
}

/// A problem with one input, located as precisely as it can be.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{}{}: {message}\n  hint: {hint}", .file, .line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct Problem {
    pub file: String,
    pub line: Option<u64>,
    pub message: String,
    pub hint: String,
    pub severity: Severity,
}

impl Problem {
    /// An error: the command exits 2.
    pub fn new(
        file: &str,
        line: Option<u64>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Problem {
            file: file.to_string(),
            line,
            message: message.into(),
            hint: hint.into(),
            severity: Severity::Error,
        }
    }

    /// A warning: printed, with no effect on the exit code.
    pub fn warning(
        file: &str,
        line: Option<u64>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Problem {
            severity: Severity::Warning,
            ..Problem::new(file, line, message, hint)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Calendar arithmetic on decimal years (2016.0 is 1 January 2016), the
/// scale on which calendar claims and event dates are compared.
pub mod calendar {
    use super::Date;

    /// The decimal year of a date's start.
    pub fn decimal_year(d: Date) -> f64 {
        let days = if d.in_leap_year() { 366.0 } else { 365.0 };
        d.year() as f64 + (d.day_of_year() as f64 - 1.0) / days
    }

    /// The date whose start a decimal year falls in; years are clamped to
    /// the range dates can hold.
    pub fn date_of(decimal: f64) -> Date {
        let year = decimal.floor().clamp(-9000.0, 9000.0) as i16;
        let first = Date::new(year, 1, 1).expect("year clamped to range");
        let days = if first.in_leap_year() { 366.0 } else { 365.0 };
        let day = ((decimal - year as f64) * days + 1e-6)
            .floor()
            .clamp(0.0, days - 1.0) as i16;
        first.with().day_of_year(day + 1).build().unwrap_or(first)
    }

    /// Years elapsed from `from` to `to` (negative when `to` is earlier).
    pub fn years_between(from: Date, to: Date) -> f64 {
        decimal_year(to) - decimal_year(from)
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn round_trip() {
            for s in ["2016-01-01", "2016-11-08", "2016-12-31", "2017-03-15"] {
                let d: Date = s.parse().unwrap();
                assert_eq!(date_of(decimal_year(d)), d, "{s}");
            }
            let y = years_between("2011-03-15".parse().unwrap(), "2017-11-11".parse().unwrap());
            assert!((6.6..6.7).contains(&y), "{y}");
        }
    }
}
