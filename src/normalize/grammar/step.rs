//! What a rule of the grammar gives: a [`Step`], either a quantity (or an
//! unreadable phrase) over a run of tokens, or tokens that look numeric but
//! are no quantity and are passed over; and [`Hit`], a phrase as the scan
//! hands it on. Reads no phrase itself.

use std::ops::Range;

use crate::model::Quantity;
use crate::normalize::lexer::Toks;
use crate::normalize::NormalizeError;

/// One quantity phrase: its byte range and its reading.
pub(crate) type Hit = (Range<usize>, Result<Quantity, NormalizeError>);

pub(super) enum Step {
    /// A quantity over tokens `start..end`.
    Emit {
        start: usize,
        end: usize,
        q: Result<Quantity, NormalizeError>,
    },
    /// Tokens up to `end` look numeric but are not a quantity.
    Skip(usize),
}

pub(super) fn emit(start: usize, end: usize, q: Option<Quantity>) -> Option<Step> {
    q.map(|q| Step::Emit {
        start,
        end,
        q: Ok(q),
    })
}

pub(super) fn unreadable(t: &Toks, start: usize, end: usize, detail: &str) -> NormalizeError {
    let s = t.v.get(start).map(|x| x.start).unwrap_or(0);
    let e = t.v.get(end.saturating_sub(1)).map(|x| x.end).unwrap_or(s);
    NormalizeError::Unreadable {
        phrase: t.text.get(s..e).unwrap_or("").to_string(),
        detail: detail.to_string(),
    }
}
