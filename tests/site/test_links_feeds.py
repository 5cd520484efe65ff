"""The whole site read like a browser, a crawler and a feed reader would."""

from __future__ import annotations

import json
import shutil

import feedparser
import pytest

from tests.site.fixtures import XSS, write_content
from tests.site.sitecheck import broken_links, html_files, page_path, parse, resolve


@pytest.mark.parametrize("base_url, base_path", [
    ("http://localhost:8000/", "/"),
    ("https://example.org/kho/", "/kho/"),
    ("/lưu/kho", "/lưu/kho/"),
])
def test_every_internal_link_and_asset_resolves(workspace, base_url, base_path):
    write_content(workspace.content, (XSS,))
    workspace.build(base_url=base_url)
    assert broken_links(workspace.out, base_path) == []
    home = parse((workspace.out / "index.html").read_text(encoding="utf-8"))
    assert f"{base_path}static/khotin.css" in home.targets


def test_feeds_parse_cleanly_and_point_at_real_pages(workspace):
    workspace.build(base_url="https://example.org/kho/")
    feeds = sorted(workspace.out.rglob("feed.xml"))
    assert workspace.out / "feed.xml" in feeds
    assert workspace.out / "the" / "phong-trao" / "feed.xml" in feeds
    assert workspace.out / "quan-huyen" / "ba-dinh" / "feed.xml" in feeds
    for feed_file in feeds:
        parsed = feedparser.parse(feed_file.read_bytes())
        assert parsed.bozo == 0, (feed_file, parsed.get("bozo_exception"))
        assert parsed.entries, feed_file
        for entry in parsed.entries:
            path = entry.link.removeprefix("https://example.org")
            assert resolve(workspace.out, "/kho/", path).is_file()
    site = feedparser.parse((workspace.out / "feed.xml").read_bytes())
    assert len(site.entries) == 4
    # `updated` is the newest record's date, never the build's clock
    assert site.feed.updated.startswith("2021-02-01T07:15:00")
    assert site.entries[0].title == "Ba Đình: ra quân tuần tra dịp Tết"


@pytest.mark.parametrize("setting, site_full, tag_full", [
    (None, True, False), ("all", True, True), ("none", False, False),
])
def test_feed_full_text_setting(workspace, setting, site_full, tag_full):
    if setting is not None:
        with workspace.config.open("a", encoding="utf-8") as handle:
            handle.write(f'feed_full_text = "{setting}"\n')
    workspace.build()
    for feed_file, full in ((workspace.out / "feed.xml", site_full),
                            (workspace.out / "quan-huyen" / "ba-dinh" / "feed.xml", tag_full),
                            (workspace.out / "the" / "phong-trao" / "feed.xml", tag_full)):
        entries = feedparser.parse(feed_file.read_bytes()).entries
        assert entries and all(entry.summary for entry in entries), feed_file
        assert all(("content" in entry and "<p>" in entry.content[0].value) == full for entry in entries), \
            feed_file


def test_sitemap_lists_every_page(workspace):
    workspace.build(base_url="https://example.org/kho/")
    sitemap = (workspace.out / "sitemap.xml").read_text(encoding="utf-8")
    from xml.etree import ElementTree as ET

    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = {loc.text for loc in ET.fromstring(sitemap).findall("s:url/s:loc", namespace)}
    pages = {f"https://example.org/kho/{page_path(workspace.out, f)}" for f in html_files(workspace.out)
             if f.name != "404.html"}
    assert listed == pages
    robots = (workspace.out / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://example.org/kho/sitemap.xml" in robots


def test_article_page_for_readers(workspace):
    workspace.build()
    html = (workspace.out / "bai" / "ba-dinh-tong-ket" / "index.html").read_text(encoding="utf-8")
    page = parse(html)
    text = " ".join("".join(page.text).split())
    assert '<html lang="vi">' in html
    assert "Thứ Ba, 29/12/2020, 19:00" in text
    assert "An ninh cơ sở" in text and "Minh Anh" in text
    assert "kiểm tra lại số liệu" not in html  # review notes are for editors only
    assert "/quan-huyen/ba-dinh/" in page.targets and "/the/phong-trao/" in page.targets
    assert "/bai/dong-da-to-lien-gia/" in page.targets  # older neighbour by date
    assert "/bai/ba-dinh-tuan-tra-tet/" in page.targets  # newer neighbour, also related
    ld_start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    data = json.loads(html[ld_start: html.index("</script>", ld_start)])
    assert data["@type"] == "NewsArticle" and data["datePublished"].startswith("2020-12-29T19:00")
    title = "Quận Ba Đình tổng kết phong trào Toàn dân bảo vệ an ninh Tổ quốc"
    assert f'<meta property="og:title" content="{title} — Kho thử">' in html
    assert 'property="og:type" content="article"' in html
    assert 'href="#noi-dung"' in html and 'id="noi-dung"' in html


def test_home_charts_link_years_and_districts(workspace):
    workspace.build()
    home = parse((workspace.out / "index.html").read_text(encoding="utf-8"))
    for year in ("2019", "2020", "2021"):
        assert f"/luu-tru/{year}/" in home.targets
    for district in ("ba-dinh", "dong-da", "le-chan"):
        assert f"/quan-huyen/{district}/" in home.targets
    assert not [s for s in home.scripts if s != "application/ld+json"]


def test_listings_are_paginated_and_sorted(workspace):
    workspace.build()
    first = parse((workspace.out / "the" / "phong-trao" / "index.html").read_text(encoding="utf-8"))
    second = parse((workspace.out / "the" / "phong-trao" / "trang" / "2" / "index.html").read_text(encoding="utf-8"))
    assert "/the/phong-trao/trang/2/" in first.targets
    firsts = [t for t in first.targets if t.startswith("/bai/")]
    assert firsts.index("/bai/ba-dinh-tuan-tra-tet/") < firsts.index("/bai/ba-dinh-tong-ket/")
    assert "/bai/dong-da-to-lien-gia/" in second.targets
    index = (workspace.out / "the" / "index.html").read_text(encoding="utf-8")
    shelved = [t for t in parse(index.split('id="a-z"')[0]).targets if t.startswith("/the/") and t != "/the/"]
    assert shelved[0] == "/the/phong-trao/"  # most shared first
    order = [t for t in parse(index.split('id="a-z"')[1]).targets if t.startswith("/the/")]
    assert order == ["/the/mo-hinh/", "/the/phong-trao/", "/the/toi-pham/", "/the/tong-ket/"]
    assert (workspace.out / "luu-tru" / "2020" / "05" / "index.html").is_file()
    assert (workspace.out / "tinh" / "hai-phong" / "index.html").is_file()


def test_search_link_appears_only_with_a_search_template(workspace, tmp_path):
    from tests.site.fixtures import copy_templates

    templates = copy_templates(tmp_path / "templates")
    (templates / "search.html").unlink(missing_ok=True)
    workspace.build(templates=templates)
    assert "/search/" not in parse((workspace.out / "index.html").read_text(encoding="utf-8")).targets
    assert not (workspace.out / "search").exists()
    (templates / "search.html").write_text('{% extends "base.html" %}{% block main %}{% endblock %}', encoding="utf-8")
    workspace.build(templates=templates)
    assert "/search/" in parse((workspace.out / "index.html").read_text(encoding="utf-8")).targets
    assert (workspace.out / "search" / "index.html").is_file()


def _json_ld(html: str) -> dict:
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    return json.loads(html[start: html.index("</script>", start)])


def test_a_records_url_is_linked_as_the_original_and_named_in_json_ld(workspace):
    from tests.site.fixtures import RECORDS

    linked = RECORDS[0].with_changes(url="https://hanoimoi.vn/bai-goc-123.html")
    hostile = RECORDS[1].with_changes(url="javascript:alert(1)")
    write_content(workspace.content, (linked, hostile, *RECORDS[2:]))
    workspace.build(base_url="https://example.org/kho/")
    html = (workspace.out / "bai" / linked.slug / "index.html").read_text(encoding="utf-8")
    page = parse(html)
    assert "https://hanoimoi.vn/bai-goc-123.html" in page.targets
    assert 'rel="nofollow noopener">Xem bài gốc</a>' in html
    data = _json_ld(html)
    assert data["isBasedOn"] == "https://hanoimoi.vn/bai-goc-123.html"
    assert data["url"] == f"https://example.org/kho/bai/{linked.slug}/"  # the archive page stays canonical
    other = (workspace.out / "bai" / hostile.slug / "index.html").read_text(encoding="utf-8")
    assert "Xem bài gốc" not in other and "javascript:" not in other
    assert "isBasedOn" not in _json_ld(other)


def test_favicon_at_the_root_and_linked_from_every_page(workspace):
    workspace.build(base_url="https://example.org/kho/")
    ico = (workspace.out / "favicon.ico").read_bytes()
    assert ico[:4] == b"\x00\x00\x01\x00", "favicon.ico is not an icon file"
    assert (workspace.out / "static" / "favicon.svg").read_text(encoding="utf-8").startswith("<svg")
    for page in workspace.out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert '<link rel="icon" href="/kho/favicon.ico"' in html, page
        assert '<link rel="icon" href="/kho/static/favicon.svg" type="image/svg+xml">' in html, page


def test_a_root_file_never_replaces_a_page_the_site_makes(workspace, tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(workspace.templates, templates)
    (templates / "root" / "robots.txt").write_text("User-agent: *\nDisallow: /\n", encoding="utf-8")
    workspace.build(templates=templates)
    assert "Disallow" not in (workspace.out / "robots.txt").read_text(encoding="utf-8")
    assert (workspace.out / "favicon.ico").is_file()
