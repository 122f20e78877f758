//! Which metric a figure counts, from the words around it: the clause
//! before and after it (the metric window), a series named earlier in the
//! sentence, the figure before it when only link words stand between, a
//! derived figure's own words, and a demonym's people.

use super::unit_words::UnitWords;
use super::*;

/// The metric of a derived claim: the one named around the figure, else
/// anywhere in the sentence ("India's population rose 1.2 percent"). A
/// comparison of "as many people as" and a share of a whole's people are
/// about population, which makes the weak word "people" strong there.
fn derived_metric(
    sentence: &normalize::Lowered,
    range: &Range<usize>,
    derivation: &Derivation,
    near: Option<MetricMention>,
    lexicon: &Lexicon,
) -> Option<MetricMention> {
    let len = sentence.text().len();
    // "a 0.6 pct rise in consumer prices": the words after the change noun.
    let after_noun = || {
        let rest = &sentence.text()[range.end..];
        let (at, word) = subjects::words(rest).next()?;
        let w = word.to_lowercase();
        let (rise, fall) = lexicon.change_nouns();
        let noun = rise.iter().chain(fall).any(|n| *n == w);
        let from = range.end + at + word.len();
        noun.then(|| find_metric(sentence, range.start..range.start, from..len, lexicon))
            .flatten()
    };
    let metric = near
        .filter(|m| m.strong)
        .or_else(|| find_metric(sentence, 0..range.start, range.end..len, lexicon))
        .or_else(after_noun)
        .or_else(|| further_back(sentence, 0..range.start, false, lexicon));
    // A share's whole is a population by construction; a comparison is
    // about people when its own words say so ("as many people as").
    let about_people = match derivation.form {
        crate::model::DerivedForm::Share { .. } => true,
        crate::model::DerivedForm::Ratio { .. } => {
            let people = subjects::words(&sentence.lower()[range.end..])
                .take(8)
                .any(|(_, w)| matches!(w, "people" | "inhabitants" | "population" | "residents"));
            people
        }
        crate::model::DerivedForm::Change { .. } | crate::model::DerivedForm::ChangeBy { .. } => {
            false
        }
    };
    match metric {
        Some(mut m) if m.name == "population" && about_people => {
            m.strong = true;
            Some(m)
        }
        None if about_people => Some(MetricMention {
            name: "population".into(),
            unit: Unit::People,
            trigger: "people".into(),
            strong: true,
            narrowed: None,
        }),
        other => other,
    }
}

/// "145 million Russians were counted": a people the reference data knows
/// (a demonym of a country) as the counted noun makes a population claim.
/// It is a strong one only where the sentence says the people live or were
/// counted ("lived", "were counted", "there were") and names no other place
/// ("2 million Turks live in Germany", "Americans who live abroad" are not
/// their country's population); otherwise ("500 Russians were arrested")
/// it is weak, and never contradicted.
fn demonym_population(
    sentence: &str,
    range: &Range<usize>,
    known: &[Range<usize>],
) -> Option<MetricMention> {
    let after = &sentence[range.end..];
    let (at, word) = subjects::words(after).next()?;
    let gap = &after[..at];
    let plural_name = word.len() >= 4
        && word.ends_with('s')
        && word.chars().next().is_some_and(char::is_uppercase)
        && gap.chars().all(char::is_whitespace);
    // The sentence's known names (found once per text) say whether the
    // word is a people the reference data knows.
    let word_at = range.end + at..range.end + at + word.len();
    if !plural_name || !known.contains(&word_at) {
        return None;
    }
    let clause = first_clause(&after[at + word.len()..]).to_lowercase();
    let lives = subjects::words(&clause).take(4).any(|(_, w)| {
        matches!(
            w,
            "live"
                | "lived"
                | "lives"
                | "living"
                | "counted"
                | "numbered"
                | "inhabit"
                | "inhabited"
        )
    });
    let before = last_clause(&sentence[..range.start]).to_lowercase();
    let before = before.trim_end();
    let there_were = ["there were", "there are", "there was", "there is"]
        .iter()
        .any(|p| {
            before.ends_with(p)
                || before
                    .rsplit_once(' ')
                    .is_some_and(|(b, _)| b.trim_end().ends_with(p))
        });
    let rest = &after[at + word.len()..];
    let elsewhere = known.iter().any(|r| r.start >= word_at.end)
        || subjects::words(&rest.to_lowercase()).any(|(_, w)| {
            matches!(
                w,
                "abroad" | "overseas" | "outside" | "foreign" | "emigrated"
            )
        });
    Some(MetricMention {
        name: "population".into(),
        unit: Unit::People,
        trigger: word.to_string(),
        strong: (lives || there_were) && !elsewhere,
        narrowed: None,
    })
}

/// Whether a figure with no metric words in its clause may take the series
/// named further back in its sentence: a percent or an amount of money
/// (a bare count is too often of something else).
fn fits_further_back(q: &Quantity) -> bool {
    matches!(q.unit, Unit::Percent | Unit::Currency(_))
}

/// Whether a figure in `a` may be a level of a metric in `b`: both percent,
/// or both money.
fn same_dimension(a: &Unit, b: &Unit) -> bool {
    matches!(
        (a, b),
        (Unit::Percent, Unit::Percent) | (Unit::Currency(_), Unit::Currency(_))
    )
}

/// The series a sentence names before a figure when the figure's own
/// clause names none (`level`: for a figure that is no change): the
/// nearest strong trigger in the bytes `range` of the sentence (across
/// clause marks and other figures, not across a quotation mark or a
/// semicolon), when no
/// other trigger, weak or strong, and none of the lexicon's stop words
/// ("rate", "yield", "sales") stands between it and the figure.
fn further_back(
    sentence: &normalize::Lowered,
    range: Range<usize>,
    level: bool,
    lexicon: &Lexicon,
) -> Option<MetricMention> {
    // Not across a quotation or a semicolon.
    let start = range.start + after_last_break(&sentence.text()[range.clone()]);
    let text = &sentence.text()[start..range.end];
    // The ASCII-lowered copy is the lowercase of an ASCII text.
    let lower = match text.is_ascii() {
        true => std::borrow::Cow::Borrowed(&sentence.lower()[start..range.end]),
        false => std::borrow::Cow::Owned(text.to_lowercase()),
    };
    let words = subjects::word_strs(&lower);
    let m = lexicon.find(&words, &[]).filter(|m| m.strong)?;
    let t: Vec<&str> = m.trigger.split(' ').collect();
    let at = (0..=words.len().checked_sub(t.len())?)
        .rev()
        .find(|&k| words[k..k + t.len()] == t[..])?;
    // "cut to 2.2 pct of GDP ... from 2.6 pct": GDP there is the whole of
    // a share, not a series the later figures state.
    // Back over "the" and the trigger's longer spelling before it ("2.87
    // pct of the gross domestic product (GDP)").
    let mut k = at;
    while k > 0 && (words[k - 1] == "the" || lexicon.names_metric(&words, k - 1, 1)) {
        k -= 1;
    }
    let whole_of_share =
        k >= 2 && words[k - 1] == "of" && matches!(words[k - 2], "pct" | "percent" | "cent" | "%");
    if whole_of_share {
        return None;
    }
    let between = &words[at + t.len()..];
    // "Total exports were 2.18 billion dlrs, of which 979 mln dlrs were
    // crude": a part of the series, not a level of it.
    let of_which = between.windows(2).any(|p| p == ["of", "which"]);
    // "the agriculture sector will grow by 1.0 pct, against 2.4 pct": a
    // figure after a verb of change of a series with no yearly rate (a
    // share) is a change, not a level of it.
    let changed = level
        && !lexicon.has_yearly_rate(&m.name)
        && between.iter().any(|w| lexicon.is_change_verb(w));
    let clear = lexicon.find(between, &[]).is_none()
        && !between.iter().any(|w| lexicon.is_stop(w))
        && !of_which
        && !changed;
    clear.then_some(m)
}

/// Where the text after the last semicolon or quotation mark (straight or
/// curly) of `text` starts: the whole text when it has none.
fn after_last_break(text: &str) -> usize {
    let bytes = text.as_bytes();
    for i in (0..bytes.len()).rev() {
        match bytes[i] {
            b';' | b'"' => return i + 1,
            // U+201C and U+201D: E2 80 9C and E2 80 9D.
            0x9C | 0x9D if i >= 2 && bytes[i - 2] == 0xE2 && bytes[i - 1] == 0x80 => {
                return i + 1;
            }
            _ => {}
        }
    }
    0
}

/// Whether the words from byte `end` (the end of a figure) to `start` (the
/// next figure), dates aside, are only the lexicon's links between two
/// figures of one series, or its verbs of change: "to" ("from X in 1990 to
/// Y"), "from" ("fell to X from Y"), "compared with", "after a", "after
/// contracting"... At most eight of them.
pub(super) fn linked(
    sentence: &str,
    end: usize,
    start: usize,
    dates: &[(Range<usize>, &Quantity)],
    lexicon: &Lexicon,
) -> bool {
    if end > start {
        return false;
    }
    let mut between = String::with_capacity(start - end);
    let mut at = end;
    for (r, _) in dates
        .iter()
        .filter(|(r, _)| r.start >= end && r.end <= start)
    {
        between.push_str(&sentence[at..r.start]);
        at = r.end;
    }
    between.push_str(&sentence[at..start]);
    if between.contains(['.', ';', ':', '(', ')']) {
        return false;
    }
    // Lowered in place when ASCII (no second copy).
    let lower = match between.is_ascii() {
        true => {
            between.make_ascii_lowercase();
            between
        }
        false => between.to_lowercase(),
    };
    let mut n = 0;
    for (_, w) in subjects::words(&lower) {
        n += 1;
        if n > 8 || !(lexicon.is_link(w) || lexicon.is_change_verb(w) || is_year_word(w)) {
            return false;
        }
    }
    n > 0
}

/// A number that the normalizer read as no figure between two figures (a
/// base year: "at fixed 1968 prices"), or the end or middle of a year
/// ("at end-1986"): words that say how or when, like the links.
fn is_year_word(w: &str) -> bool {
    let digits = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
    digits(w)
        || w.strip_prefix("end-")
            .or_else(|| w.strip_prefix("mid-"))
            .is_some_and(digits)
}

/// For a share of a people ("5.4% of Indonesians"), the metric the words
/// after the people name when it is a percent of the population ("lived
/// on less than $3 a day": the poverty rate): the figure is then a level
/// of it. Takes the sentence, the derivation and the bytes after the
/// figure (its clause is read, across the figures in it: "less than $3");
/// `None` for any other derivation.
pub(super) fn population_share_level(
    sentence: &normalize::Lowered,
    derivation: &Derivation,
    after: Range<usize>,
    lexicon: &Lexicon,
) -> Option<MetricMention> {
    let crate::model::DerivedForm::Share { whole } = &derivation.form else {
        return None;
    };
    let lower = first_clause(&sentence.text()[after]).to_lowercase();
    let clause = lower.as_str();
    let words = subjects::word_strs(clause);
    // The words after the whole's last word ("of Indonesians | lived on").
    let last_of_whole = |name: &String| {
        let name = name.to_lowercase();
        subjects::words(&name).last().map(|(_, w)| w.to_string())
    };
    let ends: Vec<String> = whole.iter().filter_map(last_of_whole).collect();
    let at = words.iter().position(|w| ends.iter().any(|e| e == w))?;
    let rest = &words[at + 1..words.len().min(at + 1 + METRIC_WINDOW)];
    let m = lexicon.find(&[], rest).filter(|m| m.strong)?;
    // The metric itself ("poverty"), or the share metric of the part it
    // counts ("live in cities": the urban share of the population).
    let share = lexicon.share_metric(&m.name, "population")?;
    Some(MetricMention {
        name: share.name.clone(),
        unit: share.unit.clone(),
        ..m
    })
}

/// The metric named by the words of the clause around a quantity: takes
/// the sentence, the bytes before the figure (back to the one before it)
/// and after it (up to the next), and gives what [`Lexicon::find`] gives
/// for the last [`METRIC_WINDOW`] words of the clause before and the first
/// of the clause after, lowercased.
pub(super) fn find_metric(
    sentence: &normalize::Lowered,
    before: Range<usize>,
    after: Range<usize>,
    lexicon: &Lexicon,
) -> Option<MetricMention> {
    let text = sentence.text();
    let lower = sentence.lower();
    // "down to five pct of GNP in 1987 from 5.6 pct": the words right after
    // the figure before, "of" and a series, are that figure's whole.
    let before = past_share_whole(text, before, lexicon);
    // The clause after is a prefix of `after`: where it ends in the sentence.
    let after_to = after.start + first_clause(&text[after.clone()]).len();
    let clause_after = &text[after.start..after_to];
    let mut a = [""; METRIC_WINDOW];
    let mut na = 0;
    let lower_after: String;
    if clause_after.is_ascii() {
        // There lowercasing is the sentence's ASCII lowercasing, which moves
        // no word bound: the window's words are found in the text and read
        // from the sentence's lowercase copy.
        for (at, w) in subjects::words(clause_after).take(METRIC_WINDOW) {
            a[na] = &lower[after.start + at..after.start + at + w.len()];
            na += 1;
        }
    } else {
        lower_after = clause_after.to_lowercase();
        for (_, w) in subjects::words(&lower_after).take(METRIC_WINDOW) {
            a[na] = w;
            na += 1;
        }
    }
    let a = &a[..na];
    // "13 districts": then no word before the figure can name its metric,
    // and the clause before (often most of the sentence) is not read.
    if !lexicon.reads_before(a) {
        return lexicon.find(&[], a);
    }
    // The clause before is a suffix of `before`.
    let before_from = before.end - last_clause_over_aside(&text[before.clone()]).len();
    let clause_before = &text[before_from..before.end];
    // Only the last words of the clause count; a few more before them
    // may complete a trigger that ends among them.
    const KEPT: usize = METRIC_WINDOW + TRIGGER_REACH;
    if clause_before.is_ascii() {
        let mut b = [""; KEPT];
        let mut nb = 0;
        for (at, w) in subjects::words(clause_before) {
            if nb == KEPT {
                b.rotate_left(1);
                nb -= 1;
            }
            b[nb] = &lower[before_from + at..before_from + at + w.len()];
            nb += 1;
        }
        return lexicon.find_reaching(&b[..nb], a, METRIC_WINDOW);
    }
    let lower_before = clause_before.to_lowercase();
    let b = subjects::word_strs(&lower_before);
    lexicon.find_reaching(&b[b.len().saturating_sub(KEPT)..], a, METRIC_WINDOW)
}

/// `before` (the bytes of `text` from the figure before to this one)
/// without its opening "of", "the" and the series words that follow them:
/// the whole the figure before is a share of ("five pct of GNP in 1987
/// from").
pub(super) fn past_share_whole(
    text: &str,
    before: Range<usize>,
    lexicon: &Lexicon,
) -> Range<usize> {
    let mut words = subjects::words(&text[before.clone()]);
    if words
        .next()
        .is_none_or(|(_, w)| !w.eq_ignore_ascii_case("of"))
    {
        return before;
    }
    let rest: Vec<(usize, &str)> = words.take(8).collect();
    let names: Vec<String> = rest.iter().map(|(_, w)| w.to_lowercase()).collect();
    let mut j = usize::from(names.first().is_some_and(|w| w == "the"));
    let first = j;
    while j < names.len() && lexicon.names_metric(&names, j, 1) {
        j += 1;
    }
    if j == first {
        return before;
    }
    let (at, w) = rest[j - 1];
    before.start + at + w.len()..before.end
}

pub(super) const CLAUSE_MARKS: &[char] = &[
    ',', ';', ':', '(', ')', '"', '\u{201c}', '\u{201d}', '\u{2014}',
];

/// The bytes some clause mark starts with (`last` false) or ends with
/// (`last` true): a clause scan decodes a character only at such a byte,
/// not at every one.
const fn mark_bytes(last: bool) -> [bool; 256] {
    let mut table = [false; 256];
    let mut k = 0;
    while k < CLAUSE_MARKS.len() {
        let mut buf = [0u8; 4];
        let n = CLAUSE_MARKS[k].encode_utf8(&mut buf).len();
        table[buf[if last { n - 1 } else { 0 }] as usize] = true;
        k += 1;
    }
    table
}

const MARK_FIRST_BYTES: [bool; 256] = mark_bytes(false);

const MARK_LAST_BYTES: [bool; 256] = mark_bytes(true);

/// The text after the last clause mark of `s` (all of it when there is none).
pub(super) fn last_clause(s: &str) -> &str {
    let bytes = s.as_bytes();
    for i in (0..bytes.len()).rev() {
        if !MARK_LAST_BYTES[usize::from(bytes[i])] {
            continue;
        }
        // The character this byte ends, if it ends one.
        let mut start = i;
        while !s.is_char_boundary(start) {
            start -= 1;
        }
        let c = s[start..].chars().next();
        if c.is_some_and(|c| start + c.len_utf8() == i + 1 && CLAUSE_MARKS.contains(&c)) {
            return &s[i + 1..];
        }
    }
    s
}

/// [`last_clause`], read on over a short aside of letters that names
/// what comes before it: "gross domestic product (GDP) was 2.7 pct" reads
/// "gross domestic product GDP was". An aside of more than three words, or
/// with a digit or a clause mark in it, ends the clause as any mark does.
pub(super) fn last_clause_over_aside(s: &str) -> &str {
    let clause = last_clause(s);
    let at = s.len() - clause.len();
    let Some(inside) = s[..at].strip_suffix(')') else {
        return clause;
    };
    let Some(open) = inside.rfind('(') else {
        return clause;
    };
    let aside = &inside[open + 1..];
    let plain = !aside.is_empty()
        && aside.len() <= 40
        && aside
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '.' || c == '-' || c == '&')
        && subjects::words(aside).count() <= 3;
    if !plain {
        return clause;
    }
    let outer = last_clause(&s[..open]);
    &s[open - outer.len()..]
}

/// The text before the first clause mark of `s` (all of it when there is none).
pub(super) fn first_clause(s: &str) -> &str {
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if MARK_FIRST_BYTES[usize::from(b)]
            && s.is_char_boundary(i)
            && s[i..]
                .chars()
                .next()
                .is_some_and(|c| CLAUSE_MARKS.contains(&c))
        {
            return &s[..i];
        }
    }
    s
}

/// A figure of a sentence, with what its metric is read from when the
/// words around it name none.
pub(super) struct Figure<'a> {
    pub(super) sentence: &'a str,
    pub(super) lowered: &'a normalize::Lowered<'a>,
    pub(super) range: Range<usize>,
    /// Where the next figure of the sentence starts.
    pub(super) next_start: usize,
    /// The sentence's dates that only say when.
    pub(super) dates: &'a [(Range<usize>, &'a Quantity)],
    /// The known names of the sentence.
    pub(super) known: &'a [Range<usize>],
    pub(super) lexicon: &'a Lexicon,
}

impl Figure<'_> {
    /// The metric the words around the figure name: back to `prev_end`
    /// (the figure before it), and after it up to the next figure, read
    /// past its unit words. "7.8 hospital beds per 1,000 people": the words
    /// between the figure and "per" name a metric that is a rate per some
    /// base; else ("56 deaths per 1,000 live births") the words around the
    /// rate name it.
    pub(super) fn words_metric(
        &self,
        prev_end: usize,
        unit_words: &UnitWords,
    ) -> Option<MetricMention> {
        let range = &self.range;
        unit_words
            .rate_words_to
            .and_then(|to| {
                find_metric(
                    self.lowered,
                    prev_end..range.start,
                    range.end..to,
                    self.lexicon,
                )
            })
            .filter(|m| matches!(m.unit, Unit::Per(_)))
            .or_else(|| {
                find_metric(
                    self.lowered,
                    prev_end..range.start,
                    unit_words.metric_words_from.unwrap_or(range.end)
                        ..unit_words.metric_words_to.unwrap_or(self.next_start),
                    self.lexicon,
                )
            })
    }

    /// The figure's metric, given `near` (what the words around it name):
    /// for a derived figure, its own words ([`derived_metric`]); else
    /// `near`, or the series named earlier in the sentence, or a demonym's
    /// people, or the metric of the figure before it (`last`: where it
    /// ended, its metric and unit) when only link words stand between. The
    /// second value is the unit a bare count takes with that last metric.
    pub(super) fn fall_back_metric(
        &self,
        near: Option<MetricMention>,
        quantity: &Result<Quantity, NormalizeError>,
        derivation: Option<&Derivation>,
        last: Option<&(usize, MetricMention, Unit, bool)>,
    ) -> (Option<MetricMention>, Option<Unit>) {
        let (s, range) = (self.sentence, &self.range);
        let metric = match (&near, quantity) {
            // "gross domestic product, in 1981 prices, was 3.1 pct": the
            // series named earlier in the sentence, when the figure is in
            // its unit and no other series word comes between.
            (None, Ok(q)) if derivation.is_none() && fits_further_back(q) => {
                further_back(self.lowered, 0..range.start, true, self.lexicon)
                    .filter(|m| {
                        // A percent of a series with a yearly rate ("GDP
                        // ... but down from 1985's four pct") is that rate.
                        same_dimension(&q.unit, &m.unit)
                            || (q.unit == Unit::Percent
                                && self.lexicon.rate_metric(&m.name).is_some())
                    })
                    .filter(|_| {
                        // The first word after the figure, unless a full
                        // stop ends it first ("20.9 pct.\n Reuter").
                        let rest = &s[range.end..self.next_start];
                        let next = subjects::words(rest)
                            .next()
                            .filter(|(at, _)| !rest[..*at].contains('.'));
                        next.is_none_or(|(_, w)| {
                            self.lexicon.reads_before(&[w.to_lowercase().as_str()])
                        }) && !next.is_some_and(|(_, w)| w.eq_ignore_ascii_case("of"))
                    })
            }
            (None, Ok(q)) if q.unit == Unit::Count && derivation.is_none() => {
                demonym_population(s, range, self.known)
            }
            _ => near,
        };
        let metric = match derivation {
            Some(d) => derived_metric(self.lowered, range, d, metric, self.lexicon),
            None => metric,
        };
        // "GDP registered nil growth last year after 1.9 pct growth in
        // 1985": a weak word of a rate is strong where the sentence named
        // the rate's base before the figure.
        let metric = metric.map(|mut m| {
            if !m.strong && m.narrowed.is_none() {
                let lower = &self.lowered.lower()[..range.start];
                m.strong = self
                    .lexicon
                    .names_a_base_of(&m.name, || subjects::words(lower).map(|(_, w)| w).collect());
            }
            m
        });
        if metric.is_some() {
            return (metric, None);
        }
        // "rose from 78 million in 1990 to 82 million in 2016", "fell to
        // 2.1 pct from 4.7 pct", "3.4 pct in 1986, compared with 5.9 pct in
        // 1985", "will increase by 1.5 pct, after its 0.7 pct rise": the
        // second figure, in the first one's unit, counts what the first
        // does.
        let carried = || {
            let (end, m, unit, change_only) = last?;
            let q = quantity.as_ref().ok()?;
            if *change_only && q.unit == Unit::Percent {
                return None;
            }
            // "to reach its goal of 25 pct in one move": a figure that
            // counts the noun after it counts nothing of the one before.
            let next = subjects::words(&s[range.end..self.next_start])
                .next()
                .filter(|(at, _)| s[range.end..range.end + at].trim().is_empty());
            let counts_next = next.is_some_and(|(_, w)| {
                let w = w.to_lowercase();
                let (rise, fall) = self.lexicon.change_nouns();
                // Not a change ("its 0.7 pct rise") nor a balance's side
                // ("an 890 mln dlr deficit").
                let said_of_series = self.lexicon.is_change_verb(&w)
                    || rise.iter().chain(fall).any(|n| *n == w)
                    || ["deficit", "deficits", "surplus", "surpluses"].contains(&w.as_str());
                !said_of_series && !self.lexicon.reads_before(&[w.as_str()])
            });
            if counts_next {
                return None;
            }
            // A bare count after a figure in money, or in the metric's own
            // unit ("from 78 million ... to 82 million").
            // Or in the metric's own unit after a change of it ("increased
            // 4.2 pct to 25.4 mln").
            let same_unit = q.unit == *unit
                || q.unit == m.unit
                || (q.unit == Unit::Count && m.unit == Unit::People)
                || (q.unit == Unit::Count
                    && (matches!(unit, Unit::Currency(_)) || *unit == m.unit));
            (same_unit && linked(s, *end, range.start, self.dates, self.lexicon))
                .then(|| (m.clone(), unit.clone()))
        };
        match carried() {
            Some((m, unit)) => (Some(m), Some(unit)),
            None => (None, None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the text after the last break was: the last part of a split
    /// on the same marks.
    #[test]
    fn the_text_after_the_last_break_is_the_last_part_of_a_split() {
        for text in [
            "exports rose 5 pct",
            "he said; exports rose",
            "\"we grew\" exports",
            "a \u{201c}quoted\u{201d} gain",
            "\u{201c}only an opening quote",
            "ends with a break;",
            "",
            "caf\u{e9}; \u{2019}s",
            "\u{201e} not a break",
        ] {
            let last = text
                .rsplit([';', '"', '\u{201c}', '\u{201d}'])
                .next()
                .unwrap_or(text);
            assert_eq!(&text[after_last_break(text)..], last, "{text:?}");
        }
    }
}
