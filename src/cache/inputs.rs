//! What a build reads, as one digest: the config, the ledger and every file under the articles
//! folder, by content. The cache trusts content, never timestamps: every file is read and
//! hashed (BLAKE3) on every build, so a file whose bytes changed is seen whatever its size and
//! mtime say.
//!
//! The walk is a superset of [`crate::article::load::discover`]'s: the same folder, sorted,
//! and every regular file counts, hidden or not (records, directory data files, bundle
//! resources, enclosures, files of other formats), so whatever the loader reads, or counts in
//! the report, is in the digest. Files are opened without following a link and without blocking; a
//! symbolic link, or anything that cannot be read, makes the site uncacheable (`None`: the
//! build simply runs in full). Each file's stat is kept too, only to tell afterwards whether a
//! file changed while the build read it (then the build records nothing).

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

/// The digest of a build's inputs, and the stat of each file in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inputs {
    /// BLAKE3 over every file's path, kind, size and content hash, in walk order.
    pub digest: String,
    /// Each file read, with its stat when read.
    stats: Vec<(PathBuf, Option<Stat>)>,
    /// Each regular file's content hash, by its path as messages show it (as an article's).
    hashes: HashMap<PathBuf, [u8; 32]>,
}

/// What a file's metadata says, to notice a change during a build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stat {
    pub size: u64,
    pub mtime_ns: i128,
    pub ctime_ns: i128,
    pub ino: u64,
    pub dev: u64,
}

impl Stat {
    /// The stat of `meta`.
    #[cfg(unix)]
    pub fn of(meta: &std::fs::Metadata) -> Stat {
        use std::os::unix::fs::MetadataExt;
        let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
        Stat {
            size: meta.len(),
            mtime_ns: ns(meta.mtime(), meta.mtime_nsec()),
            ctime_ns: ns(meta.ctime(), meta.ctime_nsec()),
            ino: meta.ino(),
            dev: meta.dev(),
        }
    }

    /// Elsewhere there is no ctime nor inode: never trusted (see `Cache::for_build`).
    #[cfg(not(unix))]
    pub fn of(meta: &std::fs::Metadata) -> Stat {
        Stat {
            size: meta.len(),
            mtime_ns: 0,
            ctime_ns: 0,
            ino: 0,
            dev: 0,
        }
    }

    /// The stat of the file at `path` (not following a link), if it is a regular file.
    pub fn read(path: &Path) -> Option<Stat> {
        let meta = std::fs::symlink_metadata(path).ok()?;
        meta.is_file().then(|| Stat::of(&meta))
    }
}

/// One entry of the walk.
enum Entry {
    /// A regular file, hashed.
    File(PathBuf),
    /// A FIFO, socket or device: never opened, only its name counts.
    Special(PathBuf),
}

/// The inputs of a build of the site whose config is `config`, ledger `ledger` and articles
/// folder `articles`; `None` when they cannot all be read as plain files.
pub fn read(config: &Path, ledger: &Path, articles: &Path) -> Option<Inputs> {
    let mut entries = vec![Entry::File(config.to_path_buf())];
    if std::fs::symlink_metadata(ledger).is_ok() {
        entries.push(Entry::File(ledger.to_path_buf()));
    }
    walk(articles, &mut entries)?;
    // Per entry: its kind (`f`ile or `s`pecial), its stat and its content's hash.
    type Hashed = (u8, Option<Stat>, [u8; 32]);
    let hashed: Vec<Option<Hashed>> = entries
        .par_iter()
        .map(|e| match e {
            Entry::File(path) => {
                let (stat, hash) = hash_file(path).ok()?;
                Some((b'f', Some(stat), hash))
            }
            Entry::Special(_) => Some((b's', None, [0; 32])),
        })
        .collect();
    let mut digest = blake3::Hasher::new();
    let mut stats = Vec::with_capacity(entries.len());
    let mut hashes = HashMap::with_capacity(entries.len());
    for (entry, hashed) in entries.iter().zip(hashed) {
        let (kind, stat, hash) = hashed?;
        let path = match entry {
            Entry::File(p) | Entry::Special(p) => p,
        };
        let name = path.as_os_str().as_encoded_bytes();
        digest.update(&(name.len() as u64).to_le_bytes());
        digest.update(name);
        digest.update(&[kind]);
        digest.update(&stat.map_or(0, |s| s.size).to_le_bytes());
        digest.update(&hash);
        if kind == b'f' {
            hashes.insert(crate::diagnostics::display_path(path), hash);
        }
        stats.push((path.clone(), stat));
    }
    Some(Inputs {
        digest: digest.finalize().to_hex().to_string(),
        stats,
        hashes,
    })
}

impl Inputs {
    /// The content hash of the file at `path` (as messages show it), as this build read it.
    pub fn hash_of(&self, path: &Path) -> Option<&[u8; 32]> {
        self.hashes.get(path)
    }

    /// Whether every file still has the stat it had when it was hashed (so the build read the
    /// bytes the digest describes).
    pub fn unchanged(&self) -> bool {
        self.unchanged_but(None)
    }

    /// [`Inputs::unchanged`], except for the file at `written` (the ledger a build itself
    /// wrote).
    pub fn unchanged_but(&self, written: Option<&Path>) -> bool {
        self.stats.par_iter().all(|(path, stat)| match stat {
            _ if Some(path.as_path()) == written => true,
            Some(s) => Stat::read(path) == Some(*s),
            None => true,
        })
    }
}

/// Adds every file under `dir` to `entries`, sorted by name, hidden ones too (the loader skips
/// them as records, but a record may name one as its enclosure); `None` at a symbolic link or
/// an entry that cannot be read.
fn walk(dir: &Path, entries: &mut Vec<Entry>) -> Option<()> {
    let walker = walkdir::WalkDir::new(dir).sort_by_file_name().into_iter();
    for entry in walker {
        let entry = entry.ok()?;
        let t = entry.file_type();
        if t.is_dir() {
            continue;
        }
        if t.is_symlink() {
            return None;
        }
        let path = entry.into_path();
        entries.push(if t.is_file() {
            Entry::File(path)
        } else {
            Entry::Special(path)
        });
    }
    Some(())
}

/// Opens `path` without following a link and without blocking; only a regular file.
pub fn open_plain(path: &Path) -> io::Result<(File, std::fs::Metadata)> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(io::Error::other("not a regular file"));
    }
    Ok((file, meta))
}

/// The stat and BLAKE3 hash of the regular file at `path`.
fn hash_file(path: &Path) -> io::Result<(Stat, [u8; 32])> {
    let (file, meta) = open_plain(path)?;
    let mut hasher = blake3::Hasher::new();
    let mut limited = file.take(meta.len() + 1);
    let mut buf = vec![0u8; (meta.len() as usize + 1).min(256 * 1024)];
    loop {
        let n = limited.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok((Stat::of(&meta), *hasher.finalize().as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("feeds.toml"), "x").unwrap();
        std::fs::create_dir_all(dir.path().join("articles/a")).unwrap();
        std::fs::write(dir.path().join("articles/a/one.md"), "one").unwrap();
        std::fs::write(dir.path().join("articles/two.md"), "two").unwrap();
        dir
    }

    fn digest(dir: &Path) -> Option<String> {
        let d = |p: &str| dir.join(p);
        read(&d("feeds.toml"), &d("feeds.lock"), &d("articles")).map(|i| i.digest)
    }

    #[test]
    fn the_digest_follows_content_names_and_new_files_but_not_timestamps() {
        let dir = site();
        let p = dir.path();
        let first = digest(p).unwrap();
        assert_eq!(digest(p).unwrap(), first);
        std::fs::write(p.join("articles/two.md"), "twO").unwrap();
        let edited = digest(p).unwrap();
        assert_ne!(edited, first);
        std::fs::write(p.join("articles/two.md"), "two").unwrap();
        assert_eq!(
            digest(p).unwrap(),
            first,
            "same bytes, new mtime: same digest"
        );
        std::fs::write(p.join("articles/image.png"), "").unwrap();
        assert_ne!(digest(p).unwrap(), first, "a new file of any kind counts");
        std::fs::remove_file(p.join("articles/image.png")).unwrap();
        std::fs::write(p.join("articles/.hidden.mp3"), "").unwrap();
        assert_ne!(
            digest(p).unwrap(),
            first,
            "a record may name a hidden enclosure"
        );
        std::fs::remove_file(p.join("articles/.hidden.mp3")).unwrap();
        std::fs::write(p.join("feeds.lock"), "").unwrap();
        assert_ne!(digest(p).unwrap(), first, "the ledger counts");
    }

    #[test]
    fn a_link_makes_the_site_uncacheable() {
        let dir = site();
        let p = dir.path();
        std::os::unix::fs::symlink(p.join("articles/two.md"), p.join("articles/link.md")).unwrap();
        assert_eq!(digest(p), None);
    }

    #[test]
    fn a_file_changed_after_hashing_is_noticed() {
        let dir = site();
        let p = dir.path();
        let d = |x: &str| p.join(x);
        let inputs = read(&d("feeds.toml"), &d("feeds.lock"), &d("articles")).unwrap();
        assert!(inputs.unchanged());
        std::fs::write(p.join("articles/two.md"), "three").unwrap();
        assert!(!inputs.unchanged());
    }
}
