//! What feedwright knows about HTML elements, in one table.
//!
//! The summary reader, the Markdown fast path and its verifier each ask questions about elements:
//! has it an end tag, does it part words in plain text, may it start a block, may it hold blocks,
//! may raw HTML use it on the fast path, where may it stand. One row per element answers them
//! all, so adding an element (or changing a fact) is one edit, and two lists can no longer
//! disagree about the same element.

/// A set of facts about an element: bits from the constants below.
pub(super) type Facts = u16;

/// No fact of its own: listed so the fast-path verifier keeps it when comparing trees (the
/// trusted sanitiser writes it, or neither path may).
pub(super) const NONE: Facts = 0;
/// Has no end tag and no content (`<br>`, `<img>`).
pub(super) const VOID: Facts = 1 << 0;
/// Stands inside a line of text: plain text puts no space at its tags. (`<br>` and `<img>` are
/// not: they part the words around them.)
pub(super) const INLINE: Facts = 1 << 1;
/// Starts a block: it closes an open `<p>`, so it may only start where a block may.
pub(super) const BLOCK: Facts = 1 << 2;
/// Its content may hold blocks.
pub(super) const FLOW: Facts = 1 << 3;
/// A formatting element: the HTML parser rebuilds an unclosed one, comparing attributes.
pub(super) const FORMATTING: Facts = 1 << 4;
/// Raw HTML may hold it on the Markdown fast path: the sanitiser keeps it, it leaves the
/// tokenizer in its data state (unlike `<script>`, `<textarea>`, `<svg>`), and its attributes
/// do not change how the tree is built. Not tables: there the parser moves runs of text out of
/// the table depending on what separates them, and dropping a comment would join two runs.
pub(super) const RAW_OK: Facts = 1 << 5;
/// A raw tag of it leaves the fast path's HTML readable for the summary as it is.
pub(super) const SUMMARY_SAFE: Facts = 1 << 6;
/// No summary paragraph is taken inside it (code, tables, lists, figures, quotes).
pub(super) const CONTAINER: Facts = 1 << 7;
/// Its content is not text (scripts, styles): plain text leaves it out.
pub(super) const HIDDEN: Facts = 1 << 8;

/// One HTML element and what is true of it.
#[derive(Debug)]
pub(super) struct Element {
    /// The tag name, lower case.
    pub name: &'static str,
    facts: Facts,
    /// When not empty, the only parents it may stand in directly (list items in their lists).
    pub parents: &'static [&'static str],
}

impl Element {
    /// Whether any of `facts` is true of this element.
    pub fn is(&self, facts: Facts) -> bool {
        self.facts & facts != NONE
    }

    const fn within(self, parents: &'static [&'static str]) -> Element {
        Element { parents, ..self }
    }
}

const fn el(name: &'static str, facts: Facts) -> Element {
    Element {
        name,
        facts,
        parents: &[],
    }
}

/// Every element feedwright treats specially, sorted by name.
pub(super) const ELEMENTS: &[Element] = &[
    el("a", INLINE | RAW_OK | FORMATTING),
    el("abbr", INLINE | RAW_OK),
    el("area", VOID),
    el("article", RAW_OK | BLOCK | FLOW),
    el("aside", RAW_OK | BLOCK | FLOW),
    el("audio", RAW_OK),
    el("b", INLINE | RAW_OK | FORMATTING),
    el("bdi", INLINE | RAW_OK),
    el("bdo", INLINE | RAW_OK),
    el("big", FORMATTING),
    el("blockquote", RAW_OK | BLOCK | FLOW | CONTAINER),
    el("br", VOID | RAW_OK | SUMMARY_SAFE),
    el("button", NONE),
    el("caption", NONE),
    el("cite", INLINE | RAW_OK),
    el("code", INLINE | RAW_OK | FORMATTING),
    el("col", VOID),
    el("colgroup", NONE),
    el("data", INLINE | RAW_OK),
    el("dd", RAW_OK | BLOCK | FLOW).within(&["dl"]),
    el("del", INLINE | RAW_OK),
    el("details", RAW_OK | BLOCK | FLOW),
    el("dfn", INLINE | RAW_OK),
    el("div", RAW_OK | BLOCK | FLOW),
    el("dl", RAW_OK | BLOCK | CONTAINER),
    el("dt", RAW_OK | BLOCK).within(&["dl"]),
    el("em", INLINE | RAW_OK | FORMATTING),
    el("embed", VOID),
    el("figcaption", RAW_OK | BLOCK | FLOW),
    el("figure", RAW_OK | BLOCK | FLOW | CONTAINER),
    el("font", FORMATTING),
    el("footer", RAW_OK | BLOCK | FLOW),
    el("form", NONE),
    el("h1", RAW_OK | BLOCK),
    el("h2", RAW_OK | BLOCK),
    el("h3", RAW_OK | BLOCK),
    el("h4", RAW_OK | BLOCK),
    el("h5", RAW_OK | BLOCK),
    el("h6", RAW_OK | BLOCK),
    el("header", RAW_OK | BLOCK | FLOW),
    el("hr", VOID | RAW_OK | BLOCK),
    el("i", INLINE | RAW_OK | FORMATTING),
    el("iframe", NONE),
    el("img", VOID | RAW_OK | SUMMARY_SAFE),
    el("input", VOID),
    el("ins", INLINE | RAW_OK),
    el("kbd", INLINE | RAW_OK),
    el("li", RAW_OK | BLOCK | FLOW).within(&["ul", "ol"]),
    el("main", RAW_OK | BLOCK | FLOW),
    el("mark", INLINE | RAW_OK),
    el("math", NONE),
    el("nav", RAW_OK | BLOCK | FLOW),
    el("nobr", FORMATTING),
    el("object", NONE),
    el("ol", RAW_OK | BLOCK | CONTAINER),
    el("p", RAW_OK | BLOCK),
    el("picture", RAW_OK),
    el("pre", RAW_OK | BLOCK | CONTAINER),
    el("q", INLINE | RAW_OK),
    el("s", INLINE | RAW_OK | FORMATTING),
    el("samp", INLINE | RAW_OK),
    el("script", HIDDEN),
    el("section", RAW_OK | BLOCK | FLOW),
    el("small", INLINE | RAW_OK | FORMATTING),
    el("source", VOID | RAW_OK),
    el("span", INLINE | RAW_OK),
    el("strike", INLINE | RAW_OK | FORMATTING),
    el("strong", INLINE | RAW_OK | FORMATTING),
    el("style", HIDDEN),
    el("sub", INLINE | RAW_OK),
    el("summary", RAW_OK | BLOCK | FLOW),
    el("sup", INLINE | RAW_OK),
    el("svg", NONE),
    el("table", CONTAINER),
    el("tbody", NONE),
    el("td", NONE),
    el("textarea", NONE),
    el("tfoot", NONE),
    el("th", NONE),
    el("thead", NONE),
    el("time", INLINE | RAW_OK),
    el("tr", NONE),
    el("track", VOID | RAW_OK),
    el("tt", INLINE | RAW_OK | FORMATTING),
    el("u", INLINE | RAW_OK | FORMATTING),
    el("ul", RAW_OK | BLOCK | CONTAINER),
    el("var", INLINE | RAW_OK),
    el("video", RAW_OK),
    el("wbr", VOID | RAW_OK | SUMMARY_SAFE),
];

/// The row for element `name`, if the table has one.
pub(super) fn element(name: &str) -> Option<&'static Element> {
    ELEMENTS
        .binary_search_by(|e| e.name.cmp(name))
        .ok()
        .map(|i| &ELEMENTS[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_every_row_found() {
        for pair in ELEMENTS.windows(2) {
            assert!(
                pair[0].name < pair[1].name,
                "{} before {}",
                pair[0].name,
                pair[1].name
            );
        }
        for e in ELEMENTS {
            assert_eq!(element(e.name).map(|f| f.name), Some(e.name));
        }
        assert!(element("blink").is_none());
    }

    #[test]
    fn facts_agree_with_each_other() {
        for e in ELEMENTS {
            // A block container holds blocks only if it is a block; void elements hold nothing.
            assert!(!e.is(FLOW) || e.is(BLOCK), "{}", e.name);
            assert!(
                !e.is(VOID) || !e.is(FLOW | INLINE | CONTAINER),
                "{}",
                e.name
            );
            assert!(
                !e.is(SUMMARY_SAFE) || (e.is(VOID) && e.is(RAW_OK)),
                "{}",
                e.name
            );
            assert!(!e.is(INLINE) || !e.is(BLOCK), "{}", e.name);
        }
        let li = element("li").unwrap();
        assert!(li.is(BLOCK) && li.parents == ["ul", "ol"]);
    }
}
