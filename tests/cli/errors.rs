//! Bad input: every problem is reported in one run, with its file, line and column and a hint,
//! and nothing is written. Exit 1 for bad input, 2 for a bad command line. The whole of stderr
//! is asserted wherever the message is ours.

use crate::harness::{Site, CONFIG};

#[test]
fn every_article_error_is_reported_in_one_run_and_nothing_is_written() {
    let site = Site::minimal();
    site.article("2026-01-01-good.md", "+++\ntitle = \"Good\"\n+++\nx\n");
    site.build().quiet().success();
    let before = site.outputs();
    site.article("no-date.md", "+++\ntitle = \"No date\"\n+++\nx\n")
        .article("bad-toml.md", "+++\ntitle = \"T\"\ndate = \n+++\nx\n")
        .article("yaml.md", "---\ntitle: Y\ndate: 2026-13-45\n---\nx\n")
        .article("unclosed.md", "+++\ntitle = \"x\"\n")
        .article(
            "binary.md",
            b"\xff\xfe\x00junk"
                .as_slice()
                .escape_ascii()
                .to_string()
                .as_str(),
        )
        .file("articles/latin1.md", b"+++\ntitle = \"caf\xe9\"\n+++\n")
        .article("empty.md", "")
        .article("nofront.html", "<p>hi</p>")
        .article(
            "2026-03-29-gap.md",
            "+++\ntitle = \"Gap\"\ndate = \"2026-03-29 03:30\"\n+++\n",
        )
        .config(&format!("{CONFIG}timezone = \"Europe/Helsinki\"\n"));
    site.build().code(1).stderr_is(
        "\
articles/2026-03-29-gap.md:3:1: error: date: 2026-03-29 03:30:00 does not exist in Europe/Helsinki (the clocks skip it); write the time with an offset or pick another time
  hint: write 2026-01-31, 2026-01-31 09:30 or 2026-01-31T09:30:00+02:00
articles/bad-toml.md:3:8: error: invalid TOML front matter: string values must be quoted, expected literal string
  hint: front matter between +++ lines must be TOML, e.g. title = \"Hello\"
articles/binary.md:1:1: error: record has no front matter
  hint: start the file with a +++ (TOML) or --- (YAML) block holding at least title and date
articles/empty.md: error: file is empty
  hint: write front matter and a body, or delete the file
articles/latin1.md:2:13: error: file is not valid UTF-8 text
  hint: save it as UTF-8, or move binary files out of the articles folder
articles/no-date.md:1:1: error: article has no date
  hint: add `date = 2026-01-31` (YAML: `date: 2026-01-31`) to the front matter, or start the file name with the date: 2026-01-31-my-post.md
articles/nofront.html:1:1: error: record has no front matter
  hint: start the file with a +++ (TOML) or --- (YAML) block holding at least title and date
articles/unclosed.md:1:1: error: front matter opened with `+++` on line 1 is never closed
  hint: close the front matter with the same fence line
articles/yaml.md:3:1: error: date: \"2026-13-45\" is not a date feedwright understands
  hint: write 2026-01-31, 2026-01-31 09:30 or 2026-01-31T09:30:00+02:00
feedwright: 9 errors in 9 file(s); nothing was written
",
    );
    assert_eq!(site.outputs(), before, "existing feeds must stay intact");
}

#[test]
fn config_errors_name_the_line_and_suggest_the_fix() {
    let site = Site::new(&CONFIG.replace("description", "descriptoin"));
    site.build().code(1).stderr_is(
        "feeds.toml:4:1: error: unknown field `descriptoin`, expected one of `title`, `url`, `description`, `language`, `timezone`, `author`, `copyright`, `articles`, `output`, `permalink`, `permalinks`, `sanitize`, `preset`, `include`, `exclude`, `id`, `slugify`, `date_from_path`, `hubs`, `opml`, `preview`\n  hint: did you mean `description`?\n",
    );
    let site = Site::new(&format!(
        "{CONFIG}timezone = \"Moon/Base\"\n\n[[feeds]]\nname = \"x\"\nrss = \"../../etc/x.xml\"\n"
    ));
    site.build().code(1).stderr_is(
        "feeds.toml:6:1: error: unknown time zone \"Moon/Base\"\n  hint: use an IANA zone name such as \"Europe/Helsinki\" or \"UTC\"\n\
feeds.toml:10:1: error: feed \"x\": output path \"../../etc/x.xml\" escapes the output folder\n  hint: use a path inside the output folder, e.g. \"feeds/rss.xml\"\n",
    );
    let site = Site::minimal();
    std::fs::remove_file(site.path("feeds.toml")).unwrap();
    site.build()
        .code(1)
        .stderr_starts_with("feeds.toml: error: cannot read config: No such file or directory");
}

#[test]
fn unknown_front_matter_keys_warn_and_strict_makes_them_errors() {
    let site = Site::minimal();
    site.article(
        "2026-01-01-a.md",
        "+++\ntitle = \"A\"\nweight = 3\ntitel = \"x\"\n+++\nx\n",
    );
    site.build().quiet().success().stderr_is(
        "articles/2026-01-01-a.md:3:1: warning: unknown front-matter key `weight` is ignored\n  hint: feedwright ignores it; --strict makes this an error\n\
articles/2026-01-01-a.md:4:1: warning: unknown front-matter key `titel` is ignored\n  hint: did you mean `title`?\n",
    );
    site.build().arg("--strict").quiet().code(1).stderr_ends_with(
        "feedwright: 2 warnings in 1 file(s); nothing was written (--strict treats warnings as errors)\n",
    );
    site.check().arg("--strict").code(1);
    site.check()
        .success()
        .stderr_ends_with("feeds.toml and 1 article file(s) are valid (1 article(s), 1 feed(s))\n");
}

#[test]
fn duplicate_ids_are_errors_naming_both_files() {
    let site = Site::minimal();
    site.article("2026-01-01-a.md", "+++\ntitle = \"A\"\n+++\nx\n")
        .article("x/2026-01-01-a.md", "+++\ntitle = \"A again\"\n+++\nx\n");
    site.build().code(1).stderr_starts_with(
        "articles/x/2026-01-01-a.md: error: id \"tag:example.org,2026-01-01:blog/a\" is already used by articles/2026-01-01-a.md\n",
    );
}

#[test]
fn usage_errors_exit_2() {
    let site = Site::minimal();
    site.build_at("yesterday")
        .code(2)
        .stderr_has("--now \"yesterday\" is not an RFC 3339 time");
    site.run(["build", "--bogus"]).code(2);
    site.run(["build"]).env("SOURCE_DATE_EPOCH", "soon").code(2);
}

#[test]
fn huge_files_are_refused_with_a_clear_error() {
    let site = Site::minimal();
    site.article("2026-01-01-a.md", "+++\ntitle = \"A\"\n+++\nx\n");
    let f = std::fs::File::create(site.path("articles/huge.md")).unwrap();
    f.set_len(33 * 1024 * 1024).unwrap(); // sparse: costs no disk
    site.build().code(1).stderr_is(
        "articles/huge.md: error: file is 34603008 bytes; records are limited to 33554432 bytes\n  hint: split the article, or move the file out of the articles folder\n\
feedwright: 1 error in 1 file(s); nothing was written\n",
    );
}

#[test]
fn check_reads_every_body_while_build_reads_only_what_feeds_show() {
    let site = Site::new(&format!(
        "{CONFIG}\n[[feeds]]\nname = \"one\"\nlimit = 1\nrss = \"rss.xml\"\n"
    ));
    site.article("2026-01-02-new.md", "+++\ntitle = \"New\"\n+++\nfine\n");
    site.file(
        "articles/2026-01-01-old.md",
        b"+++\ntitle = \"Old\"\n+++\nbad \xff byte\n",
    );
    site.build().quiet().success();
    site.check().code(1).stderr_is(
        "articles/2026-01-01-old.md:4:5: error: file is not valid UTF-8 text\n  hint: save it as UTF-8, or move binary files out of the articles folder\n\
feedwright: 1 error in 1 file(s); nothing was written\n",
    );
}

#[test]
fn a_value_of_the_wrong_type_is_named_by_its_key_in_the_users_words() {
    let site = Site::new(&format!(
        "{CONFIG}\n[[feeds]]\nname = \"m\"\nrss = \"r.xml\"\nlimit = \"ten\"\n"
    ));
    site.check().code(1).stderr_is(
        "feeds.toml:10:9: error: `limit` must be a whole number, not text (\"ten\")\n  hint: write it as e.g. limit = 10\n",
    );
    let site = Site::minimal();
    site.article(
        "2026-01-01-t.md",
        "+++\ntitle = \"T\"\nsummary = 3\n+++\nx\n",
    );
    site.article("2026-01-02-y.md", "---\ntitle: Y\ndraft: maybe\n---\ny\n");
    site.check().code(1).stderr_is(
        "articles/2026-01-01-t.md:3:11: error: `summary` must be text in quotes, not a whole number (3)\n  \
         hint: write it as e.g. summary = \"...\"\n\
         articles/2026-01-02-y.md:3:8: error: `draft` must be true or false, not maybe\n  \
         hint: write it as e.g. draft: true\n\
         feedwright: 2 errors in 2 file(s); nothing was written\n",
    );
}

#[test]
fn misspelt_tables_and_time_zones_get_a_suggestion() {
    let site = Site::new("[sight]\ntitle = \"T\"\n");
    site.check()
        .code(1)
        .stderr_has("unknown field `sight`")
        .stderr_has("  hint: did you mean `site`?\n");
    let site = Site::new(&format!("{CONFIG}timezone = \"America/New_Yrok\"\n"));
    site.check().code(1).stderr_has(
        "unknown time zone \"America/New_Yrok\"\n  hint: did you mean \"America/New_York\"?\n",
    );
}

#[test]
fn an_output_folder_that_is_a_file_is_a_config_error_for_check_and_build() {
    let site = Site::new(&format!("{CONFIG}output = \"out\"\n"));
    site.file("out", "a file");
    let message = "feeds.toml:6:1: error: output folder \"out\" is a file, not a folder: feeds cannot be written into it\n  \
                   hint: move the file away, or set [site] output to a folder, e.g. output = \"public\"\n";
    site.check().code(1).stderr_is(message);
    site.build().code(1).stderr_is(message);
    assert_eq!(std::fs::read_to_string(site.path("out")).unwrap(), "a file");
}

#[test]
fn two_articles_with_one_link_are_an_error_naming_both() {
    let site = Site::minimal();
    site.article("2026-01-01-same.md", "+++\ntitle = \"Same\"\n+++\nx\n");
    site.article("2026-01-02-same.md", "+++\ntitle = \"Same\"\n+++\ny\n");
    // A link post may point where another does: only the site's own pages must differ.
    site.article(
        "2026-01-03-a.md",
        "+++\ntitle = \"A\"\nlink = \"https://elsewhere.example/news\"\n+++\nx\n",
    );
    site.article(
        "2026-01-04-b.md",
        "+++\ntitle = \"B\"\nlink = \"https://elsewhere.example/news\"\n+++\nx\n",
    );
    site.check().code(1).stderr_is(
        "articles/2026-01-02-same.md: error: link \"https://example.org/blog/same/\" is already the link of articles/2026-01-01-same.md\n  \
         hint: two articles cannot be one page: give one of them another `slug`, or put the date in the permalink (e.g. permalink = \"/{year}/{slug}/\")\n\
         feedwright: 1 error in 1 file(s); nothing was written\n",
    );
}

/// `feedwright check` in `site` under a pseudo-terminal (util-linux `script`), with `env`.
fn on_a_terminal(site: &Site, env: &[(&str, &str)]) -> Option<String> {
    let bin = env!("CARGO_BIN_EXE_feedwright");
    let out = std::process::Command::new("script")
        .args(["-qec", &format!("{bin} check"), "/dev/null"])
        .current_dir(site.dir.path())
        .env_remove("NO_COLOR")
        .envs(env.iter().copied())
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n"))
}

#[test]
fn on_a_terminal_problems_are_coloured_with_their_source_line_but_never_with_no_color() {
    let site = Site::new(&format!(
        "{CONFIG}\n[[feeds]]\nname = \"m\"\nrss = \"r.xml\"\nlimit = \"ten\"\n"
    ));
    let Some(tty) = on_a_terminal(&site, &[]) else {
        return; // no `script` here: nothing to run a terminal with
    };
    assert!(
        tty.contains("feeds.toml:10:9: \x1b[1;31merror\x1b[0m: `limit` must be a whole number"),
        "{tty:?}"
    );
    assert!(
        tty.contains("\x1b[1;34m10 |\x1b[0m limit = \"ten\"\n"),
        "{tty:?}"
    );
    let plain = on_a_terminal(&site, &[("NO_COLOR", "1")]).unwrap();
    assert!(!plain.contains('\x1b'), "{plain:?}");
    assert!(plain.contains("feeds.toml:10:9: error: `limit` must be a whole number"));
    // On a pipe (every other test) nothing changes either.
    site.check().code(1).stderr_has("feeds.toml:10:9: error: ");
}
