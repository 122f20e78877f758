//! `claimcheck explain [CODE]`: what a verdict or a reason code means and
//! what to do about it, from the texts of [`crate::explain`]; with no code,
//! every code and its summary; `--markdown`, all of them as docs/reasons.md.

use super::{AppError, Done, Outcome};
use crate::explain;

/// `claimcheck explain`: one code's text, the list of codes, or (with
/// `markdown`) docs/reasons.md. An unknown code is a usage error naming
/// the nearest known one.
pub fn explain_code(code: Option<&str>, markdown: bool) -> Result<Done, AppError> {
    let output = match (code, markdown) {
        (_, true) => explain::markdown(),
        (None, false) => explain::list(),
        (Some(code), false) => match explain::lookup(code) {
            Some((kind, entry)) => explain::text(kind, entry),
            None => {
                let near = explain::nearest(code)
                    .map(|c| format!("did you mean `{c}`? "))
                    .unwrap_or_default();
                return Err(AppError::Usage(format!(
                    "unknown verdict or reason code {code:?}\n  hint: {near}`claimcheck explain` lists every code: {}",
                    explain::codes().join(", ")
                )));
            }
        },
    };
    Ok(Done {
        output,
        body: None,
        problems: Vec::new(),
        notes: Vec::new(),
        outcome: Outcome::Pass,
    })
}
