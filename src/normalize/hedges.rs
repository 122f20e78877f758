//! The data half of the grammar: hedge phrases and vague quantities, read
//! from `hedges.toml` (embedded; a user may supply their own).

use serde::Deserialize;

/// How a hedge bends the figure after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HedgeKind {
    /// "nearly": [X·(1-s), X]
    Below,
    /// "about": [X·(1-s), X·(1+s)]
    Around,
    /// "more than": (X, …)
    LowerOpen,
    /// "at least": [X, …)
    LowerClosed,
    /// "fewer than": (…, X)
    UpperOpen,
    /// "up to": (…, X]
    UpperClosed,
    /// "exactly", "equals", "=": the figure itself, with no rounding.
    Exact,
}

/// One hedge phrase, as lowercase words.
#[derive(Clone, Debug, PartialEq)]
pub struct Hedge {
    pub words: Vec<String>,
    pub kind: HedgeKind,
}

/// One vague quantity phrase and the interval it stands for.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vague {
    pub phrase: String,
    pub low: f64,
    pub high: f64,
    #[serde(default)]
    pub high_closed: bool,
    #[serde(skip)]
    pub words: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct HedgeLists {
    #[serde(default)]
    pub approx_below: Vec<String>,
    #[serde(default)]
    pub approx_around: Vec<String>,
    #[serde(default)]
    pub lower_open: Vec<String>,
    #[serde(default)]
    pub lower_closed: Vec<String>,
    #[serde(default)]
    pub upper_open: Vec<String>,
    #[serde(default)]
    pub upper_closed: Vec<String>,
    #[serde(default)]
    pub exact: Vec<String>,
}

impl HedgeLists {
    /// All phrases with their kind, longest first so the longest match wins.
    pub fn compile(&self) -> Vec<Hedge> {
        let mut out = Vec::new();
        for (list, kind) in [
            (&self.approx_below, HedgeKind::Below),
            (&self.approx_around, HedgeKind::Around),
            (&self.lower_open, HedgeKind::LowerOpen),
            (&self.lower_closed, HedgeKind::LowerClosed),
            (&self.upper_open, HedgeKind::UpperOpen),
            (&self.upper_closed, HedgeKind::UpperClosed),
            (&self.exact, HedgeKind::Exact),
        ] {
            for p in list {
                out.push(Hedge {
                    words: words(p),
                    kind,
                });
            }
        }
        out.retain(|h| !h.words.is_empty());
        out.sort_by_key(|h| std::cmp::Reverse(h.words.len()));
        out
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct File {
    pub slack_below: f64,
    pub slack_around: f64,
    #[serde(default)]
    pub hedges: HedgeLists,
    #[serde(default)]
    pub postfix: HedgeLists,
    #[serde(default)]
    pub vague: Vec<Vague>,
}

/// A phrase as lowercase words.
pub fn words(phrase: &str) -> Vec<String> {
    phrase
        .split_whitespace()
        .map(|w| w.to_ascii_lowercase())
        .collect()
}
