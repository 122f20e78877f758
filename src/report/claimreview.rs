//! `--format claimreview`: schema.org `ClaimReview` JSON-LD, one object per
//! checked claim (supported or contradicted; an unverifiable claim was not
//! reviewed), in a JSON array that a publisher can embed or index, with the
//! fields Google's fact-check guidelines require (`claimReviewed`,
//! `reviewRating` with `alternateName`, `url`) and those it recommends
//! when they are known (`author`, `datePublished`, `itemReviewed` with
//! `appearance` and `datePublished`).
//!
//! A claim the newsroom set aside is not published as a rating: an ignored
//! claim (an ignore marker or an `ignore` cell) and a baselined one (accepted
//! in a `--baseline` file) are left out, whatever their verdict. So is a
//! claim whose text has no http(s) web address (an article's front-matter
//! `url`, a claim row's `url`): the review's `url` is the page that
//! publishes it, which Google requires; the CLI says how many were left out.
//!
//! - `url`: the text's web address.
//! - `author`: the publisher, `publisher_name` and `publisher_url` in
//!   claimcheck.toml ([`Publisher`]); "claimcheck" only when no name is set.
//! - `datePublished` (of the review, and of the claim and its appearance):
//!   the article's front-matter `date`; left out when there is none, never
//!   the date of the run.
//! - `itemReviewed.appearance`: a `CreativeWork` with the text's `url`, and
//!   the article's `title` as `name` when it has one (never a file path).
//! - The rating uses schema.org's numeric scale with a name: 5 "Supported",
//!   1 "Contradicted". The reference rows behind a verdict are its citations.
//!
//! [`Publisher`]: super::Publisher

use std::collections::HashMap;

use serde_json::{json, Value};

use crate::model::{Finding, Report, Verdict};

use super::{is_web_url, Article, ConsumerOptions, RenderError};

/// Whether a finding is a checked claim the newsroom has not set aside.
fn reviewed(f: &Finding) -> bool {
    f.verdict != Verdict::Unverifiable && f.ignored.is_none() && !f.baselined
}

/// The text's web address, when it has an http(s) one.
fn web_url(f: &Finding) -> Option<&str> {
    f.url.as_deref().filter(|u| is_web_url(u))
}

/// How many checked claims are left out for want of a web address.
pub(crate) fn without_url(report: &Report) -> usize {
    report
        .claims
        .iter()
        .filter(|f| reviewed(f) && web_url(f).is_none())
        .count()
}

pub(super) fn render(report: &Report, consumer: &ConsumerOptions) -> Result<String, RenderError> {
    let articles: HashMap<&str, &Article> = consumer
        .articles
        .iter()
        .map(|a| (a.name.as_str(), a))
        .collect();
    let mut author = json!({
        "@type": "Organization",
        "name": consumer.publisher.name.unwrap_or("claimcheck"),
    });
    if let Some(url) = consumer.publisher.url.filter(|u| is_web_url(u)) {
        author["url"] = json!(url);
    }
    let reviews: Vec<Value> = report
        .claims
        .iter()
        .filter(|f| reviewed(f))
        .filter_map(|f| web_url(f).map(|url| (f, url)))
        .map(|(f, url)| {
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
                    if is_web_url(&e.url) {
                        c["url"] = json!(e.url);
                    }
                    c
                })
                .collect();
            let article = articles.get(&*f.document);
            let date = article.and_then(|a| a.date).map(|d| d.to_string());
            let mut appearance = json!({"@type": "CreativeWork", "url": url});
            if let Some(title) = article.and_then(|a| a.title.as_deref()) {
                appearance["name"] = json!(title);
            }
            let mut claim = json!({
                "@type": "Claim",
                "name": f.text,
                "appearance": appearance,
            });
            let mut review = json!({
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "identifier": f.id,
                "url": url,
                "claimReviewed": f.sentence,
                "reviewRating": {
                    "@type": "Rating",
                    "ratingValue": value,
                    "bestRating": 5,
                    "worstRating": 1,
                    "alternateName": name,
                },
                "reviewBody": f.explanation,
                "author": author,
                "citation": citations,
            });
            if let Some(date) = date {
                claim["datePublished"] = json!(date);
                claim["appearance"]["datePublished"] = json!(date);
                review["datePublished"] = json!(date);
            }
            review["itemReviewed"] = claim;
            review
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&reviews)?;
    out.push('\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::report::{
        fixture, render, render_for, Article, ConsumerOptions, Extras, Format, Publisher,
        RenderOptions,
    };

    fn reviews(consumer: &ConsumerOptions, r: &crate::model::Report) -> Vec<serde_json::Value> {
        let out = render_for(
            r,
            Format::Claimreview,
            &RenderOptions::default(),
            &Extras::default(),
            consumer,
        )
        .unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        v.as_array().unwrap().clone()
    }

    #[test]
    fn one_review_per_checked_claim_with_a_web_address() {
        let mut r = fixture::report();
        r.claims[1].url = Some("https://example.org/news/russia".into());
        let reviews = reviews(&ConsumerOptions::default(), &r);
        assert_eq!(reviews.len(), 2, "the unverifiable claim is not reviewed");
        for (review, f) in reviews.iter().zip(&r.claims) {
            assert_eq!(review["@type"], "ClaimReview");
            assert_eq!(review["@context"], "https://schema.org");
            assert_eq!(review["claimReviewed"], &*f.sentence);
            assert_eq!(review["url"], f.url.as_deref().unwrap());
            assert_eq!(review["itemReviewed"]["appearance"]["url"], review["url"]);
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
            assert_eq!(review["author"]["name"], "claimcheck", "no publisher set");
            assert!(review.get("datePublished").is_none(), "not the run date");
            assert!(
                review["itemReviewed"]["appearance"].get("name").is_none(),
                "never the file path"
            );
        }
    }

    #[test]
    fn the_article_and_publisher_fill_author_dates_and_title() {
        let r = fixture::report();
        let articles = [Article {
            name: "claims/article.md".into(),
            title: Some("Syria at war".into()),
            date: Some(jiff::civil::date(2017, 11, 11)),
        }];
        let consumer = ConsumerOptions {
            publisher: Publisher {
                name: Some("The Daily Example"),
                url: Some("https://example.org/"),
            },
            articles: &articles,
            ..ConsumerOptions::default()
        };
        let reviews = reviews(&consumer, &r);
        assert_eq!(reviews.len(), 1, "only the supported claim has a url");
        let review = &reviews[0];
        assert_eq!(
            review["author"],
            serde_json::json!({"@type": "Organization", "name": "The Daily Example", "url": "https://example.org/"})
        );
        assert_eq!(review["datePublished"], "2017-11-11");
        assert_eq!(review["itemReviewed"]["datePublished"], "2017-11-11");
        let appearance = &review["itemReviewed"]["appearance"];
        assert_eq!(appearance["name"], "Syria at war");
        assert_eq!(appearance["datePublished"], "2017-11-11");
        assert_eq!(appearance["url"], "https://example.org/news/syria?a=1&b=2");
        assert_eq!(super::without_url(&r), 1);
    }

    #[test]
    fn ignored_and_baselined_claims_are_not_published() {
        let mut r = fixture::report();
        r.claims[0].ignored = Some("court filing".into());
        r.claims[1].baselined = true;
        let out = render(&r, Format::Claimreview, &RenderOptions::default()).unwrap();
        assert_eq!(out, "[]\n");
        assert_eq!(super::without_url(&r), 0);
    }
}
