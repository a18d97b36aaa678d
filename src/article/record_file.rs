//! Opening a record: the one way feedwright reads a file from the articles folder.
//!
//! Records and their names come from untrusted contributors, so a record is only ever read
//! through [`open_record`], which applies the whole policy in one place. A record must be a
//! regular file. A symbolic link is followed only when its real path stays inside the
//! (canonical) articles folder; a link leading out of it, a dangling link and a loop of links
//! are errors naming the link and where it points. FIFOs, sockets and devices are never
//! opened (a warning says they were skipped), and a link to a folder is not followed (a
//! warning too). The file is opened without following a link in its last component and
//! without blocking, and on Linux the path of the opened file is checked again, so swapping a
//! link in after the checks gains nothing. Every read is bounded by the size the file had when
//! it was opened (itself at most [`MAX_RECORD_BYTES`]), whatever the file then holds: a file
//! that grows, shrinks or claims a size it does not have (`/proc`) is reported as changed.
//! A hard link cannot be told from a regular file; SECURITY.md says so.

use std::fs::{self, File, FileType, Metadata};
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::diagnostics::{shown, Diagnostic};

/// Largest record feedwright reads.
pub const MAX_RECORD_BYTES: u64 = 32 * 1024 * 1024;

/// A record opened by [`open_record`]: a regular file inside the articles folder, read no
/// further than the size it had when it was opened.
#[derive(Debug)]
pub struct RecordFile {
    file: File,
    /// The record as shown in messages.
    shown: PathBuf,
    /// Size when opened; reads never go past it.
    len: u64,
    modified: Option<SystemTime>,
    /// Bytes before the next read.
    pos: u64,
}

/// Opens the record at `path` (as the walk found it, which is also how messages show it) for
/// reading, if the policy above allows it. `root` is the canonical articles folder.
///
/// The error is a warning for a file that is simply not a record (a FIFO, a socket, a device, a
/// link to a folder): skipped, never opened. Everything else that is refused is an error.
pub fn open_record(path: &Path, root: &Path) -> Result<RecordFile, Diagnostic> {
    open_file(path, root, &RECORD)
}

/// Opens a media file (an enclosure or a transcript beside a record) under the same policy as
/// a record, without the record size limit: only its size is read.
pub fn open_media(path: &Path, root: &Path) -> Result<RecordFile, Diagnostic> {
    open_file(path, root, &MEDIA)
}

/// What is opened, as messages name it, and the most bytes it may have.
struct Policy {
    what: &'static str,
    max: Option<u64>,
}

const RECORD: Policy = Policy {
    what: "record",
    max: Some(MAX_RECORD_BYTES),
};

const MEDIA: Policy = Policy {
    what: "file",
    max: None,
};

fn open_file(path: &Path, root: &Path, policy: &Policy) -> Result<RecordFile, Diagnostic> {
    // The common case, a regular file, takes one open that neither follows a link nor blocks.
    // A link does not open (ELOOP) and a socket cannot be opened (ENXIO): the checks below say
    // what they are. The walk ([`super::load::discover`]) skips the FIFOs and devices it sees,
    // so one is opened here only if it was swapped in since, and is then refused by its type,
    // never read.
    #[cfg(unix)]
    match open_no_follow(path) {
        Ok(file) => return checked(file, path, root, true, policy),
        Err(e) if is_loop(&e) || e.raw_os_error() == Some(libc::ENXIO) => {}
        Err(e) => return Err(io_error(path)(e)),
    }
    let meta = fs::symlink_metadata(path).map_err(io_error(path))?;
    let target = if meta.file_type().is_symlink() {
        let real = resolve_link(path, root, policy.what)?;
        let meta = fs::metadata(&real).map_err(io_error(path))?;
        if meta.is_dir() {
            return Err(linked_folder(path));
        }
        refuse_special(path, &meta)?;
        real
    } else {
        refuse_special(path, &meta)?;
        path.to_path_buf()
    };
    let file = open_no_follow(&target).map_err(io_error(path))?;
    checked(file, path, root, false, policy)
}

/// True when the real path `real` is `root` or below it, as `Path::starts_with` says for these
/// canonical paths (no `.`, `..` or doubled `/`), compared as bytes: this runs for every record.
fn inside(real: &Path, root: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let (real, root) = (real.as_os_str().as_bytes(), root.as_os_str().as_bytes());
    match real.strip_prefix(root) {
        Some(rest) => rest.is_empty() || rest[0] == b'/' || root.ends_with(b"/"),
        None => false,
    }
}

/// The checks on an opened record: a regular file (`direct`: opened by its own name, so a
/// special file is reported as one; else the link's target changed since it was checked),
/// really inside `root`, and no larger than [`MAX_RECORD_BYTES`].
fn checked(
    file: File,
    path: &Path,
    root: &Path,
    direct: bool,
    policy: &Policy,
) -> Result<RecordFile, Diagnostic> {
    let meta = file.metadata().map_err(io_error(path))?;
    if !meta.is_file() {
        return Err(match special_file(path, meta.file_type()) {
            Some(warning) if direct => warning,
            _ => changed(path),
        });
    }
    if let Some(real) = opened_path(&file).filter(|real| !inside(real, root)) {
        return Err(outside(path, &real, policy.what));
    }
    let len = meta.len();
    if policy.max.is_some_and(|max| len > max) {
        return Err(Diagnostic::error(
            path,
            format!("file is {len} bytes; records are limited to {MAX_RECORD_BYTES} bytes"),
        )
        .hint("split the article, or move the file out of the articles folder"));
    }
    Ok(RecordFile {
        file,
        shown: path.to_path_buf(),
        len,
        modified: meta.modified().ok(),
        pos: 0,
    })
}

impl RecordFile {
    /// The file's size when it was opened.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// True for an empty file.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The file's modification time when it was opened, where the system has one.
    pub fn modified(&self) -> Option<SystemTime> {
        self.modified
    }

    /// Moves to byte `offset`, which must be within the file's size.
    pub fn seek_to(&mut self, offset: u64) -> Result<(), Diagnostic> {
        if offset > self.len {
            return Err(changed(&self.shown));
        }
        self.file
            .seek(SeekFrom::Start(offset))
            .map_err(io_error(&self.shown))?;
        self.pos = offset;
        Ok(())
    }

    /// Appends up to `n` more bytes to `buf`, never past the file's size; says whether the end
    /// was reached. At the end it checks that the file holds nothing more (one byte is read to
    /// see), and a file that turns out shorter or longer than its size is an error.
    pub fn read_upto(&mut self, buf: &mut Vec<u8>, n: u64) -> Result<bool, Diagnostic> {
        let want = n.min(self.len - self.pos);
        let got = self.take_into(buf, want)?;
        self.pos += got;
        if got < want {
            return Err(changed(&self.shown));
        }
        if self.pos < self.len {
            return Ok(false);
        }
        let mut extra = Vec::new();
        if self.take_into(&mut extra, 1)? > 0 {
            return Err(changed(&self.shown));
        }
        Ok(true)
    }

    fn take_into(&mut self, buf: &mut Vec<u8>, n: u64) -> Result<u64, Diagnostic> {
        let got = (&mut self.file)
            .take(n)
            .read_to_end(buf)
            .map_err(io_error(&self.shown))?;
        Ok(got as u64)
    }
}

/// `cannot read: ...` for an I/O failure on the record `shown`.
pub(super) fn io_error(shown: &Path) -> impl FnOnce(io::Error) -> Diagnostic + '_ {
    move |e| Diagnostic::error(shown, format!("cannot read: {e}"))
}

/// The error for a file that changed (or is not what its size says) while it was read.
pub(super) fn changed(shown: &Path) -> Diagnostic {
    Diagnostic::error(shown, "file changed while feedwright was reading it")
        .hint("run the build again once edits are saved")
}

/// The real path of the link `path`, if it leads to something inside `root`.
fn resolve_link(path: &Path, root: &Path, what: &str) -> Result<PathBuf, Diagnostic> {
    let points_to = fs::read_link(path).map_err(io_error(path))?;
    let to = shown(&points_to);
    let real = fs::canonicalize(path).map_err(|e| {
        let why = match e.kind() {
            io::ErrorKind::NotFound => {
                format!("{what} is a symbolic link to {to}, which does not exist")
            }
            _ if is_loop(&e) => {
                format!("{what} is a symbolic link to {to}, which is a loop of links")
            }
            _ => format!("{what} is a symbolic link to {to}, which cannot be followed: {e}"),
        };
        Diagnostic::error(path, why).hint(format!(
            "remove the link, or replace it with the {what} itself"
        ))
    })?;
    if !real.starts_with(root) {
        return Err(outside(path, &points_to, what));
    }
    Ok(real)
}

/// The error for a record whose real path (`points_to`) is outside the articles folder.
fn outside(path: &Path, points_to: &Path, what: &str) -> Diagnostic {
    Diagnostic::error(
        path,
        format!(
            "{what} is a symbolic link to {}, outside the articles folder",
            shown(points_to)
        ),
    )
    .hint("replace the link with the file itself, or move the target into the articles folder")
}

/// Refuses what is not a regular file: a warning, as such a file is skipped, not read.
fn refuse_special(path: &Path, meta: &Metadata) -> Result<(), Diagnostic> {
    match special_file(path, meta.file_type()) {
        Some(warning) => Err(warning),
        None => Ok(()),
    }
}

/// The warning for a file of type `t` that is not a regular file, a link or a folder (a FIFO,
/// a socket, a device): not a record, skipped. The walk asks this without a system call.
pub(super) fn special_file(path: &Path, t: FileType) -> Option<Diagnostic> {
    if t.is_file() || t.is_symlink() {
        return None;
    }
    Some(
        Diagnostic::warning(path, format!("not a regular file ({}); skipped", kind(t))).hint(
            "records must be regular files; remove it, or rename it without a record extension",
        ),
    )
}

/// The warning for a symbolic link to a folder inside the articles folder, which is not
/// followed.
pub(super) fn linked_folder(path: &Path) -> Diagnostic {
    Diagnostic::warning(path, "symbolic link to a folder is not followed")
        .hint("move the folder's records into the articles folder, or remove the link")
}

/// What kind of special file `t` is, in words.
fn kind(t: FileType) -> &'static str {
    if t.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    let _ = t;
    "a special file"
}

/// True when `e` says a path holds a loop of symbolic links.
fn is_loop(e: &io::Error) -> bool {
    #[cfg(unix)]
    {
        e.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

/// Opens `path` for reading without following a link in its last component and without
/// blocking (a FIFO swapped in after the checks must not hang the build).
fn open_no_follow(path: &Path) -> io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    options.open(path)
}

/// The real path of the file `file` has open, where the system says (Linux, with `/proc`).
fn opened_path(file: &File) -> Option<PathBuf> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        fs::read_link(format!("/proc/self/fd/{}", file.as_raw_fd())).ok()
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = file;
        None
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn root() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("articles");
        fs::create_dir(&root).unwrap();
        let root = fs::canonicalize(root).unwrap();
        (dir, root)
    }

    fn message(r: Result<RecordFile, Diagnostic>) -> String {
        r.map(|_| ()).unwrap_err().to_string()
    }

    #[test]
    fn a_link_inside_is_read_and_a_link_outside_is_refused() {
        let (dir, root) = root();
        fs::write(root.join("a.md"), "inside").unwrap();
        fs::write(dir.path().join(".env"), "SECRET").unwrap();
        symlink("a.md", root.join("b.md")).unwrap();
        symlink("../.env", root.join("c.md")).unwrap();
        let mut ok = open_record(&root.join("b.md"), &root).unwrap();
        let mut buf = Vec::new();
        assert!(ok.read_upto(&mut buf, 100).unwrap());
        assert_eq!(buf, b"inside");
        let c = root.join("c.md");
        assert_eq!(
            message(open_record(&c, &root)),
            format!(
                "{}: error: record is a symbolic link to ../.env, outside the articles folder\n  \
                 hint: replace the link with the file itself, or move the target into the \
                 articles folder",
                c.display()
            )
        );
    }

    #[test]
    fn dangling_links_loops_folders_and_fifos_are_reported_not_skipped() {
        let (_dir, root) = root();
        symlink("/nonexistent/x", root.join("d.md")).unwrap();
        symlink("l2.md", root.join("l1.md")).unwrap();
        symlink("l1.md", root.join("l2.md")).unwrap();
        symlink(".", root.join("self.md")).unwrap();
        let fifo = root.join("f.md");
        assert!(std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success());
        let d = message(open_record(&root.join("d.md"), &root));
        assert!(
            d.contains("error: record is a symbolic link to /nonexistent/x, which does not exist"),
            "{d}"
        );
        let l = message(open_record(&root.join("l1.md"), &root));
        assert!(
            l.contains("error: record is a symbolic link to l2.md, which is a loop of links"),
            "{l}"
        );
        let s = message(open_record(&root.join("self.md"), &root));
        assert!(
            s.contains("warning: symbolic link to a folder is not followed"),
            "{s}"
        );
        let f = message(open_record(&fifo, &root));
        assert!(
            f.contains("warning: not a regular file (a FIFO); skipped"),
            "{f}"
        );
    }

    #[test]
    fn reads_stop_at_the_size_the_file_had_and_growth_is_an_error() {
        let (_dir, root) = root();
        let p = root.join("a.txt");
        fs::write(&p, "0123456789").unwrap();
        let mut r = open_record(&p, &root).unwrap();
        let mut buf = Vec::new();
        assert!(!r.read_upto(&mut buf, 4).unwrap());
        fs::OpenOptions::new()
            .append(true)
            .open(&p)
            .and_then(|mut f| io::Write::write_all(&mut f, b"more"))
            .unwrap();
        let e = r.read_upto(&mut buf, u64::MAX).unwrap_err();
        assert_eq!(e.message, "file changed while feedwright was reading it");
        assert_eq!(buf, b"0123456789", "nothing past the size read at open");
        assert!(r.seek_to(11).is_err(), "no seek past the end");
    }
}

#[cfg(test)]
mod inside_tests {
    use super::*;

    #[test]
    fn inside_is_path_starts_with_for_canonical_paths() {
        for (real, root) in [
            ("/a/b/c.md", "/a/b"),
            ("/a/bc/c.md", "/a/b"),
            ("/a/b", "/a/b"),
            ("/a", "/a/b"),
            ("/x/y", "/"),
            ("/a/b/c.md", "/a/b/c.md/d"),
        ] {
            let (real, root) = (Path::new(real), Path::new(root));
            assert_eq!(
                inside(real, root),
                real.starts_with(root),
                "{real:?} {root:?}"
            );
        }
    }
}
