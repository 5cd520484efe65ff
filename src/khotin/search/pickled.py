"""The search cache's files: pickles written whole or not at all, and read back as
nothing when they cannot be (a cache file is only ever a shortcut: what cannot be
read is made again)."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

UNREADABLE = (OSError, pickle.PickleError, EOFError, AttributeError, ValueError, TypeError)


def store(cache: Path, file_name: str, value: object) -> bool:
    """Atomically, best effort: what cannot be cached is made again next time. Whether it was."""
    try:
        cache.mkdir(parents=True, exist_ok=True)
        temporary = cache / f".{file_name}.{os.getpid()}.tmp"
        temporary.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, cache / file_name)
    except OSError:
        return False
    return True


def load(path: Path) -> object | None:
    """The pickle at `path`, or None when it is missing or unreadable."""
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except UNREADABLE:
        return None
