//! Building the [`Index`] from a reference folder: `datasets.toml`, every
//! CSV (in parallel, one task per file), and `aliases.csv`. Every row is
//! either indexed or reported as a [`Problem`] with file, line and a hint.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use super::index::{DatasetInfo, Ids, Index, Row, Strings, NONE};
use super::manifest::{
    self, Cadence, DatasetSpec, Field, Shape, DEFAULT_CHANGE_TOLERANCE, DEFAULT_TOLERANCE,
};
use super::names;
use super::rowdate::RowDate;
use crate::csvlines::LineCounter;
use crate::fxhash::FxMap;
use crate::model::Problem;

pub const MANIFEST: &str = "datasets.toml";
pub const ALIASES: &str = "aliases.csv";
const CANONICAL: [&str; 9] = [
    "entity", "metric", "value", "low", "high", "unit", "date", "source", "url",
];

/// The index and every problem found while building it.
#[derive(Debug, Default)]
pub struct Loaded {
    pub index: Index,
    pub problems: Vec<Problem>,
}

fn shown(dir: &Path, file: &str) -> String {
    crate::ingest::display_path(&dir.join(file))
}

/// Load every dataset in `dir`.
pub fn load(dir: &Path) -> Loaded {
    let mut problems = Vec::new();
    let dir_shown = crate::ingest::display_path(dir);
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            problems.push(Problem::new(
                &dir_shown,
                None,
                format!("cannot read the reference folder: {e}"),
                "pass --reference DIR with the folder of reference CSVs",
            ));
            return Loaded {
                index: Index::default(),
                problems,
            };
        }
    };
    let mut csvs: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.to_ascii_lowercase().ends_with(".csv") && n != ALIASES && !n.starts_with('.'))
        .collect();
    csvs.sort();

    let manifest_path = dir.join(MANIFEST);
    let mut specs: BTreeMap<String, DatasetSpec> = BTreeMap::new();
    if manifest_path.exists() {
        let shown_manifest = shown(dir, MANIFEST);
        match std::fs::read_to_string(&manifest_path) {
            Ok(text) => match manifest::parse(&shown_manifest, &text) {
                Ok(m) => {
                    for d in m.dataset {
                        if !csvs.contains(&d.file) {
                            problems.push(Problem::new(
                                &shown_manifest,
                                None,
                                format!("dataset file \"{}\" not found in {dir_shown}", d.file),
                                "fix the file name or remove the entry",
                            ));
                        }
                        specs.insert(d.file.clone(), d);
                    }
                }
                Err(p) => problems.push(p),
            },
            Err(e) => problems.push(Problem::new(
                &shown_manifest,
                None,
                format!("cannot read: {e}"),
                "check the file's permissions",
            )),
        }
    }

    let mut tables: Vec<Table> = csvs
        .par_iter()
        .map(|name| read_table(dir, name, specs.get(name)))
        .collect();

    let mut index = Index::default();
    // The first table's strings become the index's as they are: interning
    // them again would give each the same id (ids go in first-seen order).
    let mut strings = match tables.first_mut() {
        Some(t) => std::mem::take(&mut t.strings),
        None => Strings::default(),
    };
    let mut aggregate_names: Vec<(u16, Vec<String>)> = Vec::new();
    let mut all_rows: Vec<Vec<Row>> = Vec::new();
    let mut several_per_line = false;
    for (d, mut table) in tables.into_iter().enumerate() {
        problems.extend(table.problems);
        index.datasets.push(table.info);
        if d > 0 {
            let remap: Vec<u32> = (0..table.strings.len() as u32)
                .map(|id| strings.intern(table.strings.get(id)))
                .collect();
            drop(table.strings);
            for r in &mut table.rows {
                r.entity = remap[r.entity as usize];
                r.metric = remap[r.metric as usize];
                r.unit = remap[r.unit as usize];
                r.source = remap[r.source as usize];
                r.url = remap[r.url as usize];
                r.dataset = d as u16;
            }
        }
        several_per_line |= table.several_per_line;
        all_rows.push(table.rows);
        for (code, entity) in table.codes {
            let e = strings.intern(&entity);
            index
                .exact
                .entry(names::key(&code).into_boxed_str())
                .or_default()
                .push(e);
            index.surface_names.push(code);
        }
        aggregate_names.push((d as u16, table.aggregates));
    }
    index.strings = strings;
    // The largest table's rows become the index's (no copy of them), the
    // others are appended.
    if let Some(largest) = (0..all_rows.len()).max_by_key(|&i| all_rows[i].len()) {
        index.rows = std::mem::take(&mut all_rows[largest]);
        for mut rows in all_rows {
            index.rows.append(&mut rows);
        }
    }
    build_series(&mut index, several_per_line, &mut problems);

    // Entity names: exact keys, fuzzy index (aggregates left out), gazetteer.
    let entities: Vec<u32> = index.entities().collect();
    for (_, names_list) in &aggregate_names {
        for n in names_list {
            if let Some(ids) = index.exact.get(names::key(n).as_str()) {
                index.aggregates.extend(ids.iter().copied());
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
    load_aliases(dir, &mut index, &mut problems);
    add_builtin_country_names(&mut index);
    index.fuzzy.finish();
    // Equal strings are identical: the unstable sort gives the same list.
    index.surface_names.par_sort_unstable();
    index.surface_names.dedup();
    Loaded { index, problems }
}

/// Sort rows into (entity, metric, date) series and report duplicate keys
/// that disagree.
///
/// The sort key (entity, metric, date, dataset, line) is unique unless a
/// wide table gives one line several values, so an in-place unstable sort
/// (no buffer the size of the rows) gives the stable order; a stable sort
/// is used only when some table has several values per line.
fn build_series(index: &mut Index, several_per_line: bool, problems: &mut Vec<Problem>) {
    let key = |r: &Row| (r.entity, r.metric, r.date, r.dataset, r.line);
    if several_per_line {
        index.rows.par_sort_by(|a, b| key(a).cmp(&key(b)));
    } else {
        index.rows.par_sort_unstable_by(|a, b| key(a).cmp(&key(b)));
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

fn load_aliases(dir: &Path, index: &mut Index, problems: &mut Vec<Problem>) {
    let path = dir.join(ALIASES);
    if !path.exists() {
        return;
    }
    let file = shown(dir, ALIASES);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            problems.push(Problem::new(
                &file,
                None,
                format!("cannot read: {e}"),
                "check the file",
            ));
            return;
        }
    };
    let mut lines = LineCounter::new(&bytes);
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
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
        if names::key(alias).is_empty() {
            problems.push(Problem::new(&file, line, "empty alias", "remove the row"));
            continue;
        }
        add_alias(index, alias, target);
    }
}

/// Names news uses for countries and territories (short names, "the US",
/// demonyms, former names such as "Burma" or "Zaire"), built in, each mapped
/// to the World Bank's spelling. A name applies only where the reference data
/// has that entity, and never over a name or alias of the data's own.
const COUNTRY_NAMES: &str = include_str!("countries.csv");

fn add_builtin_country_names(index: &mut Index) {
    let mut reader = csv::Reader::from_reader(COUNTRY_NAMES.as_bytes());
    for rec in reader.records() {
        let rec = rec.expect("the built-in country names are valid CSV");
        let (alias, entity) = (rec[0].trim(), rec[1].trim());
        let key = names::key(alias);
        let taken =
            index.exact.contains_key(key.as_str()) || index.aliases.contains_key(key.as_str());
        if let Some(target) = index.strings.id(entity).filter(|id| index.is_entity(*id)) {
            if !taken {
                add_alias(index, alias, target);
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

/// One file's rows with its own string table, before merging.
struct Table {
    info: DatasetInfo,
    strings: Strings,
    rows: Vec<Row>,
    problems: Vec<Problem>,
    /// (code, entity name) pairs from a `code` column.
    codes: Vec<(String, String)>,
    /// Whether a line can give several rows (a wide table's columns).
    several_per_line: bool,
    aggregates: Vec<String>,
}

/// Where one value of a record comes from.
struct Slot {
    value: usize,
    date: Source,
    metric: Source,
}

enum Source {
    Column(usize),
    Fixed(String),
}

struct Local {
    strings: Strings,
    /// The id last interned for each of a row's string fields: rows of one
    /// entity, metric or source come together, so most fields repeat the
    /// row before and skip the hash table.
    last: [u32; LAST_SLOTS],
}

const LAST_SLOTS: usize = 5;
const ENTITY: usize = 0;
const METRIC: usize = 1;
const UNIT: usize = 2;
const SOURCE: usize = 3;
const URL: usize = 4;

impl Local {
    fn intern(&mut self, slot: usize, s: &str) -> u32 {
        let last = self.last[slot];
        if (last as usize) < self.strings.len() && self.strings.get(last) == s {
            return last;
        }
        let id = self.strings.intern(s);
        self.last[slot] = id;
        id
    }
}

/// Parsed row dates by their text: a table has few distinct dates, and
/// parsing one is dearer than looking it up.
#[derive(Default)]
struct Dates(FxMap<Box<str>, Option<RowDate>>);

impl Dates {
    fn parse(&mut self, s: &str) -> Option<RowDate> {
        if let Some(d) = self.0.get(s) {
            return *d;
        }
        let d = RowDate::parse(s);
        self.0.insert(s.into(), d);
        d
    }
}

fn read_table(dir: &Path, name: &str, spec: Option<&DatasetSpec>) -> Table {
    let file = shown(dir, name);
    let mut table = Table {
        info: DatasetInfo {
            name: spec.map_or_else(
                || name.trim_end_matches(".csv").to_string(),
                |s| s.display_name(),
            ),
            file: file.clone(),
            tolerance: spec.and_then(|s| s.tolerance).unwrap_or(DEFAULT_TOLERANCE),
            change_tolerance: spec
                .and_then(|s| s.change_tolerance)
                .unwrap_or(DEFAULT_CHANGE_TOLERANCE),
            cadence: spec.map_or(Cadence::Irregular, |s| s.cadence),
        },
        strings: Strings::default(),
        rows: Vec::new(),
        problems: Vec::new(),
        codes: Vec::new(),
        aggregates: spec.map(|s| s.aggregates.clone()).unwrap_or_default(),
        several_per_line: false,
    };
    let mut problem = |line: Option<u64>, m: String, hint: &str| {
        table.problems.push(Problem::new(&file, line, m, hint))
    };
    let bytes = match std::fs::read(dir.join(name)) {
        Ok(b) => b,
        Err(e) => {
            problem(
                None,
                format!("cannot read: {e}"),
                "check the file's permissions",
            );
            return table;
        }
    };
    let mut lines = LineCounter::new(&bytes);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(bytes.as_slice());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h
            .iter()
            .map(|s| s.trim().trim_start_matches('\u{feff}').to_string())
            .collect(),
        Err(e) => {
            problem(
                Some(1),
                format!("cannot read the header: {e}"),
                "the first line must name the columns",
            );
            return table;
        }
    };
    let col = |n: &str| headers.iter().position(|h| h == n);
    let owned_spec;
    let spec = match spec {
        Some(s) => s,
        None => {
            let unknown: Vec<&String> = headers
                .iter()
                .filter(|h| !CANONICAL.contains(&h.as_str()))
                .collect();
            let missing: Vec<&str> = ["entity", "metric", "value", "date"]
                .into_iter()
                .filter(|c| col(c).is_none())
                .collect();
            if !unknown.is_empty() || !missing.is_empty() {
                let what = if !unknown.is_empty() {
                    format!("unknown column \"{}\"", unknown[0])
                } else {
                    format!("missing column \"{}\"", missing[0])
                };
                problem(
                    Some(1),
                    format!("{what}: a file with no entry in {MANIFEST} must be canonical ({})", CANONICAL.join(",")),
                    &format!("add a [[dataset]] entry for \"{name}\" to {MANIFEST}, or rename the columns"),
                );
                return table;
            }
            owned_spec = DatasetSpec {
                file: name.to_string(),
                name: None,
                shape: Shape::Long,
                entity: "entity".into(),
                code: None,
                metric: Some(Field::Column("metric".into())),
                value: Some("value".into()),
                date: Some("date".into()),
                metric_columns: None,
                low: col("low").map(|_| "low".into()),
                high: col("high").map(|_| "high".into()),
                unit: col("unit").map(|_| Field::Column("unit".into())),
                source: col("source").map(|_| Field::Column("source".into())),
                url: col("url").map(|_| Field::Column("url".into())),
                tolerance: None,
                change_tolerance: None,
                cadence: Cadence::Irregular,
                aggregates: Vec::new(),
            };
            &owned_spec
        }
    };
    // Resolve every named column, reporting the first that is missing.
    let need = |n: &str| {
        col(n).ok_or_else(|| format!("column \"{n}\" (named in {MANIFEST}) is not in the header"))
    };
    let field = |f: &Option<Field>| -> Result<Source, String> {
        Ok(match f {
            Some(Field::Column(c)) => Source::Column(need(c)?),
            Some(Field::Constant(v)) => Source::Fixed(v.clone()),
            None => Source::Fixed(String::new()),
        })
    };
    let plan = (|| -> Result<_, String> {
        let entity = need(&spec.entity)?;
        let code = spec.code.as_deref().map(need).transpose()?;
        let low = spec.low.as_deref().map(need).transpose()?;
        let high = spec.high.as_deref().map(need).transpose()?;
        let unit = field(&spec.unit)?;
        let source = field(&spec.source)?;
        let url = field(&spec.url)?;
        let mut slots = Vec::new();
        match (spec.shape, &spec.metric_columns) {
            (Shape::Long, _) => slots.push(Slot {
                value: need(spec.value.as_deref().unwrap_or("value"))?,
                date: Source::Column(need(spec.date.as_deref().unwrap_or("date"))?),
                metric: field(&spec.metric)?,
            }),
            (Shape::Wide, Some(cols)) => {
                let date = need(spec.date.as_deref().unwrap_or("date"))?;
                for (metric, c) in cols {
                    slots.push(Slot {
                        value: need(c)?,
                        date: Source::Column(date),
                        metric: Source::Fixed(metric.clone()),
                    });
                }
            }
            (Shape::Wide, None) => {
                for (i, h) in headers.iter().enumerate() {
                    if RowDate::parse(h).is_some() {
                        slots.push(Slot {
                            value: i,
                            date: Source::Fixed(h.clone()),
                            metric: field(&spec.metric)?,
                        });
                    }
                }
                if slots.is_empty() {
                    return Err("a wide dataset needs year or date columns (\"1960\", \"2016-02\") or metric_columns".into());
                }
            }
        }
        Ok((entity, code, low, high, unit, source, url, slots))
    })();
    let (entity_col, code_col, low_col, high_col, unit_f, source_f, url_f, slots) = match plan {
        Ok(p) => p,
        Err(m) => {
            problem(
                Some(1),
                m,
                &format!("fix the column names in the [[dataset]] entry for \"{name}\""),
            );
            return table;
        }
    };
    let wide = spec.shape == Shape::Wide;
    table.several_per_line = slots.len() > 1;
    let mut local = Local {
        strings: Strings::default(),
        last: [u32::MAX; LAST_SLOTS],
    };
    let mut dates = Dates::default();
    let mut rows = Vec::new();
    let mut codes: FxMap<String, String> = FxMap::default();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                problem(
                    e.position().map(|p| lines.line_at(p.byte())),
                    format!("malformed row: {e}"),
                    "quote fields that contain commas or quotes",
                );
                continue;
            }
        }
        let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
        if record.len() != headers.len() {
            problem(
                Some(line),
                format!(
                    "row has {} fields, the header has {}",
                    record.len(),
                    headers.len()
                ),
                "every row needs one field per column; quote fields with commas",
            );
            continue;
        }
        fn field<'a>(record: &'a csv::StringRecord, s: &'a Source) -> &'a str {
            match s {
                Source::Column(i) => record[*i].trim(),
                Source::Fixed(v) => v.as_str(),
            }
        }
        let get = |s| field(&record, s);
        let entity = record[entity_col].trim();
        if entity.is_empty() {
            problem(
                Some(line),
                "empty entity".into(),
                "every row needs an entity name",
            );
            continue;
        }
        if let Some(c) = code_col {
            let code = record[c].trim();
            if !code.is_empty() {
                codes
                    .entry(code.to_string())
                    .or_insert_with(|| entity.to_string());
            }
        }
        let unit = get(&unit_f);
        let is_date_unit = super::rowdate::is_date_unit(unit);
        let parse_opt = |c: Option<usize>| -> Result<f64, String> {
            match c.map(|c| record[c].trim()) {
                None | Some("") => Ok(NONE),
                Some(v) => v
                    .parse::<f64>()
                    .ok()
                    .filter(|x| x.is_finite())
                    .ok_or_else(|| format!("\"{v}\" is not a number")),
            }
        };
        let (low, high) = match (parse_opt(low_col), parse_opt(high_col)) {
            (Ok(l), Ok(h)) => (l, h),
            (Err(m), _) | (_, Err(m)) => {
                problem(
                    Some(line),
                    format!("low/high: {m}"),
                    "write low and high as plain numbers, or leave them empty",
                );
                continue;
            }
        };
        for slot in &slots {
            let raw = record[slot.value].trim();
            if wide && (raw.is_empty() || raw == "..") {
                continue; // a wide table's empty cell: no figure for that year
            }
            let value = if is_date_unit {
                match RowDate::parse(raw) {
                    Some(d) => d.days as f64,
                    None => {
                        problem(
                            Some(line),
                            format!("\"{raw}\" is not a date"),
                            "event facts (unit date) take the value YYYY-MM-DD",
                        );
                        continue;
                    }
                }
            } else {
                match raw.parse::<f64>() {
                    Ok(v) if v.is_finite() => v,
                    _ => {
                        let hint = if raw.contains(',') {
                            "write numbers without thousands separators (1880000)"
                        } else {
                            "the value must be a plain number"
                        };
                        problem(Some(line), format!("value \"{raw}\" is not a number"), hint);
                        continue;
                    }
                }
            };
            let date_text = get(&slot.date);
            let Some(date) = dates.parse(date_text) else {
                problem(
                    Some(line),
                    format!("date \"{date_text}\" is not a date"),
                    "write the date as YYYY-MM-DD, YYYY-MM or YYYY",
                );
                continue;
            };
            let metric = get(&slot.metric);
            if metric.is_empty() {
                problem(
                    Some(line),
                    "empty metric".into(),
                    "every row needs a metric",
                );
                continue;
            }
            if !low.is_nan() && !high.is_nan() && low > high {
                problem(
                    Some(line),
                    format!("low {low} is above high {high}"),
                    "swap the low and high columns",
                );
                continue;
            }
            rows.push(Row {
                entity: local.intern(ENTITY, entity),
                metric: local.intern(METRIC, metric),
                dataset: 0,
                date,
                value,
                low,
                high,
                unit: local.intern(UNIT, unit),
                source: local.intern(SOURCE, get(&source_f)),
                url: local.intern(URL, get(&url_f)),
                line: line as u32,
            });
        }
    }
    if rows.is_empty() && table.problems.is_empty() {
        table.problems.push(Problem::new(
            &file,
            None,
            "no rows",
            "add data rows below the header, or remove the file",
        ));
    }
    table.rows = rows;
    table.strings = local.strings;
    let mut codes: Vec<(String, String)> = codes.into_iter().collect();
    codes.sort();
    table.codes = codes;
    table
}
