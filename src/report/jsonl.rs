//! `--format jsonl`: one claim per line, each the finding exactly as the
//! JSON report serializes it. No summary line, so the output concatenates
//! and streams.

use std::io::Write;

use crate::model::Report;

use super::{stream, WriteError};

/// Write one line per claim, the claims serialized in parallel (see
/// [`stream`]).
pub(super) fn write(report: &Report, out: &mut dyn Write) -> Result<(), WriteError> {
    stream::claims(&report.claims, out, |_, claims| {
        let mut bytes = Vec::with_capacity(claims.len() * 1024);
        for finding in claims {
            serde_json::to_writer(&mut bytes, finding)?;
            bytes.push(b'\n');
        }
        Ok(bytes)
    })
}

#[cfg(test)]
mod tests {
    use crate::report::{fixture, render, Format, RenderOptions};

    #[test]
    fn one_finding_per_line() {
        let r = fixture::report();
        let out = render(&r, Format::Jsonl, &RenderOptions::default()).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(out.ends_with('\n'));
        let full: serde_json::Value =
            serde_json::from_str(&render(&r, Format::Json, &RenderOptions::default()).unwrap())
                .unwrap();
        for (i, line) in lines.iter().enumerate() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            assert_eq!(v, full["claims"][i], "line {i} is the JSON report's claim");
        }
    }
}
