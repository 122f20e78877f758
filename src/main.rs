//! The `claimcheck` command: parses arguments, calls the library, prints,
//! and maps the outcome to the exit code (0 pass, 1 a claim fails the
//! policy, 2 usage or input error).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

use claimcheck::app::{self, CheckFlags, Done, NormalizeFormat, Outcome};
use claimcheck::policy::FailOn;
use claimcheck::report::Format;

#[derive(Parser)]
#[command(
    name = "claimcheck",
    version,
    about = "Check the quantity claims in news text against reference data"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract, normalize and verify claims; print a report.
    Check {
        /// Articles (.txt, .md), claim files (.csv, .jsonl), archives (.jsonl), folders, or - for stdin.
        #[arg(default_value = "claims")]
        paths: Vec<String>,
        /// Folder of reference CSVs (with datasets.toml and aliases.csv) [default: reference-data].
        #[arg(long)]
        reference: Option<PathBuf>,
        /// Date for claims with no date of their own (YYYY-MM-DD); default today.
        #[arg(long)]
        as_of: Option<String>,
        /// Output format; default text on a terminal, json otherwise.
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Write the report to this file instead of standard output.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Which verdicts make the run exit 1 [default: contradicted].
        #[arg(long, value_enum)]
        fail_on: Option<FailOn>,
        /// Verdicts below this confidence do not fail the run [default: 0].
        #[arg(long)]
        min_confidence: Option<f64>,
        /// Worker threads (default: one per core).
        #[arg(long)]
        jobs: Option<usize>,
        /// Never exit 1 (still exit 2 on input errors).
        #[arg(long)]
        no_fail: bool,
        /// Paths to leave out when walking folders.
        #[arg(long)]
        ignore: Vec<String>,
        /// Settings file [default: the nearest claimcheck.toml at or above the working directory].
        #[arg(long)]
        config: Option<PathBuf>,
        /// Findings recorded in this baseline file are reported but do not fail the run.
        #[arg(long)]
        baseline: Option<PathBuf>,
        /// Record the findings that fail the policy now in this baseline file.
        #[arg(long)]
        write_baseline: Option<PathBuf>,
        /// A minijinja template for --format html (autoescaped), replacing the built-in page.
        #[arg(long)]
        template: Option<PathBuf>,
    },
    /// Print the claims found, normalized but not verified, as JSON.
    Extract {
        #[arg(default_value = "claims")]
        paths: Vec<String>,
        #[arg(long, default_value = "reference-data")]
        reference: PathBuf,
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Read one phrase as a quantity interval.
    Normalize {
        phrase: String,
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: NormalizeFormat,
    },
    /// Measure the verdicts on a labelled claim set; exit 1 when a floor is not met.
    Eval {
        /// Labelled claims: id,text,as_of,expected_verdict,phrase_kind,note.
        #[arg(default_value = "tests/eval/claims.csv")]
        file: PathBuf,
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
}

#[derive(Subcommand)]
enum ReferenceCommand {
    /// Report every problem in a reference folder, with file and line.
    Validate {
        #[arg(default_value = "reference-data")]
        dir: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
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
    let (done, output) = match cli.command {
        Command::Check {
            paths,
            reference,
            as_of,
            format,
            output,
            fail_on,
            min_confidence,
            jobs,
            no_fail,
            ignore,
            config,
            baseline,
            write_baseline,
            template,
        } => {
            let to_terminal = output.is_none() && std::io::stdout().is_terminal();
            let color = to_terminal && std::env::var_os("NO_COLOR").is_none();
            let cwd = std::env::current_dir().context("reading the working directory")?;
            let file = app::find_config(config.as_deref(), &cwd)?;
            let flags = CheckFlags {
                paths,
                reference,
                as_of,
                format,
                fail_on,
                min_confidence,
                no_fail,
                ignore,
                config,
                baseline,
                write_baseline,
                template,
            };
            let opts = app::check_options(flags, file, to_terminal, color)?;
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(jobs.unwrap_or(0))
                .build()
                .context("starting worker threads")?;
            (pool.install(|| app::check(&opts))?, output)
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
            file,
            reference,
            format,
            min_accuracy,
            min_contradicted_precision,
            max_ece,
            fit,
            params,
        } => (
            app::eval(&app::EvalOptions {
                file,
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
            command: ReferenceCommand::Validate { dir },
        } => (app::validate(&dir), None),
    };
    emit(&done, output)?;
    Ok(done.outcome)
}

fn emit(done: &Done, output: Option<PathBuf>) -> anyhow::Result<()> {
    match output {
        Some(path) => std::fs::write(&path, &done.output)
            .with_context(|| format!("writing the report to {}", path.display()))?,
        None => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (| head) is not an error worth a message.
            let _ = out
                .write_all(done.output.as_bytes())
                .and_then(|_| out.flush());
        }
    }
    let mut err = std::io::stderr().lock();
    for p in &done.problems {
        let _ = writeln!(err, "{}", app::format_problem(p));
    }
    Ok(())
}
