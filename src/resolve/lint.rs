//! What `reference validate` says about a reference folder beyond whether it
//! loads: whether the metric lexicon and the data agree.
//!
//! Takes the loaded [`Index`] (its rows, datasets and lexicon: the built-in
//! one with the folder's own `metrics.toml` over it) and the folder's
//! [`Sources`] (that file's text and the data packages' descriptors, read
//! by [`read_sources`], this module's only file access); gives a
//! [`Linted`]: problems with file, line and a hint, sorted by file and
//! line, and the words each data package's title gives an indicator no
//! lexicon entry names, for the summary. Prints nothing.
//!
//! The checks, and how much each matters:
//!
//! - **A metric no lexicon entry names** (a dataset's rows carry it, and no
//!   `[[metric]]` of either lexicon has that name, or the one that has it
//!   lists no word): no claim can ever be checked against those rows. An
//!   error at the dataset's file and the first row carrying it, since the
//!   newsroom wrote the name (a misspelt metric reads the same way). For a
//!   data package whose indicator code no `[[metric]]` lists, the name was
//!   made from the code: a warning at the descriptor, with the words its
//!   title gives (`words_of_title`) offered as triggers.
//! - **A unit [`Unit::try_read`] cannot read** (a dataset's unit text, a
//!   data package's title unit, or a `unit` of the folder's `metrics.toml`):
//!   a warning, since a unit of its own ("bags", "hospital beds") is allowed
//!   and kept as written, comparable only with bare figures and the same
//!   wording, never converted.
//! - **A word two metrics claim** ([`Lexicon::shared_words`]) where one of
//!   them comes from the folder's `metrics.toml`: an error at that file's
//!   line, since a figure next to the word could count either metric, and
//!   only one is taken. Words two built-in metrics share are the built-in
//!   lexicon's business (its tests), not the newsroom's, and are not
//!   reported.
//!
//! - **A negative value of a count** (a folder's row whose unit, or its
//!   metric's unit when the row gives none, counts people or things): a
//!   warning at the first such row of the dataset's metric, since a net
//!   figure or a change (net migration) can be negative and is right.
//!
//! The other checks of a folder's rows (a value outside its own low/high,
//! a wide table's header that is no year or date, a file listed twice in
//! `datasets.toml`, an alias naming two entities or shadowed by an exact
//! name) are the loader's, where it reads those rows: they are errors that
//! stop a check too.
//!
//! [`Lexicon::shared_words`]: crate::extract::Lexicon::shared_words

use std::collections::BTreeMap;
use std::path::Path;

use super::datapackage::{self, DataPackage};
use super::folder::Folder;
use super::index::Index;
use super::load::{descriptors, LEXICON};
use super::{END_DATE, HELD, START_DATE};
use crate::extract::lexicon::Metric;
use crate::model::{Problem, Unit};
use crate::util::FxMap;

/// What the checks read besides the index: the folder's own lexicon file
/// and its data packages' descriptors, each as shown in problems with its
/// text.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    /// The folder's `metrics.toml` as shown, whether or not it exists (the
    /// hints name it).
    pub lexicon_file: String,
    /// Its text, when the folder has one.
    pub lexicon_text: Option<String>,
    /// Every `<CODE>.datapackage.json` (or `datapackage.json`) of the
    /// folder and the folders in it: (path as shown, text).
    pub descriptors: Vec<(String, String)>,
}

/// A data package's indicator that no `[[metric]]` lists, with the words
/// its title gives.
#[derive(Clone, Debug, PartialEq)]
pub struct TitleWords {
    /// The dataset (an index into [`Index::datasets`]).
    pub dataset: usize,
    pub code: String,
    /// The metric its rows load as (the code, lower-cased).
    pub metric: String,
    pub words: Vec<String>,
}

/// The checks' findings.
#[derive(Clone, Debug, Default)]
pub struct Linted {
    pub problems: Vec<Problem>,
    pub title_words: Vec<TitleWords>,
}

/// Read what [`lint`] needs from the folder: its `metrics.toml` and the
/// data packages' descriptors, found as the loader finds them (in the
/// folder and the folders in it). A file that cannot be read is left out:
/// the loader has reported it.
pub fn read_sources(dir: &Path) -> Sources {
    let folder = Folder::Disk(dir, None);
    let descriptors = descriptors(folder)
        .into_iter()
        .filter_map(|(relative, _)| {
            Some((folder.shown(&relative), folder.read_text(&relative).ok()?))
        })
        .collect();
    Sources {
        lexicon_file: folder.shown(LEXICON),
        lexicon_text: folder.read_text(LEXICON).ok(),
        descriptors,
    }
}

/// Event facts: named by the event grammar ("began", "ended", "held"),
/// not by lexicon words.
const EVENT_METRICS: [&str; 3] = [START_DATE, END_DATE, HELD];

/// Run every check (see the module doc) over a loaded folder.
pub fn lint(index: &Index, sources: &Sources) -> Linted {
    let lexicon = index.lexicon();
    let own = Own {
        file: &sources.lexicon_file,
        text: sources.lexicon_text.as_deref().unwrap_or(""),
    };
    let mut problems = Vec::new();

    // Data packages: which dataset each one's rows are, and the indicators
    // no [[metric]] lists.
    let packages: Vec<DataPackage> = sources
        .descriptors
        .iter()
        .filter_map(|(file, text)| datapackage::parse(file, text).ok())
        .collect();
    let mut from_package: FxMap<usize, (&DataPackage, usize)> = FxMap::default();
    for (p, package) in packages.iter().enumerate() {
        let name = format!("worldbank-{}", package.code);
        if let Some(d) = index
            .datasets
            .iter()
            .position(|d| d.file == package.data_file && d.name == name)
        {
            from_package.insert(d, (package, p));
        }
    }
    // An indicator no [[metric]] of the lexicons lists is named by the
    // loader from its title (load.rs, title_metrics): that entry, unless the
    // folder's metrics.toml gave one of the same name, is the title's.
    let titled = |m: &Metric| {
        m.indicators.len() == 1
            && m.name == datapackage::default_metric_name(&m.indicators[0])
            && packages.iter().any(|p| {
                p.code == m.indicators[0] && datapackage::words_of_title(&p.title) == m.words
            })
    };
    let mut title_words = Vec::new();
    for (&dataset, &(package, p)) in &from_package {
        if !lexicon.by_indicator(&package.code).is_some_and(titled) {
            continue;
        }
        let (file, text) = &sources.descriptors[p];
        let title_line = title_line(text, &package.title);
        if let Some(u) = package
            .unit
            .as_deref()
            .filter(|u| Unit::try_read(u).is_none())
        {
            problems.push(unreadable_unit(
                file,
                title_line,
                u,
                "read off the title",
                &format!(
                    "give the indicator a [[metric]] in {} with its unit",
                    own.file
                ),
            ));
        }
        title_words.push(TitleWords {
            dataset,
            code: package.code.clone(),
            metric: datapackage::default_metric_name(&package.code),
            words: datapackage::words_of_title(&package.title),
        });
    }
    title_words.sort_by_key(|t| t.dataset);

    // Each dataset's metrics (with the first row carrying each, and its
    // unit) and units (with the first row carrying each), in order.
    // And each dataset's metrics with a negative value: the first such
    // row (its line, value and unit) and how many there are.
    let mut metrics: FxMap<(u16, u32), (u32, u32)> = FxMap::default();
    let mut units: FxMap<(u16, u32), u32> = FxMap::default();
    let mut negative: FxMap<(u16, u32), Negative> = FxMap::default();
    for r in &index.rows {
        let first = metrics
            .entry((r.dataset, r.metric))
            .or_insert((r.line, r.unit));
        if r.line < first.0 {
            *first = (r.line, r.unit);
        }
        let first = units.entry((r.dataset, r.unit)).or_insert(r.line);
        *first = (*first).min(r.line);
        if r.value < 0.0 && !index.datasets[r.dataset as usize].builtin {
            let first = negative.entry((r.dataset, r.metric)).or_insert(Negative {
                line: r.line,
                value: r.value,
                unit: r.unit,
                rows: 0,
            });
            first.rows += 1;
            if r.line < first.line {
                (first.line, first.value, first.unit) = (r.line, r.value, r.unit);
            }
        }
    }
    let negative: BTreeMap<_, _> = negative.into_iter().collect();
    for (&(dataset, metric), n) in &negative {
        let Negative {
            line,
            value,
            unit,
            rows,
        } = *n;
        let name = index.str(metric);
        let written = match index.str(unit) {
            "" => lexicon.metric(name).map_or("", |m| m.unit_text.as_str()),
            u => u,
        };
        if !is_a_count(written) {
            continue;
        }
        let others = match rows {
            1 => String::new(),
            2 => " (and 1 more row)".to_string(),
            n => format!(" (and {} more rows)", n - 1),
        };
        problems.push(Problem::warning(
            &index.datasets[dataset as usize].file,
            Some(line as u64),
            format!(
                "metric \"{name}\" counts {written} and has the negative value {}{others}: a count of people or things is never below zero",
                crate::util::numfmt::plain(value)
            ),
            "fix the sign; a net figure or a change (net migration, jobs lost) can be negative and is right as it is",
        ));
    }
    let metrics: BTreeMap<_, _> = metrics.into_iter().collect();
    let units: BTreeMap<_, _> = units.into_iter().collect();

    for (&(dataset, metric), &(line, unit)) in &metrics {
        let d = dataset as usize;
        if from_package.contains_key(&d) {
            // Named by its indicator code, or reported above.
            continue;
        }
        let name = index.str(metric);
        if EVENT_METRICS.contains(&name) {
            continue;
        }
        let file = &index.datasets[d].file;
        match lexicon.metric(name) {
            Some(m) if !m.words.is_empty() => {}
            Some(m) => problems.push(Problem::new(
                file,
                Some(line as u64),
                format!("metric \"{name}\" has a [[metric]] entry ({}) with no words: no claim can be checked against its rows", at(m)),
                format!("give it triggers = [the words news uses for it] in {}", own.file),
            )),
            None => {
                let add = format!(
                    "{} {}: [[metric]] name = \"{name}\", unit = \"{}\", triggers = [the words news uses for it]; see reference-data/README.md, \"Your own metrics\"",
                    if sources.lexicon_text.is_some() { "add to" } else { "create" },
                    own.file,
                    index.str(unit)
                );
                let hint = match closest_name(name, lexicon.metrics()) {
                    Some(close) => format!("if you meant the metric \"{close}\", write that; else {add}"),
                    None => add,
                };
                problems.push(Problem::new(
                    file,
                    Some(line as u64),
                    format!("metric \"{name}\" has no [[metric]] entry, built in or in the folder's metrics.toml: no claim can be checked against its rows"),
                    hint,
                ));
            }
        }
    }

    for (&(dataset, unit), &line) in &units {
        if from_package.contains_key(&(dataset as usize)) {
            // The lexicon's unit (checked below when it is the folder's),
            // or the title's (checked above).
            continue;
        }
        let text = index.str(unit);
        if Unit::try_read(text).is_none() {
            problems.push(unreadable_unit(
                &index.datasets[dataset as usize].file,
                Some(line as u64),
                text,
                "in the data",
                "write it in the unit column, or the unit of its datasets.toml entry",
            ));
        }
    }

    for m in lexicon
        .metrics()
        .iter()
        .filter(|m| own.has(m) && !titled(m))
    {
        if Unit::try_read(&m.unit_text).is_none() {
            problems.push(unreadable_unit(
                own.file,
                Some(own.key_line(m, "unit")),
                &m.unit_text,
                &format!("of metric \"{}\"", m.name),
                "write it as the [[metric]]'s unit",
            ));
        }
    }

    for (word, first, second) in lexicon.shared_words() {
        // A title's words another metric has: at the data package.
        if let Some(m) = [first, second].into_iter().find(|m| titled(m)) {
            let other = if std::ptr::eq(m, first) {
                second
            } else {
                first
            };
            let Some((package, p)) = packages
                .iter()
                .enumerate()
                .find(|(_, p)| p.code == m.indicators[0])
                .map(|(i, p)| (p, i))
            else {
                continue;
            };
            let (file, text) = &sources.descriptors[p];
            problems.push(Problem::warning(
                file,
                title_line(text, &package.title),
                format!(
                    "the words \"{word}\" of indicator {}'s title also name the metric \"{}\" ({}): a figure next to them is read as one of the two",
                    package.code,
                    other.name,
                    at(other)
                ),
                format!(
                    "give the indicator a [[metric]] in {} with indicators = [\"{}\"] and words of its own",
                    own.file, package.code
                ),
            ));
            continue;
        }
        let (here, other) = match (own.has(first), own.has(second)) {
            (_, true) => (second, first),
            (true, false) => (first, second),
            (false, false) => continue,
        };
        let replace = if own.has(other) {
            String::new()
        } else {
            format!(
                "; to take the word from the built-in \"{}\", replace it here with a [[metric]] named \"{}\" that does not list it",
                other.name, other.name
            )
        };
        problems.push(Problem::new(
            own.file,
            Some(own.word_line(here, word)),
            format!(
                "the word \"{word}\" names two metrics: \"{}\" here and \"{}\" ({}); a figure next to it could count either, and only one is taken",
                here.name,
                other.name,
                at(other)
            ),
            format!("keep each word in one [[metric]]: drop it from \"{}\" or make it longer (\"... {word}\"){replace}", here.name),
        ));
    }

    problems.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    Linted {
        problems,
        title_words,
    }
}

/// A dataset's metric's first row with a negative value, and how many
/// rows of it are negative.
#[derive(Clone, Copy)]
struct Negative {
    line: u32,
    value: f64,
    unit: u32,
    rows: usize,
}

/// Whether a unit as written counts people or things ("people",
/// "count", "persons"; an index is not a count).
fn is_a_count(written: &str) -> bool {
    let lower = written.trim().to_ascii_lowercase();
    !lower.is_empty()
        && lower != "index"
        && Unit::try_read(&lower).is_some_and(|m| matches!(m.unit, Unit::Count | Unit::People))
}

fn unreadable_unit(file: &str, line: Option<u64>, unit: &str, whose: &str, fix: &str) -> Problem {
    Problem::warning(
        file,
        line,
        format!("claimcheck cannot read the unit \"{unit}\" ({whose}): values in it are compared only with bare figures and the same wording, never converted"),
        format!(
            "{fix}, in a wording claimcheck reads ({}; or \"per N ...\", \"% of ...\", \"... per capita\"), unless it is a unit of its own (bags, hospital beds)",
            Unit::WORDINGS.join(", ")
        ),
    )
}

/// The folder's own lexicon file, for telling its entries from the
/// built-in ones and finding their lines.
struct Own<'a> {
    file: &'a str,
    text: &'a str,
}

impl Own<'_> {
    fn has(&self, m: &Metric) -> bool {
        m.origin.0 == self.file
    }

    /// The lines of `m`'s entry: from its `[[metric]]` line to the next
    /// table header (1-based line numbers with the text).
    fn entry<'t>(&'t self, m: &Metric) -> impl Iterator<Item = (u64, &'t str)> + 't {
        let start = m.origin.1.max(1);
        self.text
            .lines()
            .enumerate()
            .skip(start - 1)
            .take_while(move |(i, l)| *i + 1 == start || !l.trim_start().starts_with('['))
            .map(|(i, l)| (i as u64 + 1, l))
    }

    /// The line of `key = ...` in `m`'s entry, else the entry's first line.
    fn key_line(&self, m: &Metric, key: &str) -> u64 {
        self.entry(m)
            .find(|(_, l)| {
                l.trim_start()
                    .strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
            })
            .map_or(m.origin.1 as u64, |(n, _)| n)
    }

    /// The line of `m`'s entry that lists `word` (as a quoted string, its
    /// spaces and case aside), else the entry's first line.
    fn word_line(&self, m: &Metric, word: &str) -> u64 {
        self.entry(m)
            .find(|(_, l)| strings_in(l).any(|s| normal(s) == word))
            .map_or(m.origin.1 as u64, |(n, _)| n)
    }
}

/// The quoted strings of a TOML line ("..." or '...'), escapes aside.
fn strings_in(line: &str) -> impl Iterator<Item = &str> {
    let mut rest = line;
    std::iter::from_fn(move || {
        let start = rest.find(['"', '\''])?;
        let quote = rest.as_bytes()[start] as char;
        let after = &rest[start + 1..];
        let end = after.find(quote)?;
        rest = &after[end + 1..];
        Some(&after[..end])
    })
}

/// A word as the lexicon keeps it: lower case, single spaces.
fn normal(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// "file:line" of a lexicon entry.
fn at(m: &Metric) -> String {
    format!("{}:{}", m.origin.0, m.origin.1)
}

/// The 1-based line of a descriptor's `"title"`: the one that holds the
/// title's first words (a resource has a title too), else the first.
fn title_line(text: &str, title: &str) -> Option<u64> {
    let head = title.split('(').next().unwrap_or(title).trim();
    let titles = || {
        text.lines()
            .enumerate()
            .filter(|(_, l)| l.contains("\"title\""))
    };
    titles()
        .find(|(_, l)| l.contains(head))
        .or_else(|| titles().next())
        .map(|(i, _)| i as u64 + 1)
}

/// A lexicon metric one or two edits from `name` ("populaton"), if one is
/// the closest.
fn closest_name<'m>(name: &str, metrics: &'m [Metric]) -> Option<&'m str> {
    if name.chars().count() < 5 {
        return None;
    }
    let mut best: Option<(usize, &str)> = None;
    for m in metrics {
        let d = strsim::damerau_levenshtein(name, &m.name);
        if d <= 2 && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, &m.name));
        }
    }
    best.map(|(_, n)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "entity,metric,value,low,high,unit,date,source,url\n";

    /// A reference folder of `files`, loaded and linted.
    fn lint_files(files: &[(&str, &str)]) -> (Linted, Vec<Problem>, String) {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        // The folder alone: the catalog adds nothing these tests look at.
        let loaded = crate::resolve::load_from(Some(dir.path()), &crate::resolve::CatalogUse::Off);
        let linted = lint(&loaded.index, &read_sources(dir.path()));
        let shown = crate::ingest::display_path(dir.path());
        (linted, loaded.problems, shown)
    }

    fn lines(linted: &Linted) -> Vec<String> {
        linted.problems.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn a_metric_no_lexicon_names_is_an_error_at_its_first_row() {
        let csv = format!(
            "{HEADER}Chad,deaths,5,,,people,2016,S,\nChad,hospital_beds,7.8,,,\"per 1,000 people\",2019,S,\nMali,hospital_beds,1,,,\"per 1,000 people\",2019,S,\nChad,populaton,9,,,people,2019,S,\n"
        );
        let (linted, load_problems, dir) = lint_files(&[("beds.csv", &csv)]);
        assert!(load_problems.is_empty(), "{load_problems:?}");
        assert_eq!(linted.problems.len(), 2, "{:#?}", linted.problems);
        let beds = &linted.problems[0];
        assert_eq!(beds.file, format!("{dir}/beds.csv"));
        assert_eq!(beds.line, Some(3));
        assert!(beds.is_error());
        assert!(beds.message.contains("\"hospital_beds\""), "{beds}");
        assert!(
            beds.hint.contains(&format!("create {dir}/metrics.toml"))
                && beds.hint.contains("unit = \"per 1,000 people\""),
            "{beds}"
        );
        let typo = &linted.problems[1];
        assert_eq!(typo.line, Some(5));
        assert!(
            typo.hint.contains("you meant the metric \"population\""),
            "{typo}"
        );
    }

    #[test]
    fn the_folders_own_metric_and_event_facts_are_named() {
        let csv = format!(
            "{HEADER}Chad,hospital_beds,7.8,,,\"per 1,000 people\",2019,S,\nWar,start_date,2011-03-15,,,date,2011-03-15,S,\n"
        );
        let own = "[[metric]]\nname = \"hospital_beds\"\nunit = \"per 1,000 people\"\ntriggers = [\"hospital beds\"]\n";
        let (linted, load_problems, _) = lint_files(&[("beds.csv", &csv), ("metrics.toml", own)]);
        assert!(load_problems.is_empty(), "{load_problems:?}");
        assert!(linted.problems.is_empty(), "{:#?}", lines(&linted));
    }

    #[test]
    fn units_it_cannot_read_are_warnings_at_their_line() {
        let csv =
            format!("{HEADER}Chad,deaths,5,,,people,2016,S,\nChad,co2,9,,,kilo tonnes,2019,S,\n");
        let own = "# beds\n[[metric]]\nname = \"hospital_beds\"\ntriggers = [\"hospital beds\"]\nunit = \"beds per thousand\"\n";
        let (linted, _, dir) = lint_files(&[("x.csv", &csv), ("metrics.toml", own)]);
        let found: Vec<(String, Option<u64>, bool)> = linted
            .problems
            .iter()
            .map(|p| (p.file.clone(), p.line, p.is_error()))
            .collect();
        assert_eq!(
            found,
            [
                (format!("{dir}/metrics.toml"), Some(5), false),
                (format!("{dir}/x.csv"), Some(3), false),
            ],
            "{:#?}",
            lines(&linted)
        );
        assert!(linted.problems[1].message.contains("\"kilo tonnes\""));
        assert!(linted.problems[1].hint.contains("current US$"));
    }

    #[test]
    fn a_word_the_folders_metric_shares_with_a_built_in_one_is_an_error() {
        let csv = format!("{HEADER}Chad,jobless_claims,5,,,people,2016,S,\n");
        let own = "[[metric]]\nname = \"jobless_claims\"\nunit = \"people\"\ntriggers = [\n  \"jobless claims\",\n  \"Jobless  Rate\",\n]\n";
        let (linted, load_problems, dir) = lint_files(&[("x.csv", &csv), ("metrics.toml", own)]);
        assert!(load_problems.is_empty(), "{load_problems:?}");
        assert_eq!(linted.problems.len(), 1, "{:#?}", lines(&linted));
        let p = &linted.problems[0];
        assert_eq!(
            (p.file.as_str(), p.line),
            (format!("{dir}/metrics.toml").as_str(), Some(6))
        );
        assert!(p.is_error());
        assert!(
            p.message.contains("\"jobless rate\"") && p.message.contains("\"unemployment_rate\""),
            "{p}"
        );
        assert!(
            p.hint
                .contains("replace it here with a [[metric]] named \"unemployment_rate\""),
            "{p}"
        );
    }

    #[test]
    fn two_of_the_folders_own_metrics_sharing_a_word() {
        let own = "[[metric]]\nname = \"beds\"\nunit = \"count\"\ntriggers = [\"beds\"]\n\n[[metric]]\nname = \"cots\"\nunit = \"count\"\ntriggers = [\"cots\"]\nweak = [\"beds\"]\n";
        let (linted, _, dir) = lint_files(&[("metrics.toml", own)]);
        assert_eq!(linted.problems.len(), 1, "{:#?}", lines(&linted));
        let p = &linted.problems[0];
        assert_eq!(
            (p.file.as_str(), p.line),
            (format!("{dir}/metrics.toml").as_str(), Some(10))
        );
        assert!(
            p.message
                .contains(&format!("\"beds\" ({dir}/metrics.toml:1)")),
            "{p}"
        );
        assert!(!p.hint.contains("built-in"), "{p}");
    }

    #[test]
    fn built_in_words_and_units_are_not_the_newsrooms_problem() {
        // Words two built-in metrics share are left to the built-in
        // lexicon; every built-in unit reads.
        let (linted, _, _) = lint_files(&[(
            "x.csv",
            &format!("{HEADER}Chad,deaths,5,,,people,2016,S,\n"),
        )]);
        assert!(linted.problems.is_empty(), "{:#?}", lines(&linted));
        for m in crate::extract::Lexicon::default().metrics() {
            assert!(
                Unit::try_read(&m.unit_text).is_some(),
                "{}: {}",
                m.name,
                m.unit_text
            );
        }
        // The same two entries sharing a word: reported only when they
        // come from the folder's own file.
        let two = "[[metric]]\nname = \"a\"\nunit = \"count\"\ntriggers = [\"beds\"]\n[[metric]]\nname = \"b\"\nunit = \"count\"\ntriggers = [\"beds\"]\n";
        let sources = Sources {
            lexicon_file: "r/metrics.toml".into(),
            lexicon_text: Some(two.into()),
            descriptors: Vec::new(),
        };
        let reported = |file: &str| {
            let index = Index {
                lexicon: std::sync::Arc::new(
                    crate::extract::Lexicon::from_toml(file, two).unwrap(),
                ),
                ..Index::default()
            };
            lint(&index, &sources).problems.len()
        };
        assert_eq!(reported("metrics.toml (built in)"), 0);
        assert_eq!(reported("r/metrics.toml"), 1);
    }

    #[test]
    fn a_data_package_no_metric_lists_is_named_by_its_title() {
        let known = include_str!(
            "../../reference-data/catalog/worldbank-wdi/NY.GDP.MKTP.CD.datapackage.json"
        );
        let cereal = known
            .replace("NY.GDP.MKTP.CD", "AG.YLD.CREL.KG")
            .replace("ny.gdp.mktp.cd", "ag.yld.crel.kg")
            .replace("GDP (current US$)", "Cereal yield (kg per hectare)");
        let csv = "Country Name,Country Code,Year,Value\nChad,TCD,2019,820.5\n";
        let (linted, load_problems, dir) = lint_files(&[
            ("wdi/AG.YLD.CREL.KG.datapackage.json", &cereal),
            ("wdi/AG.YLD.CREL.KG.csv", csv),
            ("wdi/NY.GDP.MKTP.CD.datapackage.json", known),
            ("wdi/NY.GDP.MKTP.CD.csv", csv),
        ]);
        assert!(load_problems.is_empty(), "{load_problems:?}");
        assert_eq!(
            linted.title_words,
            [TitleWords {
                dataset: 0,
                code: "AG.YLD.CREL.KG".into(),
                metric: "ag_yld_crel_kg".into(),
                words: vec!["cereal yield".into()],
            }]
        );
        let descriptor = format!("{dir}/wdi/AG.YLD.CREL.KG.datapackage.json");
        let title_line = Some(2);
        let found: Vec<(&str, Option<u64>, bool)> = linted
            .problems
            .iter()
            .map(|p| (p.file.as_str(), p.line, p.is_error()))
            .collect();
        // Named by its title, it needs no [[metric]]: the one problem is
        // its unit, which claimcheck cannot read.
        assert_eq!(
            found,
            [(descriptor.as_str(), title_line, false)],
            "{:#?}",
            lines(&linted)
        );
        assert!(linted.problems[0].message.contains("\"kg per hectare\""));
    }

    #[test]
    fn quoted_strings_of_a_line() {
        let got: Vec<&str> = strings_in(r#"triggers = ["a b", 'c', "d"] # "e"#).collect();
        assert_eq!(got, ["a b", "c", "d"]);
    }
}
