"""A crawler's export → one document per article, streamed.

JSON Lines (`.jsonl`, or `.json` holding one object a line), a JSON array
(`.json` starting with `[`) and CSV with a header row. The fields crawlers
name differently are mapped (`fields.py`); every other field rides along to
the record's front matter. A row is named `file:line` — the line it starts
on — in the record's `seed` and in any error.

A row's `seed_sha256` is the hash of its canonical JSON (keys sorted, no
spaces), whatever the form: the same article saved again, re-indented or
converted from CSV to JSON Lines, keeps its hash.

Files are read a line at a time and a row longer than `MAX_ROW_BYTES` is
skipped without being held, so a file of any size keeps memory flat.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path
from typing import Any, BinaryIO, Iterator

from khotin.loader.readers import DocumentFailure, SeedDocument
from khotin.loader.readers.fields import document_from_row

MAX_ROW_BYTES = 32 << 20
# A JSON array has to be read whole to be split into its elements.
MAX_ARRAY_BYTES = 64 << 20
_CHUNK = 1 << 20

# The csv module refuses fields over 128 KiB by default; an article's content can be longer.
csv.field_size_limit(MAX_ROW_BYTES)

Item = SeedDocument | DocumentFailure


def row_sha256(row: dict[str, Any]) -> str:
    canonical = json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


def read_rows(path: Path) -> Iterator[Item]:
    suffix = path.suffix.lower()
    try:
        handle = open(path, "rb")
    except OSError as exc:
        yield DocumentFailure(path.name, f"cannot read: {exc.strerror}")
        return
    with handle:
        if suffix == ".csv":
            yield from _csv_rows(handle, path.name)
            return
        first = handle.read(_CHUNK).lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
        handle.seek(0)
        if suffix == ".json" and first == b"[":
            yield from _array_rows(handle, path, path.name)
        else:
            yield from _json_lines(handle, path.name)


def _row(name: str, line: int, row: Any) -> Item:
    where = f"{name}:{line}"
    if not isinstance(row, dict):
        return DocumentFailure(where, f"a row must be a JSON object, not {_json_kind(row)}")
    sha256 = row_sha256(row)
    return document_from_row(where, line, sha256, _writable(row))


def _writable(value: Any) -> Any:
    """JSON may escape lone surrogates ("\\ud800"), which no UTF-8 file can hold."""
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8") if not value.isascii() else value
    if isinstance(value, dict):
        return {_writable(str(k)): _writable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_writable(v) for v in value]
    return value


def _json_kind(value: Any) -> str:
    return {list: "an array", str: "a string", bool: "true/false", type(None): "null"}.get(
        type(value), "a number")


def _long_lines(handle: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) for each line; None for a line over MAX_ROW_BYTES,
    which is read past in chunks rather than held."""
    number = 0
    while True:
        line = handle.readline(MAX_ROW_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_ROW_BYTES and not line.endswith(b"\n"):
            while (rest := handle.readline(_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield number, None
            continue
        yield number, line


def _json_lines(handle: BinaryIO, name: str) -> Iterator[Item]:
    for number, line in _long_lines(handle):
        if line is None:
            yield DocumentFailure(f"{name}:{number}", f"row longer than {MAX_ROW_BYTES:,} bytes; skipped")
            continue
        if number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except UnicodeDecodeError:
            yield DocumentFailure(f"{name}:{number}", "row is not UTF-8 text")
            continue
        except ValueError as exc:
            reason = getattr(exc, "msg", str(exc))
            column = getattr(exc, "colno", None)
            yield DocumentFailure(f"{name}:{number}", f"JSON does not parse: {reason}"
                                  + (f" at column {column}" if column else ""))
            continue
        yield _row(name, number, row)


def _array_rows(handle: BinaryIO, path: Path, name: str) -> Iterator[Item]:
    """The elements of a JSON array, each named by the line it starts on."""
    size = path.stat().st_size
    if size > MAX_ARRAY_BYTES:
        yield DocumentFailure(name, f"a JSON array over {MAX_ARRAY_BYTES >> 20} MB; "
                              "save the export as JSON Lines (one object a line) to import it")
        return
    try:
        text = handle.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        yield DocumentFailure(name, "not UTF-8 text")
        return
    decoder = json.JSONDecoder()
    at = text.index("[") + 1
    line, counted = 1, 0
    while True:
        at = _skip_blank(text, at)
        if at < len(text) and text[at] == "]":
            if text[at + 1:].strip():
                line += text.count("\n", counted, at)
                yield DocumentFailure(f"{name}:{line}", "text after the end of the JSON array")
            return
        line += text.count("\n", counted, at)
        counted = at
        try:
            element, end = decoder.raw_decode(text, at)
        except ValueError as exc:
            where = getattr(exc, "lineno", line)
            yield DocumentFailure(f"{name}:{where}", f"JSON does not parse: {getattr(exc, 'msg', exc)}; "
                                  "the rest of the array is not read")
            return
        yield _row(name, line, element)
        at = _skip_blank(text, end)
        if at < len(text) and text[at] == ",":
            at += 1
        elif at >= len(text) or text[at] != "]":
            line += text.count("\n", counted, at)
            yield DocumentFailure(f"{name}:{line}", "JSON array cut off or missing a comma; "
                                  "the rest of the array is not read")
            return


def _skip_blank(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t\r\n":
        at += 1
    return at


class _Lines:
    """The file's lines for the csv module, counted, and restartable at a
    given line: after a broken quote the reader starts again one line below
    the row that opened it, instead of losing the rest of the file."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.number = 0
        self.starts: dict[int, int] = {}  # line → offset, for the current row's lines only

    def __iter__(self) -> "_Lines":
        return self

    def __next__(self) -> str:
        offset = self.handle.tell()
        raw = self.handle.readline(MAX_ROW_BYTES + 1)
        if not raw:
            raise StopIteration
        self.number += 1
        self.starts.setdefault(self.number, offset)
        return raw.decode("utf-8", errors="replace")

    def begin_row(self) -> None:
        self.starts = {}

    def restart_after(self, line: int) -> None:
        self.handle.seek(self.starts[line])
        self.handle.readline(MAX_ROW_BYTES + 1)
        self.number = line
        self.starts = {}


def _csv_rows(handle: BinaryIO, name: str) -> Iterator[Item]:
    lines = _Lines(handle)
    reader = csv.reader(lines, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        yield DocumentFailure(name, "empty CSV file, no header row")
        return
    except csv.Error as exc:
        yield DocumentFailure(f"{name}:1", f"CSV header does not parse: {exc}")
        return
    header = [column.lstrip("\ufeff").strip() for column in header]
    if not any(header):
        yield DocumentFailure(f"{name}:1", "CSV header row is empty")
        return
    while True:
        start = lines.number + 1
        lines.begin_row()
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield DocumentFailure(f"{name}:{start}", f"broken quote in CSV row: {exc}; read again from the next line")
            lines.restart_after(start)
            reader = csv.reader(lines, strict=True)
            continue
        if not cells or cells == [""]:
            continue
        if len(cells) != len(header):
            spanned = lines.number > start
            yield DocumentFailure(
                f"{name}:{start}", f"CSV row has {len(cells)} field(s), the header {len(header)}"
                + ("; a quote opened here may never close: read again from the next line" if spanned else ""))
            if spanned:
                lines.restart_after(start)
                reader = csv.reader(lines, strict=True)
            continue
        yield _row(name, start, dict(zip(header, cells)))

