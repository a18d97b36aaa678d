//! The rules for JSON Feed 1.1 (and 1.0): a known `version`, a `title`, `items` with unique
//! string ids and content, absolute URLs, RFC 3339 dates, safe HTML and no forbidden
//! characters.
//!
//! serde_json places a syntax error; it keeps no positions in a parsed value, so the raw text
//! is scanned once more ([`Places`]) for where each top-level key and each item starts, and a
//! finding about an item goes on the line of its key (or of the item).

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::{characters, dates, html, urls, Findings};
use crate::diagnostics::Severity;

/// The `version` URLs of the JSON Feed versions there are.
const VERSIONS: [&str; 2] = [
    "https://jsonfeed.org/version/1.1",
    "https://jsonfeed.org/version/1",
];

/// URL fields of the feed and of an item, each with where the rule comes from.
const FEED_URLS: [(&str, &str); 5] = [
    ("home_page_url", "JSON Feed 1.1 (home_page_url)"),
    ("feed_url", "JSON Feed 1.1 (feed_url)"),
    ("next_url", "JSON Feed 1.1 (next_url)"),
    ("icon", "JSON Feed 1.1 (icon)"),
    ("favicon", "JSON Feed 1.1 (favicon)"),
];
const ITEM_URLS: [(&str, &str); 4] = [
    ("url", "JSON Feed 1.1 (url)"),
    ("external_url", "JSON Feed 1.1 (external_url)"),
    ("image", "JSON Feed 1.1 (image)"),
    ("banner_image", "JSON Feed 1.1 (banner_image)"),
];

/// Checks a JSON document as a JSON Feed.
pub(super) fn check(text: &str, findings: &mut Findings) {
    let body = text.trim_start_matches('\u{feff}');
    let bom = text.len() - body.len();
    let doc: Value = match serde_json::from_str(body) {
        Ok(doc) => doc,
        Err(e) => {
            let message = e.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message);
            let rule = format!("not valid JSON: {message}");
            return findings.at(e.line(), e.column(), Severity::Error, rule, "RFC 8259");
        }
    };
    let start = bom + (body.len() - body.trim_start().len());
    let Value::Object(feed) = &doc else {
        return findings.error(start, "a JSON Feed is an object", "JSON Feed 1.1");
    };
    let places = Places::scan(text, start);
    check_feed(feed, &places, findings);
    if let Some(Value::Array(items)) = feed.get("items") {
        let mut ids = HashMap::new();
        for (i, item) in items.iter().enumerate() {
            let at = places.item(i);
            match item {
                Value::Object(item) => check_item(item, at, &mut ids, findings),
                _ => findings.error(at.start, "an item is an object", "JSON Feed 1.1 (items)"),
            }
        }
    }
    for (key, value) in feed.iter().filter(|(k, _)| *k != "items") {
        forbidden_characters([value], places.top.key(key), findings);
    }
}

/// The feed's own fields.
fn check_feed(feed: &Map<String, Value>, places: &Places, findings: &mut Findings) {
    let top = &places.top;
    match feed.get("version") {
        Some(Value::String(v)) if VERSIONS.contains(&v.as_str()) => {}
        Some(v) => findings.error(
            top.key("version"),
            format!("version {v} is not \"{}\"", VERSIONS[0]),
            "JSON Feed 1.1 (version)",
        ),
        None => findings.error(
            top.start,
            "the feed has no version",
            "JSON Feed 1.1 (version)",
        ),
    }
    if !matches!(feed.get("title"), Some(Value::String(_))) {
        let rule = "the feed has no title string";
        findings.error(top.key("title"), rule, "JSON Feed 1.1 (title)");
    }
    if !matches!(feed.get("items"), Some(Value::Array(_))) {
        let rule = "the feed has no items array";
        findings.error(top.key("items"), rule, "JSON Feed 1.1 (items)");
    }
    absolute_urls(feed, &FEED_URLS, "", top, findings);
}

/// One item's fields; `ids` maps each id seen so far to where it is.
fn check_item(
    item: &Map<String, Value>,
    at: &Object,
    ids: &mut HashMap<String, usize>,
    findings: &mut Findings,
) {
    const ID: &str = "JSON Feed 1.1 (id)";
    match item.get("id") {
        Some(Value::String(id)) => match ids.get(id) {
            Some(&first) => {
                let (line, _) = findings.lines.at(first);
                let rule = format!("item id {id:?} is also the id of the item on line {line}");
                findings.error(at.key("id"), rule, ID);
            }
            None => {
                ids.insert(id.clone(), at.key("id"));
            }
        },
        Some(other) => findings.error(at.key("id"), format!("item id {other} is not a string"), ID),
        None => findings.error(at.start, "item has no id", ID),
    }
    if !item.contains_key("content_html") && !item.contains_key("content_text") {
        let rule = "item has neither content_html nor content_text";
        findings.error(at.start, rule, "JSON Feed 1.1 (content_html, content_text)");
    }
    absolute_urls(item, &ITEM_URLS, "item ", at, findings);
    for (key, source) in [
        ("date_published", "JSON Feed 1.1 (date_published)"),
        ("date_modified", "JSON Feed 1.1 (date_modified)"),
    ] {
        if let Some(value) = item.get(key) {
            let text = value.as_str().unwrap_or_default();
            if !dates::is_rfc3339(text) {
                let rule = dates::not_rfc3339(&format!("item {key}"), text);
                findings.error(at.key(key), rule, source);
            }
        }
    }
    if let Some(Value::String(content)) = item.get("content_html") {
        html::check(content, at.key("content_html"), false, findings);
    }
    forbidden_characters(item.values(), at.start, findings);
}

/// Each of `fields` present in `object` must be an absolute http(s) URL.
fn absolute_urls(
    object: &Map<String, Value>,
    fields: &[(&str, &'static str)],
    prefix: &str,
    at: &Object,
    findings: &mut Findings,
) {
    for &(key, source) in fields {
        if let Some(value) = object.get(key) {
            let text = value.as_str().unwrap_or_default();
            if !urls::is_absolute_http(text) {
                let rule = urls::not_absolute(&format!("{prefix}{key}"), text);
                findings.error(at.key(key), rule, source);
            }
        }
    }
}

/// Reports at `at` the first forbidden character in any string of `values`.
fn forbidden_characters<'v>(
    values: impl IntoIterator<Item = &'v Value>,
    at: usize,
    findings: &mut Findings,
) {
    let mut stack: Vec<&Value> = values.into_iter().collect();
    while let Some(v) = stack.pop() {
        match v {
            Value::String(s) if characters::check_decoded(s, at, findings) => return,
            Value::Array(a) => stack.extend(a),
            Value::Object(o) => stack.extend(o.values()),
            _ => {}
        }
    }
}

/// Where the parts of a JSON object start in the text.
#[derive(Debug, Default)]
struct Object {
    /// The object's `{`.
    start: usize,
    /// Each key's opening quote (the first, if a key repeats).
    keys: HashMap<String, usize>,
}

impl Object {
    /// A value at `start` with no keys.
    fn at(start: usize) -> Object {
        Object {
            start,
            keys: HashMap::new(),
        }
    }

    /// Where `key` is, or the object's start when it has no such key.
    fn key(&self, key: &str) -> usize {
        self.keys.get(key).copied().unwrap_or(self.start)
    }
}

/// Where the feed object, its keys and its items start in the text.
#[derive(Debug)]
struct Places {
    top: Object,
    items: Vec<Object>,
    /// Where an item the scan did not find is placed: the feed's start.
    fallback: Object,
}

impl Places {
    /// Scans valid JSON `text` whose root object starts at byte `start`.
    fn scan(text: &str, start: usize) -> Places {
        let scanner = Scanner {
            b: text.as_bytes(),
            text,
        };
        let (top, values) = scanner.object(start);
        let items = values
            .get("items")
            .filter(|&&v| scanner.b[v] == b'[')
            .map(|&v| scanner.elements(v))
            .unwrap_or_default()
            .into_iter()
            .map(|e| match scanner.b[e] {
                b'{' => scanner.object(e).0,
                _ => Object::at(e),
            })
            .collect();
        Places {
            top,
            items,
            fallback: Object::at(start),
        }
    }

    /// Where item `i` is.
    fn item(&self, i: usize) -> &Object {
        self.items.get(i).unwrap_or(&self.fallback)
    }
}

/// A walk over JSON text already known to be valid.
struct Scanner<'t> {
    b: &'t [u8],
    text: &'t str,
}

impl Scanner<'_> {
    /// The object at `start` (its `{`): where it and its keys are, and where each value starts.
    fn object(&self, start: usize) -> (Object, HashMap<String, usize>) {
        let mut object = Object::at(start);
        let mut values = HashMap::new();
        let mut i = self.blank(start + 1);
        while self.b[i] == b'"' {
            let end = self.skip(i);
            let key: String = serde_json::from_str(&self.text[i..end]).unwrap_or_default();
            let value = self.blank(self.blank(end) + 1);
            object.keys.entry(key.clone()).or_insert(i);
            values.entry(key).or_insert(value);
            i = self.blank(self.skip(value));
            if self.b[i] == b',' {
                i = self.blank(i + 1);
            }
        }
        (object, values)
    }

    /// Where each element of the array at `start` (its `[`) starts.
    fn elements(&self, start: usize) -> Vec<usize> {
        let mut found = Vec::new();
        let mut i = self.blank(start + 1);
        while self.b[i] != b']' {
            found.push(i);
            i = self.blank(self.skip(i));
            if self.b[i] == b',' {
                i = self.blank(i + 1);
            }
        }
        found
    }

    /// The first byte at or after `i` that is not white space.
    fn blank(&self, mut i: usize) -> usize {
        while i < self.b.len() && matches!(self.b[i], b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
        }
        i
    }

    /// The byte after the value starting at `i`.
    fn skip(&self, mut i: usize) -> usize {
        let mut depth = 0usize;
        loop {
            match self.b[i] {
                b'"' => {
                    i += 1;
                    while self.b[i] != b'"' {
                        i += if self.b[i] == b'\\' { 2 } else { 1 };
                    }
                    i += 1;
                }
                b'{' | b'[' => {
                    depth += 1;
                    i += 1;
                }
                b'}' | b']' => {
                    depth -= 1;
                    i += 1;
                }
                _ if depth == 0 => {
                    while i < self.b.len() && !b",}] \t\r\n".contains(&self.b[i]) {
                        i += 1;
                    }
                    return i;
                }
                _ => i += 1,
            }
            if depth == 0 {
                return i;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{found, rules};
    use super::*;

    const ITEM: &str = r#"{"id": "a", "url": "https://x.org/a/", "content_html": "<p>a</p>", "date_published": "2026-03-10T12:00:00+02:00"}"#;

    fn feed(items: &str) -> String {
        format!(
            "{{\n  \"version\": \"https://jsonfeed.org/version/1.1\",\n  \"title\": \"T\",\n  \
             \"home_page_url\": \"https://x.org/\",\n  \"items\": [\n    {items}\n  ]\n}}\n"
        )
    }

    #[test]
    fn a_good_feed_has_no_finding() {
        assert_eq!(found(&feed(ITEM)), []);
        assert_eq!(found(&feed(ITEM).replace("version/1.1", "version/1")), []);
    }

    #[test]
    fn ids_are_unique_strings() {
        let twice = feed(&format!("{ITEM},\n    {ITEM}"));
        assert_eq!(
            found(&twice),
            [(
                7,
                6,
                Severity::Error,
                "item id \"a\" is also the id of the item on line 6".into(),
                "JSON Feed 1.1 (id)"
            )]
        );
        let number = feed(&ITEM.replace("\"id\": \"a\"", "\"id\": 1"));
        assert_eq!(rules(&number), ["item id 1 is not a string"]);
        let none = feed(&ITEM.replace("\"id\": \"a\", ", ""));
        assert_eq!(rules(&none), ["item has no id"]);
    }

    #[test]
    fn the_feed_has_a_version_a_title_and_items() {
        assert_eq!(
            rules("{\"version\": \"https://jsonfeed.org/version/2\"}"),
            [
                "the feed has no title string",
                "the feed has no items array",
                "version \"https://jsonfeed.org/version/2\" is not \"https://jsonfeed.org/version/1.1\"",
            ]
        );
        assert_eq!(rules("[1]"), ["a JSON Feed is an object"]);
        assert_eq!(
            rules("{}").first().map(String::as_str),
            Some("the feed has no version")
        );
    }

    #[test]
    fn items_have_content_absolute_urls_and_rfc_3339_dates() {
        let item = r#"{"id": "a", "url": "/a/", "date_modified": "2026-03-10"}"#;
        assert_eq!(
            rules(&feed(item)),
            [
                "item has neither content_html nor content_text",
                "item url \"/a/\" is not an absolute http(s) URL",
                "item date_modified \"2026-03-10\" is not an RFC 3339 date such as \"2026-03-10T12:00:00+02:00\"",
            ]
        );
        let feed_url = feed(ITEM).replace("https://x.org/\"", "x.org\"");
        assert_eq!(
            rules(&feed_url),
            ["home_page_url \"x.org\" is not an absolute http(s) URL"]
        );
    }

    #[test]
    fn html_and_characters_are_checked() {
        let item = ITEM.replace("<p>a</p>", "<p onclick=\\\"x()\\\">a\\u0085</p>");
        let f = found(&feed(&item));
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(f[0].3, "forbidden character U+0085");
        assert_eq!(f[1].3, "content has event handler onclick on <p>");
    }

    #[test]
    fn a_syntax_error_is_placed() {
        assert_eq!(
            found("{\n  \"version\": 1,\n}"),
            [(
                3,
                1,
                Severity::Error,
                "not valid JSON: trailing comma".into(),
                "RFC 8259"
            )]
        );
    }

    #[test]
    fn the_scan_finds_keys_and_items_past_nested_values_and_escapes() {
        let text = "\u{feff} {\"a\": {\"x\": [1, \"]\\\"}\"]}, \"items\" : [ {\"id\":\"1\"} , 2 ]}";
        let start = text.find('{').unwrap();
        let places = Places::scan(text, start);
        assert_eq!(places.top.key("a"), start + 1);
        assert_eq!(places.top.key("items"), text.find("\"items\"").unwrap());
        assert_eq!(places.items.len(), 2);
        assert_eq!(places.items[0].key("id"), text.find("\"id\"").unwrap());
        assert_eq!(places.items[1].start, text.find("2 ]").unwrap());
    }
}
