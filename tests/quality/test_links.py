"""A crawler over HTTP finds no broken link on the seed site, served at `/` and under `/kho/`."""

from __future__ import annotations

import pytest

from crawler import crawl
from sitekit import html_pages

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("where", ["root", "subpath"])
def test_no_broken_link(seed_site, where):
    site = getattr(seed_site, where)
    starts = [site.url, site.url + "sitemap.xml", site.url + "robots.txt"]
    result = crawl(starts, site.url)
    missing = site.url + "khong-co/trang/nay/"
    from_404 = crawl([missing], site.url, missing_start=(missing,))
    broken = result.broken + from_404.broken
    reached = {url for url, status in result.fetched.items() if status == 200}
    unreached = [path for path in html_pages(site.dir)
                 if path != "404.html" and site.url + path not in reached]
    print(f"{where}: {len(result.fetched)} URLs fetched, {len(broken)} broken, "
          f"{len(result.external)} external links not fetched")
    assert broken == [], "\n".join(broken)
    assert unreached == [], "pages no link leads to"
