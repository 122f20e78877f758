//! Standard input, read as it arrives. JSON Lines (what a batch engine pipes
//! in: a claim file or an article archive, however long) is read in batches
//! of whole lines, each handed to the caller before the next is read, so the
//! memory a run needs does not grow with the input; anything else (an
//! article) is read whole, as a file is.
//!
//! Takes the stream and a `flush` the caller gives; gives the texts and
//! problems in [`Ingested`], batch by batch. Lines, byte offsets and
//! duplicate ids are those of the whole input, so the texts and problems
//! are the ones reading it whole gives, in the same order. (One difference,
//! on faulty input only: a line that is not UTF-8 is a problem of its own,
//! where a whole read refuses the whole input.)

use std::io::{BufRead, BufReader, Read};

use super::claims::{self, IdCheck, Position};
use super::{read_bytes, Format, IngestError, Ingested, MAX_INPUT_BYTES};

/// What standard input is named in problems and documents.
pub const NAME: &str = "<stdin>";

/// A batch is handed on once it holds this many bytes of lines...
pub const BATCH_BYTES: usize = 4 << 20;

/// ... or this many lines, whichever comes first.
pub const BATCH_LINES: usize = 4096;

/// Read standard input into `out`: JSON Lines in batches, calling `flush`
/// after each; anything else whole (then the caller flushes).
pub fn read(stdin: &mut dyn Read, out: &mut Ingested, flush: &mut dyn FnMut(&mut Ingested)) {
    let mut reader = BufReader::with_capacity(64 << 10, stdin);
    let head = match sniff(&mut reader) {
        Ok(Sniffed::Jsonl(head)) => head,
        Ok(Sniffed::Other(head)) => return read_whole(&mut reader, head, out),
        Err(e) => return out.errors.push(unreadable(&e)),
    };
    let bom = if head.starts_with(BOM) { 3 } else { 0 };
    let mut batches = Batches {
        reader,
        at: Position { line: 1, byte: 0 },
        ids: IdCheck::default(),
        pending: head,
        bom,
    };
    while let Some(more) = batches.next(out) {
        flush(out);
        if !more {
            break;
        }
    }
}

/// What the first bytes of standard input say it is, and those bytes.
enum Sniffed {
    /// Its first byte past white space and a byte-order mark is `{`.
    Jsonl(Vec<u8>),
    /// Anything else: an article, an empty input, a UTF-16 one.
    Other(Vec<u8>),
}

/// The UTF-8 byte-order mark.
const BOM: &[u8; 3] = b"\xef\xbb\xbf";

/// Read up to the first byte that is not ASCII white space (nor part of a
/// byte-order mark at the start), and say whether it opens a JSON object.
fn sniff(reader: &mut impl BufRead) -> std::io::Result<Sniffed> {
    let mut head = Vec::new();
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(Sniffed::Other(head));
        }
        let mut taken = 0;
        for &b in buf {
            let in_bom = head.len() < 3 && BOM[..head.len()] == head[..] && BOM[head.len()] == b;
            if in_bom || b.is_ascii_whitespace() || b == 0x0b {
                head.push(b);
                taken += 1;
                continue;
            }
            reader.consume(taken);
            return Ok(if b == b'{' {
                Sniffed::Jsonl(head)
            } else {
                Sniffed::Other(head)
            });
        }
        reader.consume(taken);
    }
}

/// The rest of standard input after `head`, read whole (at most
/// [`MAX_INPUT_BYTES`]) and read as before batches existed: an empty input
/// is nothing, anything else an article (or an error).
fn read_whole(reader: &mut impl Read, mut head: Vec<u8>, out: &mut Ingested) {
    let room = (MAX_INPUT_BYTES + 1).saturating_sub(head.len() as u64);
    match reader.take(room).read_to_end(&mut head) {
        Ok(_) if head.len() as u64 > MAX_INPUT_BYTES => out.errors.push(IngestError::new(
            NAME,
            None,
            format!(
                "standard input is over {} MB, the most claimcheck reads whole (JSON Lines is read in batches, at any length)",
                MAX_INPUT_BYTES >> 20
            ),
            "write the input to files of at most that size and give claimcheck the folder",
        )),
        // An empty pipe is no text, not a faulty one: a batch engine
        // hands each empty partition to a process of its own.
        Ok(_)
            if std::str::from_utf8(&head)
                .is_ok_and(|t| t.trim_start_matches('\u{feff}').trim().is_empty()) => {}
        Ok(_) => read_bytes(NAME, Format::Sniff, head, out),
        Err(e) => out.errors.push(unreadable(&e)),
    }
}

fn unreadable(e: &std::io::Error) -> IngestError {
    IngestError::new(
        NAME,
        None,
        format!("cannot read standard input: {e}"),
        "pipe an article or a JSON Lines claim file into claimcheck",
    )
}

/// JSON Lines standard input, read a batch at a time.
struct Batches<R> {
    reader: R,
    /// Where the next batch starts in the whole input.
    at: Position,
    /// The ids of every line read so far.
    ids: IdCheck,
    /// Bytes read but not yet in a batch (the white space before the first
    /// object, and its byte-order mark).
    pending: Vec<u8>,
    /// The length of the byte-order mark at the input's start, for the
    /// first batch.
    bom: usize,
}

impl<R: BufRead> Batches<R> {
    /// Read the next batch of lines into `out`: `Some(true)` when there
    /// may be more, `Some(false)` for the last, `None` when there was
    /// nothing left to read.
    fn next(&mut self, out: &mut Ingested) -> Option<bool> {
        let mut batch = std::mem::take(&mut self.pending);
        let mut lines = 0;
        let mut more = true;
        while batch.len() < BATCH_BYTES && lines < BATCH_LINES {
            match read_line(&mut self.reader, &mut batch) {
                Ok(Line::Read) => lines += 1,
                Ok(Line::End) => {
                    more = false;
                    break;
                }
                Ok(Line::TooLong { dropped }) => {
                    // The batch so far, then the problem at its line.
                    self.read_text(&batch, out);
                    self.at.line += 1;
                    self.at.byte += dropped;
                    out.errors.push(IngestError::new(
                        NAME,
                        Some(self.at.line - 1),
                        format!(
                            "line is over {} MB, the most claimcheck reads of one line",
                            MAX_INPUT_BYTES >> 20
                        ),
                        "split the article or claim into lines of at most that size",
                    ));
                    return Some(true);
                }
                Err(e) => {
                    out.errors.push(unreadable(&e));
                    more = false;
                    break;
                }
            }
        }
        if batch.is_empty() && !more {
            return None;
        }
        self.read_text(&batch, out);
        Some(more)
    }

    /// Read `batch`, whole lines starting at `self.at`, into `out`, and
    /// move `self.at` past them. A line that is not UTF-8 is a problem at
    /// its line; the lines around it are read.
    fn read_text(&mut self, mut batch: &[u8], out: &mut Ingested) {
        while !batch.is_empty() {
            let (valid, bad) = match std::str::from_utf8(batch) {
                Ok(text) => (text, None),
                Err(e) => {
                    let at = e.valid_up_to();
                    let start = batch[..at]
                        .iter()
                        .rposition(|&b| b == b'\n')
                        .map_or(0, |p| p + 1);
                    let valid = std::str::from_utf8(&batch[..start]).expect("valid up to here");
                    (valid, Some(at))
                }
            };
            let bom = std::mem::take(&mut self.bom).min(valid.len());
            claims::read_jsonl_lines(NAME, valid, bom, self.at, &mut self.ids, out);
            self.at.line += valid.matches('\n').count() as u64;
            self.at.byte += valid.len();
            batch = &batch[valid.len()..];
            let Some(at) = bad else { break };
            let end = batch
                .iter()
                .position(|&b| b == b'\n')
                .map_or(batch.len(), |p| p + 1);
            out.errors.push(IngestError::new(
                NAME,
                Some(self.at.line),
                format!(
                    "invalid UTF-8 at byte {}; the line is not read",
                    self.at.byte + (at - valid.len())
                ),
                "save the input as UTF-8 (for example: iconv -f latin1 -t utf-8)",
            ));
            self.at.line += 1;
            self.at.byte += end;
            batch = &batch[end..];
        }
    }
}

/// What reading one line gave.
enum Line {
    /// A line (with its newline, unless it ends the input) was added.
    Read,
    /// The input has ended; nothing was added.
    End,
    /// A line over [`MAX_INPUT_BYTES`]: left out, all `dropped` bytes of it.
    TooLong { dropped: usize },
}

/// Append the next line of `reader` to `batch`.
fn read_line(reader: &mut impl BufRead, batch: &mut Vec<u8>) -> std::io::Result<Line> {
    let before = batch.len();
    let n = reader
        .by_ref()
        .take(MAX_INPUT_BYTES + 1)
        .read_until(b'\n', batch)?;
    if n == 0 {
        return Ok(Line::End);
    }
    if n as u64 <= MAX_INPUT_BYTES || batch.ends_with(b"\n") {
        return Ok(Line::Read);
    }
    batch.truncate(before);
    let mut dropped = n;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        match memchr::memchr(b'\n', buf) {
            Some(p) => {
                reader.consume(p + 1);
                dropped += p + 1;
                break;
            }
            None => {
                let len = buf.len();
                reader.consume(len);
                dropped += len;
            }
        }
    }
    Ok(Line::TooLong { dropped })
}
