//! claimcheck's own reports among the inputs: takes a file's format and
//! bytes, tells whether claimcheck wrote it (a report sent with `--output`
//! into the folder being checked), so the next run does not read its own
//! report back as articles or claims.
//!
//! A report is known by what its format always writes, never by its name:
//! Markdown opens with `# claimcheck report`; CSV with the report's header
//! (`id,document,line,column,text,verdict,confidence,...`); JSON Lines
//! with a finding (`{"id":...,"span":{"start":...` and a `"verdict"`);
//! text holds the summary's `coverage: N quantity mentions, N read as
//! intervals, ...` line. (JSON, HTML, SARIF, JUnit and ClaimReview reports
//! have extensions claimcheck does not read at all.)

use super::Format;

/// Whether `bytes`, read as `format`, is a report claimcheck wrote.
pub fn is_report(format: Format, bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let first = first_line(bytes);
    match format {
        Format::Markdown => first == b"# claimcheck report",
        Format::Csv => first.starts_with(b"id,document,line,column,text,verdict,confidence,"),
        Format::Jsonl => {
            first.starts_with(b"{\"id\":")
                && contains(first, b",\"span\":{\"start\":")
                && contains(first, b",\"verdict\":\"")
        }
        Format::Text => memchr::memmem::find_iter(bytes, b"coverage: ").any(|at| {
            let line_start = at == 0 || bytes[at - 1] == b'\n';
            line_start && is_coverage_line(first_line(&bytes[at..]))
        }),
        Format::Sniff => false,
    }
}

fn first_line(bytes: &[u8]) -> &[u8] {
    let end = memchr::memchr(b'\n', bytes).unwrap_or(bytes.len());
    let line = &bytes[..end];
    line.strip_suffix(b"\r").unwrap_or(line)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(hay, needle).is_some()
}

/// `coverage: 41 quantity mentions, 40 read as intervals, ...`
fn is_coverage_line(line: &[u8]) -> bool {
    let Some(rest) = line.strip_prefix(b"coverage: ") else {
        return false;
    };
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    let Some(rest) = rest[digits..].strip_prefix(b" quantity mentions, ") else {
        return false;
    };
    let digits2 = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    digits > 0 && digits2 > 0 && rest[digits2..].starts_with(b" read as intervals, ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_and_near_misses() {
        assert!(is_report(
            Format::Markdown,
            b"# claimcheck report\n\nclaimcheck 0.1.0"
        ));
        assert!(!is_report(
            Format::Markdown,
            b"# claimcheck reports are useful\n"
        ));
        assert!(is_report(
            Format::Csv,
            b"id,document,line,column,text,verdict,confidence,metric\r\nc1,..."
        ));
        assert!(!is_report(Format::Csv, b"id,text,as_of\nc1,x,2017\n"));
        assert!(is_report(
            Format::Jsonl,
            b"{\"id\":\"c01\",\"document\":\"a.md\",\"span\":{\"start\":48,\"end\":65},\"verdict\":\"supported\"}\n"
        ));
        assert!(!is_report(
            Format::Jsonl,
            b"{\"id\":\"c1\",\"text\":\"5 million\"}\n"
        ));
        assert!(is_report(
            Format::Text,
            b"a.md:1:1  SUPPORTED\n\n1 claim: 1 supported, 0 contradicted, 0 unverifiable\ncoverage: 1 quantity mentions, 1 read as intervals, 1 matched to reference rows, 1 with a verdict\n"
        ));
        assert!(!is_report(
            Format::Text,
            b"The coverage: 5 quantity mentions were found, said the report.\n"
        ));
    }
}
