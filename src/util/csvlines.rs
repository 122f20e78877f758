//! Where CSV records start: their line numbers, counted from their byte
//! offsets, and the places a run of records can be cut into parts that
//! read as the whole does.
//!
//! The `csv` crate's own line count is one short for every record after a
//! CRLF line end (the World Bank exports use CRLF), and its byte offset then
//! points at the "\n" before the record (BurntSushi/rust-csv#395); after
//! blank lines, the next record is placed on the first blank one
//! (BurntSushi/rust-csv#208). Every reader here reports `file:line` from the
//! corrected byte offset instead.

/// Turns increasing byte offsets of one buffer into 1-based line numbers.
pub struct LineCounter<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: u64,
}

/// Where the record the `csv` crate places at byte `offset` of `bytes`
/// starts: the crate reports a record after CRLF on the "\n" that ends the
/// line before, and one after blank lines where the first of them starts.
/// No record starts with a line end (the crate skips blank lines), so the
/// record starts at the first byte from `offset` that is not one.
pub fn record_start(bytes: &[u8], offset: usize) -> usize {
    let skipped = bytes.get(offset..).map_or(0, |rest| {
        rest.iter()
            .take_while(|&&b| matches!(b, b'\r' | b'\n'))
            .count()
    });
    offset + skipped
}

/// Where `body`, CSV records from the start of one, can be cut into about
/// `parts` runs of whole records: the start of every run after the first,
/// in increasing order (none when `parts` is 1 or the records are few).
///
/// A run starts just after a "\n" that is outside quotes, which ends a
/// record wherever the `csv` crate's reader stands. Only the quotes are
/// read to know where quotes are, as that reader reads them: a quote
/// opens a quoted field only at a field's start (the body's start or after
/// a comma or line end), inside one a doubled quote is a quote, and any
/// other quote closes it.
pub fn record_cuts(body: &[u8], parts: usize) -> Vec<usize> {
    let mut cuts = Vec::new();
    if parts < 2 {
        return cuts;
    }
    let step = body.len() / parts;
    let mut quotes = memchr::memchr_iter(b'"', body).peekable();
    let mut quoted = false;
    let mut from = 0;
    for k in 1..parts {
        from = from.max(k * step);
        loop {
            let Some(end) = memchr::memchr(b'\n', &body[from..]).map(|i| from + i) else {
                return cuts;
            };
            // The quotes before this line end say whether it is in a field.
            while let Some(q) = quotes.next_if(|&q| q < end) {
                if quoted {
                    if body.get(q + 1) == Some(&b'"') {
                        quotes.next();
                    } else {
                        quoted = false;
                    }
                } else if q == 0 || matches!(body[q - 1], b',' | b'\n' | b'\r') {
                    quoted = true;
                }
            }
            from = end + 1;
            if !quoted {
                if from < body.len() {
                    cuts.push(from);
                }
                break;
            }
        }
    }
    cuts
}

impl<'a> LineCounter<'a> {
    pub fn new(bytes: &'a [u8]) -> LineCounter<'a> {
        LineCounter {
            bytes,
            offset: 0,
            line: 1,
        }
    }

    /// The line of byte `offset`. Offsets normally increase; an earlier one
    /// is counted again from the start.
    pub fn line_at(&mut self, offset: u64) -> u64 {
        let offset = record_start(self.bytes, (offset as usize).min(self.bytes.len()));
        if offset < self.offset {
            self.offset = 0;
            self.line = 1;
        }
        self.line += self.bytes[self.offset..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        self.offset = offset;
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record_lines(data: &[u8]) -> Vec<u64> {
        let mut reader = csv::Reader::from_reader(data);
        let mut lines = LineCounter::new(data);
        reader
            .records()
            .map(|r| lines.line_at(r.unwrap().position().unwrap().byte()))
            .collect()
    }

    /// The records of `data` as the `csv` crate reads them.
    fn records(data: &[u8]) -> Vec<csv::ByteRecord> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(data)
            .byte_records()
            .map(|r| r.unwrap())
            .collect()
    }

    /// Read piece by piece, records cut by `record_cuts` are the records
    /// of the whole: quoted line ends, doubled quotes, quotes inside a
    /// field, CRLF and bare CR.
    #[test]
    fn cuts_fall_between_records() {
        let pieces = [
            "a", "b,", ",", "\"", "\"\"", "x\"y", "\"q,\n\"", "\n", "\r\n", "\r", " ",
        ];
        let mut cut = 0;
        for text in crate::testing::random_texts(&pieces, 24, 5_000) {
            let body = text.as_bytes();
            let whole: Vec<Vec<Vec<u8>>> = records(body)
                .iter()
                .map(|r| r.iter().map(<[u8]>::to_vec).collect())
                .collect();
            for parts in 2..6 {
                let cuts = record_cuts(body, parts);
                assert!(cuts.windows(2).all(|w| w[0] < w[1]), "{text:?}");
                assert!(cuts.iter().all(|&c| c > 0 && c < body.len()), "{text:?}");
                cut += cuts.len();
                let bounds: Vec<usize> = std::iter::once(0)
                    .chain(cuts)
                    .chain(std::iter::once(body.len()))
                    .collect();
                let pieced: Vec<Vec<Vec<u8>>> = bounds
                    .windows(2)
                    .flat_map(|w| records(&body[w[0]..w[1]]))
                    .map(|r| r.iter().map(<[u8]>::to_vec).collect())
                    .collect();
                assert_eq!(pieced, whole, "{text:?} in {parts} parts");
            }
        }
        assert!(cut > 10_000, "only {cut} cuts made");
    }

    #[test]
    fn crlf_lines_are_counted_right() {
        assert_eq!(record_lines(b"a,b\r\n1,2\r\n3,4\r\n"), vec![2, 3]);
        assert_eq!(record_lines(b"a,b\n1,2\n\n3,4\n"), vec![2, 4]);
        // Blank lines, and line ends of both kinds in one file.
        assert_eq!(record_lines(b"a,b\n1,2\n\n\n3,4\n"), vec![2, 5]);
        assert_eq!(record_lines(b"a,b\r\n1,2\r\n\r\n\r\n3,4\r\n"), vec![2, 5]);
        assert_eq!(record_lines(b"a,b\r\n1,2\r\n\n3,4\n5,6\r\n"), vec![2, 4, 5]);
    }
}
