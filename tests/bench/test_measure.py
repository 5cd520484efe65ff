"""bench/measure.py: a step that fails, hangs or eats the machine's memory is
reported with its reason, and leaves no process of its tree behind."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import measure  # noqa: E402


def _gone(pid: int, within: float = 5.0) -> bool:
    """Dead or a zombie waiting for its new parent to reap it."""
    end = time.monotonic() + within
    while time.monotonic() < end:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.05)
    return False


def test_a_command_killed_by_a_signal_says_which():
    step = measure.run("killed", ["sh", "-c", "kill -KILL $$"])
    assert not step.ok
    assert "SIGKILL" in step.detail


def test_a_failing_command_reports_its_last_line(tmp_path):
    step = measure.run("fails", ["sh", "-c", "echo working; echo 'bad input here' >&2; exit 3"],
                       log=tmp_path / "log")
    assert not step.ok
    assert step.detail == "exit 3: bad input here"


def test_a_step_that_fails_on_a_full_disk_says_so_though_its_log_is_empty(monkeypatch, tmp_path):
    marker = tmp_path / "filling"
    # The disk fills while the step runs (once it has written its marker) and is freed after.
    monkeypatch.setattr(measure, "free_disk_mb",
                        lambda where: measure.DISK_FLOOR_MB / 8 if marker.exists() else 50 * measure.DISK_FLOOR_MB)
    step = measure.run("full", ["sh", "-c", f"touch {marker}; sleep 0.5; rm {marker}; exit 1"],
                       log=tmp_path / "log", sample=0.05)
    assert not step.ok
    assert step.detail.startswith("exit 1") and "the disk was full" in step.detail


def test_a_failure_with_room_on_the_disk_says_nothing_of_it(monkeypatch, tmp_path):
    monkeypatch.setattr(measure, "free_disk_mb", lambda where: 50 * measure.DISK_FLOOR_MB)
    step = measure.run("fails", ["sh", "-c", "exit 2"], log=tmp_path / "log")
    assert step.detail == "exit 2"


def test_a_timeout_kills_the_workers_too(tmp_path):
    pid_file = tmp_path / "worker.pid"
    step = measure.run("hangs", ["sh", "-c", f"sleep 60 & echo $! > {pid_file}; wait"], timeout=2)
    assert not step.ok
    assert "after 2 s" in step.detail
    assert step.seconds < 10
    assert _gone(int(pid_file.read_text()))


def test_a_machine_out_of_memory_kills_the_step_not_the_bench(monkeypatch, tmp_path):
    pid_file = tmp_path / "worker.pid"
    # Memory runs short once the worker is up (and its pid written down).
    monkeypatch.setattr(measure, "available_mb",
                        lambda: measure.MEMORY_FLOOR_MB / 4 if pid_file.exists() else 10 * measure.MEMORY_FLOOR_MB)
    step = measure.run("hog", ["sh", "-c", f"sleep 60 & echo $! > {pid_file}; wait"], sample=0.05)
    assert not step.ok
    assert "memory left" in step.detail
    assert step.seconds < 10
    assert _gone(int(pid_file.read_text()))


def test_a_command_that_succeeds_is_measured():
    step = measure.run("fine", [sys.executable, "-c", "x = bytearray(50 * 1024 * 1024)"])
    assert step.ok and step.detail == ""
    assert step.peak_rss_mb >= 50


def test_the_kernel_out_of_memory_takes_the_step_before_the_bench(tmp_path):
    log = tmp_path / "step.log"
    result = measure.run("oom score", ["sh", "-c", "cat /proc/self/oom_score_adj"], log=log)
    assert result.ok and log.read_text().strip() == "1000"
    assert Path("/proc/self/oom_score_adj").read_text().strip() != "1000", "the bench itself keeps its own"
