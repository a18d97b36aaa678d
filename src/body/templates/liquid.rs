//! Liquid, as Jekyll and Eleventy run it over a Markdown body before Markdown.
//!
//! Rendered: `{% raw %}…{% endraw %}` (inner text as written, even inside code, where Liquid
//! runs too), `{% comment %}…{% endcomment %}` (nothing), `{{ site.X }}` and other variables
//! from `[variables]` (`site.url` and `site.baseurl` default to the site URL's origin and
//! path), the `relative_url` and `absolute_url` filters, and for Jekyll `{% link path %}`,
//! `{% post_url name %}` (the target's `relative_url`) and `{% highlight lang %}` (the HTML
//! Jekyll's highlight tag writes, without colouring). Any other tag or output is removed.

use super::{delimited, link_path, Context, Scan};
use crate::config::Preset;
use crate::text::escape_html;

/// Handles the construct at `at`, if any; see [`super::Scan::run`].
pub(super) fn step(scan: &mut Scan, at: usize, code: bool, cx: &Context) -> Option<usize> {
    let rest = &scan.text[at..];
    if let Some((inner, len)) = delimited(rest, "{%", "%}") {
        let (name, args) = tag(inner);
        return match name {
            "raw" => block(scan, at, len, "endraw", |inner| inner.to_string()),
            _ if code => None,
            "comment" => block(scan, at, len, "endcomment", |_| String::new()),
            "highlight" if cx.preset == Preset::Jekyll => {
                block(scan, at, len, "endhighlight", |inner| {
                    highlight(args, &unraw(inner))
                })
            }
            "link" | "post_url" if cx.preset == Preset::Jekyll => {
                let found = match name {
                    "link" => cx.links.find(args),
                    _ => cx.links.post(args),
                };
                Some(match found {
                    Some(link) => scan.replace(at, at + len, &link_path(link)),
                    None => scan.remove(at, at + len, format!("no article `{args}`")),
                })
            }
            _ => Some(scan.remove(at, at + len, unknown(cx, "tag"))),
        };
    }
    if code {
        return None;
    }
    let (inner, len) = delimited(rest, "{{", "}}")?;
    Some(match output(inner.trim_matches('-').trim(), cx) {
        Some(value) => scan.replace(at, at + len, &value),
        None => scan.remove(at, at + len, unknown(cx, "output")),
    })
}

fn unknown(cx: &Context, what: &str) -> String {
    let generator = match cx.preset {
        Preset::Eleventy => "Eleventy",
        _ => "Jekyll",
    };
    format!("a Liquid {what} feedwright cannot render as {generator} would")
}

/// A tag's name and arguments: `{%- highlight ruby -%}` -> (`highlight`, `ruby`).
fn tag(inner: &str) -> (&str, &str) {
    let inner = inner.trim_matches('-').trim();
    match inner.split_once(char::is_whitespace) {
        Some((name, args)) => (name, args.trim()),
        None => (inner, ""),
    }
}

/// A paired tag opened at `at` (`len` bytes) and closed by `{% close %}`: replaced whole by
/// `render(inner)`. Unclosed, it is left as written.
fn block(
    scan: &mut Scan,
    at: usize,
    len: usize,
    close: &str,
    render: impl FnOnce(&str) -> String,
) -> Option<usize> {
    let from = at + len;
    let mut search = from;
    loop {
        let i = search + scan.text[search..].find("{%")?;
        let (inner, clen) = delimited(&scan.text[i..], "{%", "%}")?;
        if tag(inner).0 == close {
            let html = render(&scan.text[from..i]);
            return Some(scan.replace(at, i + clen, &html));
        }
        search = i + 2;
    }
}

/// `text` with its `{% raw %}` blocks replaced by their content (and nothing else rendered),
/// as Liquid leaves the inside of a `{% highlight %}` block.
fn unraw(text: &str) -> String {
    let mut scan = Scan::new(text);
    scan.run(b"{", |s, at, _| {
        let (inner, len) = delimited(&s.text[at..], "{%", "%}")?;
        if tag(inner).0 != "raw" {
            return None;
        }
        block(s, at, len, "endraw", str::to_string)
    });
    scan.finish().0.unwrap_or_else(|| text.to_string())
}

/// `{% highlight lang %}`: Jekyll's `add_code_tag` markup, the code escaped, on one line (its
/// line ends written `&#10;`) so that Markdown keeps it one HTML block.
fn highlight(args: &str, code: &str) -> String {
    let lang = args
        .split_whitespace()
        .next()
        .unwrap_or("plaintext")
        .replace('+', "-");
    let lang = escape_html(&lang);
    let code = code.trim_matches(['\n', '\r']);
    let code = escape_html(code).replace('\n', "&#10;");
    format!(
        "<figure class=\"highlight\"><pre><code class=\"language-{lang}\" data-lang=\"{lang}\">\
         {code}</code></pre></figure>"
    )
}

/// An output `{{ operand | filter ... }}`: its value, or `None` if it reads anything unknown.
fn output(inner: &str, cx: &Context) -> Option<String> {
    let mut parts = inner.split('|').map(str::trim);
    let mut value = operand(parts.next()?, cx)?;
    for filter in parts {
        value = match filter {
            "relative_url" => relative_url(&value, cx),
            "absolute_url" => format!("{}{}", origin(cx), relative_url(&value, cx)),
            _ => return None,
        };
    }
    Some(value)
}

/// A quoted string, or a variable: as written in `[variables]`, else without its `site.`
/// prefix, else `site.url` / `site.baseurl` from the site URL.
fn operand(text: &str, cx: &Context) -> Option<String> {
    for q in ['"', '\''] {
        if let Some(s) = text.strip_prefix(q).and_then(|t| t.strip_suffix(q)) {
            return Some(s.to_string());
        }
    }
    let short = text.strip_prefix("site.");
    let found = cx
        .variables
        .get(text)
        .or_else(|| short.and_then(|k| cx.variables.get(k)));
    if let Some(v) = found {
        return Some(v.clone());
    }
    match short? {
        "url" => Some(origin(cx)),
        "baseurl" => Some(baseurl(cx)),
        _ => None,
    }
}

/// `site.url`: `[variables] url`, else the site URL's scheme and host.
fn origin(cx: &Context) -> String {
    match cx.variables.get("url") {
        Some(u) => u.trim_end_matches('/').to_string(),
        None => cx.site.origin().ascii_serialization(),
    }
}

/// `site.baseurl`: `[variables] baseurl`, else the site URL's path without its trailing `/`.
fn baseurl(cx: &Context) -> String {
    match cx.variables.get("baseurl") {
        Some(b) => b.trim_end_matches('/').to_string(),
        None => cx.site.path().trim_end_matches('/').to_string(),
    }
}

/// Jekyll's `relative_url`: the base URL, then the path with a leading `/`; an absolute URL
/// is kept.
fn relative_url(path: &str, cx: &Context) -> String {
    if path.contains("://") {
        return path.to_string();
    }
    format!("{}/{}", baseurl(cx), path.trim_start_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::super::{expand_test, Removed};
    use super::*;

    fn jekyll(body: &str) -> (String, Vec<Removed>) {
        expand_test(
            Preset::Jekyll,
            "https://x.org/docs/",
            &[("repository", "https://github.com/x/y")],
            &[("_posts/2013-05-06-one.md", "https://x.org/docs/2013/one/")],
            body,
        )
    }

    #[test]
    fn raw_keeps_its_text_even_in_code() {
        let (t, r) =
            jekyll("a {% raw %}{{ x }}{% endraw %} b\n\n```\n{%raw%}{% if %}{%endraw%}\n```\n");
        assert_eq!(t, "a {{ x }} b\n\n```\n{% if %}\n```\n");
        assert!(r.is_empty());
    }

    #[test]
    fn variables_and_url_filters() {
        let (t, r) = jekyll(
            "[r]({{ site.repository }}/issues) {{site.url}}{{ site.baseurl }} \
             {{ \"/a.png\" | relative_url }} {{ '/a' | absolute_url }}",
        );
        assert_eq!(
            t,
            "[r](https://github.com/x/y/issues) https://x.org/docs /docs/a.png https://x.org/docs/a"
        );
        assert!(r.is_empty());
    }

    #[test]
    fn link_post_url_and_highlight() {
        let (t, r) = jekyll(
            "[a]({% link _posts/2013-05-06-one.md %}) [b]({% post_url 2013-05-06-one %})\n\n\
             {% highlight c++ %}\nif (a < b)\n\n  {%raw%}{{ x }}{%endraw%};\n{% endhighlight %}\n",
        );
        assert_eq!(
            t,
            "[a](/docs/2013/one/) [b](/docs/2013/one/)\n\n<figure class=\"highlight\"><pre>\
             <code class=\"language-c--\" data-lang=\"c--\">if (a &lt; b)&#10;&#10;  {{ x }};</code>\
             </pre></figure>\n"
        );
        assert!(r.is_empty());
    }

    #[test]
    fn unknown_constructs_are_removed_outside_code_only() {
        let body = "{% include note.html %}x {{ page.title }} {% comment %}no{% endcomment %}\
                    `{{ a }}` {% link nowhere.md %}\n";
        let (t, r) = jekyll(body);
        assert_eq!(t, "x  `{{ a }}` \n");
        let found: Vec<(usize, &str)> =
            r.iter().map(|r| (r.offset, r.construct.as_str())).collect();
        assert_eq!(
            found,
            [
                (0, "{% include note.html %}"),
                (25, "{{ page.title }}"),
                (83, "{% link nowhere.md %}")
            ]
        );
    }
}
