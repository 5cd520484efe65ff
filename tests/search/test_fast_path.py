"""The search page's first page from the postings (templates/static/postings.js), in a real
browser: it must show what the Pagefind path shows, and need none of Pagefind's files."""

from __future__ import annotations

import json
import shutil
from urllib.parse import urlencode

import pytest

from tests.search.site import assemble, serve
from tests.search.test_search_page import DONE

pytestmark = pytest.mark.slow

# Queries the postings answer whole on the seed site: one word each (a multi-word query
# there has a quoted-phrase tier before the page fills, which goes to Pagefind).
QUERIES = ["nguyễn", "ninh", "quận", "an", "Thành", "2020", "xylophone", "giấy"]


@pytest.fixture(scope="module")
def sites(tmp_path_factory, documents):
    """The seed site with one index whose terms.json does not mention the postings (its
    page takes the Pagefind path: the reference), and with the postings, in one index
    and in four shards (whose postings still score with the whole archive's statistics)."""
    root = tmp_path_factory.mktemp("fast")
    reference = assemble(root, "/pagefind-only/", shards=1)
    terms_path = reference / "pagefind" / "terms.json"
    terms = json.loads(terms_path.read_bytes())
    assert terms.pop("postings")["pages"] == len(documents)
    terms_path.write_text(json.dumps(terms, ensure_ascii=False), encoding="utf-8")
    assemble(root, "/one/", shards=1)
    assemble(root, "/four/", shards=4)
    with serve(root) as origin:
        yield {name: f"{origin}/{name}/" for name in ("pagefind-only", "one", "four")}


def results(browser, site_url, query, block_pagefind=False):
    """(status, [(title, snippet html)], [Pagefind files asked for]) of search/?q=query."""
    context = browser.new_context()
    asked = []

    def refuse(route):
        asked.append(route.request.url)
        route.abort()

    if block_pagefind:  # everything of the bundle but terms.json and the postings
        context.route(lambda url: "/pagefind/" in url and "/pagefind/postings/" not in url
                      and not url.endswith("/terms.json"), refuse)
    try:
        page = context.new_page()
        page.goto(f"{site_url}search/?{urlencode({'q': query})}")
        page.wait_for_selector(DONE, timeout=20_000)
        found = page.eval_on_selector_all(".search-result", "items => items.map(i => ["
                                          "i.querySelector('a').textContent,"
                                          " i.querySelector('.search-result-snippet').innerHTML])")
        return page.inner_text("#search-status"), found, asked
    finally:
        context.close()


@pytest.mark.parametrize("site", ["one", "four"])
@pytest.mark.parametrize("query", QUERIES)
def test_the_postings_answer_as_one_pagefind_index_does_without_pagefind(browser, sites, site, query):
    expected_status, expected, _ = results(browser, sites["pagefind-only"], query)
    status, found, _ = results(browser, sites[site], query, block_pagefind=True)
    assert status == expected_status
    assert [title for title, _ in found] == [title for title, _ in expected]
    assert all("<mark>" in snippet for _, snippet in found), found


def test_the_reference_really_takes_the_pagefind_path(browser, sites):
    """The comparison above means something only if the reference asks Pagefind."""
    status, _, asked = results(browser, sites["pagefind-only"], "nguyễn", block_pagefind=True)
    assert status.startswith("Không tải được chỉ mục tìm kiếm")
    assert any(url.endswith("pagefind.js") for url in asked)


@pytest.mark.parametrize("site", ["one", "four"])
def test_a_query_the_postings_cannot_answer_goes_to_pagefind(browser, sites, site, documents):
    """"dong da" has a quoted-phrase tier before its first page is full."""
    status, found, _ = results(browser, sites[site], "dong da")
    assert found and found[0][0] == next(d.title for d in documents if "Đống Đa" in d.districts)
    status, found, _ = results(browser, sites[site], "dong da", block_pagefind=True)
    assert status.startswith("Không tải được chỉ mục tìm kiếm") and found == []
