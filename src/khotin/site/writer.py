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
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping

from khotin.errors import BuildError

MANIFEST_VERSION = 1


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
        shutil.rmtree(stale, ignore_errors=True)


def read_manifest(out: Path) -> dict:
    try:
        data = json.loads(_manifest_path(out).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.get("version") == MANIFEST_VERSION else {}


def _write_manifest(out: Path, fingerprint: str, files: dict[str, list]) -> None:
    path = _manifest_path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_suffix(f".tmp-{os.getpid()}")
    temp.write_text(json.dumps({"version": MANIFEST_VERSION, "fingerprint": fingerprint, "files": files},
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


def _stat_key(path: Path) -> list:
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino]


def is_current(out: Path, fingerprint: str) -> bool:
    """True when the last build had these inputs and nobody has touched its output since."""
    manifest = read_manifest(out)
    if manifest.get("fingerprint") != fingerprint or not out.is_dir():
        return False
    files = manifest.get("files", {})
    if _existing_files(out) != set(files):
        return False
    try:
        return all(_stat_key(out / name) == entry[1:] for name, entry in files.items())
    except OSError:
        return False


def write_tree(out: Path, files: Mapping[str, bytes], fingerprint: str) -> WriteResult:
    """Make `out` hold exactly `files`, rewriting only what changed."""
    out = out.absolute()
    recover(out)
    manifest = read_manifest(out).get("files", {})
    existing = _existing_files(out)
    hashes = {name: _digest(data) for name, data in files.items()}
    same: set[str] = set()
    for name in files:
        if name not in existing:
            continue
        entry = manifest.get(name)
        target = out / name
        try:
            if entry and entry[0] == hashes[name] and entry[1:] == _stat_key(target):
                same.add(name)
            elif target.stat().st_size == len(files[name]) and target.read_bytes() == files[name]:
                same.add(name)
        except OSError:
            continue
    removed = existing - set(files)
    written = len(files) - len(same)
    if written or removed or not out.is_dir():
        _swap_in(out, files, same)
    recorded = {name: [hashes[name], *_stat_key(out / name)] for name in files}
    _write_manifest(out, fingerprint, recorded)
    return WriteResult(written=written, unchanged=len(same), removed=len(removed))


def _swap_in(out: Path, files: Mapping[str, bytes], same: set[str]) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    temp = out.parent / f".{out.name}.tmp-{os.getpid()}"
    try:
        temp.mkdir()
        made: set[str] = set()
        for name in sorted(files):
            target = temp / name
            parent = os.path.dirname(name)
            if parent and parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(parent)
            if name in same:
                try:
                    os.link(out / name, target)
                    continue
                except OSError:
                    pass
            target.write_bytes(files[name])
        backup = _backup(out)
        if out.exists():
            os.rename(out, backup)
        os.rename(temp, out)
        shutil.rmtree(backup, ignore_errors=True)
    except BaseException as exc:
        backup = _backup(out)
        if backup.exists() and not out.exists():
            os.rename(backup, out)
        shutil.rmtree(temp, ignore_errors=True)
        if isinstance(exc, OSError):
            raise BuildError(f"{out}: cannot write the site: {exc.strerror or exc}") from None
        raise
