//! `claimcheck check`, run: the reference loaded, the inputs read, every
//! text checked through [`Reference::findings`] (the path the library's
//! [`crate::checker::Checker`] takes too), the baseline applied, and the
//! report handed back unwritten as a [`Checked`].
//!
//! Files are read before the report is written, so that the catalog's
//! tables can be chosen by their words. Standard input is read while the
//! report is written ([`Checked::write`]): a piped archive is read batch
//! by batch (see [`ingest::stdin`]), each batch checked once read; in
//! `--format jsonl` its claims are written at once, so memory stays flat
//! however long the pipe; other formats gather the findings (not the
//! texts, but for the articles `html` shows) and render them at the end.
//! The bytes are the same either way.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::super::{as_of, checked_index, read_inputs, AppError, Outcome};
use super::{progress_bar, CheckOptions, Progress};
use crate::baseline::{Applier, Baseline};
use crate::checker::Reference;
use crate::ingest::{self, Ingested, Source};
use crate::model::{Date, Finding, Problem, Report};
use crate::pipeline::Settings;
use crate::policy::Policy;
use crate::report::{
    self, Article, ConsumerOptions, Document, Extras, Format, Publisher, RenderOptions,
};
use crate::resolve;

/// Inputs of at least this many bytes (by their files' lengths) are checked
/// against the whole catalog, loaded while they are read, and not scanned
/// for the tables their words name (see [`check`]). Texts this long name
/// most tables anyway (the first 3.5 MB of the Reuters archive name 56 of
/// the built-in lexicon's 60 metrics; 1 MB, 52; 200 KB, 40), and the whole
/// archive's check took 0.93x the wall and cpu time this way.
const WHOLE_CATALOG_FROM: u64 = 4 << 20;

/// A `claimcheck check` ready to write its report: the findings of the
/// files read, and standard input still to read (see the module's doc);
/// what to show besides the report is known once it is written.
#[derive(Debug)]
pub struct Checked {
    /// What the run needs to check texts, and how to end it.
    plan: Plan,
    /// Standard input is among the inputs and still to be read.
    pending: bool,
    /// The claims found so far (all of them once written, but those already
    /// streamed), and what the formats that show documents need.
    gathered: Gathered,
    /// The report, once built from what was gathered.
    report: Option<Report>,
    /// A user's HTML template: its file as shown, and its text.
    template: Option<(String, String)>,
    options: RenderOptions,
    include_supported: bool,
    publisher_name: Option<String>,
    publisher_url: Option<String>,
    /// Every input problem, once the report is written.
    pub problems: Vec<Problem>,
    /// Things a user should know that are not errors (files skipped in
    /// folders), once the report is written.
    pub notes: Vec<String>,
    /// How the run ends, once the report is written.
    pub outcome: Outcome,
    /// The reference data the claims were checked against, kept here so
    /// the caller chooses when it is freed: freeing millions of rows and
    /// names one by one takes a tenth of a second, which a process about to
    /// exit need not spend.
    reference: Reference,
}

/// What a check takes from its options to check texts and end the run.
#[derive(Debug)]
struct Plan {
    paths: Vec<String>,
    ignore: Vec<String>,
    settings: Settings,
    as_of: Date,
    catalog: bool,
    format: Format,
    policy: Policy,
    baseline: Option<Baseline>,
    write_baseline: Option<PathBuf>,
    progress: bool,
    quiet: bool,
}

impl Plan {
    /// Whether claims are written as they are checked: `--format jsonl`,
    /// unless a baseline is being written (which needs them all first).
    fn streams(&self) -> bool {
        self.format == Format::Jsonl && self.write_baseline.is_none()
    }
}

/// Findings gathered for the report, and what the formats that show more
/// than claims keep of the texts.
#[derive(Debug, Default)]
struct Gathered {
    findings: Vec<Finding>,
    /// The articles' text, for `html`.
    documents: Vec<Document>,
    /// The articles' front matter, for `claimreview`.
    articles: Vec<Article>,
    /// Some claim fails the policy (and no baseline accepts it).
    fails: bool,
    /// Warnings of the reference load (a FIFO skipped in the folder).
    warnings: Vec<Problem>,
}

impl Gathered {
    /// Keep what `format` shows of `sources` beside their claims.
    fn keep(&mut self, format: Format, sources: &[Source]) {
        let articles = sources.iter().filter(|s| s.kind.is_article());
        match format {
            Format::Html => self.documents.extend(articles.map(|s| Document {
                name: s.document.clone(),
                title: s.title.clone(),
                url: s.url.clone(),
                text: s.text.clone(),
                offset: s.origin.byte.unwrap_or(0),
            })),
            Format::Claimreview => self.articles.extend(articles.map(|s| Article {
                name: s.document.clone(),
                title: s.title.clone(),
                date: s.date,
            })),
            _ => {}
        }
    }
}

/// `claimcheck check`, up to the report: [`Checked::write`] writes it (and
/// reads standard input, when it is among the inputs).
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
    let mut settings = Settings::new(as_of, as_of_source);
    settings.normalize = opts.normalize.clone();
    let plan = Plan {
        paths: opts.paths.clone(),
        ignore: opts.ignore.clone(),
        settings,
        as_of,
        catalog: opts.catalog,
        format: opts.format,
        policy: opts.policy,
        baseline,
        write_baseline: opts.write_baseline.clone(),
        progress: opts.progress,
        quiet: opts.quiet,
    };
    // Without the catalog, the folder is read beside the inputs, and with
    // it for inputs of WHOLE_CATALOG_FROM bytes or more, with the whole
    // catalog. For smaller inputs, the catalog tables a check needs are
    // known only once the texts are read (CatalogUse::for_texts; the others
    // give their names alone, so a claim's finding does not depend on the
    // run's other texts, nor on which way the catalog was loaded), so the
    // inputs come first; but standard input is read last, once the report
    // is being written, so that a reference error is reported at once,
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
    let (reference, ingested) = if reads_stdin {
        let tables = match opts.catalog {
            true => resolve::CatalogUse::All,
            false => resolve::CatalogUse::Off,
        };
        (index_of(resolve::load_from(folder, &tables))?, None)
    } else if !opts.catalog
        || ingest::bytes_given(&opts.paths, WHOLE_CATALOG_FROM) >= WHOLE_CATALOG_FROM
    {
        // No catalog, or inputs so large that their words name most of its
        // tables: the reference loads while the inputs are read.
        let tables = match opts.catalog {
            true => resolve::CatalogUse::All,
            false => resolve::CatalogUse::Off,
        };
        let (reference, ingested) = rayon::join(
            || index_of(resolve::load_from(folder, &tables)),
            || read_inputs(&opts.paths, &opts.ignore),
        );
        (reference?, Some(ingested))
    } else {
        let ingested = read_inputs(&opts.paths, &opts.ignore);
        // The lexicon chooses the tables and then goes into the load.
        let lexicon = resolve::lexicon_of(folder);
        let texts = ingested.sources.iter().map(|s| s.text.as_str());
        let tables = resolve::CatalogUse::for_texts(&lexicon.0, texts);
        let reference = index_of(resolve::load_with(folder, lexicon, &tables))?;
        (reference, Some(ingested))
    };
    let mut checked = Checked {
        plan,
        pending: ingested.is_none(),
        gathered: Gathered {
            warnings: warnings.into_inner().unwrap_or_default(),
            ..Gathered::default()
        },
        template,
        options: RenderOptions {
            color: opts.color,
            width: Some(opts.width),
        },
        include_supported: opts.include_supported,
        publisher_name: opts.publisher_name.clone(),
        publisher_url: opts.publisher_url.clone(),
        report: None,
        problems: Vec::new(),
        notes: Vec::new(),
        outcome: Outcome::Pass,
        reference,
    };
    if let Some(mut ingested) = ingested {
        let bar = progress_bar(checked.plan.progress, ingested.sources.len());
        let mut batch = Batch::new(&checked.plan, &checked.reference, &bar);
        let mut findings = batch.check(&mut ingested, &mut checked.gathered);
        if checked.gathered.findings.is_empty() {
            // Not moved again into a list of their own.
            checked.gathered.findings = findings;
        } else {
            checked.gathered.findings.append(&mut findings);
        }
        bar.finish();
        checked.end(ingested).map_err(|p| AppError::Input(*p))?;
    }
    Ok(checked)
}

/// Checks the texts handed to it, batch after batch, with one baseline
/// applier over them all.
struct Batch<'a> {
    plan: &'a Plan,
    reference: &'a Reference,
    applier: Option<Applier<'a>>,
    bar: &'a Progress,
}

impl<'a> Batch<'a> {
    fn new(plan: &'a Plan, reference: &'a Reference, bar: &'a Progress) -> Batch<'a> {
        Batch {
            plan,
            reference,
            applier: plan.baseline.as_ref().map(Baseline::applier),
            bar,
        }
    }

    /// Check the texts `read` holds (taking them out of it), applying the
    /// baseline, and give their findings; `gathered` keeps what the format
    /// shows of the texts, and whether a claim fails.
    fn check(&mut self, read: &mut Ingested, gathered: &mut Gathered) -> Vec<Finding> {
        let sources = std::mem::take(&mut read.sources);
        let ignores = std::mem::take(&mut read.ignores);
        if sources.is_empty() {
            return Vec::new();
        }
        let bar = self.bar;
        let mut findings =
            self.reference
                .findings(&sources, &ignores, &self.plan.settings, &|| bar.inc());
        if let Some(applier) = &mut self.applier {
            applier.apply(&mut findings);
        }
        let policy = &self.plan.policy;
        gathered.fails |= findings.iter().any(|f| policy.fails(f) && !f.baselined);
        gathered.keep(self.plan.format, &sources);
        findings
    }
}

impl Checked {
    /// Write the report, in the format asked for, to `out`; standard input,
    /// when it is among the inputs, is read and checked now (its claims
    /// written as they are checked, in `--format jsonl`). Once this
    /// returns, `problems`, `notes` and `outcome` are the run's, even when
    /// the report could not be written.
    pub fn write(&mut self, out: &mut dyn Write) -> Result<(), report::WriteError> {
        if self.pending {
            self.pending = false;
            let streamed = self.read_stdin(out)?;
            if streamed {
                return Ok(());
            }
        }
        let report = match self.report.take() {
            Some(report) => report,
            None => self.report(),
        };
        let extras = Extras {
            documents: &self.gathered.documents,
            template: self
                .template
                .as_ref()
                .map(|(file, text)| report::Template { file, text }),
        };
        let consumer = ConsumerOptions {
            include_supported: self.include_supported,
            publisher: Publisher {
                name: self.publisher_name.as_deref(),
                url: self.publisher_url.as_deref(),
            },
            articles: &self.gathered.articles,
        };
        let written = report::write_for(
            &report,
            self.plan.format,
            &self.options,
            &extras,
            &consumer,
            out,
        );
        self.report = Some(report);
        written
    }

    /// The report of the claims gathered, with the note on the claims a
    /// ClaimReview leaves out.
    fn report(&mut self) -> Report {
        let mut report = Report::new(
            self.plan.as_of,
            self.plan.catalog.then(resolve::catalog::info),
            std::mem::take(&mut self.gathered.findings),
        );
        report.reference = Some(self.reference.index.snapshot().to_string());
        if self.plan.format == Format::Claimreview && !self.plan.quiet {
            let left_out = report::claimreview_without_url(&report);
            if left_out > 0 {
                self.notes.push(format!(
                    "claimreview: {left_out} checked claim(s) left out: their text has no http(s) url (an article's front-matter `url:`, a claim file's `url` column), which a ClaimReview needs"
                ));
            }
        }
        report
    }

    /// Read the inputs, standard input among them, checking each batch as
    /// it is read; in a streaming format, write each batch's claims to
    /// `out` at once. Gives whether the claims were so written.
    fn read_stdin(&mut self, out: &mut dyn Write) -> Result<bool, report::WriteError> {
        let streams = self.plan.streams();
        let bar = progress_bar(self.plan.progress, 0);
        let mut batch = Batch::new(&self.plan, &self.reference, &bar);
        let gathered = &mut self.gathered;
        // A failed write stops the checking (the pipe is gone), not the
        // reading: the problems met are still all reported.
        let mut failed: Option<report::WriteError> = None;
        let mut flush = |read: &mut Ingested| {
            if failed.is_some() {
                read.sources.clear();
                read.ignores.clear();
                return;
            }
            bar.add(read.sources.len());
            let mut findings = batch.check(read, gathered);
            if !streams {
                gathered.findings.append(&mut findings);
            } else if let Err(e) = report::write_jsonl(&findings, out) {
                failed = Some(e);
            }
        };
        let mut stdin = std::io::stdin().lock();
        let mut ingested =
            ingest::read_paths_with(&self.plan.paths, &self.plan.ignore, &mut stdin, &mut flush);
        flush(&mut ingested);
        bar.finish();
        if let Err(p) = self.end(ingested) {
            self.problems.push(*p);
            self.outcome = Outcome::InputError;
        }
        match failed {
            Some(e) => Err(e),
            None => Ok(streams),
        }
    }

    /// End the run once every input is read and checked: write the
    /// baseline asked for, and settle the problems, notes and outcome. A
    /// baseline that cannot be written is the error.
    fn end(&mut self, mut ingested: Ingested) -> Result<(), Box<Problem>> {
        if let Some(path) = &self.plan.write_baseline {
            let findings = &mut self.gathered.findings;
            if ingested.errors.is_empty() {
                let written = Baseline::of(findings, &self.plan.policy);
                std::fs::write(path, written.to_json()).map_err(|e| {
                    Box::new(Problem::new(
                        &ingest::display_path(path),
                        None,
                        format!("cannot write the baseline: {e}"),
                        "check that the folder exists and is writable",
                    ))
                })?;
                written.apply(findings);
                let policy = &self.plan.policy;
                self.gathered.fails = findings.iter().any(|f| policy.fails(f) && !f.baselined);
            } else {
                ingested.errors.push(Problem::new(
                    &ingest::display_path(path),
                    None,
                    "baseline not written: some inputs could not be read",
                    "fix the input errors above, then write the baseline again",
                ));
            }
        }
        if !self.plan.quiet {
            self.notes = [skipped_note(&ingested.skipped), ingested.notes()].concat();
        }
        self.outcome = if !ingested.errors.is_empty() {
            Outcome::InputError
        } else if self.gathered.fails {
            Outcome::Fail
        } else {
            Outcome::Pass
        };
        self.problems = [
            std::mem::take(&mut ingested.errors),
            std::mem::take(&mut self.gathered.warnings),
        ]
        .concat();
        Ok(())
    }
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
