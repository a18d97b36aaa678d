//! A person (the site's author, an entry of `[authors]`, an article's author) and the one check
//! every written person passes.
//!
//! People are written in two places, `feeds.toml` and front matter, in the same three fields.
//! [`validate`] is the only function that checks them, so both places give the same messages
//! and hints and clean the text the same way; where the problems are placed is the caller's
//! [`Origin`]. The home page and e-mail address pass the rules of [`crate::address`], as every
//! address does.

use super::raw::clean;
use crate::address::{self, Field, Refusal};
use crate::diagnostics::Problems;

/// A person: an author of an article or the site's default author.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Person {
    /// Display name (never empty).
    pub name: String,
    /// E-mail address, if given (one `@`, no white space or controls).
    pub email: Option<String>,
    /// Home page, if given: an http(s) URL or a `mailto:` address, as the URL parser writes it.
    pub uri: Option<String>,
}

/// A person's fields as written, wherever they were written.
#[derive(Debug, Clone, Copy)]
pub struct Written<'a> {
    /// Name.
    pub name: &'a str,
    /// E-mail address.
    pub email: Option<&'a str>,
    /// Home page.
    pub uri: Option<&'a str>,
}

/// Where a person was written: how messages name them, and the keys their problems are placed
/// on.
#[derive(Debug, Clone, Copy)]
pub struct Origin<'a> {
    /// The subject of messages, such as `site author` or `author "niamh"`.
    pub who: &'a str,
    /// The key a problem with the name is placed on.
    pub name_key: &'a str,
    /// The key a problem with the home page is placed on.
    pub uri_key: &'a str,
    /// The key a problem with the e-mail address is placed on.
    pub email_key: &'a str,
}

/// How problems with a home page read (the key and name come from the [`Origin`]).
const HOME_PAGE: Field<'static> = Field {
    key: "",
    name: "",
    malformed: "is not an absolute URL",
    scheme: "is not an http(s) or mailto: URL",
    hint: "write it in full, e.g. https://example.com/",
};

/// How problems with an e-mail address read (the key and name come from the [`Origin`]).
const EMAIL: Field<'static> = Field {
    key: "",
    name: "",
    malformed: "is not an e-mail address",
    scheme: "is not an e-mail address",
    hint: "write only the address, e.g. ada@example.org",
};

/// Checks a written person: the name must not be empty, a home page must be an http(s) URL
/// or a `mailto:` address ([`address::home_page`]), an e-mail an address ([`address::email`]).
/// Every problem goes to `problems`; `None` when the name is empty.
pub fn validate(
    written: Written<'_>,
    origin: Origin<'_>,
    problems: &mut Problems<'_>,
) -> Option<Person> {
    let name = clean(written.name);
    if name.is_empty() {
        problems.error(
            origin.name_key,
            format!("{} has an empty name", origin.who),
            "give every author a name",
        );
    }
    let uri = written.uri.map(str::trim).filter(|u| !u.is_empty());
    let uri = uri.and_then(|u| {
        address::home_page(u)
            .map_err(|refusal| {
                let name = format!("{} uri", origin.who);
                refused(HOME_PAGE, origin.uri_key, &name, u, &refusal, problems);
            })
            .ok()
    });
    let email = written.email.map(str::trim).filter(|e| !e.is_empty());
    if let Some(e) = email {
        if let Err(refusal) = address::email(e) {
            let name = format!("{} email", origin.who);
            refused(EMAIL, origin.email_key, &name, e, &refusal, problems);
        }
    }
    let person = Person {
        name,
        email: email.map(clean),
        uri: uri.map(String::from),
    };
    (!person.name.is_empty()).then_some(person)
}

/// Reports that `raw`, the field `name` of a person (`author "bob" uri`), is refused: worded
/// by `wording`, placed on `key`.
fn refused(
    wording: Field<'_>,
    key: &str,
    name: &str,
    raw: &str,
    refusal: &Refusal,
    problems: &mut Problems<'_>,
) {
    let field = Field {
        key,
        name,
        ..wording
    };
    field.report(raw, refusal, problems);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const ORIGIN: Origin<'static> = Origin {
        who: "author",
        name_key: "authors",
        uri_key: "authors",
        email_key: "authors",
    };

    fn check(name: &str, email: Option<&str>, uri: Option<&str>) -> (Option<Person>, Vec<String>) {
        let text = "title = \"t\"\nauthors = [{ name = \" \" }]\n";
        let mut problems = Problems::new(Path::new("a.md")).keys_in(text, 2);
        let written = Written { name, email, uri };
        let person = validate(written, ORIGIN, &mut problems);
        let messages = problems.into_vec().iter().map(|d| d.to_string()).collect();
        (person, messages)
    }

    #[test]
    fn cleans_the_fields_and_drops_empty_ones() {
        let (p, problems) = check(" Ada \t Lovelace ", Some("  "), Some(" https://a.org/ "));
        assert!(problems.is_empty(), "{problems:?}");
        let p = p.unwrap();
        assert_eq!(p.name, "Ada Lovelace");
        assert_eq!(p.email, None);
        assert_eq!(p.uri.as_deref(), Some("https://a.org/"));
    }

    #[test]
    fn reports_every_problem_on_its_key() {
        let (p, problems) = check(" ", None, Some("a.org/x"));
        assert!(p.is_none());
        assert_eq!(
            problems,
            [
                "a.md:3:1: error: author has an empty name\n  hint: give every author a name",
                "a.md:3:1: error: author uri \"a.org/x\" is not an absolute URL\n  hint: write it in full, e.g. https://example.com/",
            ]
        );
    }
}
