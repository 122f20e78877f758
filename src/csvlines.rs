//! Line numbers of CSV records, counted from their byte offsets.
//!
//! The `csv` crate's own line count is one short for every record after a
//! CRLF line end (the World Bank exports use CRLF), and its byte offset then
//! points at the "\n" before the record; every reader here reports
//! `file:line` from the corrected byte offset instead.

/// Turns increasing byte offsets of one buffer into 1-based line numbers.
pub struct LineCounter<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: u64,
}

/// Where the record the `csv` crate places at byte `offset` of `bytes`
/// starts: after CRLF the crate reports it on the "\n" that ends the line
/// before.
pub fn record_start(bytes: &[u8], offset: usize) -> usize {
    if bytes.get(offset) == Some(&b'\n') {
        offset + 1
    } else {
        offset
    }
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

    #[test]
    fn crlf_lines_are_counted_right() {
        assert_eq!(record_lines(b"a,b\r\n1,2\r\n3,4\r\n"), vec![2, 3]);
        assert_eq!(record_lines(b"a,b\n1,2\n\n3,4\n"), vec![2, 4]);
    }
}
