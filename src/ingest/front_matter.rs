//! Articles: plain text, or Markdown with an optional `---` front matter block
//! giving `date`, `title`, `url` and `claimcheck-ignore`. Takes a file's
//! text; gives its [`Source`], or the first problem at its line. One of
//! these keys given twice is an error (a reader cannot know which was
//! meant), and so is a `claimcheck-ignore` with no reason; other keys
//! belong to the site generator and are not judged.

use super::{parse_as_of, IngestError, Origin, Source, SourceKind};

/// Split an article into its front matter fields and its body. The body keeps
/// its file offsets so spans stay file positions.
pub fn split(name: &str, text: &str, bom: usize, markdown: bool) -> Result<Source, IngestError> {
    let mut source = Source {
        document: name.to_string(),
        kind: SourceKind::Article,
        text: String::new(),
        origin: Origin {
            byte: Some(bom),
            line: 1,
            column: 1,
        },
        date: None,
        title: None,
        url: None,
        ignore: None,
    };
    let rest = &text[bom..];
    let first_line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    let opens = markdown && rest[..first_line_end].trim_end() == "---";
    if !opens {
        source.text = rest.to_string();
        return Ok(source);
    }
    let mut offset = first_line_end;
    let mut line_no = 2u64;
    // The line each of our keys was first given on.
    let mut seen: Vec<(&str, u64)> = Vec::new();
    loop {
        if offset >= rest.len() {
            return Err(IngestError::new(
                name,
                Some(1),
                "front matter opened with --- is never closed",
                "end the front matter with a line holding only ---",
            ));
        }
        let end = rest[offset..]
            .find('\n')
            .map_or(rest.len(), |i| offset + i + 1);
        let line = rest[offset..end].trim_end_matches(['\n', '\r']);
        offset = end;
        if line.trim_end() == "---" {
            break;
        }
        let trimmed = line.trim();
        if !trimmed.is_empty() && !trimmed.starts_with('#') {
            let Some((key, value)) = trimmed.split_once(':') else {
                return Err(IngestError::new(
                    name,
                    Some(line_no),
                    format!("front matter line \"{trimmed}\" is not `key: value`; is the closing --- missing?"),
                    "write front matter as `date: 2017-11-11`, `title: ...`, `url: ...`",
                ));
            };
            let value = value.trim().trim_matches(['"', '\'']).to_string();
            let key = key.trim();
            if matches!(key, "date" | "title" | "url" | "claimcheck-ignore") {
                if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
                    return Err(IngestError::new(
                        name,
                        Some(line_no),
                        format!("front matter key \"{key}\" given twice (first on line {first})"),
                        "keep one of the two lines",
                    ));
                }
                seen.push((key, line_no));
            }
            match key {
                "date" => {
                    let date = parse_as_of(&value).map_err(|m| {
                        IngestError::new(
                            name,
                            Some(line_no),
                            format!("front matter date: {m}"),
                            "fix the date, e.g. `date: 2017-11-11`",
                        )
                    })?;
                    source.date = Some(date);
                }
                "title" => source.title = Some(value),
                "url" => source.url = Some(value),
                "claimcheck-ignore" if value.trim().is_empty() => {
                    return Err(IngestError::new(
                        name,
                        Some(line_no),
                        "front matter claimcheck-ignore without a reason",
                        "say why the article is not checked: `claimcheck-ignore: satire, not reporting`",
                    ))
                }
                "claimcheck-ignore" => source.ignore = Some(value),
                // Other keys belong to the site generator; they are not ours to judge.
                _ => {}
            }
        }
        line_no += 1;
    }
    source.text = rest[offset..].to_string();
    source.origin = Origin {
        byte: Some(bom + offset),
        line: line_no as usize + 1,
        column: 1,
    };
    Ok(source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_fields_and_body_offset() {
        let md = "---\ndate: 2018-03-20\ntitle: \"War\"\nurl: https://x.org/a\nlayout: post\n---\nBody here.\n";
        let s = split("a.md", md, 0, true).unwrap();
        assert_eq!(s.date.unwrap().to_string(), "2018-03-20");
        assert_eq!(s.title.as_deref(), Some("War"));
        assert_eq!(s.url.as_deref(), Some("https://x.org/a"));
        assert_eq!(s.text, "Body here.\n");
        assert_eq!(&md[s.origin.byte.unwrap()..], "Body here.\n");
        assert_eq!(s.origin.line, 7);
    }

    #[test]
    fn bad_date_names_its_line() {
        let e = split(
            "a.md",
            "---\ntitle: x\ndate: 2018-02-30\n---\nBody",
            0,
            true,
        )
        .unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("2018-02-30"));
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        assert!(split("a.md", "---\ndate: 2018-01-01\nBody", 0, true).is_err());
    }

    #[test]
    fn plain_text_has_no_front_matter() {
        let s = split("a.txt", "---\ndate: 2018-01-01\n---\nBody", 0, false).unwrap();
        assert!(s.date.is_none());
        assert!(s.text.starts_with("---"));
    }
}
