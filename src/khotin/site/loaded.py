"""A record as the site shows it, without its body.

A body is needed as HTML on its article page and in feeds (kept in the build's
body store under `body_key`) and as plain text for a card's excerpt; neither
needs the body itself held beside 10,000 other records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from khotin.records import Record, quick_pickle

EXCERPT_LENGTH = 220


@quick_pickle
@dataclass(frozen=True, slots=True)
class Loaded:
    record: Record  # its body left out: the HTML is in the body store under body_key
    body_key: str
    excerpt: str


def excerpt_of(record: Record) -> str:
    """The record's summary, or its first paragraph as plain text, shortened."""
    if record.summary:
        text = record.summary
    else:
        paragraphs = [p for p in re.split(r"\n\s*\n", record.body)
                      if p.strip() and not p.lstrip().startswith(("#", "!", "|"))]
        text = paragraphs[0] if paragraphs else ""
        text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
        text = re.sub(r"(?m)^[ \t]*(?:[#>]+|[-*+]|\d+[.)])[ \t]+", "", text)
        text = re.sub(r"\*\*|__|[*`]", "", text)
    text = " ".join(text.split())
    if len(text) > EXCERPT_LENGTH:
        text = text[:EXCERPT_LENGTH].rsplit(" ", 1)[0].rstrip(",.;:") + "…"
    return record.summary if text == record.summary else text  # one string, not two, per record
