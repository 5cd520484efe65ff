"""What every bench step shares: how khotin is started, how an output folder is
cleared without slowing the next step, and how a step is printed."""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

from measure import Measurement, run

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BASE_URL = "http://localhost/"
TRASH = ".bench-trash"


def khotin_command() -> list[str]:
    script = Path(sys.executable).with_name("khotin")
    return [str(script)] if script.exists() else [sys.executable, "-m", "khotin"]


def fresh(*paths: Path) -> None:
    """Clear the way for a step by moving old trees aside; `empty_trash` deletes them once every step is timed.

    Deleting here would slow the next step: this machine's ext4 has no journal, and
    for minutes after tens of thousands of files are deleted it skips their inodes
    one by one on every new file (`recently_deleted` in a `perf` profile: 17,000
    folders with a file each took 0.8 s to make on a quiet disk and 6–18 s after
    such a delete). Which tool ran after the deletes decided its time."""
    for path in paths:
        if path.exists() or path.is_symlink():
            trash = path.parent / TRASH
            trash.mkdir(exist_ok=True)
            os.rename(path, trash / f"{path.name}-{time.monotonic_ns()}")


def fresh_khotin_site(out: Path) -> None:
    """An empty output folder and no cache: no site, no build state beside it, no kept previous tree."""
    fresh(out, out.parent / ".khotin-cache", out.parent / f".{out.name}.previous")


def empty_trash(work: Path) -> None:
    shutil.rmtree(work / TRASH, ignore_errors=True)


def say(step: Measurement) -> Measurement:
    if step.ok:
        status = f"{step.seconds:8.2f} s"
    else:
        peak = f", peak {step.peak_tree_mb:,.0f} MB" if step.peak_tree_mb else ""
        status = f"FAILED {step.detail}{peak}"
    print(f"  {step.label:<50} {status}", flush=True)
    return step


def html_count(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html")) if site.is_dir() else 0


def has_search_index(site: Path) -> bool:
    """Whether khotin's build wrote its search index (search-index/terms.json)."""
    return (site / "search-index" / "terms.json").is_file()


def khotin_build(work: Path, content: Path, out: Path, label: str, log: str,
                 config: Path | None = None) -> Measurement:
    extra = ["--config", str(config)] if config else []
    return run(label, [*khotin_command(), "build", "--content", str(content), "--templates",
                       str(ROOT / "templates"), "--out", str(out), "--base-url", BASE_URL, *extra],
               cwd=work, log=work / "logs" / log)


def no_search_config(work: Path) -> Path:
    """A khotin.toml with `search = false`: the build Hugo's own build compares with."""
    path = work / "khotin-no-search.toml"
    path.write_text("search = false\n", encoding="utf-8")
    return path
