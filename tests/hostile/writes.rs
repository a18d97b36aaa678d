//! Class 6: feedwright never writes through a symbolic link, never opens a non-regular file, and keeps an explicit rule for the new file's permissions.
//!
//! A contributor controls what is committed under the output folder (a `public/` that is a link,
//! `public/rss.xml -> /etc/shadow`, a FIFO): `build`, `build --check` and `build --dry-run` refuse
//! it at once with exit 3 and a message naming it, and nothing outside the output folder is
//! read, created or changed.

#![cfg(unix)]

use std::fs;
use std::io::Read;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::harness::{Site, CONFIG};

/// The refusal of a link, after the path.
const LINK: &str = ": is a symbolic link: feedwright never writes through links; ";
/// How to fix a file that is refused.
const DELETE: &str = "delete it, and the next build writes a regular file in its place\n";

/// The three ways to run a build; each must refuse the same way.
const BUILDS: [&[&str]; 3] = [&[], &["--check"], &["--dry-run"]];

/// A site with one article, and `outside`, a folder beside it that nothing may touch.
fn site() -> Site {
    let site = Site::minimal();
    site.article("2026-01-01-a.md", "+++\ntitle = \"A\"\n+++\nx\n");
    fs::create_dir(site.path("outside")).unwrap();
    site
}

/// Every file in `outside`, with its bytes.
fn outside(site: &Site) -> Vec<(String, Vec<u8>)> {
    crate::harness::files(&site.path("outside"))
        .into_iter()
        .collect()
}

fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    assert!(made.unwrap().success(), "mkfifo {}", path.display());
}

/// Runs `feedwright build --now ... EXTRA` and returns its exit code and stderr, failing if
/// it runs for 10 s: a build that waits on a FIFO would wait for ever.
fn build_within_10s(site: &Site, extra: &[&str]) -> (i32, String) {
    let mut child = site
        .command()
        .args(["build", "--now", crate::harness::NOW])
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("build {extra:?} still running after 10 s: it waits on a FIFO");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    (status.code().expect("exited, not killed"), stderr)
}

#[test]
fn a_symlinked_output_folder_is_refused_and_nothing_is_written_through_it() {
    let site = site();
    symlink(site.path("outside"), site.path("public")).unwrap();
    for extra in BUILDS {
        site.build().args(extra).code(3).stderr_is(&format!(
            "feedwright: error: public{LINK}replace it with a real folder, or set `output` in \
             feeds.toml to the folder it points to\n"
        ));
    }
    assert_eq!(
        outside(&site),
        [],
        "neither the feeds nor the lock went through the link"
    );
}

#[test]
fn a_symlinked_folder_inside_the_output_folder_is_refused() {
    let site = site();
    site.config(&format!(
        "{CONFIG}\n[[feeds]]\nname = \"main\"\natom = \"atom.xml\"\nrss = \"feeds/rss.xml\"\n"
    ));
    site.file("outside/.feedwright-tmp-not-ours", "kept");
    fs::create_dir(site.path("public")).unwrap();
    symlink(site.path("outside"), site.path("public/feeds")).unwrap();
    for extra in BUILDS {
        site.build().args(extra).code(3).stderr_is(&format!(
            "feedwright: error: public/feeds{LINK}replace it with a real folder\n"
        ));
    }
    let kept = [(".feedwright-tmp-not-ours".to_string(), b"kept".to_vec())];
    assert_eq!(
        outside(&site),
        kept,
        "no debris removed, no feed written there"
    );
    assert!(
        !site.path("public/atom.xml").exists(),
        "nothing written at all"
    );
}

#[test]
fn a_symlinked_feed_is_neither_read_nor_replaced_nor_lends_its_mode() {
    for target in ["outside/victim", "outside/missing", "/dev/zero"] {
        let site = site();
        site.file("outside/victim", "VICTIM");
        let victim = site.path("outside/victim");
        fs::set_permissions(&victim, fs::Permissions::from_mode(0o640)).unwrap();
        fs::create_dir(site.path("public")).unwrap();
        symlink(site.path(target), site.path("public/rss.xml")).unwrap();
        for extra in BUILDS {
            site.build()
                .args(extra)
                .code(3)
                .stderr_is(&format!("feedwright: error: public/rss.xml{LINK}{DELETE}"));
        }
        assert_eq!(outside(&site), [("victim".into(), b"VICTIM".to_vec())]);
        let mode = fs::metadata(&victim).unwrap().permissions().mode();
        assert_eq!(mode & 0o7777, 0o640, "{target}");
        let link = fs::symlink_metadata(site.path("public/rss.xml")).unwrap();
        assert!(
            link.file_type().is_symlink(),
            "{target}: the link is left for the user"
        );
    }
}

#[test]
fn a_symlinked_lock_file_never_creates_or_touches_its_target() {
    for target in ["outside/created", "outside/victim"] {
        let site = site();
        site.file("outside/victim", "VICTIM");
        fs::create_dir(site.path("public")).unwrap();
        symlink(site.path(target), site.path("public/.feedwright.lock")).unwrap();
        site.build().code(3).stderr_is(&format!(
            "feedwright: error: public/.feedwright.lock{LINK}{DELETE}"
        ));
        assert_eq!(outside(&site), [("victim".into(), b"VICTIM".to_vec())]);
        assert!(!site.path("public/rss.xml").exists());
    }
}

/// Asserts that `build --now ... EXTRA` refuses the FIFO at `public/FILE` at once (exit 3).
fn refuses_fifo(site: &Site, file: &str, extra: &[&str]) {
    let (code, stderr) = build_within_10s(site, extra);
    assert_eq!(code, 3, "{extra:?}: {stderr}");
    let want =
        format!("feedwright: error: public/{file}: is not a regular file: it is a fifo; {DELETE}");
    assert_eq!(stderr, want, "{extra:?}");
    assert!(!site.path("public/atom.xml").exists(), "nothing written");
}

#[test]
fn a_fifo_lock_file_fails_at_once_whatever_lock_wait_says() {
    let site = site();
    fs::create_dir(site.path("public")).unwrap();
    mkfifo(&site.path("public/.feedwright.lock"));
    refuses_fifo(&site, ".feedwright.lock", &["--lock-wait", "1"]);
}

#[test]
fn a_fifo_feed_fails_at_once_in_build_check_and_dry_run() {
    let site = site();
    fs::create_dir(site.path("public")).unwrap();
    mkfifo(&site.path("public/rss.xml"));
    for extra in BUILDS {
        refuses_fifo(&site, "rss.xml", extra);
    }
}

#[test]
fn a_replaced_feed_keeps_only_the_permission_bits_of_the_old_regular_file() {
    let site = site();
    site.file("public/rss.xml", "old");
    site.file("public/atom.xml", "old");
    let mode = |f: &str| fs::metadata(site.path(f)).unwrap().permissions().mode() & 0o7777;
    let set = |f: &str, m: u32| {
        fs::set_permissions(site.path(f), fs::Permissions::from_mode(m)).unwrap();
        assert_eq!(mode(f), m, "{f} could not be set to {m:o}");
    };
    set("public/rss.xml", 0o4777);
    set("public/atom.xml", 0o640);
    site.build().quiet().success();
    assert_eq!(mode("public/rss.xml"), 0o777, "setuid is never copied");
    assert_eq!(mode("public/atom.xml"), 0o640);
    assert_eq!(mode("public/feed.json"), 0o644, "a new feed: the default");
}

#[test]
fn only_regular_files_are_removed_as_leftovers_of_a_killed_build() {
    let site = site();
    site.file("public/.feedwright-tmp-debris", "partial");
    site.file("public/.feedwright-tmp-dir/kept", "not ours");
    site.file("outside/kept", "kept");
    symlink(
        site.path("outside/kept"),
        site.path("public/.feedwright-tmp-link"),
    )
    .unwrap();
    site.build().quiet().success();
    assert!(!site.path("public/.feedwright-tmp-debris").exists());
    assert!(
        site.path("public/.feedwright-tmp-dir/kept").exists(),
        "a folder is not ours"
    );
    assert!(fs::symlink_metadata(site.path("public/.feedwright-tmp-link")).is_ok());
    assert_eq!(outside(&site), [("kept".into(), b"kept".to_vec())]);
}
