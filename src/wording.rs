//! Parser errors in the user's words: serde's `invalid type: string "ten", expected usize`
//! becomes `` `limit` must be a whole number, not text ("ten") `` with the hint `write it as
//! e.g. limit = 10`. One place for the wording, so feeds.toml and front matter (TOML or YAML)
//! say a wrong type the same way.

/// How a value is written in the file the error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// `key = value`.
    Toml,
    /// `key: value`.
    Yaml,
}

/// serde's `invalid type: FOUND, expected WANT` (or `invalid value: ...`) about `key`, as a
/// message and a hint in the user's words; `None` for any other message.
pub fn wrong_type(message: &str, key: &str, syntax: Syntax) -> Option<(String, String)> {
    let rest = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))?;
    let (found, want) = rest.split_once(", expected ")?;
    worded(key, &found_words(found), want, syntax)
}

/// The YAML reader's own forms (`expected string scalar`, `invalid boolean`) about `key`, whose
/// value is `written` as the file has it; `None` for any other message.
pub fn wrong_yaml_scalar(message: &str, key: &str, written: &str) -> Option<(String, String)> {
    let want = message
        .strip_prefix("expected ")
        .and_then(|m| m.strip_suffix(" scalar"))
        .or_else(|| message.strip_prefix("invalid "))?;
    let written = written.trim();
    let found = if written.is_empty() {
        "nothing".to_string()
    } else {
        written.to_string()
    };
    worded(key, &found, want, Syntax::Yaml)
}

/// The message and hint for `key`, which holds `found` (in words) where `want` (serde's word
/// for a type) is expected.
fn worded(key: &str, found: &str, want: &str, syntax: Syntax) -> Option<(String, String)> {
    let (words, example) = wanted(want)?;
    let example = match syntax {
        Syntax::Toml => format!("{key} = {example}"),
        Syntax::Yaml => format!("{key}: {}", example.trim_matches('"')),
    };
    Some((
        format!("`{key}` must be {words}, not {found}"),
        format!("write it as e.g. {example}"),
    ))
}

/// What serde expected, in words, and an example value (as TOML writes it).
fn wanted(want: &str) -> Option<(&'static str, &'static str)> {
    let want = want.trim();
    let whole = [
        "usize", "u64", "u32", "u16", "u8", "isize", "i64", "i32", "i16", "i8",
    ];
    Some(if whole.contains(&want) || want.contains("integer") {
        ("a whole number", "10")
    } else if want == "f64" || want == "f32" || want.contains("float") {
        ("a number", "1.5")
    } else if want.contains("string") || want.contains("char") {
        ("text in quotes", "\"...\"")
    } else if want.contains("boolean") || want == "bool" {
        ("true or false", "true")
    } else if want.contains("sequence") || want.contains("array") {
        ("a list", "[\"a\", \"b\"]")
    } else if want.contains("map") || want.starts_with("struct ") {
        ("a table", "{ name = \"...\" }")
    } else {
        return None;
    })
}

/// What the file holds, in words: `string "ten"` -> `text ("ten")`.
fn found_words(found: &str) -> String {
    let found = found.trim();
    let (kind, value) = match found.split_once(' ') {
        Some((k, v)) => (k, v.trim_matches('`')),
        None => (found, ""),
    };
    let kind = match kind {
        "string" => "text",
        "integer" => "a whole number",
        "floating" => "a number",
        "boolean" => "true or false",
        "sequence" => "a list",
        "map" => "a table",
        other => other,
    };
    if value.is_empty() || value == "point" {
        kind.to_string()
    } else {
        format!("{kind} ({value})")
    }
}

/// The key whose value starts at byte `offset` of `text`: the name before the `=` (TOML) or
/// `:` (YAML) just before it, on its line or in an inline table.
pub fn key_before(text: &str, offset: usize) -> Option<&str> {
    let head = text.get(..offset)?.trim_end();
    let head = head
        .strip_suffix('=')
        .or_else(|| head.strip_suffix(':'))?
        .trim_end();
    let head = head.trim_end_matches(['"', '\'']);
    let start = head
        .char_indices()
        .rfind(|&(_, c)| !(c.is_alphanumeric() || matches!(c, '_' | '-')))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let key = &head[start..];
    (!key.is_empty()).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_type_errors_read_as_the_user_wrote_the_key() {
        assert_eq!(
            wrong_type(
                "invalid type: string \"ten\", expected usize",
                "limit",
                Syntax::Toml
            ),
            Some((
                "`limit` must be a whole number, not text (\"ten\")".into(),
                "write it as e.g. limit = 10".into()
            ))
        );
        assert_eq!(
            wrong_type(
                "invalid type: integer `3`, expected a string",
                "summary",
                Syntax::Yaml
            ),
            Some((
                "`summary` must be text in quotes, not a whole number (3)".into(),
                "write it as e.g. summary: ...".into()
            ))
        );
        let (message, _) = wrong_type(
            "invalid type: boolean `true`, expected a sequence",
            "tags",
            Syntax::Toml,
        )
        .unwrap();
        assert_eq!(message, "`tags` must be a list, not true or false (true)");
        assert_eq!(wrong_type("missing field `title`", "x", Syntax::Toml), None);
        assert_eq!(
            wrong_yaml_scalar("expected string scalar", "summary", " [1, 2]"),
            Some((
                "`summary` must be text in quotes, not [1, 2]".into(),
                "write it as e.g. summary: ...".into()
            ))
        );
        assert_eq!(
            wrong_yaml_scalar("invalid boolean", "draft", "maybe")
                .unwrap()
                .0,
            "`draft` must be true or false, not maybe"
        );
    }

    #[test]
    fn the_key_is_the_name_before_the_value() {
        let text = "[site]\nlimit = \"ten\"\nauthor = { name = 1 }\n\"quoted-key\" = 2\n";
        let at = |needle: &str| text.find(needle).unwrap();
        assert_eq!(key_before(text, at("\"ten\"")), Some("limit"));
        assert_eq!(key_before(text, at("1 }")), Some("name"));
        assert_eq!(key_before(text, at("2\n")), Some("quoted-key"));
        assert_eq!(key_before("title: 3", 7), Some("title"));
        assert_eq!(key_before("[site]", 3), None);
        // A name after a character of several bytes (found by the config property test).
        assert_eq!(key_before("¡é = 1", "¡é = ".len()), Some("é"));
        assert_eq!(key_before("x\u{a0}=", "x\u{a0}=".len()), Some("x"));
    }
}
