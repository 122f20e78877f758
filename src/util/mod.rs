//! Helpers that serve every stage and belong to none: they know nothing of
//! claims, datasets or verdicts, and import nothing else of the crate.
//!
//! - [`FxMap`] and [`FxSet`]: hash maps and sets with the Fx hasher of the
//!   `rustc-hash` crate, for tables keyed by our own data (reference names,
//!   the lexicon's words), never by attacker input. SipHash was a tenth of
//!   the time of loading a large table and 2 % of extraction.
//! - [`numfmt`]: numbers as JSON and as people read them.
//! - [`json`]: serde_json's bytes, with strings escaped a word at a time.
//! - [`csvlines`]: where CSV records start, and where a run of them can be cut.
//! - [`outfile`]: the file `--output` names, put in place whole.
//! - [`short_words`]: word sets that turn most words away with one
//!   table read, and a word lowercased on the stack to look up in them.
//! - [`heap`]: the allocator the binaries run on (mimalloc), and its
//!   settings (they call it once, before any worker thread starts).

pub mod csvlines;
pub mod heap;
pub mod json;
pub mod numfmt;
pub mod outfile;
pub mod short_words;

pub use rustc_hash::FxHasher;

/// A `HashMap` with the Fx hasher.
pub type FxMap<K, V> = rustc_hash::FxHashMap<K, V>;
/// A `HashSet` with the Fx hasher.
pub type FxSet<K> = rustc_hash::FxHashSet<K>;
