"""Importing what scrapers save: HTML pages in four portal styles and JSON Lines /
CSV exports (tests/loader/scraped.py), through the real importer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from khotin.loader.importer import import_seeds
from khotin.records import parse_record, read_record
from tests.loader import scraped
from tests.loader.scraped import ARTICLES, PORTALS

CHROME = ("Trang chủ", "Ý kiến bạn đọc", "Gửi bình luận", "Bạn đọc", "Tin liên quan", "Các tin khác",
          "Giấy phép số", "Pháp luật", "Hà Nội mở rộng mô hình tổ tự quản", "Cảnh báo thủ đoạn lừa đảo mới",
          "Mô hình rất hay", "Từ khóa")


def run_import(seeds: Path, content: Path):
    lines: list[str] = []
    report = import_seeds(seeds, content, jobs=1, progress=False, say=lines.append)
    return report, lines


def records(content: Path):
    return {r.seed: r for r in map(read_record, sorted(content.glob("*.md")))}


@pytest.fixture(scope="module")
def html_import(tmp_path_factory):
    root = tmp_path_factory.mktemp("html")
    seeds = root / "seeds"
    seeds.mkdir()
    for style, render in PORTALS.items():
        (seeds / style).mkdir()
        for n, article in enumerate(ARTICLES):
            (seeds / style / f"bai_{n}.html").write_text(render(article), encoding="utf-8")
    out = {}
    for style in PORTALS:
        report, lines = run_import(seeds / style, root / style)
        assert report.ok, lines
        out[style] = records(root / style)
    return out


@pytest.mark.parametrize("style", sorted(PORTALS))
def test_portal_pages_give_the_articles_own_fields(html_import, style):
    got = html_import[style]
    assert len(got) == len(ARTICLES)
    for n, article in enumerate(ARTICLES):
        record = got[f"bai_{n}.html"]
        assert record.title == article.title
        assert record.date == article.date
        assert record.author == article.author
        assert record.url == article.url
        assert article.district in record.districts
        paragraphs = record.body.split("\n\n")
        for paragraph in article.paragraphs:
            assert paragraph in paragraphs
        for chrome in CHROME:
            assert chrome not in record.body, (style, chrome)
        assert article.author not in paragraphs  # the byline is read, not left as a paragraph


def test_source_comes_from_the_site_name_or_the_page_never_from_an_aggregator(html_import):
    for n, article in enumerate(ARTICLES):
        # og:site_name, spelled the outlet's way when known ("Báo Công an nhân dân điện tử" stays as given)
        assert html_import["epaper"][f"bai_{n}.html"].source == article.site_name
        # JSON-LD publisher
        assert html_import["provincial_jsonld"][f"bai_{n}.html"].source == article.site_name
        # no site name: the page's own "Nguồn:" / "Theo …" line, not the domain
        assert html_import["government_portal"][f"bai_{n}.html"].source == article.source
        assert html_import["aggregator"][f"bai_{n}.html"].source == article.source


def test_metadata_date_in_utc_becomes_hanoi_time(html_import):
    record = html_import["aggregator"]["bai_0.html"]
    assert record.date == "2021-03-14T10:20:00+07:00"
    assert not any(note.startswith("date:") for note in record.review)


def test_date_only_metadata_keeps_the_time_the_page_prints(html_import):
    # the government portal states only a day (htmldate reads it from the page); its dateline has the time
    assert html_import["government_portal"]["bai_0.html"].date == "2021-03-14T10:20:00+07:00"


def test_metadata_that_disagrees_with_the_text_wins_with_a_review_note(tmp_path):
    article = ARTICLES[1]
    page = scraped.government_portal(article).replace(
        "<link rel=", '<meta property="article:published_time" content="2019-08-05T07:00:00+07:00"><link rel=')
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "trang.html").write_text(page, encoding="utf-8")
    run_import(seeds, tmp_path / "c")
    record = records(tmp_path / "c")["trang.html"]
    assert record.date == "2019-08-05T07:00:00+07:00"
    assert any(note.startswith("date:") and "2019-08-02T16:45:00+07:00" in note for note in record.review)


# -- exports ---------------------------------------------------------------------------

@pytest.fixture()
def export_seeds(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "crawl.jsonl").write_text(scraped.jsonl_export(ARTICLES[:3]), encoding="utf-8")
    (seeds / "crawl.csv").write_text(scraped.csv_export(ARTICLES[3:]), encoding="utf-8")
    return seeds


def test_each_export_row_is_one_record_named_by_file_and_line(export_seeds, tmp_path):
    report, lines = run_import(export_seeds, tmp_path / "c")
    assert report.ok, lines
    got = records(tmp_path / "c")
    assert sorted(got) == sorted(["crawl.jsonl:1", "crawl.jsonl:2", "crawl.jsonl:3",
                                  # a CSV row with paragraphs spans lines: named by the line it starts on
                                  "crawl.csv:2", "crawl.csv:9", "crawl.csv:16"])
    by_title = {r.title: r for r in got.values()}
    for article in ARTICLES:
        record = by_title[article.title]
        assert (record.date, record.author, record.source, record.url) == (
            article.date, article.author, article.source, article.url)
        assert record.summary == article.sapo
        assert record.body.split("\n\n")[0] == article.sapo  # the sapo, exported apart, opens the body
        assert article.district in record.districts
        assert len(record.tags) <= 8  # khotin's own tags (README: up to 8)


def test_unknown_fields_ride_along_under_their_own_names(export_seeds, tmp_path):
    run_import(export_seeds, tmp_path / "c")
    got = records(tmp_path / "c")
    assert got["crawl.jsonl:1"].extra == {"category": "Pháp luật", "views": 1200}
    assert got["crawl.jsonl:2"].extra == {"category": "An ninh trật tự", "crawled_at": "2024-06-01T00:00:00Z"}
    assert got["crawl.csv:2"].extra == {"category": "An ninh"}


def test_a_field_named_like_khotins_own_key_is_kept_apart(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    row = scraped.export_row(ARTICLES[0], 0) | {"tags": ["camera", "an ninh"], "slug": "bai-cua-toi",
                                                 "export_tags": "đã có"}
    (seeds / "x.jsonl").write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    run_import(seeds, tmp_path / "c")
    [record] = records(tmp_path / "c").values()
    assert record.extra["export_export_tags"] == ["camera", "an ninh"]
    assert record.extra["export_tags"] == "đã có"
    assert record.extra["export_slug"] == "bai-cua-toi"
    assert record.slug != "bai-cua-toi" and "camera" not in record.tags
    assert any("'tags'" in note and "export_export_tags" in note for note in record.review)


def test_a_json_array_export_is_read_element_by_element(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    rows = [scraped.export_row(a, n) for n, a in enumerate(ARTICLES[:2])]
    (seeds / "crawl.json").write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")
    report, lines = run_import(seeds, tmp_path / "c")
    assert report.ok, lines
    got = records(tmp_path / "c")
    assert sorted(got) == ["crawl.json:13", "crawl.json:2"]  # the line each element starts on
    assert got["crawl.json:2"].title == ARTICLES[0].title


def test_row_hash_is_the_rows_canonical_json(export_seeds, tmp_path):
    """Re-saving the export with other spacing or escapes changes no record."""
    content = tmp_path / "c"
    run_import(export_seeds, content)
    before = {p.name: p.read_bytes() for p in content.glob("*.md")}
    before_bytes = (export_seeds / "crawl.jsonl").read_bytes()
    rows = [json.loads(line) for line in (export_seeds / "crawl.jsonl").read_text(encoding="utf-8").splitlines()]
    (export_seeds / "crawl.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=True, separators=(" , ", " : ")) + "\n" for r in rows),
        encoding="utf-8")
    assert (export_seeds / "crawl.jsonl").read_bytes() != before_bytes
    report, _ = run_import(export_seeds, content)
    assert report.written == ()
    assert {p.name: p.read_bytes() for p in content.glob("*.md")} == before


def test_reimport_of_the_same_exports_and_pages_changes_nothing_and_keeps_edits(export_seeds, tmp_path):
    (export_seeds / "trang.html").write_text(scraped.epaper(ARTICLES[5]).replace(ARTICLES[5].url, "https://cand.com.vn/khac"),
                                             encoding="utf-8")
    content = tmp_path / "c"
    run_import(export_seeds, content)
    before = {p.name: p.read_bytes() for p in content.glob("*.md")}
    report, lines = run_import(export_seeds, content)
    assert report.ok and report.written == () and len(report.unchanged) == len(before)
    assert {p.name: p.read_bytes() for p in content.glob("*.md")} == before
    # a person edits the record of one row: that row's record is kept, the others re-import unchanged
    edited = next(p for p in content.glob("*.md") if read_record(p).seed == "crawl.jsonl:2")
    text = edited.read_text(encoding="utf-8").replace("title: ", "title: Đã sửa - ", 1)
    edited.write_text(text, encoding="utf-8")
    report, lines = run_import(export_seeds, content)
    assert lines == [f"kept your edits: {edited}"]
    assert edited.read_text(encoding="utf-8") == text
    assert len(report.unchanged) == len(before) - 1


def test_rows_that_moved_keep_their_records(export_seeds, tmp_path):
    """A new article at the top of the export shifts every row's line: records
    follow their article's url, never swap content."""
    content = tmp_path / "c"
    run_import(export_seeds, content)
    slug_of = {r.url: r.slug for r in records(content).values()}
    newcomer = json.dumps({"title": "Quận Ba Đình tổ chức ngày hội toàn dân bảo vệ an ninh Tổ quốc",
                           "content": "Sáng 8/8, quận Ba Đình tổ chức ngày hội toàn dân bảo vệ an ninh Tổ quốc tại phường Kim Mã với sự tham gia của hàng nghìn người dân.",
                           "url": "https://example.vn/ba-dinh-ngay-hoi", "date": "2022-08-08"}, ensure_ascii=False)
    jsonl = export_seeds / "crawl.jsonl"
    jsonl.write_text(newcomer + "\n" + jsonl.read_text(encoding="utf-8"), encoding="utf-8")
    report, lines = run_import(export_seeds, content)
    assert report.ok, lines
    after = records(content)
    for record in after.values():
        if record.url in slug_of:
            assert record.slug == slug_of[record.url]
            assert record.title == next(a.title for a in ARTICLES if a.url == record.url)
    assert after["crawl.jsonl:1"].url == "https://example.vn/ba-dinh-ngay-hoi"
    assert after["crawl.jsonl:2"].url == ARTICLES[0].url


def test_html_in_an_export_field_becomes_paragraphs(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    article = ARTICLES[2]
    row = {"title": article.title, "url": article.url, "date": "20/12/2020",
           "content": "".join(f"<p>{p.replace('2.000', '2&#46;000')}</p>" for p in article.paragraphs)}
    (seeds / "x.jsonl").write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    run_import(seeds, tmp_path / "c")
    [record] = records(tmp_path / "c").values()
    assert record.body.split("\n\n") == list(article.paragraphs)
    assert record.date == "2020-12-20"


def test_records_without_url_render_as_before_and_with_url_parse_back():
    from khotin.records import Record, render_record

    plain = Record(title="Bài một", slug="bai-mot", body="Đoạn.")
    assert "url:" not in render_record(plain, stamp=True)
    linked = Record(title="Bài một", slug="bai-mot", body="Đoạn.", source="VOV", url="https://vov.vn/a")
    text = render_record(linked, stamp=True)
    assert "source: VOV\nurl: https://vov.vn/a\nsummary:" in text
    assert parse_record(text, "bai-mot.md").url == "https://vov.vn/a"


def test_every_form_gets_every_field_of_the_test_articles():
    """The table `python -m tests.loader.forms_accuracy` prints, held to: each
    form gives every article, and at most one article misses any one field."""
    from tests.loader import forms_accuracy

    for form in forms_accuracy.FORMS:
        count, scores = forms_accuracy.measure(form)
        assert count == len(ARTICLES), form
        for field, score in scores.items():
            assert score is None if (form, field) == ("text", "url") else score >= 5 / 6, (form, field, score)


@pytest.mark.parametrize("title", [
    "Thông báo",  # too short for the rules to see a headline
    "Công an quận Đống Đa bắt giữ hai đối tượng trộm cắp tài sản tại chợ Kim Liên.",  # reads as a sentence
])
def test_a_stated_title_the_rules_cannot_see_as_a_headline_is_still_the_title(tmp_path, title):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    row = {"title": title, "url": "https://example.vn/tb", "date": "2021-04-02",
           "content": "\n".join(ARTICLES[0].paragraphs)}
    (seeds / "x.jsonl").write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    report, lines = run_import(seeds, tmp_path / "c")
    assert report.ok, lines
    [record] = records(tmp_path / "c").values()
    assert record.title == title
    assert record.body.split("\n\n") == list(ARTICLES[0].paragraphs)
    assert record.summary == ARTICLES[0].paragraphs[0]
    assert not any("Tiêu đề do tệp" in note for note in record.review)
