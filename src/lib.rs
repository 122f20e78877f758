//! claimcheck: extract quantity claims from news text, normalize them into
//! intervals, match them against reference CSV datasets and report a verdict,
//! a confidence and the evidence for each.
//!
//! One module per pipeline stage:
//! `ingest` → `extract` → `normalize` → `resolve` → `verify` → `report`,
//! sharing the nouns of [`model`].

/// The version of claimcheck, as its reports carry it and `claimcheck
/// --version` prints it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

pub mod app;
pub mod baseline;
pub mod checker;
pub mod config;
pub mod eval;
pub mod explain;
pub mod extract;
pub mod ingest;
pub mod model;
pub mod normalize;
pub mod pipeline;
pub mod policy;
pub mod report;
pub mod resolve;
#[cfg(test)]
mod testing;
pub mod util;
pub mod verify;
