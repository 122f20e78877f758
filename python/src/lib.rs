//! `claimcheck._claimcheck`: the compiled half of the Python package, a thin
//! skin over [`claimcheck::checker::Checker`].
//!
//! It takes JSON Lines text and gives back the `--format jsonl` lines and the
//! input problems as plain Python values; `python/claimcheck/__init__.py`
//! turns dicts into lines and lines into dicts, and raises `InputError`. It
//! must never let a panic reach Python (a `PanicException` is not an
//! `Exception`, so a notebook's `except Exception` would not catch it): a
//! panic becomes a `RuntimeError` that asks for a bug report. Checking runs
//! with the interpreter detached, so Python threads check in parallel.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use claimcheck::app::{errors_jsonl, problems_of, AppError};
use claimcheck::checker::{Checker as Inner, CheckerOptions};
use claimcheck::model::Problem;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;

pyo3::create_exception!(
    _claimcheck,
    OpenError,
    PyValueError,
    "A reference folder (or as-of date) that could not be used: args[0] lists its problems as --errors lines."
);

/// Problems as the Python side takes them: each the JSON object that
/// `claimcheck check --errors FILE` writes for it, one a line.
fn error_lines(problems: &[Problem]) -> Vec<String> {
    errors_jsonl(problems).lines().map(str::to_string).collect()
}

/// What stopped [`Inner::open`]: a reference folder's first error with its
/// file, line and hint (and how to list the others), or a bad `as_of`,
/// worded for Python rather than for the command line.
fn open_problems(e: &AppError) -> Vec<Problem> {
    let mut problems = problems_of(e);
    let Some(first) = problems.first_mut() else {
        return problems;
    };
    match e {
        AppError::Reference { dir, count, .. } if *count > 1 => {
            first.hint = format!(
                "{} ({count} problems in {dir} in all: `claimcheck reference validate {dir}` lists them)",
                first.hint
            );
        }
        AppError::Usage(message) => {
            if let Some(rest) = message.strip_prefix("--as-of: ") {
                first.message = format!("as_of: {rest}");
                first.hint = "give as_of as a str (YYYY-MM-DD, YYYY-MM or YYYY) or a datetime.date, or None for today".to_string();
            } else {
                first.hint = String::new();
            }
        }
        _ => {}
    }
    problems
}

/// The `RuntimeError` a caught panic becomes.
fn internal_error(what: &str, payload: Box<dyn std::any::Any + Send>) -> PyErr {
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".to_string());
    PyRuntimeError::new_err(format!(
        "claimcheck failed while {what} (an internal error: please report it with the input): {message}"
    ))
}

/// A loaded reference index that checks JSON Lines text.
#[pyclass(frozen, module = "claimcheck._claimcheck", name = "Checker")]
struct Checker {
    inner: Inner,
}

#[pymethods]
impl Checker {
    #[new]
    #[pyo3(signature = (reference, as_of, jobs))]
    fn new(
        py: Python<'_>,
        reference: Option<PathBuf>,
        as_of: Option<String>,
        jobs: usize,
    ) -> PyResult<Checker> {
        let opts = CheckerOptions {
            reference,
            as_of,
            jobs,
        };
        let opened = py.detach(|| catch_unwind(AssertUnwindSafe(|| Inner::open(&opts))));
        match opened {
            Ok(Ok(inner)) => Ok(Checker { inner }),
            Ok(Err(e)) => Err(OpenError::new_err((error_lines(&open_problems(&e)),))),
            Err(panic) => Err(internal_error("loading the reference data", panic)),
        }
    }

    /// The reference data's content hash.
    #[getter]
    fn snapshot(&self) -> String {
        self.inner.snapshot().to_string()
    }

    /// The run's as-of date (ISO).
    #[getter]
    fn as_of(&self) -> String {
        self.inner.as_of()
    }

    /// Check JSON Lines `text`, read as the input `name`: the `--format
    /// jsonl` lines, and the `--errors` lines of the input problems.
    fn check_jsonl(
        &self,
        py: Python<'_>,
        name: String,
        text: String,
    ) -> PyResult<(Vec<String>, Vec<String>)> {
        // Owned strings: with the stable ABI of Python 3.9 a `str` cannot be
        // borrowed as UTF-8; the copy costs far less than the check.
        let checked = py.detach(|| {
            catch_unwind(AssertUnwindSafe(|| {
                let r = self.inner.check_jsonl(&name, &text);
                (r.lines, error_lines(&r.problems))
            }))
        });
        checked.map_err(|panic| internal_error("checking", panic))
    }
}

#[pymodule]
fn _claimcheck(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", claimcheck::VERSION)?;
    m.add_class::<Checker>()?;
    m.add("OpenError", m.py().get_type::<OpenError>())?;
    Ok(())
}
