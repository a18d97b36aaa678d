//! Class 8: what contributors name and write is printed escaped, so it can neither drive the
//! terminal nor forge a line of a CI log: ESC, BEL, CR, LF and the other control characters in
//! file names and front-matter keys print as `\u{1b}`-style escapes, and bytes of a file name
//! that are not UTF-8 as `\xff`.
#![cfg(unix)]

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;

use crate::harness::Site;

const NO_FRONT_MATTER: &str = ":1:1: error: record has no front matter\n  hint: start the file \
    with a +++ (TOML) or --- (YAML) block holding at least title and date\n";

/// Writes a record without front matter (an error) under a file name given as raw bytes.
fn bad_record_named(site: &Site, name: &[u8]) {
    std::fs::write(
        site.path("articles").join(OsStr::from_bytes(name)),
        "no front matter\n",
    )
    .unwrap();
}

/// Asserts that the run printed no control character but the line ends.
#[track_caller]
fn no_raw_controls(stderr: &str) {
    let raw: Vec<char> = stderr
        .chars()
        .filter(|&c| c.is_control() && c != '\n')
        .collect();
    assert!(
        raw.is_empty(),
        "raw control characters {raw:?} in {stderr:?}"
    );
}

#[test]
fn file_names_with_escape_sequences_and_line_breaks_print_escaped() {
    let site = Site::minimal();
    bad_record_named(&site, b"fake\nerror: all good\r.md");
    bad_record_named(&site, b"x\x1b]0;pwned\x07\x1b[2J\x1b[31mRED.md");
    let out = site.build().code(1).stderr_is(&format!(
        "articles/fake\\nerror: all good\\r.md{NO_FRONT_MATTER}\
         articles/x\\u{{1b}}]0;pwned\\u{{7}}\\u{{1b}}[2J\\u{{1b}}[31mRED.md{NO_FRONT_MATTER}\
         feedwright: 2 errors in 2 file(s); nothing was written\n"
    ));
    no_raw_controls(out.stderr());
    assert!(
        !out.stderr()
            .lines()
            .any(|l| l.starts_with("error: all good")),
        "a file name forged a log line"
    );
    no_raw_controls(site.check().code(1).stderr());
}

#[test]
fn names_that_are_not_utf8_print_their_bytes_and_never_look_alike() {
    let site = Site::minimal();
    bad_record_named(&site, b"bad\xff\xfe.md");
    bad_record_named(&site, "bad\u{fffd}\u{fffd}.md".as_bytes());
    site.build().code(1).stderr_is(&format!(
        "articles/bad\u{fffd}\u{fffd}.md{NO_FRONT_MATTER}\
         articles/bad\\xff\\xfe.md{NO_FRONT_MATTER}\
         feedwright: 2 errors in 2 file(s); nothing was written\n"
    ));
}

#[test]
fn front_matter_keys_with_control_characters_print_escaped() {
    let site = Site::minimal();
    site.article(
        "2026-01-01-a.md",
        "+++\ntitle = \"A\"\ndate = 2026-01-01\n\"k\\u001b]0;t\\u0007\" = 1\n+++\nbody\n",
    );
    site.article(
        "2026-01-02-b.md",
        "---\ntitle: B\ndate: 2026-01-02\n\"k\\e[31mred\\r\\nerror: forged\": 1\n---\nbody\n",
    );
    // The line a key is on is placed elsewhere; here what matters is how the key prints.
    let first = "warning: unknown front-matter key `k\\u{1b}]0;t\\u{7}` is ignored\n";
    let second =
        "warning: unknown front-matter key `k\\u{1b}[31mred\\r\\nerror: forged` is ignored\n";
    let out = site
        .build()
        .quiet()
        .success()
        .stderr_starts_with("articles/2026-01-01-a.md:")
        .stderr_has(first)
        .stderr_has(second);
    no_raw_controls(out.stderr());
    assert_eq!(out.stderr().lines().count(), 4, "two warnings, two hints");
    let strict = site.run(["check", "--strict"]).code(1).stderr_has(second);
    no_raw_controls(strict.stderr());
}
