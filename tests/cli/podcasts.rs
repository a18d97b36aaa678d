//! Podcasts: enclosures in every format, the iTunes and Podcasting 2.0 tags of a podcast feed,
//! and the errors a podcast site can make (a missing required tag, an enclosure URL used twice,
//! a path leaving the articles folder, a missing file), each naming its file and line.

use crate::harness::{Site, CONFIG};

/// A podcast feed with every required tag, over the articles tagged `episode`.
const PODCAST: &str = r#"language = "en"

[[feeds]]
name = "pod"
rss = "pod.xml"
json = "pod.json"
limit = 0

[feeds.podcast]
image = "https://example.org/cover.jpg"
categories = ["Technology"]
explicit = false
author = "Site Author"
owner = { name = "Site Author", email = "author@example.org" }
"#;

fn podcast_site() -> Site {
    Site::new(&format!("{CONFIG}{PODCAST}"))
}

fn episode(name: &str, day: u32, enclosure: &str) -> String {
    format!("+++\ntitle = \"{name}\"\ndate = 2026-03-{day:02}\nenclosure = {enclosure}\n+++\nx\n")
}

#[test]
fn the_podcast_fixture_reads_back_with_its_enclosures_and_itunes_tags() {
    let site = Site::from_fixture("podcast");
    site.build().quiet().success();
    let rss = site.feed("podcast.xml");
    assert_eq!(
        rss.entries.len(),
        3,
        "the post without an enclosure is not in the podcast"
    );
    let ep1 = &rss.entries[1];
    let media = &ep1.media[0];
    let content = &media.content[0];
    assert_eq!(
        content.url.as_ref().unwrap().as_str(),
        "https://radio.example.org/episodes/media/ep1.mp3"
    );
    assert_eq!(content.size, Some(25), "the local file's size");
    assert_eq!(
        content.content_type.as_ref().unwrap().to_string(),
        "audio/mpeg"
    );
    assert_eq!(
        media.duration,
        Some(std::time::Duration::from_secs(3723)),
        "itunes:duration from duration = \"1:02:03\""
    );
    let ep2 = &rss.entries[0].media[0].content[0];
    assert_eq!(
        ep2.size,
        Some(48_213_760),
        "a remote enclosure's written length"
    );
    // feed-rs reads Atom `rel="enclosure"` links and JSON Feed attachments as links.
    for file in ["podcast.atom", "podcast.json", "feed.json"] {
        let feed = site.feed(file);
        let entry = feed
            .entries
            .iter()
            .find(|e| e.title.as_ref().unwrap().content == "Episode 1: Lights Out")
            .unwrap();
        let link = entry
            .links
            .iter()
            .find(|l| l.href.ends_with(".mp3"))
            .unwrap_or_else(|| panic!("{file}: no enclosure in {:?}", entry.links));
        assert_eq!(
            link.href, "https://radio.example.org/episodes/media/ep1.mp3",
            "{file}"
        );
        assert_eq!(link.length, Some(25), "{file}");
        assert_eq!(link.media_type.as_deref(), Some("audio/mpeg"), "{file}");
    }
    let blog = site.feed("rss.xml");
    assert_eq!(blog.entries.len(), 4);
    assert_eq!(
        blog.entries.iter().filter(|e| !e.media.is_empty()).count(),
        3
    );
    let xml = site.read("podcast.xml");
    // The podcast namespace's guid: UUIDv5 of "radio.example.org/podcast.xml".
    assert!(
        xml.contains("<podcast:guid>9abbdbd1-2085-59c1-a084-d328278c7868</podcast:guid>"),
        "{xml}"
    );
    assert!(xml.contains("<itunes:explicit>false</itunes:explicit>"));
    assert!(xml.contains(r#"<podcast:locked owner="ada@radio.example.org">yes</podcast:locked>"#));
    assert!(xml.contains(
        r#"<podcast:transcript type="text/vtt" url="https://radio.example.org/episodes/ep1.vtt"/>"#
    ));
    assert!(xml.contains("<itunes:episodeType>trailer</itunes:episodeType>"));
    let blog = site.read("rss.xml");
    assert!(
        blog.contains("<enclosure url="),
        "every feed carries enclosures"
    );
    assert!(
        !blog.contains("itunes:"),
        "only a podcast feed carries iTunes tags"
    );
    assert!(
        !blog.contains("podcast:"),
        "only a podcast feed carries podcast: tags"
    );
}

#[test]
fn a_podcast_missing_required_tags_fails_naming_each_tag_and_the_line() {
    let site = Site::new(&format!(
        "{CONFIG}\n[[feeds]]\nname = \"pod\"\njson = \"pod.json\"\n\n[feeds.podcast]\nexplicit = true\nowner = {{ name = \"Me\" }}\n"
    ));
    site.build().code(1).stderr_is(
        "\
feeds.toml:11:1: error: feed \"pod\" is a podcast but [site] has no `language`, which Apple Podcasts requires
  hint: set language in [site], e.g. language = \"en\"
feeds.toml:11:1: error: feed \"pod\": the podcast has no `rss`, which Apple Podcasts requires
  hint: iTunes and podcast tags are RSS only: set rss = \"podcast.xml\" in this feed
feeds.toml:11:1: error: feed \"pod\": the podcast has no `itunes:image`, which Apple Podcasts requires
  hint: set podcast.image to the cover art's absolute URL, e.g. image = \"https://example.org/cover.jpg\" (a 1400-3000 px square JPEG or PNG)
feeds.toml:11:1: error: feed \"pod\": the podcast has no `itunes:category`, which Apple Podcasts requires
  hint: set podcast.categories to one or more of Apple's categories, e.g. categories = [\"Technology\"] or [\"Society & Culture > Documentary\"]
feeds.toml:11:1: error: feed \"pod\": the podcast has no `itunes:author`, which Apple Podcasts requires
  hint: set podcast.author to the name listeners know the show's author by
feeds.toml:11:1: error: feed \"pod\": the podcast has no `itunes:owner`, which Apple Podcasts requires
  hint: set podcast.owner = { name = \"...\", email = \"...\" }: who directories contact about the show
",
    );
    assert!(site.outputs().is_empty());
}

#[test]
fn categories_are_checked_against_apples_list() {
    let config = format!("{CONFIG}{PODCAST}").replace(
        r#"categories = ["Technology"]"#,
        r#"categories = ["Technology", "technology", "Documentary"]"#,
    );
    let site = Site::new(&config);
    site.build().code(1).stderr_is(
        "\
feeds.toml:16:1: error: feed \"pod\": podcast category \"technology\" is not an Apple Podcasts category
  hint: did you mean \"Technology\"? (Apple's names, case and `&` included)
feeds.toml:16:1: error: feed \"pod\": podcast category \"Documentary\" is a subcategory of \"Society & Culture\"
  hint: write \"Society & Culture > Documentary\"
",
    );
}

#[test]
fn an_enclosure_url_twice_in_a_feed_names_both_articles() {
    let site = podcast_site();
    let remote = r#"{ url = "https://cdn.example.net/a.mp3", length = 10, type = "audio/mpeg" }"#;
    site.article("one.md", &episode("One", 1, remote))
        .article("two.md", &episode("Two", 2, remote));
    site.build().code(1).stderr_is(
        "\
articles/one.md:4:1: error: enclosure \"https://cdn.example.net/a.mp3\" is also the enclosure of articles/two.md in feed \"pod\"
  hint: give each article its own media file: podcast apps take two episodes with one enclosure for one
feedwright: 1 error in 1 file(s); nothing was written
",
    );
}

#[test]
fn a_podcast_feed_refuses_an_article_without_an_enclosure() {
    let site = podcast_site();
    site.article(
        "post.md",
        "+++\ntitle = \"Post\"\ndate = 2026-03-01\n+++\nx\n",
    );
    site.build().code(1).stderr_is(
        "\
articles/post.md: error: feed \"pod\" is a podcast, but this article has no `enclosure`
  hint: add one (enclosure = \"episode.mp3\"): Apple Podcasts requires one per episode; or keep the article out of the feed (its tags, include or exclude)
feedwright: 1 error in 1 file(s); nothing was written
",
    );
}

#[test]
fn enclosure_paths_stay_inside_the_articles_folder() {
    let site = podcast_site();
    site.file("secret.mp3", "SECRET");
    site.file("outside/x.mp3", "SECRET");
    site.file("articles/ok.mp3", "fine");
    site.article("a.md", &episode("A", 1, r#""../secret.mp3""#))
        .article("b.md", &episode("B", 2, r#""/../secret.mp3""#))
        .article("c.md", &episode("C", 3, r#""missing.mp3""#))
        .article(
            "d.md",
            &episode("D", 4, r#""https://cdn.example.net/d.mp3""#),
        )
        .article(
            "e.md",
            &episode("E", 5, r#"{ url = "ok.mp3", length = 4 }"#),
        );
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("../secret.mp3", site.path("articles/link.mp3")).unwrap();
        std::os::unix::fs::symlink("../outside", site.path("articles/linked")).unwrap();
        let fifo = site.path("articles/pipe.mp3");
        assert!(std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success());
        site.article("f.md", &episode("F", 6, r#""link.mp3""#))
            .article("g.md", &episode("G", 7, r#""linked/x.mp3""#))
            .article("h.md", &episode("H", 8, r#""pipe.mp3""#))
            .article("i.md", &episode("I", 9, r#""linked""#));
    }
    let out = site.build().code(1);
    let err = out.stderr().to_string();
    let has = |part: &str| assert!(err.contains(part), "missing:\n{part}\nin:\n{err}");
    let hint_path = "  hint: name a file inside the articles folder (beside the record, or from the folder with a leading /), or an absolute http(s) URL\n";
    let hint_file = "  hint: put the file in the articles folder (not a link to one outside), or give an absolute http(s) URL with its length and type\n";
    has(&format!(
        "articles/a.md:4:1: error: enclosure \"../secret.mp3\" leaves the articles folder\n{hint_path}"
    ));
    has(&format!(
        "articles/b.md:4:1: error: enclosure \"/../secret.mp3\" leaves the articles folder\n{hint_path}"
    ));
    has(&format!(
        "articles/c.md:4:1: error: enclosure \"missing.mp3\": articles/missing.mp3 does not exist\n{hint_file}"
    ));
    has("articles/d.md:4:1: error: enclosure \"https://cdn.example.net/d.mp3\" is a URL without a `length`\n  \
         hint: give its size in bytes (podcast apps require it): enclosure = { url = \"https://cdn.example.net/d.mp3\", length = 12345678, type = \"audio/mpeg\" }\n");
    has("articles/e.md:4:1: error: enclosure \"ok.mp3\" is a file and has a `length`\n  hint: remove length: feedwright reads the file's size\n");
    #[cfg(unix)]
    {
        has(&format!(
            "articles/f.md:4:1: error: enclosure \"link.mp3\": file is a symbolic link to ../secret.mp3, outside the articles folder\n{hint_file}"
        ));
        has("articles/g.md:4:1: error: enclosure \"linked/x.mp3\": file is a symbolic link to ");
        has("articles/h.md:4:1: error: enclosure \"pipe.mp3\": not a regular file (a FIFO)\n");
        has("articles/i.md:4:1: error: enclosure \"linked\": file is a symbolic link to ../outside, outside the articles folder\n");
    }
    assert!(site.outputs().is_empty(), "nothing written");
}

#[test]
fn episode_keys_are_checked_with_their_line_and_fix() {
    let site = podcast_site();
    site.file("articles/a.mp3", "x");
    site.article(
        "a.md",
        "+++\ntitle = \"A\"\ndate = 2026-03-01\nenclosure = \"a.mp3\"\nduration = \"1:75\"\nepisode = 0\nepisode_type = \"pilot\"\n+++\nx\n",
    );
    site.build().code(1).stderr_is(
        "\
articles/a.md:5:1: error: duration \"1:75\" is not a duration
  hint: write HH:MM:SS (\"1:02:03\"), MM:SS (\"42:10\") or whole seconds (3723)
articles/a.md:6:1: error: `episode` is 0; numbers start at 1
  hint: number them from 1, e.g. episode = 1
articles/a.md:7:1: error: episode_type \"pilot\" is not \"full\", \"trailer\" or \"bonus\"
  hint: use episode_type = \"full\" (the default), \"trailer\" or \"bonus\"
feedwright: 3 errors in 1 file(s); nothing was written
",
    );
}

#[test]
fn a_media_key_of_the_wrong_shape_says_what_it_takes() {
    let site = Site::minimal();
    site.article(
        "a.md",
        "+++\ntitle = \"A\"\ndate = 2026-03-01\nenclosure = { url = \"a.mp3\", size = 3 }\n+++\nx\n",
    )
    .article("b.md", "---\ntitle: B\ndate: 2026-03-01\nenclosure: 5\n---\nx\n");
    site.build()
        .code(1)
        .stderr_has("articles/a.md:4:30: error: invalid front matter: unknown field `size`, expected one of `url`, `length`, `type`\n")
        .stderr_has("articles/b.md:4:")
        .stderr_has("expected a file path, an http(s) URL, or a table { url, length, type }");
}
