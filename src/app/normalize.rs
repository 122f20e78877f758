//! `claimcheck normalize "PHRASE"`: one phrase through the quantity
//! grammar, printed as a line for people or as the JSON of its quantity.

use super::{as_of, configured_normalize, AppError, Done, Outcome};
use crate::model::Problem;
use crate::normalize;

/// Output format of `claimcheck normalize`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum NormalizeFormat {
    Text,
    Json,
}

/// `claimcheck normalize "PHRASE"`.
pub fn normalize_phrase(
    phrase: &str,
    as_of_option: Option<&str>,
    format: NormalizeFormat,
) -> Result<Done, AppError> {
    let (as_of, _) = as_of(as_of_option)?;
    let config = configured_normalize()?;
    let ctx = normalize::Context {
        as_of,
        config: &config,
    };
    match normalize::normalize(phrase, &ctx) {
        Ok(q) => {
            let output = match format {
                NormalizeFormat::Json => format!("{}\n", serde_json::to_string(&q).expect("quantity serializes")),
                NormalizeFormat::Text => {
                    let point = q.point.map(|p| format!(", point {}", crate::util::numfmt::grouped(p))).unwrap_or_default();
                    format!("{}  {} {}{point} ({})\n", phrase.trim(), q.interval, q.unit, q.kind.as_str())
                }
            };
            Ok(Done {
                body: None,
            notes: Vec::new(), output, problems: Vec::new(), outcome: Outcome::Pass })
        }
        Err(e) => Ok(Done {
            body: None,
            notes: Vec::new(),
            output: String::new(),
            problems: vec![Problem::new("<phrase>", None, e.to_string(), "give a phrase with a number, e.g. \"nearly two million\" or \"now in its sixth year\"")],
            outcome: Outcome::InputError,
        }),
    }
}
