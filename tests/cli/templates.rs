//! Template syntax in bodies under a preset: what the generator defines is rendered (the
//! golden files of the `templates-*` fixtures), anything else is removed with a warning naming
//! its file and line; without a preset the same text stays as written.

use crate::harness::Site;

const HINT: &str = "  hint: write it as Markdown or HTML, or set its value under [variables]\n";

#[test]
fn constructs_a_preset_cannot_render_are_removed_with_a_warning_naming_the_line() {
    let want = [
        "articles/post/outage.md:24:1: warning: template syntax `{{< plotly json=\"data.json\" >}}` \
         removed: a shortcode feedwright cannot render as Hugo would\n",
        "articles/post/outage.md:26:1: warning: template syntax `{{< callout >}}` removed: a \
         shortcode feedwright cannot render as Hugo would\n",
        "articles/post/outage.md:26:33: warning: template syntax `{{< /callout >}}` removed: the \
         end of a shortcode feedwright cannot render\n",
    ];
    let want: String = want.iter().map(|w| format!("{w}{HINT}")).collect();
    Site::from_fixture("templates-hugo")
        .build()
        .quiet()
        .success()
        .stderr_is(&want);
}

#[test]
fn liquid_warnings_name_the_construct_and_strict_stops_the_build() {
    let site = Site::from_fixture("templates-jekyll");
    let want = format!(
        "articles/_posts/2024-01-02-release.md:23:1: warning: template syntax `{{% include \
         note.html content=\"gone\" %}}` removed: a Liquid tag feedwright cannot render as Jekyll \
         would\n{HINT}articles/_posts/2024-01-02-release.md:24:8: warning: template syntax \
         `{{{{ page.title }}}}` removed: a Liquid output feedwright cannot render as Jekyll \
         would\n{HINT}"
    );
    site.check().success().stderr_has(&want);
    site.build().quiet().success().stderr_is(&want);
    site.build().arg("--strict").quiet().code(1);
}

#[test]
fn without_a_preset_template_syntax_is_left_as_written() {
    let site = Site::minimal();
    site.article(
        "a.md",
        "+++\ntitle = \"A\"\ndate = \"2024-01-01T00:00:00Z\"\n+++\n{{< youtube x >}} {% raw %}\n",
    );
    site.build().quiet().success().stderr_is("");
    let feed = site.read("atom.xml");
    assert!(
        feed.contains("{{&amp;lt; youtube x &amp;gt;}} {% raw %}"),
        "{feed}"
    );
}

/// Bodies are read and rendered a chunk at a time (4,096): whatever the chunks, a build prints
/// its warnings in one order (every reading problem, then every template warning) and writes
/// the same files, with the cache and without.
#[test]
fn reading_bodies_in_chunks_changes_nothing_a_build_prints_or_writes() {
    let site = Site::from_fixture("templates-hugo");
    site.file(
        "articles/post/bell.md",
        "---\ntitle: Bell\ndate: 2024-03-01T00:00:00Z\n---\nA bell \u{7} rings. {{< nope >}}\n",
    );
    site.file(
        "articles/post/zz.md",
        "---\ntitle: Last\ndate: 2024-03-02T00:00:00Z\n---\nA \u{7} and {{< gone >}}.\n",
    );
    let run = |chunk: &str, cache: &[&str]| {
        let _ = std::fs::remove_dir_all(site.path("public"));
        let _ = std::fs::remove_dir_all(site.path(".feedwright-cache"));
        // Quiet: the summary line holds the elapsed time.
        let out = site
            .build()
            .quiet()
            .args(cache)
            .env("FEEDWRIGHT_TEST_CHUNK", chunk)
            .success();
        (out.stderr().to_string(), site.outputs())
    };
    let whole = run("4096", &["--no-cache"]);
    assert!(
        whole.0.contains("bell.md") && whole.0.contains("{{< gone >}}"),
        "{}",
        whole.0
    );
    for chunk in ["1", "2"] {
        assert_eq!(run(chunk, &["--no-cache"]), whole, "chunks of {chunk}");
        assert_eq!(run(chunk, &[]), whole, "chunks of {chunk}, with the cache");
    }
}
