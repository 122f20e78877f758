//! Issue 19, hostile input round two: where the output goes and what the
//! command line names. One named test per item (items 1, 4, 6 and 18),
//! each driving the real binary: a write error is never silent, `--output`
//! through a symlink replaces the link's file whole, `--jobs` is bounded,
//! and the messages for a failed `--output`, a FIFO or device, a UTF-16
//! file, a TOML date and file names that are not UTF-8.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

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

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            stderr(out)
        )
    })
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

/// The old report, the link to it and its folder, for item 4's tests.
#[cfg(unix)]
struct Linked {
    _dir: tempfile::TempDir,
    reports: std::path::PathBuf,
    target: std::path::PathBuf,
    link: std::path::PathBuf,
}

#[cfg(unix)]
fn linked_report() -> Linked {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    let links = dir.path().join("links");
    std::fs::create_dir_all(&reports).unwrap();
    std::fs::create_dir_all(&links).unwrap();
    let target = reports.join("report.json");
    std::fs::write(&target, "the previous report\n").unwrap();
    let link = links.join("latest.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    Linked {
        _dir: dir,
        reports,
        target,
        link,
    }
}

#[cfg(unix)]
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Issue 19, item 4: `--output` a symlink: the link stays a link, and the
/// file it points to is replaced by a new file (a new inode: it was written
/// beside it and renamed over it, never truncated and written again), with
/// no file left behind.
#[cfg(unix)]
#[test]
fn item_04_output_symlink_stays_a_link_and_its_target_is_replaced_whole() {
    use std::os::unix::fs::MetadataExt;
    let l = linked_report();
    let before = std::fs::metadata(&l.target).unwrap().ino();
    let link = l.link.to_str().unwrap();
    let out = run(&[
        "check",
        "claims",
        "--no-fail",
        "--format",
        "json",
        "--output",
        link,
    ]);
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let meta = std::fs::symlink_metadata(&l.link).unwrap();
    assert!(meta.file_type().is_symlink(), "the link was replaced");
    assert_eq!(std::fs::read_link(&l.link).unwrap(), l.target);
    let written = std::fs::read(&l.target).unwrap();
    let report: serde_json::Value = serde_json::from_slice(&written).unwrap();
    assert!(!report["claims"].as_array().unwrap().is_empty());
    assert_ne!(
        std::fs::metadata(&l.target).unwrap().ino(),
        before,
        "the target was written in place"
    );
    assert_eq!(names_in(&l.reports), ["report.json"]);
}

/// Issue 19, item 4: a run that fails (a reference folder that is not
/// there) leaves the link's file as it was.
#[cfg(unix)]
#[test]
fn item_04_failed_run_leaves_the_links_target_as_it_was() {
    let l = linked_report();
    let link = l.link.to_str().unwrap();
    let out = run(&[
        "check",
        "claims",
        "--reference",
        "no-such-reference-folder",
        "--format",
        "json",
        "--output",
        link,
    ]);
    assert_eq!(out.status.code(), Some(2), "stderr:\n{}", stderr(&out));
    assert!(stderr(&out).contains("no-such-reference-folder"));
    assert!(std::fs::symlink_metadata(&l.link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(
        std::fs::read_to_string(&l.target).unwrap(),
        "the previous report\n"
    );
    assert_eq!(names_in(&l.reports), ["report.json"]);
}

/// Issue 19, item 6: `--jobs 5000` (which once ran for minutes) is lowered
/// with a note, finishes quickly and gives the report `--jobs 1` gives.
#[test]
fn item_06_jobs_5000_is_capped_with_a_note_and_finishes() {
    let args = |jobs: &'static str| {
        [
            "check",
            "claims",
            "--no-fail",
            "--as-of",
            "2018-03-20",
            "--format",
            "json",
            "--jobs",
            jobs,
        ]
    };
    let started = Instant::now();
    let many = run(&args("5000"));
    let took = started.elapsed();
    let err = stderr(&many);
    assert_eq!(many.status.code(), Some(0), "stderr:\n{err}");
    assert!(
        err.contains("note: --jobs 5000 is more worker threads than a check can use; running"),
        "stderr:\n{err}"
    );
    assert!(took < Duration::from_secs(60), "--jobs 5000 took {took:?}");
    let one = run(&args("1"));
    assert!(!stderr(&one).contains("note: --jobs"));
    assert!(
        one.stdout == many.stdout,
        "--jobs 5000 differs from --jobs 1"
    );
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

/// Issue 19, item 18 (b): a FIFO, a device, or a link to one, named on the
/// command line is not opened (a FIFO would wait for a writer forever) and
/// is named for what it is, with a hint; the other inputs are still read.
#[cfg(unix)]
#[test]
fn item_18b_fifo_or_device_named_directly_says_what_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.md");
    let made = Command::new("mkfifo").arg(&fifo).status();
    let zero_link = dir.path().join("zero.txt");
    std::os::unix::fs::symlink("/dev/zero", &zero_link).unwrap();
    let mut args = vec!["check", "--no-fail", "--format", "json"];
    let fifo_arg = fifo.to_str().unwrap();
    let have_fifo = matches!(made, Ok(s) if s.success());
    if have_fifo {
        args.push(fifo_arg);
    } else {
        eprintln!("skipped the FIFO: mkfifo is not available");
    }
    args.extend([
        "/dev/zero",
        zero_link.to_str().unwrap(),
        "claims/economy.md",
    ]);
    let out = run(&args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "stderr:\n{err}");
    if have_fifo {
        assert!(
            err.contains(&format!("error: {fifo_arg}: not a regular file: a FIFO")),
            "stderr:\n{err}"
        );
    }
    assert!(
        err.contains("error: /dev/zero: not a regular file: a character device"),
        "stderr:\n{err}"
    );
    assert!(
        err.contains(&format!(
            "error: {}: not a regular file: a character device",
            zero_link.display()
        )),
        "stderr:\n{err}"
    );
    assert!(err.contains(
        "hint: give an article, a claim file or a folder of them; to read from a pipe, give -"
    ));
    assert!(!err.contains("Not a directory"), "stderr:\n{err}");
    // The readable input is still checked.
    assert!(!json(&out)["claims"].as_array().unwrap().is_empty());
}

/// Issue 19, item 18 (c): a UTF-16 claim file (either byte order) is named
/// as UTF-16, with the way to save it as UTF-8, not as bad UTF-8 with a
/// Latin-1 hint.
#[test]
fn item_18c_utf16_csv_says_it_is_utf16() {
    let dir = tempfile::tempdir().unwrap();
    let text = "id,text\nc1,Syria had about 18 million people in 2017.\n";
    let le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    for (name, bytes) in [("le.csv", le), ("be.csv", be)] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let path = path.to_str().unwrap().to_string();
        let out = run(&["check", &path, "--format", "json"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "stderr:\n{err}");
        assert!(
            err.contains(&format!("error: {path}:1: this file is UTF-16"))
                && err.contains("hint: save it as UTF-8"),
            "stderr:\n{err}"
        );
        assert!(
            !err.contains("latin1") && !err.contains("invalid UTF-8"),
            "{err}"
        );
    }
}

/// Issue 19, item 18 (d): `as_of = 2017-01-01` in claimcheck.toml, a TOML
/// date (unquoted), is that date; a date with a time is refused at its
/// line, with a hint.
#[test]
fn item_18d_toml_date_as_of_is_the_date() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("claimcheck.toml");
    std::fs::write(&config, "fail_on = \"never\"\nas_of = 2017-01-01\n").unwrap();
    let article = dir.path().join("a.md");
    std::fs::write(&article, "Nothing is measured here.\n").unwrap();
    let args = [
        "check",
        "--config",
        config.to_str().unwrap(),
        article.to_str().unwrap(),
        "--format",
        "json",
    ];
    let out = run(&args);
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr(&out));
    assert_eq!(json(&out)["as_of"], "2017-01-01");

    std::fs::write(&config, "\nas_of = 2017-01-01T09:30:00\n").unwrap();
    let out = run(&args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "stderr:\n{err}");
    assert!(
        err.contains(&format!(
            "{}:2: as_of: 2017-01-01T09:30:00 is not a date alone",
            config.display()
        )),
        "stderr:\n{err}"
    );
    assert!(!err.contains("invalid type: map"), "stderr:\n{err}");
}

/// Issue 19, item 18 (e): two file names that differ only in bytes that
/// are not UTF-8 give two documents and two claim ids (each such byte
/// shown as `\xFF`); a UTF-8 name keeps the id it always had.
#[cfg(unix)]
#[test]
fn item_18e_names_that_are_not_utf8_keep_distinct_claim_ids() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let body = "Syria had about 18 million people in 2017.\n";
    for name in [&b"a\xff.md"[..], b"a\xfe.md", "b ç.md".as_bytes()] {
        let path = dir.path().join(std::ffi::OsStr::from_bytes(name));
        if let Err(e) = std::fs::write(&path, body) {
            eprintln!("skipped: this file system takes no such name ({e})");
            return;
        }
    }
    let d = dir.path().to_str().unwrap();
    let out = run(&["extract", d]);
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr(&out));
    let report = json(&out);
    let seen: Vec<(String, String)> = report["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["document"].as_str().unwrap().to_string(),
                c["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = |name: &str| (format!("{d}/{name}"), format!("{name}#1"));
    assert!(seen.contains(&want("a\\xFE.md")), "{seen:?}");
    assert!(seen.contains(&want("a\\xFF.md")), "{seen:?}");
    assert!(seen.contains(&want("b ç.md")), "{seen:?}");
    let mut ids: Vec<&String> = seen.iter().map(|(_, id)| id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), seen.len(), "two claims share an id: {seen:?}");
}
