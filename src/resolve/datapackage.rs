//! A World Bank indicator's Frictionless `datapackage.json`, read into what
//! the reference model needs: the indicator code, title, licence,
//! description, the CSV it describes, which columns hold the entity, code,
//! year and value, the unit (read off the title) and default trigger words
//! (also off the title); and from those a [`DatasetSpec`], as if the file
//! had a `datasets.toml` entry. Pure: it takes the descriptor's text and
//! file name, reads no file and prints nothing; problems come back as
//! [`Problem`]s with the file, the line when known and a hint.
//!
//! **The data file.** Upstream (`datasets/world-development-indicators`)
//! each indicator is a folder holding `datapackage.json` and `data.csv`,
//! and the descriptor's resource `path` says `data.csv`. Bundled, they are
//! `<CODE>.datapackage.json` and `<CODE>.csv` side by side, so the rule is:
//! a descriptor named `<STEM>.datapackage.json` describes `<STEM>.csv` in
//! the same folder, whatever its `path` says; one named plain
//! `datapackage.json` (the upstream layout) describes its resource's `path`
//! in the same folder.
//!
//! **The code.** `worldbank.indicator`, upper-cased; without it, the stem of
//! a `<STEM>.datapackage.json` name, upper-cased. When both are there they
//! must agree (a descriptor copied under another indicator's name would
//! label a whole series wrongly).
//!
//! **The unit** ([`unit_of_title`]) is only in the title, in parentheses:
//! "GDP (current US$)", "Unemployment, total (% of total labor force)
//! (modeled ILO estimate)". The rule: take the parenthesised groups from the
//! last to the first; in a group, split at ", " and look for the first part
//! that is *unit-shaped*: it starts with `%`, `annual %` or `per `, or holds
//! `$` or `=`, or one of its words is a measure word (`kt`, `kg`,
//! `kilograms`, `kWh`, `hectares`, `sq.`, `km`, `route-km`, `cubic`,
//! `meters`, `metric`, `tons`, `tonnes`, `micrograms`, `days`, `years`,
//! `number`, `births`, `people`, `TEU`). The unit is that part and the parts
//! after it, joined by ", ", less the notes `period average`, `modeled
//! estimate` and `modeled ILO estimate`, and less anything after a ": ".
//! Parts before it are labels ("BoP", "DOD", "includes gold", "modeled
//! estimate", "lending rate minus deposit rate"). Then `%`, `annual %` and
//! `annual % change` read `percent`; a scale with `=` ("1=low to 6=high",
//! "2015 = 100") reads `index`; anything else is kept as the publisher
//! wrote it. The first group, from the end, that gives a unit wins; a title
//! with none ("Population, total", "Gini index", "(2021 PPP)" alone) has no
//! unit. So "(BoP, current US$)" → `current US$`, "(modeled estimate, per
//! 100,000 live births)" → `per 100,000 live births`, "(LCU per US$, period
//! average)" → `LCU per US$`, "(% of exports of goods, services and primary
//! income)" → itself.
//!
//! **The default trigger words** ([`words_of_title`]), for an indicator no
//! lexicon entry names: the title before its first "(", lower-cased, with
//! runs of spaces made one, split at commas. The first part is the name; the
//! others, with the word `total` dropped, are its qualifiers. No qualifier:
//! the name is the one trigger ("Cereal yield (kg per hectare)" → `cereal
//! yield`, "Population, total" → `population`). Qualifiers: the qualified
//! name, qualifiers first and then name first ("Mortality rate, infant" →
//! `infant mortality rate`, `mortality rate infant`); the bare name is not a
//! trigger, since several indicators share it (infant, under-5 and neonatal
//! mortality). Two indicators that differ only in their unit ("Forest area
//! (sq. km)", "Forest area (% of land area)") get the same words.
//!
//! **The default metric name** ([`default_metric_name`]) of an indicator no
//! lexicon entry names: its code lower-cased, dots and dashes as
//! underscores (`AG.YLD.CREL.KG` → `ag_yld_crel_kg`).

// Nothing outside the tests calls this module yet: the loader wiring
// (load.rs, the lexicon's `indicators` key) comes next.
#![cfg_attr(not(test), allow(dead_code))]

use serde::Deserialize;

use super::manifest::{Cadence, DatasetSpec, Field, Shape, DEFAULT_TOLERANCE};
use crate::model::Problem;

/// A descriptor's file name ends so; the stem before it names the data file.
pub(crate) const DESCRIPTOR_SUFFIX: &str = ".datapackage.json";

/// The upstream layout's descriptor name (its data file is the resource's `path`).
pub(crate) const UPSTREAM_DESCRIPTOR: &str = "datapackage.json";

/// The World Bank's aggregate codes (regions, income and lending groups):
/// matched only by their exact name. The same list as the population
/// dataset's `aggregates` in `reference-data/catalog/datasets.toml` (a test checks).
pub(crate) const WDI_AGGREGATES: [&str; 48] = [
    "AFE", "AFW", "ARB", "CEB", "CSS", "EAP", "EAR", "EAS", "ECA", "ECS", "EMU", "EUU", "FCS",
    "HIC", "HPC", "IBD", "IBT", "IDA", "IDB", "IDX", "LAC", "LCN", "LDC", "LIC", "LMC", "LMY",
    "LTE", "MEA", "MIC", "MNA", "NAC", "OED", "OSS", "PRE", "PSS", "PST", "SAS", "SSA", "SSF",
    "SST", "TEA", "TEC", "TLA", "TMN", "TSA", "TSS", "UMC", "WLD",
];

/// The column names of a World Bank indicator table.
pub(crate) const ENTITY: &str = "Country Name";
pub(crate) const CODE: &str = "Country Code";
pub(crate) const YEAR: &str = "Year";
pub(crate) const VALUE: &str = "Value";

/// Words in a unit part that make it a unit (see the module doc).
const MEASURE_WORDS: [&str; 20] = [
    "kt",
    "kg",
    "kilograms",
    "kWh",
    "hectares",
    "sq.",
    "km",
    "route-km",
    "cubic",
    "meters",
    "metric",
    "tons",
    "tonnes",
    "micrograms",
    "days",
    "years",
    "number",
    "births",
    "people",
    "TEU",
];

/// Notes that may follow a unit inside its group.
const UNIT_NOTES: [&str; 3] = ["period average", "modeled estimate", "modeled ILO estimate"];

/// Which column holds what (the descriptor's `schema.fields`, by name).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Columns {
    pub entity: String,
    pub code: String,
    pub date: String,
    pub value: String,
}

/// What a World Bank indicator's `datapackage.json` says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DataPackage {
    /// The indicator code, upper-cased: `NY.GDP.MKTP.CD`.
    pub code: String,
    /// "GDP (current US$)".
    pub title: String,
    /// The first licence's name (`CC-BY-4.0`), if the descriptor gives one.
    pub licence: Option<String>,
    /// `description`, or the World Bank's `readme` when there is none.
    pub description: Option<String>,
    /// The CSV it describes, beside the descriptor (see the module doc).
    pub data_file: String,
    pub columns: Columns,
    /// The unit read off the title ([`unit_of_title`]).
    pub unit: Option<String>,
}

impl DataPackage {
    /// "World Bank, World Development Indicators (NY.GDP.MKTP.CD), CC BY 4.0".
    pub(crate) fn source(&self) -> String {
        let mut s = format!("World Bank, World Development Indicators ({})", self.code);
        if let Some(l) = &self.licence {
            s.push_str(", ");
            s.push_str(&licence_shown(l));
        }
        s
    }

    /// "https://data.worldbank.org/indicator/NY.GDP.MKTP.CD".
    pub(crate) fn url(&self) -> String {
        format!("https://data.worldbank.org/indicator/{}", self.code)
    }

    /// The default trigger words ([`words_of_title`]).
    pub(crate) fn words(&self) -> Vec<String> {
        words_of_title(&self.title)
    }
}

/// `CC-BY-4.0` as people write it: `CC BY 4.0`; other names as given.
fn licence_shown(name: &str) -> String {
    if name.to_ascii_uppercase().starts_with("CC-") {
        name.replace('-', " ")
    } else {
        name.to_string()
    }
}

// The descriptor as published; keys not read here are allowed (it is the
// publisher's format, not ours).
#[derive(Deserialize)]
struct RawPackage {
    title: Option<String>,
    description: Option<String>,
    readme: Option<String>,
    #[serde(default)]
    licenses: Vec<RawLicence>,
    worldbank: Option<RawWorldBank>,
    #[serde(default)]
    resources: Vec<RawResource>,
}

#[derive(Deserialize)]
struct RawLicence {
    name: Option<String>,
}

#[derive(Deserialize)]
struct RawWorldBank {
    indicator: Option<String>,
}

#[derive(Deserialize)]
struct RawResource {
    path: Option<String>,
    schema: Option<RawSchema>,
}

#[derive(Deserialize)]
struct RawSchema {
    #[serde(default)]
    fields: Vec<RawField>,
}

#[derive(Deserialize)]
struct RawField {
    name: String,
    #[serde(rename = "type")]
    kind: Option<String>,
}

const HINT: &str = "a World Bank indicator's datapackage.json, as published by \
     datasets/world-development-indicators, has a title, worldbank.indicator and \
     one resource whose schema names Country Name, Country Code, Year and Value";

/// The 1-based line of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> Option<u64> {
    text.find(needle)
        .map(|i| 1 + text[..i].matches('\n').count() as u64)
}

/// Read a World Bank indicator's `datapackage.json`. `file` is the
/// descriptor's path as it should appear in problems and, with its folder,
/// in the data file's path (relative to the reference folder, for a spec).
pub(crate) fn parse(file: &str, text: &str) -> Result<DataPackage, Problem> {
    let problem = |line: Option<u64>, message: String| Problem::new(file, line, message, HINT);
    let raw: RawPackage = serde_json::from_str(text).map_err(|e| {
        let line = (e.line() > 0).then_some(e.line() as u64);
        problem(line, format!("not a readable datapackage.json: {e}"))
    })?;

    let (folder, name) = match file.rfind(['/', '\\']) {
        Some(i) => file.split_at(i + 1),
        None => ("", file),
    };
    let stem = name
        .strip_suffix(DESCRIPTOR_SUFFIX)
        .filter(|s| !s.is_empty());
    if stem.is_none() && name != UPSTREAM_DESCRIPTOR {
        return Err(Problem::new(
            file,
            None,
            "cannot tell which CSV this descriptor describes",
            format!("name it <CODE>{DESCRIPTOR_SUFFIX}, beside <CODE>.csv (or {UPSTREAM_DESCRIPTOR}, beside the CSV its resource's path names)"),
        ));
    }

    let indicator = raw
        .worldbank
        .and_then(|w| w.indicator)
        .map(|i| i.trim().to_ascii_uppercase())
        .filter(|i| !i.is_empty());
    let code = match (indicator, stem) {
        (Some(i), Some(s)) if !i.eq_ignore_ascii_case(s) => {
            return Err(Problem::new(
                file,
                line_of(text, "\"indicator\""),
                format!("worldbank.indicator says {i}, the file name says {s}"),
                format!("name the descriptor {i}{DESCRIPTOR_SUFFIX}, beside {i}.csv, or fix the file"),
            ))
        }
        (Some(i), _) => i,
        (None, Some(s)) => s.to_ascii_uppercase(),
        (None, None) => {
            return Err(problem(
                None,
                "no indicator code: no worldbank.indicator, and the file is not named <CODE>.datapackage.json".into(),
            ))
        }
    };
    if !code
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    {
        return Err(problem(
            line_of(text, "\"indicator\""),
            format!("\"{code}\" is not an indicator code (letters, digits, dots)"),
        ));
    }

    let title = raw
        .title
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
        .ok_or_else(|| problem(None, "no title: the unit and the words come from it".into()))?;

    let resource = raw.resources.into_iter().next().ok_or_else(|| {
        problem(
            line_of(text, "\"resources\""),
            "no resource: nothing says which CSV holds the data".into(),
        )
    })?;
    let data_file =
        match stem {
            Some(s) => format!("{folder}{s}.csv"),
            None => match resource.path.filter(|p| !p.is_empty()) {
                Some(p) => format!("{folder}{p}"),
                None => return Err(problem(
                    line_of(text, "\"resources\""),
                    "the resource has no path, and the file is not named <CODE>.datapackage.json"
                        .into(),
                )),
            },
        };

    let fields = resource.schema.map(|s| s.fields).unwrap_or_default();
    let fields_line = line_of(text, "\"fields\"").or_else(|| line_of(text, "\"resources\""));
    let role = |name: &str, what: &str, kinds: &[&str]| -> Result<String, Problem> {
        let field = fields.iter().find(|f| f.name == name).ok_or_else(|| {
            Problem::new(
                file,
                fields_line,
                format!("no field \"{name}\" (the {what}) in the resource's schema.fields"),
                format!("a World Bank indicator table has the columns {ENTITY}, {CODE}, {YEAR}, {VALUE}; for another layout write a datasets.toml entry"),
            )
        })?;
        // Frictionless: a field with no type is a string.
        let kind = field.kind.as_deref().unwrap_or("string");
        if !kinds.contains(&kind) {
            return Err(Problem::new(
                file,
                line_of(text, &format!("\"{name}\"")),
                format!("field \"{name}\" (the {what}) has type \"{kind}\", not {}", kinds.join(" or ")),
                "is this a World Bank indicator table? for another layout write a datasets.toml entry",
            ));
        }
        Ok(field.name.clone())
    };
    let columns = Columns {
        entity: role(ENTITY, "entity", &["string"])?,
        code: role(CODE, "entity code", &["string"])?,
        date: role(YEAR, "year", &["year", "integer", "date", "yearmonth"])?,
        value: role(VALUE, "value", &["number", "integer"])?,
    };

    let description = raw
        .description
        .or(raw.readme)
        .map(|d| d.trim().to_string())
        .filter(|d| !d.is_empty());
    let licence = raw
        .licenses
        .into_iter()
        .find_map(|l| l.name)
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty());
    let unit = unit_of_title(&title);
    Ok(DataPackage {
        code,
        title,
        licence,
        description,
        data_file,
        columns,
        unit,
    })
}

/// The parenthesised groups of a title, in order ("GDP (current US$)" →
/// ["current US$"]). A group runs from a "(" to the next ")".
fn groups(title: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = title;
    while let Some(open) = rest.find('(') {
        let after = &rest[open + 1..];
        let Some(close) = after.find(')') else { break };
        out.push(after[..close].trim());
        rest = &after[close + 1..];
    }
    out
}

/// Whether a part of a group reads as a unit (see the module doc).
fn unit_shaped(part: &str) -> bool {
    part.starts_with('%')
        || part.starts_with("annual %")
        || part.starts_with("per ")
        || part.contains('$')
        || part.contains('=')
        || part
            .split_whitespace()
            .any(|w| MEASURE_WORDS.contains(&w.trim_end_matches(':')))
}

/// The unit one group gives, if it gives one.
fn unit_of_group(group: &str) -> Option<String> {
    let parts: Vec<&str> = group.split(", ").map(str::trim).collect();
    let first = parts.iter().position(|p| unit_shaped(p))?;
    let kept: Vec<&str> = parts[first..]
        .iter()
        .copied()
        .filter(|p| !UNIT_NOTES.contains(p))
        .collect();
    let unit = kept.join(", ");
    let unit = match unit.find(": ") {
        Some(i) => unit[..i].trim_end().to_string(),
        None => unit,
    };
    Some(if unit == "%" || unit.starts_with("annual %") {
        "percent".to_string()
    } else if unit.contains('=') {
        "index".to_string()
    } else {
        unit
    })
}

/// The unit a World Bank title states, by the rule in the module doc:
/// "GDP (current US$)" → `current US$`, "(annual %)" → `percent`, none → None.
pub(crate) fn unit_of_title(title: &str) -> Option<String> {
    groups(title).into_iter().rev().find_map(unit_of_group)
}

/// The default trigger words of a title, by the rule in the module doc:
/// "Cereal yield (kg per hectare)" → [`cereal yield`]; "Mortality rate,
/// infant (per 1,000 live births)" → [`infant mortality rate`, `mortality
/// rate infant`].
pub(crate) fn words_of_title(title: &str) -> Vec<String> {
    let head = title[..title.find('(').unwrap_or(title.len())].to_lowercase();
    let mut parts = head
        .split(',')
        .map(|p| p.split_whitespace().collect::<Vec<_>>())
        .filter(|p| !p.is_empty());
    let Some(name) = parts.next().map(|p| p.join(" ")) else {
        return Vec::new();
    };
    let qualifiers: Vec<&str> = parts.flatten().filter(|w| *w != "total").collect();
    if qualifiers.is_empty() {
        return vec![name];
    }
    let q = qualifiers.join(" ");
    vec![format!("{q} {name}"), format!("{name} {q}")]
}

/// The metric name of an indicator no lexicon entry names: `AG.YLD.CREL.KG`
/// → `ag_yld_crel_kg`.
pub(crate) fn default_metric_name(code: &str) -> String {
    code.to_ascii_lowercase().replace(['.', '-'], "_")
}

/// The `datasets.toml` entry the descriptor stands for: long shape, its four
/// columns, the metric `metric_of(code)` names (a lexicon entry's
/// `indicators`) or else [`default_metric_name`], the title's unit (none: the
/// values read as counts), the World Bank source and page, tolerance 3 %,
/// yearly cadence, and the World Bank's aggregates.
pub(crate) fn dataset_spec(
    package: &DataPackage,
    metric_of: impl Fn(&str) -> Option<String>,
) -> DatasetSpec {
    let metric = metric_of(&package.code).unwrap_or_else(|| default_metric_name(&package.code));
    let c = &package.columns;
    DatasetSpec {
        file: package.data_file.clone(),
        name: Some(format!("worldbank-{}", package.code)),
        shape: Shape::Long,
        entity: c.entity.clone(),
        code: Some(c.code.clone()),
        metric: Some(Field::Constant(metric)),
        value: Some(c.value.clone()),
        date: Some(c.date.clone()),
        metric_columns: None,
        low: None,
        high: None,
        unit: package.unit.clone().map(Field::Constant),
        source: Some(Field::Constant(package.source())),
        url: Some(Field::Constant(package.url())),
        tolerance: Some(DEFAULT_TOLERANCE),
        change_tolerance: None,
        cadence: Cadence::Year,
        aggregates: WDI_AGGREGATES.iter().map(|a| a.to_string()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    use super::*;

    const GDP: &str =
        include_str!("../../reference-data/catalog/worldbank-wdi/NY.GDP.MKTP.CD.datapackage.json");

    fn shared() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/worldbank-wdi")
    }

    fn bundled() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("reference-data/catalog/worldbank-wdi")
    }

    /// Every `<CODE>.datapackage.json` in `dir`: (file name, text), sorted.
    fn descriptors(dir: &Path) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.ends_with(DESCRIPTOR_SUFFIX))
            .map(|n| {
                let text = std::fs::read_to_string(dir.join(&n)).unwrap();
                (n, text)
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn units_of_titles() {
        for (title, unit) in [
            ("GDP (current US$)", Some("current US$")),
            (
                "Central government debt, total (% of GDP)",
                Some("% of GDP"),
            ),
            (
                "Mortality rate, infant (per 1,000 live births)",
                Some("per 1,000 live births"),
            ),
            ("CO2 emissions (kt)", Some("kt")),
            ("GDP growth (annual %)", Some("percent")),
            (
                "S&P Global Equity Indices (annual % change)",
                Some("percent"),
            ),
            ("Bank capital to assets ratio (%)", Some("percent")),
            (
                "Unemployment, total (% of total labor force) (modeled ILO estimate)",
                Some("% of total labor force"),
            ),
            (
                "Employment to population ratio, 15+, total (%) (modeled ILO estimate)",
                Some("percent"),
            ),
            (
                "Current account balance (BoP, current US$)",
                Some("current US$"),
            ),
            (
                "External debt stocks, total (DOD, current US$)",
                Some("current US$"),
            ),
            (
                "External debt stocks, private nonguaranteed (PNG) (DOD, current US$)",
                Some("current US$"),
            ),
            (
                "Net flows on external debt, total (NFL, current US$)",
                Some("current US$"),
            ),
            (
                "Total reserves (includes gold, current US$)",
                Some("current US$"),
            ),
            (
                "Poverty headcount ratio at $3.00 a day (2021 PPP) (% of population)",
                Some("% of population"),
            ),
            ("Poverty gap at $3.00 a day (2021 PPP) (%)", Some("percent")),
            (
                "Fertility rate, total (births per woman)",
                Some("births per woman"),
            ),
            (
                "Maternal mortality ratio (modeled estimate, per 100,000 live births)",
                Some("per 100,000 live births"),
            ),
            (
                "Official exchange rate (LCU per US$, period average)",
                Some("LCU per US$"),
            ),
            (
                "Interest rate spread (lending rate minus deposit rate, %)",
                Some("percent"),
            ),
            (
                "Total debt service (% of exports of goods, services and primary income)",
                Some("% of exports of goods, services and primary income"),
            ),
            (
                "GDP per capita, PPP (current international $)",
                Some("current international $"),
            ),
            (
                "Energy intensity level of primary energy (MJ/$2021 PPP GDP)",
                Some("MJ/$2021 PPP GDP"),
            ),
            ("Crop production index (2014-2016 = 100)", Some("index")),
            (
                "IDA resource allocation index (1=low to 6=high)",
                Some("index"),
            ),
            (
                "Container port traffic (TEU: 20 foot equivalent units)",
                Some("TEU"),
            ),
            ("Rail lines (total route-km)", Some("total route-km")),
            ("Land area (sq. km)", Some("sq. km")),
            (
                "Population density (people per sq. km of land area)",
                Some("people per sq. km of land area"),
            ),
            ("Life expectancy at birth, total (years)", Some("years")),
            ("Time required to start a business (days)", Some("days")),
            (
                "Start-up procedures to register a business (number)",
                Some("number"),
            ),
            (
                "Automated teller machines (ATMs) (per 100,000 adults)",
                Some("per 100,000 adults"),
            ),
            (
                "Industry (including construction), value added (% of GDP)",
                Some("% of GDP"),
            ),
            (
                "Net lending (+) / net borrowing (-) (% of GDP)",
                Some("% of GDP"),
            ),
            ("School enrollment, primary (% gross)", Some("% gross")),
            ("Population, total", None),
            ("Gini index", None),
            (
                "Agricultural machinery, tractors per 100 sq. km of arable land",
                None,
            ),
            ("Statistical Capacity score (Overall average)", None),
            (
                "School enrollment, primary (gross), gender parity index (GPI)",
                None,
            ),
            (
                "Price level ratio of PPP conversion factor (GDP) to market exchange rate",
                None,
            ),
            ("Something (2021 PPP)", None),
            ("Unclosed (current US$", None),
        ] {
            assert_eq!(unit_of_title(title).as_deref(), unit, "{title}");
        }
    }

    #[test]
    fn words_of_titles() {
        for (title, words) in [
            ("Cereal yield (kg per hectare)", vec!["cereal yield"]),
            ("Population, total", vec!["population"]),
            ("Net migration", vec!["net migration"]),
            (
                "Mortality rate, infant (per 1,000 live births)",
                vec!["infant mortality rate", "mortality rate infant"],
            ),
            (
                "Literacy rate, adult total (% of people ages 15 and above)",
                vec!["adult literacy rate", "literacy rate adult"],
            ),
            (
                "GDP per capita, PPP (current international $)",
                vec!["ppp gdp per capita", "gdp per capita ppp"],
            ),
            (
                "Firms with female top manager (% of firms)  ",
                vec!["firms with female top manager"],
            ),
            (
                "Net lending (+) / net borrowing (-) (% of GDP)",
                vec!["net lending"],
            ),
            ("(kt)", vec![]),
            ("", vec![]),
        ] {
            assert_eq!(words_of_title(title), words, "{title}");
        }
    }

    #[test]
    fn default_metric_names() {
        for (code, name) in [
            ("AG.YLD.CREL.KG", "ag_yld_crel_kg"),
            ("NY.GDP.MKTP.KD.ZG", "ny_gdp_mktp_kd_zg"),
            ("SP.POP.TOTL", "sp_pop_totl"),
            ("X-Y.Z", "x_y_z"),
        ] {
            assert_eq!(default_metric_name(code), name);
        }
    }

    #[test]
    fn reads_the_gdp_descriptor() {
        let p = parse("worldbank-wdi/NY.GDP.MKTP.CD.datapackage.json", GDP).unwrap();
        assert_eq!(p.code, "NY.GDP.MKTP.CD");
        assert_eq!(p.title, "GDP (current US$)");
        assert_eq!(p.licence.as_deref(), Some("CC-BY-4.0"));
        assert!(p
            .description
            .as_deref()
            .unwrap()
            .starts_with("Gross domestic product is"));
        assert_eq!(p.data_file, "worldbank-wdi/NY.GDP.MKTP.CD.csv");
        assert_eq!(
            p.columns,
            Columns {
                entity: "Country Name".into(),
                code: "Country Code".into(),
                date: "Year".into(),
                value: "Value".into(),
            }
        );
        assert_eq!(p.unit.as_deref(), Some("current US$"));
        assert_eq!(
            p.source(),
            "World Bank, World Development Indicators (NY.GDP.MKTP.CD), CC BY 4.0"
        );
        assert_eq!(
            p.url(),
            "https://data.worldbank.org/indicator/NY.GDP.MKTP.CD"
        );
        assert_eq!(p.words(), vec!["gdp"]);
    }

    #[test]
    fn the_data_file_and_code_follow_the_rules() {
        // Upstream layout: datapackage.json names its data by `path`, the
        // code comes from worldbank.indicator.
        let p = parse("indicators/ny.gdp.mktp.cd/datapackage.json", GDP).unwrap();
        assert_eq!(p.data_file, "indicators/ny.gdp.mktp.cd/data.csv");
        assert_eq!(p.code, "NY.GDP.MKTP.CD");
        // No folder; a lower-case stem agrees with the indicator.
        let p = parse("ny.gdp.mktp.cd.datapackage.json", GDP).unwrap();
        assert_eq!(p.data_file, "ny.gdp.mktp.cd.csv");
        assert_eq!(p.code, "NY.GDP.MKTP.CD");
        // Windows separators keep the folder.
        let p = parse(r"wdi\NY.GDP.MKTP.CD.datapackage.json", GDP).unwrap();
        assert_eq!(p.data_file, r"wdi\NY.GDP.MKTP.CD.csv");
        // No worldbank key: the stem names the code.
        let bare = GDP.replace("\"indicator\": \"ny.gdp.mktp.cd\"", "\"x\": 1");
        let p = parse("MY.CODE.datapackage.json", &bare).unwrap();
        assert_eq!(p.code, "MY.CODE");
        assert_eq!(p.data_file, "MY.CODE.csv");
    }

    #[test]
    fn problems_name_the_file_line_and_a_hint() {
        let file = "wdi/NY.GDP.MKTP.CD.datapackage.json";
        let no_indicator = GDP.replace("\"indicator\": \"ny.gdp.mktp.cd\"", "\"x\": 1");
        let no_value = GDP.replace("\"name\": \"Value\"", "\"name\": \"Amount\"");
        let value_text = GDP.replace("\"type\": \"number\"", "\"type\": \"string\"");
        let no_title = GDP.replace("\"title\": \"GDP (current US$)\",", "");
        let cases: Vec<(&str, String, &str, Option<u64>)> = vec![
            (
                file,
                "{\"title\": ".into(),
                "not a readable datapackage.json",
                Some(1),
            ),
            (
                file,
                "[1, 2]".into(),
                "not a readable datapackage.json",
                Some(1),
            ),
            (
                "wdi/SP.POP.TOTL.datapackage.json",
                GDP.into(),
                "worldbank.indicator says NY.GDP.MKTP.CD, the file name says SP.POP.TOTL",
                Some(5),
            ),
            (
                "wdi/datapackage.json",
                no_indicator,
                "no indicator code",
                None,
            ),
            (file, no_value, "no field \"Value\" (the value)", Some(25)),
            (
                file,
                value_text,
                "field \"Value\" (the value) has type \"string\", not number or integer",
                Some(42),
            ),
            (file, no_title, "no title", None),
            (
                file,
                GDP.replace("\"path\": \"data.csv\",", "")
                    .replace("\"resources\": [", "\"resources\": [], \"x\": ["),
                "no resource",
                Some(16),
            ),
            (
                "weird name.datapackage.json",
                GDP.replace("\"indicator\": \"ny.gdp.mktp.cd\"", "\"x\": 1"),
                "\"WEIRD NAME\" is not an indicator code",
                None,
            ),
        ];
        for (name, text, message, line) in cases {
            let e = parse(name, &text).unwrap_err();
            assert_eq!(e.file, name);
            assert!(e.message.contains(message), "{message}: {e:?}");
            assert_eq!(e.line, line, "{message}: {e:?}");
            assert!(!e.hint.is_empty(), "{e:?}");
        }
    }

    #[test]
    fn builds_the_spec() {
        let p = parse("worldbank-wdi/NY.GDP.MKTP.CD.datapackage.json", GDP).unwrap();
        let named = dataset_spec(&p, |code| {
            (code == "NY.GDP.MKTP.CD").then(|| "gdp".to_string())
        });
        assert_eq!(named.file, "worldbank-wdi/NY.GDP.MKTP.CD.csv");
        assert_eq!(named.display_name(), "worldbank-NY.GDP.MKTP.CD");
        assert_eq!(named.shape, Shape::Long);
        assert_eq!(named.entity, "Country Name");
        assert_eq!(named.code.as_deref(), Some("Country Code"));
        assert_eq!(named.value.as_deref(), Some("Value"));
        assert_eq!(named.date.as_deref(), Some("Year"));
        assert_eq!(named.metric, Some(Field::Constant("gdp".into())));
        assert_eq!(named.unit, Some(Field::Constant("current US$".into())));
        assert_eq!(
            named.source,
            Some(Field::Constant(
                "World Bank, World Development Indicators (NY.GDP.MKTP.CD), CC BY 4.0".into()
            ))
        );
        assert_eq!(
            named.url,
            Some(Field::Constant(
                "https://data.worldbank.org/indicator/NY.GDP.MKTP.CD".into()
            ))
        );
        assert_eq!(named.tolerance, Some(0.03));
        assert_eq!(named.cadence, Cadence::Year);
        assert_eq!(named.aggregates.len(), 48);
        let unnamed = dataset_spec(&p, |_| None);
        assert_eq!(
            unnamed.metric,
            Some(Field::Constant("ny_gdp_mktp_cd".into()))
        );
    }

    #[test]
    fn aggregates_are_those_of_datasets_toml() {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("reference-data/catalog/datasets.toml");
        let text = std::fs::read_to_string(path).unwrap();
        let m = crate::resolve::manifest::parse("datasets.toml", &text).unwrap();
        let population = m
            .dataset
            .iter()
            .find(|d| d.file == "worldbank-population.csv")
            .unwrap();
        assert_eq!(population.aggregates, WDI_AGGREGATES);
    }

    /// Every bundled descriptor reads, has the metric of plan's catalog in
    /// mind (a unit), and its spec loads its CSV with no problem.
    #[test]
    fn bundled_descriptors_read_and_load() {
        let dir = bundled();
        let all = descriptors(&dir);
        assert_eq!(all.len(), 50);
        // The catalog's three counts and the Gini index have no unit group.
        let unitless = ["SI.POV.GINI", "SL.TLF.TOTL.IN", "SP.URB.TOTL"];
        for (name, text) in &all {
            let p = parse(name, text).unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(format!("{}{DESCRIPTOR_SUFFIX}", p.code), *name);
            assert_eq!(p.licence.as_deref(), Some("CC-BY-4.0"), "{name}");
            assert!(p.description.is_some(), "{name}");
            assert_eq!(
                p.unit.is_none(),
                unitless.contains(&p.code.as_str()),
                "{name}: {:?}",
                p.unit
            );
            assert!(!p.words().is_empty(), "{name}");
            let spec = dataset_spec(&p, |_| None);
            let table = super::super::table::read_table(
                super::super::folder::Folder::Disk(&dir, None),
                &spec.file,
                Some(&spec),
            );
            assert!(
                table.problems.is_empty(),
                "{name}: {:?}",
                &table.problems[..table.problems.len().min(3)]
            );
            let lines = std::fs::read_to_string(dir.join(&spec.file))
                .unwrap()
                .lines()
                .count();
            assert_eq!(table.rows.len(), lines - 1, "{name}");
        }
    }

    /// All 325 titles of the shared WDI set: each gives a unit or is one of
    /// the unit-less titles listed here; the words do not go empty; and the
    /// words two indicators share are only those of titles that differ in
    /// their unit or qualifier in parentheses, listed here.
    #[test]
    fn every_shared_title_reads() {
        let dir = shared();
        if !dir.is_dir() {
            println!("skipped: {} is not here", dir.display());
            return;
        }
        let unitless = [
            "Agricultural machinery, tractors per 100 sq. km of arable land",
            "Air transport, registered carrier departures worldwide",
            "Bird species, threatened",
            "Children out of school, primary, female",
            "Children out of school, primary, male",
            "Fish species, threatened",
            "Gini index",
            "Income share held by fourth 20%",
            "Income share held by highest 10%",
            "Income share held by highest 20%",
            "Income share held by lowest 10%",
            "Income share held by lowest 20%",
            "Income share held by second 20%",
            "Income share held by third 20%",
            "International migrant stock, total",
            "Labor force, total",
            "Listed domestic companies, total",
            "Mammal species, threatened",
            "Net migration",
            "Patent applications, nonresidents",
            "Patent applications, residents",
            "Plant species (higher), threatened",
            "Population, total",
            "Price level ratio of PPP conversion factor (GDP) to market exchange rate",
            "Pupil-teacher ratio, primary",
            "Refugee population by country or territory of asylum",
            "Refugee population by country or territory of origin",
            "Rural population",
            "School enrollment, primary (gross), gender parity index (GPI)",
            "School enrollment, primary and secondary (gross), gender parity index (GPI)",
            "Scientific and technical journal articles",
            "Statistical Capacity score (Overall average)",
            "Trademark applications, direct nonresident",
            "Trademark applications, direct resident",
            "Urban population",
        ];
        let all = descriptors(&dir);
        assert_eq!(all.len(), 325);
        let mut without = Vec::new();
        let mut by_words: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (name, text) in &all {
            let p = parse(name, text).unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(p.data_file, name.replace(DESCRIPTOR_SUFFIX, ".csv"));
            assert!(dir.join(&p.data_file).is_file(), "{name}");
            match &p.unit {
                Some(u) => assert!(!u.is_empty() && !u.contains(['(', ')']), "{}: {u}", p.title),
                None => without.push(p.title.clone()),
            }
            let words = p.words();
            assert!(!words.is_empty(), "{}", p.title);
            for w in words {
                by_words.entry(w).or_default().push(p.code.clone());
            }
        }
        without.sort();
        assert_eq!(without, unitless);
        let shared: Vec<(String, Vec<String>)> = by_words
            .into_iter()
            .filter(|(_, codes)| codes.len() > 1)
            .collect();
        // Titles that differ only inside their parentheses share words:
        // 14 groups in the 325 (the lexicon tells them apart, or leaves
        // them out). Pinned so that a new vintage's titles show up here.
        let expected: Vec<(&str, Vec<&str>)> = vec![
            (
                "annual freshwater withdrawals",
                vec!["ER.H2O.FWTL.K3", "ER.H2O.FWTL.ZS"],
            ),
            ("arable land", vec!["AG.LND.ARBL.HA.PC", "AG.LND.ARBL.ZS"]),
            ("co2 emissions", vec!["EN.ATM.CO2E.KT", "EN.ATM.CO2E.PC"]),
            (
                "external debt stocks",
                vec!["DT.DOD.DECT.CD", "DT.DOD.DECT.GN.ZS"],
            ),
            ("forest area", vec!["AG.LND.FRST.K2", "AG.LND.FRST.ZS"]),
            (
                "government expenditure on education",
                vec!["SE.XPD.TOTL.GB.ZS", "SE.XPD.TOTL.GD.ZS"],
            ),
            (
                "high-technology exports",
                vec!["TX.VAL.TECH.CD", "TX.VAL.TECH.MF.ZS"],
            ),
            (
                "market capitalization of listed domestic companies",
                vec!["CM.MKT.LCAP.CD", "CM.MKT.LCAP.GD.ZS"],
            ),
            (
                "military expenditure",
                vec!["MS.MIL.XPND.GD.ZS", "MS.MIL.XPND.ZS"],
            ),
            (
                "net oda received",
                vec![
                    "DT.ODA.ODAT.GI.ZS",
                    "DT.ODA.ODAT.GN.ZS",
                    "DT.ODA.ODAT.MP.ZS",
                    "DT.ODA.ODAT.XP.ZS",
                ],
            ),
            (
                "primary school enrollment",
                vec!["SE.ENR.PRIM.FM.ZS", "SE.PRM.ENRR", "SE.PRM.NENR"],
            ),
            ("rural population", vec!["SP.RUR.TOTL.ZS", "SP.RUR.TOTL"]),
            (
                "school enrollment primary",
                vec!["SE.ENR.PRIM.FM.ZS", "SE.PRM.ENRR", "SE.PRM.NENR"],
            ),
            (
                "school enrollment secondary",
                vec!["SE.SEC.ENRR", "SE.SEC.NENR"],
            ),
            (
                "secondary school enrollment",
                vec!["SE.SEC.ENRR", "SE.SEC.NENR"],
            ),
            ("urban population", vec!["SP.URB.TOTL.IN.ZS", "SP.URB.TOTL"]),
        ];
        let shared: Vec<(&str, Vec<&str>)> = shared
            .iter()
            .map(|(w, c)| (w.as_str(), c.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(shared, expected);
    }
}
