"""Article folders made aside, in a child, while the parent plans the site."""

from __future__ import annotations

import multiprocessing
import os
import time

import pytest

from khotin.build.output import folders
from khotin.build import render_pool
from tests.site.sitecheck import tree
from tests.site.test_spare import edit, spare_of

WANTED = ["bai", *(f"bai/bai-{number}" for number in range(600))]


def _wait_for(path) -> None:
    deadline = time.monotonic() + 30
    while not path.is_dir() and time.monotonic() < deadline:
        time.sleep(0.01)


def test_every_folder_it_returns_exists_under_every_root(tmp_path):
    roots = [tmp_path / "new", tmp_path / "spare"]
    for root in roots:
        root.mkdir()
    with folders.made_aside([str(root) for root in roots], WANTED) as stop:
        _wait_for(roots[-1] / WANTED[-1])
        made = stop()
    assert list(made) == WANTED
    assert all((root / folder).is_dir() for root in roots for folder in WANTED)
    assert not multiprocessing.active_children()


def test_stopped_early_it_returns_what_is_made_and_no_more(tmp_path):
    with folders.made_aside([str(tmp_path)], WANTED) as stop:
        made = stop()
    assert list(made) == WANTED[:len(made)]
    assert all((tmp_path / folder).is_dir() for folder in made)
    assert not multiprocessing.active_children()


def test_an_error_stops_the_child_quietly(tmp_path, capfd):
    with folders.made_aside([str(tmp_path / "missing")], WANTED) as stop:
        deadline = time.monotonic() + 30
        while multiprocessing.active_children() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not multiprocessing.active_children(), "the child did not stop at its first error"
        assert list(stop()) == []
    assert capfd.readouterr().err == ""


def test_a_block_left_by_an_error_ends_the_child(tmp_path):
    with pytest.raises(RuntimeError):
        with folders.made_aside([str(tmp_path)], WANTED):
            raise RuntimeError("a template error, say")
    assert not multiprocessing.active_children()


def test_few_folders_are_left_to_the_renderers(tmp_path):
    with folders.made_aside([str(tmp_path)], WANTED[:folders.THRESHOLD - 1]) as stop:
        assert list(stop()) == []
    assert os.listdir(tmp_path) == []


def test_forked_builds_with_folders_made_aside_equal_a_serial_build(workspace, tmp_path, monkeypatch):
    serial = tmp_path / "serial"
    workspace.build(out=serial / "site", jobs=1)
    monkeypatch.setattr(folders, "THRESHOLD", 1)
    monkeypatch.setattr(render_pool, "PARALLEL_THRESHOLD", 1)
    workspace.build(jobs=2)
    assert tree(workspace.out) == tree(serial / "site")
    assert tree(spare_of(workspace)) == tree(workspace.out), "the first build plants its spare"
    edit(workspace, 1, "Bản sửa")
    workspace.build(jobs=2)
    workspace.build(out=serial / "site", jobs=1)
    assert tree(workspace.out) == tree(serial / "site")
