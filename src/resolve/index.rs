//! The reference index: every row of every dataset, interned and sorted by
//! (entity, metric, date), with name tables for exact, alias and fuzzy entity
//! lookup. Built once, then only read (shared across threads).

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::ops::Range;

use super::manifest::Cadence;
use super::names::{self, FuzzyIndex};
use super::rowdate::{date_of_days, RowDate};
use crate::model::{Evidence, EvidenceValue, Unit};

/// A dataset as reports name it.
#[derive(Clone, Debug)]
pub struct DatasetInfo {
    pub name: String,
    /// The CSV's path as shown to users.
    pub file: String,
    pub tolerance: f64,
    pub cadence: Cadence,
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

/// A small, fast, non-cryptographic hasher (the Fx multiply-rotate used by
/// rustc). The index's keys are its own reference data, not attacker input,
/// and SipHash was a tenth of the time of loading a large table.
#[derive(Clone, Copy, Default)]
pub struct FxHasher(u64);

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u16(&mut self, i: u16) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A `HashMap` with [`FxHasher`].
pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
/// A `HashSet` with [`FxHasher`].
pub type FxSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

/// Interned strings: entity, metric, unit, source and url text.
#[derive(Debug, Default, Clone)]
pub struct Strings {
    ids: FxMap<Box<str>, u32>,
    list: Vec<Box<str>>,
}

impl Strings {
    pub fn intern(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.list.len() as u32;
        self.list.push(s.into());
        self.ids.insert(s.into(), id);
        id
    }

    /// [`Strings::intern`] of a string already owned: no copy when it is new
    /// (loading moves each table's strings in here).
    pub fn intern_owned(&mut self, s: String) -> u32 {
        if let Some(&id) = self.ids.get(s.as_str()) {
            return id;
        }
        let id = self.list.len() as u32;
        let s = s.into_boxed_str();
        self.ids.insert(s.clone(), id);
        self.list.push(s);
        id
    }

    pub fn get(&self, id: u32) -> &str {
        &self.list[id as usize]
    }

    pub fn id(&self, s: &str) -> Option<u32> {
        self.ids.get(s).copied()
    }
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
    pub(super) series: FxMap<(u32, u32), Range<u32>>,
    pub(super) exact: FxMap<String, Vec<u32>>,
    pub(super) aliases: FxMap<String, Vec<u32>>,
    pub(super) fuzzy: FuzzyIndex,
    pub(super) aggregates: FxSet<u32>,
    /// Every name and alias as written, for the extract stage's gazetteer.
    pub(super) surface_names: Vec<String>,
}

impl Index {
    pub fn rows(&self) -> usize {
        self.rows.len()
    }

    pub fn datasets(&self) -> &[DatasetInfo] {
        &self.datasets
    }

    pub fn entity_count(&self) -> usize {
        self.series.keys().map(|k| k.0).collect::<FxSet<_>>().len()
    }

    pub fn str(&self, id: u32) -> &str {
        self.strings.get(id)
    }

    /// Names and aliases as written, for finding subjects in text.
    pub fn surface_names(&self) -> &[String] {
        &self.surface_names
    }

    /// Entities a mention names: exact name or code, then alias, then fuzzy.
    /// Several exact matches can come back (a name two datasets spell alike).
    pub fn lookup(&self, mention: &str) -> Vec<EntityMatch> {
        let k = names::key(mention);
        if k.is_empty() {
            return Vec::new();
        }
        let keys = std::iter::once(k.clone()).chain(names::singular(&k));
        for key in keys {
            for (table, kind) in [
                (&self.exact, MatchKind::Exact),
                (&self.aliases, MatchKind::Alias),
            ] {
                if let Some(ids) = table.get(&key) {
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
        match self.series.get(&(entity, metric)) {
            Some(r) => &self.rows[r.start as usize..r.end as usize],
            None => &[],
        }
    }

    pub fn has_metric(&self, entity: u32, metric: &str) -> bool {
        self.metric_id(metric)
            .is_some_and(|m| self.series.contains_key(&(entity, m)))
    }

    pub fn dataset(&self, row: &Row) -> &DatasetInfo {
        &self.datasets[row.dataset as usize]
    }

    pub fn unit(&self, row: &Row) -> Unit {
        Unit::parse(self.str(row.unit))
    }

    /// A row as report evidence.
    pub fn evidence(&self, row: &Row) -> Evidence {
        let unit = self.unit(row);
        let is_date = unit == Unit::Year;
        let opt = |v: f64| if v.is_nan() { None } else { Some(v) };
        Evidence {
            dataset: self.dataset(row).name.clone(),
            file: self.dataset(row).file.clone(),
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
