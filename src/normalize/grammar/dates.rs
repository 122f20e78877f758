//! Dates and relative dates: the phrases that name a day, a month, a year
//! or a span of years, and those counted from the as-of date.
//!
//! Reads "November 11, 2017", "Nov. 11", "November 2017", "11 November
//! 2017", "2017-11-11", "the 1990s", "yesterday", "today", "tomorrow",
//! "last year", "this month", "next week", "previous year", and "two years
//! ago", "a decade ago", "more than ten years ago". Also the small token
//! tests the other rules share: a plain integer, a year-like number, the
//! dot after an abbreviation.

use super::hedging::{hedge_before, r};
use super::step::{emit, Step};
use crate::model::{Bound, Interval, Quantity, QuantityKind, Unit};
use crate::normalize::hedges::HedgeKind;
use crate::normalize::lexer::{Tk, Toks};
use crate::normalize::numerals::Dec;
use crate::normalize::{time, Context};

pub(super) fn plain_int(t: &Toks, i: usize) -> Option<i64> {
    if t.kind(i) != Some(Tk::Num) {
        return None;
    }
    short_digits(t.raw(i).as_bytes())
}

/// Takes a token's bytes; gives their value if they are one to four ASCII
/// digits: `str::parse` of such a token, added up digit by digit (asked of
/// every number, where the library parse was a call with sign and overflow
/// checks).
fn short_digits(r: &[u8]) -> Option<i64> {
    if r.is_empty() || r.len() > 4 {
        return None;
    }
    r.iter().try_fold(0i64, |v, &b| {
        b.is_ascii_digit().then(|| v * 10 + i64::from(b - b'0'))
    })
}

pub(super) fn year_like(t: &Toks, i: usize) -> Option<i64> {
    plain_int(t, i).filter(|y| t.raw(i).len() == 4 && (1800..=2100).contains(y))
}

/// Skip "." after an abbreviated month and "st"/"th" after a day.
pub(super) fn skip_dot(t: &Toks, j: usize) -> usize {
    if t.raw(j) == "." && t.glued(j) {
        j + 1
    } else {
        j
    }
}

/// "November 11, 2017", "Nov. 11", "November 2017".
pub(super) fn date_month(t: &Toks, i: usize, ctx: &Context) -> Option<Step> {
    if !t.capitalized(i) {
        return None;
    }
    let m = time::month(t.lw(i))?;
    let j = skip_dot(t, i + 1);
    let kind = QuantityKind::Date;
    if let Some(d) = plain_int(t, j).filter(|d| (1..=31).contains(d) && t.raw(j).len() <= 2) {
        let mut k = j + 1;
        if matches!(t.lw(k), "st" | "nd" | "rd" | "th") && t.glued(k) {
            k += 1;
        }
        let mut y_at = k;
        if t.raw(y_at) == "," {
            y_at += 1;
        }
        if let Some(y) = year_like(t, y_at) {
            let date = jiff::civil::Date::new(y as i16, m, d as i8).ok()?;
            return emit(i, y_at + 1, time::day(date, kind));
        }
        let date = time::day_no_year(m, d as i8, ctx.as_of)?;
        return emit(i, k, time::day(date, kind));
    }
    let mut y_at = j;
    if t.raw(y_at) == "," {
        y_at += 1;
    }
    let y = year_like(t, y_at)?;
    emit(i, y_at + 1, time::month_of(y as i16, m, kind))
}

/// "11 November 2017", "2017-11-11", "1986-87", "1990s".
pub(super) fn date_num(t: &Toks, i: usize, ctx: &Context) -> Option<Step> {
    let kind = QuantityKind::Date;
    // ISO date
    if let Some(y) = year_like(t, i) {
        if t.raw(i + 1) == "-" && t.glued(i + 1) && t.glued(i + 2) {
            if let (Some(m), Some(d)) = (plain_int(t, i + 2), plain_int(t, i + 4)) {
                if t.raw(i + 3) == "-" && t.glued(i + 3) && t.glued(i + 4) {
                    let date = jiff::civil::Date::new(y as i16, m as i8, d as i8).ok()?;
                    return emit(i, i + 5, time::day(date, kind));
                }
            }
        }
        // "1990s"
        if t.is(i + 1, "s") && t.glued(i + 1) && y % 10 == 0 {
            let q = time::years(y, y + 9, kind);
            return emit(i, i + 2, q);
        }
    }
    // "11 November 2017"
    let d = plain_int(t, i).filter(|d| (1..=31).contains(d) && t.raw(i).len() <= 2)?;
    if !t.capitalized(i + 1) {
        return None;
    }
    let m = time::month(t.lw(i + 1))?;
    let j = skip_dot(t, i + 2);
    if let Some(y) = year_like(t, j) {
        let date = jiff::civil::Date::new(y as i16, m, d as i8).ok()?;
        return emit(i, j + 1, time::day(date, kind));
    }
    let date = time::day_no_year(m, d as i8, ctx.as_of)?;
    emit(i, j, time::day(date, kind))
}

/// The words [`relative`] reads.
pub(super) const RELATIVE_WORDS: &[&str] = &[
    "yesterday",
    "today",
    "tomorrow",
    "last",
    "this",
    "next",
    "previous",
];

/// "last year", "this month", "next week", "yesterday".
pub(super) fn relative(t: &Toks, i: usize, floor: usize, ctx: &Context) -> Option<Step> {
    let w = t.lw(i);
    if !RELATIVE_WORDS.contains(&w) {
        return None;
    }
    let (offset, unit, end) = match w {
        "yesterday" => (-1, "day", i + 1),
        "today" => (0, "day", i + 1),
        "tomorrow" => (1, "day", i + 1),
        "last" | "this" | "next" | "previous" => {
            let u = t.lw(i + 1);
            if !matches!(u, "year" | "month" | "week") {
                return None;
            }
            // "the last year" is the past twelve months, not a calendar year.
            if i > floor && matches!(t.lw(i - 1), "the" | "over" | "past") {
                return None;
            }
            let off = match w {
                "last" | "previous" => -1,
                "this" => 0,
                _ => 1,
            };
            (off, u, i + 2)
        }
        _ => return None,
    };
    emit(i, end, time::relative(unit, offset, ctx.as_of))
}

/// Years ago: "two years ago", "a decade ago", "more than ten years ago":
/// `value` units of `f` years each, counted back from the as-of date, the
/// figure opening at `start` and "ago" at `end`.
pub(super) fn years_ago(
    t: &Toks,
    start: usize,
    end: usize,
    value: Dec,
    f: f64,
    floor: usize,
    ctx: &Context,
) -> Option<Step> {
    let years_back = value.to_f64() * f;
    let (hs, hedge) = hedge_before(t, start, floor, ctx);
    if let Some(h) = hedge {
        let now = time::decimal_year(ctx.as_of);
        let x = r(now - years_back);
        let (sb, sa) = (
            ctx.config.slack_below * years_back.abs(),
            ctx.config.slack_around * years_back.abs(),
        );
        // "more than ten years ago" is before the date ten years back.
        let iv = match h {
            HedgeKind::LowerOpen => Interval::new(Bound::Unbounded, Bound::Open(x)),
            HedgeKind::LowerClosed => Interval::new(Bound::Unbounded, Bound::Closed(x)),
            HedgeKind::UpperOpen => Interval::new(Bound::Open(x), Bound::Closed(now)),
            HedgeKind::UpperClosed => Interval::new(Bound::Closed(x), Bound::Closed(now)),
            HedgeKind::Below => Interval::closed(x, r(x + sb)),
            HedgeKind::Around => Interval::closed(r(x - sa), r(x + sa)),
            HedgeKind::Exact => Interval::point(x),
        };
        let q = iv.ok().map(|interval| Quantity {
            interval,
            point: Some(x),
            unit: Unit::Year,
            kind: QuantityKind::RelativeDate,
        });
        return emit(hs, end + 1, q);
    }
    if years_back.fract() == 0.0 && years_back.abs() < 10000.0 {
        let q = time::year(
            ctx.as_of.year() as i64 - years_back as i64,
            QuantityKind::RelativeDate,
        );
        return emit(start, end + 1, q);
    }
    let back = (value.to_f64() * f * 365.25).round() as i64;
    let date = ctx
        .as_of
        .checked_sub(jiff::Span::new().try_days(back).ok()?)
        .ok()?;
    emit(start, end + 1, time::day(date, QuantityKind::RelativeDate))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `short_digits` reads a token as `plain_int`'s plain definition
    /// does: `str::parse` of one to four ASCII digits, nothing else.
    #[test]
    fn short_digits_is_the_parse() {
        let pieces = [
            "0", "7", "42", "2017", "1", "+", "-", ",", ".", "x", "\u{e9}", "9",
        ];
        for text in crate::testing::random_texts(&pieces, 6, 20_000) {
            let plain = (text.bytes().all(|b| b.is_ascii_digit()) && text.len() <= 4)
                .then(|| text.parse::<i64>().ok())
                .flatten();
            assert_eq!(short_digits(text.as_bytes()), plain, "{text:?}");
        }
    }
}
