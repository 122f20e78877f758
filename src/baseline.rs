//! baseline: accept today's findings so editorial CI fails only on new ones.
//!
//! `--write-baseline FILE` records every finding that fails the policy now;
//! `--baseline FILE` marks the findings found in it as `baselined`, which
//! keeps them in the report but out of the exit code. A finding is known by
//! a fingerprint of its document, claim text, metric and verdict, never by
//! line or byte position, so editing the text above a claim does not make it
//! new again; a claim that changes verdict, or whose figure is edited, is
//! new. Identical fingerprints in one document are counted: a baseline with
//! one "about 170 million" does not cover a second one added later.
//!
//! Pure over its inputs: the CLI reads and writes the file.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::model::{Finding, Problem};
use crate::policy::Policy;

/// The version written in the file's `claimcheck_baseline` key.
pub const VERSION: u32 = 1;

const HINT: &str = "write a new baseline with `claimcheck check --write-baseline FILE`";

/// One accepted finding. Only `fingerprint` is matched; the other fields are
/// for the people who review the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub fingerprint: String,
    pub document: String,
    pub text: String,
    pub metric: Option<String>,
    pub verdict: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
}

/// A baseline file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub claimcheck_baseline: u32,
    pub findings: Vec<Entry>,
}

/// 64-bit FNV-1a, as 16 hex digits: stable across platforms and releases.
fn fnv1a(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h ^= 0x1f;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        for b in p.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// The text with runs of white space made one space, so re-wrapping a
/// paragraph keeps fingerprints.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The fingerprint of a finding: document, claim text, metric and verdict.
pub fn fingerprint(f: &Finding) -> String {
    fnv1a(&[
        &f.document.replace('\\', "/"),
        &squash(&f.text),
        f.metric.as_deref().unwrap_or(""),
        f.verdict.as_str(),
    ])
}

impl Baseline {
    /// Every finding that fails `policy`, in report order.
    pub fn of(findings: &[Finding], policy: &Policy) -> Baseline {
        Baseline {
            claimcheck_baseline: VERSION,
            findings: findings
                .iter()
                .filter(|f| policy.fails(f))
                .map(|f| Entry {
                    fingerprint: fingerprint(f),
                    document: f.document.to_string(),
                    text: squash(&f.text),
                    metric: f.metric.clone(),
                    verdict: f.verdict.as_str().to_string(),
                    id: f.id.clone(),
                })
                .collect(),
        }
    }

    /// The file's text: pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a baseline serializes");
        s.push('\n');
        s
    }

    /// Read a baseline file's text; `name` is used in messages.
    pub fn parse(name: &str, text: &str) -> Result<Baseline, Problem> {
        let b: Baseline = serde_json::from_str(text).map_err(|e| {
            Problem::new(
                name,
                Some(e.line() as u64).filter(|&l| l > 0),
                format!("not a claimcheck baseline: {e}"),
                HINT,
            )
        })?;
        if b.claimcheck_baseline != VERSION {
            return Err(Problem::new(
                name,
                None,
                format!(
                    "baseline version {} is not one this claimcheck reads (expected {VERSION})",
                    b.claimcheck_baseline
                ),
                HINT,
            ));
        }
        Ok(b)
    }

    /// Mark the findings this baseline covers as `baselined`; returns how
    /// many were marked. Each entry covers at most one finding.
    pub fn apply(&self, findings: &mut [Finding]) -> usize {
        self.applier().apply(findings)
    }

    /// [`Baseline::apply`] over findings that come in batches (standard
    /// input read a batch at a time): each entry still covers at most one
    /// finding of them all.
    pub fn applier(&self) -> Applier<'_> {
        let mut left: HashMap<&str, usize> = HashMap::new();
        for e in &self.findings {
            *left.entry(e.fingerprint.as_str()).or_default() += 1;
        }
        Applier { left }
    }
}

/// A baseline being applied: how many findings each fingerprint may still
/// cover.
#[derive(Debug)]
pub struct Applier<'a> {
    left: HashMap<&'a str, usize>,
}

impl Applier<'_> {
    /// Mark the findings the entries not yet used cover; returns how many
    /// were marked.
    pub fn apply(&mut self, findings: &mut [Finding]) -> usize {
        let mut marked = 0;
        for f in findings.iter_mut() {
            let fp = fingerprint(f);
            if let Some(n) = self.left.get_mut(fp.as_str()).filter(|n| **n > 0) {
                *n -= 1;
                f.baselined = true;
                marked += 1;
            }
        }
        marked
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::FailOn;
    use crate::report::fixture;

    const POLICY: Policy = Policy {
        fail_on: FailOn::Contradicted,
        min_confidence: 0.0,
    };

    #[test]
    fn fingerprint_ignores_position_and_wrapping() {
        let f = fixture::report().claims[1].clone();
        let mut moved = f.clone();
        moved.span.line += 12;
        moved.span.start += 400;
        moved.span.end += 400;
        moved.id = "article.md#9".into();
        assert_eq!(fingerprint(&f), fingerprint(&moved));
        let mut wrapped = f.clone();
        wrapped.text = wrapped.text.replace(' ', "\n  ");
        assert_eq!(fingerprint(&f), fingerprint(&wrapped));
        let mut edited = f.clone();
        edited.text = "about 180 million".into();
        assert_ne!(fingerprint(&f), fingerprint(&edited));
        let mut other_verdict = f.clone();
        other_verdict.verdict = crate::model::Verdict::Supported;
        assert_ne!(fingerprint(&f), fingerprint(&other_verdict));
    }

    #[test]
    fn round_trip_and_apply() {
        let report = fixture::report();
        let b = Baseline::of(&report.claims, &POLICY);
        assert_eq!(b.findings.len(), 1, "only the contradicted claim fails");
        let back = Baseline::parse("b.json", &b.to_json()).unwrap();
        assert_eq!(back, b);
        let mut claims = report.claims.clone();
        // The same contradicted claim twice: the baseline covers one.
        claims.push(claims[1].clone());
        assert_eq!(b.apply(&mut claims), 1);
        assert!(claims[1].baselined);
        assert!(!claims[3].baselined);
        assert!(!claims[0].baselined && !claims[2].baselined);
    }

    #[test]
    fn bad_files_are_problems() {
        let e = Baseline::parse("b.json", "{\n  \"findings\": 3\n}").unwrap_err();
        assert_eq!(e.file, "b.json");
        assert!(e.line.is_some());
        let e =
            Baseline::parse("b.json", r#"{"claimcheck_baseline": 9, "findings": []}"#).unwrap_err();
        assert!(e.message.contains("version 9"));
    }
}
