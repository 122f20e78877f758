//! The built-in indicator catalog: the files of `reference-data/catalog/`
//! (the World Bank's population table and core WDI indicators, with the
//! `datasets.toml` and data-package descriptors that map them), compressed
//! into the binary at build time (`build.rs`) and read as a reference
//! folder of its own, from any working directory.
//!
//! Takes a file's path inside the catalog; gives its bytes, inflated. Also
//! gives the catalog's name and version for the report, and which of its
//! tables a set of texts can need ([`CatalogUse::for_texts`]): a short
//! article about growth and inflation reads those tables and the names
//! table, not all of them. The choice only ever leaves out the rows of
//! tables no word of the texts can lead to, never their names: a table left
//! out stands in as its names alone. So a claim gets the same finding
//! whichever tables its run reads, alone or beside texts that lead to every
//! table (tests hold it to that).
//!
//! Also gives each table's names without inflating it ([`NAME_TABLES`],
//! read off the tables by `build.rs`): the (code, entity) pairs and the
//! entities of its rows, all the loader takes from a table to name
//! entities. A load builds its stand-ins from them, and
//! `resolve::load_names` a load's names from them alone.
//!
//! And gives the records of each World Bank long table as `build.rs` read
//! them ([`rows`]: entity, year, line and value, 16 bytes a row, not
//! compressed), so a load takes them as they are instead of inflating and
//! parsing the table: 0.90x the archive check's wall time, for 9 MB more
//! binary (`resolve::load`'s test holds them to the table's records).

use std::collections::BTreeSet;

use rayon::prelude::*;

use crate::extract::Lexicon;
use crate::model::CatalogInfo;
use crate::util::FxMap;

/// A file of the catalog folder.
pub(super) struct CatalogFile {
    pub path: &'static str,
    pub len: usize,
    pub deflated: &'static [u8],
    /// A World Bank long table's records as rows read at build time (see
    /// [`rows`]), when every record is one clean row.
    pub rows: Option<&'static [u8]>,
}

include!(concat!(env!("OUT_DIR"), "/catalog_files.rs"));

/// A catalog table's names, as indices into [`NAMES`]: what the loader
/// reads from the table to name entities, and nothing else.
pub(super) struct NameTable {
    /// The table's path in the catalog folder.
    pub path: &'static str,
    /// Its (code, entity) pairs: each code with the entity of its first
    /// row, sorted by code.
    pub codes: &'static [(u16, u16)],
    /// The entities its rows are of, each once, in first-row order.
    pub entities: &'static [u16],
}

include!(concat!(env!("OUT_DIR"), "/catalog_names.rs"));

/// The name or code `NAMES[i]`.
pub(super) fn name(i: u16) -> &'static str {
    NAMES[usize::from(i)]
}

/// How the catalog's files are named in problems and evidence.
pub const SCHEME: &str = "catalog:";

/// The catalog's name in reports.
pub const NAME: &str = "World Bank WDI core";

/// The table read whatever the texts say: its entities (every country and
/// aggregate, with codes) are the names the other tables' rows attach to.
pub(super) const NAMES_TABLE: &str = "worldbank-population.csv";

/// The catalog's name, version and number of tables, for the report.
pub fn info() -> CatalogInfo {
    CatalogInfo {
        name: NAME.to_string(),
        version: VERSION.to_string(),
        tables: FILES.iter().filter(|f| f.path.ends_with(".csv")).count(),
    }
}

/// The path of every file in the catalog folder, sorted.
pub fn paths() -> impl Iterator<Item = &'static str> {
    FILES.iter().map(|f| f.path)
}

pub(super) fn has(path: &str) -> bool {
    FILES.iter().any(|f| f.path == path)
}

/// One record of a catalog table, as build.rs read it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct ReadyRow {
    /// The entity, as an index into the catalog's names ([`name`]).
    pub entity: u16,
    pub year: u16,
    /// The record's first line in its file.
    pub line: u32,
    pub value: f64,
}

/// The records of the catalog table `path` read at build time, when its
/// shape is `Country Name,Country Code,Year,Value` and each record is one
/// clean row (an entity, a four-digit year and a finite number, trimmed).
pub(super) fn rows(path: &str) -> Option<impl ExactSizeIterator<Item = ReadyRow>> {
    let blob = FILES.iter().find(|f| f.path == path)?.rows?;
    Some(blob.chunks_exact(16).map(|r| ReadyRow {
        entity: u16::from_le_bytes([r[0], r[1]]),
        year: u16::from_le_bytes([r[2], r[3]]),
        line: u32::from_le_bytes([r[4], r[5], r[6], r[7]]),
        value: f64::from_le_bytes([r[8], r[9], r[10], r[11], r[12], r[13], r[14], r[15]]),
    }))
}

/// The bytes of the catalog's file `path`.
pub fn read(path: &str) -> Result<Vec<u8>, String> {
    let file = FILES
        .iter()
        .find(|f| f.path == path)
        .ok_or_else(|| "no such file in the built-in catalog".to_string())?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(file.deflated, file.len)
        .map_err(|e| format!("the built-in catalog is damaged: {e:?}"))?;
    if bytes.len() != file.len {
        return Err("the built-in catalog is damaged: wrong length".to_string());
    }
    Ok(bytes)
}

/// Which of the catalog's tables a load reads.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum CatalogUse {
    /// None: the reference folder alone (`--no-catalog`).
    Off,
    /// Every table.
    #[default]
    All,
    /// The names table and the tables of these metrics; every other table
    /// gives its names alone.
    Metrics(BTreeSet<String>),
}

impl CatalogUse {
    /// The tables `texts` can need, by `lexicon`: every metric one of whose
    /// triggers has all its words somewhere in the texts (as whole words,
    /// in any case and any spacing), with the metrics it is tied to as a
    /// rate, share or part (see the closure below).
    pub fn for_texts<'a>(
        lexicon: &Lexicon,
        texts: impl IntoIterator<Item = &'a str>,
    ) -> CatalogUse {
        let metrics = lexicon.metrics();
        // Every word of every trigger, once; and each trigger as the ids of
        // its words.
        let mut words: Vec<String> = Vec::new();
        let mut ids: FxMap<String, usize> = FxMap::default();
        let mut triggers: Vec<(usize, Vec<usize>)> = Vec::new();
        for (m, metric) in metrics.iter().enumerate() {
            for trigger in &metric.words {
                let ids = words_of(trigger)
                    .map(|w| {
                        *ids.entry(w.to_string()).or_insert_with(|| {
                            words.push(w.to_string());
                            words.len() - 1
                        })
                    })
                    .collect::<Vec<_>>();
                if !ids.is_empty() {
                    triggers.push((m, ids));
                }
            }
        }
        // Which of the words the texts hold, text by text in parallel.
        let texts: Vec<&str> = texts.into_iter().collect();
        let seen = texts
            .par_iter()
            .fold(
                || vec![false; words.len()],
                |mut seen, text| {
                    mark_words(&ids, text, &mut seen);
                    seen
                },
            )
            .reduce(
                || vec![false; words.len()],
                |mut a, b| {
                    a.iter_mut().zip(b).for_each(|(x, y)| *x |= y);
                    a
                },
            );
        let mut named: BTreeSet<String> = triggers
            .iter()
            .filter(|(_, ids)| ids.iter().all(|&i| seen[i]))
            .map(|(m, _)| metrics[*m].name.clone())
            .collect();
        // Close over the ties between metrics: a named metric's own ties,
        // and the rate of a named metric or a share of a named part ("grew
        // 3%" names `gdp` and reads as `gdp_growth`; "exports of 30% of
        // GDP" names `exports`). The shares of a named whole are not added:
        // a share is read from its part's or its own words.
        loop {
            let before = named.len();
            for m in metrics {
                let ties = || {
                    let own = [&m.share_of, &m.part].into_iter().flatten();
                    m.rate_of.iter().chain(own)
                };
                if named.contains(&m.name) {
                    let tied: Vec<String> = ties().cloned().collect();
                    named.extend(tied);
                } else if m.rate_of.iter().chain(&m.part).any(|t| named.contains(t)) {
                    named.insert(m.name.clone());
                }
            }
            if named.len() == before {
                break;
            }
        }
        CatalogUse::Metrics(named)
    }

    /// Whether a catalog table of `metric` is read.
    pub(super) fn reads(&self, metric: Option<&str>) -> bool {
        match self {
            CatalogUse::Off => false,
            CatalogUse::All => true,
            // A table whose metric no lexicon entry names is read: no word
            // was looked for, so none can be ruled out.
            CatalogUse::Metrics(set) => metric.is_none_or(|m| set.contains(m)),
        }
    }
}

/// The words of a trigger or a text: its runs of letters and digits.
fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Marks in `seen` the words of `text` (its runs of letters and digits,
/// in any case) that `ids` numbers.
fn mark_words(ids: &FxMap<String, usize>, text: &str, seen: &mut [bool]) {
    let mut lower = String::new();
    for word in words_of(text) {
        lower.clear();
        if word.is_ascii() {
            lower.push_str(word);
            lower.make_ascii_lowercase();
        } else {
            lower.extend(word.chars().flat_map(char::to_lowercase));
        }
        if let Some(&i) = ids.get(lower.as_str()) {
            seen[i] = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(text: &str) -> BTreeSet<String> {
        match CatalogUse::for_texts(&Lexicon::default(), [text]) {
            CatalogUse::Metrics(set) => set,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_text_needs_the_metrics_its_words_name_and_their_rates() {
        let set = named("The ECONOMY grew 2.9% in 2018.");
        assert!(set.contains("gdp") && set.contains("gdp_growth"), "{set:?}");
        assert!(!set.contains("unemployment_rate"), "{set:?}");
        // Any spacing between a trigger's words, whole words only.
        let set = named("Consumer\n  prices rose 8%.");
        assert!(set.contains("inflation"), "{set:?}");
        assert!(named("Unemploymentish figures").is_empty());
        assert!(named("").is_empty());
    }

    #[test]
    fn every_file_inflates_to_its_length() {
        let mut tables = 0;
        for p in paths() {
            let bytes = read(p).unwrap();
            assert!(!bytes.is_empty(), "{p}");
            tables += usize::from(p.ends_with(".csv"));
        }
        assert_eq!(tables, info().tables);
        assert!(read("no/such.csv").is_err());
    }
}
