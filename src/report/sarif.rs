//! `--format sarif`: SARIF 2.1.0, for code-scanning dashboards. One run,
//! tool `claimcheck`, one rule per verdict (`contradicted` → error,
//! `unverifiable` → warning, `supported` → note) and one result per claim,
//! located at the claim's line and column in its document.
//!
//! Columns are Unicode code points (`run.columnKind`), as in [`Span`]. The
//! claim's place in the file is also given as `byteOffset`/`byteLength`,
//! which is what the span holds; `charOffset` is left out because the report
//! does not carry the character offset from the start of the document.
//! Each evidence row is a related location (reference file and line).
//! Artifact locations are the paths as the other formats show them,
//! percent-encoded into URI references (`my%20claims%20%231.md`,
//! `catalog%3Aworldbank-population.csv`).
//!
//! [`Span`]: crate::model::Span

use serde_json::{json, Value};

use crate::model::{Finding, Report, Verdict};

use super::RenderError;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

const RULES: [(Verdict, &str, &str); 3] = [
    (
        Verdict::Contradicted,
        "error",
        "The reference data contradicts the claim.",
    ),
    (
        Verdict::Unverifiable,
        "warning",
        "The claim could not be checked against the reference data.",
    ),
    (
        Verdict::Supported,
        "note",
        "The reference data supports the claim.",
    ),
];

fn rule_index(v: Verdict) -> usize {
    RULES.iter().position(|(r, _, _)| *r == v).unwrap_or(0)
}

pub(super) fn render(report: &Report) -> Result<String, RenderError> {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|(v, level, text)| {
            json!({
                "id": v.as_str(),
                "name": v.as_str(),
                "shortDescription": {"text": text},
                "defaultConfiguration": {"level": level},
            })
        })
        .collect();
    let results: Vec<Value> = report.claims.iter().map(result).collect();
    let sarif = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "claimcheck",
                "version": report.claimcheck_version,
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "properties": {"as_of": report.as_of, "summary": report.summary},
            "results": results,
        }],
    });
    let mut out = serde_json::to_string_pretty(&sarif)?;
    out.push('\n');
    Ok(out)
}

/// A path as a URI reference (RFC 3986): unreserved characters and `/`
/// as they are, every other byte of its UTF-8 as `%XX`. A space, `#`, `%`,
/// `?`, `:` or a line end in a file name is then part of the path, never a
/// fragment, query, scheme or a broken line, and the reference decodes to
/// the path as the other formats show it.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The region of the claim: start from the span, end from the claim text
/// when the text is exactly the span's bytes.
fn region(f: &Finding) -> Value {
    let mut region = json!({
        "startLine": f.span.line,
        "startColumn": f.span.column,
        "byteOffset": f.span.start,
        "byteLength": f.span.end.saturating_sub(f.span.start),
        "snippet": {"text": f.text},
    });
    if f.text.len() == f.span.end.saturating_sub(f.span.start) && !f.text.is_empty() {
        let newlines = f.text.matches('\n').count();
        let end_column = match f.text.rfind('\n') {
            Some(i) => f.text[i + 1..].chars().count() + 1,
            None => f.span.column + f.text.chars().count(),
        };
        region["endLine"] = json!(f.span.line + newlines);
        region["endColumn"] = json!(end_column);
    }
    region
}

fn result(f: &Finding) -> Value {
    let (_, level, _) = RULES[rule_index(f.verdict)];
    let related: Vec<Value> = f
        .evidence
        .iter()
        .enumerate()
        .map(|(i, e)| {
            json!({
                "id": i,
                "physicalLocation": {
                    "artifactLocation": {"uri": uri(&e.file)},
                    "region": {"startLine": e.line},
                },
                "message": {"text": format!("{} · {} = {} ({}) — {}",
                    e.entity, e.metric, e.value.to_string(), e.date, e.source)},
            })
        })
        .collect();
    let mut result = json!({
        "ruleId": f.verdict.as_str(),
        "ruleIndex": rule_index(f.verdict),
        "level": level,
        "message": {"text": f.explanation},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": uri(&f.document)},
                "region": region(f),
            },
        }],
        "properties": {
            "id": f.id,
            "confidence": crate::util::numfmt::Num(f.confidence),
            "metric": f.metric,
            "reason": f.reason,
            "sentence": f.sentence,
        },
    });
    if !related.is_empty() {
        result["relatedLocations"] = Value::Array(related);
    }
    // Suppressed results stay in the log, as SARIF intends: an ignore marker
    // is an in-source suppression, a baseline an external one.
    let mut suppressions = Vec::new();
    if let Some(reason) = &f.ignored {
        suppressions.push(json!({"kind": "inSource", "justification": reason}));
    }
    if f.baselined {
        suppressions.push(
            json!({"kind": "external", "justification": "accepted in the claimcheck baseline"}),
        );
        result["baselineState"] = json!("unchanged");
    }
    if !suppressions.is_empty() {
        result["suppressions"] = Value::Array(suppressions);
    }
    result
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use crate::report::{fixture, render, Format, RenderOptions};

    fn sarif() -> Value {
        let out = render(&fixture::report(), Format::Sarif, &RenderOptions::default()).unwrap();
        assert!(out.ends_with("}\n"));
        serde_json::from_str(&out).unwrap()
    }

    #[test]
    fn one_run_three_rules() {
        let v = sarif();
        assert_eq!(v["version"], "2.1.0");
        assert!(v["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
        assert_eq!(v["runs"].as_array().unwrap().len(), 1);
        let driver = &v["runs"][0]["tool"]["driver"];
        assert_eq!(driver["name"], "claimcheck");
        let ids: Vec<&str> = driver["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["contradicted", "unverifiable", "supported"]);
    }

    #[test]
    fn a_result_per_claim_with_rule_and_location() {
        let v = sarif();
        let rules = &v["runs"][0]["tool"]["driver"]["rules"];
        let results = v["runs"][0]["results"].as_array().unwrap();
        assert_eq!(results.len(), 3);
        let expect = [
            ("supported", "note"),
            ("contradicted", "error"),
            ("unverifiable", "warning"),
        ];
        for (r, (rule, level)) in results.iter().zip(expect) {
            assert_eq!(r["ruleId"], rule);
            assert_eq!(r["level"], level);
            let i = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[i]["id"], rule);
        }
        let r = &results[0];
        assert_eq!(
            r["message"]["text"],
            "claim ≈ 1.8M–2.0M; SCPR (2016-02-11) reports 1,880,000"
        );
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "claims/article.md");
        let region = &loc["region"];
        assert_eq!(region["startLine"], 3);
        assert_eq!(region["startColumn"], 61);
        assert_eq!(region["endColumn"], 61 + "nearly two million".len());
        assert_eq!(region["byteLength"], "nearly two million".len());
        assert_eq!(region["snippet"]["text"], "nearly two million");
        assert_eq!(
            r["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "reference-data/conflicts.csv"
        );
        assert_eq!(results[2]["properties"]["reason"], "unknown_entity");
        assert!(results[2].get("relatedLocations").is_none());
    }

    #[test]
    fn artifact_uris_are_percent_encoded() {
        assert_eq!(super::uri("claims/article.md"), "claims/article.md");
        assert_eq!(
            super::uri("my claims #1 %.md"),
            "my%20claims%20%231%20%25.md"
        );
        assert_eq!(super::uri("a\nb?c:d"), "a%0Ab%3Fc%3Ad");
        assert_eq!(super::uri("café/東"), "caf%C3%A9/%E6%9D%B1");
        assert_eq!(super::uri("~x_y-z.1"), "~x_y-z.1");
    }
}
