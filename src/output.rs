//! Writing feeds to disk: atomically, only when their bytes change, one build at a time.
//!
//! Each file is written to a temporary file in its own folder, flushed to disk (`fsync`) and renamed
//! over the old one, so a reader (or a crash) sees the old feed or the new one, never a part. A file
//! whose bytes would not change is left alone, keeping its mtime (and HTTP caches) intact. Builds
//! take an OS lock on `.feedwright.lock` in the output folder: it dies with its process, so a
//! killed build never leaves a stale lock. Temporary files a killed build left behind are removed
//! by the next one.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostics::display_path;

/// Prefix of temporary files, so leftovers from a killed run can be recognised and removed.
pub const TEMP_PREFIX: &str = ".feedwright-tmp-";
/// Name of the lock file in the output folder.
pub const LOCK_FILE: &str = ".feedwright.lock";

/// A failure to read or write the output, with the path it concerns.
#[derive(Debug, thiserror::Error)]
#[error("{}: {what}: {source}", display_path(.path).display())]
pub struct OutputError {
    /// The file or folder.
    pub path: PathBuf,
    /// What was being done.
    pub what: &'static str,
    /// The OS error.
    #[source]
    pub source: io::Error,
}

fn err<'a>(path: &'a Path, what: &'static str) -> impl FnOnce(io::Error) -> OutputError + 'a {
    move |source| OutputError {
        path: path.to_path_buf(),
        what,
        source,
    }
}

/// An exclusive build lock on an output folder; released on drop (or process death).
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

/// Takes the build lock of `dir` (creating `dir`), waiting up to `wait` for another build.
pub fn lock(dir: &Path, wait: Duration) -> Result<Lock, OutputError> {
    fs::create_dir_all(dir).map_err(err(dir, "cannot create output folder"))?;
    let path = dir.join(LOCK_FILE);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(err(&path, "cannot open lock file"))?;
    let start = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Lock { _file: file }),
            Err(fs::TryLockError::WouldBlock) if start.elapsed() < wait => {
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(fs::TryLockError::WouldBlock) => {
                return Err(OutputError {
                    path,
                    what: "another feedwright build holds the lock",
                    source: io::Error::new(
                        io::ErrorKind::WouldBlock,
                        format!(
                            "still busy after {:.1}s; try again when it has finished",
                            wait.as_secs_f64()
                        ),
                    ),
                })
            }
            Err(fs::TryLockError::Error(e)) => return Err(err(&path, "cannot lock")(e)),
        }
    }
}

/// Removes temporary files left in `dir` by a build that was killed.
pub fn remove_debris(dir: &Path) -> Result<usize, OutputError> {
    let mut removed = 0;
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(err(dir, "cannot list")(e)),
    };
    for entry in entries {
        let entry = entry.map_err(err(dir, "cannot list"))?;
        if entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
            let p = entry.path();
            fs::remove_file(&p).map_err(err(&p, "cannot remove leftover temporary file"))?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// True when `path` already holds exactly `bytes`.
pub fn is_current(path: &Path, bytes: &[u8]) -> Result<bool, OutputError> {
    match fs::metadata(path) {
        Ok(m) if m.len() != bytes.len() as u64 => Ok(false),
        Ok(_) => Ok(fs::read(path).map_err(err(path, "cannot read"))? == bytes),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(err(path, "cannot read")(e)),
    }
}

/// A new version of one file, written and flushed to disk beside its target but not yet in
/// place. Dropping it deletes the temporary file.
#[derive(Debug)]
pub struct Staged {
    tmp: tempfile::TempPath,
    target: PathBuf,
}

/// Writes `bytes` to a temporary file in `path`'s folder (created if needed) and flushes it.
pub fn stage(path: &Path, bytes: &[u8]) -> Result<Staged, OutputError> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(err(dir, "cannot create folder"))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)
        .map_err(err(dir, "cannot create temporary file"))?;
    tmp.write_all(bytes).map_err(err(path, "cannot write"))?;
    tmp.as_file()
        .sync_all()
        .map_err(err(path, "cannot flush to disk"))?;
    // Readers expect world-readable feeds, not the 0600 of a temporary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(path)
            .map(|m| m.permissions().mode() & 0o7777)
            .unwrap_or(0o644);
        fs::set_permissions(tmp.path(), fs::Permissions::from_mode(mode))
            .map_err(err(path, "cannot set permissions"))?;
    }
    Ok(Staged {
        tmp: tmp.into_temp_path(),
        target: path.to_path_buf(),
    })
}

/// Puts staged files in place, each by one atomic rename, then flushes their folders.
pub fn commit(staged: Vec<Staged>) -> Result<(), OutputError> {
    // Fault-injection hook for the crash tests: a pause after each rename, so a kill can land
    // between two of them. Not a user setting.
    let pause = std::env::var("FEEDWRIGHT_TEST_COMMIT_PAUSE_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map(std::time::Duration::from_millis);
    let mut dirs: Vec<PathBuf> = Vec::new();
    for s in staged {
        let target = s.target;
        s.tmp.persist(&target).map_err(|e| OutputError {
            path: target.clone(),
            what: "cannot replace",
            source: e.error,
        })?;
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
        if let Ok(f) = File::open(&d) {
            // Persist the renames; not every platform allows fsync on a folder.
            let _ = f.sync_all();
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
        commit(vec![stage(path, bytes)?])
    }

    #[test]
    fn writes_atomically_and_detects_current_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/feed.xml");
        assert!(!is_current(&p, b"a").unwrap());
        write_atomic(&p, b"abc").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"abc");
        assert!(is_current(&p, b"abc").unwrap());
        assert!(!is_current(&p, b"abd").unwrap());
        let names: Vec<_> = fs::read_dir(p.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("feed.xml")]);
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

    #[test]
    fn removes_only_temporary_debris() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(format!("{TEMP_PREFIX}x")), b"partial").unwrap();
        fs::write(dir.path().join("rss.xml"), b"keep").unwrap();
        assert_eq!(remove_debris(dir.path()).unwrap(), 1);
        assert!(dir.path().join("rss.xml").exists());
    }
}
