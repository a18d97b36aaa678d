//! Slugs exactly as each static-site generator makes them.
//!
//! A site moving to feedwright keeps its URLs only if every slug is made by the same rules its
//! generator used: Hugo keeps dots and `+` and lowercases, Jekyll's `:title` keeps case and
//! dots, Zola turns dots into `-`, Eleventy keeps the file name as it is. [`SlugMode`] names
//! the rules (`[site] slugify`) and [`slugify`] applies them; [`title_slug`] is the cased form
//! Jekyll's `:title` uses. Each function cites the generator source it reproduces. The folder
//! name of a page bundle (`dir/index.md`) goes through the same [`slugify`] as a file name.

use std::fmt;

/// How slugs are made (`[site] slugify`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SlugMode {
    /// feedwright's own rule (the `slug` crate): transliterate, lowercase, `[a-z0-9]` runs.
    #[default]
    Feedwright,
    /// Hugo's `paths.Sanitize` + lowercase.
    Hugo,
    /// Zola's `slugify.paths = "on"` (the `slug` crate, as feedwright's own rule).
    Zola,
    /// Jekyll's `Utils.slugify` default mode.
    Jekyll,
    /// Jekyll's `Utils.slugify` pretty mode.
    JekyllPretty,
    /// Eleventy's `slugify` filter (`@sindresorhus/slugify`).
    Eleventy,
    /// Eleventy's older `slug` filter (`slugify` 1.x, `lower: true`).
    EleventySlug,
    /// The text unchanged (Eleventy's default URLs, Zola's `slugify.paths = "off"`).
    None,
}

impl SlugMode {
    /// Every mode with its `feeds.toml` name.
    pub const ALL: [(&'static str, SlugMode); 8] = [
        ("feedwright", SlugMode::Feedwright),
        ("hugo", SlugMode::Hugo),
        ("zola", SlugMode::Zola),
        ("jekyll", SlugMode::Jekyll),
        ("jekyll-pretty", SlugMode::JekyllPretty),
        ("eleventy", SlugMode::Eleventy),
        ("eleventy-slug", SlugMode::EleventySlug),
        ("none", SlugMode::None),
    ];

    /// The mode named `name` in `feeds.toml`.
    pub fn parse(name: &str) -> Option<SlugMode> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, m)| *m)
    }

    /// The mode's `feeds.toml` name.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, m)| *m == self)
            .map_or("feedwright", |(n, _)| n)
    }
}

impl fmt::Display for SlugMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The slug of `text` (a front-matter `slug`, a file stem or a bundle's folder name) by `mode`.
pub fn slugify(mode: SlugMode, text: &str) -> String {
    match mode {
        SlugMode::Feedwright | SlugMode::Zola => slug::slugify(text),
        SlugMode::Hugo => hugo(text).to_lowercase(),
        SlugMode::Jekyll => jekyll(text, jekyll_default_keeps).to_lowercase(),
        SlugMode::JekyllPretty => jekyll(text, jekyll_pretty_keeps).to_lowercase(),
        SlugMode::Eleventy => eleventy(text),
        SlugMode::EleventySlug => eleventy_slug(text),
        SlugMode::None => text.to_string(),
    }
}

/// The slug a `{title}` placeholder takes: as [`slugify`], except that under the Jekyll modes
/// it is Jekyll's `:title`, `Utils.slugify(slug, mode: "pretty", cased: true)`
/// (jekyll `lib/jekyll/drops/url_drop.rb#title`): case and dots kept.
pub fn title_slug(mode: SlugMode, text: &str) -> String {
    match mode {
        SlugMode::Jekyll | SlugMode::JekyllPretty => jekyll(text, jekyll_pretty_keeps),
        _ => slugify(mode, text),
    }
}

/// A Unicode combining mark (the common blocks; `\p{M}` in the generators' regexes).
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A | 0x064B..=0x065F
        | 0x0900..=0x0903 | 0x093A..=0x094F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF
        | 0x20D0..=0x20FF | 0x3099..=0x309A | 0xFE20..=0xFE2F)
}

/// Hugo's `Sanitize` (gohugoio/hugo `common/paths/path.go`, `Sanitize` and
/// `isAllowedPathCharacter`): letters, digits, marks and `./\_#+~-@` (and `%XX`) are kept;
/// white space between kept characters becomes one `-` (none after a `-`); everything else is
/// dropped without a hyphen. The caller lowercases (`helpers/path.go MakePathSanitized`).
fn hugo(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let allowed = |i: usize, c: char| {
        c != ' '
            && (c.is_alphabetic()
                || c.is_numeric()
                || "./\\_#+~-@".contains(c)
                || is_mark(c)
                || (c == '%'
                    && chars.get(i + 1).is_some_and(char::is_ascii_hexdigit)
                    && chars.get(i + 2).is_some_and(char::is_ascii_hexdigit)))
    };
    let mut out = String::with_capacity(s.len());
    let (mut prepend, mut was_hyphen) = (false, false);
    for (i, &c) in chars.iter().enumerate() {
        if allowed(i, c) {
            was_hyphen = c == '-';
            if prepend && !was_hyphen {
                out.push('-');
            }
            prepend = false;
            out.push(c);
        } else if !out.is_empty() && !was_hyphen && c.is_whitespace() {
            prepend = true;
        }
    }
    out
}

/// Jekyll's default mode keeps `\p{M}\p{L}\p{Nd}`.
fn jekyll_default_keeps(c: char) -> bool {
    c.is_alphabetic() || c.is_numeric() || is_mark(c)
}

/// Jekyll's pretty mode also keeps `._~!$&'()+,;=@`.
fn jekyll_pretty_keeps(c: char) -> bool {
    jekyll_default_keeps(c) || "._~!$&'()+,;=@".contains(c)
}

/// Jekyll's `Utils.slugify` without the final lowercasing (jekyll `lib/jekyll/utils.rb`
/// `slugify` and `replace_character_sequence_with_hyphen`): every run of characters `keeps`
/// refuses becomes one `-`, then one leading and one trailing `-` are removed.
fn jekyll(s: &str, keeps: fn(char) -> bool) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_run = false;
    for c in s.chars() {
        if keeps(c) {
            out.push(c);
            in_run = false;
        } else if !in_run {
            out.push('-');
            in_run = true;
        }
    }
    let out = out.strip_prefix('-').unwrap_or(&out);
    out.strip_suffix('-').unwrap_or(out).to_string()
}

/// One character as Eleventy's transliteration tables write it: Latin, Greek and Cyrillic
/// letters to ASCII; other scripts (CJK, ...) have no entry and are kept as they are.
fn transliterate(c: char) -> std::borrow::Cow<'static, str> {
    let scripted =
        matches!(c as u32, 0x00C0..=0x024F | 0x0370..=0x03FF | 0x0400..=0x04FF | 0x1E00..=0x1EFF);
    if scripted {
        deunicode::deunicode_char(c).unwrap_or("").into()
    } else {
        c.to_string().into()
    }
}

/// Eleventy's `slugify` filter (11ty/eleventy `src/Filters/Slugify.js`: `@sindresorhus/slugify`
/// with `decamelize: false`): transliterate, `&` -> ` and `, drop `'` inside words, lowercase,
/// every run outside `[a-z0-9]` -> one `-`, trimmed.
fn eleventy(s: &str) -> String {
    let mut text = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let inside_word = i > 0
            && chars[i - 1].is_alphanumeric()
            && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        match c {
            '&' => text.push_str(" and "),
            '\'' | '\u{2019}' if inside_word => {}
            _ => text.push_str(&transliterate(c)),
        }
    }
    let mut out = String::with_capacity(text.len());
    for c in text.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Eleventy's `slug` filter (`slugify` 1.x `{lower: true}`, simov/slugify `slugify.js`): each
/// character transliterated (`&` -> `and`), `-` read as a space, anything outside
/// ``\w\s$*_+~.()'"!-:@`` removed, trimmed, white space runs -> `-`, lowercased.
fn eleventy_slug(s: &str) -> String {
    let mut text = String::with_capacity(s.len());
    for c in s.chars() {
        let t = match c {
            '&' => "and".into(),
            '-' => " ".into(),
            _ => transliterate(c),
        };
        text.extend(t.chars().filter(|&c| {
            c.is_ascii_alphanumeric() || c.is_whitespace() || "$*_+~.()'\"!-:@".contains(c)
        }));
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    words.join("-").to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The research's examples, through every mode (written by hand from each generator's
    /// rules, not from this code's output).
    #[test]
    fn every_mode_on_the_examples() {
        let examples = [
            "Rust-1.60.0",
            "jekyll-sass-converter-3.0-released",
            "database-to-app-TLS",
            "Café Ünï+x",
            "日本",
        ];
        let want: [(SlugMode, [&str; 5]); 8] = [
            (
                SlugMode::Feedwright,
                [
                    "rust-1-60-0",
                    "jekyll-sass-converter-3-0-released",
                    "database-to-app-tls",
                    "cafe-uni-x",
                    "ri-ben",
                ],
            ),
            (
                SlugMode::Zola,
                [
                    "rust-1-60-0",
                    "jekyll-sass-converter-3-0-released",
                    "database-to-app-tls",
                    "cafe-uni-x",
                    "ri-ben",
                ],
            ),
            (
                SlugMode::Hugo,
                [
                    "rust-1.60.0",
                    "jekyll-sass-converter-3.0-released",
                    "database-to-app-tls",
                    "café-ünï+x",
                    "日本",
                ],
            ),
            (
                SlugMode::Jekyll,
                [
                    "rust-1-60-0",
                    "jekyll-sass-converter-3-0-released",
                    "database-to-app-tls",
                    "café-ünï-x",
                    "日本",
                ],
            ),
            (
                SlugMode::JekyllPretty,
                [
                    "rust-1.60.0",
                    "jekyll-sass-converter-3.0-released",
                    "database-to-app-tls",
                    "café-ünï+x",
                    "日本",
                ],
            ),
            (
                SlugMode::Eleventy,
                [
                    "rust-1-60-0",
                    "jekyll-sass-converter-3-0-released",
                    "database-to-app-tls",
                    "cafe-uni-x",
                    "",
                ],
            ),
            (
                SlugMode::EleventySlug,
                [
                    "rust-1.60.0",
                    "jekyll-sass-converter-3.0-released",
                    "database-to-app-tls",
                    "cafe-uni+x",
                    "",
                ],
            ),
            (SlugMode::None, examples),
        ];
        for (mode, slugs) in want {
            for (text, slug) in examples.iter().zip(slugs) {
                assert_eq!(slugify(mode, text), slug, "{mode} {text}");
            }
        }
    }

    #[test]
    fn jekyll_title_keeps_case_and_dots() {
        for mode in [SlugMode::Jekyll, SlugMode::JekyllPretty] {
            assert_eq!(title_slug(mode, "Rust-1.60.0"), "Rust-1.60.0");
            assert_eq!(
                title_slug(mode, "database-to-app-TLS"),
                "database-to-app-TLS"
            );
            assert_eq!(title_slug(mode, "Café Ünï+x"), "Café-Ünï+x");
            assert_eq!(title_slug(mode, "My Slug!"), "My-Slug!");
        }
        assert_eq!(title_slug(SlugMode::Hugo, "Rust-1.60.0"), "rust-1.60.0");
    }

    #[test]
    fn hugo_drops_punctuation_without_a_hyphen() {
        assert_eq!(slugify(SlugMode::Hugo, "Hello, World!"), "hello-world");
        assert_eq!(
            slugify(SlugMode::Hugo, "Mixed Case+Plus.v2 (x)"),
            "mixed-case+plus.v2-x"
        );
        assert_eq!(slugify(SlugMode::Hugo, "  a - b"), "a-b");
    }

    #[test]
    fn eleventy_slugify_spells_out_ampersands() {
        assert_eq!(
            slugify(SlugMode::Eleventy, "Node.js & C++"),
            "node-js-and-c"
        );
        assert_eq!(slugify(SlugMode::Eleventy, "Don't stop"), "dont-stop");
        assert_eq!(slugify(SlugMode::EleventySlug, "C++ is fun"), "c++-is-fun");
        assert_eq!(slugify(SlugMode::EleventySlug, "Node.js"), "node.js");
    }

    #[test]
    fn modes_round_trip_their_names() {
        for (name, mode) in SlugMode::ALL {
            assert_eq!(SlugMode::parse(name), Some(mode));
            assert_eq!(mode.name(), name);
        }
        assert_eq!(SlugMode::parse("Hugo"), None);
    }
}
