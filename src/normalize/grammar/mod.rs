//! The quantity grammar over tokens: where a quantity phrase starts and ends
//! in a text, and what it means. Serves both `normalize` (one phrase) and
//! `extract::quantities::find` (a whole text).
//!
//! The scan walks the tokens once. At each token that can open a quantity
//! (a number, a number word, a month, "last", a vague word...) it tries, in
//! order: "in its sixth year" (after a possessive), dates, relative dates,
//! vague quantities, fractions, then amounts (numeral + range + unit). A
//! word on none of the lists those rules read is passed over at once (a
//! debug build checks that every rule would have passed it). A found core then
//! takes the hedge written before it ("nearly", "more than") and after it
//! ("or so"). Phrases that only look like numbers (labels such as
//! "Section 122", "Air Force One", times, scores, phone and version
//! numbers, list markers) are skipped, never reported.
//!
//! This file holds the scan and the choice of rule at each token. Each
//! family of rules has its own file, which reads tokens and gives a
//! [`Step`] (a quantity over some tokens, or tokens to pass over, defined
//! in `step`): `dates`, `durations`, `vague`, `fractions` and `ratios`,
//! `amounts` (with `units`, `ranges` and `lookalikes`), and `hedging`,
//! which bends a figure by the hedge around it. The numerals themselves are
//! read by `super::numerals`. No two of these files import each other.

mod amounts;
mod dates;
mod durations;
mod fractions;
mod hedging;
mod lookalikes;
mod ranges;
mod ratios;
mod step;
mod units;
mod vague;

use amounts::{amount, percent_of};
use dates::{date_month, date_num, relative, RELATIVE_WORDS};
use durations::{duration_unit, ordinal_duration};
use fractions::{denominator, fraction};
use ranges::{ordinal_range, push_joined};
use step::{unreadable, Hit, Step};
pub(crate) use units::currency_word;
use units::{currency_code, currency_symbol, is_minus, CURRENCY_CODES};
use vague::vague;

use crate::normalize::lexer::{Lowered, Tk, Toks};
use crate::normalize::{numerals, time, Context};

/// Every quantity phrase in `text`, in order, non-overlapping.
pub(crate) fn scan(text: &str, ctx: &Context) -> Vec<Hit> {
    scan_toks(Toks::new(text), ctx)
}

/// [`scan`] of a text whose lowercase copy is already made.
pub(crate) fn scan_lowered(text: &Lowered, ctx: &Context) -> Vec<Hit> {
    scan_toks(Toks::of_lowered(text), ctx)
}

fn scan_toks(t: Toks, ctx: &Context) -> Vec<Hit> {
    let text = t.text;
    let mut out = Vec::new();
    let mut i = 0;
    let mut floor = 0;
    while i < t.len() {
        match at(&t, i, floor, ctx) {
            Some(Step::Emit { start, end, q }) if end > start => {
                push_joined(text, &mut out, (t.v[start].start..t.v[end - 1].end, q));
                i = end;
                floor = end;
            }
            Some(Step::Skip(end)) if end > i => {
                i = end;
                floor = end;
            }
            _ => i += 1,
        }
    }
    out
}

/// The words that may open a quantity in [`at`]'s word branch, from the
/// lists its rules read: months (dates), [`RELATIVE_WORDS`], the words a
/// [`fraction`] opens with (numerals and "a", "an", "half"), the words
/// that open a spelled numeral, currency codes, "rs" and "minus". The
/// [`Config`](super::Config) adds the first words of its vague phrases and
/// looks them all up in one set.
pub(super) fn word_openers() -> impl Iterator<Item = &'static str> {
    time::MONTHS
        .iter()
        .map(|(w, _)| *w)
        .chain(RELATIVE_WORDS.iter().copied())
        .chain(numerals::SMALL.iter().map(|(w, _)| *w))
        .chain(numerals::TENS.iter().map(|(w, _)| *w))
        .chain(numerals::OTHER_SPELLED_OPENERS.iter().copied())
        .chain(CURRENCY_CODES.iter().map(|(w, _)| *w))
        .chain(numerals::BARE_SCALES.iter().copied())
        .chain(["rs", "minus", "negative", "percent", "per", "between"])
}

fn at(t: &Toks, i: usize, floor: usize, ctx: &Context) -> Option<Step> {
    match t.kind(i)? {
        Tk::Junk => {
            // A run of digits too long to be a figure is reported; a dotted
            // code ("2.3.1") is not a quantity at all.
            let raw = t.raw(i);
            // A minus sign before it belongs to it ("-1e999999").
            let signed = i > floor && t.glued(i) && is_minus(t.raw(i - 1)) && t.space_before(i - 1);
            if raw.bytes().filter(|b| *b == b'.').count() <= 1 && (!t.glued(i) || signed) {
                let start = if signed { i - 1 } else { i };
                Some(Step::Emit {
                    start,
                    end: i + 1,
                    q: Err(unreadable(
                        t,
                        start,
                        i + 1,
                        "the number has too many digits to be a figure",
                    )),
                })
            } else {
                Some(Step::Skip(i + 1))
            }
        }
        Tk::Num => date_num(t, i, ctx)
            .or_else(|| ordinal_duration(t, i, floor))
            .or_else(|| amount(t, i, floor, ctx)),
        Tk::Sym => {
            if currency_symbol(t.raw(i)).is_some() || is_minus(t.raw(i)) {
                amount(t, i, floor, ctx)
            } else {
                None
            }
        }
        Tk::Word => {
            // An ordinal duration opens with the possessive before the word;
            // every other word rule, the vague quantities among them, runs
            // only on a word that passes the word gate
            // (`Config::opens_word_rule`), and most words do not.
            if let Some(s) = ordinal_duration(t, i, floor) {
                return Some(s);
            }
            if !ctx.config.opens_word_rule(t.lw_bytes(i)) {
                debug_assert!(
                    word_rules(t, i, floor, ctx).is_none(),
                    "the word gate passed over {:?}, which a rule reads",
                    t.lw(i)
                );
                return None;
            }
            word_rules(t, i, floor, ctx)
        }
    }
}

/// The rules that may open a quantity at a word, after the ordinal
/// duration and the word gate.
fn word_rules(t: &Toks, i: usize, floor: usize, ctx: &Context) -> Option<Step> {
    let w = t.lw(i);
    // "a" and "an", the commonest words the gate passes, open a quantity
    // only before a few words: asked first, most are passed over at once.
    if matches!(w, "a" | "an") && !article_may_open(t, i, ctx) {
        debug_assert!(
            word_rules_after_article(t, i, floor, ctx).is_none(),
            "article_may_open passed over {:?}, which a rule reads",
            t.lw(i + 1)
        );
        return None;
    }
    word_rules_after_article(t, i, floor, ctx)
}

/// Takes the tokens and an "a" or "an" at `i`; gives whether a word rule
/// may read a quantity there: only if the token after it is one the rules
/// read after an article (a duration unit, "hundred", "dozen", a scale
/// word, a fraction's denominator or the hyphen before one) or the second
/// word of a vague phrase opening with it (any token, for a one-word one).
fn article_may_open(t: &Toks, i: usize, ctx: &Context) -> bool {
    let next = t.lw(i + 1);
    next == "-"
        || duration_unit(next).is_some()
        || denominator(next).is_some()
        || matches!(next, "hundred" | "dozen")
        || numerals::scale(next, false).is_some_and(|k| k >= 3)
        || ctx
            .config
            .vague_opening(t.lw(i))
            .any(|v| v.words.get(1).is_none_or(|w| *w == next))
}

/// Whether a scale word at `i` with no figure before it ("thousand",
/// "hundred million") may be read as one of the scale.
fn bare_scale_may_open(t: &Toks, i: usize) -> bool {
    // Only a phrase's first word: in running text a scale word alone is a
    // table's heading ("in thousand bales"), a gloss ("mips, or million
    // instructions per second"), part of a vague figure ("several hundred
    // million dollars") or a slip, never a stated figure.
    i == 0 && !(t.raw(1) == "-" && t.glued(1))
}

/// [`word_rules`] with no test of the word after an article.
fn word_rules_after_article(t: &Toks, i: usize, floor: usize, ctx: &Context) -> Option<Step> {
    let w = t.lw(i);
    if time::month(w).is_some() {
        if let Some(s) = date_month(t, i, ctx) {
            return Some(s);
        }
    }
    if let Some(s) = relative(t, i, floor, ctx) {
        return Some(s);
    }
    if let Some(s) = vague(t, i, floor, ctx) {
        return Some(s);
    }
    if let Some(s) = fraction(t, i, floor, ctx) {
        return Some(s);
    }
    if numerals::opens_spelled(w)
        || currency_code(w).is_some()
        || matches!(w, "rs" | "minus" | "negative")
    {
        return amount(t, i, floor, ctx);
    }
    // "thousand", "hundred million": one of the scale, where no figure or
    // article comes before it ("per thousand" is a rate's base).
    if numerals::BARE_SCALES.contains(&w) && bare_scale_may_open(t, i) {
        return amount(t, i, floor, ctx);
    }
    if matches!(w, "percent" | "per") {
        return percent_of(t, i, floor, ctx);
    }
    if w == "between" {
        return ordinal_range(t, i, floor, ctx);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where `article_may_open` passes over an "a" or "an", the word rules
    /// it skips read nothing there, on generated texts, with the default
    /// lists and with a newsroom's own (a one-word vague phrase among them).
    #[test]
    fn article_gate_passes_over_only_what_no_rule_reads() {
        let own = crate::normalize::Config::from_toml(
            r#"
slack_below = 0.1
slack_around = 0.1

[hedges]
approx_below = ["nearly"]

[postfix]
approx_around = ["or so"]

[[vague]]
phrase = "a whole lot of"
low = 50
high = 1000

[[vague]]
phrase = "An"
low = 1
high = 2
"#,
        )
        .unwrap();
        let default = crate::normalize::Config::default();
        let pieces = [
            "a ",
            "an ",
            "A ",
            "An ",
            "year ",
            "years ",
            "half ",
            "third ",
            "quarter ",
            "thirds ",
            "hundred ",
            "dozen ",
            "million ",
            "mln ",
            "thousands ",
            "few ",
            "couple ",
            "lot ",
            "whole ",
            "of ",
            "the ",
            "said ",
            "-",
            "5 ",
            "pct ",
            "ago ",
            "for ",
            "decade ",
            "increase ",
            ". ",
        ];
        for config in [&default, &own] {
            let ctx = Context {
                as_of: jiff::civil::date(2017, 11, 11),
                config,
            };
            let mut passed = [0usize; 2];
            for text in crate::testing::random_texts(&pieces, 8, 20_000) {
                let t = Toks::new(&text);
                for i in 0..t.len() {
                    if !matches!(t.lw(i), "a" | "an") {
                        continue;
                    }
                    let open = article_may_open(&t, i, &ctx);
                    passed[usize::from(open)] += 1;
                    if !open {
                        for floor in [0, i] {
                            assert!(
                                word_rules_after_article(&t, i, floor, &ctx).is_none(),
                                "{text:?} token {i}"
                            );
                        }
                    }
                }
            }
            assert!(passed.iter().all(|&k| k > 1_000), "{passed:?}");
        }
    }
}
