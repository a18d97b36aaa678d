//! Characters a feed must not carry: XML 1.0's forbidden controls, and the DEL, C1 controls and
//! Unicode non-characters that XML allows but readers choke on (the same set feedwright strips
//! from its own input, [`crate::text::is_forbidden`]).

use super::Findings;
use crate::text::{find_forbidden, is_forbidden};

/// Where the rule comes from.
const SOURCE: &str = "XML 1.0 §2.2 (Char)";

/// Reports every forbidden character in `text`, which starts at byte `base` of the file.
pub(super) fn check_raw(text: &str, base: usize, findings: &mut Findings) {
    let mut from = 0;
    while let Some(i) = find_forbidden(&text[from..]) {
        let at = from + i;
        let c = text[at..].chars().next().expect("a character starts here");
        findings.error(base + at, describe(c), SOURCE);
        from = at + c.len_utf8();
    }
}

/// Reports, at byte `at`, the first forbidden character of a decoded value (one written as a
/// character reference or a JSON escape, which a scan of the raw text does not see). Says
/// whether there was one.
pub(super) fn check_decoded(value: &str, at: usize, findings: &mut Findings) -> bool {
    let found = value.chars().find(|&c| is_forbidden(c));
    if let Some(c) = found {
        findings.error(at, describe(c), SOURCE);
    }
    found.is_some()
}

/// What is wrong with forbidden character `c`.
fn describe(c: char) -> String {
    format!("forbidden character U+{:04X}", c as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str) -> Vec<(usize, usize, String)> {
        let mut findings = Findings::new(text);
        check_raw(text, 0, &mut findings);
        findings
            .found
            .into_iter()
            .map(|f| (f.line, f.col, f.rule))
            .collect()
    }

    #[test]
    fn every_forbidden_character_is_placed() {
        assert_eq!(
            raw("ok\u{1}\nC1 \u{85} and \u{FFFE}"),
            [
                (1, 3, "forbidden character U+0001".to_string()),
                (2, 4, "forbidden character U+0085".to_string()),
                (2, 10, "forbidden character U+FFFE".to_string()),
            ]
        );
        assert!(raw("tab\tnewline\r\n é ✓").is_empty());
    }

    #[test]
    fn decoded_values_are_checked_too() {
        let mut findings = Findings::new("x &#x85; y");
        check_decoded("x \u{85} y", 2, &mut findings);
        check_decoded("clean", 0, &mut findings);
        assert_eq!(findings.found.len(), 1);
        assert_eq!(findings.found[0].col, 3);
    }
}
