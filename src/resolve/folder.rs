//! A reference folder's files, wherever they are: a folder on disk, or the
//! built-in catalog (the same layout, compiled into the binary). The loader
//! lists and reads files through a [`Folder`] and names them in problems
//! with [`Folder::shown`] and in evidence with [`Folder::located`], so one
//! loader serves both. A folder on disk may carry a [`Digests`], which
//! keeps the SHA-256 of every file read from it, for the reference
//! snapshot (see [`super::snapshot`]).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

use sha2::{Digest, Sha256};

use super::catalog;

/// The largest reference file read whole: ten million rows (about 600 MB)
/// fit well under it; a file past it, or a device that never ends, is
/// refused by the bytes that arrive, not by the size the file system gives.
pub const MAX_REFERENCE_BYTES: u64 = 4 << 30;

/// The SHA-256 of each file read from a folder on disk, by its path inside
/// the folder (with `/`): what the reference snapshot is made of.
#[derive(Debug, Default)]
pub(super) struct Digests(Mutex<BTreeMap<String, [u8; 32]>>);

impl Digests {
    fn record(&self, relative: &str, bytes: &[u8]) {
        let digest: [u8; 32] = Sha256::digest(bytes).into();
        if let Ok(mut map) = self.0.lock() {
            map.insert(relative.replace('\\', "/"), digest);
        }
    }

    /// Every file read, sorted by path, with its digest.
    pub(super) fn into_sorted(self) -> BTreeMap<String, [u8; 32]> {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

/// Where a reference folder's files are.
#[derive(Clone, Copy, Debug)]
pub(super) enum Folder<'a> {
    /// A folder on disk, and where to keep the digests of the files read
    /// (none: `reference validate`, tests).
    Disk(&'a Path, Option<&'a Digests>),
    Builtin,
}

impl Folder<'_> {
    /// How `relative` is named in a claim's evidence: the folder's own name
    /// and the path inside it (`reference-data/conflicts.csv`), wherever
    /// the folder sits, so the same data gives the same report on any
    /// machine; the built-in catalog's files as [`Folder::shown`] names them.
    pub(super) fn located(&self, relative: &str) -> String {
        match self {
            Folder::Disk(dir, _) => format!("{}/{relative}", base_name(dir)),
            Folder::Builtin => self.shown(relative),
        }
    }

    /// How `relative` (a path inside the folder, with `/`) is named in
    /// problems and evidence: the path on disk, or `catalog:` and the path
    /// inside the built-in catalog.
    pub(super) fn shown(&self, relative: &str) -> String {
        match self {
            Folder::Disk(dir, _) if relative.is_empty() => crate::ingest::display_path(dir),
            Folder::Disk(dir, _) => crate::ingest::display_path(&dir.join(relative)),
            Folder::Builtin if relative.is_empty() => "the built-in catalog".to_string(),
            Folder::Builtin => format!("{}{relative}", catalog::SCHEME),
        }
    }

    pub(super) fn is_builtin(&self) -> bool {
        matches!(self, Folder::Builtin)
    }

    /// The bytes of `relative`, or why they cannot be read.
    pub(super) fn read(&self, relative: &str) -> Result<Cow<'static, [u8]>, String> {
        match self {
            Folder::Disk(dir, digests) => {
                let bytes =
                    crate::ingest::file::read_capped(&dir.join(relative), MAX_REFERENCE_BYTES)
                        .map_err(|e| e.to_string())?;
                if let Some(d) = digests {
                    d.record(relative, &bytes);
                }
                Ok(Cow::Owned(bytes))
            }
            Folder::Builtin => catalog::read(relative).map(Cow::Owned),
        }
    }

    /// The text of `relative`, or why it cannot be read.
    pub(super) fn read_text(&self, relative: &str) -> Result<String, String> {
        let bytes = self.read(relative)?;
        String::from_utf8(bytes.into_owned()).map_err(|_| "not UTF-8 text".to_string())
    }

    pub(super) fn has_file(&self, relative: &str) -> bool {
        match self {
            Folder::Disk(dir, _) => dir.join(relative).is_file(),
            Folder::Builtin => catalog::has(relative),
        }
    }

    /// The names of the files in the folder (`sub` empty) or in its folder
    /// `sub`, sorted, hidden ones left out, and so are entries that lead
    /// (links followed) to a FIFO, a socket or a device: [`Folder::special`]
    /// names those.
    pub(super) fn files(&self, sub: &str) -> Result<Vec<String>, String> {
        let mut names: Vec<String> = match self {
            Folder::Disk(dir, _) => std::fs::read_dir(dir.join(sub))
                .map_err(|e| e.to_string())?
                .filter_map(|e| e.ok())
                .filter(|e| e.file_type().is_ok_and(|t| !t.is_dir()))
                .filter(|e| {
                    !std::fs::metadata(e.path()).is_ok_and(|m| crate::ingest::file::is_special(&m))
                })
                .filter_map(|e| e.file_name().into_string().ok())
                .collect(),
            Folder::Builtin => catalog::paths()
                .filter_map(|p| match sub {
                    "" => Some(p),
                    _ => p.strip_prefix(sub)?.strip_prefix('/'),
                })
                .filter(|rest| !rest.contains('/'))
                .map(str::to_string)
                .collect(),
        };
        names.retain(|n| !n.starts_with('.'));
        names.sort();
        Ok(names)
    }

    /// The entries of the folder and of the folders in it that lead (links
    /// followed) to neither a file nor a folder: a FIFO, a socket, a
    /// device. Each is its path in the folder and what it is; sorted,
    /// hidden ones left out. The built-in catalog has none.
    pub(super) fn special(&self) -> Vec<(String, &'static str)> {
        let Folder::Disk(dir, _) = self else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut subs = vec![String::new()];
        subs.extend(self.subfolders());
        for sub in subs {
            let Ok(entries) = std::fs::read_dir(dir.join(&sub)) else {
                continue;
            };
            for e in entries.filter_map(|e| e.ok()) {
                let Ok(name) = e.file_name().into_string() else {
                    continue;
                };
                if name.starts_with('.') {
                    continue;
                }
                if let Ok(m) = std::fs::metadata(e.path()) {
                    if crate::ingest::file::is_special(&m) {
                        let relative = if sub.is_empty() {
                            name
                        } else {
                            format!("{sub}/{name}")
                        };
                        out.push((relative, crate::ingest::file::kind_of(&m)));
                    }
                }
            }
        }
        out.sort();
        out
    }

    /// The folders inside the folder, sorted, hidden ones left out.
    pub(super) fn subfolders(&self) -> Vec<String> {
        let mut names: Vec<String> = match self {
            Folder::Disk(dir, _) => match std::fs::read_dir(dir) {
                Ok(entries) => entries
                    .filter_map(|e| e.ok())
                    .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                    .filter_map(|e| e.file_name().into_string().ok())
                    .collect(),
                Err(_) => Vec::new(),
            },
            Folder::Builtin => catalog::paths()
                .filter_map(|p| p.split_once('/').map(|(first, _)| first.to_string()))
                .collect(),
        };
        names.retain(|n| !n.starts_with('.'));
        names.sort();
        names.dedup();
        names
    }
}

/// The last part of `dir`'s path, as shown; for a path that ends in `.` or
/// `..` (or is a root), the last part of the folder it leads to.
fn base_name(dir: &Path) -> String {
    let last = |p: &Path| {
        p.file_name()
            .map(|n| crate::ingest::display_path(Path::new(n)))
    };
    last(dir)
        .or_else(|| std::fs::canonicalize(dir).ok().as_deref().and_then(last))
        .unwrap_or_else(|| "reference".to_string())
}
