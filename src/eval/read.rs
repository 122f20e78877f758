//! Reading labelled files: three shapes, told apart by their header.
//!
//! - **claims** (`id,text,as_of,expected_verdict,phrase_kind,note`): one
//!   sentence per row (tests/eval/claims.csv).
//! - **metrics** (`id,text,as_of,expected_verdict,phrase_kind,metric,
//!   unit_family,note`): one sentence per row, labelled with the metric it
//!   states and that metric's unit family (tests/eval/metrics.csv).
//! - **reuters** (`id,article,start,end,mention,as_of,expected_verdict,
//!   phrase_kind,metric,unit_family,note`): a figure in an article of an
//!   archive, named by the article's id and the byte offsets `[start, end)`
//!   of the figure phrase in its UTF-8 body (tests/eval/reuters.csv). The
//!   text is never in the labelled file; the caller hands in the archive's
//!   articles ([`Articles`]) and the reader checks that the bytes hold the
//!   `mention`.
//!
//! Every bad row is a [`Problem`] naming `file:line` with a hint.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;

use crate::ingest;
use crate::model::{Date, Problem, Verdict};

/// The columns of a labelled claim file (the claims shape), in order.
pub const COLUMNS: [&str; 6] = [
    "id",
    "text",
    "as_of",
    "expected_verdict",
    "phrase_kind",
    "note",
];

/// The columns of the metrics shape, in order.
pub const METRICS_COLUMNS: [&str; 8] = [
    "id",
    "text",
    "as_of",
    "expected_verdict",
    "phrase_kind",
    "metric",
    "unit_family",
    "note",
];

/// The columns of the Reuters shape, in order.
pub const REUTERS_COLUMNS: [&str; 11] = [
    "id",
    "article",
    "start",
    "end",
    "mention",
    "as_of",
    "expected_verdict",
    "phrase_kind",
    "metric",
    "unit_family",
    "note",
];

/// The unit families a `unit_family` column may name.
pub const UNIT_FAMILIES: [&str; 10] = [
    "money",
    "percent_rate",
    "share",
    "per_capita",
    "per_1000",
    "years",
    "tonnes",
    "count",
    "index",
    "area",
];

const HINT: &str = "a labelled file has one of the headers id,text,as_of,expected_verdict,phrase_kind,note (claims), id,text,as_of,expected_verdict,phrase_kind,metric,unit_family,note (metrics) or id,article,start,end,mention,as_of,expected_verdict,phrase_kind,metric,unit_family,note (reuters); see tests/eval/README.md";

/// Which of the three shapes a labelled file has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    Claims,
    Metrics,
    Reuters,
}

impl Shape {
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Shape::Claims => &COLUMNS,
            Shape::Metrics => &METRICS_COLUMNS,
            Shape::Reuters => &REUTERS_COLUMNS,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Shape::Claims => "claims",
            Shape::Metrics => "metrics",
            Shape::Reuters => "reuters",
        }
    }

    /// The shape whose columns are exactly `header`.
    fn of_header(header: &[&str]) -> Option<Shape> {
        [Shape::Claims, Shape::Metrics, Shape::Reuters]
            .into_iter()
            .find(|s| s.columns() == header)
    }
}

/// One article of an archive, as a labelled Reuters row needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct Article {
    /// The document name `claimcheck check` gives it (`archive#id`).
    pub document: String,
    pub date: Option<Date>,
    pub body: Arc<str>,
}

/// An archive's articles by id.
pub type Articles = HashMap<String, Article>;

/// Where a Reuters row's figure sits.
#[derive(Clone, Debug, PartialEq)]
pub struct InArticle {
    /// The article's id in the archive.
    pub id: String,
    pub document: String,
    /// The article's date (the row's `as_of` when the article has none).
    pub date: Date,
    pub body: Arc<str>,
    /// Byte offsets of the figure phrase in `body`.
    pub start: usize,
    pub end: usize,
}

/// One labelled claim.
#[derive(Clone, Debug, PartialEq)]
pub struct Labelled {
    pub id: String,
    /// The sentence (claims and metrics shapes) or the figure phrase as it
    /// stands in its article (`mention`, Reuters shape).
    pub text: String,
    pub as_of: Date,
    pub expected: Verdict,
    pub phrase_kind: String,
    pub note: String,
    /// The metric the row states; empty in the claims shape.
    pub metric: String,
    /// The unit family of that metric; empty in the claims shape.
    pub unit_family: String,
    /// Set for a Reuters row: the row is checked as its whole article.
    pub article: Option<InArticle>,
    /// Line of the row in its file.
    pub line: u64,
}

/// Parse a verdict as written in a label.
pub fn parse_verdict(s: &str) -> Option<Verdict> {
    match s.trim() {
        "supported" => Some(Verdict::Supported),
        "contradicted" => Some(Verdict::Contradicted),
        "unverifiable" => Some(Verdict::Unverifiable),
        _ => None,
    }
}

/// The shape of a labelled file, from its header line; `None` when the
/// header is none of the three.
pub fn shape_of(text: &str) -> Option<Shape> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let h = reader.headers().ok()?;
    Shape::of_header(&h.iter().map(str::trim).collect::<Vec<_>>())
}

/// Read a labelled file of the claims or metrics shape; every bad row is a
/// problem naming its line. A Reuters-shape file needs its archive: see
/// [`read_labelled_with`].
pub fn read_labelled(name: &str, text: &str) -> Result<Vec<Labelled>, Vec<Problem>> {
    read_labelled_with(name, text, None)
}

/// Read a labelled file of any shape; `articles` are the archive's articles,
/// needed by (only) the Reuters shape.
pub fn read_labelled_with(
    name: &str,
    text: &str,
    articles: Option<&Articles>,
) -> Result<Vec<Labelled>, Vec<Problem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let shape = match reader.headers() {
        Ok(h) => {
            let got: Vec<&str> = h.iter().map(str::trim).collect();
            match Shape::of_header(&got) {
                Some(s) => s,
                None => {
                    return Err(vec![Problem::new(
                        name,
                        Some(1),
                        format!("the header is \"{}\"", got.join(",")),
                        HINT,
                    )])
                }
            }
        }
        Err(e) => {
            return Err(vec![Problem::new(
                name,
                Some(1),
                format!("cannot read the header: {e}"),
                HINT,
            )])
        }
    };
    let articles = match (shape, articles) {
        (Shape::Reuters, None) => {
            return Err(vec![Problem::new(
                name,
                Some(1),
                "a Reuters-shape file names figures in an archive, and no archive was given",
                "give the archive of articles the rows point into (claimcheck eval --archive FILE)",
            )])
        }
        (_, a) => a,
    };
    let columns = shape.columns();
    let col = |c: &str| {
        columns
            .iter()
            .position(|&x| x == c)
            .expect("every shape has the column")
    };
    let (c_as_of, c_verdict, c_kind, c_note) = (
        col("as_of"),
        col("expected_verdict"),
        col("phrase_kind"),
        col("note"),
    );
    let fields_hint = format!(
        "every row needs {} fields ({}); quote fields that contain commas",
        columns.len(),
        columns.join(",")
    );
    let mut problems = Vec::new();
    let mut rows = Vec::new();
    let mut seen = HashMap::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(Problem::new(
                    name,
                    e.position().map(|p| p.line()),
                    format!("malformed row: {e}"),
                    fields_hint.as_str(),
                ));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let field = |i: usize| record.get(i).unwrap_or("").trim();
        let mut bad = |message: String, hint: &str| {
            problems.push(Problem::new(name, Some(line), message, hint));
        };
        let id = field(0);
        if id.is_empty() {
            bad("row has no id".into(), "give every row an id");
            continue;
        }
        if let Some(first) = seen.insert(id.to_string(), line) {
            bad(
                format!("duplicate id \"{id}\" (first used on line {first})"),
                "give every row its own id",
            );
            continue;
        }
        if shape != Shape::Reuters && field(1).is_empty() {
            bad(format!("row {id} has no text"), "write the claim sentence");
            continue;
        }
        let as_of = match ingest::parse_as_of(field(c_as_of)) {
            Ok(d) => d,
            Err(m) => {
                bad(format!("as_of: {m}"), "every labelled row needs its date");
                continue;
            }
        };
        let Some(expected) = parse_verdict(field(c_verdict)) else {
            bad(
                format!("expected_verdict \"{}\" is not a verdict", field(c_verdict)),
                "write supported, contradicted or unverifiable",
            );
            continue;
        };
        let (metric, unit_family) = match shape {
            Shape::Claims => (String::new(), String::new()),
            Shape::Metrics | Shape::Reuters => {
                let family = field(col("unit_family"));
                if !family.is_empty() && !UNIT_FAMILIES.contains(&family) {
                    bad(
                        format!("unit_family \"{family}\" is not a unit family"),
                        &format!("write one of {}", UNIT_FAMILIES.join(", ")),
                    );
                    continue;
                }
                (field(col("metric")).to_string(), family.to_string())
            }
        };
        let (text, article) = match (shape, articles) {
            (Shape::Reuters, Some(articles)) => match in_article(&record, as_of, articles) {
                Ok((mention, a)) => (mention, Some(a)),
                Err((message, hint)) => {
                    bad(message, &hint);
                    continue;
                }
            },
            _ => (record.get(1).unwrap_or("").to_string(), None),
        };
        rows.push(Labelled {
            id: id.to_string(),
            text,
            as_of,
            expected,
            phrase_kind: match field(c_kind) {
                "" => "none".to_string(),
                k => k.to_string(),
            },
            note: field(c_note).to_string(),
            metric,
            unit_family,
            article,
            line,
        });
    }
    if rows.is_empty() && problems.is_empty() {
        problems.push(Problem::new(
            name,
            Some(1),
            "no labelled rows",
            "add rows below the header",
        ));
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

/// The figure of a Reuters-shape row in its article: the mention and where
/// it sits, or what is wrong (message, hint).
fn in_article(
    record: &csv::StringRecord,
    as_of: Date,
    articles: &Articles,
) -> Result<(String, InArticle), (String, String)> {
    let field = |i: usize| record.get(i).unwrap_or("").trim();
    let (id, start, end, mention) = (field(1), field(2), field(3), field(4));
    if id.is_empty() {
        return Err((
            "row names no article".into(),
            "write the article's id in the archive (e.g. reuters-1)".into(),
        ));
    }
    let offset = |what: &str, s: &str| {
        s.parse::<usize>().map_err(|_| {
            (
                format!("{what} \"{s}\" is not a byte offset"),
                "write start and end as byte offsets into the article's UTF-8 body, end exclusive"
                    .to_string(),
            )
        })
    };
    let (start, end) = (offset("start", start)?, offset("end", end)?);
    if start >= end {
        return Err((
            format!("the span [{start}, {end}) is empty"),
            "end is exclusive and must be greater than start".into(),
        ));
    }
    if mention.is_empty() {
        return Err((
            "row has no mention".into(),
            "write the figure phrase as it stands in the article".into(),
        ));
    }
    let Some(article) = articles.get(id) else {
        return Err((
            format!("article \"{id}\" is not in the archive"),
            "check the article id against the archive's \"id\" field".into(),
        ));
    };
    let Some(found) = article.body.get(start..end) else {
        return Err((
            format!(
                "bytes [{start}, {end}) do not fall on character boundaries of article {id}'s body ({} bytes)",
                article.body.len()
            ),
            "offsets count bytes of the UTF-8 body, not characters".into(),
        ));
    };
    if found != mention {
        return Err((
            format!("bytes [{start}, {end}) of article {id} read \"{found}\", not the mention \"{mention}\""),
            "offsets count bytes of the UTF-8 body (end exclusive); fix them or the mention".into(),
        ));
    }
    let date = article.date.unwrap_or(as_of);
    if date != as_of {
        return Err((
            format!("as_of {as_of} is not the date of article {id} ({date})"),
            "a Reuters row is checked as of its article's date, as claimcheck check does; write that date".into(),
        ));
    }
    Ok((
        mention.to_string(),
        InArticle {
            id: id.to_string(),
            document: article.document.clone(),
            date,
            body: Arc::clone(&article.body),
            start,
            end,
        },
    ))
}

/// Read the articles of a JSON Lines archive (`id`, `date`, `body` per line,
/// as `claimcheck check` reads archives); only those whose id is in `wanted`
/// are kept. Lines without a body are not articles and are passed over.
pub fn read_archive(
    name: &str,
    text: &str,
    wanted: &dyn Fn(&str) -> bool,
) -> Result<Articles, Vec<Problem>> {
    #[derive(serde::Deserialize)]
    struct Line {
        id: Option<serde_json::Value>,
        date: Option<String>,
        body: Option<String>,
    }
    let mut out = Articles::new();
    let mut problems = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i as u64 + 1;
        let raw = raw.trim_start_matches('\u{feff}').trim();
        if raw.is_empty() {
            continue;
        }
        let parsed: Line = match serde_json::from_str(raw) {
            Ok(l) => l,
            Err(e) => {
                problems.push(Problem::new(
                    name,
                    Some(line),
                    format!("not a JSON object with id, date and body: {e}"),
                    "the archive holds one JSON object per line",
                ));
                continue;
            }
        };
        let id = match parsed.id {
            Some(serde_json::Value::String(s)) => s,
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => continue,
        };
        let Some(body) = parsed.body else { continue };
        if !wanted(&id) {
            continue;
        }
        let date = match parsed.date.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(d) => match ingest::parse_as_of(d) {
                Ok(d) => Some(d),
                Err(m) => {
                    problems.push(Problem::new(name, Some(line), m, "fix the article's date"));
                    continue;
                }
            },
        };
        out.insert(
            id.clone(),
            Article {
                document: format!("{name}#{id}"),
                date,
                body: body.into(),
            },
        );
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A made-up article for the tests: "Acme" is no real company.
    const BODY: &str =
        "Acme said output rose 4.5 pct to 1,200 tonnes in März.\nIt sold 300 mln dlrs.";

    fn articles() -> Articles {
        let archive = format!(
            "{}\n{}\n",
            serde_json::json!({"id": "t-1", "date": "1987-03-02", "title": "ACME", "body": BODY}),
            serde_json::json!({"id": "t-2", "date": "1987-03-03", "body": "Other."})
        );
        read_archive("arch.jsonl", &archive, &|id| id == "t-1").unwrap()
    }

    fn lines(problems: &[Problem]) -> Vec<Option<u64>> {
        problems.iter().map(|p| p.line).collect()
    }

    #[test]
    fn claims_shape_reads_as_before() {
        let f = "id,text,as_of,expected_verdict,phrase_kind,note\n\
                 a1,Syria had 21 million people in 2010.,2011-01-01,supported,exact,a note\n\
                 a2,\"Chad, a country, had 5 million people.\",2011,unverifiable,,\n";
        assert_eq!(shape_of(f), Some(Shape::Claims));
        let rows = read_labelled("c.csv", f).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].metric, "");
        assert_eq!(rows[0].unit_family, "");
        assert_eq!(rows[0].note, "a note");
        assert_eq!(rows[1].phrase_kind, "none");
        assert_eq!(rows[1].line, 3);
        assert!(rows[1].article.is_none());
    }

    #[test]
    fn metrics_shape_keeps_metric_and_unit_family() {
        let f = "id,text,as_of,expected_verdict,phrase_kind,metric,unit_family,note\n\
                 m1,France's GDP was about $2.9 trillion in 2019.,2020-06-01,supported,approx_around,gdp,money,\n\
                 m2,Unemployment in Spain was 14 percent in 2019.,2020-06-01,contradicted,exact,unemployment,percent_rate,n\n";
        assert_eq!(shape_of(f), Some(Shape::Metrics));
        let rows = read_labelled("m.csv", f).unwrap();
        assert_eq!(
            rows.iter()
                .map(|r| (r.metric.as_str(), r.unit_family.as_str()))
                .collect::<Vec<_>>(),
            vec![("gdp", "money"), ("unemployment", "percent_rate")]
        );
        assert_eq!(rows[1].note, "n");
    }

    #[test]
    fn bad_rows_name_file_and_line() {
        let f = "id,text,as_of,expected_verdict,phrase_kind,metric,unit_family,note\n\
                 m1,Some text.,2020-06-01,supported,exact,gdp,money,\n\
                 m2,Some text.,not a date,supported,exact,gdp,money,\n\
                 m3,Some text.,2020-06-01,maybe,exact,gdp,money,\n\
                 m4,Some text.,2020-06-01,supported,exact,gdp,dollars,\n\
                 m5,Some text.,2020-06-01,supported\n\
                 m1,Some text.,2020-06-01,supported,exact,gdp,money,\n";
        let problems = read_labelled("m.csv", f).unwrap_err();
        assert_eq!(
            lines(&problems),
            vec![Some(3), Some(4), Some(5), Some(6), Some(7)],
            "{problems:?}"
        );
        assert!(problems.iter().all(|p| p.file == "m.csv"));
        assert!(problems[2].message.contains("dollars"), "{:?}", problems[2]);
        assert!(problems[3].hint.contains("8 fields"), "{:?}", problems[3]);
        assert!(
            problems[4].message.contains("duplicate"),
            "{:?}",
            problems[4]
        );
        let shown = problems[0].to_string();
        assert!(shown.starts_with("m.csv:3: as_of"), "{shown}");
        assert!(shown.contains("hint:"), "{shown}");
    }

    #[test]
    fn an_unknown_header_is_a_problem_on_line_1() {
        let f = "id,text,as_of,expected_verdict,note\na,b,2020,supported,\n";
        assert_eq!(shape_of(f), None);
        let p = read_labelled("x.csv", f).unwrap_err();
        assert_eq!(lines(&p), vec![Some(1)]);
        assert!(p[0].hint.contains("reuters"), "{:?}", p[0]);
    }

    const REUTERS_HEADER: &str =
        "id,article,start,end,mention,as_of,expected_verdict,phrase_kind,metric,unit_family,note\n";

    #[test]
    fn reuters_shape_finds_the_mention_in_its_article() {
        let start = BODY.find("1,200 tonnes").unwrap();
        let f = format!(
            "{REUTERS_HEADER}r1,t-1,{start},{},1,200 tonnes,1987-03-02,supported,exact,output,tonnes,\n",
            start + "1,200 tonnes".len()
        );
        // "1,200 tonnes" holds a comma: unquoted it is two fields.
        assert!(read_labelled_with("r.csv", &f, Some(&articles())).is_err());
        let f = f.replace("1,200 tonnes,1987", "\"1,200 tonnes\",1987");
        assert_eq!(shape_of(&f), Some(Shape::Reuters));
        let rows = read_labelled_with("r.csv", &f, Some(&articles())).unwrap();
        let a = rows[0].article.as_ref().unwrap();
        assert_eq!(rows[0].text, "1,200 tonnes");
        assert_eq!((a.id.as_str(), a.start), ("t-1", start));
        assert_eq!(&a.body[a.start..a.end], "1,200 tonnes");
        assert_eq!(a.document, "arch.jsonl#t-1");
        assert_eq!(a.date.to_string(), "1987-03-02");
        assert_eq!(rows[0].unit_family, "tonnes");
        // Without the archive the file cannot be read.
        let p = read_labelled("r.csv", &f).unwrap_err();
        assert_eq!(lines(&p), vec![Some(1)]);
    }

    #[test]
    fn reuters_rows_whose_bytes_are_not_the_mention_are_problems() {
        let at = BODY.find("4.5 pct").unwrap();
        let umlaut = BODY.find('ä').unwrap();
        let f = format!(
            "{REUTERS_HEADER}\
             r1,t-1,{at},{},4.6 pct,1987-03-02,supported,exact,output,percent_rate,\n\
             r3,t-1,{},{},ä,1987-03-02,supported,exact,output,percent_rate,\n\
             r4,t-9,0,3,Acm,1987-03-02,supported,exact,output,count,\n\
             r5,t-2,0,5,Other,1987-03-03,supported,exact,output,count,\n\
             r6,t-1,{at},{},4.5 pct,1987-03-09,supported,exact,output,percent_rate,\n\
             r7,t-1,9,x,4.5 pct,1987-03-02,supported,exact,output,percent_rate,\n",
            at + 7,
            umlaut,
            umlaut + 1,
            at + 7,
        );
        let p = read_labelled_with("r.csv", &f, Some(&articles())).unwrap_err();
        assert_eq!(
            lines(&p),
            vec![Some(2), Some(3), Some(4), Some(5), Some(6), Some(7)],
            "{p:?}"
        );
        assert!(p[0].message.contains("not the mention"), "{:?}", p[0]);
        assert!(p[1].message.contains("character boundaries"), "{:?}", p[1]);
        // t-9 was never in the archive; t-2 was not asked for.
        assert!(
            p[2].message.contains("\"t-9\" is not in the archive"),
            "{:?}",
            p[2]
        );
        assert!(
            p[3].message.contains("\"t-2\" is not in the archive"),
            "{:?}",
            p[3]
        );
        assert!(p[4].message.contains("not the date"), "{:?}", p[4]);
        assert!(p[5].message.contains("not a byte offset"), "{:?}", p[5]);
        assert!(p.iter().all(|p| p.file == "r.csv"));
    }

    #[test]
    fn archive_lines_that_are_not_json_name_their_line() {
        let p = read_archive(
            "a.jsonl",
            "{\"id\":\"x\",\"body\":\"b\"}\nnot json\n",
            &|_| true,
        )
        .unwrap_err();
        assert_eq!(lines(&p), vec![Some(2)]);
        assert_eq!(p[0].file, "a.jsonl");
    }
}
