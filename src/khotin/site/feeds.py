"""Atom feeds, sitemap.xml and robots.txt.

Nothing here reads the clock: a feed's `updated` is its newest record's date,
so the same content always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from xml.etree import ElementTree as ET

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
    content_html: str
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


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    element.text = text
    return element


def atom(feed: Feed) -> bytes:
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "vi"})
    _text(root, "id", feed.url)
    _text(root, "title", feed.title)
    if feed.subtitle:
        _text(root, "subtitle", feed.subtitle)
    dates = [entry.updated for entry in feed.entries if entry.updated]
    updated = max(dates) if dates else EPOCH
    _text(root, "updated", updated)
    ET.SubElement(root, f"{{{ATOM}}}link", {"rel": "self", "type": "application/atom+xml", "href": feed.url})
    ET.SubElement(root, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": feed.page_url})
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    _text(author, "name", feed.author)
    _text(root, "generator", "khotin")
    for entry in feed.entries:
        item = ET.SubElement(root, f"{{{ATOM}}}entry")
        _text(item, "id", entry.url)
        _text(item, "title", entry.title)
        ET.SubElement(item, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": entry.url})
        _text(item, "updated", entry.updated or updated)
        if entry.updated:
            _text(item, "published", entry.updated)
        if entry.author:
            _text(ET.SubElement(item, f"{{{ATOM}}}author"), "name", entry.author)
        for category in entry.categories:
            ET.SubElement(item, f"{{{ATOM}}}category", {"term": category})
        if entry.summary:
            _text(item, "summary", entry.summary)
        _text(item, "content", entry.content_html, type="html")
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def sitemap(urls: list[tuple[str, str | None]]) -> bytes:
    """(absolute URL, lastmod or None) for every page → sitemap.xml."""
    ET.register_namespace("", SITEMAP)
    root = ET.Element(f"{{{SITEMAP}}}urlset")
    for url, lastmod in urls:
        item = ET.SubElement(root, f"{{{SITEMAP}}}url")
        ET.SubElement(item, f"{{{SITEMAP}}}loc").text = url
        if lastmod:
            ET.SubElement(item, f"{{{SITEMAP}}}lastmod").text = lastmod[:10]
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def robots(sitemap_url: str) -> bytes:
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n".encode()
