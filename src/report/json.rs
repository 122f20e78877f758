//! `--format json`: the report as DESIGN.md's JSON contract. The model's
//! serde derives are the contract; this file only fixes the layout
//! (pretty-printed, two-space indent, trailing newline).

use crate::model::Report;

use super::RenderError;

pub(super) fn render(report: &Report) -> Result<String, RenderError> {
    let mut out = serde_json::to_string_pretty(report)?;
    out.push('\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::report::{fixture, render, Format, RenderOptions};

    fn json() -> String {
        render(&fixture::report(), Format::Json, &RenderOptions::default()).unwrap()
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
