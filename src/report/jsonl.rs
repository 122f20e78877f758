//! `--format jsonl`: one claim per line, each the finding exactly as the
//! JSON report serializes it. No summary line, so the output concatenates
//! and streams.

use crate::model::Report;

use super::RenderError;

pub(super) fn render(report: &Report) -> Result<String, RenderError> {
    let mut out = String::new();
    for finding in &report.claims {
        out.push_str(&serde_json::to_string(finding)?);
        out.push('\n');
    }
    Ok(out)
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
