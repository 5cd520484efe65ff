"""Each content file's hash, read and hashed again only when its stat says it changed.

Every build starts by hashing every record (the fingerprint that lets an
unchanged rebuild stop early, and what `dependencies` and the search shards compare):
at 10,000 records that is 50 MB read and hashed, a tenth of a second that a
one-record edit and a no-change rebuild both paid. As git's index does, a file
whose size, mtime and inode match the last build's keeps its hash. A file
modified shortly before that list was written is hashed again anyway: a second
edit within the same clock tick would leave its stat as it was ("racy git").
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from khotin.build.output.paths import read_state, write_state
from khotin.build.output.reuse import stat_key

# How close to the list's writing a file's mtime must be for its stat not to be trusted.
RACY_NS = 2_000_000_000
_O_BINARY = getattr(os, "O_BINARY", 0)


FileHash = tuple[list, str]  # (stat key, sha256 hex)


def read_hashed(path: Path | str) -> tuple[FileHash, bytes]:
    """The file's stat key and hash, and its bytes. The stat is taken before the bytes
    are read, so that an edit in between leaves a stat the next build does not trust."""
    # os-level calls: Python's open() adds a stat, an ioctl and a seek to each of 10,000 files.
    fd = os.open(path, os.O_RDONLY | _O_BINARY | os.O_CLOEXEC)
    try:
        stat = os.fstat(fd)
        key = stat_key(stat)
        parts = []
        while chunk := os.read(fd, max(stat.st_size + 1, 1 << 16)):  # a file growing meanwhile is read whole
            parts.append(chunk)
    finally:
        os.close(fd)
    raw = parts[0] if len(parts) == 1 else b"".join(parts)
    return (key, hashlib.sha256(raw).hexdigest()), raw


def content_digests(files: list[Path], cache: Path | None) -> list[str]:
    """sha256 hex of each file's bytes, in order; `cache` keeps them for the next build."""
    state = read_state(cache) if cache is not None else {}
    known: dict = state.get("files", {}) if isinstance(state.get("files"), dict) else {}
    trusted_before = state.get("written", 0) - RACY_NS if isinstance(state.get("written"), int) else 0
    hashes, changed = [], False
    for path in files:
        name = os.fspath(path)
        key = stat_key(os.stat(name))
        entry = known.get(name)
        if entry is not None and entry[0] == key and key[1] < trusted_before:  # key: size, mtime, inode
            hashes.append((key, entry[1]))
        else:
            hashes.append(read_hashed(name)[0])
            changed = True
    if changed or len(hashes) != len(known):
        remember(files, hashes, cache)
    return [digest for _, digest in hashes]


def remember(files: list[Path], hashes: list[FileHash], cache: Path | None) -> None:
    """Keep each file's stat key and hash for the next build's `content_digests`."""
    if cache is None:
        return
    try:
        write_state(cache, {"files": {os.fspath(path): entry for path, entry in zip(files, hashes)},
                            "written": time.time_ns()})
    except OSError:
        pass  # best effort: the next build hashes every file again
