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

use std::ops::Range;

use super::hedges::HedgeKind;
use super::lexer::{Lowered, Tk, Toks};
use super::numerals::{self, Dec, Numeral};
use super::time;
use super::{Context, NormalizeError};
use crate::model::{Bound, Interval, Quantity, QuantityKind, Unit};
use crate::util::numfmt::round_sig;

/// One quantity phrase: its byte range and its reading.
pub(crate) type Hit = (Range<usize>, Result<Quantity, NormalizeError>);

enum Step {
    /// A quantity over tokens `start..end`.
    Emit {
        start: usize,
        end: usize,
        q: Result<Quantity, NormalizeError>,
    },
    /// Tokens up to `end` look numeric but are not a quantity.
    Skip(usize),
}

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

/// Takes the hits so far and the next one; adds it, joined to the last
/// when the two are one range.
///
/// "more than 40 and fewer than 60", "at least 5 and at most 50": a lower
/// bound and an upper bound joined by "and" are one range, each side
/// keeping its own bound (open or closed).
fn push_joined(text: &str, out: &mut Vec<Hit>, (range, q): Hit) {
    if let (Some((prev_range, Ok(low))), Ok(high)) = (out.last(), &q) {
        let between = text[prev_range.end..range.start].trim();
        let joined = matches!(between, "and" | "but" | ", and" | "and yet")
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

fn emit(start: usize, end: usize, q: Option<Quantity>) -> Option<Step> {
    q.map(|q| Step::Emit {
        start,
        end,
        q: Ok(q),
    })
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
        .chain(["rs", "minus"])
}

fn at(t: &Toks, i: usize, floor: usize, ctx: &Context) -> Option<Step> {
    match t.kind(i)? {
        Tk::Junk => {
            // A run of digits too long to be a figure is reported; a dotted
            // code ("2.3.1") is not a quantity at all.
            let raw = t.raw(i);
            if raw.bytes().filter(|b| *b == b'.').count() <= 1 && !t.glued(i) {
                Some(Step::Emit {
                    start: i,
                    end: i + 1,
                    q: Err(unreadable(
                        t,
                        i,
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
    if numerals::opens_spelled(w) || currency_code(w).is_some() || w == "rs" || w == "minus" {
        return amount(t, i, floor, ctx);
    }
    None
}

// ---------------------------------------------------------------- dates

fn plain_int(t: &Toks, i: usize) -> Option<i64> {
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

fn year_like(t: &Toks, i: usize) -> Option<i64> {
    plain_int(t, i).filter(|y| t.raw(i).len() == 4 && (1800..=2100).contains(y))
}

/// Skip "." after an abbreviated month and "st"/"th" after a day.
fn skip_dot(t: &Toks, j: usize) -> usize {
    if t.raw(j) == "." && t.glued(j) {
        j + 1
    } else {
        j
    }
}

/// "November 11, 2017", "Nov. 11", "November 2017".
fn date_month(t: &Toks, i: usize, ctx: &Context) -> Option<Step> {
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
fn date_num(t: &Toks, i: usize, ctx: &Context) -> Option<Step> {
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
const RELATIVE_WORDS: &[&str] = &[
    "yesterday",
    "today",
    "tomorrow",
    "last",
    "this",
    "next",
    "previous",
];

/// "last year", "this month", "next week", "yesterday".
fn relative(t: &Toks, i: usize, floor: usize, ctx: &Context) -> Option<Step> {
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

/// "now in its sixth year", "in its 17th year": elapsed [n-1, n).
///
/// Asked of every word and number: the possessive that must come before
/// ("its", "their") is checked here, inlined into the caller, and the rest
/// of the rule is called only after one (most tokens follow none).
#[inline]
fn ordinal_duration(t: &Toks, i: usize, floor: usize) -> Option<Step> {
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
fn duration_unit(w: &str) -> Option<(f64, bool)> {
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

// ---------------------------------------------------------------- vague

fn vague(t: &Toks, i: usize, floor: usize, ctx: &Context) -> Option<Step> {
    // Each phrase tried opens with the word at `i`: its other words are
    // compared.
    let v = ctx.config.vague_opening(t.lw(i)).find(|v| {
        v.words
            .iter()
            .enumerate()
            .skip(1)
            .all(|(k, vw)| t.is_word(i + k) && t.lw(i + k) == vw)
    })?;
    let end = i + v.words.len();
    // "hundreds" in "two hundreds" or "the 1990s" is not vague.
    let high = if v.high_closed {
        Bound::Closed(v.high)
    } else {
        Bound::Open(v.high)
    };
    let (start, hedge) = hedge_before(t, i, floor, ctx);
    let q = match hedge {
        Some(HedgeKind::LowerOpen) | Some(HedgeKind::LowerClosed) => {
            Interval::new(Bound::Closed(v.low), Bound::Unbounded)
                .map(|iv| (iv, QuantityKind::LowerBound))
        }
        Some(HedgeKind::UpperOpen) | Some(HedgeKind::UpperClosed) => {
            Interval::new(Bound::Unbounded, high).map(|iv| (iv, QuantityKind::UpperBound))
        }
        _ => Interval::new(Bound::Closed(v.low), high).map(|iv| (iv, QuantityKind::Vague)),
    };
    let (interval, kind) = q.ok()?;
    emit(
        start,
        end,
        Some(Quantity {
            interval,
            point: None,
            unit: Unit::Count,
            kind,
        }),
    )
}

// ---------------------------------------------------------------- fractions

fn denominator(w: &str) -> Option<i128> {
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
fn fraction(t: &Toks, i: usize, floor: usize, ctx: &Context) -> Option<Step> {
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

fn finish_ratio(
    t: &Toks,
    i: usize,
    end: usize,
    num: i128,
    den: i128,
    floor: usize,
    ctx: &Context,
) -> Option<Step> {
    let v = num as f64 / den as f64;
    let (start, hedge) = hedge_before(t, i, floor, ctx);
    let q = hedged(
        v,
        Some((v - RATIO_HALF_STEP, v + RATIO_HALF_STEP)),
        hedge,
        Unit::Ratio,
        None,
        ctx,
    );
    Some(Step::Emit {
        start,
        end,
        q: q.map_err(|e| unreadable(t, start, end, &e)),
    })
}

/// Stated precision of a fraction: half a percentage point either side.
const RATIO_HALF_STEP: f64 = 0.005;

// ---------------------------------------------------------------- amounts

fn is_minus(s: &str) -> bool {
    s == "-" || s == "\u{2212}"
}

fn currency_symbol(s: &str) -> Option<&'static str> {
    Some(match s {
        "$" => "USD",
        "\u{a3}" => "GBP",
        "\u{20ac}" => "EUR",
        "\u{a5}" => "JPY",
        "\u{20b9}" => "INR",
        _ => return None,
    })
}

/// Currency codes written before a figure ("USD 5 mln"), lowercase, and
/// the unit each names.
const CURRENCY_CODES: &[(&str, &str)] = &[
    ("usd", "USD"),
    ("gbp", "GBP"),
    ("eur", "EUR"),
    ("jpy", "JPY"),
    ("inr", "INR"),
];

fn currency_code(w: &str) -> Option<&'static str> {
    CURRENCY_CODES
        .iter()
        .find(|(k, _)| *k == w)
        .map(|&(_, code)| code)
}

fn currency_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "dollars" | "dollar" | "dlrs" | "dlr" | "usd" => "USD",
        "pounds" | "sterling" | "stg" | "gbp" => "GBP",
        "euros" | "euro" | "eur" => "EUR",
        "yen" | "jpy" => "JPY",
        "rupees" | "rupee" | "inr" => "INR",
        "yuan" | "renminbi" => "CNY",
        "marks" | "dm" => "DEM",
        "francs" => "FRF",
        "lire" => "ITL",
        "guilders" => "NLG",
        _ => return None,
    })
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

/// Verbs that make "X to Y" a change rather than a range.
fn change_verb(w: &str) -> bool {
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

/// An amount: [currency] numeral [range] [unit] [postfix hedge], with the
/// hedge before it.
fn amount(t: &Toks, i: usize, floor: usize, ctx: &Context) -> Option<Step> {
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
            // A minus sign: space before it, digits glued after it.
            if !(t.space_before(i) && t.kind(i + 1) == Some(Tk::Num) && t.glued(i + 1)) {
                return None;
            }
            negative = true;
            j = i + 1;
        }
        if t.kind(j) != Some(Tk::Num) {
            return None;
        }
    } else if t.lw(i) == "minus" {
        if t.kind(i + 1) != Some(Tk::Num) {
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

/// Reasons a digit string is not a quantity, seen from the digits at `j`.
fn not_a_number(t: &Toks, j: usize) -> Option<Step> {
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
    // Glued to what comes before: "COVID-19", "v2.3", "10:30", "1/3", "A4".
    if t.glued(j) {
        let p = t.raw(j - 1);
        if !matches!(p, "(" | "[" | "\"" | "'" | "~" | "+" | "\u{201c}") {
            return skip(j + 1);
        }
    }
    let nx = t.raw(j + 1);
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

/// Units after a numeral at `j`: percent, currency, durations.
fn unit_after(t: &Toks, j: usize) -> (Option<Unit>, Option<(f64, bool)>, usize) {
    let w = t.lw(j);
    let raw = t.raw(j);
    if raw == "%" {
        return (Some(Unit::Percent), None, j + 1);
    }
    match w {
        "percent" | "pct" | "percents" => return (Some(Unit::Percent), None, j + 1),
        "per" if t.is(j + 1, "cent") => return (Some(Unit::Percent), None, j + 2),
        "percentage" if matches!(t.lw(j + 1), "point" | "points") => {
            return (Some(Unit::PercentagePoints), None, j + 2)
        }
        "pp" | "ppt" | "ppts" => return (Some(Unit::PercentagePoints), None, j + 1),
        _ => {}
    }
    // "U.S. dollars"
    if w == "u" && t.raw(j + 1) == "." && t.lw(j + 2) == "s" {
        let k = skip_dot(t, j + 3);
        if let Some(c) = currency_word(t.lw(k)) {
            return (Some(Unit::Currency(c.into())), None, k + 1);
        }
    }
    // "265 mln pounds of copper": pounds of a thing weigh it; "2 billion
    // pounds of taxpayers' money" are money.
    let weight = matches!(w, "pounds" | "pound")
        && t.lw(j + 1) == "of"
        && !matches!(
            t.lw(j + 2),
            "taxpayers"
                | "taxpayer"
                | "public"
                | "government"
                | "state"
                | "investment"
                | "spending"
                | "funding"
                | "funds"
                | "cash"
                | "capital"
                | "savings"
                | "debt"
                | "aid"
                | "new"
                | "extra"
                | "additional"
                | "cuts"
                | "money"
                | "tax"
        );
    if let Some(c) = currency_word(w).filter(|_| !weight) {
        return (Some(Unit::Currency(c.into())), None, j + 1);
    }
    // "Canadian dollars", "Swiss francs", "Hong Kong dollars"
    let (code, k) = match (w, t.lw(j + 1), t.lw(j + 2)) {
        ("canadian", "dollars" | "dlrs", _) => ("CAD", j + 2),
        ("australian", "dollars" | "dlrs", _) => ("AUD", j + 2),
        ("singapore", "dollars" | "dlrs", _) => ("SGD", j + 2),
        ("swiss", "francs", _) => ("CHF", j + 2),
        ("hong", "kong", "dollars" | "dlrs") => ("HKD", j + 3),
        ("new", "zealand", "dollars" | "dlrs") => ("NZD", j + 3),
        _ => ("", j),
    };
    if k > j {
        return (Some(Unit::Currency(code.into())), None, k);
    }
    // "six-year-old", "five years"
    let k = if raw == "-" && t.glued(j) && t.glued(j + 1) {
        j + 1
    } else {
        j
    };
    if let Some(d) = duration_unit(t.lw(k)).filter(|_| !t.capitalized(k)) {
        let mut end = k + 1;
        if t.raw(end) == "-" && t.lw(end + 1) == "old" {
            end += 2;
        } else if t.lw(end) == "old" {
            end += 1;
        }
        return (Some(Unit::Years), Some(d), end);
    }
    (None, None, j)
}

fn amount_from(
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
    let between = start > floor && t.is(start - 1, "between");
    let from = start > floor && t.is(start - 1, "from");
    let conn = t.lw(end);
    let is_conn = match conn {
        "-" | "\u{2013}" | "to" | "or" => true,
        "and" => between,
        _ => false,
    };
    if is_conn && dur1.is_none() {
        let mut k = end + 1;
        let cur2 = currency_symbol(t.raw(k));
        if cur2.is_some() {
            k += 1;
        }
        if let Some(n2) = numerals::numeral(t, k) {
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
                        return emit(s, k + 1, time::years(y1, y2, QuantityKind::Date));
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
            let units_clash = unit1.is_some() && unit2 != unit1;
            let far = !between && lo_f > 0.0 && hi_f / lo_f > 20.0;
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
                return Some(Step::Emit {
                    start: shead,
                    end: e,
                    q: q.map_err(|m| unreadable(t, shead, e, &m)),
                });
            }
            if between && hi_f < lo_f && !units_clash {
                return Some(Step::Emit {
                    start: s,
                    end: e,
                    q: Err(unreadable(
                        t,
                        s,
                        e,
                        "the range runs backwards; write the smaller figure first",
                    )),
                });
            }
            // Not a range ("3-1", "10 to 5"): fall through with the first figure.
        }
    }
    let mut unit = unit1;
    let mut dur = dur1;
    let value = n.value;
    let step = n.step;
    // Years ago: "two years ago", "a decade ago".
    if let Some((f, _)) = dur {
        if t.is(end, "ago") {
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
            return emit(start, end + 1, time::day(date, QuantityKind::RelativeDate));
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
    // "over 1987", "above 1986": a comparison with a year, not a bound.
    if bare && n.bare_digits && hstart + 1 == start {
        if let Some(y) = year_like(t, j) {
            if matches!(prev, "over" | "under" | "above" | "below" | "past") {
                return emit(start, end, time::year(y, QuantityKind::Date));
            }
        }
    }
    if bare && hedge.is_none() {
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
            return Some(Step::Skip(end));
        }
        if n.bare_digits {
            // A year: "in 1987", "2016" alone.
            if let Some(y) = year_like(t, j) {
                if reads_as_year(t, j, prev) {
                    return emit(start, end, time::year(y, QuantityKind::Date));
                }
            }
            // Labels: "Section 122", "Flight 370".
            if start > 0 && label_word(prev) {
                return Some(Step::Skip(end));
            }
            if start > 0
                && t.is_word(start - 1)
                && t.capitalized(start - 1)
                && !t.sentence_start(start - 1)
                && time::month(prev).is_none()
                && !t.raw(start - 1).chars().all(|c| c.is_uppercase())
            {
                return Some(Step::Skip(end));
            }
        }
        if n.spelled && !n.scaled && n.value.e >= 0 && n.value.m <= 12 && determiner(prev) {
            return Some(Step::Skip(end));
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
                return Some(Step::Skip(end));
            }
        }
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
    let exact = match dur {
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
    };
    let f = dur.map(|d| d.0).unwrap_or(1.0);
    let unit = unit.unwrap_or(Unit::Count);
    let q = hedged(x * f, exact, hedge, unit, kind_override, ctx);
    Some(Step::Emit {
        start: hstart,
        end,
        q: q.map_err(|m| unreadable(t, hstart, end, &m)),
    })
}

fn reads_as_year(t: &Toks, j: usize, prev: &str) -> bool {
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

// ---------------------------------------------------------------- hedges

fn hedge_before(t: &Toks, start: usize, floor: usize, ctx: &Context) -> (usize, Option<HedgeKind>) {
    // Every hedge ends with the word right before the figure: only the
    // hedges ending with that word are tried.
    if start <= floor || !t.is_word(start - 1) {
        return (start, None);
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

fn hedge_after(t: &Toks, end: usize, ctx: &Context) -> Option<(HedgeKind, usize)> {
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

fn r(x: f64) -> f64 {
    round_sig(x, 12)
}

/// A figure `x` bent by a hedge; `exact` is its interval with no hedge.
fn hedged(
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
fn hedged_range(
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
        None => (Interval::closed(lo, hi), QuantityKind::Range),
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

fn unreadable(t: &Toks, start: usize, end: usize, detail: &str) -> NormalizeError {
    let s = t.v.get(start).map(|x| x.start).unwrap_or(0);
    let e = t.v.get(end.saturating_sub(1)).map(|x| x.end).unwrap_or(s);
    NormalizeError::Unreadable {
        phrase: t.text.get(s..e).unwrap_or("").to_string(),
        detail: detail.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where `article_may_open` passes over an "a" or "an", the word rules
    /// it skips read nothing there, on generated texts, with the default
    /// lists and with a newsroom's own (a one-word vague phrase among them).
    #[test]
    fn article_gate_passes_over_only_what_no_rule_reads() {
        let own = super::super::Config::from_toml(
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
        let default = super::super::Config::default();
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
