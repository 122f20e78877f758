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
