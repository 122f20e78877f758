//! Issue 19, hostile input round two: the ingest items (3, 5, 7, 12, 13,
//! 14). Each test is named after its item and drives the real binary, or
//! the library where that is the natural unit. A run that could hang is
//! given a deadline: it is killed and the test fails past it.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod support;

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
            .contains("error: zero.txt: not a regular file: a character device"),
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

// Item 7: nothing lost to a repeated column or key; no report read back.

#[test]
fn item_07_duplicate_column_in_claim_csv_is_an_error_at_line_1() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join("c.csv"),
        "id,text,text\nc1,Syria had about 18 million people in 2017.,Russia had 146 million.\n",
    );
    write(
        &dir.path().join("d.csv"),
        "id,Text,as_of,TEXT\nc1,x,2017,y\n",
    );
    for (file, want) in [
        (
            "c.csv",
            "error: c.csv:1: column \"text\" appears twice in the header (columns 2 and 3)",
        ),
        (
            "d.csv",
            "error: d.csv:1: column \"TEXT\" appears twice in the header (columns 2 and 4)",
        ),
    ] {
        let r = run(dir.path(), &["check", file, "--format", "json"]);
        assert_eq!(r.code, Some(2), "{}", r.stderr);
        assert!(r.stderr.contains(want), "{want}\n{}", r.stderr);
        assert!(
            r.stderr.contains("hint: a claim file needs"),
            "{}",
            r.stderr
        );
    }
}

#[test]
fn item_07_duplicate_column_in_reference_csv_is_an_error_at_line_1() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join("ref/x.csv"),
        "entity,metric,value,low,high,unit,date,source,url,value\nFreedonia,population,5000000,,,people,2017,S,,9000000\n",
    );
    write(&dir.path().join("a.txt"), ARTICLE);
    let want = "ref/x.csv:1: column \"value\" appears twice in the header (columns 3 and 10)";
    let v = run(dir.path(), &["reference", "validate", "ref"]);
    assert_eq!(v.code, Some(2), "{}", v.stderr);
    assert!(
        v.stdout.contains(want) || v.stderr.contains(want),
        "{}{}",
        v.stdout,
        v.stderr
    );
    let r = run(dir.path(), &["check", "a.txt", "--reference", "ref"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(r.stderr.contains(want), "{}", r.stderr);
    // A wide table's year given twice is the same fault.
    write(
        &dir.path().join("wide/datasets.toml"),
        "[[dataset]]\nfile = \"w.csv\"\nshape = \"wide\"\nentity = \"Country\"\nmetric = { constant = \"population\" }\nunit = { constant = \"people\" }\n",
    );
    write(
        &dir.path().join("wide/w.csv"),
        "Country,2016,2017,2016\nFreedonia,1,2,3\n",
    );
    let v = run(dir.path(), &["reference", "validate", "wide"]);
    assert_eq!(v.code, Some(2), "{}{}", v.stdout, v.stderr);
    let all = format!("{}{}", v.stdout, v.stderr);
    assert!(
        all.contains("wide/w.csv:1: column \"2016\" appears twice in the header (columns 2 and 4)"),
        "{all}"
    );
}

#[test]
fn item_07_jsonl_unknown_keys_text_with_body_and_duplicate_keys_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        r#"{"id":"ok","text":"Syria had about 18 million people in 2017.","as_of":"2017-12-31","document":"d","url":"u","ignore":null}"#,
        r#"{"id":"a","text":"Syria had 18 million people.","text":"Russia had 146 million people."}"#,
        r#"{"id":"b","text":"Syria had 18 million people.","body":"Russia had 146 million people."}"#,
        r#"{"id":"c","text":"Syria had 18 million people.","as-of":"2017"}"#,
        r#"{"id":"d","body":"Syria had 18 million people.","url":"https://x.org"}"#,
        r#"{"id":"e","text":"Syria had 18 million people.","date":"2017"}"#,
        r#"{"id":"f","id":"g","text":"Syria had 18 million people."}"#,
        r#"{"id":"art","date":"1987-02-26","title":"T","body":"Syria had 18 million people."}"#,
    ];
    write(&dir.path().join("c.jsonl"), &(lines.join("\n") + "\n"));
    let r = run(
        dir.path(),
        &["check", "c.jsonl", "--format", "json", "--no-fail"],
    );
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    for want in [
        "error: c.jsonl:2: key \"text\" appears twice in the object",
        "error: c.jsonl:3: object has both \"text\" (a claim) and \"body\" (an article)",
        "error: c.jsonl:4: unknown key \"as-of\" for a claim line",
        "error: c.jsonl:5: unknown key \"url\" for an archive article line",
        "error: c.jsonl:6: unknown key \"date\" for a claim line",
        "error: c.jsonl:7: key \"id\" appears twice in the object",
    ] {
        assert!(r.stderr.contains(want), "{want}\n{}", r.stderr);
    }
    assert!(!r.stderr.contains("c.jsonl:1:"), "{}", r.stderr);
    assert!(!r.stderr.contains("c.jsonl:8:"), "{}", r.stderr);
    let report = json(&r);
    let ids: Vec<&str> = report["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    // An archive article's claims are named by its id alone (issue 21).
    assert_eq!(ids, ["ok", "art#1"], "the good lines are checked");
}

/// The Reuters archive uses id, date, title and body on every line: it
/// still loads, every line an article, with no problem.
#[test]
fn item_07_reuters_archive_keys_are_accepted() {
    let Some(path) = support::shared(
        "item_07_reuters_archive_keys_are_accepted",
        "data/reuters-21578/articles.jsonl",
    ) else {
        return;
    };
    let bytes = std::fs::read(path).unwrap();
    let lines = bytes.iter().filter(|&&b| b == b'\n').count();
    let mut out = claimcheck::ingest::Ingested::default();
    claimcheck::ingest::read_bytes(
        "articles.jsonl",
        claimcheck::ingest::Format::Jsonl,
        bytes,
        &mut out,
    );
    assert!(
        out.errors.is_empty(),
        "{:?}",
        &out.errors[..out.errors.len().min(3)]
    );
    assert_eq!(out.sources.len(), lines);
}

#[test]
fn item_07_report_written_into_checked_folder_is_not_read_back() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (format, ext) in [
        ("text", "txt"),
        ("markdown", "md"),
        ("csv", "csv"),
        ("jsonl", "jsonl"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let claims = dir.path().join("claims");
        std::fs::create_dir(&claims).unwrap();
        for f in ["claims.csv", "economy.md"] {
            std::fs::copy(root.join("claims").join(f), claims.join(f)).unwrap();
        }
        let reference = root.join("reference-data");
        let reference = reference.to_str().unwrap();
        let output = format!("claims/report.{ext}");
        let args = |extra: &[&'static str]| {
            let mut a = vec![
                "check",
                "claims",
                "--no-fail",
                "--as-of",
                "2018-03-20",
                "--reference",
                reference,
                "--output",
                output.as_str(),
            ];
            a.extend_from_slice(extra);
            a
        };
        let first = run(dir.path(), &args(&["--format", format]));
        assert_eq!(first.code, Some(0), "{format}: {}", first.stderr);
        let written = std::fs::read_to_string(dir.path().join(&output)).unwrap();
        // The next run reads the folder, report and all: the report is skipped
        // and named, and the findings are the first run's.
        let again = run(dir.path(), &args(&["--format", format]));
        assert_eq!(again.code, Some(0), "{format}: {}", again.stderr);
        assert!(
            again.stderr.contains(&format!(
                "note: skipped 1 claimcheck report: claims/report.{ext}"
            )),
            "{format}: {}",
            again.stderr
        );
        let rewritten = std::fs::read_to_string(dir.path().join(&output)).unwrap();
        assert_eq!(written, rewritten, "{format}: the report did not change");
        // Named directly it is skipped too, and then nothing is left to check.
        let named = run(dir.path(), &["check", &output, "--format", "json"]);
        assert_eq!(named.code, Some(2), "{format}: {}", named.stderr);
        assert!(
            named.stderr.contains("nothing to check"),
            "{}",
            named.stderr
        );
    }
}

// Item 12: front matter keys once; ignore markers that do what they say.

/// The JSON report of checking `files` (written into a fresh folder) as of
/// 2017-12-31, and the run.
fn check_files(files: &[(&str, &str)], args: &[&str]) -> (Run, serde_json::Value) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        write(&dir.path().join(name), text);
    }
    let mut all = vec![
        "check",
        "--as-of",
        "2017-12-31",
        "--format",
        "json",
        "--no-fail",
    ];
    all.extend_from_slice(args);
    let r = run(dir.path(), &all);
    let report = json(&r);
    (r, report)
}

/// (claim text, ignored reason) of every claim in a report.
fn claims(report: &serde_json::Value) -> Vec<(String, Option<String>)> {
    report["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["text"].as_str().unwrap().to_string(),
                c["ignored"].as_str().map(str::to_string),
            )
        })
        .collect()
}

#[test]
fn item_12_front_matter_key_twice_is_an_error_at_its_line() {
    for (key, first, second) in [
        ("date", "2017-01-01", "2018-01-01"),
        ("title", "One", "Two"),
        ("url", "https://a.example", "https://b.example"),
        ("claimcheck-ignore", "satire", "opinion"),
    ] {
        let md = format!("---\n{key}: {first}\nlayout: post\n{key}: {second}\n---\nSyria had about 18 million people in 2017.\n");
        let (r, _) = check_files(&[("a.md", &md)], &["a.md"]);
        assert_eq!(r.code, Some(2), "{key}: {}", r.stderr);
        assert!(
            r.stderr.contains(&format!(
                "error: a.md:4: front matter key \"{key}\" given twice (first on line 2)"
            )),
            "{key}: {}",
            r.stderr
        );
    }
    // The site generator's own keys are not ours to judge.
    let md = "---\nlayout: post\nlayout: page\n---\nSyria had about 18 million people in 2017.\n";
    let (r, _) = check_files(&[("a.md", md)], &["a.md"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    // A front matter ignore with no reason is an error too.
    let md = "---\nclaimcheck-ignore: \n---\nSyria had about 18 million people in 2017.\n";
    let (r, _) = check_files(&[("a.md", md)], &["a.md"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("error: a.md:2: front matter claimcheck-ignore without a reason"),
        "{}",
        r.stderr
    );
}

#[test]
fn item_12_ignore_marker_in_upper_case_or_over_lines_is_honoured() {
    let md = "Syria had about 18 million people in 2017.\n\
<!-- CLAIMCHECK-IGNORE: quoted from the 2019 filing -->\n\
Russia had 146 million people in 2017.\n\
<!-- Claimcheck-Ignore:\n  figure from the court filing,\n  not in our data -->\n\
Germany had 82 million people in 2017.\n\
France had 67 million people in 2017.\n";
    let (r, report) = check_files(&[("a.md", md)], &["a.md"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let got = claims(&report);
    let reason = |t: &str| got.iter().find(|(c, _)| c.contains(t)).unwrap().1.clone();
    assert_eq!(reason("18 million"), None);
    assert_eq!(
        reason("146 million").as_deref(),
        Some("quoted from the 2019 filing")
    );
    assert_eq!(
        reason("82 million").as_deref(),
        Some("figure from the court filing, not in our data")
    );
    assert_eq!(reason("67 million"), None);
    assert!(
        !got.iter().any(|(c, _)| c.contains("2019")),
        "a marker's reason is never read as a claim: {got:?}"
    );
}

#[test]
fn item_12_faulty_ignore_marker_is_an_error_and_drops_no_claim() {
    let body =
        "Syria had about 18 million people in 2017.\nRussia had 146 million people in 2017.\n";
    for (marker, line, message) in [
        (
            "<!-- claimcheck-ignore: never closed\n",
            1,
            "claimcheck-ignore marker is never closed with -->",
        ),
        (
            "<!-- claimcheck-ignore:   -->\n",
            1,
            "claimcheck-ignore marker without a reason",
        ),
        (
            "<!-- claimcheck-ignore -->\n",
            1,
            "claimcheck-ignore marker without a reason",
        ),
        (
            "<!-- claimcheck-ignore: x <!-- other -->\n",
            1,
            "claimcheck-ignore marker is never closed with -->",
        ),
    ] {
        let md = format!("{marker}{body}");
        let (r, report) = check_files(&[("a.md", &md)], &["a.md"]);
        assert_eq!(r.code, Some(2), "{marker:?}: {}", r.stderr);
        assert!(
            r.stderr.contains(&format!("error: a.md:{line}: {message}")),
            "{marker:?}: {}",
            r.stderr
        );
        let got = claims(&report);
        assert_eq!(
            got.len(),
            2,
            "{marker:?}: every claim is still checked: {got:?}"
        );
        assert!(
            got.iter().all(|(_, ig)| ig.is_none()),
            "{marker:?}: {got:?}"
        );
    }
    // At the end of the file: an error, and the claims above are kept.
    let md = format!("{body}<!-- claimcheck-ignore: about nothing -->\n");
    let (r, report) = check_files(&[("a.md", &md)], &["a.md"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("error: a.md:3: claimcheck-ignore marker with no sentence after it"),
        "{}",
        r.stderr
    );
    assert_eq!(claims(&report).len(), 2);
    // The same in an archive article.
    let line = serde_json::json!({"id": "a1", "date": "2017-12-31", "body": format!("{body}<!-- claimcheck-ignore: -->")});
    let (r, report) = check_files(&[("a.jsonl", &format!("{line}\n"))], &["a.jsonl"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("a.jsonl#a1:3: claimcheck-ignore marker without a reason"),
        "{}",
        r.stderr
    );
    assert_eq!(claims(&report).len(), 2);
}

// Item 13: one file, one document name, however its path is spelled.

#[test]
fn item_13_baseline_and_ids_do_not_depend_on_path_spelling() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    // The working directory as the process sees it (a temporary folder
    // may be reached through a link).
    let cwd = std::fs::canonicalize(dir.path()).unwrap();
    let claims = cwd.join("claims");
    std::fs::create_dir(&claims).unwrap();
    for f in ["claims.csv", "economy.md"] {
        std::fs::copy(root.join("claims").join(f), claims.join(f)).unwrap();
    }
    let reference = root.join("reference-data");
    let reference = reference.to_str().unwrap();
    let check = |path: &str, extra: &[&str]| {
        let mut args = vec![
            "check",
            path,
            "--as-of",
            "2018-03-20",
            "--format",
            "json",
            "--reference",
            reference,
        ];
        args.extend_from_slice(extra);
        run(&cwd, &args)
    };
    let written = check("claims", &["--write-baseline", "baseline.json"]);
    assert_eq!(written.code, Some(0), "{}", written.stderr);
    let plain = json(&written);
    let baseline = std::fs::read_to_string(cwd.join("baseline.json")).unwrap();
    assert!(
        baseline.contains("\"document\": \"claims/economy.md\""),
        "{baseline}"
    );
    let absolute = format!("{}/claims", cwd.display());
    let absolute_odd = format!("{}//claims/./", cwd.display());
    for spelling in [
        "claims//",
        "./claims",
        "claims/.",
        ".//claims",
        &absolute,
        &absolute_odd,
    ] {
        let r = check(spelling, &["--baseline", "baseline.json"]);
        assert_eq!(
            r.code,
            Some(0),
            "{spelling}: every failing finding is baselined\n{}",
            r.stderr
        );
        let report = json(&r);
        let ids = |r: &serde_json::Value, key: &str| -> Vec<String> {
            r["claims"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c[key].as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(ids(&report, "id"), ids(&plain, "id"), "{spelling}");
        assert_eq!(
            ids(&report, "document"),
            ids(&plain, "document"),
            "{spelling}"
        );
    }
    // A file outside the working directory keeps its absolute name.
    let other = tempfile::tempdir().unwrap();
    let outside = std::fs::canonicalize(other.path()).unwrap().join("a.txt");
    std::fs::write(&outside, ARTICLE).unwrap();
    let r = check(outside.to_str().unwrap(), &[]);
    assert_eq!(
        json(&r)["claims"][0]["document"].as_str().unwrap(),
        outside.to_str().unwrap()
    );
}

// Item 14: invisible characters, spaced digit groups, exponents.

/// `claimcheck extract` of `text` (as a .txt article): each claim's
/// (text, quantity, error, sentence).
fn extract(text: &str) -> Vec<serde_json::Value> {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("a.txt"), text);
    let r = run(dir.path(), &["extract", "a.txt", "--as-of", "2017-12-31"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    json(&r)["claims"].as_array().unwrap().clone()
}

#[test]
fn item_14_zero_width_space_at_line_start_does_not_merge_sentences() {
    use claimcheck::ingest::sentences::split;
    for mark in ["\u{200b}", "\u{feff}", "\u{2060}", "\u{200b}\u{2060}"] {
        for gap in ["\n", " ", "\n\n", &format!("\n{mark}\n")] {
            let text = format!("Syria had 18 million people in 2017.{gap}{mark}Russia had 146 million people in 2017.");
            let got: Vec<&str> = split(&text).into_iter().map(|r| &text[r]).collect();
            assert_eq!(
                got,
                [
                    "Syria had 18 million people in 2017.",
                    "Russia had 146 million people in 2017."
                ],
                "{text:?}"
            );
        }
    }
    // Through the binary: each figure keeps its own sentence and subject.
    let claims = extract("Syria had about 18 million people in 2017.\n\u{200b}Russia had 146 million people in 2017.\n");
    let sentences: Vec<&str> = claims
        .iter()
        .map(|c| c["sentence"].as_str().unwrap())
        .collect();
    assert_eq!(
        sentences,
        [
            "Syria had about 18 million people in 2017.",
            "Russia had 146 million people in 2017."
        ]
    );
    assert_eq!(
        claims[1]["subjects"][0]["mention"], "Russia",
        "{:#}",
        claims[1]
    );
}

#[test]
fn item_14_digit_groups_with_thin_or_no_break_spaces_are_one_number() {
    for space in ["\u{202f}", "\u{2009}", "\u{a0}"] {
        let claims = extract(&format!(
            "Russia had 146{space}000{space}000 people in 2017.\n"
        ));
        assert_eq!(
            claims.len(),
            1,
            "{space:?}: no junk \"000\" claims: {claims:#?}"
        );
        let q = &claims[0]["quantity"];
        assert_eq!(q["point"], 146_000_000, "{space:?}: {q}");
        assert_eq!(
            claims[0]["text"].as_str().unwrap(),
            format!("146{space}000{space}000")
        );
    }
    // A no-break space before a word is no digit group.
    let claims = extract("Russia had 146\u{a0}people in 2017.\n");
    assert_eq!(claims[0]["text"], "146", "{claims:#?}");
    // Mixed spaces are not one number's groups.
    let claims = extract("Russia had 146\u{202f}000\u{a0}000 people in 2017.\n");
    assert!(
        claims.iter().all(|c| c["quantity"]["point"] != 146_000_000),
        "{claims:#?}"
    );
}

#[test]
fn item_14_exponents_are_read_as_written_or_refused() {
    let claims = extract("Syria had 1.8e7 people in 2017. Russia had 1.46E+8 people in 2017.\n");
    assert_eq!(claims[0]["text"], "1.8e7");
    assert_eq!(
        claims[0]["quantity"]["point"], 18_000_000,
        "{:#}",
        claims[0]
    );
    assert_eq!(claims[1]["text"], "1.46E+8");
    assert_eq!(
        claims[1]["quantity"]["point"], 146_000_000,
        "{:#}",
        claims[1]
    );
    for figure in ["1e308", "1e309", "2.5e40"] {
        let claims = extract(&format!("Syria had {figure} people in 2017.\n"));
        assert_eq!(claims.len(), 1, "{figure}: {claims:#?}");
        let c = &claims[0];
        assert_eq!(c["text"], figure, "{figure}: never the mantissa: {c:#}");
        assert!(c["quantity"].is_null(), "{figure}: {c:#}");
        assert!(
            c["error"]
                .as_str()
                .is_some_and(|e| e.contains(&format!("cannot read \"{figure}\""))),
            "{figure}: refused with a reason: {c:#}"
        );
    }
    // A model code is no exponent ("535E4" is not 5.35 million).
    let claims = extract("The Rolls-Royce RB211-535E4 engines would be fitted.\n");
    assert!(claims.iter().all(|c| c["text"] != "535E4"), "{claims:#?}");
}
