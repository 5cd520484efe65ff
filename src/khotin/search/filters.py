"""The search page's filters (district, province, tag, year) as small files beside the postings.

A reader narrows a query, or lists an archive's articles without one, by a
district, a tag or a year. `filters.json` gives every value with its article
count (the page's drop-down lists) and the name of the one file listing its
articles: per shard, each article's position there and its date as a number
(yyyymmdd, left out when undated), so the page can intersect a query's pages
with it and put a filter-only listing newest first without reading anything else.

A value's file is named by a hash of the filter and the value: a tag can be any
text, and a name spelled out (search.postings.file_name) could pass a file
system's limit on a name's length.

Made per shard, cached with its share of the postings (search.postings), and
joined the same way (search.joined): an edit changes its shard's parts only.
"""

from __future__ import annotations

import hashlib
import json
from typing import Mapping, Sequence

from khotin.search.documents import SearchRecord, UNDATED

FILTERS_FILE = "filters.json"
FILTER_FOLDER = "f"

# (filter, value) → the shard's part: its JSON text, that text's digest (search.postings.Part), and its count.
ShardFilters = Mapping[tuple[str, str], tuple[tuple[str, str], int]]


def file_key(name: str, value: str) -> str:
    """The value's file: 64 bits of sha256 of filter and value, in hexadecimal."""
    return hashlib.sha256(f"{name}\0{value}".encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _entry(position: int, date: str) -> str:
    """"position:yyyymmdd", or "position" for an undated article."""
    if not date or date == UNDATED:
        return str(position)
    return f"{position}:{date[:10].replace('-', '')}"


def shard_filters(records: Sequence[SearchRecord], part) -> ShardFilters:
    """One shard's entries per filter value, its records in the shard's order.
    `part`: text → (text, digest), as the postings make their parts."""
    entries: dict[tuple[str, str], list[str]] = {}
    for position, record in enumerate(records):
        date = record.sort.get("date", "")
        for name, values in record.filters.items():
            for value in dict.fromkeys(values):
                entries.setdefault((name, value), []).append(_entry(position, date))
    return {key: (part(json.dumps(" ".join(found), ensure_ascii=False)), len(found))
            for key, found in sorted(entries.items())}


def filter_layout(shards: Mapping[int, ShardFilters], prefix: str) -> tuple[dict[str, list], str]:
    """Each value's file as its parts in shard order, keyed "<prefix>/f/<key>.json", and the
    text of filters.json: {filter: {value: [count, key]}}, values in code-point order."""
    files: dict[str, list] = {}
    counts: dict[str, dict[str, list]] = {}
    for number in sorted(shards):
        for (name, value), (part, count) in shards[number].items():
            key = file_key(name, value)
            files.setdefault(f"{prefix}/{FILTER_FOLDER}/{key}.json", []).append((number, part))
            found = counts.setdefault(name, {}).setdefault(value, [0, key])
            found[0] += count
    ordered = {name: dict(sorted(values.items())) for name, values in sorted(counts.items())}
    return files, json.dumps(ordered, ensure_ascii=False, separators=(",", ":"))
