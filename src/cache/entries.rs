//! Where each entry sits in the feed files the last build wrote, so that the next build copies
//! an unchanged entry's bytes from the file instead of rendering its body and its markup again
//! (see [`crate::render::fragments`]). The feed files themselves are the store: the cache keeps
//! only, per file, its stat as the build left it and each entry's key, offset, length and
//! checksum (about 50 bytes an entry).
//!
//! Nothing here is trusted blindly. A file is used only if it is still the regular file the
//! build left (same size, mtime, inode and ctime, read from the open file), and every entry's
//! bytes are checked against their XXH3 checksum when they are read; an entry that fails is
//! rendered, or, when this build expected it and did not render its body, the build runs
//! again without the cache. The index is one file (`entries`), written atomically with a
//! versioned, checksummed header like the manifest; one that does not read back whole is
//! ignored.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::path::{Path, PathBuf};

use super::bodies::Key;
use super::inputs::Stat;
use crate::render::fragments::{Fragments, Span};

/// The index's file name in the cache folder.
pub const FILE: &str = "entries";
/// First line of the file.
const MAGIC: &str = "feedwright-entries 1";
/// The largest index read (some 2,000,000 entries).
pub const MAX_BYTES: u64 = 128 << 20;

/// One feed file as a build left it: its path relative to the output folder, its stat, and
/// where its entries sit.
pub type Recorded = (String, Stat, Vec<Span>);

/// The whole index: the feed files, and the keys of the bodies that read without a warning
/// (which a later build need not read again to know it).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Index {
    pub files: Vec<Recorded>,
    pub clean: Vec<Key>,
}

/// The feed files of the last build that are still as it left them (by their stat: no file is
/// held open, a site may have thousands), and the bodies it read without a warning.
#[derive(Debug, Default)]
pub struct Previous {
    root: PathBuf,
    files: HashMap<String, Held>,
    clean: HashSet<Key>,
}

/// One such file: its stat, and where its entries sit (offset, length, checksum by key).
#[derive(Debug)]
struct Held {
    stat: Stat,
    spans: HashMap<u128, (u64, u32, u64)>,
}

/// One such file, open while one build writes its new version.
#[derive(Debug)]
pub struct Opened<'a> {
    file: File,
    spans: &'a HashMap<u128, (u64, u32, u64)>,
}

impl Previous {
    /// The files of `index` under the output folder `root` that are still as recorded.
    pub fn open(root: &Path, index: Index) -> Previous {
        let files = index
            .files
            .into_iter()
            .filter(|(rel, stat, _)| Stat::read(&root.join(rel)) == Some(*stat))
            .map(|(rel, stat, spans)| {
                let spans = spans
                    .into_iter()
                    .map(|s| (s.key, (s.offset, s.len, s.check)))
                    .collect();
                (rel, Held { stat, spans })
            })
            .collect();
        let clean = index.clean.into_iter().collect();
        Previous {
            root: root.to_path_buf(),
            files,
            clean,
        }
    }

    /// Whether the body with `key` read without a warning in the last build.
    pub fn clean(&self, key: &Key) -> bool {
        self.clean.contains(key)
    }

    /// Whether no file of the last build can give entries.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Whether the file `rel` held the entry with `key`.
    pub fn has(&self, rel: &str, key: u128) -> bool {
        self.files
            .get(rel)
            .is_some_and(|f| f.spans.contains_key(&key))
    }

    /// The file `rel`, opened as the build's writes open an old file (never through a link),
    /// as a source of entries; `None` unless it is still as recorded.
    pub fn source(&self, rel: &str) -> Option<Opened<'_>> {
        let held = self.files.get(rel)?;
        let file = crate::output::open_existing(&self.root, Path::new(rel)).ok()??;
        let now = Stat::of(&file.metadata().ok()?);
        (now == held.stat).then_some(Opened {
            file,
            spans: &held.spans,
        })
    }
}

impl Fragments for Opened<'_> {
    fn has(&self, key: u128) -> bool {
        self.spans.contains_key(&key)
    }

    fn get(&self, key: u128, buf: &mut Vec<u8>) -> Option<u64> {
        let &(offset, len, check) = self.spans.get(&key)?;
        // Only grown (zeroed) when a longer entry comes: most entries reuse the space.
        if buf.len() < len as usize {
            buf.resize(len as usize, 0);
        }
        buf.truncate(len as usize);
        read_at(&self.file, buf, offset)?;
        if let Some(first) = buf.first_mut().filter(|_| super::entries_unreadable()) {
            *first ^= 1;
        }
        (xxhash_rust::xxh3::xxh3_64(buf) == check).then_some(check)
    }
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> Option<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset).ok()
}

#[cfg(not(unix))]
fn read_at(_: &File, _: &mut [u8], _: u64) -> Option<()> {
    None
}

/// The index in `bytes`: the magic line, the files (postcard), then the BLAKE3 of the files
/// (64 hex digits); `None` if they do not read back whole.
pub fn decode(bytes: &[u8]) -> Option<Index> {
    let rest = bytes.strip_prefix(MAGIC.as_bytes())?.strip_prefix(b"\n")?;
    let (body, sum) = rest.split_at_checked(rest.len().checked_sub(64)?)?;
    if blake3::hash(body).to_hex().as_bytes() != sum {
        return None;
    }
    postcard::from_bytes(body).ok()
}

/// The bytes [`decode`] reads.
pub fn encode(index: &Index) -> Option<Vec<u8>> {
    let body = postcard::to_stdvec(index).ok()?;
    let mut bytes = format!("{MAGIC}\n").into_bytes();
    bytes.extend_from_slice(&body);
    bytes.extend_from_slice(blake3::hash(&body).to_hex().as_bytes());
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(key: u128, offset: u64, bytes: &[u8]) -> Span {
        Span {
            key,
            offset,
            len: bytes.len() as u32,
            check: xxhash_rust::xxh3::xxh3_64(bytes),
        }
    }

    #[test]
    fn an_index_reads_back_and_a_torn_or_foreign_one_does_not() {
        let stat = Stat {
            size: 9,
            mtime_ns: 1,
            ctime_ns: 2,
            ino: 3,
            dev: 4,
        };
        let index = Index {
            files: vec![("a/rss.xml".to_string(), stat, vec![span(7, 3, b"abc")])],
            clean: vec![[5; 32]],
        };
        let bytes = encode(&index).unwrap();
        assert_eq!(decode(&bytes).unwrap(), index);
        assert!(decode(&bytes[..bytes.len() - 1]).is_none());
        let mut flipped = bytes.clone();
        flipped[MAGIC.len() + 3] ^= 1;
        assert!(decode(&flipped).is_none());
        assert!(decode(b"garbage").is_none());
        let other = [b"feedwright-entries 2".as_slice(), &bytes[MAGIC.len()..]].concat();
        assert!(decode(&other).is_none());
    }

    #[test]
    fn only_a_file_as_recorded_and_bytes_that_match_their_checksum_are_used() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("f.xml"), b"<a>abc</a>").unwrap();
        let stat = Stat::read(&dir.path().join("f.xml")).unwrap();
        let spans = vec![span(1, 3, b"abc"), span(2, 3, b"abd"), span(3, 9, b"a>")];
        let recorded = || Index {
            files: vec![("f.xml".to_string(), stat, spans.clone())],
            clean: vec![],
        };
        let previous = Previous::open(dir.path(), recorded());
        let source = previous.source("f.xml").unwrap();
        assert!(previous.source("g.xml").is_none());
        let mut buf = Vec::new();
        assert!(source.get(1, &mut buf).is_some());
        assert_eq!(buf, b"abc");
        assert!(source.get(2, &mut buf).is_none(), "checksum differs");
        assert!(source.get(3, &mut buf).is_none(), "past the end");
        assert!(source.get(4, &mut buf).is_none(), "unknown key");
        assert!(previous.has("f.xml", 2) && !previous.has("g.xml", 1));
        // Edited since (another inode, or the same one written again): not used at all.
        std::fs::remove_file(dir.path().join("f.xml")).unwrap();
        std::fs::write(dir.path().join("f.xml"), b"<a>abcd</a>").unwrap();
        assert!(Previous::open(dir.path(), recorded())
            .source("f.xml")
            .is_none());
    }
}
