"""An export row's fields → the article's text and what the row states.

Crawlers name the same things differently; the names below (compared without
case) cover the common exports. The first non-empty field of each group wins;
every other field of the row, a second title included, rides along under its
own name. Content saved as HTML (`<p>…</p>`) is turned into lines of text.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from khotin.loader.decode import clean_text
from khotin.loader.given import epoch_to_iso
from khotin.loader.readers import DocumentFailure, GivenFields, SeedDocument
from khotin.loader.text import fold_key

FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "content": ("content", "body", "text", "article"),
    "date": ("date", "published", "publish_date", "published_at", "date_published", "datepublished", "time"),
    "author": ("author", "byline", "authors"),
    "url": ("url", "link"),
    "source": ("source", "site", "publisher", "site_name", "sitename"),
    "summary": ("sapo", "description", "summary"),
}
_HTML_BLOCK = re.compile(r"<\s*/?\s*(?:p|div|br|h[1-6]|li|ul|ol|blockquote|tr|table|figure|figcaption)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]{0,2000}>")
_LOOKS_HTML = re.compile(r"<\s*(?:p|div|br|h[1-6])\b[^>]*>", re.I)


def _text(value: Any) -> str | None:
    """A field's value as one piece of text; lists (several authors) joined,
    objects ({"name": …}, as JSON-LD writes a publisher) by their name."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dict):
        return _text(value.get("name"))
    if isinstance(value, list):
        parts = [t for t in (_text(v) for v in value) if t]
        return ", ".join(parts) or None
    text = clean_text(str(value)).strip()
    return text or None


def _line(value: Any) -> str | None:
    text = _text(value)
    return " ".join(text.split()) if text else None


def _content(value: Any) -> str | None:
    if isinstance(value, list):  # paragraphs as a list
        value = "\n".join(str(v) for v in value if v is not None)
    text = _text(value)
    if text and _LOOKS_HTML.search(text):
        text = html.unescape(_TAG.sub("", _HTML_BLOCK.sub("\n", text)))
    return text


def _date(value: Any) -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return epoch_to_iso(float(value))
    text = _line(value)
    if text and text.replace(".", "", 1).isdigit() and len(text) >= 9:
        return epoch_to_iso(float(text))
    return text


def document_from_row(name: str, line: int, sha256: str, row: dict[str, Any]) -> SeedDocument | DocumentFailure:
    by_key = {str(key).strip().casefold(): key for key in row}
    taken: dict[str, Any] = {}
    used: set[Any] = set()
    for field, names in FIELD_NAMES.items():
        for candidate in names:
            key = by_key.get(candidate)
            if key is not None and key not in used and _text(row[key]):
                taken[field] = row[key]
                used.add(key)
                break
    title = _line(taken.get("title"))
    content = _content(taken.get("content"))
    summary = _line(taken.get("summary"))
    if not title and not content:
        shown = ", ".join(json.dumps(str(k), ensure_ascii=False) for k in list(row)[:8])  # one line, always
        return DocumentFailure(name, f"row has neither a title nor content (fields: {shown or 'none'})")
    lines = [title] if title else []
    if summary and not (content and fold_key(summary) in {fold_key(x) for x in content.split("\n")[:3]}):
        lines.append(summary)  # the sapo, exported apart from the content, opens the article
    if content:
        lines.append(content)
    given = GivenFields(
        title=title, date=_date(taken.get("date")), author=_line(taken.get("author")),
        source=_line(taken.get("source")), url=_line(taken.get("url")), summary=summary,
        extra=tuple((str(key), value) for key, value in row.items() if key not in used),
        origin="the export",
    )
    return SeedDocument(name, line, sha256, "\n".join(lines), given)
