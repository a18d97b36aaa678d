//! markdown-it containers, as Eleventy sites use them: `::: name` … `:::`.
//!
//! markdown-it-container's default rendering wraps the content in `<div class="name">`; the
//! content stays Markdown. The markers are whole lines outside code; a longer run of colons
//! opens a container that only as long a run closes, so containers nest.

use super::code_ranges;
use crate::text::escape_html;

/// `text` with its containers rendered, or `None` if it has none.
pub(super) fn expand(text: &str) -> Option<String> {
    let code = code_ranges(text);
    let mut out = String::with_capacity(text.len() + 64);
    let mut open: Vec<usize> = Vec::new();
    let mut changed = false;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let in_code = code.iter().any(|r| r.start <= start && start < r.end);
        let marker = if in_code { None } else { marker(line) };
        match marker {
            Some((colons, "")) if open.last().is_some_and(|&n| colons >= n) => {
                open.pop();
                out.push_str("\n</div>\n");
            }
            Some((colons, info)) if !info.is_empty() => {
                open.push(colons);
                let name = info.split_whitespace().next().unwrap_or_default();
                out.push_str(&format!("<div class=\"{}\">\n\n", escape_html(name)));
            }
            _ => {
                out.push_str(line);
                continue;
            }
        }
        changed = true;
    }
    changed.then_some(out)
}

/// A marker line: the number of colons (at least 3) and the text after them, trimmed.
fn marker(line: &str) -> Option<(usize, &str)> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let colons = trimmed.len() - trimmed.trim_start_matches(':').len();
    (colons >= 3).then(|| (colons, trimmed[colons..].trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn containers_become_divs_and_nest() {
        let text = ":::: note\n*a*\n::: table-wrapper\n| x |\n:::\n::::\n\n```\n::: no\n```\n";
        assert_eq!(
            expand(text).unwrap(),
            "<div class=\"note\">\n\n*a*\n<div class=\"table-wrapper\">\n\n| x |\n\n</div>\n\n</div>\n\n```\n::: no\n```\n"
        );
        assert_eq!(expand("a ::: b\n"), None);
    }
}
