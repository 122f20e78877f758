//! DESIGN.md's verdict rules on the bundled reference data, claim by claim,
//! through the library (ingest -> extract -> resolve -> verify).

use std::sync::OnceLock;

use claimcheck::ingest::{self, Format, Ingested};
use claimcheck::model::{AsOfSource, Finding, Verdict};
use claimcheck::pipeline::{self, Settings};
use claimcheck::resolve::{self, Index};

const REFERENCE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/reference-data");

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let loaded = resolve::load(std::path::Path::new(REFERENCE));
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        loaded.index
    })
}

/// The bundled reference with only the catalog's population table:
/// population and conflicts, but no rate series such as
/// `population_growth`, so a one-year percent change of population is
/// computed from two population rows (the derived reading of issue 6), not
/// read as a level of the rate series (issue 16).
fn index_without_rate_series() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let population = resolve::CatalogUse::Metrics(["population".to_string()].into());
        let loaded = resolve::load_from(Some(std::path::Path::new(REFERENCE)), &population);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert!(
            loaded.index.metric_id("population_growth").is_none(),
            "the catalog's rate series are left out"
        );
        loaded.index
    })
}

fn check(text: &str, as_of: &str) -> Vec<Finding> {
    check_in(index(), text, as_of)
}

fn check_in(index: &Index, text: &str, as_of: &str) -> Vec<Finding> {
    let line = serde_json::json!({"id": "t", "text": text, "as_of": as_of});
    check_line(index, line)
}

/// The findings of one JSON Lines input line (a claim row or an archive's
/// article).
fn check_line(index: &Index, line: serde_json::Value) -> Vec<Finding> {
    let mut ingested = Ingested::default();
    let bytes = line.to_string().into_bytes();
    ingest::read_bytes("t.jsonl", Format::Jsonl, bytes, &mut ingested);
    assert!(ingested.errors.is_empty(), "{:?}", ingested.errors);
    let settings = Settings::new("2017-11-11".parse().unwrap(), AsOfSource::Option);
    pipeline::check(&ingested.sources, index, &settings, &|| {})
}

fn verdict(text: &str, as_of: &str) -> Finding {
    verdict_in(index(), text, as_of)
}

fn verdict_in(index: &Index, text: &str, as_of: &str) -> Finding {
    let findings = check_in(index, text, as_of);
    findings
        .iter()
        .find(|f| f.verdict != Verdict::Unverifiable)
        .or(findings.first())
        .cloned()
        .unwrap_or_else(|| panic!("no claim in {text:?}"))
}

#[test]
fn design_examples() {
    let cases = [
        // (claim, as-of, verdict, entity)
        (
            "Indonesia had 168 million people in 1987.",
            "1987-12-31",
            Verdict::Supported,
            "Indonesia",
        ),
        (
            "Russia has a population of about 170 million.",
            "2017-11-11",
            Verdict::Contradicted,
            "Russian Federation",
        ),
        (
            "The war in Syria has killed more than half a million people.",
            "2017-11-11",
            Verdict::Contradicted,
            "Syrian civil war",
        ),
        (
            "The Syrian war has wounded nearly two million people.",
            "2017-11-11",
            Verdict::Supported,
            "Syrian civil war",
        ),
        (
            "Niger has a population of about 20 million.",
            "2016-12-31",
            Verdict::Supported,
            "Niger",
        ),
        (
            "Nigeria has a population of about 20 million.",
            "2016-12-31",
            Verdict::Contradicted,
            "Nigeria",
        ),
        (
            "The Iraq war lasted more than eight years.",
            "2013-01-01",
            Verdict::Supported,
            "Iraq War",
        ),
    ];
    let mut wrong = Vec::new();
    for (text, as_of, expected, entity) in cases {
        let f = verdict(text, as_of);
        let got_entity = f
            .subject
            .as_ref()
            .and_then(|s| s.entity.clone())
            .unwrap_or_default();
        if f.verdict != expected || got_entity != entity {
            wrong.push(format!(
                "{text}: expected {expected} ({entity}), got {} ({got_entity}): {}",
                f.verdict, f.explanation
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_hit_within_tolerance_is_supported() {
    // 168 million against the World Bank's 173.5 million (1987): outside the
    // claim's stated precision, inside the reference's 3 % tolerance.
    let near = verdict("Indonesia had 168 million people in 1987.", "1987-12-31");
    assert_eq!(near.verdict, Verdict::Supported, "{}", near.explanation);
    let far = verdict("Indonesia had 160 million people in 1987.", "1987-12-31");
    assert_eq!(far.verdict, Verdict::Contradicted, "{}", far.explanation);
}

#[test]
fn only_the_population_figure_is_a_population_claim() {
    let findings = check(
        "About one million South Koreans, out of a population of 51 million, invest in stocks.",
        "2017-12-31",
    );
    assert_eq!(findings.len(), 2);
    assert_eq!(findings[0].metric, None);
    assert_eq!(findings[0].verdict, Verdict::Unverifiable);
    assert_eq!(findings[1].metric.as_deref(), Some("population"));
    assert_eq!(findings[1].verdict, Verdict::Supported);
    assert_eq!(
        findings[1].subject.as_ref().unwrap().entity.as_deref(),
        Some("Korea, Rep.")
    );
}

#[test]
fn evidence_traces_to_file_and_line() {
    let f = verdict("Syria had about 18 million people in 2017.", "2017-12-31");
    let e = &f.evidence[0];
    // A built-in catalog row names its file in the catalog; the repository
    // holds that file under reference-data/catalog/.
    let inside = e
        .file
        .strip_prefix("catalog:")
        .unwrap_or_else(|| panic!("{}", e.file));
    assert_eq!(inside, "worldbank-population.csv");
    let line = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("reference-data/catalog")
            .join(inside),
    )
    .unwrap()
    .lines()
    .nth(e.line as usize - 1)
    .unwrap()
    .to_string();
    assert!(line.starts_with("Syrian Arab Republic,SYR,2017,"), "{line}");
}

#[test]
fn a_year_in_the_sentence_sets_the_period() {
    let old = verdict(
        "Indonesia had about 173 million people in 1987.",
        "2017-11-11",
    );
    assert_eq!(old.verdict, Verdict::Supported, "{}", old.explanation);
    assert_eq!(old.evidence[0].date, "1987");
    let before_data = verdict(
        "Indonesia had about 50 million people in 1950.",
        "2017-11-11",
    );
    assert_eq!(before_data.verdict, Verdict::Unverifiable);
    assert_eq!(
        before_data.reason,
        Some(claimcheck::model::Reason::NoRowForPeriod)
    );
}

#[test]
fn a_stale_row_is_noted_and_lowers_confidence() {
    let fresh = verdict("Syria had about 24.7 million people in 2024.", "2024-12-31");
    let stale = verdict("Syria has about 24.7 million people.", "2030-01-01");
    assert_eq!(stale.verdict, Verdict::Supported);
    assert!(stale.explanation.contains("note:"), "{}", stale.explanation);
    // The fitted model (src/verify/confidence.toml) lowers confidence for a
    // stale row; at two decimals the drop can round away near the top.
    assert!(stale.confidence <= fresh.confidence);
}

/// issue 4: when two datasets give the same entity and metric, the evidence
/// lists both, and their disagreement lowers the confidence.
#[test]
fn issue_4_disagreeing_sources_lower_confidence() {
    let dir = tempfile::tempdir().unwrap();
    let header = "entity,metric,value,low,high,unit,date,source,url\n";
    std::fs::write(
        dir.path().join("a.csv"),
        format!("{header}Freedonia,deaths,100000,,,people,2016,Desk A,\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.csv"),
        format!("{header}Freedonia,deaths,130000,,,people,2016,Desk B,\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("c.csv"),
        format!("{header}Sylvania,deaths,100000,,,people,2016,Desk A,\n"),
    )
    .unwrap();
    let loaded = resolve::load(dir.path());
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let run = |text: &str| {
        let mut ingested = Ingested::default();
        let line = serde_json::json!({"id": "t", "text": text, "as_of": "2017-06-01"}).to_string();
        ingest::read_bytes("t.jsonl", Format::Jsonl, line.into_bytes(), &mut ingested);
        let settings = Settings::new("2017-06-01".parse().unwrap(), AsOfSource::Option);
        pipeline::check(&ingested.sources, &loaded.index, &settings, &|| {}).remove(0)
    };
    let disputed = run("The fighting in Freedonia has killed about 100,000 people.");
    let agreed = run("The fighting in Sylvania has killed about 100,000 people.");
    assert_eq!(
        disputed.verdict,
        Verdict::Supported,
        "{}",
        disputed.explanation
    );
    assert_eq!(disputed.evidence.len(), 2, "both datasets are cited");
    assert!(
        disputed.explanation.contains("sources disagree"),
        "{}",
        disputed.explanation
    );
    assert_eq!(agreed.verdict, Verdict::Supported);
    assert!(
        disputed.confidence < agreed.confidence,
        "{} vs {}",
        disputed.confidence,
        agreed.confidence
    );
}

/// Issue 6, derived claims: each form gives its verdict from two reference
/// rows, shows the arithmetic, and cites both rows as evidence (against a
/// reference with no rate series: with `population_growth` there, "grew 1.2
/// percent in 2016" is a level of that series).
#[test]
fn issue_6_derived_claims_are_checked_against_two_rows() {
    let cases = [
        // (claim, as-of, verdict, form, words the explanation must hold)
        (
            "Nigeria's population doubled between 1990 and 2015.",
            "2016-06-01",
            Verdict::Supported,
            "change",
            vec!["1990 = ", "2015 = ", "×"],
        ),
        (
            "Niger's population tripled between 1990 and 2015.",
            "2016-01-01",
            Verdict::Contradicted,
            "change",
            vec!["1990 = ", "2015 = "],
        ),
        (
            "India's population grew 1.2 percent in 2016.",
            "2017-03-01",
            Verdict::Supported,
            "change",
            vec!["2015 = ", "2016 = ", "+1.2"],
        ),
        (
            "India's population grew 2.5 percent in 2016.",
            "2017-03-01",
            Verdict::Contradicted,
            "change",
            vec!["2015 = ", "2016 = "],
        ),
        (
            "Bulgaria's population fell by a fifth between 1990 and 2016.",
            "2017-01-10",
            Verdict::Supported,
            "change",
            vec!["−20.92 %"],
        ),
        (
            "In 2015, Nigeria had about seven times as many people as Ghana.",
            "2016-01-01",
            Verdict::Supported,
            "ratio",
            vec!["÷ Ghana population 2015"],
        ),
        (
            "In 2015, Germany had twice as many people as Poland.",
            "2016-01-01",
            Verdict::Supported,
            "ratio",
            vec!["÷ Poland"],
        ),
        (
            "In 2015, one in three people in the world lived in India.",
            "2016-01-01",
            Verdict::Contradicted,
            "share",
            vec!["÷ World population 2015"],
        ),
        (
            "In 2010, China was home to about 19 percent of the world's population.",
            "2011-01-01",
            Verdict::Supported,
            "share",
            vec!["÷ World population 2010"],
        ),
    ];
    for (text, as_of, want, form, words) in cases {
        let f = verdict_in(index_without_rate_series(), text, as_of);
        assert_eq!(f.verdict, want, "{text}: {}", f.explanation);
        let derived = f
            .derived
            .as_ref()
            .unwrap_or_else(|| panic!("{text}: not derived"));
        assert_eq!(derived.form, form, "{text}");
        assert!(derived.computed.is_some(), "{text}");
        assert_eq!(f.evidence.len(), 2, "{text}: both rows are evidence");
        for w in words {
            assert!(
                f.explanation.contains(w),
                "{text}: {w:?} not in {}",
                f.explanation
            );
        }
    }
}

/// A derived claim that cannot be computed says why, and is never guessed
/// (against a reference with no rate series, as above).
#[test]
fn issue_6_derived_claims_without_a_base_or_entity_are_unverifiable() {
    let cases = [
        (
            "Nigeria's population has doubled.",
            "the period it is measured over",
        ),
        ("Syria's population rose 2 percent in 1955.", "for 1955"),
        ("In 2015, Lagos had twice as many people as Accra.", "Lagos"),
    ];
    for (text, why) in cases {
        let f = verdict_in(index_without_rate_series(), text, "2016-01-01");
        assert_eq!(
            f.verdict,
            Verdict::Unverifiable,
            "{text}: {}",
            f.explanation
        );
        assert!(f.explanation.contains(why), "{text}: {}", f.explanation);
    }
}

/// "from 78 million in 1990 to 82 million in 2016": the second figure counts
/// what the first does, and each is checked against its own year.
#[test]
fn from_to_figures_share_the_metric_and_take_their_own_years() {
    let findings = check(
        "The population of Germany rose from 78 million in 1990 to 82 million in 2016.",
        "2017-01-01",
    );
    assert_eq!(findings.len(), 2);
    for (f, year) in findings.iter().zip(["1990", "2016"]) {
        assert_eq!(f.metric.as_deref(), Some("population"), "{}", f.text);
        assert_eq!(f.verdict, Verdict::Supported, "{}", f.explanation);
        assert!(
            f.explanation.contains(&format!("({year})")),
            "{}",
            f.explanation
        );
    }
}

/// A people as the counted noun ("145 million Russians") is a population
/// claim about its country, checked when the sentence says they live or
/// were counted, and never contradicted when it does not or names another
/// place.
#[test]
fn demonyms_count_a_countrys_people_only_at_home() {
    let f = verdict(
        "Some 145 million Russians were counted in 2017.",
        "2018-01-01",
    );
    assert_eq!(f.verdict, Verdict::Supported, "{}", f.explanation);
    assert_eq!(
        f.subject.as_ref().and_then(|s| s.entity.as_deref()),
        Some("Russian Federation")
    );
    let f = verdict(
        "There were about 170 million Russians in 2017.",
        "2018-01-01",
    );
    assert_eq!(f.verdict, Verdict::Contradicted, "{}", f.explanation);
    for text in [
        "Two million Turks live in Germany.",
        "500 Russians were arrested in 2017.",
        "About 2.5 million Americans live abroad.",
    ] {
        let f = verdict(text, "2018-01-01");
        assert_eq!(
            f.verdict,
            Verdict::Unverifiable,
            "{text}: {}",
            f.explanation
        );
    }
}

/// Derived claims read only what their own clause says (cases from a code
/// review, each once read wrongly; against a reference with no rate series,
/// as above).
#[test]
fn derived_claims_read_their_own_clause() {
    // A change by an amount is new − old, not a level.
    let f = verdict_in(
        index_without_rate_series(),
        "Syria's population fell by half a million in 2016.",
        "2017-11-11",
    );
    assert_eq!(
        f.derived.as_ref().map(|d| d.form),
        Some("change_by"),
        "{}",
        f.explanation
    );
    assert_eq!(f.verdict, Verdict::Contradicted, "{}", f.explanation);
    assert!(
        f.explanation.contains("2015 = ") && f.explanation.contains("−230,784"),
        "{}",
        f.explanation
    );
    let f = verdict_in(
        index_without_rate_series(),
        "Nigeria's population grew by 5 million in 2016.",
        "2017-11-11",
    );
    assert_eq!(f.verdict, Verdict::Supported, "{}", f.explanation);
    // The period is the figure's own: not a date in another clause.
    let f = verdict_in(
        index_without_rate_series(),
        "India's population rose 2.7 percent in 2010, the office said in 2017.",
        "2017-11-11",
    );
    assert!(f.explanation.contains("2009 = "), "{}", f.explanation);
    let f = verdict_in(
        index_without_rate_series(),
        "India's population rose 1.2 percent in 2016, the fastest pace since 1990.",
        "2017-11-11",
    );
    assert_eq!(f.verdict, Verdict::Supported, "{}", f.explanation);
    for (text, why) in [
        (
            // A yearly average over many years is neither one year's change
            // nor a population: percent against people is never compared.
            "Nigeria's population grew 2.6 percent a year since 2000.",
            "the claim is in percent and the reference in people",
        ),
        (
            "Nigeria's population has doubled, said an official with 20 years of experience.",
            "the period",
        ),
        (
            // The period words of the clause ("months") now say it first:
            // a half-year's change is no calendar year's figure.
            "India's population rose 3 percent in the last six months.",
            "other than a calendar year",
        ),
        (
            "China accounts for 30 percent of the world's steel output.",
            "what the number counts",
        ),
        (
            "About 7 percent of Nigeria\u{2019}s population lives in Lagos.",
            "with itself",
        ),
        (
            "One in five Syrians live in Lebanon.",
            "what the number counts",
        ),
        ("\u{130} doubled\u{2014} \u{1e9e}", "what the number counts"),
    ] {
        let findings = check_in(index_without_rate_series(), text, "2017-11-11");
        for f in &findings {
            assert_eq!(
                f.verdict,
                Verdict::Unverifiable,
                "{text}: {}",
                f.explanation
            );
        }
        assert!(
            findings.iter().any(|f| f.explanation.contains(why)),
            "{text}: {why:?} in none of {:?}",
            findings.iter().map(|f| &f.explanation).collect::<Vec<_>>()
        );
    }
}

/// The findings of `body` read as an archive's article dated `date`, where
/// every figure of the text is a claim.
fn check_article(body: &str, date: &str) -> Vec<Finding> {
    let line = serde_json::json!({"id": "a", "date": date, "title": "t", "body": body});
    check_line(index(), line)
}

/// A figure read from running text is misread more often than a claim a
/// person wrote down (the archive audits: a forecast, a part, another
/// series), and the further it lies from the row, the likelier that is.
/// The same sentence gets the same verdict either way, but as an article's
/// figure ten times the row (Switzerland's 1986 inflation is 0.75 %) it is
/// more likely a misreading than a false figure; one on the row is as sure
/// as a written claim's.
#[test]
fn a_figure_far_off_its_row_in_running_text_is_not_sure_to_be_false() {
    let far = "Switzerland's inflation rate was 7.5 pct in 1986.";
    let as_claim = verdict(far, "1987-03-01");
    let in_article = check_article(far, "1987-03-01");
    assert_eq!(in_article.len(), 1, "{in_article:#?}");
    let in_article = &in_article[0];
    assert_eq!(as_claim.verdict, Verdict::Contradicted, "{as_claim:#?}");
    assert_eq!(in_article.verdict, Verdict::Contradicted, "{in_article:#?}");
    assert!(as_claim.confidence >= 0.9, "{}", as_claim.confidence);
    assert!(in_article.confidence < 0.5, "{}", in_article.confidence);

    let near = "Switzerland's inflation rate was 0.75 pct in 1986.";
    let as_claim = verdict(near, "1987-03-01");
    let in_article = &check_article(near, "1987-03-01")[0];
    assert_eq!(as_claim.verdict, Verdict::Supported, "{as_claim:#?}");
    assert_eq!(in_article.verdict, Verdict::Supported, "{in_article:#?}");
    assert!(in_article.confidence >= 0.95, "{}", in_article.confidence);
    assert!(as_claim.confidence >= 0.95, "{}", as_claim.confidence);
}
