//! `claimcheck extract`: the claims of the inputs, found and normalized
//! but not verified, as a JSON document. The reference folder only lends
//! its names to the subject finder; without one, extraction still runs.

use std::path::Path;

use super::{as_of, configured_normalize, read_inputs, AppError, Done, Outcome};
use crate::extract::{Claim, SubjectRef};
use crate::model::{AsOfSource, Quantity};
use crate::pipeline::{self, Settings};
use crate::resolve;

/// `claimcheck extract`: claims, normalized, not verified, as JSON.
pub fn extract(
    paths: &[String],
    reference: &Path,
    as_of_option: Option<&str>,
) -> Result<Done, AppError> {
    let (as_of, as_of_source) = as_of(as_of_option)?;
    // The reference names help find subjects; without a readable folder,
    // extraction still runs with capitalised names only.
    let loaded = resolve::load(reference);
    let gazetteer = pipeline::gazetteer(&loaded.index);
    let ingested = read_inputs(paths, &[]);
    let mut settings = Settings::new(as_of, as_of_source);
    settings.normalize = configured_normalize()?;
    settings.lexicon = loaded.index.lexicon().clone();
    let claims = pipeline::extract_all(&ingested.sources, &gazetteer, &settings, &|| {});
    let list: Vec<ExtractedClaim> = claims.iter().map(ExtractedClaim::from).collect();
    let mut output = serde_json::to_string_pretty(&serde_json::json!({
        "claimcheck_version": env!("CARGO_PKG_VERSION"),
        "as_of": as_of.to_string(),
        "claims": list,
    }))
    .expect("claims serialize");
    output.push('\n');
    Ok(Done {
        notes: Vec::new(),
        output,
        outcome: Outcome::of_problems(&ingested.errors),
        problems: ingested.errors,
    })
}

/// A claim as `claimcheck extract` prints it.
#[derive(serde::Serialize)]
struct ExtractedClaim<'a> {
    id: &'a str,
    document: &'a str,
    span: crate::model::Span,
    text: &'a str,
    sentence: &'a str,
    subjects: Vec<serde_json::Value>,
    metric: Option<&'a str>,
    quantity: Option<&'a Quantity>,
    error: Option<String>,
    as_of: String,
    as_of_source: AsOfSource,
}

impl<'a> From<&'a Claim> for ExtractedClaim<'a> {
    fn from(c: &'a Claim) -> Self {
        ExtractedClaim {
            id: &c.id,
            document: &c.document,
            span: c.span,
            text: &c.text,
            sentence: &c.sentence,
            subjects: c
                .subjects
                .iter()
                .map(|s| match s {
                    SubjectRef::Named { mention } => {
                        serde_json::json!({"mention": mention, "kind": "named"})
                    }
                    SubjectRef::Coref { mention } => {
                        serde_json::json!({"mention": mention, "kind": "coreference"})
                    }
                })
                .collect(),
            metric: c.metric.as_ref().map(|m| m.name.as_str()),
            quantity: c.quantity.as_ref().ok(),
            error: c.quantity.as_ref().err().map(|e| e.to_string()),
            as_of: c.as_of.to_string(),
            as_of_source: c.as_of_source,
        }
    }
}
