//! Turning the paths a user gives into a sorted list of files.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::{Format, IngestError, Ingested};

/// The path as shown in reports: forward slashes, with no `.` parts and no
/// repeated `/` (`./claims//a.md` is `claims/a.md`), and each byte of a
/// name that is not UTF-8 as `\xFF` (a backslash is shown as a slash, so
/// one in the result always starts such a byte): two names that differ
/// only there stay two names (and give two claim ids). Only the spelling
/// is changed: `..` stays, and no link is followed.
pub fn display(path: &Path) -> String {
    let s = text_of(path);
    let absolute = s.starts_with('/');
    let parts: Vec<&str> = s
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    let joined = parts.join("/");
    if absolute {
        format!("/{joined}")
    } else if joined.is_empty() {
        ".".to_string()
    } else {
        joined
    }
}

/// The name of an input file in reports, claim ids and baselines: its
/// [`display`] spelling, made relative to the working directory `cwd` (as
/// [`display`] spells it) when it lies under it, so `claims//a.md`,
/// `./claims/a.md` and `$PWD/claims/a.md` are one document with one
/// baseline fingerprint.
pub fn document_name(path: &Path, cwd: Option<&str>) -> String {
    let shown = display(path);
    if let Some(cwd) = cwd.filter(|c| c.starts_with('/') && shown.starts_with('/')) {
        let base = cwd.trim_end_matches('/');
        if let Some(rest) = shown.strip_prefix(base).and_then(|r| r.strip_prefix('/')) {
            if !rest.is_empty() {
                return rest.to_string();
            }
        }
    }
    shown
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
/// What a walk leaves out is counted in `out` (`hidden`, `special`,
/// `skipped`) so none of it vanishes unseen; a path named directly that is
/// neither a file nor a folder (a FIFO, `/dev/zero`) is an error.
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
    if super::file::is_special(&meta) {
        out.errors.push(IngestError::new(
            &display(path),
            None,
            format!("not a regular file: {}", super::file::kind_of(&meta)),
            "give an article, a claim file or a folder of them; to read from a pipe, give - and pipe it in (claimcheck check - < FILE)",
        ));
        return files;
    }
    let mut seen = HashSet::new();
    walk_dir(path, ignore, &mut seen, &mut files, out);
    files
}

/// How many bytes the files at `paths` hold, counted until `enough` is
/// reached: a file's length, and a folder's files' (recursively, links not
/// followed). Reads only metadata, and passes over what it cannot read
/// (the read itself reports it): an estimate for choosing how to load the
/// reference before the inputs are read, never what is checked.
pub fn bytes_given(paths: &[String], enough: u64) -> u64 {
    fn add(path: &Path, meta: std::fs::Metadata, enough: u64, total: &mut u64) {
        if meta.is_file() {
            *total += meta.len();
        } else if meta.is_dir() {
            let Ok(entries) = std::fs::read_dir(path) else {
                return;
            };
            for entry in entries.flatten() {
                if *total >= enough {
                    return;
                }
                if let Ok(meta) = entry.metadata() {
                    add(&entry.path(), meta, enough, total);
                }
            }
        }
    }
    let mut total = 0;
    for path in paths {
        if total >= enough {
            break;
        }
        if let Ok(meta) = std::fs::metadata(path) {
            add(Path::new(path), meta, enough, &mut total);
        }
    }
    total
}

/// The `--ignore` patterns (and `ignore` of claimcheck.toml) as they are
/// matched: no trailing `/`, no leading `./`. One that is left empty (`""`,
/// `/`, `.`) would match every path, or every absolute one: it is an error
/// in `out`, and left out.
pub(super) fn ignore_patterns(ignore: &[String], out: &mut Ingested) -> Vec<String> {
    let mut kept = Vec::with_capacity(ignore.len());
    for raw in ignore {
        let mut pat = raw.trim_end_matches('/');
        while let Some(rest) = pat.strip_prefix("./") {
            pat = rest.trim_start_matches('/');
        }
        if pat.is_empty() || pat == "." {
            out.errors.push(IngestError::new(
                "--ignore",
                None,
                format!("the pattern \"{raw}\" would leave out every input; it is not applied"),
                "name the folder or file to leave out, e.g. --ignore drafts (or ignore = [\"drafts\"] in claimcheck.toml)",
            ));
            continue;
        }
        kept.push(pat.to_string());
    }
    kept
}

fn is_ignored(path: &Path, ignore: &[String]) -> bool {
    let shown = display(path);
    ignore.iter().any(|pat| {
        shown == *pat
            || shown.starts_with(&format!("{pat}/"))
            || shown.ends_with(&format!("/{pat}"))
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
        if hidden {
            out.hidden += 1;
            continue;
        }
        if is_ignored(&p, ignore) {
            continue;
        }
        // Links followed: what the entry leads to decides. One that leads
        // nowhere is kept, so reading it reports the broken link.
        let meta = std::fs::metadata(&p).ok();
        if meta.as_ref().is_some_and(|m| m.is_dir()) {
            walk_dir(&p, ignore, seen, files, out);
        } else if let Some(m) = meta.as_ref().filter(|m| super::file::is_special(m)) {
            out.special.push((display(&p), super::file::kind_of(m)));
        } else if Format::of(&p).is_some() {
            files.push(p);
        } else {
            out.skipped.push(display(&p));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_path_are_one_name() {
        let cwd = Some("/home/desk");
        for p in [
            "claims/a.md",
            "./claims/a.md",
            "claims//a.md",
            "claims/./a.md",
            ".//claims/a.md",
            "/home/desk/claims/a.md",
            "/home/desk//claims/./a.md",
        ] {
            assert_eq!(document_name(Path::new(p), cwd), "claims/a.md", "{p}");
        }
        assert_eq!(
            document_name(Path::new("/home/deskmate/a.md"), cwd),
            "/home/deskmate/a.md"
        );
        assert_eq!(document_name(Path::new("../x/a.md"), cwd), "../x/a.md");
        assert_eq!(display(Path::new("./")), ".");
        assert_eq!(display(Path::new("reference-data")), "reference-data");
    }

    #[test]
    fn bytes_given_counts_files_and_folders_until_enough() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        std::fs::write(dir.path().join("a.md"), "x".repeat(100)).unwrap();
        std::fs::write(sub.join("b.md"), "x".repeat(50)).unwrap();
        let path = |p: &Path| p.to_string_lossy().into_owned();
        let all = [path(dir.path())];
        assert_eq!(bytes_given(&all, u64::MAX), 150);
        let one = [path(&dir.path().join("a.md"))];
        assert_eq!(bytes_given(&one, u64::MAX), 100);
        // A path that cannot be read counts nothing: the read reports it.
        let missing = [path(&dir.path().join("missing.md")), path(&sub)];
        assert_eq!(bytes_given(&missing, u64::MAX), 50);
        // Counting stops once enough is reached.
        assert!(bytes_given(&all, 10) < 150);
    }
}
