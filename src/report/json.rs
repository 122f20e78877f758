//! `--format json`: the report as DESIGN.md's JSON contract. The model's
//! serde derives are the contract; this file only fixes the layout
//! (pretty-printed, two-space indent, trailing newline).

use std::io::Write;

use serde::Serialize;

use crate::model::{CatalogInfo, Report, Summary};
use crate::util::json::{self, Layout};

use super::{stream, WriteError};

/// Every key of the report but the claims, laid out as in the report.
#[derive(Serialize)]
struct Head<'a> {
    claimcheck_version: &'a str,
    as_of: &'a str,
    catalog: &'a Option<CatalogInfo>,
    reference: &'a Option<String>,
    summary: &'a Summary,
    claims: [(); 0],
}

/// Write the bytes of `serde_json::to_string_pretty(report)` and a newline,
/// with the claims serialized in parallel (see [`document`]).
pub(super) fn write(report: &Report, out: &mut dyn Write) -> Result<(), WriteError> {
    let head = Head {
        claimcheck_version: &report.claimcheck_version,
        as_of: &report.as_of,
        catalog: &report.catalog,
        reference: &report.reference,
        summary: &report.summary,
        claims: [],
    };
    document(&head, &report.claims, stream::carried, out)
}

/// Write a pretty-printed JSON document and a newline: `head`'s keys, the
/// last of them `claims: []`, whose array is filled with every item,
/// serialized in parallel (see [`stream::items`]) by serde's
/// own pretty formatter set to the depth an item has in the document, so
/// the bytes are `serde_json::to_string_pretty` of the whole.
/// `carried(item)` is the text bytes an item brings (for the stream's
/// chunks). `claimcheck extract` writes its document with it too.
pub(crate) fn document<H: Serialize, T: Serialize + Sync>(
    head: &H,
    items: &[T],
    carried: impl Fn(&T) -> usize,
    out: &mut dyn Write,
) -> Result<(), WriteError> {
    let head = serde_json::to_string_pretty(head).map_err(super::RenderError::from)?;
    if items.is_empty() {
        out.write_all(head.as_bytes())?;
        out.write_all(b"\n")?;
        return Ok(());
    }
    let open = head
        .strip_suffix("[]\n}")
        .expect("the head ends with its empty claims array");
    out.write_all(open.as_bytes())?;
    out.write_all(b"[\n")?;
    // An item sits in the document's object, in its claims array: two
    // levels in.
    let at_depth = Layout::Pretty { depth: 2 };
    stream::items(items, carried, out, |first, run| {
        let mut bytes = json::Writer::with_capacity(run.len() * 1024);
        for (i, item) in run.iter().enumerate() {
            if first + i > 0 {
                bytes.push(b",\n");
            }
            bytes.push(b"    ");
            bytes.write(item, at_depth)?;
        }
        Ok(bytes.into_bytes())
    })?;
    out.write_all(b"\n  ]\n}\n")?;
    Ok(())
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
        for key in [
            "claimcheck_version",
            "as_of",
            "catalog",
            "reference",
            "summary",
            "claims",
        ] {
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
