#!/usr/bin/env python3
"""Independent judge of one built feedwright site.

Reads the site's feeds.toml and article records itself (tomllib, PyYAML; none of feedwright's
code), works out what every feed must contain, then checks each output file:

* feedparser (the parser behind many readers) must read it with bozo == 0, and what it extracts
  for every entry (title, link, id, published, updated, authors, summary, content, tags) must
  equal what the source article says, after only the normalisation the README documents
  (white space in titles and tags folded; characters feeds cannot carry removed).
* JSON Feed files must pass the JSON Schema written from the 1.1 spec, plus the rules a schema
  cannot state (absolute URLs, RFC 3339 dates, unique string ids, content present).
* Our own rules, from the RSS Best Practices Profile and the validator-clean issue: RFC 822
  dates with four-digit years, atom:link rel=self equal to the feed's real URL, absolute
  http(s) URLs everywhere, guid isPermaLink only when it is one, dc:creator rather than author
  without an e-mail, one channel language, plain-text elements with & and < written as
  hexadecimal character references, no relative or fragment-only URL in any href/src/srcset,
  no script/on*/javascript: in HTML, balanced HTML, no forbidden characters anywhere; Atom's
  Schematron rules that RELAX NG cannot check (an author for every entry, unique ids, an
  alternate link).
* Enclosures: every entry's RSS `enclosure`, Atom `rel="enclosure"` link (as feedparser reads
  them) and JSON Feed attachment equal the record's `enclosure` (a file's URL and size worked
  out here from the articles folder); a podcast feed's channel carries the iTunes tags its
  `podcast` table gives, `podcast:guid` computed here (Python's uuid5), one enclosure per item.

Usage: judge.py SITE_DIR NOW_RFC3339  -> prints a summary line; exit 1 on any failure.
"""

import datetime as dt
import html
import html.parser
import itertools
import json
import mimetypes
import os
import re
import sys
import tomllib
import unicodedata
import urllib.parse
import uuid
import xml.etree.ElementTree as ET
import zoneinfo

import feedparser
import html5lib
import jsonschema
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
FAILURES = []
COUNTS = {"feeds": 0, "entries": 0}


def fail(where, message):
    FAILURES.append(f"{where}: {message}")


# ------------------------------------------------------------------ the source, read independently


def forbidden(c):
    u = ord(c)
    return (
        (u < 0x20 and c not in "\t\n\r")
        or 0x7F <= u <= 0x9F
        or 0xFDD0 <= u <= 0xFDEF
        or (u & 0xFFFE) == 0xFFFE
    )


def clean(s):
    return "".join(c for c in s if not forbidden(c))


def fold(s):
    return " ".join(clean(s).split())


def slugify(s):
    out = re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")
    return out


def parse_date(value, tz):
    if isinstance(value, dt.datetime):
        d = value if value.tzinfo else value.replace(tzinfo=tz)
        return d.replace(microsecond=0)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=tz)
    s = str(value).strip()
    try:
        d = dt.datetime.fromisoformat(s.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    if d.tzinfo is None:
        if len(s) == 10:
            d = dt.datetime(d.year, d.month, d.day)
        d = d.replace(tzinfo=tz)
    return d.replace(microsecond=0)


def read_site(site_dir):
    with open(os.path.join(site_dir, "feeds.toml"), "rb") as f:
        cfg = tomllib.load(f)
    s = cfg["site"]
    url = s["url"] if s["url"].endswith("/") else s["url"] + "/"
    tz = zoneinfo.ZoneInfo(s.get("timezone", "UTC"))
    people = cfg.get("authors", {})
    site_author = s["author"]["name"]

    def person(name):
        if name in people:
            return people[name]["name"]
        return name

    feeds = cfg.get("feeds") or [
        {"name": "main", "rss": "rss.xml", "atom": "atom.xml", "json": "feed.json"}
    ]
    out_dir = os.path.join(site_dir, s.get("output", "public"))
    if "preset" in s:
        # A generator preset reads its generator's keys, dates, slugs and ids, which this judge
        # does not model: its sites get every format rule, and their fields are checked against
        # the generators' rules by tests/cli/presets.rs instead.
        return url, feeds, None, out_dir
    articles = []
    root = os.path.join(site_dir, s.get("articles", "articles"))
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for fn in sorted(filenames):
            if fn.startswith("."):
                continue
            ext = fn.rsplit(".", 1)[-1].lower() if "." in fn else ""
            if ext not in ("md", "markdown", "html", "htm", "txt"):
                continue
            path = os.path.join(dirpath, fn)
            text = open(path, encoding="utf-8").read().lstrip("\ufeff")
            text = clean(text).replace("\r\n", "\n")
            fm, body = {}, text
            first = text.split("\n", 1)[0].strip()
            if first in ("+++", "---"):
                rest = text.split("\n", 1)[1] if "\n" in text else ""
                lines = rest.split("\n")
                end = next(i for i, l in enumerate(lines) if l.rstrip() == first)
                src = "\n".join(lines[:end])
                body = "\n".join(lines[end + 1 :])
                if first == "+++":
                    fm = tomllib.loads(src)
                else:
                    fm = yaml.load(src, Loader=yaml.BaseLoader) or {}
            stem = fn.rsplit(".", 1)[0]
            m = re.match(r"^(\d{4}-\d{2}-\d{2})[-_]*(.*)$", stem)
            name_date, name_slug = (m.group(1), m.group(2)) if m else (None, stem)
            title = fm.get("title")
            if title is None and ext == "txt":
                title = body.strip().split("\n", 1)[0]
            date = parse_date(fm["date"], tz) if "date" in fm else parse_date(name_date, tz)
            updated = parse_date(fm["updated"], tz) if "updated" in fm else None
            raw_authors = fm.get("authors", [])
            if isinstance(raw_authors, (str, dict)):
                raw_authors = [raw_authors]
            if "author" in fm:
                raw_authors = [fm["author"]] + list(raw_authors)
            authors = []
            for a in raw_authors:
                n = person(a.strip()) if isinstance(a, str) else person(a["name"].strip())
                n = fold(n)
                if n not in authors:
                    authors.append(n)
            if not authors:
                authors = [site_author]
            tags = fm.get("tags", [])
            if isinstance(tags, str):
                tags = [tags]
            tag_list = []
            for t in tags:
                t = fold(t)
                if t and t not in tag_list:
                    tag_list.append(t)
            slug = fm.get("slug") or slugify(name_slug) or slugify(title or "")
            ascii_name = all(ord(c) < 128 for c in name_slug)
            host = urllib.parse.urlsplit(url).hostname
            path_part = urllib.parse.urlsplit(url).path.strip("/")
            default_id = f"tag:{host},{date:%Y-%m-%d}:{path_part + '/' if path_part else ''}{slug}"
            permalink = s.get("permalink", "/{slug}/")
            rel = (
                permalink.replace("{year}", f"{date.year:04}")
                .replace("{month}", f"{date.month:02}")
                .replace("{day}", f"{date.day:02}")
                .replace("{slug}", slug)
            )
            link = fm.get("link")
            if link is None:
                link = urllib.parse.urljoin(url, rel.lstrip("/"))
            elif not re.match(r"^https?://", link):
                link = urllib.parse.urljoin(url, link.lstrip("/"))
            articles.append(
                {
                    "path": os.path.relpath(path, root),
                    "title": fold(title),
                    "published": date,
                    "updated": updated,
                    "authors": authors,
                    "tags": tag_list,
                    "id": fm.get("id") or default_id,
                    "id_exact": "id" in fm or ascii_name or "slug" in fm,
                    "link": link,
                    "draft": str(fm.get("draft", "false")).lower() == "true",
                    "summary": fold(fm["summary"]) if fm.get("summary", "").strip() else None,
                    "enclosure": enclosure_of(fm, dirpath, root, url),
                }
            )
    feeds = cfg.get("feeds") or [
        {"name": "main", "rss": "rss.xml", "atom": "atom.xml", "json": "feed.json"}
    ]
    out_dir = os.path.join(site_dir, s.get("output", "public"))
    return url, feeds, articles, out_dir


def enclosure_of(fm, dirpath, root, url):
    """(url, length, type) of a record's enclosure, as the README's Podcasts section says: an
    absolute URL with its length and type, or a file in the articles folder (beside the record,
    or from the folder with a leading /) served at the site url plus its path there, its length
    the file's size, its type from the extension (Apple's audio/x-m4a for .m4a)."""
    enc = fm.get("enclosure")
    if enc is None:
        return None
    if isinstance(enc, str):
        enc = {"url": enc}
    u = enc["url"]
    if re.match(r"^https?://", u):
        return (u, int(enc["length"]), enc["type"])
    base = "" if u.startswith("/") else os.path.relpath(dirpath, root)
    rel = os.path.normpath(os.path.join(base, u.lstrip("/"))).replace(os.sep, "/")
    kind = enc.get("type") or ("audio/x-m4a" if rel.lower().endswith(".m4a") else mimetypes.guess_type(rel)[0])
    return (urllib.parse.urljoin(url, urllib.parse.quote(rel)), os.path.getsize(os.path.join(root, rel)), kind)


def select(articles, feed, now):
    picked = [
        a
        for a in articles
        if not a["draft"]
        and a["published"].timestamp() <= now.timestamp()
        and (not feed.get("tags") or any(t in feed["tags"] for t in a["tags"]))
        and (not feed.get("authors") or any(p in feed["authors"] for p in a["authors"]))
    ]
    picked.sort(key=lambda a: (a["id"], a["path"]))
    picked.sort(key=lambda a: a["published"].timestamp(), reverse=True)
    limit = feed.get("limit", 20)
    if "archive" in feed:
        return picked
    return picked if limit == 0 else picked[:limit]


def per_slug(value):
    """feedwright's default slug (README "Feeds per tag and per author"): transliterated to
    ASCII, lower case, every run of other characters one `-`. NFKD, then ASCII, stands in for
    the transliteration, which it equals on the accented Latin letters the fixtures use."""
    return slugify(unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode())


def expand(feeds, articles, now, site_title):
    """Every [[feeds]] entry with `per` replaced by the feeds it makes (README "Feeds per tag
    and per author"): one per value carried by at least min_entries of the entry's articles at
    now (no drafts, no scheduled ones), ordered by slug, paths and title filled. Returns the
    feeds and, per `per` entry, (its path patterns, the files they must make)."""
    out, made_files = [], []
    for feed in feeds:
        per = feed.get("per")
        if per is None:
            out.append(feed)
            continue
        if articles is None:
            continue
        key = "tags" if per == "tag" else "authors"
        holder = "{" + per + "}"
        counts = {}
        for a in select(articles, dict(feed, limit=0), now):
            for v in a[key]:
                if not feed.get(key) or v in feed[key]:
                    counts[v] = counts.get(v, 0) + 1
        files = set()
        for value, n in sorted(counts.items(), key=lambda kv: per_slug(kv[0])):
            if n < feed.get("min_entries", 1):
                continue
            slug = per_slug(value)
            made = {k: v for k, v in feed.items() if k not in ("per", "min_entries")}
            made[key] = [value]
            fill = lambda t: t.replace("{site}", site_title).replace(holder, value)
            made["title"] = fill(feed.get("title", "{site} - " + holder))
            for fmt, _ in JUDGES:
                if fmt in feed:
                    made[fmt] = feed[fmt].replace(holder, slug)
                    files.add(made[fmt])
            out.append(made)
        patterns = [feed[fmt] for fmt, _ in JUDGES if fmt in feed]
        made_files.append((feed["name"], holder, patterns, files))
    return out, made_files


def judge_made_files(out_dir, made_files):
    """The files in the output folder that a `per` entry's patterns name are exactly the
    files of the feeds it must make (no value below min_entries, no draft-only value)."""
    for name, holder, patterns, want in made_files:
        found = set()
        for pattern in patterns:
            before, after = pattern.split(holder)
            rx = re.compile(re.escape(before) + r"[^/]+" + re.escape(after) + r"\Z")
            for dirpath, _, filenames in os.walk(out_dir):
                for fn in filenames:
                    rel = os.path.relpath(os.path.join(dirpath, fn), out_dir)
                    if rx.match(rel):
                        found.add(rel)
        if found != want:
            fail(name, f"per entry wrote {sorted(found)}, want {sorted(want)}")


def judge_title(path, want):
    raw = open(path, "rb").read()
    if path.endswith(".json"):
        got = json.loads(raw).get("title")
    else:
        got = feedparser.parse(raw).feed.get("title")
    if got != want:
        fail(path, f"feed title {got!r}, want {want!r}")


def split(picked, feed):
    """RFC 5005 archives (README "Archives"): full pages of page_size from the oldest entry,
    page n listed newest first; the subscription document holds every entry no page holds, and
    at least the limit's newest."""
    size = feed["archive"]["page_size"]
    full = len(picked) // size
    loose = len(picked) - full * size
    limit = feed.get("limit", 20)
    shown = len(picked) if limit == 0 else max(limit, loose)
    pages = [picked[len(picked) - n * size : len(picked) - (n - 1) * size] for n in range(1, full + 1)]
    return picked[:shown], pages


FH = "http://purl.org/syndication/history/1.0"


def judge_history(where, raw, fmt, want):
    """RFC 5005 sections 2 and 4 on one document: its fh elements and its links (want: rel ->
    URL, None where the link must be absent; "archive"/"complete": whether the element is)."""
    if fmt == "json":
        doc = json.loads(raw)
        if doc.get("next_url") != want.get("prev-archive"):
            fail(where, f"next_url {doc.get('next_url')!r}, want {want.get('prev-archive')!r}")
        return
    root = ET.fromstring(raw)
    node = root.find("channel") if fmt == "rss" else root
    atom = "{http://www.w3.org/2005/Atom}link"
    for el in ("archive", "complete"):
        if (node.find(f"{{{FH}}}{el}") is not None) != want[el]:
            fail(where, f"fh:{el} {'missing' if want[el] else 'present'}")
    for rel in ("current", "prev-archive", "next-archive"):
        hrefs = [l.get("href") for l in node.findall(atom) if l.get("rel") == rel]
        expected = [] if want.get(rel) is None else [want[rel]]
        if rel == "next-archive" and not hrefs:
            expected = []  # optional on the newest page written (RFC 5005 §4: SHOULD)
        if hrefs != expected:
            fail(where, f"link rel={rel} is {hrefs}, want {expected}")


# ------------------------------------------------------------------ checks shared by formats

RFC822 = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$"
)
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def absolute(u):
    p = urllib.parse.urlsplit(u)
    return p.scheme in ("http", "https") and bool(p.netloc)


VOID = {"area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr"}


class HtmlJudge(html.parser.HTMLParser):
    """Checks one HTML fragment: URLs absolute, nothing executable, tags balanced."""

    def __init__(self, where):
        super().__init__(convert_charrefs=True)
        self.where, self.stack = where, []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed"):
            fail(self.where, f"HTML contains <{tag}>")
        for k, v in attrs:
            if k.startswith("on"):
                fail(self.where, f"HTML has event handler {k}")
            if k in ("href", "src", "cite", "poster") and v is not None:
                if v.strip().lower().startswith("javascript:"):
                    fail(self.where, f"javascript: URL in {k}")
                elif not absolute(v) and not v.startswith("mailto:"):
                    fail(self.where, f"relative URL {k}={v!r}")
            if k == "srcset" and v:
                for cand in v.split(","):
                    u = cand.strip().split()[0] if cand.strip() else ""
                    if u and not absolute(u):
                        fail(self.where, f"relative URL in srcset: {u!r}")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            fail(self.where, f"unbalanced HTML: </{tag}> closes {self.stack[-1:] or 'nothing'}")
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
        else:
            self.stack.pop()

    def finish(self):
        self.close()
        if self.stack:
            fail(self.where, f"unclosed HTML tags: {self.stack}")


STRICT_HTML5 = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)


def judge_html(fragment, where):
    j = HtmlJudge(where)
    j.feed(fragment)
    j.finish()
    # An HTML5 parser in strict mode raises on anything it would have to repair.
    try:
        STRICT_HTML5.parseFragment(fragment)
    except Exception as e:  # html5lib raises ParseError subclasses
        fail(where, f"HTML5 parse error: {e}")


def no_forbidden(text, where):
    bad = [c for c in text if forbidden(c)]
    if bad:
        fail(where, f"forbidden characters in output: {[hex(ord(c)) for c in bad[:5]]}")


def utc(d):
    return d.astimezone(dt.timezone.utc).timetuple()[:6]


def compare_entry(where, got, want, full, fmt):
    """got: a feedparser entry."""
    if fmt == "rss" and got.get("title_detail", {}).get("type") == "text/html":
        # RSS cannot mark a title as plain text; feedparser guesses HTML when a title holds a
        # closing tag or an entity reference, and sanitises it. The exact text is checked on the
        # XML itself in judge_rss; see the README (Output, RSS 2.0).
        COUNTS["rss_titles_read_as_html"] = COUNTS.get("rss_titles_read_as_html", 0) + 1
    elif got.get("title") != want["title"]:
        fail(where, f"title {got.get('title')!r} != {want['title']!r}")
    if got.get("link") != want["link"]:
        fail(where, f"link {got.get('link')!r} != {want['link']!r}")
    if want["id_exact"] and got.get("id") != want["id"]:
        fail(where, f"id {got.get('id')!r} != {want['id']!r}")
    if not want["id_exact"] and not got.get("id", "").startswith(want["id"].rsplit(":", 1)[0]):
        fail(where, f"id {got.get('id')!r} does not start like {want['id']!r}")
    if got.get("published_parsed") is None or tuple(got.published_parsed)[:6] != utc(want["published"]):
        fail(where, f"published {got.get('published')!r} != {want['published']}")
    if fmt == "atom":
        want_updated = want["updated"] or want["published"]
        if got.get("updated_parsed") is None or tuple(got.updated_parsed)[:6] != utc(want_updated):
            fail(where, f"updated {got.get('updated')!r} != {want_updated}")
    names = [a.get("name") for a in got.get("authors", [])]
    if fmt == "rss":
        # feedparser joins several dc:creator into one author string
        names = [n for a in names for n in [a]]
        if len(want["authors"]) > 1:
            names = [", ".join(names)] if names else names
            expected = [", ".join(want["authors"])]
        else:
            expected = want["authors"]
        if names != expected and names != want["authors"]:
            fail(where, f"authors {names!r} != {want['authors']!r}")
    elif names != want["authors"]:
        fail(where, f"authors {names!r} != {want['authors']!r}")
    tags = [t.get("term") for t in got.get("tags", [])]
    if tags != want["tags"]:
        fail(where, f"tags {tags!r} != {want['tags']!r}")
    summary = got.get("summary")
    if summary is None or not summary.strip() and want["summary"]:
        fail(where, "no summary")
    elif want["summary"] is not None:
        value = summary
        if got.get("summary_detail", {}).get("type") == "text/html":
            value = html.unescape(summary)
        if " ".join(value.split()) != want["summary"]:
            fail(where, f"summary {value!r} != {want['summary']!r}")
    has_content = bool(got.get("content"))
    if has_content != full:
        fail(where, f"content present: {has_content}, expected {full}")
    enclosures = [(e.get("href"), int(e.get("length", -1)), e.get("type")) for e in got.get("enclosures", [])]
    if enclosures != ([want["enclosure"]] if want["enclosure"] else []):
        fail(where, f"enclosures {enclosures!r} != {want['enclosure']!r}")


# ------------------------------------------------------------------ per format


def wanted(entries):
    """What the sources say of each entry in turn, or None for each (rules only)."""
    return itertools.repeat(None) if entries is None else entries


def read_with_feedparser(where, raw, entries, full, fmt):
    """feedparser must read the feed cleanly and extract what the sources say."""
    parsed = feedparser.parse(raw)
    if parsed.bozo:
        fail(where, f"feedparser bozo: {parsed.bozo_exception}")
    if entries is None:
        return len(parsed.entries)
    if len(parsed.entries) != len(entries):
        fail(where, f"{len(parsed.entries)} entries, want {len(entries)}")
    for got, want in zip(parsed.entries, entries):
        compare_entry(f"{where}: {want['path']}", got, want, full, fmt)
    return len(parsed.entries)


def judge_rss(path, url, feed_url, entries, full, raw):
    where = os.path.basename(os.path.dirname(path)) + "/" + os.path.basename(path)
    root = ET.fromstring(raw)
    ns = {"atom": "http://www.w3.org/2005/Atom", "content": "http://purl.org/rss/1.0/modules/content/", "dc": "http://purl.org/dc/elements/1.1/"}
    ch = root.find("channel")
    if len(ch.findall("language")) > 1:
        fail(where, "more than one channel language")
    selfs = [l for l in ch.findall("atom:link", ns) if l.get("rel") == "self"]
    if len(selfs) != 1 or selfs[0].get("href") != feed_url:
        fail(where, f"atom:link rel=self is {[l.get('href') for l in selfs]}, want {feed_url}")
    for d in ch.iter():
        if d.tag in ("pubDate", "lastBuildDate") and not RFC822.match(d.text or ""):
            fail(where, f"{d.tag} {d.text!r} is not RFC 822 with a 4-digit year")
    if not absolute(ch.findtext("link", "")):
        fail(where, "channel link is not absolute")
    for item, want in zip(ch.findall("item"), wanted(entries)):
        if want is not None and item.findtext("title") != want["title"]:
            fail(where, f"XML title {item.findtext('title')!r} != {want['title']!r}")
        if want is not None and [c.text for c in item.findall("category")] != want["tags"]:
            fail(where, f"XML categories differ for {want['path']}")
        if want is not None and [c.text for c in item.findall("dc:creator", ns)] != want["authors"]:
            fail(where, f"XML dc:creator differ for {want['path']}")
        if not absolute(item.findtext("link", "")):
            fail(where, f"item link {item.findtext('link')!r} is not absolute")
        g = item.find("guid")
        if g is None:
            fail(where, "item without guid")
        elif g.get("isPermaLink", "true") == "true" and not absolute(g.text or ""):
            fail(where, f"guid {g.text!r} claims to be a permalink but is not a URL")
        for a in item.findall("author"):
            if "@" not in (a.text or ""):
                fail(where, "author element without an e-mail (use dc:creator)")
        if not item.findall("dc:creator", ns):
            fail(where, "item without dc:creator")
        for el in [item.find("description"), item.find("content:encoded", ns)]:
            if el is not None and el.text:
                judge_html(el.text, where)
    # Plain-text elements: & and < as hexadecimal references (RSS Best Practices Profile).
    text = raw.decode("utf-8")
    for tag in ("title", "category", "dc:creator", "description", "copyright"):
        for m in re.finditer(rf"<{tag}(?: [^>]*)?>(.*?)</{tag}>", text, re.S):
            body = m.group(1)
            if body.startswith("<![CDATA["):
                continue
            if "&amp;" in body or "&lt;" in body:
                fail(where, f"<{tag}> escapes & or < with named entities: {body[:60]!r}")
    return read_with_feedparser(where, raw, entries, full, "rss")


def judge_atom(path, url, feed_url, entries, full, raw):
    where = os.path.basename(os.path.dirname(path)) + "/" + os.path.basename(path)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ET.fromstring(raw)
    selfs = [l for l in root.findall("a:link", ns) if l.get("rel") == "self"]
    if len(selfs) != 1 or selfs[0].get("href") != feed_url:
        fail(where, "link rel=self is not the feed's URL")
    ids = [e.findtext("a:id", None, ns) for e in root.findall("a:entry", ns)]
    if len(set(ids)) != len(ids):
        fail(where, "duplicate entry ids")
    has_feed_author = root.find("a:author", ns) is not None
    for e in root.findall("a:entry", ns):
        if not has_feed_author and e.find("a:author", ns) is None:
            fail(where, "entry without author and feed without author (RFC 4287 4.1.1)")
        if not any(l.get("rel", "alternate") == "alternate" for l in e.findall("a:link", ns)) and e.find("a:content", ns) is None:
            fail(where, "entry without content or alternate link (RFC 4287 4.1.2)")
        for l in e.findall("a:link", ns):
            if not absolute(l.get("href", "")):
                fail(where, f"relative link {l.get('href')!r}")
        c = e.find("a:content", ns)
        if c is not None and c.get("type") == "html":
            judge_html(c.text or "", where)
        for t in ("a:title", "a:summary"):
            el = e.find(t, ns)
            if el is not None and el.get("type", "text") != "text":
                fail(where, f"{t} is not type=text")
    for d in root.iter():
        if d.tag.endswith("}updated") or d.tag.endswith("}published"):
            if not RFC3339.match(d.text or ""):
                fail(where, f"date {d.text!r} is not RFC 3339")
    return read_with_feedparser(where, raw, entries, full, "atom")


SCHEMA = json.load(open(os.path.join(HERE, "jsonfeed-1.1.schema.json")))


def judge_json(path, url, feed_url, entries, full, raw):
    where = os.path.basename(os.path.dirname(path)) + "/" + os.path.basename(path)
    doc = json.loads(raw)
    try:
        jsonschema.validate(doc, SCHEMA, format_checker=jsonschema.FormatChecker())
    except jsonschema.ValidationError as e:
        fail(where, f"JSON Schema: {e.message} at {list(e.absolute_path)}")
    if doc.get("feed_url") != feed_url:
        fail(where, f"feed_url {doc.get('feed_url')!r} != {feed_url!r}")
    for key in ("home_page_url", "feed_url"):
        if key in doc and not absolute(doc[key]):
            fail(where, f"{key} is not absolute")
    items = doc["items"]
    ids = [i["id"] for i in items]
    if len(set(ids)) != len(ids) or not all(isinstance(i, str) for i in ids):
        fail(where, "ids are not unique strings")
    if entries is not None and len(items) != len(entries):
        fail(where, f"{len(items)} items, want {len(entries)}")
    for item, want in zip(items, wanted(entries)):
        w = f"{where}: {want['path'] if want else item['id']}"
        if not absolute(item.get("url", "")):
            fail(w, "url is not absolute")
        for k in ("date_published", "date_modified"):
            if k in item and not RFC3339.match(item[k]):
                fail(w, f"{k} is not RFC 3339")
        if "content_html" not in item and "content_text" not in item:
            fail(w, "neither content_html nor content_text")
        if ("content_html" in item) != full:
            fail(w, "content_html presence does not match the feed's content mode")
        if "content_html" in item:
            judge_html(item["content_html"], w)
        if want is None:
            continue
        if item.get("title") != want["title"]:
            fail(w, f"title {item.get('title')!r} != {want['title']!r}")
        if item.get("url") != want["link"]:
            fail(w, f"url {item.get('url')!r} != {want['link']!r}")
        if want["id_exact"] and item["id"] != want["id"]:
            fail(w, f"id {item['id']!r} != {want['id']!r}")
        pub = dt.datetime.fromisoformat(item["date_published"].replace("Z", "+00:00"))
        if pub.timestamp() != want["published"].timestamp():
            fail(w, f"date_published {pub} != {want['published']}")
        modified = item.get("date_modified", "1970-01-01T00:00:00+00:00").replace("Z", "+00:00")
        if want["updated"] and dt.datetime.fromisoformat(modified).timestamp() != want["updated"].timestamp():
            fail(w, "date_modified differs")
        if [a.get("name") for a in item.get("authors", [])] != want["authors"]:
            fail(w, f"authors {item.get('authors')!r} != {want['authors']!r}")
        if item.get("tags", []) != want["tags"]:
            fail(w, f"tags {item.get('tags')!r} != {want['tags']!r}")
        if want["summary"] is not None and item.get("summary") != want["summary"]:
            fail(w, f"summary {item.get('summary')!r} != {want['summary']!r}")
        attachments = [(a["url"], a.get("size_in_bytes"), a["mime_type"]) for a in item.get("attachments", [])]
        if attachments != ([want["enclosure"]] if want["enclosure"] else []):
            fail(w, f"attachments {attachments!r} != {want['enclosure']!r}")
    return len(items)


ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
# podcast:guid's namespace (Podcastindex-org/podcast-namespace, docs/tags/guid.md).
GUID_NS = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")


def judge_podcast(path, cfg, feed_url):
    """A podcast feed's channel carries what Apple Podcasts requires, as feeds.toml says it,
    podcast:guid is the UUIDv5 of the feed URL without scheme and trailing slashes, and every
    item has exactly one enclosure, none shared."""
    where = os.path.basename(path)
    ns = {"itunes": ITUNES, "podcast": PODCAST}
    ch = ET.parse(path).getroot().find("channel")
    image = ch.find("itunes:image", ns)
    if image is None or image.get("href") != cfg["image"]:
        fail(where, "itunes:image is not the configured image")
    if ch.findtext("itunes:explicit", None, ns) != str(cfg["explicit"]).lower():
        fail(where, "itunes:explicit is not true/false as configured")
    if ch.findtext("itunes:author", None, ns) != cfg["author"]:
        fail(where, "itunes:author differs")
    owner = ch.find("itunes:owner", ns)
    if owner is None or owner.findtext("itunes:name", None, ns) != cfg["owner"]["name"] or owner.findtext("itunes:email", None, ns) != cfg["owner"]["email"]:
        fail(where, "itunes:owner differs")
    cats = []
    for c in ch.findall("itunes:category", ns):
        subs = [s.get("text") for s in c.findall("itunes:category", ns)]
        cats.append(c.get("text") + "".join(" > " + s for s in subs))
    if cats != [" > ".join(p.strip() for p in c.split(">")) for c in cfg["categories"]]:
        fail(where, f"itunes:category {cats!r} != {cfg['categories']!r}")
    if not ch.findtext("language"):
        fail(where, "a podcast channel without language")
    bare = re.sub(r"/+$", "", re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", "", feed_url))
    want_guid = cfg.get("guid") or str(uuid.uuid5(GUID_NS, bare))
    if ch.findtext("podcast:guid", None, ns) != want_guid:
        fail(where, f"podcast:guid {ch.findtext('podcast:guid', None, ns)!r} != {want_guid!r}")
    if "locked" in cfg:
        locked = ch.find("podcast:locked", ns)
        if locked is None or locked.text != ("yes" if cfg["locked"] else "no") or locked.get("owner") != cfg["owner"]["email"]:
            fail(where, "podcast:locked differs")
    urls = []
    for item in ch.findall("item"):
        encs = item.findall("enclosure")
        if len(encs) != 1:
            fail(where, f"item {item.findtext('title')!r} has {len(encs)} enclosures, Apple requires one")
        urls += [e.get("url") for e in encs]
    if len(set(urls)) != len(urls):
        fail(where, "two items share an enclosure URL")


JUDGES = (("rss", judge_rss), ("atom", judge_atom), ("json", judge_json))


def judge_file(path, url, self_url, feed_url, entries, full, fmt):
    """Judges one document; feed_url names the feed (JSON feed_url), self_url the file."""
    raw = open(path, "rb").read()
    no_forbidden(raw.decode("utf-8"), path)
    judge = dict(JUDGES)[fmt]
    COUNTS["entries"] += judge(path, url, feed_url if fmt == "json" else self_url, entries, full, raw)
    COUNTS["feeds"] += 1
    return raw


def judge_archive(feed, url, out_dir, current, pages, full):
    """The subscription document's history and every page of an archived feed."""
    pattern = feed["archive"]["path"]
    for fmt, _ in JUDGES:
        if fmt not in feed:
            continue
        ext = "json" if fmt == "json" else "xml"
        page_file = lambda n: pattern.replace("{format}", fmt).replace("{ext}", ext).replace("{n}", str(n))
        page_url = lambda n: urllib.parse.urljoin(url, page_file(n)) if n >= 1 else None
        sub_url = urllib.parse.urljoin(url, feed[fmt])
        raw = open(os.path.join(out_dir, feed[fmt]), "rb").read()
        want = {"archive": False, "complete": not pages, "prev-archive": page_url(len(pages))}
        judge_history(feed[fmt], raw, fmt, want)
        for n, entries in enumerate(pages, start=1):
            path = os.path.join(out_dir, page_file(n))
            raw = judge_file(path, url, page_url(n), sub_url, entries, full, fmt)
            want = {"archive": True, "complete": False, "current": sub_url, "prev-archive": page_url(n - 1)}
            want["next-archive"] = page_url(n + 1) if n < len(pages) else None
            judge_history(page_file(n), raw, fmt, want)


# ------------------------------------------------------------------ preview and OPML


XSL = "{http://www.w3.org/1999/XSL/Transform}"
PREVIEW = {"xslt": ("text/xsl", "feed-preview.xsl"), "css": ("text/css", "feed-preview.css")}


def judge_site_files(site_dir, url, feeds, out_dir):
    """[site] preview: every RSS and Atom document (archive pages too) names the stylesheet on
    the line after its XML declaration, by a root-relative href that resolves (against the
    feed's own URL) to the stylesheet written in the output folder; JSON Feed never does; the
    XSLT is an XSLT 1.0 stylesheet, neither loads anything. [site] opml: an OPML 2.0 document
    (version, head/title, body) with one type="rss" outline per feed, at one of its files."""
    with open(os.path.join(site_dir, "feeds.toml"), "rb") as f:
        s = tomllib.load(f)["site"]
    mode = s.get("preview", "none")
    documents = []
    for root, _, files in os.walk(out_dir):
        documents += [os.path.join(root, f) for f in files if f.endswith((".xml", ".rss", ".atom", ".json"))]
    for path in sorted(documents):
        rel = os.path.relpath(path, out_dir)
        text = open(path, encoding="utf-8").read()
        lines = text.split("\n")
        if path.endswith(".json") or mode == "none":
            if "xml-stylesheet" in text[:300]:
                fail(rel, "names a stylesheet although it must not")
            continue
        media_type, name = PREVIEW[mode]
        m = re.fullmatch(r'<\?xml-stylesheet type="([^"]+)" href="([^"]+)"\?>', lines[1])
        if not lines[0].startswith("<?xml ") or m is None:
            fail(rel, f"line 2 is not the xml-stylesheet instruction: {lines[1][:100]!r}")
            continue
        href = html.unescape(m.group(2))
        if m.group(1) != media_type or not href.startswith("/"):
            fail(rel, f"stylesheet {m.group(1)} {href!r}: want {media_type}, root-relative")
        target = urllib.parse.urljoin(urllib.parse.urljoin(url, rel), href)
        if target != urllib.parse.urljoin(url, name) or not os.path.isfile(os.path.join(out_dir, name)):
            fail(rel, f"stylesheet {href!r} resolves to {target}, not the {name} written")
    if mode == "xslt":
        sheet = open(os.path.join(out_dir, "feed-preview.xsl"), "rb").read()
        root = ET.fromstring(sheet)
        if root.tag != XSL + "stylesheet" or root.get("version") != "1.0":
            fail("feed-preview.xsl", "not an XSLT 1.0 stylesheet")
        if re.search(rb"document\(|xsl:import|xsl:include|<script|src=", sheet):
            fail("feed-preview.xsl", "loads something")
    if mode == "css":
        sheet = open(os.path.join(out_dir, "feed-preview.css"), encoding="utf-8").read()
        if "url(" in sheet or "@import" in sheet:
            fail("feed-preview.css", "loads something")
    if "opml" in s:
        judge_opml(os.path.join(out_dir, s["opml"]), url, feeds)


def judge_opml(path, url, feeds):
    where = os.path.basename(path)
    root = ET.fromstring(open(path, "rb").read())
    if root.tag != "opml" or root.get("version") != "2.0":
        fail(where, f"root is <{root.tag} version={root.get('version')!r}>, want opml 2.0")
    if not (root.findtext("head/title") or "").strip():
        fail(where, "head has no title")
    outlines = root.findall("body/outline")
    if len(outlines) != len(feeds):
        fail(where, f"{len(outlines)} outlines for {len(feeds)} feeds")
    texts = [o.get("text") for o in outlines]
    if len(set(texts)) != len(texts):
        fail(where, f"outline texts are not distinct: {texts}")
    for outline, feed in zip(outlines, feeds):
        files = [urllib.parse.urljoin(url, feed[f]) for f in ("rss", "atom", "json") if f in feed]
        if outline.get("type") != "rss" or not outline.get("text"):
            fail(where, f"outline {outline.attrib}: type rss and a text are required")
        if outline.get("xmlUrl") != files[0]:
            fail(where, f"xmlUrl {outline.get('xmlUrl')!r}: want {files[0]!r}")
        if outline.get("htmlUrl") != url:
            fail(where, f"htmlUrl {outline.get('htmlUrl')!r}: want {url!r}")


def main():
    site_dir, now = sys.argv[1], dt.datetime.fromisoformat(sys.argv[2].replace("Z", "+00:00"))
    url, feeds, articles, out_dir = read_site(site_dir)
    with open(os.path.join(site_dir, "feeds.toml"), "rb") as f:
        site_title = fold(tomllib.load(f)["site"]["title"])
    feeds, made_files = expand(feeds, articles, now, site_title)
    judge_made_files(out_dir, made_files)
    judge_site_files(site_dir, url, feeds, out_dir)
    for feed in feeds:
        entries = None if articles is None else select(articles, feed, now)
        pages = []
        if "archive" in feed and entries is not None:
            entries, pages = split(entries, feed)
        full = feed.get("content", "full") == "full"
        for fmt, _ in JUDGES:
            if fmt not in feed:
                continue
            path = os.path.join(out_dir, feed[fmt])
            feed_url = urllib.parse.urljoin(url, feed[fmt])
            judge_file(path, url, feed_url, feed_url, entries, full, fmt)
            if fmt == "rss" and "podcast" in feed:
                judge_podcast(path, feed["podcast"], feed_url)
            if "title" in feed:
                judge_title(path, fold(feed["title"]))
        if "archive" in feed and entries is not None:
            judge_archive(feed, url, out_dir, entries, pages, full)
    site = os.path.basename(os.path.normpath(site_dir))
    for f in FAILURES[:50]:
        print(f"FAIL {site}: {f}")
    if len(FAILURES) > 50:
        print(f"... and {len(FAILURES) - 50} more failures")
    ambiguous = COUNTS.get("rss_titles_read_as_html", 0)
    note = f" ({ambiguous} RSS titles feedparser reads as HTML, checked on the XML)" if ambiguous else ""
    print(f"judge: {site}: {COUNTS['feeds']} feeds, {COUNTS['entries']} entries, {len(FAILURES)} failures{note}")
    sys.exit(1 if FAILURES else 0)


if __name__ == "__main__":
    main()
