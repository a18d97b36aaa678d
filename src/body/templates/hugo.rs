//! Hugo shortcodes: `{{< name args >}}` and `{{% name args %}}`, paired or not.
//!
//! Rendered: `figure` (Hugo's markup, on one line), `youtube` and `vimeo` (a link to the video:
//! feeds cannot carry the player), `ref` and `relref` (the target's permalink, or its path),
//! `param` (from `[variables]`), `highlight` (a fenced code block, so Markdown writes it as
//! code), `details` (`<details>` with its summary), and the escapes `{{</* */>}}` and
//! `{{%/* */%}}`, which print the shortcode as written (honoured even inside code). Any other
//! shortcode is removed; a paired one keeps its inner content.

use super::{argument, arguments, embed_link, link_path, Context, Scan};
use crate::text::escape_html;

/// A shortcode delimiter pair.
const DELIMITERS: [(&str, &str); 2] = [("{{<", ">}}"), ("{{%", "%}}")];

/// One shortcode as written.
struct Shortcode {
    /// `{{< /name >}}`.
    closing: bool,
    name: String,
    args: Vec<String>,
    /// Bytes from its `{{`.
    len: usize,
}

/// Handles the construct at `at`, if any; see [`super::Scan::run`].
pub(super) fn step(scan: &mut Scan, at: usize, code: bool, cx: &Context) -> Option<usize> {
    let rest = &scan.text[at..];
    for (open, close) in DELIMITERS {
        if let Some(len) = escaped(rest, open, close) {
            let inner = &rest[open.len()..len - close.len()];
            let inner = inner.trim_start().strip_prefix("/*")?;
            let inner = inner.trim_end().strip_suffix("*/")?;
            return Some(scan.replace(at, at + len, &format!("{open}{inner}{close}")));
        }
    }
    if code {
        return None;
    }
    let sc = shortcode(rest)?;
    let end = at + sc.len;
    if sc.closing {
        return Some(scan.remove(at, end, "the end of a shortcode feedwright cannot render"));
    }
    let a = &sc.args;
    let html = match sc.name.as_str() {
        "figure" => figure(a),
        "youtube" => embed_link(&format!(
            "https://www.youtube.com/watch?v={}",
            argument(a, "id", 0)?
        )),
        "vimeo" => embed_link(&format!("https://vimeo.com/{}", argument(a, "id", 0)?)),
        "ref" | "relref" => {
            let path = argument(a, "path", 0)?;
            let (file, anchor) = path.split_once('#').map_or((path, ""), |(f, a)| (f, a));
            let Some(link) = cx.links.find(file) else {
                return Some(scan.remove(at, end, format!("no article `{file}`")));
            };
            let link = if sc.name == "ref" {
                link.to_string()
            } else {
                link_path(link)
            };
            let hash = if anchor.is_empty() {
                String::new()
            } else {
                format!("#{anchor}")
            };
            format!("{link}{hash}")
        }
        "param" => match cx.variables.get(argument(a, "name", 0)?) {
            Some(v) => v.clone(),
            None => return Some(scan.remove(at, end, "no such key under [variables]")),
        },
        "highlight" | "details" => return paired(scan, at, &sc),
        _ => {
            return Some(scan.remove(
                at,
                end,
                "a shortcode feedwright cannot render as Hugo would",
            ))
        }
    };
    Some(scan.replace(at, end, &html))
}

/// The length of an escaped shortcode `{{</* … */>}}` at the start of `text`.
fn escaped(text: &str, open: &str, close: &str) -> Option<usize> {
    let rest = text.strip_prefix(open)?;
    if !rest.trim_start().starts_with("/*") {
        return None;
    }
    let comment_end = rest.find("*/")?;
    let after = &rest[comment_end + 2..];
    let close_at = after.len() - after.trim_start().len();
    after[close_at..]
        .starts_with(close)
        .then(|| open.len() + comment_end + 2 + close_at + close.len())
}

/// The shortcode at the start of `text`.
fn shortcode(text: &str) -> Option<Shortcode> {
    DELIMITERS.iter().find_map(|(open, close)| {
        let rest = text.strip_prefix(open)?;
        let end = rest.find(close)?;
        let inner = rest[..end].trim();
        let (closing, inner) = match inner.strip_prefix('/') {
            Some(i) => (true, i.trim_start()),
            None => (false, inner.strip_suffix('/').unwrap_or(inner).trim_end()),
        };
        let mut args = arguments(inner);
        if args.is_empty() {
            return None;
        }
        let name = args.remove(0);
        let valid = name
            .chars()
            .all(|c| c.is_alphanumeric() || "-_/".contains(c));
        valid.then_some(Shortcode {
            closing,
            name,
            args,
            len: open.len() + end + close.len(),
        })
    })
}

/// A paired shortcode whose inner content it renders: the whole, up to its closing shortcode,
/// is replaced. Unclosed, only the opening shortcode is removed.
fn paired(scan: &mut Scan, at: usize, sc: &Shortcode) -> Option<usize> {
    let from = at + sc.len;
    let mut search = from;
    let close = loop {
        let Some(i) = scan.text[search..].find("{{").map(|i| search + i) else {
            return Some(scan.remove(at, from, "a paired shortcode with no end"));
        };
        match shortcode(&scan.text[i..]) {
            Some(c) if c.closing && c.name == sc.name => break (i, i + c.len),
            _ => search = i + 2,
        }
    };
    let inner = &scan.text[from..close.0];
    let html = match sc.name.as_str() {
        "highlight" => fenced(argument(&sc.args, "lang", 0).unwrap_or(""), inner),
        _ => {
            let summary = argument(&sc.args, "summary", 0).unwrap_or("Details");
            let open = if argument(&sc.args, "open", 9) == Some("true") {
                " open"
            } else {
                ""
            };
            format!(
                "<details{open}>\n<summary>{}</summary>\n\n{}\n\n</details>",
                escape_html(summary),
                inner.trim()
            )
        }
    };
    Some(scan.replace(at, close.1, &html))
}

/// `code` as a fenced code block in `lang`, its fence longer than any backtick run inside.
fn fenced(lang: &str, code: &str) -> String {
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    let code = code.trim_matches(['\n', '\r']);
    format!("{fence}{lang}\n{code}\n{fence}")
}

/// Hugo's `figure` shortcode markup, on one line.
fn figure(args: &[String]) -> String {
    let get = |k: &str| argument(args, k, 99).map(escape_html);
    let mut out = String::from("<figure");
    if let Some(c) = get("class") {
        out.push_str(&format!(" class=\"{c}\""));
    }
    out.push('>');
    let link = get("link");
    if let Some(l) = &link {
        out.push_str(&format!("<a href=\"{l}\">"));
    }
    out.push_str(&format!("<img src=\"{}\"", get("src").unwrap_or_default()));
    if let Some(alt) = get("alt").or_else(|| get("caption")) {
        out.push_str(&format!(" alt=\"{alt}\""));
    }
    for k in ["width", "height", "loading"] {
        if let Some(v) = get(k) {
            out.push_str(&format!(" {k}=\"{v}\""));
        }
    }
    out.push('>');
    if link.is_some() {
        out.push_str("</a>");
    }
    let (title, caption, attr) = (get("title"), get("caption"), get("attr"));
    if title.is_some() || caption.is_some() || attr.is_some() {
        out.push_str("<figcaption>");
        if let Some(t) = title {
            out.push_str(&format!("<h4>{t}</h4>"));
        }
        if caption.is_some() || attr.is_some() {
            out.push_str(&format!(
                "<p>{}{}</p>",
                caption.unwrap_or_default(),
                attr.unwrap_or_default()
            ));
        }
        out.push_str("</figcaption>");
    }
    out.push_str("</figure>");
    out
}

#[cfg(test)]
mod tests {
    use super::super::{expand_test, Removed};
    use crate::config::Preset;

    fn hugo(body: &str) -> (String, Vec<Removed>) {
        expand_test(
            Preset::Hugo,
            "https://x.org/",
            &[("team", "Ops")],
            &[("post/a.md", "https://x.org/post/a/")],
            body,
        )
    }

    #[test]
    fn figure_youtube_ref_param() {
        let (t, r) = hugo(
            "{{< figure src=\"/i.png\" alt=\"A\" caption=\"C\" link=\"/big\" >}}\n\n\
             {{< youtube dQw4 >}}\n\n[a]({{< ref \"post/a.md#s\" >}}) [b]({{< relref post/a.md >}}) {{< param team >}}\n",
        );
        assert_eq!(
            t,
            "<figure><a href=\"/big\"><img src=\"/i.png\" alt=\"A\"></a><figcaption><p>C</p>\
             </figcaption></figure>\n\n<p><a href=\"https://www.youtube.com/watch?v=dQw4\">\
             https://www.youtube.com/watch?v=dQw4</a></p>\n\n[a](https://x.org/post/a/#s) [b](/post/a/) Ops\n"
        );
        assert!(r.is_empty());
    }

    #[test]
    fn highlight_details_and_escapes() {
        let (t, r) = hugo(
            "{{< highlight go \"linenos=true\" >}}\nx := `a`\n{{< /highlight >}}\n\n\
             {{% details summary=\"More\" %}}\n*in*\n{{% /details %}}\n\n\
             ```\n{{</* figure src=\"x\" */>}}\n```\n",
        );
        assert_eq!(
            t,
            "```go\nx := `a`\n```\n\n<details>\n<summary>More</summary>\n\n*in*\n\n</details>\n\n\
             ```\n{{< figure src=\"x\" >}}\n```\n"
        );
        assert!(r.is_empty());
    }

    #[test]
    fn unknown_shortcodes_keep_inner_content() {
        let (t, r) = hugo("{{< plotly json=\"a\" >}}\n{{< note >}}kept{{< /note >}} `{{< x >}}`\n");
        assert_eq!(t, "\nkept `{{< x >}}`\n");
        let found: Vec<&str> = r.iter().map(|r| r.construct.as_str()).collect();
        assert_eq!(
            found,
            ["{{< plotly json=\"a\" >}}", "{{< note >}}", "{{< /note >}}"]
        );
    }
}
