"""The last build's indexes, reused while no record's indexed fields have changed.

Grouping 10,000 records by tag, place and date, placing them in the gazetteer
(loaded for the purpose) and hashing the result into the shape key was a fifth
of a one-record edit's build, though an edit to a body, summary or byline moves
no record between groups. So the groups are kept as record positions, with the
gazetteer facts the place pages show, and put back around this build's records
when every record's indexed fields (`index_key`), in order, and khotin's code are as they were.
"""

from __future__ import annotations

import dataclasses
import hashlib
from array import array
from collections import Counter
from operator import attrgetter
from pathlib import Path
from typing import Any, Callable, Sequence

from khotin.indexes import GROUPED_FIELDS, Indexes, build_indexes
from khotin.records import Record
from khotin.build.dependencies import shape_key
from khotin.build.output.paths import read_state, write_state


@dataclasses.dataclass(frozen=True)
class Grouped:
    """What the build plans from: the indexes, the gazetteer facts of their
    districts (by code) and the shape key `dependencies` compares."""

    indexes: Indexes
    district_info: Callable[[str], Any]
    shape: str


def index_key(records: Sequence[Record], code_key: bytes) -> str:
    """Hash of what the indexes are made from. `untouched_import` counts only for a record
    holding a tag no other record holds: a person's first edit of a record flips it, and
    it decides nothing else (`indexes._tag_groups`), so the edit keeps the groups."""
    fields = attrgetter(*GROUPED_FIELDS)
    holders = Counter(tag for record in records for tag in set(record.tags))
    alone = [index for index, record in enumerate(records)
             if record.untouched_import and any(holders[tag] == 1 for tag in record.tags)]
    return hashlib.sha256(code_key + repr(([fields(record) for record in records], alone)).encode(
        "utf-8", "surrogatepass")).hexdigest()


def _packed(value: Any, position: dict[int, int]) -> Any:
    """`value` with each tuple of records as their positions (4-byte integers)."""
    if isinstance(value, tuple):
        if value and isinstance(value[0], Record):
            return array("I", [position[id(record)] for record in value]).tobytes()
        return tuple(_packed(item, position) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{field.name: _packed(getattr(value, field.name), position)
                                             for field in dataclasses.fields(value) if field.init})
    return value


def _unpacked(value: Any, records: Sequence[Record]) -> Any:
    if isinstance(value, bytes):
        positions = array("I")
        positions.frombytes(value)
        return tuple(map(records.__getitem__, positions))
    if isinstance(value, tuple):
        return tuple(_unpacked(item, records) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{field.name: _unpacked(getattr(value, field.name), records)
                                             for field in dataclasses.fields(value) if field.init})
    return value


def _district_codes(indexes: Indexes) -> set[str]:
    codes = {str(code) for record in indexes.records for code in record.district_codes}
    codes.update(str(d.code) for p in indexes.provinces for d in p.districts if d.code)
    return codes


def _facts_first(facts: dict[str, Any], district_by_code: Callable[[str], Any]) -> Callable[[str], Any]:
    return lambda code: facts[code] if code in facts else district_by_code(code)


def grouped(records: Sequence[Record], cache: Path, code_key: bytes,
            district_by_code: Callable[[str], Any]) -> Grouped:
    """The indexes of `records` (and the rest of `Grouped`): the last build's when
    `index_key` matches, else built and kept for the next build.

    `district_by_code` is asked only for codes the kept facts lack; any cache
    trouble means a rebuild, never a wrong index."""
    key = index_key(records, code_key)
    kept = read_state(cache)
    if kept.get("key") == key:
        try:
            indexes = _unpacked(kept["indexes"], records)
            facts = kept["facts"]
            return Grouped(indexes, _facts_first(facts, district_by_code), kept["shape"])
        except (KeyError, IndexError, TypeError, ValueError):
            pass
    indexes = build_indexes(records)
    facts = {code: district_by_code(code) for code in sorted(_district_codes(indexes))}
    shape = shape_key(indexes)
    position = {id(record): index for index, record in enumerate(records)}
    try:
        write_state(cache, {"key": key, "indexes": _packed(indexes, position), "facts": facts, "shape": shape})
    except OSError:
        pass  # only the next build is slower
    return Grouped(indexes, _facts_first(facts, district_by_code), shape)
