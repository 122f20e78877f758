//! `claimcheck extract`: the claims of the inputs, found and normalized
//! but not verified, as a JSON document. The reference folder only lends
//! its names to the subject finder; without one, extraction still runs.
//!
//! The document is written as it is rendered (see `report::stream`), each
//! claim serialized from its fields straight to bytes: no JSON tree is
//! built, and the whole output is never held in memory. The layout is that
//! of `serde_json::to_string_pretty` of a `serde_json::Value` (keys in
//! alphabetical order at every level), byte for byte: a test holds the two
//! equal.

use std::io::Write;
use std::path::Path;

use serde::ser::SerializeMap;
use serde::Serialize;

use super::{as_of, configured_normalize, read_inputs, AppError, Done, Outcome};
use crate::extract::{Claim, Gazetteer, SubjectRef};
use crate::model::{Quantity, Span};
use crate::pipeline::{self, Settings};
use crate::report::WriteError;
use crate::resolve;
use crate::util::numfmt::Num;

/// `claimcheck extract`: claims, normalized, not verified, as JSON.
pub fn extract(
    paths: &[String],
    reference: &Path,
    as_of_option: Option<&str>,
) -> Result<Done, AppError> {
    let (as_of, as_of_source) = as_of(as_of_option)?;
    // The reference names help find subjects; without a readable folder,
    // extraction still runs with the catalog's names and capitalised ones.
    // Only the names are needed: the catalog's tables are not read.
    let names = resolve::load_names(Some(reference));
    let gazetteer = Gazetteer::new(&names.surface_names);
    let ingested = read_inputs(paths, &[]);
    let mut settings = Settings::new(as_of, as_of_source);
    settings.normalize = configured_normalize()?;
    settings.lexicon = names.lexicon;
    let claims = pipeline::extract_all(&ingested.sources, &gazetteer, &settings, &|| {});
    let as_of = as_of.to_string();
    Ok(Done {
        notes: Vec::new(),
        output: String::new(),
        body: Some(Box::new(move |out: &mut dyn Write| {
            write(&as_of, &claims, out)
        })),
        outcome: Outcome::of_problems(&ingested.errors),
        problems: ingested.errors,
    })
}

/// Every key of the document but the claims, in the document's order.
#[derive(Serialize)]
struct Head<'a> {
    as_of: &'a str,
    claimcheck_version: &'a str,
    claims: [(); 0],
}

/// Write the document: the head, then the claims, serialized in parallel
/// (see [`stream`]) by serde's pretty formatter set to the depth a claim
/// has in the document, then the closing brackets and a newline.
fn write(as_of: &str, claims: &[Claim], out: &mut dyn Write) -> Result<(), WriteError> {
    let head = Head {
        as_of,
        claimcheck_version: env!("CARGO_PKG_VERSION"),
        claims: [],
    };
    let shown: Vec<ExtractedClaim> = claims.iter().map(ExtractedClaim).collect();
    let carried = |c: &ExtractedClaim| 256 + c.0.sentence.len() + c.0.text.len();
    crate::report::json::document(&head, &shown, carried, out)
}

/// A claim as `claimcheck extract` prints it: its keys, and those of the
/// objects in it, in alphabetical order.
struct ExtractedClaim<'a>(&'a Claim);

impl Serialize for ExtractedClaim<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = self.0;
        let mut m = s.serialize_map(Some(11))?;
        m.serialize_entry("as_of", &Display(&c.as_of))?;
        m.serialize_entry("as_of_source", &c.as_of_source)?;
        m.serialize_entry("document", &*c.document)?;
        m.serialize_entry(
            "error",
            &c.quantity
                .as_ref()
                .err()
                .map(|e| Display(e as &dyn std::fmt::Display)),
        )?;
        m.serialize_entry("id", &c.id)?;
        m.serialize_entry("metric", &c.metric.as_ref().map(|m| m.name.as_str()))?;
        m.serialize_entry("quantity", &c.quantity.as_ref().ok().map(SortedQuantity))?;
        m.serialize_entry("sentence", &*c.sentence)?;
        m.serialize_entry("span", &SortedSpan(c.span))?;
        m.serialize_entry("subjects", &Subjects(&c.subjects))?;
        m.serialize_entry("text", &c.text)?;
        m.end()
    }
}

/// A value serialized as the string of its `Display`.
struct Display<'a, T: ?Sized>(&'a T);

impl<T: std::fmt::Display + ?Sized> Serialize for Display<'_, T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self.0)
    }
}

/// [`Quantity`]'s fields, in alphabetical order.
struct SortedQuantity<'a>(&'a Quantity);

impl Serialize for SortedQuantity<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let q = self.0;
        let mut m = s.serialize_map(Some(5))?;
        m.serialize_entry("high", &q.interval.high_value().map(Num))?;
        m.serialize_entry("kind", &q.kind)?;
        m.serialize_entry("low", &q.interval.low_value().map(Num))?;
        m.serialize_entry("point", &q.point.map(Num))?;
        m.serialize_entry("unit", &q.unit)?;
        m.end()
    }
}

/// [`Span`]'s fields, in alphabetical order.
struct SortedSpan(Span);

impl Serialize for SortedSpan {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("column", &self.0.column)?;
        m.serialize_entry("end", &self.0.end)?;
        m.serialize_entry("line", &self.0.line)?;
        m.serialize_entry("start", &self.0.start)?;
        m.end()
    }
}

/// The subject candidates, each `{"kind": ..., "mention": ...}`.
struct Subjects<'a>(&'a [SubjectRef]);

impl Serialize for Subjects<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|subject| {
            let (kind, mention) = match subject {
                SubjectRef::Named { mention } => ("named", mention),
                SubjectRef::Coref { mention } => ("coreference", mention),
                SubjectRef::Implicit { mention } => ("document", mention),
            };
            Subject { kind, mention }
        }))
    }
}

#[derive(Serialize)]
struct Subject<'a> {
    kind: &'a str,
    mention: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AsOfSource;

    /// The claim as the document printed it before it was streamed: a
    /// `serde_json::Value` built from the claim's fields.
    #[derive(Serialize)]
    struct AsValue<'a> {
        id: &'a str,
        document: &'a str,
        span: Span,
        text: &'a str,
        sentence: &'a str,
        subjects: Vec<serde_json::Value>,
        metric: Option<&'a str>,
        quantity: Option<&'a Quantity>,
        error: Option<String>,
        as_of: String,
        as_of_source: AsOfSource,
    }

    fn as_value(c: &Claim) -> AsValue<'_> {
        AsValue {
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
                    SubjectRef::Implicit { mention } => {
                        serde_json::json!({"mention": mention, "kind": "document"})
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

    fn document(claims: &[Claim]) -> String {
        let mut out = Vec::new();
        write("2017-11-11", claims, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The streamed document is byte for byte the pretty-printed tree it
    /// replaced, with claims of every kind (errors, subjects, no metric)
    /// and with none.
    #[test]
    fn same_bytes_as_the_value_tree() {
        let lexicon = crate::extract::Lexicon::default();
        let gazetteer = crate::extract::Gazetteer::new(vec!["Syria".to_string()]);
        let normalize = crate::normalize::Config::default();
        let as_of = jiff::civil::date(2017, 11, 11);
        let x = crate::extract::Extractor {
            gazetteer: &gazetteer,
            lexicon: &lexicon,
            normalize: &normalize,
            default_as_of: as_of,
            default_as_of_source: AsOfSource::Option,
        };
        let text = "The raging conflict in Syria is now in its sixth year, has caused \
            hundreds of thousands of deaths and wounded nearly two million. It said \
            \"quoted\" \\ figures: 4.1 percent, 1.8e7 people, 1e309 dollars and \
            12 per 1,000 live births. The Syrian army lost a third of it.";
        let mut read = crate::ingest::Ingested::default();
        let format = crate::ingest::Format::Text;
        crate::ingest::read_bytes("a.txt", format, text.as_bytes().to_vec(), &mut read);
        let claims = crate::extract::extract(&read.sources[0], &x);
        assert!(claims.len() > 4, "{}", claims.len());
        assert!(claims.iter().any(|c| c.quantity.is_err()));
        assert!(claims.iter().any(|c| !c.subjects.is_empty()));
        for n in [0, 1, claims.len()] {
            let list: Vec<AsValue> = claims[..n].iter().map(as_value).collect();
            let mut expected = serde_json::to_string_pretty(&serde_json::json!({
                "claimcheck_version": env!("CARGO_PKG_VERSION"),
                "as_of": "2017-11-11",
                "claims": list,
            }))
            .unwrap();
            expected.push('\n');
            assert_eq!(document(&claims[..n]), expected);
        }
    }
}
