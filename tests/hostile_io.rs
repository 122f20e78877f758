//! Issue 19, hostile input round two: where the output goes and what the
//! command line names. One named test per item (items 1, 4, 6 and 18),
//! each driving the real binary: a write error is never silent, `--output`
//! through a symlink replaces the link's file whole, `--jobs` is bounded,
//! and the messages for a failed `--output`, a FIFO or device, a UTF-16
//! file, a TOML date and file names that are not UTF-8.

use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// Longest a command here may take (a debug build on a slow machine).
const LIMIT: Duration = Duration::from_secs(120);

fn claimcheck(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimcheck"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env_remove("CI")
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

/// Run `cmd` to its end, which must come within [`LIMIT`]; never a panic.
fn finish(mut cmd: Command) -> Output {
    let child = cmd.spawn().expect("the binary starts");
    let pid = child.id();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    let out = match rx.recv_timeout(LIMIT) {
        Ok(out) => out.expect("the binary runs"),
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            panic!("claimcheck did not finish within {LIMIT:?}");
        }
    };
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "panic:\n{err}");
    out
}

/// Run with standard output captured.
fn run(args: &[&str]) -> Output {
    let mut cmd = claimcheck(args);
    cmd.stdout(Stdio::piped());
    finish(cmd)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `/dev/full`, opened for writing (every write fails: no space left), or
/// `None` where there is none.
fn dev_full() -> Option<std::fs::File> {
    match std::fs::OpenOptions::new().write(true).open("/dev/full") {
        Ok(f) => Some(f),
        Err(e) => {
            eprintln!("skipped: /dev/full cannot be opened ({e})");
            None
        }
    }
}

/// Issue 19, item 1: a report that cannot be written to standard output
/// (here `> /dev/full`) is exit 2 with a message, for every command and
/// every way of writing it (streamed or whole), never a silent exit 0.
#[test]
fn item_01_write_error_on_stdout_is_exit_2() {
    let commands: &[&[&str]] = &[
        &["check", "claims", "--no-fail", "--format", "json"],
        &["check", "claims", "--no-fail", "--format", "text"],
        &["check", "claims", "--no-fail", "--format", "markdown"],
        &["check", "claims", "--no-fail", "--format", "html"],
        &["extract", "claims"],
        &["normalize", "nearly two million"],
        &["normalize", "nearly two million", "--format", "json"],
        &["reference", "validate"],
        &[
            "eval",
            "tests/eval/claims.csv",
            "--min-accuracy",
            "0",
            "--min-contradicted-precision",
            "0",
            "--max-ece",
            "1",
        ],
        &["--help"],
        &["--version"],
    ];
    for args in commands {
        let Some(full) = dev_full() else { return };
        let mut cmd = claimcheck(args);
        cmd.stdout(Stdio::from(full));
        let out = finish(cmd);
        let err = stderr(&out);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: exit code; stderr:\n{err}"
        );
        assert!(
            err.contains("error: cannot write to standard output: No space left on device")
                && err.contains("hint: "),
            "{args:?}: stderr:\n{err}"
        );
    }
}

/// Issue 19, item 1: a closed pipe (`claimcheck check | head -c 0`) stays
/// quiet: the run's own exit code, no message.
#[test]
fn item_01_closed_pipe_is_quiet() {
    let mut cmd = claimcheck(&["check", "claims", "--no-fail", "--format", "json"]);
    cmd.stdout(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    // The reader goes away before the report is written.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "stderr:\n{err}");
    assert!(!err.contains("error"), "stderr:\n{err}");
}

/// Issue 19, item 18 (a): a report that cannot be written (its folder is
/// missing, or is a file) is reported after the input errors found before
/// it, not instead of them.
#[test]
fn item_18a_failed_output_still_reports_the_input_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a-file"), "").unwrap();
    for output in ["missing/report.json", "a-file/report.json"] {
        let output = dir.path().join(output);
        let out = run(&[
            "check",
            "claims",
            "claims/no-such-article.md",
            "--no-fail",
            "--format",
            "json",
            "--output",
            output.to_str().unwrap(),
        ]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "stderr:\n{err}");
        let input = err
            .find("error: claims/no-such-article.md: cannot open")
            .unwrap_or_else(|| panic!("the input error is hidden:\n{err}"));
        let written = err
            .find(&format!(
                "error: cannot write the report to {}",
                output.display()
            ))
            .unwrap_or_else(|| panic!("the output error is missing:\n{err}"));
        assert!(input < written, "stderr:\n{err}");
        assert!(err.contains("hint: check that its folder exists"), "{err}");
    }
}
