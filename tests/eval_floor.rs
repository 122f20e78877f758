//! Issue 6: the verdicts on the bundled labelled set (tests/eval/claims.csv)
//! must stay at or above the floors written in tests/eval/README.md, so a
//! change that makes verdicts worse fails CI.

use std::path::{Path, PathBuf};

use claimcheck::app::{self, EvalFormat, EvalOptions};
use claimcheck::eval::Floors;

fn options() -> EvalOptions {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    EvalOptions {
        file: root.join("tests/eval/claims.csv"),
        reference: root.join("reference-data"),
        format: EvalFormat::Text,
        floors: Floors::default(),
        fit: None::<PathBuf>,
    }
}

#[test]
fn issue_6_bundled_set_meets_the_floors() {
    let (metrics, _) = app::eval_metrics(&options())
        .expect("eval runs")
        .expect("the labelled set reads");
    assert_eq!(metrics.rows, 424);
    assert!(
        metrics.passed(),
        "{:?}\n{}",
        metrics.failed_floors,
        claimcheck::eval::render::text(&metrics)
    );
}

/// Derived claims (changes, ratios, shares) are in the set and keep to the
/// same accuracy floor as the whole.
#[test]
fn issue_6_derived_claims_meet_the_accuracy_floor() {
    let (metrics, _) = app::eval_metrics(&options()).unwrap().unwrap();
    for form in ["change", "change_by", "ratio", "share"] {
        let k = metrics
            .per_kind
            .iter()
            .find(|k| k.phrase_kind == form)
            .unwrap_or_else(|| panic!("no {form} rows in the labelled set"));
        assert!(k.rows >= 5, "{form}: {} rows", k.rows);
        assert!(
            k.accuracy >= metrics.floors.min_accuracy,
            "{form}: {} of {} right",
            k.right,
            k.rows
        );
    }
}

#[test]
fn issue_6_confidence_is_deterministic_and_a_probability() {
    let (a, pa) = app::eval_metrics(&options()).unwrap().unwrap();
    let (b, pb) = app::eval_metrics(&options()).unwrap().unwrap();
    assert_eq!(a, b);
    assert_eq!(pa, pb);
    for bin in &a.calibration.bins {
        assert!((0.0..=1.0).contains(&bin.mean_confidence));
    }
}

#[test]
fn issue_6_bad_rows_name_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.csv");
    std::fs::write(
        &file,
        "id,text,as_of,expected_verdict,phrase_kind,note\n\
         a1,Syria had 21 million people in 2010.,2011-01-01,supported,exact,\n\
         a2,Some text.,not a date,supported,exact,\n\
         a3,Some text.,2011-01-01,maybe,exact,\n",
    )
    .unwrap();
    let problems = app::eval_metrics(&EvalOptions { file, ..options() })
        .unwrap()
        .unwrap_err();
    let lines: Vec<_> = problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, vec![Some(3), Some(4)], "{problems:?}");
}

#[test]
fn issue_6_eval_command_exit_codes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert_cmd::Command::cargo_bin("claimcheck")
        .unwrap()
        .current_dir(root)
        .args(["eval", "--format", "json"])
        .assert()
        .code(0);
    // An impossible floor fails the run with exit 1.
    assert_cmd::Command::cargo_bin("claimcheck")
        .unwrap()
        .current_dir(root)
        .args(["eval", "--min-accuracy", "1.01"])
        .assert()
        .code(1);
}
