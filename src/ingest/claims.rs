//! Claim files (`.csv` with `id,text,as_of`, `.jsonl` with the same keys) and
//! article archives (`.jsonl` with `id,date,title,body` per line): takes a
//! file's text, gives a [`Source`] per row, line or article, or an
//! [`IngestError`] at its line. Only the columns and keys README documents
//! are taken, each once: a column or key named twice, an unknown one, or a
//! line with both `text` and `body` is an error, never a cell dropped.

use serde_json::Value;

use crate::util::csvlines::{self, LineCounter};
use crate::util::FxMap;

use super::{
    line_col, parse_as_of, IgnoreRange, IngestError, Ingested, Origin, Source, SourceKind,
};

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

/// The origin of a claim row's text at `byte` (if found) in a row that
/// starts at byte `row_start` on line `row_line`: what [`line_col`] gives,
/// counting only from the row's own line (counting from the file's start
/// for every row made large claim files quadratic).
fn origin_at(file: &str, byte: Option<usize>, row_start: usize, row_line: usize) -> Origin {
    let Some(b) = byte else {
        return Origin {
            byte: None,
            line: row_line,
            column: 1,
        };
    };
    let bytes = file.as_bytes();
    let row_start = csvlines::record_start(bytes, row_start);
    let within = &bytes[row_start.min(b)..b];
    let breaks = within.iter().filter(|&&c| c == b'\n').count();
    let line_start = match within.iter().rposition(|&c| c == b'\n') {
        Some(p) => row_start + p + 1,
        None => bytes[..row_start.min(b)]
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |p| p + 1),
    };
    origin_in_line(file, line_start, (row_line + breaks) as u64, b)
}

/// Check ids are unique within a file (or all of standard input, read in
/// batches); a duplicate is an input error.
#[derive(Default)]
pub(super) struct IdCheck(FxMap<String, u64>);

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
    // A column named twice would lose one of its cells on every row.
    for (i, h) in headers.iter().enumerate() {
        let key = h.trim();
        if let Some(first) = headers
            .iter()
            .take(i)
            .position(|e| e.trim().eq_ignore_ascii_case(key))
        {
            out.errors.push(IngestError::new(
                name,
                Some(1),
                format!(
                    "column \"{key}\" appears twice in the header (columns {} and {})",
                    first + 1,
                    i + 1
                ),
                format!("{CSV_HINT}; each once: rename or remove the second"),
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
    let mut ids = IdCheck(FxMap::default());
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
            origin: origin_at(file, byte, start, line as usize),
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

/// What one line of a JSON Lines file gives, worked out from the line alone
/// (so lines are read in parallel); only the check that ids are unique is
/// left for the pass over the lines in order.
enum LineRead {
    /// An empty line: skipped.
    Blank,
    /// A problem met before the line's id is known.
    Bad(IngestError),
    /// The line's id, and what the line gives when that id is not a
    /// duplicate: its source, the ranges its ignore markers cover and the
    /// problems with its markers (which cover nothing), or the first
    /// problem after the id.
    Entry {
        id: String,
        rest: Result<(Source, Vec<IgnoreRange>, Vec<IngestError>), IngestError>,
    },
}

/// Read a JSON Lines file: claims (`id`, `text`) and archive articles (`id`,
/// `body`), one object per line. Lines are parsed and turned into sources in
/// parallel, then taken in order: the same sources and problems, in the same
/// order, as reading them one by one.
pub fn read_jsonl(name: &str, file: &str, bom: usize, out: &mut Ingested) {
    let at = Position { line: 1, byte: 0 };
    read_jsonl_lines(name, file, bom, at, &mut IdCheck::default(), out);
}

/// Where a part of a file starts in the whole: its first line's number and
/// the bytes before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Position {
    pub line: u64,
    pub byte: usize,
}

/// [`read_jsonl`] over `file`, whole lines of a larger input that start at
/// `at` in it (standard input read in batches), with the ids of the lines
/// before in `ids`: lines, offsets and duplicate ids are those of the whole.
pub(super) fn read_jsonl_lines(
    name: &str,
    file: &str,
    bom: usize,
    at: Position,
    ids: &mut IdCheck,
    out: &mut Ingested,
) {
    // Each line with its newline, and where it starts (memchr's vectorised
    // search for the newlines: this part runs on one thread).
    let mut start = bom;
    let mut lines: Vec<(usize, &str)> = memchr::memchr_iter(b'\n', &file.as_bytes()[bom..])
        .map(|nl| {
            let at = start;
            start = bom + nl + 1;
            (at, &file[at..start])
        })
        .collect();
    if start < file.len() {
        lines.push((start, &file[start..]));
    }
    let reads: Vec<LineRead> = {
        use rayon::prelude::*;
        lines
            .par_iter()
            .enumerate()
            .map(|(i, &(start, raw))| {
                let line = at.line + i as u64;
                read_line(name, file, line, start, raw).shifted(at.byte)
            })
            .collect()
    };
    drop(lines);
    out.sources.reserve(reads.len());
    for (i, read) in reads.into_iter().enumerate() {
        match read {
            LineRead::Blank => {}
            LineRead::Bad(e) => out.errors.push(e),
            LineRead::Entry { id, rest } => {
                if !ids.check(name, &id, at.line + i as u64, out) {
                    continue;
                }
                match rest {
                    Ok((source, ignores, problems)) => {
                        out.ignores.extend(ignores);
                        out.sources.push(source);
                        out.errors.extend(problems);
                    }
                    Err(e) => out.errors.push(e),
                }
            }
        }
    }
}

impl LineRead {
    /// The line as read from a part of the input that starts `bytes` into
    /// the whole: its text's file offset moved by as much.
    fn shifted(mut self, bytes: usize) -> LineRead {
        if bytes > 0 {
            if let LineRead::Entry {
                rest: Ok((source, _, _)),
                ..
            } = &mut self
            {
                source.origin.byte = source.origin.byte.map(|b| b + bytes);
            }
        }
        self
    }
}

/// The keys of a claim line (README, "Inputs").
const CLAIM_KEYS: [&str; 6] = ["id", "text", "as_of", "document", "url", "ignore"];
const CLAIM_KEYS_HINT: &str =
    "a claim line has \"id\" and \"text\", and optionally \"as_of\", \"document\", \"url\", \"ignore\"; rename or remove the key";
/// The keys of an archive article line (README, "Inputs").
const ARTICLE_KEYS: [&str; 4] = ["id", "date", "title", "body"];
const ARTICLE_KEYS_HINT: &str =
    "an archive article line has \"id\" and \"body\", and optionally \"date\", \"title\"; rename or remove the key";

/// One line of a JSON Lines file as serde reads it: every key of the
/// object with its value, in order (a map would keep only a repeated key's
/// last value, unseen), or `None` when the line is JSON but no object. A
/// line that is no object is still read to its end, so a syntax error
/// anywhere in it is reported as one.
struct Fields(Option<Vec<(String, Value)>>);

impl<'de> serde::Deserialize<'de> for Fields {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Fields, D::Error> {
        d.deserialize_any(FieldsVisitor)
    }
}

struct FieldsVisitor;

impl<'de> serde::de::Visitor<'de> for FieldsVisitor {
    type Value = Fields;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
        let mut entries = Vec::with_capacity(4);
        while let Some(key) = map.next_key::<String>()? {
            let value: Value = map.next_value()?;
            entries.push((key, value));
        }
        Ok(Fields(Some(entries)))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Fields, A::Error> {
        // Read as values, as the object's are: past serde_json's depth
        // limit, a line is not valid JSON whatever its outer shape.
        while seq.next_element::<Value>()?.is_some() {}
        Ok(Fields(None))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Fields, E> {
        Ok(Fields(None))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Fields, E> {
        Ok(Fields(None))
    }

    fn visit_u64<E>(self, _: u64) -> Result<Fields, E> {
        Ok(Fields(None))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Fields, E> {
        Ok(Fields(None))
    }

    fn visit_str<E>(self, _: &str) -> Result<Fields, E> {
        Ok(Fields(None))
    }

    fn visit_unit<E>(self) -> Result<Fields, E> {
        Ok(Fields(None))
    }
}

/// One line (`raw`, line number `line`, starting at byte `start` of `file`)
/// of a JSON Lines file.
fn read_line(name: &str, file: &str, line: u64, start: usize, raw: &str) -> LineRead {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return LineRead::Blank;
    }
    let bad = |message: String, hint: &str| {
        LineRead::Bad(IngestError::new(name, Some(line), message, hint))
    };
    let fields: Fields = match serde_json::from_str(trimmed) {
        Ok(f) => f,
        Err(e) => {
            return bad(
                format!("not valid JSON: {e}"),
                "write one JSON object per line",
            )
        }
    };
    let Some(mut entries) = fields.0 else {
        return bad(
            "line is not a JSON object".to_string(),
            "write one JSON object per line, e.g. {\"id\": \"c1\", \"text\": \"...\"}",
        );
    };
    // A key given twice: JSON readers disagree on which value wins (serde's
    // map keeps the last), so neither is taken.
    for (i, (k, _)) in entries.iter().enumerate() {
        if entries[..i].iter().any(|(e, _)| e == k) {
            return bad(
                format!("key \"{k}\" appears twice in the object"),
                "give each key once",
            );
        }
    }
    let keys: Vec<String> = entries.iter().map(|(k, _)| k.clone()).collect();
    let mut string = |k: &str| -> Result<Option<String>, String> {
        let value = entries
            .iter()
            .position(|(e, _)| e == k)
            .map(|at| entries.swap_remove(at).1);
        match value {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
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
        Err(m) => return bad(m, "fix the field's type"),
    };
    let Some(id) = id.filter(|s| !s.trim().is_empty()) else {
        return bad(
            "object has no \"id\"".to_string(),
            "give every claim or article an \"id\"",
        );
    };
    // The keys README names, and no others: a misspelt key ("as-of",
    // "txt") would otherwise be dropped without a word.
    let rest_keys = |has_text: bool, has_body: bool| -> Result<(), IngestError> {
        let (kind, allowed, hint) = match (has_text, has_body) {
            (true, true) => return Err(IngestError::new(
                name,
                Some(line),
                "object has both \"text\" (a claim) and \"body\" (an article)",
                "a line is one claim (\"text\") or one archive article (\"body\"); split it in two",
            )),
            (true, false) => ("a claim line", CLAIM_KEYS.as_slice(), CLAIM_KEYS_HINT),
            (false, true) => (
                "an archive article line",
                ARTICLE_KEYS.as_slice(),
                ARTICLE_KEYS_HINT,
            ),
            (false, false) => return Ok(()),
        };
        match keys.iter().find(|k| !allowed.contains(&k.as_str())) {
            Some(k) => Err(IngestError::new(
                name,
                Some(line),
                format!("unknown key \"{k}\" for {kind}"),
                hint,
            )),
            None => Ok(()),
        }
    };
    let rest = (|| {
        rest_keys(text.is_some(), body.is_some())?;
        let date_text = as_of.or(date);
        let date = match date_text.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(s) => match parse_as_of(s) {
                Ok(d) => Some(d),
                Err(m) => {
                    return Err(IngestError::new(
                        name,
                        Some(line),
                        m,
                        "fix the date or leave it out",
                    ))
                }
            },
        };
        let (kind, text, document) = match (text, body) {
            (Some(text), _) => (
                SourceKind::ClaimRow { id: id.clone() },
                text,
                document.unwrap_or_else(|| name.to_string()),
            ),
            (None, Some(body)) => (
                SourceKind::ArchiveArticle { id: id.clone() },
                body,
                format!("{name}#{id}"),
            ),
            (None, None) => {
                return Err(IngestError::new(
                    name,
                    Some(line),
                    "object has neither \"text\" (a claim) nor \"body\" (an article)",
                    "claims need \"text\"; archive articles need \"body\"",
                ))
            }
        };
        // A claim whose text appears verbatim in the line keeps file
        // offsets; one with JSON escapes, and every archive article, is
        // located relative to itself.
        let byte = match kind {
            SourceKind::ClaimRow { .. } if !text.is_empty() => {
                raw.find(text.as_str()).map(|i| start + i)
            }
            _ => None,
        };
        let origin = match byte {
            Some(b) => origin_in_line(file, start, line, b),
            None => Origin {
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
        let (ignores, problems) = if source.kind.is_article() {
            super::markers::scan(&mut source)
        } else {
            (Vec::new(), Vec::new())
        };
        Ok((source, ignores, problems))
    })();
    LineRead::Entry { id, rest }
}

/// The origin of byte `byte` of `file`, which lies on line `line`, a line
/// that starts at `start` (or after a byte-order mark there) and holds no
/// line break before `byte`: what [`line_col`] gives, without counting the
/// lines before it again.
fn origin_in_line(file: &str, start: usize, line: u64, byte: usize) -> Origin {
    // Line 1 starts at the file's first byte, before any byte-order mark.
    let line_start = if line == 1 { 0 } else { start };
    let (_, column) = line_col(&file[line_start..], byte - line_start);
    Origin {
        byte: Some(byte),
        line: line as usize,
        column,
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

    /// Each row's origin is what counting from the file's start gives, with
    /// CRLF and LF lines, a byte-order mark, non-ASCII text and quoted
    /// fields that span lines before the text.
    #[test]
    fn csv_origins_count_from_the_row() {
        let body = "id,document,text\r\nc1,x,Syria — 21 million\r\nc2,\"two\r\nlines\",Ünited 3 million\nc3,,\"quoted, 4 million\"\n";
        for (file, bom) in [(body.to_string(), 0), (format!("\u{feff}{body}"), 3)] {
            let mut out = Ingested::default();
            read_csv("c.csv", &file, bom, &mut out);
            assert!(out.errors.is_empty(), "{:?}", out.errors);
            assert_eq!(out.sources.len(), 3);
            for s in &out.sources {
                let byte = s.origin.byte.expect("the text is found in its row");
                assert_eq!(
                    (s.origin.line, s.origin.column),
                    line_col(&file, byte),
                    "{}",
                    s.text
                );
            }
            assert_eq!(out.sources[1].origin.line, 4);
        }
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
        assert_eq!(
            out.sources[1].kind,
            SourceKind::ArchiveArticle {
                id: "reuters-1".into()
            }
        );
        assert_eq!(out.sources[1].text, "Line one.\nLine two.");
        let lines: Vec<_> = out.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![Some(4), Some(5)]);
    }

    /// The last line is read whether or not a newline ends it, and CRLF
    /// line ends are lines like LF ones.
    #[test]
    fn jsonl_last_line_with_or_without_newline() {
        for f in [
            "{\"id\":\"c1\",\"text\":\"4 million\"}\r\n{\"id\":\"c2\",\"text\":\"5 million\"}",
            "{\"id\":\"c1\",\"text\":\"4 million\"}\r\n{\"id\":\"c2\",\"text\":\"5 million\"}\n",
        ] {
            let out = read("c.jsonl", f, false);
            assert!(out.errors.is_empty(), "{:?}", out.errors);
            let texts: Vec<&str> = out.sources.iter().map(|s| s.text.as_str()).collect();
            assert_eq!(texts, ["4 million", "5 million"]);
            assert_eq!(out.sources[1].origin.line, 2);
        }
        assert!(read("c.jsonl", "", false).sources.is_empty());
    }

    /// Claim rows keep their file line and column, counted in characters
    /// from the line's start (the first line's from the file's first byte,
    /// a byte-order mark included), as `line_col` counts them.
    #[test]
    fn jsonl_claim_rows_keep_file_positions() {
        let f = "\u{feff}{\"id\":\"c1\",\"text\":\"4 million\"}\n\n{\"id\":\"c2\",\"url\":\"é\",\"text\":\"5 million\"}\n{\"id\":\"c3\",\"text\":\"6\\nmillion\"}\n";
        let mut out = Ingested::default();
        read_jsonl("c.jsonl", f, 3, &mut out);
        assert!(out.errors.is_empty(), "{:?}", out.errors);
        assert_eq!(out.sources.len(), 3);
        for s in &out.sources[..2] {
            let byte = s.origin.byte.unwrap();
            assert!(f[byte..].starts_with(&s.text));
            assert_eq!(
                (s.origin.line, s.origin.column),
                line_col(f, byte),
                "{}",
                s.text
            );
        }
        assert_eq!(out.sources[1].origin.line, 3);
        let escaped = &out.sources[2].origin;
        assert_eq!((escaped.byte, escaped.line, escaped.column), (None, 1, 1));
    }

    /// Problems are reported in line order whatever thread read the line,
    /// and a later duplicate id is reported as such, not for its other faults.
    #[test]
    fn jsonl_problems_in_line_order() {
        let mut f = String::new();
        for i in 0..500 {
            match i % 5 {
                0 => f.push_str("{\"id\":\"a\",\"text\":\"1 million\"}\n"),
                1 => f.push_str("{\"id\":\"a\",\"as_of\":\"never\",\"text\":\"x\"}\n"),
                2 => f.push_str(&format!(
                    "{{\"id\":\"b{i}\",\"as_of\":\"never\",\"text\":\"x\"}}\n"
                )),
                3 => f.push_str("{\"text\": 3}\n"),
                _ => f.push_str(&format!("{{\"id\":{i},\"text\":\"2 million\"}}\n")),
            }
        }
        let out = read("c.jsonl", &f, false);
        assert_eq!(out.sources.len(), 101);
        let lines: Vec<u64> = out.errors.iter().map(|e| e.line.unwrap()).collect();
        let mut sorted = lines.clone();
        sorted.sort();
        assert_eq!(lines, sorted);
        assert_eq!(out.errors.len(), 99 + 100 + 100 + 100);
        assert!(out.errors[0].message.contains("duplicate claim id \"a\""));
        assert!(
            out.errors[1].message.contains("not a date"),
            "{}",
            out.errors[1].message
        );
        assert!(out.errors[2].message.contains("\"text\" must be a string"));
        assert!(out.errors[3].message.contains("duplicate"));
    }
}
