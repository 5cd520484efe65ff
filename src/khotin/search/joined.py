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

What is joined waits for the writer in the cache's pack (`PACK`), not in memory: at
100,000 articles the postings are ~300 MB, and carried to the writing process as
bytes they raised the build's peak from 1.9 to 2.8 GB (#19's limit is 2 GB).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping

from khotin.errors import BuildError
from khotin.search import pickled
from khotin.search.postings import FileParts, ShardPostings, postings_layout

MAP_STEM = "postings"  # the map's file in the search cache: MAP
MAP = f"{MAP_STEM}.joined"
PACK = f"{MAP_STEM}.pack"  # the files this build joined, one after another


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


@dataclass(frozen=True)
class PackedFile:
    """A postings file this build joined, by its hash; its bytes at `offset` in the pack."""

    digest: str
    pack: str
    offset: int
    length: int

    def load(self) -> bytes:
        try:
            with open(self.pack, "rb") as handle:
                data = os.pread(handle.fileno(), self.length, self.offset)
        except OSError as exc:
            raise BuildError(f"{self.pack}: cannot read the joined postings: {exc}") from None
        if len(data) != self.length:
            raise BuildError(f"{self.pack}: the joined postings were cut short")
        return data


class _Pack:
    """The pack being written (a temporary file until `close` puts it in place); None where
    it cannot be written, and the joined bytes then stay in memory."""

    def __init__(self, cache: Path | None) -> None:
        self.path = cache / PACK if cache is not None else None
        self._temporary = cache / f".{PACK}.{os.getpid()}.tmp" if cache is not None else None
        self._handle = None
        if self._temporary is not None:
            try:
                cache.mkdir(parents=True, exist_ok=True)
                self._handle = open(self._temporary, "wb")
            except OSError:
                pass  # no pack: the bytes stay in memory

    def add(self, data: bytes) -> tuple[int, int] | None:
        """Where the bytes are in the pack, or None if they could not go there."""
        if self._handle is None:
            return None
        try:
            offset = self._handle.tell()
            self._handle.write(data)
        except OSError:
            self._handle.close()
            self._handle = None
            return None
        return offset, len(data)

    def close(self) -> bool:
        """Put the pack in place; False when it could not be (nothing in it may be used)."""
        if self._handle is None:
            return False
        try:
            self._handle.close()
            os.replace(self._temporary, self.path)
        except OSError:
            return False
        return True


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Joined:
    """The postings as the joiner leaves them: every file's parts, identity and hash, those
    it had to join (in the pack, or their bytes where no pack could be written), and what
    terms.json says of them."""

    layout: dict[str, FileParts]
    identities: dict[str, str]
    digests: dict[str, str]
    made: dict[str, bytes | PackedFile]
    summary: dict

    def files(self, shares: SharesOnDisk | None) -> dict[str, bytes | PackedFile | JoinedFile]:
        """Each file keyed "<BUNDLE>/postings/…": the bytes of those joined now, the others by
        hash, loaded from `shares` (without shares on disk, joined now as well)."""
        files: dict[str, bytes | PackedFile | JoinedFile] = {}
        for path, file in self.layout.items():
            data = self.made.get(path)
            if data is None:
                data = file.data() if shares is None else JoinedFile(self.digests[path], path, self.identities[path],
                                                                     shares)
            files[path] = data
        return files


def join(shares: Mapping[int, ShardPostings], cache: Path | None, base: bytes) -> Joined:
    """The postings' files of these shares, joining and hashing only those whose identity
    the map in `cache` lacks, into the pack there; the map then holds this build's files (a
    missing or unreadable one: every file is joined)."""
    layout, summary = postings_layout(shares)
    known = pickled.load(cache / MAP) if cache is not None else None
    if not isinstance(known, dict):
        known = {}
    identities: dict[str, str] = {}
    digests: dict[str, str] = {}
    made: dict[str, bytes | PackedFile] = {}
    placed: dict[str, tuple[int, int]] = {}
    pack = _Pack(cache)
    for path, file in layout.items():
        key = identities[path] = identity(base, path, file)
        hashed = known.get(key)
        if not isinstance(hashed, str):
            data = file.data()
            hashed = _digest(data)
            where = pack.add(data)
            if where is None:
                made[path] = data
            else:
                placed[path] = where
        digests[path] = hashed
    if pack.close():
        made.update({path: PackedFile(digests[path], str(pack.path), *where) for path, where in placed.items()})
    else:
        made.update({path: layout[path].data() for path in placed})
    if cache is not None:
        remembered = {identities[path]: digests[path] for path in layout}
        if remembered != known:
            pickled.store(cache, MAP, remembered)
    return Joined(layout, identities, digests, made, summary)
