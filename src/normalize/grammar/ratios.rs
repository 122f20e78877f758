//! Ratios: a share of one, with the precision a fraction states (half a
//! percentage point either side) and the hedge before it.
//!
//! Reads "one in five", "nine out of ten" after a whole-number figure, and
//! gives the reading of every fraction that `fractions` finds ("a third",
//! "about half").

use super::hedging::{hedge_before, hedged};
use super::step::{unreadable, Step};
use crate::model::Unit;
use crate::normalize::lexer::Toks;
use crate::normalize::numerals::Numeral;
use crate::normalize::{numerals, Context};

/// "one in five", "nine out of ten": a ratio read from the numeral `n`
/// that opens at `start`, when "in" or "out of" and a larger whole number
/// follow it.
pub(super) fn one_in_n(
    t: &Toks,
    start: usize,
    n: Numeral,
    currency: Option<&'static str>,
    floor: usize,
    ctx: &Context,
) -> Option<Step> {
    let end = n.end;
    if n.value.e >= 0 && !n.scaled && currency.is_none() {
        let mut k = end;
        if t.is(k, "in") {
            k += 1;
        } else if t.is(k, "out") && t.is(k + 1, "of") {
            k += 2;
        }
        if k > end {
            if let Some(d) = numerals::numeral(t, k).filter(|d| !d.scaled && d.value.e >= 0) {
                let (nv, dv) = (n.value.to_f64(), d.value.to_f64());
                if nv >= 1.0 && dv > nv && dv <= 1000.0 && !(d.bare_digits && t.raw(k).len() == 4) {
                    return finish_ratio(t, start, d.end, nv as i128, dv as i128, floor, ctx);
                }
            }
        }
    }
    None
}

pub(super) fn finish_ratio(
    t: &Toks,
    i: usize,
    end: usize,
    num: i128,
    den: i128,
    floor: usize,
    ctx: &Context,
) -> Option<Step> {
    let v = num as f64 / den as f64;
    // Parts smaller than the half-point are stated to half a part: "a
    // thousandth" is [0.0005, 0.0015), not a span that reaches below zero.
    let half = if den > 0 {
        RATIO_HALF_STEP.min(0.5 / den as f64)
    } else {
        RATIO_HALF_STEP
    };
    let (start, hedge) = hedge_before(t, i, floor, ctx);
    let q = hedged(v, Some((v - half, v + half)), hedge, Unit::Ratio, None, ctx);
    Some(Step::Emit {
        start,
        end,
        q: q.map_err(|e| unreadable(t, start, end, &e)),
    })
}

/// Stated precision of a fraction: half a percentage point either side
/// (or half a part, for parts smaller than that).
const RATIO_HALF_STEP: f64 = 0.005;
