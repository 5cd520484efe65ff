"""Bad HTML pages and export rows: one line `file:line: reason` each, the rest
imported, exit status 1, memory flat on a huge export."""

from __future__ import annotations

import json
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from khotin.loader.readers import DocumentFailure, SeedDocument
from khotin.loader.readers import export as export_reader
from khotin.records import read_record
from tests.loader import scraped
from tests.loader.scraped import ARTICLES

GOOD_ROW = json.dumps(scraped.export_row(ARTICLES[0], 0), ensure_ascii=False)


def khotin(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "khotin", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


def _bad_seeds(seeds: Path) -> dict[str, str]:
    """Every kind of bad input beside good ones; → the expected line start per bad one."""
    seeds.mkdir()
    good_html = scraped.epaper(ARTICLES[1])
    (seeds / "tot.html").write_text(good_html, encoding="utf-8")
    cut = good_html[: good_html.index("<p>", good_html.index("content-detail")) + 40]
    (seeds / "cut.html").write_text(cut, encoding="utf-8")
    (seeds / "notes.htm").write_text("Đây chỉ là ghi chú, không phải trang HTML.\nDòng hai.\n", encoding="utf-8")
    (seeds / "dup.html").write_text(scraped.aggregator(ARTICLES[1]), encoding="utf-8")  # tot.html's url
    rows = [GOOD_ROW, '{"title": "Một dòng hỏng", "content": "thiếu ngoặc"',
            json.dumps(scraped.export_row(ARTICLES[2], 2), ensure_ascii=False),
            "[1, 2]", json.dumps({"views": 3, "category": "không có tiêu đề"}), GOOD_ROW]
    (seeds / "crawl.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    csv_text = scraped.csv_export(ARTICLES[3:5]).splitlines()
    header = csv_text[0]
    first_row = "\n".join(csv_text[1:8])  # one article's row spans 7 lines
    second_row = "\n".join(csv_text[8:])
    lines = [header, '"Thiếu cột",https://example.vn/thieu-cot,2020-01-01', first_row,
             '"Trích dẫn hỏng "giữa" ô",https://example.vn/x,2020-01-01,A,B,C,D,E', second_row]
    (seeds / "crawl.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {
        "cut.html": f"{seeds / 'cut.html'}:",
        "notes.htm": f"{seeds / 'notes.htm'}: not an HTML page",
        "tot.html": f"{seeds / 'tot.html'}: duplicate of dup.html",  # seeds are read in name order
        "jsonl:2": f"{seeds / 'crawl.jsonl'}:2: JSON does not parse",
        "jsonl:4": f"{seeds / 'crawl.jsonl'}:4: a row must be a JSON object",
        "jsonl:5": f"{seeds / 'crawl.jsonl'}:5: row has neither a title nor content",
        "jsonl:6": f"{seeds / 'crawl.jsonl'}:6: duplicate of crawl.jsonl:1",
        "csv:2": f"{seeds / 'crawl.csv'}:2: CSV row has 3 field(s), the header 8",
        "csv:10": f"{seeds / 'crawl.csv'}:10: broken quote in CSV row",
    }


def test_bad_pages_and_rows_are_one_line_each_and_the_rest_is_imported(tmp_path):
    seeds = tmp_path / "seeds"
    expected = _bad_seeds(seeds)
    result = khotin("import", "--seeds", str(seeds), "--content", str(tmp_path / "c"), "--jobs", "1", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith(str(seeds))]
    assert len(errors) == len(expected), result.stderr
    for start in expected.values():
        assert sum(line.startswith(start) for line in errors) == 1, (start, errors)
    assert "cut off" in next(line for line in errors if "cut.html" in line)
    seeds_in = sorted(read_record(p).seed for p in (tmp_path / "c").glob("*.md"))
    assert seeds_in == ["crawl.csv:11", "crawl.csv:3", "crawl.jsonl:1", "crawl.jsonl:3", "dup.html"]
    assert not [p for p in (tmp_path / "c").iterdir() if not p.name.endswith(".md")]  # nothing half-written


def test_a_quote_that_never_closes_loses_only_its_own_row(tmp_path):
    header, *rows = scraped.csv_export(ARTICLES[:2]).splitlines()
    broken = ['"Tiêu đề mở ngoặc mà không đóng,https://example.vn/mo,2020-01-01,A,B,C,D,E']
    path = tmp_path / "x.csv"
    path.write_text("\n".join([header, *broken, *rows]) + "\n", encoding="utf-8")
    items = list(export_reader.read_rows(path))
    failures = [i for i in items if isinstance(i, DocumentFailure)]
    docs = [i for i in items if isinstance(i, SeedDocument)]
    assert [f.name for f in failures] == ["x.csv:2"]
    assert [d.given.title for d in docs] == [a.title for a in ARTICLES[:2]]


def test_a_row_longer_than_the_limit_is_skipped_unread(tmp_path, monkeypatch):
    monkeypatch.setattr(export_reader, "MAX_ROW_BYTES", 4000)
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"title": "x" * 9000}) + "\n" + GOOD_ROW + "\n", encoding="utf-8")
    items = list(export_reader.read_rows(path))
    assert isinstance(items[0], DocumentFailure) and items[0].name == "x.jsonl:1"
    assert "longer than" in items[0].reason
    assert isinstance(items[1], SeedDocument) and items[1].name == "x.jsonl:2"


def _write_big_jsonl(path: Path, megabytes: int) -> int:
    """Realistic rows (~6 KB each) until the file reaches `megabytes`."""
    rows = 0
    with open(path, "w", encoding="utf-8") as handle:
        while handle.tell() < megabytes << 20:
            article = ARTICLES[rows % len(ARTICLES)]
            row = scraped.export_row(article, rows) | {"url": f"{article.url}?n={rows}"}
            row["content"] = (row.get("content") or row.get("body")) * 6
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            rows += 1
    return rows


def test_the_export_reader_streams(tmp_path):
    """Reading a 24 MB export holds one row at a time, not the file."""
    path = tmp_path / "big.jsonl"
    rows = _write_big_jsonl(path, 24)
    tracemalloc.start()
    try:
        count = sum(1 for item in export_reader.read_rows(path) if isinstance(item, SeedDocument))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == rows
    assert peak < 2 << 20, f"peak {peak / 1e6:.1f} MB while reading a 24 MB export"


_PEAK_RSS = """
import resource, sys
from pathlib import Path
from khotin.loader.importer import import_seeds
report = import_seeds(Path(sys.argv[1]), Path(sys.argv[2]), jobs=2, progress=False, say=lambda line: None)
print(len(report.written), len(report.failures), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


@pytest.mark.slow
def test_a_200_mb_export_is_imported_with_flat_memory(tmp_path):
    """Memory grows with what the records hold (like text seeds), not with the file:
    200 MB of JSONL whose rows are mostly unparseable adds nothing over its good rows."""
    good = tmp_path / "good"
    good.mkdir()
    (good / "crawl.jsonl").write_text("\n".join(
        json.dumps(scraped.export_row(a, n) | {"url": f"{a.url}?n={n}"}, ensure_ascii=False)
        for n, a in enumerate(ARTICLES * 40)) + "\n", encoding="utf-8")
    big = tmp_path / "big"
    big.mkdir()
    broken = ('{"title": "Dòng hỏng", "content": "' + "Nội dung bị cắt giữa chừng. " * 3000 + "\n").encode()
    with open(big / "crawl.jsonl", "wb") as handle:
        handle.write((good / "crawl.jsonl").read_bytes())
        while handle.tell() < 200 << 20:
            handle.write(broken)
    runs = {}
    for name, seeds in (("good", good), ("big", big)):
        result = subprocess.run([sys.executable, "-c", _PEAK_RSS, str(seeds), str(tmp_path / f"c-{name}")],
                                capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, result.stderr
        runs[name] = [int(x) for x in result.stdout.split()]
    assert runs["big"][0] == runs["good"][0] == len(ARTICLES) * 40
    assert runs["big"][1] > 1000
    # ru_maxrss is in KiB: the 200 MB file may cost at most 40 MB more than its good rows
    assert runs["big"][2] - runs["good"][2] < 40 * 1024, runs
