//! policy: which findings fail a run (the exit code of editorial CI).

use crate::model::{Finding, Verdict};

/// What makes `claimcheck check` exit 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// A contradicted claim fails the run.
    #[default]
    Contradicted,
    /// A contradicted or unverifiable claim fails the run.
    Unverifiable,
    /// Nothing fails the run.
    Never,
}

/// The fail policy: which verdicts fail, and how sure a verdict must be to count.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Policy {
    pub fail_on: FailOn,
    pub min_confidence: f64,
}

impl Policy {
    /// Whether this finding fails the run. Ignored claims (an ignore marker
    /// with a reason) never do.
    pub fn fails(&self, f: &Finding) -> bool {
        if f.ignored.is_some() || f.confidence < self.min_confidence {
            return false;
        }
        match (self.fail_on, f.verdict) {
            (FailOn::Never, _) => false,
            (_, Verdict::Contradicted) => true,
            (FailOn::Unverifiable, Verdict::Unverifiable) => true,
            _ => false,
        }
    }
}
