"""Article text → safe Markdown paragraphs.

Scraped text is not Markdown, but the body is rendered as Markdown, so a
paragraph that happens to begin like Markdown syntax ("1. …", "# …", "- …",
"> …") would turn into a list or heading. The leading character is escaped
with a backslash so it stays a paragraph. HTML is left alone: the renderer
escapes it.
"""

from __future__ import annotations

import re

_BLOCK_START = re.compile(
    r"^(?:#{1,6}(?:\s|$)|>|[-+*](?:\s|$)|\d{1,9}[.)](?:\s|$)|={2,}\s*$|[-*_](?:\s*[-*_]){2,}\s*$|"
    r"`{3,}|~{3,}|\|)"
)
_SUMMARY_LIMIT = 300


def escape_block_start(text: str) -> str:
    """Backslash the first character when it would start a Markdown block."""
    match = _BLOCK_START.match(text)
    if not match:
        return text
    if text[0].isdigit():
        digits = len(text) - len(text.lstrip("0123456789"))
        return text[:digits] + "\\" + text[digits:]
    return "\\" + text


def italic(text: str) -> str:
    """A caption as an italic paragraph; its own asterisks and underscores are
    escaped so they cannot close the emphasis early."""
    inner = text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_")
    return f"*{inner}*"


def summary(lede: str, limit: int = _SUMMARY_LIMIT) -> str:
    """The lede cut to `limit` characters at a word boundary, with an ellipsis."""
    if len(lede) <= limit:
        return lede
    cut = lede[:limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"
