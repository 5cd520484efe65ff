"""khotin's search engine in a real browser, over an archive larger than a page of results:
"Xem thêm", quoted phrases, filters with their counts, and listings by filters alone."""

from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import replace
from urllib.parse import urlencode

import pytest

from khotin.build.pipeline import build_site
from khotin.vietnamese.fold import fold
from sitekit import synthetic_record, write_records
from tests.search.site import REPO, TEMPLATES, serve
from tests.search.test_search_page import DONE

pytestmark = pytest.mark.slow

COUNT = 121  # past six pages of 20, and a tag on more than one
FILLER = "Cán bộ và nhân dân cùng tham gia giữ gìn trật tự ở khu dân cư."
# Two articles for the phrase: one has "tím than" once, as a phrase; the other has both
# words many times, never together, so it scores higher on the bare words.
TOGETHER = "Bà mặc áo màu tím than đến dự buổi họp."
APART = " ".join(["Than đá chất thành đống.", FILLER, "Hoa màu tím nở bên đường."] * 4)


def _records():
    records = [synthetic_record(number) for number in range(COUNT)]
    records.append(replace(synthetic_record(COUNT), slug="ghep-tu-lien", title="Một buổi họp tổ dân phố",
                           body=f"{FILLER} {TOGETHER} {FILLER}", summary=None))
    records.append(replace(synthetic_record(COUNT + 1), slug="ghep-tu-roi", title="Chuyện bên đường",
                           body=APART, summary=None))
    return records


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("engine")
    records = _records()
    write_records(root / "content", records)
    config = root / "khotin.toml"
    config.write_text((REPO / "khotin.toml").read_text(encoding="utf-8") + "\nsearch_shards = 4\n", encoding="utf-8")
    build_site(root / "content", TEMPLATES, root / "www", base_url="http://127.0.0.1/", config_path=config)
    with serve(root / "www") as origin:
        yield origin + "/", records


def _words(record) -> set[str]:
    text = " ".join([record.title, record.body, record.summary or "", *record.tags])
    return set(re.findall(r"\w+", fold(text).lower()))


@contextmanager
def _opened(browser, url, **params):
    """The search page at search/?params, once it has answered."""
    page = browser.new_page()
    try:
        page.goto(f"{url}search/?{urlencode(params)}")
        page.wait_for_selector(DONE, timeout=20_000)
        yield page
    finally:
        page.close()


def _titles(page) -> list[str]:
    return page.eval_on_selector_all(".search-result a", "links => links.map(a => a.textContent)")


def test_more_results_come_page_by_page_without_repeats_until_every_match_is_shown(browser, archive):
    url, records = archive
    expected = {r.title for r in records if any(w.startswith("phong") for w in _words(r))}
    assert len(expected) > 40
    with _opened(browser, url, q="phong") as page:
        seen = [len(_titles(page))]
        while page.is_visible("#search-more"):
            page.click("#search-more")
            page.wait_for_function(f"document.querySelectorAll('.search-result').length > {seen[-1]}")
            seen.append(len(_titles(page)))
        titles = _titles(page)
        assert seen[:3] == [20, 40, 60], seen
        assert len(titles) == len(set(titles)), "a result shown twice"
        assert set(titles) == expected
        assert page.inner_text("#search-status").startswith(f"{len(expected)} kết quả")


def test_a_phrase_puts_the_page_with_its_words_together_before_pages_with_them_apart(browser, archive):
    url, records = archive
    with _opened(browser, url, q="tim than") as page:
        titles = _titles(page)
    together, apart = (next(r.title for r in records if r.slug == slug) for slug in ("ghep-tu-lien", "ghep-tu-roi"))
    assert titles[:2] == [together, apart], titles


def test_a_word_that_starts_no_indexed_word_finds_nothing(browser, archive):
    url, _ = archive
    with _opened(browser, url, q="phongx") as page:
        assert _titles(page) == []
        assert page.inner_text("#search-status").startswith("Không tìm thấy kết quả nào")


def test_filter_lists_give_every_value_with_its_count(browser, archive):
    url, records = archive
    with _opened(browser, url, q="phong") as page:
        page.wait_for_selector("#search-filters:not([hidden])")
        years = page.eval_on_selector_all("#search-year option", "options => options.map(o => o.textContent)")
        tags = page.eval_on_selector_all("#search-tag option", "options => options.map(o => o.textContent)")
    by_year: dict[str, int] = {}
    by_tag: dict[str, int] = {}
    for record in records:
        by_year[record.date[:4]] = by_year.get(record.date[:4], 0) + 1
        for tag in record.tags:
            by_tag[tag] = by_tag.get(tag, 0) + 1
    assert years[1:] == [f"{year} ({count})" for year, count in sorted(by_year.items(), reverse=True)]
    assert sorted(tags[1:]) == sorted(f"{tag} ({count})" for tag, count in by_tag.items())


def test_a_query_with_two_filters_finds_the_pages_that_match_all_three(browser, archive):
    url, records = archive
    year, tag = "2018", records[3].tags[0]
    expected = {r.title for r in records if r.date.startswith(year) and tag in r.tags
                and any(w.startswith("phong") for w in _words(r))}
    assert expected
    with _opened(browser, url, q="phong", year=year, tag=tag) as page:
        assert set(_titles(page)) == expected


def test_a_listing_by_filters_alone_is_newest_first_across_pages(browser, archive):
    url, records = archive
    tag = max({t for r in records for t in r.tags}, key=lambda t: (sum(t in r.tags for r in records), t))
    tagged = sorted((r for r in records if tag in r.tags), key=lambda r: r.date, reverse=True)
    assert len(tagged) > 20
    with _opened(browser, url, tag=tag) as page:
        page.click("#search-more")
        page.wait_for_function("document.querySelectorAll('.search-result').length > 20")
        assert _titles(page) == [r.title for r in tagged[:40]]
