"""Atom feeds, sitemap.xml and robots.txt of the seed site, read as their consumers read them."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest

from sitekit import html_pages

pytestmark = pytest.mark.slow

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
W3C_DATETIME = re.compile(r"\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?")


def _file_for(site_dir: Path, base_url: str, url: str) -> Path | None:
    """The built file an absolute URL of the site is served from (None: not this site)."""
    if not url.startswith(base_url):
        return None
    rel = url[len(base_url):].split("#")[0]
    path = site_dir / rel
    return path / "index.html" if rel == "" or rel.endswith("/") else path


def _feeds(site_dir: Path) -> list[Path]:
    return sorted(p for p in site_dir.rglob("*.xml") if p.name != "sitemap.xml")


@pytest.mark.parametrize("where", ["root", "subpath"])
def test_every_feed_parses_and_every_entry_is_complete(seed_site, where):
    site = getattr(seed_site, where)
    feeds = _feeds(site.dir)
    assert (site.dir / "feed.xml") in feeds, "no site feed at feed.xml"
    assert any(p.parent.parent.name == "the" for p in feeds), "no feed for any tag"
    assert any(p.parent.parent.name == "quan-huyen" for p in feeds), "no feed for any district"
    problems = []
    entries = 0
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        name = path.relative_to(site.dir)
        if parsed.bozo:
            problems.append(f"{name}: not well-formed: {parsed.bozo_exception}")
            continue
        if not parsed.version.startswith("atom"):
            problems.append(f"{name}: not Atom ({parsed.version!r})")
        for key in ("id", "title", "updated"):
            if not parsed.feed.get(key):
                problems.append(f"{name}: the feed has no {key}")
        self_links = [l.href for l in parsed.feed.get("links", []) if l.get("rel") == "self"]
        if self_links != [site.url + name.as_posix()]:
            problems.append(f"{name}: rel=self link {self_links} is not its own URL")
        if not parsed.entries:
            problems.append(f"{name}: no entries")
        for entry in parsed.entries:
            entries += 1
            for key in ("id", "title", "updated", "link"):
                if not entry.get(key):
                    problems.append(f"{name}: entry {entry.get('id')!r} has no {key}")
            target = _file_for(site.dir, site.url, entry.get("link", ""))
            if target is None or not target.is_file():
                problems.append(f"{name}: entry link {entry.get('link')!r} is not a page of {site.url}")
    print(f"{where}: {len(feeds)} feeds, {entries} entries, {len(problems)} problems")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("where", ["root", "subpath"])
def test_sitemap_lists_every_page_by_absolute_url(seed_site, where):
    site = getattr(seed_site, where)
    root = ET.fromstring((site.dir / "sitemap.xml").read_bytes())
    assert root.tag == f"{SITEMAP_NS}urlset", root.tag
    listed: set[str] = set()
    problems = []
    for url in root:
        if url.tag != f"{SITEMAP_NS}url":
            problems.append(f"unexpected element {url.tag}")
            continue
        children = {child.tag.replace(SITEMAP_NS, ""): (child.text or "").strip() for child in url}
        unknown = set(children) - {"loc", "lastmod", "changefreq", "priority"}
        if unknown:
            problems.append(f"unknown elements {unknown}")
        loc = children.get("loc", "")
        parts = urlsplit(loc)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            problems.append(f"not an absolute URL: {loc!r}")
        if "lastmod" in children and not W3C_DATETIME.fullmatch(children["lastmod"]):
            problems.append(f"{loc}: lastmod {children['lastmod']!r} is not a W3C datetime")
        target = _file_for(site.dir, site.url, loc)
        if target is None or not target.is_file():
            problems.append(f"{loc}: no such page in the site")
        if loc in listed:
            problems.append(f"{loc}: listed twice")
        listed.add(loc)
    pages = {site.url + path for path in html_pages(site.dir) if path != "404.html"
             and 'name="robots" content="noindex' not in _head(site.dir, path)}
    missing = sorted(pages - listed)
    print(f"{where}: sitemap lists {len(listed)} URLs; site has {len(pages)} indexable pages")
    assert problems == [], "\n".join(problems)
    assert missing == [], f"{len(missing)} pages missing from sitemap.xml"


def _head(site_dir: Path, path: str) -> str:
    file = site_dir / (path + "index.html" if path == "" or path.endswith("/") else path)
    text = file.read_text(encoding="utf-8")
    return text[: text.find("</head>")]


def test_robots_txt_points_at_the_sitemap(seed_site):
    for site in seed_site.both:
        robots = (site.dir / "robots.txt").read_text(encoding="utf-8")
        assert f"Sitemap: {site.url}sitemap.xml" in robots.splitlines(), robots
