//! Hedges around a figure, and the interval a hedge makes of it.
//!
//! Reads the hedges of the normalizer's lists before a figure ("nearly",
//! "just under", "more than", "at least", "up to", "fewer than"...) and
//! after it ("or so", "or more", "-plus", "20-odd", "or greater"), the
//! comparison signs (">", ">=", "< =", "≤", "="), and bends a figure
//! or a range by one: below (a slack under it), around (a slack either
//! side), an open or closed lower or upper bound, or the figure itself
//! ("exactly", "equals").

use crate::model::{Bound, Interval, Quantity, QuantityKind, Unit};
use crate::normalize::hedges::HedgeKind;
use crate::normalize::lexer::{Tk, Toks};
use crate::normalize::Context;
use crate::util::numfmt::round_sig;

pub(super) fn hedge_before(
    t: &Toks,
    start: usize,
    floor: usize,
    ctx: &Context,
) -> (usize, Option<HedgeKind>) {
    if start <= floor {
        return (start, None);
    }
    // Every hedge ends with the word right before the figure: only the
    // hedges ending with that word are tried.
    if !t.is_word(start - 1) {
        return symbol_hedge(t, start, floor);
    }
    for h in ctx.config.hedges_ending(t.lw(start - 1)) {
        // Hedges have words: `HedgeLists::compile` drops empty ones.
        let k = h.words.len();
        if start < floor + k {
            continue;
        }
        let s = start - k;
        if h.words
            .iter()
            .enumerate()
            .all(|(x, w)| t.is_word(s + x) && t.lw(s + x) == w)
        {
            return (s, Some(h.kind));
        }
    }
    (start, None)
}

/// A comparison sign right before the figure at `start` (after `floor`):
/// ">40", ">= 40", "≥ 40", "< = 200", "=< 12", "=> 12", "= 30". Gives
/// where the sign starts and the hedge it is.
fn symbol_hedge(t: &Toks, start: usize, floor: usize) -> (usize, Option<HedgeKind>) {
    let sign = |k: usize| -> Option<&str> {
        (k >= floor && k < start)
            .then(|| t.raw(k))
            .filter(|s| matches!(*s, ">" | "<" | "=" | "\u{2265}" | "\u{2264}"))
    };
    let Some(last) = sign(start - 1) else {
        return (start, None);
    };
    // Two signs make one comparison: ">=", "< =", "=<", "=>".
    let first = start.checked_sub(2).and_then(|k| {
        sign(k)
            .filter(|_| last == "=" || t.raw(k) == "=")
            .map(|s| (k, s))
    });
    let (from, pair) = match first {
        Some((k, s)) if s != last => (k, [s, last]),
        _ => (start - 1, [last, ""]),
    };
    // A sign glued to a word before it closes a tag ("&lt;BA> 767"), and
    // compares nothing.
    if from > 0 && t.glued(from) && matches!(t.kind(from - 1), Some(Tk::Word | Tk::Num)) {
        return (start, None);
    }
    let kind = match pair {
        [">", ""] => HedgeKind::LowerOpen,
        ["<", ""] => HedgeKind::UpperOpen,
        ["\u{2265}", ""] | [">", "="] | ["=", ">"] => HedgeKind::LowerClosed,
        ["\u{2264}", ""] | ["<", "="] | ["=", "<"] => HedgeKind::UpperClosed,
        ["=", ""] => HedgeKind::Exact,
        _ => return (start, None),
    };
    (from, Some(kind))
}

pub(super) fn hedge_after(t: &Toks, end: usize, ctx: &Context) -> Option<(HedgeKind, usize)> {
    let s = if t.raw(end) == "-" && t.glued(end) {
        end + 1
    } else {
        end
    };
    // Every postfix hedge opens with the word right after the figure: only
    // the hedges opening with that word are tried.
    if !t.is_word(s) {
        return None;
    }
    for h in ctx.config.postfix_opening(t.lw(s)) {
        // Hedges have words: `HedgeLists::compile` drops empty ones.
        let k = h.words.len();
        // "and under", "and above" end the phrase: before a word they are
        // a preposition ("6 pct and under the agreement").
        if h.words.len() > 1 && h.words[0] == "and" && t.is_word(s + k) {
            continue;
        }
        if h.words
            .iter()
            .enumerate()
            .all(|(x, w)| t.is_word(s + x) && t.lw(s + x) == w)
        {
            return Some((h.kind, s + k));
        }
    }
    None
}

/// A figure `x` bent by a hedge; `exact` is its interval with no hedge.
pub(super) fn hedged(
    x: f64,
    exact: Option<(f64, f64)>,
    hedge: Option<HedgeKind>,
    unit: Unit,
    kind_override: Option<QuantityKind>,
    ctx: &Context,
) -> Result<Quantity, String> {
    let sb = ctx.config.slack_below * x.abs();
    let sa = ctx.config.slack_around * x.abs();
    let (interval, kind) = match hedge {
        None => {
            let (lo, hi) = exact.unwrap_or((x, x));
            if lo == hi {
                (Interval::point(x), QuantityKind::Exact)
            } else {
                (Interval::half_open(lo, hi), QuantityKind::Exact)
            }
        }
        Some(HedgeKind::Below) => (Interval::closed(r(x - sb), x), QuantityKind::ApproxBelow),
        Some(HedgeKind::Around) => (
            Interval::closed(r(x - sa), r(x + sa)),
            QuantityKind::ApproxAround,
        ),
        Some(HedgeKind::LowerOpen) => (
            Interval::new(Bound::Open(x), Bound::Unbounded),
            QuantityKind::LowerBound,
        ),
        Some(HedgeKind::LowerClosed) => (
            Interval::new(Bound::Closed(x), Bound::Unbounded),
            QuantityKind::LowerBound,
        ),
        Some(HedgeKind::UpperOpen) => (
            Interval::new(Bound::Unbounded, Bound::Open(x)),
            QuantityKind::UpperBound,
        ),
        Some(HedgeKind::UpperClosed) => (
            Interval::new(Bound::Unbounded, Bound::Closed(x)),
            QuantityKind::UpperBound,
        ),
        Some(HedgeKind::Exact) => (Interval::point(x), QuantityKind::Exact),
    };
    let interval = interval.map_err(|e| e.to_string())?;
    Ok(Quantity {
        interval,
        point: Some(x),
        unit,
        kind: kind_override.unwrap_or(kind),
    })
}

/// A range `[lo, hi]` bent by a hedge. No point: a range states no single figure.
pub(super) fn hedged_range(
    lo: f64,
    hi: f64,
    hedge: Option<HedgeKind>,
    unit: Unit,
    kind_override: Option<QuantityKind>,
    ctx: &Context,
) -> Result<Quantity, String> {
    let sb = ctx.config.slack_below * lo.abs();
    let sa = ctx.config.slack_around;
    let (interval, kind) = match hedge {
        None | Some(HedgeKind::Exact) => (Interval::closed(lo, hi), QuantityKind::Range),
        Some(HedgeKind::Below) => (Interval::closed(r(lo - sb), hi), QuantityKind::Range),
        Some(HedgeKind::Around) => (
            Interval::closed(r(lo - sa * lo.abs()), r(hi + sa * hi.abs())),
            QuantityKind::ApproxAround,
        ),
        Some(HedgeKind::LowerOpen) => (
            Interval::new(Bound::Open(lo), Bound::Unbounded),
            QuantityKind::LowerBound,
        ),
        Some(HedgeKind::LowerClosed) => (
            Interval::new(Bound::Closed(lo), Bound::Unbounded),
            QuantityKind::LowerBound,
        ),
        Some(HedgeKind::UpperOpen) => (
            Interval::new(Bound::Unbounded, Bound::Open(hi)),
            QuantityKind::UpperBound,
        ),
        Some(HedgeKind::UpperClosed) => (
            Interval::new(Bound::Unbounded, Bound::Closed(hi)),
            QuantityKind::UpperBound,
        ),
    };
    let interval = interval.map_err(|e| e.to_string())?;
    Ok(Quantity {
        interval,
        point: None,
        unit,
        kind: kind_override.unwrap_or(kind),
    })
}

pub(super) fn r(x: f64) -> f64 {
    round_sig(x, 12)
}
