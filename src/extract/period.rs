//! When a figure is for: whether a date is the time of a claim or an
//! event's own date, the date nearest a figure, and what makes a figure no
//! yearly level: a part of a year or a fiscal year ("in the fourth
//! quarter", "fiscal 1986/87") or a forecast, target or plan.

use super::*;

/// The dates of a sentence that only say when (its time context), and
/// which of its relative dates state when an event took place.
pub(super) struct SentenceDates<'a> {
    /// Each relative date's index among the sentence's figures, and
    /// whether it dates an event ([`dates_an_event`]). Most sentences have
    /// none, and then nothing is allocated.
    events: Vec<(usize, bool)>,
    /// The figures that are time context: their ranges and quantities.
    pub(super) spans: Vec<(Range<usize>, &'a Quantity)>,
}

impl<'a> SentenceDates<'a> {
    pub(super) fn of(
        found: &'a [quantities::Found],
        lowered: &normalize::Lowered,
        lexicon: &Lexicon,
    ) -> SentenceDates<'a> {
        let events: Vec<(usize, bool)> = found
            .iter()
            .enumerate()
            .filter(|(_, f)| matches!(&f.quantity, Ok(q) if q.kind == QuantityKind::RelativeDate))
            .map(|(k, f)| (k, dates_an_event(lowered, &f.range, lexicon)))
            .collect();
        let dates_event = |k: usize| events.iter().any(|&(r, e)| r == k && e);
        let spans = found
            .iter()
            .enumerate()
            .filter_map(|(k, f)| match &f.quantity {
                Ok(q) if is_time_context(q, dates_event(k), lowered, &f.range) => {
                    Some((f.range.clone(), q))
                }
                _ => None,
            })
            .collect();
        SentenceDates { events, spans }
    }

    /// Whether the figure at index `k`, a relative date, dates an event.
    pub(super) fn dates_event(&self, k: usize) -> bool {
        self.events.iter().any(|&(r, e)| r == k && e)
    }
}

/// Dates and undirected relative dates ("in 1987", "last year") are the
/// time a sentence speaks of, not claims; those after "since" are not.
/// `dates_event` is [`dates_an_event`] of a relative date.
pub(super) fn is_time_context(
    q: &Quantity,
    dates_event: bool,
    lowered: &normalize::Lowered,
    range: &Range<usize>,
) -> bool {
    let kind_ok =
        q.kind == QuantityKind::Date || (q.kind == QuantityKind::RelativeDate && !dates_event);
    // "lower than in 1986, when it reached 20.9 pct", "since 1974, when
    // the economy shrank": the date is the time of what "when" opens.
    let text = lowered.text();
    let when_next = || {
        super::unit_words::opens_with_word(
            text[range.end..].trim_start_matches([' ', ',', '\n']),
            "when",
        )
    };
    // "down from 1985's four pct": a possessive year is the figure's own.
    kind_ok && (!after_since(&text[..range.start]) || when_next() || is_possessive(text, range.end))
}

/// Whether `before` (the text before a date) ends with "since", "from",
/// "until", or "than" or "than in" ("2.7 pct higher than in 1985": the
/// base of a comparison), in any case, before white space.
pub(super) fn after_since(before: &str) -> bool {
    // No character but the Kelvin sign lowercases to an ASCII letter
    // without a combining mark after it ("İ" gives "i\u{307}"), and "k" is
    // in none of the words: the lowercase text ends with one of them when
    // its last bytes are the word in ASCII case.
    let trimmed = before.trim_end();
    ends_with_word(trimmed, b"since")
        || ends_with_word(trimmed, b"from")
        || ends_with_word(trimmed, b"until")
        || after_than(before)
}

/// Whether `before` (the text before a date) ends with "than" or "than in"
/// in any case, before white space: the date is the base of a comparison
/// ("2.7 pct higher than in 1985"). The "in" must follow ASCII white space,
/// so that it is a word.
pub(super) fn after_than(before: &str) -> bool {
    let trimmed = before.trim_end();
    ends_with_word(trimmed, b"than")
        || (ends_with_word(trimmed, b"in")
            && trimmed.len() > 2
            && trimmed.as_bytes()[trimmed.len() - 3].is_ascii_whitespace()
            && ends_with_word(trimmed[..trimmed.len() - 2].trim_end(), b"than"))
}

/// Whether `text`'s last bytes are `word` (lowercase ASCII) in ASCII case.
fn ends_with_word(text: &str, word: &[u8]) -> bool {
    let b = text.as_bytes();
    b.len() >= word.len() && b[b.len() - word.len()..].eq_ignore_ascii_case(word)
}

pub(super) fn is_possessive(sentence: &str, end: usize) -> bool {
    let rest = &sentence[end..];
    rest.starts_with("'s ") || rest.starts_with("\u{2019}s ")
}

/// A relative date states when an event took place when it is possessive
/// ("last year's elections") or follows an event noun ("the election two
/// years ago"); otherwise it is the time the sentence speaks of.
pub(super) fn dates_an_event(
    sentence: &normalize::Lowered,
    range: &Range<usize>,
    lexicon: &Lexicon,
) -> bool {
    let text = sentence.text();
    let last = subjects::last_word(&text[..range.start]).map(|(at, w)| {
        // An ASCII word's lowercase is its slice of the sentence's lowercase copy.
        if w.is_ascii() {
            Cow::Borrowed(&sentence.lower()[at..at + w.len()])
        } else {
            Cow::Owned(w.to_lowercase())
        }
    });
    // "last year's U.S. presidential elections", not "last year's price
    // slump" (the first word after the figure is the possessive's "s").
    let possessive_of_event =
        is_possessive(text, range.end) && lexicon.event_noun_follows(sentence, range.end, 1);
    possessive_of_event || last.is_some_and(|w| lexicon.is_event_noun(&w))
}

/// The date a figure's claim is for, from the sentence's dates: the one
/// that is the figure's own ([`own_date`]), else the nearest
/// ([`nearest_date`]).
pub(super) fn claim_date(
    dates: &[(Range<usize>, &Quantity)],
    prev_end: usize,
    range: &Range<usize>,
    next_start: usize,
    next_linked: bool,
) -> Option<(Date, AsOfSource)> {
    // "after last year's sharp fall to 0.75 pct from 3.6 pct in 1985": a
    // date past the next figure is that figure's when one stands between
    // the two figures around this one.
    let between = dates
        .iter()
        .filter(|(r, _)| r.start >= prev_end && r.end <= next_start);
    // "exports were 7.45 billion dlrs, compared with 7.95 billion in
    // 1985": when only link words join this figure to the next, a date
    // past the next is the next one's, and this one takes the text's.
    // Otherwise a date before the next figure is preferred to one past it
    // ("In 1986, ... its surplus swelled to more than one billion dlrs and
    // inflation fell to 10 pct, from 20 pct in 1985": 1986), when there is
    // one; else the nearest ("3.56 pct and GDP 3.25 pct in 1986").
    let before_next = |(r, _): &&(Range<usize>, &Quantity)| r.start < next_start;
    let reachable = move || {
        let only_before = next_linked || dates.iter().any(|d| before_next(&d));
        dates.iter().filter(move |d| !only_before || before_next(d))
    };
    own_date(dates, prev_end, range, next_start)
        .or_else(|| nearest_date(between, range))
        .or_else(|| nearest_date(reachable(), range))
}

/// The year of the date that follows the figure starting at `next` in its
/// clause ("from 10.7 pct in 1985": 1985), when it names one whole year.
pub(super) fn next_figures_year(
    sentence: &str,
    dates: &[(Range<usize>, &Quantity)],
    next: usize,
) -> Option<i16> {
    let (r, q) = dates.iter().find(|(r, _)| r.start >= next)?;
    if sentence[next..r.start].contains([',', ';', ':', '(', ')']) {
        return None;
    }
    let (low, high) = (q.interval.low_value()?, q.interval.high_value()?);
    ((high - low - 1.0).abs() < 1e-9 && low.fract() == 0.0)
        .then(|| i16::try_from(low as i64).ok())
        .flatten()
}

/// "in 1987 compared to a 0.6 pct rise in consumer prices in 1986": a date
/// between the previous figure and this one is the previous figure's when a
/// date follows this figure before the next one; then the nearest date after
/// this figure is its own. `None` when no such date follows.
fn own_date(
    dates: &[(Range<usize>, &Quantity)],
    prev_end: usize,
    range: &Range<usize>,
    next_start: usize,
) -> Option<(Date, AsOfSource)> {
    let before_is_previous = prev_end > 0
        && dates
            .iter()
            .any(|(r, _)| r.start >= prev_end && r.end <= range.start);
    if !before_is_previous {
        return None;
    }
    let after = dates
        .iter()
        .filter(|(r, _)| r.start >= range.end && r.end <= next_start);
    nearest_date(after, range)
}

/// The as-of date set by the date phrase nearest to `range`: the last day
/// of the period it names.
pub(super) fn nearest_date<'d, 'q: 'd>(
    dates: impl IntoIterator<Item = &'d (Range<usize>, &'q Quantity)>,
    range: &Range<usize>,
) -> Option<(Date, AsOfSource)> {
    // On a tie the date after the figure wins: "from 78 million in 1990 to
    // 82 million in 2016".
    let (_, q) = dates.into_iter().min_by_key(|(r, _)| {
        if r.end <= range.start {
            (range.start - r.end, true)
        } else {
            (r.start.saturating_sub(range.end), false)
        }
    })?;
    let end = q.interval.high_value().or(q.interval.low_value())?;
    let mut date = calendar::date_of(end);
    if matches!(q.interval.high(), crate::model::Bound::Open(_)) {
        date = date.yesterday().unwrap_or(date);
    }
    Some((date, AsOfSource::Claim))
}

/// Words near a figure that make it a figure for part of a year, or for a
/// fiscal year, rather than a calendar year; so do the names of [`MONTHS`].
const SUB_ANNUAL: &[&str] = &[
    "quarter",
    "quarters",
    "quarterly",
    "first-quarter",
    "second-quarter",
    "third-quarter",
    "fourth-quarter",
    "month",
    "months",
    "monthly",
    "fiscal",
    "half-year",
    "half",
    "halves",
    "first-half",
    "second-half",
    "semester",
    "year-on-year",
    "running",
    "annualized",
    "annualised",
];

/// What says that the figure at `figure` of `sentence` is for part of a
/// year or a fiscal year ([`sub_annual`]), read in the whole clause before
/// it (within [`super::excerpt::context`]), not only the words since the figure before it ("inflation in
/// January was running at 4.4 pct in Italy, 3.9 pct in Britain"), and after
/// it up to a conjunction ("fell 0.4 pct to 99.7 in January from the
/// previous month"; not "984 mln dlrs at the end of 1986 and in the nine
/// months since").
pub(super) fn period_words(
    sentence: &str,
    figure: &Range<usize>,
    dates: &[(Range<usize>, &Quantity)],
) -> Option<String> {
    let reach = super::excerpt::context(sentence, figure);
    // "from 18.2 pct in calendar 1986": a calendar year said right after
    // the figure outweighs a month said before it (the other figure's).
    let calendar = subjects::words(first_clause(&sentence[figure.end..reach.end]))
        .take(3)
        .any(|(_, w)| w.eq_ignore_ascii_case("calendar"));
    if calendar {
        return None;
    }
    sub_annual(
        sentence,
        reach.start..figure.start,
        figure.end..up_to_conjunction(&sentence[..reach.end], figure.end),
        dates,
        figure,
        &sentence[reach],
    )
}

/// What says that the figure at `figure` of `sentence` is for part of a
/// year or a fiscal year: a word of [`SUB_ANNUAL`] in the figure's clause
/// (the bytes `before` and `after` it, cut at clause marks), or a date
/// phrase nearest to it that names less than a year ("in February 1986");
/// or, with no date before the figure or in its clause, a month or quarter
/// named within `reach` (the sentence around the figure that is read).
fn sub_annual(
    sentence: &str,
    before: Range<usize>,
    after: Range<usize>,
    dates: &[(Range<usize>, &Quantity)],
    figure: &Range<usize>,
    reach: &str,
) -> Option<String> {
    let clause_before = last_clause(&sentence[before.clone()]);
    let clause_after = first_clause(&sentence[after.clone()]);
    // "dropped to 63 pct from an annual rate of 280 pct in the first half
    // of 1985": the words after a "from" with a figure after it are that
    // figure's (a split year there, "from 2.9 billion in 1985/86", still
    // says the comparison is of fiscal years).
    let whole_clause_after = clause_after;
    let clause_after = subjects::words(clause_after)
        .find(|(at, w)| {
            w.eq_ignore_ascii_case("from")
                && clause_after[at + w.len()..]
                    .bytes()
                    .any(|b| b.is_ascii_digit())
        })
        .map_or(clause_after, |(at, _)| &clause_after[..at]);
    // "In the first two months of the year, inflation was 3.8 pct": a
    // short opening clause that says when ("in", "during", "for"...) sets
    // the period of the sentence's figures.
    let opening = sentence
        .find(',')
        .filter(|&end| end <= figure.start - clause_before.len())
        .map(|end| &sentence[..end])
        .filter(|o| {
            subjects::words(o).nth(8).is_none()
                && subjects::words(o).next().is_some_and(|(_, w)| {
                    ["in", "during", "for", "over", "through"]
                        .iter()
                        .any(|p| w.eq_ignore_ascii_case(p))
                })
        })
        .unwrap_or("");
    // Most words are turned away by their first bytes and length, before
    // a lowercase copy and a pass over the list.
    static SUB_ANNUAL_WORDS: ShortWords = ShortWords::new(&[SUB_ANNUAL, MONTHS]);
    // Each clause read for words, with the text read for a split year.
    // "exports in the eight-month period rose ..., while imports rose to
    // 4.12 billion dlrs from 3.34 billion a year earlier": a clause set
    // beside an earlier one ("while", "whereas") with no date of its own
    // shares the period that clause names.
    let own = figure.start - clause_before.len()..after.start + whole_clause_after.len();
    let beside = subjects::words(clause_before)
        .next()
        .is_some_and(|(_, w)| w.eq_ignore_ascii_case("while") || w.eq_ignore_ascii_case("whereas"));
    let own_dated = dates
        .iter()
        .any(|(r, _)| r.start < own.end && r.end > own.start);
    let earlier = if beside && !own_dated {
        &sentence[before.start..own.start]
    } else {
        ""
    };
    for (clause, years) in [
        (clause_before, clause_before),
        (clause_after, whole_clause_after),
        (opening, opening),
        (earlier, earlier),
    ] {
        let words = subjects::word_strs(clause);
        for (k, &w) in words.iter().enumerate() {
            // "in the eight-month period", "a five-week strike": a count
            // of months or weeks is less than a year; "the same 1986
            // period" is the part of the year the sentence compares.
            let lower_w = w.to_ascii_lowercase();
            let part_of_year = ["-month", "-months", "-week", "-weeks"]
                .iter()
                .any(|suffix| lower_w.ends_with(suffix))
                || (lower_w == "period"
                    && words[k.saturating_sub(2)..k]
                        .iter()
                        .any(|p| p.eq_ignore_ascii_case("same")));
            if part_of_year {
                return Some(w.to_string());
            }
            // "at end-February": the month.
            let w = match w.get(..4) {
                Some(p) if p.eq_ignore_ascii_case("end-") || p.eq_ignore_ascii_case("mid-") => {
                    &w[4..]
                }
                _ => w,
            };
            let head = w.split('/').next().unwrap_or(w);
            if !SUB_ANNUAL_WORDS.may_hold(head) && !SUB_ANNUAL_WORDS.may_hold(w) {
                continue;
            }
            let lower = w.to_ascii_lowercase();
            let word = lower.split('/').next().unwrap_or(&lower);
            // "half" names a period only as a half of a year ("the first
            // half", "in the second half"), not "half of its people";
            // "fiscal" only before a year ("fiscal 1986/87", "the fiscal
            // year"), not "a fiscal deficit".
            let said = match word {
                "half" => {
                    k > 0
                        && matches!(
                            words[k - 1].to_ascii_lowercase().as_str(),
                            "first" | "second"
                        )
                }
                "fiscal" => words.get(k + 1).is_some_and(|n| {
                    n.eq_ignore_ascii_case("year") || n.starts_with(|c: char| c.is_ascii_digit())
                }),
                _ => true,
            };
            let listed = |w: &str| SUB_ANNUAL.contains(&w) || MONTHS.contains(&w);
            if said && (listed(word) || listed(lower.as_str())) {
                return Some(w.to_string());
            }
        }
        if let Some(w) = years
            .split_whitespace()
            .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric() && c != '/' && c != '\''))
            // A split year starts with a digit: other words are not copied.
            .find(|t| {
                t.starts_with(|c: char| c.is_ascii_digit()) && split_year(&t.to_ascii_lowercase())
            })
        {
            return Some(w.to_string());
        }
    }
    // "imports slipped to 9.19 billion dlrs" after "in February," earlier
    // in the sentence: with no date before the figure or in its own
    // clause, a month the sentence names is the figure's period ("French
    // 1986 GDP grew by 1.9 pct, after ... in February" keeps its year).
    let own_clause_end = after.start + clause_after.len();
    let dated = dates.iter().any(|(r, _)| r.end <= own_clause_end);
    // Read within the figure's reach only: a long run of figures costs
    // time in proportion to their number.
    if !dated {
        if let Some(month) = month_word(reach) {
            return Some(month.to_string());
        }
    }
    let (r, q) = dates.iter().min_by_key(|(r, _)| {
        if r.end <= figure.start {
            figure.start - r.end
        } else {
            r.start.saturating_sub(figure.end)
        }
    })?;
    // "compared with February last year": a month before the date (the
    // longest month name and a space back, on a character boundary).
    let mut from = r.start.saturating_sub(12);
    while !sentence.is_char_boundary(from) {
        from -= 1;
    }
    if let Some((_, w)) = subjects::words(&sentence[from..r.start]).last() {
        if MONTHS.iter().any(|m| w.eq_ignore_ascii_case(m)) {
            return Some(format!("{w} {}", &sentence[r.clone()]));
        }
    }
    let (low, high) = (q.interval.low_value()?, q.interval.high_value()?);
    (high - low < 0.9).then(|| sentence[r.clone()].to_string())
}

/// Phrases right after a figure that date it to the year before the one
/// the figure before it stated: "1.13 billion in 1986 and 369 mln the
/// previous year", "shrank 19 pct last year after contracting 8.1 pct the
/// year before".
const YEAR_BEFORE: &[&str] = &[
    "the previous year",
    "in the previous year",
    "in the preceding year",
    "in the prior year",
    "the year before",
    "a year earlier",
    "a year before",
    "the preceding year",
    "the prior year",
    "one year earlier",
];

/// Whether one of [`YEAR_BEFORE`] follows the figure, before the next
/// (`after`: the bytes from the figure's end to the next figure).
pub(super) fn year_before(sentence: &str, after: Range<usize>) -> Option<()> {
    let clause = first_clause(&sentence[after]);
    let rest = clause.trim_start();
    let opens = super::unit_words::opens_with_word;
    // Right after the figure, or after its noun ("a 3.4 pct increase a
    // year earlier").
    let skip_one = rest
        .split_once(char::is_whitespace)
        .map_or("", |(_, tail)| tail.trim_start());
    YEAR_BEFORE
        .iter()
        .any(|p| opens(rest, p) || opens(skip_one, p))
        .then_some(())
}

/// Whether the figure at `range` is the start of a move between two
/// figures with no date of its own: "a reduction in the deficit from 3.3
/// billion dlrs to 1.7 billion" in last year's figures, "rose to 1.7
/// billion last year from 3.3 billion". The date the sentence gives is the
/// end's; the start is the period before it. `prev` is the previous
/// figure that is no date, `next_start` where the next one starts, and
/// `dates` the sentence's time-context dates. Not when a date follows the
/// figure before the next ("from 78 million in 1990 to 82 million").
pub(super) fn undated_start(
    sentence: &str,
    prev: Option<&Range<usize>>,
    range: &Range<usize>,
    next_start: usize,
    dates: &[(Range<usize>, &Quantity)],
) -> bool {
    let is =
        |w: Option<(usize, &str)>, word: &str| w.is_some_and(|(_, w)| w.eq_ignore_ascii_case(word));
    if !is(subjects::last_word(&sentence[..range.start]), "from") {
        return false;
    }
    if dates
        .iter()
        .any(|(r, _)| r.start >= range.end && r.end <= next_start)
    {
        return false;
    }
    // "from X [unit words] to Y": a few words, the last "to".
    let after = &sentence[range.end..next_start];
    let from_to = next_start < sentence.len()
        && subjects::words(after).count() <= 3
        && is(subjects::words(after).last(), "to");
    // "to Y [unit words, its date] from X": "to" just before the previous
    // figure, and a few words between.
    let to_from = prev.is_some_and(|p| {
        is(subjects::last_word(&sentence[..p.start]), "to")
            && subjects::words(&sentence[p.end..range.start]).count() <= 5
            && !sentence[p.end..range.start].contains([',', ';'])
    });
    from_to || to_from
}

/// Month names ("may" is left out: it is far more often a modal verb).
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Whether a claim's period words name a month ("February", "February
/// last year", "august 1985"): for a number of people that is a moment
/// of its yearly series, not a part-year total.
pub fn names_a_month(period: &str) -> bool {
    subjects::words(period)
        .next()
        .is_some_and(|(_, w)| MONTHS.iter().any(|m| w.eq_ignore_ascii_case(m)))
}

/// Words for a quarter of a year, which date a sentence's figures as a
/// month does ("exports totalled 1.2 billion dlrs in the first quarter,
/// while imports were 1.4 billion dlrs").
const QUARTERS: &[&str] = &[
    "quarter",
    "first-quarter",
    "second-quarter",
    "third-quarter",
    "fourth-quarter",
];

/// The first month name of `sentence` (capitalised, as a name is) or
/// word for a quarter.
/// A bare "quarter" is a part of the year only after one of these ("in
/// the first quarter"; not "one quarter of the world's population").
const QUARTER_ORDINALS: &[&str] = &[
    "first", "second", "third", "fourth", "final", "last", "same",
];

fn month_word(sentence: &str) -> Option<&str> {
    static MONTH_WORDS: ShortWords = ShortWords::new(&[MONTHS, QUARTERS]);
    let mut before = "";
    for (_, w) in subjects::words(sentence) {
        let found = MONTH_WORDS.may_hold(w)
            && ((w.starts_with(|c: char| c.is_ascii_uppercase())
                && MONTHS.iter().any(|m| w.eq_ignore_ascii_case(m)))
                || (w.eq_ignore_ascii_case("quarter")
                    && QUARTER_ORDINALS
                        .iter()
                        .any(|o| before.eq_ignore_ascii_case(o)))
                || QUARTERS[1..].iter().any(|q| w.eq_ignore_ascii_case(q)));
        if found {
            return Some(w);
        }
        before = w;
    }
    None
}

/// The word that makes a figure a forecast, target, plan or assumption
/// (the lexicon's `[forecast]` words): in its clause before it, back to a
/// word that sets another figure against it ("the government forecast
/// growth of", "exports could reach"; not "a zero figure expected in 1987
/// compared to a 0.6 pct rise last year"), or among the few words after
/// it, up to a clause mark or a conjunction ("a five pct target", "2 pct
/// expected for 1987"; not "3 pct in 1986 and are expected to..."). A
/// word of the figure's own metric words, or a modal right before them,
/// does not count ("could expect to live 83.8 years").
pub(super) fn forecast_word(
    sentence: &str,
    before: Range<usize>,
    after: Range<usize>,
    trigger: Option<&str>,
    lexicon: &Lexicon,
) -> Option<String> {
    const TURNS: &[&str] = &[
        "compared",
        "against",
        "versus",
        "from",
        "after",
        "while",
        "whereas",
        "but",
        "than",
        "following",
        "and",
    ];
    let trigger: Vec<String> = trigger
        .map(|t| t.split(' ').map(str::to_lowercase).collect())
        .unwrap_or_default();
    const MODALS: &[&str] = &["could", "would", "should", "will", "may", "might"];
    let own = |words: &[String], k: usize| {
        !trigger.is_empty()
            && (trigger.contains(&words[k])
                || (MODALS.contains(&words[k].as_str())
                    && words.get(k + 1..k + 1 + trigger.len()) == Some(&trigger[..])))
    };
    let before: Vec<String> = subjects::words(last_clause(&sentence[before]))
        .map(|(_, w)| w.to_lowercase())
        .collect();
    for k in (0..before.len()).rev() {
        if TURNS.contains(&before[k].as_str()) {
            break;
        }
        if lexicon.is_forecast(&before[k]) && !own(&before, k) {
            return Some(before[k].clone());
        }
    }
    let rest = &sentence[after.start..];
    let after: Vec<String> = subjects::words(first_clause(&sentence[after]))
        .map(|(_, w)| w.to_lowercase())
        .take(4)
        .collect();
    (0..after.len())
        .take_while(|&k| !TURNS.contains(&after[k].as_str()))
        .find(|&k| lexicon.is_forecast(&after[k]) && !own(&after, k))
        .map(|k| after[k].clone())
        .or_else(|| according_to_forecast(rest, lexicon))
}

/// "..., according to most German forecasts": a source named anywhere
/// after the figure that is a forecast (within five words of "according
/// to") makes the sentence's figures forecasts.
fn according_to_forecast(rest: &str, lexicon: &Lexicon) -> Option<String> {
    let words = subjects::word_list(rest);
    let at = words.windows(2).position(|p| {
        p[0].1.eq_ignore_ascii_case("according") && p[1].1.eq_ignore_ascii_case("to")
    })?;
    words[at + 2..]
        .iter()
        .take(5)
        .map(|(_, w)| w.to_lowercase())
        .find(|w| lexicon.is_forecast(w))
}

/// Where the words from byte `from` of `sentence` reach a conjunction
/// that starts another statement ("and", "but", "while", "whereas"), or
/// the sentence's end.
fn up_to_conjunction(sentence: &str, from: usize) -> usize {
    subjects::words(&sentence[from..])
        .find(|(_, w)| {
            ["and", "but", "while", "whereas", "although"]
                .iter()
                .any(|c| w.eq_ignore_ascii_case(c))
        })
        .map_or(sentence.len(), |(at, _)| from + at)
}

/// A fiscal year written across two calendar years: "1986/87", "1986/7",
/// "86/87", "1985-86" (possessive or not).
fn split_year(word: &str) -> bool {
    let word = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("\u{2019}s"))
        .unwrap_or(word);
    let Some((a, b)) = word.split_once(['/', '-']) else {
        return false;
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|c| c.is_ascii_digit());
    if !digits(a) || !digits(b) || !matches!(a.len(), 2 | 4) || !matches!(b.len(), 1 | 2) {
        return false;
    }
    // The second year follows the first ("1986/87", "1986/7", "86/87"):
    // "10-11" may be, "10-15 pct" is not.
    let (first, second): (u32, u32) = (a.parse().unwrap_or(0), b.parse().unwrap_or(0));
    let modulus = 10u32.pow(b.len() as u32);
    (a.len() == 4 && (1900..2100).contains(&first) || a.len() == 2)
        && (first + 1) % modulus == second
}

#[cfg(test)]
mod split_year_tests {
    use super::split_year;

    #[test]
    fn split_years_are_consecutive_years() {
        for yes in [
            "1986/87",
            "1986/7",
            "86/87",
            "1985-86",
            "1999/00",
            "1986/87's",
        ] {
            assert!(split_year(yes), "{yes}");
        }
        for no in ["10-15", "5-6", "1986", "1986/88", "2/3", "24/7"] {
            assert!(!split_year(no), "{no}");
        }
    }
}
