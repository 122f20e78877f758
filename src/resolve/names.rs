//! Entity names: the key a name is compared by, and a fuzzy matcher that
//! finds candidates through a blocking index of half-name deletion variants
//! (never a scan of every name; the cost of a lookup does not grow with the
//! number of names) and accepts one only when it is close, long enough and
//! unambiguous.

use std::sync::Mutex;

use super::edits;
use crate::util::FxMap;

/// The comparison key of a name: lower case, dots and apostrophes dropped,
/// other punctuation as spaces, "&" as "and", a leading "the " and a
/// possessive "'s" removed. "the U.S." and "US" share the key "us".
pub fn key(name: &str) -> String {
    if name.is_ascii() {
        ascii_key(name)
    } else {
        general_key(name)
    }
}

fn general_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = true;
    let lower = name.trim().to_lowercase();
    let lower = lower
        .strip_suffix("'s")
        .or_else(|| lower.strip_suffix("\u{2019}s"))
        .unwrap_or(&lower);
    for c in lower.chars() {
        match c {
            '.' | '\'' | '\u{2019}' => {}
            '&' => {
                if !space {
                    out.push(' ');
                }
                out.push_str("and ");
                space = true;
            }
            c if c.is_alphanumeric() => {
                out.push(c);
                space = false;
            }
            _ => {
                if !space {
                    out.push(' ');
                    space = true;
                }
            }
        }
    }
    let out = out.trim_end();
    out.strip_prefix("the ").unwrap_or(out).to_string()
}

/// [`key`] of an ASCII name, with one allocation (the general path
/// lowercases a copy first, which for non-ASCII text is not per-character:
/// a final sigma).
fn ascii_key(name: &str) -> String {
    let trimmed = name.trim().as_bytes();
    let trimmed = match trimmed {
        [rest @ .., b'\'', b's' | b'S'] => rest,
        _ => trimmed,
    };
    let mut out = String::with_capacity(trimmed.len() + 4);
    let mut space = true;
    for &b in trimmed {
        match b {
            b'.' | b'\'' => {}
            b'&' => {
                if !space {
                    out.push(' ');
                }
                out.push_str("and ");
                space = true;
            }
            b if b.is_ascii_alphanumeric() => {
                out.push(b.to_ascii_lowercase() as char);
                space = false;
            }
            _ => {
                if !space {
                    out.push(' ');
                    space = true;
                }
            }
        }
    }
    let end = out.trim_end().len();
    out.truncate(end);
    if out.starts_with("the ") {
        out.drain(..4);
    }
    out
}

/// The key with its last word in the singular ("elections" -> "election").
pub fn singular(key: &str) -> Option<String> {
    let stem = key.strip_suffix('s')?;
    if stem.ends_with('s') || stem.len() < 3 {
        return None;
    }
    Some(stem.to_string())
}

/// A fuzzy match and how close it is (1 - edits / longer length).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fuzzy {
    pub entity: u32,
    pub score: f64,
}

/// Blocking index over the keys of names eligible for fuzzy matching, whose
/// cost per lookup does not grow with the number of names.
///
/// A name within two edits of a query has a half (its first or second half
/// of characters) within one edit of the matching stretch of the query: of
/// two edits, one half holds at most one. Two strings within one edit share
/// a string of at most one deletion from each (a substitution deletes the
/// same place in both; an insertion is the other's deletion; a
/// transposition deletes one of the swapped letters on both sides). So the
/// index keeps, for each name, every at-most-one-deletion variant of each
/// half, hashed with the half and the name's length; a query looks up the
/// variants of its own stretches that could align with a half of a name of
/// each length within reach. The lookups depend on the query's length, not
/// on the number of names. Candidates are then checked with the real edit
/// distance.
///
/// Many names can share a half (on a large table, every name with the same
/// first word and length), so each entry also holds a letter code of the
/// name's other half. Where the query's stretch lines up with the half that
/// holds at most one edit, the other half lines up with the rest of the
/// query and holds at most the allowed edits (a transposition across the
/// middle is a substitution on each side, and then the side within one
/// edit holds one of them), so their codes are within twice the allowed
/// edits. A lookup drops the entries whose code is farther, without
/// reading the name.
#[derive(Debug, Default)]
pub struct FuzzyIndex {
    /// Every key's text, one after another (no allocation per name).
    text: String,
    /// (start, end) in `text` and the entity, by id.
    keys: Vec<(u32, u32, u32)>,
    /// Before `finish`: `hash << 32 | id << 1 | half`. After: sorted by
    /// hash, then each repacked as `other half's code << 32 | hash << bits
    /// | id` (the directory slot holds the hash's top `bits` bits; the id
    /// takes the low `id_bits` and the hash's next bits what remains).
    entries: Vec<u64>,
    /// Where the entries whose hash starts with each `bits`-bit prefix begin
    /// (one more slot for the end).
    directory: Vec<u32>,
    bits: u32,
    /// Mask of the id's bits in an entry.
    id_mask: u32,
    sorted: bool,
    /// Each key's [`letter_code`] in 32 buckets, by id: a first, cheap
    /// bound on the edits between a key and a query.
    codes: Vec<u64>,
    /// The 16-bucket codes of each key's halves, by id, until `finish`
    /// puts them in the entries of the other half.
    half_codes: Vec<[u32; 2]>,
    /// Buffers `insert` reuses.
    chars: Vec<char>,
    scratch: Vec<u32>,
    prefix: Vec<u64>,
    /// The answers given so far, by key: a lookup depends on its key
    /// alone, and a text names its subjects again and again (the
    /// archive's 13,800 claims with a metric name 2,300 subjects).
    answers: Mutex<FxMap<Box<str>, Option<Fuzzy>>>,
}

/// The most answers [`FuzzyIndex::find`] keeps.
const ANSWERS_KEPT: usize = 1 << 16;

/// Names shorter than this are never fuzzy targets (no edits allowed).
const MIN_FUZZY_LEN: usize = 5;

/// Edits allowed for a name of `len` characters: none under 5 (Iran/Iraq,
/// Mali), one under 10 (Austria/Australia need two; "Ruritania" is two from
/// Mauritania), two from 10 on ("Phillipines").
fn allowed_edits(len: usize) -> usize {
    match len {
        0..MIN_FUZZY_LEN => 0,
        5..=9 => 1,
        _ => 2,
    }
}

/// Multiplier of the polynomial hash of a string.
const P: u64 = 0x100_0000_01b3;

/// A 64-bit finalizer (MurmurHash3's), so nearby polynomial sums spread.
fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// What a half's variants are hashed with: which half, the name's length
/// and its first letter (a fuzzy match keeps the first letter, so names
/// with another one need not be candidates).
fn half_tag(half: u64, name_len: usize, first: char) -> u64 {
    fmix(half.wrapping_mul(P) ^ ((name_len as u64) << 32) ^ first as u64)
}

/// Which at-most-one-deletion variants of a string to hash.
#[derive(Clone, Copy, PartialEq)]
enum Variants {
    /// The string itself.
    Whole,
    /// Its one-deletion variants.
    Deletions,
    /// The string and its one-deletion variants.
    Both,
}

/// The `which` variants of `part`, hashed with `tag`, deleting from
/// position `from` on. The first half starts at 1: with the first letters
/// equal, deleting the first letter gives what deleting the second does
/// whenever it is needed at all. Linear in the part's length: each
/// variant's polynomial hash comes from prefix sums (`prefix` is a buffer
/// to reuse) and a suffix sum built from the end.
fn variants(
    tag: u64,
    part: &[char],
    from: usize,
    which: Variants,
    prefix: &mut Vec<u64>,
    out: &mut Vec<u32>,
) {
    let n = part.len();
    let hash = |h: u64, len: usize| {
        (fmix(h ^ tag ^ (len as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)) >> 32) as u32
    };
    // prefix[i]: hash of part[..i].
    prefix.clear();
    prefix.push(0);
    for (i, &c) in part.iter().enumerate() {
        prefix.push(prefix[i].wrapping_mul(P).wrapping_add(c as u64 + 1));
    }
    if which != Variants::Deletions {
        out.push(hash(prefix[n], n));
    }
    if which == Variants::Whole {
        return;
    }
    // suffix: hash of part[skip + 1..]; power: P^(n - 1 - skip).
    let (mut suffix, mut power) = (0u64, 1u64);
    for skip in (from..n).rev() {
        // Deleting either of two equal neighbours gives the same string.
        if skip == from || part[skip] != part[skip - 1] {
            out.push(hash(
                prefix[skip].wrapping_mul(power).wrapping_add(suffix),
                n - 1,
            ));
        }
        suffix = suffix.wrapping_add((part[skip] as u64 + 1).wrapping_mul(power));
        power = power.wrapping_mul(P);
    }
}

/// Ask the CPU to start loading the cache line at `p` (a hint: no effect
/// on results, nothing read or written).
#[inline]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint that never faults, whatever the address.
    unsafe {
        std::arch::x86_64::_mm_prefetch(p.cast::<i8>(), std::arch::x86_64::_MM_HINT_T0);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// The letter counts of `s` in `buckets` buckets (at most 32), each count
/// clamped at two, as a thermometer code: bit b says bucket b holds a
/// letter, bit `buckets + b` that it holds two. The bits two codes differ in
/// add up the clamped counts' differences, which is at most the letter
/// counts' difference, which an edit changes by at most two (a
/// substitution moves one letter out and one in, a transposition none): a
/// cheap bound on the edits between two strings. Counts tell apart names
/// that share a letter set, which long names mostly do.
fn letter_code(s: &[char], buckets: u32) -> u64 {
    let (mut one, mut two) = (0u64, 0u64);
    for &c in s {
        let bit = 1 << (c as u32 % buckets);
        two |= one & bit;
        one |= bit;
    }
    one | two << buckets
}

/// Letter counts of a name, in 64 buckets (letters sharing a bucket make
/// the distance smaller, never larger: still a lower bound).
struct Letters([u8; 64]);

impl Letters {
    fn of(s: &str) -> Letters {
        let mut counts = [0u8; 64];
        for c in s.chars() {
            let b = &mut counts[(c as usize) % 64];
            *b = b.saturating_add(1);
        }
        Letters(counts)
    }

    /// Sum of the count differences: at most twice the edits between the
    /// names (a substitution moves one letter out and one in).
    fn distance(&self, other: &Letters) -> usize {
        self.0
            .iter()
            .zip(&other.0)
            .map(|(a, b)| a.abs_diff(*b) as usize)
            .sum()
    }
}

impl FuzzyIndex {
    pub fn insert(&mut self, key: &str, entity: u32) {
        assert!(!self.sorted, "FuzzyIndex::insert after finish");
        let id = self.keys.len() as u32;
        assert!(id < 1 << 31, "FuzzyIndex: too many names");
        let mut chars = std::mem::take(&mut self.chars);
        chars.clear();
        chars.extend(key.chars());
        let (a, b) = chars.split_at(chars.len() / 2);
        if chars.len() >= MIN_FUZZY_LEN {
            let mut hashes = std::mem::take(&mut self.scratch);
            for (half, part, from) in [(0, a, 1), (1, b, 0)] {
                hashes.clear();
                let tag = half_tag(half, chars.len(), chars[0]);
                variants(
                    tag,
                    part,
                    from,
                    Variants::Both,
                    &mut self.prefix,
                    &mut hashes,
                );
                hashes.sort_unstable();
                hashes.dedup();
                self.entries.extend(
                    hashes
                        .iter()
                        .map(|&h| (u64::from(h) << 32) | u64::from(id << 1) | half),
                );
            }
            self.scratch = hashes;
        }
        self.half_codes
            .push([letter_code(a, 16) as u32, letter_code(b, 16) as u32]);
        self.codes.push(letter_code(&chars, 32));
        self.chars = chars;
        let start = self.text.len() as u32;
        self.text.push_str(key);
        self.keys.push((start, self.text.len() as u32, entity));
    }

    /// Sort the entries and build the directory; call once all names are
    /// in (more inserts need another call).
    pub fn finish(&mut self) {
        use rayon::prelude::*;
        assert!(!self.sorted, "FuzzyIndex::finish called twice");
        self.entries.par_sort_unstable();
        self.entries.dedup();
        // About four entries per directory slot.
        self.bits = (self.entries.len() / 4).max(1).ilog2().clamp(1, 30);
        let slots = 1usize << self.bits;
        let mut directory = vec![0u32; slots + 1];
        for &e in &self.entries {
            directory[self.slot((e >> 32) as u32) + 1] += 1;
        }
        for i in 0..slots {
            directory[i + 1] += directory[i];
        }
        self.directory = directory;
        // The slot holds the hash's top bits; the entry keeps the next ones
        // that fit beside the id, and the code of the name's other half.
        let id_bits = u32::BITS - (self.keys.len().max(2) as u32 - 1).leading_zeros();
        self.id_mask = (u64::MAX >> (64 - id_bits)) as u32;
        let half_codes = std::mem::take(&mut self.half_codes);
        let (bits, id_mask) = (self.bits, self.id_mask);
        self.entries.par_iter_mut().for_each(|e| {
            let (id, half) = ((*e as u32) >> 1, *e as usize & 1);
            let hash = ((*e >> 32) as u32) << bits;
            let other = half_codes[id as usize][1 - half];
            *e = (u64::from(other) << 32) | u64::from(hash & !id_mask | id);
        });
        self.sorted = true;
    }

    fn slot(&self, hash: u32) -> usize {
        (hash >> (32 - self.bits)) as usize
    }

    /// Ids of the names in `run` (a directory slot's entries) with this
    /// variant hash, as far as the entries hold it, whose other half's code
    /// is within `max_change` of `code`.
    fn hits(&self, hash: u32, run: &[u64], code: u32, max_change: u32, out: &mut Vec<u32>) {
        let hash = (hash << self.bits) & !self.id_mask;
        for &e in run {
            if e as u32 & !self.id_mask == hash
                && ((e >> 32) as u32 ^ code).count_ones() <= max_change
            {
                out.push(e as u32 & self.id_mask);
            }
        }
    }

    /// The one entity whose name is within the allowed edits of `key`, when
    /// exactly one entity is that close.
    pub fn find(&self, key: &str) -> Option<Fuzzy> {
        let known = self.answers.lock().ok().and_then(|a| a.get(key).copied());
        if let Some(answer) = known {
            return answer;
        }
        let answer = self.search(key);
        if let Ok(mut answers) = self.answers.lock() {
            if answers.len() < ANSWERS_KEPT {
                answers.insert(key.into(), answer);
            }
        }
        answer
    }

    /// [`find`](Self::find), worked out.
    fn search(&self, key: &str) -> Option<Fuzzy> {
        debug_assert!(
            self.sorted || self.entries.is_empty(),
            "FuzzyIndex::finish not called"
        );
        if !self.sorted {
            return None;
        }
        let q: Vec<char> = key.chars().collect();
        let len = q.len();
        let allowed = allowed_edits(len);
        if allowed == 0 {
            return None;
        }
        // (variant hash, code of the rest of the query) to look up.
        let mut probes: Vec<(u32, u32)> = Vec::new();
        let (mut hashes, mut prefix) = (Vec::new(), Vec::new());
        let mut probe =
            |tag: u64, stretch: &[char], from: usize, which: Variants, rest: &[char]| {
                hashes.clear();
                variants(tag, stretch, from, which, &mut prefix, &mut hashes);
                let code = letter_code(rest, 16) as u32;
                probes.extend(hashes.iter().map(|&h| (h, code)));
            };
        let lengths = len.saturating_sub(allowed).max(MIN_FUZZY_LEN)..=len + allowed;
        for name_len in lengths {
            let (half_a, half_b) = (name_len / 2, name_len - name_len / 2);
            // The stretch of the query aligned with a half within one edit
            // is at most one character longer or shorter than the half, and
            // a split whose lengths alone need more edits than allowed is
            // no alignment at all.
            let fits = |j: usize| j.abs_diff(half_a) + (len - j).abs_diff(half_b) <= allowed;
            // The index holds each half and its one-deletion variants: a
            // stretch one shorter than the half can only be one of those
            // as it is, one longer only with a deletion.
            let which = |stretch: usize, half: usize| match stretch.cmp(&half) {
                std::cmp::Ordering::Less => Variants::Whole,
                std::cmp::Ordering::Equal => Variants::Both,
                std::cmp::Ordering::Greater => Variants::Deletions,
            };
            for j in half_a.saturating_sub(1)..=(half_a + 1).min(len) {
                if fits(j) {
                    let tag = half_tag(0, name_len, q[0]);
                    probe(tag, &q[..j], 1, which(j, half_a), &q[j..]);
                }
            }
            for rest in half_b.saturating_sub(1)..=(half_b + 1).min(len) {
                let j = len - rest;
                if fits(j) {
                    let tag = half_tag(1, name_len, q[0]);
                    probe(tag, &q[j..], 0, which(rest, half_b), &q[..j]);
                }
            }
        }
        probes.sort_unstable();
        probes.dedup();
        let mut candidates: Vec<u32> = Vec::new();
        // The lookups are independent: ask for every directory slot, then
        // every run of entries, before reading any, so their cache misses
        // overlap instead of following one another (on a large table each
        // lookup is two trips to memory).
        let slots: Vec<usize> = probes.iter().map(|&(h, _)| self.slot(h)).collect();
        for &slot in &slots {
            prefetch(self.directory.as_ptr().wrapping_add(slot));
        }
        let runs: Vec<(usize, usize)> = slots
            .iter()
            .map(|&slot| {
                (
                    self.directory[slot] as usize,
                    self.directory[slot + 1] as usize,
                )
            })
            .collect();
        for &(start, _) in &runs {
            prefetch(self.entries.as_ptr().wrapping_add(start));
        }
        for (&(h, code), &(start, end)) in probes.iter().zip(&runs) {
            self.hits(
                h,
                &self.entries[start..end],
                code,
                2 * allowed as u32,
                &mut candidates,
            );
        }
        candidates.sort_unstable();
        candidates.dedup();
        for &id in &candidates {
            prefetch(self.codes.as_ptr().wrapping_add(id as usize));
        }
        self.pick(key, &q, candidates)
    }

    /// Of the names `candidates`, the one entity within the allowed edits
    /// of `key` (whose characters are `q`), when exactly one entity is closest.
    fn pick(
        &self,
        key: &str,
        q: &[char],
        candidates: impl IntoIterator<Item = u32>,
    ) -> Option<Fuzzy> {
        let len = q.len();
        let allowed = allowed_edits(len);
        let query_letters = Letters::of(key);
        let query_code = letter_code(q, 32);
        // The candidates' codes first, then (their loads overlapping) the
        // keys and texts of the few that pass.
        let close: Vec<u32> = candidates
            .into_iter()
            .filter(|&id| {
                (self.codes[id as usize] ^ query_code).count_ones() as usize <= 2 * allowed
            })
            .collect();
        for &id in &close {
            prefetch(self.keys.as_ptr().wrapping_add(id as usize));
        }
        for &id in &close {
            prefetch(
                self.text
                    .as_ptr()
                    .wrapping_add(self.keys[id as usize].0 as usize),
            );
        }
        let mut best: Vec<(usize, f64, u32)> = Vec::new();
        for id in close {
            let (start, end, entity) = &self.keys[id as usize];
            let name = &self.text[*start as usize..*end as usize];
            // Misspellings keep the first letter; a different one is a different name.
            if name.chars().next() != q.first().copied() {
                continue;
            }
            // Each edit changes the letter counts by at most two: a cheap
            // bound that drops most candidates before the edit distance.
            if query_letters.distance(&Letters::of(name)) > 2 * allowed {
                continue;
            }
            let name_len = name.chars().count();
            // Only a distance within the bound matters: past it the count
            // stops, and a name too long or short for it is not compared.
            let edits = match edits::within(key, name, allowed.min(allowed_edits(name_len))) {
                Some(edits) if edits > 0 => edits,
                _ => continue,
            };
            let score = 1.0 - edits as f64 / len.max(name_len) as f64;
            best.push((edits, score, *entity));
        }
        // One entry per entity (a name and its aliases may all be close),
        // its closest spelling first.
        best.sort_by(|a, b| a.2.cmp(&b.2).then(a.0.cmp(&b.0)).then(b.1.total_cmp(&a.1)));
        best.dedup_by_key(|b| b.2);
        best.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2)));
        match best.as_slice() {
            [] => None,
            [only] => Some(Fuzzy {
                entity: only.2,
                score: only.1,
            }),
            [first, second, ..] if first.0 < second.0 => Some(Fuzzy {
                entity: first.2,
                score: first.1,
            }),
            _ => None, // two names equally close: ambiguous, no guess
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bound the codes filter on, checked against the edit distance
    /// itself (not through `pick`, which applies the filter): two names'
    /// letter codes differ in at most twice as many bits as edits.
    #[test]
    fn letter_codes_differ_by_at_most_two_bits_an_edit() {
        let alphabet: Vec<char> = "abcdeéöß ".chars().collect();
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n as u64) as usize
        };
        for _ in 0..20_000 {
            let a: Vec<char> = (0..next(12))
                .map(|_| alphabet[next(alphabet.len())])
                .collect();
            let mut b = a.clone();
            for _ in 0..next(4) {
                match next(4) {
                    0 if !b.is_empty() => {
                        b.remove(next(b.len()));
                    }
                    1 => b.insert(next(b.len() + 1), alphabet[next(alphabet.len())]),
                    2 if !b.is_empty() => {
                        let i = next(b.len());
                        b[i] = alphabet[next(alphabet.len())];
                    }
                    _ if b.len() > 1 => {
                        let i = next(b.len() - 1);
                        b.swap(i, i + 1);
                    }
                    _ => {}
                }
            }
            let (sa, sb): (String, String) = (a.iter().collect(), b.iter().collect());
            let edits = strsim::damerau_levenshtein(&sa, &sb);
            for buckets in [16, 32] {
                let bits = (letter_code(&a, buckets) ^ letter_code(&b, buckets)).count_ones();
                assert!(
                    bits as usize <= 2 * edits,
                    "{sa:?} {sb:?}: {bits} bits, {edits} edits"
                );
            }
        }
    }

    fn index(names: &[&str]) -> FuzzyIndex {
        let mut f = FuzzyIndex::default();
        for (i, n) in names.iter().enumerate() {
            f.insert(&key(n), i as u32);
        }
        f.finish();
        f
    }

    /// An answer kept from one lookup is the answer worked out afresh,
    /// for the key asked again and for the other keys asked between.
    #[test]
    fn kept_answers_are_the_worked_out_ones() {
        let names = [
            "Philippines",
            "Mauritania",
            "Australia",
            "Austria",
            "Colombia",
        ];
        let f = index(&names);
        let queries = [
            "phillipines",
            "mauritania",
            "ruritania",
            "austrailia",
            "columbia",
            "zzz",
        ];
        let first: Vec<_> = queries.iter().map(|q| f.find(q)).collect();
        for (q, answer) in queries.iter().zip(&first).rev() {
            assert_eq!(f.find(q), *answer, "{q}");
            assert_eq!(index(&names).search(q), *answer, "{q}");
        }
        assert!(first[0].is_some() && first[5].is_none());
    }

    #[test]
    fn keys() {
        assert_eq!(key("the U.S."), "us");
        assert_eq!(key("Korea, Rep."), "korea rep");
        assert_eq!(key("Syria's"), "syria");
        assert_eq!(key("Bosnia & Herzegovina"), "bosnia and herzegovina");
        assert_eq!(key("  Côte d'Ivoire "), "côte divoire");
        assert_eq!(
            singular("us presidential elections").as_deref(),
            Some("us presidential election")
        );
    }

    /// The ASCII fast path of `key` gives what the general path gives.
    #[test]
    fn ascii_keys_match_the_general_path() {
        for name in [
            "the U.S.",
            "Korea, Rep.",
            "Syria's",
            "SYRIA'S",
            "Bosnia & Herzegovina",
            "  The Gambia ",
            "the",
            "the ",
            "The  war's",
            "a&b",
            "&",
            "x's",
            "'s",
            "Cote d'Ivoire",
            "St. Kitts-Nevis",
            "the the",
            "A.B.C.",
            "",
            "   ",
            "US's",
            "it'S",
        ] {
            assert_eq!(ascii_key(name), general_key(name), "{name:?}");
        }
    }

    /// The blocking index finds what comparing the query with every name
    /// finds, on generated names and misspellings of one and two edits.
    #[test]
    fn blocking_finds_what_a_full_scan_finds() {
        const SYL: [&str; 12] = [
            "ka", "lo", "mi", "ra", "tu", "bra", "kel", "dor", "sten", "qua", "ni", "ve",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let names: Vec<String> = (0..1500)
            .map(|_| {
                let words = 1 + next(2);
                (0..words)
                    .map(|_| {
                        (0..2 + next(3))
                            .map(|_| SYL[next(12) as usize])
                            .collect::<String>()
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let f = index(&refs);
        let all: Vec<u32> = (0..names.len() as u32).collect();
        let mut checked = 0;
        for round in 0..2000 {
            let mut q: Vec<char> = names[next(names.len() as u64) as usize].chars().collect();
            for _ in 0..1 + round % 2 {
                let at = 1 + next(q.len() as u64 - 1) as usize;
                match next(4) {
                    0 => {
                        q.remove(at.min(q.len() - 1));
                    }
                    1 => q.insert(at, 'e'),
                    2 => {
                        let last = q.len() - 1;
                        q[at.min(last)] = 'x';
                    }
                    _ if at + 1 < q.len() => q.swap(at, at + 1),
                    _ => {}
                }
            }
            let q: String = q.into_iter().collect();
            let k = key(&q);
            let q: Vec<char> = k.chars().collect();
            let full = f.pick(&k, &q, all.iter().copied());
            if full.is_some() {
                checked += 1;
            }
            assert_eq!(f.find(&k), full, "{q:?}");
        }
        assert!(checked > 700, "only {checked} misspellings matched");
    }

    /// A transposition is two single-character edits, yet deleting one of
    /// the swapped letters on each side gives the same string: so a
    /// transposition in each half is still found.
    #[test]
    fn a_transposition_in_each_half_is_found() {
        let f = index(&["Kelbradorsten"]);
        assert_eq!(f.find(&key("Kelbradrosten")).map(|m| m.entity), Some(0));
        assert_eq!(f.find(&key("Klebradrosten")).map(|m| m.entity), Some(0));
    }

    #[test]
    fn misspellings_resolve() {
        let f = index(&[
            "Indonesia",
            "Philippines",
            "Niger",
            "Nigeria",
            "Austria",
            "Australia",
        ]);
        assert_eq!(f.find(&key("Indonesa")).map(|m| m.entity), Some(0));
        assert_eq!(f.find(&key("Phillipines")).map(|m| m.entity), Some(1));
        assert!(f.find(&key("Indonesa")).unwrap().score > 0.85);
    }

    #[test]
    fn confusable_names_never_cross() {
        let f = index(&[
            "Niger",
            "Nigeria",
            "Kazakhstan",
            "Turkmenistan",
            "Guinea-Bissau",
            "Austria",
            "Australia",
            "Iraq",
            "Malawi",
            "Dominican Republic",
            "Mauritania",
        ]);
        for probe in [
            "Kurdistan",
            "Guinea",
            "Iran",
            "Mali",
            "Dominica",
            "Ruritania",
        ] {
            let got = f.find(&key(probe));
            assert!(got.is_none(), "{probe} -> {got:?}");
        }
        // A transposition is one edit from Australia, many from Austria.
        assert_eq!(f.find(&key("Australai")).map(|m| m.entity), Some(6));
        // "Nigera" is one edit from Niger and one from Nigeria: no guess.
        assert_eq!(f.find(&key("Nigera")), None);
        // "Nigerai" is one transposition from Nigeria and two edits from Niger.
        assert_eq!(f.find(&key("Nigerai")).map(|m| m.entity), Some(1));
    }
}
