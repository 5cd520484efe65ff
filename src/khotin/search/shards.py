"""The search bundle in shards: each one its own Pagefind index, built in its
own process, and taken from the cache while its articles are unchanged.

Pagefind has no incremental mode and indexes on one thread at about 4 ms an
article: one index of 10,000 articles is 40 s of one core, and a one-record
edit paid all of it again. So articles are dealt into shards by a hash of
their URL (an article keeps its shard whatever else is added), the shards are
indexed side by side on every core, and a shard is cached under the hash of
its articles' sources. An edit re-indexes the one shard that holds the article.

The shard count is a power of two taken from the number of articles (or
`search_shards` in khotin.toml), so the bundle depends on the content alone:
an incremental build writes the same bytes as a cold one. A site small enough
for one shard gets exactly the one-index bundle. With several, each shard keeps
only its data under `pagefind/shards/<n>/`; `pagefind/` itself holds Pagefind's
scripts over a placeholder index of no words (Pagefind opens a bundle through
its primary index, and a real shard there would answer every query), and
`search.directory` says which shards hold each word, so that the search page
opens only those, with Pagefind's `mergeIndex`.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Sequence

from khotin.errors import BuildError
from khotin.search.directory import directory_files, shard_path, terms_file
from khotin.search.documents import BUNDLE, LANGUAGE, TERMS_FILE, SearchDocument, SearchRecord, to_record
from khotin.search.joined import MAP_STEM, JoinedFile, PackedFile, SharesOnDisk, join
from khotin.search.pagefind import pagefind_files, stable_bundle
from khotin.search.pickled import load as _load, store as _store
from khotin.search.postings import PageTerms, ShardPostings, page_terms, shard_postings
from khotin.search.shard_cache import CachedFile, Shard, cached, keep, postings_at, prune
from khotin.vietnamese.fold import fold

# Articles per shard before the archive is split further: a trade between an edit,
# which re-indexes its article's whole shard (Pagefind: ~2.5 ms an article, and at
# 10,000 articles the longest road of the build), and a query, which opens every
# shard holding its words (a common word is in all of them), at 20-45 ms a shard.
# Measured at 10,000 articles on a loaded 2-core machine (bench/latency.py): 16
# shards of 625 opened and searched "hong bang" in 0.7-0.9 s, 64 shards in 2.0-3.3 s,
# but an edit's build took 2.3x as long (10.1 s against 4.4 s), past its target.
SHARD_SIZE = 250
# Past 16,000 articles shards grow again. Pagefind holds a shard's whole index while it
# builds it (~550 MB for 1,560 articles): 128 shards keep that near 300 MB at 100,000
# articles, where the build with search must stay under 2 GB; the first page of results
# does not open shards (search.postings).
MAX_SHARDS = 128
# Articles to index past which each shard's share of the postings waits on disk, not in
# memory, until every shard is built, and the join reads them back then: at 100,000
# articles the shares are ~350 MB, held beside Pagefind's processes at the build's peak
# (docs/architecture.md). Below it the join runs while Pagefind builds.
SHARES_IN_MEMORY_LIMIT = 25_000
# What a merged index fetches; Pagefind's scripts and wasm come from the placeholder.
_DATA_FILE = re.compile(r"^(?:pagefind-entry\.json|[^/]+\.pf_meta|(?:index|fragment|filter)/[^/]+)$")
_CACHE_VERSION = b"khotin-search-shard-10"
# The placeholder index's one word: Pagefind keeps it (an "include character"), and a
# query reaches it only through a word starting with it, which no folded query has.
PLACEHOLDER_WORD = "\u203f"


@dataclass(frozen=True)
class SearchSource:
    """One article as the shards see it: where it lives and a hash of what its document is made from."""

    url: str
    digest: str


@dataclass(frozen=True)
class _Prepared:
    """An article made ready for Pagefind, kept per shard by its source's hash: preparing
    costs about what Pagefind's own indexing does (~1.5 ms an article), and an edit
    re-indexes a whole shard for the one article it changed."""

    digest: str
    record: SearchRecord
    pieces: str  # its distinct `pieces`, space-separated: a set of strings pickles object by object
    terms: PageTerms  # what it gives the postings


# A bundle's file: its bytes, or by its hash where the writer may hold them already.
BundleFile = bytes | CachedFile | PackedFile | JoinedFile

_WORD = re.compile(r"[^\W_]+_?")  # a joined token keeps its trailing "_"


def pieces(record: SearchRecord) -> set[str]:
    """The record's distinct whitespace-separated pieces, as written (a word never spans whitespace)."""
    return set(" ".join((record.content, *record.meta.values())).split())


def folded_words(texts: Iterable[str]) -> set[str]:
    return set(_WORD.findall(fold(" ".join(texts)).lower()))


def vocabulary(record: SearchRecord) -> set[str]:
    """The words Pagefind indexes for a record, folded and lower case, as the search page
    folds a query. A word one shard lacks makes Pagefind shorten it in that shard until
    something matches ("xuyen" → "xuy"), answering with unrelated pages; the page sends
    each word only to the shards that hold it.

    A shard folds the union of its records' `pieces` once: most pieces recur across
    its articles, and folding each article's own was a tenth of the search's CPU."""
    return folded_words(pieces(record))


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


def _pagefind_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pagefind")
    except PackageNotFoundError:
        return "?"


def _shard_key(base: bytes, sources: Sequence[SearchSource]) -> str:
    digest = hashlib.sha256(base)
    for source in sorted(sources, key=lambda s: s.url):
        digest.update(f"\0{source.url}\0{source.digest}".encode())
    return digest.hexdigest()


def _index(prepared: Iterable[_Prepared], label: str | None, building: threading.Lock | None = None) -> Shard:
    """One Pagefind run over the articles (in URL order), in this thread's own event loop.

    `label` names the shard in a `shard` filter: the search page sends each query
    to the shards that hold its words by it, and puts merged shards' filter-only
    listings in date order by its counts."""
    tokens: set[str] = set()
    written: set[str] = set()

    def made():  # lazily, so Python prepares records while Pagefind indexes the earlier ones
        for item in prepared:
            tokens.update(item.record.joined)
            written.update(item.pieces.split())
            record = item.record
            yield record if label is None else replace(record, filters={**record.filters, "shard": [label]})

    bundle = _pagefind_bundle(made(), building)
    return Shard(bundle, frozenset(tokens), frozenset(folded_words(written)))



def _pagefind_bundle(records: Iterable[SearchRecord], building: threading.Lock | None = None) -> dict[str, bytes]:
    """Pagefind's bundle of these records, keyed "pagefind/…", byte-stable; BuildError when it fails.
    `building`: held while Pagefind builds it (`pagefind_files`)."""
    try:
        files = asyncio.run(pagefind_files(records, LANGUAGE, building=building))
    except Exception as exc:  # the Pagefind service reports its failures as plain exceptions
        raise BuildError(f"search index: Pagefind failed: {exc}") from exc
    if "pagefind.js" not in files:
        raise BuildError("search index: Pagefind wrote no bundle")
    return stable_bundle({f"{BUNDLE}/{path}": data for path, data in sorted(files.items())})


def _prepared_before(cache: Path | None, name: str) -> dict[str, _Prepared]:
    kept = _load(cache / f"{name}.prepared") if cache is not None else None
    return kept if isinstance(kept, dict) else {}


def _placed(number: int, shard: Shard, alone: bool) -> dict[str, bytes | CachedFile]:
    """The shard's files where the bundle puts them: a lone shard's all at the bundle's
    root, else its data only, under pagefind/shards/<n>/."""
    if alone:
        return dict(shard.files)
    prefix = f"{BUNDLE}/"
    return {f"{prefix}{shard_path(number)}{name}": data
            for name, data in ((path.removeprefix(prefix), data) for path, data in shard.files.items())
            if _DATA_FILE.match(name)}


def _assemble(shards: list[tuple[int, Shard]], placeholder: Shard | None,
              postings: tuple[dict[str, bytes | PackedFile | JoinedFile], dict]) -> dict[str, BundleFile]:
    """Every shard's files (`_placed`), the postings, terms.json, and with several shards the
    placeholder and the directory."""
    files: dict[str, BundleFile] = {}
    tokens: set[str] = set()
    alone = len(shards) == 1
    for number, shard in shards:
        files.update(_placed(number, shard, alone))
        tokens |= shard.joined
    words = None if alone else {number: shard.words for number, shard in shards}
    if words is not None:
        assert placeholder is not None
        files.update(placeholder.files)
        files.update(directory_files(words))
    files.update(postings[0])
    files[f"{BUNDLE}/{TERMS_FILE}"] = terms_file(tokens, words, postings[1])
    return dict(sorted(files.items()))


def _placeholder(cache: Path | None, name: str) -> Shard:
    """Pagefind's scripts over an index of one page whose one word no query reaches:
    the primary index of a sharded bundle, which every search runs through and none
    may find anything in."""
    shard = cached(cache, name)
    if shard is None:
        shard = keep(cache, name, Shard(_pagefind_bundle([SearchRecord(url="/", content=PLACEHOLDER_WORD)]),
                                         frozenset()))
    return shard


def sharded_bundle(sources: Sequence[SearchSource], document: Callable[[int], SearchDocument], *,
                   shards: int = 0, cache: Path | None = None, key: bytes = b"", jobs: int | None = None,
                   before_indexing: Callable[[int], None] | None = None) -> dict[str, BundleFile]:
    """Every file of the search bundle, keyed "pagefind/…" (unchanged shards' files as CachedFile,
    postings files the last build made as well as JoinedFile, those joined now as PackedFile:
    search.joined).

    `document(i)` makes source i's document; it is called only for articles in a
    shard that is not in `cache`, and not prepared there under their digest.
    `key` stands for whatever else the documents depend on (khotin's code).
    `before_indexing(n)` is told how many articles the shards not in `cache` hold
    before the first of them is made or indexed (it may wait: a build's pages and
    Pagefind's processes need not hold their memory at once). Raises BuildError
    when Pagefind fails.
    """
    count = shard_count(len(sources), shards)
    members: list[list[int]] = [[] for _ in range(count)]
    for number, source in enumerate(sources):
        members[shard_of(source.url, count)].append(number)
    wanted = [(number, items) for number, items in enumerate(members) if items] or [(0, [])]
    base = _CACHE_VERSION + key + _pagefind_version().encode()  # looked up once, not per shard
    bases = {number: base + f"\0{number}/{count}".encode() for number, _ in wanted}
    names = {number: _shard_key(bases[number], [sources[i] for i in items]) for number, items in wanted}
    prepared_names = {number: hashlib.sha256(bases[number]).hexdigest() for number, _ in wanted}
    blank_name = hashlib.sha256(base + b"\0placeholder").hexdigest() if len(wanted) > 1 else None

    building = threading.Lock()  # one shard built at a time, while the others' records are sent
    # Each shard's postings, known once its records are read (a cached shard's at once): the
    # postings are joined while Pagefind still builds the changed shards (an edit's longest road).
    # Past SHARES_IN_MEMORY_LIMIT, its cached index instead, once the shard is built.
    shares: dict[int, Future] = {number: Future() for number, _ in wanted}

    def one(number: int, items: list[int]) -> Shard:
        try:
            return indexed(number, items)
        finally:
            if not shares[number].done():  # it failed before its records were all read
                shares[number].set_exception(BuildError("search index: a shard was not made"))

    def indexed(number: int, items: list[int]) -> Shard:
        shard = cached(cache, names[number])
        if shard is not None:
            shares[number].set_result(shard.index if on_disk_until_built else shard.postings)
            shard = replace(shard, postings=None)  # the joiner's now
        else:
            before = _prepared_before(cache, prepared_names[number])
            now: dict[str, _Prepared] = {}
            known: dict = {}  # the shard's pieces of text and their words (postings.page_terms)
            share: list[ShardPostings] = []

            def prepared() -> Iterator[_Prepared]:
                for i in sorted(items, key=lambda i: sources[i].url):
                    url, hashed = sources[i].url, sources[i].digest
                    item = before.get(url)
                    if not isinstance(item, _Prepared) or item.digest != hashed:
                        record = to_record(document(i))
                        item = _Prepared(hashed, record, " ".join(pieces(record)), page_terms(record, known))
                    now[url] = item
                    yield item
                share.append(shard_postings([(item.record, item.terms) for item in now.values()]))
                if not on_disk_until_built:
                    shares[number].set_result(share[0])

            shard = keep(cache, names[number], replace(_index(prepared(), str(number) if count > 1 else None,
                                                               building), postings=share[0]))
            if cache is not None:
                _store(cache, f"{prepared_names[number]}.prepared", now)
            if on_disk_until_built:
                shares[number].set_result(shard.index or share[0])
        return shard

    # Shards to index go first: a one-record edit's shard must not wait behind the
    # 63 others, which are only read from the cache.
    in_cache = [cache is not None and (cache / f"{names[number]}.index").is_file() for number, _ in wanted]
    order = sorted(range(len(wanted)), key=in_cache.__getitem__)
    to_index = sum(len(items) for hit, (_, items) in zip(in_cache, wanted) if not hit)
    on_disk_until_built = cache is not None and to_index > SHARES_IN_MEMORY_LIMIT
    if before_indexing is not None:
        before_indexing(to_index)
    workers = max(1, min(len(wanted), jobs if jobs is not None else (os.cpu_count() or 1)))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="khotin-search") as pool, \
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="khotin-postings") as joiner:
        futures = {k: pool.submit(one, *wanted[k]) for k in order}
        placeholder = pool.submit(_placeholder, cache, blank_name) if blank_name else None
        postings = joiner.submit(lambda: join({number: _share(share.result()) for number, share in shares.items()},
                                              cache, base))
        built = [(number, futures[k].result()) for k, (number, _) in enumerate(wanted)]
        blank = placeholder.result() if placeholder is not None else None
        joined = postings.result()
    indexes = {number: shard.index for number, shard in built}
    on_disk = SharesOnDisk(indexes, postings_at, base) if all(indexes.values()) else None
    prune(cache, {*names.values(), *prepared_names.values(), *([blank_name] if blank_name else []), MAP_STEM})
    return _assemble(built, blank, (joined.files(on_disk), joined.summary))


def _share(held: ShardPostings | str) -> ShardPostings:
    """A shard's share of the postings, read back from its cached index if it waited there."""
    return held if isinstance(held, ShardPostings) else postings_at(held)


def materialised(bundle: Mapping[str, BundleFile]) -> dict[str, bytes]:
    """Every file's bytes, cached ones read in."""
    return {path: data if isinstance(data, bytes) else data.load() for path, data in bundle.items()}


def index_bundle(documents: Sequence[SearchDocument], shards: int = 0) -> dict[str, bytes]:
    """The bundle of these documents, with no cache (tests and the search benchmark)."""
    sources = [SearchSource(d.url, hashlib.sha256(repr(d).encode()).hexdigest()) for d in documents]
    return materialised(sharded_bundle(sources, documents.__getitem__, shards=shards))
