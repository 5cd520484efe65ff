"""Put a rendered site on disk atomically and incrementally.

The live folder is never written into: a new tree is made beside it, then
swapped in with two renames. A build killed at any point leaves the old site in
place (or, between the two renames, in its backup, which the next build moves
back). `finish` describes the tree it swapped in (each file's hash and stat,
each folder's time) for the engine's manifest, which it reads and writes
itself; here it is only handed over (`Staging`) and asked (`is_current`).

The tree it replaces is kept as the next build's starting point (`recycled`).
"""

from __future__ import annotations

import os
import shutil
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from khotin.build.output import OutputError, folders, recycled
from khotin.build.output.paths import backup_path, discard, folder_times, folders_unchanged, remove_in_background
from khotin.build.output.reuse import Placer, TreeState, stat_key


@dataclass(frozen=True)
class WriteResult:
    written: int
    unchanged: int
    removed: int
    # The new tree as a manifest keeps it: "files" (name → [hash, *stat key]), "views"
    # (page → view key), "folders" (folder → mtime, `folder_times`).
    tree: dict


def recover(out: Path) -> None:
    """Undo what an interrupted build left: a half-made tree, or a swap cut in two."""
    backup = backup_path(out)
    if backup.exists():
        if out.exists():
            shutil.rmtree(backup, ignore_errors=True)
        else:
            os.rename(backup, out)
    for stale in out.parent.glob(f".{out.name}.tmp-*"):
        if stale.name.startswith(f".{out.name}.tmp-old-"):
            remove_in_background(stale)  # a replaced tree whose remover may still be at work
        else:
            shutil.rmtree(stale, ignore_errors=True)


def _folders(out: Path, files: dict[str, list], spare: TreeState) -> dict[str, int]:
    """The new tree's folders and their times; when it was made from the spare, only
    the folders whose files changed are asked their time (17,000 stats at 10,000
    articles). The placer never touches a file it leaves with the spare's entry, so
    an entry that differs from the spare's (or a file gone) marks every changed folder."""
    changed = set()
    if spare.folders is not None:
        changed = {name.rpartition("/")[0] for name, entry in files.items() if spare.files.get(name) != entry}
        changed.update(name.rpartition("/")[0] for name in spare.files if name not in files)
    try:
        return folder_times(out, files, spare.folders, changed)
    except OSError:
        return {}  # the next build lists the tree instead of trusting its folders' times


def _existing_files(out: Path, files: dict[str, list], folders: dict | None) -> set[str]:
    """Every file in the live site: the manifest's, unless a folder's mtime shows a file added or removed."""
    if not out.is_dir():
        return set()
    if folders_unchanged(out, folders):
        return set(files)
    found = set()
    for root, _, names in os.walk(out):
        for name in names:
            found.add(os.path.relpath(os.path.join(root, name), out).replace(os.sep, "/"))
    return found


def is_current(out: Path, fingerprint: str, manifest: dict) -> bool:
    """True when the last build (`manifest`) had these inputs and nobody has touched its output since."""
    if manifest.get("fingerprint") != fingerprint or not out.is_dir():
        return False
    files = manifest.get("files", {})
    try:
        # A file added or removed by hand changes its folder's mtime: no need to list every folder.
        if not folders_unchanged(out, manifest.get("folders")):
            return False
        root = os.fspath(out)
        for name, entry in files.items():  # os.stat on strings: pathlib costs more than the stat
            if stat_key(os.stat(os.path.join(root, name))) != entry[1:]:
                return False
        return True
    except OSError:
        return False


class Staging:
    """The next site, made beside the live one and swapped in whole by `finish`.

    The tree starts as the spare (the site the last build replaced) when nothing
    but khotin has touched it, else empty. Leaving the `with` block without
    `finish` (an error, a kill) removes the half-made tree; the live site is
    never written into."""

    def __init__(self, out: Path, manifest: dict) -> None:
        """`manifest`: the live site's, read by the caller once (10 MB at 10,000 articles)
        after `recover`."""
        self.out = out.absolute()
        self.live = TreeState(manifest.get("files", {}), manifest.get("views", {}))
        self.live_folders = manifest.get("folders")
        self.existing = _existing_files(self.out, self.live.files, self.live_folders)
        self.temp = self.out.parent / f".{self.out.name}.tmp-{os.getpid()}"
        self.spare = TreeState()
        self.entries: dict[str, list] = {}
        self.views: dict[str, str] = {}
        self.depends: dict[str, bytes] = {}  # records each page shows, packed (`dependencies`)
        self.written = 0
        self.planted: str | None = None
        self._stop_folders: folders.Stop | None = None

    def __enter__(self) -> "Staging":
        try:
            self.out.parent.mkdir(parents=True, exist_ok=True)
            shutil.rmtree(self.temp, ignore_errors=True)
            self.spare = recycled.adopt(self.out, self.temp)
            if not self.temp.is_dir():
                self.temp.mkdir()
        except OSError as exc:
            raise OutputError(f"{self.out}: cannot write the site: {exc.strerror or exc}") from None
        # With no tree to replace, the new one is linked in as the spare while it is written.
        self.planted = recycled.plant(self.out) if not self.out.exists() and not self.spare.files else None
        self.placer = Placer(os.fspath(self.out), os.fspath(self.temp), self.live, self.spare, self.existing,
                             self.planted)
        return self

    def __exit__(self, *exc_info) -> None:
        self.folders_made()
        if self.temp.exists():
            discard(self.out, self.temp, max(len(self.spare.files), len(self.entries)))

    def make_folders_aside(self, wanted: Sequence[str]) -> None:
        """Start making `wanted` folders in every tree the placer writes, in a child
        (`folders`), while the caller goes on; `folders_made` ends it."""
        self.folders_made()
        self._stop_folders = folders.start(self.placer.folder_roots(), self.placer.unmade(wanted))

    def folders_made(self) -> None:
        """End the folders child, if any, and tell the placer what it made: call it
        before forking the renderers (the `with` block's end calls it too)."""
        if self._stop_folders is not None:
            stop, self._stop_folders = self._stop_folders, None
            self.placer.made(stop())

    def record(self, name: str, entry: list, written: bool, view_key: str | None = None,
               depends: Sequence[int] | bytes = ()) -> None:
        self.entries[name] = entry
        self.written += written
        if view_key is not None:
            self.views[name] = view_key
        if depends:
            self.depends[name] = depends if isinstance(depends, bytes) else array("I", depends).tobytes()

    def put(self, name: str, data: bytes) -> None:
        self.put_known(name, "", lambda: data)

    def put_known(self, name: str, hashed: str, load: Callable[[], bytes]) -> None:
        """A file by its hash (sha256 hex, or "" when unknown): bytes loaded only when needed."""
        try:
            self.record(name, *(self.placer.put_known(name, hashed, load) if hashed
                                else self.placer.put(name, load())))
        except OSError as exc:
            raise OutputError(f"{self.out}: cannot write the site: {exc.strerror or exc}") from None

    def finish(self) -> WriteResult:
        """Swap the new tree in (only if anything differs) and describe what it holds (for
        the manifest the engine writes next); the tree it replaces becomes the next build's
        spare (with none replaced, a tree of links to the new one does), taking the live
        manifest with it as its description."""
        removed = self.existing - set(self.entries)
        recycled.remove_leftovers(self.temp, set(self.spare.files) - set(self.entries))
        if self.written or removed or not self.out.is_dir() or self.spare.files:
            replaced = _swap(self.out, self.temp)
            if replaced is not None:
                recycled.keep(self.out, replaced, self.live, self.live_folders, len(self.existing))
            elif self.planted is not None:
                recycled.describe(self.out, self.entries, self.views)
            else:
                recycled.seed(self.out, self.entries, self.views)
        tree = {"files": self.entries, "views": self.views, "folders": _folders(self.out, self.entries, self.spare)}
        return WriteResult(written=self.written, unchanged=len(self.entries) - self.written,
                           removed=len(removed), tree=tree)


def _swap(out: Path, temp: Path) -> Path | None:
    """Put `temp` in place of `out`; returns where the replaced tree now is (None: there was none)."""
    backup = backup_path(out)
    try:
        if out.exists():
            os.rename(out, backup)
        os.rename(temp, out)
    except BaseException as exc:
        if backup.exists() and not out.exists():
            os.rename(backup, out)
        if isinstance(exc, OSError):
            raise OutputError(f"{out}: cannot write the site: {exc.strerror or exc}") from None
        raise
    return backup if backup.exists() else None


