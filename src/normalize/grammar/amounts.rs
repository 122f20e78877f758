//! Amounts: [currency] numeral [range] [unit] [postfix hedge], with the
//! hedge before it.
//!
//! Reads "$5 million", "US$ 3 bln", "HK$ 10", "USD 5 mln", "Rs. 40
//! crore", "-3.5 pct", "minus 4", "negative twelve", "-$5 million",
//! "percent of 40", "thousand" (a phrase's first word), "a year" (where it is a length of time:
//! "for a year", "a year ago"), "1.2 million", "20 percent", "five
//! years", "the 1985 year", "2,000 or so", "20-odd years". [`amount_rest`]
//! goes through the steps after the numeral in order: a capitalised
//! spelled name, a ratio ("one in five"), a multiplier ("five-fold"), the
//! unit, a range, "ago", a bare figure that is a label or a year, the
//! currency as unit, the postfix hedge, and the interval the figure states.
//! Stock-split ratios ("two-for-one") and kinds of a thing ("a two-tier
//! exchange", "a three-way race") are passed over.

use std::ops::ControlFlow;

use super::dates::{skip_dot, year_like, years_ago};
use super::durations::duration_unit;
use super::hedging::{hedge_after, hedge_before, hedged};
use super::lookalikes::{bare_reading, not_a_number};
use super::ranges::range;
use super::ratios::one_in_n;
use super::step::{emit, unreadable, Step};
use super::units::{currency_code, currency_symbol, is_minus, unit_after};
use crate::model::{QuantityKind, Unit};
use crate::normalize::lexer::{Tk, Toks};
use crate::normalize::numerals::{Dec, Numeral};
use crate::normalize::{numerals, time, Context};

/// An amount: [currency] numeral [range] [unit] [postfix hedge], with the
/// hedge before it.
pub(super) fn amount(t: &Toks, i: usize, floor: usize, ctx: &Context) -> Option<Step> {
    let mut j = i;
    let mut currency: Option<&'static str> = None;
    let mut negative = false;
    let mut start = i;
    if t.kind(i) == Some(Tk::Sym) {
        if let Some(c) = currency_symbol(t.raw(i)) {
            currency = Some(c);
            // "US$", "U.S.$", "C$", "HK$"
            if i > floor && t.glued(i) && c == "USD" {
                let code = match t.lw(i - 1) {
                    "us" | "s" => Some("USD"),
                    "c" | "can" => Some("CAD"),
                    "a" | "au" => Some("AUD"),
                    "hk" => Some("HKD"),
                    "nz" => Some("NZD"),
                    "sg" => Some("SGD"),
                    _ => None,
                };
                if let Some(code) = code {
                    currency = Some(code);
                    start = i - 1;
                }
            }
            j = i + 1;
        } else if is_minus(t.raw(i)) {
            // A minus sign: space (or a comparison sign: "<-40") before
            // it, digits glued after it, or a currency sign and digits
            // ("-$5 million").
            let after_sign =
                i > floor && matches!(t.raw(i - 1), "<" | ">" | "=" | "\u{2264}" | "\u{2265}");
            let mut k = i + 1;
            if t.glued(k) {
                if let Some(c) = currency_symbol(t.raw(k)) {
                    currency = Some(c);
                    k += 1;
                }
            }
            if !((t.space_before(i) || after_sign) && t.kind(k) == Some(Tk::Num) && t.glued(k)) {
                return None;
            }
            negative = true;
            j = k;
        }
        if t.kind(j) != Some(Tk::Num) {
            return None;
        }
    } else if matches!(t.lw(i), "minus" | "negative")
        && !(i >= floor + 2 && t.is(i - 1, "or") && t.is(i - 2, "plus"))
    {
        // ("plus or minus two pct" is a tolerance, not a negative figure.)
        // "minus 5", "negative twelve", "minus three percent".
        let spelled = t.is_word(i + 1) && numerals::opens_spelled(t.lw(i + 1));
        if t.kind(i + 1) != Some(Tk::Num) && !spelled {
            return None;
        }
        negative = true;
        j = i + 1;
    } else if let Some(c) = currency_code(t.lw(i)).or((t.lw(i) == "rs").then_some("INR")) {
        j = skip_dot(t, i + 1);
        if t.kind(j) != Some(Tk::Num) {
            return None;
        }
        currency = Some(c);
    }
    // "a year ago", "a decade", "an hour"
    let n = if (t.lw(j) == "a" || t.lw(j) == "an") && duration_unit(t.lw(j + 1)).is_some() {
        // Only where it states a length of time or a date: "for a year",
        // "more than a decade", "a year ago"; not a rate ("700 mln dlrs a
        // year", "five days a week") or "a year earlier".
        let prev = if j > floor { t.lw(j - 1) } else { "" };
        let next = t.lw(j + 2);
        let timed = next == "ago"
            || matches!(
                prev,
                "for"
                    | "in"
                    | "within"
                    | "after"
                    | "lasted"
                    | "lasting"
                    | "took"
                    | "spent"
                    | "than"
                    | "over"
                    | "about"
                    | "nearly"
                    | "almost"
                    | "around"
                    | "some"
                    | "under"
                    | "past"
                    | "least"
                    | "to"
                    | "once"
                    | "barely"
                    | "just"
                    | "roughly"
                    | "only"
            );
        if !timed || matches!(next, "earlier" | "later" | "before") {
            return Some(Step::Skip(j + 2));
        }
        Numeral {
            value: Dec::new(1, 0),
            step: Dec::new(1, 0),
            end: j + 1,
            scaled: false,
            spelled: true,
            bare_digits: false,
            inr: false,
            scale: Dec::new(1, 0),
        }
    } else {
        numerals::numeral(t, j)?
    };
    // Stock-split ratios ("two-for-one", "3-for-2") and kinds of a thing
    // ("a two-tier exchange", "a three-way race") are not quantities.
    if t.raw(n.end) == "-" && t.lw(n.end + 1) == "for" && t.raw(n.end + 2) == "-" {
        return Some(Step::Skip(n.end + 4));
    }
    if t.raw(n.end) == "-"
        && t.glued(n.end + 1)
        && matches!(
            t.lw(n.end + 1),
            "tier" | "tiered" | "way" | "track" | "pronged"
        )
    {
        return Some(Step::Skip(n.end + 2));
    }
    if t.kind(j) == Some(Tk::Num) && currency.is_none() && !negative {
        if let Some(skip) = not_a_number(t, j) {
            return Some(skip);
        }
    }
    // A power other than of ten ("1.5^10", "2^10") is refused: its
    // mantissa alone would be a wrong figure.
    let power = match t.raw(n.end) {
        "^" => Some(n.end + 1),
        "x" | "X" | "\u{d7}" | "*" if t.raw(n.end + 1) == "10" && t.raw(n.end + 2) == "^" => {
            Some(n.end + 3)
        }
        "x10" | "X10" if t.raw(n.end + 1) == "^" => Some(n.end + 2),
        _ => None,
    };
    if let Some(p) = power.filter(|_| t.kind(j) == Some(Tk::Num)) {
        let p = if is_minus(t.raw(p)) || t.raw(p) == "+" {
            p + 1
        } else {
            p
        };
        let e = if matches!(t.kind(p), Some(Tk::Num | Tk::Junk)) {
            p + 1
        } else {
            p
        };
        return Some(Step::Emit {
            start,
            end: e,
            q: Err(unreadable(
                t,
                start,
                e,
                "a power is read only of ten, up to 10^30; write the figure it stands for",
            )),
        });
    }
    let mut n = n;
    if negative {
        n.value = Dec::new(-n.value.m, n.value.e);
    }
    let mut a = amount_rest(t, start, j, n, currency, floor, ctx)?;
    if let Step::Emit { start: s, .. } = &mut a {
        if *s > start {
            *s = start;
        }
    }
    Some(a)
}

pub(super) fn amount_from(
    t: &Toks,
    start: usize,
    j: usize,
    n: Numeral,
    floor: usize,
    ctx: &Context,
) -> Option<Step> {
    amount_rest(t, start, j, n, None, floor, ctx)
}

#[allow(clippy::too_many_arguments)]
fn amount_rest(
    t: &Toks,
    start: usize,
    j: usize,
    n: Numeral,
    currency: Option<&'static str>,
    floor: usize,
    ctx: &Context,
) -> Option<Step> {
    let mut end = n.end;
    // Spelled numbers with a capital inside a sentence are names: "Air Force One".
    if n.spelled && t.capitalized(j) && !t.sentence_start(j) && !t.is(j, "a") {
        return Some(Step::Skip(end));
    }
    // "one in five", "nine out of ten"
    if let Some(ratio) = one_in_n(t, start, n, currency, floor, ctx) {
        return Some(ratio);
    }
    // Multipliers: "five-fold", "3 fold".
    if t.lw(end) == "fold" || (t.raw(end) == "-" && t.lw(end + 1) == "fold") {
        return Some(Step::Skip(end + if t.lw(end) == "fold" { 1 } else { 2 }));
    }
    // Unit right after the first numeral ("5 percent to 6 percent").
    let (unit1, dur1, after1) = unit_after(t, end);
    if unit1.is_some() {
        end = after1;
    }
    // Ranges: "5-6 million", "20 to 30 percent", "two or three", "between X and Y".
    if let ControlFlow::Break(reading) =
        range(t, start, j, n, end, &unit1, dur1, currency, floor, ctx)
    {
        return reading;
    }
    let mut unit = unit1;
    let mut dur = dur1;
    let value = n.value;
    let step = n.step;
    // Years ago: "two years ago", "a decade ago".
    if let Some((f, _)) = dur {
        if t.is(end, "ago") {
            return years_ago(t, start, end, value, f, floor, ctx);
        }
    }
    // "the 1985 year": a year, not a duration.
    if n.bare_digits && currency.is_none() && t.is(end.wrapping_sub(1), "year") && end == j + 2 {
        if let Some(y) = year_like(t, j) {
            return emit(start, j + 1, time::year(y, QuantityKind::Date));
        }
    }
    // Labels and pronouns that only look like numbers.
    let bare = unit.is_none() && currency.is_none() && !n.scaled;
    let prev = if start > 0 { t.lw(start - 1) } else { "" };
    let (hstart, hedge) = hedge_before(t, start, floor, ctx);
    if let ControlFlow::Break(reading) =
        bare_reading(t, start, j, end, n, bare, prev, hstart, hedge.is_some())
    {
        return reading;
    }
    // Decades after a bare year-like number? No: "1990s" is handled as a date.
    if unit.is_none() {
        if let Some(c) = currency {
            unit = Some(Unit::Currency(c.into()));
        } else if n.inr {
            unit = Some(Unit::Currency("INR".into()));
        }
    }
    // Postfix hedges: "or so", "or more", "-plus".
    let mut hedge = hedge;
    if let Some((h, e)) = hedge_after(t, end, ctx) {
        if hedge.is_none() {
            hedge = Some(h);
            end = e;
            // "20-odd years", "5,000-plus people": the unit may follow.
            if unit.is_none() {
                let (u, d, e2) = unit_after(t, end);
                if u.is_some() {
                    unit = u;
                    dur = d;
                    end = e2;
                }
            }
        }
    }
    let x = value.to_f64();
    let kind_override = dur.map(|_| QuantityKind::Duration);
    let exact = Some(stated_interval(value, step, dur)?);
    let f = dur.map(|d| d.0).unwrap_or(1.0);
    let unit = unit.unwrap_or(Unit::Count);
    let q = hedged(x * f, exact, hedge, unit, kind_override, ctx);
    Some(Step::Emit {
        start: hstart,
        end,
        q: q.map_err(|m| unreadable(t, hstart, end, &m)),
    })
}

/// "percent of 40", "per cent of thirty": a share written with its word
/// first, as tables and forms put it. Read only where the figure ends the
/// phrase (no word after it: "the percent of 40-year-olds who" is not one).
pub(super) fn percent_of(t: &Toks, i: usize, floor: usize, ctx: &Context) -> Option<Step> {
    let k = match t.lw(i) {
        "percent" => i + 1,
        "per" if t.is(i + 1, "cent") => i + 2,
        _ => return None,
    };
    if !t.is(k, "of") {
        return None;
    }
    let n = numerals::numeral(t, k + 1)?;
    if n.scaled || t.is_word(n.end) || (t.raw(n.end) == "-" && t.glued(n.end)) {
        return None;
    }
    let exact = stated_interval(n.value, n.step, None)?;
    let (hstart, hedge) = hedge_before(t, i, floor, ctx);
    let q = hedged(
        n.value.to_f64(),
        Some(exact),
        hedge,
        Unit::Percent,
        None,
        ctx,
    );
    Some(Step::Emit {
        start: hstart,
        end: n.end,
        q: q.map_err(|m| unreadable(t, hstart, n.end, &m)),
    })
}

/// The interval a figure `value` (stated to `step`) covers with no hedge:
/// for a duration of whole units (`dur`), the units begun ("five years":
/// [5, 6)); otherwise half a step either side.
fn stated_interval(value: Dec, step: Dec, dur: Option<(f64, bool)>) -> Option<(f64, f64)> {
    let x = value.to_f64();
    match dur {
        Some((f, true)) if value.e >= 0 => Some((x * f, (x + 1.0) * f)),
        Some((f, _)) => {
            let half = step.mul(Dec::new(5, -1))?;
            Some((value.sub(half)?.to_f64() * f, value.add(half)?.to_f64() * f))
        }
        None => {
            let half = step.mul(Dec::new(5, -1))?;
            let lo = value.sub(half)?.to_f64();
            let hi = value.add(half)?.to_f64();
            Some((lo, hi))
        }
    }
}
