"""Site search: what each article says to khotin's search index, so that it finds
Vietnamese reports however readers type.

The index (search.postings) folds every Vietnamese mark (ă â ê ô ơ ư and the tones
match a e o u…) except đ, which stays apart from d, as Pagefind, its first engine,
did; and once marks are gone "dong da" also matches đông, đã, đá… in every report.
So each article becomes one record whose content is the real text (what results
show), then an ASCII-folded copy of only its đ-words, in their runs ("Đống Đa" →
"Dong Da", runs kept apart by a "·"), then *joined* tokens: the compounds of the
title (pyvi's dictionary), gazetteer names and the article's own districts,
provinces and tags, folded and written as one word with a trailing "_"
("dongda_", "chithi_", "namtuliem_"), which the page matches whole, never as a
prefix of "dongdao", once per mention in the body. The same tokens go into a
`keys` meta field, which the page boosts, so an article *about* Đống Đa outranks
one that merely says "đông đảo". `terms.json` lists every joined token: the search
page uses it to join the reader's words the same way, searches the joined form,
then the quoted phrase, then the bare words, and merges.

Title compounds come from pyvi's own word list by longest match, not from its
CRF tagger: the tagger costs ~2 ms a title (20 s at 10,000 articles), the word
list a few microseconds, and longest match is exactly how the page joins the
reader's words, so index and query agree.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Mapping, Sequence

from khotin.vietnamese.fold import fold

BUNDLE = "search-index"
TERMS_FILE = "terms.json"
JOIN_MARK = "_"
# Between the real text and the folded copy. Pagefind's snippets were cut there; now it is a
# piece with no word, which the index counts only in the page's length (as it counts RUN_BREAK).
SEPARATOR = "⁂"
# Between runs of folded đ-words (phrases are now checked against the article's own text).
RUN_BREAK = " · "
MAX_JOINED_SYLLABLES = 4
UNDATED = "0000-00-00"

_SYLLABLE = re.compile(r"[^\W_]+")
# Runs of words that start with đ (in Vietnamese đ only ever opens a syllable),
# each maybe after one mark such as "(" or "“". Starting the pattern at the đ
# lets the regex engine skip to each đ: ~7× faster than matching whole words.
_D_RUNS = re.compile(r"[đĐ]\S*(?:\s+\W?[đĐ]\S*)*")
# (characters without which the pattern cannot match, pattern, replacement)
_MARKDOWN_NOISE = (
    ("!", re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    ("[", re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),
    ("#>-*+.)", re.compile(r"(?m)^[ \t]*(?:#{1,6}|>+|[-*+]|\d+[.)])[ \t]+"), ""),
    ("*_`<", re.compile(r"\*\*|__|[*`]|<[^>]+>"), ""),
)


@dataclass(frozen=True)
class SearchDocument:
    """One article as search sees it; `url` is site-relative ("bai/dong-da-…/")."""

    url: str
    title: str
    text: str
    summary: str | None = None
    districts: tuple[str, ...] = ()
    provinces: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    year: int | None = None
    date: str | None = None


@dataclass(frozen=True)
class SearchRecord:
    """One article as the index reads it: its content (real text, folded đ-runs, joined
    tokens), meta fields, filter values, date to sort by, and joined tokens."""

    url: str
    content: str
    meta: Mapping[str, str] = field(default_factory=dict)
    filters: Mapping[str, list[str]] = field(default_factory=dict)
    sort: Mapping[str, str] = field(default_factory=dict)
    joined: tuple[str, ...] = ()


def syllables(text: str) -> list[str]:
    """Folded, lower-case syllables: "Đống Đa, 09-CT/TW" → dong, da, 09, ct, tw."""
    return _SYLLABLE.findall(fold(text).lower())


@lru_cache(maxsize=1 << 16)  # the same tags, places and compounds recur across thousands of articles
def joined(phrase: str) -> str | None:
    """"Nam Từ Liêm" → "namtuliem_"; None for one syllable (the plain word already matches)."""
    parts = syllables(phrase)
    if not 2 <= len(parts) <= MAX_JOINED_SYLLABLES or not all(p.isalpha() for p in parts):
        return None
    return "".join(parts) + JOIN_MARK


@lru_cache(maxsize=1)
def _gazetteer_keys() -> dict[tuple[str, ...], str]:
    from khotin.places.gazetteer import place_names

    keys = {}
    for name in place_names():
        parts = tuple(syllables(name))
        if 2 <= len(parts) <= MAX_JOINED_SYLLABLES:
            keys[parts] = name
    return keys


def _places_in(text: str) -> list[str]:
    """Gazetteer names written in `text`, longest first at each position (pyvi splits them badly)."""
    keys, parts, found, i = _gazetteer_keys(), syllables(text), [], 0
    while i < len(parts):
        for size in range(MAX_JOINED_SYLLABLES, 1, -1):
            name = keys.get(tuple(parts[i:i + size]))
            if name is not None:
                found.append(name)
                i += size
                break
        else:
            i += 1
    return found


@lru_cache(maxsize=1)
def _word_list() -> tuple[frozenset[str], frozenset[str]]:
    """pyvi's dictionary of two- and three-syllable words (the list its tagger consults), lower case.

    Read from the package's data file, so the CRF models are not unpacked for it.
    """
    from importlib.resources import files

    lines = (files("pyvi") / "models" / "words.txt").read_text(encoding="utf-8").split("\n")
    words = {unicodedata.normalize("NFC", line.strip().lower()) for line in lines}
    return (frozenset(w for w in words if w.count(" ") == 1), frozenset(w for w in words if w.count(" ") == 2))


def warm() -> None:
    """Read now the tables every document consults (the gazetteer's names, pyvi's word
    list: ~0.15 s), so that a job forked while the records still load has them before
    its first document."""
    _gazetteer_keys()
    _word_list()


@lru_cache(maxsize=1 << 14)  # asked for every tag of every article
def _compounds(text: str) -> tuple[str, ...]:
    """Dictionary words of two or three syllables in `text`, longest match first at each word."""
    bigrams, trigrams = _word_list()
    words = [w.strip(".,;:!?\"'“”‘’()[]…-–—").lower() for w in text.split()]
    found, i = [], 0
    while i < len(words):
        for size, known in ((3, trigrams), (2, bigrams)):
            phrase = " ".join(words[i:i + size])
            if i + size <= len(words) and phrase in known:
                found.append(phrase)
                i += size
                break
        else:
            i += 1
    return tuple(found)


def key_phrases(document: SearchDocument) -> tuple[str, ...]:
    """The phrases an article is *about*: places, tags, title compounds and names, unique, in order."""
    phrases = [*document.districts, *document.provinces, *document.tags, *_places_in(document.title),
               *_compounds(document.title)]
    for tag in document.tags:
        phrases.extend(_compounds(tag))
    by_token: dict[str, str] = {}
    for phrase in phrases:
        token = joined(phrase)
        if token and token not in by_token:
            by_token[token] = phrase
    return tuple(by_token.values())


def _mentions(phrases: Sequence[str], lower_text: str) -> list[int]:
    """How often each phrase is written in the text as whole words (same spelling, any case).

    str.find, not a regex: a pattern that opens with a look-behind is tried at every
    character, and this runs over every article's whole text.
    """
    counts = []
    for phrase in phrases:
        needle, times, start = phrase.lower(), 0, 0
        while (at := lower_text.find(needle, start)) >= 0:
            end = at + len(needle)
            start = end
            if (at == 0 or not lower_text[at - 1].isalnum()) and \
                    (end == len(lower_text) or not lower_text[end].isalnum()):
                times += 1
        counts.append(times)
    return counts


def folded_runs(text: str) -> str:
    """The ASCII-folded runs of đ-words ("Đống Đa đã" → "Dong Da da"), in order, kept apart."""
    return fold(RUN_BREAK.join(_D_RUNS.findall(text)))  # one fold per article, not per run


def to_record(document: SearchDocument) -> SearchRecord:
    """An article as the index reads it (see the module doc for the layout).

    The URL is kept relative to the site root ("/bai/…/"): the page puts the site's path
    in front from where it found the index, so links stay right wherever the site is served.
    """
    # No whitespace clean-up here: plain_text() already did it for built pages, the index
    # does not mind line breaks, and str.split() on 50 MB of Vietnamese costs seconds.
    text = unicodedata.normalize("NFC", document.text.strip())
    phrases = key_phrases(document)
    tokens = [joined(phrase) for phrase in phrases]
    body_tokens = [token for token, times in zip(tokens, _mentions(phrases, text.lower()))
                   for _ in range(times)]
    labels = [document.title, *document.districts, *document.provinces, *document.tags]
    keys = " ".join([*tokens, *(fold(label) for label in labels)])
    content = f"{text}\n{SEPARATOR}\n{folded_runs(text)}\n{' '.join(body_tokens)}".rstrip()
    meta = {"title": document.title, "keys": keys}
    if document.summary:
        meta["summary"] = document.summary
    if document.date:
        meta["date"] = document.date
    places = document.districts or document.provinces
    if places:
        meta["places"] = ", ".join(places)
    filters = {"district": list(document.districts), "province": list(document.provinces),
               "tag": list(document.tags)}
    if document.year is not None:
        filters["year"] = [str(document.year)]
    filters = {name: values for name, values in filters.items() if values}
    # An undated article sorts as the oldest: last in a filter-only listing.
    sort = {"date": document.date or UNDATED}
    return SearchRecord(url="/" + document.url.lstrip("/"), content=content, meta=meta,
                        filters=filters, sort=sort, joined=tuple(tokens))


def plain_text(markdown: str) -> str:
    """Markdown body → the words a reader sees (links, emphasis and list marks dropped).

    A build keeps it in its body store, made once as each record is loaded: a
    change here must bump `build.bodies.FORMAT`, or stored texts would stay."""
    text = markdown
    for marks, pattern, replacement in _MARKDOWN_NOISE:
        if any(mark in text for mark in marks):  # most news bodies have no markup at all
            text = pattern.sub(replacement, text)
    return " ".join(text.split())


def document_fields(record) -> tuple:
    """What a document takes of a khotin Record besides its text, as a plain tuple
    (title, summary, districts, provinces, tags, year, date): a build hands these to its
    search process for every article, and a tuple pickles ~3× faster than a dataclass."""
    published = record.published
    return (record.title, record.summary, tuple(record.districts), tuple(record.provinces), tuple(record.tags),
            published.year if published else None, record.date[:10] if record.date else None)


def document_from(url: str, fields: tuple, text: str) -> SearchDocument:
    """The document of `document_fields` and the body's `plain_text`, at site-relative `url`."""
    title, summary, districts, provinces, tags, year, date = fields
    return SearchDocument(url=url, title=title, text=text, summary=summary, districts=districts,
                          provinces=provinces, tags=tags, year=year, date=date)


def search_document(record, url: str, text: str | None = None) -> SearchDocument:
    """A khotin Record (records.Record) at site-relative `url` → what the index needs.

    `text`: its body's `plain_text`, when made already (a build's body store holds
    it, and its records come without their bodies)."""
    return document_from(url, document_fields(record), plain_text(record.body) if text is None else text)
