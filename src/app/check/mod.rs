//! `claimcheck check`: the flags and the config file merged into
//! [`CheckOptions`], the terminal it writes to, its worker threads and its
//! progress bar; [`run`] checks the inputs and hands the report back
//! unwritten as a [`Checked`].

mod errors;
mod run;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::{default_folder, AppError};
use crate::config::FileConfig;
use crate::normalize;
use crate::policy::{FailOn, Policy};
use crate::report::Format;

pub use errors::{errors_jsonl, problems_of};
pub use run::{check, Checked};

/// When `--format text` is coloured.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set (to anything but "").
    #[default]
    Auto,
    Always,
    Never,
}

/// What `claimcheck check` knows of where its report goes: whether it is a
/// terminal, whether `NO_COLOR` is set, and how wide a row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Terminal {
    /// The report goes to a terminal (standard output, no `--output`).
    pub stdout: bool,
    /// `NO_COLOR` is set to a non-empty value (<https://no-color.org>).
    pub no_color: bool,
    /// The columns `--format text` fits a sentence into: see [`text_width`].
    pub width: usize,
    /// Where `width` came from: `COLUMNS`, the terminal, or the default.
    pub width_from: &'static str,
}

/// The width `--format text` fits to where nothing says otherwise: the
/// report goes to a file or a pipe, and `COLUMNS` is not set.
pub const DEFAULT_WIDTH: usize = 100;

impl Terminal {
    /// The process's own: standard output (when the report goes there),
    /// `NO_COLOR` and `COLUMNS`.
    pub fn detect(to_stdout: bool) -> Terminal {
        let stdout = to_stdout && std::io::stdout().is_terminal();
        let columns = std::env::var("COLUMNS").ok();
        let size = stdout
            .then(|| console::Term::stdout().size_checked())
            .flatten()
            .map(|(_, cols)| usize::from(cols));
        let (width, width_from) = text_width(columns.as_deref(), size);
        Terminal {
            stdout,
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            width,
            width_from,
        }
    }
}

/// The columns `--format text` fits a sentence into, and where that came
/// from: `COLUMNS` when it is a whole number above zero (a user's word
/// wins), else the terminal's width, else [`DEFAULT_WIDTH`].
pub fn text_width(columns: Option<&str>, terminal: Option<usize>) -> (usize, &'static str) {
    if let Some(c) = columns
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0)
    {
        return (c, "COLUMNS");
    }
    match terminal.filter(|&c| c > 0) {
        Some(c) => (c, "the terminal"),
        None => (DEFAULT_WIDTH, "default (not a terminal, no COLUMNS)"),
    }
}

/// Options of `claimcheck check`.
#[derive(Debug)]
pub struct CheckOptions {
    pub paths: Vec<String>,
    /// The newsroom's reference folder, over the catalog; `None`: the
    /// catalog alone.
    pub reference: Option<PathBuf>,
    /// Whether the built-in indicator catalog is used.
    pub catalog: bool,
    pub as_of: Option<String>,
    pub format: Format,
    pub color: bool,
    /// The columns `--format text` fits a sentence into.
    pub width: usize,
    pub policy: Policy,
    pub ignore: Vec<String>,
    /// A progress bar on standard error, shown only when the check is
    /// still running after [`PROGRESS_DELAY`], on a terminal, outside CI.
    pub progress: bool,
    /// No notes (`--quiet`): only the report and the errors.
    pub quiet: bool,
    /// The quantity grammar's settings (`[normalize]` in claimcheck.toml).
    pub normalize: normalize::Config,
    /// Findings in this baseline file do not fail the run.
    pub baseline: Option<PathBuf>,
    /// Write the failing findings to this baseline file.
    pub write_baseline: Option<PathBuf>,
    /// Write the input problems to this file as JSON Lines (`--errors`).
    pub errors: Option<PathBuf>,
    /// A minijinja template replacing the built-in HTML page.
    pub template: Option<PathBuf>,
    /// Report supported claims too in `github` and `sarif`.
    pub include_supported: bool,
    /// The newsroom that publishes the ClaimReviews (claimcheck.toml).
    pub publisher_name: Option<String>,
    pub publisher_url: Option<String>,
}

/// `claimcheck check` as given on the command line, before the config file
/// is merged in: `None` is "not given".
#[derive(Clone, Debug, Default, clap::Args)]
pub struct CheckFlags {
    /// Articles (.txt, .md), claim files (.csv, .jsonl), archives (.jsonl), folders, or - for stdin.
    #[arg(default_value = "claims")]
    pub paths: Vec<String>,
    /// Folder of reference CSVs (with datasets.toml and aliases.csv), added to the built-in catalog; its rows win [default: ./reference-data when there is one].
    #[arg(long)]
    pub reference: Option<PathBuf>,
    /// Leave the built-in indicator catalog out: check against --reference alone.
    #[arg(long)]
    pub no_catalog: bool,
    /// Date for claims with no date of their own (YYYY-MM-DD); default today.
    #[arg(long)]
    pub as_of: Option<String>,
    /// Output format; default text on a terminal, json otherwise.
    #[arg(short, long, value_enum)]
    pub format: Option<Format>,
    /// Colour in --format text: auto is on a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, default_value_t, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Which verdicts make the run exit 1 [default: contradicted].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Verdicts below this confidence do not fail the run [default: 0].
    #[arg(long)]
    pub min_confidence: Option<f64>,
    /// Never exit 1 (still exit 2 on input errors).
    #[arg(long)]
    pub no_fail: bool,
    /// Paths to leave out when walking folders.
    #[arg(long)]
    pub ignore: Vec<String>,
    /// Settings file [default: the nearest claimcheck.toml at or above the working directory].
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Findings recorded in this baseline file are reported but do not fail the run.
    #[arg(long)]
    pub baseline: Option<PathBuf>,
    /// Record the findings that fail the policy now in this baseline file.
    #[arg(long)]
    pub write_baseline: Option<PathBuf>,
    /// Also write every input problem to this file, as JSON Lines (file, line, column, severity, problem, hint); written, empty, when there is none.
    #[arg(long, value_name = "FILE")]
    pub errors: Option<PathBuf>,
    /// A minijinja template for --format html (autoescaped), replacing the built-in page.
    #[arg(long)]
    pub template: Option<PathBuf>,
    /// Report supported claims too in --format github (as notices) and sarif (as passes); by default those show only what fails or warns.
    #[arg(long)]
    pub include_supported: bool,
    /// Print the settings this check would run with, and where each comes
    /// from (default, claimcheck.toml, flag); check nothing.
    #[arg(long)]
    pub print_config: bool,
}

/// The most worker threads a check runs per core, and at least this many
/// whatever the core count: more only add start-up and hand-over costs
/// (`--jobs 1024` took 30 s on two cores; 64, under a second).
pub const MAX_JOBS_PER_CORE: usize = 4;
/// See [`MAX_JOBS_PER_CORE`].
pub const MAX_JOBS_FLOOR: usize = 64;

/// How many worker threads a check runs, and a note when `--jobs` asked
/// for more than that.
#[derive(Debug, PartialEq, Eq)]
pub struct WorkerThreads {
    /// Threads to start; 0 is one per core (rayon's default).
    pub count: usize,
    pub note: Option<String>,
}

/// `--jobs N` as run: N, lowered to the larger of [`MAX_JOBS_PER_CORE`]
/// per core and [`MAX_JOBS_FLOOR`]; absent or 0, one per core.
pub fn worker_threads(jobs: Option<usize>) -> WorkerThreads {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    worker_threads_on(jobs, cores)
}

fn worker_threads_on(jobs: Option<usize>, cores: usize) -> WorkerThreads {
    let most = cores.saturating_mul(MAX_JOBS_PER_CORE).max(MAX_JOBS_FLOOR);
    match jobs {
        Some(n) if n > most => WorkerThreads {
            count: most,
            note: Some(format!(
                "--jobs {n} is more worker threads than a check can use; running {most} (at most {MAX_JOBS_PER_CORE} per core, or {MAX_JOBS_FLOOR}, whichever is more)"
            )),
        },
        n => WorkerThreads {
            count: n.unwrap_or(0),
            note: None,
        },
    }
}

/// The settings of a check: each flag given, else the config file's value,
/// else the default. The terminal picks the default format (text for a
/// person, json otherwise), colour (`--color auto`) and the text width;
/// `quiet` leaves out the notes and the progress bar.
pub fn check_options(
    flags: CheckFlags,
    file: Option<FileConfig>,
    terminal: Terminal,
    quiet: bool,
) -> Result<CheckOptions, AppError> {
    let to_terminal = terminal.stdout;
    let color = match flags.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal.stdout && !terminal.no_color,
    };
    let file = file.unwrap_or_default();
    let min_confidence = flags.min_confidence.or(file.min_confidence).unwrap_or(0.0);
    if !(0.0..=1.0).contains(&min_confidence) {
        return Err(AppError::Usage(format!(
            "--min-confidence must be between 0 and 1, got {min_confidence}"
        )));
    }
    let fail_on = flags.fail_on.or(file.fail_on).unwrap_or_default();
    let format = flags.format.or(file.format).unwrap_or(if to_terminal {
        Format::Text
    } else {
        Format::Json
    });
    if flags.template.is_some() && format != Format::Html {
        return Err(AppError::Usage(format!(
            "--template is a page for --format html, and the format is {format}\n  hint: add --format html, or leave --template out"
        )));
    }
    let mut ignore = file.ignore.clone();
    ignore.extend(flags.ignore);
    let reference = flags
        .reference
        .or_else(|| file.reference.clone())
        .or_else(default_folder);
    let catalog = !flags.no_catalog && file.catalog.unwrap_or(true);
    if !catalog && reference.is_none() {
        return Err(AppError::Usage(
            "with the built-in catalog off (--no-catalog, or catalog = false), give a reference folder with --reference DIR".to_string(),
        ));
    }
    Ok(CheckOptions {
        paths: flags.paths,
        reference,
        catalog,
        as_of: flags.as_of.or_else(|| file.as_of.clone()),
        format,
        color: color && format == Format::Text,
        width: terminal.width,
        policy: Policy {
            fail_on: if flags.no_fail {
                FailOn::Never
            } else {
                fail_on
            },
            min_confidence,
        },
        ignore,
        progress: !quiet,
        quiet,
        normalize: file.normalize_config(),
        baseline: flags.baseline,
        write_baseline: flags.write_baseline,
        errors: flags.errors,
        template: flags.template,
        include_supported: flags.include_supported,
        publisher_name: file.publisher_name.clone(),
        publisher_url: file.publisher_url.clone(),
    })
}

/// How long a check runs before its progress bar appears: a shorter run
/// ends before a bar would tell anything, and only flickers.
pub const PROGRESS_DELAY: Duration = Duration::from_secs(1);

/// A progress bar that stays hidden until `delay` has passed since it was
/// made: the first step counted after that shows it.
#[derive(Debug)]
pub struct Progress {
    bar: indicatif::ProgressBar,
    start: Instant,
    delay: Duration,
    enabled: bool,
    shown: AtomicBool,
}

impl Progress {
    /// A bar over `len` steps; `enabled` false never shows it.
    pub fn new(enabled: bool, len: usize, delay: Duration) -> Progress {
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(len as u64),
            indicatif::ProgressDrawTarget::hidden(),
        );
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} checking {pos}/{len} texts {wide_bar} {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Progress {
            bar,
            start: Instant::now(),
            delay,
            enabled,
            shown: AtomicBool::new(false),
        }
    }

    /// One step done; the bar appears (on standard error) once the delay
    /// has passed.
    pub fn inc(&self) {
        self.bar.inc(1);
        if self.enabled
            && !self.shown.load(Ordering::Relaxed)
            && self.start.elapsed() >= self.delay
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            self.bar
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    }

    /// Whether the bar has been put on screen.
    pub fn shown(&self) -> bool {
        self.shown.load(Ordering::Relaxed)
    }

    /// `more` steps to come (standard input, read in batches, adds each
    /// batch's texts as it is read).
    pub fn add(&self, more: usize) {
        self.bar.inc_length(more as u64);
    }

    /// Take the bar off the screen.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// A bar only for a person watching: standard error is a terminal and
/// this is not CI.
fn progress_bar(enabled: bool, len: usize) -> Progress {
    let show = enabled && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    Progress::new(show, len, PROGRESS_DELAY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_are_capped_with_a_note() {
        let run = |jobs, cores| worker_threads_on(jobs, cores);
        assert_eq!(run(None, 2).count, 0);
        assert_eq!(run(Some(0), 2).count, 0);
        assert_eq!(
            run(Some(8), 2),
            WorkerThreads {
                count: 8,
                note: None
            }
        );
        assert_eq!(run(Some(64), 2).note, None);
        let capped = run(Some(5000), 2);
        assert_eq!(capped.count, 64);
        assert!(capped.note.unwrap().contains("--jobs 5000"));
        assert_eq!(run(Some(5000), 32).count, 128);
        assert_eq!(run(Some(usize::MAX), usize::MAX).count, usize::MAX);
    }
}
