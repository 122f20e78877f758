//! claimcheck as an editorial linter: the real binary over the bundled
//! claims (`claims/` against `reference-data/`, as of 2018-03-20) in every
//! format, and over scratch folders for the config file, baselines and
//! inline ignore markers. Review snapshot changes with `cargo insta review`.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use quick_xml::events::Event;
use serde_json::Value;

const AS_OF: &str = "2018-03-20";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn claimcheck(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("claimcheck").unwrap();
    c.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("CI")
        .env_remove("COLUMNS");
    c
}

/// `claimcheck check` over the bundled claims in `format`: (exit code, stdout).
fn bundled(format: &str) -> (i32, String) {
    let out = claimcheck(&root())
        .args(["check", "claims", "--reference", "reference-data"])
        .args(["--as-of", AS_OF, "--format", format])
        .output()
        .unwrap();
    // claimreview notes the checked claims it leaves out for want of a url.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr
            .lines()
            .all(|l| format == "claimreview" && l.starts_with("note: claimreview: ")),
        "{stderr}"
    );
    let text = String::from_utf8(out.stdout).unwrap();
    // Pin the versions so a release, or a catalog file's checksum, does not
    // churn every snapshot (the evidence rows still pin the catalog's data);
    // so is the reference snapshot, a hash of the same data.
    let text = text
        .replace(env!("CARGO_PKG_VERSION"), "0.0.0-test")
        .replace(
            &claimcheck::resolve::catalog::info().version,
            "catalog-test",
        );
    (out.status.code().unwrap(), pin_snapshots(&text))
}

/// `text` with every `sha256:` and its 64 hex digits made
/// `sha256:snapshot-test`.
fn pin_snapshots(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("sha256:") {
        let (before, from) = rest.split_at(at + "sha256:".len());
        out.push_str(before);
        let hex = from.bytes().take_while(u8::is_ascii_hexdigit).count();
        if hex == 64 {
            out.push_str("snapshot-test");
            rest = &from[64..];
        } else {
            rest = from;
        }
    }
    out.push_str(rest);
    out
}

fn reference() -> String {
    root().join("reference-data").display().to_string()
}

#[test]
fn snapshot_every_format_over_the_bundled_claims() {
    for format in claimcheck::report::Format::ALL.map(|f| f.name()) {
        let (code, out) = bundled(format);
        assert_eq!(
            code, 1,
            "{format}: the bundled claims include contradicted ones"
        );
        insta::assert_snapshot!(format!("bundled_{format}"), out);
    }
}

#[test]
fn text_ends_with_the_summary_and_coverage_lines() {
    let (_, out) = bundled("text");
    let json: Value = serde_json::from_str(&bundled("json").1).unwrap();
    let s = &json["summary"];
    let c = &s["coverage"];
    let line = format!(
        "{} claims: {} supported, {} contradicted, {} unverifiable\ncoverage: {} quantity mentions, {} read as intervals, {} matched to reference rows, {} with a verdict; not checked: ",
        s["claims"], s["supported"], s["contradicted"], s["unverifiable"], c["found"], c["normalized"], c["resolved"], c["verdict"]
    );
    assert!(
        out.contains(&line) && out.ends_with('\n') && out.lines().count() > 2,
        "{}",
        &out[out.len().saturating_sub(200)..]
    );
}

/// Keys a SARIF 2.1.0 object of this kind may hold (from the schema).
fn only_keys(v: &Value, allowed: &[&str], what: &str) {
    for k in v
        .as_object()
        .unwrap_or_else(|| panic!("{what} is an object"))
        .keys()
    {
        assert!(
            allowed.contains(&k.as_str()),
            "{what} has key {k:?}, which SARIF 2.1.0 does not define"
        );
    }
}

fn positive(v: &Value, what: &str) -> u64 {
    let n = v
        .as_u64()
        .unwrap_or_else(|| panic!("{what} is an integer: {v}"));
    assert!(n >= 1, "{what} >= 1");
    n
}

#[test]
fn sarif_has_the_2_1_0_shape() {
    let (_, out) = bundled("sarif");
    let v: Value = serde_json::from_str(&out).unwrap();
    only_keys(
        &v,
        &[
            "$schema",
            "version",
            "runs",
            "inlineExternalProperties",
            "properties",
        ],
        "log",
    );
    assert_eq!(v["version"], "2.1.0");
    assert!(v["$schema"].as_str().unwrap().ends_with("sarif-2.1.0.json"));
    let runs = v["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    only_keys(
        run,
        &[
            "tool",
            "results",
            "columnKind",
            "properties",
            "invocations",
            "artifacts",
            "originalUriBaseIds",
        ],
        "run",
    );
    assert!(["utf16CodeUnits", "unicodeCodePoints"].contains(&run["columnKind"].as_str().unwrap()));
    let driver = &run["tool"]["driver"];
    only_keys(
        &run["tool"],
        &["driver", "extensions", "properties"],
        "tool",
    );
    assert!(driver["name"].is_string());
    let rules = driver["rules"].as_array().unwrap();
    for r in rules {
        only_keys(
            r,
            &[
                "id",
                "name",
                "shortDescription",
                "fullDescription",
                "defaultConfiguration",
                "helpUri",
                "help",
                "properties",
            ],
            "rule",
        );
        assert!(r["id"].is_string());
        assert!(r["shortDescription"]["text"].is_string());
        let level = r["defaultConfiguration"]["level"].as_str().unwrap();
        assert!(["none", "note", "warning", "error"].contains(&level));
    }
    let json: Value = serde_json::from_str(&bundled("json").1).unwrap();
    let results = run["results"].as_array().unwrap();
    // Supported claims are left out unless --include-supported asks for them.
    let failing_or_warning = json["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["verdict"] != "supported")
        .count();
    assert_eq!(results.len(), failing_or_warning);
    for r in results {
        only_keys(
            r,
            &[
                "ruleId",
                "ruleIndex",
                "level",
                "message",
                "locations",
                "relatedLocations",
                "properties",
                "suppressions",
                "baselineState",
                "kind",
                "partialFingerprints",
            ],
            "result",
        );
        assert!(r["message"]["text"].is_string(), "message.text is required");
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
        assert!(["none", "note", "warning", "error"].contains(&r["level"].as_str().unwrap()));
        for loc in r["locations"].as_array().unwrap() {
            let pl = &loc["physicalLocation"];
            only_keys(
                pl,
                &[
                    "artifactLocation",
                    "region",
                    "contextRegion",
                    "address",
                    "properties",
                ],
                "physicalLocation",
            );
            assert!(pl["artifactLocation"]["uri"].is_string());
            let region = &pl["region"];
            only_keys(
                region,
                &[
                    "startLine",
                    "startColumn",
                    "endLine",
                    "endColumn",
                    "byteOffset",
                    "byteLength",
                    "charOffset",
                    "charLength",
                    "snippet",
                    "message",
                    "sourceLanguage",
                    "properties",
                ],
                "region",
            );
            let line = positive(&region["startLine"], "startLine");
            let col = positive(&region["startColumn"], "startColumn");
            if let Some(end) = region.get("endLine") {
                assert!(positive(end, "endLine") >= line);
            }
            if let Some(end) = region.get("endColumn") {
                assert!(
                    positive(end, "endColumn") > col || region["endLine"].as_u64() > Some(line)
                );
            }
            assert!(region["byteOffset"].as_u64().is_some());
        }
        for rel in r
            .get("relatedLocations")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            assert!(rel["id"].as_u64().is_some());
            positive(
                &rel["physicalLocation"]["region"]["startLine"],
                "related startLine",
            );
        }
    }
}

#[test]
fn junit_parses_with_an_xml_parser() {
    let (_, out) = bundled("junit");
    let json: Value = serde_json::from_str(&bundled("json").1).unwrap();
    let mut reader = quick_xml::Reader::from_str(&out);
    let (mut cases, mut failures, mut suites) = (0, 0, 0);
    let mut depth = 0i32;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) => {
                depth += 1;
                for a in e.attributes() {
                    a.expect("well-formed attribute");
                }
                match e.name().as_ref() {
                    b"testsuite" => suites += 1,
                    b"testcase" => cases += 1,
                    b"failure" => failures += 1,
                    _ => {}
                }
            }
            Event::Empty(e) => match e.name().as_ref() {
                b"testcase" => cases += 1,
                b"failure" => failures += 1,
                _ => {}
            },
            Event::End(_) => depth -= 1,
            _ => {}
        }
    }
    assert_eq!(depth, 0, "every element is closed");
    assert_eq!(cases, json["claims"].as_array().unwrap().len());
    assert_eq!(
        failures,
        json["summary"]["contradicted"].as_u64().unwrap() as usize
    );
    let documents: std::collections::BTreeSet<&str> = json["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["document"].as_str().unwrap())
        .collect();
    assert_eq!(suites, documents.len(), "one suite per document");
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
    p
}

const ARTICLE: &str = "---\ndate: 2018-03-20\n---\nIndonesia, home to about 267 million people in 2017, hosted the talks.\n\nDelegates from Russia, a country of about 170 million people in 2017, said Moscow would stay.\n";

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = claimcheck(dir).arg("check").args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn config_file_is_found_walking_up_and_flags_override_it() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "news/a.md", ARTICLE);
    std::fs::create_dir_all(dir.path().join("news/deep")).unwrap();
    write(
        dir.path(),
        "claimcheck.toml",
        &format!("reference = {:?}\nas_of = \"2018-03-20\"\nformat = \"text\"\nfail_on = \"never\"\n\n[normalize]\nslack_around = 0.1\n", reference()),
    );
    let (code, out, err) = run(&dir.path().join("news/deep"), &["../a.md"]);
    assert_eq!(code, 0, "fail_on = never from the file: {err}");
    assert!(
        out.contains("CONTRADICTED"),
        "text format from the file: {out}"
    );
    let (code, out, _) = run(
        &dir.path().join("news"),
        &["a.md", "--fail-on", "contradicted", "--format", "json"],
    );
    assert_eq!(code, 1, "the flag wins");
    assert!(out.starts_with('{'));
    // A wider "about" (from the config) makes 170 million agree with 145 million.
    write(
        dir.path(),
        "wide.toml",
        &format!(
            "reference = {:?}\nas_of = \"2018-03-20\"\n[normalize]\nslack_around = 0.2\n",
            reference()
        ),
    );
    let (code, _, err) = run(dir.path(), &["news/a.md", "--config", "wide.toml"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn bad_config_is_an_input_error_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", ARTICLE);
    write(
        dir.path(),
        "claimcheck.toml",
        "as_of = \"2018-03-20\"\nfail_when = \"never\"\n",
    );
    let (code, _, err) = run(dir.path(), &["a.md", "--reference", &reference()]);
    assert_eq!(code, 2);
    assert!(err.contains("claimcheck.toml:2:"), "{err}");
    assert!(err.contains("fail_when"), "{err}");
    write(dir.path(), "bad.toml", "\nmin_confidence = 7\n");
    let (code, _, err) = run(dir.path(), &["a.md", "--config", "bad.toml"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("bad.toml:2: min_confidence must be between 0 and 1"),
        "{err}"
    );
    let (code, _, err) = run(dir.path(), &["a.md", "--config", "missing.toml"]);
    assert_eq!(code, 2);
    assert!(err.contains("missing.toml"), "{err}");
}

#[test]
fn baseline_accepts_known_findings_and_fails_on_new_ones() {
    let dir = tempfile::tempdir().unwrap();
    let r = reference();
    let common = [
        "a.md",
        "--reference",
        &r,
        "--as-of",
        AS_OF,
        "--format",
        "text",
    ];
    write(dir.path(), "a.md", ARTICLE);
    let (code, _, _) = run(dir.path(), &common);
    assert_eq!(code, 1, "Russia's 170 million is contradicted");

    let (code, out, err) = run(
        dir.path(),
        &[&common[..], &["--write-baseline", "baseline.json"]].concat(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("baselined:"));
    let baseline: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("baseline.json")).unwrap())
            .unwrap();
    let entries = baseline["findings"].as_array().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["text"], "about 170 million");
    assert_eq!(entries[0]["verdict"], "contradicted");

    let with_baseline = [&common[..], &["--baseline", "baseline.json"]].concat();
    let (code, out, _) = run(dir.path(), &with_baseline);
    assert_eq!(code, 0);
    assert!(out.contains("baselined: accepted in the baseline"), "{out}");
    assert!(out.contains("0 ignored, 1 baselined"), "{out}");

    // Text added above the claim moves it; it is still the same finding.
    write(
        dir.path(),
        "a.md",
        &ARTICLE.replace("---\nIndonesia", "---\nA new first paragraph.\n\nIndonesia"),
    );
    let (code, _, _) = run(dir.path(), &with_baseline);
    assert_eq!(code, 0, "an edit above a claim does not make it new");

    // A new contradicted claim fails the run.
    write(
        dir.path(),
        "a.md",
        &format!("{ARTICLE}\nNigeria had about 90 million people in 2017.\n"),
    );
    let (code, out, _) = run(dir.path(), &with_baseline);
    assert_eq!(code, 1, "{out}");

    let (code, _, err) = run(
        dir.path(),
        &[&common[..], &["--baseline", "nope.json"]].concat(),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("nope.json") && err.contains("--write-baseline"),
        "{err}"
    );
}

#[test]
fn inline_ignore_markers() {
    let dir = tempfile::tempdir().unwrap();
    let r = reference();
    let args = [
        "a.md",
        "--reference",
        &r,
        "--as-of",
        AS_OF,
        "--format",
        "text",
    ];
    let marked = ARTICLE.replace(
        "\nDelegates",
        "\n<!-- claimcheck-ignore: figure includes Crimea, per the 2017 census -->\nDelegates",
    );
    write(dir.path(), "a.md", &marked);
    let (code, out, err) = run(dir.path(), &args);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("  ignored: figure includes Crimea, per the 2017 census\n"),
        "{out}"
    );
    assert!(
        !out.contains("2017 census\n  ^"),
        "the marker's own numbers are not claims"
    );
    let (_, md, _) = run(
        dir.path(),
        &[
            "a.md",
            "--reference",
            &r,
            "--as-of",
            AS_OF,
            "--format",
            "md",
        ],
    );
    assert!(md.contains("<br>ignored: figure includes Crimea"), "{md}");
    let (_, json, _) = run(
        dir.path(),
        &[
            "a.md",
            "--reference",
            &r,
            "--as-of",
            AS_OF,
            "--format",
            "json",
        ],
    );
    let v: Value = serde_json::from_str(&json).unwrap();
    let ignored: Vec<&Value> = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c.get("ignored").is_some())
        .collect();
    assert_eq!(ignored.len(), 1);
    assert_eq!(ignored[0]["text"], "about 170 million");

    // At the end of the line.
    write(
        dir.path(),
        "a.md",
        &ARTICLE.replace(
            "would stay.",
            "would stay. <!-- claimcheck-ignore: disputed -->",
        ),
    );
    let (code, out, _) = run(dir.path(), &args);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("ignored: disputed"));

    // Without a reason: an input error naming file and line.
    write(
        dir.path(),
        "a.md",
        &ARTICLE.replace("\nDelegates", "\n<!-- claimcheck-ignore -->\nDelegates"),
    );
    let (code, _, err) = run(dir.path(), &args);
    assert_eq!(code, 2);
    assert!(
        err.contains("a.md:6: claimcheck-ignore marker without a reason"),
        "{err}"
    );
}

#[test]
fn claim_file_ignore_column() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "c.csv",
        "id,text,as_of,ignore\nr1,Russia's population was about 170 million in 2017.,2018-01-15,known: includes Crimea\n",
    );
    let (code, out, _) = run(
        dir.path(),
        &["c.csv", "--reference", &reference(), "--format", "text"],
    );
    assert_eq!(code, 0);
    assert!(
        out.contains("CONTRADICTED") && out.contains("ignored: known: includes Crimea"),
        "{out}"
    );
}

#[test]
fn html_template_can_be_replaced() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", ARTICLE);
    write(
        dir.path(),
        "t.html",
        "{% for c in claims %}<p class=\"{{ c.verdict }}\">{{ c.claim }}</p>\n{% endfor %}",
    );
    let (code, out, err) = run(
        dir.path(),
        &[
            "a.md",
            "--reference",
            &reference(),
            "--as-of",
            AS_OF,
            "--format",
            "html",
            "--template",
            "t.html",
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert_eq!(out, "<p class=\"supported\">about 267 million</p>\n<p class=\"contradicted\">about 170 million</p>\n");
    write(dir.path(), "bad.html", "{% for c in %}");
    let (code, _, err) = run(
        dir.path(),
        &[
            "a.md",
            "--reference",
            &reference(),
            "--format",
            "html",
            "--template",
            "bad.html",
        ],
    );
    assert_eq!(code, 2);
    assert!(err.contains("template"), "{err}");
}

#[test]
fn output_file_holds_the_report_and_is_left_alone_when_rendering_fails() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", ARTICLE);
    let reference = reference();
    let base = ["a.md", "--reference", &reference, "--as-of", AS_OF];
    let mut last = String::new();
    for format in ["json", "jsonl", "text", "markdown"] {
        let (_, out, _) = run(dir.path(), &[&base[..], &["--format", format]].concat());
        let (code, printed, err) = run(
            dir.path(),
            &[&base[..], &["--format", format, "--output", "r.out"]].concat(),
        );
        assert_eq!(code, 1, "{err}");
        assert!(printed.is_empty(), "{printed}");
        let written = std::fs::read_to_string(dir.path().join("r.out")).unwrap();
        assert_eq!(written, out, "--format {format}");
        last = out;
    }
    write(dir.path(), "bad.html", "{% for c in %}");
    let bad_template_to = |output: &str| {
        let args = [
            "--format",
            "html",
            "--template",
            "bad.html",
            "--output",
            output,
        ];
        run(dir.path(), &[&base[..], &args[..]].concat())
    };
    let (code, _, err) = bad_template_to("r.out");
    assert_eq!(code, 2);
    assert!(err.contains("template"), "{err}");
    let kept = std::fs::read_to_string(dir.path().join("r.out")).unwrap();
    assert_eq!(kept, last, "the report written before is kept");
    let (code, _, err) = bad_template_to("none.out");
    assert_eq!(code, 2, "{err}");
    assert!(!dir.path().join("none.out").exists());
}
