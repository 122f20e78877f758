//! `claimcheck check`: the flags and the config file merged into
//! [`CheckOptions`]; then the inputs and the reference read side by side,
//! the pipeline run over every text, ignore markers and the baseline
//! applied, and the report handed back unwritten as a [`Checked`].

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::{as_of, checked_index, default_folder, read_inputs, AppError, Outcome};
use crate::baseline::Baseline;
use crate::checker::Reference;
use crate::config::FileConfig;
use crate::ingest::{self, SourceKind};
use crate::model::{Problem, Report};
use crate::normalize;
use crate::pipeline::Settings;
use crate::policy::{FailOn, Policy};
use crate::report::{
    self, Article, ConsumerOptions, Document, Extras, Format, Publisher, RenderOptions,
};
use crate::resolve;

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
        template: flags.template,
        include_supported: flags.include_supported,
        publisher_name: file.publisher_name.clone(),
        publisher_url: file.publisher_url.clone(),
    })
}

fn read_file(path: &Path, what: &str, hint: &str) -> Result<String, AppError> {
    std::fs::read_to_string(path).map_err(|e| {
        AppError::Input(Problem::new(
            &ingest::display_path(path),
            None,
            format!("cannot read the {what}: {e}"),
            hint,
        ))
    })
}

/// The articles' front matter, for the ClaimReview report.
fn articles(sources: &[ingest::Source]) -> Vec<Article> {
    sources
        .iter()
        .filter(|s| s.kind == SourceKind::Article)
        .map(|s| Article {
            name: s.document.clone(),
            title: s.title.clone(),
            date: s.date,
        })
        .collect()
}

/// The articles' text, for the HTML report.
fn documents(sources: &[ingest::Source]) -> Vec<Document> {
    sources
        .iter()
        .filter(|s| s.kind == SourceKind::Article)
        .map(|s| Document {
            name: s.document.clone(),
            title: s.title.clone(),
            url: s.url.clone(),
            text: s.text.clone(),
            offset: s.origin.byte.unwrap_or(0),
        })
        .collect()
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

/// A finished `claimcheck check`: the report, not yet written, and what to
/// show besides it.
#[derive(Debug)]
pub struct Checked {
    pub report: Report,
    /// The texts read, which the `html` format shows.
    sources: Vec<ingest::Source>,
    /// A user's HTML template: its file as shown, and its text.
    template: Option<(String, String)>,
    format: Format,
    options: RenderOptions,
    include_supported: bool,
    publisher_name: Option<String>,
    publisher_url: Option<String>,
    pub problems: Vec<Problem>,
    /// Things a user should know that are not errors (files skipped in folders).
    pub notes: Vec<String>,
    pub outcome: Outcome,
    /// The reference data the claims were checked against, kept here so
    /// the caller chooses when it is freed: freeing millions of rows and
    /// names one by one takes a tenth of a second, which a process about to
    /// exit need not spend.
    _reference: Reference,
}

impl Checked {
    /// Write the report, in the format asked for, to `out`.
    pub fn write(&self, out: &mut dyn std::io::Write) -> Result<(), report::WriteError> {
        let documents = match self.format {
            Format::Html => documents(&self.sources),
            _ => Vec::new(),
        };
        let extras = Extras {
            documents: &documents,
            template: self
                .template
                .as_ref()
                .map(|(file, text)| report::Template { file, text }),
        };
        let articles = match self.format {
            Format::Claimreview => articles(&self.sources),
            _ => Vec::new(),
        };
        let consumer = ConsumerOptions {
            include_supported: self.include_supported,
            publisher: Publisher {
                name: self.publisher_name.as_deref(),
                url: self.publisher_url.as_deref(),
            },
            articles: &articles,
        };
        report::write_for(
            &self.report,
            self.format,
            &self.options,
            &extras,
            &consumer,
            out,
        )
    }
}

/// `claimcheck check`, up to the report: [`Checked::write`] writes it.
pub fn check(opts: &CheckOptions) -> Result<Checked, AppError> {
    let (as_of, as_of_source) = as_of(opts.as_of.as_deref())?;
    let template = match &opts.template {
        Some(p) => {
            let text = read_file(
                p,
                "HTML template",
                "give a minijinja template file to --template",
            )?;
            let file = ingest::display_path(p);
            report::check_template(&report::Template {
                file: &file,
                text: &text,
            })
            .map_err(AppError::Input)?;
            Some((file, text))
        }
        None => None,
    };
    let baseline = match &opts.baseline {
        Some(p) => {
            let text = read_file(
                p,
                "baseline",
                "create it with `claimcheck check --write-baseline FILE`",
            )?;
            Some(Baseline::parse(&ingest::display_path(p), &text).map_err(AppError::Input)?)
        }
        None => None,
    };
    // Without the catalog, the folder is read beside the inputs. With it,
    // the catalog tables a check needs are known only once the texts are
    // read (CatalogUse::for_texts), so the inputs come first; but standard
    // input is read last, so that a reference error is reported at once,
    // never after a pipe closes, and then the whole catalog is read.
    let folder = opts.reference.as_deref();
    // Warnings of the load (a FIFO skipped) are shown with the report's.
    let warnings = std::sync::Mutex::new(Vec::new());
    let index_of = |loaded: resolve::Loaded| {
        let skipped = loaded.problems.iter().filter(|p| !p.is_error()).cloned();
        warnings.lock().map(|mut w| w.extend(skipped)).ok();
        checked_index(folder, loaded).map(Reference::new)
    };
    let reads_stdin = opts.paths.iter().any(|p| p == "-");
    let (reference, mut ingested) = if !opts.catalog {
        let (reference, ingested) = rayon::join(
            || index_of(resolve::load_from(folder, &resolve::CatalogUse::Off)),
            || read_inputs(&opts.paths, &opts.ignore),
        );
        (reference?, ingested)
    } else if reads_stdin {
        let reference = index_of(resolve::load_from(folder, &resolve::CatalogUse::All))?;
        (reference, read_inputs(&opts.paths, &opts.ignore))
    } else {
        let ingested = read_inputs(&opts.paths, &opts.ignore);
        // The lexicon chooses the tables and then goes into the load.
        let lexicon = resolve::lexicon_of(folder);
        let texts = ingested.sources.iter().map(|s| s.text.as_str());
        let tables = resolve::CatalogUse::for_texts(&lexicon.0, texts);
        let reference = index_of(resolve::load_with(folder, lexicon, &tables))?;
        (reference, ingested)
    };
    let mut settings = Settings::new(as_of, as_of_source);
    settings.normalize = opts.normalize.clone();
    let bar = progress_bar(opts.progress, ingested.sources.len());
    let mut findings = reference.findings(&ingested.sources, &ingested.ignores, &settings, &|| {
        bar.inc()
    });
    bar.finish();
    if let Some(b) = &baseline {
        b.apply(&mut findings);
    }
    if let Some(path) = &opts.write_baseline {
        if ingested.errors.is_empty() {
            let written = Baseline::of(&findings, &opts.policy);
            std::fs::write(path, written.to_json()).map_err(|e| {
                AppError::Input(Problem::new(
                    &ingest::display_path(path),
                    None,
                    format!("cannot write the baseline: {e}"),
                    "check that the folder exists and is writable",
                ))
            })?;
            written.apply(&mut findings);
        } else {
            ingested.errors.push(Problem::new(
                &ingest::display_path(path),
                None,
                "baseline not written: some inputs could not be read",
                "fix the input errors above, then write the baseline again",
            ));
        }
    }
    let report = Report::new(as_of, opts.catalog.then(resolve::catalog::info), findings);
    let mut notes = [skipped_note(&ingested.skipped), ingested.notes()].concat();
    if opts.format == Format::Claimreview {
        let left_out = report::claimreview_without_url(&report);
        if left_out > 0 {
            notes.push(format!(
                "claimreview: {left_out} checked claim(s) left out: their text has no http(s) url (an article's front-matter `url:`, a claim file's `url` column), which a ClaimReview needs"
            ));
        }
    }
    let fails = report
        .claims
        .iter()
        .any(|f| opts.policy.fails(f) && !f.baselined);
    Ok(Checked {
        report,
        sources: ingested.sources,
        template,
        format: opts.format,
        options: RenderOptions {
            color: opts.color,
            width: Some(opts.width),
        },
        include_supported: opts.include_supported,
        publisher_name: opts.publisher_name.clone(),
        publisher_url: opts.publisher_url.clone(),
        notes: if opts.quiet { Vec::new() } else { notes },
        outcome: if !ingested.errors.is_empty() {
            Outcome::InputError
        } else if fails {
            Outcome::Fail
        } else {
            Outcome::Pass
        },
        problems: [ingested.errors, warnings.into_inner().unwrap_or_default()].concat(),
        _reference: reference,
    })
}

/// A note naming the files a folder walk left out, so none vanish unseen.
fn skipped_note(skipped: &[String]) -> Vec<String> {
    if skipped.is_empty() {
        return Vec::new();
    }
    let shown: Vec<&str> = skipped.iter().take(5).map(String::as_str).collect();
    let more = if skipped.len() > 5 {
        format!(" and {} more", skipped.len() - 5)
    } else {
        String::new()
    };
    vec![format!(
        "skipped {} file(s) of a type claimcheck does not read: {}{more} (it reads .txt, .md, .csv and .jsonl)",
        skipped.len(),
        shown.join(", ")
    )]
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
