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

/// The byte offset of the first forbidden character in `text`, if any.
///
/// Scans UTF-8 bytes rather than decoding characters: every forbidden character has a
/// recognisable byte pattern (C0/DEL are single bytes, C1 are `C2 80..9F`, U+FDD0..U+FDEF are
/// `EF B7 90..AF`, U+xFFFE/U+xFFFF end in `BF BE`/`BF BF`). Bytes that cannot begin one (most
/// of any text, continuation bytes included) are skipped 32 at a time, then one table lookup
/// each in a chunk that holds a suspicious one.
pub fn find_forbidden(text: &str) -> Option<usize> {
    /// Bytes that may begin a forbidden character.
    const SUSPICIOUS: [bool; 256] = {
        let mut t = [false; 256];
        let mut c = 0;
        while c < 256 {
            t[c] = (c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D)
                || c == 0x7F
                || c == 0xC2
                || c == 0xEF
                || c >= 0xF0;
            c += 1;
        }
        t
    };
    /// [`SUSPICIOUS`] as comparisons, which the compiler checks 32 bytes at a time.
    fn any_suspicious(chunk: &[u8; 32]) -> bool {
        chunk.iter().fold(false, |any, &c| {
            any | ((c < 0x20) & (c != 0x09) & (c != 0x0A) & (c != 0x0D))
                | (c == 0x7F)
                | (c == 0xC2)
                | (c == 0xEF)
                | (c >= 0xF0)
        })
    }
    let b = text.as_bytes();
    let mut i = 0;
    loop {
        // Whole chunks without a suspicious byte are skipped at once (most of any text).
        while let Some(chunk) = b.get(i..i + 32).and_then(|c| <&[u8; 32]>::try_from(c).ok()) {
            if any_suspicious(chunk) {
                break;
            }
            i += 32;
        }
        i += b[i..].iter().position(|&c| SUSPICIOUS[c as usize])?;
        // A suspicious byte is ASCII or a lead byte, so `i` is on a character boundary, and
        // valid UTF-8 holds the continuation bytes read below.
        let hit = match b[i] {
            0xC2 => b[i + 1] <= 0x9F,
            0xEF => {
                (b[i + 1] == 0xB7 && (0x90..=0xAF).contains(&b[i + 2]))
                    || (b[i + 1] == 0xBF && b[i + 2] >= 0xBE)
            }
            0xF0..=0xF4 => b[i + 1] & 0x0F == 0x0F && b[i + 2] == 0xBF && b[i + 3] >= 0xBE,
            _ => true, // C0 controls and DEL
        };
        if hit {
            return Some(i);
        }
        i += 1;
    }
}

/// `text` without forbidden characters, borrowed when there were none.
pub fn strip_forbidden(text: &str) -> Cow<'_, str> {
    match find_forbidden(text) {
        None => Cow::Borrowed(text),
        Some(_) => Cow::Owned(text.chars().filter(|&c| !is_forbidden(c)).collect()),
    }
}

/// [`strip_forbidden`] for an owned string: returned as it is when clean, without a copy.
pub fn strip_forbidden_owned(text: String) -> String {
    match find_forbidden(&text) {
        None => text,
        Some(_) => text.chars().filter(|&c| !is_forbidden(c)).collect(),
    }
}

/// Folds runs of white space to one space and trims the ends.
pub fn fold(text: &str) -> String {
    // Most titles and tags are already folded: printable ASCII, single spaces, no space at
    // either end.
    let b = text.as_bytes();
    let folded = b.iter().all(|&c| (b' '..0x7F).contains(&c))
        && b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && !text.contains("  ");
    if folded {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
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
    fn fold_leaves_one_space_between_words() {
        for (text, want) in [
            ("Plain title", "Plain title"),
            ("  two  spaces ", "two spaces"),
            ("tab\there\nand line", "tab here and line"),
            ("nbsp\u{a0}and\u{2003}em", "nbsp and em"),
            ("", ""),
            (" ", ""),
            ("Café  au lait", "Café au lait"),
        ] {
            assert_eq!(fold(text), want, "{text:?}");
            assert_eq!(
                fold(text),
                text.split_whitespace().collect::<Vec<_>>().join(" ")
            );
        }
    }

    #[test]
    fn strips_what_xml_and_readers_reject() {
        let s = "a\u{0}b\u{7}c\u{7F}d\u{85}e\u{FDD0}f\u{FFFE}g\u{1FFFF}h\tok\n";
        assert_eq!(strip_forbidden(s), "abcdefgh\tok\n");
        assert!(matches!(strip_forbidden("plain é 🎉"), Cow::Borrowed(_)));
        assert_eq!(strip_forbidden_owned(s.to_string()), "abcdefgh\tok\n");
    }

    #[test]
    fn byte_scan_agrees_with_the_character_rule() {
        for u in (0..0x11_0000u32).step_by(1) {
            let Some(c) = char::from_u32(u) else { continue };
            let s = format!("ab{c}");
            assert_eq!(find_forbidden(&s).is_some(), is_forbidden(c), "U+{u:04X}");
            // Past the first 32-byte block, after a character that straddles its end.
            let s = format!("{}é{c}{}", "x".repeat(30), "y".repeat(40));
            assert_eq!(find_forbidden(&s).is_some(), is_forbidden(c), "U+{u:04X}");
        }
        // Every offset, behind mixed-width text: the position agrees with a char-by-char scan.
        let reference = |s: &str| {
            s.char_indices()
                .find(|&(_, c)| is_forbidden(c))
                .map(|p| p.0)
        };
        for bad in [
            '\u{1}',
            '\u{7f}',
            '\u{85}',
            '\u{fdd0}',
            '\u{fffe}',
            '\u{10ffff}',
            'a',
        ] {
            for n in 0..80 {
                let prefix: String = "aé漁🎉\n".chars().cycle().take(n).collect();
                let s = format!("{prefix}{bad}{}", "z".repeat(n % 37));
                assert_eq!(find_forbidden(&s), reference(&s), "{s:?}");
            }
        }
    }

    #[test]
    fn escapes_html() {
        assert_eq!(escape_html("a < b & \"c\""), "a &lt; b &amp; &quot;c&quot;");
    }
}
