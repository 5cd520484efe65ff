"""Small pure pieces: safe Markdown, Vietnamese dates, URLs, config, charts."""

from __future__ import annotations

import datetime as dt

import pytest

from khotin.errors import BuildError
from khotin.site import charts
from khotin.site import urls
from khotin.site.config import load_config
from khotin.build.bodies import FORMAT, BodyStore
from khotin.site.markdown import render_markdown, safe_target
from khotin.site.views import vietnamese_date


@pytest.mark.parametrize("target, safe", [
    ("https://x.vn/a", True), ("http://x.vn", True), ("/bai/x/", True), ("../y", True), ("#p", True),
    ("mailto:a@b.vn", True), ("javascript:alert(1)", False), (" JaVaScRiPt:alert(1)", False),
    ("java\tscript:alert(1)", False), ("javascript&#58;alert(1)", False), ("data:text/html,x", False),
    ("vbscript:x", False), ("//evil.example/x", False),
])
def test_safe_target(target, safe):
    assert (safe_target(target) is not None) is safe


def test_markdown_keeps_raw_html_as_text():
    html = render_markdown('a <script>x()</script> <b onclick="y">b</b>\n\n<iframe src="z"></iframe>')
    assert "<script" not in html and "<b " not in html and "<iframe" not in html
    assert "&lt;script&gt;" in html and "&lt;iframe" in html


def test_markdown_keeps_ordinary_formatting():
    html = render_markdown("**đậm** và *nghiêng*\n\n- một\n- hai\n\n[nguồn](https://x.vn/a)\n\n![ảnh](/a.jpg)")
    assert "<strong>đậm</strong>" in html and "<em>nghiêng</em>" in html and "<li>hai</li>" in html
    assert 'href="https://x.vn/a"' in html and 'src="/a.jpg"' in html and 'alt="ảnh"' in html


def test_loaded_bodies_wait_in_the_store_and_are_rendered_once(tmp_path, monkeypatch):
    import khotin.build.record_cache as loading
    from khotin.records import Record, read_record, render_record
    from khotin.search.documents import plain_text

    content = tmp_path / "content"
    content.mkdir()
    files = []
    for n in range(12):
        files.append(content / f"bai-{n}.md")
        files[-1].write_text(render_record(Record(title=f"Bài {n}", slug=f"bai-{n}",
                                                  body=f"Đoạn **{n}** <i>x</i>\n\nĐoạn hai.")))
    digests = [str(n) for n in range(12)]
    store = BodyStore(tmp_path / "cache")
    cold, hashes = loading.read_records(files, digests, tmp_path / "records.pickle", store, jobs=1)
    assert hashes is None
    assert all(item.record.body == "" for item in cold)
    html = [store.get(item.body_key) for item in cold]
    assert html[3] == "<p>Đoạn <strong>3</strong> &lt;i&gt;x&lt;/i&gt;</p>\n<p>Đoạn hai.</p>"
    assert cold[3].excerpt == "Đoạn 3 <i>x</i>"
    # The search document's text is made from the body as it is loaded, not from the file again.
    texts = [store.text(item.body_key) for item in cold]
    assert texts == [plain_text(read_record(path).body) for path in files] and texts[3] == "Đoạn 3 x Đoạn hai."

    monkeypatch.setattr(loading, "render_many", lambda _: pytest.fail("the store was not used"))
    assert loading.read_records(files, digests, tmp_path / "records.pickle", BodyStore(tmp_path / "cache"),
                                jobs=1)[0] == cold
    monkeypatch.undo()
    # An edit or two: the edited records are parsed again each time rather than the cache rewritten.
    cache_written = (tmp_path / "records.pickle").stat().st_mtime_ns
    original = files[5].read_text()
    files[5].write_text(render_record(Record(title="Bài năm, đã sửa", slug="bai-5", body="Mới.")))
    edited = ["edited" if n == 5 else digest for n, digest in enumerate(digests)]
    for _ in range(2):
        again, _ = loading.read_records(files, edited, tmp_path / "records.pickle", store, jobs=1)
        assert again[5].record.title == "Bài năm, đã sửa" and again[:5] == cold[:5]
    assert (tmp_path / "records.pickle").stat().st_mtime_ns == cache_written
    monkeypatch.setattr(loading, "REPARSE_LIMIT", 0)  # past the limit the cache takes the edits in
    loading.read_records(files, edited, tmp_path / "records.pickle", store, jobs=1)
    assert (tmp_path / "records.pickle").stat().st_mtime_ns != cache_written
    files[5].write_text(original)
    monkeypatch.undo()
    monkeypatch.setattr(loading, "PARALLEL_THRESHOLD", 2)
    memory = BodyStore(None)  # the fallback when no store can be opened: same records, same HTML
    assert loading.read_records(files, digests, None, memory, jobs=2)[0] == cold
    assert [memory.get(item.body_key) for item in cold] == html
    assert [memory.text(item.body_key) for item in cold] == texts


def test_a_build_without_search_stores_no_text_and_search_turned_on_reads_the_bodies_again(tmp_path, monkeypatch):
    import khotin.build.record_cache as loading
    from khotin.records import Record, read_record, render_record
    from khotin.search.documents import plain_text

    files = []
    for n in range(5):
        files.append(tmp_path / f"bai-{n}.md")
        files[-1].write_text(render_record(Record(title=f"Bài {n}", slug=f"bai-{n}", body=f"Đoạn *{n}* [x](/y).")))
    digests = [str(n) for n in range(5)]
    store = BodyStore(tmp_path / "cache")
    made = []
    real_plain_text = loading.plain_text
    monkeypatch.setattr(loading, "plain_text", lambda body: made.append(body) or real_plain_text(body))
    bare, _ = loading.read_records(files, digests, tmp_path / "records.pickle", store, jobs=1, texts=False)
    assert made == [] and store.keys(with_text=True) == set()
    assert store.keys(with_text=False) == {item.body_key for item in bare}
    assert store.text(bare[0].body_key) == "" and store.get(bare[0].body_key).startswith("<p>Đoạn <em>0</em>")
    # Search turned on: the same records, every body read again for its text.
    searched, _ = loading.read_records(files, digests, tmp_path / "records.pickle", store, jobs=1)
    assert searched == bare and len(made) == len(files)
    assert [store.text(item.body_key) for item in searched] == [plain_text(read_record(p).body) for p in files]
    # And off again: the texts already there stay, nothing is parsed.
    monkeypatch.setattr(loading, "render_many", lambda _: pytest.fail("the store was not used"))
    assert loading.read_records(files, digests, tmp_path / "records.pickle", store, jobs=1, texts=False)[0] == bare
    assert store.keys(with_text=True) == store.keys(with_text=False)


def test_a_first_read_hashes_each_file_as_it_parses_it(tmp_path, monkeypatch):
    import hashlib
    import os

    import khotin.build.record_cache as loading
    from khotin.records import Record, render_record
    from khotin.build.output.reuse import stat_key

    files = []
    for n in range(6):
        files.append(tmp_path / f"bai-{n}.md")
        files[-1].write_text(render_record(Record(title=f"Bài {n}", slug=f"bai-{n}", body=f"Đoạn {n}.")))
    monkeypatch.setattr(loading, "PARALLEL_THRESHOLD", 2)
    for jobs in (1, 2):
        loaded, hashes = loading.read_records(files, None, tmp_path / f"records-{jobs}.pickle",
                                              BodyStore(tmp_path / f"cache-{jobs}"), jobs=jobs)
        assert [item.record.slug for item in loaded] == [f"bai-{n}" for n in range(6)]
        assert hashes == [(stat_key(os.stat(path)), hashlib.sha256(path.read_bytes()).hexdigest())
                          for path in files]


@pytest.mark.parametrize("value, text", [
    (dt.datetime(2020, 12, 29, 19, 0), "Thứ Ba, 29/12/2020, 19:00"),
    (dt.date(2020, 5, 31), "Chủ Nhật, 31/05/2020"),
    (dt.datetime(2021, 1, 2, 7, 5), "Thứ Bảy, 02/01/2021, 07:05"),
])
def test_vietnamese_date(value, text):
    assert vietnamese_date(value) == text


def test_urls():
    assert urls.article("x") == "bai/x/"
    assert urls.month(2020, 5) == "luu-tru/2020/05/"
    assert urls.numbered("the/a/", 1) == "the/a/" and urls.numbered("the/a/", 3) == "the/a/trang/3/"
    assert urls.output_file("") == "index.html" and urls.output_file("404.html") == "404.html"
    assert [(s.start, s.stop) for s in urls.paginate(5, 2)] == [(0, 2), (2, 4), (4, 5)]
    assert len(urls.paginate(0, 2)) == 1


def test_config(tmp_path):
    path = tmp_path / "khotin.toml"
    path.write_text('title = "A"\nbase_url = "https://example.org/kho"\npage_size = 5\n', encoding="utf-8")
    config = load_config(path)
    assert (config.title, config.page_size, config.base_path) == ("A", 5, "/kho/")
    assert config.absolute_url("bai/x/") == "https://example.org/kho/bai/x/"
    assert load_config(path, base_url="/").url("the/") == "/the/"
    path.write_text('title = "A"\npage_size = "many"\n', encoding="utf-8")
    with pytest.raises(BuildError, match=r"khotin\.toml:2: 'page_size'"):
        load_config(path)
    path.write_text('title = "A\n', encoding="utf-8")
    with pytest.raises(BuildError, match=r"khotin\.toml:1: "):
        load_config(path)
    path.write_text('title = "A"\nsearch_shards = -1\n', encoding="utf-8")
    with pytest.raises(BuildError, match=r"khotin\.toml:2: 'search_shards'"):
        load_config(path)
    path.write_text('search_shards = 8\n', encoding="utf-8")
    assert load_config(path).search_shards == 8
    path.write_text('title = "A"\nfeed_full_text = "some"\n', encoding="utf-8")
    with pytest.raises(BuildError, match=r"khotin\.toml:2: 'feed_full_text' should be one of \"site\", \"all\""):
        load_config(path)


def test_timeline_bars_scale_and_link():
    chart = charts.timeline([(2019, 1, "/luu-tru/2019/"), (2021, 4, "/luu-tru/2021/")])
    assert [b.label for b in chart.bars] == ["2019", "2021"]
    assert chart.bars[1].height == pytest.approx(4 * chart.bars[0].height, rel=0.01)
    assert chart.bars[0].x < chart.bars[1].x


def test_map_puts_north_up_and_east_right():
    places = [charts.Place("Bắc", "/a/", 1, 21.1, 105.8), charts.Place("Đông", "/b/", 1, 21.0, 106.7),
              charts.Place("Không rõ", "/c/", 1, None, None)]
    chart = charts.district_map(places)
    north, east = chart.points
    assert north.y < east.y and north.x < east.x
    assert [u.label for u in chart.unplaced] == ["Không rõ"]


def test_a_body_store_that_cannot_be_written_stops_the_build_with_one_line(tmp_path):
    store = BodyStore(tmp_path / "cache")
    store.put_many([("a", "<p>một</p>", "một")])
    assert store.get("a") == "<p>một</p>" and store.text("a") == "một"
    store._connection().execute("PRAGMA query_only = ON")  # as good as a full disk, for SQLite
    with pytest.raises(BuildError, match=r"bodies-\d+\.sqlite: cannot store rendered bodies"):
        store.put_many([("b", "<p>hai</p>", "hai")])
    store.keep_only(set())  # pruning is best effort: no error
    assert store.get("a") == "<p>một</p>"


def test_a_body_store_of_an_older_format_is_not_misread_and_goes(tmp_path):
    import sqlite3

    old = sqlite3.connect(tmp_path / "bodies.sqlite")  # format 1: HTML only
    with old:
        old.execute("CREATE TABLE bodies (key TEXT PRIMARY KEY, html TEXT NOT NULL)")
        old.execute("INSERT INTO bodies VALUES ('a', '<p>cũ</p>')")
    old.close()
    store = BodyStore(tmp_path)
    assert store.keys() == set(), "a body without its text would be taken as complete"
    store.put_many([("a", "<p>mới</p>", "mới")])
    store.freeze()
    assert store.get("a") == "<p>mới</p>" and store.text("a") == "mới"
    assert [p.name for p in tmp_path.iterdir()] == [f"bodies-{FORMAT}.sqlite"], "the old store was left on disk"


def test_a_damaged_body_store_is_started_again_on_disk(tmp_path):
    """The store skips fsync (a cache): a machine that crashed mid-write may leave it damaged."""
    store = BodyStore(tmp_path)
    store.put_many([("a", "<p>một</p>", "một")])
    store.close()
    path = tmp_path / f"bodies-{FORMAT}.sqlite"
    path.write_bytes(b"\x00garbage, as a torn write may leave\n" * 200)
    again = BodyStore(tmp_path)
    assert again.keys() == set() and again.on_disk, "damaged: neither misread nor kept in memory"
    again.put_many([("b", "<p>hai</p>", "hai")])
    again.freeze()
    assert again.get("b") == "<p>hai</p>" and again.get("a") == ""


def test_a_frozen_body_store_reads_and_writes_nothing(tmp_path):
    folder = tmp_path / "thư mục có dấu cách"
    store = BodyStore(folder)
    store.put_many([("a", "<p>một</p>", "một")])
    store.freeze()
    fresh = BodyStore(folder)
    fresh.freeze()
    assert fresh.get("a") == "<p>một</p>" and fresh.get("zzz") == ""
    assert fresh.reader().text("a") == "một" and fresh.text("zzz") == ""
    with pytest.raises(BuildError, match="cannot store rendered bodies"):
        fresh.put_many([("b", "<p>hai</p>", "hai")])
    next(folder.glob("bodies-*.sqlite")).unlink()
    gone = BodyStore(folder)
    gone.freeze()
    with pytest.raises(BuildError, match="cannot read rendered bodies"):
        gone.get("a")


def test_a_card_repr_changes_with_every_field():
    """View keys hold a card's repr; a field missing from it would leave pages stale."""
    import dataclasses

    from khotin.site.views import ArticleCard, Link

    card = ArticleCard("/bai/a/", "Tiêu đề", "Dẫn", "Thứ Ba, 29/12/2020", "2020-12-29", "Tóm tắt",
                       (Link("/quan-huyen/ba-dinh/", "Ba Đình"),))
    for field in dataclasses.fields(card):
        if field.compare:
            other = dataclasses.replace(card, **{field.name: ("khác",) if field.name == "places" else "khác"})
            assert repr(other) != repr(card), field.name
    assert repr(card) == repr(dataclasses.replace(card))
