//! Class 2: every value is validated where it is read, with the range every output format can carry; never a panic.
//!
//! RSS (RFC 822) and Atom and JSON Feed (RFC 3339) all write four-digit years, so a date, an
//! `updated`, a file-name date, `--now` and `SOURCE_DATE_EPOCH` must fall in the years
//! 0001-9999, as written and in UTC. Before, such dates panicked the RSS writer (exit 101) while
//! `check` called the site valid, or reached Atom and JSON Feed as dates no reader accepts.
//! `--lock-wait` is a number of seconds from 0 to 3600; NaN panicked after a whole build.

use crate::harness::{Site, CONFIG};

const HINT: &str = "  hint: write 2026-01-31, 2026-01-31 09:30 or 2026-01-31T09:30:00+02:00\n";

/// Asserts that `build` and `check` both refuse the site with exactly `errors` (each followed
/// by the date hint, unless it carries its own) and the closing line, and that nothing is
/// written.
#[track_caller]
fn refused(site: &Site, stderr: &str) {
    site.build().code(1).stderr_is(stderr);
    site.check().code(1).stderr_is(stderr);
    assert!(site.outputs().is_empty(), "{:?}", site.outputs().keys());
}

#[test]
fn dates_outside_the_years_0001_to_9999_are_errors_in_build_and_check() {
    let site = Site::minimal();
    let front = |extra: &str| format!("+++\ntitle = \"x\"\n{extra}\n+++\nbody\n");
    site.article("a1.md", &front("date = \"+10000-01-01\""))
        .article("a2.md", &front("date = \"-0001-01-01\""))
        .article(
            "a3.md",
            &front("date = 2026-01-01\nupdated = \"+10000-01-01T00:00:00\""),
        )
        .article(
            "a4.md",
            "---\ntitle: x\ndate: 2026-01-01\nupdated: -0001-01-01\n---\nb\n",
        )
        .article("a5.md", &front("date = \"+262142-12-31\""));
    let outside = "is outside the years 0001-9999 that feeds can carry";
    refused(
        &site,
        &format!(
            "articles/a1.md:3:1: error: date: \"+10000-01-01\" {outside}\n{HINT}\
             articles/a2.md:3:1: error: date: \"-0001-01-01\" {outside}\n{HINT}\
             articles/a3.md:4:1: error: updated: \"+10000-01-01T00:00:00\" {outside}\n{HINT}\
             articles/a4.md:4:1: error: updated: \"-0001-01-01\" {outside}\n{HINT}\
             articles/a5.md:3:1: error: date: \"+262142-12-31\" {outside}\n{HINT}\
             feedwright: 5 errors in 5 file(s); nothing was written\n"
        ),
    );
}

#[test]
fn an_offset_that_moves_a_date_out_of_range_in_utc_is_an_error() {
    let site = Site::minimal();
    site.article(
        "a.md",
        "+++\ntitle = \"x\"\ndate = 0001-01-01T00:00:00+14:00\n+++\nbody\n",
    )
    .article(
        "b.md",
        "+++\ntitle = \"x\"\ndate = 2026-01-01\nupdated = \"9999-12-31T23:00:00-05:00\"\n+++\nbody\n",
    );
    let outside = "is outside the years 0001-9999 that feeds can carry";
    refused(
        &site,
        &format!(
            "articles/a.md:3:1: error: date: \"0001-01-01T00:00:00+14:00\" {outside} (in UTC it is 0000-12-31T10:00:00Z)\n{HINT}\
             articles/b.md:4:1: error: updated: \"9999-12-31T23:00:00-05:00\" {outside} (in UTC it is +10000-01-01T04:00:00Z)\n{HINT}\
             feedwright: 2 errors in 2 file(s); nothing was written\n"
        ),
    );
}

#[test]
fn a_file_name_date_outside_the_years_is_an_error() {
    let site = Site::new(&format!("{CONFIG}timezone = \"Etc/GMT-14\"\n"));
    site.article("0000-06-01-x.txt", "Title\n\nbody\n")
        .article("0001-01-01-y.txt", "Title\n\nbody\n");
    let outside = "is outside the years 0001-9999 that feeds can carry";
    refused(
        &site,
        &format!(
            "articles/0000-06-01-x.txt: error: file-name date: 0000-06-01 {outside}\n  \
             hint: rename the file, or set `date` in the front matter\n\
             articles/0001-01-01-y.txt: error: file-name date: 0001-01-01 {outside} (in UTC it is 0000-12-31T10:00:00Z)\n  \
             hint: rename the file, or set `date` in the front matter\n\
             feedwright: 2 errors in 2 file(s); nothing was written\n"
        ),
    );
}

#[test]
fn source_date_epoch_outside_the_years_is_a_usage_error_on_an_empty_site() {
    let site = Site::minimal();
    for secs in ["253402300800", "-62135596801", "9223372036854775807"] {
        site.run(["build"])
            .env("SOURCE_DATE_EPOCH", secs)
            .code(2)
            .stderr_is(&format!(
                "feedwright: error: SOURCE_DATE_EPOCH=\"{secs}\" is outside the years 0001-9999 \
                 that feeds can carry\n"
            ));
    }
    assert!(site.outputs().is_empty());
    site.run(["build", "-q"])
        .env("SOURCE_DATE_EPOCH", "253402300799")
        .success();
    assert!(site
        .read("rss.xml")
        .contains("<lastBuildDate>Fri, 31 Dec 9999 23:59:59 +0000</lastBuildDate>"));
}

#[test]
fn now_outside_the_years_in_utc_is_a_usage_error_for_build_and_new() {
    let site = Site::minimal();
    let refused = |now: &str, utc: &str| {
        format!(
            "feedwright: error: --now \"{now}\" is outside the years 0001-9999 that feeds can \
             carry (in UTC it is {utc})\n"
        )
    };
    site.build_at("0001-01-01T00:00:00+01:00")
        .code(2)
        .stderr_is(&refused(
            "0001-01-01T00:00:00+01:00",
            "0000-12-31T23:00:00Z",
        ));
    site.run(["new", "Post", "--now", "9999-12-31T23:00:00-05:00"])
        .code(2)
        .stderr_is(&refused(
            "9999-12-31T23:00:00-05:00",
            "+10000-01-01T04:00:00Z",
        ));
    assert!(site.outputs().is_empty());
    assert_eq!(std::fs::read_dir(site.path("articles")).unwrap().count(), 0);
}

#[test]
fn lock_wait_must_be_a_finite_number_of_seconds_up_to_an_hour() {
    let site = Site::minimal();
    for value in ["NaN", "inf", "-inf", "-1", "1e308", "3601", "0x10"] {
        site.build()
            .arg(format!("--lock-wait={value}"))
            .code(2)
            .stderr_is(&format!(
                "error: invalid value '{value}' for '--lock-wait <SECONDS>': must be a number of \
                 seconds from 0 to 3600\n\nFor more information, try '--help'.\n"
            ));
    }
    assert!(site.outputs().is_empty());
    site.build().quiet().args(["--lock-wait", "3600"]).success();
}
