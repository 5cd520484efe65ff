"""Article folders made aside, in a child, while the parent plans the site."""

from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path

import pytest

from khotin.build.output import folders, staging

WANTED = ["bai", *(f"bai/bai-{number}" for number in range(600))]


def _wait_for(path) -> None:
    deadline = time.monotonic() + 30
    while not path.is_dir() and time.monotonic() < deadline:
        time.sleep(0.01)


def test_every_folder_it_returns_exists_under_every_root(tmp_path):
    roots = [tmp_path / "new", tmp_path / "spare"]
    for root in roots:
        root.mkdir()
    stop = folders.start([str(root) for root in roots], WANTED)
    _wait_for(roots[-1] / WANTED[-1])
    made = stop()
    assert list(made) == WANTED
    assert all((root / folder).is_dir() for root in roots for folder in WANTED)
    assert not multiprocessing.active_children()


def test_stopped_early_it_returns_what_is_made_and_no_more(tmp_path):
    made = folders.start([str(tmp_path)], WANTED)()
    assert list(made) == WANTED[:len(made)]
    assert all((tmp_path / folder).is_dir() for folder in made)
    assert not multiprocessing.active_children()


def test_stopped_twice_it_gives_the_same_answer(tmp_path):
    stop = folders.start([str(tmp_path)], WANTED)
    assert list(stop()) == list(stop())


def test_an_error_stops_the_child_quietly(tmp_path, capfd):
    stop = folders.start([str(tmp_path / "missing")], WANTED)
    deadline = time.monotonic() + 30
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not multiprocessing.active_children(), "the child did not stop at its first error"
    assert list(stop()) == []
    assert capfd.readouterr().err == ""


def test_few_folders_are_left_to_the_renderers(tmp_path):
    assert list(folders.start([str(tmp_path)], WANTED[:folders.THRESHOLD - 1])()) == []
    assert os.listdir(tmp_path) == []


def test_a_staging_left_by_an_error_ends_the_child_and_leaves_no_tree(tmp_path):
    out = tmp_path / "site"
    with pytest.raises(RuntimeError):
        with staging.Staging(out, {}) as stage:
            stage.make_folders_aside(WANTED)
            raise RuntimeError("a template error, say")
    assert not multiprocessing.active_children()
    assert not list(tmp_path.glob(".site.tmp-*"))


def test_the_placer_knows_what_the_child_made_under_both_trees_of_a_first_build(tmp_path):
    with staging.Staging(tmp_path / "site", {}) as stage:
        stage.make_folders_aside(WANTED)
        _wait_for(Path(stage.placer.folder_roots()[-1]) / WANTED[-1])
        stage.folders_made()
        assert len(stage.placer.folder_roots()) == 2, "a first build plants its spare"
        assert stage.placer.unmade(WANTED) == []
        assert not multiprocessing.active_children()
