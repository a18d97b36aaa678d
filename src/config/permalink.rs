//! The link pattern for articles that do not give their own `link`.
//!
//! `[site] permalink` is checked once, when the config is read, to use only the placeholders
//! feedwright fills and to contain `{slug}` (without it two articles of a day would share a
//! link); expanding it afterwards cannot fail.

/// The permalink pattern, checked to use only known placeholders.
#[derive(Debug, Clone)]
pub struct Permalink(String);

/// The pattern when `[site]` gives none.
pub(crate) const DEFAULT: &str = "/{slug}/";

impl Permalink {
    /// Checks `pattern`; the message says what is wrong with it.
    pub fn new(pattern: String) -> Result<Permalink, String> {
        check(&pattern)?;
        Ok(Permalink(pattern))
    }

    /// Fills the placeholders.
    pub fn expand(&self, year: i32, month: u32, day: u32, slug: &str) -> String {
        self.0
            .replace("{year}", &format!("{year:04}"))
            .replace("{month}", &format!("{month:02}"))
            .replace("{day}", &format!("{day:02}"))
            .replace("{slug}", slug)
    }
}

fn check(pattern: &str) -> Result<(), String> {
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let close = rest[open..]
            .find('}')
            .ok_or_else(|| format!("permalink {pattern:?} has an unclosed '{{'"))?;
        let name = &rest[open + 1..open + close];
        if !matches!(name, "year" | "month" | "day" | "slug") {
            return Err(format!(
                "permalink {pattern:?} uses unknown placeholder {{{name}}}"
            ));
        }
        rest = &rest[open + close + 1..];
    }
    if !pattern.contains("{slug}") {
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
    }
}
