//! Issue 19, hostile input round two: the ingest items (3, 5, 7, 12, 13,
//! 14). Each test is named after its item and drives the real binary, or
//! the library where that is the natural unit. A run that could hang is
//! given a deadline: it is killed and the test fails past it.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What a finished run gave.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Run claimcheck in `cwd` with `args`, killing it (and failing) after
/// `limit`.
fn run_within(cwd: &Path, args: &[&str], limit: Duration) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("CI")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("claimcheck starts");
    // Drain the pipes on threads, so a large report cannot stall the child.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut s).ok();
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = Vec::new();
        std::io::Read::read_to_end(&mut err, &mut s).ok();
        s
    });
    let deadline = Instant::now() + limit;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().ok();
            child.wait().ok();
            panic!("claimcheck {args:?} still running after {limit:?}: killed");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let run = Run {
        code: status.code(),
        stdout: String::from_utf8_lossy(&out.join().unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&err.join().unwrap()).into_owned(),
    };
    assert!(!run.stderr.contains("panicked"), "panic:\n{}", run.stderr);
    run
}

fn run(cwd: &Path, args: &[&str]) -> Run {
    run_within(cwd, args, Duration::from_secs(120))
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

const ARTICLE: &str = "Syria had about 18 million people in 2017.\n";

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not a JSON report ({e}):\n{}\n{}", run.stdout, run.stderr))
}

// Item 3: FIFOs, devices, capped reads.

#[cfg(unix)]
#[test]
fn item_03_fifo_in_input_folder_is_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("in/a.txt"), ARTICLE);
    mkfifo(&dir.path().join("in/pipe.txt"));
    let r = run_within(
        dir.path(),
        &["check", "in", "--format", "json", "--no-fail"],
        Duration::from_secs(60),
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "note: skipped 1 entry that is not a regular file or folder: in/pipe.txt (a FIFO)"
        ),
        "{}",
        r.stderr
    );
    assert_eq!(json(&r)["summary"]["claims"], 1, "the article is checked");
}

#[cfg(unix)]
#[test]
fn item_03_fifo_in_reference_folder_is_skipped_with_a_warning() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let reference = dir.path().join("ref");
    std::fs::create_dir(&reference).unwrap();
    std::fs::copy(
        root.join("reference-data/conflicts.csv"),
        reference.join("conflicts.csv"),
    )
    .unwrap();
    mkfifo(&reference.join("pipe.csv"));
    mkfifo(&reference.join("metrics.toml"));
    write(&dir.path().join("a.txt"), ARTICLE);
    let r = run_within(
        dir.path(),
        &["check", "a.txt", "--reference", "ref", "--format", "json"],
        Duration::from_secs(60),
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    for name in ["ref/pipe.csv", "ref/metrics.toml"] {
        assert!(
            r.stderr.contains(&format!(
                "warning: {name}: skipped: it is a FIFO, not a regular file"
            )),
            "{name}:\n{}",
            r.stderr
        );
    }
    assert_eq!(json(&r)["claims"][0]["verdict"], "supported");
    // `reference validate` names it too, and finishes.
    let v = run_within(
        dir.path(),
        &["reference", "validate", "ref"],
        Duration::from_secs(60),
    );
    assert_eq!(v.code, Some(0), "{}", v.stderr);
    assert!(v.stderr.contains("ref/pipe.csv: skipped"), "{}", v.stderr);
}

#[cfg(unix)]
#[test]
fn item_03_symlink_to_dev_zero_named_as_input_is_refused_quickly() {
    if !Path::new("/dev/zero").exists() {
        eprintln!("no /dev/zero here: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.txt")).unwrap();
    let started = Instant::now();
    let r = run_within(
        dir.path(),
        &["check", "zero.txt", "--format", "json"],
        Duration::from_secs(60),
    );
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("error: zero.txt: not read: it is a character device, not a file or folder"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("hint: "), "{}", r.stderr);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "refused before any read: {:?}",
        started.elapsed()
    );
    // In a folder, the same link is skipped with a note.
    write(&dir.path().join("in/a.txt"), ARTICLE);
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("in/zero.txt")).unwrap();
    let r = run_within(
        dir.path(),
        &["check", "in", "--format", "json"],
        Duration::from_secs(60),
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stderr.contains("in/zero.txt (a character device)"),
        "{}",
        r.stderr
    );
}

/// The cap counts the bytes read, not the length the metadata gives: a
/// file whose metadata says 0 bytes (as /proc's do) is still bounded.
#[test]
fn item_03_read_is_capped_by_bytes_read() {
    use claimcheck::ingest::file::{read_capped, ReadError};
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.txt");
    std::fs::write(&f, vec![b'x'; 4096]).unwrap();
    assert_eq!(read_capped(&f, 4096).unwrap().len(), 4096);
    assert!(matches!(
        read_capped(&f, 4095),
        Err(ReadError::TooLarge { .. })
    ));
    let proc_file = Path::new("/proc/self/status");
    if proc_file.exists() {
        assert_eq!(std::fs::metadata(proc_file).unwrap().len(), 0);
        assert!(
            matches!(
                read_capped(proc_file, 16),
                Err(ReadError::TooLarge {
                    size: None,
                    cap: 16
                })
            ),
            "a file longer than its metadata says is cut at the cap"
        );
    }
}

// Item 5: a run that checks nothing says so.

#[test]
fn item_05_ignore_pattern_matching_everything_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("in/a.txt"), ARTICLE);
    let folder = dir.path().join("in");
    let absolute = folder.to_str().unwrap();
    for pattern in ["", "/", ".", "./"] {
        for path in ["in", absolute] {
            let r = run(
                dir.path(),
                &["check", path, "--ignore", pattern, "--format", "json"],
            );
            assert_eq!(r.code, Some(2), "--ignore {pattern:?} {path}: {}", r.stderr);
            assert!(
                r.stderr.contains(&format!(
                    "error: --ignore: the pattern \"{pattern}\" would leave out every input; it is not applied"
                )),
                "{}",
                r.stderr
            );
            assert!(r.stderr.contains("hint: name the folder"), "{}", r.stderr);
            assert_eq!(
                json(&r)["summary"]["claims"],
                1,
                "the input is still checked"
            );
        }
    }
    // An ordinary pattern, with ./ or a trailing /, still leaves out its folder.
    write(&dir.path().join("in/drafts/b.txt"), ARTICLE);
    for pattern in ["drafts", "./in/drafts", "in/drafts/"] {
        let r = run(
            dir.path(),
            &["check", "in", "--ignore", pattern, "--format", "json"],
        );
        assert_eq!(r.code, Some(0), "{pattern}: {}", r.stderr);
        assert_eq!(json(&r)["summary"]["claims"], 1, "{pattern}");
    }
}

#[test]
fn item_05_run_with_no_input_is_an_error_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    let r = run(dir.path(), &["check", "empty", "--format", "json"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("error: empty: nothing to check: no article or claim file was read"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("hint: claimcheck reads .txt"),
        "{}",
        r.stderr
    );
    // Everything ignored, or of a type claimcheck does not read: the same.
    write(&dir.path().join("in/a.txt"), ARTICLE);
    write(&dir.path().join("in/notes.docx"), "x");
    let r = run(
        dir.path(),
        &["check", "in", "--ignore", "a.txt", "--format", "json"],
    );
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(
        r.stderr.contains("note: skipped 1 file(s) of a type"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("error: in: nothing to check"),
        "{}",
        r.stderr
    );
    // `--no-fail` does not make checking nothing a pass.
    let r = run(dir.path(), &["check", "empty", "--no-fail"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
}

#[test]
fn item_05_hidden_files_skipped_are_counted_in_a_note() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("in/a.txt"), ARTICLE);
    write(&dir.path().join("in/.draft.txt"), ARTICLE);
    write(&dir.path().join("in/.git/config"), "x");
    write(&dir.path().join("in/sub/.other.md"), ARTICLE);
    let r = run(dir.path(), &["check", "in", "--format", "json"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "note: skipped 3 hidden files or folders (names starting with \".\"); name one to read it"
        ),
        "{}",
        r.stderr
    );
    assert_eq!(json(&r)["summary"]["claims"], 1);
    // Named directly, a hidden file is read.
    let r = run(dir.path(), &["check", "in/.draft.txt", "--format", "json"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(!r.stderr.contains("hidden"), "{}", r.stderr);
}
