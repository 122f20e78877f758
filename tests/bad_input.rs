//! Hostile and broken input, one named case each: the exit code and the
//! exact message a user sees. Never a panic, never a silently dropped row.

use assert_cmd::Command;

struct Case {
    /// Files to write into a fresh folder: (name, bytes).
    files: Vec<(&'static str, Vec<u8>)>,
    /// Arguments; `{dir}` is replaced by the folder.
    args: Vec<&'static str>,
    code: i32,
    /// Lines that must appear in stderr, with `{dir}` replaced.
    stderr: Vec<&'static str>,
}

fn case(
    files: Vec<(&'static str, Vec<u8>)>,
    args: &[&'static str],
    code: i32,
    stderr: &[&'static str],
) -> Case {
    Case {
        files,
        args: args.to_vec(),
        code,
        stderr: stderr.to_vec(),
    }
}

fn run_case(name: &str, c: Case) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    for (file, bytes) in &c.files {
        let path = dir.path().join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let d = dir.path().to_str().unwrap().to_string();
    let args: Vec<String> = c.args.iter().map(|a| a.replace("{dir}", &d)).collect();
    let out = Command::cargo_bin("claimcheck")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env_remove("CI")
        .args(&args)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).replace(&d, "{dir}");
    assert!(!err.contains("panicked"), "{name}: panic:\n{err}");
    assert_eq!(
        out.status.code(),
        Some(c.code),
        "{name}: exit code; stderr:\n{err}"
    );
    for want in &c.stderr {
        assert!(err.contains(want), "{name}: stderr lacks {want:?}:\n{err}");
    }
    out
}

fn claims_csv(body: &str) -> Vec<u8> {
    format!("id,text,as_of\n{body}").into_bytes()
}

const OK_ROW: &str = "ok,Syria had about 18 million people in 2017.,2017-12-31\n";

macro_rules! cases {
    ($($name:ident: $case:expr;)*) => {
        $(
            #[test]
            fn $name() {
                run_case(stringify!($name), $case);
            }
        )*
    };
}

cases! {
    unbalanced_quotes: case(vec![("c.csv", claims_csv("a,\"open quote,2017\n"))], &["check", "{dir}/c.csv", "--format", "json"], 2,
        &["{dir}/c.csv:2: row has 2 fields, the header has 3"]);
    byte_order_mark_is_accepted: case(vec![("c.csv", [b"\xef\xbb\xbf".as_slice(), &claims_csv(OK_ROW)].concat())], &["check", "{dir}/c.csv", "--format", "json"], 0, &[]);
    crlf_claim_file_is_accepted: case(vec![("c.csv", claims_csv(OK_ROW).iter().flat_map(|&b| if b == b'\n' { vec![b'\r', b'\n'] } else { vec![b] }).collect())], &["check", "{dir}/c.csv", "--format", "json"], 0, &[]);
    mixed_line_ends_in_article: case(vec![("a.txt", b"The war in Syria is now in its seventh year.\r\nIt has killed about 470,000 people.\rMore text.\n".to_vec())], &["check", "{dir}/a.txt", "--as-of", "2017-11-11", "--format", "json"], 0, &[]);
    invalid_utf8: case(vec![("a.txt", b"Fine line.\nBad \xff byte.\n".to_vec())], &["check", "{dir}/a.txt"], 2,
        &["{dir}/a.txt:2: invalid UTF-8 at byte 15", "hint: save the file as UTF-8"]);
    empty_file: case(vec![("a.md", Vec::new())], &["check", "{dir}/a.md"], 2, &["{dir}/a.md: file is empty"]);
    header_only: case(vec![("c.csv", claims_csv(""))], &["check", "{dir}/c.csv"], 2, &["{dir}/c.csv:1: claim file has a header but no rows"]);
    missing_text_column: case(vec![("c.csv", b"id,as_of\n1,2017\n".to_vec())], &["check", "{dir}/c.csv"], 2, &["{dir}/c.csv:1: missing column id or text"]);
    unknown_column: case(vec![("c.csv", b"id,text,verdict\n1,x,y\n".to_vec())], &["check", "{dir}/c.csv"], 2, &["{dir}/c.csv:1: unknown column \"verdict\""]);
    extra_field_in_row: case(vec![("c.csv", claims_csv(&format!("{OK_ROW}x,a,b,c\n")))], &["check", "{dir}/c.csv", "--format", "json"], 2, &["{dir}/c.csv:3: row has 4 fields, the header has 3"]);
    duplicate_claim_ids: case(vec![("c.csv", claims_csv(&format!("{OK_ROW}{OK_ROW}")))], &["check", "{dir}/c.csv", "--format", "json"], 2, &["{dir}/c.csv:3: duplicate claim id \"ok\" (first used on line 2)"]);
    impossible_as_of_in_row: case(vec![("c.csv", claims_csv("d,Syria had 18 million people.,2017-02-30\n"))], &["check", "{dir}/c.csv"], 2, &["{dir}/c.csv:2: as_of: \"2017-02-30\" is not a date"]);
    bad_as_of_option: case(vec![], &["check", "--as-of", "11/11/2017"], 2, &["error: --as-of: \"11/11/2017\" is not a date; write it as YYYY-MM-DD"]);
    long_article_on_one_line: case(vec![("a.txt", "The war has killed about 470,000 people and more. ".repeat(100_000).into_bytes())], &["check", "{dir}/a.txt", "--as-of", "2017-11-11", "--format", "jsonl"], 0, &[]);
    nul_bytes_in_article: case(vec![("a.txt", b"Syria had about 18 million\0 people in 2017.\0".to_vec())], &["check", "{dir}/a.txt", "--format", "json"], 0, &[]);
    deeply_nested_jsonl: case(vec![("c.jsonl", format!("{}{}\n", "[".repeat(5000), "]".repeat(5000)).into_bytes())], &["check", "{dir}/c.jsonl"], 2, &["{dir}/c.jsonl:1: not valid JSON: recursion limit exceeded"]);
    jsonl_line_not_an_object: case(vec![("c.jsonl", b"[1, 2]\n".to_vec())], &["check", "{dir}/c.jsonl"], 2, &["{dir}/c.jsonl:1: line is not a JSON object"]);
    jsonl_without_id: case(vec![("c.jsonl", b"{\"text\": \"about 5 million\"}\n".to_vec())], &["check", "{dir}/c.jsonl"], 2, &["{dir}/c.jsonl:1: object has no \"id\""]);
    jsonl_text_not_a_string: case(vec![("c.jsonl", b"{\"id\": \"a\", \"text\": 5}\n".to_vec())], &["check", "{dir}/c.jsonl"], 2, &["{dir}/c.jsonl:1: \"text\" must be a string"]);
    jsonl_neither_claim_nor_article: case(vec![("c.jsonl", b"{\"id\": \"a\"}\n".to_vec())], &["check", "{dir}/c.jsonl"], 2, &["{dir}/c.jsonl:1: object has neither \"text\" (a claim) nor \"body\" (an article)"]);
    unclosed_front_matter: case(vec![("a.md", b"---\ndate: 2017-11-11\nBody text.\n".to_vec())], &["check", "{dir}/a.md"], 2, &["{dir}/a.md:3: front matter line \"Body text.\" is not `key: value`; is the closing --- missing?"]);
    bad_front_matter_date: case(vec![("a.md", b"---\ntitle: x\ndate: 2017-13-01\n---\nBody.\n".to_vec())], &["check", "{dir}/a.md"], 2, &["{dir}/a.md:3: front matter date: \"2017-13-01\" is not a date"]);
    missing_path: case(vec![], &["check", "{dir}/nowhere.md"], 2, &["{dir}/nowhere.md: cannot open"]);
    unknown_extension_named: case(vec![("notes.docx", b"x".to_vec())], &["check", "{dir}/notes.docx"], 2, &["{dir}/notes.docx: unknown file type"]);
    unreadable_among_readable: case(vec![("good.csv", claims_csv(OK_ROW)), ("bad.txt", b"\xfe\xfe".to_vec())], &["check", "{dir}", "--format", "json"], 2, &["{dir}/bad.txt:1: invalid UTF-8"]);
    unknown_format: case(vec![], &["check", "--format", "docx"], 2, &["invalid value 'docx' for '--format"]);
    min_confidence_out_of_range: case(vec![], &["check", "--min-confidence", "2"], 2, &["error: --min-confidence must be between 0 and 1, got 2"]);
    unparseable_phrase: case(vec![], &["normalize", "no figure here"], 2, &["error: <phrase>:"]);
    reference_folder_missing: case(vec![], &["check", "--reference", "{dir}/none"], 2, &["{dir}/none: cannot read the reference folder"]);
    reference_non_numeric_value: case(vec![("r/x.csv", b"entity,metric,value,low,high,unit,date,source,url\nA,deaths,lots,,,people,2016,S,\n".to_vec())], &["reference", "validate", "{dir}/r"], 2, &["{dir}/r/x.csv:2: value \"lots\" is not a number"]);
    reference_bad_date: case(vec![("r/x.csv", b"entity,metric,value,low,high,unit,date,source,url\nA,deaths,5,,,people,2016-02-30,S,\n".to_vec())], &["reference", "validate", "{dir}/r"], 2, &["{dir}/r/x.csv:2: date \"2016-02-30\" is not a date"]);
    reference_unmapped_file: case(vec![("r/x.csv", b"Country,Pop\nA,5\n".to_vec())], &["reference", "validate", "{dir}/r"], 2, &["{dir}/r/x.csv:1: unknown column \"Country\"", "add a [[dataset]] entry for \"x.csv\" to datasets.toml"]);
    manifest_unknown_key: case(vec![("r/datasets.toml", b"[[dataset]]\nfile = \"x.csv\"\nentity = \"E\"\ncolour = \"red\"\n".to_vec())], &["reference", "validate", "{dir}/r"], 2, &["{dir}/r/datasets.toml:4: unknown field `colour`"]);
    manifest_missing_file: case(vec![("r/datasets.toml", b"[[dataset]]\nfile = \"x.csv\"\nentity = \"E\"\nmetric = { constant = \"p\" }\nvalue = \"V\"\ndate = \"Y\"\n".to_vec())], &["reference", "validate", "{dir}/r"], 2, &["dataset file \"x.csv\" not found"]);
    reference_low_above_high: case(vec![("r/x.csv", b"entity,metric,value,low,high,unit,date,source,url\nA,deaths,5,9,3,people,2016,S,\n".to_vec())], &["reference", "validate", "{dir}/r"], 2, &["{dir}/r/x.csv:2: low 9 is above high 3"]);
    alias_to_unknown_entity: case(vec![("r/x.csv", b"entity,metric,value,low,high,unit,date,source,url\nA,deaths,5,,,people,2016,S,\n".to_vec()), ("r/aliases.csv", b"alias,entity\nAy,B\n".to_vec())], &["reference", "validate", "{dir}/r"], 2, &["{dir}/r/aliases.csv:2: alias \"Ay\" points at \"B\", which no dataset has"]);
    reference_problem_stops_check: case(vec![("r/x.csv", b"entity,metric,value,low,high,unit,date,source,url\nA,deaths,5x,,,people,2016,S,\n".to_vec())], &["check", "--reference", "{dir}/r", "claims"], 2, &["run `claimcheck reference validate {dir}/r`"]);
}

#[test]
fn html_and_formulas_in_input_stay_inert() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("c.csv");
    std::fs::write(&f, "id,text,as_of\n\"=HYPERLINK(\"\"http://x\"\")\",<script>alert(1)</script> Syria had about 18 million people in 2017.,2017-12-31\n").unwrap();
    let csv = Command::cargo_bin("claimcheck")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", f.to_str().unwrap(), "--format", "csv"])
        .output()
        .unwrap();
    let out = String::from_utf8(csv.stdout).unwrap();
    assert!(out.contains("'=HYPERLINK"), "{out}");
    let html = Command::cargo_bin("claimcheck")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", f.to_str().unwrap(), "--format", "html"])
        .output()
        .unwrap();
    let page = String::from_utf8(html.stdout).unwrap();
    assert!(!page.contains("<script>alert"), "script must be escaped");
    assert!(page.contains("&lt;script&gt;"));
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_cut_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("articles");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(
        sub.join("a.txt"),
        "The war in Syria is now in its seventh year.",
    )
    .unwrap();
    std::os::unix::fs::symlink(dir.path(), sub.join("loop")).unwrap();
    let out = Command::cargo_bin("claimcheck")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "check",
            dir.path().to_str().unwrap(),
            "--as-of",
            "2017-11-11",
            "--format",
            "json",
        ])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("folder already visited (a symlink loop?)"),
        "{err}"
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["summary"]["claims"], 1, "the article is read once");
}

/// Nothing lost: every claim row of a mixed good/bad corpus is either in the
/// report or named in an error.
#[test]
fn nothing_lost_over_a_mixed_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let mut rows = String::from("id,text,as_of\n");
    let mut expected_ids = Vec::new();
    for i in 0..60 {
        let text = match i % 6 {
            0 => "Syria had about 18 million people in 2017.",
            1 => "No figure in this one.",
            2 => "Narnia has 5 million people.",
            3 => "The war in Syria has killed more than 400,000 people and wounded nearly two million.",
            4 => "There were several talks.",
            _ => "Germany had 81.7 million people in 2015.",
        };
        rows.push_str(&format!("r{i},\"{text}\",2017-12-31\n"));
        expected_ids.push(format!("r{i}"));
    }
    rows.push_str("bad1,\"broken,2017\n");
    std::fs::write(dir.path().join("a.csv"), rows).unwrap();
    let out = Command::cargo_bin("claimcheck")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", dir.path().to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<String> = report["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            c["id"]
                .as_str()
                .unwrap()
                .split('#')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    for id in &expected_ids {
        assert!(ids.contains(id), "{id} lost");
    }
    assert_eq!(
        report["summary"]["claims"].as_u64().unwrap() as usize,
        ids.len()
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("a.csv:62:"),
        "the broken row is named"
    );
}

/// issue 7 (found in review): a figure after an em dash or curly quote in its
/// clause sliced inside the character and panicked.
#[test]
fn issue_7_multibyte_clause_marks_before_a_figure() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.txt");
    std::fs::write(&f, "The war — which killed 500,000 people — goes on. “Nearly two million” were wounded in Syria\u{a0}mln. End.").unwrap();
    let out = Command::cargo_bin("claimcheck")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "check",
            f.to_str().unwrap(),
            "--as-of",
            "2017-11-11",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(0), "{err}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(report["summary"]["claims"].as_u64().unwrap() >= 2);
}

/// A 100 MB reference file (2.2 million canonical rows) loads and answers a
/// claim: size is no error.
#[test]
fn hundred_megabyte_reference_file() {
    let dir = tempfile::tempdir().unwrap();
    let reference = dir.path().join("reference");
    std::fs::create_dir(&reference).unwrap();
    let mut csv = String::with_capacity(105 << 20);
    csv.push_str("entity,metric,value,low,high,unit,date,source,url\n");
    let mut i = 0u64;
    while csv.len() < 100 << 20 {
        csv.push_str(&format!(
            "Place number {i},population,{},,,people,2017,Generated test table,\n",
            1000 + i
        ));
        i += 1;
    }
    csv.push_str("Freedonia,population,5000000,,,people,2017,Generated test table,\n");
    std::fs::write(reference.join("big.csv"), &csv).unwrap();
    drop(csv);
    let claims = dir.path().join("c.csv");
    std::fs::write(
        &claims,
        "id,text,as_of\nf1,Freedonia had about 5 million people in 2017.,2017-12-31\n",
    )
    .unwrap();
    let out = Command::cargo_bin("claimcheck")
        .unwrap()
        .args([
            "check",
            claims.to_str().unwrap(),
            "--reference",
            reference.to_str().unwrap(),
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["claims"][0]["verdict"], "supported", "{report:#}");
    assert_eq!(
        report["claims"][0]["evidence"][0]["line"].as_u64().unwrap(),
        i + 2
    );
}

/// An input too large to read whole is refused with a clear error, before
/// any allocation, and the other inputs are still checked.
#[test]
fn oversized_input_is_refused_not_allocated() {
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.txt");
    // A sparse file: 600 MB long, no disk used.
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(600 << 20)
        .unwrap();
    std::fs::write(
        dir.path().join("ok.csv"),
        format!("id,text,as_of\n{OK_ROW}"),
    )
    .unwrap();
    let out = Command::cargo_bin("claimcheck")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", dir.path().to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("huge.txt: file is 600 MB; claimcheck reads inputs of at most 512 MB"),
        "{err}"
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["claims"][0]["id"], "ok");
}

/// A reference folder that cannot be read is reported at once when the
/// claims come from standard input: the run does not wait for the pipe to
/// close (here it never closes until the test is done).
#[test]
fn a_bad_reference_does_not_wait_for_stdin() {
    use std::process::{Command as Process, Stdio};
    let mut child = Process::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(["check", "-", "--reference", "no-such-reference-folder"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdin = child.stdin.take();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(status.and_then(|s| s.code()), Some(2), "{err}");
    assert!(err.contains("no-such-reference-folder"), "{err}");
}
