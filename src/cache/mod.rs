//! The build cache: how a cron or CI rebuild in which nothing changed costs about one read of
//! every file, instead of a whole build that only finds the bytes equal.
//!
//! It is an optimisation only, never a source of truth. A build reads every input (config,
//! ledger, every file under the articles folder) and hashes it ([`inputs`]); the cache's
//! manifest says which digest of inputs, build arguments and binary last gave a build that
//! changed nothing on disk, the stat of each feed file as that build left it (size, mtime,
//! inode and ctime: ctime cannot be set by users, so an unchanged one means the file is as the
//! build left it), the span of "now" over which no article changes state (scheduled or live),
//! and the report that build printed. When everything matches, the build is done: it prints the
//! same report, and writes nothing (as the build it replaces would have). Anything else (no
//! cache, another version, garbage, a file edited by hand, an article come due) runs the build
//! in full, which records a new manifest when it changed nothing.
//!
//! A build in full still uses the cache: every entry of its feeds whose body and fields did
//! not change is copied from the feed file the last build wrote ([`entries`], the index of
//! where each entry sits; [`bodies`], the key of a body, known before it is read), so a build
//! after one article changed reads and renders that article's body alone.
//!
//! The cache sits beside the output folder (`.feedwright-cache/<output folder name>/`, never
//! inside what is published), or in `--cache-dir`; `--no-cache` neither reads nor writes it.
//! It is written atomically (temporary file, rename) under the build lock, versioned, and
//! checksummed, so a torn or foreign file is only a miss. Failing to read or write it is never
//! an error nor a warning: the build's output and report are the same with it or without it.

pub mod bodies;
pub mod entries;
pub mod inputs;

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, SecondsFormat};
use serde::{Deserialize, Serialize};

use crate::cli::BuildArgs;
use crate::cmd::news::Built;
use crate::diagnostics::Diagnostic;
use inputs::{Inputs, Stat};

/// The manifest's file name in the cache folder.
const MANIFEST: &str = "manifest";
/// First line of the manifest: the format, so another layout is never read as this one.
const MAGIC: &str = "feedwright-cache 1";
/// Prefix of the cache's temporary files (a killed write leaves one; the next write removes it).
const TEMP_PREFIX: &str = ".tmp-";
/// How much older than the time the manifest is written a feed file's ctime and mtime must be:
/// more than a file system's timestamp granularity, so a later edit cannot keep them equal.
const SETTLED_NS: i128 = 100_000_000;
/// The same for a file system keeping whole seconds.
const SETTLED_COARSE_NS: i128 = 2_000_000_000;

/// A site's cache folder.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

/// What must match for a build to be replaced by its recorded report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Key {
    /// The binary: its version and identity (see [`binary`]).
    pub binary: String,
    /// The build's arguments (without `--now`, `--lock-wait` and the cache's own flags), the
    /// working folder and the message format.
    pub args: String,
    /// The digest of every input.
    pub inputs: String,
}

/// The span of "now" over which a build's selection is the same: no article's date lies in it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    /// The latest article date at or before "now" (RFC 3339, nanoseconds).
    pub from: Option<String>,
    /// The earliest article date after "now".
    pub until: Option<String>,
    /// When no article was live, the feeds' fallback date is "now" itself: only this "now".
    pub exact: Option<String>,
}

fn stamp(d: DateTime<FixedOffset>) -> String {
    d.to_rfc3339_opts(SecondsFormat::Nanos, true)
}

fn parse(s: &Option<String>) -> Result<Option<DateTime<FixedOffset>>, ()> {
    match s {
        None => Ok(None),
        Some(s) => DateTime::parse_from_rfc3339(s).map(Some).map_err(|_| ()),
    }
}

impl Window {
    /// The window around `now` given every article's dates that decide whether it is live or
    /// scheduled (`dates`), and whether any article is live at `now`.
    pub fn around(
        now: DateTime<FixedOffset>,
        dates: impl Iterator<Item = DateTime<FixedOffset>>,
        any_live: bool,
    ) -> Window {
        let (mut from, mut until) = (None, None);
        for d in dates {
            if d <= now {
                from = from.max(Some(d));
            } else if until.is_none_or(|u| d < u) {
                until = Some(d);
            }
        }
        Window {
            from: from.map(stamp),
            until: until.map(stamp),
            exact: (!any_live).then(|| stamp(now)),
        }
    }

    /// Whether `now` is inside the window.
    pub fn holds(&self, now: DateTime<FixedOffset>) -> bool {
        let (Ok(from), Ok(until), Ok(exact)) =
            (parse(&self.from), parse(&self.until), parse(&self.exact))
        else {
            return false;
        };
        from.is_none_or(|f| f <= now)
            && until.is_none_or(|u| now < u)
            && exact.is_none_or(|e| e == now)
    }
}

/// A feed file as the recorded build left it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Output {
    pub path: PathBuf,
    pub stat: Stat,
}

/// The report of the recorded build, less what is measured again (the elapsed time) or read
/// again (the feeds left in the output folder).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Replay {
    pub warnings: Vec<Diagnostic>,
    pub notes: Vec<String>,
    /// The summary line's counts: files read, drafts, scheduled, feed files.
    pub summary: Option<(usize, usize, usize, usize)>,
    pub built: Built,
    /// `Built::drafts` (not in its serialised form).
    pub drafts: usize,
    /// Every file the site writes, relative to the output folder (for the orphans' notes).
    pub files: Vec<String>,
    /// Folders that may hold a killed build's temporary files (the feeds' and the ledger's).
    pub debris: Vec<(PathBuf, PathBuf)>,
}

/// The whole manifest.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub key: Key,
    pub window: Window,
    pub outputs: Vec<Output>,
    pub replay: Replay,
}

impl Cache {
    /// The cache of a build of `output_dir` with `args`; `None` under `--no-cache`, for
    /// `--check` and `--dry-run` (which write nothing), or when the output folder has no
    /// parent to sit in.
    pub fn for_build(output_dir: &Path, args: &BuildArgs) -> Option<Cache> {
        // Without ctime and inodes a feed file edited by hand could not be told (unix only).
        if args.no_cache || args.check || args.dry_run || !cfg!(unix) {
            return None;
        }
        if let Some(dir) = &args.cache_dir {
            return Some(Cache { dir: dir.clone() });
        }
        let name = output_dir.file_name()?;
        let parent = output_dir.parent()?;
        let parent = if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        };
        Some(Cache {
            dir: parent.join(".feedwright-cache").join(name),
        })
    }

    /// The cache folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The manifest, if there is one that reads whole as this version's.
    pub fn manifest(&self) -> Option<Manifest> {
        let (file, _) = inputs::open_plain(&self.dir.join(MANIFEST)).ok()?;
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::Read::take(file, 64 << 20), &mut bytes).ok()?;
        decode(&bytes)
    }

    /// Records `manifest`, atomically; any failure leaves the cache as it was (or without a
    /// manifest) and is otherwise ignored.
    pub fn record(&self, manifest: &Manifest) {
        let Some(bytes) = encode(manifest) else {
            return;
        };
        let _ = self.write(MANIFEST, &bytes);
    }

    /// The feed files of the last build under the output folder `root` that are still as it
    /// left them, opened (none when the index is missing, torn or too large).
    pub fn previous(&self, root: &Path) -> entries::Previous {
        let read = || -> Option<entries::Index> {
            let (file, meta) = inputs::open_plain(&self.dir.join(entries::FILE)).ok()?;
            if meta.len() > entries::MAX_BYTES {
                return None;
            }
            let mut bytes = Vec::with_capacity(meta.len() as usize);
            std::io::Read::read_to_end(
                &mut std::io::Read::take(file, entries::MAX_BYTES),
                &mut bytes,
            )
            .ok()?;
            entries::decode(&bytes)
        };
        read().map_or_else(entries::Previous::default, |r| {
            entries::Previous::open(root, r)
        })
    }

    /// Keeps where the entries of this build's feed files sit (failures ignored, as
    /// [`Cache::record`]); removes the old index when there is nothing to keep.
    pub fn keep_entries(&self, index: &entries::Index) {
        // An earlier version's store of rendered bodies (90 MB at 10,000 articles) goes.
        let _ = std::fs::remove_file(self.dir.join("bodies"));
        let bytes = (!index.files.is_empty())
            .then(|| entries::encode(index))
            .flatten();
        let Some(bytes) = bytes else {
            let _ = std::fs::remove_file(self.dir.join(entries::FILE));
            return;
        };
        let _ = self.write(entries::FILE, &bytes);
    }

    /// Removes the manifest (a build that changed something: the next one runs in full).
    pub fn forget(&self) {
        let _ = std::fs::remove_file(self.dir.join(MANIFEST));
    }

    /// Writes `name` in the cache folder: a temporary file, then a rename.
    fn write(&self, name: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.write_with(name, |out| {
            let half = bytes.len() / 2;
            out.write_all(&bytes[..half])?;
            kill_point("cache-write");
            out.write_all(&bytes[half..])
        })
    }

    /// Writes `name` in the cache folder as `fill` writes it: a temporary file, then a rename.
    fn write_with(
        &self,
        name: &str,
        fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        self.remove_debris();
        let mut tmp = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .tempfile_in(&self.dir)?;
        fill(tmp.as_file_mut())?;
        kill_point("cache-rename");
        tmp.persist(self.dir.join(name)).map_err(|e| e.error)?;
        Ok(())
    }

    /// Removes temporary files a killed build left in the cache folder (under the build lock).
    pub fn remove_debris(&self) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let ours = entry.file_type().is_ok_and(|t| t.is_file());
            if ours && entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// The manifest's bytes: the magic line, the BLAKE3 of the body, the body (JSON).
fn encode(manifest: &Manifest) -> Option<Vec<u8>> {
    let body = serde_json::to_vec(manifest).ok()?;
    let mut bytes = format!("{MAGIC}\n{}\n", blake3::hash(&body).to_hex()).into_bytes();
    bytes.extend_from_slice(&body);
    Some(bytes)
}

/// The manifest in `bytes`, if they are whole and of this format.
fn decode(bytes: &[u8]) -> Option<Manifest> {
    let rest = bytes.strip_prefix(MAGIC.as_bytes())?.strip_prefix(b"\n")?;
    let (sum, body) = rest.split_at_checked(64)?;
    let body = body.strip_prefix(b"\n")?;
    if blake3::hash(body).to_hex().as_bytes() != sum {
        return None;
    }
    serde_json::from_slice(body).ok()
}

/// This binary: its version, and the size, inode and change time of its executable, so that a
/// rebuilt binary (a new version, or the same version number with other code) never trusts a
/// manifest another one wrote.
pub fn binary() -> String {
    let exe = std::env::current_exe()
        .ok()
        .and_then(|p| std::fs::metadata(p).ok())
        .map(|m| Stat::of(&m));
    let exe = exe.map_or_else(String::new, |s| {
        format!("{}:{}:{}:{}", s.size, s.ino, s.dev, s.ctime_ns)
    });
    format!("{} {exe}{}", env!("CARGO_PKG_VERSION"), test_version())
}

/// The key of a build with `args` (and `json`: `--message-format json`) reading `inputs`.
pub fn key(args: &BuildArgs, json: bool, inputs: &Inputs) -> Key {
    let args = BuildArgs {
        now: None,
        lock_wait: 0.0,
        no_cache: false,
        cache_dir: None,
        ..args.clone()
    };
    let cwd = std::env::current_dir().unwrap_or_default();
    let text = format!("{args:?} json={json} cwd={cwd:?}");
    Key {
        binary: binary(),
        args: blake3::hash(text.as_bytes()).to_hex().to_string(),
        inputs: inputs.digest.clone(),
    }
}

/// The feed files `files` (paths) as they are on disk now; `None` if one is missing or not a
/// regular file, or was changed so recently that a later edit could keep its stat.
pub fn settled_outputs(files: &[PathBuf]) -> Option<Vec<Output>> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_nanos() as i128;
    files
        .iter()
        .map(|path| {
            let stat = Stat::read(path)?;
            let coarse = stat.ctime_ns % 1_000_000_000 == 0 && stat.mtime_ns % 1_000_000_000 == 0;
            let settle = if coarse {
                SETTLED_COARSE_NS
            } else {
                SETTLED_NS
            };
            (stat.ctime_ns.max(stat.mtime_ns) + settle < now).then(|| Output {
                path: path.clone(),
                stat,
            })
        })
        .collect()
}

/// Whether every recorded feed file is still as the recorded build left it.
pub fn outputs_intact(outputs: &[Output]) -> bool {
    outputs.iter().all(|o| Stat::read(&o.path) == Some(o.stat))
}

/// Kill points for the crash tests (`FEEDWRIGHT_TEST_CACHE_KILL=<point>`): the process kills
/// itself with SIGKILL there. Compiled only with the `test-hooks` feature.
#[cfg(all(feature = "test-hooks", unix))]
fn kill_point(point: &str) {
    if std::env::var("FEEDWRIGHT_TEST_CACHE_KILL").is_ok_and(|p| p == point) {
        // SAFETY: kill(2) on our own pid; no memory is touched.
        unsafe {
            libc::kill(libc::getpid(), libc::SIGKILL);
        }
    }
}

#[cfg(not(all(feature = "test-hooks", unix)))]
fn kill_point(_: &str) {}

/// For the tests: another "version" (`FEEDWRIGHT_TEST_VERSION`), as a new release would be.
#[cfg(feature = "test-hooks")]
fn test_version() -> String {
    std::env::var("FEEDWRIGHT_TEST_VERSION").unwrap_or_default()
}

#[cfg(not(feature = "test-hooks"))]
fn test_version() -> String {
    String::new()
}

/// For the tests: every entry the index names reads back wrong
/// (`FEEDWRIGHT_TEST_CACHE_ENTRIES=unreadable`), as if its feed file had been changed in place.
#[cfg(feature = "test-hooks")]
pub fn entries_unreadable() -> bool {
    std::env::var("FEEDWRIGHT_TEST_CACHE_ENTRIES").is_ok_and(|v| v == "unreadable")
}

#[cfg(not(feature = "test-hooks"))]
pub fn entries_unreadable() -> bool {
    false
}

/// For the tests: which way a build went (`hit`, or `miss`), appended to the file named by
/// `FEEDWRIGHT_TEST_CACHE_LOG`.
#[cfg(feature = "test-hooks")]
pub fn trace(what: &str) {
    if let Ok(path) = std::env::var("FEEDWRIGHT_TEST_CACHE_LOG") {
        if let Ok(mut f) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
        {
            let _ = writeln!(f, "{what}");
        }
    }
}

#[cfg(not(feature = "test-hooks"))]
pub fn trace(_: &str) {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cmd::news::Mode;

    fn date(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn manifest() -> Manifest {
        Manifest {
            key: Key {
                binary: "b".into(),
                args: "a".into(),
                inputs: "i".into(),
            },
            window: Window::default(),
            outputs: vec![],
            replay: Replay {
                warnings: vec![Diagnostic::warning("articles/a.md", "odd").at(2, 1)],
                notes: vec!["note".into()],
                summary: Some((1, 2, 3, 4)),
                built: Built {
                    mode: Mode::Build,
                    articles_read: 1,
                    drafts: 0,
                    published: vec![],
                    scheduled: vec![],
                    next_scheduled: None,
                    written: vec![],
                    unchanged: vec!["public/rss.xml".into()],
                },
                drafts: 2,
                files: vec!["rss.xml".into()],
                debris: vec![],
            },
        }
    }

    #[test]
    fn a_manifest_reads_back_and_garbage_or_a_torn_file_does_not() {
        let bytes = encode(&manifest()).unwrap();
        let back = decode(&bytes).unwrap();
        assert_eq!(back.key, manifest().key);
        assert_eq!(back.replay.warnings, manifest().replay.warnings);
        assert_eq!(decode(&bytes[..bytes.len() - 1]).map(|m| m.key), None);
        let mut flipped = bytes.clone();
        let last = flipped.len() - 2;
        flipped[last] ^= 1;
        assert!(decode(&flipped).is_none());
        assert!(decode(b"").is_none());
        assert!(decode(b"feedwright-cache 0\n").is_none());
        let other = String::from_utf8(bytes)
            .unwrap()
            .replace(MAGIC, "feedwright-cache 2");
        assert!(decode(other.as_bytes()).is_none());
    }

    #[test]
    fn the_window_holds_until_the_next_article_comes_due() {
        let now = date("2026-01-10T00:00:00Z");
        let dates = [
            "2026-01-01T00:00:00Z",
            "2026-01-20T00:00:00Z",
            "2026-02-01T00:00:00Z",
        ];
        let w = Window::around(now, dates.iter().map(|d| date(d)), true);
        assert!(w.holds(now));
        assert!(w.holds(date("2026-01-19T23:59:59Z")));
        assert!(!w.holds(date("2026-01-20T00:00:00Z")));
        assert!(w.holds(date("2026-01-01T00:00:00Z")));
        assert!(!w.holds(date("2025-12-31T23:59:59Z")));
        let lone = Window::around(now, std::iter::empty(), false);
        assert!(lone.holds(now));
        assert!(!lone.holds(date("2026-01-10T00:00:01Z")));
    }
}
