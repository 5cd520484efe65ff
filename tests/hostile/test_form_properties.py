"""Property tests of the HTML and export readers through the importer: any bytes
in a .html, .jsonl or .csv seed give records or one clear line per bad part."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khotin.loader.importer import import_seeds
from khotin.records import read_record

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

FRAGMENTS = st.sampled_from([
    "<html>", "</html>", "<body>", "</body>", "<article>", "<p>", "</p>", "<h1>", "</h1>", "<script>",
    "<meta property=\"article:published_time\" content=\"2020-13-45\">", "<link rel=\"canonical\" href=\"javascript:x\">",
    "Công an quận Đống Đa tuần tra bảo đảm an ninh trật tự dịp Tết", "Sáng 24/3, lực lượng công an phường đã ra quân.",
    "\ufeff", "\x00", "\u202e", "&amp;", "&#0;", "<!--", "-->", '"', ",", "\n", "\r\n", "{", "}", "[", "]",
])
texts = st.lists(FRAGMENTS | st.text(max_size=40), max_size=60).map("".join)
json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                           max_leaves=8)
rows = st.dictionaries(st.sampled_from(["title", "headline", "content", "body", "date", "url", "author", "tags",
                                        "slug", "review", "x", "Title ", "summary", "publisher"]) | st.text(max_size=6),
                       json_values | FRAGMENTS | texts, max_size=7)


def _check(seeds: Path) -> None:
    content = seeds.parent / "content"
    lines: list[str] = []
    report = import_seeds(seeds, content, jobs=1, progress=False, say=lines.append)
    for line in report.failures:
        assert line.startswith(str(seeds)) and "\n" not in line and line.split(": ", 1)[1].strip(), line
    for path in content.glob("*.md"):
        record = read_record(path)  # every record written parses back
        assert record.title.strip()
    again = import_seeds(seeds, content, jobs=1, progress=False, say=lambda line: None)
    assert again.written == ()  # byte-stable


@SETTINGS
@given(texts)
def test_any_html_page_gives_a_record_or_one_line(page):
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        seeds.mkdir()
        (seeds / "trang.html").write_bytes(page.encode("utf-8", "surrogatepass"))
        _check(seeds)


@SETTINGS
@given(st.lists(rows | json_values, max_size=6), st.lists(texts, max_size=3))
def test_any_jsonl_export_gives_records_or_one_line_per_row(objects, junk):
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        seeds.mkdir()
        lines = [json.dumps(o) for o in objects] + junk
        (seeds / "crawl.jsonl").write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))
        _check(seeds)


@SETTINGS
@given(st.lists(st.lists(texts, max_size=5), max_size=6))
def test_any_csv_export_gives_records_or_one_line_per_row(table):
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        seeds.mkdir()
        text = "title,content,date,url\n" + "\n".join(",".join(row) for row in table)
        (seeds / "crawl.csv").write_bytes(text.encode("utf-8", "surrogatepass"))
        _check(seeds)
