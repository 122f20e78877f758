//! Confidence: the probability that a verdict is right.
//!
//! The verify stage describes each finding by its [`Features`] (the verdict,
//! how far inside or outside the reference interval the claim falls relative
//! to the tolerance, the entity match score, how sure the metric is, the
//! row's age, agreement between sources, how the quantity was stated,
//! whether the figure was read from an article, and for an unverifiable
//! claim its reason). [`score`] turns them into a probability
//! with a logistic model per verdict whose parameters are data:
//! `confidence.toml`, fitted on the labelled evaluation sets by
//! `claimcheck eval --fit` (5-fold cross-validated; see tests/eval/README.md):
//! the written claims, and a hand-audited random sample of the verdicts on
//! the Reuters archive, so a figure read from running text carries the
//! confidence measured on such figures, not on claims a person wrote.
//! Pure and deterministic; the result is always in [0, 1].

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::model::{QuantityKind, Reason, Verdict};

/// The fitted parameters, embedded at build time.
pub const PARAMS_TOML: &str = include_str!("confidence.toml");

/// What the reference rows were compared with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum TargetKind {
    /// Nothing: the claim was not resolved.
    #[default]
    None,
    /// A reference value (count, amount).
    Value,
    /// Elapsed time since an event began.
    Elapsed,
    /// The dates an event took place.
    When,
    /// Two reference values divided (a change, a ratio, a share).
    Derived,
}

/// Everything the verify stage knows about a finding that bears on whether
/// its verdict is right.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Features {
    pub verdict: Verdict,
    /// Set for unverifiable findings.
    pub reason: Option<Reason>,
    pub target: TargetKind,
    /// Supported: the claim's point (or its whole interval) sits inside the
    /// reference interval, not only its edge.
    pub central: bool,
    /// Supported: distance of the claim's point from the reference value in
    /// units of the tolerance band (0 = exact hit). Contradicted: the gap
    /// between the intervals in units of the tolerance band (over the
    /// reference value; in years for elapsed and calendar claims).
    pub margin: f64,
    /// Entity match score in [0, 1] (1 for an exact name or alias).
    pub entity_score: f64,
    pub strong_metric: bool,
    pub stale: bool,
    /// When the rows are stale: the chance a figure of their metric that
    /// old still holds ([`Staleness::factor`]); 1 otherwise.
    pub still_right: f64,
    pub sources_disagree: bool,
    pub kind: Option<QuantityKind>,
    /// The figure was read from an article, where every figure is a claim,
    /// not from a claim a person listed: figures read from running text are
    /// misread more often (a forecast, a part, another series), and the
    /// further such a figure lies from the row, the likelier a misreading.
    pub from_article: bool,
}

impl Features {
    /// Features of a finding that never reached a comparison.
    pub fn unverifiable(reason: Reason, kind: Option<QuantityKind>) -> Features {
        Features {
            verdict: Verdict::Unverifiable,
            reason: Some(reason),
            target: TargetKind::None,
            central: false,
            margin: 0.0,
            entity_score: 0.0,
            strong_metric: false,
            stale: false,
            still_right: 1.0,
            sources_disagree: false,
            kind,
            from_article: false,
        }
    }

    /// The inputs of the supported/contradicted logistic model, in the order
    /// of [`Logistic::weights`].
    pub fn vector(&self) -> [f64; DIM] {
        let loose = self.kind.is_some_and(|k| {
            matches!(
                k,
                QuantityKind::Vague | QuantityKind::LowerBound | QuantityKind::UpperBound
            )
        });
        let log_margin = (1.0 + self.margin.max(0.0)).ln();
        let article = f64::from(u8::from(self.from_article));
        [
            1.0,
            f64::from(u8::from(self.central)),
            log_margin,
            1.0 - self.entity_score.clamp(0.0, 1.0),
            f64::from(u8::from(!self.strong_metric)),
            f64::from(u8::from(self.stale)),
            f64::from(u8::from(self.sources_disagree)),
            f64::from(u8::from(loose)),
            f64::from(u8::from(matches!(
                self.target,
                TargetKind::Elapsed | TargetKind::When
            ))),
            article,
            article * log_margin,
        ]
    }
}

/// Number of inputs of the logistic model (bias included).
pub const DIM: usize = 11;

/// Names of the model inputs, as in `confidence.toml`.
pub const NAMES: [&str; DIM] = [
    "bias",
    "central",
    "log_margin",
    "entity_doubt",
    "weak_metric",
    "stale",
    "sources_disagree",
    "loose_kind",
    "event",
    "article",
    "article_log_margin",
];

/// Logistic weights for one verdict.
#[derive(Clone, Copy, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Logistic {
    pub bias: f64,
    pub central: f64,
    pub log_margin: f64,
    pub entity_doubt: f64,
    pub weak_metric: f64,
    pub stale: f64,
    pub sources_disagree: f64,
    pub loose_kind: f64,
    pub event: f64,
    pub article: f64,
    pub article_log_margin: f64,
}

impl Logistic {
    pub fn weights(&self) -> [f64; DIM] {
        [
            self.bias,
            self.central,
            self.log_margin,
            self.entity_doubt,
            self.weak_metric,
            self.stale,
            self.sources_disagree,
            self.loose_kind,
            self.event,
            self.article,
            self.article_log_margin,
        ]
    }

    pub fn from_weights(w: &[f64; DIM]) -> Logistic {
        Logistic {
            bias: w[0],
            central: w[1],
            log_margin: w[2],
            entity_doubt: w[3],
            weak_metric: w[4],
            stale: w[5],
            sources_disagree: w[6],
            loose_kind: w[7],
            event: w[8],
            article: w[9],
            article_log_margin: w[10],
        }
    }

    pub fn probability(&self, x: &[f64; DIM]) -> f64 {
        let z: f64 = self.weights().iter().zip(x).map(|(w, x)| w * x).sum();
        sigmoid(z)
    }
}

/// The probability that "unverifiable" is right, per reason.
#[derive(Clone, Copy, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ByReason {
    pub not_normalized: f64,
    pub no_metric: f64,
    pub no_subject: f64,
    pub unknown_entity: f64,
    pub no_metric_for_entity: f64,
    pub no_row_for_period: f64,
    pub unit_mismatch: f64,
    pub uncertain_metric: f64,
    /// Not fitted yet on a file without it: the no-metric figure.
    #[serde(default = "narrower_metric_default")]
    pub narrower_metric: f64,
    /// Not fitted yet on a file without it: the no-metric figure.
    #[serde(default = "narrower_metric_default")]
    pub forecast: f64,
}

fn narrower_metric_default() -> f64 {
    0.97
}

impl ByReason {
    pub fn get(&self, r: Reason) -> f64 {
        match r {
            Reason::NotNormalized => self.not_normalized,
            Reason::NoMetric => self.no_metric,
            Reason::NoSubject => self.no_subject,
            Reason::UnknownEntity => self.unknown_entity,
            Reason::NoMetricForEntity => self.no_metric_for_entity,
            Reason::NoRowForPeriod => self.no_row_for_period,
            Reason::UnitMismatch => self.unit_mismatch,
            Reason::UncertainMetric => self.uncertain_metric,
            Reason::NarrowerMetric => self.narrower_metric,
            Reason::Forecast => self.forecast,
        }
    }

    pub fn set(&mut self, r: Reason, p: f64) {
        let slot = match r {
            Reason::NotNormalized => &mut self.not_normalized,
            Reason::NoMetric => &mut self.no_metric,
            Reason::NoSubject => &mut self.no_subject,
            Reason::UnknownEntity => &mut self.unknown_entity,
            Reason::NoMetricForEntity => &mut self.no_metric_for_entity,
            Reason::NoRowForPeriod => &mut self.no_row_for_period,
            Reason::UnitMismatch => &mut self.unit_mismatch,
            Reason::UncertainMetric => &mut self.uncertain_metric,
            Reason::NarrowerMetric => &mut self.narrower_metric,
            Reason::Forecast => &mut self.forecast,
        };
        *slot = p;
    }
}

/// The fitted model: what `confidence.toml` holds.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    /// How the parameters were made (free text, for people).
    pub fitted: String,
    pub supported: Logistic,
    pub contradicted: Logistic,
    pub unverifiable: ByReason,
    /// How fast a figure goes out of date (measured on the reference).
    #[serde(default)]
    pub stale: Staleness,
}

/// The share of reference figures still within their tolerance of the
/// same series' figure 1, 2, ... years later, per metric (`claimcheck eval
/// --fit` measures it on the reference; see `eval::staleness`). A
/// supported verdict resting on a stale row is right with about that
/// chance, so its confidence is multiplied by it.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Staleness {
    /// By metric, then by age in whole years from one year; [`ANY_METRIC`]
    /// pools every series, for a metric with no table of its own.
    pub survival: std::collections::BTreeMap<String, Vec<f64>>,
}

/// The key of [`Staleness::survival`]'s table over all metrics.
pub const ANY_METRIC: &str = "any";

impl Staleness {
    /// The share of `metric`'s figures still right after `years`: linear
    /// between whole years (1 at age 0); past the table, its last share
    /// compounded at the same rate ("ten years at 0.4" makes twenty at
    /// 0.16). 1 when no table is known.
    pub fn factor(&self, metric: &str, years: f64) -> f64 {
        let table = self
            .survival
            .get(metric)
            .or_else(|| self.survival.get(ANY_METRIC));
        let Some((table, &last)) = table.and_then(|t| Some((t, t.last()?))) else {
            return 1.0;
        };
        if years.is_nan() || years <= 0.0 {
            return 1.0;
        }
        let n = table.len() as f64;
        if years >= n {
            return last.clamp(0.0, 1.0).powf(years / n);
        }
        let k = years.floor() as usize;
        let at = |i: usize| if i == 0 { 1.0 } else { table[i - 1] };
        let f = years - k as f64;
        (at(k) * (1.0 - f) + at(k + 1) * f).clamp(0.0, 1.0)
    }
}

impl Params {
    pub fn parse(text: &str) -> Result<Params, toml::de::Error> {
        toml::from_str(text)
    }

    /// The embedded parameters.
    pub fn embedded() -> &'static Params {
        static PARAMS: OnceLock<Params> = OnceLock::new();
        PARAMS.get_or_init(|| {
            Params::parse(PARAMS_TOML)
                .expect("src/verify/confidence.toml is checked by a unit test")
        })
    }

    /// The probability that the verdict described by `f` is right.
    pub fn score(&self, f: &Features) -> f64 {
        let p = match f.verdict {
            Verdict::Supported => self.supported.probability(&f.vector()),
            Verdict::Contradicted => self.contradicted.probability(&f.vector()),
            Verdict::Unverifiable => self
                .unverifiable
                .get(f.reason.unwrap_or(Reason::NotNormalized)),
        };
        // No labelled claim has disagreeing sources yet, so the fit gives them
        // no weight. Until it can, a rule: when the datasets disagree, the
        // verdict is no surer than halfway between the model and a coin toss.
        let p = if f.sources_disagree && f.verdict != Verdict::Unverifiable {
            0.5 + (p - 0.5) / 2.0
        } else {
            p
        };
        // No labelled claim rests on a stale row either: a supported verdict
        // on an old figure is right as often as such figures still hold
        // (a stale row never contradicts: that is no_row_for_period).
        let p = if f.stale && f.verdict == Verdict::Supported {
            p * f.still_right
        } else {
            p
        };
        round(p)
    }
}

/// The probability that the verdict described by `f` is right, with the
/// embedded parameters.
pub fn score(f: &Features) -> f64 {
    Params::embedded().score(f)
}

pub fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// Two decimals, and never 0 or 1: a few hundred labelled claims cannot
/// justify certainty either way.
fn round(p: f64) -> f64 {
    if p.is_nan() {
        return 0.5;
    }
    ((p * 100.0).round() / 100.0).clamp(0.01, 0.99)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(verdict: Verdict) -> Features {
        Features {
            verdict,
            reason: None,
            target: TargetKind::Value,
            central: true,
            margin: 0.2,
            entity_score: 1.0,
            strong_metric: true,
            stale: false,
            still_right: 1.0,
            sources_disagree: false,
            kind: Some(QuantityKind::Exact),
            from_article: false,
        }
    }

    #[test]
    fn embedded_parameters_parse() {
        let p = Params::parse(PARAMS_TOML).unwrap();
        assert!(!p.fitted.is_empty());
    }

    #[test]
    fn unknown_keys_are_rejected() {
        let mut text = PARAMS_TOML.to_string();
        text.push_str("\n[extra]\nx = 1\n");
        assert!(Params::parse(&text).is_err());
    }

    #[test]
    fn scores_are_probabilities() {
        for v in [Verdict::Supported, Verdict::Contradicted] {
            for margin in [0.0, 0.5, 3.0, 1e9] {
                for score in [0.0, 0.8, 1.0] {
                    let f = Features {
                        margin,
                        entity_score: score,
                        ..features(v)
                    };
                    let p = super::score(&f);
                    assert!((0.0..=1.0).contains(&p), "{p}");
                    assert_eq!(p, super::score(&f));
                }
            }
        }
        for r in Reason::ALL {
            let p = super::score(&Features::unverifiable(r, None));
            assert!((0.0..=1.0).contains(&p), "{p}");
        }
    }
}
