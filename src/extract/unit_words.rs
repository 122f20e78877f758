//! The words right after a figure that say its unit or a rate's base:
//! mass ("tonnes", "kt"), area ("sq km"), per person ("per capita", "a head"), "per 1,000"
//! and the base's noun, "births per woman"; and a figure read as a level
//! of years (life expectancy) or negated (a deficit).

use super::*;

/// The words right after a figure that are its unit, and where the words
/// that may name its metric lie then.
#[derive(Debug, Default)]
pub(super) struct UnitWords {
    pub(super) unit: Option<Unit>,
    /// Whether the next figure is the base of a rate ("per 1,000"), which
    /// is then no claim.
    pub(super) next_is_base: bool,
    /// Bytes of the sentence to read for the metric instead of the words
    /// between this figure and the next.
    pub(super) metric_words_from: Option<usize>,
    /// For a rate, where its "per" starts: the words before it are the
    /// rate's counted noun ("hospital beds per 1,000").
    pub(super) rate_words_to: Option<usize>,
    pub(super) metric_words_to: Option<usize>,
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

/// Area words after a figure, which are its unit in the World Bank's
/// wording ("911,000 sq km", "8.79 million square kilometres of land").
/// Square miles are left out: read as a count, they name no unit, rather
/// than a wrong one.
const AREA_WORDS: &[&str] = &[
    "square kilometres",
    "square kilometers",
    "square kilometre",
    "square kilometer",
    "square km",
    "sq km",
    "sq. km",
    "sq kms",
    "km2",
];

/// Nouns after "per" or "a" that make a figure a price of one of them
/// ("16 dlrs per barrel", "400 dlrs an ounce"): no level of any metric.
const PRICED_NOUNS: &[&str] = &[
    "barrel", "tonne", "ton", "ounce", "share", "bushel", "pound", "lb", "kilo", "kg", "litre",
    "liter", "gallon", "unit", "bag", "bale", "carat",
];

/// The unit a land area is published in.
const AREA_UNIT: &str = "sq. km";

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

/// By byte, whether a phrase of `phrases` (lowercase) opens with it.
const fn first_letters(phrases: &[&str]) -> [bool; 256] {
    let mut letters = [false; 256];
    let mut k = 0;
    while k < phrases.len() {
        letters[phrases[k].as_bytes()[0] as usize] = true;
        k += 1;
    }
    letters
}

const MASS_FIRST: [bool; 256] = first_letters(MASS_WORDS);
const AREA_FIRST: [bool; 256] = first_letters(AREA_WORDS);
const PER_PERSON_FIRST: [bool; 256] = first_letters(PER_PERSON);

/// Read the unit words after the figure at `range` in `sentence`: a mass
/// word, an amount per person, a rate per woman, or "per" and the next
/// figure ("56 deaths per 1,000 live births": a rate per 1,000, and the
/// words after "1,000" say what the rate counts only if nothing before does).
pub(super) fn units_after(
    sentence: &str,
    range: &Range<usize>,
    next: Option<&quantities::Found>,
) -> UnitWords {
    let rest = &sentence[range.end..];
    let after = rest.trim_start();
    let skipped = rest.len() - after.len();
    let mut out = UnitWords::default();
    let word_at = opens_with_word;
    // Most figures are followed by a word none of the lists opens with:
    // their first letters turn it away before any phrase is tried.
    let first = after.bytes().next().map_or(0, |b| b.to_ascii_lowercase());
    let may_open = |letters: &[bool; 256]| letters[usize::from(first)];
    let mass = match may_open(&MASS_FIRST) {
        true => MASS_WORDS.iter().rev().find(|w| word_at(after, w)),
        false => None,
    };
    if let Some(w) = mass {
        out.unit = Some(Unit::Tonnes);
        out.metric_words_from = Some(range.end + skipped + w.len());
        return out;
    }
    let area = match may_open(&AREA_FIRST) {
        true => AREA_WORDS.iter().find(|w| word_at(after, w)),
        false => None,
    };
    if let Some(w) = area {
        out.unit = Some(Unit::Other(AREA_UNIT.into()));
        out.metric_words_from = Some(range.end + skipped + w.len());
        return out;
    }
    // "16 dlrs per barrel", "400 dlrs an ounce": a price.
    if let Some((first, tail)) = after.split_once(char::is_whitespace) {
        let per = ["per", "a", "an"]
            .iter()
            .any(|w| first.eq_ignore_ascii_case(w));
        if let Some(noun) = PRICED_NOUNS
            .iter()
            .find(|n| per && word_at(tail.trim_start(), n))
        {
            out.unit = Some(Unit::Other(format!("per {noun}")));
            return out;
        }
    }
    if may_open(&PER_PERSON_FIRST) && PER_PERSON.iter().any(|w| word_at(after, w)) {
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

/// Whether `text` opens with `phrase` (lowercase ASCII words, one space
/// apart, matched in any case) as whole words: a space of the phrase
/// matches any run of white space ("a\nyear earlier" where a line breaks),
/// and an ASCII case-insensitive comparison is the lowercase one, with no
/// copy of the text.
pub(super) fn opens_with_word(text: &str, phrase: &str) -> bool {
    // Most texts are turned away by their first byte, before the phrase
    // is split into words.
    match (text.as_bytes().first(), phrase.as_bytes().first()) {
        (Some(a), Some(b)) if !a.eq_ignore_ascii_case(b) => return false,
        (None, Some(_)) => return false,
        _ => {}
    }
    let mut rest = text;
    for (k, word) in phrase.split(' ').enumerate() {
        if k > 0 {
            let trimmed = rest.trim_start();
            if trimmed.len() == rest.len() {
                return false;
            }
            rest = trimmed;
        }
        if rest.len() < word.len()
            || !rest.as_bytes()[..word.len()].eq_ignore_ascii_case(word.as_bytes())
        {
            return false;
        }
        rest = &rest[word.len()..];
    }
    rest.chars().next().is_none_or(|c| !c.is_alphanumeric())
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
pub(super) fn years_as_level(phrase: &str, ctx: &normalize::Context) -> Option<Quantity> {
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

/// Gives a figure (with no derivation) its unit from the words after it
/// (`unit`: "per capita", "tonnes", "per 1,000") and from the metric it
/// counts; `carried` is the currency of an earlier figure a bare count is
/// linked to. A balance stated as a deficit is negated.
pub(super) fn give_unit(
    q: &mut Quantity,
    unit: Option<&Unit>,
    metric: Option<&MetricMention>,
    carried: Option<Unit>,
) {
    if let Some(unit) = unit {
        if matches!(q.unit, Unit::Count | Unit::Currency(_)) {
            q.unit = match (unit, &q.unit) {
                (Unit::PerCapita(_), Unit::Currency(_)) => {
                    Unit::PerCapita(Box::new(q.unit.clone()))
                }
                (Unit::PerCapita(_), _) => match metric {
                    Some(m) => Unit::PerCapita(Box::new(m.unit.clone())),
                    None => unit.clone(),
                },
                _ if q.unit == Unit::Count => unit.clone(),
                // "16 dlrs per barrel": a price in that currency.
                (Unit::Other(per), Unit::Currency(c)) if per.starts_with("per ") => {
                    Unit::Other(format!("{c} {per}"))
                }
                _ => q.unit.clone(),
            };
        }
    }
    let Some(m) = metric else {
        return;
    };
    // "1986 GDP growth": a bare year before a rate's words is its date,
    // never a percent.
    let year_like = q.kind == QuantityKind::Exact
        && q.point
            .is_some_and(|p| p.fract() == 0.0 && (1900.0..=2100.0).contains(&p));
    if q.unit == Unit::Count && year_like && m.unit == Unit::Percent {
        return;
    }
    if q.unit == Unit::Count {
        q.unit = match (&m.unit, carried) {
            // A bare figure is money only when a currency is said: its
            // own, or the earlier figure's it is linked to ("from 5.1
            // billion dlrs to 4.2 billion"). "Exports 13.70" in a table of
            // tonnes, "exports of 14,005" (forklifts) stay counts, and a
            // count is never compared with a money series.
            (Unit::Currency(_), Some(c @ Unit::Currency(_))) => c,
            (Unit::Currency(_), _) => Unit::Count,
            (unit, _) => unit.clone(),
        };
    }
    // "a current account deficit of $122 billion": a balance stated as a
    // deficit is that much below zero.
    if m.trigger.split(' ').any(|w| w.starts_with("deficit")) {
        negate_in_place(q);
    }
}

/// `q` below zero by as much as it was above (a balance stated as a
/// deficit); left as it is when it cannot be negated.
pub(super) fn negate_in_place(q: &mut Quantity) {
    if let Some(negated) = negate(q) {
        *q = negated;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every phrase of the unit lists is read after a figure, in lower and
    /// upper case: the first-letter tables turn none of them away.
    #[test]
    fn every_unit_phrase_is_read() {
        for list in [MASS_WORDS, AREA_WORDS, PER_PERSON] {
            for phrase in list {
                for written in [phrase.to_string(), phrase.to_uppercase()] {
                    let sentence = format!("5 {written} last year");
                    let read = units_after(&sentence, &(0..1), None);
                    assert!(read.unit.is_some(), "{sentence:?}");
                }
            }
        }
        assert!(units_after("5 apples", &(0..1), None).unit.is_none());
    }
}
