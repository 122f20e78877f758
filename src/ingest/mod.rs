//! ingest: paths in, [`Source`] texts out.
//!
//! Takes the paths a user names (files, folders walked recursively in sorted
//! order, `-` for stdin) and reads each into the texts that extraction works
//! on: an article (`.txt`, `.md` with front matter, one line of a JSON Lines
//! archive) or one row of a claim file (`.csv`, `.jsonl`). Every text keeps
//! where it came from, so each claim can be traced to file, byte, line and
//! column. Problems are returned as [`IngestError`]s that name the file and
//! line; one bad file never stops the others from being read.

mod claims;
pub mod file;
mod front_matter;
pub mod markers;
mod reports;
pub mod sentences;
pub mod stdin;
mod walk;

use std::path::Path;

use crate::model::Date;

pub use markers::IgnoreRange;
pub use walk::{bytes_given, collect_files, display as display_path};

/// Where a text's first byte sits in its file, so spans inside the text can
/// be mapped back to file positions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin {
    /// Byte offset of the text in the file, or `None` when the text was
    /// unescaped from JSON and offsets are relative to the text itself.
    pub byte: Option<usize>,
    /// 1-based line of the text's first byte in the file.
    pub line: usize,
    /// 1-based column (in characters) of the text's first byte.
    pub column: usize,
}

/// What kind of text a [`Source`] is.
#[derive(Clone, Debug, PartialEq)]
pub enum SourceKind {
    /// An article file: every quantity in it is a claim, ids are `name#n`
    /// (the file's name without its folders).
    Article,
    /// An article of a JSON Lines archive: every quantity in it is a claim,
    /// ids are its `id` and `#n`, whether the archive was named by a path
    /// or piped in, so a claim keeps its id on any entry point.
    ArchiveArticle { id: String },
    /// One row of a claim file: its id is the row's id (plus `#n` when the
    /// row holds several quantities), and a row with no quantity is still
    /// reported.
    ClaimRow { id: String },
}

/// One text to check, with everything known about where it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    /// The document name shown in reports (the path as given, or `path#id`
    /// for an article inside an archive).
    pub document: String,
    pub kind: SourceKind,
    /// The text claims are extracted from.
    pub text: String,
    pub origin: Origin,
    /// The text's own date: an article's `date`, a claim row's `as_of`.
    pub date: Option<Date>,
    pub title: Option<String>,
    pub url: Option<String>,
    /// Set when the row or article asks to be skipped, with the reason
    /// (an `ignore` column in claim files).
    pub ignore: Option<String>,
}

impl SourceKind {
    /// Whether the text is an article (a file or an archive's), whose every
    /// quantity is a claim.
    pub fn is_article(&self) -> bool {
        matches!(
            self,
            SourceKind::Article | SourceKind::ArchiveArticle { .. }
        )
    }
}

impl Source {
    /// Id prefix of claims found in this source.
    pub fn id_base(&self) -> String {
        match &self.kind {
            SourceKind::ClaimRow { id } | SourceKind::ArchiveArticle { id } => id.clone(),
            SourceKind::Article => {
                // The name after the last '/' or '\\', but for the '\\' of
                // a byte of a file name that is not UTF-8 (`\xFF`, from
                // `display_path`), which is part of the name.
                let doc = &self.document;
                let cut = doc
                    .char_indices()
                    .rev()
                    .find(|&(i, c)| c == '/' || (c == '\\' && !is_byte_escape(&doc[i..])))
                    .map_or(0, |(i, _)| i + 1);
                doc[cut..].to_string()
            }
        }
    }
}

/// Whether `s` starts with a byte escape as `display_path` writes one:
/// `\x` and two upper-case hex digits.
fn is_byte_escape(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 4
        && b.starts_with(b"\\x")
        && b[2..4]
            .iter()
            .all(|c| c.is_ascii_digit() || (b'A'..=b'F').contains(c))
}

pub use crate::model::Problem as IngestError;

/// Everything read from the inputs: the texts, in input order, and every
/// problem met on the way.
#[derive(Debug, Default)]
pub struct Ingested {
    pub sources: Vec<Source>,
    pub errors: Vec<IngestError>,
    /// Files inside folders that were skipped because their extension is not
    /// one claimcheck reads.
    pub skipped: Vec<String>,
    /// What the inline `<!-- claimcheck-ignore: reason -->` markers of
    /// articles cover.
    pub ignores: Vec<IgnoreRange>,
    /// Entries of folders that are neither files nor folders (a FIFO, a
    /// socket, a device, after following links), skipped, with what each is.
    pub special: Vec<(String, &'static str)>,
    /// How many hidden entries (names starting with `.`) folder walks left out.
    pub hidden: usize,
    /// Files left out because they are claimcheck's own reports (written
    /// with `--output` into a folder being checked): see [`reports`].
    pub reports: Vec<String>,
    /// Paths named that gave nothing at all (an empty folder, one whose
    /// files were all left out) in a run that read something else.
    pub empty: Vec<String>,
}

impl Ingested {
    /// What a user should know about the inputs that is no error: the
    /// entries folder walks skipped besides files of unknown types (which
    /// the caller words itself), one note each kind.
    pub fn notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if !self.special.is_empty() {
            let shown: Vec<String> = self
                .special
                .iter()
                .take(5)
                .map(|(name, what)| format!("{name} ({what})"))
                .collect();
            let more = match self.special.len() {
                n if n > 5 => format!(" and {} more", n - 5),
                _ => String::new(),
            };
            notes.push(format!(
                "skipped {} entr{} that {} not a regular file or folder: {}{more}; claimcheck reads only regular files, so a pipe or a device never stalls a run",
                self.special.len(),
                if self.special.len() == 1 { "y" } else { "ies" },
                if self.special.len() == 1 { "is" } else { "are" },
                shown.join(", ")
            ));
        }
        if !self.reports.is_empty() {
            let shown: Vec<&str> = self.reports.iter().take(5).map(String::as_str).collect();
            let more = match self.reports.len() {
                n if n > 5 => format!(" and {} more", n - 5),
                _ => String::new(),
            };
            notes.push(format!(
                "skipped {} claimcheck report{}: {}{more} (a report claimcheck wrote is not read back as input; write --output outside the folders checked)",
                self.reports.len(),
                if self.reports.len() == 1 { "" } else { "s" },
                shown.join(", ")
            ));
        }
        for path in &self.empty {
            notes.push(format!(
                "nothing was read from {path}: no article or claim file in it (or every one left out)"
            ));
        }
        if self.hidden > 0 {
            notes.push(format!(
                "skipped {} hidden file{} or folder{} (names starting with \".\"); name one to read it",
                self.hidden,
                if self.hidden == 1 { "" } else { "s" },
                if self.hidden == 1 { "" } else { "s" },
            ));
        }
        notes
    }
}

/// Read every path: files by extension, folders recursively in sorted order,
/// `-` from `stdin`.
///
/// An `ignore` pattern that would leave out every path (`""`, `/`, `.`) is
/// an error and is not applied. A run that reads no text at all, with no
/// other error to show for it (an empty folder, every file ignored or of
/// an unknown type), is an error too: a check that checks nothing must not
/// pass unseen.
pub fn read_paths(paths: &[String], ignore: &[String], stdin: &mut dyn std::io::Read) -> Ingested {
    read_paths_with(paths, ignore, stdin, &mut |_| {})
}

/// [`read_paths`], handing what has been read to `flush` before standard
/// input is read and after each batch of it (see [`stdin`]): `flush` may
/// take the sources and ignore ranges out of the [`Ingested`] it is given
/// (and check them), so a long piped archive is never held whole. The
/// problems and notes stay, in order; the caller takes the rest at the end.
pub fn read_paths_with(
    paths: &[String],
    ignore: &[String],
    stdin: &mut dyn std::io::Read,
    flush: &mut dyn FnMut(&mut Ingested),
) -> Ingested {
    let mut out = Ingested::default();
    let ignore = walk::ignore_patterns(ignore, &mut out);
    let ignore = ignore.as_slice();
    let cwd = std::env::current_dir().ok().map(|d| walk::display(&d));
    for p in paths {
        if p == "-" {
            flush(&mut out);
            stdin::read(stdin, &mut out, flush);
            continue;
        }
        let before = (
            out.sources.len(),
            out.errors.len(),
            out.reports.len(),
            out.skipped.len(),
        );
        let files = walk::collect_files(Path::new(p), ignore, &mut out);
        let gave_files = !files.is_empty();
        for file in files {
            let name = walk::document_name(&file, cwd.as_deref());
            let format = match Format::of(&file) {
                Some(f) => f,
                None => {
                    out.errors.push(IngestError::new(
                        &name,
                        None,
                        "unknown file type",
                        "claimcheck reads .txt and .md articles, .csv and .jsonl claim files, and .jsonl article archives",
                    ));
                    continue;
                }
            };
            match file::read_capped(&file, MAX_INPUT_BYTES) {
                Ok(bytes) if reports::is_report(format, &bytes) => out.reports.push(name),
                Ok(bytes) => read_bytes(&name, format, bytes, &mut out),
                Err(file::ReadError::TooLarge { size, .. }) => out.errors.push(IngestError::new(
                    &name,
                    None,
                    match size {
                        Some(size) => format!("file is {} MB; claimcheck reads inputs of at most {} MB", size >> 20, MAX_INPUT_BYTES >> 20),
                        None => format!("file holds more than {} MB (more than its size on disk said); claimcheck reads inputs of at most that", MAX_INPUT_BYTES >> 20),
                    },
                    "split the archive or claim file into smaller files (a folder of them is read in one run)",
                )),
                Err(e @ file::ReadError::NotRegular(_)) => out.errors.push(IngestError::new(
                    &name,
                    None,
                    format!("not read: {e}"),
                    "give an article, a claim file or a folder of them; to pipe text in, give - and send it to standard input",
                )),
                Err(file::ReadError::Io(e)) => out.errors.push(IngestError::new(
                    &name,
                    None,
                    format!("cannot read file: {e}"),
                    "check that the path exists and is readable",
                )),
            }
        }
        let after = (
            out.sources.len(),
            out.errors.len(),
            out.reports.len(),
            out.skipped.len(),
        );
        if !gave_files && before == after {
            out.empty.push(walk::display(Path::new(p)));
        }
    }
    // Standard input given is a run on what it held, even nothing.
    if out.sources.is_empty() && out.errors.is_empty() && !paths.iter().any(|p| p == "-") {
        out.empty.clear();
        let named = paths.join(", ");
        out.errors.push(IngestError::new(
            &named,
            None,
            "nothing to check: no article or claim file was read",
            "claimcheck reads .txt and .md articles and .csv and .jsonl claim files; check the path, and the --ignore patterns (and ignore in claimcheck.toml)",
        ));
    }
    out
}

/// The largest article, claim file or archive read whole into memory: the
/// memory a run needs should grow with the reference data and the number of
/// inputs, not with one oversized file.
pub const MAX_INPUT_BYTES: u64 = 512 << 20;

/// How a file's bytes are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Csv,
    Jsonl,
    /// Standard input: JSON Lines when it starts with `{`, else an article.
    Sniff,
}

impl Format {
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "csv" => Some(Format::Csv),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            _ => None,
        }
    }
}

/// Read one input's bytes into sources (or errors).
pub fn read_bytes(name: &str, format: Format, bytes: Vec<u8>, out: &mut Ingested) {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e)
            if e.as_bytes().starts_with(b"\xff\xfe") || e.as_bytes().starts_with(b"\xfe\xff") =>
        {
            out.errors.push(IngestError::new(
                name,
                Some(1),
                "this file is UTF-16 (it starts with a UTF-16 byte-order mark); claimcheck reads UTF-8",
                "save it as UTF-8 (for example: iconv -f UTF-16 -t UTF-8)",
            ));
            return;
        }
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let line = 1 + e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() as u64;
            out.errors.push(IngestError::new(
                name,
                Some(line),
                format!("invalid UTF-8 at byte {at}"),
                "save the file as UTF-8 (for example: iconv -f latin1 -t utf-8)",
            ));
            return;
        }
    };
    read_text(name, format, &text, out);
}

/// Read one input's text (its bytes already known to be UTF-8) into
/// sources (or errors).
pub fn read_text(name: &str, format: Format, text: &str, out: &mut Ingested) {
    // A byte-order mark is not part of the text; offsets stay file offsets.
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    if text[bom..].trim().is_empty() {
        out.errors.push(IngestError::new(
            name,
            None,
            "file is empty",
            "give a file with an article or claims in it, or leave it out",
        ));
        return;
    }
    let format = match format {
        Format::Sniff if text[bom..].trim_start().starts_with('{') => Format::Jsonl,
        Format::Sniff => Format::Text,
        f => f,
    };
    match format {
        Format::Text | Format::Markdown => {
            match front_matter::split(name, text, bom, format == Format::Markdown) {
                Ok(mut article) => {
                    // A faulty marker is reported and covers nothing; the
                    // article is checked all the same.
                    let (ignores, problems) = markers::scan(&mut article);
                    out.sources.push(article);
                    out.ignores.extend(ignores);
                    out.errors.extend(problems);
                }
                Err(e) => out.errors.push(e),
            }
        }
        Format::Csv => claims::read_csv(name, text, bom, out),
        Format::Jsonl => claims::read_jsonl(name, text, bom, out),
        Format::Sniff => unreachable!("resolved above"),
    }
}

/// Parse an ISO date (`2017-11-11`), a month (`2017-11`, taken as its last
/// day) or a year (`2017`, taken as 31 December) given as an as-of date.
pub fn parse_as_of(s: &str) -> Result<Date, String> {
    let s = s.trim();
    let bad = || format!("\"{s}\" is not a date; write it as YYYY-MM-DD (or YYYY-MM, or YYYY)");
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str| -> Result<i16, String> {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) || p.len() > 4 {
            return Err(bad());
        }
        p.parse::<i16>().map_err(|_| bad())
    };
    // Month and day must fit their field, not wrap ("2017-268" is no date).
    let small = |n: i16| i8::try_from(n).map_err(|_| bad());
    match parts.as_slice() {
        [y] if y.len() == 4 => Date::new(num(y)?, 12, 31).map_err(|_| bad()),
        [y, m] if y.len() == 4 => {
            let first = Date::new(num(y)?, small(num(m)?)?, 1).map_err(|_| bad())?;
            Ok(first.last_of_month())
        }
        [y, m, d] if y.len() == 4 => Date::new(num(y)?, small(num(m)?)?, small(num(d)?)?)
            .map_err(|e| format!("{}: {e}", bad())),
        _ => Err(bad()),
    }
}

/// 1-based line and column of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = 1 + text
        .get(line_start..offset)
        .map_or(offset - line_start, |s| s.chars().count());
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_of_forms() {
        assert_eq!(parse_as_of("2017-11-11").unwrap().to_string(), "2017-11-11");
        assert_eq!(parse_as_of("2016-02").unwrap().to_string(), "2016-02-29");
        assert_eq!(parse_as_of("1987").unwrap().to_string(), "1987-12-31");
        assert!(parse_as_of("2017-13-01").is_err());
        assert!(parse_as_of("2017-02-30").is_err());
        assert!(
            parse_as_of("2017-268").is_err(),
            "a month that wraps is no month"
        );
        assert!(parse_as_of("2017-01-257").is_err());
        assert!(parse_as_of("yesterday").is_err());
        assert!(parse_as_of("").is_err());
    }

    #[test]
    fn line_and_column_count_characters() {
        let t = "ab\nçd e";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 3), (2, 1));
        assert_eq!(line_col(t, 6), (2, 3));
    }

    #[test]
    fn empty_and_invalid_utf8_are_errors_with_file_name() {
        let mut out = Ingested::default();
        read_bytes("a.txt", Format::Text, b"  \n".to_vec(), &mut out);
        read_bytes("b.txt", Format::Text, b"ok\n\xff".to_vec(), &mut out);
        assert_eq!(out.errors.len(), 2);
        assert_eq!(out.errors[0].file, "a.txt");
        assert!(out.errors[0].message.contains("empty"));
        assert_eq!(out.errors[1].line, Some(2));
        assert!(out.sources.is_empty());
    }

    #[test]
    fn stdin_sniffs_jsonl_and_text() {
        let mut out = Ingested::default();
        read_bytes(
            "<stdin>",
            Format::Sniff,
            b"{\"id\":\"a\",\"text\":\"x\"}\n".to_vec(),
            &mut out,
        );
        read_bytes(
            "<stdin>",
            Format::Sniff,
            b"Some article.".to_vec(),
            &mut out,
        );
        assert_eq!(out.sources.len(), 2, "{:?}", out.errors);
        assert_eq!(out.sources[0].kind, SourceKind::ClaimRow { id: "a".into() });
        assert_eq!(out.sources[1].kind, SourceKind::Article);
    }

    /// An archive's article is named by its own id, whatever the archive's
    /// name; an article file by its file name.
    #[test]
    fn archive_article_ids_do_not_name_the_archive() {
        let line = b"{\"id\":\"r-7\",\"body\":\"Some article.\"}\n";
        for name in ["<stdin>", "a/b/archive.jsonl", "c:\\x\\archive.jsonl"] {
            let mut out = Ingested::default();
            read_bytes(name, Format::Jsonl, line.to_vec(), &mut out);
            assert_eq!(out.sources[0].id_base(), "r-7", "{name}");
            assert_eq!(out.sources[0].document, format!("{name}#r-7"));
        }
        let mut out = Ingested::default();
        read_bytes("a/story.md", Format::Markdown, b"Text.".to_vec(), &mut out);
        assert_eq!(out.sources[0].id_base(), "story.md");
    }
}
