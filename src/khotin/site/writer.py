"""Put a rendered site on disk atomically and incrementally.

The live folder is never written into: a new tree is made beside it (files
that did not change are hard links to the old ones, changed ones are written
fresh), then swapped in with two renames. A build killed at any point leaves
the old site in place (or, between the two renames, in its backup, which the
next build moves back). A manifest outside the site remembers each file's hash
and stat, so a build whose output did not change touches nothing at all.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping

from khotin.errors import BuildError

MANIFEST_VERSION = 2
# A replaced tree of at least this many files is removed in the background.
BACKGROUND_REMOVAL = 2000


@dataclass(frozen=True)
class WriteResult:
    written: int
    unchanged: int
    removed: int


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def state_dir(out: Path) -> Path:
    """Where build state lives: beside the site, never inside it (so it is not published)."""
    return out.absolute().parent / ".khotin-cache"


def _manifest_path(out: Path) -> Path:
    key = hashlib.sha256(str(out.absolute()).encode()).hexdigest()[:12]
    return state_dir(out) / "build" / f"{out.name}-{key}.json"


def cache_dir(out: Path) -> Path:
    """This output folder's own caches (records, bodies, templates), used under
    its build lock: the body store is pruned to the records of the last build,
    so two sites sharing one would take each other's bodies away mid-build."""
    return _manifest_path(out).with_suffix("")


def _backup(out: Path) -> Path:
    return out.parent / f".{out.name}.previous"


@contextmanager
def locked(out: Path) -> Iterator[None]:
    """One build per output folder at a time (serve and a manual build may overlap)."""
    lock_path = _manifest_path(out).with_suffix(".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def recover(out: Path) -> None:
    """Undo what an interrupted build left: a half-made tree, or a swap cut in two."""
    backup = _backup(out)
    if backup.exists():
        if out.exists():
            shutil.rmtree(backup, ignore_errors=True)
        else:
            os.rename(backup, out)
    for stale in out.parent.glob(f".{out.name}.tmp-*"):
        if stale.name.startswith(f".{out.name}.tmp-old-"):
            _remove_in_background(stale)  # a replaced tree whose remover may still be at work
        else:
            shutil.rmtree(stale, ignore_errors=True)


def read_manifest(out: Path) -> dict:
    try:
        data = json.loads(_manifest_path(out).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.get("version") == MANIFEST_VERSION else {}


def _write_manifest(out: Path, fingerprint: str, files: dict[str, list], views: dict[str, str]) -> None:
    try:
        folders = _folder_times(out, files)
    except OSError:
        folders = {}
    path = _manifest_path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_suffix(f".tmp-{os.getpid()}")
    temp.write_text(json.dumps({"version": MANIFEST_VERSION, "fingerprint": fingerprint, "files": files,
                                "views": views, "folders": folders},
                               sort_keys=True), encoding="utf-8")
    os.replace(temp, path)


def _existing_files(out: Path) -> set[str]:
    if not out.is_dir():
        return set()
    found = set()
    for root, _, names in os.walk(out):
        for name in names:
            found.add(os.path.relpath(os.path.join(root, name), out).replace(os.sep, "/"))
    return found


def _stat_key(stat: os.stat_result) -> list:
    """What the manifest keeps of a file besides its hash: it changes whenever the file does."""
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino]


def is_current(out: Path, fingerprint: str) -> bool:
    """True when the last build had these inputs and nobody has touched its output since."""
    manifest = read_manifest(out)
    if manifest.get("fingerprint") != fingerprint or not out.is_dir():
        return False
    files = manifest.get("files", {})
    try:
        # A file added or removed by hand changes its folder's mtime: no need to list every folder.
        if _folder_times(out, files) != manifest.get("folders"):
            return False
        root = os.fspath(out)
        for name, entry in files.items():  # os.stat on strings: pathlib costs more than the stat
            if _stat_key(os.stat(os.path.join(root, name))) != entry[1:]:
                return False
        return True
    except OSError:
        return False


def _folder_times(out: Path, files: dict[str, list]) -> dict[str, int]:
    folders = {""}
    for name in files:
        parent = os.path.dirname(name)
        while parent not in folders:
            folders.add(parent)
            parent = os.path.dirname(parent)
    root = os.fspath(out)
    return {folder: os.stat(os.path.join(root, folder)).st_mtime_ns for folder in sorted(folders)}


class Placer:
    """Puts one file into the new tree: a hard link to the live file when its bytes
    (or, for a page, its view) did not change, else freshly written bytes.

    Made in the parent before rendering workers fork, so each worker gets a copy
    and writes its own pages; only small manifest entries travel back."""

    def __init__(self, out: Path, temp: Path, old_files: dict[str, list], old_views: dict[str, str],
                 existing: set[str]) -> None:
        self.out, self.temp = out, temp
        self.old_files, self.old_views, self.existing = old_files, old_views, existing
        self._out, self._temp = os.fspath(out), os.fspath(temp)  # strings: pathlib costs more than the syscalls
        self._made: set[str] = set()

    def _target(self, name: str) -> str:
        parent = os.path.dirname(name)
        if parent and parent not in self._made:
            os.makedirs(os.path.join(self._temp, parent), exist_ok=True)
            self._made.add(parent)
        return os.path.join(self._temp, name)

    def _link(self, name: str) -> list | None:
        """Link the live file in when it is still what the manifest says, else None."""
        entry = self.old_files.get(name)
        if entry is None:
            return None
        source = os.path.join(self._out, name)
        try:
            if _stat_key(os.stat(source)) != entry[1:]:
                return None
            os.link(source, self._target(name))
        except OSError:
            return None
        return entry

    def reuse(self, name: str, view_key: str) -> list | None:
        """The old file's entry if it was made from the same view (then it is linked in)."""
        if self.old_views.get(name) != view_key:
            return None
        return self._link(name)

    def put(self, name: str, data: bytes) -> tuple[list, bool]:
        """(manifest entry, whether new bytes were written)."""
        digest = _digest(data)
        old = self.old_files.get(name)
        if old is not None and old[0] == digest:
            entry = self._link(name)
            if entry is not None:
                return entry, False
        target = self._target(name)
        if name in self.existing:  # a live file the manifest does not vouch for: compare the bytes
            live = os.path.join(self._out, name)
            try:
                if os.stat(live).st_size == len(data):
                    with open(live, "rb") as handle:
                        same = handle.read() == data
                    if same:
                        os.link(live, target)
                        return [digest, *_stat_key(os.stat(target))], False
            except OSError:
                pass
        with open(target, "wb") as handle:
            handle.write(data)
            handle.flush()
            stat = os.fstat(handle.fileno())
        return [digest, *_stat_key(stat)], True


class Staging:
    """The next site, made beside the live one and swapped in whole by `finish`.

    Leaving the `with` block without `finish` (an error, a kill) removes the
    half-made tree; the live site is never written into."""

    def __init__(self, out: Path) -> None:
        self.out = out.absolute()
        recover(self.out)
        manifest = read_manifest(self.out)
        self.existing = _existing_files(self.out)
        self.temp = self.out.parent / f".{self.out.name}.tmp-{os.getpid()}"
        self.placer = Placer(self.out, self.temp, manifest.get("files", {}), manifest.get("views", {}),
                             self.existing)
        self.entries: dict[str, list] = {}
        self.views: dict[str, str] = {}
        self.written = 0

    def __enter__(self) -> "Staging":
        try:
            self.out.parent.mkdir(parents=True, exist_ok=True)
            shutil.rmtree(self.temp, ignore_errors=True)
            self.temp.mkdir()
        except OSError as exc:
            raise BuildError(f"{self.out}: cannot write the site: {exc.strerror or exc}") from None
        return self

    def __exit__(self, *exc_info) -> None:
        shutil.rmtree(self.temp, ignore_errors=True)

    def record(self, name: str, entry: list, written: bool, view_key: str | None = None) -> None:
        self.entries[name] = entry
        self.written += written
        if view_key is not None:
            self.views[name] = view_key

    def put(self, name: str, data: bytes) -> None:
        try:
            self.record(name, *self.placer.put(name, data))
        except OSError as exc:
            raise BuildError(f"{self.out}: cannot write the site: {exc.strerror or exc}") from None

    def finish(self, fingerprint: str) -> WriteResult:
        """Swap the new tree in (only if anything differs) and remember what it holds."""
        removed = self.existing - set(self.entries)
        if self.written or removed or not self.out.is_dir():
            _swap(self.out, self.temp, len(self.existing))
        _write_manifest(self.out, fingerprint, self.entries, self.views)
        return WriteResult(written=self.written, unchanged=len(self.entries) - self.written,
                           removed=len(removed))


def write_tree(out: Path, files: Mapping[str, bytes], fingerprint: str) -> WriteResult:
    """Make `out` hold exactly `files`, rewriting only what changed."""
    with Staging(out) as stage:
        for name in sorted(files):
            stage.put(name, files[name])
        return stage.finish(fingerprint)


def _swap(out: Path, temp: Path, files: int = 0) -> None:
    backup = _backup(out)
    try:
        if out.exists():
            os.rename(out, backup)
        os.rename(temp, out)
        _discard(out, backup, files)
    except BaseException as exc:
        if backup.exists() and not out.exists():
            os.rename(backup, out)
        if isinstance(exc, OSError):
            raise BuildError(f"{out}: cannot write the site: {exc.strerror or exc}") from None
        raise


def _discard(out: Path, old_tree: Path, files: int) -> None:
    """Remove the replaced tree: in the background when big, since unlinking
    tens of thousands of files would otherwise be most of an incremental build.

    It is renamed to a `.tmp-` name first, so if the remover dies the next
    build's `recover` finishes the job."""
    if not old_tree.exists():
        return
    if files < BACKGROUND_REMOVAL:
        shutil.rmtree(old_tree, ignore_errors=True)
        return
    trash = out.parent / f".{out.name}.tmp-old-{os.getpid()}"
    try:
        os.rename(old_tree, trash)
    except OSError:
        shutil.rmtree(old_tree, ignore_errors=True)
        return
    _remove_in_background(trash)


def _remove_in_background(tree: Path) -> None:
    """Unlinking a big tree takes seconds that no build should wait for; a
    second remover racing the first is harmless."""
    try:
        subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], True)", str(tree)],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
    except OSError:
        shutil.rmtree(tree, ignore_errors=True)
