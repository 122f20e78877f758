//! `--format claimreview`: schema.org `ClaimReview` JSON-LD, one object per
//! checked claim (supported or contradicted; an unverifiable claim was not
//! reviewed), in a JSON array that a publisher can embed or index.
//!
//! A claim the newsroom set aside is not published as a rating: an ignored
//! claim (an ignore marker or an `ignore` cell) and a baselined one (accepted
//! in a `--baseline` file) are left out, whatever their verdict.
//!
//! The rating uses schema.org's numeric scale with a name: 5 "Supported",
//! 1 "Contradicted". The reference rows behind a verdict are its citations.
//! The claim's appearance is its document, with the text's web address as
//! `url` when it has an http(s) one.

use serde_json::{json, Value};

use crate::model::{Report, Verdict};

use super::RenderError;

pub(super) fn render(report: &Report) -> Result<String, RenderError> {
    let reviews: Vec<Value> = report
        .claims
        .iter()
        .filter(|f| f.verdict != Verdict::Unverifiable && f.ignored.is_none() && !f.baselined)
        .map(|f| {
            let (value, name) = match f.verdict {
                Verdict::Supported => (5, "Supported"),
                _ => (1, "Contradicted"),
            };
            let citations: Vec<Value> = f
                .evidence
                .iter()
                .map(|e| {
                    let mut c = json!({
                        "@type": "Dataset",
                        "name": format!("{} ({}:{})", e.dataset, e.file, e.line),
                        "creator": {"@type": "Organization", "name": e.source},
                    });
                    if super::is_web_url(&e.url) {
                        c["url"] = json!(e.url);
                    }
                    c
                })
                .collect();
            let mut appearance = json!({"@type": "CreativeWork", "name": f.document});
            if let Some(url) = f.url.as_deref().filter(|u| super::is_web_url(u)) {
                appearance["url"] = json!(url);
            }
            json!({
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "identifier": f.id,
                "claimReviewed": f.sentence,
                "itemReviewed": {
                    "@type": "Claim",
                    "name": f.text,
                    "appearance": appearance,
                },
                "reviewRating": {
                    "@type": "Rating",
                    "ratingValue": value,
                    "bestRating": 5,
                    "worstRating": 1,
                    "alternateName": name,
                },
                "reviewBody": f.explanation,
                "datePublished": report.as_of,
                "author": {"@type": "Organization", "name": "claimcheck"},
                "citation": citations,
            })
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&reviews)?;
    out.push('\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::report::{fixture, render, Format, RenderOptions};

    #[test]
    fn one_review_per_checked_claim() {
        let r = fixture::report();
        let out = render(&r, Format::Claimreview, &RenderOptions::default()).unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let reviews = v.as_array().unwrap();
        let checked = r
            .claims
            .iter()
            .filter(|f| f.verdict != crate::model::Verdict::Unverifiable)
            .count();
        assert_eq!(reviews.len(), checked);
        for (review, f) in reviews.iter().zip(
            r.claims
                .iter()
                .filter(|f| f.verdict != crate::model::Verdict::Unverifiable),
        ) {
            assert_eq!(review["@type"], "ClaimReview");
            assert_eq!(review["@context"], "https://schema.org");
            assert_eq!(review["claimReviewed"], &*f.sentence);
            assert_eq!(
                review["reviewRating"]["alternateName"],
                if f.verdict == crate::model::Verdict::Supported {
                    "Supported"
                } else {
                    "Contradicted"
                }
            );
            assert_eq!(
                review["citation"].as_array().unwrap().len(),
                f.evidence.len()
            );
        }
        assert_eq!(
            reviews[0]["itemReviewed"]["appearance"]["url"],
            "https://example.org/news/syria?a=1&b=2"
        );
        assert!(reviews[1]["itemReviewed"]["appearance"]
            .get("url")
            .is_none());
    }

    #[test]
    fn ignored_and_baselined_claims_are_not_published() {
        let mut r = fixture::report();
        r.claims[0].ignored = Some("court filing".into());
        r.claims[1].baselined = true;
        let out = render(&r, Format::Claimreview, &RenderOptions::default()).unwrap();
        assert_eq!(out, "[]\n");
    }
}
