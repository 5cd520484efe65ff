"""The eval sample must be what eval/make_corpus.py makes from the committed extract, and every
truth line must point at text that is really on its page; otherwise accuracy figures measured on
the sample mean nothing."""
from __future__ import annotations

import gzip
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
        assert all(n.strip().lower() in page for n in re.split(r",|;| - ", t["author"])), t["file"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}\+07:00)?", t["date"]), t["file"]


CORPUS = ROOT / "eval" / "corpus"
ARTICLES = ROOT / "eval" / "articles.jsonl.gz"


def _article_lines() -> set[str]:
    with gzip.open(ARTICLES, "rt", encoding="utf-8") as fh:
        articles = [json.loads(line) for line in fh if line.strip()]
    return {text.strip() for a in articles for text in [a["title"], a["sapo"], *a["paragraphs"]] if text.strip()}


def _chrome_lines(page: str, truth: dict, article_text: set[str]) -> set[str]:
    """Lines that are neither the article's text, nor a caption, nor its byline, nor its dateline,
    masked the way a learner of chrome would see them (numbers and spacing do not count)."""
    d = truth["date"]
    year, month, day = d[:4], int(d[5:7]), int(d[8:10])
    names = [n.strip().casefold() for n in re.split(r",|;| - ", truth["author"]) if n.strip()]
    out = set()
    for line in page.split("\n"):
        text = line.strip()
        if not text or text in article_text or "Ảnh:" in text or any(n in text.casefold() for n in names):
            continue
        if year in text and re.search(rf"\b0?{day}\b", text) and re.search(rf"\b0?{month}\b", text):
            continue
        out.add(re.sub(r"\s+", " ", re.sub(r"\d+", "#", text)).casefold())
    return out


def test_heldout_pages_share_no_chrome_line_with_tune_pages():
    """A rule learned from tune pages must not pass on held-out pages by matching their chrome."""
    base = CORPUS if (CORPUS / "truth.jsonl").exists() else SAMPLE
    truths = [json.loads(line) for line in (base / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    article_text = _article_lines()
    chrome: dict[str, set[str]] = {"tune": set(), "heldout": set()}
    for t in truths:
        chrome[t["split"]] |= _chrome_lines((base / t["file"]).read_text(encoding="utf-8"), t, article_text)
    assert chrome["tune"] and chrome["heldout"]
    shared = chrome["tune"] & chrome["heldout"]
    assert not shared, f"{len(shared)} chrome lines shared across the split: {sorted(shared)[:10]}"
