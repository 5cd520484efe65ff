"""A saved HTML page → its article text and what its metadata states.

trafilatura (the field's standard main-text extractor) keeps the article and
drops the portal around it — header, menus, breadcrumbs, related-news asides,
comment blocks, footer — and reads title, author, site name, canonical URL and
description from the page's meta tags and JSON-LD (the author, when they
name none, from a block the page marks as its byline, read by the byline
rules). The site's own name — from a <title> that is the headline plus the
site ("Tiêu đề | CafeBiz"), else its address — is the outlet only when
neither the metadata nor the text names one. The publication date is
read from the same metadata: the `article:published_time` meta tag or JSON-LD
`datePublished` directly; else a dateline the page marks as one (class
"date", "time", <time>) after the headline, read by the Vietnamese date rules,
since trafilatura leaves such blocks out of the text; htmldate (its other
metadata forms) only when none of these is there.

The page is parsed once: every reader here, trafilatura's included, walks
the same lxml tree, and the XPath expressions are compiled once per process.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from lxml.etree import XPath

from khotin.errors import SeedError
from khotin.loader.decode import clean_text
from khotin.loader.readers import GivenFields, SeedDocument
from khotin.loader import bylines, dates, sources
from khotin.loader.text import fold_key

_SAMPLE = 1 << 16
_MARKUP = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|main|div|p|h1)[\s>/]", re.I)
_CLOSED = re.compile(rb"</(?:html|body)\s*>", re.I)
_METADATA_DATE = "%Y-%m-%dT%H:%M:%S%z"
_MIDNIGHT = re.compile(r"T00:00:00$")
# A byline is marked by its class, or set as a right-aligned bold line (how
# Vietnamese portals print it), often outside the block trafilatura keeps.
_BYLINES = XPath("//*[contains(@class, 'author') or contains(@class, 'byline') or contains(@class, 'tacgia')"
                 " or contains(@class, 'tac-gia') or @rel='author' or @itemprop='author'"
                 " or (self::p and (strong or b) and contains(translate(@style, ' ', ''), 'text-align:right'))]")
_CANONICAL = XPath("//link[@rel='canonical']/@href")
_PUBLISHED = XPath("//meta[@property='article:published_time' or @name='article:published_time'"
                   " or @itemprop='datePublished'][@content]/@content")
_JSON_LD = XPath("//script[@type='application/ld+json']/text()")
_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{10,40})"')
_DATELINES = XPath("//h1[1]/following::*[self::time or contains(@class, 'date') or contains(@class, 'time')]"
                    "[position() <= 4]")
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _check_markup(raw: bytes, name: str) -> None:
    """Refuse what is not a whole HTML page: a text or binary file misnamed
    .html, or a download cut off before the page's end."""
    if not raw.strip():
        raise SeedError(name, "empty file")
    if b"\x00" in raw[:_SAMPLE] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SeedError(name, "binary file, not an HTML page")
    if not _MARKUP.search(raw[:_SAMPLE]):
        raise SeedError(name, "not an HTML page (no <html>, <body> or <p> markup)")
    if not _CLOSED.search(raw[-_SAMPLE:]):
        raise SeedError(name, "HTML page cut off before </body> or </html> (truncated download?)",
                        raw.count(b"\n") + 1)


def _stated_date(tree) -> str | None:
    """`article:published_time` or JSON-LD `datePublished`, where a page states
    it (most portals do): read directly, as htmldate would read it, without
    htmldate's walk over the whole page."""
    found = list(_PUBLISHED(tree))
    for script in _JSON_LD(tree):
        found += _LD_PUBLISHED.findall(script)
    for value in found:
        value = value.strip()
        if _DAY.fullmatch(value):
            return value
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            continue
        if moment.tzinfo is not None and 1990 <= moment.year <= 2100:
            return moment.strftime(_METADATA_DATE)
    return None


def _marked_dateline(tree) -> str | None:
    """The dateline under the headline, where the page marks it (no meta tag
    states the date): a block that is only a date, in the Vietnamese rules' reading."""
    for node in _DATELINES(tree):
        text = " ".join(node.text_content().split())
        if 6 <= len(text) <= 120 and (found := dates.dateline(text)):
            return found[0].iso()
    return None


def _date(tree) -> str | None:
    """The publication date the page states, as ISO 8601, or None."""
    stated = _stated_date(tree) or _marked_dateline(tree)
    if stated:
        return stated
    from htmldate import find_date

    found = find_date(tree, extensive_search=False, original_date=True, outputformat=_METADATA_DATE)
    if not found:
        return None
    # htmldate prints midnight for a date-only field: no time was given.
    return _MIDNIGHT.sub("", found) if not found[19:] else found


def _source(sitename: str | None) -> str | None:
    """og:site_name / JSON-LD publisher, in the outlet's own spelling when
    known; a bare host name is only the fallback `_domain`."""
    sitename = " ".join((sitename or "").split())
    if not sitename or sources.outlet_from_url(sitename):
        return None
    return sources.canonical_outlet(sitename) or sitename


def _title_site(tree, headline: str | None) -> str | None:
    """'Headline | Site' in <title>, the headline being the page's own: the site's name."""
    text = " ".join((tree.findtext(".//title") or "").split())
    if not headline or not text:
        return None
    for separator in _TITLE_SEPARATORS:
        head, found, site = text.rpartition(separator)
        if found and 0 < len(site) <= 40 and fold_key(head) == fold_key(headline):
            return site
    return None


def _domain(url: str | None) -> str | None:
    return sources.outlet_from_url(url) if url else None


def _address(tree, stated: str | None) -> str | None:
    """og:url, else the canonical link: the page's own address."""
    for url in (stated, *_CANONICAL(tree)):
        url = (url or "").strip()
        if url.startswith(("http://", "https://")):
            return url
    return None


def _marked_byline(tree) -> str | None:
    """A byline the page marks as one (class "author", "byline", "tacgia"…, or
    a right-aligned bold line) that the byline rules accept as a name; such
    blocks are often not article text, so the text rules would never see them."""
    for node in _BYLINES(tree)[:4]:
        text = " ".join(node.text_content().split())
        if text and (name := bylines.byline(text)):
            return name
    return None


@lru_cache(maxsize=1)
def _extractor():
    """trafilatura's settings, built once per process (a tenth of a page's extraction)."""
    from trafilatura.settings import Extractor

    return Extractor(output_format="python", fast=True, comments=False, tables=True, images=False)


def _metadata(tree):
    """The page's meta tags and JSON-LD, as trafilatura reads them; the
    costlier guesses of its full metadata pass (author from page classes,
    categories, tags, licence) are left out: the byline rules do the first."""
    from trafilatura import metadata

    found = metadata.examine_meta(tree)
    try:
        found = metadata.extract_meta_json(tree, found)
    except Exception:  # trafilatura guards its own JSON-LD reader the same way
        pass
    if not found.title:
        found.title = metadata.extract_title(tree)
    return found


def read_html_page(path: Path) -> SeedDocument:
    from trafilatura import bare_extraction, load_html

    name = path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SeedError(name, f"cannot read: {exc.strerror}") from None
    _check_markup(raw, name)
    try:
        tree = load_html(raw)
        if tree is None:
            raise SeedError(name, "HTML that cannot be parsed")
        meta = _metadata(tree)
        date = _date(tree)
        url = _address(tree, meta.url)
        # a one-word "author" in meta tags is a login ("admin"), as trafilatura also holds
        author = meta.author if meta.author and " " in meta.author.strip() else _marked_byline(tree)
        extracted = bare_extraction(tree, options=_extractor())
    except SeedError:
        raise
    except Exception as exc:  # lxml and the extractors on hostile markup: one line, never a crash
        raise SeedError(name, f"HTML that cannot be read ({type(exc).__name__})") from None
    if extracted is None or not (extracted.text or "").strip():
        raise SeedError(name, "no article text found in the HTML page")
    title = " ".join(clean_text(meta.title or extracted.title or "").split()) or None
    text = clean_text(extracted.text)
    if title:
        text = f"{title}\n{text}"
    given = GivenFields(
        title=title,
        date=date,
        author=" ".join((author or "").split()) or None,
        source=_source(meta.sitename),
        url=url,
        summary=" ".join(clean_text(meta.description or "").split()) or None,
        domain=_source(_title_site(tree, title)) or _domain(url),
        origin="the page's metadata",
    )
    return SeedDocument(name, None, hashlib.sha256(raw).hexdigest(), text, given)
