//! The rules for RSS 2.0: the spec's required elements, RFC 822 dates with four-digit years,
//! one `atom:link rel="self"`, absolute links, honest `guid`s, e-mail addresses where the spec
//! wants them, and the RSS Best Practices Profile's advice on encoding text.

use roxmltree::Node;

use super::dates::{self, Rfc822};
use super::xml::{self, ATOM, CONTENT, DC};
use super::{html, urls, Findings};

/// Checks an `<rss>` document.
pub(super) fn check(root: Node, findings: &mut Findings) {
    let mut channels = xml::children(root, None, "channel");
    let Some(channel) = channels.next() else {
        let rule = "<rss> has no <channel>";
        return findings.error(root.range().start, rule, "RSS 2.0 spec (channel)");
    };
    if let Some(second) = channels.next() {
        let rule = "<rss> has more than one <channel>";
        findings.error(second.range().start, rule, "RSS 2.0 spec (channel)");
    }
    check_channel(channel, findings);
    super::history::check(channel, findings);
    for item in xml::children(channel, None, "item") {
        check_item(item, findings);
    }
}

/// The channel's own elements.
fn check_channel(channel: Node, findings: &mut Findings) {
    const REQUIRED: &str = "RSS 2.0 spec (required channel elements)";
    xml::one(channel, None, "title", REQUIRED, findings);
    xml::one(channel, None, "description", REQUIRED, findings);
    if let Some(link) = xml::one(channel, None, "link", REQUIRED, findings) {
        absolute_link(link, "channel link", findings);
    }
    if let Some(second) = xml::children(channel, None, "language").nth(1) {
        let rule = "<channel> has more than one <language>";
        findings.error(second.range().start, rule, "RSS 2.0 spec (language)");
    }
    self_link(channel, findings);
    for name in ["managingEditor", "webMaster"] {
        e_mail(channel, name, findings);
    }
    for name in ["pubDate", "lastBuildDate"] {
        date(channel, name, findings);
    }
    plain_text(channel, findings);
}

/// One item's elements.
fn check_item(item: Node, findings: &mut Findings) {
    let has = |name| xml::children(item, None, name).next().is_some();
    if !has("title") && !has("description") {
        let rule = "<item> has neither <title> nor <description>";
        findings.error(item.range().start, rule, "RSS 2.0 spec (item)");
    }
    let link = xml::children(item, None, "link").next();
    if let Some(link) = link {
        absolute_link(link, "item link", findings);
    }
    for enclosure in xml::children(item, None, "enclosure") {
        let url = enclosure.attribute("url").unwrap_or("");
        if !urls::is_absolute_http(url) {
            let rule = urls::not_absolute("enclosure url", url);
            let at = xml::attribute_start(enclosure, "url");
            findings.error(at, rule, "RSS 2.0 spec (enclosure)");
        }
    }
    match xml::children(item, None, "guid").next() {
        Some(guid) => check_guid(guid, link, findings),
        None => findings.warning(
            item.range().start,
            "<item> has no <guid>; readers tell items apart by it",
            "RSS Best Practices Profile (guid)",
        ),
    }
    date(item, "pubDate", findings);
    e_mail(item, "author", findings);
    let html = xml::children(item, None, "description").chain(xml::children(
        item,
        Some(CONTENT),
        "encoded",
    ));
    for element in html {
        html::check(
            &xml::text(element),
            xml::text_start(element),
            true,
            findings,
        );
    }
    plain_text(item, findings);
}

/// `link` must be an absolute http(s) URL.
fn absolute_link(link: Node, what: &str, findings: &mut Findings) {
    let value = xml::text(link);
    if !urls::is_absolute_http(&value) {
        let rule = urls::not_absolute(what, &value);
        findings.error(xml::text_start(link), rule, "RSS 2.0 spec (link)");
    }
}

/// A `guid` is a permalink unless it says `isPermaLink="false"`; a permalink must be an
/// absolute URL, and should be the item's link (when that is absolute: a relative one is
/// reported as such).
fn check_guid(guid: Node, link: Option<Node>, findings: &mut Findings) {
    const SOURCE: &str = "RSS 2.0 spec (guid)";
    if guid
        .attribute("isPermaLink")
        .is_some_and(|v| v.trim() == "false")
    {
        return;
    }
    let value = xml::text(guid);
    let value = value.trim();
    let at = xml::text_start(guid);
    if !urls::is_absolute_http(value) {
        let rule = format!(
            "guid {value:?} is a permalink (isPermaLink is true unless it says \"false\") but \
             not an absolute http(s) URL; add isPermaLink=\"false\""
        );
        return findings.error(at, rule, SOURCE);
    }
    let link = link.map(xml::text);
    let link = link.as_deref().map(str::trim);
    if let Some(link) = link.filter(|l| *l != value && urls::is_absolute_http(l)) {
        let rule = format!(
            "guid {value:?} is a permalink but not the item's link {link:?}; add \
             isPermaLink=\"false\" unless it is the item's URL"
        );
        findings.warning(at, rule, SOURCE);
    }
}

/// Exactly one `atom:link rel="self"`, with an absolute URL: where the feed lives.
fn self_link(channel: Node, findings: &mut Findings) {
    const SOURCE: &str = "RSS Best Practices Profile (atom:link)";
    let mut selfs = xml::children(channel, Some(ATOM), "link")
        .filter(|l| l.attribute("rel").is_some_and(|r| r.trim() == "self"));
    let Some(first) = selfs.next() else {
        let rule = "<channel> has no <atom:link rel=\"self\"> giving the feed's own URL";
        return findings.warning(channel.range().start, rule, SOURCE);
    };
    if let Some(second) = selfs.next() {
        let rule = "<channel> has more than one <atom:link rel=\"self\">";
        findings.error(second.range().start, rule, SOURCE);
    }
    let href = first.attribute("href").unwrap_or("");
    if !urls::is_absolute_http(href) {
        let rule = urls::not_absolute("atom:link rel=\"self\" href", href);
        findings.error(xml::attribute_start(first, "href"), rule, SOURCE);
    }
}

/// Elements the spec says hold an e-mail address (`author`, `managingEditor`, `webMaster`).
fn e_mail(parent: Node, name: &str, findings: &mut Findings) {
    for element in xml::children(parent, None, name) {
        let value = xml::text(element);
        if !value.contains('@') {
            let rule = format!(
                "{name} {:?} is not an e-mail address; put a name in dc:creator",
                value.trim()
            );
            let source = match name {
                "author" => "RSS 2.0 spec (author)",
                "managingEditor" => "RSS 2.0 spec (managingEditor)",
                _ => "RSS 2.0 spec (webMaster)",
            };
            findings.warning(xml::text_start(element), rule, source);
        }
    }
}

/// RFC 822 dates with a four-digit year in every `name` child of `parent`.
fn date(parent: Node, name: &str, findings: &mut Findings) {
    for element in xml::children(parent, None, name) {
        let value = xml::text(element);
        let at = xml::text_start(element);
        match dates::rfc822(&value) {
            None => {}
            Some(Rfc822::TwoDigitYear) => findings.error(
                at,
                format!("{name} {:?} has a 2-digit year", value.trim()),
                "RSS Best Practices Profile (dates); RFC 1123 §5.2.14",
            ),
            Some(Rfc822::Invalid) => findings.error(
                at,
                dates::not_rfc822(name, value.trim()),
                match name {
                    "pubDate" => "RSS 2.0 spec (pubDate)",
                    _ => "RSS 2.0 spec (lastBuildDate)",
                },
            ),
        }
    }
}

/// Plain-text elements should write `&` and `<` as `&#x26;` and `&#x3C;`, which no reader
/// mistakes for HTML, rather than `&amp;` and `&lt;`.
fn plain_text(parent: Node, findings: &mut Findings) {
    let text = findings.text();
    let plain = parent.children().filter(|c| {
        ["title", "category", "copyright"]
            .iter()
            .any(|name| xml::is(*c, None, name))
            || xml::is(*c, Some(DC), "creator")
    });
    for element in plain {
        for node in element.children().filter(Node::is_text) {
            let range = node.range();
            if let Some(i) = named_escape(&text[range.clone()]) {
                let rule = format!(
                    "<{}> escapes & or < as a named entity; write &#x26; and &#x3C;",
                    xml::name(element)
                );
                findings.warning(
                    range.start + i,
                    rule,
                    "RSS Best Practices Profile (encoding)",
                );
            }
        }
    }
}

/// The offset of the first `&amp;` or `&lt;` in raw XML text outside CDATA sections.
fn named_escape(raw: &str) -> Option<usize> {
    let mut i = 0;
    while i < raw.len() {
        let rest = &raw[i..];
        if rest.starts_with("<![CDATA[") {
            i += rest.find("]]>").map_or(rest.len(), |e| e + 3);
        } else if rest.starts_with("&amp;") || rest.starts_with("&lt;") {
            return Some(i);
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::testing::{found, rules};
    use crate::diagnostics::Severity;

    /// A channel with `items` inside, and everything a channel needs.
    fn feed(items: &str) -> String {
        format!(
            "<?xml version=\"1.0\"?>\n\
             <rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n\
             <channel>\n\
             <title>T</title>\n\
             <link>https://x.org/</link>\n\
             <description>D</description>\n\
             <atom:link href=\"https://x.org/rss.xml\" rel=\"self\"/>\n\
             {items}\n\
             </channel>\n\
             </rss>\n"
        )
    }

    fn item(body: &str) -> String {
        feed(&format!("<item>{body}</item>"))
    }

    const GOOD_ITEM: &str = "<title>A &#x26; B</title><link>https://x.org/a/</link>\
        <guid isPermaLink=\"false\">tag:x.org,2026:a</guid>\
        <pubDate>Tue, 10 Mar 2026 12:00:00 +0200</pubDate>\
        <description><![CDATA[<p>See <a href=\"https://x.org/b/\">b</a>.</p>]]></description>";

    #[test]
    fn a_good_feed_has_no_finding() {
        assert_eq!(found(&item(GOOD_ITEM)), []);
    }

    #[test]
    fn dates_are_rfc_822_with_a_four_digit_year() {
        let two = item("<title>a</title><guid>https://x.org/a</guid><pubDate>Tue, 10 Mar 26 12:00:00 +0200</pubDate>");
        assert_eq!(
            found(&two),
            [(
                8,
                60,
                Severity::Error,
                "pubDate \"Tue, 10 Mar 26 12:00:00 +0200\" has a 2-digit year".into(),
                "RSS Best Practices Profile (dates); RFC 1123 §5.2.14"
            )]
        );
        let iso = feed("<lastBuildDate>2026-03-10</lastBuildDate>");
        assert_eq!(
            rules(&iso),
            ["lastBuildDate \"2026-03-10\" is not an RFC 822 date such as \"Tue, 10 Mar 2026 12:00:00 +0200\""]
        );
    }

    #[test]
    fn links_are_absolute() {
        let rel = item("<title>a</title><link>/a/</link><guid isPermaLink=\"false\">1</guid>");
        assert_eq!(
            found(&rel),
            [(
                8,
                29,
                Severity::Error,
                "item link \"/a/\" is not an absolute http(s) URL".into(),
                "RSS 2.0 spec (link)"
            )]
        );
        let enclosure = item("<title>a</title><guid isPermaLink=\"false\">1</guid><enclosure url=\"a.mp3\" length=\"1\" type=\"audio/mpeg\"/>");
        assert_eq!(
            rules(&enclosure),
            ["enclosure url \"a.mp3\" is not an absolute http(s) URL"]
        );
        let channel = feed("").replace("https://x.org/</link>", "x.org</link>");
        assert_eq!(
            rules(&channel),
            ["channel link \"x.org\" is not an absolute http(s) URL"]
        );
    }

    #[test]
    fn a_guid_is_a_permalink_unless_it_says_otherwise() {
        let id = item("<title>a</title><guid>tag:x.org,2026:a</guid>");
        let f = found(&id);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].2, Severity::Error);
        assert!(
            f[0].3
                .starts_with("guid \"tag:x.org,2026:a\" is a permalink"),
            "{f:?}"
        );
        let other =
            item("<title>a</title><link>https://x.org/a/</link><guid>https://x.org/?p=1</guid>");
        let f = found(&other);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].2, Severity::Warning);
        assert_eq!(
            f[0].3,
            "guid \"https://x.org/?p=1\" is a permalink but not the item's link \
             \"https://x.org/a/\"; add isPermaLink=\"false\" unless it is the item's URL"
        );
        let same = item("<title>a</title><link>https://x.org/a/</link><guid isPermaLink=\"true\">https://x.org/a/</guid>");
        assert_eq!(found(&same), []);
        let relative = item("<title>a</title><link>/a/</link><guid>https://x.org/a/</guid>");
        assert_eq!(
            rules(&relative),
            ["item link \"/a/\" is not an absolute http(s) URL"],
            "the link is at fault, not the guid"
        );
        let none = item("<title>a</title>");
        assert_eq!(
            rules(&none),
            ["<item> has no <guid>; readers tell items apart by it"]
        );
    }

    #[test]
    fn the_channel_has_its_required_elements_and_one_self_link() {
        let bare = "<rss version=\"2.0\"><channel><title>T</title><title>U</title></channel></rss>";
        assert_eq!(
            rules(bare),
            [
                "<channel> has no <description>",
                "<channel> has no <link>",
                "<channel> has no <atom:link rel=\"self\"> giving the feed's own URL",
                "<channel> has more than one <title>",
            ]
        );
        let two = feed("<atom:link href=\"rss.xml\" rel=\"self\"/><language>en</language><language>fi</language>");
        assert_eq!(
            rules(&two),
            [
                "<channel> has more than one <atom:link rel=\"self\">",
                "<channel> has more than one <language>",
            ]
        );
        assert_eq!(rules("<rss/>"), ["<rss> has no <channel>"]);
    }

    #[test]
    fn author_is_an_e_mail_address() {
        let name =
            item("<title>a</title><guid isPermaLink=\"false\">1</guid><author>Jo Writer</author>");
        let f = found(&name);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].2, Severity::Warning);
        assert_eq!(
            f[0].3,
            "author \"Jo Writer\" is not an e-mail address; put a name in dc:creator"
        );
        let mail = item(
            "<title>a</title><guid isPermaLink=\"false\">1</guid><author>jo@x.org (Jo)</author>",
        );
        assert_eq!(found(&mail), []);
    }

    #[test]
    fn content_is_safe_and_absolute() {
        let html = item(
            "<title>a</title><guid isPermaLink=\"false\">1</guid>\
             <description>&lt;img src=\"i.png\"&gt;</description>\
             <content:encoded xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><![CDATA[<p>\n<script>x</script></p>]]></content:encoded>",
        );
        let f = found(&html);
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(f[0].3, "content has a relative URL in src: \"i.png\"");
        assert_eq!(f[1].3, "content contains <script>");
        assert_eq!((f[1].0, f[1].1), (9, 1), "on the fragment's own line");
        let neither = item("<link>https://x.org/a/</link><guid>https://x.org/a/</guid>");
        assert_eq!(
            rules(&neither),
            ["<item> has neither <title> nor <description>"]
        );
    }

    #[test]
    fn plain_text_escapes_are_hexadecimal_references() {
        let named = item("<title>R&amp;D</title><guid isPermaLink=\"false\">1</guid><dc:creator>A &lt;B&gt;</dc:creator><category><![CDATA[R&amp;D]]></category>");
        let f = found(&named);
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(f[0].2, Severity::Warning);
        assert_eq!(
            f[0].3,
            "<title> escapes & or < as a named entity; write &#x26; and &#x3C;"
        );
        assert_eq!(
            f[1].3,
            "<dc:creator> escapes & or < as a named entity; write &#x26; and &#x3C;"
        );
    }
}
