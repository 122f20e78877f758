//! Issue 19, "wrong results at high confidence": a figure is checked against
//! the subject of its own clause, a year outside the usual span is the
//! claim's period, a stale row lowers confidence, and a long sentence gives
//! each claim a bounded window of it. Each test drives the real binary on a
//! claim file against the bundled reference folder.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// The JSON Lines findings of `claimcheck check` on a claim CSV of
/// (text, as_of) rows.
fn check(rows: &[(&str, &str)]) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("id,text,as_of\n");
    for (i, (text, as_of)) in rows.iter().enumerate() {
        csv.push_str(&format!("c{i},\"{}\",{as_of}\n", text.replace('"', "\"\"")));
    }
    let file = dir.path().join("claims.csv");
    std::fs::write(&file, csv).unwrap();
    let reference = Path::new(env!("CARGO_MANIFEST_DIR")).join("reference-data");
    let out = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(["check", "--no-fail", "--format", "jsonl", "--reference"])
        .arg(&reference)
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The finding whose text is `text`.
fn finding<'a>(findings: &'a [Value], text: &str) -> &'a Value {
    findings
        .iter()
        .find(|f| f["text"] == text)
        .unwrap_or_else(|| panic!("no claim {text:?} in {findings:#?}"))
}

fn entity(f: &Value) -> &str {
    f["subject"]["entity"].as_str().unwrap_or("")
}

#[test]
fn item_08_a_figure_belongs_to_the_subject_of_its_own_clause() {
    let f = check(&[(
        "Nigeria's population was 190 million in 2016; Russia had 146 million people.",
        "2017-01-01",
    )]);
    let nigeria = finding(&f, "190 million");
    assert_eq!(entity(nigeria), "Nigeria", "{nigeria:#}");
    assert_eq!(nigeria["verdict"], "supported", "{nigeria:#}");
    let russia = finding(&f, "146 million");
    assert_eq!(entity(russia), "Russian Federation", "{russia:#}");
    assert_eq!(russia["verdict"], "supported", "{russia:#}");
}

#[test]
fn item_08_an_unknown_subject_is_unknown_not_its_neighbour() {
    for text in [
        "Atlantis had 7 million people, unlike Russia.",
        "Atlantis had 7 million people, while Russia had 146 million.",
        "Atlantis had 7 million people; Russia is far larger.",
    ] {
        let f = check(&[(text, "2017-01-01")]);
        let atlantis = finding(&f, "7 million");
        assert_eq!(atlantis["verdict"], "unverifiable", "{text}: {atlantis:#}");
        assert_eq!(atlantis["reason"], "unknown_entity", "{text}: {atlantis:#}");
        assert_eq!(atlantis["subject"]["mention"], "Atlantis", "{text}");
    }
}

#[test]
fn item_08_a_name_in_an_aside_does_not_take_the_figure() {
    for text in [
        "Russia, unlike Nigeria, had 146 million people in 2017.",
        "Russia, while smaller than China, had 146 million people in 2017.",
    ] {
        let f = check(&[(text, "2018-01-01")]);
        let russia = finding(&f, "146 million");
        assert_eq!(entity(russia), "Russian Federation", "{text}: {russia:#}");
        assert_eq!(russia["verdict"], "supported", "{text}: {russia:#}");
    }
}

#[test]
fn item_08_a_clause_with_no_name_of_its_own_keeps_the_sentence_subject() {
    // The second clause names no one: its figure is still Russia's.
    let f = check(&[(
        "Russia is vast; its population was 146 million in 2017.",
        "2018-01-01",
    )]);
    let russia = finding(&f, "146 million");
    assert_eq!(entity(russia), "Russian Federation", "{russia:#}");
    assert_eq!(russia["verdict"], "supported", "{russia:#}");
}

#[test]
fn item_09_years_outside_1800_to_2100_are_the_claims_period() {
    let f = check(&[
        ("Russia had about 18 million people in 1500.", "2017-01-01"),
        ("Russia will have 146 million people in 2200.", "2017-01-01"),
    ]);
    assert!(
        f.iter().all(|x| x["text"] != "1500" && x["text"] != "2200"),
        "a year is not a claim: {f:#?}"
    );
    let old = finding(&f, "about 18 million");
    assert_eq!(old["verdict"], "unverifiable", "{old:#}");
    assert_eq!(old["reason"], "no_row_for_period", "{old:#}");
    let far = finding(&f, "146 million");
    assert_eq!(far["verdict"], "unverifiable", "{far:#}");
    // "in 1500 cases" stays a count; a time of day or a year BC is no
    // period of ours.
    let counts = check(&[("Russia reported measles in 1500 cases.", "2017-01-01")]);
    assert!(counts.iter().any(|x| x["text"] == "1500"), "{counts:#?}");
    for text in [
        "Trading was extended until 1500 GMT, with 146 million shares sold.",
        "The city had 7 million people in 2500 BC.",
    ] {
        let f = check(&[(text, "2017-01-01")]);
        assert!(
            f.iter()
                .all(|x| x["as_of"] != "1500-12-31" && x["as_of"] != "2500-12-31"),
            "{text}: {f:#?}"
        );
    }
}

#[test]
fn item_10_a_stale_row_lowers_confidence() {
    let f = check(&[
        ("Russia had 144 million people.", "2025-06-01"),
        ("Russia had 144 million people.", "2030-06-01"),
        ("Russia had 144 million people.", "9999-12-31"),
    ]);
    let conf: Vec<f64> = f
        .iter()
        .map(|x| {
            assert_eq!(x["verdict"], "supported", "{x:#}");
            x["confidence"].as_f64().unwrap()
        })
        .collect();
    assert!(conf[0] >= 0.9, "a row a year old is fresh: {conf:?}");
    assert!(
        conf[1] < 0.5,
        "six years past its row, a population figure is a guess: {conf:?}"
    );
    assert!(conf[2] < conf[1] && conf[2] <= 0.05, "{conf:?}");
    assert!(
        f[2]["explanation"]
            .as_str()
            .unwrap()
            .contains("well before 9999-12-31"),
        "the note says why: {:#}",
        f[2]
    );
}

#[test]
fn item_02_a_long_sentence_gives_each_claim_a_bounded_window() {
    // 3,000 figures in one "sentence" with no full stop: 40 KB of text.
    let list: Vec<String> = (1..=3000).map(|i| format!("{} people", i * 7)).collect();
    let text = format!(
        "Russia had 146 million people in 2017 and {} in the camps",
        list.join(", ")
    );
    let f = check(&[(text.as_str(), "2018-01-01")]);
    assert_eq!(f.len(), 3001, "every figure is a claim");
    let report_bytes: usize = f.iter().map(|x| x.to_string().len()).sum();
    // Whole sentences would make 3,000 x 40 KB = 120 MB.
    assert!(report_bytes < 8 << 20, "{report_bytes} bytes");
    for x in &f {
        let sentence = x["sentence"].as_str().unwrap();
        let claim = x["text"].as_str().unwrap();
        assert!(sentence.len() <= 600, "{} bytes", sentence.len());
        assert!(sentence.contains(claim), "{claim:?} not in {sentence:?}");
    }
    let middle = finding(&f, "10500");
    let sentence = middle["sentence"].as_str().unwrap();
    assert!(
        sentence.starts_with('…') && sentence.ends_with('…'),
        "{sentence}"
    );
    // The first figure is still checked, with the sentence's start.
    let russia = finding(&f, "146 million");
    assert_eq!(russia["verdict"], "supported", "{russia:#}");
    assert!(russia["sentence"]
        .as_str()
        .unwrap()
        .starts_with("Russia had"));
}

#[test]
fn item_18_a_utf16_reference_csv_says_it_is_utf16() {
    let dir = tempfile::tempdir().unwrap();
    let text = "entity,metric,value,unit,date,source\nNiger,population,20685753,people,2016,WB\n";
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    std::fs::write(dir.path().join("people.csv"), bytes).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(["reference", "validate", "--no-catalog"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("people.csv:1: this file is UTF-16") && stderr.contains("iconv"),
        "{stderr}"
    );
}
