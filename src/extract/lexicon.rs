//! The metric lexicon: trigger words that say what a quantity counts, kept as
//! data in `metrics.toml` (embedded in the binary and checked with
//! `deny_unknown_fields`) and matched near a quantity. A newsroom's own
//! lexicon file is not yet read from the command line or config.

use std::borrow::Cow;

use serde::Deserialize;

use crate::model::Unit;
use crate::normalize::Lowered;
use crate::util::short_words::ShortWords;
use crate::util::{FxMap, FxSet};

const DEFAULT: &str = include_str!("metrics.toml");
const BUILT_IN: &str = "metrics.toml (built in)";

/// Parse a lexicon file, noting where each metric entry starts.
fn parse(file: &str, text: &str) -> Result<File, LexiconError> {
    let mut parsed: File = toml::from_str(text).map_err(|e| LexiconError {
        file: file.to_string(),
        line: e.span().map_or(1, |s| {
            1 + text[..s.start.min(text.len())].matches('\n').count()
        }),
        message: e.message().to_string(),
    })?;
    let headers = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("[[metric]]"))
        .map(|(i, _)| i + 1);
    for (entry, line) in parsed.metric.iter_mut().zip(headers) {
        entry.origin = (file.to_string(), line);
    }
    Ok(parsed)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    metric: Vec<Entry>,
    events: Option<Events>,
    counted: Option<Counted>,
    change: Option<Change>,
    carried: Option<Carried>,
    forecast: Option<Forecast>,
    parts: Option<Parts>,
}

/// The words right before an amount that make it a part of the series its
/// metric names ("refinancing 30 billion dlrs of foreign debt", "bauxite
/// accounts for 90 mln dlrs of exports"): a row of the whole does not
/// check it.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Parts {
    before_amount: Vec<String>,
}

/// The words that make a figure a forecast, target, plan or assumption
/// rather than an outturn ("forecast", "expected", "target", "would"): a
/// reference row of what happened does not verify it.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Forecast {
    words: Vec<String>,
}

/// The words that may stand between two figures of one series ("fell to
/// 2.1 pct from 4.7 pct"): a figure with no metric words of its own after
/// only these counts what the figure before it counts.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Carried {
    links: Vec<String>,
    #[serde(default)]
    stops: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Counted {
    not_nouns: Vec<String>,
    #[serde(default)]
    subset_words: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Events {
    nouns: Vec<String>,
    #[serde(default)]
    start_verbs: Vec<String>,
    #[serde(default)]
    end_verbs: Vec<String>,
}

/// The words that say a figure is a change: verbs ("rose", "shrank") and
/// nouns after a figure ("a 5 percent increase").
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Change {
    rise_verbs: Vec<String>,
    fall_verbs: Vec<String>,
    #[serde(default)]
    rise_nouns: Vec<String>,
    #[serde(default)]
    fall_nouns: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    name: String,
    unit: String,
    triggers: Vec<String>,
    #[serde(default)]
    weak: Vec<String>,
    #[serde(default)]
    strengthened_by: Vec<String>,
    /// Words that name the metric only when strengthened, and otherwise
    /// name nothing ("Brazil's output grew": "steel output grew" is no
    /// figure of GDP, however weakly).
    #[serde(default)]
    only_strengthened: Vec<String>,
    #[serde(default)]
    indicators: Vec<String>,
    #[serde(default)]
    rate_of: OneOrMany,
    share_of: Option<String>,
    part: Option<String>,
    #[serde(default)]
    narrowed_by: Vec<String>,
    #[serde(default)]
    narrowed_after: Vec<String>,
    #[serde(default)]
    narrowed_in_sentence: Vec<String>,
    #[serde(default)]
    whole_after: Vec<String>,
    /// A stock (a level at the end of each year, as debt and reserves are):
    /// a figure stated during a year is checked against the previous
    /// year-end's row.
    #[serde(default)]
    stock: bool,
    /// A rate the news states month by month (inflation, unemployment): a
    /// figure of it with no date in its sentence is the current reading,
    /// which no yearly row checks.
    #[serde(default)]
    current: bool,
    /// Where the entry was read (file, line of its name): filled in after
    /// parsing, for `reference validate`.
    #[serde(skip)]
    origin: (String, usize),
}

/// A string, or a list of them (`rate_of = "gdp"`, `rate_of = ["gdp",
/// "gni"]`).
#[derive(Debug, Deserialize, Default)]
#[serde(untagged)]
enum OneOrMany {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::None => Vec::new(),
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

/// One trigger: its words (lower case) and what it names.
#[derive(Clone, Debug)]
struct Trigger {
    words: Vec<String>,
    metric: usize,
    strong: bool,
    /// Names the metric only when strengthened (`only_strengthened`).
    conditional: bool,
    /// For a weak trigger: words that make it strong, right before the
    /// quantity when the trigger follows it ("had 190 million people"),
    /// right before the trigger when it comes first ("Brazil's output was
    /// worth").
    strengthened_by: Vec<String>,
}

impl Trigger {
    /// Whether `word`, right before the quantity, makes this weak trigger
    /// strong. The entry "'s" stands for any possessive ("Vietnam's 96
    /// million people").
    fn strengthens(&self, word: &str) -> bool {
        let possessive = word.ends_with("'s") || word.ends_with("\u{2019}s");
        self.strengthened_by
            .iter()
            .any(|s| s == word || (s == "'s" && possessive))
    }
}

/// A metric the lexicon knows.
#[derive(Clone, Debug, PartialEq)]
pub struct Metric {
    pub name: String,
    pub unit: Unit,
    /// The unit as the lexicon writes it ("% of GDP", "per 1,000 live births").
    pub unit_text: String,
    /// Publisher indicator codes whose data is this metric ("NY.GDP.MKTP.KD.ZG").
    pub indicators: Vec<String>,
    /// The metrics this one is the yearly percent change of: a change of
    /// one of them stated in percent is a level of this one ("grew 2.9%").
    pub rate_of: Vec<String>,
    /// The whole this metric is a percent of ("% of GDP").
    pub share_of: Option<String>,
    /// The metric whose share of `share_of` this one is ("exports" for
    /// exports as a share of GDP).
    pub part: Option<String>,
    /// Words right before a trigger that make a figure about a part.
    pub narrowed_by: Vec<String>,
    /// Phrases that do the same ("service on the" before "foreign debt"),
    /// each as its words.
    pub narrowed_by_phrases: Vec<Vec<String>>,
    /// Words right after a trigger that do the same ("exports to").
    pub narrowed_after: Vec<String>,
    /// Phrases that, anywhere in a figure's sentence, make it about a part
    /// ("hard currency": the convertible-currency account, not the whole).
    pub narrowed_in_sentence: Vec<String>,
    /// Words after a `narrowed_after` word that name the whole again
    /// ("imports of goods" are the merchandise imports the series counts).
    pub whole_after: Vec<String>,
    /// Every trigger (strong and weak), lower case, as listed.
    pub words: Vec<String>,
    /// A stock: its yearly rows are year-end levels.
    pub stock: bool,
    /// Stated month by month: undated, a figure is the current reading.
    pub current: bool,
    /// The file and line the entry was read from.
    pub origin: (String, usize),
}

/// The lexicon, ready to match.
#[derive(Clone, Debug)]
pub struct Lexicon {
    metrics: Vec<Metric>,
    triggers: Vec<Trigger>,
    /// Indexes into `triggers` (ascending) by each trigger's first word:
    /// a trigger after a quantity is looked up by the word where it starts.
    by_first: FxMap<String, Vec<usize>>,
    /// The same by last word: a trigger before a quantity ends at a word.
    by_last: FxMap<String, Vec<usize>>,
    event_nouns: FxSet<String>,
    start_verbs: FxSet<String>,
    end_verbs: FxSet<String>,
    /// Words that may follow a number without being what it counts.
    not_nouns: FxSet<String>,
    /// Words that narrow a population to a part of it ("city residents").
    subset_words: FxSet<String>,
    /// The words of `not_nouns` and `subset_words`: most words near a
    /// quantity are in neither, and are turned away here before any hash
    /// lookup.
    listed: ShortWords,
    /// The keys of `by_first`, likewise (kept apart from `listed`: the
    /// function words, common after a number, start no trigger).
    firsts: ShortWords,
    /// The keys of `by_last`, likewise.
    lasts: ShortWords,
    /// The words of `event_nouns`, likewise.
    event_words: ShortWords,
    rise_verbs: Vec<String>,
    fall_verbs: Vec<String>,
    rise_nouns: Vec<String>,
    fall_nouns: Vec<String>,
    /// The words of the four change lists, likewise.
    direction_words: ShortWords,
    /// Words that link two figures of one series ("from", "compared with").
    links: FxSet<String>,
    /// Words that name another series between a trigger and a figure
    /// further on ("rate", "yield", "sales").
    stops: FxSet<String>,
    /// Words that make a figure a forecast, target or plan.
    forecast: FxSet<String>,
    /// Phrases (lower case; whole and as words) that, right before an
    /// amount, make it a part of its metric's whole (`[parts]
    /// before_amount`).
    parts_before: Vec<(String, Vec<String>)>,
    /// Words that qualify a series rather than name anyone: the metrics'
    /// `narrowed_by` words and the `[carried]` stops.
    qualifiers: FxSet<String>,
    /// Whether each metric (by index) is the whole some share metric is a
    /// percent of ("gdp" for "% of GDP").
    is_whole: Vec<bool>,
}

/// A lexicon file that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {message}\n  hint: each [[metric]] needs name, unit and triggers")]
pub struct LexiconError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// The metric a quantity was found to count, and the words that said so.
#[derive(Clone, Debug, PartialEq)]
pub struct MetricMention {
    pub name: String,
    pub unit: Unit,
    pub trigger: String,
    /// False when only a weak trigger ("people") named it.
    pub strong: bool,
    /// Set when a word next to the trigger makes the figure about a part
    /// of the metric ("oil exports", "exports to Japan", "city
    /// residents"): the word, which the figure is not checked without.
    pub narrowed: Option<String>,
}

impl Default for Lexicon {
    /// The built-in lexicon: read and built once a process, a copy each
    /// call (a check asks for it more than once).
    fn default() -> Self {
        static BUILT: std::sync::LazyLock<Lexicon> = std::sync::LazyLock::new(|| {
            Lexicon::from_toml(BUILT_IN, DEFAULT).expect("the built-in lexicon is valid")
        });
        BUILT.clone()
    }
}

impl Lexicon {
    pub fn from_toml(file: &str, text: &str) -> Result<Lexicon, LexiconError> {
        Ok(Lexicon::build(parse(file, text)?))
    }

    /// The built-in lexicon with a newsroom's own `metrics.toml` over it:
    /// its metrics add to the built-in ones, an entry with a built-in
    /// metric's name replaces that entry, and each word-list table it has
    /// (`[events]`, `[counted]`, `[change]`, `[carried]`, `[forecast]`,
    /// `[parts]`) replaces
    /// the built-in table.
    pub fn with_own(file: &str, text: &str) -> Result<Lexicon, LexiconError> {
        let mut base = parse(BUILT_IN, DEFAULT).expect("the built-in lexicon is valid");
        let own = parse(file, text)?;
        for entry in own.metric {
            match base.metric.iter_mut().find(|e| e.name == entry.name) {
                Some(e) => *e = entry,
                None => base.metric.push(entry),
            }
        }
        base.events = own.events.or(base.events);
        base.counted = own.counted.or(base.counted);
        base.change = own.change.or(base.change);
        base.carried = own.carried.or(base.carried);
        base.forecast = own.forecast.or(base.forecast);
        base.parts = own.parts.or(base.parts);
        Ok(Lexicon::build(base))
    }

    fn build(parsed: File) -> Lexicon {
        let mut metrics = Vec::new();
        let mut triggers = Vec::new();
        let lower_all = |v: &[String]| {
            v.iter()
                .map(|w| w.trim().to_lowercase())
                .collect::<Vec<_>>()
        };
        for (i, entry) in parsed.metric.into_iter().enumerate() {
            let lists = [
                (&entry.triggers, true, false),
                (&entry.weak, false, false),
                (&entry.only_strengthened, false, true),
            ];
            for (list, strong, conditional) in lists {
                for t in list {
                    let words: Vec<String> =
                        t.split_whitespace().map(|w| w.to_lowercase()).collect();
                    if !words.is_empty() {
                        let strengthened_by = if strong {
                            Vec::new()
                        } else {
                            entry
                                .strengthened_by
                                .iter()
                                .map(|w| w.to_lowercase())
                                .collect()
                        };
                        triggers.push(Trigger {
                            words,
                            metric: i,
                            strong,
                            conditional,
                            strengthened_by,
                        });
                    }
                }
            }
            let words = entry
                .triggers
                .iter()
                .chain(&entry.weak)
                .chain(&entry.only_strengthened)
                .map(|w| {
                    w.split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .to_lowercase()
                })
                .filter(|w| !w.is_empty())
                .collect();
            // A phrase ("service on the") is kept as its words.
            let (narrowed_by, phrases): (Vec<String>, Vec<String>) = lower_all(&entry.narrowed_by)
                .into_iter()
                .partition(|w| !w.contains(' '));
            let narrowed_by_phrases = phrases
                .iter()
                .map(|w| w.split_whitespace().map(str::to_string).collect())
                .collect();
            metrics.push(Metric {
                unit: Unit::parse(&entry.unit),
                unit_text: entry.unit,
                name: entry.name,
                indicators: entry
                    .indicators
                    .iter()
                    .map(|c| c.trim().to_ascii_uppercase())
                    .collect(),
                rate_of: entry.rate_of.into_vec(),
                share_of: entry.share_of,
                part: entry.part,
                narrowed_by,
                narrowed_by_phrases,
                narrowed_after: lower_all(&entry.narrowed_after),
                narrowed_in_sentence: lower_all(&entry.narrowed_in_sentence),
                whole_after: lower_all(&entry.whole_after),
                words,
                stock: entry.stock,
                current: entry.current,
                origin: entry.origin,
            });
        }
        // Longer triggers first, so "death toll" wins over "toll".
        triggers.sort_by_key(|t| std::cmp::Reverse(t.words.len()));
        let mut by_first: FxMap<String, Vec<usize>> = FxMap::default();
        let mut by_last: FxMap<String, Vec<usize>> = FxMap::default();
        for (i, t) in triggers.iter().enumerate() {
            by_first.entry(t.words[0].clone()).or_default().push(i);
            by_last
                .entry(t.words[t.words.len() - 1].clone())
                .or_default()
                .push(i);
        }
        let lower = |v: &[String]| v.iter().map(|w| w.to_lowercase()).collect::<FxSet<_>>();
        let is_whole = metrics
            .iter()
            .map(|w| {
                metrics
                    .iter()
                    .any(|m| m.share_of.as_deref() == Some(w.name.as_str()))
            })
            .collect();
        let counted = parsed.counted.unwrap_or_default();
        let events = parsed.events.unwrap_or_default();
        let change = parsed.change.unwrap_or_default();
        let carried = parsed.carried.unwrap_or_default();
        let links = lower(&carried.links);
        let stops = lower(&carried.stops);
        let not_nouns = lower(&counted.not_nouns);
        let subset_words = lower(&counted.subset_words);
        let event_nouns = lower(&events.nouns);
        let event_words = ShortWords::of(&event_nouns);
        let listed = ShortWords::of(not_nouns.iter().chain(&subset_words));
        let firsts = ShortWords::of(by_first.keys());
        let lasts = ShortWords::of(by_last.keys());
        let qualifiers = stops
            .iter()
            .chain(metrics.iter().flat_map(|m| &m.narrowed_by))
            .cloned()
            .collect();
        Lexicon {
            qualifiers,
            links,
            stops,
            forecast: lower(&parsed.forecast.unwrap_or_default().words),
            parts_before: parsed
                .parts
                .unwrap_or_default()
                .before_amount
                .iter()
                .map(|p| {
                    let words: Vec<String> = p.split_whitespace().map(str::to_lowercase).collect();
                    (words.join(" "), words)
                })
                .collect(),
            start_verbs: lower(&events.start_verbs),
            end_verbs: lower(&events.end_verbs),
            not_nouns,
            subset_words,
            listed,
            firsts,
            lasts,
            event_nouns,
            event_words,
            metrics,
            triggers,
            by_first,
            by_last,
            is_whole,
            direction_words: ShortWords::of(
                change
                    .rise_verbs
                    .iter()
                    .chain(&change.fall_verbs)
                    .chain(&change.rise_nouns)
                    .chain(&change.fall_nouns)
                    .map(|w| w.trim().to_lowercase()),
            ),
            rise_verbs: lower_all(&change.rise_verbs),
            fall_verbs: lower_all(&change.fall_verbs),
            rise_nouns: lower_all(&change.rise_nouns),
            fall_nouns: lower_all(&change.fall_nouns),
        }
    }

    /// The metric named `name`.
    pub fn metric(&self, name: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.name == name)
    }

    /// Whether the metric `name` is a yearly rate or has one (`gdp`,
    /// `gdp_growth`, `inflation`): a percent change of it reads as the
    /// rate's level, where one of a share or a count stays a change.
    pub fn has_yearly_rate(&self, name: &str) -> bool {
        self.rate_metric(name).is_some() || self.metric(name).is_some_and(|m| !m.rate_of.is_empty())
    }

    /// Whether `words` (lower case) hold a strong trigger of a metric that
    /// `rate` is the yearly rate of ("gross domestic product" for
    /// `gdp_growth`): then a weak word of the rate ("growth") near a figure
    /// of the same sentence names it surely ("GDP ... after 1.9 pct growth
    /// in 1985").
    /// `words` are made only for a rate, on the first call of `words`.
    pub fn names_a_base_of<'w>(&self, rate: &str, words: impl FnOnce() -> Vec<&'w str>) -> bool {
        let Some(r) = self.metric(rate).filter(|r| !r.rate_of.is_empty()) else {
            return false;
        };
        let words = words();
        self.triggers.iter().any(|t| {
            t.strong
                && !t.conditional
                && r.rate_of.iter().any(|b| *b == self.metrics[t.metric].name)
                && words
                    .windows(t.words.len())
                    .any(|w| w.iter().zip(&t.words).all(|(a, b)| *a == b))
        })
    }

    /// The first of `name`'s sentence-wide narrowing phrases that the
    /// sentence `lower` (lower case) holds as whole words: "Hungary's hard
    /// currency debt rose ... because of a current account deficit of 1.42
    /// billion dlrs" speaks of the hard-currency account, a part.
    pub fn narrowed_in_sentence(&self, name: &str, lower: &str) -> Option<&str> {
        let m = self.metric(name)?;
        let bound = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() && c != '-');
        m.narrowed_in_sentence
            .iter()
            .find(|p| {
                lower.match_indices(p.as_str()).any(|(at, _)| {
                    bound(lower[..at].chars().next_back())
                        && bound(lower[at + p.len()..].chars().next())
                })
            })
            .map(String::as_str)
    }

    /// The metric that is the yearly percent change of `base` ("gdp" ->
    /// "gdp_growth").
    pub fn rate_metric(&self, base: &str) -> Option<&Metric> {
        self.metrics
            .iter()
            .find(|m| m.rate_of.iter().any(|r| r == base))
    }

    /// The metric that is `part` as a percent of `whole` ("exports" of
    /// "gdp"), or `part` itself when it is already a share of `whole`.
    pub fn share_metric(&self, part: &str, whole: &str) -> Option<&Metric> {
        let is_share = |m: &Metric| m.share_of.as_deref() == Some(whole);
        self.metric(part).filter(|m| is_share(m)).or_else(|| {
            self.metrics
                .iter()
                .find(|m| is_share(m) && m.part.as_deref() == Some(part))
        })
    }

    /// Whether `words[at..at + len]` (a sentence's words in order, lower
    /// case) all lie inside one trigger of some metric read there: the
    /// capitalised "Gross Domestic Product" or a sentence's opening
    /// "Inflation" names what a figure counts, not whom it is about.
    pub fn names_metric<S: AsRef<str>>(&self, words: &[S], at: usize, len: usize) -> bool {
        let end = at + len;
        if len == 0 || end > words.len() {
            return false;
        }
        let longest = self.longest_trigger();
        (at.saturating_sub(longest)..=at).any(|j| {
            self.starting(words[j].as_ref()).iter().any(|&i| {
                let t = &self.triggers[i].words;
                let n = t.len();
                j + n >= end
                    && j + n <= words.len()
                    && words[j..j + n].iter().zip(t).all(|(a, b)| a.as_ref() == b)
            })
        })
    }

    /// The number of words of the longest trigger.
    pub fn longest_trigger(&self) -> usize {
        // Triggers are sorted longest first.
        self.triggers.first().map_or(0, |t| t.words.len())
    }

    /// The metric whose data a publisher's indicator code is.
    pub fn by_indicator(&self, code: &str) -> Option<&Metric> {
        self.metrics
            .iter()
            .find(|m| m.indicators.iter().any(|c| c.eq_ignore_ascii_case(code)))
    }

    /// Whether `word` (lower case) qualifies a series rather than naming
    /// anyone: a word that narrows a metric ("wholesale", "industrial") or
    /// names another series ("production", "sales").
    pub fn qualifies(&self, word: &str) -> bool {
        self.qualifiers.contains(word)
    }

    /// Whether `word` (lower case) is one of the verbs of change.
    pub fn is_change_verb(&self, word: &str) -> bool {
        self.may_say_direction(word)
            && self
                .rise_verbs
                .iter()
                .chain(&self.fall_verbs)
                .any(|v| v == word)
    }

    /// The verbs that say a figure went up, and down ("rose", "shrank").
    pub fn change_verbs(&self) -> (&[String], &[String]) {
        (&self.rise_verbs, &self.fall_verbs)
    }

    /// Whether `word` may be in one of the change lists (false: it is in
    /// none).
    pub fn may_say_direction(&self, word: &str) -> bool {
        self.direction_words.may_hold(word)
    }

    /// Whether `word` (lower case) may stand between two figures of one
    /// series ("fell to 2.1 pct from 4.7 pct").
    pub fn is_link(&self, word: &str) -> bool {
        self.links.contains(word)
    }

    /// Whether `word` (lower case) names another series than the trigger
    /// before it ("the discount rate", "sales").
    pub fn is_stop(&self, word: &str) -> bool {
        self.stops.contains(word)
    }

    /// The `[parts] before_amount` phrase that `before` (the text before an
    /// amount, lower case) ends with as whole words, if any: "refinancing"
    /// in "near accord on refinancing", before "about 30 billion dlrs of
    /// foreign debt".
    pub fn part_before(&self, before: &str) -> Option<&str> {
        let longest = self.parts_before.iter().map(|(_, p)| p.len()).max()?;
        // Only the last few words are read: a long sentence's many amounts
        // do not each read it from its start.
        let tail = crate::extract::subjects::tail_of_last_words(before, longest);
        let last: Vec<&str> = crate::extract::subjects::words(tail)
            .map(|(_, w)| w)
            .collect();
        self.parts_before
            .iter()
            .find(|(_, p)| ends_with_words(&last, p))
            .map(|(phrase, _)| phrase.as_str())
    }

    /// Whether `word` (lower case) makes a figure a forecast, target or
    /// plan ("forecast", "expected", "would").
    pub fn is_forecast(&self, word: &str) -> bool {
        self.forecast.contains(word)
    }

    /// The nouns after a figure that make it a change ("a 5 percent increase").
    pub fn change_nouns(&self) -> (&[String], &[String]) {
        (&self.rise_nouns, &self.fall_nouns)
    }

    /// Words that two metrics both list, each with the two metrics: a
    /// figure next to one could count either.
    pub fn shared_words(&self) -> Vec<(&str, &Metric, &Metric)> {
        let mut seen: std::collections::BTreeMap<&str, &Metric> = Default::default();
        let mut shared = Vec::new();
        for m in &self.metrics {
            for w in &m.words {
                match seen.get(w.as_str()) {
                    Some(first) if first.name != m.name => shared.push((w.as_str(), *first, m)),
                    Some(_) => {}
                    None => {
                        seen.insert(w, m);
                    }
                }
            }
        }
        shared
    }

    pub fn metrics(&self) -> &[Metric] {
        &self.metrics
    }

    /// Which event date a calendar phrase in `sentence` at `range` states:
    /// [`METRIC_END`](super::METRIC_END) after an end verb ("ended in 1995"),
    /// [`METRIC_DATE`](super::METRIC_DATE) after a start or holding verb
    /// ("began in 2011", "was held in 2016") or before an event noun ("the
    /// 2016 U.S. presidential election"); `None` when it only says when the
    /// sentence's other claims are set.
    pub fn event_date_metric(
        &self,
        lowered: &Lowered,
        range: &std::ops::Range<usize>,
    ) -> Option<&'static str> {
        let sentence = lowered.text();
        // The last two words before the phrase: "ended in", "began on".
        let before = &sentence[..range.start];
        if let Some((at, last)) = super::subjects::last_word(before) {
            // No other letter lowercases to an ASCII one but the Kelvin
            // sign (to "k"): the ASCII comparison is the lowercase one.
            if last.eq_ignore_ascii_case("in") || last.eq_ignore_ascii_case("on") {
                if let Some((_, verb)) = super::subjects::last_word(&before[..at]) {
                    let verb = verb.to_lowercase();
                    if self.end_verbs.contains(&verb) {
                        return Some(super::METRIC_END);
                    }
                    if self.start_verbs.contains(&verb) {
                        return Some(super::METRIC_DATE);
                    }
                }
            }
        }
        self.event_noun_follows(lowered, range.end, 0)
            .then_some(super::METRIC_DATE)
    }

    /// Whether one of the four words after the first `skip` of the clause
    /// that starts at byte `from` of the sentence is an event noun ("the
    /// 2016 U.S. presidential election").
    pub fn event_noun_follows(&self, lowered: &Lowered, from: usize, skip: usize) -> bool {
        let after = &lowered.text()[from..];
        // The marks are ASCII: their bytes are found only as themselves.
        let end = after
            .bytes()
            .position(|b| matches!(b, b',' | b';' | b':' | b'(' | b')'))
            .unwrap_or(after.len());
        let clause = &after[..end];
        // An ASCII clause's lowercase is its slice of the sentence's
        // lowercase copy.
        let lower = if clause.is_ascii() {
            Cow::Borrowed(&lowered.lower()[from..from + clause.len()])
        } else {
            Cow::Owned(clause.to_lowercase())
        };
        super::subjects::words(&lower)
            .skip(skip)
            .take(4)
            .any(|(_, w)| self.is_event_noun(w))
    }

    /// Whether `word` (lower case) names an event whose date a following
    /// relative date states ("the election two years ago").
    pub fn is_event_noun(&self, word: &str) -> bool {
        self.event_words.may_hold(word) && self.event_nouns.contains(word)
    }

    /// Whether [`Lexicon::find`] reads the words before a quantity, given
    /// those after it (nearest first, lower case). It does not when the
    /// number counts the word after it ("13 districts"): a word that is no
    /// function word and starts no trigger, so that what the words before
    /// say is about something else, and no trigger after the quantity
    /// starts right after it (which the word before could strengthen).
    pub fn reads_before(&self, after: &[&str]) -> bool {
        !after
            .first()
            .is_some_and(|w| !self.is_function_word(w) && self.starting(w).is_empty())
    }

    /// Whether `word` (lower case) may follow a number without being what
    /// it counts.
    fn is_function_word(&self, word: &str) -> bool {
        self.listed.may_hold(word) && self.not_nouns.contains(word)
    }

    /// Whether `word` (lower case) narrows a population to a part of it.
    fn is_subset_word(&self, word: &str) -> bool {
        self.listed.may_hold(word) && self.subset_words.contains(word)
    }

    /// The triggers (indexes, ascending) whose first word is `word`.
    fn starting(&self, word: &str) -> &[usize] {
        let found = self.firsts.may_hold(word).then(|| self.by_first.get(word));
        found.flatten().map_or(&[], Vec::as_slice)
    }

    /// The triggers (indexes, ascending) whose last word is `word`.
    fn ending(&self, word: &str) -> &[usize] {
        let found = self.lasts.may_hold(word).then(|| self.by_last.get(word));
        found.flatten().map_or(&[], Vec::as_slice)
    }

    /// The metric named by the words around a quantity. `before` are the
    /// clause's words before the quantity (nearest last), `after` those after
    /// it (nearest first), all lower case. The nearest strong trigger wins;
    /// ties go to the words after the quantity ("2 million deaths").
    ///
    /// "3.3% of GDP": a whole some share metric is a percent of, right
    /// after "of", names no metric of the figure; the figure is the share
    /// of that whole of the metric the other words name ("debt", "exports
    /// were 30% of GDP"), or none when no share metric fits.
    pub fn find(&self, before: &[&str], after: &[&str]) -> Option<MetricMention> {
        self.find_reaching(before, after, before.len())
    }

    /// [`Lexicon::find`], where a trigger before the quantity counts only
    /// when its last word is among the `reach` words nearest it; the words
    /// further back are there to complete a longer trigger ("child
    /// mortality in Sierra Leone fell to 94": "child" is the seventh word
    /// back, "mortality" the sixth).
    pub fn find_reaching(
        &self,
        before: &[&str],
        after: &[&str],
        reach: usize,
    ) -> Option<MetricMention> {
        // Without a part, or a share metric of it, the plain reading: "20
        // percent of the population" is a share of a population (a derived
        // claim), which the extract stage reads.
        if let Some((whole, rest)) = self.whole_after(after) {
            let share = self
                .find_near(before, rest, reach)
                .and_then(|part| Some((self.share_metric(&part.name, whole)?, part)));
            if let Some((share, part)) = share {
                return Some(MetricMention {
                    name: share.name.clone(),
                    unit: share.unit.clone(),
                    ..part
                });
            }
        }
        self.find_near(before, after, reach)
    }

    /// The whole named by "of (the) <whole>" at the start of `after`, when
    /// a share metric is a percent of it, and the words after it.
    fn whole_after<'a, 'w>(&self, after: &'a [&'w str]) -> Option<(&str, &'a [&'w str])> {
        let mut k = usize::from(after.first() == Some(&"of"));
        if k == 0 {
            return None;
        }
        // "of the GDP", "of Germany's GDP".
        if after
            .get(k)
            .is_some_and(|w| *w == "the" || w.ends_with("'s") || w.ends_with("\u{2019}s"))
        {
            k += 1;
        }
        let word = after.get(k)?;
        self.starting(word).iter().find_map(|&i| {
            let t = &self.triggers[i];
            let n = t.words.len();
            let whole =
                after.len() >= k + n && after[k..k + n].iter().zip(&t.words).all(|(a, b)| *a == b);
            let name = self.metrics[t.metric].name.as_str();
            let is_whole = self.is_whole[t.metric];
            (whole && is_whole && t.strong).then(|| (name, &after[k + n..]))
        })
    }

    fn find_near(&self, before: &[&str], after: &[&str], reach: usize) -> Option<MetricMention> {
        let is_function_word = |w: &str| self.is_function_word(w);
        let is_subset_word = |w: &str| self.is_subset_word(w);
        let counts_next_word = !self.reads_before(after);
        // Each trigger's nearest whole match on each side, found through
        // the word indexes. `taken` holds (trigger, side) pairs whose
        // nearest match was seen (a match that makes no candidate still
        // ends that trigger's search on its side); `found` the candidates.
        let mut taken: Vec<(usize, u8)> = Vec::new();
        let mut found: Vec<(usize, Candidate)> = Vec::new();
        // After: the trigger's first word at position p, with only
        // function words between ("of deaths", "people were killed"); a
        // content word between says the number counts something else
        // ("one measure meant that residents", "200 mln city residents"),
        // unless it narrows the trigger ("of oil exports"): then the figure
        // is about a part.
        for p in 0..after.len() {
            for &i in self.starting(after[p]) {
                let t = &self.triggers[i];
                let n = t.words.len();
                let whole = p + n <= after.len()
                    && after[p..p + n].iter().zip(&t.words).all(|(a, b)| *a == b);
                if !whole || taken.contains(&(i, 0)) {
                    continue;
                }
                taken.push((i, 0));
                let function = |w: &&str| is_function_word(w) && !is_subset_word(w);
                let k = self.narrowing_before(t, &after[..p]);
                let clear = after[..p - k].iter().all(function);
                if clear {
                    // Right after the figure, or after "of" ("covers 8.79
                    // million square kilometres of land").
                    let strengthened = after[..p].iter().all(|w| *w == "of")
                        && before.last().is_some_and(|w| t.strengthens(w));
                    let narrowed = if k > 0 {
                        Some(Narrowing::Before(&after[p - k..p]))
                    } else {
                        after
                            .get(p + n)
                            .copied()
                            .filter(|w| self.narrows_after(t, w, after.get(p + n + 1).copied()))
                            .map(|w| Narrowing::After(w, after.get(p + n + 1).copied()))
                    };
                    if t.conditional && !strengthened {
                        continue;
                    }
                    let strength = if t.strong { 2 } else { u8::from(strengthened) };
                    // "exports totalled 22.4 billion dlrs and imports 20.1
                    // billion": a trigger after a conjunction is the next
                    // figure's; it counts one word further, so that one as
                    // near before the figure wins.
                    let joined = after[..p]
                        .iter()
                        .any(|w| matches!(*w, "and" | "but" | "while" | "whereas"));
                    // "rose 35.1 pct to 770 mln dlrs and imports fell 3.8
                    // pct": a joined trigger with its own verb after it is
                    // the subject of the next clause, not this figure's.
                    let own_verb = after.get(p + n).is_some_and(|w| {
                        matches!(
                            *w,
                            "was"
                                | "were"
                                | "is"
                                | "are"
                                | "totalled"
                                | "totaled"
                                | "stood"
                                | "reached"
                                | "amounted"
                        ) || self.is_change_verb(w)
                    });
                    if joined && own_verb {
                        continue;
                    }
                    found.push((i, (strength, p + usize::from(joined), 0, t, narrowed)));
                }
            }
        }
        // Before: the trigger's last word at distance d from the quantity;
        // a subset word or a narrowing word right before it ("indigenous
        // population of", "oil exports of"), or one right after it
        // ("exports to Japan were"), makes the figure about a part.
        let before_len = if counts_next_word {
            0
        } else {
            before.len().min(reach)
        };
        for d in 0..before_len {
            let end = before.len() - d;
            for &i in self.ending(before[end - 1]) {
                let t = &self.triggers[i];
                let n = t.words.len();
                let whole = end >= n
                    && before[end - n..end]
                        .iter()
                        .zip(&t.words)
                        .all(|(a, b)| *a == b);
                if !whole || taken.contains(&(i, 1)) {
                    continue;
                }
                taken.push((i, 1));
                let k = self.narrowing_before(t, &before[..end - n]);
                let narrowed = (k > 0)
                    .then(|| Narrowing::Before(&before[end - n - k..end - n]))
                    .or_else(|| {
                        (end > n && is_subset_word(before[end - n - 1]))
                            .then(|| Narrowing::Before(&before[end - n - 1..end - n]))
                    })
                    // A word after the trigger narrows it only with more
                    // words before the figure ("imports of U.S. goods to 200
                    // mln dlrs"), not right before the figure ("exports of
                    // 20 billion dlrs", "cut imports to 9 billion").
                    .or_else(|| {
                        before[..before.len() - 1]
                            .get(end)
                            .copied()
                            .filter(|w| self.narrows_after(t, w, before.get(end + 1).copied()))
                            .map(|w| Narrowing::After(w, before.get(end + 1).copied()))
                    });
                // A weak trigger before the figure is strong after one of
                // its strengthening words ("Brazil's output was worth").
                let strengthened = !t.strong && end > n && t.strengthens(before[end - n - 1]);
                if t.conditional && !strengthened {
                    continue;
                }
                let strength = if t.strong { 2 } else { u8::from(strengthened) };
                found.push((i, (strength, d, 1, t, narrowed)));
            }
        }
        // In the order the triggers are listed, each one's match after the
        // quantity before its match before it: of equally good candidates,
        // the first wins.
        found.sort_by_key(|&(i, (_, _, side, _, _))| (i, side));
        let mut best: Option<Candidate> = None;
        for (_, cand) in found {
            if better(&cand, &best) {
                best = Some(cand);
            }
        }
        best.map(|(strength, _, _, t, narrowed)| {
            let strong = strength > 0;
            let metric = &self.metrics[t.metric];
            MetricMention {
                name: metric.name.clone(),
                unit: metric.unit.clone(),
                trigger: t.words.join(" "),
                strong,
                narrowed: narrowed.map(|w| match w {
                    Narrowing::Before(w) => format!("{} {}", w.join(" "), t.words.join(" ")),
                    Narrowing::After(w, None) => format!("{} {w}", t.words.join(" ")),
                    Narrowing::After(w, Some(next)) => {
                        format!("{} {w} {next}", t.words.join(" "))
                    }
                }),
            }
        })
    }

    /// How many of the last of `words` (those right before trigger `t`)
    /// make a figure about a part of its metric: one word ("oil exports",
    /// "youth unemployment") or a phrase ("service on the foreign debt");
    /// 0 when none do.
    fn narrowing_before(&self, t: &Trigger, words: &[&str]) -> usize {
        let m = &self.metrics[t.metric];
        if words
            .last()
            .is_some_and(|w| m.narrowed_by.iter().any(|n| n == w))
        {
            return 1;
        }
        m.narrowed_by_phrases
            .iter()
            .filter(|p| ends_with_words(words, p))
            .map(Vec::len)
            .max()
            .unwrap_or(0)
    }

    /// Whether `word`, right after trigger `t` and before `next`, does
    /// ("exports to Japan"; not "imports of goods").
    fn narrows_after(&self, t: &Trigger, word: &str, next: Option<&str>) -> bool {
        let m = &self.metrics[t.metric];
        m.narrowed_after.iter().any(|w| w == word)
            && !next.is_some_and(|n| m.whole_after.iter().any(|w| w == n))
    }
}

/// Whether `words` end with the words of `phrase`.
fn ends_with_words(words: &[&str], phrase: &[String]) -> bool {
    words.len() >= phrase.len()
        && words[words.len() - phrase.len()..]
            .iter()
            .zip(phrase)
            .all(|(a, b)| a == b)
}

/// A trigger found near a quantity: (strength: 2 a strong trigger, 1 a
/// weak one made strong by the word before it ("had 190 million people"),
/// 0 a weak one; distance; side: 0 after and 1 before; the trigger; the
/// word that narrows it to a part). A strong trigger beats a strengthened
/// one at any distance ("the labor force numbered 172 million people").
type Candidate<'a, 'w> = (u8, usize, u8, &'a Trigger, Option<Narrowing<'w>>);

/// What makes a trigger's figure about a part, and on which side of the
/// trigger it stands: before it, a word or a phrase ("oil exports",
/// "service on the foreign debt"); after it, a word, with the word that
/// follows, if any, to say which part ("exports to japan").
#[derive(Clone, Copy)]
enum Narrowing<'w> {
    Before(&'w [&'w str]),
    After(&'w str, Option<&'w str>),
}

fn better(cand: &Candidate, best: &Option<Candidate>) -> bool {
    match best {
        None => true,
        Some(b) => {
            if cand.0 != b.0 {
                return cand.0 > b.0;
            }
            (cand.1, cand.2, std::cmp::Reverse(cand.3.words.len()))
                < (b.1, b.2, std::cmp::Reverse(b.3.words.len()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(before: &str, after: &str) -> Option<String> {
        let lex = Lexicon::default();
        let b: Vec<&str> = before.split_whitespace().collect();
        let a: Vec<&str> = after.split_whitespace().collect();
        lex.find(&b, &a).map(|m| m.name)
    }

    /// A trigger after a conjunction names the next figure, so one as near
    /// before the figure wins; with none before, it still names it.
    #[test]
    fn a_trigger_after_and_belongs_to_the_next_figure() {
        assert_eq!(
            find("in 1986 exports totalled", "and imports").as_deref(),
            Some("exports")
        );
        assert_eq!(find("it had", "and imports").as_deref(), Some("imports"));
        assert_eq!(
            find("exports totalled", "imports").as_deref(),
            Some("imports")
        );
    }

    /// A sentence-wide narrowing phrase counts only as whole words, and
    /// only for the metrics that list it.
    #[test]
    fn a_sentence_narrows_by_whole_phrases() {
        let lex = Lexicon::default();
        let area = |name: &str, s: &str| lex.narrowed_in_sentence(name, s);
        assert_eq!(
            area("current_account", "its hard currency debt rose"),
            Some("hard currency")
        );
        assert_eq!(
            area("imports", "(convertible currencies) imports"),
            Some("convertible currencies")
        );
        assert_eq!(area("current_account", "a hard currencyless deal"), None);
        assert_eq!(area("current_account", "a non-hard currency deal"), None);
        assert_eq!(area("gdp", "its hard currency debt rose"), None);
        assert_eq!(area("no_such_metric", "hard currency"), None);
    }

    /// The lookups that first ask a `ShortWords` give what the hash lookups
    /// alone give, for every word the lexicon lists and random words.
    #[test]
    fn listed_lookups_are_their_definition() {
        let lex = Lexicon::default();
        let mut words: Vec<String> = lex
            .by_first
            .keys()
            .chain(lex.by_last.keys())
            .chain(&lex.not_nouns)
            .chain(&lex.subset_words)
            .chain(&lex.event_nouns)
            .cloned()
            .collect();
        let letters = [
            "p", "e", "o", "l", "s", "d", "a", "t", "h", "i", "n", "'", "\u{e9}",
        ];
        words.extend(crate::testing::random_texts(&letters, 18, 20_000));
        for w in &words {
            let first = lex.by_first.get(w.as_str()).map_or(&[][..], Vec::as_slice);
            let last = lex.by_last.get(w.as_str()).map_or(&[][..], Vec::as_slice);
            assert_eq!(lex.starting(w), first, "{w:?}");
            assert_eq!(lex.ending(w), last, "{w:?}");
            assert_eq!(
                lex.is_function_word(w),
                lex.not_nouns.contains(w.as_str()),
                "{w:?}"
            );
            assert_eq!(
                lex.is_subset_word(w),
                lex.subset_words.contains(w.as_str()),
                "{w:?}"
            );
            assert_eq!(
                lex.is_event_noun(w),
                lex.event_nouns.contains(w.as_str()),
                "{w:?}"
            );
        }
    }

    /// `event_noun_follows` finds the clause's end by its marks' bytes:
    /// the same as a search for the characters, on random texts.
    #[test]
    fn event_noun_follows_is_its_definition() {
        let lex = Lexicon::default();
        let plain = |lowered: &Lowered, from: usize, skip: usize| {
            let after = &lowered.text()[from..];
            let clause = &after[..after.find([',', ';', ':', '(', ')']).unwrap_or(after.len())];
            super::super::subjects::words(&clause.to_lowercase())
                .skip(skip)
                .take(4)
                .any(|(_, w)| lex.event_nouns.contains(w))
        };
        let pieces = [
            "the ", "Election", " ", "war ", "vote", ",", ";", ":", "(", ")", "\u{e9}", "\u{2014}",
            "Polls ",
        ];
        for s in crate::testing::random_texts(&pieces, 10, 20_000) {
            let lowered = Lowered::new(&s);
            for from in (0..=s.len()).filter(|&i| s.is_char_boundary(i)) {
                for skip in [0, 1] {
                    assert_eq!(
                        lex.event_noun_follows(&lowered, from, skip),
                        plain(&lowered, from, skip),
                        "{s:?} from {from}"
                    );
                }
            }
        }
    }

    #[test]
    fn nearest_strong_trigger_wins() {
        assert_eq!(
            find("has caused", "of deaths and wounded").as_deref(),
            Some("deaths")
        );
        assert_eq!(
            find("of deaths and wounded", "").as_deref(),
            Some("wounded")
        );
        assert_eq!(find("killed", "people").as_deref(), Some("deaths"));
        assert_eq!(find("home to", "people").as_deref(), Some("population"));
        assert_eq!(
            find("out of a population of", "").as_deref(),
            Some("population")
        );
    }

    /// A weak trigger before the figure is strong after a possessive; an
    /// `only_strengthened` one names nothing without it.
    #[test]
    fn possessives_strengthen_triggers_before_the_figure() {
        let lex = Lexicon::default();
        let find = |before: &str| {
            let b: Vec<&str> = before.split_whitespace().collect();
            lex.find(&b, &[]).map(|m| (m.name, m.strong))
        };
        assert_eq!(
            find("brazil's economy was worth roughly"),
            Some(("gdp".into(), true))
        );
        assert_eq!(find("cost the economy"), Some(("gdp".into(), false)));
        assert_eq!(find("india's output expanded"), Some(("gdp".into(), true)));
        assert_eq!(find("steel output expanded"), None);
        assert_eq!(find("commercial vehicle output fell"), None);
    }

    #[test]
    fn weak_trigger_strengthened_by_the_verb_before() {
        let lex = Lexicon::default();
        let m = lex.find(&["nigeria", "had"], &["people", "in"]).unwrap();
        assert!(m.strong && m.name == "population");
        let m = lex.find(&["vietnam's"], &["people", "sent"]).unwrap();
        assert!(m.strong && m.name == "population");
        let m = lex.find(&["indonesia", "sent"], &["people"]).unwrap();
        assert!(!m.strong);
        assert!(lex.is_event_noun("election") && !lex.is_event_noun("sales"));
    }

    fn words(s: &str) -> Vec<&str> {
        s.split_whitespace().collect()
    }

    /// Issue 16: "3.3% of GDP" is a share metric of its own, never `gdp`;
    /// "exports were 30% of GDP" is exports as a share of GDP.
    #[test]
    fn issue_16_a_percent_of_a_whole_is_a_share_metric() {
        let lex = Lexicon::default();
        let debt = lex
            .find(&words("japan's government debt is"), &words("of gdp"))
            .unwrap();
        assert_eq!(debt.name, "government_debt");
        let exports = lex
            .find(&words("mexico's exports were"), &words("of gdp in"))
            .unwrap();
        assert_eq!(exports.name, "exports_share_of_gdp");
    }

    /// Issue 16: a figure about a part ("oil exports", "exports to Japan")
    /// is named with the word that narrows it, so it is never checked
    /// against the whole.
    #[test]
    fn issue_16_qualifiers_narrow_never_widen() {
        let lex = Lexicon::default();
        for (before, after) in [
            ("brazil's oil exports rose to", ""),
            ("brazil's exports to japan rose to", ""),
            ("", "of oil exports"),
        ] {
            let m = lex.find(&words(before), &words(after)).expect(before);
            assert_eq!(m.name, "exports", "{before} | {after}");
            assert!(m.narrowed.is_some(), "{before} | {after}: {m:?}");
        }
        let whole = lex.find(&words("brazil's exports rose to"), &[]).unwrap();
        assert_eq!(whole.narrowed, None);
    }

    /// Issue 16: rates say what they are a rate of, in the lexicon.
    #[test]
    fn issue_16_rates_are_data() {
        let lex = Lexicon::default();
        assert_eq!(lex.rate_metric("gdp").unwrap().name, "gdp_growth");
        assert_eq!(
            lex.rate_metric("consumer_prices").unwrap().name,
            "inflation"
        );
        assert_eq!(
            lex.by_indicator("ny.gdp.mktp.kd.zg").unwrap().name,
            "gdp_growth"
        );
    }

    /// Issue 16: a newsroom's own metrics.toml adds a metric and replaces
    /// one by name, and its change words replace the built-in list.
    #[test]
    fn issue_16_own_lexicon_adds_and_replaces() {
        let own = r#"
[[metric]]
name = "hospital_beds"
unit = "per 1,000 people"
triggers = ["hospital beds"]

[[metric]]
name = "deaths"
unit = "people"
triggers = ["fatalities"]

[change]
rise_verbs = ["ballooned"]
fall_verbs = ["sank"]
"#;
        let lex = Lexicon::with_own("own/metrics.toml", own).unwrap();
        let beds = lex
            .find(&words("there were"), &words("hospital beds per"))
            .unwrap();
        assert_eq!(
            (beds.name.as_str(), &beds.unit),
            ("hospital_beds", &Unit::Per(1000))
        );
        // "killed" was a built-in trigger of deaths; the replacement drops it.
        let killed = lex.find(&[], &words("people were killed")).map(|m| m.name);
        assert_ne!(killed.as_deref(), Some("deaths"));
        assert_eq!(lex.find(&[], &words("fatalities")).unwrap().name, "deaths");
        assert_eq!(lex.change_verbs().0, ["ballooned".to_string()]);
        assert!(lex.metric("gdp").is_some(), "built-in metrics stay");
        let bad = Lexicon::with_own("own/metrics.toml", "[[metric]]\nname = \"x\"\n").unwrap_err();
        assert_eq!(
            (bad.file.as_str(), bad.line),
            ("own/metrics.toml", 1),
            "{bad}"
        );
    }

    /// The `[parts]` words end the text before an amount as whole words
    /// ("refinancing", "payments on"), not inside a word or mid-text; a
    /// newsroom's own table replaces the built-in one.
    #[test]
    fn parts_before_an_amount_end_the_text_before_it() {
        let lex = Lexicon::default();
        let part = |before: &str| lex.part_before(before);
        assert_eq!(
            part("near accord with creditor banks on refinancing"),
            Some("refinancing")
        );
        assert_eq!(
            part("a suspension in interest payments on"),
            Some("payments on")
        );
        assert_eq!(part("bauxite accounts for"), Some("accounts for"));
        assert_eq!(part("refinancing talks put the debt at"), None);
        assert_eq!(part("the prerefinancing"), None);
        // Only the end of a long text is read, and read whole.
        let long = format!("{}interest payments on", "word ".repeat(10_000));
        assert_eq!(part(&long), Some("payments on"));
        assert_eq!(part(&format!("{}ment", "x".repeat(500))), None);
        assert_eq!(part(""), None);
        let own =
            Lexicon::with_own("own.toml", "[parts]\nbefore_amount = [\"Written Off\"]\n").unwrap();
        assert_eq!(
            own.part_before("the bank has written off"),
            Some("written off")
        );
        assert_eq!(own.part_before("on refinancing"), None);
    }

    /// Issue 16: `reference validate` reports words two metrics claim;
    /// the built-in lexicon has none.
    #[test]
    fn issue_16_no_word_names_two_built_in_metrics() {
        let lex = Lexicon::default();
        let shared: Vec<_> = lex
            .shared_words()
            .iter()
            .map(|(w, a, b)| format!("{w}: {} {}", a.name, b.name))
            .collect();
        assert!(shared.is_empty(), "{shared:?}");
        let own = "[[metric]]\nname = \"jobless\"\nunit = \"percent\"\ntriggers = [\"unemployment rate\"]\n";
        let lex = Lexicon::with_own("m.toml", own).unwrap();
        assert_eq!(lex.shared_words().len(), 1);
    }

    #[test]
    fn a_content_word_or_subset_word_blocks_a_trigger() {
        assert_eq!(
            find(
                "the statement said",
                "measure meant that residents in spain"
            ),
            None
        );
        assert_eq!(find("china's", "city residents"), None);
        // A subset word narrows the trigger: the figure is about a part.
        let lex = Lexicon::default();
        let narrowed = lex
            .find(
                &["with", "a", "tiny", "indigenous", "population", "of"],
                &[],
            )
            .expect("a narrowed mention");
        assert_eq!(narrowed.narrowed.as_deref(), Some("indigenous population"));
        assert_eq!(find("", "people were killed").as_deref(), Some("deaths"));
        assert_eq!(find("a country", "times their size in population"), None);
    }

    #[test]
    fn a_counted_noun_after_the_number_blocks_triggers_before_it() {
        assert_eq!(find("of sri lanka's population in", "districts"), None);
        assert_eq!(find("police arrested", "polish citizens"), None);
        assert_eq!(find("a population of", "").as_deref(), Some("population"));
        assert_eq!(find("home to", "people in").as_deref(), Some("population"));
    }

    #[test]
    fn weak_trigger_only_without_strong() {
        assert_eq!(find("", "people").as_deref(), Some("population"));
        assert_eq!(find("", "very short conversations"), None);
        assert_eq!(find("", "south koreans"), None);
    }

    #[test]
    fn unknown_fields_are_rejected_with_line() {
        let e = Lexicon::from_toml(
            "m.toml",
            "[[metric]]\nname = \"x\"\nunit = \"people\"\ntriggers = []\ncolour = 1\n",
        )
        .unwrap_err();
        assert_eq!(e.line, 5, "{e}");
    }
}
