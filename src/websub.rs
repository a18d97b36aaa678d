//! WebSub publishing (W3C Recommendation, 2018; formerly PubSubHubbub), the pure part: which
//! hub hears about which feed files, the request each hub gets, and when a failed request is
//! tried again. `cmd/ping.rs` does the I/O (the pending record, the HTTP requests, the sleeps).
//!
//! A feed names its hubs (`hubs`) and its own URL (`rel="self"`): that URL is the WebSub topic.
//! When a build changes a feed file, each hub of its feed gets one
//! `application/x-www-form-urlencoded` POST, `hub.mode=publish`, then for every changed file of
//! that hub's feeds both `hub.url` and `hub.topic` with the file's public URL. WebSub itself
//! leaves the publish request to each hub; `hub.url` is the key of PubSubHubbub 0.3/0.4, which
//! Google's hub (pubsubhubbub.appspot.com), Superfeedr and most hubs read, and `hub.topic` the
//! one some newer hubs (websub.rocks accepts either) read; a hub ignores the key it does not
//! know. Both keys repeat per file, in the order the feeds and their formats are written.
//!
//! Any 2xx answer is success. A 5xx, a 429 and a network failure (including a timeout) are
//! tried again after a backoff that doubles from one second (at most [`MAX_BACKOFF`]), or after
//! the hub's `Retry-After` when it gives one; a `Retry-After` longer than [`MAX_RETRY_AFTER`] is
//! not waited for (a cron job must not sleep an hour): the hub is left for the next ping. Any
//! other answer (4xx, 3xx) is final: the request would fail the same way again.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Duration;

use url::Url;

use crate::config::Site;

/// The Content-Type of a publish request.
pub const CONTENT_TYPE: &str = "application/x-www-form-urlencoded";
/// The longest wait between two attempts of the backoff.
pub const MAX_BACKOFF: Duration = Duration::from_secs(30);
/// The longest `Retry-After` a ping waits for.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// One hub and the topics (feed file URLs) it is told about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publish {
    /// The hub's URL.
    pub hub: Url,
    /// The topics, each the public URL of one feed file.
    pub topics: Vec<Topic>,
}

/// A feed file a hub hears about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    /// Its path in the output folder, as the pending record keeps it.
    pub file: String,
    /// Its public URL (the feed's `rel="self"`).
    pub url: String,
}

/// The publish requests for the feed files for which `changed` is true: one per hub, hubs in
/// URL order, each listing the changed files of every feed that names it (feeds in config order,
/// formats in format order).
pub fn publishes(site: &Site, changed: impl Fn(&str) -> bool) -> Vec<Publish> {
    let mut by_hub: BTreeMap<&str, Publish> = BTreeMap::new();
    for spec in &site.feeds {
        for (_, file) in spec.outputs.iter().filter(|(_, file)| changed(file)) {
            for hub in &spec.hubs {
                let publish = by_hub.entry(hub.as_str()).or_insert_with(|| Publish {
                    hub: hub.clone(),
                    topics: vec![],
                });
                if !publish.topics.iter().any(|t| &t.file == file) {
                    publish.topics.push(Topic {
                        file: file.clone(),
                        url: site.output_url(file).to_string(),
                    });
                }
            }
        }
    }
    by_hub.into_values().collect()
}

/// The files of feeds with hubs: the only ones a ping can be about.
pub fn with_hubs(site: &Site) -> impl Iterator<Item = &str> {
    site.feeds
        .iter()
        .filter(|spec| !spec.hubs.is_empty())
        .flat_map(|spec| spec.outputs.iter().map(|(_, file)| file.as_str()))
}

impl Publish {
    /// The form-encoded body: `hub.mode=publish`, then `hub.url` and `hub.topic` per topic.
    pub fn body(&self) -> String {
        let mut form = url::form_urlencoded::Serializer::new(String::new());
        form.append_pair("hub.mode", "publish");
        for topic in &self.topics {
            form.append_pair("hub.url", &topic.url);
            form.append_pair("hub.topic", &topic.url);
        }
        form.finish()
    }

    /// The request as `--dry-run` prints it: request line, Content-Type, a blank line, the body.
    pub fn describe(&self) -> String {
        let mut text = String::new();
        let _ = write!(
            text,
            "POST {}\nContent-Type: {CONTENT_TYPE}\n\n{}\n",
            self.hub,
            self.body()
        );
        text
    }
}

/// How one attempt ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// The hub answered with this status, and maybe a `Retry-After` (already read: see
    /// [`retry_after`]).
    Status {
        /// The HTTP status code.
        code: u16,
        /// How long the hub asks to wait before trying again.
        retry_after: Option<Duration>,
    },
    /// No answer: the connection failed or the request timed out.
    Network,
}

/// What to do after an attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    /// The hub took the request.
    Done,
    /// Try again after this long.
    Retry(Duration),
    /// Stop: the hub refused, or the attempts are used up, or it asks for a longer wait than a
    /// ping makes; the reason is the end of the report line.
    GiveUp(String),
}

/// The retry rule of [`next`]: how many times a failed request is tried again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retries {
    /// Attempts after the first.
    pub retries: u32,
    /// The first backoff; it doubles with each attempt, up to [`MAX_BACKOFF`].
    pub backoff: Duration,
}

/// What to do after attempt number `attempt` (1 for the first) ended with `answer`.
pub fn next(rule: Retries, attempt: u32, answer: &Answer) -> Next {
    let retry_after = match answer {
        Answer::Status { code, .. } if (200..300).contains(code) => return Next::Done,
        Answer::Status { code, retry_after } if *code >= 500 || *code == 429 => *retry_after,
        Answer::Status { code, .. } if (300..400).contains(code) => {
            return Next::GiveUp(format!(
                "a {code} redirect is not followed: write the hub's final URL in `hubs`"
            ))
        }
        Answer::Status { code, .. } => {
            return Next::GiveUp(format!(
                "a {code} is not retried: the hub refused the request"
            ))
        }
        Answer::Network => None,
    };
    if attempt > rule.retries {
        return Next::GiveUp("no attempt left".into());
    }
    match retry_after {
        Some(wait) if wait > MAX_RETRY_AFTER => Next::GiveUp(format!(
            "the hub asks to wait {}s (Retry-After), more than {}s",
            wait.as_secs(),
            MAX_RETRY_AFTER.as_secs()
        )),
        Some(wait) => Next::Retry(wait),
        None => {
            let doubled = rule.backoff.saturating_mul(1u32 << (attempt - 1).min(16));
            Next::Retry(doubled.min(MAX_BACKOFF))
        }
    }
}

/// A `Retry-After` value (RFC 9110, 10.2.3): a number of seconds, or an HTTP date, read
/// against the answer's own `Date` (the hub's clock, not ours; without one, `None`: the backoff
/// applies). A date in the past is no wait.
pub fn retry_after(value: &str, date: Option<&str>) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Digits past u64 mean "very long": more than any cap.
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    let when = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let now = chrono::DateTime::parse_from_rfc2822(date?.trim()).ok()?;
    Some((when - now).to_std().unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn publish(topics: &[&str]) -> Publish {
        Publish {
            hub: Url::parse("https://hub.example/").unwrap(),
            topics: topics
                .iter()
                .map(|t| Topic {
                    file: t.rsplit('/').next().unwrap().into(),
                    url: t.to_string(),
                })
                .collect(),
        }
    }

    #[test]
    fn the_body_names_every_topic_with_both_keys_form_encoded() {
        let p = publish(&[
            "https://x.org/blog/rss.xml",
            "https://x.org/blog/a b&c.json",
        ]);
        assert_eq!(
            p.body(),
            "hub.mode=publish\
             &hub.url=https%3A%2F%2Fx.org%2Fblog%2Frss.xml&hub.topic=https%3A%2F%2Fx.org%2Fblog%2Frss.xml\
             &hub.url=https%3A%2F%2Fx.org%2Fblog%2Fa+b%26c.json&hub.topic=https%3A%2F%2Fx.org%2Fblog%2Fa+b%26c.json"
        );
        let pairs: Vec<(String, String)> = url::form_urlencoded::parse(p.body().as_bytes())
            .into_owned()
            .collect();
        assert_eq!(pairs[3].1, "https://x.org/blog/a b&c.json");
        assert_eq!(
            p.describe(),
            format!(
                "POST https://hub.example/\nContent-Type: application/x-www-form-urlencoded\n\n{}\n",
                p.body()
            )
        );
    }

    #[test]
    fn each_hub_hears_of_the_changed_files_of_the_feeds_naming_it_once_each() {
        let config = r#"
[site]
title = "T"
url = "https://x.org/blog/"
description = "D"
author = { name = "A" }
hubs = ["https://b.example/", "https://a.example/"]

[[feeds]]
name = "main"
rss = "rss.xml"
atom = "atom.xml"

[[feeds]]
name = "news"
json = "news.json"
hubs = ["https://a.example/"]

[[feeds]]
name = "quiet"
rss = "quiet.xml"
hubs = []
"#;
        let site = Site::from_str(config, "feeds.toml".as_ref(), "/site".as_ref()).unwrap();
        let hubs = |changed: &[&str]| {
            publishes(&site, |f| changed.contains(&f))
                .into_iter()
                .map(|p| {
                    let files: Vec<String> = p.topics.iter().map(|t| t.file.clone()).collect();
                    (p.hub.to_string(), files.join(" "))
                })
                .collect::<Vec<_>>()
        };
        let pair = |h: &str, f: &str| (h.to_string(), f.to_string());
        assert_eq!(
            hubs(&["atom.xml", "rss.xml", "news.json", "quiet.xml"]),
            [
                pair("https://a.example/", "rss.xml atom.xml news.json"),
                pair("https://b.example/", "rss.xml atom.xml"),
            ]
        );
        assert_eq!(
            hubs(&["news.json"]),
            [pair("https://a.example/", "news.json")]
        );
        assert_eq!(hubs(&["quiet.xml"]), []);
        assert_eq!(
            publishes(&site, |f| f == "news.json")[0].topics[0].url,
            "https://x.org/blog/news.json"
        );
        let with: Vec<&str> = with_hubs(&site).collect();
        assert_eq!(with, ["rss.xml", "atom.xml", "news.json"]);
    }

    const RULE: Retries = Retries {
        retries: 3,
        backoff: Duration::from_secs(1),
    };

    fn status(code: u16) -> Answer {
        Answer::Status {
            code,
            retry_after: None,
        }
    }

    #[test]
    fn any_2xx_is_done_and_4xx_or_3xx_are_final() {
        for code in [200, 202, 204, 299] {
            assert_eq!(next(RULE, 1, &status(code)), Next::Done);
        }
        for code in [400, 403, 404, 410, 301, 308] {
            assert!(
                matches!(next(RULE, 1, &status(code)), Next::GiveUp(_)),
                "{code}"
            );
        }
    }

    #[test]
    fn server_errors_429_and_network_failures_back_off_doubling_until_the_attempts_run_out() {
        for answer in [status(500), status(503), status(429), Answer::Network] {
            let waits: Vec<Next> = (1..=4).map(|n| next(RULE, n, &answer)).collect();
            assert_eq!(
                waits,
                [
                    Next::Retry(Duration::from_secs(1)),
                    Next::Retry(Duration::from_secs(2)),
                    Next::Retry(Duration::from_secs(4)),
                    Next::GiveUp("no attempt left".into()),
                ]
            );
        }
        let many = Retries {
            retries: 100,
            ..RULE
        };
        assert_eq!(next(many, 40, &Answer::Network), Next::Retry(MAX_BACKOFF));
    }

    #[test]
    fn retry_after_is_honoured_up_to_its_cap() {
        let asks = |secs| Answer::Status {
            code: 429,
            retry_after: Some(Duration::from_secs(secs)),
        };
        assert_eq!(next(RULE, 1, &asks(7)), Next::Retry(Duration::from_secs(7)));
        assert_eq!(next(RULE, 1, &asks(60)), Next::Retry(MAX_RETRY_AFTER));
        assert!(matches!(next(RULE, 1, &asks(3600)), Next::GiveUp(why) if why.contains("3600s")));
        assert!(matches!(next(RULE, 4, &asks(1)), Next::GiveUp(_)));
    }

    #[test]
    fn retry_after_reads_seconds_or_a_date_against_the_hubs_own_clock() {
        assert_eq!(retry_after(" 120 ", None), Some(Duration::from_secs(120)));
        assert_eq!(
            retry_after("99999999999999999999999", None),
            Some(Duration::from_secs(u64::MAX))
        );
        let date = Some("Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(
            retry_after("Sun, 06 Nov 1994 08:50:07 GMT", date),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            retry_after("Sun, 06 Nov 1994 08:00:00 GMT", date),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("Sun, 06 Nov 1994 08:50:07 GMT", None), None);
        for bad in ["", "-1", "1.5", "soon"] {
            assert_eq!(retry_after(bad, date), None, "{bad:?}");
        }
    }
}
