//! Units as a model: what a number measures (its dimension: people, money in
//! one currency, percent, percentage points, years, tonnes, a rate per some
//! base, an amount per person), read from the words a publisher or a
//! reporter uses, never compared as strings.
//!
//! [`Unit::read`] takes a unit as written in reference data, a lexicon or a
//! datapackage title ("current US$", "% of GDP", "kt", "per 1,000 live
//! births", "metric tons per capita", "births per woman") and gives a
//! [`Measure`]: the unit and its scale ("kt" is 1,000 tonnes).
//! [`Unit::conversion`] says whether a claim's unit can be compared with a
//! reference's, and by what factor a claim's value turns into the
//! reference's written unit; incompatible units (percent and US$, percent
//! and percentage points, a year and a number of years) give `None`, and
//! the claim is reported as a unit mismatch, never compared.

use std::borrow::Cow;
use std::fmt;

use serde::{Serialize, Serializer};

/// What a number counts or measures.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    /// A plain count whose noun the metric names ("two million").
    Count,
    /// Persons (set from the metric: population, deaths, wounded...).
    People,
    /// Percent (4.1 percent = 4.1), a level or a share ("% of GDP": the
    /// whole is the metric's, not the unit's).
    Percent,
    /// Percentage points, kept apart from percent.
    PercentagePoints,
    /// A share as a ratio ("a third" = 0.333...).
    Ratio,
    /// A number of years: elapsed time ("for five years", "in its sixth
    /// year") or a level measured in years (life expectancy).
    Years,
    /// A point in calendar time as a decimal year (2016.0 = 1 January 2016).
    Year,
    /// Money, by ISO 4217 code ("USD", "GBP", "EUR", "JPY", "INR").
    Currency(String),
    /// Mass in tonnes (metric tons); "kt" is a scale of it.
    Tonnes,
    /// A rate per this many of a base ("56 per 1,000 live births": 1,000).
    Per(u32),
    /// An amount per person ("$1,200 per capita", "a head", "metric tons
    /// per capita").
    PerCapita(Box<Unit>),
    /// Any other unit a dataset names (bags, sq. km, births per woman...).
    Other(String),
}

/// A unit as written, with its scale: how many of [`Measure::unit`] one of
/// the written unit is ("kt": 1,000 tonnes; "current US$": 1 USD).
#[derive(Clone, Debug, PartialEq)]
pub struct Measure {
    pub unit: Unit,
    pub scale: f64,
}

impl Measure {
    fn of(unit: Unit) -> Measure {
        Measure { unit, scale: 1.0 }
    }
}

/// Written currency names and symbols, with their ISO code.
const CURRENCIES: &[(&str, &str)] = &[
    ("usd", "USD"),
    ("us$", "USD"),
    ("$", "USD"),
    ("us dollars", "USD"),
    ("dollars", "USD"),
    ("dlrs", "USD"),
    ("current us$", "USD"),
    ("constant us$", "USD"),
    ("current international $", "USD"),
    ("constant international $", "USD"),
    ("gbp", "GBP"),
    ("£", "GBP"),
    ("stg", "GBP"),
    ("sterling", "GBP"),
    ("pounds", "GBP"),
    ("eur", "EUR"),
    ("€", "EUR"),
    ("euros", "EUR"),
    ("jpy", "JPY"),
    ("yen", "JPY"),
    ("inr", "INR"),
    ("rupees", "INR"),
    ("cny", "CNY"),
    ("yuan", "CNY"),
    ("chf", "CHF"),
    ("cad", "CAD"),
    ("aud", "AUD"),
];

/// Written mass units, with their size in tonnes.
const MASSES: &[(&str, f64)] = &[
    ("tonnes", 1.0),
    ("tonne", 1.0),
    ("tons", 1.0),
    ("ton", 1.0),
    ("metric tons", 1.0),
    ("metric tonnes", 1.0),
    ("t", 1.0),
    ("kt", 1e3),
    ("thousand tonnes", 1e3),
    ("thousand metric tons", 1e3),
    ("million tonnes", 1e6),
    ("million metric tons", 1e6),
    ("mt", 1e6),
];

/// Words after "of" in a mass unit that name the substance, not the unit
/// ("kt of CO2 equivalent").
const SUBSTANCE: &[&str] = &[
    " of co2 equivalent",
    " of co2",
    " co2 equivalent",
    " of carbon",
];

impl Unit {
    /// Wordings [`Unit::read`] understands, one or two of each kind: what a
    /// hint offers a dataset or lexicon whose unit it cannot read.
    pub const WORDINGS: &'static [&'static str] = &[
        "people",
        "percent",
        "% of GDP",
        "percentage points",
        "USD",
        "current US$",
        "EUR",
        "GBP",
        "US$ per capita",
        "tonnes",
        "kt",
        "metric tons per capita",
        "per 1,000 live births",
        "per 100 people",
        "births per woman",
        "sq. km",
        "people per sq. km",
        "years",
        "date",
        "index",
    ];

    /// The unit's name in reports and JSON.
    pub fn as_str(&self) -> Cow<'_, str> {
        Cow::Borrowed(match self {
            Unit::Count => "count",
            Unit::People => "people",
            Unit::Percent => "percent",
            Unit::PercentagePoints => "percentage_points",
            Unit::Ratio => "ratio",
            Unit::Years => "years",
            Unit::Year => "year",
            Unit::Tonnes => "tonnes",
            Unit::Currency(code) | Unit::Other(code) => code,
            Unit::Per(base) => {
                return Cow::Owned(format!(
                    "per {}",
                    crate::util::numfmt::grouped(*base as f64)
                ))
            }
            Unit::PerCapita(of) => return Cow::Owned(format!("{} per capita", of.as_str())),
        })
    }

    /// Parse a unit name as written in reference data or the lexicon,
    /// dropping its scale (see [`Unit::read`]).
    pub fn parse(s: &str) -> Unit {
        Unit::read(s).unit
    }

    /// Read a unit as a publisher or a lexicon writes it: "people",
    /// "percent", "%", "% of GDP", "annual %", "percentage points", "USD",
    /// "current US$", "US$ per capita", "kt", "tonnes", "metric tons per
    /// capita", "per 1,000 live births", "births per woman", "years".
    /// Anything else is kept as written ([`Unit::Other`]).
    pub fn read(s: &str) -> Measure {
        Unit::try_read(s).unwrap_or_else(|| Measure::of(Unit::Other(s.trim().to_string())))
    }

    /// [`Unit::read`], or `None` for a wording it does not know (which
    /// `read` keeps as written, comparable only with the same wording and
    /// bare figures, never converted).
    pub fn try_read(s: &str) -> Option<Measure> {
        let trimmed = s.trim();
        let lower: String = trimmed
            .to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let lower = lower.as_str();
        // "(current US$)" as a datapackage title writes it.
        let lower = lower
            .strip_prefix('(')
            .and_then(|l| l.strip_suffix(')'))
            .unwrap_or(lower);
        if let Some(of) = ["per capita", "per person", "per head", "a head"]
            .iter()
            .find_map(|tail| lower.strip_suffix(tail))
        {
            let inner = Unit::read(of.trim());
            if !matches!(inner.unit, Unit::Other(_) | Unit::Count | Unit::People) {
                return Some(Measure {
                    unit: Unit::PerCapita(Box::new(inner.unit)),
                    scale: inner.scale,
                });
            }
        }
        let known = match lower {
            "" | "count" | "number" | "index" => Some(Unit::Count),
            "people" | "persons" | "person" | "inhabitants" => Some(Unit::People),
            "percent" | "%" | "pct" | "per cent" | "percentage" => Some(Unit::Percent),
            "percentage_points" | "percentage points" | "pp" | "points" => {
                Some(Unit::PercentagePoints)
            }
            "ratio" | "share" => Some(Unit::Ratio),
            "years" => Some(Unit::Years),
            "year" | "date" => Some(Unit::Year),
            "births per woman" | "children per woman" | "babies per woman" => {
                Some(Unit::Other("births per woman".into()))
            }
            "sq. km" | "sq km" | "square kilometres" | "square kilometers" | "km2" => {
                Some(Unit::Other("sq. km".into()))
            }
            "people per sq. km"
            | "people per sq km"
            | "people per square kilometre"
            | "people per square kilometer"
            | "people per km2"
            | "people per sq. km of land area" => Some(Unit::Other("people per sq. km".into())),
            _ => None,
        };
        if let Some(unit) = known {
            return Some(Measure::of(unit));
        }
        // Percent forms: "annual %", "% of GDP", "% of population ages
        // 15-49", "% gross", "percent of GDP".
        if lower.starts_with("% ")
            || lower.ends_with(" %")
            || lower.starts_with("percent of ")
            || lower.starts_with("per cent of ")
        {
            return Some(Measure::of(Unit::Percent));
        }
        if let Some(&(_, code)) = CURRENCIES.iter().find(|(w, _)| *w == lower) {
            return Some(Measure::of(Unit::Currency(code.into())));
        }
        let mass = SUBSTANCE
            .iter()
            .find_map(|s| lower.strip_suffix(s))
            .unwrap_or(lower);
        if let Some(&(_, scale)) = MASSES.iter().find(|(w, _)| *w == mass) {
            return Some(Measure {
                unit: Unit::Tonnes,
                scale,
            });
        }
        per_base(lower).map(|base| Measure::of(Unit::Per(base)))
    }

    /// The factor that turns a claim's value in `self` into the written
    /// unit of a reference value in `to`, or `None` when the two cannot be
    /// compared. A bare count compares with people and any counted noun; an
    /// amount per capita compares with the same amount (a per-capita
    /// metric's reference is written "current US$"); a rate per 1,000
    /// with a rate per 100,000 (times 100).
    pub fn conversion(&self, to: &Measure) -> Option<f64> {
        let factor = match (self, &to.unit) {
            (a, b) if a == b => 1.0,
            (Unit::Count, Unit::People | Unit::Other(_) | Unit::Per(_))
            | (Unit::People | Unit::Other(_), Unit::Count) => 1.0,
            (Unit::Per(a), Unit::Per(b)) => *b as f64 / *a as f64,
            (Unit::PerCapita(a), b) | (b, Unit::PerCapita(a)) => {
                return a.conversion(&Measure {
                    unit: b.clone(),
                    scale: to.scale,
                })
            }
            _ => return None,
        };
        Some(factor / to.scale)
    }
}

/// The base of "per 1,000 live births", "per 100 people", "per 100,000".
fn per_base(lower: &str) -> Option<u32> {
    let rest = lower.strip_prefix("per ")?;
    let digits: String = rest
        .split_whitespace()
        .next()?
        .chars()
        .filter(|c| *c != ',')
        .collect();
    digits.parse().ok().filter(|b| *b > 0)
}

impl Serialize for Unit {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.as_str())
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> (Unit, f64) {
        let m = Unit::read(s);
        (m.unit, m.scale)
    }

    #[test]
    fn publisher_wordings_read_as_units() {
        let usd = Unit::Currency("USD".into());
        for (written, unit, scale) in [
            ("USD", usd.clone(), 1.0),
            ("current US$", usd.clone(), 1.0),
            ("US$", usd.clone(), 1.0),
            ("(current US$)", usd.clone(), 1.0),
            ("current international $", usd.clone(), 1.0),
            ("percent", Unit::Percent, 1.0),
            ("%", Unit::Percent, 1.0),
            ("annual %", Unit::Percent, 1.0),
            ("% of GDP", Unit::Percent, 1.0),
            ("% of population ages 15-49", Unit::Percent, 1.0),
            ("% gross", Unit::Percent, 1.0),
            ("people", Unit::People, 1.0),
            ("years", Unit::Years, 1.0),
            ("tonnes", Unit::Tonnes, 1.0),
            ("metric tons", Unit::Tonnes, 1.0),
            ("kt", Unit::Tonnes, 1000.0),
            ("kt of CO2 equivalent", Unit::Tonnes, 1000.0),
            ("per 1,000 live births", Unit::Per(1000), 1.0),
            ("per 100,000 live births", Unit::Per(100_000), 1.0),
            ("per 100 people", Unit::Per(100), 1.0),
            (
                "births per woman",
                Unit::Other("births per woman".into()),
                1.0,
            ),
            (
                "metric tons per capita",
                Unit::PerCapita(Box::new(Unit::Tonnes)),
                1.0,
            ),
            (
                "US$ per capita",
                Unit::PerCapita(Box::new(usd.clone())),
                1.0,
            ),
            ("stg", Unit::Currency("GBP".into()), 1.0),
        ] {
            assert_eq!(read(written), (unit, scale), "{written}");
        }
    }

    #[test]
    fn scales_convert_and_incompatible_units_do_not() {
        let kt = Unit::read("kt");
        // 10 billion tonnes is 10 million kt.
        assert_eq!(Unit::Tonnes.conversion(&kt), Some(1e-3));
        let usd = Unit::Currency("USD".into());
        assert_eq!(usd.conversion(&Unit::read("current US$")), Some(1.0));
        assert_eq!(
            Unit::Per(1000).conversion(&Unit::read("per 100,000 live births")),
            Some(100.0)
        );
        let per_capita = Unit::PerCapita(Box::new(usd.clone()));
        assert_eq!(per_capita.conversion(&Unit::read("current US$")), Some(1.0));
        for (claim, reference) in [
            (Unit::Percent, "current US$"),
            (Unit::Percent, "percentage points"),
            (Unit::PercentagePoints, "percent"),
            (Unit::Years, "year"),
            (Unit::Currency("GBP".into()), "current US$"),
            (Unit::Tonnes, "current US$"),
            (Unit::Percent, "per 1,000 live births"),
        ] {
            assert_eq!(
                claim.conversion(&Unit::read(reference)),
                None,
                "{claim} vs {reference}"
            );
        }
    }

    #[test]
    fn known_wordings_are_told_from_kept_ones() {
        for w in Unit::WORDINGS {
            assert!(Unit::try_read(w).is_some(), "{w}");
        }
        for (w, unit) in [
            ("people per sq. km of land area", "people per sq. km"),
            ("People per square kilometre", "people per sq. km"),
            ("births per woman", "births per woman"),
        ] {
            assert_eq!(
                Unit::try_read(w).map(|m| m.unit),
                Some(Unit::Other(unit.into())),
                "{w}"
            );
        }
        for w in [
            "bags",
            "kilo tonnes",
            "hospital beds per capita",
            "LCU per US$",
        ] {
            assert_eq!(Unit::try_read(w), None, "{w}");
            assert_eq!(
                Unit::read(w).unit,
                Unit::Other(w.into()),
                "{w} is kept as written"
            );
        }
    }

    #[test]
    fn names_round_trip_through_read() {
        for u in [
            Unit::Count,
            Unit::People,
            Unit::Percent,
            Unit::PercentagePoints,
            Unit::Years,
            Unit::Tonnes,
            Unit::Per(1000),
            Unit::Currency("USD".into()),
            Unit::PerCapita(Box::new(Unit::Tonnes)),
        ] {
            assert_eq!(Unit::parse(&u.as_str()), u, "{u}");
        }
    }
}
