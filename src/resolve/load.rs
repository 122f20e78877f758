//! Building the [`Index`] from a reference folder and the built-in
//! catalog: each one's `datasets.toml`, data packages and CSVs (in
//! parallel, one task per file, a large file in parts: see
//! [`super::table`]), then the folder's `aliases.csv`. Every row is either
//! indexed or reported as a [`Problem`] with file, line and a hint. Where
//! the folder and the catalog both have a row for one entity, metric and
//! date, the folder's wins: the catalog's is not indexed.
//!
//! A catalog table a load does not read (a check's texts have no word
//! that leads to it, [`CatalogUse::Metrics`]) stands in as its names alone
//! ([`catalog::NAME_TABLES`]): its codes, and a placeholder row for each
//! entity its rows are of, at the table's own place in the load's order.
//! So every load over the catalog names, merges and looks up entities as
//! the whole load does, whichever tables it reads, and only the rows of the
//! tables left out are missing (a test holds the lookups equal).
//! [`load_names`] reads no table at all: every one stands in, and the names
//! it gives the subject finder (every name, code and alias as written, and
//! the lexicon) are the whole load's.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use super::catalog::{self, CatalogUse};
use super::datapackage;
use super::folder::{Digests, Folder};
use super::index::{Ids, Index, Row, Strings};
use super::manifest::{self, DatasetSpec, Field};
use super::names;
use super::table::{read_table, Table, MANIFEST};
use crate::extract::Lexicon;
use crate::model::Problem;
use crate::util::csvlines::LineCounter;
use crate::util::FxMap;

/// A reference folder's own metric lexicon, over the built-in one.
pub const LEXICON: &str = "metrics.toml";
pub const ALIASES: &str = "aliases.csv";

/// A file of the folder that cannot be read.
fn unreadable(file: &str, e: impl std::fmt::Display) -> Problem {
    Problem::new(
        file,
        None,
        format!("cannot read: {e}"),
        "check the file's permissions",
    )
}

/// The index and every problem found while building it.
#[derive(Debug, Default)]
pub struct Loaded {
    pub index: Index,
    pub problems: Vec<Problem>,
}

/// Load every dataset in `dir`, over the whole built-in catalog.
pub fn load(dir: &Path) -> Loaded {
    load_from(Some(dir), &CatalogUse::All)
}

/// The lexicon a load of `dir` uses: the folder's own `metrics.toml` over
/// the built-in lexicon, and the problems in it. (Which catalog tables a
/// check needs is decided by this lexicon, before the load.)
pub fn lexicon_of(dir: Option<&Path>) -> (Lexicon, Vec<Problem>) {
    let mut problems = Vec::new();
    let lexicon = match dir {
        Some(dir) => load_lexicon(Folder::Disk(dir, None), &mut problems),
        None => Lexicon::default(),
    };
    (lexicon, problems)
}

/// Load the datasets of `dir` (when given) and of the built-in catalog's
/// tables that `catalog` asks for.
pub fn load_from(dir: Option<&Path>, catalog: &CatalogUse) -> Loaded {
    load_with(dir, lexicon_of(dir), catalog)
}

/// [`load_from`], with the lexicon [`lexicon_of`] gave for `dir` (and its
/// problems), so a caller that chose the catalog's tables with it does not
/// read it twice.
pub fn load_with(
    dir: Option<&Path>,
    lexicon: (Lexicon, Vec<Problem>),
    catalog: &CatalogUse,
) -> Loaded {
    build(dir, lexicon, Catalog::Tables(catalog))
}

/// What a load gives the subject finder: every entity name, code and alias
/// as written, sorted, each once (the index's `surface_names`), and the
/// lexicon.
#[derive(Debug)]
pub struct Names {
    pub surface_names: Vec<String>,
    pub lexicon: Lexicon,
    /// The problems of the folder and its lexicon (the catalog's tables
    /// are not read).
    pub problems: Vec<Problem>,
}

/// The names and lexicon [`load`] of `dir` (when given) gives, without
/// inflating or parsing the catalog's tables: each is loaded as its names
/// alone (its codes, and one placeholder row for each entity its rows are
/// of), which is all the load takes from a table to name entities. The
/// folder is read as [`load`] reads it.
pub fn load_names(dir: Option<&Path>) -> Names {
    let lexicon = lexicon_of(dir);
    let catalog = match reads_catalog_otherwise(&lexicon.0) {
        true => Catalog::Tables(&CatalogUse::All),
        false => Catalog::Names,
    };
    let Loaded { index, problems } = build(dir, lexicon, catalog);
    let lexicon = std::sync::Arc::try_unwrap(index.lexicon).unwrap_or_else(|l| (*l).clone());
    Names {
        surface_names: index.surface_names,
        lexicon,
        problems,
    }
}

/// Whether `lexicon` (a folder's `metrics.toml` over the built-in one)
/// changes which rows a catalog table gives, and so which entities have
/// rows: a metric it gives an indicator to whose unit is a date (the
/// table's values are then read as dates) or whose name is empty (no row
/// has an empty metric). A load then reads the tables it would leave out,
/// and [`load_names`] every table: the name tables are what the tables give
/// with the built-in lexicon.
fn reads_catalog_otherwise(lexicon: &Lexicon) -> bool {
    lexicon.metrics().iter().any(|m| {
        !m.indicators.is_empty()
            && (super::rowdate::is_date_unit(&m.unit_text) || m.name.is_empty())
    })
}

/// Where a load's catalog tables come from.
#[derive(Clone, Copy)]
enum Catalog<'a> {
    /// The tables the [`CatalogUse`] asks for, read.
    Tables(&'a CatalogUse),
    /// Every table, as its names alone ([`name_table`]).
    Names,
}

/// The catalog's table `t` as its names alone: its codes, and for each
/// entity its rows are of one row with an empty metric; with `spec` (the
/// table's mapping), the dataset's name, tolerances and aggregates too.
/// Loaded like a table that was read, it gives the same names, exact keys,
/// merges and aggregates.
fn name_table(t: &catalog::NameTable, spec: Option<&DatasetSpec>) -> Table {
    let folder = Folder::Builtin;
    let mut strings = Strings::default();
    let blank = strings.intern("");
    let rows = t
        .entities
        .iter()
        .map(|&e| Row {
            entity: strings.intern(catalog::name(e)),
            metric: blank,
            dataset: 0,
            date: super::rowdate::RowDate {
                days: 0,
                precision: super::rowdate::Precision::Year,
            },
            value: 0.0,
            low: super::index::NONE,
            high: super::index::NONE,
            unit: blank,
            source: blank,
            url: blank,
            line: 0,
        })
        .collect();
    let codes = t
        .codes
        .iter()
        .map(|&(code, entity)| {
            (
                catalog::name(code).to_string(),
                catalog::name(entity).to_string(),
            )
        })
        .collect();
    Table {
        info: super::index::DatasetInfo {
            name: spec.map_or_else(
                || t.path.trim_end_matches(".csv").to_string(),
                DatasetSpec::display_name,
            ),
            file: folder.shown(t.path),
            located: folder.located(t.path),
            tolerance: spec
                .and_then(|s| s.tolerance)
                .unwrap_or(manifest::DEFAULT_TOLERANCE),
            change_tolerance: spec
                .and_then(|s| s.change_tolerance)
                .unwrap_or(manifest::DEFAULT_CHANGE_TOLERANCE),
            cadence: spec.map_or(manifest::Cadence::Irregular, |s| s.cadence),
            builtin: true,
        },
        strings,
        rows,
        problems: Vec::new(),
        codes,
        several_per_line: false,
        aggregates: spec.map(|s| s.aggregates.clone()).unwrap_or_default(),
    }
}

/// Build the index of `dir` (when given) and of the catalog's tables.
fn build(
    dir: Option<&Path>,
    (lexicon, lexicon_problems): (Lexicon, Vec<Problem>),
    catalog: Catalog,
) -> Loaded {
    let mut problems = lexicon_problems;
    // The folder's tables first: where both have a row for one key, the
    // folder's comes first in the index's order and the catalog's is left
    // out (build_series).
    let digests = Digests::default();
    let mut planned: Vec<(Folder, String, Option<DatasetSpec>)> = Vec::new();
    if let Some(dir) = dir {
        let folder = Folder::Disk(dir, Some(&digests));
        for (file, spec) in plan(folder, &lexicon, &mut problems) {
            planned.push((folder, file, spec));
        }
        // The lexicon was read before (lexicon_of); its bytes are part of
        // the snapshot too.
        if folder.has_file(LEXICON) {
            let _ = folder.read(LEXICON);
        }
    }
    let with_catalog = match catalog {
        Catalog::Tables(tables) => *tables != CatalogUse::Off,
        Catalog::Names => true,
    };
    // A table left out stands in as its names, at its own place in the
    // order, so its entities get the ids, keys and merges the whole load
    // gives them; unless the lexicon changes which entities the tables have
    // rows of: then it is read.
    let stand_ins = !reads_catalog_otherwise(&lexicon);
    let mut stood_in: Vec<Option<&'static catalog::NameTable>> = vec![None; planned.len()];
    if let (true, Catalog::Tables(catalog)) = (with_catalog, catalog) {
        for (file, spec) in plan(Folder::Builtin, &lexicon, &mut problems) {
            let metric = match spec.as_ref().and_then(|s| s.metric.as_ref()) {
                Some(Field::Constant(m)) => lexicon.metric(m).map(|m| m.name.as_str()),
                _ => None,
            };
            let read = file == catalog::NAMES_TABLE || catalog.reads(metric);
            let names = catalog::NAME_TABLES.iter().find(|t| t.path == file);
            stood_in.push(names.filter(|_| stand_ins && !read));
            planned.push((Folder::Builtin, file, spec));
        }
    }

    let mut tables: Vec<Table> = planned
        .par_iter()
        .zip(&stood_in)
        .map(|((folder, name, spec), names)| match names {
            Some(names) => name_table(names, spec.as_ref()),
            None => read_table(*folder, name, spec.as_ref()),
        })
        .collect();
    if let Catalog::Names = catalog {
        tables.extend(catalog::NAME_TABLES.iter().map(|t| name_table(t, None)));
    }

    let mut index = Index::default();
    // The first table's strings become the index's as they are: interning
    // them again would give each the same id (ids go in first-seen order).
    let mut strings = match tables.first_mut() {
        Some(t) => std::mem::take(&mut t.strings),
        None => Strings::default(),
    };
    let mut aggregate_names: Vec<(u16, Vec<String>)> = Vec::new();
    let mut by_code: FxMap<String, u32> = FxMap::default();
    let mut all_rows: Vec<Vec<Row>> = Vec::new();
    let mut several_per_line = false;
    for (d, mut table) in tables.into_iter().enumerate() {
        problems.extend(table.problems);
        index.datasets.push(table.info);
        if d > 0 {
            let ids = strings.intern_all(&table.strings);
            drop(table.strings);
            for r in &mut table.rows {
                r.renumber(&ids);
                r.dataset = d as u16;
            }
        }
        several_per_line |= table.several_per_line;
        // One entity across publishers: a name whose code an earlier
        // table gave another name ("South Korea" and "Korea, Rep.", both
        // KOR) is that entity, and its name an exact key for it.
        let mut merged: FxMap<u32, u32> = FxMap::default();
        for (code, entity) in table.codes {
            let e = strings.intern(&entity);
            let key = names::key(&code);
            match by_code.get(&key) {
                Some(&first) if first != e => {
                    merged.insert(e, first);
                    index
                        .exact
                        .entry(names::key(&entity).into_boxed_str())
                        .or_default()
                        .push(first);
                    index.surface_names.push(entity);
                    continue;
                }
                Some(_) => continue,
                None => {
                    by_code.insert(key.clone(), e);
                }
            }
            // A code merges entities and names aggregates (below), but it
            // names no one in a text: "IDB" and "ECA" in news are a bank and
            // a commission, not the World Bank's groups; "ECUs" are currency
            // units, not Ecuador. News spells countries out, and its short
            // forms ("USA", "UK") are built-in names.
        }
        if !merged.is_empty() {
            for r in &mut table.rows {
                if let Some(&first) = merged.get(&r.entity) {
                    r.entity = first;
                }
            }
        }
        all_rows.push(table.rows);
        aggregate_names.push((d as u16, table.aggregates));
    }
    index.strings = strings;
    build_series(&mut index, all_rows, several_per_line, &mut problems);

    // Entity names: exact keys, fuzzy index (aggregates left out), gazetteer.
    let entities: Vec<u32> = index.entities().collect();
    for (_, names_list) in &aggregate_names {
        for n in names_list {
            let key = names::key(n);
            if let Some(ids) = index.exact.get(key.as_str()) {
                index.aggregates.extend(ids.iter().copied());
            } else if let Some(&e) = by_code.get(&key) {
                // An aggregate named by its code ("WLD").
                index.aggregates.insert(e);
            } else if let Some(id) = index.strings.id(n) {
                index.aggregates.insert(id);
            }
        }
    }
    // Keys in parallel; then the fuzzy index on one thread while the exact
    // table and the surface names fill on another (both in entity order).
    let keys: Vec<String> = entities
        .par_iter()
        .map(|&e| names::key(index.strings.get(e)))
        .collect();
    let mut exact = std::mem::take(&mut index.exact);
    let mut fuzzy = std::mem::take(&mut index.fuzzy);
    let mut surface_names = std::mem::take(&mut index.surface_names);
    let (strings, aggregates) = (&index.strings, &index.aggregates);
    rayon::join(
        || {
            for (&e, k) in entities.iter().zip(&keys) {
                if !aggregates.contains(&e) {
                    fuzzy.insert(k, e);
                }
            }
        },
        || {
            for (&e, k) in entities.iter().zip(&keys) {
                match exact.get_mut(k.as_str()) {
                    Some(ids) => {
                        if !ids.contains(&e) {
                            ids.push(e);
                        }
                    }
                    None => {
                        exact.insert(k.as_str().into(), Ids::One(e));
                    }
                }
                surface_names.push(strings.get(e).to_string());
            }
        },
    );
    index.exact = exact;
    index.fuzzy = fuzzy;
    index.surface_names = surface_names;
    if let Some(dir) = dir {
        load_aliases(Folder::Disk(dir, Some(&digests)), &mut index, &mut problems);
    }
    add_builtin_country_names(&mut index);
    index.fuzzy.finish();
    // Equal strings are identical: the unstable sort gives the same list.
    index.surface_names.par_sort_unstable();
    index.surface_names.dedup();
    index.lexicon = std::sync::Arc::new(lexicon);
    index.snapshot = super::snapshot::of(with_catalog, digests.into_sorted());
    Loaded { index, problems }
}

/// The tables of `folder`, each as its file (relative to the folder) and
/// the `datasets.toml` entry or data package that maps it (none: the file
/// must be canonical). A folder that cannot be listed is a problem.
fn plan(
    folder: Folder,
    lexicon: &Lexicon,
    problems: &mut Vec<Problem>,
) -> Vec<(String, Option<DatasetSpec>)> {
    let mut csvs: Vec<String> = match folder.files("") {
        Ok(names) => names
            .into_iter()
            .filter(|n| n.to_ascii_lowercase().ends_with(".csv") && n != ALIASES)
            .collect(),
        Err(e) => {
            problems.push(Problem::new(
                &folder.shown(""),
                None,
                format!("cannot read the reference folder: {e}"),
                "pass --reference DIR with the folder of reference CSVs",
            ));
            return Vec::new();
        }
    };
    // A FIFO or a device would block or never end: skipped, and named.
    for (relative, what) in folder.special() {
        problems.push(Problem::warning(
            &folder.shown(&relative),
            None,
            format!("skipped: it is {what}, not a regular file"),
            "a reference folder holds regular files (CSV, datasets.toml, metrics.toml, aliases.csv); remove it or put the file it stands for in its place",
        ));
    }
    let mut specs: BTreeMap<String, DatasetSpec> = BTreeMap::new();
    if folder.has_file(MANIFEST) {
        let shown_manifest = folder.shown(MANIFEST);
        match folder.read_text(MANIFEST) {
            Ok(text) => match manifest::parse(&shown_manifest, &text) {
                Ok(m) => {
                    let lines = file_lines(&text);
                    let mut first_lines: BTreeMap<String, Option<u64>> = BTreeMap::new();
                    for (i, d) in m.dataset.into_iter().enumerate() {
                        let line = lines.get(i).copied().flatten();
                        if let Some(first) = first_lines.get(&d.file) {
                            let first = first
                                .map(|l| format!(" (the first is at line {l})"))
                                .unwrap_or_default();
                            problems.push(Problem::new(
                                &shown_manifest,
                                line,
                                format!(
                                    "dataset file \"{}\" has a second [[dataset]] entry{first}: one file is read one way, and this entry is not used",
                                    d.file
                                ),
                                "give each file one [[dataset]] entry: merge the two, or remove one",
                            ));
                            continue;
                        }
                        first_lines.insert(d.file.clone(), line);
                        if !csvs.contains(&d.file) {
                            problems.push(Problem::new(
                                &shown_manifest,
                                None,
                                format!(
                                    "dataset file \"{}\" not found in {}",
                                    d.file,
                                    folder.shown("")
                                ),
                                "fix the file name or remove the entry",
                            ));
                        }
                        specs.insert(d.file.clone(), d);
                    }
                }
                Err(p) => problems.push(p),
            },
            Err(e) => problems.push(unreadable(&shown_manifest, e)),
        }
    }
    // Data packages (a `<CODE>.datapackage.json` beside its CSV, in the
    // folder or a folder inside it) map with no datasets.toml entry.
    for (file, spec) in data_packages(folder, lexicon, problems) {
        if let std::collections::btree_map::Entry::Vacant(e) = specs.entry(file.clone()) {
            if !csvs.contains(&file) {
                csvs.push(file);
            }
            e.insert(spec);
        }
    }
    csvs.sort();
    csvs.into_iter()
        .map(|file| {
            let spec = specs.remove(&file);
            (file, spec)
        })
        .collect()
}

/// The line of each `[[dataset]]` entry's `file` key in a `datasets.toml`
/// that parses, in entry order (`None` where it cannot be told).
fn file_lines(text: &str) -> Vec<Option<u64>> {
    #[derive(serde::Deserialize)]
    struct Entries {
        #[serde(default)]
        dataset: Vec<Entry>,
    }
    #[derive(serde::Deserialize)]
    struct Entry {
        file: toml::Spanned<String>,
    }
    match toml::from_str::<Entries>(text) {
        Ok(entries) => entries
            .dataset
            .iter()
            .map(|e| {
                let start = e.file.span().start.min(text.len());
                Some(1 + text[..start].matches('\n').count() as u64)
            })
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// The folder's own `metrics.toml` over the built-in lexicon (or the
/// built-in one), with an entry for each of the folder's data packages
/// whose indicator no entry lists ([`title_metrics`]); a file that cannot
/// be read is a problem at its line.
fn load_lexicon(folder: Folder, problems: &mut Vec<Problem>) -> Lexicon {
    let file = folder.shown(LEXICON);
    let own = if folder.has_file(LEXICON) {
        match folder.read_text(LEXICON) {
            Ok(t) => Some(t),
            Err(e) => {
                problems.push(unreadable(&file, e));
                None
            }
        }
    } else {
        None
    };
    let lexicon = match &own {
        Some(text) => match Lexicon::with_own(&file, text) {
            Ok(l) => l,
            Err(e) => {
                problems.push(Problem::new(
                    &e.file,
                    Some(e.line as u64),
                    e.message,
                    "a [[metric]] needs name, unit and triggers; see reference-data/README.md, \"Your own metrics\"",
                ));
                return Lexicon::default();
            }
        },
        None => Lexicon::default(),
    };
    let titled = title_metrics(folder, &lexicon);
    if titled.is_empty() {
        return lexicon;
    }
    // After the folder's own entries, so theirs keep their line numbers;
    // title_metrics leaves out a name the folder's file already has.
    let text = format!("{}\n{titled}", own.as_deref().unwrap_or(""));
    match Lexicon::with_own(&file, &text) {
        Ok(l) => l,
        Err(e) => {
            problems.push(Problem::new(
                &folder.shown(""),
                None,
                format!(
                    "the metrics read off its data packages' titles cannot be added: {}",
                    e.message
                ),
                "give each indicator a [[metric]] with indicators = [\"CODE\"] in metrics.toml",
            ));
            lexicon
        }
    }
}

/// `[[metric]]` entries, in `metrics.toml`'s format, for the data packages
/// of `folder` whose indicator code no entry of `lexicon` lists: the name
/// made from the code (`AG.YLD.CREL.KG` → `ag_yld_crel_kg`), the unit the
/// title states (none: a count), and the title's words as triggers
/// ("Cereal yield (kg per hectare)" → "cereal yield"); see
/// reference-data/README.md, "How a descriptor is read". Descriptors that
/// cannot be read are left to the loader, which reports them.
fn title_metrics(folder: Folder, lexicon: &Lexicon) -> String {
    let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
    let mut out = String::new();
    for (relative, _) in descriptors(folder) {
        let Ok(text) = folder.read_text(&relative) else {
            continue;
        };
        let Ok(package) = datapackage::parse(&folder.shown(&relative), &text) else {
            continue;
        };
        let words = package.words();
        let name = datapackage::default_metric_name(&package.code);
        if lexicon.by_indicator(&package.code).is_some()
            || lexicon.metric(&name).is_some()
            || words.is_empty()
        {
            continue;
        }
        let words: Vec<String> = words.iter().map(|w| quote(w)).collect();
        out.push_str(&format!(
            "[[metric]]\nname = {}\nunit = {}\nindicators = [{}]\ntriggers = [{}]\n\n",
            quote(&name),
            quote(package.unit.as_deref().unwrap_or("count")),
            quote(&package.code),
            words.join(", ")
        ));
    }
    out
}

/// The data-package descriptors of `folder` and of the folders in it: each
/// one's path in the folder, and the subfolder it is in ("" for none).
pub(super) fn descriptors(folder: Folder) -> Vec<(String, String)> {
    let mut subs = vec![String::new()];
    subs.extend(folder.subfolders());
    let mut out = Vec::new();
    for sub in subs {
        let Ok(names) = folder.files(&sub) else {
            continue;
        };
        for name in names {
            if name.ends_with(datapackage::DESCRIPTOR_SUFFIX)
                || name == datapackage::UPSTREAM_DESCRIPTOR
            {
                let relative = if sub.is_empty() {
                    name
                } else {
                    format!("{sub}/{name}")
                };
                out.push((relative, sub.clone()));
            }
        }
    }
    out
}

/// The data packages of `folder` and of the folders in it, each as the CSV
/// (relative to the folder) and how it maps: the metric the lexicon names
/// its indicator code with (else a name made from the code), and the unit
/// the lexicon gives that metric (else the one the title says).
fn data_packages(
    folder: Folder,
    lexicon: &Lexicon,
    problems: &mut Vec<Problem>,
) -> Vec<(String, DatasetSpec)> {
    let mut out = Vec::new();
    for (relative, sub) in descriptors(folder) {
        let file = folder.shown(&relative);
        let text = match folder.read_text(&relative) {
            Ok(t) => t,
            Err(e) => {
                problems.push(unreadable(&file, e));
                continue;
            }
        };
        let package = match datapackage::parse(&file, &text) {
            Ok(p) => p,
            Err(p) => {
                problems.push(p);
                continue;
            }
        };
        let known = lexicon.by_indicator(&package.code);
        let mut spec = datapackage::dataset_spec(&package, |_| known.map(|m| m.name.clone()));
        if let Some(m) = known {
            spec.unit = Some(manifest::Field::Constant(m.unit_text.clone()));
        }
        // The CSV beside the descriptor, relative to the folder.
        let csv = package
            .data_file
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(&package.data_file);
        let data = if sub.is_empty() {
            csv.to_string()
        } else {
            format!("{sub}/{csv}")
        };
        spec.file = data.clone();
        out.push((data, spec));
    }
    out
}

/// Gather the tables' rows (in table order) into (entity, metric, date)
/// series, and report duplicate keys that disagree.
///
/// Each row goes straight to its entity's place in the index (a count of
/// every entity's rows gives where they start), and then each entity's
/// rows are sorted by (metric, date, dataset, line), the entities in
/// parallel. That key is unique unless a wide table gives one line several
/// values, so an unstable sort gives the stable order; a stable sort is
/// used only when some table has several values per line, and the rows of
/// one line come from one table, in its order, either way. Sorting the
/// rows whole by (entity, metric, date, dataset, line) did the same work
/// over 37 MB at once, outside the cache, and with about log2(575,000) = 19
/// comparisons a row of the catalog, where an entity's 2,000 or so rows
/// take about 11; the load went from 590 to 233 million instructions
/// (callgrind). A merge sort that took each table as a run needed a buffer
/// whose pages cost as much as it saved.
fn build_series(
    index: &mut Index,
    tables: Vec<Vec<Row>>,
    several_per_line: bool,
    problems: &mut Vec<Problem>,
) {
    // starts[e] is where entity e's rows start; starts[e + 1] where they end.
    let mut starts = vec![0usize; index.strings.len() + 1];
    for r in tables.iter().flatten() {
        starts[r.entity as usize + 1] += 1;
    }
    for e in 1..starts.len() {
        starts[e] += starts[e - 1];
    }
    let total = starts[starts.len() - 1];
    index.rows = match tables.iter().find_map(|t| t.first()) {
        // Every place is written below: the first row only fills them.
        Some(&filler) => vec![filler; total],
        None => Vec::new(),
    };
    let mut next = starts.clone();
    for table in tables {
        for r in table {
            let at = &mut next[r.entity as usize];
            index.rows[*at] = r;
            *at += 1;
        }
    }
    let mut entities: Vec<&mut [Row]> = Vec::new();
    let mut rest = index.rows.as_mut_slice();
    for pair in starts.windows(2) {
        let (rows, after) = rest.split_at_mut(pair[1] - pair[0]);
        if rows.len() > 1 {
            entities.push(rows);
        }
        rest = after;
    }
    let key = |r: &Row| (r.metric, r.date, r.dataset, r.line);
    entities.par_iter_mut().for_each(|rows| {
        if several_per_line {
            rows.sort_by_key(key);
        } else {
            rows.sort_unstable_by_key(key);
        }
    });
    // The folder's datasets come before the catalog's, so a key's rows from
    // the folder come first: a catalog row after one of them is left out.
    if index.datasets.iter().any(|d| d.builtin) {
        let builtin: Vec<bool> = index.datasets.iter().map(|d| d.builtin).collect();
        let mut folder_key = None;
        index.rows.retain(|r| {
            let k = (r.entity, r.metric, r.date);
            if !builtin[r.dataset as usize] {
                folder_key = Some(k);
                true
            } else {
                folder_key != Some(k)
            }
        });
    }
    index.entity_rows = vec![0..0; index.strings.len()];
    let rows = &index.rows;
    let mut start = 0usize;
    for i in 1..=rows.len() {
        let boundary = i == rows.len() || rows[i].entity != rows[start].entity;
        if boundary {
            index.entity_rows[rows[start].entity as usize] = start as u32..i as u32;
            start = i;
        }
        if i < rows.len() {
            let (a, b) = (&rows[i - 1], &rows[i]);
            if (a.entity, a.metric, a.date, a.dataset) == (b.entity, b.metric, b.date, b.dataset)
                && a.value != b.value
            {
                let ds = &index.datasets[b.dataset as usize];
                problems.push(Problem::new(
                    &ds.file,
                    Some(b.line as u64),
                    format!(
                        "duplicate key {} / {} / {} with a different value than line {}",
                        index.strings.get(b.entity),
                        index.strings.get(b.metric),
                        b.date,
                        a.line
                    ),
                    "keep one value per entity, metric and date in a dataset",
                ));
            }
        }
    }
}

fn load_aliases(folder: Folder, index: &mut Index, problems: &mut Vec<Problem>) {
    if !folder.has_file(ALIASES) {
        return;
    }
    let file = folder.shown(ALIASES);
    let bytes = match folder.read(ALIASES) {
        Ok(b) => b,
        Err(e) => {
            problems.push(unreadable(&file, e));
            return;
        }
    };
    let mut lines = LineCounter::new(&bytes);
    let mut reader = csv::Reader::from_reader(bytes.as_ref());
    let headers: Vec<String> = reader
        .headers()
        .map(|h| h.iter().map(|s| s.trim().to_string()).collect())
        .unwrap_or_default();
    if headers != ["alias", "entity"] {
        problems.push(Problem::new(
            &file,
            Some(1),
            format!("header is {headers:?}, expected alias,entity"),
            "aliases.csv has two columns: alias,entity",
        ));
        return;
    }
    // Each alias's key: the entity it names and the row that says so.
    let mut named: FxMap<String, (u32, Option<u64>, String)> = FxMap::default();
    for rec in reader.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                problems.push(Problem::new(
                    &file,
                    e.position().map(|p| lines.line_at(p.byte())),
                    format!("malformed row: {e}"),
                    "aliases.csv rows are alias,entity",
                ));
                continue;
            }
        };
        let line = rec.position().map(|p| lines.line_at(p.byte()));
        let (alias, entity) = (rec[0].trim(), rec[1].trim());
        let Some(target) = index.strings.id(entity).filter(|id| index.is_entity(*id)) else {
            problems.push(Problem::new(
                &file,
                line,
                format!("alias \"{alias}\" points at \"{entity}\", which no dataset has"),
                "spell the entity exactly as the dataset does",
            ));
            continue;
        };
        let key = names::key(alias);
        if key.is_empty() {
            problems.push(Problem::new(&file, line, "empty alias", "remove the row"));
            continue;
        }
        // Names are compared by their key, so "U.S." and "US" are one name.
        if let Some((other, other_line, written)) = named.get(&key) {
            if *other != target {
                let at = other_line
                    .map(|l| format!("line {l}"))
                    .unwrap_or_else(|| "an earlier row".into());
                problems.push(Problem::new(
                    &file,
                    line,
                    format!(
                        "alias \"{alias}\" points at \"{entity}\", but {at} points \"{written}\", the same name, at \"{}\": a name stands for one entity",
                        index.strings.get(*other)
                    ),
                    "keep one of the two rows, or make the aliases say which entity they mean",
                ));
                continue;
            }
        } else {
            named.insert(key.clone(), (target, line, alias.to_string()));
        }
        // An exact name is matched before any alias (a code is no name
        // in text, so an alias may equal one).
        if let Some(ids) = index
            .exact
            .get(key.as_str())
            .filter(|ids| !ids.contains(&target))
        {
            let names: Vec<String> = ids
                .iter()
                .map(|&id| format!("\"{}\"", index.strings.get(id)))
                .collect();
            problems.push(Problem::new(
                &file,
                line,
                format!(
                    "alias \"{alias}\" (for \"{entity}\") is the name of {}: names are matched before aliases, so this alias is never used",
                    names.join(" and ")
                ),
                format!("remove the row, or give \"{entity}\" an alias no entity has as its name"),
            ));
            continue;
        }
        add_alias(index, alias, target);
    }
}

/// Names news uses for countries and territories (short names, "the US",
/// demonyms, former names such as "Burma" or "Zaire"), built in, each mapped
/// to the World Bank's spelling. A name applies only where the reference data
/// has that entity, and never over a name or alias of the data's own.
/// A row with no entity names a country the World Bank has no rows for
/// ("Taiwan", "Soviet Union"): it is found in text as a country, and a
/// figure of it is of no entity the data knows.
const COUNTRY_NAMES: &str = include_str!("countries.csv");

fn add_builtin_country_names(index: &mut Index) {
    let mut reader = csv::Reader::from_reader(COUNTRY_NAMES.as_bytes());
    for rec in reader.records() {
        let rec = rec.expect("the built-in country names are valid CSV");
        let (alias, entity) = (rec[0].trim(), rec[1].trim());
        let key = names::key(alias);
        let taken =
            index.exact.contains_key(key.as_str()) || index.aliases.contains_key(key.as_str());
        if entity.is_empty() {
            if !taken {
                index.aliases.entry(key.into_boxed_str()).or_default();
                index.surface_names.push(alias.to_string());
            }
            continue;
        }
        if let Some(target) = index.strings.id(entity).filter(|id| index.is_entity(*id)) {
            if !taken {
                add_alias(index, alias, target);
            } else if index
                .aliases
                .get(key.as_str())
                .is_some_and(|ids| ids.as_slice() == [target])
                || index
                    .exact
                    .get(key.as_str())
                    .is_some_and(|ids| ids.as_slice() == [target])
            {
                // "U.S." after "the US": one name by its key, but another
                // spelling to look for in text.
                index.surface_names.push(alias.to_string());
            }
        }
    }
}

/// Record `alias` as a name of `target`: exact by its key, and as a spelling
/// for fuzzy matching ("Venezuala" is one edit from the alias "Venezuela" of
/// "Venezuela, RB"); aggregates stay exact-only.
fn add_alias(index: &mut Index, alias: &str, target: u32) {
    let k = names::key(alias);
    if !index.aggregates.contains(&target) {
        index.fuzzy.insert(&k, target);
    }
    let ids = index.aliases.entry(k.into_boxed_str()).or_default();
    if !ids.contains(&target) {
        ids.push(target);
    }
    index.surface_names.push(alias.to_string());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each catalog table's names (build.rs) are those the loader reads
    /// from it: the tables in the load's order, each one's codes, and the
    /// entities of its rows in first-row order.
    #[test]
    fn the_name_tables_are_the_tables_names() {
        let mut problems = Vec::new();
        let planned = plan(Folder::Builtin, &Lexicon::default(), &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        let paths: Vec<&str> = planned.iter().map(|(file, _)| file.as_str()).collect();
        let named: Vec<&str> = catalog::NAME_TABLES.iter().map(|t| t.path).collect();
        assert_eq!(paths, named);
        planned
            .par_iter()
            .zip(catalog::NAME_TABLES)
            .for_each(|((file, spec), names)| {
                let table = read_table(Folder::Builtin, file, spec.as_ref());
                assert!(table.problems.is_empty(), "{file}: {:?}", table.problems);
                let stand_in = name_table(names, spec.as_ref());
                assert_eq!(table.codes, stand_in.codes, "{file}");
                assert_eq!(table.aggregates, stand_in.aggregates, "{file}");
                assert_eq!(
                    format!("{:?}", table.info),
                    format!("{:?}", stand_in.info),
                    "{file}"
                );
                let entities = |t: &Table| {
                    let mut seen = std::collections::HashSet::new();
                    t.rows
                        .iter()
                        .map(|r| t.strings.get(r.entity).to_string())
                        .filter(|e| seen.insert(e.clone()))
                        .collect::<Vec<_>>()
                };
                assert_eq!(entities(&table), entities(&stand_in), "{file}");
            });
    }

    /// Each catalog table that build.rs read into rows gives the rows,
    /// strings, codes and problems reading its records gives.
    #[test]
    fn the_ready_rows_are_the_tables_records() {
        let mut problems = Vec::new();
        let planned = plan(Folder::Builtin, &Lexicon::default(), &mut problems);
        let ready: Vec<&str> = planned
            .iter()
            .map(|(file, _)| file.as_str())
            .filter(|file| catalog::rows(file).is_some())
            .collect();
        assert!(
            ready.len() >= 41,
            "the WDI tables and population: {ready:?}"
        );
        planned.par_iter().for_each(|(file, spec)| {
            let fast =
                super::super::table::read_table_as(Folder::Builtin, file, spec.as_ref(), true);
            let slow =
                super::super::table::read_table_as(Folder::Builtin, file, spec.as_ref(), false);
            let rows = |t: &Table| {
                t.rows
                    .iter()
                    .map(|r| {
                        (
                            t.strings.get(r.entity).to_string(),
                            t.strings.get(r.metric).to_string(),
                            r.date,
                            r.value.to_bits(),
                            r.low.to_bits(),
                            r.high.to_bits(),
                            (r.unit, r.source, r.url, r.entity, r.metric, r.line),
                        )
                    })
                    .collect::<Vec<_>>()
            };
            let (fast_rows, slow_rows) = (rows(&fast), rows(&slow));
            let first = fast_rows.iter().zip(&slow_rows).position(|(a, b)| a != b);
            assert!(
                first.is_none() && fast_rows.len() == slow_rows.len(),
                "{file}: {} rows against {}, first differing {:?}",
                fast_rows.len(),
                slow_rows.len(),
                first.map(|i| (&fast_rows[i], &slow_rows[i]))
            );
            let strings = |t: &Table| {
                (0..t.strings.len() as u32)
                    .map(|i| t.strings.get(i).to_string())
                    .collect::<Vec<_>>()
            };
            assert_eq!(strings(&fast), strings(&slow), "{file}");
            assert_eq!(fast.codes, slow.codes, "{file}");
            assert_eq!(
                format!("{:?}", fast.problems),
                format!("{:?}", slow.problems),
                "{file}"
            );
        });
    }

    /// [`load_names`] gives the names and lexicon of the whole load: with
    /// no folder, one that cannot be read, the repository's own, one whose
    /// codes, names and aliases meet the catalog's (a code another entity
    /// has there, a catalog entity's name and an alias for it), and one
    /// whose lexicon reads a catalog table otherwise.
    #[test]
    fn the_names_are_the_whole_loads() {
        let dir = tempfile::tempdir().unwrap();
        let files = [
            (
                "datasets.toml",
                "[[dataset]]\nfile = \"mine.csv\"\nentity = \"Name\"\ncode = \"Code\"\nmetric = { constant = \"population\" }\nvalue = \"Value\"\ndate = \"Year\"\nunit = { constant = \"people\" }\n",
            ),
            (
                "mine.csv",
                "Name,Code,Year,Value\nSouth Korea,KOR,2016,51000000\nJapan,,2016,127000000\nfra,FRA1,2016,66000000\nZembla,ZMB,2016,1000\n",
            ),
            (
                "aliases.csv",
                "alias,entity\nBlighty,United Kingdom\nMorning Calm,\"Korea, Rep.\"\nZem,Zembla\n",
            ),
        ];
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        // A folder whose metrics.toml reads a catalog table's values as
        // dates: that table gives no rows.
        let dated = tempfile::tempdir().unwrap();
        std::fs::write(
            dated.path().join(LEXICON),
            "[[metric]]\nname = \"forest_day\"\nunit = \"date\"\nindicators = [\"AG.LND.FRST.ZS\"]\ntriggers = [\"forest day\"]\n",
        )
        .unwrap();
        let (lexicon, problems) = lexicon_of(Some(dated.path()));
        assert!(problems.is_empty(), "{problems:?}");
        assert!(reads_catalog_otherwise(&lexicon));
        assert!(!reads_catalog_otherwise(&Lexicon::default()));
        let folders = [
            Some(dated.path()),
            None,
            Some(Path::new("no-such-folder")),
            Some(Path::new("reference-data")),
            Some(dir.path()),
        ];
        for folder in folders {
            let whole = load_from(folder, &CatalogUse::All);
            let names = load_names(folder);
            assert_eq!(
                whole.index.surface_names(),
                names.surface_names,
                "{folder:?}"
            );
            assert_eq!(
                format!("{:?}", whole.index.lexicon()),
                format!("{:?}", names.lexicon)
            );
        }
        // The spellings only the indicator tables give (not the names
        // table) are among them.
        let names = load_names(None).surface_names;
        for name in [
            "Korea, Dem. People’s Rep.",
            "Macedonia, FYR",
            "Middle East & North Africa",
            "Middle East & North Africa (IDA & IBRD countries)",
            "Middle East & North Africa (excluding high income)",
        ] {
            assert!(names.iter().any(|n| n == name), "{name}");
        }
    }

    /// A load that reads some of the catalog's tables names, merges and
    /// looks up entities as the whole load does (the others stand in as
    /// their names): every name, code and alias, and a misspelling of it,
    /// finds the same entities in the same order by the same kind of match;
    /// the aggregates are the same; and the rows of the tables it reads are
    /// the whole load's. So a claim's subject never depends on which tables
    /// the other texts of a check lead to.
    #[test]
    fn a_load_of_some_tables_finds_the_entities_of_the_whole() {
        use super::super::index::{EntityMatch, Index};
        let folder = Some(Path::new("reference-data"));
        let whole = load_from(folder, &CatalogUse::All).index;
        let found = |index: &Index, mention: &str| {
            let found = index.lookup(mention);
            found
                .iter()
                .map(|m: &EntityMatch| (index.str(m.entity).to_string(), m.score, m.kind))
                .collect::<Vec<_>>()
        };
        let aggregates = |index: &Index| {
            let mut names: Vec<String> = index
                .aggregates
                .iter()
                .map(|&a| index.str(a).to_string())
                .collect();
            names.sort_unstable();
            names
        };
        // A table's rows as evidence, by its file, placeholders left out.
        let rows = |index: &Index, files: &[String]| {
            let mut rows: Vec<String> = index
                .rows_iter()
                .filter(|r| {
                    files.contains(&index.dataset(r).file) && !index.str(r.metric).is_empty()
                })
                .map(|r| format!("{:?}", index.evidence(r)))
                .collect();
            rows.sort_unstable();
            rows
        };
        for metrics in [&[][..], &["co2"], &["gdp", "inflation"]] {
            let selection = CatalogUse::Metrics(metrics.iter().map(|m| m.to_string()).collect());
            let part = load_from(folder, &selection).index;
            assert_eq!(whole.surface_names(), part.surface_names(), "{metrics:?}");
            for name in whole.surface_names() {
                // The name, and the name with its second character left out.
                let mut misspelt = name.clone();
                if let Some((i, _)) = misspelt.char_indices().nth(1) {
                    misspelt.remove(i);
                }
                for mention in [name, &misspelt] {
                    assert_eq!(
                        found(&whole, mention),
                        found(&part, mention),
                        "{metrics:?}: {mention}"
                    );
                }
            }
            assert_eq!(aggregates(&whole), aggregates(&part), "{metrics:?}");
            // The tables read: the names table, those of the metrics, and
            // the folder's.
            let read: Vec<String> = part
                .datasets()
                .iter()
                .enumerate()
                .filter(|&(d, _)| {
                    part.rows_iter()
                        .any(|r| usize::from(r.dataset) == d && !part.str(r.metric).is_empty())
                })
                .map(|(_, info)| info.file.clone())
                .collect();
            assert_eq!(part.datasets().len(), whole.datasets().len());
            assert!(read.len() < whole.datasets().len(), "{metrics:?}: {read:?}");
            assert_eq!(rows(&whole, &read), rows(&part, &read), "{metrics:?}");
        }
        // A folder whose lexicon reads a catalog table's values as dates:
        // the tables left out are read, as the name tables do not hold.
        let dated = tempfile::tempdir().unwrap();
        std::fs::write(
            dated.path().join(LEXICON),
            "[[metric]]\nname = \"forest_day\"\nunit = \"date\"\nindicators = [\"AG.LND.FRST.ZS\"]\ntriggers = [\"forest day\"]\n",
        )
        .unwrap();
        let whole = load_from(Some(dated.path()), &CatalogUse::All).index;
        let part = load_from(Some(dated.path()), &CatalogUse::Metrics(Default::default())).index;
        assert_eq!(whole.surface_names(), part.surface_names());
        assert_eq!(whole.rows(), part.rows());
    }
}
