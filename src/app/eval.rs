//! `claimcheck eval`: the verdicts measured on a labelled claim file
//! against floors; with `--fit`, the confidence parameters fitted on it
//! and written out.

use std::path::PathBuf;

use super::{load_reference, AppError, Done, Outcome};
use crate::ingest;
use crate::model::Problem;

/// Output format of `claimcheck eval`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum EvalFormat {
    Text,
    Json,
}

/// Options of `claimcheck eval`.
#[derive(Debug)]
pub struct EvalOptions {
    /// The labelled claim file.
    pub file: PathBuf,
    pub reference: PathBuf,
    pub format: EvalFormat,
    pub floors: crate::eval::Floors,
    /// Where `--fit` writes the fitted confidence parameters; `None`: no fit.
    pub fit: Option<PathBuf>,
}

/// What `claimcheck eval` measured, for callers that want the figures.
pub fn eval_metrics(
    opts: &EvalOptions,
) -> Result<Result<(crate::eval::Metrics, crate::verify::confidence::Params), Vec<Problem>>, AppError>
{
    use crate::eval::{self, fit};
    let name = ingest::display_path(&opts.file);
    let text = std::fs::read_to_string(&opts.file).map_err(|e| {
        AppError::Usage(format!(
            "cannot read the labelled claim file {name}: {e} (give a CSV with id,text,as_of,expected_verdict,phrase_kind,note)"
        ))
    })?;
    let rows = match eval::read_labelled(&name, &text) {
        Ok(r) => r,
        Err(problems) => return Ok(Err(problems)),
    };
    let index = load_reference(&opts.reference)?;
    let outcomes = eval::run(&rows, &index);
    let examples: Vec<fit::Example> = outcomes
        .iter()
        .map(|o| fit::Example {
            features: o.features,
            correct: o.correct(),
        })
        .collect();
    let cv = fit::cross_validate(&examples, fit::FOLDS, fit::SEED);
    let metrics = eval::Metrics::of(&outcomes, &cv, opts.floors);
    let note = format!(
        "claimcheck eval --fit on {name} ({} rows, reference {}): logistic per verdict, L2 {}, {} folds, seed {}; cross-validated Brier {:.4}, ECE {:.4}",
        rows.len(),
        ingest::display_path(&opts.reference),
        fit::L2,
        fit::FOLDS,
        fit::SEED,
        metrics.calibration.brier,
        metrics.calibration.ece
    );
    Ok(Ok((metrics, fit::fit(&examples, &note))))
}

/// `claimcheck eval`: measure the verdicts on a labelled set; exit 1 when a
/// floor is not met. With `--fit`, also write the fitted confidence
/// parameters.
pub fn eval(opts: &EvalOptions) -> Result<Done, AppError> {
    let (metrics, params) = match eval_metrics(opts)? {
        Ok(x) => x,
        Err(problems) => {
            return Ok(Done {
                notes: Vec::new(),
                output: String::new(),
                problems,
                outcome: Outcome::InputError,
            })
        }
    };
    if let Some(path) = &opts.fit {
        std::fs::write(path, crate::eval::fit::to_toml(&params)).map_err(|e| {
            AppError::Usage(format!(
                "cannot write the confidence parameters to {}: {e}",
                path.display()
            ))
        })?;
    }
    let output = match opts.format {
        EvalFormat::Text => crate::eval::render::text(&metrics),
        EvalFormat::Json => crate::eval::render::json(&metrics),
    };
    Ok(Done {
        notes: Vec::new(),
        output,
        problems: Vec::new(),
        outcome: if metrics.passed() {
            Outcome::Pass
        } else {
            Outcome::Fail
        },
    })
}
