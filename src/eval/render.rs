//! The evaluation report as text for people or JSON for tools.

use std::fmt::Write;

use super::metrics::{GroupAccuracy, Metrics, VERDICTS};

fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// A precision with its denominator, or "–" when nothing was predicted.
fn precision(p: Option<f64>, predicted: usize) -> String {
    match p {
        Some(p) => format!("{} of {predicted}", pct(p)),
        None => "–".to_string(),
    }
}

/// The per-metric or per-unit-family table.
fn groups(o: &mut String, title: &str, rows: &[GroupAccuracy], without: usize) {
    if rows.is_empty() {
        return;
    }
    let width = rows
        .iter()
        .map(|g| g.name.chars().count())
        .chain([title.len()])
        .max()
        .unwrap_or(0);
    let _ = writeln!(
        o,
        "\n{title:<width$} {:>5} {:>6} {:>9} {:>17} {:>17} {:>13}",
        "rows", "right", "accuracy", "supported prec", "contradicted prec", "not extracted"
    );
    for g in rows {
        let _ = writeln!(
            o,
            "{:<width$} {:>5} {:>6} {:>9} {:>17} {:>17} {:>13}",
            g.name,
            g.rows,
            g.right,
            pct(g.accuracy),
            precision(g.supported_precision, g.predicted_supported),
            precision(g.contradicted_precision, g.predicted_contradicted),
            g.not_extracted
        );
    }
    if without > 0 {
        let _ = writeln!(
            o,
            "  ({without} rows with no labelled {title} are not in this table)"
        );
    }
}

/// How many misclassified rows to list per error class.
const LIST: usize = 12;

pub fn text(m: &Metrics) -> String {
    let mut o = String::new();
    for f in &m.files {
        let _ = writeln!(
            o,
            "file {} ({} shape, {} rows)",
            f.file,
            f.shape.as_str(),
            f.rows
        );
    }
    for s in &m.skipped {
        let _ = writeln!(o, "{s}");
    }
    if !m.files.is_empty() || !m.skipped.is_empty() {
        o.push('\n');
    }
    let _ = writeln!(
        o,
        "accuracy {} ({}/{} rows)",
        pct(m.accuracy),
        m.right,
        m.rows
    );
    let _ = writeln!(o, "\nverdict        labelled  predicted  precision  recall");
    for p in &m.per_verdict {
        let _ = writeln!(
            o,
            "{:<13} {:>9} {:>10} {:>10} {:>7}",
            p.verdict.as_str(),
            p.labelled,
            p.predicted,
            pct(p.precision),
            pct(p.recall)
        );
    }
    let _ = writeln!(
        o,
        "contradicted precision {}",
        pct(m.contradicted_precision)
    );
    let _ = writeln!(o, "\nconfusion (rows: expected, columns: got)");
    let _ = writeln!(
        o,
        "{:<13} {:>9} {:>12} {:>12}",
        "", "supported", "contradicted", "unverifiable"
    );
    for v in VERDICTS {
        let r = &m.confusion[VERDICTS.iter().position(|&x| x == v).unwrap_or(0)];
        let _ = writeln!(
            o,
            "{:<13} {:>9} {:>12} {:>12}",
            v.as_str(),
            r[0],
            r[1],
            r[2]
        );
    }
    let c = &m.calibration;
    let _ = writeln!(
        o,
        "\ncalibration (5-fold cross-validated): Brier {:.4}, ECE {:.4}",
        c.brier, c.ece
    );
    let _ = writeln!(
        o,
        "  (reported confidence, fitted on these rows: Brier {:.4}, ECE {:.4}; in-sample, does not count)",
        m.calibration_in_sample.brier, m.calibration_in_sample.ece
    );
    if let Some(any) = m.staleness.get(crate::verify::confidence::ANY_METRIC) {
        let shares = |t: &[Option<f64>]| -> String {
            t.iter()
                .enumerate()
                .map(|(k, s)| match s {
                    Some(s) => format!("{}y {s:.2}", k + 1),
                    None => format!("{}y -", k + 1),
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = writeln!(
            o,
            "staleness: reference figures still within tolerance k years later (a supported verdict on a stale row is discounted by its metric's share)"
        );
        let _ = writeln!(o, "  all metrics: {}", shares(any));
        for metric in [
            "population",
            "gdp",
            "gdp_growth",
            "inflation",
            "unemployment_rate",
        ] {
            if let Some(t) = m.staleness.get(metric) {
                let _ = writeln!(o, "  {metric}: {}", shares(t));
            }
        }
    }
    let _ = writeln!(o, "confidence     rows  mean conf  accuracy");
    for b in &c.bins {
        if b.count == 0 {
            let _ = writeln!(o, "[{:.1}, {:.1}) {:>6}", b.low, b.high, 0);
        } else {
            let _ = writeln!(
                o,
                "[{:.1}, {:.1}) {:>6} {:>10.3} {:>9.3}",
                b.low, b.high, b.count, b.mean_confidence, b.accuracy
            );
        }
    }
    let cov = &m.coverage;
    let _ = writeln!(
        o,
        "\ncoverage: {} of {} rows labelled supported/contradicted got a verdict ({})",
        cov.with_verdict,
        cov.checkable,
        pct(cov.share)
    );
    for (r, n) in &cov.missed_reasons {
        let _ = writeln!(o, "  left unverifiable: {r} {n}");
    }
    let _ = writeln!(
        o,
        "not extracted (no claim found over the labelled figure): {} rows",
        m.not_extracted
    );
    let p = &cov.pipeline;
    let _ = writeln!(
        o,
        "claims found {}, normalized {}, resolved {}, with a verdict {}",
        p.found, p.normalized, p.resolved, p.verdict
    );
    let reasons: Vec<String> = p
        .unverifiable_reasons
        .iter()
        .map(|(r, n)| format!("{} {n}", r.as_str()))
        .collect();
    let _ = writeln!(o, "  unverifiable claims by reason: {}", reasons.join(", "));
    let _ = writeln!(o, "\nphrase kind        rows  accuracy");
    for k in &m.per_kind {
        let _ = writeln!(
            o,
            "{:<17} {:>5} {:>9}",
            k.phrase_kind,
            k.rows,
            pct(k.accuracy)
        );
    }
    groups(&mut o, "metric", &m.per_metric, m.without_metric);
    groups(
        &mut o,
        "unit family",
        &m.per_unit_family,
        m.without_unit_family,
    );
    if m.errors.is_empty() {
        let _ = writeln!(o, "\nno misclassified rows");
    } else {
        let _ = writeln!(o, "\nerror classes (largest first)");
        for e in &m.errors {
            let _ = writeln!(o, "{}: {}", e.class, e.count);
            for r in e.rows.iter().take(LIST) {
                let _ = writeln!(o, "  {} \"{}\": {}", r.id, r.claim, r.explanation);
            }
            if e.rows.len() > LIST {
                let _ = writeln!(o, "  … and {} more", e.rows.len() - LIST);
            }
        }
    }
    let f = &m.floors;
    let _ = writeln!(
        o,
        "\nfloors: accuracy ≥ {}, contradicted precision ≥ {} (overall and in every unit family), ECE ≤ {}",
        f.min_accuracy, f.min_contradicted_precision, f.max_ece
    );
    if m.passed() {
        let _ = writeln!(o, "all floors met");
    } else {
        for fail in &m.failed_floors {
            let _ = writeln!(o, "FAILED: {fail}");
        }
    }
    o
}

pub fn json(m: &Metrics) -> String {
    let mut s = serde_json::to_string_pretty(m).expect("metrics serialize");
    s.push('\n');
    s
}
