//! The browser preview of a feed (`[site] preview`): what a person sees who clicks a feed link.
//!
//! A browser shows an RSS or Atom file as raw XML, or downloads it, which tells a newcomer
//! nothing. With `preview = "xslt"` each RSS and Atom document carries an `xml-stylesheet`
//! processing instruction naming one small XSLT 1.0 stylesheet, written beside the feeds, that
//! turns either format into a readable page: what a feed is, how to subscribe, the feed's title
//! and its entries. Browsers are removing XSLT, so `preview = "css"` names a CSS stylesheet
//! instead, which styles the XML as it is (no transformation) and keeps working. JSON Feed has
//! no such instruction and never gets one. The stylesheets load nothing else (no fonts, images
//! or scripts): the page works offline and tracks no one.
//!
//! The instruction's `href` is root-relative (`/blog/feed-preview.xsl` for a site at
//! `https://example.org/blog/`): browsers apply an XSLT stylesheet only from the document's own
//! origin, and a root-relative path is same-origin however the feed was reached (`www.` or not,
//! http or https, a local preview server, a rewrite serving `/feed` from `/rss.xml`), while a
//! relative one would break under such a rewrite and an absolute one under every other host
//! name. It assumes what the feeds' self links already do: the output folder is served at the
//! site URL's path.

use crate::text::escape_html;

/// `[site] preview`: which stylesheet RSS and Atom documents name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preview {
    /// An XSLT 1.0 stylesheet making a readable HTML page.
    Xslt,
    /// A CSS stylesheet styling the XML as it is.
    Css,
}

impl Preview {
    /// The mode named `name` in `feeds.toml`: `Some(None)` for `"none"`, `None` if unknown.
    pub fn parse(name: &str) -> Option<Option<Preview>> {
        match name {
            "xslt" => Some(Some(Preview::Xslt)),
            "css" => Some(Some(Preview::Css)),
            "none" => Some(None),
            _ => None,
        }
    }

    /// The stylesheet's file, at the root of the output folder.
    pub fn file(self) -> &'static str {
        match self {
            Preview::Xslt => "feed-preview.xsl",
            Preview::Css => "feed-preview.css",
        }
    }

    /// The `type` of the processing instruction.
    pub fn media_type(self) -> &'static str {
        match self {
            Preview::Xslt => "text/xsl",
            Preview::Css => "text/css",
        }
    }

    /// The stylesheet itself.
    pub fn stylesheet(self) -> &'static str {
        match self {
            Preview::Xslt => XSLT,
            Preview::Css => CSS,
        }
    }
}

/// The XSLT 1.0 stylesheet: RSS 2.0 or Atom 1.0 in, a self-contained HTML page out.
pub const XSLT: &str = include_str!("preview/feed-preview.xsl");
/// The CSS stylesheet: RSS 2.0 or Atom 1.0 styled as they are.
pub const CSS: &str = include_str!("preview/feed-preview.css");

/// The stylesheet a site's RSS and Atom documents name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stylesheet {
    /// XSLT or CSS.
    pub preview: Preview,
    /// Root-relative URL path of the stylesheet, percent-encoded (see the module doc).
    pub href: String,
}

impl Stylesheet {
    /// `<?xml-stylesheet type="..." href="..."?>`.
    pub fn instruction(&self) -> String {
        format!(
            "<?xml-stylesheet type=\"{}\" href=\"{}\"?>",
            self.preview.media_type(),
            escape_html(&self.href)
        )
    }
}

/// `doc` (an RSS or Atom document as its crate wrote it) with the instruction naming
/// `stylesheet` on its own line after the XML declaration; `doc` unchanged without one. Exact:
/// the declaration is the first `?>` of a document its crate wrote.
pub fn insert(stylesheet: Option<&Stylesheet>, mut doc: Vec<u8>) -> Vec<u8> {
    let Some(stylesheet) = stylesheet else {
        return doc;
    };
    let instruction = stylesheet.instruction();
    let (at, line) = match doc.windows(2).position(|w| w == b"?>") {
        Some(end) => (end + 2, format!("\n{instruction}")),
        None => (0, format!("{instruction}\n")),
    };
    doc.splice(at..at, line.into_bytes());
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(preview: Preview, href: &str) -> Stylesheet {
        Stylesheet {
            preview,
            href: href.into(),
        }
    }

    #[test]
    fn the_instruction_goes_on_its_own_line_after_the_declaration() {
        let rss = b"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"/>".to_vec();
        let s = sheet(Preview::Xslt, "/blog/feed-preview.xsl");
        assert_eq!(
            String::from_utf8(insert(Some(&s), rss.clone())).unwrap(),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<?xml-stylesheet type=\"text/xsl\" \
             href=\"/blog/feed-preview.xsl\"?><rss version=\"2.0\"/>"
        );
        assert_eq!(
            insert(None, rss.clone()),
            rss,
            "no preview: the bytes as written"
        );
        let atom = b"<?xml version=\"1.0\"?>\n<feed/>".to_vec();
        let s = sheet(Preview::Css, "/a&b\"/feed-preview.css");
        assert_eq!(
            String::from_utf8(insert(Some(&s), atom)).unwrap(),
            "<?xml version=\"1.0\"?>\n<?xml-stylesheet type=\"text/css\" \
             href=\"/a&amp;b&quot;/feed-preview.css\"?>\n<feed/>"
        );
    }

    #[test]
    fn the_stylesheets_are_well_formed_and_load_nothing() {
        for preview in [Preview::Xslt, Preview::Css] {
            let text = preview.stylesheet();
            for external in ["http:", "https:", "@import", "url(", "<script", "document("] {
                let hits: Vec<&str> = text
                    .lines()
                    .filter(|l| l.contains(external) && !l.contains("www.w3.org"))
                    .filter(|l| !l.contains("purl.org"))
                    .collect();
                assert!(hits.is_empty(), "{preview:?} loads {external}: {hits:?}");
            }
        }
        let doc = roxmltree::Document::parse(XSLT).expect("the XSLT is well-formed XML");
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "stylesheet");
        assert_eq!(root.attribute("version"), Some("1.0"));
    }

    #[test]
    fn modes_are_xslt_css_or_none() {
        assert_eq!(Preview::parse("xslt"), Some(Some(Preview::Xslt)));
        assert_eq!(Preview::parse("css"), Some(Some(Preview::Css)));
        assert_eq!(Preview::parse("none"), Some(None));
        assert_eq!(Preview::parse("XSLT"), None);
    }
}
