"""Atom feeds, sitemap.xml and robots.txt.

Nothing here reads the clock: a feed's `updated` is its newest record's date,
so the same content always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable
from xml.sax.saxutils import escape, quoteattr

from khotin.xmlchars import utf8_without_forbidden

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
# Records without a zone are Vietnamese local time.
VIETNAM = dt.timezone(dt.timedelta(hours=7))
EPOCH = "1970-01-01T00:00:00+00:00"
FEED_SIZE = 50


def rfc3339(value: dt.date | dt.datetime | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    if value.tzinfo is None:
        value = value.replace(tzinfo=VIETNAM)
    return value.isoformat(timespec="seconds")


@dataclass(frozen=True)
class Entry:
    url: str
    title: str
    updated: str | None
    summary: str
    content_key: str  # the body's HTML, in the body store; "": the entry carries its summary only
    author: str | None
    categories: tuple[str, ...]


@dataclass(frozen=True)
class Feed:
    url: str
    page_url: str
    title: str
    subtitle: str
    author: str
    entries: tuple[Entry, ...]


def _element(tag: str, text: str, indent: str = "  ", **attrs: str) -> str:
    attributes = "".join(f" {name}={quoteattr(value)}" for name, value in attrs.items())
    return f"{indent}<{tag}{attributes}>{escape(text)}</{tag}>\n"


def _link(href: str, rel: str, kind: str, indent: str) -> str:
    return f'{indent}<link rel="{rel}" type="{kind}" href={quoteattr(href)} />\n'


def atom(feed: Feed, body_html: Callable[[str], str]) -> bytes:
    """The feed as Atom 1.0, each entry's full HTML (if any) from `body_html(content_key)`.

    Written as text rather than through ElementTree: a big archive has a feed
    per tag and per place, 100 MB of XML in all, and the tree cost more than
    the rest of the feed."""
    dates = [entry.updated for entry in feed.entries if entry.updated]
    updated = max(dates) if dates else EPOCH
    out = ["<?xml version='1.0' encoding='utf-8'?>\n", f'<feed xmlns="{ATOM}" xml:lang="vi">\n',
           _element("id", feed.url), _element("title", feed.title)]
    if feed.subtitle:
        out.append(_element("subtitle", feed.subtitle))
    out += [_element("updated", updated), _link(feed.url, "self", "application/atom+xml", "  "),
            _link(feed.page_url, "alternate", "text/html", "  "),
            f"  <author>\n{_element('name', feed.author, '    ')}  </author>\n",
            _element("generator", "khotin")]
    for entry in feed.entries:
        out += ["  <entry>\n", _element("id", entry.url, "    "), _element("title", entry.title, "    "),
                _link(entry.url, "alternate", "text/html", "    "),
                _element("updated", entry.updated or updated, "    ")]
        if entry.updated:
            out.append(_element("published", entry.updated, "    "))
        if entry.author:
            out.append(f"    <author>\n{_element('name', entry.author, '      ')}    </author>\n")
        out += [f"    <category term={quoteattr(category)} />\n" for category in entry.categories]
        if entry.summary:
            out.append(_element("summary", entry.summary, "    "))
        if entry.content_key:
            out.append(_element("content", body_html(entry.content_key), "    ", type="html"))
        out.append("  </entry>\n")
    out.append("</feed>\n")
    # XML 1.0 cannot carry a control character even as a reference: a
    # hand-edited record's would make readers reject the whole feed
    return utf8_without_forbidden("".join(out))


def sitemap(urls: list[tuple[str, str | None]]) -> bytes:
    """(absolute URL, lastmod or None) for every page → sitemap.xml (as text: 100,000 URLs at 100k)."""
    out = ["<?xml version='1.0' encoding='utf-8'?>\n", f'<urlset xmlns="{SITEMAP}">\n']
    for url, lastmod in urls:
        out.append(f"  <url>\n    <loc>{escape(url)}</loc>\n")
        if lastmod:
            out.append(f"    <lastmod>{escape(lastmod[:10])}</lastmod>\n")
        out.append("  </url>\n")
    out.append("</urlset>\n")
    return utf8_without_forbidden("".join(out))


def robots(sitemap_url: str) -> bytes:
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n".encode()
