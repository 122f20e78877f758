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
    assert_eq!(code, 1, "{format}: the bundled claims include contradicted ones: {err}");
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
    eprintln!("SKIPPED: {tool} is not installed, so {why} did not run (apt-get install libxml2-utils)");
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
    assert!(!xml.contains("<properties>"), "no properties in a testcase");
}
