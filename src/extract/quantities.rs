//! Finding quantity phrases inside a sentence: where each begins and ends.
//!
//! One pass of the normalizer's grammar over the text (a hand-written
//! tokenizer, no regular expressions), so every phrase found here reads
//! exactly as `normalize` would read it alone. Dates ("November 11, 2017",
//! "in 1987") are found too: the caller uses them as time context, not as
//! claims. Never fails: a phrase that looks like a quantity but cannot be
//! read comes back with its error.

use std::ops::Range;

use crate::model::Quantity;
use crate::normalize::{grammar, Context, Lowered, NormalizeError};

/// One quantity phrase found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// Byte range of the phrase in the text given to [`find`].
    pub range: Range<usize>,
    /// The phrase's reading (an error when it looked like a quantity but could
    /// not be read: the claim is then reported as unverifiable).
    pub quantity: Result<Quantity, NormalizeError>,
}

/// Every quantity phrase in `text`, in order, non-overlapping.
pub fn find(text: &str, ctx: &Context) -> Vec<Found> {
    find_lowered(&Lowered::new(text), ctx)
}

/// [`find`] in a text whose lowercase copy is already made (the extractor
/// shares it with other stages).
pub fn find_lowered(text: &Lowered, ctx: &Context) -> Vec<Found> {
    grammar::scan_lowered(text, ctx)
        .into_iter()
        .map(|(range, quantity)| Found { range, quantity })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::QuantityKind;
    use crate::normalize::Config;

    fn phrases(text: &str) -> Vec<(String, Option<QuantityKind>)> {
        let config = Config::default();
        let ctx = Context {
            as_of: jiff::civil::date(2017, 11, 11),
            config: &config,
        };
        find(text, &ctx)
            .into_iter()
            .map(|f| (text[f.range].to_string(), f.quantity.ok().map(|q| q.kind)))
            .collect()
    }

    #[test]
    fn finds_in_order() {
        let cases: &[(&str, &[&str])] = &[
            (
                "The conflict is now in its sixth year, has caused hundreds of thousands of deaths and wounded nearly two million.",
                &["now in its sixth year", "hundreds of thousands", "nearly two million"],
            ),
            ("He had two or three very short conversations.", &["two or three"]),
            ("in last year's elections", &["last year"]),
            ("aboard Air Force One as he flew", &[]),
            ("the two leaders met", &[]),
            ("Danang, Vietnam November 11, 2017.", &["November 11, 2017"]),
            ("arrivals were 155,221 bags of 60 kilos", &["155,221", "60"]),
            ("exports rose 5.93 mln dlrs, or 4.1 pct, in 1986", &["5.93 mln dlrs", "4.1 pct", "1986"]),
            ("won 3-1 at 10:30 after COVID-19 hit the G20", &[]),
            ("prices rose to 340 to 350 cruzados", &["340 to 350"]),
            ("between 400,000 and 500,000 people", &["between 400,000 and 500,000"]),
            ("one of the largest", &[]),
            ("1. First item\n2) second", &[]),
            ("earned 700 mln dlrs a year, five days a week", &["700 mln dlrs", "five days"]),
            ("profit was 5 mln dlrs a year earlier", &["5 mln dlrs"]),
            ("for a year; more than a decade ago", &["a year", "more than a decade ago"]),
        ];
        for (text, want) in cases {
            let got: Vec<String> = phrases(text).into_iter().map(|p| p.0).collect();
            assert_eq!(&got, want, "in {text:?}");
        }
    }
}
