//! Each CI-facing report checked the way its consumer checks it (issue 22):
//! JUnit against Jenkins' `junit-10.xsd` with `xmllint`, SARIF against the
//! OASIS SARIF 2.1.0 JSON schema, ClaimReview for the fields Google's
//! fact-check guidelines require. The schemas are vendored in
//! `tests/schemas/` (see `SOURCE.md` there). Every report is tried twice:
//! over the bundled claims through the real binary, and over the renderers'
//! hand-built fixture, whose text is chosen to break naive renderers.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use serde_json::Value;

// The fixture names the model as `crate::model`; give it that path here.
mod model {
    pub use claimcheck::model::*;
}

#[path = "../src/report/fixture.rs"]
#[allow(dead_code)]
mod fixture;

use claimcheck::report::{render, Format, RenderOptions};

const AS_OF: &str = "2018-03-20";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn schema(name: &str) -> PathBuf {
    root().join("tests/schemas").join(name)
}

fn claimcheck(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("claimcheck").unwrap();
    c.current_dir(dir).env("NO_COLOR", "1").env_remove("CI");
    c
}

/// `claimcheck check` in `dir` with `args`: (exit code, stdout, stderr).
fn check(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = claimcheck(dir).arg("check").args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The bundled claims (`claims/` against `reference-data/`) in `format`.
fn bundled(format: &str, extra: &[&str]) -> String {
    let args = [
        &["claims", "--reference", "reference-data", "--as-of", AS_OF][..],
        &["--format", format],
        extra,
    ]
    .concat();
    let (code, out, err) = check(&root(), &args);
    assert_eq!(
        code, 1,
        "{format}: the bundled claims include contradicted ones: {err}"
    );
    out
}

/// The renderers' fixture in `format`.
fn fixture_in(format: Format) -> String {
    render(&fixture::report(), format, &RenderOptions::default()).unwrap()
}

/// Whether a missing validator may be skipped: only outside CI, and then
/// loudly, so a skipped check never reads as a passing one.
fn skip_without(tool: &str, why: &str) -> bool {
    if std::env::var_os("CI").is_some() {
        panic!("{tool} is required in CI ({why}); .ci/run installs it");
    }
    eprintln!(
        "SKIPPED: {tool} is not installed, so {why} did not run (apt-get install libxml2-utils)"
    );
    true
}

// ---------------------------------------------------------------- JUnit

/// `xmllint --schema junit-10.xsd` over `xml`: Ok, or its complaints.
/// `None` when xmllint is not installed.
fn xmllint_junit(xml: &str) -> Option<Result<(), String>> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.xml");
    std::fs::write(&file, xml).unwrap();
    let out = match Process::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(schema("junit-10.xsd"))
        .arg(&file)
        .output()
    {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => panic!("running xmllint: {e}"),
    };
    Some(if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    })
}

#[test]
fn jenkins_junit_10_xsd_accepts_the_junit_report() {
    for (what, xml) in [
        ("bundled claims", bundled("junit", &[])),
        ("fixture", fixture_in(Format::Junit)),
    ] {
        match xmllint_junit(&xml) {
            None if skip_without("xmllint", "the junit-10.xsd validation") => return,
            None => unreachable!(),
            Some(Ok(())) => {}
            Some(Err(e)) => panic!("{what}: junit-10.xsd rejects the report:\n{e}\n{xml}"),
        }
    }
}

#[test]
fn junit_10_xsd_rejects_what_the_old_report_wrote() {
    // The validation is real: the shapes issue 22 found are errors.
    let bad = fixture_in(Format::Junit).replacen(
        "<testsuites name=\"claimcheck\"",
        "<testsuites name=\"claimcheck\" skipped=\"1\"",
        1,
    );
    let inner = fixture_in(Format::Junit).replacen(
        "<system-out>",
        "<properties><property name=\"verdict\" value=\"supported\"/></properties><system-out>",
        1,
    );
    for xml in [bad, inner] {
        match xmllint_junit(&xml) {
            None if skip_without("xmllint", "the junit-10.xsd validation") => return,
            None => unreachable!(),
            Some(result) => assert!(result.is_err(), "{xml}"),
        }
    }
}

/// Every start tag named `tag` in `xml`, as its text up to `>`.
fn tags<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag} ");
    xml.match_indices(&open)
        .map(|(i, _)| &xml[i..i + xml[i..].find('>').unwrap()])
        .collect()
}

#[test]
fn junit_dashboards_get_time_counts_and_one_failure_per_contradicted_claim() {
    let xml = bundled("junit", &[]);
    let json: Value = serde_json::from_str(&bundled("json", &[])).unwrap();
    let claims = json["claims"].as_array().unwrap();
    let root_tag = tags(&xml, "testsuites");
    assert_eq!(root_tag.len(), 1);
    assert!(root_tag[0].contains(" time=\"0\""), "{}", root_tag[0]);
    assert!(!root_tag[0].contains("skipped="), "{}", root_tag[0]);
    assert!(root_tag[0].contains(&format!(" tests=\"{}\"", claims.len())));
    for tag in ["testsuite", "testcase"] {
        for t in tags(&xml, tag) {
            assert!(t.contains(" time=\"0\""), "{t}");
        }
    }
    assert_eq!(tags(&xml, "testcase").len(), claims.len());
    let contradicted = claims
        .iter()
        .filter(|c| c["verdict"] == "contradicted" && c.get("ignored").is_none())
        .count();
    assert_eq!(xml.matches("<failure ").count(), contradicted);
    assert!(root_tag[0].contains(&format!(" failures=\"{contradicted}\"")));
    // The schema allows properties in a testsuite (the reference snapshot),
    // none in a testcase.
    for case in xml.split("<testcase ").skip(1) {
        let case = case.split("</testcase>").next().unwrap();
        assert!(
            !case.contains("<properties>"),
            "no properties in a testcase"
        );
    }
}

// ---------------------------------------------------------------- SARIF

fn oasis_sarif_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(schema("sarif-schema-2.1.0.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the OASIS schema compiles")
}

/// The schema's complaints about `log`, one per line.
fn sarif_errors(validator: &jsonschema::Validator, log: &Value) -> Vec<String> {
    validator
        .iter_errors(log)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn fixture_sarif(include_supported: bool) -> Value {
    let consumer = claimcheck::report::ConsumerOptions {
        include_supported,
        ..Default::default()
    };
    let out = claimcheck::report::render_for(
        &fixture::report(),
        Format::Sarif,
        &RenderOptions::default(),
        &Default::default(),
        &consumer,
    )
    .unwrap();
    serde_json::from_str(&out).unwrap()
}

#[test]
fn oasis_sarif_2_1_0_schema_accepts_the_sarif_report() {
    let validator = oasis_sarif_validator();
    let logs = [
        (
            "bundled claims",
            serde_json::from_str(&bundled("sarif", &[])).unwrap(),
        ),
        (
            "bundled claims, --include-supported",
            serde_json::from_str(&bundled("sarif", &["--include-supported"])).unwrap(),
        ),
        ("fixture", fixture_sarif(false)),
        ("fixture, supported included", fixture_sarif(true)),
    ];
    for (what, log) in logs {
        let errors = sarif_errors(&validator, &log);
        assert!(errors.is_empty(), "{what}:\n{}", errors.join("\n"));
    }
}

#[test]
fn oasis_schema_rejects_a_broken_sarif_log() {
    // The validation is real: a result without its message, an unknown
    // level and an unknown key are errors.
    let validator = oasis_sarif_validator();
    let mut log = fixture_sarif(false);
    let result = &mut log["runs"][0]["results"][0];
    result.as_object_mut().unwrap().remove("message");
    result["level"] = "fatal".into();
    result["severity"] = "high".into();
    assert!(sarif_errors(&validator, &log).len() >= 3, "{log}");
}

#[test]
fn code_scanning_gets_no_results_for_supported_claims_unless_asked() {
    let json: Value = serde_json::from_str(&bundled("json", &[])).unwrap();
    let claims = json["claims"].as_array().unwrap();
    let failing_or_warning = claims
        .iter()
        .filter(|c| c["verdict"] != "supported")
        .count();
    let log: Value = serde_json::from_str(&bundled("sarif", &[])).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), failing_or_warning);
    assert!(
        failing_or_warning < claims.len(),
        "the bundled claims include supported ones"
    );
    for r in results {
        let level = r["level"].as_str().unwrap();
        match r["ruleId"].as_str().unwrap() {
            "contradicted" => assert_eq!(level, "error"),
            "unverifiable" => assert_eq!(level, "note"),
            other => panic!("unexpected rule {other}"),
        }
    }
    let all: Value = serde_json::from_str(&bundled("sarif", &["--include-supported"])).unwrap();
    let results = all["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), claims.len());
    for r in results.iter().filter(|r| r["ruleId"] == "supported") {
        assert_eq!((&r["kind"], &r["level"]), (&"pass".into(), &"none".into()));
    }
}

#[test]
fn code_scanning_tracks_each_alert_by_partial_fingerprint_and_links_rule_help() {
    let log: Value = serde_json::from_str(&bundled("sarif", &["--include-supported"])).unwrap();
    let run = &log["runs"][0];
    let mut seen = std::collections::BTreeSet::new();
    for r in run["results"].as_array().unwrap() {
        let fp = r["partialFingerprints"]["claimcheck/v1"].as_str().unwrap();
        assert!(seen.insert(fp.to_string()), "fingerprint {fp} given twice");
    }
    for rule in run["tool"]["driver"]["rules"].as_array().unwrap() {
        let id = rule["id"].as_str().unwrap();
        assert_eq!(
            rule["helpUri"],
            format!("https://github.com/claimcheck/claimcheck/blob/main/docs/reasons.md#{id}")
        );
        assert!(rule["help"]["text"].as_str().is_some_and(|t| !t.is_empty()));
    }
    // Text added above every claim moves them; their fingerprints stay.
    let dir = tempfile::tempdir().unwrap();
    let article = "---\ndate: 2018-03-20\n---\nRussia, a country of about 170 million people in 2017, said Moscow would stay.\n";
    std::fs::write(dir.path().join("a.md"), article).unwrap();
    let reference = root().join("reference-data").display().to_string();
    let args = ["a.md", "--reference", &reference, "--format", "sarif"];
    let fingerprints = |dir: &Path| {
        let (_, out, err) = check(dir, &args);
        let log: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {err}"));
        let results = log["runs"][0]["results"].as_array().unwrap().clone();
        assert!(!results.is_empty());
        results
            .iter()
            .map(|r| {
                (
                    r["partialFingerprints"].clone(),
                    r["locations"][0]["physicalLocation"]["region"]["startLine"].clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    let before = fingerprints(dir.path());
    std::fs::write(
        dir.path().join("a.md"),
        article.replace("---\nRussia", "---\nA new first paragraph.\n\nRussia"),
    )
    .unwrap();
    let after = fingerprints(dir.path());
    for ((fp, line), (fp2, line2)) in before.iter().zip(&after) {
        assert_eq!(fp, fp2);
        assert_ne!(line, line2, "the claim did move");
    }
}

// ---------------------------------------------------------------- GitHub

#[test]
fn github_annotates_failures_first_and_ends_with_a_summary_notice() {
    let out = bundled("github", &[]);
    let json: Value = serde_json::from_str(&bundled("json", &[])).unwrap();
    let s = &json["summary"];
    let lines: Vec<&str> = out.lines().collect();
    let commands: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("::"))
        .map(|l| l.split([' ', ':']).next().unwrap())
        .collect();
    let errors = commands.iter().filter(|c| **c == "error").count();
    let warnings = commands.iter().filter(|c| **c == "warning").count();
    assert_eq!(errors as u64, s["contradicted"].as_u64().unwrap());
    assert_eq!(warnings as u64, s["unverifiable"].as_u64().unwrap());
    assert_eq!(
        commands.len(),
        errors + warnings + 1,
        "no notice but the summary"
    );
    assert!(
        commands[..errors].iter().all(|c| *c == "error"),
        "errors first"
    );
    let last = lines.last().unwrap();
    assert!(
        last.starts_with(&format!(
            "::notice title=claimcheck summary::{} claims: {} supported, {} contradicted, {} unverifiable; annotated: {errors} errors, {warnings} warnings",
            s["claims"], s["supported"], s["contradicted"], s["unverifiable"]
        )),
        "{last}"
    );
    let all = bundled("github", &["--include-supported"]);
    let notices = all
        .lines()
        .filter(|l| l.starts_with("::notice file="))
        .count();
    assert_eq!(notices as u64, s["supported"].as_u64().unwrap());
}

// ---------------------------------------------------------- ClaimReview

/// The fields Google's fact-check (ClaimReview) guidelines require, and
/// the rules for those claimcheck fills in: `claimReviewed`,
/// `reviewRating.alternateName` and `url` present; the author an
/// organization with a name; no file path as the appearance's name; a
/// date only when it is `date`.
fn assert_google_fields(review: &Value, author: &str, date: Option<&str>) {
    let text = |v: &Value| v.as_str().is_some_and(|s| !s.trim().is_empty());
    assert_eq!(review["@context"], "https://schema.org");
    assert_eq!(review["@type"], "ClaimReview");
    assert!(text(&review["claimReviewed"]), "claimReviewed: {review}");
    assert!(
        text(&review["reviewRating"]["alternateName"]),
        "alternateName: {review}"
    );
    assert_eq!(review["reviewRating"]["@type"], "Rating");
    let url = review["url"].as_str().unwrap_or_default();
    assert!(
        url.starts_with("https://") || url.starts_with("http://"),
        "url: {review}"
    );
    assert_eq!(review["author"]["@type"], "Organization");
    assert_eq!(review["author"]["name"], author);
    let claim = &review["itemReviewed"];
    assert_eq!(claim["@type"], "Claim");
    let appearance = &claim["appearance"];
    assert_eq!(appearance["url"], url);
    if let Some(name) = appearance["name"].as_str() {
        assert!(
            !name.ends_with(".md") && !name.contains('/'),
            "a path as name: {name}"
        );
    }
    let date = date.map(Value::from).unwrap_or(Value::Null);
    for published in [
        &review["datePublished"],
        &claim["datePublished"],
        &appearance["datePublished"],
    ] {
        assert_eq!(published, &date, "{review}");
    }
}

#[test]
fn claimreview_has_googles_required_fields_on_every_review() {
    let out = bundled("claimreview", &[]);
    let reviews: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert!(!reviews.is_empty());
    for review in &reviews {
        // Only claims/example-article.md has a url; its date is 2018-03-20.
        assert_google_fields(review, "claimcheck", Some("2018-03-20"));
        assert_eq!(
            review["itemReviewed"]["appearance"]["name"],
            "Donors warn of Syria aid shortfall as talks in Jakarta end without agreement"
        );
    }
}

#[test]
fn claimreview_author_is_the_newsroom_and_dates_are_the_articles() {
    let dir = tempfile::tempdir().unwrap();
    let reference = root().join("reference-data").display().to_string();
    std::fs::write(
        dir.path().join("claimcheck.toml"),
        format!("reference = {reference:?}\npublisher_name = \"The Daily Example\"\npublisher_url = \"https://news.example.org/\"\n"),
    )
    .unwrap();
    let body = "Indonesia, home to about 267 million people in 2017, hosted the talks. Russia, a country of about 170 million people in 2017, sent delegates.\n";
    std::fs::write(
        dir.path().join("dated.md"),
        format!("---\ndate: 2018-03-20\ntitle: Talks in Jakarta\nurl: https://news.example.org/jakarta\n---\n{body}"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("undated.md"),
        format!("---\nurl: https://news.example.org/undated\n---\n{body}"),
    )
    .unwrap();
    std::fs::write(dir.path().join("no-url.md"), body).unwrap();
    let (code, out, err) = check(
        dir.path(),
        &[
            "dated.md",
            "undated.md",
            "no-url.md",
            "--as-of",
            AS_OF,
            "--format",
            "claimreview",
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(
            "note: claimreview: 2 checked claim(s) left out: their text has no http(s) url"
        ),
        "{err}"
    );
    let reviews: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(reviews.len(), 4, "{out}");
    for review in &reviews {
        assert_eq!(review["author"]["url"], "https://news.example.org/");
        match review["url"].as_str().unwrap() {
            "https://news.example.org/jakarta" => {
                assert_google_fields(review, "The Daily Example", Some("2018-03-20"));
                assert_eq!(
                    review["itemReviewed"]["appearance"]["name"],
                    "Talks in Jakarta"
                );
            }
            "https://news.example.org/undated" => {
                // No date: none, though --as-of and today are dates.
                assert_google_fields(review, "The Daily Example", None);
                assert!(review["itemReviewed"]["appearance"].get("name").is_none());
            }
            other => panic!("unexpected url {other}"),
        }
    }
}
