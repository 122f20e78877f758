//! `claimcheck check --errors FILE`: the input problems of a run as JSON
//! Lines, for a pipeline that must not lose them in a log. Takes the
//! problems (or the error that stopped the run); gives the file's text, one
//! object per problem, in the order standard error shows them:
//!
//! ```json
//! {"file":"<stdin>","line":4,"column":null,"severity":"error","problem":"not valid JSON: ...","hint":"write one JSON object per line"}
//! ```
//!
//! `line` and `column` are 1-based, `null` when not known (problems carry
//! no column yet). The binary writes the file; this module only words it.

use serde::Serialize;

use super::super::AppError;
use crate::model::{Problem, Severity};

/// One line of the file.
#[derive(Serialize)]
struct Line<'a> {
    file: &'a str,
    line: Option<u64>,
    column: Option<u64>,
    severity: &'static str,
    problem: &'a str,
    hint: &'a str,
}

/// The file's text: one JSON object and a newline per problem; empty for
/// none.
pub fn errors_jsonl(problems: &[Problem]) -> String {
    let mut out = String::new();
    for p in problems {
        let line = Line {
            file: &p.file,
            line: p.line,
            column: None,
            severity: match p.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            problem: &p.message,
            hint: &p.hint,
        };
        out.push_str(&serde_json::to_string(&line).expect("strings and numbers serialize"));
        out.push('\n');
    }
    out
}

/// The problems an error that stopped a check stands for: the faulty
/// input's, or (a usage error) one with no file.
pub fn problems_of(e: &AppError) -> Vec<Problem> {
    match e {
        AppError::Input(p) => vec![p.clone()],
        AppError::Reference { first, .. } => vec![(**first).clone()],
        AppError::Usage(m) => vec![Problem::new(
            "",
            None,
            m.clone(),
            "see claimcheck check --help",
        )],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_object_per_problem() {
        let problems = [
            Problem::new("a.jsonl", Some(3), "bad \"x\"", "fix it"),
            Problem::warning("r/x.csv", None, "odd", "look"),
        ];
        let text = errors_jsonl(&problems);
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["line"], 3);
        assert_eq!(lines[0]["problem"], "bad \"x\"");
        assert_eq!(lines[0]["severity"], "error");
        assert_eq!(lines[1]["severity"], "warning");
        assert!(lines[1]["line"].is_null() && lines[1]["column"].is_null());
        assert_eq!(errors_jsonl(&[]), "");
    }
}
