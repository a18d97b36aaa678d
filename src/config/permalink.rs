//! The link pattern for articles that do not give their own `link`.
//!
//! `[site] permalink` is checked once, when the config is read, to use only the placeholders
//! feedwright fills and to contain `{slug}` (without it two articles of a day would share a
//! link); expanding it afterwards cannot fail. Besides the date parts and `{slug}`, a pattern
//! may use `{title}` (the slug as Jekyll's `:title` makes it, case kept: see
//! [`crate::slugify::title_slug`]; under the Hugo preset the title made a URL, as Hugo's
//! `:title`), `{section}` (the first folder under the articles folder, as written),
//! `{path}` (every folder under the articles folder, as written), so that a generator's
//! section prefixes (`/inside-rust/`, `/en/blog/release/`) are kept, `{categories}` (Jekyll's
//! `:categories`: see [`crate::article::preset::jekyll_categories`]), `{filename}` (the file
//! name after its date, slugified, whatever `slug` says: Hugo's `:filename`) and
//! `{slug_or_title}` (`slug`, else the title, slugified: Hugo's `:slug`). An empty
//! placeholder leaves no empty segment behind: `//` collapses to `/`, as Jekyll's
//! `sanitize_url` does; a pattern using `{categories}` is sanitised as that function does in
//! whole ([`jekyll_sanitize`]), since categories are free text.
//!
//! `[site.permalinks]` gives folders their own pattern (Hugo's `permalinks` are per section:
//! `blog = "/:year/:month/:day/:title/"`, every other section keeping
//! `/<folders>/<slug>/`): a key is a folder under the articles folder, and its pattern applies
//! to the records in it and below it, the deepest key first; `[site] permalink` applies to the
//! rest. [`Permalinks`] holds them all.

/// The permalink pattern, checked to use only known placeholders, and the names of the
/// placeholders it uses (asked for every record: see [`Permalink::uses`]).
#[derive(Debug, Clone)]
pub struct Permalink(String, Vec<String>);

/// The pattern when `[site]` gives none.
pub(crate) const DEFAULT: &str = "/{slug}/";

impl Permalink {
    /// Checks `pattern`; the message says what is wrong with it.
    pub fn new(pattern: String) -> Result<Permalink, String> {
        check(&pattern)?;
        let names = pattern
            .split('{')
            .skip(1)
            .filter_map(|rest| Some(rest.split_once('}')?.0.to_string()))
            .collect();
        Ok(Permalink(pattern, names))
    }

    /// Fills the placeholders.
    pub fn expand(&self, year: i32, month: u32, day: u32, slug: &str) -> String {
        self.fill(&Parts {
            year,
            month,
            day,
            slug,
            title: slug,
            filename: slug,
            slug_or_title: slug,
            folders: "",
            categories: "",
        })
    }

    /// Fills every placeholder from `parts`, in one pass over the pattern (a value is never
    /// read again for placeholders).
    pub fn fill(&self, parts: &Parts<'_>) -> String {
        use std::fmt::Write as _;
        let mut out = String::with_capacity(self.0.len() + 64);
        let mut rest = self.0.as_str();
        let mut folders = false;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                rest = &rest[open..];
                break;
            };
            let name = &after[..close];
            let section = || parts.folders.split('/').next().unwrap_or("");
            let text = match name {
                "year" => {
                    let _ = write!(out, "{:04}", parts.year);
                    ""
                }
                "month" => {
                    let _ = write!(out, "{:02}", parts.month);
                    ""
                }
                "day" => {
                    let _ = write!(out, "{:02}", parts.day);
                    ""
                }
                "slug_or_title" => parts.slug_or_title,
                "slug" => parts.slug,
                "title" => parts.title,
                "filename" => parts.filename,
                "categories" => parts.categories,
                "section" | "path" => {
                    folders = true;
                    if name == "path" {
                        parts.folders
                    } else {
                        section()
                    }
                }
                _ => &rest[open..open + close + 2],
            };
            out.push_str(text);
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        if folders {
            while out.contains("//") {
                out = out.replace("//", "/");
            }
        }
        if self.uses("categories") {
            return jekyll_sanitize(&out);
        }
        out
    }

    /// True when the pattern uses the placeholder `{name}`.
    pub fn uses(&self, name: &str) -> bool {
        self.1.iter().any(|n| n == name)
    }
}

/// `[site] permalink` and the folders of `[site.permalinks]` with their own patterns.
#[derive(Debug, Clone)]
pub struct Permalinks {
    /// The site's pattern, for records in no folder of `by_folder`.
    default: Permalink,
    /// Folders (`/`-separated, no leading or trailing `/`) and their patterns, deepest first.
    by_folder: Vec<(String, Permalink)>,
}

impl Permalinks {
    /// The site's pattern `default` and the folders' own, in any order.
    pub fn new(default: Permalink, mut by_folder: Vec<(String, Permalink)>) -> Permalinks {
        by_folder.sort_by(|(a, _), (b, _)| {
            let depth = |s: &str| s.split('/').count();
            depth(b).cmp(&depth(a)).then_with(|| a.cmp(b))
        });
        Permalinks { default, by_folder }
    }

    /// The pattern of a record in `folders` (under the articles folder, `/`-separated): that of
    /// the deepest `[site.permalinks]` folder holding it, else the site's.
    pub fn for_folders(&self, folders: &str) -> &Permalink {
        self.by_folder
            .iter()
            .find(|(dir, _)| {
                folders
                    .strip_prefix(dir.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            })
            .map_or(&self.default, |(_, p)| p)
    }
}

/// A `[site.permalinks]` key as a folder: `/`-separated, without leading or trailing `/`; the
/// message says why it is not one (empty, `.` or `..`, or a wildcard).
pub fn folder_key(key: &str) -> Result<String, String> {
    let folder = key.trim_matches('/');
    let bad = folder.is_empty()
        || folder.contains(['*', '?', '[', '{', '\\'])
        || folder.split('/').any(|s| matches!(s, "" | "." | ".."));
    if bad {
        return Err(format!(
            "[site.permalinks] key {key:?} is not a folder under the articles folder"
        ));
    }
    Ok(folder.to_string())
}

/// What fills a permalink's placeholders for one article.
#[derive(Debug, Clone, Copy)]
pub struct Parts<'a> {
    /// Year of the publication date (in the zone the site shows dates in).
    pub year: i32,
    /// Month, 1-12.
    pub month: u32,
    /// Day, 1-31.
    pub day: u32,
    /// The slug (`{slug}`).
    pub slug: &'a str,
    /// The `{title}` slug.
    pub title: &'a str,
    /// The file name (after its date; a bundle's folder name), slugified, ignoring `slug`.
    pub filename: &'a str,
    /// `slug` if written, else the title, slugified.
    pub slug_or_title: &'a str,
    /// The folders between the articles folder and the record, `/`-separated, as written.
    pub folders: &'a str,
    /// The `{categories}` segment, escaped (empty when the record has none).
    pub categories: &'a str,
}

/// Jekyll's `URL#sanitize_url`: `/` in front, `..` turned into `/`, `./` removed, runs of `/`
/// squeezed; so no placeholder value can climb out of the site's path.
pub fn jekyll_sanitize(url: &str) -> String {
    let mut out = format!("/{url}").replace("..", "/").replace("./", "");
    while out.contains("//") {
        out = out.replace("//", "/");
    }
    out
}

fn check(pattern: &str) -> Result<(), String> {
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let close = rest[open..]
            .find('}')
            .ok_or_else(|| format!("permalink {pattern:?} has an unclosed '{{'"))?;
        let name = &rest[open + 1..open + close];
        if !matches!(
            name,
            "year"
                | "month"
                | "day"
                | "slug"
                | "title"
                | "section"
                | "path"
                | "categories"
                | "filename"
                | "slug_or_title"
        ) {
            return Err(format!(
                "permalink {pattern:?} uses unknown placeholder {{{name}}}"
            ));
        }
        rest = &rest[open + close + 1..];
    }
    let names = ["{slug}", "{title}", "{filename}", "{slug_or_title}"];
    if !names.iter().any(|n| pattern.contains(n)) {
        return Err(format!(
            "permalink {pattern:?} has no {{slug}}, so articles would share a link"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permalink_expands_and_is_checked() {
        let p = Permalink::new("/{year}/{month}/{day}/{slug}/".into()).unwrap();
        assert_eq!(p.expand(2026, 3, 9, "hi"), "/2026/03/09/hi/");
        assert!(Permalink::new("/{yaer}/{slug}/".into()).is_err());
        assert!(Permalink::new("/{year}/".into()).is_err());
        assert!(Permalink::new("/{year".into()).is_err());
        let p = Permalink::new("/{section}/{year}/{title}/".into()).unwrap();
        let parts = |folders| Parts {
            year: 2013,
            month: 5,
            day: 5,
            slug: "rust-1.60.0",
            title: "Rust-1.60.0",
            filename: "file",
            slug_or_title: "rust-1.60.0",
            folders,
            categories: "",
        };
        assert_eq!(
            p.fill(&parts("inside-rust/x")),
            "/inside-rust/2013/Rust-1.60.0/"
        );
        assert_eq!(p.fill(&parts("")), "/2013/Rust-1.60.0/");
        let p = Permalink::new("/{path}/{slug}/".into()).unwrap();
        assert_eq!(p.fill(&parts("en/Post")), "/en/Post/rust-1.60.0/");
        let p = Permalink::new("/{categories}/{year}/{title}.html".into()).unwrap();
        let cats = |categories| Parts {
            categories,
            ..parts("")
        };
        assert_eq!(
            p.fill(&cats("foo%20bar/baz")),
            "/foo%20bar/baz/2013/Rust-1.60.0.html"
        );
        assert_eq!(p.fill(&cats("")), "/2013/Rust-1.60.0.html");
        assert_eq!(p.fill(&cats("../..")), "/2013/Rust-1.60.0.html");
        assert_eq!(p.fill(&cats("a./b")), "/ab/2013/Rust-1.60.0.html");
        // Folders and categories in one pattern: both filled.
        let p = Permalink::new("/{path}/{categories}/{slug}/".into()).unwrap();
        let both = Parts {
            categories: "c",
            ..parts("a/b")
        };
        assert_eq!(p.fill(&both), "/a/b/c/rust-1.60.0/");
        let p = Permalink::new("/{filename}/{slug_or_title}/".into()).unwrap();
        assert_eq!(p.fill(&parts("")), "/file/rust-1.60.0/");
    }

    #[test]
    fn the_deepest_folder_with_a_pattern_wins_else_the_sites() {
        let p = |s: &str| Permalink::new(s.into()).unwrap();
        let links = Permalinks::new(
            p("/{path}/{slug}/"),
            vec![
                ("blog".into(), p("/{year}/{slug}/")),
                ("blog/notes".into(), p("/n/{slug}/")),
            ],
        );
        let pick = |f: &str| {
            links.for_folders(f).fill(&Parts {
                year: 2024,
                month: 1,
                day: 2,
                slug: "x",
                title: "x",
                filename: "x",
                slug_or_title: "x",
                folders: f,
                categories: "",
            })
        };
        assert_eq!(pick("blog"), "/2024/x/");
        assert_eq!(pick("blog/2024"), "/2024/x/");
        assert_eq!(pick("blog/notes/a"), "/n/x/");
        assert_eq!(pick("blogroll"), "/blogroll/x/");
        assert_eq!(pick(""), "/x/");
        assert_eq!(folder_key("/blog/").unwrap(), "blog");
        for bad in ["", "/", "a/../b", "posts/*"] {
            assert!(folder_key(bad).is_err(), "{bad}");
        }
    }
}
