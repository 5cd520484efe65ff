"""The eval sample must be what eval/make_corpus.py makes from the committed extract, and every
truth line must point at text that is really on its page; otherwise accuracy figures measured on
the sample mean nothing."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "eval_sample"


def _files(base: Path) -> dict[str, bytes]:
    return {str(p.relative_to(base)): p.read_bytes() for p in sorted(base.rglob("*")) if p.is_file()}


def test_sample_rebuilds_byte_for_byte_from_committed_articles(tmp_path):
    out = tmp_path / "sample"
    subprocess.run(
        [sys.executable, str(ROOT / "eval" / "make_corpus.py"), "--from-articles", "--sample", "--out", str(out)],
        check=True, capture_output=True,
    )
    rebuilt, committed = _files(out), _files(SAMPLE)
    assert rebuilt.keys() == committed.keys()
    changed = [name for name in rebuilt if rebuilt[name] != committed[name]]
    assert not changed, f"sample drifted from make_corpus.py output: {changed[:5]}"


def test_truth_lines_point_at_text_on_the_page():
    truths = [json.loads(line) for line in (SAMPLE / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {t["split"] for t in truths} == {"tune", "heldout"}
    assert len({t["portal"] for t in truths}) >= 5
    for t in truths:
        lines = (SAMPLE / t["file"]).read_text(encoding="utf-8").split("\n")
        assert t["title"] in lines, t["file"]
        assert t["first_paragraph"] in lines and t["last_paragraph"] in lines, t["file"]
        page = "\n".join(lines).lower()
        assert all(n.strip().lower() in page for n in re.split(r",| - ", t["author"])), t["file"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}\+07:00)?", t["date"]), t["file"]
