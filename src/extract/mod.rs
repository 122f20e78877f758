//! extract: a [`Source`] text in, its quantity [`Claim`]s out.
//!
//! Splits the text into sentences, finds every quantity phrase in each
//! (`quantities`, which reads them with the normalizer), and for each phrase
//! the words that say what is counted (the metric, from the trigger-word
//! [`Lexicon`]) and of what (subject candidates: names the reference data
//! knows, other names, and generic nouns like "the conflict" that stand for
//! the article's main subject). Dates in a sentence set the as-of date of its
//! claims. Pure: no I/O.
//!
//! This file walks the sentences and their figures; the parts it asks:
//! - `quantities`: the quantity phrases of a sentence;
//! - `window`: which metric a figure counts, from the words around it;
//! - `unit_words`: what the words right after a figure say of its unit;
//! - `period`: when a figure is for (dates, parts of a year, forecasts);
//! - `derived`: changes, ratios and shares relating two reference values;
//! - `subjects`: who or what a figure is about;
//! - `lexicon`: the metric words, as data (`metrics.toml`);
//! - `locate`: where a claim is in its source, and its id.

pub mod derived;
mod excerpt;
pub mod lexicon;
mod locate;
mod period;
pub mod quantities;
pub mod subjects;
mod unit_words;
mod window;

use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;
use std::sync::Arc;

use crate::ingest::{Source, SourceKind};
use crate::model::{
    calendar, AsOfSource, Date, Derivation, DerivedForm, Quantity, QuantityKind, Span, Unit,
};
use crate::normalize::{self, NormalizeError};
use crate::util::short_words::ShortWords;
use crate::util::FxMap;
use locate::{name_claims, position, rank_names, Locator};
use period::{claim_date, forecast_word, period_words, undated_start, year_before, SentenceDates};
use unit_words::{give_unit, units_after, years_as_level};
use window::{find_metric, first_clause, last_clause};

pub use lexicon::{Lexicon, MetricMention};
pub use period::names_a_month;
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
    /// that say so. A yearly series does not check it. Read only for a
    /// figure with a metric that is not narrowed (`None` for the others).
    pub period: Option<String>,
    /// Set when the figure is a forecast, target, plan or assumption
    /// ("forecast", "expected", "target", "would" in its clause): the word
    /// that says so. A reference row of an outturn does not check it. Read
    /// only for a figure with a metric that is not narrowed.
    pub forecast: Option<String>,
    /// Read from an article (every figure of its text is a claim), not from
    /// a claim row a person wrote: the confidence model tells the two apart.
    pub from_article: bool,
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

/// Words further back than [`METRIC_WINDOW`] read only to complete a
/// trigger whose last word is within it.
const TRIGGER_REACH: usize = 4;

/// Extract every claim from one source, in text order.
pub fn extract(source: &Source, x: &Extractor) -> Vec<Claim> {
    let doc = Document::new(source, x);
    let claims = doc
        .parts(usize::MAX)
        .iter()
        .flat_map(|part| doc.claims(part, x))
        .collect();
    doc.finish(claims)
}

/// One source made ready for extraction: what all its sentences share (its
/// date, the known names found in the whole text and their ranking) and
/// its sentences. The [`Document::claims`] of its [`Document::parts`],
/// joined in order and handed to [`Document::finish`], are [`extract`]'s
/// claims, whatever the parts: they may be extracted on different threads.
pub struct Document<'s> {
    source: &'s Source,
    doc_as_of: Date,
    doc_as_of_source: AsOfSource,
    known: Vec<Range<usize>>,
    document_subjects: Arc<Vec<String>>,
    document: Arc<str>,
    sentences: Vec<Range<usize>>,
    /// The text with ASCII letters lowercased, once for all its sentences.
    lower: String,
}

/// Consecutive sentences of a [`Document`], and the line and column where
/// the first starts.
pub struct Part<'s> {
    sentences: Range<usize>,
    locator: Locator<'s>,
}

impl<'s> Document<'s> {
    pub fn new(source: &'s Source, x: &Extractor) -> Document<'s> {
        let text = source.text.as_str();
        let (doc_as_of, doc_as_of_source) = match (source.date, &source.kind) {
            (Some(d), SourceKind::ClaimRow { .. }) => (d, AsOfSource::Claim),
            (Some(d), SourceKind::Article | SourceKind::ArchiveArticle { .. }) => {
                (d, AsOfSource::Document)
            }
            (None, _) => (x.default_as_of, x.default_as_of_source),
        };
        // Known names found once in the whole text: they rank the document's
        // subjects, and each sentence takes its share.
        let known = x.gazetteer.find_in_document(text);
        let document_subjects = Arc::new(rank_names(text, &known));
        Document {
            source,
            doc_as_of,
            doc_as_of_source,
            known,
            document_subjects,
            document: Arc::from(source.document.as_str()),
            sentences: crate::ingest::sentences::split(text),
            lower: text.to_ascii_lowercase(),
        }
    }

    /// The sentences cut into parts of at least `bytes` of text each (the
    /// last may hold less), in order; one part when `bytes` is `usize::MAX`.
    pub fn parts(&self, bytes: usize) -> Vec<Part<'s>> {
        let mut parts = Vec::new();
        let mut locator = Locator::new(self.source);
        let mut first = 0;
        while first < self.sentences.len() {
            let start = self.sentences[first].start;
            let mut end = first + 1;
            while end < self.sentences.len()
                && self.sentences[end - 1].end.saturating_sub(start) < bytes
            {
                end += 1;
            }
            // Lines and columns are counted up to the part's start once,
            // here, not again by each part.
            locator.span(start..start);
            parts.push(Part {
                sentences: first..end,
                locator: locator.clone(),
            });
            first = end;
        }
        parts
    }

    /// The claims of the sentences of `part`, in text order, not yet named.
    pub fn claims(&self, part: &Part<'s>, x: &Extractor) -> Vec<Claim> {
        let source = self.source;
        let text = source.text.as_str();
        let (doc_as_of, doc_as_of_source) = (self.doc_as_of, self.doc_as_of_source);
        let ctx = normalize::Context {
            as_of: doc_as_of,
            config: x.normalize,
        };
        let known = &self.known;
        let document_subjects = &self.document_subjects;
        let document = &self.document;
        let mut claims = Vec::new();
        let mut locator = part.locator.clone();
        // The known names of the current sentence, in its coordinates: one
        // buffer for all the part's sentences.
        let mut sentence_known: Vec<Range<usize>> = Vec::new();
        for sentence in self.sentences[part.sentences.clone()].iter().cloned() {
            let s = &text[sentence.clone()];
            sentence_known.clear();
            let first = known.partition_point(|r| r.start < sentence.start);
            sentence_known.extend(
                known[first..]
                    .iter()
                    .take_while(|r| r.end <= sentence.end)
                    .map(|r| r.start - sentence.start..r.end - sentence.start),
            );
            let lowered = normalize::Lowered::within(s, &self.lower[sentence.clone()]);
            let found = figures(&lowered, &ctx);
            if found.is_empty() {
                continue;
            }
            // Made at the sentence's first claim: many sentences hold only
            // dates, which are no claims.
            let sentence_subjects = OnceCell::new();
            let shared_sentence: OnceCell<Arc<str>> = OnceCell::new();
            let sentence_dates = SentenceDates::of(&found, &lowered, x.lexicon);
            let dates_event = |k: usize| sentence_dates.dates_event(k);
            let dates = &sentence_dates.spans;
            // A figure that only says when: the metric window and the forecast
            // window reach back over these to the figure before.
            let is_date = |g: &quantities::Found| dates.iter().any(|(r, _)| *r == g.range);
            // The metric of the sentence's last figure, where it ended, the
            // figure's unit, and whether it was a change of a series that
            // has no yearly rate (a percent after it is no level of it).
            let mut last_metric: Option<(usize, MetricMention, Unit, bool)> = None;
            // The year the figure before stated for itself ("1.13 billion in
            // 1986 and 369 mln the previous year").
            let mut last_year: Option<i16> = None;
            // A figure that is the base of the rate before it ("per 1,000"):
            // its index, not a claim of its own.
            let mut skip_next: Option<usize> = None;
            // Each metric's sentence-wide narrowing phrase, looked for once a
            // sentence, not again for each of its figures.
            let mut sentence_narrowing = Vec::new();
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
                let prev_figure = found[..i]
                    .iter()
                    .rev()
                    .find(|g| !is_date(g))
                    .map(|g| g.range.clone());
                let prev_end = prev_figure.as_ref().map_or(0, |r| r.end);
                let next_start = found.get(i + 1).map_or(s.len(), |n| n.range.start);
                // Where the next figure that is not a date starts.
                let next_figure = found[i + 1..]
                    .iter()
                    .find(|g| !is_date(g))
                    .map_or(s.len(), |g| g.range.start);
                let figure = window::Figure {
                    sentence: s,
                    lowered: &lowered,
                    range: f.range.clone(),
                    next_start,
                    dates,
                    known: &sentence_known,
                    lexicon: x.lexicon,
                };
                let mut quantity = f.quantity.clone();
                // "About 5.4% of Indonesians lived on less than $3 a day":
                // a share of a people that a metric publishes as a percent
                // of the population is a level of that metric for the
                // people's country, not a share to divide.
                let mut share_level = None;
                let derivation =
                    derived::detect(&lowered, &found, i, &ctx, x.lexicon).filter(|d| {
                        // Read within the figure's reach: a long run of
                        // shares costs time in proportion to their number.
                        share_level = window::population_share_level(
                            &lowered,
                            d,
                            f.range.end..excerpt::context(s, &f.range).end,
                            x.lexicon,
                        );
                        share_level.is_none()
                    });
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
                    _ => figure.words_metric(prev_end, &unit_words),
                };
                // The unit of the earlier figure a bare count takes its metric
                // from ("from 5.1 billion dlrs to 4.2 billion": dollars too).
                let (metric, mut carried_unit) = match share_level {
                    Some(level) => (Some(level), None),
                    None => figure.fall_back_metric(
                        metric,
                        &quantity,
                        derivation.as_ref(),
                        last_metric.as_ref(),
                    ),
                };
                // A phrase anywhere in the sentence may say the figure is
                // about a part ("Hungary's hard currency debt rose ... because
                // of a current account deficit of 1.42 billion dlrs"); a
                // percent read as the yearly change of a series is read for
                // the phrases of its rate too ("at current prices GDP rose
                // 12.7 pct": gdp_growth's). And the words right before an
                // amount may make it a part ("refinancing about 30 billion
                // dlrs of foreign debt").
                let amount = matches!(&quantity, Ok(q) if matches!(q.unit, Unit::Currency(_)));
                let metric = metric.map(|mut m| {
                    if m.narrowed.is_none() {
                        let lower = lowered.lower();
                        let percent = matches!(&quantity, Ok(q) if q.unit == Unit::Percent);
                        let rate = x.lexicon.rate_metric(&m.name).filter(|_| percent);
                        let mut narrowed = |name: &str| {
                            narrowed_in_sentence(&mut sentence_narrowing, x.lexicon, name, lower)
                        };
                        let part =
                            narrowed(&m.name)
                                .or_else(|| narrowed(&rate?.name))
                                .or_else(|| {
                                    amount
                                        .then(|| x.lexicon.part_before(&lower[..f.range.start]))
                                        .flatten()
                                });
                        if let Some(p) = part {
                            m.narrowed = Some(format!("{p} {}", m.trigger));
                        }
                    }
                    m
                });
                let mut subjects = sentence_subjects
                    .get_or_init(|| {
                        subjects::SentenceSubjects::new(s, &sentence_known, Some(x.lexicon))
                    })
                    .near(f.range.clone());
                if let Some(d) = &derivation {
                    // The other side of a comparison, or the whole of a share,
                    // is not the claim's own subject.
                    let others = d.form.other_names();
                    subjects.retain(|c| !others.iter().any(|o| o == c.mention()));
                }
                // A sentence that names no one speaks of the article's main
                // subject ("The current account deficit rose to 4.09
                // billion dlrs", in an article on Indonesia).
                // Not when that subject is the other side of the figure's
                // comparison or share, nor for a figure that counts nothing
                // the sentence says.
                // Nor for a share: its part must be named ("20% of
                // Bangladeshis" is no share of the article's country).
                let share = derivation
                    .as_ref()
                    .is_some_and(|d| matches!(d.form, DerivedForm::Share { .. }));
                // Nor for a figure of a group ("in the industrial countries",
                // "the region's exports").
                if subjects.is_empty()
                    && metric.is_some()
                    && !share
                    && !subjects::speaks_of_a_group(s)
                {
                    let other = |main: &String| {
                        derivation.as_ref().is_some_and(|d| {
                            d.form.other_names().iter().any(|o| o == main.as_str())
                        })
                    };
                    if let Some(main) = document_subjects.first().filter(|m| !other(m)) {
                        subjects.push(SubjectRef::Implicit {
                            mention: Arc::from(main.as_str()),
                        });
                    }
                }
                if let Ok(q) = &mut quantity {
                    if derivation.is_none() {
                        give_unit(
                            q,
                            unit_words.unit.as_ref(),
                            metric.as_ref(),
                            carried_unit.take(),
                        );
                        if in_deficit(
                            &s[prev_end..f.range.start],
                            &s[f.range.end..next_figure],
                            metric.as_ref(),
                            x.lexicon,
                        ) {
                            unit_words::negate_in_place(q);
                        }
                    }
                }
                if let (Some(m), Ok(q)) = (&metric, &quantity) {
                    // "2.2 pct of GDP ... from 2.6 pct": a share of a whole
                    // the sentence does not name the part of is no series
                    // for the figures after it to carry.
                    let share_of_whole = q.unit == Unit::Percent
                        && subjects::words(&s[f.range.end..next_figure])
                            .next()
                            .is_some_and(|(_, w)| w.eq_ignore_ascii_case("of"));
                    // "the agriculture sector will grow by 1.0 pct, against
                    // 2.4 pct in 1986": both are changes of a share.
                    let change_only = derivation.is_some() && !x.lexicon.has_yearly_rate(&m.name);
                    if !q.kind.is_calendar() && !q.kind.is_elapsed() && !share_of_whole {
                        last_metric = Some((f.range.end, m.clone(), q.unit.clone(), change_only));
                    } else if share_of_whole {
                        last_metric = None;
                    }
                }
                let (as_of, as_of_source) = match &quantity {
                    Ok(q) if !q.kind.is_calendar() && !q.kind.is_elapsed() => {
                        let next_linked = next_figure < s.len()
                            && window::linked(s, f.range.end, next_figure, dates, x.lexicon);
                        // "after 3.5 pct growth in 1985": the date after the
                        // change noun is as near as one right after the figure.
                        let reach =
                            f.range.start..derived::end_with_change_noun(s, &f.range, x.lexicon);
                        claim_date(dates, prev_end, &reach, next_figure, next_linked)
                            // "inflation fell to 5.6 pct from 10.7 pct in
                            // 1985": the year after the linked figure's,
                            // when it had ended by the text's date.
                            .or_else(|| {
                                let y = next_linked
                                    .then(|| period::next_figures_year(s, dates, next_figure))
                                    .flatten()?;
                                (y + 1 < doc_as_of.year())
                                    .then(|| Date::new(y + 1, 12, 31).ok())
                                    .flatten()
                                    .map(|d| (d, AsOfSource::Claim))
                            })
                            // A year after the text's own date is a forecast.
                            .map(|(d, from)| {
                                if d > doc_as_of {
                                    (d, AsOfSource::Projection)
                                } else {
                                    (d, from)
                                }
                            })
                            .unwrap_or((doc_as_of, doc_as_of_source))
                    }
                    _ => (doc_as_of, doc_as_of_source),
                };
                let level = quantity
                    .as_ref()
                    .is_ok_and(|q| !q.kind.is_calendar() && !q.kind.is_elapsed());
                let year_before = level
                    .then(|| {
                        last_year.filter(|_| year_before(s, f.range.end..next_figure).is_some())
                    })
                    .flatten();
                let (as_of, as_of_source) = match year_before {
                    Some(y) => Date::new(y - 1, 12, 31)
                        .map_or((as_of, as_of_source), |d| (d, AsOfSource::Claim)),
                    None => (as_of, as_of_source),
                };
                // "from 3.3 billion dlrs to 1.7 billion last year": the
                // start of the move is a year before its end, whose date
                // the sentence (or, with none, the text) gives.
                let as_of = if level
                    && year_before.is_none()
                    && as_of_source != AsOfSource::Projection
                    && undated_start(s, prev_figure.as_ref(), &f.range, next_figure, dates)
                {
                    let end = match as_of_source {
                        AsOfSource::Claim => as_of,
                        _ => period::nearest_date(dates, &f.range).map_or(as_of, |(d, _)| d),
                    };
                    end.checked_sub(jiff::Span::new().years(1)).unwrap_or(end)
                } else {
                    as_of
                };
                if level {
                    last_year = (as_of_source == AsOfSource::Claim).then(|| as_of.year());
                }
                // Read only for a figure a row may check (one with a whole
                // metric): resolution asks nothing else for them, and most
                // figures of news text count no metric.
                let checkable = metric.as_ref().is_some_and(|m| m.narrowed.is_none());
                let (period, forecast) = match &quantity {
                    Ok(q) if checkable && !q.kind.is_calendar() && !q.kind.is_elapsed() => (
                        period_words(s, &f.range, dates),
                        forecast_word(
                            s,
                            prev_end..f.range.start,
                            f.range.end..next_figure,
                            metric.as_ref().map(|m| m.trigger.as_str()),
                            x.lexicon,
                        ),
                    ),
                    _ => (None, None),
                };
                let range = sentence.start + f.range.start..sentence.start + f.range.end;
                // A long sentence gives each claim its own window of it, marked
                // where cut; the mark before it counts into `sentence_start`, so
                // the claim's place in it is still `span.start - sentence_start`.
                let (sentence, sentence_start) = match excerpt::window(s, &f.range) {
                    (w, false, false) if w.len() == s.len() => (
                        Arc::clone(shared_sentence.get_or_init(|| Arc::from(s))),
                        position(source, sentence.start),
                    ),
                    (w, before, after) => {
                        let mut kept = String::with_capacity(w.len() + 2 * excerpt::CUT.len());
                        let mut start = position(source, sentence.start + w.start);
                        if before {
                            kept.push_str(excerpt::CUT);
                            start -= excerpt::CUT.len();
                        }
                        kept.push_str(&s[w]);
                        if after {
                            kept.push_str(excerpt::CUT);
                        }
                        (Arc::from(kept), start)
                    }
                };
                claims.push(Claim {
                    id: String::new(),
                    document: Arc::clone(document),
                    span: locator.span(range.clone()),
                    text: text[range].to_string(),
                    sentence,
                    sentence_start,
                    quantity,
                    derivation,
                    metric,
                    subjects,
                    document_subjects: Arc::clone(document_subjects),
                    as_of,
                    as_of_source,
                    ignore: source.ignore.clone(),
                    period,
                    forecast,
                    from_article: source.kind.is_article(),
                });
            }
        }
        claims
    }

    /// `claims`, the claims of every part in order, named; a claim row
    /// with no figure is still one claim, that says so.
    pub fn finish(self, mut claims: Vec<Claim>) -> Vec<Claim> {
        let source = self.source;
        if claims.is_empty() && matches!(source.kind, SourceKind::ClaimRow { .. }) {
            // A claim row is never dropped: with no quantity it is still reported.
            claims.push(figureless_row(
                source,
                &mut Locator::new(source),
                self.document,
                self.document_subjects,
                (self.doc_as_of, self.doc_as_of_source),
            ));
        }
        name_claims(source, &mut claims);
        claims
    }
}

/// [`Lexicon::narrowed_in_sentence`] of `name` in the sentence `lower`,
/// remembered in `seen` (the sentence's answers so far, by metric name).
fn narrowed_in_sentence<'l>(
    seen: &mut Vec<(&'l str, Option<&'l str>)>,
    lexicon: &'l Lexicon,
    name: &str,
    lower: &str,
) -> Option<&'l str> {
    if let Some(&(_, phrase)) = seen.iter().find(|(n, _)| *n == name) {
        return phrase;
    }
    let metric = lexicon.metric(name)?;
    let phrase = lexicon.narrowed_in_sentence(name, lower);
    seen.push((metric.name.as_str(), phrase));
    phrase
}

/// "was in deficit a record 140.57 billion dlrs", "after a deficit of 890
/// mln dlrs": a balance (a metric one of whose words is a deficit) whose
/// figure comes within four words after the word "deficit", with no
/// "surplus", "but" or "not" between, when its own trigger did not say so
/// already. `before` is the clause's text from the previous figure to this
/// one.
fn in_deficit(
    before: &str,
    after: &str,
    metric: Option<&MetricMention>,
    lexicon: &Lexicon,
) -> bool {
    let Some(m) = metric else {
        return false;
    };
    let is_deficit = |w: &str| w.starts_with("deficit");
    if m.trigger.split(' ').any(is_deficit) {
        return false;
    }
    let balance = lexicon
        .metric(&m.name)
        .is_some_and(|l| l.words.iter().any(|w| w.split(' ').any(is_deficit)));
    let lowered = before.to_lowercase();
    let near: Vec<&str> = lowered
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if !balance {
        return false;
    }
    // "from an 890 mln dlr deficit in 1985": the word right after.
    if subjects::words(after)
        .next()
        .is_some_and(|(_, w)| is_deficit(&w.to_ascii_lowercase()))
    {
        return true;
    }
    for w in near.iter().rev().take(4) {
        if is_deficit(w) {
            return true;
        }
        if w.starts_with("surplus") || matches!(*w, "but" | "not" | "than") {
            return false;
        }
    }
    false
}

/// A claim row with no quantity in it, as the claim that says so.
fn figureless_row(
    source: &Source,
    locator: &mut Locator,
    document: Arc<str>,
    document_subjects: Arc<Vec<String>>,
    (as_of, as_of_source): (Date, AsOfSource),
) -> Claim {
    let text = source.text.as_str();
    let trimmed = text.trim();
    let lead = text.len() - text.trim_start().len();
    Claim {
        id: String::new(),
        document,
        span: locator.span(lead..lead + trimmed.len()),
        text: trimmed.to_string(),
        sentence: Arc::from(trimmed),
        sentence_start: position(source, lead),
        quantity: Err(NormalizeError::NoNumber(trimmed.to_string())),
        derivation: None,
        metric: None,
        subjects: Vec::new(),
        document_subjects,
        as_of,
        as_of_source,
        ignore: source.ignore.clone(),
        period: None,
        forecast: None,
        from_article: source.kind.is_article(),
    }
}

/// The figures of a sentence, in order: its quantity phrases and the
/// multipliers ("twice", "seven times as many") that relate two values.
fn figures(lowered: &normalize::Lowered, ctx: &normalize::Context) -> Vec<quantities::Found> {
    let mut found = quantities::find_lowered(lowered, ctx);
    let multiples = derived::multipliers(lowered, ctx);
    if !multiples.is_empty() {
        found.extend(multiples);
        found.sort_by_key(|f| f.range.start);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::locate::push_decimal;
    use super::period::{after_since, dates_an_event, is_possessive};
    use super::window::CLAUSE_MARKS;
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
            // The whole of the figure before's share is left out first.
            let before = window::past_share_whole(s, before, &lexicon);
            let lower_before = last_clause(&s[before]).to_lowercase();
            let lower_after = first_clause(&s[after]).to_lowercase();
            let b = subjects::word_strs(&lower_before);
            let a: Vec<&str> = subjects::words(&lower_after)
                .map(|(_, w)| w)
                .take(METRIC_WINDOW)
                .collect();
            let kept = &b[b.len().saturating_sub(METRIC_WINDOW + TRIGGER_REACH)..];
            lexicon.find_reaching(kept, &a, METRIC_WINDOW)
        };
        let pieces = [
            " ",
            " ",
            "GDP ",
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
            let tail_from = before.char_indices().rev().nth(12).map_or(0, |(i, _)| i);
            let tail = before[tail_from..].to_lowercase();
            tail.ends_with("since")
                || tail.ends_with("from")
                || tail.ends_with("until")
                || tail.ends_with("than")
                || tail.strip_suffix("in").is_some_and(|t| {
                    t.ends_with(|c: char| c.is_ascii_whitespace()) && t.trim_end().ends_with("than")
                })
        };
        let pieces = [
            "since", "SINCE", "From", "fr", "om", "unt", "il", "I", "\u{130}", "\u{212a}", " ",
            "tHan", "th", "an", " in", "IN", "\n", "\u{a0}", "s", "ince", "\u{e9}", "x",
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
