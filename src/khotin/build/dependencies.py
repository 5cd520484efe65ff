"""Which pages an edit leaves alone, known without planning them.

Planning a page (making its view and the key it is compared by) was most of a
one-record edit's build: 17,000 pages planned for a 10,000-article site to find
the few dozen that show the edited record. A page's (or feed's) view is made from the
records it shows (`PageSpec.depends`: an article's own record, its neighbours
and its related articles; a listing page's cards) and from the site's shape:
the order of all records, their dates, and every group's name, slug and
members, which decide neighbours, related articles, pagination and every
count. So when the shape and the environment (code, templates, config) are
what the last build saw, a page none of whose records changed has the view it
had: its file is reused under its old view key, unplanned. Any other change
(a record added, removed, re-dated or re-tagged; a template edited) plans
every page, as before.
"""

from __future__ import annotations

import dataclasses
import hashlib
from array import array
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from khotin.records import Record
from khotin.site.factory import is_deferred, output_name


@dataclass(frozen=True)
class PageInputs:
    """What the manifest keeps for the next build to compare with."""

    environment: str
    shape: str
    digests: tuple[str, ...]  # each record's source hash, by position in the newest-first order

    def to_json(self, depends: Mapping[str, bytes]) -> dict:
        return {"environment": self.environment, "shape": self.shape, "digests": list(self.digests),
                "depends": dict(depends)}


def unpacked(shown: bytes) -> array:
    """Record positions as the writer packs them: 4-byte integers (170,000 pages' worth at
    100k records is ~15 MB so, against ~90 MB as tuples of ints)."""
    positions = array("I")
    positions.frombytes(shown)
    return positions


def _feed(digest: Any, value: Any) -> None:
    """The indexes into the digest, each record as its slug and date (its content is in
    its own digest); streamed group by group, since the whole at 100,000 records is
    hundreds of megabytes of text."""
    if isinstance(value, tuple):
        if value and isinstance(value[0], Record):
            digest.update("\x1f".join(f"{record.slug}@{record.date}" for record in value).encode())
        else:
            for item in value:
                _feed(digest, item)
        digest.update(b"\x1e")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        digest.update(type(value).__name__.encode() + b"\x1d")
        for field in dataclasses.fields(value):
            _feed(digest, getattr(value, field.name))
    else:
        digest.update(repr(value).encode("utf-8", "surrogatepass") + b"\x1d")


def shape_key(indexes: Any) -> str:
    digest = hashlib.sha256()
    _feed(digest, indexes)
    return digest.hexdigest()


def page_inputs(environment: bytes, indexes: Any, shape: str, digest_of: Mapping[str, str]) -> PageInputs:
    """`shape`: `shape_key(indexes)`, which `group_cache` keeps between builds."""
    return PageInputs(environment.hex(), shape, tuple(digest_of[record.slug] for record in indexes.records))


def unchanged_pages(previous: Mapping, current: PageInputs,
                    specs: Sequence[Any]) -> dict[str, tuple[str, bytes]]:
    """path → (old view key, records shown) for each deferred page or feed the last build made
    from records that have not changed since, when nothing else has."""
    before = previous.get("inputs")
    if not isinstance(before, dict) or before.get("environment") != current.environment or \
            before.get("shape") != current.shape or len(before.get("digests", ())) != len(current.digests):
        return {}
    changed = {position for position, (old, new) in enumerate(zip(before["digests"], current.digests))
               if old != new}
    views, depends = previous.get("views", {}), before.get("depends", {})
    unchanged = {}
    for spec in specs:
        if not is_deferred(spec):
            continue
        name = output_name(spec)
        shown, key = depends.get(name), views.get(name)
        if isinstance(shown, bytes) and key is not None and changed.isdisjoint(unpacked(shown)):
            unchanged[spec.path] = (key, shown)
    return unchanged
