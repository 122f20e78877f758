//! Claim files (`.csv` with `id,text,as_of`, `.jsonl` with the same keys) and
//! article archives (`.jsonl` with `id,date,title,body` per line).

use std::collections::HashMap;

use serde_json::Value;

use crate::csvlines::LineCounter;

use super::{line_col, parse_as_of, IngestError, Ingested, Origin, Source, SourceKind};

const CSV_HINT: &str =
    "a claim file needs the columns id,text (and optionally as_of, document, url, ignore)";
const KNOWN_COLUMNS: [&str; 6] = ["id", "text", "as_of", "document", "url", "ignore"];

/// Where in `file` the field `field` of a record starting at `start` begins,
/// when it appears there verbatim (it does unless it holds escaped quotes).
fn locate(file: &str, start: usize, field: &str) -> Option<usize> {
    if field.is_empty() {
        return None;
    }
    let window_end = file.len().min(start + 64 * 1024 + field.len() * 2);
    file.get(start..window_end)?.find(field).map(|i| start + i)
}

fn origin_at(file: &str, byte: Option<usize>, fallback_line: usize) -> Origin {
    match byte {
        Some(b) => {
            let (line, column) = line_col(file, b);
            Origin {
                byte: Some(b),
                line,
                column,
            }
        }
        None => Origin {
            byte: None,
            line: fallback_line,
            column: 1,
        },
    }
}

/// Check ids are unique within a file; a duplicate is an input error.
struct IdCheck(HashMap<String, u64>);

impl IdCheck {
    fn check(&mut self, name: &str, id: &str, line: u64, out: &mut Ingested) -> bool {
        if let Some(first) = self.0.get(id) {
            out.errors.push(IngestError::new(
                name,
                Some(line),
                format!("duplicate claim id \"{id}\" (first used on line {first})"),
                "give every claim row its own id",
            ));
            return false;
        }
        self.0.insert(id.to_string(), line);
        true
    }
}

pub fn read_csv(name: &str, file: &str, bom: usize, out: &mut Ingested) {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(&file.as_bytes()[bom..]);
    let mut lines = LineCounter::new(&file.as_bytes()[bom..]);
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            out.errors.push(IngestError::new(
                name,
                Some(1),
                format!("cannot read the header: {e}"),
                CSV_HINT,
            ));
            return;
        }
    };
    let col = |n: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(n))
    };
    for h in headers.iter() {
        if !KNOWN_COLUMNS
            .iter()
            .any(|k| h.trim().eq_ignore_ascii_case(k))
        {
            out.errors.push(IngestError::new(
                name,
                Some(1),
                format!("unknown column \"{h}\""),
                format!("{CSV_HINT}; rename or remove the column"),
            ));
            return;
        }
    }
    let (Some(id_col), Some(text_col)) = (col("id"), col("text")) else {
        out.errors.push(IngestError::new(
            name,
            Some(1),
            "missing column id or text",
            CSV_HINT,
        ));
        return;
    };
    let as_of_col = col("as_of");
    let doc_col = col("document");
    let url_col = col("url");
    let ignore_col = col("ignore");
    let mut ids = IdCheck(HashMap::new());
    let mut rows = 0usize;
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                rows += 1;
                let line = e.position().map(|p| lines.line_at(p.byte()));
                let message = match e.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => {
                        format!("row has {len} fields, the header has {expected_len}")
                    }
                    _ => format!("malformed row: {e}"),
                };
                out.errors.push(IngestError::new(
                    name,
                    line,
                    message,
                    "quote fields that contain commas or quotes (\"...\", with \"\" for a quote)",
                ));
                continue;
            }
        };
        rows += 1;
        let pos = record.position().expect("csv records carry their position");
        let line = lines.line_at(pos.byte());
        let start = bom + pos.byte() as usize;
        let get = |c: Option<usize>| c.and_then(|c| record.get(c)).map(str::trim).unwrap_or("");
        let id = get(Some(id_col)).to_string();
        let text = record.get(text_col).unwrap_or("");
        if id.is_empty() {
            out.errors.push(IngestError::new(
                name,
                Some(line),
                "row has no id",
                "give every claim row an id",
            ));
            continue;
        }
        if !ids.check(name, &id, line, out) {
            continue;
        }
        let date = match get(as_of_col) {
            "" => None,
            s => {
                match parse_as_of(s) {
                    Ok(d) => Some(d),
                    Err(m) => {
                        out.errors.push(IngestError::new(name, Some(line), format!("as_of: {m}"), "fix the date or leave the cell empty to use the article date or --as-of"));
                        continue;
                    }
                }
            }
        };
        let ignore = match get(ignore_col) {
            "" => None,
            reason => Some(reason.to_string()),
        };
        let byte = locate(file, start, text);
        out.sources.push(Source {
            document: match get(doc_col) {
                "" => name.to_string(),
                d => d.to_string(),
            },
            kind: SourceKind::ClaimRow { id },
            text: text.to_string(),
            origin: origin_at(file, byte, line as usize),
            date,
            title: None,
            url: match get(url_col) {
                "" => None,
                u => Some(u.to_string()),
            },
            ignore,
        });
    }
    if rows == 0 {
        out.errors.push(IngestError::new(
            name,
            Some(1),
            "claim file has a header but no rows",
            "add claim rows below the header",
        ));
    }
}

pub fn read_jsonl(name: &str, file: &str, bom: usize, out: &mut Ingested) {
    let mut ids = IdCheck(HashMap::new());
    let mut offset = bom;
    // Parse every line in parallel (an archive is tens of thousands of
    // lines), then read them in order.
    let lines: Vec<&str> = file[bom..].split_inclusive('\n').collect();
    let mut parsed: Vec<Option<serde_json::Result<Value>>> = {
        use rayon::prelude::*;
        lines
            .par_iter()
            .map(|raw| {
                let trimmed = raw.trim();
                (!trimmed.is_empty()).then(|| serde_json::from_str(trimmed))
            })
            .collect()
    };
    for (i, raw) in lines.iter().enumerate() {
        let line = i as u64 + 1;
        let start = offset;
        offset += raw.len();
        let Some(value) = parsed[i].take() else {
            continue;
        };
        let value: Value = match value {
            Ok(v) => v,
            Err(e) => {
                out.errors.push(IngestError::new(
                    name,
                    Some(line),
                    format!("not valid JSON: {e}"),
                    "write one JSON object per line",
                ));
                continue;
            }
        };
        let Value::Object(obj) = value else {
            out.errors.push(IngestError::new(
                name,
                Some(line),
                "line is not a JSON object",
                "write one JSON object per line, e.g. {\"id\": \"c1\", \"text\": \"...\"}",
            ));
            continue;
        };
        let string = |k: &str| -> Result<Option<String>, String> {
            match obj.get(k) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(Value::Number(n)) if k == "id" => Ok(Some(n.to_string())),
                Some(_) => Err(format!("\"{k}\" must be a string")),
            }
        };
        let fields = (|| -> Result<_, String> {
            Ok((
                string("id")?,
                string("text")?,
                string("body")?,
                string("as_of")?,
                string("date")?,
                string("title")?,
                string("url")?,
                string("document")?,
                string("ignore")?,
            ))
        })();
        let (id, text, body, as_of, date, title, url, document, ignore) = match fields {
            Ok(f) => f,
            Err(m) => {
                out.errors.push(IngestError::new(
                    name,
                    Some(line),
                    m,
                    "fix the field's type",
                ));
                continue;
            }
        };
        let Some(id) = id.filter(|s| !s.trim().is_empty()) else {
            out.errors.push(IngestError::new(
                name,
                Some(line),
                "object has no \"id\"",
                "give every claim or article an \"id\"",
            ));
            continue;
        };
        if !ids.check(name, &id, line, out) {
            continue;
        }
        let date_text = as_of.or(date);
        let date = match date_text.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(s) => match parse_as_of(s) {
                Ok(d) => Some(d),
                Err(m) => {
                    out.errors.push(IngestError::new(
                        name,
                        Some(line),
                        m,
                        "fix the date or leave it out",
                    ));
                    continue;
                }
            },
        };
        let (kind, text, document) = match (text, body) {
            (Some(text), _) => (
                SourceKind::ClaimRow { id: id.clone() },
                text,
                document.unwrap_or_else(|| name.to_string()),
            ),
            (None, Some(body)) => (SourceKind::Article, body, format!("{name}#{id}")),
            (None, None) => {
                out.errors.push(IngestError::new(
                    name,
                    Some(line),
                    "object has neither \"text\" (a claim) nor \"body\" (an article)",
                    "claims need \"text\"; archive articles need \"body\"",
                ));
                continue;
            }
        };
        // A text that appears verbatim in the line keeps file offsets; one
        // with JSON escapes is located relative to itself.
        let byte = file
            .get(start..offset)
            .and_then(|l| l.find(text.as_str()))
            .filter(|_| !text.is_empty())
            .map(|i| start + i);
        let origin = match (byte, &kind) {
            (Some(b), SourceKind::ClaimRow { .. }) => origin_at(file, Some(b), line as usize),
            _ => Origin {
                byte: None,
                line: 1,
                column: 1,
            },
        };
        let mut source = Source {
            document,
            kind,
            text,
            origin,
            date,
            title,
            url,
            ignore,
        };
        // An archive's article may carry inline ignore markers, as a file's does.
        if source.kind == SourceKind::Article {
            match super::markers::scan(&mut source) {
                Ok(ignores) => out.ignores.extend(ignores),
                Err(e) => {
                    out.errors.push(e);
                    continue;
                }
            }
        }
        out.sources.push(source);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(name: &str, text: &str, csv: bool) -> Ingested {
        let mut out = Ingested::default();
        if csv {
            read_csv(name, text, 0, &mut out);
        } else {
            read_jsonl(name, text, 0, &mut out);
        }
        out
    }

    #[test]
    fn csv_rows_keep_positions() {
        let f = "id,text,as_of\nc1,Syria has 21 million people,2020\nc2,\"Nearly 2 million, officials say\",\n";
        let out = read("c.csv", f, true);
        assert!(out.errors.is_empty(), "{:?}", out.errors);
        assert_eq!(out.sources.len(), 2);
        let s = &out.sources[1];
        assert_eq!(s.kind, SourceKind::ClaimRow { id: "c2".into() });
        assert_eq!(s.origin.line, 3);
        assert_eq!(&f[s.origin.byte.unwrap()..][..6], "Nearly");
        assert_eq!(out.sources[0].date.unwrap().to_string(), "2020-12-31");
    }

    #[test]
    fn csv_problems_name_the_line() {
        let out = read("c.csv", "id,text\nc1,ok\nc2,a,b\nc1,dup\n,no id\n", true);
        let lines: Vec<_> = out.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![Some(3), Some(4), Some(5)], "{:?}", out.errors);
        assert_eq!(out.sources.len(), 1);
        let unknown = read("c.csv", "id,text,verdict\nc1,x,y\n", true);
        assert!(unknown.errors[0]
            .message
            .contains("unknown column \"verdict\""));
        let header_only = read("c.csv", "id,text\n", true);
        assert!(header_only.errors[0].message.contains("no rows"));
    }

    #[test]
    fn archive_articles_honour_ignore_markers() {
        let f = "{\"id\":\"a1\",\"date\":\"2017-11-11\",\"body\":\"<!-- claimcheck-ignore: quoted from 2019 -->\\nSyria has 18 million people.\"}\n";
        let out = read("a.jsonl", f, false);
        assert!(out.errors.is_empty(), "{:?}", out.errors);
        assert_eq!(out.ignores.len(), 1);
        assert!(
            !out.sources[0].text.contains("2019"),
            "the marker's reason is not read as text"
        );
    }

    #[test]
    fn jsonl_claims_and_archive_articles() {
        let f = "{\"id\":\"c1\",\"text\":\"about 5 million\",\"as_of\":\"2016-02-11\"}\n\n{\"id\":\"reuters-1\",\"date\":\"1987-02-26\",\"title\":\"T\",\"body\":\"Line one.\\nLine two.\"}\nnot json\n[1]\n";
        let out = read("a.jsonl", f, false);
        assert_eq!(out.sources.len(), 2);
        assert_eq!(out.sources[1].document, "a.jsonl#reuters-1");
        assert_eq!(out.sources[1].kind, SourceKind::Article);
        assert_eq!(out.sources[1].text, "Line one.\nLine two.");
        let lines: Vec<_> = out.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![Some(4), Some(5)]);
    }
}
