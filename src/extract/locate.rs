//! Where a claim is and what it is called: the byte, line and column of a
//! figure in its source, the claim's id, and the document's subjects ranked
//! by how often its known names occur.

use super::*;

/// Known names of a document, most mentioned first (ties: first seen).
pub(super) fn rank_names(text: &str, known: &[Range<usize>]) -> Vec<String> {
    // Counted by the borrowed name: a copy is made once per name, not per
    // mention.
    let mut counts: FxMap<&str, (usize, usize)> = FxMap::default();
    for (order, r) in known.iter().enumerate() {
        let e = counts.entry(&text[r.clone()]).or_insert((0, order));
        e.0 += 1;
    }
    let mut names: Vec<(&str, (usize, usize))> = counts.into_iter().collect();
    // No two names were first seen at the same place: the order is total.
    names.sort_unstable_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.1 .1.cmp(&b.1 .1)));
    names.into_iter().map(|(n, _)| n.to_string()).collect()
}

/// Offset in the source's coordinates: file bytes when the text sits verbatim
/// in its file, else the offset in the text.
pub(super) fn position(source: &Source, local: usize) -> usize {
    source.origin.byte.map_or(local, |b| b + local)
}

/// Maps offsets in a source's text to file lines and columns, walking
/// forward from the last offset asked (claims come in text order), so a
/// long text costs one pass, not one pass per claim.
#[derive(Clone)]
pub(super) struct Locator<'s> {
    pub(super) source: &'s Source,
    pub(super) offset: usize,
    pub(super) line: usize,
    /// Characters since the start of the current line.
    pub(super) chars: usize,
    /// Whether the cursor is still on the text's first line.
    pub(super) first_line: bool,
}

impl<'s> Locator<'s> {
    pub(super) fn new(source: &'s Source) -> Locator<'s> {
        Locator {
            source,
            offset: 0,
            line: source.origin.line,
            chars: 0,
            first_line: true,
        }
    }

    pub(super) fn span(&mut self, local: Range<usize>) -> Span {
        if local.start < self.offset {
            *self = Locator::new(self.source);
        }
        // Lines by their newlines, characters by the bytes that start one
        // (all but UTF-8's continuation bytes).
        let gap = &self.source.text.as_bytes()[self.offset..local.start];
        let chars = |bytes: &[u8]| bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count();
        match memchr::memrchr(b'\n', gap) {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', gap).count();
                self.chars = chars(&gap[last + 1..]);
                self.first_line = false;
            }
            None => self.chars += chars(gap),
        }
        self.offset = local.start;
        let column = if self.first_line {
            self.source.origin.column + self.chars
        } else {
            self.chars + 1
        };
        Span {
            start: position(self.source, local.start),
            end: position(self.source, local.end),
            line: self.line,
            column,
        }
    }
}

/// Append `n` in decimal.
pub(super) fn push_decimal(out: &mut String, n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[at..] {
        out.push(char::from(d));
    }
}

/// Gives each claim of `source` its id: the source's, and `#n` (from 1)
/// when the source holds several claims or is an article.
pub(super) fn name_claims(source: &Source, claims: &mut [Claim]) {
    let base = source.id_base();
    let many = claims.len() > 1 || source.kind.is_article();
    for (n, c) in claims.iter_mut().enumerate() {
        // Built by hand: `format!` was 3 % of extraction, one call per claim.
        let mut id = String::with_capacity(base.len() + 6);
        id.push_str(&base);
        if many {
            id.push('#');
            push_decimal(&mut id, n + 1);
        }
        c.id = id;
    }
}
