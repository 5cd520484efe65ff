"""Characters no XML 1.0 document (and no clean HTML page) may carry.

Scrapers drag terminal colour codes, form feeds and stray C1 bytes in from
consoles and PDFs. XML 1.0 cannot hold C0 controls other than tab, LF and CR
even as character references, so one such character makes a feed reader
reject the whole feed; HTML parsers flag the same characters, plus DEL, the
C1 controls and the noncharacters, as errors. They carry no text, so they
are dropped: once at import (with a review note) and again by every writer
of XML and HTML, because a hand-edited record can carry them too.
"""

from __future__ import annotations

import re

# Noncharacters: U+FDD0–U+FDEF and the last two code points of every plane.
_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff" + "".join(
    f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17)
)
FORBIDDEN = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff{_NONCHARACTERS}]")
_FORBIDDEN_RUNS = re.compile(FORBIDDEN.pattern + "+")
# A terminal escape sequence (ESC [ … final byte): the ESC alone is dropped by
# FORBIDDEN, but its "[31m" tail is console noise too, never text.
_ANSI_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]")


def drop_forbidden(text: str) -> str:
    """The text without the characters XML 1.0 forbids (and HTML flags)."""
    if FORBIDDEN.search(text) is None:  # the common case costs one scan, no copy
        return text
    return _FORBIDDEN_RUNS.sub("", text)


def scrub(text: str) -> tuple[str, dict[str, int]]:
    """Terminal escape sequences and forbidden characters dropped, and how
    many of each code point went (for the record's review note)."""
    if FORBIDDEN.search(text) is None:
        return text, {}
    dropped: dict[str, int] = {}

    def count(match: re.Match[str]) -> str:
        for char in match.group():
            if FORBIDDEN.match(char):
                name = f"U+{ord(char):04X}"
                dropped[name] = dropped.get(name, 0) + 1
        return ""

    text = _ANSI_SEQUENCE.sub(count, text)
    return _FORBIDDEN_RUNS.sub(count, text), dropped
