"""The search page in a real browser, on the seed articles, at / and under a subpath."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest

from tests.search.site import assemble, serve

pytestmark = pytest.mark.slow

DONE = "#search-status[data-state='done'], #search-status[data-state='empty'], #search-status[data-state='error']"


@pytest.fixture(scope="module", params=[("/", 0), ("/luu-tru/kho-tin/", 0), ("/luu-tru/", 4)],
                ids=["root", "subpath", "subpath-4-shards"])
def site(request, tmp_path_factory, documents):
    """The seed site; the last one makes its index in four shards, as a large archive's is."""
    base_path, shards = request.param
    root = tmp_path_factory.mktemp("www")
    assemble(root, base_path, shards=shards)
    with serve(root) as origin:
        yield origin + base_path


def search(browser, site_url, **params):
    """Open search/?… and return (status text, [(title, href, snippet html)])."""
    page = browser.new_page()
    try:
        page.goto(f"{site_url}search/?{urlencode(params)}")
        page.wait_for_selector(DONE, timeout=20_000)
        status = page.inner_text("#search-status")
        results = page.eval_on_selector_all(
            ".search-result", "items => items.map(i => [i.querySelector('a').textContent,"
            " i.querySelector('a').getAttribute('href'), i.querySelector('.search-result-snippet').innerHTML])")
        return status, results
    finally:
        page.close()


def by(documents, predicate):
    matches = [d for d in documents if predicate(d)]
    assert len(matches) == 1, matches
    return matches[0]


@pytest.mark.parametrize("query", ["dong da", "Đống Đa", "DONG DA"])
def test_dong_da_any_spelling_finds_the_dong_da_report_first(browser, site, documents, query):
    expected = by(documents, lambda d: "Đống Đa" in d.districts)
    status, results = search(browser, site, q=query)
    assert results, status
    assert results[0][0] == expected.title
    assert "<mark>Đống</mark> <mark>Đa</mark>" in results[0][2]


@pytest.mark.parametrize("query", ["chi thi 09", "09-CT/TW", "chỉ thị 09"])
def test_directive_09_finds_the_ha_noi_report(browser, site, documents, query):
    expected = by(documents, lambda d: "09-CT/TW" in d.title)
    status, results = search(browser, site, q=query)
    assert results, status
    assert results[0][0] == expected.title


@pytest.mark.parametrize("query, district", [("hong bang", "Hồng Bàng"), ("nam tu liem", "Nam Từ Liêm"),
                                             ("Ba Đình", "Ba Đình")])
def test_district_names_without_marks_find_their_report(browser, site, documents, query, district):
    expected = by(documents, lambda d: district in d.districts)
    status, results = search(browser, site, q=query)
    assert results, status
    assert results[0][0] == expected.title


def test_links_point_into_the_site(browser, site, documents):
    _, results = search(browser, site, q="an ninh")
    assert len(results) == len(documents)
    path = "/" + site.split("/", 3)[3]
    assert {href for _, href, _ in results} == {path + d.url for d in documents}


def test_a_word_found_nowhere_says_so(browser, site):
    status, results = search(browser, site, q="xylophone")
    assert results == []
    assert "Không tìm thấy kết quả nào cho “xylophone”" in status


def test_district_filter_narrows_results(browser, site, documents):
    _, everything = search(browser, site, q="an ninh")
    status, narrowed = search(browser, site, q="an ninh", district="Nam Từ Liêm")
    expected = by(documents, lambda d: "Nam Từ Liêm" in d.districts)
    assert len(everything) > 1
    assert [title for title, _, _ in narrowed] == [expected.title], status


def test_year_filter_alone_lists_that_year_newest_first(browser, site, documents):
    status, results = search(browser, site, year="2020")
    newest_first = sorted((d for d in documents if d.year == 2020), key=lambda d: d.date, reverse=True)
    assert len(newest_first) > 1
    assert [t for t, _, _ in results] == [d.title for d in newest_first], status


def test_tag_filter_alone_lists_every_article_with_it_newest_first_undated_last(browser, site, documents):
    # the undated seed's most shared tag (the tagger decides which: not keyed to its text)
    undated = next(d for d in documents if d.date is None)
    tag = max(undated.tags, key=lambda t: (sum(t in d.tags for d in documents), t))
    tagged = [d for d in documents if tag in d.tags]
    assert len(tagged) >= 2 and len({d.date for d in tagged}) == len(tagged)
    status, results = search(browser, site, tag=tag)
    newest_first = sorted(tagged, key=lambda d: d.date or "", reverse=True)
    assert [t for t, _, _ in results] == [d.title for d in newest_first], status


@pytest.fixture(scope="module")
def site_without_index(tmp_path_factory, documents):
    root = tmp_path_factory.mktemp("bare")
    assemble(root, "/", with_index=False)
    with serve(root) as origin:
        yield origin + "/"


def test_missing_index_says_it_could_not_load(browser, site_without_index):
    status, results = search(browser, site_without_index, q="dong da")
    assert results == []
    assert status.startswith("Không tải được chỉ mục tìm kiếm")


def test_without_javascript_the_page_says_search_needs_it(browser, site):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site}search/?q=dong+da")
        assert "cần bật JavaScript" in page.inner_text("main")
    finally:
        context.close()


@pytest.fixture(scope="module")
def whole_and_split(tmp_path_factory, documents):
    """The seed site twice: its index made in one shard, and in four."""
    root = tmp_path_factory.mktemp("pair")
    assemble(root, "/whole/", shards=1)
    assemble(root, "/split/", shards=4)
    with serve(root) as origin:
        yield origin + "/whole/", origin + "/split/"


@pytest.mark.parametrize("query", ["nguyễn", "trương", "thượng", "luôn", "giấy khen", "dong da", "chi thi 09", "an ninh"])
def test_a_split_index_finds_what_one_index_finds(browser, whole_and_split, query):
    """Each shard's share is joined into files of the whole archive: the shards must not show."""
    whole, split = whole_and_split
    _, expected = search(browser, whole, q=query)
    status, found = search(browser, split, q=query)
    assert expected, "the query should find something"
    assert sorted(title for title, _, _ in found) == sorted(title for title, _, _ in expected), status
