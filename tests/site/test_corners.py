"""Corners of the site no seed reaches: long listings with gaps in the pager, an empty archive,
an archive where no record has a date."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import feedparser
import pytest

from khotin.records import Record
from khotin.site.urls import pager_numbers
from tests.site.fixtures import write_content
from tests.site.sitecheck import broken_links, parse


@pytest.mark.parametrize(("number", "count", "shown"), [
    (1, 1, [1]),
    (3, 7, [1, 2, 3, 4, 5, 6, 7]),           # few pages: all of them
    (1, 20, [1, 2, 3, None, 19, 20]),
    (10, 20, [1, 2, None, 8, 9, 10, 11, 12, None, 19, 20]),
    (4, 20, [1, 2, 3, 4, 5, 6, None, 19, 20]),   # a gap of one page shows that page, not "…"
    (5, 20, [1, 2, 3, 4, 5, 6, 7, None, 19, 20]),
    (6, 20, [1, 2, 3, 4, 5, 6, 7, 8, None, 19, 20]),
    (7, 20, [1, 2, None, 5, 6, 7, 8, 9, None, 19, 20]),
    (20, 20, [1, 2, None, 18, 19, 20]),
])
def test_pager_numbers_show_both_ends_a_span_and_gaps(number, count, shown):
    assert pager_numbers(number, count) == shown


def _records(count: int, dated: bool = True) -> list[Record]:
    return [Record(title=f"Bài số {n:02d} về phong trào an ninh", slug=f"bai-{n:02d}",
                   date=f"2020-{1 + n % 12:02d}-{1 + n % 28:02d}" if dated else None,
                   body=f"Nội dung bài {n}.", districts=("Ba Đình",), provinces=("Hà Nội",),
                   district_codes=("001",), tags=("phong trào",)) for n in range(count)]


def _pager(html: str) -> tuple[list[str], str | None]:
    """The pager's items in order ("…" for a gap) and the current page's number."""
    nav = re.search(r'<nav class="pagination".*?</nav>', html, re.S)
    assert nav, "no pager"
    items = re.findall(r'<li>(?:<a[^>]*>([^<]*)</a>|<span class="pagination-gap">(…)</span>|'
                       r'<span aria-current="page">(\d+)</span>)</li>', nav.group())
    current = [c for _, _, c in items if c]
    return [a or g or c for a, g, c in items], current[0] if current else None


def test_a_long_listing_pages_with_gaps_and_every_link_works(workspace):
    workspace.content.joinpath("ba-dinh-tong-ket.md").unlink()  # only the synthetic records
    write_content(workspace.content, _records(30))
    workspace.build()
    tag = workspace.out / "the" / "phong-trao"
    pages = sorted(tag.glob("trang/*/index.html"), key=lambda p: int(p.parent.name))
    assert [int(p.parent.name) for p in pages] == list(range(2, 17)), "2 per page: 31–33 records, 16 pages"
    middle = (tag / "trang" / "8" / "index.html").read_text(encoding="utf-8")
    items, current = _pager(middle)
    assert current == "8"
    assert items == ["‹ Trang trước", "1", "2", "…", "6", "7", "8", "9", "10", "…", "15", "16", "Trang sau ›"]
    assert "Trang 8/16" in middle
    first_items, _ = _pager((tag / "index.html").read_text(encoding="utf-8"))
    assert first_items[0] == "1" and first_items[-1] == "Trang sau ›"
    last_items, _ = _pager((tag / "trang" / "16" / "index.html").read_text(encoding="utf-8"))
    assert last_items[0] == "‹ Trang trước" and last_items[-1] == "16"
    assert broken_links(workspace.out, "/") == []


def _feeds_and_sitemap_parse(out) -> None:
    for path in out.rglob("*.xml"):
        ET.fromstring(path.read_bytes())
        if path.name == "feed.xml":
            parsed = feedparser.parse(path.read_bytes())
            assert not parsed.bozo, (path, parsed.bozo_exception)


def test_an_empty_archive_builds_a_site_that_says_so(workspace):
    for path in workspace.content.glob("*.md"):
        path.unlink()
    report = workspace.build()
    home = (workspace.out / "index.html").read_text(encoding="utf-8")
    assert "Chưa có bài nào." in home
    assert "Chưa có bài." in home  # the timeline's description
    feed = feedparser.parse((workspace.out / "feed.xml").read_bytes())
    assert not feed.bozo and feed.entries == []
    _feeds_and_sitemap_parse(workspace.out)
    assert not list(workspace.out.glob("bai/*/index.html"))
    assert broken_links(workspace.out, "/") == []
    assert report.pages >= 1


def test_an_archive_where_no_record_has_a_date(workspace):
    for path in workspace.content.glob("*.md"):
        path.unlink()
    write_content(workspace.content, _records(5, dated=False))
    workspace.build()
    home = (workspace.out / "index.html").read_text(encoding="utf-8")
    assert "/bai/bai-00/" in parse(home).targets and "Chưa có bài." in home  # no year in the timeline
    archive = workspace.out / "luu-tru"
    listed = {target for page in archive.rglob("index.html")
              for target in parse(page.read_text(encoding="utf-8")).targets if target.startswith("/bai/")}
    assert listed == {f"/bai/bai-{n:02d}/" for n in range(5)}, "the archive does not list every record"
    assert not list(archive.glob("[0-9]*")), "an archive year for undated records"
    feed = feedparser.parse((workspace.out / "feed.xml").read_bytes())
    assert not feed.bozo and len(feed.entries) == 5
    assert {entry.updated for entry in feed.entries} == {"1970-01-01T00:00:00+00:00"}
    article = (workspace.out / "bai" / "bai-03" / "index.html").read_text(encoding="utf-8")
    assert "datePublished" not in article
    _feeds_and_sitemap_parse(workspace.out)
    assert broken_links(workspace.out, "/") == []
