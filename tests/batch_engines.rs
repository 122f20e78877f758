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

/// `n` lines of JSON Lines: claim rows (some with escapes, a few
/// repeated ids), archive articles (one with an ignore marker), blank
/// lines and lines that are no JSON, so batches cut through all of them.
fn long_input(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        let line = match i % 9 {
            _ if i % 997 == 500 => "not json".to_string(),
            _ if i % 1999 == 1000 => r#"{"id":"c0","text":"a repeated id"}"#.to_string(),
            0 => format!(
                r#"{{"id":"c{i}","text":"Syria has about {} million people.","as_of":"2017-01-01"}}"#,
                10 + i % 20
            ),
            1 => format!(
                r#"{{"id":"a{i}","date":"1987-03-0{}","body":"Indonesia, with a population of about 168 million, said exports rose 4.1 pct.\n<!-- claimcheck-ignore: a quote -->\nRussia has 170 million people."}}"#,
                1 + i % 9
            ),
            2 => String::new(),
            3 => format!(
                r#"{{"id":"c{i}","text":"Russia\u2019s population was \"about\" {} million.","url":"https://example.org/{i}"}}"#,
                140 + i % 10
            ),
            _ => format!(
                r#"{{"id":"x{i}","text":"The Iraq war lasted more than {} years.","as_of":"2013-03-20"}}"#,
                5 + i % 5
            ),
        };
        s.push_str(&line);
        s.push_str(if i % 7 == 0 { "\r\n" } else { "\n" });
    }
    s
}

#[test]
fn stdin_jsonl_bytes_equal_whole_read_bytes_with_jobs_1_and_4() {
    // More lines than one batch holds (ingest::stdin::BATCH_LINES).
    let input = long_input(claimcheck::ingest::stdin::BATCH_LINES * 2 + 123);
    let whole = checker(0).check_jsonl("<stdin>", &input);
    assert!(whole.lines.len() > 8000, "{}", whole.lines.len());
    assert!(
        whole.problems.iter().any(|p| p.line.unwrap_or(0) > 5000),
        "problems past the first batch"
    );
    let expected = joined(&whole.lines);
    for jobs in ["1", "4"] {
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
                "--jobs",
                jobs,
            ],
            input.as_bytes(),
        );
        assert_eq!(code, Some(2), "the input has faulty lines");
        assert!(stdout == expected, "--jobs {jobs}: the bytes differ");
        let shown: Vec<&str> = stderr
            .lines()
            .filter(|l| l.starts_with("error: "))
            .collect();
        let wanted: Vec<String> = whole
            .problems
            .iter()
            .map(|p| format!("error: {}:{}: {}", p.file, p.line.unwrap(), p.message))
            .collect();
        assert_eq!(shown, wanted, "--jobs {jobs}: the problems and their lines");
    }
}

#[test]
fn stdin_jsonl_claims_come_out_before_the_input_ends() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(["check", "-", "--format", "jsonl", "--as-of", "2017-11-11"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    // One batch and a line, and the pipe left open.
    let batch = long_input(claimcheck::ingest::stdin::BATCH_LINES + 1);
    stdin.write_all(batch.as_bytes()).unwrap();
    stdin.flush().unwrap();
    let first = rx.recv_timeout(std::time::Duration::from_secs(300));
    drop(stdin);
    let first = first.expect("a claim line is written while standard input is still open");
    assert!(first.starts_with("{\"id\":\"c0\""), "{first}");
    child.wait().unwrap();
    reader.join().unwrap();
}

/// The claims' ids and everything but their `document`, line by line.
fn without_documents(jsonl: &str) -> Vec<serde_json::Value> {
    jsonl
        .lines()
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
            v.as_object_mut().unwrap().remove("document");
            v
        })
        .collect()
}

#[test]
fn same_ids_via_path_and_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("wire.jsonl");
    std::fs::write(&archive, ARCHIVE).unwrap();
    let args = |input: &str| {
        vec![
            "check".to_string(),
            input.to_string(),
            "--format".into(),
            "jsonl".into(),
            "--as-of".into(),
            "2017-11-11".into(),
        ]
    };
    let path_args = args(archive.to_str().unwrap());
    let path_args: Vec<&str> = path_args.iter().map(String::as_str).collect();
    let stdin_args = args("-");
    let stdin_args: Vec<&str> = stdin_args.iter().map(String::as_str).collect();
    let (_, by_path, _) = cli(&path_args, b"");
    let (_, by_stdin, _) = cli(&stdin_args, ARCHIVE.as_bytes());
    let (by_path, by_stdin) = (without_documents(&by_path), without_documents(&by_stdin));
    assert!(!by_path.is_empty());
    assert_eq!(by_path, by_stdin);
    let ids: Vec<&str> = by_path.iter().map(|v| v["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"w1#1") && ids.contains(&"w2#1"), "{ids:?}");
    assert!(ids
        .iter()
        .all(|id| !id.contains("wire") && !id.contains("stdin")));
}

/// A reference folder of one canonical table, written at `dir/refdata`.
fn tiny_reference(dir: &std::path::Path, value: &str) -> std::path::PathBuf {
    let folder = dir.join("refdata");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("population.csv"),
        format!("entity,metric,value,low,high,unit,date,source,url\nWakanda,population,{value},,,people,2017,Census,https://example.org\n"),
    )
    .unwrap();
    folder
}

fn check_with_reference(reference: &std::path::Path, format: &str) -> String {
    let (code, stdout, stderr) = cli(
        &[
            "check",
            "-",
            "--no-catalog",
            "--reference",
            reference.to_str().unwrap(),
            "--format",
            format,
            "--as-of",
            "2018-01-01",
        ],
        br#"{"id":"k1","text":"Wakanda has a population of about 6 million."}"#,
    );
    assert!(code == Some(0) || code == Some(1), "{stderr}");
    stdout
}

#[test]
fn evidence_file_same_for_two_reference_locations() {
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    let near = tiny_reference(one.path(), "6000000");
    let far = tiny_reference(&two.path().join("spark-xyz/userFiles"), "6000000");
    let a = check_with_reference(&near, "json");
    let b = check_with_reference(&far, "json");
    assert_eq!(a, b, "the same data, byte-identical reports");
    let report: serde_json::Value = serde_json::from_str(&a).unwrap();
    let evidence = &report["claims"][0]["evidence"][0];
    assert_eq!(evidence["file"], "refdata/population.csv");
    // A path given with `.` in it names the same folder.
    let dotted = far.join(".");
    assert_eq!(check_with_reference(&dotted, "json"), a);
}

#[test]
fn report_names_the_reference_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let folder = tiny_reference(dir.path(), "6000000");
    let json: serde_json::Value =
        serde_json::from_str(&check_with_reference(&folder, "json")).unwrap();
    let snapshot = json["reference"].as_str().unwrap().to_string();
    assert!(
        snapshot.starts_with("sha256:") && snapshot.len() == 71,
        "{snapshot}"
    );
    let sarif: serde_json::Value =
        serde_json::from_str(&check_with_reference(&folder, "sarif")).unwrap();
    assert_eq!(sarif["runs"][0]["properties"]["reference"], snapshot);
    assert!(check_with_reference(&folder, "text").contains(&format!("reference: {snapshot}\n")));
    assert!(check_with_reference(&folder, "junit").contains(&format!(
        "<property name=\"reference\" value=\"{snapshot}\"/>"
    )));
    // Another value is another snapshot; the same bytes again, the same.
    tiny_reference(dir.path(), "6100000");
    let changed: serde_json::Value =
        serde_json::from_str(&check_with_reference(&folder, "json")).unwrap();
    assert_ne!(changed["reference"], snapshot);
    tiny_reference(dir.path(), "6000000");
    let again: serde_json::Value =
        serde_json::from_str(&check_with_reference(&folder, "json")).unwrap();
    assert_eq!(again["reference"], snapshot);
    // The library's Checker names the same snapshot, catalog and all.
    let (_, stdout, _) = cli(
        &[
            "check",
            "claims/claims.jsonl",
            "--reference",
            "reference-data",
            "--format",
            "json",
        ],
        b"",
    );
    let cli_report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(cli_report["reference"], checker(1).snapshot());
}

#[test]
fn errors_file_gets_every_problem() {
    let dir = tempfile::tempdir().unwrap();
    let errors = dir.path().join("problems.jsonl");
    let errors_arg = errors.to_str().unwrap();
    let (code, _, stderr) = cli(
        &["check", "-", "--format", "jsonl", "--errors", errors_arg],
        ARCHIVE.as_bytes(),
    );
    assert_eq!(code, Some(2), "input errors still exit 2");
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&errors)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let shown: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect();
    assert_eq!(lines.len(), shown.len());
    assert_eq!(lines.len(), 2);
    for (line, shown) in lines.iter().zip(&shown) {
        assert_eq!(line["file"], "<stdin>");
        assert_eq!(line["severity"], "error");
        let at = format!(
            "<stdin>:{}: {}",
            line["line"],
            line["problem"].as_str().unwrap()
        );
        assert!(shown.contains(&at), "{shown} / {at}");
        assert!(!line["hint"].as_str().unwrap().is_empty());
    }
    // No problem: the file is there, empty.
    let (code, _, _) = cli(
        &[
            "check",
            "claims/claims.jsonl",
            "--format",
            "jsonl",
            "--errors",
            errors_arg,
        ],
        b"",
    );
    assert!(code == Some(0) || code == Some(1));
    assert_eq!(std::fs::read_to_string(&errors).unwrap(), "");
    // A reference folder that cannot be used stops the run; it is there too.
    let bad = dir.path().join("bad");
    std::fs::create_dir(&bad).unwrap();
    std::fs::write(bad.join("x.csv"), "entity,metric\nA,population\n").unwrap();
    let (code, _, _) = cli(
        &[
            "check",
            "claims/claims.jsonl",
            "--reference",
            bad.to_str().unwrap(),
            "--errors",
            errors_arg,
        ],
        b"",
    );
    assert_eq!(code, Some(2));
    let text = std::fs::read_to_string(&errors).unwrap();
    assert!(text.contains("x.csv"), "{text}");
}
