"""A reader in a real browser (Debian's chromium via Playwright) on the seed site."""

from __future__ import annotations

import re
from contextlib import contextmanager
from urllib.parse import urljoin, urlsplit

import pytest

from sitekit import DESKTOP, PHONE, REQUIRED_PAGE_TYPES, WIDE_ELEMENTS_JS, page_types

pytestmark = pytest.mark.slow


@contextmanager
def watched_page(browser, viewport=DESKTOP, javascript=True):
    """A fresh page that records script errors, console errors and failed requests."""
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}")
            if msg.type == "error" and "Failed to load resource" not in msg.text else None)
    # ERR_ABORTED is a request the browser dropped because the page navigated away
    # (submitting the search form while the index still loads), not a broken resource.
    page.on("requestfailed", lambda request: problems.append(f"request failed: {request.url} ({request.failure})")
            if request.failure != "net::ERR_ABORTED" else None)

    def on_response(response):
        if response.status >= 400 and response.request.resource_type != "document":
            problems.append(f"HTTP {response.status}: {response.url}")
    page.on("response", on_response)
    page.problems = problems
    try:
        yield page
    finally:
        context.close()


def visit(page, url: str, status: int = 200):
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == status, f"{url}: HTTP {response and response.status}"
    assert page.locator("h1").count() >= 1, f"{url} has no <h1>"
    return response


def follow(page, scope: str, path_regex: str, what: str) -> str:
    """Click the first visible link inside `scope` (CSS) whose resolved URL path matches
    `path_regex`; return the URL it led to."""
    regex = re.compile(path_regex)
    links = page.locator(f"{scope} a[href]")
    for index in range(links.count()):
        link = links.nth(index)
        target = urlsplit(urljoin(page.url, link.get_attribute("href"))).path
        if regex.fullmatch(target) and link.is_visible() and _hittable(link):
            with page.expect_navigation(wait_until="load"):
                link.click()
            assert page.locator("h1").count() >= 1, f"{page.url} (a {what}) has no <h1>"
            return page.url
    raise AssertionError(f"{page.url}: no visible {what} (a link in {scope!r} to {path_regex})")


def _hittable(link) -> bool:
    """True when a pointer at the link's centre lands on the link (nothing covers it)."""
    link.scroll_into_view_if_needed()
    return link.evaluate("""a => { const r = a.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return !!hit && hit.closest('a') === a; }""")


def base_path(site) -> str:
    return urlsplit(site.url).path


@pytest.mark.parametrize("where", ["root", "subpath"])
def test_reader_path_from_map_to_article_tag_year_and_home(browser, seed_site, where):
    from khotin.site import urls

    site = getattr(seed_site, where)
    base = base_path(site)
    with watched_page(browser) as page:
        visit(page, site.url)
        follow(page, "svg", rf"{base}{urls.DISTRICT}/[^/]+/", "district point of the map")
        follow(page, "main", rf"{base}{urls.ARTICLE}/[^/]+/", "article link on the district page")
        assert page.locator("article").count() >= 1, f"{page.url}: no <article>"
        follow(page, "main", rf"{base}{urls.TAG}/[^/]+/", "tag link of the article")
        year = rf"{base}{urls.ARCHIVE}/\d{{4}}/"
        try:
            follow(page, "body", year, "year link on the tag page")
        except AssertionError:
            follow(page, "nav", rf"{base}{urls.ARCHIVES}", "archive link of the menu")
            follow(page, "main", year, "year link of the archive")
        follow(page, "header", base, "link home in the header")
        assert page.url == site.url
        assert page.problems == []


def test_map_and_timeline_work_without_javascript(browser, seed_site):
    from khotin.site import urls

    base = base_path(seed_site.root)
    with watched_page(browser, javascript=False) as page:
        visit(page, seed_site.root.url)
        points = page.locator(f'svg a[href^="{base}{urls.DISTRICT}/"]')
        bars = page.locator(f'svg a[href^="{base}{urls.ARCHIVE}/"]')
        assert points.count() >= 1, "the district map has no linked point"
        assert bars.count() >= 1, "the timeline has no linked bar"
        follow(page, "svg", rf"{base}{urls.DISTRICT}/[^/]+/", "district point of the map")
        visit(page, seed_site.root.url)
        follow(page, "svg", rf"{base}{urls.ARCHIVE}/\d{{4}}/", "bar of the timeline")


def test_every_map_point_can_be_clicked(browser, seed_site):
    from khotin.site import urls

    with watched_page(browser) as page:
        visit(page, seed_site.root.url)
        points = page.locator(f'svg a[href^="/{urls.DISTRICT}/"]')
        assert points.count() >= 1
        covered = [points.nth(i).get_attribute("aria-label") or points.nth(i).get_attribute("href")
                   for i in range(points.count()) if not _hittable(points.nth(i))]
        assert covered == [], f"map points covered by others, so a pointer cannot reach them: {covered}"


def test_search_page_finds_an_article(browser, seed_site):
    from khotin.site import urls

    site = seed_site.subpath
    article = page_types(site.dir)["article"]
    with watched_page(browser) as page:
        visit(page, site.url + article)
        word = max(re.findall(r"\w{5,}", page.locator("h1").first.inner_text()), key=len)
        visit(page, site.url + f"{urls.SEARCH}/")
        box = page.locator('input[type="search"], input[type="text"]').first
        box.wait_for(state="visible", timeout=15_000)
        box.fill(word)
        box.press("Enter")
        results = page.locator(f'main a[href*="/{urls.ARTICLE}/"]')
        results.first.wait_for(state="visible", timeout=15_000)
        href = results.first.get_attribute("href")
        assert urlsplit(urljoin(page.url, href)).path.startswith(base_path(site)), href
        assert page.problems == []


@pytest.mark.parametrize("where", ["root", "subpath"])
def test_404_page_is_served_whole_at_any_depth(browser, seed_site, where):
    site = getattr(seed_site, where)
    with watched_page(browser) as page:
        visit(page, site.url + "khong-co/trang/nay/", status=404)
        sheets = page.evaluate("() => [...document.styleSheets].map(s => { try { return s.cssRules.length } catch (e) { return -1 } })")
        assert sheets and all(n > 0 for n in sheets), "the 404 page's stylesheet did not load"
        home = page.locator(f'a[href="{base_path(site)}"], a[href="{site.url}"]')
        assert home.count() >= 1, "the 404 page has no link home"
        assert page.problems == []


def _no_horizontal_scroll(browser, site, viewport):
    overflowing = []
    with watched_page(browser, viewport=viewport) as page:
        types = page_types(site.dir)
        for name, path in types.items():
            page.goto(site.url + path, wait_until="load")
            width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
            if width[0] > width[1]:
                wide = page.evaluate(WIDE_ELEMENTS_JS)
                overflowing.append(f"{name} ({path or '/'}): scrollWidth {width[0]} > {width[1]}; {wide}")
        assert set(REQUIRED_PAGE_TYPES) <= set(types), f"missing page types: {set(REQUIRED_PAGE_TYPES) - set(types)}"
    return overflowing


def test_phone_viewport_never_scrolls_sideways(browser, seed_site):
    overflowing = _no_horizontal_scroll(browser, seed_site.root, PHONE)
    assert overflowing == [], "\n".join(overflowing)


def test_desktop_viewport_never_scrolls_sideways(browser, seed_site):
    overflowing = _no_horizontal_scroll(browser, seed_site.root, DESKTOP)
    assert overflowing == [], "\n".join(overflowing)


def test_keyboard_alone_reaches_every_link_of_the_home_page(browser, seed_site):
    with watched_page(browser) as page:
        visit(page, seed_site.root.url)
        visible = set(page.evaluate("""() => [...document.querySelectorAll('a[href], area[href]')]
            .filter(a => { const r = a.getBoundingClientRect();
                           return r.width > 0 && r.height > 0 && getComputedStyle(a).visibility !== 'hidden'; })
            .map(a => new URL(a.getAttribute('href'), document.baseURI).href)"""))
        assert visible, "the home page shows no link"
        focused: set[str] = set()
        first = None
        for _ in range(len(visible) * 2 + 40):
            page.keyboard.press("Tab")
            href = page.evaluate("""() => { const a = document.activeElement;
                const h = a && a.getAttribute && a.getAttribute('href');
                return h ? new URL(h, document.baseURI).href + '|' + (a.outerHTML.length) + '|' +
                       [...document.querySelectorAll('*')].indexOf(a) : null; }""")
            if href is None:
                continue
            if href == first:
                break
            first = first or href
            focused.add(href.split("|")[0])
        assert visible - focused == set(), "links the Tab key never reaches"
