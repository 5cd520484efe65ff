"""Start khotin paused at a known point (see pausehook/sitecustomize.py), so a kill lands mid-work."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from sitekit import REPO, khotin_env

HOOK = Path(__file__).resolve().parent / "pausehook"


def start_paused(*args: str | Path, at: str, marker: Path, timeout: float = 300) -> subprocess.Popen[str]:
    """`python -m khotin ARGS`, blocked forever at the `at` call ("module:attr:N"); returns
    once it is there. Fails if the command ends (or takes `timeout` s) before reaching it."""
    env = khotin_env(KHOTIN_TEST_PAUSE=at, KHOTIN_TEST_PAUSE_MARKER=str(marker))
    env["PYTHONPATH"] = f"{HOOK}:{env.get('PYTHONPATH', '')}".rstrip(":")
    process = subprocess.Popen(
        [sys.executable, "-m", "khotin", *map(str, args)], cwd=REPO, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL, start_new_session=True,
    )
    deadline = time.monotonic() + timeout
    while not marker.exists():
        if process.poll() is not None:
            out, err = process.communicate()
            raise AssertionError(f"khotin ended (exit {process.returncode}) before reaching {at}\n{err[-3000:]}")
        if time.monotonic() > deadline:
            raise AssertionError(f"khotin did not reach {at} within {timeout} s")
        time.sleep(0.01)
    return process
