//! Ranges of two figures, and bounds joined into one range.
//!
//! Reads "5-6 million", "20 to 30 percent", "two or three", "between 40
//! and 60", "from 5 to 6 pct", "30 through 90", "30~90", "from 100 up to
//! 200", "-5 to -3", "minus five to minus two", "between the fifth and the
//! ninth", year spans ("1986-87", "1987-1988"), and
//! "more than 40 and fewer than 60" (a lower and an upper bound joined by
//! "and"). Two figures are not one range when their units differ ("rose
//! 19 pct to 52.6 mln dlrs"), when they are far apart, when a verb of
//! change comes before ("rose from 5 to 6 pct": the list of such verbs is
//! here), or when the second is smaller ("3-1", "10 to 5"; after
//! "between", an error).

use std::ops::ControlFlow;

use super::dates::{plain_int, year_like};
use super::hedging::{hedge_before, hedged_range};
use super::step::{emit, unreadable, Hit, Step};
use super::units::{currency_symbol, unit_after};
use crate::model::{Interval, Quantity, QuantityKind, Unit};
use crate::normalize::lexer::{Tk, Toks};
use crate::normalize::numerals::{Dec, Numeral};
use crate::normalize::{numerals, time, Context};

/// Takes the hits so far and the next one; adds it, joined to the last
/// when the two are one range.
///
/// "more than 40 and fewer than 60", "at least 5 and at most 50": a lower
/// bound and an upper bound joined by "and" are one range, each side
/// keeping its own bound (open or closed).
pub(super) fn push_joined(text: &str, out: &mut Vec<Hit>, (range, q): Hit) {
    if let (Some((prev_range, Ok(first))), Ok(second)) = (out.last(), &q) {
        let between = text.get(prev_range.end..range.start).unwrap_or("x").trim();
        // Either bound may come first: "at most 90 and at least 30".
        let (low, high) = if first.kind == QuantityKind::UpperBound {
            (second, first)
        } else {
            (first, second)
        };
        let joined = matches!(between, "and" | "but" | ", and" | "and yet" | ",")
            && low.kind == QuantityKind::LowerBound
            && high.kind == QuantityKind::UpperBound
            && (low.unit == high.unit || low.unit == Unit::Count || high.unit == Unit::Count);
        if joined {
            let unit = if low.unit == Unit::Count {
                high.unit.clone()
            } else {
                low.unit.clone()
            };
            if let Ok(interval) = Interval::new(low.interval.low(), high.interval.high()) {
                let start = prev_range.start;
                out.pop();
                out.push((
                    start..range.end,
                    Ok(Quantity {
                        interval,
                        point: None,
                        unit,
                        kind: QuantityKind::Range,
                    }),
                ));
                return;
            }
        }
    }
    out.push((range, q));
}

/// Ranges: "5-6 million", "20 to 30 percent", "two or three", "between X
/// and Y", and year spans ("1986-87"), read from the first figure `n` at
/// `j` (the phrase opening at `start`), its unit `unit1` and duration
/// `dur1`, ending at `end`. Breaks with the reading when a range (or a
/// backwards one) is found; continues with the first figure alone when the
/// two figures are not one range ("3-1", "10 to 5", "rose 19 pct to 52.6
/// mln dlrs").
#[allow(clippy::too_many_arguments)]
pub(super) fn range(
    t: &Toks,
    start: usize,
    j: usize,
    n: Numeral,
    end: usize,
    unit1: &Option<Unit>,
    dur1: Option<(f64, bool)>,
    currency: Option<&'static str>,
    floor: usize,
    ctx: &Context,
) -> ControlFlow<Option<Step>> {
    let between = start > floor && t.is(start - 1, "between");
    let from = start > floor && t.is(start - 1, "from");
    let conn = t.lw(end);
    let is_conn = match conn {
        "-" | "\u{2013}" | "\u{2014}" | "to" | "or" | "through" | "thru" | "~" => true,
        "and" => between,
        // "from 100 up to 200"
        "up" => from && t.is(end + 1, "to"),
        _ => false,
    };
    if is_conn && dur1.is_none() {
        let mut k = end + if conn == "up" { 2 } else { 1 };
        // A sign before the second figure: "-5 to -3", "minus five to
        // minus two", "from minus 2 to plus 3".
        let mut negative = false;
        match t.lw(k) {
            "-" | "\u{2212}" if t.kind(k + 1) == Some(Tk::Num) && t.glued(k + 1) => {
                negative = true;
                k += 1;
            }
            "minus" | "negative" => {
                negative = true;
                k += 1;
            }
            "plus" if t.kind(k + 1) == Some(Tk::Num) || t.is_word(k + 1) => k += 1,
            _ => {}
        }
        let cur2 = currency_symbol(t.raw(k));
        if cur2.is_some() {
            k += 1;
        }
        if let Some(mut n2) = numerals::numeral(t, k) {
            // "7-Eleven": a name, not a range.
            if n2.spelled && t.capitalized(k) && t.glued(k) {
                return ControlFlow::Break(Some(Step::Skip(n2.end)));
            }
            if negative {
                n2.value = Dec::new(-n2.value.m, n2.value.e);
            }
            // "1986-87", "1987-1988": years.
            if let Some(y1) = year_like(t, j) {
                let dash = conn == "-" || conn == "\u{2013}";
                if currency.is_none()
                    && unit1.is_none()
                    && n.bare_digits
                    && n2.bare_digits
                    && unit_after(t, n2.end).0.is_none()
                    && (t.raw(k).len() == 4 || (dash && t.raw(k).len() == 2))
                {
                    let y2 = plain_int(t, k).map(|y2| {
                        if t.raw(k).len() == 2 {
                            y1 / 100 * 100 + y2
                        } else {
                            y2
                        }
                    });
                    if let Some(y2) = y2.filter(|y2| *y2 > y1 && *y2 <= 2100) {
                        let s = if between || from { start - 1 } else { start };
                        return ControlFlow::Break(emit(
                            s,
                            k + 1,
                            time::years(y1, y2, QuantityKind::Date),
                        ));
                    }
                }
            }
            let (unit2, dur2, after2) = unit_after(t, n2.end);
            let mut lo = n.value;
            let hi_f = n2.value.to_f64();
            // "5-6 million": the scale word of the second figure is the first's
            // too, unless that overshoots ("500,000 and one mln").
            if !n.scaled && n2.scaled {
                if let Some(scaled) = lo.mul(n2.scale).filter(|l| l.to_f64() <= hi_f) {
                    lo = scaled;
                }
            }
            let lo_f = lo.to_f64();
            // Two figures with different units, or far apart, are not one
            // range: "rose 19 pct to 52.6 mln dlrs", "2.77 to 2,055.38".
            let units_clash = unit1.is_some() && unit2 != *unit1;
            // "from 150 to 2000000" states its ends however far apart;
            // not after a change ("fell 0.2 pct from 1985 to 119.3 billion
            // yuan", "raise from one mln dlrs to 50 mln") or from a year.
            let before_from = if from && start >= floor + 2 {
                t.lw(start - 2)
            } else {
                ""
            };
            let stated_ends = from
                && year_like(t, j).is_none()
                && !t.kind(start.wrapping_sub(2)).is_some_and(|k| k != Tk::Word)
                && !change_verb(before_from)
                && !matches!(
                    before_from,
                    "raise" | "lift" | "boost" | "reduce" | "lower" | "pct" | "percent" | "points"
                );
            let far = !between && !stated_ends && lo_f > 0.0 && hi_f / lo_f > 20.0;
            // "rose from 5 to 6 pct" is a change, not a range.
            let verb_at = if from {
                start.checked_sub(2)
            } else {
                start.checked_sub(1)
            };
            let change =
                (conn == "to") && verb_at.is_some_and(|v| v >= floor && change_verb(t.lw(v)));
            let not_range = units_clash || far || change || lo_f == hi_f;
            let s = if between || from { start - 1 } else { start };
            let e = if unit2.is_some() { after2 } else { n2.end };
            let unit = unit2
                .clone()
                .or(unit1.clone())
                .or(currency.or(cur2).map(|c| Unit::Currency(c.into())))
                .or(n2.inr.then(|| Unit::Currency("INR".into())))
                .unwrap_or(Unit::Count);
            let unit = if dur2.is_some() { Unit::Years } else { unit };
            let factor = dur2.map(|d| d.0).unwrap_or(1.0);
            if hi_f > lo_f && !not_range {
                let (shead, hedge) = hedge_before(t, s, floor, ctx);
                let kind = if dur2.is_some() {
                    Some(QuantityKind::Duration)
                } else {
                    None
                };
                let q = hedged_range(lo_f * factor, hi_f * factor, hedge, unit, kind, ctx);
                return ControlFlow::Break(Some(Step::Emit {
                    start: shead,
                    end: e,
                    q: q.map_err(|m| unreadable(t, shead, e, &m)),
                }));
            }
            if between && hi_f < lo_f && !units_clash {
                return ControlFlow::Break(Some(Step::Emit {
                    start: s,
                    end: e,
                    q: Err(unreadable(
                        t,
                        s,
                        e,
                        "the range runs backwards; write the smaller figure first",
                    )),
                }));
            }
            // Not a range ("3-1", "10 to 5"): fall through with the first figure.
        }
    }
    ControlFlow::Continue(())
}

/// Verbs that make "X to Y" a change rather than a range.
pub(super) fn change_verb(w: &str) -> bool {
    matches!(
        w,
        "rose"
            | "fell"
            | "increased"
            | "decreased"
            | "declined"
            | "dropped"
            | "climbed"
            | "jumped"
            | "rising"
            | "falling"
            | "up"
            | "down"
            | "gained"
            | "lost"
            | "cut"
            | "raised"
            | "lowered"
            | "reduced"
            | "grew"
            | "slipped"
            | "eased"
            | "edged"
            | "soared"
            | "plunged"
            | "surged"
            | "firmed"
            | "widened"
            | "narrowed"
            | "revised"
            | "boosted"
            | "lifted"
            | "trimmed"
            | "slashed"
            | "shrank"
            | "expanded"
            | "rise"
            | "fall"
            | "increase"
            | "decrease"
            | "rises"
            | "falls"
            | "increases"
            | "decreases"
            | "moved"
            | "went"
            | "changed"
    )
}

/// "between the fifth and the ninth": a range of places, read where
/// nothing worded follows the second ("between the first and second
/// rounds" names rounds, not a figure).
pub(super) fn ordinal_range(t: &Toks, i: usize, floor: usize, ctx: &Context) -> Option<Step> {
    if !t.is(i, "between") || !t.is(i + 1, "the") {
        return None;
    }
    let (a, e1) = numerals::ordinal(t, i + 2)?;
    if !t.is(e1, "and") {
        return None;
    }
    let k = if t.is(e1 + 1, "the") { e1 + 2 } else { e1 + 1 };
    let (b, e2) = numerals::ordinal(t, k)?;
    if b <= a || t.is_word(e2) {
        return None;
    }
    let (start, hedge) = hedge_before(t, i, floor, ctx);
    let q = hedged_range(a as f64, b as f64, hedge, Unit::Count, None, ctx);
    Some(Step::Emit {
        start,
        end: e2,
        q: q.map_err(|m| unreadable(t, start, e2, &m)),
    })
}
