//! normalize: one quantity phrase in, one [`Quantity`] out.
//!
//! Takes the words of a phrase ("nearly two million", "now in its sixth year",
//! "last year") and the as-of date, gives the interval the phrase commits to,
//! its point estimate, unit and kind, following DESIGN.md's semantics table.
//! Pure functions, no I/O; hedge slack and word lists are data
//! (`hedges.toml`), loaded into a [`Config`].

use crate::model::{Date, Quantity};

/// Word lists and slack the grammar uses. Built from `hedges.toml` (embedded);
/// a user may replace it.
#[derive(Clone, Debug)]
pub struct Config {
    /// Relative slack of "nearly"/"almost": [X·(1-slack), X].
    pub slack_below: f64,
    /// Relative slack of "about"/"some"/"roughly": [X·(1-slack), X·(1+slack)].
    pub slack_around: f64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            slack_below: 0.10,
            slack_around: 0.10,
        }
    }
}

/// What a phrase is read against.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// The date relative phrases ("last year") are anchored to.
    pub as_of: Date,
    pub config: &'a Config,
}

/// Why a phrase could not be read as a quantity.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum NormalizeError {
    #[error("no number in \"{0}\"")]
    NoNumber(String),
    #[error("cannot read \"{phrase}\" as a quantity: {detail}")]
    Unreadable { phrase: String, detail: String },
}

/// Read one phrase as a quantity.
pub fn normalize(phrase: &str, ctx: &Context) -> Result<Quantity, NormalizeError> {
    let _ = ctx;
    Err(NormalizeError::NoNumber(phrase.to_string()))
}
