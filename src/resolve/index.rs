//! The reference index: every row of every dataset, interned and sorted by
//! (entity, metric, date), with name tables for exact, alias and fuzzy entity
//! lookup. Built once, then only read (shared across threads).

use std::ops::Range;

use super::manifest::Cadence;
use super::names::{self, FuzzyIndex};
use super::rowdate::{date_of_days, RowDate};
use crate::model::{Evidence, EvidenceValue, Measure, Unit};

/// A dataset as reports name it.
#[derive(Clone, Debug)]
pub struct DatasetInfo {
    pub name: String,
    /// The CSV's path as shown to users.
    pub file: String,
    /// The CSV as evidence names it: the folder's name and the path inside
    /// it, wherever the folder sits (`reference-data/conflicts.csv`).
    pub located: String,
    pub tolerance: f64,
    /// Relative tolerance of a ratio of two of its rows.
    pub change_tolerance: f64,
    pub cadence: Cadence,
    /// Whether the table is the built-in catalog's (not the folder's).
    pub builtin: bool,
}

/// Sentinel for "no published low/high".
pub const NONE: f64 = f64::NAN;

/// One reference value. Strings are ids into the index's string table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Row {
    pub entity: u32,
    pub metric: u32,
    pub dataset: u16,
    pub date: RowDate,
    /// The value; for `date` rows, days since 1970-01-01.
    pub value: f64,
    pub low: f64,
    pub high: f64,
    pub unit: u32,
    pub source: u32,
    pub url: u32,
    pub line: u32,
}

use crate::util::{FxHasher, FxMap, FxSet};

/// Interned strings: entity, metric, unit, source and url text.
///
/// All the text sits in one buffer, found through an open-addressing table
/// of ids: no allocation per string (a 10M-row table has millions of
/// distinct names and urls, and one allocation each dominated loading it).
#[derive(Debug, Default, Clone)]
pub struct Strings {
    text: String,
    /// (start, end) of each string in `text`, by id.
    spans: Vec<(u32, u32)>,
    /// (id, high hash bits) by hash, id `EMPTY` where free; a power of two
    /// long (at most half full), or empty. The hash bits spare most
    /// mismatches a look at the text.
    slots: Vec<(u32, u32)>,
}

const EMPTY: u32 = u32::MAX;

fn hash_str(s: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = FxHasher::default();
    h.write(s.as_bytes());
    // Fx leaves its entropy in the high bits; fold them down.
    let x = h.finish();
    x ^ (x >> 29) ^ (x >> 47)
}

impl Strings {
    fn slot_of(&self, hash: u64, s: &str) -> Result<u32, usize> {
        let mask = self.slots.len() - 1;
        let tag = (hash >> 32) as u32;
        let mut i = hash as usize & mask;
        loop {
            let (id, t) = self.slots[i];
            if id == EMPTY {
                return Err(i);
            }
            if t == tag && self.get(id) == s {
                return Ok(id);
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        self.rehash((self.slots.len() * 2).max(64));
    }

    /// Place every string again in a slot table `cap` long (a power of two).
    fn rehash(&mut self, cap: usize) {
        self.slots = vec![(EMPTY, 0); cap];
        let mask = cap - 1;
        for id in 0..self.spans.len() as u32 {
            let h = hash_str(self.get(id));
            let mut i = h as usize & mask;
            while self.slots[i].0 != EMPTY {
                i = (i + 1) & mask;
            }
            self.slots[i] = (id, (h >> 32) as u32);
        }
    }

    pub fn intern(&mut self, s: &str) -> u32 {
        if (self.spans.len() + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let hash = hash_str(s);
        match self.slot_of(hash, s) {
            Ok(id) => id,
            Err(slot) => {
                let id = self.spans.len() as u32;
                let start = self.text.len() as u32;
                self.text.push_str(s);
                let end = u32::try_from(self.text.len())
                    .expect("the reference data's distinct strings exceed 4 GiB");
                self.spans.push((start, end));
                self.slots[slot] = (id, (hash >> 32) as u32);
                id
            }
        }
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn get(&self, id: u32) -> &str {
        let (start, end) = self.spans[id as usize];
        &self.text[start as usize..end as usize]
    }

    pub fn id(&self, s: &str) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        self.slot_of(hash_str(s), s).ok()
    }

    /// Make room for the strings of `others` too (at most: those already
    /// here take none), so that interning them grows no list by copies.
    pub fn reserve<'a>(&mut self, others: impl Iterator<Item = &'a Strings>) {
        let (count, bytes) = others.fold((0, 0), |(n, b), o| (n + o.len(), b + o.text.len()));
        self.reserve_lists(count, bytes);
        let wanted = ((self.spans.len() + count + 1) * 2).next_power_of_two();
        if wanted > self.slots.len() {
            self.rehash(wanted);
        }
    }

    /// Make room for `count` more strings of `bytes` bytes in all, in the
    /// lists that hold them (not in the slot table, which is written whole
    /// when made: too large a guess there would cost memory).
    pub fn reserve_lists(&mut self, count: usize, bytes: usize) {
        self.text.reserve(bytes);
        self.spans.reserve(count);
    }

    /// Intern every string of `other`, in its id order: the id here of
    /// each of `other`'s ids.
    pub fn intern_all(&mut self, other: &Strings) -> Vec<u32> {
        (0..other.len() as u32)
            .map(|id| self.intern(other.get(id)))
            .collect()
    }
}

impl Row {
    /// Give the row's strings their ids in another table: `ids[old]` is
    /// the new id of `old`.
    pub fn renumber(&mut self, ids: &[u32]) {
        for id in [
            &mut self.entity,
            &mut self.metric,
            &mut self.unit,
            &mut self.source,
            &mut self.url,
        ] {
            *id = ids[*id as usize];
        }
    }
}

/// The entity ids under one name key: nearly always one, kept inline
/// (a heap vector per key was a tenth of a 10M-row index).
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Ids {
    #[default]
    None,
    One(u32),
    Many(Vec<u32>),
}

impl Ids {
    pub fn as_slice(&self) -> &[u32] {
        match self {
            Ids::None => &[],
            Ids::One(id) => std::slice::from_ref(id),
            Ids::Many(v) => v,
        }
    }

    pub fn iter(&self) -> std::slice::Iter<'_, u32> {
        self.as_slice().iter()
    }

    pub fn contains(&self, id: &u32) -> bool {
        self.as_slice().contains(id)
    }

    pub fn push(&mut self, id: u32) {
        *self = match std::mem::take(self) {
            Ids::None => Ids::One(id),
            Ids::One(first) => Ids::Many(vec![first, id]),
            Ids::Many(mut v) => {
                v.push(id);
                Ids::Many(v)
            }
        };
    }
}

/// The keys a mention's key `k` is looked up by: itself, then its
/// singular ("Saudis" -> "saudi").
fn keys_of(k: &str) -> impl Iterator<Item = String> {
    std::iter::once(k.to_string()).chain(names::singular(k))
}

/// How an entity name was matched.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum MatchKind {
    Exact,
    Alias,
    Fuzzy,
}

/// An entity a mention resolved to, with the score kept for the report.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EntityMatch {
    pub entity: u32,
    pub score: f64,
    pub kind: MatchKind,
}

/// The read-only reference index.
#[derive(Debug, Default)]
pub struct Index {
    pub(super) strings: Strings,
    pub(super) datasets: Vec<DatasetInfo>,
    pub(super) rows: Vec<Row>,
    /// Rows of each entity (by string id; empty for strings that are not
    /// entities): rows are sorted by entity, then metric, so a series is a
    /// binary search inside its entity's rows, with no table per series.
    pub(super) entity_rows: Vec<Range<u32>>,
    pub(super) exact: FxMap<Box<str>, Ids>,
    pub(super) aliases: FxMap<Box<str>, Ids>,
    pub(super) fuzzy: FuzzyIndex,
    pub(super) aggregates: FxSet<u32>,
    /// Every name and alias as written, for the extract stage's gazetteer.
    pub(super) surface_names: Vec<String>,
    /// The metric lexicon: the built-in one, with the reference folder's
    /// own `metrics.toml` over it.
    pub(super) lexicon: std::sync::Arc<crate::extract::Lexicon>,
    /// The reference snapshot: a content hash of the data (see
    /// [`super::snapshot`]).
    pub(super) snapshot: String,
}

impl Index {
    pub fn rows(&self) -> usize {
        self.rows.len()
    }

    /// Every row, in (entity, metric, date) order.
    pub fn rows_iter(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter()
    }

    /// The reference snapshot the index was built from: `sha256:` and the
    /// content hash of every file read (see [`super::snapshot`]).
    pub fn snapshot(&self) -> &str {
        &self.snapshot
    }

    /// The metric lexicon that goes with this reference data.
    pub fn lexicon(&self) -> &crate::extract::Lexicon {
        &self.lexicon
    }

    pub fn datasets(&self) -> &[DatasetInfo] {
        &self.datasets
    }

    /// Whether `id` names an entity with rows.
    pub(super) fn is_entity(&self, id: u32) -> bool {
        self.entity_rows
            .get(id as usize)
            .is_some_and(|r| !r.is_empty())
    }

    /// Entity ids with rows, ascending.
    pub(super) fn entities(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.entity_rows.len() as u32).filter(|&e| self.is_entity(e))
    }

    pub fn entity_count(&self) -> usize {
        self.entity_rows.iter().filter(|r| !r.is_empty()).count()
    }

    pub fn str(&self, id: u32) -> &str {
        self.strings.get(id)
    }

    /// Names and aliases as written, for finding subjects in text.
    pub fn surface_names(&self) -> &[String] {
        &self.surface_names
    }

    /// Whether `mention` is a built-in name of a country the reference has
    /// no rows for ("Taiwan"): a subject, but of no entity.
    pub fn names_a_country_without_rows(&self, mention: &str) -> bool {
        keys_of(&names::key(mention)).any(|key| {
            self.aliases
                .get(key.as_str())
                .is_some_and(|ids| ids.as_slice().is_empty())
        })
    }

    /// Entities a mention names: exact name, then alias, then fuzzy.
    /// Several exact matches can come back (a name two datasets spell alike).
    pub fn lookup(&self, mention: &str) -> Vec<EntityMatch> {
        let k = names::key(mention);
        if k.is_empty() {
            return Vec::new();
        }
        for key in keys_of(&k) {
            for (table, kind) in [
                (&self.exact, MatchKind::Exact),
                (&self.aliases, MatchKind::Alias),
            ] {
                if let Some(ids) = table.get(key.as_str()) {
                    return ids
                        .iter()
                        .map(|&entity| EntityMatch {
                            entity,
                            score: 1.0,
                            kind,
                        })
                        .collect();
                }
            }
        }
        match self.fuzzy.find(&k) {
            Some(f) => vec![EntityMatch {
                entity: f.entity,
                score: f.score,
                kind: MatchKind::Fuzzy,
            }],
            None => Vec::new(),
        }
    }

    pub fn metric_id(&self, metric: &str) -> Option<u32> {
        self.strings.id(metric)
    }

    /// All rows of an entity's metric, sorted by date (all datasets).
    pub fn series(&self, entity: u32, metric: u32) -> &[Row] {
        let Some(r) = self.entity_rows.get(entity as usize) else {
            return &[];
        };
        let rows = &self.rows[r.start as usize..r.end as usize];
        let start = rows.partition_point(|x| x.metric < metric);
        let end = start + rows[start..].partition_point(|x| x.metric == metric);
        &rows[start..end]
    }

    pub fn has_metric(&self, entity: u32, metric: &str) -> bool {
        self.metric_id(metric)
            .is_some_and(|m| !self.series(entity, m).is_empty())
    }

    pub fn dataset(&self, row: &Row) -> &DatasetInfo {
        &self.datasets[row.dataset as usize]
    }

    pub fn unit(&self, row: &Row) -> Unit {
        Unit::parse(self.str(row.unit))
    }

    /// A row's unit as written, with its scale ("kt": 1,000 tonnes).
    pub fn measure(&self, row: &Row) -> Measure {
        Unit::read(self.str(row.unit))
    }

    /// A row as report evidence.
    pub fn evidence(&self, row: &Row) -> Evidence {
        let unit = self.unit(row);
        let is_date = super::rowdate::is_date_unit(self.str(row.unit));
        let opt = |v: f64| if v.is_nan() { None } else { Some(v) };
        Evidence {
            dataset: self.dataset(row).name.clone(),
            file: self.dataset(row).located.clone(),
            line: row.line as u64,
            entity: self.str(row.entity).to_string(),
            metric: self.str(row.metric).to_string(),
            value: if is_date {
                EvidenceValue::Date(date_of_days(row.value as i32))
            } else {
                EvidenceValue::Number(row.value)
            },
            low: opt(row.low),
            high: opt(row.high),
            unit,
            date: row.date.to_string(),
            source: self.str(row.source).to_string(),
            url: self.str(row.url).to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Strings;

    fn of(words: &[&str]) -> Strings {
        let mut s = Strings::default();
        for w in words {
            s.intern(w);
        }
        s
    }

    /// Strings added after room is made for them keep first-seen ids, are
    /// found by their text, and grow none of the lists the room was made in.
    #[test]
    fn room_made_for_other_tables_holds_their_strings() {
        let mut joined = of(&["Chad", "Peru", "population"]);
        let others = [
            of(&["Peru", "Fiji", "gdp"]),
            (0..500)
                .map(|i| format!("entity {i}"))
                .fold(Strings::default(), |mut s, w| {
                    s.intern(&w);
                    s
                }),
        ];
        joined.reserve(others.iter());
        let room = (
            joined.text.capacity(),
            joined.spans.capacity(),
            joined.slots.len(),
        );
        let ids: Vec<Vec<u32>> = others.iter().map(|o| joined.intern_all(o)).collect();
        assert_eq!(ids[0], [1, 3, 4], "a string seen before keeps its id");
        assert_eq!(ids[1][0], 5);
        assert_eq!(ids[1][499], 504);
        assert_eq!(joined.len(), 505);
        for (w, id) in ["Chad", "Peru", "population", "Fiji", "gdp", "entity 499"]
            .iter()
            .zip([0, 1, 2, 3, 4, 504])
        {
            assert_eq!(joined.id(w), Some(id), "{w}");
            assert_eq!(joined.get(id), *w);
        }
        assert_eq!(
            (
                joined.text.capacity(),
                joined.spans.capacity(),
                joined.slots.len()
            ),
            room,
            "no list grew after the room was made"
        );
    }
}
