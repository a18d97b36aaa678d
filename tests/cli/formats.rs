//! How problems and the report print (`--message-format human|github|json`, `github` chosen by
//! itself under GitHub Actions), what the build report says changed (articles newly published,
//! the next scheduled one, files written), `--report FILE.json`, and `build --check` naming the
//! articles that became due.

use crate::harness::{Site, NOW};

/// A site with one warning and one error.
fn broken() -> Site {
    let site = Site::minimal();
    site.article(
        "2026-01-01-a.md",
        "+++\ntitle = \"A\"\nweight = 3\n+++\nx\n",
    )
    .article("no-date.md", "+++\ntitle = \"No date\"\n+++\nx\n");
    site
}

const NO_DATE_HINT: &str = "add `date = 2026-01-31` (YAML: `date: 2026-01-31`) to the front \
                            matter, or start the file name with the date: 2026-01-31-my-post.md";

/// `broken()`'s problems in the human form.
fn human() -> String {
    format!(
        "articles/2026-01-01-a.md:3:1: warning: unknown front-matter key `weight` is ignored\n  \
         hint: feedwright ignores it; --strict makes this an error\n\
         articles/no-date.md:1:1: error: article has no date\n  hint: {NO_DATE_HINT}\n\
         feedwright: 1 error in 1 file(s); nothing was written\n"
    )
}

/// `broken()`'s problems as GitHub workflow commands.
fn github() -> String {
    format!(
        "::warning file=articles/2026-01-01-a.md,line=3,col=1,title=feedwright::unknown \
         front-matter key `weight` is ignored%0Ahint: feedwright ignores it; --strict makes this \
         an error\n\
         ::error file=articles/no-date.md,line=1,col=1,title=feedwright::article has no \
         date%0Ahint: {NO_DATE_HINT}\n\
         feedwright: 1 error in 1 file(s); nothing was written\n"
    )
}

/// A site with one live article, a draft and two scheduled articles.
fn scheduled() -> Site {
    let site = Site::minimal();
    site.article("2026-01-01-live.md", "+++\ntitle = \"Live\"\n+++\nx\n")
        .article(
            "2026-01-02-draft.md",
            "+++\ntitle = \"Draft\"\ndraft = true\n+++\nx\n",
        )
        .article("2027-02-01-last.md", "+++\ntitle = \"Last\"\n+++\nx\n")
        .article("2027-01-01-later.md", "+++\ntitle = \"Later\"\n+++\nx\n");
    site
}

/// The last line of standard output, read as JSON.
fn last_json(stdout: &str) -> serde_json::Value {
    let line = stdout.lines().last().expect("a line on stdout");
    serde_json::from_str(line).unwrap_or_else(|e| panic!("{line}: {e}"))
}

#[test]
fn github_format_prints_workflow_commands_and_the_summary() {
    let site = broken();
    site.build()
        .args(["--message-format", "github"])
        .code(1)
        .stdout_is("")
        .stderr_is(&github());
    site.run(["check", "--message-format=github"])
        .code(1)
        .stderr_is(&github());
}

#[test]
fn github_actions_selects_github_and_an_explicit_format_wins() {
    let site = broken();
    site.build()
        .env("GITHUB_ACTIONS", "true")
        .code(1)
        .stderr_is(&github());
    site.build()
        .env("GITHUB_ACTIONS", "true")
        .args(["--message-format", "human"])
        .code(1)
        .stderr_is(&human());
    site.build()
        .env("GITHUB_ACTIONS", "false")
        .code(1)
        .stderr_is(&human());
    site.build().code(1).stderr_is(&human());
}

#[test]
fn json_format_prints_one_object_a_line_and_a_report_object() {
    let site = broken();
    let out = site
        .build()
        .args(["--message-format", "json"])
        .code(1)
        .stderr_is("");
    assert_eq!(
        out.stdout(),
        format!(
            "{{\"type\":\"diagnostic\",\"severity\":\"warning\",\"file\":\"articles/2026-01-01-a.md\",\
             \"line\":3,\"col\":1,\"message\":\"unknown front-matter key `weight` is ignored\",\
             \"hint\":\"feedwright ignores it; --strict makes this an error\"}}\n\
             {{\"type\":\"diagnostic\",\"severity\":\"error\",\"file\":\"articles/no-date.md\",\
             \"line\":1,\"col\":1,\"message\":\"article has no date\",\"hint\":\"{NO_DATE_HINT}\"}}\n\
             {{\"type\":\"report\",\"exit\":1,\"errors\":1,\"warnings\":1,\"notes\":[],\
             \"summary\":\"feedwright: 1 error in 1 file(s); nothing was written\",\"created\":[]}}\n"
        )
    );
}

#[test]
fn failures_that_are_not_per_file_print_as_one_error() {
    let site = Site::minimal();
    site.article("2026-01-01-a.md", "+++\ntitle = \"A\"\n+++\nx\n");
    let check = || site.build().arg("--check").quiet();
    check()
        .args(["--message-format", "github"])
        .code(1)
        .stderr_is(
            "stale: public/rss.xml\nstale: public/atom.xml\nstale: public/feed.json\n\
             ::error::feedwright: 3 output file(s) are stale; run `feedwright build`\n",
        );
    let out = check().args(["--message-format", "json"]).code(1);
    let lines: Vec<&str> = out.stdout().lines().collect();
    assert_eq!(
        lines[0],
        "{\"type\":\"error\",\"message\":\"feedwright: 3 output file(s) are stale; run `feedwright build`\"}"
    );
    let report: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
    assert_eq!(report["exit"], 1);
    assert_eq!(report["mode"], "check");
    assert_eq!(report["written"][2], "public/feed.json");
    // A message of several lines: its first line is the annotation, the rest follows.
    site.build().quiet().success();
    std::fs::remove_file(site.path("articles/2026-01-01-a.md")).unwrap();
    site.build()
        .args(["--message-format", "github"])
        .code(1)
        .stderr_is(
            "::error::feedwright: error: this build would take entries away from subscribers; \
             nothing was written\n\
             \x20 feeds.lock: 1 entries before, 0 now, 1 of them gone from the articles folder\n\
             \x20 feed \"main\" (public/feed.json): 1 entries before, 0 now, 1 of them gone from \
             the articles folder\n\
             \x20 articles folder read: articles (0 record file(s))\n\
             \x20 hint: if the folder is right and the articles were removed on purpose, build \
             again with --allow-shrink\n",
        );
}

#[test]
fn json_report_says_what_was_published_held_back_and_written() {
    let site = scheduled();
    let out = site
        .build()
        .args(["--message-format", "json"])
        .success()
        .stderr_is("");
    assert_eq!(out.stdout().lines().count(), 1, "no diagnostics");
    let report = last_json(out.stdout());
    assert_eq!(report["type"], "report");
    assert_eq!(report["exit"], 0);
    assert_eq!(report["mode"], "build");
    assert_eq!(report["articles_read"], 4);
    assert_eq!(
        report["held_back"],
        serde_json::json!({"drafts": 1, "scheduled": 2})
    );
    assert_eq!(report["published"][0]["title"], "Live");
    assert_eq!(
        report["written"],
        serde_json::json!(["public/rss.xml", "public/atom.xml", "public/feed.json"])
    );
    assert_eq!(report["next_scheduled"]["title"], "Later");
}

#[test]
fn report_file_names_the_new_the_scheduled_the_next_due_and_the_files() {
    let site = scheduled();
    site.build()
        .args(["--report", "report.json"])
        .success()
        .stderr_has("\npublished: \"Live\" in main\nnext scheduled: \"Later\" at 2027-01-01T00:00:00Z\nwritten: public/rss.xml\nwritten: public/atom.xml\nwritten: public/feed.json\n");
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.path("report.json")).unwrap()).unwrap();
    assert_eq!(
        report["published"],
        serde_json::json!([{
            "title": "Live",
            "date": "2026-01-01T00:00:00Z",
            "file": "articles/2026-01-01-live.md",
            "feeds": ["main"],
        }])
    );
    assert_eq!(
        report["scheduled"],
        serde_json::json!([
            {"title": "Later", "date": "2027-01-01T00:00:00Z", "file": "articles/2027-01-01-later.md"},
            {"title": "Last", "date": "2027-02-01T00:00:00Z", "file": "articles/2027-02-01-last.md"},
        ])
    );
    assert_eq!(report["next_scheduled"], report["scheduled"][0]);
    assert_eq!(report["written"].as_array().unwrap().len(), 3);
    assert_eq!(report["unchanged"], serde_json::json!([]));
    assert_eq!(report["exit"], 0);
    assert_eq!(report["diagnostics"], serde_json::json!([]));
}

#[test]
fn a_second_build_reports_only_the_article_added_since() {
    let site = scheduled();
    site.build().quiet().success();
    site.article("2026-02-01-new.md", "+++\ntitle = \"New\"\n+++\nx\n");
    let out = site
        .build()
        .args(["--report", "report.json"])
        .success()
        .stderr_has("\npublished: \"New\" in main\n");
    assert!(!out.stderr().contains("\"Live\""), "{}", out.stderr());
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.path("report.json")).unwrap()).unwrap();
    let titles: Vec<&str> = report["published"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["New"]);
    // Nothing new: nothing named, every file unchanged.
    let out = site.build().success();
    assert!(!out.stderr().contains("published:"), "{}", out.stderr());
    assert!(!out.stderr().contains("written:"), "{}", out.stderr());
}

#[test]
fn quiet_prints_only_problems_but_still_writes_the_report() {
    let site = scheduled();
    site.build()
        .quiet()
        .args(["--report", "report.json"])
        .success()
        .stderr_is("")
        .stdout_is("");
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.path("report.json")).unwrap()).unwrap();
    assert_eq!(report["published"][0]["title"], "Live");
    assert_eq!(report["next_scheduled"]["title"], "Later");
    site.build()
        .quiet()
        .args(["--message-format", "json"])
        .success()
        .stdout_is("");
}

#[test]
fn check_says_when_only_scheduled_articles_made_files_stale() {
    let site = scheduled();
    site.build().quiet().success();
    site.build_at("2027-01-15T00:00:00Z")
        .arg("--check")
        .code(1)
        .stderr_has(
            "stale: public/feed.json\n\
             stale because scheduled article(s) became due: \"Later\" (2027-01-01T00:00:00Z)\n",
        );
    // An edited article is not the schedule's doing.
    site.article(
        "2026-01-01-live.md",
        "+++\ntitle = \"Live, edited\"\n+++\nx\n",
    );
    let out = site.build_at("2027-01-15T00:00:00Z").arg("--check").code(1);
    assert!(!out.stderr().contains("became due"), "{}", out.stderr());
    site.build_at(NOW).arg("--check").code(1);
}
