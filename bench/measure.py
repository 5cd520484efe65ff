"""Run one command and measure it: wall time, and peak memory two ways.

- `peak_rss_mb`: the largest single process of the command's tree, from the
  kernel's own accounting (`wait4` rusage, which folds in reaped descendants) —
  what `/usr/bin/time -v` would print.
- `peak_tree_mb`: the sum over the whole process tree, sampled from
  `/proc/*/smaps_rollup` (PSS, so pages a forked pool shares are not counted
  twice). A parallel build's memory bill is this figure, not the first.

A command that fails never raises: the measurement says failed, with the last
line it printed (or the signal that killed it) and the peak memory it reached,
so one broken stage cannot take the whole report down. A command whose tree
leaves the machine under `MEMORY_FLOOR_MB` of available memory is killed by the
bench, not by the kernel's OOM killer: on a shared machine that would pick its
victim among other people's processes too (Pagefind's CLI over a 100,000-page
site can ask for more than the machine has).

Each command starts with nothing left to write back: the step before may have
left most of a gigabyte of dirty pages (a built site with its search index),
and the kernel flushing them during the next command cost that command its
time (a cold build without search took 8.95 s right after a build with search,
6.87 s after a `sync`, which itself took 0.7 s and is not timed).
"""

from __future__ import annotations

import os
import shutil
import signal
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


MEMORY_FLOOR_MB = 1024


def available_mb() -> float | None:
    try:
        with open("/proc/meminfo", "rb") as handle:
            for line in handle:
                if line.startswith(b"MemAvailable:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return None


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


# A step that failed while the disk had less than this left is said to have met a full disk.
DISK_FLOOR_MB = 512


def free_disk_mb(where: Path) -> float | None:
    try:
        return shutil.disk_usage(where).free / 2**20
    except OSError:
        return None


class _Sampler(threading.Thread):
    """Samples the step's memory (and kills it before the machine runs out) and the
    disk's free space: a build that meets a full disk cannot write its own error line
    into a log on that disk, so the bench has to say it (a 100,000-record build once
    failed with "exit 1" and an empty log)."""

    def __init__(self, proc: subprocess.Popen, interval: float, disk: Path) -> None:
        super().__init__(daemon=True)
        self.proc, self.interval, self.peak = proc, interval, 0.0
        self.disk, self.least_disk_mb = disk, free_disk_mb(disk)
        self.killed_for = ""
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak = max(self.peak, tree_pss_mb(self.proc.pid))
            free = free_disk_mb(self.disk)
            if free is not None and (self.least_disk_mb is None or free < self.least_disk_mb):
                self.least_disk_mb = free
            left = available_mb()
            if left is not None and left < MEMORY_FLOOR_MB and not self.killed_for:
                self.killed_for = (f"killed by the bench: the machine had {left:,.0f} MB of memory left "
                                   f"(tree at {self.peak:,.0f} MB)")
                _kill_group(self.proc)
            self.done.wait(self.interval)


def _exit_reason(returncode: int, text: str) -> str:
    if returncode < 0:
        name = signal.Signals(-returncode).name if -returncode in signal.valid_signals() else str(-returncode)
        hint = " (out of memory?)" if returncode == -signal.SIGKILL else ""
        return f"killed by {name}{hint}"
    last = [line for line in text.splitlines() if line.strip()][-1:] or [""]
    return f"exit {returncode}: {last[0][:200]}".rstrip(": ")


def _first_to_go() -> None:
    """In the step's process, before it runs: if the machine runs out of memory, the kernel
    kills the step (and its children, who inherit this), not the bench. Pagefind over
    Hugo's 100,000-article site grew past 21 GB faster than the sampler could stop it, and
    the kernel took the bench itself (2026-12-07)."""
    try:
        with open("/proc/self/oom_score_adj", "w", encoding="ascii") as handle:
            handle.write("1000")
    except OSError:
        pass


def run(label: str, cmd: list[str], *, cwd: Path | None = None, env: dict | None = None,
        timeout: float = 3600, log: Path | None = None, sample: float = 0.25) -> Measurement:
    """Run `cmd` in a process group of its own (so a kill takes its workers too),
    wait for it with wait4, and measure it."""
    out_path = log or Path(os.devnull)
    if log:
        log.parent.mkdir(parents=True, exist_ok=True)
    os.sync()
    try:
        with open(out_path, "w", encoding="utf-8") as out:
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, start_new_session=True, preexec_fn=_first_to_go)
            sampler = _Sampler(proc, sample, cwd or Path.cwd())
            sampler.start()
            deadline, timed_out = start + timeout, False
            try:
                while True:
                    pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                    if pid:
                        break
                    if time.perf_counter() > deadline:
                        timed_out = True
                        _kill_group(proc)
                        pid, status, usage = os.wait4(proc.pid, 0)
                        break
                    time.sleep(0.01)
            except BaseException:  # Ctrl-C of the bench: its own session would outlive it
                _kill_group(proc)
                raise
            finally:
                sampler.done.set()
                sampler.join()
            seconds = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
    except OSError as exc:
        return Measurement(label, False, detail=f"could not run {cmd[0]}: {exc}")
    text = Path(log).read_text(encoding="utf-8", errors="replace") if log else ""
    peak_rss = usage.ru_maxrss / 1024  # KiB on Linux
    if proc.returncode != 0:
        reason = sampler.killed_for or (f"killed by the bench after {timeout:.0f} s" if timed_out
                                        else _exit_reason(proc.returncode, text))
        least = sampler.least_disk_mb
        if least is not None and least < DISK_FLOOR_MB:
            reason += f" (the disk was full: {least:,.0f} MB free at the lowest)"
        return Measurement(label, False, seconds, peak_rss, sampler.peak or None, detail=reason, stdout=text)
    return Measurement(label, True, seconds, peak_rss, sampler.peak or None, stdout=text)


def version_of(cmd: list[str]) -> str:
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unavailable ({exc.__class__.__name__})"
    line = (result.stdout.strip() or result.stderr.strip()).splitlines()
    return line[-1].strip() if line else "unknown"
