//! Characters that feeds cannot carry, and plain-text helpers shared by the pipeline.
//!
//! XML 1.0 forbids most C0 control characters and U+FFFE/U+FFFF; readers also choke on DEL, the
//! C1 controls and Unicode non-characters. They are removed from every string that reaches a feed
//! (article files as they are read, and config values), before Markdown rendering, so that a NUL
//! never becomes U+FFFD and no writer ever sees one.

use std::borrow::Cow;

/// True for characters that feedwright drops from all output.
pub fn is_forbidden(c: char) -> bool {
    let u = c as u32;
    (u < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
        || (0x7F..=0x9F).contains(&u)
        || (0xFDD0..=0xFDEF).contains(&u)
        || (u & 0xFFFE) == 0xFFFE
}

/// `text` without forbidden characters, borrowed when there were none.
pub fn strip_forbidden(text: &str) -> Cow<'_, str> {
    match text.find(is_forbidden) {
        None => Cow::Borrowed(text),
        Some(_) => Cow::Owned(text.chars().filter(|&c| !is_forbidden(c)).collect()),
    }
}

/// Folds runs of white space to one space and trims the ends.
pub fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Cuts plain `text` to at most `max` characters on a word boundary, adding `…` when cut.
/// White space runs are folded to one space first. A single word longer than `max` is cut
/// inside the word rather than dropped.
pub fn truncate_words(text: &str, max: usize) -> String {
    let folded = fold(text);
    if folded.chars().count() <= max {
        return folded;
    }
    let budget = max.saturating_sub(1); // room for the ellipsis
    let cut = folded
        .char_indices()
        .nth(budget)
        .map_or(folded.len(), |(i, _)| i);
    let head = &folded[..cut];
    // The cut is on a boundary when the next character is a space.
    let on_boundary = folded[cut..].starts_with(' ');
    let kept = if on_boundary {
        head
    } else {
        match head.rfind(' ') {
            Some(i) if i > 0 => &head[..i],
            _ => head,
        }
    };
    let kept = kept.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'));
    format!("{kept}…")
}

/// Escapes `<`, `>`, `&` and `"` so plain text can stand inside HTML.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_what_xml_and_readers_reject() {
        let s = "a\u{0}b\u{7}c\u{7F}d\u{85}e\u{FDD0}f\u{FFFE}g\u{1FFFF}h\tok\n";
        assert_eq!(strip_forbidden(s), "abcdefgh\tok\n");
        assert!(matches!(strip_forbidden("plain é 🎉"), Cow::Borrowed(_)));
    }

    #[test]
    fn truncates_on_word_boundaries() {
        assert_eq!(truncate_words("one two three", 20), "one two three");
        assert_eq!(truncate_words("one two three", 9), "one two…");
        assert_eq!(truncate_words("one two three", 8), "one two…");
        assert_eq!(truncate_words("one two three", 7), "one…");
        assert_eq!(truncate_words("abcdefghij", 5), "abcd…");
        assert_eq!(truncate_words("  spaced \n\n out  ", 50), "spaced out");
        assert!(truncate_words(&"word ".repeat(100), 280).chars().count() <= 280);
    }

    #[test]
    fn escapes_html() {
        assert_eq!(escape_html("a < b & \"c\""), "a &lt; b &amp; &quot;c&quot;");
    }
}
