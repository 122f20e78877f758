//! Property tests of the entry points that read untrusted input: the article
//! and claim-file readers, and the whole pipeline behind them. They never
//! panic, and no claim row is lost: every row is a source or an error.

use claimcheck::ingest::{read_bytes, Format, Ingested};
use claimcheck::model::{AsOfSource, Report};
use claimcheck::pipeline::{self, Settings};
use claimcheck::report::{self, Format as Out, RenderOptions};
use claimcheck::resolve::Index;
use proptest::prelude::*;

fn pipeline_and_render(ingested: &Ingested) -> usize {
    let settings = Settings::new("2017-11-11".parse().unwrap(), AsOfSource::Option);
    let findings = pipeline::check(&ingested.sources, &Index::default(), &settings, &|| {});
    let n = findings.len();
    let report = Report::new(settings.as_of, None, findings);
    for f in Out::ALL {
        report::render(&report, f, &RenderOptions::default()).unwrap();
    }
    n
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn articles_never_panic(text in "(\\PC|\n|---\n|date: 20[0-9]{2}-[0-9]{2}-[0-9]{2}\n| [0-9,.]{1,9} | million | nearly | in its [a-z]+ year)*") {
        for format in [Format::Markdown, Format::Text] {
            let mut ingested = Ingested::default();
            read_bytes("p.md", format, text.clone().into_bytes(), &mut ingested);
            pipeline_and_render(&ingested);
        }
    }

    #[test]
    fn every_claim_row_is_reported_or_named(rows in proptest::collection::vec("[a-zA-Z0-9 ,.\"]{0,40}", 1..20)) {
        let mut file = String::from("id,text,as_of\n");
        for (i, r) in rows.iter().enumerate() {
            let quoted = r.replace('"', "\"\"");
            file.push_str(&format!("r{i},\"{quoted}\",\n"));
        }
        let mut ingested = Ingested::default();
        read_bytes("p.csv", Format::Csv, file.into_bytes(), &mut ingested);
        prop_assert_eq!(ingested.sources.len() + ingested.errors.len(), rows.len());
        let findings = pipeline_and_render(&ingested);
        prop_assert!(findings >= ingested.sources.len(), "a row with no quantity is still a finding");
    }

    #[test]
    fn arbitrary_bytes_as_claim_files_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        for format in [Format::Csv, Format::Jsonl, Format::Markdown] {
            let mut ingested = Ingested::default();
            read_bytes("p", format, bytes.clone(), &mut ingested);
            pipeline_and_render(&ingested);
        }
    }
}

fn bundled_index() -> &'static Index {
    static INDEX: std::sync::OnceLock<Index> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        claimcheck::resolve::load(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/reference-data"
        )))
        .index
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Sentences made of the words derived claims are read from, checked
    /// against the bundled data: no panic, and every derived verdict rests
    /// on two rows and a finite ratio inside no inverted interval.
    #[test]
    fn derived_claims_never_panic_and_rest_on_two_rows(words in proptest::collection::vec(proptest::sample::select(vec![
        "Nigeria's", "India", "Ghana", "the world's", "population", "people", "Syrians", "doubled", "nearly",
        "more than", "halved", "tripled", "twice", "as many", "as", "times", "three", "one in", "six", "a third",
        "by", "rose", "fell", "2.3 percent", "18 percent", "of", "since", "1990", "between", "and", "2015",
        "last year", "in 2016", "from", "to", "78 million", "over the past decade", "—", "İstanbul", ".",
    ]), 1..18)) {
        let text = words.join(" ");
        let mut ingested = Ingested::default();
        read_bytes("p.txt", Format::Text, text.clone().into_bytes(), &mut ingested);
        let settings = Settings::new("2017-11-11".parse().unwrap(), AsOfSource::Option);
        for f in pipeline::check(&ingested.sources, bundled_index(), &settings, &|| {}) {
            let Some(d) = &f.derived else { continue };
            if f.verdict != claimcheck::model::Verdict::Unverifiable {
                prop_assert_eq!(f.evidence.len(), 2, "{}: {}", text, f.explanation);
                prop_assert!(d.computed.is_some_and(f64::is_finite), "{}", text);
            }
            if let (Some(l), Some(h)) = (d.claimed.low_value(), d.claimed.high_value()) {
                prop_assert!(l <= h, "{}", text);
            }
        }
    }
}
