//! Helpers shared by the unit tests.

/// `count` texts, each made of up to `max_pieces` pieces drawn from
/// `pieces`: a fixed pseudo-random sequence (xorshift), the same on every
/// run, for tests that compare two ways of reading a text.
pub(crate) fn random_texts<'a>(
    pieces: &'a [&'a str],
    max_pieces: u64,
    count: usize,
) -> impl Iterator<Item = String> + 'a {
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    (0..count).map(move |_| {
        let n = next() % (max_pieces + 1);
        (0..n)
            .map(|_| pieces[(next() % pieces.len() as u64) as usize])
            .collect()
    })
}

/// Asks `fast` and its definition `plain` of `count` words made of up to
/// `max_pieces` of `pieces` (see [`random_texts`]); asserts they agree on
/// every one and gives how many `plain` holds, so a caller can check the
/// words reached both answers.
pub(crate) fn agree_on_words(
    pieces: &[&str],
    max_pieces: u64,
    count: usize,
    fast: impl Fn(&str) -> bool,
    plain: impl Fn(&str) -> bool,
) -> usize {
    let mut held = 0;
    for word in random_texts(pieces, max_pieces, count) {
        let want = plain(&word);
        held += usize::from(want);
        assert_eq!(fast(&word), want, "{word:?}");
    }
    held
}
