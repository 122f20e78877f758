//! outfile: the file `--output` names, put in place whole.
//!
//! Takes the path and the report's bytes as they are written; gives the
//! file. A report is written to a new file beside the path
//! (`.NAME.PID.claimcheck-tmp`), which takes the path's place only once the
//! report is whole: a reader of the path (an editor's viewer, the next CI
//! step) sees the previous report or the new one, never part of one, and a
//! run that fails part-way leaves the previous report as it was. The
//! previous report's permissions carry over.
//!
//! The new file is never created until the first byte is written, so a
//! report that fails to render before then leaves no file behind.
//!
//! Why not write over the previous report: emptying a file and writing it
//! again makes ext4 (on its default `auto_da_alloc`) flush the whole file
//! when it is closed, and so does renaming a new file over an existing one;
//! for the Reuters archive's 127 MB report that was 85 ms at `close`
//! (`strace -T`), on
//! one core, after every other step had finished. Removing the previous
//! report first and then renaming the new one to its name avoids both; the
//! price is an instant between the two when the path names no file.
//!
//! A path that is not a regular file (`/dev/stdout`, a pipe, a symlink) is
//! written in place, as is any path whose folder takes no new file.

use std::fs::{self, File, OpenOptions, Permissions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A report file being written; [`OutputFile::finish`] puts it in place.
pub struct OutputFile {
    path: PathBuf,
    state: State,
}

enum State {
    /// Nothing written yet.
    Unopened,
    /// Writing a new file beside the path; `keep` is the previous report's
    /// permissions, if there was one.
    Beside {
        file: File,
        temp: PathBuf,
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

    /// The new file beside the path, or the path itself, opened.
    fn open(&self) -> io::Result<State> {
        let previous = match fs::symlink_metadata(&self.path) {
            Ok(m) if m.file_type().is_file() => Some(m.permissions()),
            Ok(_) => return File::create(&self.path).map(State::InPlace),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(e),
        };
        let temp = self.temp_path();
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => Ok(State::Beside {
                file,
                temp,
                keep: previous,
            }),
            // A folder that takes no new file may still let the report be
            // rewritten.
            Err(_) => File::create(&self.path).map(State::InPlace),
        }
    }

    fn temp_path(&self) -> PathBuf {
        let name = self
            .path
            .file_name()
            .map_or_else(|| "report".into(), |n| n.to_string_lossy().into_owned());
        let temp = format!(".{name}.{}.claimcheck-tmp", std::process::id());
        self.path.with_file_name(temp)
    }

    fn file(&mut self) -> io::Result<&mut File> {
        if let State::Unopened = self.state {
            self.state = self.open()?;
        }
        match &mut self.state {
            State::Beside { file, .. } | State::InPlace(file) => Ok(file),
            State::Unopened | State::Done => Err(io::Error::other("the report file is closed")),
        }
    }

    /// Put the whole report at the path (an empty one if nothing was
    /// written).
    pub fn finish(mut self) -> io::Result<()> {
        self.file()?;
        match std::mem::replace(&mut self.state, State::Done) {
            State::Beside { file, temp, keep } => {
                drop(file);
                let placed = (|| {
                    if let Some(p) = keep {
                        fs::set_permissions(&temp, p)?;
                    }
                    match fs::remove_file(&self.path) {
                        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                        _ => {}
                    }
                    fs::rename(&temp, &self.path)
                })();
                if placed.is_err() {
                    let _ = fs::remove_file(&temp);
                }
                placed
            }
            _ => Ok(()),
        }
    }
}

impl Write for OutputFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file()?.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.state {
            State::Beside { file, .. } | State::InPlace(file) => file.flush(),
            State::Unopened | State::Done => Ok(()),
        }
    }
}

impl Drop for OutputFile {
    /// A report not finished leaves no new file behind.
    fn drop(&mut self) {
        if let State::Beside { temp, .. } = &self.state {
            let _ = fs::remove_file(temp);
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
    fn permissions_and_links_are_kept() {
        use std::os::unix::fs::{symlink, PermissionsExt};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.json");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, Permissions::from_mode(0o640)).unwrap();
        let mut out = OutputFile::new(&path);
        out.write_all(b"new").unwrap();
        out.finish().unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        // A symlink is written through, and stays a link.
        let link = dir.path().join("latest.json");
        symlink(&path, &link).unwrap();
        let mut out = OutputFile::new(&link);
        out.write_all(b"newer").unwrap();
        out.finish().unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read_to_string(&path).unwrap(), "newer");
    }
}
