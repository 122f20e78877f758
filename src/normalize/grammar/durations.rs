//! Lengths of time: the duration words and the ordinal durations.
//!
//! Reads "now in its sixth year", "in its 17th year", "entering their
//! third straight month" (elapsed [n-1, n) units), and says which words are
//! units of time and how many years each is: "year(s)", "yr(s)",
//! "month(s)", "mth(s)", "week(s)", "day(s)", "hour(s)", "decade(s)",
//! "century"/"centuries". Amounts ("five years", "a decade") use the
//! latter through `units::unit_after`.

use super::step::{emit, Step};
use crate::model::{Interval, Quantity, QuantityKind, Unit};
use crate::normalize::lexer::Toks;
use crate::normalize::numerals;

/// "now in its sixth year", "in its 17th year": elapsed [n-1, n).
///
/// Asked of every word and number: the possessive that must come before
/// ("its", "their") is checked here, inlined into the caller, and the rest
/// of the rule is called only after one (most tokens follow none).
#[inline]
pub(super) fn ordinal_duration(t: &Toks, i: usize, floor: usize) -> Option<Step> {
    if !follows_possessive(t, i, floor) {
        return None;
    }
    ordinal_after_possessive(t, i, floor)
}

/// [`ordinal_duration`] at token `i`, which follows a possessive.
fn ordinal_after_possessive(t: &Toks, i: usize, floor: usize) -> Option<Step> {
    let (n, mut j) = numerals::ordinal(t, i)?;
    if matches!(t.lw(j), "straight" | "consecutive" | "successive" | "full") {
        j += 1;
    }
    let factor = duration_unit(t.lw(j)).map(|(f, _)| f)?;
    if !matches!(t.lw(j), "year" | "month" | "week" | "day" | "decade") {
        return None;
    }
    let mut start = i - 1;
    if start > floor && matches!(t.lw(start - 1), "in" | "into" | "entering" | "enters") {
        start -= 1;
        if start > floor && t.lw(start - 1) == "now" {
            start -= 1;
        }
    }
    let n = n as f64;
    let q = Interval::half_open((n - 1.0) * factor, n * factor)
        .ok()
        .map(|interval| Quantity {
            interval,
            point: None,
            unit: Unit::Years,
            kind: QuantityKind::OrdinalDuration,
        });
    emit(start, j + 1, q)
}

/// Whether token `i` follows "its", "their", "his" or "her" at or after
/// `floor`. Asked of nearly every token, so it compares bytes (no
/// character-boundary checks) and only of a token of the right length.
fn follows_possessive(t: &Toks, i: usize, floor: usize) -> bool {
    i > floor
        && t.v
            .get(i - 1)
            .is_some_and(|p| (3..=5).contains(&(p.end - p.start)))
        && matches!(t.lw_bytes(i - 1), b"its" | b"their" | b"his" | b"her")
}

/// Duration words: (years per unit, read as completed units).
pub(super) fn duration_unit(w: &str) -> Option<(f64, bool)> {
    Some(match w {
        "year" | "years" | "yr" | "yrs" => (1.0, true),
        "month" | "months" | "mth" | "mths" => (1.0 / 12.0, true),
        "week" | "weeks" => (7.0 / 365.25, true),
        "day" | "days" => (1.0 / 365.25, true),
        "hour" | "hours" => (1.0 / (365.25 * 24.0), true),
        "decade" | "decades" => (10.0, false),
        "century" | "centuries" => (100.0, false),
        _ => return None,
    })
}
