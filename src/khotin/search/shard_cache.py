"""Built shards kept between builds (search.shards): each one's joined tokens and its
share of the postings in `<key>.index`. A build reads back the shards whose articles
are unchanged, and makes only the others.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from pathlib import Path

from khotin.errors import BuildError
from khotin.search.pickled import UNREADABLE, store
from khotin.search.postings import ShardPostings


@dataclass(frozen=True)
class Shard:
    """One shard's part of the search: the joined tokens of its articles (terms.json), its
    share of the postings (search.postings), and the cached index it is kept in, if any."""

    joined: frozenset[str]
    postings: ShardPostings
    index: str | None = None


def cached(cache: Path | None, name: str) -> Shard | None:
    """The shard from the cache, or None when it is not there or cannot be read."""
    if cache is None:
        return None
    path = cache / f"{name}.index"
    try:
        with open(path, "rb") as handle:
            joined, postings = pickle.load(handle)
    except UNREADABLE:
        return None
    if not isinstance(postings, ShardPostings) or not isinstance(joined, frozenset):
        return None
    return Shard(joined, postings, str(path))


def postings_at(index: str) -> ShardPostings:
    """A cached shard's share of the postings, read back for a writer that holds no copy of
    a postings file the build knows by hash (search.joined)."""
    try:
        with open(index, "rb") as handle:
            postings = pickle.load(handle)[1]
    except (*UNREADABLE, IndexError, KeyError) as exc:
        raise BuildError(f"{index}: cannot read the cached search shard: {exc}") from None
    if not isinstance(postings, ShardPostings):
        raise BuildError(f"{index}: cannot read the cached search shard")
    return postings


def keep(cache: Path | None, name: str, shard: Shard) -> Shard:
    """The shard, stored under `name`; returned with the index it is kept in (none when the
    cache could not take it: it is made again next time)."""
    if cache is None or not store(cache, f"{name}.index", (shard.joined, shard.postings)):
        return shard
    return Shard(shard.joined, shard.postings, str(cache / f"{name}.index"))


def prune(cache: Path | None, used: set[str]) -> None:
    if cache is None or not cache.is_dir():
        return
    for path in cache.iterdir():
        if path.name.rsplit(".", 1)[0] not in used:
            try:
                path.unlink()
            except OSError:
                pass
