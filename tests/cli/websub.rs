//! WebSub: `hubs` writes the hub links of every format, and `feedwright ping` / `build --ping`
//! tell a recording hub on 127.0.0.1 (see `harness/hub.rs`) which feed files changed: the
//! request's body and headers, the retries (500 then 204, 429 with Retry-After, a hang), what
//! is never retried (400) and the exit codes.

use std::time::{Duration, Instant};

use crate::harness::hub::{self, Hub, Reply};
use crate::harness::{golden, Site, CONFIG};

/// The pending record in the output folder.
const PENDING: &str = ".feedwright.pending";
const HEADER: &str = "# feedwright: feed files changed since their hubs were last told (feedwright ping empties this)\n";

/// A site whose feeds name `hubs`: `main` (all three formats, the site's hubs) and `news`
/// (tag `news`, RSS only, its own hubs when `news_hubs` is given).
fn hub_site(hubs: &[&str], news_hubs: Option<&[&str]>) -> Site {
    let list = |h: &[&str]| {
        let quoted: Vec<String> = h.iter().map(|u| format!("{u:?}")).collect();
        format!("[{}]", quoted.join(", "))
    };
    let news = news_hubs.map_or(String::new(), |h| format!("hubs = {}\n", list(h)));
    let site = Site::new(&format!(
        "{CONFIG}hubs = {}\n\n[[feeds]]\nname = \"main\"\nrss = \"rss.xml\"\natom = \"atom.xml\"\n\
         json = \"feed.json\"\n\n[[feeds]]\nname = \"news\"\ntags = [\"news\"]\nrss = \"news.xml\"\n{news}",
        list(hubs)
    ));
    site.article(
        "a.md",
        "+++\ntitle = \"A\"\ndate = 2026-01-01\ntags = [\"news\"]\n+++\nA.\n",
    );
    site
}

const MAIN: [&str; 3] = [
    "https://example.org/blog/rss.xml",
    "https://example.org/blog/atom.xml",
    "https://example.org/blog/feed.json",
];

/// A hub answering by `script`, and a site naming it that was built once.
fn built(script: Vec<Reply>) -> (Hub, Site) {
    let hub = Hub::start(script);
    let site = hub_site(&[&hub.url()], None);
    site.build().quiet().success();
    (hub, site)
}

/// The form a publish request about `topics` carries.
fn form(topics: &[&str]) -> Vec<(String, String)> {
    let mut pairs = vec![("hub.mode".to_string(), "publish".to_string())];
    for t in topics {
        pairs.push(("hub.url".into(), t.to_string()));
        pairs.push(("hub.topic".into(), t.to_string()));
    }
    pairs
}

/// `feedwright ping ARGS` in `site`, with no proxy in the way.
fn ping(site: &Site, args: &[&str]) -> crate::harness::run::Run {
    site.run(["ping"].iter().chain(args))
        .env("NO_PROXY", "127.0.0.1")
        .env("no_proxy", "127.0.0.1")
}

#[test]
fn hubs_are_linked_in_every_format_and_read_back() {
    let site = hub_site(&["https://hub.example/", "http://127.0.0.1:8080/hub"], None);
    site.build().quiet().success();
    let rss = site.read("rss.xml");
    assert!(rss.contains(
        "    <atom:link href=\"https://example.org/blog/rss.xml\" rel=\"self\" type=\"application/rss+xml\"/>\n\
         \x20   <atom:link href=\"https://hub.example/\" rel=\"hub\"/>\n\
         \x20   <atom:link href=\"http://127.0.0.1:8080/hub\" rel=\"hub\"/>\n"
    ), "{rss}");
    let atom = site.read("atom.xml");
    assert!(atom.contains(
        "  <link href=\"https://hub.example/\" rel=\"hub\"/>\n  <link href=\"http://127.0.0.1:8080/hub\" rel=\"hub\"/>\n"
    ), "{atom}");
    let json = site.json("feed.json");
    assert_eq!(
        json["hubs"],
        serde_json::json!([
            {"type": "WebSub", "url": "https://hub.example/"},
            {"type": "WebSub", "url": "http://127.0.0.1:8080/hub"}
        ])
    );
    // An independent reader sees the hub links beside the self link.
    for file in ["atom.xml", "rss.xml"] {
        let links = site.feed(file).links;
        let hubs: Vec<&str> = links
            .iter()
            .filter(|l| l.rel.as_deref() == Some("hub"))
            .map(|l| l.href.as_str())
            .collect();
        assert_eq!(
            hubs,
            ["https://hub.example/", "http://127.0.0.1:8080/hub"],
            "{file}: {links:?}"
        );
    }
    site.feed("feed.json");
}

#[test]
fn a_feeds_own_hubs_replace_the_sites_and_an_empty_list_opts_out() {
    let own = hub_site(
        &["https://hub.example/"],
        Some(&["https://news-hub.example/"]),
    );
    own.build().quiet().success();
    assert!(own
        .read("news.xml")
        .contains("<atom:link href=\"https://news-hub.example/\" rel=\"hub\"/>"));
    assert!(!own.read("news.xml").contains("https://hub.example/"));
    let none = hub_site(&["https://hub.example/"], Some(&[]));
    none.build().quiet().success();
    assert!(!none.read("news.xml").contains("rel=\"hub\""));
    assert!(none.read("rss.xml").contains("rel=\"hub\""));
}

#[test]
fn the_websub_fixture_matches_its_golden_files_archive_pages_name_no_hub() {
    let site = Site::from_fixture("websub");
    site.build().quiet().success();
    let outputs = site.outputs();
    golden::assert_matches("websub", &outputs);
    for (file, bytes) in &outputs {
        let text = String::from_utf8_lossy(bytes);
        let hubs = text.contains("rel=\"hub\"") || text.contains("\"hubs\"");
        let topic = !file.starts_with("archive/") && file != "desk.atom" && file != PENDING;
        assert_eq!(hubs, topic, "{file}");
    }
}

#[test]
fn a_site_without_hubs_keeps_no_pending_record() {
    let site = Site::minimal();
    site.article("a.md", "+++\ntitle = \"A\"\ndate = 2026-01-01\n+++\nA.\n");
    site.build().quiet().success();
    assert!(!site.path("public").join(PENDING).exists());
    assert!(!site.read("rss.xml").contains("hub"));
}

#[test]
fn a_hub_that_is_no_absolute_http_url_is_a_config_error_on_its_line() {
    let site = Site::new(&format!(
        "{CONFIG}hubs = [\"https://hub.example/\", \"hub.example\"]\n\n[[feeds]]\nname = \"main\"\n\
         rss = \"rss.xml\"\nhubs = [\n  \"https://ok.example/\",\n  \"ftp://hub.example/\",\n]\n"
    ));
    site.build().code(1).stderr_is(
        "feeds.toml:6:1: error: [site]: hub \"hub.example\" is not an absolute http(s) URL\n  \
         hint: write the hub's URL in full, e.g. hubs = [\"https://pubsubhubbub.appspot.com/\"]\n\
         feeds.toml:13:1: error: feed \"main\": hub \"ftp://hub.example/\" is not an absolute http(s) URL\n  \
         hint: write the hub's URL in full, e.g. hubs = [\"https://pubsubhubbub.appspot.com/\"]\n",
    );
    assert!(site.outputs().is_empty());
}

#[test]
fn a_202_takes_every_changed_feed_in_one_form_post_and_empties_the_record() {
    let (hub, site) = built(vec![hub::status(202)]);
    assert_eq!(
        site.read(PENDING),
        format!("{HEADER}atom.xml\nfeed.json\nnews.xml\nrss.xml\n")
    );
    ping(&site, &[]).success().stderr_is(&format!(
        "pinged: {}: 202 after 1 attempt: 4 feed file(s)\n\
         feedwright: pinged 1 hub(s) about 4 feed file(s): 1 ok, 0 failed\n",
        hub.url()
    ));
    let requests = hub.requests();
    assert_eq!(requests.len(), 1);
    let r = &requests[0];
    assert_eq!(r.line, "POST /hub HTTP/1.1");
    assert_eq!(
        r.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        r.header("content-length"),
        Some(r.body.len().to_string().as_str())
    );
    assert!(r.header("user-agent").unwrap().starts_with("feedwright/"));
    let mut topics = MAIN.to_vec();
    topics.push("https://example.org/blog/news.xml");
    assert_eq!(r.form(), form(&topics));
    assert!(r
        .body
        .starts_with("hub.mode=publish&hub.url=https%3A%2F%2Fexample.org%2Fblog%2Frss.xml&"));
    assert_eq!(site.read(PENDING), HEADER);
    // Nothing changed since: no request.
    ping(&site, &[])
        .success()
        .stderr_is("feedwright: no feed file with hubs changed since the last ping\n");
    assert_eq!(hub.requests().len(), 1);
}

#[test]
fn only_feed_files_whose_bytes_changed_are_pinged() {
    let (hub, site) = built(vec![hub::status(204)]);
    ping(&site, &["-q"]).success().stderr_is("");
    // A new article outside `news`: only main's three files change.
    site.article("b.md", "+++\ntitle = \"B\"\ndate = 2026-01-02\n+++\nB.\n");
    site.build().quiet().success();
    assert_eq!(
        site.read(PENDING),
        format!("{HEADER}atom.xml\nfeed.json\nrss.xml\n")
    );
    ping(&site, &[]).success();
    let requests = hub.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].form(), form(&MAIN));
    // A build that changes nothing adds nothing.
    site.build().quiet().success();
    ping(&site, &[]).success();
    assert_eq!(hub.requests().len(), 2);
}

#[test]
fn each_hub_hears_of_its_own_feeds_only() {
    let (site_hub, news_hub) = (
        Hub::start(vec![hub::status(204)]),
        Hub::start(vec![hub::status(204)]),
    );
    let site = hub_site(&[&site_hub.url()], Some(&[&news_hub.url()]));
    site.build().quiet().success();
    ping(&site, &[]).success();
    assert_eq!(site_hub.requests()[0].form(), form(&MAIN));
    assert_eq!(
        news_hub.requests()[0].form(),
        form(&["https://example.org/blog/news.xml"])
    );
}

#[test]
fn a_500_then_a_204_is_one_retry_and_success() {
    let (hub, site) = built(vec![hub::status(500), hub::status(204)]);
    ping(&site, &[]).success().stderr_is(&format!(
        "pinged: {}: 204 after 2 attempts: 4 feed file(s)\n\
         feedwright: pinged 1 hub(s) about 4 feed file(s): 1 ok, 0 failed\n",
        hub.url()
    ));
    let requests = hub.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].body, requests[1].body);
    assert_eq!(site.read(PENDING), HEADER);
}

#[test]
fn a_400_is_not_retried_exits_4_and_keeps_the_record() {
    let refusal = Reply::Status(
        400,
        vec![("Content-Type", "text/plain")],
        "Topic\nnot allowed",
    );
    let (hub, site) = built(vec![refusal]);
    let before = site.read(PENDING);
    ping(&site, &[]).code(4).stderr_is(&format!(
        "ping failed: {}: 400 after 1 attempt (the hub said \"Topic not allowed\"; a 400 is not \
         retried: the hub refused the request): 4 feed file(s)\n\
         feedwright: pinged 1 hub(s) about 4 feed file(s): 0 ok, 1 failed\n\
         feedwright: error: 1 of 1 hub(s) did not take the ping; their feed files stay in \
         public/.feedwright.pending: run `feedwright ping` again later\n",
        hub.url()
    ));
    assert_eq!(hub.requests().len(), 1);
    assert_eq!(site.read(PENDING), before);
}

#[test]
fn only_the_files_of_a_failed_hub_stay_pending() {
    let (ok, refusing) = (
        Hub::start(vec![hub::status(204)]),
        Hub::start(vec![hub::status(403)]),
    );
    let site = hub_site(&[&ok.url()], Some(&[&refusing.url()]));
    site.build().quiet().success();
    ping(&site, &["-q"]).code(4);
    assert_eq!(site.read(PENDING), format!("{HEADER}news.xml\n"));
    let json = ping(&site, &["--message-format", "json"]).code(4);
    let report: serde_json::Value = json
        .stdout()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|v| v["type"] == "report")
        .unwrap();
    assert_eq!(report["exit"], 4);
    assert_eq!(report["ping"]["hubs"][0]["status"], 403);
    assert_eq!(report["ping"]["hubs"][0]["attempts"], 1);
    assert_eq!(
        report["ping"]["hubs"][0]["files"],
        serde_json::json!(["news.xml"])
    );
    assert_eq!(
        ok.requests().len(),
        1,
        "the hub that took it hears nothing again"
    );
}

#[test]
fn a_hang_times_out_and_is_retried_then_fails() {
    let (hub, site) = built(vec![Reply::Hang(Duration::from_secs(5))]);
    let start = Instant::now();
    ping(&site, &["--timeout", "0.3", "--retries", "1"])
        .code(4)
        .stderr_starts_with(&format!(
        "ping failed: {}: no answer after 2 attempts (no answer within 0.3s; no attempt left): \
         4 feed file(s)\n",
        hub.url()
    ));
    // Two timeouts and one second of backoff; never the hub's five seconds.
    assert!(
        start.elapsed() < Duration::from_secs(4),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(hub.requests().len(), 2);
}

#[test]
fn a_429_is_retried_after_its_retry_after_unless_that_is_too_long() {
    let slow = Reply::Status(429, vec![("Retry-After", "1")], "");
    let (hub, site) = built(vec![slow, hub::status(202)]);
    let start = Instant::now();
    ping(&site, &["--retries", "1"])
        .success()
        .stderr_has("202 after 2 attempts");
    assert!(start.elapsed() >= Duration::from_secs(1));
    assert_eq!(hub.requests().len(), 2);

    let never = Reply::Status(429, vec![("Retry-After", "3600")], "");
    let (hub, later) = built(vec![never]);
    ping(&later, &[]).code(4).stderr_has(
        "429 after 1 attempt (the hub asks to wait 3600s (Retry-After), more than 60s)",
    );
    assert_eq!(hub.requests().len(), 1);
}

#[test]
fn dry_run_prints_the_requests_and_sends_nothing() {
    let (hub, site) = built(vec![hub::status(204)]);
    let before = site.read(PENDING);
    let out = ping(&site, &["--dry-run"]).success();
    assert_eq!(
        out.stdout(),
        format!(
            "POST {}\nContent-Type: application/x-www-form-urlencoded\n\n\
             hub.mode=publish&hub.url=https%3A%2F%2Fexample.org%2Fblog%2Frss.xml\
             &hub.topic=https%3A%2F%2Fexample.org%2Fblog%2Frss.xml\
             &hub.url=https%3A%2F%2Fexample.org%2Fblog%2Fatom.xml\
             &hub.topic=https%3A%2F%2Fexample.org%2Fblog%2Fatom.xml\
             &hub.url=https%3A%2F%2Fexample.org%2Fblog%2Ffeed.json\
             &hub.topic=https%3A%2F%2Fexample.org%2Fblog%2Ffeed.json\
             &hub.url=https%3A%2F%2Fexample.org%2Fblog%2Fnews.xml\
             &hub.topic=https%3A%2F%2Fexample.org%2Fblog%2Fnews.xml\n",
            hub.url()
        )
    );
    out.stderr_is(&format!(
        "would ping: {}: 4 feed file(s)\n\
         feedwright: would ping 1 hub(s) about 4 feed file(s); nothing was sent\n",
        hub.url()
    ));
    assert_eq!(site.read(PENDING), before);
    std::thread::sleep(Duration::from_millis(100));
    assert!(hub.requests().is_empty());
}

#[test]
fn build_ping_tells_the_hubs_of_what_it_changed() {
    let hub = Hub::start(vec![hub::status(204)]);
    let site = hub_site(&[&hub.url()], None);
    site.build()
        .arg("--ping")
        .env("NO_PROXY", "127.0.0.1")
        .success()
        .stderr_ends_with(&format!(
            "pinged: {}: 204 after 1 attempt: 4 feed file(s)\n\
             feedwright: pinged 1 hub(s) about 4 feed file(s): 1 ok, 0 failed\n",
            hub.url()
        ));
    assert_eq!(hub.requests().len(), 1);
    assert_eq!(site.read(PENDING), HEADER);
    site.build().args(["--ping", "-q"]).success().stderr_is("");
    assert_eq!(hub.requests().len(), 1, "nothing changed, nothing pinged");
    site.build().args(["--ping", "--check"]).code(2);
}

#[test]
fn build_ping_exits_4_when_a_hub_fails_but_the_build_is_done() {
    let hub = Hub::start(vec![hub::status(410)]);
    let site = hub_site(&[&hub.url()], None);
    site.build()
        .args(["--ping", "-q"])
        .code(4)
        .stderr_starts_with(&format!("ping failed: {}: 410 after 1 attempt", hub.url()));
    assert!(site.read("rss.xml").contains("<title>A</title>"));
    assert_eq!(
        site.read(PENDING),
        format!("{HEADER}atom.xml\nfeed.json\nnews.xml\nrss.xml\n")
    );
}

#[test]
fn ping_all_tells_every_feed_with_hubs_and_leaves_the_record_alone() {
    let hub = Hub::start(vec![hub::status(204)]);
    let site = hub_site(&[&hub.url()], Some(&[]));
    site.build().quiet().success();
    ping(&site, &["-q"]).success();
    ping(&site, &["--all"]).success();
    let requests = hub.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].form(), form(&MAIN), "news names no hub");
}

#[test]
fn a_redirect_is_not_followed_and_says_to_write_the_final_url() {
    let moved = Reply::Status(301, vec![("Location", "http://127.0.0.1:9/elsewhere")], "");
    let (hub, site) = built(vec![moved]);
    ping(&site, &[]).code(4).stderr_has(&format!(
        "ping failed: {}: 301 after 1 attempt (a 301 redirect is not followed: write the hub's \
         final URL in `hubs`): 4 feed file(s)\n",
        hub.url()
    ));
    assert_eq!(hub.requests().len(), 1);
}

#[test]
fn the_next_build_ping_tells_a_hub_that_failed_what_it_missed() {
    let hub = Hub::start(vec![hub::status(503), hub::status(204)]);
    let site = hub_site(&[&hub.url()], None);
    let build_ping = |retries: &str| {
        site.build()
            .args(["--ping", "-q", "--retries", retries])
            .env("NO_PROXY", "127.0.0.1")
    };
    build_ping("0").code(4);
    // A new article changes main's files; news.xml is still pending from the failed ping.
    site.article("b.md", "+++\ntitle = \"B\"\ndate = 2026-01-02\n+++\nB.\n");
    build_ping("0").success().stderr_is("");
    let requests = hub.requests();
    assert_eq!(requests.len(), 2);
    let mut every = MAIN.to_vec();
    every.push("https://example.org/blog/news.xml");
    assert_eq!(requests[0].form(), form(&every));
    assert_eq!(requests[1].form(), form(&every));
    assert_eq!(site.read(PENDING), HEADER);
}

#[test]
fn feeds_per_tag_are_pinged_by_build_and_by_a_later_ping() {
    let hub = Hub::start(vec![hub::status(204), hub::status(204)]);
    let site = Site::new(&format!(
        "{CONFIG}hubs = [{:?}]\n\n[[feeds]]\nname = \"tags\"\nper = \"tag\"\nrss = \"tags/{{tag}}.xml\"\n",
        hub.url()
    ));
    site.article(
        "a.md",
        "+++\ntitle = \"A\"\ndate = 2026-01-01\ntags = [\"Café\", \"news\"]\n+++\nA.\n",
    );
    // The build records the generated files as pending; `ping` finds their hubs through the
    // `per` entry (it reads the articles to know which files it makes).
    site.build().quiet().success();
    assert!(site.read(PENDING).contains("tags/cafe.xml"));
    ping(&site, &[]).success();
    let topics = [
        "https://example.org/blog/tags/cafe.xml",
        "https://example.org/blog/tags/news.xml",
    ];
    assert_eq!(hub.requests()[0].form(), form(&topics));
    assert_eq!(site.read(PENDING), HEADER);
    // A new tag: `build --ping` tells the hub of its file and of the files that changed.
    site.article(
        "b.md",
        "+++\ntitle = \"B\"\ndate = 2026-01-02\ntags = [\"rust\"]\n+++\nB.\n",
    );
    site.build()
        .args(["--ping"])
        .env("NO_PROXY", "127.0.0.1")
        .env("no_proxy", "127.0.0.1")
        .quiet()
        .success();
    assert_eq!(
        hub.requests()[1].form(),
        form(&["https://example.org/blog/tags/rust.xml"])
    );
}
