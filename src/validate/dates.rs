//! The two date formats feeds use: RFC 822 (RSS, with the four-digit year RFC 1123 and the RSS
//! Best Practices Profile ask for) and RFC 3339 (Atom and JSON Feed, with the upper-case `T`
//! and `Z` RFC 4287 §3.3 asks for). Each check says what is wrong, or nothing.

use chrono::DateTime;

/// What is wrong with an RSS date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Rfc822 {
    /// Not an RFC 822 date at all (or an impossible one, such as 31 Feb or a wrong weekday).
    Invalid,
    /// An RFC 822 date whose year has two digits.
    TwoDigitYear,
}

/// The months as RFC 822 writes them.
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The message for `what` (e.g. `pubDate`) holding `value`, not an RFC 822 date.
pub(super) fn not_rfc822(what: &str, value: &str) -> String {
    format!("{what} {value:?} is not an RFC 822 date such as \"Tue, 10 Mar 2026 12:00:00 +0200\"")
}

/// The message for `what` (e.g. `<updated>`) holding `value`, not an RFC 3339 date.
pub(super) fn not_rfc3339(what: &str, value: &str) -> String {
    format!("{what} {value:?} is not an RFC 3339 date such as \"2026-03-10T12:00:00+02:00\"")
}

/// What is wrong with `value` as an RSS date, if anything. White space around it is allowed.
pub(super) fn rfc822(value: &str) -> Option<Rfc822> {
    let value = value.trim();
    let mut words: Vec<&str> = value.split_whitespace().collect();
    if words.first().is_some_and(|w| w.ends_with(',')) {
        words.remove(0);
    }
    let [day, month, year, _time, _zone] = words[..] else {
        return Some(Rfc822::Invalid);
    };
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(day, 1..=2) || !MONTHS.contains(&month) {
        return Some(Rfc822::Invalid);
    }
    if digits(year, 2..=2) {
        return Some(Rfc822::TwoDigitYear);
    }
    if !digits(year, 4..=4) || DateTime::parse_from_rfc2822(value).is_err() {
        return Some(Rfc822::Invalid);
    }
    None
}

/// Whether `value` is an RFC 3339 date-time: `YYYY-MM-DDTHH:MM:SS`, optional fraction, then `Z`
/// or `±HH:MM`, and a real date and time.
pub(super) fn is_rfc3339(value: &str) -> bool {
    let b = value.as_bytes();
    let shape = b.len() >= 20
        && b[..19].iter().enumerate().all(|(i, &c)| match i {
            4 | 7 => c == b'-',
            10 => c == b'T',
            13 | 16 => c == b':',
            _ => c.is_ascii_digit(),
        });
    if !shape {
        return false;
    }
    let mut rest = &value[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        rest = &frac[n..];
    }
    let z = rest.as_bytes();
    let zone = rest == "Z"
        || (z.len() == 6
            && matches!(z[0], b'+' | b'-')
            && z[3] == b':'
            && [1, 2, 4, 5].iter().all(|&i| z[i].is_ascii_digit()));
    zone && DateTime::parse_from_rfc3339(value).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_dates_are_rfc_822_with_a_four_digit_year() {
        for ok in [
            "Tue, 10 Mar 2026 12:00:00 +0200",
            "Sun, 8 Mar 2026 09:15:00 +0200",
            "10 Mar 2026 12:00:00 GMT",
            "  Tue, 10 Mar 2026 12:00 -0500 ",
        ] {
            assert_eq!(rfc822(ok), None, "{ok}");
        }
        assert_eq!(
            rfc822("Tue, 10 Mar 26 12:00:00 +0200"),
            Some(Rfc822::TwoDigitYear)
        );
        for bad in [
            "",
            "2026-03-10T12:00:00Z",
            "Tue, 10 March 2026 12:00:00 +0200",
            "Tue, 31 Feb 2026 12:00:00 +0200",
            "Wed, 10 Mar 2026 12:00:00 +0200",
            "Tue, 10 Mar 2026 25:00:00 +0200",
            "Tue, 10 Mar 20266 12:00:00 +0200",
            "Tue, 10 Mar 2026 12:00:00",
        ] {
            assert_eq!(rfc822(bad), Some(Rfc822::Invalid), "{bad:?}");
        }
    }

    #[test]
    fn atom_and_json_dates_are_rfc_3339() {
        for ok in [
            "2026-03-10T12:00:00+02:00",
            "2026-03-10T12:00:00Z",
            "2026-03-10T12:00:00.123-05:30",
        ] {
            assert!(is_rfc3339(ok), "{ok}");
        }
        for bad in [
            "2026-03-10",
            "2026-03-10 12:00:00Z",
            "2026-03-10t12:00:00z",
            "2026-03-10T12:00:00",
            "2026-03-10T12:00:00+0200",
            "2026-02-30T12:00:00Z",
            "2026-03-10T12:00:00.Z",
            "Tue, 10 Mar 2026 12:00:00 +0200",
            "2026-03-10T12:00:00Zjunk",
        ] {
            assert!(!is_rfc3339(bad), "{bad:?}");
        }
    }
}
