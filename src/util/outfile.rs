//! outfile: the file `--output` names, put in place whole.
//!
//! Takes the path and the report's bytes as they are written; gives the
//! file. A report is written to a new file in the folder of the file it
//! replaces (`.NAME.XXXXXX.claimcheck-tmp`, made by the `tempfile` crate),
//! which is flushed to disk (`fsync`) and then renamed over that file only
//! once the report is whole. A rename within one folder is atomic: a reader
//! of the path (an editor's viewer, the next CI step) sees the previous
//! report or the new one, never part of one, and a run that fails or is
//! interrupted part-way leaves the previous report as it was. As the new
//! file is synced before the rename and the folder after it, a machine
//! that crashes leaves the previous report or the new one whole (the
//! folder's sync is best effort: where the system refuses it, the rename
//! may not have reached the disk). The previous report's permissions carry
//! over; a new report gets the usual ones (`0666` less the umask).
//!
//! A path that is a symlink stays one: the link is resolved, and the file
//! it points to is the one replaced, by a new file beside it.
//!
//! The new file is never created until the first byte is written, so a
//! report that fails to render before then leaves no file behind.
//!
//! A path that is not a regular file (`/dev/stdout`, a pipe), a link that
//! points to nothing yet, and a path whose folder takes no new file are
//! written in place, unsynced.

use std::fs::{self, File, Permissions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

/// A report file being written; [`OutputFile::finish`] puts it in place.
pub struct OutputFile {
    path: PathBuf,
    state: State,
}

enum State {
    /// Nothing written yet.
    Unopened,
    /// Writing a new file beside `target` (the path, its links resolved);
    /// `keep` is the previous report's permissions, if there was one. The
    /// new file is removed when it is dropped unplaced.
    Beside {
        file: NamedTempFile,
        target: PathBuf,
        keep: Option<Permissions>,
    },
    /// Writing the path itself.
    InPlace(File),
    /// Put in place (or given up).
    Done,
}

impl OutputFile {
    pub fn new(path: &Path) -> OutputFile {
        OutputFile {
            path: path.to_path_buf(),
            state: State::Unopened,
        }
    }

    /// The new file beside the report's place, or the path itself, opened.
    fn open(&self) -> io::Result<State> {
        let in_place = || File::create(&self.path).map(State::InPlace);
        let target = match fs::symlink_metadata(&self.path) {
            Ok(m) if m.file_type().is_symlink() => match fs::canonicalize(&self.path) {
                Ok(real) => real,
                // A link to nothing yet: writing through it makes its file.
                Err(_) => return in_place(),
            },
            Ok(_) => self.path.clone(),
            Err(e) if e.kind() == io::ErrorKind::NotFound => self.path.clone(),
            Err(e) => return Err(e),
        };
        let keep = match fs::metadata(&target) {
            Ok(m) if m.is_file() => Some(m.permissions()),
            Ok(_) => return in_place(),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(e),
        };
        match new_file_beside(&target) {
            Ok(file) => Ok(State::Beside { file, target, keep }),
            // A folder that takes no new file may still let the report be
            // rewritten.
            Err(_) => in_place(),
        }
    }

    fn file(&mut self) -> io::Result<&mut dyn Write> {
        if let State::Unopened = self.state {
            self.state = self.open()?;
        }
        match &mut self.state {
            State::Beside { file, .. } => Ok(file),
            State::InPlace(file) => Ok(file),
            State::Unopened | State::Done => Err(io::Error::other("the report file is closed")),
        }
    }

    /// Put the whole report at the path (an empty one if nothing was
    /// written): synced to disk, then renamed over the previous report.
    pub fn finish(mut self) -> io::Result<()> {
        self.file()?;
        match std::mem::replace(&mut self.state, State::Done) {
            State::Beside { file, target, keep } => {
                if let Some(p) = keep {
                    file.as_file().set_permissions(p)?;
                }
                file.as_file().sync_all()?;
                file.persist(&target).map_err(|e| e.error)?;
                sync_folder(&target);
                Ok(())
            }
            State::InPlace(mut file) => file.flush(),
            State::Unopened | State::Done => Ok(()),
        }
    }
}

/// A new, empty file in the folder of `target`, named after it.
fn new_file_beside(target: &Path) -> io::Result<NamedTempFile> {
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = target
        .file_name()
        .map_or_else(|| "report".into(), |n| n.to_string_lossy().into_owned());
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".claimcheck-tmp");
    // The tempfile crate's own default is 0600; a report is made as any
    // file is, with the umask deciding.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(Permissions::from_mode(0o666));
    }
    builder.tempfile_in(folder)
}

/// Sync the folder holding `path`, so a rename into it reaches the disk.
/// Best effort: not every system lets a folder be opened and synced.
fn sync_folder(path: &Path) {
    #[cfg(unix)]
    if let Some(folder) = path.parent() {
        let folder = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        };
        if let Ok(f) = File::open(folder) {
            let _ = f.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

impl Write for OutputFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file()?.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.state {
            State::Beside { file, .. } => file.flush(),
            State::InPlace(file) => file.flush(),
            State::Unopened | State::Done => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// The previous report stays whole until the new one is finished, then
    /// the new one is the path's, and no other file is left.
    #[test]
    fn replaces_the_report_once_it_is_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.json");
        fs::write(&path, "old report").unwrap();
        let mut out = OutputFile::new(&path);
        out.write_all(b"new ").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "old report");
        let names = files_in(dir.path());
        assert_eq!(names.len(), 2, "{names:?}");
        assert!(
            names[0].starts_with(".r.json.") && names[0].ends_with(".claimcheck-tmp"),
            "{names:?}"
        );
        out.write_all(b"report").unwrap();
        out.finish().unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new report");
        assert_eq!(files_in(dir.path()), ["r.json"]);
    }

    /// A report given up part-way leaves the previous one, and no new file.
    #[test]
    fn an_unfinished_report_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.json");
        fs::write(&path, "old report").unwrap();
        let mut out = OutputFile::new(&path);
        out.write_all(b"half a").unwrap();
        drop(out);
        assert_eq!(fs::read_to_string(&path).unwrap(), "old report");
        assert_eq!(files_in(dir.path()), ["r.json"]);
        // Nothing written and not finished: no file at all.
        drop(OutputFile::new(&dir.path().join("none.json")));
        assert_eq!(files_in(dir.path()), ["r.json"]);
    }

    /// An empty report is an empty file.
    #[test]
    fn an_empty_report_is_an_empty_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.txt");
        OutputFile::new(&path).finish().unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"");
    }

    #[cfg(unix)]
    #[test]
    fn permissions_are_kept_and_new_reports_follow_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.json");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, Permissions::from_mode(0o640)).unwrap();
        let mut out = OutputFile::new(&path);
        out.write_all(b"new").unwrap();
        out.finish().unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        // A new report is made as `fs::write` makes a file.
        let made = dir.path().join("made");
        fs::write(&made, "").unwrap();
        let fresh = dir.path().join("fresh.json");
        OutputFile::new(&fresh).finish().unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&fresh), mode(&made));
    }

    /// A symlink stays a link; the file it points to is replaced whole, by
    /// a new file made beside it (not beside the link), and a report given
    /// up part-way leaves that file as it was.
    #[cfg(unix)]
    #[test]
    fn a_link_is_kept_and_its_file_replaced_whole() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let reports = dir.path().join("reports");
        let links = dir.path().join("links");
        fs::create_dir_all(&reports).unwrap();
        fs::create_dir_all(&links).unwrap();
        let target = reports.join("r.json");
        fs::write(&target, "old report").unwrap();
        let link = links.join("latest.json");
        symlink(&target, &link).unwrap();

        let mut out = OutputFile::new(&link);
        out.write_all(b"half a").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "old report");
        assert_eq!(files_in(&links), ["latest.json"]);
        assert_eq!(files_in(&reports).len(), 2);
        drop(out);
        assert_eq!(fs::read_to_string(&target).unwrap(), "old report");
        assert_eq!(files_in(&reports), ["r.json"]);

        let mut out = OutputFile::new(&link);
        out.write_all(b"new report").unwrap();
        out.finish().unwrap();
        let meta = fs::symlink_metadata(&link).unwrap();
        assert!(meta.file_type().is_symlink());
        assert_eq!(fs::read_link(&link).unwrap(), target);
        assert_eq!(fs::read_to_string(&target).unwrap(), "new report");
        assert_eq!(files_in(&reports), ["r.json"]);
        assert_eq!(files_in(&links), ["latest.json"]);
    }
}
