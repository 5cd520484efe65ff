"""Built shards kept between builds (search.shards): each one's Pagefind files in
`<key>.pickle`, and in `<key>.index` what a build needs of it without those bytes —
their hashes, its joined tokens, its words and its share of the postings. A shard
comes back from the cache as references to its files (`CachedFile`), which a build
reads only for a file its site does not already hold.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from khotin.errors import BuildError
from khotin.search.pickled import UNREADABLE, store
from khotin.search.postings import ShardPostings


@dataclass(frozen=True)
class CachedFile:
    """A file of a shard taken from the cache, by its hash: the build keeps the copy
    its site already holds and reads these bytes only when it holds none (an edit
    would otherwise read, send and hash 60 MB of unchanged shards at 10,000 articles)."""

    digest: str
    shard: str  # the cached shard's pickle
    path: str

    def load(self) -> bytes:
        return _cached_files(self.shard)[self.path]


@dataclass(frozen=True)
class Shard:
    """One Pagefind index: its files keyed "pagefind/…" (bytes, or CachedFile), the
    joined tokens of its articles, every word it indexes, folded (see `shards.vocabulary`),
    its share of the postings (search.postings), and the cached index it was read from, if any."""

    files: dict[str, bytes | CachedFile]
    joined: frozenset[str]
    words: frozenset[str] = frozenset()
    postings: ShardPostings | None = None
    index: str | None = None


@lru_cache(maxsize=4)
def _cached_files(shard: str) -> dict[str, bytes]:
    try:
        with open(shard, "rb") as handle:
            files = pickle.load(handle)
    except UNREADABLE as exc:
        raise BuildError(f"{shard}: cannot read the cached search shard: {exc}") from None
    if not isinstance(files, dict):
        raise BuildError(f"{shard}: cannot read the cached search shard")
    return files


def cached(cache: Path | None, name: str) -> Shard | None:
    """The shard from the cache: its small index now, its files' bytes only if asked for."""
    if cache is None:
        return None
    try:
        with open(cache / f"{name}.index", "rb") as handle:
            digests, joined, words, postings = pickle.load(handle)
    except UNREADABLE:
        return None
    if not (cache / f"{name}.pickle").is_file():
        return None
    return _referenced(cache, name, digests, joined, words, postings)


def _referenced(cache: Path, name: str, digests: Mapping[str, str], joined: frozenset[str], words: frozenset[str],
                postings: ShardPostings | None) -> Shard:
    """The shard with its files as references to its cached pickle (by their hashes)."""
    pickled = str(cache / f"{name}.pickle")
    return Shard({path: CachedFile(hashed, pickled, path) for path, hashed in digests.items()}, joined, words,
                 postings, str(cache / f"{name}.index"))


def postings_at(index: str) -> ShardPostings:
    """A cached shard's share of the postings, read back for a writer that holds no copy of
    a postings file the build knows by hash (search.joined)."""
    try:
        with open(index, "rb") as handle:
            postings = pickle.load(handle)[3]
    except (*UNREADABLE, IndexError, KeyError) as exc:
        raise BuildError(f"{index}: cannot read the cached search shard: {exc}") from None
    if not isinstance(postings, ShardPostings):
        raise BuildError(f"{index}: cannot read the cached search shard")
    return postings


def keep(cache: Path | None, name: str, shard: Shard) -> Shard:
    """Its files go first, its index (what `cached` looks for) after them. Returns the shard
    with its files as references to the cache (at 100,000 articles 10 MB a shard not
    carried on) and without its share of the postings, which the joiner holds already
    (read back with the index, a second copy: ~300 MB at 100,000 articles)."""
    if cache is None:
        return shard
    digests = {path: hashlib.sha256(data).hexdigest() for path, data in shard.files.items()}
    if not (store(cache, f"{name}.pickle", shard.files)
            and store(cache, f"{name}.index", (digests, shard.joined, shard.words, shard.postings))):
        return shard  # the cache could not take it: the bytes stay
    return _referenced(cache, name, digests, shard.joined, shard.words, None)


def prune(cache: Path | None, used: set[str]) -> None:
    if cache is None or not cache.is_dir():
        return
    for path in cache.iterdir():
        if path.name.rsplit(".", 1)[0] not in used:
            try:
                path.unlink()
            except OSError:
                pass
