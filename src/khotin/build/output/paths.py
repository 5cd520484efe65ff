"""Where a site's files and build state live beside its output folder, and how
a replaced tree is removed. Shared by `staging` (the swap) and `recycled`.
"""

from __future__ import annotations

import fcntl
import hashlib
import pickle
import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

MANIFEST_VERSION = 4
# A replaced tree of at least this many files is removed in the background.
BACKGROUND_REMOVAL = 2000


def state_dir(out: Path) -> Path:
    """Where build state lives: beside the site, never inside it (so it is not published)."""
    return out.absolute().parent / ".khotin-cache"


def manifest_path(out: Path) -> Path:
    key = hashlib.sha256(str(out.absolute()).encode()).hexdigest()[:12]
    return state_dir(out) / "build" / f"{out.name}-{key}.manifest"


def cache_dir(out: Path) -> Path:
    """This output folder's own caches (records, bodies, templates), used under
    its build lock: the body store is pruned to the records of the last build,
    so two sites sharing one would take each other's bodies away mid-build."""
    return manifest_path(out).with_suffix("")


def backup_path(out: Path) -> Path:
    return out.parent / f".{out.name}.previous"


@contextmanager
def locked(out: Path) -> Iterator[None]:
    """One build per output folder at a time (serve and a manual build may overlap)."""
    lock_path = manifest_path(out).with_suffix(".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def read_state(path: Path) -> dict:
    """A manifest-like state file (pickled: a 10,000-article site's is ~10 MB, read on
    every build, and JSON costs several times more), or {} when missing, unreadable or old."""
    try:
        with open(path, "rb") as handle:
            data = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
        return {}
    return data if isinstance(data, dict) and data.get("version") == MANIFEST_VERSION else {}


def write_state(path: Path, data: dict) -> None:
    """Atomically: a reader sees the old state or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    with open(temp, "wb") as handle:
        pickle.dump({"version": MANIFEST_VERSION, **data}, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temp, path)


def read_manifest(out: Path) -> dict:
    return read_state(manifest_path(out))


def write_manifest(out: Path, manifest: dict) -> None:
    write_state(manifest_path(out), manifest)


def folder_times(out: Path, files: Iterable[str], known: dict[str, int] | None = None,
                 changed: Iterable[str] = ()) -> dict[str, int]:
    """Each folder holding the files, with its mtime: a file added or removed changes it.

    `known`: the times of a tree this one was made from, where only the folders in
    `changed` had files added or removed (and folders added or removed, which
    change their parent's time): the others are not asked again."""
    folders = {""}
    for name in files:
        parent = name.rpartition("/")[0]
        while parent not in folders:
            folders.add(parent)
            parent = parent.rpartition("/")[0]
    root = os.fspath(out) + "/"
    if known is None:
        return {folder: os.stat(root + folder).st_mtime_ns for folder in sorted(folders)}
    stale = {"", *changed}
    stale.update(folder.rpartition("/")[0] for folder in folders if folder not in known)
    stale.update(folder.rpartition("/")[0] for folder in known if folder not in folders)
    return {folder: os.stat(root + folder).st_mtime_ns if folder in stale or folder not in known else known[folder]
            for folder in sorted(folders)}


def folders_unchanged(out: Path, folders: object) -> bool:
    """Whether every folder of a manifest's `folders` (from `folder_times`) still has its
    mtime: then no file or folder was added or removed by hand. Its own list is asked,
    not one made again from the file names (28,000 at 10,000 articles, each build)."""
    if not isinstance(folders, dict) or not folders:
        return False
    root = os.fspath(out) + "/"
    try:
        for folder, mtime in folders.items():
            if os.stat(root + folder).st_mtime_ns != mtime:
                return False
    except OSError:
        return False
    return True


def discard(out: Path, old_tree: Path, files: int) -> None:
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
    remove_in_background(trash)


def remove_in_background(tree: Path) -> None:
    """Unlinking a big tree takes seconds that no build should wait for; a
    second remover racing the first is harmless."""
    try:
        subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], True)", str(tree)],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
    except OSError:
        shutil.rmtree(tree, ignore_errors=True)
