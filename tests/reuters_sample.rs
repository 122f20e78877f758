//! Issue 3: a random sample of the quantity mentions claimcheck found in the
//! Reuters-21578 archive, labelled by hand (tests/data/reuters-sample.csv,
//! drawn with scripts/reuters_sample.py). Every mention labelled a quantity
//! is still found; no mention labelled not a quantity (a split ratio, a name,
//! a year in a table) is. Skipped, with a message, when the archive is absent.

use std::collections::HashMap;
use std::path::Path;

use claimcheck::ingest::{read_bytes, Format, Ingested};
use claimcheck::model::AsOfSource;
use claimcheck::pipeline::{self, Settings};
use claimcheck::resolve::Index;

mod support;

/// The archive, in `../shared/`.
const ARCHIVE: &str = "data/reuters-21578/articles.jsonl";

/// `text` with every run of whitespace as one space, and for each byte of
/// `text` the offset it has in the result.
fn squeeze(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    let mut space = false;
    for (i, c) in text.char_indices() {
        while map.len() < i {
            map.push(out.len());
        }
        if c.is_whitespace() {
            map.push(out.len());
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            map.push(out.len());
            out.push(c);
            space = false;
        }
    }
    while map.len() <= text.len() {
        map.push(out.len());
    }
    (out, map)
}

#[test]
fn issue_3_labelled_reuters_sample() {
    let Some(archive) = support::shared("issue_3_labelled_reuters_sample", ARCHIVE) else {
        return;
    };
    let sample = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/reuters-sample.csv"),
    )
    .unwrap();
    let mut rows = csv::Reader::from_reader(sample.as_bytes());
    let rows: Vec<HashMap<String, String>> = rows.deserialize().map(Result::unwrap).collect();
    assert!(rows.len() >= 100, "{} rows", rows.len());
    let wanted: Vec<&str> = rows.iter().map(|r| r["article"].as_str()).collect();
    let mut lines: HashMap<String, String> = HashMap::new();
    for line in std::fs::read_to_string(&archive).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let id = v["id"].as_str().unwrap();
        if wanted.contains(&id) {
            lines.insert(id.to_string(), line.to_string());
        }
    }
    let settings = Settings::new("2017-11-11".parse().unwrap(), AsOfSource::Option);
    let mut wrong = Vec::new();
    for row in &rows {
        let line = &lines[&row["article"]];
        let body = serde_json::from_str::<serde_json::Value>(line).unwrap()["body"]
            .as_str()
            .unwrap()
            .to_string();
        let mut ingested = Ingested::default();
        read_bytes(
            "a.jsonl",
            Format::Jsonl,
            line.clone().into_bytes(),
            &mut ingested,
        );
        let findings = pipeline::check(&ingested.sources, &Index::default(), &settings, &|| {});
        let (flat, map) = squeeze(&body);
        let context = &row["context"];
        let at = flat.find(context.as_str()).unwrap_or_else(|| {
            panic!("{}: context {context:?} not in the article", row["article"])
        });
        let mention = at
            + context
                .find(row["mention"].as_str())
                .expect("mention in context");
        let mention = mention..mention + row["mention"].len();
        let found = findings.iter().any(|f| {
            let (s, e) = (
                map[f.span.start.min(body.len())],
                map[f.span.end.min(body.len())],
            );
            s < mention.end && mention.start < e
        });
        let quantity = row["label"] == "quantity";
        if found != quantity {
            wrong.push(format!(
                "{} {:?} ({}): labelled {}, {}",
                row["article"],
                row["mention"],
                context,
                row["label"],
                if found { "found" } else { "not found" }
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
