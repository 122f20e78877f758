//! Derived claims: figures that relate two reference values instead of
//! stating one.
//!
//! Takes a sentence, its quantity phrases (from `quantities`) and one of
//! them; gives the [`Derivation`] that phrase states, if any:
//!
//! - a **change** of one series between two times: "rose 2.3 percent last
//!   year", "fell by a third since 2010", "doubled since 1990", "a 5 percent
//!   increase between 2000 and 2010"; or by an amount, "fell by half a
//!   million in 2016". Its period comes from the figure's own clause (or a
//!   short opening "In 2016,"), from a time phrase tied to it ("in",
//!   "since", "between"); a yearly rate ("2 percent a year") is not a
//!   change of the whole period;
//! - a **ratio** of two subjects: "three times as many people as Ghana";
//! - a **share** of a whole's population: "one in six people in the world",
//!   "18 percent of the world's population", "one in five Syrians".
//!
//! Also finds the multiplier verbs ("doubled", "nearly halved"), which carry
//! no numeral, as quantity phrases of their own. Pure: no I/O.
//!
//! A fraction said in words ("a third", "one in five", "half") is a round
//! figure: as a change or a share it reads as "about" that fraction, with
//! the normalizer's around-slack, not at the precision of its digits.

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::lexicon::Lexicon;
use super::quantities::Found;
use super::subjects;
use crate::model::{
    calendar, ChangeBase, Derivation, DerivedForm, Interval, Period, Quantity, QuantityKind, Unit,
};
use crate::normalize::{self, Context, Lowered};
use crate::util::short_words::with_ascii_lower;

// The verbs and nouns that say a figure went up or down ("rose",
// "shrank", "a 5 percent increase") are data: the lexicon's `[change]`
// table (metrics.toml), which a newsroom's own file may replace.

/// Verbs that state a change as a multiple, with the multiple.
const MULTIPLIERS: &[(&str, f64)] = &[
    ("doubled", 2.0),
    ("tripled", 3.0),
    ("trebled", 3.0),
    ("quadrupled", 4.0),
    ("halved", 0.5),
];

/// Words that state a comparison as a multiple, with the multiple, when a
/// comparison follows ("twice as many people as").
const COMPARATIVE_MULTIPLES: &[(&str, f64)] = &[("twice", 2.0), ("thrice", 3.0)];

/// Words after "N times" that make it a comparison of two subjects.
const TIMES_COMPARISONS: &[&str] = &[
    "as", "more", "larger", "bigger", "greater", "higher", "the", "that",
];

/// Phrases right after a share that make the world's population its whole.
const WORLD_WHOLES: &[&str] = &[
    "of the world's population",
    "of the world\u{2019}s population",
    "of the world's people",
    "of the global population",
    "of the world population",
    "of humanity",
    "of mankind",
    "of all people",
];

/// Places that, after "people" ("one in six people in the world"), make
/// the world the whole.
const WORLD_PLACES: &[&str] = &[
    "in the world",
    "on earth",
    "on the planet",
    "worldwide",
    "of the world",
];

/// The name the bundled reference data gives the whole world.
pub const WORLD: &str = "World";

/// The search for the multiplier words.
enum Stems {
    Packed(aho_corasick::packed::Searcher),
    Automaton(AhoCorasick),
}

/// The multiplier verbs in a sentence, each with the hedge before it, as
/// quantity phrases whose reading is the multiple (unit `ratio`).
pub fn multipliers(sentence: &Lowered, ctx: &Context) -> Vec<Found> {
    // Most sentences have none: one scan for the words before any work,
    // over the lowercased text with the vectorised searcher for a few
    // literals (Teddy; an automaton where the CPU lacks it). The
    // case-insensitive automaton this replaced stepped through every
    // byte: 5 % of extraction's instructions.
    static STEMS: LazyLock<Stems> = LazyLock::new(|| {
        let words = || {
            MULTIPLIERS
                .iter()
                .chain(COMPARATIVE_MULTIPLES)
                .map(|(w, _)| w)
        };
        match aho_corasick::packed::Config::new()
            .builder()
            .extend(words())
            .build()
        {
            Some(searcher) => Stems::Packed(searcher),
            None => Stems::Automaton(AhoCorasick::new(words()).expect("fixed word list")),
        }
    });
    // ASCII lowercasing keeps byte offsets (every word looked for is ASCII).
    let lower = sentence.lower();
    let any = match &*STEMS {
        Stems::Packed(searcher) => searcher.find(lower).is_some(),
        Stems::Automaton(automaton) => automaton.is_match(lower),
    };
    if !any {
        return Vec::new();
    }
    let words = subjects::word_list(lower);
    let mut out = Vec::new();
    for (i, &(at, w)) in words.iter().enumerate() {
        let comparative = COMPARATIVE_MULTIPLES.iter().any(|(v, _)| *v == w);
        let compares = words
            .get(i + 1)
            .is_some_and(|(_, next)| TIMES_COMPARISONS.contains(next));
        let multiple = MULTIPLIERS
            .iter()
            .chain(COMPARATIVE_MULTIPLES.iter().filter(|_| compares))
            .find(|(v, _)| *v == w)
            .map(|&(_, m)| m);
        let Some(multiple) = multiple else {
            continue;
        };
        // The hedge is the word or two right before the verb ("more than
        // doubled", "nearly halved"), skipping an auxiliary ("has nearly doubled").
        let mut start = at;
        let mut hedge = String::new();
        for take in [2usize, 1] {
            if i < take {
                continue;
            }
            let first = words[i - take].0;
            let phrase = lower[first..at].trim_end();
            if is_hedge(phrase, ctx) {
                start = first;
                hedge = phrase.to_string();
                break;
            }
        }
        let quantity = if comparative {
            // "twice" says "two times": read at the precision of "two".
            normalize::normalize(&format!("{hedge} {multiple}"), ctx)
                .ok()
                .map(|q| Quantity {
                    unit: Unit::Ratio,
                    ..q
                })
        } else {
            multiple_reading(&hedge, multiple, ctx)
        };
        let Some(quantity) = quantity else {
            continue;
        };
        out.push(Found {
            range: start..at + w.len(),
            quantity: Ok(quantity),
        });
    }
    out
}

fn is_hedge(phrase: &str, ctx: &Context) -> bool {
    ctx.config.hedges().iter().any(|h| {
        h.words
            .iter()
            .map(String::as_str)
            .eq(phrase.split_whitespace())
    })
}

/// A multiple with its hedge as an interval of ratios: "nearly doubled" is
/// [1.8, 2]; "doubled" alone is about 2; "nearly halved" is a fall of
/// nearly half, so a ratio in [0.5, 0.56].
fn multiple_reading(hedge: &str, multiple: f64, ctx: &Context) -> Option<Quantity> {
    let fold = if multiple < 1.0 {
        1.0 / multiple
    } else {
        multiple
    };
    let hedge = if hedge.is_empty() { "about" } else { hedge };
    let q = normalize::normalize(&format!("{hedge} {fold}"), ctx).ok()?;
    let interval = if multiple < 1.0 {
        // Larger falls are smaller ratios.
        q.interval.map_monotone(|x| 1.0 / x, false).ok()?
    } else {
        q.interval
    };
    Some(Quantity {
        interval,
        point: Some(multiple),
        unit: Unit::Ratio,
        kind: q.kind,
    })
}

/// Which way a change goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Direction {
    Rise,
    Fall,
}

/// The derivation the quantity `found[i]` states, if it states one.
pub fn detect(
    lowered: &Lowered,
    found: &[Found],
    i: usize,
    ctx: &Context,
    lexicon: &Lexicon,
) -> Option<Derivation> {
    let sentence = lowered.text();
    let f = &found[i];
    let q = f.quantity.as_ref().ok()?;
    let phrase = &sentence[f.range.clone()];
    // Only a share, a fraction, a multiple or a figure followed by "times"
    // can be derived; the rest (most figures) leave at once.
    let times_next = {
        let rest = sentence[f.range.end..].trim_start().as_bytes();
        rest.len() >= 5 && rest[..5].eq_ignore_ascii_case(b"times")
    };
    // The phrase's last word: a multiplier verb ("nearly doubled") or
    // "twice"/"thrice" end it.
    let last_word = phrase
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    // The lists are lowercase ASCII: comparing ASCII case-insensitively is
    // comparing the lowercased word.
    let is_last =
        |list: &[(&str, f64)]| list.iter().any(|(v, _)| v.eq_ignore_ascii_case(last_word));
    let ends_comparative = is_last(COMPARATIVE_MULTIPLES);
    // "fell by half a million", "grew 2 million", "reserves rose 1.2
    // billion dlrs": a count or an amount of money right after a verb of
    // change (and "by") is the change's size, not a level.
    let counted = !matches!(q.unit, Unit::Percent | Unit::Ratio)
        && !q.kind.is_calendar()
        && !q.kind.is_elapsed();
    let after_change_verb = || {
        let from = char_floor(sentence, f.range.start.saturating_sub(24));
        // The last two words before the figure: "rose by", "rose".
        let verb = match last_two_words(&sentence[from..f.range.start]) {
            (Some(v), Some(by)) if by.eq_ignore_ascii_case("by") => Some(v),
            (_, last) => last,
        };
        verb.and_then(|v| direction_of(v, lexicon.change_verbs(), lexicon))
    };
    if counted {
        if let Some(direction) = after_change_verb() {
            let difference = match direction {
                Direction::Rise => Some(q.interval),
                Direction::Fall => q.interval.map_monotone(|x| -x, false).ok(),
            }?;
            return Some(Derivation {
                form: match change_form(sentence, found, i, lexicon) {
                    DerivedForm::Change { base, to } => DerivedForm::ChangeBy { base, to },
                    other => other,
                },
                ratio: difference,
            });
        }
    }
    if !matches!(q.unit, Unit::Percent | Unit::Ratio) && !times_next && !ends_comparative {
        return None;
    }
    // ASCII lowercasing keeps byte offsets, which `share_whole` relies on;
    // the words looked at are within a short window either side.
    let from = char_floor(sentence, f.range.start.saturating_sub(WINDOW));
    let to = char_floor(sentence, (f.range.end + 2 * WINDOW).min(sentence.len()));
    let lower = lowered.lower();
    let after = &lower[f.range.end..to];
    let (prev, last) = last_two_words(&lower[from..f.range.start]);
    let mut next = [""; 4];
    let mut n = 0;
    for (_, w) in subjects::words(after).take(next.len()) {
        next[n] = w;
        n += 1;
    }
    let next = &next[..n];

    // "doubled", "nearly halved": a multiplier verb is a change.
    if q.unit == Unit::Ratio && is_last(MULTIPLIERS) {
        return Some(Derivation {
            form: change_form(sentence, found, i, lexicon),
            ratio: q.interval,
        });
    }

    // "three times as many people as Ghana", "five times the population
    // of", "twice as many".
    let times = next.first() == Some(&"times");
    if q.unit != Unit::Percent && (times || ends_comparative) {
        let compares = next
            .get(usize::from(times))
            .is_some_and(|w| TIMES_COMPARISONS.contains(w));
        if compares {
            let times_end = if times {
                f.range.end + after.find("times").map_or(0, |p| p + "times".len())
            } else {
                f.range.end
            };
            let other = later_names(sentence, times_end);
            if !other.is_empty() {
                return Some(Derivation {
                    form: DerivedForm::Ratio { other },
                    ratio: q.interval,
                });
            }
        }
        return None;
    }

    let share_like = matches!(q.unit, Unit::Percent | Unit::Ratio);
    if share_like {
        // "rose 2.3 percent", "fell by a third", "up 5 pct"; not "made
        // up 42% of GDP", a share.
        let made_up = last == Some("up")
            && matches!(
                prev,
                Some("made" | "make" | "makes" | "making" | "took" | "take" | "takes")
            );
        // "inflation had fallen below one pct": a level crossed, not the
        // size of the fall.
        let crossed = ["below ", "above ", "under "].iter().any(|b| {
            // Bytes, not characters: the phrase may open with "six —".
            phrase.len() > b.len()
                && phrase.as_bytes()[..b.len()].eq_ignore_ascii_case(b.as_bytes())
        });
        let verb = [last, prev]
            .into_iter()
            .flatten()
            .find(|w| *w != "by")
            .filter(|_| !made_up && !crossed)
            .and_then(|w| direction_of(w, lexicon.change_verbs(), lexicon));
        // "a 5 percent increase", "a third fall in".
        let noun = next
            .first()
            .and_then(|w| direction_of(w, lexicon.change_nouns(), lexicon));
        // "grew 2.6 percent a year since 2000" is a yearly rate, not the
        // whole change: not read as one.
        let per_period = matches!(
            next,
            [
                "a" | "per" | "each" | "every",
                "year" | "month" | "week" | "day" | "annum" | "quarter",
                ..
            ] | [
                "annually" | "yearly" | "monthly" | "annualised" | "annualized",
                ..
            ]
        );
        if let Some(direction) = verb.or(noun).filter(|_| !per_period) {
            let ratio = change_ratio(q, phrase, direction, ctx)?;
            return Some(Derivation {
                form: change_form(sentence, found, i, lexicon),
                ratio,
            });
        }
        if let Some(whole) = share_whole(sentence, &f.range, after) {
            return Some(Derivation {
                form: DerivedForm::Share { whole },
                ratio: round_fraction(q, phrase, ctx)?,
            });
        }
        return None;
    }

    None
}

/// Where the figure at `range` ends with the change noun right after it
/// ("3.5 pct growth"), else where it ends.
pub(super) fn end_with_change_noun(
    sentence: &str,
    range: &Range<usize>,
    lexicon: &Lexicon,
) -> usize {
    subjects::words(&sentence[range.end..])
        .next()
        .filter(|(at, w)| {
            sentence[range.end..range.end + at].trim().is_empty()
                && with_ascii_lower(w, |w| {
                    direction_of(w, lexicon.change_nouns(), lexicon).is_some()
                })
        })
        .map_or(range.end, |(at, w)| range.end + at + w.len())
}

/// Bytes either side of a figure that `detect` reads words from.
const WINDOW: usize = 80;

/// The last two of the words of `text`: (the one before the last, the last),
/// read from the end of the text that holds them
/// ([`subjects::tail_of_last_words`]), not the whole window (up to 80
/// bytes).
fn last_two_words(text: &str) -> (Option<&str>, Option<&str>) {
    last_two_words_from_start(subjects::tail_of_last_words(text, 2))
}

/// [`last_two_words`], reading every word of `text`.
fn last_two_words_from_start(text: &str) -> (Option<&str>, Option<&str>) {
    let (mut prev, mut last) = (None, None);
    for (_, w) in subjects::words(text) {
        (prev, last) = (last, Some(w));
    }
    (prev, last)
}

/// The largest char boundary of `s` at or before `i`.
fn char_floor(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The direction `word` says by one pair of the lexicon's lists (rise,
/// fall; lowercase), ignoring the word's ASCII case. The lexicon turns
/// most words away by their first letters and length before the lists are
/// read.
fn direction_of(
    word: &str,
    (rise, fall): (&[String], &[String]),
    lexicon: &Lexicon,
) -> Option<Direction> {
    if !lexicon.may_say_direction(word) {
        return None;
    }
    listed_direction(word, rise, fall)
}

/// [`direction_of`] by a pass over the lists.
fn listed_direction(word: &str, rise: &[String], fall: &[String]) -> Option<Direction> {
    let listed = |list: &[String]| list.iter().any(|w| w.eq_ignore_ascii_case(word));
    if listed(rise) {
        Some(Direction::Rise)
    } else if listed(fall) {
        Some(Direction::Fall)
    } else {
        None
    }
}

/// A change's size as a ratio new/old: "rose 2.3 percent" is [1.0225,
/// 1.0235]; "fell by a third" about 0.67.
fn change_ratio(
    q: &Quantity,
    phrase: &str,
    direction: Direction,
    ctx: &Context,
) -> Option<Interval> {
    let size = match q.unit {
        Unit::Percent => q.interval.scale(0.01).ok()?,
        _ => round_fraction(q, phrase, ctx)?,
    };
    match direction {
        Direction::Rise => size.shift(1.0).ok(),
        Direction::Fall => size.map_monotone(|x| 1.0 - x, false).ok(),
    }
}

/// A share or fraction as a ratio. Percentages keep their precision; a
/// fraction in words is a round figure, read as about that fraction.
fn round_fraction(q: &Quantity, phrase: &str, ctx: &Context) -> Option<Interval> {
    if q.unit == Unit::Percent {
        return q.interval.scale(0.01).ok();
    }
    let in_words = !phrase.bytes().any(|b| b.is_ascii_digit());
    match (q.kind, q.point) {
        (QuantityKind::Exact, Some(p)) if in_words && p > 0.0 => {
            let s = ctx.config.slack_around;
            Interval::closed(p * (1.0 - s), p * (1.0 + s)).ok()
        }
        _ => Some(q.interval),
    }
}

/// What a change is measured from and to, from the sentence's time phrases:
/// "since 2000"; "between 2000 and 2010" (two periods); "in 2016" or "last
/// year" (the period before it to it); "over the past decade".
fn change_form(sentence: &str, found: &[Found], i: usize, lexicon: &Lexicon) -> DerivedForm {
    // Where the figure ends with the change noun after it, if any ("3.5 pct
    // growth in 1985"): a date after that noun is as near as one right
    // after the figure.
    let noun_end = end_with_change_noun(sentence, &found[i].range, lexicon);
    // Each date tied to the change: whether "since" opens it, whether a
    // word of a span ("from", "to", "between", "and", "until") does, its
    // distance from the figure, and its period.
    let mut periods: Vec<(bool, bool, usize, Period)> = Vec::new();
    let mut span_years: Option<f64> = None;
    let clause = clause_around(sentence, &found[i].range);
    // A short opening clause that only sets the time ("In 2016, ...").
    // Both marks are ASCII: their bytes are found only as themselves.
    let opening = sentence
        .bytes()
        .position(|b| b == b',' || b == b';')
        .filter(|&end| sentence[..end].split_whitespace().take(5).count() <= 4)
        .map_or(0..0, |end| 0..end);
    for (j, g) in found.iter().enumerate() {
        if j == i {
            continue;
        }
        let Ok(q) = &g.quantity else { continue };
        let inside = |r: &Range<usize>| r.start <= g.range.start && g.range.end <= r.end;
        if !inside(&clause) && !inside(&opening) {
            continue;
        }
        let word_before =
            subjects::last_word(&sentence[..g.range.start]).map(|(_, w)| w.to_ascii_lowercase());
        let word_before = word_before.as_deref();
        match q.kind {
            QuantityKind::Date | QuantityKind::RelativeDate => {
                // A date says when the change happened only after a word
                // that ties it to the change: "in 2016", "since 1990",
                // "between 1990 and 2000"; "last year" ties itself.
                let phrase = sentence[g.range.clone()].to_ascii_lowercase();
                let opens = |m: &str| phrase.starts_with(m) && phrase[m.len()..].starts_with(' ');
                let self_tied = ["between", "from", "since", "in", "during"]
                    .iter()
                    .any(|m| opens(m));
                let tied = q.kind == QuantityKind::RelativeDate
                    || self_tied
                    || matches!(
                        word_before,
                        Some(
                            "in" | "since" | "between" | "from" | "to" | "and" | "during" | "until"
                        )
                    );
                // "since 1974, when the economy shrank 1.4 pct": the year
                // the change happened in, not the base of one since.
                let when_next = super::unit_words::opens_with_word(
                    sentence[g.range.end..].trim_start_matches([' ', ',', '\n']),
                    "when",
                );
                // "5 pct higher than in 1985": the base of a comparison.
                let than = super::period::after_than(&sentence[..g.range.start]);
                let since =
                    ((word_before == Some("since") || opens("since")) && !when_next) || than;
                let span_word = ["between", "from"].iter().any(|m| opens(m))
                    || matches!(
                        word_before,
                        Some("between" | "from" | "to" | "and" | "until")
                    );
                // Measured past the change noun after the figure, if any.
                let distance = if g.range.start >= found[i].range.end {
                    g.range.start.saturating_sub(noun_end)
                } else {
                    found[i].range.start.saturating_sub(g.range.end)
                };
                if let (true, Some(p)) = (tied, period_of(&q.interval)) {
                    periods.push((since, span_word, distance, p));
                }
            }
            QuantityKind::Duration => {
                // "over the past decade", "in the last five years".
                let marked = matches!(
                    word_before,
                    Some("past" | "last" | "over" | "in" | "within")
                );
                if marked {
                    span_years = span_years.or(q.point);
                }
            }
            _ => {}
        }
    }
    if let Some(&(_, _, _, since)) = periods.iter().find(|(since, ..)| *since) {
        return DerivedForm::Change {
            base: ChangeBase::Period(since),
            to: None,
        };
    }
    // "grew one pct in 1986 after stagnating in 1985 and growing 2.6 pct in
    // 1984": dates that no word of a span joins are each some figure's
    // own; the change is over the one nearest this figure (on a tie, the
    // one after it), not from the first to the last.
    if periods.len() > 1 && !periods.iter().any(|&(_, span, ..)| span) {
        let nearest = periods
            .iter()
            .enumerate()
            .min_by_key(|&(k, &(_, _, distance, _))| (distance, std::cmp::Reverse(k)))
            .map(|(k, _)| k)
            .unwrap_or(0);
        periods = vec![periods[nearest]];
    }
    let periods: Vec<Period> = periods.into_iter().map(|(.., p)| p).collect();
    match periods.as_slice() {
        [] => DerivedForm::Change {
            base: span_years.map_or(ChangeBase::Unstated, ChangeBase::YearsBefore),
            to: None,
        },
        // "between 1990 and 2000" reads as one period of years: from its
        // first year to its last.
        [only] if only.last.year() > only.first.year() => DerivedForm::Change {
            base: ChangeBase::Period(year_period(only.first.year())),
            to: Some(year_period(only.last.year())),
        },
        [only] => DerivedForm::Change {
            base: previous_period(*only).map_or(ChangeBase::Unstated, ChangeBase::Period),
            to: Some(*only),
        },
        [first, .., last] => {
            let (a, b) = if first.first <= last.first {
                (*first, *last)
            } else {
                (*last, *first)
            };
            DerivedForm::Change {
                base: ChangeBase::Period(a),
                to: Some(b),
            }
        }
    }
}

/// The clause of `sentence` that holds `range`: between the clause marks
/// (commas, semicolons, dashes, brackets) around it.
fn clause_around(sentence: &str, range: &Range<usize>) -> Range<usize> {
    // Read as bytes: the ASCII marks and the dash's UTF-8 bytes (E2 80 94)
    // are found only as those characters.
    let b = sentence.as_bytes();
    let ascii_mark = |c: u8| matches!(c, b',' | b';' | b'(' | b')' | b':');
    let start = (0..range.start)
        .rev()
        .find(|&i| ascii_mark(b[i]) || (b[i] == 0x94 && i >= 2 && b[i - 2..i] == [0xE2, 0x80]))
        .map_or(0, |i| i + 1);
    let end = (range.end..b.len())
        .find(|&i| ascii_mark(b[i]) || b[i..].starts_with(&[0xE2, 0x80, 0x94]))
        .unwrap_or(b.len());
    start..end
}

/// The calendar period a date phrase's interval (decimal years) covers.
fn period_of(interval: &Interval) -> Option<Period> {
    let (low, high) = (interval.low_value()?, interval.high_value()?);
    let first = calendar::date_of(low);
    let mut last = calendar::date_of(high);
    if matches!(interval.high(), crate::model::Bound::Open(_)) {
        last = last.yesterday().ok()?;
    }
    (first <= last).then_some(Period { first, last })
}

/// The whole calendar year `y`.
fn year_period(y: i16) -> Period {
    Period {
        first: crate::model::Date::constant(y, 1, 1),
        last: crate::model::Date::constant(y, 12, 31),
    }
}

/// The period just before `p`: the year before a year, the months before
/// whole months ("in March": February; "in the first quarter": the last
/// quarter of the year before), otherwise the same number of days.
fn previous_period(p: Period) -> Option<Period> {
    let last = p.first.yesterday().ok()?;
    let whole_months = p.first.day() == 1 && p.last.tomorrow().ok()?.day() == 1;
    if whole_months {
        let months = (i32::from(p.last.year()) - i32::from(p.first.year())) * 12
            + i32::from(p.last.month())
            - i32::from(p.first.month())
            + 1;
        let first = p.first.checked_sub(jiff::Span::new().months(months)).ok()?;
        return Some(Period { first, last });
    }
    let length = p.last.since(p.first).ok()?;
    let first = last.checked_sub(length).ok()?;
    Some(Period { first, last })
}

/// The whole a share is of: the world ("of the world's population", "in
/// the world"), a named place ("of Syria's population", "of the population
/// of India"), or the people a demonym names ("one in five Syrians").
fn share_whole(sentence: &str, range: &Range<usize>, after_lower: &str) -> Option<Vec<String>> {
    let rest = after_lower.trim_start();
    // Up to the end of the clause, for "one in six people in the world".
    let clause = &rest[..rest.find([',', ';', '.']).unwrap_or(rest.len())];
    let head: String = clause
        .split_whitespace()
        .take(6)
        .collect::<Vec<_>>()
        .join(" ");
    let people = [
        "people ",
        "persons ",
        "inhabitants ",
        "humans ",
        "of people ",
    ]
    .iter()
    .any(|p| head.starts_with(p));
    let world = WORLD_WHOLES.iter().any(|w| head.starts_with(w))
        || (people && WORLD_PLACES.iter().any(|w| head.contains(w)));
    if world {
        return Some(vec![WORLD.to_string()]);
    }
    let original_after = &sentence[range.end..];
    let trimmed = original_after.trim_start();
    let offset = range.end + (original_after.len() - trimmed.len());
    let lives_elsewhere = ["live in", "lives in", "living in", "lived in"]
        .iter()
        .any(|p| clause.contains(p));
    // "of Syria's population", "of the population of India", "of Nigerians"
    // (a people); not "of China's steel output".
    if let Some(tail) = rest.strip_prefix("of ") {
        let (tail, population_first) = match tail.strip_prefix("the population of ") {
            Some(t) => (t, true),
            None => (tail, false),
        };
        let at = offset + (rest.len() - tail.len());
        if let Some(name) = leading_name(sentence, at).into_iter().next() {
            let after_name = sentence[at..].get(name.len()..).unwrap_or("");
            let possessive_population = ["'s population", "\u{2019}s population"]
                .iter()
                .any(|p| after_name.starts_with(p));
            let a_people = !possessive_population && name.ends_with('s') && !lives_elsewhere;
            if population_first || possessive_population || a_people {
                return Some(vec![name]);
            }
        }
    }
    // "one in five Syrians": a people right after the figure; not "one in
    // five Syrians lives in Lebanon" (that is no share of a population).
    let phrase = sentence[range.clone()].to_ascii_lowercase();
    if phrase.contains(" in ") && !lives_elsewhere {
        let names = leading_name(sentence, offset);
        if names.first().is_some_and(|n| n.ends_with('s')) {
            return Some(names);
        }
    }
    None
}

/// The capitalised name starting at byte `at` of `sentence`, without a
/// possessive: "Syria's population" gives "Syria".
fn leading_name(sentence: &str, at: usize) -> Vec<String> {
    let rest = &sentence[at..];
    let mut end = 0;
    for (i, w) in subjects::words(rest) {
        let gap = &rest[end..i];
        if end > 0 && !gap.chars().all(|c| c == ' ') {
            break;
        }
        if !w.chars().next().is_some_and(char::is_uppercase) {
            break;
        }
        end = i + w.len();
    }
    if end == 0 {
        return Vec::new();
    }
    let name = rest[..end].trim_end_matches("'s").trim_end_matches("’s");
    vec![name.to_string()]
}

/// Capitalised names after byte `from` of `sentence`, nearest first: the
/// other side of a comparison.
fn later_names(sentence: &str, from: usize) -> Vec<String> {
    let rest = &sentence[from..];
    let mut out: Vec<String> = Vec::new();
    // Words inside a name already taken ("States" of "United States") are
    // not names of their own.
    let mut taken_to = 0;
    for (i, w) in subjects::words(rest) {
        if i > 0 && i >= taken_to && w.chars().next().is_some_and(char::is_uppercase) {
            if let Some(n) = leading_name(sentence, from + i).into_iter().next() {
                taken_to = i + n.len();
                if !out.contains(&n) {
                    out.push(n);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Config;

    /// `last_two_words`, which reads only the words after the third space
    /// from the end when two are there, gives the last two of all the
    /// words, on random texts of words, marks, spaces and other white space.
    #[test]
    fn last_two_words_is_its_definition() {
        let pieces = [
            "a", "Rose", " ", " ", "by", ".", "U.S", "-", "'", "\u{2019}", "\u{e9}", "\u{a0}",
            "\n", ",", "5",
        ];
        for s in crate::testing::random_texts(&pieces, 14, 30_000) {
            assert_eq!(last_two_words(&s), last_two_words_from_start(&s), "{s:?}");
        }
    }

    /// The byte scans of `clause_around` find the marks a search for the
    /// characters finds, around every character of random texts.
    #[test]
    fn clause_around_is_its_definition() {
        let plain = |sentence: &str, range: &Range<usize>| {
            const MARKS: [char; 6] = [',', ';', '(', ')', '\u{2014}', ':'];
            let start = sentence[..range.start].rfind(MARKS).map_or(0, |i| {
                i + sentence[i..].chars().next().map_or(1, char::len_utf8)
            });
            let end = sentence[range.end..]
                .find(MARKS)
                .map_or(sentence.len(), |i| range.end + i);
            start..end
        };
        // The dash among characters that share its bytes (– is E2 80 93,
        // ” is E2 80 9D, 蔔 is E8 94 94).
        let pieces = [
            "a", " ", ",", ";", "(", ")", ":", "\u{2014}", "\u{2013}", "\u{201d}", "\u{8514}",
            "\u{e9}",
        ];
        for s in crate::testing::random_texts(&pieces, 10, 20_000) {
            let starts: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
            for (k, &a) in starts.iter().enumerate() {
                let b = starts[(k + 1).min(starts.len() - 1)];
                assert_eq!(
                    clause_around(&s, &(a..b)),
                    plain(&s, &(a..b)),
                    "{s:?} {a}..{b}"
                );
            }
        }
    }

    /// `direction_of`, which turns most words away by their first letters
    /// and length, finds what a pass over the lists finds, on every listed
    /// word in random cases and on random words.
    #[test]
    fn direction_of_is_its_definition() {
        let lexicon = Lexicon::default();
        let (rise_verbs, fall_verbs) = lexicon.change_verbs();
        let (rise_nouns, fall_nouns) = lexicon.change_nouns();
        assert!(!rise_verbs.is_empty() && !fall_nouns.is_empty());
        let listed = rise_verbs
            .iter()
            .chain(fall_verbs)
            .chain(rise_nouns)
            .chain(fall_nouns);
        let mut words: Vec<String> = Vec::new();
        for (n, w) in listed.enumerate() {
            // Each listed word with its letters' case flipped by a pattern.
            let flipped: String = w
                .chars()
                .enumerate()
                .map(|(k, c)| {
                    if (n >> (k % 8)) & 1 == 1 {
                        c.to_ascii_uppercase()
                    } else {
                        c
                    }
                })
                .collect();
            words.push(w.to_string());
            words.push(flipped);
        }
        let letters = [
            "r", "o", "s", "e", "D", "W", "n", "u", "p", "f", "a", "l", "\u{e9}", "@",
        ];
        words.extend(crate::testing::random_texts(&letters, 8, 20_000));
        for w in &words {
            for (rise, fall) in [lexicon.change_verbs(), lexicon.change_nouns()] {
                assert_eq!(
                    direction_of(w, (rise, fall), &lexicon),
                    listed_direction(w, rise, fall),
                    "{w:?}"
                );
            }
        }
    }

    fn ctx(config: &Config) -> Context<'_> {
        Context {
            as_of: crate::model::Date::constant(2017, 11, 11),
            config,
        }
    }

    fn derive(sentence: &str) -> Option<Derivation> {
        let config = Config::default();
        let c = ctx(&config);
        let lowered = Lowered::new(sentence);
        let mut found = super::super::quantities::find_lowered(&lowered, &c);
        found.extend(multipliers(&lowered, &c));
        found.sort_by_key(|f| f.range.start);
        (0..found.len()).find_map(|i| detect(&lowered, &found, i, &c, &Lexicon::default()))
    }

    fn year(y: i16) -> Period {
        Period {
            first: crate::model::Date::new(y, 1, 1).unwrap(),
            last: crate::model::Date::new(y, 12, 31).unwrap(),
        }
    }

    /// A figure's phrase that holds a wide character where "below " would
    /// end is read without a panic (proptest found "six — 18 percent").
    #[test]
    fn a_phrase_with_a_dash_near_its_start_is_read() {
        for s in ["six \u{2014} 18 percent", "abov\u{e9} 18 percent rose"] {
            let _ = derive(s);
        }
    }

    #[test]
    fn percent_rise_in_a_year_is_measured_from_the_year_before() {
        let d = derive("India's population rose 1.2 percent last year.").unwrap();
        assert_eq!(
            d.form,
            DerivedForm::Change {
                base: ChangeBase::Period(year(2015)),
                to: Some(year(2016)),
            }
        );
        assert!(d.ratio.contains(1.012) && !d.ratio.contains(1.013));
    }

    /// The multiplier words are found whatever their case, and only as words.
    #[test]
    fn multipliers_in_any_case() {
        let config = Config::default();
        let c = ctx(&config);
        let found = |s: &str| -> Vec<String> {
            multipliers(&Lowered::new(s), &c)
                .into_iter()
                .map(|f| s[f.range].to_string())
                .collect()
        };
        assert_eq!(found("Doubled in a year."), vec!["Doubled"]);
        assert_eq!(found("EXPORTS NEARLY TRIPLED"), vec!["NEARLY TRIPLED"]);
        assert_eq!(found("Prices halVED."), vec!["halVED"]);
        assert!(found("They redoubled their efforts.").is_empty());
        assert!(found("No figure here.").is_empty());
    }

    #[test]
    fn doubled_since_a_year() {
        let d = derive("Nigeria's population has doubled since 1990.").unwrap();
        assert_eq!(
            d.form,
            DerivedForm::Change {
                base: ChangeBase::Period(year(1990)),
                to: None,
            }
        );
        assert!(d.ratio.contains(1.9) && d.ratio.contains(2.1) && !d.ratio.contains(2.3));
    }

    #[test]
    fn nearly_halved_is_a_ratio_just_above_a_half() {
        let d = derive("The population nearly halved between 1990 and 2000.").unwrap();
        assert!(d.ratio.contains(0.52) && !d.ratio.contains(0.48));
        assert!(
            matches!(d.form, DerivedForm::Change { base: ChangeBase::Period(p), to: Some(q) } if p == year(1990) && q == year(2000))
        );
    }

    #[test]
    fn fell_by_a_third_is_about_two_thirds_left() {
        let d = derive("Its population fell by a third since 2010.").unwrap();
        assert!(d.ratio.contains(0.667) && d.ratio.contains(0.64) && !d.ratio.contains(0.5));
    }

    #[test]
    fn times_as_many_compares_with_the_later_name() {
        let d = derive("Nigeria has seven times as many people as Ghana.").unwrap();
        assert_eq!(
            d.form,
            DerivedForm::Ratio {
                other: vec!["Ghana".into()]
            }
        );
    }

    #[test]
    fn shares_of_the_world_and_of_a_people() {
        let d = derive("One in six people in the world lives in India.").unwrap();
        assert_eq!(
            d.form,
            DerivedForm::Share {
                whole: vec![WORLD.into()]
            }
        );
        let d = derive("China is home to 18 percent of the world's population.").unwrap();
        assert_eq!(
            d.form,
            DerivedForm::Share {
                whole: vec![WORLD.into()]
            }
        );
        let d = derive("Lagos holds 7 percent of Nigeria's population.").unwrap();
        assert_eq!(
            d.form,
            DerivedForm::Share {
                whole: vec!["Nigeria".into()]
            }
        );
    }

    #[test]
    fn plain_levels_and_rates_are_not_derived() {
        assert_eq!(derive("Nigeria had 190 million people in 2017."), None);
        assert_eq!(derive("Unemployment was 4.1 percent in October."), None);
        assert_eq!(derive("He said it three times."), None);
    }

    #[test]
    fn the_period_before_whole_months_is_whole_months() {
        let d = |y, m, day| crate::model::Date::new(y, m, day).unwrap();
        let march = Period {
            first: d(2016, 3, 1),
            last: d(2016, 3, 31),
        };
        assert_eq!(
            previous_period(march),
            Some(Period {
                first: d(2016, 2, 1),
                last: d(2016, 2, 29)
            })
        );
        let q1 = Period {
            first: d(2017, 1, 1),
            last: d(2017, 3, 31),
        };
        assert_eq!(
            previous_period(q1),
            Some(Period {
                first: d(2016, 10, 1),
                last: d(2016, 12, 31)
            })
        );
        assert_eq!(previous_period(year(2016)), Some(year(2015)));
    }

    #[test]
    fn a_change_with_no_period_says_so() {
        let d = derive("The population has doubled.").unwrap();
        assert_eq!(
            d.form,
            DerivedForm::Change {
                base: ChangeBase::Unstated,
                to: None
            }
        );
    }
}
