"""Rendered bodies by key, kept on disk for the length of a build and the next.

A 10,000-article build holds ~50 MB of body HTML; no process should hold it
all. The record cache fills the store as it renders each body once: its HTML
for the pages and feeds, and, when the site has search, its plain text for the
search documents (a build without search stores none: making and storing it was
~0.5 s of a 10-second cold build). Each
rendering worker reads only the bodies its pages show, and the search job
only the texts of the articles it indexes again: nobody reads a content file
twice.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from khotin.errors import BuildError

BODIES_KEPT = 1024
WRITE_WAIT = 120.0  # seconds
# Bump when what is kept beside a key changes (columns, or `search.documents.plain_text`):
# the store's file is named by it, so a store of another format is never read (not even
# by an older khotin on the same cache), and every body is made again.
FORMAT = 3
_DAMAGED = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


class BodyStore:
    """Rendered bodies by key, in `<dir>/bodies-<FORMAT>.sqlite`, so no process holds them all.

    The loader fills it; each rendering worker reads the few bodies its pages
    show. SQLite handles must not cross a fork or serve two threads, so every
    process and thread opens its own.
    A store that cannot be opened (or `directory=None`) keeps bodies in memory
    instead: slower on memory, same pages.
    """

    def __init__(self, directory: Path | None) -> None:
        self._path = directory / f"bodies-{FORMAT}.sqlite" if directory is not None else None
        self._memory: dict[str, tuple[str, str]] | None = None if directory is not None else {}
        self._local = threading.local()  # .db, .pid: this thread's handle
        self._handles: list[tuple[int, sqlite3.Connection]] = []  # every handle opened, for close()
        self._frozen = False
        # A body shows on its article page and in up to a dozen feeds, rendered in a row.
        self.get = lru_cache(maxsize=BODIES_KEPT)(self._get)

    def _connection(self) -> sqlite3.Connection | None:
        if self._memory is not None:
            return None
        local = self._local
        if getattr(local, "db", None) is None or local.pid != os.getpid():
            assert self._path is not None
            try:
                # Not checked for its thread: close() may come from another, once the readers are done.
                if self._frozen:
                    db = sqlite3.connect(f"{self._path.as_uri()}?mode=ro&immutable=1", uri=True,
                                         check_same_thread=False)
                else:
                    self._path.parent.mkdir(parents=True, exist_ok=True)
                    for other in self._path.parent.glob("bodies*.sqlite"):  # stores of other formats
                        if other != self._path:
                            other.unlink(missing_ok=True)
                    db = self._opened()
            except (sqlite3.Error, OSError) as exc:
                if self._frozen:  # the bodies are in there: a page must not go out without its body
                    raise BuildError(f"{self._path}: cannot read rendered bodies: {exc}") from None
                self._memory = {}  # damaged or unwritable: keep this build's bodies in memory
                return None
            local.db, local.pid = db, os.getpid()
            self._handles.append((local.pid, db))
        return local.db

    def _opened(self) -> sqlite3.Connection:
        """A writable handle on the store; a damaged file is started again.

        Every loading worker opens one and stores its own bodies. No fsync: the
        store is a cache, and waiting for the disk on each batch of bodies doubled
        what storing them cost (0.2 s at 10,000 records). A crash of the machine
        (not of khotin: SQLite's journal covers that) may then leave the file
        damaged, which the next build finds here."""
        assert self._path is not None
        # The loading workers write in turns: one waits while the other stores its batch.
        db = sqlite3.connect(self._path, timeout=WRITE_WAIT, check_same_thread=False)
        try:
            db.execute("PRAGMA synchronous = OFF")
            # text NULL: stored by a build without search, which had no use for it
            db.execute("CREATE TABLE IF NOT EXISTS bodies (key TEXT PRIMARY KEY, html TEXT NOT NULL, text TEXT)")
            db.execute("SELECT count(*) FROM bodies").fetchall()  # reads the file's pages of keys
        except sqlite3.DatabaseError as exc:
            db.close()
            if getattr(exc, "sqlite_errorcode", None) not in _DAMAGED:
                raise
            self._path.unlink()
            return self._opened()
        return db

    @property
    def on_disk(self) -> bool:
        """Whether another process can read these bodies: not once a store that could
        not be opened keeps them in this process's memory."""
        return self._memory is None

    def keys(self, with_text: bool = True) -> set[str]:
        """The bodies stored; `with_text`: only those stored with their plain text."""
        db = self._connection()
        if db is None:
            return {key for key, (_, text) in (self._memory or {}).items() if text is not None or not with_text}
        query = "SELECT key FROM bodies" + (" WHERE text IS NOT NULL" if with_text else "")
        try:
            return {key for (key,) in db.execute(query)}
        except sqlite3.Error:
            return set()

    def _column(self, key: str, column: str) -> str:
        db = self._connection()
        if db is None:
            kept = (self._memory or {}).get(key)
            return (kept[column == "text"] or "") if kept is not None else ""
        try:
            row = db.execute(f"SELECT {column} FROM bodies WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            raise BuildError(f"{self._path}: cannot read rendered bodies: {exc}") from None
        return (row[0] or "") if row else ""

    def _get(self, key: str) -> str:
        return self._column(key, "html")

    def text(self, key: str) -> str:
        """The body as plain text (what a search document holds); read once per
        article, so not kept in memory as `get` is."""
        return self._column(key, "text")

    def put_many(self, items: Iterable[tuple[str, str, str | None]]) -> None:
        """(key, HTML, plain text or None) for each body."""
        db = self._connection()
        if db is None:
            assert self._memory is not None
            self._memory.update((key, (html, text)) for key, html, text in items)
            return
        try:
            with db:
                db.executemany("INSERT OR REPLACE INTO bodies VALUES (?, ?, ?)", items)
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
        """Close every handle this process opened (another's are its own to close)."""
        for pid, db in self._handles:
            if pid == os.getpid():
                db.close()
        self._handles = []
        self._local = threading.local()

    def freeze(self) -> None:
        """From now on only read, and nothing writes the file: connections skip SQLite's
        file locks (two fcntl calls and a change check per body read, ~100,000 at 10k)."""
        self.close()
        self._frozen = True

    def reader(self) -> "BodyStore":
        """A read-only handle of its own on the same bodies, for a thread or process
        that reads beside this one's users (an SQLite handle serves one thread)."""
        other = BodyStore(None)
        other._path, other._memory, other._frozen = self._path, self._memory, True
        return other
