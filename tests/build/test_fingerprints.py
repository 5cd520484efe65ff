"""A record's hash is reused only while its file's stat shows it cannot have changed."""

from __future__ import annotations

import hashlib
import os
import time

from khotin.build import fingerprints
from khotin.build.fingerprints import content_digests


def records(tmp_path, hours_old: float = 0) -> list:
    folder = tmp_path / "content"
    folder.mkdir()
    paths = []
    for number in range(3):
        path = folder / f"bai-{number}.md"
        path.write_text(f"---\ntitle: Bài {number}\n---\nNội dung {number}.\n", encoding="utf-8")
        if hours_old:
            then = time.time() - hours_old * 3600
            os.utime(path, (then, then))
        paths.append(path)
    return paths


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def opened_files(monkeypatch) -> list[str]:
    opened: list[str] = []

    read = fingerprints.read_hashed

    def spy(name):
        opened.append(os.fspath(name))
        return read(name)
    monkeypatch.setattr(fingerprints, "read_hashed", spy)
    return opened


def test_old_unchanged_files_keep_their_hash_and_an_edited_one_is_read_again(tmp_path, monkeypatch):
    paths, cache = records(tmp_path, hours_old=1), tmp_path / "digests"
    first = content_digests(paths, cache)
    assert first == [sha256(path) for path in paths]
    opened = opened_files(monkeypatch)
    assert content_digests(paths, cache) == first and opened == []
    paths[1].write_text("---\ntitle: Bài 1 (đã sửa)\n---\n", encoding="utf-8")
    assert content_digests(paths, cache) == [sha256(path) for path in paths] != first
    assert opened == [os.fspath(paths[1])]


def test_a_file_modified_just_before_the_last_build_is_read_again_whatever_its_stat(tmp_path, monkeypatch):
    paths, cache = records(tmp_path), tmp_path / "digests"  # written just now
    content_digests(paths, cache)
    stat = paths[0].stat()
    paths[0].write_text(paths[0].read_text(encoding="utf-8").replace("0", "9"), encoding="utf-8")
    os.utime(paths[0], ns=(stat.st_atime_ns, stat.st_mtime_ns))  # a second edit in the same clock tick
    assert paths[0].stat().st_size == stat.st_size and paths[0].stat().st_ino == stat.st_ino
    opened = opened_files(monkeypatch)
    assert content_digests(paths, cache) == [sha256(path) for path in paths]
    assert len(opened) == len(paths)


def test_a_missing_or_broken_list_only_costs_reading_every_file(tmp_path):
    paths, cache = records(tmp_path, hours_old=1), tmp_path / "digests"
    cache.write_bytes(b"not a pickle")
    assert content_digests(paths, cache) == [sha256(path) for path in paths]
    assert content_digests(paths, None) == [sha256(path) for path in paths]
