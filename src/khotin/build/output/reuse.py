"""One file of the next site into the new tree, with as little work as it allows.

The new tree starts as the spare: the tree the last build replaced, adopted
when nothing but khotin has touched it (see `staging`). A file the spare already
holds with the right view or bytes stays as it is; one the live site holds is
hard-linked in; only the rest is rendered and written. So a one-record edit
costs the files that changed across the last two builds, not a link per page.

Files in the spare may be hard links shared with the live site: a file is
never written into, only unlinked and made anew. Someone else may write into
one, though (`rsync --inplace -t`, `cp -p` onto it), and restore its size and
mtime: that changes the copy in both trees at once. So a file's stat key holds
its ctime as well, which no tool can set back: any write or utime since its
entry was taken makes the file unvouched, and it is made again. Our own links
change an inode's ctime too, so every entry is taken after the last link.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from typing import Callable, Iterable

_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC | getattr(os, "O_BINARY", 0)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def stat_key(stat: os.stat_result) -> list:
    """What the manifest keeps of a file besides its hash: it changes whenever the file does,
    even when its size and mtime are put back (st_ctime_ns cannot be)."""
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns]


@dataclass
class TreeState:
    """What a tree held after its build: manifest entries ([hash, *stat key]) and page view keys."""

    files: dict[str, list] = field(default_factory=dict)
    views: dict[str, str] = field(default_factory=dict)
    folders: dict[str, int] | None = None  # each folder's mtime, when checked against the tree


def make_folder(root: str, folder: str, made: set[str]) -> None:
    """`root/folder` and any missing parents, each made once (`made`: folders known to exist).

    os.makedirs stats each level before making it; a site has 17,000 folders,
    most one level under a folder made just before."""
    if not folder or folder in made:
        return
    path = os.path.join(root, folder)
    try:
        os.mkdir(path)
    except FileNotFoundError:
        make_folder(root, os.path.dirname(folder), made)
        try:
            os.mkdir(path)
        except FileExistsError:  # another worker made it meanwhile
            pass
    except FileExistsError:
        pass
    made.add(folder)


def _vouched(path: str, entry: list | None) -> bool:
    """The file at `path` is still the one the entry describes."""
    if entry is None:
        return False
    try:
        return stat_key(os.stat(path)) == entry[1:]
    except OSError:
        return False


class Placer:
    """Puts one file into the new tree (`temp`) and returns its manifest entry.

    Made in the parent before rendering workers fork, so each worker gets a copy
    and writes its own pages; only small manifest entries travel back."""

    def __init__(self, out: str, temp: str, live: TreeState, spare: TreeState, existing: set[str],
                 seed: str | None = None) -> None:
        """`seed`: a tree to hard-link each written file into as well (a first build's spare)."""
        self._out, self._temp = out, temp  # strings: pathlib costs more than the syscalls
        self.live, self.spare, self.existing = live, spare, existing
        self._made = {name.rpartition("/")[0] for name in spare.files}  # dirname, for plain names
        self._seed = seed
        self._seeded: set[str] = set()

    def folder_roots(self) -> list[str]:
        """The trees this placer makes folders in: the new one, and the spare it plants."""
        return [self._temp] if self._seed is None else [self._temp, self._seed]

    def unmade(self, folders: Iterable[str]) -> list[str]:
        """Those of `folders` not yet known to exist in every root."""
        return [folder for folder in folders
                if folder not in self._made or (self._seed is not None and folder not in self._seeded)]

    def made(self, folders: Iterable[str]) -> None:
        """`folders` exist in every root (made by `folders.start`'s child)."""
        self._made.update(folders)
        if self._seed is not None:
            self._seeded.update(folders)

    def _target(self, name: str) -> str:
        """The path in the new tree, its folder made and any spare file there removed."""
        make_folder(self._temp, os.path.dirname(name), self._made)
        target = os.path.join(self._temp, name)
        if name in self.spare.files:
            try:
                os.unlink(target)
            except FileNotFoundError:
                pass
        return target

    def _kept(self, name: str) -> list | None:
        entry = self.spare.files.get(name)
        return entry if _vouched(os.path.join(self._temp, name), entry) else None

    def _link(self, name: str) -> list | None:
        """Link the live file in when it is still what the manifest says, else None.

        When the new tree holds that very file already (the same inode, as an
        unchanged page is in both trees), it is left alone: relinking it would
        change its folder and its ctime for nothing. The spare's entry of such a
        file may be older than its ctime (a link made by the build before); the
        live entry vouches for it then."""
        entry = self.live.files.get(name)
        target = os.path.join(self._temp, name)
        if _vouched(target, entry):
            return entry
        source = os.path.join(self._out, name)
        if not _vouched(source, entry):
            return None
        try:
            os.link(source, self._target(name))
            return [entry[0], *stat_key(os.stat(target))]  # the link changed its ctime
        except OSError:
            return None

    def reuse(self, name: str, view_key: str) -> list | None:
        """The entry of a file made from the same view, kept or linked in; None: render it."""
        if self.spare.views.get(name) == view_key:
            entry = self._kept(name)
            if entry is not None:
                return entry
        if self.live.views.get(name) != view_key:
            return None
        return self._link(name)

    def _held(self, name: str, hashed: str) -> list | None:
        """The entry of a copy with these bytes the spare keeps or the live site lends, else None."""
        spare = self.spare.files.get(name)
        if spare is not None and spare[0] == hashed and self._kept(name) is not None:
            return spare
        live = self.live.files.get(name)
        if live is not None and live[0] == hashed:
            return self._link(name)
        return None

    def put_known(self, name: str, hashed: str, load: Callable[[], bytes]) -> tuple[list, bool]:
        """`put` of a file known by its hash: its bytes are loaded only if neither tree has them."""
        entry = self._held(name, hashed)
        return (entry, False) if entry is not None else self._write(name, load(), hashed)

    def put(self, name: str, data: bytes) -> tuple[list, bool]:
        """(manifest entry, whether new bytes were written)."""
        hashed = digest(data)
        entry = self._held(name, hashed)
        return (entry, False) if entry is not None else self._write(name, data, hashed)

    def _write(self, name: str, data: bytes, hashed: str) -> tuple[list, bool]:
        target = self._target(name)
        if name in self.existing and name not in self.live.files:
            # a live file the manifest does not vouch for: compare the bytes
            source = os.path.join(self._out, name)
            try:
                if os.stat(source).st_size == len(data):
                    with open(source, "rb") as handle:
                        same = handle.read() == data
                    if same:
                        os.link(source, target)
                        return [hashed, *stat_key(os.stat(target))], False
            except OSError:
                pass
        # O_EXCL: never into an existing, maybe shared, inode. os-level calls: Python's
        # open() adds a stat, an ioctl and a seek to each of 16,000 pages.
        fd = os.open(target, _NEW_FILE, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            if self._seed is not None:
                self._plant(name, target)
            stat = os.fstat(fd)  # after the link, which changes the ctime
        finally:
            os.close(fd)
        return [hashed, *stat_key(stat)], True

    def _plant(self, name: str, target: str) -> None:
        try:
            make_folder(self._seed, os.path.dirname(name), self._seeded)
            os.link(target, os.path.join(self._seed, name))
        except OSError:
            pass  # the next build finds it missing from the spare and makes it again
