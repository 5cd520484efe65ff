"""The postings' files for the writer, joined only where a shard's part of them changed.

A one-record edit changes one shard's share of the postings (search.postings), and
in it only the parts holding the edited article's words. Joining every file from
every share and handing the writer its bytes to hash made an edit slower than
without the postings (#19: at 10,000 articles 2.38-2.59 s against 2.06-2.29 s).
So a file is known by its identity instead: its name and the digests of the parts
it is joined from, in order (each part's digest is made once, with its share). The
search cache keeps a map from identity to the file's sha256 (`MAP`); a file whose
identity is in it goes to the writer by that hash, as a cached shard's files do
(`JoinedFile`), and is joined only if the writer holds no copy of those bytes.
Only a file of an identity the last build did not make is joined and hashed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping

from khotin.errors import BuildError
from khotin.search import pickled
from khotin.search.postings import FileParts, ShardPostings, postings_layout

MAP_STEM = "postings"  # the map's file in the search cache: MAP
MAP = f"{MAP_STEM}.joined"


def identity(base: bytes, path: str, file: FileParts) -> str:
    """What the file's bytes follow from: `base` (khotin's code, the cache's version), its
    name (which says how its parts are joined) and its parts' digests, in order."""
    parts = " ".join([f"{number}:{hashed}" for number, (_, hashed) in file.parts])
    return hashlib.sha256(base + f"\0{path}\0{parts}".encode()).hexdigest()


class SharesOnDisk:
    """The shards' shares read back from their cached indexes (`read(index)`), for a
    writer that holds no copy of a known file (a site removed, its cache kept): read
    and laid out once, on the first file asked for, in the process that writes."""

    def __init__(self, indexes: Mapping[int, str], read: Callable[[str], ShardPostings], base: bytes) -> None:
        self.indexes = dict(indexes)
        self.read = read  # a module's function: it goes by pickle to the writing process
        self.base = base
        self._layout: dict[str, FileParts] | None = None

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_layout": None}

    def data(self, path: str, known_as: str) -> bytes:
        """The file's bytes, if the shares on disk still give it the identity `known_as`."""
        if self._layout is None:
            self._layout = postings_layout({number: self.read(index) for number, index in self.indexes.items()})[0]
        file = self._layout.get(path)
        if file is None or identity(self.base, path, file) != known_as:
            raise BuildError(f"search index: the cached shards no longer make {path}")
        return file.data()


@dataclass(frozen=True, eq=False)
class JoinedFile:
    """A postings file by its hash (`digest`), joined only if the writer asks for it (`load`)."""

    digest: str
    path: str
    identity: str
    shares: SharesOnDisk

    def load(self) -> bytes:
        return self.shares.data(self.path, self.identity)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Joined:
    """The postings as the joiner leaves them: every file's parts, identity and hash, the
    bytes of those it had to join, and what terms.json says of them."""

    layout: dict[str, FileParts]
    identities: dict[str, str]
    digests: dict[str, str]
    made: dict[str, bytes]
    summary: dict

    def files(self, shares: SharesOnDisk | None) -> dict[str, bytes | JoinedFile]:
        """Each file keyed "pagefind/postings/…": the bytes of those joined now, the others by
        hash, loaded from `shares` (without shares on disk, joined now as well)."""
        files: dict[str, bytes | JoinedFile] = {}
        for path, file in self.layout.items():
            data = self.made.get(path)
            if data is None:
                data = file.data() if shares is None else JoinedFile(self.digests[path], path, self.identities[path],
                                                                     shares)
            files[path] = data
        return files


def join(shares: Mapping[int, ShardPostings], cache: Path | None, base: bytes) -> Joined:
    """The postings' files of these shares, joining and hashing only those whose identity
    the map in `cache` lacks; the map then holds this build's files (a missing or
    unreadable one: every file is joined)."""
    layout, summary = postings_layout(shares)
    known = pickled.load(cache / MAP) if cache is not None else None
    if not isinstance(known, dict):
        known = {}
    identities: dict[str, str] = {}
    digests: dict[str, str] = {}
    made: dict[str, bytes] = {}
    for path, file in layout.items():
        key = identities[path] = identity(base, path, file)
        hashed = known.get(key)
        if not isinstance(hashed, str):
            data = made[path] = file.data()
            hashed = _digest(data)
        digests[path] = hashed
    if cache is not None:
        remembered = {identities[path]: digests[path] for path in layout}
        if remembered != known:
            pickled.store(cache, MAP, remembered)
    return Joined(layout, identities, digests, made, summary)
