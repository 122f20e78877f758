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

use claimcheck::app::AppError;
use claimcheck::checker::{Checker as Inner, CheckerOptions};
use claimcheck::model::Problem;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;

pyo3::create_exception!(
    _claimcheck,
    OpenError,
    PyValueError,
    "A reference folder that could not be loaded: args[0] lists its problems."
);

/// A problem as the Python side takes it: (file, line, message, hint,
/// severity).
type PyProblem = (String, Option<u64>, String, String, &'static str);

fn py_problem(p: &Problem) -> PyProblem {
    (
        p.file.clone(),
        p.line,
        p.message.clone(),
        p.hint.clone(),
        if p.is_error() { "error" } else { "warning" },
    )
}

/// What stopped [`Inner::open`], as one problem: a reference folder's first
/// error with its file, line and hint (and how to list the others), or a
/// bad `as_of`.
fn open_problem(e: &AppError) -> PyProblem {
    match e {
        AppError::Reference { dir, count, first } => {
            let mut p = py_problem(first);
            if *count > 1 {
                p.3 = format!(
                    "{} ({count} problems in {dir} in all: `claimcheck reference validate {dir}` lists them)",
                    p.3
                );
            }
            p
        }
        AppError::Input(p) => py_problem(p),
        AppError::Usage(message) => (String::new(), None, message.clone(), String::new(), "error"),
    }
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
            Ok(Err(e)) => Err(OpenError::new_err((vec![open_problem(&e)],))),
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
    /// jsonl` lines and the input problems.
    fn check_jsonl(
        &self,
        py: Python<'_>,
        name: String,
        text: String,
    ) -> PyResult<(Vec<String>, Vec<PyProblem>)> {
        // Owned strings: with the stable ABI of Python 3.9 a `str` cannot be
        // borrowed as UTF-8; the copy costs far less than the check.
        let checked = py.detach(|| {
            catch_unwind(AssertUnwindSafe(|| {
                let r = self.inner.check_jsonl(&name, &text);
                let problems = r.problems.iter().map(py_problem).collect::<Vec<_>>();
                (r.lines, problems)
            }))
        });
        checked.map_err(|panic| internal_error("checking", panic))
    }
}

/// The claimcheck library's version: the one its reports carry (and
/// `claimcheck --version` prints).
fn library_version() -> String {
    let date = jiff::civil::date(2000, 1, 1);
    claimcheck::model::Report::new(date, None, Vec::new()).claimcheck_version
}

#[pymodule]
fn _claimcheck(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", library_version())?;
    m.add_class::<Checker>()?;
    m.add("OpenError", m.py().get_type::<OpenError>())?;
    Ok(())
}
