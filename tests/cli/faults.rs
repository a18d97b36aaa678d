//! Fault tests: kill -9 at many moments, concurrent builds, a full disk, a read-only output
//! folder, and garbage records. Every test checks that each feed on disk is whole (the old
//! version or the new one, byte for byte), that the next run repairs everything, and that no
//! temporary file or stale lock is left behind.

use std::collections::BTreeMap;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::{is_root, parse_feed, Site};

const OLD: &str = "2026-05-01T00:00:00Z"; // half the generated articles are scheduled
const NEW: &str = "2026-11-24T00:00:00Z"; // all are published

type Files = BTreeMap<String, Vec<u8>>;

/// The outputs but the temporary files of a build that is running or was killed.
fn feeds(site: &Site) -> Files {
    site.outputs()
        .into_iter()
        .filter(|(f, _)| !f.contains(".feedwright-tmp-"))
        .collect()
}

/// The temporary files left in the output folder.
fn debris(site: &Site) -> Vec<String> {
    site.outputs()
        .into_keys()
        .filter(|f| f.contains(".feedwright-tmp-"))
        .collect()
}

/// The outputs of a clean build of a copy of `site` at `now`.
fn clean_build(site: &Site, now: &str) -> Files {
    let copy = Site::copy_of(site.dir.path());
    copy.build_at(now).quiet().success();
    feeds(&copy)
}

/// Every file is either the old or the new version, whole.
fn assert_whole(now: &Files, old: &Files, new: &Files, when: &str) -> (usize, usize) {
    assert_eq!(
        now.keys().collect::<Vec<_>>(),
        new.keys().collect::<Vec<_>>(),
        "{when}: files missing or extra"
    );
    let (mut olds, mut news) = (0, 0);
    for (f, bytes) in now {
        if bytes == &new[f] {
            news += 1;
        } else if old.get(f) == Some(bytes) {
            olds += 1;
        } else {
            panic!(
                "{when}: {f} is neither the old nor the new version ({} bytes)",
                bytes.len()
            );
        }
    }
    (olds, news)
}

#[test]
fn kill_9_at_any_moment_leaves_whole_feeds_and_the_next_run_repairs_everything() {
    let site = Site::generated(150, 4);
    site.build_at(NEW).quiet().success();
    let new = feeds(&site);
    site.build_at(OLD).quiet().success();
    let old = feeds(&site);
    assert_ne!(old, new);
    // How long a full build takes, to spread the kill points over it.
    let t = Instant::now();
    site.build_at(NEW).quiet().success();
    let full = t.elapsed();
    site.build_at(OLD).quiet().success();
    let points = 24;
    let (mut mixed, mut partial_debris) = (0, 0);
    for k in 0..points {
        let delay = full.mul_f64(k as f64 / (points - 4) as f64);
        let mut child = site
            .command()
            .args(["build", "-q", "--now", NEW])
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL on Unix
        let _ = child.wait();
        let now = feeds(&site);
        let (olds, news) = assert_whole(&now, &old, &new, &format!("kill point {k} ({delay:?})"));
        if olds > 0 && news > 0 {
            mixed += 1;
        }
        if !debris(&site).is_empty() {
            partial_debris += 1;
        }
        if k % 3 == 2 {
            // Back to the old version now and then, so later kills hit a build with work to do.
            site.build_at(OLD)
                .quiet()
                .args(["--lock-wait", "10"])
                .success();
        }
    }
    // Kills between two renames (a pause is injected after each by a hook that only builds with
    // the test-hooks feature), so some feeds are new and some old: each must still be whole.
    let mut between = 0;
    for k in 0..6u64 {
        site.build_at(OLD)
            .quiet()
            .args(["--lock-wait", "10"])
            .success();
        let mut child = site
            .command()
            .env("FEEDWRIGHT_TEST_COMMIT_PAUSE_MS", "400")
            .args(["build", "-q", "--now", NEW])
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Wait until the first file has changed, then kill somewhere in the commit.
        let t = Instant::now();
        while feeds(&site).iter().all(|(f, b)| old.get(f) == Some(b))
            && t.elapsed() < Duration::from_secs(60)
        {
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(100 * k));
        let _ = child.kill();
        let _ = child.wait();
        let (olds, news) = assert_whole(&feeds(&site), &old, &new, &format!("kill in commit {k}"));
        if olds > 0 && news > 0 {
            between += 1;
        }
    }
    assert!(
        between > 0,
        "no kill landed between two renames (the pause needs the test-hooks feature, which \
         `cargo test` turns on through the crate's dev-dependency on itself)"
    );
    eprintln!("kill -9: {points} kill points over a {full:?} build ({partial_debris} left temporary files) and 6 after the first file changed ({} mixed old/new, each file whole)", between + mixed);
    // The next run finishes the job: exit 0, outputs equal a clean build, no debris, no stale lock.
    site.build_at(NEW)
        .quiet()
        .args(["--lock-wait", "0"])
        .success();
    assert_eq!(feeds(&site), new);
    assert_eq!(debris(&site), Vec::<String>::new());
}

#[test]
fn concurrent_builds_exit_0_or_3_and_never_interleave() {
    let site = Site::generated(120, 4);
    let new = clean_build(&site, NEW);
    for trial in 0..5 {
        site.build_at(OLD)
            .quiet()
            .args(["--lock-wait", "10"])
            .success();
        let wait = if trial == 4 { "30" } else { "0.05" };
        let children: Vec<_> = (0..4)
            .map(|_| {
                site.command()
                    .args(["build", "-q", "--now", NEW, "--lock-wait", wait])
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let mut codes = Vec::new();
        for c in children {
            let out = c.wait_with_output().unwrap();
            let code = out.status.code().expect("exited, not killed by a signal");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(code == 0 || code == 3, "trial {trial}: exit {code}: {err}");
            if code == 3 {
                assert!(
                    err.contains("another feedwright build holds the lock"),
                    "{err}"
                );
            }
            codes.push(code);
        }
        assert!(codes.contains(&0), "trial {trial}: {codes:?}");
        if trial == 4 {
            assert_eq!(
                codes,
                vec![0, 0, 0, 0],
                "with a long enough wait every build succeeds in turn"
            );
        }
        assert_eq!(feeds(&site), new, "trial {trial}");
        assert!(debris(&site).is_empty());
    }
}

/// Runs `f` with a small tmpfs mounted on the site's output folder (root only).
fn with_tmpfs(site: &Site, size: &str, f: impl FnOnce()) {
    if !is_root() {
        eprintln!("skipped: mounting a tmpfs needs root");
        return;
    }
    let public = site.path("public");
    std::fs::create_dir_all(&public).unwrap();
    let ok = Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
        .arg(&public)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !ok {
        eprintln!("skipped: mount -t tmpfs failed (no CAP_SYS_ADMIN here)");
        return;
    }
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    let _ = Command::new("umount").arg(&public).status();
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}

#[test]
fn full_disk_is_exit_3_naming_the_path_and_leaves_feeds_intact() {
    let site = Site::generated(60, 4);
    with_tmpfs(&site, "256k", || {
        // Three articles published: small feeds that fit; then all sixty, which do not.
        site.build_at("2026-03-01T12:00:00Z").quiet().success();
        let before = feeds(&site);
        site.build_at(NEW)
            .quiet()
            .code(3)
            .stderr_starts_with("feedwright: error: public/")
            .stderr_has("No space left on device");
        assert_eq!(feeds(&site), before, "existing feeds must be intact");
        assert!(
            debris(&site).is_empty(),
            "temporary files left: {:?}",
            debris(&site)
        );
    });
}

#[test]
fn read_only_output_is_exit_3_naming_the_path_and_leaves_feeds_intact() {
    let site = Site::generated(20, 1);
    with_tmpfs(&site, "4m", || {
        site.build_at(OLD).quiet().success();
        let before = feeds(&site);
        assert!(Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(site.path("public"))
            .status()
            .unwrap()
            .success());
        site.build_at(NEW).quiet().code(3).stderr_is(
            "feedwright: error: public/.feedwright.lock: cannot open lock file: Read-only file system (os error 30)\n",
        );
        assert_eq!(feeds(&site), before);
    });
}

/// A tiny deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn garbage(kind: usize, rng: &mut Rng) -> Vec<u8> {
    let valid = b"+++\ntitle = \"Good title\"\ndate = 2026-01-02T03:04:05Z\ntags = [\"a\", \"b\"]\nauthors = [{ name = \"N\", email = \"n@x.org\" }]\n+++\nBody with [a link](x.html).\n".to_vec();
    match kind {
        0 => (0..rng.below(4096)).map(|_| rng.next() as u8).collect(),
        1 => valid[..rng.below(valid.len())].to_vec(),
        2 => {
            let mut v = valid.clone();
            for _ in 0..1 + rng.below(4) {
                let i = rng.below(100);
                v[i] ^= 1 << rng.below(8);
            }
            v
        }
        3 => {
            let mut v = valid.clone();
            v.insert(rng.below(v.len()), 0xFF);
            v
        }
        4 => {
            let mut v = b"+++\ntitle = \"Long\"\ndate = 2026-01-01\n+++\n".to_vec();
            v.extend(std::iter::repeat_n(b'x', 2 * 1024 * 1024));
            v
        }
        5 => {
            let mut v = valid.clone();
            for _ in 0..rng.below(20) {
                v.insert(rng.below(v.len()), 0);
            }
            v
        }
        6 => {
            let mut v = b"\xEF\xBB\xBF".to_vec();
            v.extend(
                String::from_utf8(valid.clone())
                    .unwrap()
                    .replace('\n', "\r\n")
                    .into_bytes(),
            );
            v
        }
        7 => {
            let mut v = b"---\n".to_vec();
            v.extend((0..rng.below(300)).map(|_| b"ab: [{}]\"'&*!|>-\n\t "[rng.below(19)]));
            v.extend(b"\n---\nbody\n");
            v
        }
        _ => {
            let mut v = b"+++\n".to_vec();
            v.extend(
                (0..rng.below(300)).map(|_| b"a=\"[]{}.,\n\\u0123456789tz:T-+ "[rng.below(29)]),
            );
            v.extend(b"\n+++\nbody\n");
            v
        }
    }
}

#[test]
fn garbage_records_exit_0_or_1_never_panic_and_leave_feeds_intact() {
    let site = Site::minimal();
    site.article(
        "2026-01-01-good.md",
        "+++\ntitle = \"Good\"\n+++\nGood body.\n",
    );
    site.build().quiet().success();
    let good = feeds(&site);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut ok, mut rejected) = (0, 0);
    let cases = 90;
    for case in 0..cases {
        let kind = case % 9;
        let ext = ["md", "html", "txt"][case % 3];
        let name = format!("articles/junk-{case}.{ext}");
        site.file(&name, garbage(kind, &mut rng));
        let out = site.build_at(NEW).quiet().output();
        let code = out
            .exit_code()
            .unwrap_or_else(|| panic!("case {case} (kind {kind}): killed by a signal"));
        let err = out.stderr();
        match code {
            0 => {
                ok += 1;
                for (f, bytes) in feeds(&site) {
                    parse_feed(&bytes);
                    assert!(!f.is_empty());
                }
            }
            1 => {
                rejected += 1;
                assert!(
                    err.contains(&name),
                    "case {case} (kind {kind}): the message must name the file:\n{err}"
                );
                assert_eq!(feeds(&site), good, "case {case}: feeds must be intact");
            }
            other => panic!("case {case} (kind {kind}): exit {other}\n{err}"),
        }
        std::fs::remove_file(site.path(&name)).unwrap();
        site.build().quiet().success();
        assert_eq!(feeds(&site), good);
    }
    eprintln!("garbage records: {cases} cases, {ok} built, {rejected} rejected with exit 1");
}
