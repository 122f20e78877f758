//! The Python package (`python/`) and the Spark job
//! (`examples/spark_check.py`), tested from `cargo test` (issue 21).
//!
//! Makes a venv under `target/python-venv` (kept and reused by later runs)
//! with pytest, mypy, maturin and PySpark from the package registry, builds
//! and installs `./python` into it (cargo's output in `target/python`, so
//! the build never waits on this run's own `target/` lock), then runs
//! `python/tests` with pytest, the command-line binary of this build named
//! in `CLAIMCHECK_BIN` for the tests that compare with it. The Spark test
//! runs separately: it needs Java and the Reuters archive of `../shared/`.
//!
//! Without Python (3.9 or later, with venv and pip), or without Java for
//! the Spark test, a test says so on the run's output (`SKIPPED: ...`, see
//! `tests/support`) and passes, unless `CI=true`, where it fails: `.ci/run`
//! installs them. A registry that cannot be reached when the venv is first
//! filled is a skip too (outside CI); a package that does not build, or a
//! failing pytest, always fails, with pytest's output.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// What the venv gets from the registry besides the package itself.
const TOOLS: &[&str] = &["pytest", "mypy", "maturin>=1.9.4,<2", "pyspark"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Skip `test` visibly, or fail it under `CI=true`.
fn skip_or_fail(test: &str, why: &str) {
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("{test}: {why}, and CI=true: .ci/run installs what this test needs");
    }
    support::skip(test, why);
}

fn output_text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The venv's python, with the package of this checkout installed; or why
/// not, and whether that is a skip (missing tools) or a failure.
enum Venv {
    Ready(PathBuf),
    Missing(String),
    Broken(String),
}

fn venv() -> &'static Venv {
    static VENV: OnceLock<Venv> = OnceLock::new();
    VENV.get_or_init(make_venv)
}

fn make_venv() -> Venv {
    let dir = root().join("target/python-venv");
    let python = dir.join("bin/python");
    if !python.exists() {
        let system = std::env::var("CLAIMCHECK_PYTHON").unwrap_or_else(|_| "python3".to_string());
        let check = Command::new(&system)
            .args([
                "-c",
                "import sys, venv, ensurepip; assert sys.version_info >= (3, 9), sys.version",
            ])
            .output();
        match check {
            Err(e) => return Venv::Missing(format!("{system} cannot be run ({e})")),
            Ok(out) if !out.status.success() => {
                return Venv::Missing(format!(
                    "{system} has no venv or pip, or is older than 3.9 (apt-get install python3-venv): {}",
                    output_text(&out).trim()
                ))
            }
            Ok(_) => {}
        }
        let made = Command::new(&system)
            .args(["-m", "venv"])
            .arg(&dir)
            .output()
            .unwrap();
        if !made.status.success() {
            return Venv::Missing(format!(
                "{system} -m venv failed: {}",
                output_text(&made).trim()
            ));
        }
    }
    // Quick when they are there already: pip does not ask the registry.
    let tools = pip_install(&python).args(TOOLS).output().unwrap();
    if !tools.status.success() {
        return Venv::Missing(format!(
            "pip could not install {} from the registry: {}",
            TOOLS.join(", "),
            output_text(&tools).trim()
        ));
    }
    // This checkout's package, built by maturin from the venv (no isolated
    // build environment to download each time).
    let bin = dir.join("bin");
    let path = match std::env::var_os("PATH") {
        Some(p) => std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(&p))),
        None => std::env::join_paths([bin]),
    }
    .unwrap();
    let built = pip_install(&python)
        .args([
            "--no-build-isolation",
            "--no-deps",
            "--force-reinstall",
            "./python",
        ])
        .current_dir(root())
        .env("PATH", path)
        .env("CARGO_TARGET_DIR", root().join("target/python"))
        .output()
        .unwrap();
    if !built.status.success() {
        return Venv::Broken(format!(
            "pip install ./python failed:\n{}",
            output_text(&built)
        ));
    }
    Venv::Ready(python)
}

/// `python -m pytest python/tests ARGS` in the venv, from the repository
/// (so that `import claimcheck` is the installed package, not the source
/// folder); panics with pytest's output when it fails.
fn pytest(test: &str, args: &[&str]) -> Option<String> {
    let python = match venv() {
        Venv::Ready(p) => p,
        Venv::Missing(why) => {
            skip_or_fail(test, why);
            return None;
        }
        Venv::Broken(why) => panic!("{test}: {why}"),
    };
    let out = Command::new(python)
        .args([
            "-m",
            "pytest",
            "python/tests",
            "-p",
            "no:cacheprovider",
            "-rs",
        ])
        .args(args)
        .current_dir(root())
        .env("CLAIMCHECK_BIN", env!("CARGO_BIN_EXE_claimcheck"))
        .env_remove("PYTHONPATH")
        .output()
        .unwrap();
    let text = output_text(&out);
    assert!(
        out.status.success(),
        "{test}: pytest failed ({}):\n{text}",
        out.status
    );
    Some(text)
}

/// pytest's last line: "N passed, M skipped in T s".
fn summary(text: &str) -> &str {
    text.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
}

#[test]
fn python_package_tests_pass() {
    let test = "python_package_tests_pass";
    let Some(text) = pytest(test, &["-m", "not spark"]) else {
        return;
    };
    let last = summary(&text);
    // The comparisons with the CLI ran: nothing skipped but the Reuters
    // test when ../shared/ is absent.
    assert!(last.contains(" passed"), "{text}");
    if last.contains("skipped") {
        assert!(
            support::shared(test, "data/reuters-21578/articles.jsonl").is_none(),
            "pytest skipped tests:\n{text}"
        );
    }
}

#[test]
fn spark_job_in_local_2_matches_one_process() {
    let test = "spark_job_in_local_2_matches_one_process";
    if support::shared(test, "data/reuters-21578/articles.jsonl").is_none() {
        return;
    }
    let java = Command::new("java").arg("-version").output();
    if !java.is_ok_and(|o| o.status.success()) {
        skip_or_fail(
            test,
            "no java on PATH (PySpark needs one: apt-get install default-jre-headless)",
        );
        return;
    }
    let Some(text) = pytest(test, &["-m", "spark"]) else {
        return;
    };
    let last = summary(&text);
    assert!(
        last.contains("2 passed") && !last.contains("skipped"),
        "{text}"
    );
}

/// `python -m pip install`, quietly, with no question to the registry about
/// pip's own version.
fn pip_install(python: &std::path::Path) -> Command {
    let mut pip = Command::new(python);
    pip.args([
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
    ]);
    pip
}
