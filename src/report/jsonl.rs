//! `--format jsonl`: one claim per line, each the finding exactly as the
//! JSON report serializes it. No summary line, so the output concatenates
//! and streams.

use std::io::Write;

use crate::model::{Finding, Report};
use crate::util::json::{self, Layout};

use super::{stream, RenderError, WriteError};

/// One claim's line, without its newline: the bytes every `--format jsonl`
/// writer (the CLI's, [`crate::checker`]'s) gives for it.
pub fn line(finding: &Finding) -> Result<String, RenderError> {
    let bytes = json::to_vec(finding, Layout::Compact)?;
    Ok(String::from_utf8(bytes).expect("JSON is UTF-8"))
}

/// Write one line per claim, the claims serialized in parallel (see
/// [`stream`]).
pub(super) fn write(report: &Report, out: &mut dyn Write) -> Result<(), WriteError> {
    write_claims(&report.claims, out)
}

/// Write one line per claim of `claims` (a report's, or a batch's of
/// standard input), serialized in parallel.
pub fn write_claims(claims: &[Finding], out: &mut dyn Write) -> Result<(), WriteError> {
    stream::claims(claims, out, |_, claims| {
        let mut lines = json::Writer::with_capacity(claims.len() * 1024);
        for finding in claims {
            lines.write(finding, Layout::Compact)?;
            lines.push(b"\n");
        }
        Ok(lines.into_bytes())
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
