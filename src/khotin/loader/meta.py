"""One line of metadata: a dateline, a byline, a source or credit line.

Pure and line-at-a-time, so the page reader and the chrome learner agree on
what metadata is (a portal prints its bylines and datelines on every page;
they recur, but they are never chrome).

Two kinds of outlet name come off a line. A *credit* says where the text
came from ("Theo Reuters", "(theo VOV)", "Theo Ngô Minh/Zing"): the page
republishes or cites it. A *source* says what the page itself is ("Nguồn:
Báo Hải Phòng" on a portal that copies reports names its source outright).
The page reader decides between a credit and the portal's own name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from khotin.loader import bylines, dates, sources
from khotin.places.gazetteer import province_by_name

_SLASH_SOURCE = re.compile(r"^(?P<who>[^/|]{3,60}?)\s*[/|]\s*(?P<outlet>[^/|]{2,40})$")
_NAME_THEO = re.compile(
    r"^(?:theo\s+(?P<who2>[^()]{3,60}?)\s*\((?P<outlet2>[^()]{2,40})\)|"
    r"(?P<who>[^()]{3,60}?)\s*\(\s*theo\s+(?P<outlet>[^()]{2,40})\))\.?$", re.I)
_THEO = re.compile(r"^\(?\s*theo\s+", re.I)
_MAX_META = 100


@dataclass(frozen=True)
class LineMeta:
    date: dates.FoundDate | None = None
    authors: tuple[str, ...] = ()
    source: str | None = None
    credit: str | None = None


@lru_cache(maxsize=8192)
def read_line(line: str) -> LineMeta | None:
    """What one line says about the report, or None for any other line
    (pure, so a portal's recurring lines are read once)."""
    parsed = dates.dateline(line)
    if parsed:
        found = _dateline(*parsed)
        if found:
            return found
    if len(line) > _MAX_META:
        return None
    for pattern in (_SLASH_SOURCE, _NAME_THEO):
        match = pattern.match(line)
        groups = {k: v for k, v in match.groupdict().items() if v} if match else {}
        who = groups.get("who") or groups.get("who2") or ""
        credited = _THEO.match(who) is not None  # "Theo Ngô Minh/Zing": a name, then its outlet
        author = _credited_name(_THEO.sub("", who)) if who else None
        outlet = (groups.get("outlet") or groups.get("outlet2") or "").strip(" .")
        if author and (pattern is _NAME_THEO or sources.looks_like_outlet(outlet)
                       or (credited and outlet[:1].isupper() and len(outlet.split()) <= 4)):
            return LineMeta(authors=(author,), credit=sources.canonical_outlet(outlet) or outlet)
    outlet = sources.source_line(line)
    if outlet:
        if _THEO.match(line):
            return LineMeta(credit=outlet)
        return LineMeta(source=outlet)
    return None


def _credited_name(text: str) -> str | None:
    """The author in a credit: any byline, or a pen name or initials, which
    a credit's shape makes safe to read ("Theo Zknight | …", "AB (theo …)")."""
    return bylines.byline(text) or bylines.pen_name(text)


# A dateline may carry a word or two the rules do not know (a widget's label,
# a pen name); a line with more than that is a sentence that holds a date.
_MAX_UNKNOWN, _MAX_UNKNOWN_WORDS = 2, 3


def _dateline(date: dates.FoundDate, leftovers: list[str]) -> LineMeta | None:
    # "Hà Nội, 12/07/2017": a province opening a dateline is where, not who.
    leftovers = [part for part in leftovers if province_by_name(part) is None]
    names = [bylines.byline(part) or bylines.pen_name(part) for part in leftovers]
    outlets = [sources.looks_like_outlet(part) for part in leftovers]
    unknown = [part for part, name, outlet in zip(leftovers, names, outlets) if not (name or outlet)]
    if len(unknown) > _MAX_UNKNOWN or any(len(part.split()) > _MAX_UNKNOWN_WORDS or part[-1:] in ".!?"
                                          for part in unknown):
        return None
    source = next((sources.canonical_outlet(part) or part
                   for part, outlet in zip(leftovers, outlets) if outlet), None)
    authors = tuple(name for name, outlet in zip(names, outlets) if name and not outlet)
    return LineMeta(date=date, authors=authors, source=source)


def is_metadata(line: str) -> bool:
    """A dateline, byline, source or credit line, or a signature that is one
    where it stands (initials, a pen name)."""
    return len(line) <= _MAX_META and (read_line(line) is not None or bylines.byline(line) is not None
                                       or bylines.pen_name(line) is not None)


def names_author(line: str) -> bool:
    """A byline, or a dateline or credit that carries a name."""
    if bylines.byline(line) is not None:
        return True
    meta = read_line(line)
    return meta is not None and bool(meta.authors)
