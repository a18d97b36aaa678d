//! Writing feeds to disk: atomically, only when their bytes change, one build at a time.
//!
//! Each file is written to a temporary file in its own folder, flushed to disk (`fsync`) and renamed
//! over the old one, so a reader (or a crash) sees the old feed or the new one, never a part. A file
//! whose bytes would not change is left alone, keeping its mtime (and HTTP caches) intact: new
//! bytes are compared with the old file as the writer produces them, and nothing touches the disk
//! until they differ, so neither an unchanged nor a changed 100 MB feed is ever held in memory. Builds
//! take an OS lock on `.feedwright.lock` in the output folder: it dies with its process, so a
//! killed build never leaves a stale lock. Temporary files a killed build left behind are removed
//! by the next one. Nothing is ever written through a link or onto anything but a regular file
//! (see `output::target`). Failures come back as [`Error::Io`] naming the file; nothing here prints.

mod target;

use std::fs::{self, File};
use std::io::{self, BufReader, BufWriter, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostics::display_path;
use crate::error::Error;

/// Prefix of temporary files, so leftovers from a killed run can be recognised and removed.
pub const TEMP_PREFIX: &str = ".feedwright-tmp-";
/// Name of the lock file in the output folder.
pub const LOCK_FILE: &str = ".feedwright.lock";

/// An I/O failure on `path` while doing `what`, naming the path as the user sees it.
fn err<'a>(path: &'a Path, what: &'static str) -> impl FnOnce(io::Error) -> Error + 'a {
    move |source| Error::io(display_path(path), what, source)
}

/// An exclusive build lock on an output folder; released on drop (or process death).
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

/// Takes the build lock of the output folder `dir` (creating `dir`), waiting up to `wait` for
/// another build. `dir` must be a real folder, and its lock file a regular file or absent.
pub fn lock(dir: &Path, wait: Duration) -> Result<Lock, Error> {
    target::real_folders(dir, Path::new(""), true)?;
    let path = dir.join(LOCK_FILE);
    let file = target::open_lock(&path)?;
    let start = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Lock { _file: file }),
            Err(fs::TryLockError::WouldBlock) if start.elapsed() < wait => {
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(fs::TryLockError::WouldBlock) => {
                let busy = io::Error::new(
                    io::ErrorKind::WouldBlock,
                    format!(
                        "still busy after {:.1}s; try again when it has finished",
                        wait.as_secs_f64()
                    ),
                );
                return Err(err(&path, "another feedwright build holds the lock")(busy));
            }
            Err(fs::TryLockError::Error(e)) => return Err(err(&path, "cannot lock")(e)),
        }
    }
}

/// Removes temporary files left in `dir` (the output folder `root` or a folder below it) by a
/// build that was killed: regular files named with [`TEMP_PREFIX`]. Anything else so named (a
/// folder, a link) is not one of ours and is left alone.
pub fn remove_debris(root: &Path, dir: &Path) -> Result<usize, Error> {
    let rel = dir.strip_prefix(root).unwrap_or(dir);
    if !target::real_folders(root, rel, false)? {
        return Ok(0);
    }
    let mut removed = 0;
    let entries = fs::read_dir(dir).map_err(err(dir, "cannot list"))?;
    for entry in entries {
        let entry = entry.map_err(err(dir, "cannot list"))?;
        let ours = entry.file_type().is_ok_and(|t| t.is_file());
        if ours && entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
            let p = entry.path();
            fs::remove_file(&p).map_err(err(&p, "cannot remove leftover temporary file"))?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Opens `rel` in the folder `root` to read it, as a feed is opened to be replaced: only if the
/// folders on the way are real folders and it is a regular file (see `output::target`);
/// `None` if it, or a folder on the way, is missing. For what a build reads back: the feeds
/// already published, and the ledger.
pub fn open_existing(root: &Path, rel: &Path) -> Result<Option<File>, Error> {
    let folder = rel.parent().unwrap_or(Path::new(""));
    if !target::real_folders(root, folder, false)? {
        return Ok(None);
    }
    Ok(target::open_old(&root.join(rel))?.map(|(file, _)| file))
}

/// A new version of one file, written and flushed to disk beside its target but not yet in
/// place. Dropping it deletes the temporary file.
#[derive(Debug)]
pub struct Staged {
    /// `None` for a dry run's marker.
    tmp: Option<tempfile::TempPath>,
    target: PathBuf,
}

/// Gives a flushed temporary file the permissions a feed replacing `old` gets.
fn finish_staging(
    path: &Path,
    old: Option<&fs::Metadata>,
    tmp: tempfile::NamedTempFile,
) -> Result<Staged, Error> {
    // Readers expect world-readable feeds, not the 0600 of a temporary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::Permissions::from_mode(target::new_mode(old));
        let file = tmp.as_file();
        file.set_permissions(mode)
            .map_err(err(path, "cannot set permissions"))?;
    }
    #[cfg(not(unix))]
    let _ = old;
    Ok(Staged {
        tmp: Some(tmp.into_temp_path()),
        target: path.to_path_buf(),
    })
}

/// Stages the bytes `render` writes as the new `rel` in the output folder `root`, unless they
/// equal what it holds (then `None`, and nothing was written). With `dry`, only says whether
/// they differ (`Some` is then an empty marker that commits nothing). The folders on the way
/// must be real folders and the old file a regular file (see `output::target`), dry or not.
pub fn stage_changed<F>(
    root: &Path,
    rel: &Path,
    dry: bool,
    render: F,
) -> Result<Option<Staged>, Error>
where
    F: FnOnce(&mut dyn Write) -> io::Result<()>,
{
    let path = &root.join(rel);
    let folder = rel.parent().unwrap_or(Path::new(""));
    let (old, meta) = match target::real_folders(root, folder, false)? {
        true => target::open_old(path)?.unzip(),
        false => (None, None),
    };
    let mut w = Changed {
        path,
        root,
        folder,
        dry,
        differs: old.is_none(),
        old: old.map(|f| BufReader::with_capacity(1 << 16, f)),
        same: 0,
        tmp: None,
        failure: None,
        scratch: Vec::new(),
    };
    if w.differs {
        w.diverge()
            .map_err(|_| w.failure.take().expect("diverge records its failure"))?;
    }
    let rendered = render(&mut w);
    if let Some(f) = w.failure.take() {
        return Err(f);
    }
    rendered.map_err(err(path, "cannot write"))?;
    if !w.differs {
        // Equal so far: the same file only if the old one ends here too.
        let mut probe = [0u8; 1];
        let old = w.old.as_mut().expect("kept while equal");
        let more = old.read(&mut probe).map_err(err(path, "cannot read"))?;
        if more == 0 {
            return Ok(None);
        }
        w.diverge()
            .map_err(|_| w.failure.take().expect("diverge records its failure"))?;
    }
    if dry {
        return Ok(Some(Staged {
            tmp: None,
            target: path.to_path_buf(),
        }));
    }
    let tmp = w.tmp.take().expect("created when the bytes diverged");
    let tmp = tmp
        .into_inner()
        .map_err(|e| err(path, "cannot write")(e.into_error()))?;
    tmp.as_file()
        .sync_all()
        .map_err(err(path, "cannot flush to disk"))?;
    finish_staging(path, meta.as_ref(), tmp).map(Some)
}

/// Writes `bytes` to the file at `path` (anywhere, e.g. `build --report FILE.json`,
/// `opml -o FILE`) atomically: a temporary file beside it, then a rename; unchanged bytes are
/// left alone. Returns whether the file was written.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<bool, Error> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().map_or(path, Path::new);
    let staged = stage_changed(folder, name, false, |w: &mut dyn Write| w.write_all(bytes))?;
    let written = staged.is_some();
    commit(staged.into_iter().collect())?;
    Ok(written)
}

/// The writer behind [`stage_changed`]: compares with the old file while the bytes match, then
/// writes a temporary file (starting with the matching part, copied from the old file).
struct Changed<'p> {
    path: &'p Path,
    /// The output folder, and the folder of `path` below it.
    root: &'p Path,
    folder: &'p Path,
    dry: bool,
    /// Whether the new bytes differ from the old file (or there is none).
    differs: bool,
    old: Option<BufReader<File>>,
    /// How many bytes matched the old file so far.
    same: u64,
    tmp: Option<BufWriter<tempfile::NamedTempFile>>,
    /// The first I/O failure, with its path and what was being done.
    failure: Option<Error>,
    scratch: Vec<u8>,
}

impl Changed<'_> {
    fn fail(&mut self, what: &'static str, e: io::Error) -> io::Error {
        let reported = io::Error::new(e.kind(), e.to_string());
        self.failure.get_or_insert_with(|| err(self.path, what)(e));
        reported
    }

    /// The bytes differ from here on: start the temporary file with the part that matched,
    /// copied from the old file already open (never opened again by name).
    fn diverge(&mut self) -> io::Result<()> {
        self.differs = true;
        let old = self.old.take();
        if self.dry {
            return Ok(());
        }
        if let Err(e) = target::real_folders(self.root, self.folder, true) {
            let reported = io::Error::other(e.to_string());
            self.failure.get_or_insert(e);
            return Err(reported);
        }
        let dir = self
            .path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let tmp = match tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .tempfile_in(dir)
        {
            Ok(t) => t,
            Err(e) => return Err(self.fail("cannot create temporary file", e)),
        };
        let mut tmp = tmp;
        if let Some(old) = old.filter(|_| self.same > 0) {
            let mut f = old.into_inner();
            // File to file: the kernel copies (copy_file_range), nothing passes through here.
            let copied = f
                .rewind()
                .and_then(|()| io::copy(&mut f.take(self.same), tmp.as_file_mut()));
            match copied {
                Ok(n) if n == self.same => {}
                Ok(_) => {
                    let e = io::Error::new(io::ErrorKind::UnexpectedEof, "file shrank while read");
                    return Err(self.fail("cannot read", e));
                }
                Err(e) => return Err(self.fail("cannot write", e)),
            }
        }
        self.tmp = Some(BufWriter::with_capacity(1 << 16, tmp));
        Ok(())
    }
}

impl Write for Changed<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.differs {
            let old = self.old.as_mut().expect("kept while equal");
            self.scratch.resize(buf.len(), 0);
            let mut got = 0;
            while got < buf.len() {
                match old.read(&mut self.scratch[got..]) {
                    Ok(0) => break,
                    Ok(n) => got += n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(self.fail("cannot read", e)),
                }
            }
            if got == buf.len() && self.scratch[..got] == *buf {
                self.same += got as u64;
                return Ok(buf.len());
            }
            self.diverge()?;
        }
        match self.tmp.as_mut() {
            Some(t) => match t.write_all(buf) {
                Ok(()) => Ok(buf.len()),
                Err(e) => Err(self.fail("cannot write", e)),
            },
            None => Ok(buf.len()), // dry run
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Staged {
    /// The file it will replace.
    pub fn target(&self) -> &Path {
        &self.target
    }
}

/// Puts staged files in place, each by one atomic rename, then flushes their folders.
pub fn commit(staged: Vec<Staged>) -> Result<(), Error> {
    let pause = commit_pause();
    let mut dirs: Vec<PathBuf> = Vec::new();
    for s in staged {
        let target = s.target;
        let Some(tmp) = s.tmp else { continue };
        tmp.persist(&target)
            .map_err(|e| err(&target, "cannot replace")(e.error))?;
        if let Some(d) = target.parent() {
            if !dirs.iter().any(|x| x == d) {
                dirs.push(d.to_path_buf());
            }
        }
        if let Some(p) = pause {
            std::thread::sleep(p);
        }
    }
    for d in dirs {
        if let Some(f) = target::open_folder(&d) {
            // Persist the renames; not every platform allows fsync on a folder.
            let _ = f.sync_all();
        }
    }
    Ok(())
}

/// Fault-injection hook for the crash tests: a pause after each rename, so that a kill can land
/// between two of them. Compiled only with the `test-hooks` feature (which `cargo test` turns
/// on), so a release binary neither obeys nor contains the variable's name.
#[cfg(feature = "test-hooks")]
fn commit_pause() -> Option<Duration> {
    std::env::var("FEEDWRIGHT_TEST_COMMIT_PAUSE_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map(Duration::from_millis)
}

/// Without the `test-hooks` feature: no pause.
#[cfg(not(feature = "test-hooks"))]
fn commit_pause() -> Option<Duration> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `path` split into its folder, as the output folder, and its name.
    fn split(path: &Path) -> (&Path, &Path) {
        (path.parent().unwrap(), Path::new(path.file_name().unwrap()))
    }

    fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
        let (root, rel) = split(path);
        let staged = stage_changed(root, rel, false, |w| w.write_all(bytes))?;
        commit(staged.into_iter().collect())
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut n: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    }

    /// Stages `bytes`, written in pieces of `piece` bytes.
    fn stage_in_pieces(path: &Path, bytes: &[u8], piece: usize, dry: bool) -> Option<Staged> {
        let (root, rel) = split(path);
        stage_changed(root, rel, dry, |w| {
            bytes.chunks(piece).try_for_each(|c| w.write_all(c))
        })
        .unwrap()
    }

    #[test]
    fn writes_atomically_and_only_what_changed() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/feed.xml");
        write_atomic(&p, b"abc").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"abc");
        let old = b"0123456789".repeat(10_000);
        for piece in [1, 7, 4096, 1 << 20] {
            write_atomic(&p, b"abc").unwrap();
            commit(vec![stage_in_pieces(&p, &old, piece, false).unwrap()]).unwrap();
            assert_eq!(fs::read(&p).unwrap(), old);
            // Same bytes: nothing staged, nothing written.
            assert!(stage_in_pieces(&p, &old, piece, false).is_none());
            assert!(stage_in_pieces(&p, &old, piece, true).is_none());
            let mut changed = old.clone();
            changed[54_321] = b'x';
            let shorter = &old[..old.len() - 1];
            let longer = [&old[..], b"+"].concat();
            for new in [&changed[..], shorter, &longer[..], b""] {
                assert!(stage_in_pieces(&p, new, piece, true).is_some());
                assert_eq!(
                    names(p.parent().unwrap()),
                    ["feed.xml"],
                    "a dry run writes nothing"
                );
                let staged = stage_in_pieces(&p, new, piece, false).unwrap();
                assert_eq!(fs::read(&p).unwrap(), old, "nothing in place before commit");
                commit(vec![staged]).unwrap();
                assert_eq!(fs::read(&p).unwrap(), new);
                write_atomic(&p, &old).unwrap();
            }
        }
        assert_eq!(names(p.parent().unwrap()), ["feed.xml"]);
        // A new file in a new folder.
        let q = dir.path().join("new/dir/feed.json");
        let staged = stage_changed(dir.path(), Path::new("new/dir/feed.json"), false, |w| {
            w.write_all(b"{}")
        });
        commit(vec![staged.unwrap().unwrap()]).unwrap();
        assert_eq!(fs::read(&q).unwrap(), b"{}");
    }

    #[test]
    fn a_failed_render_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("feed.xml");
        write_atomic(&p, b"old").unwrap();
        let e = stage_changed(dir.path(), Path::new("feed.xml"), false, |w| {
            w.write_all(b"new")?;
            Err(io::Error::other("renderer gave up"))
        })
        .unwrap_err();
        assert!(
            matches!(
                e,
                Error::Io {
                    what: "cannot write",
                    ..
                }
            ),
            "{e}"
        );
        assert_eq!(names(dir.path()), ["feed.xml"]);
        assert_eq!(fs::read(&p).unwrap(), b"old");
    }

    #[test]
    fn lock_is_exclusive_and_released_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let first = lock(dir.path(), Duration::ZERO).unwrap();
        let e = lock(dir.path(), Duration::from_millis(120)).unwrap_err();
        assert!(
            e.to_string()
                .contains("another feedwright build holds the lock"),
            "{e}"
        );
        drop(first);
        lock(dir.path(), Duration::ZERO).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn never_writes_through_a_link_dry_or_not() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let (root, elsewhere) = (dir.path().join("public"), dir.path().join("elsewhere"));
        fs::create_dir_all(root.join("sub")).unwrap();
        fs::create_dir(&elsewhere).unwrap();
        fs::write(elsewhere.join("victim"), b"keep").unwrap();
        fs::write(elsewhere.join(format!("{TEMP_PREFIX}x")), b"not ours").unwrap();
        symlink(&elsewhere, root.join("linked")).unwrap();
        symlink(elsewhere.join("victim"), root.join("sub/feed.xml")).unwrap();
        for rel in ["linked/feed.xml", "linked/new/feed.xml", "sub/feed.xml"] {
            for dry in [true, false] {
                let e = stage_changed(&root, Path::new(rel), dry, |w| w.write_all(b"new"));
                let e = e.unwrap_err().to_string();
                assert!(e.contains(": is a symbolic link: "), "{rel}: {e}");
            }
        }
        let e = remove_debris(&root, &root.join("linked")).unwrap_err();
        assert!(e.to_string().contains("linked: is a symbolic link"), "{e}");
        let e = lock(&root.join("linked"), Duration::ZERO).unwrap_err();
        assert!(e.to_string().contains("linked: is a symbolic link"), "{e}");
        let mut outside = names(&elsewhere);
        outside.sort();
        assert_eq!(outside, [format!("{TEMP_PREFIX}x"), "victim".into()]);
        assert_eq!(fs::read(elsewhere.join("victim")).unwrap(), b"keep");
    }

    #[test]
    fn removes_only_temporary_debris() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(format!("{TEMP_PREFIX}x")), b"partial").unwrap();
        fs::write(dir.path().join("rss.xml"), b"keep").unwrap();
        fs::create_dir(dir.path().join(format!("{TEMP_PREFIX}dir"))).unwrap();
        assert_eq!(remove_debris(dir.path(), dir.path()).unwrap(), 1);
        assert!(dir.path().join("rss.xml").exists());
        assert!(
            dir.path().join(format!("{TEMP_PREFIX}dir")).is_dir(),
            "not ours"
        );
    }
}
