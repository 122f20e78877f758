//! Writing the claims of the per-claim formats (json, jsonl, text, and
//! `claimcheck extract`'s claims) as they are rendered.
//!
//! Takes the report's claims, a function rendering a run of consecutive
//! claims to bytes, and the writer; gives the writer the bytes of every claim
//! in report order. The claims are rendered a chunk at a time, the runs of a
//! chunk in parallel, and each chunk is written while the next one renders:
//! no core waits for the write, and the whole output is never held in memory.
//! A chunk is cut by the bytes its claims carry as well as by their number,
//! so claims with long texts do not make a chunk large. The bytes do not
//! depend on the number of threads.

use std::io::Write;

use rayon::prelude::*;

use crate::model::Finding;

use super::{RenderError, WriteError};

/// Claims rendered together, then written while the next chunk renders.
const CHUNK: usize = 2048;

/// Text bytes (see [`carried`]) a chunk holds at most, unless one claim
/// alone carries more.
const CHUNK_BYTES: usize = 4 << 20;

/// The text bytes a claim brings to any rendering of it: its sentence,
/// text, explanation and evidence, and a share for the fixed fields.
pub(super) fn carried(f: &Finding) -> usize {
    256 + f.sentence.len() + f.text.len() + f.explanation.len() + f.evidence.len() * 512
}

/// `all` cut into consecutive chunks of at most [`CHUNK`] claims and
/// [`CHUNK_BYTES`] carried bytes (a claim carrying more is a chunk of its
/// own), each with the index of its first claim.
fn chunks<T>(all: &[T], carried: impl Fn(&T) -> usize) -> impl Iterator<Item = (usize, &[T])> {
    let mut first = 0;
    std::iter::from_fn(move || {
        if first == all.len() {
            return None;
        }
        let mut end = first;
        let mut bytes = 0;
        while end < all.len() && end - first < CHUNK {
            bytes += carried(&all[end]);
            if bytes > CHUNK_BYTES && end > first {
                break;
            }
            end += 1;
        }
        let chunk = (first, &all[first..end]);
        first = end;
        Some(chunk)
    })
}

/// Consecutive claims one thread renders into one buffer.
const RUN: usize = 32;

/// Write the rendering of every claim to `out`, in order. `run(first,
/// claims)` renders consecutive claims, `first` being the index of
/// `claims[0]` in `claims` as a whole (so the renderer knows which claim
/// comes first).
pub(super) fn claims(
    all: &[Finding],
    out: &mut dyn Write,
    run: impl Fn(usize, &[Finding]) -> Result<Vec<u8>, RenderError> + Sync,
) -> Result<(), WriteError> {
    items(all, carried, out, run)
}

/// [`claims`] for any kind of item: `carried(item)` is the text bytes an
/// item brings to its rendering.
pub(crate) fn items<T: Sync>(
    all: &[T],
    carried: impl Fn(&T) -> usize,
    out: &mut dyn Write,
    run: impl Fn(usize, &[T]) -> Result<Vec<u8>, RenderError> + Sync,
) -> Result<(), WriteError> {
    let render = |first: usize, chunk: &[T]| -> Result<Vec<Vec<u8>>, RenderError> {
        chunk
            .par_chunks(RUN)
            .enumerate()
            .map(|(k, claims)| run(first + k * RUN, claims))
            .collect()
    };
    let mut chunks = chunks(all, carried);
    let mut ready: Vec<Vec<u8>> = Vec::new();
    loop {
        let next = chunks.next();
        let mut rendered = None;
        let mut written = Ok(());
        // This thread writes the chunk before while the pool renders this
        // one; at the end of the scope it waits for the render (and, when
        // it is itself a pool thread, as from `main`, helps with it).
        rayon::in_place_scope(|scope| {
            if let Some((first, chunk)) = next {
                let rendered = &mut rendered;
                let render = &render;
                scope.spawn(move |_| *rendered = Some(render(first, chunk)));
            }
            written = ready.iter().try_for_each(|bytes| out.write_all(bytes));
        });
        written?;
        match rendered {
            Some(chunk) => ready = chunk?,
            None => return Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Report;
    use crate::report::{fixture, render, Format, RenderOptions};

    /// More claims than a chunk holds, each with its own id.
    fn many() -> Report {
        let base = fixture::report();
        let claims = (0..super::CHUNK * 2 + super::RUN + 5)
            .map(|i| {
                let mut f = base.claims[i % base.claims.len()].clone();
                f.id = format!("{}-{i}", f.id);
                f
            })
            .collect();
        Report::new(jiff::civil::date(2017, 11, 11), None, claims)
    }

    fn on_threads(threads: usize, report: &Report, format: Format) -> String {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let options = RenderOptions {
            color: true,
            ..RenderOptions::default()
        };
        pool.install(|| render(report, format, &options)).unwrap()
    }

    /// Claims with long texts are cut into chunks by bytes: every claim is
    /// in exactly one chunk, in order, and no chunk of several claims
    /// carries more than the byte budget.
    #[test]
    fn long_claims_make_small_chunks() {
        let mut report = many();
        // 20 MB of sentences in all, and one claim over the budget alone.
        for (i, f) in report.claims.iter_mut().enumerate() {
            if i == 7 {
                f.sentence = "x".repeat(5 << 20).into();
            } else if i % 3 == 0 {
                f.sentence = "x".repeat(15_000).into();
            }
        }
        let (mut next, mut cut_by_bytes) = (0, 0);
        for (first, chunk) in super::chunks(&report.claims, super::carried) {
            assert_eq!(first, next);
            let last = first + chunk.len() == report.claims.len();
            cut_by_bytes += usize::from(chunk.len() < super::CHUNK && !last);
            assert!(!chunk.is_empty() && chunk.len() <= super::CHUNK);
            let bytes: usize = chunk.iter().map(super::carried).sum();
            assert!(chunk.len() == 1 || bytes <= super::CHUNK_BYTES, "{bytes}");
            next += chunk.len();
        }
        assert_eq!(next, report.claims.len());
        assert!(cut_by_bytes >= 2, "chunks were cut by bytes, not count");
        assert_eq!(
            on_threads(1, &report, Format::Jsonl),
            on_threads(3, &report, Format::Jsonl)
        );
    }

    /// Chunks and runs are joined in claim order: the bytes are the same on
    /// one thread and on several, and the JSON is serde's own layout.
    #[test]
    fn same_bytes_whatever_the_threads() {
        let report = many();
        for format in [Format::Json, Format::Jsonl, Format::Text] {
            let one = on_threads(1, &report, format);
            assert_eq!(one, on_threads(4, &report, format), "{format}");
            if format == Format::Json {
                assert_eq!(one, serde_json::to_string_pretty(&report).unwrap() + "\n");
            }
            if format == Format::Jsonl {
                assert_eq!(one.lines().count(), report.claims.len());
                for (line, f) in one.lines().zip(&report.claims) {
                    assert_eq!(line, serde_json::to_string(f).unwrap());
                }
            }
        }
    }
}
