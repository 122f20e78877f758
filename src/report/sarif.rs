//! `--format sarif`: SARIF 2.1.0, for code-scanning dashboards. One run,
//! tool `claimcheck`, one rule per verdict, and one result per claim that
//! fails or warns, located at the claim's line and column in its document:
//!
//! - `contradicted`: level `error`;
//! - `unverifiable`: level `note` (the claim was not checked; a note shows
//!   in code scanning without failing its check, and `properties.reason`
//!   says why: `no_metric`, `unknown_entity`, ...);
//! - `supported`: left out, as code scanning would raise an alert for
//!   every correct claim; with `--include-supported`
//!   ([`ConsumerOptions::include_supported`]) a result of kind `pass`,
//!   level `none`.
//!
//! Each rule has help text and a `helpUri` into docs/reasons.md
//! ([`reason_url`]). Each result has a partial fingerprint,
//! `claimcheck/v1`: the baseline's fingerprint of the finding (document,
//! claim text, metric, verdict; never its line, see
//! [`crate::baseline::fingerprint`]) and, after a colon, which occurrence of
//! that fingerprint in the document it is, so an edit above a claim keeps
//! its alert and two equal claims keep two.
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

use std::collections::HashMap;

use serde_json::{json, Value};

use crate::model::{Finding, Report, Verdict};

use super::{reason_url, ConsumerOptions, RenderError, REASONS_URL};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The key of the partial fingerprint; its version changes when the
/// fingerprint does.
pub(crate) const FINGERPRINT: &str = "claimcheck/v1";

/// A rule: its verdict, level, one-line description and help.
struct Rule {
    verdict: Verdict,
    level: &'static str,
    short: &'static str,
    help: &'static str,
}

const RULES: [Rule; 3] = [
    Rule {
        verdict: Verdict::Contradicted,
        level: "error",
        short: "The reference data contradicts the claim.",
        help: "The figure disagrees with the reference rows given as the result's related locations, beyond the slack its own words allow (\"about\", \"nearly\", \"more than\") and the data's tolerance. Correct the figure; or, when the text is right and the data is not the source to check it against, mark the sentence with <!-- claimcheck-ignore: REASON --> or accept the finding in a baseline (--write-baseline).",
    },
    Rule {
        verdict: Verdict::Unverifiable,
        level: "note",
        short: "The claim could not be checked against the reference data.",
        help: "claimcheck found a quantity but could not give it a verdict. The result's properties.reason is the reason code (no_metric, no_subject, unknown_entity, no_metric_for_entity, no_row_for_period, unit_mismatch, ...); `claimcheck explain CODE` and docs/reasons.md explain each one and what to change: a clearer subject or metric in the sentence, or reference data for it.",
    },
    Rule {
        verdict: Verdict::Supported,
        level: "none",
        short: "The reference data supports the claim.",
        help: "The figure agrees with the reference rows given as the result's related locations. Supported claims are reported only with --include-supported.",
    },
];

fn rule_index(v: Verdict) -> usize {
    RULES.iter().position(|r| r.verdict == v).unwrap_or(0)
}

pub(super) fn render(report: &Report, consumer: &ConsumerOptions) -> Result<String, RenderError> {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            let code = r.verdict.as_str();
            let url = reason_url(code);
            json!({
                "id": code,
                "name": code,
                "shortDescription": {"text": r.short},
                "fullDescription": {"text": r.help},
                "help": {
                    "text": format!("{} {} See {url}", r.short, r.help),
                    "markdown": format!("**{}** {}\n\nSee [{code}]({url}); every reason code: [docs/reasons.md]({REASONS_URL}).", r.short, r.help),
                },
                "helpUri": url,
                "defaultConfiguration": {"level": r.level},
            })
        })
        .collect();
    // The n-th finding with the same fingerprint in its document is `:n`.
    let mut seen: HashMap<(&str, String), usize> = HashMap::new();
    let results: Vec<Value> = report
        .claims
        .iter()
        .filter_map(|f| {
            let fingerprint = crate::baseline::fingerprint(f);
            let n = seen.entry((&f.document, fingerprint.clone())).or_default();
            *n += 1;
            (f.verdict != Verdict::Supported || consumer.include_supported)
                .then(|| result(f, &format!("{fingerprint}:{n}")))
        })
        .collect();
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
            "properties": {"as_of": report.as_of, "reference": report.reference, "summary": report.summary},
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

fn result(f: &Finding, fingerprint: &str) -> Value {
    let level = RULES[rule_index(f.verdict)].level;
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
        "partialFingerprints": {FINGERPRINT: fingerprint},
        "properties": {
            "id": f.id,
            "confidence": crate::util::numfmt::Num(f.confidence),
            "metric": f.metric,
            "reason": f.reason,
            "sentence": f.sentence,
        },
    });
    if f.verdict == Verdict::Supported {
        result["kind"] = json!("pass");
    }
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

    use crate::report::{fixture, render_for, ConsumerOptions, Extras, Format, RenderOptions};

    fn sarif_with(include_supported: bool) -> Value {
        let consumer = ConsumerOptions {
            include_supported,
            ..ConsumerOptions::default()
        };
        let out = render_for(
            &fixture::report(),
            Format::Sarif,
            &RenderOptions::default(),
            &Extras::default(),
            &consumer,
        )
        .unwrap();
        assert!(out.ends_with("}\n"));
        serde_json::from_str(&out).unwrap()
    }

    fn sarif() -> Value {
        sarif_with(false)
    }

    #[test]
    fn one_run_three_rules_with_help() {
        let v = sarif();
        assert_eq!(v["version"], "2.1.0");
        assert!(v["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
        assert_eq!(v["runs"].as_array().unwrap().len(), 1);
        let driver = &v["runs"][0]["tool"]["driver"];
        assert_eq!(driver["name"], "claimcheck");
        let rules = driver["rules"].as_array().unwrap();
        let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["contradicted", "unverifiable", "supported"]);
        for r in rules {
            let id = r["id"].as_str().unwrap();
            assert_eq!(
                r["helpUri"],
                format!("https://github.com/claimcheck/claimcheck/blob/main/docs/reasons.md#{id}")
            );
            assert!(r["help"]["text"].as_str().unwrap().len() > 40);
            assert!(r["help"]["markdown"]
                .as_str()
                .unwrap()
                .contains("docs/reasons.md"));
        }
    }

    #[test]
    fn a_result_per_failing_or_warning_claim_with_rule_and_location() {
        let v = sarif();
        let rules = &v["runs"][0]["tool"]["driver"]["rules"];
        let results = v["runs"][0]["results"].as_array().unwrap();
        let expect = [("contradicted", "error"), ("unverifiable", "note")];
        assert_eq!(results.len(), expect.len(), "supported claims are left out");
        for (r, (rule, level)) in results.iter().zip(expect) {
            assert_eq!(r["ruleId"], rule);
            assert_eq!(r["level"], level);
            assert!(r.get("kind").is_none(), "a fail");
            let i = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[i]["id"], rule);
        }
        let r = &results[0];
        assert_eq!(
            r["message"]["text"],
            "claim ≈ 153M–187M; World Bank (2017) reports 145,300,000 <i>"
        );
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "claims/article.md");
        let region = &loc["region"];
        assert_eq!(region["startLine"], 9);
        assert_eq!(region["startColumn"], 24);
        assert_eq!(region["endColumn"], 24 + "about 170 million".len());
        assert_eq!(region["byteLength"], "about 170 million".len());
        assert_eq!(region["snippet"]["text"], "about 170 million");
        assert_eq!(
            r["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "reference-data/population.csv"
        );
        assert_eq!(results[1]["properties"]["reason"], "unknown_entity");
        assert!(results[1].get("relatedLocations").is_none());
    }

    #[test]
    fn supported_claims_are_passes_when_asked_for() {
        let v = sarif_with(true);
        let results = v["runs"][0]["results"].as_array().unwrap();
        assert_eq!(results.len(), 3);
        let r = &results[0];
        assert_eq!(r["ruleId"], "supported");
        assert_eq!(r["kind"], "pass");
        assert_eq!(r["level"], "none");
        assert_eq!(r["region"], Value::Null);
        assert_eq!(
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            3
        );
    }

    #[test]
    fn partial_fingerprints_are_the_baseline_fingerprint_and_occurrence() {
        let mut report = fixture::report();
        let twin = report.claims[1].clone();
        report.claims.insert(2, twin);
        let out = crate::report::render(&report, Format::Sarif, &RenderOptions::default()).unwrap();
        let v: Value = serde_json::from_str(&out).unwrap();
        let results = v["runs"][0]["results"].as_array().unwrap();
        let fp = crate::baseline::fingerprint(&report.claims[1]);
        assert_eq!(
            results[0]["partialFingerprints"][super::FINGERPRINT],
            format!("{fp}:1")
        );
        assert_eq!(
            results[1]["partialFingerprints"][super::FINGERPRINT],
            format!("{fp}:2"),
            "the same claim twice in a document is two alerts"
        );
        // A line added above the claim does not change it.
        report.claims[1].span.line += 3;
        let again =
            crate::report::render(&report, Format::Sarif, &RenderOptions::default()).unwrap();
        let w: Value = serde_json::from_str(&again).unwrap();
        assert_eq!(
            w["runs"][0]["results"][0]["partialFingerprints"],
            results[0]["partialFingerprints"]
        );
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
