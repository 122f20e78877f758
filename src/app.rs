//! app: the commands of the command line, as library calls.
//!
//! Each command takes its parsed options, runs the pipeline and returns the
//! text to print and the [`Outcome`] that decides the exit code; `check`
//! returns its report unwritten ([`Checked`]), for the caller to write where
//! it goes as it renders. Reading inputs and reference data happens here
//! (through `ingest` and `resolve::load`); every problem met is collected,
//! never dropped.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::baseline::Baseline;
use crate::config::{self, FileConfig};
use crate::extract::{Claim, Gazetteer, SubjectRef};
use crate::ingest::{self, IngestError, SourceKind};
use crate::model::{AsOfSource, Date, Problem, Quantity, Report};
use crate::normalize;
use crate::pipeline::{self, Settings};
use crate::policy::{FailOn, Policy};
use crate::report::{self, Document, Extras, Format, RenderOptions};
use crate::resolve;

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
    /// Pass when there are no problems, else an input error.
    pub fn of_problems(problems: &[Problem]) -> Outcome {
        if problems.is_empty() {
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
#[derive(Debug)]
pub struct Done {
    pub output: String,
    pub problems: Vec<Problem>,
    /// Things a user should know that are not errors (files skipped in folders).
    pub notes: Vec<String>,
    pub outcome: Outcome,
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
        first: Problem,
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

/// Options of `claimcheck check`.
#[derive(Debug)]
pub struct CheckOptions {
    pub paths: Vec<String>,
    pub reference: PathBuf,
    pub as_of: Option<String>,
    pub format: Format,
    pub color: bool,
    pub policy: Policy,
    pub ignore: Vec<String>,
    pub progress: bool,
    /// The quantity grammar's settings (`[normalize]` in claimcheck.toml).
    pub normalize: normalize::Config,
    /// Findings in this baseline file do not fail the run.
    pub baseline: Option<PathBuf>,
    /// Write the failing findings to this baseline file.
    pub write_baseline: Option<PathBuf>,
    /// A minijinja template replacing the built-in HTML page.
    pub template: Option<PathBuf>,
}

/// `claimcheck check` as given on the command line, before the config file
/// is merged in: `None` is "not given".
#[derive(Debug, Default, clap::Args)]
pub struct CheckFlags {
    /// Articles (.txt, .md), claim files (.csv, .jsonl), archives (.jsonl), folders, or - for stdin.
    #[arg(default_value = "claims")]
    pub paths: Vec<String>,
    /// Folder of reference CSVs (with datasets.toml and aliases.csv) [default: reference-data].
    #[arg(long)]
    pub reference: Option<PathBuf>,
    /// Date for claims with no date of their own (YYYY-MM-DD); default today.
    #[arg(long)]
    pub as_of: Option<String>,
    /// Output format; default text on a terminal, json otherwise.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
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

/// The settings of a check: each flag given, else the config file's value,
/// else the default. `to_terminal` picks the default format (text for a
/// person, json otherwise); `color` is for text output.
pub fn check_options(
    flags: CheckFlags,
    file: Option<FileConfig>,
    to_terminal: bool,
    color: bool,
) -> Result<CheckOptions, AppError> {
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
    let mut ignore = file.ignore.clone();
    ignore.extend(flags.ignore);
    Ok(CheckOptions {
        paths: flags.paths,
        reference: flags
            .reference
            .or_else(|| file.reference.clone())
            .unwrap_or_else(|| PathBuf::from("reference-data")),
        as_of: flags.as_of.or_else(|| file.as_of.clone()),
        format,
        color: color && format == Format::Text,
        policy: Policy {
            fail_on: if flags.no_fail {
                FailOn::Never
            } else {
                fail_on
            },
            min_confidence,
        },
        ignore,
        progress: true,
        normalize: file.normalize_config(),
        baseline: flags.baseline,
        write_baseline: flags.write_baseline,
        template: flags.template,
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

fn load_reference(dir: &Path) -> Result<resolve::Index, AppError> {
    let loaded = resolve::load(dir);
    if let Some(first) = loaded.problems.first() {
        return Err(AppError::Reference {
            dir: ingest::display_path(dir),
            count: loaded.problems.len(),
            first: first.clone(),
        });
    }
    Ok(loaded.index)
}

fn read_inputs(paths: &[String], ignore: &[String]) -> ingest::Ingested {
    let mut stdin = std::io::stdin().lock();
    ingest::read_paths(paths, ignore, &mut stdin)
}

fn progress_bar(enabled: bool, len: usize) -> indicatif::ProgressBar {
    let show = enabled && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    if !show {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} checking {pos}/{len} texts {wide_bar} {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

/// A finished `claimcheck check`: the report, not yet written, and what to
/// show besides it.
#[derive(Debug)]
pub struct Checked {
    pub report: Report,
    /// The texts read, which the `html` format shows.
    sources: Vec<ingest::Source>,
    template: Option<String>,
    format: Format,
    options: RenderOptions,
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

/// The loaded reference data: its index and the gazetteer of its names.
struct Reference {
    _index: resolve::Index,
    _gazetteer: Gazetteer,
}

impl std::fmt::Debug for Reference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Reference { .. }")
    }
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
            template: self.template.as_deref(),
        };
        report::write_with(&self.report, self.format, &self.options, &extras, out)
    }
}

/// `claimcheck check`, up to the report: [`Checked::write`] writes it.
pub fn check(opts: &CheckOptions) -> Result<Checked, AppError> {
    let (as_of, as_of_source) = as_of(opts.as_of.as_deref())?;
    let template = match &opts.template {
        Some(p) => Some(read_file(
            p,
            "HTML template",
            "give a minijinja template file to --template",
        )?),
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
    // The reference data (and the gazetteer of its names) and the inputs
    // are read side by side; but standard input is read only once the
    // reference has loaded, so a reference error is reported at once and
    // never waits for a pipe to close.
    let load = || {
        load_reference(&opts.reference).map(|index| {
            let gazetteer = pipeline::gazetteer(&index);
            (index, gazetteer)
        })
    };
    let reads_stdin = opts.paths.iter().any(|p| p == "-");
    let (index, gazetteer, mut ingested) = if reads_stdin {
        let (index, gazetteer) = load()?;
        (index, gazetteer, read_inputs(&opts.paths, &opts.ignore))
    } else {
        let (reference, ingested) = rayon::join(load, || read_inputs(&opts.paths, &opts.ignore));
        let (index, gazetteer) = reference?;
        (index, gazetteer, ingested)
    };
    let mut settings = Settings::new(as_of, as_of_source);
    settings.normalize = opts.normalize.clone();
    let bar = progress_bar(opts.progress, ingested.sources.len());
    let mut findings =
        pipeline::check_with(&ingested.sources, &index, &gazetteer, &settings, &|| {
            bar.inc(1)
        });
    bar.finish_and_clear();
    ingest::markers::apply(&ingested.ignores, &mut findings);
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
    let report = Report::new(as_of, findings);
    let fails = report
        .claims
        .iter()
        .any(|f| opts.policy.fails(f) && !f.baselined);
    Ok(Checked {
        report,
        sources: ingested.sources,
        template,
        format: opts.format,
        options: RenderOptions { color: opts.color },
        notes: skipped_note(&ingested.skipped),
        outcome: if !ingested.errors.is_empty() {
            Outcome::InputError
        } else if fails {
            Outcome::Fail
        } else {
            Outcome::Pass
        },
        problems: ingested.errors,
        _reference: Reference {
            _index: index,
            _gazetteer: gazetteer,
        },
    })
}

/// The normalizer settings of the nearest `claimcheck.toml` (its hedge
/// slack), so `extract` and `normalize` read phrases as `check` does.
fn configured_normalize() -> Result<normalize::Config, AppError> {
    let cwd = std::env::current_dir()
        .map_err(|e| AppError::Usage(format!("cannot read the working directory: {e}")))?;
    Ok(find_config(None, &cwd)?
        .unwrap_or_default()
        .normalize_config())
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

/// `claimcheck extract`: claims, normalized, not verified, as JSON.
pub fn extract(
    paths: &[String],
    reference: &Path,
    as_of_option: Option<&str>,
) -> Result<Done, AppError> {
    let (as_of, as_of_source) = as_of(as_of_option)?;
    // The reference names help find subjects; without a readable folder,
    // extraction still runs with capitalised names only.
    let loaded = resolve::load(reference);
    let gazetteer = pipeline::gazetteer(&loaded.index);
    let ingested = read_inputs(paths, &[]);
    let mut settings = Settings::new(as_of, as_of_source);
    settings.normalize = configured_normalize()?;
    let claims = pipeline::extract_all(&ingested.sources, &gazetteer, &settings, &|| {});
    let list: Vec<ExtractedClaim> = claims.iter().map(ExtractedClaim::from).collect();
    let mut output = serde_json::to_string_pretty(&serde_json::json!({
        "claimcheck_version": env!("CARGO_PKG_VERSION"),
        "as_of": as_of.to_string(),
        "claims": list,
    }))
    .expect("claims serialize");
    output.push('\n');
    Ok(Done {
        notes: Vec::new(),
        output,
        outcome: Outcome::of_problems(&ingested.errors),
        problems: ingested.errors,
    })
}

/// A claim as `claimcheck extract` prints it.
#[derive(serde::Serialize)]
struct ExtractedClaim<'a> {
    id: &'a str,
    document: &'a str,
    span: crate::model::Span,
    text: &'a str,
    sentence: &'a str,
    subjects: Vec<serde_json::Value>,
    metric: Option<&'a str>,
    quantity: Option<&'a Quantity>,
    error: Option<String>,
    as_of: String,
    as_of_source: AsOfSource,
}

impl<'a> From<&'a Claim> for ExtractedClaim<'a> {
    fn from(c: &'a Claim) -> Self {
        ExtractedClaim {
            id: &c.id,
            document: &c.document,
            span: c.span,
            text: &c.text,
            sentence: &c.sentence,
            subjects: c
                .subjects
                .iter()
                .map(|s| match s {
                    SubjectRef::Named { mention } => {
                        serde_json::json!({"mention": mention, "kind": "named"})
                    }
                    SubjectRef::Coref { mention } => {
                        serde_json::json!({"mention": mention, "kind": "coreference"})
                    }
                })
                .collect(),
            metric: c.metric.as_ref().map(|m| m.name.as_str()),
            quantity: c.quantity.as_ref().ok(),
            error: c.quantity.as_ref().err().map(|e| e.to_string()),
            as_of: c.as_of.to_string(),
            as_of_source: c.as_of_source,
        }
    }
}

/// Output format of `claimcheck normalize`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum NormalizeFormat {
    Text,
    Json,
}

/// `claimcheck normalize "PHRASE"`.
pub fn normalize_phrase(
    phrase: &str,
    as_of_option: Option<&str>,
    format: NormalizeFormat,
) -> Result<Done, AppError> {
    let (as_of, _) = as_of(as_of_option)?;
    let config = configured_normalize()?;
    let ctx = normalize::Context {
        as_of,
        config: &config,
    };
    match normalize::normalize(phrase, &ctx) {
        Ok(q) => {
            let output = match format {
                NormalizeFormat::Json => format!("{}\n", serde_json::to_string(&q).expect("quantity serializes")),
                NormalizeFormat::Text => {
                    let point = q.point.map(|p| format!(", point {}", crate::util::numfmt::grouped(p))).unwrap_or_default();
                    format!("{}  {} {}{point} ({})\n", phrase.trim(), q.interval, q.unit, q.kind.as_str())
                }
            };
            Ok(Done {
            notes: Vec::new(), output, problems: Vec::new(), outcome: Outcome::Pass })
        }
        Err(e) => Ok(Done {
            notes: Vec::new(),
            output: String::new(),
            problems: vec![Problem::new("<phrase>", None, e.to_string(), "give a phrase with a number, e.g. \"nearly two million\" or \"now in its sixth year\"")],
            outcome: Outcome::InputError,
        }),
    }
}

/// `claimcheck reference validate [DIR]`: every problem, exit 2 when any.
pub fn validate(dir: &Path) -> Done {
    let loaded = resolve::load(dir);
    let index = &loaded.index;
    let output = if loaded.problems.is_empty() {
        let mut s = format!(
            "{}: {} rows, {} entities in {} dataset(s); no problems\n",
            ingest::display_path(dir),
            index.rows(),
            index.entity_count(),
            index.datasets().len()
        );
        for d in index.datasets() {
            s.push_str(&format!(
                "  {}  {}  tolerance {}%\n",
                d.name,
                d.file,
                crate::util::numfmt::plain(d.tolerance * 100.0)
            ));
        }
        s
    } else {
        String::new()
    };
    Done {
        notes: Vec::new(),
        output,
        outcome: Outcome::of_problems(&loaded.problems),
        problems: loaded.problems,
    }
}

/// Print problems for people: `file:line: message` and a hint.
pub fn format_problem(p: &IngestError) -> String {
    format!("error: {p}")
}

/// Output format of `claimcheck eval`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum EvalFormat {
    Text,
    Json,
}

/// Options of `claimcheck eval`.
#[derive(Debug)]
pub struct EvalOptions {
    /// The labelled claim file.
    pub file: PathBuf,
    pub reference: PathBuf,
    pub format: EvalFormat,
    pub floors: crate::eval::Floors,
    /// Where `--fit` writes the fitted confidence parameters; `None`: no fit.
    pub fit: Option<PathBuf>,
}

/// What `claimcheck eval` measured, for callers that want the figures.
pub fn eval_metrics(
    opts: &EvalOptions,
) -> Result<Result<(crate::eval::Metrics, crate::verify::confidence::Params), Vec<Problem>>, AppError>
{
    use crate::eval::{self, fit};
    let name = ingest::display_path(&opts.file);
    let text = std::fs::read_to_string(&opts.file).map_err(|e| {
        AppError::Usage(format!(
            "cannot read the labelled claim file {name}: {e} (give a CSV with id,text,as_of,expected_verdict,phrase_kind,note)"
        ))
    })?;
    let rows = match eval::read_labelled(&name, &text) {
        Ok(r) => r,
        Err(problems) => return Ok(Err(problems)),
    };
    let index = load_reference(&opts.reference)?;
    let outcomes = eval::run(&rows, &index);
    let examples: Vec<fit::Example> = outcomes
        .iter()
        .map(|o| fit::Example {
            features: o.features,
            correct: o.correct(),
        })
        .collect();
    let cv = fit::cross_validate(&examples, fit::FOLDS, fit::SEED);
    let metrics = eval::Metrics::of(&outcomes, &cv, opts.floors);
    let note = format!(
        "claimcheck eval --fit on {name} ({} rows, reference {}): logistic per verdict, L2 {}, {} folds, seed {}; cross-validated Brier {:.4}, ECE {:.4}",
        rows.len(),
        ingest::display_path(&opts.reference),
        fit::L2,
        fit::FOLDS,
        fit::SEED,
        metrics.calibration.brier,
        metrics.calibration.ece
    );
    Ok(Ok((metrics, fit::fit(&examples, &note))))
}

/// `claimcheck eval`: measure the verdicts on a labelled set; exit 1 when a
/// floor is not met. With `--fit`, also write the fitted confidence
/// parameters.
pub fn eval(opts: &EvalOptions) -> Result<Done, AppError> {
    let (metrics, params) = match eval_metrics(opts)? {
        Ok(x) => x,
        Err(problems) => {
            return Ok(Done {
                notes: Vec::new(),
                output: String::new(),
                problems,
                outcome: Outcome::InputError,
            })
        }
    };
    if let Some(path) = &opts.fit {
        std::fs::write(path, crate::eval::fit::to_toml(&params)).map_err(|e| {
            AppError::Usage(format!(
                "cannot write the confidence parameters to {}: {e}",
                path.display()
            ))
        })?;
    }
    let output = match opts.format {
        EvalFormat::Text => crate::eval::render::text(&metrics),
        EvalFormat::Json => crate::eval::render::json(&metrics),
    };
    Ok(Done {
        notes: Vec::new(),
        output,
        problems: Vec::new(),
        outcome: if metrics.passed() {
            Outcome::Pass
        } else {
            Outcome::Fail
        },
    })
}
