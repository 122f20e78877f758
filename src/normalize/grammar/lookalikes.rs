//! Figures that only look like quantities, which the scan passes over or
//! reads as a year.
//!
//! Passes over digit strings that are not quantities: "COVID-19", "v2.3",
//! "10:30", "5.21 am", "0100" (a clock), "Feb 87", "17th", "2x", phone
//! numbers ("555-1234", "+44 20 7946 0958", "(212) 555-1234"), malformed
//! groups ("3,0077,000"), list markers ("1."), "No. 5", "#3" and scores
//! ("Arsenal 1-3 Chelsea", "won 3-1"). Of a bare figure (no unit, currency
//! or scale) it reads years ("in 1987", "over 1987") and passes over names,
//! labels and pronouns, filing forms and models ("a 10-Q filing", "a 13F
//! filing", "the 401(k) plan", "the 300 series", "the 1040 form"):
//! "the Group of 77", "the S and P 500 index",
//! "Section 122", "Flight 370", "Form 10-K", "the three" after a
//! determiner, "one of them", "no one".

use std::ops::ControlFlow;

use super::dates::{plain_int, year_like};
use super::ranges::change_verb;
use super::step::{emit, Step};
use crate::model::QuantityKind;
use crate::normalize::lexer::{Tk, Toks};
use crate::normalize::numerals::{Dec, Numeral};
use crate::normalize::{numerals, time};

/// Reasons a digit string is not a quantity, seen from the digits at `j`.
pub(super) fn not_a_number(t: &Toks, j: usize) -> Option<Step> {
    let skip = |end: usize| Some(Step::Skip(end));
    // A fraction in digits ("1-1/8 pct", "5/8") is a number, unless glued
    // to a word or number before it.
    if let Some((_, _, end)) = numerals::digit_fraction(t, j) {
        // "on 3/4" is a date; "rose 3/4 pct" a fraction.
        let simple = end == j + 3;
        let prev = if j > 0 { t.lw(j - 1) } else { "" };
        let dated = simple && matches!(prev, "on" | "since" | "until" | "till" | "dated");
        if !t.glued(j) && !dated {
            return None;
        }
    }
    // "Feb 87": a two-digit year after a month in a table header.
    if j > 0
        && time::month(t.lw(j - 1)).is_some()
        && t.raw(j).len() == 2
        && plain_int(t, j).is_some_and(|v| v > 31)
    {
        return skip(j + 1);
    }
    // 24-hour clock times: "0100", "between 0100 and 0415 CST".
    let raw = t.raw(j);
    if raw.len() == 4 && raw.starts_with('0') && raw.bytes().all(|b| b.is_ascii_digit()) {
        return skip(j + 1);
    }
    // "at end-1986", "year-end-1986": the year whose end a stock is
    // stated at ("mid-1987" is left a part of a year, and passed over).
    if j >= 2 && t.raw(j - 1) == "-" && t.glued(j) && t.glued(j - 1) {
        if let Some(y) =
            year_like(t, j).filter(|_| !(t.glued(j + 1) && matches!(t.raw(j + 1), "-" | "/")))
        {
            if matches!(t.lw(j - 2), "end" | "year-end") {
                return emit(j - 2, j + 1, time::year(y, QuantityKind::Date));
            }
        }
    }
    // Glued to what comes before: "COVID-19", "v2.3", "10:30", "1/3", "A4".
    if t.glued(j) {
        let p = t.raw(j - 1);
        if !matches!(
            p,
            "(" | "["
                | "\""
                | "'"
                | "~"
                | "+"
                | "\u{201c}"
                | ">"
                | "<"
                | "="
                | "\u{2265}"
                | "\u{2264}"
        ) {
            return skip(j + 1);
        }
    }
    let nx = t.raw(j + 1);
    // Filings, models and plans named by a figure and a letter or a word:
    // "a 10-Q filing", "Form 8-K", "a 13F filing", "Schedule 13D", "the
    // 401(k) plan", "a 300-series jet", "the 300 series", "the 1040 form".
    let letter = |k: usize| {
        let raw = t.raw(k);
        t.is_word(k) && raw.len() == 1 && raw.bytes().all(|b| b.is_ascii_uppercase())
    };
    if nx == "-" && t.glued(j + 1) && t.glued(j + 2) {
        if letter(j + 2) && !(t.glued(j + 3) && t.is_word(j + 3)) {
            return skip(j + 3);
        }
        if matches!(t.lw(j + 2), "series" | "class") {
            return skip(j + 3);
        }
    }
    if t.glued(j + 1) && letter(j + 1) && !matches!(nx, "K" | "M" | "B") {
        return skip(j + 2);
    }
    if nx == "("
        && t.glued(j + 1)
        && t.is_word(j + 2)
        && t.raw(j + 2).len() == 1
        && t.raw(j + 3) == ")"
    {
        return skip(j + 4);
    }
    let prev = if j > 0 { t.lw(j - 1) } else { "" };
    let plain = t.raw(j).bytes().all(|b| b.is_ascii_digit());
    if (plain && t.lw(j + 1) == "series" && (prev == "the" || t.capitalized(j + 1)))
        || (t.lw(j + 1) == "form" && matches!(prev, "the" | "a" | "an"))
    {
        return skip(j + 2);
    }
    // A team or a name glued to its figure: "the 49ers".
    if t.glued(j + 1) && t.is_word(j + 1) && matches!(t.lw(j + 1), "ers" | "er") {
        return skip(j + 2);
    }
    // International and area-coded phone numbers: "+44 20 7946 0958", "(212) 555-1234".
    let plus = j > 0 && t.raw(j - 1) == "+" && t.glued(j);
    let area = j > 0
        && t.raw(j - 1) == "("
        && nx == ")"
        && t.raw(j).len() == 3
        && t.kind(j + 2) == Some(Tk::Num);
    if plus || area {
        let mut k = if area { j + 2 } else { j };
        while matches!(t.kind(k + 1), Some(Tk::Num))
            || (t.raw(k + 1) == "-" && t.kind(k + 2) == Some(Tk::Num))
        {
            k += if t.raw(k + 1) == "-" { 2 } else { 1 };
        }
        return skip(k + 1);
    }
    // Malformed groups: "3,0077,000", "4,472,0000".
    if nx == "," && t.glued(j + 1) && t.kind(j + 2) == Some(Tk::Num) && t.glued(j + 2) {
        let mut k = j + 2;
        while t.raw(k + 1) == ","
            && t.glued(k + 1)
            && t.kind(k + 2) == Some(Tk::Num)
            && t.glued(k + 2)
        {
            k += 2;
        }
        return skip(k + 1);
    }
    // Ordinals and multipliers: "17th", "50th", "2x".
    if t.glued(j + 1) && matches!(t.lw(j + 1), "st" | "nd" | "rd" | "th" | "x") {
        return skip(j + 2);
    }
    // Times and ratios: "10:30", "11/11/2017", "5.21 am".
    if t.glued(j + 1) && matches!(nx, ":" | "/") && t.kind(j + 2) == Some(Tk::Num) {
        let mut k = j + 2;
        while t.glued(k + 1) && matches!(t.raw(k + 1), ":" | "/") && t.kind(k + 2) == Some(Tk::Num)
        {
            k += 2;
        }
        return skip(k + 1);
    }
    if clock_word(t.lw(j + 1))
        || (t.lw(j + 1) == "local" && t.lw(j + 2) == "time")
        || (t.lw(j + 1) == "a" && t.raw(j + 2) == "." && t.lw(j + 3) == "m")
        || (t.lw(j + 1) == "p" && t.raw(j + 2) == "." && t.lw(j + 3) == "m")
    {
        return skip(j + 2);
    }
    // List markers at the start of a line: "1." "2)".
    if matches!(nx, "." | ")") && t.glued(j + 1) && t.line_start(j) {
        return skip(j + 2);
    }
    // "No. 5", "#3"
    if j > 0 && (t.raw(j - 1) == "#" || (t.raw(j - 1) == "." && j > 1 && t.lw(j - 2) == "no")) {
        return skip(j + 1);
    }
    // Phone numbers: 555-1234, 212-555-1234, (212) 555-1234.
    if nx == "-" && t.glued(j + 1) && t.kind(j + 2) == Some(Tk::Num) && t.glued(j + 2) {
        let a = t.raw(j).len();
        let b = t.raw(j + 2).len();
        let third = t.raw(j + 3) == "-" && t.glued(j + 3) && t.kind(j + 4) == Some(Tk::Num);
        if third && year_like(t, j).is_none() {
            return skip(j + 5);
        }
        if a == 3 && b == 4 && plain_int(t, j).is_some() {
            return skip(j + 3);
        }
        // "Arsenal 1-3 Chelsea": a score between two names.
        let names = j > 0
            && t.is_word(j - 1)
            && t.capitalized(j - 1)
            && t.is_word(j + 3)
            && t.capitalized(j + 3)
            && b <= 2
            && a <= 2;
        if names || (j > 0 && score_word(t.lw(j - 1))) {
            return skip(j + 3);
        }
        // "3-1": a range runs upwards; downwards it is a score.
        if let (Some(x), Some(y)) = (plain_int(t, j), plain_int(t, j + 2)) {
            if y < x && year_like(t, j).is_none() {
                return skip(j + 3);
            }
        }
    }
    None
}

/// A bare figure (no unit, no currency, no scale word) that is a year or
/// only looks like a number: "over 1987", "in 1987", "the Group of 77",
/// "Section 122", "the number three automaker", "one of them". Takes the
/// numeral `n` at `j` opening at `start` and ending at `end`, the word
/// before it, and where a hedge before it starts (`hstart`, with `has_hedge`);
/// breaks with the reading (a year, or tokens to skip), or continues for an
/// amount.
#[allow(clippy::too_many_arguments)]
pub(super) fn bare_reading(
    t: &Toks,
    start: usize,
    j: usize,
    end: usize,
    n: Numeral,
    bare: bool,
    prev: &str,
    hstart: usize,
    has_hedge: bool,
) -> ControlFlow<Option<Step>> {
    // An age band glued to its figure: "under-five mortality", "the
    // over-sixties" (in digits, "under-5" is passed over as glued).
    if start >= 2
        && t.raw(start - 1) == "-"
        && t.glued(start)
        && t.glued(start - 1)
        && matches!(t.lw(start - 2), "under" | "over")
    {
        return ControlFlow::Break(Some(Step::Skip(end)));
    }
    // "over 1987", "above 1986": a comparison with a year, not a bound.
    if bare && n.bare_digits && hstart + 1 == start {
        if let Some(y) = year_like(t, j) {
            if matches!(prev, "over" | "under" | "above" | "below" | "past") {
                return ControlFlow::Break(emit(start, end, time::year(y, QuantityKind::Date)));
            }
        }
    }
    if bare && !has_hedge {
        // Names: "the Group of 77", "Group of Five"; "the S and P 500
        // index", "FT-SE 100 index"; ranks: "the number three automaker",
        // "Chapter Eleven".
        let group =
            prev == "of" && start >= 2 && t.lw(start - 2) == "group" && t.capitalized(start - 2);
        let index_name = matches!(t.lw(end), "index" | "average" | "indices")
            && start > 0
            && t.is_word(start - 1)
            && t.capitalized(start - 1);
        // "series one stock", "Release 1.1", "Form 10-K", "form 10-Q":
        // release and form only capitalised or as a filing form ("release
        // 200 prisoners" is a quantity).
        let filing = matches!(t.raw(end), "-") && t.glued(end) && t.raw(end + 1).len() == 1;
        let named = start > 0
            && (prev == "series"
                || (matches!(prev, "release" | "form")
                    && (t.capitalized(start - 1) || (prev == "form" && filing))));
        let label = start > 0 && (label_word(prev) || named);
        if group || index_name || label {
            return ControlFlow::Break(Some(Step::Skip(end)));
        }
        if n.bare_digits {
            // A base year: "at fixed 1968 prices", "in 1980 prices" names
            // how a series is measured, neither a quantity nor a date.
            if year_like(t, j).is_some() && t.lw(end) == "prices" {
                return ControlFlow::Break(Some(Step::Skip(end)));
            }
            // A year: "in 1987", "2016" alone.
            if let Some(y) = year_like(t, j) {
                if reads_as_year(t, j, prev) {
                    return ControlFlow::Break(emit(start, end, time::year(y, QuantityKind::Date)));
                }
            }
            // A year outside the years news usually names ("in 1500",
            // "until 2200"): the claim's period, not a count, when a
            // preposition of time comes before it and no counted word
            // after it.
            if let Some(y) = far_year(t, j, prev) {
                return ControlFlow::Break(emit(start, end, time::year(y, QuantityKind::Date)));
            }
            // Labels: "Section 122", "Flight 370".
            if start > 0 && label_word(prev) {
                return ControlFlow::Break(Some(Step::Skip(end)));
            }
            if start > 0
                && t.is_word(start - 1)
                && t.capitalized(start - 1)
                && !t.sentence_start(start - 1)
                && time::month(prev).is_none()
                && !t.raw(start - 1).chars().all(|c| c.is_uppercase())
            {
                return ControlFlow::Break(Some(Step::Skip(end)));
            }
        }
        if n.spelled && !n.scaled && n.value.e >= 0 && n.value.m <= 12 && determiner(prev) {
            return ControlFlow::Break(Some(Step::Skip(end)));
        }
        if n.spelled && n.value == Dec::new(1, 0) && end == j + 1 {
            let nx = t.lw(end);
            let pronoun_next = !t.is_word(end)
                || matches!(
                    nx,
                    "of" | "another"
                        | "who"
                        | "that"
                        | "which"
                        | "day"
                        | "time"
                        | "way"
                        | "side"
                        | "hand"
                        | "thing"
                        | "or"
                        | "and"
                        | "is"
                        | "was"
                        | "would"
                        | "will"
                        | "can"
                        | "could"
                        | "should"
                        | "must"
                        | "has"
                        | "had"
                        | "might"
                        | "does"
                        | "did"
                        | "in"
                        | "to"
                        | "for"
                        | "at"
                        | "on"
                        | "by"
                        | "with"
                        | "from"
                        | "as"
                );
            let pronoun_prev = matches!(
                prev,
                "no" | "the"
                    | "any"
                    | "every"
                    | "each"
                    | "this"
                    | "that"
                    | "which"
                    | "such"
                    | "anyone"
                    | "someone"
                    | "everyone"
                    | "one"
                    | "no-one"
            );
            if pronoun_next || pronoun_prev {
                return ControlFlow::Break(Some(Step::Skip(end)));
            }
        }
    }
    ControlFlow::Continue(())
}

/// A four-digit year from 1000 to 2999 outside [`year_like`]'s range,
/// read as a year only after a preposition of time ("in 1500", "until
/// 2200") with no lowercase word after it ("in 1500 cases" is a count)
/// and no sign of a time of day ("until 1500 (1400 GMT)") or of a year
/// before the common era ("in 2500 BC").
fn far_year(t: &Toks, j: usize, prev: &str) -> Option<i64> {
    let y = plain_int(t, j).filter(|y| t.raw(j).len() == 4 && (1000..=2999).contains(y))?;
    let time_word = matches!(
        prev,
        "in" | "since" | "until" | "till" | "during" | "before" | "after"
    );
    let word_after = t.is_word(j + 1) && !t.capitalized(j + 1);
    let clock = matches!(
        t.raw(j + 1),
        "(" | "GMT" | "EST" | "EDT" | "BST" | "CET" | "hrs" | "BC" | "BCE" | "B"
    );
    (time_word && !word_after && !clock && year_like(t, j).is_none()).then_some(y)
}

fn reads_as_year(t: &Toks, j: usize, prev: &str) -> bool {
    // "down from 1985's four pct": a possessive year is a year.
    if matches!(t.raw(j + 1), "'" | "\u{2019}")
        && t.glued(j + 1)
        && t.lw(j + 2) == "s"
        && t.glued(j + 2)
    {
        return true;
    }
    // "rose to 1950", "fell by 1900": a level, not a year.
    if change_verb(prev)
        || (matches!(prev, "to" | "by" | "from" | "at") && j >= 2 && change_verb(t.lw(j - 2)))
    {
        return false;
    }
    if matches!(
        prev,
        "in" | "since"
            | "by"
            | "until"
            | "till"
            | "from"
            | "of"
            | "during"
            | "before"
            | "after"
            | "the"
            | "early"
            | "late"
            | "mid"
            | "fiscal"
            | "year"
            | "end"
            | "summer"
            | "winter"
            | "spring"
            | "autumn"
            | "fall"
            | "through"
            | "for"
            | "and"
            | "to"
            | "in-"
    ) {
        return true;
    }
    let nx = t.lw(j + 1);
    let counted = t.is_word(j + 1)
        && !t.capitalized(j + 1)
        && (nx.ends_with('s')
            || matches!(
                nx,
                "people"
                    | "men"
                    | "women"
                    | "children"
                    | "police"
                    | "staff"
                    | "personnel"
                    | "cattle"
                    | "sheep"
                    | "head"
                    | "tonnes"
                    | "feet"
                    | "deaths"
                    | "dead"
                    | "more"
                    | "other"
                    | "new"
            ));
    !counted
}

/// Words after a number that make it a time of day, not a quantity.
fn clock_word(w: &str) -> bool {
    matches!(
        w,
        "am" | "pm"
            | "gmt"
            | "est"
            | "edt"
            | "cst"
            | "cdt"
            | "mst"
            | "mdt"
            | "bst"
            | "cet"
            | "utc"
            | "hrs"
            | "jst"
            | "pst"
            | "pdt"
            | "hkt"
            | "sgt"
    )
}

/// Words before a number that make it a label ("No. 5", "#3").
fn score_word(w: &str) -> bool {
    matches!(
        w,
        "won"
            | "lost"
            | "beat"
            | "drew"
            | "defeated"
            | "win"
            | "victory"
            | "defeat"
            | "score"
            | "scored"
            | "led"
            | "trailed"
            | "leads"
            | "beating"
            | "winning"
            | "losing"
    )
}

/// Nouns that make the number after them a name: "Section 122", "Flight 370".
fn label_word(w: &str) -> bool {
    matches!(
        w,
        "section"
            | "article"
            | "chapter"
            | "flight"
            | "resolution"
            | "route"
            | "highway"
            | "rule"
            | "paragraph"
            | "clause"
            | "room"
            | "gate"
            | "platform"
            | "channel"
            | "bus"
            | "apollo"
            | "boeing"
            | "airbus"
            | "windows"
            | "iphone"
            | "phase"
            | "category"
            | "grade"
            | "version"
            | "fortune"
            | "number"
            | "no"
            | "item"
            | "page"
            | "figure"
            | "table"
            | "exhibit"
            | "question"
            | "district"
            | "ward"
            | "amendment"
            | "proposition"
            | "interstate"
            | "title"
            | "tier"
            | "level"
            | "stage"
            | "division"
            | "unit"
            | "model"
            | "type"
            | "class"
            | "vol"
            | "volume"
            | "issue"
            | "episode"
            | "season"
            | "lane"
            | "pier"
            | "terminal"
            | "block"
            | "annex"
    )
}

fn determiner(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "these"
            | "those"
            | "both"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
            | "my"
            | "your"
            | "all"
    )
}
