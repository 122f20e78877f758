//! Reading one reference CSV file into rows: the header and the
//! `datasets.toml` entry say which column is what, then every record
//! becomes rows or a [`Problem`] with its line. A large file is cut at
//! record bounds into parts that are read in parallel and joined in file
//! order, so the rows, their strings' ids and the problems are those of
//! reading the file from start to end.
//!
//! This module owns the canonical form: the columns a file with no
//! `datasets.toml` entry must have, the manifest's file name that messages
//! point to. The folder's loader uses them from here; nothing here uses
//! the loader.

use std::ops::Range;

use rayon::prelude::*;

use super::folder::Folder;
use super::index::{DatasetInfo, Row, Strings, NONE};
use super::manifest::{
    Cadence, DatasetSpec, Field, Shape, DEFAULT_CHANGE_TOLERANCE, DEFAULT_TOLERANCE,
};
use super::rowdate::RowDate;
use crate::model::Problem;
use crate::util::csvlines::{self, LineCounter};
use crate::util::numfmt::plain;
use crate::util::FxMap;

/// The manifest of a reference folder, naming each dataset's columns.
pub const MANIFEST: &str = "datasets.toml";

/// The columns of a canonical file, which needs no manifest entry.
pub(super) const CANONICAL: [&str; 9] = [
    "entity", "metric", "value", "low", "high", "unit", "date", "source", "url",
];

/// A part holds this many bytes of records or more: a part costs a
/// reader, a string table and a merge, each small beside reading a few MB.
/// (A large file has at most four parts per thread; how a file is cut
/// changes nothing read from it.)
const PART_BYTES: usize = 4 << 20;

/// One file's rows with its own string table, before merging.
pub(super) struct Table {
    pub info: DatasetInfo,
    pub strings: Strings,
    pub rows: Vec<Row>,
    pub problems: Vec<Problem>,
    /// (code, entity name) pairs from a `code` column.
    pub codes: Vec<(String, String)>,
    /// Whether a line can give several rows (a wide table's columns).
    pub several_per_line: bool,
    pub aggregates: Vec<String>,
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

/// The table `name` of `folder`, mapped by `spec` (none: canonical).
pub(super) fn read_table(folder: Folder, name: &str, spec: Option<&DatasetSpec>) -> Table {
    read_table_as(folder, name, spec, true)
}

/// [`read_table`]; with `ready`, a table of the built-in catalog that
/// build.rs read (see [`ready_part`]) takes the rows it read instead of
/// reading its records again.
pub(super) fn read_table_as(
    folder: Folder,
    name: &str,
    spec: Option<&DatasetSpec>,
    ready: bool,
) -> Table {
    let mapped_by = spec;
    let file = folder.shown(name);
    let mut table = Table {
        info: DatasetInfo {
            name: spec.map_or_else(
                || name.trim_end_matches(".csv").to_string(),
                |s| s.display_name(),
            ),
            file: file.clone(),
            located: folder.located(name),
            tolerance: spec.and_then(|s| s.tolerance).unwrap_or(DEFAULT_TOLERANCE),
            change_tolerance: spec
                .and_then(|s| s.change_tolerance)
                .unwrap_or(DEFAULT_CHANGE_TOLERANCE),
            cadence: spec.map_or(Cadence::Irregular, |s| s.cadence),
            builtin: folder.is_builtin(),
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
    // A catalog table with ready rows is not inflated: its first line is
    // the one build.rs required, and its records are the ready rows (see
    // `ready_part`; should they not fit the mapping, it is read whole).
    let ready = match ready && folder.is_builtin() {
        true => super::catalog::rows(name),
        false => None,
    };
    let read = match ready {
        Some(_) => Ok(std::borrow::Cow::Borrowed(
            super::catalog::READY_HEADER.as_bytes(),
        )),
        None => folder.read(name),
    };
    let bytes = match read {
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
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        problem(
            Some(1),
            "this file is UTF-16 (it starts with a UTF-16 byte-order mark); claimcheck reads UTF-8"
                .to_string(),
            "save it as UTF-8 (for example: iconv -f UTF-16 -t UTF-8)",
        );
        return table;
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(bytes.as_ref());
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
    // A column named twice would give its cells to the first and drop the
    // second's; unnamed columns are never read, so they may repeat.
    for (i, h) in headers.iter().enumerate() {
        if h.is_empty() {
            continue;
        }
        if let Some(first) = headers[..i].iter().position(|e| e == h) {
            problem(
                Some(1),
                format!(
                    "column \"{h}\" appears twice in the header (columns {} and {})",
                    first + 1,
                    i + 1
                ),
                "name each column once: rename or remove the second",
            );
            return table;
        }
    }
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
    if spec.shape == Shape::Wide && spec.metric_columns.is_none() {
        let used: Vec<usize> = [Some(entity_col), code_col, low_col, high_col]
            .into_iter()
            .flatten()
            .collect();
        let not_dates: Vec<&str> = headers
            .iter()
            .enumerate()
            .filter(|(i, h)| !used.contains(i) && looks_like_a_date(h))
            .map(|(_, h)| h.as_str())
            .collect();
        if let Some(first) = not_dates.first() {
            let more = match not_dates.len() {
                1 => String::new(),
                n => format!(" (and {} more like it)", n - 1),
            };
            problem(
                Some(1),
                format!("column \"{first}\"{more} is neither a year nor a date (YYYY, YYYY-MM, YYYY-MM-DD): the values under it are not read"),
                "name each year or date column by the period it holds (\"2018\", \"2018-12\", \"2018-12-31\")",
            );
        }
    }
    let columns = Columns {
        entity: entity_col,
        code: code_col,
        low: low_col,
        high: high_col,
        unit: unit_f,
        source: source_f,
        url: url_f,
        wide: spec.shape == Shape::Wide,
        width: headers.len(),
        slots,
    };
    table.several_per_line = columns.slots.len() > 1;
    // The records start where the header's ends (the reader reports a
    // record after CRLF on the line end's "\n"; `record_start` steps over it).
    let body_start = csvlines::record_start(&bytes, reader.position().byte() as usize);
    let part = match ready.map(|rows| ready_part(rows, name, &columns, &file)) {
        Some(Some(part)) => part,
        Some(None) => return read_table_as(folder, name, mapped_by, false),
        None => {
            let parts = read_parts(&bytes, body_start, &columns, &file, PART_BYTES);
            // The file's bytes are freed before the parts are joined, which
            // needs room for a second copy of some rows.
            drop(reader);
            drop(bytes);
            join_parts(parts)
        }
    };
    let Part {
        local,
        rows,
        codes,
        problems,
        ..
    } = part;
    table.problems.extend(problems);
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

/// Whether a wide table's header reads as a period that is not one
/// ("2018-13", "201", "2018/19"): digits first, then only digits and date
/// separators. Its column would be dropped without a word.
fn looks_like_a_date(header: &str) -> bool {
    header.starts_with(|c: char| c.is_ascii_digit())
        && header
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.'))
        && RowDate::parse(header).is_none()
}

/// Which column holds what, for every record of a file.
struct Columns {
    entity: usize,
    code: Option<usize>,
    low: Option<usize>,
    high: Option<usize>,
    unit: Source,
    source: Source,
    url: Source,
    slots: Vec<Slot>,
    /// A wide table: an empty cell is a year with no figure, not an error.
    wide: bool,
    /// Fields in the header.
    width: usize,
}

/// The rows of a run of consecutive records, with their own string table.
struct Part {
    local: Local,
    dates: Dates,
    rows: Vec<Row>,
    codes: FxMap<String, String>,
    problems: Vec<Problem>,
    file: String,
}

impl Part {
    fn new(file: &str) -> Part {
        Part {
            local: Local {
                strings: Strings::default(),
                last: [u32::MAX; LAST_SLOTS],
            },
            dates: Dates::default(),
            rows: Vec::new(),
            codes: FxMap::default(),
            problems: Vec::new(),
            file: file.to_string(),
        }
    }

    fn problem(&mut self, line: Option<u64>, message: String, hint: &str) {
        self.problems
            .push(Problem::new(&self.file, line, message, hint));
    }
}

/// The records of `bytes` from `body_start` on, read in parts of about
/// `part_bytes` (in parallel), in file order.
fn read_parts(
    bytes: &[u8],
    body_start: usize,
    columns: &Columns,
    file: &str,
    part_bytes: usize,
) -> Vec<Part> {
    let body = &bytes[body_start..];
    // No more parts than keep the threads busy: each part's rows and
    // strings are copied once more when the parts are joined.
    let parts = (body.len() / part_bytes.max(1) + 1).min(4 * rayon::current_num_threads());
    let cuts = csvlines::record_cuts(body, parts);
    let bounds: Vec<usize> = std::iter::once(0)
        .chain(cuts)
        .chain(std::iter::once(body.len()))
        .collect();
    let ranges: Vec<Range<usize>> = bounds
        .windows(2)
        .map(|w| body_start + w[0]..body_start + w[1])
        .collect();
    // Each part's first line: one more than the line ends before it.
    let line_ends: Vec<u64> = ranges
        .par_iter()
        .map(|r| memchr::memchr_iter(b'\n', &bytes[r.clone()]).count() as u64)
        .collect();
    let header_lines = memchr::memchr_iter(b'\n', &bytes[..body_start]).count() as u64;
    let first_lines: Vec<u64> = line_ends
        .iter()
        .scan(header_lines + 1, |line, ends| {
            let first = *line;
            *line += ends;
            Some(first)
        })
        .collect();
    ranges
        .into_par_iter()
        .zip(first_lines.into_par_iter().zip(line_ends))
        .map(|(range, (first_line, lines))| {
            let mut part = Part::new(file);
            // A row a line, nearly always: the list is made at its size
            // once, not grown by copies (a large table's rows are hundreds
            // of megabytes). Its new strings are fewer than its lines (a
            // line names its entity once; metric, unit and source repeat)
            // and their bytes fewer than its bytes: room reserved but not
            // written costs address space, not memory.
            let records = &bytes[range];
            part.rows.reserve_exact(lines as usize + 1);
            part.local
                .strings
                .reserve_lists(lines as usize + 1, records.len());
            read_part(part, records, first_line, columns)
        })
        .collect()
}

/// The parts' rows and problems one after the other, as one part: the
/// first part's string table is kept and each later part's strings are
/// added to it in their order, so every string has the id reading the
/// file in one pass gives it (ids go in first-seen order).
fn join_parts(mut parts: Vec<Part>) -> Part {
    if parts.is_empty() {
        return Part::new("");
    }
    let rest = parts.split_off(1);
    let mut joined = parts.pop().expect("one part");
    // The first part's lists grow once, to the final size; each later
    // part's are freed as it is moved.
    joined
        .rows
        .reserve_exact(rest.iter().map(|p| p.rows.len()).sum());
    joined
        .local
        .strings
        .reserve(rest.iter().map(|p| &p.local.strings));
    for part in rest {
        let ids = joined.local.strings.intern_all(&part.local.strings);
        drop(part.local);
        joined.rows.extend(part.rows.into_iter().map(|mut r| {
            r.renumber(&ids);
            r
        }));
        // A code keeps the entity of its first row in the file.
        for (code, entity) in part.codes {
            joined.codes.entry(code).or_insert(entity);
        }
        joined.problems.extend(part.problems);
    }
    joined
}

/// A field without the white space around it: `str::trim`, with no
/// character decoded for a field that opens and ends with a printable
/// ASCII byte (nearly every field of a table).
fn trimmed(field: &str) -> &str {
    let printable = |b: Option<&u8>| b.is_some_and(u8::is_ascii_graphic);
    let bytes = field.as_bytes();
    if printable(bytes.first()) && printable(bytes.last()) {
        field
    } else {
        field.trim()
    }
}

/// The rows of the catalog table `name`, `ready` as build.rs read them
/// ([`super::catalog::rows`]), when `c` maps it as the World Bank's long
/// tables are mapped: entity, code, year and value in its four columns, and
/// the metric, unit, source and url fixed (a unit of dates reads values
/// otherwise). The rows, strings and codes are those [`read_part`] gives
/// for its records, in the same order: the load's test holds them equal,
/// table by table. `None`: the table is read as any other.
fn ready_part(
    ready: impl ExactSizeIterator<Item = super::catalog::ReadyRow>,
    name: &str,
    c: &Columns,
    file: &str,
) -> Option<Part> {
    use super::catalog;
    let [slot] = c.slots.as_slice() else {
        return None;
    };
    let (Source::Fixed(metric), Source::Fixed(unit), Source::Fixed(source), Source::Fixed(url)) =
        (&slot.metric, &c.unit, &c.source, &c.url)
    else {
        return None;
    };
    let long = c.entity == 0
        && c.code == Some(1)
        && matches!(slot.date, Source::Column(2))
        && slot.value == 3
        && c.width == 4
        && c.low.is_none()
        && c.high.is_none()
        && !c.wide;
    if !long || metric.is_empty() || super::rowdate::is_date_unit(unit) {
        return None;
    }
    let names = catalog::NAME_TABLES.iter().find(|t| t.path == name)?;
    let mut part = Part::new(file);
    part.rows.reserve_exact(ready.len());
    // The fixed strings go in after the first row's entity, as reading the
    // records interns them; then only an entity can be new.
    let mut fixed: Option<[u32; 4]> = None;
    // Rows of one entity come together; a table has few years.
    let mut last_entity: Option<(u16, u32)> = None;
    let mut years: FxMap<u16, RowDate> = FxMap::default();
    for r in ready {
        let date = match years.get(&r.year) {
            Some(&date) => date,
            None => {
                let date = part.dates.parse(&r.year.to_string())?;
                years.insert(r.year, date);
                date
            }
        };
        let entity = match last_entity {
            Some((id, entity)) if id == r.entity => entity,
            _ => {
                let entity = part.local.intern(ENTITY, catalog::name(r.entity));
                last_entity = Some((r.entity, entity));
                entity
            }
        };
        let [metric, unit, source, url] = *fixed.get_or_insert_with(|| {
            [
                part.local.intern(METRIC, metric),
                part.local.intern(UNIT, unit),
                part.local.intern(SOURCE, source),
                part.local.intern(URL, url),
            ]
        });
        part.rows.push(Row {
            entity,
            metric,
            dataset: 0,
            date,
            value: r.value,
            low: NONE,
            high: NONE,
            unit,
            source,
            url,
            line: r.line,
        });
    }
    part.codes = names
        .codes
        .iter()
        .map(|&(code, entity)| (catalog::name(code).into(), catalog::name(entity).into()))
        .collect();
    Some(part)
}

/// The rows of `records`, whole records whose first line is `first_line`,
/// read into `part` (made with room for them).
fn read_part(mut part: Part, records: &[u8], first_line: u64, c: &Columns) -> Part {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(records);
    let mut lines = LineCounter::new(records);
    let mut line_of = |byte: u64| first_line + lines.line_at(byte) - 1;
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                part.problem(
                    e.position().map(|p| line_of(p.byte())),
                    format!("malformed row: {e}"),
                    "quote fields that contain commas or quotes",
                );
                continue;
            }
        }
        let line = record.position().map_or(0, |p| line_of(p.byte()));
        if record.len() != c.width {
            part.problem(
                Some(line),
                format!(
                    "row has {} fields, the header has {}",
                    record.len(),
                    c.width
                ),
                "every row needs one field per column; quote fields with commas",
            );
            continue;
        }
        fn field<'a>(record: &'a csv::StringRecord, s: &'a Source) -> &'a str {
            match s {
                Source::Column(i) => trimmed(&record[*i]),
                Source::Fixed(v) => v.as_str(),
            }
        }
        let get = |s| field(&record, s);
        let entity = trimmed(&record[c.entity]);
        if entity.is_empty() {
            part.problem(
                Some(line),
                "empty entity".into(),
                "every row needs an entity name",
            );
            continue;
        }
        if let Some(c) = c.code {
            let code = trimmed(&record[c]);
            // Most rows repeat the code of the row before: no copy of it
            // is made to look it up.
            if !code.is_empty() && !part.codes.contains_key(code) {
                part.codes.insert(code.to_string(), entity.to_string());
            }
        }
        let unit = get(&c.unit);
        let is_date_unit = super::rowdate::is_date_unit(unit);
        let parse_opt = |c: Option<usize>| -> Result<f64, String> {
            match c.map(|c| trimmed(&record[c])) {
                None | Some("") => Ok(NONE),
                Some(v) => v
                    .parse::<f64>()
                    .ok()
                    .filter(|x| x.is_finite())
                    .ok_or_else(|| format!("\"{v}\" is not a number")),
            }
        };
        let (low, high) = match (parse_opt(c.low), parse_opt(c.high)) {
            (Ok(l), Ok(h)) => (l, h),
            (Err(m), _) | (_, Err(m)) => {
                part.problem(
                    Some(line),
                    format!("low/high: {m}"),
                    "write low and high as plain numbers, or leave them empty",
                );
                continue;
            }
        };
        for slot in &c.slots {
            let raw = trimmed(&record[slot.value]);
            if c.wide && (raw.is_empty() || raw == "..") {
                continue; // a wide table's empty cell: no figure for that year
            }
            let value = if is_date_unit {
                match RowDate::parse(raw) {
                    Some(d) => d.days as f64,
                    None => {
                        part.problem(
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
                        part.problem(Some(line), format!("value \"{raw}\" is not a number"), hint);
                        continue;
                    }
                }
            };
            let date_text = get(&slot.date);
            let Some(date) = part.dates.parse(date_text) else {
                part.problem(
                    Some(line),
                    format!("date \"{date_text}\" is not a date"),
                    "write the date as YYYY-MM-DD, YYYY-MM or YYYY",
                );
                continue;
            };
            let metric = get(&slot.metric);
            if metric.is_empty() {
                part.problem(
                    Some(line),
                    "empty metric".into(),
                    "every row needs a metric",
                );
                continue;
            }
            if !low.is_nan() && !high.is_nan() && low > high {
                part.problem(
                    Some(line),
                    format!("low {low} is above high {high}"),
                    "swap the low and high columns",
                );
                continue;
            }
            if !is_date_unit {
                let outside = if value < low {
                    Some(("below its own low", low))
                } else if value > high {
                    Some(("above its own high", high))
                } else {
                    None
                };
                if let Some((side, bound)) = outside {
                    part.problem(
                        Some(line),
                        format!("value {raw} is {side} {}", plain(bound)),
                        "a published range holds its value: fix the value, or the low and high columns",
                    );
                    continue;
                }
            }
            part.rows.push(Row {
                entity: part.local.intern(ENTITY, entity),
                metric: part.local.intern(METRIC, metric),
                dataset: 0,
                date,
                value,
                low,
                high,
                unit: part.local.intern(UNIT, unit),
                source: part.local.intern(SOURCE, get(&c.source)),
                url: part.local.intern(URL, get(&c.url)),
                line: line as u32,
            });
        }
    }
    part
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_is_trimmed_as_str_trim_trims_it() {
        for field in [
            "Aruba",
            " Aruba",
            "Aruba\t",
            "\u{a0}Aruba\u{2003}",
            "Côte d'Ivoire",
            "Curaçao ",
            "",
            " ",
            "1.5",
            "\u{feff}x",
        ] {
            assert_eq!(trimmed(field), field.trim(), "{field:?}");
        }
    }

    /// The canonical layout: entity, metric, value, low, high, unit, date,
    /// source, url.
    fn canonical() -> Columns {
        Columns {
            entity: 0,
            code: None,
            low: Some(3),
            high: Some(4),
            unit: Source::Column(5),
            source: Source::Column(7),
            url: Source::Column(8),
            slots: vec![Slot {
                value: 2,
                date: Source::Column(6),
                metric: Source::Column(1),
            }],
            wide: false,
            width: 9,
        }
    }

    /// What a reader of the index sees of a part: its rows with their
    /// strings, its codes and its problems, written out (a row's missing
    /// low and high are NaN, which equals nothing).
    fn seen(part: Part) -> String {
        let s = &part.local.strings;
        let rows = part
            .rows
            .iter()
            .map(|r| {
                let text =
                    [r.entity, r.metric, r.unit, r.source, r.url].map(|id| s.get(id).to_string());
                (text.to_vec(), *r)
            })
            .collect();
        let mut codes: Vec<(String, String)> = part.codes.into_iter().collect();
        codes.sort();
        let rows: Vec<(Vec<String>, Row)> = rows;
        format!("{rows:?}\n{codes:?}\n{:?}", part.problems)
    }

    /// A file read in parts of any size gives the rows, string ids, codes
    /// and problems (with their lines) of reading it in one: quoted commas
    /// and line ends, CRLF, blank lines and rows of every kind of problem.
    #[test]
    fn parts_read_as_the_whole() {
        let rows = [
            "Syria,deaths,400000,,,people,2016,src,u\n",
            "\"Korea, Rep.\",population,51000000,,,people,2016,wb,u\r\n",
            "\"Two\nlines\",deaths,5,,,people,2015,s,u\n",
            "Syria,deaths,x,,,people,2016,src,u\n",
            ",deaths,1,,,people,2016,s,u\n",
            "Yemen,deaths,1,2,1,people,2016,s,u\n",
            "Yemen,deaths,1\n",
            "Chad,\"said \"\"hi\"\"\",3,,,people,2017,s,u\n",
            "Chad,deaths,3,,,people,someday,s,u\n",
            "\n",
            "Mali,deaths,7,6,8,people,2014-03,other,v\n",
        ];
        let header = "entity,metric,value,low,high,unit,date,source,url\n";
        let columns = canonical();
        let mut several = 0;
        for body in crate::testing::random_texts(&rows, 40, 300) {
            let file = format!("{header}{body}");
            let bytes = file.as_bytes();
            let read = |part_bytes| {
                join_parts(read_parts(
                    bytes,
                    header.len(),
                    &columns,
                    "t.csv",
                    part_bytes,
                ))
            };
            let whole = seen(read(usize::MAX));
            for part_bytes in [1, 16, 64, 200] {
                several += usize::from(
                    read_parts(bytes, header.len(), &columns, "t.csv", part_bytes).len() > 1,
                );
                assert_eq!(
                    seen(read(part_bytes)),
                    whole,
                    "{file:?} in parts of {part_bytes}"
                );
            }
        }
        assert!(several > 500, "only {several} reads in several parts");
    }

    /// Rows and problems carry the line their record starts on in the
    /// file, after a quoted line end, CRLF and blank lines, in any part.
    #[test]
    fn lines_are_the_files() {
        let header = "entity,metric,value,low,high,unit,date,source,url\r\n";
        let file = format!(
            "{header}Syria,deaths,1,,,people,2016,s,u\r\n\r\n\"Two\nlines\",deaths,2,,,people,2016,s,u\n\n\nChad,deaths,x,,,people,2016,s,u\nMali,deaths,3,,,people,2016,s,u\n"
        );
        for part_bytes in [1, 30, usize::MAX] {
            let part = join_parts(read_parts(
                file.as_bytes(),
                header.len(),
                &canonical(),
                "t.csv",
                part_bytes,
            ));
            let lines: Vec<u32> = part.rows.iter().map(|r| r.line).collect();
            assert_eq!(lines, [2, 4, 9], "in parts of {part_bytes}");
            let problems: Vec<Option<u64>> = part.problems.iter().map(|p| p.line).collect();
            assert_eq!(problems, [Some(8)], "in parts of {part_bytes}");
        }
    }

    /// A code keeps the entity of its first row, whichever part it is in.
    #[test]
    fn a_code_keeps_its_first_entity() {
        let mut columns = canonical();
        columns.code = Some(9);
        columns.width = 10;
        let header = "entity,metric,value,low,high,unit,date,source,url,code\n";
        let file = format!(
            "{header}Syria,deaths,1,,,people,2016,s,u,SYR\n{}Syrian Arab Republic,deaths,2,,,people,2016,s,u,SYR\n",
            "Chad,deaths,3,,,people,2016,s,u,TCD\n".repeat(20)
        );
        for part_bytes in [1, 100, usize::MAX] {
            let part = join_parts(read_parts(
                file.as_bytes(),
                header.len(),
                &columns,
                "t.csv",
                part_bytes,
            ));
            assert_eq!(part.codes.get("SYR").map(String::as_str), Some("Syria"));
            assert_eq!(part.rows.len(), 22);
        }
    }
}
