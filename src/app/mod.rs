//! app: the commands of the command line, as library calls.
//!
//! Each command takes its parsed options, runs the pipeline and returns the
//! text to print and the [`Outcome`] that decides the exit code; `check`
//! returns its report unwritten ([`Checked`]), for the caller to write where
//! it goes as it renders. Reading inputs and reference data happens here
//! (through `ingest` and `resolve::load`); every problem met is collected,
//! never dropped.
//!
//! One file per command: `check`, `extract`, `normalize` (a phrase),
//! `reference` (validate), `eval`, `explain` and `settings` (`init` and
//! `check --print-config`). This file holds what they share: how a
//! command ends ([`Outcome`], [`Done`], [`AppError`]), `--as-of`, the config
//! file, and reading the reference folder and the inputs.

mod check;
mod eval;
mod explain;
mod extract;
mod normalize;
mod reference;
mod settings;

use std::path::Path;

use crate::config::{self, FileConfig};
use crate::ingest::{self, IngestError};
use crate::model::{AsOfSource, Date, Problem, Severity};
use crate::resolve;

pub use check::{
    check, check_options, errors_jsonl, problems_of, text_width, worker_threads, CheckFlags,
    CheckOptions, Checked, ColorChoice, Progress, Terminal, WorkerThreads, DEFAULT_WIDTH,
    PROGRESS_DELAY,
};
pub use eval::{eval, eval_metrics, EvalFormat, EvalOptions};
pub use explain::explain_code;
pub use extract::extract;
pub use normalize::{normalize_phrase, NormalizeFormat};
pub use reference::validate;
pub use settings::{describe, init, settings, Setting, TEMPLATE as INIT_TEMPLATE};

/// How a command ended, which the binary maps to the exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0: no claim fails the policy.
    Pass,
    /// Exit 1: some claim fails the policy.
    Fail,
    /// Exit 2: usage or input error (problems were printed).
    InputError,
}

impl Outcome {
    /// Pass when no problem is an error (warnings do not fail), else an
    /// input error.
    pub fn of_problems(problems: &[Problem]) -> Outcome {
        if !problems.iter().any(Problem::is_error) {
            Outcome::Pass
        } else {
            Outcome::InputError
        }
    }

    pub fn code(self) -> u8 {
        match self {
            Outcome::Pass => 0,
            Outcome::Fail => 1,
            Outcome::InputError => 2,
        }
    }
}

/// What a command produced: its output and the problems to show on stderr.
pub struct Done {
    pub output: String,
    /// The rest of the output, written after `output` as it is rendered:
    /// a large output (`extract`'s claims) is never held whole.
    pub body: Option<Body>,
    pub problems: Vec<Problem>,
    /// Things a user should know that are not errors (files skipped in folders).
    pub notes: Vec<String>,
    pub outcome: Outcome,
}

/// Output written as it is rendered (see [`Done::body`]).
pub type Body =
    Box<dyn Fn(&mut dyn std::io::Write) -> Result<(), crate::report::WriteError> + Send + Sync>;

impl Done {
    /// Write the whole output, `output` then `body`, to `out`.
    pub fn write(&self, out: &mut dyn std::io::Write) -> Result<(), crate::report::WriteError> {
        out.write_all(self.output.as_bytes())?;
        match &self.body {
            Some(body) => body(out),
            None => Ok(()),
        }
    }

    /// The whole output as text (tests).
    pub fn text(&self) -> String {
        let mut out = Vec::new();
        self.write(&mut out).expect("writes to memory");
        String::from_utf8(out).expect("the output is UTF-8")
    }
}

impl std::fmt::Debug for Done {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Done")
            .field("output", &self.output)
            .field("body", &self.body.as_ref().map(|_| ".."))
            .field("problems", &self.problems)
            .field("notes", &self.notes)
            .field("outcome", &self.outcome)
            .finish()
    }
}

/// An error that stops a command before it produces anything.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    Usage(String),
    /// A config, baseline or template file that cannot be used.
    #[error("{0}")]
    Input(Problem),
    #[error("the reference data in {dir} has {count} problem(s); the first:\n{first}\n  run `claimcheck reference validate {dir}` for the full list")]
    Reference {
        dir: String,
        count: usize,
        /// Boxed, so every `Result` carrying an `AppError` stays small.
        first: Box<Problem>,
    },
}

/// `--as-of`, or today.
pub fn as_of(option: Option<&str>) -> Result<(Date, AsOfSource), AppError> {
    match option {
        Some(s) => ingest::parse_as_of(s)
            .map(|d| (d, AsOfSource::Option))
            .map_err(|m| AppError::Usage(format!("--as-of: {m}"))),
        None => Ok((jiff::Zoned::now().date(), AsOfSource::Today)),
    }
}

/// Where `claimcheck check` takes its config from: `--config FILE`, else the
/// nearest `claimcheck.toml` at or above `cwd`, else none.
pub fn find_config(flag: Option<&Path>, cwd: &Path) -> Result<Option<FileConfig>, AppError> {
    let path = match flag {
        Some(p) => p.to_path_buf(),
        None => match config::discover(cwd) {
            Some(p) => p,
            None => return Ok(None),
        },
    };
    config::load(&path).map(Some).map_err(AppError::Input)
}

/// The reference folder used when none is given: `reference-data` in the
/// working directory, when there is one (the built-in catalog is used
/// either way).
pub const DEFAULT_FOLDER: &str = "reference-data";

/// [`DEFAULT_FOLDER`], when the working directory has it.
pub fn default_folder() -> Option<std::path::PathBuf> {
    let dir = std::path::PathBuf::from(DEFAULT_FOLDER);
    dir.is_dir().then_some(dir)
}

/// The whole catalog over `dir`; any problem stops the command.
pub(super) fn load_reference(dir: &Path) -> Result<resolve::Index, AppError> {
    load_reference_from(Some(dir), &resolve::CatalogUse::All)
}

/// `dir` (when given) over the catalog's tables `catalog` names; any
/// problem stops the command.
pub(crate) fn load_reference_from(
    dir: Option<&Path>,
    catalog: &resolve::CatalogUse,
) -> Result<resolve::Index, AppError> {
    checked_index(dir, resolve::load_from(dir, catalog))
}

/// The index `loaded` holds, unless an error was found loading `dir` (or
/// the catalog alone): then the first, and how many there are.
pub(super) fn checked_index(
    dir: Option<&Path>,
    loaded: resolve::Loaded,
) -> Result<resolve::Index, AppError> {
    if let Some(first) = loaded.problems.iter().find(|p| p.is_error()) {
        return Err(AppError::Reference {
            dir: match dir {
                Some(d) => ingest::display_path(d),
                None => "the built-in catalog".to_string(),
            },
            count: loaded.problems.iter().filter(|p| p.is_error()).count(),
            first: Box::new(first.clone()),
        });
    }
    Ok(loaded.index)
}

/// Read the inputs named on the command line (standard input for `-`). A
/// path naming something neither a file nor a folder (a FIFO, a device) is
/// not opened: the ingest stage reports what it is.
pub(super) fn read_inputs(paths: &[String], ignore: &[String]) -> ingest::Ingested {
    let mut stdin = std::io::stdin().lock();
    ingest::read_paths(paths, ignore, &mut stdin)
}

/// The normalizer settings of the nearest `claimcheck.toml` (its hedge
/// slack), so `extract` and `normalize` read phrases as `check` does.
pub(super) fn configured_normalize() -> Result<crate::normalize::Config, AppError> {
    let cwd = std::env::current_dir()
        .map_err(|e| AppError::Usage(format!("cannot read the working directory: {e}")))?;
    Ok(find_config(None, &cwd)?
        .unwrap_or_default()
        .normalize_config())
}

/// Print problems for people: `error: file:line: message` (or `warning:`)
/// and a hint.
pub fn format_problem(p: &IngestError) -> String {
    match p.severity {
        Severity::Error => format!("error: {p}"),
        Severity::Warning => format!("warning: {p}"),
    }
}
