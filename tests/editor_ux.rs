//! Issue 22: claimcheck as editors and CI systems meet it. The terminal
//! report fitted to the width, colour and quiet switches, short flags and
//! the delayed progress bar; the HTML page's labels, list of claims to look
//! at, dates and titles; first steps (`init`, `explain`, completions, the
//! man page, `--print-config`); the GitHub Action and pre-commit hook; the
//! docs the README and `--help` point to; the release profile.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use assert_cmd::Command;
use unicode_width::UnicodeWidthStr;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The binary in `dir`, with no colour, width or CI setting inherited.
fn claimcheck(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("claimcheck").unwrap();
    c.current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .env_remove("CI");
    c
}

fn run(dir: &Path, args: &[&str]) -> Output {
    claimcheck(dir).args(args).output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// An article with a contradicted, an unverifiable and a supported claim,
/// and a long sentence, as a `.txt` file in a scratch folder.
fn scratch_article() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("russia-report.txt"),
        "Russia had a population of about 170 million people in 2017, officials said.\n\n\
         The unemployment rate in Narnia was 5 percent in 2019.\n\n\
         In South Africa, where the economy has struggled and the rand fell again and again, unemployment reached 28.5 percent in 2019, and government debt stood at 64.6% of GDP, the statistics office said on Tuesday.\n",
    )
    .unwrap();
    dir
}

/// The (sentence row, caret row) pairs of a text report.
fn underlined(report: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = report.lines().collect();
    lines
        .windows(2)
        .filter(|w| w[1].trim_start().starts_with('^') && w[1].trim().chars().all(|c| c == '^'))
        .map(|w| (w[0].to_string(), w[1].to_string()))
        .collect()
}

/// The text under the carets of a caret row, in its sentence row.
fn under_carets(sentence: &str, carets: &str) -> String {
    let start = carets.find('^').unwrap();
    let len = carets.trim().len();
    let mut col = 0;
    let mut out = String::new();
    for c in sentence.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if col >= start && col < start + len {
            out.push(c);
        }
        col += w;
    }
    out
}

// ---------------------------------------------------------------- item 1

/// At 80 columns (`COLUMNS=80`) every sentence row fits, so the terminal
/// never wraps it, and the carets on the next row sit under the claim.
#[test]
fn issue_22_text_fits_80_columns_with_the_caret_under_the_claim() {
    let dir = scratch_article();
    let out = claimcheck(dir.path())
        .env("COLUMNS", "80")
        .args(["check", "russia-report.txt", "-f", "text", "--no-fail"])
        .output()
        .unwrap();
    let report = stdout(&out);
    let rows = underlined(&report);
    assert_eq!(rows.len(), 4, "{report}");
    let mut cut = 0;
    for (sentence, carets) in &rows {
        assert!(
            sentence.width() <= 80,
            "{} columns: {sentence}",
            sentence.width()
        );
        let claim = under_carets(sentence, carets);
        assert!(
            ["about 170 million", "5 percent", "28.5 percent", "64.6%"].contains(&claim.as_str()),
            "carets under {claim:?}:\n{sentence}\n{carets}"
        );
        cut += usize::from(sentence.contains('…'));
    }
    assert_eq!(cut, 2, "the long sentence is cut around each of its claims");
}

/// Off a terminal with no `COLUMNS`, the width is 100; a sentence that
/// fits is printed whole, as before.
#[test]
fn issue_22_text_width_defaults_to_100_and_keeps_short_sentences() {
    let dir = scratch_article();
    let out = run(
        dir.path(),
        &["check", "russia-report.txt", "-f", "text", "--no-fail"],
    );
    let report = stdout(&out);
    let rows = underlined(&report);
    assert!(rows.iter().all(|(s, _)| s.width() <= 100), "{report}");
    assert!(report.contains(
        "\n  Russia had a population of about 170 million people in 2017, officials said.\n"
    ));
    assert!(rows.iter().any(|(s, _)| s.starts_with("  …")), "{report}");
    // A width wide enough shows every sentence whole.
    let wide = claimcheck(dir.path())
        .env("COLUMNS", "400")
        .args(["check", "russia-report.txt", "-f", "text", "--no-fail"])
        .output()
        .unwrap();
    assert!(!stdout(&wide).contains('…'));
    assert_eq!(
        claimcheck::app::text_width(Some("80"), Some(120)),
        (80, "COLUMNS")
    );
    assert_eq!(claimcheck::app::text_width(Some("x"), Some(120)).0, 120);
    assert_eq!(claimcheck::app::text_width(None, None).0, 100);
}

#[test]
fn issue_22_color_auto_always_never() {
    let dir = scratch_article();
    let colored = |args: &[&str], no_color: bool| {
        let mut c = claimcheck(dir.path());
        if no_color {
            c.env("NO_COLOR", "1");
        }
        let out = c
            .args(["check", "russia-report.txt", "-f", "text", "--no-fail"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stdout(&out).contains('\x1b')
    };
    assert!(colored(&["--color", "always"], false));
    assert!(
        colored(&["--color", "always"], true),
        "always wins over NO_COLOR"
    );
    assert!(!colored(&["--color", "never"], false));
    // auto: standard output is a pipe here, so no colour.
    assert!(!colored(&["--color", "auto"], false));
    assert!(!colored(&[], false));
    // Colour is for text only.
    let out = run(
        dir.path(),
        &[
            "check",
            "russia-report.txt",
            "-f",
            "json",
            "--color",
            "always",
            "--no-fail",
        ],
    );
    assert!(!stdout(&out).contains('\x1b'));
}

/// `--quiet` leaves out notes, never the report or errors.
#[test]
fn issue_22_quiet_keeps_the_report_and_errors_only() {
    let dir = scratch_article();
    std::fs::write(dir.path().join("photo.jpg"), "not an article").unwrap();
    let loud = run(dir.path(), &["check", ".", "-f", "json", "--no-fail"]);
    assert!(
        stderr(&loud).contains("note: skipped 1 file(s)"),
        "{}",
        stderr(&loud)
    );
    for flag in ["-q", "--quiet"] {
        let quiet = run(dir.path(), &["check", ".", "-f", "json", "--no-fail", flag]);
        assert_eq!(stderr(&quiet), "", "{flag}");
        assert_eq!(quiet.stdout, loud.stdout, "{flag}: the same report");
    }
    let missing = run(dir.path(), &["-q", "check", "absent.md", "-f", "json"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("error: "), "{}", stderr(&missing));
}

#[test]
fn issue_22_short_flags_for_output_and_format() {
    let dir = scratch_article();
    let out = run(
        dir.path(),
        &[
            "check",
            "russia-report.txt",
            "-f",
            "csv",
            "-o",
            "report.csv",
            "--no-fail",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let csv = std::fs::read_to_string(dir.path().join("report.csv")).unwrap();
    assert!(csv.starts_with("id,"), "{csv}");
    // Paths after `--`, as the GitHub Action gives them.
    let out = run(
        dir.path(),
        &[
            "check",
            "-f",
            "json",
            "--no-fail",
            "--",
            "russia-report.txt",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// The progress bar stays hidden for the first second: a short check
/// never draws it.
#[test]
fn issue_22_no_progress_bar_for_a_short_run() {
    use claimcheck::app::{Progress, PROGRESS_DELAY};
    assert_eq!(PROGRESS_DELAY, Duration::from_secs(1));
    let short = Progress::new(true, 100, PROGRESS_DELAY);
    for _ in 0..100 {
        short.inc();
    }
    assert!(!short.shown());
    short.finish();
    let long = Progress::new(true, 3, Duration::from_millis(20));
    long.inc();
    std::thread::sleep(Duration::from_millis(40));
    long.inc();
    assert!(long.shown(), "a run past the delay shows it");
    long.finish();
    let off = Progress::new(false, 3, Duration::ZERO);
    off.inc();
    assert!(!off.shown(), "off the terminal, never");
}

// ---------------------------------------------------------------- item 2

fn html(dir: &Path, args: &[&str]) -> String {
    let out = claimcheck(dir)
        .args(["check", ".", "-f", "html", "--no-fail"])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    stdout(&out)
}

/// The list at the top links to the contradicted claims first, then the
/// unverifiable ones, each with its symbol and word; every card has them
/// too, and a contradicted one says what the data says.
#[test]
fn issue_22_html_lists_claims_to_look_at_with_labels() {
    let dir = scratch_article();
    std::fs::write(
        dir.path().join("b-more.txt"),
        "Narnia's population was 4 million in 2019.\n\nRussia had about 200 million people in 2016.\n",
    )
    .unwrap();
    let page = html(dir.path(), &[]);
    let json = run(dir.path(), &["check", ".", "-f", "json", "--no-fail"]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let (contradicted, unverifiable, claims) = (
        report["summary"]["contradicted"].as_u64().unwrap() as usize,
        report["summary"]["unverifiable"].as_u64().unwrap() as usize,
        report["summary"]["claims"].as_u64().unwrap() as usize,
    );
    assert_eq!((contradicted, unverifiable), (2, 2), "the articles' claims");
    let nav = page
        .split("<nav class=\"attention\"")
        .nth(1)
        .and_then(|s| s.split("</nav>").next())
        .expect("a list of claims to look at");
    let items: Vec<&str> = nav.split("<li ").skip(1).collect();
    let verdicts: Vec<&str> = items
        .iter()
        .map(|li| li.split('"').nth(1).unwrap())
        .collect();
    assert_eq!(
        verdicts,
        [
            "verdict-contradicted",
            "verdict-contradicted",
            "verdict-unverifiable",
            "verdict-unverifiable"
        ],
        "{nav}"
    );
    for li in &items {
        let n: usize = li
            .split("href=\"#claim-")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .and_then(|s| s.parse().ok())
            .expect("a link to the card");
        assert!(page.contains(&format!("id=\"claim-{n}\"")), "card {n}");
        if li.starts_with("class=\"verdict-contradicted") {
            assert!(li.contains("✗</span> Contradicted</a>"), "{li}");
            assert!(li.contains("the data says: "), "{li}");
        } else {
            assert!(li.contains("?</span> Unverifiable</a>"), "{li}");
        }
    }
    // Contradicted claims come first, in report order: the second file's
    // contradicted claim (#3) is listed before the first file's
    // unverifiable one (#1).
    let order: Vec<&str> = items
        .iter()
        .map(|li| {
            li.split("href=\"#claim-")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
        })
        .collect();
    assert_eq!(order, ["2", "3", "1", "4"]);
    assert!(
        page.contains("the data says: 145,293,260 (2017)"),
        "from the evidence"
    );
    // Every card has its symbol and word, not only a colour.
    let cards = page.matches("<section class=\"claim-card").count();
    let labelled = page
        .matches("<p class=\"verdict-line\"><span class=\"badge")
        .count();
    assert_eq!((cards, labelled), (claims, claims));
    for word in [
        "✓</span> Supported",
        "✗</span> Contradicted",
        "?</span> Unverifiable",
    ] {
        assert!(page.contains(word), "{word}");
    }
    // The reason code is explained beside it.
    assert!(page.contains("unknown_entity</a>: The subject matches no entity"));
}

/// The header gives the claims' own as-of dates, never the run's date;
/// a `.txt` article is titled by its file name, once, not by its path.
#[test]
fn issue_22_html_header_dates_and_txt_titles() {
    let dir = scratch_article();
    let page = html(dir.path(), &[]);
    let header = page
        .lines()
        .find(|l| l.starts_with("<p class=\"location\">claimcheck "))
        .unwrap();
    assert!(
        header.ends_with("· claims as of 2017-12-31, 2019-12-31</p>"),
        "{header}"
    );
    let today = jiff::Zoned::now().date().to_string();
    assert!(
        !page.contains(&today),
        "today's date {today} is not the claims'"
    );
    // A claim with no date of its own is checked as of --as-of: that date
    // is shown, as the claim's.
    std::fs::write(
        dir.path().join("undated.txt"),
        "Narnia has 5 million people.\n",
    )
    .unwrap();
    let page = html(dir.path(), &["--as-of", "2018-06-01"]);
    assert!(page.contains("· claims as of 2017-12-31, 2018-06-01, 2019-12-31</p>"));
    assert!(page.contains("<h2>russia-report</h2>\n<p class=\"location\">russia-report.txt</p>"));
    assert_eq!(page.matches("russia-report.txt</").count(), 1);
}

// ---------------------------------------------------------------- item 3

#[test]
fn issue_22_init_writes_a_commented_config_once() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["init"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let path = dir.path().join("claimcheck.toml");
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(written, claimcheck::app::INIT_TEMPLATE);
    assert!(written.lines().all(|l| l.is_empty() || l.starts_with('#')));
    // The file is found and read by a check.
    let shown = run(dir.path(), &["check", "--print-config"]);
    let config = stdout(&shown);
    assert!(
        config.starts_with("config ")
            && config.lines().next().unwrap().contains("claimcheck.toml\""),
        "{config}"
    );
    // Never over an existing file.
    std::fs::write(&path, "fail_on = \"never\"\n").unwrap();
    let again = run(dir.path(), &["init"]);
    assert_eq!(again.status.code(), Some(2));
    let err = stderr(&again);
    assert!(
        err.contains("already exists") && err.contains("hint: "),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "fail_on = \"never\"\n"
    );
}

/// `claimcheck explain` knows every reason code of the model and every
/// verdict.
#[test]
fn issue_22_explain_knows_every_reason_and_verdict() {
    let dir = tempfile::tempdir().unwrap();
    let codes = claimcheck::model::Reason::ALL
        .map(|r| r.as_str())
        .into_iter()
        .chain(["supported", "contradicted", "unverifiable"]);
    for code in codes {
        let out = run(dir.path(), &["explain", code]);
        assert_eq!(out.status.code(), Some(0), "{code}: {}", stderr(&out));
        let text = stdout(&out);
        assert!(text.starts_with(&format!("{code} — ")), "{text}");
        assert!(text.contains("What to do:"), "{text}");
    }
    let all = stdout(&run(dir.path(), &["explain"]));
    for r in claimcheck::model::Reason::ALL {
        assert!(all.contains(&format!("  {} ", r.as_str())), "{all}");
    }
    let bad = run(dir.path(), &["explain", "unit_mismach"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("did you mean `unit_mismatch`?"),
        "{}",
        stderr(&bad)
    );
}

/// docs/reasons.md is what `claimcheck explain --markdown` prints, so the
/// two cannot drift; each code is a heading (anchor `#code`).
#[test]
fn issue_22_docs_reasons_md_is_generated_from_the_same_texts() {
    let doc = read("docs/reasons.md");
    assert!(
        doc == claimcheck::explain::markdown(),
        "docs/reasons.md is not what the code generates; regenerate it: cargo run -- explain --markdown > docs/reasons.md"
    );
    let printed = run(&root(), &["explain", "--markdown"]);
    assert!(
        stdout(&printed) == doc,
        "`claimcheck explain --markdown` prints docs/reasons.md"
    );
    for r in claimcheck::model::Reason::ALL {
        assert!(doc.contains(&format!("\n### {}\n", r.as_str())));
    }
}

#[test]
fn issue_22_completions_and_man_page() {
    let dir = tempfile::tempdir().unwrap();
    for (shell, mark) in [
        ("bash", "_claimcheck()"),
        ("zsh", "#compdef claimcheck"),
        ("fish", "complete -c claimcheck"),
    ] {
        let out = run(dir.path(), &["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = stdout(&out);
        assert!(script.contains(mark), "{shell}");
        assert!(script.contains("print-config"), "{shell}: check's flags");
    }
    let man = stdout(&run(dir.path(), &["man"]));
    assert!(
        man.contains(".TH claimcheck 1"),
        "{}",
        &man[..man.len().min(300)]
    );
    assert!(man.contains("explain"));
    let check = stdout(&run(dir.path(), &["man", "check"]));
    assert!(check.contains("print\\-config"), "{check}");
    assert_eq!(run(dir.path(), &["man", "nope"]).status.code(), Some(2));
}

/// `--print-config` shows every setting and where it comes from: the
/// default, claimcheck.toml, or a flag; and checks nothing.
#[test]
fn issue_22_print_config_names_each_source() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("claimcheck.toml"),
        "fail_on = \"unverifiable\"\nignore = [\"drafts\"]\n[normalize]\nslack_below = 0.05\n",
    )
    .unwrap();
    let out = run(
        dir.path(),
        &[
            "check",
            "a.md",
            "--print-config",
            "--min-confidence",
            "0.5",
            "-f",
            "markdown",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let line = |key: &str| -> String {
        text.lines()
            .find(|l| l.split_whitespace().next() == Some(key))
            .unwrap_or_else(|| panic!("no {key} in\n{text}"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert!(line("fail_on").starts_with("fail_on \"unverifiable\" # "));
    assert!(line("fail_on").ends_with("claimcheck.toml"));
    assert_eq!(
        line("min_confidence"),
        "min_confidence 0.5 # --min-confidence"
    );
    assert_eq!(line("format"), "format \"markdown\" # --format");
    assert_eq!(line("catalog"), "catalog true # default");
    assert!(line("normalize.slack_below").starts_with("normalize.slack_below 0.05 # "));
    assert!(line("normalize.slack_below").ends_with("claimcheck.toml"));
    assert!(line("ignore").starts_with("ignore [\"drafts\"] # "));
    assert_eq!(
        line("normalize.slack_around"),
        "normalize.slack_around 0.1 # default"
    );
    assert_eq!(line("paths"), "paths [\"a.md\"] # arguments");
    assert!(line("width").starts_with("width 100 # default"));
    // --no-fail is a source too.
    let out = run(dir.path(), &["check", "--print-config", "--no-fail"]);
    assert!(stdout(&out).contains("\"never\""), "{}", stdout(&out));
}

// ---------------------------------------------------------------- item 4

#[test]
fn issue_22_action_caches_quotes_and_spares_forks() {
    let action = read("action.yml");
    // The build is cached, keyed on the action's ref and a hash of its
    // Cargo.lock and sources (hashFiles() cannot read the action's folder).
    assert!(action.contains("uses: actions/cache@v4"));
    assert!(action.contains("sha256sum Cargo.lock"));
    assert!(action.contains("ACTION_REF: ${{ github.action_ref }}"));
    assert!(action.contains("key: ${{ steps.key.outputs.key }}"));
    for step in ["- name: Install Rust", "- name: Build claimcheck"] {
        let body = action.split(step).nth(1).unwrap();
        assert!(
            body.trim_start()
                .starts_with("if: steps.cache.outputs.cache-hit != 'true'"),
            "{step} runs only without a cached build"
        );
    }
    assert!(action.contains("uses: github/codeql-action/upload-sarif@v4"));
    assert!(!action.contains("upload-sarif@v3"));
    // Paths go through arrays, never word splitting.
    assert!(!action.contains("$INPUT_PATHS >"), "unquoted expansion");
    assert!(
        action.contains("read -r -a"),
        "INPUT_PATHS read into an array"
    );
    assert!(action.contains("git diff -z"));
    assert!(action.contains("git ls-files -z"));
    assert!(action.contains("mapfile -d '' -t"));
    assert!(
        action.contains("-- \"${articles[@]}\""),
        "a file named like a flag stays a file"
    );
    // A fork's pull request cannot upload SARIF: that step is skipped, and
    // would not fail the job.
    let upload = action
        .split("- name: Upload SARIF")
        .nth(1)
        .and_then(|s| s.split("\n    - name:").next())
        .expect("the upload step");
    assert!(upload.contains("github.event.pull_request.head.repo.full_name == github.repository"));
    assert!(upload.contains("continue-on-error: true"));
    assert_eq!(
        action.matches("continue-on-error").count(),
        1,
        "that step only"
    );
}

#[test]
fn issue_22_pre_commit_hook_checks_articles_only() {
    let hooks = read(".pre-commit-hooks.yaml");
    assert!(hooks.contains("language: rust"));
    assert!(hooks.contains("files: '\\.(md|txt)$'"), "{hooks}");
    let exclude = hooks
        .lines()
        .find_map(|l| l.trim().strip_prefix("exclude: "))
        .expect("an exclude pattern");
    let pattern = regex::Regex::new(exclude.trim_matches('\'')).unwrap();
    for doc in [
        "README.md",
        "docs/README.md",
        "SOURCE.md",
        "data/SOURCE.md",
        "CHANGELOG.md",
        "CONTRIBUTING.md",
        "LICENSE.txt",
        ".github/pull_request_template.md",
    ] {
        assert!(pattern.is_match(doc), "{doc} is not an article");
    }
    for article in [
        "articles/syria.md",
        "2017/russia-report.txt",
        "news/readme-of-a-war.md",
    ] {
        assert!(!pattern.is_match(article), "{article} is an article");
    }
    assert!(hooks.contains("args: [--format, text]"));
    // The README says how to pin and narrow it.
    let readme = read("README.md");
    assert!(readme.contains("additional_dependencies"));
}

// ---------------------------------------------------------------- item 5

/// docs/report.md documents every key a JSON report has.
#[test]
fn issue_22_docs_report_md_names_every_json_field() {
    let doc = read("docs/report.md");
    let out = run(
        &root(),
        &[
            "check",
            "claims",
            "tests/fixtures/articles",
            "--as-of",
            "2018-03-20",
            "-f",
            "json",
        ],
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut keys = std::collections::BTreeSet::new();
    fn walk(v: &serde_json::Value, keys: &mut std::collections::BTreeSet<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    keys.insert(k.clone());
                    walk(v, keys);
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, keys)),
            _ => {}
        }
    }
    walk(&report, &mut keys);
    // Reason codes are keys of the coverage counts: they are documented in
    // docs/reasons.md, which docs/report.md links to.
    let reasons: Vec<&str> = claimcheck::model::Reason::ALL.map(|r| r.as_str()).to_vec();
    for key in keys.iter().filter(|k| !reasons.contains(&k.as_str())) {
        assert!(
            doc.contains(&format!("`{key}`")),
            "docs/report.md lacks `{key}`"
        );
    }
    assert!(doc.contains("reasons.md"));
}

#[test]
fn issue_22_readme_and_help_point_at_docs_in_the_repository() {
    let readme = read("README.md");
    assert!(!readme.contains("DESIGN.md"), "not in the repository");
    assert!(readme.contains("docs/report.md") && readme.contains("docs/reasons.md"));
    assert!(readme.contains("one of ten renderers"));
    assert!(!readme.contains("nine renderers"));
    assert!(!read("reference-data/README.md").contains("trigram"));
    let help = stdout(&run(&root(), &["check", "--help"]));
    assert!(help.contains("docs/report.md"), "{help}");
    assert!(!help.contains("DESIGN.md"));
}

/// The README's example is what the command prints.
#[test]
fn issue_22_readme_example_is_what_claimcheck_prints() {
    let readme = read("README.md");
    let example = readme
        .split("```\nclaims/economy.md:9:39")
        .nth(1)
        .and_then(|s| s.split("\n```").next())
        .map(|s| format!("claims/economy.md:9:39{s}"))
        .expect("the README's economy example");
    let out = run(
        &root(),
        &["check", "claims/economy.md", "-f", "text", "--no-fail"],
    );
    let report = stdout(&out);
    for line in example.lines() {
        let line = line.trim_end_matches("...").trim_end_matches(" —");
        assert!(
            report.contains(line),
            "README line not printed: {line}\n{report}"
        );
    }
}

// ---------------------------------------------------------------- item 7

#[test]
fn issue_22_release_has_no_debug_info_and_profiling_has_it() {
    let manifest: toml::Value = toml::from_str(&read("Cargo.toml")).unwrap();
    let release = &manifest["profile"]["release"];
    assert_eq!(release.get("debug").and_then(|d| d.as_bool()), Some(false));
    let profiling = &manifest["profile"]["profiling"];
    assert_eq!(profiling["inherits"].as_str(), Some("release"));
    assert_eq!(profiling["debug"].as_integer(), Some(1));
    // The benchmark script can build the profile that keeps symbols.
    let bench = read("scripts/bench.sh");
    assert!(bench.contains("BENCH_PROFILE") && bench.contains("profiling"));
}

#[test]
fn issue_22_html_links_each_reason_code_to_its_explanation() {
    let dir = scratch_article();
    std::fs::write(
        dir.path().join("b-more.txt"),
        "Narnia's population was 4 million in 2019.\n",
    )
    .unwrap();
    let page = html(dir.path(), &[]);
    assert!(
        // (minijinja escapes the slashes of an attribute as &#x2f;)
        page.contains("reasons.md#unknown_entity\">unknown_entity</a>"),
        "the card's reason code links to docs/reasons.md: {page}"
    );
    let docs = read("docs/reasons.md");
    assert!(
        docs.contains("unknown_entity"),
        "docs/reasons.md explains it"
    );
}
