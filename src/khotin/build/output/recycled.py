"""The spare: the tree the last build replaced, kept for the next build to start from.

A one-record edit of a 10,000-article site used to make a whole new tree to
swap in (17,000 folders, 28,000 hard links). Instead the replaced tree is kept
in the site's cache folder, with the manifest that describes it, and the next
build changes only the files that differ (see `reuse`). It is trusted only
while its folders' mtimes match that manifest (no file added or removed by
hand) and each file's stat matches its entry.

The first build into a folder replaces nothing: it links its own new tree in
as the spare, so that the first edit after it is as cheap as any other. The
rendering workers link each file as they write it (`plant`), which hides most of
the ~0.3 s the 17,000 folders and 17,000 links take at 10,000 articles.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from khotin.build.output.paths import (BACKGROUND_REMOVAL, cache_dir, discard, folder_times, folders_unchanged, manifest_path,
                                read_state, write_state)
from khotin.build.output.reuse import TreeState, make_folder, stat_key


def paths(out: Path) -> tuple[Path, Path]:
    """The spare tree and what it holds: in this site's cache folder, on the site's file system."""
    folder = cache_dir(out)
    return folder / "spare", folder / "spare.manifest"


def keep(out: Path, replaced: Path, state: TreeState, folders: dict | None, files: int) -> None:
    """Keep the replaced tree for the next build to start from; its manifest (not yet
    overwritten) becomes the spare's. Without one, or on any error, the tree is removed."""
    tree, description = paths(out)
    try:
        if not state.files or not isinstance(folders, dict):
            raise OSError("no manifest of the replaced tree")
        shutil.rmtree(tree, ignore_errors=True)
        os.replace(manifest_path(out), description)
        os.rename(replaced, tree)
    except OSError:
        discard(out, replaced, files)


def plant(out: Path) -> str | None:
    """An empty spare tree for a first build's placer to link each file it writes into
    (`Placer(seed=...)`): the links are then made by the rendering workers, beside
    the rendering, not one by one after it. None when the tree cannot be made."""
    tree, description = paths(out)
    try:
        description.unlink(missing_ok=True)
        if tree.exists():
            discard(out, tree, BACKGROUND_REMOVAL)
        tree.mkdir(parents=True)
    except OSError:
        return None
    return os.fspath(tree)


def describe(out: Path, files: dict[str, list], views: dict[str, str]) -> None:
    """Write the manifest of a planted spare, which holds `files` (the new site's
    manifest). Any error leaves no spare, only a slower next build."""
    tree, description = paths(out)
    try:
        write_state(description, {"files": files, "views": views, "folders": folder_times(tree, files)})
    except OSError:
        discard(out, tree, len(files))


def seed(out: Path, files: dict[str, list], views: dict[str, str]) -> None:
    """Make the spare a tree of hard links to the site just swapped in (when no placer planted it).
    Each link changes its file's ctime: `files` (the new site's manifest) takes the new stat."""
    tree, _ = paths(out)
    root, into = os.fspath(out), os.fspath(tree)
    try:
        if tree.exists():
            discard(out, tree, BACKGROUND_REMOVAL)
        tree.mkdir(parents=True)
        made: set[str] = set()
        for name in files:
            make_folder(into, os.path.dirname(name), made)
            os.link(os.path.join(root, name), os.path.join(into, name))
            files[name] = [files[name][0], *stat_key(os.stat(os.path.join(into, name)))]
    except OSError:
        discard(out, tree, len(files))
        return
    describe(out, files, views)


def adopt(out: Path, temp: Path) -> TreeState:
    """Move the spare tree to `temp` and say what it holds, if its folders show no file
    added or removed since its manifest was written; else remove it (empty state)."""
    tree, description = paths(out)
    if not tree.is_dir():
        return TreeState()
    try:
        data = read_state(description)
        os.rename(tree, temp)
        if data and folders_unchanged(temp, data["folders"]):
            return TreeState(data["files"], data["views"], data["folders"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    for leftover in (temp, tree):
        if leftover.exists():
            discard(out, leftover, BACKGROUND_REMOVAL)
    return TreeState()


def remove_leftovers(tree: Path, names: set[str]) -> None:
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

