//! Turning the paths a user gives into a sorted list of files.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::{Format, IngestError, Ingested};

/// The path as shown in reports: forward slashes, no leading `./`, and
/// each byte of a name that is not UTF-8 as `\xFF` (a backslash is shown
/// as a slash, so one in the result always starts such a byte): two names
/// that differ only there stay two names (and give two claim ids).
pub fn display(path: &Path) -> String {
    let s = text_of(path);
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

#[cfg(unix)]
fn text_of(path: &Path) -> String {
    use std::fmt::Write as _;
    use std::os::unix::ffi::OsStrExt;
    let mut s = String::new();
    for chunk in path.as_os_str().as_bytes().utf8_chunks() {
        s.push_str(&chunk.valid().replace('\\', "/"));
        for b in chunk.invalid() {
            let _ = write!(s, "\\x{b:02X}");
        }
    }
    s
}

#[cfg(not(unix))]
fn text_of(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// A file, or every readable file under a folder (recursively, sorted by
/// path, hidden entries and `ignore`d paths left out, symlink loops cut).
pub fn collect_files(path: &Path, ignore: &[String], out: &mut Ingested) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            out.errors.push(IngestError::new(
                &display(path),
                None,
                format!("cannot open: {e}"),
                "check the path; give an article, a claim file or a folder of them",
            ));
            return files;
        }
    };
    if meta.is_file() {
        files.push(path.to_path_buf());
        return files;
    }
    let mut seen = HashSet::new();
    walk_dir(path, ignore, &mut seen, &mut files, out);
    files
}

fn is_ignored(path: &Path, ignore: &[String]) -> bool {
    let shown = display(path);
    ignore.iter().any(|pat| {
        let pat = pat.trim_end_matches('/');
        shown == pat || shown.starts_with(&format!("{pat}/")) || shown.ends_with(&format!("/{pat}"))
    })
}

fn walk_dir(
    dir: &Path,
    ignore: &[String],
    seen: &mut HashSet<PathBuf>,
    files: &mut Vec<PathBuf>,
    out: &mut Ingested,
) {
    if let Ok(canonical) = std::fs::canonicalize(dir) {
        if !seen.insert(canonical) {
            out.errors.push(IngestError::new(
                &display(dir),
                None,
                "folder already visited (a symlink loop?); not read twice",
                "remove the symlink that points back into the tree",
            ));
            return;
        }
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            out.errors.push(IngestError::new(
                &display(dir),
                None,
                format!("cannot read folder: {e}"),
                "check the folder's permissions",
            ));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden || is_ignored(&p, ignore) {
            continue;
        }
        if p.is_dir() {
            walk_dir(&p, ignore, seen, files, out);
        } else if Format::of(&p).is_some() {
            files.push(p);
        } else {
            out.skipped.push(display(&p));
        }
    }
}
