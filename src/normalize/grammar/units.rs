//! Units written around a figure: currencies before it, and percent,
//! percentage points, currencies and durations after it.
//!
//! Reads the signs "$", "£", "€", "¥", "₹" and a minus sign before a
//! figure; the codes "USD", "GBP", "EUR", "JPY", "INR" and "Rs"; after a
//! figure "%", "percent", "pct", "per cent", "percentage points", "pp",
//! currency words ("dollars", "dlrs", "pounds", "stg", "euros", "yen",
//! "yuan", "marks", "francs", "lire", "guilders"...), "U.S. dollars",
//! "Canadian dollars", "Swiss francs", "Hong Kong dollars", and durations
//! ("five years", "six-year-old"). "Pounds of copper" weigh a thing and
//! are no currency.

use super::dates::skip_dot;
use super::durations::duration_unit;
use crate::model::Unit;
use crate::normalize::lexer::Toks;

pub(super) fn is_minus(s: &str) -> bool {
    s == "-" || s == "\u{2212}"
}

pub(super) fn currency_symbol(s: &str) -> Option<&'static str> {
    Some(match s {
        "$" => "USD",
        "\u{a3}" => "GBP",
        "\u{20ac}" => "EUR",
        "\u{a5}" => "JPY",
        "\u{20b9}" => "INR",
        _ => return None,
    })
}

/// Currency codes written before a figure ("USD 5 mln"), lowercase, and
/// the unit each names.
pub(super) const CURRENCY_CODES: &[(&str, &str)] = &[
    ("usd", "USD"),
    ("gbp", "GBP"),
    ("eur", "EUR"),
    ("jpy", "JPY"),
    ("inr", "INR"),
];

pub(super) fn currency_code(w: &str) -> Option<&'static str> {
    CURRENCY_CODES
        .iter()
        .find(|(k, _)| *k == w)
        .map(|&(_, code)| code)
}

/// The ISO code of a currency's word (lower case): "dlrs", "yen", "marks".
pub(crate) fn currency_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "dollars" | "dollar" | "dlrs" | "dlr" | "usd" => "USD",
        "pounds" | "sterling" | "stg" | "gbp" => "GBP",
        "euros" | "euro" | "eur" => "EUR",
        "yen" | "jpy" => "JPY",
        "rupees" | "rupee" | "inr" => "INR",
        "yuan" | "renminbi" => "CNY",
        "marks" | "dm" => "DEM",
        "francs" => "FRF",
        "lire" => "ITL",
        "guilders" => "NLG",
        _ => return None,
    })
}

/// Units after a numeral at `j`: percent, currency, durations.
pub(super) fn unit_after(t: &Toks, j: usize) -> (Option<Unit>, Option<(f64, bool)>, usize) {
    let w = t.lw(j);
    let raw = t.raw(j);
    if raw == "%" {
        return (Some(Unit::Percent), None, j + 1);
    }
    match w {
        "percent" | "pct" | "percents" => return (Some(Unit::Percent), None, j + 1),
        "per" if t.is(j + 1, "cent") => return (Some(Unit::Percent), None, j + 2),
        // "35 per-cent"
        "per" if t.raw(j + 1) == "-" && t.glued(j + 1) && t.lw(j + 2) == "cent" => {
            return (Some(Unit::Percent), None, j + 3)
        }
        "percentage" if matches!(t.lw(j + 1), "point" | "points") => {
            return (Some(Unit::PercentagePoints), None, j + 2)
        }
        "percentage"
            if t.raw(j + 1) == "-"
                && t.glued(j + 1)
                && matches!(t.lw(j + 2), "point" | "points") =>
        {
            return (Some(Unit::PercentagePoints), None, j + 3)
        }
        // "50 percentage" with no "points": percent.
        "percentage" => return (Some(Unit::Percent), None, j + 1),
        "pp" | "ppt" | "ppts" => return (Some(Unit::PercentagePoints), None, j + 1),
        _ => {}
    }
    // "U.S. dollars"
    if w == "u" && t.raw(j + 1) == "." && t.lw(j + 2) == "s" {
        let k = skip_dot(t, j + 3);
        if let Some(c) = currency_word(t.lw(k)) {
            return (Some(Unit::Currency(c.into())), None, k + 1);
        }
    }
    // "265 mln pounds of copper": pounds of a thing weigh it; "2 billion
    // pounds of taxpayers' money" are money.
    let weight = matches!(w, "pounds" | "pound")
        && t.lw(j + 1) == "of"
        && !matches!(
            t.lw(j + 2),
            "taxpayers"
                | "taxpayer"
                | "public"
                | "government"
                | "state"
                | "investment"
                | "spending"
                | "funding"
                | "funds"
                | "cash"
                | "capital"
                | "savings"
                | "debt"
                | "aid"
                | "new"
                | "extra"
                | "additional"
                | "cuts"
                | "money"
                | "tax"
        );
    if let Some(c) = currency_word(w).filter(|_| !weight) {
        return (Some(Unit::Currency(c.into())), None, j + 1);
    }
    // "Canadian dollars", "Swiss francs", "Hong Kong dollars"
    let (code, k) = match (w, t.lw(j + 1), t.lw(j + 2)) {
        ("canadian", "dollars" | "dlrs", _) => ("CAD", j + 2),
        ("australian", "dollars" | "dlrs", _) => ("AUD", j + 2),
        ("singapore", "dollars" | "dlrs", _) => ("SGD", j + 2),
        ("swiss", "francs", _) => ("CHF", j + 2),
        ("hong", "kong", "dollars" | "dlrs") => ("HKD", j + 3),
        ("new", "zealand", "dollars" | "dlrs") => ("NZD", j + 3),
        _ => ("", j),
    };
    if k > j {
        return (Some(Unit::Currency(code.into())), None, k);
    }
    // "six-year-old", "five years"
    let k = if raw == "-" && t.glued(j) && t.glued(j + 1) {
        j + 1
    } else {
        j
    };
    if let Some(d) = duration_unit(t.lw(k)).filter(|_| !t.capitalized(k)) {
        let mut end = k + 1;
        if t.raw(end) == "-" && t.lw(end + 1) == "old" {
            end += 2;
        } else if t.lw(end) == "old" {
            end += 1;
        }
        return (Some(Unit::Years), Some(d), end);
    }
    (None, None, j)
}
