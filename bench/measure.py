"""Run one command and measure it: wall time, and peak memory two ways.

- `peak_rss_mb`: the largest single process of the command's tree, from the
  kernel's own accounting (`wait4` rusage, which folds in reaped descendants) —
  what `/usr/bin/time -v` would print.
- `peak_tree_mb`: the sum over the whole process tree, sampled from
  `/proc/*/smaps_rollup` (PSS, so pages a forked pool shares are not counted
  twice). A parallel build's memory bill is this figure, not the first.

A command that fails never raises: the measurement says failed, with the last
line it printed, so one broken stage cannot take the whole report down.

Each command starts with nothing left to write back: the step before may have
left most of a gigabyte of dirty pages (a built site with its search index),
and the kernel flushing them during the next command cost that command its
time (a cold build without search took 8.95 s right after a build with search,
6.87 s after a `sync`, which itself took 0.7 s and is not timed).
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Measurement:
    label: str
    ok: bool
    seconds: float | None = None
    peak_rss_mb: float | None = None
    peak_tree_mb: float | None = None
    detail: str = ""
    stdout: str = ""


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        # The command name may hold spaces or parentheses: parse after the last ')'.
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    return children


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def tree_pss_mb(root: int) -> float:
    children = _children_map()
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += _pss_kb(pid)
        stack += children.get(pid, [])
    return total / 1024


class _Sampler(threading.Thread):
    def __init__(self, pid: int, interval: float) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak = pid, interval, 0.0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak = max(self.peak, tree_pss_mb(self.pid))
            self.done.wait(self.interval)


def run(label: str, cmd: list[str], *, cwd: Path | None = None, env: dict | None = None,
        timeout: float = 3600, log: Path | None = None, sample: float = 0.25) -> Measurement:
    """Run `cmd`, wait for it with wait4, and measure it."""
    out_path = log or Path(os.devnull)
    if log:
        log.parent.mkdir(parents=True, exist_ok=True)
    os.sync()
    try:
        with open(out_path, "w", encoding="utf-8") as out:
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL)
            sampler = _Sampler(proc.pid, sample)
            sampler.start()
            deadline = start + timeout
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                if time.perf_counter() > deadline:
                    proc.kill()
                    pid, status, usage = os.wait4(proc.pid, 0)
                    break
                time.sleep(0.01)
            seconds = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
            sampler.done.set()
            sampler.join()
    except OSError as exc:
        return Measurement(label, False, detail=f"could not run {cmd[0]}: {exc}")
    text = Path(log).read_text(encoding="utf-8", errors="replace") if log else ""
    peak_rss = usage.ru_maxrss / 1024  # KiB on Linux
    if proc.returncode != 0:
        last = [line for line in text.splitlines() if line.strip()][-1:] or [f"exit {proc.returncode}"]
        return Measurement(label, False, seconds, peak_rss, sampler.peak or None,
                           detail=f"exit {proc.returncode}: {last[0][:200]}", stdout=text)
    return Measurement(label, True, seconds, peak_rss, sampler.peak or None, stdout=text)


def version_of(cmd: list[str]) -> str:
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unavailable ({exc.__class__.__name__})"
    line = (result.stdout.strip() or result.stderr.strip()).splitlines()
    return line[-1].strip() if line else "unknown"
