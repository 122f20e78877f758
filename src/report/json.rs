//! `--format json`: the report as DESIGN.md's JSON contract. The model's
//! serde derives are the contract; this file only fixes the layout
//! (pretty-printed, two-space indent, trailing newline).

use rayon::prelude::*;
use serde::Serialize;

use crate::model::{Report, Summary};

use super::RenderError;

/// Every key of the report but the claims, laid out as in the report.
#[derive(Serialize)]
struct Head<'a> {
    claimcheck_version: &'a str,
    as_of: &'a str,
    summary: &'a Summary,
    claims: [(); 0],
}

/// The bytes of `serde_json::to_string_pretty(report)` and a newline, with
/// the claims serialized in parallel: each on its own, indented to the depth
/// it has in the report (JSON strings hold no raw line breaks, so indenting
/// by lines is safe).
pub(super) fn render(report: &Report) -> Result<String, RenderError> {
    let head = serde_json::to_string_pretty(&Head {
        claimcheck_version: &report.claimcheck_version,
        as_of: &report.as_of,
        summary: &report.summary,
        claims: [],
    })?;
    if report.claims.is_empty() {
        return Ok(head + "\n");
    }
    let open = head
        .strip_suffix("[]\n}")
        .expect("the head ends with its empty claims array");
    let one = |c: &crate::model::Finding| -> Result<String, serde_json::Error> {
        let flat = serde_json::to_string_pretty(c)?;
        let mut out = String::with_capacity(flat.len() + flat.len() / 8);
        for (i, line) in flat.split('\n').enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str("    ");
            out.push_str(line);
        }
        Ok(out)
    };
    let mut out = String::with_capacity(open.len() + 1024 * report.claims.len());
    out.push_str(open);
    out.push_str("[\n");
    // In chunks, so the claims' text is held about once, not twice.
    for (k, chunk) in report.claims.chunks(4096).enumerate() {
        let parts: Vec<String> = chunk.par_iter().map(one).collect::<Result<_, _>>()?;
        for (i, part) in parts.into_iter().enumerate() {
            if k > 0 || i > 0 {
                out.push_str(",\n");
            }
            out.push_str(&part);
        }
    }
    out.push_str("\n  ]\n}\n");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::report::{fixture, render, Format, RenderOptions};

    fn json() -> String {
        render(&fixture::report(), Format::Json, &RenderOptions::default()).unwrap()
    }

    /// The parallel layout is byte for byte serde's own.
    #[test]
    fn same_bytes_as_serde_pretty() {
        let mut report = fixture::report();
        assert_eq!(
            json(),
            serde_json::to_string_pretty(&report).unwrap() + "\n"
        );
        report.claims.clear();
        let empty = render(&report, Format::Json, &RenderOptions::default()).unwrap();
        assert_eq!(empty, serde_json::to_string_pretty(&report).unwrap() + "\n");
    }

    #[test]
    fn has_the_contract_keys() {
        let out = json();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        for key in ["claimcheck_version", "as_of", "summary", "claims"] {
            assert!(v.get(key).is_some(), "missing {key}");
        }
        assert_eq!(v["as_of"], "2017-11-11");
        for (key, n) in [
            ("claims", 3),
            ("supported", 1),
            ("contradicted", 1),
            ("unverifiable", 1),
        ] {
            assert_eq!(v["summary"][key], n, "{key}");
        }
        assert!(v["summary"]["coverage"].is_object());
        let c = &v["claims"][0];
        for key in [
            "id",
            "document",
            "span",
            "text",
            "sentence",
            "subject",
            "metric",
            "quantity",
            "as_of",
            "verdict",
            "confidence",
            "evidence",
            "explanation",
        ] {
            assert!(c.get(key).is_some(), "claim missing {key}");
        }
        assert!(c.get("sentence_start").is_none());
        assert_eq!(c["verdict"], "supported");
        assert_eq!(c["confidence"], 0.91);
        assert_eq!(c["quantity"]["low"], 1_800_000);
        assert_eq!(c["quantity"]["kind"], "approx_below");
        assert_eq!(c["evidence"][0]["line"], 7);
        assert_eq!(c["evidence"][0]["value"], 1_880_000);
        assert_eq!(v["claims"][2]["quantity"]["high"], serde_json::Value::Null);
        assert_eq!(v["claims"][2]["verdict"], "unverifiable");
    }

    #[test]
    fn pretty_two_spaces_trailing_newline_deterministic() {
        let out = json();
        assert!(out.starts_with("{\n  \"claimcheck_version\""));
        assert!(out.ends_with("}\n") && !out.ends_with("\n\n"));
        assert_eq!(out, json());
    }
}
