"""The benchmark corpus must be reproducible (ratios are compared run to run)
and must be pages the real loader reads correctly, or the import timing is of
a loader failing fast."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from khotin.records import read_record

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture(scope="module")
def gen():
    spec = importlib.util.spec_from_file_location("bench_generate", BENCH / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_same_seed_gives_same_bytes_and_another_seed_does_not(gen, tmp_path):
    first = gen.generate(12, tmp_path / "a", seed=3)
    second = gen.generate(12, tmp_path / "b", seed=3)
    other = gen.generate(12, tmp_path / "c", seed=4)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert [p.read_bytes() for p in first] != [p.read_bytes() for p in other]


def test_corpus_has_realistic_shape(gen):
    corpus = gen.load_corpus()
    pages = [gen.build_page(i, 8, corpus) for i in range(300)]
    sizes = [len(p.text.encode("utf-8")) for p in pages]
    assert 3_500 <= sum(sizes) / len(sizes) <= 7_000  # ≈5 KB: 10,000 pages ≈ 50 MB
    assert 55 <= len(corpus.districts) <= 65
    assert len({p.district for p in pages}) >= 50
    years = {int(p.date[:4]) for p in pages}
    assert min(years) == 2010 and max(years) == 2024
    formats = {
        r"Ngày đăng \d\d/\d\d/\d{4} \| \d\d:\d\d", r"\(\d\d:\d\d \d\d/\d\d/\d{4}\)",
        r"Thứ [A-ZĐ]\w+, \d\d/\d\d/\d{4} \d\d:\d\d", r"Thứ [a-zđ]\w*, \d{1,2}/\d{1,2}/\d{4}, \d\d:\d\d \(GMT\+7\)",
        r"^\d\d/\d\d/\d{4} \d\d:\d\d GMT\+7$", r"Cập nhật: \d\d/\d\d/\d{4}", r"\d{4}-\d\d-\d\dT\d\d:\d\d:00\+07:00",
    }
    for pattern in formats:
        assert any(re.search(pattern, p.text, re.M) for p in pages), pattern
    for page in pages:
        assert page.district.unit.lower() in page.text.lower() and page.district.province in page.text
        # The prose comes from the seeds, not from the generator's code.
        assert any(paragraph[:60] in page.text for paragraph in _retargeted(page, corpus))

def _retargeted(page, corpus):
    mod = sys.modules["bench_generate"]
    return [mod.retarget(p, page.district, corpus) for p in corpus.paragraphs]


def test_real_loader_reads_title_and_date(gen, tmp_path):
    from khotin.loader.importer import import_seeds

    corpus = gen.load_corpus()
    pages = [gen.build_page(i, 8, corpus) for i in range(40)]
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for i, page in enumerate(pages):
        (seeds / f"bench_{i:06d}.txt").write_text(page.text, encoding="utf-8")
    report = import_seeds(seeds, tmp_path / "content", jobs=1, cache_dir=tmp_path / "cache", say=lambda _: None)
    assert report.ok, report.failures
    records = {r.seed: r for r in map(read_record, sorted((tmp_path / "content").glob("*.md")))}
    assert len(records) == len(pages)
    for i, page in enumerate(pages):
        record = records[f"bench_{i:06d}.txt"]
        assert record.title == page.title
        assert record.date == page.date
