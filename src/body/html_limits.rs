//! HTML checked against the body limits before the sanitiser parses it.
//!
//! Two passes, both linear. [`attributes`] reads the text as html5ever's tokenizer would read
//! tags, without knowing which parts are tags: it follows every `<` that could start one at once
//! (merged by tokenizer state, so at most a dozen at a time), and so never undercounts the
//! attributes of the tag the tokenizer will read there, whatever comes before. Only then may
//! the tokenizer see the text, whose duplicate check is quadratic in attributes per tag.
//! [`tree`] then runs html5ever's own tree builder, as ammonia runs it (a fragment in a
//! `<div>`), into a sink that keeps no tree, a small piece at a time; after each piece it counts
//! what the builder holds: its open elements, the formatting elements it will re-open, and
//! their attributes. These are what make the builder's work per tag grow, and what makes it
//! re-create elements the text never wrote, so the first piece that passes a limit ends the
//! check, and the sanitiser never runs on it. The count is the builder's own, so no guess about
//! how it handles misnested or unclosed tags can be wrong.

use std::borrow::Cow;
use std::cell::{Cell, OnceCell};
use std::rc::Rc;

use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, Tracer, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{local_name, ns, Attribute, ExpandedName, ParseOpts, QualName};

use super::elements::{element, FORMATTING};
use super::limits::{
    Exceeded, Overrun, MAX_ATTRIBUTES, MAX_FORMATTING, MAX_FORMATTING_ATTRIBUTES, MAX_HTML_DEPTH,
    MAX_HTML_NODES,
};

/// Checks `html` against every HTML limit; positions are lines and columns of `html`.
pub(super) fn check(html: &str) -> Result<(), Overrun> {
    attributes(html)?;
    tree(html)
}

/// Where the tokenizer is, for a tag it may be reading (the WHATWG tokenizer's tag states,
/// from the tag's name on).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the `/` of `</a`.
    EndTagOpen,
    TagName,
    BeforeAttributeName,
    AttributeName,
    AfterAttributeName,
    BeforeAttributeValue,
    DoubleQuoted,
    SingleQuoted,
    Unquoted,
    AfterQuotedValue,
    SelfClosingStartTag,
}

/// What one character does to a tag being read.
enum Step {
    /// Still in the tag, now in this state; `true` when the character starts an attribute.
    To(State, bool),
    /// The tag ends here.
    Ends,
}

/// The tokenizer's tag states, reduced to what decides where attributes start and tags end.
fn step(state: State, c: u8) -> Step {
    use State::*;
    use Step::{Ends, To};
    let space = matches!(c, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ');
    match (state, c) {
        (EndTagOpen, _) => To(TagName, false),
        (DoubleQuoted, b'"') | (SingleQuoted, b'\'') => To(AfterQuotedValue, false),
        (DoubleQuoted | SingleQuoted, _) => To(state, false),
        (_, b'>') => Ends,
        (TagName | Unquoted | AfterQuotedValue | SelfClosingStartTag, _) if space => {
            To(BeforeAttributeName, false)
        }
        (TagName | BeforeAttributeName | AttributeName, b'/')
        | (AfterAttributeName | AfterQuotedValue | SelfClosingStartTag, b'/') => {
            To(SelfClosingStartTag, false)
        }
        (TagName | Unquoted, _) => To(state, false),
        (BeforeAttributeName | AfterAttributeName | BeforeAttributeValue, _) if space => {
            To(state, false)
        }
        (AttributeName, _) if space => To(AfterAttributeName, false),
        (AttributeName | AfterAttributeName, b'=') => To(BeforeAttributeValue, false),
        (AttributeName, _) => To(AttributeName, false),
        (BeforeAttributeValue, b'"') => To(DoubleQuoted, false),
        (BeforeAttributeValue, b'\'') => To(SingleQuoted, false),
        (BeforeAttributeValue, _) => To(Unquoted, false),
        // Before or after a name, after a value or a `/`: anything else starts an attribute.
        (BeforeAttributeName | AfterAttributeName | AfterQuotedValue | SelfClosingStartTag, _) => {
            To(AttributeName, true)
        }
    }
}

/// A tag that may be being read: its state, its attributes so far, and where its `<` is.
#[derive(Debug, Clone, Copy)]
struct Reading {
    state: State,
    attributes: usize,
    start: usize,
}

/// The tags that may be being read at one point: at most one per state (see [`attributes`]).
#[derive(Debug, Default)]
struct Readings {
    live: Vec<Reading>,
}

impl Readings {
    /// Adds `r`, unless a reading in its state has at least as many attributes.
    fn add(&mut self, r: Reading) {
        match self.live.iter_mut().find(|l| l.state == r.state) {
            Some(l) if l.attributes < r.attributes => *l = r,
            Some(_) => {}
            None => self.live.push(r),
        }
    }
}

/// Fails on the first tag of `html` that may have more than [`MAX_ATTRIBUTES`] attributes.
///
/// Every `<` before a letter (or `</` before one) starts a possible tag, whether or not the
/// tokenizer is in its data state there (it may be, as far as this scan knows), so the real
/// tags are among those followed. Two possible tags in the same state go on alike, so only the
/// one with more attributes is kept: at most one per state, and the scan is linear.
pub(super) fn attributes(html: &str) -> Result<(), Overrun> {
    let bytes = html.as_bytes();
    let mut now = Readings::default();
    let mut next = Readings::default();
    let mut i = 0;
    while i < bytes.len() {
        if now.live.is_empty() {
            match html[i..].find('<') {
                Some(j) => i += j,
                None => break,
            }
        }
        let c = bytes[i];
        next.live.clear();
        for r in &now.live {
            let Step::To(state, starts) = step(r.state, c) else {
                continue;
            };
            let attributes = r.attributes + usize::from(starts);
            if attributes > MAX_ATTRIBUTES {
                return Err(too_many(html, r.start));
            }
            next.add(Reading {
                state,
                attributes,
                ..*r
            });
        }
        if c == b'<' {
            // `<a` or `</a`: a tag whose name starts at the letter.
            let (state, name) = match bytes.get(i + 1) {
                Some(b'/') => (State::EndTagOpen, i + 2),
                _ => (State::TagName, i + 1),
            };
            if bytes.get(name).is_some_and(u8::is_ascii_alphabetic) {
                next.add(Reading {
                    state,
                    attributes: 0,
                    start: i,
                });
            }
        }
        std::mem::swap(&mut now, &mut next);
        i += 1;
    }
    Ok(())
}

/// The error for the tag whose `<` is at `start` of `html`.
fn too_many(html: &str, start: usize) -> Overrun {
    let name: String = html[start..]
        .trim_start_matches(['<', '/'])
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    Overrun::new(Exceeded::Attributes(name.to_ascii_lowercase())).at_offset(html, start)
}

/// How much text the tree builder reads between two counts.
const PIECE: usize = 256;

/// Fails when html5ever's tree builder, reading `html` as the sanitiser does, holds more than
/// the limits allow (see the module doc); the position is the line it was reading.
fn tree(html: &str) -> Result<(), Overrun> {
    let context = QualName::new(None, ns!(html), local_name!("div"));
    let mut parser = html5ever::driver::parse_fragment(
        Counter::default(),
        ParseOpts::default(),
        context,
        vec![],
        false,
    );
    let mut rest = html;
    while !rest.is_empty() {
        let mut cut = PIECE.min(rest.len());
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        parser.process(StrTendril::from_slice(&rest[..cut]));
        rest = &rest[cut..];
        let builder = &parser.tokenizer.sink;
        let held = Held::new(&builder.sink.counts);
        builder.trace_handles(&held);
        if let Some(over) = builder.sink.exceeded(&held) {
            let line = builder.sink.line.get();
            return Err(Overrun {
                exceeded: over,
                at: Some((usize::try_from(line).unwrap_or(usize::MAX), 1)),
            });
        }
    }
    Ok(())
}

/// A node the [`Counter`] sink made: only what the tree builder asks of it.
#[derive(Debug)]
struct Node {
    /// The element's name (the empty name for other nodes).
    name: QualName,
    attributes: usize,
    /// A formatting element (`<a>`, `<b>`...), which the builder may re-open.
    formatting: bool,
    /// An `<annotation-xml>` that holds HTML (the builder asks).
    integration_point: bool,
    /// A `<template>`'s contents, made on first use.
    contents: OnceCell<Handle>,
    /// The count it was last counted in, so it counts once per count.
    counted: Cell<u32>,
}

type Handle = Rc<Node>;

impl Node {
    fn new(name: QualName, attributes: usize) -> Handle {
        Rc::new(Node {
            name,
            attributes,
            formatting: false,
            integration_point: false,
            contents: OnceCell::new(),
            counted: Cell::new(0),
        })
    }

    fn other() -> Handle {
        Node::new(QualName::new(None, ns!(), local_name!("")), 0)
    }
}

/// A tree sink that keeps no tree: nodes live only while the builder holds them. It counts
/// the nodes made, the attributes repeated `<html>` tags add, and the line being read.
#[derive(Debug)]
struct Counter {
    document: Handle,
    nodes: Cell<usize>,
    added_attributes: Cell<usize>,
    line: Cell<u64>,
    /// How many counts of what the builder holds were taken (see [`Node::counted`]).
    counts: Cell<u32>,
}

impl Default for Counter {
    fn default() -> Counter {
        Counter {
            document: Node::other(),
            nodes: Cell::new(0),
            added_attributes: Cell::new(0),
            line: Cell::new(1),
            counts: Cell::new(0),
        }
    }
}

impl Counter {
    fn made(&self, node: Handle) -> Handle {
        self.nodes.set(self.nodes.get() + 1);
        node
    }

    /// The limit the builder's state (counted into `held`) goes past, if any.
    fn exceeded(&self, held: &Held) -> Option<Exceeded> {
        if held.elements.get() > MAX_HTML_DEPTH {
            Some(Exceeded::HtmlDepth)
        } else if held.formatting.get() > MAX_FORMATTING {
            Some(Exceeded::Formatting)
        } else if held.formatting_attributes.get() > MAX_FORMATTING_ATTRIBUTES {
            Some(Exceeded::FormattingAttributes)
        } else if self.added_attributes.get() > MAX_ATTRIBUTES {
            Some(Exceeded::Attributes("html".into()))
        } else if self.nodes.get() > MAX_HTML_NODES {
            Some(Exceeded::HtmlNodes)
        } else {
            None
        }
    }
}

/// The elements a tree builder holds (open, or listed to be re-opened), each counted once.
#[derive(Debug)]
struct Held {
    /// Which count this is: a node whose [`Node::counted`] says so was counted already.
    count: u32,
    elements: Cell<usize>,
    formatting: Cell<usize>,
    formatting_attributes: Cell<usize>,
}

impl Held {
    /// A new count, numbered after the last one taken (`counts`).
    fn new(counts: &Cell<u32>) -> Held {
        counts.set(counts.get().wrapping_add(1).max(1));
        Held {
            count: counts.get(),
            elements: Cell::new(0),
            formatting: Cell::new(0),
            formatting_attributes: Cell::new(0),
        }
    }
}

impl Tracer for Held {
    type Handle = Handle;

    fn trace_handle(&self, node: &Handle) {
        if node.counted.replace(self.count) == self.count || node.name.local.is_empty() {
            return;
        }
        self.elements.set(self.elements.get() + 1);
        if node.formatting {
            self.formatting.set(self.formatting.get() + 1);
            self.formatting_attributes
                .set(self.formatting_attributes.get() + node.attributes);
        }
    }
}

impl TreeSink for Counter {
    type Handle = Handle;
    type Output = ();
    type ElemName<'a> = ExpandedName<'a>;

    fn finish(self) {}

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> Handle {
        self.document.clone()
    }

    fn elem_name<'a>(&'a self, target: &'a Handle) -> ExpandedName<'a> {
        target.name.expanded()
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        let formatting =
            name.ns == ns!(html) && element(&name.local).is_some_and(|e| e.is(FORMATTING));
        let mut node = Node {
            name,
            attributes: attrs.len(),
            formatting,
            integration_point: flags.mathml_annotation_xml_integration_point,
            contents: OnceCell::new(),
            counted: Cell::new(0),
        };
        if flags.template {
            node.contents = OnceCell::from(Node::other());
        }
        self.made(Rc::new(node))
    }

    fn create_comment(&self, _text: StrTendril) -> Handle {
        self.made(Node::other())
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Handle {
        self.made(Node::other())
    }

    fn append(&self, _parent: &Handle, child: NodeOrText<Handle>) {
        if let NodeOrText::AppendText(_) = child {
            self.nodes.set(self.nodes.get() + 1);
        }
    }

    fn append_based_on_parent_node(
        &self,
        _element: &Handle,
        _prev_element: &Handle,
        child: NodeOrText<Handle>,
    ) {
        self.append(&self.document, child);
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &Handle) -> Handle {
        target.contents.get_or_init(Node::other).clone()
    }

    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        Rc::ptr_eq(x, y)
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, _sibling: &Handle, new_node: NodeOrText<Handle>) {
        self.append(&self.document, new_node);
    }

    fn add_attrs_if_missing(&self, _target: &Handle, attrs: Vec<Attribute>) {
        self.added_attributes
            .set(self.added_attributes.get() + attrs.len());
    }

    fn remove_from_parent(&self, _target: &Handle) {}

    fn reparent_children(&self, _node: &Handle, _new_parent: &Handle) {}

    fn is_mathml_annotation_xml_integration_point(&self, handle: &Handle) -> bool {
        handle.integration_point
    }

    fn set_current_line(&self, line: u64) {
        self.line.set(line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn over(html: &str) -> Option<Exceeded> {
        check(html).err().map(|o| o.exceeded)
    }

    #[test]
    fn counts_attributes_of_every_tag_the_tokenizer_may_read() {
        let attrs = |n: usize| (0..n).map(|i| format!(" a{i}=\"{i}\"")).collect::<String>();
        assert_eq!(over(&format!("<p{}>x</p>", attrs(MAX_ATTRIBUTES))), None);
        let many = format!("text\n<p{}>x</p>", attrs(MAX_ATTRIBUTES + 1));
        let o = check(&many).unwrap_err();
        assert_eq!(
            (o.exceeded, o.at),
            (Exceeded::Attributes("p".into()), Some((2, 1)))
        );
        // A quoted `>` does not end the tag; a comment may hide a tag from a naive reader, but
        // not from the tokenizer (nor from this scan, which follows both readings).
        let quoted = format!("<p title=\">\"{}>", attrs(MAX_ATTRIBUTES + 1));
        assert!(matches!(over(&quoted), Some(Exceeded::Attributes(_))));
        let hidden = format!(
            "<!-- <p title=\" --> <b{}> \" -->",
            attrs(MAX_ATTRIBUTES + 1)
        );
        assert!(matches!(over(&hidden), Some(Exceeded::Attributes(_))));
        let end_tag = |n: usize| format!("</x{}>", " a".repeat(n));
        assert_eq!(over(&end_tag(MAX_ATTRIBUTES)), None);
        assert!(matches!(
            over(&end_tag(MAX_ATTRIBUTES + 1)),
            Some(Exceeded::Attributes(_))
        ));
        let slashes = format!("<br{}>", " / /a".repeat(MAX_ATTRIBUTES));
        assert_eq!(over(&slashes), None);
        // Repeated <html> tags add their attributes to one element.
        let html = (0..=MAX_ATTRIBUTES)
            .map(|i| format!("<html a{i}>"))
            .collect::<String>();
        assert_eq!(over(&html), Some(Exceeded::Attributes("html".into())));
    }

    #[test]
    fn counts_what_the_tree_builder_holds() {
        assert_eq!(over(&"<div>".repeat(MAX_HTML_DEPTH - 8)), None);
        assert_eq!(
            over(&"<div>".repeat(MAX_HTML_DEPTH + 1)),
            Some(Exceeded::HtmlDepth)
        );
        // Closed elements do not count, however many.
        assert_eq!(over(&"<div><b>x</b></div>\n".repeat(5000)), None);
        // An end tag the parser ignores closes nothing, here or there.
        assert_eq!(
            over(&"<span><div></span></div>".repeat(MAX_HTML_DEPTH)),
            Some(Exceeded::HtmlDepth)
        );
        // Formatting elements the parser re-opens in every block count, though each block
        // closes.
        let reopened = format!("<div>{}", "<b><i></div>x<div>".repeat(MAX_HTML_DEPTH));
        assert_eq!(over(&reopened), Some(Exceeded::Formatting));
        let many = (0..=MAX_FORMATTING)
            .map(|i| format!("<font color=c{i}>"))
            .collect::<String>();
        assert_eq!(over(&many), Some(Exceeded::Formatting));
        let heavy = format!(
            "<a {}>",
            (0..=MAX_FORMATTING_ATTRIBUTES)
                .map(|i| format!("a{i} "))
                .collect::<String>()
        );
        assert_eq!(over(&heavy), Some(Exceeded::FormattingAttributes));
        assert_eq!(
            over(&"<br>".repeat(MAX_HTML_NODES + 1)),
            Some(Exceeded::HtmlNodes)
        );
    }

    #[test]
    fn the_line_is_where_the_builder_was_reading() {
        let html = format!("<p>a</p>\n\n{}", "<div>\n".repeat(MAX_HTML_DEPTH + 1));
        let o = check(&html).unwrap_err();
        assert_eq!(o.exceeded, Exceeded::HtmlDepth);
        let line = o.at.unwrap().0;
        assert!(
            (MAX_HTML_DEPTH..MAX_HTML_DEPTH + 3 + PIECE / 6).contains(&line),
            "{line}"
        );
    }
}
