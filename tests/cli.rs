//! The command line as users run it: the seed article, the bundled claims,
//! exit codes, input errors and determinism.

use std::path::{Path, PathBuf};
use std::process::Output;

mod support;

use assert_cmd::Command;
use serde_json::Value;

fn claimcheck() -> Command {
    let mut cmd = Command::cargo_bin("claimcheck").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("CI")
        .env_remove("COLUMNS")
        .env("NO_COLOR", "1");
    cmd
}

fn run(args: &[&str]) -> Output {
    claimcheck().args(args).output().unwrap()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The seed article, or `None` (the test is skipped, visibly) without it.
fn seed(test: &str) -> Option<PathBuf> {
    support::shared(test, "seeds/syria-apec-2017-11-11.txt")
}

fn claim<'a>(report: &'a Value, text: &str) -> &'a Value {
    report["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["text"].as_str().unwrap().contains(text))
        .unwrap_or_else(|| panic!("no claim with text {text:?} in {report:#}"))
}

/// issue 2: the seed article gives what a careful fact-checker gives.
#[test]
fn issue_2_seed_article_verdicts() {
    let Some(seed) = seed("issue_2_seed_article_verdicts") else {
        return;
    };
    let out = run(&[
        "check",
        seed.to_str().unwrap(),
        "--as-of",
        "2017-11-11",
        "--format",
        "json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a contradicted claim fails the run; stderr: {}",
        stderr(&out)
    );
    let r = json(&out);
    assert_eq!(r["summary"]["claims"], 5, "{r:#}");

    let sixth = claim(&r, "sixth year");
    assert_eq!(sixth["verdict"], "contradicted");
    assert_eq!(sixth["subject"]["entity"], "Syrian civil war");
    assert_eq!(sixth["evidence"][0]["value"], "2011-03-15");
    assert!(
        sixth["explanation"].as_str().unwrap().contains("7th year"),
        "{sixth:#}"
    );

    let deaths = claim(&r, "hundreds of thousands");
    assert_eq!(deaths["verdict"], "supported");
    assert_eq!(deaths["metric"], "deaths");
    assert_eq!(deaths["evidence"][0]["value"], 470000);
    assert_eq!(deaths["quantity"]["low"], 200000);
    assert_eq!(deaths["quantity"]["kind"], "vague");

    let wounded = claim(&r, "nearly two million");
    assert_eq!(wounded["verdict"], "supported");
    assert_eq!(wounded["metric"], "wounded");
    assert_eq!(wounded["quantity"]["low"], 1800000);
    assert_eq!(wounded["quantity"]["high"], 2000000);
    assert_eq!(wounded["quantity"]["kind"], "approx_below");
    assert_eq!(wounded["evidence"][0]["value"], 1880000);
    assert_eq!(
        wounded["evidence"][0]["file"],
        "reference-data/conflicts.csv"
    );
    assert!(wounded["explanation"]
        .as_str()
        .unwrap()
        .contains("1,880,000"));

    let election = claim(&r, "last year");
    assert_eq!(election["verdict"], "supported");
    assert_eq!(election["quantity"]["point"], 2016);
    assert_eq!(election["evidence"][0]["value"], "2016-11-08");

    let talks = claim(&r, "two or three");
    assert_eq!(talks["verdict"], "unverifiable");
    assert_eq!(talks["reason"], "no_metric");

    // Every claim is located in the file: its span's bytes are its text.
    let bytes = std::fs::read(&seed).unwrap();
    for c in r["claims"].as_array().unwrap() {
        let (s, e) = (
            c["span"]["start"].as_u64().unwrap() as usize,
            c["span"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&bytes[s..e], c["text"].as_str().unwrap().as_bytes());
        assert!(c["confidence"].as_f64().unwrap() > 0.5);
        assert!(!c["explanation"].as_str().unwrap().is_empty());
    }
    // Not claims: the date in the caption, "Air Force One".
    assert!(r["claims"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| !c["text"].as_str().unwrap().contains("One")));
}

#[test]
fn issue_2_seed_article_terminal_report() {
    let Some(seed) = seed("issue_2_seed_article_terminal_report") else {
        return;
    };
    let out = run(&[
        "check",
        seed.to_str().unwrap(),
        "--as-of",
        "2017-11-11",
        "--format",
        "text",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("CONTRADICTED"), "{text}");
    assert!(text.contains("^^^^"), "claims are underlined: {text}");
    assert!(
        text.contains("5 claims: 3 supported, 1 contradicted, 1 unverifiable"),
        "{text}"
    );
}

/// Expected verdicts of the bundled claims, from tests/claims-expected.md
/// (written from the reference rows by hand).
fn expected_verdicts() -> Vec<(String, String)> {
    let md = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/claims-expected.md"),
    )
    .unwrap();
    let mut out = Vec::new();
    let mut section = String::new();
    for line in md.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            section = h.split_whitespace().next().unwrap().to_string();
            continue;
        }
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() < 4
            || cells[1].is_empty()
            || cells[1] == "#"
            || cells[1] == "id"
            || cells[1].starts_with("---")
        {
            continue;
        }
        let id = if section.ends_with(".md") {
            format!("example-article.md#{}", cells[1])
        } else {
            cells[1].to_string()
        };
        let verdict = if section.ends_with(".md") {
            cells[3]
        } else {
            cells[2]
        };
        out.push((id, verdict.to_string()));
    }
    out
}

#[test]
fn issue_2_bundled_claims_get_the_fact_checkers_verdicts() {
    let out = run(&["check", "--as-of", "2018-03-20", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let r = json(&out);
    let expected = expected_verdicts();
    assert!(expected.len() >= 30, "{expected:?}");
    let mut wrong = Vec::new();
    for (id, verdict) in &expected {
        let got = r["claims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id.as_str());
        match got {
            Some(c) if c["verdict"] == verdict.as_str() => {}
            Some(c) => wrong.push(format!(
                "{id}: expected {verdict}, got {} ({})",
                c["verdict"], c["explanation"]
            )),
            None => wrong.push(format!("{id}: missing")),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Every verdict is shown by the examples.
    for v in ["supported", "contradicted", "unverifiable"] {
        assert!(r["summary"][v].as_u64().unwrap() > 0);
    }
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let inputs = [
        "claims",
        "tests/fixtures/articles",
        "tests/fixtures/hostile/article.md",
    ];
    for format in claimcheck::report::Format::ALL.map(|f| f.name()) {
        let at = |jobs: &str| {
            let mut args = vec!["check"];
            args.extend(inputs);
            args.extend(["--as-of", "2018-03-20", "--format", format, "--jobs", jobs]);
            run(&args).stdout
        };
        let base = at("1");
        assert!(!base.is_empty(), "{format}");
        for jobs in ["2", "8", "1"] {
            assert!(
                base == at(jobs),
                "--format {format} --jobs {jobs} differs from --jobs 1"
            );
        }
    }
}

#[test]
fn article_front_matter_date_and_coreference() {
    let out = run(&[
        "check",
        "tests/fixtures/articles/conflict.md",
        "--format",
        "json",
    ]);
    let r = json(&out);
    let year = claim(&r, "seventh year");
    assert_eq!(
        year["as_of"], "2017-11-11",
        "the front matter date is the as-of date"
    );
    assert_eq!(year["verdict"], "supported");
    let killed = claim(&r, "470,000");
    assert_eq!(killed["subject"]["mention"], "conflict");
    assert_eq!(killed["subject"]["entity"], "Syrian civil war");
    assert_eq!(killed["verdict"], "supported");
    assert_eq!(claim(&r, "four")["verdict"], "unverifiable");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn fail_on_policy_sets_the_exit_code() {
    let code = |args: &[&str]| run(args).status.code();
    let art = "tests/fixtures/articles/conflict.md";
    assert_eq!(code(&["check", art, "--format", "json"]), Some(0));
    assert_eq!(
        code(&[
            "check",
            art,
            "--format",
            "json",
            "--fail-on",
            "unverifiable"
        ]),
        Some(1)
    );
    let bundled = ["check", "--as-of", "2018-03-20", "--format", "json"];
    assert_eq!(
        code(&[&bundled[..], &["--fail-on", "never"]].concat()),
        Some(0)
    );
    assert_eq!(code(&[&bundled[..], &["--no-fail"]].concat()), Some(0));
    assert_eq!(
        code(&[&bundled[..], &["--min-confidence", "0.999"]].concat()),
        Some(0)
    );
}

#[test]
fn stdin_and_claim_rows_keep_their_ids() {
    let out = claimcheck()
        .args(["check", "-", "--as-of", "2017-11-11", "--format", "json"])
        .write_stdin("{\"id\":\"x1\",\"text\":\"Syria had about 18 million people in 2017.\"}\n{\"id\":\"x2\",\"text\":\"No number here.\"}\n")
        .output()
        .unwrap();
    let r = json(&out);
    assert_eq!(r["claims"][0]["id"], "x1");
    assert_eq!(r["claims"][0]["verdict"], "supported");
    assert_eq!(
        r["claims"][1]["id"], "x2",
        "a row with no quantity is still reported"
    );
    assert_eq!(r["claims"][1]["verdict"], "unverifiable");
    assert_eq!(r["claims"][1]["reason"], "not_normalized");
}

#[test]
fn bad_inputs_exit_2_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.csv");
    std::fs::write(
        &good,
        "id,text,as_of\ng1,Syria had about 18 million people in 2017.,2017-12-31\n",
    )
    .unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "id,text,as_of\nb1,fine,2017-01-01\nb2,\"unbalanced,2017\nb3,x,2017-02-30\n",
    )
    .unwrap();
    let out = run(&[
        "check",
        good.to_str().unwrap(),
        bad.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("bad.csv:"), "{err}");
    assert!(err.contains("hint:"), "{err}");
    // The good file is still checked and reported.
    assert_eq!(json(&out)["claims"][0]["id"], "g1");

    let missing = run(&["check", "no/such/file.md"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("no/such/file.md"),
        "{}",
        stderr(&missing)
    );

    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let out = run(&["check", empty.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("empty"), "{}", stderr(&out));

    let out = run(&["check", "--as-of", "2017-02-30"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--as-of"), "{}", stderr(&out));

    let out = run(&[
        "check",
        "--reference",
        "tests/fixtures/broken-reference",
        "claims",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("reference validate"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn normalize_command() {
    let out = run(&["normalize", "nearly two million", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        json(&out),
        serde_json::json!({"low": 1800000, "high": 2000000, "point": 2000000, "unit": "count", "kind": "approx_below"})
    );
    let out = run(&["normalize", "more than a decade", "--format", "json"]);
    assert_eq!(json(&out)["high"], Value::Null);
    let out = run(&[
        "normalize",
        "last year",
        "--as-of",
        "2017-11-11",
        "--format",
        "json",
    ]);
    assert_eq!(json(&out)["point"], 2016);
    let out = run(&["normalize", "no number at all"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("error:"));
    let negative = run(&["normalize", "-9.4", "--format", "json"]);
    assert_eq!(
        json(&negative)["point"],
        -9.4,
        "a phrase may start with a minus sign"
    );
    let text = run(&["normalize", "now in its sixth year"]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("[5, 6) years"));
}

#[test]
fn reference_validate_passes_on_bundled_and_lists_every_problem() {
    let ok = run(&["reference", "validate"]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    let summary = String::from_utf8_lossy(&ok.stdout);
    assert!(
        summary.contains("reference-data/conflicts.csv"),
        "{summary}"
    );
    assert!(
        summary.contains("over the built-in catalog: World Bank WDI core"),
        "{summary}"
    );

    let bad = run(&["reference", "validate", "tests/fixtures/broken-reference"]);
    assert_eq!(bad.status.code(), Some(2));
    let err = stderr(&bad);
    for needle in [
        "conflicts.csv:3: value \"470,000\" is not a number",
        "conflicts.csv:4: date \"2016-02-31\" is not a date",
        "conflicts.csv:5: duplicate key",
        "conflicts.csv:6: row has 8 fields",
        "export.csv:1: unknown column \"Country\"",
        "datasets.toml: dataset file \"missing.csv\" not found",
        "aliases.csv:3: alias \"Narnia\"",
    ] {
        assert!(err.contains(needle), "missing {needle:?} in:\n{err}");
    }
}

#[test]
fn extract_prints_claims_without_verdicts() {
    let out = run(&["extract", "tests/fixtures/articles/conflict.md"]);
    assert_eq!(out.status.code(), Some(0));
    let r = json(&out);
    let claims = r["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 3);
    assert!(claims.iter().all(|c| c.get("verdict").is_none()));
    assert_eq!(claims[1]["metric"], "deaths");
}

#[test]
fn files_skipped_in_a_folder_are_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Syria had about 18 million people in 2017.",
    )
    .unwrap();
    std::fs::write(dir.path().join("photo.jpg"), "x").unwrap();
    let out = run(&["check", dir.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "a skipped file is a note, not an error"
    );
    assert!(
        stderr(&out).contains("note: skipped 1 file(s) of a type claimcheck does not read:"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("photo.jpg"));
}

#[test]
fn normalize_and_extract_read_the_config_slack_as_check_does() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("claimcheck.toml"),
        "[normalize]\nslack_around = 0.2\n",
    )
    .unwrap();
    let out = Command::cargo_bin("claimcheck")
        .unwrap()
        .current_dir(dir.path())
        .args(["normalize", "about 100", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(json(&out)["low"], 80);
    std::fs::write(dir.path().join("a.txt"), "About 100 people came.").unwrap();
    let out = Command::cargo_bin("claimcheck")
        .unwrap()
        .current_dir(dir.path())
        .args(["extract", "a.txt", "--reference", "none"])
        .output()
        .unwrap();
    assert_eq!(json(&out)["claims"][0]["quantity"]["high"], 120);
}

/// Issue 16: a newsroom adds a metric with a CSV and three lines of words
/// in its reference folder's metrics.toml, with no rebuild, and its claims
/// are checked (reference-data/README.md, "Worked example: hospital beds").
#[test]
fn issue_16_a_metric_is_added_with_a_csv_and_three_lines() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("hospital_beds.csv"),
        "entity,metric,value,low,high,unit,date,source,url\nGermany,hospital_beds,7.8,,,\"per 1,000 people\",2019,Eurostat,https://ec.europa.eu/eurostat\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("metrics.toml"),
        "[[metric]]\nname = \"hospital_beds\"\nunit = \"per 1,000 people\"\ntriggers = [\"hospital beds\", \"hospital beds per\"]\n",
    )
    .unwrap();
    let claims = dir.path().join("claims.jsonl");
    std::fs::write(
        &claims,
        "{\"id\":\"b1\",\"text\":\"Germany had 7.8 hospital beds per 1,000 people in 2019.\",\"as_of\":\"2020-01-01\"}\n{\"id\":\"b2\",\"text\":\"Germany had 12 hospital beds per 1,000 people in 2019.\",\"as_of\":\"2020-01-01\"}\n",
    )
    .unwrap();
    let out = run(&[
        "check",
        claims.to_str().unwrap(),
        "--reference",
        dir.path().to_str().unwrap(),
        "--format",
        "json",
        "--no-fail",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let r = json(&out);
    let claims = r["claims"].as_array().unwrap();
    assert_eq!(
        claims.len(),
        2,
        "the \"1,000\" is the rate's base, no claim: {r:#}"
    );
    assert_eq!(claims[0]["metric"], "hospital_beds", "{r:#}");
    assert_eq!(claims[0]["verdict"], "supported", "{r:#}");
    assert_eq!(claims[1]["verdict"], "contradicted", "{r:#}");
}

/// A reference folder of `files` (name, text) in a new temporary folder.
fn reference_folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

const CANONICAL_HEADER: &str = "entity,metric,value,low,high,unit,date,source,url\n";

/// Issue 16: a CSV whose metric no lexicon entry names is an error at the
/// file and the first row carrying it, with the `metrics.toml` entry to
/// add; once added, the folder validates.
#[test]
fn issue_16_validate_names_a_metric_no_lexicon_names() {
    let csv = format!(
        "{CANONICAL_HEADER}Germany,deaths,10,,,people,2019,Desk,\nGermany,hospital_beds,7.8,,,\"per 1,000 people\",2019,Eurostat,\nFrance,hospital_beds,5.7,,,\"per 1,000 people\",2019,Eurostat,\n"
    );
    let dir = reference_folder(&[("hospital_beds.csv", &csv)]);
    let shown = dir.path().to_str().unwrap();
    let out = run(&["reference", "validate", shown]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "error: {shown}/hospital_beds.csv:3: metric \"hospital_beds\" has no [[metric]] entry"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("hint: create {shown}/metrics.toml: [[metric]] name = \"hospital_beds\", unit = \"per 1,000 people\"")),
        "{err}"
    );
    assert_eq!(
        err.matches("error:").count(),
        1,
        "one problem per metric: {err}"
    );

    std::fs::write(
        dir.path().join("metrics.toml"),
        "[[metric]]\nname = \"hospital_beds\"\nunit = \"per 1,000 people\"\ntriggers = [\"hospital beds\", \"hospital beds per\"]\n",
    )
    .unwrap();
    let out = run(&["reference", "validate", shown]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("; no problems"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// Issue 16: a unit claimcheck cannot read is a warning (a unit of its own
/// is allowed, kept as written): file:line, the accepted wordings, exit 0.
#[test]
fn issue_16_validate_warns_of_a_unit_it_cannot_read() {
    let csv = format!(
        "{CANONICAL_HEADER}Germany,co2,675000,,,kt,2019,X,\nFrance,co2,300000,,,kilo tonnes,2019,X,\n"
    );
    let dir = reference_folder(&[("emissions.csv", &csv)]);
    let shown = dir.path().to_str().unwrap();
    let out = run(&["reference", "validate", shown]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "a warning does not fail: {}",
        stderr(&out)
    );
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "warning: {shown}/emissions.csv:3: claimcheck cannot read the unit \"kilo tonnes\""
        )),
        "{err}"
    );
    assert!(
        err.contains("kt, metric tons per capita"),
        "the hint lists wordings: {err}"
    );
    assert!(!err.contains("\"kt\""), "kt reads: {err}");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("no errors, 1 warning(s)"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// Issue 16: a word of the folder's metrics.toml that a built-in metric
/// also claims is an error at that file's line, naming the other metric.
#[test]
fn issue_16_validate_names_a_word_two_metrics_claim() {
    let csv = format!("{CANONICAL_HEADER}United States,jobless_claims,220000,,,people,2019,DOL,\n");
    let own = "[[metric]]\nname = \"jobless_claims\"\nunit = \"people\"\ntriggers = [\"jobless claims\"]\nweak = [\"joblessness\"]\n";
    let dir = reference_folder(&[("claims.csv", &csv), ("metrics.toml", own)]);
    let shown = dir.path().to_str().unwrap();
    let out = run(&["reference", "validate", shown]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("error: {shown}/metrics.toml:5: the word \"joblessness\" names two metrics: \"jobless_claims\" here and \"unemployment_rate\"")),
        "{err}"
    );
    assert!(err.contains("drop it from \"jobless_claims\""), "{err}");
    assert_eq!(err.matches("error:").count(), 1, "{err}");
}

/// Issue 16 and 18: a data package whose indicator no [[metric]] lists is
/// named by its title's words, which the summary shows; a title unit
/// claimcheck cannot read is a warning at the descriptor.
#[test]
fn issue_16_validate_shows_a_data_packages_title_words() {
    let gdp = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("reference-data/catalog/worldbank-wdi/NY.GDP.MKTP.CD.datapackage.json"),
    )
    .unwrap();
    let cereal = gdp
        .replace("NY.GDP.MKTP.CD", "AG.YLD.CREL.KG")
        .replace("ny.gdp.mktp.cd", "ag.yld.crel.kg")
        .replace("GDP (current US$)", "Cereal yield (kg per hectare)");
    let csv = "Country Name,Country Code,Year,Value\nChad,TCD,2019,820.5\n";
    let dir = reference_folder(&[
        ("wdi/AG.YLD.CREL.KG.datapackage.json", &cereal),
        ("wdi/AG.YLD.CREL.KG.csv", csv),
    ]);
    let shown = dir.path().to_str().unwrap();
    let out = run(&["reference", "validate", shown]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("metric ag_yld_crel_kg (no [[metric]] lists AG.YLD.CREL.KG; named by its title), words: \"cereal yield\""),
        "{stdout}"
    );
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "warning: {shown}/wdi/AG.YLD.CREL.KG.datapackage.json:2: claimcheck cannot read the unit \"kg per hectare\""
        )),
        "{err}"
    );
}
