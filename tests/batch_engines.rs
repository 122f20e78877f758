//! Issue 21, "a CLI safe for batch engines": what a Spark-style pipe gives
//! claimcheck. An empty partition arrives as an empty standard input.

use std::io::Write;
use std::process::{Command, Stdio};

fn check_stdin(input: &[u8], format: &str) -> (Option<i32>, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(["check", "-", "--format", format])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn empty_standard_input_is_zero_claims_and_exit_0() {
    for input in [&b""[..], b"\n", b"  \n\n", b"\xef\xbb\xbf\n"] {
        let (code, stdout, stderr) = check_stdin(input, "jsonl");
        assert_eq!(code, Some(0), "{input:?}: {stderr}");
        assert_eq!(stdout, "", "no findings");
        assert!(!stderr.contains("error"), "{stderr}");
        let (code, stdout, _) = check_stdin(input, "json");
        assert_eq!(code, Some(0));
        let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(report["claims"].as_array().map(Vec::len), Some(0));
    }
}

#[test]
fn an_empty_file_named_on_the_command_line_is_still_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.md");
    std::fs::write(&file, "").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(["check", "--format", "jsonl"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("file is empty"));
}

#[test]
fn a_named_empty_folder_beside_standard_input_is_noted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(["check", "-", "empty", "--format", "jsonl"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("note: nothing was read from empty"),
        "{stderr}"
    );
}

/// Three short wire stories in the shape of the Reuters archive (written
/// for this test), an ignore marker, a duplicate id and a line that is no
/// JSON among them.
const ARCHIVE: &str = concat!(
    r#"{"id":"w1","date":"1987-03-02","title":"INDONESIA POPULATION","body":"Indonesia, with a population of about 168 million, plans to cut imports.\nOfficials said inflation was 8.8 pct last year."}"#,
    "\n",
    r#"{"id":"w2","date":"2017-11-11","title":"SYRIA","body":"The conflict in Syria, now in its seventh year, has wounded nearly two million people.\n<!-- claimcheck-ignore: quoted from a 2012 estimate -->\nSyria had 30 million people."}"#,
    "\n\n",
    "not json\n",
    r#"{"id":"w3","date":"2018-05-04","title":"RUSSIA","body":"Russia's population of about 170 million ..."}"#,
    "\n",
    r#"{"id":"w1","date":"1987-03-02","body":"A second w1."}"#,
    "\n",
);

/// The CLI's `--format jsonl` output and stderr for `args`, `input` on
/// standard input.
fn cli(args: &[&str], input: &[u8]) -> (Option<i32>, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn checker(jobs: usize) -> claimcheck::checker::Checker {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    claimcheck::checker::Checker::open(&claimcheck::checker::CheckerOptions {
        reference: Some(root.join("reference-data")),
        as_of: Some("2017-11-11".to_string()),
        jobs,
    })
    .unwrap()
}

/// Lines as the CLI writes them: each and a newline.
fn joined(lines: &[String]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

#[test]
fn checker_lines_equal_the_cli_jsonl_for_a_claim_file() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("claims/claims.jsonl")).unwrap();
    let (code, stdout, stderr) = cli(
        &[
            "check",
            "claims/claims.jsonl",
            "--format",
            "jsonl",
            "--as-of",
            "2017-11-11",
            "--reference",
            "reference-data",
        ],
        b"",
    );
    assert!(code == Some(0) || code == Some(1), "{stderr}");
    assert!(!stdout.is_empty());
    for jobs in [0, 1, 3] {
        let batch = checker(jobs).check_jsonl("claims/claims.jsonl", &text);
        assert!(batch.problems.is_empty(), "{:?}", batch.problems);
        assert_eq!(joined(&batch.lines), stdout, "jobs {jobs}");
    }
}

#[test]
fn checker_lines_and_problems_equal_the_cli_for_an_archive_on_stdin() {
    let (code, stdout, stderr) = cli(
        &[
            "check",
            "-",
            "--format",
            "jsonl",
            "--as-of",
            "2017-11-11",
            "--reference",
            "reference-data",
        ],
        ARCHIVE.as_bytes(),
    );
    assert_eq!(code, Some(2), "the archive has input errors: {stderr}");
    let batch = checker(2).check_jsonl("<stdin>", ARCHIVE);
    assert_eq!(joined(&batch.lines), stdout);
    assert!(stdout.contains("\"ignored\":\"quoted from a 2012 estimate\""));
    let problems: Vec<(u64, bool)> = batch
        .problems
        .iter()
        .map(|p| (p.line.unwrap(), p.message.contains("duplicate")))
        .collect();
    assert_eq!(problems, [(4, false), (6, true)]);
    for p in &batch.problems {
        assert!(stderr.contains(&p.message), "{stderr}");
    }
}

#[test]
fn checker_answers_from_several_threads_at_once() {
    let checker = std::sync::Arc::new(checker(2));
    let alone = checker.check_jsonl("a.jsonl", ARCHIVE);
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let c = checker.clone();
            std::thread::spawn(move || c.check_jsonl("a.jsonl", ARCHIVE))
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), alone);
    }
    assert_eq!(checker.as_of(), "2017-11-11");
    assert!(checker.snapshot().starts_with("sha256:"));
    assert!(checker.check_jsonl("empty", " \n").lines.is_empty());
}
