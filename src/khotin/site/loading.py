"""Read every record for a build: parsed ones from a cache, the rest across cores.

Parsing YAML front matter is a few hundred microseconds per record, seconds
for a big archive, and would be paid again on every rebuild after a one-record
edit. Parsed records are therefore kept in a disposable pickle beside the
site, keyed by each file's content hash (the fingerprint reads the bytes
anyway), and only new or changed files are parsed, in forked workers when
there are many.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
from pathlib import Path
from typing import Sequence

from khotin.errors import KhotinError
from khotin.records import Record, read_record

PARALLEL_THRESHOLD = 400
CACHE_VERSION = 1


def _parse(paths: Sequence[Path]) -> list[Record | None]:
    """Records, None for a file that fails (the parent re-reads it for the exact error)."""
    parsed: list[Record | None] = []
    for path in paths:
        try:
            parsed.append(read_record(path))
        except (KhotinError, OSError, ValueError):
            parsed.append(None)
    return parsed


def _parse_all(paths: list[Path], jobs: int | None) -> list[Record | None]:
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers <= 1 or len(paths) < PARALLEL_THRESHOLD or "fork" not in multiprocessing.get_all_start_methods():
        return _parse(paths)
    size = max(1, -(-len(paths) // (workers * 4)))
    chunks = [paths[i:i + size] for i in range(0, len(paths), size)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return [record for chunk in pool.map(_parse, chunks) for record in chunk]


def _read_cache(path: Path) -> dict[str, tuple[str, Record]]:
    try:
        with open(path, "rb") as handle:
            version, records = pickle.load(handle)
    except Exception:  # a damaged or foreign cache only means parsing again
        return {}
    return records if version == CACHE_VERSION and isinstance(records, dict) else {}


def _write_cache(path: Path, records: dict[str, tuple[str, Record]]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_suffix(f".tmp-{os.getpid()}")
        with open(temp, "wb") as handle:
            pickle.dump((CACHE_VERSION, records), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, path)
    except OSError:
        pass


def read_records(files: list[Path], digests: list[str], cache: Path | None, jobs: int | None) -> list[Record]:
    """Records of `files` in order; the first unreadable one raises its RecordError."""
    known = _read_cache(cache) if cache is not None else {}
    records: list[Record | None] = []
    missing: list[int] = []
    for index, (path, digest) in enumerate(zip(files, digests)):
        hit = known.get(str(path))
        records.append(hit[1] if hit is not None and hit[0] == digest else None)
        if records[-1] is None:
            missing.append(index)
    if missing:
        for index, record in zip(missing, _parse_all([files[i] for i in missing], jobs)):
            records[index] = record
    for path, record in zip(files, records):
        if record is None:
            read_record(path)  # raises the file's own error, with its line
            raise KhotinError(f"{path}: could not be read")  # pragma: no cover - read_record raised
    if cache is not None and (missing or len(known) != len(files)):
        _write_cache(cache, {str(path): (digest, record) for path, digest, record in zip(files, digests, records)})
    return records  # type: ignore[return-value]
