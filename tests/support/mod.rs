//! What the test binaries share: reading `../shared/` (the seed article and
//! the Reuters archive, beside the repository and not in it), and skipping
//! a test visibly when it is absent.
//!
//! Rust's test harness has no "skipped" result: a test that returns early
//! reports "ok", and what it prints with `eprintln!` is captured and shown
//! only when it fails. So [`skip`] writes its line to the process's standard
//! error directly, past the capture, where `cargo test` shows it:
//! `SKIPPED: <test>: <why>`. With `CLAIMCHECK_REQUIRE_SHARED=1` a skip
//! fails the test instead, for runs that must check everything.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};

/// `../shared/<rel>` beside the repository, or `None` after [`skip`]ping
/// `test` when it is absent.
pub fn shared(test: &str, rel: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel);
    if path.exists() {
        return Some(path);
    }
    skip(test, &format!("../shared/{rel} is absent"));
    None
}

/// Say that `test` checks nothing, and why, on the test run's output; or
/// fail it, when `CLAIMCHECK_REQUIRE_SHARED` is set (to anything but "" or
/// "0").
pub fn skip(test: &str, why: &str) {
    let required =
        std::env::var("CLAIMCHECK_REQUIRE_SHARED").is_ok_and(|v| !v.is_empty() && v != "0");
    assert!(
        !required,
        "{test}: {why}, and CLAIMCHECK_REQUIRE_SHARED is set"
    );
    let _ = writeln!(std::io::stderr(), "SKIPPED: {test}: {why}");
}
