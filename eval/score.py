"""How an imported record is judged against a dataset's own metadata.

Each field has one rule, written to forgive only what a reader would not
notice: case and spacing in titles, the outlet's "Báo" prefix, the order of
co-authors. A body is right when its first and last paragraphs are the
article's and no paragraph is something other than the article's text (a
widget, a list, a footer: chrome left behind).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

FIELDS = ("title", "date", "author", "source", "body")

_SPACE = re.compile(r"\s+")
_AUTHOR_SPLIT = re.compile(r"\s*(?:\s[-–—]\s|,|;|\s&\s|\svà\s|/)\s*")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~=])")
_OUTLET_LEAD = re.compile(r"^(?:báo\s+điện\s+tử|báo|tạp\s+chí)\s+", re.I)


@dataclass(frozen=True)
class Miss:
    file: str
    field: str
    expected: str
    got: str


_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")


def _text(value: str | None) -> str:
    """NFC, one space, no invisible characters (a reader sees no difference)."""
    return _SPACE.sub(" ", _INVISIBLE.sub("", unicodedata.normalize("NFC", value or ""))).strip()


def same_title(expected: str, got: str | None) -> bool:
    return _text(expected).rstrip(" .").casefold() == _text(got).rstrip(" .").casefold()


def same_date(expected: str, got: str | None) -> bool:
    """Same day; and the same hour and minute when both give a time."""
    if not got or got[:10] != expected[:10]:
        return False
    if len(expected) > 10 and len(got) > 10:
        return expected[11:16] == got[11:16]
    return True


_COMPILED = re.compile(r"\s*\((?:tổng\s+hợp|lược\s+dịch|biên\s+dịch)\)", re.I)


def author_names(value: str | None) -> frozenset[str]:
    """The set of names: order, joiners and a "(tổng hợp)" (compiled by) note aside."""
    text = _COMPILED.sub("", _text(value))
    names = (_text(part).strip(" .").casefold() for part in _AUTHOR_SPLIT.split(text))
    return frozenset(name for name in names if name)


def same_author(expected: str, got: str | None) -> bool:
    return author_names(expected) == author_names(got)


def outlet_key(value: str | None) -> str:
    text = _OUTLET_LEAD.sub("", _text(value)).casefold()
    return re.sub(r"[\s.]+|\.(?:vn|net|com)$", "", text)


def same_source(expected: str, got: str | None) -> bool:
    return bool(got) and outlet_key(expected) == outlet_key(got)


_CREDIT = re.compile(r"\bảnh\s*:", re.I)


def body_paragraphs(body: str) -> list[tuple[str, bool]]:
    """The record's paragraphs as plain text (Markdown escapes removed), each
    with whether the loader set it as a photo caption (italics)."""
    out = []
    for block in body.split("\n\n"):
        block = block.strip()
        caption = len(block) > 1 and block.startswith("*") and block.endswith("*")
        if caption:
            block = block[1:-1]
        text = _text(_MD_ESCAPE.sub(r"\1", block))
        if text:
            out.append((text, caption))
    return out


def body_problems(body: str, article: list[str], sapo: str) -> list[str]:
    """What is wrong with a body, given the article's paragraphs: the first or
    last paragraph missing, or a paragraph that is not the article's."""
    paragraphs = body_paragraphs(body)
    got = [text for text, _ in paragraphs]
    wanted = [_text(p) for p in article if _text(p)]
    allowed = set(wanted) | {_text(sapo)}
    joined = "\n".join(got)
    problems = []
    if wanted and wanted[0] not in joined:
        problems.append(f"first paragraph missing: {wanted[0][:60]}")
    if wanted and wanted[-1] not in joined:
        problems.append(f"last paragraph missing: {wanted[-1][:60]}")
    for paragraph, caption in paragraphs:
        # a photo caption with its credit is the page's content (not chrome) even
        # where the dataset's text left it out
        if caption and _CREDIT.search(paragraph):
            continue
        if paragraph not in allowed and not any(paragraph in text for text in allowed):
            problems.append(f"not the article's: {paragraph[:60]}")
    return problems
