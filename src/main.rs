//! The `claimcheck` command: parses arguments, calls the library, prints,
//! and maps the outcome to the exit code (0 pass, 1 a claim fails the
//! policy, 2 usage or input error).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{CommandFactory, Parser, Subcommand};

use claimcheck::app::{self, CheckFlags, Done, NormalizeFormat, Outcome};
use claimcheck::model::Problem;
use claimcheck::report::WriteError;
use claimcheck::util::outfile::OutputFile;

/// The allocator (see `claimcheck::util::heap`).
#[global_allocator]
static ALLOCATOR: claimcheck::util::heap::Allocator = claimcheck::util::heap::Allocator {};

#[derive(Parser)]
#[command(
    name = "claimcheck",
    version,
    about = "Check the quantity claims in news text against reference data",
    after_help = "Verdicts and reason codes: `claimcheck explain [CODE]` (docs/reasons.md).\nThe JSON report's fields: docs/report.md. Start a folder's settings: `claimcheck init`."
)]
struct Cli {
    /// No notes and no progress bar: only the output and the errors.
    #[arg(short, long, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract, normalize and verify claims; print a report.
    Check {
        #[command(flatten)]
        flags: CheckFlags,
        /// Write the report to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Worker threads (default: one per core; at most 4 per core or 64,
        /// whichever is more: a larger number is lowered, with a note).
        #[arg(long)]
        jobs: Option<usize>,
    },
    /// Print the claims found, normalized but not verified, as JSON.
    Extract {
        #[arg(default_value = "claims")]
        paths: Vec<String>,
        #[arg(long, default_value = "reference-data")]
        reference: PathBuf,
        #[arg(long)]
        as_of: Option<String>,
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Read one phrase as a quantity interval.
    Normalize {
        /// The phrase ("nearly two million", "-9.4 pct").
        #[arg(allow_hyphen_values = true)]
        phrase: String,
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: NormalizeFormat,
    },
    /// Measure the verdicts on a labelled claim set; exit 1 when a floor is not met.
    Eval {
        /// Labelled files, measured together: claims (id,text,as_of,expected_verdict,phrase_kind,note),
        /// metrics (… with metric,unit_family) or reuters (figures in an archive) shape.
        #[arg(default_value = "tests/eval/claims.csv")]
        files: Vec<PathBuf>,
        /// The JSON Lines archive a reuters-shape file points into; a
        /// reuters file is skipped, with a note, when it is absent.
        #[arg(long, default_value = claimcheck::eval::load::ARCHIVE)]
        archive: PathBuf,
        #[arg(long, default_value = "reference-data")]
        reference: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: app::EvalFormat,
        /// Lowest accepted share of rows with the labelled verdict.
        #[arg(long, default_value_t = claimcheck::eval::Floors::default().min_accuracy)]
        min_accuracy: f64,
        /// Lowest accepted precision of "contradicted".
        #[arg(long, default_value_t = claimcheck::eval::Floors::default().min_contradicted_precision)]
        min_contradicted_precision: f64,
        /// Highest accepted cross-validated expected calibration error.
        #[arg(long, default_value_t = claimcheck::eval::Floors::default().max_ece)]
        max_ece: f64,
        /// Fit the confidence model on the set and write its parameters.
        #[arg(long)]
        fit: bool,
        /// Where --fit writes the parameters.
        #[arg(long, default_value = "src/verify/confidence.toml")]
        params: PathBuf,
    },
    /// Reference data tools.
    Reference {
        #[command(subcommand)]
        command: ReferenceCommand,
    },
    /// Write a commented claimcheck.toml in the working directory (never over one).
    Init,
    /// Explain a verdict or a reason code (no_metric, unit_mismatch, ...); with none, list them.
    Explain {
        /// A verdict or reason code, as in the report.
        code: Option<String>,
        /// Print every explanation as Markdown (docs/reasons.md).
        #[arg(long, conflicts_with = "code")]
        markdown: bool,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff): `claimcheck man | man -l -`.
    Man {
        /// A command's own page (`claimcheck man check`).
        command: Option<String>,
    },
}

#[derive(Subcommand)]
enum ReferenceCommand {
    /// Report every problem in a reference folder, with file and line.
    Validate {
        #[arg(default_value = "reference-data")]
        dir: PathBuf,
        /// Validate the folder alone, not over the built-in catalog.
        #[arg(long)]
        no_catalog: bool,
    },
}

fn main() -> ExitCode {
    claimcheck::util::heap::tune();
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            // --help and --version go to standard output, which may fail.
            return match e.print() {
                Err(w) if w.kind() != std::io::ErrorKind::BrokenPipe => {
                    eprintln!("error: {:#}", stdout_error(w));
                    ExitCode::from(2)
                }
                _ => ExitCode::from(code),
            };
        }
    };
    match run(cli) {
        Ok(outcome) => ExitCode::from(outcome.code()),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<Outcome> {
    let quiet = cli.quiet;
    let (done, output) = match cli.command {
        Command::Check {
            flags,
            output,
            jobs,
        } => {
            let terminal = app::Terminal::detect(output.is_none());
            let cwd = std::env::current_dir().context("reading the working directory")?;
            // A config or option that stops the check is a problem for
            // --errors too.
            let errors = flags.errors.clone();
            let stopped = |e: app::AppError| -> anyhow::Error {
                match errors
                    .as_deref()
                    .map(|p| write_errors(p, &app::problems_of(&e)))
                {
                    Some(Err(w)) => w.context(e.to_string()),
                    _ => e.into(),
                }
            };
            let file = app::find_config(flags.config.as_deref(), &cwd).map_err(stopped)?;
            if flags.print_config {
                let opts = app::check_options(flags.clone(), file.clone(), terminal, quiet)?;
                let settings = app::settings(&flags, file.as_ref(), &terminal, &opts);
                return to_stdout(|out| Ok(out.write_all(app::describe(&settings).as_bytes())?))
                    .map(|()| Outcome::Pass);
            }
            let opts = app::check_options(flags, file, terminal, quiet).map_err(stopped)?;
            let threads = app::worker_threads(jobs);
            if let Some(note) = threads.note.as_ref().filter(|_| !quiet) {
                eprintln!("note: {note}");
            }
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads.count)
                .build()
                .context("starting worker threads")?;
            // The report is written from the pool: its claims render there.
            return pool.install(|| check(&opts, output.as_deref()));
        }
        Command::Extract {
            paths,
            reference,
            as_of,
            output,
        } => (app::extract(&paths, &reference, as_of.as_deref())?, output),
        Command::Normalize {
            phrase,
            as_of,
            format,
        } => (
            app::normalize_phrase(&phrase, as_of.as_deref(), format)?,
            None,
        ),
        Command::Eval {
            files,
            archive,
            reference,
            format,
            min_accuracy,
            min_contradicted_precision,
            max_ece,
            fit,
            params,
        } => (
            app::eval(&app::EvalOptions {
                files,
                archive,
                reference,
                format,
                floors: claimcheck::eval::Floors {
                    min_accuracy,
                    min_contradicted_precision,
                    max_ece,
                },
                fit: fit.then_some(params),
            })?,
            None,
        ),
        Command::Reference {
            command: ReferenceCommand::Validate { dir, no_catalog },
        } => (app::validate(&dir, !no_catalog), None),
        Command::Init => {
            let cwd = std::env::current_dir().context("reading the working directory")?;
            (app::init(&cwd)?, None)
        }
        Command::Explain { code, markdown } => {
            (app::explain_code(code.as_deref(), markdown)?, None)
        }
        Command::Completions { shell } => (printed(completions(shell)), None),
        Command::Man { command } => (printed(man_page(command.as_deref())?), None),
    };
    emit(&done, output, quiet)?;
    let outcome = done.outcome;
    std::mem::forget(done); // the process ends: its claims are not worth freeing
    Ok(outcome)
}

/// Output that is all a command does.
fn printed(output: String) -> Done {
    Done {
        output,
        body: None,
        problems: Vec::new(),
        notes: Vec::new(),
        outcome: Outcome::Pass,
    }
}

/// `claimcheck completions SHELL`: the script clap_complete writes.
fn completions(shell: clap_complete::Shell) -> String {
    let mut bytes = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "claimcheck", &mut bytes);
    String::from_utf8_lossy(&bytes).into_owned()
}

/// `claimcheck man [COMMAND]`: the page clap_mangen writes, of the whole
/// program or of one command.
fn man_page(command: Option<&str>) -> anyhow::Result<String> {
    let mut cli = Cli::command();
    cli.build();
    let page = match command {
        None => cli,
        Some(name) => {
            let names: Vec<String> = cli
                .get_subcommands()
                .map(|c| c.get_name().to_string())
                .collect();
            cli.find_subcommand(name).cloned().ok_or_else(|| {
                anyhow::anyhow!(
                    "claimcheck has no command {name:?}\n  hint: give one of {}",
                    names.join(", ")
                )
            })?
        }
    };
    let mut bytes = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut bytes)
        .context("rendering the man page")?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// `claimcheck check`: the report goes to `output` (created when the
/// report is ready to be written) or standard output, then the notes and
/// problems to standard error (and to `--errors FILE`); a report that
/// could not be written is the last error, after the input problems found
/// before it.
fn check(opts: &app::CheckOptions, output: Option<&Path>) -> anyhow::Result<Outcome> {
    let mut checked = match app::check(opts) {
        Ok(checked) => checked,
        Err(e) => {
            if let Some(path) = &opts.errors {
                write_errors(path, &app::problems_of(&e))?;
            }
            return Err(e.into());
        }
    };
    let written = match output {
        Some(path) => to_file(path, |out| checked.write(out)),
        None => to_stdout(|out| checked.write(out)),
    };
    notify(&checked.notes, &checked.problems, opts.quiet);
    if let Some(path) = &opts.errors {
        write_errors(path, &checked.problems)?;
    }
    written?;
    let outcome = checked.outcome;
    // The process ends here: its hundred thousand findings and texts are
    // not worth freeing one by one.
    std::mem::forget(checked);
    Ok(outcome)
}

/// `--errors FILE`: the problems as JSON Lines, the file put in place once
/// whole (empty when there are none).
fn write_errors(path: &Path, problems: &[Problem]) -> anyhow::Result<()> {
    let text = app::errors_jsonl(problems);
    let mut file = OutputFile::new(path);
    file.write_all(text.as_bytes())
        .and_then(|()| file.finish())
        .with_context(|| {
            format!(
                "cannot write the problems to {} (--errors)\n  hint: check that its folder exists and is writable",
                path.display()
            )
        })
}

fn emit(done: &Done, output: Option<PathBuf>, quiet: bool) -> anyhow::Result<()> {
    let written = match output {
        Some(path) => to_file(&path, |out| done.write(out)),
        None => to_stdout(|out| done.write(out)),
    };
    notify(&done.notes, &done.problems, quiet);
    written
}

/// Write the output to the file `path`, put in place once whole.
fn to_file(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<(), WriteError>,
) -> anyhow::Result<()> {
    let mut file = OutputFile::new(path);
    match write(&mut file).and_then(|()| Ok(file.finish()?)) {
        Ok(()) => Ok(()),
        Err(WriteError::Io(e)) => Err(anyhow::anyhow!(
            "cannot write the report to {}: {e}\n  hint: check that its folder exists and is writable, and that the disk has room",
            path.display()
        )),
        Err(e @ WriteError::Render(_)) => {
            Err(anyhow::Error::from(e).context(format!("writing the report to {}", path.display())))
        }
    }
}

/// Write the output to standard output, flushed. A closed pipe (`| head`)
/// ends it quietly; any other failure (a full disk, `> /dev/full`) is an
/// error: a report that was not written must not look like a passing run.
fn to_stdout(write: impl FnOnce(&mut dyn Write) -> Result<(), WriteError>) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match write(&mut out).and_then(|()| Ok(out.flush()?)) {
        Ok(()) => Ok(()),
        Err(WriteError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(WriteError::Io(e)) => Err(stdout_error(e)),
        Err(e @ WriteError::Render(_)) => Err(e.into()),
    }
}

/// A failed write to standard output, with a hint.
fn stdout_error(e: std::io::Error) -> anyhow::Error {
    anyhow::anyhow!(
        "cannot write to standard output: {e}\n  hint: check where standard output goes: a disk with no room, a device or file that takes no more"
    )
}

/// Notes (unless `quiet`) and problems, on standard error.
fn notify(notes: &[String], problems: &[Problem], quiet: bool) {
    let mut err = std::io::stderr().lock();
    for n in notes.iter().filter(|_| !quiet) {
        let _ = writeln!(err, "note: {n}");
    }
    for p in problems {
        let _ = writeln!(err, "{}", app::format_problem(p));
    }
}
