//! `datasets.toml`: how each publisher-shaped CSV maps onto the reference
//! model (entity, metric, value, date, unit, source, url), its shape (long
//! or wide) and its tolerance. A CSV with no entry is read as canonical long
//! form (`entity,metric,value,low,high,unit,date,source,url`).

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::model::Problem;

/// The default relative tolerance of a reference value (DESIGN.md: 3 %).
pub const DEFAULT_TOLERANCE: f64 = 0.03;

/// The default relative tolerance of a ratio of two rows of one dataset
/// (a change within a series, a comparison within a table): 0.1 %, since
/// the errors the level tolerance allows for move both rows alike.
pub const DEFAULT_CHANGE_TOLERANCE: f64 = 0.001;

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    #[serde(default)]
    pub dataset: Vec<DatasetSpec>,
}

/// A column of the file, or one value for every row.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
pub enum Field {
    Column(String),
    Constant(String),
}

/// How a file lays out its values.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Shape {
    /// One value per row.
    #[default]
    Long,
    /// One row per entity (and metric), one column per year or date; or,
    /// with `metric_columns`, one column per metric.
    Wide,
}

/// How often a dataset publishes, which says when a row is stale.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Cadence {
    Year,
    Month,
    Day,
    /// Figures published now and then (research reports): stale after two years.
    #[default]
    Irregular,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatasetSpec {
    /// The CSV file, relative to the reference folder.
    pub file: String,
    /// The dataset's name in reports (default: the file name without `.csv`).
    pub name: Option<String>,
    #[serde(default)]
    pub shape: Shape,
    /// The column naming the entity (country, conflict, event).
    pub entity: String,
    /// A column of codes (ISO3...) that also name the entity exactly.
    pub code: Option<String>,
    pub metric: Option<Field>,
    /// Long shape: the value column.
    pub value: Option<String>,
    /// Long shape, or wide with `metric_columns`: the date or year column.
    pub date: Option<String>,
    /// Wide shape: metric name -> column, for one column per metric.
    pub metric_columns: Option<BTreeMap<String, String>>,
    pub low: Option<String>,
    pub high: Option<String>,
    pub unit: Option<Field>,
    pub source: Option<Field>,
    pub url: Option<Field>,
    /// Relative tolerance of a value (0.03 = 3 %).
    pub tolerance: Option<f64>,
    /// Relative tolerance of a ratio of two of its rows (a change, a
    /// comparison); default 0.001.
    pub change_tolerance: Option<f64>,
    #[serde(default)]
    pub cadence: Cadence,
    /// Entity names or codes that are aggregates (World, regions, income
    /// groups): matched only by their exact name, never fuzzily.
    #[serde(default)]
    pub aggregates: Vec<String>,
}

impl DatasetSpec {
    pub fn display_name(&self) -> String {
        self.name.clone().unwrap_or_else(|| {
            self.file
                .trim_end_matches(".csv")
                .rsplit('/')
                .next()
                .unwrap_or(&self.file)
                .to_string()
        })
    }
}

/// Read `datasets.toml`; errors point at the line.
pub fn parse(file: &str, text: &str) -> Result<Manifest, Problem> {
    let manifest: Manifest = toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| 1 + text[..s.start.min(text.len())].matches('\n').count() as u64);
        Problem::new(
            file,
            line,
            e.message().to_string(),
            "see reference-data/README.md for the keys of a [[dataset]] entry",
        )
    })?;
    let line_of = |needle: &str| {
        text.find(needle)
            .map(|i| 1 + text[..i].matches('\n').count() as u64)
    };
    for d in &manifest.dataset {
        let at = line_of(&format!("\"{}\"", d.file));
        let bad = |m: String, hint: &str| {
            Err(Problem::new(
                file,
                at,
                format!("dataset {}: {m}", d.file),
                hint,
            ))
        };
        for (key, value) in [
            ("tolerance", d.tolerance),
            ("change_tolerance", d.change_tolerance),
        ] {
            if let Some(t) = value {
                if !(t.is_finite() && (0.0..1.0).contains(&t)) {
                    return bad(
                        format!("{key} {t} is not a fraction between 0 and 1"),
                        "write a tolerance as a fraction: 0.03 for 3 %",
                    );
                }
            }
        }
        match (d.shape, &d.metric_columns) {
            (Shape::Long, _) if d.value.is_none() || d.date.is_none() => {
                return bad(
                    "a long dataset needs `value` and `date` columns".into(),
                    "name the value and date (or year) columns",
                );
            }
            (Shape::Long, Some(_)) => {
                return bad(
                    "`metric_columns` is for wide datasets".into(),
                    "set shape = \"wide\" or remove metric_columns",
                );
            }
            (Shape::Wide, Some(_)) if d.date.is_none() => {
                return bad(
                    "a wide dataset with metric_columns needs a `date` column".into(),
                    "name the date or year column",
                );
            }
            _ => {}
        }
        if d.metric.is_none() && d.metric_columns.is_none() {
            return bad(
                "no metric: give `metric` (a column or a constant) or `metric_columns`".into(),
                "for a one-indicator file: metric = { constant = \"population\" }",
            );
        }
    }
    Ok(manifest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_points_at_its_line() {
        let e = parse(
            "datasets.toml",
            "[[dataset]]\nfile = \"a.csv\"\nentity = \"E\"\ncolour = \"red\"\n",
        )
        .unwrap_err();
        assert_eq!(e.line, Some(4), "{e}");
        assert!(e.message.contains("colour"), "{e}");
    }

    #[test]
    fn tolerances_must_be_fractions() {
        for key in ["tolerance", "change_tolerance"] {
            let text = format!("[[dataset]]\nfile = \"a.csv\"\nentity = \"E\"\nmetric = {{ constant = \"population\" }}\nvalue = \"V\"\ndate = \"D\"\n{key} = 3\n");
            let e = parse("datasets.toml", &text).unwrap_err();
            assert!(
                e.message.contains(&format!("{key} 3 is not a fraction")),
                "{e}"
            );
            assert_eq!(e.line, Some(2), "{e}");
        }
        let ok = "[[dataset]]\nfile = \"a.csv\"\nentity = \"E\"\nmetric = { constant = \"population\" }\nvalue = \"V\"\ndate = \"D\"\nchange_tolerance = 0.002\n";
        assert_eq!(
            parse("datasets.toml", ok).unwrap().dataset[0].change_tolerance,
            Some(0.002)
        );
    }

    #[test]
    fn long_needs_value_and_date() {
        let e = parse("datasets.toml", "[[dataset]]\nfile = \"a.csv\"\nentity = \"E\"\nmetric = { constant = \"population\" }\n").unwrap_err();
        assert!(e.message.contains("value"), "{e}");
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn world_bank_entry_parses() {
        let m = parse(
            "datasets.toml",
            "[[dataset]]\nfile = \"wb.csv\"\nentity = \"Country Name\"\ncode = \"Country Code\"\nmetric = { constant = \"population\" }\nvalue = \"Value\"\ndate = \"Year\"\nunit = { constant = \"people\" }\ncadence = \"year\"\n",
        )
        .unwrap();
        assert_eq!(
            m.dataset[0].metric,
            Some(Field::Constant("population".into()))
        );
        assert_eq!(m.dataset[0].cadence, Cadence::Year);
        assert_eq!(m.dataset[0].display_name(), "wb");
    }
}
