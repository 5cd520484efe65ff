"""Put a rendered site on disk atomically and incrementally.

The live folder is never written into: a new tree is made beside it, then
swapped in with two renames. A build killed at any point leaves the old site in
place (or, between the two renames, in its backup, which the next build moves
back). A manifest outside the site remembers each file's hash and stat, so a
build whose output did not change touches nothing at all.

The replaced tree is not thrown away: it is kept as the spare, and the next
build makes its tree from it (`placer`), changing only the files that differ,
instead of making 17,000 folders and 28,000 links for a 10,000-article site
to change one page. The spare is trusted only while its folders' mtimes match
its manifest (no file added or removed by hand) and each file's stat matches
its entry.
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
from khotin.site.placer import Placer, TreeState, stat_key

MANIFEST_VERSION = 2
# A replaced tree of at least this many files is removed in the background.
BACKGROUND_REMOVAL = 2000


@dataclass(frozen=True)
class WriteResult:
    written: int
    unchanged: int
    removed: int


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


def _existing_files(out: Path, files: dict[str, list], folders: dict | None) -> set[str]:
    """Every file in the live site: the manifest's, unless a folder's mtime shows a file added or removed."""
    if not out.is_dir():
        return set()
    try:
        if folders is not None and _folder_times(out, files) == folders:
            return set(files)
    except OSError:
        pass
    found = set()
    for root, _, names in os.walk(out):
        for name in names:
            found.add(os.path.relpath(os.path.join(root, name), out).replace(os.sep, "/"))
    return found


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
            if stat_key(os.stat(os.path.join(root, name))) != entry[1:]:
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


class Staging:
    """The next site, made beside the live one and swapped in whole by `finish`.

    The tree starts as the spare (the site the last build replaced) when nothing
    but khotin has touched it, else empty. Leaving the `with` block without
    `finish` (an error, a kill) removes the half-made tree; the live site is
    never written into."""

    def __init__(self, out: Path) -> None:
        self.out = out.absolute()
        recover(self.out)
        manifest = read_manifest(self.out)
        self.live = TreeState(manifest.get("files", {}), manifest.get("views", {}))
        self.live_folders = manifest.get("folders")
        self.existing = _existing_files(self.out, self.live.files, self.live_folders)
        self.temp = self.out.parent / f".{self.out.name}.tmp-{os.getpid()}"
        self.spare = TreeState()
        self.entries: dict[str, list] = {}
        self.views: dict[str, str] = {}
        self.written = 0

    def __enter__(self) -> "Staging":
        try:
            self.out.parent.mkdir(parents=True, exist_ok=True)
            shutil.rmtree(self.temp, ignore_errors=True)
            self.spare = _adopt_spare(self.out, self.temp)
            if not self.temp.is_dir():
                self.temp.mkdir()
        except OSError as exc:
            raise BuildError(f"{self.out}: cannot write the site: {exc.strerror or exc}") from None
        self.placer = Placer(os.fspath(self.out), os.fspath(self.temp), self.live, self.spare, self.existing)
        return self

    def __exit__(self, *exc_info) -> None:
        if self.temp.exists():
            _discard(self.out, self.temp, max(len(self.spare.files), len(self.entries)))

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
        """Swap the new tree in (only if anything differs) and remember what it holds;
        the tree it replaces becomes the next build's spare."""
        removed = self.existing - set(self.entries)
        _remove_leftovers(self.temp, set(self.spare.files) - set(self.entries))
        if self.written or removed or not self.out.is_dir() or self.spare.files:
            replaced = _swap(self.out, self.temp)
            if replaced is not None:
                _keep_spare(self.out, replaced, self.live, self.live_folders, len(self.existing))
        _write_manifest(self.out, fingerprint, self.entries, self.views)
        return WriteResult(written=self.written, unchanged=len(self.entries) - self.written,
                           removed=len(removed))


def _remove_leftovers(tree: Path, names: set[str]) -> None:
    """Take out the spare's files this build does not have, and the folders they leave empty."""
    root = os.fspath(tree)
    folders = set()
    for name in names:
        try:
            os.unlink(os.path.join(root, name))
        except FileNotFoundError:
            pass
        folder = os.path.dirname(name)
        while folder and folder not in folders:
            folders.add(folder)
            folder = os.path.dirname(folder)
    for folder in sorted(folders, key=lambda f: f.count("/"), reverse=True):
        try:
            os.rmdir(os.path.join(root, folder))
        except OSError:  # not empty: it still holds files of this build
            pass


def write_tree(out: Path, files: Mapping[str, bytes], fingerprint: str) -> WriteResult:
    """Make `out` hold exactly `files`, rewriting only what changed."""
    with Staging(out) as stage:
        for name in sorted(files):
            stage.put(name, files[name])
        return stage.finish(fingerprint)


def _swap(out: Path, temp: Path) -> Path | None:
    """Put `temp` in place of `out`; returns where the replaced tree now is (None: there was none)."""
    backup = _backup(out)
    try:
        if out.exists():
            os.rename(out, backup)
        os.rename(temp, out)
    except BaseException as exc:
        if backup.exists() and not out.exists():
            os.rename(backup, out)
        if isinstance(exc, OSError):
            raise BuildError(f"{out}: cannot write the site: {exc.strerror or exc}") from None
        raise
    return backup if backup.exists() else None


def _spare_paths(out: Path) -> tuple[Path, Path]:
    """The spare tree and what it holds: in this site's cache folder, on the site's file system."""
    folder = cache_dir(out)
    return folder / "spare", folder / "spare.json"


def _keep_spare(out: Path, replaced: Path, state: TreeState, folders: dict | None, files: int) -> None:
    """Keep the replaced tree for the next build to start from; its manifest (not yet
    overwritten) becomes the spare's. Without one, or on any error, the tree is removed."""
    tree, description = _spare_paths(out)
    try:
        if not state.files or not isinstance(folders, dict):
            raise OSError("no manifest of the replaced tree")
        shutil.rmtree(tree, ignore_errors=True)
        os.replace(_manifest_path(out), description)
        os.rename(replaced, tree)
    except OSError:
        _discard(out, replaced, files)


def _adopt_spare(out: Path, temp: Path) -> TreeState:
    """Move the spare tree to `temp` and say what it holds, if its folders show no file
    added or removed since its manifest was written; else remove it (empty state)."""
    tree, description = _spare_paths(out)
    if not tree.is_dir():
        return TreeState()
    try:
        data = json.loads(description.read_text(encoding="utf-8"))
        os.rename(tree, temp)
        if data.get("version") == MANIFEST_VERSION and _folder_times(temp, data["files"]) == data["folders"]:
            return TreeState(data["files"], data["views"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    for leftover in (temp, tree):
        if leftover.exists():
            _discard(out, leftover, BACKGROUND_REMOVAL)
    return TreeState()


def _discard(out: Path, old_tree: Path, files: int) -> None:
    """Remove a tree of about `files` files: in the background when big, since unlinking
    tens of thousands of files would otherwise be most of an incremental build.

    It is renamed to a `.tmp-` name first, so if the remover dies the next
    build's `recover` finishes the job."""
    if not old_tree.exists():
        return
    if files < BACKGROUND_REMOVAL:
        shutil.rmtree(old_tree, ignore_errors=True)
        return
    trash = out.parent / f".{out.name}.tmp-old-{os.getpid()}-{os.urandom(4).hex()}"
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
