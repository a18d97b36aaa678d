//! The `feeds.toml` text for a [`Plan`]: ordinary keys only, each with the comment saying where
//! its value came from or what was assumed, so that a reader can check and edit every line.

use std::fmt::Write;

use super::{FeedPlan, Noted, Person, Plan};

/// The `feeds.toml` text for `plan`.
pub fn feeds_toml(plan: &Plan) -> String {
    let mut out = String::new();
    let gen = plan.generator.name();
    let _ = writeln!(
        out,
        "# feeds.toml written by `feedwright init --from {gen}` from this site's own configuration."
    );
    comment(&mut out, &format!("Read: {}.", read_list(&plan.read)));
    comment(
        &mut out,
        "Every setting below is an ordinary feedwright key (see the README): check and edit freely.",
    );
    for note in &plan.notes {
        comment(&mut out, note);
    }
    for step in plan.lock_steps() {
        comment(
            &mut out,
            &format!(
                "Entry ids are not the post URLs: before the first build, keep the ids the \
                 site's feed publishes today, so switching re-delivers nothing:\n  {step}"
            ),
        );
    }
    out.push_str("\n[site]\n");
    comment(
        &mut out,
        &format!("{gen}'s front matter keys, dates, summaries and link overrides."),
    );
    key(&mut out, "preset", &string(gen));
    noted(&mut out, "title", &plan.title, |s| string(s));
    noted(&mut out, "url", &plan.url, |s| string(s));
    noted(&mut out, "description", &plan.description, |s| string(s));
    if let Some(language) = &plan.language {
        noted(&mut out, "language", language, |s| string(s));
    }
    noted(&mut out, "timezone", &plan.timezone, |s| string(s));
    noted(&mut out, "author", &plan.author, person);
    noted(&mut out, "articles", &plan.articles, |s| string(s));
    if let Some(output) = &plan.output {
        noted(&mut out, "output", output, |s| string(s));
    }
    noted(&mut out, "permalink", &plan.permalink, |s| string(s));
    noted(&mut out, "slugify", &plan.slugify, |s| string(s));
    noted(&mut out, "id", &plan.id, |s| string(s));
    if let Some(on) = &plan.date_from_path {
        noted(&mut out, "date_from_path", on, bool::to_string);
    }
    if !plan.include.is_empty() {
        key(&mut out, "include", &list(&plan.include));
    }
    if !plan.exclude.value.is_empty() {
        noted(&mut out, "exclude", &plan.exclude, |v| list(v));
    }
    if !plan.permalinks.is_empty() {
        out.push_str(
            "\n# Folders with their own link pattern; the others take `permalink` above.\n",
        );
        out.push_str("[site.permalinks]\n");
        for (folder, pattern) in &plan.permalinks {
            noted(&mut out, &bare_key(folder), pattern, |s| string(s));
        }
    }
    if !plan.variables.is_empty() {
        out.push_str("\n# Values the articles' template syntax reads (`{{ site.NAME }}`).\n");
        out.push_str("[variables]\n");
        for (k, v) in &plan.variables {
            key(&mut out, &bare_key(k), &string(v));
        }
    }
    for feed in &plan.feeds {
        write_feed(&mut out, feed);
    }
    out
}

/// One `[[feeds]]` table.
fn write_feed(out: &mut String, feed: &FeedPlan) {
    out.push('\n');
    for note in &feed.notes {
        comment(out, note);
    }
    out.push_str("[[feeds]]\n");
    key(out, "name", &string(&feed.name));
    for (k, v) in [("title", &feed.title), ("description", &feed.description)] {
        if let Some(v) = v {
            key(out, k, &string(v));
        }
    }
    let o = &feed.outputs;
    for (k, v) in [("rss", &o.rss), ("atom", &o.atom), ("json", &o.json)] {
        if let Some(v) = v {
            key(out, k, &string(v));
        }
    }
    if let Some(limit) = &feed.limit {
        noted(out, "limit", limit, |n| n.to_string());
    }
    for (k, v) in [
        ("tags", &feed.tags),
        ("include", &feed.include),
        ("exclude", &feed.exclude),
    ] {
        if !v.is_empty() {
            key(out, k, &list(v));
        }
    }
    if let Some(content) = &feed.content {
        key(out, "content", &string(content));
    }
}

/// The files read, those of one folder counted when there are many (Hugo's `config/_default/`).
fn read_list(files: &[String]) -> String {
    let mut shown: Vec<String> = vec![];
    let mut i = 0;
    while i < files.len() {
        let dir = super::parent(&files[i]);
        let run = files[i..]
            .iter()
            .take_while(|f| super::parent(f) == dir)
            .count();
        if run > 4 && !dir.is_empty() {
            shown.push(format!("{dir}/ ({run} files)"));
        } else {
            shown.extend(files[i..i + run].iter().cloned());
        }
        i += run;
    }
    shown.join(", ")
}

/// `# text`, one comment line per line of `text`.
fn comment(out: &mut String, text: &str) {
    for line in text.lines() {
        let _ = writeln!(out, "# {line}");
    }
}

/// `name = value`.
fn key(out: &mut String, name: &str, value: &str) {
    let _ = writeln!(out, "{name} = {value}");
}

/// A key with its note above it.
fn noted<T>(out: &mut String, name: &str, v: &Noted<T>, show: impl Fn(&T) -> String) {
    if let Some(note) = &v.note {
        comment(out, note);
    }
    key(out, name, &show(&v.value));
}

/// A TOML basic string.
fn string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A TOML array of strings.
fn list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| string(s)).collect();
    format!("[{}]", items.join(", "))
}

/// A TOML inline table for a person.
fn person(p: &Person) -> String {
    let mut parts = vec![format!("name = {}", string(&p.name))];
    if let Some(email) = &p.email {
        parts.push(format!("email = {}", string(email)));
    }
    if let Some(uri) = &p.uri {
        parts.push(format!("uri = {}", string(uri)));
    }
    format!("{{ {} }}", parts.join(", "))
}

/// A key as TOML writes it: bare when it can be, quoted otherwise.
fn bare_key(k: &str) -> String {
    let bare = !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare {
        k.to_string()
    } else {
        string(k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adopt::{Generator, Outputs};

    #[test]
    fn every_value_is_an_ordinary_key_with_its_note_above() {
        let mut plan = Plan::empty(Generator::Zola);
        plan.read = vec!["config.toml".into()];
        plan.title = Noted::new("Blog \"x\"".into(), "from config.toml `title`");
        plan.url = Noted::bare("https://x.org/".into());
        plan.author = Noted::bare(Person {
            name: "A".into(),
            email: Some("a@x.org".into()),
            uri: None,
        });
        plan.articles = Noted::bare("content".into());
        plan.feeds.push(FeedPlan {
            name: "main".into(),
            outputs: Outputs {
                atom: Some("atom.xml".into()),
                ..Outputs::default()
            },
            exclude: vec!["inside/**".into()],
            notes: vec!["the root section".into()],
            ..FeedPlan::default()
        });
        let text = feeds_toml(&plan);
        assert!(
            text.contains("# from config.toml `title`\ntitle = 'Blog \"x\"'\n"),
            "{text}"
        );
        assert!(text.contains("author = { name = \"A\", email = \"a@x.org\" }\n"));
        assert!(text.contains(
            "# the root section\n[[feeds]]\nname = \"main\"\natom = \"atom.xml\"\nexclude = [\"inside/**\"]\n"
        ));
        assert!(text.contains("preset = \"zola\"\n"));
    }
}
