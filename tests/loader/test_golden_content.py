"""A fresh import of seeds/ gives exactly tests/golden/content/, the records the golden site is
built from. After an intended change of the loader, regenerate both and read the diff:

    KHOTIN_REGOLD=seeds .venv/bin/pytest tests/site/test_golden.py
"""

from __future__ import annotations

import difflib
from pathlib import Path

from khotin.loader.importer import import_seeds

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden" / "content"


def test_a_fresh_import_of_the_seeds_is_the_golden_content(tmp_path):
    report = import_seeds(REPO / "seeds", tmp_path, jobs=1, progress=False, say=lambda line: None)
    assert report.ok, report.failures
    fresh = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.glob("*.md")}
    golden = {p.name: p.read_text(encoding="utf-8") for p in GOLDEN.glob("*.md")}
    assert sorted(fresh) == sorted(golden), "records added or missing"
    for name in sorted(golden):
        diff = "".join(difflib.unified_diff(golden[name].splitlines(True), fresh[name].splitlines(True),
                                            f"golden/{name}", f"fresh/{name}", n=1))
        assert not diff, diff
