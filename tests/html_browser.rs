//! The HTML report in a real browser: headless Chromium renders the page for
//! the bundled claims plus a hostile article (script and img tags in its
//! text and front matter) checked against a reference CSV whose cells hold a
//! spreadsheet formula, `<b>` and `<script>`. The DOM must have a
//! highlighted element with the right verdict class for every claim, no
//! element injected from the input, and the console must stay silent.
//!
//! Needs /usr/bin/chromium. Without it the test prints why it is skipped
//! and passes, unless CI=true, where a missing browser fails the run.
//! Set CLAIMCHECK_SCREENSHOT=/path/file.png to keep a screenshot.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const CHROMIUM: &str = "/usr/bin/chromium";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Chromium, or `None` (after saying why) when the test should be skipped.
fn chromium() -> Option<&'static str> {
    if Path::new(CHROMIUM).exists() {
        return Some(CHROMIUM);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("{CHROMIUM} is missing and CI=true: install it (apt-get install -y chromium)");
    }
    eprintln!("SKIPPED html_browser: {CHROMIUM} not found; install chromium to run this test (it is required when CI=true)");
    None
}

/// Run headless Chromium on a file with extra arguments; kill it after 90 s.
fn browse(browser: &str, page: &Path, args: &[&str]) -> Output {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    // Read both pipes while waiting: a DOM larger than a pipe's buffer
    // (64 KiB) would otherwise block Chromium on its write, and never end.
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            panic!("chromium did not finish in 90 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    Output {
        status,
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    }
}

/// Console messages Chromium logged (`INFO:CONSOLE...] "message", source: ...`).
fn console_lines(stderr: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(stderr)
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_string)
        .collect()
}

/// Copies a folder with its subfolders (the bundled catalog lives in one).
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_tree(&p, &target);
        } else {
            std::fs::copy(&p, &target).unwrap();
        }
    }
}

/// A reference folder: the bundled data plus the hostile CSV.
fn hostile_reference(dir: &Path) -> PathBuf {
    let reference = dir.join("reference");
    copy_tree(&root().join("reference-data"), &reference);
    std::fs::copy(
        root().join("tests/fixtures/hostile/hostile.csv"),
        reference.join("hostile.csv"),
    )
    .unwrap();
    reference
}

fn check(reference: &Path, format: &str, output: Option<&Path>) -> String {
    let mut cmd = assert_cmd::Command::cargo_bin("claimcheck").unwrap();
    cmd.current_dir(root())
        .env_remove("CI")
        .args([
            "check",
            "claims",
            "tests/fixtures/hostile/article.md",
            "--reference",
        ])
        .arg(reference)
        .args(["--as-of", "2018-03-20", "--format", format]);
    if let Some(o) = output {
        cmd.arg("--output").arg(o);
    }
    let out = cmd.output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn html_report_in_headless_chromium() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let reference = hostile_reference(dir.path());
    let page = dir.path().join("report.html");
    check(&reference, "html", Some(&page));
    let report: Value = serde_json::from_str(&check(&reference, "json", None)).unwrap();
    let claims = report["claims"].as_array().unwrap();
    assert!(claims.iter().any(|c| c["document"]
        .as_str()
        .unwrap()
        .ends_with("hostile/article.md")));
    assert!(
        claims
            .iter()
            .any(|c| c["evidence"].to_string().contains("HYPERLINK")),
        "the hostile reference row is evidence for a claim"
    );

    // The console check is only worth something if console output shows up.
    let probe = dir.path().join("probe.html");
    std::fs::write(
        &probe,
        "<!DOCTYPE html><script>console.error('probe')</script>",
    )
    .unwrap();
    let out = browse(browser, &probe, &["--dump-dom"]);
    assert!(
        console_lines(&out.stderr)
            .iter()
            .any(|l| l.contains("probe")),
        "chromium logs console messages to stderr"
    );

    let out = browse(browser, &page, &["--dump-dom"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dom = String::from_utf8(out.stdout).unwrap();
    assert!(dom.contains("</html>"), "a whole DOM was dumped");
    let console = console_lines(&out.stderr);
    assert!(console.is_empty(), "console messages: {console:#?}");

    // Every claim has a highlighted element with its verdict class.
    let marks = regex::Regex::new(r#"<mark class="([^"]*)" data-claim-id="([^"]*)""#).unwrap();
    let found: Vec<(String, String)> = marks
        .captures_iter(&dom)
        .map(|c| (c[1].to_string(), c[2].replace("&amp;", "&")))
        .collect();
    for c in claims {
        let id = c["id"].as_str().unwrap();
        let class = format!("verdict-{}", c["verdict"].as_str().unwrap());
        assert!(
            found
                .iter()
                .any(|(cls, i)| i == id && cls.split(' ').any(|k| k == class)),
            "claim {id} has no <mark> with class {class}"
        );
    }
    // Claims in articles are also highlighted in the article text.
    let in_articles = claims
        .iter()
        .filter(|c| c["document"].as_str().unwrap().ends_with(".md"))
        .count();
    assert_eq!(
        found
            .iter()
            .filter(|(cls, _)| cls.starts_with("claim "))
            .count(),
        in_articles
    );

    // Nothing from the input became an element.
    for tag in ["<script", "<img", "<b>", "<em>"] {
        assert!(!dom.contains(tag), "the DOM has an injected {tag} element");
    }
    assert!(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(dom.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(dom.contains("=HYPERLINK("));
    assert!(!dom.contains("href=\"javascript:"));

    let shot = std::env::var_os("CLAIMCHECK_SCREENSHOT")
        .map(PathBuf::from)
        .unwrap_or_else(|| dir.path().join("report.png"));
    let out = browse(
        browser,
        &page,
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1280,2000",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let png = std::fs::read(&shot).unwrap();
    assert!(
        png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 10_000,
        "a real screenshot"
    );
    assert!(console_lines(&out.stderr).is_empty());
}
