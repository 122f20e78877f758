//! Reading one file whole, with a bound: takes a path and the most bytes
//! the caller will hold; gives the file's bytes, or why they were not read.
//!
//! Only a regular file (after following links) is read: a FIFO would block
//! the run until something writes to it, and a device (`/dev/zero`,
//! `/dev/urandom`) never ends. The cap is kept by counting the bytes that
//! actually arrive (the read stops one byte past it), never by trusting the
//! length the file system reports, which a growing file or a file in
//! `/proc` does not keep. The input readers and the reference loader both
//! read through here.

use std::fs::{File, Metadata};
use std::io::Read as _;
use std::path::Path;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The path (after following links) is not a regular file: what it is
    /// instead ("a FIFO", "a character device", ...).
    #[error("it is {0}, not a regular file")]
    NotRegular(&'static str),
    /// The file holds more than `cap` bytes; `size` is the length its
    /// metadata gave when that was already too much (none: more bytes
    /// arrived than the metadata said).
    #[error("{}", too_large(*.size, *.cap))]
    TooLarge { size: Option<u64>, cap: u64 },
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

fn too_large(size: Option<u64>, cap: u64) -> String {
    match size {
        Some(size) => format!(
            "file is {} MB; claimcheck reads files of at most {} MB",
            size >> 20,
            cap >> 20
        ),
        None => format!(
            "file holds more than {} MB (more than its size on disk said); claimcheck reads files of at most {} MB",
            cap >> 20,
            cap >> 20
        ),
    }
}

/// What a file that is not a regular one is, for messages.
pub fn kind_of(meta: &Metadata) -> &'static str {
    if meta.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
    }
    "not a regular file"
}

/// Whether `meta` (of a path, links followed) is neither a regular file nor
/// a folder: a FIFO, a socket or a device, which a folder walk skips.
pub fn is_special(meta: &Metadata) -> bool {
    !meta.is_file() && !meta.is_dir()
}

/// Open `path` for reading without waiting: a FIFO swapped in after the
/// path was looked at must not block the open (it is refused just after).
fn open(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// The bytes of the regular file at `path` (links followed), if it holds at
/// most `cap` bytes.
pub fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(&meta)));
    }
    if meta.len() > cap {
        return Err(ReadError::TooLarge {
            size: Some(meta.len()),
            cap,
        });
    }
    let file = open(path)?;
    // The path may name something else by now: judge the file opened.
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(&meta)));
    }
    let mut bytes = Vec::with_capacity(meta.len().min(cap) as usize + 1);
    file.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(ReadError::TooLarge { size: None, cap });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_file_under_the_cap_and_refuses_one_over() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.txt");
        std::fs::write(&f, b"0123456789").unwrap();
        assert_eq!(read_capped(&f, 10).unwrap(), b"0123456789");
        assert!(matches!(
            read_capped(&f, 9),
            Err(ReadError::TooLarge {
                size: Some(10),
                cap: 9
            })
        ));
    }

    /// A device reports no length: the cap is kept by the bytes read, and
    /// the device is refused before any is.
    #[cfg(unix)]
    #[test]
    fn devices_and_fifos_are_not_read() {
        let zero = Path::new("/dev/zero");
        if zero.exists() {
            let e = read_capped(zero, 1 << 20).unwrap_err();
            assert!(e.to_string().contains("character device"), "{e}");
        }
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("p.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let e = read_capped(&fifo, 1 << 20).unwrap_err();
            assert!(e.to_string().contains("FIFO"), "{e}");
        }
    }
}
