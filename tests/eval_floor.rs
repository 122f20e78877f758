//! Issue 6: the verdicts on the bundled labelled set (tests/eval/claims.csv)
//! must stay at or above the floors written in tests/eval/README.md, so a
//! change that makes verdicts worse fails CI.
//!
//! Issue 16: the same for the labelled metrics set (tests/eval/metrics.csv)
//! and the figures labelled in the Reuters archive (tests/eval/reuters.csv),
//! when those files (and the archive) are there; and the confidence model is
//! the one fitted on the written claims and the audited sample of archive
//! verdicts (tests/eval/archive.csv), honest on both.

use std::path::{Path, PathBuf};

use claimcheck::app::{self, EvalFormat, EvalOptions};
use claimcheck::eval::{fit, Floors};
use claimcheck::model::Verdict;
use claimcheck::verify::confidence::Params;

mod support;

fn options() -> EvalOptions {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    EvalOptions {
        files: vec![root.join("tests/eval/claims.csv")],
        archive: root.join(claimcheck::eval::load::ARCHIVE),
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
    let problems = app::eval_metrics(&EvalOptions {
        files: vec![file],
        ..options()
    })
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

/// The labelled file `rel` (relative to the repository), or `None` with a
/// message when it is not there yet.
fn labelled(rel: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    if path.exists() {
        Some(path)
    } else {
        eprintln!("{rel} is absent: nothing to measure");
        None
    }
}

/// Whether the Reuters archive `opts` points into is there; when it is not,
/// `test` is reported skipped, visibly.
fn archive_present(opts: &EvalOptions, test: &str) -> bool {
    let present = opts.archive.exists();
    if !present {
        support::skip(
            test,
            &format!(
                "the Reuters archive {} is absent: its labelled figures (tests/eval/reuters.csv, archive.csv) not measured",
                opts.archive.display()
            ),
        );
    }
    present
}

/// Issue 16's goals (accuracy 0.95, contradicted precision 0.97 in every
/// unit family) hold for the two sets measured together (see
/// `issue_16_goals_hold_on_both_sets_together`); each set also keeps its own
/// floor, the figures last measured rounded down: metrics.csv 0.963 and 1.0;
/// reuters.csv 0.958 and 0.986, after a currency area said anywhere in a
/// sentence narrowed its balances (0.952 and 0.973, money 0.933, before;
/// 0.844 and 0.937, after more news wordings named their series, a trigger
/// could end inside the metric window and a yearly flow's row became known
/// at its year's end; 0.844 and 0.982, 0.760 and 0.911 after a sentence
/// that names no one took the article's main
/// subject, a bare percent beside a growth figure became a growth rate, a
/// rise stated as a rate kept its own year and the number grammar of issue
/// 23 landed;
/// 0.839 and 0.982, 0.521 and 0.852 before that; when the sets landed 0.780 and
/// 0.855, 0.395 and 0.722), so that a change that makes the verdicts worse
/// fails CI. Raise them as the figures rise; never lower them to let a
/// change pass.
const METRICS_SET_FLOOR: (f64, f64) = (0.96, 0.98);
const REUTERS_SET_FLOOR: (f64, f64) = (0.95, 0.98);

#[test]
fn issue_16_metrics_set_keeps_its_measured_floor() {
    let Some(file) = labelled("tests/eval/metrics.csv") else {
        return;
    };
    let (metrics, _) = app::eval_metrics(&EvalOptions {
        files: vec![file],
        ..options()
    })
    .expect("eval runs")
    .unwrap_or_else(|p| panic!("tests/eval/metrics.csv reads: {p:#?}"));
    let text = claimcheck::eval::render::text(&metrics);
    eprintln!("{text}");
    assert!(metrics.rows >= 200);
    assert_eq!(
        metrics.without_unit_family, 0,
        "every row of the metrics set names its unit family\n{text}"
    );
    assert!(metrics.per_metric.len() >= 12, "{text}");
    assert!(
        metrics.accuracy >= METRICS_SET_FLOOR.0,
        "accuracy {:.3} is below {}\n{text}",
        metrics.accuracy,
        METRICS_SET_FLOOR.0
    );
    assert!(
        metrics.contradicted_precision >= METRICS_SET_FLOOR.1,
        "contradicted precision {:.3} is below {}\n{text}",
        metrics.contradicted_precision,
        METRICS_SET_FLOOR.1
    );
}

/// Real figures in the Reuters archive, against the same kind of floor.
#[test]
fn issue_16_reuters_figures_keep_their_measured_floor() {
    let Some(file) = labelled("tests/eval/reuters.csv") else {
        return;
    };
    let opts = EvalOptions {
        files: vec![file],
        ..options()
    };
    if !archive_present(&opts, "issue_16_reuters_figures_keep_their_measured_floor") {
        return;
    }
    let (metrics, _) = app::eval_metrics(&opts)
        .expect("eval runs")
        .unwrap_or_else(|p| panic!("tests/eval/reuters.csv reads: {p:#?}"));
    let text = claimcheck::eval::render::text(&metrics);
    eprintln!("{text}");
    assert!(metrics.rows >= 100);
    assert!(metrics.skipped.is_empty(), "{:?}", metrics.skipped);
    assert!(
        metrics.accuracy >= REUTERS_SET_FLOOR.0,
        "accuracy {:.3}\n{text}",
        metrics.accuracy
    );
    assert!(
        metrics.contradicted_precision >= REUTERS_SET_FLOOR.1,
        "contradicted precision {:.3}\n{text}",
        metrics.contradicted_precision
    );
}

/// The issue's goals, as `claimcheck eval` checks them (accuracy, and
/// contradicted precision overall and in every unit family, at the default
/// floors), on the labelled metrics set and the Reuters figures together.
#[test]
fn issue_16_goals_hold_on_both_sets_together() {
    let (Some(metrics_set), Some(reuters_set)) = (
        labelled("tests/eval/metrics.csv"),
        labelled("tests/eval/reuters.csv"),
    ) else {
        return;
    };
    let opts = EvalOptions {
        files: vec![metrics_set, reuters_set],
        ..options()
    };
    if !archive_present(&opts, "issue_16_goals_hold_on_both_sets_together") {
        return;
    }
    let (metrics, _) = app::eval_metrics(&opts)
        .expect("eval runs")
        .unwrap_or_else(|p| panic!("the labelled sets read: {p:#?}"));
    let text = claimcheck::eval::render::text(&metrics);
    assert!(metrics.rows >= 250, "{text}");
    assert!(metrics.per_metric.len() >= 12, "{text}");
    assert!(metrics.per_unit_family.len() >= 7, "{text}");
    assert!(
        metrics.failed_floors.is_empty(),
        "{:#?}\n{text}",
        metrics.failed_floors
    );
}

/// The written claims and the audited random sample of the archive's
/// verdicts, with the archive there to read the sample's figures from.
fn fitted_sets(test: &str) -> Option<EvalOptions> {
    let mut opts = options();
    opts.files.push(labelled("tests/eval/archive.csv")?);
    archive_present(&opts, test).then_some(opts)
}

/// The shipped confidence parameters (src/verify/confidence.toml) are what
/// `claimcheck eval --fit tests/eval/claims.csv tests/eval/archive.csv`
/// writes, and that model is calibrated on the rows it was not fitted on.
#[test]
fn issue_16_confidence_is_fitted_on_written_claims_and_the_archive_sample() {
    let Some(opts) =
        fitted_sets("issue_16_confidence_is_fitted_on_written_claims_and_the_archive_sample")
    else {
        return;
    };
    let (metrics, params) = app::eval_metrics(&opts).unwrap().unwrap();
    let text = claimcheck::eval::render::text(&metrics);
    assert_eq!(metrics.rows, 424 + 338, "{text}");
    assert!(
        metrics.calibration.ece <= Floors::default().max_ece,
        "cross-validated ECE {}\n{text}",
        metrics.calibration.ece
    );
    // The fit converged: an undamped Newton fit on these rows once ran the
    // supported weights off to the hundreds of thousands.
    for w in [params.supported.weights(), params.contradicted.weights()] {
        assert!(w.iter().all(|v| v.is_finite() && v.abs() < 50.0), "{w:?}");
    }
    // As written to the file (four decimals), against the embedded file.
    let refitted = Params::parse(&fit::to_toml(&params)).unwrap();
    let shipped = Params::embedded();
    assert_eq!(refitted.supported, shipped.supported, "refit: eval --fit");
    assert_eq!(
        refitted.contradicted, shipped.contradicted,
        "refit: eval --fit"
    );
    assert_eq!(
        refitted.unverifiable, shipped.unverifiable,
        "refit: eval --fit"
    );
}

/// Each verdict on the archive's figures carries, on average, the
/// confidence its audit measured: the mean confidence of the sample's
/// supported and of its contradicted verdicts is within 0.05 of the share of
/// them a careful reader found right (0.99 was shown for both, against
/// about 0.96 and 0.74, before the sample was fitted on).
#[test]
fn issue_16_archive_verdicts_carry_the_confidence_their_audit_measured() {
    let Some(opts) =
        fitted_sets("issue_16_archive_verdicts_carry_the_confidence_their_audit_measured")
    else {
        return;
    };
    let loaded = claimcheck::eval::load::load(&opts.files[1..], &opts.archive).unwrap();
    let index = claimcheck::resolve::load(&opts.reference).index;
    let outcomes = claimcheck::eval::run(&loaded.rows, &index);
    assert_eq!(outcomes.len(), 338);
    for verdict in [Verdict::Supported, Verdict::Contradicted] {
        let given: Vec<_> = outcomes.iter().filter(|o| o.got == verdict).collect();
        let n = given.len() as f64;
        let right = given.iter().filter(|o| o.expected == verdict).count() as f64 / n;
        let mean = given.iter().map(|o| o.confidence).sum::<f64>() / n;
        assert!(
            (mean - right).abs() <= 0.05,
            "{verdict:?}: {} verdicts, {right:.3} right, mean confidence {mean:.3}",
            given.len()
        );
    }
}
