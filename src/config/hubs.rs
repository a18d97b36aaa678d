//! `hubs`: the WebSub hubs a feed names (W3C WebSub, section 4), in `[site]` for every feed or
//! in a `[[feeds]]` table for that feed alone.
//!
//! A feed's own `hubs` replaces the site's, so `hubs = []` in one feed opts it out. Each hub is
//! an absolute http(s) URL held to the rules of [`crate::address::web`] (a host, written in full,
//! no user name or password, no control characters): readers POST their subscriptions to it
//! and `feedwright ping` POSTs there. A hub named twice in one list is an error (the feed would
//! say it twice and the hub would hear every ping twice). Problems are placed on the line of the
//! URL, also when many `[[feeds]]` tables set `hubs`.

use url::Url;

use crate::address::{self, Field};
use crate::diagnostics::Problems;

/// Validates one `hubs` list (`which`: `[site]` or `feed "name"`, for messages); `None` when
/// absent. Refused URLs are reported and left out.
pub(crate) fn hubs(
    raw: Option<&[toml::Spanned<String>]>,
    which: &str,
    problems: &mut Problems<'_>,
) -> Option<Vec<Url>> {
    let raw = raw?;
    let mut hubs: Vec<Url> = Vec::with_capacity(raw.len());
    for written in raw {
        let offset = written.span().start;
        let text = written.get_ref().trim();
        match address::web(text) {
            Ok(url) if hubs.contains(&url) => problems.error_at(
                offset,
                format!("{which}: hub {text:?} is listed twice"),
                "list each hub once",
            ),
            Ok(url) => hubs.push(url),
            Err(refusal) => {
                let field = Field {
                    key: "hubs",
                    name: &format!("{which}: hub"),
                    malformed: "is not an absolute http(s) URL",
                    scheme: "is not an absolute http(s) URL",
                    hint: "write the hub's URL in full, e.g. hubs = [\"https://pubsubhubbub.appspot.com/\"]",
                };
                let (message, hint) = field.describe(text, &refusal);
                problems.error_at(offset, message, hint);
            }
        }
    }
    Some(hubs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// The hubs of `text` (a `hubs = [...]` line) and the problems' messages with their lines.
    fn read(text: &str) -> (Option<Vec<String>>, Vec<String>) {
        #[derive(serde::Deserialize)]
        struct T {
            hubs: Vec<toml::Spanned<String>>,
        }
        let t: T = toml::from_str(text).unwrap();
        let mut problems = Problems::new(Path::new("feeds.toml")).keys_in(text, 1);
        let hubs = hubs(Some(&t.hubs), "[site]", &mut problems);
        let hubs = hubs.map(|h| h.iter().map(Url::to_string).collect());
        (
            hubs,
            problems.into_vec().iter().map(|d| d.to_string()).collect(),
        )
    }

    #[test]
    fn absolute_http_and_https_urls_are_hubs() {
        let (hubs, problems) =
            read("hubs = [\"https://hub.example/\", \"http://127.0.0.1:8080/hub\"]");
        assert_eq!(problems, Vec::<String>::new());
        assert_eq!(
            hubs.unwrap(),
            ["https://hub.example/", "http://127.0.0.1:8080/hub"]
        );
    }

    #[test]
    fn anything_else_is_refused_on_its_own_line() {
        let text = "hubs = [\n  \"hub.example\",\n  \"ftp://hub.example/\",\n  \"https://u:p@hub.example/\",\n  \"https://hub.example/\",\n  \"https://hub.example/\",\n]";
        let (hubs, problems) = read(text);
        assert_eq!(hubs.unwrap(), ["https://hub.example/"]);
        assert_eq!(problems.len(), 4, "{problems:#?}");
        assert!(
            problems[0].starts_with(
                "feeds.toml:2:1: error: [site]: hub \"hub.example\" is not an absolute http(s) URL"
            ),
            "{}",
            problems[0]
        );
        assert!(problems[1].starts_with("feeds.toml:3:1: error: [site]: hub \"ftp://hub.example/\" is not an absolute http(s) URL"), "{}", problems[1]);
        assert!(problems[2].starts_with("feeds.toml:4:1: error: [site]: hub \"https://u:p@hub.example/\" carries a user name or password"), "{}", problems[2]);
        assert!(
            problems[3].starts_with(
                "feeds.toml:6:1: error: [site]: hub \"https://hub.example/\" is listed twice"
            ),
            "{}",
            problems[3]
        );
    }
}
