//! Zola: `@/` internal links and Tera shortcodes.
//!
//! Rendered: a link to `@/path/to/file.md#anchor` (in `[text](…)` or a reference definition
//! `[id]: …`) becomes the target's permalink and anchor; the escapes `{{/* … */}}` and
//! `{%/* … */%}` print the shortcode as written (honoured even inside code). Shortcodes
//! (`{{ name(args) }}`, `{% name(args) %}…{% end %}`) are the site's own templates: removed,
//! keeping a body shortcode's inner content. Other `{{`, such as Rust's `{{closure}}`, is
//! text, as in Zola. Heading attributes (`## Title {#id}`) are Markdown's, see
//! [`crate::body::Dialect`].

use super::{Context, Scan};

/// Handles the construct at `at`, if any; see [`super::Scan::run`].
pub(super) fn step(scan: &mut Scan, at: usize, code: bool, cx: &Context) -> Option<usize> {
    let rest = &scan.text[at..];
    if rest.starts_with(']') {
        return if code {
            None
        } else {
            internal_link(scan, at, cx)
        };
    }
    for (open, close) in [("{{", "}}"), ("{%", "%}")] {
        let Some(inner) = rest.strip_prefix(open).and_then(|r| r.strip_prefix("/*")) else {
            continue;
        };
        let end = inner.find(&format!("*/{close}"))?;
        let with = format!("{open}{}{close}", &inner[..end]);
        return Some(scan.replace(at, at + open.len() + 2 + end + 2 + close.len(), &with));
    }
    if code {
        return None;
    }
    let len = shortcode(rest)?;
    Some(scan.remove(
        at,
        at + len,
        "a Zola shortcode (a site template) feedwright cannot render",
    ))
}

/// The length of a shortcode call `{{ name(…) }}`, `{% name(…) %}` or `{% end %}` at the start
/// of `text`.
fn shortcode(text: &str) -> Option<usize> {
    let (open, close) = if text.starts_with("{{") {
        ("{{", "}}")
    } else {
        ("{%", "%}")
    };
    let rest = text.strip_prefix(open)?;
    let end = rest.find(close)?;
    let inner = rest[..end].trim_matches('-').trim();
    let name_end = inner
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(inner.len());
    let (name, after) = inner.split_at(name_end);
    let call = after.trim_start().starts_with('(') && inner.ends_with(')');
    let is = !name.is_empty() && (call || (open == "{%" && inner == "end"));
    is.then_some(open.len() + end + close.len())
}

/// `](@/path.md#anchor)` or `]: @/path.md`: the target's permalink.
fn internal_link(scan: &mut Scan, at: usize, cx: &Context) -> Option<usize> {
    let rest = &scan.text[at..];
    let prefix = ["](@/", "]: @/", "]:@/"]
        .into_iter()
        .find(|p| rest.starts_with(*p))?;
    let start = at + prefix.len() - 2;
    let target = &scan.text[start + 2..];
    let len = target
        .find(|c: char| c.is_whitespace() || c == ')' || c == '>')
        .unwrap_or(target.len());
    let (file, anchor) = match target[..len].split_once('#') {
        Some((f, a)) => (f, format!("#{a}")),
        None => (&target[..len], String::new()),
    };
    let end = start + 2 + len;
    Some(match cx.links.find(file) {
        Some(link) => scan.replace(start, end, &format!("{link}{anchor}")),
        None => scan.remove(start, end, format!("no article `{file}`")),
    })
}

#[cfg(test)]
mod tests {
    use super::super::{expand_test, Removed};
    use crate::config::Preset;

    fn zola(body: &str) -> (String, Vec<Removed>) {
        expand_test(
            Preset::Zola,
            "https://x.org/",
            &[],
            &[("inside/2020/index.md", "https://x.org/inside/2020/")],
            body,
        )
    }

    #[test]
    fn internal_links() {
        let (t, r) = zola(
            "[a](@/inside/2020/index.md#x) [b]\n\n[b]: @/inside/2020/index.md\n`](@/no.md)`\n",
        );
        assert_eq!(
            t,
            "[a](https://x.org/inside/2020/#x) [b]\n\n[b]: https://x.org/inside/2020/\n`](@/no.md)`\n"
        );
        assert!(r.is_empty());
        let (t, r) = zola("[a](@/gone.md)");
        assert_eq!(t, "[a]()");
        assert_eq!(r[0].construct, "@/gone.md");
    }

    #[test]
    fn shortcodes_removed_escapes_and_closures_kept() {
        let (t, r) = zola(
            "{{ youtube(id=\"x\") }}\n{% note(kind=\"a\") %}\nin\n{% end %}\n\
             {{/* yt(id=1) */}} a::{{closure}}\n\n```\n{{ f(x) }}\n```\n",
        );
        assert_eq!(
            t,
            "\n\nin\n\n{{ yt(id=1) }} a::{{closure}}\n\n```\n{{ f(x) }}\n```\n"
        );
        let found: Vec<&str> = r.iter().map(|r| r.construct.as_str()).collect();
        assert_eq!(
            found,
            [
                "{{ youtube(id=\"x\") }}",
                "{% note(kind=\"a\") %}",
                "{% end %}"
            ]
        );
    }
}
