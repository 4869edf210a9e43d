//! Reading a file the user named, safely: a path that is not a regular file (a named pipe, a
//! device such as `/dev/zero`, a socket, a folder) is refused from its metadata, before it is
//! opened for reading, so a pipe cannot block the run and a device cannot fill memory. A regular
//! file is then opened once, without blocking (should it have been swapped for a pipe since),
//! checked again on the open handle, and read through a bound: never more than `limit` bytes
//! are held, whatever the file claims its size is. Each file is read once; its bytes serve both
//! the reader and the drawing of its errors.

use std::fs::{File, Metadata};
use std::io::Read;
use std::path::Path;

/// Why a file was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    NotFound(String),
    PermissionDenied(String),
    /// A folder.
    IsDir,
    /// Not a regular file: the catalogue id of what it is (`soort.fifo`, …).
    NotRegular(&'static str),
    /// Larger than the limit: the size seen (at least limit + 1) and the limit.
    TooLarge(u64, u64),
    Io(String),
}

/// In English, for rule files (whose errors are for the rule set's author, as serde's are).
impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::NotFound(m) | ReadError::PermissionDenied(m) | ReadError::Io(m) => f.write_str(m),
            ReadError::IsDir => f.write_str("a folder, not a file"),
            ReadError::NotRegular(kind) => write!(f, "not a regular file ({}); not read", kind.trim_start_matches("soort.")),
            ReadError::TooLarge(size, limit) => write!(f, "too large: {size} bytes, at most {limit} are read"),
        }
    }
}

impl ReadError {
    fn of(e: &std::io::Error) -> ReadError {
        match e.kind() {
            std::io::ErrorKind::NotFound => ReadError::NotFound(e.to_string()),
            std::io::ErrorKind::PermissionDenied => ReadError::PermissionDenied(e.to_string()),
            _ => ReadError::Io(e.to_string()),
        }
    }
}

/// What kind of non-regular file `m` describes, as a catalogue id; `None` for a regular file.
pub fn kind_of(m: &Metadata) -> Option<&'static str> {
    if m.is_file() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = m.file_type();
        if t.is_fifo() {
            return Some("soort.fifo");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("soort.apparaat");
        }
        if t.is_socket() {
            return Some("soort.socket");
        }
    }
    Some("soort.anders")
}

fn check(m: &Metadata, limit: u64) -> Result<(), ReadError> {
    if m.is_dir() {
        return Err(ReadError::IsDir);
    }
    if let Some(kind) = kind_of(m) {
        return Err(ReadError::NotRegular(kind));
    }
    if m.len() > limit {
        return Err(ReadError::TooLarge(m.len(), limit));
    }
    Ok(())
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY).open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

/// The bytes of the regular file at `path` (symlinks followed: the user named it), at most
/// `limit` of them.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let m = std::fs::metadata(path).map_err(|e| ReadError::of(&e))?;
    check(&m, limit)?;
    let file = open_nonblocking(path).map_err(|e| ReadError::of(&e))?;
    // The path may have changed between the look and the open: judge the handle itself.
    let m = file.metadata().map_err(|e| ReadError::of(&e))?;
    check(&m, limit)?;
    let mut bytes = Vec::with_capacity(usize::try_from(m.len()).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(|e| ReadError::of(&e))?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(bytes.len() as u64, limit));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_regular_file_and_refuses_too_large_ones() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("a.yaml");
        std::fs::write(&p, b"regeling: x\n").unwrap();
        assert_eq!(read_regular(&p, 100).unwrap(), b"regeling: x\n");
        assert_eq!(read_regular(&p, 5), Err(ReadError::TooLarge(12, 5)));
        assert_eq!(read_regular(d.path(), 5), Err(ReadError::IsDir));
        assert!(matches!(read_regular(&d.path().join("nee"), 5), Err(ReadError::NotFound(_))));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn devices_and_pipes_are_refused_without_reading() {
        assert_eq!(read_regular(Path::new("/dev/zero"), 10), Err(ReadError::NotRegular("soort.apparaat")));
        let d = tempfile::tempdir().unwrap();
        let fifo = d.path().join("pijp.yaml");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path; mkfifo only creates the pipe.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        // Nobody writes to the pipe: opening it for reading would block; it is never opened.
        assert_eq!(read_regular(&fifo, 10), Err(ReadError::NotRegular("soort.fifo")));
    }
}
