//! pipeline: the stages wired together, run in parallel.
//!
//! Takes the ingested [`Source`]s and the reference [`Index`]; gives every
//! claim's [`Finding`] in input order (source, then position), whatever the
//! number of threads. Parallelism over texts lives here (`rayon` over sources;
//! each source's claims in order, a long source's parts of sentences on
//! several threads and joined in order); the reference loader parallelises
//! over files, and the evaluation runs its labelled rows the same way.

use rayon::prelude::*;

use crate::extract::{self, Claim, Extractor, Gazetteer, Lexicon};
use crate::ingest::Source;
use crate::model::{AsOfSource, Date, Finding};
use crate::normalize;
use crate::resolve::{self, Index};
use crate::verify;

/// Everything the stages need besides the inputs and the index.
#[derive(Debug)]
pub struct Settings {
    pub as_of: Date,
    pub as_of_source: AsOfSource,
    pub normalize: normalize::Config,
    /// The lexicon of [`extract_all`], which has no index; [`check`] and
    /// [`check_each`] use the index's own (the reference folder's
    /// `metrics.toml` over the built-in one).
    pub lexicon: Lexicon,
}

impl Settings {
    pub fn new(as_of: Date, as_of_source: AsOfSource) -> Settings {
        Settings {
            as_of,
            as_of_source,
            normalize: normalize::Config::default(),
            lexicon: Lexicon::default(),
        }
    }

    fn extractor<'a>(&'a self, gazetteer: &'a Gazetteer) -> Extractor<'a> {
        Extractor {
            gazetteer,
            lexicon: &self.lexicon,
            normalize: &self.normalize,
            default_as_of: self.as_of,
            default_as_of_source: self.as_of_source,
        }
    }
}

/// The gazetteer of every entity name and alias in the index.
pub fn gazetteer(index: &Index) -> Gazetteer {
    Gazetteer::new(index.surface_names())
}

/// Extract the claims of every source, in input order.
pub fn extract_all(
    sources: &[Source],
    gazetteer: &Gazetteer,
    settings: &Settings,
    tick: &(dyn Fn() + Sync),
) -> Vec<Claim> {
    let x = settings.extractor(gazetteer);
    let per_source: Vec<Vec<Claim>> = sources
        .par_iter()
        .map(|s| {
            let claims = extract_source(s, &x);
            tick();
            claims
        })
        .collect();
    per_source.into_iter().flatten().collect()
}

/// A text at least this long is extracted in parts of sentences of
/// [`PART`] bytes, on as many threads as there are parts: one long article
/// or text file is not left to one core.
const SPLIT: usize = 1 << 20;

/// Bytes of text in a part of a long text (but its last).
const PART: usize = 256 << 10;

/// The claims of one source, in text order: those of [`extract::extract`],
/// a long text's found in parts on the pool.
fn extract_source(source: &Source, x: &Extractor) -> Vec<Claim> {
    if source.text.len() < SPLIT || rayon::current_num_threads() < 2 {
        return extract::extract(source, x);
    }
    let doc = extract::Document::new(source, x);
    let per_part: Vec<Vec<Claim>> = doc
        .parts(PART)
        .par_iter()
        .map(|part| doc.claims(part, x))
        .collect();
    doc.finish(per_part.into_iter().flatten().collect())
}

/// Texts checked together by [`check`].
const BATCH: usize = 2048;

/// Extract, resolve and verify every claim of every source, in input order.
pub fn check(
    sources: &[Source],
    index: &Index,
    settings: &Settings,
    tick: &(dyn Fn() + Sync),
) -> Vec<Finding> {
    check_with(sources, index, &gazetteer(index), settings, tick)
}

/// [`check`], with the gazetteer of the index's names already built.
pub fn check_with(
    sources: &[Source],
    index: &Index,
    gazetteer: &Gazetteer,
    settings: &Settings,
    tick: &(dyn Fn() + Sync),
) -> Vec<Finding> {
    let x = Extractor {
        lexicon: index.lexicon(),
        ..settings.extractor(gazetteer)
    };
    let verify = |claim: Claim, resolved| verify::verify(claim, resolved, index);
    let check_batch = |batch: &[Source]| {
        let mut per_source = each_claim(batch, index, &x, tick, &verify);
        // Each claim carries its text's web address.
        for (source, findings) in batch.iter().zip(&mut per_source) {
            if let Some(url) = source.url.as_deref() {
                let url: std::sync::Arc<str> = url.into();
                for f in findings {
                    f.url = Some(url.clone());
                }
            }
        }
        per_source
    };
    let mut findings = Vec::new();
    let mut checked = Vec::new();
    // While the pool checks a batch of texts, this thread moves the findings
    // of the batch before into the list: only the last batch's are moved
    // while the other core waits.
    for (k, batch) in sources.chunks(BATCH).enumerate() {
        let previous = std::mem::take(&mut checked);
        let done = k * BATCH;
        checked = rayon::join(
            || append(&mut findings, previous, done, sources.len()),
            || check_batch(batch),
        )
        .1;
    }
    append(&mut findings, checked, sources.len(), sources.len());
    findings
}

/// Move each source's findings, in order, to the end of `findings`, which
/// then holds the findings of the first `done` of `total` sources. The
/// first move makes room for as many findings as the sources checked so
/// far promise for all of them, and an eighth more: the list is then
/// seldom moved as it grows (each move wrote every finding again, into
/// fresh pages: a fifth of the archive check's page faults).
fn append(findings: &mut Vec<Finding>, per_source: Vec<Vec<Finding>>, done: usize, total: usize) {
    let adding: usize = per_source.iter().map(Vec::len).sum();
    let room = match findings.capacity() == 0 && 0 < done && done < total {
        true => {
            let expected = adding * total / done;
            expected + expected / 8
        }
        false => adding,
    };
    findings.reserve(room);
    for f in per_source {
        findings.extend(f);
    }
}

/// Extract and resolve every claim of every source and hand each to
/// `step` (which verifies it, and may keep more than the finding: the
/// evaluation keeps the confidence model's inputs); the results grouped by
/// source, in input order.
pub fn check_each<'i, T: Send>(
    sources: &[Source],
    index: &'i Index,
    settings: &Settings,
    tick: &(dyn Fn() + Sync),
    step: impl Fn(Claim, resolve::Resolved<'i>) -> T + Sync,
) -> Vec<Vec<T>> {
    let gazetteer = gazetteer(index);
    let x = Extractor {
        lexicon: index.lexicon(),
        ..settings.extractor(&gazetteer)
    };
    each_claim(sources, index, &x, tick, &step)
}

/// Every source's claims, extracted, resolved and handed to `step`, on the
/// pool; the results grouped by source, in input order.
fn each_claim<'i, T: Send>(
    sources: &[Source],
    index: &'i Index,
    x: &Extractor,
    tick: &(dyn Fn() + Sync),
    step: &(impl Fn(Claim, resolve::Resolved<'i>) -> T + Sync),
) -> Vec<Vec<T>> {
    sources
        .par_iter()
        .map(|s| {
            let results = extract_source(s, x)
                .into_iter()
                .map(|claim| {
                    let resolved = resolve::resolve(&claim, index);
                    step(claim, resolved)
                })
                .collect();
            tick();
            results
        })
        .collect()
}
