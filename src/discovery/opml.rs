//! The OPML 2.0 subscription list of a site's feeds (<https://opml.org/spec2.opml>): what a
//! person imports into a feed reader to follow every feed of the site at once.
//!
//! One `<outline type="rss">` per feed, not per file: a reader subscribes to each outline's
//! `xmlUrl`, and a feed published in three formats is one feed, which an import should not
//! subscribe to three times. The file chosen is the feed's RSS, else its Atom, else its JSON
//! Feed ([`Subscription::preferred`]); every format stays listed for browsers in `links`.
//! The list is written with quick-xml (which escapes every attribute) and holds no date: it
//! depends on `feeds.toml` alone, so it is the same bytes until the config changes.

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use super::{feeds, labels, opml_title, Subscription};
use crate::config::Site;

/// The media type of an OPML file (`rel="outline"` links).
pub const MEDIA_TYPE: &str = "text/x-opml";

/// The OPML document listing every feed of `site`.
pub fn render(site: &Site) -> Vec<u8> {
    let feeds = feeds(site);
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let written = write(&mut w, site, &feeds);
    written.expect("writing to memory cannot fail");
    let mut out = w.into_inner();
    out.push(b'\n');
    out
}

/// Writes the document to `w`.
fn write(w: &mut Writer<Vec<u8>>, site: &Site, feeds: &[Subscription<'_>]) -> std::io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    w.create_element("opml")
        .with_attribute(("version", "2.0"))
        .write_inner_content(|w| {
            w.create_element("head").write_inner_content(|w| {
                let title = opml_title(site);
                text(w, "title", &title)?;
                text(w, "ownerName", &site.author.name)?;
                if let Some(email) = &site.author.email {
                    text(w, "ownerEmail", email)?;
                }
                text(w, "docs", "https://opml.org/spec2.opml")
            })?;
            w.create_element("body").write_inner_content(|w| {
                for (f, (label, _)) in feeds.iter().zip(labels(feeds)) {
                    let (_, url) = f.preferred();
                    let mut outline = w
                        .create_element("outline")
                        .with_attribute(("type", "rss"))
                        .with_attribute(("text", label.as_str()))
                        .with_attribute(("title", label.as_str()))
                        .with_attribute(("xmlUrl", url.as_str()))
                        .with_attribute(("htmlUrl", site.url.as_str()))
                        .with_attribute(("description", f.description));
                    if let Some(language) = &site.language {
                        outline = outline.with_attribute(("language", language.as_str()));
                    }
                    outline.write_empty()?;
                }
                Ok(())
            })?;
            Ok(())
        })?;
    Ok(())
}

/// `<name>value</name>`.
fn text(w: &mut Writer<Vec<u8>>, name: &str, value: &str) -> std::io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(value))
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const CONFIG: &str = r#"
[site]
title = "Log & <Co>"
url = "https://x.org/blog/"
description = "D"
language = "en"
author = { name = "A \"B\"", email = "a@x.org" }

[[feeds]]
name = "main"
description = "Everything"
rss = "rss.xml"
atom = "atom.xml"

[[feeds]]
name = "ships"
title = "Ships"
json = "ships/feed.json"
"#;

    fn site() -> Site {
        Site::from_str(CONFIG, Path::new("feeds.toml"), Path::new("/nonexistent")).unwrap()
    }

    #[test]
    fn one_outline_per_feed_with_its_preferred_file_escaped_and_no_date() {
        let text = String::from_utf8(render(&site())).unwrap();
        assert_eq!(
            text,
            r#"<?xml version="1.0" encoding="utf-8"?>
<opml version="2.0">
  <head>
    <title>Log &amp; &lt;Co&gt;: all feeds</title>
    <ownerName>A &quot;B&quot;</ownerName>
    <ownerEmail>a@x.org</ownerEmail>
    <docs>https://opml.org/spec2.opml</docs>
  </head>
  <body>
    <outline type="rss" text="Log &amp; &lt;Co&gt;" title="Log &amp; &lt;Co&gt;" xmlUrl="https://x.org/blog/rss.xml" htmlUrl="https://x.org/blog/" description="Everything" language="en"/>
    <outline type="rss" text="Ships" title="Ships" xmlUrl="https://x.org/blog/ships/feed.json" htmlUrl="https://x.org/blog/" description="D" language="en"/>
  </body>
</opml>
"#
        );
        let doc = roxmltree::Document::parse(&text).unwrap();
        let outlines: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("outline"))
            .map(|n| n.attribute("text").unwrap().to_string())
            .collect();
        assert_eq!(outlines, ["Log & <Co>", "Ships"]);
    }

    #[test]
    fn links_name_every_file_with_its_type_and_a_distinct_title() {
        let mut site = site();
        site.opml = Some("feeds.opml".into());
        assert_eq!(
            crate::discovery::links(&site),
            "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Log &amp; &lt;Co&gt; (RSS)\" href=\"https://x.org/blog/rss.xml\">\n\
             <link rel=\"alternate\" type=\"application/atom+xml\" title=\"Log &amp; &lt;Co&gt; (Atom)\" href=\"https://x.org/blog/atom.xml\">\n\
             <link rel=\"alternate\" type=\"application/feed+json\" title=\"Ships\" href=\"https://x.org/blog/ships/feed.json\">\n\
             <link rel=\"outline\" type=\"text/x-opml\" title=\"Log &amp; &lt;Co&gt;: all feeds\" href=\"https://x.org/blog/feeds.opml\">\n"
        );
    }
}
