"""Rendered bodies by key, kept on disk for the length of a build and the next.

A 10,000-article build holds ~50 MB of body HTML; no process should hold it
all. The record cache fills the store as it renders each body once, and each
rendering worker (and the search job) reads only the bodies its pages show.
"""

from __future__ import annotations

import os
import sqlite3
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from khotin.errors import BuildError

BODIES_KEPT = 1024


class BodyStore:
    """Rendered bodies by key, in `<dir>/bodies.sqlite`, so no process holds them all.

    The loader fills it; each rendering worker reads the few bodies its pages
    show. SQLite handles must not cross a fork, so every process opens its own.
    A store that cannot be opened (or `directory=None`) keeps bodies in memory
    instead: slower on memory, same pages.
    """

    def __init__(self, directory: Path | None) -> None:
        self._path = directory / "bodies.sqlite" if directory is not None else None
        self._memory: dict[str, str] | None = None if directory is not None else {}
        self._db: sqlite3.Connection | None = None
        self._pid = 0
        self._frozen = False
        # A body shows on its article page and in up to a dozen feeds, rendered in a row.
        self.get = lru_cache(maxsize=BODIES_KEPT)(self._get)

    def _connection(self) -> sqlite3.Connection | None:
        if self._memory is not None:
            return None
        if self._db is None or self._pid != os.getpid():
            assert self._path is not None
            try:
                if self._frozen:
                    self._db = sqlite3.connect(f"{self._path.as_uri()}?mode=ro&immutable=1", uri=True)
                else:
                    self._path.parent.mkdir(parents=True, exist_ok=True)
                    self._db = sqlite3.connect(self._path)
                    self._db.execute("CREATE TABLE IF NOT EXISTS bodies (key TEXT PRIMARY KEY, html TEXT NOT NULL)")
            except (sqlite3.Error, OSError) as exc:
                if self._frozen:  # the bodies are in there: a page must not go out without its body
                    raise BuildError(f"{self._path}: cannot read rendered bodies: {exc}") from None
                self._db, self._memory = None, {}  # damaged or unwritable: keep this build's bodies in memory
                return None
            self._pid = os.getpid()
        return self._db

    def keys(self) -> set[str]:
        db = self._connection()
        if db is None:
            return set(self._memory or ())
        try:
            return {key for (key,) in db.execute("SELECT key FROM bodies")}
        except sqlite3.Error:
            return set()

    def _get(self, key: str) -> str:
        db = self._connection()
        if db is None:
            return (self._memory or {}).get(key, "")
        try:
            row = db.execute("SELECT html FROM bodies WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            raise BuildError(f"{self._path}: cannot read rendered bodies: {exc}") from None
        return row[0] if row else ""

    def put_many(self, items: Iterable[tuple[str, str]]) -> None:
        db = self._connection()
        if db is None:
            assert self._memory is not None
            self._memory.update(items)
            return
        try:
            with db:
                db.executemany("INSERT OR REPLACE INTO bodies VALUES (?, ?)", items)
        except sqlite3.Error as exc:  # a full disk, say: the build stops with one line, the site is kept
            raise BuildError(f"{self._path}: cannot store rendered bodies: {exc}") from None

    def keep_only(self, keys: set[str]) -> None:
        """Forget bodies no record uses any more."""
        db = self._connection()
        if db is None:
            return
        try:
            with db:
                stale = [(key,) for (key,) in db.execute("SELECT key FROM bodies") if key not in keys]
                db.executemany("DELETE FROM bodies WHERE key = ?", stale)
        except sqlite3.Error:
            pass  # a body kept too long only costs disk

    def close(self) -> None:
        if self._db is not None and self._pid == os.getpid():
            self._db.close()
        self._db = None

    def freeze(self) -> None:
        """From now on only read, and nothing writes the file: connections skip SQLite's
        file locks (two fcntl calls and a change check per body read, ~100,000 at 10k)."""
        self.close()
        self._frozen = True
