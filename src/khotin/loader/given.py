"""What an input states outright, laid over what the text rules found.

An HTML page's metadata or an export's fields say for certain what the
Vietnamese rules can only read off the text: the title, the publication date,
the author, the outlet, the page's address. So a stated field wins, the rules
fill what the input leaves out, and a review note says so whenever the two
disagree — a person can then look at both. `parse_page` itself never sees
the given fields; this module runs after it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

from khotin.errors import SeedError
from khotin.loader import bylines, dates, sources
from khotin.loader.chrome import LEXICON_ONLY, Chrome
from khotin.loader.markdown import summary as cut_summary
from khotin.loader.page import ParsedPage, parse_page
from khotin.loader.readers import GivenFields, SeedDocument
from khotin.loader.text import fold_key
from khotin.records import RESERVED_KEYS

# Parsed instead of the title line when the rules cannot see a headline in a
# title the input states (one word, or a full sentence): it is replaced at once.
_STAND_IN = "Tiêu đề do tệp nguồn cung cấp"
_PREFIX = "export_"
_ITALIC_OR_ESCAPE = re.compile(r"^\*|\*$|\\")


@dataclass(frozen=True)
class GivenPage:
    page: ParsedPage
    url: str | None = None
    extra: tuple[tuple[str, Any], ...] = ()


def parse_document(doc: SeedDocument, known: Chrome = LEXICON_ONLY) -> GivenPage:
    """The document's page (read with the import's chrome), with what its input
    states laid over it."""
    given = doc.given
    if not given:
        return GivenPage(parse_page(doc.text, doc.name, known))
    try:
        page = parse_page(doc.text, doc.name, known)
    except SeedError:
        if not given.title:
            raise
        page = parse_page(f"{_STAND_IN}\n{doc.text}", doc.name, known)
    return apply_given(page, given)


def apply_given(page: ParsedPage, given: GivenFields) -> GivenPage:
    notes: list[str] = []
    origin = given.origin or "the input"
    title, body, lede = page.title, page.body, page.summary
    if given.title and fold_key(given.title) != fold_key(page.title):
        if page.title != _STAND_IN:
            notes.append(f"title: {origin} says '{given.title}'; the text's headline '{page.title}' is not used")
        body, lede = _drop_title_paragraph(body, given.title, lede)
    title = given.title or title
    date = _date(page.date, given.date, origin, notes)
    review = page.review
    if given.title:  # what the rules could not read is stated: their notes on it are moot
        review = tuple(n for n in review if not n.startswith("title:"))
    if date is not None and date != page.date:
        review = tuple(n for n in review if not n.startswith("date:"))
    author = _author(page.author, given.author, origin, notes)
    source = _source(page.source, given, origin, notes)
    summary = cut_summary(given.summary) if given.summary else lede
    url = _url(given.url, origin, notes)
    extra = _extra(given.extra, notes)
    page = replace(page, title=title, date=date, author=author, source=source, summary=summary,
                   body=body, review=review + tuple(notes))
    return GivenPage(page, url, extra)


def _drop_title_paragraph(body: str, title: str, lede: str | None) -> tuple[str, str | None]:
    """The stated title, read by the rules as the body's first paragraph, goes."""
    paragraphs = body.split("\n\n") if body else []
    if not paragraphs or fold_key(_ITALIC_OR_ESCAPE.sub("", paragraphs[0])) != fold_key(title):
        return body, lede
    rest = paragraphs[1:]
    if lede is not None and fold_key(lede) == fold_key(title):
        first = next((p for p in rest if not p.startswith("*")), None)
        lede = cut_summary(_ITALIC_OR_ESCAPE.sub("", first)) if first else None
    return "\n\n".join(rest), lede


def normalise_date(value: str | None) -> str | None:
    """A stated date as front matter holds it (Hà Nội time), or None when it
    is not a date: ISO 8601 with or without a zone, dd/mm/yyyy [hh:mm]."""
    if not value:
        return None
    # A time without a zone is taken as the archive's own (Hà Nội), as the rules do.
    found = dates.find_date(value.strip())
    return found.iso() if found else None


def _date(found: str | None, stated: str | None, origin: str, notes: list[str]) -> str | None:
    if not stated:
        return found
    date = normalise_date(stated)
    if date is None:
        notes.append(f"date: {origin}'s date '{stated[:60]}' is not a date; "
                     + ("the text's is used" if found else "date left empty"))
        return found
    if found is None or found == date:
        return date
    if found[:10] == date[:10]:
        return found if "T" in found and "T" not in date else date  # the same day: keep the time
    notes.append(f"date: {origin} says {date}, the text {found}; {origin}'s is used")
    return date


def _author(found: str | None, stated: str | None, origin: str, notes: list[str]) -> str | None:
    if not stated:
        return found
    author = bylines.byline(stated) or stated
    if found and fold_key(found) != fold_key(author):
        notes.append(f"author: {origin} says '{author}', the text '{found}'; {origin}'s is used")
    return author


def _source(found: str | None, given: GivenFields, origin: str, notes: list[str]) -> str | None:
    if given.source:
        source = sources.canonical_outlet(given.source) or sources.outlet_from_url(given.source) or given.source
        if found and fold_key(found) != fold_key(source):
            notes.append(f"source: {origin} says '{source}', the text '{found}'; {origin}'s is used")
        return source
    if found or not given.domain:
        return found
    notes.append(f"source: taken from the site's own name or address ({given.domain})")
    return given.domain


def _url(stated: str | None, origin: str, notes: list[str]) -> str | None:
    if not stated:
        return None
    url = stated.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() for c in url):
        notes.append(f"url: {origin}'s address '{url[:80]}' is not a web address; left out")
        return None
    return url


def _extra(fields: tuple[tuple[str, Any], ...], notes: list[str]) -> tuple[tuple[str, Any], ...]:
    """An export's other fields, under their own names. A name khotin uses
    itself (`tags`, `slug`, `review`…) is kept as `export_<name>`, so the
    input's value is never lost and never taken for khotin's own."""
    kept: list[tuple[str, Any]] = []
    names = {name for name, _ in fields}
    for name, value in fields:
        if name in RESERVED_KEYS:
            new = _PREFIX + name
            while new in names or new in RESERVED_KEYS:
                new = _PREFIX + new
            names.add(new)
            notes.append(f"field '{name}' of the input is one of khotin's own keys; kept as '{new}'")
            name = new
        kept.append((name, value))
    return tuple(kept)


def epoch_to_iso(seconds: float) -> str | None:
    """A Unix time (seconds, or milliseconds as crawlers often write it) as ISO 8601."""
    if seconds > 1e11:
        seconds /= 1000
    try:
        moment = dt.datetime.fromtimestamp(seconds, dt.timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None
    return moment.astimezone(dates.VN_TZ).isoformat(timespec="seconds")
