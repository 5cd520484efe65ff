"""The search bundle in shards, each made from its articles and cached under their hashes.

A one-record edit must not make the whole index again: at 10,000 articles that
is some 10 s of one core. So articles are dealt into shards by a hash of their
URL (an article keeps its shard whatever else is added), each shard's share of
the postings (search.postings, its filters with it) is cached under the hash of
its articles' sources, and an edit makes again the one shard holding the
article — its other articles come prepared from the cache — and joins only the
files whose parts changed (search.joined).

The shard count is a power of two taken from the number of articles (or
`search_shards` in khotin.toml), so the bundle depends on the content alone:
an incremental build writes the same bytes as a cold one. The search page sees
no shards: every file of the bundle covers the whole archive.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping, Sequence

from khotin.search.documents import BUNDLE, TERMS_FILE, SearchDocument, SearchRecord, to_record
from khotin.search.joined import MAP_STEM, JoinedFile, PackedFile, SharesOnDisk, join
from khotin.search.pickled import load as _load, store as _store
from khotin.search.postings import PageTerms, page_terms, shard_postings, terms_file
from khotin.search.shard_cache import Shard, cached, keep, postings_at, prune

# Articles per shard before the archive is split further: an edit makes its article's
# whole shard again (its postings, from the prepared articles), and every file of the
# bundle holds a part per shard (more shards, more joining and a larger file).
SHARD_SIZE = 250
MAX_SHARDS = 128
_CACHE_VERSION = b"khotin-search-shard-11"


@dataclass(frozen=True)
class SearchSource:
    """One article as the shards see it: where it lives and a hash of what its document is made from."""

    url: str
    digest: str


@dataclass(frozen=True)
class _Prepared:
    """An article made ready for the postings, kept per shard by its source's hash: an edit
    makes its whole shard again for the one article it changed."""

    digest: str
    record: SearchRecord
    terms: PageTerms  # what it gives the postings


# A bundle's file: its bytes, or by its hash where the writer may hold them already.
BundleFile = bytes | PackedFile | JoinedFile


def shard_count(articles: int, wanted: int = 0) -> int:
    """`wanted` if set, else the smallest power of two giving at most SHARD_SIZE articles a shard."""
    if wanted > 0:
        return wanted
    count = 1
    while count < MAX_SHARDS and articles > count * SHARD_SIZE:
        count *= 2
    return count


def shard_of(url: str, shards: int) -> int:
    return int.from_bytes(hashlib.sha256(url.encode()).digest()[:8], "big") % shards


def _shard_key(base: bytes, sources: Sequence[SearchSource]) -> str:
    digest = hashlib.sha256(base)
    for source in sorted(sources, key=lambda s: s.url):
        digest.update(f"\0{source.url}\0{source.digest}".encode())
    return digest.hexdigest()


def _prepared_before(cache: Path | None, name: str) -> dict[str, _Prepared]:
    kept = _load(cache / f"{name}.prepared") if cache is not None else None
    return kept if isinstance(kept, dict) else {}


def _made(sources: Sequence[SearchSource], items: list[int], document: Callable[[int], SearchDocument],
          before: Mapping[str, _Prepared]) -> tuple[Shard, dict[str, _Prepared]]:
    """The shard of these articles (in URL order), each prepared again only if its source changed."""
    now: dict[str, _Prepared] = {}
    known: dict = {}  # the shard's pieces of text and their words (postings.page_terms)
    for i in sorted(items, key=lambda i: sources[i].url):
        url, hashed = sources[i].url, sources[i].digest
        item = before.get(url)
        if not isinstance(item, _Prepared) or item.digest != hashed:
            record = to_record(document(i))
            item = _Prepared(hashed, record, page_terms(record, known))
        now[url] = item
    joined = frozenset(token for item in now.values() for token in item.record.joined)
    return Shard(joined, shard_postings([(item.record, item.terms) for item in now.values()])), now


def sharded_bundle(sources: Sequence[SearchSource], document: Callable[[int], SearchDocument], *,
                   shards: int = 0, cache: Path | None = None, key: bytes = b"",
                   before_indexing: Callable[[int], None] | None = None) -> dict[str, BundleFile]:
    """Every file of the search bundle, keyed "<BUNDLE>/…" (postings files the last build made
    as well as JoinedFile, those joined now as PackedFile: search.joined).

    `document(i)` makes source i's document; it is called only for articles in a
    shard that is not in `cache`, and not prepared there under their digest.
    `key` stands for whatever else the documents depend on (khotin's code).
    `before_indexing(n)` is told how many articles the shards not in `cache` hold
    before the first of them is made.
    """
    count = shard_count(len(sources), shards)
    members: list[list[int]] = [[] for _ in range(count)]
    for number, source in enumerate(sources):
        members[shard_of(source.url, count)].append(number)
    wanted = [(number, items) for number, items in enumerate(members) if items] or [(0, [])]
    base = _CACHE_VERSION + key
    bases = {number: base + f"\0{number}/{count}".encode() for number, _ in wanted}
    names = {number: _shard_key(bases[number], [sources[i] for i in items]) for number, items in wanted}
    prepared_names = {number: hashlib.sha256(bases[number]).hexdigest() for number, _ in wanted}

    found = {number: cached(cache, names[number]) for number, _ in wanted}
    if before_indexing is not None:
        before_indexing(sum(len(items) for number, items in wanted if found[number] is None))
    built: dict[int, Shard] = {}
    for number, items in wanted:
        shard = found[number]
        if shard is None:
            shard, prepared = _made(sources, items, document, _prepared_before(cache, prepared_names[number]))
            shard = keep(cache, names[number], shard)
            if cache is not None:
                _store(cache, f"{prepared_names[number]}.prepared", prepared)
        built[number] = shard
    joined = join({number: shard.postings for number, shard in built.items()}, cache, base)
    indexes = {number: shard.index for number, shard in built.items()}
    on_disk = SharesOnDisk(indexes, postings_at, base) if all(indexes.values()) else None
    prune(cache, {*names.values(), *prepared_names.values(), MAP_STEM})
    files: dict[str, BundleFile] = dict(joined.files(on_disk))
    tokens = frozenset().union(*(shard.joined for shard in built.values()))
    files[f"{BUNDLE}/{TERMS_FILE}"] = terms_file(tokens, joined.summary)
    return dict(sorted(files.items()))


def materialised(bundle: Mapping[str, BundleFile]) -> dict[str, bytes]:
    """Every file's bytes, cached ones read in."""
    return {path: data if isinstance(data, bytes) else data.load() for path, data in bundle.items()}


def index_bundle(documents: Sequence[SearchDocument], shards: int = 0) -> dict[str, bytes]:
    """The bundle of these documents, with no cache (tests and the search benchmark)."""
    sources = [SearchSource(d.url, hashlib.sha256(repr(d).encode()).hexdigest()) for d in documents]
    return materialised(sharded_bundle(sources, documents.__getitem__, shards=shards))
