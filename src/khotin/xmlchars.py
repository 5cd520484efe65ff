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

# The BMP's noncharacters too (U+FDD0–U+FDEF, U+FFFE, U+FFFF); those of the other planes
# are XML 1.0 characters, and a class holding them made every scan ten times slower.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_FORBIDDEN_RUNS = re.compile(FORBIDDEN.pattern + "+")
# A terminal escape sequence (ESC [ … final byte): the ESC alone is dropped by
# FORBIDDEN, but its "[31m" tail is console noise too, never text.
_ANSI_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]")


def drop_forbidden(text: str) -> str:
    """The text without the characters XML 1.0 forbids (and HTML flags)."""
    if FORBIDDEN.search(text) is None:  # the common case costs one scan, no copy
        return text
    return _FORBIDDEN_RUNS.sub("", text)


# The same characters as UTF-8 bytes, found with C-speed byte searches: every page and
# feed goes through `utf8_without_forbidden`, and the str regex cost ~6 ns a character.
_C0_AND_DEL = bytes(b for b in range(32) if b not in (9, 10, 13)) + b"\x7f"
# C1 controls (\xc2\x80–\x9f), U+FDD0–U+FDEF (\xef\xb7\x90–\xaf), U+FFFE/U+FFFF (\xef\xbf\xbe/\xbf):
# each starts with a byte Vietnamese text seldom holds, which the search skips to.
_C1 = re.compile(rb"\xc2[\x80-\x9f]")
_NONCHARACTER = re.compile(rb"\xef(?:\xb7[\x90-\xaf]|\xbf[\xbe\xbf])")


def utf8_without_forbidden(text: str) -> bytes:
    """`text` as UTF-8 with the forbidden characters dropped (lone surrogates too,
    which UTF-8 cannot hold); only a text that may carry one is scanned by the regex."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return drop_forbidden(text).encode("utf-8")
    if (len(data.translate(None, _C0_AND_DEL)) == len(data) and _C1.search(data) is None
            and _NONCHARACTER.search(data) is None):
        return data
    return drop_forbidden(text).encode("utf-8")


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
