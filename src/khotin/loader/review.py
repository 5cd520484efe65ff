"""`khotin review`: which imported records a person should check first.

The loader writes what it guessed, inferred or dropped into each record's
`review` notes; a person with a thousand records cannot read them all. This
ranks records by how much of what a reader sees rests on a guess: a title
that may be a widget's text, no date, an inferred year, no author, prose
dropped as chrome, an outlet kept as an abbreviation. Records a person has
edited since import are theirs and are left out unless asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from khotin.errors import RecordError
from khotin.loader import notes
from khotin.loader.chrome import has_widget_words, is_lexicon_chrome
from khotin.records import Record, is_untouched_import, parse_record

# A headline this short is more often a widget or section label than a title.
_SHORT_TITLE = 4


@dataclass(frozen=True)
class Doubt:
    weight: int
    reason: str


@dataclass(frozen=True)
class Entry:
    path: Path
    doubts: tuple[Doubt, ...]

    @property
    def weight(self) -> int:
        return sum(doubt.weight for doubt in self.doubts)

    def line(self) -> str:
        return f"{self.path}: " + "; ".join(doubt.reason for doubt in self.doubts)


@dataclass(frozen=True)
class Review:
    entries: tuple[Entry, ...]
    checked: int
    edited_left_out: int


def _title_doubt(record: Record) -> Doubt | None:
    title = record.title
    if any(note.startswith(notes.TITLE_FROM_WIDGET) for note in record.review):
        return Doubt(5, f"title taken from a widget line: '{title[:60]}'")
    if is_lexicon_chrome(title) or (has_widget_words(title) and len(title.split()) <= 6):
        return Doubt(5, f"title may be page chrome: '{title[:60]}'")
    if len(title.split()) <= _SHORT_TITLE:
        return Doubt(3, f"title is very short: '{title}'")
    return None


def doubts(record: Record) -> tuple[Doubt, ...]:
    """What is doubtful in one record, most serious first."""
    found: list[Doubt] = []
    title = _title_doubt(record)
    if title:
        found.append(title)
    if record.date is None:
        found.append(Doubt(4, "no date"))
    elif any(note.startswith("date:") and notes.YEAR_INFERRED in note for note in record.review):
        found.append(Doubt(3, f"year inferred ({record.date[:4]})"))
    if record.author is None:
        found.append(Doubt(2, "no author"))
    prose = [note for note in record.review if note.startswith(notes.PROSE_AS_CHROME)]
    if prose:
        found.append(Doubt(3, "lines that read like prose were dropped as chrome"))
    if any(note.startswith(notes.SOURCE_AS_PRINTED) for note in record.review):
        found.append(Doubt(1, f"source kept as the abbreviation '{record.source}'"))
    return tuple(sorted(found, key=lambda doubt: -doubt.weight))


def review_content(content: Path, include_edited: bool = False) -> Review:
    """Every record of `content` that has something to check, most doubtful first."""
    entries: list[Entry] = []
    edited = 0
    paths = sorted(content.glob("*.md"))
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
            record = parse_record(text, path)
        except (OSError, UnicodeDecodeError) as exc:
            entries.append(Entry(path, (Doubt(10, f"cannot read: {exc}"),)))
            continue
        except RecordError as exc:
            entries.append(Entry(path, (Doubt(10, f"broken record: {exc.reason}"),)))
            continue
        if not include_edited and not is_untouched_import(text):
            edited += 1
            continue
        found = doubts(record)
        if found:
            entries.append(Entry(path, found))
    entries.sort(key=lambda entry: (-entry.weight, str(entry.path)))
    return Review(tuple(entries), len(paths), edited)
