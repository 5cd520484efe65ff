"""Seed files of every input form → a stream of documents for `parse_page`.

A seed file is a raw text page (`.txt` and anything else), a saved HTML page
(`.html`, `.htm`) or a crawler's export (`.jsonl`, `.json`, `.csv`) holding many
articles. Each article becomes one `SeedDocument`: the page text the Vietnamese
rules read, plus the fields the input states outright (`GivenFields`), which
`loader.given` lays over what the rules found.

Page forms are read where they are parsed (in a pool worker: trafilatura is the
costly part); exports are streamed row by row in the importer's process, so a
file of any size is never held whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

HTML_SUFFIXES = frozenset({".html", ".htm"})
EXPORT_SUFFIXES = frozenset({".jsonl", ".json", ".csv"})


@dataclass(frozen=True)
class GivenFields:
    """What an input states for certain; None where it says nothing.

    `date` is as the input wrote it (ISO 8601, "12/07/2017 09:39", epoch
    seconds…); `extra` holds an export's other fields, in their order."""

    title: str | None = None
    date: str | None = None
    author: str | None = None
    source: str | None = None
    url: str | None = None
    summary: str | None = None
    extra: tuple[tuple[str, Any], ...] = ()
    # The site the page was served from (the name its <title> gives, else its
    # address): the outlet only when neither the metadata nor the text names
    # one (an aggregator's pages name the real one).
    domain: str | None = None
    origin: str = ""  # "the page's metadata", "the export": named in review notes

    def __bool__(self) -> bool:
        return any((self.title, self.date, self.author, self.source, self.url, self.summary,
                    self.extra, self.domain))


NOTHING_GIVEN = GivenFields()


@dataclass(frozen=True)
class SeedDocument:
    """One article to parse. `name` is what a record's `seed` says and what an
    error line starts with: the file name, plus `:row line` for an export."""

    name: str
    line: int | None
    sha256: str
    text: str
    given: GivenFields = NOTHING_GIVEN


@dataclass(frozen=True)
class DocumentFailure:
    """A row or page that cannot be used, with the one-line reason."""

    name: str
    reason: str


def is_export(path: Path) -> bool:
    return path.suffix.lower() in EXPORT_SUFFIXES


def read_page(path: Path) -> SeedDocument:
    """A one-article seed file → its document; SeedError when it cannot be used."""
    if path.suffix.lower() in HTML_SUFFIXES:
        from khotin.loader.readers.html import read_html_page

        return read_html_page(path)
    from khotin.loader.readers.text import read_text_page

    return read_text_page(path)


def read_export(path: Path) -> Iterator[SeedDocument | DocumentFailure]:
    """An export's rows, one document (or failure) each, in file order."""
    from khotin.loader.readers.export import read_rows

    return read_rows(path)
