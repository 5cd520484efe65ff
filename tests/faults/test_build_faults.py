"""A build that dies or cannot write never costs the reader the previous site."""

from __future__ import annotations

import ctypes
import os
import resource
import signal
from pathlib import Path

import pytest

from pause import start_paused
from sitekit import (build_args, explain, kill_group, one_clear_line, run_khotin, synthetic_record, tree_digest,
                     write_records)

BASE = "http://127.0.0.1:8000/"


def _limit_file_size(limit: int):
    """preexec_fn: a 'full disk' for one process — writes past `limit` bytes fail with EFBIG."""
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def _beside(out: Path) -> set[str]:
    return {p.name for p in out.parent.iterdir()}


def _built(content: Path, out: Path) -> dict[str, str]:
    done = run_khotin(*build_args(content, out, BASE))
    assert done.returncode == 0, explain(done)
    return tree_digest(out)


# Where a build is paused (test hook) and killed: mid-render, rendered but not swapped in,
# swapped in but its manifest not yet written.
KILL_POINTS = [
    ("khotin.build.output.staging:Staging.record:40", "old"),
    ("khotin.build.output.staging:_swap:1", "old"),
    ("khotin.build.output.paths:write_manifest:1", "new"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("at", "expected"), KILL_POINTS, ids=["rendering", "before-swap", "after-swap"])
def test_sigkill_at_any_moment_leaves_a_complete_site(tmp_path, at, expected):
    content, out, reference = tmp_path / "content", tmp_path / "site", tmp_path / "ref" / "site"
    write_records(content, [synthetic_record(n) for n in range(300)])
    old = _built(content, out)
    write_records(content, [synthetic_record(n, variant="Cập nhật — ") for n in range(300)])
    new = _built(content, reference)
    assert new != old
    around = _beside(out)

    build = start_paused(*build_args(content, out, BASE), at=at, marker=reference.parent / "paused")
    kill_group(build)
    assert build.returncode == -signal.SIGKILL
    assert tree_digest(out) == {"old": old, "new": new}[expected], f"killed at {at}: the site is not the {expected} one"
    assert _built(content, out) == new, "the build after a killed one is not the new site"
    assert _beside(out) == around, "a killed build left files beside the site"
    write_records(content, [synthetic_record(n) for n in range(300)])
    assert _built(content, out) == old, "going back to the old records does not give the old site"


def test_full_disk_gives_one_line_and_keeps_the_site(tmp_path):
    content, out = tmp_path / "content", tmp_path / "site"
    write_records(content, [synthetic_record(n) for n in range(12)])
    old = _built(content, out)
    around = _beside(out)
    write_records(content, [synthetic_record(n, variant="Sửa — ") for n in range(12)])
    done = run_khotin(*build_args(content, out, BASE), preexec_fn=_limit_file_size(2048))
    assert done.returncode == 1, explain(done)
    line = one_clear_line(done.stderr)
    assert line and line.startswith("error:"), explain(done)
    assert tree_digest(out) == old
    assert _beside(out) == around, "the failed build left files beside the site"


def test_full_disk_on_a_first_build_leaves_no_half_site(tmp_path):
    content, out = tmp_path / "content", tmp_path / "site"
    write_records(content, [synthetic_record(n) for n in range(12)])
    done = run_khotin(*build_args(content, out, BASE), preexec_fn=_limit_file_size(2048))
    assert done.returncode == 1, explain(done)
    assert one_clear_line(done.stderr), explain(done)
    assert not out.exists() or not any(out.iterdir()), "a half-built site was left"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(f".{out.name}")]


def _obey_file_modes() -> None:
    """preexec_fn: root ignores file modes; drop the capabilities that let it (DAC override,
    DAC read-search, fowner) from the bounding set, so the exec'd process is held to them."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2, 3):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


PR_CAPBSET_DROP = 24


def _run_held_to_modes(args):
    return run_khotin(*args, preexec_fn=_obey_file_modes)


def test_unwritable_place_for_the_site_gives_one_line_and_keeps_it(tmp_path):
    content, parent = tmp_path / "content", tmp_path / "public"
    out = parent / "site"
    write_records(content, [synthetic_record(n) for n in range(8)])
    old = _built(content, out)
    write_records(content, [synthetic_record(n, variant="Sửa — ") for n in range(8)])
    parent.chmod(0o555)
    try:
        done = _run_held_to_modes(build_args(content, out, BASE))
    finally:
        parent.chmod(0o755)
    assert done.returncode == 1, explain(done)
    line = one_clear_line(done.stderr)
    assert line and line.startswith("error:") and str(parent) in line, explain(done)
    assert tree_digest(out) == old


def test_unwritable_site_folder_gives_a_whole_site_or_one_line(tmp_path):
    content, parent = tmp_path / "content", tmp_path / "public"
    out = parent / "site"
    write_records(content, [synthetic_record(n) for n in range(8)])
    old = _built(content, out)
    write_records(content, [synthetic_record(n, variant="Sửa — ") for n in range(8)])
    parent.chmod(0o777)
    for path in [p for p in parent.rglob("*") if out not in (p, *p.parents)]:
        path.chmod(0o777 if path.is_dir() else 0o666)  # build state beside the site stays writable
    for path in [out, *out.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        done = _run_held_to_modes(build_args(content, out, BASE))
    finally:
        for path in [out, *out.rglob("*")] if out.exists() else []:
            path.chmod(0o755 if path.is_dir() else 0o644)
    if done.returncode == 0:
        assert tree_digest(out) == _built(content, tmp_path / "ref" / "site")
    else:
        assert done.returncode == 1, explain(done)
        assert one_clear_line(done.stderr), explain(done)
        assert tree_digest(out) == old
