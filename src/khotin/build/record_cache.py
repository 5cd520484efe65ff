"""Read every record for a build, leaving the bodies on disk.

A body is needed three times: as HTML on its article page and in feeds, as
plain text in its search document (when the site has search), and as a card's
excerpt. All are made here,
while the file is open: the HTML and the text go to the body store, the
excerpt into the `Loaded` record, and the body itself is dropped. A 100,000-record build then never holds the archive's
text in one process.

Parsing YAML and rendering Markdown cost a few hundred microseconds per
record and would be paid again on every rebuild after a one-record edit, so
loaded records are kept in a disposable pickle beside the site, keyed by each
file's content hash; only new or changed files (or ones whose HTML left the
store) are read, in forked workers when there are many. A first build has no
hashes yet: the workers hash each file as they read it.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
from dataclasses import replace
from pathlib import Path
from typing import Iterator, Sequence

from khotin.errors import KhotinError
from khotin.interrupt import leave_ctrl_c_to_the_parent
from khotin.records import LIST_KEYS, Record, read_record, record_from_bytes
from khotin.site.loaded import Loaded, excerpt_of
from khotin.build.fingerprints import FileHash, read_hashed
from khotin.build.bodies import BodyStore
from khotin.search.documents import plain_text
from khotin.site.markdown import body_key, render_many

PARALLEL_THRESHOLD = 400
CACHE_VERSION = 3
# Records parsed again rather than the whole cache rewritten (see read_records).
REPARSE_LIMIT = 64


# (record, its HTML and plain text (None: not wanted) when the store lacks them, the file's hash); None: unreadable
Parsed = tuple[Loaded, tuple[str, str | None] | None, FileHash] | None


_REPEATED_TEXT = ("kicker", "author", "source")


def _shared(record: Record, pool: dict[str, str]) -> dict:
    """The record's fields with each tag, place, review note and byline one string
    object shared by every record that has it: they repeat across an archive, and at
    100,000 records the copies were a third of a build's memory. Done where the
    records are parsed: pickling keeps one copy per batch sent to the parent, and
    the parent, which took them in alone, no longer spends its time on it."""
    changes: dict = {key: tuple(pool.setdefault(value, value) for value in getattr(record, key)) for key in LIST_KEYS}
    for key in _REPEATED_TEXT:
        value = getattr(record, key)
        changes[key] = pool.setdefault(value, value) if value is not None else None
    return changes


def _parse(paths: Sequence[Path], stored: frozenset[str], texts: bool, store: BodyStore | None) -> list[Parsed]:
    """None for a file that fails (the parent re-reads it for the exact error).

    Each file is hashed as it is read: a first build has no hashes yet and takes
    them from here rather than reading all 50 MB once more before (`fingerprints`).
    With a `store` (on disk), the bodies go straight into it: sending 50 MB of
    HTML to the parent, which stored it, made the parent the loading's bottleneck."""
    parsed: list[Parsed] = []
    unrendered: list[tuple[int, str]] = []
    pool: dict[str, str] = {}
    for path in paths:
        try:
            hashed, raw = read_hashed(path)
            record = record_from_bytes(raw, path)
        except (KhotinError, OSError, ValueError):
            parsed.append(None)
            continue
        body = body_key(record.body)
        if body not in stored:
            unrendered.append((len(parsed), record.body))
        shared = replace(record, body="", **_shared(record, pool))
        parsed.append((Loaded(shared, body, excerpt_of(record)), None, hashed))
    rendered = [(index, html, plain_text(body) if texts else None)
                for (index, body), html in zip(unrendered, render_many([body for _, body in unrendered]))]
    if store is not None:
        store.put_many([(parsed[index][0].body_key, html, text) for index, html, text in rendered])  # type: ignore[index]
        return parsed
    for index, html, text in rendered:
        loaded, _, hashed = parsed[index]  # type: ignore[misc]
        parsed[index] = (loaded, (html, text), hashed)
    return parsed


# `_parse`'s stored keys, whether texts are wanted, and the store; set in each forked worker only
_WORKER_ARGS: tuple[frozenset[str], bool, BodyStore | None] | None = None


def _worker_init(args: tuple[frozenset[str], bool, BodyStore | None]) -> None:
    global _WORKER_ARGS
    _WORKER_ARGS = args
    leave_ctrl_c_to_the_parent()


def _worker_parse(paths: Sequence[Path]) -> list[Parsed]:
    assert _WORKER_ARGS is not None
    return _parse(paths, *_WORKER_ARGS)


def _parse_all(paths: list[Path], stored: frozenset[str], texts: bool, jobs: int | None,
               store: BodyStore) -> Iterator[Parsed]:
    """Each file parsed, its body put in `store` (by the worker that rendered it, when
    the store is on disk; else the caller stores the bodies that come back)."""
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    shared = store if store.on_disk else None
    if workers <= 1 or len(paths) < PARALLEL_THRESHOLD or "fork" not in multiprocessing.get_all_start_methods():
        yield from _parse(paths, stored, texts, shared)
        return
    size = max(1, -(-len(paths) // (workers * 8)))
    chunks = [paths[i:i + size] for i in range(0, len(paths), size)]
    with multiprocessing.get_context("fork").Pool(workers, _worker_init, ((stored, texts, shared),)) as pool:
        for chunk in pool.imap(_worker_parse, chunks):
            yield from chunk


def _read_cache(path: Path) -> dict[str, tuple[str, Loaded]]:
    try:
        with open(path, "rb") as handle:
            version, records = pickle.load(handle)
    except Exception:  # a damaged or foreign cache only means reading again
        return {}
    return records if version == CACHE_VERSION and isinstance(records, dict) else {}


def _write_cache(path: Path, records: dict[str, tuple[str, Loaded]]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_suffix(f".tmp-{os.getpid()}")
        with open(temp, "wb") as handle:
            pickle.dump((CACHE_VERSION, records), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, path)
    except OSError:
        pass


def read_records(files: list[Path], digests: list[str] | None, cache: Path | None, store: BodyStore,
                 jobs: int | None, texts: bool = True) -> tuple[list[Loaded], list[FileHash] | None]:
    """Loaded records of `files` in order, their HTML (and, with `texts`, plain text) in
    `store`; the first unreadable one raises.

    `digests` None (a first build): every file is parsed, and its hash comes back
    as well (else None). A record whose body was stored without its text counts as
    missing when `texts` is wanted: search being turned on re-reads those files."""
    known = _read_cache(cache) if cache is not None and digests is not None else {}
    stored = frozenset(store.keys(with_text=texts))
    loaded: list[Loaded | None] = []
    missing: list[int] = []
    for index, path in enumerate(files):
        hit = known.get(str(path))
        usable = hit is not None and hit[0] == digests[index] and hit[1].body_key in stored  # type: ignore[index]
        loaded.append(hit[1] if usable else None)  # type: ignore[index]
        if not usable:
            missing.append(index)
    hashes: list[FileHash] | None = [([], "")] * len(files) if digests is None else None
    if missing:
        fresh: list[tuple[str, str, str | None]] = []
        for index, item in zip(missing, _parse_all([files[i] for i in missing], stored, texts, jobs, store)):
            if item is None:
                continue
            loaded[index] = item[0]
            if hashes is not None:
                hashes[index] = item[2]
            if item[1] is not None:
                fresh.append((item[0].body_key, *item[1]))
            if len(fresh) >= 500:
                store.put_many(fresh)
                fresh = []
        store.put_many(fresh)
    for path, item in zip(files, loaded):
        if item is None:
            read_record(path)  # raises the file's own error, with its line
            raise KhotinError(f"{path}: could not be read")  # pragma: no cover - read_record raised
    # Rewriting the cache costs a third of a second at 10,000 records: after a few edits
    # it is cheaper to parse the edited records again next time (a millisecond each).
    if len(missing) > max(REPARSE_LIMIT, len(files) // 100) or len(known) != len(files) or \
            any(str(path) not in known for path in (files[i] for i in missing)):
        store.keep_only({item.body_key for item in loaded if item is not None})
        if cache is not None:
            digests = digests if hashes is None else [digest for _, digest in hashes]
            _write_cache(cache, {str(path): (digest, item)
                                 for path, digest, item in zip(files, digests, loaded)})
    return loaded, hashes  # type: ignore[return-value]
