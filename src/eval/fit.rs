//! Fitting the confidence model on labelled outcomes.
//!
//! Supported and contradicted verdicts each get an L2-regularised logistic
//! regression on [`Features::vector`], fitted by Newton's method (a fixed
//! number of steps from zero, so the result is deterministic). Unverifiable
//! verdicts get, per reason, the share of right verdicts, shrunk toward the
//! share over all unverifiable verdicts (two pseudo-rows), so a reason seen
//! once does not get 0 or 1. [`cross_validate`] gives each row a probability
//! from a model fitted on the other folds (k folds, rows shuffled with a fixed
//! seed).

use crate::model::Reason;
use crate::model::Verdict;
use crate::verify::confidence::{ByReason, Features, Logistic, Params, DIM, NAMES};

/// L2 penalty on every weight but the bias.
pub const L2: f64 = 1.0;
/// Pseudo-rows pulling a reason's rate toward the pooled rate.
pub const PRIOR_ROWS: f64 = 2.0;
/// Folds of the cross-validation.
pub const FOLDS: usize = 5;
/// Seed of the fold shuffle.
pub const SEED: u64 = 6;

/// One training example: the features of a verdict and whether it was right.
#[derive(Clone, Copy, Debug)]
pub struct Example {
    pub features: Features,
    pub correct: bool,
}

/// Fit the full model on `examples`.
pub fn fit(examples: &[Example], note: &str) -> Params {
    let of = |v: Verdict| -> Vec<&Example> {
        examples
            .iter()
            .filter(|e| e.features.verdict == v)
            .collect()
    };
    Params {
        fitted: note.to_string(),
        supported: logistic(&of(Verdict::Supported)),
        contradicted: logistic(&of(Verdict::Contradicted)),
        unverifiable: by_reason(&of(Verdict::Unverifiable)),
        // Measured on the reference, not on the labelled rows: the caller's.
        stale: Default::default(),
    }
}

fn by_reason(examples: &[&Example]) -> ByReason {
    let right = examples.iter().filter(|e| e.correct).count() as f64;
    let pooled = (right + 1.0) / (examples.len() as f64 + 2.0);
    let mut out = ByReason::default();
    for r in Reason::ALL {
        let of: Vec<_> = examples
            .iter()
            .filter(|e| e.features.reason == Some(r))
            .collect();
        let k = of.iter().filter(|e| e.correct).count() as f64;
        let p = (k + PRIOR_ROWS * pooled) / (of.len() as f64 + PRIOR_ROWS);
        out.set(r, (p * 1e4).round() / 1e4);
    }
    out
}

fn logistic(examples: &[&Example]) -> Logistic {
    let xs: Vec<[f64; DIM]> = examples.iter().map(|e| e.features.vector()).collect();
    let ys: Vec<f64> = examples
        .iter()
        .map(|e| f64::from(u8::from(e.correct)))
        .collect();
    let mut w = [0.0; DIM];
    // Start the bias at the smoothed base rate.
    let base = (ys.iter().sum::<f64>() + 1.0) / (ys.len() as f64 + 2.0);
    w[0] = (base / (1.0 - base)).ln();
    // A tiny ridge on the bias keeps the system solvable when every
    // example is right.
    let lambda = |i: usize| if i == 0 { 1e-3 } else { L2 };
    // The penalised negative log-likelihood that each step must lower.
    let loss = |w: &[f64; DIM]| -> f64 {
        let fit: f64 = xs
            .iter()
            .zip(&ys)
            .map(|(x, y)| {
                let z = dot(w, x);
                // -log p for a right example, -log(1 - p) for a wrong one.
                softplus(if *y > 0.5 { -z } else { z })
            })
            .sum();
        fit + (0..DIM).map(|i| lambda(i) * w[i] * w[i] / 2.0).sum::<f64>()
    };
    for _ in 0..50 {
        let mut grad = [0.0; DIM];
        let mut hess = [[0.0; DIM]; DIM];
        for (x, y) in xs.iter().zip(&ys) {
            let p = crate::verify::confidence::sigmoid(dot(&w, x));
            for i in 0..DIM {
                grad[i] += (p - y) * x[i];
                for j in 0..DIM {
                    hess[i][j] += p * (1.0 - p) * x[i] * x[j];
                }
            }
        }
        for i in 0..DIM {
            grad[i] += lambda(i) * w[i];
            hess[i][i] += lambda(i);
        }
        let Some(step) = solve(hess, grad) else { break };
        // Newton's full step can overshoot when the examples are nearly
        // separable (almost every supported verdict right): it is halved
        // until the loss falls, so the weights never run away.
        let before = loss(&w);
        let mut t = 1.0;
        let next = loop {
            let mut next = w;
            for i in 0..DIM {
                next[i] -= t * step[i];
            }
            if loss(&next) <= before || t < 1e-6 {
                break next;
            }
            t /= 2.0;
        };
        let moved = (0..DIM).map(|i| (next[i] - w[i]).abs()).fold(0.0, f64::max);
        w = next;
        if moved < 1e-10 {
            break;
        }
    }
    // Round so the parameters file reads well and refits are stable.
    let w = w.map(|v| (v * 1e4).round() / 1e4);
    Logistic::from_weights(&w)
}

/// The weighted sum of a model's inputs.
fn dot(w: &[f64; DIM], x: &[f64; DIM]) -> f64 {
    w.iter().zip(x).map(|(w, x)| w * x).sum()
}

/// `ln(1 + e^z)`, without overflow.
fn softplus(z: f64) -> f64 {
    if z > 0.0 {
        z + (-z).exp().ln_1p()
    } else {
        z.exp().ln_1p()
    }
}

/// Solve `a x = b` by Gaussian elimination with partial pivoting.
fn solve(mut a: [[f64; DIM]; DIM], mut b: [f64; DIM]) -> Option<[f64; DIM]> {
    for col in 0..DIM {
        let pivot = (col..DIM).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        for row in col + 1..DIM {
            let f = a[row][col] / a[col][col];
            let pivot_row = a[col];
            for (x, p) in a[row][col..].iter_mut().zip(&pivot_row[col..]) {
                *x -= f * p;
            }
            b[row] -= f * b[col];
        }
    }
    let mut x = [0.0; DIM];
    for row in (0..DIM).rev() {
        let s: f64 = (row + 1..DIM).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - s) / a[row][row];
    }
    x.iter().all(|v| v.is_finite()).then_some(x)
}

/// The fold of each example: a seeded shuffle dealt round-robin.
pub fn folds(n: usize, k: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut state = seed;
    // Fisher-Yates with splitmix64.
    for i in (1..n).rev() {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        let j = (z % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    let mut fold = vec![0; n];
    for (pos, &i) in order.iter().enumerate() {
        fold[i] = pos % k;
    }
    fold
}

/// Each example's probability from a model fitted on the other folds.
pub fn cross_validate(examples: &[Example], k: usize, seed: u64) -> Vec<f64> {
    let fold = folds(examples.len(), k, seed);
    let mut out = vec![0.0; examples.len()];
    for f in 0..k {
        let train: Vec<Example> = examples
            .iter()
            .zip(&fold)
            .filter(|(_, &g)| g != f)
            .map(|(e, _)| *e)
            .collect();
        let params = fit(&train, "");
        for (i, e) in examples.iter().enumerate() {
            if fold[i] == f {
                out[i] = params.score(&e.features);
            }
        }
    }
    out
}

/// The parameters file: a comment on how it was made, then the TOML.
pub fn to_toml(params: &Params) -> String {
    let mut out = String::from(
        "# Confidence model parameters, read by src/verify/confidence.rs.\n\
         # Written by `claimcheck eval --fit`; do not edit by hand, refit instead.\n\
         # Inputs of the logistic models: ",
    );
    out.push_str(&NAMES.join(", "));
    out.push('\n');
    out.push_str(&toml::to_string(params).expect("parameters serialize"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{QuantityKind, Reason};
    use crate::verify::confidence::TargetKind;

    fn example(verdict: Verdict, margin: f64, correct: bool) -> Example {
        Example {
            features: Features {
                verdict,
                reason: None,
                target: TargetKind::Value,
                central: true,
                margin,
                entity_score: 1.0,
                strong_metric: true,
                stale: false,
                still_right: 1.0,
                sources_disagree: false,
                kind: Some(QuantityKind::Exact),
                from_article: false,
            },
            correct,
        }
    }

    #[test]
    fn folds_are_balanced_and_deterministic() {
        let f = folds(373, 5, SEED);
        assert_eq!(f, folds(373, 5, SEED));
        for k in 0..5 {
            let n = f.iter().filter(|&&g| g == k).count();
            assert!((74..=75).contains(&n), "{n}");
        }
    }

    #[test]
    fn larger_gaps_fit_surer_contradictions() {
        let mut xs = Vec::new();
        for i in 0..40 {
            let margin = i as f64 / 4.0;
            xs.push(example(
                Verdict::Contradicted,
                margin,
                margin > 2.0 || i % 3 == 0,
            ));
        }
        let p = fit(&xs, "test");
        let near = p.score(&example(Verdict::Contradicted, 0.1, true).features);
        let far = p.score(&example(Verdict::Contradicted, 8.0, true).features);
        assert!(near < far, "{near} {far}");
        let toml = to_toml(&p);
        assert_eq!(Params::parse(&toml).unwrap().contradicted, p.contradicted);
    }

    #[test]
    fn reason_rates_are_shrunk() {
        let mut e = example(Verdict::Unverifiable, 0.0, true);
        e.features.reason = Some(Reason::NoMetric);
        let p = fit(&[e], "");
        let r = p.unverifiable.no_metric;
        assert!(r > 0.5 && r < 1.0, "{r}");
    }
}
