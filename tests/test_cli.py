"""The CLI through its real entry point (`python -m khotin`)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def khotin(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "khotin", *args], cwd=cwd, capture_output=True, text=True, timeout=300,
    )


def test_import_reports_bad_files_and_exits_1(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "empty.txt").write_bytes(b"")
    result = khotin("import", "--seeds", str(seeds), "--content", str(tmp_path / "out"), "--jobs", "1",
                    cwd=tmp_path)
    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines() if "empty.txt" in line] == [
        f"{seeds / 'empty.txt'}: empty file"
    ]
    assert len(list((tmp_path / "out").glob("*.md"))) == len(list(SEEDS.iterdir()))
    assert "Traceback" not in result.stderr


def test_import_of_good_seeds_exits_0_and_says_what_it_did(tmp_path: Path) -> None:
    result = khotin("import", "--seeds", str(SEEDS), "--content", str(tmp_path / "c"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"imported {len(list(SEEDS.iterdir()))} written" in result.stdout


def test_missing_seeds_folder_is_one_line(tmp_path: Path) -> None:
    result = khotin("import", "--seeds", str(tmp_path / "nope"), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "nope" in result.stderr


def test_publish_needs_exactly_one_target(tmp_path: Path) -> None:
    result = khotin("publish", "--site", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 1 and "--git" in result.stderr
