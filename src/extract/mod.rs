//! extract: a [`Source`] text in, its quantity [`Claim`]s out.
//!
//! Splits the text into sentences, finds every quantity phrase in each
//! (`quantities`, which reads them with the normalizer), and for each phrase
//! the words that say what is counted (the metric, from the trigger-word
//! [`Lexicon`]) and of what (subject candidates: names the reference data
//! knows, other names, and generic nouns like "the conflict" that stand for
//! the article's main subject). Dates in a sentence set the as-of date of its
//! claims. Pure: no I/O.

pub mod derived;
pub mod lexicon;
pub mod quantities;
pub mod subjects;

use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;
use std::sync::Arc;

use crate::ingest::{Source, SourceKind};
use crate::model::{calendar, AsOfSource, Date, Derivation, Quantity, QuantityKind, Span, Unit};
use crate::normalize::{self, NormalizeError};
use crate::util::short_words::ShortWords;
use crate::util::FxMap;

pub use lexicon::{Lexicon, MetricMention};
pub use subjects::{Gazetteer, SubjectRef};

/// The metric of claims about elapsed time since an event began.
pub const METRIC_DURATION: &str = "duration";
/// The metric of claims about when an event took place.
pub const METRIC_DATE: &str = "date";
/// The metric of claims about when an event ended ("ended in 1995").
pub const METRIC_END: &str = "end";

/// One quantity claim, located, read and described, ready to resolve.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    pub id: String,
    /// The source's name, shared by its claims.
    pub document: Arc<str>,
    pub span: Span,
    pub text: String,
    /// The claim's sentence, shared by every claim in it.
    pub sentence: Arc<str>,
    /// Byte offset of `sentence` in the same coordinates as `span`.
    pub sentence_start: usize,
    pub quantity: Result<Quantity, NormalizeError>,
    /// Set when the figure relates two reference values (a change, a
    /// ratio, a share) instead of stating one.
    pub derivation: Option<Derivation>,
    pub metric: Option<MetricMention>,
    /// Subject candidates, best first.
    pub subjects: Vec<SubjectRef>,
    /// Known names in the whole document, most mentioned first: what generic
    /// nouns ("the conflict") may stand for.
    pub document_subjects: Arc<Vec<String>>,
    pub as_of: Date,
    pub as_of_source: AsOfSource,
    /// A reason to leave this claim out of the fail policy (an ignore marker).
    pub ignore: Option<String>,
    /// Set when the figure is for a period other than a calendar year ("in
    /// the fourth quarter", "in February", "fiscal 1986/87"): the words
    /// that say so. A yearly series does not check it.
    pub period: Option<String>,
    /// Set when the figure is a forecast, target, plan or assumption
    /// ("forecast", "expected", "target", "would" in its clause): the word
    /// that says so. A reference row of an outturn does not check it.
    pub forecast: Option<String>,
}

/// What extraction needs besides the text.
#[derive(Clone, Copy, Debug)]
pub struct Extractor<'a> {
    pub gazetteer: &'a Gazetteer,
    pub lexicon: &'a Lexicon,
    pub normalize: &'a normalize::Config,
    /// The as-of date for texts with no date of their own, and where it came from.
    pub default_as_of: Date,
    pub default_as_of_source: AsOfSource,
}

/// Words before/after a quantity that are looked at for its metric.
const METRIC_WINDOW: usize = 6;

/// Extract every claim from one source, in text order.
pub fn extract(source: &Source, x: &Extractor) -> Vec<Claim> {
    let text = source.text.as_str();
    let (doc_as_of, doc_as_of_source) = match (source.date, &source.kind) {
        (Some(d), SourceKind::ClaimRow { .. }) => (d, AsOfSource::Claim),
        (Some(d), SourceKind::Article) => (d, AsOfSource::Document),
        (None, _) => (x.default_as_of, x.default_as_of_source),
    };
    let ctx = normalize::Context {
        as_of: doc_as_of,
        config: x.normalize,
    };
    // Known names found once in the whole text: they rank the document's
    // subjects, and each sentence takes its share.
    let known = x.gazetteer.find(text);
    let document_subjects = Arc::new(rank_names(text, &known));
    let mut claims = Vec::new();
    let mut locator = Locator::new(source);
    let document: Arc<str> = Arc::from(source.document.as_str());
    // The known names of the current sentence, in its coordinates: one
    // buffer for all the text's sentences.
    let mut sentence_known: Vec<Range<usize>> = Vec::new();
    for sentence in crate::ingest::sentences::split(text) {
        let s = &text[sentence.clone()];
        sentence_known.clear();
        let first = known.partition_point(|r| r.start < sentence.start);
        sentence_known.extend(
            known[first..]
                .iter()
                .take_while(|r| r.end <= sentence.end)
                .map(|r| r.start - sentence.start..r.end - sentence.start),
        );
        let lowered = normalize::Lowered::new(s);
        let mut found = quantities::find_lowered(&lowered, &ctx);
        let multiples = derived::multipliers(&lowered, &ctx);
        if !multiples.is_empty() {
            found.extend(multiples);
            found.sort_by_key(|f| f.range.start);
        }
        if found.is_empty() {
            continue;
        }
        // Made at the sentence's first claim: many sentences hold only
        // dates, which are no claims.
        let sentence_subjects = OnceCell::new();
        let shared_sentence: OnceCell<Arc<str>> = OnceCell::new();
        // Whether each relative date states when an event took place, by
        // its index in `found`: asked for its time context and its metric.
        // Most sentences have none, and then nothing is allocated.
        let relative_events: Vec<(usize, bool)> = found
            .iter()
            .enumerate()
            .filter(|(_, f)| matches!(&f.quantity, Ok(q) if q.kind == QuantityKind::RelativeDate))
            .map(|(k, f)| (k, dates_an_event(&lowered, &f.range, x.lexicon)))
            .collect();
        let dates_event = |k: usize| relative_events.iter().any(|&(r, e)| r == k && e);
        let dates: Vec<(Range<usize>, &Quantity)> = found
            .iter()
            .enumerate()
            .filter_map(|(k, f)| match &f.quantity {
                Ok(q) if is_time_context(q, dates_event(k), &lowered, &f.range) => {
                    Some((f.range.clone(), q))
                }
                _ => None,
            })
            .collect();
        // The metric of the sentence's last figure, where it ended and the
        // figure's unit.
        let mut last_metric: Option<(usize, MetricMention, Unit)> = None;
        // A figure that is the base of the rate before it ("per 1,000"):
        // its index, not a claim of its own.
        let mut skip_next: Option<usize> = None;
        for (i, f) in found.iter().enumerate() {
            if skip_next == Some(i) {
                continue;
            }
            // Which event date a calendar phrase states, if it is a claim.
            let event_metric = match &f.quantity {
                Ok(q) if q.kind == QuantityKind::Date => {
                    x.lexicon.event_date_metric(&lowered, &f.range)
                }
                Ok(q) if q.kind == QuantityKind::RelativeDate => {
                    dates_event(i).then_some(METRIC_DATE)
                }
                _ => None,
            };
            if let Ok(q) = &f.quantity {
                if q.kind.is_calendar() && event_metric.is_none() {
                    continue;
                }
            }
            // The words before the figure reach back to the previous
            // figure, over the dates that only say when ("Price inflation
            // last year fell to 2.1 pct").
            let prev_end = found[..i]
                .iter()
                .rev()
                .find(|g| !dates.iter().any(|(r, _)| *r == g.range))
                .map_or(0, |g| g.range.end);
            let next_start = found.get(i + 1).map_or(s.len(), |n| n.range.start);
            // Where the next figure that is not a date starts.
            let next_figure = found[i + 1..]
                .iter()
                .find(|g| !dates.iter().any(|(r, _)| *r == g.range))
                .map_or(s.len(), |g| g.range.start);
            let mut quantity = f.quantity.clone();
            let derivation = derived::detect(&lowered, &found, i, &ctx, x.lexicon);
            // "a life expectancy of 84 years": a metric measured in years
            // names the figure, which is a level, not elapsed time.
            let years_level = match &quantity {
                Ok(q) if q.kind.is_elapsed() => find_metric(
                    &lowered,
                    prev_end..f.range.start,
                    f.range.end..next_start,
                    x.lexicon,
                )
                .filter(|m| m.unit == Unit::Years),
                _ => None,
            };
            if years_level.is_some() {
                if let Some(level) = years_as_level(&s[f.range.clone()], &ctx) {
                    quantity = Ok(level);
                }
            }
            // "56 deaths per 1,000 live births", "1.8 births per woman",
            // "$1,200 per capita", "10 billion tonnes": the words after a
            // figure that are its unit.
            let unit_words = units_after(s, &f.range, found.get(i + 1));
            if unit_words.next_is_base {
                skip_next = Some(i + 1);
            }
            let metric = match &quantity {
                _ if years_level.is_some() => years_level,
                Ok(q) if q.kind.is_elapsed() => Some(MetricMention {
                    name: METRIC_DURATION.into(),
                    unit: Unit::Years,
                    trigger: s[f.range.clone()].to_string(),
                    strong: true,
                    narrowed: None,
                }),
                Ok(q) if q.kind.is_calendar() => Some(MetricMention {
                    name: event_metric.unwrap_or(METRIC_DATE).into(),
                    unit: Unit::Year,
                    trigger: s[f.range.clone()].to_string(),
                    strong: true,
                    narrowed: None,
                }),
                // "7.8 hospital beds per 1,000 people": the words between
                // the figure and "per" name a metric that is a rate per
                // some base; else ("56 deaths per 1,000 live births") the
                // words around the rate name it.
                _ => unit_words
                    .rate_words_to
                    .and_then(|to| {
                        find_metric(
                            &lowered,
                            prev_end..f.range.start,
                            f.range.end..to,
                            x.lexicon,
                        )
                    })
                    .filter(|m| matches!(m.unit, Unit::Per(_)))
                    .or_else(|| {
                        find_metric(
                            &lowered,
                            prev_end..f.range.start,
                            unit_words.metric_words_from.unwrap_or(f.range.end)
                                ..unit_words.metric_words_to.unwrap_or(next_start),
                            x.lexicon,
                        )
                    }),
            };
            let metric = match (&metric, &quantity) {
                // "gross domestic product, in 1981 prices, was 3.1 pct":
                // the series named earlier in the sentence, when the figure
                // is in its unit and no other series word comes between.
                (None, Ok(q)) if derivation.is_none() && fits_further_back(q) => {
                    further_back(&lowered, 0..f.range.start, x.lexicon)
                        .filter(|m| same_dimension(&q.unit, &m.unit))
                        .filter(|_| {
                            // The first word after the figure, unless a
                            // full stop ends it first ("20.9 pct.\n Reuter").
                            let rest = &s[f.range.end..next_start];
                            let next = subjects::words(rest)
                                .next()
                                .filter(|(at, _)| !rest[..*at].contains('.'));
                            next.is_none_or(|(_, w)| {
                                x.lexicon.reads_before(&[w.to_lowercase().as_str()])
                            }) && !next.is_some_and(|(_, w)| w.eq_ignore_ascii_case("of"))
                        })
                }
                (None, Ok(q)) if q.unit == Unit::Count && derivation.is_none() => {
                    demonym_population(s, &f.range, &sentence_known)
                }
                _ => metric,
            };
            // The unit of the earlier figure a bare count takes its metric
            // from ("from 5.1 billion dlrs to 4.2 billion": dollars too).
            let mut carried_unit: Option<Unit> = None;
            let metric = match &derivation {
                Some(d) => derived_metric(&lowered, &f.range, d, metric, x.lexicon),
                None => metric.or_else(|| {
                    // "rose from 78 million in 1990 to 82 million in 2016",
                    // "fell to 2.1 pct from 4.7 pct", "3.4 pct in 1986,
                    // compared with 5.9 pct in 1985": the second figure, in
                    // the first one's unit, counts what the first does.
                    let (end, m, unit) = last_metric.as_ref()?;
                    let q = quantity.as_ref().ok()?;
                    // A bare count after a figure in money, or in the
                    // metric's own unit ("from 78 million ... to 82 million").
                    let same_unit = q.unit == *unit
                        || (q.unit == Unit::Count
                            && (matches!(unit, Unit::Currency(_)) || *unit == m.unit));
                    let carried = same_unit && linked(s, *end, f.range.start, &dates, x.lexicon);
                    if carried {
                        carried_unit = Some(unit.clone());
                    }
                    carried.then(|| m.clone())
                }),
            };
            let mut subjects = sentence_subjects
                .get_or_init(|| subjects::SentenceSubjects::new(s, &sentence_known))
                .near(f.range.clone());
            if let Some(d) = &derivation {
                // The other side of a comparison, or the whole of a share,
                // is not the claim's own subject.
                let others = d.form.other_names();
                subjects.retain(|c| !others.iter().any(|o| o == c.mention()));
            }
            if let (Ok(q), Some(unit)) = (&mut quantity, &unit_words.unit) {
                if matches!(q.unit, Unit::Count | Unit::Currency(_)) && derivation.is_none() {
                    q.unit = match (unit, &q.unit) {
                        (Unit::PerCapita(_), Unit::Currency(_)) => {
                            Unit::PerCapita(Box::new(q.unit.clone()))
                        }
                        (Unit::PerCapita(_), _) => match &metric {
                            Some(m) => Unit::PerCapita(Box::new(m.unit.clone())),
                            None => unit.clone(),
                        },
                        _ if q.unit == Unit::Count => unit.clone(),
                        _ => q.unit.clone(),
                    };
                }
            }
            if let (Ok(q), Some(m)) = (&mut quantity, &metric) {
                if q.unit == Unit::Count && derivation.is_none() {
                    q.unit = match (&m.unit, carried_unit.take()) {
                        // A bare figure is money only when a currency is
                        // said: its own, or the earlier figure's it is
                        // linked to ("from 5.1 billion dlrs to 4.2
                        // billion"). "Exports 13.70" in a table of tonnes,
                        // "exports of 14,005" (forklifts) stay counts, and
                        // a count is never compared with a money series.
                        (Unit::Currency(_), Some(c @ Unit::Currency(_))) => c,
                        (Unit::Currency(_), _) => Unit::Count,
                        (unit, _) => unit.clone(),
                    };
                }
                // "a current account deficit of $122 billion": a balance
                // stated as a deficit is that much below zero.
                if derivation.is_none() && m.trigger.split(' ').any(|w| w.starts_with("deficit")) {
                    if let Some(negated) = negate(q) {
                        *q = negated;
                    }
                }
            }
            if let (Some(m), Ok(q)) = (&metric, &quantity) {
                if !q.kind.is_calendar() && !q.kind.is_elapsed() {
                    last_metric = Some((f.range.end, m.clone(), q.unit.clone()));
                }
            }
            let (as_of, as_of_source) = match quantity
                .as_ref()
                .map(|q| q.kind.is_calendar() || q.kind.is_elapsed())
            {
                Ok(false) => match own_date(&dates, prev_end, &f.range, next_figure)
                    .or_else(|| nearest_date(&dates, &f.range))
                {
                    // A year after the text's own date is a forecast.
                    Some((d, _)) if d > doc_as_of => (d, AsOfSource::Projection),
                    Some(found) => found,
                    None => (doc_as_of, doc_as_of_source),
                },
                _ => (doc_as_of, doc_as_of_source),
            };
            let period = match &quantity {
                // The whole clause before the figure, not only the words
                // since the figure before it ("inflation in January was
                // running at 4.4 pct in Italy, 3.9 pct in Britain"); after
                // it, up to a conjunction ("fell 0.4 pct to 99.7 in January
                // from the previous month"; not "984 mln dlrs at the end of
                // 1986 and in the nine months since").
                Ok(q) if !q.kind.is_calendar() && !q.kind.is_elapsed() => sub_annual(
                    s,
                    0..f.range.start,
                    f.range.end..up_to_conjunction(s, f.range.end),
                    &dates,
                    &f.range,
                ),
                _ => None,
            };
            let forecast = match &quantity {
                Ok(q) if !q.kind.is_calendar() && !q.kind.is_elapsed() => {
                    // Since the figure before it that is not a date.
                    let from = found[..i]
                        .iter()
                        .rev()
                        .find(|g| !dates.iter().any(|(r, _)| *r == g.range))
                        .map_or(0, |g| g.range.end);
                    let trigger = metric.as_ref().map(|m| m.trigger.as_str());
                    forecast_word(
                        s,
                        from..f.range.start,
                        f.range.end..next_figure,
                        trigger,
                        x.lexicon,
                    )
                }
                _ => None,
            };
            let range = sentence.start + f.range.start..sentence.start + f.range.end;
            claims.push(Claim {
                id: String::new(),
                document: Arc::clone(&document),
                span: locator.span(range.clone()),
                text: text[range].to_string(),
                sentence: Arc::clone(shared_sentence.get_or_init(|| Arc::from(s))),
                sentence_start: position(source, sentence.start),
                quantity,
                derivation,
                metric,
                subjects,
                document_subjects: Arc::clone(&document_subjects),
                as_of,
                as_of_source,
                ignore: source.ignore.clone(),
                period,
                forecast,
            });
        }
    }
    if claims.is_empty() {
        if let SourceKind::ClaimRow { .. } = source.kind {
            // A claim row is never dropped: with no quantity it is still reported.
            let trimmed = text.trim();
            let lead = text.len() - text.trim_start().len();
            claims.push(Claim {
                id: String::new(),
                document: Arc::clone(&document),
                span: locator.span(lead..lead + trimmed.len()),
                text: trimmed.to_string(),
                sentence: Arc::from(trimmed),
                sentence_start: position(source, lead),
                quantity: Err(NormalizeError::NoNumber(trimmed.to_string())),
                derivation: None,
                metric: None,
                subjects: Vec::new(),
                document_subjects,
                as_of: doc_as_of,
                as_of_source: doc_as_of_source,
                ignore: source.ignore.clone(),
                period: None,
                forecast: None,
            });
        }
    }
    let base = source.id_base();
    let many = claims.len() > 1 || matches!(source.kind, SourceKind::Article);
    for (n, c) in claims.iter_mut().enumerate() {
        // Built by hand: `format!` was 3 % of extraction, one call per claim.
        let mut id = String::with_capacity(base.len() + 6);
        id.push_str(&base);
        if many {
            id.push('#');
            push_decimal(&mut id, n + 1);
        }
        c.id = id;
    }
    claims
}

/// The words right after a figure that are its unit, and where the words
/// that may name its metric lie then.
#[derive(Debug, Default)]
struct UnitWords {
    unit: Option<Unit>,
    /// Whether the next figure is the base of a rate ("per 1,000"), which
    /// is then no claim.
    next_is_base: bool,
    /// Bytes of the sentence to read for the metric instead of the words
    /// between this figure and the next.
    metric_words_from: Option<usize>,
    /// For a rate, where its "per" starts: the words before it are the
    /// rate's counted noun ("hospital beds per 1,000").
    rate_words_to: Option<usize>,
    metric_words_to: Option<usize>,
}

/// Mass words after a figure, which are its unit ("10 billion tonnes of CO2").
const MASS_WORDS: &[&str] = &[
    "tonnes",
    "tons",
    "tonne",
    "ton",
    "metric tons",
    "metric tonnes",
];
/// Words after a figure that make it an amount per person.
const PER_PERSON: &[&str] = &[
    "per capita",
    "a head",
    "per head",
    "per person",
    "per inhabitant",
];
/// The nouns of a rate's base ("per 1,000 live births", "per 100,000
/// people"), longest first.
const BASE_NOUNS: &[&str] = &[
    "live births",
    "births",
    "people",
    "persons",
    "inhabitants",
    "residents",
    "population",
    "women",
    "babies",
    "children",
];
/// Words after "N births" that make it a rate per woman.
const PER_WOMAN: &[&str] = &["per woman", "per women", "a woman", "for each woman"];

/// Read the unit words after the figure at `range` in `sentence`: a mass
/// word, an amount per person, a rate per woman, or "per" and the next
/// figure ("56 deaths per 1,000 live births": a rate per 1,000, and the
/// words after "1,000" say what the rate counts only if nothing before does).
fn units_after(
    sentence: &str,
    range: &Range<usize>,
    next: Option<&quantities::Found>,
) -> UnitWords {
    let rest = &sentence[range.end..];
    let after = rest.trim_start();
    let skipped = rest.len() - after.len();
    let mut out = UnitWords::default();
    // The lists are lowercase ASCII: an ASCII case-insensitive prefix
    // match is the lowercase one, with no copy of the text.
    let word_at = |s: &str, w: &str| {
        s.len() >= w.len()
            && s.as_bytes()[..w.len()].eq_ignore_ascii_case(w.as_bytes())
            && s[w.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    };
    if let Some(w) = MASS_WORDS.iter().rev().find(|w| word_at(after, w)) {
        out.unit = Some(Unit::Tonnes);
        out.metric_words_from = Some(range.end + skipped + w.len());
        return out;
    }
    if PER_PERSON.iter().any(|w| word_at(after, w)) {
        out.unit = Some(Unit::PerCapita(Box::new(Unit::Count)));
        return out;
    }
    // A counted noun, then "per woman" ("1.8 births per woman").
    if let Some((first, tail)) = after.split_once(' ') {
        if !first.eq_ignore_ascii_case("per")
            && PER_WOMAN.iter().any(|w| word_at(tail.trim_start(), w))
        {
            out.unit = Some(Unit::Other("births per woman".into()));
            return out;
        }
    }
    // Up to four words ending in "per", then a round figure: the base of
    // a rate ("56 deaths per 1,000 live births").
    let Some(next) = next else { return out };
    let between = sentence[range.end..next.range.start].trim();
    let ends_in_per = between
        .split_whitespace()
        .last()
        .is_some_and(|w| w.eq_ignore_ascii_case("per"));
    let base = match &next.quantity {
        Ok(q) if q.kind == QuantityKind::Exact => q
            .point
            .filter(|p| [100.0, 1000.0, 10_000.0, 100_000.0, 1_000_000.0].contains(p)),
        _ => None,
    };
    if let (true, Some(base)) = (ends_in_per && between.split_whitespace().count() <= 4, base) {
        out.unit = Some(Unit::Per(base as u32));
        out.next_is_base = true;
        out.rate_words_to = sentence[..next.range.start]
            .to_ascii_lowercase()
            .rfind("per")
            .filter(|&at| at >= range.end);
        // The base's own noun ("live births", "people") is no metric word.
        let rest = &sentence[next.range.end..];
        let noun = BASE_NOUNS
            .iter()
            .find(|w| word_at(rest.trim_start(), w))
            .map_or(0, |w| rest.len() - rest.trim_start().len() + w.len());
        out.metric_words_from = Some(next.range.end + noun);
        out.metric_words_to = Some(floor_char(
            sentence,
            sentence.len().min(next.range.end + 60),
        ));
    }
    out
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A quantity with its sign turned: [a, b] becomes [-b, -a].
fn negate(q: &Quantity) -> Option<Quantity> {
    Some(Quantity {
        interval: q.interval.map_monotone(|v| -v, false).ok()?,
        point: q.point.map(|p| -p),
        unit: q.unit.clone(),
        kind: q.kind,
    })
}

/// "84 years" read as a level measured in years, at its stated precision
/// ("84 years" is [83.5, 84.5), not the elapsed [84, 85)).
fn years_as_level(phrase: &str, ctx: &normalize::Context) -> Option<Quantity> {
    let trimmed = phrase.trim_end();
    let lower = trimmed.to_lowercase();
    let cut = ["years", "year", "yrs"]
        .iter()
        .find_map(|w| lower.strip_suffix(w))?
        .trim_end()
        .trim_end_matches(['-', ' ']);
    let mut q = normalize::normalize(&trimmed[..cut.len()], ctx).ok()?;
    q.unit = Unit::Years;
    Some(q)
}

/// Dates and undirected relative dates ("in 1987", "last year") are the
/// time a sentence speaks of, not claims; those after "since" are not.
/// `dates_event` is [`dates_an_event`] of a relative date.
fn is_time_context(
    q: &Quantity,
    dates_event: bool,
    lowered: &normalize::Lowered,
    range: &Range<usize>,
) -> bool {
    let kind_ok =
        q.kind == QuantityKind::Date || (q.kind == QuantityKind::RelativeDate && !dates_event);
    kind_ok && !after_since(&lowered.text()[..range.start])
}

/// Whether `before` (the text before a date) ends with "since", "from" or
/// "until" in any case, before white space.
fn after_since(before: &str) -> bool {
    // No character but the Kelvin sign lowercases to an ASCII letter
    // without a combining mark after it ("İ" gives "i\u{307}"), and "k" is
    // in none of the words: the lowercase text ends with one of them when
    // its last bytes are the word in ASCII case.
    let before = before.trim_end().as_bytes();
    let ends = |w: &[u8]| {
        before.len() >= w.len() && before[before.len() - w.len()..].eq_ignore_ascii_case(w)
    };
    ends(b"since") || ends(b"from") || ends(b"until")
}

fn is_possessive(sentence: &str, end: usize) -> bool {
    let rest = &sentence[end..];
    rest.starts_with("'s ") || rest.starts_with("\u{2019}s ")
}

/// A relative date states when an event took place when it is possessive
/// ("last year's elections") or follows an event noun ("the election two
/// years ago"); otherwise it is the time the sentence speaks of.
fn dates_an_event(sentence: &normalize::Lowered, range: &Range<usize>, lexicon: &Lexicon) -> bool {
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
    let after: Vec<(Range<usize>, &Quantity)> = dates
        .iter()
        .filter(|(r, _)| r.start >= range.end && r.end <= next_start)
        .cloned()
        .collect();
    nearest_date(&after, range)
}

/// The as-of date set by the date phrase nearest to `range`: the last day
/// of the period it names.
fn nearest_date(
    dates: &[(Range<usize>, &Quantity)],
    range: &Range<usize>,
) -> Option<(Date, AsOfSource)> {
    // On a tie the date after the figure wins: "from 78 million in 1990 to
    // 82 million in 2016".
    let (_, q) = dates.iter().min_by_key(|(r, _)| {
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
        .or_else(|| further_back(sentence, 0..range.start, lexicon));
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

/// Words near a figure that make it a figure for part of a year, or for a
/// fiscal year, rather than a calendar year.
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
    "year-on-year",
    "annualized",
    "annualised",
];

/// What says that the figure at `figure` of `sentence` is for part of a
/// year or a fiscal year: a word of [`SUB_ANNUAL`] in the figure's clause
/// (the bytes `before` and `after` it, cut at clause marks), or a date
/// phrase nearest to it that names less than a year ("in February 1986").
fn sub_annual(
    sentence: &str,
    before: Range<usize>,
    after: Range<usize>,
    dates: &[(Range<usize>, &Quantity)],
    figure: &Range<usize>,
) -> Option<String> {
    let clause_before = last_clause(&sentence[before]);
    let clause_after = first_clause(&sentence[after]);
    // Most words are turned away by their first bytes and length, before
    // a lowercase copy and a pass over the list.
    static SUB_ANNUAL_WORDS: ShortWords = ShortWords::new(&[SUB_ANNUAL]);
    for clause in [clause_before, clause_after] {
        for (_, w) in subjects::words(clause) {
            let head = w.split('/').next().unwrap_or(w);
            if !SUB_ANNUAL_WORDS.may_hold(head) && !SUB_ANNUAL_WORDS.may_hold(w) {
                continue;
            }
            let lower = w.to_ascii_lowercase();
            let word = lower.split('/').next().unwrap_or(&lower);
            if SUB_ANNUAL.contains(&word) || SUB_ANNUAL.contains(&lower.as_str()) {
                return Some(w.to_string());
            }
        }
        if let Some(w) = clause
            .split_whitespace()
            .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric() && c != '/' && c != '\''))
            .find(|t| split_year(&t.to_ascii_lowercase()))
        {
            return Some(w.to_string());
        }
    }
    let (r, q) = dates.iter().min_by_key(|(r, _)| {
        if r.end <= figure.start {
            figure.start - r.end
        } else {
            r.start.saturating_sub(figure.end)
        }
    })?;
    let (low, high) = (q.interval.low_value()?, q.interval.high_value()?);
    (high - low < 0.9).then(|| sentence[r.clone()].to_string())
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
fn forecast_word(
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
    let after: Vec<String> = subjects::words(first_clause(&sentence[after]))
        .map(|(_, w)| w.to_lowercase())
        .take(4)
        .collect();
    (0..after.len())
        .take_while(|&k| !TURNS.contains(&after[k].as_str()))
        .find(|&k| lexicon.is_forecast(&after[k]) && !own(&after, k))
        .map(|k| after[k].clone())
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

/// Where the words from byte `from` of `sentence` reach a conjunction
/// that starts another statement ("and", "but", "while", "whereas"), or
/// the sentence's end.
fn up_to_conjunction(sentence: &str, from: usize) -> usize {
    subjects::words(&sentence[from..])
        .find(|(_, w)| {
            matches!(
                w.to_ascii_lowercase().as_str(),
                "and" | "but" | "while" | "whereas" | "although"
            )
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
/// clause names none: the nearest strong trigger in the bytes `range` of
/// the sentence (across clause marks and other figures, not across a
/// quotation mark or a semicolon), when no
/// other trigger, weak or strong, and none of the lexicon's stop words
/// ("rate", "yield", "sales") stands between it and the figure.
fn further_back(
    sentence: &normalize::Lowered,
    range: Range<usize>,
    lexicon: &Lexicon,
) -> Option<MetricMention> {
    let text = &sentence.text()[range];
    // Not across a quotation or a semicolon.
    let text = text
        .rsplit([';', '"', '\u{201c}', '\u{201d}'])
        .next()
        .unwrap_or(text);
    let lower = text.to_lowercase();
    let words: Vec<&str> = subjects::words(&lower).map(|(_, w)| w).collect();
    let m = lexicon.find(&words, &[]).filter(|m| m.strong)?;
    let t: Vec<&str> = m.trigger.split(' ').collect();
    let at = (0..=words.len().checked_sub(t.len())?)
        .rev()
        .find(|&k| words[k..k + t.len()] == t[..])?;
    let between = &words[at + t.len()..];
    let clear = lexicon.find(between, &[]).is_none() && !between.iter().any(|w| lexicon.is_stop(w));
    clear.then_some(m)
}

/// Whether the words from byte `end` (the end of a figure) to `start` (the
/// next figure), dates aside, are only the lexicon's links between two
/// figures of one series: "to" ("from X in 1990 to Y"), "from" ("fell to X
/// from Y"), "compared with", "after a"... At most six of them.
fn linked(
    sentence: &str,
    end: usize,
    start: usize,
    dates: &[(Range<usize>, &Quantity)],
    lexicon: &Lexicon,
) -> bool {
    if end > start {
        return false;
    }
    let mut between = String::new();
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
    let lower = between.to_lowercase();
    let mut n = 0;
    for (_, w) in subjects::words(&lower) {
        n += 1;
        if n > 6 || !lexicon.is_link(w) {
            return false;
        }
    }
    n > 0
}

/// The metric named by the words of the clause around a quantity: takes
/// the sentence, the bytes before the figure (back to the one before it)
/// and after it (up to the next), and gives what [`Lexicon::find`] gives
/// for the last [`METRIC_WINDOW`] words of the clause before and the first
/// of the clause after, lowercased.
fn find_metric(
    sentence: &normalize::Lowered,
    before: Range<usize>,
    after: Range<usize>,
    lexicon: &Lexicon,
) -> Option<MetricMention> {
    let text = sentence.text();
    let lower = sentence.lower();
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
    let before_from = before.end - last_clause(&text[before.clone()]).len();
    let clause_before = &text[before_from..before.end];
    if clause_before.is_ascii() {
        // Only the last words of the clause count.
        let mut b = [""; METRIC_WINDOW];
        let mut nb = 0;
        for (at, w) in subjects::words(clause_before) {
            if nb == METRIC_WINDOW {
                b.rotate_left(1);
                nb -= 1;
            }
            b[nb] = &lower[before_from + at..before_from + at + w.len()];
            nb += 1;
        }
        return lexicon.find(&b[..nb], a);
    }
    let lower_before = clause_before.to_lowercase();
    let b: Vec<&str> = subjects::words(&lower_before).map(|(_, w)| w).collect();
    lexicon.find(&b[b.len().saturating_sub(METRIC_WINDOW)..], a)
}

const CLAUSE_MARKS: &[char] = &[
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
fn last_clause(s: &str) -> &str {
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

/// The text before the first clause mark of `s` (all of it when there is none).
fn first_clause(s: &str) -> &str {
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

/// Known names of a document, most mentioned first (ties: first seen).
fn rank_names(text: &str, known: &[Range<usize>]) -> Vec<String> {
    // Counted by the borrowed name: a copy is made once per name, not per
    // mention.
    let mut counts: FxMap<&str, (usize, usize)> = FxMap::default();
    for (order, r) in known.iter().enumerate() {
        let e = counts.entry(&text[r.clone()]).or_insert((0, order));
        e.0 += 1;
    }
    let mut names: Vec<(&str, (usize, usize))> = counts.into_iter().collect();
    // No two names were first seen at the same place: the order is total.
    names.sort_unstable_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.1 .1.cmp(&b.1 .1)));
    names.into_iter().map(|(n, _)| n.to_string()).collect()
}

/// Offset in the source's coordinates: file bytes when the text sits verbatim
/// in its file, else the offset in the text.
fn position(source: &Source, local: usize) -> usize {
    source.origin.byte.map_or(local, |b| b + local)
}

/// Maps offsets in a source's text to file lines and columns, walking
/// forward from the last offset asked (claims come in text order), so a
/// long text costs one pass, not one pass per claim.
struct Locator<'s> {
    source: &'s Source,
    offset: usize,
    line: usize,
    /// Characters since the start of the current line.
    chars: usize,
    /// Whether the cursor is still on the text's first line.
    first_line: bool,
}

impl<'s> Locator<'s> {
    fn new(source: &'s Source) -> Locator<'s> {
        Locator {
            source,
            offset: 0,
            line: source.origin.line,
            chars: 0,
            first_line: true,
        }
    }

    fn span(&mut self, local: Range<usize>) -> Span {
        if local.start < self.offset {
            *self = Locator::new(self.source);
        }
        // Lines by their newlines, characters by the bytes that start one
        // (all but UTF-8's continuation bytes).
        let gap = &self.source.text.as_bytes()[self.offset..local.start];
        let chars = |bytes: &[u8]| bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count();
        match memchr::memrchr(b'\n', gap) {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', gap).count();
                self.chars = chars(&gap[last + 1..]);
                self.first_line = false;
            }
            None => self.chars += chars(gap),
        }
        self.offset = local.start;
        let column = if self.first_line {
            self.source.origin.column + self.chars
        } else {
            self.chars + 1
        };
        Span {
            start: position(self.source, local.start),
            end: position(self.source, local.end),
            line: self.line,
            column,
        }
    }
}

/// Append `n` in decimal.
fn push_decimal(out: &mut String, n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[at..] {
        out.push(char::from(d));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The metric window reads the same words whether the clause is ASCII
    /// (read from the sentence's lowercase copy) or not (the whole clause
    /// is lowercased), and
    /// only the last words before a figure count.
    #[test]
    fn metric_window_is_the_words_next_to_the_figure() {
        let lexicon = Lexicon::default();
        let metric = |s: &str, figure: &str| {
            let at = s.find(figure).unwrap();
            let lowered = normalize::Lowered::new(s);
            find_metric(&lowered, 0..at, at + figure.len()..s.len(), &lexicon).map(|m| m.name)
        };
        // "Tchād" puts a non-ASCII letter inside each clause read.
        for place in ["Chad", "Tchād"] {
            let s = format!("In {place} the Population was 5 million");
            assert_eq!(
                metric(&s, "5 million").as_deref(),
                Some("population"),
                "{s}"
            );
            let far = format!(
                "In {place} the population as told in a great many of the old books was 5 million"
            );
            assert_eq!(metric(&far, "5 million"), None, "{far}");
            let after = format!("Then, 5 million Deaths in {place}");
            assert_eq!(
                metric(&after, "5 million").as_deref(),
                Some("deaths"),
                "{after}"
            );
        }
    }

    /// The byte scans for clause marks find what a scan of the characters
    /// finds, on random texts of marks, other characters sharing their
    /// bytes (’ is E2 80 99, “ is E2 80 9C) and letters.
    #[test]
    fn clause_scans_are_their_definition() {
        let by_chars_last = |s: &str| -> usize {
            s.char_indices()
                .rev()
                .find(|(_, c)| CLAUSE_MARKS.contains(c))
                .map_or(0, |(i, c)| i + c.len_utf8())
        };
        let by_chars_first = |s: &str| s.find(CLAUSE_MARKS).unwrap_or(s.len());
        let alphabet = [
            "a",
            " ",
            ",",
            ";",
            ":",
            "(",
            ")",
            "\"",
            "\u{201c}",
            "\u{201d}",
            "\u{2014}",
            "\u{2019}",
            "\u{2013}",
            "\u{941c}",
            "é",
            "\u{1f49c}",
        ];
        for s in crate::testing::random_texts(&alphabet, 8, 20_000) {
            assert_eq!(s.len() - last_clause(&s).len(), by_chars_last(&s), "{s:?}");
            assert_eq!(first_clause(&s).len(), by_chars_first(&s), "{s:?}");
        }
    }

    /// The locator's line and column of every character of random texts
    /// (newlines, multi-byte characters), asked in order and out of order,
    /// are those counted a character at a time from the start.
    #[test]
    fn locator_counts_lines_and_characters() {
        let pieces = ["a", " ", "\n", "é", "\u{2014}", "\u{1f49c}", "\r\n", "xy"];
        for text in crate::testing::random_texts(&pieces, 14, 2_000) {
            let source = Source {
                document: "t".into(),
                kind: SourceKind::Article,
                text: text.clone(),
                origin: crate::ingest::Origin {
                    byte: Some(3),
                    line: 4,
                    column: 7,
                },
                date: None,
                title: None,
                url: None,
                ignore: None,
            };
            let by_chars = |at: usize| {
                let before = &text[..at];
                let line = 4 + before.matches('\n').count();
                let column = match before.rfind('\n') {
                    Some(nl) => before[nl + 1..].chars().count() + 1,
                    None => 7 + before.chars().count(),
                };
                (line, column)
            };
            let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            let mut locator = Locator::new(&source);
            // In order, then from the end back (each step restarts).
            for &at in starts.iter().chain(starts.iter().rev()) {
                let span = locator.span(at..at);
                assert_eq!((span.line, span.column), by_chars(at), "{text:?} at {at}");
                assert_eq!(span.start, 3 + at);
            }
        }
    }

    /// `find_metric` (the clause after read first, the clause before only
    /// when the lexicon reads it, ASCII clauses from the lowercase copy)
    /// gives what the lexicon gives for the words of the lowercased
    /// clauses, on random texts of triggers, function and counted words,
    /// clause marks and non-ASCII letters either side of a figure.
    #[test]
    fn find_metric_is_its_definition() {
        let lexicon = Lexicon::default();
        let plain = |s: &str, before: Range<usize>, after: Range<usize>| {
            let lower_before = last_clause(&s[before]).to_lowercase();
            let lower_after = first_clause(&s[after]).to_lowercase();
            let b: Vec<&str> = subjects::words(&lower_before).map(|(_, w)| w).collect();
            let a: Vec<&str> = subjects::words(&lower_after)
                .map(|(_, w)| w)
                .take(METRIC_WINDOW)
                .collect();
            lexicon.find(&b[b.len().saturating_sub(METRIC_WINDOW)..], &a)
        };
        let pieces = [
            " ",
            " ",
            "people ",
            "Killed ",
            "population ",
            "of ",
            "the ",
            "city ",
            "deaths ",
            "districts ",
            "home to ",
            "had ",
            "Vietnam's ",
            "were ",
            ", ",
            "(",
            "\u{2014}",
            "T\u{e9}ch ",
            "\u{130}n ",
            "\u{212a}illed ",
            "S",
            "Country ",
            "internally ",
            "displaced ",
            "dead ",
        ];
        let befores = crate::testing::random_texts(&pieces, 10, 20_000);
        let afters = crate::testing::random_texts(&pieces, 10, 20_001).skip(1);
        for (b, a) in befores.zip(afters) {
            let s = format!("{b}7 {a}");
            let lowered = normalize::Lowered::new(&s);
            let figure = b.len()..b.len() + 1;
            assert_eq!(
                find_metric(&lowered, 0..figure.start, figure.end..s.len(), &lexicon),
                plain(&s, 0..figure.start, figure.end..s.len()),
                "{s:?}"
            );
        }
    }

    /// `after_since` is the test on the lowercased last characters it
    /// replaces, on random texts of the words in any case, letters that
    /// lowercase to ASCII (the Kelvin sign, "İ") and white space.
    #[test]
    fn after_since_is_its_definition() {
        let plain = |before: &str| {
            let before = before.trim_end();
            let tail_from = before.char_indices().rev().nth(5).map_or(0, |(i, _)| i);
            let tail = before[tail_from..].to_lowercase();
            tail.ends_with("since") || tail.ends_with("from") || tail.ends_with("until")
        };
        let pieces = [
            "since", "SINCE", "From", "fr", "om", "unt", "il", "I", "\u{130}", "\u{212a}", " ",
            "\u{a0}", "s", "ince", "\u{e9}", "x",
        ];
        for s in crate::testing::random_texts(&pieces, 6, 20_000) {
            assert_eq!(after_since(&s), plain(&s), "{s:?}");
        }
    }

    /// `dates_an_event` reads an ASCII word before a relative date from the
    /// lowercase copy: the same as lowercasing it, on random texts.
    #[test]
    fn dates_an_event_is_its_definition() {
        let lexicon = Lexicon::default();
        let plain = |s: &normalize::Lowered, range: &Range<usize>| {
            let text = s.text();
            let last = subjects::last_word(&text[..range.start]).map(|(_, w)| w.to_lowercase());
            let possessive_of_event =
                is_possessive(text, range.end) && lexicon.event_noun_follows(s, range.end, 1);
            possessive_of_event || last.is_some_and(|w| lexicon.is_event_noun(&w))
        };
        let pieces = [
            "the ",
            "Election ",
            "ELECTIONS ",
            "war",
            "W\u{c4}R ",
            "vote-",
            "Poll",
            "'s ",
            ", ",
            "\u{e9}",
        ];
        let ends = ["", "'s vote", "'s Sales", " in the vote"];
        for (n, b) in crate::testing::random_texts(&pieces, 6, 20_000).enumerate() {
            let s = format!("{b}last year{}", ends[n % ends.len()]);
            let lowered = normalize::Lowered::new(&s);
            let range = b.len()..b.len() + "last year".len();
            assert_eq!(
                dates_an_event(&lowered, &range, &lexicon),
                plain(&lowered, &range),
                "{s:?}"
            );
        }
    }

    /// Ranking by borrowed names gives the ranking by owned ones (a
    /// standard hash map, a stable sort) on random mention lists.
    #[test]
    fn rank_names_is_its_definition() {
        let plain = |text: &str, known: &[Range<usize>]| {
            let mut counts: std::collections::HashMap<String, (usize, usize)> =
                std::collections::HashMap::new();
            for (order, r) in known.iter().cloned().enumerate() {
                let e = counts.entry(text[r].to_string()).or_insert((0, order));
                e.0 += 1;
            }
            let mut names: Vec<(String, (usize, usize))> = counts.into_iter().collect();
            names.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.1 .1.cmp(&b.1 .1)));
            names.into_iter().map(|(n, _)| n).collect::<Vec<_>>()
        };
        for text in crate::testing::random_texts(&["A", "B", "C", "D", "E"], 30, 2_000) {
            let known: Vec<Range<usize>> = (0..text.len()).map(|i| i..i + 1).collect();
            assert_eq!(rank_names(&text, &known), plain(&text, &known), "{text:?}");
        }
    }

    #[test]
    fn push_decimal_writes_what_display_does() {
        for n in [0, 1, 9, 10, 99, 100, 12_345, usize::MAX] {
            let mut s = String::from("x#");
            push_decimal(&mut s, n);
            assert_eq!(s, format!("x#{n}"));
        }
    }
}
