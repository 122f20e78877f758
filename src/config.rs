//! config: `claimcheck.toml`, the settings a newsroom keeps beside its
//! articles so every run of editorial CI checks the same way.
//!
//! Owns finding the file (walking up from the working directory, or the
//! `--config FILE` given), reading it strictly (unknown keys and bad values
//! are errors that name `file:line`) and resolving the `reference` folder
//! relative to the file (`ignore` patterns match paths as given on the
//! command line, relative to the working directory). It hands on a [`FileConfig`] of optional settings; the command
//! line merges it under its own flags (a flag always wins). It never reads
//! articles or reference data.
//!
//! ```toml
//! reference = "reference-data"   # folder, relative to this file
//! catalog = true                 # false: the folder alone, no built-in catalog
//! as_of = "2018-03-20"           # or unquoted, a TOML date: 2018-03-20
//! fail_on = "contradicted"       # contradicted | unverifiable | never
//! min_confidence = 0.6
//! format = "text"
//! ignore = ["drafts", "archive/old.md"]
//! publisher_name = "The Daily Example"        # author of --format claimreview
//! publisher_url = "https://example.org/"
//!
//! [normalize]
//! slack_below = 0.10             # "nearly X"  = [X·(1-0.10), X]
//! slack_around = 0.10            # "about X"   = [X·0.9, X·1.1]
//! ```

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::model::Problem;
use crate::normalize;
use crate::policy::FailOn;
use crate::report::Format;

/// The name looked for in the working directory and its parents.
pub const FILE_NAME: &str = "claimcheck.toml";

const HINT: &str = "claimcheck.toml keys: reference, catalog, as_of, fail_on, min_confidence, format, ignore, publisher_name, publisher_url, and [normalize] slack_below, slack_around";

/// The file as written. Every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    reference: Option<String>,
    catalog: Option<bool>,
    /// A string or a TOML date (`as_of = 2018-03-20`).
    as_of: Option<Spanned<toml::Value>>,
    fail_on: Option<FailOn>,
    min_confidence: Option<Spanned<f64>>,
    format: Option<Spanned<String>>,
    ignore: Option<Vec<String>>,
    publisher_name: Option<String>,
    publisher_url: Option<Spanned<String>>,
    normalize: Option<RawNormalize>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNormalize {
    slack_below: Option<Spanned<f64>>,
    slack_around: Option<Spanned<f64>>,
}

/// Settings read from a `claimcheck.toml`, validated, with paths resolved
/// against the file's folder.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FileConfig {
    /// The file these came from (for messages).
    pub path: PathBuf,
    pub reference: Option<PathBuf>,
    /// Whether the built-in indicator catalog is used (default: yes).
    pub catalog: Option<bool>,
    /// Kept as written; validated, and parsed again where `--as-of` is.
    pub as_of: Option<String>,
    pub fail_on: Option<FailOn>,
    pub min_confidence: Option<f64>,
    pub format: Option<Format>,
    pub ignore: Vec<String>,
    /// The newsroom that publishes the ClaimReviews (their `author`).
    pub publisher_name: Option<String>,
    /// Its web address, http(s).
    pub publisher_url: Option<String>,
    pub slack_below: Option<f64>,
    pub slack_around: Option<f64>,
}

impl FileConfig {
    /// The normalizer's settings: the defaults, with this file's slacks.
    pub fn normalize_config(&self) -> normalize::Config {
        let mut c = normalize::Config::default();
        if let Some(s) = self.slack_below {
            c.slack_below = s;
        }
        if let Some(s) = self.slack_around {
            c.slack_around = s;
        }
        c
    }
}

/// The nearest `claimcheck.toml` in `start` or one of its parents.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

/// Read and validate the config at `path`.
pub fn load(path: &Path) -> Result<FileConfig, Problem> {
    let name = crate::ingest::display_path(path);
    let text = std::fs::read_to_string(path).map_err(|e| {
        Problem::new(
            &name,
            None,
            format!("cannot read the config file: {e}"),
            "check the path given to --config",
        )
    })?;
    let base = path.parent().unwrap_or(Path::new(""));
    parse(&name, &text, base).map(|mut c| {
        c.path = path.to_path_buf();
        c
    })
}

/// Parse a config's text; `name` is used in messages, `base` resolves
/// relative paths.
pub fn parse(name: &str, text: &str, base: &Path) -> Result<FileConfig, Problem> {
    let raw: Raw = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s));
        Problem::new(name, line, e.message().trim().to_string(), HINT)
    })?;
    let bad = |span: Range<usize>, message: String, hint: &str| {
        Problem::new(name, Some(line_of(text, span)), message, hint)
    };
    let as_of = match raw.as_of {
        Some(v) => {
            let span = v.span();
            let text = as_of_text(v.into_inner()).map_err(|m| {
                bad(
                    span.clone(),
                    format!("as_of: {m}"),
                    "write as_of = \"2018-03-20\" (or the TOML date 2018-03-20)",
                )
            })?;
            crate::ingest::parse_as_of(&text)
                .map_err(|m| bad(span, format!("as_of: {m}"), "write as_of = \"2018-03-20\""))?;
            Some(text)
        }
        None => None,
    };
    let min_confidence = match raw.min_confidence {
        Some(v) if !(0.0..=1.0).contains(v.get_ref()) => {
            return Err(bad(
                v.span(),
                format!(
                    "min_confidence must be between 0 and 1, got {}",
                    v.get_ref()
                ),
                "write min_confidence = 0.6",
            ))
        }
        v => v.map(Spanned::into_inner),
    };
    let format = match raw.format {
        Some(s) => Some(
            s.get_ref()
                .parse::<Format>()
                .map_err(|e| bad(s.span(), format!("format: {e}"), "write format = \"text\""))?,
        ),
        None => None,
    };
    let slack = |v: Option<Spanned<f64>>, key: &str| -> Result<Option<f64>, Problem> {
        match v {
            Some(v) if !(0.0..1.0).contains(v.get_ref()) => Err(bad(
                v.span(),
                format!(
                    "normalize.{key} must be a fraction from 0 up to 1, got {}",
                    v.get_ref()
                ),
                "write the slack as a fraction: 0.10 is 10 %",
            )),
            v => Ok(v.map(Spanned::into_inner)),
        }
    };
    let publisher_url = match raw.publisher_url {
        Some(u) if !crate::report::is_web_url(u.get_ref()) => {
            return Err(bad(
                u.span(),
                format!("publisher_url: {:?} is not an http(s) address", u.get_ref()),
                "write publisher_url = \"https://example.org/\"",
            ))
        }
        u => u.map(Spanned::into_inner),
    };
    let normalize = raw.normalize.unwrap_or_default();
    Ok(FileConfig {
        path: PathBuf::from(name),
        reference: raw.reference.map(|r| base.join(r)),
        catalog: raw.catalog,
        as_of,
        fail_on: raw.fail_on,
        min_confidence,
        format,
        ignore: raw.ignore.unwrap_or_default(),
        publisher_name: raw.publisher_name,
        publisher_url,
        slack_below: slack(normalize.slack_below, "slack_below")?,
        slack_around: slack(normalize.slack_around, "slack_around")?,
    })
}

/// `as_of` as text: a string as written, a TOML date (`2018-03-20`,
/// unquoted) as the date it names, a whole number as a year.
fn as_of_text(value: toml::Value) -> Result<String, String> {
    match value {
        toml::Value::String(s) => Ok(s),
        toml::Value::Integer(year) => Ok(year.to_string()),
        toml::Value::Datetime(d) => match (d.date, d.time) {
            (Some(date), None) => Ok(date.to_string()),
            _ => Err(format!(
                "{d} is not a date alone; give the day, without a time"
            )),
        },
        other => Err(format!("expected a date, found {}", other.type_str())),
    }
}

/// 1-based line of the start of `span` in `text`.
fn line_of(text: &str, span: Range<usize>) -> u64 {
    let at = span.start.min(text.len());
    1 + text.as_bytes()[..at]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Result<FileConfig, Problem> {
        parse("claimcheck.toml", text, Path::new("/news"))
    }

    #[test]
    fn every_key() {
        let c = p(r#"
reference = "data"
as_of = "2018-03-20"
fail_on = "unverifiable"
min_confidence = 0.6
format = "md"
ignore = ["drafts"]
publisher_name = "The Daily Example"
publisher_url = "https://example.org/"

[normalize]
slack_below = 0.05
slack_around = 0.2
"#)
        .unwrap();
        assert_eq!(c.reference, Some(PathBuf::from("/news/data")));
        assert_eq!(c.as_of.as_deref(), Some("2018-03-20"));
        assert_eq!(c.fail_on, Some(FailOn::Unverifiable));
        assert_eq!(c.min_confidence, Some(0.6));
        assert_eq!(c.format, Some(Format::Markdown));
        assert_eq!(c.ignore, vec!["drafts".to_string()]);
        assert_eq!(c.publisher_name.as_deref(), Some("The Daily Example"));
        assert_eq!(c.publisher_url.as_deref(), Some("https://example.org/"));
        let n = c.normalize_config();
        assert_eq!((n.slack_below, n.slack_around), (0.05, 0.2));
    }

    /// issue 19, item 18: `as_of = 2017-01-01`, a TOML date, is that date.
    #[test]
    fn as_of_may_be_a_toml_date() {
        let c = p("as_of = 2017-01-01\n").unwrap();
        assert_eq!(c.as_of.as_deref(), Some("2017-01-01"));
        // A year, as "2017" is.
        let c = p("as_of = 2017\n").unwrap();
        assert_eq!(c.as_of.as_deref(), Some("2017"));
    }

    #[test]
    fn empty_file_is_all_defaults() {
        let c = p("").unwrap();
        assert_eq!(c.reference, None);
        assert_eq!(
            c.normalize_config().slack_below,
            normalize::Config::default().slack_below
        );
    }

    #[test]
    fn unknown_keys_and_bad_values_name_the_line() {
        let cases = [
            (
                "as_of = \"2018-01-01\"\nfail_of = \"never\"\n",
                2,
                "fail_of",
            ),
            ("\n\nfail_on = \"sometimes\"\n", 3, "sometimes"),
            ("min_confidence = 1.5\n", 1, "between 0 and 1"),
            ("format = \"yaml\"\n", 1, "yaml"),
            ("as_of = \"yesterday\"\n", 1, "yesterday"),
            (
                "[normalize]\nslack_below = 0.1\nslack_around = 2\n",
                3,
                "slack_around",
            ),
            ("[normalize]\nslack = 0.1\n", 2, "slack"),
            ("min_confidence = \"high\"\n", 1, "f64"),
            ("reference = [\n", 2, "invalid array"),
            ("as_of = 2017-01-01T10:00:00\n", 1, "not a date alone"),
            ("as_of = 10:00:00\n", 1, "not a date alone"),
            ("\nas_of = true\n", 2, "expected a date, found boolean"),
            ("as_of = 20170101\n", 1, "20170101"),
            ("as_of = 2017-02-30\n", 1, "invalid"),
            ("\npublisher_url = \"example.org\"\n", 2, "publisher_url"),
        ];
        for (text, line, needle) in cases {
            let e = p(text).unwrap_err();
            assert_eq!(e.line, Some(line), "{text:?}: {e}");
            assert!(e.message.contains(needle), "{text:?}: {e}");
            assert_eq!(e.file, "claimcheck.toml");
        }
    }

    #[test]
    fn discover_walks_up() {
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("a/b/c");
        std::fs::create_dir_all(&deep).unwrap();
        assert_eq!(discover(&deep), None);
        std::fs::write(dir.path().join("a").join(FILE_NAME), "").unwrap();
        assert_eq!(discover(&deep), Some(dir.path().join("a").join(FILE_NAME)));
    }
}
