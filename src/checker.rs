//! checker: `claimcheck check` as a library call, for a program that checks
//! batch after batch against one reference (a Python notebook, a Spark
//! executor, a service).
//!
//! Takes [`CheckerOptions`] once: [`Checker::open`] loads the reference
//! index (the whole built-in catalog, with the folder over it) and the
//! gazetteer of its names, which every later call shares, read-only, from
//! any thread. Takes JSON Lines text ([`Checker::check_jsonl`]), read
//! exactly as `claimcheck check` reads a `.jsonl` file; gives every claim's
//! `--format jsonl` line and every input problem, as a [`Batch`]. Reads no
//! file after `open` and prints nothing.
//!
//! The CLI's `check` runs the same path, [`Reference::findings`] (the
//! pipeline, then the articles' ignore markers) and
//! [`crate::report::jsonl_line`], so a batch's lines are byte-identical to
//! what `claimcheck check --format jsonl` writes for the same lines.

use std::path::PathBuf;

use crate::app::{self, AppError};
use crate::extract::Gazetteer;
use crate::ingest::{self, IgnoreRange, Source};
use crate::model::{AsOfSource, Date, Finding, Problem};
use crate::pipeline::{self, Settings};
use crate::resolve::{self, Index};

/// How a [`Checker`] is set up.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckerOptions {
    /// The newsroom's reference folder, over the built-in catalog. `None`:
    /// what `claimcheck check` uses with no `--reference`, that is
    /// `reference-data` in the working directory when there is one (see
    /// [`app::default_folder`]), else the catalog alone.
    pub reference: Option<PathBuf>,
    /// The date for claims with no date of their own, as `--as-of` takes it
    /// (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`); `None`: today, when the checker
    /// is opened.
    pub as_of: Option<String>,
    /// Worker threads: 0 checks on rayon's global pool (one thread per
    /// core); any other number, on a pool of that many threads that the
    /// checker owns.
    pub jobs: usize,
}

/// The reference loaded for checking: its index and the gazetteer of its
/// names. Both the CLI's `check` and [`Checker`] check through it.
pub(crate) struct Reference {
    pub(crate) index: Index,
    pub(crate) gazetteer: Gazetteer,
}

impl Reference {
    /// The reference of `index`, with the gazetteer of its names built.
    pub(crate) fn new(index: Index) -> Reference {
        let gazetteer = pipeline::gazetteer(&index);
        Reference { index, gazetteer }
    }

    /// Every claim of `sources`, extracted, resolved and verified, in input
    /// order, with the claims that `ignores` (the articles' ignore markers)
    /// cover marked. `tick` is called once per source checked.
    pub(crate) fn findings(
        &self,
        sources: &[Source],
        ignores: &[IgnoreRange],
        settings: &Settings,
        tick: &(dyn Fn() + Sync),
    ) -> Vec<Finding> {
        let mut findings =
            pipeline::check_with(sources, &self.index, &self.gazetteer, settings, tick);
        ingest::markers::apply(ignores, &mut findings);
        findings
    }
}

impl std::fmt::Debug for Reference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reference")
            .field("rows", &self.index.rows())
            .field("snapshot", &self.index.snapshot())
            .finish()
    }
}

/// A reference loaded once and checked against many times. `Send` and
/// `Sync`: calls from several threads share it.
pub struct Checker {
    reference: Reference,
    settings: Settings,
    /// The checker's own pool (`jobs` > 0), else none: the global pool.
    pool: Option<rayon::ThreadPool>,
}

/// What one call of [`Checker::check_jsonl`] gives.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Batch {
    /// Every claim's `--format jsonl` line, without its newline, in input
    /// order.
    pub lines: Vec<String>,
    /// Every problem with the input (a line that is no JSON object, an
    /// unknown key, a duplicate id, a faulty ignore marker), in line order.
    pub problems: Vec<Problem>,
}

impl Checker {
    /// Load the reference and settle the as-of date; a reference folder
    /// with an error in it is an [`AppError::Reference`] naming the file,
    /// the line, the problem and a hint, as `claimcheck check` says it.
    pub fn open(opts: &CheckerOptions) -> Result<Checker, AppError> {
        let (as_of, as_of_source) = app::as_of(opts.as_of.as_deref())?;
        let pool = match opts.jobs {
            0 => None,
            n => Some(
                rayon::ThreadPoolBuilder::new()
                    .num_threads(n)
                    .build()
                    .map_err(|e| AppError::Usage(format!("cannot start {n} threads: {e}")))?,
            ),
        };
        let folder = opts.reference.clone().or_else(app::default_folder);
        // Any text may come later: every table of the catalog is loaded.
        let load = || {
            app::load_reference_from(folder.as_deref(), &resolve::CatalogUse::All)
                .map(Reference::new)
        };
        let reference = match &pool {
            Some(p) => p.install(load),
            None => load(),
        }?;
        Ok(Checker {
            reference,
            settings: Settings::new(as_of, as_of_source),
            pool,
        })
    }

    /// The reference snapshot: `sha256:` and the content hash of the
    /// reference files read (see `resolve::snapshot`), the same the report
    /// of `claimcheck check` names.
    pub fn snapshot(&self) -> &str {
        self.reference.index.snapshot()
    }

    /// The as-of date of claims with no date of their own, `YYYY-MM-DD`.
    pub fn as_of(&self) -> String {
        self.settings.as_of.to_string()
    }

    /// Check JSON Lines `text` as `claimcheck check` reads a `.jsonl` file
    /// (claim rows with `id`, `text` and optionally `as_of`, `document`,
    /// `url`, `ignore`; or archive articles with `id`, `body` and
    /// optionally `date`, `title`), `name` naming the input in problems and
    /// in the `document` of claims that name none. Text that holds only
    /// white space (and a byte-order mark) is no claim and no problem, as
    /// standard input is.
    pub fn check_jsonl(&self, name: &str, text: &str) -> Batch {
        self.run(|| {
            let mut read = ingest::Ingested::default();
            if !is_blank(text) {
                ingest::read_text(name, ingest::Format::Jsonl, text, &mut read);
            }
            let findings =
                self.reference
                    .findings(&read.sources, &read.ignores, &self.settings, &|| {});
            drop(read.sources);
            Batch {
                lines: lines_of(&findings),
                problems: read.errors,
            }
        })
    }

    /// `work` on the checker's pool, or on the caller's.
    fn run<T: Send>(&self, work: impl FnOnce() -> T + Send) -> T {
        match &self.pool {
            Some(p) => p.install(work),
            None => work(),
        }
    }

    /// The date claims with no date of their own take.
    pub fn as_of_date(&self) -> Date {
        self.settings.as_of
    }

    /// Whether the as-of date was given (`as_of`) or is today's.
    pub fn as_of_source(&self) -> AsOfSource {
        self.settings.as_of_source
    }
}

impl std::fmt::Debug for Checker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Checker")
            .field("reference", &self.reference)
            .field("as_of", &self.as_of())
            .field("jobs", &self.pool.as_ref().map(|p| p.current_num_threads()))
            .finish()
    }
}

/// Whether `text` holds no line to read: only white space, after a
/// byte-order mark.
fn is_blank(text: &str) -> bool {
    text.trim_start_matches('\u{feff}').trim().is_empty()
}

/// Every finding's `--format jsonl` line, serialized in parallel, in order.
fn lines_of(findings: &[Finding]) -> Vec<String> {
    use rayon::prelude::*;
    findings
        .par_iter()
        .map(|f| crate::report::jsonl_line(f).unwrap_or_else(|e| unreachable_line(&e)))
        .collect()
}

/// A finding serde cannot write (it writes every one: the model has no map
/// with non-string keys and no failing serializer), said as a JSON line
/// rather than a panic.
fn unreachable_line(e: &crate::report::RenderError) -> String {
    serde_json::json!({ "error": e.to_string() }).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn checker_is_send_and_sync() {
        assert_send_sync::<Checker>();
        assert_send_sync::<Batch>();
    }

    #[test]
    fn blank_text_is_nothing() {
        assert!(is_blank(""));
        assert!(is_blank("\u{feff}\n \r\n"));
        assert!(!is_blank("{}"));
    }
}
