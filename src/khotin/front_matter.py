"""Front matter as khotin writes it, read without the YAML machinery.

A build reads every record's front matter, and PyYAML's C loader still composes
and resolves each scalar in Python: a quarter of a cold build's loading at 10,000
articles. What `khotin import` writes (records.render_record) is a narrow subset
of YAML: `key: value` lines, a value plain, single-quoted, `null` or `[]`, lists as
`- item` lines. `simple_front_matter` reads exactly that subset and gives up
(None) on anything else — a comment, a tab, a multi-line or double-quoted value
with escapes, a plain value YAML would read as a number, date or boolean (asked of
PyYAML's own resolver), a repeated key — which PyYAML then reads, so a person's
hand-written YAML means what YAML says it means.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

# YAML's printable characters minus its line breaks other than \n (\x85, \u2028,
# \u2029), tabs, \r and the BOM: a block holding anything else is left to PyYAML.
_OUTSIDE = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_KEY_LINE = re.compile(r"([a-z_][a-z0-9_]*):(?: (.*))?")
# Characters that may not open a plain scalar (quotes are read apart).
_INDICATORS = frozenset("-?:,[]{}#&*!|>%@`'\"")
# PyYAML's implicit resolvers by the first character they apply to (a plain scalar
# starting with any other is a string).
_RESOLVERS = {first: tuple(pattern for _, pattern in patterns)
              for first, patterns in yaml.resolver.Resolver.yaml_implicit_resolvers.items()}
# Where a plain scalar on one line would not be one whole string: ": " or " #" inside, or
# a space or colon at its end.
_PLAIN_BREAK = re.compile(r": | #|[ :]\Z")


class _NotSimple(Exception):
    pass


def _scalar(raw: str) -> Any:
    first = raw[:1]
    if first not in _INDICATORS and first and first != " " and _PLAIN_BREAK.search(raw) is None:
        patterns = _RESOLVERS.get(first)
        if patterns is None or not any(pattern.match(raw) for pattern in patterns):
            return raw
        if raw == "null":
            return None
        raise _NotSimple
    if first == "'":
        inner = raw[1:-1]
        if len(raw) < 2 or raw[-1] != "'" or "'" in inner.replace("''", ""):
            raise _NotSimple
        return inner.replace("''", "'")
    if first == '"':
        inner = raw[1:-1]
        if len(raw) < 2 or raw[-1] != '"' or '"' in inner or "\\" in inner:
            raise _NotSimple
        return inner
    if raw == "[]":
        return []
    raise _NotSimple


def simple_front_matter(block: str) -> dict[str, Any] | None:
    """The mapping PyYAML's safe loader reads from `block`, or None when `block` is
    outside the subset this reads (see the module doc)."""
    if _OUTSIDE.search(block):
        return None
    data: dict[str, Any] = {}
    items: list | None = None  # the list `- item` lines go to
    opened: str | None = None  # a key with no value yet: a list follows, or it is null
    try:
        for line in block.split("\n")[:-1] if block.endswith("\n") else block.split("\n"):
            if line.startswith("- "):
                if items is None:
                    raise _NotSimple
                items.append(_scalar(line[2:]))
                opened = None
                continue
            if opened is not None:
                data[opened] = None
            match = _KEY_LINE.fullmatch(line)
            if match is None or match.group(1) in data:
                raise _NotSimple
            key, raw = match.groups()
            if raw is None:
                items, opened = [], key
                data[key] = items
            else:
                items = opened = None
                data[key] = _scalar(raw)
    except _NotSimple:
        return None
    if opened is not None:
        data[opened] = None
    return data
