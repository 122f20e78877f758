//! Fractions, as a share of one (unit `ratio`).
//!
//! Reads "a third", "an eighth", "two-thirds", "three quarters", "half of",
//! "forty-five hundredths", "two thirty-seconds", "a billionth", "fifteen
//! sixths" (more than a whole, but not "five quarters", which are of a
//! year), "between a quarter and a third",
//! "half the", "about half", "fell by half", "rose by about a quarter
//! since 2010", and "a quarter of a million" (a numeral, handed on to the
//! amounts). Ordinal uses ("a third time", "the third quarter", "acquired
//! by a third party") are not fractions.

use super::amounts::amount_from;
use super::hedging::{hedge_before, hedged_range};
use super::ranges::change_verb;
use super::ratios::finish_ratio;
use super::step::unreadable;
use super::step::Step;
use crate::model::Unit;
use crate::normalize::lexer::Toks;
use crate::normalize::numerals::{Dec, Numeral};
use crate::normalize::{numerals, Context};

/// The denominator a word names as the first after "a" or "an": "third",
/// "quarter", "hundredth", "billionth"; for a compound ("a thirty-second",
/// "a ten-thousandth"), its first word.
pub(super) fn denominator(w: &str) -> Option<i128> {
    match numerals::denominator_word(w) {
        Some((d, _)) if d > 2 || w.starts_with('h') => Some(d),
        _ => numerals::tens(w).or((w == "ten").then_some(10)),
    }
}

/// "a third", "two-thirds", "three quarters", "half of", "a quarter of a million".
pub(super) fn fraction(t: &Toks, i: usize, floor: usize, ctx: &Context) -> Option<Step> {
    let w = t.lw(i);
    if w == "half" {
        // "half of the", "half the": one half.
        let prev = if i > 0 { t.lw(i - 1) } else { "" };
        let hedged = matches!(
            prev,
            "about"
                | "nearly"
                | "almost"
                | "roughly"
                | "around"
                | "than"
                | "over"
                | "under"
                | "some"
                | "approximately"
                | "just"
        );
        let halves_a_change = prev == "by" && sizes_a_change(t, i, i + 1);
        if (matches!(t.lw(i + 1), "of" | "the") || (hedged && !t.is_word(i + 1)) || halves_a_change)
            && !matches!(prev, "first" | "second" | "a" | "and" | "other" | "latter")
        {
            return finish_ratio(t, i, i + 1, 1, 2, floor, ctx);
        }
        return None;
    }
    // "a third", "two-thirds", "forty-five hundredths", "fifteen sixths".
    let (num, den, j) = numerals::fraction_words(t, i)?;
    // More than a whole only in plain plurals: "fifteen sixths", not
    // "five quarters" (of a year) or "three seconds".
    let quarters = t.lw(j.saturating_sub(1)).starts_with("quarter");
    if num == den || (num > den && (quarters || num > 1000)) {
        return None;
    }
    // "a quarter of a million": a numeral.
    if num < den && t.is(j, "of") && (t.is(j + 1, "a") || t.is(j + 1, "an")) {
        if let Some(k) = numerals::scale(t.lw(j + 2), false).filter(|k| *k >= 3) {
            let v = (num as f64) / (den as f64) * 10f64.powi(k as i32);
            let value = Dec::new((v * 1000.0).round() as i128, -3);
            let n = Numeral {
                value,
                step: value.last_digit(),
                end: j + 3,
                scaled: true,
                spelled: true,
                bare_digits: false,
                inr: false,
                scale: Dec::new(1, k as i32),
            };
            return amount_from(t, i, i, n, floor, ctx);
        }
    }
    // "between a quarter and a third": a range of shares.
    if i > floor && t.is(i - 1, "between") && t.is(j, "and") {
        if let Some((n2, d2, e2)) = numerals::fraction_words(t, j + 1) {
            let (lo, hi) = (num as f64 / den as f64, n2 as f64 / d2 as f64);
            if lo < hi && !t.is_word(e2) {
                let (start, hedge) = hedge_before(t, i - 1, floor, ctx);
                let q = hedged_range(lo, hi, hedge, Unit::Ratio, None, ctx);
                return Some(Step::Emit {
                    start,
                    end: e2,
                    q: q.map_err(|m| unreadable(t, start, e2, &m)),
                });
            }
        }
    }
    // Ordinal uses: "a third time", "the third quarter". As the size of a
    // change ("fell by a third since 2010") a fraction stands whatever follows.
    let nx = t.lw(j);
    let compared =
        matches!(nx, "and" | "or" | "but" | "to") && hedge_before(t, i, floor, ctx).1.is_some();
    let ok_next = !t.is_word(j)
        || compared
        || sizes_a_change(t, i, j)
        || matches!(
            nx,
            "of" | "majority" | "stake" | "share" | "interest" | "percent" | "increase" | "cut"
        );
    if !ok_next {
        return None;
    }
    finish_ratio(t, i, j, num, den, floor, ctx)
}

/// Whether the fraction from token `i` to `next` follows "by" or a verb of
/// change, directly or after a hedge, and ends the phrase: "fell by a
/// third", "rose by about a quarter since 2010"; not "by half a million",
/// "by a quarter point", "acquired by a third party".
fn sizes_a_change(t: &Toks, i: usize, next: usize) -> bool {
    let ends = !t.is_word(next)
        || matches!(
            t.lw(next),
            "since"
                | "in"
                | "between"
                | "from"
                | "over"
                | "during"
                | "last"
                | "this"
                | "to"
                | "compared"
                | "after"
                | "before"
                | "and"
                | "or"
                | "but"
                | "while"
                | "as"
                | "on"
                | "at"
                | "against"
                | "year"
        );
    if !ends {
        return false;
    }
    let prev = |k: usize| if i >= k { t.lw(i - k) } else { "" };
    let is_change = |w: &str| w == "by" || change_verb(w);
    let hedged = matches!(
        prev(1),
        "about" | "nearly" | "almost" | "roughly" | "around" | "some" | "approximately" | "than"
    );
    is_change(prev(1)) || (hedged && (is_change(prev(2)) || is_change(prev(3))))
}
