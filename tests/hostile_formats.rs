//! Issue 19, items 11, 15, 16 and 17: what `reference validate` must catch
//! in a reference folder, the SARIF artifact URIs, what the CSV,
//! ClaimReview and JSON reports carry of ignored, baselined and linked
//! claims, and the `--template` messages and limits. Each test drives the
//! real binary over a small folder written to a temporary directory and is
//! named after its item.

use std::path::Path;
use std::process::Command;

/// A fresh folder holding `files` (name, text).
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// Run claimcheck in `dir` (the working directory, so paths are shown
/// relative to it): exit code, stdout, stderr.
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("CI")
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "panic:\n{stderr}");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
    )
}

/// `reference validate ref --no-catalog` over a folder `ref` of `files`:
/// exit code and stderr.
fn validate(files: &[(&str, &str)]) -> (i32, String) {
    let files: Vec<(String, &str)> = files
        .iter()
        .map(|(name, text)| (format!("ref/{name}"), *text))
        .collect();
    let named: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), *t)).collect();
    let dir = folder(&named);
    let (code, _, stderr) = run(
        dir.path(),
        &["reference", "validate", "ref", "--no-catalog"],
    );
    (code, stderr)
}

/// Whether `stderr` has a problem of `severity` ("error", "warning") at
/// `at` (file:line) whose message holds `message`, with a hint after it.
fn has_problem(stderr: &str, severity: &str, at: &str, message: &str) -> bool {
    let head = format!("{severity}: {at}: ");
    let lines: Vec<&str> = stderr.lines().collect();
    lines.iter().enumerate().any(|(i, l)| {
        l.starts_with(&head)
            && l.contains(message)
            && lines
                .get(i + 1)
                .is_some_and(|h| h.starts_with("  hint: ") && h.len() > 10)
    })
}

const HEADER: &str = "entity,metric,value,low,high,unit,date,source,url\n";

/// A canonical table of three countries' population, which the other
/// files of a case can name.
fn people() -> String {
    format!(
        "{HEADER}Chad,population,15000000,,,people,2018,S,\nMali,population,19000000,,,people,2018,S,\nNiger,population,22000000,,,people,2018,S,\n"
    )
}

#[test]
fn item_11_alias_to_two_entities_is_a_validation_error() {
    let aliases = "alias,entity\nthe Sahel state,Chad\nSahel state,Chad\nThe Sahel State,Mali\n";
    let (code, err) = validate(&[("people.csv", &people()), ("aliases.csv", aliases)]);
    assert_eq!(code, 2, "{err}");
    assert!(
        has_problem(
            &err,
            "error",
            "ref/aliases.csv:4",
            "alias \"The Sahel State\" points at \"Mali\", but line 2 points \"the Sahel state\", the same name, at \"Chad\""
        ),
        "{err}"
    );
    // The same alias twice for one entity is no conflict.
    assert!(!err.contains("aliases.csv:3"), "{err}");
}

#[test]
fn item_11_alias_shadowed_by_an_exact_name_is_a_validation_error() {
    let aliases = "alias,entity\nNiger,Chad\nCHAD,Chad\n";
    let (code, err) = validate(&[("people.csv", &people()), ("aliases.csv", aliases)]);
    assert_eq!(code, 2, "{err}");
    assert!(
        has_problem(
            &err,
            "error",
            "ref/aliases.csv:2",
            "alias \"Niger\" (for \"Chad\") is the name of \"Niger\": names are matched before aliases, so this alias is never used"
        ),
        "{err}"
    );
    // An alias that is its own entity's name, as written otherwise, is harmless.
    assert!(!err.contains("aliases.csv:3"), "{err}");
}

#[test]
fn item_11_value_outside_its_own_low_high_is_a_validation_error() {
    let csv = format!(
        "{HEADER}Chad,deaths,12,10,11,people,2016,S,\nMali,deaths,3,5,,people,2016,S,\nNiger,deaths,7,5,9,people,2016,S,\n"
    );
    let (code, err) = validate(&[("deaths.csv", &csv)]);
    assert_eq!(code, 2, "{err}");
    assert!(
        has_problem(
            &err,
            "error",
            "ref/deaths.csv:2",
            "value 12 is above its own high 11"
        ),
        "{err}"
    );
    assert!(
        has_problem(
            &err,
            "error",
            "ref/deaths.csv:3",
            "value 3 is below its own low 5"
        ),
        "{err}"
    );
    assert!(!err.contains("deaths.csv:4"), "{err}");
}

#[test]
fn item_11_negative_count_is_a_validation_warning() {
    let csv = format!(
        "{HEADER}Chad,deaths,-5,,,people,2016,S,\nChad,deaths,-7,,,people,2017,S,\nChad,deaths,5,,,people,2018,S,\nChad,current_account,-9,,,current US$,2018,S,\nWar,start_date,1960-01-01,,,date,1960-01-01,S,\n"
    );
    let (code, err) = validate(&[("deaths.csv", &csv)]);
    // A net figure can be negative: a warning, which does not fail.
    assert_eq!(code, 0, "{err}");
    assert!(
        has_problem(
            &err,
            "warning",
            "ref/deaths.csv:2",
            "metric \"deaths\" counts people and has the negative value -5 (and 1 more row)"
        ),
        "{err}"
    );
    // Money and dates before 1970 are not counts.
    assert_eq!(err.matches("warning:").count(), 1, "{err}");
}

#[test]
fn item_11_file_listed_twice_in_datasets_toml_is_a_validation_error() {
    let manifest = "[[dataset]]\nfile = \"wide.csv\"\nshape = \"wide\"\nentity = \"Country\"\nmetric = { constant = \"population\" }\nunit = { constant = \"people\" }\n\n[[dataset]]\nname = \"again\"\nfile = \"wide.csv\"\nshape = \"wide\"\nentity = \"Country\"\nmetric = { constant = \"population\" }\n";
    let wide = "Country,2017,2018\nChad,1,2\n";
    let (code, err) = validate(&[("datasets.toml", manifest), ("wide.csv", wide)]);
    assert_eq!(code, 2, "{err}");
    assert!(
        has_problem(
            &err,
            "error",
            "ref/datasets.toml:10",
            "dataset file \"wide.csv\" has a second [[dataset]] entry (the first is at line 2)"
        ),
        "{err}"
    );
}

#[test]
fn item_11_wide_header_that_is_not_a_year_is_a_validation_error() {
    let manifest = "[[dataset]]\nfile = \"wide.csv\"\nshape = \"wide\"\nentity = \"Country\"\nmetric = { constant = \"population\" }\nunit = { constant = \"people\" }\n";
    let wide = "Country,2017,2018-13,2019\nChad,1,2,3\n";
    let (code, err) = validate(&[("datasets.toml", manifest), ("wide.csv", wide)]);
    assert_eq!(code, 2, "{err}");
    assert!(
        has_problem(
            &err,
            "error",
            "ref/wide.csv:1",
            "column \"2018-13\" is neither a year nor a date"
        ),
        "{err}"
    );
}

#[test]
fn item_11_a_clean_folder_still_validates() {
    let (code, err) = validate(&[
        ("people.csv", &people()),
        ("aliases.csv", "alias,entity\nthe Sahel state,Chad\n"),
    ]);
    assert_eq!((code, err.as_str()), (0, ""));
}

/// A reference folder `ref` of [`people`], beside the articles.
fn with_people(files: &[(&str, &str)]) -> tempfile::TempDir {
    let table = people();
    let mut all = vec![("ref/people.csv", table.as_str())];
    all.extend_from_slice(files);
    folder(&all)
}

/// Decode a URI reference that may hold only unreserved characters, `/`
/// and `%XX` escapes (anything else fails the test): the path it names.
fn decode_uri_path(uri: &str) -> String {
    let bytes = uri.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            assert!(
                hex.bytes().all(|h| h.is_ascii_hexdigit()),
                "bad escape in {uri:?}"
            );
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            assert!(
                b.is_ascii_alphanumeric() || b"-._~/".contains(&b),
                "{:?} unescaped in {uri:?}",
                b as char
            );
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn item_15_sarif_artifact_uris_are_percent_encoded() {
    let names = ["my claims #1 %.md", "Zürich – 東京.md", "line\nbreak?.md"];
    let text = "Chad had about 15 million people in 2018.\n";
    let files: Vec<(&str, &str)> = names.iter().map(|n| (*n, text)).collect();
    let dir = with_people(&files);
    let mut args = vec![
        "check",
        "--reference",
        "ref",
        "--no-catalog",
        "--format",
        "sarif",
        // The claims are supported, which SARIF leaves out unless asked.
        "--include-supported",
    ];
    args.extend(names);
    let (code, out, err) = run(dir.path(), &args);
    assert_eq!(code, 0, "{err}");
    let sarif: serde_json::Value = serde_json::from_str(&out).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), names.len(), "{out}");
    for (result, name) in results.iter().zip(names) {
        let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert_eq!(decode_uri_path(uri), name, "{uri}");
        let related = result["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert_eq!(decode_uri_path(related), "ref/people.csv");
    }
    let first = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap();
    assert_eq!(first, "my%20claims%20%231%20%25.md");
    let second = results[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap();
    assert_eq!(second, "Z%C3%BCrich%20%E2%80%93%20%E6%9D%B1%E4%BA%AC.md");
}

/// The claim of `id` in a JSON report's claims (or JSON Lines' objects).
fn claim<'v>(claims: &'v [serde_json::Value], id: &str) -> &'v serde_json::Value {
    claims
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no claim {id}"))
}

#[test]
fn item_16_ignored_baselined_and_url_reach_csv_json_and_claimreview() {
    let header = "id,text,url,ignore\n";
    let mali = "mali,Mali had about 40 million people in 2018.,https://example.org/mali,\n";
    let dir = with_people(&[
        ("claims.csv", &format!("{header}{mali}")),
        (
            "article.md",
            "---\nurl: https://example.org/chad-article\n---\nChad had about 15 million people in 2018.\n",
        ),
    ]);
    let d = dir.path();
    let base = ["--reference", "ref", "--no-catalog"];
    // Today's contradicted Mali row is accepted into a baseline.
    let (code, _, err) = run(
        d,
        &[
            &["check", "claims.csv"],
            &base[..],
            &["--write-baseline", "base.json"],
        ]
        .concat(),
    );
    assert_eq!(code, 0, "{err}");
    std::fs::write(
        d.join("claims.csv"),
        format!(
            "{header}chad,Chad had about 15 million people in 2018.,https://example.org/chad,\n{mali}niger,Niger had about 90 million people in 2018.,,from the court filing\n"
        ),
    )
    .unwrap();
    let report = |format: &str| {
        let args = [
            &["check", "claims.csv", "article.md"],
            &base[..],
            &["--baseline", "base.json", "--format", format],
        ]
        .concat();
        let (code, out, err) = run(d, &args);
        // Niger is ignored, Mali baselined: nothing fails the run.
        assert_eq!(code, 0, "{format}: {err}");
        out
    };

    let json: serde_json::Value = serde_json::from_str(&report("json")).unwrap();
    let claims = json["claims"].as_array().unwrap();
    assert_eq!(claim(claims, "chad")["url"], "https://example.org/chad");
    assert_eq!(claim(claims, "mali")["url"], "https://example.org/mali");
    assert!(claim(claims, "niger").get("url").is_none());
    assert_eq!(
        claim(claims, "article.md#1")["url"],
        "https://example.org/chad-article"
    );
    assert_eq!(claim(claims, "mali")["baselined"], true);
    assert_eq!(claim(claims, "niger")["ignored"], "from the court filing");
    let jsonl: Vec<serde_json::Value> = report("jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(&jsonl[..], &claims[..]);

    let csv = report("csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        &header[header.len() - 4..],
        ["explanation", "ignored", "baselined", "url"]
    );
    let rows: Vec<(String, String, String, String)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            let n = r.len();
            (
                r[0].to_string(),
                r[n - 3].to_string(),
                r[n - 2].to_string(),
                r[n - 1].to_string(),
            )
        })
        .collect();
    let row = |id: &str| rows.iter().find(|r| r.0 == id).unwrap().clone();
    let expected = |id: &str, ignored: &str, baselined: &str, url: &str| {
        (id.to_string(), ignored.into(), baselined.into(), url.into())
    };
    assert_eq!(
        row("chad"),
        expected("chad", "", "false", "https://example.org/chad")
    );
    assert_eq!(
        row("mali"),
        expected("mali", "", "true", "https://example.org/mali")
    );
    assert_eq!(
        row("niger"),
        expected("niger", "from the court filing", "false", "")
    );

    // Only the claims with a verdict the newsroom stands by are published.
    let reviews: serde_json::Value = serde_json::from_str(&report("claimreview")).unwrap();
    let reviews = reviews.as_array().unwrap();
    let ids: Vec<&str> = reviews
        .iter()
        .map(|r| r["identifier"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["chad", "article.md#1"]);
    assert_eq!(
        reviews[0]["itemReviewed"]["appearance"]["url"],
        "https://example.org/chad"
    );
    assert_eq!(
        reviews[1]["itemReviewed"]["appearance"]["url"],
        "https://example.org/chad-article"
    );
}

/// A folder with one checkable article, the `ref` folder and `files`.
fn article_and(files: &[(&str, &str)]) -> tempfile::TempDir {
    let mut all = vec![("a.md", "Chad had about 15 million people in 2018.\n")];
    all.extend_from_slice(files);
    with_people(&all)
}

const HTML: [&str; 7] = [
    "check",
    "a.md",
    "--reference",
    "ref",
    "--no-catalog",
    "--format",
    "html",
];

#[test]
fn item_17_template_error_names_the_users_file_and_line_once_with_a_hint() {
    let dir = article_and(&[
        ("syntax.j2", "<p>\n{% for %}\n"),
        ("filter.j2", "<p>\n\n{{ version | nosuch }}\n"),
    ]);
    // A syntax error is found before the check runs.
    let (code, out, err) = run(
        dir.path(),
        &[&HTML[..], &["--template", "syntax.j2"]].concat(),
    );
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(
        has_problem(
            &err,
            "error",
            "syntax.j2:2",
            "syntax error: unexpected end of block"
        ),
        "{err}"
    );
    assert_eq!(err.matches("syntax error").count(), 1, "{err}");
    assert!(!err.contains("report.html"), "{err}");
    // An error met while rendering, into --output: the same shape, and no
    // report written.
    let (code, _, err) = run(
        dir.path(),
        &[
            &HTML[..],
            &["--template", "filter.j2", "--output", "out.html"],
        ]
        .concat(),
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("filter.j2:3: unknown filter"), "{err}");
    assert_eq!(err.matches("unknown filter").count(), 1, "{err}");
    assert!(err.contains("\n  hint: "), "{err}");
    assert!(!err.contains("report.html"), "{err}");
    assert!(!dir.path().join("out.html").exists());
}

#[test]
fn item_17_a_template_loop_runs_out_of_fuel() {
    let runaway = "<p>\n{% for a in range(100000) %}{% for b in range(100000) %}{{ a }} and more text{% endfor %}{% endfor %}\n";
    let dir = article_and(&[("loop.j2", runaway)]);
    let started = std::time::Instant::now();
    let (code, out, err) = run(
        dir.path(),
        &[&HTML[..], &["--template", "loop.j2"]].concat(),
    );
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty(), "{} bytes written", out.len());
    assert!(
        has_problem(&err, "error", "loop.j2:2", "ran out of fuel"),
        "{err}"
    );
    assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
    // The built-in page, given as a template, renders as the built-in one.
    let builtin = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/report/report.html.j2");
    let (code, own, err) = run(
        dir.path(),
        &[&HTML[..], &["--template", builtin.to_str().unwrap()]].concat(),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(own, run(dir.path(), &HTML).1);
}

#[test]
fn item_17_template_with_a_non_html_format_is_refused() {
    let dir = article_and(&[("page.j2", "{{ version }}")]);
    let base = ["check", "a.md", "--reference", "ref", "--no-catalog"];
    for format in [&["--format", "json"][..], &["--format", "csv"], &[]] {
        let (code, out, err) = run(
            dir.path(),
            &[&base[..], format, &["--template", "page.j2"]].concat(),
        );
        assert_eq!((code, out.as_str()), (2, ""), "{format:?}: {err}");
        assert!(
            err.contains("error: --template is a page for --format html")
                && err.contains("\n  hint: add --format html"),
            "{format:?}: {err}"
        );
    }
}
