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
    /// The labelled files (claims, metrics or reuters shape), measured together.
    pub files: Vec<PathBuf>,
    /// The archive a Reuters-shape file points into.
    pub archive: PathBuf,
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
    use crate::eval::{self, fit, load};
    let loaded = match load::load(&opts.files, &opts.archive) {
        Ok(l) => l,
        Err(load::LoadError::Unreadable(m)) => return Err(AppError::Usage(m)),
        Err(load::LoadError::Problems(p)) => return Ok(Err(p)),
    };
    if loaded.rows.is_empty() {
        return Err(AppError::Usage(format!(
            "{}; no labelled rows left to measure",
            loaded.skipped.join("; ")
        )));
    }
    let index = load_reference(&opts.reference)?;
    let outcomes = eval::run(&loaded.rows, &index);
    let names: Vec<&str> = loaded.files.iter().map(|f| f.file.as_str()).collect();
    let (mut metrics, params) = eval::measure(&outcomes, &index, opts.floors, |m| {
        format!(
            "claimcheck eval --fit on {} ({} rows, reference {}): logistic per verdict, L2 {}, {} folds, seed {}; cross-validated Brier {:.4}, ECE {:.4}",
            names.join(", "),
            loaded.rows.len(),
            ingest::display_path(&opts.reference),
            fit::L2,
            fit::FOLDS,
            fit::SEED,
            m.calibration.brier,
            m.calibration.ece
        )
    });
    metrics.files = loaded.files;
    metrics.skipped = loaded.skipped;
    Ok(Ok((metrics, params)))
}

/// `claimcheck eval`: measure the verdicts on a labelled set; exit 1 when a
/// floor is not met. With `--fit`, also write the fitted confidence
/// parameters.
pub fn eval(opts: &EvalOptions) -> Result<Done, AppError> {
    let (metrics, params) = match eval_metrics(opts)? {
        Ok(x) => x,
        Err(problems) => {
            return Ok(Done {
                body: None,
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
        body: None,
        notes: metrics.skipped.clone(),
        output,
        problems: Vec::new(),
        outcome: if metrics.passed() {
            Outcome::Pass
        } else {
            Outcome::Fail
        },
    })
}
