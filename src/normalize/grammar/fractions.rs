//! Fractions, as a share of one (unit `ratio`).
//!
//! Reads "a third", "an eighth", "two-thirds", "three quarters", "half of",
//! "half the", "about half", "fell by half", "rose by about a quarter
//! since 2010", and "a quarter of a million" (a numeral, handed on to the
//! amounts). Ordinal uses ("a third time", "the third quarter", "acquired
//! by a third party") are not fractions.

use super::amounts::amount_from;
use super::ranges::change_verb;
use super::ratios::finish_ratio;
use super::step::Step;
use crate::normalize::lexer::Toks;
use crate::normalize::numerals::{Dec, Numeral};
use crate::normalize::{numerals, Context};

pub(super) fn denominator(w: &str) -> Option<i128> {
    Some(match w {
        "half" | "halves" => 2,
        "third" | "thirds" => 3,
        "quarter" | "quarters" | "fourth" | "fourths" => 4,
        "fifth" | "fifths" => 5,
        "sixth" | "sixths" => 6,
        "seventh" | "sevenths" => 7,
        "eighth" | "eighths" => 8,
        "ninth" | "ninths" => 9,
        "tenth" | "tenths" => 10,
        _ => return None,
    })
}

/// "a third", "two-thirds", "three quarters", "half of", "a quarter of a million".
pub(super) fn fraction(t: &Toks, i: usize, floor: usize, ctx: &Context) -> Option<Step> {
    let w = t.lw(i);
    let (num, mut j) = match w {
        "a" | "an" => (1, i + 1),
        "half" => {
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
            if (matches!(t.lw(i + 1), "of" | "the")
                || (hedged && !t.is_word(i + 1))
                || halves_a_change)
                && !matches!(prev, "first" | "second" | "a" | "and" | "other" | "latter")
            {
                return finish_ratio(t, i, i + 1, 1, 2, floor, ctx);
            }
            return None;
        }
        _ => (numerals::small(w).filter(|n| (1..=9).contains(n))?, i + 1),
    };
    if t.raw(j) == "-" {
        j += 1;
    }
    let den = denominator(t.lw(j))?;
    if (w == "a" || w == "an" || num == 1) && t.lw(j).ends_with('s') {
        return None;
    }
    if num > 1 && !t.lw(j).ends_with('s') && den != 2 {
        return None;
    }
    if num >= den {
        return None;
    }
    j += 1;
    // "a quarter of a million": a numeral.
    if t.is(j, "of") && (t.is(j + 1, "a") || t.is(j + 1, "an")) {
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
    // Ordinal uses: "a third time", "the third quarter". As the size of a
    // change ("fell by a third since 2010") a fraction stands whatever follows.
    let nx = t.lw(j);
    let ok_next = !t.is_word(j)
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
