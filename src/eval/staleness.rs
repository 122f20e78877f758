//! How fast a reference figure goes out of date, measured on the reference
//! itself.
//!
//! Takes the loaded [`Index`]; gives, per metric and over all metrics, for
//! each age of 1 to [`YEARS`] years, the share of yearly figures that still
//! lie within their dataset's tolerance of the same series' figure that
//! many years later. A claim
//! checked against a row that old is supported by it with about that
//! chance of still being right, so `claimcheck eval --fit` writes the
//! table into the confidence parameters (`[stale]`) and the verify stage
//! multiplies a supported verdict's confidence by it when its row is stale.
//! Pure: no file access, no printing.

use std::collections::BTreeMap;

use crate::resolve::{Index, Precision, Row};
use crate::verify::confidence::ANY_METRIC;

/// Ages measured, in whole years.
pub const YEARS: usize = 10;

/// Counts of (figure pairs that far apart, those within tolerance), by
/// age in years from one.
type Counts = [(u64, u64); YEARS];

/// Per metric (and [`ANY_METRIC`] over all), the share of figures still
/// within tolerance after 1..=[`YEARS`] years (index 0 is one year), over
/// every yearly series of `index` (pairs from one dataset, in one unit);
/// `None` at an age with no pair of figures that far apart.
pub fn survival(index: &Index) -> BTreeMap<String, Vec<Option<f64>>> {
    let mut seen = crate::util::FxSet::default();
    let mut keys: Vec<(u32, u32)> = index
        .rows_iter()
        .filter(|r| seen.insert((r.entity, r.metric)))
        .map(|r| (r.entity, r.metric))
        .collect();
    keys.sort_unstable();
    let mut by_metric: BTreeMap<String, Counts> = BTreeMap::new();
    let mut all: Counts = [(0, 0); YEARS];
    for (entity, metric) in keys {
        let counts = by_metric
            .entry(index.str(metric).to_string())
            .or_insert([(0, 0); YEARS]);
        let series: Vec<&Row> = index
            .series(entity, metric)
            .iter()
            .filter(|r| r.date.precision == Precision::Year && r.value.is_finite())
            .collect();
        for (i, old) in series.iter().enumerate() {
            for new in &series[i + 1..] {
                let years = f64::from(new.date.days - old.date.days) / 365.2425;
                let k = years.round() as usize;
                // Two publishers' figures differ by definition, not by age.
                if k == 0 || k > YEARS || old.dataset != new.dataset || old.unit != new.unit {
                    continue;
                }
                let tolerance = index.dataset(new).tolerance;
                let within = (old.value - new.value).abs() <= tolerance * new.value.abs();
                for c in [&mut counts[k - 1], &mut all[k - 1]] {
                    c.0 += 1;
                    c.1 += u64::from(within);
                }
            }
        }
    }
    let shares = |c: &Counts| -> Vec<Option<f64>> {
        c.iter()
            .map(|&(n, w)| (n > 0).then(|| (w as f64 / n as f64 * 1e4).round() / 1e4))
            .collect()
    };
    let mut out: BTreeMap<String, Vec<Option<f64>>> = by_metric
        .iter()
        .filter(|(_, c)| c[0].0 > 0)
        .map(|(m, c)| (m.clone(), shares(c)))
        .collect();
    out.insert(ANY_METRIC.to_string(), shares(&all));
    out
}
