//! A reference folder's files, wherever they are: a folder on disk, or the
//! built-in catalog (the same layout, compiled into the binary). The loader
//! lists and reads files through a [`Folder`] and names them in problems
//! and evidence with [`Folder::shown`], so one loader serves both.

use std::borrow::Cow;
use std::path::Path;

use super::catalog;

/// The largest reference file read whole: ten million rows (about 600 MB)
/// fit well under it; a file past it, or a device that never ends, is
/// refused by the bytes that arrive, not by the size the file system gives.
pub const MAX_REFERENCE_BYTES: u64 = 4 << 30;

/// Where a reference folder's files are.
#[derive(Clone, Copy, Debug)]
pub(super) enum Folder<'a> {
    Disk(&'a Path),
    Builtin,
}

impl Folder<'_> {
    /// How `relative` (a path inside the folder, with `/`) is named in
    /// problems and evidence: the path on disk, or `catalog:` and the path
    /// inside the built-in catalog.
    pub(super) fn shown(&self, relative: &str) -> String {
        match self {
            Folder::Disk(dir) if relative.is_empty() => crate::ingest::display_path(dir),
            Folder::Disk(dir) => crate::ingest::display_path(&dir.join(relative)),
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
            Folder::Disk(dir) => {
                crate::ingest::file::read_capped(&dir.join(relative), MAX_REFERENCE_BYTES)
                    .map(Cow::Owned)
                    .map_err(|e| e.to_string())
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
            Folder::Disk(dir) => dir.join(relative).is_file(),
            Folder::Builtin => catalog::has(relative),
        }
    }

    /// The names of the files in the folder (`sub` empty) or in its folder
    /// `sub`, sorted, hidden ones left out, and so are entries that lead
    /// (links followed) to a FIFO, a socket or a device: [`Folder::special`]
    /// names those.
    pub(super) fn files(&self, sub: &str) -> Result<Vec<String>, String> {
        let mut names: Vec<String> = match self {
            Folder::Disk(dir) => std::fs::read_dir(dir.join(sub))
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
        let Folder::Disk(dir) = self else {
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
            Folder::Disk(dir) => match std::fs::read_dir(dir) {
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
