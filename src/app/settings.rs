//! `claimcheck.toml` for people: `claimcheck init` writes a commented one
//! ([`init`]), and `claimcheck check --print-config` shows the settings a
//! check runs with and where each comes from ([`describe`]): a flag, the
//! config file, or the default. Reading and validating the file stays in
//! [`crate::config`].

use std::io::Write as _;
use std::path::Path;

use clap::ValueEnum;

use super::check::{CheckFlags, CheckOptions, ColorChoice, Terminal};
use super::{AppError, Done, Outcome};
use crate::config::{FileConfig, FILE_NAME};
use crate::ingest;
use crate::model::Problem;

/// What `claimcheck init` writes: every key, commented out, at its default.
pub const TEMPLATE: &str = include_str!("init.toml");

/// `claimcheck init`: write [`TEMPLATE`] to `claimcheck.toml` in `dir`. An
/// existing file is never overwritten (an input error, exit 2, with a
/// hint).
pub fn init(dir: &Path) -> Result<Done, AppError> {
    let path = dir.join(FILE_NAME);
    let shown = ingest::display_path(Path::new(FILE_NAME));
    let created = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut f| {
            f.write_all(TEMPLATE.as_bytes())?;
            f.sync_all()
        });
    match created {
        Ok(()) => Ok(Done {
            output: String::new(),
            body: None,
            problems: Vec::new(),
            notes: vec![format!(
                "wrote {shown}: every setting is commented out at its default; `claimcheck check --print-config` shows what is in force"
            )],
            outcome: Outcome::Pass,
        }),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(AppError::Input(Problem::new(
                &shown,
                None,
                "already exists; claimcheck init does not overwrite it",
                "edit it, or move it away and run `claimcheck init` again; `claimcheck check --print-config` shows what it sets",
            )))
        }
        Err(e) => Err(AppError::Input(Problem::new(
            &shown,
            None,
            format!("cannot write the config file: {e}"),
            "run `claimcheck init` in a folder you can write to",
        ))),
    }
}

/// One setting as a check runs with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Setting {
    /// As in `claimcheck.toml` (`normalize.slack_below`), or the flag's
    /// name for the settings the file has no key for.
    pub key: &'static str,
    pub value: String,
    /// `default`, `claimcheck.toml` (its path), `--flag`, `COLUMNS`, ...
    pub from: String,
}

/// The settings `opts` were made of, with where each came from: a flag in
/// `flags`, the `file`, or the default.
pub fn settings(
    flags: &CheckFlags,
    file: Option<&FileConfig>,
    terminal: &Terminal,
    opts: &CheckOptions,
) -> Vec<Setting> {
    let toml = file.map(|f| ingest::display_path(&f.path));
    let from = |flag: bool, flag_name: &str, in_file: bool, default: &str| -> String {
        if flag {
            flag_name.to_string()
        } else if in_file {
            toml.clone().unwrap_or_default()
        } else {
            default.to_string()
        }
    };
    let has = |get: fn(&FileConfig) -> bool| file.is_some_and(get);
    let quoted = |s: &str| format!("{s:?}");
    let path = |p: &Path| quoted(&ingest::display_path(p));
    let mut out = Vec::new();
    let mut push = |key, value: String, from: String| out.push(Setting { key, value, from });

    push(
        "config",
        toml.as_deref().map_or("none".to_string(), quoted),
        match (&flags.config, file) {
            (Some(_), _) => "--config".to_string(),
            (None, Some(_)) => format!("found at or above the working directory ({FILE_NAME})"),
            (None, None) => format!("no {FILE_NAME} at or above the working directory"),
        },
    );
    let default_paths = flags.paths.len() == 1 && flags.paths[0] == "claims";
    push(
        "paths",
        format!(
            "[{}]",
            opts.paths
                .iter()
                .map(|p| quoted(p))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        if default_paths {
            "default"
        } else {
            "arguments"
        }
        .to_string(),
    );
    push(
        "reference",
        opts.reference
            .as_deref()
            .map_or("none (the catalog alone)".to_string(), path),
        from(
            flags.reference.is_some(),
            "--reference",
            has(|f| f.reference.is_some()),
            if opts.reference.is_some() {
                "default (the working directory has ./reference-data)"
            } else {
                "default (no ./reference-data in the working directory)"
            },
        ),
    );
    push(
        "catalog",
        opts.catalog.to_string(),
        from(
            flags.no_catalog,
            "--no-catalog",
            has(|f| f.catalog.is_some()),
            "default",
        ),
    );
    push(
        "as_of",
        opts.as_of.as_deref().map_or(
            "today, for claims with no date of their own".to_string(),
            quoted,
        ),
        from(
            flags.as_of.is_some(),
            "--as-of",
            has(|f| f.as_of.is_some()),
            "default",
        ),
    );
    push(
        "fail_on",
        quoted(&value_name(&opts.policy.fail_on)),
        if flags.no_fail {
            "--no-fail".to_string()
        } else {
            from(
                flags.fail_on.is_some(),
                "--fail-on",
                has(|f| f.fail_on.is_some()),
                "default",
            )
        },
    );
    push(
        "min_confidence",
        format!("{:?}", opts.policy.min_confidence),
        from(
            flags.min_confidence.is_some(),
            "--min-confidence",
            has(|f| f.min_confidence.is_some()),
            "default",
        ),
    );
    push(
        "format",
        quoted(opts.format.name()),
        from(
            flags.format.is_some(),
            "--format",
            has(|f| f.format.is_some()),
            if terminal.stdout {
                "default (text on a terminal)"
            } else {
                "default (json when not a terminal)"
            },
        ),
    );
    push(
        "ignore",
        format!(
            "[{}]",
            opts.ignore
                .iter()
                .map(|p| quoted(p))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        match (has(|f| !f.ignore.is_empty()), !flags.ignore.is_empty()) {
            (true, true) => format!("{} and --ignore", toml.clone().unwrap_or_default()),
            (true, false) => toml.clone().unwrap_or_default(),
            (false, true) => "--ignore".to_string(),
            (false, false) => "default".to_string(),
        },
    );
    push(
        "normalize.slack_below",
        format!("{:?}", opts.normalize.slack_below),
        from(false, "", has(|f| f.slack_below.is_some()), "default"),
    );
    push(
        "normalize.slack_around",
        format!("{:?}", opts.normalize.slack_around),
        from(false, "", has(|f| f.slack_around.is_some()), "default"),
    );
    let color_from = match (flags.color, terminal.no_color) {
        (ColorChoice::Auto, true) => "default (auto; NO_COLOR is set)",
        (ColorChoice::Auto, false) if terminal.stdout => "default (auto; a terminal)",
        (ColorChoice::Auto, false) => "default (auto; not a terminal)",
        _ => "--color",
    };
    push(
        "color",
        format!(
            "{} ({})",
            value_name(&flags.color),
            if opts.color { "on" } else { "off" }
        ),
        color_from.to_string(),
    );
    push(
        "width",
        opts.width.to_string(),
        terminal.width_from.to_string(),
    );
    for (key, flag, value) in [
        ("baseline", "--baseline", &opts.baseline),
        ("write_baseline", "--write-baseline", &opts.write_baseline),
        ("template", "--template", &opts.template),
    ] {
        match value {
            Some(p) => push(key, path(p), flag.to_string()),
            None => push(key, "none".to_string(), "default".to_string()),
        }
    }
    out
}

/// [`settings`] as a table, one setting a row: key, value, where from.
pub fn describe(settings: &[Setting]) -> String {
    let key_w = settings.iter().map(|s| s.key.len()).max().unwrap_or(0);
    let value_w = settings
        .iter()
        .map(|s| s.value.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for s in settings {
        let pad = value_w - s.value.chars().count();
        out.push_str(&format!(
            "{:key_w$}  {}{}  # {}\n",
            s.key,
            s.value,
            " ".repeat(pad),
            s.from
        ));
    }
    out
}

/// The name clap gives a value on the command line.
fn value_name<T: ValueEnum>(v: &T) -> String {
    v.to_possible_value()
        .map_or_else(|| "?".to_string(), |p| p.get_name().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The written file changes nothing: it reads as no settings at all.
    /// With every setting line uncommented it is still a valid file, and
    /// its values are the defaults it claims.
    #[test]
    fn the_template_is_all_defaults() {
        let base = Path::new("/news");
        let c = crate::config::parse(FILE_NAME, TEMPLATE, base).unwrap();
        assert_eq!(
            c,
            FileConfig {
                path: FILE_NAME.into(),
                ..FileConfig::default()
            }
        );
        let uncommented: String = TEMPLATE
            .lines()
            .map(|l| match l.strip_prefix("# ") {
                Some(rest)
                    if rest.starts_with('[')
                        || rest.split_once(" = ").is_some_and(|(k, _)| {
                            k.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                        }) =>
                {
                    rest
                }
                _ => l,
            })
            .collect::<Vec<_>>()
            .join("\n");
        let c = crate::config::parse(FILE_NAME, &uncommented, base)
            .unwrap_or_else(|p| panic!("{p}\n{uncommented}"));
        assert_eq!(c.reference, Some(base.join("reference-data")));
        assert_eq!(c.catalog, Some(true));
        assert_eq!(c.fail_on, Some(crate::policy::FailOn::default()));
        assert_eq!(c.min_confidence, Some(0.0));
        assert_eq!(c.format, Some(crate::report::Format::Text));
        let n = crate::normalize::Config::default();
        assert_eq!(c.slack_below, Some(n.slack_below));
        assert_eq!(c.slack_around, Some(n.slack_around));
    }
}
