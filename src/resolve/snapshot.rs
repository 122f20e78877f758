//! The reference snapshot: one content hash naming the reference data a
//! report was checked against, so two runs (two machines, two Spark
//! executors, two days) can tell whether they used the same data.
//!
//! Takes the SHA-256 of every file the loader read from the reference
//! folder, by its path inside the folder, and whether the built-in catalog
//! was used (its own hash is fixed at build time: `build.rs` hashes the
//! catalog's files the same way); gives `sha256:` and 64 hex digits. The
//! hash is of a manifest, one line per file, `path NUL hex-digest`, sorted
//! by path, after a `catalog NUL hex-digest` line when the catalog is used:
//! it depends on the bytes and the paths inside the folder, never on where
//! the folder sits or the order files were read in. Pure: no file access.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

/// The snapshot of a load: the catalog's (when `catalog`) and the folder's
/// `files` with their digests.
pub(super) fn of(catalog: bool, files: BTreeMap<String, [u8; 32]>) -> String {
    let mut manifest = Sha256::new();
    if catalog {
        manifest.update(b"catalog\0");
        manifest.update(super::catalog::SNAPSHOT.as_bytes());
        manifest.update(b"\n");
    }
    for (path, digest) in &files {
        manifest.update(path.as_bytes());
        manifest.update(b"\0");
        manifest.update(hex(digest).as_bytes());
        manifest.update(b"\n");
    }
    format!("sha256:{}", hex(&manifest.finalize()))
}

/// Bytes as lower-case hex.
fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, &[u8])]) -> BTreeMap<String, [u8; 32]> {
        list.iter()
            .map(|(p, b)| (p.to_string(), Sha256::digest(b).into()))
            .collect()
    }

    #[test]
    fn bytes_and_paths_change_it_and_nothing_else() {
        let a = of(true, files(&[("a.csv", b"x"), ("b.csv", b"y")]));
        assert!(a.starts_with("sha256:") && a.len() == 7 + 64, "{a}");
        assert_eq!(a, of(true, files(&[("b.csv", b"y"), ("a.csv", b"x")])));
        assert_ne!(a, of(true, files(&[("a.csv", b"x"), ("b.csv", b"z")])));
        assert_ne!(a, of(true, files(&[("a.csv", b"x"), ("c.csv", b"y")])));
        assert_ne!(a, of(false, files(&[("a.csv", b"x"), ("b.csv", b"y")])));
        assert_ne!(of(true, BTreeMap::new()), of(false, BTreeMap::new()));
    }
}
